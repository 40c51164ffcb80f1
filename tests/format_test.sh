#!/usr/bin/env bash
# Fails when a tracked C++ file (src/, include/, tests/, fuzz/) differs from what clang-format
# makes of it with the project's .clang-format, and names each such file.
# Usage: format_test.sh ROOT
set -euo pipefail
cd "$1"
formatter=$(command -v clang-format || command -v clang-format-14 || true)
if [ -z "$formatter" ]; then
  echo "format_test: clang-format is not installed (scripts/setup.sh installs it)" >&2
  exit 1
fi
bad=0
while IFS= read -r -d '' f; do
  if ! "$formatter" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "format_test: $f is not clang-formatted (run: $formatter -i --style=file $f)"
    bad=1
  fi
done < <(git ls-files -z -- '*.cpp' '*.hpp' '*.h' 2>/dev/null || find src include tests -name '*.[ch]pp' -print0)
[ "$bad" = 0 ] && echo "format_test: every C++ file is clang-formatted"
exit "$bad"
