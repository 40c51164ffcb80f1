// Shared fixtures for the stage tests: one Knowledge and one Pipeline per test run.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/text/segment.hpp"

namespace newsgraph::testing {

/// A scratch folder for byte-exact files, removed again at scope exit.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("newsgraph_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `bytes` to `rel` inside the folder and returns the full path.
  std::string write(const std::string& rel, const std::string& bytes) const {
    const std::filesystem::path p = path_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline std::shared_ptr<const Knowledge> knowledge() {
  static const std::shared_ptr<const Knowledge> kb = Knowledge::open(default_knowledge_path());
  return kb;
}

inline const Pipeline& pipeline() {
  static const Pipeline p{PipelineConfig{}};
  return p;
}

/// The names the rule detector finds in `text` as (surface, type) pairs, in order: its mentions
/// but the collective actors (Group mentions, tested on their own).
inline std::vector<std::pair<std::string, EntityType>> mentions_of(const std::string& text) {
  const RuleMentionDetector detector(knowledge());
  const Segmentation seg = segment(text);
  std::vector<std::pair<std::string, EntityType>> out;
  for (const Mention& m : detector.detect(text, seg))
    if (m.type != EntityType::Group) out.emplace_back(m.text, m.type);
  return out;
}

inline Article article(std::string id, std::string text) {
  Article a;
  a.id = std::move(id);
  a.text = std::move(text);
  a.origin = a.id;
  return a;
}

}  // namespace newsgraph::testing
