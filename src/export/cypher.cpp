// Cypher export for Neo4j and Kùzu: idempotent MERGE statements, one per line.
#include "newsgraph/export/cypher.hpp"

#include <boost/range/iterator_range.hpp>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "export/json_common.hpp"
#include "util/strings.hpp"

namespace newsgraph {
namespace {

/// A label or relationship type in backticks. Every name written is a fixed ASCII word of the
/// graph's vocabulary (an entity type, an upper snake case relation type, "Entity"), never
/// text from the articles; the backticks keep a name that is a keyword of either database
/// ("Group" is one in Kùzu) an identifier.
std::string identifier(std::string_view name) { return "`" + std::string(name) + "`"; }

/// "\u" and four upper-case hex digits: Neo4j's escape for a code point of the BMP.
std::string neo4j_unicode_escape(char32_t cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
  return buf;
}

/// A list literal: each item written by `item`, separated by ", ".
template <class List, class Item>
std::string list_literal(const List& items, Item item) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += item(items[i]);
  }
  return out + "]";
}

/// The SET clause of one statement: assignments to variable `var`, joined by ", ", with every
/// value written as a literal of the dialect.
class Assignments {
 public:
  Assignments(std::string var, CypherDialect dialect) : var_(std::move(var)), dialect_(dialect) {}

  void string(const char* key, std::string_view value) { add(key, cypher_string(value, dialect_)); }
  void count(const char* key, std::size_t value) { add(key, std::to_string(value)); }
  void strings(const char* key, const std::vector<std::string>& values) {
    add(key, list_literal(values, [&](const std::string& v) { return cypher_string(v, dialect_); }));
  }
  /// A value written as given: a number ("55.75580") or an expression ("point({...})").
  void literal(const char* key, const std::string& text) { add(key, text); }
  void counts(const char* key, const std::vector<std::size_t>& values) {
    add(key, list_literal(values, [](std::size_t v) { return std::to_string(v); }));
  }
  /// A label set on the variable (Neo4j only: "n:`Person`").
  void label(std::string_view name) { items_.push_back(var_ + ":" + identifier(name)); }

  /// " SET a, b, c", or "" when nothing is assigned.
  std::string clause() const {
    if (items_.empty()) return {};
    std::string out = " SET ";
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (i > 0) out += ", ";
      out += items_[i];
    }
    return out;
  }

 private:
  void add(const char* key, const std::string& literal) {
    items_.push_back(var_ + "." + key + " = " + literal);
  }
  std::string var_;
  CypherDialect dialect_;
  std::vector<std::string> items_;
};

/// Kùzu column declarations of the node tables, in the order the node statements set them.
constexpr const char* kNodeColumns =
    "id STRING, type STRING, label STRING, aliases STRING[], mentions INT64, articles INT64, "
    "article_ids STRING[], place_kind STRING, country_code STRING, titles STRING[], quote STRING, "
    "evidence_articles STRING[], evidence_starts INT64[], evidence_ends INT64[], PRIMARY KEY(id)";

/// Kùzu property declarations of the relationship tables, in the order the edge statements set them.
constexpr const char* kRelColumns =
    "relation STRING, title STRING, cameo STRING, weight INT64, articles INT64, evidence_articles STRING[], "
    "evidence_sentence_starts INT64[], evidence_sentence_ends INT64[], evidence_source_starts INT64[], "
    "evidence_source_ends INT64[], evidence_target_starts INT64[], evidence_target_ends INT64[]";

/// Kùzu columns of the links, added to every node table (ALTER TABLE ... ADD IF NOT EXISTS) by
/// the scripts of graphs that have them: a graph without links gets the tables it always got,
/// and a database made by an older script gains the columns. Kùzu has no point type.
constexpr const char* kWikidataColumns[] = {"wikidata STRING"};
constexpr const char* kLocationColumns[] = {"latitude DOUBLE", "longitude DOUBLE"};

/// Which links some node of a graph has.
struct GraphLinks {
  bool wikidata = false;
  bool location = false;
};

GraphLinks graph_links(const Graph& g) {
  GraphLinks links;
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    links.wikidata = links.wikidata || !g[v].wikidata.empty();
    links.location = links.location || export_detail::location_text(g[v].location).has_value();
  }
  return links;
}

/// The schema: Neo4j's uniqueness constraint, or Kùzu's node and relationship tables.
void write_schema(std::ostream& out, CypherDialect dialect, const GraphLinks& links) {
  if (dialect == CypherDialect::Neo4j) {
    out << "CREATE CONSTRAINT newsgraph_entity_id IF NOT EXISTS FOR (n:" << identifier("Entity")
        << ") REQUIRE n.id IS UNIQUE;\n";
    return;
  }
  const std::vector<EntityType>& types = all_entity_types();
  for (const EntityType t : types)
    out << "CREATE NODE TABLE IF NOT EXISTS " << identifier(to_string(t)) << "(" << kNodeColumns << ");\n";
  std::vector<const char*> added;
  if (links.wikidata) added.insert(added.end(), std::begin(kWikidataColumns), std::end(kWikidataColumns));
  if (links.location) added.insert(added.end(), std::begin(kLocationColumns), std::end(kLocationColumns));
  for (const EntityType t : types)
    for (const char* column : added)
      out << "ALTER TABLE " << identifier(to_string(t)) << " ADD IF NOT EXISTS " << column << ";\n";
  std::string pairs;
  for (const EntityType from : types)
    for (const EntityType to : types)
      pairs += "FROM " + identifier(to_string(from)) + " TO " + identifier(to_string(to)) + ", ";
  for (const RelationType r : all_relation_types())
    out << "CREATE REL TABLE IF NOT EXISTS " << identifier(cypher_relationship_type(r)) << "(" << pairs
        << kRelColumns << ");\n";
}

/// The pattern that finds node `n` by its id: "(v:`Entity` {id: '...'})" for Neo4j,
/// "(v:`Person` {id: '...'})" for Kùzu, where the id is the key of its type's table.
std::string node_pattern(const char* var, const Node& n, CypherDialect dialect) {
  const std::string_view label =
      dialect == CypherDialect::Neo4j ? std::string_view("Entity") : to_string(n.type);
  return std::string("(") + var + ":" + identifier(label) + " {id: " + cypher_string(n.id, dialect) + "})";
}

void write_node(std::ostream& out, const Node& n, CypherDialect dialect) {
  Assignments set("n", dialect);
  if (dialect == CypherDialect::Neo4j) set.label(to_string(n.type));
  set.string("type", to_string(n.type));
  set.string("label", n.label);
  set.strings("aliases", n.aliases);
  set.count("mentions", n.mentions);
  set.count("articles", n.articles.size());
  set.strings("article_ids", n.articles);
  set.string("place_kind", n.place_kind);
  set.string("country_code", n.country_code);
  if (!n.wikidata.empty()) set.string("wikidata", n.wikidata);
  if (const auto location = export_detail::location_text(n.location)) {
    if (dialect == CypherDialect::Neo4j) {
      set.literal("location",
                  "point({latitude: " + location->latitude + ", longitude: " + location->longitude + "})");
    } else {
      set.literal("latitude", location->latitude);
      set.literal("longitude", location->longitude);
    }
  }
  set.strings("titles", n.titles);
  set.string("quote", n.quote);
  const export_detail::NodeEvidenceColumns ev = export_detail::evidence_columns(n);
  set.strings("evidence_articles", ev.articles);
  set.counts("evidence_starts", ev.starts);
  set.counts("evidence_ends", ev.ends);
  out << "MERGE " << node_pattern("n", n, dialect) << set.clause() << ";\n";
}

void write_edge(std::ostream& out, const Node& source, const Node& target, const Edge& e,
                CypherDialect dialect) {
  Assignments set("r", dialect);
  set.string("relation", to_string(e.relation));
  set.string("cameo", cameo_root(e.relation));
  set.count("weight", e.weight);
  set.count("articles", e.articles);
  const export_detail::EdgeEvidenceColumns ev = export_detail::evidence_columns(e);
  set.strings("evidence_articles", ev.articles);
  set.counts("evidence_sentence_starts", ev.sentence_starts);
  set.counts("evidence_sentence_ends", ev.sentence_ends);
  set.counts("evidence_source_starts", ev.source_starts);
  set.counts("evidence_source_ends", ev.source_ends);
  set.counts("evidence_target_starts", ev.target_starts);
  set.counts("evidence_target_ends", ev.target_ends);
  // Two MATCH clauses rather than one with two patterns: the same plan, without Neo4j's
  // warning about a cartesian product.
  out << "MATCH " << node_pattern("a", source, dialect) << " MATCH " << node_pattern("b", target, dialect)
      << " MERGE (a)-[r:" << identifier(cypher_relationship_type(e.relation))
      << " {title: " << cypher_string(e.title, dialect) << "}]->(b)" << set.clause() << ";\n";
}

}  // namespace

std::string cypher_relationship_type(RelationType r) { return strings::ascii_upper(to_string(r)); }

std::string cypher_string(std::string_view s, CypherDialect dialect) {
  std::string out = "'";
  out.reserve(s.size() + 2);
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = next_code_point(s, pos);
    if (cp == '\\' || cp == '\'') {
      out += '\\';
      out += static_cast<char>(cp);
      continue;
    }
    if (dialect == CypherDialect::Neo4j) {
      switch (cp) {
        case '\b':
          out += "\\b";
          continue;
        case '\t':
          out += "\\t";
          continue;
        case '\n':
          out += "\\n";
          continue;
        case '\f':
          out += "\\f";
          continue;
        case '\r':
          out += "\\r";
          continue;
        default:
          break;
      }
      if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFFFE ||
          cp == 0xFFFF) {
        out += neo4j_unicode_escape(cp);
        continue;
      }
    }
    append_utf8(out, cp);
  }
  return out + "'";
}

void write_cypher(std::ostream& out, const Graph& g, CypherDialect dialect) {
  const bool neo4j = dialect == CypherDialect::Neo4j;
  out << "// newsgraph: " << boost::num_vertices(g) << " nodes, " << boost::num_edges(g)
      << " relationships, for "
      << (neo4j ? "Neo4j 5 (cypher-shell -f FILE)" : "Kuzu (run the whole file as one query)") << ".\n"
      << "// Nodes are merged on id, relationships on (source, type, target, title): importing the\n"
      << "// file again changes nothing.\n";
  write_schema(out, dialect, graph_links(g));
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) write_node(out, g[v], dialect);
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    write_edge(out, g[boost::source(e, g)], g[boost::target(e, g)], g[e], dialect);
}

}  // namespace newsgraph
