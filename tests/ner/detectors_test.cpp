#include <catch2/catch.hpp>

#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/text/utf8_index.hpp"
#include "support/test_support.hpp"

using newsgraph::EntityType;
using newsgraph::testing::mentions_of;
using P = EntityType;

namespace {

struct Case {
  const char* text;
  std::vector<std::pair<std::string, EntityType>> expected;
};

// The mentions of `text` found by the trained tagger with the rules beside it (the default).
std::vector<std::pair<std::string, EntityType>> tagged_mentions_of(const std::string& text) {
  static const newsgraph::TaggedMentionDetector detector(
      newsgraph::testing::knowledge(),
      std::make_shared<const newsgraph::PerceptronTagger>(
          newsgraph::PerceptronTagger::load(newsgraph::default_model_path())));
  const newsgraph::Segmentation seg = newsgraph::segment(text);
  std::vector<std::pair<std::string, EntityType>> out;
  for (const newsgraph::Mention& m : detector.detect(text, seg)) out.emplace_back(m.text, m.type);
  return out;
}

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

TEST_CASE("mentions: titles with -elect, -designate and ex- stay beside the name", "[ner]") {
  const newsgraph::RuleMentionDetector detector(newsgraph::testing::knowledge());
  const std::vector<std::tuple<std::string, std::string, std::string>> cases{
      {"Crowds cheered President-elect Joe Biden in Delaware.", "Joe Biden", "President-elect"},
      {"Vice President-elect Kamala Harris spoke.", "Kamala Harris", "Vice President-elect"},
      {"Prime Minister-designate Petra Lindqvist arrived.", "Petra Lindqvist", "Prime Minister-designate"},
      {"Ex-President Jimmy Carter spoke in Atlanta.", "Jimmy Carter", "Ex-President"},
  };
  for (const auto& [text, name, title] : cases) {
    INFO(text);
    const auto seg = newsgraph::segment(text);
    const auto ms = detector.detect(text, seg);
    REQUIRE(!ms.empty());
    CHECK(ms[0].text == name);
    CHECK(ms[0].type == P::Person);
    CHECK(ms[0].title == title);
  }
}

TEST_CASE("mentions: teams named after a place, boroughs, places after Mt, given names", "[ner]") {
  const std::vector<Case> cases{
      {"The former Denver Broncos coach was hired.", {{"Denver Broncos", P::Organization}}},
      {"The San Diego Chargers won in Boston.",
       {{"San Diego Chargers", P::Organization}, {"Boston", P::Place}}},
      // an event, not a team
      {"He won gold at the Beijing Games in 2008.", {{"Beijing", P::Place}}},
      {"He grew up in Queens and moved to Brooklyn.", {{"Queens", P::Place}, {"Brooklyn", P::Place}}},
      {"Climbers died on Mt Everest.", {{"Mt Everest", P::Place}}},
      // given names that make a person of two words the dictionary knows
      {"Maurice Banks and Mo Brandt met.", {{"Maurice Banks", P::Person}, {"Mo Brandt", P::Person}}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(mentions_of(c.text) == c.expected);
  }
}

TEST_CASE("tagged mentions: names end before weekdays, titles and words after a company", "[ner]") {
  const std::vector<Case> cases{
      // the tagger alone runs on over the weekday, the title or the holiday
      {"The Boston Celtics fired coach Doc Rivers Saturday night.",
       {{"Boston Celtics", P::Organization}, {"Doc Rivers", P::Person}}},
      {"The Denver Nuggets fired coach Harold Morrow Friday afternoon.",
       {{"Denver Nuggets", P::Organization}, {"Harold Morrow", P::Person}}},
      {"Taking over will be former Portland Trailblazers Coach . . .",
       {{"Portland Trailblazers", P::Organization}}},
      {"Police say a gunman opened fire at the Acme Distribution Ltd Christmas party on Friday.",
       {{"Acme Distribution Ltd", P::Organization}}},
      // a generational suffix belongs to the name
      {"Police charged Thomas Weller III on Monday.", {{"Thomas Weller III", P::Person}}},
      // and over a clause after the name
      {"Crowds in Grozny waved portraits of former Chechen leader Dzhokhar Dudayev -- who declared "
       "independence in 1991 -- and sang .",
       {{"Grozny", P::Place}, {"Dzhokhar Dudayev", P::Person}}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(tagged_mentions_of(c.text) == c.expected);
  }
}

TEST_CASE("tagged mentions: the rules' sure names win over the tagger's misreadings", "[ner]") {
  const std::vector<Case> cases{
      // a title makes a person of what the tagger calls an organization, and the surname
      // stands for the person even where the tagger saw a MISC name
      {"President-elect Barack Obama has asked Dr. Sanjay Gupta to be surgeon general. Gupta said the "
       "Obama team had called. It was part of efforts by Obama to staff his administration.",
       {{"Barack Obama", P::Person},
        {"Sanjay Gupta", P::Person},
        {"Gupta", P::Person},
        {"Obama", P::Person},
        {"Obama", P::Person}}},
      // an armed service named after its country, where the tagger took the demonym alone
      {"Indian Navy patrolling the Gulf of Aden yesterday thwarted an attack.",
       {{"Indian Navy", P::Organization}, {"Gulf of Aden", P::Place}}},
      // in a headline, a person named in the article ends before the headline's words
      {"Sergei Ivanov Returns to Moscow\n\nSergei Ivanov came back on Monday.",
       {{"Sergei Ivanov", P::Person}, {"Moscow", P::Place}, {"Sergei Ivanov", P::Person}}},
      {"Marta Ruiz Announces Nominee for Court\n\nDefence Minister Marta Ruiz named a judge on Monday.",
       {{"Marta Ruiz", P::Person}, {"Marta Ruiz", P::Person}}},
      // a facility head the tagger left out joins the names before it into one place
      {"He came off the bench at DRV PNK Stadium in Fort Lauderdale.",
       {{"DRV PNK Stadium", P::Place}, {"Fort Lauderdale", P::Place}}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(tagged_mentions_of(c.text) == c.expected);
  }
}

TEST_CASE("mentions: the rule and tagged detectors add collective actors, the tagger alone does not",
          "[ner]") {
  const std::string text = "European leaders met in Paris. Senior Russian officials stayed away.";
  const newsgraph::Segmentation seg = newsgraph::segment(text);
  const auto groups = [&](const newsgraph::MentionDetector& detector) {
    std::vector<std::string> out;
    for (const newsgraph::Mention& m : detector.detect(text, seg))
      if (m.type == EntityType::Group) out.push_back(m.text);
    return out;
  };
  const std::vector<std::string> expected{"European leaders", "Russian officials"};
  const auto kb = newsgraph::testing::knowledge();
  const auto tagger = std::make_shared<const newsgraph::PerceptronTagger>(
      newsgraph::PerceptronTagger::load(newsgraph::default_model_path()));
  CHECK(groups(newsgraph::RuleMentionDetector(kb)) == expected);
  CHECK(groups(newsgraph::TaggedMentionDetector(kb, tagger)) == expected);
  CHECK(groups(newsgraph::TaggerOnlyMentionDetector(kb, tagger)).empty());
}
