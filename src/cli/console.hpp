// What the command writes besides its results: its exit codes, one-line errors and warnings
// on stderr, and the end of stdout.
#pragma once

#include <stdexcept>
#include <string>

namespace newsgraph::cli {

constexpr int kExitSuccess = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

/// A command line that parses but cannot be carried out as given (train-ner's --domain without
/// --templates 3). Reported like a CLI11 parse error, with exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `what` on one line: line breaks and other control characters become spaces, so an error
/// is always exactly one line of stderr.
std::string one_line(const std::string& what);

/// One line "newsgraph: warning: ..." on stderr, unless quiet.
void warn(bool quiet, const std::string& what);

/// Flushes stdout and reports a failed write (a closed pipe, a full disk) as an OutputError.
void finish_stdout();

/// "newsgraph: error: <what>" and a pointer to --help on stderr; returns kExitUsage.
int report_usage_error(const std::string& what);

/// "newsgraph: error: <what>" on stderr; returns kExitFailure.
int report_failure(const std::string& what);

}  // namespace newsgraph::cli
