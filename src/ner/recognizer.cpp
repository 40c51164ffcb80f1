// The names of the recognizers, as `--ner` takes them.
#include "newsgraph/ner/detectors.hpp"
#include "util/enum_names.hpp"

namespace newsgraph {

namespace {

constexpr EnumNames<Recognizer, 3> kRecognizerNames{{
    {Recognizer::Tagger, "tagger"},
    {Recognizer::Rules, "rules"},
    {Recognizer::TaggerOnly, "tagger-only"},
}};

}  // namespace

std::string_view to_string(Recognizer r) { return enum_name(kRecognizerNames, r, "tagger"); }

std::optional<Recognizer> recognizer_from_string(std::string_view s) {
  return enum_from_name(kRecognizerNames, s);
}

std::vector<std::string> recognizer_names() { return enum_name_list(kRecognizerNames); }

}  // namespace newsgraph
