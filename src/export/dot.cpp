// Graphviz DOT export: every string goes out as an escaped, quoted DOT string of valid UTF-8.
#include "newsgraph/export/dot.hpp"

#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <string>
#include <string_view>

#include "export/text.hpp"

namespace newsgraph {

namespace {

using export_detail::dot_quoted;

/// Quotation labels show at most this many code points of the quote, then "…".
constexpr std::size_t kQuoteLabelCodePoints = 60;

/// 1 + log2(weight), with two decimals, independent of the C locale.
std::string penwidth(std::size_t weight) {
  return export_detail::fixed2(weight <= 1 ? 1.0 : 1.0 + std::log2(static_cast<double>(weight)));
}

}  // namespace

void write_dot(std::ostream& out, const Graph& g) {
  out << "digraph newsgraph {\n"
         "  graph [charset=\"UTF-8\", rankdir=LR, fontname=\"Helvetica\", overlap=false];\n"
         "  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n"
         "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";

  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    std::string attributes = "label=";
    if (n.type == EntityType::Quotation) {
      const std::string& text = n.quote.empty() ? n.label : n.quote;
      attributes += dot_quoted(export_detail::shorten_text(text, kQuoteLabelCodePoints));
      attributes += ", tooltip=" + dot_quoted(text);
    } else {
      attributes += dot_quoted(n.label.empty() ? n.id : n.label);
    }
    // The links as attributes of their own, which Graphviz keeps without drawing them.
    if (!n.wikidata.empty()) attributes += ", wikidata=" + dot_quoted(n.wikidata);
    if (const auto location = export_detail::location_text(n.location))
      attributes += ", lat=\"" + location->latitude + "\", lon=\"" + location->longitude + "\"";
    export_detail::write_dot_node(out, n, attributes);
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
