// Relation evaluation: reading CoNLL04 (SpERT JSON) as the reference converter does, and the
// mapping of our relation names to CoNLL04 labels.
#include "newsgraph/eval/relations.hpp"

#include <catch2/catch.hpp>

#include "support/test_support.hpp"

using namespace newsgraph;

TEST_CASE("read_conll04: texts and spans as conll04_to_jsonl.py builds them", "[eval]") {
  const testing::TempDir dir;
  const std::string path =
      dir.write("tiny.json",
                R"([{"tokens": ["Jürgen", "Ahl", "works", "for", "Acme", "Corp.", "in", "Ulm", "."],
           "entities": [{"type": "Peop", "start": 0, "end": 2}, {"type": "Org", "start": 4, "end": 6},
                        {"type": "Loc", "start": 7, "end": 8}],
           "relations": [{"head": 0, "tail": 1, "type": "Work_For"}, {"head": 1, "tail": 2, "type": "OrgBased_In"}]},
          {"tokens": ["Nothing", "here"], "entities": [], "relations": []}])");
  const auto s = read_conll04(path);
  REQUIRE(s.size() == 2);
  CHECK(s[0].id == "s0001");
  CHECK(s[1].id == "s0002");
  CHECK(s[0].text == "Jürgen Ahl works for Acme Corp. in Ulm .");
  // Code points: "Jürgen" is 6 of them (7 bytes).
  REQUIRE(s[0].entities.size() == 3);
  CHECK(s[0].entities[0] == LabeledSpan{{0, 10}, EntityLabel::PER});
  CHECK(s[0].entities[1] == LabeledSpan{{21, 31}, EntityLabel::ORG});
  CHECK(s[0].entities[2] == LabeledSpan{{35, 38}, EntityLabel::LOC});
  REQUIRE(s[0].relations.size() == 2);
  CHECK(s[0].relations[0].head == Span{0, 10});
  CHECK(s[0].relations[0].tail == Span{21, 31});
  CHECK(s[0].relations[0].label == Conll04Label::WorkFor);
  CHECK(s[0].relations[1].label == Conll04Label::OrgBasedIn);

  const std::vector<std::string> bad = {
      "",
      "{}",
      "[{\"tokens\": [\"a\"]}]",
      R"([{"tokens": ["a"], "entities": [{"type": "Peop", "start": 0, "end": 2}]}])",
      R"([{"tokens": ["a"], "entities": [{"type": "Alien", "start": 0, "end": 1}]}])",
      R"([{"tokens": ["a"], "entities": [{"type": "Peop", "start": 0, "end": 1}],
           "relations": [{"head": 0, "tail": 3, "type": "Kill"}]}])",
      R"([{"tokens": ["a"], "entities": [{"type": "Peop", "start": 0, "end": 1}],
           "relations": [{"head": 0, "tail": 0, "type": "Likes"}]}])"};
  for (std::size_t k = 0; k < bad.size(); ++k) {
    INFO(bad[k]);
    CHECK_THROWS_AS(read_conll04(dir.write("bad" + std::to_string(k) + ".json", bad[k])), ConllError);
  }
  CHECK_THROWS_AS(read_conll04(dir.path() + "/missing.json"), ConllError);
}

TEST_CASE("conll04_label: our relation names as conll04_map.json maps them", "[eval]") {
  constexpr auto PER = EntityLabel::PER, ORG = EntityLabel::ORG, LOC = EntityLabel::LOC;
  struct Row {
    RelationType type;
    std::optional<EntityLabel> head, tail;
    std::optional<Conll04Label> want;
  };
  const Row rows[] = {
      {RelationType::WorksFor, PER, ORG, Conll04Label::WorkFor},
      {RelationType::HoldsPosition, PER, ORG, Conll04Label::WorkFor},
      {RelationType::HoldsPosition, PER, LOC, Conll04Label::LiveIn},
      {RelationType::HoldsPosition, PER, std::nullopt, std::nullopt},
      {RelationType::Killed, PER, PER, Conll04Label::Kill},
      {RelationType::LocatedIn, LOC, LOC, Conll04Label::LocatedIn},
      {RelationType::LocatedIn, ORG, LOC, Conll04Label::OrgBasedIn},
      {RelationType::LocatedIn, PER, LOC, std::nullopt},
      {RelationType::BasedIn, ORG, LOC, Conll04Label::OrgBasedIn},
      {RelationType::LivesIn, PER, LOC, Conll04Label::LiveIn},
      {RelationType::CitizenOf, PER, LOC, Conll04Label::LiveIn},
      {RelationType::MetWith, PER, PER, std::nullopt},
      {RelationType::Said, PER, std::nullopt, std::nullopt},
  };
  for (const Row& r : rows) {
    INFO(to_string(r.type));
    CHECK(conll04_label(r.type, r.head, r.tail) == r.want);
  }
}

TEST_CASE("conll04_config: CoNLL04's own tagger, spans as tagged, its threshold; the rest kept", "[eval]") {
  PipelineConfig base;
  base.threads = 3;
  base.relations.co_mentions = true;
  base.relations.model_path = "rel.bin";
  const PipelineConfig c = conll04_config(base);
  CHECK(c.mentions.recognizer == Recognizer::TaggerOnly);
  CHECK(c.mentions.model_path == default_model_path("ner-conll04.bin"));
  CHECK(c.relations.min_confidence == 0.4);
  CHECK(c.threads == 3);
  CHECK(c.relations.co_mentions);
  CHECK(c.relations.model_path == "rel.bin");
}
