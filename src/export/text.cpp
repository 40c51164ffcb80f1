// The text handling the exporters and the renderer share (declared in export/text.hpp): markup
// escaping, file name extensions, DOT strings, numbers, node statements, the rows of isolated
// nodes, percent-encoding, Wikidata IRIs and coordinates.
#include "export/text.hpp"

#include <boost/range/iterator_range.hpp>
#include <charconv>
#include <string>
#include <string_view>

#include "util/strings.hpp"

namespace newsgraph::export_detail {

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

std::string lower_extension(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return strings::ascii_lower(name.substr(dot + 1));
}

std::string dot_quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = next_code_point(s, pos);
    if (cp == '"') {
      out += "\\\"";
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      // dropped: "\r\n" line ends give a single line break
    } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      out += ' ';
    } else {
      append_utf8(out, cp);
    }
  }
  out += '"';
  return out;
}

std::string shorten_text(std::string_view text, std::size_t max_code_points) {
  // A cut made at a space is preferred when it keeps at least this many code points.
  const std::size_t min_word_cut = max_code_points * 2 / 3;
  std::size_t pos = 0;
  std::size_t count = 0;
  std::size_t last_space_byte = std::string_view::npos;
  while (pos < text.size() && count < max_code_points) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    ++count;
    if ((cp == ' ' || cp == '\n' || cp == '\t') && count > min_word_cut) last_space_byte = start;
  }
  if (pos >= text.size()) return valid_utf8(text);
  std::size_t cut = pos;
  std::size_t after = pos;
  const char32_t next = next_code_point(text, after);
  const bool at_word_end = next == ' ' || next == '\n' || next == '\t';
  if (!at_word_end && last_space_byte != std::string_view::npos) cut = last_space_byte;
  std::string_view head = text.substr(0, cut);
  while (!head.empty() && (head.back() == ' ' || head.back() == '\n' || head.back() == '\t'))
    head.remove_suffix(1);
  std::string out = valid_utf8(head);
  out += "\u2026";
  return out;
}

NodeStyle node_style(EntityType t) {
  // Ellipse light blue, box light yellow, hexagon light green, note light grey, octagon pink.
  switch (t) {
    case EntityType::Person:
      return {"ellipse", "#add8e6"};
    case EntityType::Organization:
      return {"box", "#ffffe0"};
    case EntityType::Place:
      return {"hexagon", "#90ee90"};
    case EntityType::Quotation:
      return {"note", "#d3d3d3"};
    case EntityType::Group:
      return {"octagon", "#f4c2c2"};
  }
  return {"ellipse", "#ffffff"};
}

void write_dot_node(std::ostream& out, const Node& n, std::string_view attributes) {
  const NodeStyle st = node_style(n.type);
  out << "  " << dot_quoted(n.id) << " [shape=" << st.shape << ", fillcolor=\"" << st.fill << "\", "
      << attributes << "];\n";
}

std::string percent_encode(std::string_view s, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    const bool plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                       b == '-' || b == '.' || b == '_' || b == '~' || keep.find(c) != std::string_view::npos;
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

std::string wikidata_entity_iri(std::string_view id) {
  return "http://www.wikidata.org/entity/" + percent_encode(id);
}

std::string wikidata_page_url(std::string_view id) {
  return "https://www.wikidata.org/wiki/" + percent_encode(id);
}

std::optional<LocationText> location_text(const std::optional<GeoPoint>& location) {
  if (!location) return std::nullopt;
  const std::optional<GeoPoint> point = geo_point(location->latitude, location->longitude);
  if (!point) return std::nullopt;
  return LocationText{format_degrees(point->latitude), format_degrees(point->longitude)};
}

std::string fixed2(double x) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, 2);
  return std::string(buf, res.ptr);
}

void write_isolated_rows(std::ostream& out, const Graph& g) {
  constexpr std::size_t kIsolatedPerRow = 6;
  std::size_t in_row = 0;
  const Node* previous = nullptr;
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (boost::out_degree(v, g) != 0 || boost::in_degree(v, g) != 0) continue;
    if (previous != nullptr && in_row % kIsolatedPerRow != 0)
      out << "  " << dot_quoted(previous->id) << " -> " << dot_quoted(g[v].id) << " [style=invis];\n";
    previous = &g[v];
    ++in_row;
  }
}

}  // namespace newsgraph::export_detail
