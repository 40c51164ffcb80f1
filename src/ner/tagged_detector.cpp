// The trained tagger with the rules beside it (TaggedMentionDetector). The tagger decides which
// spans are names and of which type; the passes below then
//   1. take headline phrases apart from names (a long span of dictionary words in a title-case
//      headline is no name),
//   2. let a gazetteer name of several words replace the tagger's pieces of it,
//   3. join a facility's head word to the names before it ("DRV PNK Stadium"),
//   4. trim each span to newsgraph's conventions and let a rule mention of the same words lend
//      its title and gazetteer entry (titles stay beside names),
//   5. find surnames of persons the rules named in full, and
//   6. add the names the tagger missed where the rules are sure of them.

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>

#include "ner/name_cues.hpp"
#include "ner/rule_compounds.hpp"
#include "ner/rule_detector.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "text/token_text.hpp"
#include "util/strings.hpp"

namespace newsgraph {
namespace {

using namespace ner_detail;

/// One article's tagged spans and rule mentions, and what the passes learn of them.
struct TaggedPasses {
  const Segmentation& seg;
  const Knowledge& kb;
  const std::vector<Mention>& rule;  ///< the rule detector's mentions (rule_mentions)
  std::vector<Mention> out;
  std::vector<char> blocked;                     ///< words of a mention (1) or of a MISC name (2)
  std::vector<char> title_case_headline;         ///< words of a title-case headline
  std::unordered_set<std::string> known_people;  ///< persons the rules are sure of, as written
  /// What surname_of_sure_name() accepts, gathered at its first call.
  std::optional<std::unordered_set<std::string>> sure_name_endings;

  TaggedPasses(const Segmentation& s, const Knowledge& k, const std::vector<Mention>& r)
      : seg(s), kb(k), rule(r), blocked(s.tokens.size(), 0), title_case_headline(s.tokens.size(), 0) {
    for (const Sentence& x : seg.sentences) {
      if (is_headline(seg, x) && !is_shouting(seg, x))
        std::fill(title_case_headline.begin() + static_cast<std::ptrdiff_t>(x.first_token),
                  title_case_headline.begin() + static_cast<std::ptrdiff_t>(x.last_token), 1);
    }
    for (const Mention& m : rule)
      if (m.type == EntityType::Person && m.cue != MentionCue::Guess)
        known_people.insert(text::join_tokens(seg, m.first_token, m.last_token));
  }

  // 1. Headline phrases.

  bool title_words_only(const TaggedSpan& t) const {
    for (std::size_t i = t.first_token; i < t.last_token; ++i) {
      const std::string lower = strings::ascii_lower(seg.tokens[i].text);
      if (!kb.is_title(lower) && !kb.is_title_modifier(lower)) return false;
    }
    return true;
  }

  // A long span of several dictionary words ("Russia Dismisses Ukraine Security Talks") in a
  // title-case headline is a phrase; short names there ("Manchester United 2 Arsenal 1") stand.
  bool headline_phrase(const TaggedSpan& t) const {
    if (!title_case_headline[t.first_token] || t.last_token - t.first_token < 4) return false;
    std::size_t dictionary = 0;
    for (std::size_t i = t.first_token; i < t.last_token; ++i)
      dictionary += kb.is_common_word(strings::ascii_lower(seg.tokens[i].text)) ? 1 : 0;
    return dictionary >= 2;
  }

  // 2. Gazetteer spans.

  // A gazetteer name of several words ("Democratic People's Republic of Korea") that covers
  // the tagger's spans replaces them: the tagger may cut it at a possessive or "of".
  std::vector<TaggedSpan> with_gazetteer_names(const std::vector<TaggedSpan>& tagged) const {
    std::vector<TaggedSpan> spans;
    spans.reserve(tagged.size());
    std::size_t g = 0;
    for (const TaggedSpan& t : tagged) {
      while (g < rule.size() && rule[g].last_token <= t.first_token) ++g;
      const bool covered_by_name = g < rule.size() && rule[g].cue == MentionCue::Gazetteer &&
                                   rule[g].last_token - rule[g].first_token >= 3 &&
                                   rule[g].first_token <= t.first_token &&
                                   t.last_token <= rule[g].last_token &&
                                   (rule[g].first_token < t.first_token || t.last_token < rule[g].last_token);
      if (!covered_by_name) {
        spans.push_back(t);
        continue;
      }
      TaggedSpan whole{t.label, rule[g].first_token, rule[g].last_token};
      if (rule[g].known != nullptr && rule[g].known->type() == EntityType::Place)
        whole.label = EntityLabel::LOC;
      if (rule[g].known != nullptr && rule[g].known->type() == EntityType::Organization)
        whole.label = EntityLabel::ORG;
      if (spans.empty() || spans.back().first_token != whole.first_token ||
          spans.back().last_token != whole.last_token)
        spans.push_back(whole);
    }
    return spans;
  }

  // 3. Facility heads.

  // A facility named after names the tagger found, whose head word it left out ("DRV PNK" of
  // "DRV PNK Stadium"): the names and the head become one place. Only heads that name nothing
  // but a place ("Centre", "Hall" and "Gallery" also end organizations), after at most four
  // capitalised words.
  std::vector<TaggedSpan> with_facility_heads(const std::vector<TaggedSpan>& spans) const {
    static const std::unordered_set<std::string_view> facility_heads{
        "Stadium", "Arena", "Airport", "Park", "Square", "Bridge", "Cosmodrome", "Spaceport", "Racecourse"};
    const auto capitalised_words = [&](std::size_t first, std::size_t last) {
      if (last - first > 4) return false;
      for (std::size_t t = first; t < last; ++t)
        if (seg.tokens[t].kind == TokenKind::Word && !text::is_capitalized(seg.tokens[t].text) &&
            !text::is_all_caps(seg.tokens[t].text))
          return false;
      return true;
    };
    std::vector<TaggedSpan> joined;
    joined.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size();) {
      std::size_t j = i;  // spans[i..j] follow each other with nothing between
      while (j + 1 < spans.size() && spans[j + 1].first_token == spans[j].last_token) ++j;
      const std::size_t head = spans[j].last_token;
      const bool facility = head < seg.tokens.size() && seg.tokens[head].kind == TokenKind::Word &&
                            seg.tokens[head].space_before && text::is_capitalized(seg.tokens[head].text) &&
                            facility_heads.count(seg.tokens[head].text) != 0 &&
                            capitalised_words(spans[i].first_token, head) &&
                            (j + 1 >= spans.size() || spans[j + 1].first_token > head) &&
                            !(head + 1 < seg.tokens.size() && !seg.tokens[head + 1].space_before &&
                              seg.tokens[head + 1].kind == TokenKind::Word);
      // the head must close the same sentence (looked up only when there is a head)
      bool same_sentence = facility;
      if (facility) {
        const auto sent =
            std::upper_bound(seg.sentences.begin(), seg.sentences.end(), spans[i].first_token,
                             [](std::size_t token, const Sentence& x) { return token < x.last_token; });
        same_sentence = sent != seg.sentences.end() && head < sent->last_token;
      }
      if (same_sentence) {
        joined.push_back({EntityLabel::LOC, spans[i].first_token, head + 1});
      } else {
        joined.insert(joined.end(), spans.begin() + static_cast<std::ptrdiff_t>(i),
                      spans.begin() + static_cast<std::ptrdiff_t>(j) + 1);
      }
      i = j + 1;
    }
    return joined;
  }

  // 4. Titles and newsgraph's span conventions.

  // a hyphen or a lower-case word at either edge belongs to the compound around the name
  // ("Louis-" of "St. Louis-based", "based KeyCorp" of "Ohio-based KeyCorp")
  bool edge_junk(std::size_t i) const {
    const Token& k = seg.tokens[i];
    return k.kind == TokenKind::Punct ||
           (text::is_lowercase_word(k.text) && kb.is_common_word(strings::ascii_lower(k.text)));
  }

  // The tagger's span `t` trimmed to newsgraph's conventions (it may end empty).
  void trim(TaggedSpan& t) const {
    // "The West", "’s Military Committee": neither the article nor a possessive is part of a name
    while (t.last_token > t.first_token + 1 &&
           (seg.tokens[t.first_token].text == "The" || text::is_possessive(seg.tokens[t.first_token].text)))
      ++t.first_token;
    while (t.last_token > t.first_token + 1 && text::is_possessive(seg.tokens[t.last_token - 1].text))
      --t.last_token;
    while (t.last_token > t.first_token && edge_junk(t.first_token)) ++t.first_token;
    while (t.last_token > t.first_token && edge_junk(t.last_token - 1)) --t.last_token;
    // A person's name holds no dictionary word in lower case but its particles: a span that
    // runs on into the sentence ("Maria Lopez will return to host", "Anna Kowalczyk as U")
    // ends before it. A lower-case part glued by a hyphen ("Kim Jong-un") stays.
    if (t.label == EntityLabel::PER) {
      for (std::size_t i = t.first_token + 1; i < t.last_token; ++i) {
        const Token& k = seg.tokens[i];
        if (k.kind != TokenKind::Word || !text::is_lowercase_word(k.text) || kb.is_name_particle(k.text) ||
            !kb.is_common_word(strings::ascii_lower(k.text)) ||
            (!k.space_before && seg.tokens[i - 1].text == "-"))
          continue;
        t.last_token = i;
        while (t.last_token > t.first_token && edge_junk(t.last_token - 1)) --t.last_token;
        break;
      }
    }
    // A weekday is never part of a name ("coach Doc Rivers Saturday night").
    while (t.last_token > t.first_token + 1 && is_weekday(seg.tokens[t.last_token - 1].text)) --t.last_token;
    // In a title-case headline, a person named elsewhere in the article is followed by
    // capitalised dictionary words that are not part of the name ("Sergei Ivanov Returns to
    // Moscow", "Marta Ruiz Announces Nominee").
    // (Only for a span left non-empty: an empty one may stand past the last token.)
    if (t.label == EntityLabel::PER && t.last_token > t.first_token && title_case_headline[t.first_token]) {
      for (std::size_t end = t.last_token - 1; end > t.first_token; --end) {
        if (!kb.is_common_word(strings::ascii_lower(seg.tokens[end].text))) break;
        if (known_people.count(text::join_tokens(seg, t.first_token, end))) {
          t.last_token = end;
          break;
        }
      }
    }
  }

  // The rule mention that stands for span `t`, or nullptr; rule mentions before `r` end before
  // `t`. May end `t` where that mention ends.
  const Mention* rule_mention_for(TaggedSpan& t, std::size_t r) const {
    // A rule mention of the same words lends its title and gazetteer entry. Where the tagger
    // took a title into the name ("President Donald Trump"), the rules' span, which ends at
    // the same word and leaves the title out, replaces it; otherwise the tagger's span stands.
    const Mention* same = nullptr;
    for (std::size_t k = r; k < rule.size() && rule[k].first_token < t.last_token; ++k) {
      const Mention& c = rule[k];
      if (c.last_token != t.last_token) continue;
      const bool exact = c.first_token == t.first_token;
      const bool title_inside = c.first_token > t.first_token && c.title_span.end > c.title_span.begin &&
                                c.title_span.begin <= seg.tokens[t.first_token].span.begin;
      if (exact || title_inside) same = &c;
    }
    // The rules end a name before a title or a word that never names anything, where the
    // tagger runs on ("Denver Broncos Coach", "Acme Distribution Ltd Christmas
    // party"): a rule mention that starts with the span and leaves only such words takes over.
    // Not for persons: a title may close a name ("John Major", "Billie Jean King").
    if (same == nullptr && t.label != EntityLabel::PER) {
      for (std::size_t k = r; k < rule.size() && rule[k].first_token <= t.first_token; ++k) {
        const Mention& c = rule[k];
        if (c.type == EntityType::Person || c.first_token != t.first_token || c.last_token >= t.last_token)
          continue;
        if (!only_titles_or_never_entities(seg, c.last_token, t.last_token, kb)) continue;
        t.last_token = c.last_token;
        same = &c;
      }
    }
    return same;
  }

  // The mention of span `t`, of the tagger's `type`: `same`'s (the rule mention of its words)
  // when there is one.
  Mention tagged_mention(const TaggedSpan& t, EntityType type, const Mention* same) const {
    Mention m;
    if (same != nullptr) {
      m = *same;
    } else {
      m.first_token = t.first_token;
      m.last_token = t.last_token;
      m.span = {seg.tokens[t.first_token].span.begin, seg.tokens[t.last_token - 1].span.end};
      const char* b = seg.tokens[t.first_token].text.data();
      const char* e = seg.tokens[t.last_token - 1].text.data() + seg.tokens[t.last_token - 1].text.size();
      m.text.assign(b, static_cast<std::size_t>(e - b));
      m.known = kb.entity(text::join_tokens(seg, t.first_token, t.last_token));
    }
    // A name right after a personal title ("Gen.", "Chairman of ...") is a person whatever
    // the tagger's context suggests.
    const bool titled_person =
        same != nullptr && same->type == EntityType::Person && same->cue == MentionCue::Title;
    m.type = titled_person ? EntityType::Person
             : type == EntityType::Person && ends_in_division(seg, m.first_token, m.last_token)
                 ? EntityType::Place
                 : type;
    m.cue = MentionCue::Tagger;
    if (m.known != nullptr && m.known->type() != m.type) m.known = nullptr;  // "Russia" the team
    return m;
  }

  // The mentions of the tagger's spans (MISC spans only block rule guesses on their words).
  void add_tagged(const std::vector<TaggedSpan>& spans) {
    std::size_t r = 0;  // rule mentions are sorted and do not overlap, like tagged spans
    for (TaggedSpan t : spans) {
      const std::optional<EntityType> type = to_entity_type(t.label);
      if (!type) {  // MISC: not a node, but it keeps rule guesses off its words
        for (std::size_t i = t.first_token; i < t.last_token; ++i) blocked[i] = 2;
        continue;
      }
      trim(t);
      if (t.last_token == t.first_token) continue;
      if (text::is_possessive(seg.tokens[t.first_token].text)) continue;
      // "Supreme Allied" of "Supreme Allied Commander": a piece of a title is no name
      if (title_words_only(t)) continue;
      if (headline_phrase(t)) continue;
      while (r < rule.size() && rule[r].last_token <= t.first_token) ++r;
      const Mention* same = rule_mention_for(t, r);
      Mention m = tagged_mention(t, *type, same);
      for (std::size_t i = m.first_token; i < m.last_token; ++i) blocked[i] = 1;
      out.push_back(std::move(m));
    }
  }

  // 5. Surnames.

  // A surname that ends a person's full name found by a given name or a title ("Joe Biden"):
  // the text after a space (not the first character) of such a name.
  bool surname_of_sure_name(const Mention& m) {
    if (!sure_name_endings) {
      sure_name_endings.emplace();
      for (const Mention& p : rule) {
        if (p.type != EntityType::Person || (p.cue != MentionCue::GivenName && p.cue != MentionCue::Title))
          continue;
        for (std::size_t k = 1; k < p.text.size(); ++k)
          if (p.text[k] == ' ') sure_name_endings->insert(p.text.substr(k + 1));
      }
    }
    return sure_name_endings->count(m.text) > 0;
  }

  // 6. Sure rule names.

  // Names the tagger did not see at all, where the rules are sure of them.
  void add_sure_rule_names() {
    for (const Mention& m : rule) {
      bool free = true, misc_only = true;
      for (std::size_t i = m.first_token; i < m.last_token; ++i) {
        free = free && blocked[i] == 0;
        misc_only = misc_only && blocked[i] != 1;
      }
      // "Moscow" of a MISC "Moscow-based": kept to anchor based_in; it stays unlisted (attached)
      const bool anchor = misc_only && m.attached && m.cue == MentionCue::Gazetteer;
      // A MISC span that lies within a name the rules are sure of gives way to it: the surname
      // of a person named in full in the article ("efforts by Biden"), or an organization whose
      // name opens with a demonym ("Mexican Army", where the tagger took "Mexican" alone).
      const bool misc_inside = misc_only && (m.first_token == 0 || blocked[m.first_token - 1] != 2) &&
                               (m.last_token >= blocked.size() || blocked[m.last_token] != 2);
      const bool sure_over_misc = misc_inside && ((m.cue == MentionCue::Surname && surname_of_sure_name(m)) ||
                                                  (m.cue == MentionCue::OrgHead &&
                                                   kb.demonym(seg.tokens[m.first_token].text).has_value() &&
                                                   is_armed_service(seg, m.last_token)));
      if ((!free && !anchor && !sure_over_misc) || m.cue == MentionCue::Guess) continue;
      out.push_back(m);
    }
  }
};

}  // namespace

TaggedMentionDetector::TaggedMentionDetector(std::shared_ptr<const Knowledge> knowledge,
                                             std::shared_ptr<const PerceptronTagger> tagger)
    : kb_(std::move(knowledge)), tagger_(std::move(tagger)) {}

std::vector<Mention> TaggedMentionDetector::detect(std::string_view text, const Segmentation& seg) const {
  const std::vector<Mention> rule = rule_mentions(text, seg, *kb_);
  const std::vector<TaggedSpan> tagged = tagger_->tag(text, seg, *kb_);

  TaggedPasses passes(seg, *kb_, rule);
  passes.out.reserve(tagged.size() + rule.size());
  passes.add_tagged(passes.with_facility_heads(passes.with_gazetteer_names(tagged)));
  passes.add_sure_rule_names();
  std::vector<Mention> out = std::move(passes.out);
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) { return a.span < b.span; });
  for (Mention& m : out) m.attached = false;  // decided afresh on the final spans
  keep_generational_suffixes(out, seg);
  settle_compounds(out, text, seg, *kb_);
  // Collective actors are this pipeline's own kind of entity, not the tagger's corpus's.
  add_group_mentions(seg, out, *kb_);
  return out;
}

}  // namespace newsgraph
