#!/usr/bin/env bash
# Benchmarks lpath against taskwarrior and writes BENCHMARKS.md. Not run by CI.
#
#   bench/run.sh                          # sizes 1000 10000 100000: a few minutes
#   SIZES="1000 10000" RUNS=5 bench/run.sh
#
# RUNS: timed runs per lpath command (20); BUNDLED_RUNS: on the bundled catalog, where a run
# takes a millisecond or two and noise weighs more (100); TASK_RUNS: per taskwarrior command (5,
# each takes seconds at 10,000 tasks); TASK_MAX: the largest size taskwarrior is timed at (10000).
#
# Needs hyperfine (apt-get install hyperfine) and python3; taskwarrior (apt-get install
# taskwarrior) is timed when installed. Everything happens in a temporary directory, with
# LPATH_CONFIG_DIR, LPATH_CACHE_DIR, TASKRC and TASKDATA pointing into it: your own
# config, cache and tasks are untouched.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-20}
BUNDLED_RUNS=${BUNDLED_RUNS:-100}
TASK_RUNS=${TASK_RUNS:-5}
TASK_MAX=${TASK_MAX:-10000}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: python3 is needed to generate catalogs" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is needed for peak memory (apt-get install time)" >&2; exit 1; }

cargo build --release --locked --quiet
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/lpath
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
RESULTS=$WORK/results
mkdir -p "$RESULTS"
unset LPATH_NOW NO_COLOR

# time_it NAME RUNS COMMAND [PREPARE [OUTPUT]]: hyperfine's results for COMMAND in
# $RESULTS/NAME.json. No shell in between: a shell's start-up would be a large part of what is
# measured. PREPARE runs before each run, outside the timing.
time_it() {
    local name=$1 runs=$2 cmd=$3 prepare=${4:-} output=${5:-null}
    local args=(--shell=none --warmup 3 --runs "$runs" --output "$output"
        --export-json "$RESULTS/$name.json" --style none)
    [[ -n $prepare ]] && args+=(--prepare "$prepare")
    hyperfine "${args[@]}" "$cmd" >/dev/null 2>"$RESULTS/$name.log" ||
        { cat "$RESULTS/$name.log" >&2; exit 1; }
    printf '  %-28s %10s ms\n' "$name" "$(python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$RESULTS/$name.json")"
}

# peak NAME PREPARE COMMAND...: maximum resident set size in KiB into $RESULTS/NAME.rss
peak() {
    local name=$1 prepare=$2; shift 2
    [[ -n $prepare ]] && bash -c "$prepare"
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}' > "$RESULTS/$name.rss"
    printf '  %-28s %10s KiB peak\n' "$name" "$(cat "$RESULTS/$name.rss")"
}

# lpath_suite LABEL RUNS: every lpath timing for the config in $LPATH_CONFIG_DIR; `done` and
# `show` name $ID.
lpath_suite() {
    local label=$1 runs=$2 dir=$LPATH_CONFIG_DIR
    # Each `done` starts from the same progress and an empty undo history.
    cp "$dir/progress.toml" "$WORK/$label.progress"
    local reset="cp $WORK/$label.progress $dir/progress.toml && rm -f $dir/history.toml"
    "$BIN" next >/dev/null # fills the catalog cache, as the first run after any change does
    time_it "$label-version" "$runs" "$BIN --version"
    time_it "$label-next" "$runs" "$BIN next"
    time_it "$label-list-json" "$runs" "$BIN list --json"
    time_it "$label-list-pipe" "$runs" "$BIN list" "" pipe
    time_it "$label-done" "$runs" "$BIN done $ID" "bash -c '$reset'"
    time_it "$label-show" "$runs" "$BIN show $ID"
    # The first run after a catalog changes parses every file and rewrites the cache.
    time_it "$label-next-cold" 3 "$BIN next" "rm -f $LPATH_CACHE_DIR/catalog.bin"
    peak "$label-next-cold-rss" "rm -f $LPATH_CACHE_DIR/catalog.bin" "$BIN" next
    peak "$label-next-rss" "" "$BIN" next
    peak "$label-done-rss" "$reset" "$BIN" done "$ID"
    peak "$label-list-json-rss" "" "$BIN" list --json
    # The roadmap page, written to a file as a learner does (atomically, fsync included); its size.
    time_it "$label-html" "$runs" "$BIN export --format html -o $WORK/$label.html"
    peak "$label-html-rss" "" "$BIN" export --format html -o "$WORK/$label.html"
    stat -c %s "$WORK/$label.html" > "$RESULTS/$label-html.size"
    printf '  %-28s %10s bytes\n' "$label-html-size" "$(cat "$RESULTS/$label-html.size")"
    bash -c "$reset"
}

echo "bundled catalog"
export LPATH_CACHE_DIR=$WORK/cache
export LPATH_CONFIG_DIR=$WORK/bundled
"$BIN" done attention-is-all-you-need >/dev/null
rm -f "$LPATH_CONFIG_DIR/history.toml"
ID=bert lpath_suite bundled "$BUNDLED_RUNS"

for n in $SIZES; do
    echo "$n entries"
    export LPATH_CONFIG_DIR=$WORK/lpath-$n
    python3 bench/gen.py "$n" "$LPATH_CONFIG_DIR" "$WORK/tasks-$n.json"
    # paper-1 is the first entry not done, and taskwarrior's task 1: the same item in both.
    ID=paper-1 lpath_suite "lpath-$n" "$RUNS"

    if command -v task >/dev/null && [[ $n -le $TASK_MAX ]]; then
        T=$WORK/task-$n
        mkdir -p "$T"
        printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=off\nrecurrence=off\n' "$T" > "$T/rc"
        export TASKRC=$T/rc TASKDATA=$T
        task import "$WORK/tasks-$n.json" >/dev/null 2>&1
        [[ $(task _get 1.description) == "A synthetic paper number 1" ]] ||
            { echo "bench: task 1 is not paper-1" >&2; exit 1; }
        cp -r "$T" "$WORK/task-$n.orig"
        time_it "task-$n-next" "$TASK_RUNS" "task next"
        time_it "task-$n-done" "$TASK_RUNS" "task 1 done" "bash -c 'rm -rf $T && cp -r $WORK/task-$n.orig $T'"
        unset TASKRC TASKDATA
    fi
done

echo "10000 review cards"
export LPATH_CONFIG_DIR=$WORK/cards
python3 bench/cards.py 10000 "$LPATH_CONFIG_DIR"
"$BIN" next >/dev/null # fills the catalog cache
# One grade, so that lpath writes the review file as it always does, with every card's state.
"$BIN" review grade paper-0.q1 good >/dev/null
time_it "cards-10000-review-list" "$RUNS" "$BIN review --list" "" pipe
time_it "cards-10000-review-list-json" "$RUNS" "$BIN review --list --json"
time_it "cards-10000-next" "$RUNS" "$BIN next"
peak "cards-10000-review-list-rss" "" "$BIN" review --list

# Kept, so that the report can be made again: python3 bench/report.py target/bench "$SIZES"
rm -rf target/bench && cp -r "$RESULTS" target/bench
python3 bench/report.py target/bench "$SIZES" > BENCHMARKS.md
# The hostile cases are timed by hand (bench/hostile.py, once each, before and after a fix).
{ echo; cat bench/hostile.md; } >> BENCHMARKS.md
# `lpath tui`: the first frame and a key, on the bundled path and 10,000 entries.
{
    echo
    echo '## `lpath tui`'
    echo
    echo "\`RUNS=$RUNS bench/tui.sh\`, a 120×40 screen, the catalog cache filled. The view runs scripted"
    echo '(`LPATH_TUI_SCRIPT`): the same code draws every frame, onto ratatui'"'"'s test backend instead of'
    echo 'a terminal. "First frame" is a whole run with no key (start-up, catalog, progress, one frame);'
    echo '"a key" is (a run with 200 presses of `j`, a frame after each, minus the first-frame run) ÷ 200.'
    echo 'Targets: first frame under 50 ms (bundled) and 150 ms (10,000 entries); a key under 16 ms.'
    echo
    RUNS=$RUNS bash bench/tui.sh
} >> BENCHMARKS.md
echo "wrote BENCHMARKS.md (raw results in target/bench)"
