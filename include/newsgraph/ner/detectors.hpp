// Mention detection: spans of text that name a Person, Organization or Place.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// How mentions are found.
enum class Recognizer {
  Tagger,  ///< the trained tagger, with the rules for titles, gazetteer entries and sure names
  Rules,   ///< the rules alone (no model file needed)
  /// the tagger's spans as they are, in its training corpus's conventions (for evaluation on
  /// that corpus: see TaggerOnlyMentionDetector; eval-relations uses it with
  /// models/ner-conll04.bin); no collective actors (Group) are added
  TaggerOnly,
};

/// "tagger", "rules", "tagger-only" (the names of `--ner`).
std::string_view to_string(Recognizer r);
std::optional<Recognizer> recognizer_from_string(std::string_view s);
/// Every name recognizer_from_string accepts, in declaration order.
std::vector<std::string> recognizer_names();

/// How a pipeline finds mentions.
struct MentionConfig {
  Recognizer recognizer = Recognizer::Tagger;
  /// The tagger's model file; empty means default_model_path() (pipeline/pipeline.hpp).
  std::string model_path;
};

/// A mention detector turns one segmented article into mentions, sorted by span and not
/// overlapping. This is the seam where a trained tagger replaces the rules. The rule and tagged
/// detectors add newsgraph's own Group mentions (add_group_mentions); the tagger-only detector,
/// which follows its model's corpus, does not.
class MentionDetector {
 public:
  virtual ~MentionDetector() = default;
  virtual std::vector<Mention> detect(std::string_view text, const Segmentation& seg) const = 0;
};

/// Knowledge and capitalisation rules: gazetteer phrases, titles, organization heads and
/// suffixes, demonyms, given names and context ("said", "in"), with document-level
/// evidence (a word capitalised mid-sentence elsewhere, a surname named in full earlier); and
/// group mentions.
class RuleMentionDetector final : public MentionDetector {
 public:
  explicit RuleMentionDetector(std::shared_ptr<const Knowledge> knowledge);
  std::vector<Mention> detect(std::string_view text, const Segmentation& seg) const override;

 private:
  std::shared_ptr<const Knowledge> kb_;
};

class PerceptronTagger;
struct TaggedSpan;

/// The trained tagger with the rules beside it. The tagger decides which spans are names and
/// of which type (PER/ORG/LOC; MISC spans are not mentions and block rule mentions). The rules
/// add what the tagger cannot know: the title before a person ("Foreign Minister"), the
/// gazetteer entry of a name, and names the tagger missed entirely when the rules are sure of
/// them (a name after a title, a gazetteer name, a given name with a surname, a surname named
/// in full elsewhere in the article); and group mentions.
class TaggedMentionDetector final : public MentionDetector {
 public:
  TaggedMentionDetector(std::shared_ptr<const Knowledge> knowledge,
                        std::shared_ptr<const PerceptronTagger> tagger);
  std::vector<Mention> detect(std::string_view text, const Segmentation& seg) const override;

 private:
  std::shared_ptr<const Knowledge> kb_;
  std::shared_ptr<const PerceptronTagger> tagger_;
};

/// The trained tagger alone: its PER/ORG/LOC spans exactly as it tags them, each with its
/// gazetteer entry; MISC spans are left out. A model trained on a corpus follows that corpus's
/// span conventions here (CoNLL04 puts titles inside person names: "President Lincoln"),
/// where TaggedMentionDetector imposes newsgraph's own (titles apart, possessives off). No
/// group mentions: those are newsgraph's own kind of entity, not the corpus's.
class TaggerOnlyMentionDetector final : public MentionDetector {
 public:
  TaggerOnlyMentionDetector(std::shared_ptr<const Knowledge> knowledge,
                            std::shared_ptr<const PerceptronTagger> tagger);
  std::vector<Mention> detect(std::string_view text, const Segmentation& seg) const override;

 private:
  std::shared_ptr<const Knowledge> kb_;
  std::shared_ptr<const PerceptronTagger> tagger_;
};

/// `spans` (in order, not overlapping) widened to whole words, where a word is a run of word,
/// number and connector tokens ("-", "'", "&", "/", ".") with no space between: "ITAR" of
/// "ITAR-TASS" becomes "ITAR-TASS". Spans that then overlap become one, labelled as the piece
/// of most tokens (the later one on a tie). Commas, brackets and other punctuation glued to a
/// name are not part of its word. TaggerOnlyMentionDetector applies it when the model's corpus
/// names only whole words (PerceptronTagger::whole_words()).
std::vector<TaggedSpan> widened_to_whole_words(const Segmentation& seg, const std::vector<TaggedSpan>& spans);

/// Collective actors: a nationality or bloc adjective ("European", "Western", "Russian"), at
/// most one modifier ("senior", "top", "military") and a plural collective noun ("leaders",
/// "officials", "diplomats") become Group mentions where no other mention covers those words
/// ("European leaders", "senior Russian officials" gives "Russian officials"). `mentions` stays
/// sorted by span.
void add_group_mentions(const Segmentation& seg, std::vector<Mention>& mentions, const Knowledge& kb);

}  // namespace newsgraph
