// The JSON Lines of `extract` (one line per article) and `--mentions` (one line per mention).
#include <rapidjson/document.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "newsgraph/export/json.hpp"
#include "support/export_fixtures.hpp"

namespace {

using namespace newsgraph;
using export_test::parse;
using export_test::str;

constexpr std::size_t kUnset = static_cast<std::size_t>(-1);

Mention mention(EntityType type, std::size_t begin, std::size_t end, std::string text, std::size_t entity) {
  Mention m;
  m.type = type;
  m.span = {begin, end};
  m.text = std::move(text);
  m.entity = entity;
  return m;
}

Entity entity(std::string id, EntityType type, std::string name) {
  Entity e;
  e.id = std::move(id);
  e.type = type;
  e.name = std::move(name);
  return e;
}

/// A relation from entity `source` to entity `target`, each with the span that stands for it,
/// stated in `sentence` and found by `cue`.
Relation relation(RelationType type, std::size_t source, Span source_span, std::size_t target,
                  Span target_span, Span sentence, std::string cue) {
  Relation r;
  r.type = type;
  r.source = source;
  r.source_span = source_span;
  r.target = target;
  r.target_span = target_span;
  r.sentence = sentence;
  r.cue = std::move(cue);
  return r;
}

/// An article with a person, a city, a quotation, one unresolved mention and three relations.
ArticleResult sample_article() {
  ArticleResult a;
  a.id = "wire/2024-05-01 \"morning\"";
  Entity person = entity("person/anna-varga", EntityType::Person, "Anna Varga");
  person.aliases = {"Varga"};
  person.titles = {"Secretary-General"};
  person.mentions = {0, 2};
  Entity city = entity("place/geneva", EntityType::Place, "Geneva");
  city.place_kind = "city";
  city.country_code = "CH";
  city.mentions = {1};
  Entity quote = entity("quotation/talks-1a2b", EntityType::Quotation, "Talks go on");
  quote.quote = "Talks go on,\n\"for now\".";
  quote.mentions = {3};
  a.entities.entities = {person, city, quote};
  a.entities.mentions = {
      mention(EntityType::Person, 18, 28, "Anna Varga", 0),
      mention(EntityType::Place, 40, 46, "Geneva", 1),
      mention(EntityType::Person, 60, 65, "Varga", 0),
      mention(EntityType::Quotation, 70, 94, "Talks go on,\n\"for now\".", 2),
      mention(EntityType::Organization, 100, 104, "Acme", kUnset),
  };
  const Relation visited = relation(RelationType::Visited, 0, {18, 28}, 1, {40, 46}, {0, 47}, "visited");
  const Relation said = relation(RelationType::Said, 0, {60, 65}, 2, {70, 94}, {48, 110}, "said");
  // Target 7 is out of range: written as null, never read past the end.
  Relation holds = relation(RelationType::HoldsPosition, 0, {18, 28}, 7, {40, 46}, {0, 47}, "title");
  holds.title = "Secretary-General";
  a.relations = {visited, said, holds};
  return a;
}

}  // namespace

TEST_CASE("write_extract_line writes one compact line per article", "[export][json]") {
  const ArticleResult a = sample_article();
  std::ostringstream out;
  write_extract_line(out, a);
  const std::string line = out.str();
  REQUIRE(!line.empty());
  CHECK(line.back() == '\n');
  CHECK(std::count(line.begin(), line.end(), '\n') == 1);
  CHECK(line.find(": ") == std::string::npos);  // compact

  const auto doc = parse(line);
  CHECK(str(doc["id"]) == a.id);

  const auto& mentions = doc["mentions"];
  REQUIRE(mentions.Size() == 5);
  CHECK(mentions[0]["start"].GetUint64() == 18);
  CHECK(mentions[0]["end"].GetUint64() == 28);
  CHECK(str(mentions[0]["text"]) == "Anna Varga");
  CHECK(str(mentions[0]["type"]) == "Person");
  CHECK(str(mentions[0]["entity"]) == "person/anna-varga");
  CHECK(str(mentions[3]["text"]) == "Talks go on,\n\"for now\".");
  CHECK(mentions[4]["entity"].IsNull());

  const auto& entities = doc["entities"];
  REQUIRE(entities.Size() == 3);
  CHECK(str(entities[0]["id"]) == "person/anna-varga");
  CHECK(str(entities[0]["name"]) == "Anna Varga");
  CHECK(str(entities[0]["aliases"][0]) == "Varga");
  CHECK(str(entities[0]["titles"][0]) == "Secretary-General");
  CHECK_FALSE(entities[0].HasMember("place_kind"));
  CHECK_FALSE(entities[0].HasMember("quote"));
  CHECK(str(entities[1]["place_kind"]) == "city");
  CHECK(str(entities[1]["country_code"]) == "CH");
  CHECK(entities[1]["aliases"].Size() == 0);
  CHECK_FALSE(entities[1].HasMember("titles"));
  CHECK(str(entities[2]["type"]) == "Quotation");
  CHECK(str(entities[2]["quote"]) == "Talks go on,\n\"for now\".");

  const auto& relations = doc["relations"];
  REQUIRE(relations.Size() == 3);
  CHECK(str(relations[0]["type"]) == "visited");
  CHECK(str(relations[0]["source"]) == "person/anna-varga");
  CHECK(str(relations[0]["target"]) == "place/geneva");
  CHECK(relations[0]["source_span"][1].GetUint64() == 28);
  CHECK(relations[0]["target_span"][0].GetUint64() == 40);
  CHECK(relations[0]["sentence"][1].GetUint64() == 47);
  CHECK(str(relations[0]["cue"]) == "visited");
  CHECK_FALSE(relations[0].HasMember("title"));
  CHECK(str(relations[1]["target"]) == "quotation/talks-1a2b");
  CHECK(str(relations[2]["title"]) == "Secretary-General");
  CHECK(relations[2]["target"].IsNull());
}

TEST_CASE("write_extract_line handles an empty article", "[export][json]") {
  ArticleResult a;
  std::ostringstream out;
  write_extract_line(out, a);
  CHECK(out.str() == "{\"id\":\"\",\"mentions\":[],\"entities\":[],\"relations\":[]}\n");
}

TEST_CASE("write_mention_lines maps each resolved mention to its node", "[export][json]") {
  const ArticleResult first = sample_article();
  ArticleResult second;
  second.id = "b";
  second.entities.entities = {entity("person/varga", EntityType::Person, "Varga")};
  second.entities.mentions = {mention(EntityType::Person, 5, 10, "Varga", 0)};

  MergeResult merged;
  merged.nodes = {export_test::make_node("person/anna-varga", EntityType::Person, "Anna Varga"),
                  export_test::make_node("place/geneva", EntityType::Place, "Geneva"),
                  export_test::make_node("quotation/talks-1a2b", EntityType::Quotation, "Talks")};
  merged.node_of = {{0, 1, 2}, {0}};

  std::ostringstream out;
  write_mention_lines(out, {first, second}, merged);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // The unresolved "Acme" mention has no node and no line.
  REQUIRE(lines.size() == 5);
  CHECK(out.str().back() == '\n');

  const auto l0 = parse(lines[0]);
  CHECK(str(l0["article"]) == first.id);
  CHECK(l0["start"].GetUint64() == 18);
  CHECK(l0["end"].GetUint64() == 28);
  CHECK(str(l0["text"]) == "Anna Varga");
  CHECK(str(l0["type"]) == "Person");
  CHECK(str(l0["node"]) == "person/anna-varga");
  CHECK(str(parse(lines[1])["node"]) == "place/geneva");
  CHECK(str(parse(lines[2])["node"]) == "person/anna-varga");
  CHECK(str(parse(lines[3])["text"]) == "Talks go on,\n\"for now\".");
  const auto l4 = parse(lines[4]);
  CHECK(str(l4["article"]) == "b");
  CHECK(str(l4["node"]) == "person/anna-varga");
}

TEST_CASE("write_mention_lines skips what the merge does not cover", "[export][json]") {
  const ArticleResult a = sample_article();
  MergeResult merged;
  merged.nodes = {export_test::make_node("person/anna-varga", EntityType::Person, "Anna Varga")};
  SECTION("no node_of row for the article") {
    std::ostringstream out;
    write_mention_lines(out, {a}, merged);
    CHECK(out.str().empty());
  }
  SECTION("node indices past the nodes") {
    merged.node_of = {{0, 5}};  // entity 1 -> no such node, entity 2 -> no such entry
    std::ostringstream out;
    write_mention_lines(out, {a}, merged);
    const std::string text = out.str();
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);
  }
}
