/*
 * bench_claims.c -- throughput of the claims stage alone (not a test).
 *
 * Builds one large document from the given text files (default: the sample article
 * and the sentences of CoNLL-2002 esp.testa under $HECHOS_SHARED), repeated until it
 * holds at least --mb megabytes, runs the earlier stages once (tokens, sentences,
 * numbers, entities), then times hx__find_claims over the same document
 * several times and prints the best MB/s of CPU time (one thread, so per core).
 *
 * Build and run from the repository root:
 *   make BUILD=build
 *   cc -O2 -std=c17 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -o build/bench_claims \
 *      bench/bench_claims.c build/libhechos.a -lutf8proc -ljansson -lsqlite3 -lm -lpthread
 *   HECHOS_SHARED=../shared build/bench_claims [--mb N] [FILE...]
 */
#include "bench.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Appends a file; CoNLL files (word POS NER per line) become one sentence a line. */
static void append_file(hx__buf *b, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    int conll = strstr(path, "conll") != NULL, first = 1;
    if (!f) {
        fprintf(stderr, "bench_claims: cannot read %s\n", path);
        return;
    }
    while (fgets(line, sizeof line, f)) {
        if (!conll) {
            hx__buf_puts(b, line);
            continue;
        }
        char *sp = strchr(line, ' ');
        if (line[0] == '\n' || !sp) {
            if (!first) hx__buf_putc(b, '\n');
            first = 1;
            continue;
        }
        if (!first) hx__buf_putc(b, ' ');
        hx__buf_put(b, line, (size_t)(sp - line));
        first = 0;
    }
    hx__buf_puts(b, "\n\n");
    fclose(f);
}

int main(int argc, char **argv)
{
    double mb = 20;
    const char *files[16];
    int nf = 0;
    char def1[4096], def2[4096];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--mb") && i + 1 < argc) mb = atof(argv[++i]);
        else if (nf < 16) files[nf++] = argv[i];
    }
    if (!nf) {
        const char *sh = getenv("HECHOS_SHARED");
        if (!sh || !*sh) sh = "../shared";
        snprintf(def1, sizeof def1, "%s/samples/000_d795d4b1fa3febb0.txt", sh);
        snprintf(def2, sizeof def2, "%s/data/conll2002/esp.testa", sh);
        files[nf++] = def1;
        files[nf++] = def2;
    }
    hx__buf one = {0}, all = {0};
    for (int i = 0; i < nf; i++) append_file(&one, files[i]);
    if (!one.n) return 1;
    while ((double)all.n < mb * 1e6) hx__buf_put(&all, one.p, one.n);

    hx_options opt = {0};
    /* Times are left out: the claims stage only asks whether a token is inside one, and
     * the time stage is timed by its own benchmark. */
    opt.stages = HX_STAGE_TOKENS | HX_STAGE_NUMBERS | HX_STAGE_ENTITIES;
    hx_ctx *ctx = NULL;
    hx_doc *doc = NULL;
    hx_error err;
    if (hx_ctx_new(&opt, &ctx, &err) || hx_doc_new(ctx, all.p, all.n, NULL, &doc, &err)
        || hx_doc_analyze(doc, &err)) {
        fprintf(stderr, "bench_claims: %s\n", err.msg);
        return 1;
    }
    double best = 1e30;
    for (int r = 0; r < 5; r++) {
        double t0 = bench_now();
        if (hx__find_claims(doc, &err) != HX_OK) {
            fprintf(stderr, "bench_claims: %s\n", err.msg);
            return 1;
        }
        double t = bench_now() - t0;
        if (t < best) best = t;
    }
    printf("claims stage: %.1f MB, %zu tokens, %zu sentences, %zu claims; best of 5: %.3f s = %.1f MB/s\n",
           (double)doc->len / 1e6, doc->toks.n, doc->sents.n, doc->claims.n, best,
           (double)doc->len / 1e6 / best);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
    hx__buf_free(&one);
    hx__buf_free(&all);
    return 0;
}
