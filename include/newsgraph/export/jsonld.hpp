// JSON-LD export.
#pragma once
#include <ostream>

#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {
/// JSON-LD with an inline @context mapping to schema.org (Person, Organization, Place,
/// Quotation; name, alternateName) and the newsgraph vocabulary for relations and evidence.
/// @id IRIs are stable ("urn:newsgraph:person/sergey-lavrov"); expanding it needs no network.
void write_jsonld(std::ostream& out, const Graph& g);
}  // namespace newsgraph
