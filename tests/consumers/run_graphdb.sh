#!/usr/bin/env bash
# Builds the graph of INPUT with the newsgraph CLI as plain JSON, JSON-LD, Cypher for Neo4j and
# Kùzu, and Neo4j admin-import CSV, then loads it into the graph databases: Kùzu
# (check_kuzu.mjs), Oxigraph (check_oxigraph.mjs), rdflib (check_rdflib.py), Neo4j's Cypher front end
# (check_cypher_neo4j.mjs, one statement of each shape linted) and the importer's CSV rules
# (check_neo4j_csv.py), each compared with the plain JSON. QUESTION options (--who-met NAME, --positions-in NAME, --expect-met A=B,
# --expect-position A=B) go to the Kùzu and Oxigraph checks, which answer them with Cypher and
# SPARQL and compare with the answers computed from the JSON.
# Usage: run_graphdb.sh [--skip-if-missing] NEWSGRAPH_BIN INPUT OUT_DIR [QUESTION...]
# With --skip-if-missing a missing INPUT exits 77 (CTest's skip code) with a message.
set -euo pipefail

skip_if_missing=0
if [ "${1:-}" = "--skip-if-missing" ]; then
  skip_if_missing=1
  shift
fi
if [ $# -lt 3 ]; then
  echo "usage: run_graphdb.sh [--skip-if-missing] NEWSGRAPH_BIN INPUT OUT_DIR [QUESTION...]" >&2
  exit 2
fi
bin=$1
input=$2
out=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -e "$input" ]; then
  if [ "$skip_if_missing" = 1 ]; then
    echo "run_graphdb: $input is missing: skipped"
    exit 77
  fi
  echo "run_graphdb: $input is missing" >&2
  exit 1
fi

mkdir -p "$out/csv"
rm -f "$out"/graph.{json,jsonld,cypher,kuzu.cypher} "$out"/csv/*.csv
"$bin" build "$input" -o "$out/graph.json" -o "$out/graph.jsonld" -o "$out/graph.cypher" \
  -o "$out/graph.kuzu.cypher" --neo4j-csv "$out/csv"
node "$here/check_kuzu.mjs" "$out/graph.kuzu.cypher" --json "$out/graph.json" "$@"
node "$here/check_oxigraph.mjs" "$out/graph.jsonld" --json "$out/graph.json" "$@"
/usr/bin/python3 "$here/check_rdflib.py" "$out/graph.jsonld" --json "$out/graph.json"
# The golden files' tests lint every statement; here one per shape (see check_cypher_neo4j.mjs).
node "$here/check_cypher_neo4j.mjs" "$out/graph.cypher" --json "$out/graph.json" --lint shapes
/usr/bin/python3 "$here/check_neo4j_csv.py" "$out/csv/nodes.csv" "$out/csv/relationships.csv" --json "$out/graph.json"
