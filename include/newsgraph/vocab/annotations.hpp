// The per-article data model every stage reads and writes: the mentions found in an article,
// the entities they resolve to, the relations stated between them, and all of it together as
// one article's result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

struct LexiconEntry;  // knowledge/knowledge.hpp

/// What found a mention, from the surest cue to a guess.
enum class MentionCue : std::uint8_t {
  Tagger,     ///< the trained tagger
  Gazetteer,  ///< a known place or organization name
  Title,      ///< a name right after a title ("Gen. Alexus Grynkewich")
  GivenName,  ///< a given name and a surname
  OrgHead,    ///< a name ending in an organization head or suffix ("... Committee", "... Inc.")
  Surname,    ///< the last words of a person named in full elsewhere in the article
  Guess,      ///< capitalisation and context alone
};

/// One mention of an entity. `span` covers the name only: no title ("Foreign Minister"),
/// no possessive ("’s"), no leading article ("the"). Tokens [first_token, last_token).
struct Mention {
  EntityType type = EntityType::Person;
  Span span;
  std::size_t first_token = 0;
  std::size_t last_token = 0;
  std::string text;   ///< the name as written in the span
  std::string title;  ///< title or rank written before the name, e.g. "Foreign Minister"
  Span title_span;    ///< where that title is, with any organization named inside it
                      ///< ("Chairman of the Joint Chiefs of Staff"); empty when there is none
  /// The gazetteer entry the name matched, or nullptr. Points into the Knowledge, which
  /// must outlive the mention.
  const LexiconEntry* known = nullptr;
  MentionCue cue = MentionCue::Guess;
  /// Glued by a hyphen to a lower-case word ("Ohio-based", "ex-England", "U.S.-led"): the name
  /// is a modifier there. It anchors relations ("Moscow-based X" -> based_in) but is not
  /// listed among the article's mentions, so mention offsets stay on word boundaries.
  bool attached = false;
  /// Index of the entity this mention resolves to (set by resolve()); npos until then.
  std::size_t entity = static_cast<std::size_t>(-1);
};

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
  /// The Wikidata id of the knowledge entry its name matched ("Q159"), as the entry gives it;
  /// empty when unknown. Set only from an entry of the entity's own type.
  std::string wikidata;
  /// For places: the entry's coordinates (vocab/types.hpp: rounded to 5 decimals); none when
  /// unknown.
  std::optional<GeoPoint> location;
  std::vector<std::string> titles;  ///< titles seen before its mentions, sorted, distinct
  std::string quote;                ///< for a Quotation: the full quoted text
};

/// The mentions of one article, each resolved (Mention::entity set), and its entities.
struct ArticleEntities {
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
};

/// One relation stated in one sentence. `source` and `target` index the article's entities.
struct Relation {
  RelationType type = RelationType::MetWith;
  std::size_t source = 0;
  std::size_t target = 0;
  Span source_span;  ///< the mention (or quote) that stands for the source
  Span target_span;
  Span sentence;      ///< the sentence that states it
  std::string title;  ///< holds_position: the title ("Foreign Minister")
  std::string cue;    ///< the word or pattern that triggered it ("met", "title", "apposition"; "model")
  /// How sure the relation classifier is, in (0, 1); none for relations found by patterns.
  std::optional<double> confidence;
};

/// Everything the pipeline found in one article, before the cross-article merge.
struct ArticleResult {
  std::string id;
  ArticleEntities entities;  ///< Entity::id is set, unique within the article
  std::vector<Relation> relations;
};

}  // namespace newsgraph
