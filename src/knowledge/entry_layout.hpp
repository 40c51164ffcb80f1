// The byte layout of a LexiconEntry record, for the snapshot writer (which makes records) and
// reader (which checks them). Internal to src/knowledge/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "newsgraph/knowledge/knowledge.hpp"

namespace newsgraph {

struct LexiconEntryLayout {
  using Text = LexiconEntry::Text;
  /// A record's fields, in its order.
  struct Raw {
    Text canonical;
    Text wikidata;
    Text aliases;
    float latitude;
    float longitude;
    std::uint32_t population;
    std::uint8_t type;
    std::uint8_t kind;
    char country[2];
  };
  static_assert(sizeof(Raw) == sizeof(LexiconEntry));
  static_assert(offsetof(Raw, canonical) == offsetof(LexiconEntry, canonical_));
  static_assert(offsetof(Raw, wikidata) == offsetof(LexiconEntry, wikidata_));
  static_assert(offsetof(Raw, aliases) == offsetof(LexiconEntry, aliases_));
  static_assert(offsetof(Raw, latitude) == offsetof(LexiconEntry, latitude_));
  static_assert(offsetof(Raw, longitude) == offsetof(LexiconEntry, longitude_));
  static_assert(offsetof(Raw, population) == offsetof(LexiconEntry, population_));
  static_assert(offsetof(Raw, type) == offsetof(LexiconEntry, type_));
  static_assert(offsetof(Raw, kind) == offsetof(LexiconEntry, kind_));
  static_assert(offsetof(Raw, country) == offsetof(LexiconEntry, country_));

  /// The kinds an entry may have, by code; code 0 is "" (no kind).
  static constexpr std::string_view kKinds[] = {"", "country", "subdivision", "city", "region"};
  static constexpr std::size_t kKindCount = sizeof kKinds / sizeof kKinds[0];
  /// The code of `kind`; throws KnowledgeError for a kind the format does not know.
  static std::uint8_t kind_code(std::string_view kind);

  static void write(const Raw& raw, char* at) { std::memcpy(at, &raw, sizeof raw); }
  static Raw read(const char* at) {
    Raw raw;
    std::memcpy(&raw, at, sizeof raw);
    return raw;
  }
};

namespace knowledge {
using EntryLayout = LexiconEntryLayout;
}

}  // namespace newsgraph
