// The relation classifier's trainer: learning a pattern from a few sentences, determinism,
// bagging, and the model file's checks on trained models.
#include "newsgraph/train/relation_trainer.hpp"

#include <catch2/catch.hpp>

#include "support/test_support.hpp"

using namespace newsgraph;

namespace {

/// A sentence with mentions at the given token ranges ("first last type" triples).
PairTrainingSentence sentence(const std::string& text,
                              const std::vector<std::tuple<std::size_t, std::size_t, EntityType>>& ms,
                              std::vector<PairTrainingSentence::Gold> gold = {}) {
  PairTrainingSentence s;
  s.text = std::make_shared<const std::string>(text);
  s.seg = segment(*s.text);
  for (const auto& [first, last, type] : ms) {
    Mention m;
    m.type = type;
    m.first_token = first;
    m.last_token = last;
    m.span = {s.seg.tokens[first].span.begin, s.seg.tokens[last - 1].span.end};
    s.mentions.push_back(m);
  }
  s.relations = std::move(gold);
  return s;
}

constexpr EntityType P = EntityType::Person, O = EntityType::Organization, L = EntityType::Place;

std::vector<PairTrainingSentence> corpus() {
  std::vector<PairTrainingSentence> out;
  const char* people[] = {"Anna Berg", "Tom Hale", "Ida Moss", "Carl Ruiz", "Eva Lind", "Sam Ode"};
  const char* orgs[] = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"};
  const char* places[] = {"Oslo", "Lima", "Perth", "Quito", "Turin", "Dakar"};
  for (int i = 0; i < 6; ++i) {
    const std::string p = people[i], o = orgs[i], l = places[(i + 1) % 6];
    out.push_back(
        sentence(p + " works for " + o + " .", {{0, 2, P}, {4, 5, O}}, {{0, 1, PairLabel::WorksFor}}));
    out.push_back(
        sentence(p + " lives in " + l + " .", {{0, 2, P}, {4, 5, L}}, {{0, 1, PairLabel::LivesIn}}));
    out.push_back(sentence(p + " criticised " + o + " .", {{0, 2, P}, {3, 4, O}}));
    out.push_back(
        sentence(o + " is based in " + l + " .", {{0, 1, O}, {4, 5, L}}, {{0, 1, PairLabel::BasedIn}}));
  }
  return out;
}

}  // namespace

TEST_CASE("the classifier learns which words between two names state a relation", "[relations]") {
  const Knowledge& kb = *testing::knowledge();
  const RelationClassifier model = train_relation_classifier(corpus(), {}, kb, {});
  const auto test = sentence("Lea Vos works for Wayne Corp , and Lea Vos lives in Bern .",
                             {{0, 2, P}, {4, 6, O}, {8, 10, P}, {12, 13, L}});
  const auto found = model.predict(test.seg, test.mentions, kb);
  bool works = false, lives = false;
  for (const PairPrediction& p : found) {
    INFO(p.head << " -> " << p.tail << " label " << static_cast<int>(p.label));
    CHECK(p.confidence > 0.0f);
    CHECK(p.confidence < 1.0f);
    CHECK(label_fits(p.label, test.mentions[p.head].type, test.mentions[p.tail].type));
    works = works || (p.head == 0 && p.tail == 1 && p.label == PairLabel::WorksFor);
    lives = lives || (p.head == 2 && p.tail == 3 && p.label == PairLabel::LivesIn);
  }
  CHECK(works);
  CHECK(lives);
  // "criticised" states none of the five relations: the best one stays below even odds.
  const auto other = sentence("Lea Vos criticised Wayne Corp .", {{0, 2, P}, {3, 5, O}});
  const auto weak = model.predict(other.seg, other.mentions, kb);
  REQUIRE(weak.size() == 1);
  CHECK(weak[0].label == PairLabel::WorksFor);
  CHECK(weak[0].confidence < 0.5f);
  // Pairs never cross a sentence.
  const auto two = sentence("Lea Vos spoke .\nWayne Corp listened .", {{0, 2, P}, {4, 6, O}});
  CHECK(model.predict(two.seg, two.mentions, kb).empty());
}

TEST_CASE("relation model files: deterministic, round trip, corrupt files refused", "[relations]") {
  const Knowledge& kb = *testing::knowledge();
  const RelationClassifier a = train_relation_classifier(corpus(), corpus(), kb, {});
  const RelationClassifier b = train_relation_classifier(corpus(), corpus(), kb, {});
  const std::string bytes = a.serialize();
  CHECK(bytes == b.serialize());
  CHECK(RelationClassifier::deserialize(bytes, "mem").serialize() == bytes);
  CHECK(a.nonzero_rows() > 0);

  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x40;
  CHECK_THROWS_AS(RelationClassifier::deserialize(flipped, "mem"), RelationModelError);
  CHECK_THROWS_AS(RelationClassifier::deserialize(bytes.substr(0, bytes.size() - 3), "mem"),
                  RelationModelError);
  CHECK_THROWS_AS(RelationClassifier::deserialize("NGNERPTM" + bytes.substr(8), "mem"), RelationModelError);
  CHECK_THROWS_AS(RelationClassifier::deserialize("", "mem"), RelationModelError);
  const testing::TempDir dir;
  CHECK_THROWS_AS(RelationClassifier::load(dir.path() + "/missing.bin"), RelationModelError);
  a.save(dir.path() + "/rel.bin");
  CHECK(RelationClassifier::load(dir.path() + "/rel.bin").serialize() == bytes);
}

TEST_CASE("relation classifier: bags average perceptrons of consecutive seeds", "[relations]") {
  const Knowledge& kb = *testing::knowledge();
  PairTrainingOptions one, two, bagged;
  one.seed = 1;
  two.seed = 2;
  bagged.seed = 1;
  bagged.bags = 2;
  const std::string single = train_relation_classifier(corpus(), {}, kb, one).serialize();
  const std::string other = train_relation_classifier(corpus(), {}, kb, two).serialize();
  const RelationClassifier mean = train_relation_classifier(corpus(), {}, kb, bagged);
  CHECK(mean.serialize() == train_relation_classifier(corpus(), {}, kb, bagged).serialize());
  CHECK(mean.serialize() != single);
  CHECK(mean.serialize() != other);
  // One bag is the plain perceptron.
  PairTrainingOptions one_bag = one;
  one_bag.bags = 1;
  CHECK(train_relation_classifier(corpus(), {}, kb, one_bag).serialize() == single);
  // The mean still learns the corpus.
  const auto test = sentence("Lea Vos works for Wayne Corp .", {{0, 2, P}, {4, 6, O}});
  const auto found = mean.predict(test.seg, test.mentions, kb);
  REQUIRE(found.size() == 1);
  CHECK(found[0].label == PairLabel::WorksFor);
  CHECK(found[0].confidence > 0.5f);
}
