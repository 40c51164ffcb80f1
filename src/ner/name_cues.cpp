// Predicates on words and sentences shared by the mention detectors.

#include "ner/name_cues.hpp"

#include <unordered_set>

#include "text/token_text.hpp"

namespace newsgraph::ner_detail {

bool is_weekday(std::string_view w) {
  static const std::unordered_set<std::string_view> days{
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
      "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
  return days.count(w) != 0;
}

bool is_armed_service(const Segmentation& seg, std::size_t end) {
  const std::string_view last = seg.tokens[end - 1].text;
  if (last == "Navy" || last == "Army" || last == "Marines") return true;
  if (end < 2) return false;
  const std::string_view before = seg.tokens[end - 2].text;
  return (before == "Air" && last == "Force") || (before == "Coast" && last == "Guard") ||
         (before == "National" && last == "Guard") || (before == "Marine" && last == "Corps");
}

bool ends_in_division(const Segmentation& seg, std::size_t first, std::size_t last) {
  static const std::unordered_set<std::string_view> divisions{
      "District",     "Districts", "Province",   "Provinces", "County",
      "Counties",     "Parish",    "Prefecture", "Oblast",    "Governorate",
      "Municipality", "Township",  "Canton",     "Territory", "Territories"};
  return last > first + 1 && divisions.count(seg.tokens[last - 1].text) != 0;
}

bool is_generational_suffix(std::string_view w) {
  return w == "Jr." || w == "Jr" || w == "Sr." || w == "Sr" || w == "II" || w == "III" || w == "IV";
}

bool only_titles_or_never_entities(const Segmentation& seg, std::size_t first, std::size_t last,
                                   const Knowledge& kb) {
  std::size_t i = first;
  while (i < last) {
    if (kb.is_never_entity(seg.tokens[i].text)) {
      ++i;
      continue;
    }
    const std::size_t tl = text::title_length(seg, i, last, kb);
    if (tl == 0) return false;
    i += tl;
  }
  return first < last;
}

bool is_headline(const Segmentation& seg, const Sentence& s) {
  if (s.last_token == s.first_token) return false;
  const std::string_view last = seg.tokens[s.last_token - 1].text;
  if (last == "." || last == "!" || last == "…" || last == "”" || last == "\"" || last == ")" ||
      last == ":" || last == ";" || last == ",")
    return false;
  std::size_t words = 0, caps = 0;
  for (std::size_t i = s.first_token; i < s.last_token; ++i) {
    const Token& t = seg.tokens[i];
    if (t.kind != TokenKind::Word || t.text.size() <= 3) continue;
    ++words;
    if (text::is_capitalized(t.text)) ++caps;
  }
  return words >= 3 && caps * 5 >= words * 3;
}

bool is_shouting(const Segmentation& seg, const Sentence& s) {
  std::size_t words = 0, caps = 0;
  for (std::size_t i = s.first_token; i < s.last_token; ++i) {
    if (seg.tokens[i].kind != TokenKind::Word) continue;
    ++words;
    if (text::is_all_caps(seg.tokens[i].text)) ++caps;
  }
  return caps >= 2 && caps * 5 >= words * 3;
}

}  // namespace newsgraph::ner_detail
