// Knowledge: gazetteers built from Debian data (iso-codes, tzdata, ICU, the word list) and the
// general lists of data/*.txt.
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

#include "knowledge/loader.hpp"
#include "knowledge/surface.hpp"
#include "knowledge/tables.hpp"
#include "newsgraph/util/utf8.hpp"
#include "util/strings.hpp"

namespace newsgraph {

std::shared_ptr<const Knowledge> Knowledge::load(const KnowledgePaths& paths) {
  return std::make_shared<const Knowledge>(knowledge::Loader(paths).run());
}

Knowledge::Knowledge(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Knowledge::~Knowledge() = default;

const LexiconEntry* Knowledge::entity(std::string_view phrase) const {
  const knowledge::Slot* s = impl_->entities.find(phrase);
  return s ? s->entry : nullptr;
}

const LexiconEntry* Knowledge::entity(std::string_view phrase, bool& extends) const {
  const knowledge::Slot* s = impl_->entities.find(phrase);
  extends = s && s->extends;
  return s ? s->entry : nullptr;
}

std::size_t Knowledge::max_entity_tokens() const { return impl_->max_entity_tokens; }

bool Knowledge::is_title(std::string_view phrase) const {
  return strings::is_lower_ascii(phrase) ? impl_->titles.contains(phrase)
                                         : impl_->titles.contains(knowledge::lower(phrase));
}
std::size_t Knowledge::max_title_tokens() const { return impl_->max_title_tokens; }
bool Knowledge::is_title_start(std::string_view word) const {
  return strings::is_lower_ascii(word) ? impl_->title_starts.contains(word)
                                       : impl_->title_starts.contains(knowledge::lower(word));
}
bool Knowledge::is_title_modifier(std::string_view word) const {
  return strings::is_lower_ascii(word) ? impl_->title_modifiers.contains(word)
                                       : impl_->title_modifiers.contains(knowledge::lower(word));
}

bool Knowledge::is_org_head(std::string_view word) const {
  return strings::is_lower_ascii(word) ? impl_->org_heads.contains(word)
                                       : impl_->org_heads.contains(knowledge::lower(word));
}
bool Knowledge::is_org_suffix(std::string_view word) const { return impl_->org_suffixes.contains(word); }

const std::string* Knowledge::demonym(std::string_view word) const {
  const std::string* const* code = impl_->demonyms.find(word);
  return code ? *code : nullptr;
}

const std::string* Knowledge::country_name(std::string_view alpha2) const {
  const LexiconEntry* const* e = impl_->countries.find(alpha2);
  return e ? &(*e)->canonical : nullptr;
}

bool Knowledge::is_given_name(std::string_view word) const { return impl_->given_names.contains(word); }
bool Knowledge::is_name_particle(std::string_view word) const { return impl_->particles.contains(word); }
bool Knowledge::is_common_word(std::string_view lower_word) const {
  return impl_->common_words.contains(lower_word);
}
bool Knowledge::is_never_entity(std::string_view word) const { return impl_->never.contains(word); }
const std::vector<std::pair<std::string, std::string>>& Knowledge::nicknames() const {
  return impl_->nicknames;
}

bool Knowledge::is_place_prefix(std::string_view word) const { return impl_->place_prefixes.contains(word); }

bool Knowledge::is_place_head(std::string_view word) const {
  return strings::is_lower_ascii(word) ? impl_->place_heads.contains(word)
                                       : impl_->place_heads.contains(knowledge::lower(word));
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
