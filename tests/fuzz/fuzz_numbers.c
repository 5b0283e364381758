/*
 * fuzz_numbers.c -- libFuzzer target for the number recognisers: hx_recognize with
 * every number kind, and the quantities layer of a document (hx_doc_analyze with
 * HX_STAGE_NUMBERS), on arbitrary UTF-8.
 *
 * Besides crashes and sanitizer reports it traps when an invariant breaks: the
 * recogniser's output parses as a JSON array whose Start <= End lie inside the input
 * (in code points); quantities lie inside the text, in order, without overlapping, and
 * `of` spans too.  Run with `make fuzz`.
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
        hx_options opt = {"/nonexistent", HX_STAGE_TOKENS | HX_STAGE_NUMBERS, 0};
        hx_error err;
        CHECK(hx_ctx_new(&opt, &ctx, &err) == HX_OK);
    }
    return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const kinds[] = {"number", "ordinal", "percent", "numberrange",
                                        "currency", "dimension", "age", "temperature"};
    hx_ctx *ctx = ctx_once();
    const char *text = (const char *)data;
    size_t cps = 0;
    for (size_t i = 0; i < size; i++)
        cps += (data[i] & 0xC0) != 0x80;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        char *out = NULL;
        hx_error err;
        if (hx_recognize(ctx, kinds[k], text, size, NULL, &out, &err) != HX_OK)
            continue; /* invalid UTF-8 or a NUL: refused, fine */
        json_error_t jerr;
        json_t *a = json_loads(out, 0, &jerr);
        CHECK(json_is_array(a));
        for (size_t i = 0; i < json_array_size(a); i++) {
            json_t *r = json_array_get(a, i);
            json_int_t s = json_integer_value(json_object_get(r, "Start"));
            json_int_t e = json_integer_value(json_object_get(r, "End"));
            CHECK(s >= 0 && s <= e && (size_t)e < cps);
        }
        json_decref(a);
        hx_free(out);
    }
    hx_doc *doc = NULL;
    hx_error err;
    hx_docinfo info = {0};
    info.flags = HX_LENIENT;
    if (hx_doc_new(ctx, text, size, &info, &doc, &err) == HX_OK &&
        hx_doc_analyze(doc, &err) == HX_OK) {
        size_t prev = 0;
        for (size_t i = 0; i < hx_doc_nquantities(doc); i++) {
            hx_quantity q;
            CHECK(hx_doc_quantity(doc, i, &q) == HX_OK);
            CHECK(q.span.bstart >= prev && q.span.bstart < q.span.bend && q.span.bend <= size);
            CHECK(q.of.bstart <= q.of.bend && q.of.bend <= size);
            prev = q.span.bend;
        }
    }
    hx_doc_free(doc);
    return 0;
}
