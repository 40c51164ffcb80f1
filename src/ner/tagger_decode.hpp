// Greedy decoding of the NER tagger under the BILOU constraint, shared by tagging
// (ner/tagger.cpp) and training (src/train/tagger_trainer.cpp): the dynamic features, the
// allowed tags and the decoder itself. Internal to the library.
//
// Sentences of the segmentation are hard boundaries: windows stop there and no entity crosses.
// They are decoded in document order, except that all-caps sentences (headlines, datelines)
// come after all the others: a headline's "BRUSSELS" then sees how the body tagged "Brussels".
// Decoding is greedy under the BILOU constraint; where the model would rather end an open name
// than continue it, the name is closed at the previous token instead (see decode()).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ner/tagger_access.hpp"
#include "ner/tagger_features.hpp"
#include "newsgraph/ner/tagger.hpp"

namespace newsgraph::ner_detail {

constexpr std::uint64_t kBos = kTags;  // the "tag" before a sentence's first token
constexpr std::size_t kPrevFeatures = 4;
constexpr std::size_t kMaxHistory = 4;

/// The features of a token that depend on the previous two predicted tags.
inline void prev_features(const TokenDyn& t, std::uint64_t prev, std::uint64_t prev2, unsigned bits,
                          std::uint32_t* out) {
  out[0] = bucket(mix(tpl(kPrevTag), prev), bits);
  out[1] = bucket(mix(mix(tpl(kPrev2Tag), prev2), prev), bits);
  out[2] = bucket(mix(mix(tpl(kPrevTagWord), prev), t.lower), bits);
  out[3] = bucket(mix(mix(tpl(kPrevTagShape), prev), t.sshape), bits);
}

/// The non-local features of a token: the last entity tag predicted, earlier in the decoding,
/// for the same word (and for the title-cased form of a headline word). At most kMaxHistory.
inline std::size_t history_features(const TokenDyn& t, const std::vector<std::uint8_t>& hist, unsigned bits,
                                    std::uint32_t* out) {
  std::size_t n = 0;
  if (const std::uint8_t h = hist[t.word_id]) {
    const auto label = static_cast<std::uint64_t>(tag_label(static_cast<NerTag>(h)));
    out[n++] = bucket(mix(tpl(kHistLabel), label), bits);
    out[n++] = bucket(mix(tpl(kHistTag), h), bits);
    out[n++] = bucket(mix(mix(tpl(kHistLabelShape), label), t.sshape), bits);
  }
  if (t.title_id != kNone) {
    if (const std::uint8_t h = hist[t.title_id]) {
      const auto label = static_cast<std::uint64_t>(tag_label(static_cast<NerTag>(h)));
      out[n++] = bucket(mix(tpl(kHistTitleLabel), label), bits);
    }
  }
  return n;
}

/// allowed_tags() (which tags may follow which, ner/tagger.cpp) for every previous tag, as bit
/// sets over the next tag: bits[prev][last].
struct AllowedTable {
  std::uint32_t bits[kTags][2];
  AllowedTable();
};
/// The one table, built at start-up (ner/tagger.cpp).
extern const AllowedTable kAllowed;

/// The best allowed tag for `scores` after `prev` (the lowest on ties).
template <class S>
std::size_t best_allowed(const S* scores, NerTag prev, bool last) {
  const std::uint32_t ok = kAllowed.bits[static_cast<std::size_t>(prev)][last];
  std::size_t best = kTags;
  for (std::size_t k = 0; k < kTags; ++k) {
    if ((ok >> k & 1u) && (best == kTags || scores[k] > scores[best])) best = k;
  }
  return best;
}

/// Calls f(begin, end) for every sentence of `d` in decoding order: the sentences that are not
/// all-caps in document order, then the all-caps ones (headlines, datelines) in document order.
/// `only` 0 or 1 keeps to the first or the second group.
template <class F>
void for_each_sentence(const DocFeatures& d, F&& f, int only = -1) {
  const std::size_t n = d.dyn.size();
  for (int headlines = 0; headlines < 2; ++headlines) {
    if (only >= 0 && only != headlines) continue;
    for (std::size_t b = 0; b < n;) {
      std::size_t e = b + 1;
      while (e < n && !d.dyn[e].sent_start) ++e;
      if (d.dyn[b].headline == (headlines == 1)) f(b, e);
      b = e;
    }
  }
}

/// Greedy decoding of one document, sentence by sentence in decoding order (for_each_sentence).
/// `score(i, dyn, nd, acc)` puts token i's kTags scores into acc, given its dynamic features
/// dyn[0, nd); `decided(i, dyn, nd, tag)` learns of each decision (training updates there).
/// When the previous token left an entity open (B-X or I-X) but the best tag of all would not
/// continue it (O, B-*, U-*), the entity is closed at the previous token instead (B-X becomes
/// U-X, I-X becomes L-X) and the token is scored again after it: the decoder never stretches a
/// name against the model's preference. `hist` is scratch for a whole document (`only` -1). A
/// document decoded in parts (`d` a run of its sentences, see extract_sentences()) is decoded
/// run by run, with `only` 0 for every run, then 1 for every run, and `hist` is its history
/// (emptied by the caller for d.word_count words, then carried from part to part).
template <class Acc, class Score, class Decided>
void decode(const DocFeatures& d, unsigned bits, NerTag* out, std::vector<std::uint8_t>& hist, Score&& score,
            Decided&& decided, int only = -1) {
  if (only < 0) hist.assign(d.word_count, 0);
  for_each_sentence(
      d,
      [&](std::size_t b, std::size_t e) {
        std::uint64_t prev = kBos, prev2 = kBos;
        std::uint32_t dyn[kPrevFeatures + kMaxHistory];
        Acc acc[kTags];
        for (std::size_t i = b; i < e; ++i) {
          const TokenDyn& t = d.dyn[i];
          prev_features(t, prev, prev2, bits, dyn);
          std::size_t nd = kPrevFeatures + history_features(t, hist, bits, dyn + kPrevFeatures);
          score(i, dyn, nd, acc);
          NerTag prev_tag = prev == kBos ? NerTag::O : static_cast<NerTag>(prev);
          if (prev_tag != NerTag::O &&
              (tag_position(prev_tag) == BilouPosition::B || tag_position(prev_tag) == BilouPosition::I)) {
            const std::size_t top = static_cast<std::size_t>(std::max_element(acc, acc + kTags) - acc);
            const auto top_tag = static_cast<NerTag>(top);
            if (top_tag == NerTag::O || tag_position(top_tag) == BilouPosition::B ||
                tag_position(top_tag) == BilouPosition::U) {
              const BilouPosition closing =
                  tag_position(prev_tag) == BilouPosition::B ? BilouPosition::U : BilouPosition::L;
              prev_tag = make_tag(closing, tag_label(prev_tag));
              out[i - 1] = prev_tag;
              hist[d.dyn[i - 1].word_id] = static_cast<std::uint8_t>(prev_tag);
              prev = static_cast<std::uint64_t>(prev_tag);
              prev_features(t, prev, prev2, bits, dyn);
              nd = kPrevFeatures + history_features(t, hist, bits, dyn + kPrevFeatures);
              score(i, dyn, nd, acc);
            }
          }
          const std::size_t best = best_allowed(acc, prev_tag, t.sent_end);
          decided(i, dyn, nd, best);
          out[i] = static_cast<NerTag>(best);
          if (best != 0) hist[t.word_id] = static_cast<std::uint8_t>(best);
          prev2 = prev;
          prev = best;
        }
      },
      only);
}

/// Decoding with fixed weights relative to O: `scores[i * kTags + k]` holds token i's static
/// score for tag k (0 for O); `add_row(b, acc)` adds the weights of bucket b for the tags after
/// O to acc[0, kRowWidth). `only` and `hist` as for decode().
template <class AddRow>
void greedy(const DocFeatures& d, const std::int32_t* scores, AddRow&& add_row, unsigned bits, NerTag* out,
            std::vector<std::uint8_t>& hist, int only = -1) {
  decode<std::int32_t>(
      d, bits, out, hist,
      [&](std::size_t i, const std::uint32_t* dyn, std::size_t nd, std::int32_t* acc) {
        std::copy(scores + i * kTags, scores + (i + 1) * kTags, acc);
        for (std::size_t j = 0; j < nd; ++j) add_row(dyn[j], acc + 1);
      },
      [](std::size_t, const std::uint32_t*, std::size_t, std::size_t) {}, only);
}

}  // namespace newsgraph::ner_detail
