// Relation extraction: typed, directed facts between the entities of one article.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "newsgraph/knowledge.hpp"
#include "newsgraph/resolve.hpp"
#include "newsgraph/segment.hpp"

namespace newsgraph {

/// One relation stated in one sentence. `source` and `target` index the article's entities.
struct Relation {
  RelationType type = RelationType::MetWith;
  std::size_t source = 0;
  std::size_t target = 0;
  Span source_span;  ///< the mention (or quote) that stands for the source
  Span target_span;
  Span sentence;      ///< the sentence that states it
  std::string title;  ///< holds_position: the title ("Foreign Minister")
  std::string cue;    ///< the word or pattern that triggered it ("met", "title", "apposition"; "model")
  /// How sure the relation classifier is, in (0, 1); none for relations found by patterns.
  std::optional<double> confidence;
};

/// Finds relations by patterns over tokens and mentions. Adds a Quotation entity (and a
/// mention covering the quote) to `ents` for each attributed direct quote.
/// Relations come out sorted by (sentence, source span, target span, type), without duplicates.
std::vector<Relation> extract_relations(std::string_view text, const Segmentation& seg, ArticleEntities& ents,
                                        const Knowledge& kb);

}  // namespace newsgraph
