// Exact-span NER scoring, the tagger alone or the whole extract pipeline.

#include "newsgraph/eval/ner.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "newsgraph/text/segment.hpp"

namespace newsgraph {

double PrfCounts::precision() const {
  return predicted ? static_cast<double>(true_positives) / static_cast<double>(predicted) : 0.0;
}

double PrfCounts::recall() const {
  return gold ? static_cast<double>(true_positives) / static_cast<double>(gold) : 0.0;
}

double PrfCounts::f1() const {
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

PrfCounts& PrfCounts::operator+=(const PrfCounts& o) {
  true_positives += o.true_positives;
  predicted += o.predicted;
  gold += o.gold;
  return *this;
}

PrfCounts NerScores::micro() const {
  PrfCounts m;
  for (EntityLabel l : {EntityLabel::PER, EntityLabel::ORG, EntityLabel::LOC})
    m += by_label[static_cast<std::size_t>(l)];
  return m;
}

void NerScores::add_document(std::vector<LabeledSpan> gold, std::vector<LabeledSpan> predicted) {
  for (auto* v : {&gold, &predicted}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  for (const LabeledSpan& g : gold) ++by_label[static_cast<std::size_t>(g.label)].gold;
  for (const LabeledSpan& p : predicted) {
    PrfCounts& c = by_label[static_cast<std::size_t>(p.label)];
    ++c.predicted;
    if (std::binary_search(gold.begin(), gold.end(), p)) ++c.true_positives;
  }
}

NerScores evaluate_tagger(const std::vector<GoldDocument>& docs, const PerceptronTagger& tagger,
                          const Knowledge& kb) {
  NerScores scores;
  for (const GoldDocument& doc : docs) {
    const Segmentation seg = segment(doc.text);
    scores.add_document(doc.spans, to_labeled_spans(seg, tagger.tag(doc.text, seg, kb)));
  }
  return scores;
}

NerScores evaluate_pipeline(const std::vector<GoldDocument>& docs, const Pipeline& pipeline) {
  const std::vector<ArticleResult> results = extract_documents(docs, pipeline);
  NerScores scores;
  for (std::size_t k = 0; k < docs.size(); ++k) {
    std::vector<LabeledSpan> predicted;
    for (const Mention& m : results[k].entities.mentions) {
      if (const auto label = to_entity_label(m.type)) predicted.push_back({m.span, *label});
    }
    scores.add_document(docs[k].spans, std::move(predicted));
  }
  return scores;
}

void write_scores(std::ostream& out, const NerScores& scores) {
  char line[160];
  const auto row = [&](std::string_view name, const PrfCounts& c) {
    std::snprintf(line, sizeof line, "%-4.*s P %.4f R %.4f F1 %.4f  (tp %zu, pred %zu, gold %zu)\n",
                  static_cast<int>(name.size()), name.data(), c.precision(), c.recall(), c.f1(),
                  c.true_positives, c.predicted, c.gold);
    out << line;
  };
  for (std::size_t l = 0; l < kEntityLabelCount; ++l)
    row(to_string(static_cast<EntityLabel>(l)), scores.by_label[l]);
  row("ALL", scores.micro());
  std::snprintf(line, sizeof line, "F1 %.4f\n", scores.micro().f1());
  out << line;
}

}  // namespace newsgraph
