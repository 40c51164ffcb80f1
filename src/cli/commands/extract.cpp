// `newsgraph extract`: one JSON line per article, with its mentions, entities and relations.
#include <iostream>
#include <vector>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "cli/progress.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/ingest/document.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/pipeline/stats.hpp"
#include "newsgraph/util/atomic_file.hpp"

namespace newsgraph::cli {

CLI::App* add_extract(CLI::App& app, ExtractOptions& o) {
  CLI::App* cmd =
      app.add_subcommand("extract", "write one JSON line per article: mentions, entities, relations");
  cmd->add_option("-o,--output", o.output, "write to FILE instead of stdout")->type_name("FILE");
  add_threads_option(*cmd, o.threads);
  add_article_limit_option(*cmd, o.max_article_mb);
  cmd->add_flag("-q,--quiet", o.quiet, "no progress display on stderr (errors only)");
  cmd->add_flag("--stats", o.stats,
                "after the run, print one line to stderr: articles, tokens, bytes, seconds of "
                "reading, loading and extraction, tokens/s and MB/s");
  add_knowledge_options(*cmd, o.knowledge);
  add_recognizer_options(*cmd, o.recognizer);
  cmd->add_option("INPUT", o.inputs, "articles: .txt, .jsonl, folders, '-' for stdin")
      ->type_name("PATH")
      ->required();
  return cmd;
}

int run_extract(const ExtractOptions& o) {
  newsgraph::Stopwatch clock;
  newsgraph::ExtractTimings timings;
  const std::vector<newsgraph::Article> articles = read_articles(o.inputs, o.max_article_mb);
  timings.read = clock.lap();

  newsgraph::PipelineConfig config = pipeline_config(o.threads, o.knowledge, o.recognizer);
  ProgressMeter meter(o.quiet);
  config.progress = meter.callback();
  config.stage_progress = meter.stage_callback();
  const newsgraph::Pipeline pipeline(config);
  timings.load = clock.lap();
  const std::vector<newsgraph::ArticleResult> results = pipeline.extract_all(articles);
  timings.extract = clock.lap();
  meter.finish();

  const auto write_lines = [&](std::ostream& os) {
    for (const newsgraph::ArticleResult& r : results) newsgraph::write_extract_line(os, r);
  };
  if (o.output.empty()) {
    write_lines(std::cout);
    finish_stdout();
  } else {
    newsgraph::write_file_atomically(o.output, write_lines);
  }
  if (o.stats) std::cerr << newsgraph::stats_line(newsgraph::measure_volume(articles), timings) << "\n";
  return kExitSuccess;
}

}  // namespace newsgraph::cli
