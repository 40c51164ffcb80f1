#!/usr/bin/env bash
# End-to-end checks of `newsgraph render`, build --render and HTML reports, with and without
# Graphviz: output formats, filters, errors that leave no file behind, usage errors.
#
# Usage: render.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

echo "# render and reports"
run build "$samples" -o "$work/g.json"
expect_rc "build the graph to draw" 0
# A file name with spaces and both kinds of quotes: Graphviz never sees it (no shell either).
odd_name="$work/drawn \"it\" 'now'.svg"
run render "$work/g.json" -o "$odd_name"
expect_rc "render to a file name with spaces and quotes" 0
if grep -q '<svg' "$odd_name" 2>/dev/null; then pass "render wrote an SVG"; else fail "render wrote no SVG to $odd_name"; fi
rm -f "$odd_name"
run render "$work/g.json" -o "$work/g.png" -o "$work/g.pdf" -o "$work/g.html" -o "$work/g.dot" -o "$work/g.svg"
expect_rc "render to PNG, PDF, HTML, DOT and SVG at once" 0
magic() { head -c "$2" "$1" | od -An -tx1 | tr -d ' \n'; }
if [ "$(magic "$work/g.png" 8)" = "89504e470d0a1a0a" ] && [ "$(magic "$work/g.pdf" 5)" = "255044462d" ] &&
  head -c 15 "$work/g.html" | grep -q '<!DOCTYPE html>' && head -c 20 "$work/g.dot" | grep -q '^digraph'; then
  pass "each render output has its format"
else
  fail "a render output has the wrong format"
fi
for ext in svg html dot; do cp "$work/g.$ext" "$work/first.$ext"; done
run render "$work/g.json" -o "$work/g.svg" -o "$work/g.html" -o "$work/g.dot"
for ext in svg html dot; do expect_same "render .$ext twice: identical" "$work/g.$ext" "$work/first.$ext"; done
run build "$samples" --render "$work/b.dot" -o "$work/b.html" --threads 1
expect_rc "build --render and -o .html" 0
expect_same "build --render FILE.dot equals render of the JSON" "$work/b.dot" "$work/g.dot"
run render "$work/g.json" --articles "$samples" -o "$work/g2.html"
expect_same "build -o .html equals render --articles of the same articles" "$work/b.html" "$work/g2.html"
if grep -q '<mark class="src">' "$work/g2.html" && ! grep -q '<mark class="src">' "$work/g.html"; then
  pass "the report quotes evidence sentences when it has the articles"
else
  fail "evidence sentences: quoted without the articles, or not quoted with them"
fi
run build "$samples" -f html
expect_same "build -f html on stdout equals -o .html" "$work/stdout" "$work/b.html"
rm -f "$work"/first.* "$work"/b.* "$work/g2.html" "$work"/g.{png,pdf,svg}

nodes_in() { grep -c ' \[shape=' "$1"; }
all_nodes=$(nodes_in "$work/g.dot")
run render "$work/g.json" --focus "VLADIMIR putin" --depth 1 -o "$work/f.dot"
expect_rc "--focus by name, any case" 0
if grep -q '"person/vladimir-putin" \[shape' "$work/f.dot" && [ "$(nodes_in "$work/f.dot")" -lt "$all_nodes" ] &&
  ! grep -q '"place/paris"' "$work/f.dot"; then
  pass "--focus draws the neighbourhood only"
else
  fail "--focus drew $(nodes_in "$work/f.dot") of $all_nodes nodes"
fi
run render "$work/g.json" --types person,Organization -o "$work/f.dot"
if [ "$rc" -eq 0 ] && ! grep -q '"place/' "$work/f.dot" && grep -q '"person/' "$work/f.dot"; then
  pass "--types leaves the other types out"
else
  fail "--types person,organization: exit $rc or places drawn"
fi
run render "$work/g.json" --quotes short --quote-chars 20 -o "$work/f.dot"
if grep -q '"quotation/' "$work/f.dot" && ! grep -q '"quotation/' "$work/g.dot"; then
  pass "--quotes short draws quotations, left out by default"
else
  fail "--quotes short: quotations missing, or drawn by default"
fi
run render "$work/g.json" --top 3 -o "$work/f.dot"
if [ "$(nodes_in "$work/f.dot")" -eq 3 ]; then pass "--top 3 draws three nodes"; else fail "--top 3 drew $(nodes_in "$work/f.dot")"; fi
run render "$work/g.json" --min-weight 2 --keep-isolated -o "$work/f.dot"
if [ "$rc" -eq 0 ] && [ "$(grep -c -- ' -> .*label=' "$work/f.dot")" -lt "$(grep -c -- ' -> .*label=' "$work/g.dot")" ] &&
  [ "$(nodes_in "$work/f.dot")" -gt "$all_nodes" ]; then
  pass "--min-weight drops edges, --keep-isolated keeps the nodes"
else
  fail "--min-weight 2 --keep-isolated: exit $rc"
fi
rm -f "$work/f.dot" "$work/g.dot" "$work/g.html"

before=$(listing)
run render "$work/no-such-graph.json" -o "$work/x.svg"
expect_error_line "render a missing graph" "no-such-graph.json"
printf 'not json at all' >"$in/notjson.json"
run render "$in/notjson.json" -o "$work/x.svg"
expect_error_line "render a file that is not JSON" "notjson.json"
printf '{"articles": [], "nodes": [{"id": 1}], "edges": []}' >"$in/notgraph.json"
run render "$in/notgraph.json" -o "$work/x.svg"
expect_error_line "render JSON that is not a graph" "notgraph.json: nodes[0]"
run render "$work/g.json" --focus "Nobody At All" -o "$work/x.svg" -o "$work/x.html"
expect_error_line "render an unknown --focus" "Nobody At All"
run build "$samples" --focus "Nobody At All" -o "$work/x.json" --render "$work/x.svg"
expect_error_line "build --render with an unknown --focus" "Nobody At All"
mkdir -p "$work/emptybin"
PATH="$work/emptybin" "$ng" render "$work/g.json" -o "$work/x.svg" >"$work/stdout" 2>"$work/stderr"
rc=$?
expect_error_line "render without Graphviz" "Graphviz 'dot' not found; install the graphviz package"
PATH="$work/emptybin" "$ng" build "$samples" -o "$work/x.json" --render "$work/x.png" --layout sfdp \
  >"$work/stdout" 2>"$work/stderr"
rc=$?
expect_error_line "build --render without Graphviz" "Graphviz 'sfdp' not found"
mkdir -p "$in/fakebin"
printf '#!/bin/sh\ncat >/dev/null\necho "Error: fake failure" >&2\necho "second line" >&2\nexit 1\n' >"$in/fakebin/dot"
chmod +x "$in/fakebin/dot"
PATH="$in/fakebin:/usr/bin:/bin" "$ng" render "$work/g.json" -o "$work/x.svg" >"$work/stdout" 2>"$work/stderr"
rc=$?
expect_error_line "a failing Graphviz" "Graphviz 'dot' failed: Error: fake failure"
rmdir "$work/emptybin"
if [ "$(listing)" = "$before" ]; then pass "failed renders leave no file behind"; else fail "failed renders left: $(listing | tr '\n' ' ')"; fi

run render "$work/g.json" -o "$work/x.xyz"
expect_rc "render to an unknown extension" 2
expect_stderr_contains "the unknown extension is named" "x.xyz"
run render "$work/g.json"
expect_rc "render without -o" 2
run render "$work/g.json" --types person,quotation -o "$work/x.svg"
expect_rc "--types quotation" 2
expect_stderr_contains "--types quotation points to --quotes" "--quotes"
run render "$work/g.json" --layout circo -o "$work/x.svg"
expect_rc "unknown --layout" 2
run build "$samples" --render "$work/x.json"
expect_rc "build --render to a .json file" 2
if [ "$(listing)" = "$before" ]; then pass "usage errors write nothing"; else fail "usage errors left: $(listing | tr '\n' ' ')"; fi

mkdir -p "$work/emptybin"
PATH="$work/emptybin" "$ng" render "$work/g.json" -o "$work/nodraw.html" >"$work/stdout" 2>"$work/stderr"
rc=$?
if [ "$rc" -eq 0 ] && grep -q 'No drawing: Graphviz &#39;dot&#39; not found' "$work/nodraw.html" &&
  [ "$(wc -l <"$work/stderr")" -eq 1 ] && grep -q '^newsgraph: warning: ' "$work/stderr"; then
  pass "a report without Graphviz says so in the page and warns once"
else
  fail "report without Graphviz: exit $rc; stderr: $(stderr_head)"
fi
PATH="$work/emptybin" "$ng" render --quiet "$work/g.json" -o "$work/nodraw.html" >"$work/stdout" 2>"$work/stderr"
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$work/stderr" ]; then pass "--quiet silences the warning"; else fail "--quiet: exit $rc, stderr: $(stderr_head)"; fi
rmdir "$work/emptybin"
rm -f "$work/nodraw.html"
rm -f "$work/g.json"

finish
