// Predicates on words and sentences that the mention detectors share: what a headline or a
// shouted sentence is, and the words that end, join or never belong to names. Internal to the
// library.
#pragma once

#include <cstddef>
#include <string_view>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/text/segment.hpp"

namespace newsgraph::ner_detail {

/// No token: the "not found" of the token searches.
constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// A day of the week, title-cased or in capitals ("Monday", "MONDAY").
bool is_weekday(std::string_view w);

/// The armed services, named after their country ("Mexican Army", "U.S. Air Force"): the
/// organization ends at token `end`.
bool is_armed_service(const Segmentation& seg, std::size_t end);

/// A name that ends in the word for an administrative division ("Dan Sai District", "Cameron
/// Parish") is no person: where the tagger reads one, it is a place. (Organizations keep their
/// type: "Notts County" is a football club.)
bool ends_in_division(const Segmentation& seg, std::size_t first, std::size_t last);

/// Generational suffixes that belong to a person's name ("Thomas Weller III").
bool is_generational_suffix(std::string_view w);

/// Tokens [first, last) are only titles ("Coach", "Head Coach") and words that never name an
/// entity ("Christmas", "Saturday").
bool only_titles_or_never_entities(const Segmentation& seg, std::size_t first, std::size_t last,
                                   const Knowledge& kb);

/// A headline: no closing punctuation and mostly capitalised words. A news sentence full of
/// names looks title-cased too, but ends with a period.
bool is_headline(const Segmentation& seg, const Sentence& s);

/// A sentence written in capitals ("WHO WAS OSCAR?"): its capitals say nothing about names.
bool is_shouting(const Segmentation& seg, const Sentence& s);

}  // namespace newsgraph::ner_detail
