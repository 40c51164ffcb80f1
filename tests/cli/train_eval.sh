#!/usr/bin/env bash
# End-to-end checks of the training and evaluation commands: usage errors found before any
# training, and input errors. (Their figures are checked against the reference scorers by
# tests/eval_agreement.sh.)
#
# Usage: train_eval.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

echo "# usage errors"
# train-ner: a target corpus (--domain) and feature templates 3 go together
conll=$src/tests/data/conll/tiny_train.conll
run train-ner --train "$conll" --dev "$conll" --templates 3 -o "$work/t3.bin"
expect_rc "train-ner --templates 3 without --domain" 2
expect_stderr_contains "train-ner --templates 3 without --domain says why" "--domain"
run train-ner --train "$conll" --domain "$conll" --dev "$conll" -o "$work/t3.bin"
expect_rc "train-ner --domain without --templates 3" 2
if [ -e "$work/t3.bin" ]; then fail "train-ner usage error wrote a model"; else pass "train-ner usage error writes no model"; fi
run train-relations --train "$conll" -o "$work/r.bin" --bags 0
expect_rc "train-relations --bags 0" 2
run eval-ner
expect_rc "eval-ner without --conll" 2
run eval-relations --conll04 "$work/no-such-split.json"
expect_error_line "eval-relations of a missing split" "no-such-split.json"
run eval-ner --conll "$work/no-such-file.conll"
expect_error_line "eval-ner of a missing file" "no-such-file.conll"
if [ "$(listing)" = "" ]; then pass "failed runs leave no stray files"; else fail "stray files: $(listing | tr '\n' ' ')"; fi

finish
