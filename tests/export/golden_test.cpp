// Golden files for every graph format, determinism, and the empty graph.
//
// The golden files live in tests/golden/. After an intended change of output, regenerate
// them with:  NEWSGRAPH_UPDATE_GOLDEN=1 build/newsgraph_tests "[golden]"
// and review the diff. The consumer tests (ctest -L consumer) feed the same files to dot,
// NetworkX, jsonld.js, Oxigraph, Kùzu and Neo4j's Cypher front end.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <locale>
#include <sstream>
#include <utility>

#include "newsgraph/export/cypher.hpp"
#include "newsgraph/export/dot.hpp"
#include "newsgraph/export/export.hpp"
#include "newsgraph/export/graphml.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/export/jsonld.hpp"
#include "newsgraph/render/outputs.hpp"
#include "support/export_fixtures.hpp"

namespace export_test {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(NEWSGRAPH_SOURCE_DIR) + "/tests/golden/" + name;
  const char* update = std::getenv("NEWSGRAPH_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    REQUIRE(out.good());
    WARN("rewrote " << path);
    return;
  }
  const std::string expected = read_file(path);
  INFO("golden file " << path << " (regenerate with NEWSGRAPH_UPDATE_GOLDEN=1)");
  REQUIRE_FALSE(expected.empty());
  if (actual != expected) {
    std::size_t at = 0;
    while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
    const std::size_t from = at < 80 ? 0 : at - 80;
    INFO("first difference at byte " << at << "\nexpected: ..." << expected.substr(from, 160)
                                     << "\nactual:   ..." << actual.substr(from, 160));
    CHECK(actual == expected);
  }
}

}  // namespace export_test

namespace {

using namespace newsgraph;
using export_test::render;

/// Groups digits in threes with a comma: a locale that would corrupt any number written
/// through the stream's own formatting.
struct Grouping : std::numpunct<char> {
  char do_thousands_sep() const override { return ','; }
  std::string do_grouping() const override { return "\3"; }
  char do_decimal_point() const override { return '#'; }
};

/// Every format, with the extension of its golden files.
constexpr std::pair<Format, const char*> kFormats[] = {
    {Format::Dot, "dot"},   {Format::GraphML, "graphml"}, {Format::JsonLd, "jsonld"},
    {Format::Json, "json"}, {Format::Cypher, "cypher"},   {Format::KuzuCypher, "kuzu.cypher"}};

/// Compares `g` in each format with the golden file <name>.<extension>, an extension that
/// names the format.
void check_golden_formats(const std::string& name, const Graph& g) {
  for (const auto& [format, extension] : kFormats) {
    INFO(extension);
    CHECK(format_from_extension(name + "." + extension) == format);
    export_test::check_golden(name + "." + extension, render(g, format));
  }
}

}  // namespace

TEST_CASE("golden files for a small graph", "[export][golden]") {
  check_golden_formats("small", export_test::small_graph());
}

TEST_CASE("golden files for a graph of nasty strings", "[export][golden]") {
  check_golden_formats("nasty", export_test::nasty_graph());
}

TEST_CASE("write_graph dispatches to the writer of each format", "[export]") {
  const Graph g = export_test::small_graph();
  std::ostringstream dot, graphml, jsonld, json, cypher, kuzu;
  write_dot(dot, g);
  write_graphml(graphml, g);
  write_jsonld(jsonld, g);
  write_json(json, g);
  write_cypher(cypher, g, CypherDialect::Neo4j);
  write_cypher(kuzu, g, CypherDialect::Kuzu);
  CHECK(render(g, Format::Dot) == dot.str());
  CHECK(render(g, Format::GraphML) == graphml.str());
  CHECK(render(g, Format::JsonLd) == jsonld.str());
  CHECK(render(g, Format::Json) == json.str());
  CHECK(render(g, Format::Cypher) == cypher.str());
  CHECK(render(g, Format::KuzuCypher) == kuzu.str());
  CHECK(cypher.str() != kuzu.str());
  CHECK(cypher.str().find("for Neo4j") != std::string::npos);
  CHECK(kuzu.str().find("for Kuzu") != std::string::npos);
  CHECK(dot.str().rfind("digraph newsgraph {", 0) == 0);
  CHECK(graphml.str().rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml ", 0) == 0);
  CHECK(jsonld.str().rfind("{\n  \"@context\": {", 0) == 0);
  CHECK(json.str().rfind("{\n  \"articles\": [", 0) == 0);
}

TEST_CASE("output is byte-identical across runs and stream locales", "[export]") {
  Graph g = export_test::small_graph();
  // Numbers past 999 would show a grouping separator if any writer used the stream locale.
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    g[e].weight = 1234567;
    g[e].articles = 4321;
  }
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) g[v].mentions = 98765;
  for (const auto& [f, extension] : kFormats) {
    INFO(extension);
    const std::string first = render(g, f);
    CHECK(render(g, f) == first);
    std::ostringstream grouped;
    grouped.imbue(std::locale(std::locale::classic(), new Grouping));
    write_graph(grouped, g, f);
    CHECK(grouped.str() == first);
    CHECK(first.find("1234567") != std::string::npos);
    CHECK(first.find("1,234") == std::string::npos);
  }
  // 1 + log2(1234567) = 21.24 with a point, never the locale's '#'.
  CHECK(render(g, Format::Dot).find("penwidth=21.24") != std::string::npos);
}

TEST_CASE("an empty graph gives a complete document in every format", "[export]") {
  const Graph g;
  CHECK(render(g, Format::Dot) ==
        "digraph newsgraph {\n"
        "  graph [charset=\"UTF-8\", rankdir=LR, fontname=\"Helvetica\", overlap=false];\n"
        "  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n"
        "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n"
        "}\n");
  const std::string graphml = render(g, Format::GraphML);
  CHECK(graphml.find("<graph id=\"newsgraph\" edgedefault=\"directed\">\n  </graph>\n</graphml>\n") !=
        std::string::npos);
  CHECK(graphml.find("<node") == std::string::npos);
  CHECK(render(g, Format::Json) == "{\n  \"articles\": [],\n  \"nodes\": [],\n  \"edges\": []\n}\n");
  const std::string jsonld = render(g, Format::JsonLd);
  CHECK(jsonld.find("\"@graph\": []") != std::string::npos);
  CHECK(jsonld.back() == '\n');
  // Cypher: the comment and the schema, no data statement.
  const std::string cypher = render(g, Format::Cypher);
  CHECK(cypher.rfind("// newsgraph: 0 nodes, 0 relationships, for Neo4j", 0) == 0);
  CHECK(cypher.substr(cypher.find("\nCREATE CONSTRAINT")) ==
        "\nCREATE CONSTRAINT newsgraph_entity_id IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.id IS UNIQUE;\n");
  const std::string kuzu = render(g, Format::KuzuCypher);
  CHECK(kuzu.find("MERGE") == std::string::npos);
  CHECK(kuzu.find("CREATE NODE TABLE IF NOT EXISTS `Group`(") != std::string::npos);
  CHECK(kuzu.back() == '\n');
}
