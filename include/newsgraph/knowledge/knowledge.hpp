// General knowledge the rules use: gazetteers built at run time from Debian data
// (iso-codes countries and subdivisions, tzdata cities, ICU display names) and general
// word lists kept in the repository (data/*.txt, embedded into the library at build time).
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// Where the Debian data lives. Defaults are Debian's paths.
struct KnowledgePaths {
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
  std::string zone1970_tab = "/usr/share/zoneinfo/zone1970.tab";
  std::string words_file = "/usr/share/dict/words";
};

/// A known named thing: a place or an organization, under one of its names.
struct LexiconEntry {
  EntityType type = EntityType::Place;
  std::string canonical;     ///< the name a node takes: "Russia", "United States", "NATO"
  std::string kind;          ///< places: "country", "subdivision", "city", "region"; orgs: ""
  std::string country_code;  ///< ISO 3166-1 alpha-2 where known ("RU"), else empty
};

/// Thrown when Debian data is missing or malformed; what() is one line naming the file.
class KnowledgeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Immutable after load; safe to share between threads.
class Knowledge {
 public:
  /// Loads everything. Throws KnowledgeError naming the missing file.
  static std::shared_ptr<const Knowledge> load(const KnowledgePaths& paths = {});

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
  /// "Ukrainian"), else nullptr. Case-sensitive (capitalised).
  const std::string* demonym(std::string_view word) const;
  /// The canonical country name for an alpha-2 code ("RU" -> "Russia"), else nullptr.
  const std::string* country_name(std::string_view alpha2) const;

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
