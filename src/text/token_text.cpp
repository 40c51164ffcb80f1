#include "text/token_text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "newsgraph/util/utf8.hpp"
#include "util/strings.hpp"

namespace newsgraph::text {

bool is_capitalized(std::string_view s) {
  if (s.empty()) return false;
  const auto b = static_cast<unsigned char>(s[0]);
  if (b < 0x80) return b >= 'A' && b <= 'Z';
  const char32_t c = first_code_point(s);
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

bool is_lowercase_word(std::string_view s) {
  if (s.empty()) return false;
  const auto b = static_cast<unsigned char>(s[0]);
  if (b < 0x80) return b >= 'a' && b <= 'z';
  return u_islower(static_cast<UChar32>(first_code_point(s)));
}

bool is_all_caps(std::string_view s) {
  int letters = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (utf8_sequence_length(s, i) == 0) return false;
    const auto c = static_cast<UChar32>(next_code_point(s, i));
    if (u_islower(c)) return false;
    if (u_isalpha(c)) ++letters;
  }
  return letters >= 2;
}

std::string join_tokens(const Segmentation& seg, std::size_t first, std::size_t last) {
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) out += ' ';
    out += seg.tokens[i].text;
  }
  return out;
}

std::string join_tokens_lower(const Segmentation& seg, std::size_t first, std::size_t last) {
  return strings::ascii_lower(join_tokens(seg, first, last));
}

std::size_t title_length(const Segmentation& seg, std::size_t pos, std::size_t limit, const Knowledge& kb) {
  std::size_t mods = 0;
  while (pos + mods < limit && kb.is_title_modifier(seg.tokens[pos + mods].text)) {
    ++mods;
    // "ex-President", "Vice-Admiral": a hyphen glued to the modifier and to the next word
    const std::size_t h = pos + mods;
    if (h + 1 < limit && seg.tokens[h].text == "-" && !seg.tokens[h].space_before &&
        !seg.tokens[h + 1].space_before)
      ++mods;
  }
  for (std::size_t start = pos; start <= pos + mods && start < limit; ++start) {
    if (!kb.is_title_start(seg.tokens[start].text)) continue;
    // Join the candidate words once, lower-cased; each length looks up a prefix of it.
    const std::size_t longest = std::min(kb.max_title_tokens(), limit - start);
    const std::string joined = join_tokens_lower(seg, start, start + longest);
    std::size_t end = joined.size();
    for (std::size_t len = longest; len >= 1; --len) {
      if (kb.is_title(std::string_view(joined.data(), end))) return start - pos + len;
      end = len > 1 ? joined.rfind(' ', end - 1) : 0;
    }
  }
  return 0;
}

bool is_possessive(std::string_view t) {
  return t == "’s" || t == "'s" || t == "’S" || t == "'S" || t == "’" || t == "'";
}

bool is_open_quote(std::string_view t) { return t == "“" || t == "„" || t == "«"; }
bool is_close_quote(std::string_view t) { return t == "”" || t == "»"; }
bool is_straight_quote(std::string_view t) { return t == "\""; }

}  // namespace newsgraph::text
