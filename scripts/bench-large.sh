#!/usr/bin/env bash
# Large-input benchmark: how time and memory grow with the length of ONE article.
#
# Builds newsgraph (Release) and writes, into a temporary folder (removed afterwards, never
# committed):
#   article-1, article-5, article-50   one .txt article of 1, 5 and 50 MB: the bodies of the 2,225
#                                      BBC News articles (../shared/data/bbc_news/bbc) one after
#                                      the other, from the start again until the size is reached
#   noent-50, noent-200                one JSON line of 50 and 200 MB whose text is lower-case
#                                      words without punctuation (no entity, no sentence end)
# then runs `newsgraph extract` and `newsgraph build` on each, and on the 2,225 BBC files as they
# are (bbc-files, the reference), all with --threads 1 (one article is one worker's work).
# Prints, per run: wall seconds and peak RSS (/usr/bin/time, whole process), MB/s, and the
# seconds per MB against the bbc-files run of the same command (x1 = as fast per byte as
# many small articles).
#
# A run that goes over the time limit is killed and shown as "timeout"; one that goes over the
# memory limit (address space, `ulimit -v`) as "no memory"; one that exits non-zero otherwise
# shows its exit code and its first line of stderr (e.g. an article over --max-article-mb).
#
# Usage: scripts/bench-large.sh [CASE...] [-- NEWSGRAPH_FLAGS...]
#   CASE     any of bbc-files article-1 article-5 article-50 noent-50 noent-200 (default all;
#            bbc-files is always run, as the reference)
#   FLAGS    passed to every extract and build run, e.g. -- --max-article-mb 256
# Environment:
#   BENCH_LARGE_TIMEOUT   seconds per run (default 900)
#   BENCH_LARGE_MEM_MB    address-space limit per run in MiB (default 12000)
#   NEWSGRAPH_BUILD_DIR   build folder (default build/)
#   NEWSGRAPH_SHARED_DIR  shared data folder (default ../shared, beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEWSGRAPH_BUILD_DIR:-build}
shared_dir=${NEWSGRAPH_SHARED_DIR:-../shared}
corpus=$shared_dir/data/bbc_news/bbc
timeout_s=${BENCH_LARGE_TIMEOUT:-900}
mem_mb=${BENCH_LARGE_MEM_MB:-12000}
all_cases="article-1 article-5 article-50 noent-50 noent-200"

cases=()
flags=()
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; flags=("$@"); break ;;
    bbc-files) shift ;;
    article-1 | article-5 | article-50 | noent-50 | noent-200) cases+=("$1"); shift ;;
    *) echo "bench-large: error: unknown case '$1' (expected: bbc-files $all_cases, or -- FLAGS)" >&2; exit 2 ;;
  esac
done
[ ${#cases[@]} -gt 0 ] || read -r -a cases <<<"$all_cases"

if [ ! -d "$corpus" ]; then
  echo "bench-large: error: the BBC News corpus '$corpus' is missing (set NEWSGRAPH_SHARED_DIR)" >&2
  exit 1
fi
if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target newsgraph_cli -j"$(nproc)" >/dev/null
newsgraph=$build_dir/newsgraph

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# make_input CASE: writes the input of CASE under $work and prints its path.
make_input() {
  "$py" - "$corpus" "$work" "$1" <<'PY'
import json, os, sys
corpus, work, case = sys.argv[1:4]
kind, mb = case.rsplit("-", 1)
size = int(mb) * 1000 * 1000
if kind == "article":
    bodies = []
    for d in sorted(os.listdir(corpus)):
        p = os.path.join(corpus, d)
        if not os.path.isdir(p):
            continue
        for n in sorted(os.listdir(p)):
            if n.endswith(".txt"):
                with open(os.path.join(p, n), encoding="utf-8", errors="replace") as f:
                    text = f.read()
                # The body: what follows the title line and the blank line after it.
                parts = text.split("\n", 2)
                bodies.append((parts[2] if len(parts) == 3 else text).strip())
    data = bytearray()
    i = 0
    while len(data) < size:
        data += bodies[i % len(bodies)].encode("utf-8") + b"\n\n"
        i += 1
    # Cut at the last paragraph break before the size, so the text stays whole UTF-8.
    cut = data.rfind(b"\n\n", 0, size)
    path = os.path.join(work, case + ".txt")
    with open(path, "wb") as f:
        f.write(b"Large article\n\n" + data[: cut + 1])
else:
    words = ("the and of to in a that is was for on with as by at from it be this which or are "
             "were had has have not but been after more than about their they would will when "
             "there one two three over into some could all also its other years new people made "
             "time first last week market growth plans week sales rise fall deal game team").split()
    state = 12345
    out = []
    n = 0
    while n < size:
        line = []
        for _ in range(12):
            state = (state * 1103515245 + 12345) % 2**31
            line.append(words[(state >> 8) % len(words)])
        s = " ".join(line) + "\n"
        out.append(s)
        n += len(s)
    path = os.path.join(work, case + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": case, "text": "".join(out)}) + "\n")
print(path)
PY
}

# measure CASE COMMAND INPUT BYTES: one run, a line "CASE COMMAND BYTES STATUS SECONDS RSS_KB" in
# $work/runs, the stderr's first line in $work/err-CASE-COMMAND.
measure() {
  local name=$1 command=$2 input=$3 bytes=$4 out
  out=$work/out-$name-$command
  [ "$command" = build ] && out=$out.json
  local rc=0
  (
    ulimit -v $((mem_mb * 1024))
    exec /usr/bin/time -f "%e %M" -o "$work/time" timeout --signal=KILL "$timeout_s" \
      "$newsgraph" "$command" -q --threads 1 "${flags[@]}" "$input" -o "$out"
  ) 2>"$work/err" || rc=$?
  rm -f "$out"
  local status=ok secs rss
  read -r secs rss < <(tail -n1 "$work/time" 2>/dev/null || true)
  if [ "$rc" = 137 ] || [ "$rc" = 124 ]; then
    status=timeout secs=$timeout_s rss=-
  elif [ "$rc" != 0 ]; then
    if grep -q -i -e 'bad_alloc' -e 'memory' "$work/err"; then status=no-memory; else status=exit-$rc; fi
    head -n1 "$work/err" | cut -c1-160 >"$work/err-$name-$command"
  fi
  echo "$name $command $bytes $status ${secs:--} ${rss:--}" >>"$work/runs"
  echo "  $name $command: $status, ${secs:--} s, peak RSS ${rss:--} KiB" >&2
  if [ -s "$work/err-$name-$command" ]; then echo "    $(cat "$work/err-$name-$command")" >&2; fi
}

echo "bench-large: $("$newsgraph" --version), time limit ${timeout_s} s, memory limit ${mem_mb} MiB," \
  "flags: ${flags[*]:-(none)}" >&2
: >"$work/runs"
bbc_bytes=$(find "$corpus" -name '*.txt' -print0 | xargs -0 cat | wc -c)
for command in extract build; do measure bbc-files "$command" "$corpus" "$bbc_bytes"; done
for c in "${cases[@]}"; do
  input=$(make_input "$c")
  bytes=$(wc -c <"$input")
  for command in extract build; do measure "$c" "$command" "$input" "$bytes"; done
  rm -f "$input"
done

"$py" - "$work" <<'PY'
import os, sys
work = sys.argv[1]
rows = [line.split() for line in open(os.path.join(work, "runs"))]
ref = {r[1]: float(r[4]) / (int(r[2]) / 1e6) for r in rows if r[0] == "bbc-files" and r[3] == "ok"}
print()
print("newsgraph on one large article (--threads 1; MB = 10^6 bytes; x = seconds per MB against "
      "the 2,225 BBC files)")
print()
print(f"  {'case':<11} {'command':<8} {'MB':>7} {'seconds':>8} {'peak RSS MiB':>13} {'MB/s':>7} "
      f"{'x bbc':>6}  status")
for name, command, size, status, secs, rss in rows:
    mb = int(size) / 1e6
    shown_rss = f"{int(rss) / 1024:.0f}" if rss != "-" else "-"
    if status == "ok":
        s = float(secs)
        rate = f"{mb / s:.2f}" if s > 0 else "-"
        ratio = f"{s / mb / ref[command]:.1f}" if command in ref else "-"
        shown_secs = f"{s:.1f}"
    else:
        rate = ratio = "-"
        shown_secs = (">" if status == "timeout" else "") + f"{float(secs):.1f}" if secs != "-" else "-"
    note = status
    err = os.path.join(work, f"err-{name}-{command}")
    if status != "ok" and os.path.exists(err):
        note += ": " + open(err).read().strip()
    print(f"  {name:<11} {command:<8} {mb:>7.1f} {shown_secs:>8} {shown_rss:>13} {rate:>7} {ratio:>6}  {note}")
PY
