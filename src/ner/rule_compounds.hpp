// The last steps of the rule and tagged detectors on their mentions: hyphenated compounds
// and generational suffixes ("Mercedes-Benz", "Ohio-based", "Thomas Weller III"). Internal to
// the library.
#pragma once

#include <string_view>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph::ner_detail {

/// Hyphenated compounds are one word to a reader ("Mercedes-Benz", "Ohio-based"). A mention
/// that ends inside one grows over the rest of it when the rest is capitalised and no other
/// mention holds it ("Tyler" + "-Sharman"); it is marked attached when the rest is lower case
/// ("Ohio" of "Ohio-based"), unless the lower-case part is no dictionary word but a piece of a
/// name ("Kim Jong-un", "al-Akhdar"); two names joined by a hyphen ("Russia-Ukraine") stay two.
void settle_compounds(std::vector<Mention>& mentions, std::string_view text, const Segmentation& seg,
                      const Knowledge& kb);

/// A generational suffix right after a person's name belongs to it ("Thomas Weller III",
/// "Martin Luther King Jr."), also when it was taken for a name of its own.
void keep_generational_suffixes(std::vector<Mention>& mentions, const Segmentation& seg);

}  // namespace newsgraph::ner_detail
