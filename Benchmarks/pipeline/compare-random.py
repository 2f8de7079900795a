#!/usr/bin/env python3
"""Builds random documents with two evident binaries and compares the results:
pages byte for byte, messages (with their lines and columns) and exit codes.
A companion of compare-pages.sh for changes to how a body is read: the
documents mix math (inline, display, over lines, labelled, with live numbers),
references, labels, code spans and fences, indented code, quotes, lists, pipe
tables, images, footnotes and escaped carets, with accented, CJK and emoji
text and CRLF line ends. Half of them (the "plain" set) leave out what is
bound to be an error (references to no label, misplaced labels, missing
images), so that most of those build pages to compare.

Usage: Benchmarks/pipeline/compare-random.py OLD_BINARY NEW_BINARY [COUNT]
COUNT documents of each set (default 400), seeded: the same every run.
Exit status 0 when everything agrees, 1 when something differs.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

INLINE = [
    "$x$", "$\\alpha_1 + \\beta^2$", "$ x$", "$x $", "$5 and $6", "\\$x$", "$$x$$", "$${= 1+1}$$", "${= 2*3 | %.2f}$",
    "@eq-one", "@fig-a", "@tbl-t", "@eq-", "a@eq-one", "x.@fig-a", "@eq-one_", "@eq-one-", "`$x$`", "``a`b``", "`", "``$y$",
    "![Cap é](img.png){#fig-a}", "![x](y){#eq-bad}", "(z){#fig-q}", "[\\^x]", "[&#94;y]", "[&#x5E;z]", "[&Hat;w]", "[^n]",
    "[a](b)", "[\\^q](u)", "é", "中文", "😀", "{#fig-z}", "{", "}", "\\", "$", "$$", "\t", "{= 3}", "$a\nb$",
    "$$\na\n$$ {#eq-two}", "$${a}$$ {#eq-three}", "$$\\sum_{i}\nx_i$$", "word", "text text", "**bold**", "_it_",
    "a@b.com", "A @ B", "$x$5", "$x$`", "\\`$x$",
]
BLOCKS = [
    "```\n$x$ @eq-one\n```", "~~~~\n$$y$$\n~~~~", "    $indented$\n", "> quote $q$ @eq-one", "- item $i$\n- item2 @fig-a",
    "1. one $o$\n2) two", "| a | b |\n|---|:-:|\n| $x$ | é |", "{#tbl-t}", ": Caption é {#tbl-t2}", "{#fig-f}",
    "```evident\nlet x = 1\n```", "[^n]: note $m$", "[\\^x]: def", "# Heading $h$ {#eq-h}", "", "\t$tab$", "   {#eq-sp}",
    "```\ncode\n```\n{#fig-code}", "$$\n\nx$$",
]
SEPARATORS = [" ", " ", "", "\n", " é ", "\r\n"]


def document(r, inline, blocks):
    parts = []
    for _ in range(r.randint(1, 14)):
        if r.random() < 0.4:
            parts.append(r.choice(blocks))
        else:
            parts.append("".join(r.choice(inline) + r.choice(SEPARATORS) for _ in range(r.randint(1, 12))))
    return ("\n\n" if r.random() < 0.7 else "\n").join(parts)


def build(binary, source, out):
    run = subprocess.run([binary, "build", source, "--no-cache", "-o", out], capture_output=True, text=True)
    page = os.path.join(out, os.path.basename(source)[:-3] + ".html")
    html = open(page, "rb").read() if os.path.exists(page) else None
    return run.returncode, run.stderr.replace(out, "OUT"), html


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    old, new = (os.path.abspath(b) for b in sys.argv[1:3])
    count = int(sys.argv[3]) if len(sys.argv) == 4 else 400
    bound = re.compile(r"@(eq|fig|tbl)-[a-z]|\{#|!\[|\{= |\\sum")
    sets = {"all": (INLINE, BLOCKS),
            "plain": ([p for p in INLINE if not bound.search(p)], [b for b in BLOCKS if not bound.search(b)])}
    differing = pages = 0
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        for name, (inline, blocks) in sets.items():
            r = random.Random(2307_11249)
            for k in range(count):
                source = f"{name}{k:04d}.md"
                with open(source, "w", encoding="utf-8", newline="") as f:
                    f.write(document(r, inline, blocks))
                a, b = build(old, source, "pages-of-old"), build(new, source, "pages-of-new")
                pages += a[2] is not None
                if a != b:
                    differing += 1
                    print(f"differs: {name}{k:04d}.md (exit {a[0]} / {b[0]})\n{open(source, encoding='utf-8').read()!r}")
    print(f"compare-random: {2 * count} documents, {pages} with pages; {differing} differ")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
