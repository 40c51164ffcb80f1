#!/usr/bin/env bash
# Trains the two CoNLL04 models on the training split of ../shared, each choosing its epoch on the
# dev split: the relation classifier models/rel-en.bin (used by every pipeline) and the tagger
# models/ner-conll04.bin (CoNLL04's span conventions, used by eval-relations). Then prints their
# figures on dev through the whole pipeline (raw text, our own mentions): newsgraph
# eval-relations. Deterministic; takes about fifteen seconds.
# NEWSGRAPH_BUILD_DIR overrides the build folder (default build/); NEWSGRAPH_SHARED_DIR the shared
# data folder (default ../shared). Extra arguments go to train-relations.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEWSGRAPH_BUILD_DIR:-build}
shared_dir=${NEWSGRAPH_SHARED_DIR:-../shared}
conll04=$shared_dir/data/conll04

for f in "$conll04/conll04_train.json" "$conll04/conll04_dev.json" "$shared_dir/data/conll2003/eng.train"; do
  if [ ! -f "$f" ]; then
    echo "train-relations: error: '$f' is missing (set NEWSGRAPH_SHARED_DIR to the shared data folder)" >&2
    exit 1
  fi
done

if [ ! -x "$build_dir/newsgraph" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build_dir" -j"$(nproc)" --target newsgraph_cli

# The CoNLL04 tagger learns from CoNLL-2003's training split (which adds names and contexts;
# alone CoNLL04 has 922 sentences) and from CoNLL04's, given four times the weight, as the target
# corpus: with feature templates 3 every feature has a shared copy and a CoNLL04 copy, so that
# CoNLL04's own conventions (titles inside person names) do not fight CoNLL-2003's.
conll04_weighted=()
for _ in 1 2 3 4; do conll04_weighted+=(--domain "$conll04/conll04_train.json"); done
"$build_dir/newsgraph" train-ner --train "$shared_dir/data/conll2003/eng.train" "${conll04_weighted[@]}" \
  --dev "$conll04/conll04_dev.json" --sentences-per-doc 0 --templates 3 -o models/ner-conll04.bin
"$build_dir/newsgraph" train-relations --train "$conll04/conll04_train.json" --dev "$conll04/conll04_dev.json" \
  --bags 5 -o models/rel-en.bin "$@"
"$build_dir/newsgraph" eval-relations --conll04 "$conll04/conll04_dev.json"
