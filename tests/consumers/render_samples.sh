#!/usr/bin/env bash
# Draws the sample articles (and the seed story of ../shared/seeds, when present) with
# `newsgraph render` and checks that the drawings are legible: check_render.py finds no two
# overlapping nodes, no edge label over a node or another label, a drawing that fits on one
# screen (viewBox within 2000x1400 points) and no text below 8 points. The number of nodes
# drawn must be what the default filters leave, counted here from the JSON: every node except
# quotations that has an edge to another node that is not a quotation. A PNG is drawn as well.
# Usage: render_samples.sh NEWSGRAPH_BIN SOURCE_DIR OUT_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: render_samples.sh NEWSGRAPH_BIN SOURCE_DIR OUT_DIR" >&2
  exit 2
fi
bin=$1
src=$(cd "$2" && pwd)
out=$3
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3

mkdir -p "$out"
sets=("samples:$src/samples")
if [ -d "$src/../shared/seeds" ]; then
  sets+=("seeds:$src/../shared/seeds")
else
  echo "render_samples: $src/../shared/seeds is missing; drawing the samples only"
fi

for set in "${sets[@]}"; do
  name=${set%%:*}
  dir=${set#*:}
  rm -f "$out/$name".{json,svg,png}
  "$bin" build --quiet "$dir" -o "$out/$name.json"
  "$bin" render --quiet "$out/$name.json" -o "$out/$name.svg" -o "$out/$name.png"
  expected=$("$python" -c '
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
kind = {n["id"]: n["type"] for n in g["nodes"]}
linked = set()
for e in g["edges"]:
    if kind[e["source"]] != "Quotation" and kind[e["target"]] != "Quotation":
        linked.update((e["source"], e["target"]))
print(len(linked))' "$out/$name.json")
  "$python" "$here/check_render.py" "$out/$name.svg" --expect-nodes "$expected"
  if [ "$(head -c 8 "$out/$name.png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    echo "render_samples: $out/$name.png is not a PNG" >&2
    exit 1
  fi
done
echo "render_samples: ok"
