#!/usr/bin/env bash
# End-to-end checks of the `newsgraph` command as a whole: help, version, and the usage errors
# that no subcommand owns.
#
# Usage: app.sh NEWSGRAPH_BINARY SOURCE_DIR [EXPECTED_VERSION]
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

echo "# help and version"
run --help
expect_rc "--help" 0
expect_stdout_contains "--help lists the build subcommand" "build"
expect_stdout_contains "--help lists the extract subcommand" "extract"
run build --help
expect_rc "build --help" 0
expect_stdout_contains "build --help documents --mentions" "--mentions"
run extract --help
expect_rc "extract --help" 0
run --version
expect_rc "--version" 0
if grep -qE '^newsgraph [0-9]+\.[0-9]+\.[0-9]+$' "$work/stdout" && [ "$(wc -l <"$work/stdout")" -eq 1 ]; then
  pass "--version prints 'newsgraph X.Y.Z'"
else
  fail "--version printed: $(head -c 200 "$work/stdout")"
fi
if [ -n "$expected_version" ]; then
  if [ "$(cat "$work/stdout")" = "newsgraph $expected_version" ]; then
    pass "--version matches the project version $expected_version"
  else
    fail "--version printed '$(cat "$work/stdout")', project version is $expected_version"
  fi
fi

echo "# usage errors"
run
expect_rc "no arguments" 2
if [ -s "$work/stderr" ] && [ ! -s "$work/stdout" ]; then
  pass "no arguments: usage goes to stderr"
else
  fail "no arguments: expected usage on stderr only"
fi
run frobnicate
expect_rc "unknown subcommand" 2

finish
