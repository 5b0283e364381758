/*
 * fuzz_claims.c -- libFuzzer target for the claims stage: any text (lenient mode) is
 * analysed, and every claim must keep the invariants callers rely on -- cue, source
 * and content spans inside the input, the content not before the start of the text,
 * antecedents pointing backwards -- and the JSON must parse.  Run with `make fuzz`.
 */
#include "hechos.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static hx_ctx *ctx_once(void)
{
    static hx_ctx *ctx; /* one read-only context for the whole run */
    if (!ctx) {
        hx_options opt = {"/nonexistent", HX_STAGE_ALL, 0};
        CHECK(hx_ctx_new(&opt, &ctx, NULL) == HX_OK);
    }
    return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hx_docinfo info = {0};
    hx_doc *doc = NULL;
    info.flags = HX_LENIENT;
    CHECK(hx_doc_new(ctx_once(), (const char *)data, size, &info, &doc, NULL) == HX_OK);
    CHECK(hx_doc_analyze(doc, NULL) == HX_OK);
    size_t n = hx_doc_nclaims(doc);
    for (size_t i = 0; i < n; i++) {
        hx_claim c;
        CHECK(hx_doc_claim(doc, i, &c) == HX_OK);
        CHECK(c.cue.bstart < c.cue.bend && c.cue.bend <= size);
        CHECK(c.content.bstart < c.content.bend && c.content.bend <= size);
        CHECK(!c.has_source || (c.source.bstart < c.source.bend && c.source.bend <= size));
        CHECK(c.antecedent < (int)i);
        CHECK(c.cue_lemma && c.stance);
    }
    char *s = NULL;
    size_t len = 0;
    CHECK(hx_doc_json(doc, 0, &s, &len, NULL) == HX_OK);
    json_error_t je;
    json_t *v = json_loadb(s, len, 0, &je);
    CHECK(v != NULL);
    json_decref(v);
    hx_free(s);
    hx_doc_free(doc);
    return 0;
}
