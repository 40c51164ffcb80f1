// What the fuzz targets share: the input as a string_view, the check that stops a run with a
// finding when a guarantee is broken, and the text checks the guarantees are stated in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "newsgraph/util/utf8.hpp"

namespace newsgraph::fuzz {

/// The fuzzer's input as bytes.
inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Aborts, which libFuzzer reports as a crash with the input that caused it, when `ok` is false.
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "newsgraph fuzz: guarantee broken: %s\n", what);
  std::abort();
}

/// Whether `s` is valid UTF-8 holding only characters XML 1.0 allows (TAB, LF, CR and every
/// code point from U+0020 but U+FFFE and U+FFFF; surrogates cannot occur in valid UTF-8).
inline bool xml_chars_only(std::string_view s) {
  if (!is_valid_utf8(s)) return false;
  for (std::size_t pos = 0; pos < s.size();) {
    const char32_t cp = next_code_point(s, pos);
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') return false;
    if (cp == 0xFFFE || cp == 0xFFFF) return false;
  }
  return true;
}

}  // namespace newsgraph::fuzz
