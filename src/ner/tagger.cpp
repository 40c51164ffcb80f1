// The averaged-perceptron NER tagger: greedy BILOU decoding with a compact model, and tagging
// (features: ner/tagger_features.hpp; the decoder: ner/tagger_decode.hpp; the model file:
// tagger_model_file.cpp; training: src/train/tagger_trainer.cpp).
//
// Sentences of the segmentation are hard boundaries: windows stop there and no entity crosses.
// They are decoded in document order, except that all-caps sentences (headlines, datelines)
// come after all the others: a headline's "BRUSSELS" then sees how the body tagged "Brussels".
// Decoding is greedy under the BILOU constraint; where the model would rather end an open name
// than continue it, the name is closed at the previous token instead (see decode()).
//
// Weights are the averaged perceptron's, made relative to tag O and kept as rows of 16 int8
// with a power-of-two factor; only non-zero rows are stored (see PerceptronTagger).

#include "newsgraph/ner/tagger.hpp"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "ner/tagger_access.hpp"
#include "ner/tagger_decode.hpp"
#include "ner/tagger_features.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsgraph {
namespace ner_detail {

/// Which tags may come next: after an open B/I only its I/L; else O, B, U. At a sentence's last
/// token nothing may stay open (no B, no I).
void allowed_tags(NerTag prev, bool last, bool* ok) {
  const bool open =
      prev != NerTag::O && (tag_position(prev) == BilouPosition::B || tag_position(prev) == BilouPosition::I);
  for (std::size_t t = 0; t < kTags; ++t) {
    const auto tag = static_cast<NerTag>(t);
    bool v = is_valid_transition(open ? prev : NerTag::O, tag);
    if (v && last && tag != NerTag::O) {
      const BilouPosition p = tag_position(tag);
      v = p == BilouPosition::L || p == BilouPosition::U;
    }
    ok[t] = v;
  }
}

AllowedTable::AllowedTable() {
  for (std::size_t p = 0; p < kTags; ++p) {
    for (int last = 0; last < 2; ++last) {
      bool ok[kTags];
      allowed_tags(static_cast<NerTag>(p), last != 0, ok);
      bits[p][last] = 0;
      for (std::size_t t = 0; t < kTags; ++t) bits[p][last] |= ok[t] ? (1u << t) : 0u;
    }
  }
}

const AllowedTable kAllowed;

}  // namespace ner_detail

using namespace ner_detail;

namespace {

/// The row of bucket `b` in a compact model: its own when it has one, else the zero row.
/// A compact model as the decoder reads it.
struct WeightView {
  const TaggerAccess::Block* blocks;
  const TaggerAccess::Row* rows;
  const std::uint8_t* shifts;
  std::uint32_t zero_row;  // index of the shared all-zero row

  explicit WeightView(const PerceptronTagger& t)
      : blocks(TaggerAccess::blocks(t).data()),
        rows(TaggerAccess::rows(t).data()),
        shifts(TaggerAccess::shifts(t).data()),
        zero_row(static_cast<std::uint32_t>(TaggerAccess::rows(t).size() - 1)) {}

  /// The row of bucket `b`: its own, or the zero row.
  std::uint32_t row_of(std::uint32_t b) const {
    const TaggerAccess::Block& block = blocks[b >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (b & 63);
    const std::uint32_t own = block.rank + popcount64(block.present & (bit - 1));
    return (block.present & bit) ? own : zero_row;
  }
};

/// Sums int8 rows (each times its power of two) into kRowWidth int32 scores.
struct RowSum {
#if defined(__SSE2__)
  __m128i a[4] = {};
  void add(const std::int8_t* row, int shift) {
    const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(row));
    const __m128i count = _mm_cvtsi32_si128(shift);
    // Sign-extended to int16 and shifted: |w| <= 127 and shift <= 8, so no overflow.
    const __m128i lo = _mm_sll_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(v, v), 8), count);
    const __m128i hi = _mm_sll_epi16(_mm_srai_epi16(_mm_unpackhi_epi8(v, v), 8), count);
    a[0] = _mm_add_epi32(a[0], _mm_srai_epi32(_mm_unpacklo_epi16(lo, lo), 16));
    a[1] = _mm_add_epi32(a[1], _mm_srai_epi32(_mm_unpackhi_epi16(lo, lo), 16));
    a[2] = _mm_add_epi32(a[2], _mm_srai_epi32(_mm_unpacklo_epi16(hi, hi), 16));
    a[3] = _mm_add_epi32(a[3], _mm_srai_epi32(_mm_unpackhi_epi16(hi, hi), 16));
  }
  void store(std::int32_t* out) const {
    for (int h = 0; h < 4; ++h) _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4 * h), a[h]);
  }
  void add_to(std::int32_t* out) const {
    for (int h = 0; h < 4; ++h) {
      auto* p = reinterpret_cast<__m128i*>(out + 4 * h);
      _mm_storeu_si128(p, _mm_add_epi32(_mm_loadu_si128(p), a[h]));
    }
  }
#else
  std::int32_t acc[kRowWidth] = {};
  void add(const std::int8_t* row, int shift) {
    for (std::size_t k = 0; k < kRowWidth; ++k) acc[k] += row[k] * (1 << shift);
  }
  void store(std::int32_t* out) const { std::copy(acc, acc + kRowWidth, out); }
  void add_to(std::int32_t* out) const {
    for (std::size_t k = 0; k < kRowWidth; ++k) out[k] += acc[k];
  }
#endif
};
static_assert(kRowWidth == 16, "RowSum is written for 16 weights per row");

/// Tags the tokens of ws.doc (a document, or a run of its sentences) with a compact model into
/// out[0, n); `only` as for decode(). The static features of all tokens are summed first, in one
/// pass with no dependency between tokens (so that their memory loads overlap); decoding then
/// adds the few dynamic rows per token.
void tag_features(const PerceptronTagger& model, unsigned bits, Workspace& ws, NerTag* out, int only) {
  const WeightView w(model);
  const DocFeatures& d = ws.doc;
  const std::size_t n = d.dyn.size();
  ws.scores.resize(n * kTags);
  // The rows of all static features first, then their sums with the rows a little ahead
  // prefetched: most rows are not in the nearest caches, and the loads then overlap.
  const std::size_t total = d.feats.size();
  ws.rows.resize(total);
  for (std::size_t f = 0; f < total; ++f) ws.rows[f] = w.row_of(d.feats[f]);
  constexpr std::size_t kAhead = 16;
  for (std::size_t f = 0; f < std::min(total, kAhead); ++f) __builtin_prefetch(w.rows + ws.rows[f]);
  for (std::size_t i = 0; i < n; ++i) {
    RowSum sum;
    for (std::size_t f = d.offsets[i]; f < d.offsets[i + 1]; ++f) {
      if (f + kAhead < total) __builtin_prefetch(w.rows + ws.rows[f + kAhead]);
      sum.add(w.rows[ws.rows[f]].w, w.shifts[ws.rows[f]]);
    }
    std::int32_t* scores = ws.scores.data() + i * kTags;
    scores[0] = 0;  // tag O
    sum.store(scores + 1);
  }
  greedy(
      d, ws.scores.data(),
      [&](std::uint32_t b, std::int32_t* acc) {
        const std::uint32_t r = w.row_of(b);
        RowSum sum;
        sum.add(w.rows[r].w, w.shifts[r]);
        sum.add_to(acc);
      },
      bits, out, ws.hist, only);
}

/// Tags one document into ws.tags. A document of more than `run_tokens` tokens is tagged a run
/// of whole sentences of at most `run_tokens` tokens at a time (a longer sentence alone), with
/// the same tags: the features of a token only look into its own sentence and at what
/// prepare_document() learns of the whole document, and the runs are decoded in the decoding
/// order of the whole document (ner/tagger_decode.hpp). Memory then follows the run, not the
/// document.
void tag_document(const PerceptronTagger& model, unsigned bits, std::uint32_t templates,
                  const Segmentation& seg, const Knowledge& kb, std::size_t run_tokens, Workspace& ws) {
  const std::size_t n = seg.tokens.size();
  if (n <= run_tokens || seg.sentences.empty()) {
    extract_features(seg, kb, bits, templates, /*target_domain=*/true, ws);
    ws.tags.resize(n);
    tag_features(model, bits, ws, ws.tags.data(), -1);
    return;
  }
  prepare_document(seg, kb, ws);
  ws.tags.assign(n, NerTag::O);
  ws.hist.assign(ws.words.size(), 0);
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // sentences [first, last)
  for (std::size_t s = 0; s < seg.sentences.size();) {
    std::size_t e = s + 1;
    while (e < seg.sentences.size() &&
           seg.sentences[e].last_token - seg.sentences[s].first_token <= run_tokens)
      ++e;
    runs.emplace_back(s, e);
    s = e;
  }
  for (int headlines = 0; headlines < 2; ++headlines) {
    for (const auto& [first, last] : runs) {
      if (std::find(ws.headlines.begin() + static_cast<std::ptrdiff_t>(first),
                    ws.headlines.begin() + static_cast<std::ptrdiff_t>(last),
                    headlines) == ws.headlines.begin() + static_cast<std::ptrdiff_t>(last))
        continue;
      extract_sentences(seg, kb, bits, templates, /*target_domain=*/true, first, last, headlines, ws);
      tag_features(model, bits, ws, ws.tags.data() + ws.first, headlines);
    }
  }
}

/// Gives back what a long document made the workspace hold for itself (its word table, its
/// word ids, its tags), so that a thread does not keep it for the documents after it.
void release_document(Workspace& ws) {
  if (ws.tags.capacity() <= kRunTokens) return;
  ws.words = WordTable();
  ws.words.reset(0);
  std::vector<std::uint16_t>().swap(ws.word_flags);
  std::vector<std::uint8_t>().swap(ws.mid_cap);
  std::vector<std::uint32_t>().swap(ws.word_ids);
  std::vector<std::uint8_t>().swap(ws.headlines);
  std::vector<NerTag>().swap(ws.tags);
  std::vector<std::uint8_t>().swap(ws.hist);
}

Workspace& thread_workspace() {
  thread_local Workspace ws;
  return ws;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// PerceptronTagger.

std::size_t PerceptronTagger::nonzero_rows() const { return rows_.empty() ? 0 : rows_.size() - 1; }

std::vector<NerTag> PerceptronTagger::tag_tokens(std::string_view /*text*/, const Segmentation& seg,
                                                 const Knowledge& kb) const {
  return TaggerAccess::tag_tokens_in_runs(*this, seg, kb, kRunTokens);
}

std::vector<TaggedSpan> PerceptronTagger::tag(std::string_view /*text*/, const Segmentation& seg,
                                              const Knowledge& kb) const {
  return spans_from_tags(TaggerAccess::tag_tokens_in_runs(*this, seg, kb, kRunTokens));
}

std::vector<NerTag> TaggerAccess::tag_tokens_in_runs(const PerceptronTagger& tagger, const Segmentation& seg,
                                                     const Knowledge& kb, std::size_t run_tokens) {
  Workspace& ws = thread_workspace();
  tag_document(tagger, tagger.bits_, tagger.templates_, seg, kb, std::max<std::size_t>(run_tokens, 1), ws);
  std::vector<NerTag> tags = ws.tags;
  release_document(ws);
  return tags;
}

std::vector<char> glued_final_periods(const Segmentation& seg) {
  std::vector<char> out(seg.tokens.size(), 0);
  for (const Sentence& s : seg.sentences) {
    if (s.last_token <= s.first_token + 1) continue;
    const Token& t = seg.tokens[s.last_token - 1];
    out[s.last_token - 1] = t.text == "." && !t.space_before ? 1 : 0;
  }
  return out;
}

}  // namespace newsgraph
