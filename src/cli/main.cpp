// The `newsgraph` command: parses the command line, runs the library and maps every failure to
// an exit code. Exit codes: 0 success, 1 input/output/knowledge error (one line
// "newsgraph: error: ..." on stderr), 2 usage error. All logic lives in the library.
#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsgraph/document.hpp"
#include "newsgraph/export.hpp"
#include "newsgraph/export_json.hpp"
#include "newsgraph/knowledge.hpp"
#include "newsgraph/pipeline.hpp"

#ifndef NEWSGRAPH_VERSION
#error "NEWSGRAPH_VERSION must be defined by the build"
#endif

namespace {

constexpr int kExitSuccess = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

/// The most worker threads a user may ask for; far above any real core count.
constexpr unsigned kMaxThreads = 1024;

/// A command line that parses but cannot be carried out as given (an output file whose
/// format cannot be told). Reported like a CLI11 parse error, with exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where the Debian data is read from; defaults are Debian's paths.
struct KnowledgeOptions {
  newsgraph::KnowledgePaths paths;
};

struct BuildOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  std::string format;
  std::string mentions;
  unsigned threads = 0;
  KnowledgeOptions knowledge;
};

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string output;
  unsigned threads = 0;
  KnowledgeOptions knowledge;
};

/// One file `build` writes the graph to, and its format.
struct GraphOutput {
  std::string path;
  newsgraph::Format format;
};

/// `what` on one line: line breaks and other control characters become spaces, so an error
/// is always exactly one line of stderr.
std::string one_line(const std::string& what) {
  std::string out = what;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

/// Accepts the format names the library knows ("dot", "gv", "graphml", "jsonld", "json").
CLI::Validator format_validator() {
  return CLI::Validator(
      [](std::string& name) -> std::string {
        if (newsgraph::format_from_name(name)) return {};
        return "unknown format '" + name + "' (expected dot, gv, graphml, jsonld or json)";
      },
      "", "Format");
}

void add_knowledge_options(CLI::App& cmd, KnowledgeOptions& k) {
  const std::string group = "Knowledge data";
  cmd.add_option("--iso-codes", k.paths.iso_codes_dir, "Debian iso-codes JSON directory")
      ->type_name("DIR")
      ->capture_default_str()
      ->group(group);
  cmd.add_option("--zone-tab", k.paths.zone1970_tab, "tzdata zone1970.tab")
      ->type_name("FILE")
      ->capture_default_str()
      ->group(group);
  cmd.add_option("--words", k.paths.words_file, "word list (wamerican)")
      ->type_name("FILE")
      ->capture_default_str()
      ->group(group);
}

void add_threads_option(CLI::App& cmd, unsigned& threads) {
  cmd.add_option("--threads", threads, "worker threads; 0 = one per core (output never depends on it)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(0u, kMaxThreads));
}

/// The graph outputs of `build`: each -o file in the format of -f, or else of its extension.
/// Throws UsageError for a file whose format cannot be told.
std::vector<GraphOutput> graph_outputs(const BuildOptions& o) {
  std::optional<newsgraph::Format> forced;
  if (!o.format.empty()) forced = newsgraph::format_from_name(o.format);
  std::vector<GraphOutput> outs;
  for (const std::string& path : o.outputs) {
    std::optional<newsgraph::Format> f = forced ? forced : newsgraph::format_from_extension(path);
    if (!f) {
      throw UsageError("cannot tell the format of '" + path +
                       "' from its extension (use .dot, .gv, .graphml, .jsonld, .json or -f FORMAT)");
    }
    outs.push_back({path, *f});
  }
  return outs;
}

/// Flushes stdout and reports a failed write (a closed pipe, a full disk) as an OutputError.
void finish_stdout() {
  std::cout.flush();
  if (!std::cout) throw newsgraph::OutputError("cannot write to standard output");
}

int run_build(const BuildOptions& o) {
  const std::vector<GraphOutput> outputs = graph_outputs(o);
  const std::vector<newsgraph::Article> articles = newsgraph::read_inputs(o.inputs);

  newsgraph::PipelineConfig config;
  config.threads = o.threads;
  config.knowledge = o.knowledge.paths;
  const newsgraph::Pipeline pipeline(config);
  const newsgraph::BuildResult result = pipeline.build(articles);

  if (outputs.empty()) {
    const newsgraph::Format f =
        o.format.empty() ? newsgraph::Format::Json : *newsgraph::format_from_name(o.format);
    newsgraph::write_graph(std::cout, result.graph, f);
    finish_stdout();
  }
  for (const GraphOutput& out : outputs) {
    newsgraph::write_file_atomically(
        out.path, [&](std::ostream& os) { newsgraph::write_graph(os, result.graph, out.format); });
  }
  if (!o.mentions.empty()) {
    newsgraph::write_file_atomically(o.mentions, [&](std::ostream& os) {
      newsgraph::write_mention_lines(os, result.articles, result.merged);
    });
  }
  return kExitSuccess;
}

int run_extract(const ExtractOptions& o) {
  const std::vector<newsgraph::Article> articles = newsgraph::read_inputs(o.inputs);

  newsgraph::PipelineConfig config;
  config.threads = o.threads;
  config.knowledge = o.knowledge.paths;
  const newsgraph::Pipeline pipeline(config);
  const std::vector<newsgraph::ArticleResult> results = pipeline.extract_all(articles);

  const auto write_lines = [&](std::ostream& os) {
    for (const newsgraph::ArticleResult& r : results) newsgraph::write_extract_line(os, r);
  };
  if (o.output.empty()) {
    write_lines(std::cout);
    finish_stdout();
  } else {
    newsgraph::write_file_atomically(o.output, write_lines);
  }
  return kExitSuccess;
}

int report_usage_error(const std::string& what) {
  std::cerr << "newsgraph: error: " << one_line(what) << "\n"
            << "Run 'newsgraph --help' for usage.\n";
  return kExitUsage;
}

int report_failure(const std::string& what) {
  std::cerr << "newsgraph: error: " << one_line(what) << "\n";
  return kExitFailure;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios_base::sync_with_stdio(false);

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
      "  newsgraph extract samples/messi-inter-miami.jsonl -o extract.jsonl\n\n"
      "Exit codes: 0 success, 1 input/output/data error, 2 usage error.");

  BuildOptions build;
  CLI::App* build_cmd = app.add_subcommand("build", "merge articles into one graph and export it");
  build_cmd
      ->add_option("-o,--output", build.outputs,
                   "write the graph to FILE, format from its extension "
                   "(.dot .gv .graphml .jsonld .json); repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  build_cmd
      ->add_option("-f,--format", build.format,
                   "format of every output, and of stdout when no -o is given "
                   "(dot|gv|graphml|jsonld|json; default json)")
      ->type_name("FORMAT")
      ->check(format_validator());
  build_cmd
      ->add_option("--mentions", build.mentions, "also write every resolved mention as JSON Lines to FILE")
      ->type_name("FILE");
  add_threads_option(*build_cmd, build.threads);
  add_knowledge_options(*build_cmd, build.knowledge);
  build_cmd->add_option("INPUT", build.inputs, "articles: .txt, .jsonl, folders, '-' for stdin")
      ->type_name("PATH")
      ->required();

  ExtractOptions extract;
  CLI::App* extract_cmd =
      app.add_subcommand("extract", "write one JSON line per article: mentions, entities, relations");
  extract_cmd->add_option("-o,--output", extract.output, "write to FILE instead of stdout")
      ->type_name("FILE");
  add_threads_option(*extract_cmd, extract.threads);
  add_knowledge_options(*extract_cmd, extract.knowledge);
  extract_cmd->add_option("INPUT", extract.inputs, "articles: .txt, .jsonl, folders, '-' for stdin")
      ->type_name("PATH")
      ->required();

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
    if (build_cmd->parsed()) return run_build(build);
    return run_extract(extract);
  } catch (const UsageError& e) {
    return report_usage_error(e.what());
  } catch (const std::exception& e) {
    return report_failure(e.what());
  } catch (...) {
    return report_failure("unknown internal error");
  }
}
