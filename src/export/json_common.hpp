// The JSON form of the graph's attributes, shared by the JSON, JSON-LD and GraphML exporters:
// one value per attribute type, object members, evidence lists, links and the end of a
// document; and
// evidence as parallel columns, shared by the Cypher and Neo4j CSV exporters.
// Internal to the library.
#pragma once

#include <rapidjson/stringbuffer.h>

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "export/text.hpp"
#include "newsgraph/vocab/graph.hpp"

namespace newsgraph::export_detail {

/// A node's evidence as parallel columns, one item per mention in the evidence's order: the form
/// of the Cypher and Neo4j CSV exports, whose properties are scalars or lists of scalars.
struct NodeEvidenceColumns {
  std::vector<std::string> articles;
  std::vector<std::size_t> starts, ends;
};

inline NodeEvidenceColumns evidence_columns(const Node& n) {
  NodeEvidenceColumns out;
  for (const MentionEvidence& ev : n.evidence) {
    out.articles.push_back(ev.article);
    out.starts.push_back(ev.span.begin);
    out.ends.push_back(ev.span.end);
  }
  return out;
}

/// An edge's evidence as parallel columns, one item per statement in the evidence's order: the
/// same form for the article, the sentence's span and the spans of the source and target.
struct EdgeEvidenceColumns {
  std::vector<std::string> articles;
  std::vector<std::size_t> sentence_starts, sentence_ends, source_starts, source_ends, target_starts,
      target_ends;
};

inline EdgeEvidenceColumns evidence_columns(const Edge& e) {
  EdgeEvidenceColumns out;
  for (const EdgeEvidence& ev : e.evidence) {
    out.articles.push_back(ev.article);
    out.sentence_starts.push_back(ev.sentence.begin);
    out.sentence_ends.push_back(ev.sentence.end);
    out.source_starts.push_back(ev.source.begin);
    out.source_ends.push_back(ev.source.end);
    out.target_starts.push_back(ev.target.begin);
    out.target_ends.push_back(ev.target.end);
  }
  return out;
}

/// A span's bounds as the members "start" and "end" of the object being written.
template <class Writer>
void json_span_members(Writer& w, const Span& s) {
  w.Key("start");
  json_uint(w, s.begin);
  w.Key("end");
  json_uint(w, s.end);
}

/// A string, made valid UTF-8.
template <class Writer>
void json_value(Writer& w, std::string_view s) {
  json_string(w, s);
}

/// A count.
template <class Writer>
void json_value(Writer& w, std::size_t n) {
  json_uint(w, n);
}

/// A span as the two-element array [begin, end].
template <class Writer>
void json_value(Writer& w, const Span& s) {
  w.StartArray();
  json_uint(w, s.begin);
  json_uint(w, s.end);
  w.EndArray();
}

/// Where a node was mentioned: {"article", "start", "end"}.
template <class Writer>
void json_value(Writer& w, const MentionEvidence& ev) {
  w.StartObject();
  w.Key("article");
  json_string(w, ev.article);
  json_span_members(w, ev.span);
  w.EndObject();
}

/// A statement behind an edge: {"article", "sentence", "source", "target"}, each span as
/// [begin, end].
template <class Writer>
void json_value(Writer& w, const EdgeEvidence& ev) {
  w.StartObject();
  w.Key("article");
  json_string(w, ev.article);
  w.Key("sentence");
  json_value(w, ev.sentence);
  w.Key("source");
  json_value(w, ev.source);
  w.Key("target");
  json_value(w, ev.target);
  w.EndObject();
}

/// A list (of strings, or of evidence) as an array of its items, in order.
template <class Writer, class Item>
void json_value(Writer& w, const std::vector<Item>& items) {
  w.StartArray();
  for (const Item& item : items) json_value(w, item);
  w.EndArray();
}

/// One object member: `key`, then `value` in its JSON form.
template <class Writer, class T>
void json_member(Writer& w, const char* key, const T& value) {
  w.Key(key);
  json_value(w, value);
}

/// The same member, left out when `value` (a string or a list) is empty.
template <class Writer, class T>
void json_optional_member(Writer& w, const char* key, const T& value) {
  if (!value.empty()) json_member(w, key, value);
}

/// A number written as the given text (a coordinate from format_degrees: "55.75580"), so that
/// it reads back to the value it was made from.
template <class Writer>
void json_raw_number(Writer& w, const std::string& text) {
  w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
}

/// The links of a node or an entity, each member only when known: "wikidata" (a string), then
/// "lat" and "lon" (numbers with 5 decimals, location_text). Readers take their absence as
/// unknown.
template <class Writer>
void json_link_members(Writer& w, const std::string& wikidata, const std::optional<GeoPoint>& location) {
  json_optional_member(w, "wikidata", wikidata);
  if (const auto text = location_text(location)) {
    w.Key("lat");
    json_raw_number(w, text->latitude);
    w.Key("lon");
    json_raw_number(w, text->longitude);
  }
}

/// Closes the outermost object of `w`, ends the text with a line feed and moves all that is
/// buffered to `out`: the last step of every JSON document and JSON line written.
template <class Writer>
void end_document(Writer& w, rapidjson::StringBuffer& buf, std::ostream& out) {
  w.EndObject();
  buf.Put('\n');
  drain(buf, out);
}

}  // namespace newsgraph::export_detail
