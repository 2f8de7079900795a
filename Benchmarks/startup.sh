#!/usr/bin/env bash
# What starting evident costs: `evident --version` and `evident check` of a
# one-`let` document, whole processes, alternating between the binaries
# named in EVIDENT (space-separated, default .build/release/evident), RUNS
# times each (default 31); prints each binary's medians and, for a
# reference, a C program that does nothing. Usage:
#   swift build -c release --product evident
#   EVIDENT="/tmp/old/evident .build/release/evident" Benchmarks/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-31}"
read -r -a evident <<< "${EVIDENT:-.build/release/evident}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '# One let\n\n```evident\nlet a = 1\nclaim a == 1\n```\n' > "$work/one.md"
printf 'int main(void) { return 0; }\n' > "$work/nothing.c"
cc -O2 -o "$work/nothing" "$work/nothing.c"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); $runs alternating runs"
python3 - "$runs" "$work" "${evident[@]}" <<'PY'
import statistics, subprocess, sys, time
runs, work, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
commands = [("a C program that does nothing", [f"{work}/nothing"])]
for binary in binaries:
    commands.append((f"{binary} --version", [binary, "--version"]))
    commands.append((f"{binary} check one.md", [binary, "check", f"{work}/one.md"]))
times = {label: [] for label, _ in commands}
for _ in range(runs):
    for label, command in commands:
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times[label].append(time.perf_counter() - start)
for label, _ in commands:
    print(f"{statistics.median(times[label]) * 1000:7.2f} ms  {label}")
PY
for binary in "${evident[@]}"; do
    echo "$binary loads $(ldd "$binary" | grep -c '=>') shared libraries"
done
