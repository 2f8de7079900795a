#!/usr/bin/env python3
"""Writes the pipeline benchmark documents (deterministic, no randomness).

    generate.py large OUT.md [BLOCKS]   ~4.4 MB, BLOCKS (default 20,000) small blocks
    generate.py slow  OUT.md [N]        a few blocks that take seconds (Jeffreys
                                        samples of size N, default 500,000), with prose
    generate.py headings OUT.md [N]     ~5.1 MB, N (default 20,000) sections, each a
                                        `## Section i` heading, a 3-item list, a
                                        sentence with a link and a one-`let` block
    generate.py prose OUT.md [N]        ~4.4 MB of prose only, N (default 16,000)
                                        paragraphs with emphasis, links and code spans,
                                        with headings and lists; no evident blocks or spans

`large` is target 2 of issue "Fast" (build vs cmark); `slow` is target 3
(warm rebuild after a prose-only edit vs cold build). `headings` and `prose`
are documents of other shapes for the same comparison with cmark: many small
sections (headings, lists and blocks rather than prose), and Markdown alone
(the cost of the Markdown side without any evaluation).
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


def headings(n):
    out = ["---", "title: Headings benchmark", "---", ""]
    for i in range(n):
        out.append(f"## Section {i}")
        out.append("")
        out.append(f"- the first point of section {i}")
        out.append("- a second point, with *emphasis*")
        out.append(f"- a third point, number {3 * i + 2}")
        out.append("")
        out.append(f"The value of section {i} is doubled below, as the [note on {i}](https://ex.org/s/{i}) explains.")
        out.append("")
        out.append("```evident")
        out.append(f"let s{i} = {i} * 2")
        out.append("```")
        out.append("")
    return "\n".join(out) + "\n"


WORDS = ("report", "quantity", "measure", "model", "sample", "estimate", "claim",
         "figure", "table", "value", "prior", "gradient", "metric", "section",
         "result", "parameter", "document", "page", "proof", "bound")
VERBS = ("shows", "bounds", "explains", "follows from", "contradicts", "refines",
         "summarises", "replaces", "extends", "motivates")


def prose(n):
    """Deterministic, varied prose: the words are picked by index arithmetic."""
    def w(k):
        return WORDS[k % len(WORDS)]

    def v(k):
        return VERBS[k % len(VERBS)]

    out = ["---", "title: Prose benchmark", "---", ""]
    for i in range(n):
        if i % 100 == 0:
            out.append(f"## Chapter {i // 100 + 1}: the {w(i // 100)} and the {w(i // 100 + 7)}")
            out.append("")
        elif i % 25 == 0:
            out.append(f"### On the {w(i)} {i}")
            out.append("")
        out.append(f"The {w(i)} {v(i)} the {w(i + 3)} of paragraph {i}, which is *{w(i + 5)}* "
                   f"rather than **{w(i + 11)}**; see [the {w(i + 2)} notes](https://ex.org/p/{i}) "
                   f"and the `{w(i + 1)}_{i % 97}` field. A second sentence {v(i + 4)} "
                   f"the first, with _{w(i + 13)}_ and a closing remark on the {w(i + 17)}.")
        out.append("")
        if i % 10 == 7:
            out.append(f"- the {w(i)} ({i}) {v(i + 1)} the {w(i + 9)}")
            out.append(f"- a `{w(i + 4)}()` call and [a link](https://ex.org/l/{i})")
            out.append(f"- *{w(i + 6)}* before **{w(i + 8)}**")
            out.append("")
        elif i % 10 == 3:
            out.append(f"1. first, the {w(i + 1)}")
            out.append(f"2. then the {w(i + 2)}, {v(i)} `x{i}`")
            out.append("")
    return "\n".join(out) + "\n"


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "large":
        text = large(int(sys.argv[3]) if len(sys.argv) > 3 else 20000)
    elif kind == "slow":
        text = slow(int(sys.argv[3]) if len(sys.argv) > 3 else 500000)
    elif kind == "headings":
        text = headings(int(sys.argv[3]) if len(sys.argv) > 3 else 20000)
    elif kind == "prose":
        text = prose(int(sys.argv[3]) if len(sys.argv) > 3 else 16000)
    else:
        sys.exit("usage: generate.py large|slow|headings|prose OUT.md [SIZE]")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
