// What the files of a run hold: write_graph writes the graph in any format of export.hpp, the
// HTML report included; plan_outputs decides which file a command line names gets which
// content, before any work is done; make_outputs makes those contents from one graph, for
// write_files_atomically (util/atomic_file.hpp) and standard output.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsgraph/export/export.hpp"
#include "newsgraph/merge/merge.hpp"
#include "newsgraph/render/render.hpp"
#include "newsgraph/render/report.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "newsgraph/vocab/graph.hpp"

namespace newsgraph {

/// Writes `g` in `format`. JSON also carries `sources` when given (see write_json). Html writes
/// the report with default options (write_html), which runs Graphviz for its drawing.
void write_graph(std::ostream& out, const Graph& g, Format format,
                 const std::vector<ArticleResult>* sources = nullptr);

/// The outputs asked for cannot be planned: a file whose content cannot be told from its name.
/// what() is one line naming the file and the extensions that would do. It is a usage error:
/// the command line reports it with exit code 2.
class OutputPlanError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What one output holds.
enum class OutputKind {
  Export,             ///< the graph in PlannedOutput::format (never Html: that is a Report)
  Report,             ///< the HTML report (write_html)
  Image,              ///< Graphviz's drawing in PlannedOutput::image
  StyledDot,          ///< the styled DOT handed to Graphviz (write_render_dot)
  Neo4jCsv,           ///< nodes.csv and relationships.csv in the existing folder `path`
  MergeExplanations,  ///< every merge of names, with its rule and evidence
  Mentions,           ///< every resolved mention as JSON Lines (write_mention_lines)
};

/// One output of a run: where it goes and what it holds.
struct PlannedOutput {
  std::string path;  ///< a file, the folder of a Neo4jCsv, or "-" for standard output
  OutputKind kind = OutputKind::Export;
  Format format = Format::Json;          ///< of an Export
  ImageFormat image = ImageFormat::Svg;  ///< of an Image
};

/// The outputs a command line asks for; empty strings ask for nothing.
struct OutputRequest {
  /// Files of the graph (build -o), each in `format` when it is given, else in the format of
  /// its extension (format_from_extension); Html makes a report.
  std::vector<std::string> graphs;
  std::optional<Format> format;
  /// The JSON graph built into (build --into), rewritten after the graph files.
  std::string into;
  /// Drawings (build --render, render -o), by extension: .svg, .png and .pdf an Image,
  /// .html and .htm a Report, .dot and .gv the StyledDot (case ignored).
  std::vector<std::string> drawings;
  std::string neo4j_csv;       ///< a folder for nodes.csv and relationships.csv
  std::string explain_merges;  ///< a file for the merge explanations
  std::string mentions;        ///< a file for the mentions
  /// Without graph files (nor `into`), write the graph to standard output in `format` (JSON
  /// when none is given; a report for Html), as `build` does.
  bool graph_to_stdout = false;
};

/// Which output gets which content.
struct OutputPlan {
  /// The files in the order they are written (write_files_atomically renames them in this
  /// order): the graph files, `into`, the Neo4j CSV folder, the drawings, the merge
  /// explanations, the mentions.
  std::vector<PlannedOutput> files;
  /// What goes to standard output (path "-"), if anything.
  std::optional<PlannedOutput> to_stdout;
  /// The indices into `files` of the reports and drawings in the order make_outputs makes them
  /// (it decides which failure is met first): the drawings asked for, then the reports among
  /// the graph files. A report on standard output comes last.
  std::vector<std::size_t> drawing_order;
};

/// Plans the outputs of `request` without touching a file. Throws OutputPlanError for the first
/// graph file whose format cannot be told ("cannot tell the format of 'x.xyz' from its
/// extension (use ...)"), else for the first drawing whose kind cannot be told ("cannot tell
/// what to draw into 'x.xyz' from its extension (use ...)").
OutputPlan plan_outputs(const OutputRequest& request);

/// What the outputs of a run are made from. Everything pointed to must outlive the writers
/// made from it.
struct OutputSources {
  const Graph* graph = nullptr;                          ///< required
  const std::vector<ArticleResult>* articles = nullptr;  ///< "sources" of JSON graphs; Mentions
  const MergeResult* merged = nullptr;                   ///< Mentions, MergeExplanations
  /// What reports and drawings show and how (filters, layout), the report's title and the
  /// article texts its statements quote.
  HtmlOptions drawing;
  /// Told "the report has no drawing: <why>" when the drawing of a report fails; may be empty.
  std::function<void(const std::string&)> warn;
};

/// The contents of a planned run.
struct RunOutputs {
  /// One per file of the plan, in its order (two for a Neo4jCsv: nodes.csv, relationships.csv).
  std::vector<FileContent> files;
  /// What writes standard output; empty when nothing goes there.
  std::function<void(std::ostream&)> to_stdout;
};

/// The contents of `plan`. The reports and drawings are made here, in memory, before any file is
/// written, so that a failure (an unknown focus, a missing Graphviz) leaves no file behind:
/// one filtering and one styled DOT for all drawings, one Graphviz run per image format, one
/// drawing for all reports. A report whose drawing fails is still made, with a note instead
/// of the drawing, and `sources.warn` is told once. The other contents (the graph formats,
/// the mentions, the explanations) are written when their writers run. Throws RenderError, and
/// std::invalid_argument when the plan needs articles or a merge that `sources` lacks.
RunOutputs make_outputs(const OutputPlan& plan, const OutputSources& sources);

}  // namespace newsgraph
