// Event relations (see relations.cpp): a verb of the lexicon with its subjects before it and
// its objects after it, passives, "X and Y met", and "a meeting between X and Y".
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "relations/extractor.hpp"
#include "relations/patterns.hpp"

namespace newsgraph::relations {
namespace {

bool object_type_ok(RelationType r, EntityType t) {
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

}  // namespace

// A mention made of a demonym ("Ukrainian" in "Ukrainian President X") stands for the
// country only as an affiliation, never as the argument of a verb.
bool Extractor::is_demonym_mention(std::size_t m) const {
  return mention(m).last_token - mention(m).first_token <= 2 && kb.demonym(mention(m).text).has_value();
}

// Mentions standing as subjects just before token `v` (exclusive).
std::vector<std::size_t> Extractor::subjects_before(std::size_t v, std::size_t sent_first) const {
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
std::size_t Extractor::pronoun_subject(std::size_t v, std::size_t sent_first) const {
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
std::vector<std::size_t> Extractor::objects_after(std::size_t v, std::size_t limit) const {
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

void Extractor::events() {
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
void Extractor::nominal_meeting(std::size_t v, const Sentence& s) {
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

}  // namespace newsgraph::relations
