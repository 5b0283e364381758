/*
 * warc.c -- a WARC archive (ISO 28500; .warc, or .warc.gz made of one or many gzip
 * members) read as a stream into articles: HTML responses with status 200 whose text
 * is Spanish; everything else is counted and skipped.
 *
 * Memory is bounded: the window holds at most one record (header + max_record bytes);
 * a longer record is read through and thrown away without being kept.  gzip members
 * follow one another (inflate is reset at each member's end); corrupt compressed data
 * is reported and reading resumes at the next gzip header.  A record whose
 * Content-Length lies (no blank line where the record should end) is reported and
 * reading resumes at the next "WARC/1." line.
 *
 * Invariants: win[pos, len) is decompressed data not yet consumed, off the stream
 * offset of win[pos]; len <= cap; cap never exceeds max_record + HX__WARC_SLACK.
 */
#define _GNU_SOURCE /* memmem */
#include "input/input.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <zlib.h>

#define HX__WARC_SLACK ((size_t)1 << 16) /* room for the record's header */

struct hx_warc {
    hx_read_fn rd;
    void *ud;
    size_t max;
    unsigned char in[1 << 16];
    size_t in_pos, in_len;
    int in_eof, io_err;
    int gz;          /* -1 not known yet, 0 plain, 1 gzip */
    z_stream z;
    int z_init, z_mid; /* inflate ready; inside a member */
    unsigned long long zoff; /* compressed bytes consumed */
    int z_bad;       /* corrupt data was found at compressed byte bad_at, not reported yet */
    unsigned long long bad_at;
    int trunc;       /* 1: the last member was cut short; 2: reported */
    unsigned char *win;
    size_t pos, len, cap;
    unsigned long long off;
    hx_warc_stats stats;
};

static int raw_fill(hx_warc *w)
{
    if (w->in_eof) return 0;
    if (w->in_pos < w->in_len) return 1;
    long k = w->rd(w->ud, w->in, sizeof w->in);
    if (k < 0) w->io_err = 1;
    if (k <= 0) {
        w->in_eof = 1;
        return 0;
    }
    w->in_pos = 0, w->in_len = (size_t)k;
    return 1;
}

/* Skips compressed input to the next gzip header (1f 8b 08) after corrupt data. */
static void resync_gzip(hx_warc *w)
{
    while (raw_fill(w)) {
        unsigned char *p = memchr(w->in + w->in_pos, 0x1f, w->in_len - w->in_pos);
        if (!p) {
            w->zoff += w->in_len - w->in_pos;
            w->in_pos = w->in_len;
            continue;
        }
        w->zoff += (size_t)(p - (w->in + w->in_pos));
        w->in_pos = (size_t)(p - w->in);
        if (w->in_len - w->in_pos < 3) { /* keep the candidate: too short to judge, move it to the front */
            size_t k = w->in_len - w->in_pos;
            memmove(w->in, w->in + w->in_pos, k);
            long r = w->rd(w->ud, w->in + k, sizeof w->in - k);
            w->in_pos = 0, w->in_len = k + (r > 0 ? (size_t)r : 0);
            if (r <= 0) {
                if (r < 0) w->io_err = 1;
                if (w->in_len < 3) {
                    w->in_eof = 1;
                    return;
                }
            }
        }
        if (w->in[w->in_pos + 1] == 0x8b && w->in[w->in_pos + 2] == 0x08) break;
        w->in_pos++, w->zoff++;
    }
    inflateReset2(&w->z, 16 + MAX_WBITS);
    w->z_mid = 0;
}

/* Appends up to room decompressed bytes at win[len]; returns how many (0 at the end),
 * or -1 with err filled when the gzip stream is corrupt or truncated. */
static long inflate_some(hx_warc *w, size_t room, hx_error *err)
{
    size_t got = 0;
    while (got == 0) {
        if (!raw_fill(w)) {
            if (w->z_mid) w->z_mid = 0, w->trunc = 1; /* reported at the end, after the data it has */
            return 0;
        }
        w->z.next_in = w->in + w->in_pos;
        w->z.avail_in = (uInt)(w->in_len - w->in_pos);
        w->z.next_out = w->win + w->len + got;
        w->z.avail_out = (uInt)(room - got);
        int r = inflate(&w->z, Z_NO_FLUSH);
        size_t used = (size_t)(w->z.next_in - (w->in + w->in_pos));
        w->in_pos += used, w->zoff += used;
        got = room - w->z.avail_out;
        if (used || got) w->z_mid = 1;
        if (r == Z_STREAM_END) {
            inflateReset2(&w->z, 16 + MAX_WBITS);
            w->z_mid = 0;
        } else if (r == Z_DATA_ERROR || r == Z_NEED_DICT || r == Z_STREAM_ERROR) {
            /* reported after the records already decompressed; a line break lets
             * resync() find the record at the start of the next member */
            if (!w->z_bad) w->z_bad = 1, w->bad_at = w->zoff;
            resync_gzip(w);
            if (got < room) w->win[w->len + got++] = '\n';
        } else if (r == Z_MEM_ERROR) {
            return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory inflating"), -1;
        }
    }
    return (long)got;
}

/* Makes win[pos, pos + need) available when the stream has it (need is at most
 * max + HX__WARC_SLACK); returns the bytes available, or -1 (err filled). */
static long want(hx_warc *w, size_t need, hx_error *err)
{
    while (w->len - w->pos < need) {
        if (w->pos && (w->len == w->cap || w->pos > w->cap / 2)) {
            memmove(w->win, w->win + w->pos, w->len - w->pos);
            w->len -= w->pos, w->pos = 0;
        }
        if (w->len == w->cap) {
            size_t cap = w->cap ? w->cap * 2 : (size_t)1 << 16;
            if (cap < need) cap = need;
            if (cap > w->max + HX__WARC_SLACK) cap = w->max + HX__WARC_SLACK;
            if (cap <= w->cap) break; /* a caller never needs more: see the invariant */
            unsigned char *p = realloc(w->win, cap);
            if (!p) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory"), -1;
            w->win = p, w->cap = cap;
        }
        if (w->gz < 0) {
            if (!raw_fill(w)) break;
            w->gz = w->in_len - w->in_pos >= 2 && w->in[w->in_pos] == 0x1f && w->in[w->in_pos + 1] == 0x8b;
            if (w->gz && inflateInit2(&w->z, 16 + MAX_WBITS) != Z_OK)
                return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory"), -1;
            w->z_init = w->gz;
        }
        long k;
        if (w->gz) {
            k = inflate_some(w, w->cap - w->len, err);
            if (k < 0) return -1;
        } else {
            if (!raw_fill(w)) break;
            k = (long)(w->in_len - w->in_pos);
            if ((size_t)k > w->cap - w->len) k = (long)(w->cap - w->len);
            memcpy(w->win + w->len, w->in + w->in_pos, (size_t)k);
            w->in_pos += (size_t)k;
        }
        if (k == 0) break;
        w->len += (size_t)k;
    }
    if (w->io_err) return hx__err(err, HX_IO, (size_t)w->off, "read error"), -1;
    return (long)(w->len - w->pos);
}

static void consume(hx_warc *w, size_t n)
{
    assert(n <= w->len - w->pos);
    w->pos += n, w->off += n;
}

/* Reads through n bytes without keeping them; -1 (err) or the bytes that were missing. */
static long discard(hx_warc *w, unsigned long long n, hx_error *err)
{
    while (n) {
        long a = want(w, 1, err);
        if (a <= 0) return a < 0 ? -1 : (long)(n > LONG_MAX ? LONG_MAX : n);
        size_t take = (unsigned long long)a < n ? (size_t)a : (size_t)n;
        consume(w, take);
        n -= take;
    }
    return 0;
}

/* After a bad record: skips to the next line that starts "WARC/1." */
static long resync(hx_warc *w, hx_error *err)
{
    if (w->len > w->pos) consume(w, 1);
    for (;;) {
        long a = want(w, 4096, err);
        if (a <= 0) return a;
        unsigned char *p = memmem(w->win + w->pos, (size_t)a, "\nWARC/1.", 8);
        if (p) {
            consume(w, (size_t)(p + 1 - (w->win + w->pos)));
            return 1;
        }
        consume(w, (size_t)a > 8 ? (size_t)a - 8 : (size_t)a);
        if (a <= 8 && want(w, 9, err) <= a) {
            consume(w, w->len - w->pos);
            return 0;
        }
    }
}

/* The value of header name in h[0..n) (lines "Name: value"), copied into out. */
static int header(const char *h, size_t n, const char *name, char *out, size_t size)
{
    size_t l = strlen(name);
    for (size_t i = 0; i < n;) {
        const char *e = memchr(h + i, '\n', n - i);
        size_t end = e ? (size_t)(e - h) : n;
        if (end - i > l && h[i + l] == ':' && strncasecmp(h + i, name, l) == 0) {
            size_t a = i + l + 1, b = end;
            while (a < b && (h[a] == ' ' || h[a] == '\t')) a++;
            while (b > a && (h[b - 1] == '\r' || h[b - 1] == ' ')) b--;
            size_t k = b - a < size - 1 ? b - a : size - 1;
            memcpy(out, h + a, k);
            out[k] = '\0';
            return 1;
        }
        i = end + 1;
    }
    return 0;
}

/* Offset of the blank line ending a header block in s[0..n) and its length, or 0. */
static size_t header_end(const unsigned char *s, size_t n, size_t *blank)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\n') continue;
        if (s[i + 1] == '\n') return *blank = 2, i;
        if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') return *blank = 3, i;
    }
    return 0;
}

/* Undoes chunked transfer coding of b[0..n) in place; returns the new length. */
static size_t dechunk(unsigned char *b, size_t n)
{
    size_t r = 0, o = 0;
    while (r < n) {
        char *end;
        unsigned long long k = strtoull((const char *)b + r, &end, 16); /* the block ends with CRLFCRLF: stops */
        size_t line = (size_t)((unsigned char *)end - (b + r));
        if (line == 0) break;
        unsigned char *nl = memchr(b + r, '\n', n - r);
        if (!nl || k == 0) break;
        r = (size_t)(nl - b) + 1;
        if (k > n - r) k = n - r;
        memmove(b + o, b + r, (size_t)k);
        o += (size_t)k, r += (size_t)k;
        while (r < n && (b[r] == '\r' || b[r] == '\n')) r++;
    }
    return o;
}

/* Inflates a gzip or zlib body into a malloc'd buffer of at most max bytes; NULL
 * when it is corrupt, too big or memory ran out. */
static unsigned char *unzip(const unsigned char *b, size_t n, size_t max, size_t *outlen)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 32 + MAX_WBITS) != Z_OK) return NULL;
    size_t cap = n * 4 + 1024 < max ? n * 4 + 1024 : max;
    unsigned char *o = malloc(cap + 1);
    int r = Z_OK;
    z.next_in = (unsigned char *)b, z.avail_in = (uInt)n;
    while (o && r == Z_OK) {
        if (z.total_out == cap) {
            unsigned char *p = cap < max ? realloc(o, (cap * 2 < max ? cap * 2 : max) + 1) : NULL;
            if (!p) break;
            o = p, cap = cap * 2 < max ? cap * 2 : max;
        }
        z.next_out = o + z.total_out, z.avail_out = (uInt)(cap - z.total_out);
        r = inflate(&z, Z_NO_FLUSH);
    }
    *outlen = z.total_out;
    inflateEnd(&z);
    if (r != Z_STREAM_END) {
        free(o);
        return NULL;
    }
    return o;
}

typedef struct rec {
    unsigned long no;
    char uri[2048], date[64], type[32];
} rec;

/* An HTTP response block into an article, or NULL with the reason counted (or with
 * err filled when the block is broken). */
static hx_status response(hx_warc *w, const rec *r, unsigned char *b, size_t n, hx_article **out, hx_error *err)
{
    *out = NULL;
    size_t blank, he = header_end(b, n, &blank);
    int status = 0;
    if (n < 12 || memcmp(b, "HTTP/", 5) != 0 || !he || sscanf((const char *)b + 8, " %3d", &status) != 1) {
        w->stats.bad++;
        return hx__err(err, HX_FIELD, (size_t)w->off, "record %lu (%s): not an HTTP response", r->no, r->uri);
    }
    char ct[256] = "", te[64] = "", ce[64] = "";
    header((const char *)b, he, "Content-Type", ct, sizeof ct);
    header((const char *)b, he, "Transfer-Encoding", te, sizeof te);
    header((const char *)b, he, "Content-Encoding", ce, sizeof ce);
    unsigned char *body = b + he + blank, *z = NULL;
    size_t len = n - he - blank;
    if (status >= 300 && status < 400) return w->stats.redirects++, HX_OK;
    if (status != 200) return w->stats.not_ok++, HX_OK;
    if (ct[0] ? !strstr(ct, "html") : !hx_html_sniff((const char *)body, len)) return w->stats.not_html++, HX_OK;
    if (strcasestr(te, "chunked")) len = dechunk(body, len);
    if (strcasestr(ce, "gzip") || strcasestr(ce, "deflate")) {
        if (!(body = z = unzip(body, len, w->max, &len))) {
            w->stats.bad++;
            return hx__err(err, HX_FIELD, (size_t)w->off, "record %lu (%s): bad or oversized %s body", r->no, r->uri, ce);
        }
    }
    hx_article *a;
    hx_status st = hx_html_extract((const char *)body, len, ct[0] ? ct : NULL, r->uri[0] ? r->uri : NULL, &a, err);
    free(z);
    if (st != HX_OK) return st;
    const char *lang = a->meta[HX_META_LANG];
    int es = lang ? (strncasecmp(lang, "es", 2) == 0 && !isalpha((unsigned char)lang[2])) : hx__in_is_spanish(a->text, a->len);
    if (!es || a->len == 0) {
        hx_article_free(a);
        return w->stats.not_spanish++, HX_OK;
    }
    char d[11];
    if (!a->meta[HX_META_DATE] && hx__in_date(r->date, d)
        && (hx__in_set_meta(a, HX_META_DATE, d, 10, 1) || hx__in_set_meta(a, HX_META_DATE_SOURCE, "warc-date", 9, 1)
            || hx__in_finish(a, err) != HX_OK)) {
        hx_article_free(a);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    w->stats.articles++;
    *out = a;
    return HX_OK;
}

/* The header block of the record at win[pos]: its length (to the end of the blank
 * line) in *hlen; 0 at the end of the stream, -1 with err when there is no header. */
static int record_header(hx_warc *w, size_t *hlen, size_t *blank, hx_error *err)
{
    long a;
    while ((a = want(w, 1, err)) > 0 && (w->win[w->pos] == '\r' || w->win[w->pos] == '\n')) consume(w, 1);
    if (a <= 0) return a < 0 ? -1 : 0;
    for (size_t need = 4096;; need *= 2) {
        if (need > HX__WARC_SLACK) need = HX__WARC_SLACK;
        a = want(w, need, err);
        if (a < 0) return -1;
        if (a < 5 || memcmp(w->win + w->pos, "WARC/", 5) != 0) {
            w->stats.bad++;
            return hx__err(err, HX_FIELD, (size_t)w->off, "no WARC record at byte %llu", w->off), -1;
        }
        size_t he = header_end(w->win + w->pos, (size_t)a, blank);
        if (he) {
            *hlen = he;
            return 1;
        }
        if ((size_t)a < need || need == HX__WARC_SLACK) {
            w->stats.bad++;
            return hx__err(err, HX_FIELD, (size_t)w->off, "WARC header at byte %llu has no end", w->off), -1;
        }
    }
}

/* Skips to the next record after the bad one err describes; returns err's code, or
 * the code of a read error met on the way. */
static hx_status skip_bad(hx_warc *w, hx_error *err)
{
    hx_error keep = *err;
    if (resync(w, err) < 0) return err->code;
    *err = keep;
    return keep.code;
}

/* Reads the next record; HX_OK with *out NULL means it was skipped quietly. */
static hx_status next_record(hx_warc *w, hx_article **out, hx_error *err)
{
    size_t hlen, blank;
    int h = record_header(w, &hlen, &blank, err);
    if (h == 0) return HX_NOTFOUND;
    if (h < 0) return err->code == HX_FIELD ? skip_bad(w, err) : err->code;
    rec r = {.no = ++w->stats.records};
    char cl[32] = "", wt[64] = "";
    const char *hd = (const char *)w->win + w->pos;
    header(hd, hlen, "WARC-Target-URI", r.uri, sizeof r.uri);
    header(hd, hlen, "WARC-Date", r.date, sizeof r.date);
    header(hd, hlen, "WARC-Type", wt, sizeof wt);
    char *end;
    unsigned long long len = header(hd, hlen, "Content-Length", cl, sizeof cl) ? strtoull(cl, &end, 10) : 0;
    unsigned long long at = w->off;
    if (!cl[0] || *end || cl[0] == '-') {
        w->stats.bad++;
        hx__err(err, HX_FIELD, (size_t)at, "record %lu at byte %llu: bad or missing Content-Length '%s'", r.no, at, cl);
        return skip_bad(w, err);
    }
    size_t head = hlen + blank;
    if (len > w->max || strcmp(wt, "response") != 0) {
        consume(w, head);
        int big = len > w->max;
        big ? w->stats.too_big++ : w->stats.not_response++;
        long miss = discard(w, len, err);
        if (miss < 0) return err->code;
        if (miss > 0) {
            big ? w->stats.too_big-- : w->stats.not_response--; /* counted once, as bad */
            w->stats.bad++;
            return hx__err(err, HX_FIELD, (size_t)at, "record %lu at byte %llu: truncated (%ld of %llu bytes missing)",
                           r.no, at, miss, len);
        }
        if (big)
            return hx__err(err, HX_TOOBIG, (size_t)at, "record %lu at byte %llu (%s): %llu bytes, more than %zu", r.no,
                           at, r.uri, len, w->max);
        return HX_OK;
    }
    long a = want(w, head + (size_t)len + 4, err);
    if (a < 0) return err->code;
    unsigned char *p = w->win + w->pos;
    if ((size_t)a < head + len) {
        w->stats.bad++;
        consume(w, (size_t)a);
        return hx__err(err, HX_FIELD, (size_t)at, "record %lu at byte %llu: truncated (%llu of %llu bytes)", r.no, at,
                       (unsigned long long)a - head, len);
    }
    size_t t = head + (size_t)len, left = (size_t)a - t;
    int ends = (left >= 4 && memcmp(p + t, "\r\n\r\n", 4) == 0) || (left >= 2 && memcmp(p + t, "\n\n", 2) == 0)
               || left == 0 || (left == 2 && memcmp(p + t, "\r\n", 2) == 0);
    if (!ends) {
        w->stats.bad++;
        hx__err(err, HX_FIELD, (size_t)at, "record %lu at byte %llu: Content-Length %llu does not end the record", r.no,
                at, len);
        return skip_bad(w, err);
    }
    hx_status st = response(w, &r, p + head, (size_t)len, out, err);
    consume(w, t);
    return st;
}

hx_status hx_warc_next(hx_warc *w, hx_article **out, hx_error *err)
{
    hx_error tmp;
    if (!err) err = &tmp;
    *out = NULL;
    for (;;) {
        if (w->z_bad) {
            w->z_bad = 0;
            w->stats.bad++;
            return hx__err(err, HX_FIELD, (size_t)w->bad_at, "corrupt gzip data at compressed byte %llu (resumed at the next member)",
                           w->bad_at);
        }
        hx_status st = next_record(w, out, err);
        if (st == HX_NOTFOUND && w->trunc == 1) {
            w->trunc = 2;
            return hx__err(err, HX_FIELD, (size_t)w->zoff, "truncated gzip member at compressed byte %llu", w->zoff);
        }
        if (st != HX_OK || *out) return st;
    }
}

hx_status hx_warc_open(hx_read_fn read, void *ud, size_t max_record, hx_warc **out, hx_error *err)
{
    *out = NULL;
    hx_warc *w = calloc(1, sizeof *w);
    if (!w) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    w->rd = read, w->ud = ud, w->gz = -1;
    w->max = max_record ? max_record : (size_t)64 << 20;
    *out = w;
    return HX_OK;
}

void hx_warc_stats_get(const hx_warc *w, hx_warc_stats *out)
{
    if (w) *out = w->stats;
    else memset(out, 0, sizeof *out);
}

void hx_warc_free(hx_warc *w)
{
    if (!w) return;
    if (w->z_init) inflateEnd(&w->z);
    free(w->win);
    free(w);
}
