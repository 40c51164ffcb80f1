#!/usr/bin/env bash
# End-to-end checks of `newsgraph build`: usage, input and output errors with their exit codes
# and messages, atomic writes, every output format, stdin input, output that depends neither on
# the thread count nor on the order of the inputs, odd inputs, incremental builds (--into),
# merge explanations and overrides, and the progress display on a terminal.
#
# Usage: build.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

echo "# usage errors"
run build --no-such-flag "$jsonl"
expect_rc "unknown flag" 2
expect_stderr_contains "unknown flag is named" "--no-such-flag"
run build
expect_rc "build without INPUT" 2
run build -f xml "$jsonl"
expect_rc "unknown -f format" 2
expect_stderr_contains "unknown -f format is named" "xml"
for bad in abc -1 1.5 99999999999; do
  run build --threads "$bad" "$jsonl"
  expect_rc "--threads $bad" 2
done
run build "$jsonl" -o "$work/graph.xyz"
expect_rc "unknown -o extension" 2
expect_stderr_contains "unknown -o extension names the file" "graph.xyz"
if [ -e "$work/graph.xyz" ]; then fail "unknown -o extension left graph.xyz behind"; else pass "unknown -o extension writes nothing"; fi
run build "$jsonl" -o "$work/ok.json" -o "$work/graph"
expect_rc "-o without extension" 2
if [ -e "$work/ok.json" ]; then fail "usage error still wrote ok.json"; else pass "usage error is found before any output is written"; fi

echo "# input errors"
missing=$work/no-such-dir/missing-article.txt
run build "$missing"
expect_error_line "nonexistent input (build)" "$missing"
printf '%s\n' '{"id":"good","text":"Angela Merkel visited Paris, France."}' '' '{"id":"bad","text": "unterminated' >"$in/bad.jsonl"
run build "$in/bad.jsonl"
expect_error_line "malformed JSON line (build)" "bad.jsonl:3"
printf '%s\n' '{"id":"no-text","title":"a title but no text"}' >"$in/notext.jsonl"
run build "$in/notext.jsonl"
expect_error_line "JSON line without text" "notext.jsonl:1"
printf 'Title\n\nBroken \xff\xfe UTF-8 from Berlin, Germany.\n' >"$in/latin1.txt"
run build "$in/latin1.txt"
expect_error_line "invalid UTF-8" "latin1.txt"
printf 'this is not json\n' >"$in/notjson"
run_stdin "$in/notjson" build -
expect_error_line "malformed JSON on stdin" ":1"
run build --kb "$work/no-such.kb" "$jsonl"
expect_error_line "missing knowledge snapshot" "no-such.kb"

echo "# output errors"
before=$(listing)
run build "$jsonl" -o "$work/nodir/graph.json"
expect_error_line "unwritable -o (missing folder)" "nodir/graph.json"
if [ -e "$work/nodir" ]; then fail "unwritable -o created $work/nodir"; else pass "unwritable -o creates no folder"; fi
if [ "$(listing)" = "$before" ]; then pass "unwritable -o leaves no file behind"; else fail "unwritable -o left files: $(listing | tr '\n' ' ')"; fi
mkdir "$work/taken.json"
before=$(listing)
run build "$jsonl" -o "$work/taken.json"
expect_error_line "-o over a folder" "taken.json"
if [ "$(listing)" = "$before" ] && [ -d "$work/taken.json" ]; then
  pass "-o over a folder leaves everything as it was"
else
  fail "-o over a folder changed files: $(listing | tr '\n' ' ')"
fi
rmdir "$work/taken.json"
run build "$jsonl" --mentions "$work/nodir/m.jsonl"
expect_error_line "unwritable --mentions" "nodir/m.jsonl"
before=$(listing)
run build "$jsonl" -o "$work/discard.json" --neo4j-csv "$work/nodir" --mentions "$work/discard.jsonl"
expect_error_line "--neo4j-csv into a missing folder" "nodir/nodes.csv"
if [ "$(listing)" = "$before" ]; then
  pass "a run with one unwritable output writes none of its files"
else
  fail "a failed run wrote files: $(listing | tr '\n' ' ')"
fi
if [ -w /dev/full ]; then
  "$ng" build "$jsonl" >/dev/full 2>"$work/stderr"
  rc=$?
  expect_error_line "stdout that cannot be written" "standard output"
fi
if [ "$(listing)" = "" ]; then pass "failed runs leave no stray files"; else fail "stray files: $(listing | tr '\n' ' ')"; fi

echo "# formats"
mkdir "$work/csv"
run build "$samples" -o "$work/all.dot" -o "$work/all.graphml" -o "$work/all.jsonld" -o "$work/all.json" \
  -o "$work/all.gv" -o "$work/all.cypher" -o "$work/all.kuzu.cypher" --mentions "$work/all.mentions.jsonl" \
  --neo4j-csv "$work/csv"
expect_rc "build to every format in one run" 0
if [ -s "$work/stdout" ]; then fail "build with -o also wrote to stdout"; else pass "build with -o keeps stdout empty"; fi
for fmt in dot graphml jsonld json cypher; do
  run build "$samples" -f "$fmt"
  expect_rc "build -f $fmt to stdout" 0
  expect_same "-o all.$fmt equals -f $fmt on stdout" "$work/all.$fmt" "$work/stdout"
done
expect_same ".gv is DOT" "$work/all.gv" "$work/all.dot"
run build "$samples" -f kuzu
expect_rc "build -f kuzu to stdout" 0
expect_same "-o all.kuzu.cypher equals -f kuzu on stdout" "$work/all.kuzu.cypher" "$work/stdout"
if head -n 1 "$work/all.cypher" | grep -q 'for Neo4j' && head -n 1 "$work/all.kuzu.cypher" | grep -q 'for Kuzu'; then
  pass ".cypher is for Neo4j, .kuzu.cypher for Kuzu"
else
  fail ".cypher / .kuzu.cypher dialects: $(head -n 1 "$work/all.cypher") / $(head -n 1 "$work/all.kuzu.cypher")"
fi
if [ "$(ls "$work/csv")" = "$(printf 'nodes.csv\nrelationships.csv')" ] &&
  [ "$(($(grep -c . "$work/csv/nodes.csv") - 1))" = "$(grep -c '^MERGE' "$work/all.cypher")" ]; then
  pass "--neo4j-csv writes nodes.csv and relationships.csv, one row per node"
else
  fail "--neo4j-csv wrote: $(ls "$work/csv" | tr '\n' ' ')"
fi
rm -rf "$work/csv"
run build "$samples"
expect_rc "build without -o or -f" 0
expect_same "stdout defaults to JSON" "$work/stdout" "$work/all.json"
run build "$samples" -f dot -o "$work/forced.txt" -o "$work/forced.json"
expect_rc "-f overrides the extension" 0
expect_same "-f dot -o forced.txt is DOT" "$work/forced.txt" "$work/all.dot"
expect_same "-f dot -o forced.json is DOT" "$work/forced.json" "$work/all.dot"
rm -f "$work/forced.txt" "$work/forced.json"
if command -v dot >/dev/null 2>&1; then
  if dot -Tsvg "$work/all.dot" -o "$work/all.svg" 2>"$work/stderr"; then
    pass "Graphviz renders the DOT output"
  else
    fail "dot rejects the DOT output: $(stderr_head)"
  fi
  rm -f "$work/all.svg"
fi
if "$py" - "$work" <<'EOF'; then
import json, sys
import xml.etree.ElementTree as ET

work = sys.argv[1]
g = json.load(open(f"{work}/all.json", encoding="utf-8"))
assert isinstance(g.get("nodes"), list) and isinstance(g.get("edges"), list), "JSON lacks nodes/edges"
assert len(g["nodes"]) > 0, "JSON graph of the samples has no nodes"
ids = [n["id"] for n in g["nodes"]]
assert len(set(ids)) == len(ids), "duplicate node ids in JSON"
for e in g["edges"]:
    assert e["source"] in ids and e["target"] in ids, f"edge to an unknown node: {e}"
ld = json.load(open(f"{work}/all.jsonld", encoding="utf-8"))
assert "@context" in ld, "JSON-LD lacks @context"
root = ET.parse(f"{work}/all.graphml").getroot()
assert root.tag.endswith("graphml"), f"GraphML root is {root.tag}"
gml_ids = sorted(n.get("id") for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node"))
assert gml_ids == sorted(ids), "GraphML and JSON have different nodes"
EOF
  pass "JSON, JSON-LD and GraphML parse and agree on the nodes"
else
  fail "JSON, JSON-LD or GraphML output is not well formed"
fi

echo "# stdin"
run build "$jsonl"
cp "$work/stdout" "$work/from-file.json"
run_stdin "$jsonl" build -
expect_rc "build - (stdin)" 0
expect_same "build - equals build FILE.jsonl" "$work/stdout" "$work/from-file.json"
rm -f "$work/from-file.json"

echo "# determinism"
for fmt in dot graphml jsonld json cypher kuzu; do
  run build "$samples" "$in/odd.jsonl" --threads 1 -f "$fmt" --mentions "$work/m1.jsonl"
  cp "$work/stdout" "$work/t1.$fmt"
  run build "$samples" "$in/odd.jsonl" --threads 2 -f "$fmt" --mentions "$work/m2.jsonl"
  cp "$work/stdout" "$work/t2.$fmt"
  expect_same "build -f $fmt: --threads 1 and 2 identical" "$work/t1.$fmt" "$work/t2.$fmt"
done
expect_same "--mentions: --threads 1 and 2 identical" "$work/m1.jsonl" "$work/m2.jsonl"

for fmt in dot graphml jsonld json cypher kuzu; do
  run build "$txt_a" "$txt_b" "$jsonl" "$in/odd.jsonl" -f "$fmt"
  cp "$work/stdout" "$work/order1.$fmt"
  run build "$in/odd.jsonl" "$jsonl" "$txt_b" "$txt_a" -f "$fmt"
  cp "$work/stdout" "$work/order2.$fmt"
  expect_same "build -f $fmt: shuffled input order identical" "$work/order1.$fmt" "$work/order2.$fmt"
done
run build "$samples" "$in/odd.jsonl" -f json
cp "$work/stdout" "$work/folder1.json"
run build "$in/odd.jsonl" "$samples/./" -f json
expect_same "build of the folder: the same graph whatever its spelling and the input order" "$work/folder1.json" \
  "$work/stdout"
run build "$txt_a" "$txt_b" "$jsonl" "$in/odd.jsonl" --mentions "$work/mo1.jsonl" -o "$work/discard1.json"
run build "$in/odd.jsonl" "$jsonl" "$txt_b" "$txt_a" --mentions "$work/mo2.jsonl" -o "$work/discard2.json"
expect_same "--mentions: shuffled input order identical" "$work/mo1.jsonl" "$work/mo2.jsonl"

echo "# odd inputs"
: >"$in/empty.jsonl"
run build "$in/empty.jsonl"
if [ "$rc" -eq 0 ] || { [ "$rc" -eq 1 ] && [ "$(wc -l <"$work/stderr")" -eq 1 ]; }; then
  pass "empty .jsonl: clean exit $rc"
else
  fail "empty .jsonl: exit $rc; stderr: $(stderr_head)"
fi
mkdir -p "$in/emptydir"
run build "$in/emptydir"
if [ "$rc" -eq 0 ] || { [ "$rc" -eq 1 ] && [ "$(wc -l <"$work/stderr")" -eq 1 ]; }; then
  pass "empty folder: clean exit $rc"
else
  fail "empty folder: exit $rc; stderr: $(stderr_head)"
fi
make_garbage
run build "$in/garbage.jsonl" -f graphml
expect_rc "random characters and control codes" 0

echo "# incremental builds, merge explanations and overrides"
run build "$txt_a" "$txt_b" "$jsonl" -o "$work/all.json" --mentions "$work/all.m.jsonl"
expect_rc "build all at once" 0
run build "$txt_a" -o "$work/into1.json"
run build --into "$work/into1.json" "$txt_b" "$jsonl" --mentions "$work/into1.m.jsonl"
expect_rc "build --into" 0
expect_same "A, then --into with B, equals A+B byte for byte" "$work/into1.json" "$work/all.json"
expect_same "--mentions after --into equal those of A+B" "$work/into1.m.jsonl" "$work/all.m.jsonl"
run build "$jsonl" "$txt_b" -o "$work/into2.json"
run build --into "$work/into2.json" "$txt_a"
expect_same "the order of the batches does not matter" "$work/into2.json" "$work/all.json"
run build --into "$work/into3.json" "$txt_a" "$txt_b" "$jsonl"
expect_same "--into a graph that does not exist yet starts empty" "$work/into3.json" "$work/all.json"
run build --into "$work/into2.json" "$txt_a"
expect_error_line "--into with an article already in the graph" "already in the graph"
expect_same "a refused --into leaves the graph as it was" "$work/into2.json" "$work/all.json"
printf '{"articles": [], "nodes": []}\n' >"$in/nosources.json"
run build --into "$in/nosources.json" "$txt_a"
expect_error_line "--into a JSON graph without sources" "sources"
printf '{"sources": [{"id": 1}]}' >"$in/badsources.json"
run build --into "$in/badsources.json" "$txt_a"
expect_error_line "--into a graph with a malformed article" "badsources.json"
printf 'not json' >"$in/notjson.json"
run build --into "$in/notjson.json" "$txt_a"
expect_error_line "--into a file that is not JSON" "notjson.json"

run build "$txt_a" "$txt_b" -o "$work/explained.json" --explain-merges "$work/merges.txt"
expect_rc "--explain-merges" 0
if grep -q '^node person/vladimir-putin$' "$work/merges.txt" &&
  grep -q '^  same-name: "Vladimir Putin" + "Vladimir Putin"' "$work/merges.txt"; then
  pass "--explain-merges lists the cross-article Putin merge"
else
  fail "--explain-merges lacks the Putin merge: $(head -c 300 "$work/merges.txt" | tr '\n' '|')"
fi
printf '# one entity per line\nKim Jong Un | Kim Jong-un | Marshal Kim\n' >"$in/aliases.txt"
run build "$txt_a" "$txt_b" --aliases "$in/aliases.txt" -o "$work/aliased.json"
expect_rc "--aliases" 0
printf 'Only one name\n' >"$in/bad-aliases.txt"
run build "$txt_a" --aliases "$in/bad-aliases.txt" -o "$work/never.json"
expect_error_line "--aliases line with one name" "bad-aliases.txt:1"
printf 'Sergei Shoigu | Sergey Shoygu\n' >"$in/apart.txt"
run build "$txt_a" "$txt_b" --keep-apart "$in/apart.txt" --explain-merges "$work/apart.txt" -o "$work/apart.json"
expect_rc "--keep-apart" 0
if grep -q '^  kept-apart: ' "$work/apart.txt" && [ "$(grep -c '^      "id": "person/serge[iy]-sho[iy]gu' "$work/apart.json")" -eq 2 ]; then
  pass "--keep-apart refusals are explained"
else
  fail "--keep-apart refused nothing: $(grep -c . "$work/apart.txt") lines"
fi

echo "# progress"
run build "$samples" -o "$work/plain.json"
if [ "$rc" -eq 0 ] && [ ! -s "$work/stderr" ]; then pass "no progress when stderr is not a terminal"; else fail "build wrote to stderr: $(stderr_head)"; fi
if command -v script >/dev/null 2>&1; then
  # `script` gives the command a terminal; what the terminal showed lands in $work/tty.
  script -q -e -c "$(printf '%q ' "$ng" build --threads 1 "$samples" -o "$work/tty.json")" /dev/null \
    >"$work/tty" 2>&1 </dev/null
  rc=$?
  if [ "$rc" -eq 0 ] && grep -q 'newsgraph: 4/4 articles' "$work/tty"; then
    pass "build shows progress on a terminal"
  else
    fail "no progress on a terminal (exit $rc): $(head -c 300 "$work/tty" | tr '\r\n' '||')"
  fi
  expect_same "progress does not change the output" "$work/tty.json" "$work/plain.json"
  rm -f "$work"/tty*
fi
rm -f "$work/plain.json"


# Standard input that cannot be read is an error, never an empty graph.
"$ng" build - <&- >"$work/stdout" 2>"$work/stderr"
rc=$?
expect_error_line "build - with standard input closed" "standard input is closed"
run_stdin "$in" build -
expect_error_line "build - with a folder as standard input" "cannot read standard input"
rm -f "$work/stdout"

finish
