#!/usr/bin/env bash
# Builds the fuzz configuration (clang, ASan + UBSan, libFuzzer; build-fuzz/) and runs each fuzz
# target of fuzz/ for SECONDS (default 60) over a scratch copy of its committed corpus
# (fuzz/corpus/<target>/, so runs commit nothing new) and its regressions
# (fuzz/regressions/<target>/, read only), with its dictionary (fuzz/dict/<target>.dict).
# Prints, per target, the executions, executions per second, coverage (edges), features,
# corpus size and peak memory, or the crash file it wrote; exits 1 when any target found
# something. See docs/robustness.md.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (default: every target)
# NEWSGRAPH_FUZZ_RUNS stops a target after that many executions if it comes first (the long
# campaign: NEWSGRAPH_FUZZ_RUNS=10000000 scripts/fuzz.sh 3600).
# NEWSGRAPH_BUILD_DIR overrides the build folder (scripts/test.sh uses its build-asan/, built
# with the same options); NEWSGRAPH_FUZZ_WORK the scratch folder (default BUILD/fuzz-work).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_jsonl fuzz_txt fuzz_graph_json fuzz_models fuzz_extract fuzz_kb)
build_dir=${NEWSGRAPH_BUILD_DIR:-build-fuzz}
work=${NEWSGRAPH_FUZZ_WORK:-$build_dir/fuzz-work}

# The sanitizer configuration; scripts/test.sh configures build-asan/ the same way.
cmake -S . -B "$build_dir" -DNEWSGRAPH_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" >/dev/null
cmake --build "$build_dir" --target fuzz -j"$(nproc)"

# Per target: the longest input tried, in bytes. The pipeline's time grows faster than the
# length of an article (see docs/robustness.md), so fuzz_extract gets short articles.
max_len() {
  case "$1" in
    fuzz_extract) echo 2048 ;;
    fuzz_models) echo 4096 ;;
    fuzz_graph_json) echo 16384 ;;
    *) echo 8192 ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"

status=0
for t in "${targets[@]}"; do
  exe="$build_dir/fuzz/$t"
  [ -x "$exe" ] || { echo "fuzz: no target $t in $build_dir/fuzz" >&2; exit 2; }
  rm -rf "$work/$t"
  mkdir -p "$work/$t/corpus" "$work/$t/artifacts"
  cp -R fuzz/corpus/"$t"/. "$work/$t/corpus/"
  dirs=("$work/$t/corpus")
  [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
  dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=(-dict="fuzz/dict/$t.dict")
  log="$work/$t/log.txt"
  set +e
  "$exe" "${dict[@]}" -max_total_time="$seconds" -runs="${NEWSGRAPH_FUZZ_RUNS:--1}" -max_len="$(max_len "$t")" -timeout=25 \
    -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$work/$t/artifacts/" "${dirs[@]}" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  found=$(ls "$work/$t/artifacts" 2>/dev/null | head -1)
  printf '%-16s %9s runs %7s/s  cov %6s  ft %6s  corpus %5s  rss %5s MB' "$t" "${runs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}"
  if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
    echo "  FOUND: ${found:+$work/$t/artifacts/$found} (exit $rc; log $log)"
    grep -m3 -E 'ERROR: |runtime error|guarantee broken|SUMMARY' "$log" | sed 's/^/    /' || true
    status=1
  else
    echo "  ok"
  fi
done
exit "$status"
