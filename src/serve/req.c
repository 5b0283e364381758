/*
 * req.c -- request parsing for `hechos serve`, without I/O: percent-decoding with
 * validation, the route table and router, query-parameter checks and body formats.
 *
 * Invariants: a decoded string is valid UTF-8 with no NUL byte and no control
 * character but tab (anything else is refused, so no route ever sees one); the router
 * never reads past the NUL of the path; every pattern has at most one {param}, as its
 * last segment.  Outside input reaches this file first; tests/fuzz/fuzz_serve_req.c
 * feeds it arbitrary bytes.
 */
#include "serve.h"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const serve_route serve_routes[R_NROUTES] = {
    {R_INDEX, "GET", "/v1", ""},
    {R_HEALTH, "GET", "/v1/health", ""},
    {R_EXTRACT, "POST", "/v1/extract", "date tokens lenient"},
    {R_INGEST, "POST", "/v1/ingest", "date lenient"},
    {R_DOCUMENT, "GET", "/v1/documents/{id}", "tokens"},
    {R_ENTITIES, "GET", "/v1/entities", "type top"},
    {R_ENTITY, "GET", "/v1/entities/{name}", "top"},
    {R_TIMELINE, "GET", "/v1/timeline/{name}", "top"},
    {R_CLAIMS, "GET", "/v1/claims", "source about top"},
    {R_FIGURES, "GET", "/v1/figures/{about}", "top"},
    {R_CONFLICTS, "GET", "/v1/conflicts", "window top"},
    {R_GRAPH, "GET", "/v1/graph", "format top"},
    {R_SEARCH, "GET", "/v1/search", "q top"},
};

int serve_utf8_ok(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    while (p < e) {
        unsigned c = *p;
        size_t n;
        unsigned cp;
        if (c == 0) return 0;
        if (c < 0x80) { p++; continue; }
        if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1f; }
        else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0f; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07; }
        else return 0;
        if ((size_t)(e - p) <= n) return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((p[k] & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (p[k] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        p += n + 1;
    }
    return 1;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

long serve_pct_decode(const char *in, size_t n, int plus, char *out, const char **why)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == '%') {
            int a = i + 1 < n ? hexval((unsigned char)in[i + 1]) : -1;
            int b = i + 2 < n ? hexval((unsigned char)in[i + 2]) : -1;
            int h = a >= 0 && b >= 0 ? a * 16 + b : -1;
            if (h < 0) {
                *why = "bad percent escape";
                return -1;
            }
            c = (unsigned char)h;
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == 0 || (c < 0x20 && c != '\t') || c == 0x7f) {
            *why = c == 0 ? "NUL byte" : "control character";
            return -1;
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    if (!serve_utf8_ok(out, o)) {
        *why = "invalid UTF-8";
        return -1;
    }
    return (long)o;
}

const serve_route *serve_route_find(const char *path, char **arg, const char **why)
{
    *arg = NULL;
    *why = NULL;
    size_t plen = strlen(path);
    if (plen > 1 && path[plen - 1] == '/') plen--; /* "/v1/entities/" is "/v1/entities" */
    for (size_t r = 0; r < R_NROUTES; r++) {
        const char *pat = serve_routes[r].pattern, *brace = strchr(pat, '{');
        size_t fixed = brace ? (size_t)(brace - pat) : strlen(pat);
        if (!brace) {
            if (plen == fixed && memcmp(path, pat, fixed) == 0) return &serve_routes[r];
            continue;
        }
        assert(pat[strlen(pat) - 1] == '}');
        if (plen <= fixed || memcmp(path, pat, fixed) != 0) continue;
        const char *seg = path + fixed;
        size_t sn = plen - fixed;
        if (memchr(seg, '/', sn)) continue; /* one segment only (%2F is allowed) */
        char *d = malloc(sn + 1);
        if (!d) {
            *why = "out of memory";
            return NULL;
        }
        long k = serve_pct_decode(seg, sn, 0, d, why);
        if (k <= 0) {
            if (k == 0) *why = "empty parameter";
            free(d);
            return NULL;
        }
        *arg = d;
        return &serve_routes[r];
    }
    return NULL;
}

int serve_word_in(const char *list, const char *name)
{
    size_t n = strlen(name);
    if (n == 0) return 0;
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && memcmp(p, name, n) == 0) return 1;
        p += l;
        while (*p == ' ') p++;
    }
    return 0;
}

/* Does the media type (before any ';') equal t, ignoring case and spaces? */
static int media_is(const char *ct, const char *t)
{
    while (*ct == ' ') ct++;
    size_t n = strlen(t);
    if (strncasecmp(ct, t, n) != 0) return 0;
    ct += n;
    while (*ct == ' ') ct++;
    return *ct == '\0' || *ct == ';';
}

serve_body_kind serve_body_kind_of(const char *ct)
{
    if (!ct || !*ct || media_is(ct, "text/plain")) return BODY_TEXT;
    if (media_is(ct, "application/json")) return BODY_JSON;
    if (media_is(ct, "application/x-ndjson") || media_is(ct, "application/jsonl") ||
        media_is(ct, "application/jsonlines") || media_is(ct, "application/json-lines"))
        return BODY_JSONL;
    return BODY_UNSUPPORTED;
}

int serve_parse_long(const char *s, long lo, long hi, long *out)
{
    long v = 0;
    if (!s || !*s || strlen(s) > 12) return -1;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return -1;
        v = v * 10 + (*p - '0');
    }
    if (v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

int serve_each_line(const char *body, size_t len,
                    int (*fn)(void *ud, unsigned long lineno, const char *line, size_t n), void *ud)
{
    unsigned long lineno = 0;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(body + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - body) : len, n = end - i;
        lineno++;
        if (n && body[i + n - 1] == '\r') n--;
        size_t k = 0;
        while (k < n && (body[i + k] == ' ' || body[i + k] == '\t')) k++;
        if (k < n) {
            int r = fn(ud, lineno, body + i, n);
            if (r) return r;
        }
        i = end + 1;
    }
    return 0;
}

int serve_buf_add(serve_buf *b, const char *p, size_t n)
{
    if (n >= SIZE_MAX / 4 - b->n) return -1;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1) cap *= 2;
        char *nb = realloc(b->p, cap);
        if (!nb) return -1;
        b->p = nb;
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}
