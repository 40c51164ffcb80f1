// Surface text of the knowledge: tokens, case, code points and transliteration of names.
#include "knowledge/surface.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "newsgraph/util/utf8.hpp"
#include "util/strings.hpp"

namespace newsgraph::knowledge {
namespace {

/// Longest input handed to ICU in one piece (ICU lengths are 32-bit).
constexpr std::size_t kMaxIcuBytes = std::size_t{1} << 20;

bool is_space_cp(char32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == '\n' || c == '\r'; }

/// Characters the tokenizer always makes tokens of their own, even between letters.
bool is_split_cp(char32_t c) {
  switch (c) {
    case '-':
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212:
    case '/':
    case '(':
    case ')':
    case '[':
    case ']':
    case ',':
    case '&':
    case '+':
    case ':':
    case ';':
    case '"':
    case 0x201C:
    case 0x201D:
    case '!':
    case '?':
      return true;
    default:
      return false;
  }
}

bool is_apostrophe_cp(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BB || c == 0x02BC;
}

}  // namespace

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string lower(std::string_view s) {
  if (strings::is_ascii(s) || s.size() > kMaxIcuBytes) return strings::ascii_lower(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  return to_utf8(u);
}

std::vector<std::string> surface_tokens(std::string_view s) {
  std::vector<std::string> tokens;
  std::string cur;
  const auto flush = [&]() {
    if (cur.empty()) return;
    // Split apostrophes off either edge of the word.
    std::size_t b = 0;
    std::vector<std::string> lead;
    while (b < cur.size()) {
      std::size_t j = b;
      const char32_t c = next_code_point(cur, j);
      if (!is_apostrophe_cp(c) || j >= cur.size()) break;
      lead.push_back(cur.substr(b, j - b));
      b = j;
    }
    std::vector<std::string> trail;
    std::size_t e = cur.size();
    while (e > b) {
      std::size_t start = e - 1;
      while (start > b && (static_cast<unsigned char>(cur[start]) & 0xC0) == 0x80) --start;
      std::size_t j = start;
      const char32_t c = next_code_point(cur, j);
      if (!is_apostrophe_cp(c) || start == b) break;
      trail.insert(trail.begin(), cur.substr(start, e - start));
      e = start;
    }
    for (auto& t : lead) tokens.push_back(std::move(t));
    std::string core = cur.substr(b, e - b);
    // A possessive is a token of its own ("People's" -> "People", "'s").
    std::string possessive;
    for (std::string_view suffix : {"'s", "'S", "\xE2\x80\x99s", "\xE2\x80\x99S"}) {
      if (core.size() > suffix.size() && strings::ends_with(core, suffix)) {
        possessive = core.substr(core.size() - suffix.size());
        core.resize(core.size() - suffix.size());
        break;
      }
    }
    tokens.push_back(std::move(core));
    if (!possessive.empty()) tokens.push_back(std::move(possessive));
    for (auto& t : trail) tokens.push_back(std::move(t));
    cur.clear();
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (is_space_cp(c)) {
      flush();
    } else if (is_split_cp(c)) {
      flush();
      tokens.emplace_back(s.substr(start, i - start));
    } else {
      cur.append(s.substr(start, i - start));
    }
  }
  flush();
  return tokens;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool pending = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t c = next_code_point(s, i);
    if (is_space_cp(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

// Not count_code_points (util/utf8.hpp) nor a loop of next_code_point: both read a malformed
// sequence differently (as no code point, or as one per byte), and the iso-codes and tzdata
// names that reach this are not checked for valid UTF-8. ICU's U8_NEXT_OR_FFFD counts a
// truncated sequence as one code point, as this always has.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  int32_t i = 0;
  const auto length = static_cast<int32_t>(s.size());
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t*>(s.data()), i, length, c);
    ++n;
  }
  return n;
}

bool has_letter(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (u_isalpha(next_code_point(s, i))) return true;
  }
  return false;
}

bool starts_upper(std::string_view s) {
  std::size_t i = 0;
  if (s.empty()) return false;
  const char32_t c = next_code_point(s, i);
  return u_isupper(c) || u_istitle(c);
}

bool has_upper(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = next_code_point(s, i);
    if (u_isupper(c) || u_istitle(c)) return true;
  }
  return false;
}

std::unique_ptr<icu::Transliterator> make_transliterator(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(icu::UnicodeString(id, -1, US_INV), UTRANS_FORWARD, status));
  if (U_FAILURE(status)) t.reset();
  return t;
}

icu::Transliterator* thread_folder() {
  thread_local std::unique_ptr<icu::Transliterator> t = make_transliterator(kFoldId);
  return t.get();
}

}  // namespace newsgraph::knowledge
