// The merged graph: a Boost.Graph adjacency list with bundled node and edge properties.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <string>
#include <vector>

#include "newsgraph/merge.hpp"

namespace newsgraph {

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

/// Builds the graph. Vertices are in node id order; edges are inserted in order of
/// (source id, relation, target id, title), one edge per such key, so iterating
/// boost::edges(g) is deterministic. Symmetric relations run from the smaller id.
Graph build_graph(const std::vector<ArticleResult>& articles, const MergeResult& merged);

}  // namespace newsgraph
