/*
 * tokens_out.c -- the token layer as text lines (`hechos tokenize`): one token per line,
 * "TOKEN<TAB>START<TAB>END" in code points of the input (or the token alone), an empty
 * line between sentences, written through a sink (hx__buf) in 64 KB pieces.
 *
 * Written for speed (issue 22: tokenize at the speed of the tokenizer): when
 * normalisation changed nothing, offsets are counted on from one token to the next
 * instead of from the nearest checkpoint, and each number is made by adding to the
 * digits of the one before (offsets only grow, by a few code points at a time).
 */
#include "core/core.h"

/* A number kept as its decimal digits d[k..24); d[24..40) is padding, so that the
 * digits can be copied 16 bytes at a time. */
typedef struct decnum {
    char d[40];
    int k;
    size_t v;
} decnum;

/* Appends TAB and v: the digits of the last number plus the difference (most often a
 * few units: the last digit and a carry), or converted when v went back or jumped. */
static char *put_num(char *p, decnum *x, size_t v)
{
    if (x->k < 24 && v >= x->v && v - x->v < 10) {
        unsigned c = (unsigned)(x->d[23] - '0') + (unsigned)(v - x->v);
        x->v = v;
        x->d[23] = (char)('0' + c % 10);
        for (int i = 22; c >= 10; i--) { /* carry */
            if (i < x->k) {
                x->d[--x->k] = '1';
                break;
            }
            c = x->d[i] == '9' ? 10 : 0;
            x->d[i] = c ? '0' : (char)(x->d[i] + 1);
        }
    } else {
        x->k = 24;
        x->v = v;
        do x->d[--x->k] = (char)('0' + v % 10), v /= 10;
        while (v);
    }
    int len = 24 - x->k;
    *p++ = '\t';
    memcpy(p, x->d + x->k, 16); /* the caller made room for 64 bytes */
    if (len > 16) memcpy(p + 16, x->d + x->k + 16, 8);
    return p + len;
}

hx_status hx_doc_tokens_write(const hx_doc *doc, unsigned flags, size_t base, hx_write_fn write, void *ud,
                              hx_error *err)
{
    if (!doc || !write) return hx__err(err, HX_INVAL, SIZE_MAX, "document or writer is NULL");
    hx__sink sink = {write, ud, 0};
    hx__buf b = {0};
    hx__buf_reserve(&b, (size_t)1 << 16);
    b.sink = &sink;
    const hx__tok *t = doc->toks.p;
    const hx__sent *sents = doc->sents.p;
    decnum num = {{0}, 24, 0}; /* k = 24: no number yet */
    size_t at = SIZE_MAX, cps = 0;
    for (size_t s = 0; s < doc->sents.n && !b.oom; s++) {
        if (s || (flags & HX_TOKENS_BLANK_FIRST)) hx__buf_putc(&b, '\n');
        for (size_t i = sents[s].first; i < sents[s].last; i++) {
            size_t n = t[i].b1 - t[i].b0;
            if (b.cap - b.n <= n + 64 && hx__buf_reserve(&b, n + 64)) break;
            char *p = b.p + b.n;
            if (n <= 16 && t[i].b0 + 16 <= doc->len) memcpy(p, doc->text + t[i].b0, 16); /* whole words */
            else memcpy(p, doc->text + t[i].b0, n);
            p += n;
            if (!(flags & HX_TOKENS_CONLL)) {
                hx_span sp;
                if (doc->anchors.n == 0 && at != SIZE_MAX && at <= t[i].b0) {
                    sp.start = cps + hx__utf8_count(doc->text + at, t[i].b0 - at);
                    sp.end = sp.start + hx__utf8_count(doc->text + t[i].b0, n);
                } else {
                    sp = hx__doc_span(doc, t[i].b0, t[i].b1);
                }
                at = t[i].b1, cps = sp.end;
                p = put_num(put_num(p, &num, base + sp.start), &num, base + sp.end);
            }
            *p++ = '\n';
            *p = '\0';
            b.n = (size_t)(p - b.p);
        }
    }
    hx__buf_drain(&b);
    hx__buf_free(&b);
    if (sink.failed) return hx__err(err, HX_IO, SIZE_MAX, "write error");
    if (b.oom) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    return HX_OK;
}
