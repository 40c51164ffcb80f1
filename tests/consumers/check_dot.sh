#!/usr/bin/env bash
# Renders a DOT file with Graphviz `dot -Tsvg` and fails on any error or warning; reads the
# nodes' link attributes (wikidata, lat, lon) back through `dot -Tjson0`.
# Usage: check_dot.sh FILE [EXPECTED_NODES [EXPECTED_EDGES]]
# With the counts, the SVG must hold exactly that many node and edge groups, which shows
# that no escaped string broke a statement apart or merged two.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
  echo "usage: check_dot.sh FILE [EXPECTED_NODES [EXPECTED_EDGES]]" >&2
  exit 2
fi
file=$1
if ! command -v dot >/dev/null 2>&1; then
  echo "check_dot: graphviz 'dot' is not installed (scripts/setup.sh installs it)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! dot -Tsvg "$file" -o "$work/out.svg" 2>"$work/err"; then
  echo "check_dot: dot failed on $file:" >&2
  cat "$work/err" >&2
  exit 1
fi
if [ -s "$work/err" ]; then
  echo "check_dot: dot reported problems with $file:" >&2
  cat "$work/err" >&2
  exit 1
fi

nodes=$(grep -c 'class="node"' "$work/out.svg" || true)
edges=$(grep -c 'class="edge"' "$work/out.svg" || true)
if [ $# -ge 2 ] && [ "$nodes" != "$2" ]; then
  echo "check_dot: $file renders $nodes nodes, expected $2" >&2
  exit 1
fi
if [ $# -ge 3 ] && [ "$edges" != "$3" ]; then
  echo "check_dot: $file renders $edges edges, expected $3" >&2
  exit 1
fi
# The links as Graphviz reads them (-Tjson0: every node's attributes): lat and lon come in
# pairs of numbers within range, and the counts of linked nodes are printed.
links=$(dot -Tjson0 "$file" | /usr/bin/python3 -c '
import json, sys
def fail(msg):
    print(msg)
    sys.exit(1)
doc = json.load(sys.stdin)
ids = located = 0
for o in doc.get("objects", []):
    ids += 1 if o.get("wikidata") else 0
    name, lat, lon = o.get("name"), o.get("lat", ""), o.get("lon", "")
    if bool(lat) != bool(lon):
        fail(f"node {name!r}: lat {lat!r} and lon {lon!r} do not come in a pair")
    if lat:
        if not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
            fail(f"node {name!r}: lat {lat!r}, lon {lon!r} out of range")
        located += 1
print(f"{ids} with wikidata, {located} with lat/lon")') || {
  echo "check_dot: $file: $links" >&2
  exit 1
}
echo "check_dot: $file: $nodes nodes, $edges edges rendered, $links: ok"
