/*
 * fuzz_store.c -- libFuzzer target for the store's document reader: hx__json_parse
 * (jansson, laid out flat by store_json.c) and hx_store_ingest_json into a store in
 * memory.
 *
 * Traps when an invariant breaks: a parse failure has a one-line message and a position
 * inside the input; a parsed tree has every subtree ending within the array and after
 * its own index; ingestion either stores the document or fails with an input error and
 * a one-line message, never a crash.  Run with `make fuzz`.
 */
#include "hechos.h"
#include "store/store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static void walk(const uint8_t *data, size_t size)
{
    hx__json j;
    if (hx__json_parse(&j, (const char *)data, size)) {
        CHECK(j.err != NULL && strchr(j.err, '\n') == NULL);
        CHECK(j.err_at <= size);
        hx__json_free(&j);
        return;
    }
    CHECK(j.n > 0 && j.v[0].next == j.n);
    for (size_t i = 0; i < j.n; i++) {
        CHECK(j.v[i].next > i && j.v[i].next <= j.n);
        if (j.v[i].type == HX__J_STR) CHECK(strlen(j.v[i].s) == j.v[i].len);
    }
    char *all = hx__json_dump(&j, 0);
    CHECK(all != NULL);
    free(all);
    hx__json_free(&j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    walk(data, size);
    hx_store *st;
    hx_error err;
    int added = 0;
    CHECK(hx_store_open(":memory:", 0, &st, &err) == HX_OK);
    hx_status rc = hx_store_ingest_json(st, (const char *)data, size, &added, &err);
    if (rc != HX_OK) CHECK(strchr(err.msg, '\n') == NULL && !added);
    hx_store_close(st);
    return 0;
}
