// Every exporter against strings that break naive writers: each output must stay valid and
// carry the strings through (exactly for JSON, by the documented rules for DOT and XML).
#include <rapidjson/document.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <set>

#include "newsgraph/export/export.hpp"
#include "support/export_fixtures.hpp"

namespace {

using namespace newsgraph;
using export_test::append_utf8;
using export_test::nasty_strings;
using export_test::parse;
using export_test::render;
using export_test::str;

std::uint32_t decode(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  std::uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += len;
  return cp;
}

/// What a DOT label must read back as: CR dropped, LF kept, other C0, DEL and C1 as spaces.
std::string dot_expected(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::uint32_t cp = decode(s, i);
    if (cp == '\r') continue;
    if (cp != '\n' && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)))
      out += ' ';
    else
      append_utf8(out, cp);
  }
  return out;
}

/// What an XML text must read back as: the characters XML 1.0 forbids removed.
std::string xml_expected(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::uint32_t cp = decode(s, i);
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF) continue;
    append_utf8(out, cp);
  }
  return out;
}

/// The quoted strings of one DOT statement, unescaped. Fails the test on any escape other
/// than \" \\ \n and on raw control characters inside or outside the strings.
std::vector<std::string> dot_strings(const std::string& line) {
  INFO(line);
  const auto is_control = [](unsigned char c) { return c < 0x20 || c == 0x7F; };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (is_control(static_cast<unsigned char>(line[i]))) FAIL("raw control character outside quotes");
    if (line[i] != '"') continue;
    std::string value;
    for (++i;; ++i) {
      if (i >= line.size()) FAIL("unterminated string");
      const auto d = static_cast<unsigned char>(line[i]);
      if (is_control(d)) FAIL("raw control character in a string");
      if (d == '"') break;
      if (d == '\\') {
        const char e = i + 1 < line.size() ? line[++i] : '\0';
        if (e != '"' && e != '\\' && e != 'n') FAIL("escape \\" << e);
        value += e == 'n' ? '\n' : e;
      } else {
        value += static_cast<char>(d);
      }
    }
    out.push_back(value);
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl = s.find('\n'); nl != std::string::npos; nl = s.find('\n', start)) {
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  if (start < s.size()) lines.push_back(s.substr(start));
  return lines;
}

/// XML character data or attribute value, unescaped; nullopt for a bare '&', '<' or '>' or
/// an unknown entity.
std::optional<std::string> xml_unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' || s[i] == '>' || s[i] == '"') return std::nullopt;
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) return std::nullopt;
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out += '&';
    else if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "quot")
      out += '"';
    else if (ent == "apos")
      out += '\'';
    else if (ent.size() > 1 && ent[0] == '#' &&
             ent.find_first_not_of("0123456789", 1) == std::string_view::npos)
      append_utf8(out, static_cast<std::uint32_t>(std::stoul(std::string(ent.substr(1)))));
    else
      return std::nullopt;
    i = semi;
  }
  return out;
}

/// One GraphML element (node or edge): its attributes and its data values by key, unescaped.
struct XmlItem {
  std::map<std::string, std::string> attrs;
  std::map<std::string, std::string> data;
};

/// The <node> or <edge> elements of a GraphML document this writer produced, in order.
std::vector<XmlItem> graphml_items(const std::string& doc, const std::string& tag) {
  std::vector<XmlItem> items;
  const std::string open = "<" + tag + " ";
  const std::string close = "</" + tag + ">";
  for (std::size_t at = doc.find(open); at != std::string::npos; at = doc.find(open, at + 1)) {
    XmlItem item;
    const std::size_t head_end = doc.find('>', at);
    REQUIRE(head_end != std::string::npos);
    const std::string head = doc.substr(at + open.size(), head_end - at - open.size());
    for (std::size_t p = 0; p < head.size();) {
      const std::size_t eq = head.find("=\"", p);
      if (eq == std::string::npos) break;
      const std::size_t end = head.find('"', eq + 2);
      REQUIRE(end != std::string::npos);
      std::string name = head.substr(p, eq - p);
      name.erase(0, name.find_first_not_of(' '));
      const auto value = xml_unescape(head.substr(eq + 2, end - eq - 2));
      REQUIRE(value);
      item.attrs[name] = *value;
      p = end + 1;
    }
    const std::size_t body_end = doc.find(close, head_end);
    REQUIRE(body_end != std::string::npos);
    const std::string body = doc.substr(head_end + 1, body_end - head_end - 1);
    for (std::size_t d = body.find("<data key=\""); d != std::string::npos;
         d = body.find("<data key=\"", d + 1)) {
      const std::size_t key_end = body.find('"', d + 11);
      const std::size_t value_end = body.find("</data>", key_end);
      REQUIRE(value_end != std::string::npos);
      const auto value = xml_unescape(body.substr(key_end + 2, value_end - key_end - 2));
      INFO(body.substr(key_end + 2, value_end - key_end - 2));
      REQUIRE(value);
      item.data[body.substr(d + 11, key_end - d - 11)] = *value;
    }
    items.push_back(item);
  }
  return items;
}

std::vector<std::string> json_strings(const rapidjson::Value& v) {
  std::vector<std::string> out;
  REQUIRE(v.IsArray());
  for (const auto& x : v.GetArray()) {
    REQUIRE(x.IsString());
    out.emplace_back(x.GetString(), x.GetStringLength());
  }
  return out;
}

}  // namespace

TEST_CASE("DOT keeps every nasty string inside escaped quoted strings", "[export][dot]") {
  const auto strings = nasty_strings();
  const Graph g = export_test::nasty_graph();
  const std::string dot = render(g, Format::Dot);
  REQUIRE(export_test::valid_utf8(dot));
  // One line per statement: no line break of the data reaches the output raw.
  const auto lines = split_lines(dot);
  REQUIRE(lines.size() == 4 + boost::num_vertices(g) + boost::num_edges(g) + 1);
  CHECK(lines.back() == "}");

  for (std::size_t i = 0; i < strings.size(); ++i) {
    const std::string& s = strings[i];
    INFO("nasty string #" << i);
    const auto quoted = dot_strings(lines[4 + i]);
    const std::string id = "node/" + std::to_string(i) + "/" + s;
    REQUIRE(quoted.size() >= 3);
    CHECK(quoted[0] == dot_expected(id));
    CHECK(quoted[2] == dot_expected(s.empty() ? id : s));
    // Then the tooltip of a quotation, the Wikidata id, a place's coordinates.
    std::size_t k = 3;
    if (g[i].type == EntityType::Quotation) {
      REQUIRE(quoted.size() > k);
      CHECK(quoted[k++] == dot_expected(s));
    }
    if (!s.empty()) {
      REQUIRE(quoted.size() > k);
      CHECK(lines[4 + i].find(", wikidata=\"") != std::string::npos);
      CHECK(quoted[k++] == dot_expected(s));
    }
    if (g[i].location) {
      REQUIRE(quoted.size() == k + 2);
      CHECK(quoted[k] == newsgraph::format_degrees(g[i].location->latitude));
      CHECK(quoted[k + 1] == newsgraph::format_degrees(g[i].location->longitude));
      k += 2;
    }
    CHECK(quoted.size() == k);
  }
  std::size_t i = 0;
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    INFO("edge #" << i);
    const auto quoted = dot_strings(lines[4 + strings.size() + i]);
    REQUIRE(quoted.size() == 4);
    CHECK(quoted[0] == dot_expected("node/" + std::to_string(i) + "/" + strings[i]));
    CHECK(quoted[1] == dot_expected("node/" + std::to_string(i + 1) + "/" + strings[i + 1]));
    std::string label(to_string(g[e].relation));
    if (!g[e].title.empty()) label += "\n" + dot_expected(g[e].title);
    CHECK(quoted[2] == label);
    ++i;
  }
}

TEST_CASE("DOT escaping rules, one string at a time", "[export][dot]") {
  struct Row {
    std::string in;
    std::string out;  // the quoted DOT string written for it
  };
  const Row rows[] = {
      {"plain", "\"plain\""},
      {"say \"hi\"", R"("say \"hi\"")"},
      {"a\\b", R"("a\\b")"},
      {"end\\", R"("end\\")"},
      {"\\N\\G", R"("\\N\\G")"},
      {"one\ntwo", R"("one\ntwo")"},
      {"one\r\ntwo", R"("one\ntwo")"},
      {"t\tab", "\"t ab\""},
      {std::string("n\0l", 3), "\"n l\""},
      {"del\x7f", "\"del \""},
      {"c1\xc2\x85", "\"c1 \""},
      {"bad\xff", "\"bad\xef\xbf\xbd\""},
      {"\xe2\x80\xa8", "\"\xe2\x80\xa8\""},
  };
  for (const auto& row : rows) {
    Graph g;
    boost::add_vertex(export_test::make_node("person/x", EntityType::Person, row.in), g);
    const std::string dot = render(g, Format::Dot);
    INFO(dot);
    CHECK(dot.find("label=" + row.out + "];\n") != std::string::npos);
  }
}

TEST_CASE("GraphML escapes markup and drops what XML forbids", "[export][graphml]") {
  const auto strings = nasty_strings();
  const Graph g = export_test::nasty_graph();
  const std::string xml = render(g, Format::GraphML);
  REQUIRE(export_test::valid_utf8(xml));
  const std::size_t raw_control = std::find_if(xml.begin(), xml.end(),
                                               [](char ch) {
                                                 const auto c = static_cast<unsigned char>(ch);
                                                 return (c < 0x20 && c != '\n') || c == 0x7F;
                                               }) -
                                  xml.begin();
  CHECK(raw_control == xml.size());
  CHECK(xml.find("\xef\xbf\xbe") == std::string::npos);
  CHECK(xml.find("\xef\xbf\xbf") == std::string::npos);
  // Every line is markup: no data escaped its element.
  for (const auto& line : split_lines(xml)) {
    INFO(line);
    CHECK(line.find_first_not_of(' ') != std::string::npos);
    CHECK(line[line.find_first_not_of(' ')] == '<');
  }

  const auto nodes = graphml_items(xml, "node");
  REQUIRE(nodes.size() == strings.size());
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const std::string& s = strings[i];
    INFO("nasty string #" << i);
    const auto& n = nodes[i];
    CHECK(n.attrs.at("id") == xml_expected("node/" + std::to_string(i) + "/" + s));
    if (s.empty()) {
      CHECK(n.data.count("n_label") == 0);
    } else {
      CHECK(n.data.at("n_label") == xml_expected(s));
    }
    // Lists travel as JSON inside XML and read back exactly, control characters included.
    const auto aliases = parse(n.data.at("n_aliases"));
    CHECK(json_strings(aliases) == std::vector<std::string>{s, "alias " + s});
    const auto evidence = parse(n.data.at("n_evidence"));
    REQUIRE(evidence.IsArray());
    REQUIRE(evidence.Size() == 1);
    CHECK(str(evidence[0]["article"]) == s);
    CHECK(evidence[0]["start"].GetUint64() == i);
    CHECK(n.data.at("n_mentions") == std::to_string(i));
    CHECK(n.data.at("labels") == ":" + std::string(to_string(g[i].type)));
    CHECK(n.attrs.at("labels") == n.data.at("labels"));
  }

  const auto edges = graphml_items(xml, "edge");
  REQUIRE(edges.size() == boost::num_edges(g));
  std::size_t i = 0;
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    INFO("edge #" << i);
    const auto& ed = edges[i];
    CHECK(ed.attrs.at("id") == "e" + std::to_string(i));
    CHECK(ed.attrs.at("source") == nodes[i].attrs.at("id"));
    CHECK(ed.attrs.at("target") == nodes[i + 1].attrs.at("id"));
    CHECK(ed.data.at("label") == std::string(to_string(g[e].relation)));
    CHECK(ed.attrs.at("label") == ed.data.at("label"));
    CHECK(ed.data.at("e_weight") == std::to_string(i + 1));
    if (g[e].title.empty())
      CHECK(ed.data.count("e_title") == 0);
    else
      CHECK(ed.data.at("e_title") == xml_expected(g[e].title));
    const auto evidence = parse(ed.data.at("e_evidence"));
    CHECK(str(evidence[0]["article"]) == strings[i]);
    ++i;
  }
}

TEST_CASE("GraphML keys are unique and declared for the domain that uses them", "[export][graphml]") {
  const std::string xml = render(export_test::small_graph(), Format::GraphML);
  std::map<std::string, std::string> domain_of;
  std::set<std::string> names_by_domain;
  for (std::size_t at = xml.find("<key id=\""); at != std::string::npos;
       at = xml.find("<key id=\"", at + 1)) {
    const std::size_t id_end = xml.find('"', at + 9);
    const std::string id = xml.substr(at + 9, id_end - at - 9);
    const std::size_t for_at = xml.find("for=\"", id_end) + 5;
    const std::string domain = xml.substr(for_at, xml.find('"', for_at) - for_at);
    const std::size_t name_at = xml.find("attr.name=\"", id_end) + 11;
    const std::string name = xml.substr(name_at, xml.find('"', name_at) - name_at);
    CHECK(domain_of.emplace(id, domain).second);
    CHECK(names_by_domain.insert(domain + "/" + name).second);
  }
  CHECK(names_by_domain.count("node/label") == 1);
  CHECK(names_by_domain.count("edge/label") == 1);
  for (const auto& [tag, domain] : {std::pair<std::string, std::string>{"node", "node"}, {"edge", "edge"}}) {
    for (const auto& item : graphml_items(xml, tag))
      for (const auto& [key, value] : item.data) {
        INFO(key);
        REQUIRE(domain_of.count(key) == 1);
        CHECK(domain_of.at(key) == domain);
      }
  }
}

TEST_CASE("JSON carries every nasty string through exactly", "[export][json]") {
  const auto strings = nasty_strings();
  const Graph g = export_test::nasty_graph();
  const std::string text = render(g, Format::Json);
  REQUIRE(export_test::valid_utf8(text));
  CHECK(std::none_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n'; }));
  const auto doc = parse(text);
  CHECK(json_strings(doc["articles"]) == g[boost::graph_bundle].articles);
  const auto& nodes = doc["nodes"];
  REQUIRE(nodes.Size() == strings.size());
  for (rapidjson::SizeType i = 0; i < nodes.Size(); ++i) {
    const std::string& s = strings[i];
    INFO("nasty string #" << i);
    const auto& n = nodes[i];
    CHECK(str(n["id"]) == "node/" + std::to_string(i) + "/" + s);
    CHECK(str(n["label"]) == s);
    CHECK(json_strings(n["aliases"]) == std::vector<std::string>{s, "alias " + s});
    CHECK(json_strings(n["article_ids"]) == g[i].articles);
    CHECK(json_strings(n["titles"]) == std::vector<std::string>{s});
    CHECK(str(n["place_kind"]) == g[i].place_kind);
    CHECK(str(n["quote"]) == g[i].quote);
    CHECK(str(n["evidence"][0]["article"]) == s);
  }
  const auto& edges = doc["edges"];
  REQUIRE(edges.Size() == boost::num_edges(g));
  for (rapidjson::SizeType i = 0; i < edges.Size(); ++i) {
    CHECK(str(edges[i]["source"]) == str(nodes[i]["id"]));
    CHECK(str(edges[i]["evidence"][0]["article"]) == strings[i]);
  }
}

TEST_CASE("JSON-LD carries every nasty string through exactly and keeps IRIs valid", "[export][jsonld]") {
  const auto strings = nasty_strings();
  const Graph g = export_test::nasty_graph();
  const std::string text = render(g, Format::JsonLd);
  REQUIRE(export_test::valid_utf8(text));
  const auto doc = parse(text);
  REQUIRE(doc["@context"].IsObject());
  const auto& graph = doc["@graph"];
  REQUIRE(graph.Size() == strings.size() + boost::num_edges(g));
  std::set<std::string> ids;
  for (const auto& item : graph.GetArray()) {
    const std::string id = str(item["id"]);
    INFO(id);
    CHECK(ids.insert(id).second);
    CHECK(id.rfind("urn:newsgraph:", 0) == 0);
    CHECK(id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/:%") ==
          std::string::npos);
  }
  for (rapidjson::SizeType i = 0; i < strings.size(); ++i) {
    const std::string& s = strings[i];
    INFO("nasty string #" << i);
    const auto& n = graph[i];
    CHECK(str(n["type"]) == std::string(to_string(g[i].type)));
    if (s.empty())
      CHECK_FALSE(n.HasMember("name"));
    else
      CHECK(str(n["name"]) == s);
    CHECK(json_strings(n["alternateName"]) == std::vector<std::string>{s, "alias " + s});
    CHECK(json_strings(n["article"]) == g[i].articles);
    if (g[i].type == EntityType::Quotation && !s.empty()) CHECK(str(n["text"]) == s);
  }
  rapidjson::SizeType k = static_cast<rapidjson::SizeType>(strings.size());
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto& r = graph[k++];
    CHECK(str(r["type"]) == "Relation");
    CHECK(str(r["relation"]) == std::string(to_string(g[e].relation)));
    CHECK(str(r["source"]) == str(graph[static_cast<rapidjson::SizeType>(boost::source(e, g))]["id"]));
    if (!g[e].title.empty()) CHECK(str(r["title"]) == g[e].title);
    const std::string& article = g[e].evidence[0].article;
    if (article.empty())
      CHECK_FALSE(r["evidence"][0].HasMember("article"));
    else
      CHECK(str(r["evidence"][0]["article"]) == article);
  }
}

TEST_CASE("malformed UTF-8 becomes U+FFFD in every format", "[export]") {
  struct Row {
    std::string in;
    std::string repaired;
  };
  const std::string fffd = "\xef\xbf\xbd";
  const Row rows[] = {
      {"bad \xff\xfe x", "bad " + fffd + fffd + " x"},
      {"cut \xc3", "cut " + fffd},
      {"surrogate \xed\xa0\x80", "surrogate " + fffd + fffd + fffd},
      {"overlong \xc0\xaf", "overlong " + fffd + fffd},
      {"too big \xf5\x80\x80\x80", "too big " + fffd + fffd + fffd + fffd},
      {"\x80", fffd},
  };
  for (const auto& row : rows) {
    INFO(row.repaired);
    Graph g;
    Node n = export_test::make_node("person/x", EntityType::Quotation, row.in);
    n.aliases = {row.in};
    n.quote = row.in;
    boost::add_vertex(n, g);
    for (const Format f :
         {Format::Dot, Format::GraphML, Format::JsonLd, Format::Json, Format::Cypher, Format::KuzuCypher})
      CHECK(export_test::valid_utf8(render(g, f)));
    const auto json = parse(render(g, Format::Json));
    CHECK(str(json["nodes"][0]["label"]) == row.repaired);
    CHECK(str(json["nodes"][0]["aliases"][0]) == row.repaired);
    const auto jsonld = parse(render(g, Format::JsonLd));
    CHECK(str(jsonld["@graph"][0]["name"]) == row.repaired);
    const auto nodes = graphml_items(render(g, Format::GraphML), "node");
    CHECK(nodes.at(0).data.at("n_label") == row.repaired);
    CHECK(render(g, Format::Dot).find("tooltip=\"" + row.repaired + "\"") != std::string::npos);
  }
}

TEST_CASE("very long strings pass through every format intact", "[export]") {
  std::string big;
  const std::string pieces[] = {"word ",        "\"q\" ",           "\\ ", "\n",
                                "\xe2\x82\xac", "\xf0\x9f\x98\x80", "<&>", "\t"};
  for (std::size_t i = 0; big.size() < (1u << 21); ++i) big += pieces[i % 8];
  Graph g;
  Node n = export_test::make_node("quotation/long", EntityType::Quotation, big);
  n.quote = big;
  n.aliases = {big};
  const auto v = boost::add_vertex(n, g);
  export_test::add_edge(g, v, v, RelationType::HoldsPosition, 1, 1, big);
  for (const Format f :
       {Format::Dot, Format::GraphML, Format::JsonLd, Format::Json, Format::Cypher, Format::KuzuCypher}) {
    const std::string out = render(g, f);
    CHECK(export_test::valid_utf8(out));
    CHECK(out.size() > big.size());
  }
  const auto json = parse(render(g, Format::Json));
  CHECK(str(json["nodes"][0]["quote"]) == big);
  CHECK(str(json["edges"][0]["title"]) == big);
  const auto nodes = graphml_items(render(g, Format::GraphML), "node");
  CHECK(nodes.at(0).data.at("n_quote") == big);
  const auto dot = split_lines(render(g, Format::Dot));
  REQUIRE(dot.size() == 4 + 1 + 1 + 1);
  const auto quoted = dot_strings(dot[4]);
  CHECK(quoted.at(3) == dot_expected(big));
}
