#include "newsgraph/render/outputs.hpp"

#include "newsgraph/export/cypher.hpp"
#include "newsgraph/export/dot.hpp"
#include "newsgraph/export/graphml.hpp"
#include "newsgraph/export/json.hpp"
#include "newsgraph/export/jsonld.hpp"
#include "newsgraph/render/report.hpp"

namespace newsgraph {

void write_graph(std::ostream& out, const Graph& g, Format format,
                 const std::vector<ArticleResult>* sources) {
  switch (format) {
    case Format::Dot:
      write_dot(out, g);
      return;
    case Format::GraphML:
      write_graphml(out, g);
      return;
    case Format::JsonLd:
      write_jsonld(out, g);
      return;
    case Format::Json:
      write_json(out, g, sources);
      return;
    case Format::Html:
      write_html(out, g);
      return;
    case Format::Cypher:
      write_cypher(out, g, CypherDialect::Neo4j);
      return;
    case Format::KuzuCypher:
      write_cypher(out, g, CypherDialect::Kuzu);
      return;
  }
}

}  // namespace newsgraph
