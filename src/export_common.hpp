// The JSON form of the graph's attributes, shared by the JSON, JSON-LD and GraphML exporters:
// one value per attribute type, object members, evidence lists and the end of a document.
// Internal to the library.
#pragma once

#include <rapidjson/stringbuffer.h>

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "export_text.hpp"
#include "newsgraph/graph.hpp"

namespace newsgraph::export_detail {

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

/// Closes the outermost object of `w`, ends the text with a line feed and moves all that is
/// buffered to `out`: the last step of every JSON document and JSON line written.
template <class Writer>
void end_document(Writer& w, rapidjson::StringBuffer& buf, std::ostream& out) {
  w.EndObject();
  buf.Put('\n');
  drain(buf, out);
}

}  // namespace newsgraph::export_detail
