#include "newsgraph/eval/ner.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

using newsgraph::EntityLabel;
using newsgraph::LabeledSpan;
using newsgraph::NerScores;
using newsgraph::PrfCounts;

namespace {

LabeledSpan span(std::size_t begin, std::size_t end, EntityLabel label) { return {{begin, end}, label}; }

}  // namespace

TEST_CASE("eval_ner: exact spans, per label and micro over PER/ORG/LOC", "[eval_ner]") {
  // Gold: 3 PER, 2 ORG, 2 LOC, 1 MISC.
  const std::vector<LabeledSpan> gold{span(0, 5, EntityLabel::PER),   span(10, 20, EntityLabel::PER),
                                      span(30, 35, EntityLabel::PER), span(40, 52, EntityLabel::ORG),
                                      span(60, 63, EntityLabel::ORG), span(70, 76, EntityLabel::LOC),
                                      span(80, 86, EntityLabel::LOC), span(90, 97, EntityLabel::MISC)};
  const std::vector<LabeledSpan> predicted{
      span(0, 5, EntityLabel::PER),      // right
      span(10, 15, EntityLabel::PER),    // boundary wrong
      span(30, 35, EntityLabel::ORG),    // type wrong
      span(40, 52, EntityLabel::ORG),    // right
      span(70, 76, EntityLabel::LOC),    // right
      span(80, 86, EntityLabel::LOC),    // right
      span(100, 104, EntityLabel::LOC),  // spurious
      span(90, 97, EntityLabel::MISC),   // right
      span(0, 5, EntityLabel::PER),      // a duplicate counts once
  };
  NerScores scores;
  scores.add_document(gold, predicted);

  const PrfCounts& per = scores.by_label[0];
  CHECK(per.true_positives == 1);
  CHECK(per.predicted == 2);
  CHECK(per.gold == 3);
  CHECK(per.precision() == Approx(0.5));
  CHECK(per.recall() == Approx(1.0 / 3));
  CHECK(per.f1() == Approx(0.4));

  const PrfCounts& org = scores.by_label[1];
  CHECK(org.true_positives == 1);
  CHECK(org.predicted == 2);
  CHECK(org.gold == 2);

  const PrfCounts& loc = scores.by_label[2];
  CHECK(loc.true_positives == 2);
  CHECK(loc.predicted == 3);
  CHECK(loc.gold == 2);

  // MISC is reported but stays out of the micro figures.
  CHECK(scores.by_label[3].true_positives == 1);
  const PrfCounts micro = scores.micro();
  CHECK(micro.true_positives == 4);
  CHECK(micro.predicted == 7);
  CHECK(micro.gold == 7);
  CHECK(micro.precision() == Approx(4.0 / 7));
  CHECK(micro.recall() == Approx(4.0 / 7));
  CHECK(micro.f1() == Approx(4.0 / 7));
}

TEST_CASE("eval_ner: documents add up, empty denominators give zero", "[eval_ner]") {
  NerScores scores;
  scores.add_document({span(0, 3, EntityLabel::LOC)}, {});
  scores.add_document({}, {span(5, 9, EntityLabel::LOC)});
  scores.add_document({span(0, 3, EntityLabel::LOC)}, {span(0, 3, EntityLabel::LOC)});
  const PrfCounts& loc = scores.by_label[2];
  CHECK(loc.true_positives == 1);
  CHECK(loc.predicted == 2);
  CHECK(loc.gold == 2);
  CHECK(scores.by_label[0].precision() == 0.0);
  CHECK(scores.by_label[0].recall() == 0.0);
  CHECK(scores.by_label[0].f1() == 0.0);
}

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
