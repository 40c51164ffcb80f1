// Cypher export: a script of idempotent MERGE statements that loads the graph into Neo4j or
// into Kùzu.
#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {

/// The database a Cypher script is written for. Both dialects MERGE nodes on their stable id
/// and relationships on (source id, relationship type, target id, title), so running a script
/// twice changes nothing, and both set the same properties. One file cannot serve both:
///   Neo4j  a uniqueness constraint on :Entity(id) first; every node has the label :Entity and
///          its type label (:Person, ...). Strings use Neo4j's escapes (\n, \t, \uXXXX), so
///          every statement is one line.
///   Kuzu   the schema first (CREATE NODE TABLE / CREATE REL TABLE ... IF NOT EXISTS): one node
///          table per type, since a Kùzu node has exactly one label, and one relationship table
///          per relation type, open to every pair of node types. Kùzu's parser knows no escape
///          but \\, \' and \", so every other character is written as it is (a line break in a
///          name is a line break in the file); run the file through Kùzu's API, not line by line.
enum class CypherDialect { Neo4j, Kuzu };

/// The relationship type of `r`: its name in upper snake case ("HOLDS_POSITION", "MET_WITH").
std::string cypher_relationship_type(RelationType r);

/// `s` as a single-quoted Cypher string literal that `dialect` reads back as `s`, after
/// malformed UTF-8 became U+FFFD. Neo4j: backslash and quote escaped, \b \t \n \f \r for
/// those controls, \uXXXX for the other C0 controls, DEL, the C1 controls, U+2028, U+2029,
/// U+FFFE and U+FFFF; other characters as UTF-8. Kùzu: backslash and quote escaped, every
/// other character as UTF-8.
std::string cypher_string(std::string_view s, CypherDialect dialect);

/// Writes the graph as a Cypher script for `dialect`, one statement per line (see
/// CypherDialect): a comment, the schema, one MERGE per node in node order, one per edge in
/// edge order. Node properties: id, type, label, aliases, mentions, articles (count),
/// article_ids, place_kind, country_code, titles, quote, and the mention evidence as the
/// parallel lists evidence_articles, evidence_starts, evidence_ends. Relationship properties:
/// relation, title, cameo, weight, articles (count), and the evidence as the parallel lists
/// evidence_articles, evidence_sentence_starts/_ends, evidence_source_starts/_ends,
/// evidence_target_starts/_ends. Every property is set, strings and lists possibly empty, so a
/// second import overwrites every value the first one wrote; except the links, set only when
/// known: `wikidata` (a string), and the coordinates (degrees with 5 decimals), for Neo4j as
/// `location = point({latitude: .., longitude: ..})` (WGS 84), for Kùzu, which has no point
/// type, as the DOUBLE properties `latitude` and `longitude`. A Kùzu script adds the columns
/// of the links its graph has to every node table with ALTER TABLE ... ADD IF NOT EXISTS.
void write_cypher(std::ostream& out, const Graph& g, CypherDialect dialect = CypherDialect::Neo4j);

}  // namespace newsgraph
