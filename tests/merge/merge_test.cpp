// Cross-article merge: keys, aliases, partial names, acronyms, labels, ids, order independence.
#include "newsgraph/merge/merge.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/resolve/node_id.hpp"
#include "support/test_support.hpp"

using namespace newsgraph;

namespace {

const Knowledge& kb() {
  static const std::shared_ptr<const Knowledge> k = Knowledge::open(newsgraph::default_knowledge_path());
  return *k;
}

/// A hand-made entity: its type, name, aliases and how many mentions it has.
struct E {
  EntityType type;
  std::string name;
  std::vector<std::string> aliases = {};
  std::size_t mentions = 1;
  std::string country_code = {};
  std::string place_kind = {};
  std::vector<std::string> titles = {};
  std::string quote = {};
  std::string wikidata = {};
  std::optional<GeoPoint> location = {};
};

/// An article whose entities each have `mentions` mentions, at spans 100 code points apart.
ArticleResult article(const std::string& id, const std::vector<E>& ents) {
  ArticleResult a;
  a.id = id;
  std::size_t pos = 0;
  for (std::size_t k = 0; k < ents.size(); ++k) {
    const E& spec = ents[k];
    Entity e;
    e.id = std::string(id_prefix(spec.type)) + "/e" + std::to_string(k);
    e.type = spec.type;
    e.name = spec.name;
    e.aliases = spec.aliases;
    std::sort(e.aliases.begin(), e.aliases.end());
    e.place_kind = spec.place_kind;
    e.country_code = spec.country_code;
    e.titles = spec.titles;
    e.quote = spec.quote;
    e.wikidata = spec.wikidata;
    e.location = spec.location;
    for (std::size_t m = 0; m < spec.mentions; ++m) {
      Mention mn;
      mn.type = spec.type;
      mn.span = {pos, pos + 10};
      mn.text = spec.name;
      mn.entity = k;
      pos += 100;
      e.mentions.push_back(a.entities.mentions.size());
      a.entities.mentions.push_back(mn);
    }
    a.entities.entities.push_back(std::move(e));
  }
  return a;
}

const Node* find_node(const MergeResult& r, const std::string& id) {
  for (const auto& n : r.nodes)
    if (n.id == id) return &n;
  return nullptr;
}

std::size_t count_type(const MergeResult& r, EntityType t) {
  return static_cast<std::size_t>(
      std::count_if(r.nodes.begin(), r.nodes.end(), [t](const Node& n) { return n.type == t; }));
}

const Node& node_at(const MergeResult& r, std::size_t article, std::size_t entity) {
  return r.nodes.at(r.node_of.at(article).at(entity));
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + ";";
  return s;
}

/// Every field of every node, and which node each (article id, entity) became.
std::string serialise(const std::vector<ArticleResult>& arts, const MergeResult& r) {
  std::string s;
  for (const auto& n : r.nodes) {
    s += n.id + "|" + std::string(to_string(n.type)) + "|" + n.label + "|" + join(n.aliases) + "|" +
         std::to_string(n.mentions) + "|" + join(n.articles) + "|" + n.place_kind + "|" + n.country_code +
         "|" + join(n.titles) + "|" + n.quote + "|" + n.wikidata + "|" +
         (n.location ? format_degrees(n.location->latitude) + "," + format_degrees(n.location->longitude)
                     : "") +
         "|";
    for (const auto& ev : n.evidence)
      s += ev.article + ":" + std::to_string(ev.span.begin) + "-" + std::to_string(ev.span.end) + ",";
    s += "\n";
  }
  std::vector<std::string> mapping;
  for (std::size_t a = 0; a < arts.size(); ++a) {
    std::string m = arts[a].id + "#";
    for (std::size_t e = 0; e < arts[a].entities.entities.size(); ++e)
      m += arts[a].entities.entities[e].name + "=" + node_at(r, a, e).id + ",";
    mapping.push_back(m);
  }
  std::sort(mapping.begin(), mapping.end());
  for (const auto& m : mapping) s += m + "\n";
  return s;
}

constexpr EntityType P = EntityType::Person;
constexpr EntityType O = EntityType::Organization;
constexpr EntityType L = EntityType::Place;
constexpr EntityType Q = EntityType::Quotation;

}  // namespace

TEST_CASE("slug folds names to lower-case ASCII words joined by dashes", "[merge]") {
  struct Row {
    std::string in, out;
  };
  const std::vector<Row> rows{
      {"Sergey Lavrov", "sergey-lavrov"},
      {"Zelenskyy’s", "zelenskyy-s"},
      {"José Martí", "jose-marti"},
      {"  São   Paulo  ", "sao-paulo"},
      {"AT&T", "at-t"},
      {"G7", "g7"},
      {"", "x"},
      {"---", "x"},
      {"\x01\x02\t\n", "x"},
      {"\xF0\x9F\x98\x80", "x"},  // an emoji alone
  };
  for (const auto& row : rows) {
    CAPTURE(row.in);
    CHECK(slug(row.in, kb()) == row.out);
  }
  const std::regex allowed("[a-z0-9]+(-[a-z0-9]+)*");
  for (const std::string odd : {"Ærø Ø", "北京", "Москва", "a\u200Bb", "O'Brien-Smith (Jr.)"}) {
    CAPTURE(odd);
    CHECK(std::regex_match(slug(odd, kb()), allowed));
  }
}

TEST_CASE("node ids carry the type prefix; quotations a stable hash", "[merge]") {
  CHECK(make_node_id(P, "Sergey Lavrov", kb()) == "person/sergey-lavrov");
  CHECK(make_node_id(O, "Apple Inc.", kb()) == "organization/apple-inc");
  CHECK(make_node_id(L, "São Paulo", kb()) == "place/sao-paulo");
  CHECK(make_node_id(P, "", kb()) == "person/x");
  // FNV-1a 64 of "a" is af63dc4c8601ec8c; its halves xor-ed give 296230c0.
  CHECK(make_node_id(Q, "a", kb()) == "quotation/a-296230c0");
  const std::string q1 = "We will not give up our land, not now and not ever.";
  const std::string q2 = "We will not give up our land, never.";
  const std::string id1 = make_node_id(Q, q1, kb());
  CHECK(std::regex_match(id1, std::regex("quotation/we-will-not-give-up-our-[0-9a-f]{8}")));
  CHECK(id1 == make_node_id(Q, q1, kb()));
  CHECK(id1 != make_node_id(Q, q2, kb()));
  CHECK(std::regex_match(make_node_id(Q, "!!!", kb()), std::regex("quotation/x-[0-9a-f]{8}")));
  // Names with nothing to fold to Latin letters still get distinct ids.
  CHECK(make_node_id(P, "\xF0\x9F\x98\x80", kb()) != make_node_id(P, "\xF0\x9F\x98\x81", kb()));
}

TEST_CASE("spelling variants of a person merge: doubled letters and -iy/-yy endings", "[merge]") {
  const std::vector<ArticleResult> arts{
      article("a", {{P, "Volodymyr Zelensky"}}),
      article("b", {{P, "Volodymyr Zelenskyy", {"Zelenskyy"}, 3}}),
      article("c", {{P, "Volodymyr Zelenskiy"}}),
      article("d", {{P, "Zelenskii"}}),
  };
  const MergeResult r = merge(arts, kb());
  REQUIRE(r.nodes.size() == 1);
  const Node& n = r.nodes[0];
  CHECK(n.label == "Volodymyr Zelenskyy");  // most tokens, then most mentions
  CHECK(n.id == "person/volodymyr-zelenskyy");
  CHECK(n.aliases ==
        std::vector<std::string>{"Volodymyr Zelenskiy", "Volodymyr Zelensky", "Zelenskii", "Zelenskyy"});
  CHECK(n.mentions == 6);
  CHECK(n.articles == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(n.evidence.size() == 6);
  CHECK(std::is_sorted(n.evidence.begin(), n.evidence.end()));
}

TEST_CASE("person spelling rules keep different names apart", "[merge]") {
  struct Row {
    std::string a, b;
    bool same;
  };
  const std::vector<Row> rows{
      {"Anna Kovalenko", "Ana Kovalenko", true},  // doubled letter
      {"Dmitriy Petrov", "Dmitry Petrov", true},
      {"Andrei Volkov", "Andrey Volkov", true},  // one Cyrillic letter, two spellings
      {"Nikolai Shoygun", "Nikolay Shoigun", true},
      {"Maya Volkova", "Maia Volkova", false},  // "y" before a vowel is a consonant
      {"Charles II", "Charles III", false},     // regnal numbers are not spelling variants
      {"Anna Kovalenko", "Anna Kovalenkova", false},
      {"Li Wei", "Li Wen", false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.a, row.b);
    const MergeResult r = merge({article("a", {{P, row.a}}), article("b", {{P, row.b}})}, kb());
    CHECK((r.nodes.size() == 1) == row.same);
  }
}

TEST_CASE("a surname joins the unique full name from another article", "[merge]") {
  const std::vector<ArticleResult> arts{
      article("a", {{P, "Sergey Lavrov", {"Lavrov"}, 2, "", "", {"Foreign Minister"}}}),
      article("b", {{P, "Lavrov"}}),
  };
  const MergeResult r = merge(arts, kb());
  REQUIRE(r.nodes.size() == 1);
  CHECK(r.nodes[0].id == "person/sergey-lavrov");
  CHECK(r.nodes[0].label == "Sergey Lavrov");
  CHECK(r.nodes[0].aliases == std::vector<std::string>{"Lavrov"});
  CHECK(r.nodes[0].titles == std::vector<std::string>{"Foreign Minister"});
  CHECK(r.nodes[0].articles == std::vector<std::string>{"a", "b"});
  CHECK(r.nodes[0].mentions == 3);
}

TEST_CASE("a surname shared by two full names joins neither", "[merge]") {
  const std::vector<ArticleResult> arts{
      article("a", {{P, "John Smith", {"Smith"}}}),
      article("b", {{P, "Jane Smith", {"Smith"}}}),
      article("c", {{P, "Smith"}}),
  };
  const MergeResult r = merge(arts, kb());
  REQUIRE(r.nodes.size() == 3);
  CHECK(find_node(r, "person/john-smith") != nullptr);
  CHECK(find_node(r, "person/jane-smith") != nullptr);
  const Node* smith = find_node(r, "person/smith");
  REQUIRE(smith != nullptr);
  CHECK(smith->articles == std::vector<std::string>{"c"});
  // The shared one-word alias does not merge the two full names either.
  CHECK(node_at(r, 0, 0).id != node_at(r, 1, 0).id);
}

TEST_CASE("partial names: two trailing words and particles", "[merge]") {
  SECTION("two-word tail of a longer name, then its last word") {
    const MergeResult r = merge({article("a", {{P, "Giuseppe Cavo Dragone"}}),
                                 article("b", {{P, "Cavo Dragone"}}), article("c", {{P, "Dragone"}})},
                                kb());
    REQUIRE(r.nodes.size() == 1);
    CHECK(r.nodes[0].label == "Giuseppe Cavo Dragone");
  }
  SECTION("a surname with particles") {
    const MergeResult r =
        merge({article("a", {{P, "Ursula von der Leyen"}}), article("b", {{P, "von der Leyen"}})}, kb());
    REQUIRE(r.nodes.size() == 1);
    CHECK(r.nodes[0].id == "person/ursula-von-der-leyen");
  }
  SECTION("a first name alone is not a surname") {
    const MergeResult r = merge({article("a", {{P, "Sergey Lavrov"}}), article("b", {{P, "Sergey"}})}, kb());
    CHECK(r.nodes.size() == 2);
  }
}

TEST_CASE("organization suffixes and a leading article do not matter", "[merge]") {
  struct Row {
    std::string a, b;
    bool same;
  };
  const std::vector<Row> rows{
      {"Apple Inc.", "Apple", true},
      {"Apple, Inc.", "Apple", true},
      {"The Walt Disney Company", "Walt Disney", true},
      {"Volkswagen AG", "Volkswagen", true},
      {"Acme Corp.", "ACME Corporation", true},
      {"Example Holdings Co., Ltd.", "Example Holdings", true},
      {"Apple Inc.", "Apple Bank", false},
      {"Bank of America", "America", false},
      {"Inc.", "Apple", false},  // a suffix alone is the whole name, not dropped
  };
  for (const auto& row : rows) {
    CAPTURE(row.a, row.b);
    const MergeResult r = merge({article("a", {{O, row.a}}), article("b", {{O, row.b}})}, kb());
    CHECK((r.nodes.size() == 1) == row.same);
  }
  const MergeResult r = merge({article("a", {{O, "Apple Inc."}}), article("b", {{O, "Apple", {}, 2}})}, kb());
  REQUIRE(r.nodes.size() == 1);
  CHECK(r.nodes[0].label == "Apple Inc.");  // more tokens wins over more mentions
  CHECK(r.nodes[0].aliases == std::vector<std::string>{"Apple"});
}

TEST_CASE("acronyms join the unique organization whose initials spell them", "[merge]") {
  struct Row {
    std::string acronym, full;
  };
  const std::vector<Row> rows{
      {"HP", "Hewlett-Packard"},
      {"UN", "United Nations"},
      {"U.N.", "United Nations"},
      {"OECD", "Organisation for Economic Co-operation and Development"},
      {"ICC", "the International Criminal Court"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.acronym, row.full);
    const MergeResult r = merge({article("a", {{O, row.acronym}}), article("b", {{O, row.full}})}, kb());
    REQUIRE(r.nodes.size() == 1);
    CHECK(r.nodes[0].label == row.full);
    CHECK(r.nodes[0].aliases == std::vector<std::string>{row.acronym});
  }
  SECTION("two expansions: the acronym stays alone") {
    const MergeResult r = merge({article("a", {{O, "AI"}}), article("b", {{O, "Amnesty International"}}),
                                 article("c", {{O, "Air India"}})},
                                kb());
    CHECK(r.nodes.size() == 3);
  }
  SECTION("dotted and plain acronyms are one key") {
    const MergeResult r = merge({article("a", {{O, "U.N."}}), article("b", {{O, "UN"}})}, kb());
    CHECK(r.nodes.size() == 1);
  }
  SECTION("not acronyms: lower case, too long, a person") {
    CHECK(merge({article("a", {{O, "Un"}}), article("b", {{O, "United Nations"}})}, kb()).nodes.size() == 2);
    CHECK(merge({article("a", {{O, "ABCDEFG"}}),
                 article("b", {{O, "Alpha Beta Charlie Delta Echo Foxtrot Golf"}})},
                kb())
              .nodes.size() == 2);
    CHECK(merge({article("a", {{P, "UN"}}), article("b", {{O, "United Nations"}})}, kb()).nodes.size() == 2);
  }
}

TEST_CASE("aliases merge entities across articles, within a type only", "[merge]") {
  SECTION("a shared multi-word alias") {
    const MergeResult r =
        merge({article("a", {{O, "North Atlantic Treaty Organization", {"Atlantic Alliance"}}}),
               article("b", {{O, "Atlantic Alliance"}})},
              kb());
    CHECK(r.nodes.size() == 1);
  }
  SECTION("Person Jordan and Place Jordan stay apart") {
    const MergeResult r =
        merge({article("a", {{P, "Michael Jordan", {"Jordan"}}, {L, "Jordan", {}, 1, "JO", "country"}}),
               article("b", {{P, "Jordan"}, {L, "Jordan", {}, 1, "JO", "country"}})},
              kb());
    REQUIRE(r.nodes.size() == 2);
    CHECK(count_type(r, P) == 1);
    CHECK(count_type(r, L) == 1);
    CHECK(node_at(r, 1, 0).id == "person/michael-jordan");
    CHECK(node_at(r, 1, 1).id == "place/jordan");
    CHECK(node_at(r, 0, 1).country_code == "JO");
    CHECK(node_at(r, 0, 1).place_kind == "country");
  }
  SECTION("a generic one-word organization alias merges nothing") {
    const MergeResult r = merge({article("a", {{O, "Foreign Ministry", {"Ministry"}}}),
                                 article("b", {{O, "Defense Ministry", {"Ministry"}}})},
                                kb());
    CHECK(r.nodes.size() == 2);
  }
}

TEST_CASE("places: country codes separate namesakes; an uncoded place joins a unique coded one", "[merge]") {
  SECTION("two coded namesakes and an uncoded one") {
    const MergeResult r =
        merge({article("a", {{L, "Paris", {}, 1, "FR", "city"}}),
               article("b", {{L, "Paris", {}, 1, "US", "city"}}), article("c", {{L, "Paris"}})},
              kb());
    CHECK(r.nodes.size() == 3);
  }
  SECTION("one coded place") {
    const MergeResult r =
        merge({article("a", {{L, "Paris", {}, 1, "FR", "city"}}), article("b", {{L, "Paris"}})}, kb());
    REQUIRE(r.nodes.size() == 1);
    CHECK(r.nodes[0].country_code == "FR");
    CHECK(r.nodes[0].place_kind == "city");
  }
}

TEST_CASE("links: a node takes its entities' most frequent Wikidata id and that id's point", "[merge]") {
  const GeoPoint moscow{55.75222, 37.61556}, elsewhere{55.7558, 37.6173}, lyon{45.74846, 4.84671};
  const std::vector<ArticleResult> arts{
      article("a", {{L, "Moscow", {}, 1, "RU", "city", {}, {}, "Q649", moscow}}),
      article("b", {{L, "Moscow", {}, 3, "RU", "city", {}, {}, "Q649", moscow}, {O, "Acme Corp"}}),
      article("c", {{L, "Moscow", {}, 1, "RU", "city", {}, {}, "", elsewhere}}),
      article("d", {{L, "Moscow", {}, 1, "RU", "city"}, {O, "Acme"}}),
      article("e", {{L, "Lyon", {}, 1, "FR", "city", {}, {}, "", GeoPoint{45.76, 4.83}}}),
      article("f", {{L, "Lyon", {}, 1, "FR", "city", {}, {}, "", lyon}}),
      article("g", {{L, "Lyon", {}, 1, "FR", "city", {}, {}, "", lyon}}),
  };
  const MergeResult r = merge(arts, kb());
  REQUIRE(r.nodes.size() == 3);
  const Node& m = node_at(r, 0, 0);
  CHECK(node_at(r, 3, 0).id == m.id);
  CHECK(m.wikidata == "Q649");
  CHECK(m.location == moscow);  // the point of the id, not the one without an id
  CHECK(node_at(r, 4, 0).wikidata.empty());
  CHECK(node_at(r, 4, 0).location == lyon);  // two votes against one
  CHECK(node_at(r, 1, 1).wikidata.empty());
  CHECK_FALSE(node_at(r, 1, 1).location.has_value());
}

TEST_CASE("links: an entity the type vote retypes loses its link, made for its old type", "[merge]") {
  const std::vector<ArticleResult> arts{
      article("a", {{P, "Barack Obama", {"Obama"}, 4}}),
      article("b", {{P, "Barack Obama", {"Obama"}, 3}}),
      article("c", {{O, "Obama", {}, 1, "", "", {}, {}, "Q1", GeoPoint{1, 2}}}),
  };
  const MergeResult r = merge(arts, kb());
  REQUIRE(r.nodes.size() == 1);
  CHECK(r.nodes[0].type == P);
  CHECK(r.nodes[0].wikidata.empty());
  CHECK_FALSE(r.nodes[0].location.has_value());
}

TEST_CASE("quotations merge only with an identical folded quote", "[merge]") {
  const std::string text = "We will win this war.";
  const MergeResult r = merge(
      {article("a", {{Q, text, {}, 1, "", "", {}, text}}),
       article("b", {{Q, "we will WIN this war!", {}, 1, "", "", {}, "we will WIN this war!"}}),
       article("c", {{Q, "We will win this war soon.", {}, 1, "", "", {}, "We will win this war soon."}})},
      kb());
  REQUIRE(r.nodes.size() == 2);
  CHECK(node_at(r, 0, 0).id == node_at(r, 1, 0).id);
  CHECK(node_at(r, 0, 0).quote == text);  // from the first article in id order
  CHECK(node_at(r, 0, 0).id == make_node_id(Q, text, kb()));
  CHECK(node_at(r, 2, 0).id != node_at(r, 0, 0).id);
}

TEST_CASE("label ties: most mentions, then byte order", "[merge]") {
  SECTION("mentions decide") {
    const MergeResult r =
        merge({article("a", {{P, "Olena Kovalenko", {}, 1}}), article("b", {{P, "Olena Kovalenkko", {}, 2}})},
              kb());
    REQUIRE(r.nodes.size() == 1);
    CHECK(r.nodes[0].label == "Olena Kovalenkko");
  }
  SECTION("byte order decides") {
    const MergeResult r =
        merge({article("b", {{P, "Olena Kovalenkko", {}, 1}}), article("a", {{P, "Olena Kovalenko", {}, 1}})},
              kb());
    REQUIRE(r.nodes.size() == 1);
    CHECK(r.nodes[0].label == "Olena Kovalenkko");
    CHECK(r.nodes[0].aliases == std::vector<std::string>{"Olena Kovalenko"});
  }
}

TEST_CASE("clashing ids get -2, -3 in a fixed order, never reusing a taken id", "[merge]") {
  const std::vector<ArticleResult> arts{
      article("b", {{L, "Georgia", {}, 1, "GE", "country"}}),
      article("a", {{L, "Georgia", {}, 1, "US", "subdivision"}}),
      article("c", {{L, "Georgia 2"}}),
  };
  const MergeResult r = merge(arts, kb());
  REQUIRE(r.nodes.size() == 3);
  CHECK(node_at(r, 1, 0).id == "place/georgia");  // same names; evidence of article "a" first
  CHECK(node_at(r, 1, 0).country_code == "US");
  CHECK(node_at(r, 0, 0).id == "place/georgia-3");
  CHECK(node_at(r, 2, 0).id == "place/georgia-2");
  for (std::size_t i = 1; i < r.nodes.size(); ++i) CHECK(r.nodes[i - 1].id < r.nodes[i].id);
}

TEST_CASE("the merge depends only on the set of articles", "[merge]") {
  std::vector<ArticleResult> arts{
      article("a", {{P, "Sergey Lavrov", {"Lavrov"}, 2, "", "", {"Foreign Minister"}},
                    {L, "Russia", {}, 1, "RU", "country"},
                    {O, "United Nations"}}),
      article("b", {{P, "Lavrov"}, {O, "UN"}, {P, "John Smith"}}),
      article("c", {{P, "Jane Smith"}, {P, "Smith", {}, 3}, {O, "Apple Inc."}}),
      article("d", {{O, "Apple"}, {O, "HP"}, {L, "Georgia", {}, 1, "GE", "country"}}),
      article(
          "e",
          {{O, "Hewlett-Packard"}, {L, "Georgia", {}, 1, "US", "subdivision"}, {P, "Volodymyr Zelensky"}}),
      article(
          "f",
          {{P, "Volodymyr Zelenskyy"}, {P, "Zelenskiy", {}, 2}, {Q, "q", {}, 1, "", "", {}, "We stand."}}),
      article("f", {{Q, "q", {}, 1, "", "", {}, "we stand"}, {L, "Paris"}, {L, "Georgia", {}, 2}}),
      // twice the id "f", different only in a link: ordered by their content all the same
      article("f", {{L, "Lyon", {}, 1, "FR", "city", {}, {}, "Q456", GeoPoint{45.74846, 4.84671}}}),
      article("f", {{L, "Lyon", {}, 1, "FR", "city", {}, {}, "Q456", GeoPoint{45.76, 4.83}}}),
      article("g", {{L, "Paris", {}, 1, "FR", "city", {}, {}, "Q90", GeoPoint{48.85341, 2.3488}},
                    {P, "Jordan"},
                    {L, "Jordan", {}, 1, "JO", "country", {}, {}, "Q810"}}),
      article("h", {}),
  };
  const std::string expected = serialise(arts, merge(arts, kb()));
  std::mt19937 rng(12345);
  for (int round = 0; round < 40; ++round) {
    std::shuffle(arts.begin(), arts.end(), rng);
    const MergeResult r = merge(arts, kb());
    REQUIRE(r.node_of.size() == arts.size());
    CHECK(serialise(arts, r) == expected);
  }
  const MergeResult r = merge(arts, kb());
  std::size_t g = 0;
  while (arts[g].id != "g") ++g;
  CHECK(node_at(r, g, 2).id == "place/jordan");
  CHECK(node_at(r, g, 1).id == "person/jordan");
}

TEST_CASE("odd input: nothing, empty names, bad mention indices, control characters", "[merge]") {
  CHECK(merge({}, kb()).nodes.empty());
  CHECK(merge({}, kb()).node_of.empty());

  ArticleResult odd = article("odd", {{P, ""},
                                      {P, ""},
                                      {O, "\x01\x02"},
                                      {P, "\xF0\x9F\x98\x80"},
                                      {P, "\xF0\x9F\x98\x81"},
                                      {Q, "", {}, 1, "", "", {}, ""}});
  odd.entities.entities[0].mentions.push_back(999);  // out of range: ignored
  const std::string huge(100000, 'A');
  odd.entities.entities.push_back(Entity{});
  odd.entities.entities.back().name = huge;
  std::vector<ArticleResult> arts{odd, article("empty", {}), ArticleResult{}};
  MergeResult r;
  REQUIRE_NOTHROW(r = merge(arts, kb()));
  REQUIRE(r.node_of.size() == 3);
  CHECK(r.node_of[0].size() == odd.entities.entities.size());
  CHECK(r.node_of[1].empty());
  CHECK(r.node_of[2].empty());
  CHECK(node_at(r, 0, 0).id == "person/x");  // two empty names are one key
  CHECK(node_at(r, 0, 1).id == "person/x");
  CHECK(node_at(r, 0, 0).mentions == 2);
  CHECK(node_at(r, 0, 3).id != node_at(r, 0, 4).id);
  std::vector<std::string> ids;
  for (const auto& n : r.nodes) ids.push_back(n.id);
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}

namespace {

/// The explanations of `r` whose rule is `rule`, as "name + other" strings.
std::vector<std::string> explained(const MergeResult& r, const std::string& rule) {
  std::vector<std::string> out;
  for (const auto& x : r.explanations)
    if (x.rule == rule) out.push_back(x.name + " + " + x.other);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("every merge is explained with its rule and evidence", "[merge]") {
  const std::vector<ArticleResult> arts{
      article("a", {{P, "Sergey Lavrov", {"Lavrov"}, 2},
                    {P, "Volodymyr Zelenskyy"},
                    {O, "North Atlantic Treaty Organization"},
                    {O, "Apple Inc."}}),
      article("b", {{P, "Lavrov"}, {P, "Volodymyr Zelensky"}, {O, "NATO"}, {O, "Apple"}}),
      article("c", {{L, "Geneva", {}, 1, "CH", "city"}, {P, "Volodymyr Zelensky"}}),
      article("d", {{L, "Geneva", {}, 1, "CH", "city"}}),
  };
  const MergeResult r = merge(arts, kb());
  CHECK(contains(explained(r, "partial-name"), "Lavrov + Sergey Lavrov"));
  CHECK(contains(explained(r, "spelling"), "Volodymyr Zelensky + Volodymyr Zelenskyy"));
  CHECK(contains(explained(r, "acronym"), "NATO + North Atlantic Treaty Organization"));
  CHECK(contains(explained(r, "org-suffix"), "Apple + Apple Inc."));
  CHECK(contains(explained(r, "same-name"), "Geneva + Geneva"));
  CHECK(contains(explained(r, "same-name"), "Volodymyr Zelensky + Volodymyr Zelensky"));
  for (const auto& x : r.explanations) {
    INFO(x.rule << ": " << x.name << " + " << x.other);
    CHECK(find_node(r, x.node) != nullptr);
    CHECK_FALSE(x.detail.empty());
    CHECK_FALSE(x.evidence.empty());
    CHECK_FALSE(x.other_evidence.empty());
  }
  // The alias "Lavrov" that article a resolved inside itself is explained too.
  bool inside = false;
  for (const auto& x : r.explanations) inside = inside || (x.article == "a" && x.name == "Lavrov");
  CHECK(inside);
  // Nothing merged, nothing explained.
  CHECK(
      merge({article("a", {{P, "John Smith"}}), article("b", {{P, "Jane Doe"}})}, kb()).explanations.empty());
  // Sorted by node, and the same whatever the article order.
  std::vector<ArticleResult> reversed(arts.rbegin(), arts.rend());
  const MergeResult r2 = merge(reversed, kb());
  REQUIRE(r2.explanations.size() == r.explanations.size());
  for (std::size_t i = 0; i < r.explanations.size(); ++i) {
    CHECK(r2.explanations[i].node == r.explanations[i].node);
    CHECK(r2.explanations[i].name == r.explanations[i].name);
    CHECK(r2.explanations[i].evidence.size() == r.explanations[i].evidence.size());
  }
  std::ostringstream text;
  write_merge_explanations(text, r);
  CHECK(text.str().find("node person/sergey-lavrov\n  partial-name: \"Lavrov\" + \"Sergey Lavrov\"") !=
        std::string::npos);
}

TEST_CASE("overrides: aliases force merges per type, keep-apart refuses them", "[merge]") {
  const std::vector<ArticleResult> arts{
      article("a", {{P, "Leo Messi"}, {L, "Messi"}}),
      article("b", {{P, "Lionel Messi"}}),
      article("c", {{P, "Messi"}}),
  };
  SECTION("without overrides the nickname stays apart and the surname is ambiguous") {
    const MergeResult r = merge(arts, kb());
    CHECK(count_type(r, P) == 3);
  }
  SECTION("aliases") {
    MergeOverrides o;
    o.aliases = {{"leo messi", "LIONEL MESSI"}};
    const MergeResult r = merge(arts, kb(), o);
    CHECK(node_at(r, 0, 0).id == node_at(r, 1, 0).id);
    CHECK(node_at(r, 0, 1).type == L);  // the Place "Messi" is not forced into the person
    CHECK(contains(explained(r, "forced"), "Lionel Messi + Leo Messi"));
    // With one full name left, the bare surname now joins it.
    CHECK(node_at(r, 2, 0).id == node_at(r, 1, 0).id);
  }
  SECTION("keep apart") {
    const std::vector<ArticleResult> two{article("a", {{P, "Lionel Messi"}}), article("b", {{P, "Messi"}})};
    CHECK(merge(two, kb()).nodes.size() == 1);
    MergeOverrides o;
    o.keep_apart = {{"Lionel Messi", "Messi"}};
    const MergeResult r = merge(two, kb(), o);
    CHECK(r.nodes.size() == 2);
    CHECK(contains(explained(r, "kept-apart"), "Messi + Lionel Messi"));
    // Identical names in two articles can be kept apart only by a name they do not share.
    o.keep_apart = {{"Lionel Messi", "Lionel Messi"}};
    CHECK(merge({article("a", {{P, "Lionel Messi"}}), article("b", {{P, "Lionel Messi"}})}, kb(), o)
              .nodes.size() == 1);
  }
}

TEST_CASE("name-group files: one group per line, names separated by '|'", "[merge]") {
  const newsgraph::testing::TempDir dir;
  const auto write = [&](const std::string& name, const std::string& content) {
    return dir.write(name, content);
  };
  const auto groups =
      read_name_groups(write("ok.txt", "# comment\n\nLeo Messi | Lionel Messi\r\n  A|B|C  \n"));
  REQUIRE(groups.size() == 2);
  CHECK(groups[0] == std::vector<std::string>{"Leo Messi", "Lionel Messi"});
  CHECK(groups[1] == std::vector<std::string>{"A", "B", "C"});
  for (const char* bad : {"Only One\n", "A | | B\n", "A |\n", "\xff | x\n"}) {
    INFO(bad);
    CHECK_THROWS_AS(read_name_groups(write("bad.txt", bad)), InputError);
  }
  CHECK_THROWS_AS(read_name_groups(dir.path() + "/missing.txt"), InputError);
}

TEST_CASE("sort_articles orders by id, then content", "[merge]") {
  std::vector<ArticleResult> arts{article("b", {{P, "X"}}), article("a", {{P, "Y"}}),
                                  article("a", {{P, "X"}})};
  std::vector<ArticleResult> other{arts[2], arts[0], arts[1]};
  sort_articles(arts);
  sort_articles(other);
  REQUIRE(arts.size() == 3);
  CHECK(arts[0].id == "a");
  CHECK(arts[2].id == "b");
  for (std::size_t i = 0; i < 3; ++i)
    CHECK(arts[i].entities.entities[0].name == other[i].entities.entities[0].name);
}

TEST_CASE("type conflicts: a name takes the type the corpus gives it, unless evidence says otherwise",
          "[merge]") {
  SECTION("a stray Organization 'Obama' becomes the Person the other articles name") {
    const std::vector<ArticleResult> arts{
        article("a", {{P, "Barack Obama", {"Obama"}, 4}}),
        article("b", {{P, "Barack Obama", {"Obama"}, 3}}),
        article("c", {{O, "Obama"}}),
    };
    const MergeResult r = merge(arts, kb());
    REQUIRE(r.nodes.size() == 1);
    CHECK(r.nodes[0].type == P);
    CHECK(r.nodes[0].articles.size() == 3);
    CHECK(contains(explained(r, "type-vote"), "Obama + Obama"));
  }
  SECTION("a gazetteer place keeps its type; a person with a title keeps hers") {
    const std::vector<ArticleResult> arts{
        article("a", {{L, "Washington", {}, 1, "US", "city"}}),
        article("b", {{P, "Washington", {}, 5}}),
        article("c", {{P, "Jordan", {}, 1, "", "", {"Coach"}}}),
        article("d", {{L, "Jordan", {}, 6, "JO", "country"}}),
    };
    const MergeResult r = merge(arts, kb());
    CHECK(count_type(r, L) == 2);
    CHECK(count_type(r, P) == 2);
    CHECK(explained(r, "type-vote").empty());
  }
  SECTION("an even split changes nothing") {
    const MergeResult r =
        merge({article("a", {{O, "Chelsea", {}, 2}}), article("b", {{P, "Chelsea", {}, 2}})}, kb());
    CHECK(r.nodes.size() == 2);
  }
}

TEST_CASE("nicknames: a short given name joins the one formal name with the same surname", "[merge]") {
  SECTION("Mo Cheeks is Maurice Cheeks; the bare surname then joins them too") {
    const std::vector<ArticleResult> arts{
        article("a", {{P, "Maurice Cheeks"}}),
        article("b", {{P, "Mo Cheeks"}}),
        article("c", {{P, "Cheeks"}}),
    };
    const MergeResult r = merge(arts, kb());
    REQUIRE(r.nodes.size() == 1);
    CHECK(r.nodes[0].label == "Maurice Cheeks");
    CHECK(contains(explained(r, "nickname"), "Mo Cheeks + Maurice Cheeks"));
  }
  SECTION("two formal names the short form could stand for: neither") {
    const std::vector<ArticleResult> arts{
        article("a", {{P, "Maurice Farah"}}),
        article("b", {{P, "Mohamed Farah"}}),
        article("c", {{P, "Mo Farah"}}),
    };
    CHECK(merge(arts, kb()).nodes.size() == 3);
  }
  SECTION("different surnames, or a name that is not a short form, stay apart") {
    CHECK(
        merge({article("a", {{P, "Bill Smith"}}), article("b", {{P, "William Jones"}})}, kb()).nodes.size() ==
        2);
    CHECK(merge({article("a", {{P, "Jack Smith"}}), article("b", {{P, "John Smith"}})}, kb()).nodes.size() ==
          2);
  }
}
