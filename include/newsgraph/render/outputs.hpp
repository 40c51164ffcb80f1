// What the files of a build hold: any format of export.hpp, the HTML report included, written
// from one graph.
#pragma once

#include <ostream>
#include <vector>

#include "newsgraph/export/export.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "newsgraph/vocab/graph.hpp"

namespace newsgraph {

/// Writes `g` in `format`. JSON also carries `sources` when given (see write_json). Html writes
/// the report with default options (write_html), which runs Graphviz for its drawing.
void write_graph(std::ostream& out, const Graph& g, Format format,
                 const std::vector<ArticleResult>* sources = nullptr);

}  // namespace newsgraph
