// The Loader's subdivision step: the curated data/subdivisions.txt, then the names
// iso-codes 3166-2 gives to the subdivisions of the types news text names.
#include <cctype>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "knowledge/loader.hpp"
#include "knowledge/surface.hpp"
#include "newsgraph/util/utf8.hpp"
#include "util/strings.hpp"

namespace newsgraph::knowledge {
namespace {

/// Subdivision types of iso_3166-2.json worth a surface in news text. "Region",
/// "Department" and "Municipality" count only for the countries listed with them, where
/// they are the first-level units news text names.
bool wanted_type(std::string_view type, std::string_view country) {
  static const std::unordered_set<std::string_view> kTypes = {"State",
                                                              "Province",
                                                              "Oblast",
                                                              "Republic",
                                                              "Land",
                                                              "Autonomous republic",
                                                              "Emirate",
                                                              "Federal district",
                                                              "Territory",
                                                              "Autonomous region",
                                                              "Autonomous community",
                                                              "Union territory",
                                                              "Country",
                                                              "Prefecture",
                                                              "Governorate",
                                                              "Canton",
                                                              "Special administrative region",
                                                              "Autonomous province",
                                                              "Capital territory",
                                                              "Federal capital territory",
                                                              "Capital district",
                                                              "Regional state",
                                                              "Pakistan administered area",
                                                              "Entity",
                                                              "Autonomous city",
                                                              "Autonomous city in north africa",
                                                              "Special region",
                                                              "Geographical unit",
                                                              "Metropolitan region",
                                                              "Overseas region",
                                                              "Overseas collectivity",
                                                              "Outlying area",
                                                              "City",
                                                              "Capital city",
                                                              "Capital",
                                                              "Special city",
                                                              "Metropolitan city",
                                                              "Special municipality",
                                                              "Autonomous district",
                                                              "Administrative region",
                                                              "Administrative territory",
                                                              "Federal territory",
                                                              "Special self-governing province",
                                                              "Special self-governing city"};
  static const std::unordered_set<std::string_view> kRegionCountries = {
      "IT", "NZ", "PE", "SN", "ML", "NE", "TZ", "SO", "GH", "MM", "GE", "CL", "UZ",
      "TJ", "FI", "MA", "KZ", "UA", "SA", "AM", "KG", "TM", "GN", "DJ", "NA", "SZ"};
  static const std::unordered_set<std::string_view> kDepartmentCountries = {"CO", "BO"};
  static const std::unordered_set<std::string_view> kMunicipalityCountries = {"CN"};
  if (type == "Region") return kRegionCountries.count(country) != 0;
  if (type == "Department") return kDepartmentCountries.count(country) != 0;
  if (type == "Municipality") return kMunicipalityCountries.count(country) != 0;
  return kTypes.count(type) != 0;
}

/// The clean names of an iso-codes subdivision name: bracketed alternatives split off,
/// parenthesised notes and a trailing "*" dropped, inverted comma forms reduced to their
/// head ("Dagestan, Respublika" -> "Dagestan"), and administrative words that are not
/// part of the name in English removed ("Guangdong Sheng" -> "Guangdong",
/// "Gyeonggi-do" -> "Gyeonggi"). The first name is the main one.
std::vector<std::string> subdivision_names(std::string name) {
  std::vector<std::string> out;
  std::string alternative;
  if (const std::size_t open = name.find(" ["); open != std::string::npos) {
    const std::size_t close = name.find(']', open);
    std::string inner =
        name.substr(open + 2, close == std::string::npos ? std::string::npos : close - open - 2);
    // Drop code-like words ("Cymru GB-CYM" -> "Cymru").
    std::vector<std::string> kept;
    for (std::string_view w : strings::split(inner, ' ')) {
      const bool code_like = w.size() >= 4 && w[2] == '-' && std::isupper(static_cast<unsigned char>(w[0])) &&
                             std::isupper(static_cast<unsigned char>(w[1]));
      if (!code_like && !w.empty()) kept.emplace_back(w);
    }
    alternative = strings::join(kept, " ");
    if (!starts_upper(alternative)) alternative.clear();
    name.resize(open);
  }
  while (!name.empty() && (name.back() == '*' || name.back() == ' ')) name.pop_back();
  if (const std::size_t open = name.find(" ("); open != std::string::npos) name.resize(open);
  if (const std::size_t comma = name.find(", "); comma != std::string::npos) {
    const std::string tail = name.substr(comma + 2);
    if (tail.find(" and ") == std::string::npos) name.resize(comma);
  }
  std::string clean = name;
  static const char* const kSuffixes[] = {
      " Sheng",       " Shi",         " Zizhiqu",          " SAR", " oblysy", " Shaary",
      "-gwangyeoksi", "-teukbyeolsi", "-teukbyeoljachido", "-do"};
  for (const char* suffix : kSuffixes) {
    if (strings::ends_with(clean, suffix) && clean.size() > std::string_view(suffix).size() + 2) {
      clean.resize(clean.size() - std::string_view(suffix).size());
      break;
    }
  }
  static const char* const kPrefixes[] = {"Gorod ", "Grad ", "City of ", "Wilayah Persekutuan "};
  for (const char* prefix : kPrefixes) {
    if (strings::starts_with(clean, prefix) && clean.size() > std::string_view(prefix).size() + 2) {
      clean = clean.substr(std::string_view(prefix).size());
      break;
    }
  }
  out.push_back(clean);
  if (clean != name) out.push_back(name);
  if (!alternative.empty()) out.push_back(alternative);
  return out;
}

/// True when a name is written in a romanisation of another script (macrons, dots below,
/// ayn and hamza marks): its ASCII form is then the spelling English text uses.
bool romanised(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = next_code_point(s, i);
    if (c == 0x02BB || c == 0x02BF || c == 0x02BE || c == 0x2018 || c == 0x0304 || c == 0x0323 || c == 0x032E)
      return true;
    if (c >= 0x0100 && c <= 0x017F) {
      // Latin Extended-A letters with a macron or breve (ā ē ī ō ū ŭ ...).
      static const std::u32string kMacrons = U"ĀāĒēĪīŌōŪūŬŭ";
      if (kMacrons.find(static_cast<char32_t>(c)) != std::u32string::npos) return true;
    }
    if (c >= 0x1E00 && c <= 0x1EFF) {
      // Latin Extended Additional: dots below and cedillas of Arabic romanisation (ḩ ḑ ẕ ...).
      static const std::u32string kDots = U"ḨḩḌḍḐḑḤḥṢṣṬṭẒẓẔẕṮṯḎḏ";
      if (kDots.find(static_cast<char32_t>(c)) != std::u32string::npos) return true;
    }
  }
  return false;
}

/// Strips apostrophe-like marks from the edges of each word ("'Asir" -> "Asir").
std::string strip_edge_marks(std::string_view s) {
  std::vector<std::string> words;
  for (std::string_view w : strings::split(s, ' ')) {
    std::string word(w);
    while (!word.empty() && (word.front() == '\'' || word.front() == '`')) word.erase(0, 1);
    while (!word.empty() && (word.back() == '\'' || word.back() == '`')) word.pop_back();
    if (!word.empty()) words.push_back(std::move(word));
  }
  return strings::join(words, " ");
}

}  // namespace

void Loader::load_iso_subdivisions() {
  const std::string path = paths_.iso_codes_dir + "/iso_3166-2.json";
  const rapidjson::Document doc = read_iso_codes(path, "3166-2");

  struct Sub {
    std::string code, name, type;
  };
  std::vector<Sub> subs;
  std::unordered_map<std::string, std::size_t> by_code;
  for (const auto& s : doc["3166-2"].GetArray()) {
    if (!has_string(s, "code") || !has_string(s, "name"))
      throw KnowledgeError(path + ": an entry lacks code or name");
    Sub sub{s["code"].GetString(), s["name"].GetString(), has_string(s, "type") ? s["type"].GetString() : ""};
    if (sub.code.size() < 4 || sub.code[2] != '-')
      throw KnowledgeError(path + ": bad code \"" + sub.code + "\"");
    by_code.emplace(sub.code, subs.size());
    subs.push_back(std::move(sub));
  }
  if (subs.empty()) throw KnowledgeError(path + ": no subdivisions");

  // Curated English names.
  constexpr std::string_view file = "subdivisions.txt";
  std::unordered_map<std::string, const Draft*> curated;
  for (const DataLine& line : data_lines(file)) {
    if (line.cols.size() < 2) data_error(file, line, "expected ISO 3166-2 code TAB name [TAB alias...]");
    const std::string code(line.cols[0]);
    if (by_code.count(code) == 0) data_error(file, line, "unknown ISO 3166-2 code \"" + code + "\"");
    const std::string country = code.substr(0, 2);
    const Draft* e = new_entry(EntityType::Place, std::string(line.cols[1]), "subdivision", country);
    curated.emplace(code, e);
    for (std::size_t i = 1; i < line.cols.size(); ++i) add_surface(line.cols[i], e, Rank::Subdivision);
  }

  // Romanised countries: those with a subdivision name in a romanisation of another script.
  std::unordered_set<std::string> romanised_countries;
  for (const Sub& s : subs) {
    if (romanised(s.name)) romanised_countries.insert(s.code.substr(0, 2));
  }

  for (const Sub& s : subs) {
    const std::string country = s.code.substr(0, 2);
    if (!k_->countries.find(country)) continue;
    const auto cur = curated.find(s.code);
    if (cur == curated.end() && !wanted_type(s.type, country)) continue;
    std::vector<std::string> names = subdivision_names(s.name);
    const bool roman = romanised_countries.count(country) != 0;
    std::vector<std::string> usable;
    for (const std::string& n : names) {
      const std::string ascii = strip_edge_marks(ascii_form(n));
      const std::string& spelled = roman ? ascii : n;
      if (spelled.empty() || not_place(n) || not_place(spelled) || too_common(spelled, true) ||
          too_common(ascii, true))
        continue;
      usable.push_back(spelled);
      if (ascii != spelled) usable.push_back(ascii);
    }
    const Draft* e = nullptr;
    if (cur != curated.end()) {
      e = cur->second;
    } else if (!usable.empty()) {
      e = new_entry(EntityType::Place, usable.front(), "subdivision", country);
    }
    if (!e) continue;
    for (const std::string& n : usable) add_surface(n, e, Rank::Subdivision);
  }
}

}  // namespace newsgraph::knowledge
