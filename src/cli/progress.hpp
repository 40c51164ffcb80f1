// The progress display of `build` and `extract` on a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace newsgraph::cli {

/// Draws how far extraction has come on stderr while it runs, when stderr is a terminal and
/// not silenced: one line rewritten in place ("newsgraph: 120/2225 articles (5%), 31.4/s, 1:07
/// left"), at most kRefreshesPerSecond times a second plus the last state, and erased when the
/// meter goes away (also when the run fails), so the terminal is left as it was.
class ProgressMeter {
 public:
  explicit ProgressMeter(bool quiet);
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;
  ~ProgressMeter() { finish(); }

  /// Erases the line, before anything else goes to stderr; later updates draw nothing.
  void finish();

  /// The callback for PipelineConfig::progress; empty when the meter is off.
  std::function<void(std::size_t, std::size_t)> callback();

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr int kRefreshesPerSecond = 4;

  void update(std::size_t done, std::size_t total);

  /// "m:ss", or "h:mm:ss" from an hour on.
  static std::string clock_time(double seconds);

  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
};

}  // namespace newsgraph::cli
