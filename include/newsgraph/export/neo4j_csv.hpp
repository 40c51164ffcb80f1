// Neo4j admin-import CSV export: a nodes file and a relationships file for
// `neo4j-admin database import full`.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/export/export.hpp"
#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {

/// The character between the items of a list field (and between the labels of :LABEL):
/// U+001F, the unit separator, passed to the importer as --array-delimiter=U+001F. Neo4j's
/// importer has no escape for its array delimiter, so it must be a character the text never
/// holds: the writer drops U+001F from list items, and keeps every other character.
inline constexpr char kNeo4jCsvArrayDelimiter = '\x1f';

/// nodes.csv: the header
///   id:ID,:LABEL,type,label,aliases:string[],mentions:long,articles:long,article_ids:string[],
///   place_kind,country_code,titles:string[],quote,evidence_articles:string[],
///   evidence_starts:long[],evidence_ends:long[]
/// with, after country_code, the columns of the links when some node has them: `wikidata` and
/// `location:point{crs:WGS-84}`, whose values are Cypher maps as the importer reads points,
/// "{latitude:55.75580, longitude:37.61730}"; an empty field (unset) for a node without.
/// Then one row per node in node order, with the labels Entity and the node's type. Fields are
/// separated by ',' and end with '\n'; strings are quoted, '"' doubled (RFC 4180), line breaks
/// kept inside the quotes (import with --multiline-fields=true); malformed UTF-8 becomes U+FFFD.
/// An empty list is an empty field, which the importer leaves unset.
void write_neo4j_nodes_csv(std::ostream& out, const Graph& g);

/// relationships.csv: the header
///   :START_ID,:END_ID,:TYPE,relation,title,cameo,weight:long,articles:long,
///   evidence_articles:string[],evidence_sentence_starts:long[],evidence_sentence_ends:long[],
///   evidence_source_starts:long[],evidence_source_ends:long[],evidence_target_starts:long[],
///   evidence_target_ends:long[]
/// then one row per edge in edge order, typed like the Cypher export (HOLDS_POSITION, ...),
/// fields written as in nodes.csv.
void write_neo4j_relationships_csv(std::ostream& out, const Graph& g);

/// The two files of `dir`: `dir`/nodes.csv and `dir`/relationships.csv, for
/// write_files_atomically. The writers refer to `g`, which must outlive them.
std::vector<FileContent> neo4j_csv_files(const std::string& dir, const Graph& g);

/// Writes both files into the existing directory `dir`, together (see write_files_atomically).
/// Throws OutputError naming what could not be written.
void write_neo4j_csv(const std::string& dir, const Graph& g);

}  // namespace newsgraph
