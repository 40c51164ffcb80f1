// Within-article resolution: which mentions of one article name the same entity.
#pragma once

#include <string>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph {

/// Groups mentions into entities: later partial names ("Lavrov", "Putin") join the full
/// name they abbreviate when that is unambiguous in the article; gazetteer names take
/// their canonical form ("Russian Federation" -> "Russia", "U.S." -> "United States").
/// Entities are ordered by their first mention.
ArticleEntities resolve(std::string_view text, std::vector<Mention> mentions, const Knowledge& kb);

}  // namespace newsgraph
