/*
 * bench_tagger.c -- throughput of the tagger after tokenisation: POS then NER on every
 * sentence of a CoNLL file (first column), repeated until at least two seconds passed,
 * on one core.  Prints model load time, then tokens per second through the tagger's
 * internal entry point (features + scores + Viterbi, the per-document cost once
 * tokens exist) and through the public API (hx_doc_from_tokens + hx_doc_analyze,
 * which adds a document per sentence), then with a document per article (articles
 * start at EFE datelines; adds the NER consistency pass).
 *
 *   bench_tagger MODELS_DIR CONLL_FILE
 */
#include "hechos.h"
#include "tagger/tagger.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU time of this process: on a shared, busy machine it says what one core does. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench_tagger MODELS_DIR CONLL_FILE\n");
        return 64;
    }
    char path[4096];
    hx_error err;
    hx__tagger *pos = NULL, *ner = NULL;
    double t0 = now(), c0 = cpu();
    snprintf(path, sizeof path, "%s/pos.hxm", argv[1]);
    if (hx__tagger_load(path, &pos, &err) != HX_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 78;
    }
    double t1 = now();
    snprintf(path, sizeof path, "%s/ner.hxm", argv[1]);
    if (hx__tagger_load(path, &ner, &err) != HX_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 78;
    }
    double t2 = now();
    printf("load: pos.hxm %.1f ms, ner.hxm %.1f ms (wall); %.1f ms CPU for both\n",
           (t1 - t0) * 1e3, (t2 - t1) * 1e3, (cpu() - c0) * 1e3);

    /* The words of the file, sentence by sentence. */
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 66;
    }
    size_t cap = 1 << 16, nw = 0, ns = 0;
    hx__word *w = malloc(cap * sizeof *w);
    size_t *sent = malloc(cap * sizeof *sent);
    char line[1024];
    sent[0] = 0;
    while (fgets(line, sizeof line, f)) {
        char *tok = strtok(line, " \t\r\n");
        if (!tok) {
            if (nw > sent[ns])
                sent[++ns] = nw;
            continue;
        }
        if (nw + 1 >= cap || ns + 2 >= cap) {
            cap *= 2;
            w = realloc(w, cap * sizeof *w);
            sent = realloc(sent, cap * sizeof *sent);
        }
        w[nw].s = strdup(tok);
        w[nw].n = (uint32_t)strlen(tok);
        nw++;
    }
    if (nw > sent[ns])
        sent[++ns] = nw;
    fclose(f);

    hx__tagger_scan s = {0};
    const char **names = malloc((nw + 1) * sizeof *names);
    uint8_t *pout = malloc(nw + 1), *nout = malloc(nw + 1);
    size_t tokens = 0, ents = 0;
    double start = now(), el, cstart = cpu();
    do {
        for (size_t k = 0; k < ns; k++) {
            size_t b = sent[k], n = sent[k + 1] - b;
            hx__tag_words(pos, w + b, NULL, n, &s, pout + b);
            for (size_t i = 0; i < n; i++)
                names[b + i] = pos->labels[pout[b + i]];
            hx__tag_words(ner, w + b, names + b, n, &s, nout + b);
            for (size_t i = 0; i < n; i++)
                ents += ner->labels[nout[b + i]][0] == 'B';
            tokens += n;
        }
        el = now() - start;
    } while (el < 2.0);
    printf("tagger (POS + NER): %zu tokens in %.2f s = %.0f tokens/s wall, %.0f tokens/s "
           "of CPU time (%zu entities)\n",
           tokens, el, (double)tokens / el, (double)tokens / (cpu() - cstart), ents);

    /* Through the public API. */
    hx_options opt = {argv[1], HX_STAGE_TOKENS | HX_STAGE_TAGGER, 1};
    hx_ctx *ctx = NULL;
    if (hx_ctx_new(&opt, &ctx, &err) != HX_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 78;
    }
    const char **words = malloc((nw + 1) * sizeof *words);
    for (size_t i = 0; i < nw; i++)
        words[i] = w[i].s;
    tokens = 0;
    start = now();
    cstart = cpu();
    do {
        for (size_t k = 0; k < ns; k++) {
            hx_doc *doc = NULL;
            size_t b = sent[k], n = sent[k + 1] - b;
            if (hx_doc_from_tokens(ctx, words + b, n, &doc, &err) != HX_OK ||
                hx_doc_analyze(doc, &err) != HX_OK) {
                fprintf(stderr, "%s\n", err.msg);
                return 70;
            }
            hx_doc_free(doc);
            tokens += n;
        }
        el = now() - start;
    } while (el < 2.0);
    printf("public API (doc per sentence): %.0f tokens/s wall, %.0f tokens/s of CPU time\n",
           (double)tokens / el, (double)tokens / (cpu() - cstart));

    /* Whole articles (an EFE dateline starts one): adds the NER consistency pass. */
    size_t *slen = malloc((ns + 1) * sizeof *slen), ndocs = 0;
    tokens = 0;
    start = now();
    cstart = cpu();
    do {
        for (size_t k = 0; k < ns;) {
            size_t e = k + 1;
            while (e < ns && !hx_conll_is_dateline(words + sent[e], sent[e + 1] - sent[e]))
                e++;
            for (size_t j = k; j < e; j++)
                slen[j - k] = sent[j + 1] - sent[j];
            hx_doc *doc = NULL;
            if (hx_doc_from_sentences(ctx, words + sent[k], slen, e - k, &doc, &err) != HX_OK ||
                hx_doc_analyze(doc, &err) != HX_OK) {
                fprintf(stderr, "%s\n", err.msg);
                return 70;
            }
            hx_doc_free(doc);
            tokens += sent[e] - sent[k];
            ndocs++;
            k = e;
        }
        el = now() - start;
    } while (el < 2.0);
    printf("public API (a doc per article, %zu articles): %.0f tokens/s wall, %.0f tokens/s "
           "of CPU time\n", ndocs, (double)tokens / el, (double)tokens / (cpu() - cstart));
    free(slen);
    hx_ctx_free(ctx);
    hx__scratch_free(&s);
    for (size_t i = 0; i < nw; i++)
        free((char *)w[i].s);
    free(w);
    free(sent);
    free(words);
    free(names);
    free(pout);
    free(nout);
    hx__tagger_free(pos);
    hx__tagger_free(ner);
    return 0;
}
