#!/bin/sh
# bench_store.sh -- builds the store benchmark, generates a synthetic corpus from
# CoNLL-2002 (bench/gen_store.c) and measures storing and querying (bench/bench_store.c).
#
#   sh bench/bench_store.sh [SHARED_DIR] [ARTICLES]      (defaults: ../shared 100000)
#
# Run from the repository root after `make` (it links build/libhechos.a; set BUILD to
# use another build directory).  Work files go to ${TMPDIR:-/tmp}/hechos-bench-store.
set -e
SHARED=${1:-../shared}
N=${2:-100000}
BUILD=${BUILD:-build}
W=${TMPDIR:-/tmp}/hechos-bench-store
TRAIN=$SHARED/data/conll2002/esp.train
[ -f "$TRAIN" ] || { echo "bench_store: $TRAIN not found" >&2; exit 66; }
mkdir -p "$W"
for b in gen_store bench_store; do
  ${CC:-cc} -std=c17 -O2 -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "$W/$b" bench/$b.c \
    "$BUILD/libhechos.a" -lutf8proc -ljansson -lsqlite3 -lpq -lm -lpthread
done
if [ ! -s "$W/corpus-$N.jsonl" ]; then
  echo "generating $N articles..."
  "$W/gen_store" "$TRAIN" "$N" > "$W/corpus-$N.jsonl.tmp" && mv "$W/corpus-$N.jsonl.tmp" "$W/corpus-$N.jsonl"
fi
rm -f "$W/store-$N.db" "$W/store-$N.db-wal" "$W/store-$N.db-shm" "$W/pipeline.db"*
"$W/bench_store" ingest "$W/store-$N.db" "$W/corpus-$N.jsonl"
ls -l "$W/store-$N.db" | awk '{printf "database: %.0f MB\n", $5 / 1e6}'
# Extraction + storing of 2,000 of the articles (bounded: a stage stuck on one input
# must not hold the benchmark).
timeout 900 "$W/bench_store" pipeline "$W/pipeline.db" "$W/corpus-$N.jsonl" 2000 ||
  echo "pipeline: did not finish in 900 s (see which stage with perf)"
"$W/bench_store" query "$W/store-$N.db" 7
