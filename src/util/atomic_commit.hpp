// How write_files_atomically (newsgraph/util/atomic_file.hpp) keeps the old content of a file it
// replaces while it commits a run's files, so that a failure can put every file back. Internal:
// the tests choose the method to check both.
#pragma once

#include <vector>

#include "newsgraph/util/atomic_file.hpp"

namespace newsgraph {

/// Where the old content of a replaced file is kept until every file of the run is in place.
enum class BackupMethod {
  /// A second name for the old file (link), so that its name never stops holding a complete file;
  /// on a file system without hard links, Rename.
  HardLink,
  /// The old file renamed aside before the new one is renamed in (a crash between the two renames
  /// leaves no file under the name, until the next write of it puts the old one back).
  Rename,
};

/// write_files_atomically with the given backup method.
void write_files_atomically(const std::vector<FileContent>& files, BackupMethod method);

}  // namespace newsgraph
