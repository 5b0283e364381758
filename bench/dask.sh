#!/bin/sh
# bench/dask.sh -- hechos.dask on a local cluster against `hechos extract`: the same
# 20 MB of JSON Lines, split into 40 shards, analysed by
#   hechos extract --jsonl -j 1 and -j 2 (all shards in one process), and
#   python3 -m hechos.dask --scheduler ADDR on a dask-scheduler with 1, then 2,
#   dask-worker processes of one thread each (loopback, started here);
# reports wall seconds, MB/s, CPU seconds of the analysing processes and the overhead
# of the cluster, and checks that the cluster's output shards, concatenated, are the
# bytes `hechos extract` printed.
#
#   sh bench/dask.sh [SHARED_DIR]          (SHARED_DIR defaults to ../shared)
#
# Environment: PYTHON (default /usr/bin/python3), BIN (bin/hechos), HECHOS_MODELS
# (models), DASK_MB (20), DASK_SHARDS (40), BENCH_DIR (${BUILD:-build}/bench).
# Skips (exit 0) when python3-distributed is missing; exits non-zero when a run fails
# or the outputs differ.
set -eu

SHARED=${1:-../shared}
PYTHON=${PYTHON:-/usr/bin/python3}
BIN=${BIN:-bin/hechos}
MB=${DASK_MB:-20}
NSH=${DASK_SHARDS:-40}
OUT=${BENCH_DIR:-${BUILD:-build}/bench}
TRAIN=$SHARED/data/conll2002/esp.train
export HECHOS_MODELS=${HECHOS_MODELS:-models}
export PYTHONPATH="$(pwd)/python${PYTHONPATH:+:$PYTHONPATH}"
export HECHOS_LIB=${HECHOS_LIB:-$(pwd)/${BUILD:-build}/libhechos.so}

"$PYTHON" -c 'import distributed' 2>/dev/null || {
    echo "dask: $PYTHON cannot import distributed (python3-distributed): skipped"; exit 0; }
[ -x "$BIN" ] || { echo "dask: $BIN not found (run make first)" >&2; exit 66; }

corpus=$(sh bench/corpus.sh "$TRAIN" "$MB" "$OUT")
dir=$OUT/dask
rm -rf "$dir"
mkdir -p "$dir/shards"
split -n "l/$NSH" -d -a 3 --additional-suffix=.jsonl "$corpus" "$dir/shards/part-"
bytes=$(wc -c <"$corpus")
echo "dask: $(echo "$bytes" | awk '{ printf "%.1f", $1 / 1e6 }') MB, $(wc -l <"$corpus") articles in $NSH shards"

report() { # LABEL WALL CPU [NOTE]
    echo "$2 $3 $bytes" | awk -v l="$1" -v n="${4:-}" '{
        printf "%-30s %7.2f s wall  %6.2f MB/s  CPU %6.2f s  %6.2f MB per CPU second%s\n",
               l, $1, $3 / 1e6 / $1, $2, $3 / 1e6 / $2, n }'
}

# ------------------------------------------------------------------ hechos extract
for j in 1 2; do
    /usr/bin/time -f "%e %U %S" -o "$dir/time" \
        "$BIN" extract --jsonl -j "$j" "$dir"/shards/part-*.jsonl >"$dir/extract-j$j.out"
    read -r w u s <"$dir/time"
    eval "ex$j=$w"
    report "hechos extract -j $j" "$w" "$(echo "$u $s" | awk '{ print $1 + $2 }')"
done
cmp -s "$dir/extract-j1.out" "$dir/extract-j2.out" || { echo "dask: -j 2 differs from -j 1" >&2; exit 1; }

# ------------------------------------------------------------------ the cluster
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
"$PYTHON" -m distributed.cli.dask_scheduler --host 127.0.0.1 --port 0 --no-dashboard \
    --scheduler-file "$dir/scheduler.json" >"$dir/scheduler.log" 2>&1 &
sched=$!
pids=$sched
tck=$(getconf CLK_TCK)
cpu_of() { # CPU seconds so far of the processes given
    for p in "$@"; do cut -d' ' -f14,15 "/proc/$p/stat"; done |
        awk -v t="$tck" '{ s += $1 + $2 } END { printf "%.2f", s / t }'
}
for n in 1 2; do
    workers=""
    for i in $(seq "$n"); do
        "$PYTHON" -m distributed.cli.dask_worker --scheduler-file "$dir/scheduler.json" \
            --nthreads 1 --no-nanny --no-dashboard --host 127.0.0.1 \
            --local-directory "$dir/w$n-$i" >"$dir/worker$n-$i.log" 2>&1 &
        workers="$workers $!"
    done
    pids="$sched $workers"
    "$PYTHON" - "$dir/scheduler.json" "$n" <<'EOF'
import sys
from distributed import Client
with Client(scheduler_file=sys.argv[1], timeout=60) as c:
    c.wait_for_workers(int(sys.argv[2]), timeout=120)
EOF
    addr=$("$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["address"])' "$dir/scheduler.json")
    # shellcheck disable=SC2086
    c0=$(cpu_of $workers)
    /usr/bin/time -f "%e" -o "$dir/time" "$PYTHON" -m hechos.dask --scheduler "$addr" \
        --out "$dir/out$n" "$dir"/shards/part-*.jsonl 2>"$dir/dask$n.log"
    # shellcheck disable=SC2086
    c1=$(cpu_of $workers)
    w=$(cat "$dir/time")
    inner=$(sed -n 's/.* MB in \([0-9.]*\) s$/\1/p' "$dir/dask$n.log")
    cpu=$(echo "$c0 $c1" | awk '{ printf "%.2f", $2 - $1 }')
    report "hechos.dask, $n worker(s)" "$w" "$cpu" "  (extract() $inner s; workers' CPU)"
    eval "dk$n=$w; in$n=$inner"
    cat "$dir/out$n"/part-*.jsonl | cmp -s - "$dir/extract-j1.out" ||
        { echo "dask: the cluster's output differs from hechos extract" >&2; exit 1; }
    # shellcheck disable=SC2086
    kill $workers
    wait $workers 2>/dev/null || true
done
echo "cluster output identical to hechos extract (all shards, in order)"
# shellcheck disable=SC2154
echo "$ex1 $ex2 $dk1 $dk2 $in1 $in2" | awk -v n="$NSH" '{
    printf "overhead of the cluster, whole command (start, connect, %d tasks): 1 worker %+.0f%% vs -j 1, 2 workers %+.0f%% vs -j 2\n",
           n, 100 * ($3 / $1 - 1), 100 * ($4 / $2 - 1)
    printf "overhead of extract() alone (tasks, scheduling, atomic writes): 1 worker %+.0f%%, 2 workers %+.0f%%\n",
           100 * ($5 / $1 - 1), 100 * ($6 / $2 - 1)
    printf "speed-up from 1 to 2 workers: %.2fx (hechos extract -j 1 to -j 2: %.2fx)\n", $3 / $4, $1 / $2 }'
rm -rf "$dir/out1" "$dir/out2" "$dir"/extract-j*.out
