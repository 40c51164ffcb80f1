// The model file of the NER tagger: PerceptronTagger::serialize, deserialize, load and save.

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "ner/tagger_access.hpp"
#include "ner/tagger_features.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/util/atomic_file.hpp"
#include "util/binary_io.hpp"
#include "util/hash.hpp"

namespace newsgraph {

using namespace ner_detail;
using binary::get_u32;
using binary::get_u64;
using binary::put_u32;
using binary::put_u64;

namespace {

// ---------------------------------------------------------------------------------------------
// Model file constants.

constexpr char kMagic[8] = {'N', 'G', 'N', 'E', 'R', 'P', 'T', 'M'};
/// Version of the file layout (PerceptronTagger::serialize).
constexpr std::uint32_t kFormatVersion = 2;
/// Version 1 files have no conventions word (read as none).
constexpr std::uint32_t kOldestFormatVersion = 1;
/// Bits of the conventions word (format version 2).
constexpr std::uint32_t kConventionGluedPeriod = 1;
constexpr std::uint32_t kConventionWholeWords = 2;

/// The tag set as stored in the header: the tag names joined by spaces.
std::string tagset_string() {
  std::string s;
  for (std::size_t t = 0; t < kTags; ++t) {
    if (t) s += ' ';
    s += to_string(static_cast<NerTag>(t));
  }
  return s;
}

/// Size of the fixed header fields before the tag set string: magic, format version, template
/// version, hash bits, hash seed, tag count, tag set length.
constexpr std::size_t kFixedHeader = 8 + 4 + 4 + 4 + 8 + 4 + 4;

}  // namespace

// The file (integers little-endian): the kFixedHeader fields (magic "NGNERPTM", format
// version, feature-template version, hash bits, hash seed, tag count, tag set length), the tag
// set ("O B-PER I-PER ... U-MISC"), the float32 weight scale, the span conventions (a u32
// bit set, since format version 2: bit 0, glued_final_period()), the number of non-zero rows, a
// bitmap of 2^bits bits (bit b % 8 of byte b / 8 set when bucket b has a row), each row's shift
// (one byte, at most 8), the rows in bucket order (16 int8 each: the weights of the tags after
// O), and FNV-1a 64 of everything before it.
std::string PerceptronTagger::serialize() const {
  const std::size_t buckets = std::size_t{1} << bits_;
  const std::uint64_t nonzero = nonzero_rows();
  std::string s;
  s.reserve(kFixedHeader + 128 + buckets / 8 + nonzero * (kRowWidth + 1) + 8);
  s.append(kMagic, sizeof kMagic);
  put_u32(s, kFormatVersion);
  put_u32(s, templates_);
  put_u32(s, bits_);
  put_u64(s, kHashSeed);
  put_u32(s, static_cast<std::uint32_t>(kTags));
  const std::string tagset = tagset_string();
  put_u32(s, static_cast<std::uint32_t>(tagset.size()));
  s += tagset;
  std::uint32_t scale_bits = 0;
  std::memcpy(&scale_bits, &scale_, sizeof scale_bits);
  put_u32(s, scale_bits);
  put_u32(s, (glued_period_ ? kConventionGluedPeriod : 0) | (whole_words_ ? kConventionWholeWords : 0));
  put_u64(s, nonzero);
  for (std::size_t byte = 0; byte < buckets / 8; ++byte) {
    s += static_cast<char>((blocks_[byte / 8].present >> (8 * (byte % 8))) & 0xFF);
  }
  s.append(reinterpret_cast<const char*>(shifts_.data()), nonzero);
  for (std::size_t r = 0; r < nonzero; ++r) {
    for (std::int8_t x : rows_[r].w) s += static_cast<char>(static_cast<std::uint8_t>(x));
  }
  put_u64(s, hash::fnv1a(s));
  return s;
}

PerceptronTagger PerceptronTagger::deserialize(std::string_view b, const std::string& origin) {
  const auto fail = [&](const std::string& what) { return ModelError(origin + ": " + what); };
  if (b.size() < sizeof kMagic || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0) {
    throw fail("not a newsgraph NER model (bad magic)");
  }
  if (b.size() < kFixedHeader) throw fail("truncated model file (header incomplete)");
  const char* p = b.data() + sizeof kMagic;
  const std::uint32_t version = get_u32(p);
  if (version < kOldestFormatVersion || version > kFormatVersion) {
    throw fail("model format version " + std::to_string(version) + ", this build reads versions " +
               std::to_string(kOldestFormatVersion) + " to " + std::to_string(kFormatVersion));
  }
  const std::uint32_t templates = get_u32(p + 4);
  if (templates != kTemplateVersion && templates != kExtendedTemplateVersion &&
      templates != kDomainTemplateVersion) {
    throw fail("model uses feature templates version " + std::to_string(templates) + ", this build uses " +
               std::to_string(kTemplateVersion) + ", " + std::to_string(kExtendedTemplateVersion) + " or " +
               std::to_string(kDomainTemplateVersion) + " (retrain the model)");
  }
  const std::uint32_t bits = get_u32(p + 8);
  if (bits < kMinBits || bits > kMaxBits) throw fail("bad feature hash size 2^" + std::to_string(bits));
  if (get_u64(p + 12) != kHashSeed) throw fail("model uses a different feature hash seed");
  const std::uint32_t tag_count = get_u32(p + 20);
  const std::uint32_t tagset_len = get_u32(p + 24);
  const std::string expected_tags = tagset_string();
  const auto tags_differ = [&]() {
    return fail("model tag set differs from this build's (" + expected_tags + ")");
  };
  if (tag_count != kTags || tagset_len != expected_tags.size()) throw tags_differ();
  if (b.size() < kFixedHeader + tagset_len) throw fail("truncated model file (tag set incomplete)");
  if (b.substr(kFixedHeader, tagset_len) != expected_tags) throw tags_differ();
  std::size_t at = kFixedHeader + tagset_len;
  const std::size_t buckets = std::size_t{1} << bits;
  const std::size_t conventions_size = version >= 2 ? 4 : 0;
  if (b.size() < at + 4 + conventions_size + 8 + buckets / 8)
    throw fail("truncated model file (weights incomplete)");
  float scale = 0;
  const std::uint32_t scale_bits = get_u32(b.data() + at);
  std::memcpy(&scale, &scale_bits, sizeof scale);
  at += 4;
  const std::uint32_t conventions = conventions_size != 0 ? get_u32(b.data() + at) : 0;
  if ((conventions & ~(kConventionGluedPeriod | kConventionWholeWords)) != 0)
    throw fail("unknown span conventions in model file");
  at += conventions_size;
  const std::uint64_t nonzero = get_u64(b.data() + at);
  at += 8;
  if (nonzero > buckets) throw fail("corrupt model file (row count)");
  const std::size_t expected = at + buckets / 8 + nonzero * (kRowWidth + 1) + 8;
  if (b.size() < expected) {
    throw fail("truncated model file (" + std::to_string(b.size()) + " bytes, expected " +
               std::to_string(expected) + ")");
  }
  if (b.size() > expected) throw fail("corrupt model file (trailing bytes after the checksum)");
  if (get_u64(b.data() + expected - 8) != hash::fnv1a(b.substr(0, expected - 8))) {
    throw fail("checksum mismatch (corrupt model file)");
  }
  if (!std::isfinite(scale) || scale <= 0) throw fail("corrupt model file (weight scale)");
  const char* bitmap = b.data() + at;
  std::vector<std::uint64_t> present((buckets + 63) / 64, 0);
  std::uint64_t set = 0;
  for (std::size_t byte = 0; byte < buckets / 8; ++byte) {
    const auto v = static_cast<unsigned char>(bitmap[byte]);
    present[byte / 8] |= static_cast<std::uint64_t>(v) << (8 * (byte % 8));
    set += popcount64(v);
  }
  if (set != nonzero) throw fail("corrupt model file (row bitmap)");
  const char* src = bitmap + buckets / 8;
  std::vector<std::uint8_t> shifts(nonzero);
  for (std::uint8_t& shift : shifts) {
    shift = static_cast<std::uint8_t>(*src++);
    if (shift > 8) throw fail("corrupt model file (row factor)");
  }
  std::vector<TaggerAccess::Row> rows(nonzero);
  for (TaggerAccess::Row& row : rows) {
    for (std::int8_t& x : row.w) x = static_cast<std::int8_t>(static_cast<std::uint8_t>(*src++));
  }
  PerceptronTagger model = TaggerAccess::make(bits, scale, present, std::move(rows), std::move(shifts));
  model.glued_period_ = (conventions & kConventionGluedPeriod) != 0;
  model.whole_words_ = (conventions & kConventionWholeWords) != 0;
  model.templates_ = templates;
  return model;
}

PerceptronTagger PerceptronTagger::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(path + ": cannot open model file");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw ModelError(path + ": cannot read model file");
  return deserialize(bytes, path);
}

void PerceptronTagger::save(const std::string& path) const {
  const std::string bytes = serialize();
  try {
    write_file_atomically(
        path, [&](std::ostream& os) { os.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
  } catch (const std::exception& e) {
    throw ModelError(e.what());
  }
}

}  // namespace newsgraph
