// Reading articles: .txt files, JSON Lines files, folders of them and stdin.
//
// Conventions this file guarantees beyond the header:
//  - A .txt file that starts with a UTF-8 byte order mark loses it: `text` starts after the
//    BOM and every offset counts from there. A .jsonl file (or stdin) may start with a BOM too;
//    it is ignored.
//  - Line breaks are kept as given (CRLF stays CRLF), so offsets match the file after the BOM.
//  - A blank line is empty or holds only white space (Unicode White_Space). The title is the
//    first line without surrounding white space (so without a CR).
//  - All ids, from .txt and JSON Lines alike, share one namespace: any id seen twice is an
//    error naming both places, e.g. the same folder given twice.
//  - Folder contents are ordered by std::filesystem::path comparison of the path relative to
//    the folder, i.e. component by component ("a/x.txt" < "a-b.txt" < "b.txt"), which does not
//    depend on the order the file system lists entries in.
//  - A .txt file given directly has its stem as id ("news/story.txt" -> "story"); a .txt file
//    found in a folder has the folder's name joined with its path inside the folder
//    ("day1/" holding "reuters.txt" and "sport/511.txt" -> "day1/reuters", "day1/sport/511";
//    the folder's name is the last component of its absolute path, so "./day1" and
//    "/data/day1" name it "day1" too). An id thus never depends on the other inputs, and the
//    same file names in two days' folders stay apart.
//  - JSON Lines: "id" must be a non-empty string or a number (a number becomes its decimal
//    text: 42 -> "42", 1.5 -> "1.5"); "title", "url", "date", "source" may be absent, null or a
//    string. Every string taken from JSON must be valid UTF-8 after unescaping.
//  - An empty .jsonl file or empty stdin gives no articles (not an error); a folder without any
//    .txt or .jsonl file is an error.
//  - Article texts are limited to 2^31 - 1 bytes (an error beyond), which keeps every offset
//    in the 32 bits Utf8Index stores; ReadOptions::max_article_bytes limits them further, on
//    the size of a .txt file (checked before it is read, when the file system tells it) and on
//    the length of a JSON line (checked before it is parsed).

#include "newsgraph/ingest/document.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace newsgraph {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxTextBytes = static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// True when valid UTF-8 `s` holds only Unicode White_Space code points (or nothing).
bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!u_isUWhiteSpace(static_cast<UChar32>(next_code_point(s, i)))) return false;
  return true;
}

/// Valid UTF-8 `s` without leading and trailing White_Space code points.
std::string_view trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t next = begin;
    if (!u_isUWhiteSpace(static_cast<UChar32>(next_code_point(s, next)))) break;
    begin = next;
  }
  std::size_t end = s.size();
  while (end > begin) {
    std::size_t prev = end;
    if (!u_isUWhiteSpace(static_cast<UChar32>(prev_code_point(s, prev)))) break;
    end = prev;
  }
  return s.substr(begin, end - begin);
}

/// Throws ArticleTooLongError when an input of `bytes` bytes, named `where`, is over the limit.
void check_article_size(std::size_t bytes, const ReadOptions& options, const std::string& where) {
  if (options.max_article_bytes == 0 || bytes <= options.max_article_bytes) return;
  char size[32], limit[32];
  std::snprintf(size, sizeof size, "%.3g", static_cast<double>(bytes) / 1e6);
  std::snprintf(limit, sizeof limit, "%g", static_cast<double>(options.max_article_bytes) / 1e6);
  throw ArticleTooLongError(where + ": the article takes " + size + " MB, over the limit of " + limit +
                            " MB per article");
}

/// 1-based line number of byte offset `pos` in `text`.
std::size_t line_of(std::string_view text, std::size_t pos) {
  return 1 + static_cast<std::size_t>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

/// The whole content of a file, read at once. Throws InputError naming `shown`.
std::string read_file(const fs::path& path, const std::string& shown) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(shown + ": cannot open file (" + std::strerror(errno) + ")");
  std::string data;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size > 0) {
    data.resize(static_cast<std::size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(data.data(), size);
    data.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw InputError(shown + ": read error");
    // A file that grew while being read (or reports no size) is read to its end.
    if (in) {
      std::ostringstream rest;
      rest << in.rdbuf();
      data += rest.str();
    }
  } else {
    in.clear();
    in.seekg(0, std::ios::beg);
    std::ostringstream all;
    all << in.rdbuf();
    data = all.str();
  }
  return data;
}

std::string_view strip_bom(std::string_view s) {
  if (s.substr(0, kBom.size()) == kBom) s.remove_prefix(kBom.size());
  return s;
}

/// Ids seen so far, with the origin of their first article, shared across all inputs.
using IdRegistry = std::unordered_map<std::string, std::string>;

void register_id(IdRegistry& ids, const std::string& id, const std::string& origin) {
  auto [it, inserted] = ids.try_emplace(id, origin);
  if (!inserted)
    throw InputError(origin + ": duplicate article id \"" + id + "\" (first at " + it->second + ")");
}

/// Decimal text of a JSON number: integers exactly, other numbers in shortest round-trip form.
std::string number_text(const rapidjson::Value& v) {
  if (v.IsUint64()) return std::to_string(v.GetUint64());
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v.GetDouble());
  return std::string(buf, res.ptr);
}

/// Reads an optional string member into `out`: absent and null leave it empty.
void optional_string(const rapidjson::Value& obj, const char* key, std::string& out,
                     const std::string& where) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return;
  if (!it->value.IsString()) throw InputError(where + ": \"" + key + "\" must be a string");
  out.assign(it->value.GetString(), it->value.GetStringLength());
  if (!is_valid_utf8(out)) throw InputError(where + ": invalid UTF-8");
}

void parse_jsonl_into(std::string_view text, const std::string& origin, const ReadOptions& options,
                      std::vector<Article>& out, IdRegistry& ids) {
  text = strip_bom(text);
  // One pool for all lines, emptied after each: memory stays bounded by the longest line.
  std::vector<char> pool_buffer(64 * 1024);
  rapidjson::MemoryPoolAllocator<> pool(pool_buffer.data(), pool_buffer.size());
  rapidjson::Document doc(&pool);
  std::size_t pos = 0;
  std::size_t line_no = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (line.empty()) continue;
    const std::string where = origin + ":" + std::to_string(line_no);
    check_article_size(line.size(), options, where);
    if (first_invalid_utf8(line) != line.size()) throw InputError(where + ": invalid UTF-8");
    if (is_blank(line)) continue;

    // Iterative: nesting depth costs heap, not stack (a line of 150,000 '[' is an error, not a
    // stack overflow).
    doc.Parse<rapidjson::kParseIterativeFlag>(line.data(), line.size());
    if (doc.HasParseError()) {
      const std::size_t offset = std::min(doc.GetErrorOffset(), line.size());
      const std::size_t column = count_code_points(line.substr(0, offset)) + 1;
      throw InputError(where + ": invalid JSON: " + rapidjson::GetParseError_En(doc.GetParseError()) +
                       " at column " + std::to_string(column));
    }
    if (!doc.IsObject()) throw InputError(where + ": expected a JSON object");

    Article a;
    auto id = doc.FindMember("id");
    if (id == doc.MemberEnd()) throw InputError(where + ": missing \"id\"");
    if (id->value.IsString()) {
      a.id.assign(id->value.GetString(), id->value.GetStringLength());
      if (!is_valid_utf8(a.id)) throw InputError(where + ": invalid UTF-8");
    } else if (id->value.IsNumber()) {
      a.id = number_text(id->value);
    } else {
      throw InputError(where + ": \"id\" must be a string");
    }
    if (a.id.empty()) throw InputError(where + ": \"id\" must not be empty");

    auto txt = doc.FindMember("text");
    if (txt == doc.MemberEnd()) throw InputError(where + ": missing \"text\"");
    if (!txt->value.IsString()) throw InputError(where + ": \"text\" must be a string");
    if (txt->value.GetStringLength() > kMaxTextBytes) throw InputError(where + ": \"text\" is too long");
    a.text.assign(txt->value.GetString(), txt->value.GetStringLength());
    if (!is_valid_utf8(a.text)) throw InputError(where + ": invalid UTF-8");

    optional_string(doc, "title", a.title, where);
    optional_string(doc, "url", a.url, where);
    optional_string(doc, "date", a.date, where);
    optional_string(doc, "source", a.source, where);

    doc.SetNull();
    pool.Clear();
    register_id(ids, a.id, where);
    a.origin = where;
    out.push_back(std::move(a));
  }
}

/// One file to read, found while expanding the inputs.
struct Source {
  enum class Kind { Txt, Jsonl, Stdin } kind;
  fs::path path;      ///< file to open
  std::string shown;  ///< path as shown in messages and origins
  std::string id;     ///< .txt only: the article id, the path as given without its extension
};

bool is_txt(const fs::path& p) { return p.extension() == ".txt"; }
bool is_jsonl(const fs::path& p) { return p.extension() == ".jsonl"; }

/// The generic path of `p` without its extension: "a/b/x.txt" -> "a/b/x".
std::string without_extension(const fs::path& p) {
  fs::path q = p;
  q.replace_extension();
  return q.generic_string();
}

/// The name of folder `root`: the last component of its absolute path ("day1" for "day1/",
/// "./day1" or "/data/day1"; the current folder's name for "."); empty for "/".
fs::path folder_name(const fs::path& root) {
  std::error_code ec;
  fs::path abs = fs::absolute(root, ec).lexically_normal();
  if (ec) abs = root.lexically_normal();
  if (!abs.has_filename()) abs = abs.parent_path();
  return abs.has_relative_path() ? abs.filename() : fs::path();
}

void expand_folder(const std::string& input, std::vector<Source>& sources) {
  const fs::path root(input);
  std::vector<fs::path> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, ec), end;
  if (ec) throw InputError(input + ": cannot read folder (" + ec.message() + ")");
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (!is_txt(p) && !is_jsonl(p)) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;  // folders named x.txt, sockets, broken links
    found.push_back(p.lexically_relative(root));
  }
  if (ec) throw InputError(input + ": cannot read folder (" + ec.message() + ")");
  if (found.empty()) throw InputError(input + ": no .txt or .jsonl files");
  std::sort(found.begin(), found.end());
  const fs::path name = folder_name(root);
  for (const fs::path& rel : found) {
    const fs::path full = root / rel;
    Source s{is_txt(rel) ? Source::Kind::Txt : Source::Kind::Jsonl, full, full.generic_string(),
             without_extension(name / rel)};
    sources.push_back(std::move(s));
  }
}

std::vector<Source> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<Source> sources;
  for (const std::string& input : inputs) {
    if (input == "-") {
      sources.push_back({Source::Kind::Stdin, {}, "<stdin>", {}});
      continue;
    }
    if (input.empty()) throw InputError("\"\": no such file or directory");
    const fs::path p(input);
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (!fs::exists(st)) throw InputError(input + ": no such file or directory");
    if (fs::is_directory(st)) {
      expand_folder(input, sources);
    } else if (is_txt(p)) {
      sources.push_back({Source::Kind::Txt, p, input, p.stem().generic_string()});
    } else if (is_jsonl(p)) {
      sources.push_back({Source::Kind::Jsonl, p, input, {}});
    } else {
      throw InputError(input + ": unsupported input (expected .txt, .jsonl, a folder or -)");
    }
  }
  return sources;
}

/// The article of a .txt file's content `data` (see parse_txt); takes `data` over, so that a
/// large file is not copied when it has no byte order mark.
Article txt_article(std::string data, std::string id, const std::string& origin) {
  const std::string_view body = strip_bom(data);
  if (body.size() > kMaxTextBytes) throw InputError(origin + ": file is too long");
  const std::size_t bad = first_invalid_utf8(body);
  if (bad != body.size())
    throw InputError(origin + ":" + std::to_string(line_of(body, bad)) + ": invalid UTF-8");

  Article a;
  a.id = std::move(id);
  a.origin = origin;
  const std::size_t eol = body.find('\n');
  if (eol != std::string_view::npos) {
    const std::string_view rest = body.substr(eol + 1);
    if (!rest.empty()) {
      const std::string_view second = rest.substr(0, rest.find('\n'));
      if (is_blank(second)) a.title = std::string(trim(body.substr(0, eol)));
    }
  }
  if (body.size() == data.size()) {
    a.text = std::move(data);
  } else {
    a.text.assign(body.data(), body.size());
  }
  return a;
}

Article read_txt(const Source& src, std::string id, const ReadOptions& options) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(src.path, ec);
  if (!ec) check_article_size(static_cast<std::size_t>(size), options, src.shown);
  std::string data = read_file(src.path, src.shown);
  check_article_size(data.size(), options, src.shown);
  return txt_article(std::move(data), std::move(id), src.shown);
}

/// All of standard input. Throws InputError when it cannot be read: closed ("<&-"), a folder
/// ("< dir"), or a read error, rather than reading it as empty.
std::string read_stdin() {
  std::string all;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n > 0) {
      all.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      return all;
    } else if (errno != EINTR) {
      const int err = errno;
      if (err == EBADF) throw InputError("<stdin>: standard input is closed");
      throw InputError("<stdin>: cannot read standard input (" + std::system_category().message(err) + ")");
    }
  }
}

}  // namespace

std::vector<Article> parse_jsonl(std::string_view text, const std::string& origin,
                                 const ReadOptions& options) {
  std::vector<Article> out;
  IdRegistry ids;
  parse_jsonl_into(text, origin, options, out, ids);
  return out;
}

Article parse_txt(std::string_view bytes, std::string id, const std::string& origin) {
  return txt_article(std::string(bytes), std::move(id), origin);
}

std::vector<Article> read_inputs(const std::vector<std::string>& inputs, const ReadOptions& options) {
  const std::vector<Source> sources = expand_inputs(inputs);

  std::vector<Article> articles;
  IdRegistry ids;
  for (const Source& s : sources) {
    switch (s.kind) {
      case Source::Kind::Txt: {
        if (!is_valid_utf8(s.id)) throw InputError(s.shown + ": file name is not valid UTF-8");
        Article a = read_txt(s, s.id, options);
        register_id(ids, a.id, a.origin);
        articles.push_back(std::move(a));
        break;
      }
      case Source::Kind::Jsonl: {
        const std::string data = read_file(s.path, s.shown);
        parse_jsonl_into(data, s.shown, options, articles, ids);
        break;
      }
      case Source::Kind::Stdin: {
        const std::string data = read_stdin();
        parse_jsonl_into(data, s.shown, options, articles, ids);
        break;
      }
    }
  }
  return articles;
}

}  // namespace newsgraph
