#!/usr/bin/env bash
# Times `lpath tui` (issue 26): the first frame, and a key press redrawn, on the bundled path and
# on a generated 10,000-entry catalog. Not run by CI; prints a Markdown table for BENCHMARKS.md.
#
#   bench/tui.sh                  # RUNS=20 timed runs each, KEYS=200 key presses
#
# The view runs scripted (LPATH_TUI_SCRIPT, a 120x40 screen): the same code draws each frame as
# on a terminal, onto ratatui's test backend, and the last frame is printed. "First frame" is a
# whole run with no key: start-up, catalog, progress, one frame. "A key" is the difference between
# a run with KEYS presses of `j` (a frame drawn after each) and the first-frame run, divided by
# KEYS. Needs hyperfine and python3; everything happens in a temporary dir.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
KEYS=${KEYS:-200}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }

cargo build --release --locked --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/lpath
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unset LPATH_NOW NO_COLOR
export LANG=C.UTF-8 LPATH_TUI_SIZE=120x40 LPATH_CACHE_DIR=$WORK/cache
MOVES=$(printf 'j%.0s' $(seq "$KEYS"))

# median NAME: hyperfine's median of $WORK/NAME.json, in ms
median() {
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$WORK/$1.json"
}

# row LABEL: the first frame and a key for the config in $LPATH_CONFIG_DIR
row() {
    local label=$1
    "$BIN" next >/dev/null # fills the catalog cache, as every run after the first one does
    LPATH_TUI_SCRIPT="" hyperfine -N --warmup 3 --runs "$RUNS" --style none \
        --export-json "$WORK/$label-first.json" "$BIN tui" >/dev/null
    LPATH_TUI_SCRIPT=$MOVES hyperfine -N --warmup 3 --runs "$RUNS" --style none \
        --export-json "$WORK/$label-keys.json" "$BIN tui" >/dev/null
    local first keys
    first=$(median "$label-first")
    keys=$(median "$label-keys")
    printf '| %s | %s ms | %s ms |\n' "$label" "$first" \
        "$(python3 -c "print('%.3f' % (($keys - $first) / $KEYS))")"
}

echo "| path | first frame | a key, redrawn |"
echo "| --- | --- | --- |"
export LPATH_CONFIG_DIR=$WORK/bundled
mkdir -p "$LPATH_CONFIG_DIR"
row "bundled"
export LPATH_CONFIG_DIR=$WORK/gen-10000
python3 bench/gen.py 10000 "$LPATH_CONFIG_DIR" "$WORK/tasks.json"
row "10,000 entries"
