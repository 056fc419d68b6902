#!/usr/bin/env python3
"""Turns bench/run.sh's results (hyperfine JSON, peak RSS) into BENCHMARKS.md on stdout.

usage: report.py RESULTS_DIR "SIZES"
"""
import datetime
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
    """Peak resident memory in MiB."""
    path = os.path.join(results, name + ".rss")
    if not os.path.exists(path):
        return None
    text = open(path).read().strip()
    return int(text) / 1024 if text else None


def size(name):
    """A file's size in bytes, as run.sh wrote it down."""
    path = os.path.join(results, name + ".size")
    if not os.path.exists(path):
        return None
    return int(open(path).read().strip())


def mb(value):
    return "–" if value is None else f"{value / 1e6:.1f} MB" if value >= 1e5 else f"{value / 1e3:.0f} kB"


def ms(value):
    return "–" if value is None else f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"


def mib(value):
    return "–" if value is None else f"{value:.1f} MiB"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def times(value):
    return "–" if value is None else f"{value:.1f}×" if value < 100 else f"{value:.0f}×"


def output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    os_name = platform.system()
    if os.path.exists("/etc/os-release"):
        fields = dict(l.strip().split("=", 1) for l in open("/etc/os-release") if "=" in l)
        os_name = fields.get("PRETTY_NAME", os_name).strip('"')
    return f"{os.cpu_count()} × {cpu}, {mem / 1024 / 1024:.1f} GiB RAM, {os_name}, Linux {platform.release()}"


def label(cmd):
    """`list-json` as the command line says it."""
    return {"list-json": "list --json", "list-pipe": "list (pipe)"}.get(cmd, cmd)


def check(ok):
    return "–" if ok is None else "✅ met" if ok else "❌ missed"


version = output("target/release/lpath", "--version")
task_version = output("task", "--version") if median(f"task-{sizes[0]}-next") is not None else ""
print("# Benchmarks\n")
print(f"Made by `bench/run.sh` on {datetime.date.today().isoformat()}: medians of hyperfine runs "
      f"(`{output('hyperfine', '--version')}`, no shell in between), peak memory from `/usr/bin/time -v`.\n")
print(f"- lpath: `{version}`, release build")
if task_version:
    print(f"- taskwarrior: {task_version}")
print(f"- machine: {machine()}\n")
print("User catalogs come from `bench/gen.py`: entry *i* requires 0 to 3 earlier entries, every other "
      "entry is done, every tenth done one has a note; taskwarrior gets the same items as tasks with "
      "`depends`. Every lpath figure is with the catalog cache filled, as every run after the first "
      "one following a change is. `done` includes its two fsyncs, and starts from the same progress "
      "each time; `done` and `show` name `paper-1` (`bert` on the bundled path), taskwarrior's task 1.\n")

print("## Bundled catalog\n")
print("| command | median | vs `--version` |")
print("| --- | --- | --- |")
base = median("bundled-version")
for name, shown in [("version", "lpath --version"), ("next", "lpath next"), ("list-json", "lpath list --json"),
                    ("list-pipe", "lpath list (to a pipe)"), ("done", "lpath done bert"),
                    ("show", "lpath show bert")]:
    value = median(f"bundled-{name}")
    print(f"| `{shown}` | {ms(value)} | {times(ratio(value, base))} |")
print(f"\nPeak memory: `next` {mib(rss('bundled-next-rss'))}, `done` {mib(rss('bundled-done-rss'))}, "
      f"`list --json` {mib(rss('bundled-list-json-rss'))}.\n")

print("## User catalogs\n")
print("| entries | `next` | `list --json` | `list` (pipe) | `done` | `show` | `task next` | `task 1 done` "
      "| `next`: task ÷ lpath | `done`: task ÷ lpath |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for n in sizes:
    nxt, done = median(f"lpath-{n}-next"), median(f"lpath-{n}-done")
    tnext, tdone = median(f"task-{n}-next"), median(f"task-{n}-done")
    print(f"| {int(n):,} | {ms(nxt)} | {ms(median(f'lpath-{n}-list-json'))} | {ms(median(f'lpath-{n}-list-pipe'))} "
          f"| {ms(done)} | {ms(median(f'lpath-{n}-show'))} | {ms(tnext)} | {ms(tdone)} "
          f"| {times(ratio(tnext, nxt))} | {times(ratio(tdone, done))} |")

print("\nPeak memory:\n")
print("| entries | `next` | `done` | `list --json` |")
print("| --- | --- | --- | --- |")
for n in sizes:
    print(f"| {int(n):,} | {mib(rss(f'lpath-{n}-next-rss'))} | {mib(rss(f'lpath-{n}-done-rss'))} "
          f"| {mib(rss(f'lpath-{n}-list-json-rss'))} |")

print("\nThe first run after a catalog file changes parses and checks every catalog as before, and "
      "rewrites the cache:\n")
print("| entries | `next`, cache rebuilt | peak memory |")
print("| --- | --- | --- |")
for n in ["bundled"] + sizes:
    prefix = "bundled" if n == "bundled" else f"lpath-{n}"
    print(f"| {'bundled' if n == 'bundled' else f'{int(n):,}'} | {ms(median(f'{prefix}-next-cold'))} "
          f"| {mib(rss(f'{prefix}-next-cold-rss'))} |")

print("\n## The roadmap page\n")
print(f"`lpath export --format html -o FILE`: the whole path as one page, written atomically (fsync "
      f"included). Past 400 entries the page leaves out its graph and points at `graph --format svg`.\n")
print("| entries | written in | page size | peak memory |")
print("| --- | --- | --- | --- |")
for n in ["bundled"] + sizes:
    prefix = "bundled" if n == "bundled" else f"lpath-{n}"
    print(f"| {'bundled' if n == 'bundled' else f'{int(n):,}'} | {ms(median(f'{prefix}-html'))} "
          f"| {mb(size(f'{prefix}-html'))} | {mib(rss(f'{prefix}-html-rss'))} |")

lo, hi = sizes[0], sizes[-1]
growth = {cmd: ratio(median(f"lpath-{hi}-{cmd}"), median(f"lpath-{lo}-{cmd}"))
          for cmd in ["next", "list-json", "list-pipe", "done", "show"]}
if len(sizes) > 1:
    print(f"\nGrowth from {int(lo):,} to {int(hi):,} entries ({int(hi) // int(lo)}× the entries): "
          + ", ".join(f"`{label(cmd)}` {times(value)}" for cmd, value in growth.items()) + ".")

print("\n## Review cards\n")
print("10,000 cards (`bench/cards.py`): 2,500 entries with 4 questions each, all done; two cards in "
      "three reviewed 3 times, the rest never reviewed; the review file then written by lpath (one "
      "grade), as it always is, with every card's state. Every card is due, so `review --list` prints "
      "all 10,000: the most it can have to do.\n")
print("| command | median |")
print("| --- | --- |")
for name, shown in [("review-list", "lpath review --list (to a pipe)"),
                    ("review-list-json", "lpath review --list --json"), ("next", "lpath next")]:
    print(f"| `{shown}` | {ms(median(f'cards-10000-{name}'))} |")
print(f"\nPeak memory of `review --list`: {mib(rss('cards-10000-review-list-rss'))}. `next` reads "
      "the review file only when some entry done has a card: without cards its start-up is as above.")

print("\n## Targets\n")
print("| target | measured | |")
print("| --- | --- | --- |")
version_ratio = ratio(median("bundled-next"), base)
print(f"| bundled catalog: `next` within 1.5 × `--version` | {times(version_ratio)} "
      f"({ms(median('bundled-next'))} vs {ms(base)}) | {check(None if version_ratio is None else version_ratio <= 1.5)} |")
if "10000" in sizes:
    for cmd, task_cmd in [("next", "task next"), ("done", "task 1 done")]:
        value = median(f"lpath-10000-{cmd}")
        faster = ratio(median(f"task-10000-{cmd}"), value)
        print(f"| 10,000 entries: `{cmd}` under 20 ms | {ms(value)} | {check(value is not None and value < 20)} |")
        print(f"| 10,000 entries: `{cmd}` ≥ 100 × faster than `{task_cmd}` | {times(faster)} "
              f"| {check(None if faster is None else faster >= 100)} |")
if "10000" in sizes:
    page_ms, page_size = median("lpath-10000-html"), size("lpath-10000-html")
    print(f"| 10,000 entries: the roadmap page written in under 1 s | {ms(page_ms)} "
          f"| {check(None if page_ms is None else page_ms < 1000)} |")
    print(f"| 10,000 entries: the roadmap page under 15 MB | {mb(page_size)} "
          f"| {check(None if page_size is None else page_size < 15e6)} |")
if len(sizes) > 1:
    for cmd, value in growth.items():
        print(f"| {int(lo):,} → {int(hi):,} entries: `{label(cmd)}` grows at most {int(hi) // int(lo)}× "
              f"| {times(value)} | {check(None if value is None else value <= int(hi) / int(lo))} |")
review_list = median("cards-10000-review-list")
print(f"| 10,000 cards: `review --list` under 30 ms | {ms(review_list)} "
      f"| {check(None if review_list is None else review_list < 30)} |")
bundled_peak = max(filter(None, [rss("bundled-next-rss"), rss("bundled-done-rss")]), default=None)
print(f"| bundled catalog: peak memory ≤ 10 MB (`next`, `done`) | {mib(bundled_peak)} "
      f"| {check(None if bundled_peak is None else bundled_peak * 1.048576 <= 10)} |")
if "100000" in sizes:
    for cmd in ["next", "done", "list-json"]:
        value = rss(f"lpath-100000-{cmd}-rss")
        print(f"| 100,000 entries: peak memory of `{label(cmd)}` ≤ 150 MB | {mib(value)} "
              f"| {check(None if value is None else value * 1.048576 <= 150)} |")
