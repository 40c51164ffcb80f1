#include "newsgraph/export/dot.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "support/export_fixtures.hpp"

using namespace newsgraph;
using namespace export_test;

namespace {

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("DOT: nodes without relations are laid out in rows, linked nodes are not", "[export]") {
  Graph g;
  std::vector<Graph::vertex_descriptor> vs;
  for (int i = 0; i < 8; ++i) {
    vs.push_back(
        add_node(g, make_node("place/p" + std::to_string(i), EntityType::Place, "P" + std::to_string(i))));
  }
  const auto a = add_node(g, make_node("person/a", EntityType::Person, "A"));
  const auto b = add_node(g, make_node("person/b", EntityType::Person, "B"));
  add_edge(g, a, b, RelationType::MetWith, 1, 1, {}, {{"x", {0, 9}, {0, 1}, {8, 9}}});

  std::ostringstream out;
  write_dot(out, g);
  const std::string dot = out.str();
  // 8 isolated nodes in rows of 6: 5 links in the first row, 1 in the second.
  CHECK(count(dot, "[style=invis]") == 6);
  CHECK(dot.find("\"place/p5\" -> \"place/p6\"") == std::string::npos);
  CHECK(dot.find("\"place/p6\" -> \"place/p7\" [style=invis]") != std::string::npos);
  CHECK(dot.find("\"person/a\" -> \"person/b\" [style=invis]") == std::string::npos);
}
