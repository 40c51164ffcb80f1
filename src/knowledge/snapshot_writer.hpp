// The snapshot writer: the compiler's tables as the bytes of a snapshot file
// (snapshot_format.hpp). Internal to src/knowledge/.
#pragma once

#include <string>

#include "knowledge/tables.hpp"

namespace newsgraph::knowledge {

/// The snapshot of `tables`. The same tables give the same bytes.
std::string write_snapshot(const Tables& tables);

}  // namespace newsgraph::knowledge
