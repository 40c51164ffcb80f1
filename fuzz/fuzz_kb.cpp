// libFuzzer target: the knowledge snapshot reader (Knowledge::from_bytes) and every query of a
// snapshot it opens. The first input byte chooses: bit 0 the header's checksum made right
// (bytes 24..31: snapshot::checksum of the bytes after the header), bit 1 the header's size
// field made the file's size (bytes 16..23), so that mutations get past both into the
// structural checks; bit 2 the mention detectors (the rules, and the shipped tagger with the
// rules) run with the snapshot on a short article. The rest is the file.
// Checked guarantees: a bad snapshot is a KnowledgeError (one line naming the origin), never
// a crash or another exception; a snapshot that opens answers every query: entity() on fixed
// phrases, on every key its tables hold (the first 64 of each) and on pieces of the input;
// the entries found have a non-empty canonical name, valid UTF-8 strings, a known kind and
// type, a country code of none or two capitals and aliases without separators; demonyms give
// such a code; describe() starts with the format version; mentions lie inside the article.
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "knowledge/snapshot_format.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/text/segment.hpp"
#include "util/binary_io.hpp"

namespace {

using namespace newsgraph;
namespace snap = newsgraph::knowledge::snapshot;

constexpr std::string_view kArticle =
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Moscow on Monday. "
    "Foreign Minister Sergey Lavrov of the Russian Federation and NATO Secretary General Jens "
    "Stoltenberg spoke at the International Criminal Court, the U.S. said. Dan van Dijk of Acme "
    "Corp. Inc. flew from Anchorage, Alaska to Curaçao via Fort Worth Stadium.";

constexpr std::string_view kPhrases[] = {"Russia",
                                         "United States",
                                         "U.S.",
                                         "United",
                                         "North Korea",
                                         "NATO",
                                         "Moscow",
                                         "Anchorage",
                                         "Curaçao",
                                         "Curacao",
                                         "International Criminal Court",
                                         "Middle East",
                                         "president",
                                         "Foreign Minister",
                                         "secretary general",
                                         "gen.",
                                         "Prime",
                                         "Ministry",
                                         "Inc.",
                                         "Russian",
                                         "Russians",
                                         "RU",
                                         "US",
                                         "KP",
                                         "Sergey",
                                         "Dan",
                                         "van",
                                         "tensions",
                                         "Monday",
                                         "Fort",
                                         "Stadium",
                                         "",
                                         " ",
                                         "\xff",
                                         "R",
                                         "ÉCOLE",
                                         "Ὀδυσσεύς"};

const std::vector<std::string_view>& kinds() {
  static const std::vector<std::string_view> k{"", "country", "subdivision", "city", "region"};
  return k;
}

const Segmentation& article_segmentation() {
  static const Segmentation seg = segment(kArticle);
  return seg;
}

const std::shared_ptr<const PerceptronTagger>& tagger() {
  static const std::shared_ptr<const PerceptronTagger> t =
      std::make_shared<const PerceptronTagger>(PerceptronTagger::load(default_model_path()));
  return t;
}

bool valid_code(std::string_view code) {
  return code.empty() ||
         (code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z');
}

void check_entry(const Knowledge& kb, const LexiconEntry& e) {
  fuzz::require(!e.canonical().empty() && is_valid_utf8(e.canonical()), "an entry has a UTF-8 name");
  fuzz::require(is_valid_utf8(e.wikidata()) && is_valid_utf8(e.alias_text()), "an entry's strings are UTF-8");
  fuzz::require(e.type() == EntityType::Place || e.type() == EntityType::Organization,
                "an entry is a place or an organization");
  bool known_kind = false;
  for (std::string_view k : kinds()) known_kind = known_kind || e.kind() == k;
  fuzz::require(known_kind, "an entry has a known kind");
  fuzz::require(valid_code(e.country_code()), "an entry's country code is none or two capitals");
  if (e.has_coordinates()) fuzz::require(e.latitude() == e.latitude(), "coordinates are numbers");
  (void)e.longitude();
  (void)e.population();
  for (std::string_view a : e.aliases())
    fuzz::require(!a.empty() && a.find('\x1f') == std::string_view::npos, "aliases are split");
  (void)kb.fold(e.canonical());
}

/// Every query, on one phrase (and its words where it is a single word).
void query(const Knowledge& kb, std::string_view phrase) {
  bool extends = false;
  const LexiconEntry* e = kb.entity(phrase, extends);
  fuzz::require(e == kb.entity(phrase), "entity() answers the same with and without `extends`");
  if (e != nullptr) check_entry(kb, *e);
  (void)kb.is_title(phrase);
  (void)kb.is_title_start(phrase);
  (void)kb.is_title_modifier(phrase);
  (void)kb.is_org_head(phrase);
  (void)kb.is_org_suffix(phrase);
  (void)kb.is_place_prefix(phrase);
  (void)kb.is_place_head(phrase);
  (void)kb.is_given_name(phrase);
  (void)kb.is_name_particle(phrase);
  (void)kb.is_common_word(phrase);
  (void)kb.is_never_entity(phrase);
  if (const auto code = kb.demonym(phrase)) {
    fuzz::require(valid_code(*code), "a demonym gives a country code of none or two capitals");
    if (const auto name = kb.country_name(*code))
      fuzz::require(is_valid_utf8(*name), "a country name is UTF-8");
  }
  if (const auto name = kb.country_name(phrase))
    fuzz::require(!name->empty() && is_valid_utf8(*name), "a country name is UTF-8 and not empty");
}

/// The keys of the snapshot's tables (the first 64 of each), as strings of `file`: the
/// snapshot opened, so its section table and records are known to be within bounds.
std::vector<std::string_view> table_keys(std::string_view file) {
  std::vector<std::string_view> keys;
  std::string_view sections[snap::kSectionCount + 1];
  const std::uint32_t count = binary::get_u32(file.data() + 12);
  for (std::uint32_t i = 0; i < count; ++i) {
    const char* rec = file.data() + snap::kHeaderSize + i * snap::kSectionRecordSize;
    sections[binary::get_u32(rec)] = file.substr(binary::get_u64(rec + 8), binary::get_u64(rec + 16));
  }
  const std::string_view pool = sections[static_cast<std::size_t>(snap::Section::Strings)];
  for (std::uint32_t id = static_cast<std::uint32_t>(snap::Section::Entities);
       id <= static_cast<std::uint32_t>(snap::Section::PlaceHeads); ++id) {
    const std::string_view t = sections[id];
    const std::uint32_t slots = binary::get_u32(t.data()), n = binary::get_u32(t.data() + 4);
    for (std::uint32_t r = 0; r < n && r < 64; ++r) {
      const char* rec = t.data() + 8 + 4 * std::size_t{slots} + 16 * std::size_t{r};
      keys.push_back(pool.substr(binary::get_u32(rec), binary::get_u32(rec + 4)));
    }
  }
  return keys;
}

void exercise(const Knowledge& kb, std::string_view file, unsigned mode) {
  for (std::string_view p : kPhrases) query(kb, p);
  for (std::string_view key : table_keys(file)) query(kb, key);
  // Pieces of the input between control bytes, as phrases (at most 64).
  std::size_t pieces = 0;
  for (std::size_t at = 0; at < file.size() && pieces < 64;) {
    std::size_t end = at;
    while (end < file.size() && static_cast<unsigned char>(file[end]) >= 0x20 && end - at < 64) ++end;
    if (end > at) {
      query(kb, file.substr(at, end - at));
      ++pieces;
    }
    at = end + 1;
  }
  (void)kb.max_entity_tokens();
  (void)kb.max_title_tokens();
  for (const auto& [formal, nick] : kb.nicknames())
    fuzz::require(is_valid_utf8(formal) && is_valid_utf8(nick), "nicknames are UTF-8");
  const std::string info = kb.describe();
  fuzz::require(info.rfind("format_version=" + std::to_string(snap::kVersion) + "\n", 0) == 0,
                "describe() starts with the format version");
  if ((mode & 4) == 0) return;

  const auto shared = std::shared_ptr<const Knowledge>(&kb, [](const Knowledge*) {});
  const Segmentation& seg = article_segmentation();
  const RuleMentionDetector rules(shared);
  const TaggedMentionDetector tagged(shared, tagger());
  for (const MentionDetector* d :
       {static_cast<const MentionDetector*>(&rules), static_cast<const MentionDetector*>(&tagged)})
    for (const Mention& m : d->detect(kArticle, seg))
      fuzz::require(
          m.first_token < m.last_token && m.last_token <= seg.tokens.size() && m.span.end <= kArticle.size(),
          "a mention covers tokens of the article");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned mode = data[0];
  std::string file(fuzz::bytes(data + 1, size - 1));
  if ((mode & 2) != 0 && file.size() >= 24) {
    std::string field;
    binary::put_u64(field, file.size());
    file.replace(16, 8, field);
  }
  if ((mode & 1) != 0 && file.size() >= snap::kHeaderSize) {
    std::string field;
    binary::put_u64(field,
                    snap::checksum(reinterpret_cast<const unsigned char*>(file.data()) + snap::kHeaderSize,
                                   file.size() - snap::kHeaderSize));
    file.replace(24, 8, field);
  }
  std::shared_ptr<const Knowledge> kb;
  try {
    kb = Knowledge::from_bytes(file, "fuzz.kb");
  } catch (const KnowledgeError& e) {
    const std::string_view what = e.what();
    fuzz::require(what.rfind("fuzz.kb: ", 0) == 0 && what.find('\n') == std::string_view::npos,
                  "a KnowledgeError is one line naming the snapshot");
    return 0;
  }
  exercise(*kb, file, mode);
  return 0;
}
