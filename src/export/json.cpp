// Plain JSON export of the graph, and the JSON Lines of `extract` and `--mentions`.
#include "newsgraph/export/json.hpp"

#include <rapidjson/prettywriter.h>

#include <boost/range/iterator_range.hpp>
#include <string>

#include "export/json_common.hpp"

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

/// An index (of an entity), or null for "none".
template <class Writer>
void index_member(Writer& w, const char* key, std::size_t index) {
  w.Key(key);
  if (index == kNone)
    w.Null();
  else
    export_detail::json_uint(w, index);
}

/// How an article's extraction is written: an `extract` line (entities named by id, empty
/// attributes left out) or a graph's source (entities by index, every field the merge and
/// the graph read, so that `build --into` gets back exactly what was extracted).
enum class ArticleForm { ExtractLine, Source };

/// The members "id", "mentions", "entities" and "relations" of one article.
template <class Writer>
void article_members(Writer& w, const ArticleResult& a, ArticleForm form) {
  const ArticleEntities& ents = a.entities;
  const bool source = form == ArticleForm::Source;
  const auto entity_ref = [&](const char* key, std::size_t index) {
    if (source)
      index_member(w, key, index);
    else
      entity_member(w, key, ents, index);
  };
  const auto attribute = [&](const char* key, const auto& value) {
    if (source)
      json_member(w, key, value);
    else
      json_optional_member(w, key, value);
  };
  json_member(w, "id", a.id);
  w.Key("mentions");
  w.StartArray();
  for (const Mention& m : ents.mentions) {
    w.StartObject();
    mention_members(w, m);
    if (source) {
      json_member(w, "title", m.title);
      json_member(w, "title_span", m.title_span);
    }
    entity_ref("entity", m.entity);
    w.EndObject();
  }
  w.EndArray();
  w.Key("entities");
  w.StartArray();
  for (const Entity& e : ents.entities) {
    w.StartObject();
    json_member(w, "id", e.id);
    json_member(w, "type", to_string(e.type));
    json_member(w, "name", e.name);
    json_member(w, "aliases", e.aliases);
    if (source) json_member(w, "mentions", e.mentions);
    attribute("place_kind", e.place_kind);
    attribute("country_code", e.country_code);
    export_detail::json_link_members(w, e.wikidata, e.location);
    attribute("titles", e.titles);
    attribute("quote", e.quote);
    w.EndObject();
  }
  w.EndArray();
  w.Key("relations");
  w.StartArray();
  for (const Relation& r : a.relations) {
    w.StartObject();
    json_member(w, "type", to_string(r.type));
    entity_ref("source", r.source);
    entity_ref("target", r.target);
    json_member(w, "source_span", r.source_span);
    json_member(w, "target_span", r.target_span);
    json_member(w, "sentence", r.sentence);
    attribute("title", r.title);
    json_member(w, "cue", r.cue);
    if (r.confidence) {
      w.Key("confidence");
      w.Double(*r.confidence);
    } else if (source) {
      w.Key("confidence");
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void write_json(std::ostream& out, const Graph& g, const std::vector<ArticleResult>* sources) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  w.StartObject();
  json_member(w, "articles", g[boost::graph_bundle].articles);

  // Every attribute is present, empty when unknown, so the file can be read back as is; only
  // the links (wikidata, lat, lon) are left out when unknown.
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
    export_detail::json_link_members(w, n.wikidata, n.location);
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
    json_member(w, "cameo", cameo_root(ed.relation));
    json_member(w, "weight", ed.weight);
    json_member(w, "articles", ed.articles);
    json_member(w, "evidence", ed.evidence);
    w.EndObject();
    export_detail::drain(buf, out);
  }
  w.EndArray();

  if (sources != nullptr) {
    w.Key("sources");
    w.StartArray();
    for (const ArticleResult& a : *sources) {
      w.StartObject();
      article_members(w, a, ArticleForm::Source);
      w.EndObject();
      export_detail::drain(buf, out);
    }
    w.EndArray();
  }
  export_detail::end_document(w, buf, out);
}

void write_extract_line(std::ostream& out, const ArticleResult& article) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  article_members(w, article, ArticleForm::ExtractLine);
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
      json_optional_member(w, "wikidata", merged.nodes[node].wikidata);
      export_detail::end_document(w, buf, out);
    }
  }
}

}  // namespace newsgraph
