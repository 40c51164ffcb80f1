// The learned part of relation extraction: an averaged perceptron over pairs of mentions in one
// sentence (the words between them, their types, order and distance, the words around them),
// trained on CoNLL04 (train/relation_trainer.hpp). It proposes works_for, killed, based_in,
// lives_in and located_in with a confidence; the patterns of relations.hpp stay for everything
// else.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// What the model can say about an ordered pair of mentions: nothing, or one relation.
enum class PairLabel : std::uint8_t { None = 0, WorksFor, Killed, BasedIn, LivesIn, LocatedIn };
inline constexpr std::size_t kPairLabelCount = 6;

/// The relation of a label other than None.
RelationType to_relation(PairLabel label);
/// The argument types a label needs: WorksFor Person -> Organization, Killed Person -> Person,
/// BasedIn Organization -> Place, LivesIn Person -> Place, LocatedIn Place -> Place.
bool label_fits(PairLabel label, EntityType head, EntityType tail);

/// A relation the model found: between mentions `head` and `tail` (indices into the mentions it
/// was given), with a confidence in (0, 1).
struct PairPrediction {
  std::size_t head = 0;
  std::size_t tail = 0;
  PairLabel label = PairLabel::None;
  float confidence = 0;
};

/// A model file that cannot be used; what() names the file and the problem in one line.
class RelationModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RelationClassifier {
 public:
  /// Reads a model written by save(); throws RelationModelError.
  static RelationClassifier load(const std::string& path);
  void save(const std::string& path) const;
  std::string serialize() const;
  static RelationClassifier deserialize(std::string_view bytes, const std::string& origin);

  /// Every ordered pair of `mentions` (Person, Organization or Place; not attached) inside one
  /// sentence of `seg` that some label fits, with the best-scoring such label. Its confidence
  /// is the logistic of its margin over None: above 0.5 where it beats None, below where None
  /// wins (the caller's threshold decides; the pipeline keeps >= 0.8 by default).
  std::vector<PairPrediction> predict(const Segmentation& seg, const std::vector<Mention>& mentions,
                                      const Knowledge& kb) const;

  std::size_t nonzero_rows() const { return buckets_.size(); }

 private:
  static constexpr unsigned kBits = 18;
  // Only non-zero rows are kept, sorted by bucket: buckets_[k] has weights rows_[k].
  std::vector<std::uint32_t> buckets_;
  std::vector<std::array<float, kPairLabelCount>> rows_;
  std::vector<std::int32_t> index_;   ///< bucket -> row in rows_, -1 for none (2^kBits entries)
  float scale_ = 1.0f;                ///< how wide a score margin is: confidence = logistic(margin / scale)
  friend struct RelationModelAccess;  // the file reader and the trainer (relations/relation_model_access.hpp)
};

}  // namespace newsgraph
