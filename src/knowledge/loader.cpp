// The Loader's core: files, embedded lists, entries and surface keys, and the general word
// lists (data/*.txt, /usr/share/dict/words, data/nicknames.txt). The steps for countries,
// cities and subdivisions are in load_countries.cpp, load_cities.cpp and load_subdivisions.cpp.
#include "knowledge/loader.hpp"

#include <rapidjson/error/en.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "knowledge/surface.hpp"
#include "util/embedded_data.hpp"
#include "util/strings.hpp"

namespace newsgraph::knowledge {
namespace {

/// Replaces every occurrence of `from` in `s` by `to`.
std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

/// The text of data/<name>, embedded into the library. Throws KnowledgeError when it is not.
std::string_view embedded_text(std::string_view name) {
  try {
    return embedded_file(name);
  } catch (const std::logic_error&) {
    throw KnowledgeError("missing embedded data file data/" + std::string(name));
  }
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw KnowledgeError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw KnowledgeError("cannot read " + path);
  return ss.str();
}

rapidjson::Document read_iso_codes(const std::string& path, const char* list) {
  const std::string json = read_file(path);
  rapidjson::Document doc;
  // Iterative: nesting depth costs heap, not stack (no stack overflow on deep nesting).
  doc.Parse<rapidjson::kParseIterativeFlag>(json.c_str(), json.size());
  if (doc.HasParseError())
    throw KnowledgeError(path + ": malformed JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
                         rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject() || !doc.HasMember(list) || !doc[list].IsArray())
    throw KnowledgeError(path + ": no \"" + list + "\" array");
  return doc;
}

bool has_string(const rapidjson::Value& entry, const char* key) {
  return entry.IsObject() && entry.HasMember(key) && entry[key].IsString();
}

std::vector<DataLine> data_lines(std::string_view name) {
  const std::string_view text = embedded_text(name);
  std::vector<DataLine> out;
  std::size_t number = 0;
  for (std::string_view line : strings::split(text, '\n')) {
    ++number;
    const std::string_view t = strings::trim(line);
    if (t.empty() || t.front() == '#') continue;
    DataLine dl;
    dl.number = number;
    for (std::string_view col : strings::split(t, '\t')) dl.cols.push_back(strings::trim(col));
    while (!dl.cols.empty() && dl.cols.back().empty()) dl.cols.pop_back();
    out.push_back(std::move(dl));
  }
  return out;
}

[[noreturn]] void data_error(std::string_view name, const DataLine& line, std::string_view what) {
  throw KnowledgeError("data/" + std::string(name) + " line " + std::to_string(line.number) + ": " +
                       std::string(what));
}

// ---------------------------------------------------------------------------------------------

std::unique_ptr<Tables> Loader::run() {
  if (!thread_folder())
    throw KnowledgeError(std::string("ICU transliterator ") + kFoldId + " is unavailable");
  latin_ascii_ = make_transliterator("Latin-ASCII");
  if (!latin_ascii_) throw KnowledgeError("ICU transliterator Latin-ASCII is unavailable");

  load_words();
  load_word_lists();
  load_nicknames();
  load_exact_set("not_places.txt", not_places_);
  // The entry steps, each counted by the entries it adds (kb info reports them).
  const std::pair<const char*, void (Loader::*)()> steps[] = {
      {"countries", &Loader::load_countries},
      {"demonyms", &Loader::load_demonyms},
      {"organizations", &Loader::load_organizations},
      {"cities", &Loader::load_cities},
      {"regions", &Loader::load_regions},
      {"subdivisions", &Loader::load_iso_subdivisions},
  };
  for (const auto& [name, step] : steps) {
    const std::size_t before = k_->entries.size();
    (this->*step)();
    k_->counts.emplace_back(name, k_->entries.size() - before);
  }
  return std::move(k_);
}

// ---- helpers ---------------------------------------------------------------------------------

std::string Loader::ascii_form(std::string_view s) const {
  if (strings::is_ascii(s)) return std::string(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  latin_ascii_->transliterate(u);
  return to_utf8(u);
}

bool Loader::common_lower(std::string_view word) const { return k_->common_words.contains(lower(word)); }

bool Loader::not_place(std::string_view name) const {
  return not_places_.contains(name) || not_places_.contains(ascii_form(name));
}

bool Loader::too_common(std::string_view name, bool given) const {
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

const Draft* Loader::new_entry(EntityType type, std::string canonical, std::string kind, std::string code) {
  Draft e;
  e.type = type;
  e.canonical = std::move(canonical);
  e.kind = std::move(kind);
  e.country_code = std::move(code);
  k_->entries.push_back(std::move(e));
  return &k_->entries.back();
}

void Loader::put_key(const std::string& key, std::size_t tokens, const Draft* entry, Rank rank) {
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

void Loader::add_surface(std::string_view surface, const Draft* entry, Rank rank) {
  const std::string base = collapse_spaces(surface);
  if (base.empty() || !has_letter(base)) return;
  std::vector<std::string> variants{base};
  if (!strings::is_ascii(base)) {
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
    put_key(strings::join(toks, " "), toks.size(), entry, rank);
  }
}

const std::string& Loader::country_code_or_throw(std::string_view file, const DataLine& line,
                                                 std::string_view code) {
  const Draft* const* c = k_->countries.find(code);
  if (!c) data_error(file, line, "unknown ISO 3166-1 alpha-2 code \"" + std::string(code) + "\"");
  return (*c)->country_code;
}

void Loader::load_entries(std::string_view file, std::string_view expected, EntityType type, const char* kind,
                          Rank rank) {
  for (const DataLine& line : data_lines(file)) {
    if (line.cols.size() < 2) data_error(file, line, expected);
    std::string code;
    if (line.cols[1] != "-") code = country_code_or_throw(file, line, line.cols[1]);
    const Draft* e = new_entry(type, std::string(line.cols[0]), kind, code);
    add_surface(line.cols[0], e, rank);
    for (std::size_t i = 2; i < line.cols.size(); ++i) add_surface(line.cols[i], e, rank);
  }
}

std::size_t Loader::load_lower_set(std::string_view file, StringSet& set) {
  std::size_t longest = 0;
  for (const DataLine& line : data_lines(file)) {
    if (line.cols.size() != 1) data_error(file, line, "expected one column");
    const std::string phrase = lower(collapse_spaces(line.cols[0]));
    const std::vector<std::string> toks = surface_tokens(phrase);
    set.insert(phrase);
    set.insert(strings::join(toks, " "));
    longest = std::max(longest, toks.size());
  }
  return longest;
}

void Loader::load_exact_set(std::string_view file, StringSet& set) {
  for (const DataLine& line : data_lines(file)) {
    if (line.cols.size() != 1) data_error(file, line, "expected one column");
    set.insert_view(line.cols[0]);  // views static embedded data
  }
}

// ---- steps -----------------------------------------------------------------------------------

void Loader::load_words() {
  k_->words_blob = read_file(paths_.words_file);
  const std::string_view blob = k_->words_blob;
  std::size_t start = 0;
  while (start < blob.size()) {
    std::size_t end = blob.find('\n', start);
    if (end == std::string_view::npos) end = blob.size();
    const std::string_view w = strings::trim(blob.substr(start, end - start));
    start = end + 1;
    if (w.empty()) continue;
    const bool caps = strings::is_ascii(w)
                          ? std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; })
                          : has_upper(w);
    if (!caps) k_->common_words.insert_view(w);
  }
  if (k_->common_words.size() == 0) throw KnowledgeError("no lower-case words in " + paths_.words_file);
}

void Loader::load_word_lists() {
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

void Loader::load_nicknames() {
  const std::string_view text = embedded_text("nicknames.txt");
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string formal = line.substr(0, colon);
    for (std::string_view nick : strings::split_whitespace(std::string_view(line).substr(colon + 1))) {
      std::string bare(nick);
      if (!bare.empty() && bare.back() == ',') bare.pop_back();
      k_->nicknames.emplace_back(formal, std::move(bare));
    }
  }
}

void Loader::load_organizations() {
  load_entries("organizations.txt", "expected canonical TAB country-or-dash [TAB alias...]",
               EntityType::Organization, "", Rank::Organization);
}

void Loader::load_regions() {
  load_entries("regions.txt", "expected name TAB country-or-dash [TAB alias...]", EntityType::Place, "region",
               Rank::Region);
}

}  // namespace newsgraph::knowledge
