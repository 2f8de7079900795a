#!/usr/bin/env python3
"""From saving a document to the preview serving its new page.

Starts `evident preview` on a copy of docs/tutorial.md, listens to the
reload events as an open page does, and times, for each round, from an
editor-style save (a new file renamed over the old one) to the new HTML
being served (the reload event received, then the page fetched and found to
hold the edit). Two kinds of save alternate: a prose edit (every block's
result comes from the cache) and an edit of the first block (every block
after it is evaluated again). The peer, in the same run, is
`evident build` of the same document from the command line after the same
prose edit (a warm cache): the preview should cost no more than it.

Usage (release build):
    swift build -c release --product evident && swift build -c release --product evident-preview
    python3 Benchmarks/preview/save-to-reload.py [ROUNDS]
"""
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EVIDENT = os.path.join(ROOT, ".build", "release", "evident")


def save(path, text):
    """As editors save: write a new file beside it, then rename it over."""
    temporary = path + ".swp-new"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


class Events:
    """The server-sent events stream an open page listens to."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.connection.request("GET", "/__evident/events")
        self.response = self.connection.getresponse()

    def next_reload(self):
        event = None
        while True:
            line = self.response.fp.readline()
            if not line:
                raise RuntimeError("the event stream ended")
            line = line.decode().rstrip("\r\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line == "" and event == "reload":
                return


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read().decode()
    connection.close()
    return body


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    work = tempfile.mkdtemp(prefix="evident-preview-bench-")
    try:
        # The whole folder: the tutorial's pictures and data come along.
        shutil.copytree(os.path.join(ROOT, "docs"), os.path.join(work, "docs"))
        document = os.path.join(work, "docs", "tutorial.md")
        original = open(document, encoding="utf-8").read()
        first_block = "let p = coin.at([0.3])"
        assert first_block in original, "the tutorial's first block changed; update the benchmark"

        preview = subprocess.Popen([EVIDENT, "preview", document, "--port", "0"],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            match, line = None, "-"
            while match is None and line:
                line = preview.stdout.readline()
                match = re.search(r"^serving http://127\.0\.0\.1:(\d+)(/\S*)", line)
            if not match:
                raise RuntimeError("no address from evident preview: %r" % line)
            port, page = int(match.group(1)), match.group(2)
            events = Events(port)
            time.sleep(0.5)
            timings = {"prose": [], "block": []}
            for round_number in range(rounds):
                for kind in ("prose", "block"):
                    marker = "Saved-%s-%d" % (kind, round_number)
                    text = original.replace("# ", "# %s " % marker, 1)
                    if kind == "block":
                        text = text.replace(first_block, "let p = coin.at([0.%d])" % (3 + round_number % 5), 1)
                    started = time.perf_counter()
                    save(document, text)
                    events.next_reload()
                    body = fetch(port, page)
                    elapsed = time.perf_counter() - started
                    if marker not in body:
                        raise RuntimeError("the page served after the reload event lacks the edit (%s)" % kind)
                    timings[kind].append(elapsed)
                    time.sleep(0.2)
        finally:
            preview.terminate()
            preview.wait(timeout=10)

        # The peer: the command line's build of the same document, warm cache.
        out = os.path.join(work, "out")
        subprocess.run([EVIDENT, "build", document, "-o", out], check=True, stdout=subprocess.DEVNULL)
        builds = []
        for round_number in range(rounds):
            save(document, original.replace("# ", "# Built-%d " % round_number, 1))
            started = time.perf_counter()
            subprocess.run([EVIDENT, "build", document, "-o", out], check=True, stdout=subprocess.DEVNULL)
            builds.append(time.perf_counter() - started)

        def describe(values):
            values = sorted(values)
            return "median %6.1f ms  min %6.1f  max %6.1f  (n = %d)" % (
                1000 * statistics.median(values), 1000 * values[0], 1000 * values[-1], len(values))

        print("# %s %d cores; docs/tutorial.md, %d rounds" % (
            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), os.cpu_count(), rounds))
        print("save to served, prose edit:        " + describe(timings["prose"]))
        print("save to served, first block edit:  " + describe(timings["block"]))
        print("evident build, prose edit (peer):  " + describe(builds))
        print("ratio prose save-to-served / build: %.2f" % (statistics.median(timings["prose"]) / statistics.median(builds)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
