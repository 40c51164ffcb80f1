// libFuzzer target: the model file loaders (PerceptronTagger::deserialize,
// RelationClassifier::deserialize). The first input byte chooses: bit 0 the relation
// classifier (else the tagger); bit 1 the checksum made right (the last 8 bytes replaced by
// FNV-1a 64 of the rest), so that the fuzzer reaches past the checksum into the fields it
// guards. The rest is the file. Bad files must give ModelError or RelationModelError; a model
// read is then used on a short article (the tagger through TaggedMentionDetector, the
// classifier on the rule detector's mentions), whose relations must have confidences in [0, 1].
#include <memory>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "newsgraph/knowledge/knowledge.hpp"
#include "newsgraph/ner/detectors.hpp"
#include "newsgraph/ner/tagger.hpp"
#include "newsgraph/pipeline/pipeline.hpp"
#include "newsgraph/relations/relation_model.hpp"
#include "newsgraph/text/segment.hpp"
#include "util/binary_io.hpp"
#include "util/hash.hpp"

namespace {

using namespace newsgraph;

constexpr std::string_view kArticle =
    "Putin Meets Kim in Vostochny\n\nRussian President Vladimir Putin met North Korean leader Kim Jong Un at "
    "the Vostochny Cosmodrome on Wednesday. \"We will help them build satellites,\" Putin said. Lionel Messi "
    "joined Inter Miami, the club based in Florida, from Paris Saint-Germain.";

const std::shared_ptr<const Knowledge>& knowledge() {
  static const std::shared_ptr<const Knowledge> kb = Knowledge::open(newsgraph::default_knowledge_path());
  return kb;
}

const Segmentation& article_segmentation() {
  static const Segmentation seg = segment(kArticle);
  return seg;
}

void use_tagger(PerceptronTagger tagger) {
  const TaggedMentionDetector detector(knowledge(),
                                       std::make_shared<const PerceptronTagger>(std::move(tagger)));
  const std::vector<Mention> mentions = detector.detect(kArticle, article_segmentation());
  for (const Mention& m : mentions)
    fuzz::require(m.first_token < m.last_token && m.last_token <= article_segmentation().tokens.size(),
                  "a mention covers tokens of the article");
}

void use_classifier(const RelationClassifier& model) {
  const RuleMentionDetector detector(knowledge());
  const std::vector<Mention> mentions = detector.detect(kArticle, article_segmentation());
  for (const PairPrediction& p : model.predict(article_segmentation(), mentions, *knowledge())) {
    fuzz::require(p.head < mentions.size() && p.tail < mentions.size(), "a prediction names two mentions");
    fuzz::require(p.confidence >= 0 && p.confidence <= 1, "a confidence is in [0, 1]");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned mode = data[0];
  std::string file(fuzz::bytes(data + 1, size - 1));
  if ((mode & 2) != 0 && file.size() >= 8) {
    file.resize(file.size() - 8);
    binary::put_u64(file, hash::fnv1a(file));
  }
  if ((mode & 1) != 0) {
    try {
      use_classifier(RelationClassifier::deserialize(file, "fuzz.bin"));
    } catch (const RelationModelError&) {
    }
  } else {
    try {
      use_tagger(PerceptronTagger::deserialize(file, "fuzz.bin"));
    } catch (const ModelError&) {
    }
  }
  return 0;
}
