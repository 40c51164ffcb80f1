#include "newsgraph/ner/tagger.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/eval/ner.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "support/test_support.hpp"

using newsgraph::BilouPosition;
using newsgraph::EntityLabel;
using newsgraph::ModelError;
using newsgraph::NerTag;
using newsgraph::PerceptronTagger;
using newsgraph::TaggedSpan;
using newsgraph::TrainingDocument;

namespace {

const std::string kDir = std::string(NEWSGRAPH_SOURCE_DIR) + "/tests/data/conll/";

std::vector<TrainingDocument> tiny_corpus() {
  std::vector<TrainingDocument> docs;
  for (const newsgraph::GoldDocument& d : newsgraph::read_conll(kDir + "tiny_train.conll")) {
    docs.push_back(newsgraph::make_training_document(d));
  }
  return docs;
}

newsgraph::TrainingOptions small_options(std::uint64_t seed = 7) {
  newsgraph::TrainingOptions o;
  o.hash_bits = 16;
  o.max_epochs = 12;
  o.seed = seed;
  o.min_weight = 0;  // a corpus this small leaves every weight small
  return o;
}

/// One model trained on the tiny corpus, shared by the tests that only read it.
// A training document of `text` with gold `spans`.
TrainingDocument training_doc(const std::string& text, std::vector<newsgraph::LabeledSpan> spans) {
  newsgraph::GoldDocument d;
  d.id = text;
  d.text = text;
  d.spans = std::move(spans);
  return newsgraph::make_training_document(d);
}

const PerceptronTagger& tiny_model() {
  static const PerceptronTagger model = [] {
    const std::vector<TrainingDocument> docs = tiny_corpus();
    return PerceptronTagger::train(docs, docs, *newsgraph::testing::knowledge(), small_options());
  }();
  return model;
}

/// (surface, label) of every entity the model finds in `text`.
std::vector<std::pair<std::string, EntityLabel>> entities(const PerceptronTagger& model,
                                                          const std::string& text) {
  const newsgraph::Segmentation seg = newsgraph::segment(text);
  std::vector<std::pair<std::string, EntityLabel>> out;
  for (const TaggedSpan& s : model.tag(text, seg, *newsgraph::testing::knowledge())) {
    const std::size_t b = static_cast<std::size_t>(seg.tokens[s.first_token].text.data() - text.data());
    const std::size_t e = static_cast<std::size_t>(seg.tokens[s.last_token - 1].text.data() - text.data()) +
                          seg.tokens[s.last_token - 1].text.size();
    out.emplace_back(text.substr(b, e - b), s.label);
  }
  return out;
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("newsgraph_tagger_test_" + name)).string();
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool valid_bilou(const std::vector<NerTag>& tags) {
  NerTag prev = NerTag::O;
  for (NerTag t : tags) {
    if (!newsgraph::is_valid_transition(prev, t)) return false;
    prev = t;
  }
  return prev == NerTag::O || newsgraph::tag_position(prev) == BilouPosition::L ||
         newsgraph::tag_position(prev) == BilouPosition::U;
}

}  // namespace

TEST_CASE("tagger: tag set, BILOU transitions and spans", "[tagger]") {
  CHECK(newsgraph::make_tag(BilouPosition::B, EntityLabel::ORG) == NerTag::B_ORG);
  CHECK(newsgraph::make_tag(BilouPosition::U, EntityLabel::MISC) == NerTag::U_MISC);
  CHECK(newsgraph::to_string(NerTag::L_LOC) == "L-LOC");
  CHECK(newsgraph::tag_label(NerTag::I_PER) == EntityLabel::PER);
  CHECK(newsgraph::to_entity_type(EntityLabel::LOC) == newsgraph::EntityType::Place);
  CHECK_FALSE(newsgraph::to_entity_type(EntityLabel::MISC).has_value());
  CHECK(newsgraph::entity_label_from_string("ORG") == EntityLabel::ORG);

  CHECK(newsgraph::is_valid_transition(NerTag::O, NerTag::B_PER));
  CHECK(newsgraph::is_valid_transition(NerTag::B_PER, NerTag::I_PER));
  CHECK(newsgraph::is_valid_transition(NerTag::I_PER, NerTag::L_PER));
  CHECK(newsgraph::is_valid_transition(NerTag::L_PER, NerTag::U_LOC));
  CHECK_FALSE(newsgraph::is_valid_transition(NerTag::O, NerTag::I_PER));
  CHECK_FALSE(newsgraph::is_valid_transition(NerTag::B_PER, NerTag::O));
  CHECK_FALSE(newsgraph::is_valid_transition(NerTag::B_PER, NerTag::L_ORG));
  CHECK_FALSE(newsgraph::is_valid_transition(NerTag::U_ORG, NerTag::L_ORG));

  const std::vector<TaggedSpan> spans{
      {EntityLabel::PER, 0, 2}, {EntityLabel::LOC, 3, 4}, {EntityLabel::ORG, 4, 7}};
  const std::vector<NerTag> tags = newsgraph::tags_from_spans(8, spans);
  const std::vector<NerTag> expected{NerTag::B_PER, NerTag::L_PER, NerTag::O,     NerTag::U_LOC,
                                     NerTag::B_ORG, NerTag::I_ORG, NerTag::L_ORG, NerTag::O};
  CHECK(tags == expected);
  CHECK(newsgraph::spans_from_tags(tags) == spans);
}

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

TEST_CASE("tagger: output is always a valid BILOU sequence", "[tagger]") {
  const PerceptronTagger& model = tiny_model();
  const auto& kb = *newsgraph::testing::knowledge();
  for (const std::string& text :
       {std::string(""), std::string("Okafor"), std::string("Harbour Union Harbour Union Harbour ."),
        std::string("BRANTEX OSLANDIA VELLMAR 1996\nLindqvist Okafor Jonas Maria , Brantex Union ."),
        std::string("The Harbour\nUnion said so. Lindqvist! Okafor? “Vellmar” – Oslandia…")}) {
    INFO(text);
    const newsgraph::Segmentation seg = newsgraph::segment(text);
    const std::vector<NerTag> tags = model.tag_tokens(text, seg, kb);
    REQUIRE(tags.size() == seg.tokens.size());
    CHECK(valid_bilou(tags));
    // No entity crosses a sentence boundary.
    for (const TaggedSpan& s : model.tag(text, seg, kb)) {
      bool inside = false;
      for (const newsgraph::Sentence& sent : seg.sentences) {
        inside = inside || (s.first_token >= sent.first_token && s.last_token <= sent.last_token);
      }
      CHECK(inside);
    }
  }
}

TEST_CASE("tagger: save and load give the same bytes and the same tags", "[tagger]") {
  const PerceptronTagger& model = tiny_model();
  const std::string path = temp_path("roundtrip.bin");
  model.save(path);
  const PerceptronTagger loaded = PerceptronTagger::load(path);
  CHECK(loaded.serialize() == model.serialize());
  CHECK(loaded.hash_bits() == 16);
  CHECK(loaded.nonzero_rows() == model.nonzero_rows());
  for (const char* text : {"Lindqvist met Okafor in Oslandia .", "Brantex and the Harbour Union ."}) {
    CHECK(entities(loaded, text) == entities(model, text));
  }
  std::remove(path.c_str());
}

TEST_CASE("tagger: training is deterministic for a seed", "[tagger]") {
  const std::vector<TrainingDocument> docs = tiny_corpus();
  const auto& kb = *newsgraph::testing::knowledge();
  const std::string a = PerceptronTagger::train(docs, docs, kb, small_options(3)).serialize();
  const std::string b = PerceptronTagger::train(docs, docs, kb, small_options(3)).serialize();
  CHECK(a == b);
  // Without dev documents training runs every epoch and still learns the corpus.
  newsgraph::TrainingOptions no_dev = small_options(3);
  const PerceptronTagger model = PerceptronTagger::train(docs, {}, kb, no_dev);
  for (const TrainingDocument& d : docs) CHECK(model.tag_tokens(*d.text, d.seg, kb) == d.gold);
}

TEST_CASE("tagger: unusable model files give a one-line ModelError naming the file", "[tagger]") {
  const std::string good = tiny_model().serialize();
  const std::string path = temp_path("broken.bin");

  SECTION("missing file") {
    CHECK_THROWS_WITH(PerceptronTagger::load(temp_path("does-not-exist.bin")),
                      Catch::Contains("does-not-exist.bin") && Catch::Contains("cannot open"));
  }
  SECTION("truncated") {
    for (std::size_t keep :
         {std::size_t{0}, std::size_t{5}, std::size_t{20}, good.size() / 2, good.size() - 1}) {
      write_bytes(path, good.substr(0, keep));
      CHECK_THROWS_AS(PerceptronTagger::load(path), ModelError);
    }
    write_bytes(path, good.substr(0, good.size() / 2));
    CHECK_THROWS_WITH(PerceptronTagger::load(path), Catch::Contains(path) && Catch::Contains("truncated"));
  }
  SECTION("a flipped byte in the weights fails the checksum") {
    std::string bad = good;
    bad[bad.size() - 20] = static_cast<char>(bad[bad.size() - 20] ^ 0x10);
    write_bytes(path, bad);
    CHECK_THROWS_WITH(PerceptronTagger::load(path), Catch::Contains(path) && Catch::Contains("checksum"));
  }
  SECTION("wrong magic") {
    std::string bad = good;
    bad[0] = 'X';
    write_bytes(path, bad);
    CHECK_THROWS_WITH(PerceptronTagger::load(path), Catch::Contains("bad magic"));
  }
  SECTION("wrong format version") {
    std::string bad = good;
    bad[8] = static_cast<char>(bad[8] + 1);  // the version follows the 8-byte magic
    write_bytes(path, bad);
    CHECK_THROWS_WITH(PerceptronTagger::load(path), Catch::Contains("format version"));
  }
  SECTION("wrong feature templates") {
    std::string bad = good;
    bad[12] = static_cast<char>(bad[12] + 3);  // versions 1, 2 and 3 are known
    write_bytes(path, bad);
    CHECK_THROWS_WITH(PerceptronTagger::load(path), Catch::Contains("feature templates"));
  }
  SECTION("trailing garbage") {
    write_bytes(path, good + "x");
    CHECK_THROWS_AS(PerceptronTagger::load(path), ModelError);
  }
  SECTION("messages are one line") {
    write_bytes(path, good.substr(0, 30));
    try {
      PerceptronTagger::load(path);
      FAIL("no error");
    } catch (const ModelError& e) {
      CHECK(std::string(e.what()).find('\n') == std::string::npos);
    }
  }
  std::remove(path.c_str());
}

TEST_CASE("tagger: tags the same from several threads", "[tagger]") {
  const PerceptronTagger& model = tiny_model();
  const std::string text =
      "Lindqvist met Okafor in Oslandia . The Harbour Union and Brantex agreed in Vellmar .";
  const auto expected = entities(model, text);
  std::vector<std::vector<std::pair<std::string, EntityLabel>>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back([&r, &model, &text] {
      for (int k = 0; k < 20; ++k) r = entities(model, text);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& r : results) CHECK(r == expected);
}

TEST_CASE("tagger: evaluate_tagger scores the model on CoNLL documents", "[tagger]") {
  const std::vector<newsgraph::GoldDocument> docs = newsgraph::read_conll(kDir + "tiny_train.conll");
  const newsgraph::NerScores scores =
      newsgraph::evaluate_tagger(docs, tiny_model(), *newsgraph::testing::knowledge());
  CHECK(scores.micro().f1() == Approx(1.0));
  CHECK(scores.micro().gold == 30);
}

TEST_CASE("tagger: glued_final_periods marks a period glued to the sentence's last word", "[tagger]") {
  struct Case {
    const char* text;
    std::vector<std::size_t> marked;  // token indices
  };
  const std::vector<Case> cases{
      {"Ann lives in Oslo.", {4}},
      {"Ann lives in Oslo .", {}},       // spaced: not glued
      {"Ann left. Bo stayed.", {2, 5}},  // every sentence
      {"Ann left", {}},
      {".", {}},  // a sentence of the period alone
      {"", {}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const newsgraph::Segmentation seg = newsgraph::segment(c.text);
    const std::vector<char> glued = newsgraph::glued_final_periods(seg);
    REQUIRE(glued.size() == seg.tokens.size());
    std::vector<std::size_t> marked;
    for (std::size_t i = 0; i < glued.size(); ++i)
      if (glued[i]) marked.push_back(i);
    CHECK(marked == c.marked);
  }
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
  const PerceptronTagger model = PerceptronTagger::train(glued, glued, kb, small_options());
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
  const PerceptronTagger model = PerceptronTagger::train(cut, cut, kb, small_options());
  CHECK_FALSE(model.whole_words());
  CHECK_FALSE(PerceptronTagger::deserialize(model.serialize(), "memory").whole_words());
  CHECK(PerceptronTagger::deserialize(tiny_model().serialize(), "memory").whole_words());
}

TEST_CASE("tagger: widened_to_whole_words completes names cut inside a word", "[tagger][ner]") {
  struct Case {
    const char* text;
    std::vector<std::pair<std::string, EntityLabel>> cut;  // the tagger's spans, as text
    std::vector<std::pair<std::string, EntityLabel>> whole;
  };
  const EntityLabel ORG = EntityLabel::ORG, LOC = EntityLabel::LOC, PER = EntityLabel::PER;
  const std::vector<Case> cases{
      {"Moscow ( ITAR-TASS ) said", {{"ITAR", ORG}}, {{"ITAR-TASS", ORG}}},
      {"Moscow ( ITAR-TASS ) said", {{"TASS", ORG}}, {{"ITAR-TASS", ORG}}},
      {"London Kanal-6 Television", {{"Kanal-", ORG}}, {{"Kanal-6", ORG}}},
      // two pieces of one word become one name, typed as the longer piece
      {"Pittsburgh-Corning Corp. of",
       {{"Pittsburgh", LOC}, {"Corning Corp.", ORG}},
       {{"Pittsburgh-Corning Corp.", ORG}}},
      {"the Republic of Herceg-Bosna",
       {{"Republic of Herceg", LOC}, {"Bosna", ORG}},
       {{"Republic of Herceg-Bosna", LOC}}},
      {"lawyer for Church's chain", {{"Church", ORG}}, {{"Church's", ORG}}},
      // glued commas, brackets and quotes are not part of the word
      {"in Washington, D.C. today", {{"Washington", LOC}}, {{"Washington", LOC}}},
      {"(Reuters) said", {{"Reuters", ORG}}, {{"Reuters", ORG}}},
      {"a \"Putin\" film", {{"Putin", PER}}, {{"Putin", PER}}},
      // a hyphen with a space on one side joins nothing; a sentence's end stays
      {"Ann Berg - Oslo", {{"Ann Berg", PER}, {"Oslo", LOC}}, {{"Ann Berg", PER}, {"Oslo", LOC}}},
      {"He met Ann.", {{"Ann", PER}}, {{"Ann", PER}}},
      {"Ann-", {{"Ann", PER}}, {{"Ann", PER}}},
      {"-Ann", {{"Ann", PER}}, {{"Ann", PER}}},
      {"", {}, {}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::string text = c.text;
    const newsgraph::Segmentation seg = newsgraph::segment(text);
    std::vector<newsgraph::TaggedSpan> spans;
    std::size_t from = 0;
    for (const auto& [name, label] : c.cut) {
      const std::size_t at = text.find(name, from);
      REQUIRE(at != std::string::npos);
      from = at + name.size();
      newsgraph::TaggedSpan t{label, 0, 0};
      while (t.first_token < seg.tokens.size() && seg.tokens[t.first_token].span.begin < at) ++t.first_token;
      t.last_token = t.first_token;
      while (t.last_token < seg.tokens.size() && seg.tokens[t.last_token].span.end <= from) ++t.last_token;
      REQUIRE(t.last_token > t.first_token);
      spans.push_back(t);
    }
    std::vector<std::pair<std::string, EntityLabel>> got;
    for (const newsgraph::TaggedSpan& t : newsgraph::widened_to_whole_words(seg, spans)) {
      const std::size_t b = seg.tokens[t.first_token].span.begin, e = seg.tokens[t.last_token - 1].span.end;
      got.emplace_back(text.substr(b, e - b), t.label);
    }
    CHECK(got == c.whole);
  }
}

TEST_CASE("tagger: the extended templates are recorded in the model and read back with it", "[tagger]") {
  const std::vector<TrainingDocument> docs = tiny_corpus();
  const auto& kb = *newsgraph::testing::knowledge();
  newsgraph::TrainingOptions extended = small_options();
  extended.templates = 2;
  const PerceptronTagger model = PerceptronTagger::train(docs, docs, kb, extended);
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
  CHECK_THROWS_AS(PerceptronTagger::train(docs, docs, kb, unknown), std::invalid_argument);
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
  const PerceptronTagger model = PerceptronTagger::train(train, dev, kb, options);
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
  CHECK_THROWS_AS(PerceptronTagger::train(shared_only, dev, kb, options), std::invalid_argument);
  newsgraph::TrainingOptions extended = small_options();
  extended.templates = 2;
  CHECK_THROWS_AS(PerceptronTagger::train(train, dev, kb, extended), std::invalid_argument);
}
