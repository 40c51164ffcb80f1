// JSON-LD export.
#pragma once
#include <ostream>

#include "newsgraph/vocab/graph.hpp"
namespace newsgraph {
/// JSON-LD with an inline @context mapping to schema.org (Person, Organization, Place,
/// Quotation; name, alternateName) and the newsgraph vocabulary for relations and evidence.
/// @id IRIs are stable ("urn:newsgraph:person/sergey-lavrov"); expanding it needs no network.
/// A node's Wikidata id is its `sameAs` (schema:sameAs <http://www.wikidata.org/entity/Q159>),
/// its coordinates a `geo` GeoCoordinates node (schema:latitude, schema:longitude as
/// xsd:double); the context defines these terms when some node uses them.
void write_jsonld(std::ostream& out, const Graph& g);
}  // namespace newsgraph
