#!/usr/bin/env bash
# `make demo`: the main job on the bundled examples, with the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
S=.venv/bin/sanctuary
for f in examples/*.yaml; do
  echo
  echo "=== $f"
  $S decide "$f"
done
