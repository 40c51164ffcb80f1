// Output planning: which file of a command line gets which content, the errors for names whose
// content cannot be told, and the contents made for a plan.
#include "newsgraph/render/outputs.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "newsgraph/export/neo4j_csv.hpp"
#include "support/export_fixtures.hpp"
#include "support/test_support.hpp"

using namespace newsgraph;
using namespace export_test;

namespace {

/// A planned output as one comparable line: "path kind[/format or image]".
std::string describe(const PlannedOutput& out) {
  static const std::map<OutputKind, std::string> kinds{
      {OutputKind::Export, "export"},      {OutputKind::Report, "report"},
      {OutputKind::Image, "image"},        {OutputKind::StyledDot, "styled-dot"},
      {OutputKind::Neo4jCsv, "neo4j-csv"}, {OutputKind::MergeExplanations, "explanations"},
      {OutputKind::Mentions, "mentions"},
  };
  static const std::map<Format, std::string> formats{
      {Format::Dot, "dot"},         {Format::GraphML, "graphml"}, {Format::JsonLd, "jsonld"},
      {Format::Json, "json"},       {Format::Html, "html"},       {Format::Cypher, "cypher"},
      {Format::KuzuCypher, "kuzu"},
  };
  std::string line = out.path + " " + kinds.at(out.kind);
  if (out.kind == OutputKind::Export) line += "/" + formats.at(out.format);
  if (out.kind == OutputKind::Image) line += "/" + std::string(to_string(out.image));
  return line;
}

std::vector<std::string> describe(const OutputPlan& plan) {
  std::vector<std::string> out;
  for (const PlannedOutput& f : plan.files) out.push_back(describe(f));
  return out;
}

/// The message of the OutputPlanError that planning `request` throws; fails without one.
std::string plan_error(const OutputRequest& request) {
  try {
    plan_outputs(request);
  } catch (const OutputPlanError& e) {
    return e.what();
  }
  FAIL("no OutputPlanError");
  return {};
}

std::string text_of(const std::function<void(std::ostream&)>& writer) {
  std::ostringstream out;
  writer(out);
  return out.str();
}

}  // namespace

TEST_CASE("outputs: each requested file gets its content by extension, or by -f", "[render][outputs]") {
  struct Row {
    const char* what;
    OutputRequest request;
    std::vector<std::string> files;
    std::vector<std::size_t> drawing_order;
    std::string to_stdout;  ///< empty: nothing
  };
  const auto graphs = [](std::vector<std::string> paths, std::optional<Format> format = std::nullopt) {
    OutputRequest r;
    r.graphs = std::move(paths);
    r.format = format;
    r.graph_to_stdout = true;
    return r;
  };
  OutputRequest everything = graphs({"g.json", "r.html"});
  everything.into = "base.json";
  everything.drawings = {"d.svg", "d.dot", "d.HTM"};
  everything.neo4j_csv = "csv";
  everything.explain_merges = "merges.txt";
  everything.mentions = "m.jsonl";
  OutputRequest drawings_only;
  drawings_only.drawings = {"a.PNG", "b.pdf", "c.gv", "d.html", "e.svg"};
  OutputRequest side_files = graphs({});
  side_files.mentions = "m.jsonl";
  side_files.drawings = {"x.svg"};

  const std::vector<Row> rows{
      {"every format by its extension",
       graphs({"a.dot", "a.gv", "a.graphml", "a.jsonld", "a.json", "a.cypher", "a.kuzu.cypher", "A.GraphML"}),
       {"a.dot export/dot", "a.gv export/dot", "a.graphml export/graphml", "a.jsonld export/jsonld",
        "a.json export/json", "a.cypher export/cypher", "a.kuzu.cypher export/kuzu",
        "A.GraphML export/graphml"},
       {},
       ""},
      {"-f overrides every extension",
       graphs({"x.txt", "y.json"}, Format::Dot),
       {"x.txt export/dot", "y.json export/dot"},
       {},
       ""},
      {"an .html graph file is a report",
       graphs({"r.html", "r.htm"}),
       {"r.html report", "r.htm report"},
       {0, 1},
       ""},
      {"without graph files the graph goes to stdout as JSON", graphs({}), {}, {}, "- export/json"},
      {"... or in the format of -f", graphs({}, Format::GraphML), {}, {}, "- export/graphml"},
      {"... a report for -f html", graphs({}, Format::Html), {}, {}, "- report"},
      {"the side files do not take stdout's place",
       side_files,
       {"x.svg image/svg", "m.jsonl mentions"},
       {0},
       "- export/json"},
      {"every kind at once, in the order they are written",
       everything,
       {"g.json export/json", "r.html report", "base.json export/json", "csv neo4j-csv", "d.svg image/svg",
        "d.dot styled-dot", "d.HTM report", "merges.txt explanations", "m.jsonl mentions"},
       {4, 5, 6, 1},
       ""},
      {"drawings by extension, nothing on stdout",
       drawings_only,
       {"a.PNG image/png", "b.pdf image/pdf", "c.gv styled-dot", "d.html report", "e.svg image/svg"},
       {0, 1, 2, 3, 4},
       ""},
  };
  for (const Row& row : rows) {
    INFO(row.what);
    const OutputPlan plan = plan_outputs(row.request);
    CHECK(describe(plan) == row.files);
    CHECK(plan.drawing_order == row.drawing_order);
    CHECK((plan.to_stdout ? describe(*plan.to_stdout) : "") == row.to_stdout);
  }
}

TEST_CASE("outputs: a file whose content cannot be told is an OutputPlanError naming it",
          "[render][outputs]") {
  OutputRequest r;
  r.graphs = {"ok.json", "graph.xyz", "other.abc"};
  CHECK(plan_error(r) ==
        "cannot tell the format of 'graph.xyz' from its extension (use .dot, .gv, .graphml, .jsonld, .json, "
        ".html, .cypher, .kuzu.cypher or -f FORMAT)");
  r.graphs = {"no-extension"};
  CHECK(plan_error(r).find("'no-extension'") != std::string::npos);
  r.graphs = {".json"};  // a hidden name, not an extension
  CHECK(plan_error(r).find("'.json'") != std::string::npos);
  // Graph files are checked before drawings.
  r.graphs = {"g.xyz"};
  r.drawings = {"d.xyz"};
  CHECK(plan_error(r).find("'g.xyz'") != std::string::npos);
  r.graphs = {};
  CHECK(plan_error(r) ==
        "cannot tell what to draw into 'd.xyz' from its extension (use .svg, .png, .pdf, .html or .dot)");
  // Data formats are no drawings.
  for (const char* path : {"d.json", "d.graphml", "d.cypher", "d.jsonld"}) {
    r.drawings = {path};
    CHECK(plan_error(r).find(std::string("'") + path + "'") != std::string::npos);
  }
  // With -f every graph file has a format, whatever its name.
  r.drawings = {};
  r.graphs = {"graph.xyz"};
  r.format = Format::Json;
  CHECK_NOTHROW(plan_outputs(r));
}

TEST_CASE("outputs: the contents are those of the writers", "[render][outputs]") {
  const Graph g = small_graph();
  const testing::TempDir dir;
  OutputRequest r;
  r.graphs = {"a.graphml", "a.kuzu.cypher"};
  r.drawings = {"d.dot", "e.gv"};
  r.neo4j_csv = dir.path();
  const OutputPlan plan = plan_outputs(r);
  OutputSources sources;
  sources.graph = &g;
  sources.drawing.render.keep_isolated = true;
  const RunOutputs outputs = make_outputs(plan, sources);
  CHECK_FALSE(outputs.to_stdout);
  REQUIRE(outputs.files.size() == 6);
  CHECK(outputs.files[0].path == "a.graphml");
  CHECK(text_of(outputs.files[0].writer) == render(g, Format::GraphML));
  CHECK(text_of(outputs.files[1].writer) == render(g, Format::KuzuCypher));
  const std::vector<FileContent> csv = neo4j_csv_files(dir.path(), g);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(outputs.files[2 + i].path == csv[i].path);
    CHECK(text_of(outputs.files[2 + i].writer) == text_of(csv[i].writer));
  }
  std::ostringstream dot;
  const Graph drawn = filter_graph(g, sources.drawing.render);
  write_render_dot(dot, drawn, sources.drawing.render, choose_layout(drawn, Layout::Auto));
  CHECK(text_of(outputs.files[4].writer) == dot.str());
  CHECK(text_of(outputs.files[5].writer) == dot.str());

  // The graph on stdout, with the articles as JSON sources when given.
  OutputRequest to_stdout;
  to_stdout.graph_to_stdout = true;
  const RunOutputs out = make_outputs(plan_outputs(to_stdout), sources);
  REQUIRE(out.to_stdout);
  CHECK(text_of(out.to_stdout) == render(g, Format::Json));
}

TEST_CASE("outputs: a failed drawing fails the run, a report without one warns", "[render][outputs]") {
  const Graph g = small_graph();
  const testing::TempDir dir;  // an empty folder: no Graphviz there
  OutputSources sources;
  sources.graph = &g;
  sources.drawing.render.graphviz_dir = dir.path();
  std::vector<std::string> warnings;
  sources.warn = [&](const std::string& what) { warnings.push_back(what); };

  OutputRequest r;
  r.drawings = {"r.html", "s.html"};
  const RunOutputs reports = make_outputs(plan_outputs(r), sources);
  REQUIRE(reports.files.size() == 2);
  CHECK(text_of(reports.files[0].writer).find("No drawing: Graphviz &#39;dot&#39; not found") !=
        std::string::npos);
  CHECK(warnings ==
        std::vector<std::string>{"the report has no drawing: Graphviz 'dot' not found; install the "
                                 "graphviz package"});

  r.drawings = {"d.svg"};
  CHECK_THROWS_AS(make_outputs(plan_outputs(r), sources), RenderError);
  sources.drawing.render.focus = "Nobody At All";
  r.drawings = {"d.dot"};
  CHECK_THROWS_AS(make_outputs(plan_outputs(r), sources), RenderError);

  // Mentions and explanations need what `build` produced.
  OutputRequest m;
  m.mentions = "m.jsonl";
  sources.drawing.render.focus.clear();
  CHECK_THROWS_AS(make_outputs(plan_outputs(m), sources), std::invalid_argument);
}
