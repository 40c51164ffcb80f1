// The lock of a file rewritten from its own content: see util/file_lock.hpp.
#include "util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

#include "newsgraph/util/errors.hpp"
#include "util/output_target.hpp"

namespace newsgraph {
namespace {

[[noreturn]] void fail_lock(const std::string& path, int err) {
  throw OutputError(path + ": cannot lock: " + std::system_category().message(err));
}

}  // namespace

FileLock FileLock::acquire(const std::string& path, const std::function<void()>& on_wait) {
  // A file that could not be written is refused as the write would refuse it.
  const output_target::Target target = output_target::inspect_target(path);
  FileLock lock;
  if (target.kind == output_target::TargetKind::InPlace) return lock;
  const std::string lock_path =
      output_target::folder_prefix(target.file) + "." + output_target::base_name(target.file) + ".lock";
  bool waited = false;
  // The lock file may be removed by its holder between our open and our flock: the lock is ours
  // only when the file we locked is still the one under the name.
  for (;;) {
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) fail_lock(path, errno);
    int rc = ::flock(fd, LOCK_EX | LOCK_NB);
    if (rc != 0 && errno == EWOULDBLOCK) {
      if (!waited && on_wait) on_wait();
      waited = true;
      do {
        rc = ::flock(fd, LOCK_EX);
      } while (rc != 0 && errno == EINTR);
    }
    if (rc != 0) {
      const int err = errno;
      ::close(fd);
      fail_lock(path, err);
    }
    struct stat held {};
    struct stat named {};
    if (::fstat(fd, &held) == 0 && ::stat(lock_path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
        held.st_ino == named.st_ino) {
      lock.registration_ = temporary_files::Registration(lock_path);
      lock.lock_path_ = lock_path;
      lock.fd_ = fd;
      return lock;
    }
    ::close(fd);
  }
}

FileLock::FileLock(FileLock&& other) noexcept
    : lock_path_(std::move(other.lock_path_)),
      fd_(std::exchange(other.fd_, -1)),
      registration_(std::move(other.registration_)) {
  other.lock_path_.clear();
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    release();
    lock_path_ = std::move(other.lock_path_);
    other.lock_path_.clear();
    fd_ = std::exchange(other.fd_, -1);
    registration_ = std::move(other.registration_);
  }
  return *this;
}

void FileLock::release() noexcept {
  if (fd_ < 0) return;
  registration_.release();
  // Removed while still held, so that a waiter that locks the removed file tries again.
  ::unlink(lock_path_.c_str());
  ::close(fd_);
  fd_ = -1;
  lock_path_.clear();
}

}  // namespace newsgraph
