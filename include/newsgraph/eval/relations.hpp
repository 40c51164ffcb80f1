// Relation evaluation on CoNLL04, as ../shared/eval/rel_score.py counts: the pipeline runs on
// the raw sentence text, our relation names map to the five CoNLL04 labels, and a relation is
// right when both argument spans, the direction and the label are (strict: and the types of
// both arguments, as our mentions give them, equal the gold types).
#pragma once

#include <array>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsgraph/corpora/conll.hpp"
#include "newsgraph/eval/ner.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

/// The CoNLL04 label of one of our relations between arguments of the given labels (nullopt:
/// an argument of unknown type), as ../shared/eval/conll04_map.json maps it: works_for ->
/// Work_For; holds_position PER>ORG -> Work_For, PER>LOC -> Live_In; killed -> Kill;
/// located_in LOC>LOC -> Located_In, ORG>LOC -> OrgBased_In; based_in -> OrgBased_In;
/// lives_in, citizen_of -> Live_In. nullopt for every other relation.
std::optional<Conll04Label> conll04_label(RelationType type, std::optional<EntityLabel> head,
                                          std::optional<EntityLabel> tail);

/// Entity and relation figures of one evaluation.
struct RelationScores {
  NerScores entities;                                      ///< exact span and type, PER/ORG/LOC
  std::array<PrfCounts, kConll04LabelCount> strict{};      ///< spans, direction, label, types
  std::array<PrfCounts, kConll04LabelCount> boundaries{};  ///< spans, direction, label
  std::size_t unmapped = 0;  ///< our relations with no CoNLL04 label (not counted)

  static PrfCounts micro(const std::array<PrfCounts, kConll04LabelCount>& by_label);
  static double macro_f1(const std::array<PrfCounts, kConll04LabelCount>& by_label);
};

/// `config` set up to score CoNLL04 in its own conventions, as eval-relations does by default:
/// the tagger trained on its training split (default_model_path("ner-conll04.bin")), its spans
/// as tagged (Recognizer::TaggerOnly: titles inside person names), and the confidence
/// threshold chosen on its dev split (0.4). The rest of `config` is kept.
PipelineConfig conll04_config(PipelineConfig config);

/// Runs Pipeline::extract on every sentence text (on the pipeline's threads) and scores
/// mentions and relations against the gold.
RelationScores evaluate_relations(const std::vector<RelationSentence>& sentences, const Pipeline& pipeline);

/// The entity block, then the strict and the boundaries blocks, one line per label in the
/// reference scorer's layout, each with a micro and a macro line; last line "F1 <strict micro>".
void write_relation_scores(std::ostream& out, const RelationScores& scores);

}  // namespace newsgraph
