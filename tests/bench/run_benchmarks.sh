#!/usr/bin/env bash
# Runs every benchmark of tests/bench with the arguments docs/performance.md quotes and writes
# each one's printed output, verbatim, into docs/performance.md between its markers:
#
#     <!-- bench:NAME -->
#     ```
#     $ the command
#     machine: …            (everything the benchmark printed on stdout)
#     ```
#     <!-- /bench:NAME -->
#
# The typed text around the markers is left alone. A `run` block records when, on which commit
# and under what load the figures were taken. A benchmark that fails leaves its block as it was
# and the script exits non-zero at the end.
#
# Usage: tests/bench/run_benchmarks.sh [--build-dir DIR] [--doc FILE] [NAME…]
#   NAME: project_load sim_serve acquisition gateways server control_room history reports queries
#         alarms stationlist map graphics editor
#         (default: all)
# Build first: cmake --preset test && cmake --build build/test --target bench_project_load \
#   bench_sim_serve bench_acquisition bench_gateways bench_server bench_control_room bench_history \
#   bench_reports bench_queries bench_alarms bench_stationlist bench_map bench_graphics bench_editor
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=build/test
doc=docs/performance.md
names=()
while [[ $# -gt 0 ]]; do
    case $1 in
    --build-dir) build=$2; shift 2 ;;
    --doc) doc=$2; shift 2 ;;
    -h | --help) sed -n '2,22p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
    esac
done
cd "$root"

# name → arguments, as the docs quote them.
declare -A args=(
    [project_load]="--stations 2000 --runs 7"
    [sim_serve]="--stations 2000 --seconds 5"
    [acquisition]="--stations 2000 --seconds 10"
    [gateways]="--stations 2000 --seconds 20"
    [server]="--stations 2000 --seconds 40 --warmup 20"
    [control_room]="--stations 2000 --probes 5 --seconds 30 --warmup 10 --settle 5"
    [history]="--stations 2000 --rounds 4"
    [reports]="--stations 2000 --runs 5"
    [queries]="--stations 2000 --runs 5"
    [alarms]="--stations 2000 --seconds 120"
    [stationlist]="--stations 2000 --ticks 30"
    [map]="--stations 2000 --frames 30"
    [graphics]="--elements 2000 --ticks 40 --seconds 5"
    [editor]="--elements 2000 --selected 200 --moves 100"
)
order=(project_load sim_serve acquisition gateways server control_room history reports queries alarms
    stationlist map graphics editor)
[[ ${#names[@]} -gt 0 ]] || names=("${order[@]}")

for name in "${names[@]}"; do
    [[ -n ${args[$name]+x} ]] || { echo "no benchmark $name (${order[*]})" >&2; exit 2; }
    [[ -x $build/bin/bench_$name ]] || {
        echo "$build/bin/bench_$name is not built" >&2
        exit 2
    }
    if ! grep -q "^<!-- bench:$name -->\$" "$doc" || ! grep -q "^<!-- /bench:$name -->\$" "$doc"; then
        echo "$doc has no <!-- bench:$name --> … <!-- /bench:$name --> markers" >&2
        exit 2
    fi
done
grep -q '^<!-- bench:run -->$' "$doc" || { echo "$doc has no <!-- bench:run --> markers" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Replaces what lies between the markers of $1 in $doc with the file $2.
replace_block() {
    local name=$1 file=$2
    awk -v begin="<!-- bench:$name -->" -v end="<!-- /bench:$name -->" -v file="$file" '
        $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
        $0 == end { skip = 0 }
        !skip { print }
    ' "$doc" >"$tmp/doc" && cat "$tmp/doc" >"$doc"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_start=$(load)
failed=()
loads=()
export QT_QPA_PLATFORM=offscreen # the GUI benchmarks paint offscreen; the others ignore it
for name in "${names[@]}"; do
    command="$build/bin/bench_$name ${args[$name]}"
    loads+=("$name $(load)")
    echo "== $command" >&2
    # shellcheck disable=SC2086 # the arguments are words
    if "$build/bin/bench_$name" ${args[$name]} >"$tmp/out" 2>"$tmp/err"; then
        { echo '```'; echo "\$ $command"; cat "$tmp/out"; echo '```'; } >"$tmp/block"
        replace_block "$name" "$tmp/block"
        cat "$tmp/out" >&2
    else
        echo "bench_$name failed (exit $?); its block is unchanged" >&2
        cat "$tmp/out" "$tmp/err" >&2
        failed+=("$name")
    fi
done

{
    echo '```'
    echo "\$ tests/bench/run_benchmarks.sh ${names[*]}"
    echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo ' (with local changes)')," \
        "started $started, $(nproc) cores"
    echo "load average (1, 5, 15 min) at the start: $load_start; at the end: $(load)"
    for l in "${loads[@]}"; do echo "  before ${l%% *}: ${l#* }"; done
    [[ ${#names[@]} -eq ${#order[@]} ]] || echo "(the other blocks are from an earlier run)"
    echo '```'
} >"$tmp/run"
if [[ ${#failed[@]} -eq 0 ]]; then
    replace_block run "$tmp/run"
else
    echo "failed: ${failed[*]}" >&2
    exit 1
fi
