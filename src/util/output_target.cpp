// Checking an output path before writing: see util/output_target.hpp.
#include "util/output_target.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <system_error>
#include <vector>

#include "newsgraph/util/errors.hpp"

namespace newsgraph::output_target {
namespace {

/// The most symbolic links followed for one path, as the kernel's own limit (ELOOP).
constexpr int kMaxLinks = 40;

/// The folder that holds `file`, as a path that can be opened ("." for "g.json").
std::string folder_of(const std::string& file) {
  const std::string prefix = folder_prefix(file);
  if (prefix.empty()) return ".";
  if (prefix == "/") return prefix;
  return prefix.substr(0, prefix.size() - 1);
}

/// The target of the symbolic link `link`. Throws OutputError naming `path`.
std::string read_link(const std::string& path, const std::string& link) {
  std::vector<char> buffer(PATH_MAX + 1);
  const ssize_t n = ::readlink(link.c_str(), buffer.data(), buffer.size());
  if (n < 0) fail(path, errno);
  if (static_cast<std::size_t>(n) >= buffer.size()) fail(path, ENAMETOOLONG);
  return std::string(buffer.data(), static_cast<std::size_t>(n));
}

/// `path` with its symbolic links followed: the file a rename must replace (which may not
/// exist yet, when a link dangles). A relative link is read from the link's folder.
std::string follow_links(const std::string& path) {
  std::string current = path;
  for (int depth = 0; depth <= kMaxLinks; ++depth) {
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0) {
      if (errno == ENOENT) return current;
      fail(path, errno);
    }
    if (!S_ISLNK(st.st_mode)) return current;
    const std::string target = read_link(path, current);
    current = !target.empty() && target[0] == '/' ? target : folder_prefix(current) + target;
  }
  fail(path, ELOOP);
}

}  // namespace

std::string error_line(const std::string& path, int err) {
  return path + ": cannot write: " + std::system_category().message(err);
}

void fail(const std::string& path, int err) { throw OutputError(error_line(path, err)); }

std::string folder_prefix(const std::string& file) {
  const std::size_t slash = file.rfind('/');
  return slash == std::string::npos ? std::string() : file.substr(0, slash + 1);
}

std::string base_name(const std::string& file) {
  const std::size_t slash = file.rfind('/');
  return slash == std::string::npos ? file : file.substr(slash + 1);
}

Target inspect_target(const std::string& path) {
  if (path.empty()) fail(path, ENOENT);
  Target target;
  target.path = path;
  target.file = path;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) fail(path, EISDIR);
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
      // Written where it is: a device or a pipe is never replaced by a regular file.
      if (::access(path.c_str(), W_OK) != 0) fail(path, errno);
      target.kind = TargetKind::InPlace;
      return target;
    }
    if (!S_ISREG(st.st_mode))
      throw OutputError(path + ": cannot write: not a regular file, a character device or a FIFO");
    target.kind = TargetKind::Regular;
    target.mode = st.st_mode & 0777;
  } else if (errno != ENOENT) {
    fail(path, errno);  // a file used as a folder, a folder that cannot be searched, a link loop
  }
  target.file = follow_links(path);
  // The temporary file is made in the target's folder, which must exist and be writable.
  const std::string folder = folder_of(target.file);
  struct stat dir {};
  if (::stat(folder.c_str(), &dir) != 0) fail(path, errno);
  if (!S_ISDIR(dir.st_mode)) fail(path, ENOTDIR);
  if (::access(folder.c_str(), W_OK | X_OK) != 0) fail(path, errno);
  if (base_name(target.file).empty()) fail(path, EISDIR);  // "out/": a folder's name
  return target;
}

}  // namespace newsgraph::output_target
