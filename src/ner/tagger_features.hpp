// Feature extraction of the NER tagger (PerceptronTagger): the hashed feature templates, the
// per-token analysis, the memo of Knowledge answers and the per-document static features that
// decoding (ner/tagger_decode.hpp) and training (src/train/tagger_trainer.cpp) read. Internal to
// the library.
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
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/text/segment.hpp"
#include "util/hash.hpp"

namespace newsgraph::ner_detail {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

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
/// Seed of every feature hash; stored in the model file's header.
constexpr std::uint64_t kHashSeed = 0x6e67726170680001ULL;
/// The sizes of the feature hash a model may have: 2^kMinBits to 2^kMaxBits weight rows.
constexpr unsigned kMinBits = 12;
constexpr unsigned kMaxBits = 24;

// ---------------------------------------------------------------------------------------------
// Hashing.

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

/// Knowledge word-list flags (KnowFlag bits) of word `w`, whose forms are `f` and case class
/// `cc`.
std::uint16_t knowledge_flags(std::string_view w, const WordForms& f, CaseClass cc, const Knowledge& kb);

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
  /// Empties the table, sized for about `words` distinct words (it grows as needed).
  void reset(std::size_t words) {
    std::size_t cap = 16;
    while (cap < 2 * words + 2) cap <<= 1;
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
        if (2 * (std::size_t{count_} + 1) + 2 > keys_.size()) grow();
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
  /// Doubles the slots, keeping every word's id: the table stays at most half full.
  void grow() {
    std::vector<std::uint64_t> keys(keys_.size() * 2, 0);
    std::vector<std::uint32_t> ids(keys.size());
    const std::size_t mask = keys.size() - 1;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      if (keys_[k] == 0) continue;
      std::size_t i = keys_[k] & mask;
      while (keys[i] != 0) i = (i + 1) & mask;
      keys[i] = keys_[k];
      ids[i] = ids_[k];
    }
    keys_ = std::move(keys);
    ids_ = std::move(ids);
    mask_ = mask;
  }

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
    const std::uint64_t h = hash::fnv1a(phrase);
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
    h = mix(h, reinterpret_cast<std::uintptr_t>(kb.demonym("French").value_or("").data()));
    h = mix(h, static_cast<std::uint64_t>(kb.is_title("president")) | kb.is_given_name("John") << 1 |
                   kb.is_common_word("house") << 2 | kb.is_org_head("ministry") << 3);
    return h;
  }
  const Knowledge* kb_ = nullptr;
  std::uint64_t print_ = 0;
  std::vector<FlagSlot> flags_;
  std::vector<EntitySlot> entities_;
};

/// Scratch space reused across documents (one per thread). The per-token arrays cover the
/// tokens whose features are being extracted: the whole document (extract_features), or one run
/// of its sentences (extract_sentences), from token `first` on.
struct Workspace {
  std::size_t first = 0;  // the document's index of the first token of the per-token arrays
  std::vector<TokenInfo> info;
  WordTable words;
  std::vector<std::uint16_t> word_flags;        // per word id: KnowFlag bits
  std::vector<std::uint8_t> mid_cap;            // per word id: seen capitalised mid-sentence (not headline)
  std::vector<std::uint8_t> all_caps_sentence;  // per token
  std::vector<std::uint8_t> sent_pos;           // per token: words before it in its sentence (capped at 3)
  std::vector<GazMatch> matches;                // phrase starts are indices of the per-token arrays
  std::vector<std::uint64_t> gaz;               // per token: kMaxGaz feature hashes
  std::vector<std::uint8_t> gaz_count;
  std::string phrase;
  std::string titled;                    // title-cased forms of headline words, back to back
  std::vector<std::uint32_t> titled_at;  // per token: offset into `titled`, kNone when none
  std::vector<std::uint8_t> titled_len;
  DocFeatures doc;
  KnowledgeCache cache;
  // The whole document, for extract_sentences (prepare_document()).
  std::vector<std::uint32_t> word_ids;  // per token of the document: its word id
  std::vector<std::uint8_t> headlines;  // per sentence of the document: all-caps
  // Decoding.
  std::vector<std::int32_t> scores;  // per token: kTags static scores
  std::vector<std::uint32_t> rows;   // per static feature: its weight row
  std::vector<NerTag> tags;
  std::vector<std::uint8_t> hist;  // per word id: last non-O tag predicted, 0 = none
};

/// Computes the static features of every token of `seg` into ws.doc: with feature templates
/// `templates` (1, 2 or 3), hashed into 2^bits rows; `target_domain` adds the second copy of
/// templates 3.
void extract_features(const Segmentation& seg, const Knowledge& kb, unsigned bits, std::uint32_t templates,
                      bool target_domain, Workspace& ws);

/// The same features, a run of sentences at a time, so that memory follows the run rather than
/// the document: prepare_document() learns what the features take from the whole document
/// (word ids, word lists, capitals mid-sentence, all-caps sentences), then each
/// extract_sentences() puts the features of sentences [first, last) of `seg` into ws.doc, indexed
/// from their first token (ws.first). `headlines` picks the sentences that get features: 0 the
/// others, 1 the all-caps ones, -1 all (the rest of the run gets none). ws.doc's word ids and
/// features are those extract_features() gives the same tokens.
void prepare_document(const Segmentation& seg, const Knowledge& kb, Workspace& ws);
void extract_sentences(const Segmentation& seg, const Knowledge& kb, unsigned bits, std::uint32_t templates,
                       bool target_domain, std::size_t first, std::size_t last, int headlines, Workspace& ws);

}  // namespace newsgraph::ner_detail
