#!/usr/bin/env bash
# End-to-end checks of the `newsgraph` command: exit codes and error messages, output files
# and their formats, atomic writes, stdin input, and that output depends neither on the thread
# count nor on the order of the inputs; `extract` offsets are checked against the article text
# as Unicode code points; `render`, --render and HTML reports, with and without Graphviz; the
# progress display on a terminal.
#
# Usage: cli_test.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# Prints one "ok"/"FAIL" line per check; exits 1 when any check failed.
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]" >&2
  exit 2
fi
ng=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
expected_version=${3:-}
samples=$src/samples

if [ -x /usr/bin/python3 ]; then
  py=/usr/bin/python3
else
  py=$(command -v python3)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-cli-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Inputs the test writes live in $in; every other file under $work is an output.
in=$work/in
mkdir "$in"
cd "$work" || exit 1

failures=0
checks=0
pass() {
  checks=$((checks + 1))
  echo "ok   - $1"
}
fail() {
  checks=$((checks + 1))
  failures=$((failures + 1))
  echo "FAIL - $1"
}

# Runs newsgraph with the given arguments; stdout, stderr and the exit code land in
# $work/stdout, $work/stderr and $rc.
run() {
  "$ng" "$@" >"$work/stdout" 2>"$work/stderr"
  rc=$?
}
run_stdin() {
  local input=$1
  shift
  "$ng" "$@" <"$input" >"$work/stdout" 2>"$work/stderr"
  rc=$?
}
stderr_head() { head -c 400 "$work/stderr" | tr '\n' '|'; }

expect_rc() {
  local name=$1 want=$2
  if [ "$rc" -eq "$want" ]; then
    pass "$name (exit $want)"
  else
    fail "$name: exit $rc, expected $want; stderr: $(stderr_head)"
  fi
}

# An input/output error: exit 1 and exactly one line "newsgraph: error: ..." holding $2.
expect_error_line() {
  local name=$1 needle=$2
  local lines
  lines=$(wc -l <"$work/stderr")
  if [ "$rc" -ne 1 ]; then
    fail "$name: exit $rc, expected 1; stderr: $(stderr_head)"
  elif [ "$lines" -ne 1 ] || ! head -n 1 "$work/stderr" | grep -q '^newsgraph: error: '; then
    fail "$name: stderr is not one 'newsgraph: error:' line: $(stderr_head)"
  elif ! grep -qF -- "$needle" "$work/stderr"; then
    fail "$name: message does not name '$needle': $(stderr_head)"
  else
    pass "$name (exit 1, one line naming '$needle')"
  fi
}

expect_stdout_contains() {
  local name=$1 needle=$2
  if grep -qF -- "$needle" "$work/stdout"; then
    pass "$name"
  else
    fail "$name: stdout lacks '$needle'"
  fi
}

expect_stderr_contains() {
  local name=$1 needle=$2
  if grep -qF -- "$needle" "$work/stderr"; then
    pass "$name"
  else
    fail "$name: stderr lacks '$needle': $(stderr_head)"
  fi
}

expect_same() {
  local name=$1 a=$2 b=$3
  if [ ! -s "$a" ]; then
    fail "$name: $a is missing or empty"
  elif cmp -s "$a" "$b"; then
    pass "$name"
  else
    fail "$name: $a and $b differ"
  fi
}

# Lists every output under $work (not the inputs, not the captured streams), to catch strays.
listing() {
  find "$work" -mindepth 1 -not -path "$in" -not -path "$in/*" -not -name stdout -not -name stderr |
    LC_ALL=C sort
}

txt_a=$samples/putin-kim-vostochny-northwire.txt
txt_b=$samples/putin-kim-vostochny-easternherald.txt
jsonl=$samples/messi-inter-miami.jsonl
for f in "$txt_a" "$txt_b" "$jsonl"; do
  if [ ! -f "$f" ]; then
    echo "FAIL - sample $f is missing"
    exit 1
  fi
done

# Odd input: astral-plane emoji, a combining accent, CJK, right-to-left text, a zero-width
# space and CRLF line ends before and around names, so byte, UTF-16 and code-point offsets
# all differ. The names are made up.
cat >"$in/odd.jsonl" <<'EOF'
{"id":"odd-1","title":"Unicode","text":"👋🏽🎉 Zoe\u0301 Marchetti, the mayor of Lisbon, Portugal, met Tomás Okafor in Geneva, Switzerland, on Tuesday.\r\n日本語の記事 and مرحبا before Marchetti said: “We agreed.”\u200b Okafor added that Ukraine was discussed."}
{"id":"odd-2","title":"Tabs","text":"\tPresident Emmanuel Macron of France met Chancellor Olaf Scholz of Germany in Berlin, Germany.\u0007 Macron said the talks went well."}
EOF

echo "# help and version"
run --help
expect_rc "--help" 0
expect_stdout_contains "--help lists the build subcommand" "build"
expect_stdout_contains "--help lists the extract subcommand" "extract"
run build --help
expect_rc "build --help" 0
expect_stdout_contains "build --help documents --mentions" "--mentions"
run extract --help
expect_rc "extract --help" 0
run --version
expect_rc "--version" 0
if grep -qE '^newsgraph [0-9]+\.[0-9]+\.[0-9]+$' "$work/stdout" && [ "$(wc -l <"$work/stdout")" -eq 1 ]; then
  pass "--version prints 'newsgraph X.Y.Z'"
else
  fail "--version printed: $(head -c 200 "$work/stdout")"
fi
if [ -n "$expected_version" ]; then
  if [ "$(cat "$work/stdout")" = "newsgraph $expected_version" ]; then
    pass "--version matches the project version $expected_version"
  else
    fail "--version printed '$(cat "$work/stdout")', project version is $expected_version"
  fi
fi

echo "# usage errors"
run
expect_rc "no arguments" 2
if [ -s "$work/stderr" ] && [ ! -s "$work/stdout" ]; then
  pass "no arguments: usage goes to stderr"
else
  fail "no arguments: expected usage on stderr only"
fi
run frobnicate
expect_rc "unknown subcommand" 2
run build --no-such-flag "$jsonl"
expect_rc "unknown flag" 2
expect_stderr_contains "unknown flag is named" "--no-such-flag"
run build
expect_rc "build without INPUT" 2
run extract
expect_rc "extract without INPUT" 2
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
# train-ner: a target corpus (--domain) and feature templates 3 go together
conll=$src/tests/data/conll/tiny_train.conll
run train-ner --train "$conll" --dev "$conll" --templates 3 -o "$work/t3.bin"
expect_rc "train-ner --templates 3 without --domain" 2
expect_stderr_contains "train-ner --templates 3 without --domain says why" "--domain"
run train-ner --train "$conll" --domain "$conll" --dev "$conll" -o "$work/t3.bin"
expect_rc "train-ner --domain without --templates 3" 2
if [ -e "$work/t3.bin" ]; then fail "train-ner usage error wrote a model"; else pass "train-ner usage error writes no model"; fi

echo "# input errors"
missing=$work/no-such-dir/missing-article.txt
run build "$missing"
expect_error_line "nonexistent input (build)" "$missing"
run extract "$jsonl" "$missing"
expect_error_line "nonexistent input (extract)" "$missing"
printf '%s\n' '{"id":"good","text":"Angela Merkel visited Paris, France."}' '' '{"id":"bad","text": "unterminated' >"$in/bad.jsonl"
run build "$in/bad.jsonl"
expect_error_line "malformed JSON line (build)" "bad.jsonl:3"
run extract "$in/bad.jsonl"
expect_error_line "malformed JSON line (extract)" "bad.jsonl:3"
printf '%s\n' '{"id":"no-text","title":"a title but no text"}' >"$in/notext.jsonl"
run build "$in/notext.jsonl"
expect_error_line "JSON line without text" "notext.jsonl:1"
printf 'Title\n\nBroken \xff\xfe UTF-8 from Berlin, Germany.\n' >"$in/latin1.txt"
run build "$in/latin1.txt"
expect_error_line "invalid UTF-8" "latin1.txt"
printf 'this is not json\n' >"$in/notjson"
run_stdin "$in/notjson" build -
expect_error_line "malformed JSON on stdin" ":1"
run build --words "$work/no-such-words" "$jsonl"
expect_error_line "missing knowledge file" "no-such-words"

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
run extract "$jsonl" -o "$work/nodir/x.jsonl"
expect_error_line "unwritable extract -o" "nodir/x.jsonl"
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
run extract "$jsonl"
cp "$work/stdout" "$work/extract-file.jsonl"
run_stdin "$jsonl" extract -
expect_rc "extract - (stdin)" 0
expect_same "extract - equals extract FILE.jsonl" "$work/stdout" "$work/extract-file.jsonl"
rm -f "$work/from-file.json" "$work/extract-file.jsonl"

echo "# determinism"
for fmt in dot graphml jsonld json cypher kuzu; do
  run build "$samples" "$in/odd.jsonl" --threads 1 -f "$fmt" --mentions "$work/m1.jsonl"
  cp "$work/stdout" "$work/t1.$fmt"
  run build "$samples" "$in/odd.jsonl" --threads 2 -f "$fmt" --mentions "$work/m2.jsonl"
  cp "$work/stdout" "$work/t2.$fmt"
  expect_same "build -f $fmt: --threads 1 and 2 identical" "$work/t1.$fmt" "$work/t2.$fmt"
done
expect_same "--mentions: --threads 1 and 2 identical" "$work/m1.jsonl" "$work/m2.jsonl"
run extract "$samples" "$in/odd.jsonl" --threads 1 -o "$work/e1.jsonl"
expect_rc "extract --threads 1" 0
run extract "$samples" "$in/odd.jsonl" --threads 2 -o "$work/e2.jsonl"
expect_rc "extract --threads 2" 0
expect_same "extract: --threads 1 and 2 identical" "$work/e1.jsonl" "$work/e2.jsonl"

for fmt in dot graphml jsonld json cypher kuzu; do
  run build "$txt_a" "$txt_b" "$jsonl" "$in/odd.jsonl" -f "$fmt"
  cp "$work/stdout" "$work/order1.$fmt"
  run build "$in/odd.jsonl" "$jsonl" "$txt_b" "$txt_a" -f "$fmt"
  cp "$work/stdout" "$work/order2.$fmt"
  expect_same "build -f $fmt: shuffled input order identical" "$work/order1.$fmt" "$work/order2.$fmt"
done
run build "$samples" "$in/odd.jsonl" -f json
expect_same "build of the folder equals build of its files" "$work/stdout" "$work/order1.json"
run build "$txt_a" "$txt_b" "$jsonl" "$in/odd.jsonl" --mentions "$work/mo1.jsonl" -o "$work/discard1.json"
run build "$in/odd.jsonl" "$jsonl" "$txt_b" "$txt_a" --mentions "$work/mo2.jsonl" -o "$work/discard2.json"
expect_same "--mentions: shuffled input order identical" "$work/mo1.jsonl" "$work/mo2.jsonl"

run extract "$txt_a" "$txt_b" "$jsonl"
cp "$work/stdout" "$work/x1.jsonl"
run extract "$jsonl" "$txt_b" "$txt_a"
cp "$work/stdout" "$work/x2.jsonl"
if "$py" - "$work/x1.jsonl" "$work/x2.jsonl" "$txt_a" "$txt_b" "$jsonl" <<'EOF'; then
import json, os, sys

x1, x2, txt_a, txt_b, jsonl = sys.argv[1:]
def ids(path):
    return [json.loads(line)["id"] for line in open(path, encoding="utf-8") if line.strip()]
stem = lambda p: os.path.splitext(os.path.basename(p))[0]
jsonl_ids = [json.loads(l)["id"] for l in open(jsonl, encoding="utf-8") if l.strip()]
assert ids(x1) == [stem(txt_a), stem(txt_b)] + jsonl_ids, f"extract order {ids(x1)}"
assert ids(x2) == jsonl_ids + [stem(txt_b), stem(txt_a)], f"extract order {ids(x2)}"
lines1 = sorted(l for l in open(x1, encoding="utf-8"))
lines2 = sorted(l for l in open(x2, encoding="utf-8"))
assert lines1 == lines2, "an article's extract line depends on the input order"
EOF
  pass "extract: one line per article in input order, each independent of the order"
else
  fail "extract: order or content depends on the input order"
fi

echo "# offsets"
run extract "$samples" "$in/odd.jsonl" -o "$work/extract.jsonl"
expect_rc "extract samples and odd Unicode" 0
run build "$samples" "$in/odd.jsonl" --mentions "$work/mentions.jsonl" -o "$work/offsets.json"
expect_rc "build --mentions samples and odd Unicode" 0
if "$py" - "$work/extract.jsonl" "$work/mentions.jsonl" "$samples" "$in/odd.jsonl" <<'EOF'; then
import json, os, sys

extract_path, mentions_path, samples, odd = sys.argv[1:]
texts = {}
def add_jsonl(path):
    for line in open(path, encoding="utf-8", newline=""):
        if line.strip():
            a = json.loads(line)
            texts[a["id"]] = a["text"]
for root, _, files in os.walk(samples):
    for name in files:
        path = os.path.join(root, name)
        if name.endswith(".txt"):
            with open(path, "rb") as f:
                texts[os.path.splitext(name)[0]] = f.read().decode("utf-8")
        elif name.endswith(".jsonl"):
            add_jsonl(path)
add_jsonl(odd)

errors = []
def check_span(where, text, start, end, expected=None):
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        errors.append(f"{where}: span [{start},{end}) outside 0..{len(text)}")
    elif expected is not None and text[start:end] != expected:
        errors.append(f"{where}: text[{start}:{end}] = {text[start:end]!r}, reported {expected!r}")

seen = []
for line in open(extract_path, encoding="utf-8"):
    a = json.loads(line)
    seen.append(a["id"])
    text = texts.get(a["id"])
    if text is None:
        errors.append(f"extract line for unknown article {a['id']!r}")
        continue
    if not a["mentions"]:
        errors.append(f"{a['id']}: no mentions found")
    for m in a["mentions"]:
        check_span(f"{a['id']} mention", text, m["start"], m["end"], m["text"])
    for r in a.get("relations", []):
        for key in ("source_span", "target_span", "sentence"):
            check_span(f"{a['id']} relation {r.get('type')} {key}", text, *r[key])
if sorted(seen) != sorted(texts):
    errors.append(f"extract covered {sorted(seen)}, inputs are {sorted(texts)}")

count = 0
for line in open(mentions_path, encoding="utf-8"):
    m = json.loads(line)
    count += 1
    text = texts.get(m["article"])
    if text is None:
        errors.append(f"--mentions line for unknown article {m['article']!r}")
        continue
    check_span(f"--mentions {m['article']}", text, m["start"], m["end"], m["text"])
if count == 0:
    errors.append("--mentions wrote no lines")

odd_mentions = []
for line in open(extract_path, encoding="utf-8"):
    a = json.loads(line)
    if a["id"] == "odd-1":
        odd_mentions = a["mentions"]
if not any(m["start"] > 3 for m in odd_mentions):
    errors.append("odd-1: no mention after the emoji, so code-point offsets went untested")

for e in errors[:20]:
    print("   ", e)
sys.exit(1 if errors else 0)
EOF
  pass "extract and --mentions: every span is the code-point slice of the article text"
else
  fail "extract or --mentions offsets do not match the article text"
fi

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
"$py" -c '
import json, random
rng = random.Random(7)
alphabet = [chr(c) for c in list(range(1, 0x80)) + [0xa0, 0x301, 0x200b, 0x202e, 0xfeff, 0x4e2d, 0x1f600]]
with open("in/garbage.jsonl", "w", encoding="utf-8") as f:
    for i in range(20):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        f.write(json.dumps({"id": f"g{i}", "text": text}) + "\n")
'
run build "$in/garbage.jsonl" -f graphml
expect_rc "random characters and control codes" 0
run extract "$in/garbage.jsonl"
expect_rc "extract of random characters" 0

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

echo "# recognizers"
run extract --model "$work/no-such-model.bin" "$jsonl"
expect_error_line "missing model file" "$work/no-such-model.bin"
printf 'NGNER but not really a model' >"$work/corrupt.bin"
run extract --model "$work/corrupt.bin" "$jsonl"
expect_error_line "corrupt model file" "$work/corrupt.bin"
run extract --ner bogus "$jsonl"
expect_rc "unknown --ner" 2
run extract --ner rules "$jsonl"
expect_rc "--ner rules needs no model" 0
expect_stdout_contains "--ner rules finds mentions" '"mentions":[{'

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
  script -q -e -c "$(printf '%q ' "$ng" extract --quiet "$samples" -o "$work/tty.jsonl")" /dev/null \
    >"$work/tty" 2>&1 </dev/null
  if [ ! -s "$work/tty" ]; then pass "--quiet shows no progress"; else fail "--quiet printed: $(head -c 200 "$work/tty" | tr '\r\n' '||')"; fi
  rm -f "$work"/tty*
fi
rm -f "$work/plain.json" "$work/g.json"

echo "# $checks checks, $failures failed"
[ "$failures" -eq 0 ]
