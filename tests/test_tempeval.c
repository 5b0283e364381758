/*
 * test_tempeval.c -- accuracy floors of the time layer on real news and on the
 * Recognizers-Text specs, scored by tools/tempeval.h (TempEval-3 conventions) on the
 * tuning and the validation part of each development set (split by a hash of the id).
 *
 * The floors sit just under the measured figures (README, "Time expressions"), so a
 * regression fails CI; every test skips when $HECHOS_SHARED is absent.  The split itself
 * is checked: stable, about half each way, and the same for a given key.
 */
#include "testutil.h"

#include "../tools/tempeval.h"

/* Floors, in percent: tuning then validation. */
typedef struct floors {
    double strict[2], relaxed[2], value_f[2];
} floors;

/* measured: TimeBank strict 91.2 / 83.4, relaxed 94.0 / 90.2, value F1 87.6 / 80.5;
 * HourGlass strict 80.0 / 77.2, relaxed 87.5 / 85.6, value F1 71.5 / 68.9
 * (before the compositional grammar: TimeBank strict 86.2 / 79.3, HourGlass 77.5 / 73.3;
 * before the TimeBank conventions: strict 52.9 / 50.5 and 47.0 / 41.7) */
static const floors timebank_floor = {{90.7, 82.9}, {93.5, 89.7}, {87.1, 80.0}};
static const floors hourglass_floor = {{79.5, 76.7}, {87.0, 85.1}, {71.0, 68.4}};

static void split_is_stable_and_balanced(void **state)
{
    (void)state;
    assert_int_equal(te_part("tbes-train-001"), te_part("tbes-train-001"));
    int val = 0;
    char id[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(id, sizeof id, "doc-%04d", i);
        int p = te_part(id);
        assert_true(p == TE_TUNE || p == TE_VAL);
        val += p == TE_VAL;
    }
    assert_true(val > 400 && val < 600);
}

static void scorer_counts_strict_relaxed_and_value(void **state)
{
    (void)state;
    json_error_t je;
    json_t *gold = json_loads("[{\"start\":0,\"end\":10,\"type\":\"DATE\",\"value\":\"2001-02-03\"},"
                              "{\"start\":20,\"end\":25,\"type\":\"DURATION\",\"value\":\"P3D\"},"
                              "{\"start\":40,\"end\":45,\"type\":\"TIME\",\"value\":\"T10:00\"}]",
                              0, &je);
    assert_non_null(gold);
    te_sys sys[] = {{3, 10, "DATE", "2001-02-03", 0},  /* relaxed only, value right */
                    {20, 25, "DATE", "P3D", 0},        /* strict, wrong type */
                    {60, 65, "DATE", "2001", 0}};      /* spurious */
    te_counts c = {0};
    te_score_doc(gold, sys, 3, &c);
    assert_int_equal(c.gold, 3);
    assert_int_equal(c.sys, 3);
    assert_int_equal(c.strict, 1);
    assert_int_equal(c.relaxed, 2);
    assert_int_equal(c.type_ok, 1);
    assert_int_equal(c.value_ok, 2);
    te_scores s = te_score(&c);
    assert_true(s.strict_f > 0.33 && s.strict_f < 0.34);
    assert_true(s.value_f > 0.66 && s.value_f < 0.67);
    json_decref(gold);
}

static void check_set(const char *set, const floors *f)
{
    TU_REQUIRE_SHARED();
    char *dir = tu_shared_path("data");
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/%s", dir, set);
    free(dir);
    TU_REQUIRE_FILE(path);
    hx_options o = {"/nonexistent", HX_STAGE_TOKENS | HX_STAGE_NUMBERS | HX_STAGE_TIMES, 0};
    hx_ctx *ctx = NULL;
    assert_int_equal(hx_ctx_new(&o, &ctx, NULL), HX_OK);
    for (int p = 0; p < 2; p++) {
        te_counts c = {0};
        if (te_run_timeml(ctx, path, p ? TE_VAL : TE_TUNE, &c, NULL, NULL, err, sizeof err))
            fail_msg("%s", err);
        te_scores s = te_score(&c);
        print_message("%s %s: strict %.1f relaxed %.1f type %.1f value acc %.1f value F1 %.1f\n",
                      set, p ? "val" : "tune", 100 * s.strict_f, 100 * s.relaxed_f,
                      100 * s.type_acc, 100 * s.value_acc, 100 * s.value_f);
        assert_true(c.gold > 100);
        assert_true(100 * s.strict_f >= f->strict[p]);
        assert_true(100 * s.relaxed_f >= f->relaxed[p]);
        assert_true(100 * s.value_f >= f->value_f[p]);
    }
    hx_ctx_free(ctx);
}

static void timebank_floors(void **state)
{
    (void)state;
    check_set("timebank-es", &timebank_floor);
}

static void hourglass_floors(void **state)
{
    (void)state;
    check_set("hourglass-es", &hourglass_floor);
}

/* Floors of each Recognizers-Text spec file (tuning, validation), in te_specs order. */
static const double spec_floor[][2] = {{88.0, 86.5}, {99.9, 99.9}, {99.9, 99.9},
                                       {99.9, 99.9}, {99.9, 99.9}, {99.9, 99.9},
                                       {99.9, 99.9}, {99.9, 99.9}, {99.9, 99.9}};

static void recognizers_floors(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *dir = tu_shared_path("data/recognizers-es");
    TU_REQUIRE_FILE(dir);
    char path[1024], err[512];
    assert_int_equal(sizeof spec_floor / sizeof spec_floor[0], sizeof te_specs / sizeof te_specs[0]);
    for (size_t i = 0; i < sizeof te_specs / sizeof te_specs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, te_specs[i].file);
        for (int p = 0; p < 2; p++) {
            long pass = 0, total = 0;
            if (te_run_spec(NULL, te_specs[i].kind, path, p ? TE_VAL : TE_TUNE, &pass, &total,
                            err, sizeof err))
                fail_msg("%s", err);
            double rate = total ? 100.0 * (double)pass / (double)total : 0;
            print_message("%s %s: %ld/%ld %.1f%%\n", te_specs[i].kind, p ? "val" : "tune",
                          pass, total, rate);
            assert_true(total > 0);
            assert_true(rate >= spec_floor[i][p]);
        }
    }
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(split_is_stable_and_balanced),
        cmocka_unit_test(scorer_counts_strict_relaxed_and_value),
        cmocka_unit_test(timebank_floors),
        cmocka_unit_test(hourglass_floors),
        cmocka_unit_test(recognizers_floors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
