// The user's corrections to the merge: the --aliases and --keep-apart files, and how their
// names are matched to entities and turned into forced links and keep-apart sides.
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "merge/items.hpp"
#include "merge/steps.hpp"
#include "newsgraph/merge/merge.hpp"
#include "newsgraph/util/errors.hpp"
#include "newsgraph/util/utf8.hpp"
#include "util/strings.hpp"

namespace newsgraph {
namespace merging {
namespace {

/// The name of `it` (its name or an alias) whose folded words are `folded`; its name when none.
std::string form_matching(const Item& it, const std::string& folded) {
  for (const Form& f : it.forms)
    if (join(f.folded) == folded) return f.text;
  return it.e->name;
}

}  // namespace

void link_overrides(const std::vector<Item>& items, const MergeOverrides& overrides, Folder& folder,
                    Linker& sets) {
  std::unordered_map<std::string, std::vector<std::size_t>> items_by_folded;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::set<std::string> seen;
    for (const Form& f : items[i].forms)
      if (seen.insert(join(f.folded)).second) items_by_folded[join(f.folded)].push_back(i);
  }
  const auto matching = [&](const std::string& name) -> const std::vector<std::size_t>* {
    auto it = items_by_folded.find(join(folder.words(name)));
    return it == items_by_folded.end() ? nullptr : &it->second;
  };
  for (std::size_t g = 0; g < overrides.keep_apart.size(); ++g)
    for (std::size_t side = 0; side < overrides.keep_apart[g].size(); ++side)
      if (const auto* m = matching(overrides.keep_apart[g][side]))
        for (std::size_t i : *m) sets.set_side(i, g, side);
  sets.settle_sides();
  for (const auto& group : overrides.aliases) {
    std::string line;
    for (const auto& name : group) line += (line.empty() ? "" : " | ") + name;
    std::map<EntityType, std::pair<std::size_t, std::string>> first;  // per type: (item, name)
    for (const auto& name : group) {
      const auto* m = matching(name);
      if (m == nullptr) continue;
      for (std::size_t i : *m) {
        const EntityType t = items[i].e->type;
        if (t == EntityType::Quotation) continue;
        const std::string own = form_matching(items[i], join(folder.words(name)));
        auto [pos, inserted] = first.emplace(t, std::make_pair(i, own));
        if (!inserted)
          sets.link({i, pos->second.first, "forced", own, pos->second.second,
                     "the --aliases file names them as one entity: " + line},
                    true);
      }
    }
  }
}

}  // namespace merging

std::vector<std::vector<std::string>> read_name_groups(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open file");
  std::vector<std::vector<std::string>> groups;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    // strings::trim also trims LF, which getline never leaves in a line.
    const std::string_view content = strings::trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (!is_valid_utf8(content)) throw InputError(path + ":" + std::to_string(number) + ": not valid UTF-8");
    std::vector<std::string> names;
    std::size_t start = 0;
    while (true) {
      const std::size_t bar = content.find('|', start);
      const std::string_view name =
          strings::trim(content.substr(start, bar == std::string_view::npos ? bar : bar - start));
      if (name.empty())
        throw InputError(path + ":" + std::to_string(number) + ": empty name (names are separated by '|')");
      names.emplace_back(name);
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    if (names.size() < 2)
      throw InputError(path + ":" + std::to_string(number) +
                       ": a group needs at least two names separated by '|'");
    groups.push_back(std::move(names));
  }
  if (in.bad()) throw InputError(path + ": read error");
  return groups;
}

}  // namespace newsgraph
