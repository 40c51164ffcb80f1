// GraphML export, written directly so node ids can be the stable node ids.
#include "newsgraph/export/graphml.hpp"

#include <boost/range/iterator_range.hpp>
#include <string>
#include <string_view>

#include "export/json_common.hpp"

namespace newsgraph {
namespace {

/// `s` escaped for XML 1.0 character data and attribute values. Guarantees: the result is
/// well-formed whatever `s` holds and reads back as `s` minus the characters XML 1.0
/// forbids. `& < > " '` become entities; TAB, LF and CR become character references (so
/// neither end-of-line nor attribute normalisation alters them); DEL and the C1 controls,
/// allowed but invisible, become character references too; other C0 controls, U+FFFE and
/// U+FFFF are dropped; malformed UTF-8 becomes U+FFFD.
std::string xml_escape(std::string_view s) {
  using export_detail::MarkupControl;
  return export_detail::markup_text(s, {"&apos;", MarkupControl::Reference, MarkupControl::Reference,
                                        MarkupControl::Drop, MarkupControl::Reference, true});
}

/// Which graphs declare a key: every graph, or only those with a node that has a Wikidata id,
/// or coordinates (so a graph without links is written as before they existed).
enum class Declared { Always, IfWikidata, IfLocation };

struct Key {
  const char* id;
  const char* domain;  ///< "graph", "node" or "edge"
  const char* name;
  const char* type;
  const char* default_value;  ///< nullptr: no <default>
  Declared declared = Declared::Always;
};

/// Every attribute the writer may emit. Key ids carry the domain, so node and edge
/// attributes that share a name (label, articles, evidence) keep distinct ids, except the
/// two ids Neo4j's APOC (apoc.import.graphml with readLabels) matches literally: node labels
/// under id `labels`, the relationship type under id `label`. APOC names properties after
/// attr.name, so the node's canonical name is still the property `label`.
///
/// The keys of the links (wikidata, and lat and lon, doubles with 5 decimals) are declared
/// only when some node has a value for them.
///
/// The graph key has no <default>: APOC files every key not `for="node"` with the edge keys
/// and would set a default on every relationship.
constexpr Key kKeys[] = {
    {"g_article_ids", "graph", "article_ids", "string", nullptr},
    {"labels", "node", "labels", "string", nullptr},
    {"n_type", "node", "type", "string", nullptr},
    {"n_label", "node", "label", "string", nullptr},
    {"n_aliases", "node", "aliases", "string", "[]"},
    {"n_mentions", "node", "mentions", "int", "0"},
    {"n_articles", "node", "articles", "int", "0"},
    {"n_article_ids", "node", "article_ids", "string", "[]"},
    {"n_place_kind", "node", "place_kind", "string", nullptr},
    {"n_country_code", "node", "country_code", "string", nullptr},
    {"n_wikidata", "node", "wikidata", "string", nullptr, Declared::IfWikidata},
    {"n_lat", "node", "lat", "double", nullptr, Declared::IfLocation},
    {"n_lon", "node", "lon", "double", nullptr, Declared::IfLocation},
    {"n_titles", "node", "titles", "string", "[]"},
    {"n_quote", "node", "quote", "string", nullptr},
    {"n_evidence", "node", "evidence", "string", "[]"},
    {"label", "edge", "label", "string", nullptr},
    {"e_relation", "edge", "relation", "string", nullptr},
    {"e_weight", "edge", "weight", "int", "0"},
    {"e_articles", "edge", "articles", "int", "0"},
    {"e_title", "edge", "title", "string", nullptr},
    {"e_cameo", "edge", "cameo", "string", nullptr},
    {"e_evidence", "edge", "evidence", "string", "[]"},
};

/// JSON text made safe to carry in XML: U+FFFE and U+FFFF, which XML would drop, are written
/// as the JSON escapes \uFFFE and \uFFFF. RapidJSON emits non-ASCII bytes only inside
/// strings, so the replacement never touches JSON syntax.
std::string json_for_xml(std::string json) {
  static constexpr std::string_view kFFFE = "\xEF\xBF\xBE";
  static constexpr std::string_view kFFFF = "\xEF\xBF\xBF";
  for (std::size_t at = json.find("\xEF\xBF"); at != std::string::npos; at = json.find("\xEF\xBF", at)) {
    const std::string_view seq = std::string_view(json).substr(at, 3);
    if (seq == kFFFE) {
      json.replace(at, 3, "\\uFFFE");
      at += 6;
    } else if (seq == kFFFF) {
      json.replace(at, 3, "\\uFFFF");
      at += 6;
    } else {
      at += 2;
    }
  }
  return json;
}

/// Writes one <data> element, or nothing when `value` is empty.
void data(std::ostream& out, const char* indent, const char* key, std::string_view value) {
  if (value.empty()) return;
  out << indent << "<data key=\"" << key << "\">" << xml_escape(value) << "</data>\n";
}

/// A list (of strings or of evidence) as compact JSON text fit for XML, or "" for an empty
/// list so that no element is written.
template <class List>
std::string list_value(const List& items) {
  if (items.empty()) return {};
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  export_detail::json_value(w, items);
  return json_for_xml(std::string(buf.GetString(), buf.GetSize()));
}

}  // namespace

void write_graphml(std::ostream& out, const Graph& g) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  bool any_wikidata = false, any_location = false;
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    any_wikidata = any_wikidata || !g[v].wikidata.empty();
    any_location = any_location || export_detail::location_text(g[v].location).has_value();
  }
  for (const Key& k : kKeys) {
    if ((k.declared == Declared::IfWikidata && !any_wikidata) ||
        (k.declared == Declared::IfLocation && !any_location))
      continue;
    out << "  <key id=\"" << k.id << "\" for=\"" << k.domain << "\" attr.name=\"" << k.name
        << "\" attr.type=\"" << k.type << "\"";
    if (k.default_value)
      out << ">\n    <default>" << k.default_value << "</default>\n  </key>\n";
    else
      out << "/>\n";
  }
  out << "  <graph id=\"newsgraph\" edgedefault=\"directed\">\n";
  data(out, "    ", "g_article_ids", list_value(g[boost::graph_bundle].articles));

  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    const char* in = "      ";
    const std::string labels = ":" + std::string(to_string(n.type));
    // The labels attribute and the labels data say the same: APOC reads the attribute
    // (readLabels), NetworkX the data.
    out << "    <node id=\"" << xml_escape(n.id) << "\" labels=\"" << xml_escape(labels) << "\">\n";
    data(out, in, "labels", labels);
    data(out, in, "n_type", to_string(n.type));
    data(out, in, "n_label", n.label);
    data(out, in, "n_aliases", list_value(n.aliases));
    data(out, in, "n_mentions", std::to_string(n.mentions));
    data(out, in, "n_articles", std::to_string(n.articles.size()));
    data(out, in, "n_article_ids", list_value(n.articles));
    data(out, in, "n_place_kind", n.place_kind);
    data(out, in, "n_country_code", n.country_code);
    data(out, in, "n_wikidata", n.wikidata);
    if (const auto location = export_detail::location_text(n.location)) {
      data(out, in, "n_lat", location->latitude);
      data(out, in, "n_lon", location->longitude);
    }
    data(out, in, "n_titles", list_value(n.titles));
    data(out, in, "n_quote", n.quote);
    data(out, in, "n_evidence", list_value(n.evidence));
    out << "    </node>\n";
  }

  std::size_t index = 0;
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    const char* in = "      ";
    out << "    <edge id=\"e" << std::to_string(index++) << "\" source=\""
        << xml_escape(g[boost::source(e, g)].id) << "\" target=\"" << xml_escape(g[boost::target(e, g)].id)
        << "\" label=\"" << xml_escape(to_string(ed.relation)) << "\">\n";
    data(out, in, "label", to_string(ed.relation));
    data(out, in, "e_relation", to_string(ed.relation));
    data(out, in, "e_weight", std::to_string(ed.weight));
    data(out, in, "e_articles", std::to_string(ed.articles));
    data(out, in, "e_title", ed.title);
    data(out, in, "e_cameo", std::string(cameo_root(ed.relation)));
    data(out, in, "e_evidence", list_value(ed.evidence));
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

}  // namespace newsgraph
