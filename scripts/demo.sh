#!/usr/bin/env bash
# Builds newsgraph (Release) and turns the sample articles into a graph in every format (the
# graph-database ones included), plus an SVG drawing and an HTML report, under out/. Safe to
# run again: every step is idempotent.
# NEWSGRAPH_BUILD_DIR overrides the build folder (default build/).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEWSGRAPH_BUILD_DIR:-build}

bash scripts/setup.sh
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build_dir" -j"$(nproc)"

mkdir -p out/neo4j-csv
"$build_dir/newsgraph" build samples/ \
  -o out/samples.dot -o out/samples.graphml -o out/samples.jsonld -o out/samples.json \
  -o out/samples.html -o out/samples.cypher -o out/samples.kuzu.cypher --neo4j-csv out/neo4j-csv \
  --mentions out/samples.mentions.jsonl
"$build_dir/newsgraph" render out/samples.json -o out/samples.svg

if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi
"$py" - out/samples.json out/samples.mentions.jsonl <<'PY'
import collections, json, sys

graph = json.load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], encoding="utf-8") as f:
    mentions = sum(1 for line in f if line.strip())
nodes = collections.Counter(n.get("type", "?") for n in graph["nodes"])
edges = collections.Counter(e.get("relation", "?") for e in graph["edges"])
print()
print(f"newsgraph demo: {len(graph.get('articles', []))} articles, {mentions} mentions")
print(f"  {len(graph['nodes'])} nodes: " + ", ".join(f"{k} {v}" for k, v in sorted(nodes.items())))
print(f"  {len(graph['edges'])} edges: " + ", ".join(f"{k} {v}" for k, v in sorted(edges.items())))
PY
cat <<EOF
  outputs:
    out/samples.dot              Graphviz
    out/samples.svg              drawing (newsgraph render)
    out/samples.html             report: drawing, entities, relations with their sentences
    out/samples.graphml          GraphML (Neo4j, NetworkX, Gephi, yEd)
    out/samples.jsonld           JSON-LD (schema.org)
    out/samples.json             plain JSON
    out/samples.cypher           Cypher for Neo4j (cypher-shell -f)
    out/samples.kuzu.cypher      Cypher for Kuzu (schema and data)
    out/neo4j-csv/               nodes.csv, relationships.csv for neo4j-admin database import
    out/samples.mentions.jsonl   one line per resolved mention
EOF
