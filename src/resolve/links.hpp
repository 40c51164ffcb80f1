// How an entity or a node gets its one Wikidata id and its coordinates from the things it is
// made of (the knowledge entries of an article's mentions in resolve.cpp, the entities of a
// node in the merge, src/merge/nodes.cpp): one rule, so an article and the corpus link alike.
// Internal to the library (src/resolve/ and the stages above it).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "newsgraph/vocab/types.hpp"

namespace newsgraph::links {

/// Counts the (Wikidata id, point) pairs of a group's members and chooses one of each, by
/// counts and byte-wise order alone, so the choice depends only on the multiset of votes:
///   - the id: the most frequent non-empty id, ties to the smallest; "" when there is none, so
///     a group never carries two ids;
///   - the point: the most frequent point among the votes with the chosen id, ties to the
///     smallest (latitude, then longitude); when none of them has one, the same among the
///     votes without an id. A point that came with another id describes another thing and is
///     never taken.
class LinkTally {
 public:
  /// One member's vote: its id (possibly empty) and its point (possibly none; a point that
  /// geo_point refuses counts as none).
  void add(std::string_view wikidata, const std::optional<GeoPoint>& location);
  /// Whether any vote had an id or a point.
  bool empty() const { return ids_.empty() && points_.empty(); }
  std::string wikidata() const;
  std::optional<GeoPoint> location() const;

 private:
  std::map<std::string, std::size_t> ids_;                          ///< non-empty ids
  std::map<std::pair<std::string, GeoPoint>, std::size_t> points_;  ///< (id, point) of votes with a point
};

}  // namespace newsgraph::links
