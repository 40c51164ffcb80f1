// Rule-based mention detection.
//
// Each sentence is cut into chunks: runs of capitalised words, joined by the connectors a
// name may hold ("of", "of the", "and", "&", name particles, a hyphen without spaces). Each
// chunk is then read left to right, taking at each position the first of:
//   1. a gazetteer phrase of two or more tokens ("Russian Federation", "White House");
//   2. a title ("Foreign Minister", "Adm.", "Secretary General"), kept for the next person;
//   3. a demonym: part of an organization ("Russian Foreign Ministry") or of a title
//      ("Russian President"), never a mention of its own;
//   4. an organization phrase ending in an organization head or corporate suffix
//      ("Military Committee", "Washington Examiner", "Apple Inc.", "Bank of England");
//   5. a one-token gazetteer name ("Russia", "NATO", "Anchorage"), unless it is a given name
//      followed by a surname;
//   6. a person: a given name, or any name after a title, with the following name tokens;
//   7. otherwise an unknown name: an acronym becomes an organization; a run of two or more
//      non-dictionary words a person; a lone word waits for the second pass.
// The second pass takes document-level evidence: a lone capitalised word that is the
// surname (or the last words) of a person named in full anywhere in the article is a
// mention of a person ("Lavrov", "Trump" even at the start of a sentence), and an unknown
// word followed by a speech verb ("Dragone said") is a person.
// Headline-like sentences (mostly capitalised words) only yield gazetteer names and names
// known from the rest of the article.
#include "newsgraph/ner.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "text_util.hpp"

namespace newsgraph {
namespace {

using text::is_all_caps;
using text::is_capitalized;

constexpr std::size_t npos = static_cast<std::size_t>(-1);

bool is_connector(std::string_view w) {
  return w == "of" || w == "and" || w == "&" || w == "for" || w == "the" || w == "on";
}

bool is_determiner(std::string_view w) { return w == "The" || w == "A" || w == "An"; }

bool is_speech_verb(std::string_view w) {
  static const std::unordered_set<std::string_view> verbs{
      "said",     "says",  "told",     "added",     "argued",    "insisted", "stated", "noted",
      "warned",   "wrote", "declared", "claimed",   "explained", "replied",  "asked",  "cautioned",
      "stressed", "urged", "accused",  "announced", "confirmed", "tweeted",  "posted", "recalled"};
  return verbs.count(w) != 0;
}

struct Detector {
  std::string_view text;
  const Segmentation& seg;
  const Knowledge& kb;
  std::vector<Mention> mentions;
  std::vector<char> covered;  // per token: inside a mention or a title

  const Token& tok(std::size_t i) const { return seg.tokens[i]; }

  bool cap_word(std::size_t i) const {
    const Token& t = tok(i);
    return t.kind == TokenKind::Word && is_capitalized(t.text) && !kb.is_never_entity(t.text);
  }

  bool common(std::size_t i) const { return kb.is_common_word(text::ascii_lower(tok(i).text)); }

  std::string_view slice(std::size_t first, std::size_t last) const {
    const char* b = tok(first).text.data();
    const char* e = tok(last - 1).text.data() + tok(last - 1).text.size();
    return {b, static_cast<std::size_t>(e - b)};
  }

  void emit(EntityType type, std::size_t first, std::size_t last, const LexiconEntry* known,
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
    mentions.push_back(std::move(m));
    for (std::size_t i = first; i < last; ++i) covered[i] = 1;
  }

  // Longest gazetteer phrase starting at `pos` within [pos, limit), in tokens; 0 if none.
  std::size_t match_entity(std::size_t pos, std::size_t limit, const LexiconEntry** out) const {
    const std::size_t longest = std::min(kb.max_entity_tokens(), limit - pos);
    for (std::size_t len = longest; len >= 1; --len) {
      if (!cap_word(pos) && !is_all_caps(tok(pos).text)) break;
      if (const LexiconEntry* e = kb.entity(text::join_tokens(seg, pos, pos + len))) {
        *out = e;
        return len;
      }
    }
    return 0;
  }

  // Longest title at `pos` (title modifiers followed by a title), in tokens; 0 if none.
  std::size_t match_title(std::size_t pos, std::size_t limit) const {
    std::size_t mods = 0;
    while (pos + mods < limit && kb.is_title_modifier(text::ascii_lower(tok(pos + mods).text))) ++mods;
    for (std::size_t start = pos; start <= pos + mods && start < limit; ++start) {
      const std::size_t longest = std::min(kb.max_title_tokens(), limit - start);
      for (std::size_t len = longest; len >= 1; --len) {
        if (kb.is_title(text::join_tokens_lower(seg, start, start + len))) return start - pos + len;
      }
    }
    return 0;
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

  // A sentence written in capitals ("WHO WAS OSCAR?"): its capitals say nothing about names.
  bool shouting(const Sentence& s) const {
    std::size_t words = 0, caps = 0;
    for (std::size_t i = s.first_token; i < s.last_token; ++i) {
      if (tok(i).kind != TokenKind::Word) continue;
      ++words;
      if (is_all_caps(tok(i).text)) ++caps;
    }
    return caps >= 2 && caps * 5 >= words * 3;
  }

  // A headline: no closing punctuation and mostly capitalised words. A news sentence full of
  // names looks title-cased too, but ends with a period.
  bool headline(const Sentence& s) const {
    if (s.last_token == s.first_token) return false;
    const std::string_view last = tok(s.last_token - 1).text;
    if (last == "." || last == "!" || last == "…" || last == "”" || last == "\"" || last == ")" ||
        last == ":" || last == ";" || last == ",")
      return false;
    std::size_t words = 0, caps = 0;
    for (std::size_t i = s.first_token; i < s.last_token; ++i) {
      const Token& t = tok(i);
      if (t.kind != TokenKind::Word || t.text.size() <= 3) continue;
      ++words;
      if (is_capitalized(t.text)) ++caps;
    }
    return words >= 3 && caps * 5 >= words * 3;
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
      if (len >= 2) {
        emit(known->type, pos, pos + len, known);
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
            emit(EntityType::Organization, i, i + il, inner);
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
          emit(EntityType::Organization, pos, pos + ol, nullptr);
          pos += ol;
        } else {
          ++pos;
        }
        continue;
      }
      // 4. organization phrase
      if (std::size_t ol = match_org(pos, b); ol > 0 && !in_headline) {
        emit(EntityType::Organization, pos, pos + ol, nullptr);
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
            emit(EntityType::Place, pos, pos + 2, nullptr);  // "Moscow River", "Tiananmen Square"
            pos += 2;
            continue;
          }
          if (const std::size_t tail = unknown_name_after(pos + 1, b);
              tail > 0 && known->type == EntityType::Place) {
            // "Paris Saint-Germain", "Manchester United": an organization named after a place
            emit(EntityType::Organization, pos, pos + 1 + tail, nullptr);
            pos += 1 + tail;
            continue;
          }
          emit(known->type, pos, pos + 1, known);
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
        emit(EntityType::Person, pos, pos + pl, nullptr, title, title_span());
        clear_title();
        pos += pl;
        continue;
      }
      // 7. unknown names
      if (pl == 1) {
        if (is_all_caps(w) && w.size() <= 6 && !common(pos)) {
          emit(EntityType::Organization, pos, pos + 1, nullptr);
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
        emit(EntityType::Place, pos, pos + pl, nullptr);  // "Fort Lauderdale", "Vostochny Cosmodrome"
      } else if (place_word) {
        emit(EntityType::Organization, pos, pos + pl, nullptr);  // "Inter Miami", "Real Madrid"
      } else if (!dictionary_word) {
        emit(EntityType::Person, pos, pos + pl, nullptr);
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
        for (std::size_t len = std::min<std::size_t>(3, s.last_token - i); len >= 1 && !found; --len) {
          bool free = true;
          for (std::size_t k = i; k < i + len; ++k) free = free && !covered[k];
          if (free && name_tails.count(text::join_tokens(seg, i, i + len))) found = len;
        }
        if (found == 0 && !common(i) && !sentence_initial(i, s) && i + 1 < s.last_token &&
            is_speech_verb(tok(i + 1).text) && !headline(s)) {
          found = 1;
        }
        if (found > 0) {
          emit(EntityType::Person, i, i + found, nullptr);
          i += found - 1;
        }
      }
    }
    (void)before;
  }
};

}  // namespace

RuleMentionDetector::RuleMentionDetector(std::shared_ptr<const Knowledge> knowledge)
    : kb_(std::move(knowledge)) {}

std::vector<Mention> RuleMentionDetector::detect(std::string_view text, const Segmentation& seg) const {
  Detector d{text, seg, *kb_, {}, std::vector<char>(seg.tokens.size(), 0)};
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
  return out;
}

}  // namespace newsgraph
