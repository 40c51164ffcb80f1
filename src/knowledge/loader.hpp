// The Loader: builds the tables of a Knowledge (tables.hpp) from the lists of data/ (embedded
// into the library) and the Debian data named by KnowledgeSources. Its steps are grouped by
// source: loader.cpp (the core, entries and surface keys, word lists of data/*.txt and
// /usr/share/dict/words, nicknames), load_countries.cpp (iso-codes 3166-1, ICU display names,
// demonyms), load_cities.cpp (tzdata zone1970.tab, ICU time-zone names) and
// load_subdivisions.cpp (iso-codes 3166-2). Internal to src/knowledge/.
#pragma once

#include <rapidjson/document.h>
#include <unicode/translit.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/string_index.hpp"
#include "knowledge/tables.hpp"
#include "newsgraph/knowledge/knowledge.hpp"

namespace newsgraph::knowledge {

// ---------------------------------------------------------------------------------------------
// Files.

/// The bytes of the file at `path`. Throws KnowledgeError naming it when it cannot be read.
std::string read_file(const std::string& path);

/// The iso-codes JSON file at `path`, parsed: an object whose member `list` is an array.
/// Throws KnowledgeError naming the file when it cannot be read, is malformed or lacks `list`.
rapidjson::Document read_iso_codes(const std::string& path, const char* list);

/// True when `entry` is an object with a string member `key`.
bool has_string(const rapidjson::Value& entry, const char* key);

// ---------------------------------------------------------------------------------------------
// Embedded list parsing.

/// One data line: its number (1-based) and its TAB-separated, trimmed columns.
struct DataLine {
  std::size_t number = 0;
  std::vector<std::string_view> cols;
};

/// The non-blank, non-comment lines of data/<name>. Columns are split at TABs; empty
/// trailing columns are dropped.
std::vector<DataLine> data_lines(std::string_view name);

/// Throws KnowledgeError naming data/<name> and the line.
[[noreturn]] void data_error(std::string_view name, const DataLine& line, std::string_view what);

// ---------------------------------------------------------------------------------------------

/// Builds a Tables. Each step documents what it reads.
class Loader {
 public:
  explicit Loader(const KnowledgeSources& paths) : paths_(paths), k_(std::make_unique<Tables>()) {}

  /// Runs every step, in the order that gives each surface its entry (see knowledge.cpp).
  std::unique_ptr<Tables> run();

 private:
  const KnowledgeSources& paths_;
  std::unique_ptr<Tables> k_;
  StringSet not_places_;
  std::unique_ptr<icu::Transliterator> latin_ascii_;

  // ---- helpers (loader.cpp) ------------------------------------------------------------------

  std::string ascii_form(std::string_view s) const;
  bool common_lower(std::string_view word) const;
  /// Listed in data/not_places.txt, as written or in its ASCII form.
  bool not_place(std::string_view name) const;
  /// True when a derived (not curated) name would be a false hit in running text: a name
  /// that does not start with a capital; a single word of fewer than four letters, that the
  /// dictionary lists in lower case, that is a given name (when `given` is set), a
  /// never-entity word or a demonym; or several words that are all common words.
  bool too_common(std::string_view name, bool given) const;
  const Draft* new_entry(EntityType type, std::string canonical, std::string kind, std::string code);
  void put_key(const std::string& key, std::size_t tokens, const Draft* entry, Rank rank);
  /// Stores `surface` for `entry` in every key form (see the file comment of knowledge.cpp).
  void add_surface(std::string_view surface, const Draft* entry, Rank rank);
  const std::string& country_code_or_throw(std::string_view file, const DataLine& line,
                                           std::string_view code);
  /// Adds one entry of `type` and `kind` per line of data/<file>, "canonical TAB alpha-2-or-dash
  /// [TAB alias...]", found by its canonical name and every alias at `rank`. Throws a data error
  /// for a line of fewer than two columns (saying `expected`) and for an unknown country code.
  void load_entries(std::string_view file, std::string_view expected, EntityType type, const char* kind,
                    Rank rank);
  /// Adds every lower-cased phrase of data/<file> to `set`, as written and tokenised; returns
  /// the longest phrase in tokens.
  std::size_t load_lower_set(std::string_view file, StringSet& set);
  void load_exact_set(std::string_view file, StringSet& set);

  // ---- steps ---------------------------------------------------------------------------------

  /// /usr/share/dict/words: every entry written without capitals is a common word.
  void load_words();
  /// The word lists of data/: titles, title modifiers, organization heads and suffixes, given
  /// names, name particles, never-entity words, place prefixes and heads.
  void load_word_lists();
  /// data/nicknames.txt: "formal name: short form, short form, ...".
  void load_nicknames();
  /// iso_3166-1.json: one entry per country, named by ICU's English display name unless
  /// data/country_names.txt overrides it; every iso-codes name, the sensible parts of
  /// inverted comma forms, and the aliases of data/country_aliases.txt are its surfaces.
  /// (load_countries.cpp)
  void load_countries();
  /// data/demonyms.txt: alpha-2 TAB forms... (singular and plural as written).
  /// (load_countries.cpp)
  void load_demonyms();
  /// data/organizations.txt: canonical TAB country-or-dash TAB aliases...
  void load_organizations();
  /// data/cities.txt first (curated; "-" for a city whose country is disputed), then tzdata
  /// zone1970.tab and ICU's zone exemplar cities. (load_cities.cpp)
  void load_cities();
  /// data/regions.txt: name TAB country-or-dash TAB aliases...
  void load_regions();
  /// data/subdivisions.txt (English names for ISO 3166-2 codes, curated, never filtered),
  /// then the names iso_3166-2.json gives to subdivisions of the wanted types.
  /// (load_subdivisions.cpp)
  void load_iso_subdivisions();
};

}  // namespace newsgraph::knowledge
