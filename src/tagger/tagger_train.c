/*
 * tagger_train.c -- hx_train: a structured averaged perceptron (Collins 2002) for the
 * linear-chain tagger, with early stopping on a development file.
 *
 * Training keeps dense weights W[rows x L] and the averaging sums U (the classic
 * "W - U/c" trick, so averaging costs nothing per update).  After each epoch the
 * averaged weights are pruned and quantised into the same sparse hx__tagger the
 * library loads, the development set is tagged with exactly the runtime code, and the
 * best epoch's model is the one written out.
 *
 * Training tokens see the lexicon built from the other folds of the training set
 * (jackknifing), and NER training tokens see POS tags predicted by POS models trained
 * on the other folds, so that both are as imperfect as on new text.
 *
 * Invariants: deterministic for a given seed (one xorshift generator, shuffles only);
 * NER training never reads the gold POS column: its POS features come from the POS
 * model (<models_dir>/pos.hxm, for the dev set) and the jackknifed POS models; no
 * globals, no static state (strtok_r, not strtok).
 */
#include "tagger/tagger.h"

#include <assert.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- training state */

typedef struct trainer {
    uint32_t task, L, bits;
    size_t rows;
    char **labels;      /* [L] */
    float *W;           /* [rows x L] current weights */
    double *U;          /* [rows x L] sums of c * update */
    float *T;           /* [(L + 2) x L] transitions */
    double *TU;
    double c;           /* examples seen + 1 */
    uint64_t rng;
} trainer;

static int label_id(char **labels, uint32_t *L, const char *name, int add)
{
    for (uint32_t l = 0; l < *L; l++)
        if (strcmp(labels[l], name) == 0)
            return (int)l;
    if (!add || *L >= HX__MAXLABELS)
        return -1;
    if (!(labels[*L] = strdup(name)))
        return -1;
    return (int)(*L)++;
}

/* Averaged weights pruned and quantised into a sparse model (lexicon copied). */
static hx__tagger *snapshot(const trainer *t, const hx__tagger *lexsrc, float prune)
{
    hx__tagger *m = hx__tagger_alloc(t->task, t->bits, t->L);
    if (!m)
        return NULL;
    size_t n = t->rows * t->L;
    float maxabs = 0;
    for (size_t i = 0; i < n; i++) {
        float a = (float)(t->W[i] - t->U[i] / t->c);
        if (fabsf(a) > maxabs)
            maxabs = fabsf(a);
    }
    if (maxabs <= 0)
        maxabs = 1;
    m->scale = maxabs / 32767.0f;
    float thr = prune * maxabs;
    size_t cnt = 0;
    for (size_t i = 0; i < n; i++) {
        float a = (float)(t->W[i] - t->U[i] / t->c);
        cnt += fabsf(a) > thr && lrintf(a / m->scale) != 0;
    }
    uint8_t *rowcnt = malloc(t->rows);
    uint32_t *ent = malloc((cnt ? cnt : 1) * sizeof *ent);
    int ws = -1;
    if (rowcnt && ent) {
        size_t k = 0;
        for (size_t r = 0; r < t->rows; r++) {
            size_t k0 = k;
            for (uint32_t l = 0; l < t->L; l++) {
                float a = (float)(t->W[r * t->L + l] - t->U[r * t->L + l] / t->c);
                long q = lrintf(a / m->scale);
                if (fabsf(a) > thr && q != 0)
                    ent[k++] = l << 16 | (uint16_t)(int16_t)q;
            }
            rowcnt[r] = (uint8_t)(k - k0);
        }
        ws = hx__weights_set(m, rowcnt, ent);
    }
    free(rowcnt);
    free(ent);
    if (ws)
        goto fail;
    for (size_t i = 0; i < (size_t)(t->L + 2) * t->L; i++)
        m->trans[i] = (float)(t->T[i] - t->TU[i] / t->c);
    for (uint32_t l = 0; l < t->L; l++)
        if (!(m->labels[l] = strdup(t->labels[l])))
            goto fail;
    m->open_mask = lexsrc->open_mask;
    if (lexsrc->lex) {
        m->lex = malloc(((size_t)1 << lexsrc->lexbits) * sizeof *m->lex);
        if (!m->lex)
            goto fail;
        memcpy(m->lex, lexsrc->lex, ((size_t)1 << lexsrc->lexbits) * sizeof *m->lex);
        m->lexbits = lexsrc->lexbits;
        m->nlex = lexsrc->nlex;
    }
    return m;
fail:
    hx__tagger_free(m);
    return NULL;
}

static inline void upd(float *w, double *u, size_t i, float d, double c)
{
    w[i] += d;
    u[i] += c * d;
}

/* ---------------------------------------------------------------- lexicon */

typedef struct lexcount {
    uint64_t key, mask;
    uint32_t n, nlow, nup, info;
    uint32_t clu;     /* NER: word clusters (hx__lexent.clu) */
    uint32_t type[5]; /* NER: times seen as O, PER, LOC, ORG, MISC */
} lexcount;

/* The entity type index of a NER label: 0 for O (or unknown), 1..4 PER LOC ORG MISC. */
static int type_index(const char *label)
{
    static const char *const names[] = {"PER", "LOC", "ORG", "MISC"};
    if (!label[0] || label[1] != '-')
        return 0;
    for (int i = 0; i < 4; i++)
        if (strcmp(label + 2, names[i]) == 0)
            return i + 1;
    return 0;
}

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = ((const lexcount *)a)->key, y = ((const lexcount *)b)->key;
    return x < y ? -1 : x > y;
}

/* One count per training token of the sentences in use, at lc[0..); returns how many. */
static size_t count_words(const hx__tagger *m, const hx__corpus *c, const int *gold,
                          char **labels, const uint8_t *use, lexcount *lc)
{
    size_t nlc = 0;
    for (size_t s = 0; s < c->nsent; s++)
        for (size_t i = c->sent[s]; i < c->sent[s + 1]; i++) {
            if (!use[s])
                continue;
            lexcount *e = &lc[nlc++];
            memset(e, 0, sizeof *e);
            e->key = hx__word_key(c->words[i].s, c->words[i].n);
            e->n = 1;
            if (gold[i] >= 0 && gold[i] < 64)
                e->mask = 1ull << gold[i];
            if (m->task == HX__TASK_NER)
                e->type[type_index(labels[gold[i]])] = 1;
            if (i > c->sent[s]) {
                hx__atoms a;
                hx__atoms_fill(NULL, &c->words[i], NULL, 1, &a, 0);
                if (a.cls & (HX__C_INITCAP | HX__C_ALLCAP))
                    e->nup = 1;
                else if (!(a.cls & HX__C_PUNCT))
                    e->nlow = 1;
            }
        }
    return nlc;
}

/* NER: the entities of the training text as phrases, with their types (two counts per
 * phrase of 2..HX__MAXPHRASE words: the phrase and its first word), at lc[0..);
 * returns how many. */
static size_t count_phrases(const hx__corpus *c, const int *gold, char **labels,
                            const uint8_t *use, lexcount *lc)
{
    size_t nlc = 0;
    for (size_t s = 0; s < c->nsent; s++) {
        if (!use[s])
            continue;
        size_t b = c->sent[s], e = c->sent[s + 1];
        for (size_t i = b; i < e;) {
            int ti = type_index(labels[gold[i]]);
            if (!ti) {
                i++;
                continue;
            }
            size_t j = i + 1;
            while (j < e && labels[gold[j]][0] == 'I' && type_index(labels[gold[j]]) == ti)
                j++;
            if (j - i >= 2 && j - i <= HX__MAXPHRASE) {
                uint64_t keys[HX__MAXPHRASE];
                for (size_t q = i; q < j; q++)
                    keys[q - i] = hx__word_key(c->words[q].s, c->words[q].n);
                lexcount *x = &lc[nlc++];
                memset(x, 0, sizeof *x);
                x->key = hx__phrase_key(keys, j - i);
                x->type[ti] = 1;
                x = &lc[nlc++];
                memset(x, 0, sizeof *x);
                x->key = keys[0];
                x->info = HX__LX_PHRSTART;
            }
            i = j;
        }
    }
    return nlc;
}

/* Sorts lc[0..nlc) by key and sums the counts of equal keys; returns how many remain. */
static size_t merge_counts(lexcount *lc, size_t nlc)
{
    qsort(lc, nlc, sizeof *lc, cmp_key);
    size_t k = 0;
    for (size_t i = 0; i < nlc; i++) {
        if (k && lc[k - 1].key == lc[i].key) {
            lc[k - 1].info |= lc[i].info;
            lc[k - 1].n += lc[i].n;
            lc[k - 1].nlow += lc[i].nlow;
            lc[k - 1].nup += lc[i].nup;
            lc[k - 1].mask |= lc[i].mask;
            if (!lc[k - 1].clu)
                lc[k - 1].clu = lc[i].clu;
            for (int j = 0; j < 5; j++)
                lc[k - 1].type[j] += lc[i].type[j];
        } else {
            lc[k++] = lc[i];
        }
    }
    return k;
}

/* The lexicon info of one merged count: capitalisation class, frequency bucket and
 * (NER) the type the word was labelled with most often, and how often. */
static uint32_t lex_info(const lexcount *e)
{
    uint32_t cap, fb = 0, info;
    uint32_t seen = e->nlow + e->nup;
    if (!seen)
        cap = HX__CAP_UNSEEN;
    else if (!e->nup)
        cap = HX__CAP_LOWER;
    else if (!e->nlow)
        cap = HX__CAP_UPPER;
    else if (e->nlow >= 3 * e->nup)
        cap = HX__CAP_MOSTLOW;
    else if (e->nup >= 3 * e->nlow)
        cap = HX__CAP_MOSTUP;
    else
        cap = HX__CAP_MIXED;
    for (uint32_t v = e->n; v > 1 && fb < 7; v >>= 2)
        fb++;
    info = cap | fb << HX__LX_FREQSHIFT | e->info;
    uint32_t tot = 0, bt = 0;
    for (uint32_t j = 0; j < 5; j++) {
        tot += e->type[j];
        if (e->type[j] > e->type[bt])
            bt = j;
    }
    if (tot) {
        double pur = (double)e->type[bt] / tot;
        info |= (bt + 1) << HX__LX_TYPESHIFT;
        info |= (pur >= 0.95 ? 0u : pur >= 0.7 ? 1u : 2u) << HX__LX_PURSHIFT;
    }
    return info;
}

/* Builds the lexicon of m from the training corpus: capitalisation class, frequency
 * bucket and (POS) the tag dictionary.  gold: label ids of the task, per token. */
static int build_lexicon(hx__tagger *m, const hx__corpus *c, const int *gold, uint32_t L,
                         char **labels, const uint8_t *use, const lexcount *ext,
                         size_t next)
{
    lexcount *lc = malloc((3 * c->ntok + next + 1) * sizeof *lc);
    if (!lc)
        return -1;
    size_t nlc = count_words(m, c, gold, labels, use, lc);
    if (m->task == HX__TASK_NER)
        nlc += count_phrases(c, gold, labels, use, lc + nlc);
    assert(nlc <= 3 * c->ntok);
    if (next)
        memcpy(lc + nlc, ext, next * sizeof *ext);
    size_t k = merge_counts(lc, nlc + next);
    uint64_t open = 0;
    for (size_t i = 0; i < k; i++)
        if (lc[i].n == 1)
            open |= lc[i].mask;
    hx__lexent *ents = malloc((k + 1) * sizeof *ents);
    if (!ents) {
        free(lc);
        return -1;
    }
    for (size_t i = 0; i < k; i++) {
        const lexcount *e = &lc[i];
        ents[i].key = e->key;
        ents[i].info = lex_info(e);
        ents[i].clu = e->clu;
        /* The tag dictionary: frequent words keep the tags seen with them; rare
         * ones may also take any open-class tag. */
        ents[i].mask = (m->task == HX__TASK_POS && L <= 64)
                           ? (e->n >= 3 ? e->mask : e->n ? e->mask | open : 0)
                           : 0;
    }
    m->open_mask = (m->task == HX__TASK_POS && L <= 64) ? open : 0;
    int r = hx__lex_build(m, ents, k);
    free(ents);
    free(lc);
    return r;
}

/* ---------------------------------------------------------------- gazetteers */

/* The word lists of dir and the lexicon bit each sets. */
static const struct {
    const char *file;
    uint32_t bit;
    int all_words; /* 1: every word counts; 0: skip short lower-case words (de, la) */
} GAZ[] = {
    {"loc.txt", HX__LX_GAZ_LOC, 0}, {"per.txt", HX__LX_GAZ_PER, 0},
    {"org.txt", HX__LX_GAZ_ORG, 0}, {"misc.txt", HX__LX_GAZ_MISC, 0},
    {"dict_es.txt", HX__LX_DICT, 1}, {"sport.txt", HX__LX_SPORT, 1},
    /* From the project's gazetteer (data/gazetteer, tools/gen_ner_lists.py; org.txt too). */
    {"loc_gaz.txt", HX__LX_GAZ_LOC, 0},
    {"demonym.txt", HX__LX_DEMONYM, 1},
};

static int push_ext(lexcount **v, size_t *n, size_t *cap, uint64_t key, uint32_t bit)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 4096;
        lexcount *p = realloc(*v, c * sizeof *p);
        if (!p)
            return -1;
        *v = p;
        *cap = c;
    }
    lexcount *e = &(*v)[(*n)++];
    memset(e, 0, sizeof *e);
    e->key = key;
    e->info = bit;
    return 0;
}

/* Reads the word lists of dir into *out (key, info bit; n = 0 so they add no counts).
 * Missing files are skipped; *nfiles counts the ones read. */
static int read_gazetteers(const char *dir, lexcount **out, size_t *nout, int *nfiles)
{
    size_t cap = 0;
    char path[4096], line[1024];
    *out = NULL;
    *nout = 0;
    *nfiles = 0;
    for (size_t g = 0; g < sizeof GAZ / sizeof *GAZ; g++) {
        snprintf(path, sizeof path, "%s/%s", dir, GAZ[g].file);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        ++*nfiles;
        while (fgets(line, sizeof line, f)) {
            if (line[0] == '#')
                continue;
            uint64_t keys[HX__MAXPHRASE];
            size_t nk = 0;
            int over = 0;
            static const char seps[] = " \t\r\n,;:()\"'";
            char *save = NULL;
            for (char *w = strtok_r(line, seps, &save); w; w = strtok_r(NULL, seps, &save)) {
                size_t n = strlen(w);
                while (n && w[n - 1] == '.')
                    n--;
                if (!n)
                    continue;
                if (nk < HX__MAXPHRASE)
                    keys[nk++] = hx__word_key(w, n);
                else
                    over = 1;
                int lower = w[0] >= 'a' && w[0] <= 'z';
                if (!GAZ[g].all_words && lower && n <= 3)
                    continue;
                if (push_ext(out, nout, &cap, hx__word_key(w, n), GAZ[g].bit)) {
                    fclose(f);
                    return -1;
                }
            }
            if (nk >= 2 && !over &&
                (push_ext(out, nout, &cap, hx__phrase_key(keys, nk), GAZ[g].bit) ||
                 push_ext(out, nout, &cap, keys[0], HX__LX_PHRSTART))) {
                fclose(f);
                return -1;
            }
        }
        fclose(f);
    }
    return 0;
}

/* ---------------------------------------------------------------- the trainer */

#define NFOLDS 5
#define GAZ_DROP 50 /* NER gazetteer dropout, % of training tokens (docs/models.md) */

/* Tags every sentence of c with the POS model into names[ntok]. */
static int predict_pos(const hx__tagger *pos, const hx__corpus *c, const char **names,
                       hx__tagger_scan *s)
{
    uint8_t *out = malloc(c->ntok + 1);
    if (!out)
        return -1;
    for (size_t k = 0; k < c->nsent; k++) {
        size_t b = c->sent[k], n = c->sent[k + 1] - b;
        if (hx__tag_words(pos, c->words + b, NULL, n, s, out + b)) {
            free(out);
            return -1;
        }
        for (size_t i = 0; i < n; i++)
            names[b + i] = pos->labels[out[b + i]];
    }
    free(out);
    return 0;
}

/* Evaluates model m on dev: NER F1 or POS accuracy; fills *sc. */
static int evaluate(const hx__tagger *m, const hx__corpus *dev, const char *const *pos_names,
                    hx__tagger_scan *s, hx__score *sc)
{
    size_t maxn = 0;
    for (size_t k = 0; k < dev->nsent; k++)
        if (dev->sent[k + 1] - dev->sent[k] > maxn)
            maxn = dev->sent[k + 1] - dev->sent[k];
    uint8_t *out = malloc(maxn + 1);
    const char **pred = malloc((maxn + 1) * sizeof *pred);
    hx__chunk *cg = malloc((maxn + 1) * sizeof *cg), *cp = malloc((maxn + 1) * sizeof *cp);
    int r = -1;
    if (!out || !pred || !cg || !cp)
        goto done;
    memset(sc, 0, sizeof *sc);
    const char *const *gold = m->task == HX__TASK_NER ? dev->col[1] : dev->col[0];
    for (size_t k = 0; k < dev->nsent; k++) {
        size_t b = dev->sent[k], n = dev->sent[k + 1] - b;
        if (hx__tag_words(m, dev->words + b, pos_names ? pos_names + b : NULL, n, s, out))
            goto done;
        for (size_t i = 0; i < n; i++)
            pred[i] = m->labels[out[i]];
        hx__score_sentence(gold + b, pred, n, cg, cp, sc);
    }
    r = 0;
done:
    free(out);
    free(pred);
    free(cg);
    free(cp);
    return r;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void say(const hx_train_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say(const hx_train_opts *o, const char *fmt, ...)
{
    if (!o->progress)
        return;
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->progress(o->ud, line);
}

/* What one training run needs; the sentences of tr with use[s] set are trained on. */
typedef struct run_in {
    uint32_t task;
    const hx__corpus *tr, *dv;
    const uint8_t *use;           /* [tr->nsent] */
    const char *const *trpos;     /* predicted POS names of tr's tokens (NER), or NULL */
    const char *const *dvpos;
    const lexcount *ext;          /* gazetteer words */
    size_t next;
    const uint8_t *nolex;         /* [tr->nsent] 1: a recased copy, trained on but not
                                     counted in the lexicon; or NULL */
    unsigned gaz_drop;            /* NER: % of training tokens whose gazetteer bits are
                                     dropped (feature dropout), 0 = none */
    uint64_t seed;
    int max_epochs, patience;
    int quiet;                    /* no progress lines */
} run_in;

/* Shuffles order[0..n) in place (Fisher-Yates with the trainer's generator). */
static void shuffle(size_t *order, size_t n, uint64_t *rng)
{
    for (size_t k = n; k > 1; k--) {
        size_t j = (size_t)(hx__rnd(rng) % k);
        size_t x = order[k - 1];
        order[k - 1] = order[j];
        order[j] = x;
    }
}

/* Emission scores emit[i * L + l] of the n tokens from b: the sum of the current
 * weights of each token's feature rows (feats[fstart[t] .. fstart[t + 1])). */
static void emissions(const trainer *t, float *emit, const uint32_t *feats,
                      const uint32_t *fstart, size_t b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        float *e = emit + i * t->L;
        memset(e, 0, t->L * sizeof *e);
        for (uint32_t q = fstart[b + i]; q < fstart[b + i + 1]; q++) {
            const float *w = t->W + (size_t)feats[q] * t->L;
            for (uint32_t l = 0; l < t->L; l++)
                e[l] += w[l];
        }
    }
}

/* The perceptron update for a sentence of n tokens from b decoded as pred instead of
 * gold: + on the gold labels' features and transitions, - on the predicted ones. */
static void update(trainer *t, const int *gold, const uint8_t *pred, const uint32_t *feats,
                   const uint32_t *fstart, size_t b, size_t n)
{
    uint32_t L = t->L;
    for (size_t i = 0; i < n; i++) {
        unsigned g = (unsigned)gold[b + i], p = pred[i];
        unsigned gp = i ? (unsigned)gold[b + i - 1] : L;
        unsigned pp = i ? pred[i - 1] : L;
        if (g != p)
            for (uint32_t q = fstart[b + i]; q < fstart[b + i + 1]; q++) {
                upd(t->W, t->U, (size_t)feats[q] * L + g, 1, t->c);
                upd(t->W, t->U, (size_t)feats[q] * L + p, -1, t->c);
            }
        if (g != p || gp != pp) {
            upd(t->T, t->TU, (size_t)gp * L + g, 1, t->c);
            upd(t->T, t->TU, (size_t)pp * L + p, -1, t->c);
        }
    }
    unsigned g = (unsigned)gold[b + n - 1], p = pred[n - 1];
    if (g != p) {
        upd(t->T, t->TU, (size_t)(L + 1) * L + g, 1, t->c);
        upd(t->T, t->TU, (size_t)(L + 1) * L + p, -1, t->c);
    }
}

/* Reads the gold labels of the task's column into gold[] (ids into t->labels, in order
 * of first appearance). */
static hx_status read_gold(trainer *t, const hx__corpus *tr, int *gold, hx_error *err)
{
    const char **gcol = t->task == HX__TASK_NER ? tr->col[1] : tr->col[0];
    for (size_t i = 0; i < tr->ntok; i++) {
        if (!gcol[i][0])
            return hx__err(err, HX_FIELD, SIZE_MAX, "train: token %zu lacks the %s column",
                           i, t->task == HX__TASK_NER ? "NER" : "POS");
        if ((gold[i] = label_id(t->labels, &t->L, gcol[i], 1)) < 0)
            return hx__err(err, HX_FIELD, SIZE_MAX, "train: more than %d labels", HX__MAXLABELS);
    }
    return HX_OK;
}

/* One line about an epoch: sentences wrong, the dev score, weights, time. */
static void report_epoch(const hx_train_opts *o, const trainer *t, int ep, size_t wrong,
                         size_t norder, double val, const hx__score *sc, unsigned nent, double secs)
{
    if (t->task == HX__TASK_NER)
        say(o, "epoch %d: %zu/%zu sentences wrong, dev F1 %.4f (P %.4f R %.4f), %u "
            "weights, %.1f s", ep, wrong, norder, val,
            sc->guessed ? (double)sc->correct / (double)sc->guessed : 0,
            sc->gold ? (double)sc->correct / (double)sc->gold : 0, nent, secs);
    else
        say(o, "epoch %d: %zu/%zu sentences wrong, dev accuracy %.4f, %u weights, "
            "%.1f s", ep, wrong, norder, val, nent, secs);
}

/* Every training token as feature rows, computed once: token t's rows are
 * feats[fstart[t] .. fstart[t + 1]); its candidate labels cand[t * L .. + ncand[t]) (the
 * tag dictionary's, plus gold); order[0..norder) the sentences trained on.  Each
 * sentence sees the lexicon of the other folds (foldlex[j * NFOLDS / nused] for the
 * j-th sentence used). */
static size_t featurize(const trainer *t, const run_in *in, hx__tagger *const *foldlex,
                        size_t nused, const int *gold, hx__atoms *atoms, uint32_t *feats,
                        uint32_t *fstart, uint8_t *cand, uint8_t *ncand, size_t *order)
{
    const hx__corpus *tr = in->tr;
    size_t nf = 0, norder = 0;
    uint64_t rng = 0x2545F4914F6CDD1Dull ^ (in->seed * 0x9E3779B97F4A7C15ull) ^ 0x5bd1e995u;
    for (size_t k = 0, j = 0; k < tr->nsent; k++) {
        size_t b = tr->sent[k], n = tr->sent[k + 1] - b;
        if (!in->use[k]) {
            for (size_t i = 0; i < n; i++)
                fstart[b + i] = (uint32_t)nf;
            continue;
        }
        order[norder++] = k;
        hx__atoms_fill(foldlex[j++ * NFOLDS / nused], tr->words + b,
                       in->trpos ? in->trpos + b : NULL, n, atoms, 0);
        /* Gazetteer dropout: the model also sees listed words without their flags, so
         * that it does not trust the lists blindly (nor miss unlisted names). */
        for (size_t i = 0; in->gaz_drop && i < n; i++)
            if (hx__rnd(&rng) % 100 < in->gaz_drop) {
                atoms[i].info &= ~(uint32_t)HX__LX_GAZ;
                atoms[i].phr &= ~(uint32_t)HX__LX_GAZ;
            }
        for (size_t i = 0; i < n; i++) {
            uint32_t f[HX__MAXF];
            unsigned m = hx__features(t->task, atoms, n, i, f);
            fstart[b + i] = (uint32_t)nf;
            for (unsigned q = 0; q < m; q++)
                feats[nf++] = f[q] >> (32 - t->bits);
            uint64_t mask = t->L <= 64 ? atoms[i].mask : 0;
            unsigned q = 0;
            for (uint32_t l = 0; l < t->L; l++)
                if (!mask || (mask >> l & 1) || (int)l == gold[b + i])
                    cand[(b + i) * t->L + q++] = (uint8_t)l;
            ncand[b + i] = (uint8_t)q;
        }
    }
    fstart[tr->ntok] = (uint32_t)nf;
    return norder;
}

/* The lexicon each fold's sentences see: built from the other folds (contiguous
 * blocks of the nused sentences used, so whole articles), as a new text sees the
 * lexicon of the training set.  fuse[tr->nsent] is scratch.  -1 when out of memory. */
static int fold_lexicons(const trainer *t, const run_in *in, const int *gold, uint8_t *fuse,
                         size_t nused, hx__tagger **foldlex)
{
    const hx__corpus *tr = in->tr;
    for (int f = 0; f < NFOLDS; f++) {
        for (size_t k = 0, j = 0; k < tr->nsent; k++) {
            fuse[k] = in->use[k] && !(j * NFOLDS / nused == (size_t)f) &&
                      !(in->nolex && in->nolex[k]);
            j += in->use[k] != 0;
        }
        if (!(foldlex[f] = hx__tagger_alloc(t->task, 8, t->L)) ||
            build_lexicon(foldlex[f], tr, gold, t->L, t->labels, fuse, in->ext, in->next))
            return -1;
    }
    return 0;
}

/* The model of the weights after an epoch, and its score in *val: dev F1 (NER) or
 * accuracy (POS) when there is a dev set, else the share of training sentences right.
 * NULL when out of memory. */
static hx__tagger *epoch_model(const trainer *t, const hx__tagger *lexm, const run_in *in,
                               hx__tagger_scan *s, double right, hx__score *sc, double *val)
{
    hx__tagger *m = snapshot(t, lexm, 1e-4f);
    if (!m)
        return NULL;
    *val = right;
    if (in->dv) {
        if (evaluate(m, in->dv, in->dvpos, s, sc)) {
            hx__tagger_free(m);
            return NULL;
        }
        *val = t->task == HX__TASK_NER ? hx__score_f1(sc)
                                       : (double)sc->correct_tokens / (double)sc->tokens;
    }
    return m;
}

/* The per-call arrays of train_run, freed together by run_free. */
typedef struct run_bufs {
    int *gold;                 /* [ntok] label id of each training token */
    uint32_t *feats, *fstart;  /* feature rows of each token, computed once */
    size_t *order, norder;     /* the training sentences, shuffled each epoch */
    size_t maxn;               /* tokens of the longest sentence */
    float *emit, *delta;       /* [maxn x L] Viterbi scratch */
    uint8_t *back, *cand, *ncand, *pred, *fuse;
    hx__atoms *atoms;          /* [maxn] */
} run_bufs;

static void run_free(run_bufs *r)
{
    free(r->gold);
    free(r->feats);
    free(r->fstart);
    free(r->order);
    free(r->emit);
    free(r->delta);
    free(r->back);
    free(r->cand);
    free(r->ncand);
    free(r->pred);
    free(r->fuse);
    free(r->atoms);
}

/* Computes the features of every training token and allocates the weights and the
 * Viterbi scratch; returns -1 when out of memory. */
static int prepare_features(trainer *t, const run_in *in, hx__tagger *const *foldlex,
                            size_t nused, run_bufs *r)
{
    const hx__corpus *tr = in->tr;
    r->maxn = 0;
    for (size_t k = 0; k < tr->nsent; k++)
        if (tr->sent[k + 1] - tr->sent[k] > r->maxn)
            r->maxn = tr->sent[k + 1] - tr->sent[k];
    if (!(r->feats = malloc(tr->ntok * HX__MAXF * sizeof *r->feats)) ||
        !(r->fstart = malloc((tr->ntok + 1) * sizeof *r->fstart)) ||
        !(r->atoms = malloc(r->maxn * sizeof *r->atoms)) || !(r->cand = malloc(tr->ntok * t->L)) ||
        !(r->ncand = malloc(tr->ntok + 1)) || !(r->order = malloc(tr->nsent * sizeof *r->order)))
        return -1;
    r->norder = featurize(t, in, foldlex, nused, r->gold, r->atoms, r->feats, r->fstart, r->cand,
                          r->ncand, r->order);
    if (!(t->W = calloc(t->rows * t->L, sizeof *t->W)) ||
        !(t->U = calloc(t->rows * t->L, sizeof *t->U)) ||
        !(t->T = calloc((size_t)(t->L + 2) * t->L, sizeof *t->T)) ||
        !(t->TU = calloc((size_t)(t->L + 2) * t->L, sizeof *t->TU)) ||
        !(r->emit = malloc(r->maxn * t->L * sizeof *r->emit)) ||
        !(r->delta = malloc(r->maxn * t->L * sizeof *r->delta)) ||
        !(r->back = malloc(r->maxn * t->L)) || !(r->pred = malloc(r->maxn + 1)))
        return -1;
    return 0;
}

/* One perceptron pass over the shuffled training sentences; returns how many were
 * tagged wrong (and so updated). */
static size_t train_epoch(trainer *t, const hx__corpus *tr, run_bufs *r)
{
    size_t wrong = 0;
    shuffle(r->order, r->norder, &t->rng);
    for (size_t oi = 0; oi < r->norder; oi++) {
        size_t k = r->order[oi], b = tr->sent[k], n = tr->sent[k + 1] - b;
        emissions(t, r->emit, r->feats, r->fstart, b, n);
        hx__viterbi(r->emit, t->T, t->L, n, r->cand + b * t->L, r->ncand + b, r->delta, r->back,
                    r->pred);
        int diff = 0;
        for (size_t i = 0; i < n; i++)
            diff |= r->pred[i] != r->gold[b + i];
        if (diff) {
            wrong++;
            update(t, r->gold, r->pred, r->feats, r->fstart, b, n);
        }
        t->c += 1;
    }
    return wrong;
}

/* The epochs, keeping the model of the best dev score (or the last, without dev) in
 * *best; stops early after in->patience epochs without progress.  -1: out of memory. */
static int run_epochs(trainer *t, const run_in *in, const hx_train_opts *o, hx__tagger *lexm,
                      hx__tagger_scan *s, run_bufs *r, double t0, hx__tagger **best)
{
    double best_score = -1;
    int best_epoch = 0;
    for (int ep = 1; ep <= in->max_epochs; ep++) {
        size_t wrong = train_epoch(t, in->tr, r);
        int last = ep == in->max_epochs || wrong == 0;
        if (!in->dv && !last)
            continue;
        hx__score sc = {0};
        double val;
        hx__tagger *m = epoch_model(t, lexm, in, s, 1.0 - (double)wrong / (double)r->norder, &sc, &val);
        if (!m)
            return -1;
        if (!in->quiet)
            report_epoch(o, t, ep, wrong, r->norder, val, &sc, m->nent, now() - t0);
        if (val > best_score || !in->dv) {
            best_score = val;
            best_epoch = ep;
            hx__tagger_free(*best);
            *best = m;
        } else {
            hx__tagger_free(m);
            if (ep - best_epoch >= in->patience)
                break;
        }
        if (last)
            break;
    }
    if (!in->quiet && in->dv)
        say(o, "best epoch %d: dev %s %.4f", best_epoch,
            t->task == HX__TASK_NER ? "F1" : "accuracy", best_score);
    return 0;
}

/* Trains one model; *out gets the best epoch's model (by dev score, or the last epoch
 * without a dev set). */
static hx_status train_run(const run_in *in, const hx_train_opts *o, hx__tagger **out,
                           hx_error *err)
{
    const hx__corpus *tr = in->tr;
    trainer t = {0};
    hx__tagger *lexm = NULL, *best = NULL, *foldlex[NFOLDS] = {0};
    hx__tagger_scan s = {0};
    run_bufs r = {0};
    hx_status st = HX_OK;
    double t0 = now();

    *out = NULL;
    t.task = in->task;
    t.bits = t.task == HX__TASK_NER ? 21 : 20;
    t.rows = (size_t)1 << t.bits;
    t.rng = 0x9E3779B97F4A7C15ull ^ (in->seed * 0xD1B54A32D192ED03ull);
    if (!t.rng)
        t.rng = 1;

    /* Labels of the task's column, in order of first appearance. */
    if (!(t.labels = calloc(HX__MAXLABELS, sizeof *t.labels)) ||
        !(r.gold = malloc((tr->ntok + 1) * sizeof *r.gold)) || !(r.fuse = malloc(tr->nsent + 1)))
        goto nomem;
    if ((st = read_gold(&t, tr, r.gold, err)) != HX_OK)
        goto out;

    /* The lexicon (and POS tag dictionary) of the model, from the original sentences. */
    for (size_t k = 0; k < tr->nsent; k++)
        r.fuse[k] = in->use[k] && !(in->nolex && in->nolex[k]);
    if (!(lexm = hx__tagger_alloc(t.task, 8, t.L)) ||
        build_lexicon(lexm, tr, r.gold, t.L, t.labels, r.fuse, in->ext, in->next))
        goto nomem;
    /* Training tokens see the lexicon of the other folds (contiguous blocks, so whole
     * articles), as a new text sees the lexicon of the training set: otherwise every
     * training word would be "known" and the model never learn about unseen ones. */
    size_t nused = 0;
    for (size_t k = 0; k < tr->nsent; k++)
        nused += in->use[k] != 0;
    if (!nused) {
        st = hx__err(err, HX_FIELD, SIZE_MAX, "train: no training sentences");
        goto out;
    }
    if (fold_lexicons(&t, in, r.gold, r.fuse, nused, foldlex) ||
        prepare_features(&t, in, foldlex, nused, &r))
        goto nomem;
    t.c = 1;
    if (run_epochs(&t, in, o, lexm, &s, &r, t0, &best))
        goto nomem;
    *out = best;
    best = NULL;
    goto out;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory training");
out:
    if (t.labels)
        for (uint32_t l = 0; l < t.L; l++)
            free(t.labels[l]);
    free(t.labels);
    free(t.W);
    free(t.U);
    free(t.T);
    free(t.TU);
    hx__tagger_free(lexm);
    for (int k = 0; k < NFOLDS; k++)
        hx__tagger_free(foldlex[k]);
    hx__tagger_free(best);
    hx__scratch_free(&s);
    run_free(&r);
    return st;
}

/* The POS trainer on corpora already in memory (the UD tagger of the parser,
 * src/parse): no word lists, the sentences of tr with use[s] set (NULL: all). */
hx_status hx__train_pos(const hx__corpus *tr, const uint8_t *use, const hx__corpus *dv,
                        unsigned seed, int max_epochs, const hx_train_opts *o,
                        hx__tagger **out, hx_error *err)
{
    uint8_t *all = NULL;
    if (!use) {
        if (!(all = malloc(tr->nsent + 1)))
            return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory training");
        memset(all, 1, tr->nsent + 1);
    }
    run_in in = {0};
    in.task = HX__TASK_POS;
    in.tr = tr;
    in.dv = dv && dv->nsent ? dv : NULL;
    in.use = use ? use : all;
    in.seed = seed;
    in.max_epochs = max_epochs > 0 ? max_epochs : 30;
    in.patience = 4;
    in.quiet = !dv;
    hx_status st = train_run(&in, o, out, err);
    free(all);
    return st;
}

/* The jackknifed POS cache: a line "hxposcache SUM NTOK", then one tag per token. */
static int read_pos_cache(const char *path, uint64_t sum, const hx__tagger *posm, size_t ntok,
                          const char **trpos)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    unsigned long long fs = 0, fn = 0;
    int ok = fgets(line, sizeof line, f) && sscanf(line, "hxposcache %llx %llu", &fs, &fn) == 2 &&
             fs == sum && fn == ntok;
    for (size_t i = 0; ok && i < ntok; i++) {
        ok = fgets(line, sizeof line, f) != NULL;
        line[strcspn(line, "\n")] = 0;
        trpos[i] = NULL;
        for (uint32_t l = 0; ok && l < posm->nlabels; l++)
            if (strcmp(posm->labels[l], line) == 0)
                trpos[i] = posm->labels[l];
        ok = ok && trpos[i];
    }
    fclose(f);
    return ok ? 0 : -1;
}

static int write_pos_cache(const char *path, uint64_t sum, size_t ntok, const char **trpos)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "hxposcache %llx %zu\n", (unsigned long long)sum, ntok);
    for (size_t i = 0; i < ntok; i++)
        fprintf(f, "%s\n", trpos[i]);
    return fclose(f) ? -1 : 0;
}

/* The training sentences' POS predicted by models trained on the other folds, into
 * trpos (names pointing into posm's labels).  With o->pos_cache, read from that file
 * when it was written for the same words, else computed and written there. */
static hx_status jackknife_pos(const run_in *in, const hx_train_opts *o, const hx__tagger *posm,
                               hx__tagger_scan *s, uint8_t *use, const char **trpos, double t0,
                               hx_error *err)
{
    const hx__corpus *tr = in->tr;
    uint64_t sum = 0x9E3779B97F4A7C15ull ^ tr->ntok;
    for (size_t i = 0; i < tr->ntok; i++)
        sum = (sum ^ hx__word_key(tr->words[i].s, tr->words[i].n)) * 0x100000001b3ull;
    for (size_t i = 0; i < in->next; i++) /* the word lists shape the folds' lexicons */
        sum = (sum ^ in->ext[i].key ^ in->ext[i].info) * 0x100000001b3ull;
    if (o->pos_cache && read_pos_cache(o->pos_cache, sum, posm, tr->ntok, trpos) == 0) {
        say(o, "POS of the folds from %s", o->pos_cache);
        return HX_OK;
    }
    for (int f = 0; f < NFOLDS; f++) {
        size_t fb = tr->nsent * (size_t)f / NFOLDS, fe = tr->nsent * (size_t)(f + 1) / NFOLDS;
        run_in pin = *in;
        hx__tagger *pm = NULL;
        for (size_t k = 0; k < tr->nsent; k++)
            use[k] = k < fb || k >= fe;
        pin.task = HX__TASK_POS;
        pin.dv = NULL;
        pin.max_epochs = 8;
        pin.quiet = 1;
        pin.gaz_drop = 0;
        hx_status st = train_run(&pin, o, &pm, err);
        if (st != HX_OK)
            return st;
        hx__corpus part = *tr;
        part.sent = tr->sent + fb;
        part.nsent = fe - fb;
        int r = predict_pos(pm, &part, trpos, s);
        /* The names must outlive the fold's model: point them into posm. */
        for (size_t i = tr->sent[fb]; !r && i < tr->sent[fe]; i++) {
            const char *nm = "?";
            for (uint32_t l = 0; l < posm->nlabels; l++)
                if (strcmp(posm->labels[l], trpos[i]) == 0)
                    nm = posm->labels[l];
            trpos[i] = nm;
        }
        hx__tagger_free(pm);
        if (r)
            return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory training");
        say(o, "POS fold %d/%d tagged, %.1f s", f + 1, NFOLDS, now() - t0);
    }
    memset(use, 1, tr->nsent);
    if (o->pos_cache && write_pos_cache(o->pos_cache, sum, tr->ntok, trpos))
        say(o, "cannot write %s", o->pos_cache);
    return HX_OK;
}

/* NER: appends the word clusters of path (tools/clusters.c) to the external lexicon
 * entries; a missing file is no error unless it was asked for by name. */
static hx_status add_clusters(const hx_train_opts *o, lexcount **ext, size_t *next,
                              hx_error *err)
{
    char path[4096];
    const char *p = o->clusters_path;
    if (p && !*p) {
        say(o, "no word clusters (switched off)");
        return HX_OK;
    }
    if (!p) {
        snprintf(path, sizeof path, "%s/clusters.hxc", o->models_dir ? o->models_dir : "models");
        p = path;
    }
    hx__cluword *cw = NULL;
    size_t n = 0;
    hx_error e2;
    hx_status st = hx__clusters_load(p, &cw, &n, &e2);
    if (st == HX_NOTFOUND && !o->clusters_path) {
        say(o, "no word clusters (%s)", e2.msg);
        return HX_OK;
    }
    if (st != HX_OK) {
        if (err)
            *err = e2;
        return st;
    }
    lexcount *v = realloc(*ext, (*next + n + 1) * sizeof *v);
    if (!v) {
        free(cw);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory training");
    }
    for (size_t i = 0; i < n; i++) {
        lexcount *x = &v[*next + i];
        memset(x, 0, sizeof *x);
        x->key = cw[i].key;
        x->clu = cw[i].clu;
    }
    *ext = v;
    *next += n;
    free(cw);
    say(o, "word clusters from %s (%zu spellings)", p, n);
    return HX_OK;
}

hx_status hx_train(const hx_train_opts *o, hx_error *err)
{
    hx__corpus tr = {0}, dv = {0}, aug = {0};
    const char **augpos = NULL;
    uint8_t *nolex = NULL, *auguse = NULL;
    hx__tagger *best = NULL, *posm = NULL;
    hx__tagger_scan s = {0};
    const char **trpos = NULL, **dvpos = NULL;
    uint8_t *use = NULL;
    lexcount *ext = NULL;
    size_t next = 0;
    hx_status st = HX_OK;
    run_in in = {0};
    char path[4096];
    double t0 = now();

    if (!o || !o->task || !o->train_path || !o->out_path)
        return hx__err(err, HX_INVAL, SIZE_MAX, "train: task, train and out are required");
    if (strcmp(o->task, "ner") == 0)
        in.task = HX__TASK_NER;
    else if (strcmp(o->task, "pos") == 0)
        in.task = HX__TASK_POS;
    else
        return hx__err(err, HX_INVAL, SIZE_MAX, "train: task must be ner or pos, not %s",
                       o->task);
    in.max_epochs = o->max_epochs > 0 ? o->max_epochs : 30;
    in.patience = o->patience > 0 ? o->patience : 4;
    in.seed = o->seed;

    if ((st = hx__corpus_read(o->train_path, &tr, err)) != HX_OK)
        goto out;
    if (o->dev_path && (st = hx__corpus_read(o->dev_path, &dv, err)) != HX_OK)
        goto out;
    if (tr.nsent == 0) {
        st = hx__err(err, HX_FIELD, SIZE_MAX, "train: %s has no sentences", o->train_path);
        goto out;
    }
    say(o, "%s: %zu sentences, %zu tokens", o->train_path, tr.nsent, tr.ntok);
    const char *gdir = o->gazetteer_dir ? o->gazetteer_dir : "data/ner";
    int ngaz;
    if (read_gazetteers(gdir, &ext, &next, &ngaz))
        goto nomem;
    say(o, "%d word lists from %s (%zu words)", ngaz, gdir, next);
    if (!(use = malloc(tr.nsent)))
        goto nomem;
    memset(use, 1, tr.nsent);
    in.tr = &tr;
    in.dv = dv.nsent ? &dv : NULL;
    in.use = use;
    in.ext = ext;
    in.next = next;
    in.gaz_drop = in.task == HX__TASK_NER && !(o->ablate & HX_TRAIN_NO_GAZDROP) ? GAZ_DROP : 0;

    /* NER features read predicted POS tags: on the development set (as at run time)
     * from the POS model; on the training set from POS models trained on the other
     * folds (jackknifing), so that they are as wrong as at run time. */
    if (in.task == HX__TASK_NER) {
        snprintf(path, sizeof path, "%s/pos.hxm", o->models_dir ? o->models_dir : "models");
        hx_error perr;
        if (hx__tagger_load(path, &posm, &perr) == HX_OK) {
            if (!(trpos = malloc((tr.ntok + 1) * sizeof *trpos)) ||
                !(dvpos = malloc((dv.ntok + 1) * sizeof *dvpos)) ||
                predict_pos(posm, &dv, dvpos, &s))
                goto nomem;
            say(o, "POS features from %s; jackknifing POS on %d folds", path, NFOLDS);
            if ((st = jackknife_pos(&in, o, posm, &s, use, trpos, t0, err)) != HX_OK)
                goto out;
            memset(use, 1, tr.nsent);
            in.trpos = trpos;
            in.dvpos = dvpos;
        } else {
            say(o, "no POS model (%s): NER without POS features", perr.msg);
        }
    }
    /* Word clusters only in the NER lexicons (not in the folds' POS models above). */
    if (in.task == HX__TASK_NER) {
        if ((st = add_clusters(o, &ext, &next, err)) != HX_OK)
            goto out;
        in.ext = ext;
        in.next = next;
    }
    if (in.task == HX__TASK_NER && o->recase) {
        /* Robustness: a recased copy of every sentence (capitals, lower case), trained
         * on but kept out of the lexicon. */
        if ((st = hx__corpus_recase(&tr, trpos, &aug, &augpos, &nolex, err)) != HX_OK ||
            !(auguse = malloc(aug.nsent + 1)))
            goto out_nomem_check;
        memset(auguse, 1, aug.nsent + 1);
        say(o, "recased copies: %zu sentences, %zu tokens", aug.nsent, aug.ntok);
        in.tr = &aug;
        in.trpos = trpos ? augpos : NULL;
        in.use = auguse;
        in.nolex = nolex;
    }
    if ((st = train_run(&in, o, &best, err)) != HX_OK)
        goto out;
    say(o, "writing %s (%.1f s)", o->out_path, now() - t0);
    st = hx__tagger_save(best, o->out_path, err);
    goto out;
out_nomem_check:
    if (st != HX_OK)
        goto out;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory training");
out:
    hx__corpus_free(&tr);
    hx__corpus_free(&aug);
    free((void *)augpos);
    free(nolex);
    free(auguse);
    hx__corpus_free(&dv);
    hx__tagger_free(best);
    hx__tagger_free(posm);
    hx__scratch_free(&s);
    free(trpos);
    free(dvpos);
    free(use);
    free(ext);
    return st;
}
