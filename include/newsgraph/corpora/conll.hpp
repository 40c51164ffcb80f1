// Annotated corpora in CoNLL column format (CoNLL-2003 IOB1, GMB IOB2) and in SpERT JSON
// (CoNLL04): documents as the reference scripts build them, gold entity spans in code points,
// and gold tags projected onto our own segmentation so that training and tagging see the same
// tokens.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/text/segment.hpp"

namespace newsgraph {

/// A CoNLL or SpERT file that cannot be read: unreadable, invalid UTF-8, a tag that is not O,
/// B-X or I-X, an entity type with no label, malformed JSON or an entity outside its sentence.
/// what() is one line naming the file and, where there is one, the line or the sentence
/// ("eng.train:120: unknown entity type 'FOO'", "x.json: sentence 3: entity 1: ...").
class ConllError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A gold entity: a half-open code-point range of a document's text and its label.
struct LabeledSpan {
  Span span;
  EntityLabel label = EntityLabel::PER;
  friend bool operator==(const LabeledSpan& a, const LabeledSpan& b) {
    return a.span == b.span && a.label == b.label;
  }
  friend bool operator<(const LabeledSpan& a, const LabeledSpan& b) {
    return a.span != b.span ? a.span < b.span : a.label < b.label;
  }
};

/// One annotated document, built exactly like ../shared/eval/conll_to_jsonl.py: the tokens of
/// a sentence joined by single spaces, sentences joined by "\n"; ids "d0000", "d0001", ... in
/// file order. `spans` holds every gold entity (MISC included), sorted.
struct GoldDocument {
  std::string id;
  std::string text;
  std::vector<LabeledSpan> spans;
};

struct ConllOptions {
  /// For a file without -DOCSTART- lines (GMB): start a new document every this many
  /// sentences. 0 keeps the whole file as one document, as conll_to_jsonl.py does. Files with
  /// -DOCSTART- are always split there and nowhere else. For SpERT JSON: this many sentences
  /// per document (joined by "\n"); 0 (or 1) gives one document per sentence, as
  /// conll04_to_jsonl.py does.
  std::size_t sentences_per_document = 0;
  /// For SpERT JSON: keep CoNLL04's "Other" entities as MISC spans, exactly as
  /// conll04_to_jsonl.py does. Off by default, so train-ner leaves them out (their tokens are
  /// O): CoNLL04's Other is mostly dates, amounts and times ("April", "1988", "42 percent"),
  /// which CoNLL-2003 tags O, and learning them as MISC costs about 0.003 CoNLL-2003 dev F1 and
  /// 0.008 CoNLL04 dev F1 (PER/ORG/LOC). PER, ORG and LOC spans are the script's either way.
  bool spert_other_as_misc = false;
};

/// The label of a CoNLL or GMB entity type, any case: PER/per -> PER, ORG/org -> ORG,
/// LOC/geo/gpe -> LOC, MISC/art/eve/nat -> MISC; tim -> nullopt (not an entity here).
/// Throws ConllError (without location; readers add it) for any other type.
std::optional<EntityLabel> label_of_conll_type(std::string_view type);

/// Parses CoNLL text: one token per line, first column the word, last column the tag; blank
/// lines end sentences; "-DOCSTART-" lines end documents. A span starts at B-X, at I-X after O,
/// or at I-X after a different type, and runs while I-X of the same type follows (so IOB1 and
/// IOB2 read alike). Throws ConllError naming `origin` and the line.
std::vector<GoldDocument> parse_conll(std::string_view content, const std::string& origin,
                                      const ConllOptions& options = {});
/// Reads and parses the file at `path`.
std::vector<GoldDocument> read_conll(const std::string& path, const ConllOptions& options = {});

/// The CoNLL04 relation labels, in the reference scorer's order.
enum class Conll04Label { WorkFor, Kill, OrgBasedIn, LiveIn, LocatedIn };
inline constexpr std::size_t kConll04LabelCount = 5;
/// "Work_For", "Kill", "OrgBased_In", "Live_In", "Located_In".
std::string_view to_string(Conll04Label label);

/// A gold relation: head and tail entity spans (code points of the sentence text) and label.
struct GoldRelation {
  Span head;
  Span tail;
  Conll04Label label = Conll04Label::WorkFor;
};

/// One CoNLL04 sentence as ../shared/eval/conll04_to_jsonl.py builds it: id "s0001", "s0002",
/// ... in file order, the tokens joined by single spaces, every gold entity (Other as MISC)
/// and every gold relation.
struct RelationSentence {
  std::string id;
  std::string text;
  std::vector<LabeledSpan> entities;
  std::vector<GoldRelation> relations;
};

/// Parses SpERT JSON (CoNLL04), an array of sentences {"tokens": [string, ...], "entities":
/// [{"type", "start", "end"}, ...], "relations": [{"head", "tail", "type"}, ...]}, into its
/// sentences. Throws ConllError naming `origin` and the sentence (1-based) for malformed JSON, a
/// missing or mistyped member, an unknown entity or relation type, an entity range outside its
/// sentence, overlapping entities, or a relation between entities that do not exist.
std::vector<RelationSentence> parse_conll04(std::string_view content, const std::string& origin);
/// Reads and parses the SpERT JSON file at `path`.
std::vector<RelationSentence> read_conll04(const std::string& path);

/// Parses SpERT JSON (CoNLL04): an array of sentences {"tokens": [string, ...], "entities":
/// [{"type", "start", "end"}, ...], ...} (parse_conll04; relations are left out here).
/// Each sentence becomes the text of its tokens joined by single spaces; an entity, tokens
/// [start, end), becomes the code-point span of those tokens in it; types Peop -> PER,
/// Org -> ORG, Loc -> LOC, Other -> MISC (exact spelling; Other only with
/// options.spert_other_as_misc). Documents as conll04_to_jsonl.py builds them: one per sentence,
/// ids "s0001", "s0002", ... in file order (with options.sentences_per_document = N > 1: N
/// sentences per document joined by "\n", named by its first sentence). Throws ConllError
/// naming `origin` and the sentence (1-based) for malformed JSON, a missing or mistyped member,
/// an unknown type, an entity range outside its sentence, or overlapping entities.
std::vector<GoldDocument> parse_spert_json(std::string_view content, const std::string& origin,
                                           const ConllOptions& options = {});
/// Reads and parses the SpERT JSON file at `path`.
std::vector<GoldDocument> read_spert_json(const std::string& path, const ConllOptions& options = {});

/// True when the file at `path` is to be read as SpERT JSON: its name ends in ".json" (any
/// case), or its content starts (after blanks and a UTF-8 BOM) with '[' followed, after
/// blanks, by '{' or ']'. Anything else is CoNLL column text (a CoNLL line "[ ( O" has a word
/// after the '[').
bool is_spert_json(const std::string& path, std::string_view content);
/// Reads the file at `path` with the reader its name and content call for (see is_spert_json):
/// read_spert_json or read_conll. Used for train-ner's --train and --dev.
std::vector<GoldDocument> read_gold_documents(const std::string& path, const ConllOptions& options = {});

/// The gold tag of every token of `seg` (the segmentation of the document's text): the tokens
/// inside a gold span take its label with B/I/L/U positions, every other token is O. A CoNLL
/// token that our segmenter splits ("Anglo-Dutch" -> "Anglo", "-", "Dutch") hands its entity to
/// every piece, so the projected spans cover exactly the gold code points.
std::vector<NerTag> project_spans(const Segmentation& seg, const std::vector<LabeledSpan>& spans);

/// The code-point spans of tagged entities (token ranges of `seg`).
std::vector<LabeledSpan> to_labeled_spans(const Segmentation& seg, const std::vector<TaggedSpan>& spans);

}  // namespace newsgraph
