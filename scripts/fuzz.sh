#!/bin/sh
# Builds the libFuzzer targets (Fuzz/Targets) with AddressSanitizer and runs each for FUZZ_SECONDS,
# from the seed corpus in Tests/Fuzz/corpus/<target>. A crash, a leak or an input slower than
# FUZZ_TIMEOUT seconds stops its target and is saved under .build-fuzz/artifacts/<target>/.
# Usage: scripts/fuzz.sh [target...]   (default: preferences catalog roster templates)
set -eu
SECONDS_EACH=${FUZZ_SECONDS:-60}
TIMEOUT=${FUZZ_TIMEOUT:-10}
SWIFT=${SWIFT:-swift}
SCRATCH=.build-fuzz
TARGETS=${*:-preferences catalog roster templates}
# Every module gets AddressSanitizer and libFuzzer's coverage; only the fuzz programs link libFuzzer
# (Package.swift), so the build's own tools keep their main. lld: gold fails on these objects.
FLAGS="-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp -Xswiftc -use-ld=lld"
status=0
for target in $TARGETS; do
    BACKPLAN_FUZZ=1 $SWIFT build --scratch-path $SCRATCH -c debug $FLAGS --product fuzz-$target
done
for target in $TARGETS; do
    work=$SCRATCH/corpus/$target
    artifacts=$SCRATCH/artifacts/$target/
    mkdir -p "$work" "$artifacts"
    echo "== fuzz-$target: $SECONDS_EACH s"
    # Leak checks off: Swift's runtime keeps metadata caches for the process's life.
    if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $SCRATCH/debug/fuzz-$target -max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT" \
        -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$artifacts" "$work" "Tests/Fuzz/corpus/$target" \
        >"$SCRATCH/fuzz-$target.log" 2>&1; then
        echo "   no crash: $(grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::new_units_added' "$SCRATCH/fuzz-$target.log" | tr '\n' ' ')"
    else
        status=1
        echo "   FAILED, see $SCRATCH/fuzz-$target.log and $artifacts"
        grep -E 'ERROR|SUMMARY' "$SCRATCH/fuzz-$target.log" | head -5
        # The failing input's path, and its bytes in base64 (when small) so a CI log alone reproduces it.
        sed -n 's/.*Test unit written to //p' "$SCRATCH/fuzz-$target.log" | while read -r input; do
            echo "   failing input: $input"
            if [ -f "$input" ] && [ "$(wc -c <"$input")" -le 4096 ]; then
                echo "   its bytes (base64 -d to restore):"
                base64 "$input" | sed 's/^/     /'
            fi
        done
    fi
done
exit $status
