#include "newsgraph/vocab/types.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "util/enum_names.hpp"

namespace newsgraph {
namespace {

constexpr EnumNames<EntityType, 5> kEntityNames{{
    {EntityType::Person, "Person"},
    {EntityType::Organization, "Organization"},
    {EntityType::Place, "Place"},
    {EntityType::Quotation, "Quotation"},
    {EntityType::Group, "Group"},
}};

constexpr EnumNames<RelationType, 20> kRelationNames{{
    {RelationType::HoldsPosition, "holds_position"},
    {RelationType::MemberOf, "member_of"},
    {RelationType::PartOf, "part_of"},
    {RelationType::LocatedIn, "located_in"},
    {RelationType::BasedIn, "based_in"},
    {RelationType::CitizenOf, "citizen_of"},
    {RelationType::MetWith, "met_with"},
    {RelationType::Hosted, "hosted"},
    {RelationType::Visited, "visited"},
    {RelationType::Accused, "accused"},
    {RelationType::Criticized, "criticized"},
    {RelationType::Rejected, "rejected"},
    {RelationType::Threatened, "threatened"},
    {RelationType::Supported, "supported"},
    {RelationType::Urged, "urged"},
    {RelationType::Said, "said"},
    {RelationType::WorksFor, "works_for"},
    {RelationType::LivesIn, "lives_in"},
    {RelationType::Killed, "killed"},
    {RelationType::CoMentioned, "co_mentioned"},
}};

/// Coordinates are kept and written in units of 1e-5 degree.
constexpr double kDegreeUnits = 1e5;

/// `degrees` rounded to 5 decimals, as a count of 1e-5 degree (half away from zero).
std::int64_t degree_units(double degrees) { return std::llround(degrees * kDegreeUnits); }

}  // namespace

std::optional<GeoPoint> geo_point(double latitude, double longitude) {
  if (!std::isfinite(latitude) || !std::isfinite(longitude) || std::fabs(latitude) > 90 ||
      std::fabs(longitude) > 180)
    return std::nullopt;
  // The quotient of two exact doubles is the double nearest to the 5-decimal value: what
  // strtod gives for the text format_degrees writes, so reading an export back is exact.
  return GeoPoint{static_cast<double>(degree_units(latitude)) / kDegreeUnits,
                  static_cast<double>(degree_units(longitude)) / kDegreeUnits};
}

std::string format_degrees(double degrees) {
  // Outside the contract, NaN is written as 0 and the rest clamped: never undefined behaviour.
  const double x = std::isnan(degrees) ? 0.0 : std::fmax(-180.0, std::fmin(180.0, degrees));
  const std::int64_t units = degree_units(x);
  const std::uint64_t magnitude = static_cast<std::uint64_t>(units < 0 ? -units : units);
  std::string fraction = std::to_string(magnitude % 100000);
  fraction.insert(0, 5 - fraction.size(), '0');
  return (units < 0 ? "-" : "") + std::to_string(magnitude / 100000) + "." + fraction;
}

std::string_view to_string(EntityType t) { return enum_name(kEntityNames, t, "Unknown"); }

std::string_view id_prefix(EntityType t) {
  switch (t) {
    case EntityType::Person:
      return "person";
    case EntityType::Organization:
      return "organization";
    case EntityType::Place:
      return "place";
    case EntityType::Quotation:
      return "quotation";
    case EntityType::Group:
      return "group";
  }
  return "unknown";
}

std::optional<EntityType> entity_type_from_string(std::string_view s) {
  return enum_from_name(kEntityNames, s);
}

const std::vector<EntityType>& all_entity_types() {
  static const std::vector<EntityType> types = enum_values(kEntityNames);
  return types;
}

std::string_view to_string(RelationType r) { return enum_name(kRelationNames, r, "unknown"); }

std::optional<RelationType> relation_type_from_string(std::string_view s) {
  return enum_from_name(kRelationNames, s);
}

const std::vector<RelationType>& all_relation_types() {
  static const std::vector<RelationType> types = enum_values(kRelationNames);
  return types;
}

bool is_symmetric(RelationType r) { return r == RelationType::MetWith || r == RelationType::CoMentioned; }

std::string_view cameo_root(RelationType r) {
  switch (r) {
    case RelationType::MetWith:
    case RelationType::Hosted:
    case RelationType::Visited:
      return "04";
    case RelationType::Accused:
    case RelationType::Criticized:
      return "11";
    case RelationType::Rejected:
      return "12";
    case RelationType::Threatened:
      return "13";
    case RelationType::Supported:
      return "05";
    case RelationType::Urged:
      return "10";
    case RelationType::Said:
      return "01";
    case RelationType::Killed:
      return "18";
    default:
      return {};
  }
}

}  // namespace newsgraph
