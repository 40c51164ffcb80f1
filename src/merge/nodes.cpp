// Rules 5 and 6 of the merge (see merge.cpp): each cluster of items becomes a node with a
// label, aliases and the evidence of its members, and a unique id; nodes are sorted by id.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "merge/items.hpp"
#include "merge/steps.hpp"
#include "newsgraph/resolve/node_id.hpp"
#include "resolve/links.hpp"

namespace newsgraph::merging {
namespace {

/// Everything one cluster contributes to its node, plus what orders clashing ids.
struct Cluster {
  std::vector<std::size_t> members;  ///< item indices, ascending = sorted member order
  Node node;
  std::vector<std::string> names;  ///< label and aliases, sorted: orders clashing ids
  std::string base_id;
};

bool cluster_before(const Cluster& a, const Cluster& b) {
  if (a.names != b.names) return a.names < b.names;
  const auto& ea = a.node.evidence;
  const auto& eb = b.node.evidence;
  if (std::lexicographical_compare(ea.begin(), ea.end(), eb.begin(), eb.end())) return true;
  if (std::lexicographical_compare(eb.begin(), eb.end(), ea.begin(), ea.end())) return false;
  const Node& x = a.node;
  const Node& y = b.node;
  return std::tie(x.mentions, x.articles, x.titles, x.place_kind, x.country_code, x.quote, x.wikidata,
                  x.location) < std::tie(y.mentions, y.articles, y.titles, y.place_kind, y.country_code,
                                         y.quote, y.wikidata, y.location);
}

/// Fills the node of cluster `c` from its members: type, the label (rule 5), aliases,
/// mentions, evidence, articles, titles, place kind, country code, quote, Wikidata id and
/// coordinates; and its base id.
void fill_node(Cluster& c, const Corpus& corpus, const Knowledge& kb) {
  Node& n = c.node;
  const Item& first = corpus.items[c.members.front()];
  n.type = first.e->type;

  // Rule 5: the label.
  std::map<std::string, std::size_t> name_mentions;
  std::map<std::string, std::size_t> name_tokens;
  std::set<std::string> all_names;
  std::set<std::string> articles_seen, titles;
  links::LinkTally links;
  for (std::size_t i : c.members) {
    const Item& it = corpus.items[i];
    const Entity& e = *it.e;
    const ArticleResult& a = corpus.article_of(it);
    name_mentions[e.name] += it.mention_count;
    // An acronym is one word however it is dotted ("U.N." is as short as "UN").
    const Form& name_form = it.forms.front();
    name_tokens[e.name] =
        n.type == EntityType::Organization && !acronym_letters(e.name).empty() ? 1 : name_form.folded.size();
    all_names.insert(e.name);
    for (const auto& alias : e.aliases) all_names.insert(alias);
    articles_seen.insert(a.id);
    titles.insert(e.titles.begin(), e.titles.end());
    n.mentions += it.mention_count;
    for (std::size_t m : e.mentions)
      if (m < a.entities.mentions.size()) n.evidence.push_back({a.id, a.entities.mentions[m].span});
    if (n.place_kind.empty()) n.place_kind = e.place_kind;
    if (n.country_code.empty()) n.country_code = e.country_code;
    if (n.quote.empty()) n.quote = e.quote;
    links.add(e.wikidata, e.location);
  }
  n.wikidata = links.wikidata();
  n.location = links.location();
  const std::string* best = nullptr;
  for (const auto& [name, tokens] : name_tokens) {
    if (best == nullptr) {
      best = &name;
      continue;
    }
    const std::size_t bt = name_tokens[*best];
    const std::size_t bm = name_mentions[*best];
    const std::size_t m = name_mentions[name];
    if (tokens > bt || (tokens == bt && m > bm)) best = &name;  // map order breaks the last tie
  }
  n.label = best != nullptr ? *best : std::string();
  for (const auto& s : all_names)
    if (s != n.label) n.aliases.push_back(s);
  n.articles.assign(articles_seen.begin(), articles_seen.end());
  n.titles.assign(titles.begin(), titles.end());
  std::sort(n.evidence.begin(), n.evidence.end());
  c.names.push_back(n.label);
  c.names.insert(c.names.end(), n.aliases.begin(), n.aliases.end());
  std::sort(c.names.begin(), c.names.end());
  const std::string& id_text = n.type == EntityType::Quotation && !n.quote.empty() ? n.quote : n.label;
  c.base_id = make_node_id(n.type, id_text, kb);
}

/// Rule 6: unique ids; clashing clusters take "-2", "-3", ... after the first.
void assign_ids(std::vector<Cluster>& clusters) {
  std::map<std::string, std::vector<std::size_t>> by_base;
  for (std::size_t i = 0; i < clusters.size(); ++i) by_base[clusters[i].base_id].push_back(i);
  std::set<std::string> taken;
  for (const auto& [base, group] : by_base) taken.insert(base);
  for (auto& [base, group] : by_base) {
    std::sort(group.begin(), group.end(),
              [&](std::size_t a, std::size_t b) { return cluster_before(clusters[a], clusters[b]); });
    clusters[group.front()].node.id = base;
    std::size_t k = 2;
    for (std::size_t g = 1; g < group.size(); ++g) {
      std::string id;
      do {
        id = base + "-" + std::to_string(k++);
      } while (taken.count(id) > 0);
      taken.insert(id);
      clusters[group[g]].node.id = id;
    }
  }
}

}  // namespace

std::vector<std::size_t> make_nodes(const Corpus& corpus, Linker& sets, const Knowledge& kb,
                                    MergeResult& result) {
  std::vector<Cluster> clusters;
  std::vector<std::size_t> cluster_of_item(corpus.items.size());
  for (auto& [root, members] : clusters_of(sets, corpus.items.size())) {
    (void)root;
    for (std::size_t i : members) cluster_of_item[i] = clusters.size();
    Cluster c;
    c.members = members;
    clusters.push_back(std::move(c));
  }
  for (Cluster& c : clusters) fill_node(c, corpus, kb);
  assign_ids(clusters);

  std::vector<std::size_t> by_id(clusters.size());
  std::iota(by_id.begin(), by_id.end(), 0);
  std::sort(by_id.begin(), by_id.end(),
            [&](std::size_t a, std::size_t b) { return clusters[a].node.id < clusters[b].node.id; });
  std::vector<std::size_t> node_index(clusters.size());
  result.nodes.reserve(clusters.size());
  for (std::size_t k = 0; k < by_id.size(); ++k) {
    node_index[by_id[k]] = k;
    result.nodes.push_back(std::move(clusters[by_id[k]].node));
  }
  result.node_of.resize(corpus.articles.size());
  for (std::size_t a = 0; a < corpus.articles.size(); ++a) {
    result.node_of[a].reserve(corpus.item_of[a].size());
    for (std::size_t i : corpus.item_of[a]) result.node_of[a].push_back(node_index[cluster_of_item[i]]);
  }

  std::vector<std::size_t> node_of_item(corpus.items.size());
  for (std::size_t i = 0; i < node_of_item.size(); ++i) node_of_item[i] = node_index[cluster_of_item[i]];
  return node_of_item;
}

}  // namespace newsgraph::merging
