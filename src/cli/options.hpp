// The option groups several commands share: the knowledge data, the recognizer, the worker
// threads, and what a drawing or report shows. Enum options are checked against the names the
// library gives its enums and converted by the library, so each enum has one list of names.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/render/render.hpp"
#include "newsgraph/render/report.hpp"

namespace newsgraph::cli {

/// The most worker threads a user may ask for; far above any real core count.
constexpr unsigned kMaxThreads = 1024;

/// Which knowledge snapshot is used.
struct KnowledgeOptions {
  std::string kb;  ///< empty: newsgraph::default_knowledge_path()
};

/// How mentions are found: the trained tagger (default) or the rules alone, and the model file.
struct RecognizerOptions {
  std::string ner = "tagger";
  std::string model;           ///< empty: newsgraph::default_model_path()
  std::string relation_model;  ///< empty: newsgraph::default_model_path("rel-en.bin")
  double min_confidence = newsgraph::RelationConfig{}.min_confidence;
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

/// Accepts the format names the library knows ("dot", "gv", "graphml", "jsonld", "json", "html",
/// "cypher", "kuzu").
CLI::Validator format_validator();

/// Adds --kb (group "Knowledge").
void add_knowledge_options(CLI::App& cmd, KnowledgeOptions& k);
/// The knowledge snapshot `k` names, opened (throws KnowledgeError).
std::shared_ptr<const newsgraph::Knowledge> open_knowledge(const KnowledgeOptions& k);
/// Adds --ner, --model, --relation-model, --min-confidence and --co-mentions.
void add_recognizer_options(CLI::App& cmd, RecognizerOptions& r);
/// Adds --threads.
void add_threads_option(CLI::App& cmd, unsigned& threads);
/// Adds --max-article-mb: the most MB (10^6 bytes) an article may take in its input, 0 for no
/// limit; the default is newsgraph::kDefaultMaxArticleBytes.
void add_article_limit_option(CLI::App& cmd, double& max_article_mb);

/// The default of --max-article-mb.
inline constexpr double kDefaultMaxArticleMb = static_cast<double>(newsgraph::kDefaultMaxArticleBytes) / 1e6;

/// newsgraph::read_inputs(inputs) with articles of at most `max_article_mb` MB (0: no limit); the
/// error for a longer one says which flag raises the limit.
std::vector<newsgraph::Article> read_articles(const std::vector<std::string>& inputs, double max_article_mb);
/// Adds the options that choose what a drawing or report shows and how it is drawn.
void add_drawing_options(CLI::App& cmd, DrawingOptions& d, const std::string& group);

/// The pipeline's configuration from the shared options.
newsgraph::PipelineConfig pipeline_config(unsigned threads, const KnowledgeOptions& k,
                                          const RecognizerOptions& r);

/// What a drawing shows and how, from the options (valid, as the validators left them).
newsgraph::RenderOptions render_options(const DrawingOptions& d);

/// What a report shows: render_options(d), d's title, and the article texts `texts` (which must
/// outlive the result).
newsgraph::HtmlOptions report_options(const DrawingOptions& d,
                                      const std::map<std::string, std::string>& texts);

}  // namespace newsgraph::cli
