// The choice of one Wikidata id and one point from the votes of a group's members, shared by
// within-article resolution and the cross-article merge (resolve/links.hpp).
#include "resolve/links.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

using newsgraph::GeoPoint;
using newsgraph::links::LinkTally;

namespace {

using Vote = std::pair<std::string, std::optional<GeoPoint>>;

LinkTally tally(const std::vector<Vote>& votes) {
  LinkTally t;
  for (const auto& [id, point] : votes) t.add(id, point);
  return t;
}

const GeoPoint kMoscow{55.75222, 37.61556};
const GeoPoint kMoscowToo{55.7558, 37.6173};
const GeoPoint kIdaho{46.73239, -117.00017};

}  // namespace

TEST_CASE("links: no votes, or votes without links, give nothing", "[resolve]") {
  CHECK(LinkTally().empty());
  CHECK(LinkTally().wikidata().empty());
  CHECK_FALSE(LinkTally().location().has_value());
  const LinkTally t = tally({{"", std::nullopt}, {"", std::nullopt}});
  CHECK(t.empty());
  CHECK(t.wikidata().empty());
  CHECK_FALSE(t.location().has_value());
}

TEST_CASE("links: the most frequent id, ties to the smallest", "[resolve]") {
  CHECK(tally({{"Q649", std::nullopt}, {"", std::nullopt}}).wikidata() == "Q649");
  CHECK(tally({{"Q2", std::nullopt}, {"Q10", std::nullopt}, {"Q2", std::nullopt}}).wikidata() == "Q2");
  // byte order: "Q10" < "Q2"
  CHECK(tally({{"Q2", std::nullopt}, {"Q10", std::nullopt}}).wikidata() == "Q10");
  CHECK(tally({{"", std::nullopt}, {"", std::nullopt}, {"Q5", std::nullopt}}).wikidata() == "Q5");
}

TEST_CASE("links: the point of the chosen id, else of the votes without an id, never of another id",
          "[resolve]") {
  SECTION("the most frequent point of the chosen id, however many votes without an id have another") {
    const LinkTally t = tally(
        {{"Q649", kMoscow}, {"", kMoscowToo}, {"", kMoscowToo}, {"Q649", std::nullopt}, {"Q649", kMoscow}});
    CHECK(t.wikidata() == "Q649");
    CHECK(t.location() == kMoscow);
  }
  SECTION("ties between points go to the smallest") {
    CHECK(tally({{"Q649", kMoscowToo}, {"Q649", kMoscow}}).location() == kMoscow);
    CHECK(tally({{"", kMoscowToo}, {"", kIdaho}}).location() == kIdaho);
  }
  SECTION("the chosen id has no point: the votes without an id give it") {
    CHECK(tally({{"Q649", std::nullopt}, {"", kMoscowToo}}).location() == kMoscowToo);
  }
  SECTION("a point that came with another id is never taken") {
    const LinkTally t = tally({{"Q1", std::nullopt}, {"Q2", kIdaho}});
    CHECK(t.wikidata() == "Q1");
    CHECK_FALSE(t.location().has_value());
  }
}

TEST_CASE("links: points are rounded as written, and a point that is none is no vote", "[resolve]") {
  const LinkTally t = tally({{"", GeoPoint{55.752221, 37.615559}},
                             {"", GeoPoint{55.75222, 37.61556}},
                             {"", GeoPoint{std::nan(""), 0}},
                             {"", GeoPoint{91, 0}},
                             {"", GeoPoint{std::nan(""), 0}},
                             {"", GeoPoint{91, 0}},
                             {"", GeoPoint{91, 0}}});
  CHECK(t.location() == kMoscow);  // the two votes round alike
}

TEST_CASE("links: the choice depends only on the votes, not on their order", "[resolve]") {
  std::vector<Vote> votes{{"Q3", kIdaho},  {"Q3", std::nullopt}, {"Q7", kMoscow},    {"Q7", kMoscow},
                          {"Q3", kMoscow}, {"", kMoscowToo},     {"", std::nullopt}, {"Q7", kIdaho}};
  const LinkTally first = tally(votes);
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(votes.begin(), votes.end(), rng);
    const LinkTally t = tally(votes);
    CHECK(t.wikidata() == first.wikidata());
    CHECK(t.location() == first.location());
  }
  CHECK(first.wikidata() == "Q3");    // three votes each: the smaller id
  CHECK(first.location() == kIdaho);  // Q3's points, once each: the smaller latitude
}
