/*
 * fuzz_jsonl.c -- libFuzzer target for JSON Lines records: hx_doc_from_json (strict
 * and lenient), hx_doc_analyze and hx_doc_json.
 *
 * Traps when an invariant breaks: a failure returns one of the input error codes with
 * no document; a success gives a document whose JSON output parses and echoes the
 * record's metadata.  Run with `make fuzz`.
 */
#include "hechos.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static hx_ctx *ctx_once(void)
{
    /* The harness keeps one context for the whole run (contexts are read-only). */
    static hx_ctx *ctx;
    if (!ctx) {
        hx_options opt = {getenv("HECHOS_MODELS") ? NULL : "/nonexistent", HX_STAGE_ALL, 0};
        hx_error err;
        CHECK(hx_ctx_new(&opt, &ctx, &err) == HX_OK);
    }
    return ctx;
}

static void one(const uint8_t *data, size_t size, unsigned flags)
{
    hx_doc *doc = NULL;
    hx_error err;
    hx_status st = hx_doc_from_json(ctx_once(), (const char *)data, size, flags, &doc, &err);
    if (st != HX_OK) {
        CHECK(doc == NULL);
        CHECK(st == HX_JSON || st == HX_FIELD || st == HX_UTF8 || st == HX_NUL);
        CHECK(memchr(err.msg, '\n', strlen(err.msg)) == NULL);
        return;
    }
    CHECK(hx_doc_analyze(doc, &err) == HX_OK);
    for (unsigned f = 0; f < 2; f++) {
        char *s = NULL;
        size_t len = 0;
        CHECK(hx_doc_json(doc, f ? HX_JSON_PRETTY : 0, &s, &len, &err) == HX_OK);
        json_error_t je;
        json_t *v = json_loadb(s, len, 0, &je);
        CHECK(v != NULL && json_is_object(v));
        json_t *meta = json_object_get(v, "meta");
        CHECK(meta == NULL || json_is_object(meta));
        CHECK(json_is_array(json_object_get(v, "tokens")));
        json_decref(v);
        hx_free(s);
    }
    hx_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one(data, size, 0);
    one(data, size, HX_LENIENT);
    return 0;
}
