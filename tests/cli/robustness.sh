#!/usr/bin/env bash
# End-to-end checks of inputs found by fuzzing (docs/robustness.md): JSON nested deeper than
# any recursive parser's stack (JSON Lines files, standard input, graphs for `render` and
# `build --into`), an article that once read past the end of a buffer, and a graph whose
# labels hold characters XML forbids drawn to SVG. Under the sanitizer build (build-asan/) a
# memory error here fails the check as a crash would.
#
# Usage: robustness.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

echo "# JSON nested 150,000 deep"
"$py" -c "print('[' * 150000)" >"$in/deep.jsonl"
"$py" -c "print('{\"a\":' * 150000)" >"$in/deep-object.jsonl"
"$py" -c "print('[' * 150000 + ']' * 150000)" >"$in/deep.json"
cp "$in/deep.jsonl" "$in/deep-open.json"
run build "$in/deep.jsonl" -o "$work/deep-out.json"
expect_error_line "build of an unclosed array 150,000 deep" "deep.jsonl:1: invalid JSON"
run build "$in/deep-object.jsonl"
expect_error_line "build of objects 150,000 deep" "deep-object.jsonl:1: invalid JSON"
run_stdin "$in/deep.jsonl" build -
expect_error_line "build - of an unclosed array 150,000 deep" "<stdin>:1: invalid JSON"
run_stdin "$in/deep.jsonl" extract -
expect_error_line "extract - of an unclosed array 150,000 deep" "<stdin>:1: invalid JSON"
run render "$in/deep-open.json" -o "$work/deep.svg"
expect_error_line "render of an unclosed array 150,000 deep" "deep-open.json: not valid JSON"
run render "$in/deep.json" -o "$work/deep.svg"
expect_error_line "render of a closed array 150,000 deep" "expected a JSON object"
run build "$samples" --into "$in/deep-open.json" -o "$work/deep-out.json"
expect_error_line "build --into an unclosed array 150,000 deep" "deep-open.json: not valid JSON"
run build "$samples" --into "$in/deep.json" -o "$work/deep-out.json"
expect_error_line "build --into a closed array 150,000 deep" "expected a JSON object"
if [ -z "$(listing)" ]; then pass "the failed runs wrote no file"; else fail "files left: $(listing | tr '\n' ' ')"; fi

echo "# articles found by the fuzzers"
# fuzz/regressions/fuzz_extract/ holds them as the fuzzer found them; here they go through the
# command line: the title-case headline check once read one token past the end ("'y").
printf "'y" >"$in/y.txt"
printf "Y'\n\n'y" >"$in/headline-y.txt"
run build "$in/y.txt" "$in/headline-y.txt" -o "$work/y.json"
expect_rc "build of the articles \"'y\" and a headline before it" 0
rm -f "$work/y.json"

echo "# characters XML forbids in drawn labels"
run build "$samples" -o "$work/g.json"
expect_rc "build the graph to draw" 0
# Labels, aliases, quotes and ids with U+FFFE, U+FFFF and control characters; one id becomes
# another's after the noncharacters go, so the renamed one must stay apart.
"$py" - "$work/g.json" "$in/odd-labels.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1], encoding="utf-8"))
g.pop("sources", None)
old = g["nodes"][0]["id"]
g["nodes"][0]["label"] = "Vladimir \ufffePutin\uffff \x01\x1f"
g["nodes"][0]["aliases"] = ["\uffff", "Put\ufffein"]
g["nodes"][0]["id"] = g["nodes"][1]["id"] + "\ufffe"
for e in g["edges"]:
    for end in ("source", "target"):
        if e[end] == old:
            e[end] = g["nodes"][0]["id"]
    if e["relation"] == "holds_position":
        e["title"] = "Pres\uffffident"
json.dump(g, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
run render "$in/odd-labels.json" --keep-isolated --quotes full -o "$work/odd.svg" -o "$work/odd.dot" -o "$work/odd.html"
expect_rc "render a graph with U+FFFE and U+FFFF in its labels and ids" 0
if "$py" -c "import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])" "$work/odd.svg" 2>"$work/xml-error"; then
  pass "the SVG is well-formed XML"
else
  fail "the SVG is not well-formed XML: $(head -c 300 "$work/xml-error")"
fi
if grep -q "$(printf '\xef\xbf\xbe')\|$(printf '\xef\xbf\xbf')" "$work/odd.dot"; then
  fail "the styled DOT holds U+FFFE or U+FFFF"
else
  pass "the styled DOT holds no U+FFFE or U+FFFF"
fi
nodes=$(grep -c 'class="node"' "$work/odd.svg")
want=$("$py" -c "import json, sys; print(len(json.load(open(sys.argv[1]))['nodes']))" "$in/odd-labels.json")
if [ "$nodes" -eq "$want" ]; then
  pass "every node is drawn apart ($nodes), the renamed id included"
else
  fail "$nodes nodes drawn, $want in the graph"
fi

finish
