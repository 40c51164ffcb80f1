#!/usr/bin/env bash
# Trains the NER tagger model committed as models/ner-en.bin: builds newsgraph in Release mode
# when the build folder has no binary yet, then trains on the CoNLL-2003 training split, choosing
# the number of epochs on its dev split (eng.testa), both read in place from the shared data.
# The result is deterministic: the same data and seed give the same model bytes.
#
# The GMB subset (../shared/data/gmb/gmb_subset.conll) is not used: added to the CoNLL training
# data it lowers dev F1 over PER/ORG/LOC from about 0.915 to about 0.88 (its annotation differs:
# nationalities are places, tags are partly automatic).
#
# CoNLL04 (SpERT JSON, read by train-ner since it is .json) is not used yet either. Added with
#   --train ../shared/data/conll04/conll04_train.json --sentences-per-doc 5 --hash-bits 22
# it raises CoNLL04 dev entity F1 (PER/ORG/LOC, exact spans, whole pipeline) from 0.66 to about
# 0.77 (0.758-0.778 over seeds 1-14), but CoNLL-2003 dev F1 falls to about 0.910 (0.900-0.915;
# only seeds 1 and 2 reach 0.915), and with seed 1 "NATO's Military Committee" in
# tests/relations_test.cpp is no longer found.
#
# NEWSGRAPH_BUILD_DIR overrides the build folder (default build/); NEWSGRAPH_SHARED_DIR the
# shared data folder (default ../shared, beside the repository). Extra arguments go to
# `newsgraph train-ner` (e.g. --seed N).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEWSGRAPH_BUILD_DIR:-build}
shared_dir=${NEWSGRAPH_SHARED_DIR:-../shared}
conll=$shared_dir/data/conll2003

for f in "$conll/eng.train" "$conll/eng.testa"; do
  if [ ! -f "$f" ]; then
    echo "train-ner: error: '$f' is missing (set NEWSGRAPH_SHARED_DIR to the shared data folder)" >&2
    exit 1
  fi
done

if [ ! -x "$build_dir/newsgraph" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build_dir" -j"$(nproc)" --target newsgraph_cli

"$build_dir/newsgraph" train-ner --train "$conll/eng.train" --dev "$conll/eng.testa" -o models/ner-en.bin "$@"
