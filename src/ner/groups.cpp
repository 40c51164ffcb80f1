// Group mentions: collective actors ("European leaders", "senior Russian officials").

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_set>

#include "newsgraph/ner/detectors.hpp"
#include "text/token_text.hpp"

namespace newsgraph {

void add_group_mentions(const Segmentation& seg, std::vector<Mention>& mentions, const Knowledge& kb) {
  static const std::unordered_set<std::string_view> kBlocs{"Western", "European", "Arab", "African", "Asian",
                                                           "Nordic",  "Baltic",   "Gulf", "Eastern", "Latin"};
  static const std::unordered_set<std::string_view> kModifiers{
      "senior",       "top",    "military", "government", "foreign", "defence", "defense", "security",
      "intelligence", "allied", "other",    "former",     "some",    "several", "many"};
  static const std::unordered_set<std::string_view> kCollective{
      "leaders",  "officials",    "diplomats",   "lawmakers",   "politicians",   "negotiators",
      "allies",   "partners",     "governments", "authorities", "ministers",     "troops",
      "forces",   "counterparts", "nations",     "countries",   "powers",        "officers",
      "generals", "envoys",       "capitals",    "prosecutors", "investigators", "leadership"};
  const auto& tokens = seg.tokens;
  std::vector<char> covered(tokens.size(), 0);
  for (const Mention& m : mentions)
    for (std::size_t t = m.first_token; t < m.last_token && t < tokens.size(); ++t) covered[t] = 1;
  std::vector<Mention> found;
  for (const Sentence& s : seg.sentences) {
    for (std::size_t i = s.first_token; i + 1 < s.last_token; ++i) {
      // the collective noun first: it is rare, the adjective lookups are not cheap
      std::size_t j = i + 1;
      if (j + 1 < s.last_token && kModifiers.count(tokens[j].text)) ++j;
      if (covered[i] || covered[j] || !kCollective.count(tokens[j].text)) continue;
      const std::string_view w = tokens[i].text;
      if (!kBlocs.count(w) && !kb.demonym(w).has_value()) continue;
      // "the European Union leaders" is not this; a capitalised word after the noun continues a name
      if (j + 1 < s.last_token && text::is_capitalized(tokens[j + 1].text) && !tokens[j + 1].space_before)
        continue;
      Mention m;
      m.type = EntityType::Group;
      m.first_token = i;
      m.last_token = j + 1;
      m.span = {tokens[i].span.begin, tokens[j].span.end};
      m.text = text::join_tokens(seg, i, j + 1);
      m.cue = MentionCue::Guess;
      found.push_back(std::move(m));
      i = j;
    }
  }
  if (found.empty()) return;
  mentions.insert(mentions.end(), std::make_move_iterator(found.begin()),
                  std::make_move_iterator(found.end()));
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.span < b.span; });
}

}  // namespace newsgraph
