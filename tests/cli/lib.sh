#!/usr/bin/env bash
# Shared setup and assertions of the command-line checks in tests/cli/*.sh, each of which sources
# this file with its own arguments: the newsgraph binary, the source folder and, optionally, the
# version it must report. Sets $ng, $src, $samples, $py, $work (a scratch folder, removed at
# exit, the current folder), $in (inputs the checks write; every other file under $work is an
# output), the sample articles $txt_a, $txt_b and $jsonl, and $in/odd.jsonl (odd Unicode).
#
# Usage from a check script:  source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
# Each check prints one "ok"/"FAIL" line; the script ends with `finish`, which prints the count
# and exits 1 when any check failed.
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]" >&2
  exit 2
fi

ng=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
# shellcheck disable=SC2034  # read by app.sh
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

# Writes $in/garbage.jsonl: 20 articles of random characters and control codes (seeded).
make_garbage() {
  "$py" -c '
import json, random
rng = random.Random(7)
alphabet = [chr(c) for c in list(range(1, 0x80)) + [0xa0, 0x301, 0x200b, 0x202e, 0xfeff, 0x4e2d, 0x1f600]]
with open("in/garbage.jsonl", "w", encoding="utf-8") as f:
    for i in range(20):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        f.write(json.dumps({"id": f"g{i}", "text": text}) + "\n")
'
}

# Prints the count of checks and exits 1 when any failed.
finish() {
  echo "# $checks checks, $failures failed"
  [ "$failures" -eq 0 ]
  exit
}
