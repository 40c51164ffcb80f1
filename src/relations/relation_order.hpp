// The two orders of relations in the relations stage, each defined once. Internal to the
// relations stage.
#pragma once

#include <algorithm>
#include <tuple>
#include <vector>

#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph::relations {

/// The order and the identity of the relations extract_relations() returns: sentence start,
/// source span, target span, type, source and target entity, title. Relations with equal keys
/// are duplicates (Extractor::finish() keeps one).
inline auto pattern_relation_key(const Relation& r) {
  return std::make_tuple(r.sentence.begin, r.source_span.begin, r.source_span.end, r.target_span.begin,
                         r.target_span.end, static_cast<int>(r.type), r.source, r.target, r.title);
}

/// Sorts an article's relations once the classifier's and the co-mentions are in (combine.hpp):
/// by sentence, source span, target span and type (spans by begin, then end). Not stable:
/// relations equal on all four keep the order std::sort leaves them in.
inline void sort_relations(std::vector<Relation>& relations) {
  std::sort(relations.begin(), relations.end(), [](const Relation& a, const Relation& b) {
    return std::tie(a.sentence, a.source_span, a.target_span, a.type) <
           std::tie(b.sentence, b.source_span, b.target_span, b.type);
  });
}

}  // namespace newsgraph::relations
