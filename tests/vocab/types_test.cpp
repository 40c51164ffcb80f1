// The vocabulary's names: every entity and relation type listed once, in declaration order, each
// with a name that reads back; points on the Earth, rounded and written with 5 decimals.
#include "newsgraph/vocab/types.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>
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

TEST_CASE("types: format_degrees writes 5 decimals, rounded half away from zero", "[vocab]") {
  CHECK(format_degrees(55.7558) == "55.75580");
  CHECK(format_degrees(-0.1275) == "-0.12750");
  CHECK(format_degrees(6.145694) == "6.14569");
  CHECK(format_degrees(6.145696) == "6.14570");
  CHECK(format_degrees(-33.868205001) == "-33.86821");
  CHECK(format_degrees(0) == "0.00000");
  CHECK(format_degrees(-0.000004) == "0.00000");  // never "-0.00000"
  CHECK(format_degrees(-0.000005) == "-0.00001");
  CHECK(format_degrees(-180) == "-180.00000");
  CHECK(format_degrees(90) == "90.00000");
  CHECK(format_degrees(1e-300) == "0.00000");
  // Outside the contract: clamped, NaN as 0, never undefined behaviour.
  CHECK(format_degrees(1e300) == "180.00000");
  CHECK(format_degrees(-std::numeric_limits<double>::infinity()) == "-180.00000");
  CHECK(format_degrees(std::nan("")) == "0.00000");
}

TEST_CASE("types: geo_point rounds to what is written and refuses what is no point", "[vocab]") {
  const auto p = geo_point(55.75579833984375, 37.617298126220703);  // float32 values of an entry
  REQUIRE(p.has_value());
  CHECK(p->latitude == 55.7558);
  CHECK(p->longitude == 37.6173);
  CHECK(geo_point(-90, 180).has_value());
  CHECK(geo_point(90, -180).has_value());
  CHECK_FALSE(geo_point(90.000001, 0).has_value());
  CHECK_FALSE(geo_point(0, -180.5).has_value());
  CHECK_FALSE(geo_point(std::nan(""), 0).has_value());
  CHECK_FALSE(geo_point(0, std::numeric_limits<double>::infinity()).has_value());
  // Reading the text back gives the point itself, and writing it again the same text: exports
  // read back exactly.
  for (double x = -179.987654321; x < 180; x += 0.731234567) {
    const auto q = geo_point(x / 2, x);
    REQUIRE(q.has_value());
    const std::string lat = format_degrees(q->latitude), lon = format_degrees(q->longitude);
    CHECK(std::strtod(lat.c_str(), nullptr) == q->latitude);
    CHECK(std::strtod(lon.c_str(), nullptr) == q->longitude);
    const auto again = geo_point(std::strtod(lat.c_str(), nullptr), std::strtod(lon.c_str(), nullptr));
    CHECK(again == q);
  }
  CHECK(GeoPoint{1, 2} < GeoPoint{1, 3});
  CHECK(GeoPoint{0, 9} < GeoPoint{1, -9});
  CHECK(GeoPoint{1, 2} != GeoPoint{1, 3});
}
