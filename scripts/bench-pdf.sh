#!/usr/bin/env bash
# Time PDF generation with the release binary: one plan per engine, then a batch with the
# warm Chromium against one engine process per row, and with the WeasyPrint driver (one
# Python process for the run) against one weasyprint process per row, with pages/s and the
# peak memory of the whole process tree (browser, renderers and drivers included).
# Usage: scripts/bench-pdf.sh [RUNS] [ROWS...]   (default 5 rounds of plans; batches of 100 rows)
#   BENCH_PDF_FRESH_ROWS=n  rows of the one-Chromium-per-row batch (default: the first ROWS)
#   BENCH_PDF_WEASYPRINT_ROWS=n  rows of the WeasyPrint batches (default 10: several seconds a row)
#   BENCH_PDF_WEASYPRINT_REPEAT=n  times each WeasyPrint batch runs, driver and process per row taking turns (default 2)
#   BENCH_PDF_CHROMIUM=0  leave Chromium out (to time WeasyPrint alone)
#   BENCH_PDF_BIN=path  the backplan to time (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
rows=("${@:-100}")
fresh_rows=${BENCH_PDF_FRESH_ROWS:-${rows[0]}}
bin=${BENCH_PDF_BIN:-$PWD/.build/release/backplan}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
use_chromium() { [ "${BENCH_PDF_CHROMIUM:-1}" != 0 ] && command -v chromium >/dev/null; }


# Runs a command as a child subreaper, so that the CPU time of every descendant (browsers and renderers orphaned
# when a browser is killed included) is counted when it ends; writes "user+system seconds" to the file $CPU_FILE.
with_tree_cpu() {
  python3 -c '
import ctypes, os, resource, sys
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
child = os.fork()
if child == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
code = 1
while True:
    try:
        pid, status = os.wait()
    except ChildProcessError:
        break
    if pid == child:
        code = os.waitstatus_to_exitcode(status)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(os.environ["CPU_FILE"], "w").write("%.2f\n" % (usage.ru_utime + usage.ru_stime))
sys.exit(code if code >= 0 else 128 - code)
' "$@"
}

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

# Times each labelled command once per round, the commands taking turns within a round so that a machine
# whose load moves affects them alike; prints each one's median and fastest run, and its page count.
# Arguments: label=function pairs; each function gets the output folder as its only argument.
plan_rounds() {
  local pair label fn start end i
  declare -A times=()
  for i in $(seq "$runs"); do
    for pair in "$@"; do
      label=${pair%%=*}; fn=${pair#*=}
      start=$(date +%s%N)
      "$fn" "$work/$label-$i" >/dev/null 2>&1 || echo "$label run $i failed" >&2
      end=$(date +%s%N)
      times[$label]+="$(( (end - start) / 1000000 )) "
    done
  done
  for pair in "$@"; do
    label=${pair%%=*}
    printf "%-34s %s" "$label" "$(echo "${times[$label]}" | tr ' ' '\n' | sort -n | awk 'NF { v[++n] = $1 } END { printf "median %5d ms  fastest %5d ms", (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2), v[1] }')"
    for f in "$work/$label-1/plan.pdf" "$work/$label-1"; do
      [ -f "$f" ] && pdfinfo "$f" | awk '/^Pages/ { printf "   %s pages", $2 }'
    done
    echo
    medians[$label]=$(echo "${times[$label]}" | tr ' ' '\n' | sort -n | awk 'NF { v[++n] = $1 } END { print (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2) }')
  done
}
declare -A medians=()

# Each gets the output folder.
no_pdf() { "$bin" plan --start 2026-11-30 --output "$1"; }
weasyprint_plan() { BACKPLAN_PDF_MODE=process-per-plan "$bin" plan --start 2026-11-30 --pdf --pdf-engine weasyprint --output "$1"; }
weasyprint_driver_plan() { BACKPLAN_PDF_MODE=warm "$bin" plan --start 2026-11-30 --pdf --pdf-engine weasyprint --output "$1"; }
warm_plan() { BACKPLAN_PDF_MODE=warm "$bin" plan --start 2026-11-30 --pdf --pdf-engine chromium --output "$1"; }
process_plan() { BACKPLAN_PDF_MODE=process-per-plan "$bin" plan --start 2026-11-30 --pdf --pdf-engine chromium --output "$1"; }
# The same plan.html the runs above print, printed by Chromium alone (the page written once, outside the timing).
bare_chromium() {
  chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile-$RANDOM" \
    --no-pdf-header-footer --print-to-pdf="$1" "file://$work/page/plan.html"
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(chromium --version 2>/dev/null | head -1); $(weasyprint --version 2>/dev/null || echo 'weasyprint missing')"
echo
echo "plan: the example person's 4-week plan, $runs rounds (the commands take turns in each round)"
mkdir -p "$work/page"
"$bin" plan --start 2026-11-30 --format html --output "$work/page" >/dev/null
contenders=("md+html+ics+json (no pdf)=no_pdf")
command -v weasyprint >/dev/null && contenders+=("weasyprint driver=weasyprint_driver_plan" "weasyprint process per plan=weasyprint_plan")
use_chromium && contenders+=("chromium warm (DevTools pipe)=warm_plan" "chromium --print-to-pdf alone=bare_chromium" "chromium process per plan=process_plan")
plan_rounds "${contenders[@]}"
if use_chromium; then
  awk -v w="${medians[chromium warm (DevTools pipe)]}" -v b="${medians[chromium --print-to-pdf alone]}" \
    'BEGIN { printf "plan --pdf warm / chromium alone (medians): %.2f (target: at most 1)\n", w / b }'
fi
echo

batch() {
  local label=$1 n=$2 mode=$3 engine=$4
  local roster="$work/roster-$n.csv" out="$work/batch-$label-$n" start end peak pages i
  [ -f "$roster" ] || { echo "name"; for i in $(seq "$n"); do echo "Person $i"; done; } >"$roster"
  start=$(date +%s%N)
  CPU_FILE="$work/cpu" BACKPLAN_PDF_MODE=$mode with_tree_cpu "$bin" batch "$roster" --format pdf --pdf-engine "$engine" --start 2026-11-30 --quiet --output "$out" &
  peak=$(peak_tree_rss $!)
  wait $! || true
  end=$(date +%s%N)
  cpu=$(cat "$work/cpu")
  pages=$(for f in "$out"/*/plan.pdf; do pdfinfo "$f" | awk '/^Pages/ { print $2 }'; done | awk '{ s += $1 } END { print s + 0 }')
  awk -v ns=$((end - start)) -v n="$n" -v p="$pages" -v l="$label" -v m="$peak" -v ok="$(ls "$out" | wc -l)" -v c="$cpu" \
    'BEGIN { s = ns / 1e9; printf "%-34s %4d rows (%d written) %7.1f s  %6.2f rows/s  %7.1f pages/s  peak %5d MB  CPU %.2f s/row\n", l, n, ok, s, n / s, p / s, m, c / n }'
  rates[$label-$n]=$(awk -v ns=$((end - start)) -v n="$n" 'BEGIN { print n / (ns / 1e9) }')
  cpus[$label-$n]=$(awk -v c="$cpu" -v n="$n" 'BEGIN { print c / n }')
}
declare -A rates=() cpus=()

echo "batch --pdf (default --jobs, $(nproc)); peak = RSS of backplan and every descendant"
if use_chromium; then
  for n in "${rows[@]}"; do batch "chromium warm" "$n" warm chromium; done
  batch "chromium process per row" "$fresh_rows" process-per-plan chromium
  awk -v w="${rates[chromium warm-$fresh_rows]:-0}" -v p="${rates[chromium process per row-$fresh_rows]}" \
    'BEGIN { if (w > 0) printf "batch --pdf warm / process per row, %d rows: %.1fx the rows per second (target: at least 4x)\n", '"$fresh_rows"', w / p }'
  awk -v w="${cpus[chromium warm-$fresh_rows]:-0}" -v p="${cpus[chromium process per row-$fresh_rows]}" \
    'BEGIN { if (w > 0) printf "CPU per row (BackPlan and every descendant), process per row / warm: %.1fx\n", p / w }'
fi
if command -v weasyprint >/dev/null; then
  weasy_rows=${BENCH_PDF_WEASYPRINT_ROWS:-10}
  for round in $(seq "${BENCH_PDF_WEASYPRINT_REPEAT:-2}"); do
    batch "weasyprint driver #$round" "$weasy_rows" warm weasyprint
    batch "weasyprint process per row #$round" "$weasy_rows" process-per-plan weasyprint
    awk -v d="${rates[weasyprint driver #$round-$weasy_rows]}" -v p="${rates[weasyprint process per row #$round-$weasy_rows]}" \
      'BEGIN { printf "batch --pdf weasyprint driver / process per row, %d rows, round %d: %.2fx the rows per second\n", '"$weasy_rows"', '"$round"', d / p }'
  done
fi
pgrep -f "$work" >/dev/null && echo "LEFT RUNNING: $(pgrep -fa "$work")" || echo "no process left running"
