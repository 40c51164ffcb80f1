// What the steps of the merge share: the items (every entity of every article, with its surface
// forms and their rule-1 keys), the memoised folding they are keyed by, and the name rules of
// keys.cpp that later rules reuse. Internal to src/merge/.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "merge/linker.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph::merging {

/// Knowledge::fold split into words, memoised (folding runs an ICU transliterator).
class Folder {
 public:
  explicit Folder(const Knowledge& kb) : kb_(kb) {}
  const std::vector<std::string>& words(const std::string& s) {
    auto it = cache_.find(s);
    if (it != cache_.end()) return it->second;
    std::vector<std::string> out;
    const std::string folded = kb_.fold(s);
    std::size_t i = 0;
    while (i < folded.size()) {
      while (i < folded.size() && folded[i] == ' ') ++i;
      std::size_t j = i;
      while (j < folded.size() && folded[j] != ' ') ++j;
      if (j > i) out.emplace_back(folded.substr(i, j - i));
      i = j;
    }
    return cache_.emplace(s, std::move(out)).first->second;
  }
  const Knowledge& kb() const { return kb_; }

 private:
  const Knowledge& kb_;
  std::unordered_map<std::string, std::vector<std::string>> cache_;
};

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
/// The letters of an acronym name ("UN", "U.N.", "NATO"), upper case; empty when `s` is not
/// 2-6 ASCII capitals, either plain or each followed by a period.
std::string acronym_letters(std::string_view s);
/// The spellings of an organization's initials: every part of hyphenated words counted,
/// or only the first part. Spellings shorter than two letters are left out.
std::set<std::string> org_initials(const std::string& name, Folder& folder);
/// The form `text` of entity `e` (its name when `is_name`, else an alias), with its key.
Form make_form(const Entity& e, const std::string& text, bool is_name, Folder& folder);

}  // namespace newsgraph::merging
