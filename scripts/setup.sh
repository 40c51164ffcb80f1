#!/usr/bin/env bash
# Installs every Debian package newsgraph needs to build, test, run its demo and its benchmark.
# Idempotent: packages already present are skipped, so a second run does nothing.
# Works as root or through sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang-format
  clang libclang-rt-14-dev llvm-14
  libboost-graph-dev libicu-dev rapidjson-dev libcli11-dev
  catch2
  iso-codes tzdata wamerican
  graphviz
  python3 python3-networkx python3-pil python3-rdflib
  chromium
  nodejs
  time
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# npm ships inside some nodejs builds (NodeSource) and as its own package in Debian's.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
