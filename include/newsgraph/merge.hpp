// Cross-article merge: one node per real-world entity across all articles.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "newsgraph/knowledge.hpp"
#include "newsgraph/relations.hpp"
#include "newsgraph/resolve.hpp"

namespace newsgraph {

/// Everything the pipeline found in one article, before the cross-article merge.
struct ArticleResult {
  std::string id;
  ArticleEntities entities;  ///< Entity::id is set, unique within the article
  std::vector<Relation> relations;
};

/// Where a node was mentioned: an article id and the span of the mention in it.
struct MentionEvidence {
  std::string article;
  Span span;
  friend bool operator<(const MentionEvidence& a, const MentionEvidence& b) {
    return a.article != b.article ? a.article < b.article : a.span < b.span;
  }
};

/// A merged entity: a node of the graph.
struct Node {
  std::string id;  ///< stable: type prefix and slug of the canonical name, "person/sergey-lavrov"
  EntityType type = EntityType::Person;
  std::string label;                      ///< canonical name
  std::vector<std::string> aliases;       ///< every other surface form, sorted, distinct
  std::size_t mentions = 0;               ///< number of mentions
  std::vector<std::string> articles;      ///< ids of the articles that mention it, sorted
  std::string place_kind;                 ///< places: "country", "subdivision", "city", "region"
  std::string country_code;               ///< ISO 3166-1 alpha-2 where known
  std::vector<std::string> titles;        ///< titles seen with it, sorted, distinct
  std::string quote;                      ///< quotations: the full text
  std::vector<MentionEvidence> evidence;  ///< every mention, sorted
};

/// Why two names ended in one node: a rule of the merge (see src/merge.cpp), the two names
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

/// Puts articles in the canonical order every output follows: by id, articles that share an
/// id by their content.
void sort_articles(std::vector<ArticleResult>& articles);

/// Writes the explanations for review, grouped by node (format in the README).
void write_merge_explanations(std::ostream& out, const MergeResult& merged);

/// The slug of a name for ids: Latin-ASCII folded, lower case, runs of other characters
/// to one '-', trimmed ("Sergey Lavrov" -> "sergey-lavrov"). Empty names give "x".
std::string slug(std::string_view name, const Knowledge& kb);
/// "person/sergey-lavrov"; quotations get a slug of their first words and a hash of the text.
std::string make_node_id(EntityType type, std::string_view name, const Knowledge& kb);

}  // namespace newsgraph
