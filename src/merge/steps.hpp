// The steps of merge() (merge.cpp), in the order it runs them, each defined in the file named
// beside it. Internal to src/merge/.
#pragma once

#include <cstddef>
#include <vector>

#include "merge/items.hpp"
#include "merge/linker.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/merge/merge.hpp"

namespace newsgraph::merging {

// ---- overrides.cpp ---------------------------------------------------------------------------

/// The user's corrections: marks the sides of each --keep-apart group (items matching each of
/// its names), then links the items matching the names of each --aliases line, per type
/// ("forced", never refused).
void link_overrides(const std::vector<Item>& items, const MergeOverrides& overrides, Folder& folder,
                    Linker& sets);

// ---- keys.cpp --------------------------------------------------------------------------------

/// Rules 1 and 2: links every item to the first earlier item with an equal key of its name, or
/// of an alias that may stand for a whole entity.
void link_equal_keys(const std::vector<Item>& items, const Knowledge& kb, Linker& sets);

// ---- rules.cpp -------------------------------------------------------------------------------

/// Rule 3a: clusters whose names have at most two tokens join the unique longer name that
/// ends in one of their two-token names.
void merge_two_token_partials(std::vector<Item>& items, Linker& sets);
/// Rule 3n: a cluster named "Mo Cheeks" (a short form, then the rest of a name) joins the one
/// cluster named by a formal name the short form stands for and the same rest ("Maurice Cheeks").
void merge_nicknames(std::vector<Item>& items, Linker& sets, Folder& folder);
/// Rule 3b: clusters named only by a surname join the unique fuller name with that surname.
void merge_surnames(std::vector<Item>& items, Linker& sets, const Knowledge& kb);
/// Rule 4: acronym organizations join the unique organization whose initials spell them;
/// places without a country code join the unique place of that name that has one.
void merge_acronyms_and_places(std::vector<Item>& items, Linker& sets, Folder& folder);

// ---- nodes.cpp -------------------------------------------------------------------------------

/// Rules 5 and 6: one node per cluster of `sets`, sorted by id, into result.nodes, and
/// result.node_of for every article as given. Returns the index in result.nodes of each item's
/// node.
std::vector<std::size_t> make_nodes(const Corpus& corpus, Linker& sets, const Knowledge& kb,
                                    MergeResult& result);

// ---- explain.cpp -----------------------------------------------------------------------------

/// Every merge explained, sorted (see MergeResult::explanations): the aliases each article's
/// own resolution gave its entities, the type votes, then every link of `sets` and every
/// link it refused.
std::vector<MergeExplanation> explain_merges(const Corpus& corpus, const std::vector<Retyping>& retypings,
                                             const Linker& sets, const std::vector<std::size_t>& node_of_item,
                                             const std::vector<Node>& nodes, Folder& folder);

}  // namespace newsgraph::merging
