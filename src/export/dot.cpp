// Graphviz DOT export: every string goes out as an escaped, quoted DOT string of valid UTF-8.
#include "newsgraph/export/dot.hpp"

#include <boost/range/iterator_range.hpp>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "export/text.hpp"

namespace newsgraph {

namespace export_detail {

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

}  // namespace export_detail

namespace {

using export_detail::dot_quoted;

/// Quotation labels show at most this many code points of the quote, then "…".
constexpr std::size_t kQuoteLabelCodePoints = 60;

/// 1 + log2(weight), with two decimals, independent of the C locale.
std::string penwidth(std::size_t weight) {
  const double w = weight <= 1 ? 1.0 : 1.0 + std::log2(static_cast<double>(weight));
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, w, std::chars_format::fixed, 2);
  return std::string(buf, res.ptr);
}

}  // namespace

void write_dot(std::ostream& out, const Graph& g) {
  out << "digraph newsgraph {\n"
         "  graph [charset=\"UTF-8\", rankdir=LR, fontname=\"Helvetica\", overlap=false];\n"
         "  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n"
         "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";

  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    const export_detail::NodeStyle st = export_detail::node_style(n.type);
    out << "  " << dot_quoted(n.id) << " [shape=" << st.shape << ", fillcolor=\"" << st.fill << "\", label=";
    if (n.type == EntityType::Quotation) {
      const std::string& text = n.quote.empty() ? n.label : n.quote;
      out << dot_quoted(export_detail::shorten_text(text, kQuoteLabelCodePoints))
          << ", tooltip=" << dot_quoted(text);
    } else {
      out << dot_quoted(n.label.empty() ? n.id : n.label);
    }
    out << "];\n";
  }

  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    std::string label(to_string(ed.relation));
    if (ed.relation == RelationType::HoldsPosition && !ed.title.empty()) label += "\n" + ed.title;
    out << "  " << dot_quoted(g[boost::source(e, g)].id) << " -> " << dot_quoted(g[boost::target(e, g)].id)
        << " [label=" << dot_quoted(label) << ", penwidth=" << penwidth(ed.weight) << ", tooltip=\""
        << to_string(ed.relation) << ": " << std::to_string(ed.weight)
        << (ed.weight == 1 ? " statement" : " statements") << " in " << std::to_string(ed.articles)
        << (ed.articles == 1 ? " article" : " articles") << '"';
    if (is_symmetric(ed.relation)) out << ", dir=none";
    out << "];\n";
  }

  // Nodes without relations go in rows, so the drawing stays compact.
  export_detail::write_isolated_rows(out, g);
  out << "}\n";
}

}  // namespace newsgraph
