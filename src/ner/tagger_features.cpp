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
// Per-document feature extraction.

/// Finds the gazetteer phrases of one sentence [b, e): phrases start and end at a capitalised
/// word and hold no lower-case word or punctuation of more than four bytes, nor more than two
/// such tokens in a row ("Bosnia and Herzegovina", "Bank of England"); `titled` matches
/// headline words by their title-cased forms.
void match_gazetteer(const Segmentation& seg, std::size_t b, std::size_t e, bool titled, const Knowledge& kb,
                     KnowledgeCache& cache, Workspace& ws) {
  const std::size_t max_len = kb.max_entity_tokens();
  const auto word = [&](std::size_t i) -> std::string_view {
    if (titled && ws.titled_at[i] != kNone) return {ws.titled.data() + ws.titled_at[i], ws.titled_len[i]};
    return seg.tokens[i].text;
  };
  for (std::size_t s = b; s < e; ++s) {
    const std::uint8_t cc = ws.info[s].cc;
    const bool starts =
        titled ? (cc == kAllCaps || cc == kInitCap) : (cc == kInitCap || cc == kAllCaps || cc == kMixedCase);
    if (!starts) continue;
    ws.phrase.clear();
    std::size_t small_run = 0;
    for (std::size_t len = 1; len <= max_len && s + len <= e; ++len) {
      const std::size_t t = s + len - 1;
      const std::uint8_t tc = ws.info[t].cc;
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
        ws.matches.push_back({static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(len), entry, titled});
      }
      if (!extends) break;  // no longer name starts with these words
    }
  }
}

/// Sizes the workspace for the `n` tokens of a new document and empties what the last one left.
void reset_workspace(std::size_t n, Workspace& ws) {
  ws.info.resize(n);
  ws.words.reset(n);
  ws.word_flags.clear();
  ws.mid_cap.clear();
  ws.all_caps_sentence.assign(n, 0);
  ws.sent_pos.assign(n, 0);
  ws.titled.clear();
  ws.titled_at.assign(n, kNone);
  ws.titled_len.assign(n, 0);
  DocFeatures& d = ws.doc;
  d.feats.clear();
  d.offsets.assign(n + 1, 0);
  d.dyn.assign(n, TokenDyn{});
}

/// Pass 1: forms, hashes, word ids, word lists (once per distinct word). The words' hashes
/// come first, so that their memo slots are on their way while the rest is computed.
void analyse_tokens(const Segmentation& seg, KnowledgeCache& cache, Workspace& ws) {
  const std::size_t n = seg.tokens.size();
  DocFeatures& d = ws.doc;
  for (std::size_t i = 0; i < n; ++i) {
    ws.info[i].word = hash::fnv1a(seg.tokens[i].text);
    cache.prefetch(ws.info[i].word);
  }
  WordForms f;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& tok = seg.tokens[i];
    TokenInfo& ti = ws.info[i];
    f.lower_len = f.title_len = f.sshape_len = 0;
    f.uppers = f.lowers = f.digits = 0;
    f.first_upper = false;
    analyse(tok.text, f);
    const CaseClass cc = case_class(f);
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
    bool fresh = false;
    ti.word_id = ws.words.intern(ti.word, fresh);
    if (fresh) {
      ws.word_flags.push_back(tok.kind == TokenKind::Word ? cache.flags(tok.text, ti.word, f, cc) : 0);
      ws.mid_cap.push_back(0);
    }
    ti.kflags = ws.word_flags[ti.word_id];
    TokenDyn& dy = d.dyn[i];
    dy.lower = ti.lower;
    dy.sshape = ti.sshape;
    dy.word_id = ti.word_id;
  }
}

/// Pass 2: sentences: all-caps flag, positions, mid-sentence capitals, gazetteer phrases.
void scan_sentences(const Segmentation& seg, const Knowledge& kb, KnowledgeCache& cache, Workspace& ws) {
  DocFeatures& d = ws.doc;
  ws.matches.clear();
  for (const Sentence& s : seg.sentences) {
    // A headline has capitals and no lower-case letter at all (not even in "1990s").
    bool lower_seen = false, upper_seen = false;
    for (std::size_t i = s.first_token; i < s.last_token; ++i) {
      const std::uint8_t cc = ws.info[i].cc;
      if (cc == kLowerCase || cc == kMixedCase) lower_seen = true;
      if (cc == kInitCap || cc == kAllCaps || cc == kMixedCase) upper_seen = true;
    }
    const bool acs = upper_seen && !lower_seen;
    std::size_t words = 0;
    for (std::size_t i = s.first_token; i < s.last_token; ++i) {
      ws.all_caps_sentence[i] = acs;
      ws.sent_pos[i] = static_cast<std::uint8_t>(std::min<std::size_t>(words, 3));
      const TokenInfo& ti = ws.info[i];
      if (ti.kind != static_cast<std::uint8_t>(TokenKind::Punct)) ++words;
      if (!acs && ws.sent_pos[i] > 0 && (ti.cc == kInitCap || ti.cc == kAllCaps)) ws.mid_cap[ti.word_id] = 1;
      d.dyn[i].sent_start = i == s.first_token;
      d.dyn[i].sent_end = i + 1 == s.last_token;
      d.dyn[i].headline = acs;
    }
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

/// Version 2: the runs of capitalised words, each joined across "of", "and", "&" when a
/// capitalised word follows ("Bank of England"): run_first/run_last of each token in one.
void find_name_runs(const Segmentation& seg, const Workspace& ws, std::vector<std::uint32_t>& run_first,
                    std::vector<std::uint32_t>& run_last) {
  const std::size_t n = seg.tokens.size();
  run_first.assign(n, kNone);
  run_last.assign(n, kNone);
  const auto capitalised = [&](std::size_t i) {
    return ws.info[i].kind == static_cast<std::uint8_t>(TokenKind::Word) &&
           (ws.info[i].cc == kInitCap || ws.info[i].cc == kAllCaps || ws.info[i].cc == kMixedCase);
  };
  const auto connector = [&](std::size_t i) {
    const std::string_view w = seg.tokens[i].text;
    return w == "of" || w == "and" || w == "&";
  };
  for (const Sentence& s : seg.sentences) {
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
        run_first[k] = static_cast<std::uint32_t>(i);
        run_last[k] = static_cast<std::uint32_t>(j);
      }
      i = j;
    }
  }
}

/// Pass 3: emits the static features of every token into ws.doc.
void emit_features(const Segmentation& seg, unsigned bits, std::uint32_t templates, bool domain_copy,
                   const std::vector<std::uint32_t>& run_first, const std::vector<std::uint32_t>& run_last,
                   Workspace& ws) {
  const std::size_t n = seg.tokens.size();
  DocFeatures& d = ws.doc;
  static const std::uint64_t kPad[2] = {hash::fnv1a("<S>"), hash::fnv1a("</S>")};
  std::size_t sent = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (sent + 1 < seg.sentences.size() && seg.sentences[sent].last_token <= i) ++sent;
    const std::size_t sb = seg.sentences.empty() ? 0 : seg.sentences[sent].first_token;
    const std::size_t se = seg.sentences.empty() ? n : seg.sentences[sent].last_token;
    const TokenInfo& ti = ws.info[i];
    const auto at = [&](int off) -> const TokenInfo* {
      const auto j = static_cast<std::ptrdiff_t>(i) + off;
      if (j < static_cast<std::ptrdiff_t>(sb) || j >= static_cast<std::ptrdiff_t>(se)) return nullptr;
      return &ws.info[static_cast<std::size_t>(j)];
    };
    const auto lower_at = [&](int off) {
      const TokenInfo* t = at(off);
      return t ? t->lower : kPad[off > 0];
    };
    const auto sshape_at = [&](int off) {
      const TokenInfo* t = at(off);
      return t ? t->sshape : kPad[off > 0];
    };
    d.offsets[i] = static_cast<std::uint32_t>(d.feats.size());
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
    for (std::uint8_t k = 0; k < ti.naffix; ++k) {
      emit(mix(tpl(kPrefix, k), ti.pre[k]));
      emit(mix(tpl(kSuffix, k), ti.suf[k]));
    }
    emit(mix(mix(tpl(kSShapePrevWord), ti.sshape), lower_at(-1)));
    emit(mix(mix(tpl(kSShapeNextWord), ti.sshape), lower_at(1)));
    emit(mix(mix(mix(tpl(kShapeTrigram), sshape_at(-1)), ti.sshape), sshape_at(1)));
    emit(mix(mix(tpl(kSentPos), ws.sent_pos[i]), ti.sshape));
    const bool acs = ws.all_caps_sentence[i];
    if (acs) {
      emit(mix(mix(tpl(kAllCapsShape), ti.sshape), ws.sent_pos[i]));
      emit(mix(tpl(kAllCapsWord), ti.lower));
    }
    // Document-level capitalisation evidence.
    const bool cap = ti.cc == kInitCap || ti.cc == kAllCaps || ti.cc == kMixedCase;
    if (cap && ti.lower != ti.word) {
      emit(mix(tpl(kLowerElsewhere), ws.words.find(ti.lower) != kNone));
    }
    if (cap && (ws.sent_pos[i] == 0 || acs)) {
      emit(mix(mix(tpl(kCapMidElsewhere), ws.mid_cap[ti.word_id]), acs));
    }
    d.dyn[i].title_id = kNone;
    if (acs && ti.title != 0) {
      const std::uint32_t tid = ws.words.find(ti.title);
      const bool found = tid != kNone && tid != ti.word_id;
      if (found) d.dyn[i].title_id = tid;
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
    for (std::uint8_t k = 0; k < ws.gaz_count[i]; ++k) emit(ws.gaz[i * kMaxGaz + k]);
    if (templates >= kExtendedTemplateVersion) {
      emit(mix(tpl(kFar, 0), lower_at(-3)));
      emit(mix(tpl(kFar, 1), lower_at(3)));
      if (run_first[i] != kNone) {
        const std::size_t first = run_first[i], last = run_last[i];
        const std::uint64_t pos = first + 1 == last ? 3 : i == first ? 0 : i + 1 == last ? 2 : 1;
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

}  // namespace

void extract_features(const Segmentation& seg, const Knowledge& kb, unsigned bits, std::uint32_t templates,
                      bool target_domain, Workspace& ws) {
  const bool domain_copy = templates >= kDomainTemplateVersion && target_domain;
  const std::size_t n = seg.tokens.size();
  KnowledgeCache& cache = ws.cache;
  cache.bind(kb);
  reset_workspace(n, ws);
  analyse_tokens(seg, cache, ws);
  scan_sentences(seg, kb, cache, ws);
  gazetteer_features(n, ws);
  std::vector<std::uint32_t> run_first, run_last;
  if (templates >= kExtendedTemplateVersion) find_name_runs(seg, ws, run_first, run_last);
  emit_features(seg, bits, templates, domain_copy, run_first, run_last, ws);
}

}  // namespace newsgraph::ner_detail
