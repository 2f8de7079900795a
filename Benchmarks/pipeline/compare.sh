#!/usr/bin/env bash
# Times `evident build` against `cmark` on the same file, alternating runs so
# that both see the same machine load; prints every run (wall/cpu seconds,
# cpu = user + system) and the ratios of the medians. Whole processes, release build. Usage:
#   swift build -c release --product evident
#   Benchmarks/pipeline/compare.sh [RUNS]
# With BASELINE=PATH (another evident binary, e.g. an older release build),
# its `build` is timed too.
# Target 2 of issue "Fast": build ≤ 2 × cmark on the 4.4 MB / 20,000-block file.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-7}"
evident=.build/release/evident
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/pipeline/generate.py large "$work/large.md"
echo "# $(date -u +%FT%TZ) $(nproc) cores; $(wc -c < "$work/large.md") bytes, $(grep -c '^```evident' "$work/large.md") blocks"

# Wall-clock seconds and CPU seconds (user + system) of one run, as "wall/cpu".
seconds() { /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null; awk '{printf "%.2f/%.2f", $1, $2 + $3}' "$work/time"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A times
for _ in $(seq "$runs"); do
    times[cmark]+="$(seconds cmark "$work/large.md") "
    rm -rf "$work/out"
    times[cold]+="$(seconds "$evident" build "$work/large.md" -o "$work/out") "
    times[warm]+="$(seconds "$evident" build "$work/large.md" -o "$work/out") "
    times[nocache]+="$(seconds "$evident" build "$work/large.md" -o "$work/out" --no-cache) "
    times[check]+="$(seconds "$evident" check "$work/large.md") "
    if [ -n "${BASELINE:-}" ]; then
        times[baseline]+="$(seconds "$BASELINE" build "$work/large.md" -o "$work/base") "
    fi
done
column() { echo "${times[$1]}" | tr ' ' '\n' | grep . | cut -d/ -f"$2" | median; }
cmw=$(column cmark 1); cmc=$(column cmark 2)
for name in cmark nocache cold warm check ${BASELINE:+baseline}; do
    w=$(column "$name" 1); c=$(column "$name" 2)
    printf '%-8s wall %5.2f s (%5.2f × cmark)  cpu %5.2f s (%5.2f × cmark)  runs wall/cpu: %s\n' \
        "$name" "$w" "$(echo "$w / $cmw" | bc -l)" "$c" "$(echo "$c / $cmc" | bc -l)" "${times[$name]}"
done
echo "# cmark = cmark FILE; nocache = evident build FILE -o OUT --no-cache;"
echo "# cold = evident build FILE -o OUT with an empty cache; warm = the same again; check = evident check FILE"
[ -n "${BASELINE:-}" ] && echo "# baseline = $BASELINE build FILE -o OUT" || true
