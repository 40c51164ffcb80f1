// Neo4j admin-import CSV export: nodes.csv and relationships.csv.
#include "newsgraph/export/neo4j_csv.hpp"

#include <boost/range/iterator_range.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "export/json_common.hpp"
#include "export/text.hpp"
#include "newsgraph/export/cypher.hpp"
#include "newsgraph/export/export.hpp"
#include "util/strings.hpp"

namespace newsgraph {
namespace {

/// `s` made valid UTF-8, in double quotes, with every '"' doubled (RFC 4180).
std::string csv_string(std::string_view s) {
  const std::string clean = valid_utf8(s);
  std::string out = "\"";
  for (const char c : clean) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// A list of strings: the items without the array delimiter, joined by it, quoted; an empty
/// field for an empty list.
std::string string_list(const std::vector<std::string>& items) {
  if (items.empty()) return {};
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += kNeo4jCsvArrayDelimiter;
    for (const char c : items[i])
      if (c != kNeo4jCsvArrayDelimiter) joined += c;
  }
  return csv_string(joined);
}

/// A list of counts joined by the array delimiter; an empty field for an empty list.
std::string count_list(const std::vector<std::size_t>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += kNeo4jCsvArrayDelimiter;
    out += std::to_string(items[i]);
  }
  return out;
}

/// Writes one row: the fields separated by ',' and a line feed.
void row(std::ostream& out, const std::vector<std::string>& fields) {
  out << strings::join(fields, ",") + '\n';
}

}  // namespace

void write_neo4j_nodes_csv(std::ostream& out, const Graph& g) {
  bool any_wikidata = false, any_location = false;
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    any_wikidata = any_wikidata || !g[v].wikidata.empty();
    any_location = any_location || export_detail::location_text(g[v].location).has_value();
  }
  out << "id:ID,:LABEL,type,label,aliases:string[],mentions:long,articles:long,article_ids:string[],"
         "place_kind,country_code,"
      << (any_wikidata ? "wikidata," : "") << (any_location ? "location:point{crs:WGS-84}," : "")
      << "titles:string[],quote,evidence_articles:string[],evidence_starts:long[],evidence_ends:long[]\n";
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    const export_detail::NodeEvidenceColumns ev = export_detail::evidence_columns(n);
    const std::string type(to_string(n.type));
    std::vector<std::string> fields = {csv_string(n.id),
                                       csv_string("Entity" + std::string(1, kNeo4jCsvArrayDelimiter) + type),
                                       csv_string(type),
                                       csv_string(n.label),
                                       string_list(n.aliases),
                                       std::to_string(n.mentions),
                                       std::to_string(n.articles.size()),
                                       string_list(n.articles),
                                       csv_string(n.place_kind),
                                       csv_string(n.country_code)};
    // The links: an empty field (unset) when unknown.
    if (any_wikidata) fields.push_back(n.wikidata.empty() ? std::string() : csv_string(n.wikidata));
    if (any_location) {
      const auto location = export_detail::location_text(n.location);
      fields.push_back(location ? csv_string("{latitude:" + location->latitude +
                                             ", longitude:" + location->longitude + "}")
                                : std::string());
    }
    fields.insert(fields.end(), {string_list(n.titles), csv_string(n.quote), string_list(ev.articles),
                                 count_list(ev.starts), count_list(ev.ends)});
    row(out, fields);
  }
}

void write_neo4j_relationships_csv(std::ostream& out, const Graph& g) {
  out << ":START_ID,:END_ID,:TYPE,relation,title,cameo,weight:long,articles:long,evidence_articles:string[],"
         "evidence_sentence_starts:long[],evidence_sentence_ends:long[],evidence_source_starts:long[],"
         "evidence_source_ends:long[],evidence_target_starts:long[],evidence_target_ends:long[]\n";
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    const export_detail::EdgeEvidenceColumns ev = export_detail::evidence_columns(ed);
    row(out, {csv_string(g[boost::source(e, g)].id), csv_string(g[boost::target(e, g)].id),
              csv_string(cypher_relationship_type(ed.relation)), csv_string(to_string(ed.relation)),
              csv_string(ed.title), csv_string(cameo_root(ed.relation)), std::to_string(ed.weight),
              std::to_string(ed.articles), string_list(ev.articles), count_list(ev.sentence_starts),
              count_list(ev.sentence_ends), count_list(ev.source_starts), count_list(ev.source_ends),
              count_list(ev.target_starts), count_list(ev.target_ends)});
  }
}

std::vector<FileContent> neo4j_csv_files(const std::string& dir, const Graph& g) {
  const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  return {
      {base + "nodes.csv", [&g](std::ostream& os) { write_neo4j_nodes_csv(os, g); }},
      {base + "relationships.csv", [&g](std::ostream& os) { write_neo4j_relationships_csv(os, g); }},
  };
}

void write_neo4j_csv(const std::string& dir, const Graph& g) {
  write_files_atomically(neo4j_csv_files(dir, g));
}

}  // namespace newsgraph
