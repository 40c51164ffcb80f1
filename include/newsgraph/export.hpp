// Output formats and writing a graph to a file safely.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsgraph/graph.hpp"

namespace newsgraph {

/// Html is the report of export_html.hpp (a page with the drawing and tables, not a data format).
enum class Format { Dot, GraphML, JsonLd, Json, Html };

/// ".dot"/".gv" -> Dot, ".graphml" -> GraphML, ".jsonld" -> JsonLd, ".json" -> Json,
/// ".html"/".htm" -> Html (any case).
std::optional<Format> format_from_extension(const std::string& path);
/// "dot"/"gv", "graphml", "jsonld"/"json-ld", "json", "html".
std::optional<Format> format_from_name(const std::string& name);

/// An output file could not be written; what() names it.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `g` in `format`. JSON also carries `sources` when given (see write_json). Html writes
/// the report with default options (write_html), which runs Graphviz for its drawing.
void write_graph(std::ostream& out, const Graph& g, Format format,
                 const std::vector<ArticleResult>* sources = nullptr);

/// Writes `content_writer`'s output to `path` atomically: into a temporary file beside it,
/// then renamed over it, so a failure never leaves a half-written file. Throws OutputError.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& content_writer);

}  // namespace newsgraph
