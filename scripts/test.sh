#!/usr/bin/env bash
# Builds newsgraph (Release, tests on) and runs every test: the Catch2 unit tests, the CLI
# checks and, when tests/js exists, the JavaScript consumer tests. Then the sanitizer job: the
# same sources built with clang, ASan and UBSan (build-asan/, docs/robustness.md), the unit and
# CLI tests run under them, and each fuzz target briefly over its corpus and its regressions.
# Exits non-zero on failure.
# NEWSGRAPH_BUILD_DIR overrides the build folder (default build/), NEWSGRAPH_ASAN_BUILD_DIR the
# sanitizer build's (default build-asan/); NEWSGRAPH_FUZZ_SECONDS is each fuzz target's time
# (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEWSGRAPH_BUILD_DIR:-build}

bash scripts/setup.sh
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DNEWSGRAPH_BUILD_TESTS=ON
cmake --build "$build_dir" -j"$(nproc)"

if [ -f tests/js/package.json ]; then
  (cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
fi

ctest --test-dir "$build_dir" --output-on-failure -j2

# The sanitizer job, configured as scripts/fuzz.sh configures its build.
asan_dir=${NEWSGRAPH_ASAN_BUILD_DIR:-build-asan}
cmake -S . -B "$asan_dir" -DNEWSGRAPH_BUILD_TESTS=ON -DNEWSGRAPH_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only"
cmake --build "$asan_dir" -j"$(nproc)"
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
export UBSAN_OPTIONS=print_stacktrace=1
# The unit tests and the CLI tests (the consumers and the layout checks test no code of ours).
ctest --test-dir "$asan_dir" --output-on-failure -j2 -LE 'consumer|layout'
NEWSGRAPH_BUILD_DIR="$asan_dir" bash scripts/fuzz.sh "${NEWSGRAPH_FUZZ_SECONDS:-30}"
