// Knowledge: gazetteers built from Debian data (iso-codes, tzdata, ICU, the word list) and the
// general lists of data/*.txt.
//
// Surface priority. One surface (an exact, case-sensitive phrase) names one entry. When several
// sources give the same surface, the entry of the stronger source is kept:
//   country > organization (data/organizations.txt) > city > region > subdivision.
// Within one source the entry loaded first is kept, and the curated lists of data/ are loaded
// before the derived Debian names of the same rank, so a curated spelling always wins.
//
// Surface keys. entity() takes tokens joined by single spaces. Every surface is stored as
// written (whitespace collapsed) and in its tokenised form, where hyphens, dashes, slashes,
// brackets, commas and "&" are tokens of their own ("Guinea-Bissau" -> "Guinea - Bissau")
// and abbreviation periods and inner apostrophes stay inside their word ("U.S.", "d'Ivoire").
// Names with non-ASCII letters are also stored in their Latin-ASCII form ("Curaçao" ->
// "Curacao"), and names with a typographic apostrophe also with a straight one.
#include "newsgraph/knowledge/knowledge.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "util/embedded_data.hpp"

namespace newsgraph {
namespace {

// ---------------------------------------------------------------------------------------------
// Containers keyed by string_view, so lookups never allocate. Keys either point into storage
// the container owns (a deque never moves its elements) or into static embedded data.

/// A 64-bit hash of a short string, eight bytes at a time (list entries and words are short;
/// the lookups of mention detection are dominated by this and one probe).
inline std::uint64_t key_hash(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x2545F4914F6CDD1Dull ^ (s.size() * kMul);
  const char* p = s.data();
  std::size_t n = s.size();
  while (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * kMul;
    h ^= h >> 29;
  }
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 32);
}

/// An open-addressing index from string keys to small integers (linear probing, at most half
/// full). Keys are views: whoever inserts keeps them alive.
class FlatIndex {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
  /// The value of `key`, or kAbsent.
  std::uint32_t find(std::string_view key) const {
    if (slots_.empty()) return kAbsent;
    const std::uint64_t h = key_hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Entry& e = slots_[i];
      if (e.value == kAbsent) return kAbsent;
      if (e.hash == h && e.key == key) return e.value;
    }
  }
  /// Adds `key` with `value` (precondition: find(key) == kAbsent).
  void insert(std::string_view key, std::uint32_t value) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    place({key_hash(key), key, value});
    ++count_;
  }
  std::size_t size() const { return count_; }

 private:
  struct Entry {
    std::uint64_t hash = 0;
    std::string_view key;
    std::uint32_t value = kAbsent;
  };
  void place(const Entry& e) {
    std::size_t i = e.hash & mask_;
    while (slots_[i].value != kAbsent) i = (i + 1) & mask_;
    slots_[i] = e;
  }
  void grow() {
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Entry{});
    mask_ = slots_.size() - 1;
    for (const Entry& e : old)
      if (e.value != kAbsent) place(e);
  }
  std::vector<Entry> slots_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

class StringSet {
 public:
  void insert(std::string key) {
    if (key.empty() || contains(key)) return;
    store_.push_back(std::move(key));
    index_.insert(store_.back(), 0);
  }
  /// `key` must outlive the set (static data or a buffer the owner keeps).
  void insert_view(std::string_view key) {
    if (!key.empty() && !contains(key)) index_.insert(key, 0);
  }
  bool contains(std::string_view key) const { return index_.find(key) != FlatIndex::kAbsent; }
  std::size_t size() const { return index_.size(); }

 private:
  std::deque<std::string> store_;
  FlatIndex index_;
};

template <class V>
class StringMap {
 public:
  /// Inserts or returns the existing slot; `inserted` tells which.
  V& slot(std::string key, bool& inserted) {
    const std::uint32_t at = index_.find(key);
    if (at != FlatIndex::kAbsent) {
      inserted = false;
      return values_[at];
    }
    store_.push_back(std::move(key));
    index_.insert(store_.back(), static_cast<std::uint32_t>(values_.size()));
    values_.emplace_back();
    inserted = true;
    return values_.back();
  }
  const V* find(std::string_view key) const {
    const std::uint32_t at = index_.find(key);
    return at == FlatIndex::kAbsent ? nullptr : &values_[at];
  }

 private:
  std::deque<std::string> store_;
  std::deque<V> values_;
  FlatIndex index_;
};

// ---------------------------------------------------------------------------------------------
// UTF-8 and text helpers.

/// Decodes the code point at byte `i` of `s` and advances `i`; malformed bytes give U+FFFD.
UChar32 next_cp(std::string_view s, std::size_t& i) {
  UChar32 c = 0;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t*>(s.data()), pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(pos);
  return c;
}

void append_cp(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

/// Longest input handed to ICU in one piece (ICU lengths are 32-bit).
constexpr std::size_t kMaxIcuBytes = std::size_t{1} << 20;

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

/// Lower case for any script; ASCII input takes a fast path, and input too long for ICU
/// (never a list entry) is lowered in its ASCII letters only.
/// True when `s` is ASCII without capitals: lower() would return it unchanged.
bool is_lower_ascii(std::string_view s) {
  for (char c : s)
    if ((c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string lower(std::string_view s) {
  if (is_ascii(s) || s.size() > kMaxIcuBytes) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  return to_utf8(u);
}

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool is_space_cp(UChar32 c) { return c == ' ' || c == '\t' || c == 0xA0 || c == '\n' || c == '\r'; }

/// Characters the tokenizer always makes tokens of their own, even between letters.
bool is_split_cp(UChar32 c) {
  switch (c) {
    case '-':
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212:
    case '/':
    case '(':
    case ')':
    case '[':
    case ']':
    case ',':
    case '&':
    case '+':
    case ':':
    case ';':
    case '"':
    case 0x201C:
    case 0x201D:
    case '!':
    case '?':
      return true;
    default:
      return false;
  }
}

bool is_apostrophe_cp(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BB || c == 0x02BC;
}

/// A surface name split the way the segmenter splits running text: at whitespace, with
/// hyphens, dashes, slashes, brackets, commas and "&" as tokens of their own, a possessive
/// "'s" split off its word, and apostrophes at a word's edge split off. Periods stay in
/// their word ("U.S.", "St.").
std::vector<std::string> surface_tokens(std::string_view s) {
  std::vector<std::string> tokens;
  std::string cur;
  const auto flush = [&]() {
    if (cur.empty()) return;
    // Split apostrophes off either edge of the word.
    std::size_t b = 0;
    std::vector<std::string> lead;
    while (b < cur.size()) {
      std::size_t j = b;
      const UChar32 c = next_cp(cur, j);
      if (!is_apostrophe_cp(c) || j >= cur.size()) break;
      lead.push_back(cur.substr(b, j - b));
      b = j;
    }
    std::vector<std::string> trail;
    std::size_t e = cur.size();
    while (e > b) {
      std::size_t start = e - 1;
      while (start > b && (static_cast<unsigned char>(cur[start]) & 0xC0) == 0x80) --start;
      std::size_t j = start;
      const UChar32 c = next_cp(cur, j);
      if (!is_apostrophe_cp(c) || start == b) break;
      trail.insert(trail.begin(), cur.substr(start, e - start));
      e = start;
    }
    for (auto& t : lead) tokens.push_back(std::move(t));
    std::string core = cur.substr(b, e - b);
    // A possessive is a token of its own ("People's" -> "People", "'s").
    std::string possessive;
    for (std::string_view suffix : {"'s", "'S", "\xE2\x80\x99s", "\xE2\x80\x99S"}) {
      if (core.size() > suffix.size() && ends_with(core, suffix)) {
        possessive = core.substr(core.size() - suffix.size());
        core.resize(core.size() - suffix.size());
        break;
      }
    }
    tokens.push_back(std::move(core));
    if (!possessive.empty()) tokens.push_back(std::move(possessive));
    for (auto& t : trail) tokens.push_back(std::move(t));
    cur.clear();
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const UChar32 c = next_cp(s, i);
    if (is_space_cp(c)) {
      flush();
    } else if (is_split_cp(c)) {
      flush();
      tokens.emplace_back(s.substr(start, i - start));
    } else {
      cur.append(s.substr(start, i - start));
    }
  }
  flush();
  return tokens;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

/// `s` with every whitespace run turned into one space, trimmed.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool pending = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const UChar32 c = next_cp(s, i);
    if (is_space_cp(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0, i = 0;
  while (i < s.size()) {
    next_cp(s, i);
    ++n;
  }
  return n;
}

bool has_letter(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (u_isalpha(next_cp(s, i))) return true;
  }
  return false;
}

bool starts_upper(std::string_view s) {
  std::size_t i = 0;
  if (s.empty()) return false;
  const UChar32 c = next_cp(s, i);
  return u_isupper(c) || u_istitle(c);
}

bool has_upper(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const UChar32 c = next_cp(s, i);
    if (u_isupper(c) || u_istitle(c)) return true;
  }
  return false;
}

/// Replaces every occurrence of `from` in `s` by `to`.
std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw KnowledgeError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw KnowledgeError("cannot read " + path);
  return ss.str();
}

/// The iso-codes JSON file at `path`, parsed: an object whose member `list` is an array.
/// Throws KnowledgeError naming the file when it cannot be read, is malformed or lacks `list`.
rapidjson::Document read_iso_codes(const std::string& path, const char* list) {
  const std::string json = read_file(path);
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError())
    throw KnowledgeError(path + ": malformed JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
                         rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject() || !doc.HasMember(list) || !doc[list].IsArray())
    throw KnowledgeError(path + ": no \"" + list + "\" array");
  return doc;
}

/// True when `entry` is an object with a string member `key`.
bool has_string(const rapidjson::Value& entry, const char* key) {
  return entry.IsObject() && entry.HasMember(key) && entry[key].IsString();
}

std::unique_ptr<icu::Transliterator> make_transliterator(const char* id) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(icu::UnicodeString(id, -1, US_INV), UTRANS_FORWARD, status));
  if (U_FAILURE(status)) t.reset();
  return t;
}

constexpr const char* kFoldId = "Any-Latin; Latin-ASCII";

/// This thread's folding transliterator (ICU transliterators are not safe to share). Null
/// only if ICU lacks the rules, which load() rules out.
icu::Transliterator* thread_folder() {
  thread_local std::unique_ptr<icu::Transliterator> t = make_transliterator(kFoldId);
  return t.get();
}

// ---------------------------------------------------------------------------------------------
// Embedded list parsing.

/// One data line: its number (1-based) and its TAB-separated, trimmed columns.
struct DataLine {
  std::size_t number = 0;
  std::vector<std::string_view> cols;
};

/// The non-blank, non-comment lines of data/<name>. Columns are split at TABs; empty
/// trailing columns are dropped.
std::vector<DataLine> data_lines(std::string_view name) {
  std::string_view text;
  try {
    text = embedded_file(name);
  } catch (const std::logic_error&) {
    throw KnowledgeError("missing embedded data file data/" + std::string(name));
  }
  std::vector<DataLine> out;
  std::size_t number = 0;
  for (std::string_view line : split(text, '\n')) {
    ++number;
    const std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    DataLine dl;
    dl.number = number;
    for (std::string_view col : split(t, '\t')) dl.cols.push_back(trim(col));
    while (!dl.cols.empty() && dl.cols.back().empty()) dl.cols.pop_back();
    out.push_back(std::move(dl));
  }
  return out;
}

[[noreturn]] void data_error(std::string_view name, const DataLine& line, std::string_view what) {
  throw KnowledgeError("data/" + std::string(name) + " line " + std::to_string(line.number) + ": " +
                       std::string(what));
}

enum class Rank : int { Country = 0, Organization = 1, City = 2, Region = 3, Subdivision = 4 };

/// A key of the entity index: a surface's entry, and whether it is also the beginning (whole
/// tokens) of a longer surface. A key that is only such a beginning has no entry.
struct Slot {
  Rank rank = Rank::Subdivision;
  const LexiconEntry* entry = nullptr;
  bool extends = false;
};

}  // namespace

// ---------------------------------------------------------------------------------------------

struct Knowledge::Impl {
  std::deque<LexiconEntry> entries;  // stable addresses: entity() returns pointers into it
  StringMap<Slot> entities;
  std::size_t max_entity_tokens = 0;

  StringSet titles;
  StringSet title_starts;  // the first word of every title, lower case
  std::size_t max_title_tokens = 0;
  StringSet title_modifiers;
  StringSet org_heads;
  StringSet org_suffixes;

  StringMap<const std::string*> demonyms;    // demonym -> country entry's code
  StringMap<const LexiconEntry*> countries;  // alpha-2 -> country entry

  StringSet given_names;
  StringSet particles;
  std::string words_blob;  // the word list; common_words views into it
  StringSet common_words;
  StringSet never;
  StringSet place_prefixes;
  StringSet place_heads;
};

namespace {

/// Builds a Knowledge::Impl. Each step documents what it reads.
class Loader {
 public:
  explicit Loader(const KnowledgePaths& paths) : paths_(paths), k_(std::make_unique<Knowledge::Impl>()) {}

  std::unique_ptr<Knowledge::Impl> run() {
    if (!thread_folder())
      throw KnowledgeError(std::string("ICU transliterator ") + kFoldId + " is unavailable");
    latin_ascii_ = make_transliterator("Latin-ASCII");
    if (!latin_ascii_) throw KnowledgeError("ICU transliterator Latin-ASCII is unavailable");

    load_words();
    load_word_lists();
    load_exact_set("not_places.txt", not_places_);
    load_countries();
    load_demonyms();
    load_organizations();
    load_cities();
    load_regions();
    load_iso_subdivisions();
    return std::move(k_);
  }

 private:
  const KnowledgePaths& paths_;
  std::unique_ptr<Knowledge::Impl> k_;
  StringSet not_places_;
  std::unique_ptr<icu::Transliterator> latin_ascii_;

  // ---- helpers -------------------------------------------------------------------------------

  std::string ascii_form(std::string_view s) const {
    if (is_ascii(s)) return std::string(s);
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    latin_ascii_->transliterate(u);
    return to_utf8(u);
  }

  bool common_lower(std::string_view word) const { return k_->common_words.contains(lower(word)); }

  /// Listed in data/not_places.txt, as written or in its ASCII form.
  bool not_place(std::string_view name) const {
    return not_places_.contains(name) || not_places_.contains(ascii_form(name));
  }

  /// True when a derived (not curated) name would be a false hit in running text: a name
  /// that does not start with a capital; a single word of fewer than four letters, that the
  /// dictionary lists in lower case, that is a given name (when `given` is set), a
  /// never-entity word or a demonym; or several words that are all common words.
  bool too_common(std::string_view name, bool given) const {
    if (!starts_upper(name)) return true;
    std::vector<std::string> words;
    for (auto& t : surface_tokens(name)) {
      if (has_letter(t)) words.push_back(t);
    }
    if (words.empty()) return true;
    if (words.size() == 1) {
      const std::string& w = words.front();
      return code_points(w) < 4 || common_lower(w) || (given && k_->given_names.contains(w)) ||
             k_->never.contains(w) || k_->demonyms.find(w) != nullptr;
    }
    return std::all_of(words.begin(), words.end(), [&](const std::string& w) { return common_lower(w); });
  }

  const LexiconEntry* new_entry(EntityType type, std::string canonical, std::string kind, std::string code) {
    LexiconEntry e;
    e.type = type;
    e.canonical = std::move(canonical);
    e.kind = std::move(kind);
    e.country_code = std::move(code);
    k_->entries.push_back(std::move(e));
    return &k_->entries.back();
  }

  void put_key(const std::string& key, std::size_t tokens, const LexiconEntry* entry, Rank rank) {
    if (key.empty()) return;
    bool inserted = false;
    Slot& slot = k_->entities.slot(key, inserted);
    if (slot.entry == nullptr || static_cast<int>(rank) < static_cast<int>(slot.rank)) {
      slot.rank = rank;
      slot.entry = entry;
      k_->max_entity_tokens = std::max(k_->max_entity_tokens, tokens);
    }
    // Every beginning of the key, in whole tokens, is marked as extendable.
    for (std::size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
      k_->entities.slot(key.substr(0, sp), inserted).extends = true;
    }
  }

  /// Stores `surface` for `entry` in every key form (see the file comment).
  void add_surface(std::string_view surface, const LexiconEntry* entry, Rank rank) {
    const std::string base = collapse_spaces(surface);
    if (base.empty() || !has_letter(base)) return;
    std::vector<std::string> variants{base};
    if (!is_ascii(base)) {
      // The ASCII form of a one-word name may be an ordinary word ("Malé" -> "Male").
      std::string ascii = ascii_form(base);
      if (surface_tokens(ascii).size() > 1 || !common_lower(ascii)) variants.push_back(std::move(ascii));
    }
    for (std::size_t i = 0, n = variants.size(); i < n; ++i) {
      if (variants[i].find("\xE2\x80\x99") != std::string::npos)
        variants.push_back(replace_all(variants[i], "\xE2\x80\x99", "'"));
      else if (variants[i].find('\'') != std::string::npos)
        variants.push_back(replace_all(variants[i], "'", "\xE2\x80\x99"));
    }
    for (const std::string& v : variants) {
      const std::vector<std::string> toks = surface_tokens(v);
      put_key(v, toks.size(), entry, rank);
      put_key(join(toks, " "), toks.size(), entry, rank);
    }
  }

  const std::string& country_code_or_throw(std::string_view file, const DataLine& line,
                                           std::string_view code) {
    const LexiconEntry* const* c = k_->countries.find(code);
    if (!c) data_error(file, line, "unknown ISO 3166-1 alpha-2 code \"" + std::string(code) + "\"");
    return (*c)->country_code;
  }

  /// Adds one entry of `type` and `kind` per line of data/<file>, "canonical TAB alpha-2-or-dash
  /// [TAB alias...]", found by its canonical name and every alias at `rank`. Throws a data error
  /// for a line of fewer than two columns (saying `expected`) and for an unknown country code.
  void load_entries(std::string_view file, std::string_view expected, EntityType type, const char* kind,
                    Rank rank) {
    for (const DataLine& line : data_lines(file)) {
      if (line.cols.size() < 2) data_error(file, line, expected);
      std::string code;
      if (line.cols[1] != "-") code = country_code_or_throw(file, line, line.cols[1]);
      const LexiconEntry* e = new_entry(type, std::string(line.cols[0]), kind, code);
      add_surface(line.cols[0], e, rank);
      for (std::size_t i = 2; i < line.cols.size(); ++i) add_surface(line.cols[i], e, rank);
    }
  }

  /// Adds every lower-cased phrase of data/<file> to `set`, as written and tokenised; returns
  /// the longest phrase in tokens.
  std::size_t load_lower_set(std::string_view file, StringSet& set) {
    std::size_t longest = 0;
    for (const DataLine& line : data_lines(file)) {
      if (line.cols.size() != 1) data_error(file, line, "expected one column");
      const std::string phrase = lower(collapse_spaces(line.cols[0]));
      const std::vector<std::string> toks = surface_tokens(phrase);
      set.insert(phrase);
      set.insert(join(toks, " "));
      longest = std::max(longest, toks.size());
    }
    return longest;
  }

  void load_exact_set(std::string_view file, StringSet& set) {
    for (const DataLine& line : data_lines(file)) {
      if (line.cols.size() != 1) data_error(file, line, "expected one column");
      set.insert_view(line.cols[0]);  // views static embedded data
    }
  }

  // ---- steps ---------------------------------------------------------------------------------

  /// /usr/share/dict/words: every entry written without capitals is a common word.
  void load_words() {
    k_->words_blob = read_file(paths_.words_file);
    const std::string_view blob = k_->words_blob;
    std::size_t start = 0;
    while (start < blob.size()) {
      std::size_t end = blob.find('\n', start);
      if (end == std::string_view::npos) end = blob.size();
      const std::string_view w = trim(blob.substr(start, end - start));
      start = end + 1;
      if (w.empty()) continue;
      const bool caps = is_ascii(w)
                            ? std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; })
                            : has_upper(w);
      if (!caps) k_->common_words.insert_view(w);
    }
    if (k_->common_words.size() == 0) throw KnowledgeError("no lower-case words in " + paths_.words_file);
  }

  void load_word_lists() {
    k_->max_title_tokens = load_lower_set("titles.txt", k_->titles);
    for (const DataLine& line : data_lines("titles.txt")) {
      const std::vector<std::string> toks = surface_tokens(lower(collapse_spaces(line.cols[0])));
      if (!toks.empty()) k_->title_starts.insert(toks.front());
    }
    load_lower_set("title_modifiers.txt", k_->title_modifiers);
    load_lower_set("org_heads.txt", k_->org_heads);
    load_exact_set("org_suffixes.txt", k_->org_suffixes);
    load_exact_set("given_names.txt", k_->given_names);
    load_exact_set("name_particles.txt", k_->particles);
    load_exact_set("never_entity.txt", k_->never);
    load_exact_set("place_prefixes.txt", k_->place_prefixes);
    load_lower_set("place_heads.txt", k_->place_heads);
  }

  /// iso_3166-1.json: one entry per country, named by ICU's English display name unless
  /// data/country_names.txt overrides it; every iso-codes name, the sensible parts of
  /// inverted comma forms, and the aliases of data/country_aliases.txt are its surfaces.
  void load_countries() {
    const std::string path = paths_.iso_codes_dir + "/iso_3166-1.json";
    const rapidjson::Document doc = read_iso_codes(path, "3166-1");

    struct Raw {
      std::string a2;
      std::vector<std::string> names;  // iso name, official_name, common_name
    };
    std::vector<Raw> raws;
    for (const auto& c : doc["3166-1"].GetArray()) {
      if (!has_string(c, "alpha_2") || !has_string(c, "name"))
        throw KnowledgeError(path + ": an entry lacks alpha_2 or name");
      Raw r;
      r.a2 = c["alpha_2"].GetString();
      if (r.a2.size() != 2) throw KnowledgeError(path + ": bad alpha_2 \"" + r.a2 + "\"");
      for (const char* field : {"name", "official_name", "common_name"}) {
        if (has_string(c, field)) r.names.emplace_back(c[field].GetString());
      }
      raws.push_back(std::move(r));
    }
    if (raws.empty()) throw KnowledgeError(path + ": no countries");

    std::unordered_map<std::string, std::string> overrides;
    for (const DataLine& line : data_lines("country_names.txt")) {
      if (line.cols.size() != 2) data_error("country_names.txt", line, "expected alpha-2 TAB name");
      overrides[std::string(line.cols[0])] = std::string(line.cols[1]);
    }

    // The part before ", " of an inverted name ("Iran, Islamic Republic of" -> "Iran") is a
    // surface only when it names one country and is no other country's name.
    std::unordered_map<std::string, int> head_count;
    std::unordered_map<std::string, std::string> plain_owner;  // plain name -> alpha-2
    for (const Raw& r : raws) {
      std::unordered_set<std::string> heads;
      for (const std::string& n : r.names) {
        const std::size_t comma = n.find(", ");
        if (comma == std::string::npos)
          plain_owner.emplace(n, r.a2);
        else
          heads.insert(n.substr(0, comma));
      }
      for (const std::string& h : heads) ++head_count[h];
    }

    std::vector<std::pair<const LexiconEntry*, std::vector<std::string>>> pending;
    for (const Raw& r : raws) {
      std::string canonical;
      if (auto it = overrides.find(r.a2); it != overrides.end()) {
        canonical = it->second;
      } else {
        icu::UnicodeString display;
        icu::Locale("", r.a2.c_str()).getDisplayCountry(icu::Locale::getEnglish(), display);
        canonical = to_utf8(display);
        if (canonical.empty() || canonical == r.a2) canonical = r.names.front();
      }
      const LexiconEntry* e = new_entry(EntityType::Place, canonical, "country", r.a2);
      bool inserted = false;
      k_->countries.slot(r.a2, inserted) = e;

      std::vector<std::string> surfaces{canonical};
      icu::UnicodeString display;
      icu::Locale("", r.a2.c_str()).getDisplayCountry(icu::Locale::getEnglish(), display);
      if (display.length() > 0) {
        for (std::string& d : name_forms(to_utf8(display))) surfaces.push_back(std::move(d));
      }
      for (const std::string& n : r.names) {
        for (std::string& s : name_forms(n)) surfaces.push_back(std::move(s));
        const std::size_t comma = n.find(", ");
        if (comma == std::string::npos) continue;
        const std::string head = n.substr(0, comma);
        std::string tail = n.substr(comma + 2);
        const auto owner = plain_owner.find(head);
        if (head_count[head] == 1 && (owner == plain_owner.end() || owner->second == r.a2))
          surfaces.push_back(head);
        // "Korea, Republic of" -> "Republic of Korea"; "Congo, The Democratic Republic of the"
        // -> "Democratic Republic of the Congo".
        if (ends_with(tail, " of") || ends_with(tail, " of the")) {
          if (starts_with(tail, "The ")) tail = tail.substr(4);
          surfaces.push_back(tail + " " + head);
        }
      }
      pending.emplace_back(e, std::move(surfaces));
    }
    for (auto& [e, surfaces] : pending) {
      for (const std::string& s : surfaces) {
        if (s.find(", ") == std::string::npos) add_surface(s, e, Rank::Country);
      }
    }

    for (const DataLine& line : data_lines("country_aliases.txt")) {
      if (line.cols.size() != 2) data_error("country_aliases.txt", line, "expected alias TAB alpha-2");
      const std::string& code = country_code_or_throw("country_aliases.txt", line, line.cols[1]);
      add_surface(line.cols[0], *k_->countries.find(code), Rank::Country);
    }
  }

  /// The usable surfaces of one official name: the name itself unless it is an inverted
  /// comma form, and for "Main (note)" only "Main" (the notes that are names in their own
  /// right, like "Burma" or "Malvinas", are aliases in data/country_aliases.txt).
  static std::vector<std::string> name_forms(const std::string& n) {
    std::vector<std::string> out;
    const std::size_t open = n.find(" (");
    if (open != std::string::npos) {
      out.push_back(n.substr(0, open));
    } else if (n.find(", ") == std::string::npos) {
      out.push_back(n);
    }
    return out;
  }

  /// data/organizations.txt: canonical TAB country-or-dash TAB aliases...
  void load_organizations() {
    load_entries("organizations.txt", "expected canonical TAB country-or-dash [TAB alias...]",
                 EntityType::Organization, "", Rank::Organization);
  }

  /// data/cities.txt first (curated; "-" for a city whose country is disputed), then tzdata zone1970.tab and
  /// ICU's zone exemplar cities.
  void load_cities() {
    load_entries("cities.txt", "expected name TAB alpha-2-or-dash [TAB alias...]", EntityType::Place, "city",
                 Rank::City);

    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> tzn(
        icu::TimeZoneNames::createInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status)) tzn.reset();

    // The English exemplar city of a zone, without ICU's ", Indiana"-style qualifier.
    const auto exemplar = [&](const icu::UnicodeString& id) -> std::string {
      if (!tzn) return {};
      icu::UnicodeString canonical_id, name;
      UErrorCode st = U_ZERO_ERROR;
      icu::TimeZone::getCanonicalID(id, canonical_id, st);
      if (U_FAILURE(st)) canonical_id = id;
      tzn->getExemplarLocationName(canonical_id, name);
      std::string out = to_utf8(name);
      if (const std::size_t comma = out.find(','); comma != std::string::npos) out.resize(comma);
      return out;
    };
    const auto add_zone_city = [&](std::string_view zone_name, const std::string& exemplar_name,
                                   const std::string& code) {
      std::vector<std::string> names;
      if (!exemplar_name.empty()) names.push_back(exemplar_name);
      names.emplace_back(zone_name);
      std::vector<std::string> usable;
      for (const std::string& n : names) {
        if (n.empty() || not_place(n) || too_common(n, false)) continue;
        usable.push_back(n);
      }
      if (usable.empty()) return;
      // The exemplar spelling names the city; if the tz name was already a surface (a curated
      // city, or a country), the entry found there stays in charge.
      const LexiconEntry* e = new_entry(EntityType::Place, usable.front(), "city", code);
      for (const std::string& n : usable) add_surface(n, e, Rank::City);
    };

    // zone1970.tab: codes TAB coordinates TAB zone [TAB comments]
    const std::string tab = read_file(paths_.zone1970_tab);
    std::size_t zones = 0;
    std::size_t number = 0;
    std::unordered_set<std::string> seen_zones;
    for (std::string_view line : split(tab, '\n')) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (trim(line).empty() || line.front() == '#') continue;
      const std::vector<std::string_view> cols = split(line, '\t');
      if (cols.size() < 3 || cols[0].size() < 2 || cols[2].find('/') == std::string_view::npos)
        throw KnowledgeError(paths_.zone1970_tab + " line " + std::to_string(number) + ": malformed");
      ++zones;
      const std::string zone(cols[2]);
      seen_zones.insert(zone);
      const std::string code(cols[0].substr(0, 2));
      if (code == "AQ" || !k_->countries.find(code)) continue;
      std::string last = zone.substr(zone.rfind('/') + 1);
      std::replace(last.begin(), last.end(), '_', ' ');
      add_zone_city(last, exemplar(icu::UnicodeString::fromUTF8(zone)), code);
    }
    if (zones == 0) throw KnowledgeError(paths_.zone1970_tab + ": no zones");

    // Every other location zone ICU knows (links such as Europe/Oslo), with ICU's region.
    std::unique_ptr<icu::StringEnumeration> ids(icu::TimeZone::createTimeZoneIDEnumeration(
        UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
    if (U_FAILURE(status) || !ids) return;
    std::vector<std::string> zone_ids;
    while (const icu::UnicodeString* id = ids->snext(status)) {
      if (U_FAILURE(status)) break;
      zone_ids.push_back(to_utf8(*id));
    }
    std::sort(zone_ids.begin(), zone_ids.end());
    for (const std::string& zone : zone_ids) {
      if (seen_zones.count(zone) != 0) continue;
      const icu::UnicodeString uid = icu::UnicodeString::fromUTF8(zone);
      char region[8] = {0};
      UErrorCode st = U_ZERO_ERROR;
      icu::TimeZone::getRegion(uid, region, sizeof region, st);
      const std::string code = U_SUCCESS(st) ? std::string(region) : std::string();
      if (code.size() != 2 || code == "AQ" || !k_->countries.find(code)) continue;
      std::string last = zone.substr(zone.rfind('/') + 1);
      std::replace(last.begin(), last.end(), '_', ' ');
      add_zone_city(last, exemplar(uid), code);
    }
  }

  /// data/regions.txt: name TAB country-or-dash TAB aliases...
  void load_regions() {
    load_entries("regions.txt", "expected name TAB country-or-dash [TAB alias...]", EntityType::Place,
                 "region", Rank::Region);
  }

  /// Subdivision types of iso_3166-2.json worth a surface in news text. "Region",
  /// "Department" and "Municipality" count only for the countries listed with them, where
  /// they are the first-level units news text names.
  static bool wanted_type(std::string_view type, std::string_view country) {
    static const std::unordered_set<std::string_view> kTypes = {"State",
                                                                "Province",
                                                                "Oblast",
                                                                "Republic",
                                                                "Land",
                                                                "Autonomous republic",
                                                                "Emirate",
                                                                "Federal district",
                                                                "Territory",
                                                                "Autonomous region",
                                                                "Autonomous community",
                                                                "Union territory",
                                                                "Country",
                                                                "Prefecture",
                                                                "Governorate",
                                                                "Canton",
                                                                "Special administrative region",
                                                                "Autonomous province",
                                                                "Capital territory",
                                                                "Federal capital territory",
                                                                "Capital district",
                                                                "Regional state",
                                                                "Pakistan administered area",
                                                                "Entity",
                                                                "Autonomous city",
                                                                "Autonomous city in north africa",
                                                                "Special region",
                                                                "Geographical unit",
                                                                "Metropolitan region",
                                                                "Overseas region",
                                                                "Overseas collectivity",
                                                                "Outlying area",
                                                                "City",
                                                                "Capital city",
                                                                "Capital",
                                                                "Special city",
                                                                "Metropolitan city",
                                                                "Special municipality",
                                                                "Autonomous district",
                                                                "Administrative region",
                                                                "Administrative territory",
                                                                "Federal territory",
                                                                "Special self-governing province",
                                                                "Special self-governing city"};
    static const std::unordered_set<std::string_view> kRegionCountries = {
        "IT", "NZ", "PE", "SN", "ML", "NE", "TZ", "SO", "GH", "MM", "GE", "CL", "UZ",
        "TJ", "FI", "MA", "KZ", "UA", "SA", "AM", "KG", "TM", "GN", "DJ", "NA", "SZ"};
    static const std::unordered_set<std::string_view> kDepartmentCountries = {"CO", "BO"};
    static const std::unordered_set<std::string_view> kMunicipalityCountries = {"CN"};
    if (type == "Region") return kRegionCountries.count(country) != 0;
    if (type == "Department") return kDepartmentCountries.count(country) != 0;
    if (type == "Municipality") return kMunicipalityCountries.count(country) != 0;
    return kTypes.count(type) != 0;
  }

  /// The clean names of an iso-codes subdivision name: bracketed alternatives split off,
  /// parenthesised notes and a trailing "*" dropped, inverted comma forms reduced to their
  /// head ("Dagestan, Respublika" -> "Dagestan"), and administrative words that are not
  /// part of the name in English removed ("Guangdong Sheng" -> "Guangdong",
  /// "Gyeonggi-do" -> "Gyeonggi"). The first name is the main one.
  static std::vector<std::string> subdivision_names(std::string name) {
    std::vector<std::string> out;
    std::string alternative;
    if (const std::size_t open = name.find(" ["); open != std::string::npos) {
      const std::size_t close = name.find(']', open);
      std::string inner =
          name.substr(open + 2, close == std::string::npos ? std::string::npos : close - open - 2);
      // Drop code-like words ("Cymru GB-CYM" -> "Cymru").
      std::vector<std::string> kept;
      for (std::string_view w : split(inner, ' ')) {
        const bool code_like = w.size() >= 4 && w[2] == '-' &&
                               std::isupper(static_cast<unsigned char>(w[0])) &&
                               std::isupper(static_cast<unsigned char>(w[1]));
        if (!code_like && !w.empty()) kept.emplace_back(w);
      }
      alternative = join(kept, " ");
      if (!starts_upper(alternative)) alternative.clear();
      name.resize(open);
    }
    while (!name.empty() && (name.back() == '*' || name.back() == ' ')) name.pop_back();
    if (const std::size_t open = name.find(" ("); open != std::string::npos) name.resize(open);
    if (const std::size_t comma = name.find(", "); comma != std::string::npos) {
      const std::string tail = name.substr(comma + 2);
      if (tail.find(" and ") == std::string::npos) name.resize(comma);
    }
    std::string clean = name;
    static const char* const kSuffixes[] = {
        " Sheng",       " Shi",         " Zizhiqu",          " SAR", " oblysy", " Shaary",
        "-gwangyeoksi", "-teukbyeolsi", "-teukbyeoljachido", "-do"};
    for (const char* suffix : kSuffixes) {
      if (ends_with(clean, suffix) && clean.size() > std::string_view(suffix).size() + 2) {
        clean.resize(clean.size() - std::string_view(suffix).size());
        break;
      }
    }
    static const char* const kPrefixes[] = {"Gorod ", "Grad ", "City of ", "Wilayah Persekutuan "};
    for (const char* prefix : kPrefixes) {
      if (starts_with(clean, prefix) && clean.size() > std::string_view(prefix).size() + 2) {
        clean = clean.substr(std::string_view(prefix).size());
        break;
      }
    }
    out.push_back(clean);
    if (clean != name) out.push_back(name);
    if (!alternative.empty()) out.push_back(alternative);
    return out;
  }

  /// True when a name is written in a romanisation of another script (macrons, dots below,
  /// ayn and hamza marks): its ASCII form is then the spelling English text uses.
  static bool romanised(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
      const UChar32 c = next_cp(s, i);
      if (c == 0x02BB || c == 0x02BF || c == 0x02BE || c == 0x2018 || c == 0x0304 || c == 0x0323 ||
          c == 0x032E)
        return true;
      if (c >= 0x0100 && c <= 0x017F) {
        // Latin Extended-A letters with a macron or breve (ā ē ī ō ū ŭ ...).
        static const std::u32string kMacrons = U"ĀāĒēĪīŌōŪūŬŭ";
        if (kMacrons.find(static_cast<char32_t>(c)) != std::u32string::npos) return true;
      }
      if (c >= 0x1E00 && c <= 0x1EFF) {
        // Latin Extended Additional: dots below and cedillas of Arabic romanisation (ḩ ḑ ẕ ...).
        static const std::u32string kDots = U"ḨḩḌḍḐḑḤḥṢṣṬṭẒẓẔẕṮṯḎḏ";
        if (kDots.find(static_cast<char32_t>(c)) != std::u32string::npos) return true;
      }
    }
    return false;
  }

  /// Strips apostrophe-like marks from the edges of each word ("'Asir" -> "Asir").
  static std::string strip_edge_marks(std::string_view s) {
    std::vector<std::string> words;
    for (std::string_view w : split(s, ' ')) {
      std::string word(w);
      while (!word.empty() && (word.front() == '\'' || word.front() == '`')) word.erase(0, 1);
      while (!word.empty() && (word.back() == '\'' || word.back() == '`')) word.pop_back();
      if (!word.empty()) words.push_back(std::move(word));
    }
    return join(words, " ");
  }

  /// data/subdivisions.txt (English names for ISO 3166-2 codes, curated, never filtered),
  /// then the names iso_3166-2.json gives to subdivisions of the wanted types.
  void load_iso_subdivisions() {
    const std::string path = paths_.iso_codes_dir + "/iso_3166-2.json";
    const rapidjson::Document doc = read_iso_codes(path, "3166-2");

    struct Sub {
      std::string code, name, type;
    };
    std::vector<Sub> subs;
    std::unordered_map<std::string, std::size_t> by_code;
    for (const auto& s : doc["3166-2"].GetArray()) {
      if (!has_string(s, "code") || !has_string(s, "name"))
        throw KnowledgeError(path + ": an entry lacks code or name");
      Sub sub{s["code"].GetString(), s["name"].GetString(),
              has_string(s, "type") ? s["type"].GetString() : ""};
      if (sub.code.size() < 4 || sub.code[2] != '-')
        throw KnowledgeError(path + ": bad code \"" + sub.code + "\"");
      by_code.emplace(sub.code, subs.size());
      subs.push_back(std::move(sub));
    }
    if (subs.empty()) throw KnowledgeError(path + ": no subdivisions");

    // Curated English names.
    constexpr std::string_view file = "subdivisions.txt";
    std::unordered_map<std::string, const LexiconEntry*> curated;
    for (const DataLine& line : data_lines(file)) {
      if (line.cols.size() < 2) data_error(file, line, "expected ISO 3166-2 code TAB name [TAB alias...]");
      const std::string code(line.cols[0]);
      if (by_code.count(code) == 0) data_error(file, line, "unknown ISO 3166-2 code \"" + code + "\"");
      const std::string country = code.substr(0, 2);
      const LexiconEntry* e = new_entry(EntityType::Place, std::string(line.cols[1]), "subdivision", country);
      curated.emplace(code, e);
      for (std::size_t i = 1; i < line.cols.size(); ++i) add_surface(line.cols[i], e, Rank::Subdivision);
    }

    // Romanised countries: those with a subdivision name in a romanisation of another script.
    std::unordered_set<std::string> romanised_countries;
    for (const Sub& s : subs) {
      if (romanised(s.name)) romanised_countries.insert(s.code.substr(0, 2));
    }

    for (const Sub& s : subs) {
      const std::string country = s.code.substr(0, 2);
      if (!k_->countries.find(country)) continue;
      const auto cur = curated.find(s.code);
      if (cur == curated.end() && !wanted_type(s.type, country)) continue;
      std::vector<std::string> names = subdivision_names(s.name);
      const bool roman = romanised_countries.count(country) != 0;
      std::vector<std::string> usable;
      for (const std::string& n : names) {
        const std::string ascii = strip_edge_marks(ascii_form(n));
        const std::string& spelled = roman ? ascii : n;
        if (spelled.empty() || not_place(n) || not_place(spelled) || too_common(spelled, true) ||
            too_common(ascii, true))
          continue;
        usable.push_back(spelled);
        if (ascii != spelled) usable.push_back(ascii);
      }
      const LexiconEntry* e = nullptr;
      if (cur != curated.end()) {
        e = cur->second;
      } else if (!usable.empty()) {
        e = new_entry(EntityType::Place, usable.front(), "subdivision", country);
      }
      if (!e) continue;
      for (const std::string& n : usable) add_surface(n, e, Rank::Subdivision);
    }
  }

  /// data/demonyms.txt: alpha-2 TAB forms... (singular and plural as written).
  void load_demonyms() {
    constexpr std::string_view file = "demonyms.txt";
    for (const DataLine& line : data_lines(file)) {
      if (line.cols.size() < 2) data_error(file, line, "expected alpha-2 TAB demonym [TAB form...]");
      const std::string& code = country_code_or_throw(file, line, line.cols[0]);
      for (std::size_t i = 1; i < line.cols.size(); ++i) {
        bool inserted = false;
        const std::string*& slot = k_->demonyms.slot(std::string(line.cols[i]), inserted);
        if (inserted) slot = &code;
      }
    }
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------------

std::shared_ptr<const Knowledge> Knowledge::load(const KnowledgePaths& paths) {
  return std::make_shared<const Knowledge>(Loader(paths).run());
}

Knowledge::Knowledge(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Knowledge::~Knowledge() = default;

const LexiconEntry* Knowledge::entity(std::string_view phrase) const {
  const Slot* s = impl_->entities.find(phrase);
  return s ? s->entry : nullptr;
}

const LexiconEntry* Knowledge::entity(std::string_view phrase, bool& extends) const {
  const Slot* s = impl_->entities.find(phrase);
  extends = s && s->extends;
  return s ? s->entry : nullptr;
}

std::size_t Knowledge::max_entity_tokens() const { return impl_->max_entity_tokens; }

bool Knowledge::is_title(std::string_view phrase) const {
  return is_lower_ascii(phrase) ? impl_->titles.contains(phrase) : impl_->titles.contains(lower(phrase));
}
std::size_t Knowledge::max_title_tokens() const { return impl_->max_title_tokens; }
bool Knowledge::is_title_start(std::string_view word) const {
  return is_lower_ascii(word) ? impl_->title_starts.contains(word)
                              : impl_->title_starts.contains(lower(word));
}
bool Knowledge::is_title_modifier(std::string_view word) const {
  return is_lower_ascii(word) ? impl_->title_modifiers.contains(word)
                              : impl_->title_modifiers.contains(lower(word));
}

bool Knowledge::is_org_head(std::string_view word) const {
  return is_lower_ascii(word) ? impl_->org_heads.contains(word) : impl_->org_heads.contains(lower(word));
}
bool Knowledge::is_org_suffix(std::string_view word) const { return impl_->org_suffixes.contains(word); }

const std::string* Knowledge::demonym(std::string_view word) const {
  const std::string* const* code = impl_->demonyms.find(word);
  return code ? *code : nullptr;
}

const std::string* Knowledge::country_name(std::string_view alpha2) const {
  const LexiconEntry* const* e = impl_->countries.find(alpha2);
  return e ? &(*e)->canonical : nullptr;
}

bool Knowledge::is_given_name(std::string_view word) const { return impl_->given_names.contains(word); }
bool Knowledge::is_name_particle(std::string_view word) const { return impl_->particles.contains(word); }
bool Knowledge::is_common_word(std::string_view lower_word) const {
  return impl_->common_words.contains(lower_word);
}
bool Knowledge::is_never_entity(std::string_view word) const { return impl_->never.contains(word); }

bool Knowledge::is_place_prefix(std::string_view word) const { return impl_->place_prefixes.contains(word); }

bool Knowledge::is_place_head(std::string_view word) const {
  return is_lower_ascii(word) ? impl_->place_heads.contains(word) : impl_->place_heads.contains(lower(word));
}

std::string Knowledge::fold(std::string_view name) const {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  const auto emit = [&](UChar32 c) {
    if (u_isalnum(c)) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      append_cp(out, c);
    } else {
      pending_space = true;
    }
  };
  if (is_ascii(name)) {
    for (char ch : name) {
      const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      emit(static_cast<unsigned char>(c));
    }
    return out;
  }
  // Transliteration is slow on long strings, so input is folded in short pieces that end at
  // whitespace where there is some, else at a code point boundary.
  icu::Transliterator* t = thread_folder();
  constexpr std::size_t kPiece = 512;
  while (!name.empty()) {
    std::size_t n = name.size();
    if (n > kPiece) {
      n = kPiece;
      const std::size_t space = name.substr(0, n).find_last_of(" \t\n");
      if (space != std::string_view::npos && space > 0) {
        n = space;
      } else {
        while (n > 1 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
      }
    }
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(n)));
    name.remove_prefix(n);
    if (t) t->transliterate(u);
    u.toLower(icu::Locale::getRoot());
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      emit(c);
      i += U16_LENGTH(c);
    }
  }
  return out;
}

}  // namespace newsgraph
