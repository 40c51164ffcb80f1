// The HTML report: escaping of every text, the JSON island, evidence sentences, the drawing or
// its note, and that the page needs nothing from elsewhere.
#include "newsgraph/render/report.hpp"

#include <rapidjson/writer.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "newsgraph/export/json.hpp"
#include "support/export_fixtures.hpp"
#include "support/test_support.hpp"

using namespace newsgraph;
using namespace export_test;

namespace {

/// The report on `g` with a given (absent) drawing, so no Graphviz runs.
std::string report(const Graph& g, const HtmlOptions& options = {},
                   const HtmlDrawing& drawing = {"", "none"}) {
  std::ostringstream out;
  write_html(out, g, options, drawing);
  return out.str();
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

/// The text of the JSON island: between its opening tag and the next "</script>".
std::string json_island(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"newsgraph-graph\">";
  const std::size_t at = html.find(open);
  REQUIRE(at != std::string::npos);
  const std::size_t begin = at + open.size();
  const std::size_t end = html.find("</script>", begin);
  REQUIRE(end != std::string::npos);
  return html.substr(begin, end - begin);
}

/// A JSON value written compactly, to compare two documents.
std::string compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

/// One person whose label, alias, article id and title all hold `text`.
Graph one_node(const std::string& text) {
  Graph g;
  g[boost::graph_bundle].articles = {text};
  Node n = make_node("person/x", EntityType::Person, text);
  n.aliases = {text};
  n.articles = {text};
  n.mentions = 1;
  const auto a = add_node(g, n);
  const auto b = add_node(g, make_node("place/y", EntityType::Place, "Y"));
  add_edge(g, a, b, RelationType::HoldsPosition, 1, 1, text, {{text, {0, 5}, {0, 1}, {2, 3}}});
  return g;
}

}  // namespace

TEST_CASE("HTML: every text is escaped for where it stands", "[export]") {
  struct Row {
    std::string input;
    std::string escaped;
  };
  const Row rows[] = {
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#39;single&#39;"},
      {"</td></tr><tr><td>cell", "&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;cell"},
      {"&amp; stays text", "&amp;amp; stays text"},
      {"a\x01"
       "b\x1b"
       "c\x7f"
       "d",
       "a b c d"},
      {std::string("nul\0byte", 8), "nul byte"},
      {"C1 \xc2\x85 end", "C1   end"},
      {"bad \xff\xfe end", "bad \xef\xbf\xbd\xef\xbf\xbd end"},
      {"cut \xe2\x82", "cut \xef\xbf\xbd\xef\xbf\xbd"},
      {"line one\nline two\ttab", "line one\nline two\ttab"},
      {"emoji \xf0\x9f\x91\x8b and \xe4\xb8\xad\xe6\x96\x87 and e\xcc\x81",
       "emoji \xf0\x9f\x91\x8b and \xe4\xb8\xad\xe6\x96\x87 and e\xcc\x81"},
      {"line sep \xe2\x80\xa8 end", "line sep \xe2\x80\xa8 end"},
      {"]]> <!-- --> <?xml?>", "]]&gt; &lt;!-- --&gt; &lt;?xml?&gt;"},
  };
  for (const Row& row : rows) {
    INFO("input '" << row.input << "'");
    HtmlOptions options;
    options.title = row.input;
    const std::string html = report(one_node(row.input), options);
    CHECK(export_test::valid_utf8(html));
    // Title, heading, name, aliases, article ids, relation title and evidence article.
    CHECK(count(html, row.escaped) >= 7);
    CHECK(count(html, "<script") == 2);
    CHECK(count(html, "</script>") == 2);
    // Two header rows, two entities, one relation: the input opened no element.
    CHECK(count(html, "<tr") == 5);
    CHECK(count(html, "</tr>") == 5);
    CHECK(count(html, "<td") == 2 * 6 + 6);
    const bool clean = std::all_of(html.begin(), html.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t';
    });
    CHECK(clean);
  }
}

TEST_CASE("HTML: the JSON island is the graph's JSON, safe inside <script>", "[export]") {
  const Graph g = nasty_graph();
  const std::string island = json_island(report(g));
  CHECK(island.find('<') == std::string::npos);
  CHECK(island.find('>') == std::string::npos);
  CHECK(island.find('&') == std::string::npos);
  CHECK(island.find("\xe2\x80\xa8") == std::string::npos);
  CHECK(island.find("\xe2\x80\xa9") == std::string::npos);
  CHECK(island.find("\\u2028") != std::string::npos);
  CHECK(island.find("\\u003c") != std::string::npos);
  const rapidjson::Document got = parse(island);
  const rapidjson::Document want = parse(export_test::render(report_graph(g, RenderOptions{}), Format::Json));
  CHECK(compact(got) == compact(want));
}

TEST_CASE("HTML: the page needs nothing from the network or another file", "[export]") {
  const Graph g = small_graph();
  HtmlOptions options;
  const std::string html = report(g, options, draw_for_report(g, options.render));
  REQUIRE(html.find("<svg") != std::string::npos);
  CHECK(html.find("<?xml") == std::string::npos);
  CHECK(html.find("<!DOCTYPE svg") == std::string::npos);
  // The plain links of Wikidata ids and coordinates are followed only when clicked: they are
  // the only <a> elements, point to Wikidata or OpenStreetMap, and are left out of the rest.
  const std::regex link(
      R"(<a href="(https://www\.wikidata\.org/wiki/|https://www\.openstreetmap\.org/\?)[^"<>]*" rel="noopener">[^<]*</a>)");
  CHECK(std::distance(std::sregex_iterator(html.begin(), html.end(), link), std::sregex_iterator()) == 3);
  const std::string rest = std::regex_replace(html, link, "");
  CHECK(rest.find("<a href") == std::string::npos);
  const std::regex external(R"((src|href|action|data)\s*=\s*["']?\s*(https?:|//|file:))", std::regex::icase);
  CHECK_FALSE(std::regex_search(rest, external));
  for (const char* tag : {"<link", "<img", "<iframe", "<object", "<embed", "@import", "url("})
    CHECK(html.find(tag) == std::string::npos);
  // The only URLs are the SVG namespace names, which are never fetched.
  const std::regex url(R"(https?://)");
  for (auto it = std::sregex_iterator(rest.begin(), rest.end(), url); it != std::sregex_iterator(); ++it) {
    const std::string before = rest.substr(it->position() > 14 ? it->position() - 14 : 0, 14);
    CHECK(
        (before.find("xmlns=\"") != std::string::npos || before.find("xmlns:xlink=\"") != std::string::npos));
  }
  CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
}

TEST_CASE("HTML: Wikidata ids and coordinates are escaped links after the name", "[export]") {
  const std::string small = report(small_graph());
  CHECK(small.find(
            "<td>Geneva<span class=\"ids\"> <a href=\"https://www.wikidata.org/wiki/Q71\" "
            "rel=\"noopener\">Q71</a> <a href=\"https://www.openstreetmap.org/?mlat=46.20222&amp;"
            "mlon=6.14569#map=10/46.20222/6.14569\" rel=\"noopener\">46.20222, 6.14569</a></span></td>") !=
        std::string::npos);
  CHECK(small.find("<td>United Nations<span class=\"ids\"> <a href=\"https://www.wikidata.org/wiki/Q1065\" "
                   "rel=\"noopener\">Q1065</a></span></td>") != std::string::npos);
  CHECK(small.find("<td>Anna Varga</td>") != std::string::npos);

  // Ids holding markup and quotes: percent-encoded in the URL, escaped in the text; no element opens.
  const std::string nasty = report(nasty_graph());
  CHECK(nasty.find(
            "<a href=\"https://www.wikidata.org/wiki/%3Cb%20attr%3D%27x%27%20other%3D%22y%22%3E%26amp%3B%20"
            "%26%20co%3C%2Fb%3E\" rel=\"noopener\">&lt;b attr=&#39;x&#39; other=&quot;y&quot;&gt;&amp;amp; "
            "&amp; co&lt;/b&gt;</a>") != std::string::npos);
  CHECK(nasty.find("#map=10/-90.00000/-180.00000\" rel=\"noopener\">-90.00000, -180.00000</a>") !=
        std::string::npos);
  CHECK(count(nasty, "<a href=") == 18 + 5);
  CHECK(count(nasty, "</a>") == 18 + 5);
  CHECK(count(nasty, "<b attr") == 0);
  CHECK(export_test::valid_utf8(nasty));
}

TEST_CASE("HTML: statements quote their sentence with both ends marked, or cite the span", "[export]") {
  Graph g;
  g[boost::graph_bundle].articles = {"art"};
  const auto zoe = add_node(g, make_node("person/zoe", EntityType::Person, "Zoë"));
  const auto omar = add_node(g, make_node("person/omar", EntityType::Person, "Omar"));
  // Code points: "Zoë" [0,3), the emoji is one code point at 4, "Omar" [10,14), sentence [0,29).
  add_edge(g, zoe, omar, RelationType::MetWith, 1, 1, {}, {{"art", {0, 29}, {0, 3}, {10, 14}}});
  const std::map<std::string, std::string> texts{
      {"art", "Zo\xc3\xab \xf0\x9f\x91\x8b met Omar <b> in Gen\xc3\xa8ve. Then."}};
  HtmlOptions options;
  options.article_texts = &texts;
  std::string html = report(g, options);
  CHECK(
      html.find(
          "<li><q><mark class=\"src\">Zo\xc3\xab</mark> \xf0\x9f\x91\x8b met <mark class=\"tgt\">Omar</mark> "
          "&lt;b&gt; in Gen\xc3\xa8ve.</q> <cite>art</cite></li>") != std::string::npos);

  const std::string cited = "<li><cite>art</cite> <span class=\"span\">sentence [0, 29)</span></li>";
  CHECK(report(g).find(cited) != std::string::npos);  // no texts at all
  for (const std::string& text :
       {std::string("Too short."), std::string("Zo\xc3\xab \xff invalid UTF-8 text long enough")}) {
    const std::map<std::string, std::string> bad{{"art", text}};
    options.article_texts = &bad;
    CHECK(report(g, options).find(cited) != std::string::npos);
  }

  // Overlapping ends: only the source is marked. Many statements: the rest are counted.
  Graph many;
  const auto a = add_node(many, make_node("person/a", EntityType::Person, "A"));
  const auto b = add_node(many, make_node("person/b", EntityType::Person, "B"));
  std::vector<EdgeEvidence> evidence;
  for (std::size_t i = 0; i < 15; ++i) evidence.push_back({"art", {0, 29}, {0, 14}, {10, 14}});
  add_edge(many, a, b, RelationType::Accused, 15, 1, {}, evidence);
  options.article_texts = &texts;
  html = report(many, options);
  CHECK(count(html, "<mark class=\"src\">") == 12);
  CHECK(count(html, "<mark class=\"tgt\">") == 0);
  CHECK(html.find("<li class=\"more\">and 3 more statements</li>") != std::string::npos);
}

TEST_CASE("HTML: the drawing is inline, or a note says why there is none", "[export]") {
  const Graph g = small_graph();
  const testing::TempDir empty;
  RenderOptions no_graphviz;
  no_graphviz.graphviz_dir = empty.path();
  const HtmlDrawing missing = draw_for_report(g, no_graphviz);
  CHECK(missing.svg.empty());
  CHECK(missing.note == "Graphviz 'dot' not found; install the graphviz package");
  const std::string html = report(g, {}, missing);
  CHECK(html.find("<p class=\"note\">No drawing: Graphviz &#39;dot&#39; not found; install the graphviz "
                  "package.</p>") != std::string::npos);
  CHECK(html.find("<svg") == std::string::npos);

  const HtmlDrawing drawn = draw_for_report(g, RenderOptions{});
  CHECK(drawn.note.empty());
  const std::string with = report(g, {}, drawn);
  CHECK(count(with, "<svg") == 1);
  CHECK(with.find("class=\"note\"") == std::string::npos);

  // An unknown focus is the user's mistake, not a drawing problem.
  RenderOptions focus;
  focus.focus = "Nobody";
  CHECK_THROWS_AS(draw_for_report(g, focus), RenderError);
  HtmlOptions options;
  options.render = focus;
  CHECK_THROWS_AS(report(g, options), RenderError);
}

TEST_CASE("HTML: the tables list what the filters select, with quotations and lone nodes", "[export]") {
  Graph g = small_graph();
  add_node(g, make_node("place/nowhere", EntityType::Place, "Nowhere"));  // no edge
  std::string html = report(g);
  CHECK(count(html, "<tr id=\"node-") == 6);
  CHECK(html.find("<td>We will keep talking until there is an agreement that every side can sign.</td>") !=
        std::string::npos);
  CHECK(count(html, "<ul class=\"evidence\">") == 5);
  CHECK(html.find("6 entities (Person 2, Organization 1, Place 2, Quotation 1)") != std::string::npos);
  CHECK(html.find("5 relations (based_in 1, holds_position 1, met_with 1, said 1, visited 1)") !=
        std::string::npos);
  CHECK(html.find("<title>newsgraph: 2 articles</title>") != std::string::npos);

  HtmlOptions persons;
  persons.render.types = {EntityType::Person};
  html = report(g, persons);
  CHECK(count(html, "<tr id=\"node-") == 3);  // the two persons and the quotation of one
  CHECK(count(html, "<ul class=\"evidence\">") == 2);
  CHECK(report(g, persons) == html);
}

TEST_CASE("HTML: write_graph writes the report for Format::Html", "[export]") {
  const std::string html = export_test::render(small_graph(), Format::Html);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(html, "<tr id=\"node-") == 5);
  CHECK(html.find("</html>\n") == html.size() - 8);
}
