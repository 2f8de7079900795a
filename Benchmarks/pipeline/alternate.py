#!/usr/bin/env python3
"""Alternating whole-process timings of `cmark FILE`, `cmark-gfm` with the
extensions Evident attaches (when installed) and `evident build FILE
--no-cache` for one or more evident binaries, with the median wall time of
each and its ratio to cmark's (target 2 of issue "Fast"), and the ratio of
the fastest runs, which a loaded host disturbs least.

    alternate.py RUNS FILE EVIDENT [EVIDENT ...]

Every round runs each command once, in the same order, so that all of them
see the same machine load; a shared machine makes the ratios, not the
absolute times, the figures to compare.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    runs, file, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    out = tempfile.mkdtemp()
    commands = {"cmark": ["cmark", file]}
    if shutil.which("cmark-gfm"):
        extensions = [a for e in ("table", "strikethrough", "autolink", "tasklist", "tagfilter") for a in ("-e", e)]
        commands["cmark-gfm"] = ["cmark-gfm", "--strikethrough-double-tilde"] + extensions + [file]
    for i, binary in enumerate(binaries):
        commands[binary] = [binary, "build", file, "-o", os.path.join(out, str(i)), "--no-cache"]
    times = {name: [] for name in commands}
    try:
        for _ in range(runs):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                times[name].append(time.perf_counter() - start)
    finally:
        shutil.rmtree(out)
    cmark, fastest = statistics.median(times["cmark"]), min(times["cmark"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{median * 1000:7.1f} ms ({median / cmark:4.2f} x cmark)  min {min(values) * 1000:.1f} ({min(values) / fastest:4.2f} x)"
              f"  max {max(values) * 1000:.1f}  {name}")


if __name__ == "__main__":
    main()
