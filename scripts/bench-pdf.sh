#!/usr/bin/env bash
# Time PDF generation per plan for each installed engine, with the release binary.
# Usage: scripts/bench-pdf.sh [RUNS]   (default 5 runs per engine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=.build/release/backplan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Baseline in the same run: the plan without a PDF (planning, templates, libcmark, writing).
time_runs() {
  local label=$1; shift
  local start end
  start=$(date +%s%N)
  for i in $(seq "$runs"); do "$bin" plan --start 2026-11-30 --output "$work/$label-$i" "$@" >/dev/null; done
  end=$(date +%s%N)
  awk -v ns=$((end - start)) -v n="$runs" -v l="$label" 'BEGIN { printf "%-22s %8.1f ms per plan\n", l, ns / n / 1e6 }'
}

echo "Example person's 4-week plan, $runs runs each, $(nproc) cores"
time_runs "md+html+json (no pdf)"
for engine in weasyprint chromium; do
  if command -v "$engine" >/dev/null; then
    time_runs "$engine" --pdf --pdf-engine "$engine"
    pdfinfo "$work/$engine-1/plan.pdf" | awk '/^Pages/ { print "  pages: " $2 }'
  else
    echo "$engine: not installed, skipped"
  fi
done
