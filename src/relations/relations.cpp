// Relation extraction by patterns over tokens and resolved mentions.
//
// Structural relations
//   holds_position  a title before a person, with the organization, place or demonym that
//                   the title belongs to: "NATO Secretary General Mark Rutte", "Russian
//                   President Vladimir Putin", "Chairman of the Joint Chiefs of Staff Dan Caine",
//                   "Foreign Ministry spokeswoman Maria Zakharova"; or an apposition after it:
//                   "X, the chairman of NATO’s Military Committee"; a government title alone
//                   takes the country of the first country or city named in its sentence.
//   member_of       "X, a member of Y"; "NATO member Poland".
//   part_of         "NATO’s Military Committee" (organization of organization).
//   based_in        "Moscow-based X"; "Russia’s Foreign Ministry" (organization of place).
//   located_in      "Anchorage, Alaska", "Geneva, Switzerland": a place followed by a comma
//                   and a larger place; "Ukraine’s Donetsk region".
//   citizen_of      a demonym directly before a person named without a title.
// Event relations: a verb from the lexicon with its subject right before it (auxiliaries,
// adverbs and an apposition between commas may intervene; coordinated subjects "X and Y"
// each count) and its objects after it ("with", determiners, titles and demonyms may
// intervene; lists "X, Y and Z" each count). Passive "X was hosted by Y" swaps the roles.
// "X and Y met" with no object links the subjects; "a meeting between X and Y" links X and Y.
// Hosting a person also states that the two met. A negated verb ("did not meet") is ignored.
// Quotations: a direct quote in double quotation marks with a speaker named right after it
// ("…,” Lavrov said", "…,” said Lavrov") or before it ("Lavrov said: “…”"). "he"/"she"
//
// The families live in structural.cpp, events.cpp and quotes.cpp, over the extractor of
// extractor.hpp; their word lists in patterns.cpp. This file holds the extractor's index, the
// adding of relations and the finishing of the article.
#include "newsgraph/relations/relations.hpp"

#include <algorithm>

#include "relations/extractor.hpp"
#include "relations/relation_order.hpp"

namespace newsgraph {
namespace relations {

void Extractor::index() {
  const std::size_t n = seg.tokens.size();
  mention_at.assign(n, npos);
  sentence_of.assign(n, npos);
  in_title.assign(n, 0);
  for (std::size_t s = 0; s < seg.sentences.size(); ++s)
    for (std::size_t t = seg.sentences[s].first_token; t < seg.sentences[s].last_token; ++t)
      sentence_of[t] = s;
  for (std::size_t m = 0; m < ents.mentions.size(); ++m) {
    const Mention& mm = ents.mentions[m];
    for (std::size_t t = mm.first_token; t < mm.last_token && t < n; ++t) mention_at[t] = m;
    if (mm.title_span.end > mm.title_span.begin) {
      for (std::size_t t = token_at(mm.title_span.begin); t < mm.first_token && t < n; ++t) in_title[t] = 1;
    }
  }
}

// The first token starting at or after code point `cp`.
std::size_t Extractor::token_at(std::size_t cp) const {
  auto it = std::lower_bound(seg.tokens.begin(), seg.tokens.end(), cp,
                             [](const Token& t, std::size_t c) { return t.span.begin < c; });
  return static_cast<std::size_t>(it - seg.tokens.begin());
}

Span Extractor::sentence_span(std::size_t token) const {
  const std::size_t s = sentence_of[token];
  return s == npos ? Span{} : seg.sentences[s].span;
}

void Extractor::add(RelationType type, std::size_t src_m, std::size_t tgt_m, std::size_t token,
                    std::string title, std::string cue) {
  const std::size_t s = mention(src_m).entity, t = mention(tgt_m).entity;
  if (s == t) return;
  add_entities(type, s, t, mention(src_m).span, mention(tgt_m).span, sentence_span(token), std::move(title),
               std::move(cue));
}

void Extractor::add_entities(RelationType type, std::size_t s, std::size_t t, Span ss, Span ts, Span sentence,
                             std::string title, std::string cue) {
  if (s == t) return;
  Relation r;
  r.type = type;
  r.source = s;
  r.target = t;
  r.source_span = ss;
  r.target_span = ts;
  r.sentence = sentence;
  r.title = std::move(title);
  r.cue = std::move(cue);
  out.push_back(std::move(r));
  if (type == RelationType::HoldsPosition && !out.back().title.empty()) {
    auto& titles = ents.entities[s].titles;
    if (std::find(titles.begin(), titles.end(), out.back().title) == titles.end()) {
      titles.push_back(out.back().title);
      std::sort(titles.begin(), titles.end());
    }
  }
}

// Quotation mentions join the sorted order, demonym mentions leave it; entity mention lists follow.
void Extractor::finish() {
  std::vector<char> dropped(ents.mentions.size(), 0);
  for (std::size_t m : demonym_mentions) dropped[m] = 1;
  for (std::size_t m = 0; m < ents.mentions.size(); ++m)
    if (ents.mentions[m].attached) dropped[m] = 1;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < ents.mentions.size(); ++i)
    if (!dropped[i]) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return ents.mentions[a].span < ents.mentions[b].span;
  });
  std::vector<Mention> sorted;
  sorted.reserve(order.size());
  for (std::size_t i : order) sorted.push_back(std::move(ents.mentions[i]));
  ents.mentions = std::move(sorted);
  for (Entity& e : ents.entities) e.mentions.clear();
  for (std::size_t i = 0; i < ents.mentions.size(); ++i)
    ents.entities[ents.mentions[i].entity].mentions.push_back(i);

  // An entity left without mentions lives on only if a relation needs it.
  std::vector<char> used(ents.entities.size(), 0);
  for (const Relation& r : out) used[r.source] = used[r.target] = 1;
  std::vector<std::size_t> renumber(ents.entities.size(), npos);
  std::vector<Entity> kept;
  for (std::size_t e = 0; e < ents.entities.size(); ++e) {
    if (ents.entities[e].mentions.empty() && !used[e]) continue;
    renumber[e] = kept.size();
    kept.push_back(std::move(ents.entities[e]));
  }
  ents.entities = std::move(kept);
  for (Mention& m : ents.mentions) m.entity = renumber[m.entity];
  for (Entity& e : ents.entities) e.mentions.clear();
  for (std::size_t i = 0; i < ents.mentions.size(); ++i)
    ents.entities[ents.mentions[i].entity].mentions.push_back(i);
  for (Relation& r : out) {
    r.source = renumber[r.source];
    r.target = renumber[r.target];
  }

  std::sort(out.begin(), out.end(), [](const Relation& a, const Relation& b) {
    return pattern_relation_key(a) < pattern_relation_key(b);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Relation& a, const Relation& b) {
                          return pattern_relation_key(a) == pattern_relation_key(b);
                        }),
            out.end());
}

}  // namespace relations

std::vector<Relation> extract_relations(std::string_view text, const Segmentation& seg, ArticleEntities& ents,
                                        const Knowledge& kb) {
  relations::Extractor x{text, seg, ents, kb, {}, {}, {}, {}, {}, {}, {}, 0};
  x.index();
  x.titles();
  x.appositions();
  x.structural();
  x.title_context();
  x.events();
  x.quotes();
  x.finish();
  return std::move(x.out);
}

}  // namespace newsgraph
