#!/usr/bin/env bash
# Builds the graph of a folder of articles with the newsgraph CLI in all four formats and
# feeds each file to its consumer: Graphviz dot, NetworkX and jsonld.js. The node and edge
# counts of the plain JSON are what every other format must show.
# Usage: run_samples.sh NEWSGRAPH_BIN SAMPLES_DIR OUT_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: run_samples.sh NEWSGRAPH_BIN SAMPLES_DIR OUT_DIR" >&2
  exit 2
fi
bin=$1
samples=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3

mkdir -p "$out"
rm -f "$out"/samples.{dot,graphml,jsonld,json}
"$bin" build "$samples" -o "$out/samples.dot" -o "$out/samples.graphml" -o "$out/samples.jsonld" \
  -o "$out/samples.json"
for ext in dot graphml jsonld json; do
  if [ ! -s "$out/samples.$ext" ]; then
    echo "run_samples: $bin wrote no $out/samples.$ext" >&2
    exit 1
  fi
done

read -r nodes edges < <("$python" -c '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
print(len(doc["nodes"]), len(doc["edges"]))' "$out/samples.json")
echo "run_samples: $samples gives $nodes nodes, $edges edges"

bash "$here/check_dot.sh" "$out/samples.dot" "$nodes" "$edges"
"$python" "$here/check_graphml.py" "$out/samples.graphml" --expect-nodes "$nodes" --expect-edges "$edges" \
  --json "$out/samples.json"
node "$here/check_jsonld.mjs" "$out/samples.jsonld" --expect-nodes "$nodes" --expect-relations "$edges"
