// The tagger's trainer: what a model learns from its corpus (the examples, the corpus's span
// conventions, the feature templates) and that training is deterministic.
#include "newsgraph/train/tagger_trainer.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "support/tagger_fixtures.hpp"
#include "support/test_support.hpp"

using newsgraph::EntityLabel;
using newsgraph::ModelError;
using newsgraph::NerTag;
using newsgraph::PerceptronTagger;
using newsgraph::TrainingDocument;
using newsgraph::testing::entities;
using newsgraph::testing::small_options;
using newsgraph::testing::tiny_corpus;
using newsgraph::testing::tiny_model;
using newsgraph::testing::training_doc;

TEST_CASE("tagger: learns a small corpus", "[tagger]") {
  const PerceptronTagger& model = tiny_model();
  const std::vector<TrainingDocument> docs = tiny_corpus();
  for (const TrainingDocument& d : docs) {
    const std::vector<NerTag> tags = model.tag_tokens(*d.text, d.seg, *newsgraph::testing::knowledge());
    CHECK(tags == d.gold);
  }
  // Known names in a sentence it has not seen.
  const auto found = entities(model, "Maria Lindqvist visited Vellmar on Friday .");
  const std::vector<std::pair<std::string, EntityLabel>> expected{{"Maria Lindqvist", EntityLabel::PER},
                                                                  {"Vellmar", EntityLabel::LOC}};
  CHECK(found == expected);
  CHECK(model.nonzero_rows() > 0);
}

TEST_CASE("tagger: training is deterministic for a seed", "[tagger]") {
  const std::vector<TrainingDocument> docs = tiny_corpus();
  const auto& kb = *newsgraph::testing::knowledge();
  const std::string a = newsgraph::train_tagger(docs, docs, kb, small_options(3)).serialize();
  const std::string b = newsgraph::train_tagger(docs, docs, kb, small_options(3)).serialize();
  CHECK(a == b);
  // Without dev documents training runs every epoch and still learns the corpus.
  newsgraph::TrainingOptions no_dev = small_options(3);
  const PerceptronTagger model = newsgraph::train_tagger(docs, {}, kb, no_dev);
  for (const TrainingDocument& d : docs) CHECK(model.tag_tokens(*d.text, d.seg, kb) == d.gold);
}

TEST_CASE("tagger: a corpus whose names keep a glued final period teaches that convention", "[tagger]") {
  // CoNLL04 style: "Oslo." is one corpus token, so the name's span holds the period.
  using newsgraph::Span;
  std::vector<TrainingDocument> glued;
  for (const std::string place : {"Oslo", "Bergen", "Tromso", "Narvik"}) {
    const std::string text = "Ann Berg moved to " + place + ".";
    glued.push_back(
        training_doc(text, {{Span{0, 8}, EntityLabel::PER}, {Span{18, text.size()}, EntityLabel::LOC}}));
  }
  const auto& kb = *newsgraph::testing::knowledge();
  const PerceptronTagger model = newsgraph::train_tagger(glued, glued, kb, small_options());
  CHECK(model.glued_final_period());
  // The tagger itself learns the names without the period; the convention survives a round trip.
  const PerceptronTagger loaded = PerceptronTagger::deserialize(model.serialize(), "memory");
  CHECK(loaded.glued_final_period());
  CHECK(entities(loaded, "Ann Berg moved to Oslo.") ==
        std::vector<std::pair<std::string, EntityLabel>>{{"Ann Berg", EntityLabel::PER},
                                                         {"Oslo", EntityLabel::LOC}});
  // CoNLL-2003 columns never glue a period: no convention.
  CHECK_FALSE(tiny_model().glued_final_period());

  // The tagger-only detector follows the model's corpus and puts the period back; the news
  // detector keeps newsgraph's own spans.
  const auto shared = std::make_shared<const PerceptronTagger>(model);
  const std::shared_ptr<const newsgraph::Knowledge> kb_ptr = newsgraph::testing::knowledge();
  const std::string text = "Ann Berg moved to Bergen.";
  const newsgraph::Segmentation seg = newsgraph::segment(text);
  const auto spans = [&](const newsgraph::MentionDetector& detector) {
    std::vector<std::string> out;
    for (const newsgraph::Mention& m : detector.detect(text, seg)) out.push_back(m.text);
    return out;
  };
  CHECK(spans(newsgraph::TaggerOnlyMentionDetector(kb_ptr, shared)) ==
        std::vector<std::string>{"Ann Berg", "Bergen."});
  CHECK(spans(newsgraph::TaggedMentionDetector(kb_ptr, shared)) ==
        std::vector<std::string>{"Ann Berg", "Bergen"});
}

TEST_CASE("tagger: a corpus of space-separated tokens teaches that names are whole words", "[tagger]") {
  using newsgraph::Span;
  // CoNLL columns joined by spaces: every name is whole words.
  CHECK(tiny_model().whole_words());
  // A name inside a hyphenated word ("Frankfurt" of "Frankfurt-based") is not.
  std::vector<TrainingDocument> cut;
  for (const std::string place : {"Oslo", "Bergen", "Tromso", "Narvik"}) {
    const std::string text = "A " + place + "-based firm hired Ann Berg .";
    cut.push_back(training_doc(text, {{Span{2, 2 + place.size()}, EntityLabel::LOC}}));
  }
  const auto& kb = *newsgraph::testing::knowledge();
  const PerceptronTagger model = newsgraph::train_tagger(cut, cut, kb, small_options());
  CHECK_FALSE(model.whole_words());
  CHECK_FALSE(PerceptronTagger::deserialize(model.serialize(), "memory").whole_words());
  CHECK(PerceptronTagger::deserialize(tiny_model().serialize(), "memory").whole_words());
}

TEST_CASE("tagger: the extended templates are recorded in the model and read back with it", "[tagger]") {
  const std::vector<TrainingDocument> docs = tiny_corpus();
  const auto& kb = *newsgraph::testing::knowledge();
  newsgraph::TrainingOptions extended = small_options();
  extended.templates = 2;
  const PerceptronTagger model = newsgraph::train_tagger(docs, docs, kb, extended);
  const std::string bytes = model.serialize();
  CHECK(bytes != tiny_model().serialize());
  // The template version sits after the magic and the format version.
  REQUIRE(bytes.size() > 16);
  CHECK(static_cast<unsigned char>(bytes[12]) == 2);
  const PerceptronTagger loaded = PerceptronTagger::deserialize(bytes, "memory");
  CHECK(loaded.serialize() == bytes);
  for (const TrainingDocument& d : docs)
    CHECK(loaded.tag_tokens(*d.text, d.seg, kb) == model.tag_tokens(*d.text, d.seg, kb));
  // An unknown template version is refused, when training and when reading.
  newsgraph::TrainingOptions unknown = small_options();
  unknown.templates = 4;
  CHECK_THROWS_AS(newsgraph::train_tagger(docs, docs, kb, unknown), std::invalid_argument);
  std::string future = bytes;
  future[12] = 4;
  CHECK_THROWS_AS(PerceptronTagger::deserialize(future, "memory"), ModelError);
}

TEST_CASE("tagger: templates 3 learn the target corpus's conventions beside a shared corpus's", "[tagger]") {
  // The shared corpus leaves titles out of person names; the target corpus keeps them in.
  using newsgraph::Span;
  const std::vector<std::pair<std::string, std::string>> people{
      {"President", "Ann Berg"},    {"Senator", "Tom Lund"},   {"President", "Eva Dahl"},
      {"Senator", "Per Holm"},      {"President", "Kari Moe"}, {"Senator", "Ola Vik"},
      {"President", "Lena Strand"}, {"Senator", "Nils Aas"}};
  std::vector<TrainingDocument> train;
  // the shared corpus four times over: alone, its convention would win
  for (bool target : {false, false, false, false, true}) {
    for (const auto& [title, name] : people) {
      const std::string text = "Yesterday " + title + " " + name + " spoke in Oslo .";
      const std::size_t title_at = 10, name_at = title_at + title.size() + 1, end = name_at + name.size();
      const std::size_t oslo = text.find("Oslo");
      train.push_back(training_doc(text, {{Span{target ? title_at : name_at, end}, EntityLabel::PER},
                                          {Span{oslo, oslo + 4}, EntityLabel::LOC}}));
      train.back().target_domain = target;
    }
  }
  const std::vector<TrainingDocument> dev(  // the target documents
      train.end() - static_cast<std::ptrdiff_t>(people.size()), train.end());
  const auto& kb = *newsgraph::testing::knowledge();
  newsgraph::TrainingOptions options = small_options();
  options.templates = 3;
  const PerceptronTagger model = newsgraph::train_tagger(train, dev, kb, options);
  const std::string bytes = model.serialize();
  REQUIRE(bytes.size() > 16);
  CHECK(static_cast<unsigned char>(bytes[12]) == 3);
  const PerceptronTagger loaded = PerceptronTagger::deserialize(bytes, "memory");
  CHECK(loaded.serialize() == bytes);
  // The model tags as its target corpus: the title inside the name.
  CHECK(entities(loaded, "Yesterday Senator Eva Holm spoke in Oslo .") ==
        std::vector<std::pair<std::string, EntityLabel>>{{"Senator Eva Holm", EntityLabel::PER},
                                                         {"Oslo", EntityLabel::LOC}});

  // Templates 3 need target documents, and target documents need templates 3.
  std::vector<TrainingDocument> shared_only(train.begin(),
                                            train.begin() + static_cast<std::ptrdiff_t>(people.size()));
  CHECK_THROWS_AS(newsgraph::train_tagger(shared_only, dev, kb, options), std::invalid_argument);
  newsgraph::TrainingOptions extended = small_options();
  extended.templates = 2;
  CHECK_THROWS_AS(newsgraph::train_tagger(train, dev, kb, extended), std::invalid_argument);
}
