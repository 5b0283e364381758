/*
 * test_tokenize.c -- token-boundary accuracy of the tokenizer against CoNLL-2002.
 *
 * The sentences of esp.testa (and esp.train) are turned back into text with the
 * spacing rule of tools/detok.h and tokenised again; the F1 of token spans must stay
 * at or above the floor reached (0.996 measured on testa, see docs/tokenizer.md).
 */
#include "testutil.h"

#include "../tools/detok.h"
#include "hechos.h"

static double boundary_f1(const char *rel)
{
    char *path = tu_shared_path(rel);
    FILE *f = fopen(path, "r");
    detok d;
    assert_non_null(f);
    assert_int_equal(detok_read(&d, f), 0);
    fclose(f);
    free(path);

    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_ctx *ctx;
    hx_doc *doc;
    hx_error err;
    assert_int_equal(hx_ctx_new(&opt, &ctx, &err), HX_OK);
    assert_int_equal(hx_doc_new(ctx, d.text, d.len, NULL, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    size_t n = hx_doc_ntokens(doc), g = 0, correct = 0;
    for (size_t i = 0; i < n; i++) {
        hx_token t;
        assert_int_equal(hx_doc_token(doc, i, &t), HX_OK);
        while (g < d.ntok && d.spans[2 * g] < t.span.start) g++;
        if (g < d.ntok && d.spans[2 * g] == t.span.start && d.spans[2 * g + 1] == t.span.end) correct++;
    }
    double p = (double)correct / (double)n, r = (double)correct / (double)d.ntok;
    double f1 = 2 * p * r / (p + r);
    print_message("%s: gold %zu predicted %zu correct %zu P %.4f R %.4f F1 %.4f\n", rel, d.ntok, n,
                  correct, p, r, f1);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
    detok_free(&d);
    return f1;
}

static void testa_boundary_f1_stays_above_floor(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(boundary_f1("data/conll2002/esp.testa") >= 0.9955);
}

static void train_boundary_f1_stays_above_floor(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(boundary_f1("data/conll2002/esp.train") >= 0.995);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(testa_boundary_f1_stays_above_floor),
        cmocka_unit_test(train_boundary_f1_stays_above_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
