// The public API as an application uses it: the umbrella header alone.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "newsgraph/newsgraph.hpp"

TEST_CASE("api: the umbrella header builds a graph and writes it as the README shows", "[pipeline][api]") {
  namespace fs = std::filesystem;
  newsgraph::PipelineConfig config;
  config.threads = 2;
  config.relations.min_confidence = 0.8;
  const newsgraph::Pipeline pipeline(config);
  const newsgraph::BuildResult result =
      pipeline.build(newsgraph::read_inputs({std::string(NEWSGRAPH_SOURCE_DIR) + "/samples"}));
  REQUIRE(boost::num_vertices(result.graph) > 10);

  const fs::path dir = fs::temp_directory_path() / "newsgraph-api-test";
  fs::create_directories(dir);
  const std::string path = (dir / "graph.graphml").string();
  newsgraph::write_file_atomically(path, [&](std::ostream& out) {
    newsgraph::write_graph(out, result.graph, newsgraph::Format::GraphML);
  });
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("<graphml") != std::string::npos);
  CHECK(text.str().find("Vladimir Putin") != std::string::npos);
  fs::remove_all(dir);
}
