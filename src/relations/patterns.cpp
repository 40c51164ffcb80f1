// The word lists of the relation patterns (patterns.hpp).
#include "relations/patterns.hpp"

namespace newsgraph::relations {

const std::unordered_map<std::string_view, RelationType>& verb_lexicon() {
  static const std::unordered_map<std::string_view, RelationType> m{
      {"met", RelationType::MetWith},           {"meet", RelationType::MetWith},
      {"meets", RelationType::MetWith},         {"meeting", RelationType::MetWith},
      {"hosted", RelationType::Hosted},         {"hosts", RelationType::Hosted},
      {"host", RelationType::Hosted},           {"hosting", RelationType::Hosted},
      {"welcomed", RelationType::Hosted},       {"visited", RelationType::Visited},
      {"visits", RelationType::Visited},        {"visit", RelationType::Visited},
      {"visiting", RelationType::Visited},      {"toured", RelationType::Visited},
      {"accused", RelationType::Accused},       {"accuses", RelationType::Accused},
      {"accuse", RelationType::Accused},        {"accusing", RelationType::Accused},
      {"blamed", RelationType::Accused},        {"blames", RelationType::Accused},
      {"criticized", RelationType::Criticized}, {"criticised", RelationType::Criticized},
      {"criticizes", RelationType::Criticized}, {"criticises", RelationType::Criticized},
      {"criticize", RelationType::Criticized},  {"criticise", RelationType::Criticized},
      {"condemned", RelationType::Criticized},  {"condemns", RelationType::Criticized},
      {"slammed", RelationType::Criticized},    {"denounced", RelationType::Criticized},
      {"rebuked", RelationType::Criticized},    {"rejected", RelationType::Rejected},
      {"rejects", RelationType::Rejected},      {"reject", RelationType::Rejected},
      {"rebuffed", RelationType::Rejected},     {"threatened", RelationType::Threatened},
      {"threatens", RelationType::Threatened},  {"threaten", RelationType::Threatened},
      {"supported", RelationType::Supported},   {"supports", RelationType::Supported},
      {"support", RelationType::Supported},     {"backed", RelationType::Supported},
      {"backs", RelationType::Supported},       {"endorsed", RelationType::Supported},
      {"endorses", RelationType::Supported},    {"urged", RelationType::Urged},
      {"urges", RelationType::Urged},           {"urge", RelationType::Urged},
      {"pressed", RelationType::Urged},         {"implored", RelationType::Urged},
  };
  return m;
}

bool is_aux_or_adverb(std::string_view w) {
  static const std::unordered_map<std::string_view, int> words{
      {"has", 1},  {"have", 1},  {"had", 1},      {"will", 1},       {"would", 1},   {"could", 1},
      {"can", 1},  {"did", 1},   {"does", 1},     {"do", 1},         {"also", 1},    {"later", 1},
      {"then", 1}, {"again", 1}, {"may", 1},      {"might", 1},      {"should", 1},  {"reportedly", 1},
      {"to", 1},   {"both", 1},  {"already", 1},  {"previously", 1}, {"once", 1},    {"first", 1},
      {"is", 1},   {"are", 1},   {"was", 1},      {"were", 1},       {"be", 1},      {"been", 1},
      {"set", 1},  {"due", 1},   {"expected", 1}, {"plans", 1},      {"planned", 1}, {"openly", 1}};
  if (words.count(w)) return true;
  return w.size() > 4 && w.substr(w.size() - 2) == "ly";
}

bool is_negation(std::string_view w) { return w == "not" || w == "n't" || w == "never" || w == "’t"; }
bool is_passive_aux(std::string_view w) {
  return w == "was" || w == "were" || w == "been" || w == "is" || w == "are" || w == "being";
}
bool is_skippable_before_object(std::string_view w) {
  return w == "with" || w == "the" || w == "a" || w == "an" || w == "his" || w == "her" || w == "their" ||
         w == "its" || w == "on";
}
bool is_quantifier(std::string_view w) {
  return w == "several" || w == "some" || w == "other" || w == "many" || w == "two" || w == "three" ||
         w == "four" || w == "five" || w == "both";
}
bool is_pronoun(std::string_view w) { return w == "he" || w == "she" || w == "He" || w == "She"; }

bool agent_type_ok(EntityType t) {
  return t == EntityType::Person || t == EntityType::Organization || t == EntityType::Group;
}

}  // namespace newsgraph::relations
