// The `newsgraph` command: parses the command line, runs the library and maps every failure to
// an exit code. Exit codes: 0 success, 1 input/output/knowledge error (one line
// "newsgraph: error: ..." on stderr), 2 usage error. All logic lives in the library.
#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsgraph/conll.hpp"
#include "newsgraph/document.hpp"
#include "newsgraph/eval_ner.hpp"
#include "newsgraph/eval_relations.hpp"
#include "newsgraph/export.hpp"
#include "newsgraph/export_json.hpp"
#include "newsgraph/export_neo4j_csv.hpp"
#include "newsgraph/knowledge.hpp"
#include "newsgraph/pipeline.hpp"
#include "newsgraph/relation_model.hpp"
#include "newsgraph/stats.hpp"
#include "newsgraph/tagger.hpp"

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

/// How mentions are found: the trained tagger (default) or the rules alone, and the model file.
struct RecognizerOptions {
  std::string ner = "tagger";
  std::string model;           ///< empty: newsgraph::default_model_path()
  std::string relation_model;  ///< empty: newsgraph::default_model_path("rel-en.bin")
  double min_confidence = newsgraph::PipelineConfig{}.min_relation_confidence;
  bool co_mentions = false;
};

struct BuildOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  std::string format;
  std::string mentions;
  std::string into;            ///< a JSON graph to merge the inputs into (and to rewrite)
  std::string explain_merges;  ///< where to write the merge explanations
  std::string neo4j_csv;       ///< a directory for nodes.csv and relationships.csv
  std::string aliases;         ///< --aliases file
  std::string keep_apart;      ///< --keep-apart file
  unsigned threads = 0;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string output;
  unsigned threads = 0;
  bool stats = false;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};

/// `train-ner`: CoNLL training files, the dev file for choosing the epoch, the model to write.
struct TrainNerOptions {
  std::vector<std::string> train;
  std::string dev;
  std::string output;
  newsgraph::TrainingOptions training;
  std::size_t sentences_per_doc = 20;
  KnowledgeOptions knowledge;
};

/// `eval-ner`: a CoNLL file scored with exact spans, by the extract pipeline or the tagger alone.
struct EvalNerOptions {
  std::string conll;
  bool tagger_only = false;
  unsigned threads = 0;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};

/// `eval-relations`: a CoNLL04 split scored by the whole pipeline.
struct EvalRelationsOptions {
  std::string conll04;
  unsigned threads = 0;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};

/// `train-relations`: CoNLL04 splits in, the relation classifier out.
struct TrainRelationsOptions {
  std::string train;
  std::string dev;
  std::string output;
  newsgraph::PairTrainingOptions training;
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

/// Accepts the format names the library knows ("dot", "gv", "graphml", "jsonld", "json", "cypher",
/// "kuzu").
CLI::Validator format_validator() {
  return CLI::Validator(
      [](std::string& name) -> std::string {
        if (newsgraph::format_from_name(name)) return {};
        return "unknown format '" + name + "' (expected dot, gv, graphml, jsonld, json, cypher or kuzu)";
      },
      "", "Format");
}

void add_recognizer_options(CLI::App& cmd, RecognizerOptions& r) {
  cmd.add_option("--ner", r.ner, "how mentions are found: tagger (the trained model) or rules")
      ->check(CLI::IsMember({"tagger", "rules"}))
      ->capture_default_str();
  cmd.add_option("--model", r.model, "tagger model (default: $NEWSGRAPH_MODEL, else models/ner-en.bin)")
      ->type_name("FILE");
  cmd.add_option("--relation-model", r.relation_model,
                 "relation classifier (default: $NEWSGRAPH_RELATION_MODEL, else models/rel-en.bin)")
      ->type_name("FILE");
  cmd.add_option("--min-confidence", r.min_confidence,
                 "leave out the relation classifier's relations below this confidence")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_flag("--co-mentions", r.co_mentions,
               "also link every two entities named in the same sentence (co_mentioned, weight = sentences)");
}

newsgraph::PipelineConfig pipeline_config(unsigned threads, const KnowledgeOptions& k,
                                          const RecognizerOptions& r) {
  newsgraph::PipelineConfig config;
  config.threads = threads;
  config.knowledge = k.paths;
  config.recognizer = r.ner == "rules" ? newsgraph::Recognizer::Rules : newsgraph::Recognizer::Tagger;
  config.model_path = r.model;
  config.relation_model_path = r.relation_model;
  config.min_relation_confidence = r.min_confidence;
  config.co_mentions = r.co_mentions;
  return config;
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
                       "' from its extension (use .dot, .gv, .graphml, .jsonld, .json, .cypher, .kuzu.cypher "
                       "or -f FORMAT)");
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
  std::vector<GraphOutput> outputs = graph_outputs(o);
  if (!o.into.empty()) outputs.push_back({o.into, newsgraph::Format::Json});
  const std::vector<newsgraph::Article> articles = newsgraph::read_inputs(o.inputs);
  std::vector<newsgraph::ArticleResult> earlier;
  // A graph to build into that does not exist yet starts empty.
  if (!o.into.empty() && std::filesystem::exists(o.into)) earlier = newsgraph::read_json_sources(o.into);

  newsgraph::PipelineConfig config = pipeline_config(o.threads, o.knowledge, o.recognizer);
  if (!o.aliases.empty()) config.overrides.aliases = newsgraph::read_name_groups(o.aliases);
  if (!o.keep_apart.empty()) config.overrides.keep_apart = newsgraph::read_name_groups(o.keep_apart);
  const newsgraph::Pipeline pipeline(config);
  const newsgraph::BuildResult result = pipeline.build(articles, std::move(earlier));

  if (outputs.empty()) {
    const newsgraph::Format f =
        o.format.empty() ? newsgraph::Format::Json : *newsgraph::format_from_name(o.format);
    newsgraph::write_graph(std::cout, result.graph, f, &result.articles);
    finish_stdout();
  }
  // Every file of the run is written together: none is replaced unless all can be written.
  std::vector<newsgraph::FileContent> files;
  for (const GraphOutput& out : outputs) {
    files.push_back({out.path, [&result, format = out.format](std::ostream& os) {
                       newsgraph::write_graph(os, result.graph, format, &result.articles);
                     }});
  }
  if (!o.neo4j_csv.empty()) {
    for (newsgraph::FileContent& f : newsgraph::neo4j_csv_files(o.neo4j_csv, result.graph))
      files.push_back(std::move(f));
  }
  if (!o.explain_merges.empty()) {
    files.push_back({o.explain_merges, [&result](std::ostream& os) {
                       newsgraph::write_merge_explanations(os, result.merged);
                     }});
  }
  if (!o.mentions.empty()) {
    files.push_back({o.mentions, [&result](std::ostream& os) {
                       newsgraph::write_mention_lines(os, result.articles, result.merged);
                     }});
  }
  newsgraph::write_files_atomically(files);
  return kExitSuccess;
}

int run_extract(const ExtractOptions& o) {
  newsgraph::Stopwatch clock;
  newsgraph::ExtractTimings timings;
  const std::vector<newsgraph::Article> articles = newsgraph::read_inputs(o.inputs);
  timings.read = clock.lap();

  const newsgraph::Pipeline pipeline(pipeline_config(o.threads, o.knowledge, o.recognizer));
  timings.load = clock.lap();
  const std::vector<newsgraph::ArticleResult> results = pipeline.extract_all(articles);
  timings.extract = clock.lap();

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

int run_train_ner(const TrainNerOptions& o) {
  newsgraph::ConllOptions conll;
  conll.sentences_per_document = o.sentences_per_doc;
  const auto read = [&](const std::string& path, std::vector<newsgraph::TrainingDocument>& into) {
    for (const newsgraph::GoldDocument& d : newsgraph::read_gold_documents(path, conll)) {
      into.push_back(newsgraph::make_training_document(d));
    }
  };
  std::vector<newsgraph::TrainingDocument> train, dev;
  for (const std::string& path : o.train) read(path, train);
  read(o.dev, dev);
  const std::shared_ptr<const newsgraph::Knowledge> kb = newsgraph::Knowledge::load(o.knowledge.paths);
  newsgraph::TrainingOptions options = o.training;
  options.log = &std::cerr;
  const newsgraph::PerceptronTagger tagger = newsgraph::PerceptronTagger::train(train, dev, *kb, options);
  tagger.save(o.output);
  std::cerr << "train-ner: wrote " << o.output << "\n";
  return kExitSuccess;
}

int run_eval_ner(const EvalNerOptions& o) {
  const std::vector<newsgraph::GoldDocument> docs = newsgraph::read_conll(o.conll);
  newsgraph::NerScores scores;
  if (o.tagger_only) {
    const std::string& model =
        o.recognizer.model.empty() ? newsgraph::default_model_path() : o.recognizer.model;
    const newsgraph::PerceptronTagger tagger = newsgraph::PerceptronTagger::load(model);
    const std::shared_ptr<const newsgraph::Knowledge> kb = newsgraph::Knowledge::load(o.knowledge.paths);
    scores = newsgraph::evaluate_tagger(docs, tagger, *kb);
  } else {
    const newsgraph::Pipeline pipeline(pipeline_config(o.threads, o.knowledge, o.recognizer));
    scores = newsgraph::evaluate_pipeline(docs, pipeline);
  }
  newsgraph::write_scores(std::cout, scores);
  finish_stdout();
  return kExitSuccess;
}

int run_train_relations(const TrainRelationsOptions& o) {
  const auto convert = [](const std::string& path) {
    std::vector<newsgraph::PairTrainingSentence> out;
    if (path.empty()) return out;
    for (const auto& s : newsgraph::read_conll04(path)) out.push_back(newsgraph::pair_training_sentence(s));
    return out;
  };
  const auto train = convert(o.train), dev = convert(o.dev);
  const std::shared_ptr<const newsgraph::Knowledge> kb = newsgraph::Knowledge::load(o.knowledge.paths);
  newsgraph::PairTrainingOptions options = o.training;
  options.log = &std::cerr;
  newsgraph::RelationClassifier::train(train, dev, *kb, options).save(o.output);
  std::cerr << "train-relations: wrote " << o.output << "\n";
  return kExitSuccess;
}

int run_eval_relations(const EvalRelationsOptions& o) {
  const std::vector<newsgraph::RelationSentence> sentences = newsgraph::read_conll04(o.conll04);
  const newsgraph::Pipeline pipeline(pipeline_config(o.threads, o.knowledge, o.recognizer));
  newsgraph::write_relation_scores(std::cout, newsgraph::evaluate_relations(sentences, pipeline));
  finish_stdout();
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
                   "(.dot .gv .graphml .jsonld .json, .cypher for Neo4j, .kuzu.cypher for Kuzu); repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  build_cmd
      ->add_option("-f,--format", build.format,
                   "format of every output, and of stdout when no -o is given "
                   "(dot|gv|graphml|jsonld|json|cypher|kuzu; default json)")
      ->type_name("FORMAT")
      ->check(format_validator());
  build_cmd
      ->add_option("--mentions", build.mentions, "also write every resolved mention as JSON Lines to FILE")
      ->type_name("FILE");
  build_cmd
      ->add_option("--into", build.into,
                   "merge the inputs into the graph FILE written before by 'build -o FILE.json', and "
                   "rewrite FILE: the same graph as building everything at once")
      ->type_name("FILE");
  build_cmd
      ->add_option("--neo4j-csv", build.neo4j_csv,
                   "also write DIR/nodes.csv and DIR/relationships.csv (DIR must exist) for neo4j-admin "
                   "database import (--array-delimiter=U+001F --multiline-fields=true)")
      ->type_name("DIR");
  build_cmd
      ->add_option("--explain-merges", build.explain_merges,
                   "write every merge of names into one node, with its rule and evidence, to FILE")
      ->type_name("FILE");
  build_cmd
      ->add_option("--aliases", build.aliases,
                   "force merges: FILE has one entity per line, its names separated by '|'")
      ->type_name("FILE");
  build_cmd
      ->add_option("--keep-apart", build.keep_apart,
                   "forbid merges: FILE has one group per line, names of different entities separated by '|'")
      ->type_name("FILE");
  add_threads_option(*build_cmd, build.threads);
  add_knowledge_options(*build_cmd, build.knowledge);
  add_recognizer_options(*build_cmd, build.recognizer);
  build_cmd->add_option("INPUT", build.inputs, "articles: .txt, .jsonl, folders, '-' for stdin")
      ->type_name("PATH")
      ->required();

  ExtractOptions extract;
  CLI::App* extract_cmd =
      app.add_subcommand("extract", "write one JSON line per article: mentions, entities, relations");
  extract_cmd->add_option("-o,--output", extract.output, "write to FILE instead of stdout")
      ->type_name("FILE");
  add_threads_option(*extract_cmd, extract.threads);
  extract_cmd->add_flag("--stats", extract.stats,
                        "after the run, print one line to stderr: articles, tokens, bytes, seconds of "
                        "reading, loading and extraction, tokens/s and MB/s");
  add_knowledge_options(*extract_cmd, extract.knowledge);
  add_recognizer_options(*extract_cmd, extract.recognizer);
  extract_cmd->add_option("INPUT", extract.inputs, "articles: .txt, .jsonl, folders, '-' for stdin")
      ->type_name("PATH")
      ->required();

  TrainNerOptions train_ner;
  CLI::App* train_ner_cmd = app.add_subcommand(
      "train-ner", "train the NER tagger on CoNLL files, choosing the epoch on a dev file");
  train_ner_cmd
      ->add_option("--train", train_ner.train,
                   "training file: CoNLL-2003 or GMB columns, or CoNLL04 SpERT JSON (.json); repeatable")
      ->type_name("FILE")
      ->required();
  train_ner_cmd->add_option("--dev", train_ner.dev, "CoNLL dev file (epoch choice only)")
      ->type_name("FILE")
      ->required();
  train_ner_cmd->add_option("-o,--output", train_ner.output, "model file to write")
      ->type_name("FILE")
      ->required();
  train_ner_cmd->add_option("--seed", train_ner.training.seed, "seed of the document order")
      ->capture_default_str();
  train_ner_cmd->add_option("--max-epochs", train_ner.training.max_epochs, "passes over the data at most")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000u));
  train_ner_cmd
      ->add_option("--patience", train_ner.training.patience, "stop after N epochs without a better dev F1")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000u));
  train_ner_cmd->add_option("--hash-bits", train_ner.training.hash_bits, "2^N feature buckets")
      ->capture_default_str()
      ->check(CLI::Range(12u, 24u));
  train_ner_cmd
      ->add_option("--sentences-per-doc", train_ner.sentences_per_doc,
                   "documents of N sentences for files without -DOCSTART- (GMB; 0 = whole file) and for "
                   "SpERT JSON (0 = one sentence each)")
      ->capture_default_str();
  add_knowledge_options(*train_ner_cmd, train_ner.knowledge);

  EvalNerOptions eval_ner;
  CLI::App* eval_ner_cmd = app.add_subcommand(
      "eval-ner", "score mention detection on a CoNLL file: P/R/F1 per type, micro over PER/ORG/LOC");
  eval_ner_cmd->add_option("--conll", eval_ner.conll, "CoNLL file with gold tags")
      ->type_name("FILE")
      ->required();
  eval_ner_cmd->add_flag("--tagger-only", eval_ner.tagger_only,
                         "score the tagger alone instead of the mention detection of extract");
  add_recognizer_options(*eval_ner_cmd, eval_ner.recognizer);
  add_threads_option(*eval_ner_cmd, eval_ner.threads);
  add_knowledge_options(*eval_ner_cmd, eval_ner.knowledge);

  TrainRelationsOptions train_relations;
  CLI::App* train_relations_cmd = app.add_subcommand(
      "train-relations", "train the relation classifier on a CoNLL04 split, choosing the epoch on another");
  train_relations_cmd->add_option("--train", train_relations.train, "CoNLL04 training split (SpERT JSON)")
      ->type_name("FILE")
      ->required();
  train_relations_cmd->add_option("--dev", train_relations.dev, "CoNLL04 dev split (epoch choice only)")
      ->type_name("FILE");
  train_relations_cmd->add_option("-o,--output", train_relations.output, "model file to write")
      ->type_name("FILE")
      ->required();
  train_relations_cmd->add_option("--seed", train_relations.training.seed, "seed of the example order")
      ->capture_default_str();
  add_knowledge_options(*train_relations_cmd, train_relations.knowledge);

  EvalRelationsOptions eval_relations;
  CLI::App* eval_relations_cmd = app.add_subcommand(
      "eval-relations",
      "score relation extraction on a CoNLL04 split (SpERT JSON) from raw text: P/R/F1 per label, strict and "
      "boundaries");
  eval_relations_cmd->add_option("--conll04", eval_relations.conll04, "CoNLL04 split, e.g. conll04_dev.json")
      ->type_name("FILE")
      ->required();
  add_recognizer_options(*eval_relations_cmd, eval_relations.recognizer);
  add_threads_option(*eval_relations_cmd, eval_relations.threads);
  add_knowledge_options(*eval_relations_cmd, eval_relations.knowledge);

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
    if (train_ner_cmd->parsed()) return run_train_ner(train_ner);
    if (eval_ner_cmd->parsed()) return run_eval_ner(eval_ner);
    if (eval_relations_cmd->parsed()) return run_eval_relations(eval_relations);
    if (train_relations_cmd->parsed()) return run_train_relations(train_relations);
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
