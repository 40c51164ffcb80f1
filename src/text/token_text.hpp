// Small text predicates shared by the rule stages. Internal to the library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/text/segment.hpp"

namespace newsgraph::text {

/// Starts with an upper-case or title-case letter (any script).
bool is_capitalized(std::string_view s);
/// Has at least two letters and no lower-case letter ("NATO", "U.S.", "G7").
bool is_all_caps(std::string_view s);
/// Starts with a lower-case letter.
bool is_lowercase_word(std::string_view s);
/// Token texts [first, last) joined by single spaces: the key gazetteer lookups use.
std::string join_tokens(const Segmentation& seg, std::size_t first, std::size_t last);
/// Same, lower-cased (ASCII).
std::string join_tokens_lower(const Segmentation& seg, std::size_t first, std::size_t last);
/// The length in tokens of the longest title starting at token `pos` and ending by `limit`:
/// title modifiers ("Foreign", "Deputy") followed by a title phrase ("Minister", "Secretary
/// General"), any case; 0 when none starts there. The one definition of a title that the
/// mention rules and the relation patterns share.
std::size_t title_length(const Segmentation& seg, std::size_t pos, std::size_t limit, const Knowledge& kb);

/// The apostrophe-s possessive token ("’s", "'s") or a lone closing apostrophe after a plural.
bool is_possessive(std::string_view tok);
/// Opening or closing double quotation marks.
bool is_open_quote(std::string_view tok);
bool is_close_quote(std::string_view tok);
bool is_straight_quote(std::string_view tok);

}  // namespace newsgraph::text
