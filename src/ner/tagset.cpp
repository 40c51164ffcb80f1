// The tag set of the NER tagger: entity labels, BILOU tags and their names, the BILOU
// transitions, and the conversions between tag sequences and entity spans.

#include <array>

#include "newsgraph/ner/tagger.hpp"
#include "util/enum_names.hpp"

namespace newsgraph {
namespace {

constexpr EnumNames<EntityLabel, kEntityLabelCount> kLabelNames{{
    {EntityLabel::PER, "PER"},
    {EntityLabel::ORG, "ORG"},
    {EntityLabel::LOC, "LOC"},
    {EntityLabel::MISC, "MISC"},
}};

constexpr EnumNames<NerTag, kNerTagCount> kTagNames{{
    {NerTag::O, "O"},
    {NerTag::B_PER, "B-PER"},
    {NerTag::I_PER, "I-PER"},
    {NerTag::L_PER, "L-PER"},
    {NerTag::U_PER, "U-PER"},
    {NerTag::B_ORG, "B-ORG"},
    {NerTag::I_ORG, "I-ORG"},
    {NerTag::L_ORG, "L-ORG"},
    {NerTag::U_ORG, "U-ORG"},
    {NerTag::B_LOC, "B-LOC"},
    {NerTag::I_LOC, "I-LOC"},
    {NerTag::L_LOC, "L-LOC"},
    {NerTag::U_LOC, "U-LOC"},
    {NerTag::B_MISC, "B-MISC"},
    {NerTag::I_MISC, "I-MISC"},
    {NerTag::L_MISC, "L-MISC"},
    {NerTag::U_MISC, "U-MISC"},
}};

}  // namespace

std::string_view to_string(EntityLabel label) { return enum_name(kLabelNames, label, "?"); }

std::optional<EntityLabel> entity_label_from_string(std::string_view s) {
  return enum_from_name(kLabelNames, s);
}

std::optional<EntityLabel> to_entity_label(EntityType type) {
  switch (type) {
    case EntityType::Person:
      return EntityLabel::PER;
    case EntityType::Organization:
      return EntityLabel::ORG;
    case EntityType::Place:
      return EntityLabel::LOC;
    case EntityType::Quotation:
    case EntityType::Group:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<EntityType> to_entity_type(EntityLabel label) {
  switch (label) {
    case EntityLabel::PER:
      return EntityType::Person;
    case EntityLabel::ORG:
      return EntityType::Organization;
    case EntityLabel::LOC:
      return EntityType::Place;
    case EntityLabel::MISC:
      return std::nullopt;
  }
  return std::nullopt;
}

NerTag make_tag(BilouPosition position, EntityLabel label) {
  return static_cast<NerTag>(1 + 4 * static_cast<int>(label) + static_cast<int>(position));
}

EntityLabel tag_label(NerTag tag) { return static_cast<EntityLabel>((static_cast<int>(tag) - 1) / 4); }

BilouPosition tag_position(NerTag tag) { return static_cast<BilouPosition>((static_cast<int>(tag) - 1) % 4); }
std::string_view to_string(NerTag tag) { return enum_name(kTagNames, tag, "?"); }

bool is_valid_transition(NerTag prev, NerTag next) {
  const bool open =
      prev != NerTag::O && (tag_position(prev) == BilouPosition::B || tag_position(prev) == BilouPosition::I);
  if (open) {
    return next != NerTag::O && tag_label(next) == tag_label(prev) &&
           (tag_position(next) == BilouPosition::I || tag_position(next) == BilouPosition::L);
  }
  return next == NerTag::O || tag_position(next) == BilouPosition::B ||
         tag_position(next) == BilouPosition::U;
}

std::vector<TaggedSpan> spans_from_tags(const std::vector<NerTag>& tags) {
  std::vector<TaggedSpan> out;
  std::size_t i = 0;
  while (i < tags.size()) {
    if (tags[i] == NerTag::O) {
      ++i;
      continue;
    }
    const EntityLabel label = tag_label(tags[i]);
    const BilouPosition pos = tag_position(tags[i]);
    std::size_t j = i + 1;
    if (pos == BilouPosition::B || pos == BilouPosition::I) {
      // Runs over I-X and ends after L-X; stops before anything else.
      while (j < tags.size() && tags[j] != NerTag::O && tag_label(tags[j]) == label) {
        const BilouPosition p = tag_position(tags[j]);
        if (p == BilouPosition::I) {
          ++j;
        } else {
          if (p == BilouPosition::L) ++j;
          break;
        }
      }
    }
    out.push_back({label, i, j});
    i = j;
  }
  return out;
}

std::vector<NerTag> tags_from_spans(std::size_t token_count, const std::vector<TaggedSpan>& spans) {
  std::vector<NerTag> tags(token_count, NerTag::O);
  for (const TaggedSpan& s : spans) {
    if (s.last_token <= s.first_token || s.last_token > token_count) continue;
    if (s.last_token - s.first_token == 1) {
      tags[s.first_token] = make_tag(BilouPosition::U, s.label);
      continue;
    }
    tags[s.first_token] = make_tag(BilouPosition::B, s.label);
    for (std::size_t i = s.first_token + 1; i + 1 < s.last_token; ++i)
      tags[i] = make_tag(BilouPosition::I, s.label);
    tags[s.last_token - 1] = make_tag(BilouPosition::L, s.label);
  }
  return tags;
}

}  // namespace newsgraph
