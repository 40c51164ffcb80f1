// Writing files safely: every file of a run is checked, written into a temporary file beside its
// target and renamed into place only when all are complete, so that a failure leaves no
// half-written file and every earlier file as it was.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/util/errors.hpp"

namespace newsgraph {

/// Writes `content_writer`'s output to `path` atomically (write_files_atomically with one file).
/// Throws OutputError, or the exception of the writer.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& content_writer);

/// A file to write: its path and what writes its content.
struct FileContent {
  std::string path;
  std::function<void(std::ostream&)> writer;
};

/// Writes several files that belong together, as one transaction:
/// 1. every target is checked before anything is written: its folder exists and may be written
///    to, and it is not a folder (nor a block device or a socket);
/// 2. each new content goes into a temporary file ".<name>.tmp-<pid>-<n>" beside its target
///    (flushed to disk); a target that is a symbolic link is followed, so the link stays and the
///    file it points to is replaced; a replaced file keeps its permission bits;
/// 3. a target that is a character device or a FIFO (/dev/null, a named pipe) is written in
///    place, never replaced, once every temporary file is complete;
/// 4. the temporary files are renamed over their targets in order, the old content of each kept
///    under a second name until all are in place; when a rename fails, those done are undone.
/// A failure at any step leaves every target as it was (a device or pipe may have received its
/// content) and no temporary file behind. Terminating signals are held back during step 4.
/// Temporary files left by a process that no longer runs (killed by SIGKILL or a crash) are
/// removed at the next write of their target. A crash (or power loss) during step 4 may leave
/// some targets new and the others old, each complete. Files named twice are written in order
/// (the last content wins). Throws OutputError "<path>: cannot write: <reason>" (for a full disk,
/// "No space left on device"; past `ulimit -f`, "File too large" once clean_temporaries_on_signals
/// ignores SIGXFSZ), or the exception of a writer.
void write_files_atomically(const std::vector<FileContent>& files);

/// Makes a process killed by SIGHUP, SIGINT, SIGQUIT, SIGTERM or SIGPIPE remove the temporary
/// files it is writing before it ends (then it ends by the same signal, as it would have), and
/// makes a write past the file size limit (SIGXFSZ) fail with "File too large" instead of ending
/// the process. Signals that are ignored or handled by the program are left alone. For programs
/// (the newsgraph command calls it first thing); idempotent.
void clean_temporaries_on_signals();

}  // namespace newsgraph
