// The name rules resolve and merge share (src/resolve/names.hpp): acronyms, organization
// initials, partial names and folded words, as tables.
#include "resolve/names.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace newsgraph;

TEST_CASE("names: acronym letters are 2-6 capitals, plain or each dotted", "[resolve][names]") {
  const struct {
    const char* name;
    const char* letters;
  } rows[] = {
      {"UN", "UN"}, {"U.N.", "UN"}, {"U.N", "UN"}, {"NATO", "NATO"}, {"UNESCO", "UNESCO"}, {"ABCDEFG", ""},
      {"A", ""},    {"A.", ""},     {"Un", ""},    {"UN.", ""},      {".UN", ""},          {"U..N.", ""},
      {"S&N", ""},  {"G7", ""},     {"", ""},      {"ÉU", ""},       {"U N", ""},          {"KLF", "KLF"},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    CHECK(names::acronym_letters(row.name) == row.letters);
  }
}

TEST_CASE("names: organization initials", "[resolve][names]") {
  names::Folder folder(*testing::knowledge());
  using Set = std::set<std::string>;
  const struct {
    const char* name;
    Set core;           // org_initials
    Set with_suffixes;  // org_initials_with_suffixes
  } rows[] = {
      {"North Atlantic Treaty Organization", {"NATO"}, {"NATO"}},
      {"Hewlett-Packard", {"HP"}, {"HP"}},  // first parts alone: "H", too short
      {"Organisation for Economic Co-operation and Development", {"OECD"}, {"OECD"}},
      {"Bank Of America", {"BA"}, {"BA"}},  // of/the/and/for/de are skipped, capitalised or not
      {"The Baltic Energy Agency", {"BEA"}, {"BEA"}},
      {"Doctors Without Borders", {"DWB"}, {"DWB"}},
      {"(Doctors Without Borders", {"DWB"}, {"DWB"}},
      {"Électricité de France", {"EF"}, {"EF"}},  // capitals of any script, folded
      {"International Steel Group", {"IS"}, {"IS", "ISG"}},
      {"Shanghai Automotive Industry Corp", {"SAI"}, {"SAI", "SAIC"}},
      {"Apple Inc.", {}, {"AI"}},
      {"Apple", {}, {}},
      {"UN", {}, {}},
      {"", {}, {}},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    CHECK(names::org_initials(row.name, folder) == row.core);
    CHECK(names::org_initials_with_suffixes(row.name, folder) == row.with_suffixes);
  }
}

TEST_CASE("names: a partial name is the last words of a fuller one", "[resolve][names]") {
  using W = std::vector<std::string>;
  const struct {
    W full, part;
    bool ends;
  } rows[] = {
      {{"sergey", "lavrov"}, {"lavrov"}, true},
      {{"giuseppe", "cavo", "dragone"}, {"cavo", "dragone"}, true},
      {{"ursula", "von", "der", "leyen"}, {"von", "der", "leyen"}, true},
      {{"sergey", "lavrov"}, {"sergey"}, false},
      {{"sergey", "lavrov"}, {"sergey", "lavrov"}, false},  // not shorter
      {{"sergey", "lavrov"}, {}, false},
      {{}, {}, false},
      {{"john", "smith"}, {"smyth"}, false},
  };
  for (const auto& row : rows) CHECK(names::ends_name(row.full, row.part) == row.ends);
}

TEST_CASE("names: folded words", "[resolve][names]") {
  using W = std::vector<std::string>;
  CHECK(names::folded_words("") == W{});
  CHECK(names::folded_words("  a  bc ") == W{"a", "bc"});
  names::Folder folder(*testing::knowledge());
  CHECK(folder.words("Zelenskyy\xE2\x80\x99s Office") == W{"zelenskyy", "s", "office"});
  CHECK(folder.words("") == W{});
}
