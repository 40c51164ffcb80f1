// An exclusive lock that serializes the processes rewriting one file from its own content (as
// `build --into` does): a read-modify-write under the lock never loses another one's changes.
#pragma once

#include <functional>
#include <string>

#include "util/temporary_files.hpp"

namespace newsgraph {

/// Holds an exclusive flock(2) on the lock file ".<name>.lock" beside a file (its symbolic links
/// followed), created when taken and removed when released, also when the process is killed by a
/// signal that clean_temporaries_on_signals handles. A lock file left by a process killed
/// otherwise is harmless: the lock died with the process, and the next holder removes the file.
/// Only processes that take the lock are kept out: a plain `build -o FILE` does not.
class FileLock {
 public:
  /// Takes the lock of `path`. When another process holds it, calls `on_wait` once and waits as
  /// long as it takes. A device or pipe is not locked. Throws OutputError: "<path>: cannot write:
  /// <reason>" when `path` could not be written anyway (see write_files_atomically), "<path>:
  /// cannot lock: <reason>" when the lock file cannot be made or locked.
  static FileLock acquire(const std::string& path, const std::function<void()>& on_wait);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() { release(); }

  /// The lock file ("" when nothing is locked).
  const std::string& lock_path() const { return lock_path_; }

  /// Removes the lock file and releases the lock.
  void release() noexcept;

 private:
  FileLock() = default;

  std::string lock_path_;
  int fd_ = -1;
  temporary_files::Registration registration_;
};

}  // namespace newsgraph
