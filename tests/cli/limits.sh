#!/usr/bin/env bash
# End-to-end checks of the limits on long inputs (README "Limits"): --max-article-mb refuses an
# article over it (a .txt file, a JSON line, a line of standard input) with one line naming the
# input, the limit and the flag, exit 1 and no output written; a raised limit, or 0, takes it;
# the default refuses an article of more than 10 MB before reading it. Text with no sentence end
# is processed in bounded pieces. A long article shows its stages on a terminal, and only there.
# The inputs are generated small (the limits lowered by the flag), so the checks stay fast.
#
# Usage: limits.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

# An article of about $2 bytes made of the sample article $txt_a's text again and again.
repeat_article() {
  local out=$1 bytes=$2
  "$py" - "$txt_a" "$out" "$bytes" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read().strip() + "\n\n"
size = int(sys.argv[3])
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(text * (size // len(text) + 1))
PY
}

repeat_article "$in/long.txt" 60000
"$py" -c 'import json,sys; print(json.dumps({"id": "long", "text": open(sys.argv[1]).read()}))' "$in/long.txt" \
  >"$in/long.jsonl"

echo "# an article over --max-article-mb is refused"
for cmd in extract build; do
  run "$cmd" --max-article-mb 0.05 "$in/long.txt" -o "$work/out-$cmd.json"
  expect_error_line "$cmd: .txt over the limit" "$in/long.txt: the article takes 0.06"
  expect_stderr_contains "$cmd: the message names the limit and the flag" \
    "MB, over the limit of 0.05 MB per article (--max-article-mb N raises the limit)"
  if [ -e "$work/out-$cmd.json" ]; then fail "$cmd: refused input still wrote -o"; else pass "$cmd: refused input writes nothing"; fi
  run "$cmd" --max-article-mb 0.05 "$jsonl" "$in/long.jsonl" -o "$work/out-$cmd.json"
  expect_error_line "$cmd: JSON line over the limit" "$in/long.jsonl:1: the article takes 0.06"
  run_stdin "$in/long.jsonl" "$cmd" --max-article-mb 0.05 -
  expect_error_line "$cmd: standard input line over the limit" "<stdin>:1: the article takes 0.06"
done
run build "$txt_a" -o "$work/g.json"
run render "$work/g.json" --max-article-mb 0.05 --articles "$in/long.txt" -o "$work/r.html"
expect_error_line "render --articles: .txt over the limit" "--max-article-mb"
rm -f "$work/g.json"

echo "# a raised limit, or none, takes it"
run extract --max-article-mb 0.07 "$in/long.txt" -o "$work/raised.jsonl"
expect_rc "extract with the limit raised" 0
run extract --max-article-mb 0 "$in/long.txt" -o "$work/unlimited.jsonl"
expect_rc "extract with no limit (0)" 0
expect_same "the limit does not change the output" "$work/raised.jsonl" "$work/unlimited.jsonl"
run build --max-article-mb 0.07 "$in/long.jsonl" -o "$work/raised.json"
expect_rc "build with the limit raised" 0
rm -f "$work"/raised.* "$work/unlimited.jsonl"

echo "# the default limit"
# Sparse: the file system tells its size, so it is refused before it is read.
truncate -s 10500000 "$in/huge.txt"
run extract "$in/huge.txt" -o "$work/huge.jsonl"
expect_error_line "extract: a 10.5 MB .txt over the default limit" "the article takes 10.5 MB, over the limit of 10 MB per article (--max-article-mb N raises the limit)"
run build "$in/huge.txt" -o "$work/huge.json"
expect_error_line "build: a 10.5 MB .txt over the default limit" "huge.txt: the article takes 10.5 MB"
rm -f "$in/huge.txt"

echo "# usage errors"
run extract --max-article-mb -1 "$txt_a"
expect_rc "negative --max-article-mb" 2
run build --max-article-mb lots "$txt_a"
expect_rc "--max-article-mb not a number" 2

echo "# text with no sentence end"
# 30,000 words on one line with no punctuation: 15 sentences of 2,000 tokens, each tagged and
# related on its own.
"$py" -c 'import sys; w = "officials of France met Angela Merkel in Paris and London on".split(); print(" ".join(w[i % len(w)] for i in range(30000)))' \
  >"$in/endless.txt"
run extract --threads 1 "$in/endless.txt" -o "$work/endless.jsonl"
expect_rc "a 180 KB line without punctuation" 0
if "$py" - "$work/endless.jsonl" "$in/endless.txt" <<'PY'
import json, sys
line = json.loads(open(sys.argv[1]).read())
text = open(sys.argv[2], encoding="utf-8").read()
assert line["id"] == "endless"
assert line["mentions"], "no mention found"
for m in line["mentions"]:
    assert text[m["start"]:m["end"]] == m["text"], m
PY
then
  pass "its mentions stand where the text says"
else
  fail "endless line: wrong output $(head -c 200 "$work/endless.jsonl")"
fi
rm -f "$work/endless.jsonl"

echo "# progress of a long article"
repeat_article "$in/megabyte.txt" 1100000
run extract --threads 1 "$in/megabyte.txt" -o "$work/plain.jsonl"
if [ "$rc" -eq 0 ] && [ ! -s "$work/stderr" ]; then
  pass "no stages when stderr is not a terminal"
else
  fail "extract wrote to stderr: $(stderr_head)"
fi
if command -v script >/dev/null 2>&1; then
  script -q -e -c "$(printf '%q ' "$ng" extract --threads 1 "$in/megabyte.txt" -o "$work/tty.jsonl")" /dev/null \
    >"$work/tty" 2>&1 </dev/null
  rc=$?
  if [ "$rc" -eq 0 ] && grep -q 'megabyte: finding names' "$work/tty" && grep -q 'megabyte: relations' "$work/tty"; then
    pass "a long article shows its stages on a terminal"
  else
    fail "no stages on a terminal (exit $rc): $(head -c 300 "$work/tty" | tr '\r\n' '||')"
  fi
  expect_same "stages do not change the output" "$work/tty.jsonl" "$work/plain.jsonl"
  script -q -e -c "$(printf '%q ' "$ng" extract --quiet --threads 1 "$in/megabyte.txt" -o "$work/tty.jsonl")" \
    /dev/null >"$work/tty" 2>&1 </dev/null
  if [ ! -s "$work/tty" ]; then pass "--quiet shows no stages"; else fail "--quiet printed: $(head -c 200 "$work/tty" | tr '\r\n' '||')"; fi
  rm -f "$work"/tty*
fi
rm -f "$work/plain.jsonl"

finish
