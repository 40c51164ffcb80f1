#!/usr/bin/env bash
# Builds newsgraph (Release, tests on) and runs every test: the Catch2 unit tests, the CLI
# checks and, when tests/js exists, the JavaScript consumer tests. Exits non-zero on failure.
# NEWSGRAPH_BUILD_DIR overrides the build folder (default build/).
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
