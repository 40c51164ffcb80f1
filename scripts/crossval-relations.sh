#!/usr/bin/env bash
# Estimates how the CoNLL04 recipe of scripts/train-relations.sh does on sentences no choice was
# tuned on. Dev chose that recipe's epochs, threshold, weights and templates, so its dev figure
# is optimistic, and the held-out test split is not in ../shared. Here CoNLL04's training split
# is cut into K folds (every K-th sentence); for each fold, both models are trained with the
# same recipe on the other folds (dev still choosing epochs, as in the recipe) and the fold is
# scored from raw text with `newsgraph eval-relations`. Prints each fold's strict micro F1 and the
# micro F1 over all folds (relations pooled). Deterministic; takes about two minutes.
#
# Usage: scripts/crossval-relations.sh [K [SEED]]   (K folds, default 5; the tagger's seed, default 1)
# NEWSGRAPH_BUILD_DIR overrides the build folder (default build/); NEWSGRAPH_SHARED_DIR the shared
# data folder (default ../shared); NEWSGRAPH_KEEP_WORK=1 keeps the folds, models and scores.
set -euo pipefail
cd "$(dirname "$0")/.."

folds=${1:-5}
seed=${2:-1}
build_dir=${NEWSGRAPH_BUILD_DIR:-build}
shared_dir=${NEWSGRAPH_SHARED_DIR:-../shared}
conll04=$shared_dir/data/conll04
ng=$build_dir/newsgraph

for f in "$conll04/conll04_train.json" "$conll04/conll04_dev.json" "$shared_dir/data/conll2003/eng.train"; do
  if [ ! -f "$f" ]; then
    echo "crossval-relations: error: '$f' is missing (set NEWSGRAPH_SHARED_DIR to the shared data folder)" >&2
    exit 1
  fi
done
if ! [[ $folds =~ ^[0-9]+$ ]] || [ "$folds" -lt 2 ]; then
  echo "crossval-relations: error: K must be a whole number of at least 2, not '$folds'" >&2
  exit 2
fi
if ! [[ $seed =~ ^[0-9]+$ ]]; then
  echo "crossval-relations: error: SEED must be a whole number, not '$seed'" >&2
  exit 2
fi
if [ ! -x "$ng" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build_dir" -j"$(nproc)" --target newsgraph_cli >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-crossval.XXXXXX")
if [ -n "${NEWSGRAPH_KEEP_WORK:-}" ]; then
  echo "crossval-relations: folds, models and scores kept in $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

python3 - "$conll04/conll04_train.json" "$work" "$folds" <<'EOF'
import json, sys
src, out, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
sents = json.load(open(src, encoding='utf-8'))
for f in range(k):
    held = [s for i, s in enumerate(sents) if i % k == f]
    rest = [s for i, s in enumerate(sents) if i % k != f]
    json.dump(held, open(f'{out}/fold{f}.json', 'w', encoding='utf-8'))
    json.dump(rest, open(f'{out}/rest{f}.json', 'w', encoding='utf-8'))
EOF

tp=0 pred=0 gold=0
for ((f = 0; f < folds; f++)); do
  domain=()
  for _ in 1 2 3 4; do domain+=(--domain "$work/rest$f.json"); done
  "$ng" train-ner --train "$shared_dir/data/conll2003/eng.train" "${domain[@]}" --dev "$conll04/conll04_dev.json" \
    --sentences-per-doc 0 --templates 3 --seed "$seed" -o "$work/ner$f.bin" 2>/dev/null
  "$ng" train-relations --train "$work/rest$f.json" --dev "$conll04/conll04_dev.json" --bags 5 \
    -o "$work/rel$f.bin" 2>/dev/null
  "$ng" eval-relations --conll04 "$work/fold$f.json" --model "$work/ner$f.bin" --relation-model "$work/rel$f.bin" \
    >"$work/eval$f.txt"
  # the strict micro line: "  micro P p R r F1 f  (tp N, pred N, gold N)"
  line=$(sed -n '/^RELATIONS STRICT/,/^RELATIONS BOUNDARIES/p' "$work/eval$f.txt" | grep '^  micro')
  read -r ftp fpred fgold < <(sed -E 's/.*tp ([0-9]+), pred ([0-9]+), gold ([0-9]+).*/\1 \2 \3/' <<<"$line")
  echo "fold $((f + 1))/$folds: strict micro F1 $(tail -n1 "$work/eval$f.txt" | cut -d' ' -f2) (tp $ftp, pred $fpred, gold $fgold)"
  tp=$((tp + ftp)) pred=$((pred + fpred)) gold=$((gold + fgold))
done
python3 -c "
tp, pred, gold = $tp, $pred, $gold
p = tp / pred if pred else 0.0; r = tp / gold if gold else 0.0
f = 2 * p * r / (p + r) if p + r else 0.0
print(f'all folds: strict micro P {p:.4f} R {r:.4f} F1 {f:.4f} (tp {tp}, pred {pred}, gold {gold})')"
