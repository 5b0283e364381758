/*
 * fuzz_tokenize.c -- libFuzzer target for text input: hx_doc_new (strict and lenient),
 * hx_doc_analyze, every accessor and hx_doc_json (compact and pretty).
 *
 * Besides crashes and sanitizer reports it checks the invariants callers rely on, and
 * traps when one breaks: lenient mode accepts any input; spans lie inside the input,
 * are ordered and agree between tokens and sentences; a strict failure names a byte
 * inside the input; the JSON output parses.  Run with `make fuzz`.
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

static void check_json(const hx_doc *doc, unsigned flags)
{
    char *s = NULL;
    size_t len = 0;
    hx_error err;
    CHECK(hx_doc_json(doc, flags, &s, &len, &err) == HX_OK);
    CHECK(s && strlen(s) == len);
    json_error_t je;
    json_t *v = json_loadb(s, len, 0, &je);
    CHECK(v != NULL);
    json_decref(v);
    hx_free(s);
}

static void check_doc(hx_doc *doc, size_t size)
{
    hx_error err;
    CHECK(hx_doc_analyze(doc, &err) == HX_OK);
    size_t nt = hx_doc_ntokens(doc), ns = hx_doc_nsentences(doc), prev_end = 0;
    for (size_t i = 0; i < nt; i++) {
        hx_token t;
        CHECK(hx_doc_token(doc, i, &t) == HX_OK);
        CHECK(t.len > 0);
        CHECK(t.span.bstart < t.span.bend && t.span.bend <= size);
        CHECK(t.span.start < t.span.end && t.span.end <= size);
        CHECK(t.span.bstart >= prev_end);
        CHECK(t.sentence < ns);
        prev_end = t.span.bend;
    }
    size_t next = 0;
    for (size_t s = 0; s < ns; s++) {
        hx_sentence st;
        CHECK(hx_doc_sentence(doc, s, &st) == HX_OK);
        CHECK(st.first == next && st.last > st.first && st.last <= nt);
        next = st.last;
    }
    CHECK(next == nt);
    for (size_t i = 0; i < hx_doc_nmentions(doc); i++) {
        hx_mention m;
        CHECK(hx_doc_mention(doc, i, &m) == HX_OK);
        CHECK(m.first < m.last && m.last <= nt && m.span.bend <= size);
    }
    for (size_t i = 0; i < hx_doc_nquantities(doc); i++) {
        hx_quantity q;
        CHECK(hx_doc_quantity(doc, i, &q) == HX_OK);
        CHECK(q.span.bstart <= q.span.bend && q.span.bend <= size);
    }
    for (size_t i = 0; i < hx_doc_ntimes(doc); i++) {
        hx_time t;
        CHECK(hx_doc_time(doc, i, &t) == HX_OK);
        CHECK(t.span.bstart <= t.span.bend && t.span.bend <= size && t.value);
    }
    check_json(doc, 0);
    check_json(doc, HX_JSON_PRETTY | HX_JSON_NO_TOKENS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hx_ctx *ctx = ctx_once();
    hx_docinfo info = {0};
    hx_doc *doc = NULL;
    hx_error err;
    info.date = "2025-07-12";

    hx_status st = hx_doc_new(ctx, (const char *)data, size, &info, &doc, &err);
    if (st == HX_OK) {
        check_doc(doc, size);
    } else {
        CHECK(doc == NULL && (st == HX_UTF8 || st == HX_NUL) && err.offset < size);
    }
    hx_doc_free(doc);

    info.flags = HX_LENIENT;
    CHECK(hx_doc_new(ctx, (const char *)data, size, &info, &doc, &err) == HX_OK);
    check_doc(doc, size);
    hx_doc_free(doc);
    return 0;
}
