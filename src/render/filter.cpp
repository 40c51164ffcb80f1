// Choosing the part of the graph to draw: filter_graph (render/render.hpp).
//
// Guarantees: filter_graph keeps the relative order of vertices and edges, so everything
// drawn is as deterministic as the graph.
#include <unicode/unistr.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <deque>
#include <set>

#include "newsgraph/render/render.hpp"
#include "newsgraph/util/utf8.hpp"

namespace newsgraph {
namespace {

using Vertex = Graph::vertex_descriptor;
using EdgeDesc = Graph::edge_descriptor;

/// `s` case-folded (full Unicode case folding) with surrounding white space removed, the key
/// --focus names are compared by.
std::string fold(std::string_view s) {
  const std::string clean = valid_utf8(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(clean.data(), static_cast<int32_t>(clean.size())));
  u.foldCase().trim();
  std::string out;
  u.toUTF8String(out);
  return out;
}

/// The names of up to three candidate nodes, for an error message.
std::string some_ids(const Graph& g, const std::vector<Vertex>& vs) {
  std::string out;
  for (std::size_t i = 0; i < vs.size() && i < 3; ++i) out += (i ? ", " : "") + g[vs[i]].id;
  if (vs.size() > 3) out += ", ...";
  return out;
}

/// The vertex `name` stands for: an exact id, else the one node whose label folds to it, else
/// the one node with such an alias. Throws RenderError when none or several match.
Vertex find_focus(const Graph& g, const std::string& name) {
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g)))
    if (g[v].id == name) return v;
  const std::string key = fold(name);
  std::vector<Vertex> by_label, by_alias;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    if (fold(n.label) == key) {
      by_label.push_back(v);
    } else if (std::any_of(n.aliases.begin(), n.aliases.end(),
                           [&](const std::string& a) { return fold(a) == key; })) {
      by_alias.push_back(v);
    }
  }
  for (const auto* found : {&by_label, &by_alias}) {
    if (found->size() == 1) return found->front();
    if (found->size() > 1)
      throw RenderError("focus '" + name + "' names " + std::to_string(found->size()) + " nodes (" +
                        some_ids(g, *found) + "); give the node id instead");
  }
  throw RenderError("focus '" + name + "': no node of the graph has this name, alias or id");
}

/// The number of kept edges at each vertex.
std::vector<std::size_t> degrees(const Graph& g, const std::vector<EdgeDesc>& edges,
                                 const std::vector<char>& edge_kept) {
  std::vector<std::size_t> deg(boost::num_vertices(g), 0);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!edge_kept[i]) continue;
    ++deg[boost::source(edges[i], g)];
    ++deg[boost::target(edges[i], g)];
  }
  return deg;
}

}  // namespace

Graph filter_graph(const Graph& g, const RenderOptions& options) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<EdgeDesc> edges;
  for (const EdgeDesc e : boost::make_iterator_range(boost::edges(g))) edges.push_back(e);

  // 1. Types and quotations.
  std::set<EntityType> types(options.types.begin(), options.types.end());
  if (types.empty())
    types = {EntityType::Person, EntityType::Organization, EntityType::Place, EntityType::Group};
  std::vector<char> keep(n, 0);
  for (Vertex v = 0; v < n; ++v) {
    const EntityType t = g[v].type;
    keep[v] = t == EntityType::Quotation ? options.quotes != QuoteMode::None : types.count(t) > 0;
  }
  // 2. Weights. An edge is kept while both its ends are.
  std::vector<char> edge_kept(edges.size(), 0);
  const auto update_edges = [&] {
    for (std::size_t i = 0; i < edges.size(); ++i)
      edge_kept[i] = keep[boost::source(edges[i], g)] && keep[boost::target(edges[i], g)] &&
                     g[edges[i]].weight >= options.min_weight;
  };
  update_edges();

  // 3. Focus: the nodes within `depth` edges of the focus, over the edges kept so far.
  std::optional<Vertex> focus;
  if (!options.focus.empty()) {
    focus = find_focus(g, options.focus);
    if (!keep[*focus])
      throw RenderError("focus '" + options.focus + "' is " + g[*focus].id + ", a " +
                        std::string(to_string(g[*focus].type)) +
                        ", which the type or quote filters leave out");
    std::vector<std::vector<Vertex>> adjacent(n);
    for (std::size_t i = 0; i < edges.size(); ++i) {
      if (!edge_kept[i]) continue;
      const Vertex s = boost::source(edges[i], g), t = boost::target(edges[i], g);
      adjacent[s].push_back(t);
      adjacent[t].push_back(s);
    }
    std::vector<std::size_t> distance(n, static_cast<std::size_t>(-1));
    std::deque<Vertex> queue{*focus};
    distance[*focus] = 0;
    while (!queue.empty()) {
      const Vertex v = queue.front();
      queue.pop_front();
      if (distance[v] >= options.depth) continue;
      for (const Vertex w : adjacent[v]) {
        if (distance[w] != static_cast<std::size_t>(-1)) continue;
        distance[w] = distance[v] + 1;
        queue.push_back(w);
      }
    }
    for (Vertex v = 0; v < n; ++v) keep[v] = keep[v] && distance[v] != static_cast<std::size_t>(-1);
    update_edges();
  }

  // 4. Nodes left without edges.
  std::vector<std::size_t> degree = degrees(g, edges, edge_kept);
  if (!options.keep_isolated) {
    for (Vertex v = 0; v < n; ++v)
      if (degree[v] == 0 && v != focus) keep[v] = 0;
  }

  // 5. Top nodes; the quotations follow their kept speakers.
  if (options.top > 0) {
    std::vector<Vertex> ranked;
    for (Vertex v = 0; v < n; ++v)
      if (keep[v] && g[v].type != EntityType::Quotation) ranked.push_back(v);
    const auto key = [&](Vertex v) { return options.top_by == RankBy::Degree ? degree[v] : g[v].mentions; };
    std::sort(ranked.begin(), ranked.end(), [&](Vertex a, Vertex b) {
      if (key(a) != key(b)) return key(a) > key(b);
      if (g[a].mentions != g[b].mentions) return g[a].mentions > g[b].mentions;
      return g[a].id != g[b].id ? g[a].id < g[b].id : a < b;
    });
    std::vector<char> top(n, 0);
    for (std::size_t i = 0; i < ranked.size() && i < options.top; ++i) top[ranked[i]] = 1;
    if (focus) top[*focus] = 1;
    for (std::size_t i = 0; i < edges.size(); ++i) {
      if (!edge_kept[i]) continue;
      const Vertex s = boost::source(edges[i], g), t = boost::target(edges[i], g);
      if (g[t].type == EntityType::Quotation && top[s]) top[t] = 1;
      if (g[s].type == EntityType::Quotation && top[t]) top[s] = 1;
    }
    for (Vertex v = 0; v < n; ++v) keep[v] = keep[v] && top[v];
    update_edges();
  }

  Graph out;
  out[boost::graph_bundle] = g[boost::graph_bundle];
  std::vector<Vertex> new_index(n, 0);
  for (Vertex v = 0; v < n; ++v)
    if (keep[v]) new_index[v] = boost::add_vertex(g[v], out);
  for (std::size_t i = 0; i < edges.size(); ++i)
    if (edge_kept[i])
      boost::add_edge(new_index[boost::source(edges[i], g)], new_index[boost::target(edges[i], g)],
                      g[edges[i]], out);
  return out;
}

}  // namespace newsgraph
