// The rule detector's mentions, on which the tagged detector builds too. Internal to the
// library.
#pragma once

#include <string_view>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph::ner_detail {

/// The mentions RuleMentionDetector finds in `text` (segmented as `seg`), before its group
/// mentions: sorted by span, not overlapping, compounds and generational suffixes settled.
std::vector<Mention> rule_mentions(std::string_view text, const Segmentation& seg, const Knowledge& kb);

}  // namespace newsgraph::ner_detail
