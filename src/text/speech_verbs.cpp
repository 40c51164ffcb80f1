#include "text/speech_verbs.hpp"

#include <array>
#include <utility>

namespace newsgraph::text {
namespace {

constexpr unsigned char kSpeaker = static_cast<unsigned char>(SpeechCue::Speaker);
constexpr unsigned char kQuote = static_cast<unsigned char>(SpeechCue::Quote);
constexpr unsigned char kBoth = kSpeaker | kQuote;

constexpr std::array<std::pair<std::string_view, unsigned char>, 33> kSpeechVerbs{{
    {"said", kBoth},         {"says", kBoth},       {"say", kQuote},          {"told", kBoth},
    {"tells", kQuote},       {"added", kBoth},      {"adds", kQuote},         {"argued", kBoth},
    {"insisted", kBoth},     {"stated", kBoth},     {"noted", kBoth},         {"warned", kBoth},
    {"wrote", kBoth},        {"writes", kQuote},    {"declared", kBoth},      {"claimed", kBoth},
    {"explained", kBoth},    {"replied", kBoth},    {"asked", kBoth},         {"cautioned", kBoth},
    {"stressed", kBoth},     {"recalled", kBoth},   {"tweeted", kBoth},       {"posted", kBoth},
    {"announced", kBoth},    {"continued", kQuote}, {"acknowledged", kQuote}, {"admitted", kQuote},
    {"remarked", kQuote},    {"concluded", kQuote}, {"urged", kSpeaker},      {"accused", kSpeaker},
    {"confirmed", kSpeaker},
}};

}  // namespace

bool is_speech_verb(std::string_view word, SpeechCue cue) {
  for (const auto& [verb, cues] : kSpeechVerbs)
    if (verb == word) return (cues & static_cast<unsigned char>(cue)) != 0;
  return false;
}

}  // namespace newsgraph::text
