#!/usr/bin/env bash
# Renders a DOT file with Graphviz `dot -Tsvg` and fails on any error or warning.
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
echo "check_dot: $file: $nodes nodes, $edges edges rendered: ok"
