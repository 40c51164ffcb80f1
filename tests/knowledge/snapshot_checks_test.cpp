// Tests of the snapshot reader's checks on files whose checksum is right but whose content is
// wrong (what fuzz/fuzz_kb.cpp looks for), the fuzz target's seed snapshot, and its regressions.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "knowledge/snapshot_format.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "util/binary_io.hpp"

namespace fs = std::filesystem;
namespace snap = newsgraph::knowledge::snapshot;
using newsgraph::Knowledge;
using newsgraph::KnowledgeError;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& committed() {
  static const std::string bytes = read_file(newsgraph::default_knowledge_path());
  return bytes;
}

/// Where section `id` starts in `bytes`.
std::size_t section_at(const std::string& bytes, snap::Section id) {
  const std::uint32_t count = newsgraph::binary::get_u32(bytes.data() + 12);
  for (std::uint32_t i = 0; i < count; ++i) {
    const char* rec = bytes.data() + snap::kHeaderSize + i * snap::kSectionRecordSize;
    if (newsgraph::binary::get_u32(rec) == static_cast<std::uint32_t>(id))
      return newsgraph::binary::get_u64(rec + 8);
  }
  FAIL("no such section");
  return 0;
}

/// `bytes` with its header checksum made right again after an edit.
std::string with_checksum(std::string bytes) {
  const std::uint64_t sum =
      snap::checksum(reinterpret_cast<const unsigned char*>(bytes.data()) + snap::kHeaderSize,
                     bytes.size() - snap::kHeaderSize);
  std::string field;
  newsgraph::binary::put_u64(field, sum);
  bytes.replace(24, 8, field);
  return bytes;
}

/// The committed snapshot with `size` bytes at `offset` of the first entry's record replaced.
std::string first_entry_patched(std::size_t offset, const std::string& with) {
  std::string bytes = committed();
  bytes.replace(section_at(bytes, snap::Section::Entries) + offset, with.size(), with);
  return with_checksum(bytes);
}

std::string open_error(std::string bytes) {
  try {
    Knowledge::from_bytes(std::move(bytes), "test.kb");
  } catch (const KnowledgeError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("snapshot: entries that are not places or organizations with a UTF-8 name are refused",
          "[knowledge][snapshot]") {
  REQUIRE(open_error(committed()).empty());
  const auto opened = Knowledge::from_bytes(committed(), "good");
  const Knowledge& kb = *opened;
  const newsgraph::LexiconEntry* first = nullptr;
  {
    // The first entry's name: the first string of the pool.
    const std::string& bytes = committed();
    const std::size_t strings = section_at(bytes, snap::Section::Strings);
    const std::size_t entries = section_at(bytes, snap::Section::Entries);
    std::int32_t offset = 0;
    std::memcpy(&offset, bytes.data() + entries, 4);
    REQUIRE(entries + offset == strings);
    first = kb.entity(
        std::string(bytes.data() + strings, newsgraph::binary::get_u32(bytes.data() + entries + 4)));
    REQUIRE(first != nullptr);
  }
  // Offsets in the record: canonical {i32, u32}, wikidata, aliases, latitude, longitude,
  // population, type u8 (36), kind u8 (37), country 2 bytes (38).
  CHECK_THAT(open_error(first_entry_patched(4, std::string(4, '\0'))),
             Catch::Contains("test.kb: corrupt knowledge snapshot (entry 1)"));
  CHECK_THAT(open_error(first_entry_patched(36, std::string(1, '\0'))),
             Catch::Contains("corrupt knowledge snapshot (entry 1)"));  // a person
  CHECK_THAT(open_error(first_entry_patched(36, std::string(1, '\3'))),
             Catch::Contains("corrupt knowledge snapshot (entry 1)"));  // a quotation
  CHECK_THAT(open_error(first_entry_patched(37, std::string(1, '\7'))),
             Catch::Contains("corrupt knowledge snapshot (entry 1)"));  // no such kind
  CHECK_THAT(open_error(first_entry_patched(38, std::string("R\0", 2))),
             Catch::Contains("corrupt knowledge snapshot (entry 1)"));
  CHECK_THAT(open_error(first_entry_patched(38, "ru")),
             Catch::Contains("corrupt knowledge snapshot (entry 1)"));
  CHECK(open_error(first_entry_patched(38, std::string(2, '\0'))).empty());  // no country: allowed
  CHECK(open_error(first_entry_patched(38, "ZZ")).empty());

  // A name that is not UTF-8: the first byte of the pool, where the first entry's name starts.
  std::string bytes = committed();
  bytes[section_at(bytes, snap::Section::Strings)] = '\xff';
  CHECK_THAT(open_error(with_checksum(bytes)),
             Catch::Contains("corrupt knowledge snapshot (entry 1 holds invalid UTF-8)"));
  // A nickname that is not UTF-8: the first pair's formal name cut inside a character is not
  // possible in ASCII data, so its offset is pointed at the 0xFF byte of a patched pool.
  std::string nick = committed();
  const std::size_t strings = section_at(nick, snap::Section::Strings);
  nick[strings] = '\xc3';  // a lead byte with no continuation
  const std::size_t nicknames = section_at(nick, snap::Section::Nicknames);
  std::string pair;
  newsgraph::binary::put_u32(pair, 0);
  newsgraph::binary::put_u32(pair, 1);
  nick.replace(nicknames + 4, 8, pair);
  const std::string message = open_error(with_checksum(nick));
  CHECK_THAT(message, Catch::Contains("corrupt knowledge snapshot"));
}

TEST_CASE("snapshot: the fuzz target's seed snapshot opens and answers", "[knowledge][snapshot]") {
  // fuzz/make_corpus.py writes it (mode byte, then the file) with a writer of its own: when the
  // format changes, this fails until the script follows.
  const std::string seed = read_file(std::string(NEWSGRAPH_SOURCE_DIR) + "/fuzz/corpus/fuzz_kb/tiny.kb");
  REQUIRE(seed.size() > snap::kHeaderSize);
  CHECK(seed[0] == '\0');
  const auto kb = Knowledge::from_bytes(seed.substr(1), "tiny.kb");
  const newsgraph::LexiconEntry* russia = kb->entity("Russia");
  REQUIRE(russia != nullptr);
  CHECK(russia->canonical() == "Russia");
  CHECK(russia->kind() == "country");
  CHECK(russia->country_code() == "RU");
  CHECK(russia->wikidata() == "Q159");
  CHECK(russia->aliases().size() == 2);
  CHECK(kb->entity("U.S.") == kb->entity("United States"));
  CHECK(kb->entity("Curaçao")->canonical() == "Curaçao");
  bool extends = false;
  CHECK(kb->entity("United", extends) == nullptr);
  CHECK(extends);
  CHECK(kb->entity("NATO")->type() == newsgraph::EntityType::Organization);
  CHECK_FALSE(kb->entity("Middle East")->has_coordinates());
  CHECK(kb->is_title("Foreign Minister"));
  CHECK(kb->demonym("Russians") == std::optional<std::string_view>("RU"));
  CHECK(kb->country_name("KP") == std::optional<std::string_view>("North Korea"));
  CHECK(kb->is_given_name("Sergey"));
  CHECK(kb->is_never_entity("Monday"));
  CHECK(kb->nicknames().size() == 3);
  CHECK(kb->max_entity_tokens() == 4);
}

TEST_CASE("snapshot: the fuzz target's regressions are refused or open, never a crash",
          "[knowledge][snapshot]") {
  const fs::path dir = fs::path(NEWSGRAPH_SOURCE_DIR) / "fuzz" / "regressions" / "fuzz_kb";
  if (!fs::exists(dir)) return;
  for (const auto& f : fs::directory_iterator(dir)) {
    INFO(f.path().string());
    const std::string input = read_file(f.path().string());
    if (input.empty()) continue;
    // As fuzz_kb reads it: a mode byte (bit 0: checksum made right, bit 1: size made right).
    std::string file = input.substr(1);
    if ((input[0] & 2) != 0 && file.size() >= 24) {
      std::string field;
      newsgraph::binary::put_u64(field, file.size());
      file.replace(16, 8, field);
    }
    if ((input[0] & 1) != 0 && file.size() >= snap::kHeaderSize) file = with_checksum(file);
    const std::string message = open_error(file);
    CHECK((message.empty() || message.rfind("test.kb: ", 0) == 0));
  }
}
