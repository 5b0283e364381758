/*
 * fuzz_events.c -- libFuzzer target for the events stage: any text (lenient mode) is
 * analysed and every event must keep the invariants callers rely on -- trigger, actor,
 * target and place inside the input and inside the event's sentence, indices into the
 * times, quantities and claims layers in range, CAMEO codes made of 2 to 4 digits, counts
 * either -1 or non-negative -- and the JSON must parse.  Run with `make fuzz`.
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
        /* $HECHOS_FUZZ_MODELS (e.g. models): with the tagger and the parser, so the
         * tree-reading paths run too; without it, the rules alone (faster). */
        const char *m = getenv("HECHOS_FUZZ_MODELS");
        hx_options opt = {m && *m ? m : "/nonexistent", HX_STAGE_ALL, 0};
        CHECK(hx_ctx_new(&opt, &ctx, NULL) == HX_OK);
    }
    return ctx;
}

static void check_span(hx_span sp, hx_span sent, size_t size)
{
    CHECK(sp.bstart < sp.bend && sp.bend <= size);
    CHECK(sp.bstart >= sent.bstart && sp.bend <= sent.bend);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hx_docinfo info = {0};
    hx_doc *doc = NULL;
    info.flags = HX_LENIENT;
    info.date = "2024-02-29";
    CHECK(hx_doc_new(ctx_once(), (const char *)data, size, &info, &doc, NULL) == HX_OK);
    CHECK(hx_doc_analyze(doc, NULL) == HX_OK);
    size_t n = hx_doc_nevents(doc);
    for (size_t i = 0; i < n; i++) {
        hx_event e;
        hx_sentence s;
        CHECK(hx_doc_event(doc, i, &e) == HX_OK);
        CHECK(hx_doc_sentence(doc, e.sentence, &s) == HX_OK);
        CHECK(e.type != NULL);
        if (e.cameo) {
            size_t k = strlen(e.cameo);
            CHECK(k >= 2 && k <= 4);
            for (size_t j = 0; j < k; j++) CHECK(e.cameo[j] >= '0' && e.cameo[j] <= '9');
        }
        check_span(e.trigger, s.span, size);
        if (e.actor.present) check_span(e.actor.span, s.span, size);
        if (e.target.present) check_span(e.target.span, s.span, size);
        if (e.has_place) check_span(e.place, s.span, size);
        CHECK(e.time_index < (long)hx_doc_ntimes(doc));
        CHECK(e.quantity_index < (long)hx_doc_nquantities(doc));
        CHECK(e.claim < (long)hx_doc_nclaims(doc));
        CHECK(e.actor.entity < (long)hx_doc_nentities(doc) && e.target.entity < (long)hx_doc_nentities(doc));
        const double c[5] = {e.killed, e.wounded, e.captured, e.arrested, e.displaced};
        for (int k = 0; k < 5; k++) CHECK(c[k] == -1 || c[k] >= 0);
    }
    char *js = NULL;
    size_t len = 0;
    CHECK(hx_doc_json(doc, 0, &js, &len, NULL) == HX_OK);
    json_error_t je;
    json_t *v = json_loadb(js, len, 0, &je);
    CHECK(v != NULL);
    CHECK(json_array_size(json_object_get(v, "events")) == n);
    json_decref(v);
    hx_free(js);
    hx_doc_free(doc);
    return 0;
}
