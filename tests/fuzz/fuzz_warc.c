/*
 * fuzz_warc.c -- libFuzzer target for the WARC reader: the input is read as an
 * archive (plain or gzip) in short reads with a small record limit; every call ends
 * (HX_NOTFOUND comes after finitely many errors and articles), errors are one line,
 * no read error is invented, and the statistics add up.  Run with `make fuzz`.
 */
#include "hechos.h"

#include <stdint.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

typedef struct mem {
    const uint8_t *p;
    size_t n, at;
} mem;

static long mem_read(void *ud, void *buf, size_t n)
{
    mem *m = ud;
    size_t k = m->n - m->at < n ? m->n - m->at : n;
    if (k > 313) k = 313;
    memcpy(buf, m->p + m->at, k);
    m->at += k;
    return (long)k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mem m = {data, size, 0};
    hx_warc *w;
    hx_error err;
    CHECK(hx_warc_open(mem_read, &m, 4096, &w, &err) == HX_OK);
    hx_article *a;
    hx_status st;
    unsigned long articles = 0, calls = 0;
    while ((st = hx_warc_next(w, &a, &err)) != HX_NOTFOUND) {
        CHECK(++calls < 4 * size + 16);
        CHECK(st != HX_IO);
        if (st == HX_OK) {
            size_t n;
            CHECK(strlen(hx_article_text(a, &n)) == n);
            hx_article_free(a);
            articles++;
        } else {
            CHECK(strchr(err.msg, '\n') == NULL);
        }
    }
    hx_warc_stats s;
    hx_warc_stats_get(w, &s);
    CHECK(s.articles == articles);
    CHECK(s.articles + s.not_response + s.not_html + s.redirects + s.not_ok + s.not_spanish + s.too_big <= s.records + 1);
    hx_warc_free(w);
    return 0;
}
