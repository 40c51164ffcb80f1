// Text handling shared by the exporters (UTF-8 itself is util/utf8.hpp): RapidJSON output
// that only ever sees valid UTF-8, HTML and XML character escaping, file name extensions, and
// the DOT strings, numbers, node statements and isolated-node rows of the DOT export and the
// renderer, percent-encoding, and the written forms of a node's Wikidata id and coordinates. Implemented in
// export/text.cpp. Internal to the library.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "newsgraph/util/utf8.hpp"
#include "newsgraph/vocab/graph.hpp"
#include "newsgraph/vocab/types.hpp"

namespace newsgraph::export_detail {

/// What markup_text writes for a character of one class of control characters: the character
/// itself, a space, its decimal character reference ("&#10;"), or nothing.
enum class MarkupControl { Keep, Space, Reference, Drop };

/// The rules by which the HTML and XML outputs differ: the reference for an apostrophe and
/// what becomes of each class of control characters and of the noncharacters XML forbids.
struct MarkupRules {
  const char* apostrophe;   ///< written for ', as "&#39;" (HTML) or "&apos;" (XML)
  MarkupControl tab_lf;     ///< TAB and LF
  MarkupControl cr;         ///< CR
  MarkupControl other_c0;   ///< the other C0 controls, NUL included
  MarkupControl del_c1;     ///< DEL and the C1 controls
  bool drop_noncharacters;  ///< U+FFFE and U+FFFF dropped (else kept)
};

/// `s` as markup text, fit for element content and for quoted attribute values alike.
/// Guarantees: valid UTF-8 (malformed bytes become U+FFFD); &, <, > and " as &amp;, &lt;,
/// &gt; and &quot;, ' as `rules.apostrophe`; control characters and U+FFFE, U+FFFF as `rules`
/// says; every other code point unchanged.
std::string markup_text(std::string_view s, const MarkupRules& rules);

/// The extension of the last component of `path`, the text after its last '.', in ASCII
/// lower case; empty when there is none. As with std::filesystem, a leading dot starts a
/// hidden name, not an extension.
std::string lower_extension(std::string_view path);

/// `s` as a DOT quoted string, quotes included. Guarantees: valid UTF-8 (malformed bytes
/// become U+FFFD); `"` and `\` are backslash-escaped, so no escape sequence of Graphviz
/// (\N, \G, \l, ...) can arise from the data; a line feed becomes the escape \n; carriage
/// returns are dropped; every other control character (C0, DEL, C1) becomes a space.
std::string dot_quoted(std::string_view s);

/// The first `max_code_points` code points of `text` followed by "…" when it is longer, cut
/// at the last space past two thirds of the limit when the limit falls inside a word. The
/// result is valid UTF-8, cut on a code point boundary, without spaces before the ellipsis.
std::string shorten_text(std::string_view text, std::size_t max_code_points);

/// How a node of one entity type is drawn in DOT: a Graphviz shape and a fill colour
/// ("#rrggbb", so no colour scheme is needed). The DOT export and the renderer share it.
struct NodeStyle {
  const char* shape;
  const char* fill;
};
NodeStyle node_style(EntityType t);

/// Writes the DOT statement of node `n`, as the DOT export and the renderer both draw nodes:
///   "<id>" [shape=<shape>, fillcolor="<fill>", <attributes>];
/// indented by two spaces and ended by a line feed, with the id escaped (dot_quoted) and the
/// shape and fill of its type (node_style). `attributes` is the rest of the attribute list
/// ("label=..., tooltip=..."), written as given: its values must already be dot_quoted.
void write_dot_node(std::ostream& out, const Node& n, std::string_view attributes);

/// `s` with every byte outside ALPHA / DIGIT / "-._~" and the characters of `keep`
/// percent-encoded as %XX (upper-case hex): a valid IRI or URL path segment whatever `s` holds
/// (no spaces, quotes, brackets, controls or non-ASCII), unchanged when it holds only those.
std::string percent_encode(std::string_view s, std::string_view keep = {});

/// The Wikidata entity IRI of `id`, "http://www.wikidata.org/entity/Q159" (the IRI Wikidata's
/// RDF uses), and the URL of its page, "https://www.wikidata.org/wiki/Q159"; `id` is
/// percent-encoded (percent_encode, nothing kept), so a malformed id still gives one IRI.
std::string wikidata_entity_iri(std::string_view id);
std::string wikidata_page_url(std::string_view id);

/// A node's coordinates as every export writes them: latitude and longitude with 5 decimals
/// (format_degrees), or none when the node has none or they are not a valid point
/// (geo_point refuses them).
struct LocationText {
  std::string latitude;
  std::string longitude;
};
std::optional<LocationText> location_text(const std::optional<GeoPoint>& location);

/// `x` with two decimals ("1.58"), independent of the C locale: DOT's pen widths and lengths.
std::string fixed2(double x);

/// Writes invisible DOT edges ("a" -> "b" [style=invis];) that lay out the nodes without
/// edges in rows of six, in vertex order; without them dot gives all of them rank 0 and stacks
/// them into one tall column. Writes nothing when fewer than two nodes are isolated.
void write_isolated_rows(std::ostream& out, const Graph& g);

/// Largest string length handed to RapidJSON: its lengths are 32-bit and it reserves six
/// output bytes per input byte, so longer strings are cut (on a code point boundary).
inline constexpr std::size_t kMaxJsonString = 0x0FFFFFFF;

/// Writes `s` as a JSON string through any RapidJSON writer, after making it valid UTF-8.
/// RapidJSON then escapes quotes, backslashes and every control character below U+0020.
template <class Writer>
void json_string(Writer& w, std::string_view s) {
  const std::string clean = valid_utf8(s);
  const std::string_view v = utf8_prefix_bytes(clean, kMaxJsonString);
  w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

/// Same, as an object key.
template <class Writer>
void json_key(Writer& w, std::string_view s) {
  const std::string clean = valid_utf8(s);
  const std::string_view v = utf8_prefix_bytes(clean, kMaxJsonString);
  w.Key(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

template <class Writer>
void json_uint(Writer& w, std::size_t n) {
  w.Uint64(static_cast<std::uint64_t>(n));
}

/// Moves what a RapidJSON writer has buffered so far to `out`, so memory stays bounded
/// however large the graph.
inline void drain(rapidjson::StringBuffer& buf, std::ostream& out) {
  out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
  buf.Clear();
}

}  // namespace newsgraph::export_detail
