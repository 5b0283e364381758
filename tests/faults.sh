#!/bin/sh
# tests/faults.sh -- `hechos ingest` under faults (issue 22), run by `make test` and
# `make asan` with $HECHOS_BIN the binary under test:
#
#   disk full   the database may not grow past a file size limit (prlimit --fsize, or
#               `ulimit -f` in a subshell): exit 74 with one line saying the database
#               could not be written, PRAGMA integrity_check ok, every document stored
#               whole, and the same command without the limit stores everything;
#   SIGINT /    the ingest stops between two articles: exit 130 / 143, a message, what
#   SIGTERM     was stored committed (integrity ok), and a rerun completes the store.
#
# The articles are made here (names, numbers, places vary), so the test needs no data
# from ../shared.  Signals go to an ingest reading a FIFO: once while it waits for
# input (the read is interrupted), once while it is busy with a stream of articles.
# Prints "faults: N passed, M failed" and exits non-zero on any failure.
BIN=${HECHOS_BIN:-bin/hechos}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "faults: FAIL: $*"; [ -f "$d/err" ] && sed 's/^/    /' "$d/err" | tail -5; }

# N synthetic articles as JSON Lines: $1 count, $2 first number (ids differ between runs)
articles() {
    awk -v n="$1" -v f="$2" 'BEGIN {
        split("Ana Pérez|Luis Gómez|Marta Ruiz|Carlos Díaz|Elena Torres|Jorge Vidal", who, "|")
        split("Lima|Quito|Madrid|Bogotá|Rosario|Valencia|Cusco", where, "|")
        split("Repsol|la ONU|el Banco Central|Iberia|la OEA", org, "|")
        split("enero|marzo|mayo|julio|octubre|diciembre", mon, "|")
        for (i = f; i < f + n; i++) {
            printf "{\"id\":\"f%d\",\"date\":\"2024-%02d-%02d\",\"text\":\"%s anunció el %d de %s en %s que %s invertirá %d millones de euros. ",
                i, i % 12 + 1, i % 28 + 1, who[i % 6 + 1], i % 28 + 1, mon[i % 6 + 1], where[i % 7 + 1], org[i % 5 + 1], i * 7 % 900 + 10
            printf "Según %s, unas %d personas protestaron ayer frente a la sede de %s.\"}\n", who[(i + 3) % 6 + 1], i * 13 % 5000 + 50, org[(i + 2) % 5 + 1]
        }
    }'
}

sql() { # $1 database, $2 query: prints the single value
    "$PY" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
print(c.execute(sys.argv[2]).fetchone()[0])' "$1" "$2"
}
intact() { # the store is whole: integrity, and every document has its text in the index
    [ "$(sql "$1" 'PRAGMA integrity_check')" = ok ] &&
        [ "$(sql "$1" 'SELECT count(*) FROM documents')" = "$(sql "$1" 'SELECT count(*) FROM docs_fts')" ]
}
count() { sql "$1" 'SELECT count(*) FROM documents'; }

if ! "$PY" -c 'import sqlite3' 2>/dev/null; then
    echo "faults: 0 passed, 0 failed, 1 skipped (no python3 sqlite3 module)"
    exit 0
fi

# ---------------------------------------------------------------- disk full
articles 300 1 >"$d/a.jsonl"
articles 4 1000 >"$d/first.jsonl"
"$BIN" ingest --db "$d/full.db" --quiet --jsonl "$d/first.jsonl" 2>"$d/err" || bad "first ingest"
limit=$(($(wc -c <"$d/full.db") + 65536))
if command -v prlimit >/dev/null 2>&1; then
    prlimit --fsize=$limit "$BIN" ingest --db "$d/full.db" --quiet --batch 32 --jsonl "$d/a.jsonl" 2>"$d/err"
    rc=$?
else
    (ulimit -f $((limit / 512)) && exec "$BIN" ingest --db "$d/full.db" --quiet --batch 32 --jsonl "$d/a.jsonl") 2>"$d/err"
    rc=$?
fi
[ $rc -eq 74 ] && ok || bad "disk full: exit $rc, want 74"
grep -q "full.db could not be written (disk full or file size limit?)" "$d/err" && ok || bad "disk full: no clear message"
[ "$(grep -c 'hechos ingest: stopped' "$d/err")" -eq 1 ] && ok || bad "disk full: the closing line is not there once"
intact "$d/full.db" && ok || bad "disk full: store not intact"
n=$(count "$d/full.db")
[ "$n" -ge 4 ] && [ "$n" -lt 304 ] && ok || bad "disk full: $n documents (want the 4 before and not all)"
"$BIN" ingest --db "$d/full.db" --quiet --jsonl "$d/a.jsonl" 2>"$d/err" && ok || bad "disk full: the rerun failed"
[ "$(count "$d/full.db")" -eq 304 ] && intact "$d/full.db" && ok || bad "disk full: rerun left $(count "$d/full.db") documents, want 304"

# ---------------------------------------------------------------- signals
# $1 signal name, $2 the status it must give, $3 busy (1: signal while articles stream in)
signal_test() {
    rm -f "$d/s.db" "$d/fifo"
    mkfifo "$d/fifo"
    "$BIN" ingest --db "$d/s.db" --batch 8 --jsonl - <"$d/fifo" 2>"$d/err" &
    pid=$!
    exec 3>"$d/fifo"
    head -n 40 "$d/a.jsonl" >&3
    k=0 # wait until the first 40 are committed (5 batches)
    while [ $k -lt 600 ] && [ "$(count "$d/s.db" 2>/dev/null || echo 0)" -lt 40 ]; do sleep 0.1; k=$((k + 1)); done
    if [ "$3" = 1 ]; then
        (tail -n +41 "$d/a.jsonl" >&3) 2>/dev/null &
        wpid=$!
        sleep 0.3
    fi
    kill -s "$1" $pid
    wait $pid
    rc=$?
    exec 3>&-
    [ "$3" = 1 ] && { kill $wpid 2>/dev/null; wait $wpid 2>/dev/null; }
    [ $rc -eq "$2" ] && ok || bad "$1 (busy=$3): exit $rc, want $2"
    grep -q "interrupted by SIG$1: the [0-9]* new articles stored before are committed" "$d/err" && ok ||
        bad "$1 (busy=$3): no message"
    intact "$d/s.db" && ok || bad "$1 (busy=$3): store not intact"
    n=$(count "$d/s.db")
    # all 300 may be in when busy on a fast machine: the FIFO stays open, so it was still running
    [ "$n" -ge 40 ] && [ "$n" -le $((300 - 260 * (1 - $3))) ] && ok || bad "$1 (busy=$3): $n documents, want the 40 committed"
    "$BIN" ingest --db "$d/s.db" --quiet --jsonl "$d/a.jsonl" 2>"$d/err" && ok || bad "$1: the rerun failed"
    [ "$(count "$d/s.db")" -eq 300 ] && intact "$d/s.db" && ok || bad "$1: rerun left $(count "$d/s.db"), want 300"
}
signal_test INT 130 0
signal_test TERM 143 1

echo "faults: $pass passed, $fail failed"
[ $fail -eq 0 ]
