// Graph building: edge keys, symmetric relations, self-loops, evidence, order independence.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "newsgraph/merge/merge.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/vocab/graph.hpp"

using namespace newsgraph;

namespace {

const Knowledge& kb() {
  static const std::shared_ptr<const Knowledge> k = Knowledge::open(newsgraph::default_knowledge_path());
  return *k;
}

/// An article with one mention per entity (entity k's mention spans [100k, 100k + 10)).
ArticleResult article(const std::string& id, const std::vector<std::pair<EntityType, std::string>>& ents) {
  ArticleResult a;
  a.id = id;
  for (std::size_t k = 0; k < ents.size(); ++k) {
    Mention m;
    m.type = ents[k].first;
    m.span = {100 * k, 100 * k + 10};
    m.text = ents[k].second;
    m.entity = k;
    a.entities.mentions.push_back(m);
    Entity e;
    e.id = std::string(id_prefix(ents[k].first)) + "/e" + std::to_string(k);
    e.type = ents[k].first;
    e.name = ents[k].second;
    e.mentions = {k};
    a.entities.entities.push_back(e);
  }
  return a;
}

/// A relation between entities `s` and `t` stated in sentence [sentence, sentence + 50).
Relation rel(RelationType type, std::size_t s, std::size_t t, std::size_t sentence, std::string title = {}) {
  Relation r;
  r.type = type;
  r.source = s;
  r.target = t;
  r.source_span = {100 * s, 100 * s + 10};
  r.target_span = {100 * t, 100 * t + 10};
  r.sentence = {sentence, sentence + 50};
  r.title = std::move(title);
  r.cue = "test";
  return r;
}

struct EdgeView {
  std::string source, relation, target, title;
  std::size_t weight, articles;
  std::vector<EdgeEvidence> evidence;
};

std::vector<EdgeView> edges_of(const Graph& g) {
  std::vector<EdgeView> out;
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const Edge& e = g[*it];
    out.push_back({g[boost::source(*it, g)].id, std::string(to_string(e.relation)),
                   g[boost::target(*it, g)].id, e.title, e.weight, e.articles, e.evidence});
  }
  return out;
}

std::string span_text(const Span& s) { return std::to_string(s.begin) + "-" + std::to_string(s.end); }

std::string serialise(const Graph& g) {
  std::string s;
  for (const auto& a : g[boost::graph_bundle].articles) s += a + ",";
  s += "\n";
  for (auto [it, end] = boost::vertices(g); it != end; ++it) s += g[*it].id + "\n";
  for (const auto& e : edges_of(g)) {
    s += e.source + " " + e.relation + " " + e.target + " [" + e.title + "] w" + std::to_string(e.weight) +
         " a" + std::to_string(e.articles) + ":";
    for (const auto& ev : e.evidence)
      s += " " + ev.article + "@" + span_text(ev.sentence) + "/" + span_text(ev.source) + "/" +
           span_text(ev.target);
    s += "\n";
  }
  return s;
}

constexpr EntityType P = EntityType::Person;
constexpr EntityType O = EntityType::Organization;
constexpr EntityType L = EntityType::Place;

}  // namespace

TEST_CASE("a symmetric relation stated both ways in two articles is one edge", "[graph]") {
  std::vector<ArticleResult> arts{article("a", {{P, "John Smith"}, {P, "Anna Kowalska"}}),
                                  article("b", {{P, "Anna Kowalska"}, {P, "John Smith"}})};
  arts[0].relations.push_back(rel(RelationType::MetWith, 0, 1, 0));   // john -> anna
  arts[1].relations.push_back(rel(RelationType::MetWith, 1, 0, 0));   // john -> anna, the other order
  arts[1].relations.push_back(rel(RelationType::MetWith, 0, 1, 60));  // anna -> john
  const MergeResult m = merge(arts, kb());
  const Graph g = build_graph(arts, m);
  REQUIRE(boost::num_vertices(g) == 2);
  const auto es = edges_of(g);
  REQUIRE(es.size() == 1);
  CHECK(es[0].source == "person/anna-kowalska");
  CHECK(es[0].target == "person/john-smith");
  CHECK(es[0].relation == "met_with");
  CHECK(es[0].weight == 3);
  CHECK(es[0].articles == 2);
  REQUIRE(es[0].evidence.size() == 3);
  // In article "a" Anna is entity 1 (span 100-110): the spans turn with the edge.
  CHECK(es[0].evidence[0].article == "a");
  CHECK(es[0].evidence[0].source == Span{100, 110});
  CHECK(es[0].evidence[0].target == Span{0, 10});
  CHECK(es[0].evidence[1].article == "b");
  CHECK(es[0].evidence[1].source == Span{0, 10});
  CHECK(std::is_sorted(es[0].evidence.begin(), es[0].evidence.end()));
}

TEST_CASE("a directed relation keeps its direction; opposite directions are two edges", "[graph]") {
  std::vector<ArticleResult> arts{article("a", {{P, "John Smith"}, {P, "Anna Kowalska"}})};
  arts[0].relations.push_back(rel(RelationType::Criticized, 0, 1, 0));
  arts[0].relations.push_back(rel(RelationType::Criticized, 1, 0, 60));
  const Graph g = build_graph(arts, merge(arts, kb()));
  const auto es = edges_of(g);
  REQUIRE(es.size() == 2);
  CHECK(es[0].source == "person/anna-kowalska");
  CHECK(es[0].target == "person/john-smith");
  CHECK(es[1].source == "person/john-smith");
  CHECK(es[1].target == "person/anna-kowalska");
}

TEST_CASE("self-loops are dropped, including ones the merge creates", "[graph]") {
  std::vector<ArticleResult> arts{article("a", {{O, "Apple Inc."}, {O, "Apple"}, {L, "France"}})};
  arts[0].relations.push_back(rel(RelationType::PartOf, 0, 1, 0));    // both become one node
  arts[0].relations.push_back(rel(RelationType::MetWith, 2, 2, 60));  // literally the same entity
  arts[0].relations.push_back(rel(RelationType::BasedIn, 1, 2, 120));
  const MergeResult m = merge(arts, kb());
  REQUIRE(m.nodes.size() == 2);
  const auto es = edges_of(build_graph(arts, m));
  REQUIRE(es.size() == 1);
  CHECK(es[0].relation == "based_in");
  CHECK(es[0].source == "organization/apple-inc");
  CHECK(es[0].target == "place/france");
}

TEST_CASE("edges come in (source, relation, target, title) order", "[graph]") {
  std::vector<ArticleResult> arts{
      article("a", {{P, "John Smith"}, {O, "Acme Corp."}, {L, "France"}, {P, "Anna Kowalska"}})};
  auto& rs = arts[0].relations;
  rs.push_back(rel(RelationType::Visited, 0, 2, 0));
  rs.push_back(rel(RelationType::HoldsPosition, 0, 1, 60, "Chief Executive"));
  rs.push_back(rel(RelationType::HoldsPosition, 0, 1, 120, "Chairman"));
  rs.push_back(rel(RelationType::BasedIn, 1, 2, 180));
  rs.push_back(rel(RelationType::MetWith, 0, 3, 240));
  rs.push_back(rel(RelationType::Accused, 3, 1, 300));
  const Graph g = build_graph(arts, merge(arts, kb()));
  const auto es = edges_of(g);
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> keys;
  for (const auto& e : es) keys.emplace_back(e.source, e.relation, e.target, e.title);
  const decltype(keys) expected{
      {"organization/acme-corp", "based_in", "place/france", ""},
      {"person/anna-kowalska", "accused", "organization/acme-corp", ""},
      {"person/anna-kowalska", "met_with", "person/john-smith", ""},
      {"person/john-smith", "holds_position", "organization/acme-corp", "Chairman"},
      {"person/john-smith", "holds_position", "organization/acme-corp", "Chief Executive"},
      {"person/john-smith", "visited", "place/france", ""},
  };
  CHECK(keys == expected);
  // Vertices follow the node order, which is id order.
  std::vector<std::string> ids;
  for (auto [it, end] = boost::vertices(g); it != end; ++it) ids.push_back(g[*it].id);
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(ids.size() == 4);
}

TEST_CASE("evidence is distinct and sorted; weight counts it", "[graph]") {
  std::vector<ArticleResult> arts{article("b", {{P, "John Smith"}, {L, "France"}}),
                                  article("a", {{P, "John Smith"}, {L, "France"}})};
  arts[0].relations.push_back(rel(RelationType::Visited, 0, 1, 300));
  arts[0].relations.push_back(rel(RelationType::Visited, 0, 1, 0));
  arts[0].relations.push_back(rel(RelationType::Visited, 0, 1, 300));  // a repeat
  arts[1].relations.push_back(rel(RelationType::Visited, 0, 1, 500));
  arts[1].relations.push_back(rel(RelationType::Visited, 0, 1, 500));  // a repeat
  const Graph g = build_graph(arts, merge(arts, kb()));
  const auto es = edges_of(g);
  REQUIRE(es.size() == 1);
  CHECK(es[0].weight == 3);
  CHECK(es[0].articles == 2);
  REQUIRE(es[0].evidence.size() == 3);
  CHECK(es[0].evidence[0].article == "a");
  CHECK(es[0].evidence[1].article == "b");
  CHECK(es[0].evidence[1].sentence == Span{0, 50});
  CHECK(es[0].evidence[2].sentence == Span{300, 350});
  CHECK(g[boost::graph_bundle].articles == std::vector<std::string>{"a", "b"});
}

TEST_CASE("the graph depends only on the set of articles", "[graph]") {
  std::vector<ArticleResult> arts{
      article("a", {{P, "Sergey Lavrov"}, {O, "United Nations"}, {L, "France"}}),
      article("b", {{P, "Lavrov"}, {O, "UN"}}),
      article("c", {{P, "Anna Kowalska"}, {P, "Sergey Lavrov"}}),
      article("d", {}),
  };
  arts[0].relations = {rel(RelationType::MemberOf, 0, 1, 0), rel(RelationType::Visited, 0, 2, 60)};
  arts[1].relations = {rel(RelationType::Criticized, 0, 1, 0), rel(RelationType::MemberOf, 0, 1, 60)};
  arts[2].relations = {rel(RelationType::MetWith, 1, 0, 0), rel(RelationType::MetWith, 0, 1, 60)};
  const std::string expected = serialise(build_graph(arts, merge(arts, kb())));
  CHECK(expected.find("person/anna-kowalska met_with person/sergey-lavrov [] w2 a1") != std::string::npos);
  CHECK(expected.find("person/sergey-lavrov member_of organization/united-nations [] w2 a2") !=
        std::string::npos);
  std::mt19937 rng(777);
  for (int round = 0; round < 30; ++round) {
    std::shuffle(arts.begin(), arts.end(), rng);
    CHECK(serialise(build_graph(arts, merge(arts, kb()))) == expected);
  }
}

TEST_CASE("a merge result that does not fit the articles is an error", "[graph]") {
  std::vector<ArticleResult> arts{article("a", {{P, "John Smith"}, {P, "Anna Kowalska"}})};
  arts[0].relations.push_back(rel(RelationType::MetWith, 0, 1, 0));
  MergeResult m = merge(arts, kb());
  CHECK_THROWS_AS(build_graph({}, m), std::invalid_argument);
  MergeResult broken = m;
  broken.node_of[0][1] = 99;
  CHECK_THROWS_AS(build_graph(arts, broken), std::invalid_argument);

  // Relations naming entities the article does not have state nothing.
  arts[0].relations.push_back(rel(RelationType::Visited, 0, 7, 60));
  arts[0].relations.push_back(rel(RelationType::Visited, 7, 0, 120));
  const Graph g = build_graph(arts, m);
  CHECK(boost::num_edges(g) == 1);

  const Graph empty = build_graph({}, merge({}, kb()));
  CHECK(boost::num_vertices(empty) == 0);
  CHECK(boost::num_edges(empty) == 0);
  CHECK(empty[boost::graph_bundle].articles.empty());
}
