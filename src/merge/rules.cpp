// Rules 3 and 4 of the merge (see merge.cpp), each decided on a snapshot of the clusters that
// rules 1-2 (and the rules before it) left: partial person names (3a: two trailing words;
// 3n: nicknames; 3b: surnames), then acronyms and places named without a country (4). Every
// rule joins a cluster to the unique other cluster that holds one of its keys, or to none.
#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "merge/items.hpp"
#include "merge/steps.hpp"

namespace newsgraph::merging {
namespace {

/// An item and one of its forms: where a cluster holds a key.
struct Holder {
  std::size_t item = 0;
  const Form* form = nullptr;
};

/// The clusters that hold each key: key -> cluster root -> the first holder of the key there.
using ClusterIndex = std::map<std::string, std::map<std::size_t, Holder>>;

/// A join one rule found: the cluster's own holder of the key that matched, and the holder in
/// the one cluster it joins.
struct Match {
  const Holder* own = nullptr;
  const Holder* other = nullptr;
};

/// The skeleton every rule shares: the unique cluster, other than `root`, that `index` holds
/// under one of `keys` (pairs of a key and the holder of it in cluster `root`, in the order they
/// are tried), with the first of `keys` that `index` holds at all. When `self_counts`, cluster
/// `root` itself counts as a candidate when it holds a key too, so that it makes the match
/// ambiguous rather than being skipped. Returns an empty Match when no cluster or several
/// qualify.
template <class Keys>
Match unique_cluster_with_key(const Keys& keys, const ClusterIndex& index, std::size_t root,
                              bool self_counts) {
  std::map<std::size_t, const Holder*> candidates;
  const Holder* own = nullptr;
  for (const auto& [key, holder] : keys) {
    auto it = index.find(key);
    if (it == index.end()) continue;
    for (const auto& [cluster, there] : it->second) candidates.emplace(cluster, &there);
    if (own == nullptr) own = &holder;
  }
  if (!self_counts) candidates.erase(root);
  if (candidates.size() != 1 || candidates.begin()->first == root) return {};
  return {own, candidates.begin()->second};
}

/// A person cluster's members (a cluster never mixes types).
bool is_person_cluster(const std::vector<Item>& items, const std::vector<std::size_t>& members) {
  return items[members.front()].e->type == EntityType::Person;
}

}  // namespace

void merge_two_token_partials(std::vector<Item>& items, Linker& sets) {
  const auto clusters = clusters_of(sets, items.size());
  // last two words -> cluster -> (an item of it, the longer name there)
  ClusterIndex longer_by_tail;
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      if (items[i].e->type != EntityType::Person) continue;
      for (const auto& f : items[i].forms) {
        if (f.norm.size() < 3) continue;
        longer_by_tail[f.norm[f.norm.size() - 2] + " " + f.norm.back()].emplace(root, Holder{i, &f});
      }
    }
  }
  std::vector<Link> joins;
  for (const auto& [root, members] : clusters) {
    if (!is_person_cluster(items, members)) continue;
    std::size_t longest = 0;
    std::map<std::string, Holder> pairs;  // two-word key -> (item, name)
    for (std::size_t i : members)
      for (const auto& f : items[i].forms) {
        longest = std::max(longest, f.norm.size());
        if (f.norm.size() == 2) pairs.emplace(join(f.norm), Holder{i, &f});
      }
    if (longest != 2) continue;
    // The cluster has no name of three words, so it is never among its own candidates.
    const Match m = unique_cluster_with_key(pairs, longer_by_tail, root, false);
    if (m.own == nullptr) continue;
    const std::string& partial = m.own->form->text;
    const std::string& full = m.other->form->text;
    joins.push_back(
        {m.own->item, m.other->item, "partial-name", partial, full,
         "\"" + partial + "\" ends the longer name \"" + full + "\", the only such person in the corpus"});
  }
  for (Link& l : joins) sets.link(std::move(l));
}

/// The formal given names each short form stands for, folded ("mo" -> {"maurice", "mohamed",
/// ...}), from data/nicknames.txt (Knowledge::nicknames).
std::map<std::string, std::set<std::string>> nickname_table(Folder& folder) {
  std::map<std::string, std::set<std::string>> t;
  for (const auto& [formal_name, short_form] : folder.kb().nicknames()) {
    const auto& formal = folder.words(formal_name);
    if (formal.size() != 1) continue;
    const auto& f = folder.words(short_form);
    if (f.size() == 1) t[f[0]].insert(normalise_person_token(formal[0]));
  }
  return t;
}

void merge_nicknames(std::vector<Item>& items, Linker& sets, Folder& folder) {
  const auto table = nickname_table(folder);  // once per merge: a few dozen lines
  const auto clusters = clusters_of(sets, items.size());
  // formal first word + rest -> cluster -> (an item of it, the name there)
  ClusterIndex formal_names;
  for (const auto& [root, members] : clusters)
    for (std::size_t i : members) {
      if (items[i].e->type != EntityType::Person) continue;
      for (const auto& f : items[i].forms)
        if (f.norm.size() >= 2) formal_names[join(f.norm)].emplace(root, Holder{i, &f});
    }
  std::vector<Link> joins;
  for (const auto& [root, members] : clusters) {
    if (!is_person_cluster(items, members)) continue;
    // Each form opened by a short form, with the formal names it stands for, in order.
    std::vector<std::pair<std::string, Holder>> keys;
    for (std::size_t i : members)
      for (const auto& f : items[i].forms) {
        if (f.norm.size() < 2 || f.folded.empty()) continue;
        const auto t = table.find(f.folded[0]);
        if (t == table.end()) continue;
        std::vector<std::string> words = f.norm;
        for (const auto& formal : t->second) {
          words[0] = formal;
          keys.emplace_back(join(words), Holder{i, &f});
        }
      }
    const Match m = unique_cluster_with_key(keys, formal_names, root, false);
    if (m.own == nullptr) continue;
    const Form& nick = *m.own->form;
    const std::string& full = m.other->form->text;
    joins.push_back({m.own->item, m.other->item, "nickname", nick.text, full,
                     "\"" + nick.folded[0] + "\" is a short form of the given name in \"" + full +
                         "\", the only such person in the corpus"});
  }
  for (Link& l : joins) sets.link(std::move(l));
}

/// Index of the first word of the surname of a person name: the last word and the name
/// particles right before it ("von der Leyen").
std::size_t surname_start(const Form& f, const Knowledge& kb) {
  if (f.folded.size() != f.norm.size() || f.norm.empty()) return f.norm.empty() ? 0 : f.norm.size() - 1;
  std::size_t s = f.norm.size() - 1;
  while (s > 0 && kb.is_name_particle(f.folded[s - 1])) --s;
  return s;
}

void merge_surnames(std::vector<Item>& items, Linker& sets, const Knowledge& kb) {
  const auto clusters = clusters_of(sets, items.size());
  // surname -> cluster -> (an item of it, the fuller name there)
  ClusterIndex full_by_surname;
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      if (items[i].e->type != EntityType::Person) continue;
      for (const auto& f : items[i].forms) {
        if (f.norm.size() < 2) continue;
        const std::size_t start = surname_start(f, kb);
        if (start == 0) continue;  // only particles and a surname: not a fuller name
        full_by_surname[f.norm.back()].emplace(root, Holder{i, &f});
        for (std::size_t s = start; s + 1 < f.norm.size(); ++s)
          full_by_surname[join(f.norm, s)].emplace(root, Holder{i, &f});
      }
    }
  }
  std::vector<Link> joins;
  for (const auto& [root, members] : clusters) {
    if (!is_person_cluster(items, members)) continue;
    std::map<std::string, Holder> surnames;  // key -> (item, name)
    bool only_surnames = true;
    for (std::size_t i : members)
      for (const auto& f : items[i].forms) {
        if (f.norm.empty()) continue;
        if (surname_start(f, kb) != 0) only_surnames = false;
        surnames.emplace(join(f.norm), Holder{i, &f});
      }
    if (!only_surnames || surnames.empty()) continue;
    const Match m = unique_cluster_with_key(surnames, full_by_surname, root, false);
    if (m.own == nullptr) continue;
    const std::string& partial = m.own->form->text;
    const std::string& full = m.other->form->text;
    joins.push_back({m.own->item, m.other->item, "partial-name", partial, full,
                     "\"" + partial + "\" is the surname of \"" + full +
                         "\", the only person with that surname in the corpus"});
  }
  for (Link& l : joins) sets.link(std::move(l));
}

void merge_acronyms_and_places(std::vector<Item>& items, Linker& sets, Folder& folder) {
  const auto clusters = clusters_of(sets, items.size());
  ClusterIndex org_by_initials;
  ClusterIndex coded_place_by_name;
  for (const auto& [root, members] : clusters) {
    for (std::size_t i : members) {
      const Item& it = items[i];
      if (it.e->type == EntityType::Organization) {
        for (const auto& f : it.forms)
          if (acronym_letters(f.text).empty())
            for (const auto& ini : org_initials(f.text, folder))
              org_by_initials[ini].emplace(root, Holder{i, &f});
      } else if (it.e->type == EntityType::Place && !it.e->country_code.empty()) {
        for (const auto& f : it.forms) coded_place_by_name[f.bare_key].emplace(root, Holder{i, &f});
      }
    }
  }
  std::vector<Link> joins;
  for (const auto& [root, members] : clusters) {
    const EntityType type = items[members.front()].e->type;
    std::map<std::string, Holder> keys;  // acronym letters or place key -> (item, name)
    Match m;
    // A cluster that already spells its own acronym counts as a candidate, so a second
    // expansion elsewhere makes the acronym ambiguous rather than merging it there.
    if (type == EntityType::Organization) {
      for (std::size_t i : members)
        for (const auto& f : items[i].forms) {
          std::string letters = acronym_letters(f.text);
          if (!letters.empty()) keys.emplace(std::move(letters), Holder{i, &f});
        }
      m = unique_cluster_with_key(keys, org_by_initials, root, true);
    } else if (type == EntityType::Place) {
      bool coded = false;
      for (std::size_t i : members) {
        if (!items[i].e->country_code.empty()) coded = true;
        for (const auto& f : items[i].forms) keys.emplace(f.bare_key, Holder{i, &f});
      }
      if (coded) continue;
      m = unique_cluster_with_key(keys, coded_place_by_name, root, true);
    }
    if (m.own == nullptr) continue;
    const std::string& own = m.own->form->text;
    const std::string& full = m.other->form->text;
    if (type == EntityType::Organization) {
      joins.push_back({m.own->item, m.other->item, "acronym", own, full,
                       "\"" + own + "\" spells the initials of \"" + full +
                           "\", the only organization in the corpus that it abbreviates"});
    } else {
      joins.push_back({m.own->item, m.other->item, "place-country", own, full,
                       "\"" + own + "\" was named without a country; \"" + full +
                           "\" is the only place of that name with one (" +
                           items[m.other->item].e->country_code + ")"});
    }
  }
  for (Link& l : joins) sets.link(std::move(l));
}

}  // namespace newsgraph::merging
