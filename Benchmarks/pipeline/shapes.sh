#!/usr/bin/env bash
# `evident build --no-cache` against `cmark` on documents of three shapes,
# each ~4-5 MB: `large` (20,000 small blocks in prose, target 2 of issue
# "Fast"), `headings` (20,000 short sections: heading, list, link, one-`let`
# block) and `prose` (Markdown only, no evident blocks or spans). For each it
# runs alternate.py, which prints the median wall times and the ratios to
# cmark. Whole processes, release build. Usage:
#   swift build -c release --product evident
#   Benchmarks/pipeline/shapes.sh [RUNS]
# RUNS defaults to 11. EVIDENT names the evident binaries to time
# (space-separated, default .build/release/evident), e.g.
#   EVIDENT="/tmp/old/evident .build/release/evident" Benchmarks/pipeline/shapes.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-11}"
read -r -a evident <<< "${EVIDENT:-.build/release/evident}"
command -v cmark > /dev/null || { echo "shapes.sh: needs cmark (e.g. apt-get install cmark)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) $(nproc) cores; $runs runs; evident: ${evident[*]}"
for shape in large headings prose; do
    python3 Benchmarks/pipeline/generate.py "$shape" "$work/$shape.md"
    echo
    echo "## $shape: $(wc -c < "$work/$shape.md") bytes, $(grep -c '^```evident' "$work/$shape.md" || true) blocks"
    python3 Benchmarks/pipeline/alternate.py "$runs" "$work/$shape.md" "${evident[@]}"
done
