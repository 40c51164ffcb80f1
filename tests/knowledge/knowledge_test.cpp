// Tests of the knowledge stage: gazetteer lookups, word lists, folding, and load errors.
// They read the Debian data at its default paths (iso-codes, tzdata, wamerican).
#include "newsgraph/knowledge/knowledge.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "knowledge/snapshot_format.hpp"
#include "newsgraph/pipeline/pipeline.hpp"

namespace fs = std::filesystem;
using newsgraph::EntityType;
using newsgraph::Knowledge;
using newsgraph::KnowledgeError;
using newsgraph::KnowledgeSources;
using newsgraph::LexiconEntry;

namespace {

const Knowledge& kb() {
  static const std::shared_ptr<const Knowledge> k = Knowledge::open(newsgraph::default_knowledge_path());
  return *k;
}

/// A fresh, empty directory under the system temp dir, removed when the object goes.
struct TempDir {
  fs::path path;
  TempDir() {
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path = fs::temp_directory_path() / ("newsgraph_knowledge_test_" + std::to_string(stamp));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name, std::ios::binary) << content;
    return (path / name).string();
  }
};

std::size_t token_count(const std::string& phrase) {
  return phrase.empty() ? 0 : static_cast<std::size_t>(std::count(phrase.begin(), phrase.end(), ' ')) + 1;
}

/// The message of the KnowledgeError that loading `paths` throws, or "" when it loads.
std::string load_error(const KnowledgeSources& paths) {
  try {
    newsgraph::compile_knowledge(paths);
  } catch (const KnowledgeError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("entity: countries by every name, canonical from ICU", "[knowledge]") {
  struct Row {
    const char* phrase;
    const char* canonical;
    const char* code;
  };
  const Row rows[] = {
      {"Russia", "Russia", "RU"},
      {"Russian Federation", "Russia", "RU"},
      {"U.S.", "United States", "US"},
      {"US", "United States", "US"},
      {"USA", "United States", "US"},
      {"United States", "United States", "US"},
      {"United States of America", "United States", "US"},
      {"America", "United States", "US"},
      {"United Kingdom", "United Kingdom", "GB"},
      {"Britain", "United Kingdom", "GB"},
      {"U.K.", "United Kingdom", "GB"},
      {"Switzerland", "Switzerland", "CH"},
      {"Ukraine", "Ukraine", "UA"},
      {"Iran", "Iran", "IR"},
      {"Islamic Republic of Iran", "Iran", "IR"},
      {"Bolivia", "Bolivia", "BO"},
      {"Plurinational State of Bolivia", "Bolivia", "BO"},
      {"Republic of Korea", "South Korea", "KR"},
      {"South Korea", "South Korea", "KR"},
      {"North Korea", "North Korea", "KP"},
      {"Democratic Republic of the Congo", "Democratic Republic of the Congo", "CD"},
      {"DRC", "Democratic Republic of the Congo", "CD"},
      {"Guinea-Bissau", "Guinea-Bissau", "GW"},
      {"Guinea - Bissau", "Guinea-Bissau", "GW"},
      {"Timor - Leste", "Timor-Leste", "TL"},
      {"Côte d’Ivoire", "Côte d’Ivoire", "CI"},
      {"Côte d'Ivoire", "Côte d’Ivoire", "CI"},
      {"Cote d'Ivoire", "Côte d’Ivoire", "CI"},
      {"Ivory Coast", "Côte d’Ivoire", "CI"},
      {"Türkiye", "Turkey", "TR"},
      {"Turkey", "Turkey", "TR"},
      {"Myanmar", "Myanmar", "MM"},
      {"Burma", "Myanmar", "MM"},
      {"Curacao", "Curaçao", "CW"},
      {"Bosnia and Herzegovina", "Bosnia & Herzegovina", "BA"},
      {"Bosnia & Herzegovina", "Bosnia & Herzegovina", "BA"},
      {"Vatican", "Vatican City", "VA"},
      {"Syria", "Syria", "SY"},
      {"Viet Nam", "Vietnam", "VN"},
  };
  for (const Row& r : rows) {
    INFO(r.phrase);
    const LexiconEntry* e = kb().entity(r.phrase);
    REQUIRE(e != nullptr);
    CHECK(e->type() == EntityType::Place);
    CHECK(e->canonical() == r.canonical);
    CHECK(e->kind() == "country");
    CHECK(e->country_code() == r.code);
  }
}

TEST_CASE("entity: cities, subdivisions, regions and organizations", "[knowledge]") {
  struct Row {
    const char* phrase;
    EntityType type;
    const char* canonical;
    const char* kind;
    const char* code;
  };
  const Row rows[] = {
      {"Anchorage", EntityType::Place, "Anchorage", "city", "US"},
      {"Geneva", EntityType::Place, "Geneva", "city", "CH"},
      {"Kyiv", EntityType::Place, "Kyiv", "city", "UA"},
      {"Kiev", EntityType::Place, "Kyiv", "city", "UA"},
      {"Washington", EntityType::Place, "Washington", "city", "US"},
      {"Washington , D.C.", EntityType::Place, "Washington", "city", "US"},
      {"Oslo", EntityType::Place, "Oslo", "city", "NO"},  // an ICU-only zone (a tz link)
      {"Ho Chi Minh City", EntityType::Place, "Ho Chi Minh City", "city", "VN"},
      {"Sao Paulo", EntityType::Place, "São Paulo", "city", "BR"},  // ASCII form of a curated name
      {"Lodz", EntityType::Place, "Łódź", "city", "PL"},
      {"Alaska", EntityType::Place, "Alaska", "subdivision", "US"},
      {"Bavaria", EntityType::Place, "Bavaria", "subdivision", "DE"},
      {"Bayern", EntityType::Place, "Bavaria", "subdivision", "DE"},  // iso name of a curated entry
      {"Donetsk Oblast", EntityType::Place, "Donetsk Oblast", "subdivision", "UA"},
      {"Guangdong", EntityType::Place, "Guangdong", "subdivision", "CN"},  // "Guangdong Sheng"
      {"Dagestan", EntityType::Place, "Dagestan", "subdivision", "RU"},
      {"Gujarat", EntityType::Place, "Gujarat", "subdivision", "IN"},  // "Gujarāt", romanised
      {"Scotland", EntityType::Place, "Scotland", "subdivision", "GB"},
      {"Nordrhein - Westfalen", EntityType::Place, "North Rhine-Westphalia", "subdivision", "DE"},
      {"Middle East", EntityType::Place, "Middle East", "region", ""},
      {"Crimea", EntityType::Place, "Crimea", "region", "UA"},
      {"Gaza Strip", EntityType::Place, "Gaza Strip", "region", "PS"},
      {"Siberia", EntityType::Place, "Siberia", "region", "RU"},
      {"Queens", EntityType::Place, "Queens", "city", "US"},  // a borough, named like a city
      {"Staten Island", EntityType::Place, "Staten Island", "city", "US"},
      {"Portland", EntityType::Place, "Portland", "city", "US"},
      {"NATO", EntityType::Organization, "NATO", "", ""},
      {"North Atlantic Treaty Organization", EntityType::Organization, "NATO", "", ""},
      {"UN", EntityType::Organization, "United Nations", "", ""},
      {"U.N.", EntityType::Organization, "United Nations", "", ""},
      {"EU", EntityType::Organization, "European Union", "", ""},
      {"International Criminal Court", EntityType::Organization, "International Criminal Court", "", ""},
      {"Kremlin", EntityType::Organization, "Kremlin", "", "RU"},
      {"White House", EntityType::Organization, "White House", "", "US"},
      {"People 's Liberation Army", EntityType::Organization, "People's Liberation Army", "", "CN"},
      {"Kurdistan Workers ' Party", EntityType::Organization, "Kurdistan Workers' Party", "", "TR"},
  };
  for (const Row& r : rows) {
    INFO(r.phrase);
    const LexiconEntry* e = kb().entity(r.phrase);
    REQUIRE(e != nullptr);
    CHECK(e->type() == r.type);
    CHECK(e->canonical() == r.canonical);
    CHECK(e->kind() == r.kind);
    CHECK(e->country_code() == r.code);
  }
}

TEST_CASE("entity: priority country > organization > city > region > subdivision", "[knowledge]") {
  struct Row {
    const char* phrase;
    const char* kind;
    const char* code;
  };
  const Row rows[] = {
      {"Georgia", "country", "GE"},     // also a US state
      {"Luxembourg", "country", "LU"},  // also a city and a canton
      {"Singapore", "country", "SG"},   // also a tz city
      {"Punjab", "region", ""},         // a region spanning two countries' subdivisions
      {"Moscow", "city", "RU"},         // city over nothing else; "Moskva" the subdivision
      {"Gaza", "city", "PS"},           // tz city over the region alias and the governorate
      {"Sakhalin", "subdivision", "RU"},
  };
  for (const Row& r : rows) {
    INFO(r.phrase);
    const LexiconEntry* e = kb().entity(r.phrase);
    REQUIRE(e != nullptr);
    CHECK(e->kind() == r.kind);
    CHECK(e->country_code() == r.code);
  }
  // An organization beats a city: "Vatican" is a country alias, "Pentagon" an organization.
  REQUIRE(kb().entity("Pentagon") != nullptr);
  CHECK(kb().entity("Pentagon")->type() == EntityType::Organization);
}

TEST_CASE("entity: what is not a surface", "[knowledge]") {
  const char* rows[] = {
      "",
      "IN",
      "IT",
      "ME",
      "DE",  // ISO codes are not names
      "Korea",
      "Congo Kinshasa",  // ambiguous / not as tokenised
      "russia",
      "RUSSIA",
      "united states",  // case-sensitive
      "Center",
      "Oral",
      "Resolute",
      "Stanley",  // tz names that are words or names
      "Somali",
      "Unity",
      "Delta",
      "Northern",
      "Plateau",  // filtered subdivision names
      "Guerrero",
      "Hidalgo",  // subdivisions listed as surnames
      "Ba",
      "Casey",
      "Azores Islands",
      "Russia ",
      " Russia",
      "Russia  Ukraine",
      "\xff\xfe",
      "U.S",
  };
  for (const char* phrase : rows) {
    INFO(phrase);
    CHECK(kb().entity(phrase) == nullptr);
  }
  // Odd and huge input is simply not found.
  CHECK(kb().entity(std::string(100000, 'A')) == nullptr);
  CHECK(kb().entity(std::string("Rus\0sia", 7)) == nullptr);
}

TEST_CASE("max_entity_tokens covers every phrase", "[knowledge]") {
  const std::string phrases[] = {"United Kingdom of Great Britain and Northern Ireland",
                                 "Democratic Republic of the Congo", "Washington , D.C.",
                                 "North Atlantic Treaty Organization"};
  for (const std::string& p : phrases) {
    INFO(p);
    REQUIRE(kb().entity(p) != nullptr);
    CHECK(kb().max_entity_tokens() >= token_count(p));
  }
  CHECK(kb().max_entity_tokens() < 40);
}

TEST_CASE("entity: whether a longer phrase starts with the words so far", "[knowledge]") {
  // Every whole-word beginning of a known phrase extends; the search for "Bank of England"
  // passes "Bank" and "Bank of", which name nothing themselves.
  const std::string phrases[] = {"United Kingdom of Great Britain and Northern Ireland",
                                 "Democratic Republic of the Congo", "Washington , D.C.", "Bank of England",
                                 "North Atlantic Treaty Organization"};
  for (const std::string& p : phrases) {
    INFO(p);
    for (std::size_t sp = p.find(' '); sp != std::string::npos; sp = p.find(' ', sp + 1)) {
      bool extends = false;
      kb().entity(p.substr(0, sp), extends);
      CHECK(extends);
    }
    bool extends = true;
    CHECK(kb().entity(p, extends) == kb().entity(p));
  }
  bool extends = true;
  CHECK(kb().entity("Bank of", extends) == nullptr);
  CHECK(extends);
  CHECK(kb().entity("Zqxv", extends) == nullptr);
  CHECK_FALSE(extends);
  CHECK(kb().entity("Bank of England", extends) != nullptr);
  CHECK_FALSE(extends);
}

TEST_CASE("titles, title modifiers, organization heads and suffixes", "[knowledge]") {
  const char* titles[] = {"president",
                          "President",
                          "Foreign Minister",
                          "foreign minister",
                          "adm.",
                          "Adm.",
                          "Gen.",
                          "gen",
                          "secretary general",
                          "Secretary-General",
                          "secretary - general",
                          "spokeswoman",
                          "special envoy",
                          "chairman",
                          "prime minister",
                          "Lt. Gen.",
                          "chief executive",
                          "ceo",
                          "Sen.",
                          "attorney general",
                          "pope"};
  for (const char* t : titles) {
    INFO(t);
    CHECK(kb().is_title(t));
  }
  const char* not_titles[] = {"", "Russia", "the", "minister foreign", "foreign", "St.", "count", "da"};
  for (const char* t : not_titles) {
    INFO(t);
    CHECK_FALSE(kb().is_title(t));
  }
  CHECK(kb().max_title_tokens() >= token_count("chairman of the joint chiefs of staff"));

  for (const char* m : {"foreign", "Prime", "deputy", "VICE", "former", "acting", "senior", "chief",
                        "special", "supreme", "defense", "defence"}) {
    INFO(m);
    CHECK(kb().is_title_modifier(m));
  }
  for (const char* m : {"", "president", "Russia", "said"}) {
    INFO(m);
    CHECK_FALSE(kb().is_title_modifier(m));
  }

  for (const char* h : {"Ministry", "committee", "Court", "Council", "Party", "University", "Bank", "Agency",
                        "Times", "Examiner"}) {
    INFO(h);
    CHECK(kb().is_org_head(h));
  }
  for (const char* h : {"", "Russia", "said", "president"}) {
    INFO(h);
    CHECK_FALSE(kb().is_org_head(h));
  }

  for (const char* s : {"Inc.", "Inc", "Corp.", "Ltd.", "Co.", "LLC", "plc", "AG", "GmbH"}) {
    INFO(s);
    CHECK(kb().is_org_suffix(s));
  }
  for (const char* s : {"", "inc.", "INC", "Company's", "Group Ltd."}) {
    INFO(s);
    CHECK_FALSE(kb().is_org_suffix(s));
  }
}

TEST_CASE("demonyms and country names", "[knowledge]") {
  struct Row {
    const char* word;
    const char* code;
  };
  const Row rows[] = {{"Russian", "RU"},      {"Russians", "RU"}, {"Ukrainian", "UA"}, {"Ukrainians", "UA"},
                      {"French", "FR"},       {"British", "GB"},  {"American", "US"},  {"Americans", "US"},
                      {"Chinese", "CN"},      {"Swiss", "CH"},    {"Dutch", "NL"},     {"Israeli", "IL"},
                      {"Palestinians", "PS"}, {"Dominican", "DO"}};
  for (const Row& r : rows) {
    INFO(r.word);
    const std::optional<std::string_view> code = kb().demonym(r.word);
    REQUIRE(code);
    CHECK(*code == r.code);
  }
  for (const char* w : {"", "russian", "Russia", "RUSSIAN", "Europeans", "said"}) {
    INFO(w);
    CHECK_FALSE(kb().demonym(w));
  }

  const std::pair<const char*, const char*> names[] = {{"RU", "Russia"},
                                                       {"US", "United States"},
                                                       {"GB", "United Kingdom"},
                                                       {"CH", "Switzerland"},
                                                       {"UA", "Ukraine"}};
  for (const auto& [code, name] : names) {
    INFO(code);
    const std::optional<std::string_view> n = kb().country_name(code);
    REQUIRE(n);
    CHECK(*n == name);
  }
  for (const char* code : {"", "ru", "ZZ", "RUS", "XK"}) {
    INFO(code);
    CHECK_FALSE(kb().country_name(code));
  }
}

TEST_CASE("given names, particles, common words and never-entities", "[knowledge]") {
  for (const char* n : {"Sergey", "Sergei", "Volodymyr", "Maria", "Dan", "Mohammed", "Wei", "Emmanuel",
                        "Maurice", "Mo", "Niall", "Nate", "Loren"}) {
    INFO(n);
    CHECK(kb().is_given_name(n));
  }
  // words, surnames, places and name particles stay out of the list
  for (const char* n : {"", "sergey", "May", "June", "Will", "Hope", "Russia", "Wednesday", "April", "Al",
                        "Jones", "Morgan", "Bradford", "Indiana", "Art", "Chargers"}) {
    INFO(n);
    CHECK_FALSE(kb().is_given_name(n));
  }

  for (const char* p : {"van", "von", "de", "der", "bin", "al", "da", "Al"}) {
    INFO(p);
    CHECK(kb().is_name_particle(p));
  }
  for (const char* p : {"", "the", "VAN", "Smith"}) {
    INFO(p);
    CHECK_FALSE(kb().is_name_particle(p));
  }

  for (const char* w : {"tensions", "meanwhile", "trump", "said", "the"}) {
    INFO(w);
    CHECK(kb().is_common_word(w));
  }
  for (const char* w : {"", "london", "moscow", "zxqvw", "Tensions"}) {
    INFO(w);
    CHECK_FALSE(kb().is_common_word(w));
  }

  for (const char* w : {"Wednesday", "Monday", "January", "May", "He", "She", "They", "I", "Christmas"}) {
    INFO(w);
    CHECK(kb().is_never_entity(w));
  }
  for (const char* w : {"", "wednesday", "Russia", "Sergey", "NATO"}) {
    INFO(w);
    CHECK_FALSE(kb().is_never_entity(w));
  }
}

TEST_CASE("nicknames: (formal name, short form) pairs of data/nicknames.txt, as written", "[knowledge]") {
  const auto& pairs = kb().nicknames();
  const auto has = [&](const std::string& formal, const std::string& short_form) {
    return std::find(pairs.begin(), pairs.end(), std::make_pair(formal, short_form)) != pairs.end();
  };
  CHECK(has("Maurice", "Mo"));
  CHECK(has("Mohamed", "Mo"));
  CHECK(has("Albert", "Al"));
  CHECK(has("Albert", "Bert"));  // the comma between short forms is not part of them
  CHECK_FALSE(has("Albert", "Al,"));
  CHECK_FALSE(has("Jack", "John"));
  for (const auto& [formal, short_form] : pairs) {
    CHECK_FALSE(formal.empty());
    CHECK(formal.front() != '#');
  }
}

TEST_CASE("fold: Latin-ASCII, lower case, one space between alphanumeric runs", "[knowledge]") {
  const std::pair<std::string, std::string> rows[] = {
      {"Zelenskyy’s", "zelenskyy s"},
      {"Łódź", "lodz"},
      {"São Paulo", "sao paulo"},
      {"U.S.", "u s"},
      {"Straße", "strasse"},
      {"Москва", "moskva"},
      {"  --Guinea-Bissau--  ", "guinea bissau"},
      {"", ""},
      {"...", ""},
      {"a\tb\x01"
       "c\nd",
       "a b c d"},
      {"G7 summit 2024", "g7 summit 2024"},
      {"İstanbul", "istanbul"},
      {"Ḩalab", "halab"},
      {"\xff\xfe", ""},
      {"abc\xff"
       "def",
       "abc def"},
      {"🙂 Kyiv 🙂", "kyiv"},
      {std::string("a\0b", 3), "a b"},
  };
  for (const auto& [in, out] : rows) {
    INFO(in);
    CHECK(kb().fold(in) == out);
  }
  const std::string huge(1 << 20, 'x');
  CHECK(kb().fold(huge) == huge);
  std::string huge_unicode;
  for (int i = 0; i < 20000; ++i) huge_unicode += "Żółć ";
  const std::string folded = kb().fold(huge_unicode);
  CHECK(folded.size() == 20000 * 5 - 1);
  CHECK(folded.substr(0, 10) == "zolc zolc ");
  // Longer than one ICU piece, with and without whitespace to cut at.
  std::string spaced;
  for (int i = 0; i < 300000; ++i) spaced += "Żółć ";
  const std::string spaced_folded = kb().fold(spaced);
  CHECK(spaced_folded.size() == 300000 * 5 - 1);
  CHECK(spaced_folded.find("  ") == std::string::npos);
  std::string unspaced;
  for (int i = 0; i < 700000; ++i) unspaced += "ż";
  CHECK(kb().fold(unspaced) == std::string(700000, 'z'));
}

TEST_CASE("concurrent use gives the single-threaded answers", "[knowledge]") {
  const std::vector<std::string> inputs = {"Zelenskyy’s", "Łódź", "Москва", "Ḩalab", "São Paulo", "北京"};
  std::vector<std::string> expected;
  for (const auto& s : inputs) expected.push_back(kb().fold(s));
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < ok.size(); ++t) {
    threads.emplace_back([&, t] {
      bool all = true;
      for (int round = 0; round < 200; ++round) {
        for (std::size_t i = 0; i < inputs.size(); ++i) all = all && kb().fold(inputs[i]) == expected[i];
        all = all && kb().entity("Kyiv") != nullptr && kb().is_title("president");
      }
      ok[t] = all ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) CHECK(v == 1);
}

TEST_CASE("the committed snapshot and a fresh compile give the same answers", "[knowledge]") {
  const auto again = Knowledge::from_bytes(newsgraph::compile_knowledge(), "compiled");
  for (const char* p : {"Georgia", "Gaza", "Punjab", "Sakhalin", "Congo", "Kiev", "Bayern", "UN", "San Juan",
                        "Santiago", "Victoria"}) {
    INFO(p);
    const LexiconEntry* a = kb().entity(p);
    const LexiconEntry* b = again->entity(p);
    REQUIRE((a == nullptr) == (b == nullptr));
    if (a) {
      CHECK(a->canonical() == b->canonical());
      CHECK(a->kind() == b->kind());
      CHECK(a->country_code() == b->country_code());
    }
  }
  CHECK(kb().max_entity_tokens() == again->max_entity_tokens());
}

TEST_CASE("load errors name the file", "[knowledge]") {
  const KnowledgeSources good;
  TempDir tmp;

  SECTION("missing iso-codes directory") {
    KnowledgeSources p = good;
    p.iso_codes_dir = (tmp.path / "missing").string();
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
    CHECK_THAT(load_error(p), Catch::Contains((tmp.path / "missing").string() + "/iso_3166-1.json"));
  }
  SECTION("missing zone1970.tab") {
    KnowledgeSources p = good;
    p.zone1970_tab = (tmp.path / "zone1970.tab").string();
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
    CHECK_THAT(load_error(p), Catch::Contains("zone1970.tab"));
  }
  SECTION("missing word list") {
    KnowledgeSources p = good;
    p.words_file = (tmp.path / "words").string();
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
    CHECK_THAT(load_error(p), Catch::Contains((tmp.path / "words").string()));
  }

  SECTION("malformed iso_3166-1.json") {
    const fs::path dir = tmp.path / "iso-bad";
    fs::create_directories(dir);
    std::ofstream(dir / "iso_3166-1.json") << "{\"3166-1\": [ {\"alpha_2\": \"RU\", ";
    KnowledgeSources p = good;
    p.iso_codes_dir = dir.string();
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
    CHECK_THAT(load_error(p), Catch::Contains("iso_3166-1.json") && Catch::Contains("malformed"));
  }
  SECTION("iso_3166-1.json nested far deeper than the stack") {
    const fs::path dir = tmp.path / "iso-deep";
    fs::create_directories(dir);
    std::ofstream(dir / "iso_3166-1.json") << "{\"3166-1\": " << std::string(150000, '[');
    KnowledgeSources p = good;
    p.iso_codes_dir = dir.string();
    CHECK_THAT(load_error(p), Catch::Contains("iso_3166-1.json") && Catch::Contains("malformed"));
  }
  SECTION("iso_3166-1.json of the wrong shape") {
    const fs::path dir = tmp.path / "iso-shape";
    fs::create_directories(dir);
    std::ofstream(dir / "iso_3166-1.json") << "{\"countries\": []}";
    KnowledgeSources p = good;
    p.iso_codes_dir = dir.string();
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
    CHECK_THAT(load_error(p), Catch::Contains("iso_3166-1.json"));
  }
  SECTION("iso_3166-2.json missing next to a good iso_3166-1.json") {
    const fs::path dir = tmp.path / "iso-half";
    fs::create_directories(dir);
    fs::copy_file(fs::path(good.iso_codes_dir) / "iso_3166-1.json", dir / "iso_3166-1.json");
    KnowledgeSources p = good;
    p.iso_codes_dir = dir.string();
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
    CHECK_THAT(load_error(p), Catch::Contains("iso_3166-2.json"));
  }
  SECTION("malformed zone1970.tab line") {
    KnowledgeSources p = good;
    p.zone1970_tab = tmp.write("zone1970.tab", "# comment\nUS\t+1-2\n");
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
    CHECK_THAT(load_error(p), Catch::Contains("zone1970.tab line 2"));
  }
  SECTION("zone1970.tab without zones") {
    KnowledgeSources p = good;
    p.zone1970_tab = tmp.write("zone1970.tab", "# only a comment\n\n");
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
  }
  SECTION("word list without lower-case words") {
    KnowledgeSources p = good;
    p.words_file = tmp.write("words", "London\nParis\n");
    CHECK_THROWS_AS(newsgraph::compile_knowledge(p), KnowledgeError);
    CHECK_THAT(load_error(p), Catch::Contains("words"));
  }
  SECTION("a small but valid word list loads") {
    KnowledgeSources p = good;
    p.words_file = tmp.write("words", "London\ntensions\r\n\n");
    const auto k = Knowledge::from_bytes(newsgraph::compile_knowledge(p), "small");
    CHECK(k->is_common_word("tensions"));
    CHECK_FALSE(k->is_common_word("london"));
  }
}

// ---- The snapshot file -----------------------------------------------------------------------

namespace {

/// The message of the KnowledgeError that opening `bytes` as a snapshot throws, or "".
std::string snapshot_error(std::string bytes) {
  try {
    Knowledge::from_bytes(std::move(bytes), "test.kb");
  } catch (const KnowledgeError& e) {
    return e.what();
  }
  return "";
}

std::string committed_snapshot() {
  std::ifstream in(newsgraph::default_knowledge_path(), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// `bytes` with its header checksum made right again after an edit.
std::string with_checksum(std::string bytes) {
  namespace snap = newsgraph::knowledge::snapshot;
  const std::uint64_t sum =
      snap::checksum(reinterpret_cast<const unsigned char*>(bytes.data()) + snap::kHeaderSize,
                     bytes.size() - snap::kHeaderSize);
  for (int i = 0; i < 8; ++i) bytes[24 + i] = static_cast<char>((sum >> (8 * i)) & 0xFF);
  return bytes;
}

}  // namespace

TEST_CASE("snapshot: the committed one is what the compiler makes of today's sources",
          "[knowledge][snapshot]") {
  const std::string compiled = newsgraph::compile_knowledge();
  CHECK(compiled == newsgraph::compile_knowledge());  // deterministic
  // When this fails, data/*.txt or the compiler changed: run `newsgraph kb build -o data/knowledge.kb`.
  CHECK(committed_snapshot() == compiled);
}

TEST_CASE("snapshot: every damaged file is one clear error, never a crash", "[knowledge][snapshot]") {
  const std::string good = committed_snapshot();
  REQUIRE(good.size() > 4096);
  CHECK(snapshot_error(good).empty());
  CHECK_THAT(snapshot_error(""), Catch::Contains("test.kb: truncated knowledge snapshot (0 bytes)"));
  CHECK_THAT(snapshot_error(good.substr(0, 40)), Catch::Contains("truncated"));
  CHECK_THAT(snapshot_error(good.substr(0, good.size() / 2)),
             Catch::Contains("truncated knowledge snapshot"));
  CHECK_THAT(snapshot_error(good + "x"), Catch::Contains("trailing bytes"));
  CHECK_THAT(snapshot_error("PK\x03\x04" + good.substr(4)),
             Catch::Contains("not a newsgraph knowledge snapshot"));
  std::string version = good;
  version[8] = 9;
  CHECK_THAT(snapshot_error(version), Catch::Contains("format version 9") && Catch::Contains("kb build"));
  // One flipped bit anywhere after the header: at the start, in the middle and at the end.
  for (const std::size_t at : {std::size_t{64}, good.size() / 3, good.size() / 2 + 7, good.size() - 1}) {
    INFO(at);
    std::string flipped = good;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x10);
    CHECK_THAT(snapshot_error(flipped), Catch::Contains("checksum mismatch"));
  }
  // A file whose checksum is right but whose section table points outside it.
  std::string crafted = good;
  crafted[64 + 8 + 7] = 0x7F;  // the first section's offset, high byte
  CHECK_THAT(snapshot_error(with_checksum(crafted)), Catch::Contains("corrupt knowledge snapshot"));
}

TEST_CASE("snapshot: opening a file names it when it is missing or not a file", "[knowledge][snapshot]") {
  TempDir tmp;
  const auto open_error = [](const std::string& path) -> std::string {
    try {
      Knowledge::open(path);
    } catch (const KnowledgeError& e) {
      return e.what();
    }
    return "";
  };
  const std::string missing = (tmp.path / "none.kb").string();
  CHECK_THAT(open_error(missing), Catch::StartsWith(missing + ": no knowledge snapshot here"));
  CHECK_THAT(open_error(tmp.path.string()), Catch::Contains("not a regular file"));
  const std::string empty = tmp.write("empty.kb", "");
  CHECK_THAT(open_error(empty), Catch::Contains("truncated"));
  const std::string good = tmp.write("good.kb", committed_snapshot());
  CHECK(open_error(good).empty());
  CHECK(Knowledge::open(good)->entity("Russia") != nullptr);
}
