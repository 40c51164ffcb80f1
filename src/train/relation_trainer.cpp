// Training the relation classifier (relation_trainer.hpp): CoNLL04 sentences as labelled mention
// pairs, and the averaged perceptron over their features (relations/pair_features.hpp).
#include "newsgraph/train/relation_trainer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iomanip>
#include <map>
#include <numeric>
#include <ostream>
#include <random>

#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/text/utf8_index.hpp"
#include "relations/pair_features.hpp"
#include "relations/relation_model_access.hpp"

namespace newsgraph {
namespace {

using relations::kBits;
using relations::kLabels;

/// A candidate pair of a training sentence: its features, the labels its types allow (bits)
/// and its gold label.
struct Example {
  std::vector<std::uint32_t> feats;
  std::uint32_t allowed;
  std::size_t gold;
};

/// The candidate pairs of `sentences` that some relation label fits, in order.
std::vector<Example> prepare_examples(const std::vector<PairTrainingSentence>& sentences,
                                      const Knowledge& kb) {
  std::vector<Example> out;
  for (const PairTrainingSentence& s : sentences) {
    relations::TokenCache tc(s.seg, kb);
    const std::vector<std::size_t> before = relations::count_eligible(s.mentions);
    for (const auto& [a, b] : relations::candidate_pairs(s.seg, s.mentions)) {
      Example e;
      e.allowed = relations::allowed_labels(s.mentions[a].type, s.mentions[b].type);
      if (e.allowed == 1u) continue;
      e.gold = 0;
      for (const auto& g : s.relations)
        if (g.head == a && g.tail == b && (e.allowed >> static_cast<std::size_t>(g.label) & 1u))
          e.gold = static_cast<std::size_t>(g.label);
      relations::pair_features(tc, s.mentions, before, a, b, e.feats);
      out.push_back(std::move(e));
    }
  }
  return out;
}

/// The best-scoring label among the allowed ones (None when nothing beats it).
template <class Weights>
std::size_t best_label(const Weights& score, std::uint32_t allowed) {
  std::size_t best = 0;
  for (std::size_t l = 1; l < kLabels; ++l)
    if ((allowed >> l & 1u) && score[l] > score[best]) best = l;
  return best;
}

/// The micro F1 of `weights` over the gold pairs of `dev_ex`.
double dev_f1(const std::vector<Example>& dev_ex, const std::vector<float>& weights) {
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
}

/// One averaged perceptron, its examples in the order of `seed`: the averaged weights of its
/// best epoch on dev (the last epoch without dev).
std::vector<float> train_once(const std::vector<Example>& train_ex, const std::vector<Example>& dev_ex,
                              const PairTrainingOptions& options, std::uint64_t seed) {
  const std::size_t rows = std::size_t{1} << kBits;
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
      avg[k] = now ? (total[k] + w[k] * static_cast<float>(now - stamp[k])) / static_cast<float>(now) : 0.0f;
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
    const double f1 = dev_ex.empty() ? 0.0 : dev_f1(dev_ex, avg);
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
}

}  // namespace

PairTrainingSentence pair_training_sentence(const RelationSentence& sentence) {
  PairTrainingSentence out;
  out.text = std::make_shared<const std::string>(sentence.text);
  out.seg = segment(*out.text);
  const auto& tokens = out.seg.tokens;
  std::map<Span, std::size_t> mention_of;
  for (const LabeledSpan& e : sentence.entities) {
    const auto type = to_entity_type(e.label);
    if (!type) continue;
    std::size_t first = tokens.size(), last = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].span.begin == e.span.begin) first = i;
      if (tokens[i].span.end == e.span.end) last = i + 1;
    }
    if (first >= last) continue;
    Mention m;
    m.type = *type;
    m.span = e.span;
    m.first_token = first;
    m.last_token = last;
    m.text = std::string(Utf8Index(*out.text).slice(*out.text, e.span));
    mention_of[e.span] = out.mentions.size();
    out.mentions.push_back(std::move(m));
  }
  for (const GoldRelation& r : sentence.relations) {
    const auto h = mention_of.find(r.head), t = mention_of.find(r.tail);
    if (h == mention_of.end() || t == mention_of.end()) continue;
    PairLabel label = PairLabel::None;
    switch (r.label) {
      case Conll04Label::WorkFor:
        label = PairLabel::WorksFor;
        break;
      case Conll04Label::Kill:
        label = PairLabel::Killed;
        break;
      case Conll04Label::OrgBasedIn:
        label = PairLabel::BasedIn;
        break;
      case Conll04Label::LiveIn:
        label = PairLabel::LivesIn;
        break;
      case Conll04Label::LocatedIn:
        label = PairLabel::LocatedIn;
        break;
    }
    out.relations.push_back({h->second, t->second, label});
  }
  return out;
}

RelationClassifier train_relation_classifier(const std::vector<PairTrainingSentence>& train,
                                             const std::vector<PairTrainingSentence>& dev,
                                             const Knowledge& kb, const PairTrainingOptions& options) {
  const std::vector<Example> train_ex = prepare_examples(train, kb), dev_ex = prepare_examples(dev, kb);
  const std::size_t rows = std::size_t{1} << kBits;
  // The mean of options.bags such perceptrons, seeds seed, seed + 1, ...: less dependent on
  // one example order than any of them.
  const unsigned bags = std::max(1u, options.bags);
  std::vector<float> best_weights(rows * kLabels, 0.0f);
  for (unsigned k = 0; k < bags; ++k) {
    const std::vector<float> one = train_once(train_ex, dev_ex, options, options.seed + k);
    for (std::size_t i = 0; i < one.size(); ++i) best_weights[i] += one[i] / static_cast<float>(bags);
  }
  const double best_f1 = dev_ex.empty() ? 0.0 : dev_f1(dev_ex, best_weights);
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

}  // namespace newsgraph
