// Internal access to the tagger's weights, for the decoder, the model file and the trainer
// (src/train/tagger_trainer.cpp): the one door to PerceptronTagger's private members. Internal
// to the library.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>
#include <vector>

#include "newsgraph/ner/tagger.hpp"

namespace newsgraph {
namespace ner_detail {

constexpr std::size_t kTags = kNerTagCount;

/// Weights per row of a compact model: every tag but O (whose weights are zero).
constexpr std::size_t kRowWidth = kTags - 1;

/// Documents of more tokens than this are tagged a run of sentences at a time (ner/tagger.cpp),
/// which bounds the tagger's memory; the tags are the same.
constexpr std::size_t kRunTokens = std::size_t{1} << 16;

/// Set bits of `x` (SWAR: the build targets baseline x86-64, where __builtin_popcountll is a
/// library call).
inline std::uint32_t popcount64(std::uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<std::uint32_t>((x * 0x0101010101010101ULL) >> 56);
}

}  // namespace ner_detail

/// Internal access to the tagger's weights for the trainer, the decoder and the file format.
struct TaggerAccess {
  using Block = PerceptronTagger::Block;
  using Row = PerceptronTagger::Row;

  /// The tag of every token of `seg`, a document of more than `run_tokens` tokens tagged a run
  /// of its sentences at a time (PerceptronTagger::tag_tokens() takes kRunTokens); the tags are
  /// the same whatever `run_tokens` (ner/tagger.cpp).
  static std::vector<NerTag> tag_tokens_in_runs(const PerceptronTagger& tagger, const Segmentation& seg,
                                                const Knowledge& kb, std::size_t run_tokens);

  /// A model from its bucket presence bits (64 per word) and the rows and shifts of the present
  /// buckets, in bucket order.
  static PerceptronTagger make(unsigned bits, float scale, const std::vector<std::uint64_t>& present,
                               std::vector<Row> rows, std::vector<std::uint8_t> shifts) {
    PerceptronTagger t;
    t.bits_ = bits;
    t.scale_ = scale;
    t.blocks_.resize(present.size());
    std::uint32_t count = 0;
    for (std::size_t k = 0; k < present.size(); ++k) {
      t.blocks_[k].present = present[k];
      t.blocks_[k].rank = count;
      count += ner_detail::popcount64(present[k]);
    }
    t.rows_ = std::move(rows);
    t.rows_.push_back(Row{});  // the shared zero row
    t.shifts_ = std::move(shifts);
    t.shifts_.push_back(0);
    return t;
  }
  /// A model from dense weights [bucket][tag] whose O column is zero and whose rows are each
  /// an int8 row times a power of two (as the trainer's averaged() leaves them); all-zero rows are
  /// dropped.
  static PerceptronTagger from_dense(unsigned bits, const std::vector<std::int16_t>& dense, float scale) {
    const std::size_t buckets = std::size_t{1} << bits;
    std::vector<std::uint64_t> present((buckets + 63) / 64, 0);
    std::vector<Row> rows;
    std::vector<std::uint8_t> shifts;
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::int16_t* w = dense.data() + b * ner_detail::kTags + 1;
      int largest = 0;
      for (std::size_t k = 0; k < ner_detail::kRowWidth; ++k)
        largest = std::max(largest, std::abs(static_cast<int>(w[k])));
      if (largest == 0) continue;
      present[b / 64] |= std::uint64_t{1} << (b % 64);
      int shift = 0;
      while ((largest >> shift) > 127) ++shift;
      Row row;
      for (std::size_t k = 0; k < ner_detail::kRowWidth; ++k)
        row.w[k] = static_cast<std::int8_t>(w[k] / (1 << shift));
      rows.push_back(row);
      shifts.push_back(static_cast<std::uint8_t>(shift));
    }
    return make(bits, scale, present, std::move(rows), std::move(shifts));
  }
  static const std::vector<Block>& blocks(const PerceptronTagger& t) { return t.blocks_; }
  static const std::vector<Row>& rows(const PerceptronTagger& t) { return t.rows_; }
  static const std::vector<std::uint8_t>& shifts(const PerceptronTagger& t) { return t.shifts_; }
  static float scale(const PerceptronTagger& t) { return t.scale_; }
  /// Sets what a model records beside its weights: its corpus's span conventions
  /// (PerceptronTagger::glued_final_period(), whole_words()) and its feature-template version.
  static void set_conventions(PerceptronTagger& t, bool glued_period, bool whole_words,
                              std::uint32_t templates) {
    t.glued_period_ = glued_period;
    t.whole_words_ = whole_words;
    t.templates_ = templates;
  }
};

}  // namespace newsgraph
