// The features of a mention pair (pair_features.hpp).
//
// Features of an ordered pair (head, tail) in one sentence, each also joined with the pair's
// types where marked (+t): the types and their order; the lower-case words between the two
// mentions (+t; at most the first and last six) and their bigrams; the first and the last word
// between (+t); the number of tokens between, bucketed (+t); how many other mentions lie between;
// the word before the first mention and after the second; the last word of each mention (+t);
// titles between ("president", "chairman": Knowledge::is_title).
#include "relations/pair_features.hpp"

#include <algorithm>

#include "text/token_text.hpp"

namespace newsgraph::relations {
namespace {

constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  return (a ^ (b + 0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2))) * 0xBF58476D1CE4E5B9ULL;
}
std::uint32_t bucket(std::uint64_t h) {
  return static_cast<std::uint32_t>((h * 0x9E3779B97F4A7C15ULL) >> (64 - kBits));
}

bool eligible(const Mention& m) {
  return !m.attached &&
         (m.type == EntityType::Person || m.type == EntityType::Organization || m.type == EntityType::Place);
}

/// The sentence index of each token.
std::vector<std::size_t> sentence_of_tokens(const Segmentation& seg) {
  std::vector<std::size_t> out(seg.tokens.size(), 0);
  for (std::size_t s = 0; s < seg.sentences.size(); ++s)
    for (std::size_t t = seg.sentences[s].first_token; t < seg.sentences[s].last_token; ++t) out[t] = s;
  return out;
}

}  // namespace

std::uint64_t TokenCache::known(std::size_t first, std::size_t last) {
  const LexiconEntry* e = kb_.entity(text::join_tokens(seg_, first, last));
  if (e == nullptr) return 0;
  return mix(static_cast<std::uint64_t>(e->type()) + 11, hash::fnv1a(e->kind()));
}

std::string TokenCache::country(std::size_t first, std::size_t last) {
  const LexiconEntry* e = kb_.entity(text::join_tokens(seg_, first, last));
  return e == nullptr ? std::string() : std::string(e->country_code());
}

void pair_features(TokenCache& tc, const std::vector<Mention>& ms,
                   const std::vector<std::size_t>& eligible_before, std::size_t a, std::size_t b,
                   std::vector<std::uint32_t>& out) {
  out.clear();
  const Segmentation& seg = tc.seg();
  const Mention& h = ms[a];
  const Mention& t = ms[b];
  const bool forward = h.first_token < t.first_token;
  const Mention& left = forward ? h : t;
  const Mention& right = forward ? t : h;
  const std::uint64_t types = mix(
      mix(static_cast<std::uint64_t>(h.type) + 1, static_cast<std::uint64_t>(t.type) + 7), forward ? 1 : 2);
  const auto emit = [&](std::uint64_t tpl, std::uint64_t v) { out.push_back(bucket(mix(tpl, v))); };
  const auto emit_typed = [&](std::uint64_t tpl, std::uint64_t v) {
    emit(tpl, v);
    emit(tpl + 1000, mix(v, types));
  };
  emit(1, types);
  const std::size_t from = left.last_token, to = right.first_token;
  const std::size_t between = to > from ? to - from : 0;
  static const std::size_t kDist[] = {0, 1, 2, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6};
  emit_typed(2, between < 13 ? kDist[between] : 7);
  std::uint64_t prev = 0;
  for (std::size_t i = from; i < to; ++i) {
    const bool near = i < from + 6 || i + 6 >= to;
    const std::uint64_t w = tc.lower(i);
    if (near) emit_typed(3, w);
    if (i > from) emit(4, mix(prev, w));
    if (tc.title(i)) emit_typed(5, 1);
    prev = w;
  }
  if (between > 0) {
    emit_typed(6, tc.lower(from));
    emit_typed(7, tc.lower(to - 1));
  } else {
    emit_typed(6, 0);
  }
  // Eligible mentions strictly between the two, by index (mentions are sorted by position).
  const std::size_t lo = std::min(a, b), hi = std::max(a, b);
  const std::size_t inside = eligible_before[hi] - eligible_before[lo + 1];
  emit_typed(8, std::min<std::size_t>(inside, 2));
  emit(9, left.first_token > 0 ? tc.lower(left.first_token - 1) : 0);
  emit(10, right.last_token < seg.tokens.size() ? tc.lower(right.last_token) : 0);
  emit_typed(11, tc.lower(h.last_token - 1));
  emit_typed(12, tc.lower(t.last_token - 1));
  // The first word of each mention ("president" of a CoNLL04 "President Lincoln") and every
  // word inside it, by role.
  emit_typed(13, tc.lower(h.first_token));
  emit_typed(14, tc.lower(t.first_token));
  for (std::size_t i = h.first_token; i < h.last_token; ++i) emit(15, tc.lower(i));
  for (std::size_t i = t.first_token; i < t.last_token; ++i) emit(16, tc.lower(i));
  // What the gazetteer knows of each argument, alone and together, and whether two known
  // places lie in the same country ("Anchorage" in "Alaska").
  const std::uint64_t kh = tc.known(h.first_token, h.last_token), kt = tc.known(t.first_token, t.last_token);
  emit_typed(17, kh);
  emit_typed(18, kt);
  emit(19, mix(mix(kh, kt), types));
  if (kh != 0 && kt != 0) {
    const std::string ch = tc.country(h.first_token, h.last_token),
                      ct = tc.country(t.first_token, t.last_token);
    emit(20, mix(mix(kh, kt), !ch.empty() && ch == ct ? 1 : 2));
  }
  // The words between in full when they are few ("," of "Boise , Idaho"; "of the" ...).
  if (between <= 4) {
    std::uint64_t seq = 0;
    for (std::size_t i = from; i < to; ++i) seq = mix(seq, tc.lower(i));
    emit_typed(21, mix(seq, between));
  }
  // Two words either side of the pair.
  emit(22, left.first_token > 1 ? mix(tc.lower(left.first_token - 2), tc.lower(left.first_token - 1)) : 0);
  emit(23, right.last_token + 1 < seg.tokens.size()
               ? mix(tc.lower(right.last_token), tc.lower(right.last_token + 1))
               : 0);
}

std::vector<std::size_t> count_eligible(const std::vector<Mention>& ms) {
  std::vector<std::size_t> out(ms.size() + 1, 0);
  for (std::size_t i = 0; i < ms.size(); ++i) out[i + 1] = out[i] + (eligible(ms[i]) ? 1 : 0);
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> candidate_pairs(const Segmentation& seg,
                                                                 const std::vector<Mention>& ms) {
  const std::vector<std::size_t> sent = sentence_of_tokens(seg);
  const auto usable = [&](const Mention& m) {
    return eligible(m) && m.first_token < m.last_token && m.last_token <= seg.tokens.size();
  };
  // The usable mentions by (sentence, first token), so that the partners of a mention are
  // looked for only among those of its sentence that start near it: b can pair with a only
  // when first_b is in [last_a, last_a + kMaxBetween], or when last_b is in
  // [first_a - kMaxBetween, first_a], i.e. first_b >= first_a - kMaxBetween - (the longest
  // mention of the sentence). Time is linear in the mentions for sentences of any length.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < ms.size(); ++i)
    if (usable(ms[i])) order.push_back(i);
  const auto position = [&](std::size_t i) {
    return std::make_pair(sent[ms[i].first_token], ms[i].first_token);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return position(x) < position(y); });
  std::vector<std::size_t> rank(ms.size(), 0);            // where each usable mention is in `order`
  std::vector<std::size_t> group_begin(order.size(), 0);  // where its sentence's run starts
  std::vector<std::size_t> group_end(order.size(), 0);
  std::vector<std::size_t> longest(order.size(), 0);  // its sentence's longest usable mention
  for (std::size_t g = 0; g < order.size();) {
    std::size_t h = g, width = 0;
    for (; h < order.size() && sent[ms[order[h]].first_token] == sent[ms[order[g]].first_token]; ++h)
      width = std::max(width, ms[order[h]].last_token - ms[order[h]].first_token);
    for (std::size_t k = g; k < h; ++k) {
      rank[order[k]] = k;
      group_begin[k] = g;
      group_end[k] = h;
      longest[k] = width;
    }
    g = h;
  }

  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::vector<std::size_t> partners;
  for (std::size_t a = 0; a < ms.size(); ++a) {
    if (!usable(ms[a])) continue;
    const std::size_t k = rank[a];
    const std::size_t reach = kMaxBetween + longest[k];
    const std::size_t low = ms[a].first_token > reach ? ms[a].first_token - reach : 0;
    const std::size_t high = ms[a].last_token + kMaxBetween;
    const auto begin = order.begin() + static_cast<std::ptrdiff_t>(group_begin[k]);
    const auto end = order.begin() + static_cast<std::ptrdiff_t>(group_end[k]);
    auto it = std::lower_bound(begin, end, low,
                               [&](std::size_t x, std::size_t v) { return ms[x].first_token < v; });
    partners.clear();
    for (; it != end && ms[*it].first_token <= high; ++it) {
      const std::size_t b = *it;
      if (a == b) continue;
      const std::size_t gap = ms[a].first_token < ms[b].first_token ? ms[b].first_token - ms[a].last_token
                                                                    : ms[a].first_token - ms[b].last_token;
      if (gap > kMaxBetween) continue;
      const bool overlap = ms[a].first_token < ms[b].last_token && ms[b].first_token < ms[a].last_token;
      if (!overlap) partners.push_back(b);
    }
    // Pairs in index order, as a scan over all mentions gives them.
    std::sort(partners.begin(), partners.end());
    for (std::size_t b : partners) out.emplace_back(a, b);
  }
  return out;
}

std::uint32_t allowed_labels(EntityType h, EntityType t) {
  std::uint32_t bits = 1;  // None
  for (std::size_t l = 1; l < kLabels; ++l)
    if (label_fits(static_cast<PairLabel>(l), h, t)) bits |= 1u << l;
  return bits;
}

}  // namespace newsgraph::relations
