// The tables the knowledge compiler builds in memory (knowledge::Loader fills them from the
// sources) before the snapshot writer lays them out in a file (snapshot_writer.hpp). Internal to
// src/knowledge/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "knowledge/string_index.hpp"
#include "newsgraph/vocab/types.hpp"

namespace newsgraph::knowledge {

/// The source of a surface, strongest first (see the file comment of knowledge.cpp).
enum class Rank : int { Country = 0, Organization = 1, City = 2, Region = 3, Subdivision = 4 };

/// An entry as the compiler builds it; the snapshot stores it as a LexiconEntry.
struct Draft {
  EntityType type = EntityType::Place;
  std::string canonical;     ///< the name a node takes
  std::string kind;          ///< one of the kinds LexiconEntry::kind() names
  std::string country_code;  ///< ISO 3166-1 alpha-2 where known, else empty
  std::string wikidata;      ///< "Q159", or empty
  std::string aliases;       ///< other names, separated by U+001F
  bool has_coordinates = false;
  double latitude = 0;
  double longitude = 0;
  std::uint32_t population = 0;
};

/// A key of the entity index: a surface's entry, and whether it is also the beginning (whole
/// tokens) of a longer surface. A key that is only such a beginning has no entry.
struct Slot {
  Rank rank = Rank::Subdivision;
  const Draft* entry = nullptr;
  bool extends = false;
};

/// Everything the compiler knows; filled once by the Loader, then written to a snapshot.
struct Tables {
  std::deque<Draft> entries;  // stable addresses: slots point into it
  StringMap<Slot> entities;
  std::size_t max_entity_tokens = 0;

  StringSet titles;
  StringSet title_starts;  // the first word of every title, lower case
  std::size_t max_title_tokens = 0;
  StringSet title_modifiers;
  StringSet org_heads;
  StringSet org_suffixes;

  StringMap<const std::string*> demonyms;  // demonym -> country entry's code
  StringMap<const Draft*> countries;       // alpha-2 -> country entry

  StringSet given_names;
  StringSet particles;
  std::string words_blob;  // the word list; common_words views into it
  StringSet common_words;
  StringSet never;
  StringSet place_prefixes;
  StringSet place_heads;
  /// (formal given name, short form) pairs of data/nicknames.txt, as written, in file order.
  std::vector<std::pair<std::string, std::string>> nicknames;
  /// The number of entries each source added, in the order the sources were read.
  std::vector<std::pair<std::string, std::size_t>> counts;
};

}  // namespace newsgraph::knowledge
