#!/usr/bin/env bash
# Our evaluation commands agree with the reference scorers of ../shared/eval on the dev data:
#   eval-ner --conll eng.testa        vs  conll_to_jsonl.py + extract + ner_score.py
#   eval-relations --conll04 dev.json vs  conll04_to_jsonl.py + extract + rel_score.py
# and that train-relations and train-ner still reproduce the committed models/rel-en.bin and
# models/ner-conll04.bin (scripts/train-relations.sh).
# Every figure line must be identical. Prints a skip line and passes when ../shared is absent
# (a clone without the data), since there is nothing to compare then.
#
# Usage: eval_agreement.sh NEWSGRAPH_BINARY SHARED_DIR
set -uo pipefail
ng=$1
shared=$2
if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi
conll=$shared/data/conll2003/eng.testa
conll04=$shared/data/conll04/conll04_dev.json
if [ ! -f "$conll" ] || [ ! -f "$conll04" ] || [ ! -d "$shared/eval" ]; then
  echo "skip - no shared data at $shared"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-eval-agreement.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

"$py" "$shared/eval/conll_to_jsonl.py" "$conll" "$work/ner.jsonl" "$work/ner_gold.json" 2>/dev/null
"$ng" extract "$work/ner.jsonl" -o "$work/ner_out.jsonl"
"$py" "$shared/eval/ner_score.py" "$work/ner_gold.json" "$work/ner_out.jsonl" | grep -E '^(PER|ORG|LOC|ALL|F1) ' \
  >"$work/ner_ref.txt"
"$ng" eval-ner --conll "$conll" | grep -E '^(PER|ORG|LOC|ALL|F1) ' >"$work/ner_ours.txt"
if [ -s "$work/ner_ref.txt" ] && diff "$work/ner_ref.txt" "$work/ner_ours.txt" >"$work/diff"; then
  echo "ok   - eval-ner agrees with ner_score.py ($(tail -n1 "$work/ner_ours.txt"))"
else
  echo "FAIL - eval-ner and ner_score.py differ:"; cat "$work/diff"; failures=$((failures + 1))
fi

"$py" "$shared/eval/conll04_to_jsonl.py" "$conll04" "$work/rel.jsonl" "$work/rel_gold.json" 2>/dev/null
src_dir=$(cd "$(dirname "$0")/.." && pwd)
# extract with the settings eval-relations uses by default for CoNLL04
"$ng" extract "$work/rel.jsonl" --ner tagger-only --model "$src_dir/models/ner-conll04.bin" --min-confidence 0.4 \
  -o "$work/rel_out.jsonl"
"$py" "$shared/eval/rel_score.py" "$work/rel_gold.json" "$work/rel_out.jsonl" | grep -E '^(  |F1 |[A-Z]+ )' \
  >"$work/rel_ref.txt"
"$ng" eval-relations --conll04 "$conll04" | grep -E '^(  |F1 |[A-Z]+ )' >"$work/rel_ours.txt"
if [ -s "$work/rel_ref.txt" ] && diff "$work/rel_ref.txt" "$work/rel_ours.txt" >"$work/diff"; then
  echo "ok   - eval-relations agrees with rel_score.py ($(tail -n1 "$work/rel_ours.txt"))"
else
  echo "FAIL - eval-relations and rel_score.py differ:"; cat "$work/diff"; failures=$((failures + 1))
fi
# The committed CoNLL04 models are what training makes from today's code and data.
# reproduces MODEL COMMAND ARGS...: runs `newsgraph COMMAND ARGS... -o tmp/MODEL`, compares with models/MODEL.
reproduces() {
  local model=$1 command=$2
  shift 2
  "$ng" "$command" "$@" -o "$work/$model" 2>/dev/null
  if cmp -s "$work/$model" "$src_dir/models/$model"; then
    echo "ok   - $command reproduces models/$model byte for byte"
  else
    echo "FAIL - $command no longer reproduces models/$model (run scripts/train-relations.sh)"
    failures=$((failures + 1))
  fi
}
reproduces rel-en.bin train-relations --train "$shared/data/conll04/conll04_train.json" --dev "$conll04" --bags 5
conll04_weighted=()
for _ in 1 2 3 4; do conll04_weighted+=(--domain "$shared/data/conll04/conll04_train.json"); done
reproduces ner-conll04.bin train-ner --train "$shared/data/conll2003/eng.train" "${conll04_weighted[@]}" --dev "$conll04" --sentences-per-doc 0 \
  --templates 3
[ "$failures" -eq 0 ]
