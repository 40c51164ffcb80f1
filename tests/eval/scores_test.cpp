#include "newsgraph/eval/scores.hpp"

#include <catch2/catch.hpp>

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
