#!/usr/bin/env bash
# End-to-end checks of `newsgraph extract`: errors, stdin input, output that depends neither on
# the thread count nor on the order of the inputs, offsets checked against the article text as
# Unicode code points (with those of build --mentions), odd inputs, the recognizers, and a
# quiet progress display.
#
# Usage: extract.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

echo "# usage errors"
run extract
expect_rc "extract without INPUT" 2

echo "# input errors"
missing=$work/no-such-dir/missing-article.txt
run extract "$jsonl" "$missing"
expect_error_line "nonexistent input (extract)" "$missing"
printf '%s\n' '{"id":"good","text":"Angela Merkel visited Paris, France."}' '' '{"id":"bad","text": "unterminated' >"$in/bad.jsonl"
run extract "$in/bad.jsonl"
expect_error_line "malformed JSON line (extract)" "bad.jsonl:3"

echo "# output errors"
run extract "$jsonl" -o "$work/nodir/x.jsonl"
expect_error_line "unwritable extract -o" "nodir/x.jsonl"

echo "# stdin"
run extract "$jsonl"
cp "$work/stdout" "$work/extract-file.jsonl"
run_stdin "$jsonl" extract -
expect_rc "extract - (stdin)" 0
expect_same "extract - equals extract FILE.jsonl" "$work/stdout" "$work/extract-file.jsonl"
rm -f "$work/extract-file.jsonl"

echo "# determinism"
run extract "$samples" "$in/odd.jsonl" --threads 1 -o "$work/e1.jsonl"
expect_rc "extract --threads 1" 0
run extract "$samples" "$in/odd.jsonl" --threads 2 -o "$work/e2.jsonl"
expect_rc "extract --threads 2" 0
expect_same "extract: --threads 1 and 2 identical" "$work/e1.jsonl" "$work/e2.jsonl"

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
                # a .txt file in a folder: the folder's name and the path inside it
                rel = os.path.relpath(os.path.splitext(path)[0], os.path.dirname(os.path.abspath(samples)))
                texts[rel.replace(os.sep, "/")] = f.read().decode("utf-8")
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
make_garbage
run extract "$in/garbage.jsonl"
expect_rc "extract of random characters" 0

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

echo "# progress"
if command -v script >/dev/null 2>&1; then
  script -q -e -c "$(printf '%q ' "$ng" extract --quiet "$samples" -o "$work/tty.jsonl")" /dev/null \
    >"$work/tty" 2>&1 </dev/null
  if [ ! -s "$work/tty" ]; then pass "--quiet shows no progress"; else fail "--quiet printed: $(head -c 200 "$work/tty" | tr '\r\n' '||')"; fi
  rm -f "$work"/tty*
fi

finish
