// Throughput figures for a run: how much text went through, how long each phase took, how fast.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "newsgraph/ingest/document.hpp"

namespace newsgraph {

/// How much text a set of articles holds, counted the way the pipeline sees it.
struct TextVolume {
  std::size_t articles = 0;
  std::size_t tokens = 0;  ///< tokens from segment(): words, numbers and punctuation
  std::size_t words = 0;   ///< the Word and Number tokens among them (no punctuation)
  std::size_t bytes = 0;   ///< UTF-8 bytes of every Article::text
};

/// Counts the articles, their segmenter tokens and their text bytes. It segments every article
/// again, so call it outside any timed section. Throws InputError for text that is not valid
/// UTF-8 (as Pipeline::extract does).
TextVolume measure_volume(const std::vector<Article>& articles);

/// Wall-clock (steady) time, split into consecutive laps.
class Stopwatch {
 public:
  Stopwatch() : last_(std::chrono::steady_clock::now()) {}
  /// Seconds since the previous lap() (or construction); starts the next lap.
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const std::chrono::duration<double> d = now - last_;
    last_ = now;
    return d.count();
  }

 private:
  std::chrono::steady_clock::time_point last_;
};

/// Wall seconds of the phases of an `extract` run.
struct ExtractTimings {
  double read = 0;     ///< reading and parsing the input
  double load = 0;     ///< loading knowledge and models (constructing the Pipeline)
  double extract = 0;  ///< the extraction itself (Pipeline::extract_all)
};

/// One line, without a line break, of space-separated key=value fields:
///   newsgraph: stats: articles=N tokens=N words=N bytes=N read_s=S load_s=S extract_s=S
///   tokens_per_s=R words_per_s=R mb_per_s=R
/// The rates are over `timings.extract` only (0 when it is not positive); MB is 10^6 bytes.
/// Numbers use the C locale ('.' as decimal point, no grouping).
std::string stats_line(const TextVolume& volume, const ExtractTimings& timings);

}  // namespace newsgraph
