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
// Headline-like sentences (mostly capitalised words) only yield gazetteer names and names
// known from the rest of the article.
#include "newsgraph/ner/detectors.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_set>

#include "newsgraph/ner/tagger.hpp"
#include "text/token_text.hpp"

namespace newsgraph {
namespace {

using text::is_all_caps;
using text::is_capitalized;

constexpr std::size_t npos = static_cast<std::size_t>(-1);

bool is_connector(std::string_view w) {
  return w == "of" || w == "and" || w == "&" || w == "for" || w == "the" || w == "on";
}

bool is_determiner(std::string_view w) { return w == "The" || w == "A" || w == "An"; }

bool is_weekday(std::string_view w) {
  static const std::unordered_set<std::string_view> days{
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
      "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};
  return days.count(w) != 0;
}

// The armed services, named after their country ("Mexican Army", "U.S. Air Force"): the
// organization ends at token `end`.
bool is_armed_service(const Segmentation& seg, std::size_t end) {
  const std::string_view last = seg.tokens[end - 1].text;
  if (last == "Navy" || last == "Army" || last == "Marines") return true;
  if (end < 2) return false;
  const std::string_view before = seg.tokens[end - 2].text;
  return (before == "Air" && last == "Force") || (before == "Coast" && last == "Guard") ||
         (before == "National" && last == "Guard") || (before == "Marine" && last == "Corps");
}

// A name that ends in the word for an administrative division ("Dan Sai District", "Cameron
// Parish") is no person: where the tagger reads one, it is a place. (Organizations keep their
// type: "Notts County" is a football club.)
bool ends_in_division(const Segmentation& seg, std::size_t first, std::size_t last) {
  static const std::unordered_set<std::string_view> divisions{
      "District",     "Districts", "Province",   "Provinces", "County",
      "Counties",     "Parish",    "Prefecture", "Oblast",    "Governorate",
      "Municipality", "Township",  "Canton",     "Territory", "Territories"};
  return last > first + 1 && divisions.count(seg.tokens[last - 1].text) != 0;
}

// Generational suffixes that belong to a person's name ("Thomas Weller III").
bool is_generational_suffix(std::string_view w) {
  return w == "Jr." || w == "Jr" || w == "Sr." || w == "Sr" || w == "II" || w == "III" || w == "IV";
}

// Tokens [first, last) are only titles ("Coach", "Head Coach") and words that never name an
// entity ("Christmas", "Saturday").
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

bool is_speech_verb(std::string_view w) {
  static const std::unordered_set<std::string_view> verbs{
      "said",     "says",  "told",     "added",     "argued",    "insisted", "stated", "noted",
      "warned",   "wrote", "declared", "claimed",   "explained", "replied",  "asked",  "cautioned",
      "stressed", "urged", "accused",  "announced", "confirmed", "tweeted",  "posted", "recalled"};
  return verbs.count(w) != 0;
}

// A headline: no closing punctuation and mostly capitalised words. A news sentence full of
// names looks title-cased too, but ends with a period.
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
    if (is_capitalized(t.text)) ++caps;
  }
  return words >= 3 && caps * 5 >= words * 3;
}

// A sentence written in capitals ("WHO WAS OSCAR?"): its capitals say nothing about names.
bool is_shouting(const Segmentation& seg, const Sentence& s) {
  std::size_t words = 0, caps = 0;
  for (std::size_t i = s.first_token; i < s.last_token; ++i) {
    if (seg.tokens[i].kind != TokenKind::Word) continue;
    ++words;
    if (is_all_caps(seg.tokens[i].text)) ++caps;
  }
  return caps >= 2 && caps * 5 >= words * 3;
}

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
    if (l.empty() && !tok(i).text.empty()) l = text::ascii_lower(tok(i).text);
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
    if (type == EntityType::Person && kb.demonym(slice(first, last)) != nullptr) return;  // "Austrian said"
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
      if (len >= 2 && known->type == EntityType::Place && !in_headline && team_name_after(pos + len, b) > 0) {
        // "New York Giants": a team named after a place
        emit(EntityType::Organization, pos, pos + len + 1, nullptr, MentionCue::Guess);
        pos += len + 1;
        continue;
      }
      if (len >= 2) {
        emit(known->type, pos, pos + len, known, MentionCue::Gazetteer);
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
        for (std::size_t i = pos; i < pos + tl; ++i) covered[i] = 1;
        // an organization named inside the title: "Chairman of the Joint Chiefs of Staff"
        for (std::size_t i = pos + 1; i < pos + tl;) {
          const LexiconEntry* inner = nullptr;
          const std::size_t il = cap_word(i) ? match_entity(i, pos + tl, &inner) : 0;
          if (il > 0 && inner->type == EntityType::Organization) {
            emit(EntityType::Organization, i, i + il, inner, MentionCue::Gazetteer);
            i += il;
          } else {
            ++i;
          }
        }
        pos += tl;
        continue;
      }
      // 3. demonym, of one or two words ("Russian", "North Korean")
      if (pos + 1 < b && kb.demonym(text::join_tokens(seg, pos, pos + 2)) != nullptr &&
          match_org(pos, b) == 0) {
        pos += 2;
        continue;
      }
      if (kb.demonym(w) != nullptr) {
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
              known->type == EntityType::Place) {
            emit(EntityType::Place, pos, pos + 2, nullptr,
                 MentionCue::Gazetteer);  // "Moscow River", "Tiananmen Square"
            pos += 2;
            continue;
          }
          std::size_t tail = unknown_name_after(pos + 1, b);
          if (tail == 0 && !in_headline) tail = team_name_after(pos + 1, b);
          if (tail > 0 && known->type == EntityType::Place) {
            // "Paris Saint-Germain", "Manchester United": an organization named after a place
            emit(EntityType::Organization, pos, pos + 1 + tail, nullptr, MentionCue::Guess);
            pos += 1 + tail;
            continue;
          }
          emit(known->type, pos, pos + 1, known, MentionCue::Gazetteer);
          if (title_first != npos && known->type == EntityType::Organization) title_last = pos + 1;
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
      bool dictionary_word = false, place_word = false;
      for (std::size_t i = pos + 1; i < pos + pl; ++i) {
        dictionary_word = dictionary_word || common(i);
        const LexiconEntry* e = kb.entity(tok(i).text);
        place_word = place_word || (e != nullptr && e->type == EntityType::Place);
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
            is_speech_verb(tok(i + 1).text) && !headline(s)) {
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

// Hyphenated compounds are one word to a reader ("Mercedes-Benz", "Ohio-based"). A mention
// that ends inside one grows over the rest of it when the rest is capitalised and no other
// mention holds it ("Tyler" + "-Sharman"); it is marked attached when the rest is lower case
// ("Ohio" of "Ohio-based"), unless the lower-case part is no dictionary word but a piece of a
// name ("Kim Jong-un", "al-Akhdar"); two names joined by a hyphen ("Russia-Ukraine") stay two.
void settle_compounds(std::vector<Mention>& mentions, std::string_view text, const Segmentation& seg,
                      const Knowledge& kb) {
  const auto& t = seg.tokens;
  std::vector<std::size_t> owner(t.size(), npos);
  for (std::size_t k = 0; k < mentions.size(); ++k)
    for (std::size_t i = mentions[k].first_token; i < mentions[k].last_token; ++i) owner[i] = k;
  auto glued_hyphen = [&](std::size_t h) {  // token h is a hyphen touching both neighbours
    return h > 0 && h + 1 < t.size() && (t[h].text == "-" || t[h].text == "‑") && !t[h].space_before &&
           !t[h + 1].space_before;
  };
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    Mention& m = mentions[k];
    bool grown = false;
    while (m.first_token >= 2 && glued_hyphen(m.first_token - 1)) {
      const std::size_t part = m.first_token - 2;
      if (t[part].kind != TokenKind::Word) break;
      if (text::is_lowercase_word(t[part].text) && kb.is_common_word(text::ascii_lower(t[part].text))) {
        m.attached = true;
        break;
      }
      if (owner[part] != npos) break;
      m.first_token = part;
      grown = true;
    }
    // "Mo.-based": a period glued to the name and to the hyphen belongs to the word
    if (m.last_token + 2 < t.size() && t[m.last_token].text == "." && !t[m.last_token].space_before &&
        glued_hyphen(m.last_token + 1) && text::is_lowercase_word(t[m.last_token + 2].text))
      m.attached = true;
    while (m.last_token + 1 < t.size() && glued_hyphen(m.last_token)) {
      const std::size_t part = m.last_token + 1;
      if (t[part].kind != TokenKind::Word && t[part].kind != TokenKind::Number) break;
      if (!text::is_capitalized(t[part].text) &&
          (t[part].kind != TokenKind::Word || kb.is_common_word(text::ascii_lower(t[part].text)))) {
        m.attached = true;
        break;
      }
      if (owner[part] != npos) break;
      m.last_token = part + 1;
      grown = true;
    }
    if (!grown) continue;
    for (std::size_t i = m.first_token; i < m.last_token; ++i) owner[i] = k;
    m.span = {t[m.first_token].span.begin, t[m.last_token - 1].span.end};
    const char* b = t[m.first_token].text.data();
    const char* e = t[m.last_token - 1].text.data() + t[m.last_token - 1].text.size();
    m.text.assign(b, static_cast<std::size_t>(e - b));
    m.known = nullptr;
  }

  // Two mentions joined by a hyphen are one name ("Mercedes-Benz", "Djate-Taillard") unless
  // both stand as names on their own: both known to the gazetteer ("Russia-Ukraine"), or both
  // mentioned alone elsewhere in the article ("Putin-Zelensky").
  // Standing alone means mentioned outside any such compound: "Benz" of a "Mercedes-Benz"
  // repeated down a results table does not stand alone.
  std::vector<char> in_compound(mentions.size(), 0);
  for (std::size_t k = 0; k + 1 < mentions.size(); ++k) {
    if (mentions[k].last_token + 1 == mentions[k + 1].first_token && glued_hyphen(mentions[k].last_token))
      in_compound[k] = in_compound[k + 1] = 1;
  }
  auto alone_elsewhere = [&](const Mention& x) {
    for (std::size_t k = 0; k < mentions.size(); ++k)
      if (&mentions[k] != &x && !in_compound[k] && mentions[k].text == x.text) return true;
    return false;
  };
  std::vector<Mention> joined;
  joined.reserve(mentions.size());
  for (Mention& m : mentions) {
    if (!joined.empty()) {
      Mention& prev = joined.back();
      const bool glued = prev.last_token + 1 == m.first_token && glued_hyphen(prev.last_token);
      const bool separate =
          (prev.known != nullptr && m.known != nullptr) || (alone_elsewhere(prev) && alone_elsewhere(m));
      if (glued && !separate) {
        prev.last_token = m.last_token;
        prev.span.end = m.span.end;
        const char* b = t[prev.first_token].text.data();
        const char* e = t[prev.last_token - 1].text.data() + t[prev.last_token - 1].text.size();
        prev.text.assign(b, static_cast<std::size_t>(e - b));
        prev.known = nullptr;
        prev.attached = prev.attached || m.attached;
        continue;
      }
    }
    joined.push_back(std::move(m));
  }
  mentions = std::move(joined);
  (void)text;
}

// A generational suffix right after a person's name belongs to it ("Thomas Weller III",
// "Martin Luther King Jr."), also when it was taken for a name of its own.
void keep_generational_suffixes(std::vector<Mention>& mentions, const Segmentation& seg) {
  const auto& t = seg.tokens;
  std::vector<Mention> out;
  out.reserve(mentions.size());
  for (std::size_t k = 0; k < mentions.size(); ++k) {
    Mention& m = mentions[k];
    if (!out.empty() && m.first_token < out.back().last_token) continue;  // the suffix, taken in
    const std::size_t s = m.last_token;
    const bool suffix_next = m.type == EntityType::Person && s < t.size() && t[s].space_before &&
                             is_generational_suffix(t[s].text);
    // free, or a mention of the suffix alone
    const bool free = k + 1 == mentions.size() || mentions[k + 1].first_token > s ||
                      (mentions[k + 1].first_token == s && mentions[k + 1].last_token == s + 1);
    out.push_back(std::move(m));
    if (!suffix_next || !free) continue;
    Mention& g = out.back();
    g.last_token = s + 1;
    g.span.end = t[s].span.end;
    const char* b = t[g.first_token].text.data();
    const char* e = t[s].text.data() + t[s].text.size();
    g.text.assign(b, static_cast<std::size_t>(e - b));
  }
  mentions = std::move(out);
}

}  // namespace

RuleMentionDetector::RuleMentionDetector(std::shared_ptr<const Knowledge> knowledge)
    : kb_(std::move(knowledge)) {}

std::vector<Mention> RuleMentionDetector::detect(std::string_view text, const Segmentation& seg) const {
  Detector d{text, seg, *kb_, {}, std::vector<char>(seg.tokens.size(), 0), {}, {}, {}, {}};
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
  settle_compounds(out, text, seg, *kb_);
  return out;
}

}  // namespace newsgraph

namespace newsgraph {

TaggedMentionDetector::TaggedMentionDetector(std::shared_ptr<const Knowledge> knowledge,
                                             std::shared_ptr<const PerceptronTagger> tagger)
    : kb_(std::move(knowledge)), tagger_(std::move(tagger)), rules_(kb_) {}

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
    m.type = *type == EntityType::Person && ends_in_division(seg, t.first_token, t.last_token)
                 ? EntityType::Place
                 : *type;
    m.first_token = t.first_token;
    m.last_token = t.last_token;
    m.span = {seg.tokens[t.first_token].span.begin, seg.tokens[t.last_token - 1].span.end};
    m.text.assign(text.substr(m.span.begin, m.span.end - m.span.begin));
    m.known = kb_->entity(text::join_tokens(seg, t.first_token, t.last_token));
    if (m.known != nullptr && m.known->type != m.type) m.known = nullptr;
    m.cue = MentionCue::Tagger;
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<Mention> TaggedMentionDetector::detect(std::string_view text, const Segmentation& seg) const {
  const std::vector<Mention> rule = rules_.detect(text, seg);
  const std::vector<TaggedSpan> tagged = tagger_->tag(text, seg, *kb_);

  std::vector<Mention> out;
  out.reserve(tagged.size() + rule.size());
  std::vector<char> blocked(seg.tokens.size(), 0);  // words of a mention or of a MISC name
  std::vector<char> title_case_headline(seg.tokens.size(), 0);
  for (const Sentence& s : seg.sentences) {
    if (is_headline(seg, s) && !is_shouting(seg, s))
      std::fill(title_case_headline.begin() + static_cast<std::ptrdiff_t>(s.first_token),
                title_case_headline.begin() + static_cast<std::ptrdiff_t>(s.last_token), 1);
  }
  auto title_words_only = [&](const TaggedSpan& t) {
    for (std::size_t i = t.first_token; i < t.last_token; ++i) {
      const std::string lower = text::ascii_lower(seg.tokens[i].text);
      if (!kb_->is_title(lower) && !kb_->is_title_modifier(lower)) return false;
    }
    return true;
  };
  // A long span of several dictionary words ("Russia Dismisses Ukraine Security Talks") in a
  // title-case headline is a phrase; short names there ("Manchester United 2 Arsenal 1") stand.
  auto headline_phrase = [&](const TaggedSpan& t) {
    if (!title_case_headline[t.first_token] || t.last_token - t.first_token < 4) return false;
    std::size_t dictionary = 0;
    for (std::size_t i = t.first_token; i < t.last_token; ++i)
      dictionary += kb_->is_common_word(text::ascii_lower(seg.tokens[i].text)) ? 1 : 0;
    return dictionary >= 2;
  };
  // A gazetteer name of several words ("Democratic People's Republic of Korea") that covers
  // the tagger's spans replaces them: the tagger may cut it at a possessive or "of".
  std::vector<TaggedSpan> spans;
  spans.reserve(tagged.size());
  {
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
      if (rule[g].known != nullptr && rule[g].known->type == EntityType::Place)
        whole.label = EntityLabel::LOC;
      if (rule[g].known != nullptr && rule[g].known->type == EntityType::Organization)
        whole.label = EntityLabel::ORG;
      if (spans.empty() || spans.back().first_token != whole.first_token ||
          spans.back().last_token != whole.last_token)
        spans.push_back(whole);
    }
  }
  // A facility named after names the tagger found, whose head word it left out ("DRV PNK" of
  // "DRV PNK Stadium"): the names and the head become one place. Only heads that name nothing
  // but a place ("Centre", "Hall" and "Gallery" also end organizations), after at most four
  // capitalised words.
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
  {
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
    spans = std::move(joined);
  }
  std::unordered_set<std::string> known_people;  // persons the rules are sure of, as written
  for (const Mention& m : rule)
    if (m.type == EntityType::Person && m.cue != MentionCue::Guess)
      known_people.insert(text::join_tokens(seg, m.first_token, m.last_token));
  std::size_t r = 0;  // rule mentions are sorted and do not overlap, like tagged spans
  for (TaggedSpan t : spans) {
    const std::optional<EntityType> type = to_entity_type(t.label);
    if (!type) {  // MISC: not a node, but it keeps rule guesses off its words
      for (std::size_t i = t.first_token; i < t.last_token; ++i) blocked[i] = 2;
      continue;
    }
    // "The West", "’s Military Committee": neither the article nor a possessive is part of a name
    while (t.last_token > t.first_token + 1 &&
           (seg.tokens[t.first_token].text == "The" || text::is_possessive(seg.tokens[t.first_token].text)))
      ++t.first_token;
    while (t.last_token > t.first_token + 1 && text::is_possessive(seg.tokens[t.last_token - 1].text))
      --t.last_token;
    // a hyphen or a lower-case word at either edge belongs to the compound around the name
    // ("Louis-" of "St. Louis-based", "based KeyCorp" of "Ohio-based KeyCorp")
    auto edge_junk = [&](std::size_t i) {
      const Token& k = seg.tokens[i];
      return k.kind == TokenKind::Punct ||
             (text::is_lowercase_word(k.text) && kb_->is_common_word(text::ascii_lower(k.text)));
    };
    while (t.last_token > t.first_token && edge_junk(t.first_token)) ++t.first_token;
    while (t.last_token > t.first_token && edge_junk(t.last_token - 1)) --t.last_token;
    // A person's name holds no dictionary word in lower case but its particles: a span that
    // runs on into the sentence ("Maria Lopez will return to host", "Anna Kowalczyk as U")
    // ends before it. A lower-case part glued by a hyphen ("Kim Jong-un") stays.
    if (t.label == EntityLabel::PER) {
      for (std::size_t i = t.first_token + 1; i < t.last_token; ++i) {
        const Token& k = seg.tokens[i];
        if (k.kind != TokenKind::Word || !text::is_lowercase_word(k.text) || kb_->is_name_particle(k.text) ||
            !kb_->is_common_word(text::ascii_lower(k.text)) ||
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
    if (t.label == EntityLabel::PER && title_case_headline[t.first_token]) {
      for (std::size_t end = t.last_token - 1; end > t.first_token; --end) {
        if (!kb_->is_common_word(text::ascii_lower(seg.tokens[end].text))) break;
        if (known_people.count(text::join_tokens(seg, t.first_token, end))) {
          t.last_token = end;
          break;
        }
      }
    }
    if (t.last_token == t.first_token) continue;
    if (text::is_possessive(seg.tokens[t.first_token].text)) continue;
    // "Supreme Allied" of "Supreme Allied Commander": a piece of a title is no name
    if (title_words_only(t)) continue;
    if (headline_phrase(t)) continue;
    while (r < rule.size() && rule[r].last_token <= t.first_token) ++r;
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
        if (!only_titles_or_never_entities(seg, c.last_token, t.last_token, *kb_)) continue;
        t.last_token = c.last_token;
        same = &c;
      }
    }
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
      m.known = kb_->entity(text::join_tokens(seg, t.first_token, t.last_token));
    }
    // A name right after a personal title ("Gen.", "Chairman of ...") is a person whatever
    // the tagger's context suggests.
    const bool titled_person =
        same != nullptr && same->type == EntityType::Person && same->cue == MentionCue::Title;
    m.type = titled_person ? EntityType::Person
             : *type == EntityType::Person && ends_in_division(seg, m.first_token, m.last_token)
                 ? EntityType::Place
                 : *type;
    m.cue = MentionCue::Tagger;
    if (m.known != nullptr && m.known->type != m.type) m.known = nullptr;  // "Russia" the team
    for (std::size_t i = m.first_token; i < m.last_token; ++i) blocked[i] = 1;
    out.push_back(std::move(m));
  }
  // A surname that ends a person's full name found by a given name or a title ("Joe Biden").
  auto surname_of_sure_name = [&](const Mention& m) {
    for (const Mention& p : rule) {
      if (p.type != EntityType::Person || (p.cue != MentionCue::GivenName && p.cue != MentionCue::Title) ||
          p.text.size() <= m.text.size() + 1)
        continue;
      if (p.text.compare(p.text.size() - m.text.size(), m.text.size(), m.text) == 0 &&
          p.text[p.text.size() - m.text.size() - 1] == ' ')
        return true;
    }
    return false;
  };
  // Names the tagger did not see at all, where the rules are sure of them.
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
                                                 kb_->demonym(seg.tokens[m.first_token].text) != nullptr &&
                                                 is_armed_service(seg, m.last_token)));
    if ((!free && !anchor && !sure_over_misc) || m.cue == MentionCue::Guess) continue;
    out.push_back(m);
  }
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) { return a.span < b.span; });
  for (Mention& m : out) m.attached = false;  // decided afresh on the final spans
  keep_generational_suffixes(out, seg);
  settle_compounds(out, text, seg, *kb_);
  return out;
}

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
      if (!kBlocs.count(w) && kb.demonym(w) == nullptr) continue;
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
