// The fusion of an article's relations (combine.hpp).
#include "newsgraph/relations/combine.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <tuple>
#include <vector>

#include "relations/relation_order.hpp"

namespace newsgraph {

void add_model_relations(const Segmentation& seg, ArticleResult& result, const RelationClassifier& model,
                         const Knowledge& kb, double min_confidence) {
  const auto& mentions = result.entities.mentions;
  const auto predictions = model.predict(seg, mentions, kb);
  if (predictions.empty()) return;
  // The span of the sentence holding `token` (sentences are in order and do not overlap), or
  // an empty span.
  const auto sentence_of = [&](std::size_t token) {
    const auto s = std::upper_bound(seg.sentences.begin(), seg.sentences.end(), token,
                                    [](std::size_t t, const Sentence& x) { return t < x.last_token; });
    return s != seg.sentences.end() && s->first_token <= token ? s->span : Span{};
  };
  auto& rels = result.relations;
  // What the relations already state: (type, source, target, sentence).
  using Stated = std::tuple<RelationType, std::size_t, std::size_t, std::size_t, std::size_t>;
  const auto stated = [](const Relation& x) {
    return Stated{x.type, x.source, x.target, x.sentence.begin, x.sentence.end};
  };
  std::set<Stated> known;
  for (const Relation& x : rels) known.insert(stated(x));
  for (const PairPrediction& p : predictions) {
    if (p.confidence < min_confidence) continue;
    const Mention& h = mentions[p.head];
    const Mention& t = mentions[p.tail];
    if (h.entity == t.entity || h.entity >= result.entities.entities.size() ||
        t.entity >= result.entities.entities.size())
      continue;
    Relation r;
    r.type = to_relation(p.label);
    r.source = h.entity;
    r.target = t.entity;
    r.source_span = h.span;
    r.target_span = t.span;
    r.sentence = sentence_of(h.first_token);
    r.cue = "model";
    r.confidence = std::round(static_cast<double>(p.confidence) * 1000) / 1000;
    if (known.insert(stated(r)).second) rels.push_back(std::move(r));
  }
  relations::sort_relations(rels);
}

void add_co_mentions(const Segmentation& seg, ArticleResult& result) {
  const auto& mentions = result.entities.mentions;
  auto& rels = result.relations;
  std::vector<std::size_t> by_position(mentions.size());
  std::iota(by_position.begin(), by_position.end(), 0);
  std::stable_sort(by_position.begin(), by_position.end(), [&](std::size_t a, std::size_t b) {
    return mentions[a].span.begin < mentions[b].span.begin;
  });
  std::size_t k = 0;
  for (const Sentence& s : seg.sentences) {
    std::vector<std::size_t> firsts;  // the first mention of each entity in the sentence
    for (; k < by_position.size() && mentions[by_position[k]].span.begin < s.span.end; ++k) {
      const std::size_t m = by_position[k];
      const Mention& x = mentions[m];
      if (x.span.begin < s.span.begin || x.type == EntityType::Quotation) continue;
      if (x.entity >= result.entities.entities.size()) continue;
      const bool seen = std::any_of(firsts.begin(), firsts.end(),
                                    [&](std::size_t f) { return mentions[f].entity == x.entity; });
      if (!seen) firsts.push_back(m);
    }
    for (std::size_t i = 0; i < firsts.size(); ++i)
      for (std::size_t j = i + 1; j < firsts.size(); ++j) {
        Relation r;
        r.type = RelationType::CoMentioned;
        r.source = mentions[firsts[i]].entity;
        r.target = mentions[firsts[j]].entity;
        r.source_span = mentions[firsts[i]].span;
        r.target_span = mentions[firsts[j]].span;
        r.sentence = s.span;
        r.cue = "same sentence";
        rels.push_back(std::move(r));
      }
  }
  relations::sort_relations(rels);
}

}  // namespace newsgraph
