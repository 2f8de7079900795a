#!/usr/bin/env bash
# Experiment 3 (DESIGN.md) as whole processes: `evident check` on
# Benchmarks/experiment3.md against the vectorised NumPy peer
# Benchmarks/numpy/experiment3.py, alternating, RUNS times each; prints every
# run, the medians and the ratio NumPy / Evident (wall clock and CPU time).
#
#     swift build -c release && Benchmarks/run-experiment3.sh [RUNS] [--histograms] [--closed-form]
#
# EVIDENT_THREADS=1 forces a serial `map` (same results, bit for bit);
# EVIDENT names the evident binaries to time (space-separated; an older build
# beside the new one, say): each run times every binary, starting with a
# different one each time, then NumPy; --histograms shows the last binary's.
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
read -r -a evident <<< "${EVIDENT:-.build/release/evident}"
[ "${#evident[@]}" -gt 0 ] || { echo "EVIDENT names no binary" >&2; exit 2; }
for binary in "${evident[@]}"; do
    [ -x "$binary" ] || { echo "build first: swift build -c release ($binary is not there)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$runs" "$tmp" "${#evident[@]}" "${evident[@]}" ${peer_args[@]+"${peer_args[@]}"} <<'PY'
import os, statistics, subprocess, sys, time
runs, tmp, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
binaries, peer_args = sys.argv[4:4 + count], sys.argv[4 + count:]

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
    # Each binary in turn runs first, straight after the last run's NumPy.
    order = [(i - 1 + k) % len(binaries) for k in range(len(binaries))]
    evident = [None] * len(binaries)
    for k in order:
        evident[k] = timed([binaries[k], "check", "Benchmarks/experiment3.md"], f"{tmp}/e.out")
    nw, nc = timed(["python3", "Benchmarks/numpy/experiment3.py", *peer_args], f"{tmp}/n.out")
    names = [f"evident ({b})" if len(binaries) > 1 else "evident" for b in binaries]
    print(f"run {i}: " + ", ".join(f"{names[k]} {evident[k][0]:.4f} s wall ({evident[k][1]:.4f} s CPU)" for k in order)
          + f", numpy {nw:.4f} s wall ({nc:.4f} s CPU)")
    rows.append((evident, (nw, nc)))
nw = statistics.median(r[1][0] for r in rows)
nc = statistics.median(r[1][1] for r in rows)
print(f"median: numpy {nw:.4f} s wall, {nc:.4f} s CPU")
for k, binary in enumerate(binaries):
    label = f" ({binary})" if len(binaries) > 1 else ""
    ew = statistics.median(r[0][k][0] for r in rows)
    ec = statistics.median(r[0][k][1] for r in rows)
    print(f"median: evident{label} {ew:.4f} s wall, {ec:.4f} s CPU")
    print(f"ratio numpy / evident{label}: {nw / ew:.2f}x wall, {nc / ec:.2f}x CPU")
    ratios = sorted(r[1][0] / r[0][k][0] for r in rows)
    print("per-run wall ratios: " + " ".join(f"{x:.2f}" for x in ratios))
PY

if [[ " $* " == *" --histograms "* ]]; then
    echo "--- evident run Benchmarks/experiment3.md"
    "${evident[${#evident[@]}-1]}" run Benchmarks/experiment3.md
    echo "--- numpy"
    python3 Benchmarks/numpy/experiment3.py ${peer_args[@]+"${peer_args[@]}"}
fi
