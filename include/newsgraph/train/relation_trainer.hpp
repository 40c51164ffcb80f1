// Training the relation classifier (relations/relation_model.hpp) on CoNLL04: the training
// sentences, the options, and the trainer itself, an averaged perceptron whose epoch is chosen on
// a dev split.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph {

/// A training sentence: its segmentation, its entity mentions (token ranges and types) and the
/// gold label of some ordered pairs of them (every other pair is None). `text` is shared and
/// never moves, so `seg`'s token views stay valid when the sentence is copied or moved.
struct PairTrainingSentence {
  std::shared_ptr<const std::string> text;
  Segmentation seg;  ///< segment(*text)
  std::vector<Mention> mentions;
  struct Gold {
    std::size_t head, tail;
    PairLabel label;
  };
  std::vector<Gold> relations;
};

struct PairTrainingOptions {
  unsigned max_epochs = 30;
  unsigned patience = 6;
  std::uint64_t seed = 1;
  /// Perceptrons trained (seeds seed, seed + 1, ...), whose weights are averaged.
  unsigned bags = 1;
  std::ostream* log = nullptr;
};

/// A sentence as training data for the relation classifier: segmented, its PER/ORG/LOC gold
/// entities as mentions over our tokens (an entity whose bounds fall inside a token is left
/// out), and its gold relations as labelled mention pairs.
PairTrainingSentence pair_training_sentence(const RelationSentence& sentence);

/// Trains on `train`, keeping the averaged weights of the epoch with the best micro F1 over
/// the gold pairs of `dev` (the last epoch when `dev` is empty). Deterministic.
RelationClassifier train_relation_classifier(const std::vector<PairTrainingSentence>& train,
                                             const std::vector<PairTrainingSentence>& dev,
                                             const Knowledge& kb, const PairTrainingOptions& options);

}  // namespace newsgraph
