// Segmentation: tokens, their kinds and offsets, and sentence boundaries on odd inputs.

#include "newsgraph/text/segment.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/text/utf8_index.hpp"

using newsgraph::Segmentation;
using newsgraph::Sentence;
using newsgraph::Span;
using newsgraph::Token;
using newsgraph::TokenKind;
using newsgraph::Utf8Index;

namespace {

/// Token texts joined by '|'.
std::string tokens_of(const Segmentation& seg) {
  std::string out;
  for (const Token& t : seg.tokens) {
    if (!out.empty()) out += '|';
    out += t.text;
  }
  return out;
}

/// Token kinds as one letter each: W(ord), N(umber), P(unct).
std::string kinds_of(const Segmentation& seg) {
  std::string out;
  for (const Token& t : seg.tokens)
    out += t.kind == TokenKind::Word ? 'W' : t.kind == TokenKind::Number ? 'N' : 'P';
  return out;
}

/// Sentence texts (through Utf8Index, so spans are checked too).
std::vector<std::string> sentences_of(const std::string& text, const Segmentation& seg) {
  const Utf8Index idx(text);
  std::vector<std::string> out;
  for (const Sentence& s : seg.sentences) out.emplace_back(idx.slice(text, s.span));
  return out;
}

bool is_separator_byte(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }

/// Checks every guarantee of segment() that holds for any input.
void check_invariants(const std::string& text, const Segmentation& seg) {
  const Utf8Index idx(text);
  std::size_t prev_end = 0;
  for (std::size_t i = 0; i < seg.tokens.size(); ++i) {
    const Token& t = seg.tokens[i];
    INFO("token " << i << " [" << t.text << "]");
    REQUIRE(t.span.begin < t.span.end);
    REQUIRE(t.span.end <= idx.size());
    REQUIRE(t.span.begin >= prev_end);
    CHECK(idx.slice(text, t.span) == t.text);
    CHECK(t.text.data() == text.data() + idx.byte(t.span.begin));
    for (char c : t.text) CHECK_FALSE(is_separator_byte(c));
    // The flags describe exactly the bytes between this token and the previous one.
    const std::string_view gap(text.data() + idx.byte(prev_end), idx.byte(t.span.begin) - idx.byte(prev_end));
    if (i > 0 && gap.empty()) {
      CHECK_FALSE(t.space_before);
    }
    if (gap.find_first_of("\n\r\v\f") != std::string_view::npos) {
      CHECK(t.newline_before);
    }
    if (t.newline_before) {
      CHECK(t.space_before);
    }
    prev_end = t.span.end;
  }
  std::size_t next_token = 0;
  for (const Sentence& s : seg.sentences) {
    REQUIRE(s.first_token == next_token);
    REQUIRE(s.first_token < s.last_token);
    REQUIRE(s.last_token <= seg.tokens.size());
    CHECK(s.span.begin == seg.tokens[s.first_token].span.begin);
    CHECK(s.span.end == seg.tokens[s.last_token - 1].span.end);
    for (std::size_t i = s.first_token + 1; i < s.last_token; ++i) CHECK_FALSE(seg.tokens[i].newline_before);
    next_token = s.last_token;
  }
  CHECK(next_token == seg.tokens.size());
}

}  // namespace

TEST_CASE("segment: tokens and sentences of odd inputs", "[segment]") {
  struct Case {
    std::string text;
    std::string tokens;
    std::vector<std::string> sentences;
  };
  const std::vector<Case> cases = {
      {"", "", {}},
      {" \t\n  \r\n \xC2\xA0\xE2\x80\x83", "", {}},
      {"Adm. Giuseppe Cavo Dragone hosted it.",
       "Adm.|Giuseppe|Cavo|Dragone|hosted|it|.",
       {"Adm. Giuseppe Cavo Dragone hosted it."}},
      {"He met U.S. troops. Then left.",
       "He|met|U.S.|troops|.|Then|left|.",
       {"He met U.S. troops.", "Then left."}},
      {"Foreign Minister Sergey Lavrov said Wednesday.",
       "Foreign|Minister|Sergey|Lavrov|said|Wednesday|.",
       {"Foreign Minister Sergey Lavrov said Wednesday."}},
      {"NATO\xE2\x80\x99s Military Committee",
       "NATO|\xE2\x80\x99s|Military|Committee",
       {"NATO\xE2\x80\x99s Military Committee"}},
      {"Russia's allies' talks", "Russia|'s|allies|'|talks", {"Russia's allies' talks"}},
      {"the allies\xE2\x80\x99 plan", "the|allies|\xE2\x80\x99|plan", {"the allies\xE2\x80\x99 plan"}},
      {"Russia-Ukraine war", "Russia|-|Ukraine|war", {"Russia-Ukraine war"}},
      {"\xE2\x80\x9Croad to nowhere,\xE2\x80\x9D he added.",
       "\xE2\x80\x9C|road|to|nowhere|,|\xE2\x80\x9D|he|added|.",
       {"\xE2\x80\x9Croad to nowhere,\xE2\x80\x9D he added."}},
      {"\"Go,\" she said. 'Now.'", "\"|Go|,|\"|she|said|.|'|Now|.|'", {"\"Go,\" she said.", "'Now.'"}},
      {"Mr. Smith met Dr. Jones and Gen. Lee.",
       "Mr.|Smith|met|Dr.|Jones|and|Gen.|Lee|.",
       {"Mr. Smith met Dr. Jones and Gen. Lee."}},
      {"John F. Kennedy spoke.", "John|F.|Kennedy|spoke|.", {"John F. Kennedy spoke."}},
      {"(J. Smith) and \xE2\x80\x9CK. Lee\xE2\x80\x9D",
       "(|J.|Smith|)|and|\xE2\x80\x9C|K.|Lee|\xE2\x80\x9D",
       {"(J. Smith) and \xE2\x80\x9CK. Lee\xE2\x80\x9D"}},
      {"It bought AT&T. Shares rose.",
       "It|bought|AT|&|T|.|Shares|rose|.",
       {"It bought AT&T.", "Shares rose."}},
      {"Jay-Z. Soul music", "Jay|-|Z|.|Soul|music", {"Jay-Z.", "Soul music"}},
      {"the U.S. defense official", "the|U.S.|defense|official", {"the U.S. defense official"}},
      {"the U.S. Defense Department", "the|U.S.|Defense|Department", {"the U.S. Defense Department"}},
      {"They met in the U.S. The talks ended.",
       "They|met|in|the|U.S.|The|talks|ended|.",
       {"They met in the U.S.", "The talks ended."}},
      {"Apple Inc. Chief Executive spoke.",
       "Apple|Inc.|Chief|Executive|spoke|.",
       {"Apple Inc. Chief Executive spoke."}},
      {"He joined Acme Corp. He left.",
       "He|joined|Acme|Corp.|He|left|.",
       {"He joined Acme Corp.", "He left."}},
      {"Mr. The", "Mr.|The", {"Mr. The"}},
      {"at 9 a.m. and 5 p.m. today", "at|9|a.m.|and|5|p.m.|today", {"at 9 a.m. and 5 p.m. today"}},
      {"Gen.\nSmith spoke", "Gen.|Smith|spoke", {"Gen.", "Smith spoke"}},
      {"Line one\nLine two", "Line|one|Line|two", {"Line one", "Line two"}},
      {"First line.\r\nSecond line", "First|line|.|Second|line", {"First line.", "Second line"}},
      {"Para one.\n\n\nPara two.", "Para|one|.|Para|two|.", {"Para one.", "Para two."}},
      {"One\xE2\x80\xA8Two", "One|Two", {"One", "Two"}},
      {"there.Russia said", "there|.|Russia|said", {"there.Russia said"}},
      {"Mr.Smith and St.Louis", "Mr.|Smith|and|St.|Louis", {"Mr.Smith and St.Louis"}},
      {"U.S.Army", "U.S.|Army", {"U.S.Army"}},
      {"visit example.com now", "visit|example.com|now", {"visit example.com now"}},
      {"Wait... what?! Yes.", "Wait|...|what|?|!|Yes|.", {"Wait... what?!", "Yes."}},
      {"apples, etc... Then", "apples|,|etc|...|Then", {"apples, etc...", "Then"}},
      {"No. 10 vs. Real", "No.|10|vs.|Real", {"No. 10 vs. Real"}},
      {"  leading and trailing  ", "leading|and|trailing", {"leading and trailing"}},
      {"no final newline", "no|final|newline", {"no final newline"}},
      {"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xE2\x80\x94 "
       "\xD1\x81\xD1\x82\xD0\xBE\xD0\xBB\xD0\xB8\xD1\x86\xD0\xB0.",
       "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0|\xE2\x80\x94|"
       "\xD1\x81\xD1\x82\xD0\xBE\xD0\xBB\xD0\xB8\xD1\x86\xD0\xB0|.",
       {"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xE2\x80\x94 "
        "\xD1\x81\xD1\x82\xD0\xBE\xD0\xBB\xD0\xB8\xD1\x86\xD0\xB0."}},
      {"a\x01"
       "b\x7F"
       "c",
       "a|b|c",
       {"a\x01"
        "b\x7F"
        "c"}},
      {"zero\xE2\x80\x8B width \xEF\xBB\xBF marks",
       "zero|width|marks",
       {"zero\xE2\x80\x8B width \xEF\xBB\xBF marks"}},
      {"!!!", "!|!|!", {"!!!"}},
  };
  for (const Case& c : cases) {
    INFO("text: " << c.text);
    const Segmentation seg = newsgraph::segment(c.text);
    CHECK(tokens_of(seg) == c.tokens);
    CHECK(sentences_of(c.text, seg) == c.sentences);
    check_invariants(c.text, seg);
  }
}

TEST_CASE("segment: token kinds", "[segment]") {
  struct Case {
    std::string text;
    std::string tokens;
    std::string kinds;
  };
  const std::vector<Case> cases = {
      {"3.5 1,000 42 2024", "3.5|1,000|42|2024", "NNNN"},
      {"A380 3rd 1.13bn COVID-19", "A380|3rd|1.13bn|COVID|-|19", "WWWWPN"},
      {"$1.13bn (\xC2\xA3"
       "600m) 76%",
       "$|1.13bn|(|\xC2\xA3|600m|)|76|%", "PWPPWPNP"},
      {"NATO\xE2\x80\x99s", "NATO|\xE2\x80\x99s", "WW"},
      {"\xE2\x80\x9CYes\xE2\x80\x9D", "\xE2\x80\x9C|Yes|\xE2\x80\x9D", "PWP"},
      {"Gen. U.S. F.", "Gen.|U.S.|F.", "WWW"},
  };
  for (const Case& c : cases) {
    INFO("text: " << c.text);
    const Segmentation seg = newsgraph::segment(c.text);
    CHECK(tokens_of(seg) == c.tokens);
    CHECK(kinds_of(seg) == c.kinds);
    check_invariants(c.text, seg);
  }
}

TEST_CASE("segment: code point spans and whitespace flags", "[segment]") {
  SECTION("non-BMP emoji is one code point") {
    const std::string text = "Hi \xF0\x9F\x98\x80 there";
    const Segmentation seg = newsgraph::segment(text);
    REQUIRE(seg.tokens.size() == 3);
    CHECK(seg.tokens[1].span == Span{3, 4});
    CHECK(seg.tokens[1].kind == TokenKind::Punct);
    CHECK(seg.tokens[2].span == Span{5, 10});
    check_invariants(text, seg);
  }
  SECTION("combining marks stay with their letter") {
    const std::string text =
        "Cafe\xCC\x81 open, N\xCC\x83"
        "a";  // Café (e + U+0301), Ña
    const Segmentation seg = newsgraph::segment(text);
    CHECK(tokens_of(seg) ==
          "Cafe\xCC\x81|open|,|N\xCC\x83"
          "a");
    REQUIRE(seg.tokens.size() == 4);
    CHECK(seg.tokens[0].span == Span{0, 5});
    CHECK(seg.tokens[1].span == Span{6, 10});
    CHECK(seg.tokens[3].span == Span{12, 15});
    check_invariants(text, seg);
  }
  SECTION("emoji sequences and flags are single tokens") {
    const std::string family = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
    const std::string flag = "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8";
    const std::string text = family + " " + flag;
    const Segmentation seg = newsgraph::segment(text);
    CHECK(tokens_of(seg) == family + "|" + flag);
    REQUIRE(seg.tokens.size() == 2);
    CHECK(seg.tokens[0].span == Span{0, 5});
    CHECK(seg.tokens[1].span == Span{6, 8});
  }
  SECTION("space_before and newline_before") {
    const std::string text = "  A b,c\r\nd\t\ne";
    const Segmentation seg = newsgraph::segment(text);
    CHECK(tokens_of(seg) == "A|b|,|c|d|e");
    REQUIRE(seg.tokens.size() == 6);
    const std::vector<bool> space = {true, true, false, false, true, true};
    const std::vector<bool> newline = {false, false, false, false, true, true};
    for (std::size_t i = 0; i < seg.tokens.size(); ++i) {
      INFO("token " << i);
      CHECK(seg.tokens[i].space_before == space[i]);
      CHECK(seg.tokens[i].newline_before == newline[i]);
    }
    CHECK(seg.sentences.size() == 3);
    check_invariants(text, seg);
  }
  SECTION("CRLF offsets count both characters") {
    const std::string text = "One.\r\nTwo.";
    const Segmentation seg = newsgraph::segment(text);
    REQUIRE(seg.sentences.size() == 2);
    CHECK(seg.sentences[0].span == Span{0, 4});
    CHECK(seg.sentences[1].span == Span{6, 10});
  }
  SECTION("a BOM inside the text is not a token but counts as a code point") {
    const std::string text = "\xEF\xBB\xBFHello";
    const Segmentation seg = newsgraph::segment(text);
    REQUIRE(seg.tokens.size() == 1);
    CHECK(seg.tokens[0].span == Span{1, 6});
  }
  SECTION("embedded NUL separates tokens") {
    const std::string text("left\0right", 10);
    const Segmentation seg = newsgraph::segment(text);
    CHECK(tokens_of(seg) == "left|right");
    check_invariants(text, seg);
  }
}

TEST_CASE("segment: long inputs", "[segment]") {
  SECTION("a very long line without punctuation is cut into sentences of kMaxSentenceTokens tokens") {
    std::string text;
    const std::size_t words = 50001;
    for (std::size_t i = 0; i < words; ++i) text += i % 7 == 0 ? "Name " : "word ";
    const Segmentation seg = newsgraph::segment(text);
    CHECK(seg.tokens.size() == words);
    const std::size_t per = newsgraph::kMaxSentenceTokens;
    REQUIRE(seg.sentences.size() == (words + per - 1) / per);
    for (std::size_t s = 0; s < seg.sentences.size(); ++s) {
      CHECK(seg.sentences[s].first_token == s * per);
      CHECK(seg.sentences[s].last_token == std::min(words, (s + 1) * per));
      CHECK(seg.sentences[s].span == Span{s * per * 5, std::min(words, (s + 1) * per) * 5 - 1});
    }
    CHECK(seg.tokens.back().span == Span{words * 5 - 5, words * 5 - 1});
    check_invariants(text, seg);
  }
  SECTION("a sentence of kMaxSentenceTokens tokens stays whole") {
    std::string text;
    for (std::size_t i = 0; i < newsgraph::kMaxSentenceTokens; ++i) text += "word ";
    text += "\nnext line";
    const Segmentation seg = newsgraph::segment(text);
    REQUIRE(seg.sentences.size() == 2);
    CHECK(seg.sentences[0].last_token == newsgraph::kMaxSentenceTokens);
  }
  SECTION("many short lines") {
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "Mr. X went home.\n";
    const Segmentation seg = newsgraph::segment(text);
    CHECK(seg.tokens.size() == 20000u * 5);
    CHECK(seg.sentences.size() == 20000u);
    check_invariants(text, seg);
  }
  SECTION("one huge token") {
    const std::string text(200000, 'a');
    const Segmentation seg = newsgraph::segment(text);
    REQUIRE(seg.tokens.size() == 1);
    CHECK(seg.tokens[0].span == Span{0, 200000});
  }
}

TEST_CASE("segment: random text keeps every guarantee", "[segment]") {
  // Pieces chosen to hit the special cases: abbreviations, quotes, marks, separators, scripts.
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "Mr",
                                           "U",
                                           "S",
                                           ".",
                                           ". ",
                                           ",",
                                           "'",
                                           "\xE2\x80\x99",
                                           "s",
                                           "-",
                                           " ",
                                           "  ",
                                           "\n",
                                           "\r",
                                           "\r\n",
                                           "\t",
                                           "3",
                                           "1,0",
                                           "\x01",
                                           std::string(1, '\0'),
                                           "\xCC\x81",
                                           "\xE2\x80\x8B",
                                           "\xEF\xBB\xBF",
                                           "\xF0\x9F\x98\x80",
                                           "\xE2\x80\x8D",
                                           "\xF0\x9F\x87\xBA",
                                           "\xE6\x9D\xB1\xE4\xBA\xAC",
                                           "\xD0\x96",
                                           "\xE2\x80\xA8",
                                           "\xC2\xA0",
                                           "?",
                                           "!",
                                           "\xE2\x80\x9C",
                                           "\xE2\x80\x9D",
                                           "The",
                                           "etc"};
  std::mt19937 rng(12345);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 60);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int n = length(rng);
    for (int i = 0; i < n; ++i) text += pieces[pick(rng)];
    INFO("round " << round);
    REQUIRE(newsgraph::is_valid_utf8(text));
    const Segmentation seg = newsgraph::segment(text);
    check_invariants(text, seg);
  }
}

TEST_CASE("segment: same result on other threads", "[segment]") {
  const std::string text = "Adm. Giuseppe Cavo Dragone hosted it. He met U.S. troops.\nThen left.";
  const Segmentation here = newsgraph::segment(text);
  std::vector<std::string> results(3);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] {
      const Segmentation seg = newsgraph::segment(text);
      results[i] = tokens_of(seg) + "#" + std::to_string(seg.sentences.size());
    });
  for (std::thread& t : threads) t.join();
  for (const std::string& r : results)
    CHECK(r == tokens_of(here) + "#" + std::to_string(here.sentences.size()));
  CHECK(here.sentences.size() == 3);
}

namespace {

/// Everything segment() reports, tokens and sentences, as one string.
std::string describe(const Segmentation& seg, std::string_view text) {
  std::string out;
  for (const Token& t : seg.tokens) {
    out += std::to_string(t.text.data() - text.data()) + ":" + std::string(t.text) + "/" +
           std::to_string(static_cast<int>(t.kind)) + (t.space_before ? "s" : "") +
           (t.newline_before ? "n" : "") + "@" + std::to_string(t.span.begin) + "-" +
           std::to_string(t.span.end) + " ";
  }
  for (const Sentence& s : seg.sentences)
    out += "[" + std::to_string(s.first_token) + "," + std::to_string(s.last_token) + ")";
  return out;
}

}  // namespace

TEST_CASE("segment: the ASCII fast path cuts words exactly as ICU does", "[segment]") {
  // ICU's own word rules have ASCII surprises: '@' and '_' join letters ("a@b", "a_b"), ':'
  // does not ("a:b"), '.' and '\'' join letters to letters and digits to digits only.
  const std::vector<std::string> table = {"jeffrey.hodgson@reuters.com",
                                          "a@b @a a@ 1@2",
                                          "a_b __ _ 1_ _1",
                                          "a:b 1:2 10:30",
                                          "U.S. U.S.A. a.1 1.a 3.5bn 1,000.5 1;2 a,b",
                                          "don't 'a' 1'2 a''b a..b",
                                          "Russia's Russia’s café naïve",
                                          "A380 3rd 1990s",
                                          "x\r\ny\x01z\x7F!?",
                                          ""};
  for (const std::string& text : table) {
    INFO(text);
    CHECK(describe(newsgraph::segment(text), text) ==
          describe(newsgraph::detail::segment_icu_only(text), text));
  }
  // Random text over every ASCII byte and some other characters.
  std::vector<std::string> pieces = {"é",        "\xE2\x80\x99", "\xE2\x80\x9C", "\xC2\xA3", "\xE2\x80\x8B",
                                     "\xCC\x81", "U.S.",         "Mr.",          "...",      "  ",
                                     "\r\n"};
  for (int c = 1; c < 128; ++c) pieces.emplace_back(1, static_cast<char>(c));
  std::mt19937 rng(2026);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  int differences = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int i = length(rng); i > 0; --i) text += pieces[pick(rng)];
    if (describe(newsgraph::segment(text), text) !=
        describe(newsgraph::detail::segment_icu_only(text), text)) {
      if (++differences <= 3) {
        UNSCOPED_INFO("differs on: " << text);
      }
    }
  }
  CHECK(differences == 0);
}
