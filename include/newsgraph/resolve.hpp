// Within-article resolution: which mentions of one article name the same entity.
#pragma once

#include <string>
#include <vector>

#include "newsgraph/knowledge.hpp"
#include "newsgraph/ner.hpp"

namespace newsgraph {

/// An entity of one article. `name` is its fullest name there ("Sergey Lavrov" for
/// mentions "Sergey Lavrov", "Lavrov"); aliases are every other distinct surface form.
struct Entity {
  std::string id;  ///< unique within the article, same form as node ids ("person/sergey-lavrov")
  EntityType type = EntityType::Person;
  std::string name;
  std::vector<std::string> aliases;   ///< sorted, distinct, excluding `name`
  std::vector<std::size_t> mentions;  ///< indices into the article's mentions, ascending
  std::string place_kind;             ///< for places: "country", "city", ...
  std::string country_code;           ///< ISO alpha-2 where known
  std::vector<std::string> titles;    ///< titles seen before its mentions, sorted, distinct
  std::string quote;                  ///< for a Quotation: the full quoted text
};

/// The mentions of one article, each resolved (Mention::entity set), and its entities.
struct ArticleEntities {
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
};

/// Groups mentions into entities: later partial names ("Lavrov", "Putin") join the full
/// name they abbreviate when that is unambiguous in the article; gazetteer names take
/// their canonical form ("Russian Federation" -> "Russia", "U.S." -> "United States").
/// Entities are ordered by their first mention.
ArticleEntities resolve(std::string_view text, std::vector<Mention> mentions, const Knowledge& kb);

}  // namespace newsgraph
