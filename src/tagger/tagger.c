/*
 * tagger.c -- decoding: emission scores from hashed features, exact first-order
 * Viterbi, and hx__tag_doc, which tags every sentence of a document with the
 * context's POS model and then its NER model, makes the NER tags of the document
 * consistent (hx__ner_consistency, tagger_doc.c) and turns BIO tags into mentions.
 *
 * Invariants: models are only read; all per-sentence memory lives in one
 * hx__tagger_scan allocated per call and grown to the longest sentence, so the
 * per-token path never allocates.  Viterbi is exact over each token's candidate
 * labels (all labels, or for POS the labels the lexicon allows for the word); a token
 * with a single candidate gets no scores, since they could not change the best path.
 */
#include "tagger/tagger.h"

#include <float.h>
#include <string.h>

/* ---------------------------------------------------------------- scratch */

void hx__scratch_free(hx__tagger_scan *s)
{
    free(s->atoms);
    free(s->feats);
    free(s->nfeats);
    free(s->emit);
    free(s->delta);
    free(s->back);
    free(s->cand);
    free(s->ncand);
    free(s->out);
    free(s->pos);
    free(s->words);
    memset(s, 0, sizeof *s);
}

int hx__scratch_grow(hx__tagger_scan *s, size_t n, uint32_t L)
{
    if (n <= s->cap && L <= s->L)
        return 0;
    size_t cap = s->cap > n ? s->cap : n < 64 ? 64 : n;
    uint32_t l = L > s->L ? L : s->L;
    hx__scratch_free(s);
    s->cap = cap;
    s->L = l;
    s->atoms = malloc(cap * sizeof *s->atoms);
    s->feats = malloc(cap * HX__MAXF * sizeof *s->feats);
    s->nfeats = malloc(cap);
    s->emit = malloc(cap * l * sizeof *s->emit);
    s->delta = malloc(cap * l * sizeof *s->delta);
    s->back = malloc(cap * l);
    s->cand = malloc(cap * l);
    s->ncand = malloc(cap);
    s->out = malloc(cap);
    s->pos = malloc(cap);
    s->words = malloc(cap * sizeof *s->words);
    if (!s->atoms || !s->feats || !s->nfeats || !s->emit || !s->delta || !s->back ||
        !s->cand || !s->ncand || !s->out || !s->pos || !s->words) {
        hx__scratch_free(s);
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- Viterbi */

/* The best score of reaching label j from the previous token's labels pc[0..np) (NULL:
 * labels 0..np-1) with scores pd; *bi gets that label (the first of equals). */
static inline __attribute__((always_inline)) float
best_from(const float *pd, const float *trans, uint32_t L, unsigned j, const uint8_t *pc,
          unsigned np, unsigned *bi)
{
    unsigned b = pc ? pc[0] : 0;
    float best = -FLT_MAX;
    for (unsigned q = 0; q < np; q++) {
        unsigned i = pc ? pc[q] : q;
        float v = pd[i] + trans[(size_t)i * L + j];
        if (v > best) {
            best = v;
            b = i;
        }
    }
    *bi = b;
    return best;
}

void hx__viterbi(const float *emit, const float *trans, uint32_t L, size_t n,
                 const uint8_t *cand, const uint8_t *ncand, float *delta, uint8_t *back,
                 uint8_t *out)
{
    const float *start = trans + (size_t)L * L, *stop = start + L;
    if (n == 0)
        return;
    for (unsigned k = 0; k < ncand[0]; k++) {
        unsigned j = cand[k];
        delta[j] = emit[j] + start[j];
    }
    for (size_t t = 1; t < n; t++) {
        const uint8_t *pc = cand + (t - 1) * L, *cc = cand + t * L;
        const float *pd = delta + (t - 1) * L;
        float *cd = delta + t * L;
        if (ncand[t - 1] == L && ncand[t] == L) {
            /* Every label on both sides (NER): the same comparisons, in the same
             * order, without the candidate lists. */
            for (unsigned j = 0; j < L; j++) {
                unsigned bi;
                cd[j] = best_from(pd, trans, L, j, NULL, L, &bi) + emit[t * L + j];
                back[t * L + j] = (uint8_t)bi;
            }
            continue;
        }
        for (unsigned k = 0; k < ncand[t]; k++) {
            unsigned j = cc[k], bi;
            cd[j] = best_from(pd, trans, L, j, pc, ncand[t - 1], &bi) + emit[t * L + j];
            back[t * L + j] = (uint8_t)bi;
        }
    }
    const uint8_t *lc = cand + (n - 1) * L;
    const float *ld = delta + (n - 1) * L;
    unsigned bj = lc[0];
    float best = -FLT_MAX;
    for (unsigned k = 0; k < ncand[n - 1]; k++) {
        unsigned j = lc[k];
        float v = ld[j] + stop[j];
        if (v > best) {
            best = v;
            bj = j;
        }
    }
    out[n - 1] = (uint8_t)bj;
    for (size_t t = n - 1; t > 0; t--)
        out[t - 1] = back[t * L + out[t]];
}

/* ---------------------------------------------------------------- tagging */

/* Eight weights and eight sums, for the dense rows (GCC/Clang vector extensions:
 * SIMD where the target has it, plain code elsewhere). */
typedef int16_t v8s __attribute__((vector_size(16)));
typedef int32_t v8i __attribute__((vector_size(32)));

/* Emission scores of one token from the ranks of its non-empty weight rows: the
 * quantised weights summed in integers (dense rows a vector at a time), scaled once. */
static void emission(const hx__tagger *m, const uint32_t *ranks, unsigned nf, float *emit)
{
    int32_t acc[HX__MAXLABELS + 1 + 8];
    uint32_t L = m->nlabels, lpad = m->lpad;
    memset(acc, 0, lpad * sizeof *acc);
    for (unsigned k = 0; k < nf; k++) {
        uint32_t w = m->wrow[ranks[k]];
        if (w & HX__WDENSE) {
            const int16_t *d = hx__wdense(m, w);
            for (uint32_t l = 0; l < lpad; l += 8) {
                v8s x;
                v8i a;
                memcpy(&x, d + l, sizeof x);
                memcpy(&a, acc + l, sizeof a);
                a += __builtin_convertvector(x, v8i);
                memcpy(acc + l, &a, sizeof a);
            }
        } else {
            for (const uint32_t *e = hx__wsparse(m, w), *end = e + HX__WLEN(w); e < end; e++)
                acc[*e >> 16] += (int16_t)(uint16_t)(*e & 0xffff);
        }
    }
    for (uint32_t l = 0; l < L; l++)
        emit[l] = (float)acc[l] * m->scale;
}

int hx__tag_words(const hx__tagger *m, const hx__word *w, const char *const *pos_names,
                  size_t n, hx__tagger_scan *s, uint8_t *out)
{
    uint32_t L = m->nlabels, shift = 32 - m->bits;
    if (n == 0)
        return 0;
    if (hx__scratch_grow(s, n, L))
        return -1;
    hx__atoms_fill(m, w, pos_names, n, s->atoms, s->words_done);
    /* The candidate labels of each token (for POS, the lexicon's tags of the word). */
    for (size_t t = 0; t < n; t++) {
        uint64_t mask = L <= 64 ? s->atoms[t].mask : 0;
        uint8_t *c = s->cand + t * L;
        unsigned k = 0;
        for (uint64_t b = mask; b; b &= b - 1) {
            unsigned l = (unsigned)__builtin_ctzll(b);
            if (l < L)
                c[k++] = (uint8_t)l;
        }
        if (!k) /* no mask, or one naming no existing label: allow everything */
            for (uint32_t l = 0; l < L; l++)
                c[k++] = (uint8_t)l;
        s->ncand[t] = (uint8_t)k;
    }
    /* The entries are larger than the caches, so the rows of the whole sentence are
     * looked up in waves, each prefetching what the next one reads: the memory
     * accesses overlap instead of queueing one by one.  The first finds the rows,
     * the second turns them into ranks (dropping empty rows, without a branch), the
     * third prefetches the entries.  A token with one candidate label (two thirds of
     * the words for POS: "de", "el", ".") needs no scores at all: every path goes
     * through that label, so its score would add the same to all of them. */
    const uint32_t ftask = hx__feat_task(m);
    for (size_t t = 0; t < n; t++) {
        uint32_t *f = s->feats + t * HX__MAXF;
        unsigned nf = m->wblk && s->ncand[t] > 1 ? hx__features(ftask, s->atoms, n, t, f) : 0;
        s->nfeats[t] = (uint8_t)nf;
        for (unsigned k = 0; k < nf; k++) {
            f[k] >>= shift;
            __builtin_prefetch(&m->wblk[f[k] >> 6]);
        }
    }
    for (size_t t = 0; t < n; t++) {
        uint32_t *f = s->feats + t * HX__MAXF;
        unsigned j = 0;
        for (unsigned k = 0; k < s->nfeats[t]; k++) {
            uint32_t used, r = hx__wrank(m, f[k], &used);
            f[j] = r;
            j += used;
            __builtin_prefetch(&m->wrow[r]);
        }
        s->nfeats[t] = (uint8_t)j;
    }
    for (size_t t = 0; t < n; t++) {
        const uint32_t *f = s->feats + t * HX__MAXF;
        for (unsigned k = 0; k < s->nfeats[t]; k++) {
            uint32_t wr = m->wrow[f[k]];
            __builtin_prefetch(wr & HX__WDENSE ? (const void *)hx__wdense(m, wr)
                                               : (const void *)hx__wsparse(m, wr));
        }
    }
    for (size_t t = 0; t < n; t++)
        emission(m, s->feats + t * HX__MAXF, s->nfeats[t], s->emit + t * L);
    hx__viterbi(s->emit, m->trans, L, n, s->cand, s->ncand, s->delta, s->back, out);
    return 0;
}

/* The entity type of a BIO label ("B-PER" -> "PER"), as a static string, or NULL. */
static const char *ent_type(const char *label, char *bio)
{
    static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
    *bio = label[0];
    if ((label[0] != 'B' && label[0] != 'I') || label[1] != '-')
        return NULL;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strcmp(label + 2, types[i]) == 0)
            return types[i];
    return NULL;
}

hx_status hx__tag_doc(hx_doc *doc, hx_error *err)
{
    const hx_ctx *ctx = doc->ctx;
    hx__tagger_scan s = {0};
    const char **names = NULL;
    hx_status st = HX_OK;
    size_t maxn = 0;

    doc->mentions.n = 0;
    if (!ctx || (!ctx->pos && !ctx->ner))
        return HX_OK;
    for (size_t i = 0; i < doc->sents.n; i++) {
        hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, i);
        if (se->last - se->first > maxn)
            maxn = se->last - se->first;
    }
    if (maxn == 0)
        return HX_OK;
    uint32_t L = ctx->pos ? ctx->pos->nlabels : 1;
    if (ctx->ner && ctx->ner->nlabels > L)
        L = ctx->ner->nlabels;
    if (hx__scratch_grow(&s, maxn, L) || !(names = malloc(maxn * sizeof *names))) {
        st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory tagging");
        goto done;
    }
    for (size_t si = 0; si < doc->sents.n; si++) {
        hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, si);
        size_t n = se->last - se->first;
        hx__tok *tok = HX__VEC_AT(doc->toks, hx__tok, se->first);
        if (n == 0)
            continue;
        for (size_t i = 0; i < n; i++) {
            s.words[i].s = doc->text + tok[i].b0;
            s.words[i].n = tok[i].b1 - tok[i].b0;
        }
        const char *const *pos_names = NULL;
        if (ctx->pos) {
            s.words_done = 0;
            if (hx__tag_words(ctx->pos, s.words, NULL, n, &s, s.pos))
                goto nomem;
            for (size_t i = 0; i < n; i++) {
                tok[i].pos = (uint8_t)(s.pos[i] + 1);
                names[i] = ctx->pos->labels[s.pos[i]];
            }
            pos_names = names;
        }
        if (!ctx->ner)
            continue;
        s.words_done = ctx->pos != NULL; /* the POS call filled the atoms */
        /* A sentence in capitals or in lower case (the regime bits of the POS call's
         * atoms) goes to the model trained for such text, when there is one. */
        const hx__tagger *nm = ctx->ner;
        if (ctx->ner_caps && ctx->pos && (s.atoms[0].ctx & (HX__X_LOWER | HX__X_UPPER)))
            nm = ctx->ner_caps;
        if (hx__tag_words(nm, s.words, pos_names, n, &s, s.out))
            goto nomem;
        for (size_t i = 0; i < n; i++)
            tok[i].ner = (uint8_t)(s.out[i] + 1);
    }
    if (!ctx->ner)
        goto done;
    if (hx__ner_consistency(doc, ctx->ner))
        goto nomem;
    for (size_t si = 0; si < doc->sents.n; si++) {
        hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, si);
        size_t n = se->last - se->first;
        hx__tok *tok = HX__VEC_AT(doc->toks, hx__tok, se->first);
        /* BIO to mentions, read the way conlleval reads chunks: an I- of another
         * type than the open chunk, or after O, starts a new chunk. */
        hx__mention *open = NULL;
        for (size_t i = 0; i < n; i++) {
            char bio;
            const char *type = ent_type(ctx->ner->labels[tok[i].ner - 1], &bio);
            if (open && (!type || bio == 'B' || type != open->type))
                open = NULL;
            if (type && !open) {
                if (!(open = hx__vec_push(&doc->mentions, sizeof *open)))
                    goto nomem;
                open->first = se->first + (uint32_t)i;
                open->type = type;
            }
            if (open)
                open->last = se->first + (uint32_t)i + 1;
        }
    }
    goto done;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory tagging");
done:
    free(names);
    hx__scratch_free(&s);
    return st;
}
