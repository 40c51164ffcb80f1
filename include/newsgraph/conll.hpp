// Annotated corpora in CoNLL column format (CoNLL-2003 IOB1, GMB IOB2): documents as the
// reference scorer builds them, gold entity spans in code points, and gold tags projected onto
// our own segmentation so that training and tagging see the same tokens.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/document.hpp"
#include "newsgraph/segment.hpp"
#include "newsgraph/tagger.hpp"

namespace newsgraph {

/// A CoNLL file that cannot be read: unreadable, invalid UTF-8, a tag that is not O, B-X or
/// I-X, or an entity type with no label. what() is one line naming the file and, where there
/// is one, the line ("eng.train:120: unknown entity type 'FOO'").
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
  /// -DOCSTART- are always split there and nowhere else.
  std::size_t sentences_per_document = 0;
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

/// The gold tag of every token of `seg` (the segmentation of the document's text): the tokens
/// inside a gold span take its label with B/I/L/U positions, every other token is O. A CoNLL
/// token that our segmenter splits ("Anglo-Dutch" -> "Anglo", "-", "Dutch") hands its entity to
/// every piece, so the projected spans cover exactly the gold code points.
std::vector<NerTag> project_spans(const Segmentation& seg, const std::vector<LabeledSpan>& spans);

/// The document segmented, with its gold spans projected onto the tokens.
TrainingDocument make_training_document(const GoldDocument& doc);

/// The code-point spans of tagged entities (token ranges of `seg`).
std::vector<LabeledSpan> to_labeled_spans(const Segmentation& seg, const std::vector<TaggedSpan>& spans);

}  // namespace newsgraph
