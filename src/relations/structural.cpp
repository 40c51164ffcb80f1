// Structural relations (see relations.cpp): holds_position from titles before a person and
// appositions after one, and from a government title and the country named in its sentence;
// member_of, part_of, based_in and located_in from appositions, possessives, "X, Y" places,
// "Moscow-based X" and "NATO member Poland"; citizen_of from demonyms.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

#include "relations/extractor.hpp"
#include "text/token_text.hpp"
#include "util/strings.hpp"

namespace newsgraph::relations {
namespace {

int place_rank(const Entity& e) {
  if (e.place_kind == "country") return 3;
  if (e.place_kind == "subdivision" || e.place_kind == "region") return 2;
  if (e.place_kind == "city") return 1;
  return 0;
}

}  // namespace

std::pair<std::size_t, std::size_t> Extractor::places_named(const std::string& name) {
  for (; places_indexed < ents.entities.size(); ++places_indexed) {
    const Entity& e = ents.entities[places_indexed];
    if (e.type != EntityType::Place) continue;
    auto [it, fresh] = places_by_name.try_emplace(e.name, places_indexed, places_indexed);
    if (!fresh) it->second.second = places_indexed;
  }
  const auto it = places_by_name.find(name);
  return it == places_by_name.end() ? std::make_pair(npos, npos) : it->second;
}

// The mention holding the country a demonym at `token` names, created when the article
// does not name the country itself.
std::size_t Extractor::country_mention(std::size_t token, std::size_t length) {
  const std::optional<std::string_view> code = kb.demonym(text::join_tokens(seg, token, token + length));
  if (!code) return npos;
  const std::optional<std::string_view> name = kb.country_name(*code);
  if (!name) return npos;
  const LexiconEntry* entry = kb.entity(*name);
  std::size_t entity = places_named(std::string(*name)).second;
  if (entity == npos) {
    Entity e;
    e.type = EntityType::Place;
    e.name = *name;
    e.place_kind = "country";
    e.country_code = *code;
    ents.entities.push_back(std::move(e));
    entity = ents.entities.size() - 1;
  }
  Mention m;
  m.type = EntityType::Place;
  m.first_token = token;
  m.last_token = token + length;
  m.span = {tok(token).span.begin, tok(token + length - 1).span.end};
  m.text = text::join_tokens(seg, token, token + length);
  m.known = entry;
  m.entity = entity;
  ents.mentions.push_back(std::move(m));
  ents.entities[entity].mentions.push_back(ents.mentions.size() - 1);
  for (std::size_t t = token; t < token + length; ++t) mention_at[t] = ents.mentions.size() - 1;
  demonym_mentions.push_back(ents.mentions.size() - 1);
  return ents.mentions.size() - 1;
}

// Follows "A ’s B ’s C" from mention `m` to the last organization or place in the chain.
std::size_t Extractor::possessive_chain_end(std::size_t m) const {
  for (;;) {
    const std::size_t after = mention(m).last_token;
    if (after + 1 >= seg.tokens.size() || !text::is_possessive(tok(after).text)) return m;
    const std::size_t next = mention_at[after + 1];
    if (next == npos || type_of(next) == EntityType::Person) return m;
    m = next;
  }
}

std::size_t Extractor::title_at(std::size_t pos, std::size_t limit) const {
  return text::title_length(seg, pos, limit, kb);
}

void Extractor::titles() {
  const std::size_t count = ents.mentions.size();
  for (std::size_t m = 0; m < count; ++m) {
    if (type_of(m) != EntityType::Person || mention(m).title.empty()) continue;
    const Mention p = mention(m);  // a copy: country_mention() may grow the mentions
    const std::size_t first_title_token = token_at(p.title_span.begin);
    const std::size_t sent = sentence_of[p.first_token];
    std::size_t target = npos;
    // an organization or place inside the title: "Chairman of the Joint Chiefs of Staff"
    for (std::size_t t = first_title_token; t < p.first_token; ++t) {
      const std::size_t q = mention_at[t];
      if (q != npos && q != m && type_of(q) != EntityType::Person && type_of(q) != EntityType::Quotation)
        target = possessive_chain_end(q);
    }
    // just before the title: "NATO Secretary General", "Ukraine’s President", "Russian President"
    if (target == npos && first_title_token > 0 && sentence_of[first_title_token - 1] == sent) {
      std::size_t before = first_title_token - 1;
      if (text::is_possessive(tok(before).text) && before > 0) --before;
      const std::size_t q = mention_at[before];
      if (q != npos && type_of(q) != EntityType::Person && type_of(q) != EntityType::Quotation) {
        target = q;
      } else if (q == npos && before > 0 && mention_at[before - 1] == npos &&
                 kb.demonym(text::join_tokens(seg, before - 1, before + 1))) {
        target = country_mention(before - 1, 2);  // "North Korean leader"
      } else if (q == npos && kb.demonym(tok(before).text)) {
        target = country_mention(before, 1);
      }
    }
    if (target != npos) {
      add(RelationType::HoldsPosition, m, target, p.first_token, p.title, "title");
    } else {
      untitled.push_back(m);
    }
  }
}

// A government title with no affiliation beside it ("Foreign Minister Sergey Lavrov said in
// Moscow"): the person holds it in the country of the countries and cities named in the same
// sentence, when they all lie in one country and the article states no other position for
// that person. A sentence naming two countries ("North Korea's leader ... met President
// Vladimir Putin in the Russian Federation") states nothing here.
void Extractor::title_context() {
  static const std::unordered_map<std::string_view, int> government{
      {"minister", 1}, {"president", 1}, {"premier", 1},     {"chancellor", 1},   {"ambassador", 1},
      {"envoy", 1},    {"spokesman", 1}, {"spokeswoman", 1}, {"spokesperson", 1}, {"secretary", 1}};
  for (std::size_t m : untitled) {
    const std::size_t person = mention(m).entity;
    if (std::any_of(out.begin(), out.end(), [&](const Relation& r) {
          return r.type == RelationType::HoldsPosition && r.source == person;
        }))
      continue;
    bool governmental = false;
    for (std::size_t i = 0, n = mention(m).title.size(); i <= n;) {
      std::size_t j = mention(m).title.find(' ', i);
      if (j == std::string::npos) j = n;
      governmental =
          governmental || government.count(strings::ascii_lower(mention(m).title.substr(i, j - i))) > 0;
      i = j + 1;
    }
    if (!governmental) continue;
    const Sentence& s = seg.sentences[sentence_of[mention(m).first_token]];
    std::size_t first = npos;  // the first country or city named
    bool one_country = true;
    for (std::size_t t = s.first_token; t < s.last_token; ++t) {
      const std::size_t q = mention_at[t];
      if (q == npos || type_of(q) != EntityType::Place || (t > 0 && mention_at[t - 1] == q)) continue;
      const Entity& place = ents.entities[mention(q).entity];
      if (place.country_code.empty() || (place.place_kind != "country" && place.place_kind != "city"))
        continue;
      if (first == npos)
        first = q;
      else if (place.country_code != ents.entities[mention(first).entity].country_code)
        one_country = false;
    }
    if (first == npos || !one_country) continue;
    const std::size_t country = country_entity(ents.entities[mention(first).entity].country_code);
    if (country != npos)
      add_entities(RelationType::HoldsPosition, person, country, mention(m).span, mention(first).span, s.span,
                   mention(m).title, "title, place in the sentence");
  }
}

// The entity of the country with ISO code `code`, created when the article does not name it.
std::size_t Extractor::country_entity(const std::string& code) {
  const std::optional<std::string_view> name = kb.country_name(code);
  if (!name) return npos;
  return places_named(std::string(*name))
      .first;  // only a country the article names: no node is made for an inference
}

// "X, the chairman of NATO’s Military Committee"; "X, a member of Y"; "X, NATO’s envoy".
void Extractor::appositions() {
  const std::size_t count = ents.mentions.size();
  for (std::size_t m = 0; m < count; ++m) {
    if (type_of(m) != EntityType::Person) continue;
    const std::size_t sent = sentence_of[mention(m).first_token];
    const std::size_t limit = seg.sentences[sent].last_token;
    std::size_t k = mention(m).last_token;
    if (k >= limit || tok(k).text != ",") continue;
    ++k;
    std::size_t possessor = npos;
    std::size_t steps = 0;
    while (k < limit && steps++ < 8) {
      const std::string_view w = tok(k).text;
      const std::size_t q = mention_at[k];
      if (q != npos && type_of(q) != EntityType::Person && type_of(q) != EntityType::Quotation &&
          mention(q).last_token < limit && text::is_possessive(tok(mention(q).last_token).text)) {
        possessor = possessive_chain_end(q);
        k = mention(q).last_token + 1;
        continue;
      }
      if (w == "member" || w == "members") {
        if (k + 2 < limit && tok(k + 1).text == "of" && mention_at[k + 2] != npos &&
            type_of(mention_at[k + 2]) == EntityType::Organization)
          add(RelationType::MemberOf, m, possessive_chain_end(mention_at[k + 2]), k, "", "apposition");
        break;
      }
      if (const std::size_t tl = title_at(k, limit); tl > 0) {
        const std::string title(tok(k).text.data(),
                                static_cast<std::size_t>(tok(k + tl - 1).text.data() +
                                                         tok(k + tl - 1).text.size() - tok(k).text.data()));
        std::size_t after = k + tl;
        std::size_t target = possessor;
        if (after + 1 < limit && tok(after).text == "of") {
          std::size_t j = after + 1;
          if (j < limit && tok(j).text == "the") ++j;
          if (j < limit && mention_at[j] != npos && type_of(mention_at[j]) != EntityType::Person &&
              type_of(mention_at[j]) != EntityType::Quotation)
            target = possessive_chain_end(mention_at[j]);
        }
        if (target != npos) add(RelationType::HoldsPosition, m, target, k, title, "apposition");
        break;
      }
      const bool filler = w == "the" || w == "a" || w == "an" || w == "its" || w == "his" || w == "her" ||
                          (tok(k).kind == TokenKind::Word && text::is_lowercase_word(w));
      if (!filler) break;
      ++k;
    }
  }
}

void Extractor::structural() {
  const std::size_t count = ents.mentions.size();
  for (std::size_t m = 0; m < count; ++m) {
    const Mention& a = mention(m);
    const std::size_t after = a.last_token;
    if (after + 1 >= seg.tokens.size() || sentence_of[after] != sentence_of[a.first_token]) continue;
    const std::string_view w = tok(after).text;
    const EntityType at = type_of(m);
    const std::size_t next = mention_at[after + 1];
    // possessives: "NATO’s Military Committee", "Russia’s Foreign Ministry", "Ukraine’s Donetsk region"
    if (text::is_possessive(w) && next != npos) {
      const EntityType bt = type_of(next);
      if (at == EntityType::Organization && bt == EntityType::Organization)
        add(RelationType::PartOf, next, m, after, "", "possessive");
      else if (at == EntityType::Place && bt == EntityType::Organization)
        add(RelationType::BasedIn, next, m, after, "", "possessive");
      else if (at == EntityType::Place && bt == EntityType::Place &&
               place_rank(ents.entities[a.entity]) > place_rank(ents.entities[mention(next).entity]))
        add(RelationType::LocatedIn, next, m, after, "", "possessive");
    }
    // "Anchorage, Alaska": a place, a comma, a larger place
    if (w == "," && next != npos && at == EntityType::Place && type_of(next) == EntityType::Place) {
      const Entity& small = ents.entities[a.entity];
      const Entity& large = ents.entities[mention(next).entity];
      const bool next_continues_list =
          mention(next).last_token < seg.tokens.size() && (tok(mention(next).last_token).text == "and");
      if (place_rank(large) >= 2 && place_rank(large) > place_rank(small) && !next_continues_list &&
          (small.country_code.empty() || large.country_code.empty() ||
           small.country_code == large.country_code))
        add(RelationType::LocatedIn, m, next, after, "", "apposition");
    }
    // "Moscow-based X"
    if (at == EntityType::Place && w == "-" && after + 1 < seg.tokens.size() &&
        strings::ascii_lower(tok(after + 1).text) == "based") {
      for (std::size_t k = after + 2; k < after + 6 && k < seg.tokens.size(); ++k) {
        const std::size_t q = mention_at[k];
        if (q != npos && type_of(q) == EntityType::Organization) {
          add(RelationType::BasedIn, q, m, after, "", "based");
          break;
        }
      }
    }
    // "NATO member Poland"
    if (at == EntityType::Organization && (w == "member" || w == "members" || w == "ally") && next != npos &&
        (type_of(next) == EntityType::Place || type_of(next) == EntityType::Organization))
      add(RelationType::MemberOf, next, m, after, "", "member");
    // demonym before a person named without a title: "Ukrainian Volodymyr Zelensky"
  }
  // a collective actor named by a nationality: "Russian officials" -> Russia
  for (std::size_t m = 0; m < count; ++m) {
    if (type_of(m) != EntityType::Group) continue;
    const std::size_t first = mention(m).first_token;
    if (!kb.demonym(tok(first).text)) continue;
    const std::size_t saved = mention_at[first];
    const std::size_t c = country_mention(first, 1);
    mention_at[first] = saved;  // the words stay the group's for the verb patterns
    if (c != npos) add(RelationType::CitizenOf, m, c, first, "", "demonym");
  }
  for (std::size_t m = 0; m < count; ++m) {
    if (type_of(m) != EntityType::Person || !mention(m).title.empty() || mention(m).first_token == 0)
      continue;
    const std::size_t first = mention(m).first_token;
    const std::size_t before = first - 1;
    if (mention_at[before] == npos && sentence_of[before] == sentence_of[first] &&
        kb.demonym(tok(before).text)) {
      const std::size_t c = country_mention(before, 1);
      if (c != npos) add(RelationType::CitizenOf, m, c, first, "", "demonym");
    }
  }
}

}  // namespace newsgraph::relations
