// The tables of a loaded Knowledge: what the queries of knowledge.cpp read and the Loader
// (loader.hpp) fills. Internal to src/knowledge/.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "knowledge/string_index.hpp"
#include "newsgraph/knowledge/knowledge.hpp"

namespace newsgraph {
namespace knowledge {

/// The source of a surface, strongest first (see the file comment of knowledge.cpp).
enum class Rank : int { Country = 0, Organization = 1, City = 2, Region = 3, Subdivision = 4 };

/// A key of the entity index: a surface's entry, and whether it is also the beginning (whole
/// tokens) of a longer surface. A key that is only such a beginning has no entry.
struct Slot {
  Rank rank = Rank::Subdivision;
  const LexiconEntry* entry = nullptr;
  bool extends = false;
};

}  // namespace knowledge

/// Everything a Knowledge knows; filled once by knowledge::Loader, then only read.
struct Knowledge::Impl {
  std::deque<LexiconEntry> entries;  // stable addresses: entity() returns pointers into it
  knowledge::StringMap<knowledge::Slot> entities;
  std::size_t max_entity_tokens = 0;

  knowledge::StringSet titles;
  knowledge::StringSet title_starts;  // the first word of every title, lower case
  std::size_t max_title_tokens = 0;
  knowledge::StringSet title_modifiers;
  knowledge::StringSet org_heads;
  knowledge::StringSet org_suffixes;

  knowledge::StringMap<const std::string*> demonyms;    // demonym -> country entry's code
  knowledge::StringMap<const LexiconEntry*> countries;  // alpha-2 -> country entry

  knowledge::StringSet given_names;
  knowledge::StringSet particles;
  std::string words_blob;  // the word list; common_words views into it
  knowledge::StringSet common_words;
  knowledge::StringSet never;
  knowledge::StringSet place_prefixes;
  knowledge::StringSet place_heads;
  /// (formal given name, short form) pairs of data/nicknames.txt, as written, in file order.
  std::vector<std::pair<std::string, std::string>> nicknames;
};

}  // namespace newsgraph
