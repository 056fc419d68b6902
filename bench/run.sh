#!/usr/bin/env bash
# Benchmarks lpath against taskwarrior and writes BENCHMARKS.md. Not run by CI.
#
#   bench/run.sh            # sizes 1000 10000 100000
#   SIZES="1000" bench/run.sh
#
# Needs hyperfine (apt-get install hyperfine); taskwarrior (apt-get install taskwarrior) is
# timed when installed. Everything happens in a temporary directory; your config is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-20}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }

cargo build --release --locked --quiet
BIN=$PWD/target/release/lpath
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
RESULTS=$WORK/results
mkdir -p "$RESULTS"

# time NAME COMMAND [PREPARE]: median of RUNS runs into $RESULTS/NAME.json
time_it() {
    local name=$1 cmd=$2 prepare=${3:-}
    local args=(--shell=none --warmup 3 --runs "$RUNS" --export-json "$RESULTS/$name.json" --style none)
    if [[ -n $prepare ]]; then
        args=(--shell=bash --warmup 3 --runs "$RUNS" --export-json "$RESULTS/$name.json" --style none --prepare "$prepare")
    fi
    hyperfine "${args[@]}" "$cmd" >/dev/null
    echo "  $name: $(python3 -c 'import json,sys; print("%.2f ms" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$RESULTS/$name.json")"
}

# peak NAME COMMAND...: maximum resident set size in KiB into $RESULTS/NAME.rss
peak() {
    local name=$1; shift
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}' > "$RESULTS/$name.rss"
    echo "  $name: $(cat "$RESULTS/$name.rss") KiB peak"
}

echo "bundled catalog"
B=$WORK/bundled
mkdir -p "$B"
export LPATH_CONFIG_DIR=$B
"$BIN" done attention-is-all-you-need >/dev/null
cp "$B/progress.toml" "$WORK/bundled.progress"
time_it bundled-version "$BIN --version"
time_it bundled-next "$BIN next"
time_it bundled-list-json "$BIN list --json"
time_it bundled-list-pipe "$BIN list"
time_it bundled-done "$BIN done bert" "cp $WORK/bundled.progress $B/progress.toml"
time_it bundled-show "$BIN show bert"
peak bundled-next-rss "$BIN" next

for n in $SIZES; do
    echo "$n entries"
    D=$WORK/lpath-$n
    python3 bench/gen.py "$n" "$D" "$WORK/tasks-$n.json"
    cp "$D/progress.toml" "$WORK/progress-$n.toml"
    export LPATH_CONFIG_DIR=$D
    "$BIN" next >/dev/null # fills the catalog cache, as any first run after a change does
    odd=$(( (n / 2) * 2 - 1 )) # an entry that is not done yet
    time_it "lpath-$n-next" "$BIN next"
    time_it "lpath-$n-list-json" "$BIN list --json"
    time_it "lpath-$n-list-pipe" "$BIN list"
    time_it "lpath-$n-done" "$BIN done paper-$odd" "cp $WORK/progress-$n.toml $D/progress.toml"
    time_it "lpath-$n-show" "$BIN show paper-$odd"
    peak "lpath-$n-next-rss" "$BIN" next
    peak "lpath-$n-list-json-rss" "$BIN" list --json
    cp "$WORK/progress-$n.toml" "$D/progress.toml"

    if command -v task >/dev/null && [[ $n -le 10000 ]]; then
        T=$WORK/task-$n
        mkdir -p "$T"
        printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\ngc=off\nrecurrence=off\n' "$T" > "$T/rc"
        export TASKRC=$T/rc TASKDATA=$T
        task import "$WORK/tasks-$n.json" >/dev/null 2>&1
        cp -r "$T" "$WORK/task-$n.orig"
        time_it "task-$n-next" "task next"
        time_it "task-$n-done" "task 1 done" "rm -rf $T && cp -r $WORK/task-$n.orig $T"
        unset TASKRC TASKDATA
    fi
done

python3 bench/report.py "$RESULTS" "$SIZES" > BENCHMARKS.md
echo "wrote BENCHMARKS.md"
