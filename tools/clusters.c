/*
 * clusters.c -- word clusters from raw text for the NER tagger's features (issue 17).
 *
 * Predictive exchange clustering (Uszkoreit & Brants 2008, "Distributed word
 * clustering for large scale class-based language modeling"; the one-sided variant of
 * Kneser & Ney's exchange algorithm): words are put into C classes so as to maximise the
 * likelihood of the class bigram model P(w_i | w_{i-1}) = P(w_i | c(w_i)) P(c(w_i) |
 * w_{i-1}), i.e. to maximise
 *
 *     sum_{v,c} N(v,c) log N(v,c)  -  sum_c N(c) log N(c)
 *
 * where N(v,c) counts the bigrams "v w" with w in class c and N(c) the tokens of class c.
 * Each pass visits the words in order of frequency and moves each to the class that
 * increases the objective most (it stays where it is on ties).  A pass costs (distinct
 * predecessor-word pairs) x C additions: far cheaper than Brown's agglomerative
 * clustering, and the result is as useful as features (Uszkoreit & Brants; Clark 2003).
 * A coarse level is then made by clustering the C classes themselves into C2 groups with
 * the same algorithm (each class an item whose predecessors are its words'), so every
 * word has two nested cluster ids, as Brown bit-string prefixes of two lengths would give.
 *
 * Words are normalised as the tagger's lexicon keys them: lower-cased (utf8proc), digits
 * as 0.  The vocabulary is bounded (--min-count, --max-vocab); predecessors outside the
 * --contexts most frequent words share one context, the start of a line or sentence
 * another.  Everything is deterministic: counts, ties broken by bytes, no threads, no
 * random numbers.
 *
 * Inputs (any number): text:PATH (raw text, a line is a sentence; "-" for stdin, e.g.
 * `xz -dc raw.txt.xz | clusters ... text:-`), conll:PATH (first column, blank lines
 * between sentences), conllu:PATH (second column; comments and multi-word ranges
 * skipped).  Raw text is tokenised by splitting punctuation off words' ends, as CoNLL.
 *
 * Output (--out): the models' container (src/tagger/tagger_model.c): "HXCL", u32 version
 * 1, u64 payload length, u64 FNV-1a 64 checksum of the payload, then u32 words, u32 C,
 * u32 C2, C bytes (the coarse group of each class), and per word in order of frequency:
 * u8 length, the bytes, u16 class.  --tsv FILE also writes "word class group count".
 * src/tagger/tagger_clusters.c reads it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <utf8proc.h>

typedef struct vocab {
    char *arena;
    size_t alen, acap;
    uint32_t *off, *len;   /* [nw] the word's bytes in arena */
    uint64_t *cnt;         /* [nw] */
    uint32_t *slot;        /* [cap] word id + 1, 0 = empty */
    size_t nw, wcap, cap;
} vocab;

typedef struct stream {
    uint32_t *id;          /* word ids, UINT32_MAX = sentence boundary */
    size_t n, cap;
} stream;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "clusters: out of memory\n");
        exit(1);
    }
    return q;
}

static uint64_t fnv(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static void vocab_grow(vocab *v)
{
    size_t nc = v->cap ? v->cap * 2 : 1u << 16;
    uint32_t *ns = calloc(nc, sizeof *ns);
    if (!ns) {
        fprintf(stderr, "clusters: out of memory\n");
        exit(1);
    }
    for (size_t w = 0; w < v->nw; w++) {
        size_t i = fnv(v->arena + v->off[w], v->len[w]) & (nc - 1);
        while (ns[i])
            i = (i + 1) & (nc - 1);
        ns[i] = (uint32_t)w + 1;
    }
    free(v->slot);
    v->slot = ns;
    v->cap = nc;
}

static uint32_t vocab_add(vocab *v, const char *s, size_t n)
{
    if (2 * (v->nw + 1) > v->cap)
        vocab_grow(v);
    size_t i = fnv(s, n) & (v->cap - 1);
    for (; v->slot[i]; i = (i + 1) & (v->cap - 1)) {
        uint32_t w = v->slot[i] - 1;
        if (v->len[w] == n && memcmp(v->arena + v->off[w], s, n) == 0) {
            v->cnt[w]++;
            return w;
        }
    }
    if (v->nw == v->wcap) {
        v->wcap = v->wcap ? 2 * v->wcap : 1u << 16;
        v->off = xrealloc(v->off, v->wcap * sizeof *v->off);
        v->len = xrealloc(v->len, v->wcap * sizeof *v->len);
        v->cnt = xrealloc(v->cnt, v->wcap * sizeof *v->cnt);
    }
    while (v->alen + n > v->acap) {
        v->acap = v->acap ? 2 * v->acap : 1u << 20;
        v->arena = xrealloc(v->arena, v->acap);
    }
    memcpy(v->arena + v->alen, s, n);
    v->off[v->nw] = (uint32_t)v->alen;
    v->len[v->nw] = (uint32_t)n;
    v->cnt[v->nw] = 1;
    v->alen += n;
    v->slot[i] = (uint32_t)v->nw + 1;
    return (uint32_t)v->nw++;
}

static void push(stream *s, uint32_t id)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1u << 20;
        s->id = xrealloc(s->id, s->cap * sizeof *s->id);
    }
    s->id[s->n++] = id;
}

/* Adds one word, lower-cased with digits as 0 (as the tagger's lexicon keys), if it
 * fits in 255 bytes. */
static void add_word(vocab *v, stream *st, const char *s, size_t n)
{
    char buf[256];
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (r <= 0) {
            cp = 0xFFFD;
            r = 1;
        }
        i += (size_t)r;
        cp = utf8proc_tolower(cp);
        if (cp >= '0' && cp <= '9')
            cp = '0';
        if (k + 4 >= sizeof buf)
            return;
        k += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + k);
    }
    if (k)
        push(st, vocab_add(v, buf, k));
}

/* Punctuation split off the ends of a raw-text word (ASCII and the Spanish marks). */
static size_t punct_len(const char *s, size_t n)
{
    static const char *const multi[] = {"\xc2\xbf", "\xc2\xa1", "\xc2\xab", "\xc2\xbb",
                                        "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98",
                                        "\xe2\x80\x99", "\xe2\x80\x94", "\xe2\x80\x93",
                                        "\xe2\x80\xa6"};
    if (strchr(".,;:!?\"'()[]{}-", s[0]) && s[0])
        return 1;
    for (size_t i = 0; i < sizeof multi / sizeof *multi; i++) {
        size_t m = strlen(multi[i]);
        if (m <= n && memcmp(s, multi[i], m) == 0)
            return m;
    }
    return 0;
}

static size_t punct_len_end(const char *s, size_t n)
{
    for (size_t m = 1; m <= 3 && m <= n; m++)
        if (punct_len(s + n - m, m) == m)
            return m;
    return 0;
}

/* One raw-text token: punctuation at either end becomes tokens of its own. */
static void add_raw(vocab *v, stream *st, const char *s, size_t n)
{
    size_t tail[16], nt = 0, m;
    while (n && (m = punct_len(s, n)) > 0 && m < n) {
        add_word(v, st, s, m);
        s += m;
        n -= m;
    }
    while (n && nt < 16 && (m = punct_len_end(s, n)) > 0 && m < n) {
        tail[nt++] = m;
        n -= m;
    }
    add_word(v, st, s, n);
    size_t at = n;
    while (nt) {
        m = tail[--nt];
        add_word(v, st, s + at, m);
        at += m;
    }
}

/* Reads one input: "text:PATH", "conll:PATH" or "conllu:PATH". */
static int read_input(const char *spec, vocab *v, stream *st)
{
    int kind = strncmp(spec, "text:", 5) == 0 ? 0 : strncmp(spec, "conll:", 6) == 0 ? 1
             : strncmp(spec, "conllu:", 7) == 0 ? 2 : -1;
    if (kind < 0) {
        fprintf(stderr, "clusters: input %s: expected text:, conll: or conllu:\n", spec);
        return -1;
    }
    const char *path = strchr(spec, ':') + 1;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "clusters: cannot open %s\n", path);
        return -1;
    }
    char *line = NULL;
    size_t lcap = 0;
    ssize_t n;
    while ((n = getline(&line, &lcap, f)) >= 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (kind == 0) {
            for (char *save = NULL, *w = strtok_r(line, " \t", &save); w;
                 w = strtok_r(NULL, " \t", &save))
                add_raw(v, st, w, strlen(w));
            push(st, UINT32_MAX);
            continue;
        }
        if (n == 0) {
            push(st, UINT32_MAX);
            continue;
        }
        if (line[0] == '#' || strncmp(line, "-DOCSTART-", 10) == 0)
            continue;
        char *save = NULL, *c1 = strtok_r(line, " \t", &save);
        char *w = kind == 1 ? c1 : strtok_r(NULL, "\t", &save);
        if (kind == 2 && (!c1 || strpbrk(c1, "-.")))
            continue;
        if (w)
            add_word(v, st, w, strlen(w));
    }
    push(st, UINT32_MAX);
    free(line);
    if (f != stdin)
        fclose(f);
    return 0;
}

/* ---------------------------------------------------------------- the exchange algorithm */

/* Items to cluster: item i has count cnt[i] and predecessors ctx[pb[i] .. pb[i+1]) with
 * counts pn[..]; contexts are 0 .. nctx-1. */
typedef struct items {
    size_t n, nctx;
    uint64_t *cnt;
    size_t *pb;
    uint32_t *ctx;
    uint64_t *pn;
} items;

static inline double xlogx(double x) { return x > 0 ? x * log(x) : 0; }

/* x log x for counts below TBL, from a table. */
#define TBL (1u << 22)
static double *g_tbl;

static inline double F(uint64_t x) { return x < TBL ? g_tbl[x] : xlogx((double)x); }

/* One pass moving every item to its best class; returns how many moved. */
static size_t exchange_pass(const items *it, uint32_t C, uint32_t *cls, uint64_t *M,
                            uint64_t *Nc, double *gain)
{
    size_t moved = 0;
    for (size_t w = 0; w < it->n; w++) {
        uint32_t a = cls[w];
        for (size_t p = it->pb[w]; p < it->pb[w + 1]; p++)
            M[(size_t)it->ctx[p] * C + a] -= it->pn[p];
        Nc[a] -= it->cnt[w];
        for (uint32_t b = 0; b < C; b++)
            gain[b] = F(Nc[b]) - F(Nc[b] + it->cnt[w]);
        for (size_t p = it->pb[w]; p < it->pb[w + 1]; p++) {
            const uint64_t *row = M + (size_t)it->ctx[p] * C;
            const uint64_t n = it->pn[p];
            for (uint32_t b = 0; b < C; b++)
                gain[b] += F(row[b] + n) - F(row[b]);
        }
        uint32_t best = a;
        for (uint32_t b = 0; b < C; b++)
            if (gain[b] > gain[best] + 1e-9)
                best = b;
        for (size_t p = it->pb[w]; p < it->pb[w + 1]; p++)
            M[(size_t)it->ctx[p] * C + best] += it->pn[p];
        Nc[best] += it->cnt[w];
        moved += best != a;
        cls[w] = best;
    }
    return moved;
}

/* Clusters the items (in order of decreasing count) into C classes: item i starts in
 * class i mod C; passes until fewer than 0.1% move or iters passes. */
static void exchange(const items *it, uint32_t C, int iters, uint32_t *cls, const char *what)
{
    uint64_t *M = calloc(it->nctx * C, sizeof *M), *Nc = calloc(C, sizeof *Nc);
    double *gain = malloc(C * sizeof *gain);
    if (!M || !Nc || !gain) {
        fprintf(stderr, "clusters: out of memory\n");
        exit(1);
    }
    for (size_t w = 0; w < it->n; w++) {
        cls[w] = (uint32_t)(w % C);
        Nc[cls[w]] += it->cnt[w];
        for (size_t p = it->pb[w]; p < it->pb[w + 1]; p++)
            M[(size_t)it->ctx[p] * C + cls[w]] += it->pn[p];
    }
    for (int k = 1; k <= iters; k++) {
        size_t moved = exchange_pass(it, C, cls, M, Nc, gain);
        double obj = 0;
        for (size_t i = 0; i < it->nctx * C; i++)
            obj += F(M[i]);
        for (uint32_t c = 0; c < C; c++)
            obj -= F(Nc[c]);
        fprintf(stderr, "clusters: %s pass %d: %zu of %zu moved, objective %.6e\n", what, k,
                moved, it->n, obj);
        if (moved * 1000 < it->n)
            break;
    }
    free(M);
    free(Nc);
    free(gain);
}

/* ---------------------------------------------------------------- vocabulary and pairs */

static const vocab *g_v;

static int by_count(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    const vocab *v = g_v;
    if (v->cnt[x] != v->cnt[y])
        return v->cnt[x] > v->cnt[y] ? -1 : 1;
    size_t n = v->len[x] < v->len[y] ? v->len[x] : v->len[y];
    int c = memcmp(v->arena + v->off[x], v->arena + v->off[y], n);
    return c ? c : (v->len[x] > v->len[y]) - (v->len[x] < v->len[y]);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The items of the kept words (ranks 0..nk-1 in rank[]): predecessor pairs from the
 * stream, the predecessor as its rank if below nctx - 2, nctx - 2 for any other word,
 * nctx - 1 for a sentence start. */
static void word_items(const stream *st, const uint32_t *rank, size_t nk, size_t nctx,
                       const vocab *v, const uint32_t *order, items *it)
{
    uint64_t *pairs = malloc(st->n * sizeof *pairs);
    size_t np = 0;
    if (!pairs) {
        fprintf(stderr, "clusters: out of memory\n");
        exit(1);
    }
    for (size_t i = 0; i < st->n; i++) {
        uint32_t w = st->id[i];
        if (w == UINT32_MAX || rank[w] >= nk)
            continue;
        uint32_t p = i ? st->id[i - 1] : UINT32_MAX;
        uint64_t c = p == UINT32_MAX ? nctx - 1 : rank[p] < nctx - 2 ? rank[p] : nctx - 2;
        pairs[np++] = (uint64_t)rank[w] << 32 | c;
    }
    qsort(pairs, np, sizeof *pairs, cmp_u64);
    it->n = nk;
    it->nctx = nctx;
    it->cnt = calloc(nk, sizeof *it->cnt);
    it->pb = calloc(nk + 1, sizeof *it->pb);
    it->ctx = malloc((np + 1) * sizeof *it->ctx);
    it->pn = malloc((np + 1) * sizeof *it->pn);
    if (!it->cnt || !it->pb || !it->ctx || !it->pn) {
        fprintf(stderr, "clusters: out of memory\n");
        exit(1);
    }
    size_t k = 0;
    for (size_t i = 0; i < np; i++) {
        uint32_t w = (uint32_t)(pairs[i] >> 32);
        if (k && pairs[i] == pairs[i - 1]) {
            it->pn[k - 1]++;
        } else {
            it->ctx[k] = (uint32_t)pairs[i];
            it->pn[k++] = 1;
            it->pb[w + 1] = k;
        }
    }
    for (size_t w = 0; w < nk; w++) {
        if (it->pb[w + 1] < it->pb[w])
            it->pb[w + 1] = it->pb[w];
        it->cnt[w] = v->cnt[order[w]];
    }
    free(pairs);
}

/* The classes as items of the coarse clustering: a class's predecessors are the sum of
 * its words'. */
static void class_items(const items *w, const uint32_t *cls, uint32_t C, items *it)
{
    uint64_t *dense = calloc((size_t)C * w->nctx, sizeof *dense);
    it->n = C;
    it->nctx = w->nctx;
    it->cnt = calloc(C, sizeof *it->cnt);
    it->pb = calloc(C + 1, sizeof *it->pb);
    it->ctx = malloc((size_t)C * w->nctx * sizeof *it->ctx);
    it->pn = malloc((size_t)C * w->nctx * sizeof *it->pn);
    if (!dense || !it->cnt || !it->pb || !it->ctx || !it->pn) {
        fprintf(stderr, "clusters: out of memory\n");
        exit(1);
    }
    for (size_t i = 0; i < w->n; i++) {
        it->cnt[cls[i]] += w->cnt[i];
        for (size_t p = w->pb[i]; p < w->pb[i + 1]; p++)
            dense[(size_t)cls[i] * w->nctx + w->ctx[p]] += w->pn[p];
    }
    size_t k = 0;
    for (uint32_t c = 0; c < C; c++) {
        for (size_t x = 0; x < w->nctx; x++)
            if (dense[(size_t)c * w->nctx + x]) {
                it->ctx[k] = (uint32_t)x;
                it->pn[k++] = dense[(size_t)c * w->nctx + x];
            }
        it->pb[c + 1] = k;
    }
    free(dense);
}

static void items_free(items *it)
{
    free(it->cnt);
    free(it->pb);
    free(it->ctx);
    free(it->pn);
}

/* ---------------------------------------------------------------- output */

static void put(unsigned char **p, uint64_t x, int bytes)
{
    for (int i = 0; i < bytes; i++)
        *(*p)++ = (unsigned char)(x >> (8 * i));
}

static int write_out(const char *path, const vocab *v, const uint32_t *order, size_t nk,
                     const uint32_t *cls, uint32_t C, const uint32_t *grp, uint32_t C2)
{
    size_t cap = 24 + 12 + C + nk * 259;
    unsigned char *buf = malloc(cap), *p = buf + 24;
    if (!buf)
        return -1;
    put(&p, nk, 4);
    put(&p, C, 4);
    put(&p, C2, 4);
    for (uint32_t c = 0; c < C; c++)
        put(&p, grp[c], 1);
    for (size_t i = 0; i < nk; i++) {
        uint32_t w = order[i];
        put(&p, v->len[w], 1);
        memcpy(p, v->arena + v->off[w], v->len[w]);
        p += v->len[w];
        put(&p, cls[i], 2);
    }
    size_t len = (size_t)(p - buf) - 24;
    unsigned char *h = buf;
    memcpy(h, "HXCL", 4);
    h += 4;
    put(&h, 1, 4);
    put(&h, len, 8);
    put(&h, fnv(buf + 24, len), 8);
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(buf, 1, len + 24, f) == len + 24;
    if (f && fclose(f))
        ok = 0;
    free(buf);
    return ok ? 0 : -1;
}

static int write_tsv(const char *path, const vocab *v, const uint32_t *order, size_t nk,
                     const uint32_t *cls, const uint32_t *grp)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    for (size_t i = 0; i < nk; i++) {
        uint32_t w = order[i];
        fprintf(f, "%.*s\t%u\t%u\t%llu\n", (int)v->len[w], v->arena + v->off[w], cls[i],
                grp[cls[i]], (unsigned long long)v->cnt[w]);
    }
    return fclose(f) ? -1 : 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: clusters [--classes C] [--coarse C2] [--min-count N] "
                    "[--max-vocab N] [--contexts N] [--iters N] --out FILE [--tsv FILE] "
                    "text:PATH|conll:PATH|conllu:PATH...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    uint32_t C = 256, C2 = 32;
    size_t minc = 5, maxv = 200000, nctx = 30000;
    int iters = 15;
    const char *out = NULL, *tsv = NULL;
    vocab v = {0};
    stream st = {0};
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (i + 1 >= argc)
            usage();
        const char *o = argv[i], *a = argv[i + 1];
        if (!strcmp(o, "--classes")) C = (uint32_t)atoi(a);
        else if (!strcmp(o, "--coarse")) C2 = (uint32_t)atoi(a);
        else if (!strcmp(o, "--min-count")) minc = (size_t)atol(a);
        else if (!strcmp(o, "--max-vocab")) maxv = (size_t)atol(a);
        else if (!strcmp(o, "--contexts")) nctx = (size_t)atol(a);
        else if (!strcmp(o, "--iters")) iters = atoi(a);
        else if (!strcmp(o, "--out")) out = a;
        else if (!strcmp(o, "--tsv")) tsv = a;
        else usage();
    }
    if (!out || i >= argc || C < 2 || C > 65535 || C2 < 1 || C2 > 255 || C2 > C || nctx < 3)
        usage();
    for (; i < argc; i++)
        if (read_input(argv[i], &v, &st))
            return 1;
    fprintf(stderr, "clusters: %zu tokens, %zu distinct words\n", st.n, v.nw);

    uint32_t *order = malloc((v.nw + 1) * sizeof *order), *rank = malloc((v.nw + 1) * sizeof *rank);
    if (!order || !rank || !(g_tbl = malloc(TBL * sizeof *g_tbl)))
        return 1;
    for (size_t w = 0; w < v.nw; w++)
        order[w] = (uint32_t)w;
    g_v = &v;
    qsort(order, v.nw, sizeof *order, by_count);
    size_t nk = 0;
    while (nk < v.nw && nk < maxv && v.cnt[order[nk]] >= minc)
        nk++;
    for (size_t r = 0; r < v.nw; r++)
        rank[order[r]] = (uint32_t)r;
    if (nctx > nk + 2)
        nctx = nk + 2;
    for (size_t x = 0; x < TBL; x++)
        g_tbl[x] = xlogx((double)x);
    fprintf(stderr, "clusters: %zu words clustered, %zu contexts, %u classes, %u groups\n", nk,
            nctx, C, C2);

    items wi = {0}, ci = {0};
    word_items(&st, rank, nk, nctx, &v, order, &wi);
    free(st.id);
    uint32_t *cls = malloc((nk + 1) * sizeof *cls), *grp = malloc(C * sizeof *grp);
    if (!cls || !grp)
        return 1;
    exchange(&wi, C, iters, cls, "words");
    class_items(&wi, cls, C, &ci);
    exchange(&ci, C2, 50, grp, "classes");
    if (write_out(out, &v, order, nk, cls, C, grp, C2) ||
        (tsv && write_tsv(tsv, &v, order, nk, cls, grp))) {
        fprintf(stderr, "clusters: cannot write %s\n", out);
        return 1;
    }
    items_free(&wi);
    items_free(&ci);
    free(cls);
    free(grp);
    free(order);
    free(rank);
    free(g_tbl);
    free(v.arena);
    free(v.off);
    free(v.len);
    free(v.cnt);
    free(v.slot);
    return 0;
}
