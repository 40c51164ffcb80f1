// Shared fixtures for the stage tests: one Knowledge and one Pipeline per test run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "newsgraph/knowledge.hpp"
#include "newsgraph/ner.hpp"
#include "newsgraph/pipeline.hpp"
#include "newsgraph/segment.hpp"

namespace newsgraph::testing {

inline std::shared_ptr<const Knowledge> knowledge() {
  static const std::shared_ptr<const Knowledge> kb = Knowledge::load();
  return kb;
}

inline const Pipeline& pipeline() {
  static const Pipeline p{PipelineConfig{}};
  return p;
}

/// The mentions of `text` as (surface, type) pairs, in order.
inline std::vector<std::pair<std::string, EntityType>> mentions_of(const std::string& text) {
  const RuleMentionDetector detector(knowledge());
  const Segmentation seg = segment(text);
  std::vector<std::pair<std::string, EntityType>> out;
  for (const Mention& m : detector.detect(text, seg)) out.emplace_back(m.text, m.type);
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
