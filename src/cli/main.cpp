// The `newsgraph` command: builds the app from its commands (src/cli/commands/), parses the
// command line, runs the command and maps every failure to an exit code. Exit codes: 0 success,
// 1 input/output/knowledge error (one line "newsgraph: error: ..." on stderr), 2 usage error.
// All logic lives in the library.
#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "newsgraph/render/outputs.hpp"
#include "newsgraph/util/atomic_file.hpp"

#ifndef NEWSGRAPH_VERSION
#error "NEWSGRAPH_VERSION must be defined by the build"
#endif

using namespace newsgraph::cli;

int main(int argc, char** argv) {
  std::ios_base::sync_with_stdio(false);
  // A run stopped by a signal leaves no temporary file; a full file size limit is an error.
  newsgraph::clean_temporaries_on_signals();

  CLI::App app{"newsgraph: builds a knowledge graph of people, organizations and places from news articles."};
  app.name("newsgraph");
  app.set_version_flag("--version", std::string("newsgraph ") + NEWSGRAPH_VERSION);
  app.require_subcommand(1);
  app.footer(
      "INPUT is a .txt file (one article; first line the title), a .jsonl file (one article per\n"
      "line: id, text, and optional title, url, date, source), a folder (its .txt and .jsonl\n"
      "files, recursively) or '-' (JSON Lines on stdin).\n\n"
      "Examples:\n"
      "  newsgraph build samples/ -o out/graph.dot -o out/graph.graphml --mentions out/m.jsonl\n"
      "  cat articles.jsonl | newsgraph build -f graphml - > graph.graphml\n"
      "  newsgraph extract samples/messi-inter-miami.jsonl -o extract.jsonl\n"
      "  newsgraph build samples/ -o graph.json -o report.html --render graph.svg\n"
      "  newsgraph render graph.json -o focus.png --focus 'Vladimir Putin' --depth 2\n\n"
      "Exit codes: 0 success, 1 input/output/data error, 2 usage error.");

  // Each command's options, and what runs it once its subcommand is parsed.
  BuildOptions build;
  ExtractOptions extract;
  RenderCommandOptions render;
  TrainNerOptions train_ner;
  EvalNerOptions eval_ner;
  TrainRelationsOptions train_relations;
  EvalRelationsOptions eval_relations;
  KbOptions kb;
  const KbCommands kb_commands = add_kb(app, kb);
  const std::vector<std::pair<CLI::App*, std::function<int()>>> commands{
      {add_build(app, build), [&] { return run_build(build); }},
      {add_extract(app, extract), [&] { return run_extract(extract); }},
      {add_render(app, render), [&] { return run_render(render); }},
      {add_train_ner(app, train_ner), [&] { return run_train_ner(train_ner); }},
      {add_eval_ner(app, eval_ner), [&] { return run_eval_ner(eval_ner); }},
      {add_train_relations(app, train_relations), [&] { return run_train_relations(train_relations); }},
      {add_eval_relations(app, eval_relations), [&] { return run_eval_relations(eval_relations); }},
      {kb_commands.build, [&] { return run_kb_build(kb); }},
      {kb_commands.info, [&] { return run_kb_info(kb); }},
  };

  if (argc <= 1) {
    std::cerr << app.help();
    return kExitUsage;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help or --version: printed to stdout, exit 0
  } catch (const CLI::ParseError& e) {
    return report_usage_error(e.what());
  }

  try {
    for (const auto& [cmd, run] : commands)
      if (cmd->parsed()) return run();
    return kExitUsage;  // unreachable: the app requires one subcommand
  } catch (const UsageError& e) {
    return report_usage_error(e.what());
  } catch (const newsgraph::OutputPlanError& e) {
    return report_usage_error(e.what());
  } catch (const std::exception& e) {
    return report_failure(e.what());
  } catch (...) {
    return report_failure("unknown internal error");
  }
}
