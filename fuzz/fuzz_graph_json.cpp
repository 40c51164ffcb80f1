// libFuzzer target: the JSON graph reader of `render` and `build --into` (parse_json_graph,
// parse_json_sources), then what `render` does with a graph (the styled DOT handed to Graphviz
// and the HTML report, without running Graphviz). Bad input must give InputError. A graph read
// must survive a round trip: what write_json writes of it reads back and writes the same bytes
// again. The styled DOT holds no character XML forbids (Graphviz copies its strings into SVG).
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/export/json_reader.hpp"
#include "newsgraph/render/render.hpp"
#include "newsgraph/render/report.hpp"

namespace {

using namespace newsgraph;

std::string json_of(const Graph& g, const std::vector<ArticleResult>* sources) {
  std::ostringstream out;
  write_json(out, g, sources);
  return out.str();
}

/// The round trip of `build --into`: the graph and its sources written, read back and written
/// again give the same bytes.
void check_round_trip(const Graph& g, const std::vector<ArticleResult>* sources) {
  const std::string first = json_of(g, sources);
  const Graph g2 = parse_json_graph(first, "first.json");
  std::string second;
  if (sources != nullptr) {
    const std::vector<ArticleResult> s2 = parse_json_sources(first, "first.json");
    second = json_of(g2, &s2);
  } else {
    second = json_of(g2, nullptr);
  }
  fuzz::require(first == second, "write_json(read(write_json(g))) == write_json(g)");
}

/// What `render` makes of the graph, Graphviz aside.
void check_render(const Graph& g) {
  RenderOptions options;
  options.keep_isolated = true;
  options.quotes = QuoteMode::Short;
  const Graph drawn = filter_graph(g, options);
  for (const Layout layout : {Layout::Dot, Layout::Neato}) {
    std::ostringstream dot;
    write_render_dot(dot, drawn, options, layout);
    fuzz::require(fuzz::xml_chars_only(dot.str()), "the styled DOT holds only XML characters");
  }
  std::ostringstream html;
  write_html(html, g, HtmlOptions{}, HtmlDrawing{});
  fuzz::require(is_valid_utf8(html.str()), "the report is valid UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json = fuzz::bytes(data, size);
  std::optional<Graph> g;
  std::optional<std::vector<ArticleResult>> sources;
  try {
    g = parse_json_graph(json, "fuzz.json");
  } catch (const InputError&) {
  }
  try {
    sources = parse_json_sources(json, "fuzz.json");
  } catch (const InputError&) {
  }
  if (!g) return 0;
  check_round_trip(*g, nullptr);
  if (sources) check_round_trip(*g, &*sources);
  check_render(*g);
  return 0;
}
