// libFuzzer target: the .txt reader (parse_txt, what read_inputs makes of a .txt file). Bad
// input must give InputError; an article read has valid UTF-8 text without a byte order mark
// and a title that is its first line trimmed. Any other exception, a crash or a sanitizer
// report is a finding.
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "newsgraph/ingest/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsgraph;
  try {
    const std::string_view in = fuzz::bytes(data, size);
    const Article a = parse_txt(in, "fuzz", "fuzz.txt");
    fuzz::require(a.id == "fuzz" && a.origin == "fuzz.txt", "id and origin as given");
    fuzz::require(is_valid_utf8(a.text) && is_valid_utf8(a.title), "text and title are valid UTF-8");
    const bool bom = in.substr(0, 3) == "\xEF\xBB\xBF";
    fuzz::require(a.text == in.substr(bom ? 3 : 0), "the text is the input without its byte order mark");
    fuzz::require(a.title.size() <= a.text.size(), "the title is part of the text");
    if (!a.title.empty())
      fuzz::require(a.text.substr(0, a.text.find('\n')).find(a.title) != std::string::npos,
                    "the title comes from the first line");
  } catch (const InputError&) {
  }
  return 0;
}
