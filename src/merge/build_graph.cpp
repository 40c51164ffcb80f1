// The merged graph: nodes from the merge, one edge per (source, relation, target, title).
//
// Guarantees: vertex k is merged.nodes[k]; edges are inserted in order of (source id,
// relation name, target id, title); self-loops are dropped; a symmetric relation runs from
// the smaller node id (its spans swapped with it); evidence is distinct and sorted, weight
// counts it and `articles` counts its distinct articles. The graph depends only on the set
// of articles and the merge, not on the order of either.

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "newsgraph/merge/merge.hpp"

namespace newsgraph {
namespace {

/// The identity of an edge; vertex indices only separate nodes that share an id.
using EdgeKey = std::tuple<std::string, std::string, std::string, std::string, std::size_t, std::size_t>;

struct EdgeBuild {
  std::size_t source = 0;
  std::size_t target = 0;
  RelationType relation = RelationType::MetWith;
  std::string title;
  std::set<EdgeEvidence> evidence;
};

}  // namespace

Graph build_graph(const std::vector<ArticleResult>& articles, const MergeResult& merged) {
  if (merged.node_of.size() != articles.size())
    throw std::invalid_argument("build_graph: the merge result covers " +
                                std::to_string(merged.node_of.size()) + " articles, " +
                                std::to_string(articles.size()) + " given");

  Graph g;
  std::set<std::string> article_ids;
  std::map<EdgeKey, EdgeBuild> edges;
  for (std::size_t a = 0; a < articles.size(); ++a) {
    const ArticleResult& art = articles[a];
    const auto& node_of = merged.node_of[a];
    article_ids.insert(art.id);
    for (const Relation& r : art.relations) {
      // A relation that names no entity of its article states nothing about the graph.
      if (r.source >= node_of.size() || r.target >= node_of.size()) continue;
      std::size_t u = node_of[r.source];
      std::size_t v = node_of[r.target];
      if (u >= merged.nodes.size() || v >= merged.nodes.size())
        throw std::invalid_argument("build_graph: article '" + art.id + "' maps an entity to node " +
                                    std::to_string(std::max(u, v)) + " of " +
                                    std::to_string(merged.nodes.size()));
      if (u == v) continue;
      Span source_span = r.source_span;
      Span target_span = r.target_span;
      if (is_symmetric(r.type) &&
          (merged.nodes[v].id < merged.nodes[u].id || (merged.nodes[v].id == merged.nodes[u].id && v < u))) {
        std::swap(u, v);
        std::swap(source_span, target_span);
      }
      EdgeKey key{merged.nodes[u].id, std::string(to_string(r.type)), merged.nodes[v].id, r.title, u, v};
      auto [it, inserted] = edges.try_emplace(std::move(key));
      EdgeBuild& e = it->second;
      if (inserted) {
        e.source = u;
        e.target = v;
        e.relation = r.type;
        e.title = r.title;
      }
      e.evidence.insert(EdgeEvidence{art.id, r.sentence, source_span, target_span});
    }
  }

  g[boost::graph_bundle].articles.assign(article_ids.begin(), article_ids.end());
  for (const Node& n : merged.nodes) boost::add_vertex(n, g);
  for (auto& [key, e] : edges) {
    (void)key;
    Edge edge;
    edge.relation = e.relation;
    edge.title = e.title;
    edge.evidence.assign(e.evidence.begin(), e.evidence.end());
    edge.weight = edge.evidence.size();
    std::set<std::string> ids;
    for (const auto& ev : edge.evidence) ids.insert(ev.article);
    edge.articles = ids.size();
    boost::add_edge(e.source, e.target, std::move(edge), g);
  }
  return g;
}

}  // namespace newsgraph
