// The snapshot reader: maps a snapshot, checks it whole, then serves it in place. The checks
// make a snapshot that is truncated, corrupt, of another version or crafted to point outside
// itself an error at open time, so that no later query can read outside the bytes.
#include "knowledge/snapshot_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <system_error>

#include "knowledge/entry_layout.hpp"
#include "newsgraph/util/utf8.hpp"
#include "util/binary_io.hpp"

// Under AddressSanitizer, the slack after snapshot bytes held in memory is poisoned (see
// Snapshot::from_bytes), so that a read past the end of a snapshot is reported.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NEWSGRAPH_KB_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(NEWSGRAPH_KB_ASAN)
#define NEWSGRAPH_KB_ASAN 1
#endif
#ifdef NEWSGRAPH_KB_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace newsgraph::knowledge {

namespace snapshot {

std::string_view section_name(Section s) {
  switch (s) {
    case Section::Strings:
      return "strings";
    case Section::Entries:
      return "entries";
    case Section::Entities:
      return "entities";
    case Section::Titles:
      return "titles";
    case Section::TitleStarts:
      return "title starts";
    case Section::TitleModifiers:
      return "title modifiers";
    case Section::OrgHeads:
      return "organization heads";
    case Section::OrgSuffixes:
      return "organization suffixes";
    case Section::Demonyms:
      return "demonyms";
    case Section::Countries:
      return "countries";
    case Section::GivenNames:
      return "given names";
    case Section::Particles:
      return "name particles";
    case Section::CommonWords:
      return "common words";
    case Section::Never:
      return "never-entity words";
    case Section::PlacePrefixes:
      return "place prefixes";
    case Section::PlaceHeads:
      return "place heads";
    case Section::Nicknames:
      return "nicknames";
    case Section::Meta:
      return "meta";
  }
  return "unknown";
}

std::uint64_t checksum(const unsigned char* data, std::size_t size) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t lane[4] = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull, 0xA4093822299F31D0ull,
                           0x082EFA98EC4E6C89ull};
  std::size_t i = 0;
  for (; i + 32 <= size; i += 32) {
    for (int k = 0; k < 4; ++k) {
      std::uint64_t v;
      std::memcpy(&v, data + i + 8 * k, 8);
      lane[k] = (lane[k] ^ v) * kMul;
      lane[k] ^= lane[k] >> 31;
    }
  }
  std::uint64_t h = lane[0];
  for (int k = 1; k < 4; ++k) {
    h = (h ^ lane[k]) * kMul;
    h ^= h >> 29;
  }
  for (; i < size; ++i) {
    h = (h ^ data[i]) * kMul;
    h ^= h >> 29;
  }
  h = (h ^ size) * kMul;
  return h ^ (h >> 32);
}

}  // namespace snapshot

namespace {

using snapshot::Section;

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw KnowledgeError(origin + ": " + what);
}

std::uint32_t u32_at(const char* p) { return binary::get_u32(p); }
std::uint64_t u64_at(const char* p) { return binary::get_u64(p); }

/// Whether an entry's country code is none (two zero bytes) or two ASCII capital letters.
bool valid_country(const char (&c)[2]) {
  const auto capital = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
  return (c[0] == 0 && c[1] == 0) || (capital(c[0]) && capital(c[1]));
}

}  // namespace

std::unique_ptr<Snapshot> Snapshot::map_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT)
      fail(path, "no knowledge snapshot here (build one with 'newsgraph kb build', or give --kb FILE)");
    fail(path, "cannot open the knowledge snapshot (" + std::system_category().message(err) + ")");
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    fail(path, "the knowledge snapshot is not a regular file");
  }
  std::unique_ptr<Snapshot> s(new Snapshot());
  s->size_ = static_cast<std::size_t>(st.st_size);
  if (s->size_ < snapshot::kHeaderSize) {
    ::close(fd);
    fail(path, "truncated knowledge snapshot (" + std::to_string(s->size_) + " bytes)");
  }
  void* map = ::mmap(nullptr, s->size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  const int err = errno;
  ::close(fd);
  if (map == MAP_FAILED)
    fail(path, "cannot map the knowledge snapshot (" + std::system_category().message(err) + ")");
  s->mapping_ = map;
  s->data_ = static_cast<const char*>(map);
  s->check(path);
  return s;
}

std::unique_ptr<Snapshot> Snapshot::from_bytes(std::string bytes, const std::string& origin) {
  std::unique_ptr<Snapshot> s(new Snapshot());
  s->size_ = bytes.size();
  s->owned_words_ = (bytes.size() + 7) / 8 + 1;
  s->owned_.reset(new std::uint64_t[s->owned_words_]);
  std::memcpy(s->owned_.get(), bytes.data(), bytes.size());
  s->data_ = reinterpret_cast<const char*>(s->owned_.get());
#ifdef NEWSGRAPH_KB_ASAN
  ASAN_POISON_MEMORY_REGION(s->data_ + s->size_, 8 * s->owned_words_ - s->size_);
#endif
  s->check(origin);
  return s;
}

Snapshot::~Snapshot() {
  if (mapping_ != nullptr) ::munmap(mapping_, size_);
#ifdef NEWSGRAPH_KB_ASAN
  if (owned_) ASAN_UNPOISON_MEMORY_REGION(owned_.get(), 8 * owned_words_);
#endif
}

void Snapshot::check(const std::string& origin) {
  if (size_ < snapshot::kHeaderSize)
    fail(origin, "truncated knowledge snapshot (" + std::to_string(size_) + " bytes)");
  if (std::memcmp(data_, snapshot::kMagic, sizeof snapshot::kMagic) != 0)
    fail(origin, "not a newsgraph knowledge snapshot (wrong magic bytes)");
  const std::uint32_t version = u32_at(data_ + 8);
  if (version != snapshot::kVersion)
    fail(origin, "knowledge snapshot format version " + std::to_string(version) +
                     ", this build reads version " + std::to_string(snapshot::kVersion) +
                     " (rebuild it with 'newsgraph kb build')");
  const std::uint32_t sections = u32_at(data_ + 12);
  const std::uint64_t size = u64_at(data_ + 16);
  if (size != size_)
    fail(origin, size > size_ ? "truncated knowledge snapshot (" + std::to_string(size_) + " of " +
                                    std::to_string(size) + " bytes)"
                              : "knowledge snapshot has " + std::to_string(size_ - size) + " trailing bytes");
  const std::uint64_t want = u64_at(data_ + 24);
  const std::uint64_t got = snapshot::checksum(
      reinterpret_cast<const unsigned char*>(data_) + snapshot::kHeaderSize, size_ - snapshot::kHeaderSize);
  if (want != got) fail(origin, "checksum mismatch (the knowledge snapshot is corrupt)");
  if (sections > snapshot::kSectionCount ||
      snapshot::kHeaderSize + std::uint64_t{sections} * snapshot::kSectionRecordSize > size_)
    fail(origin, "corrupt knowledge snapshot (section table)");

  std::string_view bytes[snapshot::kSectionCount + 1];
  bool seen[snapshot::kSectionCount + 1] = {};
  for (std::uint32_t i = 0; i < sections; ++i) {
    const char* rec = data_ + snapshot::kHeaderSize + i * snapshot::kSectionRecordSize;
    const std::uint32_t id = u32_at(rec);
    const std::uint64_t offset = u64_at(rec + 8), length = u64_at(rec + 16);
    if (id == 0 || id > snapshot::kSectionCount || seen[id] || offset % 8 != 0 || offset > size_ ||
        length > size_ - offset)
      fail(origin, "corrupt knowledge snapshot (section record " + std::to_string(i + 1) + ")");
    seen[id] = true;
    bytes[id] = std::string_view(data_ + offset, length);
  }
  for (std::uint32_t id = 1; id <= snapshot::kSectionCount; ++id)
    if (!seen[id])
      fail(origin, "corrupt knowledge snapshot (no " +
                       std::string(snapshot::section_name(static_cast<Section>(id))) + " section)");

  pool_ = bytes[static_cast<std::size_t>(Section::Strings)].data();
  pool_size_ = bytes[static_cast<std::size_t>(Section::Strings)].size();
  const std::uint64_t pool_at = static_cast<std::uint64_t>(pool_ - data_);

  const std::string_view entries = bytes[static_cast<std::size_t>(Section::Entries)];
  if (entries.size() % sizeof(LexiconEntry) != 0) fail(origin, "corrupt knowledge snapshot (entries)");
  entries_ = reinterpret_cast<const LexiconEntry*>(entries.data());
  entry_count_ = entries.size() / sizeof(LexiconEntry);
  for (std::size_t k = 0; k < entry_count_; ++k) {
    const LexiconEntryLayout::Raw raw = LexiconEntryLayout::read(entries.data() + k * sizeof(LexiconEntry));
    const std::int64_t self = entries.data() - data_ + static_cast<std::int64_t>(k * sizeof(LexiconEntry));
    for (const LexiconEntryLayout::Text& t : {raw.canonical, raw.wikidata, raw.aliases}) {
      if (t.size == 0) continue;
      const std::int64_t at = self + t.offset;
      if (at < static_cast<std::int64_t>(pool_at) ||
          static_cast<std::uint64_t>(at) + t.size > pool_at + pool_size_)
        fail(origin,
             "corrupt knowledge snapshot (entry " + std::to_string(k + 1) + " names a string outside it)");
      if (!is_valid_utf8(std::string_view(data_ + at, t.size)))
        fail(origin, "corrupt knowledge snapshot (entry " + std::to_string(k + 1) + " holds invalid UTF-8)");
    }
    // Entries name places and organizations, and have a name.
    if ((raw.type != static_cast<std::uint8_t>(EntityType::Place) &&
         raw.type != static_cast<std::uint8_t>(EntityType::Organization)) ||
        raw.kind >= LexiconEntryLayout::kKindCount || raw.canonical.size == 0 || !valid_country(raw.country))
      fail(origin, "corrupt knowledge snapshot (entry " + std::to_string(k + 1) + ")");
  }

  for (std::uint32_t id = 1; id <= snapshot::kSectionCount; ++id) {
    const auto s = static_cast<Section>(id);
    if (s == Section::Strings || s == Section::Entries || s == Section::Nicknames || s == Section::Meta)
      continue;
    check_table(s, bytes[id], origin);
  }

  const std::string_view nicks = bytes[static_cast<std::size_t>(Section::Nicknames)];
  if (nicks.size() < 4) fail(origin, "corrupt knowledge snapshot (nicknames)");
  nickname_count_ = u32_at(nicks.data());
  if ((nicks.size() - 4) / 16 < nickname_count_) fail(origin, "corrupt knowledge snapshot (nicknames)");
  nicknames_ = nicks.data() + 4;
  for (std::size_t k = 0; k < nickname_count_; ++k)
    for (int part = 0; part < 2; ++part) {
      const std::uint64_t off = u32_at(nicknames_ + 16 * k + 8 * part),
                          len = u32_at(nicknames_ + 16 * k + 8 * part + 4);
      if (off + len > pool_size_ || !is_valid_utf8(std::string_view(pool_ + off, len)))
        fail(origin, "corrupt knowledge snapshot (nicknames)");
    }
  meta_ = bytes[static_cast<std::size_t>(Section::Meta)];
}

void Snapshot::check_table(Section id, std::string_view bytes, const std::string& origin) {
  const std::string what =
      "corrupt knowledge snapshot (" + std::string(snapshot::section_name(id)) + " table)";
  if (bytes.size() < 8) fail(origin, what);
  const std::uint32_t slots = u32_at(bytes.data()), count = u32_at(bytes.data() + 4);
  if (slots == 0 || (slots & (slots - 1)) != 0 || count >= slots || (bytes.size() - 8) / 4 < slots ||
      (bytes.size() - 8 - 4 * std::uint64_t{slots}) / 16 < count)
    fail(origin, what);
  TableView& t = tables_[static_cast<std::size_t>(id)];
  t.slots_ = reinterpret_cast<const std::uint32_t*>(bytes.data() + 8);
  t.records_ = reinterpret_cast<const snapshot::Record*>(bytes.data() + 8 + 4 * std::uint64_t{slots});
  t.pool_ = pool_;
  t.mask_ = slots - 1;
  t.count_ = count;
  // Exactly `count` taken slots (fewer than the slots), so a probe always meets an empty one.
  std::uint32_t taken = 0;
  for (std::uint32_t i = 0; i < slots; ++i) {
    if (t.slots_[i] > count) fail(origin, what);
    if (t.slots_[i] != 0) ++taken;
  }
  if (taken != count) fail(origin, what);
  const bool entry_values = id == Section::Demonyms || id == Section::Countries;
  for (std::uint32_t r = 0; r < count; ++r) {
    const snapshot::Record& rec = t.records_[r];
    if (std::uint64_t{rec.key_off} + rec.key_len > pool_size_) fail(origin, what);
    if (entry_values && rec.value >= entry_count_) fail(origin, what);
    if (id == Section::Entities && (rec.value & ~snapshot::kExtendsBit) > entry_count_) fail(origin, what);
  }
}

std::size_t Snapshot::meta_value(std::string_view key) const {
  std::size_t at = 0;
  while (at < meta_.size()) {
    std::size_t end = meta_.find('\n', at);
    if (end == std::string_view::npos) end = meta_.size();
    const std::string_view line = meta_.substr(at, end - at);
    at = end + 1;
    if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == '=') {
      std::size_t v = 0;
      std::from_chars(line.data() + key.size() + 1, line.data() + line.size(), v);
      return v;
    }
  }
  return 0;
}

std::pair<std::string_view, std::string_view> Snapshot::nickname(std::size_t k) const {
  const char* p = nicknames_ + 16 * k;
  return {std::string_view(pool_ + u32_at(p), u32_at(p + 4)),
          std::string_view(pool_ + u32_at(p + 8), u32_at(p + 12))};
}

}  // namespace newsgraph::knowledge
