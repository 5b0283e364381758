/*
 * bench_numbers.c -- throughput of the numbers stage (hx__find_quantities) on ordinary
 * news text: the CoNLL-2002 Spanish training file, detokenised (words joined by
 * spaces, one sentence a line), analysed as one document and scanned again and again.
 * Also times hx_recognize("number") on the same text in 64 KiB pieces.
 *
 * Build and run from the repository root, after `make`:
 *   cc -O2 -std=c17 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L bench/bench_numbers.c \
 *      build/libhechos.a -lutf8proc -ljansson -lm -lpthread -o build/bench_numbers
 *   ./build/bench_numbers [../shared/data/conll2002/esp.train]
 * Prints MB/s (10^6 bytes of UTF-8 text per CPU second of one core, best of 10 runs).  Not a test: timings
 * vary with the machine.
 */
#include "bench.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/data/conll2002/esp.train";
    size_t len;
    char *text = bench_detokenise(path, &len);
    if (!text) {
        fprintf(stderr, "bench_numbers: cannot read %s\n", path);
        return 1;
    }
    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_ctx *ctx = NULL;
    hx_doc *doc = NULL;
    hx_error err;
    if (hx_ctx_new(&opt, &ctx, &err) != HX_OK || hx_doc_new(ctx, text, len, NULL, &doc, &err) != HX_OK ||
        hx_doc_analyze(doc, &err) != HX_OK) {
        fprintf(stderr, "bench_numbers: %s\n", err.msg);
        return 1;
    }
    int runs = 10;
    double best = 1e9;
    size_t nq = 0;
    for (int r = 0; r < runs; r++) {
        doc->quants.n = 0;
        double t0 = bench_now();
        if (hx__find_quantities(doc, &err) != HX_OK) {
            fprintf(stderr, "bench_numbers: %s\n", err.msg);
            return 1;
        }
        double t = bench_now() - t0;
        if (t < best)
            best = t;
        nq = doc->quants.n;
    }
    printf("quantities: %.1f MB in %.3f s = %.1f MB/s, %zu quantities\n", (double)doc->len / 1e6,
           best, (double)doc->len / 1e6 / best, nq);
    double t0 = bench_now();
    size_t piece = 65536, done = 0;
    for (size_t at = 0; at < len;) {
        size_t end = at + piece < len ? at + piece : len;
        while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
            end++;
        char *out = NULL;
        if (hx_recognize(ctx, "number", text + at, end - at, NULL, &out, &err) != HX_OK) {
            fprintf(stderr, "bench_numbers: %s\n", err.msg);
            return 1;
        }
        hx_free(out);
        done += end - at;
        at = end;
    }
    double t = bench_now() - t0;
    printf("recognize number: %.1f MB in %.3f s = %.1f MB/s\n", (double)done / 1e6, t,
           (double)done / 1e6 / t);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
    free(text);
    return 0;
}
