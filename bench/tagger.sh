#!/bin/sh
# bench/tagger.sh -- tagger throughput (POS + NER after tokenisation, one core).
#   sh bench/tagger.sh [SHARED_DIR] [BUILD_DIR]
# Builds bench/bench_tagger.c against BUILD_DIR/libhechos.a (run `make` first) and
# tags CoNLL-2002 esp.testa with models/pos.hxm and models/ner.hxm.
set -e
SHARED=${1:-../shared}
BUILD=${2:-build}
CC=${CC:-cc}
mkdir -p "$BUILD/bench"
$CC -std=c17 -O2 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -o "$BUILD/bench/bench_tagger" bench/bench_tagger.c "$BUILD/libhechos.a" \
    -lutf8proc -ljansson -lsqlite3 -lpq -lm -lpthread
"$BUILD/bench/bench_tagger" "${HECHOS_MODELS:-models}" "$SHARED/data/conll2002/esp.testa"
