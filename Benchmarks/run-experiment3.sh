#!/usr/bin/env bash
# Experiment 3 (DESIGN.md) as whole processes: `evident check` on
# Benchmarks/experiment3.md against the vectorised NumPy peer
# Benchmarks/numpy/experiment3.py, alternating, RUNS times each; prints every
# run, the medians and the ratio NumPy / Evident (wall clock and CPU time).
#
#     swift build -c release && Benchmarks/run-experiment3.sh [RUNS] [--histograms] [--closed-form]
#
# EVIDENT_THREADS=1 forces a serial `map` (same results, bit for bit);
# EVIDENT=path times another evident binary (an older build, say).
# --closed-form times the NumPy peer with the joint-metric closed form Evident
# uses for Bayesian networks (pinv only for the visible metric).
# Both processes are timed the same way: wall time from a monotonic clock
# around fork and wait, CPU time (user + system) from wait4's rusage.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
case "$runs" in --*) runs=5 ;; esac
peer_args=()
for a in "$@"; do [ "$a" = "--closed-form" ] && peer_args+=(--closed-form); done
evident=${EVIDENT:-.build/release/evident}
[ -x "$evident" ] || { echo "build first: swift build -c release" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$runs" "$tmp" "$evident" ${peer_args[@]+"${peer_args[@]}"} <<'PY'
import os, statistics, subprocess, sys, time
runs, tmp, evident, peer_args = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]

def timed(command, output):
    with open(output, "w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stdout.write(open(output).read())
        sys.exit(f"{command[0]} failed")
    return wall, usage.ru_utime + usage.ru_stime

rows = []
for i in range(1, runs + 1):
    ew, ec = timed([evident, "check", "Benchmarks/experiment3.md"], f"{tmp}/e.out")
    nw, nc = timed(["python3", "Benchmarks/numpy/experiment3.py", *peer_args], f"{tmp}/n.out")
    print(f"run {i}: evident {ew:.4f} s wall ({ec:.4f} s CPU), numpy {nw:.4f} s wall ({nc:.4f} s CPU)")
    rows.append((ew, ec, nw, nc))
ew, ec, nw, nc = (statistics.median(c) for c in zip(*rows))
print(f"median: evident {ew:.4f} s wall, {ec:.4f} s CPU; numpy {nw:.4f} s wall, {nc:.4f} s CPU")
print(f"ratio numpy / evident: {nw / ew:.2f}x wall, {nc / ec:.2f}x CPU")
print("per-run wall ratios: " + " ".join(f"{r[2] / r[0]:.2f}" for r in sorted(rows, key=lambda r: r[2] / r[0])))
PY

if [[ " $* " == *" --histograms "* ]]; then
    echo "--- evident run Benchmarks/experiment3.md"
    "$evident" run Benchmarks/experiment3.md
    echo "--- numpy"
    python3 Benchmarks/numpy/experiment3.py ${peer_args[@]+"${peer_args[@]}"}
fi
