// Rules 1 and 2 of the merge (see merge.cpp): the forms of every entity and their keys, and the
// links between entities whose names, or aliases that may stand for a whole entity, have equal
// keys. Acronyms and organization core words come from resolve/names.hpp.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "merge/items.hpp"
#include "merge/steps.hpp"
#include "util/strings.hpp"

namespace newsgraph::merging {
namespace {

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
