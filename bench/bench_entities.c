/*
 * bench_entities.c -- throughput of the entity stage (hx__find_entities) on ordinary
 * news text: the CoNLL-2002 Spanish training file, detokenised (words joined by spaces,
 * one sentence a line), cut into article-sized documents of about 4 KB at sentence
 * ends, each tokenised once and then given to the entity stage again and again.  Also
 * reports the whole file as one document, to show the stage stays near-linear.
 * The tagger is off, as in the cluster test: the stage sees the gazetteer and the
 * capitalised runs only.
 *
 * Build and run from the repository root, after `make`:
 *   cc -O2 -std=c17 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L bench/bench_entities.c \
 *      build/libhechos.a -lutf8proc -ljansson -lm -lpthread -lsqlite3 -o build/bench_entities
 *   ./build/bench_entities [../shared/data/conll2002/esp.train]
 * Prints MB/s (10^6 bytes of UTF-8 text per second, one core).  Not a test: timings
 * vary with the machine.
 */
#include "entities/entities.h"
#include "bench.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void reset(hx_doc *doc)
{
    free(doc->layer_data[0]);
    doc->layer_data[0] = NULL;
    doc->entities.n = 0;
}

/* Best of runs: seconds for the entity stage over docs[0..n); *nents gets the count. */
static double time_stage(hx_doc **docs, size_t n, int runs, size_t *nents)
{
    double best = 1e9;
    hx_error err;
    for (int r = 0; r < runs; r++) {
        size_t ne = 0;
        for (size_t i = 0; i < n; i++) reset(docs[i]);
        double t0 = bench_now();
        for (size_t i = 0; i < n; i++) {
            if (hx__find_entities(docs[i], &err) != HX_OK) {
                fprintf(stderr, "bench_entities: %s\n", err.msg);
                exit(1);
            }
            ne += docs[i]->entities.n;
        }
        double t = bench_now() - t0;
        if (t < best) best = t;
        *nents = ne;
    }
    return best;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/data/conll2002/esp.train";
    size_t len;
    char *text = bench_detokenise(path, &len);
    if (!text) {
        fprintf(stderr, "bench_entities: cannot read %s\n", path);
        return 1;
    }
    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_ctx *ctx = NULL;
    hx_error err;
    if (hx_ctx_new(&opt, &ctx, &err) != HX_OK) {
        fprintf(stderr, "bench_entities: %s\n", err.msg);
        return 1;
    }
    /* Articles of about 4 KB, cut after a line break. */
    size_t cap = len / 2048 + 2, n = 0;
    hx_doc **docs = calloc(cap, sizeof *docs);
    for (size_t at = 0; at < len && n < cap;) {
        size_t end = at + 4096 < len ? at + 4096 : len;
        while (end < len && text[end - 1] != '\n') end++;
        if (hx_doc_new(ctx, text + at, end - at, NULL, &docs[n], &err) != HX_OK
            || hx_doc_analyze(docs[n], &err) != HX_OK) {
            fprintf(stderr, "bench_entities: %s\n", err.msg);
            return 1;
        }
        n++;
        at = end;
    }
    size_t ne = 0;
    double t = time_stage(docs, n, 5, &ne);
    printf("entities: %zu articles, %.1f MB in %.3f s = %.1f MB/s, %zu entities\n", n,
           (double)len / 1e6, t, (double)len / 1e6 / t, ne);
    for (size_t i = 0; i < n; i++) hx_doc_free(docs[i]);
    free(docs);

    hx_doc *all = NULL;
    if (hx_doc_new(ctx, text, len, NULL, &all, &err) != HX_OK || hx_doc_analyze(all, &err) != HX_OK) {
        fprintf(stderr, "bench_entities: %s\n", err.msg);
        return 1;
    }
    t = time_stage(&all, 1, 1, &ne);
    printf("entities, one document: %.1f MB in %.3f s = %.1f MB/s, %zu entities\n",
           (double)len / 1e6, t, (double)len / 1e6 / t, ne);
    hx_doc_free(all);
    hx_ctx_free(ctx);
    free(text);
    return 0;
}
