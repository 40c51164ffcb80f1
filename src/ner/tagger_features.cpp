// Feature extraction of the NER tagger: per-token analysis and the static features of a
// document (see ner/tagger_features.hpp for the templates).

#include "ner/tagger_features.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "newsgraph/util/utf8.hpp"

namespace newsgraph::ner_detail {
namespace {

// ---------------------------------------------------------------------------------------------
// Characters.

/// Appends code point `c` to the word buffer `buf` of `len` bytes, unless fewer than 4 bytes
/// are left (the word is then cut). `c` is a scalar value: analyse() passes only what
/// U8_NEXT_OR_FFFD and u_tolower give.
inline void append_to_word(char* buf, std::size_t& len, UChar32 c) {
  if (len + 4 > kMaxWordBytes) return;
  len += encode_utf8(static_cast<char32_t>(c), buf + len);
}

void analyse(std::string_view w, WordForms& f) {
  const auto* p = reinterpret_cast<const uint8_t*>(w.data());
  const auto n = static_cast<int32_t>(w.size());
  bool first_letter = true;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT_OR_FFFD(p, i, n, c);
    char s;
    UChar32 lc = c;
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        s = 'X';
        lc = c + 32;
        ++f.uppers;
      } else if (c >= 'a' && c <= 'z') {
        s = 'x';
        ++f.lowers;
      } else if (c >= '0' && c <= '9') {
        s = 'd';
        ++f.digits;
      } else {
        s = static_cast<char>(c);
      }
    } else if (u_isupper(c) || u_istitle(c)) {
      s = 'X';
      lc = u_tolower(c);
      ++f.uppers;
    } else if (u_islower(c)) {
      s = 'x';
      ++f.lowers;
    } else if (u_isdigit(c)) {
      s = 'd';
      ++f.digits;
    } else {
      s = u_isalpha(c) ? 'x' : 'o';
      if (u_isalpha(c)) ++f.lowers;
    }
    if (s == 'X' || s == 'x') {
      if (first_letter && s == 'X' && f.lowers == 0 && f.uppers == 1 && f.digits == 0) f.first_upper = true;
      append_to_word(f.title, f.title_len, first_letter ? c : lc);
      first_letter = false;
    } else {
      append_to_word(f.title, f.title_len, c);
    }
    append_to_word(f.lower, f.lower_len, lc);
    if (f.sshape_len == 0 || f.sshape[f.sshape_len - 1] != s) {
      if (f.sshape_len < 15) f.sshape[f.sshape_len++] = s;
    }
  }
  f.truncated = w.size() + 4 > kMaxWordBytes;
}

CaseClass case_class(const WordForms& f) {
  if (f.uppers == 0 && f.lowers == 0) return kNoLetters;
  if (f.uppers == 0) return kLowerCase;
  if (f.lowers == 0) return f.uppers >= 2 ? kAllCaps : kInitCap;
  return f.first_upper && f.uppers == 1 ? kInitCap : kMixedCase;
}

}  // namespace

std::uint16_t knowledge_flags(std::string_view w, const WordForms& f, CaseClass cc, const Knowledge& kb) {
  if (f.truncated || (f.uppers == 0 && f.lowers == 0)) return 0;
  std::uint16_t k = 0;
  const std::string_view lower(f.lower, f.lower_len);
  const bool cap = cc != kLowerCase;
  if (kb.is_title(w)) k |= kTitle;
  if (kb.is_title_modifier(w)) k |= kTitleModifier;
  if (kb.is_org_head(w)) k |= kOrgHead;
  if (kb.is_place_head(w)) k |= kPlaceHead;
  if ((cap || w.size() <= 4) && kb.is_org_suffix(w)) k |= kOrgSuffix;
  if ((cap || w.size() <= 4) && kb.is_name_particle(w)) k |= kNameParticle;
  if (cap) {
    if (kb.demonym(w)) k |= kDemonym;
    if (kb.is_given_name(w)) k |= kGivenName;
    if (kb.is_common_word(lower)) k |= kCommonWord;
    if (kb.is_never_entity(w)) k |= kNeverEntity;
    if (kb.is_place_prefix(w)) k |= kPlacePrefix;
  }
  return k;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Per-document feature extraction. The per-token arrays of the workspace hold the tokens from
// ws.first on: index k there is token ws.first + k of the document.

/// Finds the gazetteer phrases of one sentence [b, e): phrases start and end at a capitalised
/// word and hold no lower-case word or punctuation of more than four bytes, nor more than two
/// such tokens in a row ("Bosnia and Herzegovina", "Bank of England"); `titled` matches
/// headline words by their title-cased forms.
void match_gazetteer(const Segmentation& seg, std::size_t b, std::size_t e, bool titled, const Knowledge& kb,
                     KnowledgeCache& cache, Workspace& ws) {
  const std::size_t max_len = kb.max_entity_tokens();
  const std::size_t o = ws.first;
  const auto word = [&](std::size_t i) -> std::string_view {
    if (titled && ws.titled_at[i - o] != kNone)
      return {ws.titled.data() + ws.titled_at[i - o], ws.titled_len[i - o]};
    return seg.tokens[i].text;
  };
  for (std::size_t s = b; s < e; ++s) {
    const std::uint8_t cc = ws.info[s - o].cc;
    const bool starts =
        titled ? (cc == kAllCaps || cc == kInitCap) : (cc == kInitCap || cc == kAllCaps || cc == kMixedCase);
    if (!starts) continue;
    ws.phrase.clear();
    std::size_t small_run = 0;
    for (std::size_t len = 1; len <= max_len && s + len <= e; ++len) {
      const std::size_t t = s + len - 1;
      const std::uint8_t tc = ws.info[t - o].cc;
      const bool capital = tc == kInitCap || tc == kAllCaps || tc == kMixedCase;
      if (len > 1) {
        if (capital) {
          small_run = 0;
        } else if (seg.tokens[t].text.size() > 4 || ++small_run > 2) {
          break;
        }
        ws.phrase += ' ';
      }
      const std::string_view w = word(t);
      ws.phrase.append(w.data(), w.size());
      if (!capital) continue;
      bool extends = false;
      if (const LexiconEntry* entry = cache.entity(ws.phrase, extends)) {
        ws.matches.push_back(
            {static_cast<std::uint32_t>(s - o), static_cast<std::uint32_t>(len), entry, titled});
      }
      if (!extends) break;  // no longer name starts with these words
    }
  }
}

/// Empties the word table and what it knows of each word; `expected` sizes the table.
void reset_words(std::size_t expected, Workspace& ws) {
  ws.words.reset(expected);
  ws.word_flags.clear();
  ws.mid_cap.clear();
}

/// Sizes the per-token arrays for the `count` tokens from token `first` on and empties what the
/// last ones left.
void reset_tokens(std::size_t first, std::size_t count, Workspace& ws) {
  ws.first = first;
  ws.info.resize(count);
  ws.all_caps_sentence.assign(count, 0);
  ws.sent_pos.assign(count, 0);
  ws.titled.clear();
  ws.titled_at.assign(count, kNone);
  ws.titled_len.assign(count, 0);
  DocFeatures& d = ws.doc;
  d.feats.clear();
  d.offsets.assign(count + 1, 0);
  d.dyn.assign(count, TokenDyn{});
}

/// The forms of word `w` into `f` and its case class.
CaseClass word_forms(std::string_view w, WordForms& f) {
  f.lower_len = f.title_len = f.sshape_len = 0;
  f.uppers = f.lowers = f.digits = 0;
  f.first_upper = false;
  analyse(w, f);
  return case_class(f);
}

/// The id of the word of `tok` (FNV hash `h`, forms `f`, case class `cc`); a new word gets the
/// next id and its word lists.
std::uint32_t intern_word(const Token& tok, std::uint64_t h, const WordForms& f, CaseClass cc,
                          KnowledgeCache& cache, Workspace& ws) {
  bool fresh = false;
  const std::uint32_t id = ws.words.intern(h, fresh);
  if (fresh) {
    ws.word_flags.push_back(tok.kind == TokenKind::Word ? cache.flags(tok.text, h, f, cc) : 0);
    ws.mid_cap.push_back(0);
  }
  return id;
}

/// A headline has capitals and no lower-case letter at all (not even in "1990s"): true when the
/// case classes `cc(i)` of tokens [b, e) say so.
template <class CaseOf>
bool all_caps(std::size_t b, std::size_t e, CaseOf&& cc) {
  bool lower_seen = false, upper_seen = false;
  for (std::size_t i = b; i < e; ++i) {
    const std::uint8_t c = cc(i);
    if (c == kLowerCase || c == kMixedCase) lower_seen = true;
    if (c == kInitCap || c == kAllCaps || c == kMixedCase) upper_seen = true;
  }
  return upper_seen && !lower_seen;
}

/// Calls f(i, position) for the tokens i of [b, e), `position` counting the words and numbers
/// before i from b on, capped at 3.
template <class F>
void for_each_position(const Segmentation& seg, std::size_t b, std::size_t e, F&& f) {
  std::size_t words = 0;
  for (std::size_t i = b; i < e; ++i) {
    f(i, static_cast<std::uint8_t>(std::min<std::size_t>(words, 3)));
    if (seg.tokens[i].kind != TokenKind::Punct) ++words;
  }
}

/// Pass 1: forms, hashes, word ids, word lists (once per distinct word). Word ids are given
/// here when `intern`, else they are taken from ws.word_ids (prepare_document()). The words'
/// hashes come first, so that their memo slots are on their way while the rest is computed.
void analyse_tokens(const Segmentation& seg, bool intern, KnowledgeCache& cache, Workspace& ws) {
  const std::size_t n = ws.info.size(), o = ws.first;
  DocFeatures& d = ws.doc;
  for (std::size_t i = 0; i < n; ++i) {
    ws.info[i].word = hash::fnv1a(seg.tokens[o + i].text);
    cache.prefetch(ws.info[i].word);
  }
  WordForms f;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& tok = seg.tokens[o + i];
    TokenInfo& ti = ws.info[i];
    const CaseClass cc = word_forms(tok.text, f);
    ti.cc = cc;
    ti.kind = static_cast<std::uint8_t>(tok.kind);
    ti.lower = hash::fnv1a({f.lower, f.lower_len});
    ti.sshape = hash::fnv1a({f.sshape, f.sshape_len});
    // Prefixes and suffixes of 3 and 4 bytes of the lower case, shorter than the word.
    ti.naffix = 0;
    if (tok.kind == TokenKind::Word) {
      for (std::size_t k = 3; k <= 4 && k < f.lower_len; ++k) {
        ti.pre[ti.naffix] = hash::fnv1a({f.lower, k});
        ti.suf[ti.naffix] = hash::fnv1a({f.lower + f.lower_len - k, k});
        ++ti.naffix;
      }
    }
    ti.title = 0;
    if (cc == kAllCaps && !f.truncated) {
      ti.title = hash::fnv1a({f.title, f.title_len});
      ws.titled_at[i] = static_cast<std::uint32_t>(ws.titled.size());
      ws.titled_len[i] = static_cast<std::uint8_t>(f.title_len);
      ws.titled.append(f.title, f.title_len);
    }
    ti.word_id = intern ? intern_word(tok, ti.word, f, cc, cache, ws) : ws.word_ids[o + i];
    ti.kflags = ws.word_flags[ti.word_id];
    TokenDyn& dy = d.dyn[i];
    dy.lower = ti.lower;
    dy.sshape = ti.sshape;
    dy.word_id = ti.word_id;
  }
}

/// True when sentence features are wanted for a sentence that is all-caps (`acs`) or not:
/// `headlines` 1 wants the all-caps ones, 0 the others, -1 all.
bool wanted(int headlines, bool acs) { return headlines < 0 || acs == (headlines == 1); }

/// Pass 2, over sentences [first, last): all-caps flag, positions, mid-sentence capitals, and
/// the gazetteer phrases of the sentences `headlines` wants (see wanted()).
void scan_sentences(const Segmentation& seg, std::size_t first, std::size_t last, int headlines,
                    const Knowledge& kb, KnowledgeCache& cache, Workspace& ws) {
  DocFeatures& d = ws.doc;
  const std::size_t o = ws.first;
  ws.matches.clear();
  for (std::size_t si = first; si < last; ++si) {
    const Sentence& s = seg.sentences[si];
    const bool acs = all_caps(s.first_token, s.last_token, [&](std::size_t i) { return ws.info[i - o].cc; });
    for_each_position(seg, s.first_token, s.last_token, [&](std::size_t i, std::uint8_t position) {
      const std::size_t k = i - o;
      ws.all_caps_sentence[k] = acs;
      ws.sent_pos[k] = position;
      const TokenInfo& ti = ws.info[k];
      if (!acs && position > 0 && (ti.cc == kInitCap || ti.cc == kAllCaps)) ws.mid_cap[ti.word_id] = 1;
      d.dyn[k].sent_start = i == s.first_token;
      d.dyn[k].sent_end = i + 1 == s.last_token;
      d.dyn[k].headline = acs;
    });
    if (!wanted(headlines, acs)) continue;
    match_gazetteer(seg, s.first_token, s.last_token, false, kb, cache, ws);
    if (acs) match_gazetteer(seg, s.first_token, s.last_token, true, kb, cache, ws);
  }
}

/// The gazetteer feature hashes of every token (ws.gaz), from the phrases pass 2 found: longest
/// phrases first, so that each token keeps its most specific matches.
void gazetteer_features(std::size_t n, Workspace& ws) {
  std::sort(ws.matches.begin(), ws.matches.end(), [](const GazMatch& a, const GazMatch& b) {
    if (a.len != b.len) return a.len > b.len;
    if (a.start != b.start) return a.start < b.start;
    return a.titled < b.titled;
  });
  ws.gaz.assign(n * kMaxGaz, 0);
  ws.gaz_count.assign(n, 0);
  for (const GazMatch& m : ws.matches) {
    const std::uint64_t kind = hash::fnv1a(m.entry->kind());
    const auto type = static_cast<std::uint64_t>(m.entry->type());
    for (std::uint32_t k = 0; k < m.len; ++k) {
      const std::size_t i = m.start + k;
      if (std::size_t{ws.gaz_count[i]} + 2 > kMaxGaz) continue;
      const std::uint64_t pos = m.len == 1 ? 3 : k == 0 ? 0 : k + 1 == m.len ? 2 : 1;
      std::uint64_t* g = &ws.gaz[i * kMaxGaz + ws.gaz_count[i]];
      g[0] = mix(mix(mix(mix(tpl(kGaz), pos), type), kind), m.titled);
      g[1] = mix(mix(tpl(kGazCoarse), pos), type);
      ws.gaz_count[i] = static_cast<std::uint8_t>(ws.gaz_count[i] + 2);
    }
  }
}

/// Version 2: the runs of capitalised words in sentences [first, last), each joined across
/// "of", "and", "&" when a capitalised word follows ("Bank of England"): run_first/run_last of
/// each token in one, as indices of the per-token arrays.
void find_name_runs(const Segmentation& seg, std::size_t first, std::size_t last, const Workspace& ws,
                    std::vector<std::uint32_t>& run_first, std::vector<std::uint32_t>& run_last) {
  const std::size_t n = ws.info.size(), o = ws.first;
  run_first.assign(n, kNone);
  run_last.assign(n, kNone);
  const auto capitalised = [&](std::size_t i) {
    const TokenInfo& ti = ws.info[i - o];
    return ti.kind == static_cast<std::uint8_t>(TokenKind::Word) &&
           (ti.cc == kInitCap || ti.cc == kAllCaps || ti.cc == kMixedCase);
  };
  const auto connector = [&](std::size_t i) {
    const std::string_view w = seg.tokens[i].text;
    return w == "of" || w == "and" || w == "&";
  };
  for (std::size_t si = first; si < last; ++si) {
    const Sentence& s = seg.sentences[si];
    std::size_t i = s.first_token;
    while (i < s.last_token) {
      if (!capitalised(i)) {
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < s.last_token &&
             (capitalised(j) || (connector(j) && j + 1 < s.last_token && capitalised(j + 1))))
        ++j;
      for (std::size_t k = i; k < j; ++k) {
        run_first[k - o] = static_cast<std::uint32_t>(i - o);
        run_last[k - o] = static_cast<std::uint32_t>(j - o);
      }
      i = j;
    }
  }
}

/// Pass 3: emits the static features of the tokens of the sentences `headlines` wants (see
/// wanted()) into ws.doc; the other tokens get none.
void emit_features(const Segmentation& seg, std::size_t first_sentence, int headlines, unsigned bits,
                   std::uint32_t templates, bool domain_copy, const std::vector<std::uint32_t>& run_first,
                   const std::vector<std::uint32_t>& run_last, Workspace& ws) {
  const std::size_t n = ws.info.size(), o = ws.first;
  DocFeatures& d = ws.doc;
  static const std::uint64_t kPad[2] = {hash::fnv1a("<S>"), hash::fnv1a("</S>")};
  std::size_t sent = first_sentence;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = o + k;  // the token in the document
    while (sent + 1 < seg.sentences.size() && seg.sentences[sent].last_token <= i) ++sent;
    const std::size_t sb = seg.sentences.empty() ? 0 : seg.sentences[sent].first_token;
    const std::size_t se = seg.sentences.empty() ? seg.tokens.size() : seg.sentences[sent].last_token;
    const TokenInfo& ti = ws.info[k];
    const auto at = [&](int off) -> const TokenInfo* {
      const auto j = static_cast<std::ptrdiff_t>(i) + off;
      if (j < static_cast<std::ptrdiff_t>(sb) || j >= static_cast<std::ptrdiff_t>(se)) return nullptr;
      return &ws.info[static_cast<std::size_t>(j) - o];
    };
    const auto lower_at = [&](int off) {
      const TokenInfo* t = at(off);
      return t ? t->lower : kPad[off > 0];
    };
    const auto sshape_at = [&](int off) {
      const TokenInfo* t = at(off);
      return t ? t->sshape : kPad[off > 0];
    };
    d.offsets[k] = static_cast<std::uint32_t>(d.feats.size());
    d.dyn[k].title_id = kNone;
    const bool acs = ws.all_caps_sentence[k];
    if (!wanted(headlines, acs)) continue;
    const auto emit = [&](std::uint64_t h) {
      d.feats.push_back(bucket(h, bits));
      if (domain_copy) d.feats.push_back(bucket(mix(h, kDomainSalt), bits));
    };

    emit(mix(tpl(kWord0), ti.word));
    emit(mix(tpl(kLower, 2), ti.lower));
    emit(mix(mix(tpl(kBigramPrev), lower_at(-1)), ti.lower));
    emit(mix(mix(tpl(kBigramNext), ti.lower), lower_at(1)));
    emit(tpl(kBias));
    for (int off : {-2, -1, 1, 2}) emit(mix(tpl(kLower, static_cast<std::uint64_t>(off + 2)), lower_at(off)));
    for (int off = -1; off <= 1; ++off)
      emit(mix(tpl(kSShape, static_cast<std::uint64_t>(off + 2)), sshape_at(off)));
    for (std::uint8_t a = 0; a < ti.naffix; ++a) {
      emit(mix(tpl(kPrefix, a), ti.pre[a]));
      emit(mix(tpl(kSuffix, a), ti.suf[a]));
    }
    emit(mix(mix(tpl(kSShapePrevWord), ti.sshape), lower_at(-1)));
    emit(mix(mix(tpl(kSShapeNextWord), ti.sshape), lower_at(1)));
    emit(mix(mix(mix(tpl(kShapeTrigram), sshape_at(-1)), ti.sshape), sshape_at(1)));
    emit(mix(mix(tpl(kSentPos), ws.sent_pos[k]), ti.sshape));
    if (acs) {
      emit(mix(mix(tpl(kAllCapsShape), ti.sshape), ws.sent_pos[k]));
      emit(mix(tpl(kAllCapsWord), ti.lower));
    }
    // Document-level capitalisation evidence.
    const bool cap = ti.cc == kInitCap || ti.cc == kAllCaps || ti.cc == kMixedCase;
    if (cap && ti.lower != ti.word) {
      emit(mix(tpl(kLowerElsewhere), ws.words.find(ti.lower) != kNone));
    }
    if (cap && (ws.sent_pos[k] == 0 || acs)) {
      emit(mix(mix(tpl(kCapMidElsewhere), ws.mid_cap[ti.word_id]), acs));
    }
    if (acs && ti.title != 0) {
      const std::uint32_t tid = ws.words.find(ti.title);
      const bool found = tid != kNone && tid != ti.word_id;
      if (found) d.dyn[k].title_id = tid;
      emit(mix(mix(tpl(kTitleFormElsewhere), found), found && ws.mid_cap[tid]));
    }
    // Word lists, here and around.
    for (int off = -2; off <= 2; ++off) {
      const TokenInfo* t = at(off);
      if (!t || !t->kflags) continue;
      for (int b = 0; b < kKnowFlagCount; ++b) {
        if (t->kflags & (1u << b)) {
          emit(mix(tpl(kKnow, static_cast<std::uint64_t>(off + 2)), static_cast<std::uint64_t>(b)));
        }
      }
    }
    emit(mix(mix(tpl(kKnowSet), ti.kflags), ti.sshape));
    for (std::uint8_t g = 0; g < ws.gaz_count[k]; ++g) emit(ws.gaz[k * kMaxGaz + g]);
    if (templates >= kExtendedTemplateVersion) {
      emit(mix(tpl(kFar, 0), lower_at(-3)));
      emit(mix(tpl(kFar, 1), lower_at(3)));
      if (run_first[k] != kNone) {
        const std::size_t first = run_first[k], last = run_last[k];
        const std::uint64_t pos = first + 1 == last ? 3 : k == first ? 0 : k + 1 == last ? 2 : 1;
        emit(mix(mix(tpl(kRunHead), pos), ws.info[last - 1].lower));
        emit(mix(mix(tpl(kRunFirst), pos), ws.info[first].lower));
        emit(mix(mix(tpl(kRunHeadKnow), pos), ws.info[last - 1].kflags));
        emit(mix(mix(mix(tpl(kRunLength), std::min<std::size_t>(last - first, 5)), pos), ti.sshape));
      }
    }
  }
  d.offsets[n] = static_cast<std::uint32_t>(d.feats.size());
  d.word_count = ws.words.size();
}

/// Passes 2 and 3 over sentences [first, last), whose tokens pass 1 has analysed.
void sentence_features(const Segmentation& seg, const Knowledge& kb, unsigned bits, std::uint32_t templates,
                       bool target_domain, std::size_t first, std::size_t last, int headlines,
                       Workspace& ws) {
  const bool domain_copy = templates >= kDomainTemplateVersion && target_domain;
  scan_sentences(seg, first, last, headlines, kb, ws.cache, ws);
  gazetteer_features(ws.info.size(), ws);
  std::vector<std::uint32_t> run_first, run_last;
  if (templates >= kExtendedTemplateVersion) find_name_runs(seg, first, last, ws, run_first, run_last);
  emit_features(seg, first, headlines, bits, templates, domain_copy, run_first, run_last, ws);
}

}  // namespace

void extract_features(const Segmentation& seg, const Knowledge& kb, unsigned bits, std::uint32_t templates,
                      bool target_domain, Workspace& ws) {
  const std::size_t n = seg.tokens.size();
  ws.cache.bind(kb);
  reset_words(n, ws);
  reset_tokens(0, n, ws);
  analyse_tokens(seg, /*intern=*/true, ws.cache, ws);
  sentence_features(seg, kb, bits, templates, target_domain, 0, seg.sentences.size(), -1, ws);
}

void prepare_document(const Segmentation& seg, const Knowledge& kb, Workspace& ws) {
  const std::size_t n = seg.tokens.size();
  ws.cache.bind(kb);
  reset_words(std::min<std::size_t>(n, std::size_t{1} << 16), ws);
  ws.word_ids.resize(n);
  std::vector<std::uint8_t> cc(n);
  WordForms f;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& tok = seg.tokens[i];
    const std::uint64_t h = hash::fnv1a(tok.text);
    const CaseClass c = word_forms(tok.text, f);
    cc[i] = c;
    ws.word_ids[i] = intern_word(tok, h, f, c, ws.cache, ws);
  }
  // As scan_sentences() marks them.
  ws.headlines.assign(seg.sentences.size(), 0);
  for (std::size_t si = 0; si < seg.sentences.size(); ++si) {
    const Sentence& s = seg.sentences[si];
    const bool acs = all_caps(s.first_token, s.last_token, [&](std::size_t i) { return cc[i]; });
    ws.headlines[si] = acs ? 1 : 0;
    if (acs) continue;
    for_each_position(seg, s.first_token, s.last_token, [&](std::size_t i, std::uint8_t position) {
      if (position > 0 && (cc[i] == kInitCap || cc[i] == kAllCaps)) ws.mid_cap[ws.word_ids[i]] = 1;
    });
  }
}

void extract_sentences(const Segmentation& seg, const Knowledge& kb, unsigned bits, std::uint32_t templates,
                       bool target_domain, std::size_t first, std::size_t last, int headlines,
                       Workspace& ws) {
  const std::size_t b = seg.sentences[first].first_token, e = seg.sentences[last - 1].last_token;
  reset_tokens(b, e - b, ws);
  analyse_tokens(seg, /*intern=*/false, ws.cache, ws);
  sentence_features(seg, kb, bits, templates, target_domain, first, last, headlines, ws);
}

}  // namespace newsgraph::ner_detail
