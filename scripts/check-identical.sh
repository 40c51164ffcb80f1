#!/usr/bin/env bash
# Checks that the working tree behaves byte for byte like revision REV: builds both (Release, in
# copies under a work folder, so neither the repository nor its models/ is touched) and compares
#   - every export of samples/ and of the seed articles (../shared/seeds): DOT, GraphML, JSON-LD,
#     JSON (with sources), Cypher for Neo4j and Kuzu, the HTML report, Neo4j CSV, --mentions,
#     --explain-merges, and the drawings (--render .svg and .dot);
#   - `extract` on the samples, the seeds and the 2,225 BBC articles, and `build` of the BBC
#     articles with --mentions and --explain-merges;
#   - the bytes of every model the training scripts (scripts/train-*.sh) produce;
#   - the figures printed by eval-ner (CoNLL-2003 dev, pipeline and tagger alone),
#     eval-relations (CoNLL04 dev) and scripts/eval-merge.sh (ECB+ val).
# Prints one line per comparison and "identical" or "DIFFERENT: ..." at the end; exits 1 when
# anything differs.
#
# Usage: scripts/check-identical.sh REV [--quick] [--keep DIR]
#   --quick     skip the training scripts (the slowest part, several minutes)
#   --keep DIR  work in DIR and keep it (default: a temporary folder, removed afterwards)
# NEWSGRAPH_SHARED_DIR: the shared data folder (default ../shared, beside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rev=
quick=0
keep=
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1; shift ;;
    --keep) keep=$2; shift 2 ;;
    -*) echo "check-identical: error: unknown option '$1'" >&2; exit 2 ;;
    *) rev=$1; shift ;;
  esac
done
if [ -z "$rev" ]; then
  echo "usage: scripts/check-identical.sh REV [--quick] [--keep DIR]" >&2
  exit 2
fi
git rev-parse --verify --quiet "$rev^{commit}" >/dev/null || {
  echo "check-identical: error: '$rev' is not a revision of this repository" >&2
  exit 2
}
shared=$(cd "${NEWSGRAPH_SHARED_DIR:-../shared}" 2>/dev/null && pwd) || {
  echo "check-identical: error: the shared data folder is missing (set NEWSGRAPH_SHARED_DIR)" >&2
  exit 1
}

if [ -n "$keep" ]; then
  mkdir -p "$keep"
  work=$(cd "$keep" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

# Two source trees: the revision, and the working tree as it is (tracked and untracked files
# that git does not ignore).
rm -rf "$work/base" "$work/tree"
mkdir -p "$work/base" "$work/tree"
git archive "$rev" | tar -x -C "$work/base"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] || continue
  mkdir -p "$work/tree/$(dirname "$f")"
  cp -p "$f" "$work/tree/$f"
done

for side in base tree; do
  echo "check-identical: building $side" >&2
  cmake -S "$work/$side" -B "$work/$side/build" -DCMAKE_BUILD_TYPE=Release -DNEWSGRAPH_BUILD_TESTS=OFF >/dev/null
  cmake --build "$work/$side/build" -j"$(nproc)" --target newsgraph_cli >/dev/null
done

bbc_jsonl=$work/bbc.jsonl
/usr/bin/python3 - "$shared/data/bbc_news/bbc" "$bbc_jsonl" <<'PY'
import json, os, sys
root, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for d in sorted(os.listdir(root)):
        p = os.path.join(root, d)
        if not os.path.isdir(p):
            continue
        for n in sorted(os.listdir(p)):
            if n.endswith(".txt"):
                with open(os.path.join(p, n), encoding="utf-8", errors="replace") as t:
                    f.write(json.dumps({"id": d + "/" + n[:-4], "text": t.read()}) + "\n")
PY

# run_side SIDE: every output of SIDE's build into $work/out-SIDE.
run_side() {
  local side=$1 tree=$work/$1 out=$work/out-$1
  local ng=$tree/build/newsgraph
  rm -rf "$out"
  mkdir -p "$out"
  export NEWSGRAPH_MODEL=$tree/models/ner-en.bin NEWSGRAPH_RELATION_MODEL=$tree/models/rel-en.bin
  for set in samples seeds; do
    local input=$tree/samples
    [ "$set" = seeds ] && input=$shared/seeds
    mkdir -p "$out/$set/csv"
    (cd "$tree" && "$ng" build -q "$input" -o "$out/$set/g.dot" -o "$out/$set/g.graphml" -o "$out/$set/g.jsonld" \
      -o "$out/$set/g.json" -o "$out/$set/g.cypher" -o "$out/$set/g.kuzu.cypher" -o "$out/$set/g.html" \
      --neo4j-csv "$out/$set/csv" --mentions "$out/$set/mentions.jsonl" \
      --explain-merges "$out/$set/merges.txt" --render "$out/$set/draw.svg" --render "$out/$set/draw.dot")
    (cd "$tree" && "$ng" build -q "$input" --co-mentions --ner rules -o "$out/$set/rules.json")
    (cd "$tree" && "$ng" render "$out/$set/g.json" -o "$out/$set/render.dot" -o "$out/$set/report.html" \
      --quotes full --keep-isolated --articles "$input")
    (cd "$tree" && "$ng" extract -q "$input" -o "$out/$set/extract.jsonl")
  done
  mkdir -p "$out/bbc"
  (cd "$tree" && "$ng" extract -q "$bbc_jsonl" -o "$out/bbc/extract.jsonl")
  (cd "$tree" && "$ng" build -q "$bbc_jsonl" -o "$out/bbc/g.json" --mentions "$out/bbc/mentions.jsonl" \
    --explain-merges "$out/bbc/merges.txt")
  mkdir -p "$out/eval"
  (cd "$tree" && "$ng" eval-ner --conll "$shared/data/conll2003/eng.testa" >"$out/eval/eval-ner.txt")
  (cd "$tree" && "$ng" eval-ner --tagger-only --conll "$shared/data/conll2003/eng.testa" \
    >"$out/eval/eval-ner-tagger.txt")
  (cd "$tree" && "$ng" eval-relations --conll04 "$shared/data/conll04/conll04_dev.json" \
    --model "$tree/models/ner-conll04.bin" >"$out/eval/eval-relations.txt")
  (cd "$tree" && NEWSGRAPH_BUILD_DIR=$tree/build NEWSGRAPH_SHARED_DIR=$shared bash scripts/eval-merge.sh |
    sed 's/newsgraph [0-9.]*$/newsgraph VERSION/' >"$out/eval/eval-merge.txt")
  unset NEWSGRAPH_MODEL NEWSGRAPH_RELATION_MODEL
  if [ "$quick" = 0 ]; then
    mkdir -p "$out/models"
    (cd "$tree" && NEWSGRAPH_BUILD_DIR=$tree/build NEWSGRAPH_SHARED_DIR=$shared bash scripts/train-ner.sh \
      >/dev/null 2>"$out/models/train-ner.log")
    (cd "$tree" && NEWSGRAPH_BUILD_DIR=$tree/build NEWSGRAPH_SHARED_DIR=$shared bash scripts/train-relations.sh \
      2>"$out/models/train-relations.log" | grep -v '^\[ *[0-9]*%\]' >"$out/models/train-relations.out")
    cp "$tree"/models/*.bin "$out/models/"
  fi
}

for side in base tree; do
  echo "check-identical: running $side" >&2
  run_side "$side"
done

status=0
cd "$work/out-base"
while IFS= read -r f; do
  f=${f#./}
  if [ ! -f "$work/out-tree/$f" ]; then
    echo "DIFFERENT: $f is missing from the working tree's outputs"
    status=1
  elif cmp -s "$f" "$work/out-tree/$f"; then
    echo "same  $f ($(wc -c <"$f") bytes)"
  else
    echo "DIFFERENT: $f"
    status=1
  fi
done < <(find . -type f ! -name '*.log' | sort)
while IFS= read -r f; do
  f=${f#./}
  [ -f "$work/out-base/$f" ] || { echo "DIFFERENT: $f is new in the working tree's outputs"; status=1; }
done < <(cd "$work/out-tree" && find . -type f ! -name '*.log' | sort)

if [ "$status" = 0 ]; then
  echo "identical: the working tree against $(git -C "$root" rev-parse --short "$rev")$([ "$quick" = 1 ] && echo ' (models not retrained: --quick)')"
else
  echo "check-identical: outputs differ from $rev (compare under --keep DIR)"
fi
exit "$status"
