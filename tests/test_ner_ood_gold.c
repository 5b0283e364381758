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

/* A fresh file under $TMPDIR holding text (empty when NULL); returns its path (malloc'd). */
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

/* Runs the checker on gold with extra arguments (already shell-quoted); returns its exit
 * status (-1 if it did not exit normally) and its stdout and stderr, merged, in *out
 * (malloc'd, NUL-terminated). */
static int run_checker(const char *gold, const char *args, char **out)
{
    char *cmd = tu_fmt("python3 %s --shared '%s' %s '%s' 2>&1", CHECKER, tu_shared_dir(), args, gold);
    assert_non_null(cmd);
    FILE *p = popen(cmd, "r");
    if (!p) fail_msg("could not run: %s", cmd);
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (size_t n; (n = fread(buf + len, 1, cap - len - 1, p)) > 0;) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[len] = '\0';
    int st = pclose(p);
    free(cmd);
    *out = buf;
    return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* True when some line of text starts with prefix and contains needle after it. */
static int has_line(const char *text, const char *prefix, const char *needle)
{
    size_t np = strlen(prefix);
    for (const char *l = text; *l; l++) {
        const char *eol = strchr(l, '\n');
        size_t len = eol ? (size_t)(eol - l) : strlen(l);
        if (len >= np && strncmp(l, prefix, np) == 0) {
            const char *hit = strstr(l + np, needle);
            if (hit && hit + strlen(needle) <= l + len) return 1;
        }
        if (!eol) break;
        l = eol;
    }
    return 0;
}

/* The committed gold: 300 sentences, every span's text and token count as in ../shared. */
static void test_gold_matches_shared(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *conll = temp_with(NULL), *out;
    char *args = tu_fmt("--conll '%s'", conll);
    int st = run_checker(GOLD, args, &out);
    if (st != 0) fail_msg("checker exit %d: %s", st, out);
    assert_true(has_line(out, "total\t300\t", "\t362"));
    size_t n;
    char *text = tu_read_file(conll, &n);
    assert_non_null(text);
    size_t blank = 0; /* one blank line closes each sentence */
    for (const char *p = text; (p = strstr(p, "\n\n")) != NULL; p++) blank++;
    assert_int_equal(blank, 300);
    assert_non_null(strstr(text, " B-PER\n"));
    unlink(conll);
    free(text);
    free(conll);
    free(args);
    free(out);
}

/* A span whose text is not the tokens', a wrong token count and an unknown id are each
 * reported with their line. */
static void test_checker_catches_disagreement(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *gold = temp_with("# a comment\n"
                           "es_gsd-ud-dev.conllu:es-dev-001-s6\t19\t13 15 ORG \"Audiencia Nacional\"\t"
                           "15 18 PER \"Fernando Grande\"\n"
                           "es_gsd-ud-dev.conllu:es-dev-001-s2\t31\n"
                           "es_gsd-ud-dev.conllu:no-such-id\t3\n");
    char *out, *l2 = tu_fmt("%s:2: ", gold), *l3 = tu_fmt("%s:3: ", gold), *l4 = tu_fmt("%s:4: ", gold);
    assert_int_equal(run_checker(gold, "", &out), 1);
    assert_true(has_line(out, l2, "is 'Fernando Grande Marlaska', the gold says 'Fernando Grande'"));
    assert_true(has_line(out, l3, "31 tokens in the gold, 32 in ../shared"));
    assert_true(has_line(out, l4, "no such sentence"));
    unlink(gold);
    free(gold);
    free(l2);
    free(l3);
    free(l4);
    free(out);
}

/* Malformed lines are refused, naming the line, before ../shared is read. */
static void test_checker_rejects_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "es_gsd-ud-dev.conllu:es-dev-001-s6\t19\t13 15 ORGANIZATION \"Audiencia Nacional\"\n",
        "es_gsd-ud-dev.conllu:es-dev-001-s6\t19\t13 15 ORG Audiencia Nacional\n",
        "es_gsd-ud-dev.conllu:es-dev-001-s6\t19\tthirteen 15 ORG \"Audiencia Nacional\"\n",
        "es_gsd-ud-dev.conllu:es-dev-001-s6\tnineteen\n",
        "es_gsd-ud-dev.conllu:es-dev-001-s6\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *gold = temp_with(bad[i]), *out, *where = tu_fmt("ner_ood_check: %s:1: ", gold);
        int st = run_checker(gold, "", &out);
        if (st != 1 || !has_line(out, where, "")) fail_msg("case %zu: exit %d, output %s", i, st, out);
        unlink(gold);
        free(gold);
        free(where);
        free(out);
    }
}

/* Overlapping spans are refused (needs the tokens, hence ../shared). */
static void test_checker_rejects_overlap(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *gold = temp_with("es_gsd-ud-dev.conllu:es-dev-001-s6\t19\t13 15 ORG \"Audiencia Nacional\"\t"
                           "14 16 ORG \"Nacional Fernando\"\n"),
         *out, *where = tu_fmt("%s:1: ", gold);
    assert_int_equal(run_checker(gold, "", &out), 1);
    assert_true(has_line(out, where, "overlaps"));
    unlink(gold);
    free(gold);
    free(where);
    free(out);
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
