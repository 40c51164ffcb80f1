// What each format says about a graph: DOT styling, GraphML attributes, the JSON-LD
// context and relation nodes, the complete plain JSON.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <set>

#include "newsgraph/export/export.hpp"
#include "support/export_fixtures.hpp"

namespace {

using namespace newsgraph;
using export_test::parse;
using export_test::render;
using export_test::str;

/// The DOT line that states node `id`.
std::string dot_node_line(const std::string& dot, const std::string& id) {
  const std::size_t at = dot.find("\n  \"" + id + "\" [");
  REQUIRE(at != std::string::npos);
  return dot.substr(at + 1, dot.find('\n', at + 1) - at - 1);
}

/// The value of `attr=` in a DOT line, quoted or not.
std::string dot_attr(const std::string& line, const std::string& attr) {
  std::size_t at = line.find(" " + attr + "=");
  if (at == std::string::npos) at = line.find("[" + attr + "=");
  REQUIRE(at != std::string::npos);
  const std::size_t start = at + attr.size() + 2;
  if (line[start] == '"') {
    std::size_t end = start + 1;
    while (line[end] != '"') end += line[end] == '\\' ? 2 : 1;
    return line.substr(start + 1, end - start - 1);
  }
  return line.substr(start, line.find_first_of(",]", start) - start);
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Graph quotation_graph(const std::string& quote) {
  Graph g;
  Node n = export_test::make_node("quotation/q", EntityType::Quotation, quote);
  n.quote = quote;
  boost::add_vertex(n, g);
  return g;
}

}  // namespace

TEST_CASE("DOT styles nodes by type and edges by relation and weight", "[export][dot]") {
  const Graph g = export_test::small_graph();
  const std::string dot = render(g, Format::Dot);
  CHECK(dot.find("rankdir=LR") != std::string::npos);
  CHECK(dot.find("overlap=false") != std::string::npos);
  CHECK(dot.find("charset=\"UTF-8\"") != std::string::npos);

  struct Row {
    std::string id, shape, fill, label;
  };
  const Row rows[] = {
      {"person/anna-varga", "ellipse", "#add8e6", "Anna Varga"},
      {"organization/united-nations", "box", "#ffffe0", "United Nations"},
      {"place/geneva", "hexagon", "#90ee90", "Geneva"},
      {"quotation/we-will-keep-talking-3f2a", "note", "#d3d3d3",
       "We will keep talking until there is an agreement that every\xe2\x80\xa6"},
  };
  for (const auto& row : rows) {
    INFO(row.id);
    const std::string line = dot_node_line(dot, row.id);
    CHECK(dot_attr(line, "shape") == row.shape);
    CHECK(dot_attr(line, "fillcolor") == row.fill);
    CHECK(dot_attr(line, "label") == row.label);
  }
  CHECK(dot_attr(dot_node_line(dot, "quotation/we-will-keep-talking-3f2a"), "tooltip") ==
        "We will keep talking until there is an agreement that every side can sign.");

  const std::string holds = dot.substr(dot.find("\"person/anna-varga\" -> \"organization/united-nations\""));
  CHECK(dot_attr(holds, "label") == "holds_position\\nSecretary-General");
  CHECK(dot_attr(holds, "penwidth") == "2.00");
  CHECK(holds.substr(0, holds.find('\n')).find("dir=none") == std::string::npos);

  const std::string met = dot.substr(dot.find("\"person/anna-varga\" -> \"person/omar-lindqvist\""));
  CHECK(dot_attr(met, "label") == "met_with");
  CHECK(dot_attr(met, "penwidth") == "3.00");
  CHECK(dot_attr(met, "dir") == "none");
  CHECK(dot_attr(met, "tooltip") == "met_with: 4 statements in 1 article");

  const std::string based = dot.substr(dot.find("\"organization/united-nations\" -> \"place/geneva\""));
  CHECK(dot_attr(based, "penwidth") == "1.00");
}

TEST_CASE("DOT shortens quotation labels on code point boundaries", "[export][dot]") {
  const std::string ellipsis = "\xe2\x80\xa6";
  SECTION("short quotes are shown whole, without an ellipsis") {
    const std::string q(60, 'a');
    CHECK(dot_attr(dot_node_line(render(quotation_graph(q), Format::Dot), "quotation/q"), "label") == q);
  }
  SECTION("a long word is cut at 60 code points") {
    const std::string q(61, 'a');
    CHECK(dot_attr(dot_node_line(render(quotation_graph(q), Format::Dot), "quotation/q"), "label") ==
          std::string(60, 'a') + ellipsis);
  }
  SECTION("multi-byte characters are never split") {
    for (const std::string unit : {"\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80"}) {
      for (const std::size_t count : {59u, 60u, 61u, 100u}) {
        std::string q;
        for (std::size_t i = 0; i < count; ++i) q += unit;
        INFO(unit << " x " << count);
        const std::string label =
            dot_attr(dot_node_line(render(quotation_graph(q), Format::Dot), "quotation/q"), "label");
        CHECK(export_test::valid_utf8(label));
        if (count <= 60) {
          CHECK(label == q);
        } else {
          CHECK(code_points(label) == 61);
          CHECK(label.substr(label.size() - 3) == ellipsis);
          CHECK(q.compare(0, label.size() - 3, label, 0, label.size() - 3) == 0);
        }
      }
    }
  }
  SECTION("the cut prefers the last space after 40 code points") {
    const std::string q =
        "This sentence is long enough that it has to be cut somewhere sensible, not mid-word.";
    const std::string label =
        dot_attr(dot_node_line(render(quotation_graph(q), Format::Dot), "quotation/q"), "label");
    CHECK(label == "This sentence is long enough that it has to be cut somewhere" + ellipsis);
    const std::string mid = "Another sentence that runs on until the limit falls in a wordthatislong indeed.";
    CHECK(dot_attr(dot_node_line(render(quotation_graph(mid), Format::Dot), "quotation/q"), "label") ==
          "Another sentence that runs on until the limit falls in a" + ellipsis);
  }
  SECTION("the full text stays in the tooltip") {
    const std::string q(500, 'z');
    CHECK(dot_attr(dot_node_line(render(quotation_graph(q), Format::Dot), "quotation/q"), "tooltip") == q);
  }
}

TEST_CASE("GraphML declares typed keys and writes every known attribute", "[export][graphml]") {
  const std::string xml = render(export_test::small_graph(), Format::GraphML);
  for (const std::string key : {
           R"(<key id="n_mentions" for="node" attr.name="mentions" attr.type="int">)",
           R"(<key id="labels" for="node" attr.name="labels" attr.type="string"/>)",
           R"(<key id="e_weight" for="edge" attr.name="weight" attr.type="int">)",
           R"(<key id="label" for="edge" attr.name="label" attr.type="string"/>)",
           R"(<key id="n_label" for="node" attr.name="label" attr.type="string"/>)",
       }) {
    CHECK(xml.find(key) != std::string::npos);
  }
  CHECK(xml.find("<graph id=\"newsgraph\" edgedefault=\"directed\">") != std::string::npos);
  CHECK(xml.find("<node id=\"person/anna-varga\" labels=\":Person\">\n"
                 "      <data key=\"labels\">:Person</data>\n"
                 "      <data key=\"n_type\">Person</data>\n"
                 "      <data key=\"n_label\">Anna Varga</data>\n"
                 "      <data key=\"n_aliases\">[&quot;Varga&quot;]</data>\n"
                 "      <data key=\"n_mentions\">4</data>\n"
                 "      <data key=\"n_articles\">2</data>\n"
                 "      <data key=\"n_article_ids\">[&quot;a1&quot;,&quot;a2&quot;]</data>\n"
                 "      <data key=\"n_titles\">[&quot;Secretary-General&quot;]</data>\n") !=
        std::string::npos);
  CHECK(xml.find("<data key=\"n_place_kind\">city</data>\n      <data key=\"n_country_code\">CH</data>") !=
        std::string::npos);
  // Empty values are left out: a person has no place kind, no quote.
  const std::string person = xml.substr(xml.find("<node id=\"person/omar-lindqvist\" "));
  const std::string person_block = person.substr(0, person.find("</node>"));
  CHECK(person_block.find("n_place_kind") == std::string::npos);
  CHECK(person_block.find("n_quote") == std::string::npos);
  CHECK(person_block.find("n_aliases") == std::string::npos);
  CHECK(xml.find(
            "<edge id=\"e1\" source=\"person/anna-varga\" target=\"organization/united-nations\" "
            "label=\"holds_position\">\n"
            "      <data key=\"label\">holds_position</data>\n"
            "      <data key=\"e_relation\">holds_position</data>\n"
            "      <data key=\"e_weight\">2</data>\n"
            "      <data key=\"e_articles\">2</data>\n"
            "      <data key=\"e_title\">Secretary-General</data>\n"
            "      <data key=\"e_evidence\">[{&quot;article&quot;:&quot;a1&quot;,&quot;sentence&quot;:[0,60],"
            "&quot;source&quot;:[0,10],&quot;target&quot;:[40,54]},") != std::string::npos);
}

TEST_CASE("GraphML follows APOC's convention for labels and relationship types", "[export][graphml]") {
  // apoc.import.graphml(..., {readLabels: true}) takes node labels from a `labels` attribute on
  // <node> (or <data key="labels">) and the relationship type from a `label` attribute on
  // <edge> (or <data key="label">), matching key *ids*; properties are named after attr.name.
  const std::string xml = render(export_test::small_graph(), Format::GraphML);
  CHECK(xml.find(R"(<key id="labels" for="node" attr.name="labels" attr.type="string"/>)") !=
        std::string::npos);
  CHECK(xml.find(R"(<key id="label" for="edge" attr.name="label" attr.type="string"/>)") !=
        std::string::npos);
  CHECK(xml.find(R"(<key id="n_label" for="node" attr.name="label" attr.type="string"/>)") !=
        std::string::npos);
  CHECK(xml.find(R"(<key id="e_relation" for="edge" attr.name="relation" attr.type="string"/>)") !=
        std::string::npos);
  // APOC files a for="graph" key with the edge keys: a default would land on every relationship.
  CHECK(xml.find(R"(<key id="g_article_ids" for="graph" attr.name="article_ids" attr.type="string"/>)") !=
        std::string::npos);
  CHECK(xml.find("n_labels") == std::string::npos);
  CHECK(xml.find("e_label") == std::string::npos);

  for (const std::string node : {
           R"(<node id="organization/united-nations" labels=":Organization">)",
           R"(<node id="person/anna-varga" labels=":Person">)",
           R"(<node id="person/omar-lindqvist" labels=":Person">)",
           R"(<node id="place/geneva" labels=":Place">)",
           R"(<node id="quotation/we-will-keep-talking-3f2a" labels=":Quotation">)",
       }) {
    INFO(node);
    CHECK(xml.find(node + "\n      <data key=\"labels\">" +
                   node.substr(node.find("labels=\"") + 8, node.size() - node.find("labels=\"") - 10) +
                   "</data>\n") != std::string::npos);
  }
  for (
      const std::string edge : {
          R"(<edge id="e0" source="organization/united-nations" target="place/geneva" label="based_in">)",
          R"(<edge id="e1" source="person/anna-varga" target="organization/united-nations" label="holds_position">)",
          R"(<edge id="e2" source="person/anna-varga" target="person/omar-lindqvist" label="met_with">)",
          R"(<edge id="e3" source="person/anna-varga" target="quotation/we-will-keep-talking-3f2a" label="said">)",
          R"(<edge id="e4" source="person/omar-lindqvist" target="place/geneva" label="visited">)",
      }) {
    INFO(edge);
    const std::string type = edge.substr(edge.find("label=\"") + 7, edge.size() - edge.find("label=\"") - 9);
    CHECK(xml.find(edge + "\n      <data key=\"label\">" + type + "</data>\n      <data key=\"e_relation\">" +
                   type + "</data>\n") != std::string::npos);
  }
  // Every element carries the attribute, not only the ones listed above.
  std::size_t nodes = 0, edges = 0;
  for (std::size_t at = xml.find("<node "); at != std::string::npos; at = xml.find("<node ", at + 1), ++nodes)
    CHECK(xml.substr(at, xml.find('>', at) - at).find(" labels=\":") != std::string::npos);
  for (std::size_t at = xml.find("<edge "); at != std::string::npos; at = xml.find("<edge ", at + 1), ++edges)
    CHECK(xml.substr(at, xml.find('>', at) - at).find(" label=\"") != std::string::npos);
  CHECK(nodes == 5);
  CHECK(edges == 5);
}

TEST_CASE("JSON-LD has an inline context, direct relations and reified relations", "[export][jsonld]") {
  const Graph g = export_test::small_graph();
  const auto doc = parse(render(g, Format::JsonLd));
  const auto& ctx = doc["@context"];
  REQUIRE(ctx.IsObject());
  CHECK(str(ctx["schema"]) == "https://schema.org/");
  CHECK(str(ctx["ng"]) == "urn:newsgraph:vocab:");
  CHECK(str(ctx["Person"]) == "schema:Person");
  CHECK(str(ctx["name"]) == "schema:name");
  CHECK(str(ctx["alternateName"]["@container"]) == "@set");
  CHECK(str(ctx["mentionCount"]["@type"]) == "xsd:integer");
  // Every relation type has a term whose values are node references.
  for (int i = 0; to_string(static_cast<RelationType>(i)) != "unknown"; ++i) {
    const std::string name(to_string(static_cast<RelationType>(i)));
    INFO(name);
    REQUIRE(ctx.HasMember(name.c_str()));
    CHECK(str(ctx[name.c_str()]["@id"]) == "ng:" + name);
    CHECK(str(ctx[name.c_str()]["@type"]) == "@id");
  }
  // Nothing to fetch: the context is an object, not a URL, and imports nothing.
  CHECK_FALSE(ctx.HasMember("@import"));

  const auto& graph = doc["@graph"];
  REQUIRE(graph.Size() == 5 + 5);
  const auto& un = graph[0];
  CHECK(str(un["id"]) == "urn:newsgraph:organization/united-nations");
  CHECK(str(un["type"]) == "Organization");
  CHECK(un["mentionCount"].GetUint64() == 3);
  CHECK(un["articleCount"].GetUint64() == 2);
  CHECK(str(un["based_in"][0]["id"]) == "urn:newsgraph:place/geneva");

  const auto& anna = graph[1];
  CHECK(str(anna["title"][0]) == "Secretary-General");
  CHECK(str(anna["met_with"][0]["id"]) == "urn:newsgraph:person/omar-lindqvist");
  CHECK(str(anna["said"][0]["id"]) == "urn:newsgraph:quotation/we-will-keep-talking-3f2a");
  CHECK(str(anna["holds_position"][0]["id"]) == "urn:newsgraph:organization/united-nations");
  // met_with is symmetric: the other end states it too.
  const auto& omar = graph[2];
  CHECK(str(omar["met_with"][0]["id"]) == "urn:newsgraph:person/anna-varga");
  CHECK(str(omar["visited"][0]["id"]) == "urn:newsgraph:place/geneva");
  CHECK_FALSE(graph[3].HasMember("visited"));
  CHECK(str(graph[3]["placeKind"]) == "city");
  CHECK(str(graph[3]["addressCountry"]) == "CH");
  CHECK(str(graph[4]["text"]).rfind("We will keep talking", 0) == 0);

  const auto& holds = graph[6];
  CHECK(str(holds["id"]) ==
        "urn:newsgraph:relation/person/anna-varga/holds_position/organization/united-nations/"
        "secretary-general");
  CHECK(str(holds["type"]) == "Relation");
  CHECK(str(holds["relation"]) == "holds_position");
  CHECK(str(holds["source"]) == "urn:newsgraph:person/anna-varga");
  CHECK(str(holds["target"]) == "urn:newsgraph:organization/united-nations");
  CHECK(str(holds["title"]) == "Secretary-General");
  CHECK(holds["weight"].GetUint64() == 2);
  CHECK(holds["articleCount"].GetUint64() == 2);
  REQUIRE(holds["evidence"].Size() == 2);
  CHECK(str(holds["evidence"][1]["article"]) == "a2");
  CHECK(holds["evidence"][1]["sentenceEnd"].GetUint64() == 30);
  CHECK(holds["evidence"][1]["targetStart"].GetUint64() == 0);
  CHECK(str(graph[7]["id"]) == "urn:newsgraph:relation/person/anna-varga/met_with/person/omar-lindqvist");
}

TEST_CASE("JSON-LD relation ids stay unique when titles slug alike", "[export][jsonld]") {
  Graph g;
  const auto a = boost::add_vertex(export_test::make_node("person/a", EntityType::Person, "A"), g);
  const auto b =
      boost::add_vertex(export_test::make_node("organization/b", EntityType::Organization, "B"), g);
  for (const std::string title :
       {"Foreign Minister", "foreign minister", "Foreign-Minister!", "Ministre \xc3\xa9tranger", "!!!"})
    export_test::add_edge(g, a, b, RelationType::HoldsPosition, 1, 1, title);
  const auto doc = parse(render(g, Format::JsonLd));
  const auto& graph = doc["@graph"];
  REQUIRE(graph.Size() == 2 + 5);
  const std::string base = "urn:newsgraph:relation/person/a/holds_position/organization/b/";
  CHECK(str(graph[2]["id"]) == base + "foreign-minister");
  CHECK(str(graph[3]["id"]) == base + "foreign-minister-2");
  CHECK(str(graph[4]["id"]) == base + "foreign-minister-3");
  CHECK(str(graph[5]["id"]) == base + "ministre-%C3%A9tranger");
  CHECK(str(graph[6]["id"]) == base + "x");
  // The direct statement appears once however many titles.
  REQUIRE(graph[0]["holds_position"].Size() == 1);
}

TEST_CASE("plain JSON lists every attribute, empty when unknown", "[export][json]") {
  const auto doc = parse(render(export_test::small_graph(), Format::Json));
  REQUIRE(doc["nodes"].Size() == 5);
  for (const auto& n : doc["nodes"].GetArray()) {
    for (const char* key : {"id", "type", "label", "place_kind", "country_code", "quote"}) {
      INFO(key);
      CHECK(n[key].IsString());
    }
    for (const char* key : {"aliases", "article_ids", "titles", "evidence"}) CHECK(n[key].IsArray());
    CHECK(n["mentions"].IsUint64());
    CHECK(n["articles"].IsUint64());
    // ... plus the links, only when known: wikidata, and lat with lon.
    const bool has_id = n.HasMember("wikidata"), has_point = n.HasMember("lat");
    CHECK(n.HasMember("lon") == has_point);
    CHECK(n.MemberCount() == 12u + (has_id ? 1u : 0u) + (has_point ? 2u : 0u));
  }
  for (const auto& e : doc["edges"].GetArray()) {
    for (const char* key : {"source", "target", "relation", "title", "cameo"}) CHECK(e[key].IsString());
    CHECK(e["weight"].IsUint64());
    CHECK(e["articles"].IsUint64());
    CHECK(e["evidence"].IsArray());
    CHECK(e.MemberCount() == 8);
  }
  const auto& omar = doc["nodes"][2];
  CHECK(str(omar["place_kind"]).empty());
  CHECK_FALSE(omar.HasMember("wikidata"));
  CHECK_FALSE(omar.HasMember("lat"));
  const auto& geneva = doc["nodes"][3];
  CHECK(str(geneva["wikidata"]) == "Q71");
  CHECK(geneva["lat"].GetDouble() == 46.20222);
  CHECK(geneva["lon"].GetDouble() == 6.14569);
  CHECK(str(doc["nodes"][0]["wikidata"]) == "Q1065");
  CHECK_FALSE(doc["nodes"][0].HasMember("lat"));
  CHECK(omar["aliases"].Size() == 0);
  const auto& met = doc["edges"][2];
  CHECK(str(met["relation"]) == "met_with");
  CHECK(str(met["title"]).empty());
  CHECK(str(met["cameo"]) == "04");
  CHECK(met["weight"].GetUint64() == 4);
  CHECK(met["evidence"][3]["sentence"][0].GetUint64() == 151);
  CHECK(met["evidence"][3]["target"][1].GetUint64() == 188);
}

TEST_CASE("CAMEO root codes: event relations have one, structural relations none", "[export]") {
  CHECK(cameo_root(RelationType::MetWith) == "04");
  CHECK(cameo_root(RelationType::Visited) == "04");
  CHECK(cameo_root(RelationType::Accused) == "11");
  CHECK(cameo_root(RelationType::Rejected) == "12");
  CHECK(cameo_root(RelationType::Threatened) == "13");
  CHECK(cameo_root(RelationType::Urged) == "10");
  CHECK(cameo_root(RelationType::Said) == "01");
  CHECK(cameo_root(RelationType::Killed) == "18");
  for (RelationType r : {RelationType::HoldsPosition, RelationType::LocatedIn, RelationType::BasedIn,
                         RelationType::WorksFor, RelationType::LivesIn, RelationType::PartOf})
    CHECK(cameo_root(r).empty());
}
