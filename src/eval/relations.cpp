// Relation evaluation on CoNLL04, counted as ../shared/eval/rel_score.py counts.
#include "newsgraph/eval/relations.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <tuple>

namespace newsgraph {
namespace {

/// eval-relations' default threshold on the classifier's confidence: the best strict micro F1
/// on CoNLL04 dev (0.35-0.5 lie within a point of each other).
constexpr double kConll04MinConfidence = 0.4;

/// One relation as the scorer compares it: article, head span and type, tail span and type,
/// label. Boundaries leave the types out (both 0).
using RelationKey =
    std::tuple<std::size_t, std::size_t, std::size_t, int, std::size_t, std::size_t, int, int>;

/// An argument's type in a key: its label, or -1 for an unknown type.
int type_code(std::optional<EntityLabel> l) { return l ? static_cast<int>(*l) : -1; }

void add_counts(std::array<PrfCounts, kConll04LabelCount>& by_label, const std::set<RelationKey>& gold,
                const std::set<RelationKey>& predicted) {
  for (const RelationKey& k : gold) ++by_label[static_cast<std::size_t>(std::get<7>(k))].gold;
  for (const RelationKey& k : predicted) {
    auto& c = by_label[static_cast<std::size_t>(std::get<7>(k))];
    ++c.predicted;
    if (gold.count(k) > 0) ++c.true_positives;
  }
}

void write_line(std::ostream& out, std::string_view name, const PrfCounts& c) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "  %-11.*s P %.4f R %.4f F1 %.4f  (tp %zu, pred %zu, gold %zu)\n",
                static_cast<int>(name.size()), name.data(), c.precision(), c.recall(), c.f1(),
                c.true_positives, c.predicted, c.gold);
  out << buf;
}

void write_macro(std::ostream& out, double f1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "  %-11s F1 %.4f\n", "macro", f1);
  out << buf;
}

void write_block(std::ostream& out, const char* title,
                 const std::array<PrfCounts, kConll04LabelCount>& by_label) {
  out << title << "\n";
  for (std::size_t i = 0; i < kConll04LabelCount; ++i)
    write_line(out, to_string(static_cast<Conll04Label>(i)), by_label[i]);
  write_line(out, "micro", RelationScores::micro(by_label));
  write_macro(out, RelationScores::macro_f1(by_label));
}

}  // namespace

std::optional<Conll04Label> conll04_label(RelationType type, std::optional<EntityLabel> head,
                                          std::optional<EntityLabel> tail) {
  switch (type) {
    case RelationType::WorksFor:
      return Conll04Label::WorkFor;
    case RelationType::HoldsPosition:
      if (head == EntityLabel::PER && tail == EntityLabel::ORG) return Conll04Label::WorkFor;
      if (head == EntityLabel::PER && tail == EntityLabel::LOC) return Conll04Label::LiveIn;
      return std::nullopt;
    case RelationType::Killed:
      return Conll04Label::Kill;
    case RelationType::LocatedIn:
      if (head == EntityLabel::LOC && tail == EntityLabel::LOC) return Conll04Label::LocatedIn;
      if (head == EntityLabel::ORG && tail == EntityLabel::LOC) return Conll04Label::OrgBasedIn;
      return std::nullopt;
    case RelationType::BasedIn:
      return Conll04Label::OrgBasedIn;
    case RelationType::LivesIn:
    case RelationType::CitizenOf:
      return Conll04Label::LiveIn;
    default:
      return std::nullopt;
  }
}

PrfCounts RelationScores::micro(const std::array<PrfCounts, kConll04LabelCount>& by_label) {
  PrfCounts sum;
  for (const PrfCounts& c : by_label) sum += c;
  return sum;
}

double RelationScores::macro_f1(const std::array<PrfCounts, kConll04LabelCount>& by_label) {
  double sum = 0;
  for (const PrfCounts& c : by_label) sum += c.f1();
  return sum / static_cast<double>(by_label.size());
}

RelationScores evaluate_relations(const std::vector<RelationSentence>& sentences, const Pipeline& pipeline) {
  const std::vector<ArticleResult> results = extract_documents(sentences, pipeline);

  RelationScores scores;
  std::set<RelationKey> gold_strict, gold_bounds, sys_strict, sys_bounds;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const RelationSentence& s = sentences[k];
    const ArticleResult& r = results[k];
    std::map<Span, EntityLabel> gold_type, sys_type;
    for (const LabeledSpan& e : s.entities) gold_type[e.span] = e.label;
    std::vector<LabeledSpan> predicted;
    for (const Mention& m : r.entities.mentions) {
      if (const auto l = to_entity_label(m.type)) {
        predicted.push_back({m.span, *l});
        sys_type[m.span] = *l;
      }
    }
    scores.entities.add_document(s.entities, predicted);
    for (const GoldRelation& g : s.relations) {
      const int ht = static_cast<int>(gold_type.at(g.head)), tt = static_cast<int>(gold_type.at(g.tail));
      const int label = static_cast<int>(g.label);
      gold_strict.insert({k, g.head.begin, g.head.end, ht, g.tail.begin, g.tail.end, tt, label});
      gold_bounds.insert({k, g.head.begin, g.head.end, 0, g.tail.begin, g.tail.end, 0, label});
    }
    const auto type_at = [](const std::map<Span, EntityLabel>& types,
                            const Span& sp) -> std::optional<EntityLabel> {
      const auto it = types.find(sp);
      return it == types.end() ? std::nullopt : std::optional<EntityLabel>(it->second);
    };
    for (const Relation& rel : r.relations) {
      const auto hs = type_at(sys_type, rel.source_span), ts = type_at(sys_type, rel.target_span);
      // The map looks at the gold type of an argument when the span is a gold entity's.
      const auto hg = type_at(gold_type, rel.source_span), tg = type_at(gold_type, rel.target_span);
      const auto label = conll04_label(rel.type, hg ? hg : hs, tg ? tg : ts);
      if (!label) {
        ++scores.unmapped;
        continue;
      }
      const int l = static_cast<int>(*label);
      sys_strict.insert({k, rel.source_span.begin, rel.source_span.end, type_code(hs), rel.target_span.begin,
                         rel.target_span.end, type_code(ts), l});
      sys_bounds.insert({k, rel.source_span.begin, rel.source_span.end, 0, rel.target_span.begin,
                         rel.target_span.end, 0, l});
    }
  }
  add_counts(scores.strict, gold_strict, sys_strict);
  add_counts(scores.boundaries, gold_bounds, sys_bounds);
  return scores;
}

void write_relation_scores(std::ostream& out, const RelationScores& scores) {
  out << "ENTITIES (exact span + type)\n";
  double macro = 0;
  for (const EntityLabel l : {EntityLabel::PER, EntityLabel::ORG, EntityLabel::LOC}) {
    const PrfCounts& c = scores.entities.by_label[static_cast<std::size_t>(l)];
    write_line(out, to_string(l), c);
    macro += c.f1();
  }
  write_line(out, "micro", scores.entities.micro());
  write_macro(out, macro / 3);
  write_block(out, "RELATIONS STRICT (spans + direction + label + argument types)", scores.strict);
  write_block(out, "RELATIONS BOUNDARIES (spans + direction + label)", scores.boundaries);
  if (scores.unmapped > 0)
    out << "relations with no CoNLL04 label (not counted): " << scores.unmapped << "\n";
  char buf[32];
  std::snprintf(buf, sizeof buf, "F1 %.4f\n", RelationScores::micro(scores.strict).f1());
  out << buf;
}

PipelineConfig conll04_config(PipelineConfig config) {
  config.mentions.recognizer = Recognizer::TaggerOnly;
  config.mentions.model_path = default_model_path("ner-conll04.bin");
  config.relations.min_confidence = kConll04MinConfidence;
  return config;
}

}  // namespace newsgraph
