// The whole pipeline in one entry point: articles in, per-article results or one merged graph out.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/merge/merge.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/relations/combine.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/vocab/graph.hpp"

namespace newsgraph {

/// Everything a Pipeline is configured by, one member per stage. Every default is usable as it
/// is: the trained models of models/, Debian's data, one thread per core.
struct PipelineConfig {
  /// Worker threads over articles; 0 means one per core. The output never depends on it.
  unsigned threads = 0;
  /// The knowledge snapshot (knowledge/knowledge.hpp).
  KnowledgeConfig knowledge;
  /// How mentions are found (ner/detectors.hpp).
  MentionConfig mentions;
  /// Which relations are kept beside the patterns' (relations/combine.hpp).
  RelationConfig relations;
  /// The user's corrections to the cross-article merge (--aliases, --keep-apart).
  MergeOverrides merge;
  /// Told how far extraction (extract_all, build) has come: once with done = 0 before the first
  /// article, then after each article with the number done so far, up to total (the number of
  /// articles extracted in this call). Calls come from the worker threads but never two at
  /// once, and `done` rises by one each time. It only observes: the results never depend on it.
  /// Empty: no calls.
  std::function<void(std::size_t done, std::size_t total)> progress;
  /// Told, for an article of at least `stage_progress_bytes` bytes, of each stage of its
  /// extraction as it begins ("segmenting", "finding names", "resolving", "relations",
  /// "classifying pairs", "co-mentions", "naming"): a long article takes seconds or minutes,
  /// with no other sign of life. Called from the worker extracting the article, possibly from
  /// several workers at once. It only observes: the results never depend on it. Empty: no calls.
  std::function<void(const std::string& article, std::string_view stage)> stage_progress;
  /// See stage_progress.
  std::size_t stage_progress_bytes = 1'000'000;
};

/// Where the model is looked for when none is named: $NEWSGRAPH_MODEL if set; else
/// models/ner-en.bin beside the executable or in its parent folder (build/newsgraph finds the
/// repository's models/); else the source tree's models/ner-en.bin as configured at build time.
/// Returns the first that exists, or the last candidate when none does (so the error names it).
/// `file` names another model of models/ ("rel-en.bin", overridden by $NEWSGRAPH_RELATION_MODEL;
/// "ner-conll04.bin", the tagger trained for CoNLL04's span conventions, by no variable).
std::string default_model_path(std::string_view file = "ner-en.bin");

/// Where the knowledge snapshot is looked for when none is named: $NEWSGRAPH_KB if set; else
/// data/knowledge.kb beside the executable or in its parent folder; else the source tree's
/// data/knowledge.kb as configured at build time. Returns the first that exists, or the last
/// candidate when none does (so the error names it).
std::string default_knowledge_path();

/// Everything `build` produces: per-article results sorted by article id, the merge, the graph.
struct BuildResult {
  std::vector<ArticleResult> articles;
  MergeResult merged;
  Graph graph;
};

class Pipeline {
 public:
  /// Loads the knowledge (throws KnowledgeError) and sets up the mention detector.
  explicit Pipeline(PipelineConfig config = {});

  /// Segment, detect mentions, resolve within the article, extract relations.
  ArticleResult extract(const Article& article) const;
  /// extract() over all articles on the configured threads; results in input order.
  std::vector<ArticleResult> extract_all(const std::vector<Article>& articles) const;
  /// extract_all, then merge across articles and build the graph. The result is the same
  /// for any order of `articles` and any thread count. `earlier` are results extracted before
  /// (read back from a JSON export: `build --into`); they join the new ones as if their
  /// articles had been given again, so building A and then B into it equals building A and B.
  BuildResult build(const std::vector<Article>& articles, std::vector<ArticleResult> earlier = {}) const;

  const Knowledge& knowledge() const { return *kb_; }

 private:
  PipelineConfig config_;
  std::shared_ptr<const Knowledge> kb_;
  std::unique_ptr<MentionDetector> detector_;
  std::unique_ptr<RelationClassifier> relation_model_;
};

}  // namespace newsgraph
