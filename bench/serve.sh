#!/bin/sh
# serve.sh -- load benchmark of `hechos serve` with wrk on loopback: POST /v1/extract of
# a ~5 KB article, and query endpoints on a 100,000-article store; 64 connections.
# Prints throughput, p50/p99 latency, errors (non-2xx and socket errors) and the
# server's RSS after each run, so that growth across runs shows.
#
#   sh bench/serve.sh [SHARED_DIR] [SECONDS] [DB]     (defaults: ../shared 60 and a
#   store of 100,000 synthetic articles built as bench/bench_store.sh does)
#
# SOAK=SECONDS instead runs POST /v1/extract alone for that long (the issue asks 300)
# and prints the server's RSS every 30 seconds, to show whether memory grows.
#
# Run from the repository root after `make`.  Needs wrk (Debian package wrk).
set -eu
SHARED=${1:-../shared}
SECS=${2:-60}
W=${TMPDIR:-/tmp}/hechos-bench-serve
DB=${3:-$W/store-100000.db}
JOBS=${JOBS:-2}
command -v wrk >/dev/null || { echo "bench/serve.sh: wrk not installed" >&2; exit 69; }
mkdir -p "$W"
if [ ! -s "$DB" ]; then
  TRAIN=$SHARED/data/conll2002/esp.train
  [ -f "$TRAIN" ] || { echo "bench/serve.sh: $TRAIN not found" >&2; exit 66; }
  for b in gen_store bench_store; do
    ${CC:-cc} -std=c17 -O2 -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "$W/$b" bench/$b.c \
      build/libhechos.a -lutf8proc -ljansson -lsqlite3 -lpq -lm -lpthread
  done
  "$W/gen_store" "$TRAIN" 100000 > "$W/corpus.jsonl"
  "$W/bench_store" ingest "$DB" "$W/corpus.jsonl"
fi
# a ~5 KB article: the example article three times and a paragraph of the sample
{ cat examples/articulo.txt examples/articulo.txt examples/articulo.txt
  [ -f "$SHARED/samples/000_d795d4b1fa3febb0.txt" ] && head -c 500 "$SHARED/samples/000_d795d4b1fa3febb0.txt" | sed '$d'; } > "$W/article.txt"
cat > "$W/post.lua" <<LUA
local f = io.open("$W/article.txt", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain"
LUA
bin/hechos serve --db "$DB" --listen 127.0.0.1:0 -j "$JOBS" > "$W/serve.out" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null' EXIT
for i in $(seq 50); do grep -q listening "$W/serve.out" 2>/dev/null && break; sleep 0.2; done
URL=$(sed -n 's/.*listening on \(http:[^ ]*\)\/ .*/\1/p' "$W/serve.out")
rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' /proc/$PID/status; }
# CPU seconds used by the server so far (user + system), for requests per CPU second:
# on a shared machine wall-clock throughput depends on the other jobs, this does not.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/$PID/stat; }
echo "server: $URL, $JOBS threads, article $(wc -c < "$W/article.txt") bytes, database $(du -Lm "$DB" | cut -f1) MB, load average $(cut -d" " -f1-3 /proc/loadavg)"
echo "RSS at start: $(rss)"
run() { # name, wrk arguments...
  name=$1; shift
  c0=$(cpu)
  wrk -t2 -c64 -d"${SECS}s" --latency --timeout 10s "$@" > "$W/wrk.out" 2>&1
  rps=$(awk '/Requests\/sec/ {print $2}' "$W/wrk.out")
  p50=$(awk '$1 == "50%" {print $2}' "$W/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$W/wrk.out")
  n=$(awk '/requests in/ {print $1}' "$W/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$W/wrk.out")
  sock=$(awk '/Socket errors/ {print $0}' "$W/wrk.out")
  percpu=$(awk -v n="$n" -v a="$c0" -v b="$(cpu)" 'BEGIN {printf "%.0f", ((b - a) > 0 ? n / (b - a) : 0)}')
  printf '%-34s %8s req/s  p50 %-9s p99 %-9s requests %-8s per server CPU s %-6s non-2xx %-4s %s  RSS after %s\n' \
    "$name" "$rps" "$p50" "$p99" "$n" "$percpu" "${non2xx:-0}" "${sock:+($sock)}" "$(rss)"
}
if [ -n "${SOAK:-}" ]; then
  wrk -t2 -c64 -d"${SOAK}s" --latency --timeout 10s -s "$W/post.lua" "$URL/v1/extract?date=2025-07-12" > "$W/soak.out" 2>&1 &
  WRK=$!
  t=0
  while kill -0 $WRK 2>/dev/null; do
    sleep 30; t=$((t + 30))
    echo "soak: ${t} s, RSS $(rss), server CPU $(cpu) s"
  done
  wait $WRK || true
  grep -E "Requests/sec|requests in|Non-2xx|Socket errors| 50%| 99%" "$W/soak.out"
  exit 0
fi
run "POST /v1/extract (5 KB)" -s "$W/post.lua" "$URL/v1/extract?date=2025-07-12"
run "GET /v1/entities?type=PER&top=20" "$URL/v1/entities?type=PER&top=20"
run "GET /v1/search?q=gobierno" "$URL/v1/search?q=gobierno"
run "GET /v1/entities/{name}" "$URL/v1/entities/Jos%C3%A9%20Mar%C3%ADa%20Aznar"
run "POST /v1/extract (5 KB), again" -s "$W/post.lua" "$URL/v1/extract?date=2025-07-12"
