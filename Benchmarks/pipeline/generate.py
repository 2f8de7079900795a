#!/usr/bin/env python3
"""Writes the pipeline benchmark documents (deterministic, no randomness).

    generate.py large OUT.md [BLOCKS]   ~4.4 MB, BLOCKS (default 20,000) small blocks
    generate.py slow  OUT.md [N]        a few blocks that take seconds (Jeffreys
                                        samples of size N, default 500,000), with prose

`large` is target 2 of issue "Fast" (build vs cmark); `slow` is target 3
(warm rebuild after a prose-only edit vs cold build).
"""
import sys

PROSE = ("The quantity below is shown with its claim; this sentence stands for "
         "the prose of a report, with *emphasis*, a [link](https://ex.org/{i}) "
         "and `code`.")


def large(blocks):
    out = ["---", "title: Pipeline benchmark", "params:", "  scale: 2", "---", ""]
    for i in range(blocks):
        if i % 100 == 0:
            out.append(f"## Section {i // 100 + 1}\n")
        out.append(PROSE.format(i=i))
        if i % 4 == 1:
            out.append(f"The previous value is `{{= a{i - 1} | %.1f}}` and `{{claim a{i - 1} > 0}}`.")
        out.append("")
        out.append("```evident")
        out.append(f"let a{i} = {i + 1} * scale")
        out.append(f"a{i} + 1")
        if i % 10 == 0:
            out.append(f"claim a{i} == {2 * (i + 1)}")
        out.append("```")
        out.append("")
    return "\n".join(out) + "\n"


def slow(n):
    return f"""---
title: Slow blocks
params:
  n: {n}
---

# Slow blocks

Each block below samples the Jeffreys prior of a latent-class model and maps
a cosine over the samples, which takes seconds in all.

```evident
let m = bayesnet("x -> y, x -> z", hidden: ["x"], visible: ["y", "z"])
let target = m.at([0.78, 0.24, 0.82, 0.97, 0.97])
let points = jeffreys(m, n: n, seed: 1, margin: 1e-3)
len(points)
```

Some prose between the blocks: the first result is `{{= len(points)}}` points.

```evident
let c = map(points, p => cosine(natgrad(evidence(target), at: p, metric: "visible"), natgrad(evidence(target), at: p)))
let h = histogram(c, from: -1, to: 1, width: 0.1)
table(h)
claim "fractions add to one": sum(h.probability) ≈ 1 ± 1e-9
```

More prose. PROSE_EDIT_MARKER

```evident
let g = map(points, p => norm(natgrad(gap(target, q: "posterior"), at: p).visible))
max(g)
claim "the gap's natural gradient has no visible component": max(g) < 1e-9
```

Closing prose.
"""


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "large":
        text = large(int(sys.argv[3]) if len(sys.argv) > 3 else 20000)
    elif kind == "slow":
        text = slow(int(sys.argv[3]) if len(sys.argv) > 3 else 500000)
    else:
        sys.exit("usage: generate.py large|slow OUT.md [SIZE]")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
