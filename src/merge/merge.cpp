// Cross-article merge: one node per real-world entity across all articles.
//
// Type by evidence first: an entity whose (folded) name the other entities of the corpus carry,
// as name or alias, with another type in at least twice as many mentions takes that type,
// unless its own type has evidence (a gazetteer entry of that type; a title before a person).
//
// Rules (applied to the entities of all articles; types never mix). Before them, the user's
// corrections: every entity matching a name of an --aliases line joins the others of its type
// ("forced"), and each --keep-apart line marks the entities matching each of its names, so that
// no later rule may join two of them (the refused link is explained as "kept-apart"). Every
// link that joins two clusters is kept with its rule, its two names and a reason, and so is
// every alias an article's own resolution gave an entity; MergeResult::explanations lists them.
//
//  1. Keys. Every name and alias of an entity gets a key for its type:
//     - Person: Knowledge::fold, then each token normalised: the endings -iy, -yy, -ii, -yi
//       become -y (tokens of four letters or more); a "y" after a vowel and not before one
//       becomes "i", the two spellings of one Cyrillic letter ("Sergey"/"Sergei",
//       "Shoygu"/"Shoigu"); then runs of a doubled letter collapse ("Zelenskiy",
//       "Zelenskyy", "Zelensky" -> "zelensky"). Roman numerals ("II", "III") are left alone
//       so regnal numbers stay distinct.
//     - Organization: a leading "The" and trailing corporate suffixes ("Inc.", "Corp.",
//       "Ltd.", "LLC", "AG", ...: Knowledge::is_org_suffix or a folded list) are dropped,
//       never the last word, then folded ("Apple Inc." == "Apple"). An acronym ("UN",
//       "U.N.") keys as its letters, so dotted and plain spellings agree.
//     - Place: the folded (already canonical) name plus the entity's country code.
//     - Quotation: the folded quote; quotations merge only with an identical folded quote.
//     A name that folds to nothing keys as its raw bytes, so such names never all merge.
//     Entities whose names have equal keys are united (union-find).
//  2. Aliases. An entity whose name or any alias has the key of another entity's name or
//     alias joins it, except one-token person names (surnames: rule 3 decides those) and
//     one-word organization aliases that are only a generic head ("Ministry", "Court").
//  3. Partial person names, decided on the clusters left by rules 1-2:
//     a. a cluster whose names have at most two tokens joins the unique cluster that has a
//        name of three or more tokens ending in one of its two-token names
//        ("Cavo Dragone" -> "Giuseppe Cavo Dragone");
//     b. then a cluster whose names are all surnames (one token, or name particles and one
//        token: "Lavrov", "von der Leyen") joins the unique cluster with a fuller name that
//        ends in that surname.
//     When two or more clusters qualify, the partial name joins none of them: a bare
//     "Smith" next to "John Smith" and "Jane Smith" cannot be attributed.
//  3n. Nicknames (between 3a and 3b): a cluster named by a short given name and the rest of a
//     name ("Mo Cheeks") joins the unique cluster named by a formal name it stands for and the
//     same rest ("Maurice Cheeks"), from data/nicknames.txt.
//  4. Acronyms. An organization cluster named by an acronym (2-6 capitals, optionally dotted)
//     joins the unique other organization cluster whose initials spell it: capitalised
//     words, skipping of/the/and/for/de, with each part of a hyphenated word counted
//     ("Hewlett-Packard" -> HP) or only its first part ("Co-operation" -> C). Unique or none.
//     (Acronyms and initials are those of resolve/names.hpp, shared with resolution.)
//     Likewise a place cluster without a country code joins the unique place cluster of the
//     same name that has one.
//  5. Label: among the member entities' names, the one with most folded words (an acronym
//     counts as one); ties go to the most mentions, then to the byte-wise smallest.
//  6. Node: id = make_node_id(type, label) (quotations: of the quote), with clashes between
//     clusters resolved by "-2", "-3", ... in the order of their sorted names, then their
//     evidence; aliases = every other name and alias; place kind, country code and quote
//     from the first member that has one, members sorted by article then entity order; the
//     Wikidata id and coordinates by the members' votes (resolve/links.hpp: the most frequent
//     id, ties to the smallest, so a node never carries two; the most frequent point of that id).
//
// Order independence: rules 1-2 build a partition that depends only on the key relation;
// rules 3-4 decide every merge of a step on a snapshot of the partition before applying any.
// Members, labels and ids are then chosen by sorted criteria, with articles sorted by id
// (and, for repeated ids, by their content), so only the set of articles matters.
//
// Where each part is: keys.cpp (rules 1-2), rules.cpp (rules 3a, 3n, 3b, 4), nodes.cpp (rules
// 5-6), overrides.cpp (--aliases, --keep-apart), explain.cpp (explanations), linker.hpp (the
// partition); this file runs them in order after the type vote.

#include "newsgraph/merge/merge.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "merge/items.hpp"
#include "merge/linker.hpp"
#include "merge/steps.hpp"

namespace newsgraph {
namespace merging {
namespace {

/// A canonical serialisation of an article, used only to order articles that share an id.
std::string fingerprint(const ArticleResult& a) {
  std::string s;
  auto add = [&s](std::string_view x) {
    s += std::to_string(x.size());
    s += ':';
    s += x;
  };
  auto num = [&s](std::size_t n) {
    s += std::to_string(n);
    s += ',';
  };
  for (const auto& m : a.entities.mentions) {
    num(static_cast<std::size_t>(m.type));
    num(m.span.begin);
    num(m.span.end);
    add(m.text);
    add(m.title);
    num(m.entity);
  }
  s += '|';
  for (const auto& e : a.entities.entities) {
    num(static_cast<std::size_t>(e.type));
    add(e.name);
    for (const auto& x : e.aliases) add(x);
    s += ';';
    for (auto m : e.mentions) num(m);
    add(e.place_kind);
    add(e.country_code);
    // The links only when present, marked by '@' and '#' (which start no length-prefixed
    // item), so that articles without any keep their fingerprint.
    if (!e.wikidata.empty()) {
      s += '@';
      add(e.wikidata);
    }
    if (e.location) {
      s += '#';
      add(format_degrees(e.location->latitude) + "," + format_degrees(e.location->longitude));
    }
    for (const auto& x : e.titles) add(x);
    add(e.quote);
  }
  s += '|';
  for (const auto& r : a.relations) {
    num(static_cast<std::size_t>(r.type));
    num(r.source);
    num(r.target);
    num(r.sentence.begin);
    num(r.sentence.end);
    num(r.source_span.begin);
    num(r.source_span.end);
    num(r.target_span.begin);
    num(r.target_span.end);
    add(r.title);
    add(r.cue);
    add(r.confidence ? std::to_string(*r.confidence) : std::string("-"));
  }
  return s;
}

/// The articles in a canonical order (positions into `articles`): by id, repeated ids by content.
std::vector<std::size_t> canonical_order(const std::vector<ArticleResult>& articles) {
  std::vector<std::size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  std::map<std::string, std::size_t> id_count;
  for (const auto& a : articles) ++id_count[a.id];
  std::vector<std::string> prints(articles.size());
  for (std::size_t i = 0; i < articles.size(); ++i)
    if (id_count[articles[i].id] > 1) prints[i] = fingerprint(articles[i]);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (articles[a].id != articles[b].id) return articles[a].id < articles[b].id;
    return prints[a] < prints[b];
  });
  return order;
}

/// The outcome of the type vote: the retyped copies of entities (stable addresses, so items may
/// point at them), what changed, and which entity each copy replaces.
struct TypeVote {
  std::deque<Entity> retyped;  // copies of the entities that changed type
  std::vector<Retyping> retypings;
  std::map<std::pair<std::size_t, std::size_t>, const Entity*> replacement;  // (article, entity)
};

/// Type by evidence: an entity whose name the rest of the corpus gives another type, far more
/// often, takes that type, unless its own type has evidence of its own.
void vote_types(const Corpus& corpus, Folder& folder, const Knowledge& kb, TypeVote& vote) {
  const std::vector<ArticleResult>& articles = corpus.articles;
  const std::vector<std::size_t>& order = corpus.order;
  std::deque<Entity>& retyped = vote.retyped;
  std::vector<Retyping>& retypings = vote.retypings;
  auto& replacement = vote.replacement;
  const auto countable = [](EntityType t) { return t != EntityType::Quotation; };
  const auto mention_count = [](const ArticleResult& a, const Entity& e) {
    std::size_t n = 0;
    for (std::size_t m : e.mentions) n += m < a.entities.mentions.size();
    return n;
  };
  std::map<std::string, std::map<EntityType, std::size_t>> weight;  // folded name -> type -> mentions
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    const ArticleResult& a = articles[order[pos]];
    for (const Entity& e : a.entities.entities) {
      if (!countable(e.type)) continue;
      std::set<std::string> names{join(folder.words(e.name))};
      for (const auto& alias : e.aliases) names.insert(join(folder.words(alias)));
      for (const auto& n : names)
        if (!n.empty()) weight[n][e.type] += mention_count(a, e);
    }
  }
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    const ArticleResult& a = articles[order[pos]];
    for (std::size_t j = 0; j < a.entities.entities.size(); ++j) {
      const Entity& e = a.entities.entities[j];
      if (!countable(e.type)) continue;
      const auto w = weight.find(join(folder.words(e.name)));
      if (w == weight.end() || w->second.size() < 2) continue;
      const LexiconEntry* known = kb.entity(e.name);
      const bool own_evidence = (known != nullptr && known->type() == e.type) ||
                                (e.type == EntityType::Person && !e.titles.empty());
      if (own_evidence) continue;
      const std::size_t own = w->second.at(e.type);
      EntityType best = e.type;
      std::size_t best_weight = own;
      for (const auto& [t, n] : w->second)
        if (n > best_weight) {
          best = t;
          best_weight = n;
        }
      if (best == e.type || best_weight < 2 * own || best_weight < 2) continue;
      Entity copy = e;
      copy.type = best;
      if (best != EntityType::Place) copy.place_kind.clear(), copy.country_code.clear();
      // A link was to an entry of the old type (resolve.cpp): it names another thing.
      copy.wikidata.clear();
      copy.location.reset();
      if (best != EntityType::Person) copy.titles.clear();
      retyped.push_back(std::move(copy));
      replacement[{order[pos], j}] = &retyped.back();
      retypings.push_back({order[pos], j, e.type, own, best_weight});
    }
  }
}

/// One item per entity of every article, in canonical order, with its forms (the retyped copy
/// where the vote changed its type); fills corpus.items and corpus.item_of.
void add_items(Corpus& corpus, const TypeVote& vote, Folder& folder) {
  const std::vector<ArticleResult>& articles = corpus.articles;
  const std::vector<std::size_t>& order = corpus.order;
  const auto& replacement = vote.replacement;
  std::vector<Item>& items = corpus.items;
  std::vector<std::vector<std::size_t>>& item_of = corpus.item_of;
  item_of.resize(articles.size());  // given article -> entity -> item
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    const ArticleResult& a = articles[order[pos]];
    auto& map = item_of[order[pos]];
    for (std::size_t j = 0; j < a.entities.entities.size(); ++j) {
      const auto swapped = replacement.find({order[pos], j});
      const Entity& e = swapped == replacement.end() ? a.entities.entities[j] : *swapped->second;
      Item it;
      it.article = pos;
      it.entity = j;
      it.e = &e;
      it.forms.push_back(make_form(e, e.name, true, folder));
      if (e.type != EntityType::Quotation)
        for (const auto& alias : e.aliases)
          if (alias != e.name) it.forms.push_back(make_form(e, alias, false, folder));
      for (std::size_t m : e.mentions)
        if (m < a.entities.mentions.size()) ++it.mention_count;
      map.push_back(items.size());
      items.push_back(std::move(it));
    }
  }
}

}  // namespace
}  // namespace merging

MergeResult merge(const std::vector<ArticleResult>& articles, const Knowledge& kb,
                  const MergeOverrides& overrides) {
  using namespace merging;
  Folder folder(kb);
  Corpus corpus{articles, canonical_order(articles), {}, {}};
  TypeVote vote;
  vote_types(corpus, folder, kb, vote);
  add_items(corpus, vote, folder);

  Linker sets(corpus.items.size());
  link_overrides(corpus.items, overrides, folder, sets);
  link_equal_keys(corpus.items, kb, sets);                // rules 1 and 2
  merge_two_token_partials(corpus.items, sets);           // rule 3a
  merge_nicknames(corpus.items, sets, folder);            // rule 3n
  merge_surnames(corpus.items, sets, kb);                 // rule 3b
  merge_acronyms_and_places(corpus.items, sets, folder);  // rule 4

  MergeResult result;
  const std::vector<std::size_t> node_of_item = make_nodes(corpus, sets, kb, result);  // rules 5 and 6
  result.explanations = explain_merges(corpus, vote.retypings, sets, node_of_item, result.nodes, folder);
  return result;
}

void sort_articles(std::vector<ArticleResult>& articles) {
  std::map<std::string, std::size_t> id_count;
  for (const auto& a : articles) ++id_count[a.id];
  std::vector<std::pair<std::string, std::size_t>> keys(articles.size());  // (fingerprint, index)
  for (std::size_t i = 0; i < articles.size(); ++i)
    keys[i] = {id_count[articles[i].id] > 1 ? merging::fingerprint(articles[i]) : std::string(), i};
  std::vector<std::size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (articles[a].id != articles[b].id) return articles[a].id < articles[b].id;
    return keys[a].first < keys[b].first;
  });
  std::vector<ArticleResult> sorted;
  sorted.reserve(articles.size());
  for (std::size_t i : order) sorted.push_back(std::move(articles[i]));
  articles = std::move(sorted);
}

}  // namespace newsgraph
