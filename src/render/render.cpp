// Drawing the graph with Graphviz: the names of the drawing options, the choice of the layout
// program, and render_graph, which filters (render/filter.cpp), writes styled DOT
// (render/styled_dot.cpp) and runs Graphviz (render/graphviz.cpp).
#include "newsgraph/render/render.hpp"

#include <boost/range/iterator_range.hpp>
#include <sstream>

#include "export/text.hpp"
#include "util/enum_names.hpp"

namespace newsgraph {
namespace {

constexpr EnumNames<Layout, 4> kLayoutNames{{
    {Layout::Auto, "auto"},
    {Layout::Dot, "dot"},
    {Layout::Sfdp, "sfdp"},
    {Layout::Neato, "neato"},
}};

constexpr EnumNames<QuoteMode, 3> kQuoteModeNames{{
    {QuoteMode::None, "none"},
    {QuoteMode::Short, "short"},
    {QuoteMode::Full, "full"},
}};

constexpr EnumNames<RankBy, 2> kRankByNames{{
    {RankBy::Mentions, "mentions"},
    {RankBy::Degree, "degree"},
}};

/// Graphviz's -T names, which are also the file name extensions.
constexpr EnumNames<ImageFormat, 3> kImageFormatNames{{
    {ImageFormat::Svg, "svg"},
    {ImageFormat::Png, "png"},
    {ImageFormat::Pdf, "pdf"},
}};

}  // namespace

std::string_view to_string(Layout layout) { return enum_name(kLayoutNames, layout, "dot"); }

std::optional<Layout> layout_from_string(std::string_view s) { return enum_from_name(kLayoutNames, s); }

std::vector<std::string> layout_names() { return enum_name_list(kLayoutNames); }

std::optional<QuoteMode> quote_mode_from_string(std::string_view s) {
  return enum_from_name(kQuoteModeNames, s);
}

std::vector<std::string> quote_mode_names() { return enum_name_list(kQuoteModeNames); }

std::optional<RankBy> rank_by_from_string(std::string_view s) { return enum_from_name(kRankByNames, s); }

std::vector<std::string> rank_by_names() { return enum_name_list(kRankByNames); }

std::optional<ImageFormat> image_format_from_extension(const std::string& path) {
  return enum_from_name(kImageFormatNames, export_detail::lower_extension(path));
}

std::string_view to_string(ImageFormat format) { return enum_name(kImageFormatNames, format, "svg"); }

Layout choose_layout(const Graph& g, Layout requested) {
  if (requested != Layout::Auto) return requested;
  return boost::num_vertices(g) > kDotMaxNodes ? Layout::Sfdp : Layout::Dot;
}

std::string render_graph(const Graph& g, const RenderOptions& options, ImageFormat format) {
  const Graph drawn = filter_graph(g, options);
  const Layout layout = choose_layout(drawn, options.layout);
  std::ostringstream dot;
  write_render_dot(dot, drawn, options, layout);
  return run_graphviz(dot.str(), layout, format, options.graphviz_dir);
}

}  // namespace newsgraph
