// Training the NER tagger: the averaged perceptron over the tagger's own features and decoder
// (ner/tagger_features.hpp, ner/tagger_decode.hpp), dev scoring after every epoch, and the span
// conventions of the training corpus that the model records.

#include "newsgraph/train/tagger_trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <random>
#include <stdexcept>

#include "ner/tagger_access.hpp"
#include "ner/tagger_decode.hpp"
#include "ner/tagger_features.hpp"
#include "newsgraph/eval/scores.hpp"

namespace newsgraph {
namespace {

using namespace ner_detail;

/// Perceptron weights [bucket][tag] with lazy averaging: each weight keeps its current value,
/// the sum of its values over all steps up to `stamp`, and the step of its last change.
struct AveragedWeights {
  explicit AveragedWeights(std::size_t size) : value(size, 0), total(size, 0), stamp(size, 0) {}
  std::vector<std::int32_t> value;
  std::vector<std::int64_t> total;
  std::vector<std::uint32_t> stamp;

  void update(std::size_t k, std::int32_t delta, std::uint32_t now) {
    total[k] += static_cast<std::int64_t>(value[k]) * (now - stamp[k]);
    stamp[k] = now;
    value[k] += delta;
  }
};

/// Trained weights: dense [bucket][tag] int16, weight = value * scale.
struct DenseWeights {
  std::vector<std::int16_t> weights;
  float scale = 1.0f;
  unsigned epoch = 0;
  double dev_f1 = 0;
};

/// The averaged weights after `now` steps, made relative to tag O (each row minus its O weight:
/// every token's scores shift alike, so no decision changes), without the rows whose weights
/// all stay below `min_weight`, quantised to int16 with one scale and then to 8 bits per row.
DenseWeights averaged(const AveragedWeights& w, std::uint32_t now, float min_weight) {
  std::vector<float> avg(w.value.size());
  float max_abs = 0.0f;
  for (std::size_t row = 0; row < avg.size(); row += kTags) {
    double o = 0;
    for (std::size_t t = 0; t < kTags; ++t) {
      const std::size_t k = row + t;
      const auto sum =
          static_cast<double>(w.total[k] + static_cast<std::int64_t>(w.value[k]) * (now - w.stamp[k]));
      const double mean = now ? sum / now : 0.0;
      if (t == 0) o = mean;
      avg[k] = static_cast<float>(mean - o);
      max_abs = std::max(max_abs, std::fabs(avg[k]));
    }
  }
  DenseWeights out;
  out.scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  out.weights.resize(avg.size());
  for (std::size_t k = 0; k < avg.size(); ++k) {
    out.weights[k] = static_cast<std::int16_t>(std::lround(avg[k] / out.scale));
  }
  // Each row to 8 bits: int8 values times the smallest power of two that fits the row's largest
  // weight (the model stores them so; here they stay expanded for tag_dense()).
  for (std::size_t row = 0; row < avg.size(); row += kTags) {
    int largest = 0;
    for (std::size_t t = 0; t < kTags; ++t)
      largest = std::max(largest, std::abs(static_cast<int>(out.weights[row + t])));
    int shift = 0;
    while ((largest >> shift) > 127) ++shift;
    for (std::size_t t = 0; t < kTags; ++t) {
      const int q = static_cast<int>(std::lround(static_cast<double>(out.weights[row + t]) / (1 << shift)));
      out.weights[row + t] = static_cast<std::int16_t>(std::clamp(q, -127, 127) * (1 << shift));
    }
  }
  // Rows whose every weight averages below `min_weight` updates are dropped: they hardly move a
  // score, and a smaller model stays in cache.
  for (std::size_t row = 0; row < avg.size(); row += kTags) {
    float largest = 0;
    for (std::size_t t = 0; t < kTags; ++t) largest = std::max(largest, std::fabs(avg[row + t]));
    if (largest < min_weight) {
      std::fill(out.weights.begin() + static_cast<std::ptrdiff_t>(row),
                out.weights.begin() + static_cast<std::ptrdiff_t>(row + kTags), 0);
    }
  }
  return out;
}

/// A prepared training or dev document: static features and gold tags.
struct PreparedDoc {
  const DocFeatures* features;
  const std::vector<NerTag>* gold;
};

/// Tags a prepared document with dense int16 weights whose O column is zero, exactly as
/// tag_document() does with the same weights in compact form.
void tag_dense(const DocFeatures& d, const std::vector<std::int16_t>& w, unsigned bits,
               std::vector<NerTag>& out, std::vector<std::int32_t>& scores, std::vector<std::uint8_t>& hist) {
  const std::size_t n = d.dyn.size();
  scores.assign(n * kTags, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::int32_t* acc = scores.data() + i * kTags;
    for (std::uint32_t f = d.offsets[i]; f < d.offsets[i + 1]; ++f) {
      const std::int16_t* r = w.data() + static_cast<std::size_t>(d.feats[f]) * kTags;
      for (std::size_t k = 0; k < kTags; ++k) acc[k] += r[k];
    }
  }
  out.resize(n);
  greedy(
      d, scores.data(),
      [&](std::uint32_t b, std::int32_t* acc) {
        const std::int16_t* r = w.data() + static_cast<std::size_t>(b) * kTags + 1;
        for (std::size_t k = 0; k < kRowWidth; ++k) acc[k] += r[k];
      },
      bits, out.data(), hist);
}

/// Micro P/R/F1 over PER/ORG/LOC with exact token spans.
PrfCounts score_tags(const std::vector<std::vector<NerTag>>& predicted,
                     const std::vector<PreparedDoc>& docs) {
  NerScores scores;
  const auto as_labeled = [](const std::vector<TaggedSpan>& spans) {
    std::vector<LabeledSpan> v;
    v.reserve(spans.size());
    for (const TaggedSpan& s : spans) v.push_back({{s.first_token, s.last_token}, s.label});
    return v;
  };
  for (std::size_t k = 0; k < docs.size(); ++k) {
    scores.add_document(as_labeled(spans_from_tags(*docs[k].gold)),
                        as_labeled(spans_from_tags(predicted[k])));
  }
  return scores.micro();
}

/// A deterministic Fisher-Yates shuffle driven by std::mt19937, whose output sequence the
/// standard fixes; std::shuffle's algorithm is implementation-defined, so the document order
/// (and the model) could differ between standard libraries.
void shuffle(std::vector<std::size_t>& v, std::mt19937& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(rng()) % i;
    std::swap(v[i - 1], v[j]);
  }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Gold tags of `docs` with every sentence-final glued period taken out of the span it closes,
/// and in `kept` whether such periods were more often inside spans than after them.
std::vector<std::vector<NerTag>> without_glued_periods(const std::vector<TrainingDocument>& docs,
                                                       bool& kept) {
  std::vector<std::vector<NerTag>> out;
  out.reserve(docs.size());
  std::size_t inside = 0, after = 0;
  for (const TrainingDocument& d : docs) {
    std::vector<NerTag> gold = d.gold;
    const std::vector<char> glued = glued_final_periods(d.seg);
    for (std::size_t i = 1; i < gold.size(); ++i) {
      if (!glued[i]) continue;
      const NerTag prev = gold[i - 1];
      if (gold[i] != NerTag::O && tag_position(gold[i]) == BilouPosition::L) {
        ++inside;
        gold[i] = NerTag::O;
        const EntityLabel label = tag_label(prev);
        gold[i - 1] =
            make_tag(tag_position(prev) == BilouPosition::B ? BilouPosition::U : BilouPosition::L, label);
      } else if (gold[i] == NerTag::O && prev != NerTag::O &&
                 (tag_position(prev) == BilouPosition::L || tag_position(prev) == BilouPosition::U)) {
        ++after;
      }
    }
    out.push_back(std::move(gold));
  }
  kept = inside > after;
  return out;
}

/// Whether no gold span of `docs` starts or ends inside a word, a run of tokens with no space
/// between them (a sentence-final glued period aside, see without_glued_periods): true of
/// corpora whose tokens were joined by spaces, where a span is a run of whole words.
bool spans_are_whole_words(const std::vector<TrainingDocument>& docs) {
  std::size_t spans = 0;
  for (const TrainingDocument& d : docs) {
    const std::vector<char> glued = glued_final_periods(d.seg);
    const std::vector<Token>& toks = d.seg.tokens;
    for (const TaggedSpan& s : spans_from_tags(d.gold)) {
      ++spans;
      if (s.first_token > 0 && !toks[s.first_token].space_before && !toks[s.first_token].newline_before)
        return false;
      if (s.last_token < toks.size() && !toks[s.last_token].space_before && !glued[s.last_token])
        return false;
    }
  }
  return spans > 0;
}

/// Refuses options out of range, documents whose tags do not match their tokens, and feature
/// templates 3 without target documents or target documents without them.
void check_training_input(const std::vector<TrainingDocument>& train,
                          const std::vector<TrainingDocument>& dev, const TrainingOptions& options) {
  if (options.hash_bits < kMinBits || options.hash_bits > kMaxBits) {
    throw std::invalid_argument("hash bits must be between " + std::to_string(kMinBits) + " and " +
                                std::to_string(kMaxBits));
  }
  for (const std::vector<TrainingDocument>* set : {&train, &dev}) {
    for (const TrainingDocument& d : *set) {
      if (d.gold.size() != d.seg.tokens.size()) {
        throw std::invalid_argument("training document with " + std::to_string(d.gold.size()) + " tags for " +
                                    std::to_string(d.seg.tokens.size()) + " tokens");
      }
    }
  }
  if (options.templates != kTemplateVersion && options.templates != kExtendedTemplateVersion &&
      options.templates != kDomainTemplateVersion) {
    throw std::invalid_argument("feature templates must be version " + std::to_string(kTemplateVersion) +
                                ", " + std::to_string(kExtendedTemplateVersion) + " or " +
                                std::to_string(kDomainTemplateVersion));
  }
  const bool any_target =
      std::any_of(train.begin(), train.end(), [](const TrainingDocument& d) { return d.target_domain; });
  if (options.templates == kDomainTemplateVersion && !any_target)
    throw std::invalid_argument("feature templates 3 need training documents of the target corpus");
  if (options.templates != kDomainTemplateVersion && any_target)
    throw std::invalid_argument("training documents of a target corpus need feature templates 3");
}

/// The training and dev documents as training reads them: static features computed once, and
/// gold tags without the glued final periods. Filled in place (prepare_corpus), since the
/// prepared documents point into the other members.
struct PreparedCorpus {
  bool glued_period = false;  ///< the training corpus's convention (glued_final_period())
  std::vector<std::vector<NerTag>> train_gold, dev_gold;
  std::vector<DocFeatures> train_features, dev_features;
  std::vector<PreparedDoc> train_docs, dev_docs;
};

void prepare_corpus(const std::vector<TrainingDocument>& train, const std::vector<TrainingDocument>& dev,
                    const Knowledge& kb, unsigned bits, std::uint32_t templates, PreparedCorpus& c) {
  // Static features of every document, once.
  // Spans without their glued final period, for training and for choosing the epoch; the
  // convention goes into the model (glued_final_period()).
  bool dev_glued_period = false;
  c.train_gold = without_glued_periods(train, c.glued_period);
  c.dev_gold = without_glued_periods(dev, dev_glued_period);
  const auto prepare = [&](const std::vector<TrainingDocument>& docs, std::vector<DocFeatures>& features,
                           std::vector<PreparedDoc>& prepared) {
    features.reserve(docs.size());
    Workspace ws;
    for (const TrainingDocument& doc : docs) {
      // dev documents are tagged as the model will tag: as its target corpus
      extract_features(doc.seg, kb, bits, templates, doc.target_domain || &docs == &dev, ws);
      features.push_back(ws.doc);
    }
    const auto& gold = &docs == &train ? c.train_gold : c.dev_gold;
    for (std::size_t k = 0; k < docs.size(); ++k) prepared.push_back({&features[k], &gold[k]});
  };
  prepare(train, c.train_features, c.train_docs);
  prepare(dev, c.dev_features, c.dev_docs);
}

/// One epoch: the training documents in `order`, each decoded greedily with the current
/// weights, with an update wherever the prediction is wrong. Returns the number of wrong tags.
std::size_t train_epoch(const std::vector<PreparedDoc>& train_docs, const std::vector<std::size_t>& order,
                        unsigned bits, AveragedWeights& w, std::uint32_t& now, std::vector<NerTag>& out,
                        std::vector<std::uint8_t>& hist) {
  std::size_t errors = 0;
  for (std::size_t k : order) {
    // Greedy decoding with the current weights, an update wherever the prediction is wrong.
    const DocFeatures& d = *train_docs[k].features;
    const std::vector<NerTag>& gold = *train_docs[k].gold;
    out.resize(d.dyn.size());
    const auto score = [&](std::size_t i, const std::uint32_t* dyn, std::size_t nd, std::int64_t* acc) {
      std::fill(acc, acc + kTags, 0);
      const auto add = [&](std::uint32_t f) {
        const std::int32_t* r = w.value.data() + static_cast<std::size_t>(f) * kTags;
        for (std::size_t q = 0; q < kTags; ++q) acc[q] += r[q];
      };
      for (std::uint32_t f = d.offsets[i]; f < d.offsets[i + 1]; ++f) add(d.feats[f]);
      for (std::size_t j = 0; j < nd; ++j) add(dyn[j]);
    };
    const auto decided = [&](std::size_t i, const std::uint32_t* dyn, std::size_t nd, std::size_t pred) {
      ++now;
      const auto g = static_cast<std::size_t>(gold[i]);
      if (pred == g) return;
      ++errors;
      const auto update = [&](std::uint32_t f) {
        w.update(static_cast<std::size_t>(f) * kTags + g, 1, now);
        w.update(static_cast<std::size_t>(f) * kTags + pred, -1, now);
      };
      for (std::uint32_t f = d.offsets[i]; f < d.offsets[i + 1]; ++f) update(d.feats[f]);
      for (std::size_t j = 0; j < nd; ++j) update(dyn[j]);
    };
    decode<std::int64_t>(d, bits, out.data(), hist, score, decided);
  }
  return errors;
}

/// Runs the epochs over the prepared corpus and returns the averaged weights of the best one
/// (by dev F1; with no dev documents, of the last), stopping after `patience` epochs without a
/// better dev F1.
DenseWeights best_weights(const PreparedCorpus& c, unsigned bits, const TrainingOptions& options,
                          std::chrono::steady_clock::time_point start) {
  std::ostream* log = options.log;
  const std::vector<PreparedDoc>& train_docs = c.train_docs;
  const std::vector<PreparedDoc>& dev_docs = c.dev_docs;
  AveragedWeights w(kTags << bits);
  std::uint32_t now = 0;
  std::seed_seq seq{static_cast<std::uint32_t>(options.seed), static_cast<std::uint32_t>(options.seed >> 32)};
  std::mt19937 rng(seq);
  std::vector<std::size_t> order(train_docs.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;

  const unsigned max_epochs = std::max(1u, options.max_epochs);
  const unsigned patience = std::max(1u, options.patience);
  DenseWeights best;
  best.dev_f1 = -1;
  std::vector<std::uint8_t> hist;
  std::vector<NerTag> out;
  std::vector<std::int32_t> buffer;
  std::vector<std::vector<NerTag>> dev_out(dev_docs.size());
  for (unsigned epoch = 1; epoch <= max_epochs; ++epoch) {
    shuffle(order, rng);
    const std::size_t errors = train_epoch(train_docs, order, bits, w, now, out, hist);
    if (dev_docs.empty()) {
      if (log) *log << "train-ner: epoch " << epoch << ": " << errors << " training errors\n";
      if (epoch == max_epochs) {
        best = averaged(w, now, options.min_weight);
        best.epoch = epoch;
      }
      continue;
    }
    DenseWeights model = averaged(w, now, options.min_weight);
    for (std::size_t k = 0; k < dev_docs.size(); ++k) {
      tag_dense(*dev_docs[k].features, model.weights, bits, dev_out[k], buffer, hist);
    }
    const PrfCounts score = score_tags(dev_out, dev_docs);
    if (log) {
      *log << "train-ner: epoch " << epoch << ": " << errors << " training errors, dev P " << std::fixed
           << std::setprecision(4) << score.precision() << " R " << score.recall() << " F1 " << score.f1()
           << " (PER/ORG/LOC), " << std::setprecision(1) << seconds_since(start) << " s\n";
    }
    if (score.f1() > best.dev_f1) {
      best = std::move(model);
      best.epoch = epoch;
      best.dev_f1 = score.f1();
    } else if (epoch - best.epoch >= patience) {
      break;
    }
  }
  return best;
}

}  // namespace

PerceptronTagger train_tagger(const std::vector<TrainingDocument>& train,
                              const std::vector<TrainingDocument>& dev, const Knowledge& kb,
                              const TrainingOptions& options) {
  check_training_input(train, dev, options);
  const unsigned bits = options.hash_bits;
  const std::uint32_t templates = options.templates;
  const auto start = std::chrono::steady_clock::now();
  std::ostream* log = options.log;

  PreparedCorpus corpus;
  prepare_corpus(train, dev, kb, bits, templates, corpus);
  if (log) {
    std::size_t tokens = 0;
    for (const TrainingDocument& d : train) tokens += d.gold.size();
    *log << "train-ner: " << train.size() << " training documents (" << tokens << " tokens), " << dev.size()
         << " dev documents; features ready in " << std::fixed << std::setprecision(1) << seconds_since(start)
         << " s\n";
  }

  const DenseWeights best = best_weights(corpus, bits, options, start);
  const bool glued_period = corpus.glued_period;
  PerceptronTagger model = TaggerAccess::from_dense(bits, best.weights, best.scale);
  TaggerAccess::set_conventions(model, glued_period, spans_are_whole_words(train), templates);
  if (log) {
    if (glued_period) *log << "train-ner: names keep a glued sentence-final period (corpus convention)\n";
    if (model.whole_words()) *log << "train-ner: names are runs of whole words (corpus convention)\n";
    *log << "train-ner: kept epoch " << best.epoch;
    if (!dev.empty()) *log << ", dev F1 " << std::setprecision(4) << best.dev_f1 << " (PER/ORG/LOC)";
    *log << ", " << model.nonzero_rows() << " non-zero weight rows, " << std::setprecision(1)
         << seconds_since(start) << " s\n";
  }
  return model;
}

}  // namespace newsgraph
