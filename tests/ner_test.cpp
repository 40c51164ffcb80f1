#include <catch2/catch.hpp>

#include "test_support.hpp"

using newsgraph::EntityType;
using newsgraph::testing::mentions_of;
using P = EntityType;

namespace {

struct Case {
  const char* text;
  std::vector<std::pair<std::string, EntityType>> expected;
};

}  // namespace

TEST_CASE("mentions: names without titles, possessives or determiners", "[ner]") {
  const std::vector<Case> cases{
      {"German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday.",
       {{"Olaf Scholz", P::Person}, {"Emmanuel Macron", P::Person}, {"Paris", P::Place}}},
      {"Prime Minister Keir Starmer spoke in London.", {{"Keir Starmer", P::Person}, {"London", P::Place}}},
      {"The talks took place in Anchorage, Alaska, last week.",
       {{"Anchorage", P::Place}, {"Alaska", P::Place}}},
      {"Brazil’s Foreign Ministry said nothing.",
       {{"Brazil", P::Place}, {"Foreign Ministry", P::Organization}}},
      {"Officials at NATO’s Military Committee met.",
       {{"NATO", P::Organization}, {"Military Committee", P::Organization}}},
      {"Gen. Anna Kowalczyk arrived on Friday.", {{"Anna Kowalczyk", P::Person}}},
      {"The United Nations and the U.S. disagreed.",
       {{"United Nations", P::Organization}, {"U.S.", P::Place}}},
      {"She spoke to the Russian Federation delegation.", {{"Russian Federation", P::Place}}},
      {"Shares of Acme Widgets Inc. fell in New York.",
       {{"Acme Widgets Inc.", P::Organization}, {"New York", P::Place}}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(mentions_of(c.text) == c.expected);
  }
}

TEST_CASE("mentions: weekdays, demonyms, titles alone and dictionary words are not names", "[ner]") {
  const std::vector<const char*> none{
      "On Wednesday the minister spoke.",
      "Russian officials said little.",
      "The President will decide in March.",
      "However, Tensions Remain.",
      "European leaders gathered.",
      "",
      "   \n\n ",
  };
  for (const char* text : none) {
    INFO(text);
    CHECK(mentions_of(text).empty());
  }
}

TEST_CASE("mentions: a title is kept beside the name, not in it", "[ner]") {
  const newsgraph::RuleMentionDetector detector(newsgraph::testing::knowledge());
  const std::string text = "Defence Minister Marta Ruiz said the plan would work.";
  const auto seg = newsgraph::segment(text);
  const auto ms = detector.detect(text, seg);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].text == "Marta Ruiz");
  CHECK(ms[0].title == "Defence Minister");
  CHECK(ms[0].title_span.begin == 0);
  CHECK(ms[0].span.begin == 17);
}

TEST_CASE("mentions: later surnames are found from the full name, even opening a sentence", "[ner]") {
  const auto ms = mentions_of(
      "Finance Minister Petra Lindqvist opened the session. Lindqvist later left. Lindqvist’s aides stayed.");
  const std::vector<std::pair<std::string, EntityType>> expected{
      {"Petra Lindqvist", P::Person}, {"Lindqvist", P::Person}, {"Lindqvist", P::Person}};
  CHECK(ms == expected);
}

TEST_CASE("mentions: a headline only yields known names", "[ner]") {
  const auto ms = mentions_of("Germany Rejects Sweeping Budget Rules Without Broad Support\n\nThe text.");
  const std::vector<std::pair<std::string, EntityType>> expected{{"Germany", P::Place}};
  CHECK(ms == expected);
}

TEST_CASE("mentions: spans are code points into the text", "[ner]") {
  const newsgraph::RuleMentionDetector detector(newsgraph::testing::knowledge());
  const std::string text = "“Ça va,” dit-il. 😀 Then Chancellor Olaf Scholz left Berlin.";
  const auto seg = newsgraph::segment(text);
  const newsgraph::Utf8Index index(text);
  for (const auto& m : detector.detect(text, seg)) {
    CHECK(std::string(index.slice(text, m.span)) == m.text);
  }
}
