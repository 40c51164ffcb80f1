// The HTML report: a self-contained page with the drawing, the entities and the relations.
//
// Every text taken from the graph goes through html_text (element text and attribute values
// alike) or, inside the JSON island, script_json; the page's own markup, style and script are
// constants. Nothing refers to another file or to the network.
#include "newsgraph/render/report.hpp"

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "export/text.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/ingest/document.hpp"
#include "newsgraph/text/utf8_index.hpp"

namespace newsgraph {
namespace {

/// Statements listed per relation; the rest are counted.
constexpr std::size_t kMaxEvidence = 12;

/// `s` as HTML text, fit for element content and for quoted attribute values alike: valid
/// UTF-8 (malformed bytes become U+FFFD), &, <, >, " and ' as character references, control
/// characters other than line feed and tab (C0, DEL, C1, NUL) as spaces.
std::string html_text(std::string_view s) {
  using export_detail::MarkupControl;
  return export_detail::markup_text(s, {"&#39;", MarkupControl::Keep, MarkupControl::Space,
                                        MarkupControl::Space, MarkupControl::Space, false});
}

/// JSON text made safe inside a <script> element: "<", ">" and "&" become \u003c, \u003e and
/// \u0026 (so neither "</script>" nor "<!--" can occur), U+2028 and U+2029 become \u2028 and
/// \u2029. Each of them can only stand inside a JSON string, where the escape means the same
/// character, so the JSON value is unchanged.
std::string script_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' &&
               (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/// The SVG element of Graphviz's output: from "<svg" on, without the XML declaration, the
/// DOCTYPE and the comments before it. Empty when there is no <svg element.
std::string_view svg_element(std::string_view svg) {
  const std::size_t at = svg.find("<svg");
  if (at == std::string_view::npos) return {};
  std::string_view rest = svg.substr(at);
  while (!rest.empty() && (rest.back() == '\n' || rest.back() == ' ')) rest.remove_suffix(1);
  return rest;
}

/// The texts of the articles, each with its code point index built once.
class ArticleTexts {
 public:
  explicit ArticleTexts(const std::map<std::string, std::string>* texts) : texts_(texts) {}

  /// The text of article `id`, with its index in `index`; nullptr (and no index) when the
  /// article is unknown or its text is not valid UTF-8.
  const std::string* text(const std::string& id, const Utf8Index*& index) {
    index = nullptr;
    if (texts_ == nullptr) return nullptr;
    const auto it = texts_->find(id);
    if (it == texts_->end() || !is_valid_utf8(it->second)) return nullptr;
    auto cached = indexes_.find(id);
    if (cached == indexes_.end()) cached = indexes_.emplace(id, Utf8Index(it->second)).first;
    index = &cached->second;
    return &it->second;
  }

 private:
  const std::map<std::string, std::string>* texts_;
  std::map<std::string, Utf8Index> indexes_;
};

/// One statement: the sentence with the source and target marked, then the article; or,
/// without the text, the article and the sentence's span.
std::string evidence_item(const EdgeEvidence& ev, ArticleTexts& texts) {
  const Utf8Index* index = nullptr;
  const std::string* text = texts.text(ev.article, index);
  const Span& s = ev.sentence;
  std::string out = "<li>";
  if (text != nullptr && s.begin < s.end && s.end <= index->size()) {
    // The marks, when both ends lie in the sentence and do not overlap; else the source only.
    std::vector<std::pair<Span, const char*>> marks;
    const auto inside = [&](const Span& x) {
      return x.begin >= s.begin && x.end <= s.end && x.begin < x.end;
    };
    if (inside(ev.source)) marks.push_back({ev.source, "src"});
    if (inside(ev.target) &&
        !(marks.size() == 1 && ev.target.begin < ev.source.end && ev.source.begin < ev.target.end))
      marks.push_back({ev.target, "tgt"});
    std::sort(marks.begin(), marks.end(),
              [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
    out += "<q>";
    std::size_t at = s.begin;
    for (const auto& [span, cls] : marks) {
      out += html_text(index->slice(*text, {at, span.begin}));
      out += "<mark class=\"";
      out += cls;
      out += "\">" + html_text(index->slice(*text, span)) + "</mark>";
      at = span.end;
    }
    out += html_text(index->slice(*text, {at, s.end}));
    out += "</q> <cite>" + html_text(ev.article) + "</cite>";
  } else {
    out += "<cite>" + html_text(ev.article) + "</cite> <span class=\"span\">sentence [" +
           std::to_string(s.begin) + ", " + std::to_string(s.end) + ")</span>";
  }
  return out + "</li>";
}

/// "1 article" / "2 articles".
std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// What the report calls a node: its label, the quote for quotations, its id when unnamed.
const std::string& display_name(const Node& n) {
  if (n.type == EntityType::Quotation && !n.quote.empty()) return n.quote;
  return n.label.empty() ? n.id : n.label;
}

/// A node's links after its name, when it has any: its Wikidata id as a link to its page and
/// its coordinates as a link to the point on OpenStreetMap (plain links: the page loads
/// nothing from them); "" when it has neither.
std::string node_links(const Node& n) {
  std::string out;
  const auto link = [&out](const std::string& url, const std::string& text) {
    out += " <a href=\"" + html_text(url) + "\" rel=\"noopener\">" + html_text(text) + "</a>";
  };
  if (!n.wikidata.empty()) link(export_detail::wikidata_page_url(n.wikidata), n.wikidata);
  if (const auto at = export_detail::location_text(n.location))
    link("https://www.openstreetmap.org/?mlat=" + at->latitude + "&mlon=" + at->longitude + "#map=10/" +
             at->latitude + "/" + at->longitude,
         at->latitude + ", " + at->longitude);
  return out.empty() ? out : "<span class=\"ids\">" + out + "</span>";
}

/// A table cell that sorts by the number `n`.
std::string number_cell(std::size_t n, const std::string& content) {
  return "<td class=\"num\" data-sort=\"" + std::to_string(n) + "\">" + content + "</td>";
}

constexpr const char* kStyle = R"CSS(
:root { color-scheme: light; --line: #d0d4da; --head: #eef1f5; --mark-src: #cfe3f7; --mark-tgt: #f8d9c9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1d232b; background: #fff; }
header, section { padding: 0 24px; }
header { padding-top: 16px; border-bottom: 1px solid var(--line); background: #f7f9fb; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 22px 0 8px; }
.summary { margin: 0 0 12px; color: #3d4754; }
.summary span { white-space: nowrap; }
.drawing { border: 1px solid var(--line); border-radius: 6px; overflow: auto; max-height: 85vh; background: #fff; padding: 8px; }
.drawing svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.note { border: 1px solid #e0b252; background: #fff6e0; border-radius: 6px; padding: 10px 14px; }
.tools { padding: 4px 0 10px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
#filter { font: inherit; padding: 6px 10px; width: min(420px, 100%); border: 1px solid #9aa4b1; border-radius: 6px; }
#shown { color: #56606c; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); cursor: pointer; user-select: none; white-space: nowrap; position: sticky; top: 0; z-index: 1; }
th[aria-sort="ascending"]::after { content: " \25B2"; font-size: 11px; }
th[aria-sort="descending"]::after { content: " \25BC"; font-size: 11px; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.num { text-align: right; white-space: nowrap; }
.type { white-space: nowrap; }
.type::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; border: 1px solid #777; background: var(--swatch, #fff); }
.ids, .span, cite { color: #56606c; font-size: 13px; }
cite { font-style: normal; }
ul.evidence { margin: 0; padding-left: 18px; }
ul.evidence li { margin: 2px 0; }
mark.src { background: var(--mark-src); }
mark.tgt { background: var(--mark-tgt); }
.more { color: #56606c; font-style: italic; }
tr[hidden] { display: none; }
)CSS";

/// Sorting by a column (click its header, or Enter on it; numbers by data-sort) and filtering
/// the rows of both tables by the search box (every word must occur in the row, ignoring case),
/// which a link can fill in with #filter=WORDS. It marks the body with data-ready="1" once set
/// up, and shows how many rows are visible. It only reads the page's own elements and writes
/// rows' order, their hidden flag and plain text: nothing from the data is ever parsed as markup.
constexpr const char* kScript = R"JS(
(function () {
  "use strict";
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.sortable"));
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  function rows(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }
  function key(row, col, numeric) {
    var cell = row.cells[col];
    if (!cell) return numeric ? 0 : "";
    if (numeric) return Number(cell.getAttribute("data-sort")) || 0;
    return (cell.getAttribute("data-sort") || cell.textContent).toLowerCase();
  }
  tables.forEach(function (table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var numeric = th.getAttribute("data-type") === "number";
        var descending = th.getAttribute("aria-sort") === "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var list = rows(table).map(function (row, i) { return { row: row, i: i, k: key(row, col, numeric) }; });
        list.sort(function (a, b) {
          var c = a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i;
          return descending ? -c : c;
        });
        var body = table.tBodies[0];
        list.forEach(function (x) { body.appendChild(x.row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
  function apply() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var parts = [];
    tables.forEach(function (table) {
      var all = rows(table), visible = 0;
      all.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) visible++;
      });
      parts.push(visible + " of " + all.length + " " + table.getAttribute("data-what"));
    });
    shown.textContent = parts.join(", ") + " shown";
  }
  filter.addEventListener("input", apply);
  if (location.hash.indexOf("#filter=") === 0) {
    try { filter.value = decodeURIComponent(location.hash.slice(8)); } catch (e) { filter.value = ""; }
  }
  apply();
  document.body.setAttribute("data-ready", "1");
})();
)JS";

}  // namespace

std::map<std::string, std::string> article_texts(const std::vector<Article>& articles) {
  std::map<std::string, std::string> texts;
  for (const Article& a : articles) texts.emplace(a.id, a.text);
  return texts;
}

Graph report_graph(const Graph& g, const RenderOptions& render) {
  RenderOptions listed = render;
  listed.quotes = QuoteMode::Full;
  listed.keep_isolated = true;
  return filter_graph(g, listed);
}

HtmlDrawing draw_for_report(const Graph& g, const RenderOptions& render) {
  RenderOptions drawn;
  drawn.quotes = render.quotes;
  drawn.quote_chars = render.quote_chars;
  drawn.keep_isolated = render.keep_isolated;
  drawn.focus = render.focus;
  drawn.depth = render.depth;
  drawn.layout = render.layout;
  drawn.graphviz_dir = render.graphviz_dir;
  const Graph graph = filter_graph(report_graph(g, render), drawn);
  const Layout layout = choose_layout(graph, drawn.layout);
  std::ostringstream dot;
  write_render_dot(dot, graph, drawn, layout);
  HtmlDrawing out;
  try {
    out.svg = run_graphviz(dot.str(), layout, ImageFormat::Svg, drawn.graphviz_dir);
  } catch (const RenderError& e) {
    out.note = e.what();
  }
  return out;
}

void write_html(std::ostream& out, const Graph& whole, const HtmlOptions& options,
                const HtmlDrawing& drawing) {
  const Graph g = report_graph(whole, options.render);
  const std::size_t article_count = g[boost::graph_bundle].articles.size();
  const std::string title =
      options.title.empty() ? "newsgraph: " + counted(article_count, "article", "articles") : options.title;

  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"newsgraph\">\n"
      << "<title>" << html_text(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";

  // Title and counts.
  std::map<EntityType, std::size_t> by_type;
  std::map<std::string_view, std::size_t> by_relation;
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) ++by_type[g[v].type];
  for (const auto e : boost::make_iterator_range(boost::edges(g))) ++by_relation[to_string(g[e].relation)];
  out << "<header>\n<h1>" << html_text(title) << "</h1>\n<p class=\"summary\"><span>"
      << counted(article_count, "article", "articles") << "</span> · <span>"
      << counted(boost::num_vertices(g), "entity", "entities");
  if (!by_type.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [type, n] : by_type) {
      out << (first ? "" : ", ") << html_text(to_string(type)) << ' ' << n;
      first = false;
    }
    out << ")";
  }
  out << "</span> · <span>" << counted(boost::num_edges(g), "relation", "relations");
  if (!by_relation.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [relation, n] : by_relation) {
      out << (first ? "" : ", ") << html_text(relation) << ' ' << n;
      first = false;
    }
    out << ")";
  }
  out << "</span></p>\n</header>\n";

  // The drawing.
  out << "<section id=\"drawing\">\n<h2>Graph</h2>\n";
  const std::string_view svg = svg_element(drawing.svg);
  if (!svg.empty()) {
    out << "<div class=\"drawing\">\n" << svg << "\n</div>\n";
  } else {
    const std::string why = drawing.note.empty() ? "Graphviz gave no SVG" : drawing.note;
    out << "<p class=\"note\">No drawing: " << html_text(why) << ".</p>\n";
  }
  out << "</section>\n";

  // Search box, then the entities.
  out << "<section id=\"entities\">\n<h2>Entities</h2>\n<div class=\"tools\"><input type=\"search\" "
         "id=\"filter\" placeholder=\"Filter entities and relations\" aria-label=\"Filter entities and "
         "relations\"> <span id=\"shown\"></span></div>\n"
         "<table id=\"entity-table\" class=\"sortable\" data-what=\"entities\">\n<thead><tr><th>Type</th>"
         "<th>Name</th><th>Aliases</th><th data-type=\"number\">Mentions</th><th "
         "data-type=\"number\">Articles</th><th>Article ids</th></tr></thead>\n<tbody>\n";
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    std::string aliases;
    for (std::size_t i = 0; i < n.aliases.size(); ++i) aliases += (i ? ", " : "") + n.aliases[i];
    std::string ids;
    for (std::size_t i = 0; i < n.articles.size(); ++i) ids += (i ? ", " : "") + n.articles[i];
    out << "<tr id=\"node-" << v << "\" title=\"" << html_text(n.id)
        << "\"><td class=\"type\" style=\"--swatch:" << export_detail::node_style(n.type).fill << "\">"
        << html_text(to_string(n.type)) << "</td><td>" << html_text(display_name(n)) << node_links(n)
        << "</td><td>" << html_text(aliases) << "</td>" << number_cell(n.mentions, std::to_string(n.mentions))
        << number_cell(n.articles.size(), std::to_string(n.articles.size())) << "<td class=\"ids\">"
        << html_text(ids) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";

  // The relations and their evidence.
  ArticleTexts texts(options.article_texts);
  out << "<section id=\"relations\">\n<h2>Relations</h2>\n"
         "<table id=\"relation-table\" class=\"sortable\" "
         "data-what=\"relations\">\n<thead><tr><th>Source</th>"
         "<th>Relation</th><th>Target</th><th data-type=\"number\">Weight</th><th "
         "data-type=\"number\">Articles</th><th>Evidence</th></tr></thead>\n<tbody>\n";
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    const Node& s = g[boost::source(e, g)];
    const Node& t = g[boost::target(e, g)];
    std::string relation = html_text(to_string(ed.relation));
    if (!ed.title.empty()) relation += " <span class=\"ids\">" + html_text(ed.title) + "</span>";
    out << "<tr><td title=\"" << html_text(s.id) << "\">" << html_text(display_name(s)) << "</td><td>"
        << relation << "</td><td title=\"" << html_text(t.id) << "\">" << html_text(display_name(t))
        << "</td>" << number_cell(ed.weight, std::to_string(ed.weight))
        << number_cell(ed.articles, std::to_string(ed.articles)) << "<td><ul class=\"evidence\">";
    for (std::size_t i = 0; i < ed.evidence.size() && i < kMaxEvidence; ++i)
      out << evidence_item(ed.evidence[i], texts);
    if (ed.evidence.size() > kMaxEvidence)
      out << "<li class=\"more\">and "
          << counted(ed.evidence.size() - kMaxEvidence, "more statement", "more statements") << "</li>";
    out << "</ul></td></tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";

  // The data, then the script.
  std::ostringstream json;
  write_json(json, g);
  out << "<script type=\"application/json\" id=\"newsgraph-graph\">" << script_json(json.str())
      << "</script>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

void write_html(std::ostream& out, const Graph& g, const HtmlOptions& options) {
  write_html(out, g, options, draw_for_report(g, options.render));
}

}  // namespace newsgraph
