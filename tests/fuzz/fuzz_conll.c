/*
 * fuzz_conll.c -- libFuzzer target for the CoNLL-2002 reader the tagger trainer uses
 * (hx__corpus_parse in src/tagger/tagger_data.c): any bytes must give HX_OK or
 * HX_NOMEM, never a crash, and an accepted corpus must keep its invariants (sentences
 * cover the tokens in order, no empty word, columns never NULL); its labels are then
 * chunked and scored against themselves, which must give a perfect score.
 */
#include "tagger/tagger.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void score_self(const hx__corpus *c)
{
    hx__score sc = {0};
    for (size_t s = 0; s < c->nsent; s++) {
        size_t a = c->sent[s], n = c->sent[s + 1] - a;
        hx__chunk *cg = malloc(n * sizeof *cg), *cp = malloc(n * sizeof *cp);
        if (!cg || !cp) {
            free(cg);
            free(cp);
            return;
        }
        hx__score_sentence(c->col[1] + a, c->col[1] + a, n, cg, cp, &sc);
        free(cg);
        free(cp);
    }
    assert(sc.correct == sc.gold && sc.gold == sc.guessed);
    assert(sc.correct_tokens == sc.tokens && sc.tokens == c->ntok);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hx__buf b = {0};
    hx__buf_put(&b, data, size);
    hx__corpus c;
    hx_error err;
    hx_status st = hx__corpus_parse(&b, "fuzz", &c, &err);
    if (st != HX_OK) {
        assert(st == HX_NOMEM);
        return 0;
    }
    assert(c.sent[0] == 0 && c.sent[c.nsent] == c.ntok);
    for (size_t s = 0; s < c.nsent; s++)
        assert(c.sent[s] < c.sent[s + 1]);
    for (size_t i = 0; i < c.ntok; i++) {
        assert(c.words[i].n > 0 && strlen(c.words[i].s) == c.words[i].n);
        assert(c.col[0][i] && c.col[1][i]);
    }
    score_self(&c);
    hx__corpus_free(&c);
    return 0;
}
