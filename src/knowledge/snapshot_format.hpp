// The knowledge snapshot file: what `newsgraph kb build` writes and Knowledge::open maps. All
// integers are little-endian; every section starts at a multiple of 8 bytes. The layout is read
// in place, so that a lookup touches the mapped file and nothing else. Internal to
// src/knowledge/ (docs/knowledge-snapshot.md describes it for readers of the file).
//
//   Header (64 bytes)
//     magic     8 bytes "NGKB\r\n\x1a\n" (a text transfer that rewrites line ends breaks it)
//     version   u32, kVersion
//     sections  u32, the number of section records
//     size      u64, the file's size in bytes
//     checksum  u64, checksum() of every byte after the header
//     reserved  32 bytes of zeros
//   Section records, one per section: id u32, zero u32, offset u64, size u64
//   Sections (each id at most once):
//     Strings   UTF-8 bytes that the other sections point into (offsets relative to it)
//     Entries   LexiconEntry records (newsgraph/knowledge/knowledge.hpp), 40 bytes each; their
//               strings are offsets relative to the record itself, so a record read in place
//               needs no base pointer
//     tables    string-keyed hash tables (below): the entity surfaces, every word list, the
//               demonyms and the country codes
//     Nicknames pairs of strings (formal given name, short form), in file order
//     Meta      key=value lines: the longest entity and title in tokens, counts per source
//
//   A hash table: slot_count u32 (a power of two), key_count u32, then slot_count u32 slots
//   (0 empty, else 1 + a record index), then key_count records {key_off u32, key_len u32,
//   value u32, hash_high u32} in sorted key order. A key goes to slot key_hash(key) &
//   (slot_count - 1), and to the next slot while that one is taken (linear probing).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace newsgraph::knowledge::snapshot {

inline constexpr char kMagic[8] = {'N', 'G', 'K', 'B', '\r', '\n', '\x1a', '\n'};
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::size_t kHeaderSize = 64;
inline constexpr std::size_t kSectionRecordSize = 24;

/// The sections a snapshot holds.
enum class Section : std::uint32_t {
  Strings = 1,
  Entries = 2,
  Entities = 3,  ///< value: entry index + 1 (0: only a beginning of longer surfaces) | extends << 31
  Titles = 4,
  TitleStarts = 5,
  TitleModifiers = 6,
  OrgHeads = 7,
  OrgSuffixes = 8,
  Demonyms = 9,    ///< value: the country's entry index
  Countries = 10,  ///< alpha-2 code -> the country's entry index
  GivenNames = 11,
  Particles = 12,
  CommonWords = 13,
  Never = 14,
  PlacePrefixes = 15,
  PlaceHeads = 16,
  Nicknames = 17,
  Meta = 18,
};
inline constexpr std::uint32_t kSectionCount = 18;

/// "entities", "titles", ...: the name of a section in messages.
std::string_view section_name(Section s);

/// The value bit of the Entities table that says a longer surface starts with the key.
inline constexpr std::uint32_t kExtendsBit = 0x80000000u;

/// A hash table record.
struct Record {
  std::uint32_t key_off;
  std::uint32_t key_len;
  std::uint32_t value;
  std::uint32_t hash_high;
};
static_assert(sizeof(Record) == 16);

/// A 64-bit hash of a short string, eight bytes at a time; part of the format (slots depend on
/// it), so it must never change within a version.
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

/// The checksum of the bytes after the header: four interleaved multiply-xor lanes over 8-byte
/// words (fast enough to check a whole snapshot at every load), then the tail and the length.
/// Any flipped bit changes it.
std::uint64_t checksum(const unsigned char* data, std::size_t size);

}  // namespace newsgraph::knowledge::snapshot
