// Reading a JSON export back: the graph (for `render`) and the articles of its "sources" (for
// `build --into`), with errors that name the file and the place in it.
#include "newsgraph/export/json_reader.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "newsgraph/util/errors.hpp"

namespace newsgraph {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

/// Reads back what write_json wrote: the articles of "sources" (as article_members() wrote
/// them), and the nodes and edges. Errors name the file and the place in it.
class ExportReader {
 public:
  explicit ExportReader(std::string path) : path_(std::move(path)) {}

  /// Node `k` of "nodes".
  Node node(const rapidjson::Value& v, std::size_t k) {
    where_ = "nodes[" + std::to_string(k) + "]";
    need_object(v, where_);
    Node n;
    n.id = string(member(v, "id"), "id");
    n.type = type(member(v, "type"));
    n.label = string(member(v, "label"), "label");
    n.aliases = strings(member(v, "aliases"), "aliases");
    n.mentions = count(member(v, "mentions"), "mentions");
    n.articles = strings(member(v, "article_ids"), "article_ids");
    n.place_kind = string(member(v, "place_kind"), "place_kind");
    n.country_code = string(member(v, "country_code"), "country_code");
    links(v, n.wikidata, n.location);
    n.titles = strings(member(v, "titles"), "titles");
    n.quote = string(member(v, "quote"), "quote");
    for (const auto& e : array(member(v, "evidence"), "evidence")) {
      need_object(e, "evidence");
      n.evidence.push_back({string(member(e, "article"), "article"),
                            {count(member(e, "start"), "start"), count(member(e, "end"), "end")}});
    }
    return n;
  }

  /// Edge `k` of "edges", with the ids of its ends in `source` and `target`.
  Edge edge(const rapidjson::Value& v, std::size_t k, std::string& source, std::string& target) {
    where_ = "edges[" + std::to_string(k) + "]";
    need_object(v, where_);
    Edge e;
    source = string(member(v, "source"), "source");
    target = string(member(v, "target"), "target");
    const auto t = relation_type_from_string(string(member(v, "relation"), "relation"));
    if (!t) fail("relation: unknown relation type");
    e.relation = *t;
    e.title = string(member(v, "title"), "title");
    e.weight = count(member(v, "weight"), "weight");
    e.articles = count(member(v, "articles"), "articles");
    for (const auto& x : array(member(v, "evidence"), "evidence")) {
      need_object(x, "evidence");
      e.evidence.push_back({string(member(x, "article"), "article"), span(member(x, "sentence"), "sentence"),
                            span(member(x, "source"), "source"), span(member(x, "target"), "target")});
    }
    return e;
  }

  /// The strings of member `key` of the top-level object.
  std::vector<std::string> top_strings(const rapidjson::Value& doc, const char* key) {
    where_ = "top level";
    return strings(member(doc, key), key);
  }

  ArticleResult article(const rapidjson::Value& v, std::size_t k) {
    where_ = "sources[" + std::to_string(k) + "]";
    ArticleResult a;
    need_object(v, where_);
    a.id = string(member(v, "id"), "id");
    for (const auto& m : array(member(v, "mentions"), "mentions")) {
      need_object(m, "mention");
      Mention x;
      x.span = {count(member(m, "start"), "start"), count(member(m, "end"), "end")};
      x.text = string(member(m, "text"), "text");
      x.type = type(member(m, "type"));
      x.title = string(member(m, "title"), "title");
      x.title_span = span(member(m, "title_span"), "title_span");
      x.entity = index(member(m, "entity"), "entity");
      a.entities.mentions.push_back(std::move(x));
    }
    for (const auto& e : array(member(v, "entities"), "entities")) {
      need_object(e, "entity");
      Entity x;
      x.id = string(member(e, "id"), "id");
      x.type = type(member(e, "type"));
      x.name = string(member(e, "name"), "name");
      x.aliases = strings(member(e, "aliases"), "aliases");
      for (const auto& i : array(member(e, "mentions"), "mentions")) {
        const std::size_t m = count(i, "mentions");
        if (m >= a.entities.mentions.size()) fail("mentions: index " + std::to_string(m) + " out of range");
        x.mentions.push_back(m);
      }
      x.place_kind = string(member(e, "place_kind"), "place_kind");
      x.country_code = string(member(e, "country_code"), "country_code");
      links(e, x.wikidata, x.location);
      x.titles = strings(member(e, "titles"), "titles");
      x.quote = string(member(e, "quote"), "quote");
      a.entities.entities.push_back(std::move(x));
    }
    for (const Mention& m : a.entities.mentions)
      if (m.entity != kNone && m.entity >= a.entities.entities.size()) fail("entity: index out of range");
    for (const auto& r : array(member(v, "relations"), "relations")) {
      need_object(r, "relation");
      Relation x;
      const auto t = relation_type_from_string(string(member(r, "type"), "type"));
      if (!t) fail("type: unknown relation type");
      x.type = *t;
      x.source = index(member(r, "source"), "source");
      x.target = index(member(r, "target"), "target");
      if (x.source >= a.entities.entities.size() || x.target >= a.entities.entities.size())
        fail("source/target: index out of range");
      x.source_span = span(member(r, "source_span"), "source_span");
      x.target_span = span(member(r, "target_span"), "target_span");
      x.sentence = span(member(r, "sentence"), "sentence");
      x.title = string(member(r, "title"), "title");
      x.cue = string(member(r, "cue"), "cue");
      const rapidjson::Value& c = member(r, "confidence");
      if (c.IsNumber())
        x.confidence = c.GetDouble();
      else if (!c.IsNull())
        fail("confidence: expected a number or null");
      a.relations.push_back(std::move(x));
    }
    return a;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(path_ + ": " + where_ + ": " + what +
                     " (not a graph written by 'newsgraph build -o FILE.json')");
  }

 private:
  void need_object(const rapidjson::Value& v, const std::string& what) const {
    if (!v.IsObject()) fail(what + ": expected an object");
  }
  const rapidjson::Value& member(const rapidjson::Value& v, const char* key) const {
    const auto it = v.FindMember(key);
    if (it == v.MemberEnd()) fail(std::string("missing \"") + key + "\"");
    return it->value;
  }
  rapidjson::Value::ConstArray array(const rapidjson::Value& v, const char* what) const {
    if (!v.IsArray()) fail(std::string(what) + ": expected an array");
    return v.GetArray();
  }
  std::string string(const rapidjson::Value& v, const char* what) const {
    if (!v.IsString()) fail(std::string(what) + ": expected a string");
    return std::string(v.GetString(), v.GetStringLength());
  }
  /// The optional links of a node or an entity (json_link_members): "wikidata", a string,
  /// and "lat" with "lon", numbers that geo_point accepts, both or neither.
  void links(const rapidjson::Value& v, std::string& wikidata, std::optional<GeoPoint>& location) const {
    const auto id = v.FindMember("wikidata");
    if (id != v.MemberEnd()) wikidata = string(id->value, "wikidata");
    const auto lat = v.FindMember("lat");
    const auto lon = v.FindMember("lon");
    if (lat == v.MemberEnd() && lon == v.MemberEnd()) return;
    if (lat == v.MemberEnd() || lon == v.MemberEnd()) fail("lat/lon: one without the other");
    if (!lat->value.IsNumber() || !lon->value.IsNumber()) fail("lat/lon: expected numbers");
    location = geo_point(lat->value.GetDouble(), lon->value.GetDouble());
    if (!location) fail("lat/lon: not a point (latitude within 90, longitude within 180 degrees)");
  }
  std::vector<std::string> strings(const rapidjson::Value& v, const char* what) const {
    std::vector<std::string> out;
    for (const auto& s : array(v, what)) out.push_back(string(s, what));
    return out;
  }
  std::size_t count(const rapidjson::Value& v, const char* what) const {
    if (!v.IsUint64()) fail(std::string(what) + ": expected a non-negative integer");
    return static_cast<std::size_t>(v.GetUint64());
  }
  std::size_t index(const rapidjson::Value& v, const char* what) const {
    return v.IsNull() ? kNone : count(v, what);
  }
  Span span(const rapidjson::Value& v, const char* what) const {
    if (!v.IsArray() || v.Size() != 2) fail(std::string(what) + ": expected [start, end]");
    return {count(v[0], what), count(v[1], what)};
  }
  EntityType type(const rapidjson::Value& v) const {
    const auto t = entity_type_from_string(string(v, "type"));
    if (!t) fail("type: unknown entity type");
    return *t;
  }
  std::string path_;
  std::string where_ = "top level";
};

/// The content of the file at `path`. `purpose` says, when the file cannot be opened, what it
/// was wanted for. Throws InputError naming `path`.
std::string read_json_file(const std::string& path, const char* purpose) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open " + purpose);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(path + ": read error");
  return buffer.str();
}

/// Parses `json` into `doc`, iteratively: nesting depth costs heap, not stack, so a file of
/// 150,000 '[' is an error rather than a stack overflow (and nothing below recurses over the
/// document). Throws InputError naming `origin`.
void parse_json_text(std::string_view json, const std::string& origin, rapidjson::Document& doc) {
  doc.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
  if (doc.HasParseError())
    throw InputError(origin + ": not valid JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
                     rapidjson::GetParseError_En(doc.GetParseError()));
}

}  // namespace

std::vector<ArticleResult> parse_json_sources(std::string_view json, const std::string& origin) {
  rapidjson::Document doc;
  parse_json_text(json, origin, doc);
  ExportReader reader(origin);
  if (!doc.IsObject()) reader.fail("expected a JSON object");
  const auto it = doc.FindMember("sources");
  if (it == doc.MemberEnd() || !it->value.IsArray()) reader.fail("no \"sources\" array");
  std::vector<ArticleResult> out;
  std::size_t k = 0;
  for (const auto& v : it->value.GetArray()) out.push_back(reader.article(v, k++));
  return out;
}

Graph parse_json_graph(std::string_view json, const std::string& origin) {
  rapidjson::Document doc;
  parse_json_text(json, origin, doc);
  ExportReader reader(origin);
  if (!doc.IsObject()) reader.fail("expected a JSON object");
  Graph g;
  g[boost::graph_bundle].articles = reader.top_strings(doc, "articles");
  const auto array_member = [&](const char* key) -> const rapidjson::Value& {
    const auto it = doc.FindMember(key);
    if (it == doc.MemberEnd() || !it->value.IsArray()) reader.fail(std::string("no \"") + key + "\" array");
    return it->value;
  };
  const rapidjson::Value& nodes = array_member("nodes");
  const rapidjson::Value& edges = array_member("edges");
  std::map<std::string, Graph::vertex_descriptor> vertex_of;
  std::size_t k = 0;
  for (const auto& v : nodes.GetArray()) {
    Node n = reader.node(v, k++);
    if (vertex_of.count(n.id) > 0) reader.fail("id \"" + n.id + "\" is used by an earlier node");
    const std::string id = n.id;
    vertex_of.emplace(id, boost::add_vertex(std::move(n), g));
  }
  k = 0;
  for (const auto& v : edges.GetArray()) {
    std::string source, target;
    Edge e = reader.edge(v, k++, source, target);
    const auto s = vertex_of.find(source);
    const auto t = vertex_of.find(target);
    if (s == vertex_of.end()) reader.fail("source \"" + source + "\" is not a node id");
    if (t == vertex_of.end()) reader.fail("target \"" + target + "\" is not a node id");
    boost::add_edge(s->second, t->second, std::move(e), g);
  }
  return g;
}

std::vector<ArticleResult> read_json_sources(const std::string& path) {
  return parse_json_sources(read_json_file(path, "the graph to build into"), path);
}

Graph read_json_graph(const std::string& path) {
  return parse_json_graph(read_json_file(path, "the graph"), path);
}

}  // namespace newsgraph
