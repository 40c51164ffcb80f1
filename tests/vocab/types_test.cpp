// The vocabulary's names: every entity and relation type listed once, in declaration order, each
// with a name that reads back.
#include "newsgraph/vocab/types.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace newsgraph;

TEST_CASE("types: every entity type, in declaration order, with names that read back", "[vocab]") {
  const auto& types = all_entity_types();
  REQUIRE(types.size() == 5);
  for (std::size_t i = 0; i < types.size(); ++i) {
    CHECK(static_cast<std::size_t>(types[i]) == i);
    CHECK(entity_type_from_string(to_string(types[i])) == types[i]);
  }
  // The first value past the list has no name.
  CHECK(to_string(static_cast<EntityType>(types.size())) == "Unknown");
}

TEST_CASE("types: every relation type, in declaration order, with names that read back", "[vocab]") {
  const auto& relations = all_relation_types();
  REQUIRE(relations.size() == 20);
  std::set<std::string> names;
  for (std::size_t i = 0; i < relations.size(); ++i) {
    CHECK(static_cast<std::size_t>(relations[i]) == i);
    CHECK(relation_type_from_string(to_string(relations[i])) == relations[i]);
    names.emplace(to_string(relations[i]));
  }
  CHECK(names.size() == relations.size());
  CHECK(relations.front() == RelationType::HoldsPosition);
  CHECK(relations.back() == RelationType::CoMentioned);
  CHECK(to_string(static_cast<RelationType>(relations.size())) == "unknown");
}
