// Hand-built graphs, small decoders and readers of the output shared by the exporter tests.
#pragma once

#include <rapidjson/document.h>

#include <boost/range/iterator_range.hpp>
#include <catch2/catch.hpp>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/export/export.hpp"
#include "newsgraph/render/outputs.hpp"
#include "newsgraph/vocab/graph.hpp"

namespace export_test {

using newsgraph::EdgeEvidence;
using newsgraph::EntityType;
using newsgraph::Format;
using newsgraph::Graph;
using newsgraph::MentionEvidence;
using newsgraph::Node;
using newsgraph::RelationType;
using newsgraph::Span;

/// A node with the given id, type and label; the rest filled in plausibly by the caller.
inline Node make_node(std::string id, EntityType type, std::string label) {
  Node n;
  n.id = std::move(id);
  n.type = type;
  n.label = std::move(label);
  return n;
}

inline Graph::vertex_descriptor add_node(Graph& g, const Node& n) { return boost::add_vertex(n, g); }

inline void add_edge(Graph& g, Graph::vertex_descriptor s, Graph::vertex_descriptor t, RelationType rel,
                     std::size_t weight, std::size_t articles, std::string title = {},
                     std::vector<EdgeEvidence> evidence = {}) {
  newsgraph::Edge e;
  e.relation = rel;
  e.title = std::move(title);
  e.weight = weight;
  e.articles = articles;
  e.evidence = std::move(evidence);
  boost::add_edge(s, t, e, g);
}

/// Five entities of every type across two articles, with a titled holds_position edge, a
/// symmetric met_with, a quotation and weights above one; the organization and the place have
/// Wikidata ids, the place coordinates. Names of persons are invented.
inline Graph small_graph() {
  Graph g;
  g[boost::graph_bundle].articles = {"a1", "a2"};

  Node un = make_node("organization/united-nations", EntityType::Organization, "United Nations");
  un.aliases = {"UN", "U.N."};
  un.wikidata = "Q1065";
  un.mentions = 3;
  un.articles = {"a1", "a2"};
  un.evidence = {{"a1", {40, 54}}, {"a2", {0, 2}}, {"a2", {88, 92}}};

  Node anna = make_node("person/anna-varga", EntityType::Person, "Anna Varga");
  anna.aliases = {"Varga"};
  anna.mentions = 4;
  anna.articles = {"a1", "a2"};
  anna.titles = {"Secretary-General"};
  anna.evidence = {{"a1", {0, 10}}, {"a1", {120, 125}}, {"a2", {10, 20}}, {"a2", {200, 205}}};

  Node omar = make_node("person/omar-lindqvist", EntityType::Person, "Omar Lindqvist");
  omar.mentions = 1;
  omar.articles = {"a2"};
  omar.evidence = {{"a2", {30, 44}}};

  Node geneva = make_node("place/geneva", EntityType::Place, "Geneva");
  geneva.mentions = 2;
  geneva.articles = {"a1", "a2"};
  geneva.place_kind = "city";
  geneva.country_code = "CH";
  geneva.wikidata = "Q71";
  geneva.location = newsgraph::GeoPoint{46.20222, 6.14569};
  geneva.evidence = {{"a1", {60, 66}}, {"a2", {50, 56}}};

  Node quote = make_node("quotation/we-will-keep-talking-3f2a", EntityType::Quotation,
                         "We will keep talking until there is an agreement that every side can sign.");
  quote.quote = "We will keep talking until there is an agreement that every side can sign.";
  quote.mentions = 1;
  quote.articles = {"a1"};
  quote.evidence = {{"a1", {140, 214}}};

  // Vertices in node id order, as build_graph guarantees.
  const auto v_un = add_node(g, un);
  const auto v_anna = add_node(g, anna);
  const auto v_omar = add_node(g, omar);
  const auto v_geneva = add_node(g, geneva);
  const auto v_quote = add_node(g, quote);

  add_edge(g, v_un, v_geneva, RelationType::BasedIn, 1, 1, {}, {{"a1", {30, 70}, {40, 54}, {60, 66}}});
  add_edge(g, v_anna, v_un, RelationType::HoldsPosition, 2, 2, "Secretary-General",
           {{"a1", {0, 60}, {0, 10}, {40, 54}}, {"a2", {0, 30}, {10, 20}, {0, 2}}});
  add_edge(g, v_anna, v_omar, RelationType::MetWith, 4, 1, {},
           {{"a2", {0, 60}, {10, 20}, {30, 44}},
            {"a2", {61, 100}, {61, 66}, {70, 78}},
            {"a2", {101, 150}, {101, 106}, {120, 128}},
            {"a2", {151, 210}, {200, 205}, {180, 188}}});
  add_edge(g, v_anna, v_quote, RelationType::Said, 1, 1, {}, {{"a1", {115, 216}, {120, 125}, {140, 214}}});
  add_edge(g, v_omar, v_geneva, RelationType::Visited, 1, 1, {}, {{"a2", {30, 60}, {30, 44}, {50, 56}}});
  return g;
}

/// Strings that break naive writers: quotes, backslashes, line breaks, markup, every kind of
/// control character, noncharacters, emoji and other scripts, syntax of each output format.
inline std::vector<std::string> nasty_strings() {
  return {
      "He said \"no\" and left",
      "back\\slash\\",
      "line one\nline two",
      "windows\r\nline end",
      "tab\there",
      "<b attr='x' other=\"y\">&amp; & co</b>",
      std::string("nul\0byte", 8),
      "\x01\x02\x08\x0b\x0c\x1b\x1f\x7f controls",
      "C1 \xc2\x80\xc2\x85\xc2\x9f end",
      "nonchar \xef\xbf\xbe\xef\xbf\xbf end",
      "emoji \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 "
      "\xf0\x9f\x87\xba\xf0\x9f\x87\xa6",
      "combining e\xcc\x81 and \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 and \xe4\xb8\xad\xe6\x96\x87",
      "line sep \xe2\x80\xa8 para sep \xe2\x80\xa9",
      "graphviz \\N \\G \\l \\r \\E",
      "a\"]; \"b\" -> \"c\" [label=\"x",
      "]]> <!-- --> <?xml?>",
      "@id @context {\"@graph\": []}",
      "",
      "   ",
  };
}

/// The coordinates of the places of nasty_graph(), in order: the corners of the ranges, points
/// that round to zero from either side, and more decimals than are written.
inline std::vector<newsgraph::GeoPoint> nasty_points() {
  return {
      {-90, -180}, {90, 180}, {0.000004, -0.000004}, {-33.868204999, 151.207324999}, {51.507351, -0.127758}};
}

/// A graph whose every string attribute, ids included, holds one nasty string (the string at
/// index i is used by node i): the Wikidata id too, so the exporters must escape it even though
/// real ids are Q and digits. Quotations, places (with nasty_points() as coordinates) and
/// titled edges are all present.
inline Graph nasty_graph() {
  Graph g;
  const auto strings = nasty_strings();
  const auto points = nasty_points();
  g[boost::graph_bundle].articles = {"plain", "art\"icle\n<1>"};
  std::vector<Graph::vertex_descriptor> vs;
  const EntityType types[] = {EntityType::Person, EntityType::Organization, EntityType::Place,
                              EntityType::Quotation};
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const std::string& s = strings[i];
    const EntityType t = types[i % 4];
    Node n = make_node("node/" + std::to_string(i) + "/" + s, t, s);
    n.aliases = {s, "alias " + s};
    n.mentions = i;
    n.articles = {"art\"icle\n<1>", s};
    n.titles = {s};
    n.wikidata = s;
    if (t == EntityType::Place) {
      n.place_kind = s;
      n.country_code = s;
      n.location = points[(i / 4) % points.size()];
    }
    if (t == EntityType::Quotation) n.quote = s;
    n.evidence = {{s, {i, i + 1}}};
    vs.push_back(add_node(g, n));
  }
  for (std::size_t i = 0; i + 1 < vs.size(); ++i) {
    const RelationType rel = i % 3 == 0   ? RelationType::HoldsPosition
                             : i % 3 == 1 ? RelationType::MetWith
                                          : RelationType::Criticized;
    add_edge(g, vs[i], vs[i + 1], rel, i + 1, 1,
             rel == RelationType::HoldsPosition ? strings[i] : std::string(),
             {{strings[i], {i, i + 10}, {i, i + 1}, {i + 2, i + 3}}});
  }
  return g;
}

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2, cp = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3, cp = b & 0x0Fu;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4, cp = b & 0x07u;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

/// Appends the UTF-8 encoding of `cp`. Like valid_utf8() above, deliberately independent of
/// the library's own UTF-8 code: the tests build the expected readings of the output with
/// it, so it must not share a mistake with the code under test.
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// `g` as written by write_graph in format `f`.
inline std::string render(const Graph& g, Format f) {
  std::ostringstream out;
  newsgraph::write_graph(out, g, f);
  return out.str();
}

/// `text` parsed as one JSON document; fails the test, saying where, when it is not one.
inline rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  INFO("JSON parse error " << doc.GetParseError() << " at " << doc.GetErrorOffset());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

/// The string `v` holds, NUL bytes included; fails the test when `v` is not a string.
inline std::string str(const rapidjson::Value& v) {
  REQUIRE(v.IsString());
  return std::string(v.GetString(), v.GetStringLength());
}

/// Reads the file at `path` whole; "" when it cannot be opened.
std::string read_file(const std::string& path);

/// Compares `actual` with the golden file tests/golden/<name>. With the environment
/// variable NEWSGRAPH_UPDATE_GOLDEN=1 the golden file is rewritten instead.
void check_golden(const std::string& name, const std::string& actual);

/// The graph the drawing tests filter: nine nodes of every type, one of them without edges (Zed Quiet, the
/// most mentioned), a quotation, and edges of weights 1 to 4. Names are invented; vertices are in id order.
inline Graph drawing_graph() {
  Graph g;
  g[boost::graph_bundle].articles = {"a1", "a2"};
  const auto node = [&](std::string id, EntityType type, std::string label, std::size_t mentions,
                        std::vector<std::string> aliases = {}) {
    Node n = make_node(std::move(id), type, std::move(label));
    n.mentions = mentions;
    n.aliases = std::move(aliases);
    n.articles = {"a1"};
    return add_node(g, n);
  };
  const auto leaders = node("group/european-leaders", EntityType::Group, "European leaders", 2);
  const auto nato =
      node("organization/nato", EntityType::Organization, "NATO", 5, {"North Atlantic Alliance"});
  const auto anna = node("person/anna-varga", EntityType::Person, "Anna Varga", 7, {"Varga"});
  const auto lena = node("person/lena-ek", EntityType::Person, "Lena Ek", 1);
  const auto omar = node("person/omar-lindqvist", EntityType::Person, "Omar Lindqvist", 3);
  node("person/zed-quiet", EntityType::Person, "Zed Quiet", 9);
  const auto geneva = node("place/geneva", EntityType::Place, "Geneva", 2);
  const auto swiss = node("place/switzerland", EntityType::Place, "Switzerland", 1);
  Node q = make_node("quotation/we-will-talk", EntityType::Quotation, "We will talk until everyone signs.");
  q.quote = "We will talk until everyone signs.";
  q.mentions = 1;
  const auto quote = add_node(g, q);

  add_edge(g, anna, nato, RelationType::HoldsPosition, 3, 2, "Secretary General");
  add_edge(g, anna, omar, RelationType::MetWith, 1, 1);
  add_edge(g, anna, quote, RelationType::Said, 1, 1);
  add_edge(g, leaders, anna, RelationType::Accused, 1, 1);
  add_edge(g, lena, omar, RelationType::Criticized, 1, 1);
  add_edge(g, omar, geneva, RelationType::Visited, 2, 1);
  add_edge(g, geneva, swiss, RelationType::LocatedIn, 4, 2);
  return g;
}

/// The node ids of `g`, in vertex order.
inline std::vector<std::string> node_ids(const Graph& g) {
  std::vector<std::string> out;
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) out.push_back(g[v].id);
  return out;
}

/// The edges of `g` as "source relation target", in edge order.
inline std::vector<std::string> edge_names(const Graph& g) {
  std::vector<std::string> out;
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    out.push_back(g[boost::source(e, g)].id + " " + std::string(to_string(g[e].relation)) + " " +
                  g[boost::target(e, g)].id);
  return out;
}

}  // namespace export_test
