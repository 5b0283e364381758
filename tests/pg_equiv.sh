#!/bin/sh
# tests/pg_equiv.sh -- the 1,000-article comparison of the two back ends: a corpus made
# by bench/gen_store.c from CoNLL-2002 (esp.train under SHARED), stored with
# `hechos ingest --analyzed` into a SQLite file and into PostgreSQL, then every query
# (on the most frequent entities, outlets and counted things of the corpus) asked of
# both with --json: the answers must be the same bytes.  Search is compared by the
# documents it finds: PostgreSQL's must include SQLite's (it matches Spanish stems;
# ranking and snippets differ by design, docs/store.md).
#
#   sh tests/pg.sh sh tests/pg_equiv.sh SHARED [ARTICLES]
#
# Also compares the xdoc fixture (in the repository; cross-article answers).  Skips (exit
# 0, with a message) the 1,000 articles without SHARED's esp.train, everything outside
# tests/pg.sh.
set -u
SHARED=${1:-../shared}
N=${2:-1000}
BIN=${HECHOS_BIN:-bin/hechos}
BUILD=${BUILD:-build}
TRAIN=$SHARED/data/conll2002/esp.train
if [ -z "${HECHOS_PG:-}" ]; then echo "pg_equiv: HECHOS_PG not set (run under tests/pg.sh): skipped"; exit 0; fi
W=$(mktemp -d "${TMPDIR:-/tmp}/hechos-pgeq.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
psql_() { "$HECHOS_PG_BIN/psql" -X -q -A -t "$@"; }
fail=0; n=0
# ask LITE PG QUESTIONS: each question asked of both stores; the answers must be equal.
ask() {
    while IFS= read -r q; do
        n=$((n + 1))
        # shellcheck disable=SC2086
        set -f; IFS='	'; set -- $q; IFS=' '; set +f
        "$BIN" query --db "$LITE_" --json "$@" > "$W/a" 2>&1
        "$BIN" query --db "$PG_" --json "$@" > "$W/b" 2>&1
        if [ "$1" = document ]; then sed -i 's/"ingested":"[^"]*"//' "$W/a" "$W/b"; fi
        if ! cmp -s "$W/a" "$W/b"; then
            echo "pg_equiv: DIFFERENT answers to: $q"; head -c 400 "$W/a"; echo; head -c 400 "$W/b"; echo
            fail=$((fail + 1))
        fi
    done < "$1"
}
# Across articles (issue 23): the xdoc fixture (50 raw articles, 14 stories told by
# several outlets) analysed and stored in both, then its conflicts (with their reasons),
# entities (with the rows of the same real thing) and timelines (cross-article events).
XL=$W/x.db
XP="$HECHOS_PG options='-c search_path=xeq'"
psql_ "$HECHOS_PG" -c "DROP SCHEMA IF EXISTS xeq CASCADE; CREATE SCHEMA xeq" >/dev/null 2>&1 || { echo "pg_equiv: cannot create the schema"; exit 1; }
"$BIN" ingest --quiet --db "$XL" --jsonl tests/fixtures/xdoc/articles.jsonl || exit 1
"$BIN" ingest --quiet --db "$XP" --jsonl tests/fixtures/xdoc/articles.jsonl || exit 1
nx=$n
{
    echo "stats"; echo "entities --top 100"; echo "conflicts --top 1000"; echo "conflicts --window 0"
    echo "conflicts --window 30"; echo "graph --top 100"
    "$BIN" query --db "$XL" --json entities --top 25 | python3 -c '
import json, sys
for e in json.load(sys.stdin)["entities"]:
    print("entity\t" + e["name"]); print("timeline\t" + e["name"])'
} > "$W/xquestions"
LITE_=$XL PG_=$XP ask "$W/xquestions"
# the comparison means something only if there are conflicts and linked rows to compare
"$BIN" query --db "$XL" --json conflicts --top 1000 | python3 -c '
import json, sys
sys.exit(0 if json.load(sys.stdin)["conflicts"] else 1)' || { echo "pg_equiv: the xdoc fixture gave no conflicts"; fail=$((fail + 1)); }
echo "pg_equiv: xdoc fixture, $((n - nx)) questions asked of both, $fail different"; n=0
if [ ! -f "$TRAIN" ]; then
    echo "pg_equiv: $TRAIN not found: 1,000-article comparison skipped"
    [ $fail -eq 0 ]; exit
fi
${CC:-cc} -std=c17 -O2 -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -o "$W/gen_store" bench/gen_store.c \
    "$BUILD/libhechos.a" -lutf8proc -ljansson -lsqlite3 -lpq -lm -lpthread || exit 1
"$W/gen_store" "$TRAIN" "$N" > "$W/corpus.jsonl" || exit 1
LITE=$W/c.db
PG="$HECHOS_PG options='-c search_path=eq'"
psql_ "$HECHOS_PG" -c "DROP SCHEMA IF EXISTS eq CASCADE; CREATE SCHEMA eq" >/dev/null 2>&1 || { echo "pg_equiv: cannot create the schema"; exit 1; }
"$BIN" ingest --quiet --db "$LITE" --analyzed "$W/corpus.jsonl" || exit 1
"$BIN" ingest --quiet --db "$PG" --analyzed "$W/corpus.jsonl" || exit 1
# The questions: fixed ones, then the corpus' own frequent names, outlets and things.
{
    echo "stats"; echo "entities"; echo "entities --type PER --top 30"; echo "entities --type ORG"
    echo "claims"; echo "conflicts"; echo "conflicts --window 0"; echo "conflicts --window 30 --top 500"
    echo "graph"; echo "graph --top 200"; echo "document 1"; echo "document $N"
    "$BIN" query --db "$LITE" --json entities --top 12 | python3 -c '
import json, sys
for e in json.load(sys.stdin)["entities"]:
    n = e["name"]
    print("entity\t" + n); print("timeline\t" + n); print("claims\t--source\t" + n); print("claims\t--about\t" + n)'
    sqlite3 "$LITE" "SELECT thing FROM quantities WHERE thing IS NOT NULL GROUP BY thing ORDER BY count(*) DESC, thing LIMIT 8" 2>/dev/null |
        sed 's/^/figures\t/'
} > "$W/questions"
LITE_=$LITE PG_=$PG ask "$W/questions"
# Search: PostgreSQL matches Spanish stems and drops stop words, so it finds every
# document SQLite's FTS5 finds for a word, and may find more (other forms of it).
for w in "gobierno" "madrid" "presidente" "millones de pesetas"; do
    n=$((n + 1))
    "$BIN" query --db "$LITE" --json search "$w" --top 1000 > "$W/a"
    "$BIN" query --db "$PG" --json search "$w" --top 1000 > "$W/b"
    if ! python3 - "$W/a" "$W/b" "$w" <<'PY'
import json, sys
a = {d["doc"] for d in json.load(open(sys.argv[1]))["documents"]}
b = {d["doc"] for d in json.load(open(sys.argv[2]))["documents"]}
print("pg_equiv: search %-22r SQLite %4d documents, PostgreSQL %4d (%d of SQLite's)" % (sys.argv[3], len(a), len(b), len(a & b)))
sys.exit(0 if a and a <= b else 1)
PY
    then echo "pg_equiv: search '$w': PostgreSQL misses documents SQLite finds"; fail=$((fail + 1)); fi
done
echo "pg_equiv: $N articles, $n questions, $fail different"
[ $fail -eq 0 ]
