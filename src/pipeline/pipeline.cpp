#include "newsgraph/pipeline/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_set>

#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/relations/combine.hpp"
#include "newsgraph/relations/relations.hpp"
#include "newsgraph/resolve/node_id.hpp"
#include "newsgraph/resolve/resolve.hpp"
#include "newsgraph/text/segment.hpp"

namespace newsgraph {

namespace {

/// The first of $`variable` (when set), `folder`/`file` beside the executable or in its parent
/// folder, and `source_folder`/`file` that exists; the last candidate when none does.
std::string find_data_file(const char* variable, std::string_view folder, std::string_view file,
                           std::string_view source_folder) {
  namespace fs = std::filesystem;
  const char* env = variable != nullptr ? std::getenv(variable) : nullptr;
  if (env != nullptr && *env != '\0') return env;
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(exe.parent_path() / folder / file);
    candidates.push_back(exe.parent_path().parent_path() / folder / file);
  }
  candidates.push_back(fs::path(source_folder) / file);
  for (const fs::path& p : candidates)
    if (fs::is_regular_file(p, ec)) return p.string();
  return candidates.back().string();
}

}  // namespace

std::string default_model_path(std::string_view file) {
  const char* variable = file == "ner-en.bin"   ? "NEWSGRAPH_MODEL"
                         : file == "rel-en.bin" ? "NEWSGRAPH_RELATION_MODEL"
                                                : nullptr;
  return find_data_file(variable, "models", file, NEWSGRAPH_SOURCE_MODELS);
}

std::string default_knowledge_path() {
  return find_data_file("NEWSGRAPH_KB", "data", "knowledge.kb", NEWSGRAPH_SOURCE_DATA);
}

Pipeline::Pipeline(PipelineConfig config)
    : config_(std::move(config)),
      kb_(Knowledge::open(config_.knowledge.snapshot.empty() ? default_knowledge_path()
                                                             : config_.knowledge.snapshot)) {
  if (config_.mentions.recognizer == Recognizer::Rules) {
    detector_ = std::make_unique<RuleMentionDetector>(kb_);
  } else {
    const std::string path =
        config_.mentions.model_path.empty() ? default_model_path() : config_.mentions.model_path;
    auto tagger = std::make_shared<const PerceptronTagger>(PerceptronTagger::load(path));
    if (config_.mentions.recognizer == Recognizer::TaggerOnly)
      detector_ = std::make_unique<TaggerOnlyMentionDetector>(kb_, std::move(tagger));
    else
      detector_ = std::make_unique<TaggedMentionDetector>(kb_, std::move(tagger));
  }
  const std::string relations =
      config_.relations.model_path.empty() ? default_model_path("rel-en.bin") : config_.relations.model_path;
  relation_model_ = std::make_unique<RelationClassifier>(RelationClassifier::load(relations));
}

ArticleResult Pipeline::extract(const Article& article) const {
  if (!is_valid_utf8(article.text)) {
    throw InputError((article.origin.empty() ? article.id : article.origin) + ": invalid UTF-8");
  }
  const bool staged = config_.stage_progress && article.text.size() >= config_.stage_progress_bytes;
  const auto stage = [&](std::string_view name) {
    if (staged) config_.stage_progress(article.id, name);
  };
  ArticleResult result;
  result.id = article.id;
  stage("segmenting");
  const Segmentation seg = segment(article.text);
  stage("finding names");
  std::vector<Mention> mentions = detector_->detect(article.text, seg);
  stage("resolving");
  result.entities = resolve(article.text, std::move(mentions), *kb_);
  stage("relations");
  result.relations = extract_relations(article.text, seg, result.entities, *kb_);
  stage("classifying pairs");
  add_model_relations(seg, result, *relation_model_, *kb_, config_.relations.min_confidence);
  if (config_.relations.co_mentions) {
    stage("co-mentions");
    add_co_mentions(seg, result);
  }
  stage("naming");

  // Ids unique within the article, in entity order: a second "person/x" becomes "person/x-2".
  std::unordered_set<std::string> taken;
  for (Entity& e : result.entities.entities) {
    const std::string base = make_node_id(e.type, e.name, *kb_);
    std::string id = base;
    for (int n = 2; !taken.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    e.id = std::move(id);
  }
  return result;
}

namespace {

// Runs `pipeline.extract` over `articles` on `threads` workers; results in the same order.
// `progress` (may be empty) is told of each finished article, one call at a time.
std::vector<ArticleResult> extract_parallel(const Pipeline& pipeline,
                                            const std::vector<const Article*>& articles,
                                            unsigned configured_threads,
                                            const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<ArticleResult> results(articles.size());
  unsigned threads =
      configured_threads != 0 ? configured_threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, articles.size())));

  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::size_t error_index = articles.size();
  std::mutex error_mutex;
  std::mutex progress_mutex;
  std::size_t done = 0;
  if (progress) progress(0, articles.size());
  auto work = [&]() {
    for (std::size_t i = next++; i < articles.size(); i = next++) {
      try {
        results[i] = pipeline.extract(*articles[i]);
        if (progress) {
          std::lock_guard<std::mutex> lock(progress_mutex);
          progress(++done, articles.size());
        }
      } catch (...) {
        // Report the first failing article in input order, whatever the scheduling.
        std::lock_guard<std::mutex> lock(error_mutex);
        if (i < error_index) {
          error_index = i;
          error = std::current_exception();
        }
      }
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
  return results;
}

}  // namespace

std::vector<ArticleResult> Pipeline::extract_all(const std::vector<Article>& articles) const {
  std::vector<const Article*> ptrs;
  ptrs.reserve(articles.size());
  for (const Article& a : articles) ptrs.push_back(&a);
  return extract_parallel(*this, ptrs, config_.threads, config_.progress);
}

BuildResult Pipeline::build(const std::vector<Article>& articles, std::vector<ArticleResult> earlier) const {
  {
    std::set<std::string> known;
    for (const ArticleResult& r : earlier) known.insert(r.id);
    for (const Article& a : articles)
      if (known.count(a.id) > 0)
        throw InputError(a.origin + ": article id \"" + a.id + "\" is already in the graph built before");
  }
  std::vector<const Article*> ptrs;
  ptrs.reserve(articles.size());
  for (const Article& a : articles) ptrs.push_back(&a);

  BuildResult out;
  out.articles = extract_parallel(*this, ptrs, config_.threads, config_.progress);
  out.articles.insert(out.articles.end(), std::make_move_iterator(earlier.begin()),
                      std::make_move_iterator(earlier.end()));
  // One canonical order, so that merging and every output see the same sequence whatever the
  // input order, and whichever articles came from an earlier build.
  sort_articles(out.articles);
  out.merged = merge(out.articles, *kb_, config_.merge);
  out.graph = build_graph(out.articles, out.merged);
  return out;
}

}  // namespace newsgraph
