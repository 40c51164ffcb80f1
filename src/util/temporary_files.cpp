// The temporary files of atomic writes: see util/temporary_files.hpp.
#include "util/temporary_files.hpp"

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include "newsgraph/util/atomic_file.hpp"
#include "util/output_target.hpp"
#include "util/strings.hpp"

namespace newsgraph::temporary_files {
namespace {

// ---- The registry the signal handler reads ----
//
// Slots live in chunks that are never freed, linked by atomic pointers, so the handler can walk
// them without locks or allocation. A slot's state is 0 (free) or 2 (registered); the path is
// written before the state becomes 2. Registering, releasing and looking up take `registry_mutex`
// (never taken by the handler).

constexpr std::size_t kSlotBytes = PATH_MAX;
constexpr std::size_t kChunkSlots = 16;
constexpr int kFree = 0;
constexpr int kRegistered = 2;

struct Slot {
  std::atomic<int> state{kFree};
  char path[kSlotBytes] = {};
};

struct Chunk {
  Slot slots[kChunkSlots];
  std::atomic<Chunk*> next{nullptr};
};

Chunk first_chunk;
std::mutex registry_mutex;

/// A free slot holding `path`, now registered; nullptr when the path is too long to be created.
Slot* register_path(const std::string& path) {
  if (path.size() >= kSlotBytes) return nullptr;
  const std::lock_guard<std::mutex> lock(registry_mutex);
  Chunk* chunk = &first_chunk;
  for (;;) {
    for (Slot& slot : chunk->slots) {
      if (slot.state.load() != kFree) continue;
      std::memcpy(slot.path, path.c_str(), path.size() + 1);
      slot.state.store(kRegistered);
      return &slot;
    }
    Chunk* next = chunk->next.load();
    if (next == nullptr) {
      next = new Chunk();  // never freed: the handler may walk it at any time
      chunk->next.store(next);
    }
    chunk = next;
  }
}

bool is_registered(const std::string& path) {
  const std::lock_guard<std::mutex> lock(registry_mutex);
  for (const Chunk* chunk = &first_chunk; chunk != nullptr; chunk = chunk->next.load())
    for (const Slot& slot : chunk->slots)
      if (slot.state.load() == kRegistered && path == slot.path) return true;
  return false;
}

// ---- The signal handler ----

/// Deferrals alive (SignalDeferral), and the signal the handler held back (0: none).
std::atomic<int> deferrals{0};
std::atomic<int> held_back{0};

/// The signals that end a process by default and that a user or a system sends to stop a run.
constexpr int kCleanedSignals[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE};

/// Unlinks every registered path, then ends the process with `sig` as its default action would.
/// Uses only async-signal-safe calls (unlink, sigaction, raise) and lock-free atomics.
void on_terminating_signal(int sig) {
  const int saved_errno = errno;
  held_back.store(sig);
  if (deferrals.load() == 0) {
    for (Chunk* chunk = &first_chunk; chunk != nullptr; chunk = chunk->next.load())
      for (Slot& slot : chunk->slots)
        if (slot.state.load() == kRegistered) ::unlink(slot.path);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ::sigaction(sig, &dfl, nullptr);
    ::raise(sig);  // delivered when the handler returns: the process ends
  }
  errno = saved_errno;
}

// ---- Names ----

std::atomic<unsigned long> name_counter{0};

std::string name_beside(const std::string& file, const char* kind) {
  return output_target::folder_prefix(file) + "." + output_target::base_name(file) + kind +
         std::to_string(static_cast<long>(::getpid())) + "-" + std::to_string(name_counter.fetch_add(1));
}

/// The pid of a leftover named "<pid>-<n>" (the part after ".tmp-" or ".old-"); 0 when the
/// rest does not have that form.
pid_t pid_of(const std::string& rest) {
  const std::size_t dash = rest.find('-');
  if (dash == 0 || dash == std::string::npos || dash + 1 == rest.size() || dash > 9) return 0;
  for (std::size_t i = 0; i < rest.size(); ++i)
    if (i != dash && (rest[i] < '0' || rest[i] > '9')) return 0;
  const long pid = std::stol(rest.substr(0, dash));
  return pid > 0 && pid <= INT_MAX ? static_cast<pid_t>(pid) : 0;
}

/// Whether the process `pid` that made the leftover `path` no longer runs. Our own pid's
/// temporary files are ours only while registered; our own kept old contents may belong to a
/// commit in progress in another thread, and are left alone.
bool is_stale(pid_t pid, const std::string& path, bool old_content) {
  if (pid == ::getpid()) return !old_content && !is_registered(path);
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

std::string temporary_name(const std::string& file) { return name_beside(file, ".tmp-"); }

std::string backup_name(const std::string& file) { return name_beside(file, ".old-"); }

bool remove_stale(const std::string& file) {
  const std::string prefix = output_target::folder_prefix(file);
  const std::string base = output_target::base_name(file);
  const std::string tmp_start = "." + base + ".tmp-";
  const std::string old_start = "." + base + ".old-";
  std::vector<std::pair<std::string, bool>> leftovers;  // name, is an old content
  DIR* dir = ::opendir(prefix.empty() ? "." : prefix.c_str());
  if (dir == nullptr) return false;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (strings::starts_with(name, tmp_start) && pid_of(name.substr(tmp_start.size())) != 0)
      leftovers.emplace_back(name, false);
    else if (strings::starts_with(name, old_start) && pid_of(name.substr(old_start.size())) != 0)
      leftovers.emplace_back(name, true);
  }
  ::closedir(dir);

  bool restored = false;
  for (const auto& [name, old_content] : leftovers) {
    const std::string path = prefix + name;
    const pid_t pid = pid_of(name.substr((old_content ? old_start : tmp_start).size()));
    if (!is_stale(pid, path, old_content)) continue;
    struct stat st {};
    if (old_content && ::lstat(file.c_str(), &st) != 0 && errno == ENOENT) {
      if (::rename(path.c_str(), file.c_str()) == 0) restored = true;
    } else {
      ::unlink(path.c_str());
    }
  }
  return restored;
}

Registration::Registration(const std::string& path) : slot_(register_path(path)) {}

Registration::Registration(Registration&& other) noexcept : slot_(std::exchange(other.slot_, nullptr)) {}

Registration& Registration::operator=(Registration&& other) noexcept {
  if (this != &other) {
    release();
    slot_ = std::exchange(other.slot_, nullptr);
  }
  return *this;
}

void Registration::release() noexcept {
  if (slot_ == nullptr) return;
  const std::lock_guard<std::mutex> lock(registry_mutex);
  static_cast<Slot*>(slot_)->state.store(kFree);
  slot_ = nullptr;
}

SignalDeferral::SignalDeferral() { deferrals.fetch_add(1); }

SignalDeferral::~SignalDeferral() {
  if (deferrals.fetch_sub(1) == 1) {
    const int sig = held_back.exchange(0);
    if (sig != 0) ::raise(sig);
  }
}

void install_signal_cleanup() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (const int sig : kCleanedSignals) {
      struct sigaction old {};
      // A signal ignored (nohup) or handled by the program stays as it is.
      if (::sigaction(sig, nullptr, &old) != 0 || (old.sa_flags & SA_SIGINFO) != 0 ||
          old.sa_handler != SIG_DFL)
        continue;
      struct sigaction handler {};
      handler.sa_handler = on_terminating_signal;
      sigemptyset(&handler.sa_mask);
      handler.sa_flags = SA_RESTART;
      ::sigaction(sig, &handler, nullptr);
    }
    // Past a file size limit (ulimit -f) a write fails with EFBIG, reported like a full disk,
    // instead of SIGXFSZ ending the process and leaving its temporary files.
    struct sigaction old {};
    if (::sigaction(SIGXFSZ, nullptr, &old) == 0 && (old.sa_flags & SA_SIGINFO) == 0 &&
        old.sa_handler == SIG_DFL)
      ::signal(SIGXFSZ, SIG_IGN);
  });
}

}  // namespace newsgraph::temporary_files

namespace newsgraph {

void clean_temporaries_on_signals() { temporary_files::install_signal_cleanup(); }

}  // namespace newsgraph
