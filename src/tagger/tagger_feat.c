/*
 * tagger_feat.c -- feature extraction for the sequence tagger.
 *
 * Two steps.  hx__atoms_fill() reads each word once and keeps the hashes every
 * template needs (word, lower-cased word, shapes, affixes, lexicon info, POS name);
 * hx__features() then combines the atoms of a +-2 window into at most HX__MAXF
 * 32-bit feature hashes per token, with integer mixing only.
 *
 * Invariants: features depend only on the words, the POS names and the model's
 * lexicon (never on the gold labels); positions outside the sentence read fixed
 * boundary atoms; the template numbers are part of the model format
 * (hx__feat_version), so changing one means retraining.
 */
#include "tagger/tagger.h"

#include <string.h>
#include <utf8proc.h>

#define FNV_OFF 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

uint64_t hx__hash_bytes(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = FNV_OFF ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FNV_PRIME;
    }
    return h ? h : 1;
}

static inline uint64_t step(uint64_t h, uint32_t cp)
{
    h ^= cp;
    h *= FNV_PRIME;
    return h;
}

/* Mixes a template number and one or two atoms into a 32-bit feature hash. */
static inline uint32_t fx(uint32_t t, uint64_t a, uint64_t b)
{
    uint64_t x = a * 0x9E3779B97F4A7C15ull;
    x ^= (b + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    x ^= (uint64_t)(t + 1) * 0x165667B19E3779F9ull;
    x ^= x >> 31;
    x *= 0xD6E8FEB86659FD93ull;
    x ^= x >> 32;
    return (uint32_t)x;
}

/* One code point at s[0..n): its length, or 1 with U+FFFD for an invalid byte. */
static size_t next_cp(const char *s, size_t n, int32_t *cp)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t k = hx__utf8_decode((const unsigned char *)s, n, cp);
    if (!k) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

static int32_t lower_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}

static int is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_isupper(cp);
}

static int is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* The lower-cased form with digits as '0', hashed code point by code point. */
static uint64_t lower_key(const char *s, size_t n)
{
    uint64_t h = FNV_OFF;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += next_cp(s + i, n - i, &cp);
        cp = lower_cp(cp);
        if (cp >= '0' && cp <= '9')
            cp = '0';
        h = step(h, (uint32_t)cp);
    }
    return h ? h : 1;
}

uint64_t hx__word_key(const char *s, size_t n) { return lower_key(s, n); }

uint64_t hx__phrase_key(const uint64_t *keys, size_t n)
{
    uint64_t h = 0x51ED270B27A3F5C1ull ^ n;
    for (size_t i = 0; i < n; i++) {
        h ^= keys[i];
        h *= 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
    }
    return h ? h : 2;
}

/* Quotation state and runs of capitalised words ("Comisión de Valores Mobiliarios":
 * lower-case connectors inside a run count when a capitalised word follows). */
static void sentence_context(hx__atoms *a, const hx__word *w, size_t n)
{
    static const char *const conn[] = {"de", "del", "la", "las", "los", "el", "y", "e"};
    uint64_t ck[sizeof conn / sizeof *conn];
    for (size_t j = 0; j < sizeof conn / sizeof *conn; j++)
        ck[j] = lower_key(conn[j], strlen(conn[j]));
    int inq = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = w[i].s;
        size_t len = w[i].n;
        int q = (len == 1 && s[0] == '"') || (len == 2 && (memcmp(s, "\xc2\xab", 2) == 0 ||
                                                           memcmp(s, "\xc2\xbb", 2) == 0));
        if (q) {
            inq = !inq;
            continue;
        }
        if (inq)
            a[i].ctx |= HX__X_QUOTE;
    }
    /* Sentence-wide: a score ("2-1": digits, hyphen, digits) and capitalisation. */
    uint32_t topic = 0;
    size_t ncap = 0, nword = 0, nupper = 0, nallcap = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = w[i].s;
        size_t len = w[i].n, k = 0;
        while (k < len && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k > 0 && k < len && s[k] == '-' && k + 1 < len) {
            size_t d = k + 1;
            while (d < len && s[d] >= '0' && s[d] <= '9')
                d++;
            if (d == len)
                topic |= HX__X_SCORE;
        }
        if (a[i].info & HX__LX_SPORT)
            topic |= HX__X_SPORT;
        if (!(a[i].cls & HX__C_PUNCT)) {
            nword++;
            ncap += (a[i].cls & (HX__C_INITCAP | HX__C_ALLCAP | HX__C_ALLDIGIT)) != 0;
            nupper += (a[i].cls & (HX__C_INITCAP | HX__C_ALLCAP | HX__C_MIXCAP)) != 0;
            nallcap += (a[i].cls & HX__C_ALLCAP) && !(a[i].cls & HX__C_SHORT);
        }
    }
    if (nword >= 3 && 2 * ncap > nword)
        topic |= HX__X_CAPS;
    /* The casing regime: text in lower case or in capitals (issue 17). */
    if (nword >= 3 && !nupper)
        topic |= HX__X_LOWER;
    if (nword >= 3 && 2 * nallcap > nword)
        topic |= HX__X_UPPER;
    for (size_t i = 0; i < n; i++)
        a[i].ctx |= topic;
    for (size_t i = 0; i < n;) {
        if (!(a[i].cls & (HX__C_INITCAP | HX__C_ALLCAP))) {
            i++;
            continue;
        }
        size_t j = i + 1;
        for (;;) {
            if (j < n && (a[j].cls & (HX__C_INITCAP | HX__C_ALLCAP))) {
                j++;
                continue;
            }
            size_t k = j;
            while (k < n && k < j + 2) {
                int is_conn = 0;
                for (size_t c = 0; c < sizeof ck / sizeof *ck; c++)
                    is_conn |= a[k].lw == ck[c];
                if (!is_conn)
                    break;
                k++;
            }
            if (k > j && k < n && (a[k].cls & (HX__C_INITCAP | HX__C_ALLCAP))) {
                j = k + 1;
                continue;
            }
            break;
        }
        uint32_t len = (uint32_t)(j - i - 1 > 3 ? 3 : j - i - 1);
        for (size_t k = i; k < j; k++) {
            uint32_t pos = k == i ? 1 : k + 1 == j ? 3 : 2;
            a[k].ctx |= len << 1 | pos << 3;
        }
        i = j;
    }
}

/* Marks the phrases of the lexicon in the sentence, longest match first, left to
 * right. */
static void find_phrases(const hx__tagger *m, size_t n, hx__atoms *a)
{
    uint64_t keys[HX__MAXPHRASE];
    /* The lexicon is megabytes: the slots of every phrase that may be looked up
     * below are prefetched first, so the lookups overlap. */
    for (size_t i = 0; i < n; i++) {
        if (!(a[i].info & HX__LX_PHRSTART))
            continue;
        size_t maxl = n - i < HX__MAXPHRASE ? n - i : HX__MAXPHRASE;
        for (size_t l = 0; l < maxl; l++)
            keys[l] = a[i + l].lw;
        for (size_t l = maxl; l >= 2; l--)
            __builtin_prefetch(&m->lex[hx__lex_slot(m, hx__phrase_key(keys, l))]);
    }
    for (size_t i = 0; i < n;) {
        if (!(a[i].info & HX__LX_PHRSTART)) {
            i++;
            continue;
        }
        size_t best = 0;
        const hx__lexent *be = NULL;
        size_t maxl = n - i < HX__MAXPHRASE ? n - i : HX__MAXPHRASE;
        for (size_t l = 0; l < maxl; l++)
            keys[l] = a[i + l].lw;
        for (size_t l = maxl; l >= 2; l--) {
            const hx__lexent *e = hx__lex_find(m, hx__phrase_key(keys, l));
            if (e) {
                best = l;
                be = e;
                break;
            }
        }
        if (!be) {
            i++;
            continue;
        }
        for (size_t l = 0; l < best; l++)
            a[i + l].phr = (be->info & ~HX__PHR_FIRST) | (l == 0 ? HX__PHR_FIRST : 0);
        i += best;
    }
}

static void fill_one(const char *s, size_t n, hx__atoms *a)
{
    uint64_t lw = FNV_OFF, sh = FNV_OFF ^ 7, ssh = FNV_OFF ^ 11;
    int32_t last4[4] = {0, 0, 0, 0};
    size_t ncp = 0, nletters = 0, nupper = 0, ndigits = 0, shlen = 0, run = 0;
    int32_t prevc = 0, prevs = 0;
    uint32_t cls = 0;
    int upper_after_first = 0;

    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += next_cp(s + i, n - i, &cp);
        int32_t lc = lower_cp(cp), c;
        if (lc >= '0' && lc <= '9') {
            lc = '0';
            c = 'd';
            ndigits++;
        } else if (is_letter(cp)) {
            nletters++;
            if (is_upper(cp)) {
                nupper++;
                c = 'X';
                if (ncp > 0)
                    upper_after_first = 1;
                else
                    cls |= HX__C_INITCAP;
            } else {
                c = 'x';
            }
        } else {
            c = cp < 0x80 ? cp : 'o';
            if (cp == '-')
                cls |= HX__C_HYPHEN;
            if (cp == '.')
                cls |= HX__C_PERIOD;
        }
        lw = step(lw, (uint32_t)lc);
        if (ncp < 4)
            a->pre[ncp] = lw;
        last4[ncp & 3] = lc;
        /* Long shape: runs capped at two; short shape: runs collapsed to one. */
        run = (c == prevc) ? run + 1 : 1;
        if (run <= 2 && shlen < 16) {
            sh = step(sh, (uint32_t)c);
            shlen++;
        }
        if (c != prevs)
            ssh = step(ssh, (uint32_t)c);
        prevc = prevs = c;
        ncp++;
    }
    for (size_t k = 1; k <= 4 && k <= ncp; k++) {
        uint64_t h = FNV_OFF ^ 3;
        for (size_t j = ncp - k; j < ncp; j++)
            h = step(h, (uint32_t)last4[j & 3]);
        a->suf[k - 1] = h;
    }
    if (nletters && nupper == nletters)
        cls |= HX__C_ALLCAP;
    else if (upper_after_first)
        cls |= HX__C_MIXCAP;
    if (ndigits)
        cls |= HX__C_HASDIGIT;
    if (ndigits && ndigits == ncp)
        cls |= HX__C_ALLDIGIT;
    if (!nletters && !ndigits)
        cls |= HX__C_PUNCT;
    if (ncp > 8)
        cls |= HX__C_LONG;
    if (ncp <= 2)
        cls |= HX__C_SHORT;
    a->w = hx__hash_bytes(s, n, 0);
    a->lw = lw ? lw : 1;
    a->shape = sh;
    a->sshape = ssh;
    a->cls = cls;
}

void hx__atoms_fill(const hx__tagger *m, const hx__word *w, const char *const *pos_names,
                    size_t n, hx__atoms *atoms, int words_done)
{
    for (size_t i = 0; i < n; i++) {
        if (words_done) {
            atoms[i].pos = atoms[i].mask = 0;
            atoms[i].info = atoms[i].ctx = atoms[i].phr = atoms[i].clu = 0;
        } else {
            fill_one(w[i].s, w[i].n, &atoms[i]);
        }
        if (m && m->lex)
            __builtin_prefetch(&m->lex[hx__lex_slot(m, atoms[i].lw)]);
        if (pos_names && pos_names[i])
            atoms[i].pos = hx__hash_bytes(pos_names[i], strlen(pos_names[i]), 5);
    }
    for (size_t i = 0; m && i < n; i++) {
        const hx__lexent *e = hx__lex_find(m, atoms[i].lw);
        if (e) {
            atoms[i].info = e->info;
            atoms[i].mask = e->mask;
            atoms[i].clu = e->clu;
        } else {
            atoms[i].mask = m->open_mask;
        }
    }
    if (m && m->lex && m->task == HX__TASK_NER)
        find_phrases(m, n, atoms);
    sentence_context(atoms, w, n);
    /* The phrase-start bit only steers find_phrases; it is no feature. */
    for (size_t i = 0; i < n; i++)
        atoms[i].info &= ~(uint32_t)HX__LX_PHRSTART;
}

/* The atoms of the sentence boundaries. */
static const hx__atoms BOS = {.w = 101, .lw = 101, .shape = 101, .sshape = 101,
                              .pos = 101, .info = 0xffff, .cls = 0xffff};
static const hx__atoms EOS = {.w = 202, .lw = 202, .shape = 202, .sshape = 202,
                              .pos = 202, .info = 0xfffe, .cls = 0xfffe};

static inline const hx__atoms *at(const hx__atoms *a, size_t n, size_t i, int d)
{
    if (d < 0 && i < (size_t)-d)
        return &BOS;
    if (i + (size_t)d >= n && d >= 0)
        return &EOS;
    return &a[(ptrdiff_t)i + d];
}

static unsigned ner_features(const hx__atoms *a, size_t n, size_t i, uint32_t *f, int legacy)
{
    const hx__atoms *c = &a[i], *p1 = at(a, n, i, -1), *p2 = at(a, n, i, -2),
                    *n1 = at(a, n, i, 1), *n2 = at(a, n, i, 2);
    unsigned k = 0;
#define ADD(t, x, y) (f[k++] = fx((t), (x), (y)))
    uint64_t posn = i == 0 ? 1 : i == 1 ? 2 : i + 1 == n ? 3 : 4;
    uint32_t capinfo = c->info & HX__LX_CAPMASK;
    /* The token's character classes with the sentence's casing regime, so that what
     * capitals mean in ordinary text is learnt apart from headlines and lower-case text. */
    const uint32_t regime = HX__X_LOWER | HX__X_UPPER;
    const uint64_t ccls = legacy ? c->cls : c->cls | (uint64_t)(c->ctx & regime) << 8;
    /* Feature version 2 models (before issue 17) knew no regime and no clusters. */
    const uint32_t xr = legacy ? ~regime : ~0u;

    ADD(0, 0, 0);
    ADD(1, c->w, 0);
    ADD(2, c->lw, 0);
    ADD(3, p1->lw, 0);
    ADD(4, n1->lw, 0);
    ADD(5, p2->lw, 0);
    ADD(6, n2->lw, 0);
    ADD(7, c->shape, 0);
    ADD(8, p1->shape, 0);
    ADD(9, n1->shape, 0);
    for (int j = 0; j < 4; j++) {
        if (c->suf[j])
            ADD(10 + (uint32_t)j, c->suf[j], 0);
        if (c->pre[j])
            ADD(14 + (uint32_t)j, c->pre[j], 0);
    }
    ADD(18, p1->lw, c->lw);
    ADD(19, c->lw, n1->lw);
    /* Predicted POS of the window.  Only unigrams at -1..+1: the +-2 tags and the
     * conjunctions cost dev F1 (docs/models.md). */
    ADD(20, c->pos, 0);
    ADD(21, p1->pos, 0);
    ADD(22, n1->pos, 0);
    ADD(27, posn, ccls);
    ADD(28, (uint64_t)p1->cls << 32 | ccls, n1->cls);
    ADD(29, c->info, 0);
    ADD(30, c->info, ccls);
    ADD(31, p1->info, 0);
    ADD(32, n1->info, 0);
    ADD(33, c->shape, p1->lw);
    ADD(35, (uint64_t)p1->sshape ^ (c->sshape << 1), n1->sshape);
    ADD(36, p1->w, 0);
    ADD(37, n1->w, 0);
    ADD(38, capinfo, (uint64_t)posn << 32 | ccls);
    ADD(39, c->shape, n1->lw);
    ADD(40, p2->lw, p1->lw);
    ADD(41, n1->lw, n2->lw);
    ADD(42, p2->info, n2->info);
    /* Sentence context: quotes, runs of capitalised words, scores, tables. */
    const uint32_t topic = HX__X_SCORE | HX__X_CAPS | HX__X_SPORT;
    ADD(52, c->ctx & topic, ccls);
    ADD(53, c->ctx & topic, c->info >> HX__LX_TYPESHIFT);
    ADD(48, c->ctx & xr & ~topic, 0);
    ADD(49, c->ctx & xr & ~topic, c->cls);
    ADD(50, c->ctx & HX__X_QUOTE, c->shape);
    ADD(51, p1->ctx & xr & ~topic, n1->ctx & xr & ~topic);
    ADD(45, c->phr, 0);
    ADD(46, c->phr & (HX__PHR_FIRST | 0xff00u), c->cls);
    ADD(47, p1->phr, n1->phr);
    if (legacy)
        return k;
    /* Word clusters from raw text (tools/clusters.c): class and coarse group. */
    ADD(54, c->clu & 0xffffu, 0);
    ADD(55, c->clu >> 16, 0);
    ADD(56, p1->clu & 0xffffu, 0);
    ADD(57, n1->clu & 0xffffu, 0);
    ADD(58, c->clu >> 16, ccls);
    ADD(59, p1->clu >> 16, n1->clu >> 16);
#undef ADD
    return k;
}

static unsigned pos_features(const hx__atoms *a, size_t n, size_t i, uint32_t *f)
{
    const hx__atoms *c = &a[i], *p1 = at(a, n, i, -1), *p2 = at(a, n, i, -2),
                    *n1 = at(a, n, i, 1), *n2 = at(a, n, i, 2);
    unsigned k = 0;
    uint64_t posn = i == 0 ? 1 : i + 1 == n ? 3 : 4;

    f[k++] = fx(0, 0, 0);
    f[k++] = fx(1, c->w, 0);
    f[k++] = fx(2, c->lw, 0);
    f[k++] = fx(3, p1->lw, 0);
    f[k++] = fx(4, n1->lw, 0);
    f[k++] = fx(5, p2->lw, 0);
    f[k++] = fx(6, n2->lw, 0);
    f[k++] = fx(7, c->shape, 0);
    for (int j = 0; j < 4; j++) {
        if (c->suf[j])
            f[k++] = fx(10 + (uint32_t)j, c->suf[j], 0);
        if (c->pre[j] && j < 3)
            f[k++] = fx(14 + (uint32_t)j, c->pre[j], 0);
    }
    f[k++] = fx(18, p1->lw, c->lw);
    f[k++] = fx(19, c->lw, n1->lw);
    f[k++] = fx(20, posn, c->cls);
    f[k++] = fx(21, c->info & (HX__LX_CAPMASK | HX__LX_FREQMASK), c->cls);
    f[k++] = fx(22, p1->sshape, 0);
    f[k++] = fx(23, n1->sshape, 0);
    f[k++] = fx(24, c->suf[2], p1->lw);
    f[k++] = fx(25, p1->lw, n1->lw);
    return k;
}

unsigned hx__features(uint32_t task, const hx__atoms *a, size_t n, size_t i, uint32_t *f)
{
    if ((task & ~HX__FEAT_LEGACY) == HX__TASK_NER)
        return ner_features(a, n, i, f, (task & HX__FEAT_LEGACY) != 0);
    return pos_features(a, n, i, f);
}
