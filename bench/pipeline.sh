#!/bin/sh
# bench/pipeline.sh -- whole-pipeline speed of `hechos extract`: every stage (tagger when
# its models are there, numbers, times, entities, claims, events), JSON Lines in and out.
#
#   sh bench/pipeline.sh [SHARED_DIR]     (SHARED_DIR defaults to ../shared)
#
# Environment: BIN (default bin/hechos), HECHOS_MODELS (default models), PIPELINE_MB
# (corpus size, default 10), BENCH_DIR (default ${BUILD:-build}/bench).
#
# Builds a JSON Lines corpus from the CoNLL-2002 training file (detokenised sentences,
# 20 to an article, repeated up to PIPELINE_MB), then times `hechos extract --jsonl`
# with -j 1 and -j 2 under /usr/bin/time: wall seconds, MB/s of input, CPU seconds and
# peak RSS.  It checks that -j 2 prints exactly what -j 1 prints (same documents, same
# order), and reports the speed-up.  Exits non-zero when a run fails or outputs differ.
set -eu

SHARED=${1:-../shared}
BIN=${BIN:-bin/hechos}
MODELS=${HECHOS_MODELS:-models}
MB=${PIPELINE_MB:-10}
OUT=${BENCH_DIR:-${BUILD:-build}/bench}
TRAIN=$SHARED/data/conll2002/esp.train

[ -f "$TRAIN" ] || { echo "pipeline: $TRAIN not found" >&2; exit 66; }
[ -x "$BIN" ] || { echo "pipeline: $BIN not found (run make first)" >&2; exit 66; }
mkdir -p "$OUT"

# ------------------------------------------------------------------ corpus
corpus=$(sh "$(dirname "$0")/corpus.sh" "$TRAIN" "$MB" "$OUT")
bytes=$(wc -c <"$corpus")
docs=$(wc -l <"$corpus")

set --
if [ -f "$MODELS/pos.hxm" ] && [ -f "$MODELS/ner.hxm" ]; then
    tagger="with the tagger ($MODELS)"
    set -- --models "$MODELS"
else
    tagger="WITHOUT the tagger (no models in $MODELS)"
fi
MOPT="$*"
echo "pipeline: $(echo "$bytes" | awk '{ printf "%.1f", $1 / 1e6 }') MB, $docs articles, every stage $tagger"

# ------------------------------------------------------------------ runs
run() { # run JOBS OUTFILE [extra options]: prints "wall cpu rss_kb"
    j=$1; o=$2; shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/pipeline.time" \
        "$BIN" extract --jsonl $MOPT -j "$j" "$@" "$corpus" >"$o"
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$OUT/pipeline.time"
}
report() { # report LABEL "wall cpu rss"
    printf "%-26s" "$1"
    echo "$2 $bytes" | awk '{
        printf "%6.2f s wall  %6.2f MB/s  %6.2f MB/s per CPU second  peak RSS %.1f MB\n",
               $1, $4 / 1e6 / $1, $4 / 1e6 / $2, $3 / 1024 }'
}
o1=$OUT/pipeline-j1.out
o2=$OUT/pipeline-j2.out
r1=$(run 1 "$o1")
report "extract -j 1" "$r1"
r2=$(run 2 "$o2")
report "extract -j 2" "$r2"
rn=$(run 1 "$OUT/pipeline-nt.out" --no-tokens)
report "extract -j 1 --no-tokens" "$rn"
rm -f "$OUT/pipeline-nt.out"
if [ -f "$MODELS/parse.hxm" ] && [ -f "$MODELS/ud-upos.hxm" ]; then # the opt-in UD parser
    rp=$(run 1 "$OUT/pipeline-parse.out" --parse)
    report "extract -j 1 --parse" "$rp"
    rm -f "$OUT/pipeline-parse.out"
fi
if cmp -s "$o1" "$o2"; then
    echo "-j 2 output is identical to -j 1 (order kept)"
else
    echo "pipeline: -j 2 output differs from -j 1" >&2
    exit 1
fi
echo "$r1 $r2" | awk '{ printf "speed-up with 2 threads: %.2fx\n", $1 / $4 }'
n=$(grep -o '"cameo":"[0-9]*"' "$o1" | wc -l)
echo "events coded: $n ($(echo "$n $bytes" | awk '{ printf "%.0f", $1 / ($2 / 1e6) }') per MB)"
rm -f "$o1" "$o2" "$OUT/pipeline.time"
