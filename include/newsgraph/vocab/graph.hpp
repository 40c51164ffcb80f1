// The merged graph: a Boost.Graph adjacency list with bundled node and edge properties.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <optional>
#include <string>
#include <vector>

#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// Where a node was mentioned: an article id and the span of the mention in it.
struct MentionEvidence {
  std::string article;
  Span span;
  friend bool operator<(const MentionEvidence& a, const MentionEvidence& b) {
    return a.article != b.article ? a.article < b.article : a.span < b.span;
  }
};

/// A merged entity: a node of the graph.
struct Node {
  std::string id;  ///< stable: type prefix and slug of the canonical name, "person/sergey-lavrov"
  EntityType type = EntityType::Person;
  std::string label;                  ///< canonical name
  std::vector<std::string> aliases;   ///< every other surface form, sorted, distinct
  std::size_t mentions = 0;           ///< number of mentions
  std::vector<std::string> articles;  ///< ids of the articles that mention it, sorted
  std::string place_kind;             ///< places: "country", "subdivision", "city", "region"
  std::string country_code;           ///< ISO 3166-1 alpha-2 where known
  /// The Wikidata id ("Q159"), empty when unknown: of all its entities' ids the most frequent,
  /// ties to the byte-wise smallest, so a node carries at most one.
  std::string wikidata;
  /// Places: WGS 84 coordinates (vocab/types.hpp), none when unknown: the most frequent point
  /// among its entities that carry the node's id (all its entities when none of those has
  /// one), ties to the smallest.
  std::optional<GeoPoint> location;
  std::vector<std::string> titles;        ///< titles seen with it, sorted, distinct
  std::string quote;                      ///< quotations: the full text
  std::vector<MentionEvidence> evidence;  ///< every mention, sorted
};

/// One sentence that states an edge: the article, the sentence, and the spans that stand
/// for the source and the target.
struct EdgeEvidence {
  std::string article;
  Span sentence;
  Span source;
  Span target;
  friend bool operator<(const EdgeEvidence& a, const EdgeEvidence& b) {
    if (a.article != b.article) return a.article < b.article;
    if (a.sentence != b.sentence) return a.sentence < b.sentence;
    if (a.source != b.source) return a.source < b.source;
    return a.target < b.target;
  }
};

struct Edge {
  RelationType relation = RelationType::MetWith;
  std::string title;                   ///< holds_position: the title; else empty
  std::size_t weight = 0;              ///< number of supporting statements
  std::size_t articles = 0;            ///< number of distinct articles among them
  std::vector<EdgeEvidence> evidence;  ///< sorted
};

/// Graph-wide facts: the ids of the articles it was built from, sorted.
struct GraphInfo {
  std::vector<std::string> articles;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node, Edge, GraphInfo>;

}  // namespace newsgraph
