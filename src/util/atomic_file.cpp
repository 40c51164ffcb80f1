// Writing files atomically: every target checked, the new contents in temporary files beside
// their targets, then all renamed into place or none (see newsgraph/util/atomic_file.hpp).
#include "newsgraph/util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <memory>
#include <set>
#include <streambuf>
#include <utility>

#include "util/atomic_commit.hpp"
#include "util/output_target.hpp"
#include "util/temporary_files.hpp"

namespace newsgraph {
namespace {

using output_target::fail;
using output_target::Target;
using output_target::TargetKind;

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

/// Writes `content_writer`'s output to the open descriptor `fd`. Throws OutputError naming
/// `path` with the errno of the first failed write (ENOSPC, EFBIG, EIO, ...), or the writer's own
/// exception unchanged.
void write_content(int fd, const std::string& path,
                   const std::function<void(std::ostream&)>& content_writer) {
  FdStreamBuf buf(fd);
  std::ostream out(&buf);
  content_writer(out);
  out.flush();
  if (buf.error() != 0) fail(path, buf.error());
  if (!out) fail(path, EIO);
}

/// Whether a failed link() means that the file system has no hard links for this file (rather
/// than a failure that a rename would meet as well).
bool hard_links_unsupported(int err) {
  return err == EPERM || err == EOPNOTSUPP || err == ENOTSUP || err == ENOSYS || err == EMLINK ||
         err == EXDEV;
}

/// One file of write_files_atomically: a checked target, then its new content (in a temporary
/// file, or written in place for a device or pipe), then committed with the old content kept
/// aside until the whole run is committed. The destructor removes a temporary file that was not
/// renamed.
class PendingFile {
 public:
  explicit PendingFile(Target target) : target_(std::move(target)) {}
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile() { discard(); }

  bool in_place() const { return target_.kind == TargetKind::InPlace; }

  /// Writes the content: into a fresh temporary file beside the target (flushed to disk and
  /// closed), or into the device or pipe itself. Throws OutputError (or the writer's own
  /// exception), leaving no temporary file behind.
  void write(const std::function<void(std::ostream&)>& content_writer) {
    if (in_place()) {
      fd_ = ::open(target_.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (fd_ < 0) fail(target_.path, errno);
      write_content(fd_, target_.path, content_writer);
    } else {
      create_temporary();
      write_content(fd_, target_.path, content_writer);
      if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) abandon(errno);
    }
    const int fd_to_close = fd_;
    fd_ = -1;
    if (::close(fd_to_close) != 0) abandon(errno);
  }

  /// Renames the temporary file into place, the old file kept aside (see BackupMethod). Throws
  /// OutputError, leaving the target as it was.
  void commit(BackupMethod method) {
    if (in_place()) return;
    keep_old_content(method);
    if (::rename(tmp_.c_str(), target_.file.c_str()) != 0) {
      const int err = errno;
      // The target is as it was: a second name is dropped, a file moved aside moved back.
      if (!backup_.empty() && (backup_is_link_ ? ::unlink(backup_.c_str()) == 0
                                               : ::rename(backup_.c_str(), target_.file.c_str()) == 0))
        backup_.clear();
      if (!backup_.empty())
        throw OutputError(output_target::error_line(target_.path, err) + "; " + backup_note());
      fail(target_.path, err);
    }
    created_ = false;
    registration_.release();
    committed_ = true;
  }

  /// Undoes commit: the old content back under its name, or the new file removed when there was
  /// none. Returns "" or, when the old content cannot be put back, a note saying where it is.
  std::string roll_back() noexcept {
    if (!committed_) return "";
    committed_ = false;
    if (backup_.empty()) {
      ::unlink(target_.file.c_str());
      return "";
    }
    if (::rename(backup_.c_str(), target_.file.c_str()) != 0) return backup_note();
    backup_.clear();
    return "";
  }

  /// Drops the old content kept aside: the whole run is committed.
  void finish() noexcept {
    if (!backup_.empty()) ::unlink(backup_.c_str());
    backup_.clear();
  }

  const Target& target() const { return target_; }

 private:
  void create_temporary() {
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
      tmp_ = temporary_files::temporary_name(target_.file);
      // Registered before it exists, so that a signal right after its creation removes it.
      registration_ = temporary_files::Registration(tmp_);
      fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) {
        const int err = errno;
        registration_.release();
        fail(target_.path, err);
      }
    }
    if (fd_ < 0) {
      registration_.release();
      fail(target_.path, EEXIST);
    }
    created_ = true;
    // The replacement keeps the permissions of the file it replaces (best effort).
    if (target_.kind == TargetKind::Regular) (void)::fchmod(fd_, target_.mode);
  }

  /// Gives the current file (if any) a second name, backup_, by `method`.
  void keep_old_content(BackupMethod method) {
    // What is there now, which may have changed since the check: a folder made meanwhile is
    // refused, never moved aside.
    struct stat st {};
    if (::lstat(target_.file.c_str(), &st) != 0) {
      if (errno == ENOENT) return;  // no file yet: nothing to keep
      fail(target_.path, errno);
    }
    if (S_ISDIR(st.st_mode)) fail(target_.path, EISDIR);
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string backup = temporary_files::backup_name(target_.file);
      int rc = -1;
      if (method == BackupMethod::HardLink) {
        rc = ::link(target_.file.c_str(), backup.c_str());
        if (rc != 0 && hard_links_unsupported(errno)) method = BackupMethod::Rename;
      }
      if (method == BackupMethod::Rename) rc = ::rename(target_.file.c_str(), backup.c_str());
      if (rc == 0) {
        backup_ = std::move(backup);
        backup_is_link_ = method == BackupMethod::HardLink;
        return;
      }
      if (errno == ENOENT) return;  // no file yet: nothing to keep
      if (errno != EEXIST) fail(target_.path, errno);
    }
    fail(target_.path, EEXIST);
  }

  std::string backup_note() const { return "the old content of " + target_.path + " is in " + backup_; }

  [[noreturn]] void abandon(int err) {
    discard();
    fail(target_.path, err);
  }

  /// Closes the file and removes the temporary file unless it was renamed.
  void discard() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (created_) ::unlink(tmp_.c_str());
    created_ = false;
    registration_.release();
  }

  Target target_;
  std::string tmp_;
  temporary_files::Registration registration_;
  int fd_ = -1;
  bool created_ = false;         ///< tmp_ exists and is ours
  std::string backup_;           ///< the old content's other name while committing; "" when none
  bool backup_is_link_ = false;  ///< backup_ is a second name of the target, not the moved file
  bool committed_ = false;       ///< renamed into place, not yet finished
};

/// Checks `path` as an output; the leftovers of killed runs beside it are removed first.
Target check_target(const std::string& path) {
  Target target = output_target::inspect_target(path);
  // A kept old content put back changes what the target is.
  if (target.kind != TargetKind::InPlace && temporary_files::remove_stale(target.file))
    target = output_target::inspect_target(path);
  return target;
}

/// Flushes the folders of the renamed files to disk, so that the renames survive a power loss
/// (best effort: not every file system can).
void sync_folders(const std::vector<std::unique_ptr<PendingFile>>& pending) {
  std::set<std::string> folders;
  for (const auto& p : pending)
    if (!p->in_place()) folders.insert(output_target::folder_prefix(p->target().file));
  for (const std::string& folder : folders) {
    const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) continue;
    (void)::fsync(fd);
    ::close(fd);
  }
}

/// Renames every temporary file into place, in order, terminating signals held back meanwhile.
/// On a failure, undoes the renames already done in reverse order and throws.
void commit_all(const std::vector<std::unique_ptr<PendingFile>>& pending, BackupMethod method) {
  const temporary_files::SignalDeferral deferral;
  std::size_t done = 0;
  try {
    for (; done < pending.size(); ++done) pending[done]->commit(method);
  } catch (const std::exception& e) {
    std::string notes;
    for (std::size_t i = done; i-- > 0;) {
      const std::string note = pending[i]->roll_back();
      if (!note.empty()) notes += "; " + note;
    }
    if (notes.empty()) throw;
    throw OutputError(e.what() + notes);
  }
  for (const auto& p : pending) p->finish();
  sync_folders(pending);
}

}  // namespace

void write_files_atomically(const std::vector<FileContent>& files, BackupMethod method) {
  std::vector<std::unique_ptr<PendingFile>> pending;
  pending.reserve(files.size());
  // 1. Every target checked before anything is written.
  for (const FileContent& f : files) pending.push_back(std::make_unique<PendingFile>(check_target(f.path)));
  // 2. The new contents, complete on disk in temporary files; on any failure the destructors
  //    remove them and no target has changed.
  for (std::size_t i = 0; i < files.size(); ++i)
    if (!pending[i]->in_place()) pending[i]->write(files[i].writer);
  // 3. Devices and pipes, which cannot be written aside, once every other content is complete.
  for (std::size_t i = 0; i < files.size(); ++i)
    if (pending[i]->in_place()) pending[i]->write(files[i].writer);
  // 4. All renamed into place, or none.
  commit_all(pending, method);
}

void write_files_atomically(const std::vector<FileContent>& files) {
  write_files_atomically(files, BackupMethod::HardLink);
}

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& content_writer) {
  write_files_atomically({{path, content_writer}});
}

}  // namespace newsgraph
