// Writing the graph as DOT styled for drawing: write_render_dot (render/render.hpp).
//
// Guarantees: every string is escaped as the DOT export escapes it (export/text.hpp), and
// nodes are written by the same function as there. Graphviz copies ids, labels and tooltips
// into its SVG, so none holds a character XML forbids: dot_quoted makes control characters
// spaces, and U+FFFE and U+FFFF, the only others valid UTF-8 can hold, are removed here.
#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <set>
#include <string>
#include <unordered_set>

#include "export/text.hpp"
#include "newsgraph/render/render.hpp"

namespace newsgraph {
namespace {

using export_detail::dot_quoted;
using export_detail::fixed2;

using Vertex = Graph::vertex_descriptor;
using EdgeDesc = Graph::edge_descriptor;

/// Whether valid-or-not UTF-8 `s` holds U+FFFE or U+FFFF (read as next_code_point reads).
bool has_noncharacter(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = next_code_point(s, pos);
    if (cp == 0xFFFE || cp == 0xFFFF) return true;
  }
  return false;
}

/// `s` as valid UTF-8 (malformed bytes as U+FFFD) without U+FFFE and U+FFFF: characters XML
/// forbids, which Graphviz would copy into its SVG.
std::string without_noncharacters(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = next_code_point(s, pos);
    if (cp != 0xFFFE && cp != 0xFFFF) append_utf8(out, cp);
  }
  return out;
}

/// A label or tooltip as a DOT quoted string that gives well-formed XML in Graphviz's SVG.
std::string xml_dot_quoted(std::string_view s) { return dot_quoted(without_noncharacters(s)); }

/// `g` with every node id that holds U+FFFE or U+FFFF replaced by the id without them, made
/// unique by a suffix " (2)", " (3)", ... where it would equal another node's id; other ids
/// are kept. Empty when no id needs it (the usual case: the ids of `build` are ASCII).
std::optional<Graph> with_xml_ids(const Graph& g) {
  std::unordered_set<std::string> taken;
  bool needed = false;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (has_noncharacter(g[v].id)) {
      needed = true;
    } else {
      taken.insert(g[v].id);
    }
  }
  if (!needed) return std::nullopt;
  Graph out = g;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(out))) {
    if (!has_noncharacter(out[v].id)) continue;
    const std::string base = without_noncharacters(out[v].id);
    std::string id = base;
    for (std::size_t k = 2; taken.count(id) > 0; ++k) id = base + " (" + std::to_string(k) + ")";
    taken.insert(id);
    out[v].id = id;
  }
  return out;
}

/// Entity labels longer than this many code points are wrapped into lines of at most this.
constexpr std::size_t kLabelLine = 26;
/// Quotation labels are wrapped into lines of at most this many code points.
constexpr std::size_t kQuoteLine = 36;
/// The force-directed layouts route edges around nodes as splines up to this many nodes; the
/// routing's cost grows fast with the nodes (about 2 s for 200 nodes, 30 s for 800, minutes for
/// thousands), so larger drawings get straight edges.
constexpr std::size_t kSplineMaxNodes = 200;

/// `text` broken into lines of at most `width` code points at spaces (a longer word keeps a
/// line of its own), joined by '\n'. Runs of white space become one space.
std::string wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> words;
  std::string word;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.append(text.substr(start, pos - start));
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  // Counts as next_code_point reads: a malformed byte is one code point (count_code_points
  // would skip a stray continuation byte, and a graph read from JSON may hold one).
  const auto length = [](std::string_view s) {
    std::size_t n = 0;
    for (std::size_t p = 0; p < s.size(); ++n) next_code_point(s, p);
    return n;
  };
  std::string out;
  std::size_t line = 0;
  for (const std::string& w : words) {
    const std::size_t n = length(w);
    if (line > 0 && line + 1 + n > width) {
      out += '\n';
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += w;
    line += n;
  }
  return out;
}

/// The width in inches that the longest line of `text` takes at `points`, estimated from its
/// number of code points (0.6 em each, a little above Helvetica's average).
double text_inches(std::string_view text, double points) {
  std::size_t longest = 0, line = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (next_code_point(text, pos) == '\n') {
      line = 0;
    } else {
      longest = std::max(longest, ++line);
    }
  }
  return static_cast<double>(longest) * points * 0.6 / 72.0;
}

/// 1 + log2(weight), at most 6: one statement draws a hairline, 32 or more the thickest line.
std::string penwidth(std::size_t weight) {
  const double w = weight <= 1 ? 1.0 : std::min(6.0, 1.0 + std::log2(static_cast<double>(weight)));
  return fixed2(w);
}

/// The kinds of edges the drawing tells apart by colour and line style.
enum class EdgeKind { Structural, Event, Said, CoMentioned };

EdgeKind edge_kind(RelationType r) {
  if (r == RelationType::Said) return EdgeKind::Said;
  if (r == RelationType::CoMentioned) return EdgeKind::CoMentioned;
  return cameo_root(r).empty() ? EdgeKind::Structural : EdgeKind::Event;
}

struct EdgeStyle {
  const char* color;
  const char* style;
  const char* legend;  ///< what the legend calls the kind
};

/// Structural relations (positions, membership, places) blue, events red, quotes grey and
/// dashed, co-mentions light grey and dotted.
EdgeStyle edge_style(EdgeKind k) {
  switch (k) {
    case EdgeKind::Structural:
      return {"#2b5c8a", "solid", "structure"};
    case EdgeKind::Event:
      return {"#b03a2e", "solid", "event"};
    case EdgeKind::Said:
      return {"#707070", "dashed", "said"};
    case EdgeKind::CoMentioned:
      return {"#a0a0a0", "dotted", "co-mentioned"};
  }
  return {"#000000", "solid", ""};
}

/// `s` as text of a Graphviz HTML-like label: valid UTF-8, with &, <, >, " and ' as entities
/// and control characters as spaces.
std::string html_label_text(std::string_view s) {
  using export_detail::MarkupControl;
  return export_detail::markup_text(s, {"&#39;", MarkupControl::Space, MarkupControl::Space,
                                        MarkupControl::Space, MarkupControl::Space, false});
}

/// The legend: one cell per node type present, in its fill colour, then one per edge kind
/// present, in its colour; empty when the graph is empty.
std::string legend(const Graph& g) {
  std::set<EntityType> types;
  std::set<EdgeKind> kinds;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) types.insert(g[v].type);
  for (const EdgeDesc e : boost::make_iterator_range(boost::edges(g))) kinds.insert(edge_kind(g[e].relation));
  if (types.empty()) return {};
  std::string out = "<<table border=\"0\" cellspacing=\"4\" cellpadding=\"4\"><tr>";
  for (const EntityType t : types) {
    const auto st = export_detail::node_style(t);
    out += "<td border=\"1\" bgcolor=\"";
    out += st.fill;
    out += "\">" + html_label_text(to_string(t)) + "</td>";
  }
  for (const EdgeKind k : kinds) {
    const EdgeStyle st = edge_style(k);
    out += "<td><font color=\"";
    out += st.color;
    out += "\">";
    out += k == EdgeKind::Structural ? "&#8594; " : k == EdgeKind::Event ? "&#8594; " : "&#8943; ";
    out += html_label_text(st.legend);
    out += "</font></td>";
  }
  out += "</tr></table>>";
  return out;
}

/// The label a node is drawn with.
std::string node_label(const Node& n, const RenderOptions& options) {
  if (n.type == EntityType::Quotation) {
    const std::string& text = n.quote.empty() ? n.label : n.quote;
    if (options.quotes == QuoteMode::Full) return wrap(text, kQuoteLine);
    return wrap(export_detail::shorten_text(text, std::max<std::size_t>(options.quote_chars, 1)), kQuoteLine);
  }
  return wrap(n.label.empty() ? n.id : n.label, kLabelLine);
}

/// The tooltip of a node: type and name, the other names, how often and where it is named.
std::string node_tooltip(const Node& n) {
  std::string out = std::string(to_string(n.type)) + ": " +
                    (n.type == EntityType::Quotation && !n.quote.empty() ? n.quote : n.label);
  if (!n.aliases.empty()) {
    out += "\nalso: ";
    for (std::size_t i = 0; i < n.aliases.size(); ++i) out += (i ? ", " : "") + n.aliases[i];
  }
  out += "\n" + std::to_string(n.mentions) + (n.mentions == 1 ? " mention" : " mentions") + " in " +
         std::to_string(n.articles.size()) + (n.articles.size() == 1 ? " article" : " articles");
  return out;
}

}  // namespace

void write_render_dot(std::ostream& out, const Graph& g, const RenderOptions& options, Layout layout) {
  if (const std::optional<Graph> renamed = with_xml_ids(g))
    return write_render_dot(out, *renamed, options, layout);
  if (layout == Layout::Auto) layout = choose_layout(g, layout);
  out << "digraph newsgraph {\n"
         "  graph [charset=\"UTF-8\", fontname=\"Helvetica\", fontsize=12, pad=0.3, outputorder=edgesfirst";
  const std::string key = legend(g);
  if (!key.empty()) out << ", labelloc=b, labeljust=l, label=" << key;
  if (layout == Layout::Dot) {
    out << ", rankdir=LR, nodesep=0.25, ranksep=0.7, splines=true";
  } else {
    // prism removes node overlaps while keeping the layout's shape; sep and esep keep a margin
    // around nodes and edge labels.
    out << ", overlap=prism, overlap_shrink=false, sep=\"+12\", esep=\"+6\", splines="
        << (boost::num_vertices(g) <= kSplineMaxNodes ? "true" : "false");
    if (layout == Layout::Sfdp) out << ", K=1.2";
  }
  out << "];\n"
         "  node [style=filled, fontname=\"Helvetica\", fontsize=12, color=\"#4d4d4d\", penwidth=0.8, "
         "margin=\"0.12,0.05\"];\n"
         "  edge [fontname=\"Helvetica\", fontsize=10, fontcolor=\"#333333\", arrowsize=0.7];\n";

  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    std::string attributes =
        "label=" + xml_dot_quoted(node_label(n, options)) + ", tooltip=" + xml_dot_quoted(node_tooltip(n));
    if (n.type == EntityType::Quotation) attributes += ", fontsize=10";
    export_detail::write_dot_node(out, n, attributes);
  }

  for (const EdgeDesc e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    const EdgeStyle st = edge_style(edge_kind(ed.relation));
    std::string label(to_string(ed.relation));
    if (ed.relation == RelationType::HoldsPosition && !ed.title.empty())
      label += "\n" + wrap(ed.title, kLabelLine);
    const std::string tooltip = std::string(to_string(ed.relation)) + ": " + std::to_string(ed.weight) +
                                (ed.weight == 1 ? " statement" : " statements") + " in " +
                                std::to_string(ed.articles) + (ed.articles == 1 ? " article" : " articles");
    out << "  " << dot_quoted(g[boost::source(e, g)].id) << " -> " << dot_quoted(g[boost::target(e, g)].id)
        << " [label=" << xml_dot_quoted(label) << ", color=\"" << st.color << "\", style=" << st.style
        << ", penwidth=" << penwidth(ed.weight) << ", tooltip=" << xml_dot_quoted(tooltip);
    if (layout == Layout::Neato) {
      // neato makes an edge `len` inches long from centre to centre: room for half of each
      // node, the label and a margin, so that the label does not cover either end.
      const auto half_node = [&](const Node& n) {
        return text_inches(node_label(n, options), n.type == EntityType::Quotation ? 10 : 12) / 2 + 0.2;
      };
      const double len = half_node(g[boost::source(e, g)]) + half_node(g[boost::target(e, g)]) +
                         text_inches(label, 10) + 0.15;
      out << ", len=" << fixed2(std::max(1.0, len));
    }
    if (is_symmetric(ed.relation)) out << ", dir=none";
    out << "];\n";
  }

  // In the layered layout, nodes without edges (kept by keep_isolated or the focus) go in rows.
  if (layout == Layout::Dot) export_detail::write_isolated_rows(out, g);
  out << "}\n";
}

}  // namespace newsgraph
