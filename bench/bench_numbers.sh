#!/bin/sh
# bench_numbers.sh -- builds and runs the numbers benchmark (bench/bench_numbers.c):
# MB/s of the quantities stage and of hx_recognize("number") on the detokenised
# CoNLL-2002 training file, per CPU second of one core.
#
#   sh bench/bench_numbers.sh [SHARED_DIR]      (default ../shared)
#
# Run from the repository root after `make` (it links build/libhechos.a; set BUILD to
# use another build directory).  The binary goes to ${TMPDIR:-/tmp}.
set -e
SHARED=${1:-../shared}
BUILD=${BUILD:-build}
TRAIN=$SHARED/data/conll2002/esp.train
[ -f "$TRAIN" ] || { echo "bench_numbers: $TRAIN not found" >&2; exit 66; }
B=${TMPDIR:-/tmp}/hechos-bench-numbers
${CC:-cc} -std=c17 -O2 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "$B" \
  bench/bench_numbers.c "$BUILD/libhechos.a" -lutf8proc -ljansson -lsqlite3 -lpq -lm -lpthread
"$B" "$TRAIN"
