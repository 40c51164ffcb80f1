#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

#include "newsgraph/util/utf8.hpp"

namespace newsgraph::cli {

ProgressMeter::ProgressMeter(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1) {}

void ProgressMeter::finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (shown_) std::cerr << "\r\033[K" << std::flush;
  shown_ = false;
  enabled_ = false;
}

std::function<void(std::size_t, std::size_t)> ProgressMeter::callback() {
  if (!enabled_) return {};
  return [this](std::size_t done, std::size_t total) { update(done, total); };
}

std::function<void(const std::string&, std::string_view)> ProgressMeter::stage_callback() {
  if (!enabled_) return {};
  return [this](const std::string& article, std::string_view name) { stage(article, name); };
}

void ProgressMeter::update(std::size_t done, std::size_t total) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!enabled_) return;
  const Clock::time_point now = Clock::now();
  if (done == 0) start_ = now;
  done_ = done;
  total_ = total;
  if (done != 0) stage_.clear();  // an article is done: its stage, or another's, is over
  if (done != 0 && done != total && now - last_ < std::chrono::milliseconds(1000 / kRefreshesPerSecond))
    return;
  draw(now);
}

void ProgressMeter::stage(const std::string& article, std::string_view name) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!enabled_) return;
  // A long id is cut, so that the line stays one line.
  const std::string_view id = newsgraph::utf8_prefix_bytes(article, kShownIdBytes);
  stage_ = std::string(id) + (id.size() < article.size() ? "…" : "") + ": " + std::string(name);
  draw(Clock::now());  // stages change seldom, and each may last long: always shown
}

void ProgressMeter::draw(Clock::time_point now) {
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::ostringstream line;
  line << "newsgraph: " << done_ << "/" << total_ << " articles";
  if (total_ > 0) line << " (" << done_ * 100 / total_ << "%)";
  if (done_ > 0 && seconds > 0) {
    const double rate = static_cast<double>(done_) / seconds;
    char buf[32];
    std::snprintf(buf, sizeof buf, rate < 100 ? "%.1f" : "%.0f", rate);
    line << ", " << buf << "/s";
    if (done_ < total_)
      line << ", " << clock_time(static_cast<double>(total_ - done_) / rate) << " left";
    else
      line << ", " << clock_time(seconds);
  }
  if (!stage_.empty()) line << ", " << stage_;
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
