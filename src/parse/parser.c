/*
 * parser.c -- the arc-hybrid transition system, its features and greedy decoding.
 *
 * State: a stack of word indices and a buffer front b; the buffer is words b..n-1
 * followed by the root (index n).  SHIFT pushes b; LEFT makes b the head of the top
 * of the stack s0 and pops it; RIGHT makes s1 the head of s0 and pops it.  LEFT onto
 * the root is allowed only when s0 is the last word on the stack, so every parse has
 * exactly one root; the parse ends when the stack is empty and b is the root.
 *
 * Invariants: a word on the stack or in the buffer has no head yet; a popped word
 * has its head and its whole subtree.  Features read only the state, the word keys
 * and the UPOS ids (hx__parse_scan), never the gold tree.
 */
#include "parse/parse.h"

#include <assert.h>
#include <string.h>

static const char *const upos_names[] = {
    NULL, "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};
#define NUPOS 17

unsigned hx__upos_id(const char *name)
{
    for (unsigned i = 1; i <= NUPOS; i++)
        if (strcmp(name, upos_names[i]) == 0)
            return i;
    return 0;
}

const char *hx__upos_name(unsigned id) { return id >= 1 && id <= NUPOS ? upos_names[id] : "X"; }

/* ---------------------------------------------------------------- scratch and state */

void hx__pscratch_free(hx__parse_scan *s)
{
    free(s->stack);
    free(s->lch);
    free(s->rch);
    free(s->lch2);
    free(s->rch2);
    free(s->nl);
    free(s->nr);
    free(s->head);
    free(s->rel);
    free(s->wk);
    free(s->sf);
    free(s->up);
    free(s->lab);
    free(s->tagout);
    free(s->words);
    hx__scratch_free(&s->tag);
    memset(s, 0, sizeof *s);
}

int hx__pscratch_grow(hx__parse_scan *s, size_t n)
{
    if (n + 1 <= s->cap)
        return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n + 1)
        cap *= 2;
#define GROW(p)                                                                  \
    do {                                                                         \
        void *q = realloc(s->p, cap * sizeof *s->p);                             \
        if (!q)                                                                  \
            return -1;                                                           \
        s->p = q;                                                                \
    } while (0)
    GROW(stack); GROW(lch); GROW(rch); GROW(lch2); GROW(rch2); GROW(nl); GROW(nr);
    GROW(head); GROW(rel); GROW(wk); GROW(sf); GROW(up); GROW(lab); GROW(tagout); GROW(words);
#undef GROW
    s->cap = cap;
    return 0;
}

void hx__pstate_init(hx__pstate *st, hx__parse_scan *s, size_t n)
{
    assert(s->cap >= n + 1);
    st->n = n;
    st->sp = 0;
    st->b = 0;
    for (size_t i = 0; i <= n; i++) {
        s->lch[i] = s->rch[i] = s->lch2[i] = s->rch2[i] = -1;
        s->nl[i] = s->nr[i] = 0;
        s->head[i] = -2;
        s->lab[i] = 0xff;
    }
    s->wk[n] = 0x5EED0F5007ull; /* the root */
    s->sf[n] = 0x5EED;
    s->up[n] = HX__UPOS_ROOT;
}

int hx__pvalid(const hx__pstate *st, int t)
{
    switch (t) {
    case HX__T_SHIFT: return st->b < st->n;
    case HX__T_LEFT: return st->sp >= 1 && (st->b < st->n || st->sp == 1);
    case HX__T_RIGHT: return st->sp >= 2;
    default: return 0;
    }
}

static void attach(hx__parse_scan *s, int32_t h, int32_t d, unsigned rel)
{
    s->head[d] = h;
    s->lab[d] = (uint8_t)rel;
    if (d < h) {
        if (s->lch[h] < 0 || d < s->lch[h]) {
            s->lch2[h] = s->lch[h];
            s->lch[h] = d;
        }
        if (s->nl[h] < 255)
            s->nl[h]++;
    } else {
        if (s->rch[h] < 0 || d > s->rch[h]) {
            s->rch2[h] = s->rch[h];
            s->rch[h] = d;
        }
        if (s->nr[h] < 255)
            s->nr[h]++;
    }
}

void hx__papply(hx__pstate *st, hx__parse_scan *s, int t, unsigned rel)
{
    assert(hx__pvalid(st, t));
    if (t == HX__T_SHIFT) {
        s->stack[st->sp++] = (int32_t)st->b++;
    } else if (t == HX__T_LEFT) {
        int32_t d = s->stack[--st->sp];
        attach(s, (int32_t)st->b, d, rel);
    } else {
        int32_t d = s->stack[--st->sp];
        attach(s, s->stack[st->sp - 1], d, rel);
    }
}

/* ---------------------------------------------------------------- features */

static inline uint32_t fh(uint32_t t, uint64_t a, uint64_t b)
{
    uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b + 0x632BE59BD9B4E019ull);
    h = (h ^ (h >> 31)) * 0xD6E8FEB86659FD93ull;
    h ^= (uint64_t)t * 0xC2B2AE3D27D4EB4Full;
    h = (h ^ (h >> 29)) * 0x94D049BB133111EBull;
    return (uint32_t)(h >> 32);
}

#define NONE_W 0x4E4F4E45ull
#define NONE_P 31u

static inline uint64_t W(const hx__parse_scan *s, int32_t i) { return i >= 0 ? s->wk[i] : NONE_W; }
static inline uint64_t S(const hx__parse_scan *s, int32_t i) { return i >= 0 ? s->sf[i] : 7u; }
static inline uint32_t P(const hx__parse_scan *s, int32_t i) { return i >= 0 ? s->up[i] : NONE_P; }
static inline uint32_t Lb(const hx__parse_scan *s, int32_t i)
{
    return i >= 0 ? (uint32_t)s->lab[i] + 1u : 0u;
}
static inline uint32_t dist(int32_t a, int32_t b)
{
    int32_t d = b > a ? b - a : a - b;
    return d <= 4 ? (uint32_t)d : d <= 7 ? 5u : d <= 12 ? 6u : 7u;
}
#define P3(a, b, c) ((uint64_t)(a) << 16 | (uint64_t)(b) << 8 | (uint64_t)(c))

unsigned hx__pfeats(const hx__pstate *st, const hx__parse_scan *s, uint32_t *f)
{
    int32_t s0 = st->sp >= 1 ? s->stack[st->sp - 1] : -1;
    int32_t s1 = st->sp >= 2 ? s->stack[st->sp - 2] : -1;
    int32_t s2 = st->sp >= 3 ? s->stack[st->sp - 3] : -1;
    int32_t n = (int32_t)st->n, b0 = (int32_t)st->b;
    int32_t b1 = b0 + 1 <= n ? b0 + 1 : -1, b2 = b0 + 2 <= n ? b0 + 2 : -1;
    uint64_t s0w = W(s, s0), s1w = W(s, s1), b0w = W(s, b0), b1w = W(s, b1);
    uint32_t s0p = P(s, s0), s1p = P(s, s1), s2p = P(s, s2), b0p = P(s, b0), b1p = P(s, b1),
             b2p = P(s, b2);
    int32_t s0l = s0 >= 0 ? s->lch[s0] : -1, s0r = s0 >= 0 ? s->rch[s0] : -1;
    int32_t s1l = s1 >= 0 ? s->lch[s1] : -1, s1r = s1 >= 0 ? s->rch[s1] : -1;
    int32_t b0l = s->lch[b0], b0l2 = s->lch2[b0];
    unsigned k = 0;
    f[k++] = fh(0, 0, 0);
    f[k++] = fh(1, s0w, 0);
    f[k++] = fh(2, s0p, 0);
    f[k++] = fh(3, s0w, s0p);
    f[k++] = fh(4, s1w, 0);
    f[k++] = fh(5, s1p, 0);
    f[k++] = fh(6, s1w, s1p);
    f[k++] = fh(7, b0w, 0);
    f[k++] = fh(8, b0p, 0);
    f[k++] = fh(9, b0w, b0p);
    f[k++] = fh(10, b1w, 0);
    f[k++] = fh(11, b1p, 0);
    f[k++] = fh(12, b1w, b1p);
    f[k++] = fh(13, b2p, 0);
    f[k++] = fh(14, s0w, b0w);
    f[k++] = fh(15, P3(s0p, b0p, 0), 0);
    f[k++] = fh(16, s0w, P3(s0p, b0p, 0));
    f[k++] = fh(17, b0w, P3(s0p, b0p, 0));
    f[k++] = fh(18, P3(s1p, s0p, 0), 0);
    f[k++] = fh(19, s1w, s0w);
    f[k++] = fh(20, P3(s1p, s0p, b0p), 0);
    f[k++] = fh(21, P3(s0p, b0p, b1p), 0);
    f[k++] = fh(22, P3(b0p, b1p, b2p), 0);
    f[k++] = fh(23, P3(s2p, s1p, s0p), 0);
    f[k++] = fh(24, P3(s0p, P(s, s0l), b0p), 0);
    f[k++] = fh(25, P3(s0p, P(s, s0r), b0p), 0);
    f[k++] = fh(26, P3(s0p, b0p, P(s, b0l)), 0);
    f[k++] = fh(27, P3(s1p, P(s, s1r), s0p), 0);
    f[k++] = fh(28, P3(s0p, b0p, s0 >= 0 ? dist(s0, b0) : 8), 0);
    f[k++] = fh(29, P3(s1p, s0p, s1 >= 0 ? dist(s1, s0) : 8), 0);
    f[k++] = fh(30, P3(s0p, Lb(s, s0l), Lb(s, s0r)), 0);
    f[k++] = fh(31, P3(b0p, Lb(s, b0l), Lb(s, b0l2)), 0);
    f[k++] = fh(32, P3(s1p, Lb(s, s1l), Lb(s, s1r)), 0);
    f[k++] = fh(33, s0w, P3(s0 >= 0 ? s->nl[s0] : 0, s0 >= 0 ? s->nr[s0] : 0, 0));
    f[k++] = fh(34, P3(b0p, s->nl[b0], 0), 0);
    f[k++] = fh(35, s0w, P3(b0p, b1p, 0));
    f[k++] = fh(36, b0w, P3(s0p, s1p, 0));
    f[k++] = fh(37, P3(s0p, b0p, Lb(s, s0r)), W(s, s0r));
    f[k++] = fh(38, P3(s1p, s0p, Lb(s, s1r)), 0);
    f[k++] = fh(39, P3(st->sp > 3 ? 3 : st->sp, b0 == n, s0p), 0);
    f[k++] = fh(40, S(s, s0), s0p);
    f[k++] = fh(41, S(s, b0), b0p);
    f[k++] = fh(42, s0w, b0w ^ P3(s0p, b0p, 0));
    f[k++] = fh(43, s0w, P3(b0p, s0 >= 0 ? dist(s0, b0) : 8, 0));
    f[k++] = fh(44, b0w, P3(s0p, s0 >= 0 ? dist(s0, b0) : 8, 0));
    f[k++] = fh(45, P3(s0p, P(s, s0 >= 0 ? s->lch2[s0] : -1), P(s, s0l)), P3(P(s, s0 >= 0 ? s->rch2[s0] : -1), P(s, s0r), 0));
    f[k++] = fh(46, W(s, b0l), P3(b0p, s0p, 0));
    f[k++] = fh(47, s1w, P3(s0p, b0p, 0));
    f[k++] = fh(48, P3(P(s, b0 > 0 ? b0 - 1 : -1), b0p, s0p), 0);
    f[k++] = fh(49, P3(P(s, s0 > 0 ? s0 - 1 : -1), s0p, P(s, s0 >= 0 ? s0 + 1 : -1)), b0p);
    assert(k <= HX__PARSE_MAXF);
    return k;
}

unsigned hx__plabfeats(const hx__parse_scan *s, size_t n, int32_t h, int32_t d, uint32_t *f)
{
    uint64_t hw = s->wk[h], dw = s->wk[d];
    uint32_t hp = s->up[h], dp = s->up[d], dir = d < h;
    uint32_t ds = dist(h, d);
    int32_t dl = s->lch[d], dr = s->rch[d], hl = s->lch[h], hr = s->rch[h];
    unsigned k = 0;
    f[k++] = fh(100, 0, 0);
    f[k++] = fh(101, hw, dir);
    f[k++] = fh(102, P3(hp, dir, 0), 0);
    f[k++] = fh(103, dw, dir);
    f[k++] = fh(104, P3(dp, dir, 0), 0);
    f[k++] = fh(105, P3(hp, dp, dir), 0);
    f[k++] = fh(106, hw, P3(dp, dir, 0));
    f[k++] = fh(107, dw, P3(hp, dir, 0));
    f[k++] = fh(108, P3(hp, dp, dir), ds);
    f[k++] = fh(109, dw, hw);
    f[k++] = fh(110, W(s, dl), P3(hp, dp, dir));
    f[k++] = fh(111, P3(Lb(s, dl), dp, hp), dir);
    f[k++] = fh(112, P3(Lb(s, dr), dp, hp), dir);
    f[k++] = fh(113, P3(Lb(s, hl), Lb(s, hr), dp), P3(hp, dir, 0));
    f[k++] = fh(114, W(s, dl), W(s, s->lch2[d]));
    f[k++] = fh(115, P3(dp, s->nl[d], s->nr[d]), P3(hp, dir, 0));
    f[k++] = fh(116, W(s, hl), P3(hp, dp, dir));
    f[k++] = fh(117, P3(P(s, dl), dp, hp), dir);
    f[k++] = fh(118, s->sf[d], P3(dp, hp, dir));
    f[k++] = fh(119, s->sf[h], P3(dp, hp, dir));
    f[k++] = fh(120, s->sf[h] ^ (uint64_t)s->sf[d] << 32, P3(dp, hp, dir));
    f[k++] = fh(121, W(s, dr), P3(hp, dp, dir));
    int32_t dm = d > 0 ? d - 1 : -1, dn = d + 1 < (int32_t)n ? d + 1 : -1;
    f[k++] = fh(122, P3(P(s, dm), dp, P(s, dn)), P3(hp, dir, 0));
    f[k++] = fh(123, W(s, dm), P3(dp, hp, dir));
    f[k++] = fh(124, P3(P(s, h > 0 ? h - 1 : -1), hp, P(s, h + 1 <= (int32_t)n ? h + 1 : -1)), P3(dp, dir, 0));
    assert(k <= HX__PARSE_MAXF);
    return k;
}

/* ---------------------------------------------------------------- scoring */

typedef int16_t v8s __attribute__((vector_size(16)));
typedef int32_t v8i __attribute__((vector_size(32)));

void hx__parser_release(hx__parser *p)
{
    free(p->tw);
    free(p->lw);
    p->tw = p->lw = NULL;
}

int hx__parser_prepare(hx__parser *p)
{
    const hx__tagger *m = p->m;
    size_t rows = (size_t)1 << m->bits, lrows = (size_t)1 << HX__PARSE_LBITS;
    uint32_t R = m->nlabels - HX__PARSE_NTRANS, row[HX__MAXLABELS];
    assert(m->bits == HX__PARSE_BITS && m->nlabels > HX__PARSE_NTRANS);
    hx__parser_release(p);
    p->rpad = (R + 7) / 8 * 8;
    p->tw = hx__alloc_big(rows * 4 * sizeof *p->tw, 1);
    p->lw = hx__alloc_big(lrows * p->rpad * sizeof *p->lw, 1);
    if (!p->tw || !p->lw) {
        hx__parser_release(p);
        return -1;
    }
    /* only the non-empty rows: walk the rank index's bitmaps */
    for (size_t blk = 0; blk < (rows + 63) / 64; blk++) {
        for (uint64_t bits = m->wblk[blk].bits; bits; bits &= bits - 1) {
            size_t r = blk * 64 + (size_t)__builtin_ctzll(bits);
            unsigned n = hx__weights_row(m, (uint32_t)r, row);
            for (unsigned k = 0; k < n; k++) {
                uint32_t l = row[k] >> 16;
                int16_t w = (int16_t)(uint16_t)(row[k] & 0xffff);
                if (l < HX__PARSE_NTRANS)
                    p->tw[r * 4 + l] = w;
                else if (r < lrows)
                    p->lw[r * p->rpad + l - HX__PARSE_NTRANS] = w;
            }
        }
    }
    return 0;
}

void hx__ptrans_scores(const hx__parser *p, const uint32_t *f, unsigned nf, float *out)
{
    uint32_t r[HX__PARSE_MAXF];
    int32_t a0 = 0, a1 = 0, a2 = 0;
    for (unsigned k = 0; k < nf; k++) {
        r[k] = f[k] >> (32 - HX__PARSE_BITS);
        __builtin_prefetch(p->tw + (size_t)r[k] * 4);
    }
    for (unsigned k = 0; k < nf; k++) {
        const int16_t *w = p->tw + (size_t)r[k] * 4;
        a0 += w[0];
        a1 += w[1];
        a2 += w[2];
    }
    out[0] = (float)a0 * p->m->scale;
    out[1] = (float)a1 * p->m->scale;
    out[2] = (float)a2 * p->m->scale;
}

void hx__prel_scores(const hx__parser *p, const uint32_t *f, unsigned nf, float *out)
{
    int32_t acc[HX__MAXLABELS + 8];
    uint32_t r[HX__PARSE_MAXF], rpad = p->rpad, R = p->m->nlabels - HX__PARSE_NTRANS;
    for (unsigned k = 0; k < nf; k++) {
        r[k] = f[k] >> (32 - HX__PARSE_LBITS);
        const int16_t *w = p->lw + (size_t)r[k] * rpad;
        __builtin_prefetch(w);
        __builtin_prefetch(w + 32);
        __builtin_prefetch(w + rpad - 1);
    }
    memset(acc, 0, rpad * sizeof *acc);
    for (unsigned k = 0; k < nf; k++) {
        const int16_t *w = p->lw + (size_t)r[k] * rpad;
        for (uint32_t l = 0; l < rpad; l += 8) {
            v8s x;
            v8i a;
            memcpy(&x, w + l, sizeof x);
            memcpy(&a, acc + l, sizeof a);
            a += __builtin_convertvector(x, v8i);
            memcpy(acc + l, &a, sizeof a);
        }
    }
    for (uint32_t l = 0; l < R; l++)
        out[l] = (float)acc[l] * p->m->scale;
}

/* ---------------------------------------------------------------- decoding */

int hx__parse_words(const hx__parser *p, hx__parse_scan *s, size_t n)
{
    const hx__tagger *m = p->m;
    unsigned R = m->nlabels - HX__PARSE_NTRANS;
    uint32_t f[HX__PARSE_MAXF];
    float sc[HX__MAXLABELS];
    hx__pstate st;
    if (hx__pscratch_grow(s, n))
        return -1;
    hx__pstate_init(&st, s, n);
    while (st.sp > 0 || st.b < st.n) {
        unsigned nf = hx__pfeats(&st, s, f);
        hx__ptrans_scores(p, f, nf, sc);
        int best = -1;
        for (int t = 0; t < HX__PARSE_NTRANS; t++)
            if (hx__pvalid(&st, t) && (best < 0 || sc[t] > sc[best]))
                best = t;
        assert(best >= 0);
        unsigned rel = 0;
        if (best != HX__T_SHIFT) {
            int32_t d = s->stack[st.sp - 1];
            int32_t h = best == HX__T_LEFT ? (int32_t)st.b : s->stack[st.sp - 2];
            nf = hx__plabfeats(s, n, h, d, f);
            hx__prel_scores(p, f, nf, sc);
            for (unsigned l = 1; l < R; l++)
                if (sc[l] > sc[rel])
                    rel = l;
        }
        hx__papply(&st, s, best, rel);
    }
    for (size_t i = 0; i < n; i++) {
        assert(s->head[i] >= 0);
        s->rel[i] = s->lab[i];
        if (s->head[i] == (int32_t)n)
            s->head[i] = -1;
    }
    return 0;
}

int hx__ud_tag(const hx__parser *p, hx__parse_scan *s, const hx__word *w, size_t n)
{
    if (hx__pscratch_grow(s, n) ||
        hx__tag_words(p->upos, w, NULL, n, &s->tag, s->tagout))
        return -1;
    for (size_t i = 0; i < n; i++) {
        s->up[i] = p->upos_id[s->tagout[i]];
        hx__pword(s, i, &w[i]);
    }
    return 0;
}

void hx__pword(hx__parse_scan *s, size_t i, const hx__word *w)
{
    uint32_t h = 2166136261u;
    for (uint32_t k = w->n > 3 ? w->n - 3 : 0; k < w->n; k++) {
        unsigned char c = (unsigned char)w->s[k];
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 16777619u;
    }
    s->wk[i] = hx__word_key(w->s, w->n);
    s->sf[i] = h;
}
