// Drawing the graph with Graphviz: choosing the part of the graph to draw (src/render/filter.cpp),
// writing it as styled DOT (styled_dot.cpp), and running a Graphviz layout program on it
// (graphviz.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/vocab/graph.hpp"

namespace newsgraph {

/// The Graphviz program that lays a drawing out.
enum class Layout {
  Auto,   ///< dot for graphs of at most kDotMaxNodes nodes, sfdp for larger ones
  Dot,    ///< layered, left to right: the most legible for small graphs
  Sfdp,   ///< multiscale force-directed: fast on graphs of thousands of nodes
  Neato,  ///< force-directed (stress majorization): medium graphs
};

/// Layout::Auto draws graphs with more nodes than this with sfdp: beyond it dot's layered
/// drawing grows too wide to read and its running time grows fast.
inline constexpr std::size_t kDotMaxNodes = 150;

/// How quotation nodes (the text of a direct quote) are drawn.
enum class QuoteMode {
  None,   ///< left out, with their `said` edges
  Short,  ///< the first RenderOptions::quote_chars code points, then "…"
  Full,   ///< the whole quote, wrapped into lines
};

/// What --top ranks nodes by.
enum class RankBy {
  Mentions,  ///< the node's number of mentions
  Degree,    ///< its number of edges left after the type, quote and weight filters
};

/// What to draw and how. The defaults draw every relation of the graph, without quotations
/// and without nodes that have no relation.
struct RenderOptions {
  // --- What is drawn: filter_graph applies these in the order listed. ---

  /// The node types to draw, among Person, Organization, Place and Group; empty means all
  /// four. Quotations are chosen by `quotes` alone (a Quotation here changes nothing).
  std::vector<EntityType> types;
  /// Whether quotation nodes are drawn, and how much of their text.
  QuoteMode quotes = QuoteMode::None;
  /// QuoteMode::Short: the most code points of a quote a label shows.
  std::size_t quote_chars = 60;
  /// Edges with a weight (number of supporting statements) below this are left out.
  std::size_t min_weight = 1;
  /// Keep the nodes that have no edge left after the filters above; by default they are
  /// left out (so are nodes that never had one), which keeps the drawing to the relations.
  bool keep_isolated = false;
  /// Draw only the neighbourhood of this entity, `depth` edges deep (edges taken in either
  /// direction). Matched against node ids exactly, then labels, then aliases, ignoring case;
  /// empty means the whole graph. The focus node is drawn even without edges.
  std::string focus;
  std::size_t depth = 1;
  /// Keep only the `top` nodes ranked highest by `top_by` (ties by more mentions, then by
  /// id), plus the quotations of the speakers kept; 0 keeps all.
  std::size_t top = 0;
  RankBy top_by = RankBy::Mentions;

  // --- How it is drawn. ---

  /// The layout program.
  Layout layout = Layout::Auto;
  /// The folder holding Graphviz's programs (dot, sfdp, neato); empty means the folders of
  /// $PATH. Tests point it at an empty folder to see the error for a missing Graphviz.
  std::string graphviz_dir;
};

/// What Graphviz is asked to produce.
enum class ImageFormat { Svg, Png, Pdf };

/// Rendering failed: an unknown --focus, a missing Graphviz program, or a Graphviz error.
/// what() is one line.
class RenderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// "auto", "dot", "sfdp", "neato".
std::string_view to_string(Layout layout);
std::optional<Layout> layout_from_string(std::string_view s);
/// Every name layout_from_string accepts, in declaration order.
std::vector<std::string> layout_names();
/// "none", "short", "full".
std::optional<QuoteMode> quote_mode_from_string(std::string_view s);
/// Every name quote_mode_from_string accepts, in declaration order.
std::vector<std::string> quote_mode_names();
/// "mentions", "degree".
std::optional<RankBy> rank_by_from_string(std::string_view s);
/// Every name rank_by_from_string accepts, in declaration order.
std::vector<std::string> rank_by_names();
/// ".svg" -> Svg, ".png" -> Png, ".pdf" -> Pdf (any case); nullopt for anything else.
std::optional<ImageFormat> image_format_from_extension(const std::string& path);
/// "svg", "png", "pdf": Graphviz's -T name.
std::string_view to_string(ImageFormat format);

/// The part of `g` that the filters of `options` select, as a graph of its own: vertices and
/// edges keep their relative order (so the result is as deterministic as `g`), and every
/// kept node and edge keeps all its attributes. Throws RenderError when `options.focus`
/// names no node, names several equally well, or names a node the other filters leave out.
Graph filter_graph(const Graph& g, const RenderOptions& options);

/// The program that draws `g`: `requested`, or for Layout::Auto dot up to kDotMaxNodes
/// nodes and sfdp above.
Layout choose_layout(const Graph& g, Layout requested);

/// `g` (already filtered) as DOT styled for `layout` (not Auto): colour and shape by entity
/// type, the relation (and a title) as edge label, pen width by weight, a legend of the
/// node types and edge kinds present as the graph label, overlap removal for the
/// force-directed programs. Quotation labels follow options.quotes. Every string is escaped
/// as in write_dot, so the output is valid DOT whatever the text holds.
void write_render_dot(std::ostream& out, const Graph& g, const RenderOptions& options, Layout layout);

/// Runs the Graphviz program `layout` (not Auto) on `dot` and returns its output in `format`.
/// The program is started directly (no shell) with DOT on its standard input. Throws
/// RenderError "Graphviz 'dot' not found; install the graphviz package" when the program is
/// in neither options.graphviz_dir nor $PATH, and "Graphviz 'dot' failed: <first line of
/// its stderr>" when it exits non-zero or is killed.
std::string run_graphviz(const std::string& dot, Layout layout, ImageFormat format,
                         const std::string& graphviz_dir = {});

/// filter_graph, choose_layout, write_render_dot and run_graphviz in one call: `g` drawn as
/// `options` say, in `format`.
std::string render_graph(const Graph& g, const RenderOptions& options, ImageFormat format);

}  // namespace newsgraph
