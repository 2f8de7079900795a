#!/usr/bin/env bash
# Target 3 of issue "Fast": a rebuild after a prose-only edit of a document
# whose blocks take seconds costs at most 10% of the cold build. Whole
# processes, release build; each round times a cold build (empty cache), then
# rebuilds after a prose-only edit (a changed sentence and an added
# paragraph), after an edit of the last block, and with --no-cache. Usage:
#   swift build -c release --product evident
#   Benchmarks/pipeline/rebuild.sh [ROUNDS] [N]
# N (Jeffreys samples, default 500,000) sizes the blocks: at 500,000 they
# take about 1.5 s, as the target asks; at 50,000 (the default until the
# sampler and maps got faster) they take 0.16 s, and a rebuild's fixed cost
# (start-up, reading the cache, the page, fsync: about 18 ms) is a tenth of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
n="${2:-500000}"
evident=.build/release/evident
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) $(nproc) cores; slow document with n = $n Jeffreys samples"

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

for round in $(seq "$rounds"); do
    python3 Benchmarks/pipeline/generate.py slow "$work/slow.md" "$n"
    rm -rf "$work/out"
    cold=$(seconds "$evident" build "$work/slow.md" -o "$work/out")
    sed -i "s/PROSE_EDIT_MARKER/Edited prose, round $round.\n\nAnd a new paragraph./" "$work/slow.md"
    prose=$(seconds "$evident" build "$work/slow.md" -o "$work/out")
    cp "$work/out/slow.html" "$work/warm.html"
    "$evident" build "$work/slow.md" -o "$work/fresh" --no-cache > /dev/null
    same=$(cmp -s "$work/warm.html" "$work/fresh/slow.html" && echo identical || echo DIFFERENT)
    sed -i 's/^max(g)$/max(g) * 1/' "$work/slow.md"
    block=$(seconds "$evident" build "$work/slow.md" -o "$work/out")
    nocache=$(seconds "$evident" build "$work/slow.md" -o "$work/out" --no-cache)
    printf 'round %d: cold %.3f s, prose-only edit %.3f s (%.2f%% of cold; page %s to a cache-less build), last block edited %.3f s (%.0f%%), --no-cache %.3f s\n' \
        "$round" "$cold" "$prose" "$(echo "100 * $prose / $cold" | bc -l)" "$same" "$block" "$(echo "100 * $block / $cold" | bc -l)" "$nocache"
done
