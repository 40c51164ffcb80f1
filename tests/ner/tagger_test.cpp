#include "newsgraph/ner/tagger.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "ner/tagger_access.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/text/segment.hpp"
#include "support/tagger_fixtures.hpp"
#include "support/test_support.hpp"

using newsgraph::BilouPosition;
using newsgraph::EntityLabel;
using newsgraph::ModelError;
using newsgraph::NerTag;
using newsgraph::PerceptronTagger;
using newsgraph::TaggedSpan;
using newsgraph::testing::entities;
using newsgraph::testing::tiny_model;

namespace {

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

TEST_CASE("tagger: a long document tagged a run of sentences at a time gets the same tags", "[tagger]") {
  // Everything the features take from the whole document is here: a name first seen in a
  // headline and later in the body, a word capitalised at a sentence start and lower case
  // later, names repeated across runs (the decoder's history), all-caps sentences (decoded after
  // the others) in the first and in the last runs.
  const std::string text =
      "HARBOUR UNION TALKS STALL IN VELLMAR\n"
      "Northgate expects the strike to last a week.\n"
      "Marta Lindqvist met Daniel Okafor in Vellmar on Tuesday.\n"
      "Talks between the Harbour Union and Brantex Shipping broke down after midnight.\n"
      "Lindqvist said the union would return to the table next week.\n"
      "Okafor, the chief executive of Brantex Shipping, declined to comment.\n"
      "The talks were hosted by the Vellmar Chamber of Commerce.\n"
      "VELLMAR (Reuters) -\n"
      "Union members in Oslandia and Vellmar voted to strike on Friday.\n"
      "Brantex said its ships would keep sailing from the port of Oslandia.\n"
      "Lindqvist told reporters the vote was a message to Okafor.\n"
      "Analysts at Northgate expect talks to resume.\n"
      "LINDQVIST WARNS BRANTEX\n";
  const newsgraph::Segmentation seg = newsgraph::segment(text);
  REQUIRE(seg.sentences.size() == 13);
  const auto kb = newsgraph::testing::knowledge();
  const PerceptronTagger model = PerceptronTagger::load(newsgraph::default_model_path());
  const std::vector<NerTag> whole = model.tag_tokens(text, seg, *kb);
  REQUIRE(whole.size() == seg.tokens.size());
  CHECK(std::count(whole.begin(), whole.end(), NerTag::O) < static_cast<std::ptrdiff_t>(whole.size()) - 10);
  for (std::size_t run : {std::size_t{1}, std::size_t{9}, std::size_t{25}, std::size_t{60}}) {
    CAPTURE(run);
    CHECK(newsgraph::TaggerAccess::tag_tokens_in_runs(model, seg, *kb, run) == whole);
  }
}
