// The averaged-perceptron NER tagger: feature extraction, greedy BILOU decoding, training and
// the model file.
//
// Features (in the spirit of Ratinov & Roth 2009) are hashed straight into one of 2^bits weight
// rows; a row holds one weight per tag, so a token is scored with one pass over its rows. Per token, the
// hashes of its word, lower case, shapes and affixes are computed once (FNV-1a over the bytes, then mixed
// with a template id); window features reuse the neighbours' hashes. Nothing is allocated per token: all
// scratch space lives in a thread-local workspace that grows to the largest document seen.
//
// Static features (independent of predictions), for token i of a sentence:
//   bias; the word; its lower case and those of the words at -2..+2; the short shapes (X/x/d
//   with runs collapsed: "Xx", "X.X.", "d,d") at -1..+1; lower-case prefixes and suffixes of 3
//   and 4 bytes; lower-case bigrams with the neighbours; short shape with the neighbours' words
//   and shapes; position in the sentence with the shape; an "all-caps sentence" flag (headlines, datelines)
//   with shape, position and word; document-level capitalisation (the word appears lower-case in the
//   document; a sentence-initial or headline word appears capitalised mid-sentence elsewhere;
//   a headline word appears title-cased elsewhere); the word lists of the Knowledge at -2..+2;
//   gazetteer phrases (Knowledge::entity) covering the token, with BILOU position, type and
//   kind, also matched title-cased in all-caps sentences.
// Dynamic features (computed while decoding): the previous two predicted tags, the previous tag
//   with the word and with the shape, and the non-local history: the last non-O tag predicted
//   for the same word earlier in the decoding (and for the title-cased form of a headline word).
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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <limits>
#include <ostream>
#include <random>

#include "newsgraph/eval/ner.hpp"
#include "newsgraph/util/atomic_file.hpp"

namespace newsgraph {

// ---------------------------------------------------------------------------------------------
// Labels and tags.

std::string_view to_string(EntityLabel label) {
  switch (label) {
    case EntityLabel::PER:
      return "PER";
    case EntityLabel::ORG:
      return "ORG";
    case EntityLabel::LOC:
      return "LOC";
    case EntityLabel::MISC:
      return "MISC";
  }
  return "?";
}

std::optional<EntityLabel> entity_label_from_string(std::string_view s) {
  for (std::size_t i = 0; i < kEntityLabelCount; ++i) {
    const auto l = static_cast<EntityLabel>(i);
    if (to_string(l) == s) return l;
  }
  return std::nullopt;
}

std::optional<EntityLabel> to_entity_label(EntityType type) {
  switch (type) {
    case EntityType::Person:
      return EntityLabel::PER;
    case EntityType::Organization:
      return EntityLabel::ORG;
    case EntityType::Place:
      return EntityLabel::LOC;
    case EntityType::Quotation:
    case EntityType::Group:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<EntityType> to_entity_type(EntityLabel label) {
  switch (label) {
    case EntityLabel::PER:
      return EntityType::Person;
    case EntityLabel::ORG:
      return EntityType::Organization;
    case EntityLabel::LOC:
      return EntityType::Place;
    case EntityLabel::MISC:
      return std::nullopt;
  }
  return std::nullopt;
}

NerTag make_tag(BilouPosition position, EntityLabel label) {
  return static_cast<NerTag>(1 + 4 * static_cast<int>(label) + static_cast<int>(position));
}

EntityLabel tag_label(NerTag tag) { return static_cast<EntityLabel>((static_cast<int>(tag) - 1) / 4); }

BilouPosition tag_position(NerTag tag) { return static_cast<BilouPosition>((static_cast<int>(tag) - 1) % 4); }

std::string_view to_string(NerTag tag) {
  static constexpr std::array<std::string_view, kNerTagCount> kNames = {
      "O",     "B-PER", "I-PER", "L-PER", "U-PER",  "B-ORG",  "I-ORG",  "L-ORG", "U-ORG",
      "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC"};
  return kNames[static_cast<std::size_t>(tag)];
}

bool is_valid_transition(NerTag prev, NerTag next) {
  const bool open =
      prev != NerTag::O && (tag_position(prev) == BilouPosition::B || tag_position(prev) == BilouPosition::I);
  if (open) {
    return next != NerTag::O && tag_label(next) == tag_label(prev) &&
           (tag_position(next) == BilouPosition::I || tag_position(next) == BilouPosition::L);
  }
  return next == NerTag::O || tag_position(next) == BilouPosition::B ||
         tag_position(next) == BilouPosition::U;
}

std::vector<TaggedSpan> spans_from_tags(const std::vector<NerTag>& tags) {
  std::vector<TaggedSpan> out;
  std::size_t i = 0;
  while (i < tags.size()) {
    if (tags[i] == NerTag::O) {
      ++i;
      continue;
    }
    const EntityLabel label = tag_label(tags[i]);
    const BilouPosition pos = tag_position(tags[i]);
    std::size_t j = i + 1;
    if (pos == BilouPosition::B || pos == BilouPosition::I) {
      // Runs over I-X and ends after L-X; stops before anything else.
      while (j < tags.size() && tags[j] != NerTag::O && tag_label(tags[j]) == label) {
        const BilouPosition p = tag_position(tags[j]);
        if (p == BilouPosition::I) {
          ++j;
        } else {
          if (p == BilouPosition::L) ++j;
          break;
        }
      }
    }
    out.push_back({label, i, j});
    i = j;
  }
  return out;
}

std::vector<NerTag> tags_from_spans(std::size_t token_count, const std::vector<TaggedSpan>& spans) {
  std::vector<NerTag> tags(token_count, NerTag::O);
  for (const TaggedSpan& s : spans) {
    if (s.last_token <= s.first_token || s.last_token > token_count) continue;
    if (s.last_token - s.first_token == 1) {
      tags[s.first_token] = make_tag(BilouPosition::U, s.label);
      continue;
    }
    tags[s.first_token] = make_tag(BilouPosition::B, s.label);
    for (std::size_t i = s.first_token + 1; i + 1 < s.last_token; ++i)
      tags[i] = make_tag(BilouPosition::I, s.label);
    tags[s.last_token - 1] = make_tag(BilouPosition::L, s.label);
  }
  return tags;
}

namespace {

constexpr std::size_t kTags = kNerTagCount;
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

/// Weights per row of a compact model: every tag but O (whose weights are zero).
constexpr std::size_t kRowWidth = kTags - 1;

/// Set bits of `x` (SWAR: the build targets baseline x86-64, where __builtin_popcountll is a
/// library call).
inline std::uint32_t popcount64(std::uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<std::uint32_t>((x * 0x0101010101010101ULL) >> 56);
}

}  // namespace

/// Internal access to the tagger's weights for the trainer, the decoder and the file format.
struct TaggerAccess {
  using Block = PerceptronTagger::Block;
  using Row = PerceptronTagger::Row;

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
      count += popcount64(present[k]);
    }
    t.rows_ = std::move(rows);
    t.rows_.push_back(Row{});  // the shared zero row
    t.shifts_ = std::move(shifts);
    t.shifts_.push_back(0);
    return t;
  }
  /// A model from dense weights [bucket][tag] whose O column is zero and whose rows are each
  /// an int8 row times a power of two (as quantise_rows() leaves them); all-zero rows are
  /// dropped.
  static PerceptronTagger from_dense(unsigned bits, const std::vector<std::int16_t>& dense, float scale) {
    const std::size_t buckets = std::size_t{1} << bits;
    std::vector<std::uint64_t> present((buckets + 63) / 64, 0);
    std::vector<Row> rows;
    std::vector<std::uint8_t> shifts;
    for (std::size_t b = 0; b < buckets; ++b) {
      const std::int16_t* w = dense.data() + b * kTags + 1;
      int largest = 0;
      for (std::size_t k = 0; k < kRowWidth; ++k)
        largest = std::max(largest, std::abs(static_cast<int>(w[k])));
      if (largest == 0) continue;
      present[b / 64] |= std::uint64_t{1} << (b % 64);
      int shift = 0;
      while ((largest >> shift) > 127) ++shift;
      Row row;
      for (std::size_t k = 0; k < kRowWidth; ++k) row.w[k] = static_cast<std::int8_t>(w[k] / (1 << shift));
      rows.push_back(row);
      shifts.push_back(static_cast<std::uint8_t>(shift));
    }
    return make(bits, scale, present, std::move(rows), std::move(shifts));
  }
  static const std::vector<Block>& blocks(const PerceptronTagger& t) { return t.blocks_; }
  static const std::vector<Row>& rows(const PerceptronTagger& t) { return t.rows_; }
  static const std::vector<std::uint8_t>& shifts(const PerceptronTagger& t) { return t.shifts_; }
  static float scale(const PerceptronTagger& t) { return t.scale_; }
};

namespace {

// ---------------------------------------------------------------------------------------------
// Model file constants.

constexpr char kMagic[8] = {'N', 'G', 'N', 'E', 'R', 'P', 'T', 'M'};
/// Version of the file layout (PerceptronTagger::serialize).
constexpr std::uint32_t kFormatVersion = 2;
/// Version 1 files have no conventions word (read as none).
constexpr std::uint32_t kOldestFormatVersion = 1;
/// Bits of the conventions word (format version 2).
constexpr std::uint32_t kConventionGluedPeriod = 1;
constexpr std::uint32_t kConventionWholeWords = 2;
/// Versions of the feature templates: bump whenever extraction changes, so that an old model is
/// refused instead of silently scoring different features. Version 2 is version 1 plus the
/// name-run features (kRun*); a model records which it was trained with, and is read with it.
constexpr std::uint32_t kTemplateVersion = 1;
constexpr std::uint32_t kExtendedTemplateVersion = 2;
/// Version 3 is version 2 with a second copy of every static feature, salted with
/// kDomainSalt, for the documents of the target corpus (and for every document the model tags):
/// the shared copy learns what all training corpora agree on, the salted one how the target
/// corpus differs (Daume III 2007, "Frustratingly easy domain adaptation").
constexpr std::uint32_t kDomainTemplateVersion = 3;
constexpr std::uint64_t kDomainSalt = 0x746172676574ULL;
/// Seed of every feature hash; stored in the header.
constexpr std::uint64_t kHashSeed = 0x6e67726170680001ULL;
constexpr unsigned kMinBits = 12;
constexpr unsigned kMaxBits = 24;

/// The tag set as stored in the header: the tag names joined by spaces.
std::string tagset_string() {
  std::string s;
  for (std::size_t t = 0; t < kTags; ++t) {
    if (t) s += ' ';
    s += to_string(static_cast<NerTag>(t));
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Hashing.

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

inline std::uint64_t fnv_bytes(std::uint64_t h, const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(p[i]);
    h *= kFnvPrime;
  }
  return h;
}
inline std::uint64_t fnv(std::string_view s) { return fnv_bytes(kFnvOffset, s.data(), s.size()); }

/// Combines a feature hash with one more piece (a 64-bit hash or a small value); order
/// matters. One rotate-xor-multiply step: cheap, and bucket() spreads the result.
constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  return (((a << 5) | (a >> 59)) ^ b) * 0x9E3779B97F4A7C15ULL;
}

/// Feature templates. The numbers are part of the model (kTemplateVersion).
enum Tpl : std::uint64_t {
  kBias = 1,
  kWord0,
  kLower,   // + offset
  kSShape,  // + offset
  kPrefix,  // + length - 3
  kSuffix,  // + length - 3
  kBigramPrev,
  kBigramNext,
  kSShapePrevWord,
  kSShapeNextWord,
  kShapeTrigram,
  kSentPos,
  kAllCapsShape,
  kAllCapsWord,
  kLowerElsewhere,
  kCapMidElsewhere,
  kTitleFormElsewhere,
  kKnow,  // + offset, flag
  kKnowSet,
  kGaz,
  kGazCoarse,
  kPrevTag,
  kPrev2Tag,
  kPrevTagWord,
  kPrevTagShape,
  kHistLabel,
  kHistTag,
  kHistLabelShape,
  kHistTitleLabel,
  // Version 2 only: the run of capitalised words (joined by "of", "and", "&") a token is in.
  kRunHead,      // the run's last word, with the token's position in the run
  kRunFirst,     // the run's first word
  kRunHeadKnow,  // the word-list flags of the run's last word, with the position
  kRunLength,    // the run's length, bucketed, with the token's shape
  kFar,          // the words 3 before and 3 after
};

constexpr std::uint64_t tpl(std::uint64_t t) { return mix(kHashSeed, t); }
constexpr std::uint64_t tpl(std::uint64_t t, std::uint64_t sub) { return mix(mix(kHashSeed, t), sub); }

/// The weight row of feature hash `h`: the top `bits` bits after a xorshift-multiply, so that
/// every bit of `h` reaches them.
inline std::uint32_t bucket(std::uint64_t h, unsigned bits) {
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBULL;
  return static_cast<std::uint32_t>(h >> (64 - bits));
}

// ---------------------------------------------------------------------------------------------
// Characters.

/// Case class of a token.
enum CaseClass : std::uint8_t { kNoLetters = 0, kLowerCase, kInitCap, kAllCaps, kMixedCase };

/// Knowledge word-list flags of a word.
enum KnowFlag : std::uint16_t {
  kTitle = 1 << 0,
  kTitleModifier = 1 << 1,
  kOrgHead = 1 << 2,
  kOrgSuffix = 1 << 3,
  kDemonym = 1 << 4,
  kGivenName = 1 << 5,
  kCommonWord = 1 << 6,  // a capitalised word whose lower case the dictionary lists
  kNeverEntity = 1 << 7,
  kPlacePrefix = 1 << 8,
  kPlaceHead = 1 << 9,
  kNameParticle = 1 << 10,
};
constexpr int kKnowFlagCount = 11;

/// Longest token, in bytes, whose lower case and title case are kept whole; longer tokens are
/// hashed on their first kMaxWordBytes bytes and get no word-list lookups.
constexpr std::size_t kMaxWordBytes = 64;

inline void append_utf8(char* buf, std::size_t& len, UChar32 c) {
  if (len + 4 > kMaxWordBytes) return;
  if (c < 0x80) {
    buf[len++] = static_cast<char>(c);
    return;
  }
  int32_t n = static_cast<int32_t>(len);
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, static_cast<int32_t>(kMaxWordBytes), c, err);
  if (!err) len = static_cast<std::size_t>(n);
}

/// What one pass over a token's code points gives.
struct WordForms {
  char lower[kMaxWordBytes];
  std::size_t lower_len = 0;
  char title[kMaxWordBytes];  // first letter kept, the rest lower case
  std::size_t title_len = 0;
  char sshape[16];  // X upper, x lower, d digit, o other, ASCII punctuation as is; runs collapsed
  std::size_t sshape_len = 0;
  int uppers = 0, lowers = 0, digits = 0;
  bool first_upper = false;
  bool truncated = false;
};

void analyse(std::string_view w, WordForms& f) {
  const auto* p = reinterpret_cast<const uint8_t*>(w.data());
  const auto n = static_cast<int32_t>(w.size());
  bool first_letter = true;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT_OR_FFFD(p, i, n, c);
    char s;
    UChar32 lc = c;
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        s = 'X';
        lc = c + 32;
        ++f.uppers;
      } else if (c >= 'a' && c <= 'z') {
        s = 'x';
        ++f.lowers;
      } else if (c >= '0' && c <= '9') {
        s = 'd';
        ++f.digits;
      } else {
        s = static_cast<char>(c);
      }
    } else if (u_isupper(c) || u_istitle(c)) {
      s = 'X';
      lc = u_tolower(c);
      ++f.uppers;
    } else if (u_islower(c)) {
      s = 'x';
      ++f.lowers;
    } else if (u_isdigit(c)) {
      s = 'd';
      ++f.digits;
    } else {
      s = u_isalpha(c) ? 'x' : 'o';
      if (u_isalpha(c)) ++f.lowers;
    }
    if (s == 'X' || s == 'x') {
      if (first_letter && s == 'X' && f.lowers == 0 && f.uppers == 1 && f.digits == 0) f.first_upper = true;
      append_utf8(f.title, f.title_len, first_letter ? c : lc);
      first_letter = false;
    } else {
      append_utf8(f.title, f.title_len, c);
    }
    append_utf8(f.lower, f.lower_len, lc);
    if (f.sshape_len == 0 || f.sshape[f.sshape_len - 1] != s) {
      if (f.sshape_len < 15) f.sshape[f.sshape_len++] = s;
    }
  }
  f.truncated = w.size() + 4 > kMaxWordBytes;
}

CaseClass case_class(const WordForms& f) {
  if (f.uppers == 0 && f.lowers == 0) return kNoLetters;
  if (f.uppers == 0) return kLowerCase;
  if (f.lowers == 0) return f.uppers >= 2 ? kAllCaps : kInitCap;
  return f.first_upper && f.uppers == 1 ? kInitCap : kMixedCase;
}

std::uint16_t knowledge_flags(std::string_view w, const WordForms& f, CaseClass cc, const Knowledge& kb) {
  if (f.truncated || (f.uppers == 0 && f.lowers == 0)) return 0;
  std::uint16_t k = 0;
  const std::string_view lower(f.lower, f.lower_len);
  const bool cap = cc != kLowerCase;
  if (kb.is_title(w)) k |= kTitle;
  if (kb.is_title_modifier(w)) k |= kTitleModifier;
  if (kb.is_org_head(w)) k |= kOrgHead;
  if (kb.is_place_head(w)) k |= kPlaceHead;
  if ((cap || w.size() <= 4) && kb.is_org_suffix(w)) k |= kOrgSuffix;
  if ((cap || w.size() <= 4) && kb.is_name_particle(w)) k |= kNameParticle;
  if (cap) {
    if (kb.demonym(w)) k |= kDemonym;
    if (kb.is_given_name(w)) k |= kGivenName;
    if (kb.is_common_word(lower)) k |= kCommonWord;
    if (kb.is_never_entity(w)) k |= kNeverEntity;
    if (kb.is_place_prefix(w)) k |= kPlacePrefix;
  }
  return k;
}

// ---------------------------------------------------------------------------------------------
// Per-document feature extraction.

/// What decoding needs of a token besides its static features.
struct TokenDyn {
  std::uint64_t lower = 0;     // hash of the lower case
  std::uint64_t sshape = 0;    // hash of the short shape
  std::uint32_t word_id = 0;   // document-local id of the word as written
  std::uint32_t title_id = 0;  // word id of the title-cased form of a headline word, or kNone
  bool sent_start = false;     // first token of its sentence
  bool sent_end = false;       // last token of its sentence
  bool headline = false;       // in an all-caps sentence
};

/// Per token: the hashes the feature templates combine.
struct TokenInfo {
  std::uint64_t word, lower, sshape;
  std::uint64_t pre[2], suf[2];  // affixes of 3 and 4 bytes
  std::uint64_t title;           // hash of the title-cased form (all-caps words only), else 0
  std::uint32_t word_id;
  std::uint16_t kflags;
  std::uint8_t cc;
  std::uint8_t kind;
  std::uint8_t naffix;
};

/// Static features of one document and what decoding needs.
struct DocFeatures {
  std::vector<std::uint32_t> feats;    // bucket ids
  std::vector<std::uint32_t> offsets;  // token i: feats[offsets[i], offsets[i+1])
  std::vector<TokenDyn> dyn;
  std::uint32_t word_count = 0;  // distinct words as written
};

/// Open-addressing map from a 64-bit word hash to a document-local id (ids 0, 1, ... in order
/// of first appearance). Two different words with the same 64-bit hash would share an id.
class WordTable {
 public:
  void reset(std::size_t tokens) {
    std::size_t cap = 16;
    while (cap < 2 * tokens + 2) cap <<= 1;
    keys_.assign(cap, 0);
    ids_.resize(cap);
    mask_ = cap - 1;
    count_ = 0;
  }
  /// The id of `h`, assigning the next one when new; `fresh` tells which.
  std::uint32_t intern(std::uint64_t h, bool& fresh) {
    if (h == 0) h = 1;
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (keys_[i] == h) {
        fresh = false;
        return ids_[i];
      }
      if (keys_[i] == 0) {
        keys_[i] = h;
        ids_[i] = count_;
        fresh = true;
        return count_++;
      }
    }
  }
  /// The id of `h`, or kNone.
  std::uint32_t find(std::uint64_t h) const {
    if (h == 0) h = 1;
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (keys_[i] == h) return ids_[i];
      if (keys_[i] == 0) return kNone;
    }
  }
  std::uint32_t size() const { return count_; }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> ids_;
  std::size_t mask_ = 0;
  std::uint32_t count_ = 0;
};

/// A gazetteer phrase found in the document.
struct GazMatch {
  std::uint32_t start, len;
  const LexiconEntry* entry;
  bool titled;
};

/// Gazetteer feature hashes kept per token (two per phrase covering it, longest phrases first).
constexpr std::size_t kMaxGaz = 6;

/// A per-thread memo of Knowledge answers, so that a frequent word or phrase is looked up once
/// rather than once per document. Entries are exact: the full text is compared, and text too
/// long for a slot is not memoised. The memo serves one Knowledge at a time and is emptied
/// whenever another is bound: one at another address, or one at the same address (created
/// where an earlier one was destroyed) that answers a few fixed questions differently.
class KnowledgeCache {
 public:
  /// Binds the memo to `kb`, emptying it if it held another Knowledge's answers.
  void bind(const Knowledge& kb) {
    const std::uint64_t print = fingerprint(kb);
    if (&kb == kb_ && print == print_) return;
    kb_ = &kb;
    print_ = print;
    flags_.assign(kFlagSlots, FlagSlot{});
    entities_.assign(kEntitySlots, EntitySlot{});
  }
  /// Asks the memory system for the slot of the word whose FNV hash is `h` (it is needed soon).
  void prefetch(std::uint64_t h) const { __builtin_prefetch(&flags_[h & (kFlagSlots - 1)]); }
  /// knowledge_flags() of word `w` (whose FNV hash is `h`).
  std::uint16_t flags(std::string_view w, std::uint64_t h, const WordForms& f, CaseClass cc) {
    if (w.size() > sizeof(FlagSlot::text)) return knowledge_flags(w, f, cc, *kb_);
    FlagSlot& s = flags_[h & (kFlagSlots - 1)];
    if (s.hash == h && s.len == w.size() + 1 && std::memcmp(s.text, w.data(), w.size()) == 0) return s.flags;
    s.hash = h;
    s.len = static_cast<std::uint8_t>(w.size() + 1);
    std::memcpy(s.text, w.data(), w.size());
    s.flags = knowledge_flags(w, f, cc, *kb_);
    return s.flags;
  }
  /// Knowledge::entity(phrase, extends).
  const LexiconEntry* entity(std::string_view phrase, bool& extends) {
    if (phrase.size() > sizeof(EntitySlot::text)) return kb_->entity(phrase, extends);
    const std::uint64_t h = fnv(phrase);
    EntitySlot& s = entities_[h & (kEntitySlots - 1)];
    if (s.hash == h && s.len == phrase.size() + 1 && std::memcmp(s.text, phrase.data(), phrase.size()) == 0) {
      extends = s.extends;
      return s.entry;
    }
    s.hash = h;
    s.len = static_cast<std::uint8_t>(phrase.size() + 1);
    std::memcpy(s.text, phrase.data(), phrase.size());
    s.entry = kb_->entity(phrase, extends);
    s.extends = extends;
    return s.entry;
  }

 private:
  // 512 KB and 256 KB per thread: the words and phrases of a few hundred news articles.
  static constexpr std::size_t kFlagSlots = 1 << 14;
  static constexpr std::size_t kEntitySlots = 1 << 13;
  struct FlagSlot {
    std::uint64_t hash = 0;
    std::uint16_t flags = 0;
    std::uint8_t len = 0;  // text length + 1; 0 = empty
    char text[21] = {};
  };
  struct EntitySlot {
    std::uint64_t hash = 0;
    const LexiconEntry* entry = nullptr;
    std::uint8_t len = 0;  // text length + 1; 0 = empty
    bool extends = false;
    char text[14] = {};
  };
  static std::uint64_t fingerprint(const Knowledge& kb) {
    std::uint64_t h = mix(kb.max_entity_tokens(), kb.max_title_tokens());
    for (const char* phrase : {"United States", "London", "United Nations"}) {
      h = mix(h, reinterpret_cast<std::uintptr_t>(kb.entity(phrase)));
    }
    h = mix(h, reinterpret_cast<std::uintptr_t>(kb.demonym("French")));
    h = mix(h, static_cast<std::uint64_t>(kb.is_title("president")) | kb.is_given_name("John") << 1 |
                   kb.is_common_word("house") << 2 | kb.is_org_head("ministry") << 3);
    return h;
  }
  const Knowledge* kb_ = nullptr;
  std::uint64_t print_ = 0;
  std::vector<FlagSlot> flags_;
  std::vector<EntitySlot> entities_;
};

/// Scratch space reused across documents (one per thread).
struct Workspace {
  std::vector<TokenInfo> info;
  WordTable words;
  std::vector<std::uint16_t> word_flags;        // per word id: KnowFlag bits
  std::vector<std::uint8_t> mid_cap;            // per word id: seen capitalised mid-sentence (not headline)
  std::vector<std::uint8_t> all_caps_sentence;  // per token
  std::vector<std::uint8_t> sent_pos;           // per token: words before it in its sentence (capped at 3)
  std::vector<GazMatch> matches;
  std::vector<std::uint64_t> gaz;  // per token: kMaxGaz feature hashes
  std::vector<std::uint8_t> gaz_count;
  std::string phrase;
  std::string titled;                    // title-cased forms of headline words, back to back
  std::vector<std::uint32_t> titled_at;  // per token: offset into `titled`, kNone when none
  std::vector<std::uint8_t> titled_len;
  DocFeatures doc;
  KnowledgeCache cache;
  // Decoding.
  std::vector<std::int32_t> scores;  // per token: kTags static scores
  std::vector<std::uint32_t> rows;   // per static feature: its weight row
  std::vector<NerTag> tags;
  std::vector<std::uint8_t> hist;  // per word id: last non-O tag predicted, 0 = none
};

/// Finds the gazetteer phrases of one sentence [b, e): phrases start and end at a capitalised
/// word and hold no lower-case word or punctuation of more than four bytes, nor more than two
/// such tokens in a row ("Bosnia and Herzegovina", "Bank of England"); `titled` matches
/// headline words by their title-cased forms.
void match_gazetteer(const Segmentation& seg, std::size_t b, std::size_t e, bool titled, const Knowledge& kb,
                     KnowledgeCache& cache, Workspace& ws) {
  const std::size_t max_len = kb.max_entity_tokens();
  const auto word = [&](std::size_t i) -> std::string_view {
    if (titled && ws.titled_at[i] != kNone) return {ws.titled.data() + ws.titled_at[i], ws.titled_len[i]};
    return seg.tokens[i].text;
  };
  for (std::size_t s = b; s < e; ++s) {
    const std::uint8_t cc = ws.info[s].cc;
    const bool starts =
        titled ? (cc == kAllCaps || cc == kInitCap) : (cc == kInitCap || cc == kAllCaps || cc == kMixedCase);
    if (!starts) continue;
    ws.phrase.clear();
    std::size_t small_run = 0;
    for (std::size_t len = 1; len <= max_len && s + len <= e; ++len) {
      const std::size_t t = s + len - 1;
      const std::uint8_t tc = ws.info[t].cc;
      const bool capital = tc == kInitCap || tc == kAllCaps || tc == kMixedCase;
      if (len > 1) {
        if (capital) {
          small_run = 0;
        } else if (seg.tokens[t].text.size() > 4 || ++small_run > 2) {
          break;
        }
        ws.phrase += ' ';
      }
      const std::string_view w = word(t);
      ws.phrase.append(w.data(), w.size());
      if (!capital) continue;
      bool extends = false;
      if (const LexiconEntry* entry = cache.entity(ws.phrase, extends)) {
        ws.matches.push_back({static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(len), entry, titled});
      }
      if (!extends) break;  // no longer name starts with these words
    }
  }
}

/// Computes the static features of every token of `seg` into ws.doc.
void extract_features(const Segmentation& seg, const Knowledge& kb, unsigned bits, std::uint32_t templates,
                      bool target_domain, Workspace& ws) {
  const bool domain_copy = templates >= kDomainTemplateVersion && target_domain;
  const std::size_t n = seg.tokens.size();
  KnowledgeCache& cache = ws.cache;
  cache.bind(kb);
  ws.info.resize(n);
  ws.words.reset(n);
  ws.word_flags.clear();
  ws.mid_cap.clear();
  ws.all_caps_sentence.assign(n, 0);
  ws.sent_pos.assign(n, 0);
  ws.titled.clear();
  ws.titled_at.assign(n, kNone);
  ws.titled_len.assign(n, 0);
  DocFeatures& d = ws.doc;
  d.feats.clear();
  d.offsets.assign(n + 1, 0);
  d.dyn.assign(n, TokenDyn{});

  // Pass 1: forms, hashes, word ids, word lists (once per distinct word). The words' hashes
  // come first, so that their memo slots are on their way while the rest is computed.
  for (std::size_t i = 0; i < n; ++i) {
    ws.info[i].word = fnv(seg.tokens[i].text);
    cache.prefetch(ws.info[i].word);
  }
  WordForms f;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& tok = seg.tokens[i];
    TokenInfo& ti = ws.info[i];
    f.lower_len = f.title_len = f.sshape_len = 0;
    f.uppers = f.lowers = f.digits = 0;
    f.first_upper = false;
    analyse(tok.text, f);
    const CaseClass cc = case_class(f);
    ti.cc = cc;
    ti.kind = static_cast<std::uint8_t>(tok.kind);
    ti.lower = fnv({f.lower, f.lower_len});
    ti.sshape = fnv({f.sshape, f.sshape_len});
    // Prefixes and suffixes of 3 and 4 bytes of the lower case, shorter than the word.
    ti.naffix = 0;
    if (tok.kind == TokenKind::Word) {
      for (std::size_t k = 3; k <= 4 && k < f.lower_len; ++k) {
        ti.pre[ti.naffix] = fnv({f.lower, k});
        ti.suf[ti.naffix] = fnv({f.lower + f.lower_len - k, k});
        ++ti.naffix;
      }
    }
    ti.title = 0;
    if (cc == kAllCaps && !f.truncated) {
      ti.title = fnv({f.title, f.title_len});
      ws.titled_at[i] = static_cast<std::uint32_t>(ws.titled.size());
      ws.titled_len[i] = static_cast<std::uint8_t>(f.title_len);
      ws.titled.append(f.title, f.title_len);
    }
    bool fresh = false;
    ti.word_id = ws.words.intern(ti.word, fresh);
    if (fresh) {
      ws.word_flags.push_back(tok.kind == TokenKind::Word ? cache.flags(tok.text, ti.word, f, cc) : 0);
      ws.mid_cap.push_back(0);
    }
    ti.kflags = ws.word_flags[ti.word_id];
    TokenDyn& dy = d.dyn[i];
    dy.lower = ti.lower;
    dy.sshape = ti.sshape;
    dy.word_id = ti.word_id;
  }

  // Pass 2: sentences: all-caps flag, positions, mid-sentence capitals, gazetteer phrases.
  ws.matches.clear();
  for (const Sentence& s : seg.sentences) {
    // A headline has capitals and no lower-case letter at all (not even in "1990s").
    bool lower_seen = false, upper_seen = false;
    for (std::size_t i = s.first_token; i < s.last_token; ++i) {
      const std::uint8_t cc = ws.info[i].cc;
      if (cc == kLowerCase || cc == kMixedCase) lower_seen = true;
      if (cc == kInitCap || cc == kAllCaps || cc == kMixedCase) upper_seen = true;
    }
    const bool acs = upper_seen && !lower_seen;
    std::size_t words = 0;
    for (std::size_t i = s.first_token; i < s.last_token; ++i) {
      ws.all_caps_sentence[i] = acs;
      ws.sent_pos[i] = static_cast<std::uint8_t>(std::min<std::size_t>(words, 3));
      const TokenInfo& ti = ws.info[i];
      if (ti.kind != static_cast<std::uint8_t>(TokenKind::Punct)) ++words;
      if (!acs && ws.sent_pos[i] > 0 && (ti.cc == kInitCap || ti.cc == kAllCaps)) ws.mid_cap[ti.word_id] = 1;
      d.dyn[i].sent_start = i == s.first_token;
      d.dyn[i].sent_end = i + 1 == s.last_token;
      d.dyn[i].headline = acs;
    }
    match_gazetteer(seg, s.first_token, s.last_token, false, kb, cache, ws);
    if (acs) match_gazetteer(seg, s.first_token, s.last_token, true, kb, cache, ws);
  }
  // Longest phrases first, so that each token keeps its most specific matches.
  std::sort(ws.matches.begin(), ws.matches.end(), [](const GazMatch& a, const GazMatch& b) {
    if (a.len != b.len) return a.len > b.len;
    if (a.start != b.start) return a.start < b.start;
    return a.titled < b.titled;
  });
  ws.gaz.assign(n * kMaxGaz, 0);
  ws.gaz_count.assign(n, 0);
  for (const GazMatch& m : ws.matches) {
    const std::uint64_t kind = fnv(m.entry->kind);
    const auto type = static_cast<std::uint64_t>(m.entry->type);
    for (std::uint32_t k = 0; k < m.len; ++k) {
      const std::size_t i = m.start + k;
      if (std::size_t{ws.gaz_count[i]} + 2 > kMaxGaz) continue;
      const std::uint64_t pos = m.len == 1 ? 3 : k == 0 ? 0 : k + 1 == m.len ? 2 : 1;
      std::uint64_t* g = &ws.gaz[i * kMaxGaz + ws.gaz_count[i]];
      g[0] = mix(mix(mix(mix(tpl(kGaz), pos), type), kind), m.titled);
      g[1] = mix(mix(tpl(kGazCoarse), pos), type);
      ws.gaz_count[i] = static_cast<std::uint8_t>(ws.gaz_count[i] + 2);
    }
  }

  // Version 2: the runs of capitalised words, each joined across "of", "and", "&" when a
  // capitalised word follows ("Bank of England"): run_first/run_last of each token in one.
  std::vector<std::uint32_t> run_first, run_last;
  if (templates >= kExtendedTemplateVersion) {
    run_first.assign(n, kNone);
    run_last.assign(n, kNone);
    const auto capitalised = [&](std::size_t i) {
      return ws.info[i].kind == static_cast<std::uint8_t>(TokenKind::Word) &&
             (ws.info[i].cc == kInitCap || ws.info[i].cc == kAllCaps || ws.info[i].cc == kMixedCase);
    };
    const auto connector = [&](std::size_t i) {
      const std::string_view w = seg.tokens[i].text;
      return w == "of" || w == "and" || w == "&";
    };
    for (const Sentence& s : seg.sentences) {
      std::size_t i = s.first_token;
      while (i < s.last_token) {
        if (!capitalised(i)) {
          ++i;
          continue;
        }
        std::size_t j = i + 1;
        while (j < s.last_token &&
               (capitalised(j) || (connector(j) && j + 1 < s.last_token && capitalised(j + 1))))
          ++j;
        for (std::size_t k = i; k < j; ++k) {
          run_first[k] = static_cast<std::uint32_t>(i);
          run_last[k] = static_cast<std::uint32_t>(j);
        }
        i = j;
      }
    }
  }

  // Pass 3: emit the static features.
  static const std::uint64_t kPad[2] = {fnv("<S>"), fnv("</S>")};
  std::size_t sent = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (sent + 1 < seg.sentences.size() && seg.sentences[sent].last_token <= i) ++sent;
    const std::size_t sb = seg.sentences.empty() ? 0 : seg.sentences[sent].first_token;
    const std::size_t se = seg.sentences.empty() ? n : seg.sentences[sent].last_token;
    const TokenInfo& ti = ws.info[i];
    const auto at = [&](int off) -> const TokenInfo* {
      const auto j = static_cast<std::ptrdiff_t>(i) + off;
      if (j < static_cast<std::ptrdiff_t>(sb) || j >= static_cast<std::ptrdiff_t>(se)) return nullptr;
      return &ws.info[static_cast<std::size_t>(j)];
    };
    const auto lower_at = [&](int off) {
      const TokenInfo* t = at(off);
      return t ? t->lower : kPad[off > 0];
    };
    const auto sshape_at = [&](int off) {
      const TokenInfo* t = at(off);
      return t ? t->sshape : kPad[off > 0];
    };
    d.offsets[i] = static_cast<std::uint32_t>(d.feats.size());
    const auto emit = [&](std::uint64_t h) {
      d.feats.push_back(bucket(h, bits));
      if (domain_copy) d.feats.push_back(bucket(mix(h, kDomainSalt), bits));
    };

    emit(mix(tpl(kWord0), ti.word));
    emit(mix(tpl(kLower, 2), ti.lower));
    emit(mix(mix(tpl(kBigramPrev), lower_at(-1)), ti.lower));
    emit(mix(mix(tpl(kBigramNext), ti.lower), lower_at(1)));
    emit(tpl(kBias));
    for (int off : {-2, -1, 1, 2}) emit(mix(tpl(kLower, static_cast<std::uint64_t>(off + 2)), lower_at(off)));
    for (int off = -1; off <= 1; ++off)
      emit(mix(tpl(kSShape, static_cast<std::uint64_t>(off + 2)), sshape_at(off)));
    for (std::uint8_t k = 0; k < ti.naffix; ++k) {
      emit(mix(tpl(kPrefix, k), ti.pre[k]));
      emit(mix(tpl(kSuffix, k), ti.suf[k]));
    }
    emit(mix(mix(tpl(kSShapePrevWord), ti.sshape), lower_at(-1)));
    emit(mix(mix(tpl(kSShapeNextWord), ti.sshape), lower_at(1)));
    emit(mix(mix(mix(tpl(kShapeTrigram), sshape_at(-1)), ti.sshape), sshape_at(1)));
    emit(mix(mix(tpl(kSentPos), ws.sent_pos[i]), ti.sshape));
    const bool acs = ws.all_caps_sentence[i];
    if (acs) {
      emit(mix(mix(tpl(kAllCapsShape), ti.sshape), ws.sent_pos[i]));
      emit(mix(tpl(kAllCapsWord), ti.lower));
    }
    // Document-level capitalisation evidence.
    const bool cap = ti.cc == kInitCap || ti.cc == kAllCaps || ti.cc == kMixedCase;
    if (cap && ti.lower != ti.word) {
      emit(mix(tpl(kLowerElsewhere), ws.words.find(ti.lower) != kNone));
    }
    if (cap && (ws.sent_pos[i] == 0 || acs)) {
      emit(mix(mix(tpl(kCapMidElsewhere), ws.mid_cap[ti.word_id]), acs));
    }
    d.dyn[i].title_id = kNone;
    if (acs && ti.title != 0) {
      const std::uint32_t tid = ws.words.find(ti.title);
      const bool found = tid != kNone && tid != ti.word_id;
      if (found) d.dyn[i].title_id = tid;
      emit(mix(mix(tpl(kTitleFormElsewhere), found), found && ws.mid_cap[tid]));
    }
    // Word lists, here and around.
    for (int off = -2; off <= 2; ++off) {
      const TokenInfo* t = at(off);
      if (!t || !t->kflags) continue;
      for (int b = 0; b < kKnowFlagCount; ++b) {
        if (t->kflags & (1u << b)) {
          emit(mix(tpl(kKnow, static_cast<std::uint64_t>(off + 2)), static_cast<std::uint64_t>(b)));
        }
      }
    }
    emit(mix(mix(tpl(kKnowSet), ti.kflags), ti.sshape));
    for (std::uint8_t k = 0; k < ws.gaz_count[i]; ++k) emit(ws.gaz[i * kMaxGaz + k]);
    if (templates >= kExtendedTemplateVersion) {
      emit(mix(tpl(kFar, 0), lower_at(-3)));
      emit(mix(tpl(kFar, 1), lower_at(3)));
      if (run_first[i] != kNone) {
        const std::size_t first = run_first[i], last = run_last[i];
        const std::uint64_t pos = first + 1 == last ? 3 : i == first ? 0 : i + 1 == last ? 2 : 1;
        emit(mix(mix(tpl(kRunHead), pos), ws.info[last - 1].lower));
        emit(mix(mix(tpl(kRunFirst), pos), ws.info[first].lower));
        emit(mix(mix(tpl(kRunHeadKnow), pos), ws.info[last - 1].kflags));
        emit(mix(mix(mix(tpl(kRunLength), std::min<std::size_t>(last - first, 5)), pos), ti.sshape));
      }
    }
  }
  d.offsets[n] = static_cast<std::uint32_t>(d.feats.size());
  d.word_count = ws.words.size();
}

// ---------------------------------------------------------------------------------------------
// Decoding.

constexpr std::uint64_t kBos = kTags;  // the "tag" before a sentence's first token
constexpr std::size_t kPrevFeatures = 4;
constexpr std::size_t kMaxHistory = 4;

/// The features of a token that depend on the previous two predicted tags.
void prev_features(const TokenDyn& t, std::uint64_t prev, std::uint64_t prev2, unsigned bits,
                   std::uint32_t* out) {
  out[0] = bucket(mix(tpl(kPrevTag), prev), bits);
  out[1] = bucket(mix(mix(tpl(kPrev2Tag), prev2), prev), bits);
  out[2] = bucket(mix(mix(tpl(kPrevTagWord), prev), t.lower), bits);
  out[3] = bucket(mix(mix(tpl(kPrevTagShape), prev), t.sshape), bits);
}

/// The non-local features of a token: the last entity tag predicted, earlier in the decoding,
/// for the same word (and for the title-cased form of a headline word). At most kMaxHistory.
std::size_t history_features(const TokenDyn& t, const std::vector<std::uint8_t>& hist, unsigned bits,
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

/// allowed_tags() for every previous tag, as bit sets over the next tag: bits[prev][last].
struct AllowedTable {
  std::uint32_t bits[kTags][2];
  AllowedTable() {
    for (std::size_t p = 0; p < kTags; ++p) {
      for (int last = 0; last < 2; ++last) {
        bool ok[kTags];
        allowed_tags(static_cast<NerTag>(p), last != 0, ok);
        bits[p][last] = 0;
        for (std::size_t t = 0; t < kTags; ++t) bits[p][last] |= ok[t] ? (1u << t) : 0u;
      }
    }
  }
};
const AllowedTable kAllowed;

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
template <class F>
void for_each_sentence(const DocFeatures& d, F&& f) {
  const std::size_t n = d.dyn.size();
  for (int headlines = 0; headlines < 2; ++headlines) {
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
/// name against the model's preference. `hist` is scratch.
template <class Acc, class Score, class Decided>
void decode(const DocFeatures& d, unsigned bits, NerTag* out, std::vector<std::uint8_t>& hist, Score&& score,
            Decided&& decided) {
  hist.assign(d.word_count, 0);
  for_each_sentence(d, [&](std::size_t b, std::size_t e) {
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
  });
}

/// Decoding with fixed weights relative to O: `scores[i * kTags + k]` holds token i's static
/// score for tag k (0 for O); `add_row(b, acc)` adds the weights of bucket b for the tags after
/// O to acc[0, kRowWidth).
template <class AddRow>
void greedy(const DocFeatures& d, const std::int32_t* scores, AddRow&& add_row, unsigned bits, NerTag* out,
            std::vector<std::uint8_t>& hist) {
  decode<std::int32_t>(
      d, bits, out, hist,
      [&](std::size_t i, const std::uint32_t* dyn, std::size_t nd, std::int32_t* acc) {
        std::copy(scores + i * kTags, scores + (i + 1) * kTags, acc);
        for (std::size_t j = 0; j < nd; ++j) add_row(dyn[j], acc + 1);
      },
      [](std::size_t, const std::uint32_t*, std::size_t, std::size_t) {});
}

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

/// Tags one document with a compact model; the tags end up in ws.tags. The static features of
/// all tokens are summed first, in one pass with no dependency between tokens (so that their
/// memory loads overlap); decoding then adds the few dynamic rows per token.
void tag_document(const PerceptronTagger& model, unsigned bits, Workspace& ws) {
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
    std::int32_t* out = ws.scores.data() + i * kTags;
    out[0] = 0;  // tag O
    sum.store(out + 1);
  }
  ws.tags.resize(n);
  greedy(
      d, ws.scores.data(),
      [&](std::uint32_t b, std::int32_t* acc) {
        const std::uint32_t r = w.row_of(b);
        RowSum sum;
        sum.add(w.rows[r].w, w.shifts[r]);
        sum.add_to(acc);
      },
      bits, ws.tags.data(), ws.hist);
}

Workspace& thread_workspace() {
  thread_local Workspace ws;
  return ws;
}

// ---------------------------------------------------------------------------------------------
// Little-endian serialisation helpers.

void put_u32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put_u64(std::string& s, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
std::uint32_t get_u32(const char* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}
std::uint64_t get_u64(const char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

/// Size of the fixed header fields before the tag set string: magic, format version, template
/// version, hash bits, hash seed, tag count, tag set length.
constexpr std::size_t kFixedHeader = 8 + 4 + 4 + 4 + 8 + 4 + 4;

// ---------------------------------------------------------------------------------------------
// Training.

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

}  // namespace

// ---------------------------------------------------------------------------------------------
// PerceptronTagger.

std::size_t PerceptronTagger::nonzero_rows() const { return rows_.empty() ? 0 : rows_.size() - 1; }

std::vector<NerTag> PerceptronTagger::tag_tokens(std::string_view /*text*/, const Segmentation& seg,
                                                 const Knowledge& kb) const {
  Workspace& ws = thread_workspace();
  extract_features(seg, kb, bits_, templates_, /*target_domain=*/true, ws);
  tag_document(*this, bits_, ws);
  return ws.tags;
}

std::vector<TaggedSpan> PerceptronTagger::tag(std::string_view /*text*/, const Segmentation& seg,
                                              const Knowledge& kb) const {
  Workspace& ws = thread_workspace();
  extract_features(seg, kb, bits_, templates_, /*target_domain=*/true, ws);
  tag_document(*this, bits_, ws);
  return spans_from_tags(ws.tags);
}

// The file (integers little-endian): the kFixedHeader fields (magic "NGNERPTM", format
// version, feature-template version, hash bits, hash seed, tag count, tag set length), the tag
// set ("O B-PER I-PER ... U-MISC"), the float32 weight scale, the span conventions (a u32
// bit set, since format version 2: bit 0, glued_final_period()), the number of non-zero rows, a
// bitmap of 2^bits bits (bit b % 8 of byte b / 8 set when bucket b has a row), each row's shift
// (one byte, at most 8), the rows in bucket order (16 int8 each: the weights of the tags after
// O), and FNV-1a 64 of everything before it.
std::string PerceptronTagger::serialize() const {
  const std::size_t buckets = std::size_t{1} << bits_;
  const std::uint64_t nonzero = nonzero_rows();
  std::string s;
  s.reserve(kFixedHeader + 128 + buckets / 8 + nonzero * (kRowWidth + 1) + 8);
  s.append(kMagic, sizeof kMagic);
  put_u32(s, kFormatVersion);
  put_u32(s, templates_);
  put_u32(s, bits_);
  put_u64(s, kHashSeed);
  put_u32(s, static_cast<std::uint32_t>(kTags));
  const std::string tagset = tagset_string();
  put_u32(s, static_cast<std::uint32_t>(tagset.size()));
  s += tagset;
  std::uint32_t scale_bits = 0;
  std::memcpy(&scale_bits, &scale_, sizeof scale_bits);
  put_u32(s, scale_bits);
  put_u32(s, (glued_period_ ? kConventionGluedPeriod : 0) | (whole_words_ ? kConventionWholeWords : 0));
  put_u64(s, nonzero);
  for (std::size_t byte = 0; byte < buckets / 8; ++byte) {
    s += static_cast<char>((blocks_[byte / 8].present >> (8 * (byte % 8))) & 0xFF);
  }
  s.append(reinterpret_cast<const char*>(shifts_.data()), nonzero);
  for (std::size_t r = 0; r < nonzero; ++r) {
    for (std::int8_t x : rows_[r].w) s += static_cast<char>(static_cast<std::uint8_t>(x));
  }
  put_u64(s, fnv(s));
  return s;
}

PerceptronTagger PerceptronTagger::deserialize(std::string_view b, const std::string& origin) {
  const auto fail = [&](const std::string& what) { return ModelError(origin + ": " + what); };
  if (b.size() < sizeof kMagic || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0) {
    throw fail("not a newsgraph NER model (bad magic)");
  }
  if (b.size() < kFixedHeader) throw fail("truncated model file (header incomplete)");
  const char* p = b.data() + sizeof kMagic;
  const std::uint32_t version = get_u32(p);
  if (version < kOldestFormatVersion || version > kFormatVersion) {
    throw fail("model format version " + std::to_string(version) + ", this build reads versions " +
               std::to_string(kOldestFormatVersion) + " to " + std::to_string(kFormatVersion));
  }
  const std::uint32_t templates = get_u32(p + 4);
  if (templates != kTemplateVersion && templates != kExtendedTemplateVersion &&
      templates != kDomainTemplateVersion) {
    throw fail("model uses feature templates version " + std::to_string(templates) + ", this build uses " +
               std::to_string(kTemplateVersion) + ", " + std::to_string(kExtendedTemplateVersion) + " or " +
               std::to_string(kDomainTemplateVersion) + " (retrain the model)");
  }
  const std::uint32_t bits = get_u32(p + 8);
  if (bits < kMinBits || bits > kMaxBits) throw fail("bad feature hash size 2^" + std::to_string(bits));
  if (get_u64(p + 12) != kHashSeed) throw fail("model uses a different feature hash seed");
  const std::uint32_t tag_count = get_u32(p + 20);
  const std::uint32_t tagset_len = get_u32(p + 24);
  const std::string expected_tags = tagset_string();
  const auto tags_differ = [&]() {
    return fail("model tag set differs from this build's (" + expected_tags + ")");
  };
  if (tag_count != kTags || tagset_len != expected_tags.size()) throw tags_differ();
  if (b.size() < kFixedHeader + tagset_len) throw fail("truncated model file (tag set incomplete)");
  if (b.substr(kFixedHeader, tagset_len) != expected_tags) throw tags_differ();
  std::size_t at = kFixedHeader + tagset_len;
  const std::size_t buckets = std::size_t{1} << bits;
  const std::size_t conventions_size = version >= 2 ? 4 : 0;
  if (b.size() < at + 4 + conventions_size + 8 + buckets / 8)
    throw fail("truncated model file (weights incomplete)");
  float scale = 0;
  const std::uint32_t scale_bits = get_u32(b.data() + at);
  std::memcpy(&scale, &scale_bits, sizeof scale);
  at += 4;
  const std::uint32_t conventions = conventions_size != 0 ? get_u32(b.data() + at) : 0;
  if ((conventions & ~(kConventionGluedPeriod | kConventionWholeWords)) != 0)
    throw fail("unknown span conventions in model file");
  at += conventions_size;
  const std::uint64_t nonzero = get_u64(b.data() + at);
  at += 8;
  if (nonzero > buckets) throw fail("corrupt model file (row count)");
  const std::size_t expected = at + buckets / 8 + nonzero * (kRowWidth + 1) + 8;
  if (b.size() < expected) {
    throw fail("truncated model file (" + std::to_string(b.size()) + " bytes, expected " +
               std::to_string(expected) + ")");
  }
  if (b.size() > expected) throw fail("corrupt model file (trailing bytes after the checksum)");
  if (get_u64(b.data() + expected - 8) != fnv(b.substr(0, expected - 8))) {
    throw fail("checksum mismatch (corrupt model file)");
  }
  if (!std::isfinite(scale) || scale <= 0) throw fail("corrupt model file (weight scale)");
  const char* bitmap = b.data() + at;
  std::vector<std::uint64_t> present((buckets + 63) / 64, 0);
  std::uint64_t set = 0;
  for (std::size_t byte = 0; byte < buckets / 8; ++byte) {
    const auto v = static_cast<unsigned char>(bitmap[byte]);
    present[byte / 8] |= static_cast<std::uint64_t>(v) << (8 * (byte % 8));
    set += popcount64(v);
  }
  if (set != nonzero) throw fail("corrupt model file (row bitmap)");
  const char* src = bitmap + buckets / 8;
  std::vector<std::uint8_t> shifts(nonzero);
  for (std::uint8_t& shift : shifts) {
    shift = static_cast<std::uint8_t>(*src++);
    if (shift > 8) throw fail("corrupt model file (row factor)");
  }
  std::vector<TaggerAccess::Row> rows(nonzero);
  for (TaggerAccess::Row& row : rows) {
    for (std::int8_t& x : row.w) x = static_cast<std::int8_t>(static_cast<std::uint8_t>(*src++));
  }
  PerceptronTagger model = TaggerAccess::make(bits, scale, present, std::move(rows), std::move(shifts));
  model.glued_period_ = (conventions & kConventionGluedPeriod) != 0;
  model.whole_words_ = (conventions & kConventionWholeWords) != 0;
  model.templates_ = templates;
  return model;
}

PerceptronTagger PerceptronTagger::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(path + ": cannot open model file");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw ModelError(path + ": cannot read model file");
  return deserialize(bytes, path);
}

void PerceptronTagger::save(const std::string& path) const {
  const std::string bytes = serialize();
  try {
    write_file_atomically(
        path, [&](std::ostream& os) { os.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
  } catch (const std::exception& e) {
    throw ModelError(e.what());
  }
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

namespace {

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

}  // namespace

PerceptronTagger PerceptronTagger::train(const std::vector<TrainingDocument>& train,
                                         const std::vector<TrainingDocument>& dev, const Knowledge& kb,
                                         const TrainingOptions& options) {
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
  const unsigned bits = options.hash_bits;
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
  const std::uint32_t templates = options.templates;
  const auto start = std::chrono::steady_clock::now();
  std::ostream* log = options.log;

  // Static features of every document, once.
  // Spans without their glued final period, for training and for choosing the epoch; the
  // convention goes into the model (glued_final_period()).
  bool glued_period = false, dev_glued_period = false;
  const std::vector<std::vector<NerTag>> train_gold = without_glued_periods(train, glued_period);
  const std::vector<std::vector<NerTag>> dev_gold = without_glued_periods(dev, dev_glued_period);
  const auto prepare = [&](const std::vector<TrainingDocument>& docs, std::vector<DocFeatures>& features,
                           std::vector<PreparedDoc>& prepared) {
    features.reserve(docs.size());
    Workspace ws;
    for (const TrainingDocument& doc : docs) {
      // dev documents are tagged as the model will tag: as its target corpus
      extract_features(doc.seg, kb, bits, templates, doc.target_domain || &docs == &dev, ws);
      features.push_back(ws.doc);
    }
    const auto& gold = &docs == &train ? train_gold : dev_gold;
    for (std::size_t k = 0; k < docs.size(); ++k) prepared.push_back({&features[k], &gold[k]});
  };
  std::vector<DocFeatures> train_features, dev_features;
  std::vector<PreparedDoc> train_docs, dev_docs;
  prepare(train, train_features, train_docs);
  prepare(dev, dev_features, dev_docs);
  if (log) {
    std::size_t tokens = 0;
    for (const TrainingDocument& d : train) tokens += d.gold.size();
    *log << "train-ner: " << train.size() << " training documents (" << tokens << " tokens), " << dev.size()
         << " dev documents; features ready in " << std::fixed << std::setprecision(1) << seconds_since(start)
         << " s\n";
  }

  AveragedWeights w(kTags << bits);
  std::uint32_t now = 0;
  std::seed_seq seq{static_cast<std::uint32_t>(options.seed), static_cast<std::uint32_t>(options.seed >> 32)};
  std::mt19937 rng(seq);
  std::vector<std::size_t> order(train.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;

  const unsigned max_epochs = std::max(1u, options.max_epochs);
  const unsigned patience = std::max(1u, options.patience);
  DenseWeights best;
  best.dev_f1 = -1;
  std::vector<std::uint8_t> hist;
  std::vector<NerTag> out;
  std::vector<std::int32_t> buffer;
  std::vector<std::vector<NerTag>> dev_out(dev.size());
  for (unsigned epoch = 1; epoch <= max_epochs; ++epoch) {
    shuffle(order, rng);
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
    if (dev.empty()) {
      if (log) *log << "train-ner: epoch " << epoch << ": " << errors << " training errors\n";
      if (epoch == max_epochs) {
        best = averaged(w, now, options.min_weight);
        best.epoch = epoch;
      }
      continue;
    }
    DenseWeights model = averaged(w, now, options.min_weight);
    for (std::size_t k = 0; k < dev.size(); ++k) {
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
  PerceptronTagger model = TaggerAccess::from_dense(bits, best.weights, best.scale);
  model.glued_period_ = glued_period;
  model.whole_words_ = spans_are_whole_words(train);
  model.templates_ = templates;
  if (log) {
    if (glued_period) *log << "train-ner: names keep a glued sentence-final period (corpus convention)\n";
    if (model.whole_words_) *log << "train-ner: names are runs of whole words (corpus convention)\n";
    *log << "train-ner: kept epoch " << best.epoch;
    if (!dev.empty()) *log << ", dev F1 " << std::setprecision(4) << best.dev_f1 << " (PER/ORG/LOC)";
    *log << ", " << model.nonzero_rows() << " non-zero weight rows, " << std::setprecision(1)
         << seconds_since(start) << " s\n";
  }
  return model;
}

}  // namespace newsgraph
