// Drawing the graph with Graphviz: filters, styled DOT and the Graphviz subprocess.
//
// Guarantees: filter_graph keeps the relative order of vertices and edges, so everything
// drawn is as deterministic as the graph; write_render_dot escapes every string as the DOT
// export does; run_graphviz starts the program without a shell (file names and labels never
// reach one), never leaves a zombie, and turns every failure into one-line RenderError.
#include "newsgraph/render/render.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <set>
#include <sstream>
#include <system_error>

#include "export/text.hpp"

extern char** environ;

namespace newsgraph {
namespace {

using export_detail::dot_quoted;

using Vertex = Graph::vertex_descriptor;
using EdgeDesc = Graph::edge_descriptor;

// ---------------------------------------------------------------------------------------------
// Filters

/// `s` case-folded (full Unicode case folding) with surrounding white space removed, the key
/// --focus names are compared by.
std::string fold(std::string_view s) {
  const std::string clean = valid_utf8(s);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(clean.data(), static_cast<int32_t>(clean.size())));
  u.foldCase().trim();
  std::string out;
  u.toUTF8String(out);
  return out;
}

/// The names of up to three candidate nodes, for an error message.
std::string some_ids(const Graph& g, const std::vector<Vertex>& vs) {
  std::string out;
  for (std::size_t i = 0; i < vs.size() && i < 3; ++i) out += (i ? ", " : "") + g[vs[i]].id;
  if (vs.size() > 3) out += ", ...";
  return out;
}

/// The vertex `name` stands for: an exact id, else the one node whose label folds to it, else
/// the one node with such an alias. Throws RenderError when none or several match.
Vertex find_focus(const Graph& g, const std::string& name) {
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g)))
    if (g[v].id == name) return v;
  const std::string key = fold(name);
  std::vector<Vertex> by_label, by_alias;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    if (fold(n.label) == key) {
      by_label.push_back(v);
    } else if (std::any_of(n.aliases.begin(), n.aliases.end(),
                           [&](const std::string& a) { return fold(a) == key; })) {
      by_alias.push_back(v);
    }
  }
  for (const auto* found : {&by_label, &by_alias}) {
    if (found->size() == 1) return found->front();
    if (found->size() > 1)
      throw RenderError("focus '" + name + "' names " + std::to_string(found->size()) + " nodes (" +
                        some_ids(g, *found) + "); give the node id instead");
  }
  throw RenderError("focus '" + name + "': no node of the graph has this name, alias or id");
}

/// The number of kept edges at each vertex.
std::vector<std::size_t> degrees(const Graph& g, const std::vector<EdgeDesc>& edges,
                                 const std::vector<char>& edge_kept) {
  std::vector<std::size_t> deg(boost::num_vertices(g), 0);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!edge_kept[i]) continue;
    ++deg[boost::source(edges[i], g)];
    ++deg[boost::target(edges[i], g)];
  }
  return deg;
}

// ---------------------------------------------------------------------------------------------
// Styled DOT

/// Entity labels longer than this many code points are wrapped into lines of at most this.
constexpr std::size_t kLabelLine = 26;
/// Quotation labels are wrapped into lines of at most this many code points.
constexpr std::size_t kQuoteLine = 36;
/// The force-directed layouts route edges around nodes as splines up to this many nodes; the
/// routing's cost grows fast with the nodes (about 2 s for 200 nodes, 30 s for 800, minutes for
/// thousands), so larger drawings get straight edges.
constexpr std::size_t kSplineMaxNodes = 200;

/// `text` broken into lines of at most `width` code points at spaces (a longer word keeps a
/// line of its own), joined by '\n'. Runs of white space become one space.
std::string wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> words;
  std::string word;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.append(text.substr(start, pos - start));
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  const auto length = [](std::string_view s) {
    std::size_t n = 0;
    for (std::size_t p = 0; p < s.size(); ++n) next_code_point(s, p);
    return n;
  };
  std::string out;
  std::size_t line = 0;
  for (const std::string& w : words) {
    const std::size_t n = length(w);
    if (line > 0 && line + 1 + n > width) {
      out += '\n';
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += w;
    line += n;
  }
  return out;
}

/// The width in inches that the longest line of `text` takes at `points`, estimated from its
/// number of code points (0.6 em each, a little above Helvetica's average).
double text_inches(std::string_view text, double points) {
  std::size_t longest = 0, line = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (next_code_point(text, pos) == '\n') {
      line = 0;
    } else {
      longest = std::max(longest, ++line);
    }
  }
  return static_cast<double>(longest) * points * 0.6 / 72.0;
}

/// A decimal with two digits, independent of the C locale.
std::string fixed2(double x) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, 2);
  return std::string(buf, res.ptr);
}

/// 1 + log2(weight), at most 6: one statement draws a hairline, 32 or more the thickest line.
std::string penwidth(std::size_t weight) {
  const double w = weight <= 1 ? 1.0 : std::min(6.0, 1.0 + std::log2(static_cast<double>(weight)));
  return fixed2(w);
}

/// The kinds of edges the drawing tells apart by colour and line style.
enum class EdgeKind { Structural, Event, Said, CoMentioned };

EdgeKind edge_kind(RelationType r) {
  if (r == RelationType::Said) return EdgeKind::Said;
  if (r == RelationType::CoMentioned) return EdgeKind::CoMentioned;
  return cameo_root(r).empty() ? EdgeKind::Structural : EdgeKind::Event;
}

struct EdgeStyle {
  const char* color;
  const char* style;
  const char* legend;  ///< what the legend calls the kind
};

/// Structural relations (positions, membership, places) blue, events red, quotes grey and
/// dashed, co-mentions light grey and dotted.
EdgeStyle edge_style(EdgeKind k) {
  switch (k) {
    case EdgeKind::Structural:
      return {"#2b5c8a", "solid", "structure"};
    case EdgeKind::Event:
      return {"#b03a2e", "solid", "event"};
    case EdgeKind::Said:
      return {"#707070", "dashed", "said"};
    case EdgeKind::CoMentioned:
      return {"#a0a0a0", "dotted", "co-mentioned"};
  }
  return {"#000000", "solid", ""};
}

/// `s` as text of a Graphviz HTML-like label: valid UTF-8, with &, <, >, " and ' as entities
/// and control characters as spaces.
std::string html_label_text(std::string_view s) {
  using export_detail::MarkupControl;
  return export_detail::markup_text(s, {"&#39;", MarkupControl::Space, MarkupControl::Space,
                                        MarkupControl::Space, MarkupControl::Space, false});
}

/// The legend: one cell per node type present, in its fill colour, then one per edge kind
/// present, in its colour; empty when the graph is empty.
std::string legend(const Graph& g) {
  std::set<EntityType> types;
  std::set<EdgeKind> kinds;
  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) types.insert(g[v].type);
  for (const EdgeDesc e : boost::make_iterator_range(boost::edges(g))) kinds.insert(edge_kind(g[e].relation));
  if (types.empty()) return {};
  std::string out = "<<table border=\"0\" cellspacing=\"4\" cellpadding=\"4\"><tr>";
  for (const EntityType t : types) {
    const auto st = export_detail::node_style(t);
    out += "<td border=\"1\" bgcolor=\"";
    out += st.fill;
    out += "\">" + html_label_text(to_string(t)) + "</td>";
  }
  for (const EdgeKind k : kinds) {
    const EdgeStyle st = edge_style(k);
    out += "<td><font color=\"";
    out += st.color;
    out += "\">";
    out += k == EdgeKind::Structural ? "&#8594; " : k == EdgeKind::Event ? "&#8594; " : "&#8943; ";
    out += html_label_text(st.legend);
    out += "</font></td>";
  }
  out += "</tr></table>>";
  return out;
}

/// The label a node is drawn with.
std::string node_label(const Node& n, const RenderOptions& options) {
  if (n.type == EntityType::Quotation) {
    const std::string& text = n.quote.empty() ? n.label : n.quote;
    if (options.quotes == QuoteMode::Full) return wrap(text, kQuoteLine);
    return wrap(export_detail::shorten_text(text, std::max<std::size_t>(options.quote_chars, 1)), kQuoteLine);
  }
  return wrap(n.label.empty() ? n.id : n.label, kLabelLine);
}

/// The tooltip of a node: type and name, the other names, how often and where it is named.
std::string node_tooltip(const Node& n) {
  std::string out = std::string(to_string(n.type)) + ": " +
                    (n.type == EntityType::Quotation && !n.quote.empty() ? n.quote : n.label);
  if (!n.aliases.empty()) {
    out += "\nalso: ";
    for (std::size_t i = 0; i < n.aliases.size(); ++i) out += (i ? ", " : "") + n.aliases[i];
  }
  out += "\n" + std::to_string(n.mentions) + (n.mentions == 1 ? " mention" : " mentions") + " in " +
         std::to_string(n.articles.size()) + (n.articles.size() == 1 ? " article" : " articles");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running Graphviz

/// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

/// The path of the executable `name` in `dir`, or else in the first folder of $PATH that
/// holds one; empty when there is none.
std::string find_program(const std::string& name, const std::string& dir) {
  const auto executable = [](const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
  };
  std::vector<std::string> dirs;
  if (!dir.empty()) {
    dirs.push_back(dir);
  } else {
    const char* path = std::getenv("PATH");
    std::string_view rest = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
      const std::size_t colon = rest.find(':');
      const std::string_view part = rest.substr(0, colon);
      dirs.emplace_back(part.empty() ? "." : std::string(part));  // an empty entry is the current folder
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  for (const std::string& d : dirs) {
    const std::string candidate = d + (d.back() == '/' ? "" : "/") + name;
    if (executable(candidate)) return candidate;
  }
  return {};
}

/// The first non-empty line of `text`, trimmed, at most 300 bytes (on a code point boundary).
std::string first_line(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos) continue;
    const std::size_t b = line.find_last_not_of(" \t\r");
    const std::string clean = valid_utf8(line.substr(a, b - a + 1));
    return std::string(utf8_prefix_bytes(clean, 300));
  }
  return {};
}

[[noreturn]] void system_failure(const std::string& program, const char* what, int err) {
  throw RenderError("Graphviz '" + program + "': " + what + ": " + std::system_category().message(err));
}

}  // namespace

std::string_view to_string(Layout layout) {
  switch (layout) {
    case Layout::Auto:
      return "auto";
    case Layout::Dot:
      return "dot";
    case Layout::Sfdp:
      return "sfdp";
    case Layout::Neato:
      return "neato";
  }
  return "dot";
}

std::optional<Layout> layout_from_string(std::string_view s) {
  for (const Layout l : {Layout::Auto, Layout::Dot, Layout::Sfdp, Layout::Neato})
    if (to_string(l) == s) return l;
  return std::nullopt;
}

std::optional<QuoteMode> quote_mode_from_string(std::string_view s) {
  if (s == "none") return QuoteMode::None;
  if (s == "short") return QuoteMode::Short;
  if (s == "full") return QuoteMode::Full;
  return std::nullopt;
}

std::optional<RankBy> rank_by_from_string(std::string_view s) {
  if (s == "mentions") return RankBy::Mentions;
  if (s == "degree") return RankBy::Degree;
  return std::nullopt;
}

std::optional<ImageFormat> image_format_from_extension(const std::string& path) {
  const std::string ext = export_detail::lower_extension(path);
  if (ext == "svg") return ImageFormat::Svg;
  if (ext == "png") return ImageFormat::Png;
  if (ext == "pdf") return ImageFormat::Pdf;
  return std::nullopt;
}

std::string_view to_string(ImageFormat format) {
  switch (format) {
    case ImageFormat::Svg:
      return "svg";
    case ImageFormat::Png:
      return "png";
    case ImageFormat::Pdf:
      return "pdf";
  }
  return "svg";
}

Graph filter_graph(const Graph& g, const RenderOptions& options) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<EdgeDesc> edges;
  for (const EdgeDesc e : boost::make_iterator_range(boost::edges(g))) edges.push_back(e);

  // 1. Types and quotations.
  std::set<EntityType> types(options.types.begin(), options.types.end());
  if (types.empty())
    types = {EntityType::Person, EntityType::Organization, EntityType::Place, EntityType::Group};
  std::vector<char> keep(n, 0);
  for (Vertex v = 0; v < n; ++v) {
    const EntityType t = g[v].type;
    keep[v] = t == EntityType::Quotation ? options.quotes != QuoteMode::None : types.count(t) > 0;
  }
  // 2. Weights. An edge is kept while both its ends are.
  std::vector<char> edge_kept(edges.size(), 0);
  const auto update_edges = [&] {
    for (std::size_t i = 0; i < edges.size(); ++i)
      edge_kept[i] = keep[boost::source(edges[i], g)] && keep[boost::target(edges[i], g)] &&
                     g[edges[i]].weight >= options.min_weight;
  };
  update_edges();

  // 3. Focus: the nodes within `depth` edges of the focus, over the edges kept so far.
  std::optional<Vertex> focus;
  if (!options.focus.empty()) {
    focus = find_focus(g, options.focus);
    if (!keep[*focus])
      throw RenderError("focus '" + options.focus + "' is " + g[*focus].id + ", a " +
                        std::string(to_string(g[*focus].type)) +
                        ", which the type or quote filters leave out");
    std::vector<std::vector<Vertex>> adjacent(n);
    for (std::size_t i = 0; i < edges.size(); ++i) {
      if (!edge_kept[i]) continue;
      const Vertex s = boost::source(edges[i], g), t = boost::target(edges[i], g);
      adjacent[s].push_back(t);
      adjacent[t].push_back(s);
    }
    std::vector<std::size_t> distance(n, static_cast<std::size_t>(-1));
    std::deque<Vertex> queue{*focus};
    distance[*focus] = 0;
    while (!queue.empty()) {
      const Vertex v = queue.front();
      queue.pop_front();
      if (distance[v] >= options.depth) continue;
      for (const Vertex w : adjacent[v]) {
        if (distance[w] != static_cast<std::size_t>(-1)) continue;
        distance[w] = distance[v] + 1;
        queue.push_back(w);
      }
    }
    for (Vertex v = 0; v < n; ++v) keep[v] = keep[v] && distance[v] != static_cast<std::size_t>(-1);
    update_edges();
  }

  // 4. Nodes left without edges.
  std::vector<std::size_t> degree = degrees(g, edges, edge_kept);
  if (!options.keep_isolated) {
    for (Vertex v = 0; v < n; ++v)
      if (degree[v] == 0 && v != focus) keep[v] = 0;
  }

  // 5. Top nodes; the quotations follow their kept speakers.
  if (options.top > 0) {
    std::vector<Vertex> ranked;
    for (Vertex v = 0; v < n; ++v)
      if (keep[v] && g[v].type != EntityType::Quotation) ranked.push_back(v);
    const auto key = [&](Vertex v) { return options.top_by == RankBy::Degree ? degree[v] : g[v].mentions; };
    std::sort(ranked.begin(), ranked.end(), [&](Vertex a, Vertex b) {
      if (key(a) != key(b)) return key(a) > key(b);
      if (g[a].mentions != g[b].mentions) return g[a].mentions > g[b].mentions;
      return g[a].id != g[b].id ? g[a].id < g[b].id : a < b;
    });
    std::vector<char> top(n, 0);
    for (std::size_t i = 0; i < ranked.size() && i < options.top; ++i) top[ranked[i]] = 1;
    if (focus) top[*focus] = 1;
    for (std::size_t i = 0; i < edges.size(); ++i) {
      if (!edge_kept[i]) continue;
      const Vertex s = boost::source(edges[i], g), t = boost::target(edges[i], g);
      if (g[t].type == EntityType::Quotation && top[s]) top[t] = 1;
      if (g[s].type == EntityType::Quotation && top[t]) top[s] = 1;
    }
    for (Vertex v = 0; v < n; ++v) keep[v] = keep[v] && top[v];
    update_edges();
  }

  Graph out;
  out[boost::graph_bundle] = g[boost::graph_bundle];
  std::vector<Vertex> new_index(n, 0);
  for (Vertex v = 0; v < n; ++v)
    if (keep[v]) new_index[v] = boost::add_vertex(g[v], out);
  for (std::size_t i = 0; i < edges.size(); ++i)
    if (edge_kept[i])
      boost::add_edge(new_index[boost::source(edges[i], g)], new_index[boost::target(edges[i], g)],
                      g[edges[i]], out);
  return out;
}

Layout choose_layout(const Graph& g, Layout requested) {
  if (requested != Layout::Auto) return requested;
  return boost::num_vertices(g) > kDotMaxNodes ? Layout::Sfdp : Layout::Dot;
}

void write_render_dot(std::ostream& out, const Graph& g, const RenderOptions& options, Layout layout) {
  if (layout == Layout::Auto) layout = choose_layout(g, layout);
  out << "digraph newsgraph {\n"
         "  graph [charset=\"UTF-8\", fontname=\"Helvetica\", fontsize=12, pad=0.3, outputorder=edgesfirst";
  const std::string key = legend(g);
  if (!key.empty()) out << ", labelloc=b, labeljust=l, label=" << key;
  if (layout == Layout::Dot) {
    out << ", rankdir=LR, nodesep=0.25, ranksep=0.7, splines=true";
  } else {
    // prism removes node overlaps while keeping the layout's shape; sep and esep keep a margin
    // around nodes and edge labels.
    out << ", overlap=prism, overlap_shrink=false, sep=\"+12\", esep=\"+6\", splines="
        << (boost::num_vertices(g) <= kSplineMaxNodes ? "true" : "false");
    if (layout == Layout::Sfdp) out << ", K=1.2";
  }
  out << "];\n"
         "  node [style=filled, fontname=\"Helvetica\", fontsize=12, color=\"#4d4d4d\", penwidth=0.8, "
         "margin=\"0.12,0.05\"];\n"
         "  edge [fontname=\"Helvetica\", fontsize=10, fontcolor=\"#333333\", arrowsize=0.7];\n";

  for (const Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const Node& n = g[v];
    const auto st = export_detail::node_style(n.type);
    out << "  " << dot_quoted(n.id) << " [shape=" << st.shape << ", fillcolor=\"" << st.fill
        << "\", label=" << dot_quoted(node_label(n, options)) << ", tooltip=" << dot_quoted(node_tooltip(n));
    if (n.type == EntityType::Quotation) out << ", fontsize=10";
    out << "];\n";
  }

  for (const EdgeDesc e : boost::make_iterator_range(boost::edges(g))) {
    const Edge& ed = g[e];
    const EdgeStyle st = edge_style(edge_kind(ed.relation));
    std::string label(to_string(ed.relation));
    if (ed.relation == RelationType::HoldsPosition && !ed.title.empty())
      label += "\n" + wrap(ed.title, kLabelLine);
    const std::string tooltip = std::string(to_string(ed.relation)) + ": " + std::to_string(ed.weight) +
                                (ed.weight == 1 ? " statement" : " statements") + " in " +
                                std::to_string(ed.articles) + (ed.articles == 1 ? " article" : " articles");
    out << "  " << dot_quoted(g[boost::source(e, g)].id) << " -> " << dot_quoted(g[boost::target(e, g)].id)
        << " [label=" << dot_quoted(label) << ", color=\"" << st.color << "\", style=" << st.style
        << ", penwidth=" << penwidth(ed.weight) << ", tooltip=" << dot_quoted(tooltip);
    if (layout == Layout::Neato) {
      // neato makes an edge `len` inches long from centre to centre: room for half of each
      // node, the label and a margin, so that the label does not cover either end.
      const auto half_node = [&](const Node& n) {
        return text_inches(node_label(n, options), n.type == EntityType::Quotation ? 10 : 12) / 2 + 0.2;
      };
      const double len = half_node(g[boost::source(e, g)]) + half_node(g[boost::target(e, g)]) +
                         text_inches(label, 10) + 0.15;
      out << ", len=" << fixed2(std::max(1.0, len));
    }
    if (is_symmetric(ed.relation)) out << ", dir=none";
    out << "];\n";
  }

  // In the layered layout, nodes without edges (kept by keep_isolated or the focus) go in rows.
  if (layout == Layout::Dot) export_detail::write_isolated_rows(out, g);
  out << "}\n";
}

std::string run_graphviz(const std::string& dot, Layout layout, ImageFormat format,
                         const std::string& graphviz_dir) {
  if (layout == Layout::Auto) layout = Layout::Dot;
  const std::string program(to_string(layout));
  const std::string path = find_program(program, graphviz_dir);
  if (path.empty()) throw RenderError("Graphviz '" + program + "' not found; install the graphviz package");

  // stdin is a socket, so that writing to a program that has already exited gives EPIPE
  // (send with MSG_NOSIGNAL) instead of a SIGPIPE that would end this process.
  int in_pair[2], out_pipe[2], err_pipe[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0)
    system_failure(program, "socketpair", errno);
  Fd in_parent(in_pair[0]), in_child(in_pair[1]);
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) system_failure(program, "pipe", errno);
  Fd out_parent(out_pipe[0]), out_child(out_pipe[1]);
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) system_failure(program, "pipe", errno);
  Fd err_parent(err_pipe[0]), err_child(err_pipe[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_child.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_child.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_child.get(), STDERR_FILENO);
  const std::string format_arg = "-T" + std::string(to_string(format));
  std::vector<char*> argv{const_cast<char*>(path.c_str()), const_cast<char*>(format_arg.c_str()), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) system_failure(program, "cannot start", spawned);
  in_child.reset();
  out_child.reset();
  err_child.reset();

  // Feed stdin and drain stdout and stderr at once, so that neither side blocks on a full pipe.
  std::string output, errors;
  std::size_t written = 0;
  if (dot.empty()) in_parent.reset();
  for (int fd : {in_parent.get(), out_parent.get(), err_parent.get()})
    if (fd >= 0) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  int io_error = 0;
  while (out_parent.get() >= 0 || err_parent.get() >= 0) {
    pollfd fds[3];
    nfds_t count = 0;
    for (int fd : {in_parent.get(), out_parent.get(), err_parent.get()})
      if (fd >= 0) fds[count++] = {fd, static_cast<short>(fd == in_parent.get() ? POLLOUT : POLLIN), 0};
    if (::poll(fds, count, -1) < 0) {
      if (errno == EINTR) continue;
      io_error = errno;
      break;
    }
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) continue;
      const int fd = fds[i].fd;
      if (fd == in_parent.get()) {
        const ssize_t w = ::send(fd, dot.data() + written, dot.size() - written, MSG_NOSIGNAL);
        if (w > 0) written += static_cast<std::size_t>(w);
        // Done, or the program stopped reading (it will report why on stderr).
        if (written == dot.size() || (w < 0 && errno != EAGAIN && errno != EINTR)) in_parent.reset();
        continue;
      }
      char buf[1 << 16];
      const ssize_t r = ::read(fd, buf, sizeof buf);
      if (r > 0) {
        std::string& into = fd == out_parent.get() ? output : errors;
        // Keep only the start of stderr: the message wanted is its first line.
        if (&into == &output || into.size() < (1u << 16)) into.append(buf, static_cast<std::size_t>(r));
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (fd == out_parent.get())
          out_parent.reset();
        else
          err_parent.reset();
      }
    }
  }
  in_parent.reset();
  out_parent.reset();
  err_parent.reset();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) system_failure(program, "waitpid", errno);
  }
  if (io_error != 0) system_failure(program, "poll", io_error);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string why = first_line(errors);
    if (why.empty())
      why = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                              : "killed by signal " + std::to_string(WTERMSIG(status));
    throw RenderError("Graphviz '" + program + "' failed: " + why);
  }
  if (output.empty()) throw RenderError("Graphviz '" + program + "' wrote nothing");
  return output;
}

std::string render_graph(const Graph& g, const RenderOptions& options, ImageFormat format) {
  const Graph drawn = filter_graph(g, options);
  const Layout layout = choose_layout(drawn, options.layout);
  std::ostringstream dot;
  write_render_dot(dot, drawn, options, layout);
  return run_graphviz(dot.str(), layout, format, options.graphviz_dir);
}

}  // namespace newsgraph
