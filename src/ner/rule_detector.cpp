// Rule-based mention detection.
//
// Each sentence is cut into chunks: runs of capitalised words, joined by the connectors a
// name may hold ("of", "of the", "and", "&", name particles, a hyphen without spaces). Each
// chunk is then read left to right, taking at each position the first of:
//   1. a gazetteer phrase of two or more tokens ("Russian Federation", "White House"), or a
//      team named after a place ("New York Giants");
//   2. a title ("Foreign Minister", "Adm.", "Secretary General", "President-elect"), kept for
//      the next person;
//   3. a demonym: part of an organization ("Russian Foreign Ministry") or of a title
//      ("Russian President"), never a mention of its own;
//   4. an organization phrase ending in an organization head or corporate suffix
//      ("Military Committee", "Washington Examiner", "Apple Inc.", "Bank of England");
//   5. a one-token gazetteer name ("Russia", "NATO", "Anchorage"), unless it is a given name
//      followed by a surname; followed by unknown words or a capitalised plural, an
//      organization named after a place ("Paris Saint-Germain", "Denver Broncos");
//   6. a person: a given name, or any name after a title, with the following name tokens;
//   7. otherwise an unknown name: an acronym becomes an organization; a run of two or more
//      non-dictionary words a person; a lone word waits for the second pass.
// The second pass takes document-level evidence: a lone capitalised word that is the
// surname (or the last words) of a person named in full anywhere in the article is a
// mention of a person ("Lavrov", "Trump" even at the start of a sentence), and an unknown
// word followed by a speech verb ("Dragone said") is a person.

#include "ner/rule_detector.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_set>

#include "ner/name_cues.hpp"
#include "ner/rule_compounds.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "text/speech_verbs.hpp"
#include "text/token_text.hpp"
#include "util/strings.hpp"

namespace newsgraph {
namespace ner_detail {
namespace {

using text::is_all_caps;
using text::is_capitalized;

bool is_connector(std::string_view w) {
  return w == "of" || w == "and" || w == "&" || w == "for" || w == "the" || w == "on";
}

bool is_determiner(std::string_view w) { return w == "The" || w == "A" || w == "An"; }

struct Detector {
  std::string_view text;
  const Segmentation& seg;
  const Knowledge& kb;
  std::vector<Mention> mentions;
  std::vector<char> covered;  // per token: inside a mention or a title

  const Token& tok(std::size_t i) const { return seg.tokens[i]; }

  mutable std::vector<std::int8_t> cap_cache;  // cap_word() per token, filled on first use

  bool cap_word(std::size_t i) const {
    if (cap_cache.empty()) cap_cache.assign(seg.tokens.size(), -1);
    std::int8_t& c = cap_cache[i];
    if (c < 0) {
      const Token& t = tok(i);
      c = t.kind == TokenKind::Word && is_capitalized(t.text) && !kb.is_never_entity(t.text) ? 1 : 0;
    }
    return c == 1;
  }

  // Per-token caches, filled on first use: the lower-case word and whether the dictionary
  // lists it, and the longest title starting at the token (up to its sentence's end).
  mutable std::vector<std::string> lower_cache;
  mutable std::vector<std::int8_t> common_cache;
  mutable std::vector<std::int16_t> title_cache;

  const std::string& lower(std::size_t i) const {
    if (lower_cache.empty()) lower_cache.resize(seg.tokens.size());
    std::string& l = lower_cache[i];
    if (l.empty() && !tok(i).text.empty()) l = strings::ascii_lower(tok(i).text);
    return l;
  }

  bool common(std::size_t i) const {
    if (common_cache.empty()) common_cache.assign(seg.tokens.size(), -1);
    if (common_cache[i] < 0) common_cache[i] = kb.is_common_word(lower(i)) ? 1 : 0;
    return common_cache[i] == 1;
  }

  std::string_view slice(std::size_t first, std::size_t last) const {
    const char* b = tok(first).text.data();
    const char* e = tok(last - 1).text.data() + tok(last - 1).text.size();
    return {b, static_cast<std::size_t>(e - b)};
  }

  void emit(EntityType type, std::size_t first, std::size_t last, const LexiconEntry* known, MentionCue cue,
            std::string title = {}, Span title_span = {}) {
    if (type == EntityType::Person && kb.demonym(slice(first, last)).has_value()) return;  // "Austrian said"
    Mention m;
    m.type = type;
    m.first_token = first;
    m.last_token = last;
    m.span = {tok(first).span.begin, tok(last - 1).span.end};
    m.text = std::string(slice(first, last));
    m.title = std::move(title);
    m.title_span = title_span;
    m.known = known;
    m.cue = cue;
    mentions.push_back(std::move(m));
    for (std::size_t i = first; i < last; ++i) covered[i] = 1;
  }

  // Longest gazetteer phrase starting at `pos` within [pos, limit), in tokens; 0 if none.
  std::size_t match_entity(std::size_t pos, std::size_t limit, const LexiconEntry** out) const {
    if (!cap_word(pos) && !is_all_caps(tok(pos).text)) return 0;
    // Left to right, as long as some longer name starts with the words so far.
    const std::size_t longest = std::min(kb.max_entity_tokens(), limit - pos);
    std::string joined;
    std::size_t best = 0;
    for (std::size_t len = 1; len <= longest; ++len) {
      if (len > 1) joined += ' ';
      joined += tok(pos + len - 1).text;
      bool extends = false;
      if (const LexiconEntry* e = kb.entity(joined, extends)) {
        best = len;
        *out = e;
      }
      if (!extends) break;
    }
    return best;
  }

  // Longest title at `pos` (title modifiers followed by a title), in tokens; 0 if none.
  std::size_t match_title(std::size_t pos, std::size_t limit) const {
    if (pos >= limit) return 0;
    if (title_cache.empty()) title_cache.assign(seg.tokens.size(), -1);
    std::int16_t& cached = title_cache[pos];
    if (cached < 0) cached = static_cast<std::int16_t>(match_title_uncached(pos, sentence_end(pos)));
    if (pos + static_cast<std::size_t>(cached) <= limit) return static_cast<std::size_t>(cached);
    return match_title_uncached(pos, limit);  // the longest title runs past `limit`: a shorter one may fit
  }

  std::size_t match_title_uncached(std::size_t pos, std::size_t limit) const {
    return text::title_length(seg, pos, limit, kb);
  }

  // The end of the sentence holding token `i`.
  std::size_t sentence_end(std::size_t i) const {
    auto it = std::upper_bound(seg.sentences.begin(), seg.sentences.end(), i,
                               [](std::size_t t, const Sentence& s) { return t < s.first_token; });
    return it == seg.sentences.begin() ? seg.tokens.size() : std::prev(it)->last_token;
  }

  // An organization phrase starting at `pos`: the furthest organization head or corporate
  // suffix reachable over capitalised words and connectors, extended by "of [the] Name...".
  std::size_t match_org(std::size_t pos, std::size_t limit) const {
    std::size_t end = 0;
    for (std::size_t i = pos; i < limit; ++i) {
      const std::string_view w = tok(i).text;
      if (i > pos && match_title(i, limit) > 0 && !kb.is_org_head(w)) break;
      if (tok(i).kind != TokenKind::Word && w != "&" && w != "-") break;
      if (w == "of" || w == "and" || w == "for" || w == "the" || w == "on")
        break;  // "of" only after the head
      if (i > pos && (kb.is_org_head(w) || kb.is_org_suffix(w)) && is_capitalized(w)) end = i + 1;
      if (i == pos && kb.is_org_suffix(w)) break;
    }
    if (end == 0) return 0;
    // "Bank of England", "Ministry of Defence", "University of the Arts"
    std::size_t i = end;
    if (i + 1 < limit && tok(i).text == "of") {
      std::size_t j = i + 1;
      if (j < limit && tok(j).text == "the") ++j;
      std::size_t k = j;
      while (k < limit && cap_word(k) && !kb.is_given_name(tok(k).text)) ++k;
      if (k > j) end = k;
    }
    return end - pos;
  }

  // Person name tokens from `pos`: capitalised words, particles and hyphenated parts.
  std::size_t match_person(std::size_t pos, std::size_t limit) const {
    std::size_t end = pos;
    while (end < limit && end - pos < 6) {
      const std::string_view w = tok(end).text;
      if (cap_word(end) && !kb.is_org_head(w)) {
        if (end > pos && match_title(end, limit) > 0 && !kb.is_given_name(w)) break;
        ++end;
      } else if (end > pos && kb.is_name_particle(w) && end + 1 < limit && cap_word(end + 1)) {
        ++end;
      } else if (end > pos && w == "-" && !tok(end).space_before && end + 1 < limit &&
                 !tok(end + 1).space_before && tok(end + 1).kind == TokenKind::Word &&
                 (kb.is_given_name(tok(pos).text) || text::is_lowercase_word(tok(end + 1).text))) {
        // "Jean-Claude Juncker", "Kim Jong-un"; but "Putin-Zelensky" is two names
        end += 2;
      } else {
        break;
      }
    }
    return end - pos;
  }

  // Capitalised words from `pos` that no list knows (not titles, places, given names,
  // organization heads or dictionary words): the rest of a name such as "Saint-Germain".
  std::size_t unknown_name_after(std::size_t pos, std::size_t limit) const {
    std::size_t end = pos;
    while (end < limit) {
      const std::string_view w = tok(end).text;
      if (w == "-" && end > pos && !tok(end).space_before && end + 1 < limit && cap_word(end + 1)) {
        ++end;
        continue;
      }
      if (!cap_word(end) || kb.entity(w) || kb.is_given_name(w) || kb.is_org_head(w) || common(end) ||
          match_title(end, limit) > 0 || kb.demonym(w))
        break;
      ++end;
    }
    while (end > pos && tok(end - 1).text == "-") --end;
    return end - pos;
  }

  // A capitalised plural at `pos` that no list knows as anything else, though the dictionary
  // may list it ("Giants", "Broncos"): after a place, the rest of a team's name.
  // Returns 1 or 0.
  std::size_t team_name_after(std::size_t pos, std::size_t limit) const {
    if (pos >= limit || !cap_word(pos) || is_all_caps(tok(pos).text)) return 0;
    const std::string_view w = tok(pos).text;
    if (w.size() < 4 || w.back() != 's' || kb.entity(w) || kb.is_given_name(w) || kb.is_org_head(w) ||
        kb.is_place_head(w) || kb.demonym(w) || match_title(pos, limit) > 0)
      return 0;
    if (w == "Games" || w == "Olympics" || w == "Paralympics") return 0;  // "Beijing Games": an event
    if (pos + 1 < limit && cap_word(pos + 1) && match_title(pos + 1, limit) == 0)
      return 0;  // "Dallas Cowboys Stadium"
    return 1;
  }

  bool sentence_initial(std::size_t pos, const Sentence& s) const {
    if (pos == s.first_token) return true;
    const std::string_view p = tok(pos - 1).text;
    return text::is_open_quote(p) || text::is_straight_quote(p) || p == "(" || p == ":" || p == "‘" ||
           p == "—" || p == "-" || p == "–";
  }

  // A lower-case title just before `pos` ("spokeswoman Maria Zakharova", "his special envoy,
  // Steve Witkoff"). Returns its first token, or npos.
  std::size_t lowercase_title_before(std::size_t pos, const Sentence& s, std::size_t* title_end) const {
    std::size_t end = pos;
    if (end > s.first_token && tok(end - 1).text == ",") --end;
    for (std::size_t len = std::min<std::size_t>(kb.max_title_tokens() + 2, end - s.first_token); len >= 1;
         --len) {
      const std::size_t start = end - len;
      bool lower = true;
      for (std::size_t i = start; i < end; ++i) lower = lower && text::is_lowercase_word(tok(i).text);
      if (!lower) continue;
      if (match_title(start, end) == len) {
        *title_end = end;
        return start;
      }
    }
    return npos;
  }

  // Some title in [from, end) ends at `end`.
  bool title_ends_at(std::size_t from, std::size_t end) const {
    for (std::size_t i = from; i < end; ++i)
      if (match_title(i, end) == end - i) return true;
    return false;
  }

  bool shouting(const Sentence& s) const { return is_shouting(seg, s); }
  bool headline(const Sentence& s) const { return is_headline(seg, s); }

  // The title at tokens [first, last) is covered, and an organization named inside it becomes
  // a mention: "Chairman of the Joint Chiefs of Staff".
  void cover_title(std::size_t first, std::size_t last) {
    const std::size_t pos = first, tl = last - first;
    for (std::size_t i = pos; i < pos + tl; ++i) covered[i] = 1;
    // an organization named inside the title: "Chairman of the Joint Chiefs of Staff"
    for (std::size_t i = pos + 1; i < pos + tl;) {
      const LexiconEntry* inner = nullptr;
      const std::size_t il = cap_word(i) ? match_entity(i, pos + tl, &inner) : 0;
      if (il > 0 && inner->type() == EntityType::Organization) {
        emit(EntityType::Organization, i, i + il, inner, MentionCue::Gazetteer);
        i += il;
      } else {
        ++i;
      }
    }
  }

  // An unknown name of two or more words at tokens [first, last) (step 7 of chunk()): a place
  // when it opens with a place prefix or ends in a place head, an organization when it holds a
  // place name, a person when it holds no dictionary word; nothing otherwise.
  void guess_unknown_name(std::size_t first, std::size_t last) {
    const std::size_t pos = first, pl = last - first;
    const std::string_view w = tok(pos).text;
    bool dictionary_word = false, place_word = false;
    for (std::size_t i = pos + 1; i < pos + pl; ++i) {
      dictionary_word = dictionary_word || common(i);
      const LexiconEntry* e = kb.entity(tok(i).text);
      place_word = place_word || (e != nullptr && e->type() == EntityType::Place);
    }
    if (kb.is_place_prefix(w) || kb.is_place_head(tok(pos + pl - 1).text)) {
      emit(EntityType::Place, pos, pos + pl, nullptr,
           MentionCue::Guess);  // "Fort Lauderdale", "Vostochny Cosmodrome"
    } else if (place_word) {
      emit(EntityType::Organization, pos, pos + pl, nullptr,
           MentionCue::Guess);  // "Inter Miami", "Real Madrid"
    } else if (!dictionary_word) {
      emit(EntityType::Person, pos, pos + pl, nullptr, MentionCue::Guess);
    }
  }

  void chunk(std::size_t a, std::size_t b, const Sentence& s, bool in_headline) {
    std::size_t pos = a;
    std::string title;
    std::size_t title_first = npos, title_last = npos;
    {
      std::size_t te = 0;
      const std::size_t ts = lowercase_title_before(a, s, &te);
      if (ts != npos) {
        title = std::string(slice(ts, te));
        title_first = ts;
        title_last = te;
      }
    }
    auto title_span = [&]() -> Span {
      if (title_first == npos) return {};
      return {tok(title_first).span.begin, tok(title_last - 1).span.end};
    };
    auto clear_title = [&]() {
      title.clear();
      title_first = title_last = npos;
    };

    while (pos < b) {
      const std::string_view w = tok(pos).text;
      if (is_connector(w) || w == "-" || kb.is_name_particle(w)) {
        ++pos;
        continue;
      }
      const LexiconEntry* known = nullptr;
      // 1. multi-token gazetteer phrase
      std::size_t len = match_entity(pos, b, &known);
      if (len >= 2 && known->type() == EntityType::Place && !in_headline &&
          team_name_after(pos + len, b) > 0) {
        // "New York Giants": a team named after a place
        emit(EntityType::Organization, pos, pos + len + 1, nullptr, MentionCue::Guess);
        pos += len + 1;
        continue;
      }
      if (len >= 2) {
        emit(known->type(), pos, pos + len, known, MentionCue::Gazetteer);
        if (title_first != npos) title_last = pos + len;  // "Chairman of the Joint Chiefs of Staff"
        pos += len;
        continue;
      }
      if (is_determiner(w)) {
        ++pos;
        continue;
      }
      // 2. title
      if (std::size_t tl = match_title(pos, b); tl > 0 && pos + tl <= b) {
        if (title_first == npos || title_last < pos - 2) {
          title = std::string(slice(pos, pos + tl));
          title_first = pos;
        } else if (title.empty()) {
          title = std::string(slice(pos, pos + tl));
        }
        title_last = pos + tl;
        cover_title(pos, pos + tl);
        pos += tl;
        continue;
      }
      // 3. demonym, of one or two words ("Russian", "North Korean")
      if (pos + 1 < b && kb.demonym(text::join_tokens(seg, pos, pos + 2)).has_value() &&
          match_org(pos, b) == 0) {
        pos += 2;
        continue;
      }
      if (kb.demonym(w).has_value()) {
        if (std::size_t ol = match_org(pos, b); ol > 0 && !in_headline) {
          emit(EntityType::Organization, pos, pos + ol, nullptr, MentionCue::OrgHead);
          pos += ol;
        } else {
          ++pos;
        }
        continue;
      }
      // 4. organization phrase
      if (std::size_t ol = match_org(pos, b); ol > 0 && !in_headline) {
        emit(EntityType::Organization, pos, pos + ol, nullptr, MentionCue::OrgHead);
        if (title_first != npos) title_last = pos + ol;
        pos += ol;
        continue;
      }
      // 5. one-token gazetteer name
      if (len == 1) {
        const bool person_first = kb.is_given_name(w) && pos + 1 < b && cap_word(pos + 1) &&
                                  !kb.entity(tok(pos + 1).text) && !kb.is_org_head(tok(pos + 1).text);
        if (!person_first) {
          if (pos + 1 < b && cap_word(pos + 1) && kb.is_place_head(tok(pos + 1).text) &&
              known->type() == EntityType::Place) {
            emit(EntityType::Place, pos, pos + 2, nullptr,
                 MentionCue::Gazetteer);  // "Moscow River", "Tiananmen Square"
            pos += 2;
            continue;
          }
          std::size_t tail = unknown_name_after(pos + 1, b);
          if (tail == 0 && !in_headline) tail = team_name_after(pos + 1, b);
          if (tail > 0 && known->type() == EntityType::Place) {
            // "Paris Saint-Germain", "Manchester United": an organization named after a place
            emit(EntityType::Organization, pos, pos + 1 + tail, nullptr, MentionCue::Guess);
            pos += 1 + tail;
            continue;
          }
          emit(known->type(), pos, pos + 1, known, MentionCue::Gazetteer);
          if (title_first != npos && known->type() == EntityType::Organization) title_last = pos + 1;
          ++pos;
          continue;
        }
      }
      if (in_headline) {
        ++pos;
        continue;
      }
      // 6. person
      const std::size_t pl = match_person(pos, b);
      if (pl == 0) {
        ++pos;
        continue;
      }
      // A title attaches only to the name right after it (or after an organization inside
      // it): "Lord of the Rings" names no person.
      if (title_first != npos && title_last != pos) clear_title();
      if ((kb.is_given_name(w) && pl > 1) || title_first != npos) {
        emit(EntityType::Person, pos, pos + pl, nullptr,
             title_first != npos ? MentionCue::Title : MentionCue::GivenName, title, title_span());
        clear_title();
        pos += pl;
        continue;
      }
      // 7. unknown names
      if (pl == 1) {
        if (is_all_caps(w) && w.size() <= 6 && !common(pos)) {
          emit(EntityType::Organization, pos, pos + 1, nullptr, MentionCue::Guess);
        }
        ++pos;  // a lone unknown word waits for the second pass
        continue;
      }
      if (common(pos) || is_all_caps(w) || (pos + 1 < b && kb.is_given_name(tok(pos + 1).text))) {
        ++pos;  // "Midfielder Andrew Frampton", "WAS OSCAR"
        continue;
      }
      guess_unknown_name(pos, pos + pl);
      pos += pl;
    }
  }

  void first_pass() {
    for (const Sentence& s : seg.sentences) {
      if (shouting(s)) continue;
      const bool in_headline = headline(s);
      std::size_t i = s.first_token;
      while (i < s.last_token) {
        if (!cap_word(i) && !(is_all_caps(tok(i).text) && tok(i).kind == TokenKind::Word)) {
          ++i;
          continue;
        }
        std::size_t j = i + 1;
        while (j < s.last_token) {
          const Token& t = tok(j);
          if (cap_word(j) || (t.kind == TokenKind::Word && is_all_caps(t.text))) {
            ++j;
            continue;
          }
          // connectors: "of", "of the", "and", "&", particles, hyphen without spaces
          std::size_t k = j;
          if (t.text == "-" && !t.space_before && j + 1 < s.last_token && !tok(j + 1).space_before) {
            k = j + 1;
          } else if (is_connector(t.text) || kb.is_name_particle(t.text)) {
            k = j + 1;
            if (k < s.last_token && (tok(k).text == "the" || kb.is_name_particle(tok(k).text))) ++k;
          }
          if (k > j && k < s.last_token && cap_word(k)) {
            j = k;
            continue;
          }
          // "President-elect", "Prime Minister-designate": a title ending in a lower-case part
          // joined by a hyphen stays in the chunk, so that it reaches the name after it
          if (t.text == "-" && k == j + 1 && k < s.last_token && tok(k).kind == TokenKind::Word &&
              !tok(k).space_before && text::is_lowercase_word(tok(k).text) && title_ends_at(i, k + 1)) {
            j = k + 1;
            continue;
          }
          // "Kim Jong-un": a lower-case part joined by a hyphen stays in the chunk
          if (t.text == "-" && k == j + 1 && k < s.last_token && tok(k).kind == TokenKind::Word &&
              !tok(k).space_before && text::is_lowercase_word(tok(k).text) && !common(k)) {
            j = k + 1;
            continue;
          }
          break;
        }
        chunk(i, j, s, in_headline);
        i = j;
      }
    }
  }

  // Document-level evidence for the words the first pass left alone.
  void second_pass() {
    std::unordered_set<std::string> name_tails;  // "Lavrov", "Cavo Dragone", "Dragone"
    for (const Mention& m : mentions) {
      if (m.type != EntityType::Person || m.last_token - m.first_token < 2) continue;
      for (std::size_t i = m.first_token + 1; i < m.last_token; ++i) {
        if (!cap_word(i)) continue;
        name_tails.insert(text::join_tokens(seg, i, m.last_token));
      }
      // a family name written first ("Kim" of "Kim Jong Un") stands for the person too
      if (!kb.is_given_name(tok(m.first_token).text) || kb.is_given_name(tok(m.last_token - 1).text) ||
          text::is_lowercase_word(tok(m.last_token - 1).text))
        name_tails.insert(std::string(tok(m.first_token).text));
    }
    const std::size_t before = mentions.size();
    for (const Sentence& s : seg.sentences) {
      for (std::size_t i = s.first_token; i < s.last_token; ++i) {
        if (covered[i] || !cap_word(i)) continue;
        std::size_t found = 0;
        bool surname = false;
        for (std::size_t len = std::min<std::size_t>(3, s.last_token - i); len >= 1 && !found; --len) {
          bool free = true;
          for (std::size_t k = i; k < i + len; ++k) free = free && !covered[k];
          if (free && name_tails.count(text::join_tokens(seg, i, i + len))) {
            found = len;
            surname = true;
          }
        }
        if (found == 0 && !common(i) && !sentence_initial(i, s) && i + 1 < s.last_token &&
            text::is_speech_verb(tok(i + 1).text, text::SpeechCue::Speaker) && !headline(s)) {
          found = 1;
        }
        if (found > 0) {
          emit(EntityType::Person, i, i + found, nullptr, surname ? MentionCue::Surname : MentionCue::Guess);
          i += found - 1;
        }
      }
    }
    (void)before;
  }
};

}  // namespace

std::vector<Mention> rule_mentions(std::string_view text, const Segmentation& seg, const Knowledge& kb) {
  Detector d{text, seg, kb, {}, std::vector<char>(seg.tokens.size(), 0), {}, {}, {}, {}};
  d.first_pass();
  d.second_pass();
  std::sort(d.mentions.begin(), d.mentions.end(),
            [](const Mention& a, const Mention& b) { return a.span < b.span; });
  // Mentions never overlap: keep the earlier (and, at equal starts, the shorter) one.
  std::vector<Mention> out;
  out.reserve(d.mentions.size());
  for (Mention& m : d.mentions) {
    if (!out.empty() && m.span.begin < out.back().span.end) continue;
    out.push_back(std::move(m));
  }
  keep_generational_suffixes(out, seg);
  settle_compounds(out, text, seg, kb);
  return out;
}

}  // namespace ner_detail

RuleMentionDetector::RuleMentionDetector(std::shared_ptr<const Knowledge> knowledge)
    : kb_(std::move(knowledge)) {}

std::vector<Mention> RuleMentionDetector::detect(std::string_view text, const Segmentation& seg) const {
  std::vector<Mention> mentions = ner_detail::rule_mentions(text, seg, *kb_);
  // Collective actors are this pipeline's own kind of entity, not the tagger's corpus's.
  add_group_mentions(seg, mentions, *kb_);
  return mentions;
}

}  // namespace newsgraph
