// Writing files safely: into a temporary file beside the target, renamed over it only when
// complete, so a failure never leaves a half-written file.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/util/errors.hpp"

namespace newsgraph {

/// Writes `content_writer`'s output to `path` atomically: into a temporary file beside it,
/// then renamed over it, so a failure never leaves a half-written file. Throws OutputError.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& content_writer);

/// A file to write: its path and what writes its content.
struct FileContent {
  std::string path;
  std::function<void(std::ostream&)> writer;
};

/// Writes several files that belong together: each into a temporary file beside it, and only
/// when all are complete, renames them over their targets in order. A failure while writing
/// leaves every target as it was and no temporary file behind. Throws OutputError, or the
/// exception of a writer.
void write_files_atomically(const std::vector<FileContent>& files);

}  // namespace newsgraph
