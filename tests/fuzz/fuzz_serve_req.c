/*
 * fuzz_serve_req.c -- libFuzzer target for the request parsing of `hechos serve`
 * (src/serve/req.c): percent-decoding of paths and query strings, the router, the
 * Content-Type of bodies, numbers in parameters and the JSON Lines splitter.  The
 * first byte picks the reader, the rest is its input.  req.c is included here because
 * it is linked into bin/hechos, not into the library the fuzz rule builds.
 */
#include "serve/req.c"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int on_line(void *ud, unsigned long lineno, const char *line, size_t n)
{
    size_t *total = ud;
    assert(lineno > 0 && n > 0 && memchr(line, '\n', n) == NULL);
    *total += n + (size_t)serve_utf8_ok(line, n);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    char *s = malloc(size);
    if (!s) return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0'; /* a C string of the input (cut at its first NUL) */
    size_t n = size - 1;
    switch (data[0] % 5) {
    case 0: {
        char *out = malloc(n + 1);
        const char *why = NULL;
        long k = out ? serve_pct_decode((const char *)data + 1, n, data[0] & 8, out, &why) : 0;
        assert(k < 0 ? why != NULL : (size_t)k <= n && serve_utf8_ok(out, (size_t)k) && strlen(out) == (size_t)k);
        free(out);
        break;
    }
    case 1: {
        char *arg;
        const char *why;
        const serve_route *r = serve_route_find(s, &arg, &why);
        assert(!r || !why);
        assert(!arg || (r && strchr(r->pattern, '{') && serve_utf8_ok(arg, strlen(arg))));
        free(arg);
        break;
    }
    case 2: {
        serve_body_kind k = serve_body_kind_of(s);
        assert(k >= BODY_TEXT && k <= BODY_UNSUPPORTED);
        (void)serve_word_in("date tokens lenient", s);
        break;
    }
    case 3: {
        long v = -1;
        if (serve_parse_long(s, 0, 10000, &v) == 0) assert(v >= 0 && v <= 10000);
        break;
    }
    default: {
        size_t total = 0;
        serve_each_line((const char *)data + 1, n, on_line, &total);
        assert(total <= 2 * n);
    }
    }
    free(s);
    return 0;
}
