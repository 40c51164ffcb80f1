// The pattern extractor of one article (relations.hpp's extract_relations()): its state while
// the relation families run, the token index they share, and the steps that add relations and
// finish the article. Its methods live by family: relations.cpp (index, add, finish),
// structural.cpp (titles, appositions, possessives, located/based/part_of, demonyms),
// events.cpp (subject, verb, object; meetings) and quotes.cpp (said, Quotation entities).
// Internal to the relations stage.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/text/segment.hpp"
#include "newsgraph/vocab/annotations.hpp"

namespace newsgraph::relations {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

struct Extractor {
  std::string_view text;
  const Segmentation& seg;
  ArticleEntities& ents;
  const Knowledge& kb;
  std::vector<Relation> out;
  std::vector<std::size_t> mention_at;   // token -> mention index
  std::vector<std::size_t> sentence_of;  // token -> sentence index
  std::vector<char> in_title;            // token lies in some mention's title
  // Mentions made here for demonyms ("Russian" for Russia): they anchor relations while
  // extracting, but a demonym is not a name, so finish() drops them from the mention list.
  std::vector<std::size_t> demonym_mentions;
  // Persons with a title that names no organization or country (see title_context()).
  std::vector<std::size_t> untitled;
  // The place entities by name: the first and the last of each name, for ents.entities[0,
  // places_indexed) (see places_named()).
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> places_by_name;
  std::size_t places_indexed = 0;

  const Token& tok(std::size_t i) const { return seg.tokens[i]; }
  const Mention& mention(std::size_t m) const { return ents.mentions[m]; }
  EntityType type_of(std::size_t m) const { return ents.entities[mention(m).entity].type; }

  // relations.cpp: the index of tokens, adding a relation, the article's final lists.
  void index();
  std::size_t token_at(std::size_t cp) const;
  Span sentence_span(std::size_t token) const;
  void add(RelationType type, std::size_t src_m, std::size_t tgt_m, std::size_t token, std::string title,
           std::string cue);
  void add_entities(RelationType type, std::size_t s, std::size_t t, Span ss, Span ts, Span sentence,
                    std::string title, std::string cue);
  void finish();

  // structural.cpp: titles, appositions, possessives, "X, Y" places, "-based", demonyms.
  /// The first and the last place entity named `name` (npos, npos when there is none); entities
  /// are only ever appended while extracting, and those added since the last call are indexed.
  std::pair<std::size_t, std::size_t> places_named(const std::string& name);
  std::size_t country_mention(std::size_t token, std::size_t length);
  std::size_t possessive_chain_end(std::size_t m) const;
  std::size_t title_at(std::size_t pos, std::size_t limit) const;
  void titles();
  void title_context();
  std::size_t country_entity(const std::string& code);
  void appositions();
  void structural();

  // events.cpp: a verb of the lexicon with its subjects and objects; "a meeting between".
  bool is_demonym_mention(std::size_t m) const;
  std::vector<std::size_t> subjects_before(std::size_t v, std::size_t sent_first) const;
  std::size_t pronoun_subject(std::size_t v, std::size_t sent_first) const;
  std::vector<std::size_t> objects_after(std::size_t v, std::size_t limit) const;
  void events();
  void nominal_meeting(std::size_t v, const Sentence& s);

  // quotes.cpp: quotations and their speakers.
  void quotes();
};

}  // namespace newsgraph::relations
