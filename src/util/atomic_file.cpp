// Writing files atomically: temporary files beside their targets, renamed when complete.
#include "newsgraph/util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <memory>
#include <streambuf>
#include <system_error>

namespace newsgraph {
namespace {

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
