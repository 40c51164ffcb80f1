// The relation classifier: the hashed features of a mention pair (pair_features.hpp), an
// averaged perceptron over six labels (None and five relations) restricted to the labels the
// argument types allow, and a versioned model file. Its trainer is train/relation_trainer.cpp.
#include "newsgraph/relations/relation_model.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

#include "newsgraph/util/atomic_file.hpp"
#include "relations/pair_features.hpp"
#include "relations/relation_model_access.hpp"
#include "util/binary_io.hpp"
#include "util/hash.hpp"

namespace newsgraph {
namespace {

using relations::kBits;
using relations::kLabels;
using relations::kTemplateVersion;

constexpr char kMagic[8] = {'N', 'G', 'R', 'E', 'L', 'P', 'T', 'M'};
constexpr std::uint32_t kFormatVersion = 1;

}  // namespace

RelationType to_relation(PairLabel label) {
  switch (label) {
    case PairLabel::WorksFor:
      return RelationType::WorksFor;
    case PairLabel::Killed:
      return RelationType::Killed;
    case PairLabel::BasedIn:
      return RelationType::BasedIn;
    case PairLabel::LivesIn:
      return RelationType::LivesIn;
    case PairLabel::LocatedIn:
    case PairLabel::None:
      break;
  }
  return RelationType::LocatedIn;
}

bool label_fits(PairLabel label, EntityType head, EntityType tail) {
  using T = EntityType;
  switch (label) {
    case PairLabel::None:
      return true;
    case PairLabel::WorksFor:
      return head == T::Person && tail == T::Organization;
    case PairLabel::Killed:
      return head == T::Person && tail == T::Person;
    case PairLabel::BasedIn:
      return head == T::Organization && tail == T::Place;
    case PairLabel::LivesIn:
      return head == T::Person && tail == T::Place;
    case PairLabel::LocatedIn:
      return head == T::Place && tail == T::Place;
  }
  return false;
}

std::vector<PairPrediction> RelationClassifier::predict(const Segmentation& seg,
                                                        const std::vector<Mention>& mentions,
                                                        const Knowledge& kb) const {
  std::vector<PairPrediction> out;
  const auto pairs = relations::candidate_pairs(seg, mentions);
  if (pairs.empty()) return out;
  relations::TokenCache tc(seg, kb);
  const std::vector<std::size_t> before = relations::count_eligible(mentions);
  std::vector<std::uint32_t> feats;
  for (const auto& [a, b] : pairs) {
    const std::uint32_t allowed = relations::allowed_labels(mentions[a].type, mentions[b].type);
    if (allowed == 1u) continue;
    relations::pair_features(tc, mentions, before, a, b, feats);
    std::array<float, kLabels> score{};
    for (std::uint32_t f : feats) {
      const std::int32_t r = index_[f];
      if (r < 0) continue;
      for (std::size_t l = 0; l < kLabels; ++l) score[l] += rows_[static_cast<std::size_t>(r)][l];
    }
    // The best relation label, even where None scores higher: its confidence is then below 0.5
    // and the caller's threshold decides.
    std::size_t best = 0;
    for (std::size_t l = 1; l < kLabels; ++l)
      if ((allowed >> l & 1u) && (best == 0 || score[l] > score[best])) best = l;
    if (best == 0) continue;
    const float margin = score[best] - score[0];
    out.push_back({a, b, static_cast<PairLabel>(best), 1.0f / (1.0f + std::exp(-margin / scale_))});
  }
  return out;
}

// The file (little-endian): magic "NGRELPTM", format version, feature-template version, hash
// bits, label count, float32 confidence scale, row count, then each row's bucket (u32) and its
// label weights (float32), and FNV-1a 64 of everything before it.
std::string RelationClassifier::serialize() const {
  std::string s(kMagic, sizeof kMagic);
  binary::put_u32(s, kFormatVersion);
  binary::put_u32(s, kTemplateVersion);
  binary::put_u32(s, kBits);
  binary::put_u32(s, static_cast<std::uint32_t>(kLabels));
  std::uint32_t sc;
  std::memcpy(&sc, &scale_, 4);
  binary::put_u32(s, sc);
  binary::put_u32(s, static_cast<std::uint32_t>(buckets_.size()));
  for (std::size_t k = 0; k < buckets_.size(); ++k) {
    binary::put_u32(s, buckets_[k]);
    for (float f : rows_[k]) {
      std::uint32_t v;
      std::memcpy(&v, &f, 4);
      binary::put_u32(s, v);
    }
  }
  const std::uint64_t h = hash::fnv1a(s);
  binary::put_u64(s, h);
  return s;
}

RelationClassifier RelationClassifier::deserialize(std::string_view b, const std::string& origin) {
  const auto fail = [&](const std::string& what) -> RelationModelError {
    return RelationModelError(origin + ": " + what);
  };
  constexpr std::size_t kHeader = 8 + 6 * 4;
  if (b.size() < kHeader + 8 || std::memcmp(b.data(), kMagic, 8) != 0)
    throw fail("not a newsgraph relation model (wrong magic or truncated)");
  const std::uint64_t want = hash::fnv1a(b.substr(0, b.size() - 8));
  const std::uint64_t got = binary::get_u64(b.data() + b.size() - 8);
  if (want != got) throw fail("checksum mismatch (the file is corrupt)");
  const char* p = b.data() + 8;
  if (binary::get_u32(p) != kFormatVersion)
    throw fail("format version " + std::to_string(binary::get_u32(p)) + " is not supported");
  if (binary::get_u32(p + 4) != kTemplateVersion || binary::get_u32(p + 8) != kBits ||
      binary::get_u32(p + 12) != kLabels)
    throw fail("feature templates, hash bits or labels differ from this build (retrain the model)");
  float scale;
  std::uint32_t sc = binary::get_u32(p + 16);
  std::memcpy(&scale, &sc, 4);
  const std::size_t n = binary::get_u32(p + 20);
  const std::size_t row_bytes = 4 + 4 * kLabels;
  if (b.size() != kHeader + n * row_bytes + 8) throw fail("size does not match its row count (truncated?)");
  std::vector<std::uint32_t> buckets(n);
  std::vector<std::array<float, kLabels>> rows(n);
  p = b.data() + kHeader;
  for (std::size_t k = 0; k < n; ++k, p += row_bytes) {
    buckets[k] = binary::get_u32(p);
    if (buckets[k] >> kBits != 0 || (k > 0 && buckets[k] <= buckets[k - 1])) throw fail("rows out of order");
    for (std::size_t l = 0; l < kLabels; ++l) {
      const std::uint32_t v = binary::get_u32(p + 4 + 4 * l);
      std::memcpy(&rows[k][l], &v, 4);
    }
  }
  if (!(scale > 0) || !std::isfinite(scale)) throw fail("invalid confidence scale");
  return RelationModelAccess::make(std::move(buckets), std::move(rows), scale);
}

RelationClassifier RelationClassifier::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RelationModelError(path + ": cannot open the relation model");
  std::ostringstream buf;
  buf << in.rdbuf();
  return deserialize(buf.str(), path);
}

void RelationClassifier::save(const std::string& path) const {
  const std::string bytes = serialize();
  try {
    write_file_atomically(
        path, [&](std::ostream& os) { os.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
  } catch (const std::exception& e) {
    throw RelationModelError(e.what());
  }
}

}  // namespace newsgraph
