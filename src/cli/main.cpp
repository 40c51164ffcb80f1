// The `newsgraph` command: parses the command line, runs the library and maps every failure to
// an exit code. Exit codes: 0 success, 1 input/output/knowledge error (one line
// "newsgraph: error: ..." on stderr), 2 usage error. All logic lives in the library.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/eval/ner.hpp"
#include "newsgraph/eval/relations.hpp"
#include "newsgraph/export/export.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/export/json_reader.hpp"
#include "newsgraph/export/neo4j_csv.hpp"
#include "newsgraph/ingest/document.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/pipeline/stats.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/render/outputs.hpp"
#include "newsgraph/render/render.hpp"
#include "newsgraph/render/report.hpp"

#ifndef NEWSGRAPH_VERSION
#error "NEWSGRAPH_VERSION must be defined by the build"
#endif

namespace {

constexpr int kExitSuccess = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

/// The most worker threads a user may ask for; far above any real core count.
constexpr unsigned kMaxThreads = 1024;
/// eval-relations' default threshold on the classifier's confidence: the best strict micro F1
/// on CoNLL04 dev (0.35-0.5 lie within a point of each other).
constexpr double kConll04MinConfidence = 0.4;

/// A command line that parses but cannot be carried out as given (an output file whose
/// format cannot be told). Reported like a CLI11 parse error, with exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where the Debian data is read from; defaults are Debian's paths.
struct KnowledgeOptions {
  newsgraph::KnowledgePaths paths;
};

/// How mentions are found: the trained tagger (default) or the rules alone, and the model file.
struct RecognizerOptions {
  std::string ner = "tagger";
  std::string model;           ///< empty: newsgraph::default_model_path()
  std::string relation_model;  ///< empty: newsgraph::default_model_path("rel-en.bin")
  double min_confidence = newsgraph::PipelineConfig{}.min_relation_confidence;
  bool co_mentions = false;
};

/// What a drawing or report shows and how it is drawn, as given on the command line (checked
/// by the options' validators; see render_options()).
struct DrawingOptions {
  std::string layout = "auto";
  std::size_t min_weight = 1;
  bool keep_isolated = false;
  std::size_t top = 0;
  std::string top_by = "mentions";
  std::string focus;
  std::size_t depth = 1;
  std::vector<std::string> types;
  std::string quotes = "none";
  std::size_t quote_chars = newsgraph::RenderOptions{}.quote_chars;
  std::string title;  ///< of an .html report
};

struct BuildOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  std::string format;
  std::string mentions;
  std::string into;            ///< a JSON graph to merge the inputs into (and to rewrite)
  std::string explain_merges;  ///< where to write the merge explanations
  std::string neo4j_csv;       ///< a directory for nodes.csv and relationships.csv
  std::string aliases;         ///< --aliases file
  std::string keep_apart;      ///< --keep-apart file
  unsigned threads = 0;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
  std::vector<std::string> renders;  ///< --render files: drawings of the graph built
  DrawingOptions drawing;
  bool quiet = false;
};

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string output;
  unsigned threads = 0;
  bool stats = false;
  bool quiet = false;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};

/// `train-ner`: CoNLL training files, the dev file for choosing the epoch, the model to write.
struct TrainNerOptions {
  std::vector<std::string> train;
  std::vector<std::string> domain;
  std::string dev;
  std::string output;
  newsgraph::TrainingOptions training;
  std::size_t sentences_per_doc = 20;
  KnowledgeOptions knowledge;
};

/// `eval-ner`: a CoNLL file scored with exact spans, by the extract pipeline or the tagger alone.
struct EvalNerOptions {
  std::string conll;
  bool tagger_only = false;
  unsigned threads = 0;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};

/// `eval-relations`: a CoNLL04 split scored by the whole pipeline.
struct EvalRelationsOptions {
  std::string conll04;
  unsigned threads = 0;
  KnowledgeOptions knowledge;
  RecognizerOptions recognizer;
};

/// `train-relations`: CoNLL04 splits in, the relation classifier out.
struct TrainRelationsOptions {
  std::string train;
  std::string dev;
  std::string output;
  newsgraph::PairTrainingOptions training;
  KnowledgeOptions knowledge;
};

/// `render`: a graph written by `build -o FILE.json`, drawn to files.
struct RenderCommandOptions {
  std::string graph;
  std::vector<std::string> outputs;
  std::vector<std::string> articles;  ///< the articles' texts, for the report's evidence sentences
  DrawingOptions drawing;
  bool quiet = false;
};

/// One file `build` writes the graph to, and its format.
struct GraphOutput {
  std::string path;
  newsgraph::Format format;
};

/// `what` on one line: line breaks and other control characters become spaces, so an error
/// is always exactly one line of stderr.
std::string one_line(const std::string& what) {
  std::string out = what;
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

/// Accepts the format names the library knows ("dot", "gv", "graphml", "jsonld", "json", "html",
/// "cypher", "kuzu").
CLI::Validator format_validator() {
  return CLI::Validator(
      [](std::string& name) -> std::string {
        if (newsgraph::format_from_name(name)) return {};
        return "unknown format '" + name +
               "' (expected dot, gv, graphml, jsonld, json, html, cypher or kuzu)";
      },
      "", "Format");
}

void add_recognizer_options(CLI::App& cmd, RecognizerOptions& r) {
  cmd.add_option("--ner", r.ner,
                 "how mentions are found: tagger (the trained model with the rules), rules, or tagger-only "
                 "(the model's spans as they are, in its training corpus's conventions)")
      ->check(CLI::IsMember({"tagger", "rules", "tagger-only"}))
      ->capture_default_str();
  cmd.add_option("--model", r.model, "tagger model (default: $NEWSGRAPH_MODEL, else models/ner-en.bin)")
      ->type_name("FILE");
  cmd.add_option("--relation-model", r.relation_model,
                 "relation classifier (default: $NEWSGRAPH_RELATION_MODEL, else models/rel-en.bin)")
      ->type_name("FILE");
  cmd.add_option("--min-confidence", r.min_confidence,
                 "leave out the relation classifier's relations below this confidence")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_flag("--co-mentions", r.co_mentions,
               "also link every two entities named in the same sentence (co_mentioned, weight = sentences)");
}

newsgraph::PipelineConfig pipeline_config(unsigned threads, const KnowledgeOptions& k,
                                          const RecognizerOptions& r) {
  newsgraph::PipelineConfig config;
  config.threads = threads;
  config.knowledge = k.paths;
  config.recognizer = r.ner == "rules"         ? newsgraph::Recognizer::Rules
                      : r.ner == "tagger-only" ? newsgraph::Recognizer::TaggerOnly
                                               : newsgraph::Recognizer::Tagger;
  config.model_path = r.model;
  config.relation_model_path = r.relation_model;
  config.min_relation_confidence = r.min_confidence;
  config.co_mentions = r.co_mentions;
  return config;
}

void add_knowledge_options(CLI::App& cmd, KnowledgeOptions& k) {
  const std::string group = "Knowledge data";
  cmd.add_option("--iso-codes", k.paths.iso_codes_dir, "Debian iso-codes JSON directory")
      ->type_name("DIR")
      ->capture_default_str()
      ->group(group);
  cmd.add_option("--zone-tab", k.paths.zone1970_tab, "tzdata zone1970.tab")
      ->type_name("FILE")
      ->capture_default_str()
      ->group(group);
  cmd.add_option("--words", k.paths.words_file, "word list (wamerican)")
      ->type_name("FILE")
      ->capture_default_str()
      ->group(group);
}

void add_threads_option(CLI::App& cmd, unsigned& threads) {
  cmd.add_option("--threads", threads, "worker threads; 0 = one per core (output never depends on it)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(0u, kMaxThreads));
}

/// The graph outputs of `build`: each -o file in the format of -f, or else of its extension.
/// Throws UsageError for a file whose format cannot be told.
std::vector<GraphOutput> graph_outputs(const BuildOptions& o) {
  std::optional<newsgraph::Format> forced;
  if (!o.format.empty()) forced = newsgraph::format_from_name(o.format);
  std::vector<GraphOutput> outs;
  for (const std::string& path : o.outputs) {
    std::optional<newsgraph::Format> f = forced ? forced : newsgraph::format_from_extension(path);
    if (!f) {
      throw UsageError("cannot tell the format of '" + path +
                       "' from its extension (use .dot, .gv, .graphml, .jsonld, .json, .html, .cypher, "
                       ".kuzu.cypher or -f FORMAT)");
    }
    outs.push_back({path, *f});
  }
  return outs;
}

/// Flushes stdout and reports a failed write (a closed pipe, a full disk) as an OutputError.
void finish_stdout() {
  std::cout.flush();
  if (!std::cout) throw newsgraph::OutputError("cannot write to standard output");
}

/// Adds the options that choose what a drawing or report shows and how it is drawn.
void add_drawing_options(CLI::App& cmd, DrawingOptions& d, const std::string& group) {
  cmd.add_option("--layout", d.layout,
                 "Graphviz layout: auto (dot up to " + std::to_string(newsgraph::kDotMaxNodes) +
                     " nodes, sfdp above), dot, sfdp or neato")
      ->check(CLI::IsMember({"auto", "dot", "sfdp", "neato"}))
      ->capture_default_str()
      ->group(group);
  cmd.add_option("--min-weight", d.min_weight, "leave out edges with fewer than N supporting statements")
      ->type_name("N")
      ->capture_default_str()
      ->group(group);
  cmd.add_flag("--keep-isolated", d.keep_isolated,
               "also draw the nodes that have no edge (left out by default)")
      ->group(group);
  cmd.add_option("--top", d.top, "keep only the N nodes ranked highest by --top-by (0 = all)")
      ->type_name("N")
      ->capture_default_str()
      ->group(group);
  cmd.add_option("--top-by", d.top_by, "what --top ranks by: mentions or degree")
      ->check(CLI::IsMember({"mentions", "degree"}))
      ->capture_default_str()
      ->group(group);
  cmd.add_option("--focus", d.focus,
                 "only the neighbourhood of this entity (its name, an alias or its id; case ignored)")
      ->type_name("NAME")
      ->group(group);
  cmd.add_option("--depth", d.depth, "how many edges deep --focus reaches")
      ->type_name("K")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100}))
      ->group(group);
  cmd.add_option("--types", d.types, "node types to keep: person, organization, place, group (default all)")
      ->type_name("LIST")
      ->delimiter(',')
      ->transform(CLI::Validator(
          [](std::string& t) -> std::string {
            for (char& c : t)
              if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (t == "person" || t == "organization" || t == "place" || t == "group") return {};
            if (t == "quotation") return "quotations are chosen with --quotes none|short|full, not --types";
            return "unknown type '" + t + "' (expected person, organization, place or group)";
          },
          "", "Type"))
      ->group(group);
  cmd.add_option("--quotes", d.quotes, "quotations: none (left out), short (first --quote-chars), full")
      ->check(CLI::IsMember({"none", "short", "full"}))
      ->capture_default_str()
      ->group(group);
  cmd.add_option("--quote-chars", d.quote_chars, "how much of a quote --quotes short shows")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000}))
      ->group(group);
  cmd.add_option("--title", d.title, "the title of an .html report (default: newsgraph: N articles)")
      ->type_name("TEXT")
      ->group(group);
}

newsgraph::RenderOptions render_options(const DrawingOptions& d) {
  newsgraph::RenderOptions r;
  r.layout = newsgraph::layout_from_string(d.layout).value_or(newsgraph::Layout::Auto);
  r.min_weight = d.min_weight;
  r.keep_isolated = d.keep_isolated;
  r.top = d.top;
  r.top_by = newsgraph::rank_by_from_string(d.top_by).value_or(newsgraph::RankBy::Mentions);
  r.focus = d.focus;
  r.depth = d.depth;
  for (const std::string& t : d.types) {
    std::string name = t;
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    if (const auto type = newsgraph::entity_type_from_string(name)) r.types.push_back(*type);
  }
  r.quotes = newsgraph::quote_mode_from_string(d.quotes).value_or(newsgraph::QuoteMode::None);
  r.quote_chars = d.quote_chars;
  return r;
}

/// What one file of `render` (or of build's --render) holds.
enum class DrawingKind {
  Image,   ///< Graphviz's drawing: .svg, .png, .pdf
  Report,  ///< the HTML report: .html, .htm
  Dot,     ///< the styled DOT handed to Graphviz: .dot, .gv
};

struct DrawingOutput {
  std::string path;
  DrawingKind kind = DrawingKind::Image;
  newsgraph::ImageFormat image = newsgraph::ImageFormat::Svg;
};

/// The kind of each file by its extension. Throws UsageError for an extension it cannot tell.
std::vector<DrawingOutput> drawing_outputs(const std::vector<std::string>& paths) {
  std::vector<DrawingOutput> outs;
  for (const std::string& path : paths) {
    DrawingOutput out{path};
    if (const auto image = newsgraph::image_format_from_extension(path)) {
      out.image = *image;
    } else if (const auto format = newsgraph::format_from_extension(path);
               format == newsgraph::Format::Html || format == newsgraph::Format::Dot) {
      out.kind = *format == newsgraph::Format::Html ? DrawingKind::Report : DrawingKind::Dot;
    } else {
      throw UsageError("cannot tell what to draw into '" + path +
                       "' from its extension (use .svg, .png, .pdf, .html or .dot)");
    }
    outs.push_back(std::move(out));
  }
  return outs;
}

/// One line "newsgraph: warning: ..." on stderr, unless quiet.
void warn(bool quiet, const std::string& what) {
  if (!quiet) std::cerr << "newsgraph: warning: " << one_line(what) << "\n";
}

/// Draws how far extraction has come on stderr while it runs, when stderr is a terminal and
/// not silenced: one line rewritten in place ("newsgraph: 120/2225 articles (5%), 31.4/s, 1:07
/// left"), at most kRefreshesPerSecond times a second plus the last state, and erased when the
/// meter goes away (also when the run fails), so the terminal is left as it was.
class ProgressMeter {
 public:
  explicit ProgressMeter(bool quiet) : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1) {}
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;
  ~ProgressMeter() { finish(); }

  /// Erases the line, before anything else goes to stderr; later updates draw nothing.
  void finish() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
    shown_ = false;
    enabled_ = false;
  }

  /// The callback for PipelineConfig::progress; empty when the meter is off.
  std::function<void(std::size_t, std::size_t)> callback() {
    if (!enabled_) return {};
    return [this](std::size_t done, std::size_t total) { update(done, total); };
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr int kRefreshesPerSecond = 4;

  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const Clock::time_point now = Clock::now();
    if (done == 0) start_ = now;
    if (done != 0 && done != total && now - last_ < std::chrono::milliseconds(1000 / kRefreshesPerSecond))
      return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    std::ostringstream line;
    line << "newsgraph: " << done << "/" << total << " articles";
    if (total > 0) line << " (" << done * 100 / total << "%)";
    if (done > 0 && seconds > 0) {
      const double rate = static_cast<double>(done) / seconds;
      char buf[32];
      std::snprintf(buf, sizeof buf, rate < 100 ? "%.1f" : "%.0f", rate);
      line << ", " << buf << "/s";
      if (done < total)
        line << ", " << clock_time(static_cast<double>(total - done) / rate) << " left";
      else
        line << ", " << clock_time(seconds);
    }
    std::cerr << "\r" << line.str() << "\033[K" << std::flush;
    shown_ = true;
  }

  /// "m:ss", or "h:mm:ss" from an hour on.
  static std::string clock_time(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
      std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
      std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
  }

  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
};

/// The article texts by id, for quoting evidence sentences in a report.
std::map<std::string, std::string> article_texts(const std::vector<newsgraph::Article>& articles) {
  std::map<std::string, std::string> texts;
  for (const newsgraph::Article& a : articles) texts.emplace(a.id, a.text);
  return texts;
}

/// The contents of the drawing files `outputs` of graph `g`, in their order, made in memory
/// before any file is written, so that a failure (an unknown --focus, a missing Graphviz)
/// leaves no file of the run behind. A report whose drawing fails still gets written, with a
/// note instead of the drawing, and a warning.
std::vector<std::string> make_drawings(const newsgraph::Graph& g, const std::vector<DrawingOutput>& outputs,
                                       const DrawingOptions& d,
                                       const std::map<std::string, std::string>& texts, bool quiet) {
  const newsgraph::RenderOptions options = render_options(d);
  std::optional<newsgraph::Graph> drawn;
  newsgraph::Layout layout = newsgraph::Layout::Dot;
  std::string dot;
  std::map<newsgraph::ImageFormat, std::string> images;
  std::optional<newsgraph::HtmlDrawing> report_drawing;
  std::vector<std::string> contents;
  for (const DrawingOutput& out : outputs) {
    if (out.kind == DrawingKind::Report) {
      if (!report_drawing) {
        report_drawing = newsgraph::draw_for_report(g, options);
        if (!report_drawing->note.empty()) warn(quiet, "the report has no drawing: " + report_drawing->note);
      }
      newsgraph::HtmlOptions html;
      html.title = d.title;
      html.render = options;
      html.article_texts = &texts;
      std::ostringstream page;
      newsgraph::write_html(page, g, html, *report_drawing);
      contents.push_back(page.str());
      continue;
    }
    if (!drawn) {
      drawn = newsgraph::filter_graph(g, options);
      layout = newsgraph::choose_layout(*drawn, options.layout);
      std::ostringstream text;
      newsgraph::write_render_dot(text, *drawn, options, layout);
      dot = text.str();
    }
    if (out.kind == DrawingKind::Dot) {
      contents.push_back(dot);
      continue;
    }
    auto it = images.find(out.image);
    if (it == images.end())
      it = images.emplace(out.image, newsgraph::run_graphviz(dot, layout, out.image, options.graphviz_dir))
               .first;
    contents.push_back(it->second);
  }
  return contents;
}

int run_build(const BuildOptions& o) {
  std::vector<GraphOutput> outputs = graph_outputs(o);
  if (!o.into.empty()) outputs.push_back({o.into, newsgraph::Format::Json});
  const std::vector<DrawingOutput> renders = drawing_outputs(o.renders);
  const std::vector<newsgraph::Article> articles = newsgraph::read_inputs(o.inputs);
  std::vector<newsgraph::ArticleResult> earlier;
  // A graph to build into that does not exist yet starts empty.
  if (!o.into.empty() && std::filesystem::exists(o.into)) earlier = newsgraph::read_json_sources(o.into);

  newsgraph::PipelineConfig config = pipeline_config(o.threads, o.knowledge, o.recognizer);
  if (!o.aliases.empty()) config.overrides.aliases = newsgraph::read_name_groups(o.aliases);
  if (!o.keep_apart.empty()) config.overrides.keep_apart = newsgraph::read_name_groups(o.keep_apart);
  ProgressMeter meter(o.quiet);
  config.progress = meter.callback();
  const newsgraph::Pipeline pipeline(config);
  const newsgraph::BuildResult result = pipeline.build(articles, std::move(earlier));
  meter.finish();

  // Reports (-o FILE.html, -f html) and drawings (--render) are made before any file is
  // written, so that a failure leaves none behind.
  const newsgraph::Format stdout_format =
      o.format.empty() ? newsgraph::Format::Json : *newsgraph::format_from_name(o.format);
  std::vector<DrawingOutput> drawings = renders;
  std::vector<std::size_t> report_of(outputs.size(), static_cast<std::size_t>(-1));
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].format != newsgraph::Format::Html) continue;
    report_of[i] = drawings.size();
    drawings.push_back({outputs[i].path, DrawingKind::Report});
  }
  std::size_t stdout_report = static_cast<std::size_t>(-1);
  if (outputs.empty() && stdout_format == newsgraph::Format::Html) {
    stdout_report = drawings.size();
    drawings.push_back({"-", DrawingKind::Report});
  }
  const std::map<std::string, std::string> texts = article_texts(articles);
  const std::vector<std::string> drawn = make_drawings(result.graph, drawings, o.drawing, texts, o.quiet);

  if (outputs.empty()) {
    if (stdout_report < drawn.size())
      std::cout << drawn[stdout_report];
    else
      newsgraph::write_graph(std::cout, result.graph, stdout_format, &result.articles);
    finish_stdout();
  }
  // Every file of the run is written together: none is replaced unless all can be written.
  std::vector<newsgraph::FileContent> files;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (report_of[i] < drawn.size()) {
      files.push_back({outputs[i].path, [&drawn, k = report_of[i]](std::ostream& os) { os << drawn[k]; }});
    } else {
      files.push_back({outputs[i].path, [&result, format = outputs[i].format](std::ostream& os) {
                         newsgraph::write_graph(os, result.graph, format, &result.articles);
                       }});
    }
  }
  if (!o.neo4j_csv.empty()) {
    for (newsgraph::FileContent& f : newsgraph::neo4j_csv_files(o.neo4j_csv, result.graph))
      files.push_back(std::move(f));
  }
  for (std::size_t i = 0; i < renders.size(); ++i)
    files.push_back({renders[i].path, [&drawn, i](std::ostream& os) { os << drawn[i]; }});
  if (!o.explain_merges.empty()) {
    files.push_back({o.explain_merges, [&result](std::ostream& os) {
                       newsgraph::write_merge_explanations(os, result.merged);
                     }});
  }
  if (!o.mentions.empty()) {
    files.push_back({o.mentions, [&result](std::ostream& os) {
                       newsgraph::write_mention_lines(os, result.articles, result.merged);
                     }});
  }
  newsgraph::write_files_atomically(files);
  return kExitSuccess;
}

int run_render(const RenderCommandOptions& o) {
  const std::vector<DrawingOutput> outputs = drawing_outputs(o.outputs);
  const newsgraph::Graph g = newsgraph::read_json_graph(o.graph);
  std::map<std::string, std::string> texts;
  if (!o.articles.empty()) texts = article_texts(newsgraph::read_inputs(o.articles));
  const std::vector<std::string> drawn = make_drawings(g, outputs, o.drawing, texts, o.quiet);
  for (std::size_t i = 0; i < outputs.size(); ++i)
    newsgraph::write_file_atomically(outputs[i].path, [&](std::ostream& os) { os << drawn[i]; });
  return kExitSuccess;
}

int run_extract(const ExtractOptions& o) {
  newsgraph::Stopwatch clock;
  newsgraph::ExtractTimings timings;
  const std::vector<newsgraph::Article> articles = newsgraph::read_inputs(o.inputs);
  timings.read = clock.lap();

  newsgraph::PipelineConfig config = pipeline_config(o.threads, o.knowledge, o.recognizer);
  ProgressMeter meter(o.quiet);
  config.progress = meter.callback();
  const newsgraph::Pipeline pipeline(config);
  timings.load = clock.lap();
  const std::vector<newsgraph::ArticleResult> results = pipeline.extract_all(articles);
  timings.extract = clock.lap();
  meter.finish();

  const auto write_lines = [&](std::ostream& os) {
    for (const newsgraph::ArticleResult& r : results) newsgraph::write_extract_line(os, r);
  };
  if (o.output.empty()) {
    write_lines(std::cout);
    finish_stdout();
  } else {
    newsgraph::write_file_atomically(o.output, write_lines);
  }
  if (o.stats) std::cerr << newsgraph::stats_line(newsgraph::measure_volume(articles), timings) << "\n";
  return kExitSuccess;
}

int run_train_ner(const TrainNerOptions& o) {
  if (o.domain.empty() != (o.training.templates != 3))
    throw UsageError(
        "--domain and --templates 3 go together: the target corpus's documents get their own "
        "copy of every feature");
  newsgraph::ConllOptions conll;
  conll.sentences_per_document = o.sentences_per_doc;
  const auto read = [&](const std::string& path, std::vector<newsgraph::TrainingDocument>& into) {
    for (const newsgraph::GoldDocument& d : newsgraph::read_gold_documents(path, conll)) {
      into.push_back(newsgraph::make_training_document(d));
    }
  };
  std::vector<newsgraph::TrainingDocument> train, dev;
  for (const std::string& path : o.train) read(path, train);
  for (const std::string& path : o.domain) {
    const std::size_t first = train.size();
    read(path, train);
    for (std::size_t i = first; i < train.size(); ++i) train[i].target_domain = true;
  }
  read(o.dev, dev);
  const std::shared_ptr<const newsgraph::Knowledge> kb = newsgraph::Knowledge::load(o.knowledge.paths);
  newsgraph::TrainingOptions options = o.training;
  options.log = &std::cerr;
  const newsgraph::PerceptronTagger tagger = newsgraph::PerceptronTagger::train(train, dev, *kb, options);
  tagger.save(o.output);
  std::cerr << "train-ner: wrote " << o.output << "\n";
  return kExitSuccess;
}

int run_eval_ner(const EvalNerOptions& o) {
  const std::vector<newsgraph::GoldDocument> docs = newsgraph::read_conll(o.conll);
  newsgraph::NerScores scores;
  if (o.tagger_only) {
    const std::string& model =
        o.recognizer.model.empty() ? newsgraph::default_model_path() : o.recognizer.model;
    const newsgraph::PerceptronTagger tagger = newsgraph::PerceptronTagger::load(model);
    const std::shared_ptr<const newsgraph::Knowledge> kb = newsgraph::Knowledge::load(o.knowledge.paths);
    scores = newsgraph::evaluate_tagger(docs, tagger, *kb);
  } else {
    const newsgraph::Pipeline pipeline(pipeline_config(o.threads, o.knowledge, o.recognizer));
    scores = newsgraph::evaluate_pipeline(docs, pipeline);
  }
  newsgraph::write_scores(std::cout, scores);
  finish_stdout();
  return kExitSuccess;
}

int run_train_relations(const TrainRelationsOptions& o) {
  const auto convert = [](const std::string& path) {
    std::vector<newsgraph::PairTrainingSentence> out;
    if (path.empty()) return out;
    for (const auto& s : newsgraph::read_conll04(path)) out.push_back(newsgraph::pair_training_sentence(s));
    return out;
  };
  const auto train = convert(o.train), dev = convert(o.dev);
  const std::shared_ptr<const newsgraph::Knowledge> kb = newsgraph::Knowledge::load(o.knowledge.paths);
  newsgraph::PairTrainingOptions options = o.training;
  options.log = &std::cerr;
  newsgraph::RelationClassifier::train(train, dev, *kb, options).save(o.output);
  std::cerr << "train-relations: wrote " << o.output << "\n";
  return kExitSuccess;
}

int run_eval_relations(const EvalRelationsOptions& o) {
  const std::vector<newsgraph::RelationSentence> sentences = newsgraph::read_conll04(o.conll04);
  const newsgraph::Pipeline pipeline(pipeline_config(o.threads, o.knowledge, o.recognizer));
  newsgraph::write_relation_scores(std::cout, newsgraph::evaluate_relations(sentences, pipeline));
  finish_stdout();
  return kExitSuccess;
}

int report_usage_error(const std::string& what) {
  std::cerr << "newsgraph: error: " << one_line(what) << "\n"
            << "Run 'newsgraph --help' for usage.\n";
  return kExitUsage;
}

int report_failure(const std::string& what) {
  std::cerr << "newsgraph: error: " << one_line(what) << "\n";
  return kExitFailure;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios_base::sync_with_stdio(false);

  CLI::App app{"newsgraph: builds a knowledge graph of people, organizations and places from news articles."};
  app.name("newsgraph");
  app.set_version_flag("--version", std::string("newsgraph ") + NEWSGRAPH_VERSION);
  app.require_subcommand(1);
  app.footer(
      "INPUT is a .txt file (one article; first line the title), a .jsonl file (one article per\n"
      "line: id, text, and optional title, url, date, source), a folder (its .txt and .jsonl\n"
      "files, recursively) or '-' (JSON Lines on stdin).\n\n"
      "Examples:\n"
      "  newsgraph build samples/ -o out/graph.dot -o out/graph.graphml --mentions out/m.jsonl\n"
      "  cat articles.jsonl | newsgraph build -f graphml - > graph.graphml\n"
      "  newsgraph extract samples/messi-inter-miami.jsonl -o extract.jsonl\n"
      "  newsgraph build samples/ -o graph.json -o report.html --render graph.svg\n"
      "  newsgraph render graph.json -o focus.png --focus 'Vladimir Putin' --depth 2\n\n"
      "Exit codes: 0 success, 1 input/output/data error, 2 usage error.");

  BuildOptions build;
  CLI::App* build_cmd = app.add_subcommand("build", "merge articles into one graph and export it");
  build_cmd
      ->add_option("-o,--output", build.outputs,
                   "write the graph to FILE, format from its extension "
                   "(.dot .gv .graphml .jsonld .json, .html for a report, .cypher for Neo4j, .kuzu.cypher "
                   "for Kuzu); repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  build_cmd
      ->add_option("-f,--format", build.format,
                   "format of every output, and of stdout when no -o is given "
                   "(dot|gv|graphml|jsonld|json|html|cypher|kuzu; default json)")
      ->type_name("FORMAT")
      ->check(format_validator());
  build_cmd
      ->add_option("--mentions", build.mentions, "also write every resolved mention as JSON Lines to FILE")
      ->type_name("FILE");
  build_cmd
      ->add_option("--into", build.into,
                   "merge the inputs into the graph FILE written before by 'build -o FILE.json', and "
                   "rewrite FILE: the same graph as building everything at once")
      ->type_name("FILE");
  build_cmd
      ->add_option("--neo4j-csv", build.neo4j_csv,
                   "also write DIR/nodes.csv and DIR/relationships.csv (DIR must exist) for neo4j-admin "
                   "database import (--array-delimiter=U+001F --multiline-fields=true)")
      ->type_name("DIR");
  build_cmd
      ->add_option("--explain-merges", build.explain_merges,
                   "write every merge of names into one node, with its rule and evidence, to FILE")
      ->type_name("FILE");
  build_cmd
      ->add_option("--aliases", build.aliases,
                   "force merges: FILE has one entity per line, its names separated by '|'")
      ->type_name("FILE");
  build_cmd
      ->add_option("--keep-apart", build.keep_apart,
                   "forbid merges: FILE has one group per line, names of different entities separated by '|'")
      ->type_name("FILE");
  build_cmd
      ->add_option("--render", build.renders,
                   "also draw the graph with Graphviz to FILE (.svg, .png, .pdf; .dot for the styled DOT); "
                   "repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  build_cmd->add_flag("-q,--quiet", build.quiet,
                      "no progress display and no warnings on stderr (errors only)");
  add_threads_option(*build_cmd, build.threads);
  add_knowledge_options(*build_cmd, build.knowledge);
  add_recognizer_options(*build_cmd, build.recognizer);
  add_drawing_options(*build_cmd, build.drawing, "Drawing (--render and .html reports)");
  build_cmd->add_option("INPUT", build.inputs, "articles: .txt, .jsonl, folders, '-' for stdin")
      ->type_name("PATH")
      ->required();

  ExtractOptions extract;
  CLI::App* extract_cmd =
      app.add_subcommand("extract", "write one JSON line per article: mentions, entities, relations");
  extract_cmd->add_option("-o,--output", extract.output, "write to FILE instead of stdout")
      ->type_name("FILE");
  add_threads_option(*extract_cmd, extract.threads);
  extract_cmd->add_flag("-q,--quiet", extract.quiet, "no progress display on stderr (errors only)");
  extract_cmd->add_flag("--stats", extract.stats,
                        "after the run, print one line to stderr: articles, tokens, bytes, seconds of "
                        "reading, loading and extraction, tokens/s and MB/s");
  add_knowledge_options(*extract_cmd, extract.knowledge);
  add_recognizer_options(*extract_cmd, extract.recognizer);
  extract_cmd->add_option("INPUT", extract.inputs, "articles: .txt, .jsonl, folders, '-' for stdin")
      ->type_name("PATH")
      ->required();

  RenderCommandOptions render;
  CLI::App* render_cmd = app.add_subcommand(
      "render", "draw a graph written by 'build -o FILE.json' with Graphviz, or write its HTML report");
  render_cmd
      ->add_option("-o,--output", render.outputs,
                   "write to FILE: .svg, .png or .pdf (drawing), .html (report), .dot (the styled DOT); "
                   "repeatable")
      ->type_name("FILE")
      ->required()
      ->allow_extra_args(false);
  render_cmd
      ->add_option("--articles", render.articles,
                   "the articles the graph was built from (as for build), so that the report quotes the "
                   "sentence of each statement; repeatable")
      ->type_name("PATH")
      ->allow_extra_args(false);
  render_cmd->add_flag("-q,--quiet", render.quiet, "no warnings on stderr (errors only)");
  add_drawing_options(*render_cmd, render.drawing, "Drawing");
  render_cmd->add_option("GRAPH", render.graph, "a graph written by 'newsgraph build -o FILE.json'")
      ->type_name("FILE")
      ->required();

  TrainNerOptions train_ner;
  CLI::App* train_ner_cmd = app.add_subcommand(
      "train-ner", "train the NER tagger on CoNLL files, choosing the epoch on a dev file");
  train_ner_cmd
      ->add_option("--train", train_ner.train,
                   "training file: CoNLL-2003 or GMB columns, or CoNLL04 SpERT JSON (.json); repeatable")
      ->type_name("FILE")
      ->required();
  train_ner_cmd
      ->add_option("--domain", train_ner.domain,
                   "training file of the corpus the model is for (with --templates 3: its documents get "
                   "their own copy of every feature); repeatable")
      ->type_name("FILE");
  train_ner_cmd->add_option("--dev", train_ner.dev, "CoNLL dev file (epoch choice only)")
      ->type_name("FILE")
      ->required();
  train_ner_cmd->add_option("-o,--output", train_ner.output, "model file to write")
      ->type_name("FILE")
      ->required();
  train_ner_cmd->add_option("--seed", train_ner.training.seed, "seed of the document order")
      ->capture_default_str();
  train_ner_cmd->add_option("--max-epochs", train_ner.training.max_epochs, "passes over the data at most")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000u));
  train_ner_cmd
      ->add_option("--patience", train_ner.training.patience, "stop after N epochs without a better dev F1")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1000u));
  train_ner_cmd
      ->add_option("--templates", train_ner.training.templates,
                   "feature templates: 1 (the news model's), 2 (also the runs of capitalised words) or 3 "
                   "(those of 2, with a copy of every feature for the --domain documents)")
      ->check(CLI::IsMember({1u, 2u, 3u}))
      ->capture_default_str();
  train_ner_cmd->add_option("--hash-bits", train_ner.training.hash_bits, "2^N feature buckets")
      ->capture_default_str()
      ->check(CLI::Range(12u, 24u));
  train_ner_cmd
      ->add_option("--sentences-per-doc", train_ner.sentences_per_doc,
                   "documents of N sentences for files without -DOCSTART- (GMB; 0 = whole file) and for "
                   "SpERT JSON (0 = one sentence each)")
      ->capture_default_str();
  add_knowledge_options(*train_ner_cmd, train_ner.knowledge);

  EvalNerOptions eval_ner;
  CLI::App* eval_ner_cmd = app.add_subcommand(
      "eval-ner", "score mention detection on a CoNLL file: P/R/F1 per type, micro over PER/ORG/LOC");
  eval_ner_cmd->add_option("--conll", eval_ner.conll, "CoNLL file with gold tags")
      ->type_name("FILE")
      ->required();
  eval_ner_cmd->add_flag("--tagger-only", eval_ner.tagger_only,
                         "score the tagger alone instead of the mention detection of extract");
  add_recognizer_options(*eval_ner_cmd, eval_ner.recognizer);
  add_threads_option(*eval_ner_cmd, eval_ner.threads);
  add_knowledge_options(*eval_ner_cmd, eval_ner.knowledge);

  TrainRelationsOptions train_relations;
  CLI::App* train_relations_cmd = app.add_subcommand(
      "train-relations", "train the relation classifier on a CoNLL04 split, choosing the epoch on another");
  train_relations_cmd->add_option("--train", train_relations.train, "CoNLL04 training split (SpERT JSON)")
      ->type_name("FILE")
      ->required();
  train_relations_cmd->add_option("--dev", train_relations.dev, "CoNLL04 dev split (epoch choice only)")
      ->type_name("FILE");
  train_relations_cmd->add_option("-o,--output", train_relations.output, "model file to write")
      ->type_name("FILE")
      ->required();
  train_relations_cmd->add_option("--seed", train_relations.training.seed, "seed of the example order")
      ->capture_default_str();
  train_relations_cmd
      ->add_option("--bags", train_relations.training.bags,
                   "train this many perceptrons (seeds SEED, SEED+1, ...) and average their weights")
      ->check(CLI::Range(1u, 100u))
      ->capture_default_str();
  add_knowledge_options(*train_relations_cmd, train_relations.knowledge);

  EvalRelationsOptions eval_relations;
  CLI::App* eval_relations_cmd = app.add_subcommand(
      "eval-relations",
      "score relation extraction on a CoNLL04 split (SpERT JSON) from raw text: P/R/F1 per label, strict and "
      "boundaries");
  eval_relations_cmd->add_option("--conll04", eval_relations.conll04, "CoNLL04 split, e.g. conll04_dev.json")
      ->type_name("FILE")
      ->required();
  // CoNLL04 is scored in its own conventions by default: the tagger trained on its training
  // split, spans as tagged (titles inside person names), and the confidence threshold chosen on
  // its dev split. --ner tagger --model models/ner-en.bin --min-confidence 0.8 scores the
  // news pipeline as `build` runs it.
  eval_relations.recognizer.ner = "tagger-only";
  eval_relations.recognizer.model = newsgraph::default_model_path("ner-conll04.bin");
  eval_relations.recognizer.min_confidence = kConll04MinConfidence;
  add_recognizer_options(*eval_relations_cmd, eval_relations.recognizer);
  eval_relations_cmd->get_option("--model")->description("tagger model (default: models/ner-conll04.bin)");
  add_threads_option(*eval_relations_cmd, eval_relations.threads);
  add_knowledge_options(*eval_relations_cmd, eval_relations.knowledge);

  if (argc <= 1) {
    std::cerr << app.help();
    return kExitUsage;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help or --version: printed to stdout, exit 0
  } catch (const CLI::ParseError& e) {
    return report_usage_error(e.what());
  }

  try {
    if (train_ner_cmd->parsed()) return run_train_ner(train_ner);
    if (eval_ner_cmd->parsed()) return run_eval_ner(eval_ner);
    if (eval_relations_cmd->parsed()) return run_eval_relations(eval_relations);
    if (train_relations_cmd->parsed()) return run_train_relations(train_relations);
    if (build_cmd->parsed()) return run_build(build);
    if (render_cmd->parsed()) return run_render(render);
    return run_extract(extract);
  } catch (const UsageError& e) {
    return report_usage_error(e.what());
  } catch (const std::exception& e) {
    return report_failure(e.what());
  } catch (...) {
    return report_failure("unknown internal error");
  }
}
