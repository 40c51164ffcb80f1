// The outputs of a run as one transaction (write_files_atomically): checked before anything is
// written, all committed or none, devices and pipes written in place, symbolic links kept,
// temporary files removed on signals and after a SIGKILL, and the lock of --into.
#include "newsgraph/util/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "util/atomic_commit.hpp"
#include "util/file_lock.hpp"
#include "util/temporary_files.hpp"

namespace fs = std::filesystem;
using newsgraph::BackupMethod;
using newsgraph::FileContent;
using newsgraph::OutputError;

namespace {

/// A fresh folder under the system temp folder, removed with everything in it.
struct Scratch {
  std::string path;
  Scratch() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/newsgraph-atomic-test-XXXXXX";
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  std::string operator/(const std::string& name) const { return path + "/" + name; }

  /// The names in the folder (hidden ones included).
  std::set<std::string> entries() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.insert(e.path().filename().string());
    return out;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void put(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::function<void(std::ostream&)> text(const std::string& content) {
  return [content](std::ostream& os) { os << content; };
}

/// Runs `child` in a forked process (which ends with _exit(0) when it returns); returns its pid.
/// The child writes one byte into the returned pipe's `ready` when `child` calls `signal_ready`.
struct Child {
  pid_t pid = -1;
  int ready = -1;  ///< read end: one byte when the child is where the test wants it
};

Child fork_child(const std::function<void(int ready_fd)>& child) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    // Catch2 handles the terminating signals; the child gets the defaults a program starts with.
    for (const int sig : {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGXFSZ}) ::signal(sig, SIG_DFL);
    try {
      child(fds[1]);
    } catch (...) {
      ::_exit(3);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

/// Waits for the child's ready byte; false when it ended without sending one.
bool wait_ready(const Child& c) {
  char byte = 0;
  const bool ok = ::read(c.ready, &byte, 1) == 1;
  ::close(c.ready);
  return ok;
}

int wait_status(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

/// A writer that writes `bytes` bytes, tells the parent it is mid-write, then blocks forever.
std::function<void(std::ostream&)> stuck_writer(int ready_fd, std::size_t bytes) {
  return [ready_fd, bytes](std::ostream& os) {
    os << std::string(bytes, 'n');
    os.flush();
    (void)::write(ready_fd, "r", 1);
    for (;;) ::pause();
  };
}

bool has_temporary(const Scratch& dir) {
  for (const std::string& name : dir.entries())
    if (name.find(".tmp-") != std::string::npos || name.find(".old-") != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a run that fails after its first output leaves every earlier file intact", "[util][atomic]") {
  Scratch dir;
  const std::string keep = dir / "keep.json";
  const std::string other = dir / "other.dot";
  put(keep, "old keep");
  put(other, "old other");

  SECTION("the second target is a folder: refused before anything is written") {
    REQUIRE(fs::create_directory(dir / "taken.dot"));
    bool wrote = false;
    CHECK_THROWS_WITH(newsgraph::write_files_atomically({{keep,
                                                          [&](std::ostream& os) {
                                                            os << "new";
                                                            wrote = true;
                                                          }},
                                                         {dir / "taken.dot", text("x")}}),
                      Catch::Contains("taken.dot: cannot write: Is a directory"));
    CHECK_FALSE(wrote);  // checked before any writer ran
    CHECK(slurp(keep) == "old keep");
  }
  SECTION("the second target's folder is missing") {
    CHECK_THROWS_WITH(
        newsgraph::write_files_atomically({{keep, text("new")}, {dir / "nodir/m.jsonl", text("x")}}),
        dir / "nodir/m.jsonl" + ": cannot write: No such file or directory");
    CHECK(slurp(keep) == "old keep");
  }
  for (const BackupMethod method : {BackupMethod::HardLink, BackupMethod::Rename}) {
    DYNAMIC_SECTION("the third rename fails after two are done; backup method " << static_cast<int>(method)) {
      // The third target is new when checked; its writer makes it a folder, so that its rename
      // fails after keep.json and other.dot are already renamed into place.
      const std::string third = dir / "third.svg";
      CHECK_THROWS_WITH(newsgraph::write_files_atomically({{keep, text("new keep")},
                                                           {other, text("new other")},
                                                           {third,
                                                            [&](std::ostream& os) {
                                                              os << "svg";
                                                              fs::create_directory(third);
                                                              put(third + "/inside", "x");
                                                            }}},
                                                          method),
                        Catch::Contains("third.svg: cannot write: "));
      CHECK(slurp(keep) == "old keep");
      CHECK(slurp(other) == "old other");
      CHECK(dir.entries() == std::set<std::string>{"keep.json", "other.dot", "third.svg"});
    }
    DYNAMIC_SECTION("all written: all replaced, nothing else left; backup method "
                    << static_cast<int>(method)) {
      newsgraph::write_files_atomically(
          {{keep, text("new keep")}, {other, text("new other")}, {dir / "n", text("n")}}, method);
      CHECK(slurp(keep) == "new keep");
      CHECK(slurp(other) == "new other");
      CHECK(dir.entries() == std::set<std::string>{"keep.json", "n", "other.dot"});
    }
  }
  SECTION("a file named twice gets the last content, and a failure restores the first") {
    newsgraph::write_files_atomically({{keep, text("first")}, {keep, text("second")}});
    CHECK(slurp(keep) == "second");
    CHECK_THROWS_AS(newsgraph::write_files_atomically({{keep, text("a")},
                                                       {keep, text("b")},
                                                       {dir / "bad",
                                                        [&](std::ostream& os) {
                                                          os << "x";
                                                          fs::create_directory(dir / "bad");
                                                          put(dir / "bad/inside", "x");
                                                        }}}),
                    OutputError);
    CHECK(slurp(keep) == "second");
  }
}

TEST_CASE("a replaced file keeps its permission bits", "[util][atomic]") {
  Scratch dir;
  const std::string path = dir / "private.json";
  put(path, "old");
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  newsgraph::write_file_atomically(path, text("new"));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(slurp(path) == "new");
}

TEST_CASE("a symbolic link output stays a link; the file it points to gets the content", "[util][atomic]") {
  Scratch dir;
  REQUIRE(fs::create_directory(dir / "real"));
  put(dir / "real/graph.json", "old");
  fs::create_symlink("real/graph.json", dir / "link.json");
  newsgraph::write_file_atomically(dir / "link.json", text("new"));
  CHECK(fs::is_symlink(dir / "link.json"));
  CHECK(slurp(dir / "real/graph.json") == "new");
  CHECK(dir.entries() == std::set<std::string>{"link.json", "real"});

  // A link to a link, and a dangling link: the final file is created.
  fs::create_symlink("link.json", dir / "link2.json");
  newsgraph::write_file_atomically(dir / "link2.json", text("newer"));
  CHECK(slurp(dir / "real/graph.json") == "newer");
  fs::create_symlink("real/created.json", dir / "dangling.json");
  newsgraph::write_file_atomically(dir / "dangling.json", text("made"));
  CHECK(fs::is_symlink(dir / "dangling.json"));
  CHECK(slurp(dir / "real/created.json") == "made");

  // A loop of links is refused.
  fs::create_symlink("loop-b", dir / "loop-a");
  fs::create_symlink("loop-a", dir / "loop-b");
  CHECK_THROWS_WITH(newsgraph::write_file_atomically(dir / "loop-a", text("x")),
                    Catch::Contains("Too many levels of symbolic links"));
}

TEST_CASE("devices and FIFOs are written in place, never replaced", "[util][atomic]") {
  Scratch dir;
  SECTION("a FIFO with a reader gets the content and stays a FIFO") {
    const std::string fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string got;
    std::thread reader([&] { got = slurp(fifo); });
    newsgraph::write_files_atomically({{dir / "file.json", text("file")}, {fifo, text("through the pipe")}});
    reader.join();
    CHECK(got == "through the pipe");
    CHECK(fs::is_fifo(fifo));
    CHECK(slurp(dir / "file.json") == "file");
  }
  SECTION("a null device (mknod, as root) stays a character device") {
    const std::string null = dir / "null";
    if (::mknod(null.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
      WARN("mknod not permitted (" << std::strerror(errno) << "): the device check is skipped");
      return;
    }
    newsgraph::write_files_atomically({{null, text("discarded")}, {null, text("twice")}});
    CHECK(fs::is_character_file(null));
    CHECK(dir.entries() == std::set<std::string>{"null"});
  }
  SECTION("a full device gives 'No space left on device'") {
    if (::access("/dev/full", W_OK) != 0) return;
    CHECK_THROWS_WITH(newsgraph::write_file_atomically("/dev/full", text(std::string(100000, 'x'))),
                      "/dev/full: cannot write: No space left on device");
    CHECK(fs::is_character_file("/dev/full"));
  }
}

TEST_CASE("a file size limit is a clear error and leaves the old file", "[util][atomic]") {
  Scratch dir;
  const std::string path = dir / "big.json";
  put(path, "old");
  const Child c = fork_child([&](int ready) {
    newsgraph::clean_temporaries_on_signals();  // SIGXFSZ ignored: the write fails with EFBIG
    const rlimit limit{16384, 16384};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(4);
    try {
      newsgraph::write_file_atomically(path, text(std::string(100000, 'x')));
    } catch (const OutputError& e) {
      const std::string what = e.what();
      if (what == path + ": cannot write: File too large") (void)::write(ready, "r", 1);
    }
  });
  CHECK(wait_ready(c));
  const int status = wait_status(c.pid);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  CHECK(slurp(path) == "old");
  CHECK(dir.entries() == std::set<std::string>{"big.json"});
}

TEST_CASE("a run killed mid-write leaves the old file; the next write removes its temporary file",
          "[util][atomic][signals]") {
  Scratch dir;
  const std::string path = dir / "graph.json";
  put(path, "old");
  const Child c =
      fork_child([&](int ready) { newsgraph::write_file_atomically(path, stuck_writer(ready, 300000)); });
  REQUIRE(wait_ready(c));
  CHECK(has_temporary(dir));  // half written
  ::kill(c.pid, SIGKILL);
  const int status = wait_status(c.pid);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  CHECK(slurp(path) == "old");
  CHECK(has_temporary(dir));  // SIGKILL cannot be caught

  // A temporary file of a process that still runs (this one's parent) is left alone.
  const std::string live = dir / (".graph.json.tmp-" + std::to_string(::getppid()) + "-7");
  put(live, "someone else's");
  newsgraph::write_file_atomically(path, text("new"));
  CHECK(slurp(path) == "new");
  CHECK(dir.entries() == std::set<std::string>{"graph.json", live.substr(dir.path.size() + 1)});
}

TEST_CASE("an old content kept aside by a killed run is put back when its file is missing",
          "[util][atomic]") {
  Scratch dir;
  // A pid that no longer runs: a child that has ended and been waited for.
  const Child c = fork_child([](int) {});
  wait_status(c.pid);
  ::close(c.ready);
  const std::string pid = std::to_string(c.pid);
  put(dir / (".a.json.old-" + pid + "-3"), "old a");  // a.json missing: killed between renames
  put(dir / "b.json", "new b");
  put(dir / (".b.json.old-" + pid + "-4"), "old b");  // b.json in place: the run got further
  CHECK(newsgraph::temporary_files::remove_stale(dir / "a.json"));
  CHECK_FALSE(newsgraph::temporary_files::remove_stale(dir / "b.json"));
  CHECK(slurp(dir / "a.json") == "old a");
  CHECK(slurp(dir / "b.json") == "new b");
  CHECK(dir.entries() == std::set<std::string>{"a.json", "b.json"});
}

TEST_CASE("SIGTERM mid-write leaves no temporary file and the old file", "[util][atomic][signals]") {
  Scratch dir;
  const std::string path = dir / "graph.json";
  put(path, "old");
  const Child c = fork_child([&](int ready) {
    newsgraph::clean_temporaries_on_signals();
    newsgraph::write_files_atomically(
        {{dir / "first.json", text("complete")}, {path, stuck_writer(ready, 300000)}});
  });
  REQUIRE(wait_ready(c));
  CHECK(has_temporary(dir));
  ::kill(c.pid, SIGTERM);
  const int status = wait_status(c.pid);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM));
  CHECK(slurp(path) == "old");
  CHECK(dir.entries() == std::set<std::string>{"graph.json"});
}

TEST_CASE("a terminating signal during a commit waits for the commit to end", "[util][atomic][signals]") {
  const Child c = fork_child([](int ready) {
    newsgraph::clean_temporaries_on_signals();
    {
      const newsgraph::temporary_files::SignalDeferral deferral;
      ::raise(SIGTERM);
      (void)::write(ready, "r", 1);  // still running: the signal is held back
    }
    ::_exit(0);  // not reached: the deferral's end re-raises SIGTERM
  });
  CHECK(wait_ready(c));
  const int status = wait_status(c.pid);
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM));
}

TEST_CASE("FileLock keeps a second holder waiting and removes its lock file", "[util][lock]") {
  Scratch dir;
  const std::string graph = dir / "g.json";
  {
    bool waited = false;
    auto lock = newsgraph::FileLock::acquire(graph, [&] { waited = true; });
    CHECK_FALSE(waited);
    CHECK(lock.lock_path() == dir / ".g.json.lock");
    CHECK(fs::exists(lock.lock_path()));
  }
  CHECK(dir.entries().empty());

  // A child holds the lock until told to release it; this process, told it has to wait,
  // tells the child, then gets the lock.
  int release[2];
  REQUIRE(::pipe(release) == 0);
  const Child c = fork_child([&](int ready) {
    ::close(release[1]);
    auto held = newsgraph::FileLock::acquire(graph, {});
    (void)::write(ready, "h", 1);
    char byte = 0;
    (void)::read(release[0], &byte, 1);
  });
  ::close(release[0]);
  REQUIRE(wait_ready(c));
  bool waited = false;
  {
    auto lock = newsgraph::FileLock::acquire(graph, [&] {
      waited = true;
      (void)::write(release[1], "r", 1);
    });
    CHECK(waited);
    CHECK(fs::exists(lock.lock_path()));
  }
  ::close(release[1]);
  const int status = wait_status(c.pid);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  CHECK(dir.entries().empty());

  CHECK_THROWS_WITH(newsgraph::FileLock::acquire(dir / "nodir/g.json", {}),
                    dir / "nodir/g.json" + ": cannot write: No such file or directory");
}
