// CoNLL/GMB reading, document building as conll_to_jsonl.py does it, SpERT JSON (CoNLL04)
// reading as conll04_to_jsonl.py does it, and gold projection.
//
// Reading follows the reference script line by line: a line starting with "-DOCSTART-" ends
// the current sentence and document; a blank line (only whitespace) ends the sentence; any
// other line is split on ASCII whitespace and gives (first column, last column). A trailing
// "\r" is dropped, so CRLF files read like LF files.

#include "newsgraph/corpora/conll.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "util/enum_names.hpp"

namespace newsgraph {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

/// Number of code points of valid UTF-8 `s` (bytes that are not continuation bytes).
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

/// One token line: the word and its tag, with the line number for messages.
struct RawToken {
  std::string_view word;
  std::string_view tag;
  std::size_t line = 0;
};
using RawSentence = std::vector<RawToken>;
using RawDocument = std::vector<RawSentence>;

/// Builds the document text and its gold spans exactly as conll_to_jsonl.py does.
GoldDocument build_document(const RawDocument& raw, std::size_t index, const std::string& origin) {
  GoldDocument doc;
  char id[32];
  std::snprintf(id, sizeof id, "d%04zu", index);
  doc.id = id;
  std::size_t pos = 0;  // code points
  for (std::size_t s = 0; s < raw.size(); ++s) {
    if (s > 0) {
      doc.text += '\n';
      ++pos;
    }
    const RawSentence& sent = raw[s];
    // Token offsets, then spans over the raw types (python spans()), then the label map.
    std::vector<Span> offs;
    offs.reserve(sent.size());
    for (std::size_t k = 0; k < sent.size(); ++k) {
      if (k > 0) {
        doc.text += ' ';
        ++pos;
      }
      const std::size_t len = code_points(sent[k].word);
      offs.push_back({pos, pos + len});
      doc.text.append(sent[k].word);
      pos += len;
    }
    std::size_t start = 0;
    std::string_view type;
    bool open = false;
    std::size_t open_line = 0;
    const auto close = [&](std::size_t end) {
      if (!open) return;
      std::optional<EntityLabel> label;
      try {
        label = label_of_conll_type(type);
      } catch (const ConllError& e) {
        throw ConllError(origin + ":" + std::to_string(open_line) + ": " + e.what());
      }
      if (label) doc.spans.push_back({{offs[start].begin, offs[end - 1].end}, *label});
      open = false;
    };
    for (std::size_t k = 0; k <= sent.size(); ++k) {
      const std::string_view t = k < sent.size() ? sent[k].tag : std::string_view("O");
      const bool is_o = t == "O";
      if (!is_o && (t.size() < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-')) {
        throw ConllError(origin + ":" + std::to_string(sent[k].line) + ": tag '" + std::string(t) +
                         "' is not O, B-TYPE or I-TYPE");
      }
      const std::string_view t_type = is_o ? std::string_view() : t.substr(2);
      if (is_o || t[0] == 'B' || !open || t_type != type) {
        close(k);
        if (!is_o) {
          open = true;
          start = k;
          type = t_type;
          open_line = sent[k].line;
        }
      }
    }
  }
  std::sort(doc.spans.begin(), doc.spans.end());
  return doc;
}

}  // namespace

std::optional<EntityLabel> label_of_conll_type(std::string_view type) {
  if (ieq(type, "PER")) return EntityLabel::PER;
  if (ieq(type, "ORG")) return EntityLabel::ORG;
  if (ieq(type, "LOC") || ieq(type, "geo") || ieq(type, "gpe")) return EntityLabel::LOC;
  if (ieq(type, "MISC") || ieq(type, "art") || ieq(type, "eve") || ieq(type, "nat")) return EntityLabel::MISC;
  if (ieq(type, "tim")) return std::nullopt;
  throw ConllError("unknown entity type '" + std::string(type) + "'");
}

std::vector<GoldDocument> parse_conll(std::string_view content, const std::string& origin,
                                      const ConllOptions& options) {
  if (!is_valid_utf8(content)) throw ConllError(origin + ": invalid UTF-8");
  const auto starts_docstart = [](std::string_view line) { return line.substr(0, 10) == "-DOCSTART-"; };

  // Split into lines once; the views stay valid while `content` lives.
  std::vector<std::string_view> lines;
  for (std::size_t p = 0; p < content.size();) {
    std::size_t e = content.find('\n', p);
    if (e == std::string_view::npos) e = content.size();
    std::string_view line = content.substr(p, e - p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    p = e + 1;
  }
  const bool has_docstart = std::any_of(lines.begin(), lines.end(), starts_docstart);
  const std::size_t per_doc = has_docstart ? 0 : options.sentences_per_document;

  std::vector<GoldDocument> docs;
  RawDocument doc;
  RawSentence sent;
  const auto end_sentence = [&]() {
    if (sent.empty()) return;
    doc.push_back(std::move(sent));
    sent.clear();
  };
  const auto end_document = [&]() {
    if (doc.empty()) return;
    docs.push_back(build_document(doc, docs.size(), origin));
    doc.clear();
  };
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string_view line = lines[n];
    if (starts_docstart(line)) {
      end_sentence();
      end_document();
      continue;
    }
    std::size_t b = 0;
    while (b < line.size() && is_space(line[b])) ++b;
    if (b == line.size()) {
      end_sentence();
      if (per_doc > 0 && doc.size() >= per_doc) end_document();
      continue;
    }
    std::size_t e = b;
    while (e < line.size() && !is_space(line[e])) ++e;
    std::size_t last_end = line.size();
    while (last_end > 0 && is_space(line[last_end - 1])) --last_end;
    std::size_t last_begin = last_end;
    while (last_begin > 0 && !is_space(line[last_begin - 1])) --last_begin;
    sent.push_back({line.substr(b, e - b), line.substr(last_begin, last_end - last_begin), n + 1});
  }
  end_sentence();
  end_document();
  return docs;
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConllError(path + ": cannot open file");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw ConllError(path + ": read error");
  return std::move(buf).str();
}

std::string_view strip_bom(std::string_view s) { return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s; }

bool ends_with_json(const std::string& path) {
  return path.size() >= 5 && ieq(std::string_view(path).substr(path.size() - 5), ".json");
}

/// A SpERT entity type's label (exact spelling, as conll04_to_jsonl.py's TYPES).
std::optional<EntityLabel> label_of_spert_type(std::string_view type) {
  if (type == "Peop") return EntityLabel::PER;
  if (type == "Org") return EntityLabel::ORG;
  if (type == "Loc") return EntityLabel::LOC;
  if (type == "Other") return EntityLabel::MISC;
  return std::nullopt;
}

/// A non-negative integer member of a SpERT entity.
std::size_t index_member(const rapidjson::Value& entity, const char* key, const std::string& where) {
  const auto it = entity.FindMember(key);
  if (it == entity.MemberEnd()) throw ConllError(where + ": missing \"" + key + "\"");
  if (!it->value.IsUint64()) throw ConllError(where + ": \"" + key + "\" must be a non-negative integer");
  return static_cast<std::size_t>(it->value.GetUint64());
}

}  // namespace

std::vector<GoldDocument> read_conll(const std::string& path, const ConllOptions& options) {
  return parse_conll(read_file(path), path, options);
}

namespace {

constexpr EnumNames<Conll04Label, kConll04LabelCount> kConll04Names{{
    {Conll04Label::WorkFor, "Work_For"},
    {Conll04Label::Kill, "Kill"},
    {Conll04Label::OrgBasedIn, "OrgBased_In"},
    {Conll04Label::LiveIn, "Live_In"},
    {Conll04Label::LocatedIn, "Located_In"},
}};

}  // namespace

std::string_view to_string(Conll04Label label) { return enum_name(kConll04Names, label, "unknown"); }

std::vector<RelationSentence> parse_conll04(std::string_view content, const std::string& origin) {
  if (!is_valid_utf8(content)) throw ConllError(origin + ": invalid UTF-8");
  content = strip_bom(content);
  rapidjson::Document json;
  // Iterative: nesting depth costs heap, not stack (no stack overflow on deep nesting).
  json.Parse<rapidjson::kParseIterativeFlag>(content.data(), content.size());
  if (json.HasParseError()) {
    const std::size_t offset = std::min(json.GetErrorOffset(), content.size());
    const std::string_view before = content.substr(0, offset);
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    throw ConllError(origin + ":" + std::to_string(line) +
                     ": invalid JSON: " + rapidjson::GetParseError_En(json.GetParseError()));
  }
  if (!json.IsArray()) throw ConllError(origin + ": expected a JSON array of sentences");

  std::vector<RelationSentence> out;
  for (rapidjson::SizeType n = 0; n < json.Size(); ++n) {
    const rapidjson::Value& sent = json[n];
    const std::string where = origin + ": sentence " + std::to_string(n + 1);
    if (!sent.IsObject()) throw ConllError(where + ": expected a JSON object");
    const auto tokens = sent.FindMember("tokens");
    if (tokens == sent.MemberEnd()) throw ConllError(where + ": missing \"tokens\"");
    if (!tokens->value.IsArray()) throw ConllError(where + ": \"tokens\" must be an array of strings");
    const auto entities = sent.FindMember("entities");
    if (entities == sent.MemberEnd()) throw ConllError(where + ": missing \"entities\"");
    if (!entities->value.IsArray()) throw ConllError(where + ": \"entities\" must be an array");

    RelationSentence s;
    char id[32];
    std::snprintf(id, sizeof id, "s%04zu", static_cast<std::size_t>(n) + 1);
    s.id = id;
    // Token offsets (code points), as convert() computes them.
    std::vector<Span> offs;
    offs.reserve(tokens->value.Size());
    std::size_t pos = 0;
    for (const rapidjson::Value& tok : tokens->value.GetArray()) {
      if (!tok.IsString()) throw ConllError(where + ": \"tokens\" must be an array of strings");
      const std::string_view word(tok.GetString(), tok.GetStringLength());
      if (!is_valid_utf8(word)) throw ConllError(where + ": invalid UTF-8 in a token");
      if (!offs.empty()) {
        s.text += ' ';
        ++pos;
      }
      const std::size_t len = code_points(word);
      offs.push_back({pos, pos + len});
      s.text.append(word);
      pos += len;
    }

    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (rapidjson::SizeType k = 0; k < entities->value.Size(); ++k) {
      const rapidjson::Value& e = entities->value[k];
      const std::string at = where + ": entity " + std::to_string(k + 1);
      if (!e.IsObject()) throw ConllError(at + ": expected a JSON object");
      const auto type = e.FindMember("type");
      if (type == e.MemberEnd()) throw ConllError(at + ": missing \"type\"");
      if (!type->value.IsString()) throw ConllError(at + ": \"type\" must be a string");
      const std::string_view type_name(type->value.GetString(), type->value.GetStringLength());
      const std::optional<EntityLabel> label = label_of_spert_type(type_name);
      if (!label) {
        throw ConllError(at + ": unknown entity type '" + std::string(type_name) +
                         "' (expected Peop, Org, Loc or Other)");
      }
      const std::size_t start = index_member(e, "start", at);
      const std::size_t end = index_member(e, "end", at);
      if (start >= end || end > offs.size()) {
        throw ConllError(at + ": token range [" + std::to_string(start) + ", " + std::to_string(end) +
                         ") is empty or outside the sentence's " + std::to_string(offs.size()) + " tokens");
      }
      ranges.emplace_back(start, end);
      s.entities.push_back({{offs[start].begin, offs[end - 1].end}, *label});
    }
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t k = 1; k < ranges.size(); ++k) {
      if (ranges[k].first < ranges[k - 1].second) {
        throw ConllError(where + ": entities at tokens [" + std::to_string(ranges[k - 1].first) + ", " +
                         std::to_string(ranges[k - 1].second) + ") and [" + std::to_string(ranges[k].first) +
                         ", " + std::to_string(ranges[k].second) + ") overlap");
      }
    }
    const auto relations = sent.FindMember("relations");
    if (relations != sent.MemberEnd()) {
      if (!relations->value.IsArray()) throw ConllError(where + ": \"relations\" must be an array");
      for (rapidjson::SizeType k = 0; k < relations->value.Size(); ++k) {
        const rapidjson::Value& r = relations->value[k];
        const std::string at = where + ": relation " + std::to_string(k + 1);
        if (!r.IsObject()) throw ConllError(at + ": expected a JSON object");
        const std::size_t head = index_member(r, "head", at), tail = index_member(r, "tail", at);
        if (head >= s.entities.size() || tail >= s.entities.size())
          throw ConllError(at + ": \"head\" or \"tail\" names no entity of the sentence");
        const auto type = r.FindMember("type");
        if (type == r.MemberEnd() || !type->value.IsString()) throw ConllError(at + ": missing \"type\"");
        const std::string_view name(type->value.GetString(), type->value.GetStringLength());
        const std::optional<Conll04Label> label = enum_from_name(kConll04Names, name);
        if (!label) throw ConllError(at + ": unknown relation type '" + std::string(name) + "'");
        s.relations.push_back({s.entities[head].span, s.entities[tail].span, *label});
      }
    }
    std::sort(s.entities.begin(), s.entities.end());
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<RelationSentence> read_conll04(const std::string& path) {
  return parse_conll04(read_file(path), path);
}

std::vector<GoldDocument> parse_spert_json(std::string_view content, const std::string& origin,
                                           const ConllOptions& options) {
  const std::size_t per_doc = std::max<std::size_t>(1, options.sentences_per_document);
  std::vector<GoldDocument> docs;
  std::size_t pos = 0;  // code points of the current document's text so far
  std::size_t n = 0;
  for (RelationSentence& s : parse_conll04(content, origin)) {
    if (n++ % per_doc == 0) {
      docs.push_back({s.id, {}, {}});
      pos = 0;
    } else {
      docs.back().text += '\n';
      ++pos;
    }
    GoldDocument& doc = docs.back();
    for (const LabeledSpan& e : s.entities) {
      if (e.label == EntityLabel::MISC && !options.spert_other_as_misc) continue;
      doc.spans.push_back({{e.span.begin + pos, e.span.end + pos}, e.label});
    }
    doc.text += s.text;
    pos += code_points(s.text);
  }
  return docs;
}

std::vector<GoldDocument> read_spert_json(const std::string& path, const ConllOptions& options) {
  return parse_spert_json(read_file(path), path, options);
}

bool is_spert_json(const std::string& path, std::string_view content) {
  if (ends_with_json(path)) return true;
  content = strip_bom(content);
  std::size_t p = 0;
  const auto skip_blanks = [&]() {
    while (p < content.size() && (is_space(content[p]) || content[p] == '\n')) ++p;
  };
  skip_blanks();
  if (p == content.size() || content[p] != '[') return false;
  ++p;
  skip_blanks();
  return p < content.size() && (content[p] == '{' || content[p] == ']');
}

std::vector<GoldDocument> read_gold_documents(const std::string& path, const ConllOptions& options) {
  const std::string content = read_file(path);
  return is_spert_json(path, content) ? parse_spert_json(content, path, options)
                                      : parse_conll(content, path, options);
}

std::vector<NerTag> project_spans(const Segmentation& seg, const std::vector<LabeledSpan>& spans) {
  const std::vector<Token>& toks = seg.tokens;
  std::vector<NerTag> tags(toks.size(), NerTag::O);
  for (const LabeledSpan& s : spans) {
    // First token starting at or after the span's start; then every token inside the span.
    auto it = std::lower_bound(toks.begin(), toks.end(), s.span.begin,
                               [](const Token& t, std::size_t cp) { return t.span.begin < cp; });
    std::size_t first = static_cast<std::size_t>(it - toks.begin());
    std::size_t last = first;
    while (last < toks.size() && toks[last].span.end <= s.span.end) ++last;
    if (last == first) continue;
    if (last - first == 1) {
      tags[first] = make_tag(BilouPosition::U, s.label);
      continue;
    }
    tags[first] = make_tag(BilouPosition::B, s.label);
    for (std::size_t i = first + 1; i + 1 < last; ++i) tags[i] = make_tag(BilouPosition::I, s.label);
    tags[last - 1] = make_tag(BilouPosition::L, s.label);
  }
  return tags;
}

std::vector<LabeledSpan> to_labeled_spans(const Segmentation& seg, const std::vector<TaggedSpan>& spans) {
  std::vector<LabeledSpan> out;
  out.reserve(spans.size());
  for (const TaggedSpan& s : spans) {
    out.push_back({{seg.tokens[s.first_token].span.begin, seg.tokens[s.last_token - 1].span.end}, s.label});
  }
  return out;
}

}  // namespace newsgraph
