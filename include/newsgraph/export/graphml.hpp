// GraphML export.
#pragma once
#include <ostream>

#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {
/// GraphML with typed keys (attr.name, attr.type) that NetworkX, Gephi, yEd and Neo4j's
/// apoc.import.graphml read: node ids are the stable node ids, a `labels` node attribute
/// (":Person"), an edge `label` with the relation; the keys `wikidata` (string) and `lat`,
/// `lon` (double) when some node has them. Lists and evidence are JSON strings.
/// Characters XML forbids are dropped; the rest is escaped.
void write_graphml(std::ostream& out, const Graph& g);
}  // namespace newsgraph
