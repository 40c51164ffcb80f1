// libFuzzer target: the whole extract pipeline on one article, with the shipped models of
// models/ and Debian's data (a static Pipeline, one thread, built once per process), then
// every output of a run: DOT, GraphML, JSON-LD, JSON with sources, Cypher for Neo4j and Kùzu,
// Neo4j CSV, the extract line, the mention lines, the styled DOT of `render` and the HTML
// report (with an empty drawing, so no Graphviz process is started). The input is made valid
// UTF-8 (malformed bytes as U+FFFD) and read as a .txt file. Checked guarantees: every output
// is valid UTF-8; the GraphML and the styled DOT hold only characters XML allows; the JSON
// export reads back (as `render` and `build --into` read it) and writes the same bytes again.
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "newsgraph/export/cypher.hpp"
#include "newsgraph/export/dot.hpp"
#include "newsgraph/export/graphml.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/export/json_reader.hpp"
#include "newsgraph/export/jsonld.hpp"
#include "newsgraph/export/neo4j_csv.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/render/render.hpp"
#include "newsgraph/render/report.hpp"

namespace {

using namespace newsgraph;

const Pipeline& pipeline() {
  static const Pipeline p([] {
    PipelineConfig config;
    config.threads = 1;
    return config;
  }());
  return p;
}

/// Writes with `write` into a string, which must be valid UTF-8.
template <class Write>
std::string output(const char* what, Write write) {
  std::ostringstream out;
  write(out);
  std::string s = out.str();
  fuzz::require(is_valid_utf8(s), what);
  return s;
}

void check_outputs(const BuildResult& r, const Article& article) {
  const Graph& g = r.graph;
  output("DOT is valid UTF-8", [&](std::ostream& o) { write_dot(o, g); });
  const std::string graphml = output("GraphML is valid UTF-8", [&](std::ostream& o) { write_graphml(o, g); });
  fuzz::require(fuzz::xml_chars_only(graphml), "GraphML holds only XML characters");
  output("JSON-LD is valid UTF-8", [&](std::ostream& o) { write_jsonld(o, g); });
  output("Cypher is valid UTF-8", [&](std::ostream& o) { write_cypher(o, g, CypherDialect::Neo4j); });
  output("Kuzu Cypher is valid UTF-8", [&](std::ostream& o) { write_cypher(o, g, CypherDialect::Kuzu); });
  output("Neo4j nodes CSV is valid UTF-8", [&](std::ostream& o) { write_neo4j_nodes_csv(o, g); });
  output("Neo4j relationships CSV is valid UTF-8",
         [&](std::ostream& o) { write_neo4j_relationships_csv(o, g); });
  for (const ArticleResult& a : r.articles)
    output("the extract line is valid UTF-8", [&](std::ostream& o) { write_extract_line(o, a); });
  output("the mention lines are valid UTF-8",
         [&](std::ostream& o) { write_mention_lines(o, r.articles, r.merged); });

  const std::string json =
      output("JSON is valid UTF-8", [&](std::ostream& o) { write_json(o, g, &r.articles); });
  const Graph back = parse_json_graph(json, "fuzz.json");
  const std::vector<ArticleResult> sources = parse_json_sources(json, "fuzz.json");
  fuzz::require(
      output("JSON is valid UTF-8", [&](std::ostream& o) { write_json(o, back, &sources); }) == json,
      "the JSON export reads back and writes the same bytes");

  RenderOptions options;
  options.quotes = QuoteMode::Full;
  const Graph drawn = filter_graph(g, options);
  const std::string dot = output("the styled DOT is valid UTF-8",
                                 [&](std::ostream& o) { write_render_dot(o, drawn, options, Layout::Dot); });
  fuzz::require(fuzz::xml_chars_only(dot), "the styled DOT holds only XML characters");
  const std::map<std::string, std::string> texts{{article.id, article.text}};
  HtmlOptions html;
  html.article_texts = &texts;
  output("the report is valid UTF-8", [&](std::ostream& o) { write_html(o, g, html, HtmlDrawing{}); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Pipeline& p = pipeline();
  const Article article = parse_txt(valid_utf8(fuzz::bytes(data, size)), "fuzz", "fuzz.txt");
  const BuildResult r = p.build({article});
  check_outputs(r, article);
  return 0;
}
