// The Neo4j admin-import CSV files: golden files, the header, quoting of odd text, and the
// array delimiter. check_neo4j_csv.py (ctest -L consumer) reads the golden files back field by
// field and compares them with the plain JSON.
#include "newsgraph/export/neo4j_csv.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/export_fixtures.hpp"

namespace {

using namespace newsgraph;

std::string nodes_csv(const Graph& g) {
  std::ostringstream out;
  write_neo4j_nodes_csv(out, g);
  return out.str();
}

std::string relationships_csv(const Graph& g) {
  std::ostringstream out;
  write_neo4j_relationships_csv(out, g);
  return out.str();
}

/// The rows of an RFC 4180 text (quoted fields may hold ',', '"' doubled and line breaks),
/// each field unquoted. Fails the test on a malformed row.
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::size_t i = 0;
  while (i < text.size()) {
    std::string field;
    if (text[i] == '"') {
      for (++i;; ++i) {
        REQUIRE(i < text.size());
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            ++i;
            continue;
          }
          ++i;
          break;
        }
        field += text[i];
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n') {
        CHECK(text[i] != '"');
        field += text[i++];
      }
    }
    row.push_back(field);
    REQUIRE(i < text.size());
    if (text[i] == '\n') {
      rows.push_back(row);
      row.clear();
    } else {
      REQUIRE(text[i] == ',');
    }
    ++i;
  }
  CHECK(row.empty());
  return rows;
}

}  // namespace

TEST_CASE("golden Neo4j CSV files", "[export][golden][neo4j-csv]") {
  for (const auto& [name, g] : {std::pair{std::string("small"), export_test::small_graph()},
                                std::pair{std::string("nasty"), export_test::nasty_graph()}}) {
    export_test::check_golden(name + ".nodes.csv", nodes_csv(g));
    export_test::check_golden(name + ".relationships.csv", relationships_csv(g));
  }
}

TEST_CASE("Neo4j CSV headers and rows use the admin-import syntax", "[export][neo4j-csv]") {
  const Graph g = export_test::small_graph();
  const auto nodes = csv_rows(nodes_csv(g));
  REQUIRE(nodes.size() == 1 + 5);
  CHECK(nodes[0] == std::vector<std::string>{
                        "id:ID", ":LABEL", "type", "label", "aliases:string[]", "mentions:long",
                        "articles:long", "article_ids:string[]", "place_kind", "country_code", "wikidata",
                        "location:point{crs:WGS-84}", "titles:string[]", "quote",
                        "evidence_articles:string[]", "evidence_starts:long[]", "evidence_ends:long[]"});
  const std::string us(1, kNeo4jCsvArrayDelimiter);
  CHECK(nodes[1] == std::vector<std::string>{"organization/united-nations", "Entity" + us + "Organization",
                                             "Organization", "United Nations", "UN" + us + "U.N.", "3", "2",
                                             "a1" + us + "a2", "", "", "Q1065", "", "", "",
                                             "a1" + us + "a2" + us + "a2", "40" + us + "0" + us + "88",
                                             "54" + us + "2" + us + "92"});
  CHECK(nodes[4][10] == "Q71");
  CHECK(nodes[4][11] == "{latitude:46.20222, longitude:6.14569}");
  const auto rels = csv_rows(relationships_csv(g));
  REQUIRE(rels.size() == 1 + 5);
  CHECK(rels[0] == std::vector<std::string>{":START_ID", ":END_ID", ":TYPE", "relation", "title", "cameo",
                                            "weight:long", "articles:long", "evidence_articles:string[]",
                                            "evidence_sentence_starts:long[]",
                                            "evidence_sentence_ends:long[]", "evidence_source_starts:long[]",
                                            "evidence_source_ends:long[]", "evidence_target_starts:long[]",
                                            "evidence_target_ends:long[]"});
  CHECK(rels[2] == std::vector<std::string>{
                       "person/anna-varga", "organization/united-nations", "HOLDS_POSITION", "holds_position",
                       "Secretary-General", "", "2", "2", "a1" + us + "a2", "0" + us + "0", "60" + us + "30",
                       "0" + us + "10", "10" + us + "20", "40" + us + "0", "54" + us + "2"});
  // Empty lists are empty, unquoted fields (unset on import); empty strings are "".
  CHECK(nodes_csv(g).find("\"Omar Lindqvist\",,1,1,") != std::string::npos);
  CHECK(nodes_csv(g).find(",\"\",\"\",,,,\"\",") != std::string::npos);
  CHECK(nodes_csv(g).find(",\"CH\",\"Q71\",\"{latitude:46.20222, longitude:6.14569}\",,\"\",") !=
        std::string::npos);
  // A graph without links has no columns for them.
  const auto plain = csv_rows(nodes_csv(export_test::drawing_graph()));
  CHECK(plain[0] == std::vector<std::string>{"id:ID", ":LABEL", "type", "label", "aliases:string[]",
                                             "mentions:long", "articles:long", "article_ids:string[]",
                                             "place_kind", "country_code", "titles:string[]", "quote",
                                             "evidence_articles:string[]", "evidence_starts:long[]",
                                             "evidence_ends:long[]"});
}

TEST_CASE("Neo4j CSV keeps every nasty string in one field", "[export][neo4j-csv]") {
  const Graph g = export_test::nasty_graph();
  const auto strings = export_test::nasty_strings();
  const auto nodes = csv_rows(nodes_csv(g));
  REQUIRE(nodes.size() == 1 + strings.size());
  const std::string us(1, kNeo4jCsvArrayDelimiter);
  for (std::size_t i = 0; i < strings.size(); ++i) {
    INFO("node " << i);
    REQUIRE(nodes[i + 1].size() == nodes[0].size());
    CHECK(nodes[i + 1][0] == "node/" + std::to_string(i) + "/" + strings[i]);
    CHECK(nodes[i + 1][3] == strings[i]);
    // List items lose the array delimiter (one nasty string holds U+001F); plain strings keep it.
    std::string item = strings[i];
    item.erase(std::remove(item.begin(), item.end(), kNeo4jCsvArrayDelimiter), item.end());
    CHECK(nodes[i + 1][4] == item + us + "alias " + item);
  }
  const auto rels = csv_rows(relationships_csv(g));
  REQUIRE(rels.size() == strings.size());
  for (std::size_t i = 1; i < rels.size(); ++i) CHECK(rels[i].size() == rels[0].size());
}

TEST_CASE("Neo4j CSV drops the array delimiter from list items only", "[export][neo4j-csv]") {
  Graph g;
  const std::string us(1, kNeo4jCsvArrayDelimiter);
  Node n = export_test::make_node("person/a" + us + "b", EntityType::Person, "A" + us + "B");
  n.aliases = {"x" + us + "y", "z"};
  boost::add_vertex(n, g);
  const auto rows = csv_rows(nodes_csv(g));
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][0] == "person/a" + us + "b");  // a plain string keeps it
  CHECK(rows[1][3] == "A" + us + "B");
  CHECK(rows[1][4] == "xy" + us + "z");  // two items, not three
}
