// Code point offsets, as the library reports them, mapped to byte offsets of UTF-8 text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// Maps code point offsets to byte offsets in a UTF-8 string. Built once per article.
/// Throws InputError (without location; the caller adds it) when the text is not valid UTF-8.
class Utf8Index {
 public:
  Utf8Index() = default;
  explicit Utf8Index(std::string_view utf8);
  /// Number of code points.
  std::size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  /// Byte offset of code point `cp` (cp == size() gives the byte length).
  std::size_t byte(std::size_t cp) const { return offsets_[cp]; }
  /// The UTF-8 bytes of code points [begin, end).
  std::string_view slice(std::string_view utf8, Span s) const {
    return utf8.substr(offsets_[s.begin], offsets_[s.end] - offsets_[s.begin]);
  }

 private:
  std::vector<std::uint32_t> offsets_;
};

}  // namespace newsgraph
