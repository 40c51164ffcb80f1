// The Loader's city step: the curated data/cities.txt, then tzdata's zone1970.tab and every
// other location zone ICU knows, named by ICU's English exemplar cities.
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "knowledge/loader.hpp"
#include "knowledge/surface.hpp"
#include "util/strings.hpp"

namespace newsgraph::knowledge {

void Loader::load_cities() {
  load_entries("cities.txt", "expected name TAB alpha-2-or-dash [TAB alias...]", EntityType::Place, "city",
               Rank::City);

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> tzn(
      icu::TimeZoneNames::createInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status)) tzn.reset();

  // The English exemplar city of a zone, without ICU's ", Indiana"-style qualifier.
  const auto exemplar = [&](const icu::UnicodeString& id) -> std::string {
    if (!tzn) return {};
    icu::UnicodeString canonical_id, name;
    UErrorCode st = U_ZERO_ERROR;
    icu::TimeZone::getCanonicalID(id, canonical_id, st);
    if (U_FAILURE(st)) canonical_id = id;
    tzn->getExemplarLocationName(canonical_id, name);
    std::string out = to_utf8(name);
    if (const std::size_t comma = out.find(','); comma != std::string::npos) out.resize(comma);
    return out;
  };
  const auto add_zone_city = [&](std::string_view zone_name, const std::string& exemplar_name,
                                 const std::string& code) {
    std::vector<std::string> names;
    if (!exemplar_name.empty()) names.push_back(exemplar_name);
    names.emplace_back(zone_name);
    std::vector<std::string> usable;
    for (const std::string& n : names) {
      if (n.empty() || not_place(n) || too_common(n, false)) continue;
      usable.push_back(n);
    }
    if (usable.empty()) return;
    // The exemplar spelling names the city; if the tz name was already a surface (a curated
    // city, or a country), the entry found there stays in charge.
    const Draft* e = new_entry(EntityType::Place, usable.front(), "city", code);
    for (const std::string& n : usable) add_surface(n, e, Rank::City);
  };

  // zone1970.tab: codes TAB coordinates TAB zone [TAB comments]
  const std::string tab = read_file(paths_.zone1970_tab);
  std::size_t zones = 0;
  std::size_t number = 0;
  std::unordered_set<std::string> seen_zones;
  for (std::string_view line : strings::split(tab, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (strings::trim(line).empty() || line.front() == '#') continue;
    const std::vector<std::string_view> cols = strings::split(line, '\t');
    if (cols.size() < 3 || cols[0].size() < 2 || cols[2].find('/') == std::string_view::npos)
      throw KnowledgeError(paths_.zone1970_tab + " line " + std::to_string(number) + ": malformed");
    ++zones;
    const std::string zone(cols[2]);
    seen_zones.insert(zone);
    const std::string code(cols[0].substr(0, 2));
    if (code == "AQ" || !k_->countries.find(code)) continue;
    std::string last = zone.substr(zone.rfind('/') + 1);
    std::replace(last.begin(), last.end(), '_', ' ');
    add_zone_city(last, exemplar(icu::UnicodeString::fromUTF8(zone)), code);
  }
  if (zones == 0) throw KnowledgeError(paths_.zone1970_tab + ": no zones");

  // Every other location zone ICU knows (links such as Europe/Oslo), with ICU's region.
  std::unique_ptr<icu::StringEnumeration> ids(icu::TimeZone::createTimeZoneIDEnumeration(
      UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_FAILURE(status) || !ids) return;
  std::vector<std::string> zone_ids;
  while (const icu::UnicodeString* id = ids->snext(status)) {
    if (U_FAILURE(status)) break;
    zone_ids.push_back(to_utf8(*id));
  }
  std::sort(zone_ids.begin(), zone_ids.end());
  for (const std::string& zone : zone_ids) {
    if (seen_zones.count(zone) != 0) continue;
    const icu::UnicodeString uid = icu::UnicodeString::fromUTF8(zone);
    char region[8] = {0};
    UErrorCode st = U_ZERO_ERROR;
    icu::TimeZone::getRegion(uid, region, sizeof region, st);
    const std::string code = U_SUCCESS(st) ? std::string(region) : std::string();
    if (code.size() != 2 || code == "AQ" || !k_->countries.find(code)) continue;
    std::string last = zone.substr(zone.rfind('/') + 1);
    std::replace(last.begin(), last.end(), '_', ' ');
    add_zone_city(last, exemplar(uid), code);
  }
}

}  // namespace newsgraph::knowledge
