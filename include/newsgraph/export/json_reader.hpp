// Reading back the graph and the articles that write_json (export/json.hpp) wrote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/vocab/annotations.hpp"
#include "newsgraph/vocab/graph.hpp"

namespace newsgraph {

/// The "sources" of a JSON export written with them. Throws InputError naming `path` when the
/// file cannot be read, is not such an export, or has no sources.
std::vector<ArticleResult> read_json_sources(const std::string& path);
/// The graph of a JSON export: its "articles", "nodes" and "edges" as written, in the file's
/// order, so write_json of the result writes them again byte for byte. "sources" is not
/// needed (nor read). Throws InputError naming `path` when the file cannot be read, is not
/// JSON, or is not such an export (a missing or mistyped member, a duplicate node id, an edge
/// to an unknown node, "lat" without "lon" or a point out of range). The optional links
/// ("wikidata", "lat", "lon") of nodes and of the sources' entities are read where present.
Graph read_json_graph(const std::string& path);

/// read_json_sources of a file's content `json`, with `origin` naming it in errors (the files
/// are read whole and parsed by these).
std::vector<ArticleResult> parse_json_sources(std::string_view json, const std::string& origin);
/// read_json_graph of a file's content `json`, with `origin` naming it in errors.
Graph parse_json_graph(std::string_view json, const std::string& origin);

}  // namespace newsgraph
