/*
 * fuzz_timex.c -- libFuzzer target for the time expressions: hx_recognize("datetime")
 * with and without a reference date, and the times layer of a document
 * (hx_doc_analyze with HX_STAGE_TIMES and a publication date), on arbitrary input.
 *
 * Besides crashes and sanitizer reports it traps when an invariant breaks: the
 * recogniser's output parses as a JSON array whose Start <= End lie inside the input
 * (in code points), in order; document times lie inside the text, in order, without
 * overlapping, with a non-empty NUL-terminated value and a known type.  The first
 * input byte picks the reference date.  Run with `make fuzz`.
 */
#include "hechos.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static hx_ctx *ctx_once(void)
{
    /* One read-only context for the whole run. */
    static hx_ctx *ctx;
    if (!ctx) {
        hx_options opt = {"/nonexistent", HX_STAGE_TOKENS | HX_STAGE_TIMES, 0};
        hx_error err;
        CHECK(hx_ctx_new(&opt, &ctx, &err) == HX_OK);
    }
    return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* leap days, year ends, a Sunday, no date at all */
    static const char *const refs[] = {NULL, "2016-02-29T23:59:59", "2024-12-31",
                                       "2025-07-13T15:30:00", "1999-01-01T00:00:00"};
    if (size == 0)
        return 0;
    const char *ref = refs[data[0] % (sizeof refs / sizeof refs[0])];
    const char *text = (const char *)data + 1;
    size--;
    hx_ctx *ctx = ctx_once();
    size_t cps = 0;
    for (size_t i = 0; i < size; i++)
        cps += ((uint8_t)text[i] & 0xC0) != 0x80;
    char *out = NULL;
    hx_error err;
    if (hx_recognize(ctx, "datetime", text, size, ref, &out, &err) == HX_OK) {
        json_error_t jerr;
        json_t *a = json_loads(out, 0, &jerr);
        CHECK(json_is_array(a));
        json_int_t prev = -1;
        for (size_t i = 0; i < json_array_size(a); i++) {
            json_t *r = json_array_get(a, i);
            json_int_t s = json_integer_value(json_object_get(r, "Start"));
            json_int_t e = json_integer_value(json_object_get(r, "End"));
            CHECK(s > prev && s <= e && (size_t)e < cps);
            CHECK(json_is_array(json_object_get(json_object_get(r, "Resolution"), "values")));
            prev = e;
        }
        json_decref(a);
        hx_free(out);
    }
    hx_doc *doc = NULL;
    hx_docinfo info = {0};
    info.flags = HX_LENIENT;
    info.date = ref;
    if (hx_doc_new(ctx, text, size, &info, &doc, &err) == HX_OK &&
        hx_doc_analyze(doc, &err) == HX_OK) {
        size_t prev = 0;
        for (size_t i = 0; i < hx_doc_ntimes(doc); i++) {
            hx_time t;
            CHECK(hx_doc_time(doc, i, &t) == HX_OK);
            CHECK(t.span.bstart >= prev && t.span.bstart < t.span.bend && t.span.bend <= size);
            CHECK(t.value && t.value[0] && strlen(t.value) < 32);
            CHECK(!strcmp(t.type, "DATE") || !strcmp(t.type, "TIME") ||
                  !strcmp(t.type, "DURATION") || !strcmp(t.type, "SET"));
            prev = t.span.bend;
        }
    }
    hx_doc_free(doc);
    return 0;
}
