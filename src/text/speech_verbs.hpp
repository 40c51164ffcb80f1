// The verbs that report speech ("said", "told", "warned"), one list for every stage. Each verb
// says what it is a cue for: a name right before it is a speaker (mention detection: "Peskov
// said" makes "Peskov" a person), and it attributes a direct quote (relation extraction:
// '"...", Lavrov said'). Most verbs are both; "urged", "accused" and "confirmed" mark a speaker
// but are relations of their own rather than quote attributions, and inflections such as "say",
// "tells" or "concluded" attribute quotes without being frequent enough after a bare name to
// cue one. Internal to the library.
#pragma once

#include <string_view>

namespace newsgraph::text {

/// What a speech verb cues.
enum class SpeechCue : unsigned char {
  Speaker = 1,  ///< the capitalised word before it names someone who speaks
  Quote = 2,    ///< it attributes a direct quote to its subject
};

/// Whether `word` (as written, lower case) is a speech verb with cue `cue`.
bool is_speech_verb(std::string_view word, SpeechCue cue);

}  // namespace newsgraph::text
