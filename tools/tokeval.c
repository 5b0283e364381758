/*
 * tokeval.c -- measures the tokenizer against the tokens of a CoNLL file.
 *
 *   tokeval FILE          token-boundary precision, recall and F1
 *   tokeval --text FILE   print the detokenised text (one sentence per line)
 *   tokeval --errors FILE also list the first differences
 *
 * The text is rebuilt with the spacing rule of detok.h, tokenised as one document,
 * and a predicted token counts as correct when a gold token has exactly its span.
 */
#include "hechos.h"
#include "detok.h"

int main(int argc, char **argv)
{
    int text_only = 0, errors = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--text") == 0) text_only = 1;
        else if (strcmp(argv[i], "--errors") == 0) errors = 1;
        else path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: tokeval [--text|--errors] FILE.conll\n");
        return 64;
    }
    FILE *f = fopen(path, "r");
    detok d;
    if (!f || detok_read(&d, f)) {
        fprintf(stderr, "tokeval: %s: cannot read\n", path);
        return 66;
    }
    fclose(f);
    if (text_only) {
        fwrite(d.text, 1, d.len, stdout);
        detok_free(&d);
        return 0;
    }
    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_ctx *ctx;
    hx_doc *doc;
    hx_error err;
    if (hx_ctx_new(&opt, &ctx, &err) || hx_doc_new(ctx, d.text, d.len, NULL, &doc, &err)
        || hx_doc_analyze(doc, &err)) {
        fprintf(stderr, "tokeval: %s\n", err.msg);
        return 70;
    }
    size_t n = hx_doc_ntokens(doc), g = 0, correct = 0, shown = 0;
    for (size_t i = 0; i < n; i++) {
        hx_token t;
        hx_doc_token(doc, i, &t);
        while (g < d.ntok && d.spans[2 * g] < t.span.start) {
            if (errors && shown < 60 && d.spans[2 * g + 1] > d.spans[2 * g]) {
                /* gold token not matched: show it */
            }
            g++;
        }
        if (g < d.ntok && d.spans[2 * g] == t.span.start && d.spans[2 * g + 1] == t.span.end) {
            correct++;
        } else if (errors && shown < 60) {
            size_t gs = g < d.ntok ? d.spans[2 * g] : 0, ge = g < d.ntok ? d.spans[2 * g + 1] : 0;
            printf("predicted [%.*s] (%zu-%zu), gold starts at %zu-%zu\n", (int)t.len, t.text,
                   t.span.start, t.span.end, gs, ge);
            shown++;
        }
    }
    double p = n ? (double)correct / n : 0, r = d.ntok ? (double)correct / d.ntok : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("gold %zu predicted %zu correct %zu precision %.4f recall %.4f F1 %.4f\n", d.ntok, n,
           correct, p, r, f1);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
    detok_free(&d);
    return 0;
}
