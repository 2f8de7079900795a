#!/usr/bin/env bash
# Experiment 3 (DESIGN.md) as whole processes: `evident check` on
# Benchmarks/experiment3.md against the vectorised NumPy peer
# Benchmarks/numpy/experiment3.py, alternating, RUNS times each; prints every
# run, the medians and the ratio NumPy / Evident (wall clock and CPU time).
#
#     swift build -c release && Benchmarks/run-experiment3.sh [RUNS] [--histograms] [--closed-form]
#
# EVIDENT_THREADS=1 forces a serial `map` (same results, bit for bit).
# --closed-form times the NumPy peer with the joint-metric closed form Evident
# uses for Bayesian networks (pinv only for the visible metric).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
peer_args=()
for a in "$@"; do [ "$a" = "--closed-form" ] && peer_args+=(--closed-form); done
evident=.build/release/evident
[ -x "$evident" ] || { echo "build first: swift build -c release" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$tmp/e" "$evident" check Benchmarks/experiment3.md > "$tmp/e.out" \
        || { cat "$tmp/e.out"; exit 1; }
    /usr/bin/time -f "%e %U %S" -o "$tmp/n" python3 Benchmarks/numpy/experiment3.py ${peer_args[@]+"${peer_args[@]}"} > "$tmp/n.out"
    read -r ew eu es < "$tmp/e"
    read -r nw nu ns < "$tmp/n"
    echo "run $i: evident ${ew} s wall (${eu} user + ${es} sys), numpy ${nw} s wall (${nu} user + ${ns} sys)"
    echo "$ew $(echo "$eu + $es" | bc) $nw $(echo "$nu + $ns" | bc)" >> "$tmp/all"
done

python3 - "$tmp/all" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
ew, ec, nw, nc = (statistics.median(c) for c in zip(*rows))
print(f"median: evident {ew:.3f} s wall, {ec:.3f} s CPU; numpy {nw:.3f} s wall, {nc:.3f} s CPU")
print(f"ratio numpy / evident: {nw / ew:.2f}x wall, {nc / ec:.2f}x CPU")
ratios = sorted(r[2] / r[0] for r in rows)
print(f"per-run wall ratios: " + " ".join(f"{r:.2f}" for r in ratios))
PY

if [[ " $* " == *" --histograms "* ]]; then
    echo "--- evident run Benchmarks/experiment3.md"
    "$evident" run Benchmarks/experiment3.md
    echo "--- numpy"
    cat "$tmp/n.out"
fi
