// The general word lists of data/*.txt, compiled into the library.
#pragma once
#include <string_view>
namespace newsgraph {
/// The content of data/<name> as it was at build time. Throws std::logic_error for an unknown name.
std::string_view embedded_file(std::string_view name);
}  // namespace newsgraph
