#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "newsgraph/export/json.hpp"
#include "newsgraph/export/json_reader.hpp"
#include "support/test_support.hpp"

using namespace newsgraph;

namespace {

std::vector<Article> corpus() {
  return {
      testing::article("a",
                       "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris. "
                       "“We agree on the budget rules,” Scholz said."),
      testing::article("b", "Macron hosted Scholz at the Elysee on Monday. The Russian Federation objected."),
      testing::article("c", "Russia said the U.S. and the United Nations were wrong. Olaf Scholz disagreed."),
      testing::article("d", ""),
      testing::article("e",
                       "Prime Minister Keir Starmer visited Kyiv, Ukraine, and met Ukrainian officials."),
  };
}

std::string serialise(const BuildResult& r) {
  std::ostringstream out;
  write_json(out, r.graph);
  write_mention_lines(out, r.articles, r.merged);
  return out.str();
}

}  // namespace

TEST_CASE("pipeline: output does not depend on input order or thread count", "[pipeline]") {
  const std::vector<Article> articles = corpus();
  const std::string reference = serialise(testing::pipeline().build(articles));
  REQUIRE(reference.find("person/olaf-scholz") != std::string::npos);

  std::mt19937 rng(7);
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    PipelineConfig config;
    config.threads = threads;
    const Pipeline p(config);
    std::vector<Article> shuffled = articles;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    INFO("threads " << threads);
    CHECK(serialise(p.build(shuffled)) == reference);
  }
}

TEST_CASE("pipeline: extract_all keeps input order", "[pipeline]") {
  const std::vector<Article> articles = corpus();
  const auto results = testing::pipeline().extract_all(articles);
  REQUIRE(results.size() == articles.size());
  for (std::size_t i = 0; i < articles.size(); ++i) CHECK(results[i].id == articles[i].id);
}

TEST_CASE("pipeline: invalid UTF-8 is an input error naming the article", "[pipeline]") {
  Article bad = testing::article("broken", std::string("Caf\xc3", 4));
  bad.origin = "x.jsonl:3";
  CHECK_THROWS_AS(testing::pipeline().extract(bad), InputError);
  try {
    testing::pipeline().extract(bad);
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("x.jsonl:3") != std::string::npos);
  }
}

TEST_CASE("pipeline: entity ids are unique within an article", "[pipeline]") {
  for (const Article& a : corpus()) {
    const ArticleResult r = testing::pipeline().extract(a);
    std::vector<std::string> ids;
    for (const Entity& e : r.entities.entities) ids.push_back(e.id);
    std::sort(ids.begin(), ids.end());
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  }
}

TEST_CASE("pipeline: building into earlier results equals building everything at once", "[pipeline]") {
  const std::vector<Article> articles = corpus();
  const BuildResult all = testing::pipeline().build(articles);
  std::ostringstream expected;
  write_json(expected, all.graph, &all.articles);
  write_mention_lines(expected, all.articles, all.merged);

  // Every split of the corpus into a first batch and a second, through the JSON file.
  for (std::size_t split = 0; split <= articles.size(); ++split) {
    INFO("first batch: " << split << " articles");
    const std::vector<Article> first(articles.begin(), articles.begin() + static_cast<std::ptrdiff_t>(split));
    const std::vector<Article> second(articles.begin() + static_cast<std::ptrdiff_t>(split), articles.end());
    const BuildResult a = testing::pipeline().build(first);
    const testing::TempDir dir;
    std::ostringstream saved;
    write_json(saved, a.graph, &a.articles);
    const std::string path = dir.write("graph.json", saved.str());
    const BuildResult b = testing::pipeline().build(second, read_json_sources(path));
    std::ostringstream got;
    write_json(got, b.graph, &b.articles);
    write_mention_lines(got, b.articles, b.merged);
    CHECK(got.str() == expected.str());
  }
  // An article already in the graph is refused.
  CHECK_THROWS_AS(testing::pipeline().build({articles[0]}, all.articles), InputError);
}

TEST_CASE("pipeline: read_json_sources rejects what build did not write", "[pipeline]") {
  const testing::TempDir dir;
  const BuildResult r = testing::pipeline().build(corpus());
  std::ostringstream without;
  write_json(without, r.graph);
  const std::vector<std::string> bad = {
      "",
      "[]",
      "{\"sources\": 3}",
      without.str(),
      "{\"sources\": [{\"id\": \"x\"}]}",
      "{\"sources\": [{\"id\": \"x\", \"mentions\": [], \"entities\": [{\"id\": \"e\", \"type\": "
      "\"Alien\"}], "
      "\"relations\": []}]}",
      "{\"sources\": [{\"id\": \"x\", \"mentions\": [{\"start\": 0, \"end\": 1, \"text\": \"A\", \"type\": "
      "\"Person\", \"title\": \"\", \"title_span\": [0, 0], \"entity\": 4}], \"entities\": [], "
      "\"relations\": []}]}"};
  for (std::size_t k = 0; k < bad.size(); ++k) {
    INFO(bad[k].substr(0, 80));
    CHECK_THROWS_AS(read_json_sources(dir.write("bad" + std::to_string(k) + ".json", bad[k])), InputError);
  }
  CHECK_THROWS_AS(read_json_sources(dir.path() + "/missing.json"), InputError);
}

TEST_CASE("pipeline: co_mentioned only behind its flag, one statement per sentence", "[pipeline]") {
  const std::vector<Article> articles = {
      testing::article("a", "Olaf Scholz met Emmanuel Macron in Paris. Scholz and Macron spoke again."),
      testing::article("b", "Emmanuel Macron praised Olaf Scholz.")};
  const auto count = [](const BuildResult& r, const std::string& a, const std::string& b) -> std::size_t {
    for (auto e : boost::make_iterator_range(boost::edges(r.graph))) {
      const Edge& ed = r.graph[e];
      if (ed.relation != RelationType::CoMentioned) continue;
      const std::string& s = r.graph[boost::source(e, r.graph)].label;
      const std::string& t = r.graph[boost::target(e, r.graph)].label;
      if ((s == a && t == b) || (s == b && t == a)) return ed.weight;
    }
    return 0;
  };
  CHECK(count(testing::pipeline().build(articles), "Olaf Scholz", "Emmanuel Macron") == 0);
  PipelineConfig config;
  config.relations.co_mentions = true;
  const Pipeline with(config);
  const BuildResult r = with.build(articles);
  CHECK(count(r, "Olaf Scholz", "Emmanuel Macron") == 3);  // two sentences of a, one of b
  CHECK(count(r, "Olaf Scholz", "Paris") == 1);
  CHECK(count(r, "Emmanuel Macron", "Paris") == 1);
}

TEST_CASE("pipeline: progress counts every article once, one call at a time, and changes nothing",
          "[pipeline]") {
  const std::vector<Article> articles = corpus();
  for (unsigned threads : {1u, 3u}) {
    INFO("threads " << threads);
    PipelineConfig plain;
    plain.threads = threads;
    const std::string reference = serialise(Pipeline(plain).build(articles));

    std::vector<std::pair<std::size_t, std::size_t>> calls;
    std::atomic<int> inside{0};
    bool overlapped = false;
    PipelineConfig observed = plain;
    observed.progress = [&](std::size_t done, std::size_t total) {
      if (inside.fetch_add(1) != 0) overlapped = true;
      calls.emplace_back(done, total);
      inside.fetch_sub(1);
    };
    const Pipeline p(observed);
    CHECK(serialise(p.build(articles)) == reference);
    CHECK_FALSE(overlapped);
    REQUIRE(calls.size() == articles.size() + 1);
    for (std::size_t i = 0; i < calls.size(); ++i) {
      CHECK(calls[i].first == i);
      CHECK(calls[i].second == articles.size());
    }

    calls.clear();
    const auto results = p.extract_all(articles);
    CHECK(results.size() == articles.size());
    REQUIRE(calls.size() == articles.size() + 1);
    CHECK(calls.back() == std::make_pair(articles.size(), articles.size()));
  }
}

TEST_CASE("pipeline: the recognizers' names read back", "[pipeline]") {
  CHECK(recognizer_names() == std::vector<std::string>{"tagger", "rules", "tagger-only"});
  for (const std::string& name : recognizer_names()) {
    const auto r = recognizer_from_string(name);
    REQUIRE(r);
    CHECK(to_string(*r) == name);
  }
  CHECK_FALSE(recognizer_from_string("Tagger"));
  CHECK_FALSE(recognizer_from_string(""));
}
