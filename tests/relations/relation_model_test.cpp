// The relation classifier's labels: which argument types each fits, and the relation each
// names. Its learning and its model files are tested with its trainer (tests/train/).
#include "newsgraph/relations/relation_model.hpp"

#include <catch2/catch.hpp>

using namespace newsgraph;

namespace {

constexpr EntityType P = EntityType::Person, O = EntityType::Organization, L = EntityType::Place;

}  // namespace

TEST_CASE("relation labels fit only their argument types", "[relations]") {
  CHECK(label_fits(PairLabel::WorksFor, P, O));
  CHECK_FALSE(label_fits(PairLabel::WorksFor, O, P));
  CHECK(label_fits(PairLabel::Killed, P, P));
  CHECK_FALSE(label_fits(PairLabel::Killed, P, O));
  CHECK(label_fits(PairLabel::BasedIn, O, L));
  CHECK(label_fits(PairLabel::LivesIn, P, L));
  CHECK(label_fits(PairLabel::LocatedIn, L, L));
  CHECK_FALSE(label_fits(PairLabel::LocatedIn, P, L));
  CHECK(label_fits(PairLabel::None, EntityType::Quotation, P));
  CHECK(to_relation(PairLabel::WorksFor) == RelationType::WorksFor);
  CHECK(to_relation(PairLabel::Killed) == RelationType::Killed);
}
