// Shared fixtures for the tagger and trainer tests: the tiny CoNLL corpus, small training
// options, and one model trained on the corpus.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/train/tagger_trainer.hpp"
#include "support/test_support.hpp"

namespace newsgraph::testing {

inline const std::string kConllDir = std::string(NEWSGRAPH_SOURCE_DIR) + "/tests/data/conll/";

inline std::vector<TrainingDocument> tiny_corpus() {
  std::vector<TrainingDocument> docs;
  for (const GoldDocument& d : read_conll(kConllDir + "tiny_train.conll")) {
    docs.push_back(make_training_document(d));
  }
  return docs;
}

inline TrainingOptions small_options(std::uint64_t seed = 7) {
  TrainingOptions o;
  o.hash_bits = 16;
  o.max_epochs = 12;
  o.seed = seed;
  o.min_weight = 0;  // a corpus this small leaves every weight small
  return o;
}

// A training document of `text` with gold `spans`.
inline TrainingDocument training_doc(const std::string& text, std::vector<LabeledSpan> spans) {
  GoldDocument d;
  d.id = text;
  d.text = text;
  d.spans = std::move(spans);
  return make_training_document(d);
}

/// One model trained on the tiny corpus, shared by the tests that only read it.
inline const PerceptronTagger& tiny_model() {
  static const PerceptronTagger model = [] {
    const std::vector<TrainingDocument> docs = tiny_corpus();
    return train_tagger(docs, docs, *knowledge(), small_options());
  }();
  return model;
}

/// (surface, label) of every entity the model finds in `text`.
inline std::vector<std::pair<std::string, EntityLabel>> entities(const PerceptronTagger& model,
                                                                 const std::string& text) {
  const Segmentation seg = segment(text);
  std::vector<std::pair<std::string, EntityLabel>> out;
  for (const TaggedSpan& s : model.tag(text, seg, *knowledge())) {
    const std::size_t b = static_cast<std::size_t>(seg.tokens[s.first_token].text.data() - text.data());
    const std::size_t e = static_cast<std::size_t>(seg.tokens[s.last_token - 1].text.data() - text.data()) +
                          seg.tokens[s.last_token - 1].text.size();
    out.emplace_back(text.substr(b, e - b), s.label);
  }
  return out;
}

}  // namespace newsgraph::testing
