// Running a Graphviz program on DOT text: run_graphviz (render/render.hpp).
//
// Guarantees: the program is started without a shell (file names and labels never reach
// one), never left a zombie, and every failure becomes a one-line RenderError.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>
#include <system_error>

#include "newsgraph/render/render.hpp"
#include "newsgraph/util/utf8.hpp"

extern char** environ;

namespace newsgraph {
namespace {

/// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

/// The path of the executable `name` in `dir`, or else in the first folder of $PATH that
/// holds one; empty when there is none.
std::string find_program(const std::string& name, const std::string& dir) {
  const auto executable = [](const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
  };
  std::vector<std::string> dirs;
  if (!dir.empty()) {
    dirs.push_back(dir);
  } else {
    const char* path = std::getenv("PATH");
    std::string_view rest = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
      const std::size_t colon = rest.find(':');
      const std::string_view part = rest.substr(0, colon);
      dirs.emplace_back(part.empty() ? "." : std::string(part));  // an empty entry is the current folder
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  for (const std::string& d : dirs) {
    const std::string candidate = d + (d.back() == '/' ? "" : "/") + name;
    if (executable(candidate)) return candidate;
  }
  return {};
}

/// The first non-empty line of `text`, trimmed, at most 300 bytes (on a code point boundary).
std::string first_line(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos) continue;
    const std::size_t b = line.find_last_not_of(" \t\r");
    const std::string clean = valid_utf8(line.substr(a, b - a + 1));
    return std::string(utf8_prefix_bytes(clean, 300));
  }
  return {};
}

[[noreturn]] void system_failure(const std::string& program, const char* what, int err) {
  throw RenderError("Graphviz '" + program + "': " + what + ": " + std::system_category().message(err));
}

}  // namespace

std::string run_graphviz(const std::string& dot, Layout layout, ImageFormat format,
                         const std::string& graphviz_dir) {
  if (layout == Layout::Auto) layout = Layout::Dot;
  const std::string program(to_string(layout));
  const std::string path = find_program(program, graphviz_dir);
  if (path.empty()) throw RenderError("Graphviz '" + program + "' not found; install the graphviz package");

  // stdin is a socket, so that writing to a program that has already exited gives EPIPE
  // (send with MSG_NOSIGNAL) instead of a SIGPIPE that would end this process.
  int in_pair[2], out_pipe[2], err_pipe[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0)
    system_failure(program, "socketpair", errno);
  Fd in_parent(in_pair[0]), in_child(in_pair[1]);
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) system_failure(program, "pipe", errno);
  Fd out_parent(out_pipe[0]), out_child(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) system_failure(program, "pipe", errno);
  Fd err_parent(err_pipe[0]), err_child(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_child.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_child.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_child.get(), STDERR_FILENO);
  const std::string format_arg = "-T" + std::string(to_string(format));
  std::vector<char*> argv{const_cast<char*>(path.c_str()), const_cast<char*>(format_arg.c_str()), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) system_failure(program, "cannot start", spawned);
  in_child.reset();
  out_child.reset();
  err_child.reset();

  // Feed stdin and drain stdout and stderr at once, so that neither side blocks on a full pipe.
  std::string output, errors;
  std::size_t written = 0;
  if (dot.empty()) in_parent.reset();
  for (int fd : {in_parent.get(), out_parent.get(), err_parent.get()})
    if (fd >= 0) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  int io_error = 0;
  while (out_parent.get() >= 0 || err_parent.get() >= 0) {
    pollfd fds[3];
    nfds_t count = 0;
    for (int fd : {in_parent.get(), out_parent.get(), err_parent.get()})
      if (fd >= 0) fds[count++] = {fd, static_cast<short>(fd == in_parent.get() ? POLLOUT : POLLIN), 0};
    if (::poll(fds, count, -1) < 0) {
      if (errno == EINTR) continue;
      io_error = errno;
      break;
    }
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      const int fd = fds[i].fd;
      if (fd == in_parent.get()) {
        const ssize_t w = ::send(fd, dot.data() + written, dot.size() - written, MSG_NOSIGNAL);
        if (w > 0) written += static_cast<std::size_t>(w);
        // Done, or the program stopped reading (it will report why on stderr).
        if (written == dot.size() || (w < 0 && errno != EAGAIN && errno != EINTR)) in_parent.reset();
        continue;
      }
      char buf[1 << 16];
      const ssize_t r = ::read(fd, buf, sizeof buf);
      if (r > 0) {
        std::string& into = fd == out_parent.get() ? output : errors;
        // Keep only the start of stderr: the message wanted is its first line.
        if (&into == &output || into.size() < (1u << 16)) into.append(buf, static_cast<std::size_t>(r));
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (fd == out_parent.get())
          out_parent.reset();
        else
          err_parent.reset();
      }
    }
  }
  in_parent.reset();
  out_parent.reset();
  err_parent.reset();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) system_failure(program, "waitpid", errno);
  }
  if (io_error != 0) system_failure(program, "poll", io_error);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string why = first_line(errors);
    if (why.empty())
      why = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                              : "killed by signal " + std::to_string(WTERMSIG(status));
    throw RenderError("Graphviz '" + program + "' failed: " + why);
  }
  if (output.empty()) throw RenderError("Graphviz '" + program + "' wrote nothing");
  return output;
}

}  // namespace newsgraph
