// Run statistics: what measure_volume counts and how stats_line reports it (no timing here:
// speed is measured by scripts/bench.sh, never by tests).

#include "newsgraph/pipeline/stats.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/text/segment.hpp"
#include "support/test_support.hpp"

using newsgraph::Article;
using newsgraph::ExtractTimings;
using newsgraph::TextVolume;
using newsgraph::testing::article;

TEST_CASE("measure_volume counts articles, segmenter tokens, words and bytes") {
  const std::vector<Article> articles = {
      article("a", "Mr. Putin met Kim, 3 times."),     // Mr. | Putin | met | Kim | , | 3 | times | .
      article("b", "Zürich\u2019s mayor \u2014 hi!"),  // Zürich | ’s | mayor | — | hi | !
      article("c", ""),
  };
  const TextVolume v = newsgraph::measure_volume(articles);
  CHECK(v.articles == 3);
  CHECK(v.tokens == 8 + 6);
  CHECK(v.words == 6 + 4);
  CHECK(v.bytes == articles[0].text.size() + articles[1].text.size());

  std::size_t tokens = 0;
  for (const Article& a : articles) tokens += newsgraph::segment(a.text).tokens.size();
  CHECK(v.tokens == tokens);
}

TEST_CASE("measure_volume of nothing is zero") {
  const TextVolume v = newsgraph::measure_volume({});
  CHECK(v.articles == 0);
  CHECK(v.tokens == 0);
  CHECK(v.words == 0);
  CHECK(v.bytes == 0);
}

TEST_CASE("measure_volume rejects invalid UTF-8 and names the article") {
  const std::vector<Article> articles = {article("bad.txt", std::string("ok \xff here"))};
  CHECK_THROWS_AS(newsgraph::measure_volume(articles), newsgraph::InputError);
  CHECK_THROWS_WITH(newsgraph::measure_volume(articles), Catch::Contains("bad.txt"));
}

TEST_CASE("stats_line reports every field and rates over the extraction time only") {
  TextVolume v;
  v.articles = 2;
  v.tokens = 3000;
  v.words = 2500;
  v.bytes = 5000000;
  ExtractTimings t;
  t.read = 0.25;
  t.load = 1.5;
  t.extract = 2.0;
  CHECK(newsgraph::stats_line(v, t) ==
        "newsgraph: stats: articles=2 tokens=3000 words=2500 bytes=5000000 read_s=0.2500 load_s=1.5000 "
        "extract_s=2.0000 tokens_per_s=1500 words_per_s=1250 mb_per_s=2.500");
}

TEST_CASE("stats_line gives zero rates for a zero extraction time") {
  TextVolume v;
  v.articles = 1;
  v.tokens = 10;
  v.words = 8;
  v.bytes = 40;
  const std::string line = newsgraph::stats_line(v, ExtractTimings{});
  CHECK(line.find("tokens_per_s=0 words_per_s=0 mb_per_s=0.000") != std::string::npos);
  CHECK(line.find('\n') == std::string::npos);
}
