#!/bin/sh
# tests/identical.sh -- "nothing else changes": records what `hechos extract` prints on a fixed
# set of inputs, and later compares another build's output with it byte for byte.
#
#   sh tests/identical.sh record  DIR [SHARED_DIR]   write the outputs of BIN into DIR
#   sh tests/identical.sh compare DIR [SHARED_DIR]   run BIN again, cmp each output with DIR
#
# Environment: BIN (default bin/hechos), HECHOS_MODELS (default models).
# Inputs: every tests/golden/*.txt (--date 2025-07-12, as test_cli.c runs them); the sample
# articles in SHARED_DIR/samples (.txt with --date, .jsonl as JSON Lines); the 5 MB corpus that
# `PIPELINE_MB=5 sh bench/pipeline.sh` times (built by bench/corpus.sh), with and without
# tokens.  Inputs under SHARED_DIR are skipped, with a note, when it is absent.  Record the
# baseline with the old build, rebuild, then compare: exit status 1 names every output that
# differs (and the first differing byte), 0 when all are identical.
set -eu
mode=${1:-}; dir=${2:-}; SHARED=${3:-../shared}
BIN=${BIN:-bin/hechos}
MODELS=${HECHOS_MODELS:-models}
case $mode in record|compare) ;; *) echo "usage: $0 record|compare DIR [SHARED_DIR]" >&2; exit 64;; esac
[ -n "$dir" ] || { echo "identical: no DIR given" >&2; exit 64; }
[ -x "$BIN" ] || { echo "identical: $BIN not found (run make first)" >&2; exit 66; }
mkdir -p "$dir"
export HECHOS_MODELS="$MODELS"
bad=0; n=0

one() { # one NAME hechos-extract-arguments...: runs extract, records or compares its output
    name=$1; shift
    out=$dir/$name.out
    [ "$mode" = record ] || out=$dir/$name.new
    "$BIN" extract "$@" >"$out" 2>"$dir/$name.err" || echo "exit $?" >>"$out"
    n=$((n + 1))
    if [ "$mode" = compare ]; then
        if [ ! -f "$dir/$name.out" ]; then
            echo "identical: $name: no recorded output in $dir" >&2; bad=1
        elif cmp "$dir/$name.out" "$out" >"$dir/$name.cmp" 2>&1; then
            rm -f "$out" "$dir/$name.cmp"
        else
            echo "identical: $name differs: $(head -1 "$dir/$name.cmp")" >&2; bad=1
        fi
    fi
}

for f in tests/golden/*.txt; do
    one "golden-$(basename "$f" .txt)" --date 2025-07-12 "$f"
done
if [ -d "$SHARED/samples" ]; then
    for f in "$SHARED"/samples/*.txt; do one "sample-$(basename "$f" .txt)" --date 2025-07-12 "$f"; done
    for f in "$SHARED"/samples/*.jsonl; do one "sample-$(basename "$f" .jsonl)-jsonl" --jsonl "$f"; done
else
    echo "identical: $SHARED/samples absent, sample articles skipped" >&2
fi
TRAIN=$SHARED/data/conll2002/esp.train
if [ -f "$TRAIN" ]; then
    corpus=$(sh bench/corpus.sh "$TRAIN" 5 "${BUILD:-build}/bench")
    one corpus-5mb --jsonl -j 2 "$corpus"
    one corpus-5mb-no-tokens --jsonl -j 2 --no-tokens "$corpus"
else
    echo "identical: $TRAIN absent, 5 MB corpus skipped" >&2
fi
if [ "$mode" = record ]; then
    echo "identical: recorded $n outputs in $dir"
elif [ $bad -eq 0 ]; then
    echo "identical: all $n outputs byte-identical to $dir"
fi
exit $bad
