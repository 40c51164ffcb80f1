// The temporary files of atomic writes: their names, their removal when the process is killed
// by a signal (clean_temporaries_on_signals in newsgraph/util/atomic_file.hpp), and the removal
// of those a killed process left behind (remove_stale).
//
// A temporary file is named ".<name>.tmp-<pid>-<n>" beside its target <name>; the old content of
// a target being replaced is kept as ".<name>.old-<pid>-<n>" while a run commits its files.
#pragma once

#include <string>

namespace newsgraph::temporary_files {

/// ".<name>.tmp-<pid>-<n>" beside `file`, with this process's pid and a fresh n.
std::string temporary_name(const std::string& file);

/// ".<name>.old-<pid>-<n>" beside `file`, with this process's pid and a fresh n.
std::string backup_name(const std::string& file);

/// Removes what processes that no longer run left beside `file`: their temporary files, and their
/// kept old contents (".old-"), which are put back as `file` when `file` is missing (a process
/// killed between moving the old file aside and renaming the new one in) and removed otherwise.
/// Our own pid's leftovers (from an earlier process with the same pid) count as stale unless
/// registered. Best effort: what cannot be read or removed stays. Returns true when it put an
/// old content back as `file`.
bool remove_stale(const std::string& file);

/// A path removed by the signal handler of clean_temporaries_on_signals while registered: a
/// temporary file being written, or a lock file being held. Registering copies the path into
/// memory the handler reads without locks or allocation.
class Registration {
 public:
  Registration() = default;
  /// Registers `path` (paths of PATH_MAX bytes or more cannot be created, and are not
  /// registered).
  explicit Registration(const std::string& path);
  Registration(Registration&& other) noexcept;
  Registration& operator=(Registration&& other) noexcept;
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;
  ~Registration() { release(); }

  /// Unregisters the path (it is no longer removed on a signal).
  void release() noexcept;

 private:
  void* slot_ = nullptr;
};

/// While alive, a terminating signal caught by clean_temporaries_on_signals' handler is held
/// back: the renames of a run's commit are all done (or all undone) before the process ends.
/// The last one destroyed re-raises a signal held back.
class SignalDeferral {
 public:
  SignalDeferral();
  ~SignalDeferral();
  SignalDeferral(const SignalDeferral&) = delete;
  SignalDeferral& operator=(const SignalDeferral&) = delete;
};

/// Installs the handler (see clean_temporaries_on_signals); idempotent.
void install_signal_cleanup();

}  // namespace newsgraph::temporary_files
