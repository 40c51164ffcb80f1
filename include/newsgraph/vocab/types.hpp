// The vocabulary of the graph: spans of text, entity types and relation types, with their names.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph {

/// A half-open range [begin, end) of Unicode code points into an article's text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Span& a, const Span& b) { return a.begin == b.begin && a.end == b.end; }
  friend bool operator!=(const Span& a, const Span& b) { return !(a == b); }
  friend bool operator<(const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  }
};

/// A point on the Earth: WGS 84 latitude and longitude in degrees (north and east positive).
/// Every export writes each with 5 decimals (format_degrees: about a metre), so a GeoPoint made
/// by geo_point() holds them already rounded to 5 decimals: the value an export reads back is
/// the value it wrote, and two points compare equal exactly when they print alike.
struct GeoPoint {
  double latitude = 0;   ///< -90 .. 90
  double longitude = 0;  ///< -180 .. 180
  friend bool operator==(const GeoPoint& a, const GeoPoint& b) {
    return a.latitude == b.latitude && a.longitude == b.longitude;
  }
  friend bool operator!=(const GeoPoint& a, const GeoPoint& b) { return !(a == b); }
  friend bool operator<(const GeoPoint& a, const GeoPoint& b) {
    return a.latitude != b.latitude ? a.latitude < b.latitude : a.longitude < b.longitude;
  }
};

/// The point (latitude, longitude), each rounded to 5 decimals (half away from zero); none when
/// either is not a finite number or lies out of its range (latitude beyond +-90, longitude
/// beyond +-180).
std::optional<GeoPoint> geo_point(double latitude, double longitude);

/// `degrees` with exactly 5 decimals, rounded half away from zero, independent of the C locale:
/// "55.75580", "-0.12750", "0.00000" (never "-0.00000"). The one form of coordinates in every
/// export. For `degrees` not finite or beyond +-180 (outside the contract) it writes NaN as 0
/// and clamps the rest to +-180.
std::string format_degrees(double degrees);

/// What a node is. Quotation nodes hold the full text of a direct quote.
/// Group nodes are collective actors named by a nationality or bloc and a collective noun
/// ("European leaders", "Russian officials").
enum class EntityType { Person, Organization, Place, Quotation, Group };

/// "Person", "Organization", "Place", "Quotation", "Group".
std::string_view to_string(EntityType t);
/// "person", "organization", "place", "quotation", "group": the prefix of node ids.
std::string_view id_prefix(EntityType t);
std::optional<EntityType> entity_type_from_string(std::string_view s);
/// Every entity type, in declaration order.
const std::vector<EntityType>& all_entity_types();

/// Typed, directed relations. Symmetric ones (met_with) are stored with the smaller node id
/// as source, so both directions of the same fact merge into one edge.
enum class RelationType {
  HoldsPosition,  ///< person -> organization/place, with a title
  MemberOf,       ///< person/organization -> organization
  PartOf,         ///< organization -> organization, place -> place
  LocatedIn,      ///< place -> place
  BasedIn,        ///< organization -> place
  CitizenOf,      ///< person -> place (country)
  MetWith,        ///< symmetric
  Hosted,
  Visited,
  Accused,
  Criticized,
  Rejected,
  Threatened,
  Supported,
  Urged,
  Said,         ///< speaker -> quotation
  WorksFor,     ///< person -> organization, without a title ("an IBM engineer")
  LivesIn,      ///< person -> place
  Killed,       ///< person -> person
  CoMentioned,  ///< symmetric: named in the same sentence (only with PipelineConfig::co_mentions)
};

/// snake_case name: "holds_position", "met_with", "said", ...
std::string_view to_string(RelationType r);
std::optional<RelationType> relation_type_from_string(std::string_view s);
/// Every relation type, in declaration order.
const std::vector<RelationType>& all_relation_types();
bool is_symmetric(RelationType r);
/// The CAMEO root code of an event relation ("04" consult for met_with, hosted and visited;
/// "11" disapprove for accused and criticized; "12" reject; "13" threaten; "05" cooperate for
/// supported; "10" demand for urged; "01" public statement for said; "18" assault for
/// killed); empty for structural relations (positions, places, membership).
std::string_view cameo_root(RelationType r);

}  // namespace newsgraph
