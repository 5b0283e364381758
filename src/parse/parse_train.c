/*
 * parse_train.c -- `hechos train --task parse`: the UD tagger and the parser from
 * CoNLL-U files.
 *
 * Data: --train is a comma-separated list of CoNLL-U files.  Without --dev every
 * sentence goes to one fold by the hash of its sent_id (hx__cu_fold): fold 0 is the
 * validation set and is never read here, fold 1 is the tuning set (early stopping),
 * the rest is trained on.  With --dev, all of --train is trained on and --dev tunes.
 *
 * The UD tagger is the POS tagger of src/tagger (hx__train_pos) with UPOS labels.
 * The parser is trained on tags as wrong as at run time: the training sentences are
 * tagged by taggers trained on the other folds (jackknifing, NFOLD contiguous folds).
 *
 * The parser: averaged perceptron, dynamic oracle for arc-hybrid (Goldberg & Nivre
 * 2013; costs below), exploration after the first epoch (the model's transition is
 * followed with probability 0.9 when it is wrong), relations learned on the arcs
 * whose head is right.  After each epoch the averaged weights are quantised into the
 * model the library loads (hx__weights_set), the tuning set is parsed with the
 * runtime code, and the best epoch's model is written.
 *
 * Invariants: deterministic for a seed (one xorshift generator); the gold trees are
 * projectivised (lifting) before training, so the costs are exact.
 */
#include "parse/parse.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NFOLD 5
/* Averaged weights below this (in perceptron steps) are dropped from the model: on
 * the tuning set, dropping |w| < 0.64 kept 68% of the weights for -0.15 LAS, < 0.96
 * 36% for -0.36; 0.75 is between, and makes the file small enough to load in time. */
#define PRUNE 0.75
#define MAXFILES 16

/* The sentences of one set, words one after the other. */
typedef struct dset {
    size_t nsent, nw;
    size_t *off;         /* [nsent + 1] */
    hx__word *w;         /* [nw] forms */
    const char **gupos;  /* [nw] gold UPOS names */
    uint8_t *pup;        /* [nw] predicted UPOS ids */
    int32_t *gh;         /* [nw] gold head: 0-based in the sentence, n = root */
    int32_t *ph;         /* [nw] the same, projectivised */
    uint8_t *rel;        /* [nw] relation id, 255 when unknown */
} dset;

static void dset_free(dset *d)
{
    free(d->off);
    free(d->w);
    free(d->gupos);
    free(d->pup);
    free(d->gh);
    free(d->ph);
    free(d->rel);
    memset(d, 0, sizeof *d);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void say(const hx_train_opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const hx_train_opts *o, const char *fmt, ...)
{
    if (!o->progress)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->progress(o->ud, line);
}

/* ---------------------------------------------------------------- data */

static int rel_id(char **names, unsigned *R, const char *name, int add)
{
    for (unsigned r = 0; r < *R; r++)
        if (strcmp(names[r], name) == 0)
            return (int)r;
    if (!add || *R >= HX__MAXLABELS - HX__PARSE_NTRANS)
        return 255;
    if (!(names[*R] = strdup(name)))
        return -1;
    return (int)(*R)++;
}

/* Is the arc d -> h[d] projective: every word between them descends from the head? */
static int projective_arc(const int32_t *h, size_t n, size_t d)
{
    size_t a = d < (size_t)h[d] ? d : (size_t)h[d], b = d < (size_t)h[d] ? (size_t)h[d] : d;
    for (size_t k = a + 1; k < b; k++) {
        size_t x = k, steps = 0;
        while (x != (size_t)h[d] && x != n && steps++ <= n)
            x = (size_t)h[x];
        if (x != (size_t)h[d])
            return 0;
    }
    return 1;
}

/* Lifts non-projective arcs (the shortest first) to their grandparents until the
 * tree is projective (Nivre & Nilsson 2005, without encoding the lifts). */
static void projectivise(int32_t *h, size_t n)
{
    for (;;) {
        size_t best = SIZE_MAX, blen = SIZE_MAX;
        for (size_t d = 0; d < n; d++) {
            size_t len = d < (size_t)h[d] ? (size_t)h[d] - d : d - (size_t)h[d];
            if (len > 1 && len < blen && !projective_arc(h, n, d)) {
                best = d;
                blen = len;
            }
        }
        if (best == SIZE_MAX)
            return;
        assert(h[best] != (int32_t)n);
        h[best] = h[h[best]];
    }
}

/* Appends the sentences of c whose fold passes keep (fold 0 never) to d. */
static int dset_add(dset *d, const hx__conllu *c, int want, char **names, unsigned *R, int add)
{
    size_t ns = d->nsent, nw = d->nw;
    for (size_t s = 0; s < c->nsent; s++) {
        unsigned f = hx__cu_fold(c, s);
        if (want == -1 ? 1 : want == 1 ? f == 1 : f >= 2)
            ns++, nw += c->sent[s].nw;
    }
    size_t *off = realloc(d->off, (ns + 1) * sizeof *off);
    if (off)
        d->off = off;
#define GROW(p)                                              \
    do {                                                     \
        void *q = realloc(d->p, (nw + 1) * sizeof *d->p);   \
        if (!q)                                              \
            return -1;                                       \
        d->p = q;                                            \
    } while (0)
    if (!off)
        return -1;
    GROW(w); GROW(gupos); GROW(pup); GROW(gh); GROW(ph); GROW(rel);
#undef GROW
    d->off[0] = 0;
    for (size_t s = 0; s < c->nsent; s++) {
        unsigned f = hx__cu_fold(c, s);
        if (!(want == -1 ? 1 : want == 1 ? f == 1 : f >= 2))
            continue;
        const hx__cu_sent *cs = &c->sent[s];
        size_t b = d->nw;
        for (size_t i = 0; i < cs->nw; i++) {
            size_t w = cs->w0 + i, k = d->nw++;
            const char *form = hx__cu_field(c, w, 1);
            d->w[k].s = form;
            d->w[k].n = (uint32_t)strlen(form);
            d->gupos[k] = hx__cu_field(c, w, 3);
            d->pup[k] = (uint8_t)hx__upos_id(d->gupos[k]);
            d->gh[k] = c->head[w] < 0 ? (int32_t)cs->nw : c->head[w];
            d->ph[k] = d->gh[k];
            int r = rel_id(names, R, hx__cu_field(c, w, 7), add);
            if (r < 0)
                return -1;
            d->rel[k] = (uint8_t)r;
        }
        projectivise(d->ph + b, cs->nw);
        d->off[++d->nsent] = d->nw;
    }
    return 0;
}

/* A tagger corpus over the words of d (pointers into d, col[0] the gold UPOS). */
static int as_corpus(const dset *d, hx__corpus *c)
{
    memset(c, 0, sizeof *c);
    c->words = malloc((d->nw + 1) * sizeof *c->words);
    c->col[0] = malloc((d->nw + 1) * sizeof *c->col[0]);
    c->col[1] = malloc((d->nw + 1) * sizeof *c->col[1]);
    c->sent = malloc((d->nsent + 1) * sizeof *c->sent);
    if (!c->words || !c->col[0] || !c->col[1] || !c->sent)
        return -1;
    for (size_t i = 0; i < d->nw; i++) {
        c->words[i] = d->w[i];
        c->col[0][i] = d->gupos[i];
        c->col[1][i] = "";
    }
    memcpy(c->sent, d->off, (d->nsent + 1) * sizeof *c->sent);
    c->ntok = d->nw;
    c->nsent = d->nsent;
    return 0;
}

/* Tags sentences [s0, s1) of d with the tagger m into d->pup. */
static int tag_range(const hx__tagger *m, dset *d, size_t s0, size_t s1, hx__parse_scan *s)
{
    hx__parser p = {0};
    p.upos = (hx__tagger *)m;
    for (uint32_t l = 0; l < m->nlabels; l++)
        p.upos_id[l] = (uint8_t)hx__upos_id(m->labels[l]);
    for (size_t k = s0; k < s1; k++) {
        size_t b = d->off[k], n = d->off[k + 1] - b;
        if (hx__ud_tag(&p, s, d->w + b, n))
            return -1;
        memcpy(d->pup + b, s->up, n);
    }
    return 0;
}

/* ---------------------------------------------------------------- the perceptron */

typedef struct ptrain {
    unsigned R;
    size_t trows, rrows;
    float *Wt, *Wr;      /* [trows x 3], [rrows x R] */
    double *Ut, *Ur;     /* sums of c * update */
    double c;
    uint64_t rng;
} ptrain;

static inline void upd(float *w, double *u, size_t i, float v, double c)
{
    w[i] += v;
    u[i] += c * v;
}

/* The cost of transition t: gold arcs (projective heads g, root n) it makes
 * unreachable.  Words on the stack and in the buffer have no head yet. */
int hx__poracle_cost(const hx__pstate *st, const hx__parse_scan *s, const int32_t *g, int t)
{
    int32_t b = (int32_t)st->b, n = (int32_t)st->n;
    int c = 0;
    if (t == HX__T_SHIFT) {
        for (size_t i = 0; i < st->sp; i++) {
            int32_t d = s->stack[i];
            c += g[d] == b;
            c += g[b] == d && i + 1 < st->sp;
        }
        return c;
    }
    int32_t s0 = s->stack[st->sp - 1], s1 = st->sp >= 2 ? s->stack[st->sp - 2] : -1;
    if (t == HX__T_LEFT)
        c += g[s0] == s1 || g[s0] > b;
    else
        c += g[s0] >= b;
    for (int32_t d = b; d < n; d++)
        c += g[d] == s0;
    return c;
}

static void tscores(const ptrain *p, const uint32_t *f, unsigned nf, float *sc)
{
    sc[0] = sc[1] = sc[2] = 0;
    for (unsigned k = 0; k < nf; k++) {
        const float *w = p->Wt + (size_t)(f[k] >> (32 - HX__PARSE_BITS)) * 3;
        sc[0] += w[0];
        sc[1] += w[1];
        sc[2] += w[2];
    }
}

static unsigned best_rel(const ptrain *p, const uint32_t *f, unsigned nf, float *sc)
{
    memset(sc, 0, p->R * sizeof *sc);
    for (unsigned k = 0; k < nf; k++) {
        const float *w = p->Wr + (size_t)(f[k] >> (32 - HX__PARSE_LBITS)) * p->R;
        for (unsigned l = 0; l < p->R; l++)
            sc[l] += w[l];
    }
    unsigned best = 0;
    for (unsigned l = 1; l < p->R; l++)
        if (sc[l] > sc[best])
            best = l;
    return best;
}

/* One training sentence (words [b, b + n) of d); returns the wrong transitions. */
static size_t train_sentence(ptrain *p, const dset *d, size_t b, size_t n, hx__parse_scan *s,
                             int explore)
{
    const int32_t *g = d->ph + b;
    uint32_t f[HX__PARSE_MAXF];
    float sc[HX__MAXLABELS];
    hx__pstate st;
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++) {
        hx__pword(s, i, &d->w[b + i]);
        s->up[i] = d->pup[b + i];
    }
    hx__pstate_init(&st, s, n);
    while (st.sp > 0 || st.b < st.n) {
        unsigned nf = hx__pfeats(&st, s, f);
        tscores(p, f, nf, sc);
        int pred = -1, gold = -1, cs[3], minc = INT32_MAX;
        for (int t = 0; t < 3; t++) {
            if (!hx__pvalid(&st, t))
                continue;
            cs[t] = hx__poracle_cost(&st, s, g, t);
            if (cs[t] < minc)
                minc = cs[t];
            if (pred < 0 || sc[t] > sc[pred])
                pred = t;
        }
        for (int t = 0; t < 3; t++)
            if (hx__pvalid(&st, t) && cs[t] == minc && (gold < 0 || sc[t] > sc[gold]))
                gold = t;
        assert(pred >= 0 && gold >= 0);
        if (cs[pred] > minc) {
            wrong++;
            for (unsigned k = 0; k < nf; k++) {
                size_t r = (size_t)(f[k] >> (32 - HX__PARSE_BITS)) * 3;
                upd(p->Wt, p->Ut, r + (size_t)gold, 1, p->c);
                upd(p->Wt, p->Ut, r + (size_t)pred, -1, p->c);
            }
        }
        p->c++;
        int t = gold;
        if (explore && cs[pred] > minc && hx__rnd(&p->rng) % 10 != 0)
            t = pred;
        unsigned rel = 0;
        if (t != HX__T_SHIFT) {
            int32_t dep = s->stack[st.sp - 1];
            int32_t h = t == HX__T_LEFT ? (int32_t)st.b : s->stack[st.sp - 2];
            nf = hx__plabfeats(s, n, h, dep, f);
            rel = best_rel(p, f, nf, sc);
            unsigned gr = d->rel[b + (size_t)dep];
            if (g[dep] == h && gr < p->R) {
                if (rel != gr)
                    for (unsigned k = 0; k < nf; k++) {
                        size_t r = (size_t)(f[k] >> (32 - HX__PARSE_LBITS)) * p->R;
                        upd(p->Wr, p->Ur, r + gr, 1, p->c);
                        upd(p->Wr, p->Ur, r + rel, -1, p->c);
                    }
                rel = gr;
            }
        }
        hx__papply(&st, s, t, rel);
    }
    return wrong;
}

/* The averaged weights quantised into a model: row r holds the transition entries
 * (labels 0-2) and, for r < 2^LBITS, the relation entries (labels 3..). */
static hx__tagger *snapshot(const ptrain *p, char *const *names)
{
    unsigned R = p->R, L = HX__PARSE_NTRANS + R;
    hx__tagger *m = hx__tagger_alloc(HX__TASK_PARSE, HX__PARSE_BITS, L);
    uint8_t *cnt = malloc(p->trows);
    uint32_t *ent = NULL;
    int ok = m && cnt;
    float maxabs = 0;
    size_t nent = 0;
    for (size_t i = 0; ok && i < p->trows * 3; i++)
        maxabs = fmaxf(maxabs, fabsf((float)(p->Wt[i] - p->Ut[i] / p->c)));
    for (size_t i = 0; ok && i < p->rrows * R; i++)
        maxabs = fmaxf(maxabs, fabsf((float)(p->Wr[i] - p->Ur[i] / p->c)));
    float scale = maxabs > 0 ? maxabs / 32767.0f : 1.0f;
    for (int pass = 0; ok && pass < 2; pass++) {
        size_t k = 0;
        for (size_t r = 0; r < p->trows; r++) {
            size_t k0 = k;
            for (unsigned l = 0; l < L; l++) {
                if (l >= 3 && r >= p->rrows)
                    break;
                double a = l < 3 ? p->Wt[r * 3 + l] - p->Ut[r * 3 + l] / p->c
                                 : p->Wr[r * R + l - 3] - p->Ur[r * R + l - 3] / p->c;
                long q = lrint(a / scale);
                if (q == 0 || fabs(a) < PRUNE)
                    continue;
                if (pass)
                    ent[k] = l << 16 | (uint16_t)(int16_t)q;
                k++;
            }
            if (pass)
                cnt[r] = (uint8_t)(k - k0);
        }
        nent = k;
        if (!pass)
            ok = (ent = malloc((nent ? nent : 1) * sizeof *ent)) != NULL;
    }
    if (ok) {
        m->scale = scale;
        m->open_mask = HX__PARSE_FEATS;
        ok = hx__weights_set(m, cnt, ent) == 0;
    }
    for (unsigned l = 0; ok && l < L; l++) {
        static const char *const tn[] = {"SHIFT", "LEFT", "RIGHT"};
        ok = (m->labels[l] = strdup(l < 3 ? tn[l] : names[l - 3])) != NULL;
    }
    free(cnt);
    free(ent);
    if (!ok) {
        hx__tagger_free(m);
        return NULL;
    }
    return m;
}

/* LAS (full relations) of the parser on d, as the library parses. */
static int evaluate(const hx__parser *ps, const dset *d, hx__parse_scan *s, double *las,
                    double *uas)
{
    size_t ok = 0, uok = 0;
    for (size_t k = 0; k < d->nsent; k++) {
        size_t b = d->off[k], n = d->off[k + 1] - b;
        if (hx__pscratch_grow(s, n))
            return -1;
        for (size_t i = 0; i < n; i++) {
            hx__pword(s, i, &d->w[b + i]);
            s->up[i] = d->pup[b + i];
        }
        if (hx__parse_words(ps, s, n))
            return -1;
        for (size_t i = 0; i < n; i++) {
            int32_t h = s->head[i] < 0 ? (int32_t)n : s->head[i];
            uok += h == d->gh[b + i];
            ok += h == d->gh[b + i] && s->rel[i] == d->rel[b + i];
        }
    }
    *las = d->nw ? 100.0 * (double)ok / (double)d->nw : 0;
    *uas = d->nw ? 100.0 * (double)uok / (double)d->nw : 0;
    return 0;
}

/* Epochs of the perceptron; *out gets the best epoch's model on tu. */
static hx_status train_parser(const dset *tr, const dset *tu, char *const *names, unsigned R,
                              const hx_train_opts *o, hx__tagger **out, hx_error *err)
{
    ptrain p = {0};
    hx__parse_scan s = {0};
    hx__tagger *best = NULL;
    size_t *order = malloc((tr->nsent + 1) * sizeof *order);
    double best_las = -1, t0 = now();
    int best_ep = 0, maxep = o->max_epochs > 0 ? o->max_epochs : 15;
    int patience = o->patience > 0 ? o->patience : 3;
    p.R = R;
    p.trows = (size_t)1 << HX__PARSE_BITS;
    p.rrows = (size_t)1 << HX__PARSE_LBITS;
    p.c = 1;
    p.rng = 0x9E3779B97F4A7C15ull ^ ((uint64_t)o->seed * 0xD1B54A32D192ED03ull);
    p.Wt = calloc(p.trows * 3, sizeof *p.Wt);
    p.Ut = calloc(p.trows * 3, sizeof *p.Ut);
    p.Wr = calloc(p.rrows * R, sizeof *p.Wr);
    p.Ur = calloc(p.rrows * R, sizeof *p.Ur);
    hx_status st = HX_OK;
    if (!order || !p.Wt || !p.Ut || !p.Wr || !p.Ur)
        goto nomem;
    for (size_t k = 0; k < tr->nsent; k++)
        order[k] = k;
    for (int ep = 1; ep <= maxep; ep++) {
        for (size_t k = tr->nsent; k > 1; k--) {
            size_t j = (size_t)(hx__rnd(&p.rng) % k), x = order[k - 1];
            order[k - 1] = order[j];
            order[j] = x;
        }
        size_t wrong = 0, total = 0;
        for (size_t k = 0; k < tr->nsent; k++) {
            size_t b = tr->off[order[k]], n = tr->off[order[k] + 1] - b;
            if (hx__pscratch_grow(&s, n))
                goto nomem;
            wrong += train_sentence(&p, tr, b, n, &s, ep > 1);
            total += 2 * n;
        }
        hx__parser ps = {0};
        double las = 0, uas = 0;
        if (!(ps.m = snapshot(&p, names)) || hx__parser_prepare(&ps) ||
            evaluate(&ps, tu, &s, &las, &uas)) {
            hx__parser_release(&ps);
            hx__tagger_free(ps.m);
            goto nomem;
        }
        hx__parser_release(&ps);
        say(o, "epoch %d: %zu/%zu transitions wrong, tuning LAS %.2f UAS %.2f, %u weights, "
            "%.1f s", ep, wrong, total, las, uas, ps.m->nent, now() - t0);
        if (las > best_las) {
            best_las = las;
            best_ep = ep;
            hx__tagger_free(best);
            best = ps.m;
        } else {
            hx__tagger_free(ps.m);
            if (ep - best_ep >= patience)
                break;
        }
    }
    say(o, "best epoch %d: tuning LAS %.2f", best_ep, best_las);
    *out = best;
    best = NULL;
    goto out;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory training the parser");
out:
    hx__tagger_free(best);
    hx__pscratch_free(&s);
    free(order);
    free(p.Wt);
    free(p.Ut);
    free(p.Wr);
    free(p.Ur);
    return st;
}

/* ---------------------------------------------------------------- the UD tagger */

/* Jackknifed tags for the training set (tagger of the other folds), then the final
 * tagger on all of it (tuned on tu), which tags tu. */
static hx_status train_tagger(dset *tr, dset *tu, const hx_train_opts *o, hx__tagger **out,
                              hx_error *err)
{
    hx__corpus ctr = {0}, ctu = {0};
    hx__parse_scan s = {0};
    uint8_t *use = malloc(tr->nsent + 1);
    hx_status st = HX_OK;
    double t0 = now();
    *out = NULL;
    if (!use || as_corpus(tr, &ctr) || as_corpus(tu, &ctu))
        goto nomem;
    for (int f = 0; f < NFOLD; f++) {
        size_t fb = tr->nsent * (size_t)f / NFOLD, fe = tr->nsent * (size_t)(f + 1) / NFOLD;
        hx__tagger *m = NULL;
        for (size_t k = 0; k < tr->nsent; k++)
            use[k] = k < fb || k >= fe;
        if ((st = hx__train_pos(&ctr, use, NULL, o->seed, 8, o, &m, err)) != HX_OK)
            goto out;
        int r = tag_range(m, tr, fb, fe, &s);
        hx__tagger_free(m);
        if (r)
            goto nomem;
        say(o, "UD tagger fold %d/%d tagged, %.1f s", f + 1, NFOLD, now() - t0);
    }
    if ((st = hx__train_pos(&ctr, NULL, &ctu, o->seed, 0, o, out, err)) != HX_OK)
        goto out;
    if (tag_range(*out, tu, 0, tu->nsent, &s))
        goto nomem;
    goto out;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory training the UD tagger");
out:
    ctr.buf = ctu.buf = NULL;
    hx__corpus_free(&ctr);
    hx__corpus_free(&ctu);
    hx__pscratch_free(&s);
    free(use);
    return st;
}

/* ---------------------------------------------------------------- entry point */

static hx_status read_sets(const hx_train_opts *o, hx__conllu *cu, size_t *ncu, dset *tr,
                           dset *tu, char **names, unsigned *R, hx_error *err)
{
    char list[4096];
    hx_status st;
    if (strlen(o->train_path) >= sizeof list)
        return hx__err(err, HX_INVAL, SIZE_MAX, "train: --train list too long");
    strcpy(list, o->train_path);
    char *save = NULL;
    for (char *p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        if (*ncu >= MAXFILES - 1)
            return hx__err(err, HX_INVAL, SIZE_MAX, "train: more than %d files", MAXFILES - 1);
        if ((st = hx__conllu_load(p, 1, &cu[*ncu], err)) != HX_OK)
            return st;
        (*ncu)++;
    }
    for (size_t k = 0; k < *ncu; k++)
        if (dset_add(tr, &cu[k], o->dev_path ? -1 : 2, names, R, 1))
            goto nomem;
    if (o->dev_path) {
        if ((st = hx__conllu_load(o->dev_path, 1, &cu[*ncu], err)) != HX_OK)
            return st;
        if (dset_add(tu, &cu[(*ncu)++], -1, names, R, 0))
            goto nomem;
    } else {
        for (size_t k = 0; k < *ncu; k++)
            if (dset_add(tu, &cu[k], 1, names, R, 0))
                goto nomem;
    }
    if (!tr->nsent || !tu->nsent)
        return hx__err(err, HX_FIELD, SIZE_MAX, "train: no %s sentences",
                       tr->nsent ? "tuning" : "training");
    return HX_OK;
nomem:
    return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory reading the treebanks");
}

hx_status hx__parse_train(const hx_train_opts *o, hx_error *err)
{
    hx__conllu cu[MAXFILES];
    size_t ncu = 0;
    dset tr = {0}, tu = {0};
    char *names[HX__MAXLABELS] = {0};
    unsigned R = 0;
    hx__tagger *upos = NULL, *pm = NULL;
    char path[4096];
    double t0 = now();
    memset(cu, 0, sizeof cu);
    hx_status st = read_sets(o, cu, &ncu, &tr, &tu, names, &R, err);
    if (st != HX_OK)
        goto out;
    say(o, "training %zu sentences (%zu words), tuning %zu (%zu words), %u relations",
        tr.nsent, tr.nw, tu.nsent, tu.nw, R);
    if ((st = train_tagger(&tr, &tu, o, &upos, err)) != HX_OK)
        goto out;
    size_t ok = 0;
    for (size_t i = 0; i < tu.nw; i++)
        ok += tu.pup[i] == hx__upos_id(tu.gupos[i]);
    say(o, "UD tagger: tuning UPOS accuracy %.2f%%, %.1f s", 100.0 * (double)ok / (double)tu.nw,
        now() - t0);
    if ((st = train_parser(&tr, &tu, names, R, o, &pm, err)) != HX_OK)
        goto out;
    const char *slash = strrchr(o->out_path, '/');
    snprintf(path, sizeof path, "%.*s%s", slash ? (int)(slash - o->out_path + 1) : 0,
             o->out_path, "ud-upos.hxm");
    say(o, "writing %s and %s (%.1f s)", o->out_path, path, now() - t0);
    if ((st = hx__tagger_save(pm, o->out_path, err)) == HX_OK)
        st = hx__tagger_save(upos, path, err);
out:
    for (size_t k = 0; k < ncu; k++)
        hx__conllu_free(&cu[k]);
    for (unsigned r = 0; r < R; r++)
        free(names[r]);
    dset_free(&tr);
    dset_free(&tu);
    hx__tagger_free(upos);
    hx__tagger_free(pm);
    return st;
}
