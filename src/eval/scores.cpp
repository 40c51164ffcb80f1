// Precision, recall and F1 counts, and exact-span NER scores.

#include "newsgraph/eval/scores.hpp"

#include <algorithm>

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

}  // namespace newsgraph
