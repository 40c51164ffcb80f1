// Cross-article merge: one node per real-world entity across all articles.
//
// Rules (applied to the entities of all articles; types never mix):
//
//  1. Keys. Every name and alias of an entity gets a key for its type:
//     - Person: Knowledge::fold, then each token normalised: the endings -iy, -yy, -ii, -yi
//       become -y (tokens of four letters or more); a "y" after a vowel and not before one
//       becomes "i", the two spellings of one Cyrillic letter ("Sergey"/"Sergei",
//       "Shoygu"/"Shoigu"); then runs of a doubled letter collapse ("Zelenskiy",
//       "Zelenskyy", "Zelensky" -> "zelensky"). Roman numerals ("II", "III") are left alone
//       so regnal numbers stay distinct.
//     - Organization: a leading "The" and trailing corporate suffixes ("Inc.", "Corp.",
//       "Ltd.", "LLC", "AG", ...: Knowledge::is_org_suffix or a folded list) are dropped,
//       never the last word, then folded ("Apple Inc." == "Apple"). An acronym ("UN",
//       "U.N.") keys as its letters, so dotted and plain spellings agree.
//     - Place: the folded (already canonical) name plus the entity's country code.
//     - Quotation: the folded quote; quotations merge only with an identical folded quote.
//     A name that folds to nothing keys as its raw bytes, so such names never all merge.
//     Entities whose names have equal keys are united (union-find).
//  2. Aliases. An entity whose name or any alias has the key of another entity's name or
//     alias joins it, except one-token person names (surnames: rule 3 decides those) and
//     one-word organization aliases that are only a generic head ("Ministry", "Court").
//  3. Partial person names, decided on the clusters left by rules 1-2:
//     a. a cluster whose names have at most two tokens joins the unique cluster that has a
//        name of three or more tokens ending in one of its two-token names
//        ("Cavo Dragone" -> "Giuseppe Cavo Dragone");
//     b. then a cluster whose names are all surnames (one token, or name particles and one
//        token: "Lavrov", "von der Leyen") joins the unique cluster with a fuller name that
//        ends in that surname.
//     When two or more clusters qualify, the partial name joins none of them: a bare
//     "Smith" next to "John Smith" and "Jane Smith" cannot be attributed.
//  4. Acronyms. An organization cluster named by an acronym (2-6 capitals, optionally dotted)
//     joins the unique other organization cluster whose initials spell it: capitalised
//     words, skipping of/the/and/for/de, with each part of a hyphenated word counted
//     ("Hewlett-Packard" -> HP) or only its first part ("Co-operation" -> C). Unique or none.
//     Likewise a place cluster without a country code joins the unique place cluster of the
//     same name that has one.
//  5. Label: among the member entities' names, the one with most folded words (an acronym
//     counts as one); ties go to the most mentions, then to the byte-wise smallest.
//  6. Node: id = make_node_id(type, label) (quotations: of the quote), with clashes between
//     clusters resolved by "-2", "-3", ... in the order of their sorted names, then their
//     evidence; aliases = every other name and alias; place kind, country code and quote
//     from the first member that has one, members sorted by article then entity order.
//
// Order independence: rules 1-2 build a partition that depends only on the key relation;
// rules 3-4 decide every merge of a step on a snapshot of the partition before applying any.
// Members, labels and ids are then chosen by sorted criteria, with articles sorted by id
// (and, for repeated ids, by their content), so only the set of articles matters.

#include "newsgraph/merge.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsgraph {
namespace {

/// Disjoint sets over entity indices. The partition it holds depends only on the unions
/// made, never on their order.
class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }

 private:
  std::vector<std::size_t> parent_;
};

/// Knowledge::fold split into words, memoised (folding runs an ICU transliterator).
class Folder {
 public:
  explicit Folder(const Knowledge& kb) : kb_(kb) {}
  const std::vector<std::string>& words(const std::string& s) {
    auto it = cache_.find(s);
    if (it != cache_.end()) return it->second;
    std::vector<std::string> out;
    const std::string folded = kb_.fold(s);
    std::size_t i = 0;
    while (i < folded.size()) {
      while (i < folded.size() && folded[i] == ' ') ++i;
      std::size_t j = i;
      while (j < folded.size() && folded[j] != ' ') ++j;
      if (j > i) out.emplace_back(folded.substr(i, j - i));
      i = j;
    }
    return cache_.emplace(s, std::move(out)).first->second;
  }
  const Knowledge& kb() const { return kb_; }

 private:
  const Knowledge& kb_;
  std::unordered_map<std::string, std::vector<std::string>> cache_;
};

std::string join(const std::vector<std::string>& words, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

std::vector<std::string> split_space(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j])) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// A folded person-name token in the form spelling variants share (see rule 1).
std::string normalise_person_token(std::string t) {
  if (t.find_first_not_of("ivx") == std::string::npos) return t;
  if (t.size() >= 4 && (ends_with(t, "iy") || ends_with(t, "yy") || ends_with(t, "ii") || ends_with(t, "yi")))
    t.replace(t.size() - 2, 2, "y");
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  for (std::size_t i = 1; i < t.size(); ++i)
    if (t[i] == 'y' && vowel(t[i - 1]) && (i + 1 == t.size() || !vowel(t[i + 1]))) t[i] = 'i';
  std::string out;
  for (char c : t) {
    const bool letter = c >= 'a' && c <= 'z';
    if (letter && !out.empty() && out.back() == c) continue;
    out += c;
  }
  return out;
}

/// The letters of an acronym name ("UN", "U.N.", "NATO"), upper case; empty when `s` is not
/// 2-6 ASCII capitals, either plain or each followed by a period.
std::string acronym_letters(std::string_view s) {
  std::string letters;
  const bool dotted = s.find('.') != std::string_view::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      if (dotted && i + 1 < s.size() && s[i + 1] != '.') return {};
      letters += c;
    } else if (c == '.') {
      if (i == 0 || s[i - 1] == '.') return {};
    } else {
      return {};
    }
  }
  if (letters.size() < 2 || letters.size() > 6) return {};
  return letters;
}

/// Folded corporate suffixes, for spellings the knowledge does not list.
bool is_folded_org_suffix(std::string_view w) {
  static const std::set<std::string_view> kSuffixes{"inc",     "corp", "corporation", "ltd", "limited", "co",
                                                    "company", "llc",  "plc",         "ag",  "gmbh",    "sa"};
  return kSuffixes.count(w) > 0;
}

/// The words of an organization name without a leading "The" and trailing corporate
/// suffixes; never empty when the name has a word.
std::vector<std::string> org_core_words(const std::string& name, Folder& folder) {
  std::vector<std::string> words = split_space(name);
  auto is_suffix = [&](const std::string& w) {
    std::string bare = w;
    while (!bare.empty() && (bare.back() == ',' || bare.back() == ';')) bare.pop_back();
    if (bare.empty()) return true;
    if (folder.kb().is_org_suffix(w) || folder.kb().is_org_suffix(bare)) return true;
    const auto& f = folder.words(bare);
    return f.size() == 1 && is_folded_org_suffix(f[0]);
  };
  while (words.size() > 1 && is_suffix(words.back())) words.pop_back();
  if (words.size() > 1) {
    const auto& f = folder.words(words.front());
    if (f.size() == 1 && f[0] == "the") words.erase(words.begin());
  }
  return words;
}

/// True when the first code point of `s` is an upper-case or title-case letter.
bool starts_capitalised(std::string_view s) {
  if (s.empty()) return false;
  const auto b0 = static_cast<unsigned char>(s[0]);
  std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || len > s.size()) return false;
  UChar32 c = len == 1 ? b0 : static_cast<UChar32>(b0 & (0x7F >> len));
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) return false;
    c = (c << 6) | (b & 0x3F);
  }
  return u_isupper(c) || u_istitle(c);
}

/// The spellings of an organization's initials: every part of hyphenated words counted,
/// or only the first part. Spellings shorter than two letters are left out.
std::set<std::string> org_initials(const std::string& name, Folder& folder) {
  static const std::set<std::string_view> kSkip{"of", "the", "and", "for", "de"};
  std::string all_parts, first_parts;
  for (const std::string& word : org_core_words(name, folder)) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= word.size(); ++i) {
      if (i == word.size() || word[i] == '-') {
        if (i > start) parts.push_back(word.substr(start, i - start));
        start = i + 1;
      }
    }
    for (std::size_t p = 0; p < parts.size(); ++p) {
      std::string_view part = parts[p];
      while (!part.empty() && (part.front() == '(' || part.front() == '"' || part.front() == '\''))
        part.remove_prefix(1);
      if (!starts_capitalised(part)) continue;
      const auto& f = folder.words(std::string(part));
      if (f.empty() || kSkip.count(f[0]) > 0) continue;
      const char c = f[0][0];
      if (c < 'a' || c > 'z') continue;
      const char initial = static_cast<char>(c - 'a' + 'A');
      all_parts += initial;
      if (p == 0) first_parts += initial;
    }
  }
  std::set<std::string> out;
  if (all_parts.size() >= 2) out.insert(all_parts);
  if (first_parts.size() >= 2) out.insert(first_parts);
  return out;
}

/// One surface form of an entity (its name or an alias) as the rules see it.
struct Form {
  std::string text;
  std::vector<std::string> folded;  ///< folded words
  std::vector<std::string> norm;    ///< persons: normalised words; others: the key words
  std::string key;                  ///< the rule-1 key, type-prefixed
  std::string bare_key;             ///< places: the key without the country code
  bool is_name = false;             ///< the entity's name rather than an alias
};

Form make_form(const Entity& e, const std::string& text, bool is_name, Folder& folder) {
  Form f;
  f.text = text;
  f.is_name = is_name;
  f.folded = folder.words(text);
  const std::string raw = "\x01" + text;  // keys of names that fold to nothing
  switch (e.type) {
    case EntityType::Person: {
      for (const auto& w : f.folded) f.norm.push_back(normalise_person_token(w));
      f.key = "P|" + (f.norm.empty() ? raw : join(f.norm));
      break;
    }
    case EntityType::Organization: {
      const std::string letters = acronym_letters(text);
      if (!letters.empty()) {
        std::string lower;
        for (char c : letters) lower += static_cast<char>(c - 'A' + 'a');
        f.norm = {lower};
      } else {
        for (const auto& w : org_core_words(text, folder))
          for (const auto& fw : folder.words(w)) f.norm.push_back(fw);
      }
      f.key = "O|" + (f.norm.empty() ? raw : join(f.norm));
      break;
    }
    case EntityType::Place: {
      f.norm = f.folded;
      f.bare_key = "L|" + (f.norm.empty() ? raw : join(f.norm));
      f.key = f.bare_key + "|" + e.country_code;
      break;
    }
    case EntityType::Quotation: {
      const std::string& q = e.quote.empty() ? text : e.quote;
      const auto& words = folder.words(q);
      f.norm = words;
      f.key = "Q|" + (words.empty() ? "\x01" + q : join(words));
      break;
    }
  }
  return f;
}

/// One entity of one article, with its forms.
struct Item {
  std::size_t article = 0;  ///< position in the sorted article order
  std::size_t entity = 0;   ///< index in that article's entities
  const Entity* e = nullptr;
  std::vector<Form> forms;  ///< forms[0] is the name
  std::size_t mention_count = 0;
};

/// A canonical serialisation of an article, used only to order articles that share an id.
std::string fingerprint(const ArticleResult& a) {
  std::string s;
  auto add = [&s](std::string_view x) {
    s += std::to_string(x.size());
    s += ':';
    s += x;
  };
  auto num = [&s](std::size_t n) {
    s += std::to_string(n);
    s += ',';
  };
  for (const auto& m : a.entities.mentions) {
    num(static_cast<std::size_t>(m.type));
    num(m.span.begin);
    num(m.span.end);
    add(m.text);
    add(m.title);
    num(m.entity);
  }
  s += '|';
  for (const auto& e : a.entities.entities) {
    num(static_cast<std::size_t>(e.type));
    add(e.name);
    for (const auto& x : e.aliases) add(x);
    s += ';';
    for (auto m : e.mentions) num(m);
    add(e.place_kind);
    add(e.country_code);
    for (const auto& x : e.titles) add(x);
    add(e.quote);
  }
  s += '|';
  for (const auto& r : a.relations) {
    num(static_cast<std::size_t>(r.type));
    num(r.source);
    num(r.target);
    num(r.sentence.begin);
    num(r.sentence.end);
    num(r.source_span.begin);
    num(r.source_span.end);
    num(r.target_span.begin);
    num(r.target_span.end);
    add(r.title);
    add(r.cue);
  }
  return s;
}

/// The clusters of a partition: root -> member item indices, ascending.
std::map<std::size_t, std::vector<std::size_t>> clusters_of(DisjointSets& sets, std::size_t n) {
  std::map<std::size_t, std::vector<std::size_t>> out;
  for (std::size_t i = 0; i < n; ++i) out[sets.find(i)].push_back(i);
  return out;
}

/// Rule 3a: clusters whose names have at most two tokens join the unique longer name that
/// ends in one of their two-token names.
void merge_two_token_partials(std::vector<Item>& items, DisjointSets& sets) {
  const auto clusters = clusters_of(sets, items.size());
  std::map<std::string, std::set<std::size_t>> longer_by_tail;  // last two words -> clusters
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      if (items[i].e->type != EntityType::Person) continue;
      for (const auto& f : items[i].forms) {
        if (f.norm.size() < 3) continue;
        longer_by_tail[f.norm[f.norm.size() - 2] + " " + f.norm.back()].insert(root);
      }
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> joins;
  for (const auto& [root, members] : clusters) {
    if (items[members.front()].e->type != EntityType::Person) continue;
    std::size_t longest = 0;
    std::set<std::string> pairs;
    for (std::size_t i : members)
      for (const auto& f : items[i].forms) {
        longest = std::max(longest, f.norm.size());
        if (f.norm.size() == 2) pairs.insert(join(f.norm));
      }
    if (longest != 2) continue;
    std::set<std::size_t> candidates;
    for (const auto& p : pairs) {
      auto it = longer_by_tail.find(p);
      if (it != longer_by_tail.end()) candidates.insert(it->second.begin(), it->second.end());
    }
    if (candidates.size() == 1) joins.emplace_back(root, *candidates.begin());
  }
  for (const auto& [a, b] : joins) sets.unite(a, b);
}

/// Index of the first word of the surname of a person name: the last word and the name
/// particles right before it ("von der Leyen").
std::size_t surname_start(const Form& f, const Knowledge& kb) {
  if (f.folded.size() != f.norm.size() || f.norm.empty()) return f.norm.empty() ? 0 : f.norm.size() - 1;
  std::size_t s = f.norm.size() - 1;
  while (s > 0 && kb.is_name_particle(f.folded[s - 1])) --s;
  return s;
}

/// Rule 3b: clusters named only by a surname join the unique fuller name with that surname.
void merge_surnames(std::vector<Item>& items, DisjointSets& sets, const Knowledge& kb) {
  const auto clusters = clusters_of(sets, items.size());
  std::map<std::string, std::set<std::size_t>> full_by_surname;
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      if (items[i].e->type != EntityType::Person) continue;
      for (const auto& f : items[i].forms) {
        if (f.norm.size() < 2) continue;
        const std::size_t start = surname_start(f, kb);
        if (start == 0) continue;  // only particles and a surname: not a fuller name
        full_by_surname[f.norm.back()].insert(root);
        for (std::size_t s = start; s + 1 < f.norm.size(); ++s) full_by_surname[join(f.norm, s)].insert(root);
      }
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> joins;
  for (const auto& [root, members] : clusters) {
    if (items[members.front()].e->type != EntityType::Person) continue;
    std::set<std::string> surnames;
    bool only_surnames = true;
    for (std::size_t i : members)
      for (const auto& f : items[i].forms) {
        if (f.norm.empty()) continue;
        if (surname_start(f, kb) != 0) only_surnames = false;
        surnames.insert(join(f.norm));
      }
    if (!only_surnames || surnames.empty()) continue;
    std::set<std::size_t> candidates;
    for (const auto& s : surnames) {
      auto it = full_by_surname.find(s);
      if (it != full_by_surname.end()) candidates.insert(it->second.begin(), it->second.end());
    }
    candidates.erase(root);
    if (candidates.size() == 1) joins.emplace_back(root, *candidates.begin());
  }
  for (const auto& [a, b] : joins) sets.unite(a, b);
}

/// Rule 4: acronym organizations join the unique organization whose initials spell them;
/// places without a country code join the unique place of that name that has one.
void merge_acronyms_and_places(std::vector<Item>& items, DisjointSets& sets, Folder& folder) {
  const auto clusters = clusters_of(sets, items.size());
  std::map<std::string, std::set<std::size_t>> org_by_initials;
  std::map<std::string, std::set<std::size_t>> coded_place_by_name;
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      const Item& it = items[i];
      if (it.e->type == EntityType::Organization) {
        for (const auto& f : it.forms)
          if (acronym_letters(f.text).empty())
            for (const auto& ini : org_initials(f.text, folder)) org_by_initials[ini].insert(root);
      } else if (it.e->type == EntityType::Place && !it.e->country_code.empty()) {
        for (const auto& f : it.forms) coded_place_by_name[f.bare_key].insert(root);
      }
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> joins;
  for (const auto& [root, members] : clusters) {
    const EntityType type = items[members.front()].e->type;
    std::set<std::size_t> candidates;
    if (type == EntityType::Organization) {
      std::set<std::string> acronyms;
      for (std::size_t i : members)
        for (const auto& f : items[i].forms) {
          std::string letters = acronym_letters(f.text);
          if (!letters.empty()) acronyms.insert(std::move(letters));
        }
      for (const auto& a : acronyms) {
        auto it = org_by_initials.find(a);
        if (it != org_by_initials.end()) candidates.insert(it->second.begin(), it->second.end());
      }
    } else if (type == EntityType::Place) {
      bool coded = false;
      std::set<std::string> names;
      for (std::size_t i : members) {
        if (!items[i].e->country_code.empty()) coded = true;
        for (const auto& f : items[i].forms) names.insert(f.bare_key);
      }
      if (coded) continue;
      for (const auto& n : names) {
        auto it = coded_place_by_name.find(n);
        if (it != coded_place_by_name.end()) candidates.insert(it->second.begin(), it->second.end());
      }
    }
    // A cluster that already spells its own acronym counts as a candidate, so a second
    // expansion elsewhere makes the acronym ambiguous rather than merging it there.
    if (candidates.size() == 1 && *candidates.begin() != root) joins.emplace_back(root, *candidates.begin());
  }
  for (const auto& [a, b] : joins) sets.unite(a, b);
}

std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// 8 lower-case hex digits of the 64-bit FNV-1a hash of `s`, its two halves xor-ed.
std::string hash8(std::string_view s) {
  const std::uint64_t h = fnv1a64(s);
  const auto folded = static_cast<std::uint32_t>((h >> 32) ^ (h & 0xffffffffULL));
  static const char* kHex = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(7 - i)] = kHex[(folded >> (4 * i)) & 0xfU];
  return out;
}

/// The slug words of `name`: its folded words reduced to [a-z0-9].
std::vector<std::string> slug_words(std::string_view name, const Knowledge& kb) {
  const std::string folded = kb.fold(name);
  std::vector<std::string> words;
  std::string cur;
  for (char c : folded) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      cur += c;
    } else if (c >= 'A' && c <= 'Z') {
      cur += static_cast<char>(c - 'A' + 'a');
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::string join_dash(const std::vector<std::string>& words, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < words.size() && i < limit; ++i) {
    if (i > 0) out += '-';
    out += words[i];
  }
  return out;
}

/// Everything one cluster contributes to its node, plus what orders clashing ids.
struct Cluster {
  std::vector<std::size_t> members;  ///< item indices, ascending = sorted member order
  Node node;
  std::vector<std::string> names;  ///< label and aliases, sorted: orders clashing ids
  std::string base_id;
};

bool cluster_before(const Cluster& a, const Cluster& b) {
  if (a.names != b.names) return a.names < b.names;
  const auto& ea = a.node.evidence;
  const auto& eb = b.node.evidence;
  if (std::lexicographical_compare(ea.begin(), ea.end(), eb.begin(), eb.end())) return true;
  if (std::lexicographical_compare(eb.begin(), eb.end(), ea.begin(), ea.end())) return false;
  const Node& x = a.node;
  const Node& y = b.node;
  return std::tie(x.mentions, x.articles, x.titles, x.place_kind, x.country_code, x.quote) <
         std::tie(y.mentions, y.articles, y.titles, y.place_kind, y.country_code, y.quote);
}

}  // namespace

std::string slug(std::string_view name, const Knowledge& kb) {
  const auto words = slug_words(name, kb);
  if (words.empty()) return "x";
  return join_dash(words, words.size());
}

std::string make_node_id(EntityType type, std::string_view name, const Knowledge& kb) {
  std::string id(id_prefix(type));
  id += '/';
  const auto words = slug_words(name, kb);
  if (type == EntityType::Quotation) {
    id += words.empty() ? std::string("x") : join_dash(words, 6);
    id += '-';
    id += hash8(name);
    return id;
  }
  if (words.empty()) {
    // A name with no Latin-foldable letters still gets an id of its own.
    id += "x";
    if (!name.empty()) id += "-" + hash8(name);
    return id;
  }
  id += join_dash(words, words.size());
  return id;
}

MergeResult merge(const std::vector<ArticleResult>& articles, const Knowledge& kb) {
  // Articles in a canonical order: by id, repeated ids by content.
  std::vector<std::size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  {
    std::map<std::string, std::size_t> id_count;
    for (const auto& a : articles) ++id_count[a.id];
    std::vector<std::string> prints(articles.size());
    for (std::size_t i = 0; i < articles.size(); ++i)
      if (id_count[articles[i].id] > 1) prints[i] = fingerprint(articles[i]);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      if (articles[a].id != articles[b].id) return articles[a].id < articles[b].id;
      return prints[a] < prints[b];
    });
  }

  Folder folder(kb);
  std::vector<Item> items;
  std::vector<std::vector<std::size_t>> item_of(articles.size());  // given article -> entity -> item
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    const ArticleResult& a = articles[order[pos]];
    auto& map = item_of[order[pos]];
    for (std::size_t j = 0; j < a.entities.entities.size(); ++j) {
      const Entity& e = a.entities.entities[j];
      Item it;
      it.article = pos;
      it.entity = j;
      it.e = &e;
      it.forms.push_back(make_form(e, e.name, true, folder));
      if (e.type != EntityType::Quotation)
        for (const auto& alias : e.aliases)
          if (alias != e.name) it.forms.push_back(make_form(e, alias, false, folder));
      for (std::size_t m : e.mentions)
        if (m < a.entities.mentions.size()) ++it.mention_count;
      map.push_back(items.size());
      items.push_back(std::move(it));
    }
  }

  DisjointSets sets(items.size());
  // Rules 1 and 2: equal keys of names, and of aliases that may stand for a whole entity.
  {
    std::unordered_map<std::string, std::size_t> first_with_key;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      for (const Form& f : it.forms) {
        if (!f.is_name) {
          if (it.e->type == EntityType::Person && f.norm.size() <= 1) continue;
          if (it.e->type == EntityType::Organization && f.folded.size() == 1 && kb.is_org_head(f.text))
            continue;
        }
        auto [pos, inserted] = first_with_key.emplace(f.key, i);
        if (!inserted) sets.unite(pos->second, i);
      }
    }
  }
  merge_two_token_partials(items, sets);
  merge_surnames(items, sets, kb);
  merge_acronyms_and_places(items, sets, folder);

  // Nodes.
  std::vector<Cluster> clusters;
  std::vector<std::size_t> cluster_of_item(items.size());
  for (auto& [root, members] : clusters_of(sets, items.size())) {
    (void)root;
    for (std::size_t i : members) cluster_of_item[i] = clusters.size();
    Cluster c;
    c.members = members;
    clusters.push_back(std::move(c));
  }
  for (Cluster& c : clusters) {
    Node& n = c.node;
    const Item& first = items[c.members.front()];
    n.type = first.e->type;

    // Rule 5: the label.
    std::map<std::string, std::size_t> name_mentions;
    std::map<std::string, std::size_t> name_tokens;
    std::set<std::string> all_names;
    std::set<std::string> articles_seen, titles;
    for (std::size_t i : c.members) {
      const Item& it = items[i];
      const Entity& e = *it.e;
      const ArticleResult& a = articles[order[it.article]];
      name_mentions[e.name] += it.mention_count;
      // An acronym is one word however it is dotted ("U.N." is as short as "UN").
      const Form& name_form = it.forms.front();
      name_tokens[e.name] = n.type == EntityType::Organization && !acronym_letters(e.name).empty()
                                ? 1
                                : name_form.folded.size();
      all_names.insert(e.name);
      for (const auto& alias : e.aliases) all_names.insert(alias);
      articles_seen.insert(a.id);
      titles.insert(e.titles.begin(), e.titles.end());
      n.mentions += it.mention_count;
      for (std::size_t m : e.mentions)
        if (m < a.entities.mentions.size()) n.evidence.push_back({a.id, a.entities.mentions[m].span});
      if (n.place_kind.empty()) n.place_kind = e.place_kind;
      if (n.country_code.empty()) n.country_code = e.country_code;
      if (n.quote.empty()) n.quote = e.quote;
    }
    const std::string* best = nullptr;
    for (const auto& [name, tokens] : name_tokens) {
      if (best == nullptr) {
        best = &name;
        continue;
      }
      const std::size_t bt = name_tokens[*best];
      const std::size_t bm = name_mentions[*best];
      const std::size_t m = name_mentions[name];
      if (tokens > bt || (tokens == bt && m > bm)) best = &name;  // map order breaks the last tie
    }
    n.label = best != nullptr ? *best : std::string();
    for (const auto& s : all_names)
      if (s != n.label) n.aliases.push_back(s);
    n.articles.assign(articles_seen.begin(), articles_seen.end());
    n.titles.assign(titles.begin(), titles.end());
    std::sort(n.evidence.begin(), n.evidence.end());
    c.names.push_back(n.label);
    c.names.insert(c.names.end(), n.aliases.begin(), n.aliases.end());
    std::sort(c.names.begin(), c.names.end());
    const std::string& id_text = n.type == EntityType::Quotation && !n.quote.empty() ? n.quote : n.label;
    c.base_id = make_node_id(n.type, id_text, kb);
  }

  // Rule 6: unique ids; clashing clusters take "-2", "-3", ... after the first.
  {
    std::map<std::string, std::vector<std::size_t>> by_base;
    for (std::size_t i = 0; i < clusters.size(); ++i) by_base[clusters[i].base_id].push_back(i);
    std::set<std::string> taken;
    for (const auto& [base, group] : by_base) taken.insert(base);
    for (auto& [base, group] : by_base) {
      std::sort(group.begin(), group.end(),
                [&](std::size_t a, std::size_t b) { return cluster_before(clusters[a], clusters[b]); });
      clusters[group.front()].node.id = base;
      std::size_t k = 2;
      for (std::size_t g = 1; g < group.size(); ++g) {
        std::string id;
        do {
          id = base + "-" + std::to_string(k++);
        } while (taken.count(id) > 0);
        taken.insert(id);
        clusters[group[g]].node.id = id;
      }
    }
  }

  std::vector<std::size_t> by_id(clusters.size());
  std::iota(by_id.begin(), by_id.end(), 0);
  std::sort(by_id.begin(), by_id.end(),
            [&](std::size_t a, std::size_t b) { return clusters[a].node.id < clusters[b].node.id; });
  std::vector<std::size_t> node_index(clusters.size());
  MergeResult result;
  result.nodes.reserve(clusters.size());
  for (std::size_t k = 0; k < by_id.size(); ++k) {
    node_index[by_id[k]] = k;
    result.nodes.push_back(std::move(clusters[by_id[k]].node));
  }
  result.node_of.resize(articles.size());
  for (std::size_t a = 0; a < articles.size(); ++a) {
    result.node_of[a].reserve(item_of[a].size());
    for (std::size_t i : item_of[a]) result.node_of[a].push_back(node_index[cluster_of_item[i]]);
  }
  return result;
}

}  // namespace newsgraph
