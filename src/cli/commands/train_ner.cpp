// `newsgraph train-ner`: trains the NER tagger on CoNLL files.
#include <iostream>
#include <memory>
#include <vector>

#include "cli/commands/commands.hpp"
#include "cli/console.hpp"
#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/train/tagger_trainer.hpp"

namespace newsgraph::cli {

CLI::App* add_train_ner(CLI::App& app, TrainNerOptions& o) {
  CLI::App* cmd = app.add_subcommand("train-ner",
                                     "train the NER tagger on CoNLL files, choosing the epoch on a dev file");
  cmd->add_option("--train", o.train,
                  "training file: CoNLL-2003 or GMB columns, or CoNLL04 SpERT JSON (.json); repeatable")
      ->type_name("FILE")
      ->required();
  cmd->add_option("--domain", o.domain,
                  "training file of the corpus the model is for (with --templates 3: its documents get "
                  "their own copy of every feature); repeatable")
      ->type_name("FILE");
  cmd->add_option("--dev", o.dev, "CoNLL dev file (epoch choice only)")->type_name("FILE")->required();
  cmd->add_option("-o,--output", o.output, "model file to write")->type_name("FILE")->required();
  cmd->add_option("--seed", o.training.seed, "seed of the document order")->capture_default_str();
  cmd->add_option("--max-epochs", o.training.max_epochs, "passes over the data at most")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000u));
  cmd->add_option("--patience", o.training.patience, "stop after N epochs without a better dev F1")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000u));
  cmd->add_option("--templates", o.training.templates,
                  "feature templates: 1 (the news model's), 2 (also the runs of capitalised words) or 3 "
                  "(those of 2, with a copy of every feature for the --domain documents)")
      ->check(CLI::IsMember({1u, 2u, 3u}))
      ->capture_default_str();
  cmd->add_option("--hash-bits", o.training.hash_bits, "2^N feature buckets")
      ->capture_default_str()
      ->check(CLI::Range(12u, 24u));
  cmd->add_option("--sentences-per-doc", o.sentences_per_doc,
                  "documents of N sentences for files without -DOCSTART- (GMB; 0 = whole file) and for "
                  "SpERT JSON (0 = one sentence each)")
      ->capture_default_str();
  add_knowledge_options(*cmd, o.knowledge);
  return cmd;
}

int run_train_ner(const TrainNerOptions& o) {
  if (o.domain.empty() != (o.training.templates != 3))
    throw UsageError(
        "--domain and --templates 3 go together: the target corpus's documents get their own "
        "copy of every feature");
  newsgraph::ConllOptions conll;
  conll.sentences_per_document = o.sentences_per_doc;
  const newsgraph::TrainingCorpus corpus = newsgraph::read_training_corpus(o.train, o.domain, o.dev, conll);
  const std::shared_ptr<const newsgraph::Knowledge> kb = open_knowledge(o.knowledge);
  newsgraph::TrainingOptions options = o.training;
  options.log = &std::cerr;
  const newsgraph::PerceptronTagger tagger = newsgraph::train_tagger(corpus.train, corpus.dev, *kb, options);
  tagger.save(o.output);
  std::cerr << "train-ner: wrote " << o.output << "\n";
  return kExitSuccess;
}

}  // namespace newsgraph::cli
