// The HTML report: one self-contained page about a graph, with its drawing, its entities and
// its relations with their evidence.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/render/render.hpp"
#include "newsgraph/vocab/graph.hpp"

namespace newsgraph {

/// What a report shows.
struct HtmlOptions {
  /// The page title; empty gives "newsgraph: N articles".
  std::string title;
  /// The filters choose what the report is about (see report_graph) and the drawing options
  /// how it is drawn (see draw_for_report).
  RenderOptions render;
  /// The text of each article by id, to quote the sentence each statement was found in;
  /// statements of articles missing here are cited by article id and span.
  const std::map<std::string, std::string>* article_texts = nullptr;
};

/// The text of each article by id, for HtmlOptions::article_texts.
std::map<std::string, std::string> article_texts(const std::vector<Article>& articles);

/// The drawing of a report: an SVG document, or why there is none.
struct HtmlDrawing {
  std::string svg;   ///< Graphviz's SVG output; empty when there is no drawing
  std::string note;  ///< when `svg` is empty: why ("Graphviz 'dot' not found; ...")
};

/// What a report on `g` lists: filter_graph(g, render) with every quotation in full and with
/// the nodes that have no edge (`quotes` and `keep_isolated` only shape the drawing). Throws
/// RenderError for an unknown focus.
Graph report_graph(const Graph& g, const RenderOptions& render);

/// The drawing of a report on `g`: the nodes of report_graph that have edges (all of them
/// with `keep_isolated`), quotations as `quotes` says, drawn to SVG as render_graph does. When
/// Graphviz is missing or fails (RenderError from run_graphviz) there is no SVG and the error
/// is the note, so that a report can still be written. An unknown focus is not a drawing
/// problem: its RenderError propagates.
HtmlDrawing draw_for_report(const Graph& g, const RenderOptions& render);

/// Writes the report on report_graph(g, options.render): one HTML5 document that needs
/// nothing else (no network, no other file): title and counts; the drawing inline (or the
/// note); a table of entities (type,
/// label with its Wikidata id and coordinates as links to their Wikidata and OpenStreetMap
/// pages when known, aliases, mentions, articles) and one of relations (source, relation, target,
/// weight, articles, and each statement: its sentence with both ends marked, or its span,
/// and its article), both sortable by any column and filtered by a search box through a small
/// inline script; and the graph of the tables as JSON (what write_json writes, without
/// sources) in <script type="application/json" id="newsgraph-graph">. Guarantees: every text
/// from the graph is escaped for where it stands (element text, attribute value, JSON in a
/// script, with "<", ">", "&", U+2028 and U+2029 as \u escapes), malformed UTF-8 becomes
/// U+FFFD, and the output depends only on its inputs. Throws RenderError for an unknown focus.
void write_html(std::ostream& out, const Graph& g, const HtmlOptions& options, const HtmlDrawing& drawing);

/// Same, with the drawing made by draw_for_report(g, options.render).
void write_html(std::ostream& out, const Graph& g, const HtmlOptions& options = {});

}  // namespace newsgraph
