#include "newsgraph/corpora/conll.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "newsgraph/text/segment.hpp"
#include "newsgraph/train/tagger_trainer.hpp"

using newsgraph::ConllError;
using newsgraph::ConllOptions;
using newsgraph::EntityLabel;
using newsgraph::GoldDocument;
using newsgraph::LabeledSpan;
using newsgraph::NerTag;

namespace {

const std::string kDir = std::string(NEWSGRAPH_SOURCE_DIR) + "/tests/data/conll/";

LabeledSpan span(std::size_t begin, std::size_t end, EntityLabel label) { return {{begin, end}, label}; }

}  // namespace

TEST_CASE("conll: CoNLL-2003 (IOB1) documents as conll_to_jsonl.py builds them", "[conll]") {
  const std::vector<GoldDocument> docs = newsgraph::read_conll(kDir + "iob1.conll");
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == "d0000");
  CHECK(docs[1].id == "d0001");
  // Tokens joined by single spaces, sentences by "\n".
  CHECK(docs[0].text ==
        "UNESCO welcomes Anglo-Dutch plan .\nOlga Petrenko met Anna Kowalska Ruiz in Zürich .");
  CHECK(docs[1].text == "ZÜRICH 1996-08-22\nThe U.S. Federal Reserve said .");
  // Offsets in code points ("Zürich" is 6 of them); I-PER I-PER B-PER is two names.
  const std::vector<LabeledSpan> first{span(0, 6, EntityLabel::ORG),   span(16, 27, EntityLabel::MISC),
                                       span(35, 48, EntityLabel::PER), span(53, 66, EntityLabel::PER),
                                       span(67, 71, EntityLabel::PER), span(75, 81, EntityLabel::LOC)};
  CHECK(docs[0].spans == first);
  const std::vector<LabeledSpan> second{span(0, 6, EntityLabel::LOC), span(22, 26, EntityLabel::LOC),
                                        span(27, 42, EntityLabel::ORG)};
  CHECK(docs[1].spans == second);
}

TEST_CASE("conll: GMB (IOB2) without -DOCSTART-, types mapped, documents of N sentences", "[conll]") {
  const std::vector<GoldDocument> whole = newsgraph::read_conll(kDir + "iob2.conll");
  REQUIRE(whole.size() == 1);  // no -DOCSTART-: the whole file, as conll_to_jsonl.py does
  CHECK(whole[0].text ==
        "Thousands marched through London on Monday .\n"
        "British Prime Minister Tony Blair met the United Nations .\n"
        "The Mona Lisa stays in Paris France .");
  // geo and gpe -> LOC, per -> PER, org -> ORG, art -> MISC, tim dropped; B-geo B-geo is two.
  const std::vector<LabeledSpan> expected{span(26, 32, EntityLabel::LOC),    span(45, 52, EntityLabel::LOC),
                                          span(68, 78, EntityLabel::PER),    span(87, 101, EntityLabel::ORG),
                                          span(108, 117, EntityLabel::MISC), span(127, 132, EntityLabel::LOC),
                                          span(133, 139, EntityLabel::LOC)};
  CHECK(whole[0].spans == expected);

  ConllOptions two;
  two.sentences_per_document = 2;
  const std::vector<GoldDocument> docs = newsgraph::read_conll(kDir + "iob2.conll", two);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].text == whole[0].text.substr(0, whole[0].text.rfind('\n')));
  CHECK(docs[1].text == "The Mona Lisa stays in Paris France .");
  CHECK(docs[1].spans.front() == span(4, 13, EntityLabel::MISC));

  // Files with -DOCSTART- ignore the grouping.
  CHECK(newsgraph::read_conll(kDir + "iob1.conll", two).size() == 2);
}

TEST_CASE("conll: gold spans projected onto our tokens, split words included", "[conll]") {
  const std::vector<GoldDocument> docs = newsgraph::read_conll(kDir + "iob1.conll");
  const newsgraph::TrainingDocument doc = newsgraph::make_training_document(docs[0]);
  std::vector<std::string> words;
  for (const newsgraph::Token& t : doc.seg.tokens) words.emplace_back(t.text);
  // "Anglo-Dutch" is three of our tokens; each takes part in the MISC name.
  REQUIRE(words.size() >= 7);
  CHECK(words[2] == "Anglo");
  CHECK(words[3] == "-");
  CHECK(words[4] == "Dutch");
  REQUIRE(doc.gold.size() == words.size());
  CHECK(doc.gold[0] == NerTag::U_ORG);
  CHECK(doc.gold[1] == NerTag::O);
  CHECK(doc.gold[2] == NerTag::B_MISC);
  CHECK(doc.gold[3] == NerTag::I_MISC);
  CHECK(doc.gold[4] == NerTag::L_MISC);
  CHECK(doc.gold[5] == NerTag::O);

  // Projected spans come back to exactly the gold code points.
  std::vector<LabeledSpan> back = newsgraph::to_labeled_spans(doc.seg, newsgraph::spans_from_tags(doc.gold));
  CHECK(back == docs[0].spans);
  const newsgraph::TrainingDocument second = newsgraph::make_training_document(docs[1]);
  back = newsgraph::to_labeled_spans(second.seg, newsgraph::spans_from_tags(second.gold));
  CHECK(back == docs[1].spans);
}

TEST_CASE("conll: errors name the file and line", "[conll]") {
  CHECK_THROWS_WITH(newsgraph::read_conll(kDir + "bad_tag.conll"),
                    Catch::Contains("bad_tag.conll:5") && Catch::Contains("X-ORG"));
  CHECK_THROWS_WITH(newsgraph::read_conll(kDir + "bad_type.conll"),
                    Catch::Contains("bad_type.conll:4") && Catch::Contains("COMPANY"));
  CHECK_THROWS_WITH(newsgraph::read_conll(kDir + "bad_utf8.conll"), Catch::Contains("invalid UTF-8"));
  CHECK_THROWS_AS(newsgraph::read_conll(kDir + "missing.conll"), ConllError);
}

TEST_CASE("conll: entity types of both corpora", "[conll]") {
  CHECK(newsgraph::label_of_conll_type("PER") == EntityLabel::PER);
  CHECK(newsgraph::label_of_conll_type("per") == EntityLabel::PER);
  CHECK(newsgraph::label_of_conll_type("gpe") == EntityLabel::LOC);
  CHECK(newsgraph::label_of_conll_type("geo") == EntityLabel::LOC);
  CHECK(newsgraph::label_of_conll_type("eve") == EntityLabel::MISC);
  CHECK(newsgraph::label_of_conll_type("nat") == EntityLabel::MISC);
  CHECK_FALSE(newsgraph::label_of_conll_type("tim").has_value());
  CHECK_THROWS_AS(newsgraph::label_of_conll_type("date"), ConllError);
}

TEST_CASE("conll: CRLF lines, blank lines with spaces, tabs between columns", "[conll]") {
  const std::string text = "Anna\tNNP\tB-PER\r\nsmiled VBD O\r\n   \r\nBerlin NNP B-LOC\r\n";
  const std::vector<GoldDocument> docs = newsgraph::parse_conll(text, "inline");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].text == "Anna smiled\nBerlin");
  const std::vector<LabeledSpan> expected{span(0, 4, EntityLabel::PER), span(12, 18, EntityLabel::LOC)};
  CHECK(docs[0].spans == expected);
}

namespace {

const std::string kSpert = std::string(NEWSGRAPH_SOURCE_DIR) + "/tests/data/conll04/";

}  // namespace

TEST_CASE("conll04: SpERT JSON, one document per sentence, as conll04_to_jsonl.py builds them",
          "[conll][spert]") {
  ConllOptions script;
  script.spert_other_as_misc = true;
  const std::vector<GoldDocument> docs = newsgraph::read_spert_json(kSpert + "tiny.json", script);
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].id == "s0001");
  CHECK(docs[1].id == "s0002");
  CHECK(docs[2].id == "s0003");
  // Tokens joined by single spaces; offsets in code points ("Zürich" is 6 of them); a token
  // with a glued period ("Boise.") keeps it; entities sorted whatever their order in the file.
  CHECK(docs[0].text == "Olga Petrenko flew to Zürich on Monday .");
  CHECK(docs[1].text == "The Acme Corp. of Boise. said so");
  CHECK(docs[2].text == "Nothing here");
  const std::vector<LabeledSpan> first{span(0, 13, EntityLabel::PER), span(22, 28, EntityLabel::LOC),
                                       span(32, 38, EntityLabel::MISC)};
  CHECK(docs[0].spans == first);
  const std::vector<LabeledSpan> second{span(4, 14, EntityLabel::ORG), span(18, 24, EntityLabel::LOC)};
  CHECK(docs[1].spans == second);
  CHECK(docs[2].spans.empty());

  // By default (train-ner) "Other" is left out; the text and the other spans do not change.
  const std::vector<GoldDocument> plain = newsgraph::read_spert_json(kSpert + "tiny.json");
  REQUIRE(plain.size() == 3);
  CHECK(plain[0].text == docs[0].text);
  const std::vector<LabeledSpan> no_other{span(0, 13, EntityLabel::PER), span(22, 28, EntityLabel::LOC)};
  CHECK(plain[0].spans == no_other);
  CHECK(plain[1].spans == second);
}

TEST_CASE("conll04: several sentences per document", "[conll][spert]") {
  ConllOptions two;
  two.sentences_per_document = 2;
  const std::vector<GoldDocument> docs = newsgraph::read_spert_json(kSpert + "tiny.json", two);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == "s0001");
  CHECK(docs[1].id == "s0003");
  CHECK(docs[0].text == "Olga Petrenko flew to Zürich on Monday .\nThe Acme Corp. of Boise. said so");
  // The second sentence starts at code point 40 + 1.
  const std::vector<LabeledSpan> expected{span(0, 13, EntityLabel::PER), span(22, 28, EntityLabel::LOC),
                                          span(45, 55, EntityLabel::ORG), span(59, 65, EntityLabel::LOC)};
  CHECK(docs[0].spans == expected);
  CHECK(docs[1].text == "Nothing here");

  // 0 and 1 both mean one document per sentence.
  ConllOptions zero;
  zero.sentences_per_document = 0;
  CHECK(newsgraph::read_spert_json(kSpert + "tiny.json", zero).size() == 3);

  // Gold spans project onto our tokens and come back unchanged ("Boise." is two of our tokens).
  const newsgraph::TrainingDocument doc = newsgraph::make_training_document(docs[0]);
  CHECK(newsgraph::to_labeled_spans(doc.seg, newsgraph::spans_from_tags(doc.gold)) == expected);
}

TEST_CASE("conll04: the reader is chosen by extension or content", "[conll][spert]") {
  CHECK(newsgraph::is_spert_json("x.json", ""));
  CHECK(newsgraph::is_spert_json("X.JSON", "anything"));
  CHECK(newsgraph::is_spert_json("x.txt", " \n[\n  {\"tokens\": []}]"));
  CHECK(newsgraph::is_spert_json("x", "[]"));
  CHECK_FALSE(newsgraph::is_spert_json("eng.train", "-DOCSTART- -X- O O\n"));
  CHECK_FALSE(newsgraph::is_spert_json("x.conll", "[ ( O\nAnna NNP B-PER\n"));
  CHECK_FALSE(newsgraph::is_spert_json("x.jsonl", ""));

  const std::vector<GoldDocument> spert = newsgraph::read_gold_documents(kSpert + "tiny.json");
  REQUIRE(spert.size() == 3);
  CHECK(spert[0].id == "s0001");
  // Content decides for another extension; a UTF-8 BOM and leading blanks are skipped.
  const std::vector<GoldDocument> bom = newsgraph::read_gold_documents(kSpert + "bom.spert");
  REQUIRE(bom.size() == 1);
  CHECK(bom[0].text == "Anna smiled");
  const std::vector<LabeledSpan> anna{span(0, 4, EntityLabel::PER)};
  CHECK(bom[0].spans == anna);
  // CoNLL files read as before, options included.
  const std::vector<GoldDocument> conll = newsgraph::read_gold_documents(kDir + "iob1.conll");
  const std::vector<GoldDocument> direct = newsgraph::read_conll(kDir + "iob1.conll");
  REQUIRE(conll.size() == direct.size());
  for (std::size_t k = 0; k < conll.size(); ++k) {
    CHECK(conll[k].id == direct[k].id);
    CHECK(conll[k].text == direct[k].text);
    CHECK(conll[k].spans == direct[k].spans);
  }
  ConllOptions two;
  two.sentences_per_document = 2;
  CHECK(newsgraph::read_gold_documents(kDir + "iob2.conll", two).size() == 2);
}

TEST_CASE("conll04: malformed SpERT JSON is a one-line ConllError naming the file and sentence",
          "[conll][spert]") {
  const auto parse = [](const std::string& json) { return newsgraph::parse_spert_json(json, "in.json"); };
  CHECK_THROWS_AS(parse("[{\"tokens\": [\"a\"], \"entities\": []"), ConllError);
  CHECK_THROWS_WITH(parse("{\"tokens\": []}"), Catch::Contains("in.json") && Catch::Contains("array"));
  CHECK_THROWS_WITH(parse("[1]"), Catch::Contains("in.json: sentence 1") && Catch::Contains("object"));
  CHECK_THROWS_WITH(parse("[{\"entities\": []}]"), Catch::Contains("sentence 1: missing \"tokens\""));
  CHECK_THROWS_WITH(parse("[{\"tokens\": [\"a\"]}]"), Catch::Contains("sentence 1: missing \"entities\""));
  CHECK_THROWS_WITH(parse("[{\"tokens\": [\"a\", 2], \"entities\": []}]"),
                    Catch::Contains("sentence 1") && Catch::Contains("array of strings"));
  CHECK_THROWS_WITH(parse("[{\"tokens\": [\"a\"], \"entities\": {}}]"),
                    Catch::Contains("\"entities\" must be"));
  CHECK_THROWS_WITH(
      parse("[{\"tokens\": [\"a\"], \"entities\": [{\"type\": \"Date\", \"start\": 0, \"end\": 1}]}]"),
      Catch::Contains("sentence 1: entity 1: unknown entity type 'Date'"));
  CHECK_THROWS_WITH(
      parse("[{\"tokens\": [\"a\"], \"entities\": [{\"type\": \"peop\", \"start\": 0, \"end\": 1}]}]"),
      Catch::Contains("unknown entity type 'peop'"));
  CHECK_THROWS_WITH(parse("[{\"tokens\": [\"a\"], \"entities\": [{\"type\": \"Peop\", \"end\": 1}]}]"),
                    Catch::Contains("entity 1: missing \"start\""));
  CHECK_THROWS_WITH(
      parse("[{\"tokens\": [\"a\"], \"entities\": [{\"type\": \"Peop\", \"start\": -1, \"end\": 1}]}]"),
      Catch::Contains("\"start\" must be a non-negative integer"));
  CHECK_THROWS_WITH(
      parse("[{\"tokens\": [\"a\"], \"entities\": [{\"type\": \"Peop\", \"start\": 0, \"end\": 0}]}]"),
      Catch::Contains("[0, 0)"));
  CHECK_THROWS_WITH(
      parse("[{\"tokens\": [\"a\", \"b\"], \"entities\": [{\"type\": \"Peop\", \"start\": 0, \"end\": 2},"
            " {\"type\": \"Loc\", \"start\": 1, \"end\": 2}]}]"),
      Catch::Contains("sentence 1") && Catch::Contains("overlap"));
  // "Other" entities are checked too, even when left out.
  CHECK_THROWS_AS(
      parse("[{\"tokens\": [\"a\"], \"entities\": [{\"type\": \"Other\", \"start\": 0, \"end\": 5}]}]"),
      ConllError);
  CHECK_THROWS_WITH(
      newsgraph::parse_spert_json(std::string("[{\"tokens\": [\"\xff\"], \"entities\": []}]"), "in.json"),
      Catch::Contains("invalid UTF-8"));

  CHECK_THROWS_WITH(newsgraph::read_spert_json(kSpert + "bad_range.json"),
                    Catch::Contains("bad_range.json: sentence 2: entity 1") && Catch::Contains("[1, 3)") &&
                        Catch::Contains("2 tokens"));
  CHECK_THROWS_WITH(newsgraph::read_gold_documents(kSpert + "bad_syntax.json"),
                    Catch::Contains("bad_syntax.json:2: invalid JSON"));
  CHECK_THROWS_AS(newsgraph::read_gold_documents(kSpert + "missing.json"), ConllError);
  // Every message is one line.
  try {
    newsgraph::read_spert_json(kSpert + "bad_syntax.json");
    FAIL("no error");
  } catch (const ConllError& e) {
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
}

TEST_CASE("conll04: JSON nested far deeper than the stack is a ConllError, not a crash", "[conll][spert]") {
  // RapidJSON's recursive parser overflowed the stack at about 105,000 levels.
  const std::string open(150000, '[');
  CHECK_THROWS_WITH(newsgraph::parse_spert_json(open, "deep.json"),
                    Catch::Contains("deep.json:1: invalid JSON"));
  CHECK_THROWS_WITH(newsgraph::parse_spert_json(open + std::string(150000, ']'), "deep.json"),
                    Catch::Contains("deep.json: sentence 1: expected a JSON object"));
}
