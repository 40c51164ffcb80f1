// The canonical cross-article case: the two seed articles in ../shared/seeds, built into one
// graph. Skipped, with a message, when ../shared is not beside the repository.
#include <boost/graph/graph_traits.hpp>
#include <catch2/catch.hpp>
#include <filesystem>

#include "newsgraph/ingest/document.hpp"
#include "support/test_support.hpp"

using namespace newsgraph;
namespace fs = std::filesystem;

namespace {

const fs::path kSeeds = fs::path(NEWSGRAPH_SHARED_DIR) / "seeds";

std::vector<std::string> seed_files() {
  std::vector<std::string> files;
  if (!fs::is_directory(kSeeds)) return files;
  for (const auto& e : fs::directory_iterator(kSeeds))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

struct SeedGraph {
  BuildResult result;
  const Node* by_label(const std::string& label, EntityType type) const {
    for (auto v : boost::make_iterator_range(boost::vertices(result.graph))) {
      const Node& n = result.graph[v];
      if (n.label == label && n.type == type) return &n;
    }
    return nullptr;
  }
  std::size_t count_label(const std::string& label) const {
    std::size_t c = 0;
    for (auto v : boost::make_iterator_range(boost::vertices(result.graph)))
      c += result.graph[v].label == label;
    return c;
  }
  const Edge* edge(const std::string& rel, const std::string& a, const std::string& b) const {
    for (auto e : boost::make_iterator_range(boost::edges(result.graph))) {
      const Edge& ed = result.graph[e];
      const std::string& s = result.graph[boost::source(e, result.graph)].label;
      const std::string& t = result.graph[boost::target(e, result.graph)].label;
      if (to_string(ed.relation) != rel) continue;
      if ((s == a && t == b) || (is_symmetric(ed.relation) && s == b && t == a)) return &ed;
    }
    return nullptr;
  }
};

const SeedGraph& seeds() {
  static const SeedGraph g{testing::pipeline().build(read_inputs(seed_files()))};
  return g;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("seeds: one node per person, place and organization", "[seeds]") {
  if (seed_files().size() < 2) {
    WARN("skipped: no seed articles in " << kSeeds.string());
    return;
  }
  const SeedGraph& g = seeds();
  const Node* zelensky = g.by_label("Volodymyr Zelensky", EntityType::Person);
  if (!zelensky) zelensky = g.by_label("Volodymyr Zelenskyy", EntityType::Person);
  REQUIRE(zelensky != nullptr);
  CHECK(zelensky->articles.size() == 2);
  const std::string other =
      zelensky->label == "Volodymyr Zelensky" ? "Volodymyr Zelenskyy" : "Volodymyr Zelensky";
  CHECK(has(zelensky->aliases, other));

  for (const char* person : {"Sergey Lavrov", "Donald Trump", "Vladimir Putin"}) {
    INFO(person);
    const Node* n = g.by_label(person, EntityType::Person);
    REQUIRE(n != nullptr);
    CHECK(n->articles.size() == 2);
    CHECK(g.count_label(person) == 1);
  }
  const Node* russia = g.by_label("Russia", EntityType::Place);
  REQUIRE(russia != nullptr);
  CHECK(has(russia->aliases, "Russian Federation"));
  CHECK(g.count_label("Russian Federation") == 0);
  CHECK(g.by_label("NATO", EntityType::Organization) != nullptr);

  for (const char* person : {"Mark Rutte", "Maria Zakharova", "Steve Witkoff", "Emmanuel Macron", "Dan Caine",
                             "Alexus Grynkewich", "Giuseppe Cavo Dragone"}) {
    INFO(person);
    CHECK(g.by_label(person, EntityType::Person) != nullptr);
  }
  for (const char* place : {"Ukraine", "Moscow", "United States", "Anchorage", "Alaska", "Italy", "Germany",
                            "France", "United Kingdom", "Finland", "Australia", "Japan", "Geneva",
                            "Switzerland", "Istanbul", "Kyiv", "Poland"}) {
    INFO(place);
    CHECK(g.by_label(place, EntityType::Place) != nullptr);
  }
}

TEST_CASE("seeds: no node is a title, weekday or demonym, or carries punctuation", "[seeds]") {
  if (seed_files().size() < 2) {
    WARN("skipped: no seed articles in " << kSeeds.string());
    return;
  }
  const Knowledge& kb = *testing::knowledge();
  for (auto v : boost::make_iterator_range(boost::vertices(seeds().result.graph))) {
    const Node& n = seeds().result.graph[v];
    if (n.type == EntityType::Quotation) continue;
    INFO(n.id << " " << n.label);
    CHECK_FALSE(kb.is_title(n.label));
    CHECK_FALSE(kb.is_never_entity(n.label));
    CHECK_FALSE(kb.demonym(n.label));
    CHECK(n.label.find("’") == std::string::npos);
    CHECK(n.label.find('\'') == std::string::npos);
    CHECK(n.label.find_first_of(",;:\"()!?") == std::string::npos);
    CHECK(n.label.find("“") == std::string::npos);
  }
}

TEST_CASE("seeds: the story's relations", "[seeds]") {
  if (seed_files().size() < 2) {
    WARN("skipped: no seed articles in " << kSeeds.string());
    return;
  }
  const SeedGraph& g = seeds();
  CHECK(g.edge("met_with", "Donald Trump", "Vladimir Putin") != nullptr);
  const Node* zelensky = g.by_label("Volodymyr Zelensky", EntityType::Person);
  const std::string z = zelensky ? zelensky->label : "Volodymyr Zelenskyy";
  const Edge* tz = g.edge("met_with", "Donald Trump", z);
  REQUIRE(tz != nullptr);
  CHECK(tz->articles == 2);
  CHECK(g.edge("holds_position", "Vladimir Putin", "Russia") != nullptr);
  CHECK(g.edge("holds_position", z, "Ukraine") != nullptr);
  CHECK(g.edge("holds_position", "Mark Rutte", "NATO") != nullptr);
  CHECK(g.edge("located_in", "Anchorage", "Alaska") != nullptr);
  CHECK(g.edge("located_in", "Geneva", "Switzerland") != nullptr);

  bool road_to_nowhere = false;
  const Graph& graph = g.result.graph;
  for (auto e : boost::make_iterator_range(boost::edges(graph))) {
    if (graph[e].relation != RelationType::Said) continue;
    const Node& speaker = graph[boost::source(e, graph)];
    const Node& quote = graph[boost::target(e, graph)];
    if (speaker.label == "Sergey Lavrov" && quote.quote.find("road to nowhere") != std::string::npos)
      road_to_nowhere = true;
  }
  CHECK(road_to_nowhere);

  // Collective actors (Group nodes): the accusation against Putin and Lavrov's against
  // European leaders ("He accused European leaders ...").
  CHECK(g.edge("accused", "Western leaders", "Vladimir Putin") != nullptr);
  CHECK(g.edge("accused", "Sergey Lavrov", "European leaders") != nullptr);
  CHECK(g.by_label("European leaders", EntityType::Group) != nullptr);
  // "Foreign Minister Sergey Lavrov" with Moscow or Russia in the sentence
  const Edge* lavrov = g.edge("holds_position", "Sergey Lavrov", "Russia");
  REQUIRE(lavrov != nullptr);
  CHECK(lavrov->title == "Foreign Minister");
}

TEST_CASE("seeds: every merge of the story is explained", "[seeds]") {
  if (seed_files().size() < 2) {
    WARN("skipped: no seed articles in " << kSeeds.string());
    return;
  }
  const auto& ex = seeds().result.merged.explanations;
  const auto explained = [&](const std::string& rule, const std::string& name, const std::string& other) {
    for (const MergeExplanation& x : ex)
      if (x.rule == rule && ((x.name == name && x.other == other) || (x.name == other && x.other == name)))
        return !x.evidence.empty() && !x.other_evidence.empty();
    return false;
  };
  CHECK(explained("spelling", "Volodymyr Zelenskyy", "Volodymyr Zelensky"));
  CHECK(explained("partial-name", "Lavrov", "Sergey Lavrov"));
  CHECK(explained("same-name", "Sergey Lavrov", "Sergey Lavrov"));
  CHECK(explained("partial-name", "Trump", "Donald Trump"));
  CHECK(explained("same-name", "Donald Trump", "Donald Trump"));
  CHECK(explained("partial-name", "Putin", "Vladimir Putin"));
  CHECK(explained("same-name", "Vladimir Putin", "Vladimir Putin"));
  CHECK(explained("gazetteer", "Russian Federation", "Russia"));
}
