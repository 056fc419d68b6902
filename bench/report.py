#!/usr/bin/env python3
"""Turns bench/run.sh's hyperfine results into BENCHMARKS.md on stdout."""
import json
import os
import platform
import subprocess
import sys

results, sizes = sys.argv[1], sys.argv[2].split()


def median(name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    return json.load(open(path))["results"][0]["median"] * 1000


def rss(name):
    path = os.path.join(results, name + ".rss")
    return int(open(path).read().strip()) / 1024 if os.path.exists(path) else None


def ms(value):
    return "–" if value is None else f"{value:.2f} ms"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.1f}×"


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
version = subprocess.run(["target/release/lpath", "--version"], capture_output=True, text=True).stdout.strip()
print("# Benchmarks\n")
print(f"Made by `bench/run.sh` with hyperfine (medians), {version}, on {os.cpu_count()} × {cpu}, "
      f"{platform.system()} {platform.release()}. Peak memory from `/usr/bin/time -v`.\n")
print("## Bundled catalog\n")
print("| command | median | vs `--version` |")
print("| --- | --- | --- |")
base = median("bundled-version")
for name, label in [("version", "lpath --version"), ("next", "lpath next"), ("list-json", "lpath list --json"),
                    ("list-pipe", "lpath list (to a pipe)"), ("done", "lpath done bert (fsync included)"),
                    ("show", "lpath show bert")]:
    value = median(f"bundled-{name}")
    print(f"| `{label}` | {ms(value)} | {ratio(value, base)} |")
print(f"\nPeak memory of `lpath next`: {rss('bundled-next-rss'):.1f} MiB\n" if rss("bundled-next-rss") else "")

print("## User catalogs\n")
print("| entries | `next` | `list --json` | `list` (pipe) | `done` | `show` | `task next` | `task N done` | next: task/lpath | done: task/lpath | peak MiB (next / list --json) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for n in sizes:
    nxt, done = median(f"lpath-{n}-next"), median(f"lpath-{n}-done")
    tnext, tdone = median(f"task-{n}-next"), median(f"task-{n}-done")
    r1, r2 = rss(f"lpath-{n}-next-rss"), rss(f"lpath-{n}-list-json-rss")
    mem = f"{r1:.1f} / {r2:.1f}" if r1 and r2 else "–"
    print(f"| {int(n):,} | {ms(nxt)} | {ms(median(f'lpath-{n}-list-json'))} | {ms(median(f'lpath-{n}-list-pipe'))} "
          f"| {ms(done)} | {ms(median(f'lpath-{n}-show'))} | {ms(tnext)} | {ms(tdone)} | {ratio(tnext, nxt)} "
          f"| {ratio(tdone, done)} | {mem} |")
if len(sizes) > 1:
    lo, hi = sizes[0], sizes[-1]
    print(f"\nGrowth from {int(lo):,} to {int(hi):,} entries ({int(hi) // int(lo)}× the entries):")
    for cmd in ["next", "list-json", "done", "show"]:
        print(f"- `{cmd}`: {ratio(median(f'lpath-{hi}-{cmd}'), median(f'lpath-{lo}-{cmd}'))}")
