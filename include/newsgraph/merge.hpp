// Cross-article merge: one node per real-world entity across all articles.
#pragma once

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

/// The merged nodes, sorted by id, and for each article (in the order given) and each of
/// its entities the index of the node it became.
struct MergeResult {
  std::vector<Node> nodes;
  std::vector<std::vector<std::size_t>> node_of;
};

/// Merges entities across articles. The within-article rules apply, plus spelling variants
/// (Latin-ASCII folding, doubled letters, -iy/-yy endings), official versus short names and
/// abbreviations (by the gazetteer), and partial person names that match exactly one full
/// name in the corpus. The result depends only on the set of articles, not on their order.
MergeResult merge(const std::vector<ArticleResult>& articles, const Knowledge& kb);

/// The slug of a name for ids: Latin-ASCII folded, lower case, runs of other characters
/// to one '-', trimmed ("Sergey Lavrov" -> "sergey-lavrov"). Empty names give "x".
std::string slug(std::string_view name, const Knowledge& kb);
/// "person/sergey-lavrov"; quotations get a slug of their first words and a hash of the text.
std::string make_node_id(EntityType type, std::string_view name, const Knowledge& kb);

}  // namespace newsgraph
