#!/bin/sh
# bench/bench_html.sh -- HTML to text throughput (MB of HTML per CPU second, one core).
#
#   sh bench/bench_html.sh [SHARED_DIR]      (SHARED_DIR is not needed)
#
# Compiles bench/bench_html.c against $BUILD/libhechos.a and runs it on the 33 fixture
# pages (tests/fixtures/html, 3.6 KB on average), then on one page padded the way real news
# pages are (inline scripts, styles, JSON state: ~140 KB, under 1% of it text).
set -eu
BUILD=${BUILD:-build}
OUT=${BENCH_DIR:-$BUILD/bench}
CC=${CC:-cc}
mkdir -p "$OUT"
$CC -std=c17 -O2 -Iinclude -Isrc -Ibench -I/usr/include/libxml2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -o "$OUT/bench_html" bench/bench_html.c "$BUILD/libhechos.a" -lutf8proc -ljansson -lsqlite3 -lpq -lxml2 -lz -lm -lpthread
"$OUT/bench_html" tests/fixtures/html/*.html
page=tests/fixtures/html/01-arc-bce-tipos.html
big=$OUT/heavy-page.html
{
    sed -n '1,/<\/head>/p' "$page" | sed 's#</head>##'
    i=0
    while [ $i -lt 40 ]; do
        printf '<script>window.__STATE_%d__={"items":[%s]};function f%d(a){return a.map(function(x){return x*2})}</script>\n' \
            $i "$(seq -s, 1 800)" $i
        printf '<style>.c%d{margin:0 auto;padding:%dpx;font:14px/1.4 Georgia,serif}.c%d a:hover{color:#c00}</style>\n' $i $i $i
        i=$((i + 1))
    done
    echo '</head>'
    sed -n '/<body>/,$p' "$page"
} >"$big"
"$OUT/bench_html" "$big"
