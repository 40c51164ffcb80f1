// Hyphenated compounds and generational suffixes on the detectors' mentions.

#include "ner/rule_compounds.hpp"

#include <string>
#include <unordered_map>
#include <utility>

#include "ner/name_cues.hpp"
#include "text/token_text.hpp"
#include "util/strings.hpp"

namespace newsgraph::ner_detail {

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
      if (text::is_lowercase_word(t[part].text) && kb.is_common_word(strings::ascii_lower(t[part].text))) {
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
          (t[part].kind != TokenKind::Word || kb.is_common_word(strings::ascii_lower(t[part].text)))) {
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
  // mentioned alone later in the article ("Putin-Zelensky").
  // Standing alone means mentioned outside any such compound: "Benz" of a "Mercedes-Benz"
  // repeated down a results table does not stand alone. Only the mentions after the pair count
  // (those before it have been moved into `joined` by then): that is how this rule has always
  // read, and outputs depend on it.
  std::vector<char> in_compound(mentions.size(), 0);
  for (std::size_t k = 0; k + 1 < mentions.size(); ++k) {
    if (mentions[k].last_token + 1 == mentions[k + 1].first_token && glued_hyphen(mentions[k].last_token))
      in_compound[k] = in_compound[k + 1] = 1;
  }
  // The last mention of each text outside a compound.
  std::unordered_map<std::string, std::size_t> last_alone;
  for (std::size_t k = 0; k < mentions.size(); ++k)
    if (!in_compound[k]) last_alone[mentions[k].text] = k;
  // A mention of `x`'s text, outside a compound, after mention `i`.
  auto alone_after = [&](const Mention& x, std::size_t i) {
    const auto it = last_alone.find(x.text);
    return it != last_alone.end() && it->second > i;
  };
  std::vector<Mention> joined;
  joined.reserve(mentions.size());
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    Mention& m = mentions[i];
    if (!joined.empty()) {
      Mention& prev = joined.back();
      const bool glued = prev.last_token + 1 == m.first_token && glued_hyphen(prev.last_token);
      const bool separate = glued && ((prev.known != nullptr && m.known != nullptr) ||
                                      (alone_after(prev, i) && alone_after(m, i)));
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

}  // namespace newsgraph::ner_detail
