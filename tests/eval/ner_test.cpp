#include "newsgraph/eval/ner.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/tagger_fixtures.hpp"

using newsgraph::EntityLabel;
using newsgraph::LabeledSpan;
using newsgraph::NerScores;

namespace {

LabeledSpan span(std::size_t begin, std::size_t end, EntityLabel label) { return {{begin, end}, label}; }

}  // namespace

TEST_CASE("eval_ner: the printed table has the reference scorer's layout", "[eval_ner]") {
  NerScores scores;
  scores.add_document({span(0, 5, EntityLabel::PER), span(6, 9, EntityLabel::ORG)},
                      {span(0, 5, EntityLabel::PER), span(6, 9, EntityLabel::LOC)});
  std::ostringstream out;
  newsgraph::write_scores(out, scores);
  CHECK(out.str() ==
        "PER  P 1.0000 R 1.0000 F1 1.0000  (tp 1, pred 1, gold 1)\n"
        "ORG  P 0.0000 R 0.0000 F1 0.0000  (tp 0, pred 0, gold 1)\n"
        "LOC  P 0.0000 R 0.0000 F1 0.0000  (tp 0, pred 1, gold 0)\n"
        "MISC P 0.0000 R 0.0000 F1 0.0000  (tp 0, pred 0, gold 0)\n"
        "ALL  P 0.5000 R 0.5000 F1 0.5000  (tp 1, pred 2, gold 2)\n"
        "F1 0.5000\n");
}

TEST_CASE("eval_ner: a CoNLL fixture scored against itself and against other tags", "[eval_ner]") {
  const std::string dir = std::string(NEWSGRAPH_SOURCE_DIR) + "/tests/data/conll/";
  const std::vector<newsgraph::GoldDocument> gold = newsgraph::read_conll(dir + "iob1.conll");
  NerScores same;
  for (const newsgraph::GoldDocument& d : gold) same.add_document(d.spans, d.spans);
  CHECK(same.micro().f1() == Approx(1.0));
  CHECK(same.micro().gold == 8);  // 3 PER, 2 ORG, 3 LOC; the MISC name is left out
}

TEST_CASE("tagger: evaluate_tagger scores the model on CoNLL documents", "[tagger]") {
  const std::vector<newsgraph::GoldDocument> docs =
      newsgraph::read_conll(newsgraph::testing::kConllDir + "tiny_train.conll");
  const newsgraph::NerScores scores =
      newsgraph::evaluate_tagger(docs, newsgraph::testing::tiny_model(), *newsgraph::testing::knowledge());
  CHECK(scores.micro().f1() == Approx(1.0));
  CHECK(scores.micro().gold == 30);
}
