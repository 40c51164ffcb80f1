// newsgraph: news articles in, one knowledge graph of the people, organizations and places they
// name out. This umbrella header is all an application needs, linked with newsgraph::newsgraph:
//
//   newsgraph::PipelineConfig config;             // every field commented; defaults usable as they are
//   config.relations.min_confidence = 0.8;
//   config.merge.aliases = newsgraph::read_name_groups("aliases.txt");
//   const newsgraph::Pipeline pipeline(config);
//   const newsgraph::BuildResult result = pipeline.build(newsgraph::read_inputs({"samples/"}));
//   newsgraph::write_file_atomically("graph.graphml", [&](std::ostream& out) {
//     newsgraph::write_graph(out, result.graph, newsgraph::Format::GraphML);
//   });
//
// The stage headers it includes stay public for composing the stages by hand (segment, then a
// MentionDetector, resolve, extract_relations, merge, build_graph). Training and evaluation are
// <newsgraph/train/...> and <newsgraph/eval/...>, linked through newsgraph::train.
#pragma once

#include "newsgraph/export/cypher.hpp"
#include "newsgraph/export/dot.hpp"
#include "newsgraph/export/export.hpp"
#include "newsgraph/export/graphml.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/export/json_reader.hpp"
#include "newsgraph/export/jsonld.hpp"
#include "newsgraph/export/neo4j_csv.hpp"
#include "newsgraph/ingest/document.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/merge/merge.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/pipeline/stats.hpp"
#include "newsgraph/relations/combine.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/relations/relations.hpp"
#include "newsgraph/render/outputs.hpp"
#include "newsgraph/render/render.hpp"
#include "newsgraph/render/report.hpp"
#include "newsgraph/resolve/node_id.hpp"
#include "newsgraph/resolve/resolve.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/text/utf8_index.hpp"
#include "newsgraph/util/atomic_file.hpp"
#include "newsgraph/util/errors.hpp"
#include "newsgraph/util/utf8.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "newsgraph/vocab/graph.hpp"
#include "newsgraph/vocab/types.hpp"
