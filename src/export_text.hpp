// Text handling shared by the exporters: UTF-8 decoding that never fails, and RapidJSON
// output that only ever sees valid UTF-8. Internal to the library.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace newsgraph::export_detail {

/// The replacement character, stood in for every malformed UTF-8 sequence.
inline constexpr char32_t kReplacement = 0xFFFD;

/// Decodes the code point at byte `pos` of `s` and moves `pos` past it. A malformed,
/// overlong, surrogate or out-of-range sequence yields U+FFFD and consumes exactly one byte,
/// so every byte of `s` is visited and `pos` always advances. Requires pos < s.size().
char32_t next_code_point(std::string_view s, std::size_t& pos);

/// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

/// `s` with every malformed sequence replaced by U+FFFD: always valid UTF-8, and equal to
/// `s` when `s` already was.
std::string valid_utf8(std::string_view s);

/// The longest prefix of valid-UTF-8 `s` with at most `max_bytes` bytes that ends on a
/// code point boundary.
std::string_view utf8_prefix_bytes(std::string_view s, std::size_t max_bytes);

/// Largest string length handed to RapidJSON: its lengths are 32-bit and it reserves six
/// output bytes per input byte, so longer strings are cut (on a code point boundary).
inline constexpr std::size_t kMaxJsonString = 0x0FFFFFFF;

/// Writes `s` as a JSON string through any RapidJSON writer, after making it valid UTF-8.
/// RapidJSON then escapes quotes, backslashes and every control character below U+0020.
template <class Writer>
void json_string(Writer& w, std::string_view s) {
  const std::string clean = valid_utf8(s);
  const std::string_view v = utf8_prefix_bytes(clean, kMaxJsonString);
  w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

/// Same, as an object key.
template <class Writer>
void json_key(Writer& w, std::string_view s) {
  const std::string clean = valid_utf8(s);
  const std::string_view v = utf8_prefix_bytes(clean, kMaxJsonString);
  w.Key(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

template <class Writer>
void json_uint(Writer& w, std::size_t n) {
  w.Uint64(static_cast<std::uint64_t>(n));
}

/// Moves what a RapidJSON writer has buffered so far to `out`, so memory stays bounded
/// however large the graph.
inline void drain(rapidjson::StringBuffer& buf, std::ostream& out) {
  out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
  buf.Clear();
}

}  // namespace newsgraph::export_detail
