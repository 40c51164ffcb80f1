// Precision, recall and F1 counts, and NER scores with exact spans, as conlleval and
// ../shared/eval/ner_score.py count: a predicted entity is correct when its label and both
// boundaries equal a gold entity's. Shared by the evaluations (eval/ner.hpp,
// eval/relations.hpp) and the trainers, which score their dev documents with them.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/ner/tagger.hpp"

namespace newsgraph {

/// Counts for precision, recall and F1. Empty denominators give 0, like the reference scorer.
struct PrfCounts {
  std::size_t true_positives = 0;
  std::size_t predicted = 0;
  std::size_t gold = 0;

  double precision() const;
  double recall() const;
  double f1() const;
  PrfCounts& operator+=(const PrfCounts& o);
};

/// Scores per label, and micro-averaged over PER, ORG and LOC (MISC is reported separately for
/// information: it never becomes a graph node).
struct NerScores {
  std::array<PrfCounts, kEntityLabelCount> by_label{};

  /// PER + ORG + LOC.
  PrfCounts micro() const;
  /// Adds one document. Spans are compared as sets: duplicates count once.
  void add_document(std::vector<LabeledSpan> gold, std::vector<LabeledSpan> predicted);
};

}  // namespace newsgraph
