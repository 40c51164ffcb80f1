#include "newsgraph/resolve/resolve.hpp"

#include <catch2/catch.hpp>

#include "support/test_support.hpp"

using namespace newsgraph;

namespace {

ArticleEntities resolved(const std::string& text) {
  const RuleMentionDetector detector(testing::knowledge());
  const Segmentation seg = segment(text);
  return resolve(text, detector.detect(text, seg), *testing::knowledge());
}

const Entity* find(const ArticleEntities& a, const std::string& name) {
  for (const Entity& e : a.entities)
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("resolve: partial names join the one full name", "[resolve]") {
  const auto a =
      resolved("Foreign Minister Petra Lindqvist met Jonas Berg in Oslo. Lindqvist thanked Berg. Berg left.");
  REQUIRE(a.entities.size() == 3);
  const Entity* petra = find(a, "Petra Lindqvist");
  REQUIRE(petra != nullptr);
  CHECK(petra->mentions.size() == 2);
  CHECK(petra->aliases == std::vector<std::string>{"Lindqvist"});
  CHECK(petra->titles == std::vector<std::string>{"Foreign Minister"});
  const Entity* jonas = find(a, "Jonas Berg");
  REQUIRE(jonas != nullptr);
  CHECK(jonas->mentions.size() == 3);
  for (const Mention& m : a.mentions) CHECK(m.entity < a.entities.size());
}

TEST_CASE("resolve: a surname shared by two people stays apart from both", "[resolve]") {
  const auto a = resolved("John Harper met Alice Harper in Paris. Harper said nothing.");
  const Entity* john = find(a, "John Harper");
  const Entity* alice = find(a, "Alice Harper");
  REQUIRE(john != nullptr);
  REQUIRE(alice != nullptr);
  CHECK(john->mentions.size() == 1);
  CHECK(alice->mentions.size() == 1);
}

TEST_CASE("resolve: gazetteer names take their canonical form", "[resolve]") {
  const auto a = resolved("The Russian Federation and Russia are one. The U.S. and the United States too.");
  const Entity* russia = find(a, "Russia");
  REQUIRE(russia != nullptr);
  CHECK(russia->mentions.size() == 2);
  CHECK(russia->aliases == std::vector<std::string>{"Russian Federation"});
  CHECK(russia->place_kind == "country");
  CHECK(russia->country_code == "RU");
  const Entity* us = find(a, "United States");
  REQUIRE(us != nullptr);
  CHECK(us->mentions.size() == 2);
}

TEST_CASE("resolve: an acronym joins the organization it abbreviates", "[resolve]") {
  const auto a = resolved("The Baltic Energy Agency issued a report. Critics said BEA was late.");
  const Entity* agency = find(a, "Baltic Energy Agency");
  REQUIRE(agency != nullptr);
  CHECK(agency->aliases == std::vector<std::string>{"BEA"});
}

TEST_CASE("resolve: an acronym defined in parentheses joins the organization before it", "[resolve]") {
  // Initials would not tell: "Lakes Protection Foundation" is LPF, not the charity's KLF.
  const auto a = resolved("The Lakes Protection Foundation (KLF) said on Monday that KLF staff had left.");
  const Entity* charity = find(a, "Lakes Protection Foundation");
  REQUIRE(charity != nullptr);
  CHECK(charity->aliases == std::vector<std::string>{"KLF"});
  CHECK(charity->mentions.size() == 3);
  // Only a name in parentheses right after the organization, in capitals, is a definition.
  for (const char* text :
       {"The Lakes Protection Foundation said KLF left.", "The Lakes Protection Foundation (in KLF) left.",
        "The Lakes Protection Foundation (KLF left.", "The Lakes Protection Foundation, KLF) left."}) {
    INFO(text);
    const auto b = resolved(text);
    const Entity* e = find(b, "Lakes Protection Foundation");
    if (e != nullptr) CHECK(e->aliases.empty());
  }
}

TEST_CASE("resolve: no mentions, no entities", "[resolve]") {
  CHECK(resolved("").entities.empty());
  CHECK(resolved("nothing to see here.").entities.empty());
}
