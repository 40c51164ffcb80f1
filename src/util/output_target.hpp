// What an output path names before anything is written to it: a file to create or replace (its
// symbolic links followed), or a character device or FIFO that is written in place. Used by
// write_files_atomically (util/atomic_file.cpp) to check every target of a run before writing
// any, and by FileLock (util/file_lock.hpp) to find the file a lock protects.
#pragma once

#include <sys/types.h>

#include <string>

namespace newsgraph::output_target {

/// How an output is written.
enum class TargetKind {
  New,      ///< no file yet: created by renaming a temporary file into place
  Regular,  ///< an existing regular file: replaced by renaming a temporary file over it
  InPlace,  ///< a character device or FIFO (/dev/null, a named pipe): opened and written directly
};

/// One output path, checked.
struct Target {
  std::string path;  ///< as it was named (what error messages name)
  /// The file that is created or replaced: `path` with every symbolic link followed, so that a
  /// link stays a link and the file it points to gets the content. `path` itself when InPlace.
  std::string file;
  TargetKind kind = TargetKind::New;
  mode_t mode = 0;  ///< the permission bits of the Regular file, kept by its replacement
};

/// Checks `path` as an output and says how to write it: a Regular file or a New one must lie in
/// an existing folder that this process may write to; a directory, a block device, a socket, a
/// path through a missing folder or a loop of symbolic links is refused. Touches nothing.
/// Throws OutputError "<path>: cannot write: <reason>".
Target inspect_target(const std::string& path);

/// The folder part of `file` with its trailing '/' ("out/" for "out/g.json", "" for "g.json").
std::string folder_prefix(const std::string& file);

/// The last component of `file` ("g.json" for "out/g.json").
std::string base_name(const std::string& file);

/// "<path>: cannot write: <strerror(err)>".
std::string error_line(const std::string& path, int err);

/// Throws OutputError(error_line(path, err)).
[[noreturn]] void fail(const std::string& path, int err);

}  // namespace newsgraph::output_target
