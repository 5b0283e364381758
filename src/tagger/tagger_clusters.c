/*
 * tagger_clusters.c -- reads a word clusters file (models/clusters.hxc, written by
 * tools/clusters.c) into lexicon entries for the NER trainer (issue 17).
 *
 * File: "HXCL", u32 version 1, u64 payload length, u64 FNV-1a 64 checksum of the
 * payload; payload: u32 words, u32 C (classes), u32 C2 (coarse groups), C bytes (the
 * group of each class), then per word in order of decreasing frequency: u8 length,
 * the bytes (lower-cased, digits as 0), u16 class.
 *
 * Each word becomes an entry keyed as the tagger's lexicon (hx__word_key) with clu =
 * class + 1 | (group + 1) << 16.  So that text written without accents finds the
 * clusters of the accented words, each word's spelling without diacritics (utf8proc:
 * "méxico" -> "mexico", "año" -> "ano") is added too, unless it is a word of the file
 * itself or the spelling of a more frequent word.  Invariants: deterministic; a file
 * is accepted only when its length, checksum and every count agree (HX_MODEL otherwise).
 */
#include "tagger/tagger.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define HEADER 24

static uint64_t rd_le(const unsigned char *p, int bytes)
{
    uint64_t x = 0;
    for (int i = bytes - 1; i >= 0; i--)
        x = x << 8 | p[i];
    return x;
}

typedef struct ranked {
    hx__cluword w;
    uint32_t rank;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->w.key != y->w.key)
        return x->w.key < y->w.key ? -1 : 1;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* The key of s[0..n) without diacritics, or 0 when it has none. */
static uint64_t stripped_key(const unsigned char *s, size_t n)
{
    int plain = 1;
    for (size_t i = 0; i < n; i++)
        plain &= s[i] < 0x80;
    if (plain)
        return 0;
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t k = utf8proc_map(s, (utf8proc_ssize_t)n, &d,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
    uint64_t key = 0;
    if (k > 0 && ((size_t)k != n || memcmp(d, s, n) != 0))
        key = hx__word_key((const char *)d, (size_t)k);
    free(d);
    return key;
}

/* Parses the payload p[0..n) into e (room for 2 entries per word); returns how many, or
 * SIZE_MAX when malformed. */
static size_t parse_words(const unsigned char *p, size_t n, ranked *e, uint32_t nw,
                          uint32_t C, const unsigned char *grp)
{
    size_t i = 0, k = 0;
    for (uint32_t w = 0; w < nw; w++) {
        if (i >= n || n - i < 1u + p[i] + 2u || !p[i])
            return SIZE_MAX;
        size_t len = p[i++];
        const unsigned char *s = p + i;
        i += len;
        uint32_t cl = (uint32_t)rd_le(p + i, 2);
        i += 2;
        if (cl >= C)
            return SIZE_MAX;
        uint32_t clu = (cl + 1) | (uint32_t)(grp[cl] + 1) << 16;
        e[k].w.key = hx__word_key((const char *)s, len);
        e[k].w.clu = clu;
        e[k++].rank = w;
        uint64_t sk = stripped_key(s, len);
        if (sk) {
            e[k].w.key = sk;
            e[k].w.clu = clu;
            e[k++].rank = nw + w;
        }
    }
    return i == n ? k : SIZE_MAX;
}

hx_status hx__clusters_load(const char *path, hx__cluword **out, size_t *nout,
                            hx_error *err)
{
    hx__buf b = {0};
    ranked *e = NULL;
    *out = NULL;
    *nout = 0;
    hx_status st = hx__read_path(path, &b, err);
    if (st != HX_OK)
        goto done;
    const unsigned char *p = (const unsigned char *)b.p;
    if (b.n < HEADER + 12 || memcmp(p, "HXCL", 4) != 0 || rd_le(p + 4, 4) != 1 ||
        rd_le(p + 8, 8) != b.n - HEADER || rd_le(p + 16, 8) != hx__fnv64(p + HEADER, b.n - HEADER)) {
        st = hx__err(err, HX_MODEL, 0, "%s: not a version 1 clusters file, or corrupt", path);
        goto done;
    }
    p += HEADER;
    size_t n = b.n - HEADER;
    uint32_t nw = (uint32_t)rd_le(p, 4), C = (uint32_t)rd_le(p + 4, 4),
             C2 = (uint32_t)rd_le(p + 8, 4);
    if (C == 0 || C > 65535 || C2 == 0 || C2 > 255 || n - 12 < C || nw > (n - 12 - C) / 3) {
        st = hx__err(err, HX_MODEL, HEADER, "%s: clusters header out of range", path);
        goto done;
    }
    for (uint32_t c = 0; c < C; c++)
        if (p[12 + c] >= C2) {
            st = hx__err(err, HX_MODEL, HEADER + 12 + c, "%s: group out of range", path);
            goto done;
        }
    if (!(e = malloc((2 * (size_t)nw + 1) * sizeof *e))) {
        st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory reading %s", path);
        goto done;
    }
    size_t k = parse_words(p + 12 + C, n - 12 - C, e, nw, C, p + 12);
    if (k == SIZE_MAX) {
        st = hx__err(err, HX_MODEL, HEADER, "%s: word list inconsistent", path);
        goto done;
    }
    qsort(e, k, sizeof *e, cmp_ranked);
    hx__cluword *o = malloc((k + 1) * sizeof *o);
    if (!o) {
        st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory reading %s", path);
        goto done;
    }
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (!i || e[i].w.key != e[i - 1].w.key)
            o[m++] = e[i].w;
    *out = o;
    *nout = m;
done:
    free(e);
    hx__buf_free(&b);
    return st;
}
