// Plain JSON export, and the JSON Lines that `extract` and `--mentions` write.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/merge/merge.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {
/// {"articles":[ids], "nodes":[{every node attribute, evidence; "wikidata" and the coordinates
/// "lat", "lon" (numbers with 5 decimals) only when known}], "edges":[{source, target,
/// relation, title, weight, articles, evidence}]}, plus, when `sources` is given, "sources":
/// each article's mentions, entities and relations as extracted (entity and relation ends as
/// indices), everything `build --into` needs to merge new articles into this graph.
/// Read back by json_reader.hpp.
void write_json(std::ostream& out, const Graph& g, const std::vector<ArticleResult>* sources = nullptr);

/// One line: {"id", "mentions":[{"start","end","text","type","entity"}],
/// "entities":[{"id","type","name","aliases",...,"wikidata"?,"lat"?,"lon"?}],
/// "relations":[{"type","source","target",
/// "source_span":[s,e],"target_span":[s,e],"sentence":[s,e],"title"?}]}.
void write_extract_line(std::ostream& out, const ArticleResult& article);

/// One line per resolved mention of every article:
/// {"article","start","end","text","type","node"}, and "wikidata" when the node has one.
/// `articles` and `merged` as from the pipeline.
void write_mention_lines(std::ostream& out, const std::vector<ArticleResult>& articles,
                         const MergeResult& merged);
}  // namespace newsgraph
