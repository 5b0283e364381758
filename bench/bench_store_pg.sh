#!/bin/sh
# bench_store_pg.sh -- the store on PostgreSQL next to SQLite: articles stored per
# second with 1 writer and with 4 concurrent writers (the corpus split in four, one
# process each), and the query latencies of bench_store, on N articles made by
# bench/gen_store.c from CoNLL-2002.
#
#   sh tests/pg.sh sh bench/bench_store_pg.sh [SHARED_DIR] [ARTICLES]   (throw-away cluster)
#   HECHOS_PG='dbname=x host=...' sh bench/bench_store_pg.sh ...       (a server of yours)
#
# Defaults: ../shared, 2000 articles.  Each run stores into fresh schemas (bench1,
# bench4) of the HECHOS_PG database, dropped at the end; psql must be on PATH or in
# HECHOS_PG_BIN.  Work files go to ${TMPDIR:-/tmp}/hechos-bench-store-pg.
set -e
SHARED=${1:-../shared}
N=${2:-2000}
BUILD=${BUILD:-build}
W=${TMPDIR:-/tmp}/hechos-bench-store-pg
TRAIN=$SHARED/data/conll2002/esp.train
[ -f "$TRAIN" ] || { echo "bench_store_pg: $TRAIN not found" >&2; exit 66; }
[ -n "${HECHOS_PG:-}" ] || { echo "bench_store_pg: set HECHOS_PG or run under tests/pg.sh" >&2; exit 64; }
PSQL=${HECHOS_PG_BIN:+$HECHOS_PG_BIN/}psql
mkdir -p "$W"
for b in gen_store bench_store; do
  ${CC:-cc} -std=c17 -O2 -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "$W/$b" bench/$b.c \
    "$BUILD/libhechos.a" -lutf8proc -ljansson -lsqlite3 -lpq -lm -lpthread
done
[ -s "$W/corpus-$N.jsonl" ] || "$W/gen_store" "$TRAIN" "$N" > "$W/corpus-$N.jsonl"
rm -f "$W"/part.*
split -n l/4 "$W/corpus-$N.jsonl" "$W/part."
now() { date +%s.%N; }
# writers4 DB: the four parts stored by four processes at once; prints articles/s (wall).
writers4() {
  "$W/bench_store" ingest "$1" /dev/null >/dev/null # the schema, once
  t0=$(now)
  for p in "$W"/part.*; do "$W/bench_store" ingest "$1" "$p" > "$p.out" & done
  wait
  t1=$(now)
  echo "$N $t0 $t1" | awk '{printf "4 writers: %d articles in %.2f s wall: %.0f articles/s\n", $1, $3 - $2, $1 / ($3 - $2)}'
}
echo "== SQLite"
rm -f "$W"/s1.db* "$W"/s4.db*
"$W/bench_store" ingest "$W/s1.db" "$W/corpus-$N.jsonl"
writers4 "$W/s4.db"
"$W/bench_store" query "$W/s1.db" 7
echo "== PostgreSQL ($("$PSQL" -X -A -t "$HECHOS_PG" -c 'SHOW server_version'))"
"$PSQL" -X -q "$HECHOS_PG" -c "DROP SCHEMA IF EXISTS bench1 CASCADE; DROP SCHEMA IF EXISTS bench4 CASCADE;
                               CREATE SCHEMA bench1; CREATE SCHEMA bench4" 2>/dev/null
"$W/bench_store" ingest "$HECHOS_PG options='-c search_path=bench1'" "$W/corpus-$N.jsonl"
writers4 "$HECHOS_PG options='-c search_path=bench4'"
# fresh tables have no planner statistics until autovacuum gets to them (within a
# minute or so); without them the conflicts query took 1.4 s instead of 0.1 s
"$PSQL" -X -q "$HECHOS_PG options='-c search_path=bench1'" -c "ANALYZE documents, entities, aliases, doc_entities,
    mentions, times, quantities, claims, claim_entities, events, event_actors, edges, docs_fts, quantities_fts"
"$W/bench_store" query "$HECHOS_PG options='-c search_path=bench1'" 7
"$PSQL" -X -q "$HECHOS_PG" -c "DROP SCHEMA bench1 CASCADE; DROP SCHEMA bench4 CASCADE" 2>/dev/null
