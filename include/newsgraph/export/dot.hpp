// Graphviz DOT export.
#pragma once
#include <ostream>

#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {
/// A digraph that `dot` renders legibly: shape and colour by node type, the relation as the
/// edge label, undirected arrows for symmetric relations, pen width by weight; a node's
/// Wikidata id and coordinates, when known, as the attributes `wikidata`, `lat` and `lon`
/// (degrees with 5 decimals). Every string is escaped, so the output is valid DOT whatever
/// names and quotes hold.
void write_dot(std::ostream& out, const Graph& g);
}  // namespace newsgraph
