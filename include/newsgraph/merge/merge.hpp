// Cross-article merge: one node per real-world entity across all articles.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/vocab/annotations.hpp"
#include "newsgraph/vocab/graph.hpp"

namespace newsgraph {

/// Why two names ended in one node: a rule of the merge (see src/merge/merge.cpp), the two names
/// it joined and where each was seen. `rule` is one of
///   same-name      the same name in two articles
///   spelling       person names equal after folding and transliteration variants
///                  ("Zelensky" / "Zelenskyy", "Sergey" / "Sergei")
///   org-suffix     organization names equal without a leading "The", corporate suffixes,
///                  case and accents ("Apple Inc." / "Apple"), or dotted and plain acronyms
///   same-place     place names equal after folding, same country
///   alias          a name that an article gave as another name of the same entity
///   gazetteer      official and short names, abbreviations and spellings of one gazetteer
///                  entry ("Russian Federation" / "Russia", "U.S." / "United States")
///   partial-name   a person's partial name and the one fuller name that ends in it
///                  ("Lavrov" / "Sergey Lavrov"), unambiguous in the article or corpus
///   acronym        an acronym and the one organization whose initials spell it
///   place-country  a place named without a country and the one place of that name with one
///   forced         a line of the --aliases file
///   kept-apart     a merge a rule proposed that the --keep-apart file refused (no merge)
/// `article` is empty for merges across articles, else the one article whose resolution
/// joined the two names.
struct MergeExplanation {
  std::string node;  ///< id of the node the names ended in (kept-apart: the first name's node)
  std::string rule;
  std::string name;                             ///< the name that joined ...
  std::string other;                            ///< ... the node through this name
  std::string detail;                           ///< the reason in words
  std::string article;                          ///< within-article merges: the article
  std::vector<MentionEvidence> evidence;        ///< where `name` was seen, sorted
  std::vector<MentionEvidence> other_evidence;  ///< where `other` was seen, sorted
};

/// The merged nodes, sorted by id, for each article (in the order given) and each of its
/// entities the index of the node it became, and every merge explained.
struct MergeResult {
  std::vector<Node> nodes;
  std::vector<std::vector<std::size_t>> node_of;
  /// Sorted by node id, then rule, names and evidence.
  std::vector<MergeExplanation> explanations;
};

/// A user's corrections to the merge. Names match an entity when they equal its name or one
/// of its aliases after folding (case, accents and punctuation ignored).
struct MergeOverrides {
  /// Each group names one real entity: every entity matching one of its names joins one node
  /// (per type: a Person and a Place of the same name stay two nodes).
  std::vector<std::vector<std::string>> aliases;
  /// Each group names different entities: no rule may put entities matching two different
  /// names of a group into one node. Merges made inside one article, and --aliases, are not
  /// undone.
  std::vector<std::vector<std::string>> keep_apart;
};

/// Reads an --aliases or --keep-apart file: one group per line, names separated by '|'
/// ("Leo Messi | Lionel Messi"), blank lines and lines starting with '#' skipped, spaces
/// around names ignored. A group needs at least two names. Throws InputError naming the
/// file and line.
std::vector<std::vector<std::string>> read_name_groups(const std::string& path);

/// Merges entities across articles. The within-article rules apply, plus spelling variants
/// (Latin-ASCII folding, doubled letters, -iy/-yy endings), official versus short names and
/// abbreviations (by the gazetteer), and partial person names that match exactly one full
/// name in the corpus. The result depends only on the set of articles, not on their order.
MergeResult merge(const std::vector<ArticleResult>& articles, const Knowledge& kb,
                  const MergeOverrides& overrides = {});

/// Builds the graph. Vertices are in node id order; edges are inserted in order of
/// (source id, relation, target id, title), one edge per such key, so iterating
/// boost::edges(g) is deterministic. Symmetric relations run from the smaller id.
Graph build_graph(const std::vector<ArticleResult>& articles, const MergeResult& merged);

/// Puts articles in the canonical order every output follows: by id, articles that share an
/// id by their content.
void sort_articles(std::vector<ArticleResult>& articles);

/// Writes the explanations for review, grouped by node (format in the README).
void write_merge_explanations(std::ostream& out, const MergeResult& merged);

}  // namespace newsgraph
