#!/usr/bin/env bash
# Builds every page we have with two evident binaries and compares the
# results byte for byte: a check that a change (e.g. a performance one) leaves
# the pages alone. Usage:
#   Benchmarks/pipeline/compare-pages.sh OLD_BINARY NEW_BINARY
# e.g. with a release build of main copied to /tmp/old/evident:
#   Benchmarks/pipeline/compare-pages.sh /tmp/old/evident .build/release/evident
# Sources, each group in its own subdirectory of the output tree:
#   docs/                                  (one folder build, with index.html)
#   Benchmarks/*.md
#   ../shared/examples/*.md                (when ../shared/examples exists)
#   ../shared/examples/failing/*.md        (exit 2, a page-less error, is fine)
#   Tests/EvidentTests/Fixtures/golden/*.md  (written for the tests' fixed
#                                          evaluator: with the real one they
#                                          all stop with errors, exit 2 and no
#                                          page, so only their messages count)
# Every build runs from the repo root with --no-cache and writes into the same
# path on both sides (then moved aside), so paths in pages and messages agree;
# its stdout, stderr and exit status are kept as NAME.stdout, NAME.stderr and
# NAME.exit beside the pages and compared too. Exit status 0 when the trees are
# identical, 1 when they differ, 2 on an unexpected build exit status.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 OLD_BINARY NEW_BINARY" >&2
    exit 2
fi
# Absolute paths, as we change directory below.
abs() { case "$1" in */*) realpath "$1" ;; *) command -v "$1" || echo "$1" ;; esac; }
old=$(abs "$1")
new=$(abs "$2")
for binary in "$old" "$new"; do
    [[ "$binary" == /* && -x "$binary" ]] || { echo "compare-pages: $binary is not an executable" >&2; exit 2; }
done
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run BINARY GROUP NAME OK_STATUSES SOURCE: one `build`, into $work/out/GROUP.
run() {
    local binary=$1 group=$2 name=$3 ok=$4 source=$5 status=0
    mkdir -p "$work/out/$group"
    "$binary" build "$source" -o "$work/out/$group" --no-cache \
        > "$work/out/$group/$name.stdout" 2> "$work/out/$group/$name.stderr" || status=$?
    echo "$status" > "$work/out/$group/$name.exit"
    case " $ok " in
        *" $status "*) ;;
        *) echo "compare-pages: $binary build $source exited with $status:" >&2
           cat "$work/out/$group/$name.stderr" >&2
           exit 2 ;;
    esac
}

# files GROUP OK_STATUSES GLOB...: one build per existing file.
files() {
    local binary=$1 group=$2 ok=$3 source
    shift 3
    for source in "$@"; do
        [ -f "$source" ] || continue
        run "$binary" "$group" "$(basename "$source" .md)" "$ok" "$source"
    done
}

sources=0
build_all() {
    local binary=$1
    sources=0
    rm -rf "$work/out"
    mkdir -p "$work/out"
    # The folder build's own stdout/stderr/exit sit beside its pages directory.
    local status=0
    "$binary" build docs -o "$work/out/docs" --no-cache \
        > "$work/out/docs.stdout" 2> "$work/out/docs.stderr" || status=$?
    echo "$status" > "$work/out/docs.exit"
    if [ "$status" -gt 1 ]; then
        echo "compare-pages: $binary build docs exited with $status:" >&2
        cat "$work/out/docs.stderr" >&2
        exit 2
    fi
    sources=$((sources + $(find docs -name '*.md' -not -path '*/.*' | wc -l)))
    files "$binary" benchmarks "0 1" Benchmarks/*.md
    sources=$((sources + $(ls Benchmarks/*.md 2>/dev/null | wc -l)))
    if [ -d ../shared/examples ]; then
        files "$binary" examples "0 1" ../shared/examples/*.md
        files "$binary" examples-failing "0 1 2" ../shared/examples/failing/*.md
        sources=$((sources + $(ls ../shared/examples/*.md ../shared/examples/failing/*.md 2>/dev/null | wc -l)))
    fi
    files "$binary" golden "0 1 2" Tests/EvidentTests/Fixtures/golden/*.md
    sources=$((sources + $(ls Tests/EvidentTests/Fixtures/golden/*.md 2>/dev/null | wc -l)))
}

build_all "$old"
mv "$work/out" "$work/old"
build_all "$new"
mv "$work/out" "$work/new"

pages=$(find "$work/old" -name '*.html' | wc -l)
if diff -rq "$work/old" "$work/new" > "$work/diff"; then
    echo "compare-pages: $pages pages ($sources documents), all byte-identical"
else
    echo "compare-pages: $pages pages ($sources documents); these differ (old = $old, new = $new):"
    sed -e "s|^Files $work/old/\(.*\) and .* differ\$|  differs: \\1|" \
        -e "s|^Only in $work/old|  only old: .|" -e "s|^Only in $work/new|  only new: .|" "$work/diff"
    exit 1
fi
