#!/usr/bin/env python3
"""Generates a user catalog, a progress file and a matching taskwarrior import for benchmarks.

usage: gen.py N CONFIG_DIR TASK_JSON

Entry i requires 0 to 3 earlier entries; every other entry is done; every tenth has a note.
The entries are split over catalog.d/bench-NN.toml files of at most PER_FILE entries each: lpath
refuses a catalog file over 16 MiB (an untrusted file's limit), and 10,000 entries take 3.8 MB.
Deterministic: the same N always gives the same files.
"""
import json
import os
import sys

PER_FILE = 10_000


def main():
    n, config_dir, task_json = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    os.makedirs(os.path.join(config_dir, "catalog.d"), exist_ok=True)
    seed = 12345

    def rand():
        nonlocal seed
        seed = (seed * 1103515245 + 12345) % (1 << 31)
        return seed

    tracks = 10
    files = [["format = 1", ""]]
    for t in range(tracks):
        files[0] += ["[[track]]", f'id = "bench-{t}"', f'title = "Bench track {t}"', ""]
    requires = []
    for i in range(n):
        if i and i % PER_FILE == 0:
            files.append(["format = 1", ""])
        lines = files[-1]
        reqs = sorted({rand() % i for _ in range(rand() % 4)}) if i else []
        requires.append(reqs)
        lines += [
            "[[entry]]",
            f'id = "paper-{i}"',
            'kind = "paper"',
            f'title = "A synthetic paper number {i} about attention and scaling"',
            f'authors = ["Author {i % 97}", "Second Author {i % 89}"]',
            f"year = {2000 + i % 25}",
            f'track = "bench-{i * tracks // n}"',
            f'url = "https://example.org/papers/{i}"',
            f"minutes = {30 + i % 60}",
        ]
        if reqs:
            lines.append("requires = [" + ", ".join(f'"paper-{r}"' for r in reqs) + "]")
        lines += [f'summary = "Summary of synthetic paper {i}, long enough to look like a real one."', ""]
    for k, lines in enumerate(files):
        with open(os.path.join(config_dir, "catalog.d", f"bench-{k:02}.toml"), "w") as f:
            f.write("\n".join(lines))

    progress = ["format = 1", ""]
    for i in sorted(range(0, n, 2), key=lambda i: f"paper-{i}"):
        progress += [f"[entry.paper-{i}]", 'status = "done"',
                     'changed = "2026-01-01T00:00:00Z"', 'finished = "2026-01-01T00:00:00Z"']
        if i % 10 == 0:
            progress += [f"[[entry.paper-{i}.notes]]", 'at = "2026-01-01T00:00:00Z"',
                         f'text = "A note on paper {i}."']
        progress.append("")
    with open(os.path.join(config_dir, "progress.toml"), "w") as f:
        f.write("\n".join(progress))

    def uuid(i):
        return f"00000000-0000-4000-8000-{i:012d}"

    tasks = []
    for i in range(n):
        task = {"uuid": uuid(i), "description": f"A synthetic paper number {i}",
                "status": "completed" if i % 2 == 0 else "pending",
                "entry": "20260101T000000Z"}
        if task["status"] == "completed":
            task["end"] = "20260101T000000Z"
        if requires[i]:
            task["depends"] = ",".join(uuid(r) for r in requires[i])
        tasks.append(task)
    with open(task_json, "w") as f:
        for task in tasks:
            f.write(json.dumps(task) + "\n")


if __name__ == "__main__":
    main()
