// General knowledge the rules use, as a compiled snapshot that is memory-mapped and read in
// place: the gazetteers of places and organizations (built from Debian data: iso-codes
// countries and subdivisions, tzdata cities, ICU display names) and the general word lists kept
// in the repository (data/*.txt: titles, organization heads, given names, ...). The compiler
// (compile_knowledge, `newsgraph kb build`) turns the sources into the snapshot; Knowledge::open
// maps it, checks it and answers every query from the mapped bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// What the compiler reads: Debian's data (defaults are Debian's paths) and the lists of data/,
/// which are compiled into the library.
struct KnowledgeSources {
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
  std::string zone1970_tab = "/usr/share/zoneinfo/zone1970.tab";
  std::string words_file = "/usr/share/dict/words";
};

/// Which knowledge a pipeline uses.
struct KnowledgeConfig {
  /// The snapshot file; empty means default_knowledge_path() (pipeline/pipeline.hpp).
  std::string snapshot;
};

/// A known named thing: a place or an organization, under one of its names. Entries live in
/// the snapshot and are read in place: they cannot be copied or made, only pointed to, and a
/// pointer is valid as long as its Knowledge.
class LexiconEntry {
 public:
  LexiconEntry(const LexiconEntry&) = delete;
  LexiconEntry& operator=(const LexiconEntry&) = delete;

  EntityType type() const { return static_cast<EntityType>(type_); }
  /// The name a node takes: "Russia", "United States", "NATO".
  std::string_view canonical() const { return text(canonical_); }
  /// Places: "country", "subdivision", "city", "region"; organizations: "".
  std::string_view kind() const;
  /// ISO 3166-1 alpha-2 where known ("RU"), else empty.
  std::string_view country_code() const { return {country_, country_[0] != 0 ? 2u : 0u}; }
  /// The Wikidata id ("Q159"), or empty.
  std::string_view wikidata() const { return text(wikidata_); }
  /// Whether the entry has coordinates (places), and then its WGS 84 latitude and longitude in
  /// degrees (stored as 32-bit floats: about a metre).
  bool has_coordinates() const { return latitude_ == latitude_; }
  double latitude() const { return latitude_; }
  double longitude() const { return longitude_; }
  /// The population of a place, 0 when unknown.
  std::uint32_t population() const { return population_; }
  /// The other names the sources give it, separated by U+001F, as stored; see aliases().
  std::string_view alias_text() const { return text(aliases_); }
  /// The other names the sources give it (not every surface entity() knows it by).
  std::vector<std::string_view> aliases() const;

 private:
  /// A string of the snapshot, as an offset relative to the entry's own address.
  struct Text {
    std::int32_t offset;
    std::uint32_t size;
  };
  std::string_view text(const Text& t) const {
    return t.size == 0 ? std::string_view()
                       : std::string_view(reinterpret_cast<const char*>(this) + t.offset, t.size);
  }
  Text canonical_;
  Text wikidata_;
  Text aliases_;
  float latitude_;  // NaN: none
  float longitude_;
  std::uint32_t population_;
  std::uint8_t type_;
  std::uint8_t kind_;
  char country_[2];
  friend struct LexiconEntryLayout;
};
static_assert(sizeof(LexiconEntry) == 40, "LexiconEntry is the snapshot's entry record");

/// A snapshot that cannot be used, or a source the compiler cannot read: missing, truncated,
/// corrupt (checksum), of another version, malformed. what() is one line naming the file.
class KnowledgeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Compiles the sources into the bytes of a snapshot. The same sources give the same bytes.
/// Throws KnowledgeError naming a source that is missing or malformed.
std::string compile_knowledge(const KnowledgeSources& sources = {});

/// Immutable after load; safe to share between threads.
class Knowledge {
 public:
  /// Maps the snapshot at `path` and checks it (size, version, checksum, every section's
  /// bounds) before any query: throws KnowledgeError naming the file and the problem.
  static std::shared_ptr<const Knowledge> open(const std::string& path);
  /// The same over snapshot bytes held in memory (`origin` names them in errors).
  static std::shared_ptr<const Knowledge> from_bytes(std::string bytes, const std::string& origin);

  /// A place or organization written exactly as `phrase` (tokens joined by single spaces,
  /// as tokenised: "United States", "U.S.", "NATO", "Anchorage", "International Criminal Court").
  /// Case-sensitive. Countries win over other places of the same name; in full, a surface
  /// with several meanings names the first of: country > organization > city > region >
  /// subdivision.
  const LexiconEntry* entity(std::string_view phrase) const;
  /// entity(phrase), and in `extends` whether some longer phrase that entity() knows starts
  /// with `phrase` and a space: when it does not, no longer phrase from here can match, so a
  /// left-to-right search stops.
  const LexiconEntry* entity(std::string_view phrase, bool& extends) const;
  /// The longest phrase, in tokens, that entity() knows.
  std::size_t max_entity_tokens() const;

  /// A person's title or rank, any case: "president", "foreign minister", "adm.", "gen.",
  /// "secretary general", "spokeswoman", "special envoy", "chairman".
  bool is_title(std::string_view phrase) const;
  std::size_t max_title_tokens() const;
  /// A word that some title starts with, any case ("foreign", "secretary", "adm."): no title
  /// starts at a word for which this is false.
  bool is_title_start(std::string_view word) const;
  /// A word that may precede a title and belongs to it, any case: "foreign", "prime",
  /// "deputy", "vice", "former", "acting", "senior", "chief", "special", "supreme", "defense".
  bool is_title_modifier(std::string_view word) const;

  /// The head word of an organization name, any case: "Ministry", "Committee", "Court",
  /// "Council", "Party", "University", "Bank", "Agency", "Times", "Examiner", ...
  bool is_org_head(std::string_view word) const;
  /// A corporate suffix as tokenised: "Inc.", "Inc", "Corp.", "Ltd.", "Co.", "LLC", "plc", "AG".
  bool is_org_suffix(std::string_view word) const;

  /// A word that opens a place name, as written: "Fort", "Mount", "Lake", "Cape".
  bool is_place_prefix(std::string_view word) const;
  /// A word that ends the name of a place or facility, any case: "Stadium", "Airport",
  /// "Cosmodrome", "Square", "River", "Island".
  bool is_place_head(std::string_view word) const;

  /// ISO alpha-2 country code for a demonym or its plural ("Russian", "Russians", "French",
  /// "Ukrainian"), else none. Case-sensitive (capitalised).
  std::optional<std::string_view> demonym(std::string_view word) const;
  /// The canonical country name for an alpha-2 code ("RU" -> "Russia"), else none.
  std::optional<std::string_view> country_name(std::string_view alpha2) const;

  /// A common given name, capitalised as written ("Sergey", "Maria", "Dan").
  bool is_given_name(std::string_view word) const;
  /// A surname particle that may sit inside a person's name, as written: "van", "de", "bin", "al".
  bool is_name_particle(std::string_view word) const;
  /// A word that the dictionary lists in lower case ("trump", "tensions", "meanwhile").
  /// `lower` must already be lower case.
  bool is_common_word(std::string_view lower) const;
  /// Capitalised words that never name an entity on their own: weekdays, months,
  /// pronouns, "I", holidays. Case-sensitive.
  bool is_never_entity(std::string_view word) const;
  /// The short forms of given names, as (formal name, short form) pairs written as in
  /// data/nicknames.txt, in its order: ("Maurice", "Mo"), ("Mohamed", "Mo"). A short form
  /// that stands for several names has a pair for each.
  const std::vector<std::pair<std::string, std::string>>& nicknames() const;

  /// What the snapshot holds, as "key=value" lines: its size, format version, entries per
  /// source, keys per table (`newsgraph kb info`).
  std::string describe() const;

  /// Folds a name for comparison: ICU Latin-ASCII transliteration, lower case, and
  /// every run of non-alphanumerics to one space, trimmed ("Zelenskyy’s" -> "zelenskyy s").
  std::string fold(std::string_view name) const;

  struct Impl;
  explicit Knowledge(std::unique_ptr<Impl> impl);
  ~Knowledge();
  Knowledge(const Knowledge&) = delete;
  Knowledge& operator=(const Knowledge&) = delete;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsgraph
