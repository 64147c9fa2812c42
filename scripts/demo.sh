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

# Bulk: a small synthetic record of requests, audited (report: out/demo-audit/report.html).
echo
echo "=== bulk audit of 2,000 synthetic requests"
$S synth --requests 2000 --seed 1 -o out/demo-synth
$S audit out/demo-synth/requests.csv out/demo-synth/history.csv -o out/demo-audit
