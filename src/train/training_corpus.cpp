// The training documents of the NER tagger, from annotated corpora.

#include <memory>
#include <string>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/train/tagger_trainer.hpp"

namespace newsgraph {

TrainingDocument make_training_document(const GoldDocument& doc) {
  TrainingDocument out;
  out.text = std::make_shared<const std::string>(doc.text);
  out.seg = segment(*out.text);
  out.gold = project_spans(out.seg, doc.spans);
  return out;
}

TrainingCorpus read_training_corpus(const std::vector<std::string>& train,
                                    const std::vector<std::string>& domain, const std::string& dev,
                                    const ConllOptions& options) {
  const auto read = [&](const std::string& path, std::vector<TrainingDocument>& into) {
    for (const GoldDocument& d : read_gold_documents(path, options)) {
      into.push_back(make_training_document(d));
    }
  };
  TrainingCorpus corpus;
  for (const std::string& path : train) read(path, corpus.train);
  for (const std::string& path : domain) {
    const std::size_t first = corpus.train.size();
    read(path, corpus.train);
    for (std::size_t i = first; i < corpus.train.size(); ++i) corpus.train[i].target_domain = true;
  }
  read(dev, corpus.dev);
  return corpus;
}

}  // namespace newsgraph
