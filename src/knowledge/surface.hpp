// Surface text: how the knowledge splits, cases, counts and transliterates the names it
// stores, so that a stored surface matches the tokens of running text (see the file comment of
// knowledge.cpp). Every function takes and returns UTF-8. Internal to src/knowledge/.
#pragma once

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph::knowledge {

/// `u` in UTF-8.
std::string to_utf8(const icu::UnicodeString& u);

/// Lower case for any script; ASCII input takes a fast path, and input too long for ICU
/// (never a list entry) is lowered in its ASCII letters only.
std::string lower(std::string_view s);

/// A surface name split the way the segmenter splits running text: at whitespace, with
/// hyphens, dashes, slashes, brackets, commas and "&" as tokens of their own, a possessive
/// "'s" split off its word, and apostrophes at a word's edge split off. Periods stay in
/// their word ("U.S.", "St.").
std::vector<std::string> surface_tokens(std::string_view s);

/// `s` with every whitespace run turned into one space, trimmed.
std::string collapse_spaces(std::string_view s);

/// Number of code points of `s`, a malformed sequence counting as one (ICU's reading).
std::size_t code_points(std::string_view s);
/// True when `s` has a letter of any script.
bool has_letter(std::string_view s);
/// True when the first code point of `s` is an upper-case or title-case letter.
bool starts_upper(std::string_view s);
/// True when `s` has an upper-case or title-case letter.
bool has_upper(std::string_view s);

/// The ICU transliterator `id`, or null when ICU lacks its rules.
std::unique_ptr<icu::Transliterator> make_transliterator(const char* id);

/// The transliteration of Knowledge::fold.
inline constexpr const char* kFoldId = "Any-Latin; Latin-ASCII";

/// This thread's folding transliterator (ICU transliterators are not safe to share). Null
/// only if ICU lacks the rules, which load() rules out.
icu::Transliterator* thread_folder();

}  // namespace newsgraph::knowledge
