#!/bin/sh
# bench/parse.sh -- UD tagger + parser throughput (one core) and model load time.
#   sh bench/parse.sh [SHARED_DIR] [BUILD_DIR]
# Builds bench/bench_parse.c against BUILD_DIR/libhechos.a (run `make` first) and
# parses the words of the UD Spanish files in SHARED_DIR/data/ud-es with
# models/parse.hxm and models/ud-upos.hxm.
set -e
SHARED=${1:-../shared}
BUILD=${2:-build}
CC=${CC:-cc}
mkdir -p "$BUILD/bench"
$CC -std=c17 -O2 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -o "$BUILD/bench/bench_parse" bench/bench_parse.c "$BUILD/libhechos.a" \
    -lutf8proc -ljansson -lsqlite3 -lpq -lm -lpthread
"$BUILD/bench/bench_parse" "${HECHOS_MODELS:-models}" "$SHARED"/data/ud-es/*.conllu
