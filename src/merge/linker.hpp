// The partition of the merge: union-find over the items (the entities of all articles), the
// --keep-apart constraints, and the record of every link a rule made or a constraint refused.
// Internal to src/merge/.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace newsgraph::merging {

/// Disjoint sets over entity indices. The partition it holds depends only on the unions
/// made, never on their order.
class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }

 private:
  std::vector<std::size_t> parent_;
};

/// A merge a rule asks for: item `a` (through its form `name`) joins item `b` (through its
/// form `other`).
struct Link {
  std::size_t a = 0, b = 0;
  std::string rule, name, other, detail;
};

/// The partition the rules build, with the --keep-apart constraints, and a record of every
/// link that joined two clusters (or that a constraint refused).
class Linker {
 public:
  explicit Linker(std::size_t n) : sets_(n), sides_(n) {}
  /// Item `item` matches name `side` of keep-apart group `group` (before any link).
  void set_side(std::size_t item, std::size_t group, std::size_t side) {
    sides_[item].push_back({group, side});
  }
  /// Drops the constraints of items that match two names of one group: they cannot be apart.
  void settle_sides() {
    for (auto& v : sides_) {
      std::sort(v.begin(), v.end());
      std::vector<std::pair<std::size_t, std::size_t>> kept;
      for (std::size_t i = 0; i < v.size(); ++i) {
        const bool clash =
            (i > 0 && v[i - 1].first == v[i].first && v[i - 1].second != v[i].second) ||
            (i + 1 < v.size() && v[i + 1].first == v[i].first && v[i + 1].second != v[i].second);
        if (!clash && (kept.empty() || kept.back() != v[i])) kept.push_back(v[i]);
      }
      v = std::move(kept);
    }
  }
  std::size_t find(std::size_t x) { return sets_.find(x); }
  /// Joins the clusters of link.a and link.b unless they are one already; a link that would
  /// put two names of a keep-apart group together is refused (and recorded) unless `forced`.
  void link(Link l, bool forced = false) {
    const std::size_t ra = sets_.find(l.a), rb = sets_.find(l.b);
    if (ra == rb) return;
    if (!forced && conflict(sides_[ra], sides_[rb])) {
      refused_.push_back(std::move(l));
      return;
    }
    sets_.unite(ra, rb);
    const std::size_t root = sets_.find(ra);
    const std::size_t gone = root == ra ? rb : ra;
    auto& into = sides_[root];
    into.insert(into.end(), sides_[gone].begin(), sides_[gone].end());
    std::sort(into.begin(), into.end());
    into.erase(std::unique(into.begin(), into.end()), into.end());
    sides_[gone].clear();
    links_.push_back(std::move(l));
  }
  const std::vector<Link>& links() const { return links_; }
  const std::vector<Link>& refused() const { return refused_; }

 private:
  static bool conflict(const std::vector<std::pair<std::size_t, std::size_t>>& x,
                       const std::vector<std::pair<std::size_t, std::size_t>>& y) {
    for (const auto& [g, s] : x)
      for (const auto& [h, t] : y)
        if (g == h && s != t) return true;
    return false;
  }
  DisjointSets sets_;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> sides_;  // per root
  std::vector<Link> links_, refused_;
};

/// The clusters of a partition: root -> member item indices, ascending.
inline std::map<std::size_t, std::vector<std::size_t>> clusters_of(Linker& sets, std::size_t n) {
  std::map<std::size_t, std::vector<std::size_t>> out;
  for (std::size_t i = 0; i < n; ++i) out[sets.find(i)].push_back(i);
  return out;
}

}  // namespace newsgraph::merging
