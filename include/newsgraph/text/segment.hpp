// Segmentation: sentences and word tokens, by ICU break iterators, with offsets kept.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "newsgraph/vocab/types.hpp"

namespace newsgraph {

enum class TokenKind { Word, Number, Punct };

/// A word, number or punctuation token. `span` is in code points; `text` views the
/// article's UTF-8 text and lives as long as that text. Whitespace is never a token.
/// Known abbreviations keep their period ("Adm.", "Gen.", "U.S.", "Inc.").
struct Token {
  Span span;
  std::string_view text;
  TokenKind kind = TokenKind::Word;
  bool space_before = false;    ///< whitespace separates it from the previous token
  bool newline_before = false;  ///< that whitespace holds a line break
};

/// A sentence: its span, and the tokens [first_token, last_token) that fall in it.
struct Sentence {
  Span span;
  std::size_t first_token = 0;
  std::size_t last_token = 0;
};

struct Segmentation {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
};

/// The most tokens a sentence holds: a run of text with no sentence end and no line break is cut
/// into sentences of this many tokens. News sentences are far shorter (the longest of the 2,225
/// BBC News articles has 242 tokens); the cut bounds what the stages that work sentence by
/// sentence spend on text that has no sentences.
inline constexpr std::size_t kMaxSentenceTokens = 2000;

/// Splits UTF-8 `text` (already validated) into sentences and tokens with ICU.
/// Guarantees: sentences are in order, do not overlap, and cover every token; a line break
/// always ends a sentence; an abbreviation ("Adm.", "Gen.", "Mr.", "U.S.", initials like
/// "J.") does not end one unless a line break follows it; no sentence holds more than
/// kMaxSentenceTokens tokens.
Segmentation segment(std::string_view text);

namespace detail {
/// segment() with every word boundary from ICU, without the ASCII fast path that segment()
/// takes for runs of plain ASCII. Both give the same result for every input; tests hold them
/// to it.
Segmentation segment_icu_only(std::string_view text);
}  // namespace detail

}  // namespace newsgraph
