#include "newsgraph/pipeline/stats.hpp"

#include <cstdio>

#include "newsgraph/text/segment.hpp"

namespace newsgraph {

TextVolume measure_volume(const std::vector<Article>& articles) {
  TextVolume v;
  v.articles = articles.size();
  for (const Article& a : articles) {
    if (!is_valid_utf8(a.text)) {
      throw InputError((a.origin.empty() ? a.id : a.origin) + ": invalid UTF-8");
    }
    v.bytes += a.text.size();
    const Segmentation seg = segment(a.text);
    v.tokens += seg.tokens.size();
    for (const Token& t : seg.tokens) {
      if (t.kind != TokenKind::Punct) ++v.words;
    }
  }
  return v;
}

namespace {

double per_second(double amount, double seconds) { return seconds > 0 ? amount / seconds : 0.0; }

}  // namespace

std::string stats_line(const TextVolume& volume, const ExtractTimings& timings) {
  // snprintf with %f and %zu does not depend on the global C++ locale; the C locale is the
  // default of a program that never calls setlocale, as newsgraph does not.
  char buf[512];
  const int n =
      std::snprintf(buf, sizeof buf,
                    "newsgraph: stats: articles=%zu tokens=%zu words=%zu bytes=%zu read_s=%.4f load_s=%.4f "
                    "extract_s=%.4f tokens_per_s=%.0f words_per_s=%.0f mb_per_s=%.3f",
                    volume.articles, volume.tokens, volume.words, volume.bytes, timings.read, timings.load,
                    timings.extract, per_second(static_cast<double>(volume.tokens), timings.extract),
                    per_second(static_cast<double>(volume.words), timings.extract),
                    per_second(static_cast<double>(volume.bytes) / 1e6, timings.extract));
  if (n < 0) return "newsgraph: stats: (cannot format)";
  return std::string(buf,
                     static_cast<std::size_t>(n) < sizeof buf ? static_cast<std::size_t>(n) : sizeof buf - 1);
}

}  // namespace newsgraph
