// `newsgraph render`: draws a graph written by `build -o FILE.json`, or writes its report.
#include <map>
#include <string>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "newsgraph/export/json_reader.hpp"
#include "newsgraph/ingest/document.hpp"
#include "newsgraph/render/outputs.hpp"

namespace newsgraph::cli {

CLI::App* add_render(CLI::App& app, RenderCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "render", "draw a graph written by 'build -o FILE.json' with Graphviz, or write its HTML report");
  cmd->add_option("-o,--output", o.outputs,
                  "write to FILE: .svg, .png or .pdf (drawing), .html (report), .dot (the styled DOT); "
                  "repeatable")
      ->type_name("FILE")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--articles", o.articles,
                  "the articles the graph was built from (as for build), so that the report quotes the "
                  "sentence of each statement; repeatable")
      ->type_name("PATH")
      ->allow_extra_args(false);
  add_article_limit_option(*cmd, o.max_article_mb);
  cmd->add_flag("-q,--quiet", o.quiet, "no warnings on stderr (errors only)");
  add_drawing_options(*cmd, o.drawing, "Drawing");
  cmd->add_option("GRAPH", o.graph, "a graph written by 'newsgraph build -o FILE.json'")
      ->type_name("FILE")
      ->required();
  return cmd;
}

int run_render(const RenderCommandOptions& o) {
  newsgraph::OutputRequest request;
  request.drawings = o.outputs;
  const newsgraph::OutputPlan plan = newsgraph::plan_outputs(request);
  const newsgraph::Graph g = newsgraph::read_json_graph(o.graph);
  std::map<std::string, std::string> texts;
  if (!o.articles.empty()) texts = newsgraph::article_texts(read_articles(o.articles, o.max_article_mb));
  newsgraph::OutputSources sources;
  sources.graph = &g;
  sources.drawing = report_options(o.drawing, texts);
  sources.warn = [quiet = o.quiet](const std::string& what) { warn(quiet, what); };
  const newsgraph::RunOutputs outputs = newsgraph::make_outputs(plan, sources);
  // Every file together: none is replaced unless all can be written.
  newsgraph::write_files_atomically(outputs.files);
  return kExitSuccess;
}

}  // namespace newsgraph::cli
