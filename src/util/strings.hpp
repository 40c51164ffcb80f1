// Small string helpers shared by every stage: ASCII case, trimming, splitting and joining.
// Internal to the library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsgraph::strings {

/// ASCII lower case; every other byte is kept (so UTF-8 stays valid).
std::string ascii_lower(std::string_view s);
/// ASCII upper case; every other byte is kept (so UTF-8 stays valid).
std::string ascii_upper(std::string_view s);
/// True when `s` has no ASCII capital and no byte past ASCII.
bool is_lower_ascii(std::string_view s);
/// True when every byte of `s` is ASCII.
bool is_ascii(std::string_view s);
/// `s` without leading and trailing ASCII spaces, tabs, CRs and LFs.
std::string_view trim(std::string_view s);
/// The pieces of `s` between the separators, empty ones included ("a,,b" -> "a", "", "b").
std::vector<std::string_view> split(std::string_view s, char sep);
/// The words of `s` between runs of ASCII whitespace (space, TAB, LF, CR, FF, VT); no empty ones.
std::vector<std::string_view> split_whitespace(std::string_view s);
/// `parts` with `sep` between every two.
std::string join(const std::vector<std::string>& parts, std::string_view sep);
inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}
inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace newsgraph::strings
