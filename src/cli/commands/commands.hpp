// The seven commands of `newsgraph`, one file each (src/cli/commands/<command>.cpp): the
// options of each, add_<command> registering them as a subcommand of the app (the options are
// written into `o`, which must outlive the app), and run_<command> carrying the command out
// once parsed. run_<command> returns the exit code, or throws: UsageError and
// newsgraph::OutputPlanError for usage errors, any other exception for a failure.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/train/relation_trainer.hpp"
#include "newsgraph/train/tagger_trainer.hpp"

namespace newsgraph::cli {

/// `build`: articles in, the merged graph out in any format, with drawings and reports.
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
  double max_article_mb = kDefaultMaxArticleMb;  ///< --max-article-mb
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
  std::vector<std::string> renders;  ///< --render files: drawings of the graph built
  DrawingOptions drawing;
  bool quiet = false;
};
CLI::App* add_build(CLI::App& app, BuildOptions& o);
int run_build(const BuildOptions& o);

/// `extract`: one JSON line per article.
struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string output;
  unsigned threads = 0;
  double max_article_mb = kDefaultMaxArticleMb;  ///< --max-article-mb
  bool stats = false;
  bool quiet = false;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};
CLI::App* add_extract(CLI::App& app, ExtractOptions& o);
int run_extract(const ExtractOptions& o);

/// `render`: a graph written by `build -o FILE.json`, drawn to files.
struct RenderCommandOptions {
  std::string graph;
  std::vector<std::string> outputs;
  std::vector<std::string> articles;             ///< the articles' texts, for the report's evidence sentences
  double max_article_mb = kDefaultMaxArticleMb;  ///< --max-article-mb, for `articles`
  DrawingOptions drawing;
  bool quiet = false;
};
CLI::App* add_render(CLI::App& app, RenderCommandOptions& o);
int run_render(const RenderCommandOptions& o);

/// `train-ner`: CoNLL training files, the dev file for choosing the epoch, the model to write.
struct TrainNerOptions {
  std::vector<std::string> train;
  std::vector<std::string> domain;
  std::string dev;
  std::string output;
  newsgraph::TrainingOptions training;
  std::size_t sentences_per_doc = 20;
  KnowledgeOptions knowledge;
};
CLI::App* add_train_ner(CLI::App& app, TrainNerOptions& o);
int run_train_ner(const TrainNerOptions& o);

/// `eval-ner`: a CoNLL file scored with exact spans, by the extract pipeline or the tagger alone.
struct EvalNerOptions {
  std::string conll;
  bool tagger_only = false;
  unsigned threads = 0;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};
CLI::App* add_eval_ner(CLI::App& app, EvalNerOptions& o);
int run_eval_ner(const EvalNerOptions& o);

/// `train-relations`: CoNLL04 splits in, the relation classifier out.
struct TrainRelationsOptions {
  std::string train;
  std::string dev;
  std::string output;
  newsgraph::PairTrainingOptions training;
  KnowledgeOptions knowledge;
};
CLI::App* add_train_relations(CLI::App& app, TrainRelationsOptions& o);
int run_train_relations(const TrainRelationsOptions& o);

/// `eval-relations`: a CoNLL04 split scored by the whole pipeline.
struct EvalRelationsOptions {
  std::string conll04;
  unsigned threads = 0;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};
CLI::App* add_eval_relations(CLI::App& app, EvalRelationsOptions& o);
int run_eval_relations(const EvalRelationsOptions& o);

/// `kb build`: the knowledge sources compiled into a snapshot; `kb info`: what a snapshot holds.
struct KbOptions {
  newsgraph::KnowledgeSources sources;
  std::string output;  ///< kb build: the snapshot to write
  std::string input;   ///< kb info: the snapshot to describe (empty: the default one)
};
/// Adds `kb` with its subcommands `build` and `info`; the pointers let main tell which one ran.
struct KbCommands {
  CLI::App* kb;
  CLI::App* build;
  CLI::App* info;
};
KbCommands add_kb(CLI::App& app, KbOptions& o);
int run_kb_build(const KbOptions& o);
int run_kb_info(const KbOptions& o);

}  // namespace newsgraph::cli
