// What the files of a run hold: the graph in every format, and the plan and contents of a
// command line's outputs (see render/outputs.hpp).
#include "newsgraph/render/outputs.hpp"

#include <map>
#include <memory>
#include <sstream>
#include <utility>

#include "newsgraph/export/cypher.hpp"
#include "newsgraph/export/dot.hpp"
#include "newsgraph/export/graphml.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/export/jsonld.hpp"
#include "newsgraph/export/neo4j_csv.hpp"

namespace newsgraph {

void write_graph(std::ostream& out, const Graph& g, Format format,
                 const std::vector<ArticleResult>* sources) {
  switch (format) {
    case Format::Dot:
      write_dot(out, g);
      return;
    case Format::GraphML:
      write_graphml(out, g);
      return;
    case Format::JsonLd:
      write_jsonld(out, g);
      return;
    case Format::Json:
      write_json(out, g, sources);
      return;
    case Format::Html:
      write_html(out, g);
      return;
    case Format::Cypher:
      write_cypher(out, g, CypherDialect::Neo4j);
      return;
    case Format::KuzuCypher:
      write_cypher(out, g, CypherDialect::Kuzu);
      return;
  }
}

namespace {

/// The graph in `format` at `path`; a report for Html.
PlannedOutput graph_output(const std::string& path, Format format) {
  PlannedOutput out{path};
  if (format == Format::Html) {
    out.kind = OutputKind::Report;
  } else {
    out.kind = OutputKind::Export;
    out.format = format;
  }
  return out;
}

/// The drawing that `path` asks for by its extension. Throws OutputPlanError when it cannot be
/// told.
PlannedOutput drawing_output(const std::string& path) {
  PlannedOutput out{path, OutputKind::Image};
  if (const auto image = image_format_from_extension(path)) {
    out.image = *image;
  } else if (const auto format = format_from_extension(path);
             format == Format::Html || format == Format::Dot) {
    out.kind = *format == Format::Html ? OutputKind::Report : OutputKind::StyledDot;
  } else {
    throw OutputPlanError("cannot tell what to draw into '" + path +
                          "' from its extension (use .svg, .png, .pdf, .html or .dot)");
  }
  return out;
}

/// The reports and drawings of a run, each made at most once. Made in the order they are asked
/// for, so that the first failure met is the same whatever is cached.
class Drawings {
 public:
  explicit Drawings(const OutputSources& sources) : g_(*sources.graph), sources_(sources) {}

  /// The content of `out`, a Report, Image or StyledDot.
  std::string make(const PlannedOutput& out) {
    const RenderOptions& options = sources_.drawing.render;
    if (out.kind == OutputKind::Report) {
      if (!report_drawing_) {
        report_drawing_ = draw_for_report(g_, options);
        if (!report_drawing_->note.empty() && sources_.warn)
          sources_.warn("the report has no drawing: " + report_drawing_->note);
      }
      std::ostringstream page;
      write_html(page, g_, sources_.drawing, *report_drawing_);
      return page.str();
    }
    if (!drawn_) {
      drawn_ = filter_graph(g_, options);
      layout_ = choose_layout(*drawn_, options.layout);
      std::ostringstream text;
      write_render_dot(text, *drawn_, options, layout_);
      dot_ = text.str();
    }
    if (out.kind == OutputKind::StyledDot) return dot_;
    auto it = images_.find(out.image);
    if (it == images_.end())
      it = images_.emplace(out.image, run_graphviz(dot_, layout_, out.image, options.graphviz_dir)).first;
    return it->second;
  }

 private:
  const Graph& g_;
  const OutputSources& sources_;
  std::optional<Graph> drawn_;
  Layout layout_ = Layout::Dot;
  std::string dot_;
  std::map<ImageFormat, std::string> images_;
  std::optional<HtmlDrawing> report_drawing_;
};

/// A writer of the text `content`, which it keeps.
std::function<void(std::ostream&)> text_writer(std::string content) {
  auto text = std::make_shared<const std::string>(std::move(content));
  return [text](std::ostream& os) { os << *text; };
}

/// Throws std::invalid_argument unless `sources` has the articles and the merge, which `what`
/// are made from.
void require_build(const OutputSources& sources, const char* what) {
  if (sources.articles == nullptr || sources.merged == nullptr)
    throw std::invalid_argument(std::string("make_outputs: ") + what + " need the articles and the merge");
}

}  // namespace

OutputPlan plan_outputs(const OutputRequest& request) {
  OutputPlan plan;
  for (const std::string& path : request.graphs) {
    const std::optional<Format> format = request.format ? request.format : format_from_extension(path);
    if (!format) {
      throw OutputPlanError("cannot tell the format of '" + path +
                            "' from its extension (use .dot, .gv, .graphml, .jsonld, .json, .html, .cypher, "
                            ".kuzu.cypher or -f FORMAT)");
    }
    plan.files.push_back(graph_output(path, *format));
  }
  if (!request.into.empty()) plan.files.push_back(graph_output(request.into, Format::Json));
  std::vector<PlannedOutput> drawings;
  for (const std::string& path : request.drawings) drawings.push_back(drawing_output(path));

  const std::size_t graph_files = plan.files.size();
  if (!request.neo4j_csv.empty()) plan.files.push_back({request.neo4j_csv, OutputKind::Neo4jCsv});
  for (PlannedOutput& d : drawings) {
    plan.drawing_order.push_back(plan.files.size());
    plan.files.push_back(std::move(d));
  }
  for (std::size_t i = 0; i < graph_files; ++i)
    if (plan.files[i].kind == OutputKind::Report) plan.drawing_order.push_back(i);
  if (!request.explain_merges.empty())
    plan.files.push_back({request.explain_merges, OutputKind::MergeExplanations});
  if (!request.mentions.empty()) plan.files.push_back({request.mentions, OutputKind::Mentions});
  if (request.graph_to_stdout && graph_files == 0)
    plan.to_stdout = graph_output("-", request.format.value_or(Format::Json));
  return plan;
}

RunOutputs make_outputs(const OutputPlan& plan, const OutputSources& sources) {
  if (sources.graph == nullptr) throw std::invalid_argument("make_outputs: no graph");
  const Graph& g = *sources.graph;
  Drawings drawings(sources);
  std::vector<std::function<void(std::ostream&)>> drawn(plan.files.size());
  for (const std::size_t i : plan.drawing_order) drawn[i] = text_writer(drawings.make(plan.files[i]));

  RunOutputs outputs;
  if (plan.to_stdout) {
    if (plan.to_stdout->kind == OutputKind::Report) {
      outputs.to_stdout = text_writer(drawings.make(*plan.to_stdout));
    } else {
      outputs.to_stdout = [&g, articles = sources.articles, format = plan.to_stdout->format](
                              std::ostream& os) { write_graph(os, g, format, articles); };
    }
  }
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    const PlannedOutput& out = plan.files[i];
    switch (out.kind) {
      case OutputKind::Export:
        outputs.files.push_back({out.path, [&g, articles = sources.articles, format = out.format](
                                               std::ostream& os) { write_graph(os, g, format, articles); }});
        break;
      case OutputKind::Report:
      case OutputKind::Image:
      case OutputKind::StyledDot:
        outputs.files.push_back({out.path, drawn[i]});
        break;
      case OutputKind::Neo4jCsv:
        for (FileContent& f : neo4j_csv_files(out.path, g)) outputs.files.push_back(std::move(f));
        break;
      case OutputKind::MergeExplanations:
        require_build(sources, "merge explanations");
        outputs.files.push_back({out.path, [merged = sources.merged](std::ostream& os) {
                                   write_merge_explanations(os, *merged);
                                 }});
        break;
      case OutputKind::Mentions:
        require_build(sources, "mentions");
        outputs.files.push_back(
            {out.path, [articles = sources.articles, merged = sources.merged](std::ostream& os) {
               write_mention_lines(os, *articles, *merged);
             }});
        break;
    }
  }
  return outputs;
}

}  // namespace newsgraph
