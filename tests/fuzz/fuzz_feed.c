/*
 * fuzz_feed.c -- libFuzzer target for hx_feed_parse: a failure is HX_JSON (not XML),
 * HX_UNSUPPORTED (neither RSS nor Atom) or HX_TOOBIG with a one-line message and no
 * feed; a success gives items whose texts have the length they claim.  Run with
 * `make fuzz`.
 */
#include "hechos.h"

#include <stdint.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hx_feed *f = NULL;
    hx_error err;
    hx_status st = hx_feed_parse((const char *)data, size, &f, &err);
    (void)hx_feed_sniff((const char *)data, size);
    if (st != HX_OK) {
        CHECK(f == NULL);
        CHECK(st == HX_JSON || st == HX_UNSUPPORTED || st == HX_TOOBIG);
        CHECK(strchr(err.msg, '\n') == NULL);
        return 0;
    }
    for (size_t i = 0; i < hx_feed_count(f); i++) {
        size_t n;
        const char *t = hx_article_text(hx_feed_item(f, i), &n);
        CHECK(strlen(t) == n);
    }
    CHECK(hx_feed_item(f, hx_feed_count(f)) == NULL);
    hx_feed_free(f);
    return 0;
}
