// Drawing: the filters, the styled DOT, running Graphviz (and failing clearly without it), and
// the names of the drawing options.
#include "newsgraph/render/render.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "support/export_fixtures.hpp"
#include "support/test_support.hpp"

using namespace newsgraph;
using namespace export_test;

namespace {

std::string dot_of(const Graph& g, const RenderOptions& options, Layout layout = Layout::Dot) {
  std::ostringstream out;
  write_render_dot(out, g, options, layout);
  return out.str();
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

/// The message of the RenderError that `f` throws; fails the test when it throws none.
template <class F>
std::string render_error(F f) {
  try {
    f();
  } catch (const RenderError& e) {
    return e.what();
  }
  FAIL("no RenderError");
  return {};
}

/// Writes an executable shell script `name` into `dir`.
void script(const testing::TempDir& dir, const std::string& name, const std::string& body) {
  const std::string path = dir.write(name, "#!/bin/sh\n" + body + "\n");
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
}

}  // namespace

TEST_CASE("render: by default every relation, without quotations or nodes without edges", "[render]") {
  const Graph g = filter_graph(drawing_graph(), RenderOptions{});
  CHECK(node_ids(g) == std::vector<std::string>{
                           "group/european-leaders", "organization/nato", "person/anna-varga",
                           "person/lena-ek", "person/omar-lindqvist", "place/geneva", "place/switzerland"});
  CHECK(edge_names(g) == std::vector<std::string>{
                             "person/anna-varga holds_position organization/nato",
                             "person/anna-varga met_with person/omar-lindqvist",
                             "group/european-leaders accused person/anna-varga",
                             "person/lena-ek criticized person/omar-lindqvist",
                             "person/omar-lindqvist visited place/geneva",
                             "place/geneva located_in place/switzerland",
                         });
  CHECK(g[boost::graph_bundle].articles == std::vector<std::string>{"a1", "a2"});
  // Attributes travel with the nodes and edges kept.
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    if (g[e].relation == RelationType::HoldsPosition) CHECK(g[e].title == "Secretary General");
}

TEST_CASE("render: --min-weight drops light edges, then the nodes left without any", "[render]") {
  RenderOptions o;
  o.min_weight = 2;
  Graph g = filter_graph(drawing_graph(), o);
  CHECK(node_ids(g) == std::vector<std::string>{"organization/nato", "person/anna-varga",
                                                "person/omar-lindqvist", "place/geneva",
                                                "place/switzerland"});
  CHECK(edge_names(g) == std::vector<std::string>{"person/anna-varga holds_position organization/nato",
                                                  "person/omar-lindqvist visited place/geneva",
                                                  "place/geneva located_in place/switzerland"});
  o.keep_isolated = true;
  g = filter_graph(drawing_graph(), o);
  CHECK(boost::num_vertices(g) == 8);  // all but the quotation
  CHECK(boost::num_edges(g) == 3);
  o.min_weight = 5;
  o.keep_isolated = false;
  CHECK(boost::num_vertices(filter_graph(drawing_graph(), o)) == 0);
}

TEST_CASE("render: --types keeps the types named; quotations follow --quotes", "[render]") {
  RenderOptions o;
  o.types = {EntityType::Person};
  Graph g = filter_graph(drawing_graph(), o);
  CHECK(node_ids(g) ==
        std::vector<std::string>{"person/anna-varga", "person/lena-ek", "person/omar-lindqvist"});
  CHECK(boost::num_edges(g) == 2);

  o.types = {EntityType::Person, EntityType::Place};
  o.quotes = QuoteMode::Short;
  g = filter_graph(drawing_graph(), o);
  CHECK(node_ids(g) == std::vector<std::string>{"person/anna-varga", "person/lena-ek",
                                                "person/omar-lindqvist", "place/geneva", "place/switzerland",
                                                "quotation/we-will-talk"});
  CHECK(count(dot_of(g, o), "person/anna-varga\" -> \"quotation/we-will-talk\"") == 1);
}

TEST_CASE("render: quotation labels are left out, shortened or whole", "[render]") {
  RenderOptions o;
  o.quotes = QuoteMode::Short;
  o.quote_chars = 12;
  const Graph g = filter_graph(drawing_graph(), o);
  std::string dot = dot_of(g, o);
  CHECK(dot.find("label=\"We will talk\u2026\"") != std::string::npos);
  o.quotes = QuoteMode::Full;
  dot = dot_of(g, o);
  CHECK(dot.find("label=\"We will talk until everyone signs.\"") != std::string::npos);
  o.quotes = QuoteMode::None;
  CHECK(dot_of(filter_graph(drawing_graph(), o), o).find("quotation/") == std::string::npos);
}

TEST_CASE("render: --focus and --depth draw one entity's neighbourhood", "[render]") {
  RenderOptions o;
  o.focus = "anna VARGA";
  Graph g = filter_graph(drawing_graph(), o);
  CHECK(node_ids(g) == std::vector<std::string>{"group/european-leaders", "organization/nato",
                                                "person/anna-varga", "person/omar-lindqvist"});
  o.depth = 2;
  g = filter_graph(drawing_graph(), o);
  CHECK(node_ids(g) == std::vector<std::string>{"group/european-leaders", "organization/nato",
                                                "person/anna-varga", "person/lena-ek",
                                                "person/omar-lindqvist", "place/geneva"});
  // An alias, an id; a node without edges is still drawn when it is the focus.
  o.depth = 1;
  o.focus = "  north atlantic alliance ";
  CHECK(node_ids(filter_graph(drawing_graph(), o)) ==
        std::vector<std::string>{"organization/nato", "person/anna-varga"});
  o.focus = "place/switzerland";
  CHECK(node_ids(filter_graph(drawing_graph(), o)) ==
        std::vector<std::string>{"place/geneva", "place/switzerland"});
  o.focus = "Zed Quiet";
  CHECK(node_ids(filter_graph(drawing_graph(), o)) == std::vector<std::string>{"person/zed-quiet"});
  // The edges within reach only: at depth 1 from Geneva, Omar's other edges are not drawn.
  o.focus = "geneva";
  g = filter_graph(drawing_graph(), o);
  CHECK(edge_names(g) == std::vector<std::string>{"person/omar-lindqvist visited place/geneva",
                                                  "place/geneva located_in place/switzerland"});
}

TEST_CASE("render: an unknown, ambiguous or filtered-out --focus is a clear error", "[render]") {
  RenderOptions o;
  o.focus = "Nobody \"Special\"";
  CHECK(render_error([&] { filter_graph(drawing_graph(), o); }) ==
        "focus 'Nobody \"Special\"': no node of the graph has this name, alias or id");

  Graph twins;
  add_node(twins, make_node("person/jordan", EntityType::Person, "Jordan"));
  add_node(twins, make_node("place/jordan", EntityType::Place, "Jordan"));
  o.focus = "jordan";
  const std::string ambiguous = render_error([&] { filter_graph(twins, o); });
  CHECK(ambiguous.find("names 2 nodes (person/jordan, place/jordan)") != std::string::npos);
  o.focus = "place/jordan";
  o.keep_isolated = true;
  CHECK(node_ids(filter_graph(twins, o)) == std::vector<std::string>{"place/jordan"});

  o = RenderOptions{};
  o.focus = "Geneva";
  o.types = {EntityType::Person};
  CHECK(render_error([&] {
          filter_graph(drawing_graph(), o);
        }).find("which the type or quote filters leave out") != std::string::npos);
}

TEST_CASE("render: --top keeps the highest ranked nodes, quotations with their speakers", "[render]") {
  RenderOptions o;
  o.top = 2;
  // Zed Quiet has the most mentions but no edge, so it is gone before the ranking.
  Graph g = filter_graph(drawing_graph(), o);
  CHECK(node_ids(g) == std::vector<std::string>{"organization/nato", "person/anna-varga"});
  CHECK(boost::num_edges(g) == 1);

  o.quotes = QuoteMode::Full;
  g = filter_graph(drawing_graph(), o);
  CHECK(node_ids(g) ==
        std::vector<std::string>{"organization/nato", "person/anna-varga", "quotation/we-will-talk"});

  o.quotes = QuoteMode::None;
  o.top = 1;
  o.top_by = RankBy::Degree;
  o.focus = "Geneva";
  o.depth = 3;
  // Within three edges of Geneva, Anna and Omar have three edges each; Anna has more
  // mentions, so she is the one kept, and the focus stays as well.
  g = filter_graph(drawing_graph(), o);
  CHECK(node_ids(g) == std::vector<std::string>{"person/anna-varga", "place/geneva"});

  // Ties on the key go to more mentions, then to the smaller id.
  Graph ties;
  const auto b = add_node(ties, make_node("person/b", EntityType::Person, "B"));
  const auto a = add_node(ties, make_node("person/a", EntityType::Person, "A"));
  const auto c = add_node(ties, make_node("person/c", EntityType::Person, "C"));
  add_edge(ties, a, b, RelationType::MetWith, 1, 1);
  add_edge(ties, b, c, RelationType::MetWith, 1, 1);
  add_edge(ties, a, c, RelationType::MetWith, 1, 1);
  RenderOptions t;
  t.top = 2;
  CHECK(node_ids(filter_graph(ties, t)) == std::vector<std::string>{"person/b", "person/a"});
}

TEST_CASE("render: the layout is dot up to the threshold, sfdp above, or as asked", "[render]") {
  Graph g;
  for (std::size_t i = 0; i < kDotMaxNodes; ++i)
    add_node(g, make_node("person/p" + std::to_string(i), EntityType::Person, "P"));
  CHECK(choose_layout(g, Layout::Auto) == Layout::Dot);
  add_node(g, make_node("person/last", EntityType::Person, "P"));
  CHECK(choose_layout(g, Layout::Auto) == Layout::Sfdp);
  CHECK(choose_layout(g, Layout::Neato) == Layout::Neato);
  CHECK(choose_layout(g, Layout::Dot) == Layout::Dot);
  for (const char* name : {"auto", "dot", "sfdp", "neato"})
    CHECK(to_string(*layout_from_string(name)) == name);
  CHECK_FALSE(layout_from_string("circo"));
  CHECK(image_format_from_extension("a/Graph.SVG") == ImageFormat::Svg);
  CHECK(image_format_from_extension("g.png") == ImageFormat::Png);
  CHECK(image_format_from_extension("g.pdf") == ImageFormat::Pdf);
  CHECK_FALSE(image_format_from_extension("g.svgz"));
  CHECK_FALSE(image_format_from_extension(".svg"));
}

TEST_CASE("render: styled DOT per layout, with a legend of what is present", "[render]") {
  const RenderOptions o;
  const Graph g = filter_graph(drawing_graph(), o);
  const std::string dot = dot_of(g, o, Layout::Dot);
  CHECK(dot.find("rankdir=LR") != std::string::npos);
  CHECK(dot.find("overlap=") == std::string::npos);
  const std::string sfdp = dot_of(g, o, Layout::Sfdp);
  CHECK(sfdp.find("overlap=prism") != std::string::npos);
  CHECK(sfdp.find("splines=true") != std::string::npos);
  CHECK(sfdp.find("rankdir") == std::string::npos);
  // Shapes and colours by type; the legend names the four types present and not Quotation.
  CHECK(dot.find("\"person/anna-varga\" [shape=ellipse, fillcolor=\"#add8e6\"") != std::string::npos);
  CHECK(dot.find("\"organization/nato\" [shape=box,") != std::string::npos);
  for (const char* type : {">Person<", ">Organization<", ">Place<", ">Group<"}) CHECK(count(dot, type) == 1);
  CHECK(count(dot, ">Quotation<") == 0);
  // Relation and title as the label, pen width by weight, no arrow head on met_with.
  CHECK(dot.find("[label=\"holds_position\\nSecretary General\"") != std::string::npos);
  CHECK(dot.find("penwidth=2.58") != std::string::npos);  // 1 + log2(3)
  CHECK(dot.find("penwidth=3.00") != std::string::npos);  // 1 + log2(4)
  CHECK(count(dot, "dir=none") == 1);

  Graph persons;
  add_node(persons, make_node("person/x", EntityType::Person, "X"));
  const std::string lone = dot_of(persons, o);
  CHECK(count(lone, ">Person<") == 1);
  CHECK(count(lone, ">Place<") == 0);
  CHECK(dot_of(Graph{}, o).find("label=<") == std::string::npos);  // no legend for nothing
}

TEST_CASE("render: odd labels are escaped, and Graphviz draws every node and edge", "[render]") {
  const Graph g = nasty_graph();
  RenderOptions o;
  o.quotes = QuoteMode::Full;
  o.keep_isolated = true;
  const Graph drawn = filter_graph(g, o);
  REQUIRE(boost::num_vertices(drawn) == boost::num_vertices(g));
  for (const Layout layout : {Layout::Dot, Layout::Neato}) {
    const std::string dot = dot_of(drawn, o, layout);
    CHECK(export_test::valid_utf8(dot));
    CHECK(std::all_of(dot.begin(), dot.end(),
                      [](char c) { return static_cast<unsigned char>(c) >= 0x20 || c == '\n'; }));
    CHECK(dot.find("He said \\\"no\\\" and left") != std::string::npos);
    CHECK(dot.find("back\\\\slash\\\\") != std::string::npos);
    CHECK(dot.find("graphviz \\\\N \\\\G") != std::string::npos);
    CHECK(dot.find("\\\"b\\\" -> \\\"c\\\"") != std::string::npos);
    const std::string svg = run_graphviz(dot, layout, ImageFormat::Svg);
    CHECK(count(svg, "class=\"node\"") == boost::num_vertices(g));
    // Every edge is drawn; dot adds the invisible row links of nodes without edges.
    CHECK(count(svg, "class=\"edge\"") >= boost::num_edges(g));
    CHECK(svg.find("<b attr") == std::string::npos);
  }
}

TEST_CASE("render: Graphviz writes SVG, PNG and PDF, the same bytes every time", "[render]") {
  const Graph g = drawing_graph();
  const std::string svg = render_graph(g, RenderOptions{}, ImageFormat::Svg);
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(count(svg, "class=\"node\"") == 7);
  CHECK(render_graph(g, RenderOptions{}, ImageFormat::Svg) == svg);
  CHECK(render_graph(g, RenderOptions{}, ImageFormat::Png).substr(0, 4) == "\x89PNG");
  CHECK(render_graph(g, RenderOptions{}, ImageFormat::Pdf).substr(0, 5) == "%PDF-");
  RenderOptions sfdp;
  sfdp.layout = Layout::Sfdp;
  CHECK(count(render_graph(g, sfdp, ImageFormat::Svg), "class=\"node\"") == 7);
}

TEST_CASE("render: a missing Graphviz program is a one-line error naming it", "[render]") {
  const testing::TempDir empty;
  RenderOptions o;
  o.graphviz_dir = empty.path();
  CHECK(render_error([&] { render_graph(drawing_graph(), o, ImageFormat::Svg); }) ==
        "Graphviz 'dot' not found; install the graphviz package");
  o.layout = Layout::Sfdp;
  CHECK(render_error([&] { render_graph(drawing_graph(), o, ImageFormat::Png); }) ==
        "Graphviz 'sfdp' not found; install the graphviz package");

  // Without a folder, $PATH is searched.
  const char* saved = std::getenv("PATH");
  const std::string path = saved != nullptr ? saved : "";
  ::setenv("PATH", empty.path().c_str(), 1);
  const std::string message =
      render_error([&] { run_graphviz("digraph {}", Layout::Neato, ImageFormat::Svg); });
  ::setenv("PATH", path.c_str(), 1);
  CHECK(message == "Graphviz 'neato' not found; install the graphviz package");
}

TEST_CASE("render: a failing Graphviz is reported by its first line of stderr", "[render]") {
  const testing::TempDir dir;
  // The real dot on DOT it cannot parse.
  CHECK(render_error([&] {
          run_graphviz("digraph { -> }", Layout::Dot, ImageFormat::Svg);
        }).find("Graphviz 'dot' failed: Error: <stdin>: syntax error") == 0);

  script(dir, "dot", "cat >/dev/null\nprintf '\\n  Error: out of memory\\nmore\\n' >&2\nexit 3");
  CHECK(render_error([&] { run_graphviz("digraph {}", Layout::Dot, ImageFormat::Svg, dir.path()); }) ==
        "Graphviz 'dot' failed: Error: out of memory");
  // A program that reads nothing and exits silently: writing 8 MB to it must not kill us.
  script(dir, "neato", "exit 4");
  const std::string big = "digraph {" + std::string(8 << 20, ' ') + "}";
  CHECK(render_error([&] { run_graphviz(big, Layout::Neato, ImageFormat::Svg, dir.path()); }) ==
        "Graphviz 'neato' failed: exit status 4");
  script(dir, "sfdp", "kill -9 $$");
  CHECK(render_error([&] { run_graphviz("digraph {}", Layout::Sfdp, ImageFormat::Svg, dir.path()); }) ==
        "Graphviz 'sfdp' failed: killed by signal 9");
  script(dir, "dot", "cat >/dev/null");
  CHECK(render_error([&] { run_graphviz("digraph {}", Layout::Dot, ImageFormat::Svg, dir.path()); }) ==
        "Graphviz 'dot' wrote nothing");
  // A program that echoes its input proves the whole DOT arrives on its stdin.
  script(dir, "dot", "cat");
  CHECK(run_graphviz(big, Layout::Dot, ImageFormat::Svg, dir.path()) == big);
}

TEST_CASE("render: the names of the drawing options read back", "[render]") {
  CHECK(layout_names() == std::vector<std::string>{"auto", "dot", "sfdp", "neato"});
  for (const std::string& name : layout_names()) CHECK(to_string(*layout_from_string(name)) == name);
  CHECK(quote_mode_names() == std::vector<std::string>{"none", "short", "full"});
  CHECK(quote_mode_from_string("short") == QuoteMode::Short);
  CHECK(rank_by_names() == std::vector<std::string>{"mentions", "degree"});
  CHECK(rank_by_from_string("degree") == RankBy::Degree);
  CHECK_FALSE(layout_from_string("circo"));
  CHECK_FALSE(quote_mode_from_string("None"));
  CHECK(image_format_from_extension("a/b.SVG") == ImageFormat::Svg);
  CHECK(image_format_from_extension("b.pdf") == ImageFormat::Pdf);
  CHECK_FALSE(image_format_from_extension("svg"));
  CHECK(to_string(ImageFormat::Png) == "png");
}

TEST_CASE("render: the styled DOT holds no character XML forbids, ids kept apart", "[render]") {
  // Graphviz copies ids, labels and tooltips into its SVG: U+FFFE, U+FFFF and control
  // characters there made the SVG ill-formed XML.
  Graph g;
  Node a =
      make_node("person/a\xEF\xBF\xBE", EntityType::Person, "Vladimir \xEF\xBF\xBEPutin\xEF\xBF\xBF \x01");
  a.aliases = {"\xEF\xBF\xBF", "Put\xEF\xBF\xBEin"};
  const auto va = add_node(g, a);
  const auto vb = add_node(g, make_node("person/a", EntityType::Person, "Another"));
  const auto vc = add_node(g, make_node("place/\xEF\xBF\xBF", EntityType::Place, "Russia"));
  add_edge(g, va, vc, RelationType::HoldsPosition, 1, 1, "Pres\xEF\xBF\xBFident");
  add_edge(g, vb, va, RelationType::MetWith, 2, 1);
  RenderOptions options;
  options.keep_isolated = true;
  for (const Layout layout : {Layout::Dot, Layout::Neato}) {
    const std::string dot = dot_of(g, options, layout);
    CHECK(dot.find("\xEF\xBF\xBE") == std::string::npos);
    CHECK(dot.find("\xEF\xBF\xBF") == std::string::npos);
    CHECK(dot.find('\x01') == std::string::npos);
    CHECK(dot.find("label=\"Vladimir Putin") != std::string::npos);
    CHECK(dot.find("also: , Putin") != std::string::npos);
    CHECK(dot.find("Pres\\nident") == std::string::npos);
    CHECK(dot.find("President") != std::string::npos);
    // "person/a" is taken by another node: the renamed one keeps apart, and its edges follow it.
    CHECK(dot.find("\"person/a (2)\" [") != std::string::npos);
    CHECK(dot.find("\"person/a\" [") != std::string::npos);
    CHECK(dot.find("\"person/a (2)\" -> \"place/\"") != std::string::npos);
    CHECK(dot.find("\"person/a\" -> \"person/a (2)\"") != std::string::npos);
  }
  // A graph without such characters draws exactly as before (no renaming, no copy).
  const Graph plain = drawing_graph();
  const std::string dot = dot_of(plain, options);
  CHECK(dot.find(" (2)\"") == std::string::npos);
}
