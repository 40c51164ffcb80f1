// Plain JSON export of the graph, and the JSON Lines of `extract` and `--mentions`.
#include "newsgraph/export_json.hpp"

#include <rapidjson/prettywriter.h>

#include <boost/range/iterator_range.hpp>
#include <string>

#include "export_common.hpp"

namespace newsgraph {
namespace {

using export_detail::json_member;
using export_detail::json_optional_member;
using export_detail::json_string;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

/// The member `key` naming entity `index` of `ents` by its id, or null when the index is
/// unset or out of range, so a half-resolved article still gives a well-formed line.
template <class Writer>
void entity_member(Writer& w, const char* key, const ArticleEntities& ents, std::size_t index) {
  w.Key(key);
  if (index == kNone || index >= ents.entities.size())
    w.Null();
  else
    json_string(w, ents.entities[index].id);
}

/// Where a mention stands and what it says: the members "start", "end", "text" and "type".
template <class Writer>
void mention_members(Writer& w, const Mention& m) {
  export_detail::json_span_members(w, m.span);
  json_member(w, "text", m.text);
  json_member(w, "type", to_string(m.type));
}

}  // namespace

void write_json(std::ostream& out, const Graph& g) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  w.StartObject();
  json_member(w, "articles", g[boost::graph_bundle].articles);

  // Every attribute is present, empty when unknown, so the file can be read back as is.
  w.Key("nodes");
  w.StartArray();
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    w.StartObject();
    json_member(w, "id", n.id);
    json_member(w, "type", to_string(n.type));
    json_member(w, "label", n.label);
    json_member(w, "aliases", n.aliases);
    json_member(w, "mentions", n.mentions);
    json_member(w, "articles", n.articles.size());
    json_member(w, "article_ids", n.articles);
    json_member(w, "place_kind", n.place_kind);
    json_member(w, "country_code", n.country_code);
    json_member(w, "titles", n.titles);
    json_member(w, "quote", n.quote);
    json_member(w, "evidence", n.evidence);
    w.EndObject();
    export_detail::drain(buf, out);
  }
  w.EndArray();

  w.Key("edges");
  w.StartArray();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    w.StartObject();
    json_member(w, "source", g[boost::source(e, g)].id);
    json_member(w, "target", g[boost::target(e, g)].id);
    json_member(w, "relation", to_string(ed.relation));
    json_member(w, "title", ed.title);
    json_member(w, "weight", ed.weight);
    json_member(w, "articles", ed.articles);
    json_member(w, "evidence", ed.evidence);
    w.EndObject();
    export_detail::drain(buf, out);
  }
  w.EndArray();
  export_detail::end_document(w, buf, out);
}

void write_extract_line(std::ostream& out, const ArticleResult& article) {
  const ArticleEntities& ents = article.entities;
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  json_member(w, "id", article.id);

  w.Key("mentions");
  w.StartArray();
  for (const Mention& m : ents.mentions) {
    w.StartObject();
    mention_members(w, m);
    entity_member(w, "entity", ents, m.entity);
    w.EndObject();
  }
  w.EndArray();

  // Attributes that only some entity types have are left out where empty.
  w.Key("entities");
  w.StartArray();
  for (const Entity& ent : ents.entities) {
    w.StartObject();
    json_member(w, "id", ent.id);
    json_member(w, "type", to_string(ent.type));
    json_member(w, "name", ent.name);
    json_member(w, "aliases", ent.aliases);
    json_optional_member(w, "place_kind", ent.place_kind);
    json_optional_member(w, "country_code", ent.country_code);
    json_optional_member(w, "titles", ent.titles);
    json_optional_member(w, "quote", ent.quote);
    w.EndObject();
  }
  w.EndArray();

  w.Key("relations");
  w.StartArray();
  for (const Relation& r : article.relations) {
    w.StartObject();
    json_member(w, "type", to_string(r.type));
    entity_member(w, "source", ents, r.source);
    entity_member(w, "target", ents, r.target);
    json_member(w, "source_span", r.source_span);
    json_member(w, "target_span", r.target_span);
    json_member(w, "sentence", r.sentence);
    json_optional_member(w, "title", r.title);
    json_member(w, "cue", r.cue);
    w.EndObject();
  }
  w.EndArray();
  export_detail::end_document(w, buf, out);
}

void write_mention_lines(std::ostream& out, const std::vector<ArticleResult>& articles,
                         const MergeResult& merged) {
  rapidjson::StringBuffer buf;
  for (std::size_t a = 0; a < articles.size(); ++a) {
    const ArticleResult& article = articles[a];
    // Only mentions that resolved to a node are written; anything unresolved or out of
    // range is skipped rather than guessed.
    if (a >= merged.node_of.size()) continue;
    const auto& node_of = merged.node_of[a];
    for (const Mention& m : article.entities.mentions) {
      if (m.entity == kNone || m.entity >= node_of.size()) continue;
      const std::size_t node = node_of[m.entity];
      if (node >= merged.nodes.size()) continue;
      rapidjson::Writer<rapidjson::StringBuffer> w(buf);
      w.StartObject();
      json_member(w, "article", article.id);
      mention_members(w, m);
      json_member(w, "node", merged.nodes[node].id);
      export_detail::end_document(w, buf, out);
    }
  }
}

}  // namespace newsgraph
