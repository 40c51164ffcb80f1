// Output format names: how a file name or a format name chooses a Format.
#include "newsgraph/export/export.hpp"

#include "export/text.hpp"
#include "util/strings.hpp"

namespace newsgraph {

std::optional<Format> format_from_extension(const std::string& path) {
  const std::string ext = export_detail::lower_extension(path);
  if (ext == "dot" || ext == "gv") return Format::Dot;
  if (ext == "graphml") return Format::GraphML;
  if (ext == "jsonld") return Format::JsonLd;
  if (ext == "json") return Format::Json;
  if (ext == "html" || ext == "htm") return Format::Html;
  if (ext == "cypher") {
    // "graph.kuzu.cypher": the Kùzu dialect; a name that is just "kuzu.cypher" is not.
    const std::string_view stem = std::string_view(path).substr(0, path.size() - ext.size() - 1);
    return export_detail::lower_extension(stem) == "kuzu" ? Format::KuzuCypher : Format::Cypher;
  }
  return std::nullopt;
}

std::optional<Format> format_from_name(const std::string& name) {
  const std::string n = strings::ascii_lower(name);
  if (n == "dot" || n == "gv") return Format::Dot;
  if (n == "graphml") return Format::GraphML;
  if (n == "jsonld" || n == "json-ld") return Format::JsonLd;
  if (n == "json") return Format::Json;
  if (n == "html") return Format::Html;
  if (n == "cypher") return Format::Cypher;
  if (n == "kuzu") return Format::KuzuCypher;
  return std::nullopt;
}

}  // namespace newsgraph
