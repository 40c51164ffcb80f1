// The errors every stage may report about the data it was given or the files it writes. Each
// what() is one line that names the file (and the line, where there is one).
#pragma once

#include <stdexcept>

namespace newsgraph {

/// Bad input: unreadable file, malformed JSON line, missing field, invalid UTF-8.
/// what() is one line that names the file and, where there is one, the line.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An output file could not be written; what() names it.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace newsgraph
