#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace newsgraph::cli {

ProgressMeter::ProgressMeter(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

void ProgressMeter::finish() {
  if (shown_) std::cerr << "\r\033[K" << std::flush;
  shown_ = false;
  enabled_ = false;
}

std::function<void(std::size_t, std::size_t)> ProgressMeter::callback() {
  if (!enabled_) return {};
  return [this](std::size_t done, std::size_t total) { update(done, total); };
}

void ProgressMeter::update(std::size_t done, std::size_t total) {
  if (!enabled_) return;
  const Clock::time_point now = Clock::now();
  if (done == 0) start_ = now;
  if (done != 0 && done != total && now - last_ < std::chrono::milliseconds(1000 / kRefreshesPerSecond))
    return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::ostringstream line;
  line << "newsgraph: " << done << "/" << total << " articles";
  if (total > 0) line << " (" << done * 100 / total << "%)";
  if (done > 0 && seconds > 0) {
    const double rate = static_cast<double>(done) / seconds;
    char buf[32];
    std::snprintf(buf, sizeof buf, rate < 100 ? "%.1f" : "%.0f", rate);
    line << ", " << buf << "/s";
    if (done < total)
      line << ", " << clock_time(static_cast<double>(total - done) / rate) << " left";
    else
      line << ", " << clock_time(seconds);
  }
  std::cerr << "\r" << line.str() << "\033[K" << std::flush;
  shown_ = true;
}

std::string ProgressMeter::clock_time(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace newsgraph::cli
