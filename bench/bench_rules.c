/*
 * bench_rules.c -- CPU time of the three rule stages (quantities, time expressions,
 * entities) on a JSON Lines file of articles, each article tagged once and then given
 * to the stages again and again; reports the best run of each stage over all articles.
 * Used for the speed work on those stages: the stages' layers are emptied before each
 * run, so every run does the same work.
 *
 * Build and run from the repository root, after `make`:
 *   cc -O2 -std=c17 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
 *      bench/bench_rules.c build/libhechos.a -lutf8proc -ljansson -lsqlite3 -lm -lpthread \
 *      -o build/bench_rules
 *   ./build/bench_rules FILE.jsonl [RUNS [MASK]]
 * MASK: 1 quantities, 2 times, 4 entities (default 7, all three).  Models are read from
 * ./models.  Prints CPU seconds of the measuring thread.  Not a test: timings vary.
 */
#include "bench.h"
#include "entities/entities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_rules FILE.jsonl [RUNS [MASK]]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5, mask = argc > 3 ? atoi(argv[3]) : 7;
    hx_options opt = {0};
    opt.models_dir = "models";
    opt.stages = HX_STAGE_TOKENS | HX_STAGE_TAGGER;
    hx_ctx *ctx;
    hx_error err;
    if (hx_ctx_new(&opt, &ctx, &err) != HX_OK) {
        fprintf(stderr, "bench_rules: %s\n", err.msg);
        return 1;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        fprintf(stderr, "bench_rules: cannot read %s\n", argv[1]);
        return 1;
    }
    char *line = NULL;
    size_t lcap = 0, nd = 0, bytes = 0;
    ssize_t len;
    hx_doc **docs = NULL;
    while ((len = getline(&line, &lcap, f)) > 0) {
        hx_doc *d;
        if (hx_doc_from_json(ctx, line, (size_t)len, 0, &d, &err) != HX_OK) continue;
        hx_doc **nds = realloc(docs, (nd + 1) * sizeof *docs);
        if (!nds || hx_doc_analyze(d, &err) != HX_OK) {
            fprintf(stderr, "bench_rules: cannot analyse an article\n");
            return 1;
        }
        docs = nds;
        docs[nd++] = d;
        bytes += d->len;
    }
    free(line);
    fclose(f);
    double best[3] = {1e9, 1e9, 1e9};
    size_t found[3] = {0, 0, 0};
    for (int r = 0; r < runs; r++) {
        double t[3] = {0, 0, 0};
        found[0] = found[1] = found[2] = 0;
        for (size_t i = 0; i < nd; i++) {
            hx_doc *d = docs[i];
            d->quants.n = d->times.n = d->entities.n = 0;
            free(d->layer_data[0]);
            d->layer_data[0] = NULL;
            double t0 = bench_now();
            if (mask & 1) hx__find_quantities(d, &err);
            double t1 = bench_now();
            if (mask & 2) hx__find_times(d, &err);
            double t2 = bench_now();
            if (mask & 4) hx__find_entities(d, &err);
            double t3 = bench_now();
            t[0] += t1 - t0, t[1] += t2 - t1, t[2] += t3 - t2;
            found[0] += d->quants.n, found[1] += d->times.n, found[2] += d->entities.n;
        }
        for (int k = 0; k < 3; k++)
            if (t[k] < best[k]) best[k] = t[k];
    }
    printf("%zu articles, %zu bytes, best of %d: quantities %.4f s (%zu), times %.4f s (%zu), "
           "entities %.4f s (%zu)\n",
           nd, bytes, runs, best[0], found[0], best[1], found[1], best[2], found[2]);
    for (size_t i = 0; i < nd; i++) hx_doc_free(docs[i]);
    free(docs);
    hx_ctx_free(ctx);
    return 0;
}
