/*
 * tagger_model.c -- tagger model files: writing, checking, loading, freeing.
 *
 * File layout (all integers little-endian, written byte by byte):
 *   header, 24 bytes:
 *     "HXTM"  u32 version (HX__MODEL_VERSION)  u64 payload length
 *     u64 FNV-1a 64 checksum of the payload
 *   payload:
 *     u32 task, u32 feature version, u32 L, u32 bits, f32 scale, u32 nent, u32 nlex,
 *     u64 open_mask
 *     L labels: u8 length, bytes
 *     (L + 2) x L f32 transitions (see hx__tagger.trans)
 *     2^bits u8: entries per weight row
 *     nent x (u8 label, i16 weight)
 *     nlex x (u64 key, u64 mask, u32 info), and u32 clu (word clusters) after each
 *       when the feature version is 3 or more (NER since issue 17)
 *
 * In memory the rows are kept as a rank index over the non-empty ones (hx__wblk,
 * tagger.h); the per-row counts exist only in the file and, briefly, while loading.
 *
 * Invariants: a file is accepted only when every count agrees with the length, the
 * checksum matches, every label id is < L and no row names a label twice; anything
 * else is HX_MODEL with a message, never a crash.  A loaded model owns its arrays and is never modified.
 */
#include "tagger/tagger.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER 24

/* ---------------------------------------------------------------- allocation */

hx__tagger *hx__tagger_alloc(uint32_t task, uint32_t bits, uint32_t nlabels)
{
    hx__tagger *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->task = task;
    m->fver = hx__feat_version(task);
    m->bits = bits;
    m->nlabels = nlabels;
    m->scale = 1.0f;
    m->labels = calloc(nlabels, sizeof *m->labels);
    m->trans = calloc((size_t)(nlabels + 2) * nlabels, sizeof *m->trans);
    if (!m->labels || !m->trans) {
        hx__tagger_free(m);
        return NULL;
    }
    return m;
}

void hx__tagger_free(struct hx__tagger *m)
{
    if (!m)
        return;
    if (m->labels)
        for (uint32_t i = 0; i < m->nlabels; i++)
            free(m->labels[i]);
    free(m->labels);
    free(m->trans);
    free(m->wblk);
    free(m->wrow);
    free(m->ent);
    free(m->dense);
    free(m->lex);
    free(m);
}

const char *hx__tagger_label(const struct hx__tagger *t, unsigned id)
{
    if (!t || id == 0 || id > t->nlabels)
        return NULL;
    return t->labels[id - 1];
}

/* ---------------------------------------------------------------- weights */

/* Whether row e[0..n) is stored dense: it has many entries, its labels ascend and no
 * weight is zero (so the dense form gives back exactly the same entries). */
static int dense_row(const hx__tagger *m, const uint32_t *e, uint32_t n)
{
    if (n < m->lpad / 8 || n < 2)
        return 0;
    for (uint32_t k = 0; k < n; k++)
        if (!(e[k] & 0xffff) || (k && e[k] >> 16 <= e[k - 1] >> 16))
            return 0;
    return 1;
}

int hx__weights_set(hx__tagger *m, const uint8_t *cnt, const uint32_t *ent)
{
    size_t rows = (size_t)1 << m->bits, used = 0, nblk = rows >= 64 ? rows / 64 : 1;
    size_t nsparse = 0, ndense = 0, off = 0;
    m->lpad = (m->nlabels + 7) / 8 * 8;
    for (size_t r = 0; r < rows; off += cnt[r++]) {
        if (!cnt[r])
            continue;
        if (cnt[r] > m->nlabels)
            return -2;
        used++;
        if (dense_row(m, ent + off, cnt[r]))
            ndense++;
        else
            nsparse += cnt[r];
    }
    if (nsparse > HX__WOFF(~0u) || ndense > HX__WOFF(~0u) || off > UINT32_MAX)
        return -2;
    hx__wblk *blk = hx__alloc_big(nblk * sizeof *blk, 1);
    uint32_t *wrow = hx__alloc_big((used ? used : 1) * sizeof *wrow, 0);
    uint32_t *e = hx__alloc_big((nsparse ? nsparse : 1) * sizeof *e, 0);
    int16_t *d = hx__alloc_big((ndense ? ndense : 1) * m->lpad * sizeof *d, 0);
    if (!blk || !wrow || !e || !d) {
        free(blk);
        free(wrow);
        free(e);
        free(d);
        return -1;
    }
    free(m->wblk);
    free(m->wrow);
    free(m->ent);
    free(m->dense);
    m->wblk = blk;
    m->wrow = wrow;
    m->ent = e;
    m->dense = d;
    m->nent = (uint32_t)off;
    memset(d, 0, ndense * m->lpad * sizeof *d);
    used = nsparse = ndense = off = 0;
    for (size_t r = 0; r < rows; off += cnt[r++]) {
        uint32_t n = cnt[r];
        const uint32_t *re = ent + off;
        if (r % 64 == 0)
            blk[r / 64].rank = (uint32_t)used;
        if (!n)
            continue;
        blk[r / 64].bits |= 1ull << (r % 64);
        if (dense_row(m, re, n)) {
            for (uint32_t k = 0; k < n; k++)
                d[ndense * m->lpad + (re[k] >> 16)] = (int16_t)(uint16_t)(re[k] & 0xffff);
            wrow[used++] = HX__WDENSE | (uint32_t)ndense++;
        } else {
            memcpy(e + nsparse, re, n * sizeof *e);
            wrow[used++] = n << 23 | (uint32_t)nsparse;
            nsparse += n;
        }
    }
    return 0;
}

unsigned hx__weights_row(const hx__tagger *m, uint32_t r, uint32_t *out)
{
    uint32_t used, k;
    if (!m->wblk || r >> m->bits)
        return 0;
    k = hx__wrank(m, r, &used);
    if (!used)
        return 0;
    uint32_t w = m->wrow[k];
    if (!(w & HX__WDENSE)) {
        memcpy(out, hx__wsparse(m, w), HX__WLEN(w) * sizeof *out);
        return HX__WLEN(w);
    }
    const int16_t *d = hx__wdense(m, w);
    unsigned n = 0;
    for (uint32_t l = 0; l < m->nlabels; l++)
        if (d[l])
            out[n++] = l << 16 | (uint16_t)d[l];
    return n;
}

int hx__tagger_same_labels(const hx__tagger *a, const hx__tagger *b)
{
    if (!a || !b || a->nlabels != b->nlabels)
        return 0;
    for (uint32_t l = 0; l < a->nlabels; l++)
        if (strcmp(a->labels[l], b->labels[l]) != 0)
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- lexicon */

const hx__lexent *hx__lex_find(const hx__tagger *m, uint64_t key)
{
    if (!m->lex)
        return NULL;
    size_t mask = ((size_t)1 << m->lexbits) - 1;
    for (size_t i = hx__lex_slot(m, key);; i = (i + 1) & mask) {
        if (m->lex[i].key == key)
            return &m->lex[i];
        if (m->lex[i].key == 0)
            return NULL;
    }
}

int hx__lex_build(hx__tagger *m, const hx__lexent *e, size_t n)
{
    uint32_t bits = 4;
    while (((size_t)1 << bits) < 2 * n + 16)
        bits++;
    hx__lexent *t = hx__alloc_big(((size_t)1 << bits) * sizeof *t, 1);
    if (!t)
        return -1;
    free(m->lex);
    m->lex = t;
    m->lexbits = bits;
    m->nlex = 0;
    size_t mask = ((size_t)1 << bits) - 1;
    for (size_t k = 0; k < n; k++) {
        if (!e[k].key)
            continue;
        size_t i = (size_t)(e[k].key * 0x9E3779B97F4A7C15ull >> 20) & mask;
        while (t[i].key && t[i].key != e[k].key)
            i = (i + 1) & mask;
        if (!t[i].key)
            m->nlex++;
        t[i] = e[k];
    }
    return 0;
}

/* ---------------------------------------------------------------- writing */

static void put32(hx__buf *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    hx__buf_put(b, c, 4);
}

static void put64(hx__buf *b, uint64_t v)
{
    put32(b, (uint32_t)v);
    put32(b, (uint32_t)(v >> 32));
}

static void putf(hx__buf *b, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    put32(b, v);
}

hx_status hx__tagger_save(const hx__tagger *m, const char *path, hx_error *err)
{
    hx__buf b = {0};
    uint32_t L = m->nlabels;
    size_t rows = (size_t)1 << m->bits;

    hx__buf_put(&b, "HXTM", 4);
    put32(&b, HX__MODEL_VERSION);
    put64(&b, 0); /* payload length, patched below */
    put64(&b, 0); /* checksum */
    put32(&b, m->task);
    put32(&b, m->fver);
    put32(&b, L);
    put32(&b, m->bits);
    putf(&b, m->scale);
    put32(&b, m->nent);
    put32(&b, m->nlex);
    put64(&b, m->open_mask);
    for (uint32_t l = 0; l < L; l++) {
        size_t n = strlen(m->labels[l]);
        unsigned char c = (unsigned char)(n > 255 ? 255 : n);
        hx__buf_put(&b, &c, 1);
        hx__buf_put(&b, m->labels[l], c);
    }
    for (size_t i = 0; i < (size_t)(L + 2) * L; i++)
        putf(&b, m->trans[i]);
    uint32_t row[HX__MAXLABELS];
    for (size_t r = 0; r < rows; r++) {
        unsigned char c = (unsigned char)hx__weights_row(m, (uint32_t)r, row);
        hx__buf_put(&b, &c, 1);
    }
    for (size_t r = 0; r < rows; r++)
        for (unsigned i = 0, n = hx__weights_row(m, (uint32_t)r, row); i < n; i++) {
            unsigned char c[3] = {(unsigned char)(row[i] >> 16), (unsigned char)row[i],
                                  (unsigned char)(row[i] >> 8)};
            hx__buf_put(&b, c, 3);
        }
    if (m->lex)
        for (size_t i = 0; i < ((size_t)1 << m->lexbits); i++) {
            if (!m->lex[i].key)
                continue;
            put64(&b, m->lex[i].key);
            put64(&b, m->lex[i].mask);
            put32(&b, m->lex[i].info);
            if (m->fver >= 3)
                put32(&b, m->lex[i].clu);
        }
    if (b.oom) {
        hx__buf_free(&b);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory writing model");
    }
    uint64_t plen = b.n - HEADER, sum = hx__fnv64((unsigned char *)b.p + HEADER, plen);
    for (int i = 0; i < 8; i++) {
        b.p[8 + i] = (char)(plen >> (8 * i));
        b.p[16 + i] = (char)(sum >> (8 * i));
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        hx__buf_free(&b);
        return hx__err(err, HX_IO, SIZE_MAX, "cannot write %s: %s", path, strerror(errno));
    }
    size_t w = fwrite(b.p, 1, b.n, f);
    int bad = w != b.n || fclose(f) != 0;
    hx__buf_free(&b);
    if (bad)
        return hx__err(err, HX_IO, SIZE_MAX, "cannot write %s", path);
    return HX_OK;
}

/* ---------------------------------------------------------------- reading */

typedef struct rd {
    const unsigned char *p;
    size_t n, i;
    int bad;
} rd;

static const unsigned char *take(rd *r, size_t k)
{
    if (r->bad || k > r->n - r->i) {
        r->bad = 1;
        return NULL;
    }
    const unsigned char *p = r->p + r->i;
    r->i += k;
    return p;
}

static uint32_t get32(rd *r)
{
    const unsigned char *p = take(r, 4);
    return p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                   (uint32_t)p[3] << 24
             : 0;
}

static uint64_t get64(rd *r)
{
    uint64_t lo = get32(r);
    return lo | (uint64_t)get32(r) << 32;
}

static float getf(rd *r)
{
    uint32_t v = get32(r);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

/* The L label names of m: 0, -1 when malformed, -2 when out of memory. */
static int read_labels(rd *r, hx__tagger *m)
{
    for (uint32_t l = 0; l < m->nlabels; l++) {
        const unsigned char *len = take(r, 1);
        const unsigned char *s = len ? take(r, *len) : NULL;
        if (!s || !*len)
            return -1;
        if (!(m->labels[l] = malloc(*len + 1u)))
            return -2;
        memcpy(m->labels[l], s, *len);
        m->labels[l][*len] = '\0';
    }
    return 0;
}

hx_status hx__tagger_parse(const unsigned char *p, size_t n, hx__tagger **out,
                           hx_error *err)
{
    rd r = {p, n, 0, 0};
    hx__tagger *m = NULL;
    hx__lexent *lex = NULL;
    uint32_t *ent = NULL;
    *out = NULL;

    if (n < HEADER || memcmp(p, "HXTM", 4) != 0)
        return hx__err(err, HX_MODEL, 0, "not a hechos tagger model (bad magic)");
    take(&r, 4);
    uint32_t version = get32(&r);
    if (version != HX__MODEL_VERSION)
        return hx__err(err, HX_MODEL, 4, "model format version %u, expected %u", version,
                       HX__MODEL_VERSION);
    uint64_t plen = get64(&r), sum = get64(&r);
    if (plen != n - HEADER)
        return hx__err(err, HX_MODEL, 8, "model truncated or padded: payload %llu bytes, "
                       "file has %zu", (unsigned long long)plen, n - HEADER);
    if (hx__fnv64(p + HEADER, n - HEADER) != sum)
        return hx__err(err, HX_MODEL, 16, "model checksum mismatch (corrupt file)");

    uint32_t task = get32(&r), fver = get32(&r), L = get32(&r), bits = get32(&r);
    float scale = getf(&r);
    uint32_t nent = get32(&r), nlex = get32(&r);
    uint64_t open_mask = get64(&r);
    if (task > HX__TASK_PARSE || !hx__feat_version_ok(task, fver) || L == 0 || L > HX__MAXLABELS ||
        bits < 8 || bits > 26 || !(scale > 0) || !isfinite(scale))
        return hx__err(err, HX_MODEL, HEADER, "model header fields out of range "
                       "(task %u, features v%u, %u labels, %u bits)", task, fver, L, bits);
    if (!(m = hx__tagger_alloc(task, bits, L)))
        goto nomem;
    m->scale = scale;
    m->fver = fver;
    m->open_mask = open_mask;
    int lr = read_labels(&r, m);
    if (lr == -2)
        goto nomem;
    if (lr)
        goto bad;
    for (size_t i = 0; i < (size_t)(L + 2) * L; i++)
        if (!isfinite(m->trans[i] = getf(&r)))
            goto bad;
    size_t rows = (size_t)1 << bits;
    const unsigned char *cnt = take(&r, rows);
    if (!cnt)
        goto bad;
    uint64_t total = 0;
    for (size_t i = 0; i < rows; i++)
        total += cnt[i];
    if (total != nent || nent > (n - r.i) / 3)
        goto bad;
    if (!(ent = malloc((size_t)(nent ? nent : 1) * sizeof *ent)))
        goto nomem;
    const unsigned char *e = take(&r, (size_t)nent * 3);
    if (!e)
        goto bad;
    for (uint32_t i = 0; i < nent; i++) {
        if (e[3 * i] >= L)
            goto bad;
        ent[i] = (uint32_t)e[3 * i] << 16 | (uint32_t)e[3 * i + 1] |
                 (uint32_t)e[3 * i + 2] << 8;
    }
    /* Each label at most once per row (what the trainer writes). */
    for (size_t i = 0, off = 0; i < rows; off += cnt[i++]) {
        if (cnt[i] < 2)
            continue;
        uint64_t seen[4] = {0};
        for (uint32_t k = 0; k < cnt[i]; k++) {
            uint32_t l = ent[off + k] >> 16;
            if (seen[l >> 6] >> (l & 63) & 1)
                goto bad;
            seen[l >> 6] |= 1ull << (l & 63);
        }
    }
    int ws = hx__weights_set(m, cnt, ent);
    if (ws == -1)
        goto nomem;
    if (ws)
        goto bad;
    free(ent);
    ent = NULL;
    if (nlex > (n - r.i) / (fver >= 3 ? 24u : 20u))
        goto bad;
    if (nlex) {
        if (!(lex = malloc((size_t)nlex * sizeof *lex)))
            goto nomem;
        for (uint32_t i = 0; i < nlex; i++) {
            lex[i].key = get64(&r);
            lex[i].mask = get64(&r);
            lex[i].info = get32(&r);
            lex[i].clu = fver >= 3 ? get32(&r) : 0;
            if (!lex[i].key)
                goto bad;
        }
        if (hx__lex_build(m, lex, nlex))
            goto nomem;
        free(lex);
        lex = NULL;
    }
    if (r.bad || r.i != n)
        goto bad;
    *out = m;
    return HX_OK;
bad:
    free(lex);
    free(ent);
    hx__tagger_free(m);
    return hx__err(err, HX_MODEL, r.i, "model payload inconsistent at byte %zu", r.i);
nomem:
    free(lex);
    free(ent);
    hx__tagger_free(m);
    return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory loading model");
}

/* The file's bytes: mapped when it can be (no copy; the pages come from the page
 * cache, faulted in at once), else read into memory.  *mapped says which. */
static unsigned char *file_bytes(const char *path, size_t *n, int *mapped, hx_status *st,
                                 hx_error *err)
{
    int fd = open(path, O_RDONLY);
    struct stat sb;
    *mapped = 0;
    if (fd < 0) {
        *st = hx__err(err, errno == ENOENT ? HX_NOTFOUND : HX_IO, SIZE_MAX,
                      "cannot open model %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
        flags |= MAP_POPULATE;
#endif
        void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, flags, fd, 0);
        if (p != MAP_FAILED) {
            close(fd);
            *n = (size_t)sb.st_size;
            *mapped = 1;
            return p;
        }
    }
    FILE *f = fdopen(fd, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0;
    if (!f) {
        close(fd);
        *st = hx__err(err, HX_IO, SIZE_MAX, "cannot read model %s", path);
        return NULL;
    }
    for (;;) {
        if (len == cap) {
            unsigned char *b = realloc(buf, cap = cap ? 2 * cap : 1 << 20);
            if (!b) {
                free(buf);
                fclose(f);
                *st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory loading %s", path);
                return NULL;
            }
            buf = b;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        *st = hx__err(err, HX_IO, SIZE_MAX, "cannot read model %s", path);
        return NULL;
    }
    *n = len;
    return buf;
}

hx_status hx__tagger_load(const char *path, struct hx__tagger **out, hx_error *err)
{
    size_t n = 0;
    int mapped;
    hx_status st = HX_OK;
    *out = NULL;
    unsigned char *p = file_bytes(path, &n, &mapped, &st, err);
    if (!p)
        return st;
    st = hx__tagger_parse(p, n, out, err);
    if (mapped)
        munmap(p, n);
    else
        free(p);
    if (st != HX_OK && err) {
        char msg[sizeof err->msg + 1024];
        snprintf(msg, sizeof msg, "%s: %s", path, err->msg);
        memcpy(err->msg, msg, sizeof err->msg - 1);
        err->msg[sizeof err->msg - 1] = '\0';
    }
    return st;
}
