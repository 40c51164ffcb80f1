#include "newsgraph/util/utf8.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "util/binary_io.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

using namespace newsgraph;

namespace {

struct Case {
  const char* what;
  std::string bytes;
  bool valid;
};

// Every class of malformed UTF-8 the decoder must catch, beside valid edge cases.
const std::vector<Case>& cases() {
  static const std::vector<Case> table = {
      {"empty", "", true},
      {"ASCII", "Putin", true},
      {"two bytes", "Caf\xC3\xA9", true},
      {"three bytes",
       "\xE2\x80\x9C"
       "quote\xE2\x80\x9D",
       true},
      {"four bytes", "\xF0\x9F\x98\x80", true},
      {"U+10FFFF", "\xF4\x8F\xBF\xBF", true},
      {"U+FFFD itself", "\xEF\xBF\xBD", true},
      {"stray continuation", "a\x80z", false},
      {"C0 overlong lead", "\xC0\xAF", false},
      {"C1 overlong lead", "\xC1\xBF", false},
      {"three-byte overlong", "\xE0\x80\xAF", false},
      {"surrogate", "\xED\xA0\x80", false},
      {"past U+10FFFF", "\xF4\x90\x80\x80", false},
      {"F5 lead", "\xF5\x80\x80\x80", false},
      {"truncated at end", "ab\xE2\x80", false},
      {"truncated before ASCII", "\xE2\x80z", false},
      {"four-byte overlong", "\xF0\x80\x80\x80", false},
      {"lone FF", "\xFF", false},
  };
  return table;
}

}  // namespace

TEST_CASE("UTF-8: validation and decoding agree on a table of odd inputs", "[util][utf8]") {
  for (const Case& c : cases()) {
    INFO(c.what);
    CHECK(is_valid_utf8(c.bytes) == c.valid);
    CHECK((first_invalid_utf8(c.bytes) == c.bytes.size()) == c.valid);
    // Decoding visits every byte, always advances, and yields U+FFFD for exactly the malformed
    // bytes; re-encoding the valid ones gives the input back.
    std::string again;
    bool replaced = false;
    for (std::size_t pos = 0; pos < c.bytes.size();) {
      const std::size_t at = pos;
      const char32_t cp = next_code_point(c.bytes, pos);
      REQUIRE(pos > at);
      if (cp == kReplacementCharacter && pos - at == 1) replaced = true;
      append_utf8(again, cp);
    }
    CHECK(replaced == !c.valid);
    if (c.valid) CHECK(again == c.bytes);
    CHECK(is_valid_utf8(valid_utf8(c.bytes)));
    CHECK((valid_utf8(c.bytes) == c.bytes) == c.valid);
  }
}

TEST_CASE("UTF-8: code points, prefixes and backward decoding", "[util][utf8]") {
  const std::string s = "Z\xC3\xA9l\xE2\x80\x9D\xF0\x9F\x98\x80";  // Zél”😀
  CHECK(count_code_points(s) == 5);
  CHECK(first_code_point(s) == U'Z');
  CHECK(first_code_point("\xC3\xA9x") == 0xE9);
  CHECK(first_code_point("\x80x") == 0);
  CHECK(first_code_point("") == 0);
  CHECK(utf8_prefix_bytes(s, 2) == "Z");
  CHECK(utf8_prefix_bytes(s, 3) == "Z\xC3\xA9");
  CHECK(utf8_prefix_bytes(s, 100) == s);
  std::size_t pos = s.size();
  CHECK(prev_code_point(s, pos) == 0x1F600);
  CHECK(prev_code_point(s, pos) == 0x201D);
  CHECK(prev_code_point(s, pos) == U'l');
  CHECK(prev_code_point(s, pos) == 0xE9);
  CHECK(prev_code_point(s, pos) == U'Z');
  CHECK(pos == 0);
  std::string out;
  append_utf8(out, 0xD800);
  append_utf8(out, 0x110000);
  CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("Hashing and binary encoding are stable: model files depend on them", "[util]") {
  // FNV-1a test vectors (Fowler, Noll, Vo): a change here changes every model file.
  CHECK(hash::fnv1a("") == 0xcbf29ce484222325ULL);
  CHECK(hash::fnv1a("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(hash::fnv1a("foobar") == 0x85944171f73967e8ULL);
  CHECK(hash::fnv1a("bar", hash::fnv1a("foo")) == hash::fnv1a("foobar"));
  std::string bytes;
  binary::put_u32(bytes, 0x01020304u);
  binary::put_u64(bytes, 0x1122334455667788ULL);
  CHECK(bytes == std::string("\x04\x03\x02\x01\x88\x77\x66\x55\x44\x33\x22\x11", 12));
  CHECK(binary::get_u32(bytes.data()) == 0x01020304u);
  CHECK(binary::get_u64(bytes.data() + 4) == 0x1122334455667788ULL);
}

TEST_CASE("String helpers", "[util]") {
  CHECK(strings::ascii_lower("NATO \xC3\x89lys\xC3\xA9") == "nato \xC3\x89lys\xC3\xA9");
  CHECK(strings::trim(" \t x y \r\n") == "x y");
  CHECK(strings::trim("   ").empty());
  CHECK(strings::split("a,,b", ',') == std::vector<std::string_view>{"a", "", "b"});
  CHECK(strings::split("", ',') == std::vector<std::string_view>{""});
  CHECK(strings::join({"a", "b", "c"}, " | ") == "a | b | c");
  CHECK(strings::starts_with("Gen. Smith", "Gen."));
  CHECK_FALSE(strings::ends_with("a", "ab"));
  CHECK(strings::is_lower_ascii("abc 1"));
  CHECK_FALSE(strings::is_lower_ascii("aBc"));
  CHECK_FALSE(strings::is_ascii("\xC3\xA9"));
}
