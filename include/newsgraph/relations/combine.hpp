// The fusion of an article's relations: the patterns' relations (relations.hpp), then the
// relation classifier's (relation_model.hpp), then co-mentions; the pipeline calls them in that
// order.
#pragma once

#include <string>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph {

/// Which relations a pipeline keeps beside the patterns'.
struct RelationConfig {
  /// The relation classifier's model file; empty means default_model_path("rel-en.bin")
  /// (pipeline/pipeline.hpp).
  std::string model_path;
  /// The classifier's relations below this confidence are left out. The default keeps news graphs
  /// clean (CoNLL04 is 1990s newswire; lower thresholds add more wrong lives_in and located_in
  /// than right ones on today's news); 0.5 gives the best CoNLL04 F1.
  double min_confidence = 0.8;
  /// Also state co_mentioned between every two persons, organizations, places or groups named
  /// in the same sentence (one statement per sentence, so an edge's weight counts sentences).
  bool co_mentions = false;
};

/// Adds the relations the classifier finds between the article's mentions, except those the
/// patterns already state in the same sentence, and sorts all relations by (sentence, source
/// span, target span, type) again.
void add_model_relations(const Segmentation& seg, ArticleResult& result, const RelationClassifier& model,
                         const Knowledge& kb, double min_confidence);

/// co_mentioned between the entities of every sentence (persons, organizations, places,
/// groups), from the first mention of each there; relations sorted again.
void add_co_mentions(const Segmentation& seg, ArticleResult& result);

}  // namespace newsgraph
