// Node ids: how an entity is named in the graph, from its type and its canonical name. The
// same name always gives the same id, in every article and every build.
#pragma once

#include <string>
#include <string_view>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// The slug of a name for ids: Latin-ASCII folded, lower case, runs of other characters
/// to one '-', trimmed ("Sergey Lavrov" -> "sergey-lavrov"). Empty names give "x".
std::string slug(std::string_view name, const Knowledge& kb);
/// "person/sergey-lavrov"; quotations get a slug of their first words and a hash of the text.
std::string make_node_id(EntityType type, std::string_view name, const Knowledge& kb);

}  // namespace newsgraph
