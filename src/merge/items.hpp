// What the steps of the merge share: the items (every entity of every article, with its surface
// forms and their rule-1 keys) and the name keys of keys.cpp; the name rules the merge shares
// with within-article resolution come from resolve/names.hpp. Internal to src/merge/.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "merge/linker.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "resolve/names.hpp"

namespace newsgraph::merging {

// The name rules shared with resolve (resolve/names.hpp).
using names::acronym_letters;
using names::Folder;
using names::org_core_words;
using names::org_initials;

/// `words` from index `from` on, joined by single spaces.
inline std::string join(const std::vector<std::string>& words, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

/// One surface form of an entity (its name or an alias) as the rules see it.
struct Form {
  std::string text;
  std::vector<std::string> folded;  ///< folded words
  std::vector<std::string> norm;    ///< persons: normalised words; others: the key words
  std::string key;                  ///< the rule-1 key, type-prefixed
  std::string bare_key;             ///< places: the key without the country code
  bool is_name = false;             ///< the entity's name rather than an alias
};

/// One entity of one article, with its forms.
struct Item {
  std::size_t article = 0;  ///< position in the sorted article order
  std::size_t entity = 0;   ///< index in that article's entities
  const Entity* e = nullptr;
  std::vector<Form> forms;  ///< forms[0] is the name
  std::size_t mention_count = 0;
};

/// An entity that the type vote of merge.cpp gave another type: where it is (given article
/// order), its type before, and the mentions of its name with each type.
struct Retyping {
  std::size_t article, entity;
  EntityType from;
  std::size_t own, other;  // mentions of the name with each type
};

/// The articles of a merge in canonical order, and their entities as items.
struct Corpus {
  const std::vector<ArticleResult>& articles;     ///< as given
  std::vector<std::size_t> order;                 ///< canonical position -> given index
  std::vector<Item> items;                        ///< by canonical article, then entity
  std::vector<std::vector<std::size_t>> item_of;  ///< given article -> entity -> item
  /// The article of item `it`.
  const ArticleResult& article_of(const Item& it) const { return articles[order[it.article]]; }
};

// ---- keys.cpp: name keys ----------------------------------------------------

/// A folded person-name token in the form spelling variants share (see rule 1).
std::string normalise_person_token(std::string t);
/// The form `text` of entity `e` (its name when `is_name`, else an alias), with its key.
Form make_form(const Entity& e, const std::string& text, bool is_name, Folder& folder);

}  // namespace newsgraph::merging
