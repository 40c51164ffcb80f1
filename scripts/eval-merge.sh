#!/usr/bin/env bash
# Measures cross-article merging on ECB+ (../shared/data/ecbplus), by default on the val topics
# (2, 5, 12, 18, 21, 23, 34, 35) with the mentions of the validated sentences, exactly as the
# held-out topics are measured:
#   1. ../shared/eval/cdcr_to_jsonl.py writes each topic's articles (tokens joined by spaces,
#      sentences by newlines) and its gold named PER/ORG/LOC mentions;
#   2. `newsgraph build` runs the whole pipeline on each topic (one graph per topic, the
#      system's own mention detection) with --mentions, and --explain-merges beside it;
#   3. ../shared/eval/merge_score.py scores the mentions of all topics together (pairs only
#      within a topic): detection recall (exact, exact-or-head), B-cubed, cross-document
#      pairwise P/R/F1, per topic and overall. Its last line is "F1 <cross-document F1>".
#
# Usage: scripts/eval-merge.sh [--topics SPEC] [--keep DIR] [-- BUILD_OPTIONS...]
#   --topics SPEC   topics as cdcr_to_jsonl.py takes them ("2,5,12" or "1-35"); default: val
#   --keep DIR      write the per-topic inputs, graphs, mentions and merge explanations to DIR
#                   (default: a temporary folder, removed afterwards)
#   BUILD_OPTIONS   passed to every `newsgraph build` (e.g. --ner rules)
# NEWSGRAPH_BUILD_DIR overrides the build folder (default build/); NEWSGRAPH_SHARED_DIR the shared
# data folder (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEWSGRAPH_BUILD_DIR:-build}
shared_dir=${NEWSGRAPH_SHARED_DIR:-../shared}
topics=2,5,12,18,21,23,34,35
keep=
build_opts=()
while [ $# -gt 0 ]; do
  case $1 in
    --topics) topics=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --) shift; build_opts=("$@"); break ;;
    *) echo "eval-merge: error: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done

for f in "$shared_dir/eval/cdcr_to_jsonl.py" "$shared_dir/eval/merge_score.py" "$shared_dir/data/ecbplus/ECB+"; do
  if [ ! -e "$f" ]; then
    echo "eval-merge: error: '$f' is missing (set NEWSGRAPH_SHARED_DIR to the shared data folder)" >&2
    exit 1
  fi
done
if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi

if [ ! -x "$build_dir/newsgraph" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)" --target newsgraph_cli >/dev/null

if [ -n "$keep" ]; then
  work=$keep
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

"$py" "$shared_dir/eval/cdcr_to_jsonl.py" ecbplus "$work" --topics "$topics" --validated-only \
  --root "$shared_dir/data/ecbplus" >"$work/topics.txt"

: >"$work/all.mentions.jsonl"
for docs in "$work"/*.docs.jsonl; do
  t=$(basename "$docs" .docs.jsonl)
  "$build_dir/newsgraph" build "$docs" -o "$work/$t.graph.json" --mentions "$work/$t.mentions.jsonl" \
    --explain-merges "$work/$t.merges.txt" ${build_opts[@]+"${build_opts[@]}"}
  cat "$work/$t.mentions.jsonl" >>"$work/all.mentions.jsonl"
done

echo "eval-merge: ECB+ topics $topics, validated sentences, newsgraph $("$build_dir/newsgraph" --version)"
"$py" "$shared_dir/eval/merge_score.py" "$work/all.gold.json" "$work/all.mentions.jsonl" --per-topic
