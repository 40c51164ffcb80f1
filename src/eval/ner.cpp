// Exact-span NER scoring, the tagger alone or the whole extract pipeline.

#include "newsgraph/eval/ner.hpp"

#include <cstdio>
#include <ostream>

#include "newsgraph/text/segment.hpp"

namespace newsgraph {

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
