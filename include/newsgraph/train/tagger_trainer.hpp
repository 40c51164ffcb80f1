// Training the NER tagger (PerceptronTagger, newsgraph/ner/tagger.hpp): the training documents,
// the training corpus of `newsgraph train-ner`, and the averaged-perceptron trainer.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/text/segment.hpp"

namespace newsgraph {

/// A document with the gold tag of each of its tokens, for training and development.
/// `text` is shared and never moves, so `seg`'s token views stay valid when the document is
/// copied or moved.
struct TrainingDocument {
  std::shared_ptr<const std::string> text;
  Segmentation seg;          ///< segment(*text)
  std::vector<NerTag> gold;  ///< one tag per token of `seg`, a valid BILOU sequence
  /// A document of the corpus the model is for (feature templates 3): its features get a
  /// second, corpus-specific copy, as do those of every document the trained model tags.
  bool target_domain = false;
};

/// The document segmented, with its gold spans projected onto the tokens.
TrainingDocument make_training_document(const GoldDocument& doc);

/// The documents `newsgraph train-ner` trains and chooses the epoch on.
struct TrainingCorpus {
  std::vector<TrainingDocument> train;  ///< the --train files' documents, then the --domain files'
  std::vector<TrainingDocument> dev;    ///< the --dev file's documents
};

/// Reads the training corpus: every document of the `train` files, then those of the `domain`
/// files marked target_domain (the corpus the model is for, feature templates 3), each file in
/// order; and the documents of `dev`. Files are read with read_gold_documents (CoNLL columns
/// or SpERT JSON) and `options`. Throws ConllError for a file that cannot be read or parsed.
TrainingCorpus read_training_corpus(const std::vector<std::string>& train,
                                    const std::vector<std::string>& domain, const std::string& dev,
                                    const ConllOptions& options);

/// How train_tagger() runs. The result depends only on these options and the data.
struct TrainingOptions {
  unsigned max_epochs = 20;  ///< passes over the training documents at most
  unsigned patience = 4;     ///< stop after this many epochs without a better dev F1
  std::uint64_t seed = 1;    ///< seeds the per-epoch document order
  unsigned hash_bits = 20;   ///< 2^hash_bits weight rows (feature buckets), 12..24
  /// Feature templates: 1, those of the news model; 2, those and the runs of capitalised words
  /// each token is in (a run's last word types it: "Mexican Oil Workers Union"), and the words
  /// three before and after; 3, those of 2 with a second copy of every feature for the
  /// documents of the target corpus (TrainingDocument::target_domain), which learns that
  /// corpus's own conventions while the shared copy learns from all. The model records its
  /// version.
  unsigned templates = 1;
  /// Weight rows whose every averaged weight stays below this many perceptron updates are left
  /// out of the model (they hardly move a score; a smaller model is faster). 0 keeps them all.
  float min_weight = 1.0f;
  std::ostream* log = nullptr;  ///< per-epoch progress and dev figures, when set
};

/// Trains a tagger on `train`, evaluating micro F1 over PER/ORG/LOC (exact token spans) on `dev`
/// after every epoch, and keeps the averaged weights of the best epoch (with no dev documents:
/// of the last epoch). The model records its corpus's span conventions
/// (PerceptronTagger::glued_final_period(), whole_words()), found in `train`. Deterministic: the
/// same documents and options give the same model bytes. Throws std::invalid_argument for
/// options out of range, a document whose tags do not match its tokens, feature templates 3
/// without target documents, or target documents without templates 3.
PerceptronTagger train_tagger(const std::vector<TrainingDocument>& train,
                              const std::vector<TrainingDocument>& dev, const Knowledge& kb,
                              const TrainingOptions& options);

}  // namespace newsgraph
