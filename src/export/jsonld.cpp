// JSON-LD export: one document with an inline context, entities as schema.org nodes with
// their relations as direct properties, and every edge again as a reified ng:Relation.
#include "newsgraph/export/jsonld.hpp"

#include <rapidjson/prettywriter.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "export/json_common.hpp"

namespace newsgraph {
namespace {

using export_detail::json_key;
using export_detail::json_member;
using export_detail::json_optional_member;
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

constexpr const char* kBase = "urn:newsgraph:";

/// `s` with every byte outside ALPHA / DIGIT / "-._~/:" percent-encoded: always a valid IRI
/// path (no spaces, quotes, brackets or non-ASCII), and identical to `s` for slug ids.
std::string iri_encode(std::string_view s) { return export_detail::percent_encode(s, "/:"); }

std::string node_iri(const Node& n) { return kBase + iri_encode(n.id); }

/// A slug of a title for relation ids: ASCII letters lower-cased, digits kept, non-ASCII
/// bytes kept (percent-encoded later), runs of other ASCII characters to one '-', trimmed.
/// "x" when nothing is left.
std::string title_slug(std::string_view title) {
  std::string out;
  bool dash = false;
  for (const char c : title) {
    const auto b = static_cast<unsigned char>(c);
    const bool keep = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
    if (b >= 'A' && b <= 'Z') {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(b - 'A' + 'a');
    } else if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += c;
    } else {
      dash = true;
    }
  }
  return out.empty() ? std::string("x") : out;
}

void term(Writer& w, const char* name, const char* id, const char* type = nullptr,
          const char* container = nullptr) {
  w.Key(name);
  if (!type && !container) {
    w.String(id);
    return;
  }
  w.StartObject();
  w.Key("@id");
  w.String(id);
  if (type) {
    w.Key("@type");
    w.String(type);
  }
  if (container) {
    w.Key("@container");
    w.String(container);
  }
  w.EndObject();
}

/// Which terms of linking a graph uses, so that the context defines them only then (and a
/// graph without links is written as before they existed).
struct LinkTerms {
  bool same_as = false;  ///< some node has a Wikidata id
  bool geo = false;      ///< some node has coordinates
};

/// The inline context. It names no remote document, so expansion needs no network.
void write_context(Writer& w, const LinkTerms& links) {
  w.Key("@context");
  w.StartObject();
  w.Key("@version");
  w.Double(1.1);
  term(w, "schema", "https://schema.org/");
  term(w, "ng", "urn:newsgraph:vocab:");
  term(w, "xsd", "http://www.w3.org/2001/XMLSchema#");
  term(w, "id", "@id");
  term(w, "type", "@type");
  term(w, "Person", "schema:Person");
  term(w, "Organization", "schema:Organization");
  term(w, "Place", "schema:Place");
  term(w, "Quotation", "schema:Quotation");
  term(w, "Group", "ng:Group");
  term(w, "Relation", "ng:Relation");
  term(w, "name", "schema:name");
  term(w, "alternateName", "schema:alternateName", nullptr, "@set");
  term(w, "text", "schema:text");
  term(w, "addressCountry", "schema:addressCountry");
  term(w, "placeKind", "ng:placeKind");
  // schema:sameAs, "a reference Web page that unambiguously indicates the item's identity": the
  // Wikidata entity IRI. schema:geo holds a schema:GeoCoordinates node with the WGS 84
  // schema:latitude and schema:longitude, coerced to xsd:double so that a whole number of
  // degrees is a double too.
  if (links.same_as) term(w, "sameAs", "schema:sameAs", "@id");
  if (links.geo) {
    term(w, "geo", "schema:geo");
    term(w, "GeoCoordinates", "schema:GeoCoordinates");
    term(w, "latitude", "schema:latitude", "xsd:double");
    term(w, "longitude", "schema:longitude", "xsd:double");
  }
  term(w, "mentionCount", "ng:mentionCount", "xsd:integer");
  term(w, "articleCount", "ng:articleCount", "xsd:integer");
  term(w, "article", "ng:article", nullptr, "@set");
  term(w, "title", "ng:title", nullptr, "@set");
  // The relation's type as a vocabulary term: "met_with" expands to ng:met_with.
  term(w, "relation", "ng:relation", "@vocab");
  term(w, "source", "ng:source", "@id");
  term(w, "target", "ng:target", "@id");
  term(w, "weight", "ng:weight", "xsd:integer");
  term(w, "cameo", "ng:cameo");
  term(w, "evidence", "ng:evidence", nullptr, "@set");
  term(w, "sentenceStart", "ng:sentenceStart", "xsd:integer");
  term(w, "sentenceEnd", "ng:sentenceEnd", "xsd:integer");
  term(w, "sourceStart", "ng:sourceStart", "xsd:integer");
  term(w, "sourceEnd", "ng:sourceEnd", "xsd:integer");
  term(w, "targetStart", "ng:targetStart", "xsd:integer");
  term(w, "targetEnd", "ng:targetEnd", "xsd:integer");
  for (const RelationType r : all_relation_types()) {
    const std::string name(to_string(r));
    const std::string id = "ng:" + name;
    term(w, name.c_str(), id.c_str(), "@id");
  }
  w.EndObject();
}

}  // namespace

void write_jsonld(std::ostream& out, const Graph& g) {
  const auto n_vertices = boost::num_vertices(g);

  // Direct relations per node: relation name -> target IRIs, sorted and distinct. A
  // symmetric relation is stated from both ends, so `?a ng:met_with ?b` matches either way.
  std::vector<std::map<std::string, std::vector<std::string>>> direct(n_vertices);
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto s = boost::source(e, g);
    const auto t = boost::target(e, g);
    const std::string rel(to_string(g[e].relation));
    direct[s][rel].push_back(node_iri(g[t]));
    if (is_symmetric(g[e].relation) && s != t) direct[t][rel].push_back(node_iri(g[s]));
  }
  for (auto& rels : direct)
    for (auto& [rel, targets] : rels) {
      std::sort(targets.begin(), targets.end());
      targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    }

  LinkTerms links;
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    links.same_as = links.same_as || !g[v].wikidata.empty();
    links.geo = links.geo || export_detail::location_text(g[v].location).has_value();
  }

  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.SetIndent(' ', 2);
  w.StartObject();
  write_context(w, links);
  w.Key("@graph");
  w.StartArray();

  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    // Unknown attributes and empty lists are left out rather than written empty.
    w.StartObject();
    json_member(w, "id", node_iri(n));
    json_member(w, "type", to_string(n.type));
    json_optional_member(w, "name", n.label);
    json_optional_member(w, "alternateName", n.aliases);
    json_member(w, "mentionCount", n.mentions);
    json_member(w, "articleCount", n.articles.size());
    json_optional_member(w, "article", n.articles);
    json_optional_member(w, "placeKind", n.place_kind);
    json_optional_member(w, "addressCountry", n.country_code);
    if (!n.wikidata.empty()) json_member(w, "sameAs", export_detail::wikidata_entity_iri(n.wikidata));
    if (const auto location = export_detail::location_text(n.location)) {
      w.Key("geo");
      w.StartObject();
      json_member(w, "type", "GeoCoordinates");
      w.Key("latitude");
      export_detail::json_raw_number(w, location->latitude);
      w.Key("longitude");
      export_detail::json_raw_number(w, location->longitude);
      w.EndObject();
    }
    json_optional_member(w, "title", n.titles);
    json_optional_member(w, "text", n.quote);
    for (const auto& [rel, targets] : direct[v]) {
      json_key(w, rel);
      w.StartArray();
      for (const auto& t : targets) {
        w.StartObject();
        json_member(w, "id", t);
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
    export_detail::drain(buf, out);
  }

  // Reified relations. Ids are unique: should two titles of one source/relation/target
  // slug alike, the later edge gets "-2", "-3", ... appended.
  std::set<std::string> used_ids;
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    const Node& src = g[boost::source(e, g)];
    const Node& tgt = g[boost::target(e, g)];
    std::string id = std::string(kBase) + "relation/" + iri_encode(src.id) + "/" +
                     std::string(to_string(ed.relation)) + "/" + iri_encode(tgt.id);
    if (!ed.title.empty()) id += "/" + iri_encode(title_slug(ed.title));
    std::string unique = id;
    for (std::size_t k = 2; used_ids.count(unique); ++k) unique = id + "-" + std::to_string(k);
    used_ids.insert(unique);

    w.StartObject();
    json_member(w, "id", unique);
    json_member(w, "type", "Relation");
    json_member(w, "relation", to_string(ed.relation));
    json_member(w, "source", node_iri(src));
    json_member(w, "target", node_iri(tgt));
    json_optional_member(w, "title", ed.title);
    json_optional_member(w, "cameo", cameo_root(ed.relation));
    json_member(w, "weight", ed.weight);
    json_member(w, "articleCount", ed.articles);
    if (!ed.evidence.empty()) {
      // Spans as flat members (sentenceStart, ...), each typed xsd:integer by the context.
      w.Key("evidence");
      w.StartArray();
      for (const auto& ev : ed.evidence) {
        w.StartObject();
        json_optional_member(w, "article", ev.article);
        json_member(w, "sentenceStart", ev.sentence.begin);
        json_member(w, "sentenceEnd", ev.sentence.end);
        json_member(w, "sourceStart", ev.source.begin);
        json_member(w, "sourceEnd", ev.source.end);
        json_member(w, "targetStart", ev.target.begin);
        json_member(w, "targetEnd", ev.target.end);
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
    export_detail::drain(buf, out);
  }

  w.EndArray();
  export_detail::end_document(w, buf, out);
}

}  // namespace newsgraph
