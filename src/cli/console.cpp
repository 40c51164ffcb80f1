#include "cli/console.hpp"

#include <iostream>

#include "newsgraph/util/errors.hpp"
#include "newsgraph/util/utf8.hpp"

namespace newsgraph::cli {

std::string one_line(const std::string& what) {
  std::string out = newsgraph::valid_utf8(what);  // a file name may hold any bytes
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

void warn(bool quiet, const std::string& what) {
  if (!quiet) std::cerr << "newsgraph: warning: " << one_line(what) << "\n";
}

void finish_stdout() {
  std::cout.flush();
  if (!std::cout) throw newsgraph::OutputError("cannot write to standard output");
}

int report_usage_error(const std::string& what) {
  std::cerr << "newsgraph: error: " << one_line(what) << "\n"
            << "Run 'newsgraph --help' for usage.\n";
  return kExitUsage;
}

int report_failure(const std::string& what) {
  std::cerr << "newsgraph: error: " << one_line(what) << "\n";
  return kExitFailure;
}

}  // namespace newsgraph::cli
