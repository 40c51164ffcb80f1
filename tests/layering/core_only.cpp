// Linked with newsgraph::core alone: if the core called into the exporters, the renderer or the
// training and evaluation code, this program would fail to link. Run by CTest (`core_only`), it
// also builds a graph with the core's own entry point, so the core is complete on its own.
#include <iostream>

#include "newsgraph/pipeline/pipeline.hpp"

int main() {
  newsgraph::PipelineConfig config;
  config.threads = 1;
  config.mentions.recognizer = newsgraph::Recognizer::Rules;
  const newsgraph::Pipeline pipeline(config);
  newsgraph::Article a;
  a.id = "core-only";
  a.text = "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok.";
  const newsgraph::BuildResult result = pipeline.build({a});
  const auto nodes = boost::num_vertices(result.graph);
  std::cout << "core_only: " << nodes << " nodes, " << boost::num_edges(result.graph) << " edges\n";
  return nodes >= 3 ? 0 : 1;
}
