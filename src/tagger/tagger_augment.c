/*
 * tagger_augment.c -- recased copies of training sentences for the NER trainer (issue 17,
 * robustness): the model for headlines in capitals and text in lower case
 * (models/ner-caps.hxm, which the tagger uses for sentences of that kind).
 *
 * Every sentence is followed by a copy of itself written in capitals (index 0 or 2
 * modulo 4), in lower case (1) or in lower case without diacritics (3; utf8proc), with
 * the same labels and the same predicted POS.  The copy sits right after its original, so the
 * trainer's contiguous folds keep the two together; the copies are flagged so that the
 * lexicon (capitalisation statistics, entity types) is built from the originals only.
 * Invariants: deterministic; the input corpus is not modified.
 */
#include "tagger/tagger.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { RC_UPPER = 1, RC_LOWER = 2, RC_PLAIN = 3 };

/* Sentence k's copy kind, 0 for none. */
static int recase_kind(size_t k)
{
    return k % 4 == 1 ? RC_LOWER : k % 4 == 3 ? RC_PLAIN : RC_UPPER;
}

/* Appends word w written as kind to b. */
static void put_recased(hx__buf *b, const hx__word *w, int kind)
{
    if (kind == RC_PLAIN) {
        utf8proc_uint8_t *d = NULL;
        utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)w->s, (utf8proc_ssize_t)w->n,
                                          &d, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                  UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
        if (k > 0)
            hx__buf_put(b, d, (size_t)k);
        else
            hx__buf_put(b, w->s, w->n);
        free(d);
        return;
    }
    for (size_t i = 0; i < w->n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)w->s + i,
                                              (utf8proc_ssize_t)(w->n - i), &cp);
        if (r <= 0) {
            hx__buf_put(b, w->s + i, 1);
            i++;
            continue;
        }
        i += (size_t)r;
        cp = kind == RC_UPPER ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
        utf8proc_uint8_t enc[4];
        hx__buf_put(b, enc, (size_t)utf8proc_encode_char(cp, enc));
    }
}

hx_status hx__corpus_recase(const hx__corpus *c, const char *const *pos, hx__corpus *out,
                            const char ***opos, uint8_t **nolex, hx_error *err)
{
    size_t ntok = c->ntok, nsent = c->nsent;
    for (size_t k = 0; k < c->nsent; k++)
        if (recase_kind(k)) {
            ntok += c->sent[k + 1] - c->sent[k];
            nsent++;
        }
    memset(out, 0, sizeof *out);
    *opos = NULL;
    hx__buf b = {0};
    size_t *off = malloc((ntok + 1) * sizeof *off);
    out->words = malloc((ntok + 1) * sizeof *out->words);
    out->col[0] = malloc((ntok + 1) * sizeof *out->col[0]);
    out->col[1] = malloc((ntok + 1) * sizeof *out->col[1]);
    out->sent = malloc((nsent + 1) * sizeof *out->sent);
    *nolex = calloc(nsent + 1, 1);
    if (pos)
        *opos = malloc((ntok + 1) * sizeof **opos);
    if (!off || !out->words || !out->col[0] || !out->col[1] || !out->sent || !*nolex ||
        (pos && !*opos))
        goto nomem;
    size_t t = 0, s = 0;
    for (size_t k = 0; k < c->nsent; k++)
        for (int copy = 0; copy < 2; copy++) {
            int kind = copy ? recase_kind(k) : 0;
            if (copy && !kind)
                continue;
            (*nolex)[s] = (uint8_t)copy;
            out->sent[s++] = t;
            for (size_t i = c->sent[k]; i < c->sent[k + 1]; i++, t++) {
                off[t] = b.n;
                if (kind)
                    put_recased(&b, &c->words[i], kind);
                else
                    hx__buf_put(&b, c->words[i].s, c->words[i].n);
                out->words[t].n = (uint32_t)(b.n - off[t]);
                out->col[0][t] = c->col[0][i];
                out->col[1][t] = c->col[1][i];
                if (pos)
                    (*opos)[t] = pos[i];
            }
        }
    out->sent[s] = t;
    hx__buf_putc(&b, 0);
    if (b.oom)
        goto nomem;
    out->buf = b.p;
    for (size_t i = 0; i < t; i++)
        out->words[i].s = b.p + off[i];
    out->ntok = t;
    out->nsent = s;
    free(off);
    return HX_OK;
nomem:
    free(off);
    hx__buf_free(&b);
    hx__corpus_free(out);
    free(*nolex);
    *nolex = NULL;
    free((void *)*opos);
    *opos = NULL;
    return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory making recased copies");
}
