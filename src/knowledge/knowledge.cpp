// Knowledge: the queries over a mapped snapshot, and compile_knowledge, which builds one from
// Debian data (iso-codes, tzdata, ICU, the word list) and the general lists of data/*.txt
// through the Loader (loader.hpp) and the snapshot writer.
//
// Surface priority. One surface (an exact, case-sensitive phrase) names one entry. When several
// sources give the same surface, the entry of the stronger source is kept:
//   country > organization (data/organizations.txt) > city > region > subdivision.
// Within one source the entry loaded first is kept, and the curated lists of data/ are loaded
// before the derived Debian names of the same rank, so a curated spelling always wins.
//
// Surface keys. entity() takes tokens joined by single spaces. Every surface is stored as
// written (whitespace collapsed) and in its tokenised form, where hyphens, dashes, slashes,
// brackets, commas and "&" are tokens of their own ("Guinea-Bissau" -> "Guinea - Bissau")
// and abbreviation periods and inner apostrophes stay inside their word ("U.S.", "d'Ivoire").
// Names with non-ASCII letters are also stored in their Latin-ASCII form ("Curaçao" ->
// "Curacao"), and names with a typographic apostrophe also with a straight one.
#include "newsgraph/knowledge/knowledge.hpp"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "knowledge/entry_layout.hpp"
#include "knowledge/loader.hpp"
#include "knowledge/snapshot_reader.hpp"
#include "knowledge/snapshot_writer.hpp"
#include "knowledge/surface.hpp"
#include "newsgraph/util/utf8.hpp"
#include "util/strings.hpp"

namespace newsgraph {

/// A mapped, checked snapshot, and the nickname pairs copied out of it (the one query that
/// hands out a container).
struct Knowledge::Impl {
  std::unique_ptr<knowledge::Snapshot> snap;
  std::vector<std::pair<std::string, std::string>> nicknames;
  std::size_t max_entity_tokens = 0;
  std::size_t max_title_tokens = 0;

  const knowledge::TableView& table(knowledge::snapshot::Section s) const { return snap->table(s); }
  bool in(knowledge::snapshot::Section s, std::string_view key) const { return table(s).contains(key); }
  /// `word` lower-cased (any script) when it is not lower ASCII already, then looked up.
  bool in_lower(knowledge::snapshot::Section s, std::string_view word) const {
    return strings::is_lower_ascii(word) ? in(s, word) : in(s, knowledge::lower(word));
  }
};

namespace {

std::shared_ptr<const Knowledge> make(std::unique_ptr<knowledge::Snapshot> snap) {
  auto impl = std::make_unique<Knowledge::Impl>();
  impl->max_entity_tokens = snap->meta_value("max_entity_tokens");
  impl->max_title_tokens = snap->meta_value("max_title_tokens");
  impl->nicknames.reserve(snap->nickname_count());
  for (std::size_t k = 0; k < snap->nickname_count(); ++k) {
    const auto [formal, nick] = snap->nickname(k);
    impl->nicknames.emplace_back(std::string(formal), std::string(nick));
  }
  impl->snap = std::move(snap);
  return std::make_shared<const Knowledge>(std::move(impl));
}

}  // namespace

std::string compile_knowledge(const KnowledgeSources& sources) {
  const std::unique_ptr<knowledge::Tables> tables = knowledge::Loader(sources).run();
  return knowledge::write_snapshot(*tables);
}

std::shared_ptr<const Knowledge> Knowledge::open(const std::string& path) {
  return make(knowledge::Snapshot::map_file(path));
}

std::shared_ptr<const Knowledge> Knowledge::from_bytes(std::string bytes, const std::string& origin) {
  return make(knowledge::Snapshot::from_bytes(std::move(bytes), origin));
}

Knowledge::Knowledge(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Knowledge::~Knowledge() = default;

using knowledge::snapshot::Section;

const LexiconEntry* Knowledge::entity(std::string_view phrase) const {
  bool extends = false;
  return entity(phrase, extends);
}

const LexiconEntry* Knowledge::entity(std::string_view phrase, bool& extends) const {
  std::uint32_t v = 0;
  if (!impl_->table(Section::Entities).find(phrase, v)) {
    extends = false;
    return nullptr;
  }
  extends = (v & knowledge::snapshot::kExtendsBit) != 0;
  const std::uint32_t k = v & ~knowledge::snapshot::kExtendsBit;
  return k == 0 ? nullptr : &impl_->snap->entry(k - 1);
}

std::size_t Knowledge::max_entity_tokens() const { return impl_->max_entity_tokens; }

bool Knowledge::is_title(std::string_view phrase) const { return impl_->in_lower(Section::Titles, phrase); }
std::size_t Knowledge::max_title_tokens() const { return impl_->max_title_tokens; }
bool Knowledge::is_title_start(std::string_view word) const {
  return impl_->in_lower(Section::TitleStarts, word);
}
bool Knowledge::is_title_modifier(std::string_view word) const {
  return impl_->in_lower(Section::TitleModifiers, word);
}
bool Knowledge::is_org_head(std::string_view word) const { return impl_->in_lower(Section::OrgHeads, word); }
bool Knowledge::is_org_suffix(std::string_view word) const { return impl_->in(Section::OrgSuffixes, word); }

std::optional<std::string_view> Knowledge::demonym(std::string_view word) const {
  std::uint32_t k = 0;
  if (!impl_->table(Section::Demonyms).find(word, k)) return std::nullopt;
  return impl_->snap->entry(k).country_code();
}

std::optional<std::string_view> Knowledge::country_name(std::string_view alpha2) const {
  std::uint32_t k = 0;
  if (!impl_->table(Section::Countries).find(alpha2, k)) return std::nullopt;
  return impl_->snap->entry(k).canonical();
}

bool Knowledge::is_given_name(std::string_view word) const { return impl_->in(Section::GivenNames, word); }
bool Knowledge::is_name_particle(std::string_view word) const { return impl_->in(Section::Particles, word); }
bool Knowledge::is_common_word(std::string_view lower_word) const {
  return impl_->in(Section::CommonWords, lower_word);
}
bool Knowledge::is_never_entity(std::string_view word) const { return impl_->in(Section::Never, word); }
const std::vector<std::pair<std::string, std::string>>& Knowledge::nicknames() const {
  return impl_->nicknames;
}

bool Knowledge::is_place_prefix(std::string_view word) const {
  return impl_->in(Section::PlacePrefixes, word);
}
bool Knowledge::is_place_head(std::string_view word) const {
  return impl_->in_lower(Section::PlaceHeads, word);
}

std::string Knowledge::describe() const {
  std::string out = "format_version=" + std::to_string(knowledge::snapshot::kVersion) + "\n";
  out += "bytes=" + std::to_string(impl_->snap->size()) + "\n";
  out += std::string(impl_->snap->meta());
  for (std::uint32_t id = 1; id <= knowledge::snapshot::kSectionCount; ++id) {
    const auto s = static_cast<Section>(id);
    if (s == Section::Strings || s == Section::Entries || s == Section::Nicknames || s == Section::Meta)
      continue;
    std::string name(knowledge::snapshot::section_name(s));
    for (char& c : name)
      if (c == ' ') c = '_';
    out += "keys." + name + "=" + std::to_string(impl_->table(s).size()) + "\n";
  }
  out += "nicknames=" + std::to_string(impl_->nicknames.size()) + "\n";
  return out;
}

std::string_view LexiconEntry::kind() const {
  return kind_ < LexiconEntryLayout::kKindCount ? LexiconEntryLayout::kKinds[kind_] : std::string_view();
}

std::vector<std::string_view> LexiconEntry::aliases() const {
  std::vector<std::string_view> out;
  const std::string_view all = alias_text();
  if (all.empty()) return out;
  for (std::string_view a : strings::split(all, '\x1f'))
    if (!a.empty()) out.push_back(a);
  return out;
}

std::uint8_t LexiconEntryLayout::kind_code(std::string_view kind) {
  for (std::size_t k = 0; k < kKindCount; ++k)
    if (kKinds[k] == kind) return static_cast<std::uint8_t>(k);
  throw KnowledgeError("knowledge snapshot: unknown entry kind \"" + std::string(kind) + "\"");
}

std::string Knowledge::fold(std::string_view name) const {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  const auto emit = [&](UChar32 c) {
    if (u_isalnum(c)) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      append_utf8(out, static_cast<char32_t>(c));
    } else {
      pending_space = true;
    }
  };
  if (strings::is_ascii(name)) {
    for (char ch : name) {
      const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      emit(static_cast<unsigned char>(c));
    }
    return out;
  }
  // Transliteration is slow on long strings, so input is folded in short pieces that end at
  // whitespace where there is some, else at a code point boundary.
  icu::Transliterator* t = knowledge::thread_folder();
  constexpr std::size_t kPiece = 512;
  while (!name.empty()) {
    std::size_t n = name.size();
    if (n > kPiece) {
      n = kPiece;
      const std::size_t space = name.substr(0, n).find_last_of(" \t\n");
      if (space != std::string_view::npos && space > 0) {
        n = space;
      } else {
        while (n > 1 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
      }
    }
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(n)));
    name.remove_prefix(n);
    if (t) t->transliterate(u);
    u.toLower(icu::Locale::getRoot());
    for (int32_t i = 0; i < u.length();) {
      const UChar32 c = u.char32At(i);
      emit(c);
      i += U16_LENGTH(c);
    }
  }
  return out;
}

}  // namespace newsgraph
