// Rules 1 and 2 of the merge (see merge.cpp): the forms of every entity and their keys, and the
// links between entities whose names, or aliases that may stand for a whole entity, have equal
// keys. The acronym letters and organization initials defined here serve rule 4 and the
// explanations too.
#include <unicode/uchar.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "merge/items.hpp"
#include "merge/steps.hpp"
#include "newsgraph/util/utf8.hpp"
#include "util/strings.hpp"

namespace newsgraph::merging {
namespace {

/// Folded corporate suffixes, for spellings the knowledge does not list.
bool is_folded_org_suffix(std::string_view w) {
  static const std::set<std::string_view> kSuffixes{"inc",     "corp", "corporation", "ltd", "limited", "co",
                                                    "company", "llc",  "plc",         "ag",  "gmbh",    "sa"};
  return kSuffixes.count(w) > 0;
}

/// The words of an organization name without a leading "The" and trailing corporate
/// suffixes; never empty when the name has a word.
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

/// True when the first code point of `s` is an upper-case or title-case letter. A malformed
/// first sequence is not one; names are valid UTF-8 (ingest rejects anything else), on which
/// this reads exactly as the hand-written decoder it replaces (which also took overlong forms).
bool starts_capitalised(std::string_view s) {
  const char32_t c = first_code_point(s);
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

/// The link of rules 1 and 2: item i's form `f` has the key of item j's form `g`.
Link key_link(const std::vector<Item>& items, std::size_t i, const Form& f, std::size_t j, const Form& g) {
  Link l{i, j, "", f.text, g.text, ""};
  const std::string key = f.key.substr(std::min<std::size_t>(2, f.key.size()));
  if (f.text == g.text) {
    l.rule = "same-name";
    l.detail = "the same name";
  } else if (!f.is_name || !g.is_name) {
    const Item& holder = f.is_name ? items[j] : items[i];
    const std::string& alias = f.is_name ? g.text : f.text;
    l.rule = "alias";
    l.detail = "an article names \"" + holder.e->name + "\" also \"" + alias +
               "\", and the two names agree (\"" + key + "\")";
  } else if (items[i].e->type == EntityType::Person) {
    l.rule = "spelling";
    l.detail = "both spell \"" + key + "\" once folded (accents, doubled letters, -iy/-yy/-y endings, y/i)";
  } else if (items[i].e->type == EntityType::Organization) {
    l.rule = "org-suffix";
    l.detail = "both are \"" + key + "\" without a leading The, corporate suffixes, dots, case and accents";
  } else if (items[i].e->type == EntityType::Place) {
    l.rule = "same-place";
    l.detail = "the same place once folded (\"" + key + "\")";
  } else {
    l.rule = "same-name";
    l.detail = "the same quotation";
  }
  return l;
}

}  // namespace

std::string normalise_person_token(std::string t) {
  if (t.find_first_not_of("ivx") == std::string::npos) return t;
  if (t.size() >= 4 && (strings::ends_with(t, "iy") || strings::ends_with(t, "yy") ||
                        strings::ends_with(t, "ii") || strings::ends_with(t, "yi")))
    t.replace(t.size() - 2, 2, "y");
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  for (std::size_t i = 1; i < t.size(); ++i)
    if (t[i] == 'y' && vowel(t[i - 1]) && (i + 1 == t.size() || !vowel(t[i + 1]))) t[i] = 'i';
  std::string out;
  for (char c : t) {
    const bool letter = c >= 'a' && c <= 'z';
    if (letter && !out.empty() && out.back() == c) continue;
    out += c;
  }
  return out;
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

std::set<std::string> org_initials(const std::string& name, Folder& folder) {
  static const std::set<std::string_view> kSkip{"of", "the", "and", "for", "de"};
  std::string all_parts, first_parts;
  for (const std::string& word : org_core_words(name, folder)) {
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
  std::set<std::string> out;
  if (all_parts.size() >= 2) out.insert(all_parts);
  if (first_parts.size() >= 2) out.insert(first_parts);
  return out;
}

Form make_form(const Entity& e, const std::string& text, bool is_name, Folder& folder) {
  Form f;
  f.text = text;
  f.is_name = is_name;
  f.folded = folder.words(text);
  const std::string raw = "\x01" + text;  // keys of names that fold to nothing
  switch (e.type) {
    case EntityType::Person: {
      for (const auto& w : f.folded) f.norm.push_back(normalise_person_token(w));
      f.key = "P|" + (f.norm.empty() ? raw : join(f.norm));
      break;
    }
    case EntityType::Organization: {
      const std::string letters = acronym_letters(text);
      if (!letters.empty()) {
        std::string lower;
        for (char c : letters) lower += static_cast<char>(c - 'A' + 'a');
        f.norm = {lower};
      } else {
        for (const auto& w : org_core_words(text, folder))
          for (const auto& fw : folder.words(w)) f.norm.push_back(fw);
      }
      f.key = "O|" + (f.norm.empty() ? raw : join(f.norm));
      break;
    }
    case EntityType::Place: {
      f.norm = f.folded;
      f.bare_key = "L|" + (f.norm.empty() ? raw : join(f.norm));
      f.key = f.bare_key + "|" + e.country_code;
      break;
    }
    case EntityType::Group: {
      // "European leaders" in one article and another are one collective actor.
      f.norm = f.folded;
      f.key = "G|" + (f.norm.empty() ? raw : join(f.norm));
      break;
    }
    case EntityType::Quotation: {
      const std::string& q = e.quote.empty() ? text : e.quote;
      const auto& words = folder.words(q);
      f.norm = words;
      f.key = "Q|" + (words.empty() ? "\x01" + q : join(words));
      break;
    }
  }
  return f;
}

void link_equal_keys(const std::vector<Item>& items, const Knowledge& kb, Linker& sets) {
  // Each form links to the first earlier form with its key, preferring one written the same.
  std::unordered_map<std::string, std::pair<std::size_t, const Form*>> first_with_key, first_with_text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    for (const Form& f : it.forms) {
      if (!f.is_name) {
        if (it.e->type == EntityType::Person && f.norm.size() <= 1) continue;
        if (it.e->type == EntityType::Organization && f.folded.size() == 1 && kb.is_org_head(f.text))
          continue;
      }
      auto [pos, inserted] = first_with_key.emplace(f.key, std::make_pair(i, &f));
      auto [same, fresh] = first_with_text.emplace(f.key + '\x02' + f.text, std::make_pair(i, &f));
      if (!fresh) {
        sets.link(key_link(items, i, f, same->second.first, *same->second.second));
      } else if (!inserted) {
        sets.link(key_link(items, i, f, pos->second.first, *pos->second.second));
      }
    }
  }
}

}  // namespace newsgraph::merging
