#!/bin/sh
# bench/run.sh -- `make bench`: throughput and peak memory of hechos on one core.
#
#   sh bench/run.sh [SHARED_DIR]     (SHARED_DIR defaults to ../shared)
#
# Builds a plain-text corpus of at least 50 MB from the CoNLL-2002 training file
# (detokenised sentences, repeated), and a 10 MB prefix of it, under $BENCH_DIR
# (default $BUILD/bench, BUILD defaulting to "build"); compiles bench/bench_core.c
# against $BUILD/libhechos.a; then reports for both sizes MB/s, tokens/s and peak RSS
# of document creation + tokenizer + sentence splitter, the documents being fed as a
# stream of ~5 KB articles (so peak RSS should be the same for 10 and 50 MB), the same
# with the whole 10 MB as a single document, and `wc -w` on the same file for scale.
# Times are CPU seconds, so that numbers stay per core on a shared machine.
# Other bench/*.sh scripts (added by other stages) are run afterwards with the same
# arguments, unless BENCH_CORE_ONLY=1.  Exits non-zero when a step fails.
set -eu

SHARED=${1:-../shared}
BUILD=${BUILD:-build}
OUT=${BENCH_DIR:-$BUILD/bench}
CC=${CC:-cc}
TRAIN=$SHARED/data/conll2002/esp.train

if [ ! -f "$TRAIN" ]; then
    echo "bench: $TRAIN not found (pass the shared directory as the first argument)" >&2
    exit 66
fi
if [ ! -f "$BUILD/libhechos.a" ]; then
    echo "bench: $BUILD/libhechos.a not found (run make first)" >&2
    exit 66
fi
mkdir -p "$OUT"

# ------------------------------------------------------------------ corpus
base=$OUT/esp.train.txt
if [ -x "$BUILD/tools/tokeval" ]; then
    "$BUILD/tools/tokeval" --text "$TRAIN" >"$base"
else
    # Detokenise: one sentence per line; no space before closing punctuation, none
    # after opening marks (a simpler version of tools/detok.h).
    awk '
        NF == 0 { if (line != "") print line; line = ""; glue = 1; next }
        {
            w = $1
            if (line == "" ) { line = w }
            else if (glue || w ~ /^([,.;:?!)\]}%»”]|\.\.\.)$/) { line = line w }
            else { line = line " " w }
            glue = (w ~ /^[(\[{¿¡«“]$/)
        }
        END { if (line != "") print line }' "$TRAIN" >"$base"
fi
corpus50=$OUT/corpus-50mb.txt
corpus10=$OUT/corpus-10mb.txt
: >"$corpus50"
# Paragraphs of 10 sentences, separated by blank lines, repeated to 50 MB.
while [ "$(wc -c <"$corpus50")" -lt 52428800 ]; do
    awk '{ print } NR % 10 == 0 { print "" }' "$base" >>"$corpus50"
done
head -c 10485760 "$corpus50" | awk '{ print }' >"$corpus10.tmp"
# drop the last (possibly cut) line so the prefix is valid UTF-8
sed '$d' "$corpus10.tmp" >"$corpus10" && rm -f "$corpus10.tmp"

# ------------------------------------------------------------------ program
bench_bin=$OUT/bench_core
$CC -std=c17 -O2 -g -Wall -Wextra -Werror -Iinclude -D_POSIX_C_SOURCE=200809L \
    -o "$bench_bin" bench/bench_core.c "$BUILD/libhechos.a" -lutf8proc -ljansson -lsqlite3 -lpq -lm -lpthread

# ------------------------------------------------------------------ runs
secs() { # prints the CPU seconds (user + system) a command takes, or wall seconds
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S' -o "$OUT/time.txt" "$@" >/dev/null
        awk '{ printf "%.3f", $1 + $2 }' "$OUT/time.txt"
    else
        t0=$(date +%s.%N)
        "$@" >/dev/null
        t1=$(date +%s.%N)
        echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }'
    fi
}

echo "== core: tokens + sentences, one core (taskset when available)"
pin=""
command -v taskset >/dev/null 2>&1 && pin="taskset -c 0"
$pin "$bench_bin" "$corpus10"
$pin "$bench_bin" "$corpus50"
$pin "$bench_bin" --doc-bytes 0 "$corpus10"
$pin "$bench_bin" --json "$corpus10"

echo "== wc -w on the same 50 MB file"
bytes=$(wc -c <"$corpus50")
t=$(secs wc -w "$corpus50")
# (inside awk's printf, a bare '>' would redirect: keep comparisons in parentheses)
echo "$bytes $t" | awk '{ w = ($2 > 0) ? $1 / 1e6 / $2 : 0; printf "wc -w: %.1f MB in %s s: %.1f MB/s\n", $1 / 1e6, $2, w }'
core=$($pin "$bench_bin" "$corpus50" | sed -n 's/.* \([0-9.]*\) MB\/s.*/\1/p')
echo "$bytes $t $core" | awk '{ w = ($2 > 0) ? $1 / 1e6 / $2 : 0; if ($3 > 0) printf "wc -w is %.1f times as fast as hechos tokens + sentences (%.1f vs %.1f MB/s)\n", w / $3, w, $3 }'


# ------------------------------------------------------------------ other stages
[ "${BENCH_CORE_ONLY:-0}" = 1 ] && exit 0
for s in bench/*.sh; do
    case $s in bench/run.sh|bench/corpus.sh) continue;; esac  # corpus.sh is a helper, not a bench
    [ -f "$s" ] || continue
    echo "== $s"
    sh "$s" "$SHARED"
done
