/*
 * util.c -- growable buffers and arrays, UTF-8 decoding, JSON string escaping, errors,
 * error-message quoting, and memory for tables of megabytes (huge pages).
 *
 * Invariants: an hx__buf is always NUL-terminated once it holds memory; after an
 * allocation failure it stays marked (oom) and ignores further appends, so callers
 * check once at the end instead of after every append.
 */
#include "core/core.h"

#include <assert.h>
#include <math.h>
#include <sys/mman.h>
#include <stdio.h>
#include <string.h>

const char *hx_strerror(hx_status code)
{
    static const char *const msgs[] = {
#define HX__MSG(name, msg) msg,
        HX_STATUS_MAP(HX__MSG)
#undef HX__MSG
    };
    if ((unsigned)code >= HX__NSTATUS) return "unknown error";
    return msgs[code];
}

void hx_free(void *p) { free(p); }

hx_status hx__err(hx_error *err, hx_status code, size_t offset, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        err->offset = offset;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* ---------------------------------------------------------------- buffers */

void hx__buf_free(hx__buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

int hx__buf_drain(hx__buf *b)
{
    if (b->oom) return -1;
    if (!b->sink || b->n == 0) return 0;
    if (b->sink->fn(b->sink->ud, b->p, b->n) != 0) {
        b->sink->failed = 1;
        b->oom = 1;
        return -1;
    }
    b->n = 0;
    b->p[0] = '\0';
    return 0;
}

int hx__buf_reserve(hx__buf *b, size_t extra)
{
    if (b->oom) return -1;
    if (b->sink && b->n + extra + 1 > b->cap && hx__buf_drain(b)) return -1;
    if (extra >= SIZE_MAX / 2 - b->n) goto fail;
    if (b->n + extra + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + extra + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) goto fail;
        b->p = p;
        b->cap = cap;
        b->p[b->n] = '\0'; /* a new buffer is the empty string, as core.h promises */
    }
    return 0;
fail:
    b->oom = 1;
    return -1;
}

void hx__buf_put_slow(hx__buf *b, const void *s, size_t n)
{
    if (hx__buf_reserve(b, n)) return;
    if (n) memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void hx__buf_printf(hx__buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        hx__buf_put(b, small, (size_t)n);
        return;
    }
    if (hx__buf_reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

char *hx__json_str_raw(char *p, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    *p++ = '"';
    while (i < n) {
        unsigned char c = u[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            *p++ = (char)c;
            i++;
        } else if (c >= 0x80) {
            int32_t cp;
            size_t k = hx__utf8_decode(u + i, n - i, &cp);
            if (k) {
                memcpy(p, s + i, k);
                p += k;
                i += k;
            } else {
                memcpy(p, "\\ufffd", 6);
                p += 6;
                i++;
            }
        } else {
            *p++ = '\\';
            switch (c) {
            case '"': *p++ = '"'; break;
            case '\\': *p++ = '\\'; break;
            case '\n': *p++ = 'n'; break;
            case '\r': *p++ = 'r'; break;
            case '\t': *p++ = 't'; break;
            case '\b': *p++ = 'b'; break;
            case '\f': *p++ = 'f'; break;
            default:
                memcpy(p, "u00", 3);
                p[3] = hex[c >> 4];
                p[4] = hex[c & 15];
                p += 5;
            }
            i++;
        }
    }
    *p++ = '"';
    return p;
}

void hx__buf_json_str(hx__buf *b, const char *s, size_t n)
{
    if (n > (SIZE_MAX - 8) / 6 || hx__buf_reserve(b, 6 * n + 2)) {
        b->oom = 1;
        return;
    }
    b->n = (size_t)(hx__json_str_raw(b->p + b->n, s, n) - b->p);
    b->p[b->n] = '\0';
}

const char *hx__printable(char *out, size_t size, const char *s, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; s[i] && i < max && k + 5 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            k += (size_t)snprintf(out + k, size - k, "\\x%02x", c);
        else
            out[k++] = (char)c;
    }
    out[k] = '\0';
    return out;
}

void hx__buf_json_num(hx__buf *b, double v)
{
    if (!isfinite(v)) {
        hx__buf_puts(b, "null");
    } else if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        hx__buf_printf(b, "%.0f", v);
    } else {
        /* Shortest form that reads back to the same double. */
        char tmp[40];
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(tmp, sizeof tmp, "%.*g", prec, v);
            if (strtod(tmp, NULL) == v) break;
        }
        hx__buf_puts(b, tmp);
    }
}

/* ---------------------------------------------------------------- big tables */

void *hx__alloc_big(size_t n, int zero)
{
    enum { HUGE = 1 << 21 };
    void *p = NULL;
    size_t align = n >= HUGE ? HUGE : 64;
    size_t size = (n + align - 1) / align * align; /* aligned_alloc wants a multiple */
    if (!size || !(p = aligned_alloc(align, size))) return NULL;
#ifdef MADV_HUGEPAGE
    /* Where transparent huge pages are on request, a table of megabytes then costs a
     * few page faults and TLB entries instead of thousands: loading and random
     * look-ups both get faster.  Only advice: failure changes nothing. */
    if (align == HUGE) (void)madvise(p, size, MADV_HUGEPAGE);
#endif
    if (zero) memset(p, 0, size);
    return p;
}

/* ---------------------------------------------------------------- vectors */

void *hx__vec_push(hx__vec *v, size_t size)
{
    if (v->size == 0) v->size = size;
    assert(size > 0 && v->size == size); /* one element size per vector */
    assert(v->n <= v->cap);
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        if (cap > SIZE_MAX / size) return NULL;
        void *p = realloc(v->p, cap * size);
        if (!p) return NULL;
        v->p = p;
        v->cap = cap;
    }
    void *slot = (char *)v->p + v->n * size;
    memset(slot, 0, size);
    v->n++;
    return slot;
}

void hx__vec_free(hx__vec *v)
{
    free(v->p);
    v->p = NULL;
    v->n = v->cap = 0;
}

/* ---------------------------------------------------------------- UTF-8 */

size_t hx__utf8_count_long(const char *s, size_t n)
{
    const uint64_t hi = 0x8080808080808080ull;
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* a continuation byte is 10xxxxxx: bit 7 set, bit 6 (moved to 7 by the shift) clear */
        uint64_t c = (w & ~(w << 1) & hi) >> 7;
        cont += (size_t)((c * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++) cont += ((unsigned char)s[i] & 0xc0) == 0x80;
    return n - cont;
}

size_t hx__utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (n == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t k;
    int32_t v, min;
    if (c >= 0xc2 && c <= 0xdf) {
        k = 2, v = c & 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        k = 3, v = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        k = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < k) return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;
    *cp = v;
    return k;
}

size_t hx__utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xc0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xe0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (unsigned char)(0xf0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}
