/*
 * bench_core.c -- throughput and peak memory of the core (document creation,
 * normalisation, tokenizer, sentence splitter) on one core.
 *
 *   bench_core [--doc-bytes N] [--stages tokens|all] [--json] FILE
 *
 * The file is read as a stream of documents: lines are gathered until a document holds
 * at least N bytes (default 5000, about a news article) and ends at a line break; each
 * document is created, analysed and freed before the next is read, so peak memory
 * depends on the document size, not on the length of the stream.  With N = 0 the whole
 * file is one document.  Prints one line: bytes, tokens, CPU seconds of analysis, MB/s,
 * tokens/s per CPU second and peak RSS (getrusage).  Time counts hx_doc_new +
 * hx_doc_analyze (+ hx_doc_json with --json), not reading the file.
 */
#include "hechos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct totals {
    size_t bytes, tokens, sentences, docs, json_bytes;
    double secs;
} totals;

/* Analyses text[0..len) as one document and adds to the totals; 0 or -1 on error. */
static int one_doc(const hx_ctx *ctx, const char *text, size_t len, int json, totals *t)
{
    hx_doc *doc = NULL;
    hx_error err;
    double t0 = now();
    if (hx_doc_new(ctx, text, len, NULL, &doc, &err) != HX_OK || hx_doc_analyze(doc, &err) != HX_OK) {
        fprintf(stderr, "bench_core: document %zu: %s\n", t->docs + 1, err.msg);
        hx_doc_free(doc);
        return -1;
    }
    if (json) {
        char *s;
        size_t n;
        if (hx_doc_json(doc, 0, &s, &n, &err) != HX_OK) {
            fprintf(stderr, "bench_core: json: %s\n", err.msg);
            hx_doc_free(doc);
            return -1;
        }
        t->json_bytes += n;
        hx_free(s);
    }
    t->tokens += hx_doc_ntokens(doc);
    t->sentences += hx_doc_nsentences(doc);
    hx_doc_free(doc);
    t->secs += now() - t0;
    t->bytes += len;
    t->docs++;
    return 0;
}

int main(int argc, char **argv)
{
    size_t doc_bytes = 5000;
    unsigned stages = HX_STAGE_TOKENS;
    int json = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--doc-bytes") == 0 && i + 1 < argc) doc_bytes = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--stages") == 0 && i + 1 < argc) {
            i++;
            stages = strcmp(argv[i], "all") == 0 ? HX_STAGE_ALL : HX_STAGE_TOKENS;
        } else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (!path) path = argv[i];
        else path = NULL, i = argc;
    }
    if (!path) {
        fprintf(stderr, "usage: bench_core [--doc-bytes N] [--stages tokens|all] [--json] FILE\n");
        return 64;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 66;
    }
    hx_options opt = {NULL, stages, 0};
    hx_ctx *ctx = NULL;
    hx_error err;
    if (hx_ctx_new(&opt, &ctx, &err) != HX_OK) {
        fprintf(stderr, "bench_core: %s\n", err.msg);
        return 78;
    }

    totals t = {0};
    char *buf = NULL, *line = NULL;
    size_t len = 0, cap = 0, lcap = 0;
    ssize_t k;
    int rc = 0;
    while ((k = getline(&line, &lcap, f)) > 0) {
        if (len + (size_t)k + 1 > cap) {
            size_t nc = cap ? cap : 8192;
            while (nc < len + (size_t)k + 1) nc *= 2;
            char *nb = realloc(buf, nc);
            if (!nb) {
                fprintf(stderr, "bench_core: out of memory\n");
                return 71;
            }
            buf = nb;
            cap = nc;
        }
        memcpy(buf + len, line, (size_t)k);
        len += (size_t)k;
        if (doc_bytes && len >= doc_bytes) {
            if (one_doc(ctx, buf, len, json, &t)) rc = 1;
            len = 0;
        }
    }
    if (len && one_doc(ctx, buf, len, json, &t)) rc = 1;
    free(line);
    free(buf);
    fclose(f);
    hx_ctx_free(ctx);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = (double)t.bytes / 1e6;
    printf("bench_core: %s: %.1f MB in %zu documents (%s%s, %zu bytes each): %zu tokens, %zu sentences, "
           "%.3f s: %.1f MB/s, %.2f M tokens/s, peak RSS %.1f MB\n",
           path, mb, t.docs, stages == HX_STAGE_TOKENS ? "tokens" : "all stages", json ? " + json" : "",
           doc_bytes, t.tokens, t.sentences, t.secs, t.secs > 0 ? mb / t.secs : 0.0,
           t.secs > 0 ? (double)t.tokens / t.secs / 1e6 : 0.0, (double)ru.ru_maxrss / 1024.0);
    return rc;
}
