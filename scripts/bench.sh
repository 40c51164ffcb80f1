#!/usr/bin/env bash
# Throughput benchmark: `newsgraph extract` on the 2,225 BBC News articles of
# ../shared/data/bbc_news/bbc (read in place, never copied), on one thread and on all threads,
# 3 runs each, then the same articles through the compromise NLP library (Node, bench/js) for
# comparison. Prints the machine, every run, best and median rates, peak memory and the
# one-thread speed ratio newsgraph/compromise.
#
# Rates are over the extraction alone: reading the input and loading the knowledge are timed
# apart (read_s, load_s) and excluded, for compromise too (reading the files, importing the
# library). Peak memory is /usr/bin/time's "Maximum resident set size" of the whole process.
#
# NEWSGRAPH_BUILD_DIR overrides the build folder (default build/); NEWSGRAPH_SHARED_DIR the
# shared data folder (default ../shared, beside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEWSGRAPH_BUILD_DIR:-build}
shared_dir=${NEWSGRAPH_SHARED_DIR:-../shared}
corpus=$shared_dir/data/bbc_news/bbc
runs=3

if [ ! -d "$shared_dir" ]; then
  echo "bench: error: the shared data folder '$shared_dir' is missing (expected beside the" \
    "repository, or set NEWSGRAPH_SHARED_DIR); the benchmark reads $corpus from it" >&2
  exit 1
fi
if [ ! -d "$corpus" ]; then
  echo "bench: error: the BBC News corpus '$corpus' is missing from the shared data" >&2
  exit 1
fi

bash scripts/setup.sh
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target newsgraph_cli -j"$(nproc)"
(cd bench/js && npm ci --no-audit --no-fund --loglevel=error)

if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi
newsgraph=$build_dir/newsgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n1)
if [ -z "$cpu" ] && command -v lscpu >/dev/null 2>&1; then
  cpu=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)
fi
compromise_version=$(node -p 'require("./bench/js/node_modules/compromise/package.json").version')

{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "nproc=$(nproc)"
  echo "cpu=${cpu:-unknown}"
  echo "kernel=$(uname -sm)"
  echo "newsgraph=$("$newsgraph" --version)"
  echo "node=$(node --version)"
  echo "compromise=$compromise_version"
  echo "corpus=$corpus"
} >"$work/machine"

# One measured run: "$1" names it, "$2" takes the command's stdout, the rest is the command.
# The tool's stats line (from stdout or stderr) and its peak RSS are appended to $work/runs.
measure() {
  local name=$1 stdout=$2
  shift 2
  : >"$work/out"
  if ! /usr/bin/time -v -o "$work/time" "$@" >"$stdout" 2>"$work/err"; then
    echo "bench: error: '$*' failed:" >&2
    cat "$work/err" >&2
    exit 1
  fi
  local stats rss
  stats=$(grep -h -m1 ': stats: ' "$work/out" "$work/err" || true)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$work/time")
  if [ -z "$stats" ] || [ -z "$rss" ]; then
    echo "bench: error: '$*' printed no stats line or /usr/bin/time no peak memory" >&2
    exit 1
  fi
  echo "run=$name ${stats#*: stats: } max_rss_kb=$rss" >>"$work/runs"
  echo "  $name: ${stats#*: stats: } max_rss_kb=$rss"
}

echo
echo "bench: newsgraph extract on $corpus, $runs runs per setting"
for threads in 1 0; do
  for _ in $(seq "$runs"); do
    measure "newsgraph-t$threads" /dev/null "$newsgraph" extract --stats --threads "$threads" "$corpus"
  done
done
echo "bench: compromise $compromise_version on the same articles, $runs runs"
for _ in $(seq "$runs"); do
  measure compromise "$work/out" node bench/js/compromise_bench.mjs "$corpus"
done

"$py" - "$work/machine" "$work/runs" "$runs" <<'PY'
import statistics, sys

machine = dict(line.rstrip("\n").split("=", 1) for line in open(sys.argv[1], encoding="utf-8"))
runs = {}
for line in open(sys.argv[2], encoding="utf-8"):
    fields = dict(f.split("=", 1) for f in line.split())
    runs.setdefault(fields.pop("run"), []).append(fields)
n_runs = int(sys.argv[3])


def figures(name, count_key):
    rs = runs[name]
    secs = sorted(float(r["extract_s"]) for r in rs)
    count, size = int(rs[0][count_key]), int(rs[0]["bytes"])
    best, median = secs[0], statistics.median(secs)
    return {
        "count": count, "bytes": size, "articles": int(rs[0]["articles"]),
        "words": int(rs[0]["words"]),
        "rate_best": count / best, "rate_median": count / median,
        "mb_best": size / 1e6 / best, "mb_median": size / 1e6 / median,
        "words_best": int(rs[0]["words"]) / best,
        "rss_mb": max(int(r["max_rss_kb"]) for r in rs) / 1024,
        "load_s": statistics.median(float(r["load_s"]) for r in rs),
    }


t1, tall, cp = figures("newsgraph-t1", "tokens"), figures("newsgraph-t0", "tokens"), figures("compromise", "words")
ng_words = t1["words"]
if (t1["articles"], t1["bytes"]) != (cp["articles"], cp["bytes"]):
    print(f"bench: warning: newsgraph read {t1['articles']} articles / {t1['bytes']} bytes, compromise "
          f"{cp['articles']} / {cp['bytes']}: the comparison is not like for like", file=sys.stderr)
cp_ws = int(runs["compromise"][0]["ws_words"])

print()
print(f"newsgraph benchmark, {machine['date']}")
print(f"  machine:  {machine['cpu']}, nproc {machine['nproc']}, {machine['kernel']}")
print(f"  software: {machine['newsgraph']} (Release), node {machine['node']}, compromise {machine['compromise']}")
print(f"  corpus:   {machine['corpus']}: {t1['articles']} articles, {t1['bytes'] / 1e6:.2f} MB of text "
      f"(MB = 10^6 bytes)")
print(f"            newsgraph: {t1['count']} tokens, {ng_words} of them words/numbers; "
      f"compromise: {cp['count']} terms ({cp_ws} whitespace-separated words)")
print()
print(f"Extraction only (reading and loading excluded), {n_runs} runs each; best / median; "
      "peak RSS = largest of the runs, whole process")
print()
print(f"  {'':<22} {'rate best':>11} {'median':>11} {'unit':<9} {'MB/s best':>9} {'median':>8} "
      f"{'peak RSS':>10} {'load s':>7}")
rows = [
    ("newsgraph --threads 1", t1, "tokens/s"),
    ("newsgraph --threads 0", tall, "tokens/s"),
    ("compromise (1 thread)", cp, "terms/s"),
]
for label, f, unit in rows:
    print(f"  {label:<22} {f['rate_best']:>11,.0f} {f['rate_median']:>11,.0f} {unit:<9} {f['mb_best']:>9.3f} "
          f"{f['mb_median']:>8.3f} {f['rss_mb']:>6.1f} MiB {f['load_s']:>7.3f}")
print(f"  (--threads 0 = one worker per core; nproc here is {machine['nproc']}; "
      f"all threads vs one: x{tall['mb_best'] / t1['mb_best']:.2f})")
print()
print("One thread, side by side (best of runs)")
print()
print(f"  {'':<34} {'newsgraph':>12} {'compromise':>12} {'newsgraph/compromise':>22}")
print(f"  {'MB/s (the same bytes)':<34} {t1['mb_best']:>12.3f} {cp['mb_best']:>12.3f} "
      f"{t1['mb_best'] / cp['mb_best']:>21.1f}x")
print(f"  {'words/s (words/numbers vs terms)':<34} {t1['words_best']:>12,.0f} {cp['rate_best']:>12,.0f} "
      f"{t1['words_best'] / cp['rate_best']:>21.1f}x")
print(f"  {'peak RSS, MiB':<34} {t1['rss_mb']:>12.1f} {cp['rss_mb']:>12.1f}")
print(f"  {'load s (knowledge / import)':<34} {t1['load_s']:>12.3f} {cp['load_s']:>12.3f}")
PY
