// Plain JSON export of the graph, and the JSON Lines of `extract` and `--mentions`.
#include "newsgraph/export_json.hpp"

#include <rapidjson/prettywriter.h>

#include <boost/range/iterator_range.hpp>
#include <string>

#include "export_text.hpp"

namespace newsgraph {
namespace {

using export_detail::json_span;
using export_detail::json_string;
using export_detail::json_string_array;
using export_detail::json_uint;

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

/// The id of entity `index` of `ents` as a JSON string, or null when the index is unset or
/// out of range, so a half-resolved article still gives a well-formed line.
template <class Writer>
void entity_ref(Writer& w, const ArticleEntities& ents, std::size_t index) {
  if (index == kNone || index >= ents.entities.size())
    w.Null();
  else
    json_string(w, ents.entities[index].id);
}

template <class Writer>
void optional_string(Writer& w, const char* key, const std::string& value) {
  if (value.empty()) return;
  w.Key(key);
  json_string(w, value);
}

}  // namespace

void write_json(std::ostream& out, const Graph& g) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("articles");
  json_string_array(w, g[boost::graph_bundle].articles);

  // Every attribute is present, empty when unknown, so the file can be read back as is.
  w.Key("nodes");
  w.StartArray();
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    w.StartObject();
    w.Key("id");
    json_string(w, n.id);
    w.Key("type");
    json_string(w, to_string(n.type));
    w.Key("label");
    json_string(w, n.label);
    w.Key("aliases");
    json_string_array(w, n.aliases);
    w.Key("mentions");
    json_uint(w, n.mentions);
    w.Key("articles");
    json_uint(w, n.articles.size());
    w.Key("article_ids");
    json_string_array(w, n.articles);
    w.Key("place_kind");
    json_string(w, n.place_kind);
    w.Key("country_code");
    json_string(w, n.country_code);
    w.Key("titles");
    json_string_array(w, n.titles);
    w.Key("quote");
    json_string(w, n.quote);
    w.Key("evidence");
    w.StartArray();
    for (const auto& ev : n.evidence) {
      w.StartObject();
      w.Key("article");
      json_string(w, ev.article);
      w.Key("start");
      json_uint(w, ev.span.begin);
      w.Key("end");
      json_uint(w, ev.span.end);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    export_detail::drain(buf, out);
  }
  w.EndArray();

  w.Key("edges");
  w.StartArray();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    w.StartObject();
    w.Key("source");
    json_string(w, g[boost::source(e, g)].id);
    w.Key("target");
    json_string(w, g[boost::target(e, g)].id);
    w.Key("relation");
    json_string(w, to_string(ed.relation));
    w.Key("title");
    json_string(w, ed.title);
    w.Key("weight");
    json_uint(w, ed.weight);
    w.Key("articles");
    json_uint(w, ed.articles);
    w.Key("evidence");
    w.StartArray();
    for (const auto& ev : ed.evidence) {
      w.StartObject();
      w.Key("article");
      json_string(w, ev.article);
      w.Key("sentence");
      json_span(w, ev.sentence);
      w.Key("source");
      json_span(w, ev.source);
      w.Key("target");
      json_span(w, ev.target);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    export_detail::drain(buf, out);
  }
  w.EndArray();
  w.EndObject();
  buf.Put('\n');
  export_detail::drain(buf, out);
}

void write_extract_line(std::ostream& out, const ArticleResult& article) {
  const ArticleEntities& ents = article.entities;
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("id");
  json_string(w, article.id);

  w.Key("mentions");
  w.StartArray();
  for (const Mention& m : ents.mentions) {
    w.StartObject();
    w.Key("start");
    json_uint(w, m.span.begin);
    w.Key("end");
    json_uint(w, m.span.end);
    w.Key("text");
    json_string(w, m.text);
    w.Key("type");
    json_string(w, to_string(m.type));
    w.Key("entity");
    entity_ref(w, ents, m.entity);
    w.EndObject();
  }
  w.EndArray();

  w.Key("entities");
  w.StartArray();
  for (const Entity& ent : ents.entities) {
    w.StartObject();
    w.Key("id");
    json_string(w, ent.id);
    w.Key("type");
    json_string(w, to_string(ent.type));
    w.Key("name");
    json_string(w, ent.name);
    w.Key("aliases");
    json_string_array(w, ent.aliases);
    optional_string(w, "place_kind", ent.place_kind);
    optional_string(w, "country_code", ent.country_code);
    if (!ent.titles.empty()) {
      w.Key("titles");
      json_string_array(w, ent.titles);
    }
    optional_string(w, "quote", ent.quote);
    w.EndObject();
  }
  w.EndArray();

  w.Key("relations");
  w.StartArray();
  for (const Relation& r : article.relations) {
    w.StartObject();
    w.Key("type");
    json_string(w, to_string(r.type));
    w.Key("source");
    entity_ref(w, ents, r.source);
    w.Key("target");
    entity_ref(w, ents, r.target);
    w.Key("source_span");
    json_span(w, r.source_span);
    w.Key("target_span");
    json_span(w, r.target_span);
    w.Key("sentence");
    json_span(w, r.sentence);
    optional_string(w, "title", r.title);
    w.Key("cue");
    json_string(w, r.cue);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  buf.Put('\n');
  export_detail::drain(buf, out);
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
      w.Key("article");
      json_string(w, article.id);
      w.Key("start");
      json_uint(w, m.span.begin);
      w.Key("end");
      json_uint(w, m.span.end);
      w.Key("text");
      json_string(w, m.text);
      w.Key("type");
      json_string(w, to_string(m.type));
      w.Key("node");
      json_string(w, merged.nodes[node].id);
      w.EndObject();
      buf.Put('\n');
      export_detail::drain(buf, out);
    }
  }
}

}  // namespace newsgraph
