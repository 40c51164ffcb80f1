// The Loader's country steps: iso-codes 3166-1 with ICU's English display names, the curated
// names and aliases of data/country_names.txt and data/country_aliases.txt, and the demonyms
// of data/demonyms.txt.
#include <unicode/locid.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "knowledge/loader.hpp"
#include "knowledge/surface.hpp"
#include "util/strings.hpp"

namespace newsgraph::knowledge {
namespace {

/// The usable surfaces of one official name: the name itself unless it is an inverted
/// comma form, and for "Main (note)" only "Main" (the notes that are names in their own
/// right, like "Burma" or "Malvinas", are aliases in data/country_aliases.txt).
std::vector<std::string> name_forms(const std::string& n) {
  std::vector<std::string> out;
  const std::size_t open = n.find(" (");
  if (open != std::string::npos) {
    out.push_back(n.substr(0, open));
  } else if (n.find(", ") == std::string::npos) {
    out.push_back(n);
  }
  return out;
}

}  // namespace

void Loader::load_countries() {
  const std::string path = paths_.iso_codes_dir + "/iso_3166-1.json";
  const rapidjson::Document doc = read_iso_codes(path, "3166-1");

  struct Raw {
    std::string a2;
    std::vector<std::string> names;  // iso name, official_name, common_name
  };
  std::vector<Raw> raws;
  for (const auto& c : doc["3166-1"].GetArray()) {
    if (!has_string(c, "alpha_2") || !has_string(c, "name"))
      throw KnowledgeError(path + ": an entry lacks alpha_2 or name");
    Raw r;
    r.a2 = c["alpha_2"].GetString();
    if (r.a2.size() != 2) throw KnowledgeError(path + ": bad alpha_2 \"" + r.a2 + "\"");
    for (const char* field : {"name", "official_name", "common_name"}) {
      if (has_string(c, field)) r.names.emplace_back(c[field].GetString());
    }
    raws.push_back(std::move(r));
  }
  if (raws.empty()) throw KnowledgeError(path + ": no countries");

  std::unordered_map<std::string, std::string> overrides;
  for (const DataLine& line : data_lines("country_names.txt")) {
    if (line.cols.size() != 2) data_error("country_names.txt", line, "expected alpha-2 TAB name");
    overrides[std::string(line.cols[0])] = std::string(line.cols[1]);
  }

  // The part before ", " of an inverted name ("Iran, Islamic Republic of" -> "Iran") is a
  // surface only when it names one country and is no other country's name.
  std::unordered_map<std::string, int> head_count;
  std::unordered_map<std::string, std::string> plain_owner;  // plain name -> alpha-2
  for (const Raw& r : raws) {
    std::unordered_set<std::string> heads;
    for (const std::string& n : r.names) {
      const std::size_t comma = n.find(", ");
      if (comma == std::string::npos)
        plain_owner.emplace(n, r.a2);
      else
        heads.insert(n.substr(0, comma));
    }
    for (const std::string& h : heads) ++head_count[h];
  }

  std::vector<std::pair<const Draft*, std::vector<std::string>>> pending;
  for (const Raw& r : raws) {
    std::string canonical;
    if (auto it = overrides.find(r.a2); it != overrides.end()) {
      canonical = it->second;
    } else {
      icu::UnicodeString display;
      icu::Locale("", r.a2.c_str()).getDisplayCountry(icu::Locale::getEnglish(), display);
      canonical = to_utf8(display);
      if (canonical.empty() || canonical == r.a2) canonical = r.names.front();
    }
    const Draft* e = new_entry(EntityType::Place, canonical, "country", r.a2);
    bool inserted = false;
    k_->countries.slot(r.a2, inserted) = e;

    std::vector<std::string> surfaces{canonical};
    icu::UnicodeString display;
    icu::Locale("", r.a2.c_str()).getDisplayCountry(icu::Locale::getEnglish(), display);
    if (display.length() > 0) {
      for (std::string& d : name_forms(to_utf8(display))) surfaces.push_back(std::move(d));
    }
    for (const std::string& n : r.names) {
      for (std::string& s : name_forms(n)) surfaces.push_back(std::move(s));
      const std::size_t comma = n.find(", ");
      if (comma == std::string::npos) continue;
      const std::string head = n.substr(0, comma);
      std::string tail = n.substr(comma + 2);
      const auto owner = plain_owner.find(head);
      if (head_count[head] == 1 && (owner == plain_owner.end() || owner->second == r.a2))
        surfaces.push_back(head);
      // "Korea, Republic of" -> "Republic of Korea"; "Congo, The Democratic Republic of the"
      // -> "Democratic Republic of the Congo".
      if (strings::ends_with(tail, " of") || strings::ends_with(tail, " of the")) {
        if (strings::starts_with(tail, "The ")) tail = tail.substr(4);
        surfaces.push_back(tail + " " + head);
      }
    }
    pending.emplace_back(e, std::move(surfaces));
  }
  for (auto& [e, surfaces] : pending) {
    for (const std::string& s : surfaces) {
      if (s.find(", ") == std::string::npos) add_surface(s, e, Rank::Country);
    }
  }

  for (const DataLine& line : data_lines("country_aliases.txt")) {
    if (line.cols.size() != 2) data_error("country_aliases.txt", line, "expected alias TAB alpha-2");
    const std::string& code = country_code_or_throw("country_aliases.txt", line, line.cols[1]);
    add_surface(line.cols[0], *k_->countries.find(code), Rank::Country);
  }
}

void Loader::load_demonyms() {
  constexpr std::string_view file = "demonyms.txt";
  for (const DataLine& line : data_lines(file)) {
    if (line.cols.size() < 2) data_error(file, line, "expected alpha-2 TAB demonym [TAB form...]");
    const std::string& code = country_code_or_throw(file, line, line.cols[0]);
    for (std::size_t i = 1; i < line.cols.size(); ++i) {
      bool inserted = false;
      const std::string*& slot = k_->demonyms.slot(std::string(line.cols[i]), inserted);
      if (inserted) slot = &code;
    }
  }
}

}  // namespace newsgraph::knowledge
