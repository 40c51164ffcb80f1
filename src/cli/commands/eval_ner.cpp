// `newsgraph eval-ner`: scores mention detection on a CoNLL file.
#include <iostream>
#include <memory>
#include <vector>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/eval/ner.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/pipeline/pipeline.hpp"

namespace newsgraph::cli {

CLI::App* add_eval_ner(CLI::App& app, EvalNerOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "eval-ner", "score mention detection on a CoNLL file: P/R/F1 per type, micro over PER/ORG/LOC");
  cmd->add_option("--conll", o.conll, "CoNLL file with gold tags")->type_name("FILE")->required();
  cmd->add_flag("--tagger-only", o.tagger_only,
                "score the tagger alone instead of the mention detection of extract");
  add_recognizer_options(*cmd, o.recognizer);
  add_threads_option(*cmd, o.threads);
  add_knowledge_options(*cmd, o.knowledge);
  return cmd;
}

int run_eval_ner(const EvalNerOptions& o) {
  const std::vector<newsgraph::GoldDocument> docs = newsgraph::read_conll(o.conll);
  newsgraph::NerScores scores;
  if (o.tagger_only) {
    const std::string& model =
        o.recognizer.model.empty() ? newsgraph::default_model_path() : o.recognizer.model;
    const newsgraph::PerceptronTagger tagger = newsgraph::PerceptronTagger::load(model);
    const std::shared_ptr<const newsgraph::Knowledge> kb = open_knowledge(o.knowledge);
    scores = newsgraph::evaluate_tagger(docs, tagger, *kb);
  } else {
    const newsgraph::Pipeline pipeline(pipeline_config(o.threads, o.knowledge, o.recognizer));
    scores = newsgraph::evaluate_pipeline(docs, pipeline);
  }
  newsgraph::write_scores(std::cout, scores);
  finish_stdout();
  return kExitSuccess;
}

}  // namespace newsgraph::cli
