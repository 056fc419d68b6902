#!/usr/bin/env python3
"""Times lpath on the hostile inputs of issue 18 (attacks 4, 7 and 12), with /usr/bin/time -v.

usage: hostile.py LPATH_BINARY [LABEL] [--quick]

--quick leaves out the 20,000-paper BibTeX case (minutes on a build before the fix).

Prints one line per case: wall seconds and peak RSS. Each case runs in a fresh temporary config
dir (LPATH_CONFIG_DIR) with its own cache dir, with the bundled catalog left out where it would
only add noise. Deterministic inputs: the same case always gives the same files.
"""
import os
import re
import subprocess
import sys
import tempfile


def same_papers(n):
    out = ['format = 1', '', '[[track]]', 'id = "same"', 'title = "Same"']
    for i in range(n):
        out += ['', '[[entry]]', f'id = "same-{i}"', 'kind = "paper"', 'title = "Same"',
                'authors = ["A Smith"]', 'year = 2020', 'track = "same"',
                f'url = "https://example.org/{i}"']
    return "\n".join(out) + "\n"


def chain(n):
    out = ['format = 1', '', '[[track]]', 'id = "deep"', 'title = "Deep"']
    for i in range(n):
        out += ['', '[[entry]]', f'id = "link-{i}"', 'kind = "blog"', f'title = "Link {i}"',
                'track = "deep"', f'url = "https://example.org/{i}"']
        if i:
            out.append(f'requires = ["link-{i - 1}"]')
    return "\n".join(out) + "\n"


def many_notes(n):
    out = ['format = 1', '', '[entry.bert]', 'status = "reading"',
           'changed = "2026-01-01T00:00:00Z"']
    for i in range(n):
        out += ['', '[[entry.bert.notes]]', 'at = "2026-01-01T00:00:00Z"',
                f'text = "an old thought, number {i}"']
    return "\n".join(out) + "\n"


def records(n, quoted):
    """n done records, every tenth with a note; with `quoted`, one note holds a `"`."""
    out = ['format = 1']
    for i in range(n):
        out += ['', f'[entry.paper-{i:06}]', 'status = "done"', 'changed = "2026-01-01T00:00:00Z"',
                'finished = "2026-01-01T00:00:00Z"']
        if i % 10 == 0:
            # As lpath (and toml) write a note with a `"` in it: a literal string.
            text = "'he said \"read it\"'" if quoted and i == 0 else f'"thought {i}"'
            out += ['', f'[[entry.paper-{i:06}.notes]]', 'at = "2026-01-01T00:00:00Z"',
                    f'text = {text}']
    return "\n".join(out) + "\n"


# One entry for `start` to change; the other records are kept as ids no catalog knows.
ONE = """format = 1

[[track]]
id = "one"
title = "One"

[[entry]]
id = "paper-000001"
kind = "paper"
title = "One"
track = "one"
url = "https://example.org/1"
"""


# A case still running after this long is stopped and shown as `inf`.
TIMEOUT = 300


def timed(binary, config, args):
    env = dict(os.environ, LPATH_CONFIG_DIR=config, LPATH_CACHE_DIR=config + "-cache",
               NO_COLOR="1", LANG="C.UTF-8")
    try:
        run = subprocess.run(["/usr/bin/time", "-v", binary] + args, env=env, timeout=TIMEOUT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except subprocess.TimeoutExpired:
        return float("inf"), float("nan")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    return seconds, rss / 1024


def main():
    binary, label = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
    root = tempfile.mkdtemp(prefix="lpath-hostile-")

    def case(name, files, setup, args):
        config = os.path.join(root, name)
        os.makedirs(os.path.join(config, "catalog.d"))
        for path, text in files.items():
            with open(os.path.join(config, path), "w") as f:
                f.write(text)
        for s in setup:
            timed(binary, config, s)
        seconds, mib = timed(binary, config, args)
        size = ""
        journal = os.path.join(config, "history.toml")
        if os.path.exists(journal):
            size = f"  history.toml {os.path.getsize(journal) / 1e6:.2f} MB"
        print(f"{label:8} {name:44} {seconds:8.2f} s {mib:9.1f} MiB{size}", flush=True)

    for n in [4_000] if "--quick" in sys.argv else [4_000, 20_000]:
        case(f"bibtex {n} same-key papers", {"catalog.d/same.toml": same_papers(n)}, [],
             ["--no-bundled", "export", "--format", "bibtex"])
    for n in [5_000, 20_000]:
        case(f"graph chain of {n}", {"catalog.d/deep.toml": chain(n)}, [],
             ["--no-bundled", "graph"])
    notes = [["note", "bert", f"new thought {k}"] for k in range(9)]
    for quoted in [False, True]:
        name = "200,000 records, " + ("a quoted note" if quoted else "plain notes")
        files = {"progress.toml": records(200_000, quoted), "catalog.d/one.toml": ONE}
        case(name + ", stats", files, [], ["--no-bundled", "stats"])
        case(name + ", start", files, [], ["--no-bundled", "start", "paper-000001"])
    case("10th note, 100,000 notes", {"progress.toml": many_notes(100_000)}, notes,
         ["note", "bert", "the tenth"])


main()
