// The Cypher scripts for Neo4j and Kùzu: string literals against odd text, statements that keep
// every piece of text inside a literal, the MERGE keys, and Kùzu's schema. The golden files
// (tests/golden/*.cypher, *.kuzu.cypher) are checked by export_golden_test.cpp; the consumer
// tests load them into Kùzu and through Neo4j's Cypher front end.
#include "newsgraph/export/cypher.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "newsgraph/export/export.hpp"
#include "support/export_fixtures.hpp"

namespace {

using namespace newsgraph;
using export_test::append_utf8;
using export_test::render;

constexpr CypherDialect kDialects[] = {CypherDialect::Neo4j, CypherDialect::Kuzu};

const char* dialect_name(CypherDialect d) { return d == CypherDialect::Neo4j ? "Neo4j" : "Kuzu"; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Reads the single-quoted string literal at s[pos] the way `dialect` does, as their
/// documentation and behaviour say (written here independently of the exporter), and moves
/// `pos` past it. Neo4j: the escapes \\ \' \" \b \t \n \f \r \uXXXX \UXXXXXXXX; a raw line
/// break is refused too, since every Neo4j statement must be one line. Kùzu: a backslash
/// drops itself and keeps the next character, which must be \, ' or " (the only escapes the
/// exporter may write, since Kùzu would read "\n" as "n"). nullopt for anything else.
std::optional<std::string> read_literal(std::string_view s, std::size_t& pos, CypherDialect dialect) {
  if (pos >= s.size() || s[pos] != '\'') return std::nullopt;
  std::string out;
  for (++pos; pos < s.size(); ++pos) {
    const char c = s[pos];
    if (c == '\'') {
      ++pos;
      return out;
    }
    if (dialect == CypherDialect::Neo4j && (c == '\n' || c == '\r')) return std::nullopt;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++pos >= s.size()) return std::nullopt;
    const char e = s[pos];
    if (e == '\\' || e == '\'' || e == '"') {
      out += e;
      continue;
    }
    if (dialect == CypherDialect::Kuzu) return std::nullopt;
    const std::string_view simple = "btnfr";
    const std::string_view meaning = "\b\t\n\f\r";
    if (simple.find(e) != std::string_view::npos) {
      out += meaning[simple.find(e)];
      continue;
    }
    if (e != 'u' && e != 'U') return std::nullopt;
    const std::size_t digits = e == 'u' ? 4 : 8;
    std::uint32_t cp = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      const int h = pos + 1 + k < s.size() ? hex_value(s[pos + 1 + k]) : -1;
      if (h < 0) return std::nullopt;
      cp = cp * 16 + static_cast<std::uint32_t>(h);
    }
    pos += digits;
    append_utf8(out, cp);
  }
  return std::nullopt;
}

/// The value of one literal that fills `s` whole; nullopt when `s` is not exactly one literal.
std::optional<std::string> literal_value(std::string_view s, CypherDialect dialect) {
  std::size_t pos = 0;
  auto value = read_literal(s, pos, dialect);
  if (!value || pos != s.size()) return std::nullopt;
  return value;
}

/// A script cut into statements: each statement's text outside its string literals (each
/// literal replaced by '?') and the literals' values, in order. Comment lines are skipped.
/// Statements end at a ';' outside literals that ends a line. Fails the test on a malformed
/// literal or an unterminated statement.
struct Statement {
  std::string skeleton;
  std::vector<std::string> literals;
};

std::vector<Statement> statements(const std::string& script, CypherDialect dialect) {
  std::vector<Statement> out;
  Statement current;
  std::size_t pos = 0;
  while (pos < script.size()) {
    if (current.skeleton.empty() && script.compare(pos, 2, "//") == 0) {
      pos = script.find('\n', pos);
      REQUIRE(pos != std::string::npos);
      ++pos;
      continue;
    }
    const char c = script[pos];
    if (c == '\'') {
      const auto value = read_literal(script, pos, dialect);
      INFO("at byte " << pos << ": " << script.substr(pos, 60));
      REQUIRE(value);
      current.skeleton += '?';
      current.literals.push_back(*value);
      continue;
    }
    if (c == ';' && pos + 1 < script.size() && script[pos + 1] == '\n') {
      current.skeleton += ';';
      out.push_back(std::move(current));
      current = Statement{};
      pos += 2;
      continue;
    }
    current.skeleton += c;
    ++pos;
  }
  CHECK(current.skeleton.empty());
  return out;
}

/// Every name in backticks in `skeleton`.
std::vector<std::string> quoted_names(const std::string& skeleton) {
  std::vector<std::string> names;
  for (std::size_t at = skeleton.find('`'); at != std::string::npos; at = skeleton.find('`', at + 1)) {
    const std::size_t end = skeleton.find('`', at + 1);
    REQUIRE(end != std::string::npos);
    names.push_back(skeleton.substr(at + 1, end - at - 1));
    at = end;
  }
  return names;
}

/// The names a script may write in backticks: "Entity", the entity types, the relationship types.
std::set<std::string> vocabulary() {
  std::set<std::string> names = {"Entity", "Person", "Organization", "Place", "Quotation", "Group"};
  for (int i = 0; to_string(static_cast<RelationType>(i)) != "unknown"; ++i)
    names.insert(cypher_relationship_type(static_cast<RelationType>(i)));
  return names;
}

}  // namespace

TEST_CASE("Cypher string literals escape odd text for each dialect", "[export][cypher]") {
  struct Row {
    std::string in, neo4j, kuzu;
  };
  const std::string fffd = "\xef\xbf\xbd";
  const Row rows[] = {
      {"plain", "'plain'", "'plain'"},
      {"", "''", "''"},
      {"O'Brien", "'O\\'Brien'", "'O\\'Brien'"},
      {"say \"hi\"", "'say \"hi\"'", "'say \"hi\"'"},
      {"back\\slash", "'back\\\\slash'", "'back\\\\slash'"},
      {"ends in \\", "'ends in \\\\'", "'ends in \\\\'"},
      {"\\'", "'\\\\\\''", "'\\\\\\''"},
      {"\\u0041 stays", "'\\\\u0041 stays'", "'\\\\u0041 stays'"},
      {"line\nbreak", "'line\\nbreak'", "'line\nbreak'"},
      {"crlf\r\n", "'crlf\\r\\n'", "'crlf\r\n'"},
      {"tab\t bs\b ff\f", "'tab\\t bs\\b ff\\f'", "'tab\t bs\b ff\f'"},
      {std::string("nul\0x", 5), "'nul\\u0000x'", std::string("'nul\0x'", 7)},
      {"esc\x1b del\x7f", "'esc\\u001B del\\u007F'", "'esc\x1b del\x7f'"},
      {"C1 \xc2\x85", "'C1 \\u0085'", "'C1 \xc2\x85'"},
      {"seps \xe2\x80\xa8\xe2\x80\xa9", "'seps \\u2028\\u2029'", "'seps \xe2\x80\xa8\xe2\x80\xa9'"},
      {"nonchar \xef\xbf\xbe\xef\xbf\xbf", "'nonchar \\uFFFE\\uFFFF'", "'nonchar \xef\xbf\xbe\xef\xbf\xbf'"},
      {"`Person` `a``b`", "'`Person` `a``b`'", "'`Person` `a``b`'"},
      {"caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80",
       "'caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80'",
       "'caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80'"},
      {"'; MATCH (n) DETACH DELETE n //", "'\\'; MATCH (n) DETACH DELETE n //'",
       "'\\'; MATCH (n) DETACH DELETE n //'"},
      {"*/ /* -- ;", "'*/ /* -- ;'", "'*/ /* -- ;'"},
      {"{id: $x}", "'{id: $x}'", "'{id: $x}'"},
      {"bad \xff", "'bad " + fffd + "'", "'bad " + fffd + "'"},
  };
  for (const auto& row : rows) {
    INFO(row.neo4j);
    CHECK(cypher_string(row.in, CypherDialect::Neo4j) == row.neo4j);
    CHECK(cypher_string(row.in, CypherDialect::Kuzu) == row.kuzu);
  }
}

TEST_CASE("Cypher string literals read back as the text in both dialects", "[export][cypher]") {
  std::vector<std::string> texts = export_test::nasty_strings();
  for (const std::string extra : {"'", "\\", "\\\\'", "''", "\\'\\'", "'; MATCH (n) DETACH DELETE n //",
                                  "\\u0000", "\\n", "`", "\xf4\x8f\xbf\xbf"})
    texts.push_back(extra);
  // Every code point of the BMP outside the surrogates, and the astral planes' edges.
  std::string all;
  for (std::uint32_t cp = 0; cp < 0x10000; ++cp)
    if (cp < 0xD800 || cp > 0xDFFF) append_utf8(all, cp);
  for (const std::uint32_t cp : {0x10000u, 0x1F600u, 0xE0001u, 0x10FFFFu}) append_utf8(all, cp);
  texts.push_back(all);
  for (const CypherDialect d : kDialects) {
    for (const std::string& text : texts) {
      INFO(dialect_name(d) << ": " << text.substr(0, 60));
      REQUIRE(export_test::valid_utf8(text));
      const std::string literal = cypher_string(text, d);
      CHECK(export_test::valid_utf8(literal));
      CHECK(literal_value(literal, d) == text);
      if (d == CypherDialect::Neo4j) {
        // Printable only: no control character and no line or paragraph separator remains raw.
        for (const char c : literal) CHECK((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f));
        CHECK(literal.find("\xe2\x80\xa8") == std::string::npos);
        CHECK(literal.find("\xe2\x80\xa9") == std::string::npos);
      }
    }
  }
}

TEST_CASE("Cypher scripts keep every nasty string inside a literal", "[export][cypher]") {
  const Graph g = export_test::nasty_graph();
  const auto words = vocabulary();
  const auto strings = export_test::nasty_strings();
  for (const CypherDialect d : kDialects) {
    INFO(dialect_name(d));
    const std::string script = render(g, d == CypherDialect::Neo4j ? Format::Cypher : Format::KuzuCypher);
    CHECK(export_test::valid_utf8(script));
    const auto parsed = statements(script, d);
    // Kùzu: node tables, the three link columns added to each (the graph has links), rel tables.
    const std::size_t schema = d == CypherDialect::Neo4j ? 1 : 5 + 5 * 3 + vocabulary().size() - 6;
    REQUIRE(parsed.size() == schema + boost::num_vertices(g) + boost::num_edges(g));
    if (d == CypherDialect::Neo4j) {
      // One statement per line, after the three comment lines.
      std::size_t lines = 0;
      for (const char c : script) lines += c == '\n';
      CHECK(lines == 3 + parsed.size());
    }
    for (const Statement& s : parsed) {
      INFO(s.skeleton.substr(0, 200));
      // Outside the literals: printable ASCII only, and names from the vocabulary.
      for (const char c : s.skeleton) CHECK((c >= 0x20 && c < 0x7f));
      for (const std::string& name : quoted_names(s.skeleton)) CHECK(words.count(name) == 1);
    }
    // Node i's statement carries its id first, then its label, then the aliases.
    for (std::size_t i = 0; i < strings.size(); ++i) {
      const Statement& s = parsed[schema + i];
      INFO("node " << i);
      REQUIRE(s.skeleton.rfind("MERGE (n:`", 0) == 0);
      REQUIRE(s.literals.size() >= 5);
      CHECK(s.literals[0] == "node/" + std::to_string(i) + "/" + strings[i]);
      CHECK(s.literals[2] == strings[i]);
      CHECK(s.literals[3] == strings[i]);
      CHECK(s.literals[4] == "alias " + strings[i]);
      // The Wikidata id, when the node has one, as the literal after the country code.
      if (!strings[i].empty()) {
        const std::size_t at = s.skeleton.find("n.wikidata = ?");
        REQUIRE(at != std::string::npos);
        CHECK(s.literals[static_cast<std::size_t>(
                  std::count(s.skeleton.begin(), s.skeleton.begin() + at, '?'))] == strings[i]);
      }
    }
    // Edge i: source id, target id, the title (the MERGE key), then the relation name.
    for (std::size_t i = 0; i + 1 < strings.size(); ++i) {
      const Statement& s = parsed[schema + strings.size() + i];
      INFO("edge " << i);
      REQUIRE(s.skeleton.rfind("MATCH (a:`", 0) == 0);
      REQUIRE(s.literals.size() >= 4);
      CHECK(s.literals[0] == "node/" + std::to_string(i) + "/" + strings[i]);
      CHECK(s.literals[1] == "node/" + std::to_string(i + 1) + "/" + strings[i + 1]);
      CHECK(s.literals[2] == (i % 3 == 0 ? strings[i] : std::string()));
    }
  }
}

TEST_CASE("Cypher for Neo4j merges nodes on id and relationships on type and title", "[export][cypher]") {
  const std::string script = render(export_test::small_graph(), Format::Cypher);
  const auto parsed = statements(script, CypherDialect::Neo4j);
  REQUIRE(parsed.size() == 1 + 5 + 5);
  CHECK(script.rfind("// newsgraph: 5 nodes, 5 relationships, for Neo4j 5", 0) == 0);
  CHECK(parsed[0].skeleton ==
        "CREATE CONSTRAINT newsgraph_entity_id IF NOT EXISTS FOR (n:`Entity`) REQUIRE n.id IS UNIQUE;");
  CHECK(script.find("\nMERGE (n:`Entity` {id: 'person/anna-varga'}) SET n:`Person`, n.type = 'Person', "
                    "n.label = 'Anna Varga', n.aliases = ['Varga'], n.mentions = 4, n.articles = 2, "
                    "n.article_ids = ['a1', 'a2'], n.place_kind = '', n.country_code = '', "
                    "n.titles = ['Secretary-General'], n.quote = '', "
                    "n.evidence_articles = ['a1', 'a1', 'a2', 'a2'], n.evidence_starts = [0, 120, 10, 200], "
                    "n.evidence_ends = [10, 125, 20, 205];\n") != std::string::npos);
  CHECK(
      script.find(
          "\nMATCH (a:`Entity` {id: 'person/anna-varga'}) MATCH (b:`Entity` {id: "
          "'organization/united-nations'}) MERGE (a)-[r:`HOLDS_POSITION` {title: 'Secretary-General'}]->(b) "
          "SET r.relation = 'holds_position', r.cameo = '', r.weight = 2, r.articles = 2, "
          "r.evidence_articles = ['a1', 'a2'], r.evidence_sentence_starts = [0, 0], "
          "r.evidence_sentence_ends = [60, 30], r.evidence_source_starts = [0, 10], "
          "r.evidence_source_ends = [10, 20], r.evidence_target_starts = [40, 0], "
          "r.evidence_target_ends = [54, 2];\n") != std::string::npos);
  // A symmetric relation is one relationship, from the smaller id, with an empty title key.
  CHECK(script.find("MERGE (a)-[r:`MET_WITH` {title: ''}]->(b) SET r.relation = 'met_with', r.cameo = '04', "
                    "r.weight = 4,") != std::string::npos);
  // Every node statement merges on the id alone; labels and properties come after SET.
  for (std::size_t i = 1; i <= 5; ++i)
    CHECK(parsed[i].skeleton.rfind("MERGE (n:`Entity` {id: ?}) SET n:`", 0) == 0);
}

TEST_CASE("Cypher keeps two titles of one relation as two relationships", "[export][cypher]") {
  Graph g;
  const auto a = boost::add_vertex(export_test::make_node("person/a", EntityType::Person, "A"), g);
  const auto b = boost::add_vertex(export_test::make_node("place/b", EntityType::Place, "B"), g);
  for (const std::string title : {"Foreign Minister", "foreign minister", "Foreign-Minister!"})
    export_test::add_edge(g, a, b, RelationType::HoldsPosition, 1, 1, title);
  for (const CypherDialect d : kDialects) {
    INFO(dialect_name(d));
    const auto parsed =
        statements(render(g, d == CypherDialect::Neo4j ? Format::Cypher : Format::KuzuCypher), d);
    std::set<std::vector<std::string>> keys;
    for (const Statement& s : parsed)
      if (s.skeleton.rfind("MATCH", 0) == 0) keys.insert({s.literals[0], s.literals[1], s.literals[2]});
    CHECK(keys == std::set<std::vector<std::string>>{{"person/a", "place/b", "Foreign Minister"},
                                                     {"person/a", "place/b", "foreign minister"},
                                                     {"person/a", "place/b", "Foreign-Minister!"}});
  }
}

TEST_CASE("Cypher for Kuzu declares a table per type and relation, and matches nodes in their table",
          "[export][cypher]") {
  const std::string script = render(export_test::small_graph(), Format::KuzuCypher);
  const auto parsed = statements(script, CypherDialect::Kuzu);
  const std::size_t relations = vocabulary().size() - 6;
  const std::size_t altered = 5 * 3;  // wikidata, latitude, longitude for each node table
  REQUIRE(parsed.size() == 5 + altered + relations + 5 + 5);
  const std::string types[] = {"Person", "Organization", "Place", "Quotation", "Group"};
  for (std::size_t i = 0; i < 5; ++i) {
    INFO(types[i]);
    CHECK(parsed[i].skeleton.rfind("CREATE NODE TABLE IF NOT EXISTS `" + types[i] +
                                       "`(id STRING, type STRING, label STRING, aliases STRING[], ",
                                   0) == 0);
    CHECK(parsed[i].skeleton.find(", PRIMARY KEY(id));") != std::string::npos);
  }
  for (std::size_t i = 0; i < altered; ++i) {
    const char* columns[] = {"wikidata STRING", "latitude DOUBLE", "longitude DOUBLE"};
    CHECK(parsed[5 + i].skeleton ==
          "ALTER TABLE `" + types[i / 3] + "` ADD IF NOT EXISTS " + columns[i % 3] + ";");
  }
  for (std::size_t i = 5 + altered; i < 5 + altered + relations; ++i) {
    const std::string& s = parsed[i].skeleton;
    INFO(s.substr(0, 80));
    CHECK(s.rfind("CREATE REL TABLE IF NOT EXISTS `", 0) == 0);
    // Open to every pair of node types, so any graph's edges fit.
    for (const std::string& from : types)
      for (const std::string& to : types)
        CHECK(s.find("FROM `" + from + "` TO `" + to + "`") != std::string::npos);
    CHECK(s.find("title STRING, cameo STRING, weight INT64, articles INT64, evidence_articles STRING[]") !=
          std::string::npos);
  }
  CHECK(
      script.find(
          "\nMERGE (n:`Person` {id: 'person/anna-varga'}) SET n.type = 'Person', n.label = 'Anna Varga',") !=
      std::string::npos);
  CHECK(
      script.find(
          "\nMATCH (a:`Person` {id: 'person/anna-varga'}) MATCH (b:`Organization` {id: "
          "'organization/united-nations'}) MERGE (a)-[r:`HOLDS_POSITION` {title: 'Secretary-General'}]->(b) "
          "SET r.relation = 'holds_position',") != std::string::npos);
  CHECK(script.find(":`Entity`") == std::string::npos);
  CHECK(script.find("n.wikidata = 'Q71', n.latitude = 46.20222, n.longitude = 6.14569, n.titles = [],") !=
        std::string::npos);
  // A graph without links gets the tables it always got.
  const std::string plain = render(export_test::drawing_graph(), Format::KuzuCypher);
  CHECK(plain.find("ALTER TABLE") == std::string::npos);
  CHECK(plain.find("wikidata") == std::string::npos);
}

TEST_CASE("Cypher for Neo4j sets the Wikidata id and a WGS 84 point only when known", "[export][cypher]") {
  const std::string script = render(export_test::small_graph(), Format::Cypher);
  CHECK(script.find("n.country_code = 'CH', n.wikidata = 'Q71', n.location = point({latitude: 46.20222, "
                    "longitude: 6.14569}), n.titles = []") != std::string::npos);
  CHECK(script.find("n.country_code = '', n.wikidata = 'Q1065', n.titles = []") != std::string::npos);
  CHECK(std::count(script.begin(), script.end(), '\n') == 3 + 1 + 5 + 5);
  const std::string nasty = render(export_test::nasty_graph(), Format::Cypher);
  CHECK(nasty.find("n.location = point({latitude: -90.00000, longitude: -180.00000})") != std::string::npos);
  CHECK(nasty.find("n.location = point({latitude: 0.00000, longitude: 0.00000})") != std::string::npos);
  CHECK(nasty.find("n.wikidata = 'He said \"no\" and left'") != std::string::npos);
  CHECK(nasty.find("n.wikidata = 'back\\\\slash\\\\'") != std::string::npos);
  const std::string plain = render(export_test::drawing_graph(), Format::Cypher);
  CHECK(plain.find("wikidata") == std::string::npos);
  CHECK(plain.find("point(") == std::string::npos);
}

TEST_CASE("Cypher relationship types are the relations in upper snake case", "[export][cypher]") {
  CHECK(cypher_relationship_type(RelationType::HoldsPosition) == "HOLDS_POSITION");
  CHECK(cypher_relationship_type(RelationType::MetWith) == "MET_WITH");
  CHECK(cypher_relationship_type(RelationType::CoMentioned) == "CO_MENTIONED");
  std::set<std::string> seen;
  for (int i = 0; to_string(static_cast<RelationType>(i)) != "unknown"; ++i) {
    const std::string t = cypher_relationship_type(static_cast<RelationType>(i));
    INFO(t);
    CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos);
    CHECK(seen.insert(t).second);
  }
}

TEST_CASE("Cypher repairs malformed UTF-8 and carries very long strings", "[export][cypher]") {
  const std::string fffd = "\xef\xbf\xbd";
  std::string big;
  const std::string pieces[] = {"word ", "'q' ", "\\ ", "\n", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                "\x01",  "\t"};
  for (std::size_t i = 0; big.size() < (1u << 20); ++i) big += pieces[i % 8];
  const std::pair<std::string, std::string> rows[] = {
      {"bad \xff\xfe x", "bad " + fffd + fffd + " x"},
      {"cut \xc3", "cut " + fffd},
      {"surrogate \xed\xa0\x80", "surrogate " + fffd + fffd + fffd},
      {big, big},
  };
  for (const auto& [in, repaired] : rows) {
    Graph g;
    Node n = export_test::make_node("quotation/x", EntityType::Quotation, in);
    n.quote = in;
    boost::add_vertex(n, g);
    for (const CypherDialect d : kDialects) {
      INFO(dialect_name(d) << ": " << repaired.substr(0, 40));
      const std::string script = render(g, d == CypherDialect::Neo4j ? Format::Cypher : Format::KuzuCypher);
      CHECK(export_test::valid_utf8(script));
      const auto parsed = statements(script, d);
      const Statement& node = parsed.back();
      REQUIRE(node.literals.size() == 6);   // id, type, label, place_kind, country_code, quote
      CHECK(node.literals[2] == repaired);  // label
      CHECK(node.literals[5] == repaired);  // quote
    }
  }
}
