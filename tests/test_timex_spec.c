/*
 * test_timex_spec.c -- runs every case of the Recognizers-Text DateTime spec
 * (recognizers-es/DateTime-DateTimeModel.json in the shared data) through the
 * datetime recogniser with the case's reference date, and asserts the pass rate.
 *
 * The cases go through the public hx_recognize(ctx, "datetime", ...).
 * A case passes when the results are the same in number and order, each with the same
 * Text, Start, End, TypeName and the same Resolution.values (objects compared
 * member by member, order of members ignored).  Set HX_SPEC_VERBOSE=1 to print the
 * failing cases.  The floor sits a little below the measured rate so that a
 * regression fails.
 */
#include "testutil.h"

#include "hechos.h"

#include <jansson.h>

#define SPEC_FLOOR 0.85 /* measured 87.3% (351/402) */

static int same_result(json_t *want, json_t *got)
{
    const char *keys[] = {"Text", "Start", "End", "TypeName"};
    for (size_t k = 0; k < 4; k++)
        if (!json_equal(json_object_get(want, keys[k]), json_object_get(got, keys[k])))
            return 0;
    json_t *wv = json_object_get(json_object_get(want, "Resolution"), "values");
    json_t *gv = json_object_get(json_object_get(got, "Resolution"), "values");
    return json_equal(wv, gv);
}

/* Runs one case; returns 1 when it passes. */
static int run_case(const hx_ctx *ctx, json_t *c, int verbose)
{
    const char *input = json_string_value(json_object_get(c, "Input"));
    const char *ref = json_string_value(
        json_object_get(json_object_get(c, "Context"), "ReferenceDateTime"));
    json_t *want = json_object_get(c, "Results");
    if (!input || !json_is_array(want))
        return 0;
    char *out = NULL;
    hx_error err;
    hx_status st = hx_recognize(ctx, "datetime", input, strlen(input), ref, &out, &err);
    int ok = 0;
    json_t *got = NULL;
    if (st == HX_OK) {
        json_error_t je;
        got = json_loads(out, 0, &je);
        assert_non_null(got); /* the output is always valid JSON */
        ok = json_array_size(got) == json_array_size(want);
        for (size_t k = 0; ok && k < json_array_size(want); k++)
            ok = same_result(json_array_get(want, k), json_array_get(got, k));
    }
    if (!ok && verbose) {
        char *w = json_dumps(want, JSON_ENSURE_ASCII * 0);
        printf("FAIL %s | ref %s\n  want %s\n  got  %s\n", input, ref ? ref : "-", w,
               out ? out : "(error)");
        free(w);
    }
    json_decref(got);
    hx_free(out);
    return ok;
}

static void spec_pass_rate_holds(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *path = tu_shared_path("data/recognizers-es/DateTime-DateTimeModel.json");
    TU_REQUIRE_FILE(path);
    json_error_t je;
    json_t *cases = json_load_file(path, 0, &je);
    free(path);
    assert_non_null(cases);
    int verbose = getenv("HX_SPEC_VERBOSE") && *getenv("HX_SPEC_VERBOSE") == '1';
    hx_options o = {0};
    o.stages = HX_STAGE_TOKENS;
    o.models_dir = "/nonexistent";
    hx_ctx *ctx = NULL;
    assert_int_equal(hx_ctx_new(&o, &ctx, NULL), HX_OK);
    size_t n = json_array_size(cases), pass = 0;
    for (size_t k = 0; k < n; k++)
        pass += (size_t)run_case(ctx, json_array_get(cases, k), verbose);
    hx_ctx_free(ctx);
    double rate = n ? (double)pass / (double)n : 0;
    printf("datetime spec: %zu/%zu cases pass (%.1f%%)\n", pass, n, 100 * rate);
    json_decref(cases);
    assert_true(n > 0);
    assert_true(rate >= SPEC_FLOOR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spec_pass_rate_holds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
