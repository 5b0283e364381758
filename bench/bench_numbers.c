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
    size_t found = 0;
    double best = bench_stage(doc, &doc->quants, hx__find_quantities, 10, &found, &err);
    double t = best < 0 ? -1 : bench_recognize(ctx, "number", NULL, text, len, &err);
    if (t < 0) {
        fprintf(stderr, "bench_numbers: %s\n", err.msg);
        return 1;
    }
    printf("quantities: %.1f MB in %.3f s = %.1f MB/s, %zu quantities\n", (double)doc->len / 1e6,
           best, (double)doc->len / 1e6 / best, found);
    printf("recognize number: %.1f MB in %.3f s = %.1f MB/s\n", (double)len / 1e6, t,
           (double)len / 1e6 / t);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
    free(text);
    return 0;
}
