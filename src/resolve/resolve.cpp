// Within-article resolution.
//
// Rules, applied in this order:
//   1. Gazetteer names resolve to their canonical entry: "Russian Federation", "Russia" and
//      "Russia’s" are one entity named "Russia"; "U.S." and "United States" likewise.
//   2. Other names group by their folded form (ICU Latin-ASCII, lower case).
//   3. A person mention whose words are the last words of exactly one fuller person name in
//      the article ("Lavrov" -> "Sergey Lavrov", "Cavo Dragone" -> "Giuseppe Cavo Dragone")
//      joins it; with two candidates ("Smith" for "John Smith" and "Jane Smith") it stays alone.
//   4. An all-capitals organization joins the one organization whose initials it spells
//      ("NATO" after "North Atlantic Treaty Organization"), and an all-capitals name defined in
//      parentheses right after an organization joins it whatever its letters ("Doctors
//      Without Borders (MSF)", "Islamic State (ISIS)").
// An entity is named by its fullest mention; every other surface form is an alias.
#include "newsgraph/resolve/resolve.hpp"

#include <algorithm>
#include <map>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/text/utf8_index.hpp"
#include "text/token_text.hpp"

namespace newsgraph {
namespace {

// The space-separated words of a folded name.
std::vector<std::string> words(const std::string& folded) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < folded.size() && folded[i] != ' ') ++i;
    if (i > start) out.emplace_back(folded, start, i - start);
  }
  return out;
}

bool ends_with(const std::vector<std::string>& full, const std::vector<std::string>& part) {
  if (part.empty() || part.size() >= full.size()) return false;
  return std::equal(part.rbegin(), part.rend(), full.rbegin());
}

// Initials of the capitalised words of a name: "North Atlantic Treaty Organization" -> "NATO",
// "Hewlett-Packard" -> "HP".
std::string initials(std::string_view name) {
  std::string out;
  bool at_word_start = true;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool sep = c == ' ' || c == '-';
    if (sep) {
      at_word_start = true;
      continue;
    }
    if (at_word_start && c >= 'A' && c <= 'Z') out += c;
    at_word_start = false;
  }
  return out;
}

std::string letters_only(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != '.') out += c;
  return out;
}

}  // namespace

ArticleEntities resolve(std::string_view text, std::vector<Mention> mentions, const Knowledge& kb) {
  ArticleEntities out;
  out.mentions = std::move(mentions);
  const std::size_t n = out.mentions.size();

  // Canonical name and folded key of each mention.
  std::vector<std::string> canonical(n), key(n);
  std::vector<std::vector<std::string>> mention_words(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Mention& m = out.mentions[i];
    canonical[i] = m.known ? m.known->canonical : m.text;
    key[i] = kb.fold(canonical[i]);
    mention_words[i] = words(key[i]);
  }

  // Rules 1 and 2: one entity per (type, key), full names first so partial names can join.
  std::map<std::pair<EntityType, std::string>, std::size_t> by_key;
  std::vector<std::size_t> entity_of(n, static_cast<std::size_t>(-1));
  std::vector<std::vector<std::string>> entity_words;
  // A name outside the gazetteer that is the last words of a person's full name is that
  // person, whatever type its own context suggested ("Caine" after "Dan Caine").
  auto is_partial_person = [&](std::size_t i) {
    const Mention& m = out.mentions[i];
    if (m.type != EntityType::Person && m.known != nullptr) return false;
    const auto& w = mention_words[i];
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i || out.mentions[j].type != EntityType::Person) continue;
      const auto& full = mention_words[j];
      if (ends_with(full, w) || (w.size() == 1 && full.size() > 1 && full.front() == w.front())) return true;
    }
    return false;
  };
  std::vector<char> partial(n, 0);
  for (std::size_t i = 0; i < n; ++i) partial[i] = is_partial_person(i) ? 1 : 0;

  auto new_entity = [&](std::size_t i) {
    Entity e;
    e.type = out.mentions[i].type;
    e.name = canonical[i];
    if (const LexiconEntry* k = out.mentions[i].known) {
      e.place_kind = k->type == EntityType::Place ? k->kind : std::string();
      e.country_code = k->country_code;
    }
    out.entities.push_back(std::move(e));
    entity_words.push_back(mention_words[i]);
    return out.entities.size() - 1;
  };

  for (std::size_t i = 0; i < n; ++i) {
    if (partial[i]) continue;
    const auto k = std::make_pair(out.mentions[i].type, key[i]);
    auto it = by_key.find(k);
    entity_of[i] = it != by_key.end() ? it->second : (by_key[k] = new_entity(i));
  }

  // Rule 3: partial person names.
  for (std::size_t i = 0; i < n; ++i) {
    if (!partial[i]) continue;
    const auto& w = mention_words[i];
    std::size_t match = static_cast<std::size_t>(-1), count = 0;
    for (std::size_t e = 0; e < out.entities.size(); ++e) {
      if (out.entities[e].type == EntityType::Person && ends_with(entity_words[e], w)) {
        match = e;
        ++count;
      }
    }
    if (count == 0 && w.size() == 1) {
      // family name first ("Kim" for "Kim Jong Un"): the one full name it opens
      for (std::size_t e = 0; e < out.entities.size(); ++e) {
        const auto& full = entity_words[e];
        if (out.entities[e].type == EntityType::Person && full.size() > 1 && full.front() == w.front()) {
          match = e;
          ++count;
        }
      }
    }
    if (count == 1) {
      entity_of[i] = match;
      out.mentions[i].type = EntityType::Person;
    } else {
      const auto k = std::make_pair(out.mentions[i].type, key[i]);
      auto it = by_key.find(k);
      entity_of[i] = it != by_key.end() ? it->second : (by_key[k] = new_entity(i));
    }
  }

  // Rule 4: acronyms of organizations named in full in the article.
  for (std::size_t e = 0; e < out.entities.size(); ++e) {
    Entity& acr = out.entities[e];
    if (acr.type != EntityType::Organization || !text::is_all_caps(acr.name)) continue;
    const std::string letters = letters_only(acr.name);
    std::size_t match = static_cast<std::size_t>(-1), count = 0;
    for (std::size_t f = 0; f < out.entities.size(); ++f) {
      if (f == e || out.entities[f].type != EntityType::Organization) continue;
      if (initials(out.entities[f].name) == letters && letters.size() >= 2) {
        match = f;
        ++count;
      }
    }
    if (count != 1) continue;
    for (std::size_t i = 0; i < n; ++i)
      if (entity_of[i] == e) entity_of[i] = match;
  }

  // Rule 4, defined in the text: "Organization Name (ACR)".
  {
    Utf8Index index;
    bool indexed = false;
    for (std::size_t i = 1; i < n; ++i) {
      const Mention& acr = out.mentions[i];
      const Mention& full = out.mentions[i - 1];
      const std::string letters = letters_only(acr.text);
      if (!text::is_all_caps(acr.text) || letters.size() < 2 || letters.size() > 8) continue;
      if (full.span.end > acr.span.begin || acr.span.begin - full.span.end > 2) continue;
      const std::size_t e = entity_of[i], f = entity_of[i - 1];
      if (e == f || out.entities[f].type != EntityType::Organization) continue;
      if (!text::is_all_caps(out.entities[e].name)) continue;  // the acronym already names something longer
      if (!indexed) {
        index = Utf8Index(text);
        indexed = true;
      }
      if (acr.span.end >= index.size()) continue;
      const std::string_view between = index.slice(text, {full.span.end, acr.span.begin});
      const std::string_view after = index.slice(text, {acr.span.end, acr.span.end + 1});
      if ((between != " (" && between != "(") || after != ")") continue;
      for (std::size_t k = 0; k < n; ++k)
        if (entity_of[k] == e) {
          entity_of[k] = f;
          out.mentions[k].type = EntityType::Organization;
        }
    }
  }

  // Renumber entities by first mention, dropping the emptied ones.
  std::vector<std::size_t> renumber(out.entities.size(), static_cast<std::size_t>(-1));
  std::vector<Entity> entities;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t& r = renumber[entity_of[i]];
    if (r == static_cast<std::size_t>(-1)) {
      r = entities.size();
      entities.push_back(std::move(out.entities[entity_of[i]]));
    }
    out.mentions[i].entity = r;
    entities[r].mentions.push_back(i);
  }

  // Names, aliases and titles.
  for (Entity& e : entities) {
    std::size_t best_words = 0;
    for (std::size_t mi : e.mentions) {
      const Mention& m = out.mentions[mi];
      if (!m.title.empty()) e.titles.push_back(m.title);
      if (m.known) continue;  // gazetteer names keep the canonical name
      const std::size_t w = m.last_token - m.first_token;
      if (w > best_words) {
        best_words = w;
        e.name = m.text;
      }
    }
    for (std::size_t mi : e.mentions)
      if (out.mentions[mi].text != e.name) e.aliases.push_back(out.mentions[mi].text);
    for (auto* v : {&e.aliases, &e.titles}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
  }
  out.entities = std::move(entities);
  return out;
}

}  // namespace newsgraph
