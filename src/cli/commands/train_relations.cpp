// `newsgraph train-relations`: trains the relation classifier on CoNLL04.
#include <iostream>
#include <memory>
#include <vector>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/eval/relations.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/train/relation_trainer.hpp"

namespace newsgraph::cli {

CLI::App* add_train_relations(CLI::App& app, TrainRelationsOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "train-relations", "train the relation classifier on a CoNLL04 split, choosing the epoch on another");
  cmd->add_option("--train", o.train, "CoNLL04 training split (SpERT JSON)")->type_name("FILE")->required();
  cmd->add_option("--dev", o.dev, "CoNLL04 dev split (epoch choice only)")->type_name("FILE");
  cmd->add_option("-o,--output", o.output, "model file to write")->type_name("FILE")->required();
  cmd->add_option("--seed", o.training.seed, "seed of the example order")->capture_default_str();
  cmd->add_option("--bags", o.training.bags,
                  "train this many perceptrons (seeds SEED, SEED+1, ...) and average their weights")
      ->check(CLI::Range(1u, 100u))
      ->capture_default_str();
  add_knowledge_options(*cmd, o.knowledge);
  return cmd;
}

int run_train_relations(const TrainRelationsOptions& o) {
  const auto convert = [](const std::string& path) {
    std::vector<newsgraph::PairTrainingSentence> out;
    if (path.empty()) return out;
    for (const auto& s : newsgraph::read_conll04(path)) out.push_back(newsgraph::pair_training_sentence(s));
    return out;
  };
  const auto train = convert(o.train), dev = convert(o.dev);
  const std::shared_ptr<const newsgraph::Knowledge> kb = open_knowledge(o.knowledge);
  newsgraph::PairTrainingOptions options = o.training;
  options.log = &std::cerr;
  newsgraph::train_relation_classifier(train, dev, *kb, options).save(o.output);
  std::cerr << "train-relations: wrote " << o.output << "\n";
  return kExitSuccess;
}

}  // namespace newsgraph::cli
