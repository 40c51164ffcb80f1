// The fusion of an article's relations: the patterns' relations (relations.hpp), then the
// relation classifier's (relation_model.hpp), then co-mentions; the pipeline calls them in that
// order.
#pragma once

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph {

/// Adds the relations the classifier finds between the article's mentions, except those the
/// patterns already state in the same sentence, and sorts all relations by (sentence, source
/// span, target span, type) again.
void add_model_relations(const Segmentation& seg, ArticleResult& result, const RelationClassifier& model,
                         const Knowledge& kb, double min_confidence);

/// co_mentioned between the entities of every sentence (persons, organizations, places,
/// groups), from the first mention of each there; relations sorted again.
void add_co_mentions(const Segmentation& seg, ArticleResult& result);

}  // namespace newsgraph
