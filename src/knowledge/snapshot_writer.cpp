// The snapshot writer: the compiler's tables (tables.hpp) laid out as snapshot_format.hpp says.
// Deterministic: entries keep the order the compiler made them in, every table lists its keys
// sorted, and strings are pooled in the order they are first met, so the same tables give the
// same bytes.
#include "knowledge/snapshot_writer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "knowledge/entry_layout.hpp"
#include "knowledge/snapshot_format.hpp"
#include "util/binary_io.hpp"

namespace newsgraph::knowledge {
namespace {

using snapshot::Record;
using snapshot::Section;

/// The strings of the snapshot, each stored once.
class Pool {
 public:
  /// The offset of `s` in the pool, adding it when new.
  std::uint32_t add(std::string_view s) {
    const auto it = index_.find(std::string(s));
    if (it != index_.end()) return it->second;
    if (bytes_.size() + s.size() > std::numeric_limits<std::uint32_t>::max())
      throw KnowledgeError("knowledge snapshot: more than 4 GB of strings");
    const auto at = static_cast<std::uint32_t>(bytes_.size());
    bytes_.append(s);
    index_.emplace(std::string(s), at);
    return at;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

/// One string-keyed table, ready to be laid out.
struct Table {
  Section id;
  std::vector<Record> records;  // sorted by key
};

std::uint32_t hash_high(std::string_view key) {
  return static_cast<std::uint32_t>(snapshot::key_hash(key) >> 32);
}

/// The bytes of a table section: slot count, key count, slots, records.
std::string table_bytes(const Table& t, const Pool& pool) {
  std::uint32_t slots = 16;
  while (slots < 2 * t.records.size()) slots *= 2;
  std::vector<std::uint32_t> slot(slots, 0);
  for (std::size_t r = 0; r < t.records.size(); ++r) {
    const std::string_view key(pool.bytes().data() + t.records[r].key_off, t.records[r].key_len);
    std::size_t i = snapshot::key_hash(key) & (slots - 1);
    while (slot[i] != 0) i = (i + 1) & (slots - 1);
    slot[i] = static_cast<std::uint32_t>(r + 1);
  }
  std::string out;
  binary::put_u32(out, slots);
  binary::put_u32(out, static_cast<std::uint32_t>(t.records.size()));
  for (std::uint32_t s : slot) binary::put_u32(out, s);
  for (const Record& r : t.records) {
    binary::put_u32(out, r.key_off);
    binary::put_u32(out, r.key_len);
    binary::put_u32(out, r.value);
    binary::put_u32(out, r.hash_high);
  }
  return out;
}

Record make_record(Pool& pool, std::string_view key, std::uint32_t value) {
  return {pool.add(key), static_cast<std::uint32_t>(key.size()), value, hash_high(key)};
}

Table set_table(Section id, const StringSet& set, Pool& pool) {
  Table t{id, {}};
  for (std::string_view key : set.sorted_keys()) t.records.push_back(make_record(pool, key, 0));
  return t;
}

void pad8(std::string& s) {
  while (s.size() % 8 != 0) s.push_back('\0');
}

}  // namespace

std::string write_snapshot(const Tables& tables) {
  Pool pool;
  // Entries first, so that their strings lead the pool in entry order.
  std::unordered_map<const Draft*, std::uint32_t> index_of;
  std::unordered_map<const std::string*, std::uint32_t> index_of_code;
  struct EntryStrings {
    std::uint32_t canonical, wikidata, aliases;
  };
  std::vector<EntryStrings> entry_strings;
  for (const Draft& d : tables.entries) {
    const auto k = static_cast<std::uint32_t>(entry_strings.size());
    index_of.emplace(&d, k);
    index_of_code.emplace(&d.country_code, k);
    entry_strings.push_back({pool.add(d.canonical), pool.add(d.wikidata), pool.add(d.aliases)});
  }

  std::vector<Table> tables_out;
  {
    Table t{Section::Entities, {}};
    for (const auto& [key, slot] : tables.entities.sorted()) {
      std::uint32_t value = slot->entry ? index_of.at(slot->entry) + 1 : 0;
      if (slot->extends) value |= snapshot::kExtendsBit;
      t.records.push_back(make_record(pool, key, value));
    }
    tables_out.push_back(std::move(t));
  }
  tables_out.push_back(set_table(Section::Titles, tables.titles, pool));
  tables_out.push_back(set_table(Section::TitleStarts, tables.title_starts, pool));
  tables_out.push_back(set_table(Section::TitleModifiers, tables.title_modifiers, pool));
  tables_out.push_back(set_table(Section::OrgHeads, tables.org_heads, pool));
  tables_out.push_back(set_table(Section::OrgSuffixes, tables.org_suffixes, pool));
  {
    Table t{Section::Demonyms, {}};
    for (const auto& [key, code] : tables.demonyms.sorted())
      t.records.push_back(make_record(pool, key, index_of_code.at(*code)));
    tables_out.push_back(std::move(t));
  }
  {
    Table t{Section::Countries, {}};
    for (const auto& [key, entry] : tables.countries.sorted())
      t.records.push_back(make_record(pool, key, index_of.at(*entry)));
    tables_out.push_back(std::move(t));
  }
  tables_out.push_back(set_table(Section::GivenNames, tables.given_names, pool));
  tables_out.push_back(set_table(Section::Particles, tables.particles, pool));
  tables_out.push_back(set_table(Section::CommonWords, tables.common_words, pool));
  tables_out.push_back(set_table(Section::Never, tables.never, pool));
  tables_out.push_back(set_table(Section::PlacePrefixes, tables.place_prefixes, pool));
  tables_out.push_back(set_table(Section::PlaceHeads, tables.place_heads, pool));

  std::string nicknames;
  binary::put_u32(nicknames, static_cast<std::uint32_t>(tables.nicknames.size()));
  for (const auto& [formal, nick] : tables.nicknames) {
    binary::put_u32(nicknames, pool.add(formal));
    binary::put_u32(nicknames, static_cast<std::uint32_t>(formal.size()));
    binary::put_u32(nicknames, pool.add(nick));
    binary::put_u32(nicknames, static_cast<std::uint32_t>(nick.size()));
  }

  std::string meta;
  meta += "max_entity_tokens=" + std::to_string(tables.max_entity_tokens) + "\n";
  meta += "max_title_tokens=" + std::to_string(tables.max_title_tokens) + "\n";
  meta += "entries=" + std::to_string(tables.entries.size()) + "\n";
  for (const auto& [name, count] : tables.counts)
    meta += "entries." + name + "=" + std::to_string(count) + "\n";

  // Every section but Entries is final now; lay them out to know where each starts.
  std::vector<std::pair<Section, std::string>> sections;
  sections.emplace_back(Section::Strings, pool.bytes());
  sections.emplace_back(Section::Entries, std::string(entry_strings.size() * sizeof(LexiconEntry), '\0'));
  for (const Table& t : tables_out) sections.emplace_back(t.id, table_bytes(t, pool));
  sections.emplace_back(Section::Nicknames, std::move(nicknames));
  sections.emplace_back(Section::Meta, std::move(meta));
  std::sort(sections.begin(), sections.end(), [](const auto& a, const auto& b) {
    return static_cast<int>(a.first) < static_cast<int>(b.first);
  });

  std::vector<std::uint64_t> offsets;
  std::uint64_t at = snapshot::kHeaderSize + snapshot::kSectionRecordSize * sections.size();
  at = (at + 7) / 8 * 8;
  for (const auto& s : sections) {
    offsets.push_back(at);
    at = (at + s.second.size() + 7) / 8 * 8;
  }
  const std::uint64_t strings_at = offsets[0];
  const std::uint64_t entries_at = offsets[1];

  // The entry records, their strings relative to themselves.
  std::string& entries = sections[1].second;
  std::size_t k = 0;
  for (const Draft& d : tables.entries) {
    const std::uint64_t self = entries_at + k * sizeof(LexiconEntry);
    const auto rel = [&](std::uint32_t pool_off, std::size_t size) -> EntryLayout::Text {
      if (size == 0) return {0, 0};
      return {static_cast<std::int32_t>(static_cast<std::int64_t>(strings_at + pool_off) -
                                        static_cast<std::int64_t>(self)),
              static_cast<std::uint32_t>(size)};
    };
    EntryLayout::Raw raw{};
    raw.canonical = rel(entry_strings[k].canonical, d.canonical.size());
    raw.wikidata = rel(entry_strings[k].wikidata, d.wikidata.size());
    raw.aliases = rel(entry_strings[k].aliases, d.aliases.size());
    raw.latitude = d.has_coordinates ? static_cast<float>(d.latitude) : std::nanf("");
    raw.longitude = d.has_coordinates ? static_cast<float>(d.longitude) : std::nanf("");
    raw.population = d.population;
    raw.type = static_cast<std::uint8_t>(d.type);
    raw.kind = EntryLayout::kind_code(d.kind);
    if (d.country_code.size() == 2) {
      raw.country[0] = d.country_code[0];
      raw.country[1] = d.country_code[1];
    }
    EntryLayout::write(raw, entries.data() + k * sizeof(LexiconEntry));
    ++k;
  }

  std::string out;
  out.append(snapshot::kMagic, sizeof snapshot::kMagic);
  binary::put_u32(out, snapshot::kVersion);
  binary::put_u32(out, static_cast<std::uint32_t>(sections.size()));
  binary::put_u64(out, at);
  binary::put_u64(out, 0);  // checksum, filled in below
  out.append(32, '\0');
  for (std::size_t i = 0; i < sections.size(); ++i) {
    binary::put_u32(out, static_cast<std::uint32_t>(sections[i].first));
    binary::put_u32(out, 0);
    binary::put_u64(out, offsets[i]);
    binary::put_u64(out, sections[i].second.size());
  }
  for (std::size_t i = 0; i < sections.size(); ++i) {
    pad8(out);
    out += sections[i].second;
  }
  pad8(out);
  const std::uint64_t sum =
      snapshot::checksum(reinterpret_cast<const unsigned char*>(out.data()) + snapshot::kHeaderSize,
                         out.size() - snapshot::kHeaderSize);
  std::string sum_bytes;
  binary::put_u64(sum_bytes, sum);
  out.replace(24, 8, sum_bytes);
  return out;
}

}  // namespace newsgraph::knowledge
