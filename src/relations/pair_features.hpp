// The relation classifier's view of a mention pair: which pairs are candidates, which labels
// their types allow, and their hashed features (pair_features.cpp lists them). The classifier
// (relation_model.cpp) and its trainer (train/relation_trainer.cpp) share it. The hashing,
// the mixing and the constants here define the model file: changing any of them needs a new
// kTemplateVersion and retrained models. Internal to the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace newsgraph::relations {

/// The version of the feature templates, written into model files.
inline constexpr std::uint32_t kTemplateVersion = 3;
/// Features hash into 2^kBits buckets.
inline constexpr unsigned kBits = 18;
inline constexpr std::size_t kLabels = kPairLabelCount;
/// Pairs with more tokens than this between them are never related (they are rare in CoNLL04
/// and costly in long news sentences).
inline constexpr std::size_t kMaxBetween = 40;

/// What the features of one sentence's pairs share, computed once per token when first needed:
/// the hash of its lower case, and whether it is a title.
class TokenCache {
 public:
  TokenCache(const Segmentation& seg, const Knowledge& kb)
      : seg_(seg), kb_(kb), lower_(seg.tokens.size(), 0), title_(seg.tokens.size(), -1) {}
  std::uint64_t lower(std::size_t i) {
    if (lower_[i] == 0) lower_[i] = hash::fnv1a(strings::ascii_lower(seg_.tokens[i].text)) | 1;
    return lower_[i];
  }
  /// Hash of what the gazetteer knows of the name in tokens [first, last): its type and kind
  /// ("country", "city", ...), or 0 when it is unknown.
  std::uint64_t known(std::size_t first, std::size_t last);
  /// The ISO country of the gazetteer's entry for tokens [first, last), or "".
  std::string country(std::size_t first, std::size_t last);
  bool title(std::size_t i) {
    if (title_[i] < 0) title_[i] = kb_.is_title(seg_.tokens[i].text) ? 1 : 0;
    return title_[i] == 1;
  }
  const Segmentation& seg() const { return seg_; }

 private:
  const Segmentation& seg_;
  const Knowledge& kb_;
  std::vector<std::uint64_t> lower_;
  std::vector<std::int8_t> title_;
};

/// The hashed features of the ordered pair (a, b) into `out` (cleared first). `eligible_before`
/// counts the eligible mentions before each index of `ms` (sorted by position).
void pair_features(TokenCache& tc, const std::vector<Mention>& ms,
                   const std::vector<std::size_t>& eligible_before, std::size_t a, std::size_t b,
                   std::vector<std::uint32_t>& out);

/// eligible_before[i]: the eligible mentions among ms[0, i) (persons, organizations and
/// places that are not attached).
std::vector<std::size_t> count_eligible(const std::vector<Mention>& ms);

/// The ordered pairs of eligible mentions that share a sentence.
std::vector<std::pair<std::size_t, std::size_t>> candidate_pairs(const Segmentation& seg,
                                                                 const std::vector<Mention>& ms);

/// Allowed labels of a pair as bits.
std::uint32_t allowed_labels(EntityType h, EntityType t);

}  // namespace newsgraph::relations
