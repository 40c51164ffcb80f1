#include "cli/options.hpp"

#include <algorithm>
#include <optional>

#include "newsgraph/export/export.hpp"
#include "util/strings.hpp"

namespace newsgraph::cli {
namespace {

/// The entity type that --types calls `name`: the prefix of its node ids ("person", "place").
std::optional<newsgraph::EntityType> type_named(const std::string& name) {
  for (const newsgraph::EntityType t : newsgraph::all_entity_types())
    if (newsgraph::id_prefix(t) == name) return t;
  return std::nullopt;
}

}  // namespace

CLI::Validator format_validator() {
  return CLI::Validator(
      [](std::string& name) -> std::string {
        if (newsgraph::format_from_name(name)) return {};
        return "unknown format '" + name +
               "' (expected dot, gv, graphml, jsonld, json, html, cypher or kuzu)";
      },
      "", "Format");
}

void add_knowledge_options(CLI::App& cmd, KnowledgeOptions& k) {
  cmd.add_option("--kb", k.kb,
                 "knowledge snapshot made by 'newsgraph kb build' (default: $NEWSGRAPH_KB, else "
                 "data/knowledge.kb)")
      ->type_name("FILE")
      ->group("Knowledge");
}

std::shared_ptr<const newsgraph::Knowledge> open_knowledge(const KnowledgeOptions& k) {
  return newsgraph::Knowledge::open(k.kb.empty() ? newsgraph::default_knowledge_path() : k.kb);
}

void add_recognizer_options(CLI::App& cmd, RecognizerOptions& r) {
  cmd.add_option("--ner", r.ner,
                 "how mentions are found: tagger (the trained model with the rules), rules, or tagger-only "
                 "(the model's spans as they are, in its training corpus's conventions)")
      ->check(CLI::IsMember(newsgraph::recognizer_names()))
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

void add_threads_option(CLI::App& cmd, unsigned& threads) {
  cmd.add_option("--threads", threads, "worker threads; 0 = one per core (output never depends on it)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(0u, kMaxThreads));
}

void add_article_limit_option(CLI::App& cmd, double& max_article_mb) {
  cmd.add_option("--max-article-mb", max_article_mb,
                 "refuse an article (a .txt file, a JSON line) of more than N MB (10^6 bytes); 0 = no limit")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
}

std::vector<newsgraph::Article> read_articles(const std::vector<std::string>& inputs, double max_article_mb) {
  newsgraph::ReadOptions options;
  // Any positive limit keeps at least one byte: 0 alone means no limit.
  options.max_article_bytes =
      max_article_mb > 0 ? std::max<std::size_t>(1, static_cast<std::size_t>(max_article_mb * 1e6)) : 0;
  try {
    return newsgraph::read_inputs(inputs, options);
  } catch (const newsgraph::ArticleTooLongError& e) {
    throw newsgraph::InputError(std::string(e.what()) + " (--max-article-mb N raises the limit)");
  }
}

void add_drawing_options(CLI::App& cmd, DrawingOptions& d, const std::string& group) {
  cmd.add_option("--layout", d.layout,
                 "Graphviz layout: auto (dot up to " + std::to_string(newsgraph::kDotMaxNodes) +
                     " nodes, sfdp above), dot, sfdp or neato")
      ->check(CLI::IsMember(newsgraph::layout_names()))
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
      ->check(CLI::IsMember(newsgraph::rank_by_names()))
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
            t = strings::ascii_lower(t);
            const std::optional<newsgraph::EntityType> type = type_named(t);
            if (type == newsgraph::EntityType::Quotation)
              return "quotations are chosen with --quotes none|short|full, not --types";
            if (type) return {};
            return "unknown type '" + t + "' (expected person, organization, place or group)";
          },
          "", "Type"))
      ->group(group);
  cmd.add_option("--quotes", d.quotes, "quotations: none (left out), short (first --quote-chars), full")
      ->check(CLI::IsMember(newsgraph::quote_mode_names()))
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

newsgraph::PipelineConfig pipeline_config(unsigned threads, const KnowledgeOptions& k,
                                          const RecognizerOptions& r) {
  newsgraph::PipelineConfig config;
  config.threads = threads;
  config.knowledge.snapshot = k.kb;
  config.mentions.recognizer =
      newsgraph::recognizer_from_string(r.ner).value_or(newsgraph::Recognizer::Tagger);
  config.mentions.model_path = r.model;
  config.relations.model_path = r.relation_model;
  config.relations.min_confidence = r.min_confidence;
  config.relations.co_mentions = r.co_mentions;
  return config;
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
  for (const std::string& t : d.types)
    if (const auto type = type_named(t)) r.types.push_back(*type);
  r.quotes = newsgraph::quote_mode_from_string(d.quotes).value_or(newsgraph::QuoteMode::None);
  r.quote_chars = d.quote_chars;
  return r;
}

newsgraph::HtmlOptions report_options(const DrawingOptions& d,
                                      const std::map<std::string, std::string>& texts) {
  newsgraph::HtmlOptions html;
  html.title = d.title;
  html.render = render_options(d);
  html.article_texts = &texts;
  return html;
}

}  // namespace newsgraph::cli
