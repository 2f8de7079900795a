#!/usr/bin/env bash
# Jeffreys draws per second, two builds of InfoGeometryBenchmark alternating
# in one run: BEFORE (a build from before a change) and AFTER (this tree's
# release build), RUNS times each. Prints every run, the medians per model,
# the ratio AFTER / BEFORE, and whether both drew the same points (the
# checksums).
#
#     git worktree add /tmp/jeffreys-before 068e8d7   # the benchmark, the former sampler
#     (cd /tmp/jeffreys-before && swift build -c release --product InfoGeometryBenchmark)
#     swift build -c release --product InfoGeometryBenchmark
#     BEFORE=/tmp/jeffreys-before/.build/release/InfoGeometryBenchmark Benchmarks/run-jeffreys.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
after=${AFTER:-.build/release/InfoGeometryBenchmark}
before=${BEFORE:?"BEFORE=path to the benchmark built before the change"}
[ -x "$after" ] || { echo "build first: swift build -c release --product InfoGeometryBenchmark" >&2; exit 2; }

python3 - "$runs" "$before" "$after" <<'PY'
import re, statistics, subprocess, sys
runs, builds = int(sys.argv[1]), {"before": sys.argv[2], "after": sys.argv[3]}
line = re.compile(r"^(.*): (\d+) draws in ([\d.]+) s, ([\d.e+]+) draws/s \(checksum (\S+)\)$")
rates, sums = {}, {}
for i in range(1, runs + 1):
    for build, path in builds.items():
        out = subprocess.run([path, "jeffreys"], check=True, capture_output=True, text=True).stdout
        for text in out.splitlines():
            m = line.match(text)
            if not m:
                continue
            model, count, seconds, rate, checksum = m.groups()
            print(f"run {i} {build}: {model}: {count} draws in {seconds} s, {float(rate):.4g} draws/s")
            rates.setdefault(model, {}).setdefault(build, []).append(float(rate))
            sums.setdefault(model, {})[build] = checksum
for model, by in rates.items():
    b, a = statistics.median(by["before"]), statistics.median(by["after"])
    same = "the same points" if sums[model]["before"] == sums[model]["after"] else "DIFFERENT points"
    print(f"median {model}: before {b:.4g} draws/s, after {a:.4g} draws/s, ratio {a / b:.1f}x ({same})")
PY
