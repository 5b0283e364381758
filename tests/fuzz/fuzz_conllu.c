/*
 * fuzz_conllu.c -- libFuzzer harness for the CoNLL-U reader (src/parse/conllu.c): any
 * bytes must give HX_OK or an error status with a message naming the line, never a
 * crash; an accepted file must keep its invariants (word ids 1..n, heads a tree), and
 * the scorer must accept a file read with heads against itself.
 */
#include "parse/parse.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hx__conllu c;
    hx_error err;
    for (int need = 0; need < 2; need++) {
        if (hx__conllu_read((const char *)data, size, "fuzz", need, &c, &err) != HX_OK) {
            assert(strncmp(err.msg, "fuzz:", 5) == 0 || strstr(err.msg, "memory"));
            continue;
        }
        for (size_t s = 0; s < c.nsent; s++) {
            const hx__cu_sent *cs = &c.sent[s];
            assert(cs->nw > 0 && cs->w0 + cs->nw <= c.nword);
            for (size_t i = 0; i < cs->nw; i++) {
                int32_t h = c.head[cs->w0 + i];
                assert(h == -2 || (h >= -1 && h < (int32_t)cs->nw));
                for (int k = 0; k < 10; k++)
                    assert(hx__cu_field(&c, cs->w0 + i, k)[0] != '\0');
            }
            (void)hx__cu_fold(&c, s);
        }
        if (need) {
            char *rep = NULL;
            hx_status st = hx_conllu_score((const char *)data, size, "g", (const char *)data,
                                           size, "s", HX_SPLIT_ALL, &rep, &err);
            assert(st == HX_OK || st == HX_NOMEM);
            free(rep);
        }
        hx__conllu_free(&c);
    }
    return 0;
}
