// Output format names, and the markup escaping the exporters share.
#include "newsgraph/export/export.hpp"

#include "export/text.hpp"
#include "util/strings.hpp"

namespace newsgraph {

namespace export_detail {

std::string markup_text(std::string_view s, const MarkupRules& rules) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = next_code_point(s, pos);
    MarkupControl as = MarkupControl::Keep;
    switch (cp) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\'':
        out += rules.apostrophe;
        continue;
      case '\t':
      case '\n':
        as = rules.tab_lf;
        break;
      case '\r':
        as = rules.cr;
        break;
      default:
        if (cp < 0x20)
          as = rules.other_c0;
        else if (cp >= 0x7F && cp <= 0x9F)
          as = rules.del_c1;
        else if ((cp == 0xFFFE || cp == 0xFFFF) && rules.drop_noncharacters)
          as = MarkupControl::Drop;
    }
    switch (as) {
      case MarkupControl::Keep:
        append_utf8(out, cp);
        break;
      case MarkupControl::Space:
        out += ' ';
        break;
      case MarkupControl::Reference:
        out += "&#" + std::to_string(static_cast<unsigned>(cp)) + ";";
        break;
      case MarkupControl::Drop:
        break;
    }
  }
  return out;
}

}  // namespace export_detail

namespace export_detail {

std::string lower_extension(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return strings::ascii_lower(name.substr(dot + 1));
}

}  // namespace export_detail

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
