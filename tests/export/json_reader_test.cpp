// Reading a JSON export back: the graph as written, and clear errors for what is not one.
#include "newsgraph/export/json_reader.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "newsgraph/export/json.hpp"
#include "newsgraph/merge/merge.hpp"
#include "support/export_fixtures.hpp"
#include "support/test_support.hpp"

using namespace newsgraph;
using namespace export_test;

TEST_CASE("json reader: read_json_graph reads back what write_json wrote", "[export]") {
  const testing::TempDir dir;
  for (const Graph& g : {small_graph(), nasty_graph(), drawing_graph()}) {
    std::ostringstream json;
    write_json(json, g);
    const std::string path = dir.write("graph.json", json.str());
    const Graph back = read_json_graph(path);
    std::ostringstream again;
    write_json(again, back);
    CHECK(again.str() == export_test::render(g, Format::Json));
    CHECK(node_ids(back) == node_ids(g));
    CHECK(edge_names(back) == edge_names(g));
  }
}

TEST_CASE("json reader: read_json_graph rejects what is not a JSON export, naming the file", "[export]") {
  const testing::TempDir dir;
  const std::string good = export_test::render(small_graph(), Format::Json);
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const std::size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  const std::pair<std::string, std::string> rows[] = {
      {"not json", "not valid JSON"},
      {"[1, 2]", "expected a JSON object"},
      {"{\"articles\": [], \"nodes\": []}", "no \"edges\" array"},
      {"{\"nodes\": [], \"edges\": []}", "missing \"articles\""},
      {replaced("\"type\": \"Organization\"", "\"type\": \"Planet\""), "nodes[0]: type: unknown entity type"},
      {replaced("\"mentions\": 3", "\"mentions\": -3"),
       "nodes[0]: mentions: expected a non-negative integer"},
      {replaced("\"id\": \"person/anna-varga\"", "\"id\": \"organization/united-nations\""),
       "is used by an earlier node"},
      {replaced("\"target\": \"place/geneva\"", "\"target\": \"place/nowhere\""),
       "edges[0]: target \"place/nowhere\" is not a node id"},
      {replaced("\"relation\": \"based_in\"", "\"relation\": \"likes\""), "edges[0]: relation: unknown"},
      {replaced("\"sentence\": [", "\"sentence\": [1, "), "expected [start, end]"},
      {replaced("\"lon\": 6.14569", "\"lonx\": 6.14569"), "nodes[3]: lat/lon: one without the other"},
      {replaced("\"lat\": 46.20222", "\"lat\": \"46.20222\""), "nodes[3]: lat/lon: expected numbers"},
      {replaced("\"lat\": 46.20222", "\"lat\": 90.5"), "nodes[3]: lat/lon: not a point"},
      {replaced("\"lon\": 6.14569", "\"lon\": -180.00001"), "nodes[3]: lat/lon: not a point"},
      {replaced("\"wikidata\": \"Q71\"", "\"wikidata\": 71"), "nodes[3]: wikidata: expected a string"},
  };
  for (const auto& [text, needle] : rows) {
    const std::string path = dir.write("bad.json", text);
    INFO(needle);
    try {
      read_json_graph(path);
      FAIL("accepted");
    } catch (const InputError& e) {
      const std::string what = e.what();
      CHECK(what.rfind(path + ": ", 0) == 0);
      CHECK(what.find(needle) != std::string::npos);
    }
  }
  try {
    read_json_graph(dir.path() + "/missing.json");
    FAIL("accepted a missing file");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("missing.json: cannot open") != std::string::npos);
  }
}

TEST_CASE("json reader: JSON nested far deeper than the stack is an InputError, not a crash", "[export]") {
  // RapidJSON's recursive parser overflowed the stack at about 105,000 levels.
  const std::string open(150000, '[');
  CHECK_THROWS_WITH(parse_json_graph(open, "deep.json"), Catch::Contains("deep.json: not valid JSON"));
  CHECK_THROWS_WITH(parse_json_sources(open, "deep.json"), Catch::Contains("deep.json: not valid JSON"));
  const std::string closed = open + std::string(150000, ']');
  CHECK_THROWS_WITH(parse_json_graph(closed, "deep.json"), Catch::Contains("expected a JSON object"));
  const std::string nodes = "{\"articles\":[],\"edges\":[],\"nodes\":[" + closed + "]}";
  CHECK_THROWS_WITH(parse_json_graph(nodes, "deep.json"), Catch::Contains("nodes[0]: expected an object"));
}

TEST_CASE("json reader: parse_json_graph reads what read_json_graph reads from a file", "[export]") {
  const Graph g = small_graph();
  std::ostringstream out;
  write_json(out, g);
  std::ostringstream again;
  write_json(again, parse_json_graph(out.str(), "mem.json"));
  CHECK(again.str() == out.str());
  CHECK_THROWS_WITH(parse_json_graph("{", "mem.json"), Catch::StartsWith("mem.json: not valid JSON"));
}

namespace {

/// An article with one entity per (type, name, wikidata, point), each with one mention.
ArticleResult linked_article(
    const std::string& id,
    const std::vector<std::tuple<EntityType, std::string, std::string, std::optional<GeoPoint>>>& entities) {
  ArticleResult a;
  a.id = id;
  for (const auto& [type, name, wikidata, point] : entities) {
    Mention m;
    m.type = type;
    m.span = {a.entities.mentions.size() * 20, a.entities.mentions.size() * 20 + name.size()};
    m.text = name;
    m.entity = a.entities.entities.size();
    Entity e;
    e.id = std::string(id_prefix(type)) + "/" + std::to_string(a.entities.entities.size());
    e.type = type;
    e.name = name;
    e.mentions = {a.entities.mentions.size()};
    e.country_code = type == EntityType::Place ? "RU" : "";
    e.wikidata = wikidata;
    e.location = point;
    a.entities.mentions.push_back(m);
    a.entities.entities.push_back(std::move(e));
  }
  return a;
}

}  // namespace

TEST_CASE("json reader: the links of nodes and of the sources' entities come back, so --into rebuilds them",
          "[export]") {
  // Points as resolution makes them from an entry's float32 coordinates (geo_point), and one
  // made by hand with more decimals than are written.
  const auto moscow = geo_point(55.75579833984375, 37.617298126220703);
  const std::vector<ArticleResult> first{
      linked_article("a", {{EntityType::Place, "Moscow", "Q649", moscow},
                           {EntityType::Organization, "Kremlin Press Office", "Q\"<&>", std::nullopt}}),
      linked_article("b", {{EntityType::Place, "Moscow", "", GeoPoint{55.752221, 37.615559}}})};
  const std::vector<ArticleResult> second{
      linked_article("c", {{EntityType::Place, "Moscow", "", GeoPoint{55.752221, 37.615559}}}),
      linked_article("d", {{EntityType::Place, "Moscow", "Q649", moscow}})};
  const Knowledge& kb = *testing::knowledge();
  std::vector<ArticleResult> all = first;
  all.insert(all.end(), second.begin(), second.end());
  const auto json_of = [&](const std::vector<ArticleResult>& arts) {
    const MergeResult merged = merge(arts, kb);
    std::ostringstream out;
    write_json(out, build_graph(arts, merged), &arts);
    return out.str();
  };
  const std::string at_once = json_of(all);
  CHECK(at_once.find("\"wikidata\": \"Q649\",\n      \"lat\": 55.75580,\n      \"lon\": 37.61730,") !=
        std::string::npos);

  // The first batch written with its sources, read back, and merged with the second.
  const testing::TempDir dir;
  const std::string path = dir.write("graph.json", json_of(first));
  std::vector<ArticleResult> back = read_json_sources(path);
  REQUIRE(back.size() == 2);
  CHECK(back[0].entities.entities[0].wikidata == "Q649");
  CHECK(back[0].entities.entities[0].location == moscow);
  CHECK(back[0].entities.entities[1].wikidata == "Q\"<&>");
  CHECK_FALSE(back[0].entities.entities[1].location.has_value());
  CHECK(back[1].entities.entities[0].wikidata.empty());
  CHECK(back[1].entities.entities[0].location == geo_point(55.75222, 37.61556));
  back.insert(back.end(), second.begin(), second.end());
  CHECK(json_of(back) == at_once);

  // The graph itself reads back byte for byte.
  const Graph g = read_json_graph(dir.write("all.json", at_once));
  std::ostringstream again;
  write_json(again, g, &all);
  CHECK(again.str() == at_once);
}
