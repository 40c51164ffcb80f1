// The words the relation patterns look for: the verbs of events (speech verbs are
// text/speech_verbs.hpp, shared with mention detection), and the small words the patterns step over or stop
// at. Internal to the relations stage.
#pragma once

#include <string_view>
#include <unordered_map>

#include "newsgraph/vocab/types.hpp"

namespace newsgraph::relations {

/// The event verbs ("met", "hosted", "accused", ...) and the relation each states.
const std::unordered_map<std::string_view, RelationType>& verb_lexicon();
/// An auxiliary or adverb that may stand between a subject and its verb ("has", "also",
/// "reportedly", any word of more than four letters ending in "ly").
bool is_aux_or_adverb(std::string_view w);
/// "not", "n't", "never", "’t".
bool is_negation(std::string_view w);
/// A form of "be" that makes a following participle passive ("was hosted").
bool is_passive_aux(std::string_view w);
/// A word that may stand between a verb and its object ("with", "the", "his", "on", ...).
bool is_skippable_before_object(std::string_view w);
/// A quantifier inside a list of objects ("several", "two", "both", ...).
bool is_quantifier(std::string_view w);
/// "he", "she", "He", "She".
bool is_pronoun(std::string_view w);
/// A type that can act: a person, an organization or a group.
bool agent_type_ok(EntityType t);

}  // namespace newsgraph::relations
