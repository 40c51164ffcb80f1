// The choice of a group's Wikidata id and coordinates (declared in resolve/links.hpp).
#include "resolve/links.hpp"

namespace newsgraph::links {

void LinkTally::add(std::string_view wikidata, const std::optional<GeoPoint>& location) {
  if (!wikidata.empty()) ++ids_[std::string(wikidata)];
  // Made again with geo_point, so a point built by hand (unrounded, NaN) cannot upset the order.
  const std::optional<GeoPoint> point =
      location ? geo_point(location->latitude, location->longitude) : std::nullopt;
  if (point) ++points_[{std::string(wikidata), *point}];
}

std::string LinkTally::wikidata() const {
  const std::pair<const std::string, std::size_t>* best = nullptr;
  for (const auto& entry : ids_)  // in byte order: the first of the most frequent wins
    if (best == nullptr || entry.second > best->second) best = &entry;
  return best != nullptr ? best->first : std::string();
}

std::optional<GeoPoint> LinkTally::location() const {
  // The points of one id in ascending order: a contiguous run of the map.
  const auto best_of = [this](const std::string& id) -> std::optional<GeoPoint> {
    std::optional<GeoPoint> best;
    std::size_t best_count = 0;
    for (auto it = points_.lower_bound({id, GeoPoint{-90, -180}});
         it != points_.end() && it->first.first == id; ++it)
      if (it->second > best_count) {
        best = it->first.second;
        best_count = it->second;
      }
    return best;
  };
  const std::string id = wikidata();
  std::optional<GeoPoint> point = best_of(id);
  if (!point && !id.empty()) point = best_of(std::string());
  return point;
}

}  // namespace newsgraph::links
