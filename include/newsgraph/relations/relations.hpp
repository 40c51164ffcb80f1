// Relation extraction: typed, directed facts between the entities of one article.
#pragma once

#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph {

/// Finds relations by patterns over tokens and mentions. Adds a Quotation entity (and a
/// mention covering the quote) to `ents` for each attributed direct quote.
/// Relations come out sorted by (sentence start, source span, target span, type, source, target,
/// title), without duplicates. The pipeline then adds the classifier's relations and
/// co-mentions (combine.hpp).
std::vector<Relation> extract_relations(std::string_view text, const Segmentation& seg, ArticleEntities& ents,
                                        const Knowledge& kb);

}  // namespace newsgraph
