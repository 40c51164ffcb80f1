// NER evaluation with exact spans, as conlleval and ../shared/eval/ner_score.py count: a
// predicted entity is correct when its label and both boundaries equal a gold entity's (the
// counts and scores are in eval/scores.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <iosfwd>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/eval/scores.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/pipeline/pipeline.hpp"

namespace newsgraph {

/// Runs Pipeline::extract on the text of every document (anything with `id` and `text`), on the
/// pipeline's threads; results in the same order.
template <class Document>
std::vector<ArticleResult> extract_documents(const std::vector<Document>& docs, const Pipeline& pipeline) {
  std::vector<Article> articles;
  articles.reserve(docs.size());
  for (const Document& doc : docs) {
    Article a;
    a.id = doc.id;
    a.text = doc.text;
    a.origin = doc.id;
    articles.push_back(std::move(a));
  }
  return pipeline.extract_all(articles);
}

/// Runs the tagger alone on every document (segment, then PerceptronTagger::tag).
NerScores evaluate_tagger(const std::vector<GoldDocument>& docs, const PerceptronTagger& tagger,
                          const Knowledge& kb);

/// Runs the same mention detection as `newsgraph extract` (Pipeline::extract on each document's
/// text, on the pipeline's threads) and scores its mentions: Person -> PER, Organization ->
/// ORG, Place -> LOC; quotations are ignored.
NerScores evaluate_pipeline(const std::vector<GoldDocument>& docs, const Pipeline& pipeline);

/// One line per label (PER, ORG, LOC, MISC) and a micro line, in the reference scorer's layout:
/// "PER  P 0.9412 R 0.9301 F1 0.9356  (tp 1700, pred 1806, gold 1842)", the micro line
/// labelled "ALL", then "F1 <micro>".
void write_scores(std::ostream& out, const NerScores& scores);

}  // namespace newsgraph
