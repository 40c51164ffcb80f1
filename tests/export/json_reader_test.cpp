// Reading a JSON export back: the graph as written, and clear errors for what is not one.
#include "newsgraph/export/json_reader.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <utility>

#include "newsgraph/export/json.hpp"
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
