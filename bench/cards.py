#!/usr/bin/env python3
"""Generates a user catalog with review questions, a progress file with every entry done, and a
review file, for timing `lpath review --list` over many cards.

usage: cards.py CARDS CONFIG_DIR

CARDS / 4 entries with 4 questions each, all done; every card but one in three reviewed 3 times
(a third of the cards never reviewed, due the day after their entry was done). Deterministic.
The review file holds only the logs, as another machine's file may; bench/run.sh then has lpath
grade one card, so that the file is the one lpath writes, with every card's state.
"""
import os
import sys


def main():
    cards, config_dir = int(sys.argv[1]), sys.argv[2]
    entries = cards // 4
    os.makedirs(os.path.join(config_dir, "catalog.d"), exist_ok=True)
    lines = ["format = 1", "", "[[track]]", 'id = "cards"', 'title = "Cards"', ""]
    for i in range(entries):
        lines += ["[[entry]]", f'id = "paper-{i}"', 'kind = "paper"',
                  f'title = "A synthetic paper number {i} about attention and scaling"',
                  'track = "cards"', f'url = "https://example.org/papers/{i}"', ""]
        for q in range(4):
            lines += ["[[entry.question]]",
                      f'q = "What is the key idea number {q} of synthetic paper {i}, in one sentence?"',
                      f'a = "The answer to question {q} of paper {i}, short as the catalog asks."',
                      f'q_zh = "合成论文 {i} 的第 {q} 个要点是什么？"',
                      f'a_zh = "论文 {i} 第 {q} 题的答案。"',
                      f'source = "Section {q + 1}"', ""]
    with open(os.path.join(config_dir, "catalog.d", "cards.toml"), "w") as f:
        f.write("\n".join(lines))
    progress = ["format = 1", ""]
    for i in sorted(range(entries), key=lambda i: f"paper-{i}"):
        progress += [f"[entry.paper-{i}]", 'status = "done"', 'changed = "2026-01-01T00:00:00Z"',
                     'finished = "2026-01-01T00:00:00Z"', ""]
    with open(os.path.join(config_dir, "progress.toml"), "w") as f:
        f.write("\n".join(progress))
    review = ["format = 1", ""]
    ids = sorted(f"paper-{i}.q{q + 1}" for i in range(entries) for q in range(4))
    for n, card in enumerate(ids):
        if n % 3 == 0:
            continue
        day = 2 + n % 20
        review += [f'[card."{card}"]',
                   f'log = ["2026-01-{day:02}T10:00:00Z good", "2026-02-{day:02}T10:00:00Z hard", '
                   f'"2026-03-{day:02}T10:00:00Z good"]', ""]
    with open(os.path.join(config_dir, "review.toml"), "w") as f:
        f.write("\n".join(review))


if __name__ == "__main__":
    main()
