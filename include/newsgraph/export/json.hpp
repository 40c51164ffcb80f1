// Plain JSON export, and the JSON Lines that `extract` and `--mentions` write.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/merge/merge.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {
/// {"articles":[ids], "nodes":[{every node attribute, evidence}], "edges":[{source, target,
/// relation, title, weight, articles, evidence}]}, plus, when `sources` is given, "sources":
/// each article's mentions, entities and relations as extracted (entity and relation ends as
/// indices), everything `build --into` needs to merge new articles into this graph.
void write_json(std::ostream& out, const Graph& g, const std::vector<ArticleResult>* sources = nullptr);
/// The "sources" of a JSON export written with them. Throws InputError naming `path` when the
/// file cannot be read, is not such an export, or has no sources.
std::vector<ArticleResult> read_json_sources(const std::string& path);
/// The graph of a JSON export: its "articles", "nodes" and "edges" as written, in the file's
/// order, so write_json of the result writes them again byte for byte. "sources" is not
/// needed (nor read). Throws InputError naming `path` when the file cannot be read, is not
/// JSON, or is not such an export (a missing or mistyped member, a duplicate node id, an edge
/// to an unknown node).
Graph read_json_graph(const std::string& path);

/// One line: {"id", "mentions":[{"start","end","text","type","entity"}],
/// "entities":[{"id","type","name","aliases",...}], "relations":[{"type","source","target",
/// "source_span":[s,e],"target_span":[s,e],"sentence":[s,e],"title"?}]}.
void write_extract_line(std::ostream& out, const ArticleResult& article);

/// One line per resolved mention of every article:
/// {"article","start","end","text","type","node"}. `articles` and `merged` as from the pipeline.
void write_mention_lines(std::ostream& out, const std::vector<ArticleResult>& articles,
                         const MergeResult& merged);
}  // namespace newsgraph
