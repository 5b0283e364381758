/*
 * test_ner_ood_gold.c -- the blind out-of-domain NER gold
 * (tests/fixtures/blind/ner_ood_300.tsv, docs/annotation.md) agrees with ../shared, and its
 * checker (tools/ner_ood_check.py, run with python3) rejects broken gold files.
 *
 * Invariants: these tests never run hechos (the gold is blind); they only read the gold,
 * ../shared and files they write themselves under $TMPDIR, which they remove.  Tests that
 * need ../shared skip when it is absent.  Reading raw-es (xz) makes the first test take
 * about 15 s.
 */
#include "testutil.h"

#include <sys/wait.h>
#include <unistd.h>

#define GOLD "tests/fixtures/blind/ner_ood_300.tsv"
#define CHECKER "tools/ner_ood_check.py"

/* What one run of the checker left behind (out and err NUL-terminated, malloc'd). */
typedef struct run {
    int status; /* exit code, or -1 when it did not exit normally */
    char *out, *err;
} run;

/* A fresh file under $TMPDIR holding text; returns its path (malloc'd). */
static char *temp_with(const char *text)
{
    char *path = tu_fmt("%s/hechos-nerood-XXXXXX", tu_env("TMPDIR", "/tmp"));
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    if (text) assert_int_equal(tu_write_file(path, text, strlen(text)), 0);
    return path;
}

/* Runs the checker on gold with the given extra arguments (already shell-quoted). */
static run run_checker(const char *gold, const char *args)
{
    run r = {-1, NULL, NULL};
    char *out = temp_with(NULL), *err = temp_with(NULL);
    char *cmd = tu_fmt("python3 %s --shared '%s' %s '%s' >'%s' 2>'%s'", CHECKER, tu_shared_dir(),
                       args, gold, out, err);
    assert_non_null(cmd);
    int st = system(cmd);
    if (st != -1 && WIFEXITED(st)) r.status = WEXITSTATUS(st);
    size_t n;
    r.out = tu_read_file(out, &n);
    r.err = tu_read_file(err, &n);
    if (!r.out || !r.err) fail_msg("could not run: %s", cmd);
    unlink(out);
    unlink(err);
    free(cmd);
    free(out);
    free(err);
    return r;
}

static void run_free(run *r)
{
    free(r->out);
    free(r->err);
}

/* The committed gold: 300 sentences, every span's text and token count as in ../shared. */
static void test_gold_matches_shared(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *conll = temp_with(NULL);
    char *args = tu_fmt("--conll '%s'", conll);
    run r = run_checker(GOLD, args);
    if (r.status != 0) fail_msg("checker exit %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, "\ntotal\t300\t"));
    size_t n;
    char *text = tu_read_file(conll, &n);
    assert_non_null(text);
    size_t blank = 0; /* one blank line closes each sentence */
    for (const char *p = text; (p = strstr(p, "\n\n")) != NULL; p++) blank++;
    assert_int_equal(blank, 300);
    assert_non_null(strstr(text, " B-PER\n"));
    free(text);
    unlink(conll);
    free(conll);
    free(args);
    run_free(&r);
}

/* A span whose text is not the tokens', and a wrong token count, are each reported with
 * the line; an unknown id too. */
static void test_checker_catches_disagreement(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *gold = temp_with("# a comment\n"
                           "es_gsd-ud-dev.conllu:es-dev-001-s6\t19\t13 15 ORG \"Audiencia Nacional\"\t"
                           "15 18 PER \"Fernando Grande\"\n"
                           "es_gsd-ud-dev.conllu:es-dev-001-s2\t31\n"
                           "es_gsd-ud-dev.conllu:no-such-id\t3\n");
    run r = run_checker(gold, "");
    assert_int_equal(r.status, 1);
    char *l2 = tu_fmt("%s:2: ", gold), *l3 = tu_fmt("%s:3: ", gold), *l4 = tu_fmt("%s:4: ", gold);
    assert_non_null(strstr(r.err, l2) ? strstr(r.err, "'Fernando Grande Marlaska'") : NULL);
    assert_non_null(strstr(r.err, l3) ? strstr(r.err, "31 tokens in the gold, 32") : NULL);
    assert_non_null(strstr(r.err, l4) ? strstr(r.err, "no such sentence") : NULL);
    unlink(gold);
    free(gold);
    free(l2);
    free(l3);
    free(l4);
    run_free(&r);
}

/* Malformed lines are refused before ../shared is read: bad type, unquoted text,
 * overlapping spans. */
static void test_checker_rejects_malformed(void **state)
{
    (void)state;
    static const char *bad[] = {
        "es_gsd-ud-dev.conllu:es-dev-001-s6\t19\t13 15 ORGANIZATION \"Audiencia Nacional\"\n",
        "es_gsd-ud-dev.conllu:es-dev-001-s6\t19\t13 15 ORG Audiencia Nacional\n",
        "es_gsd-ud-dev.conllu:es-dev-001-s6\tnineteen\n",
        "es_gsd-ud-dev.conllu:es-dev-001-s6\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *gold = temp_with(bad[i]);
        run r = run_checker(gold, "");
        char *where = tu_fmt("%s:1: ", gold);
        if (r.status != 1 || !strstr(r.err, where))
            fail_msg("case %zu: exit %d, stderr %s", i, r.status, r.err);
        unlink(gold);
        free(gold);
        free(where);
        run_free(&r);
    }
}

/* Overlapping spans need the tokens, hence ../shared. */
static void test_checker_rejects_overlap(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *gold = temp_with("es_gsd-ud-dev.conllu:es-dev-001-s6\t19\t13 15 ORG \"Audiencia Nacional\"\t"
                           "14 16 ORG \"Nacional Fernando\"\n");
    run r = run_checker(gold, "");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "overlaps"));
    unlink(gold);
    free(gold);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gold_matches_shared),
        cmocka_unit_test(test_checker_catches_disagreement),
        cmocka_unit_test(test_checker_rejects_malformed),
        cmocka_unit_test(test_checker_rejects_overlap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
