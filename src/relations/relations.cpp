// Relation extraction by patterns over tokens and resolved mentions.
//
// Structural relations
//   holds_position  a title before a person, with the organization, place or demonym that
//                   the title belongs to: "NATO Secretary General Mark Rutte", "Russian
//                   President Vladimir Putin", "Chairman of the Joint Chiefs of Staff Dan Caine",
//                   "Foreign Ministry spokeswoman Maria Zakharova"; or an apposition after it:
//                   "X, the chairman of NATO’s Military Committee"; a government title alone
//                   takes the country of the first country or city named in its sentence.
//   member_of       "X, a member of Y"; "NATO member Poland".
//   part_of         "NATO’s Military Committee" (organization of organization).
//   based_in        "Moscow-based X"; "Russia’s Foreign Ministry" (organization of place).
//   located_in      "Anchorage, Alaska", "Geneva, Switzerland": a place followed by a comma
//                   and a larger place; "Ukraine’s Donetsk region".
//   citizen_of      a demonym directly before a person named without a title.
// Event relations: a verb from the lexicon with its subject right before it (auxiliaries,
// adverbs and an apposition between commas may intervene; coordinated subjects "X and Y"
// each count) and its objects after it ("with", determiners, titles and demonyms may
// intervene; lists "X, Y and Z" each count). Passive "X was hosted by Y" swaps the roles.
// "X and Y met" with no object links the subjects; "a meeting between X and Y" links X and Y.
// Hosting a person also states that the two met. A negated verb ("did not meet") is ignored.
// Quotations: a direct quote in double quotation marks with a speaker named right after it
// ("…,” Lavrov said", "…,” said Lavrov") or before it ("Lavrov said: “…”"). "he"/"she"
// resolves to the last speaker of the previous three sentences, else to the last person named.
#include "newsgraph/relations/relations.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "text/token_text.hpp"

namespace newsgraph {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

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
bool is_speech_verb(std::string_view w) {
  static const std::unordered_map<std::string_view, int> verbs{
      {"said", 1},      {"says", 1},         {"say", 1},      {"added", 1},    {"adds", 1},
      {"told", 1},      {"tells", 1},        {"stated", 1},   {"insisted", 1}, {"argued", 1},
      {"cautioned", 1}, {"warned", 1},       {"noted", 1},    {"wrote", 1},    {"writes", 1},
      {"declared", 1},  {"asked", 1},        {"replied", 1},  {"claimed", 1},  {"explained", 1},
      {"stressed", 1},  {"continued", 1},    {"recalled", 1}, {"tweeted", 1},  {"posted", 1},
      {"announced", 1}, {"acknowledged", 1}, {"admitted", 1}, {"remarked", 1}, {"concluded", 1}};
  return verbs.count(w) != 0;
}
bool is_quantifier(std::string_view w) {
  return w == "several" || w == "some" || w == "other" || w == "many" || w == "two" || w == "three" ||
         w == "four" || w == "five" || w == "both";
}
bool is_pronoun(std::string_view w) { return w == "he" || w == "she" || w == "He" || w == "She"; }

bool agent_type_ok(EntityType t) {
  return t == EntityType::Person || t == EntityType::Organization || t == EntityType::Group;
}

struct Extractor {
  std::string_view text;
  const Segmentation& seg;
  ArticleEntities& ents;
  const Knowledge& kb;
  std::vector<Relation> out;
  std::vector<std::size_t> mention_at;   // token -> mention index
  std::vector<std::size_t> sentence_of;  // token -> sentence index
  std::vector<char> in_title;            // token lies in some mention's title
  // Mentions made here for demonyms ("Russian" for Russia): they anchor relations while
  // extracting, but a demonym is not a name, so finish() drops them from the mention list.
  std::vector<std::size_t> demonym_mentions;
  // Persons with a title that names no organization or country (see title_context()).
  std::vector<std::size_t> untitled;

  const Token& tok(std::size_t i) const { return seg.tokens[i]; }
  const Mention& mention(std::size_t m) const { return ents.mentions[m]; }
  EntityType type_of(std::size_t m) const { return ents.entities[mention(m).entity].type; }

  void index() {
    const std::size_t n = seg.tokens.size();
    mention_at.assign(n, npos);
    sentence_of.assign(n, npos);
    in_title.assign(n, 0);
    for (std::size_t s = 0; s < seg.sentences.size(); ++s)
      for (std::size_t t = seg.sentences[s].first_token; t < seg.sentences[s].last_token; ++t)
        sentence_of[t] = s;
    for (std::size_t m = 0; m < ents.mentions.size(); ++m) {
      const Mention& mm = ents.mentions[m];
      for (std::size_t t = mm.first_token; t < mm.last_token && t < n; ++t) mention_at[t] = m;
      if (mm.title_span.end > mm.title_span.begin) {
        for (std::size_t t = token_at(mm.title_span.begin); t < mm.first_token && t < n; ++t) in_title[t] = 1;
      }
    }
  }

  // The first token starting at or after code point `cp`.
  std::size_t token_at(std::size_t cp) const {
    auto it = std::lower_bound(seg.tokens.begin(), seg.tokens.end(), cp,
                               [](const Token& t, std::size_t c) { return t.span.begin < c; });
    return static_cast<std::size_t>(it - seg.tokens.begin());
  }

  Span sentence_span(std::size_t token) const {
    const std::size_t s = sentence_of[token];
    return s == npos ? Span{} : seg.sentences[s].span;
  }

  void add(RelationType type, std::size_t src_m, std::size_t tgt_m, std::size_t token, std::string title,
           std::string cue) {
    const std::size_t s = mention(src_m).entity, t = mention(tgt_m).entity;
    if (s == t) return;
    add_entities(type, s, t, mention(src_m).span, mention(tgt_m).span, sentence_span(token), std::move(title),
                 std::move(cue));
  }

  void add_entities(RelationType type, std::size_t s, std::size_t t, Span ss, Span ts, Span sentence,
                    std::string title, std::string cue) {
    if (s == t) return;
    Relation r;
    r.type = type;
    r.source = s;
    r.target = t;
    r.source_span = ss;
    r.target_span = ts;
    r.sentence = sentence;
    r.title = std::move(title);
    r.cue = std::move(cue);
    out.push_back(std::move(r));
    if (type == RelationType::HoldsPosition && !out.back().title.empty()) {
      auto& titles = ents.entities[s].titles;
      if (std::find(titles.begin(), titles.end(), out.back().title) == titles.end()) {
        titles.push_back(out.back().title);
        std::sort(titles.begin(), titles.end());
      }
    }
  }

  // The mention holding the country a demonym at `token` names, created when the article
  // does not name the country itself.
  std::size_t country_mention(std::size_t token, std::size_t length) {
    const std::string* code = kb.demonym(text::join_tokens(seg, token, token + length));
    if (!code) return npos;
    const std::string* name = kb.country_name(*code);
    if (!name) return npos;
    const LexiconEntry* entry = kb.entity(*name);
    std::size_t entity = npos;
    for (std::size_t e = 0; e < ents.entities.size(); ++e)
      if (ents.entities[e].type == EntityType::Place && ents.entities[e].name == *name) entity = e;
    if (entity == npos) {
      Entity e;
      e.type = EntityType::Place;
      e.name = *name;
      e.place_kind = "country";
      e.country_code = *code;
      ents.entities.push_back(std::move(e));
      entity = ents.entities.size() - 1;
    }
    Mention m;
    m.type = EntityType::Place;
    m.first_token = token;
    m.last_token = token + length;
    m.span = {tok(token).span.begin, tok(token + length - 1).span.end};
    m.text = text::join_tokens(seg, token, token + length);
    m.known = entry;
    m.entity = entity;
    ents.mentions.push_back(std::move(m));
    ents.entities[entity].mentions.push_back(ents.mentions.size() - 1);
    for (std::size_t t = token; t < token + length; ++t) mention_at[t] = ents.mentions.size() - 1;
    demonym_mentions.push_back(ents.mentions.size() - 1);
    return ents.mentions.size() - 1;
  }

  // Follows "A ’s B ’s C" from mention `m` to the last organization or place in the chain.
  std::size_t possessive_chain_end(std::size_t m) const {
    for (;;) {
      const std::size_t after = mention(m).last_token;
      if (after + 1 >= seg.tokens.size() || !text::is_possessive(tok(after).text)) return m;
      const std::size_t next = mention_at[after + 1];
      if (next == npos || type_of(next) == EntityType::Person) return m;
      m = next;
    }
  }

  std::size_t title_at(std::size_t pos, std::size_t limit) const {
    return text::title_length(seg, pos, limit, kb);
  }

  void titles() {
    const std::size_t count = ents.mentions.size();
    for (std::size_t m = 0; m < count; ++m) {
      if (type_of(m) != EntityType::Person || mention(m).title.empty()) continue;
      const Mention p = mention(m);  // a copy: country_mention() may grow the mentions
      const std::size_t first_title_token = token_at(p.title_span.begin);
      const std::size_t sent = sentence_of[p.first_token];
      std::size_t target = npos;
      // an organization or place inside the title: "Chairman of the Joint Chiefs of Staff"
      for (std::size_t t = first_title_token; t < p.first_token; ++t) {
        const std::size_t q = mention_at[t];
        if (q != npos && q != m && type_of(q) != EntityType::Person && type_of(q) != EntityType::Quotation)
          target = possessive_chain_end(q);
      }
      // just before the title: "NATO Secretary General", "Ukraine’s President", "Russian President"
      if (target == npos && first_title_token > 0 && sentence_of[first_title_token - 1] == sent) {
        std::size_t before = first_title_token - 1;
        if (text::is_possessive(tok(before).text) && before > 0) --before;
        const std::size_t q = mention_at[before];
        if (q != npos && type_of(q) != EntityType::Person && type_of(q) != EntityType::Quotation) {
          target = q;
        } else if (q == npos && before > 0 && mention_at[before - 1] == npos &&
                   kb.demonym(text::join_tokens(seg, before - 1, before + 1))) {
          target = country_mention(before - 1, 2);  // "North Korean leader"
        } else if (q == npos && kb.demonym(tok(before).text)) {
          target = country_mention(before, 1);
        }
      }
      if (target != npos) {
        add(RelationType::HoldsPosition, m, target, p.first_token, p.title, "title");
      } else {
        untitled.push_back(m);
      }
    }
  }

  // A government title with no affiliation beside it ("Foreign Minister Sergey Lavrov said in
  // Moscow"): the person holds it in the country of the countries and cities named in the same
  // sentence, when they all lie in one country and the article states no other position for
  // that person. A sentence naming two countries ("North Korea's leader ... met President
  // Vladimir Putin in the Russian Federation") states nothing here.
  void title_context() {
    static const std::unordered_map<std::string_view, int> government{
        {"minister", 1}, {"president", 1}, {"premier", 1},     {"chancellor", 1},   {"ambassador", 1},
        {"envoy", 1},    {"spokesman", 1}, {"spokeswoman", 1}, {"spokesperson", 1}, {"secretary", 1}};
    for (std::size_t m : untitled) {
      const std::size_t person = mention(m).entity;
      if (std::any_of(out.begin(), out.end(), [&](const Relation& r) {
            return r.type == RelationType::HoldsPosition && r.source == person;
          }))
        continue;
      bool governmental = false;
      for (std::size_t i = 0, n = mention(m).title.size(); i <= n;) {
        std::size_t j = mention(m).title.find(' ', i);
        if (j == std::string::npos) j = n;
        governmental =
            governmental || government.count(text::ascii_lower(mention(m).title.substr(i, j - i))) > 0;
        i = j + 1;
      }
      if (!governmental) continue;
      const Sentence& s = seg.sentences[sentence_of[mention(m).first_token]];
      std::size_t first = npos;  // the first country or city named
      bool one_country = true;
      for (std::size_t t = s.first_token; t < s.last_token; ++t) {
        const std::size_t q = mention_at[t];
        if (q == npos || type_of(q) != EntityType::Place || (t > 0 && mention_at[t - 1] == q)) continue;
        const Entity& place = ents.entities[mention(q).entity];
        if (place.country_code.empty() || (place.place_kind != "country" && place.place_kind != "city"))
          continue;
        if (first == npos)
          first = q;
        else if (place.country_code != ents.entities[mention(first).entity].country_code)
          one_country = false;
      }
      if (first == npos || !one_country) continue;
      const std::size_t country = country_entity(ents.entities[mention(first).entity].country_code);
      if (country != npos)
        add_entities(RelationType::HoldsPosition, person, country, mention(m).span, mention(first).span,
                     s.span, mention(m).title, "title, place in the sentence");
    }
  }

  // The entity of the country with ISO code `code`, created when the article does not name it.
  std::size_t country_entity(const std::string& code) {
    const std::string* name = kb.country_name(code);
    if (!name) return npos;
    for (std::size_t e = 0; e < ents.entities.size(); ++e)
      if (ents.entities[e].type == EntityType::Place && ents.entities[e].name == *name) return e;
    return npos;  // only a country the article names: no node is made for an inference
  }

  // "X, the chairman of NATO’s Military Committee"; "X, a member of Y"; "X, NATO’s envoy".
  void appositions() {
    const std::size_t count = ents.mentions.size();
    for (std::size_t m = 0; m < count; ++m) {
      if (type_of(m) != EntityType::Person) continue;
      const std::size_t sent = sentence_of[mention(m).first_token];
      const std::size_t limit = seg.sentences[sent].last_token;
      std::size_t k = mention(m).last_token;
      if (k >= limit || tok(k).text != ",") continue;
      ++k;
      std::size_t possessor = npos;
      std::size_t steps = 0;
      while (k < limit && steps++ < 8) {
        const std::string_view w = tok(k).text;
        const std::size_t q = mention_at[k];
        if (q != npos && type_of(q) != EntityType::Person && type_of(q) != EntityType::Quotation &&
            mention(q).last_token < limit && text::is_possessive(tok(mention(q).last_token).text)) {
          possessor = possessive_chain_end(q);
          k = mention(q).last_token + 1;
          continue;
        }
        if (w == "member" || w == "members") {
          if (k + 2 < limit && tok(k + 1).text == "of" && mention_at[k + 2] != npos &&
              type_of(mention_at[k + 2]) == EntityType::Organization)
            add(RelationType::MemberOf, m, possessive_chain_end(mention_at[k + 2]), k, "", "apposition");
          break;
        }
        if (const std::size_t tl = title_at(k, limit); tl > 0) {
          const std::string title(tok(k).text.data(),
                                  static_cast<std::size_t>(tok(k + tl - 1).text.data() +
                                                           tok(k + tl - 1).text.size() - tok(k).text.data()));
          std::size_t after = k + tl;
          std::size_t target = possessor;
          if (after + 1 < limit && tok(after).text == "of") {
            std::size_t j = after + 1;
            if (j < limit && tok(j).text == "the") ++j;
            if (j < limit && mention_at[j] != npos && type_of(mention_at[j]) != EntityType::Person &&
                type_of(mention_at[j]) != EntityType::Quotation)
              target = possessive_chain_end(mention_at[j]);
          }
          if (target != npos) add(RelationType::HoldsPosition, m, target, k, title, "apposition");
          break;
        }
        const bool filler = w == "the" || w == "a" || w == "an" || w == "its" || w == "his" || w == "her" ||
                            (tok(k).kind == TokenKind::Word && text::is_lowercase_word(w));
        if (!filler) break;
        ++k;
      }
    }
  }

  static int place_rank(const Entity& e) {
    if (e.place_kind == "country") return 3;
    if (e.place_kind == "subdivision" || e.place_kind == "region") return 2;
    if (e.place_kind == "city") return 1;
    return 0;
  }

  void structural() {
    const std::size_t count = ents.mentions.size();
    for (std::size_t m = 0; m < count; ++m) {
      const Mention& a = mention(m);
      const std::size_t after = a.last_token;
      if (after + 1 >= seg.tokens.size() || sentence_of[after] != sentence_of[a.first_token]) continue;
      const std::string_view w = tok(after).text;
      const EntityType at = type_of(m);
      const std::size_t next = mention_at[after + 1];
      // possessives: "NATO’s Military Committee", "Russia’s Foreign Ministry", "Ukraine’s Donetsk region"
      if (text::is_possessive(w) && next != npos) {
        const EntityType bt = type_of(next);
        if (at == EntityType::Organization && bt == EntityType::Organization)
          add(RelationType::PartOf, next, m, after, "", "possessive");
        else if (at == EntityType::Place && bt == EntityType::Organization)
          add(RelationType::BasedIn, next, m, after, "", "possessive");
        else if (at == EntityType::Place && bt == EntityType::Place &&
                 place_rank(ents.entities[a.entity]) > place_rank(ents.entities[mention(next).entity]))
          add(RelationType::LocatedIn, next, m, after, "", "possessive");
      }
      // "Anchorage, Alaska": a place, a comma, a larger place
      if (w == "," && next != npos && at == EntityType::Place && type_of(next) == EntityType::Place) {
        const Entity& small = ents.entities[a.entity];
        const Entity& large = ents.entities[mention(next).entity];
        const bool next_continues_list =
            mention(next).last_token < seg.tokens.size() && (tok(mention(next).last_token).text == "and");
        if (place_rank(large) >= 2 && place_rank(large) > place_rank(small) && !next_continues_list &&
            (small.country_code.empty() || large.country_code.empty() ||
             small.country_code == large.country_code))
          add(RelationType::LocatedIn, m, next, after, "", "apposition");
      }
      // "Moscow-based X"
      if (at == EntityType::Place && w == "-" && after + 1 < seg.tokens.size() &&
          text::ascii_lower(tok(after + 1).text) == "based") {
        for (std::size_t k = after + 2; k < after + 6 && k < seg.tokens.size(); ++k) {
          const std::size_t q = mention_at[k];
          if (q != npos && type_of(q) == EntityType::Organization) {
            add(RelationType::BasedIn, q, m, after, "", "based");
            break;
          }
        }
      }
      // "NATO member Poland"
      if (at == EntityType::Organization && (w == "member" || w == "members" || w == "ally") &&
          next != npos && (type_of(next) == EntityType::Place || type_of(next) == EntityType::Organization))
        add(RelationType::MemberOf, next, m, after, "", "member");
      // demonym before a person named without a title: "Ukrainian Volodymyr Zelensky"
    }
    // a collective actor named by a nationality: "Russian officials" -> Russia
    for (std::size_t m = 0; m < count; ++m) {
      if (type_of(m) != EntityType::Group) continue;
      const std::size_t first = mention(m).first_token;
      if (!kb.demonym(tok(first).text)) continue;
      const std::size_t saved = mention_at[first];
      const std::size_t c = country_mention(first, 1);
      mention_at[first] = saved;  // the words stay the group's for the verb patterns
      if (c != npos) add(RelationType::CitizenOf, m, c, first, "", "demonym");
    }
    for (std::size_t m = 0; m < count; ++m) {
      if (type_of(m) != EntityType::Person || !mention(m).title.empty() || mention(m).first_token == 0)
        continue;
      const std::size_t first = mention(m).first_token;
      const std::size_t before = first - 1;
      if (mention_at[before] == npos && sentence_of[before] == sentence_of[first] &&
          kb.demonym(tok(before).text)) {
        const std::size_t c = country_mention(before, 1);
        if (c != npos) add(RelationType::CitizenOf, m, c, first, "", "demonym");
      }
    }
  }

  // A mention made of a demonym ("Ukrainian" in "Ukrainian President X") stands for the
  // country only as an affiliation, never as the argument of a verb.
  bool is_demonym_mention(std::size_t m) const {
    return mention(m).last_token - mention(m).first_token <= 2 && kb.demonym(mention(m).text) != nullptr;
  }

  // Mentions standing as subjects just before token `v` (exclusive).
  std::vector<std::size_t> subjects_before(std::size_t v, std::size_t sent_first) const {
    std::vector<std::size_t> subj;
    std::size_t k = v;
    while (k > sent_first && is_aux_or_adverb(tok(k - 1).text)) --k;
    if (k > sent_first && tok(k - 1).text == ",") {
      // an apposition between commas: "X, the chairman of Y, hosted"
      std::size_t j = k - 1;
      while (j > sent_first && tok(j - 1).text != "," && k - j < 14) --j;
      if (j > sent_first && tok(j - 1).text == ",") k = j - 1;
    }
    while (k > sent_first) {
      const std::size_t q = mention_at[k - 1];
      if (q == npos || (!agent_type_ok(type_of(q)) && type_of(q) != EntityType::Place)) break;
      subj.push_back(q);
      k = mention(q).first_token;
      if (k >= sent_first + 2 && (tok(k - 1).text == "and" || tok(k - 1).text == ",")) {
        std::size_t j = k - 1;
        // skip a title between the conjunction and the previous name? titles precede names
        if (mention_at[j - 1] != npos) {
          k = j;
          continue;
        }
      }
      break;
    }
    std::reverse(subj.begin(), subj.end());
    return subj;
  }

  // "He accused X": a pronoun right before verb `v` (auxiliaries and adverbs between) stands for
  // the first person named in the nearest earlier sentence of the last three that names one
  // (the subject, in news prose), or for the first person named earlier in its own sentence.
  std::size_t pronoun_subject(std::size_t v, std::size_t sent_first) const {
    std::size_t k = v;
    while (k > sent_first && is_aux_or_adverb(tok(k - 1).text)) --k;
    if (k == sent_first || !is_pronoun(tok(k - 1).text)) return npos;
    const std::size_t pron = k - 1;
    const std::size_t sent = sentence_of[pron];
    for (std::size_t t = sent_first; t < pron; ++t)
      if (mention_at[t] != npos && type_of(mention_at[t]) == EntityType::Person) return mention_at[t];
    for (std::size_t back = 1; back <= 3 && back <= sent; ++back) {
      const Sentence& earlier = seg.sentences[sent - back];
      for (std::size_t t = earlier.first_token; t < earlier.last_token; ++t)
        if (mention_at[t] != npos && type_of(mention_at[t]) == EntityType::Person) return mention_at[t];
    }
    return npos;
  }

  // Mentions standing as objects after token `v`, up to the end of the clause.
  std::vector<std::size_t> objects_after(std::size_t v, std::size_t limit) const {
    std::vector<std::size_t> obj;
    std::size_t k = v + 1;
    while (k < limit) {
      const std::string_view w = tok(k).text;
      const std::size_t q = mention_at[k];
      if (q != npos && is_demonym_mention(q)) {
        ++k;
        continue;
      }
      if (q != npos && type_of(q) != EntityType::Quotation) {
        obj.push_back(q);
        k = mention(q).last_token;
        // lists: "X, Y and Z"
        if (k < limit && (tok(k).text == "," || tok(k).text == "and")) {
          std::size_t j = k + 1;
          if (j < limit && tok(j).text == "and") ++j;
          while (j < limit && (in_title[j] || kb.demonym(tok(j).text) || is_quantifier(tok(j).text))) ++j;
          while (j < limit && mention_at[j] != npos && is_demonym_mention(mention_at[j])) ++j;
          // the same type, or persons and organizations listed with a collective actor
          if (j < limit && mention_at[j] != npos &&
              (type_of(mention_at[j]) == type_of(q) ||
               (agent_type_ok(type_of(mention_at[j])) && agent_type_ok(type_of(q))))) {
            k = j;
            continue;
          }
        }
        break;
      }
      if (in_title[k] || kb.demonym(w) || is_skippable_before_object(w)) {
        ++k;
        continue;
      }
      break;
    }
    return obj;
  }

  static bool object_type_ok(RelationType r, EntityType t) {
    switch (r) {
      case RelationType::MetWith:
      case RelationType::Hosted:
        return agent_type_ok(t);
      case RelationType::Visited:
        return t == EntityType::Place || t == EntityType::Organization;
      default:
        return t != EntityType::Quotation;
    }
  }

  void events() {
    const auto& lex = verb_lexicon();
    for (std::size_t si = 0; si < seg.sentences.size(); ++si) {
      const Sentence& s = seg.sentences[si];
      for (std::size_t v = s.first_token; v < s.last_token; ++v) {
        if (tok(v).kind != TokenKind::Word || mention_at[v] != npos) continue;
        auto it = lex.find(tok(v).text);
        if (it == lex.end()) continue;
        const RelationType rel = it->second;
        bool negated = false, passive = false;
        for (std::size_t k = v; k > s.first_token && v - k < 3; --k) {
          negated = negated || is_negation(tok(k - 1).text);
          passive = passive || is_passive_aux(tok(k - 1).text);
        }
        if (negated) continue;
        // "meeting" only as a noun phrase "a meeting between X and Y" or a verb after "is"
        if (tok(v).text == "meeting") {
          nominal_meeting(v, s);
          if (!passive) continue;
          passive = false;
        }
        std::vector<std::size_t> subj = subjects_before(v, s.first_token);
        if (subj.empty()) {
          const std::size_t p = pronoun_subject(v, s.first_token);
          if (p != npos) subj.push_back(p);
        }
        std::vector<std::size_t> obj = objects_after(v, s.last_token);
        if (passive && v + 1 < s.last_token && tok(v + 1).text == "by") {
          // "X was hosted by Y": Y hosted X
          std::vector<std::size_t> agents = objects_after(v + 1, s.last_token);
          obj = subj;
          subj = agents;
        } else if (passive) {
          continue;
        }
        const std::string cue(tok(v).text);
        std::vector<std::size_t> sources;
        for (std::size_t a : subj)
          if (agent_type_ok(type_of(a)) || type_of(a) == EntityType::Place) sources.push_back(a);
        if (rel == RelationType::MetWith && obj.empty() && sources.size() >= 2) {
          for (std::size_t i = 0; i < sources.size(); ++i)
            for (std::size_t j = i + 1; j < sources.size(); ++j) add(rel, sources[i], sources[j], v, "", cue);
          continue;
        }
        for (std::size_t a : sources) {
          if ((rel == RelationType::MetWith || rel == RelationType::Hosted || rel == RelationType::Visited) &&
              !agent_type_ok(type_of(a)))
            continue;
          for (std::size_t b : obj) {
            if (!object_type_ok(rel, type_of(b))) continue;
            add(rel, a, b, v, "", cue);
            if (rel == RelationType::Hosted && type_of(a) == EntityType::Person &&
                type_of(b) == EntityType::Person)
              add(RelationType::MetWith, a, b, v, "", cue);
          }
        }
      }
    }
  }

  // "a meeting between X and Y"; not a meeting that is only proposed or possible
  // ("the next step would be a meeting between X and Y").
  void nominal_meeting(std::size_t v, const Sentence& s) {
    if (v + 4 >= s.last_token || tok(v + 1).text != "between") return;
    for (std::size_t k = v; k > s.first_token && v - k < 10; --k) {
      static const std::unordered_map<std::string_view, int> hypothetical{
          {"would", 1},   {"could", 1},  {"possible", 1}, {"potential", 1},   {"proposed", 1},
          {"planned", 1}, {"future", 1}, {"next", 1},     {"may", 1},         {"might", 1},
          {"should", 1},  {"will", 1},   {"expected", 1}, {"prospective", 1}, {"any", 1}};
      if (hypothetical.count(tok(k - 1).text)) return;
    }
    const std::size_t a = mention_at[v + 2];
    if (a == npos || type_of(a) != EntityType::Person) return;
    const std::size_t and_at = mention(a).last_token;
    if (and_at + 1 >= s.last_token || tok(and_at).text != "and") return;
    const std::size_t b = mention_at[and_at + 1];
    if (b == npos || type_of(b) != EntityType::Person) return;
    add(RelationType::MetWith, a, b, v, "", "meeting between");
  }

  // Quotations and their speakers.
  void quotes() {
    const std::size_t n = seg.tokens.size();
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
        std::size_t best = npos;
        for (std::size_t m = 0; m < ents.mentions.size(); ++m) {
          if (type_of(m) == EntityType::Person && mention(m).last_token <= q_first &&
              (best == npos || mention(m).span.begin > mention(best).span.begin))
            best = m;
        }
        return best == npos ? npos : mention(best).entity;
      };
      // after the quote: "…,” Lavrov said", "…,” said Lavrov", "…,” he added"
      {
        std::size_t k = close + 1;
        if (k < n && tok(k).text == ",") ++k;
        const std::size_t sent_limit = k < n ? seg.sentences[sentence_of[k]].last_token : n;
        if (k < n && is_speech_verb(tok(k).text) && k + 1 < sent_limit) {
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
          if (is_pronoun(x) && j + 1 < sent_limit && is_speech_verb(tok(j + 1).text) && j == k) {
            speaker_entity = pronoun_speaker(j);
            speaker_span = tok(j).span;
            attribution_token = j;
            break;
          }
          const std::size_t q = mention_at[j];
          if (q != npos) {
            std::size_t after = mention(q).last_token;
            while (after < sent_limit && is_aux_or_adverb(tok(after).text)) ++after;
            if (after < sent_limit && is_speech_verb(tok(after).text) && agent_type_ok(type_of(q))) {
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
          if (!is_speech_verb(x)) continue;
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
                            static_cast<std::size_t>(tok(q_last - 1).text.data() +
                                                     tok(q_last - 1).text.size() - tok(q_first).text.data()));
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

  // Quotation mentions join the sorted order, demonym mentions leave it; entity mention lists follow.
  void finish() {
    std::vector<char> dropped(ents.mentions.size(), 0);
    for (std::size_t m : demonym_mentions) dropped[m] = 1;
    for (std::size_t m = 0; m < ents.mentions.size(); ++m)
      if (ents.mentions[m].attached) dropped[m] = 1;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < ents.mentions.size(); ++i)
      if (!dropped[i]) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return ents.mentions[a].span < ents.mentions[b].span;
    });
    std::vector<Mention> sorted;
    sorted.reserve(order.size());
    for (std::size_t i : order) sorted.push_back(std::move(ents.mentions[i]));
    ents.mentions = std::move(sorted);
    for (Entity& e : ents.entities) e.mentions.clear();
    for (std::size_t i = 0; i < ents.mentions.size(); ++i)
      ents.entities[ents.mentions[i].entity].mentions.push_back(i);

    // An entity left without mentions lives on only if a relation needs it.
    std::vector<char> used(ents.entities.size(), 0);
    for (const Relation& r : out) used[r.source] = used[r.target] = 1;
    std::vector<std::size_t> renumber(ents.entities.size(), npos);
    std::vector<Entity> kept;
    for (std::size_t e = 0; e < ents.entities.size(); ++e) {
      if (ents.entities[e].mentions.empty() && !used[e]) continue;
      renumber[e] = kept.size();
      kept.push_back(std::move(ents.entities[e]));
    }
    ents.entities = std::move(kept);
    for (Mention& m : ents.mentions) m.entity = renumber[m.entity];
    for (Entity& e : ents.entities) e.mentions.clear();
    for (std::size_t i = 0; i < ents.mentions.size(); ++i)
      ents.entities[ents.mentions[i].entity].mentions.push_back(i);
    for (Relation& r : out) {
      r.source = renumber[r.source];
      r.target = renumber[r.target];
    }

    auto key = [](const Relation& r) {
      return std::make_tuple(r.sentence.begin, r.source_span.begin, r.source_span.end, r.target_span.begin,
                             r.target_span.end, static_cast<int>(r.type), r.source, r.target, r.title);
    };
    std::sort(out.begin(), out.end(), [&](const Relation& a, const Relation& b) { return key(a) < key(b); });
    out.erase(std::unique(out.begin(), out.end(),
                          [&](const Relation& a, const Relation& b) { return key(a) == key(b); }),
              out.end());
  }
};

}  // namespace

std::vector<Relation> extract_relations(std::string_view text, const Segmentation& seg, ArticleEntities& ents,
                                        const Knowledge& kb) {
  Extractor x{text, seg, ents, kb, {}, {}, {}, {}, {}, {}};
  x.index();
  x.titles();
  x.appositions();
  x.structural();
  x.title_context();
  x.events();
  x.quotes();
  x.finish();
  return std::move(x.out);
}

}  // namespace newsgraph
