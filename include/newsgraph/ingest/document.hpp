// Articles: the unit of input, and how they are read from files, folders and stdin.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/util/errors.hpp"
#include "newsgraph/util/utf8.hpp"
#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

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

/// The default of ReadOptions::max_article_bytes: 10 MB (10^6 bytes), a hundred times the
/// longest news article. Time and memory grow with an article's length (about 0.3 s and 22 MB
/// per MB of text, README "Limits"), so a longer input is most likely no article.
inline constexpr std::size_t kDefaultMaxArticleBytes = 10'000'000;

/// How inputs are read.
struct ReadOptions {
  /// The most bytes one article may take in its input: a .txt file's size, a JSON line's length
  /// (escapes included). A larger one is refused, before it is parsed, with an
  /// ArticleTooLongError naming it and the limit. 0: no limit but the 2^31 - 1 bytes any
  /// article text is held to.
  std::size_t max_article_bytes = kDefaultMaxArticleBytes;
};

/// An article over ReadOptions::max_article_bytes.
class ArticleTooLongError : public InputError {
 public:
  using InputError::InputError;
};

/// Reads the articles named by `inputs`, in order:
///  - "x.txt": one article, id "x" (see Article), whatever folder it is in;
///  - "x.jsonl": one article per non-blank line, "id" and "text" required strings,
///    "title", "url", "date", "source" optional strings;
///  - a folder: its .txt and .jsonl files, recursively, in sorted path order; a .txt file's id
///    is the folder's name joined with its path inside it, without the extension ("day1/"
///    holding "reuters.txt" and "sport/511.txt" gives "day1/reuters" and "day1/sport/511"), so
///    an id never depends on the other inputs and stays unique across folders of other names;
///  - "-": JSON Lines read from standard input.
/// Throws InputError naming the file and line. Two JSON Lines articles with the same id are an error.
std::vector<Article> read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options = {});

/// Parses JSON Lines text (used for .jsonl files and stdin). `origin` names the source in errors.
std::vector<Article> parse_jsonl(std::string_view text, const std::string& origin,
                                 const ReadOptions& options = {});

/// The article of a .txt file's content `bytes` (what read_inputs makes of a .txt file), with
/// id `id`; `origin` names it in errors and becomes Article::origin. Throws InputError for
/// invalid UTF-8 (naming the line) and for a text over 2^31 - 1 bytes.
Article parse_txt(std::string_view bytes, std::string id, const std::string& origin);

}  // namespace newsgraph
