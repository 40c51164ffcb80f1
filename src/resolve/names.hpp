// The name rules that within-article resolution (resolve.cpp) and the cross-article merge
// (src/merge/) share: folded words, partial names, acronyms and organization initials. One
// implementation, so that an article and the corpus join the same names for the same reason.
// Internal to the library (src/resolve/ and the stages above it).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"

namespace newsgraph::names {

/// The words of a folded name (Knowledge::fold output), split at its spaces.
std::vector<std::string> folded_words(std::string_view folded);

/// Knowledge::fold split into words, memoised (folding runs an ICU transliterator).
class Folder {
 public:
  explicit Folder(const Knowledge& kb) : kb_(kb) {}
  /// folded_words(kb.fold(s)); the reference stays valid as long as the Folder.
  const std::vector<std::string>& words(const std::string& s);
  const Knowledge& kb() const { return kb_; }

 private:
  const Knowledge& kb_;
  std::unordered_map<std::string, std::vector<std::string>> cache_;
};

/// True when `part` is a partial name of `full`: fewer words, and the last words of `full`
/// ("Lavrov" of "Sergey Lavrov", "Cavo Dragone" of "Giuseppe Cavo Dragone"). An empty `part`
/// is no partial name.
bool ends_name(const std::vector<std::string>& full, const std::vector<std::string>& part);

/// The letters of an acronym name ("UN", "U.N.", "NATO"), upper case; empty when `s` is not
/// 2-6 ASCII capitals, either plain or each followed by a period.
std::string acronym_letters(std::string_view s);

/// The words of an organization name without a leading "The" and trailing corporate
/// suffixes ("Inc.", "Corp.", "Ltd.", "LLC", "AG", ...: Knowledge::is_org_suffix or a folded
/// list); never empty when the name has a word.
std::vector<std::string> org_core_words(const std::string& name, Folder& folder);

/// The spellings of an organization's initials: the first letters (folded, upper case) of its
/// core words (org_core_words) that start with a capital of any script, skipping
/// of/the/and/for/de, with every part of a hyphenated word counted ("Hewlett-Packard" -> HP)
/// or only its first part ("Co-operation" -> C). Spellings shorter than two letters are left
/// out.
std::set<std::string> org_initials(const std::string& name, Folder& folder);
/// org_initials(), and the same spellings over every word of the name but a leading "The",
/// corporate suffixes included ("Shanghai Automotive Industry Corp" -> SAI and SAIC,
/// "International Steel Group" -> IS and ISG). Looser: for an acronym and a full name in one
/// article, not across articles.
std::set<std::string> org_initials_with_suffixes(const std::string& name, Folder& folder);

}  // namespace newsgraph::names
