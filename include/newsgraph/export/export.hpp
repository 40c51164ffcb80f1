// The output formats of a graph, and how a file name or a format name chooses one. Writing a
// graph in any of them: render/outputs.hpp; writing files safely: util/atomic_file.hpp.
#pragma once

#include <optional>
#include <string>

#include "newsgraph/util/atomic_file.hpp"
#include "newsgraph/util/errors.hpp"

namespace newsgraph {

/// Html is the report of render/report.hpp (a page with the drawing and tables, not a data
/// format); Cypher is a script for Neo4j, KuzuCypher the same for Kùzu (see CypherDialect).
enum class Format { Dot, GraphML, JsonLd, Json, Html, Cypher, KuzuCypher };

/// ".dot"/".gv" -> Dot, ".graphml" -> GraphML, ".jsonld" -> JsonLd, ".json" -> Json,
/// ".html"/".htm" -> Html, ".kuzu.cypher" -> KuzuCypher, any other ".cypher" -> Cypher.
/// Case is ignored.
std::optional<Format> format_from_extension(const std::string& path);
/// "dot"/"gv", "graphml", "jsonld"/"json-ld", "json", "html", "cypher", "kuzu". Case is ignored.
std::optional<Format> format_from_name(const std::string& name);

}  // namespace newsgraph
