// Output formats, dispatch to the exporters, atomic file writing, and the UTF-8 helpers the
// exporters share.
#include "newsgraph/export.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <memory>
#include <streambuf>
#include <system_error>

#include "export_text.hpp"
#include "newsgraph/export_cypher.hpp"
#include "newsgraph/export_dot.hpp"
#include "newsgraph/export_graphml.hpp"
#include "newsgraph/export_html.hpp"
#include "newsgraph/export_json.hpp"
#include "newsgraph/export_jsonld.hpp"

namespace newsgraph {

namespace export_detail {

char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++pos;
    return kReplacement;
  }
  if (pos + len > s.size()) {
    ++pos;
    return kReplacement;
  }
  for (std::size_t i = 1; i < len; ++i) {
    const unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacement;
  }
  pos += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(s, pos);
    if (cp == kReplacement && pos - start == 1)
      append_utf8(out, cp);
    else
      out.append(s.substr(start, pos - start));
  }
  return out;
}

std::string_view utf8_prefix_bytes(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

std::string markup_text(std::string_view s, const MarkupRules& rules) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = next_code_point(s, pos);
    MarkupControl as = MarkupControl::Keep;
    switch (cp) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\'':
        out += rules.apostrophe;
        continue;
      case '\t':
      case '\n':
        as = rules.tab_lf;
        break;
      case '\r':
        as = rules.cr;
        break;
      default:
        if (cp < 0x20)
          as = rules.other_c0;
        else if (cp >= 0x7F && cp <= 0x9F)
          as = rules.del_c1;
        else if ((cp == 0xFFFE || cp == 0xFFFF) && rules.drop_noncharacters)
          as = MarkupControl::Drop;
    }
    switch (as) {
      case MarkupControl::Keep:
        append_utf8(out, cp);
        break;
      case MarkupControl::Space:
        out += ' ';
        break;
      case MarkupControl::Reference:
        out += "&#" + std::to_string(static_cast<unsigned>(cp)) + ";";
        break;
      case MarkupControl::Drop:
        break;
    }
  }
  return out;
}

}  // namespace export_detail

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// A stream buffer over a file descriptor that remembers the errno of the first failed
/// write, so the caller can report the real cause (ENOSPC, EIO, ...).
class FdStreamBuf final : public std::streambuf {
 public:
  explicit FdStreamBuf(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  FdStreamBuf(const FdStreamBuf&) = delete;
  FdStreamBuf& operator=(const FdStreamBuf&) = delete;

  /// errno of the first failed write, 0 when every write succeeded.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!flush_buffer()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }

  int sync() override { return flush_buffer() ? 0 : -1; }

  std::streamsize xsputn(const char* s, std::streamsize n) override {
    // Large blocks bypass the buffer; small ones are collected.
    if (n >= static_cast<std::streamsize>(buffer_.size())) {
      if (!flush_buffer() || !write_all(s, static_cast<std::size_t>(n))) return 0;
      return n;
    }
    return std::streambuf::xsputn(s, n);
  }

 private:
  bool flush_buffer() {
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    const bool ok = write_all(pbase(), n);
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok;
  }

  bool write_all(const char* data, std::size_t n) {
    if (error_ != 0) return false;
    while (n > 0) {
      const ssize_t w = ::write(fd_, data, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      data += w;
      n -= static_cast<std::size_t>(w);
    }
    return true;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

std::string error_text(int err) { return std::system_category().message(err); }

[[noreturn]] void fail(const std::string& path, int err) {
  throw OutputError(path + ": cannot write: " + error_text(err));
}

/// A fresh temporary name beside `path`: ".<name>.tmp-<pid>-<n>" in the same directory, so
/// the final rename never crosses file systems.
std::string temp_name(const std::string& path, unsigned long n) {
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return dir + "." + base + ".tmp-" + std::to_string(static_cast<long>(::getpid())) + "-" + std::to_string(n);
}

std::atomic<unsigned long> temp_counter{0};

}  // namespace

namespace export_detail {

std::string lower_extension(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return ascii_lower(name.substr(dot + 1));
}

}  // namespace export_detail

std::optional<Format> format_from_extension(const std::string& path) {
  const std::string ext = export_detail::lower_extension(path);
  if (ext == "dot" || ext == "gv") return Format::Dot;
  if (ext == "graphml") return Format::GraphML;
  if (ext == "jsonld") return Format::JsonLd;
  if (ext == "json") return Format::Json;
  if (ext == "html" || ext == "htm") return Format::Html;
  if (ext == "cypher") {
    // "graph.kuzu.cypher": the Kùzu dialect; a name that is just "kuzu.cypher" is not.
    const std::string_view stem = std::string_view(path).substr(0, path.size() - ext.size() - 1);
    return export_detail::lower_extension(stem) == "kuzu" ? Format::KuzuCypher : Format::Cypher;
  }
  return std::nullopt;
}

std::optional<Format> format_from_name(const std::string& name) {
  const std::string n = ascii_lower(name);
  if (n == "dot" || n == "gv") return Format::Dot;
  if (n == "graphml") return Format::GraphML;
  if (n == "jsonld" || n == "json-ld") return Format::JsonLd;
  if (n == "json") return Format::Json;
  if (n == "html") return Format::Html;
  if (n == "cypher") return Format::Cypher;
  if (n == "kuzu") return Format::KuzuCypher;
  return std::nullopt;
}

void write_graph(std::ostream& out, const Graph& g, Format format,
                 const std::vector<ArticleResult>* sources) {
  switch (format) {
    case Format::Dot:
      write_dot(out, g);
      return;
    case Format::GraphML:
      write_graphml(out, g);
      return;
    case Format::JsonLd:
      write_jsonld(out, g);
      return;
    case Format::Json:
      write_json(out, g, sources);
      return;
    case Format::Html:
      write_html(out, g);
      return;
    case Format::Cypher:
      write_cypher(out, g, CypherDialect::Neo4j);
      return;
    case Format::KuzuCypher:
      write_cypher(out, g, CypherDialect::Kuzu);
      return;
  }
}

namespace {

/// One file of write_files_atomically: written into its temporary file, not yet renamed.
class PendingFile {
 public:
  explicit PendingFile(std::string path) : path_(std::move(path)) {}
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile() { discard(); }

  /// Writes the content into a fresh temporary file beside the target, then flushes and
  /// closes it. Throws OutputError (or the writer's own exception), leaving nothing behind.
  void write(const std::function<void(std::ostream&)>& content_writer) {
    if (path_.empty()) fail(path_, ENOENT);
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
      tmp_ = temp_name(path_, temp_counter.fetch_add(1));
      fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) fail(path_, errno);
    }
    if (fd_ < 0) fail(path_, EEXIST);
    created_ = true;
    {
      FdStreamBuf buf(fd_);
      std::ostream out(&buf);
      // A writer's own exception (not an I/O failure) propagates unchanged, after cleanup.
      content_writer(out);
      out.flush();
      if (buf.error() != 0) abandon(buf.error());
      if (!out) abandon(EIO);
    }
    if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) abandon(errno);
    const int fd_to_close = fd_;
    fd_ = -1;
    if (::close(fd_to_close) != 0) abandon(errno);
  }

  /// Renames the written temporary file over the target. Throws OutputError.
  void commit() {
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) abandon(errno);
    created_ = false;
  }

  /// Removes the temporary file unless it was renamed.
  void discard() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (created_) ::unlink(tmp_.c_str());
    created_ = false;
  }

 private:
  [[noreturn]] void abandon(int err) {
    discard();
    fail(path_, err);
  }

  std::string path_;
  std::string tmp_;
  int fd_ = -1;
  bool created_ = false;
};

}  // namespace

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& content_writer) {
  write_files_atomically({{path, content_writer}});
}

void write_files_atomically(const std::vector<FileContent>& files) {
  std::vector<std::unique_ptr<PendingFile>> pending;
  // Every file is complete on disk before the first rename; on any failure the destructors
  // remove the temporary files that were not renamed.
  for (const FileContent& f : files) {
    pending.push_back(std::make_unique<PendingFile>(f.path));
    pending.back()->write(f.writer);
  }
  for (const auto& p : pending) p->commit();
}

}  // namespace newsgraph
