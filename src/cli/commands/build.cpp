// `newsgraph build`: merges articles into one graph and writes it, with its drawings and reports.
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "cli/progress.hpp"
#include "newsgraph/export/json_reader.hpp"
#include "newsgraph/ingest/document.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/render/outputs.hpp"
#include "util/file_lock.hpp"

namespace newsgraph::cli {

CLI::App* add_build(CLI::App& app, BuildOptions& o) {
  CLI::App* cmd = app.add_subcommand("build", "merge articles into one graph and export it");
  cmd->add_option("-o,--output", o.outputs,
                  "write the graph to FILE, format from its extension "
                  "(.dot .gv .graphml .jsonld .json, .html for a report, .cypher for Neo4j, .kuzu.cypher "
                  "for Kuzu); repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  cmd->add_option("-f,--format", o.format,
                  "format of every output, and of stdout when no -o is given "
                  "(dot|gv|graphml|jsonld|json|html|cypher|kuzu; default json)")
      ->type_name("FORMAT")
      ->check(format_validator());
  cmd->add_option("--mentions", o.mentions, "also write every resolved mention as JSON Lines to FILE")
      ->type_name("FILE");
  cmd->add_option("--into", o.into,
                  "merge the inputs into the graph FILE written before by 'build -o FILE.json', and "
                  "rewrite FILE: the same graph as building everything at once")
      ->type_name("FILE");
  cmd->add_option("--neo4j-csv", o.neo4j_csv,
                  "also write DIR/nodes.csv and DIR/relationships.csv (DIR must exist) for neo4j-admin "
                  "database import (--array-delimiter=U+001F --multiline-fields=true)")
      ->type_name("DIR");
  cmd->add_option("--explain-merges", o.explain_merges,
                  "write every merge of names into one node, with its rule and evidence, to FILE")
      ->type_name("FILE");
  cmd->add_option("--aliases", o.aliases,
                  "force merges: FILE has one entity per line, its names separated by '|'")
      ->type_name("FILE");
  cmd->add_option("--keep-apart", o.keep_apart,
                  "forbid merges: FILE has one group per line, names of different entities separated by '|'")
      ->type_name("FILE");
  cmd->add_option("--render", o.renders,
                  "also draw the graph with Graphviz to FILE (.svg, .png, .pdf; .dot for the styled DOT); "
                  "repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  cmd->add_flag("-q,--quiet", o.quiet, "no progress display and no warnings on stderr (errors only)");
  add_threads_option(*cmd, o.threads);
  add_article_limit_option(*cmd, o.max_article_mb);
  add_knowledge_options(*cmd, o.knowledge);
  add_recognizer_options(*cmd, o.recognizer);
  add_drawing_options(*cmd, o.drawing, "Drawing (--render and .html reports)");
  cmd->add_option("INPUT", o.inputs, "articles: .txt, .jsonl, folders, '-' for stdin")
      ->type_name("PATH")
      ->required();
  return cmd;
}

int run_build(const BuildOptions& o) {
  newsgraph::OutputRequest request;
  request.graphs = o.outputs;
  if (!o.format.empty()) request.format = newsgraph::format_from_name(o.format);
  request.into = o.into;
  request.drawings = o.renders;
  request.neo4j_csv = o.neo4j_csv;
  request.explain_merges = o.explain_merges;
  request.mentions = o.mentions;
  request.graph_to_stdout = true;
  const newsgraph::OutputPlan plan = newsgraph::plan_outputs(request);

  const std::vector<newsgraph::Article> articles = read_articles(o.inputs, o.max_article_mb);
  // The graph built into is read, merged with and rewritten under its lock, so that concurrent
  // runs into one graph take turns and none loses the other's articles.
  std::optional<newsgraph::FileLock> into_lock;
  if (!o.into.empty()) {
    into_lock = newsgraph::FileLock::acquire(o.into, [&] {
      if (!o.quiet)
        std::cerr << "newsgraph: waiting for another run to finish with " << one_line(o.into) << "\n";
    });
  }
  std::vector<newsgraph::ArticleResult> earlier;
  // A graph to build into that does not exist yet starts empty.
  if (!o.into.empty() && std::filesystem::exists(o.into)) earlier = newsgraph::read_json_sources(o.into);

  newsgraph::PipelineConfig config = pipeline_config(o.threads, o.knowledge, o.recognizer);
  if (!o.aliases.empty()) config.merge.aliases = newsgraph::read_name_groups(o.aliases);
  if (!o.keep_apart.empty()) config.merge.keep_apart = newsgraph::read_name_groups(o.keep_apart);
  ProgressMeter meter(o.quiet);
  config.progress = meter.callback();
  config.stage_progress = meter.stage_callback();
  const newsgraph::Pipeline pipeline(config);
  const newsgraph::BuildResult result = pipeline.build(articles, std::move(earlier));
  meter.finish();

  // Reports and drawings are made before any file is written, so that a failure leaves none
  // behind; then stdout, then every file of the run together (write_files_atomically): none is
  // replaced unless all can be written.
  const std::map<std::string, std::string> texts = newsgraph::article_texts(articles);
  newsgraph::OutputSources sources;
  sources.graph = &result.graph;
  sources.articles = &result.articles;
  sources.merged = &result.merged;
  sources.drawing = report_options(o.drawing, texts);
  sources.warn = [quiet = o.quiet](const std::string& what) { warn(quiet, what); };
  const newsgraph::RunOutputs outputs = newsgraph::make_outputs(plan, sources);
  if (outputs.to_stdout) {
    outputs.to_stdout(std::cout);
    finish_stdout();
  }
  newsgraph::write_files_atomically(outputs.files);
  return kExitSuccess;
}

}  // namespace newsgraph::cli
