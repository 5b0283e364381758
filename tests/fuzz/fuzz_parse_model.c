/*
 * fuzz_parse_model.c -- libFuzzer target for the dependency parser's models
 * (parse.hxm and ud-upos.hxm, src/parse/parse_api.c): the bytes are read as a model
 * file (hx__tagger_parse) and, when accepted, checked and prepared as the parser's
 * weights or as its UD tagger (hx__parser_init), the other model being the shipped one
 * from models/ ($HECHOS_MODELS, else ./models) when present.  Any bytes must give
 * HX_OK or an error status, never a crash; an accepted pair must parse a sentence into
 * a tree.  The first byte chooses the role; the rest is the file.
 */
#include "parse/parse.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The shipped model NAME (loaded once), or NULL when missing. */
static hx__tagger *shipped(const char *name, hx__tagger **slot, int *tried)
{
    if (!*tried) {
        char path[4096];
        const char *dir = getenv("HECHOS_MODELS");
        hx_error err;
        snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "models", name);
        if (hx__tagger_load(path, slot, &err) != HX_OK)
            *slot = NULL;
        *tried = 1;
    }
    return *slot;
}

static void parse_one(const hx__parser *p)
{
    hx__word w[5] = {{"El", 2}, {"Gobierno", 8}, {"anunció", 8}, {"ayer", 4}, {".", 1}};
    hx__parse_scan s = {0};
    if (hx__parse_sentence(p, &s, w, 5) == 0) {
        int roots = 0;
        for (size_t i = 0; i < 5; i++) {
            assert(s.head[i] >= -1 && s.head[i] < 5 && s.head[i] != (int32_t)i);
            roots += s.head[i] == -1;
        }
        assert(roots == 1);
    }
    hx__pscratch_free(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static hx__tagger *pm, *um;
    static int pt, ut;
    if (size < 1)
        return 0;
    int as_upos = data[0] & 1;
    hx__tagger *m = NULL;
    hx_error err;
    if (hx__tagger_parse(data + 1, size - 1, &m, &err) != HX_OK)
        return 0;
    hx__parser p = {0};
    p.m = as_upos ? shipped("parse.hxm", &pm, &pt) : m;
    p.upos = as_upos ? m : shipped("ud-upos.hxm", &um, &ut);
    if (!p.upos)
        p.upos = m; /* no shipped model: the same file in both roles */
    if (!p.m)
        p.m = m;
    hx_status st = hx__parser_init(&p, &err);
    assert(st == HX_OK || st == HX_MODEL || st == HX_NOMEM);
    if (st == HX_OK)
        parse_one(&p);
    hx__parser_release(&p);
    hx__tagger_free(m);
    return 0;
}
