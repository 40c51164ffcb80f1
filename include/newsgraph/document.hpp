// Articles: the unit of input, and how they are read from files, folders and stdin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph {

/// A half-open range [begin, end) of Unicode code points into an article's text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Span& a, const Span& b) { return a.begin == b.begin && a.end == b.end; }
  friend bool operator!=(const Span& a, const Span& b) { return !(a == b); }
  friend bool operator<(const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  }
};

/// One news article as given. `text` is valid UTF-8; every offset the library reports is in
/// code points into `text`. For a .txt file, `text` is the whole file (so offsets match the
/// file) and `title` repeats its first line when that line is followed by a blank line.
struct Article {
  std::string id;
  std::string text;
  std::string title;
  std::string url;
  std::string date;
  std::string source;
  std::string origin;  ///< where it came from, "path" or "path:line", for messages
};

/// Bad input: unreadable file, malformed JSON line, missing field, invalid UTF-8.
/// what() is one line that names the file and, where there is one, the line.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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

/// True when `s` is valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

/// Reads the articles named by `inputs`, in order:
///  - "x.txt": one article, id "x" (see Article);
///  - "x.jsonl": one article per non-blank line, "id" and "text" required strings,
///    "title", "url", "date", "source" optional strings;
///  - a folder: its .txt and .jsonl files, recursively, in sorted path order;
///  - "-": JSON Lines read from `stdin_text`'s source (std::cin).
/// When several .txt files share a stem, each of them takes its path (without extension,
/// relative to the folder given, or as given) as id, so ids stay unique and independent of order.
/// Throws InputError naming the file and line. Two JSON Lines articles with the same id are an error.
std::vector<Article> read_inputs(const std::vector<std::string>& inputs);

/// Parses JSON Lines text (used for .jsonl files and stdin). `origin` names the source in errors.
std::vector<Article> parse_jsonl(std::string_view text, const std::string& origin);

}  // namespace newsgraph
