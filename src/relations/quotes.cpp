// Quotations (see relations.cpp): a direct quote with its speaker named right after or before
// it becomes a Quotation entity and a said relation from the speaker.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "relations/extractor.hpp"
#include "relations/patterns.hpp"
#include "text/speech_verbs.hpp"
#include "text/token_text.hpp"

namespace newsgraph::relations {

namespace {

/// The last person named before a token: of the person mentions that end at or before it, the
/// one that starts last (the first in index order on ties). Asked for tokens in text order, as
/// quotes come, it looks at each mention once.
class LastPersonBefore {
 public:
  explicit LastPersonBefore(const Extractor& x) : x_(x) {
    for (std::size_t m = 0; m < x.ents.mentions.size(); ++m)
      if (x.type_of(m) == EntityType::Person) persons_.push_back(m);
    std::stable_sort(persons_.begin(), persons_.end(), [&](std::size_t a, std::size_t b) {
      return x.mention(a).last_token < x.mention(b).last_token;
    });
  }
  /// The mention, or npos; `token` never less than at the call before.
  std::size_t operator()(std::size_t token) {
    for (; seen_ < persons_.size() && x_.mention(persons_[seen_]).last_token <= token; ++seen_) {
      const std::size_t m = persons_[seen_];
      const std::size_t begin = x_.mention(m).span.begin;
      if (best_ == npos || begin > x_.mention(best_).span.begin ||
          (begin == x_.mention(best_).span.begin && m < best_))
        best_ = m;
    }
    return best_;
  }

 private:
  const Extractor& x_;
  std::vector<std::size_t> persons_;  // the persons' mentions by where they end
  std::size_t seen_ = 0;              // persons_[0, seen_) end before the last token asked for
  std::size_t best_ = npos;           // the last of them to start
};

}  // namespace

// Quotations and their speakers.
void Extractor::quotes() {
  const std::size_t n = seg.tokens.size();
  LastPersonBefore last_person_before(*this);
  std::size_t last_speaker_entity = npos, last_speaker_sentence = npos;
  std::size_t open = npos;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view w = tok(i).text;
    const bool straight = text::is_straight_quote(w);
    if (open == npos) {
      if (text::is_open_quote(w) || straight) open = i;
      continue;
    }
    if (text::is_open_quote(w)) {
      open = i;
      continue;
    }
    if (!text::is_close_quote(w) && !straight) continue;
    const std::size_t close = i;
    const std::size_t q_first = open + 1;
    std::size_t q_last = close;
    open = npos;
    while (q_last > q_first && (tok(q_last - 1).text == "," || tok(q_last - 1).text == ":")) --q_last;
    std::size_t words = 0;
    for (std::size_t k = q_first; k < q_last; ++k) words += tok(k).kind == TokenKind::Word ? 1 : 0;
    if (words < 3) continue;

    std::size_t speaker_entity = npos;
    Span speaker_span{};
    std::size_t attribution_token = close;
    auto pronoun_speaker = [&](std::size_t token) {
      const std::size_t sent = sentence_of[token];
      if (last_speaker_entity != npos && sent != npos && last_speaker_sentence != npos &&
          sent <= last_speaker_sentence + 3)
        return last_speaker_entity;
      // the last person named before the quote
      const std::size_t best = last_person_before(q_first);
      return best == npos ? npos : mention(best).entity;
    };
    // after the quote: "…,” Lavrov said", "…,” said Lavrov", "…,” he added"
    {
      std::size_t k = close + 1;
      if (k < n && tok(k).text == ",") ++k;
      const std::size_t sent_limit = k < n ? seg.sentences[sentence_of[k]].last_token : n;
      if (k < n && text::is_speech_verb(tok(k).text, text::SpeechCue::Quote) && k + 1 < sent_limit) {
        std::size_t j = k + 1;
        while (j < sent_limit && in_title[j]) ++j;
        if (j < sent_limit && mention_at[j] != npos && agent_type_ok(type_of(mention_at[j]))) {
          speaker_entity = mention(mention_at[j]).entity;
          speaker_span = mention(mention_at[j]).span;
          attribution_token = j;
        }
      }
      for (std::size_t j = k, steps = 0; speaker_entity == npos && j < sent_limit && steps < 12; ++steps) {
        const std::string_view x = tok(j).text;
        if (is_pronoun(x) && j + 1 < sent_limit &&
            text::is_speech_verb(tok(j + 1).text, text::SpeechCue::Quote) && j == k) {
          speaker_entity = pronoun_speaker(j);
          speaker_span = tok(j).span;
          attribution_token = j;
          break;
        }
        const std::size_t q = mention_at[j];
        if (q != npos) {
          std::size_t after = mention(q).last_token;
          while (after < sent_limit && is_aux_or_adverb(tok(after).text)) ++after;
          if (after < sent_limit && text::is_speech_verb(tok(after).text, text::SpeechCue::Quote) &&
              agent_type_ok(type_of(q))) {
            speaker_entity = mention(q).entity;
            speaker_span = mention(q).span;
            attribution_token = j;
            break;
          }
          j = mention(q).last_token;
          continue;
        }
        if (x == "." || x == "“" || x == "\"" || x == ";") break;
        ++j;
      }
    }
    // before the quote: "Lavrov said: “…”", "he added, “…”", "Dragone said it was a “…”"
    if (speaker_entity == npos && q_first > 1) {
      const std::size_t o = q_first - 1;
      const std::size_t sent = sentence_of[o];
      const std::size_t first = sent == npos ? 0 : seg.sentences[sent].first_token;
      for (std::size_t v = o; v > first && o - v < 9; --v) {
        const std::string_view x = tok(v - 1).text;
        if (x == "." || x == ";" || text::is_close_quote(x)) break;
        if (!text::is_speech_verb(x, text::SpeechCue::Quote)) continue;
        std::size_t k = v - 1;
        while (k > first && is_aux_or_adverb(tok(k - 1).text)) --k;
        if (k == first) break;
        const std::size_t q = mention_at[k - 1];
        if (q != npos && agent_type_ok(type_of(q))) {
          speaker_entity = mention(q).entity;
          speaker_span = mention(q).span;
          attribution_token = k - 1;
        } else if (is_pronoun(tok(k - 1).text)) {
          speaker_entity = pronoun_speaker(k - 1);
          speaker_span = tok(k - 1).span;
          attribution_token = k - 1;
        }
        break;
      }
    }
    if (speaker_entity == npos) continue;

    // the Quotation entity and its mention
    Mention qm;
    qm.type = EntityType::Quotation;
    qm.first_token = q_first;
    qm.last_token = q_last;
    qm.span = {tok(q_first).span.begin, tok(q_last - 1).span.end};
    qm.text = std::string(tok(q_first).text.data(),
                          static_cast<std::size_t>(tok(q_last - 1).text.data() + tok(q_last - 1).text.size() -
                                                   tok(q_first).text.data()));
    Entity qe;
    qe.type = EntityType::Quotation;
    qe.name = qm.text;
    qe.quote = qm.text;
    ents.entities.push_back(std::move(qe));
    qm.entity = ents.entities.size() - 1;
    ents.mentions.push_back(std::move(qm));
    ents.entities.back().mentions.push_back(ents.mentions.size() - 1);

    const Span s1 = sentence_span(q_first), s2 = sentence_span(attribution_token);
    const Span sentence{std::min(s1.begin, s2.begin), std::max(s1.end, s2.end)};
    add_entities(RelationType::Said, speaker_entity, ents.entities.size() - 1, speaker_span,
                 ents.mentions.back().span, sentence, "", "quote");
    last_speaker_entity = speaker_entity;
    last_speaker_sentence = sentence_of[attribution_token];
  }
}

}  // namespace newsgraph::relations
