// The trained tagger alone as a mention detector, with its corpus's span conventions (whole
// words, glued final periods).

#include <optional>

#include "ner/name_cues.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "text/token_text.hpp"

namespace newsgraph {

TaggerOnlyMentionDetector::TaggerOnlyMentionDetector(std::shared_ptr<const Knowledge> knowledge,
                                                     std::shared_ptr<const PerceptronTagger> tagger)
    : kb_(std::move(knowledge)), tagger_(std::move(tagger)) {}

namespace {

// Token i follows token i - 1 with no space between.
bool glued_to_previous(const Segmentation& seg, std::size_t i) {
  return i > 0 && i < seg.tokens.size() && !seg.tokens[i].space_before && !seg.tokens[i].newline_before;
}

bool is_word_or_number(const Token& t) { return t.kind != TokenKind::Punct; }

// Punctuation that joins the parts of one word ("ITAR-TASS", "O'Brien", "AT&T", "Church's").
bool is_word_connector(const Token& t) {
  return t.text == "-" || t.text == "'" || t.text == "\xE2\x80\x99" || t.text == "&" || t.text == "/" ||
         t.text == ".";
}

}  // namespace

std::vector<TaggedSpan> widened_to_whole_words(const Segmentation& seg,
                                               const std::vector<TaggedSpan>& spans) {
  const std::vector<Token>& t = seg.tokens;
  std::vector<TaggedSpan> out;
  std::size_t out_tokens = 0;  // tokens of the tagger's piece that labels out.back()
  for (const TaggedSpan& s : spans) {
    TaggedSpan w = s;
    while (glued_to_previous(seg, w.first_token)) {  // leftwards
      const std::size_t j = w.first_token - 1;
      if (is_word_or_number(t[j])) {
        w.first_token = j;
      } else if (is_word_connector(t[j]) && glued_to_previous(seg, j) && is_word_or_number(t[j - 1])) {
        w.first_token = j - 1;
      } else {
        break;
      }
    }
    while (glued_to_previous(seg, w.last_token)) {  // rightwards
      const std::size_t j = w.last_token;
      if (is_word_or_number(t[j])) {
        w.last_token = j + 1;
      } else if (is_word_connector(t[j]) && glued_to_previous(seg, j + 1) && is_word_or_number(t[j + 1])) {
        w.last_token = j + 2;
      } else {
        break;
      }
    }
    const std::size_t pieces = s.last_token - s.first_token;
    if (!out.empty() && w.first_token < out.back().last_token) {
      TaggedSpan& prev = out.back();
      prev.first_token = std::min(prev.first_token, w.first_token);
      prev.last_token = std::max(prev.last_token, w.last_token);
      if (pieces >= out_tokens) {
        prev.label = s.label;
        out_tokens = pieces;
      }
      continue;
    }
    out.push_back(w);
    out_tokens = pieces;
  }
  return out;
}

std::vector<Mention> TaggerOnlyMentionDetector::detect(std::string_view text, const Segmentation& seg) const {
  std::vector<Mention> out;
  const std::vector<char> glued =
      tagger_->glued_final_period() ? glued_final_periods(seg) : std::vector<char>(seg.tokens.size(), 0);
  std::vector<TaggedSpan> spans = tagger_->tag(text, seg, *kb_);
  if (tagger_->whole_words()) spans = widened_to_whole_words(seg, spans);
  for (TaggedSpan t : spans) {
    const std::optional<EntityType> type = to_entity_type(t.label);
    if (!type) continue;
    if (t.last_token < seg.tokens.size() && glued[t.last_token]) ++t.last_token;
    Mention m;
    m.type = *type == EntityType::Person && ner_detail::ends_in_division(seg, t.first_token, t.last_token)
                 ? EntityType::Place
                 : *type;
    m.first_token = t.first_token;
    m.last_token = t.last_token;
    m.span = {seg.tokens[t.first_token].span.begin, seg.tokens[t.last_token - 1].span.end};
    m.text.assign(text.substr(m.span.begin, m.span.end - m.span.begin));
    m.known = kb_->entity(text::join_tokens(seg, t.first_token, t.last_token));
    if (m.known != nullptr && m.known->type() != m.type) m.known = nullptr;
    m.cue = MentionCue::Tagger;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace newsgraph
