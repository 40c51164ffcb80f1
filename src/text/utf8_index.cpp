#include "newsgraph/text/utf8_index.hpp"

#include <limits>
#include <string>

#include "newsgraph/util/errors.hpp"
#include "newsgraph/util/utf8.hpp"

namespace newsgraph {

Utf8Index::Utf8Index(std::string_view utf8) {
  if (utf8.size() >= std::numeric_limits<std::uint32_t>::max()) throw InputError("text too long to index");
  offsets_.reserve(utf8.size() + 1);
  std::size_t i = 0;
  const std::size_t n = utf8.size();
  while (i < n) {
    const std::size_t len = utf8_sequence_length(utf8, i);
    if (len == 0) throw InputError("invalid UTF-8 at byte " + std::to_string(i));
    offsets_.push_back(static_cast<std::uint32_t>(i));
    i += len;
  }
  offsets_.push_back(static_cast<std::uint32_t>(n));
  offsets_.shrink_to_fit();
}

}  // namespace newsgraph
