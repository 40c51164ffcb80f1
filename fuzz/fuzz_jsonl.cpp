// libFuzzer target: the JSON Lines reader (parse_jsonl), as used for .jsonl files and stdin.
// Bad input must give InputError; every article read has a non-empty id and valid UTF-8
// strings. Any other exception, a crash or a sanitizer report is a finding.
#include <vector>

#include "fuzz_common.hpp"
#include "newsgraph/ingest/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsgraph;
  try {
    const std::vector<Article> articles = parse_jsonl(fuzz::bytes(data, size), "fuzz.jsonl");
    for (const Article& a : articles) {
      fuzz::require(!a.id.empty(), "a JSON Lines article has an id");
      fuzz::require(is_valid_utf8(a.id) && is_valid_utf8(a.text) && is_valid_utf8(a.title) &&
                        is_valid_utf8(a.url) && is_valid_utf8(a.date) && is_valid_utf8(a.source),
                    "article strings are valid UTF-8");
    }
  } catch (const InputError&) {
  }
  return 0;
}
