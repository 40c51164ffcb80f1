// Trained mention detection: an averaged-perceptron sequence tagger over BILOU tags for
// PER/ORG/LOC/MISC, with hashed features (word, case, shape, affixes, gazetteers, document
// history), greedy decoding under the BILOU constraints, and a versioned binary model file.
// Training lives in newsgraph/train/tagger_trainer.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// The entity classes the tagger tells apart. MISC (nationalities, events, works, ...) is
/// learned so that it is not confused with the others; it never becomes a graph node.
enum class EntityLabel : std::uint8_t { PER = 0, ORG = 1, LOC = 2, MISC = 3 };
inline constexpr std::size_t kEntityLabelCount = 4;

/// "PER", "ORG", "LOC", "MISC".
std::string_view to_string(EntityLabel label);
/// The inverse of to_string(EntityLabel); nullopt for anything else.
std::optional<EntityLabel> entity_label_from_string(std::string_view s);
/// The graph's type for a label: PER -> Person, ORG -> Organization, LOC -> Place; MISC -> none.
std::optional<EntityType> to_entity_type(EntityLabel label);
/// The label of a graph type: Person -> PER, Organization -> ORG, Place -> LOC; none for
/// quotations and groups.
std::optional<EntityLabel> to_entity_label(EntityType type);

/// Where a token sits in an entity: Begin, Inside, Last, Unit (a one-token entity).
enum class BilouPosition : std::uint8_t { B = 0, I = 1, L = 2, U = 3 };

/// The 17 tags: O, then B/I/L/U for PER, ORG, LOC and MISC, in that order
/// (value = 1 + 4 * label + position).
enum class NerTag : std::uint8_t {
  O = 0,
  B_PER,
  I_PER,
  L_PER,
  U_PER,
  B_ORG,
  I_ORG,
  L_ORG,
  U_ORG,
  B_LOC,
  I_LOC,
  L_LOC,
  U_LOC,
  B_MISC,
  I_MISC,
  L_MISC,
  U_MISC,
};
inline constexpr std::size_t kNerTagCount = 17;

NerTag make_tag(BilouPosition position, EntityLabel label);
/// The label of a tag other than O (precondition: tag != O).
EntityLabel tag_label(NerTag tag);
/// The position of a tag other than O (precondition: tag != O).
BilouPosition tag_position(NerTag tag);
/// "O", "B-PER", "I-PER", ..., "U-MISC".
std::string_view to_string(NerTag tag);
/// True when `next` may follow `prev` in a BILOU sequence: after B-X or I-X only I-X or L-X;
/// after O, L-*, U-* (or at the start, prev = O) only O, B-* or U-*.
bool is_valid_transition(NerTag prev, NerTag next);

/// One entity found by the tagger: tokens [first_token, last_token) of the Segmentation it was
/// given (half-open, like Mention).
struct TaggedSpan {
  EntityLabel label = EntityLabel::PER;
  std::size_t first_token = 0;
  std::size_t last_token = 0;
  friend bool operator==(const TaggedSpan& a, const TaggedSpan& b) {
    return a.label == b.label && a.first_token == b.first_token && a.last_token == b.last_token;
  }
};

/// The entities of a tag sequence, in order. A valid BILOU sequence gives exactly its
/// entities; an invalid one is read leniently (a B or I not followed by its I/L closes where
/// the run of its label ends).
std::vector<TaggedSpan> spans_from_tags(const std::vector<NerTag>& tags);
/// The BILOU tags of `token_count` tokens holding `spans` (sorted, not overlapping).
std::vector<NerTag> tags_from_spans(std::size_t token_count, const std::vector<TaggedSpan>& spans);

/// A model file that cannot be used: unreadable, truncated, corrupt (checksum), wrong magic,
/// version, feature templates or tag set. what() is one line naming the file and the problem.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// For each token of `seg`: whether it is a "." glued to the word before it (no space
/// between) that closes its sentence.
std::vector<char> glued_final_periods(const Segmentation& seg);

/// Averaged perceptron over hashed features, decoded greedily with the BILOU constraint (the
/// output is always a valid BILOU sequence, so every entity is closed). Sentences are decoded
/// in document order, except that all-caps sentences (headlines, datelines) come last, so that
/// they can use what the body said about the same words. Weights are hashed into 2^bits rows
/// of one weight per tag, quantised to 8 bits per weight. Immutable once built; tag() is const
/// and safe to call from several threads at once. A model is read with load() or deserialize(),
/// or trained with train_tagger() (newsgraph/train/tagger_trainer.hpp).
class PerceptronTagger {
 public:
  /// Reads a model written by save(). Throws ModelError naming `path` and the problem.
  static PerceptronTagger load(const std::string& path);
  /// Writes the model (header, non-zero weight rows, checksum). Throws ModelError when the
  /// file cannot be written.
  void save(const std::string& path) const;
  /// The model file's bytes, exactly as save() writes them.
  std::string serialize() const;
  /// Parses model bytes; `origin` names them in errors.
  static PerceptronTagger deserialize(std::string_view bytes, const std::string& origin);

  /// Tags one whole document (the non-local features need document scope). `seg` must be
  /// segment(text). Entities never cross a sentence of `seg`.
  std::vector<TaggedSpan> tag(std::string_view text, const Segmentation& seg, const Knowledge& kb) const;
  /// The tag of every token of `seg`: a valid BILOU sequence.
  std::vector<NerTag> tag_tokens(std::string_view text, const Segmentation& seg, const Knowledge& kb) const;

  unsigned hash_bits() const { return bits_; }
  /// Whether the training corpus put a sentence-final period glued to a name inside the name's
  /// span ("... northeast of Boise." in CoNLL04, whose tokens are "Boise."). The segmenter
  /// splits that period off and the features cannot tell it from a spaced one, so training
  /// learns the spans without it and records the convention here (from the majority of such
  /// periods in the training data); TaggerOnlyMentionDetector puts the period back.
  bool glued_final_period() const { return glued_period_; }
  /// Whether no name of the training corpus starts or ends inside a word (a run of tokens with
  /// no space between them): true of corpora made of space-separated tokens, where
  /// "ITAR-TASS" or "Church 's" is one or two tokens the segmenter splits further. The tagger
  /// may still cut such a word ("ITAR" of "ITAR-TASS"); TaggerOnlyMentionDetector then
  /// widens the span to the whole word.
  bool whole_words() const { return whole_words_; }
  /// Number of weight rows with at least one non-zero weight.
  std::size_t nonzero_rows() const;

 private:
  PerceptronTagger() = default;
  unsigned bits_ = 0;
  float scale_ = 1.0f;
  bool glued_period_ = false;
  bool whole_words_ = false;
  std::uint32_t templates_ = 1;
  // Weights are kept relative to tag O (whose weights are then all zero), so a row holds the
  // other 16 tags' weights, as int8 with a power-of-two factor per row: weight = (w << shift)
  // * scale_. A row is 16 bytes, aligned. Only non-zero rows are kept: blocks_[k] has the
  // presence bits of buckets 64k..64k+63 and the number of rows before them; rows_ and shifts_
  // hold the rows in bucket order, then one all-zero row that every absent bucket shares.
  struct alignas(16) Block {
    std::uint64_t present = 0;
    std::uint32_t rank = 0;
    std::uint32_t unused = 0;
  };
  struct alignas(16) Row {
    std::int8_t w[kNerTagCount - 1] = {};
  };
  std::vector<Block> blocks_;
  std::vector<Row> rows_;
  std::vector<std::uint8_t> shifts_;
  friend struct TaggerAccess;
};

}  // namespace newsgraph
