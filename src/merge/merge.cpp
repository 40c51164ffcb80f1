// Cross-article merge: one node per real-world entity across all articles.
//
// Type by evidence first: an entity whose (folded) name the other entities of the corpus carry,
// as name or alias, with another type in at least twice as many mentions takes that type,
// unless its own type has evidence (a gazetteer entry of that type; a title before a person).
//
// Rules (applied to the entities of all articles; types never mix). Before them, the user's
// corrections: every entity matching a name of an --aliases line joins the others of its type
// ("forced"), and each --keep-apart line marks the entities matching each of its names, so that
// no later rule may join two of them (the refused link is explained as "kept-apart"). Every
// link that joins two clusters is kept with its rule, its two names and a reason, and so is
// every alias an article's own resolution gave an entity; MergeResult::explanations lists them.
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
//  3n. Nicknames (between 3a and 3b): a cluster named by a short given name and the rest of a
//     name ("Mo Cheeks") joins the unique cluster named by a formal name it stands for and the
//     same rest ("Maurice Cheeks"), from data/nicknames.txt.
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

#include "newsgraph/merge/merge.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsgraph/ingest/document.hpp"
#include "newsgraph/resolve/node_id.hpp"
#include "util/embedded_data.hpp"

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

/// A merge a rule asks for: item `a` (through its form `name`) joins item `b` (through its
/// form `other`).
struct Link {
  std::size_t a = 0, b = 0;
  std::string rule, name, other, detail;
};

/// The partition the rules build, with the --keep-apart constraints, and a record of every
/// link that joined two clusters (or that a constraint refused).
class Linker {
 public:
  explicit Linker(std::size_t n) : sets_(n), sides_(n) {}
  /// Item `item` matches name `side` of keep-apart group `group` (before any link).
  void set_side(std::size_t item, std::size_t group, std::size_t side) {
    sides_[item].push_back({group, side});
  }
  /// Drops the constraints of items that match two names of one group: they cannot be apart.
  void settle_sides() {
    for (auto& v : sides_) {
      std::sort(v.begin(), v.end());
      std::vector<std::pair<std::size_t, std::size_t>> kept;
      for (std::size_t i = 0; i < v.size(); ++i) {
        const bool clash =
            (i > 0 && v[i - 1].first == v[i].first && v[i - 1].second != v[i].second) ||
            (i + 1 < v.size() && v[i + 1].first == v[i].first && v[i + 1].second != v[i].second);
        if (!clash && (kept.empty() || kept.back() != v[i])) kept.push_back(v[i]);
      }
      v = std::move(kept);
    }
  }
  std::size_t find(std::size_t x) { return sets_.find(x); }
  /// Joins the clusters of link.a and link.b unless they are one already; a link that would
  /// put two names of a keep-apart group together is refused (and recorded) unless `forced`.
  void link(Link l, bool forced = false) {
    const std::size_t ra = sets_.find(l.a), rb = sets_.find(l.b);
    if (ra == rb) return;
    if (!forced && conflict(sides_[ra], sides_[rb])) {
      refused_.push_back(std::move(l));
      return;
    }
    sets_.unite(ra, rb);
    const std::size_t root = sets_.find(ra);
    const std::size_t gone = root == ra ? rb : ra;
    auto& into = sides_[root];
    into.insert(into.end(), sides_[gone].begin(), sides_[gone].end());
    std::sort(into.begin(), into.end());
    into.erase(std::unique(into.begin(), into.end()), into.end());
    sides_[gone].clear();
    links_.push_back(std::move(l));
  }
  const std::vector<Link>& links() const { return links_; }
  const std::vector<Link>& refused() const { return refused_; }

 private:
  static bool conflict(const std::vector<std::pair<std::size_t, std::size_t>>& x,
                       const std::vector<std::pair<std::size_t, std::size_t>>& y) {
    for (const auto& [g, s] : x)
      for (const auto& [h, t] : y)
        if (g == h && s != t) return true;
    return false;
  }
  DisjointSets sets_;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> sides_;  // per root
  std::vector<Link> links_, refused_;
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
    case EntityType::Group: {
      // "European leaders" in one article and another are one collective actor.
      f.norm = f.folded;
      f.key = "G|" + (f.norm.empty() ? raw : join(f.norm));
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
    add(r.confidence ? std::to_string(*r.confidence) : std::string("-"));
  }
  return s;
}

/// The clusters of a partition: root -> member item indices, ascending.
std::map<std::size_t, std::vector<std::size_t>> clusters_of(Linker& sets, std::size_t n) {
  std::map<std::size_t, std::vector<std::size_t>> out;
  for (std::size_t i = 0; i < n; ++i) out[sets.find(i)].push_back(i);
  return out;
}

/// Rule 3a: clusters whose names have at most two tokens join the unique longer name that
/// ends in one of their two-token names.
void merge_two_token_partials(std::vector<Item>& items, Linker& sets) {
  const auto clusters = clusters_of(sets, items.size());
  // last two words -> cluster -> (an item of it, the longer name there)
  std::map<std::string, std::map<std::size_t, std::pair<std::size_t, std::string>>> longer_by_tail;
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      if (items[i].e->type != EntityType::Person) continue;
      for (const auto& f : items[i].forms) {
        if (f.norm.size() < 3) continue;
        longer_by_tail[f.norm[f.norm.size() - 2] + " " + f.norm.back()].emplace(root,
                                                                                std::make_pair(i, f.text));
      }
    }
  }
  std::vector<Link> joins;
  for (const auto& [root, members] : clusters) {
    if (items[members.front()].e->type != EntityType::Person) continue;
    std::size_t longest = 0;
    std::map<std::string, std::pair<std::size_t, std::string>> pairs;  // two-word key -> (item, name)
    for (std::size_t i : members)
      for (const auto& f : items[i].forms) {
        longest = std::max(longest, f.norm.size());
        if (f.norm.size() == 2) pairs.emplace(join(f.norm), std::make_pair(i, f.text));
      }
    if (longest != 2) continue;
    std::map<std::size_t, std::pair<std::size_t, std::string>> candidates;
    const std::pair<std::size_t, std::string>* partial = nullptr;
    for (const auto& [p, holder] : pairs) {
      auto it = longer_by_tail.find(p);
      if (it == longer_by_tail.end()) continue;
      for (const auto& c : it->second) candidates.insert(c);
      if (partial == nullptr) partial = &holder;
    }
    if (candidates.size() == 1) {
      const auto& [item, full] = candidates.begin()->second;
      joins.push_back({partial->first, item, "partial-name", partial->second, full,
                       "\"" + partial->second + "\" ends the longer name \"" + full +
                           "\", the only such person in the corpus"});
    }
  }
  for (Link& l : joins) sets.link(std::move(l));
}

/// The formal given names each short form stands for, folded ("mo" -> {"maurice", "mohamed",
/// ...}), from data/nicknames.txt.
std::map<std::string, std::set<std::string>> nickname_table(Folder& folder) {
  std::map<std::string, std::set<std::string>> t;
  const std::string_view text = embedded_file("nicknames.txt");
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const auto& formal = folder.words(line.substr(0, colon));
    if (formal.size() != 1) continue;
    for (const auto& nick : split_space(line.substr(colon + 1))) {
      std::string bare = nick;
      if (!bare.empty() && bare.back() == ',') bare.pop_back();
      const auto& f = folder.words(bare);
      if (f.size() == 1) t[f[0]].insert(normalise_person_token(formal[0]));
    }
  }
  return t;
}

/// Rule 3n: a cluster named "Mo Cheeks" (a short form, then the rest of a name) joins the one
/// cluster named by a formal name the short form stands for and the same rest ("Maurice Cheeks").
void merge_nicknames(std::vector<Item>& items, Linker& sets, Folder& folder) {
  const auto table = nickname_table(folder);  // once per merge: a few dozen lines
  const auto clusters = clusters_of(sets, items.size());
  // formal first word + rest -> cluster -> (an item of it, the name there)
  std::map<std::string, std::map<std::size_t, std::pair<std::size_t, std::string>>> formal_names;
  for (const auto& [root, members] : clusters)
    for (std::size_t i : members) {
      if (items[i].e->type != EntityType::Person) continue;
      for (const auto& f : items[i].forms)
        if (f.norm.size() >= 2) formal_names[join(f.norm)].emplace(root, std::make_pair(i, f.text));
    }
  std::vector<Link> joins;
  for (const auto& [root, members] : clusters) {
    if (items[members.front()].e->type != EntityType::Person) continue;
    std::map<std::size_t, std::pair<std::size_t, std::string>> candidates;
    const Form* nick = nullptr;
    std::size_t nick_item = 0;
    for (std::size_t i : members)
      for (const auto& f : items[i].forms) {
        if (f.norm.size() < 2 || f.folded.empty()) continue;
        const auto t = table.find(f.folded[0]);
        if (t == table.end()) continue;
        std::vector<std::string> words = f.norm;
        for (const auto& formal : t->second) {
          words[0] = formal;
          const auto it = formal_names.find(join(words));
          if (it == formal_names.end()) continue;
          for (const auto& c : it->second)
            if (c.first != root) candidates.insert(c);
          if (nick == nullptr) {
            nick = &f;
            nick_item = i;
          }
        }
      }
    if (candidates.size() == 1 && nick != nullptr) {
      const auto& [item, full] = candidates.begin()->second;
      joins.push_back({nick_item, item, "nickname", nick->text, full,
                       "\"" + nick->folded[0] + "\" is a short form of the given name in \"" + full +
                           "\", the only such person in the corpus"});
    }
  }
  for (Link& l : joins) sets.link(std::move(l));
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
void merge_surnames(std::vector<Item>& items, Linker& sets, const Knowledge& kb) {
  const auto clusters = clusters_of(sets, items.size());
  // surname -> cluster -> (an item of it, the fuller name there)
  std::map<std::string, std::map<std::size_t, std::pair<std::size_t, std::string>>> full_by_surname;
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      if (items[i].e->type != EntityType::Person) continue;
      for (const auto& f : items[i].forms) {
        if (f.norm.size() < 2) continue;
        const std::size_t start = surname_start(f, kb);
        if (start == 0) continue;  // only particles and a surname: not a fuller name
        full_by_surname[f.norm.back()].emplace(root, std::make_pair(i, f.text));
        for (std::size_t s = start; s + 1 < f.norm.size(); ++s)
          full_by_surname[join(f.norm, s)].emplace(root, std::make_pair(i, f.text));
      }
    }
  }
  std::vector<Link> joins;
  for (const auto& [root, members] : clusters) {
    if (items[members.front()].e->type != EntityType::Person) continue;
    std::map<std::string, std::pair<std::size_t, std::string>> surnames;  // key -> (item, name)
    bool only_surnames = true;
    for (std::size_t i : members)
      for (const auto& f : items[i].forms) {
        if (f.norm.empty()) continue;
        if (surname_start(f, kb) != 0) only_surnames = false;
        surnames.emplace(join(f.norm), std::make_pair(i, f.text));
      }
    if (!only_surnames || surnames.empty()) continue;
    std::map<std::size_t, std::pair<std::size_t, std::string>> candidates;
    const std::pair<std::size_t, std::string>* partial = nullptr;
    for (const auto& [key, holder] : surnames) {
      auto it = full_by_surname.find(key);
      if (it == full_by_surname.end()) continue;
      for (const auto& c : it->second) candidates.insert(c);
      if (partial == nullptr) partial = &holder;
    }
    candidates.erase(root);
    if (candidates.size() == 1) {
      const auto& [item, full] = candidates.begin()->second;
      joins.push_back({partial->first, item, "partial-name", partial->second, full,
                       "\"" + partial->second + "\" is the surname of \"" + full +
                           "\", the only person with that surname in the corpus"});
    }
  }
  for (Link& l : joins) sets.link(std::move(l));
}

/// Rule 4: acronym organizations join the unique organization whose initials spell them;
/// places without a country code join the unique place of that name that has one.
void merge_acronyms_and_places(std::vector<Item>& items, Linker& sets, Folder& folder) {
  using Holder = std::pair<std::size_t, std::string>;  // an item and one of its names
  const auto clusters = clusters_of(sets, items.size());
  std::map<std::string, std::map<std::size_t, Holder>> org_by_initials;
  std::map<std::string, std::map<std::size_t, Holder>> coded_place_by_name;
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      const Item& it = items[i];
      if (it.e->type == EntityType::Organization) {
        for (const auto& f : it.forms)
          if (acronym_letters(f.text).empty())
            for (const auto& ini : org_initials(f.text, folder))
              org_by_initials[ini].emplace(root, Holder{i, f.text});
      } else if (it.e->type == EntityType::Place && !it.e->country_code.empty()) {
        for (const auto& f : it.forms) coded_place_by_name[f.bare_key].emplace(root, Holder{i, f.text});
      }
    }
  }
  std::vector<Link> joins;
  for (const auto& [root, members] : clusters) {
    const EntityType type = items[members.front()].e->type;
    std::map<std::size_t, Holder> candidates;
    const Holder* own = nullptr;
    std::map<std::string, Holder> keys;  // acronym letters or place key -> (item, name)
    if (type == EntityType::Organization) {
      for (std::size_t i : members)
        for (const auto& f : items[i].forms) {
          std::string letters = acronym_letters(f.text);
          if (!letters.empty()) keys.emplace(std::move(letters), Holder{i, f.text});
        }
      for (const auto& [a, holder] : keys) {
        auto it = org_by_initials.find(a);
        if (it == org_by_initials.end()) continue;
        for (const auto& c : it->second) candidates.insert(c);
        if (own == nullptr) own = &holder;
      }
    } else if (type == EntityType::Place) {
      bool coded = false;
      for (std::size_t i : members) {
        if (!items[i].e->country_code.empty()) coded = true;
        for (const auto& f : items[i].forms) keys.emplace(f.bare_key, Holder{i, f.text});
      }
      if (coded) continue;
      for (const auto& [n, holder] : keys) {
        auto it = coded_place_by_name.find(n);
        if (it == coded_place_by_name.end()) continue;
        for (const auto& c : it->second) candidates.insert(c);
        if (own == nullptr) own = &holder;
      }
    }
    // A cluster that already spells its own acronym counts as a candidate, so a second
    // expansion elsewhere makes the acronym ambiguous rather than merging it there.
    if (candidates.size() == 1 && candidates.begin()->first != root) {
      const auto& [item, full] = candidates.begin()->second;
      if (type == EntityType::Organization) {
        joins.push_back({own->first, item, "acronym", own->second, full,
                         "\"" + own->second + "\" spells the initials of \"" + full +
                             "\", the only organization in the corpus that it abbreviates"});
      } else {
        joins.push_back({own->first, item, "place-country", own->second, full,
                         "\"" + own->second + "\" was named without a country; \"" + full +
                             "\" is the only place of that name with one (" + items[item].e->country_code +
                             ")"});
      }
    }
  }
  for (Link& l : joins) sets.link(std::move(l));
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

/// The name of `it` (its name or an alias) whose folded words are `folded`; its name when none.
std::string form_matching(const Item& it, const std::string& folded) {
  for (const Form& f : it.forms)
    if (join(f.folded) == folded) return f.text;
  return it.e->name;
}

/// Why an article's resolution gave entity `it` the alias `alias` (see MergeExplanation).
void within_article_reason(const Item& it, const Form& alias, Folder& folder, std::string& rule,
                           std::string& detail) {
  const Form& name = it.forms.front();
  const Knowledge& kb = folder.kb();
  const LexiconEntry* entry = kb.entity(alias.text);
  const std::string q_alias = "\"" + alias.text + "\"", q_name = "\"" + name.text + "\"";
  if (entry != nullptr && entry->canonical == name.text) {
    rule = "gazetteer";
    detail = q_alias + " is a name of " + q_name + " in the gazetteer";
  } else if (it.e->type == EntityType::Person && alias.norm == name.norm) {
    rule = "spelling";
    detail = "both spell \"" + join(name.norm) + "\" once folded";
  } else if (it.e->type == EntityType::Person && alias.norm.size() < name.norm.size() &&
             std::equal(alias.norm.rbegin(), alias.norm.rend(), name.norm.rbegin())) {
    rule = "partial-name";
    detail = q_alias + " ends the fuller name " + q_name + ", the only such person in the article";
  } else if (it.e->type == EntityType::Organization && !acronym_letters(alias.text).empty() &&
             org_initials(name.text, folder).count(acronym_letters(alias.text)) > 0) {
    rule = "acronym";
    detail = q_alias + " spells the initials of " + q_name;
  } else if (it.e->type == EntityType::Organization && !acronym_letters(alias.text).empty()) {
    rule = "acronym";
    detail = q_alias + " follows " + q_name + " in parentheses: the article defines it";
  } else if (alias.key == name.key) {
    rule = it.e->type == EntityType::Organization ? "org-suffix" : "same-place";
    detail = "both are \"" + join(name.norm) + "\" once folded";
  } else {
    rule = "alias";
    detail = "the article uses " + q_alias + " for " + q_name;
  }
}

/// The link of rules 1 and 2: item i's form `f` has the key of item j's form `g`.
Link key_link(const std::vector<Item>& items, std::size_t i, const Form& f, std::size_t j, const Form& g) {
  Link l{i, j, "", f.text, g.text, ""};
  const std::string key = f.key.substr(std::min<std::size_t>(2, f.key.size()));
  if (f.text == g.text) {
    l.rule = "same-name";
    l.detail = "the same name";
  } else if (!f.is_name || !g.is_name) {
    const Item& holder = f.is_name ? items[j] : items[i];
    const std::string& alias = f.is_name ? g.text : f.text;
    l.rule = "alias";
    l.detail = "an article names \"" + holder.e->name + "\" also \"" + alias +
               "\", and the two names agree (\"" + key + "\")";
  } else if (items[i].e->type == EntityType::Person) {
    l.rule = "spelling";
    l.detail = "both spell \"" + key + "\" once folded (accents, doubled letters, -iy/-yy/-y endings, y/i)";
  } else if (items[i].e->type == EntityType::Organization) {
    l.rule = "org-suffix";
    l.detail = "both are \"" + key + "\" without a leading The, corporate suffixes, dots, case and accents";
  } else if (items[i].e->type == EntityType::Place) {
    l.rule = "same-place";
    l.detail = "the same place once folded (\"" + key + "\")";
  } else {
    l.rule = "same-name";
    l.detail = "the same quotation";
  }
  return l;
}

}  // namespace

MergeResult merge(const std::vector<ArticleResult>& articles, const Knowledge& kb,
                  const MergeOverrides& overrides) {
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
  // Type by evidence: an entity whose name the rest of the corpus gives another type, far more
  // often, takes that type, unless its own type has evidence of its own.
  std::deque<Entity> retyped;  // copies of the entities that changed type
  struct Retyping {
    std::size_t article, entity;
    EntityType from;
    std::size_t own, other;  // mentions of the name with each type
  };
  std::vector<Retyping> retypings;
  std::map<std::pair<std::size_t, std::size_t>, const Entity*> replacement;  // (article, entity)
  {
    const auto countable = [](EntityType t) { return t != EntityType::Quotation; };
    const auto mention_count = [](const ArticleResult& a, const Entity& e) {
      std::size_t n = 0;
      for (std::size_t m : e.mentions) n += m < a.entities.mentions.size();
      return n;
    };
    std::map<std::string, std::map<EntityType, std::size_t>> weight;  // folded name -> type -> mentions
    for (std::size_t pos = 0; pos < order.size(); ++pos) {
      const ArticleResult& a = articles[order[pos]];
      for (const Entity& e : a.entities.entities) {
        if (!countable(e.type)) continue;
        std::set<std::string> names{join(folder.words(e.name))};
        for (const auto& alias : e.aliases) names.insert(join(folder.words(alias)));
        for (const auto& n : names)
          if (!n.empty()) weight[n][e.type] += mention_count(a, e);
      }
    }
    for (std::size_t pos = 0; pos < order.size(); ++pos) {
      const ArticleResult& a = articles[order[pos]];
      for (std::size_t j = 0; j < a.entities.entities.size(); ++j) {
        const Entity& e = a.entities.entities[j];
        if (!countable(e.type)) continue;
        const auto w = weight.find(join(folder.words(e.name)));
        if (w == weight.end() || w->second.size() < 2) continue;
        const LexiconEntry* known = kb.entity(e.name);
        const bool own_evidence = (known != nullptr && known->type == e.type) ||
                                  (e.type == EntityType::Person && !e.titles.empty());
        if (own_evidence) continue;
        const std::size_t own = w->second.at(e.type);
        EntityType best = e.type;
        std::size_t best_weight = own;
        for (const auto& [t, n] : w->second)
          if (n > best_weight) {
            best = t;
            best_weight = n;
          }
        if (best == e.type || best_weight < 2 * own || best_weight < 2) continue;
        Entity copy = e;
        copy.type = best;
        if (best != EntityType::Place) copy.place_kind.clear(), copy.country_code.clear();
        if (best != EntityType::Person) copy.titles.clear();
        retyped.push_back(std::move(copy));
        replacement[{order[pos], j}] = &retyped.back();
        retypings.push_back({order[pos], j, e.type, own, best_weight});
      }
    }
  }
  std::vector<Item> items;
  std::vector<std::vector<std::size_t>> item_of(articles.size());  // given article -> entity -> item
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    const ArticleResult& a = articles[order[pos]];
    auto& map = item_of[order[pos]];
    for (std::size_t j = 0; j < a.entities.entities.size(); ++j) {
      const auto swapped = replacement.find({order[pos], j});
      const Entity& e = swapped == replacement.end() ? a.entities.entities[j] : *swapped->second;
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

  Linker sets(items.size());
  // The user's corrections: the sides of each keep-apart group, then the forced merges.
  {
    std::unordered_map<std::string, std::vector<std::size_t>> items_by_folded;
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::set<std::string> seen;
      for (const Form& f : items[i].forms)
        if (seen.insert(join(f.folded)).second) items_by_folded[join(f.folded)].push_back(i);
    }
    const auto matching = [&](const std::string& name) -> const std::vector<std::size_t>* {
      auto it = items_by_folded.find(join(folder.words(name)));
      return it == items_by_folded.end() ? nullptr : &it->second;
    };
    for (std::size_t g = 0; g < overrides.keep_apart.size(); ++g)
      for (std::size_t side = 0; side < overrides.keep_apart[g].size(); ++side)
        if (const auto* m = matching(overrides.keep_apart[g][side]))
          for (std::size_t i : *m) sets.set_side(i, g, side);
    sets.settle_sides();
    for (const auto& group : overrides.aliases) {
      std::string line;
      for (const auto& name : group) line += (line.empty() ? "" : " | ") + name;
      std::map<EntityType, std::pair<std::size_t, std::string>> first;  // per type: (item, name)
      for (const auto& name : group) {
        const auto* m = matching(name);
        if (m == nullptr) continue;
        for (std::size_t i : *m) {
          const EntityType t = items[i].e->type;
          if (t == EntityType::Quotation) continue;
          const std::string own = form_matching(items[i], join(folder.words(name)));
          auto [pos, inserted] = first.emplace(t, std::make_pair(i, own));
          if (!inserted)
            sets.link({i, pos->second.first, "forced", own, pos->second.second,
                       "the --aliases file names them as one entity: " + line},
                      true);
        }
      }
    }
  }
  // Rules 1 and 2: equal keys of names, and of aliases that may stand for a whole entity.
  {
    // Each form links to the first earlier form with its key, preferring one written the same.
    std::unordered_map<std::string, std::pair<std::size_t, const Form*>> first_with_key, first_with_text;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      for (const Form& f : it.forms) {
        if (!f.is_name) {
          if (it.e->type == EntityType::Person && f.norm.size() <= 1) continue;
          if (it.e->type == EntityType::Organization && f.folded.size() == 1 && kb.is_org_head(f.text))
            continue;
        }
        auto [pos, inserted] = first_with_key.emplace(f.key, std::make_pair(i, &f));
        auto [same, fresh] = first_with_text.emplace(f.key + '\x02' + f.text, std::make_pair(i, &f));
        if (!fresh) {
          sets.link(key_link(items, i, f, same->second.first, *same->second.second));
        } else if (!inserted) {
          sets.link(key_link(items, i, f, pos->second.first, *pos->second.second));
        }
      }
    }
  }
  merge_two_token_partials(items, sets);
  merge_nicknames(items, sets, folder);
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

  // Explanations: the merges inside each article (its entity's aliases), then every link.
  const auto evidence_of = [&](std::size_t i, const std::string& text) {
    const Item& it = items[i];
    const ArticleResult& a = articles[order[it.article]];
    std::vector<MentionEvidence> out, all;
    for (std::size_t m : it.e->mentions) {
      if (m >= a.entities.mentions.size()) continue;
      const Mention& mention = a.entities.mentions[m];
      all.push_back({a.id, mention.span});
      if (mention.text == text) out.push_back({a.id, mention.span});
    }
    return out.empty() ? all : out;
  };
  const auto node_id = [&](std::size_t i) -> const std::string& {
    return result.nodes[node_index[cluster_of_item[i]]].id;
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& it = items[i];
    if (it.e->type == EntityType::Quotation) continue;
    for (std::size_t k = 1; k < it.forms.size(); ++k) {
      MergeExplanation x;
      x.node = node_id(i);
      x.name = it.forms[k].text;
      x.other = it.e->name;
      x.article = articles[order[it.article]].id;
      within_article_reason(it, it.forms[k], folder, x.rule, x.detail);
      x.evidence = evidence_of(i, x.name);
      x.other_evidence = evidence_of(i, x.other);
      result.explanations.push_back(std::move(x));
    }
  }
  for (const Retyping& r : retypings) {
    const std::size_t i = item_of[r.article][r.entity];
    const Entity& e = *items[i].e;
    MergeExplanation x;
    x.node = node_id(i);
    x.rule = "type-vote";
    x.name = e.name;
    x.other = e.name;
    x.article = articles[r.article].id;
    x.detail = "found as " + std::string(to_string(r.from)) + " here (" + std::to_string(r.own) +
               " mentions of the name in the corpus) but as " + std::string(to_string(e.type)) + " in " +
               std::to_string(r.other) + ": taken as " + std::string(to_string(e.type));
    x.evidence = evidence_of(i, e.name);
    x.other_evidence = x.evidence;
    result.explanations.push_back(std::move(x));
  }
  for (const auto* list : {&sets.links(), &sets.refused()}) {
    const bool refused = list == &sets.refused();
    for (const Link& l : *list) {
      MergeExplanation x;
      x.node = node_id(l.a);
      x.rule = refused ? "kept-apart" : l.rule;
      x.name = l.name;
      x.other = l.other;
      x.detail = refused ? "not merged: the --keep-apart file separates them (rule " + l.rule + ": " +
                               l.detail + "); the other name is in " + node_id(l.b)
                         : l.detail;
      x.evidence = evidence_of(l.a, l.name);
      x.other_evidence = evidence_of(l.b, l.other);
      result.explanations.push_back(std::move(x));
    }
  }
  for (auto& x : result.explanations) {
    std::sort(x.evidence.begin(), x.evidence.end());
    std::sort(x.other_evidence.begin(), x.other_evidence.end());
  }
  const auto key = [](const MergeExplanation& x) {
    return std::tie(x.node, x.rule, x.name, x.other, x.article, x.evidence, x.other_evidence, x.detail);
  };
  std::sort(result.explanations.begin(), result.explanations.end(),
            [&](const MergeExplanation& a, const MergeExplanation& b) { return key(a) < key(b); });
  return result;
}

void sort_articles(std::vector<ArticleResult>& articles) {
  std::map<std::string, std::size_t> id_count;
  for (const auto& a : articles) ++id_count[a.id];
  std::vector<std::pair<std::string, std::size_t>> keys(articles.size());  // (fingerprint, index)
  for (std::size_t i = 0; i < articles.size(); ++i)
    keys[i] = {id_count[articles[i].id] > 1 ? fingerprint(articles[i]) : std::string(), i};
  std::vector<std::size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (articles[a].id != articles[b].id) return articles[a].id < articles[b].id;
    return keys[a].first < keys[b].first;
  });
  std::vector<ArticleResult> sorted;
  sorted.reserve(articles.size());
  for (std::size_t i : order) sorted.push_back(std::move(articles[i]));
  articles = std::move(sorted);
}

std::vector<std::vector<std::string>> read_name_groups(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open file");
  std::vector<std::vector<std::string>> groups;
  std::string line;
  std::size_t number = 0;
  const auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\r')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
    return v;
  };
  while (std::getline(in, line)) {
    ++number;
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (!is_valid_utf8(content)) throw InputError(path + ":" + std::to_string(number) + ": not valid UTF-8");
    std::vector<std::string> names;
    std::size_t start = 0;
    while (true) {
      const std::size_t bar = content.find('|', start);
      const std::string_view name =
          trim(content.substr(start, bar == std::string_view::npos ? bar : bar - start));
      if (name.empty())
        throw InputError(path + ":" + std::to_string(number) + ": empty name (names are separated by '|')");
      names.emplace_back(name);
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    if (names.size() < 2)
      throw InputError(path + ":" + std::to_string(number) +
                       ": a group needs at least two names separated by '|'");
    groups.push_back(std::move(names));
  }
  if (in.bad()) throw InputError(path + ": read error");
  return groups;
}

namespace {

void write_evidence(std::ostream& out, const std::string& name,
                    const std::vector<MentionEvidence>& evidence) {
  out << "    \"" << name << "\":";
  std::string article;
  for (const MentionEvidence& e : evidence) {
    if (e.article != article) {
      out << (article.empty() ? " " : "; ") << e.article;
      article = e.article;
    }
    out << " [" << e.span.begin << "," << e.span.end << ")";
  }
  out << "\n";
}

}  // namespace

void write_merge_explanations(std::ostream& out, const MergeResult& merged) {
  out << "# newsgraph merge explanations: every merge, grouped by the node it made.\n"
         "# rule: \"name\" + \"other name\" [inside one article]: reason\n"
         "#   then where each name was seen: article [start,end) in code points of its text\n";
  const std::string* node = nullptr;
  for (const MergeExplanation& x : merged.explanations) {
    if (node == nullptr || *node != x.node) {
      out << "\nnode " << x.node << "\n";
      node = &x.node;
    }
    out << "  " << x.rule << ": \"" << x.name << "\" + \"" << x.other << "\"";
    if (!x.article.empty()) out << " inside article " << x.article;
    out << ": " << x.detail << "\n";
    write_evidence(out, x.name, x.evidence);
    write_evidence(out, x.other, x.other_evidence);
  }
}

}  // namespace newsgraph
