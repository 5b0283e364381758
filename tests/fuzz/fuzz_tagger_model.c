/*
 * fuzz_tagger_model.c -- libFuzzer harness for the tagger's model file parser: any
 * bytes must give HX_OK or an error status (HX_MODEL, HX_NOMEM), never a crash, and
 * an accepted model must tag a sentence.
 */
#include "tagger/tagger.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_parse(const uint8_t *data, size_t size)
{
    hx__tagger *m = NULL;
    hx_error err;
    if (hx__tagger_parse(data, size, &m, &err) == HX_OK) {
        hx__word w[3] = {{"El", 2}, {"Madrid", 6}, {".", 1}};
        const char *pos[3] = {"DA", "NP", "Fp"};
        hx__tagger_scan s = {0};
        uint8_t out[3];
        hx__tag_words(m, w, m->task == HX__TASK_NER ? pos : NULL, 3, &s, out);
        hx__scratch_free(&s);
        hx__tagger_free(m);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try_parse(data, size);
    /* The same bytes with a valid length and checksum, so that mutations reach the
     * structural checks behind the checksum. */
    if (size >= 24) {
        uint8_t *b = malloc(size);
        if (!b)
            return 0;
        memcpy(b, data, size);
        memcpy(b, "HXTM", 4);
        uint64_t plen = size - 24, h = 0xcbf29ce484222325ull;
        for (size_t i = 24; i < size; i++) {
            h ^= b[i];
            h *= 0x100000001b3ull;
        }
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (uint8_t)(plen >> (8 * i));
            b[16 + i] = (uint8_t)(h >> (8 * i));
        }
        try_parse(b, size);
        free(b);
    }
    return 0;
}
