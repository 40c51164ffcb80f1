// Output format names: how a file name or a format name chooses a Format.
#include "newsgraph/export/export.hpp"

#include <string_view>

#include "export/text.hpp"
#include "util/enum_names.hpp"
#include "util/strings.hpp"

namespace newsgraph {
namespace {

/// The format of each file name extension, in lower case (".cypher" is told apart by the name
/// before it).
constexpr EnumNames<Format, 7> kExtensionFormats{{
    {Format::Dot, "dot"},
    {Format::Dot, "gv"},
    {Format::GraphML, "graphml"},
    {Format::JsonLd, "jsonld"},
    {Format::Json, "json"},
    {Format::Html, "html"},
    {Format::Html, "htm"},
}};

/// Every format name, in lower case, aliases included.
constexpr EnumNames<Format, 9> kFormatNames{{
    {Format::Dot, "dot"},
    {Format::Dot, "gv"},
    {Format::GraphML, "graphml"},
    {Format::JsonLd, "jsonld"},
    {Format::JsonLd, "json-ld"},
    {Format::Json, "json"},
    {Format::Html, "html"},
    {Format::Cypher, "cypher"},
    {Format::KuzuCypher, "kuzu"},
}};

}  // namespace

std::optional<Format> format_from_extension(const std::string& path) {
  const std::string ext = export_detail::lower_extension(path);
  if (ext == "cypher") {
    // "graph.kuzu.cypher": the Kùzu dialect; a name that is just "kuzu.cypher" is not.
    const std::string_view stem = std::string_view(path).substr(0, path.size() - ext.size() - 1);
    return export_detail::lower_extension(stem) == "kuzu" ? Format::KuzuCypher : Format::Cypher;
  }
  return enum_from_name(kExtensionFormats, ext);
}

std::optional<Format> format_from_name(const std::string& name) {
  return enum_from_name(kFormatNames, strings::ascii_lower(name));
}

}  // namespace newsgraph
