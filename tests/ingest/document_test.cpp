// Input reading: Utf8Index, UTF-8 validation, .txt / .jsonl / folder inputs and their errors.

#include "newsgraph/ingest/document.hpp"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "newsgraph/text/utf8_index.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using newsgraph::Article;
using newsgraph::InputError;
using newsgraph::parse_jsonl;
using newsgraph::read_inputs;
using newsgraph::Span;
using newsgraph::Utf8Index;

namespace {

std::string fixture(const std::string& rel) {
  return std::string(NEWSGRAPH_SOURCE_DIR) + "/tests/data/input/" + rel;
}

std::vector<std::string> ids_of(const std::vector<Article>& articles) {
  std::vector<std::string> ids;
  for (const Article& a : articles) ids.push_back(a.id);
  return ids;
}

/// The what() of the InputError `f` throws, or "" when it throws none.
template <typename F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

using newsgraph::testing::TempDir;

}  // namespace

TEST_CASE("is_valid_utf8 accepts exactly well-formed UTF-8", "[document]") {
  struct Case {
    std::string bytes;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"", true},
      {"plain ASCII", true},
      {std::string("nul\0inside", 10), true},
      {"caf\xC3\xA9", true},
      {"\xE2\x80\x9C quotes \xE2\x80\x9D", true},
      {"\xF0\x9F\x98\x80", true},   // U+1F600
      {"\xF4\x8F\xBF\xBF", true},   // U+10FFFF
      {"\xEF\xBF\xBF", true},       // U+FFFF
      {"\xC0\x80", false},          // overlong NUL
      {"\xC1\xBF", false},          // overlong
      {"\xE0\x80\x80", false},      // overlong
      {"\xF0\x80\x80\x80", false},  // overlong
      {"\xED\xA0\x80", false},      // surrogate U+D800
      {"\xED\xBF\xBF", false},      // surrogate U+DFFF
      {"\xF4\x90\x80\x80", false},  // past U+10FFFF
      {"\xF5\x80\x80\x80", false},  // invalid lead byte
      {"\xFF", false},
      {"\x80", false},                   // stray continuation
      {"abc\xC3", false},                // truncated at end
      {"\xE2\x80", false},               // truncated
      {"\xE2\x28\xA1", false},           // bad continuation
      {"12345678901234\xC3\xA9", true},  // past the ASCII fast path
      {"1234567890123456\xC3", false},
  };
  for (const Case& c : cases) {
    INFO("bytes of length " << c.bytes.size());
    CHECK(newsgraph::is_valid_utf8(c.bytes) == c.valid);
  }
}

TEST_CASE("Utf8Index maps code points to bytes", "[document]") {
  SECTION("empty") {
    const Utf8Index idx("");
    CHECK(idx.size() == 0);
    CHECK(idx.byte(0) == 0);
  }
  SECTION("mixed widths") {
    const std::string s = "a\xC3\xA9\xE2\x80\x9C\xF0\x9F\x98\x80z";  // a é “ 😀 z
    const Utf8Index idx(s);
    REQUIRE(idx.size() == 5);
    CHECK(idx.byte(0) == 0);
    CHECK(idx.byte(1) == 1);
    CHECK(idx.byte(2) == 3);
    CHECK(idx.byte(3) == 6);
    CHECK(idx.byte(4) == 10);
    CHECK(idx.byte(5) == 11);
    CHECK(idx.slice(s, Span{3, 4}) == "\xF0\x9F\x98\x80");
    CHECK(idx.slice(s, Span{1, 3}) == "\xC3\xA9\xE2\x80\x9C");
    CHECK(idx.slice(s, Span{5, 5}).empty());
  }
  SECTION("combining mark is its own code point") {
    const std::string s = "e\xCC\x81";
    CHECK(Utf8Index(s).size() == 2);
  }
  SECTION("invalid UTF-8 throws") {
    CHECK_THROWS_AS(Utf8Index("ok\xC3"), InputError);
    CHECK_THROWS_AS(Utf8Index("\xED\xA0\x80"), InputError);
    CHECK_THROWS_AS(Utf8Index("\xC0\xAF"), InputError);
  }
}

TEST_CASE("txt files: id, title, BOM, line breaks", "[document]") {
  SECTION("title when the first line is followed by a blank line") {
    const auto articles = read_inputs({fixture("txt/with_title.txt")});
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.id == "with_title");
    CHECK(a.title == "Ministers meet in Brussels");
    CHECK(a.text == "Ministers meet in Brussels\n\nThe ministers met on Monday in Brussels.\n");
    CHECK(a.origin == fixture("txt/with_title.txt"));
    CHECK(a.url.empty());
  }
  SECTION("no title when the second line has text") {
    const auto articles = read_inputs({fixture("txt/no_title.txt")});
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].id == "no_title");
    CHECK(articles[0].title.empty());
  }
  SECTION("BOM is dropped and a whitespace-only line counts as blank") {
    const auto articles = read_inputs({fixture("txt/bom.txt")});
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].text.rfind("Summit ends\n", 0) == 0);
    CHECK(articles[0].title == "Summit ends");
    CHECK(Utf8Index(articles[0].text).size() == articles[0].text.size());  // all ASCII after the BOM
  }
  SECTION("single line without newline, and an empty file") {
    const auto articles = read_inputs({fixture("txt/one_line.txt"), fixture("txt/empty.txt")});
    REQUIRE(articles.size() == 2);
    CHECK(articles[0].text == "Only one line and no final newline");
    CHECK(articles[0].title.empty());
    CHECK(articles[1].id == "empty");
    CHECK(articles[1].text.empty());
    CHECK(articles[1].title.empty());
  }
  SECTION("byte-exact cases") {
    const TempDir dir;
    struct Case {
      std::string name;
      std::string bytes;
      std::string text;
      std::string title;
    };
    const std::vector<Case> cases = {
        {"crlf.txt", "Headline\r\n\r\nBody.\r\n", "Headline\r\n\r\nBody.\r\n", "Headline"},
        {"title_only.txt", "Headline\n", "Headline\n", ""},
        {"blank_tail.txt", "Headline\n \t", "Headline\n \t", "Headline"},
        {"padded.txt", "  Headline  \n\nBody", "  Headline  \n\nBody", "Headline"},
        {"nbsp_blank.txt", "Headline\n\xC2\xA0\nBody", "Headline\n\xC2\xA0\nBody", "Headline"},
        {"bom_only.txt", "\xEF\xBB\xBF", "", ""},
        {"blank_first.txt", "\n\nBody", "\n\nBody", ""},
        {"control.txt",
         "A\x01"
         "B\n\nC",
         "A\x01"
         "B\n\nC",
         "A\x01"
         "B"},
    };
    for (const Case& c : cases) {
      INFO(c.name);
      const auto articles = read_inputs({dir.write(c.name, c.bytes)});
      REQUIRE(articles.size() == 1);
      CHECK(articles[0].text == c.text);
      CHECK(articles[0].title == c.title);
    }
  }
  SECTION("invalid UTF-8 names the file and line") {
    const TempDir dir;
    const std::string path = dir.write("bad.txt", "fine\nstill fine\nbroken \xC3(\n");
    const std::string msg = input_error([&] { read_inputs({path}); });
    CHECK(msg == path + ":3: invalid UTF-8");
    CHECK_THROWS_AS(read_inputs({path}), InputError);
  }
}

TEST_CASE("jsonl files: fields, ids, blank lines", "[document]") {
  const std::string path = fixture("jsonl/good.jsonl");
  const auto articles = read_inputs({path});
  REQUIRE(articles.size() == 4);
  CHECK(ids_of(articles) == std::vector<std::string>{"s1", "42", "s3", "s4"});
  CHECK(articles[0].text == "Talks resumed in Vienna.");
  CHECK(articles[0].title == "Talks resume");
  CHECK(articles[0].url == "https://example.org/s1");
  CHECK(articles[0].date == "2024-01-02");
  CHECK(articles[0].source == "Example Wire");
  CHECK(articles[0].origin == path + ":1");
  CHECK(articles[1].origin == path + ":3");
  CHECK(articles[2].text.empty());
  CHECK(articles[2].title.empty());
  CHECK(articles[2].origin == path + ":5");
  CHECK(articles[3].text == "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80 line\nbreak");
}

TEST_CASE("parse_jsonl: odd lines and their errors", "[document]") {
  SECTION("accepted input") {
    struct Case {
      std::string text;
      std::vector<std::string> ids;
    };
    const std::vector<Case> cases = {
        {"", {}},
        {"\n\n  \n\t\r\n", {}},
        {"{\"id\":\"a\",\"text\":\"x\"}", {"a"}},  // no final newline
        {"{\"id\":\"a\",\"text\":\"x\"}\r\n{\"id\":\"b\",\"text\":\"y\"}\r\n", {"a", "b"}},  // CRLF
        {"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"x\"}\n", {"a"}},                              // BOM
        {"{\"id\":7,\"text\":\"x\"}\n{\"id\":-3,\"text\":\"y\"}\n{\"id\":1.5,\"text\":\"z\"}",
         {"7", "-3", "1.5"}},
        {"{\"id\":18446744073709551615,\"text\":\"x\"}", {"18446744073709551615"}},
        {"{\"text\":\"x\",\"id\":\"late\",\"id2\":1}", {"late"}},
        {"  {\"id\":\"pad\",\"text\":\"x\"}  ", {"pad"}},
        {"{\"id\":\"u\",\"text\":\"\\u0000\\u0001\"}", {"u"}},
    };
    for (const Case& c : cases) {
      INFO(c.text);
      CHECK(ids_of(parse_jsonl(c.text, "mem")) == c.ids);
    }
  }
  SECTION("escaped NUL and control characters survive") {
    const auto articles = parse_jsonl("{\"id\":\"u\",\"text\":\"a\\u0000b\\tc\"}", "mem");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].text == std::string("a\0b\tc", 5));
  }
  SECTION("errors name origin and line") {
    struct Case {
      std::string text;
      std::string message;
    };
    const std::vector<Case> cases = {
        {"{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\"}\n", "mem:3: missing \"text\""},
        {"{\"text\":\"x\"}", "mem:1: missing \"id\""},
        {"{\"id\":true,\"text\":\"x\"}", "mem:1: \"id\" must be a string"},
        {"{\"id\":null,\"text\":\"x\"}", "mem:1: \"id\" must be a string"},
        {"{\"id\":[\"a\"],\"text\":\"x\"}", "mem:1: \"id\" must be a string"},
        {"{\"id\":\"\",\"text\":\"x\"}", "mem:1: \"id\" must not be empty"},
        {"{\"id\":\"a\",\"text\":5}", "mem:1: \"text\" must be a string"},
        {"{\"id\":\"a\",\"text\":null}", "mem:1: \"text\" must be a string"},
        {"{\"id\":\"a\",\"text\":\"x\",\"title\":3}", "mem:1: \"title\" must be a string"},
        {"{\"id\":\"a\",\"text\":\"x\",\"url\":{}}", "mem:1: \"url\" must be a string"},
        {"[1,2]", "mem:1: expected a JSON object"},
        {"\"just a string\"", "mem:1: expected a JSON object"},
        {"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n{\"id\":\"a\",\"text\":\"z\"}",
         "mem:3: duplicate article id \"a\" (first at mem:1)"},
        {"{\"id\":1,\"text\":\"x\"}\n{\"id\":\"1\",\"text\":\"y\"}",
         "mem:2: duplicate article id \"1\" (first at mem:1)"},
        {"{\"id\":\"a\",\"text\":\"\xC3\"}", "mem:1: invalid UTF-8"},
        {"\n{\"id\":\"a\",\"text\":\"\\udc00\"}", "mem:2: invalid UTF-8"},
        {"{\"id\":\"\\udc00\",\"text\":\"x\"}", "mem:1: invalid UTF-8"},
        {"{\"id\":\"a\",\"text\":\"x\"} {}",
         "mem:1: invalid JSON: The document root must not be followed by other values. at column 23"},
        {"{\"id\":\"a\",\"text\":\"x\"",
         "mem:1: invalid JSON: Missing a comma or '}' after an object member. at column 21"},
        {"{\"id\":\"\xC3\xA9\xC3\xA9\",\"text\" \"x\"}",
         "mem:1: invalid JSON: Missing a colon after a name of object member. at column 19"},
        {"{'id':'a'}", "mem:1: invalid JSON: Missing a name for object member. at column 2"},
        {"nope", "mem:1: invalid JSON: Invalid value. at column 2"},
        {"\n\n  x", "mem:3: invalid JSON: Invalid value. at column 3"},
    };
    for (const Case& c : cases) {
      INFO(c.text);
      CHECK(input_error([&] { parse_jsonl(c.text, "mem"); }) == c.message);
      CHECK_THROWS_AS(parse_jsonl(c.text, "mem"), InputError);
    }
  }
}

TEST_CASE("jsonl file errors name file and line", "[document]") {
  struct Case {
    std::string file;
    std::string suffix;
  };
  const std::vector<Case> cases = {
      {"jsonl/bad_json.jsonl", ":3: invalid JSON: "},
      {"jsonl/missing_text.jsonl", ":2: missing \"text\""},
      {"jsonl/dup_ids.jsonl", ":3: duplicate article id \"first\" (first at "},
  };
  for (const Case& c : cases) {
    const std::string path = fixture(c.file);
    const std::string msg = input_error([&] { read_inputs({path}); });
    INFO(msg);
    CHECK(msg.rfind(path + c.suffix, 0) == 0);
    CHECK(msg.find('\n') == std::string::npos);
  }
  CHECK(input_error([&] { read_inputs({fixture("jsonl/dup_ids.jsonl")}); }) ==
        fixture("jsonl/dup_ids.jsonl") + ":3: duplicate article id \"first\" (first at " +
            fixture("jsonl/dup_ids.jsonl") + ":1)");
}

TEST_CASE("duplicate ids across inputs", "[document]") {
  SECTION("between two jsonl files") {
    const std::string a = fixture("jsonl/shared_a.jsonl");
    const std::string b = fixture("jsonl/shared_b.jsonl");
    CHECK(input_error([&] {
            read_inputs({a, b});
          }) == b + ":2: duplicate article id \"shared\" (first at " + a + ":1)");
  }
  SECTION("a txt file's id against a jsonl id") {
    const std::string dir = fixture("collide");
    CHECK(input_error([&] { read_inputs({dir}); }) ==
          dir + "/alpha.txt: duplicate article id \"collide/alpha\" (first at " + dir + "/alpha.jsonl:1)");
  }
  SECTION("the same jsonl file twice") {
    const std::string a = fixture("jsonl/shared_a.jsonl");
    CHECK_THROWS_AS(read_inputs({a, a}), InputError);
  }
}

TEST_CASE("folders: recursion, filtering, order", "[document]") {
  const std::string dir = fixture("folder");
  const auto articles = read_inputs({dir});
  // Path order compares component by component: folder "a" before file "a-b.txt".
  CHECK(ids_of(articles) == std::vector<std::string>{"a-one", "a-two", "folder/a/z", "folder/a-b", "folder/b",
                                                     "folder/sub/deeper/c"});
  REQUIRE(articles.size() == 6);
  CHECK(articles[0].origin == dir + "/a/news.jsonl:1");
  CHECK(articles[2].origin == dir + "/a/z.txt");
  CHECK(articles[5].origin == dir + "/sub/deeper/c.txt");
  CHECK(articles[5].text == "Deep file.\n");

  SECTION("a trailing slash or another spelling of the folder changes nothing but the origins") {
    CHECK(ids_of(read_inputs({dir + "/"})) == ids_of(articles));
    CHECK(ids_of(read_inputs({dir + "/./sub/.."})) == ids_of(articles));
  }
  SECTION("inputs keep their order") {
    const auto mixed = read_inputs({fixture("txt/with_title.txt"), dir, fixture("txt/no_title.txt")});
    CHECK(ids_of(mixed) == std::vector<std::string>{"with_title", "a-one", "a-two", "folder/a/z",
                                                    "folder/a-b", "folder/b", "folder/sub/deeper/c",
                                                    "no_title"});
  }
}

TEST_CASE("a txt file's id: its stem, or its folder's name and its path inside the folder", "[document]") {
  SECTION("inside a folder: the folder's name and the path inside it") {
    const auto articles = read_inputs({fixture("dupstems")});
    CHECK(ids_of(articles) ==
          std::vector<std::string>{"dupstems/other", "dupstems/x/report", "dupstems/y/report"});
  }
  SECTION("the id of a file never depends on the other inputs") {
    const auto alone = read_inputs({fixture("dupstems/x")});
    CHECK(ids_of(alone) == std::vector<std::string>{"x/report"});
    const auto file = read_inputs({fixture("dupstems/x/report.txt")});
    CHECK(ids_of(file) == std::vector<std::string>{"report"});
  }
  SECTION("two days' folders with the same file names stay apart") {
    const TempDir dir;
    dir.write("day1/reuters.txt", "Monday.\n");
    dir.write("day2/reuters.txt", "Tuesday.\n");
    const auto articles = read_inputs({dir.path() + "/day2", dir.path() + "/day1/"});
    CHECK(ids_of(articles) == std::vector<std::string>{"day2/reuters", "day1/reuters"});
  }
  SECTION("files given one by one with the same stem collide") {
    const std::string x = fixture("dupstems/x/report.txt");
    const std::string y = fixture("dupstems/y/report.txt");
    CHECK(input_error([&] {
            read_inputs({y, x});
          }) == x + ": duplicate article id \"report\" (first at " + y + ")");
  }
  SECTION("folders of the same name collide") {
    const TempDir dir;
    dir.write("a/news/report.txt", "First.\n");
    dir.write("b/news/report.txt", "Second.\n");
    const std::string msg = input_error([&] {
      read_inputs({dir.path() + "/a/news", dir.path() + "/b/news"});
    });
    CHECK(msg == dir.path() + "/b/news/report.txt: duplicate article id \"news/report\" (first at " +
                     dir.path() + "/a/news/report.txt)");
  }
}

TEST_CASE("input path errors", "[document]") {
  struct Case {
    std::string input;
    std::string message;
  };
  const std::string missing = fixture("does/not/exist.txt");
  const std::string md = fixture("folder/notes.md");
  const std::string upper = fixture("folder/upper.TXT");
  const std::string nodata = fixture("nodata");
  const std::vector<Case> cases = {
      {missing, missing + ": no such file or directory"},
      {md, md + ": unsupported input (expected .txt, .jsonl, a folder or -)"},
      {upper, upper + ": unsupported input (expected .txt, .jsonl, a folder or -)"},
      {nodata, nodata + ": no .txt or .jsonl files"},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    CHECK(input_error([&] { read_inputs({c.input}); }) == c.message);
    CHECK_THROWS_AS(read_inputs({c.input}), InputError);
  }
  SECTION("an empty folder") {
    const TempDir dir;
    fs::create_directories(dir.path() + "/empty");
    CHECK(input_error([&] { read_inputs({dir.path() + "/empty"}); }) ==
          dir.path() + "/empty: no .txt or .jsonl files");
  }
  SECTION("a folder named like a .txt file is a folder") {
    const TempDir dir;
    dir.write("odd.txt/inner.txt", "Inner.\n");
    const auto articles = read_inputs({dir.path() + "/odd.txt"});
    CHECK(ids_of(articles) == std::vector<std::string>{"odd.txt/inner"});
  }
  SECTION("no inputs reads nothing") { CHECK(read_inputs({}).empty()); }
}

TEST_CASE("ReadOptions::max_article_bytes refuses longer articles before parsing them", "[document]") {
  newsgraph::ReadOptions limit;
  limit.max_article_bytes = 40;
  const std::string line = R"({"id":"a","text":"Ministers met in Brussels on Monday."})";  // 56 bytes
  SECTION("a JSON line: by its length, escapes included, naming the line") {
    CHECK(input_error([&] { parse_jsonl("\n" + line + "\n", "in.jsonl", limit); }) ==
          "in.jsonl:2: the article takes 5.6e-05 MB, over the limit of 4e-05 MB per article");
    CHECK_THROWS_AS(parse_jsonl(line, "in.jsonl", limit), newsgraph::ArticleTooLongError);
    // A line that does not even parse is refused for its length first.
    CHECK_THROWS_AS(parse_jsonl(std::string(100, '{'), "in.jsonl", limit), newsgraph::ArticleTooLongError);
    limit.max_article_bytes = line.size();
    CHECK(parse_jsonl(line, "in.jsonl", limit).size() == 1);
    limit.max_article_bytes = 0;  // no limit
    CHECK(parse_jsonl(line, "in.jsonl", limit).size() == 1);
  }
  SECTION("a .txt file: by its size") {
    TempDir dir;
    const std::string path = dir.write("long.txt", std::string(41, 'x'));
    CHECK(input_error([&] { read_inputs({path}, limit); }) ==
          path + ": the article takes 4.1e-05 MB, over the limit of 4e-05 MB per article");
    limit.max_article_bytes = 41;
    CHECK(read_inputs({path}, limit).size() == 1);
  }
  SECTION("the default is 10 MB") {
    CHECK(newsgraph::ReadOptions{}.max_article_bytes == newsgraph::kDefaultMaxArticleBytes);
    CHECK(newsgraph::kDefaultMaxArticleBytes == 10'000'000);
  }
}

TEST_CASE("ingest: JSON nested far deeper than the stack is an InputError, not a crash", "[ingest]") {
  // RapidJSON's recursive parser overflowed the stack at about 105,000 levels.
  const std::string open(150000, '[');
  CHECK_THROWS_WITH(parse_jsonl(open + "\n", "deep.jsonl"), Catch::Contains("deep.jsonl:1: invalid JSON"));
  CHECK_THROWS_WITH(parse_jsonl(open + std::string(150000, ']') + "\n", "deep.jsonl"),
                    Catch::Contains("deep.jsonl:1: expected a JSON object"));
  std::string objects;
  for (int i = 0; i < 150000; ++i) objects += "{\"a\":";
  CHECK_THROWS_WITH(parse_jsonl("{\"id\":\"x\",\"text\":\"y\",\"z\":" + objects + "\n", "deep.jsonl"),
                    Catch::Contains("deep.jsonl:1: invalid JSON"));
}

TEST_CASE("ingest: parse_txt is what read_inputs makes of a .txt file", "[ingest]") {
  const std::string path = fixture("txt/with_title.txt");
  const Article read = read_inputs({path}).at(0);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Article parsed = newsgraph::parse_txt(bytes, read.id, read.origin);
  CHECK(parsed.id == read.id);
  CHECK(parsed.text == read.text);
  CHECK(parsed.title == read.title);
  CHECK(parsed.origin == read.origin);
  CHECK(newsgraph::parse_txt("\xEF\xBB\xBFTitle\r\n \r\nBody", "t", "t.txt").title == "Title");
  CHECK(newsgraph::parse_txt("\xEF\xBB\xBFTitle\r\n \r\nBody", "t", "t.txt").text == "Title\r\n \r\nBody");
  CHECK_THROWS_WITH(newsgraph::parse_txt("ok\n\xFF", "t", "t.txt"),
                    Catch::Contains("t.txt:2: invalid UTF-8"));
}
