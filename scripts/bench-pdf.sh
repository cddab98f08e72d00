#!/usr/bin/env bash
# Time PDF generation with the release binary: one plan per engine, then a batch with the
# warm Chromium against one engine process per row, with pages/s and the peak memory of
# the whole process tree (browser and renderers included).
# Usage: scripts/bench-pdf.sh [RUNS] [ROWS...]   (default 5 runs per engine; batches of 100 rows)
#   BENCH_PDF_FRESH_ROWS=n  rows of the one-Chromium-per-row batch (default: the first ROWS)
#   BENCH_PDF_WEASYPRINT_ROWS=n  rows of the WeasyPrint batch (default 10: several seconds a row)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
rows=("${@:-100}")
fresh_rows=${BENCH_PDF_FRESH_ROWS:-${rows[0]}}
bin=$PWD/.build/release/backplan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ms_per() { awk -v ns="$1" -v n="$2" 'BEGIN { printf "%8.0f ms", ns / n / 1e6 }'; }

# Every descendant's RSS summed, sampled every 100 ms until the process ends; prints the peak in MB.
peak_tree_rss() {
  local root=$1 peak=0 now
  while kill -0 "$root" 2>/dev/null; do
    now=$(ps -eo pid=,ppid=,rss= | awk -v root="$root" '
      { parent[$1] = $2; rss[$1] = $3 }
      END { for (p in parent) { q = p; while (q != "" && q != root && q != 1 && q != 0) q = parent[q]; if (q == root) sum += rss[p] } print sum + 0 }')
    (( now > peak )) && peak=$now
    sleep 0.1
  done
  echo $((peak / 1024))
}

plan_runs() {
  local label=$1; shift
  local start end
  start=$(date +%s%N)
  for i in $(seq "$runs"); do "$@" "$work/$label-$i" >/dev/null 2>&1; done
  end=$(date +%s%N)
  printf "%-34s %s per plan" "$label" "$(ms_per $((end - start)) "$runs")"
  [ -f "$work/$label-1/plan.pdf" ] && pdfinfo "$work/$label-1/plan.pdf" | awk '/^Pages/ { printf "   %s pages", $2 }'
  [ -f "$work/$label-1" ] && pdfinfo "$work/$label-1" | awk '/^Pages/ { printf "   %s pages", $2 }'
  echo
}

# The last argument is the output folder.
plan() { "$bin" plan --start 2026-11-30 "${@:1:$#-1}" --output "${@: -1}"; }
bare_chromium() {
  mkdir -p "$work/page"
  [ -f "$work/page/plan.html" ] || "$bin" plan --start 2026-11-30 --format html --output "$work/page" >/dev/null
  chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile-$RANDOM" \
    --no-pdf-header-footer --print-to-pdf="$1" "file://$work/page/plan.html"
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(chromium --version 2>/dev/null | head -1); $(weasyprint --version 2>/dev/null || echo 'weasyprint missing')"
echo
echo "plan: the example person's 4-week plan, $runs runs each"
plan_runs "md+html+json (no pdf)" plan
command -v weasyprint >/dev/null && plan_runs "weasyprint (process)" plan --pdf --pdf-engine weasyprint
if command -v chromium >/dev/null; then
  BACKPLAN_PDF_MODE=warm plan_runs "chromium warm (DevTools pipe)" plan --pdf --pdf-engine chromium
  BACKPLAN_PDF_MODE=process-per-plan plan_runs "chromium process per plan" plan --pdf --pdf-engine chromium
  plan_runs "chromium --print-to-pdf alone" bare_chromium
fi
echo

batch() {
  local label=$1 n=$2 mode=$3 engine=$4
  local roster="$work/roster-$n.csv" out="$work/batch-$label-$n" start end peak pages
  [ -f "$roster" ] || { echo "name"; for i in $(seq "$n"); do echo "Person $i"; done; } >"$roster"
  start=$(date +%s%N)
  BACKPLAN_PDF_MODE=$mode "$bin" batch "$roster" --format pdf --pdf-engine "$engine" --start 2026-11-30 --quiet --output "$out" &
  peak=$(peak_tree_rss $!)
  wait $! || true
  end=$(date +%s%N)
  pages=$(for f in "$out"/*/plan.pdf; do pdfinfo "$f" | awk '/^Pages/ { print $2 }'; done | awk '{ s += $1 } END { print s + 0 }')
  awk -v ns=$((end - start)) -v n="$n" -v p="$pages" -v l="$label" -v m="$peak" -v ok="$(ls "$out" | wc -l)" \
    'BEGIN { s = ns / 1e9; printf "%-34s %4d rows (%d written) %7.1f s  %6.2f rows/s  %7.1f pages/s  peak %5d MB\n", l, n, ok, s, n / s, p / s, m }'
}

echo "batch --pdf (default --jobs, $(nproc)); peak = RSS of backplan and every descendant"
if command -v chromium >/dev/null; then
  for n in "${rows[@]}"; do batch "chromium warm" "$n" warm chromium; done
  batch "chromium process per row" "$fresh_rows" process-per-plan chromium
fi
command -v weasyprint >/dev/null && batch "weasyprint process per row" "${BENCH_PDF_WEASYPRINT_ROWS:-10}" process-per-plan weasyprint
pgrep -f "$work" >/dev/null && echo "LEFT RUNNING: $(pgrep -fa "$work")" || echo "no process left running"
