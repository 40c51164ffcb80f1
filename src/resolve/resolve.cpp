// Within-article resolution.
//
// Rules, applied in this order:
//   1. Gazetteer names resolve to their canonical entry: "Russian Federation", "Russia" and
//      "Russia’s" are one entity named "Russia"; "U.S." and "United States" likewise.
//   2. Other names group by their folded form (ICU Latin-ASCII, lower case).
//   3. A person mention whose words are the last words of exactly one fuller person name in
//      the article ("Lavrov" -> "Sergey Lavrov", "Cavo Dragone" -> "Giuseppe Cavo Dragone")
//      joins it; with two candidates ("Smith" for "John Smith" and "Jane Smith") it stays alone.
//   4. An organization named by an acronym (2-6 capitals, optionally dotted) joins the one
//      organization whose initials spell it ("NATO" after "North Atlantic Treaty
//      Organization", "SAIC" after "Shanghai Automotive Industry Corp"), and an acronym
//      defined in parentheses right after an organization joins it whatever its letters
//      ("Doctors Without Borders (MSF)", "Islamic State (ISIS)"). Acronyms and initials are
//      those of the merge (names.hpp), corporate suffixes counted in initials here.
// An entity is named by its fullest mention; every other surface form is an alias. It takes the
// Wikidata id and coordinates of the knowledge entries its mentions matched (link_entities).
#include "newsgraph/resolve/resolve.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/text/utf8_index.hpp"
#include "resolve/links.hpp"
#include "resolve/names.hpp"

namespace newsgraph {
namespace {

/// One article's resolution in progress: its mentions, the entities made so far and the entity
/// of each mention.
struct Resolution {
  ArticleEntities out;
  std::size_t n = 0;                                    ///< mentions
  std::vector<std::string> canonical, key;              ///< per mention: canonical name, folded key
  std::vector<std::vector<std::string>> mention_words;  ///< per mention: the words of its key
  std::map<std::pair<EntityType, std::string>, std::size_t> by_key;
  std::vector<std::size_t> entity_of;                  ///< per mention; -1 until grouped
  std::vector<std::vector<std::string>> entity_words;  ///< per entity: the words of its key
  std::vector<std::vector<std::size_t>> members;       ///< per entity: its mentions (rule 4 on)
};

/// A name's words as one string, for lookups: the words joined by spaces (words hold none).
std::string words_key(std::vector<std::string>::const_iterator begin,
                      std::vector<std::string>::const_iterator end) {
  std::string key;
  for (auto it = begin; it != end; ++it) {
    if (it != begin) key += ' ';
    key += *it;
  }
  return key;
}

/// The full person names of an article, indexed by the partial names they admit: every shorter
/// run of their last words (names::ends_name) and, for names of several words, their first
/// word. Each key counts the names that admit it and remembers the last one added, so that
/// looking up a partial name costs the same however many names the article has.
class PartialNameIndex {
 public:
  struct Hits {
    std::size_t count = 0;
    std::size_t last = static_cast<std::size_t>(-1);
  };
  void add(const std::vector<std::string>& full, std::size_t id) {
    for (std::size_t k = 1; k < full.size(); ++k)
      note(endings_[words_key(full.end() - static_cast<std::ptrdiff_t>(k), full.end())], id);
    if (full.size() > 1) note(openings_[full.front()], id);
  }
  /// The names that `part` ends (ends_name(full, part)).
  Hits ending_in(const std::vector<std::string>& part) const {
    if (part.empty()) return {};
    const auto it = endings_.find(words_key(part.begin(), part.end()));
    return it == endings_.end() ? Hits{} : it->second;
  }
  /// The names of several words that open with `word`.
  Hits opening_with(const std::string& word) const {
    const auto it = openings_.find(word);
    return it == openings_.end() ? Hits{} : it->second;
  }

 private:
  static void note(Hits& h, std::size_t id) {
    ++h.count;
    h.last = id;
  }
  std::unordered_map<std::string, Hits> endings_, openings_;
};

/// The canonical name and folded key of each mention.
Resolution start(std::vector<Mention> mentions, const Knowledge& kb) {
  Resolution r;
  r.out.mentions = std::move(mentions);
  r.n = r.out.mentions.size();
  r.canonical.resize(r.n);
  r.key.resize(r.n);
  r.mention_words.resize(r.n);
  for (std::size_t i = 0; i < r.n; ++i) {
    const Mention& m = r.out.mentions[i];
    r.canonical[i] = m.known ? std::string(m.known->canonical()) : m.text;
    r.key[i] = kb.fold(r.canonical[i]);
    r.mention_words[i] = names::folded_words(r.key[i]);
  }
  r.entity_of.assign(r.n, static_cast<std::size_t>(-1));
  return r;
}

/// A name outside the gazetteer that is the last words of a person's full name is that
/// person, whatever type its own context suggested ("Caine" after "Dan Caine"). `persons`
/// indexes the words of every person mention (a mention is never a partial name of itself).
bool is_partial_person(const Resolution& r, std::size_t i, const PartialNameIndex& persons) {
  const Mention& m = r.out.mentions[i];
  if (m.type != EntityType::Person && m.known != nullptr) return false;
  const auto& w = r.mention_words[i];
  return persons.ending_in(w).count > 0 || (w.size() == 1 && persons.opening_with(w.front()).count > 0);
}

/// A new entity named by mention `i`; returns its index.
std::size_t new_entity(Resolution& r, std::size_t i) {
  Entity e;
  e.type = r.out.mentions[i].type;
  e.name = r.canonical[i];
  if (const LexiconEntry* k = r.out.mentions[i].known) {
    e.place_kind = k->type() == EntityType::Place ? std::string(k->kind()) : std::string();
    e.country_code = std::string(k->country_code());
  }
  r.out.entities.push_back(std::move(e));
  r.entity_words.push_back(r.mention_words[i]);
  return r.out.entities.size() - 1;
}

/// The entity of mention `i`'s type and key, made when there is none yet.
std::size_t entity_by_key(Resolution& r, std::size_t i) {
  const auto k = std::make_pair(r.out.mentions[i].type, r.key[i]);
  auto it = r.by_key.find(k);
  return it != r.by_key.end() ? it->second : (r.by_key[k] = new_entity(r, i));
}

/// Rules 1 and 2: one entity per (type, key), full names first so partial names can join.
/// Returns which mentions are partial person names, left for rule 3.
std::vector<char> group_by_key(Resolution& r) {
  std::vector<char> partial(r.n, 0);
  PartialNameIndex persons;
  for (std::size_t j = 0; j < r.n; ++j)
    if (r.out.mentions[j].type == EntityType::Person) persons.add(r.mention_words[j], j);
  for (std::size_t i = 0; i < r.n; ++i) partial[i] = is_partial_person(r, i, persons) ? 1 : 0;
  for (std::size_t i = 0; i < r.n; ++i) {
    if (partial[i]) continue;
    r.entity_of[i] = entity_by_key(r, i);
  }
  return partial;
}

/// Rule 3: partial person names join the one person entity whose name ends in them (or, for
/// one word, opens with it); otherwise they group by key like any other name.
void join_partial_names(Resolution& r, const std::vector<char>& partial) {
  // The person entities made so far, by the partial names they admit.
  PartialNameIndex persons;
  std::size_t indexed = 0;
  const auto index_new_entities = [&] {
    for (; indexed < r.out.entities.size(); ++indexed)
      if (r.out.entities[indexed].type == EntityType::Person) persons.add(r.entity_words[indexed], indexed);
  };
  index_new_entities();
  for (std::size_t i = 0; i < r.n; ++i) {
    if (!partial[i]) continue;
    const auto& w = r.mention_words[i];
    // the one person entity whose name ends in the words (the last one made when several do)
    PartialNameIndex::Hits hits = persons.ending_in(w);
    // family name first ("Kim" for "Kim Jong Un"): the one full name it opens
    if (hits.count == 0 && w.size() == 1) hits = persons.opening_with(w.front());
    if (hits.count == 1) {
      r.entity_of[i] = hits.last;
      r.out.mentions[i].type = EntityType::Person;
    } else {
      r.entity_of[i] = entity_by_key(r, i);
      index_new_entities();
    }
  }
}

/// Each entity's mentions, from entity_of, for the rules that move all mentions of an entity.
void list_members(Resolution& r) {
  r.members.assign(r.out.entities.size(), {});
  for (std::size_t i = 0; i < r.n; ++i) r.members[r.entity_of[i]].push_back(i);
}

/// Moves every mention of entity `from` to entity `to`, giving it `type` when one is given.
void move_members(Resolution& r, std::size_t from, std::size_t to, const EntityType* type = nullptr) {
  std::vector<std::size_t> moved = std::move(r.members[from]);
  r.members[from].clear();
  for (std::size_t k : moved) {
    r.entity_of[k] = to;
    if (type != nullptr) r.out.mentions[k].type = *type;
  }
  r.members[to].insert(r.members[to].end(), moved.begin(), moved.end());
}

/// Rule 4: acronyms of organizations named in full in the article: an organization named by an
/// acronym (names::acronym_letters) joins the one other organization whose initials spell it
/// (names::org_initials), as the merge joins them across articles.
void join_acronyms(Resolution& r, const Knowledge& kb) {
  names::Folder folder(kb);
  std::vector<std::string> letters(r.out.entities.size());  // of each organization named by an acronym
  bool any = false;
  for (std::size_t e = 0; e < r.out.entities.size(); ++e) {
    if (r.out.entities[e].type != EntityType::Organization) continue;
    letters[e] = names::acronym_letters(r.out.entities[e].name);
    any = any || !letters[e].empty();
  }
  if (!any) return;
  // initials -> the organization entities that spell them, in entity order
  std::unordered_map<std::string, std::vector<std::size_t>> spelling;
  for (std::size_t f = 0; f < r.out.entities.size(); ++f) {
    if (r.out.entities[f].type != EntityType::Organization) continue;
    for (const std::string& initials : names::org_initials_with_suffixes(r.out.entities[f].name, folder))
      spelling[initials].push_back(f);
  }
  for (std::size_t e = 0; e < r.out.entities.size(); ++e) {
    if (letters[e].empty()) continue;
    const auto it = spelling.find(letters[e]);
    if (it == spelling.end()) continue;
    const std::vector<std::size_t>& spelled = it->second;
    const std::size_t self = std::binary_search(spelled.begin(), spelled.end(), e) ? 1 : 0;
    if (spelled.size() - self != 1) continue;
    const std::size_t match = spelled.front() != e ? spelled.front() : spelled.back();
    move_members(r, e, match);
  }
}

/// Rule 4, defined in the text: "Organization Name (ACR)", ACR an acronym (names::acronym_letters).
void join_defined_acronyms(Resolution& r, std::string_view text) {
  Utf8Index index;
  bool indexed = false;
  for (std::size_t i = 1; i < r.n; ++i) {
    const Mention& acr = r.out.mentions[i];
    const Mention& full = r.out.mentions[i - 1];
    if (names::acronym_letters(acr.text).empty()) continue;
    if (full.span.end > acr.span.begin || acr.span.begin - full.span.end > 2) continue;
    const std::size_t e = r.entity_of[i], f = r.entity_of[i - 1];
    if (e == f || r.out.entities[f].type != EntityType::Organization) continue;
    if (names::acronym_letters(r.out.entities[e].name).empty())
      continue;  // the acronym already names something longer
    if (!indexed) {
      index = Utf8Index(text);
      indexed = true;
    }
    if (acr.span.end >= index.size()) continue;
    const std::string_view between = index.slice(text, {full.span.end, acr.span.begin});
    const std::string_view after = index.slice(text, {acr.span.end, acr.span.end + 1});
    if ((between != " (" && between != "(") || after != ")") continue;
    const EntityType organization = EntityType::Organization;
    move_members(r, e, f, &organization);
  }
}

/// Renumbers entities by first mention, dropping the emptied ones, and gives each its mentions.
std::vector<Entity> renumber(Resolution& r) {
  std::vector<std::size_t> renumber(r.out.entities.size(), static_cast<std::size_t>(-1));
  std::vector<Entity> entities;
  for (std::size_t i = 0; i < r.n; ++i) {
    std::size_t& k = renumber[r.entity_of[i]];
    if (k == static_cast<std::size_t>(-1)) {
      k = entities.size();
      entities.push_back(std::move(r.out.entities[r.entity_of[i]]));
    }
    r.out.mentions[i].entity = k;
    entities[k].mentions.push_back(i);
  }
  return entities;
}

/// Names, aliases and titles: an entity is named by its fullest mention outside the gazetteer.
void name_entities(std::vector<Entity>& entities, const std::vector<Mention>& mentions) {
  for (Entity& e : entities) {
    std::size_t best_words = 0;
    for (std::size_t mi : e.mentions) {
      const Mention& m = mentions[mi];
      if (!m.title.empty()) e.titles.push_back(m.title);
      if (m.known) continue;  // gazetteer names keep the canonical name
      const std::size_t w = m.last_token - m.first_token;
      if (w > best_words) {
        best_words = w;
        e.name = m.text;
      }
    }
    for (std::size_t mi : e.mentions)
      if (mentions[mi].text != e.name) e.aliases.push_back(mentions[mi].text);
    for (auto* v : {&e.aliases, &e.titles}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
  }
}

/// Links: each entity's Wikidata id and coordinates from the knowledge entries its mentions
/// matched (links::LinkTally over its mentions). Only entries of the entity's own type count:
/// an entry of another type (a place for an organization's name) names another thing; and
/// only places take coordinates.
void link_entities(std::vector<Entity>& entities, const std::vector<Mention>& mentions) {
  for (Entity& e : entities) {
    links::LinkTally tally;
    for (std::size_t mi : e.mentions) {
      const LexiconEntry* k = mentions[mi].known;
      if (k == nullptr || k->type() != e.type) continue;
      std::optional<GeoPoint> point;
      if (e.type == EntityType::Place && k->has_coordinates())
        point = geo_point(k->latitude(), k->longitude());
      tally.add(k->wikidata(), point);
    }
    if (tally.empty()) continue;
    e.wikidata = tally.wikidata();
    e.location = tally.location();
  }
}

}  // namespace

ArticleEntities resolve(std::string_view text, std::vector<Mention> mentions, const Knowledge& kb) {
  Resolution r = start(std::move(mentions), kb);
  const std::vector<char> partial = group_by_key(r);
  join_partial_names(r, partial);
  list_members(r);
  join_acronyms(r, kb);
  join_defined_acronyms(r, text);
  std::vector<Entity> entities = renumber(r);
  name_entities(entities, r.out.mentions);
  link_entities(entities, r.out.mentions);
  r.out.entities = std::move(entities);
  return std::move(r.out);
}

}  // namespace newsgraph
