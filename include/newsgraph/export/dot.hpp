// Graphviz DOT export.
#pragma once
#include <ostream>

#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {
/// A digraph that `dot` renders legibly: shape and colour by node type, the relation as the
/// edge label, undirected arrows for symmetric relations, pen width by weight. Every string
/// is escaped, so the output is valid DOT whatever names and quotes hold.
void write_dot(std::ostream& out, const Graph& g);
}  // namespace newsgraph
