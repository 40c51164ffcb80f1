// The progress display of `build` and `extract` on a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace newsgraph::cli {

/// Draws how far extraction has come on stderr while it runs, when stderr is a terminal and
/// not silenced: one line rewritten in place ("newsgraph: 120/2225 articles (5%), 31.4/s, 1:07
/// left"), at most kRefreshesPerSecond times a second plus the last state, and erased when the
/// meter goes away (also when the run fails), so the terminal is left as it was. While a long
/// article is extracted, the line also names it and its stage ("newsgraph: 0/1 articles (0%),
/// big: finding names"), drawn at each change of stage.
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
  /// The callback for PipelineConfig::stage_progress; empty when the meter is off.
  std::function<void(const std::string&, std::string_view)> stage_callback();

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr int kRefreshesPerSecond = 4;
  static constexpr std::size_t kShownIdBytes = 40;  // of a long article's id on the line

  void update(std::size_t done, std::size_t total);
  void stage(const std::string& article, std::string_view stage);
  /// Draws the line of the state held (the caller holds mutex_).
  void draw(Clock::time_point now);

  /// "m:ss", or "h:mm:ss" from an hour on.
  static std::string clock_time(double seconds);

  std::mutex mutex_;  // the callbacks may come from several workers
  bool enabled_;
  bool shown_ = false;
  std::size_t done_ = 0, total_ = 0;
  std::string stage_;  // "article: stage" of the long article being extracted, or empty
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
};

}  // namespace newsgraph::cli
