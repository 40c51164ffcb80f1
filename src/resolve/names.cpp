// The name rules shared by resolve and merge (see names.hpp).
#include "resolve/names.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/util/utf8.hpp"
#include "util/strings.hpp"

namespace newsgraph::names {
namespace {

/// Folded corporate suffixes, for spellings the knowledge does not list.
bool is_folded_org_suffix(std::string_view w) {
  static const std::set<std::string_view> kSuffixes{"inc",     "corp", "corporation", "ltd", "limited", "co",
                                                    "company", "llc",  "plc",         "ag",  "gmbh",    "sa"};
  return kSuffixes.count(w) > 0;
}

/// True when the first code point of `s` is an upper-case or title-case letter. A malformed
/// first sequence is not one; names are valid UTF-8 (ingest rejects anything else), on which
/// this reads exactly as the hand-written decoder it replaces (which also took overlong forms).
bool starts_capitalised(std::string_view s) {
  const char32_t c = first_code_point(s);
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

}  // namespace

std::vector<std::string> folded_words(std::string_view folded) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    std::size_t j = i;
    while (j < folded.size() && folded[j] != ' ') ++j;
    if (j > i) out.emplace_back(folded.substr(i, j - i));
    i = j;
  }
  return out;
}

const std::vector<std::string>& Folder::words(const std::string& s) {
  auto it = cache_.find(s);
  if (it != cache_.end()) return it->second;
  return cache_.emplace(s, folded_words(kb_.fold(s))).first->second;
}

bool ends_name(const std::vector<std::string>& full, const std::vector<std::string>& part) {
  if (part.empty() || part.size() >= full.size()) return false;
  return std::equal(part.rbegin(), part.rend(), full.rbegin());
}

std::string acronym_letters(std::string_view s) {
  std::string letters;
  const bool dotted = s.find('.') != std::string_view::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      if (dotted && i + 1 < s.size() && s[i + 1] != '.') return {};
      letters += c;
    } else if (c == '.') {
      if (i == 0 || s[i - 1] == '.') return {};
    } else {
      return {};
    }
  }
  if (letters.size() < 2 || letters.size() > 6) return {};
  return letters;
}

std::vector<std::string> org_core_words(const std::string& name, Folder& folder) {
  const std::vector<std::string_view> spaced = strings::split_whitespace(name);
  std::vector<std::string> words(spaced.begin(), spaced.end());
  auto is_suffix = [&](const std::string& w) {
    std::string bare = w;
    while (!bare.empty() && (bare.back() == ',' || bare.back() == ';')) bare.pop_back();
    if (bare.empty()) return true;
    if (folder.kb().is_org_suffix(w) || folder.kb().is_org_suffix(bare)) return true;
    const auto& f = folder.words(bare);
    return f.size() == 1 && is_folded_org_suffix(f[0]);
  };
  while (words.size() > 1 && is_suffix(words.back())) words.pop_back();
  if (words.size() > 1) {
    const auto& f = folder.words(words.front());
    if (f.size() == 1 && f[0] == "the") words.erase(words.begin());
  }
  return words;
}

namespace {
void spell_initials(const std::vector<std::string>& words, Folder& folder, std::set<std::string>& out) {
  static const std::set<std::string_view> kSkip{"of", "the", "and", "for", "de"};
  std::string all_parts, first_parts;
  for (const std::string& word : words) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= word.size(); ++i) {
      if (i == word.size() || word[i] == '-') {
        if (i > start) parts.push_back(word.substr(start, i - start));
        start = i + 1;
      }
    }
    for (std::size_t p = 0; p < parts.size(); ++p) {
      std::string_view part = parts[p];
      while (!part.empty() && (part.front() == '(' || part.front() == '"' || part.front() == '\''))
        part.remove_prefix(1);
      if (!starts_capitalised(part)) continue;
      const auto& f = folder.words(std::string(part));
      if (f.empty() || kSkip.count(f[0]) > 0) continue;
      const char c = f[0][0];
      if (c < 'a' || c > 'z') continue;
      const char initial = static_cast<char>(c - 'a' + 'A');
      all_parts += initial;
      if (p == 0) first_parts += initial;
    }
  }
  if (all_parts.size() >= 2) out.insert(all_parts);
  if (first_parts.size() >= 2) out.insert(first_parts);
}
}  // namespace

std::set<std::string> org_initials(const std::string& name, Folder& folder) {
  std::set<std::string> out;
  spell_initials(org_core_words(name, folder), folder, out);
  return out;
}

std::set<std::string> org_initials_with_suffixes(const std::string& name, Folder& folder) {
  std::set<std::string> out;
  spell_initials(org_core_words(name, folder), folder, out);
  const std::vector<std::string_view> spaced = strings::split_whitespace(name);
  std::vector<std::string> words(spaced.begin(), spaced.end());
  if (words.size() > 1) {
    const auto& f = folder.words(words.front());
    if (f.size() == 1 && f[0] == "the") words.erase(words.begin());
  }
  spell_initials(words, folder, out);
  return out;
}

}  // namespace newsgraph::names
