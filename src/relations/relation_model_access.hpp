// The door into RelationClassifier's weights for its file reader (relation_model.cpp) and its
// trainer (train/relation_trainer.cpp). Internal to the library.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "newsgraph/relations/relation_model.hpp"
#include "relations/pair_features.hpp"

namespace newsgraph {

struct RelationModelAccess {
  static_assert(RelationClassifier::kBits == relations::kBits, "one number of feature buckets");

  /// A classifier from its non-zero rows (sorted by bucket, each with its label weights) and its
  /// confidence scale.
  static RelationClassifier make(std::vector<std::uint32_t> buckets,
                                 std::vector<std::array<float, relations::kLabels>> rows, float scale) {
    RelationClassifier c;
    c.buckets_ = std::move(buckets);
    c.rows_ = std::move(rows);
    c.scale_ = scale;
    c.index_.assign(std::size_t{1} << relations::kBits, -1);
    for (std::size_t k = 0; k < c.buckets_.size(); ++k)
      c.index_[c.buckets_[k]] = static_cast<std::int32_t>(k);
    return c;
  }
};

}  // namespace newsgraph
