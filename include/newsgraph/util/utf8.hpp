// UTF-8: the one decoder, encoder and validator every stage uses. Offsets are in bytes here;
// the library reports code points (see text/utf8_index.hpp for the mapping).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsgraph {

/// The replacement character, stood in for every malformed UTF-8 sequence.
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// Length of the valid UTF-8 sequence that starts at byte `i` of `s` (1 to 4), or 0 when the
/// bytes there are not one: a stray continuation byte, a truncated sequence, an overlong form,
/// a surrogate or a code point past U+10FFFF. Requires i < s.size().
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// Byte offset of the first invalid UTF-8 sequence in `s`, or s.size() when `s` is valid.
std::size_t first_invalid_utf8(std::string_view s);

/// True when `s` is valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

/// Decodes the code point at byte `pos` of `s` and moves `pos` past it. A malformed sequence
/// yields U+FFFD and consumes exactly one byte, so every byte of `s` is visited and `pos`
/// always advances. Requires pos < s.size().
char32_t next_code_point(std::string_view s, std::size_t& pos);

/// Decodes the code point that ends at byte `pos` of valid UTF-8 `s` and moves `pos` back to its
/// first byte. Requires 0 < pos <= s.size() and `s` valid UTF-8 up to `pos`.
char32_t prev_code_point(std::string_view s, std::size_t& pos);

/// The first code point of `s`; 0 when `s` is empty or starts with a malformed sequence.
char32_t first_code_point(std::string_view s);

/// Writes the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF) to
/// `out`, which must have room for 4 bytes, and returns its length (1 to 4).
std::size_t encode_utf8(char32_t cp, char* out);

/// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

/// `s` with every malformed sequence replaced by U+FFFD: always valid UTF-8, and equal to `s`
/// when `s` already was.
std::string valid_utf8(std::string_view s);

/// The longest prefix of valid-UTF-8 `s` with at most `max_bytes` bytes that ends on a code
/// point boundary.
std::string_view utf8_prefix_bytes(std::string_view s, std::size_t max_bytes);

/// Number of code points in valid UTF-8 `s` (the bytes that do not continue a sequence).
std::size_t count_code_points(std::string_view s);

}  // namespace newsgraph
