// The relation classifier: hashed features of a mention pair, an averaged perceptron over six
// labels (None and five relations) restricted to the labels the argument types allow, and a
// versioned model file.
//
// Features of an ordered pair (head, tail) in one sentence, each also joined with the pair's
// types where marked (+t): the types and their order; the lower-case words between the two
// mentions (+t; at most the first and last six) and their bigrams; the first and the last word
// between (+t); the number of tokens between, bucketed (+t); how many other mentions lie between;
// the word before the first mention and after the second; the last word of each mention (+t);
// titles between ("president", "chairman": Knowledge::is_title).
#include "newsgraph/relations/relation_model.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <numeric>
#include <ostream>
#include <random>
#include <sstream>

#include "newsgraph/util/atomic_file.hpp"
#include "text/token_text.hpp"

namespace newsgraph {
namespace {

constexpr char kMagic[8] = {'N', 'G', 'R', 'E', 'L', 'P', 'T', 'M'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::uint32_t kTemplateVersion = 3;
constexpr unsigned kBits = 18;
constexpr std::size_t kLabels = kPairLabelCount;
/// Pairs with more tokens than this between them are never related (they are rare in CoNLL04
/// and costly in long news sentences).
constexpr std::size_t kMaxBetween = 40;

std::uint64_t fnv(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}
constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  return (a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2))) * 0xBF58476D1CE4E5B9ULL;
}
std::uint32_t bucket(std::uint64_t h) {
  return static_cast<std::uint32_t>((h * 0x9E3779B97F4A7C15ULL) >> (64 - kBits));
}

std::string lower_ascii(std::string_view w) {
  std::string out(w);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool eligible(const Mention& m) {
  return !m.attached &&
         (m.type == EntityType::Person || m.type == EntityType::Organization || m.type == EntityType::Place);
}

/// The sentence index of each token.
std::vector<std::size_t> sentence_of_tokens(const Segmentation& seg) {
  std::vector<std::size_t> out(seg.tokens.size(), 0);
  for (std::size_t s = 0; s < seg.sentences.size(); ++s)
    for (std::size_t t = seg.sentences[s].first_token; t < seg.sentences[s].last_token; ++t) out[t] = s;
  return out;
}

/// What the features of one sentence's pairs share, computed once per token when first needed:
/// the hash of its lower case, and whether it is a title.
class TokenCache {
 public:
  TokenCache(const Segmentation& seg, const Knowledge& kb)
      : seg_(seg), kb_(kb), lower_(seg.tokens.size(), 0), title_(seg.tokens.size(), -1) {}
  std::uint64_t lower(std::size_t i) {
    if (lower_[i] == 0) lower_[i] = fnv(lower_ascii(seg_.tokens[i].text)) | 1;
    return lower_[i];
  }
  /// Hash of what the gazetteer knows of the name in tokens [first, last): its type and kind
  /// ("country", "city", ...), or 0 when it is unknown.
  std::uint64_t known(std::size_t first, std::size_t last) {
    const LexiconEntry* e = kb_.entity(text::join_tokens(seg_, first, last));
    if (e == nullptr) return 0;
    return mix(static_cast<std::uint64_t>(e->type) + 11, fnv(e->kind));
  }
  /// The ISO country of the gazetteer's entry for tokens [first, last), or "".
  std::string country(std::size_t first, std::size_t last) {
    const LexiconEntry* e = kb_.entity(text::join_tokens(seg_, first, last));
    return e == nullptr ? std::string() : e->country_code;
  }
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
                   std::vector<std::uint32_t>& out) {
  out.clear();
  const Segmentation& seg = tc.seg();
  const Mention& h = ms[a];
  const Mention& t = ms[b];
  const bool forward = h.first_token < t.first_token;
  const Mention& left = forward ? h : t;
  const Mention& right = forward ? t : h;
  const std::uint64_t types = mix(
      mix(static_cast<std::uint64_t>(h.type) + 1, static_cast<std::uint64_t>(t.type) + 7), forward ? 1 : 2);
  const auto emit = [&](std::uint64_t tpl, std::uint64_t v) { out.push_back(bucket(mix(tpl, v))); };
  const auto emit_typed = [&](std::uint64_t tpl, std::uint64_t v) {
    emit(tpl, v);
    emit(tpl + 1000, mix(v, types));
  };
  emit(1, types);
  const std::size_t from = left.last_token, to = right.first_token;
  const std::size_t between = to > from ? to - from : 0;
  static const std::size_t kDist[] = {0, 1, 2, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6};
  emit_typed(2, between < 13 ? kDist[between] : 7);
  std::uint64_t prev = 0;
  for (std::size_t i = from; i < to; ++i) {
    const bool near = i < from + 6 || i + 6 >= to;
    const std::uint64_t w = tc.lower(i);
    if (near) emit_typed(3, w);
    if (i > from) emit(4, mix(prev, w));
    if (tc.title(i)) emit_typed(5, 1);
    prev = w;
  }
  if (between > 0) {
    emit_typed(6, tc.lower(from));
    emit_typed(7, tc.lower(to - 1));
  } else {
    emit_typed(6, 0);
  }
  // Eligible mentions strictly between the two, by index (mentions are sorted by position).
  const std::size_t lo = std::min(a, b), hi = std::max(a, b);
  const std::size_t inside = eligible_before[hi] - eligible_before[lo + 1];
  emit_typed(8, std::min<std::size_t>(inside, 2));
  emit(9, left.first_token > 0 ? tc.lower(left.first_token - 1) : 0);
  emit(10, right.last_token < seg.tokens.size() ? tc.lower(right.last_token) : 0);
  emit_typed(11, tc.lower(h.last_token - 1));
  emit_typed(12, tc.lower(t.last_token - 1));
  // The first word of each mention ("president" of a CoNLL04 "President Lincoln") and every
  // word inside it, by role.
  emit_typed(13, tc.lower(h.first_token));
  emit_typed(14, tc.lower(t.first_token));
  for (std::size_t i = h.first_token; i < h.last_token; ++i) emit(15, tc.lower(i));
  for (std::size_t i = t.first_token; i < t.last_token; ++i) emit(16, tc.lower(i));
  // What the gazetteer knows of each argument, alone and together, and whether two known
  // places lie in the same country ("Anchorage" in "Alaska").
  const std::uint64_t kh = tc.known(h.first_token, h.last_token), kt = tc.known(t.first_token, t.last_token);
  emit_typed(17, kh);
  emit_typed(18, kt);
  emit(19, mix(mix(kh, kt), types));
  if (kh != 0 && kt != 0) {
    const std::string ch = tc.country(h.first_token, h.last_token),
                      ct = tc.country(t.first_token, t.last_token);
    emit(20, mix(mix(kh, kt), !ch.empty() && ch == ct ? 1 : 2));
  }
  // The words between in full when they are few ("," of "Boise , Idaho"; "of the" ...).
  if (between <= 4) {
    std::uint64_t seq = 0;
    for (std::size_t i = from; i < to; ++i) seq = mix(seq, tc.lower(i));
    emit_typed(21, mix(seq, between));
  }
  // Two words either side of the pair.
  emit(22, left.first_token > 1 ? mix(tc.lower(left.first_token - 2), tc.lower(left.first_token - 1)) : 0);
  emit(23, right.last_token + 1 < seg.tokens.size()
               ? mix(tc.lower(right.last_token), tc.lower(right.last_token + 1))
               : 0);
}

/// eligible_before[i]: the eligible mentions among ms[0, i).
std::vector<std::size_t> count_eligible(const std::vector<Mention>& ms) {
  std::vector<std::size_t> out(ms.size() + 1, 0);
  for (std::size_t i = 0; i < ms.size(); ++i) out[i + 1] = out[i] + (eligible(ms[i]) ? 1 : 0);
  return out;
}

/// The ordered pairs of eligible mentions that share a sentence.
std::vector<std::pair<std::size_t, std::size_t>> candidate_pairs(const Segmentation& seg,
                                                                 const std::vector<Mention>& ms) {
  const std::vector<std::size_t> sent = sentence_of_tokens(seg);
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t a = 0; a < ms.size(); ++a) {
    if (!eligible(ms[a]) || ms[a].first_token >= ms[a].last_token || ms[a].last_token > seg.tokens.size())
      continue;
    for (std::size_t b = 0; b < ms.size(); ++b) {
      if (a == b || !eligible(ms[b]) || ms[b].first_token >= ms[b].last_token ||
          ms[b].last_token > seg.tokens.size())
        continue;
      if (sent[ms[a].first_token] != sent[ms[b].first_token]) continue;
      const std::size_t gap = ms[a].first_token < ms[b].first_token ? ms[b].first_token - ms[a].last_token
                                                                    : ms[a].first_token - ms[b].last_token;
      if (gap > kMaxBetween) continue;
      const bool overlap = ms[a].first_token < ms[b].last_token && ms[b].first_token < ms[a].last_token;
      if (!overlap) out.emplace_back(a, b);
    }
  }
  return out;
}

/// Allowed labels of a pair as bits.
std::uint32_t allowed_labels(EntityType h, EntityType t) {
  std::uint32_t bits = 1;  // None
  for (std::size_t l = 1; l < kLabels; ++l)
    if (label_fits(static_cast<PairLabel>(l), h, t)) bits |= 1u << l;
  return bits;
}

template <class Weights>
std::size_t best_label(const Weights& score, std::uint32_t allowed) {
  std::size_t best = 0;
  for (std::size_t l = 1; l < kLabels; ++l)
    if ((allowed >> l & 1u) && score[l] > score[best]) best = l;
  return best;
}

void put_u32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
std::uint32_t get_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

}  // namespace

struct RelationModelAccess {
  static RelationClassifier make(std::vector<std::uint32_t> buckets,
                                 std::vector<std::array<float, kLabels>> rows, float scale) {
    RelationClassifier c;
    c.buckets_ = std::move(buckets);
    c.rows_ = std::move(rows);
    c.scale_ = scale;
    c.index_.assign(std::size_t{1} << kBits, -1);
    for (std::size_t k = 0; k < c.buckets_.size(); ++k)
      c.index_[c.buckets_[k]] = static_cast<std::int32_t>(k);
    return c;
  }
};

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
  const auto pairs = candidate_pairs(seg, mentions);
  if (pairs.empty()) return out;
  TokenCache tc(seg, kb);
  const std::vector<std::size_t> before = count_eligible(mentions);
  std::vector<std::uint32_t> feats;
  for (const auto& [a, b] : pairs) {
    const std::uint32_t allowed = allowed_labels(mentions[a].type, mentions[b].type);
    if (allowed == 1u) continue;
    pair_features(tc, mentions, before, a, b, feats);
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

RelationClassifier RelationClassifier::train(const std::vector<PairTrainingSentence>& train,
                                             const std::vector<PairTrainingSentence>& dev,
                                             const Knowledge& kb, const PairTrainingOptions& options) {
  struct Example {
    std::vector<std::uint32_t> feats;
    std::uint32_t allowed;
    std::size_t gold;
  };
  const auto prepare = [&](const std::vector<PairTrainingSentence>& sentences) {
    std::vector<Example> out;
    for (const PairTrainingSentence& s : sentences) {
      TokenCache tc(s.seg, kb);
      const std::vector<std::size_t> before = count_eligible(s.mentions);
      for (const auto& [a, b] : candidate_pairs(s.seg, s.mentions)) {
        Example e;
        e.allowed = allowed_labels(s.mentions[a].type, s.mentions[b].type);
        if (e.allowed == 1u) continue;
        e.gold = 0;
        for (const auto& g : s.relations)
          if (g.head == a && g.tail == b && (e.allowed >> static_cast<std::size_t>(g.label) & 1u))
            e.gold = static_cast<std::size_t>(g.label);
        pair_features(tc, s.mentions, before, a, b, e.feats);
        out.push_back(std::move(e));
      }
    }
    return out;
  };
  const std::vector<Example> train_ex = prepare(train), dev_ex = prepare(dev);
  const std::size_t rows = std::size_t{1} << kBits;
  const auto score_dev = [&](const std::vector<float>& weights) {
    std::size_t tp = 0, pred = 0, gold = 0;
    for (const Example& e : dev_ex) {
      std::array<float, kLabels> s{};
      for (std::uint32_t f : e.feats)
        for (std::size_t l = 0; l < kLabels; ++l) s[l] += weights[f * kLabels + l];
      const std::size_t best = best_label(s, e.allowed);
      pred += best != 0;
      gold += e.gold != 0;
      tp += best != 0 && best == e.gold;
    }
    const double p = pred ? static_cast<double>(tp) / static_cast<double>(pred) : 0.0;
    const double r = gold ? static_cast<double>(tp) / static_cast<double>(gold) : 0.0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  };

  // One averaged perceptron, its examples in the order of `seed`: the averaged weights of its
  // best epoch on dev (the last epoch without dev).
  const auto train_once = [&](std::uint64_t seed) {
    std::vector<float> w(rows * kLabels, 0), total(rows * kLabels, 0);
    std::vector<std::uint32_t> stamp(rows * kLabels, 0);
    std::uint32_t now = 0;
    const auto update = [&](std::size_t k, float delta) {
      total[k] += w[k] * static_cast<float>(now - stamp[k]);
      stamp[k] = now;
      w[k] += delta;
    };
    const auto averaged = [&]() {
      std::vector<float> avg(w.size());
      for (std::size_t k = 0; k < w.size(); ++k)
        avg[k] =
            now ? (total[k] + w[k] * static_cast<float>(now - stamp[k])) / static_cast<float>(now) : 0.0f;
      return avg;
    };
    std::vector<std::size_t> order(train_ex.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(static_cast<std::uint32_t>(seed));
    std::vector<float> best_weights;
    double best_f1 = -1;
    unsigned best_epoch = 0;
    for (unsigned epoch = 1; epoch <= std::max(1u, options.max_epochs); ++epoch) {
      for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
      std::size_t errors = 0;
      for (std::size_t k : order) {
        const Example& e = train_ex[k];
        ++now;
        std::array<float, kLabels> s{};
        for (std::uint32_t f : e.feats)
          for (std::size_t l = 0; l < kLabels; ++l) s[l] += w[f * kLabels + l];
        const std::size_t best = best_label(s, e.allowed);
        if (best == e.gold) continue;
        ++errors;
        for (std::uint32_t f : e.feats) {
          update(f * kLabels + e.gold, 1.0f);
          update(f * kLabels + best, -1.0f);
        }
      }
      std::vector<float> avg = averaged();
      const double f1 = dev_ex.empty() ? 0.0 : score_dev(avg);
      if (options.log)
        *options.log << "train-relations: seed " << seed << " epoch " << epoch << ": " << errors
                     << " training errors, dev F1 " << std::fixed << std::setprecision(4) << f1 << "\n";
      if (dev_ex.empty() || f1 > best_f1) {
        best_f1 = f1;
        best_epoch = epoch;
        best_weights = std::move(avg);
      } else if (epoch - best_epoch >= std::max(1u, options.patience)) {
        break;
      }
    }
    return best_weights;
  };
  // The mean of options.bags such perceptrons, seeds seed, seed + 1, ...: less dependent on
  // one example order than any of them.
  const unsigned bags = std::max(1u, options.bags);
  std::vector<float> best_weights(rows * kLabels, 0.0f);
  for (unsigned k = 0; k < bags; ++k) {
    const std::vector<float> one = train_once(options.seed + k);
    for (std::size_t i = 0; i < one.size(); ++i) best_weights[i] += one[i] / static_cast<float>(bags);
  }
  const double best_f1 = dev_ex.empty() ? 0.0 : score_dev(best_weights);
  // Only non-zero rows; the confidence scale is the mean absolute margin of the training
  // examples the model labels as a relation.
  std::vector<std::uint32_t> buckets;
  std::vector<std::array<float, kLabels>> kept;
  for (std::uint32_t b = 0; b < rows; ++b) {
    std::array<float, kLabels> r{};
    bool any = false;
    for (std::size_t l = 0; l < kLabels; ++l) {
      r[l] = best_weights[b * kLabels + l];
      any = any || std::fabs(r[l]) > 1e-6f;
    }
    if (any) {
      buckets.push_back(b);
      kept.push_back(r);
    }
  }
  double margins = 0;
  std::size_t positives = 0;
  for (const Example& e : train_ex) {
    std::array<float, kLabels> s{};
    for (std::uint32_t f : e.feats)
      for (std::size_t l = 0; l < kLabels; ++l) s[l] += best_weights[f * kLabels + l];
    const std::size_t best = best_label(s, e.allowed);
    if (best == 0) continue;
    margins += s[best] - s[0];
    ++positives;
  }
  const float scale = positives ? static_cast<float>(margins / static_cast<double>(positives)) / 2.0f : 1.0f;
  if (options.log)
    *options.log << "train-relations: kept the mean of " << bags
                 << " perceptron(s), each at its best epoch, dev F1 " << std::setprecision(4) << best_f1
                 << " (gold mentions), " << buckets.size() << " non-zero rows\n";
  return RelationModelAccess::make(std::move(buckets), std::move(kept), scale > 0 ? scale : 1.0f);
}

// The file (little-endian): magic "NGRELPTM", format version, feature-template version, hash
// bits, label count, float32 confidence scale, row count, then each row's bucket (u32) and its
// label weights (float32), and FNV-1a 64 of everything before it.
std::string RelationClassifier::serialize() const {
  std::string s(kMagic, sizeof kMagic);
  put_u32(s, kFormatVersion);
  put_u32(s, kTemplateVersion);
  put_u32(s, kBits);
  put_u32(s, static_cast<std::uint32_t>(kLabels));
  std::uint32_t sc;
  std::memcpy(&sc, &scale_, 4);
  put_u32(s, sc);
  put_u32(s, static_cast<std::uint32_t>(buckets_.size()));
  for (std::size_t k = 0; k < buckets_.size(); ++k) {
    put_u32(s, buckets_[k]);
    for (float f : rows_[k]) {
      std::uint32_t v;
      std::memcpy(&v, &f, 4);
      put_u32(s, v);
    }
  }
  const std::uint64_t h = fnv(s);
  put_u32(s, static_cast<std::uint32_t>(h));
  put_u32(s, static_cast<std::uint32_t>(h >> 32));
  return s;
}

RelationClassifier RelationClassifier::deserialize(std::string_view b, const std::string& origin) {
  const auto fail = [&](const std::string& what) -> RelationModelError {
    return RelationModelError(origin + ": " + what);
  };
  constexpr std::size_t kHeader = 8 + 6 * 4;
  if (b.size() < kHeader + 8 || std::memcmp(b.data(), kMagic, 8) != 0)
    throw fail("not a newsgraph relation model (wrong magic or truncated)");
  const std::uint64_t want = fnv(b.substr(0, b.size() - 8));
  const std::uint64_t got = get_u32(b.data() + b.size() - 8) | std::uint64_t{get_u32(b.data() + b.size() - 4)}
                                                                   << 32;
  if (want != got) throw fail("checksum mismatch (the file is corrupt)");
  const char* p = b.data() + 8;
  if (get_u32(p) != kFormatVersion)
    throw fail("format version " + std::to_string(get_u32(p)) + " is not supported");
  if (get_u32(p + 4) != kTemplateVersion || get_u32(p + 8) != kBits || get_u32(p + 12) != kLabels)
    throw fail("feature templates, hash bits or labels differ from this build (retrain the model)");
  float scale;
  std::uint32_t sc = get_u32(p + 16);
  std::memcpy(&scale, &sc, 4);
  const std::size_t n = get_u32(p + 20);
  const std::size_t row_bytes = 4 + 4 * kLabels;
  if (b.size() != kHeader + n * row_bytes + 8) throw fail("size does not match its row count (truncated?)");
  std::vector<std::uint32_t> buckets(n);
  std::vector<std::array<float, kLabels>> rows(n);
  p = b.data() + kHeader;
  for (std::size_t k = 0; k < n; ++k, p += row_bytes) {
    buckets[k] = get_u32(p);
    if (buckets[k] >> kBits != 0 || (k > 0 && buckets[k] <= buckets[k - 1])) throw fail("rows out of order");
    for (std::size_t l = 0; l < kLabels; ++l) {
      const std::uint32_t v = get_u32(p + 4 + 4 * l);
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
