// Format names and extensions, and writing files atomically.
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "newsgraph/export/export.hpp"
#include "newsgraph/export/neo4j_csv.hpp"
#include "newsgraph/render/outputs.hpp"
#include "support/export_fixtures.hpp"

namespace {

using newsgraph::Format;
using newsgraph::OutputError;

/// A fresh empty directory under the system temp dir, removed (with its files) on scope exit.
struct TempDir {
  std::string path;
  TempDir() {
    std::string tmpl = (std::getenv("TMPDIR") ? std::string(std::getenv("TMPDIR")) : std::string("/tmp")) +
                       "/newsgraph-export-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    for (const auto& name : entries()) {
      const std::string p = path + "/" + name;
      ::rmdir(p.c_str());
      ::unlink(p.c_str());
    }
    ::rmdir(path.c_str());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::set<std::string> entries() const {
    std::set<std::string> out;
    if (DIR* d = ::opendir(path.c_str())) {
      while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name != "." && name != "..") out.insert(name);
      }
      ::closedir(d);
    }
    return out;
  }
};

bool exists(const std::string& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0;
}

}  // namespace

TEST_CASE("format_from_extension ignores case and looks at the last extension only, or .kuzu.cypher",
          "[export]") {
  const std::pair<std::string, std::optional<Format>> rows[] = {
      {"graph.dot", Format::Dot},
      {"GRAPH.DOT", Format::Dot},
      {"graph.gv", Format::Dot},
      {"out/graph.Gv", Format::Dot},
      {"graph.graphml", Format::GraphML},
      {"a/b/c.GraphML", Format::GraphML},
      {"graph.jsonld", Format::JsonLd},
      {"graph.JSONLD", Format::JsonLd},
      {"graph.json", Format::Json},
      {"graph.Json", Format::Json},
      {"archive.tar.json", Format::Json},
      {"graph.json.tmp", std::nullopt},
      {"graph.json-ld", std::nullopt},
      {"graph.xml", std::nullopt},
      {"graph", std::nullopt},
      {"graph.", std::nullopt},
      {"", std::nullopt},
      {".json", std::nullopt},
      {"dir/.dot", std::nullopt},
      {"dir.json/graph", std::nullopt},
      {"dir.json/", std::nullopt},
      {"graph .json", Format::Json},
      {"gr\xc3\xa4ph.dot", Format::Dot},
      {"report.html", Format::Html},
      {"out/Report.HTM", Format::Html},
      {"report.xhtml", std::nullopt},
      {"graph.svg", std::nullopt},
      {"graph.cypher", Format::Cypher},
      {"out/GRAPH.Cypher", Format::Cypher},
      {"graph.kuzu.cypher", Format::KuzuCypher},
      {"a.b/graph.KUZU.cypher", Format::KuzuCypher},
      {"kuzu.cypher", Format::Cypher},
      {"dir/kuzu.cypher", Format::Cypher},
      {"dir/.kuzu.cypher", Format::Cypher},
      {"graph.kuzu", std::nullopt},
      {"graph.kuzu.cypher.tmp", std::nullopt},
      {"graph.cypher.kuzu", std::nullopt},
      {"dir.kuzu/graph.cypher", Format::Cypher},
      {"graph.xkuzu.cypher", Format::Cypher},
  };
  for (const auto& [path, expected] : rows) {
    INFO("path '" << path << "'");
    CHECK(newsgraph::format_from_extension(path) == expected);
  }
}

TEST_CASE("format_from_name knows each format's names", "[export]") {
  const std::pair<std::string, std::optional<Format>> rows[] = {
      {"dot", Format::Dot},         {"gv", Format::Dot},          {"DOT", Format::Dot},
      {"graphml", Format::GraphML}, {"GraphML", Format::GraphML}, {"jsonld", Format::JsonLd},
      {"json-ld", Format::JsonLd},  {"JSON-LD", Format::JsonLd},  {"json", Format::Json},
      {"", std::nullopt},           {"xml", std::nullopt},        {" json", std::nullopt},
      {"json ", std::nullopt},      {".json", std::nullopt},      {"jsonl", std::nullopt},
      {"html", Format::Html},       {"HTML", Format::Html},       {"htm", std::nullopt},
      {"cypher", Format::Cypher},   {"Cypher", Format::Cypher},   {"kuzu", Format::KuzuCypher},
      {"KUZU", Format::KuzuCypher}, {"cql", std::nullopt},        {"kuzu.cypher", std::nullopt},
      {"neo4j", std::nullopt},
  };
  for (const auto& [name, expected] : rows) {
    INFO("name '" << name << "'");
    CHECK(newsgraph::format_from_name(name) == expected);
  }
}

TEST_CASE("write_file_atomically writes the whole content and leaves nothing else", "[export][file]") {
  TempDir dir;
  const std::string path = dir.path + "/graph.json";
  newsgraph::write_file_atomically(path, [](std::ostream& out) { out << "first"; });
  CHECK(export_test::read_file(path) == "first");
  // Overwrites, with content larger than any internal buffer.
  const std::string big(300000, 'x');
  newsgraph::write_file_atomically(path, [&](std::ostream& out) {
    out << big;
    out << '\n';
  });
  CHECK(export_test::read_file(path) == big + "\n");
  CHECK(dir.entries() == std::set<std::string>{"graph.json"});

  // A real graph through write_graph.
  const std::string dot = dir.path + "/g.dot";
  const auto g = export_test::small_graph();
  newsgraph::write_file_atomically(dot,
                                   [&](std::ostream& out) { newsgraph::write_graph(out, g, Format::Dot); });
  std::ostringstream expected;
  newsgraph::write_graph(expected, g, Format::Dot);
  CHECK(export_test::read_file(dot) == expected.str());
  CHECK(dir.entries() == std::set<std::string>{"g.dot", "graph.json"});
}

TEST_CASE("write_file_atomically fails cleanly when the directory does not exist", "[export][file]") {
  TempDir dir;
  const std::string missing = dir.path + "/no/such/dir/graph.dot";
  CHECK_THROWS_AS(newsgraph::write_file_atomically(missing, [](std::ostream& out) { out << "x"; }),
                  OutputError);
  try {
    newsgraph::write_file_atomically(missing, [](std::ostream& out) { out << "x"; });
    FAIL("no exception");
  } catch (const OutputError& e) {
    CHECK(std::string(e.what()) == missing + ": cannot write: No such file or directory");
  }
  CHECK_FALSE(exists(dir.path + "/no"));
  CHECK(dir.entries().empty());
}

TEST_CASE("write_file_atomically leaves no partial file behind", "[export][file]") {
  TempDir dir;
  const std::string path = dir.path + "/graph.graphml";

  SECTION("the writer throws: its exception passes, the old file stays") {
    newsgraph::write_file_atomically(path, [](std::ostream& out) { out << "old content"; });
    CHECK_THROWS_AS(newsgraph::write_file_atomically(path,
                                                     [](std::ostream& out) {
                                                       out << std::string(100000, 'n');
                                                       throw std::runtime_error("writer failed");
                                                     }),
                    std::runtime_error);
    CHECK(export_test::read_file(path) == "old content");
    CHECK(dir.entries() == std::set<std::string>{"graph.graphml"});
  }
  SECTION("the target is a directory: refused before writing") {
    REQUIRE(::mkdir(path.c_str(), 0755) == 0);
    CHECK_THROWS_AS(newsgraph::write_file_atomically(path, [](std::ostream& out) { out << "x"; }),
                    OutputError);
    CHECK(dir.entries() == std::set<std::string>{"graph.graphml"});
  }
  SECTION("the stream fails inside the writer") {
    CHECK_THROWS_AS(newsgraph::write_file_atomically(path,
                                                     [](std::ostream& out) {
                                                       out << "partial";
                                                       out.setstate(std::ios::badbit);
                                                     }),
                    OutputError);
    CHECK_FALSE(exists(path));
    CHECK(dir.entries().empty());
  }
  SECTION("an empty path is an error") {
    CHECK_THROWS_AS(newsgraph::write_file_atomically("", [](std::ostream& out) { out << "x"; }), OutputError);
  }
}

TEST_CASE("write_files_atomically renames nothing unless every file is written", "[export][file]") {
  TempDir dir;
  const std::string a = dir.path + "/nodes.csv";
  const std::string b = dir.path + "/relationships.csv";
  newsgraph::write_files_atomically(
      {{a, [](std::ostream& out) { out << "old a"; }}, {b, [](std::ostream& out) { out << "old b"; }}});
  CHECK(export_test::read_file(a) == "old a");
  CHECK(export_test::read_file(b) == "old b");

  SECTION("the second writer throws: both files stay as they were") {
    CHECK_THROWS_AS(newsgraph::write_files_atomically({{a, [](std::ostream& out) { out << "new a"; }},
                                                       {b,
                                                        [](std::ostream& out) {
                                                          out << "half";
                                                          throw std::runtime_error("writer failed");
                                                        }}}),
                    std::runtime_error);
    CHECK(export_test::read_file(a) == "old a");
    CHECK(export_test::read_file(b) == "old b");
    CHECK(dir.entries() == std::set<std::string>{"nodes.csv", "relationships.csv"});
  }
  SECTION("the second file cannot be created: the first stays as it was") {
    const std::string missing = dir.path + "/no/relationships.csv";
    CHECK_THROWS_AS(newsgraph::write_files_atomically({{a, [](std::ostream& out) { out << "new a"; }},
                                                       {missing, [](std::ostream& out) { out << "x"; }}}),
                    OutputError);
    CHECK(export_test::read_file(a) == "old a");
    CHECK(dir.entries() == std::set<std::string>{"nodes.csv", "relationships.csv"});
  }
  SECTION("both written: both replaced") {
    newsgraph::write_files_atomically(
        {{a, [](std::ostream& out) { out << "new a"; }}, {b, [](std::ostream& out) { out << "new b"; }}});
    CHECK(export_test::read_file(a) == "new a");
    CHECK(export_test::read_file(b) == "new b");
    CHECK(dir.entries() == std::set<std::string>{"nodes.csv", "relationships.csv"});
  }
}

TEST_CASE("write_neo4j_csv writes both files into an existing directory", "[export][file][neo4j-csv]") {
  TempDir dir;
  const auto g = export_test::small_graph();
  newsgraph::write_neo4j_csv(dir.path, g);
  std::ostringstream nodes, rels;
  newsgraph::write_neo4j_nodes_csv(nodes, g);
  newsgraph::write_neo4j_relationships_csv(rels, g);
  CHECK(export_test::read_file(dir.path + "/nodes.csv") == nodes.str());
  CHECK(export_test::read_file(dir.path + "/relationships.csv") == rels.str());
  CHECK(dir.entries() == std::set<std::string>{"nodes.csv", "relationships.csv"});
  // Again, the directory named with a trailing slash.
  newsgraph::write_neo4j_csv(dir.path + "/", g);
  CHECK(export_test::read_file(dir.path + "/nodes.csv") == nodes.str());

  // Like the folder of an -o file, the directory is not created.
  const std::string missing = dir.path + "/no/csv";
  try {
    newsgraph::write_neo4j_csv(missing, g);
    FAIL("no exception");
  } catch (const OutputError& e) {
    CHECK(std::string(e.what()) == missing + "/nodes.csv: cannot write: No such file or directory");
  }
  CHECK(dir.entries() == std::set<std::string>{"nodes.csv", "relationships.csv"});
}
