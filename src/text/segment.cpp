// Segmentation into tokens and sentences with ICU break iterators over the UTF-8 text itself.
//
// Tokens, beyond the header's guarantees:
//  - Whitespace and control characters (Unicode White_Space, general category Cc) separate
//    tokens and are never part of one; a run made only of format characters (Cf: zero width
//    space, byte order mark, bidi marks) between separators is dropped as invisible.
//  - Word: an ICU word segment with letters (also "A380", "3rd", "1.13bn"). Number: an ICU number
//    segment without letters ("42", "3.5", "1,000"). Punct: anything else, one token per ICU
//    segment, i.e. per character with its combining marks (an emoji ZWJ sequence or a flag is one
//    token), except that a run of adjacent ASCII periods is one token ("...").
//  - A possessive is its own Word token: "Russia’s" -> "Russia", "’s" (also 's, ’S, 'S). A
//    trailing apostrophe after a plural is a Punct token of its own ("allies", "’").
//  - Hyphens always separate: "Russia-Ukraine" -> "Russia", "-", "Ukraine".
//  - A period inside an ICU word segment that is followed by a capitalised word splits it
//    ("there.Russia" -> "there", ".", "Russia"; "Mr.Smith" -> "Mr.", "Smith"); "U.S" and
//    "example.com" stay whole.
//  - Abbreviations take their period: the words of kAlwaysAbbreviations and kMayEndAbbreviations
//    (case-sensitive), dotted initialisms ("U.S.", "a.m.", "e.g.") and single capital letters
//    that stand alone ("F." in "John F. Kennedy", not "T" in "AT&T."). A period directly
//    followed by another period is never taken ("etc..." -> "etc", "...").
//  - space_before / newline_before describe the separators just before the token; for the first
//    token that is whatever precedes it at the start of the text.
//
// Word boundaries are ICU's (UAX #29). A whitespace-delimited run of plain ASCII without '_'
// (nearly all of English news) is cut by a direct implementation of the same rules for ASCII,
// which is several times faster; any other run goes to ICU alone (whitespace always separates
// word segments, so the two never disagree; tests compare them on random text).
//
// Sentences: ICU sentence boundaries, moved to token boundaries (a boundary inside a token ends
// the sentence after that token), plus a break before every token preceded by a line break. An
// ICU boundary right after an abbreviation is dropped, except when the abbreviation can also
// end a sentence (a company suffix, a month, an initialism, an initial) and the next token is a
// typical sentence opener ("The", "He", "Then", ...). Spans run from the first token's start to
// the last token's end, so they never begin or end with whitespace, and no sentence is empty.

#include "newsgraph/text/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "newsgraph/util/utf8.hpp"

namespace newsgraph {
namespace {

/// How an abbreviation's period relates to sentence ends.
enum class Abbrev {
  None,    ///< not an abbreviation: its period is ordinary punctuation
  Always,  ///< precedes what it qualifies (titles, "No.", "vs."): never ends a sentence
  MayEnd,  ///< can close a sentence too ("Inc.", "Jr.", "U.S.", months, initials)
};

/// General English abbreviations written with a final period (listed without it).
constexpr std::string_view kAlwaysAbbreviations[] = {
    "Adm", "Brig", "Capt", "Cdr", "Cmdr", "Cmdt", "Col",  "Cpl",  "Det", "Dr",     "Fr",
    "Ft",  "Gen",  "Gens", "Gov", "Govs", "Hon",  "Insp", "Lt",   "Maj", "Messrs", "Mlle",
    "Mme", "Mr",   "Mrs",  "Ms",  "Msgr", "Mt",   "Mx",   "No",   "Nos", "Pres",   "Prof",
    "Pvt", "Rep",  "Reps", "Rev", "Sen",  "Sens", "Sgt",  "Supt", "vs",  "Vs"};

constexpr std::string_view kMayEndAbbreviations[] = {
    "Inc",  "Corp", "Ltd", "Co",   "Cos",  "Bros", "Jr",  "Sr",   "St",   "Ste",   "etc",  "approx",
    "Dept", "Univ", "Ave", "Blvd", "Rd",   "Jan",  "Feb", "Mar",  "Apr",  "Jun",   "Jul",  "Aug",
    "Sep",  "Sept", "Oct", "Nov",  "Dec",  "Ph.D", "Ala", "Ariz", "Ark",  "Calif", "Colo", "Conn",
    "Fla",  "Ga",   "Ill", "Kan",  "Ky",   "La",   "Md",  "Mass", "Mich", "Minn",  "Mont", "Neb",
    "Nev",  "Okla", "Ore", "Pa",   "Tenn", "Tex",  "Va",  "Vt",   "Wash", "Wis",   "Wyo"};

/// Capitalised function words that typically open a sentence; after an abbreviation that may
/// end a sentence, one of these keeps ICU's sentence break.
constexpr std::string_view kSentenceOpeners[] = {
    "A",         "After", "Again",   "All",       "Also",     "Although",    "An",      "And",    "Another",
    "As",        "At",    "Because", "Before",    "Both",     "But",         "By",      "During", "Each",
    "Earlier",   "Every", "Few",     "For",       "From",     "Furthermore", "He",      "Hence",  "Her",
    "Here",      "His",   "How",     "However",   "I",        "If",          "In",      "It",     "Its",
    "Last",      "Later", "Many",    "Meanwhile", "Moreover", "Most",        "My",      "Next",   "Nor",
    "Now",       "On",    "Once",    "Or",        "Other",    "Our",         "Several", "She",    "Since",
    "So",        "Some",  "Still",   "Such",      "That",     "The",         "Their",   "Them",   "Then",
    "There",     "These", "They",    "This",      "Those",    "Though",      "Thus",    "Today",  "Tomorrow",
    "Until",     "We",    "What",    "When",      "Where",    "Which",       "While",   "Who",    "Why",
    "Yesterday", "You"};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

/// "U.S", "a.m", "e.g", "U.S.A": single letters joined by periods, at least two letters.
bool is_dotted_initialism(std::string_view w) {
  std::size_t i = 0;
  std::size_t letters = 0;
  while (i < w.size()) {
    const UChar32 c = next_code_point(w, i);
    if (c < 0 || !u_isalpha(c)) return false;
    ++letters;
    if (i == w.size()) break;
    if (w[i] != '.') return false;
    ++i;
    if (i == w.size()) return false;
  }
  return letters >= 2;
}

bool is_single_code_point(std::string_view w) {
  std::size_t i = 0;
  next_code_point(w, i);
  return i == w.size();
}

/// What kind of abbreviation the word `w` (without its period) is.
Abbrev abbreviation_kind(std::string_view w) {
  if (w.empty()) return Abbrev::None;
  if (contains(kAlwaysAbbreviations, w)) return Abbrev::Always;
  if (contains(kMayEndAbbreviations, w)) return Abbrev::MayEnd;
  std::size_t i = 0;
  const UChar32 first = next_code_point(w, i);
  if (i == w.size()) return first >= 0 && u_isupper(first) ? Abbrev::MayEnd : Abbrev::None;
  return is_dotted_initialism(w) ? Abbrev::MayEnd : Abbrev::None;
}

bool is_separator(UChar32 c) {
  if (c < 0x80) return c <= 0x20 || c == 0x7F;
  return u_isUWhiteSpace(c) || u_charType(c) == U_CONTROL_CHAR;
}

bool is_line_break(UChar32 c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool has_letter(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const UChar32 c = next_code_point(s, i);
    if (c >= 0 && u_isalpha(c)) return true;
  }
  return false;
}

/// Break iterators of one thread, cloned from prototypes built once per process.
struct BreakIterators {
  std::unique_ptr<icu::BreakIterator> word;
  std::unique_ptr<icu::BreakIterator> sentence;
};

const BreakIterators& prototypes() {
  static const BreakIterators p = [] {
    UErrorCode status = U_ZERO_ERROR;
    BreakIterators its;
    its.word.reset(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
    its.sentence.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status) || !its.word || !its.sentence)
      throw std::runtime_error(std::string("ICU break iterators unavailable: ") + u_errorName(status));
    return its;
  }();
  return p;
}

BreakIterators& thread_iterators() {
  thread_local BreakIterators local = [] {
    const BreakIterators& p = prototypes();
    static std::mutex clone_mutex;
    std::lock_guard<std::mutex> lock(clone_mutex);
    BreakIterators its;
    its.word.reset(p.word->clone());
    its.sentence.reset(p.sentence->clone());
    if (!its.word || !its.sentence) throw std::runtime_error("cannot clone ICU break iterators");
    return its;
  }();
  return local;
}

/// A UText over UTF-8 bytes, closed on scope exit.
class Utf8Text {
 public:
  explicit Utf8Text(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&ut_, s.data(), static_cast<std::int64_t>(s.size()), &status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("utext_openUTF8: ") + u_errorName(status));
  }
  ~Utf8Text() { utext_close(&ut_); }
  Utf8Text(const Utf8Text&) = delete;
  Utf8Text& operator=(const Utf8Text&) = delete;
  UText* get() { return &ut_; }

 private:
  UText ut_ = UTEXT_INITIALIZER;
};

/// Builds the token list from ICU word segments, keeping code point offsets with one forward
/// cursor (every offset asked for is at or after the previous one).
class TokenBuilder {
 public:
  TokenBuilder(std::string_view text, std::vector<Token>& tokens) : text_(text), tokens_(tokens) {}

  /// Handles the ICU word segment [b, e) with rule status `status`.
  void segment(std::size_t b, std::size_t e, std::int32_t status) {
    if (status < UBRK_WORD_NONE_LIMIT) {
      other_segment(b, e);
    } else if (status < UBRK_WORD_NUMBER_LIMIT && !has_letter(text_.substr(b, e - b))) {
      emit(b, e, TokenKind::Number);
    } else {
      word_segment(b, e);
    }
  }

 private:
  std::size_t cp_at(std::size_t byte) {
    const auto* p = reinterpret_cast<const unsigned char*>(text_.data());
    for (; byte_ < byte; ++byte_) cp_ += (p[byte_] & 0xC0) != 0x80;
    return cp_;
  }

  std::size_t last_end_byte() const {
    const Token& t = tokens_.back();
    return static_cast<std::size_t>(t.text.data() - text_.data()) + t.text.size();
  }

  void emit(std::size_t b, std::size_t e, TokenKind kind) {
    Token t;
    t.span.begin = cp_at(b);
    t.span.end = cp_at(e);
    t.text = text_.substr(b, e - b);
    t.kind = kind;
    t.space_before = space_;
    t.newline_before = newline_;
    space_ = newline_ = false;
    tokens_.push_back(t);
  }

  /// Extends the last token to end at byte `e` (it must end where the extension starts).
  void extend_last(std::size_t e) {
    Token& t = tokens_.back();
    const std::size_t b = static_cast<std::size_t>(t.text.data() - text_.data());
    t.span.end = cp_at(e);
    t.text = text_.substr(b, e - b);
  }

  /// Punctuation [b, e): a period may join the abbreviation or period run before it.
  void punct(std::size_t b, std::size_t e) {
    if (e == b + 1 && text_[b] == '.' && !space_ && !newline_ && !tokens_.empty() && last_end_byte() == b) {
      const Token& last = tokens_.back();
      if (last.kind == TokenKind::Word) {
        const bool period_follows = e < text_.size() && text_[e] == '.';
        if (!period_follows && last.text.back() != '.' && abbreviation_kind(last.text) != Abbrev::None &&
            (!is_single_code_point(last.text) || stands_alone())) {
          extend_last(e);
          return;
        }
      } else if (last.kind == TokenKind::Punct &&
                 last.text.find_first_not_of('.') == std::string_view::npos) {
        extend_last(e);
        return;
      }
    }
    emit(b, e, TokenKind::Punct);
  }

  /// True when the last token starts a word of its own: whitespace or an opening bracket or
  /// quote precedes it, or nothing does. "T" in "AT&T" and "Z" in "Jay-Z" do not.
  bool stands_alone() const {
    const Token& t = tokens_.back();
    if (t.space_before || tokens_.size() == 1) return true;
    const std::string_view prev = tokens_[tokens_.size() - 2].text;
    if (prev == "\"" || prev == "'") return true;
    std::size_t i = 0;
    const UChar32 c = next_code_point(prev, i);
    if (c < 0) return false;
    const auto type = static_cast<UCharCategory>(u_charType(c));
    return type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
  }

  /// A segment ICU gives no word status: separators, punctuation, symbols, emoji.
  void other_segment(std::size_t b, std::size_t e) {
    std::size_t run = std::string_view::npos;
    bool run_only_format = true;
    auto flush = [&](std::size_t end) {
      if (run != std::string_view::npos && !run_only_format) punct(run, end);
      run = std::string_view::npos;
    };
    std::size_t i = b;
    while (i < e) {
      const std::size_t at = i;
      const UChar32 c = next_code_point(text_, i);
      if (c >= 0 && is_separator(c)) {
        flush(at);
        space_ = true;
        if (is_line_break(c)) newline_ = true;
        continue;
      }
      if (run == std::string_view::npos) {
        run = at;
        run_only_format = true;
      }
      if (c < 0 || u_charType(c) != U_FORMAT_CHAR) run_only_format = false;
    }
    flush(e);
  }

  /// True when the code points at byte `i` are an upper case letter then a lower case one.
  bool capitalised_word_at(std::size_t i, std::size_t e) const {
    const std::string_view s = text_.substr(0, e);
    const UChar32 c1 = next_code_point(s, i);
    if (c1 < 0 || !u_isupper(c1) || i >= e) return false;
    const UChar32 c2 = next_code_point(s, i);
    return c2 >= 0 && u_islower(c2);
  }

  /// An ICU word segment: split at periods before capitalised words, then at a possessive.
  void word_segment(std::size_t b, std::size_t e) {
    std::size_t piece = b;
    const std::string_view seg = text_.substr(b, e - b);
    for (std::size_t k = seg.find('.', 1); k != std::string_view::npos && k + 1 < seg.size();
         k = seg.find('.', k + 1)) {
      const std::size_t p = b + k;
      if (capitalised_word_at(p + 1, e)) {
        word_piece(piece, p);
        punct(p, p + 1);
        piece = p + 1;
      }
    }
    word_piece(piece, e);
  }

  void word_piece(std::size_t b, std::size_t e) {
    const std::string_view w = text_.substr(b, e - b);
    std::size_t suffix = 0;
    if (w.size() > 2 && w[w.size() - 2] == '\'' && (w.back() == 's' || w.back() == 'S')) {
      suffix = 2;
    } else if (w.size() > 4 && w.compare(w.size() - 4, 3, "\xE2\x80\x99") == 0 &&
               (w.back() == 's' || w.back() == 'S')) {
      suffix = 4;
    }
    if (suffix != 0) {
      emit(b, e - suffix, TokenKind::Word);
      emit(e - suffix, e, TokenKind::Word);
    } else {
      emit(b, e, TokenKind::Word);
    }
  }

  std::string_view text_;
  std::vector<Token>& tokens_;
  std::size_t byte_ = 0;  ///< cursor: a byte offset ...
  std::size_t cp_ = 0;    ///< ... and the code point offset it corresponds to
  bool space_ = false;    ///< separators seen since the last token
  bool newline_ = false;  ///< a line break among them
};

/// True when ICU's sentence break between `prev` and `next` is kept.
bool keeps_break(const Token& prev, const Token& next) {
  if (prev.kind != TokenKind::Word || prev.text.size() < 2 || prev.text.back() != '.') return true;
  switch (abbreviation_kind(prev.text.substr(0, prev.text.size() - 1))) {
    case Abbrev::None:
      return true;
    case Abbrev::Always:
      return false;
    case Abbrev::MayEnd:
      return next.kind == TokenKind::Word && contains(kSentenceOpeners, next.text);
  }
  return true;
}

/// Word_Break classes of ASCII bytes, as ICU applies UAX #29 to them: letters, digits,
/// MidNumLet ('.' and the apostrophe), MidNum (',' ';'), separators (controls, space) and
/// everything else. Bytes of other characters, '_' (ExtendNumLet) and '@' (which ICU joins like
/// ExtendNumLet: "a@b") send their run to ICU.
enum WordClass : std::uint8_t {
  kWbOther,
  kWbLetter,
  kWbDigit,
  kWbMidNumLet,
  kWbMidNum,
  kWbSeparator,
  kWbIcu
};

struct WordClassTable {
  WordClass c[256];
  constexpr WordClassTable() : c{} {
    for (int b = 0; b < 256; ++b) {
      WordClass w = kWbOther;
      if (b >= 0x80 || b == '_' || b == '@')
        w = kWbIcu;
      else if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'))
        w = kWbLetter;
      else if (b >= '0' && b <= '9')
        w = kWbDigit;
      else if (b == '.' || b == '\'')
        w = kWbMidNumLet;
      else if (b == ',' || b == ';')
        w = kWbMidNum;
      else if (b <= 0x20 || b == 0x7F)
        w = kWbSeparator;
      c[b] = w;
    }
  }
  WordClass operator()(char ch) const { return c[static_cast<unsigned char>(ch)]; }
};
constexpr WordClassTable kWordClass;

/// Calls f(begin, end, status) for the ICU word segments of text[begin, end), offsets shifted
/// by `offset`.
template <class F>
void icu_word_segments(std::string_view text, std::size_t offset, icu::BreakIterator& it, F&& f) {
  Utf8Text utext(text);
  UErrorCode status = U_ZERO_ERROR;
  it.setText(utext.get(), status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU setText: ") + u_errorName(status));
  std::int32_t start = it.first();
  for (std::int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next())
    f(offset + static_cast<std::size_t>(start), offset + static_cast<std::size_t>(end), it.getRuleStatus());
}

/// Calls f(begin, end, status) for the word segments of `text` in order, exactly as ICU's
/// word break iterator gives them, except that a run of separators may come as several
/// segments (every separator byte is one; they only ever separate tokens).
template <class F>
void word_segments(std::string_view text, icu::BreakIterator& it, F&& f) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (kWordClass(text[i]) == kWbSeparator) {
      f(i, i + 1, std::int32_t{UBRK_WORD_NONE});
      ++i;
      continue;
    }
    std::size_t e = i;
    bool plain = true;
    for (; e < n && kWordClass(text[e]) != kWbSeparator; ++e) plain = plain && kWordClass(text[e]) != kWbIcu;
    if (!plain) {
      icu_word_segments(text.substr(i, e - i), i, it, f);
      i = e;
      continue;
    }
    while (i < e) {
      const WordClass wc = kWordClass(text[i]);
      if (wc != kWbLetter && wc != kWbDigit) {  // WB999: every other character stands alone
        f(i, i + 1, std::int32_t{UBRK_WORD_NONE});
        ++i;
        continue;
      }
      bool letter = wc == kWbLetter;
      std::size_t j = i + 1;
      while (j < e) {
        const WordClass cj = kWordClass(text[j]);
        if (cj == kWbLetter || cj == kWbDigit) {  // WB5, WB8, WB9, WB10
          letter = letter || cj == kWbLetter;
          ++j;
          continue;
        }
        if (j + 1 < e && (cj == kWbMidNumLet || cj == kWbMidNum)) {
          const WordClass before = kWordClass(text[j - 1]), after = kWordClass(text[j + 1]);
          // WB6/WB7: letter (MidNumLet) letter; WB11/WB12: digit (MidNum | MidNumLet) digit
          if ((cj == kWbMidNumLet && before == kWbLetter && after == kWbLetter) ||
              (before == kWbDigit && after == kWbDigit)) {
            letter = letter || after == kWbLetter;
            j += 2;
            continue;
          }
        }
        break;
      }
      f(i, j, std::int32_t{letter ? UBRK_WORD_LETTER : UBRK_WORD_NUMBER});
      i = j;
    }
  }
}

Segmentation segment_text(std::string_view text, bool fast_words) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw std::length_error("segment: text longer than 2^31 - 1 bytes");
  Segmentation out;
  if (text.empty()) return out;

  BreakIterators& its = thread_iterators();
  Utf8Text utext(text);
  UErrorCode status = U_ZERO_ERROR;
  its.sentence->setText(utext.get(), status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU setText: ") + u_errorName(status));

  out.tokens.reserve(text.size() / 4 + 16);
  TokenBuilder builder(text, out.tokens);
  const auto each = [&](std::size_t b, std::size_t e, std::int32_t rule_status) {
    builder.segment(b, e, rule_status);
  };
  if (fast_words) {
    word_segments(text, *its.word, each);
  } else {
    icu_word_segments(text, 0, *its.word, each);
  }

  const std::vector<Token>& tokens = out.tokens;
  if (tokens.empty()) return out;
  auto start_byte = [&](std::size_t i) {
    return static_cast<std::size_t>(tokens[i].text.data() - text.data());
  };

  out.sentences.reserve(text.size() / 120 + 4);
  std::size_t first = 0;
  auto close = [&](std::size_t last) {
    Sentence s;
    s.span = Span{tokens[first].span.begin, tokens[last - 1].span.end};
    s.first_token = first;
    s.last_token = last;
    out.sentences.push_back(s);
    first = last;
  };

  // ICU boundaries at or before the first token's start end no sentence.
  std::int32_t boundary = its.sentence->following(static_cast<std::int32_t>(start_byte(0)));
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const std::size_t b = start_byte(i);
    bool icu_break = false;
    while (boundary != icu::BreakIterator::DONE && static_cast<std::size_t>(boundary) <= b) {
      icu_break = true;
      boundary = its.sentence->next();
    }
    if (tokens[i].newline_before || (icu_break && keeps_break(tokens[i - 1], tokens[i])) ||
        i - first >= kMaxSentenceTokens)
      close(i);
  }
  close(tokens.size());
  return out;
}

}  // namespace

Segmentation segment(std::string_view text) { return segment_text(text, true); }

namespace detail {
Segmentation segment_icu_only(std::string_view text) { return segment_text(text, false); }
}  // namespace detail

}  // namespace newsgraph
