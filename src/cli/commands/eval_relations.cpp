// `newsgraph eval-relations`: scores relation extraction on a CoNLL04 split.
#include <iostream>
#include <vector>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/eval/relations.hpp"
#include "newsgraph/pipeline/pipeline.hpp"

namespace newsgraph::cli {

CLI::App* add_eval_relations(CLI::App& app, EvalRelationsOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "eval-relations",
      "score relation extraction on a CoNLL04 split (SpERT JSON) from raw text: P/R/F1 per label, strict and "
      "boundaries");
  cmd->add_option("--conll04", o.conll04, "CoNLL04 split, e.g. conll04_dev.json")
      ->type_name("FILE")
      ->required();
  // CoNLL04 is scored in its own conventions by default (newsgraph::conll04_config): the tagger
  // trained on its training split, spans as tagged (titles inside person names), and the
  // confidence threshold chosen on its dev split. --ner tagger --model models/ner-en.bin
  // --min-confidence 0.8 scores the news pipeline as `build` runs it.
  const newsgraph::PipelineConfig preset = newsgraph::conll04_config(newsgraph::PipelineConfig{});
  o.recognizer.ner = std::string(newsgraph::to_string(preset.mentions.recognizer));
  o.recognizer.model = preset.mentions.model_path;
  o.recognizer.min_confidence = preset.relations.min_confidence;
  add_recognizer_options(*cmd, o.recognizer);
  cmd->get_option("--model")->description("tagger model (default: models/ner-conll04.bin)");
  add_threads_option(*cmd, o.threads);
  add_knowledge_options(*cmd, o.knowledge);
  return cmd;
}

int run_eval_relations(const EvalRelationsOptions& o) {
  const std::vector<newsgraph::RelationSentence> sentences = newsgraph::read_conll04(o.conll04);
  const newsgraph::Pipeline pipeline(pipeline_config(o.threads, o.knowledge, o.recognizer));
  newsgraph::write_relation_scores(std::cout, newsgraph::evaluate_relations(sentences, pipeline));
  finish_stdout();
  return kExitSuccess;
}

}  // namespace newsgraph::cli
