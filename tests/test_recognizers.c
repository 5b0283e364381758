/*
 * test_recognizers.c -- runs every case of the Recognizers-Text Spanish spec files for
 * the number kinds (Number, Ordinal, Percent, NumberRange, Currency, Dimension, Age,
 * Temperature) through hx_recognize and asserts a floor on the pass rate of each file.
 *
 * A case passes under the comparison `hechos recognize --score` documents: the same
 * number of results in the same order, each with the same Text (without regard to
 * case), TypeName, Start, End and Resolution.  Cases marked NotSupported count too.
 * The floors sit a little below the measured rates, so a regression fails.
 * The spec files live in $HECHOS_SHARED/data/recognizers-es (skipped when absent).
 */
#include "hechos.h"
#include "testutil.h"

#include <jansson.h>
#include <strings.h>

static int results_equal(json_t *got, json_t *want)
{
    if (!json_is_array(got) || !json_is_array(want) || json_array_size(got) != json_array_size(want))
        return 0;
    for (size_t i = 0; i < json_array_size(want); i++) {
        json_t *g = json_array_get(got, i), *w = json_array_get(want, i);
        const char *gt = json_string_value(json_object_get(g, "Text"));
        const char *wt = json_string_value(json_object_get(w, "Text"));
        if (!gt || !wt || strcasecmp(gt, wt) != 0)
            return 0;
        if (!json_equal(json_object_get(g, "TypeName"), json_object_get(w, "TypeName")) ||
            !json_equal(json_object_get(g, "Start"), json_object_get(w, "Start")) ||
            !json_equal(json_object_get(g, "End"), json_object_get(w, "End")) ||
            !json_equal(json_object_get(g, "Resolution"), json_object_get(w, "Resolution")))
            return 0;
    }
    return 1;
}

/* The pass rate of one spec file, or fails the test. */
static double pass_rate(const char *kind, const char *file)
{
    char rel[256];
    snprintf(rel, sizeof rel, "data/recognizers-es/%s", file);
    char *path = tu_shared_path(rel);
    TU_REQUIRE_FILE(path);
    json_error_t jerr;
    json_t *spec = json_load_file(path, 0, &jerr);
    if (!spec)
        fail_msg("%s: %s", path, jerr.text);
    size_t pass = 0, total = json_array_size(spec);
    for (size_t i = 0; i < total; i++) {
        json_t *c = json_array_get(spec, i);
        const char *input = json_string_value(json_object_get(c, "Input"));
        assert_non_null(input);
        char *out = NULL;
        hx_error err;
        assert_int_equal(hx_recognize(NULL, kind, input, strlen(input), NULL, &out, &err), HX_OK);
        json_t *got = json_loads(out, 0, &jerr);
        if (!got)
            fail_msg("%s case %zu: malformed JSON %s", file, i, out);
        pass += results_equal(got, json_object_get(c, "Results"));
        json_decref(got);
        hx_free(out);
    }
    json_decref(spec);
    free(path);
    print_message("%s: %zu/%zu\n", file, pass, total);
    return total ? (double)pass / (double)total : 0;
}

static void number_spec(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(pass_rate("number", "Number-NumberModel.json") >= 0.97);
}

static void ordinal_spec(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(pass_rate("ordinal", "Number-OrdinalModel.json") >= 0.97);
}

static void percent_spec(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(pass_rate("percent", "Number-PercentModel.json") >= 0.96);
}

static void numberrange_spec(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(pass_rate("numberrange", "Number-NumberRangeModel.json") >= 0.97);
}

static void currency_spec(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(pass_rate("currency", "NumberWithUnit-CurrencyModel.json") >= 0.97);
}

static void dimension_spec(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(pass_rate("dimension", "NumberWithUnit-DimensionModel.json") >= 0.96);
}

static void age_spec(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(pass_rate("age", "NumberWithUnit-AgeModel.json") >= 0.92);
}

static void temperature_spec(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    assert_true(pass_rate("temperature", "NumberWithUnit-TemperatureModel.json") >= 0.94);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(number_spec),      cmocka_unit_test(ordinal_spec),
        cmocka_unit_test(percent_spec),     cmocka_unit_test(numberrange_spec),
        cmocka_unit_test(currency_spec),    cmocka_unit_test(dimension_spec),
        cmocka_unit_test(age_spec),         cmocka_unit_test(temperature_spec),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
