/*
 * test_parse.c -- the dependency-parsing stage (src/parse): the CoNLL-U reader and
 * its errors, multiword tokens, the dynamic oracle, the model files, a CoNLL-U round
 * trip through the parser, the CLI's exit status on malformed input, and the
 * accuracy floor on the validation part of ../shared/data/ud-es (skipped without it).
 */
#include "parse/parse.h"
#include "claims/claims.h"
#include "testutil.h"

#include <jansson.h>
#include <sys/wait.h>
#include <unistd.h>

/* The floors of accuracy_floor (validation split, measured with the shipped model
 * minus a margin for rounding and libm differences). */
#define HX__TEST_LAS_FLOOR 74.5
#define HX__TEST_UAS_FLOOR 81.0

static const char *models(void) { return tu_env("HECHOS_MODELS", "models"); }

static const char good[] =
    "# sent_id = a-1\n"
    "# text = Vino del norte.\n"
    "1\tVino\tvenir\tVERB\t_\t_\t0\troot\t_\t_\n"
    "2-3\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tde\tde\tADP\t_\t_\t4\tcase\t_\t_\n"
    "3\tel\tel\tDET\t_\t_\t4\tdet\t_\t_\n"
    "4\tnorte\tnorte\tNOUN\t_\t_\t1\tobl\t_\tSpaceAfter=No\n"
    "4.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n"
    "\n"
    "1\tSí\tsí\tADV\t_\t_\t0\troot\t_\t_\n";

static void reader_accepts_valid(void **state)
{
    (void)state;
    hx__conllu c;
    hx_error err;
    assert_int_equal(hx__conllu_read(good, strlen(good), "g", 1, &c, &err), HX_OK);
    assert_int_equal(c.nsent, 2);
    assert_int_equal(c.nword, 6);
    assert_int_equal(c.sent[0].nw, 5);
    assert_string_equal(c.sent[0].id, "a-1");
    assert_null(c.sent[1].id);
    assert_int_equal(c.head[c.sent[0].w0 + 0], -1);
    assert_int_equal(c.head[c.sent[0].w0 + 1], 3);
    assert_string_equal(hx__cu_field(&c, 3, 1), "norte");
    assert_true(c.has_heads);
    hx__conllu_free(&c);
}

/* Replaces the first occurrence of from in good by to and expects an error naming
 * line `line` and containing what. */
static void expect_error(const char *text, int line, const char *what, hx_status code)
{
    hx__conllu c;
    hx_error err;
    char want[32];
    hx_status st = hx__conllu_read(text, strlen(text), "f.conllu", 1, &c, &err);
    if (st != code)
        fail_msg("status %d (%s) for: %s", st, st ? err.msg : "accepted", text);
    snprintf(want, sizeof want, "f.conllu:%d:", line);
    if (!strstr(err.msg, want) || !strstr(err.msg, what))
        fail_msg("got \"%s\", want \"%s ... %s\"", err.msg, want, what);
}

static char *edit(const char *from, const char *to)
{
    const char *p = strstr(good, from);
    assert_non_null(p);
    return tu_fmt("%.*s%s%s", (int)(p - good), good, to, p + strlen(from));
}

static void reader_rejects_malformed(void **state)
{
    (void)state;
    struct { const char *from, *to, *what; int line; } cases[] = {
        {"\tobl\t_\tSpaceAfter=No", "\tobl\t_", "9 tab-separated", 7},          /* 9 columns */
        {"\tobl\t_\tSpaceAfter=No", "\tobl\t_\tx\ty", "11 tab-separated", 7},  /* 11 */
        {"2\tde\t", "x\tde\t", "bad ID", 5},
        {"3\tel\tel\tDET\t_\t_\t4", "3\tel\tel\tDET\t_\t_\t9", "out of range", 6},
        {"3\tel\tel\tDET\t_\t_\t4", "3\tel\tel\tDET\t_\t_\t3", "out of range", 6},
        {"3\tel\tel\tDET\t_\t_\t4\tdet", "3\tel\tel\tDET\t_\t_\t0\tdet", "second root", 6},
        {"1\tVino\tvenir\tVERB\t_\t_\t0", "1\tVino\tvenir\tVERB\t_\t_\t4", "no root", 9},
        {"5\t.\t.\tPUNCT\t_\t_\t1", "6\t.\t.\tPUNCT\t_\t_\t1", "word ID 6 where 5", 9},
        {"2-3\tdel", "2-9\tdel", "past the last word", 4},
        {"\t1\tpunct", "\t_\tpunct", "no HEAD", 9},
        {"\t1\tpunct", "\tx\tpunct", "bad HEAD", 9},
        {"\tobl\t", "\t_\t", "HEAD without DEPREL", 7},
        {"\tnorte\t", "\t\t", "field 2 is empty", 7},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *t = edit(cases[i].from, cases[i].to);
        expect_error(t, cases[i].line, cases[i].what, HX_FIELD);
        free(t);
    }
    /* no root: every head points at another word, which is a cycle, or no head 0 */
    expect_error("1\ta\ta\tX\t_\t_\t2\tdep\t_\t_\n2\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n", 2,
                 "no root", HX_FIELD);
    expect_error("# only a comment\n", 1, "without words", HX_FIELD);
    expect_error("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\tX\t_\t_\t3\tdep\t_\t_\n"
                 "3\tc\tc\tX\t_\t_\t2\tdep\t_\t_\n", 2, "cycle through word 2", HX_FIELD);
    char nul[] = "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n1\tb\0c";
    hx__conllu c;
    hx_error err;
    assert_int_equal(hx__conllu_read(nul, sizeof nul - 1, "n", 1, &c, &err), HX_NUL);
    assert_non_null(strstr(err.msg, "n:2:"));
    assert_int_equal(hx__conllu_read("1\t\xff\n", 4, "u", 1, &c, &err), HX_UTF8);
    /* a huge sentence is refused, not parsed */
    hx__buf b = {0};
    for (int i = 1; i <= HX__PARSE_MAXW + 1; i++)
        hx__buf_printf(&b, "%d\tw\tw\tX\t_\t_\t%d\tdep\t_\t_\n", i, i == 1 ? 0 : 1);
    assert_int_equal(hx__conllu_read(b.p, b.n, "big", 1, &c, &err), HX_FIELD);
    assert_non_null(strstr(err.msg, "longer than"));
    hx__buf_free(&b);
    /* without need_heads, "_" heads are fine; with, they are not */
    const char *nohead = "1\ta\ta\tX\t_\t_\t_\t_\t_\t_\n";
    assert_int_equal(hx__conllu_read(nohead, strlen(nohead), "h", 0, &c, &err), HX_OK);
    assert_false(c.has_heads);
    hx__conllu_free(&c);
    assert_int_equal(hx__conllu_read(nohead, strlen(nohead), "h", 1, &c, &err), HX_FIELD);
}

static void check_split(const char *tok, const char *const *want, size_t n)
{
    static const hx__udlex lx = {hx__lower, hx__lemma_verb, hx__verb_known};
    hx__word w[HX__UD_MAXSPLIT];
    char arena[HX__UD_WORDMAX];
    size_t used = 0, k = hx__ud_words(&lx, tok, strlen(tok), w, arena, &used);
    if (k != n)
        fail_msg("%s: %zu words, want %zu", tok, k, n);
    for (size_t i = 0; i < n; i++)
        if (w[i].n != strlen(want[i]) || memcmp(w[i].s, want[i], w[i].n) != 0)
            fail_msg("%s: word %zu is '%.*s', want '%s'", tok, i, (int)w[i].n, w[i].s, want[i]);
}

static void multiword_tokens(void **state)
{
    (void)state;
    check_split("del", (const char *const[]){"de", "el"}, 2);
    check_split("Del", (const char *const[]){"De", "el"}, 2);
    check_split("AL", (const char *const[]){"A", "EL"}, 2);
    check_split("al", (const char *const[]){"a", "el"}, 2);
    check_split("celebrarlos", (const char *const[]){"celebrar", "los"}, 2);
    check_split("dárselo", (const char *const[]){"dar", "se", "lo"}, 3);
    check_split("Decirle", (const char *const[]){"Decir", "le"}, 2);
    check_split("olvidarnos", (const char *const[]){"olvidar", "nos"}, 2);
    check_split("decírmelo", (const char *const[]){"decir", "me", "lo"}, 3);
    /* not verbs with clitics, not contractions */
    const char *one[] = {"Marla", "solares", "hablar", "altos", "delante", "ala", "dele",
                         "ceremonias", "Carlos", "pilares"};
    for (size_t i = 0; i < sizeof one / sizeof *one; i++)
        check_split(one[i], (const char *const[]){one[i]}, 1);
}

static uint64_t next(uint64_t *r)
{
    *r = *r * 6364136223846793005ull + 1442695040888963407ull;
    return *r >> 33;
}

/* A random projective tree over words [a, b) whose root attaches to head. */
static void rtree(int32_t *g, size_t a, size_t b, int32_t head, uint64_t *rng)
{
    if (a >= b)
        return;
    size_t h = a + next(rng) % (b - a), x;
    g[h] = head;
    for (x = a; x < h;) {
        size_t e = x + 1 + next(rng) % (h - x);
        rtree(g, x, e, (int32_t)h, rng);
        x = e;
    }
    for (x = h + 1; x < b;) {
        size_t e = x + 1 + next(rng) % (b - x);
        rtree(g, x, e, (int32_t)h, rng);
        x = e;
    }
}

/* Following the oracle's zero-cost transitions rebuilds a projective gold tree, and
 * a transition the oracle calls costly loses an arc indeed. */
static void oracle_rebuilds_projective_trees(void **state)
{
    (void)state;
    hx__parse_scan s = {0};
    uint64_t rng = 12345;
    for (int iter = 0; iter < 300; iter++) {
        size_t n = 1 + (size_t)(iter % 25);
        int32_t g[64];
        rtree(g, 0, n, (int32_t)n, &rng);
        assert_int_equal(hx__pscratch_grow(&s, n), 0);
        hx__pstate st;
        for (size_t i = 0; i < n; i++) {
            s.wk[i] = i;
            s.sf[i] = 0;
            s.up[i] = 1;
        }
        hx__pstate_init(&st, &s, n);
        while (st.sp > 0 || st.b < st.n) {
            int t = -1;
            for (int k = 0; k < 3 && t < 0; k++)
                if (hx__pvalid(&st, k) && hx__poracle_cost(&st, &s, g, k) == 0)
                    t = k;
            assert_true(t >= 0);
            hx__papply(&st, &s, t, 0);
        }
        for (size_t i = 0; i < n; i++)
            assert_int_equal(s.head[i], g[i]);
        /* with random mistakes, the heads lost are the sum of the costs paid */
        int paid = 0, lost = 0;
        hx__pstate_init(&st, &s, n);
        while (st.sp > 0 || st.b < st.n) {
            int t = -1, c = 1 << 20;
            for (int k = 0; k < 3; k++)
                if (hx__pvalid(&st, k) && hx__poracle_cost(&st, &s, g, k) < c)
                    c = hx__poracle_cost(&st, &s, g, t = k);
            if (next(&rng) % 4 == 0) {
                int k = (int)(next(&rng) % 3);
                if (hx__pvalid(&st, k))
                    c = hx__poracle_cost(&st, &s, g, t = k);
            }
            paid += c;
            hx__papply(&st, &s, t, 0);
        }
        for (size_t i = 0; i < n; i++)
            lost += s.head[i] != g[i];
        assert_int_equal(lost, paid);
    }
    hx__pscratch_free(&s);
}

static hx_parser *load_parser(void)
{
    hx_parser *p = NULL;
    hx_error err;
    char *path = tu_join(models(), "parse.hxm");
    int have = tu_exists(path);
    free(path);
    if (!have)
        return NULL;
    assert_int_equal(hx_parser_load(models(), &p, &err), HX_OK);
    return p;
}

/* Parsing keeps every line but columns 4-8 of word lines, and gives a valid tree. */
static void conllu_round_trip(void **state)
{
    (void)state;
    hx_parser *p = load_parser();
    if (!p)
        skip();
    char *out = NULL;
    size_t len = 0;
    hx_error err;
    assert_int_equal(hx_parse_conllu(p, good, strlen(good), "g", HX_SPLIT_ALL, &out, &len, &err),
                     HX_OK);
    hx__conllu a, b;
    assert_int_equal(hx__conllu_read(good, strlen(good), "g", 1, &a, &err), HX_OK);
    assert_int_equal(hx__conllu_read(out, len, "out", 1, &b, &err), HX_OK);
    assert_int_equal(a.nline, b.nline);
    for (size_t l = 0; l < a.nline; l++) {
        assert_int_equal(a.line[l].kind, b.line[l].kind);
        int word = a.line[l].kind == HX__CU_WORD;
        for (int k = 0; k < (a.line[l].kind == HX__CU_COMMENT ? 1 : 10); k++)
            if (!word || k < 3 || k > 7)
                assert_string_equal(a.line[l].f[k], b.line[l].f[k]);
    }
    assert_true(b.has_heads);
    for (size_t w = 0; w < b.nword; w++)
        assert_true(hx__upos_id(hx__cu_field(&b, w, 3)) > 0);
    /* the scorer agrees with itself */
    char *rep = NULL;
    assert_int_equal(hx_conllu_score(out, len, "o", out, len, "o", HX_SPLIT_ALL, &rep, &err),
                     HX_OK);
    assert_non_null(strstr(rep, "LAS 100.00"));
    hx_free(rep);
    hx__conllu_free(&a);
    hx__conllu_free(&b);
    hx_free(out);
    hx_parser_free(p);
}

/* The CLI: malformed CoNLL-U is one line naming the line, exit status 65. */
static void cli_malformed_exit_65(void **state)
{
    (void)state;
    hx_parser *p = load_parser();
    if (!p)
        skip();
    hx_parser_free(p);
    char dir[] = "/tmp/hx_parse_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *in = tu_fmt("%s/bad.conllu", dir), *err = tu_fmt("%s/err", dir);
    char *bad = edit("3\tel\tel\tDET\t_\t_\t4", "3\tel\tel\tDET\t_\t_\t17");
    assert_int_equal(tu_write_file(in, bad, strlen(bad)), 0);
    char *cmd = tu_fmt("HECHOS_MODELS='%s' '%s' parse --input conllu '%s' >/dev/null 2>'%s'",
                       models(), tu_bin(), in, err);
    int st = system(cmd);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 65);
    size_t n = 0;
    char *msg = tu_read_file(err, &n);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "bad.conllu:6: HEAD 17 of word 3 is out of range"));
    assert_non_null(strchr(msg, '\n'));
    assert_null(strchr(msg, '\n') + 1 < msg + n ? strchr(strchr(msg, '\n') + 1, '\n') : NULL);
    remove(in);
    remove(err);
    rmdir(dir);
    free(msg);
    free(cmd);
    free(bad);
    free(in);
    free(err);
}

/* `hechos parse FILE` on text: multiword tokens for "del" and "dárselo", one root,
 * a valid CoNLL-U file. */
static void cli_parse_text(void **state)
{
    (void)state;
    hx_parser *p = load_parser();
    if (!p)
        skip();
    hx_parser_free(p);
    char dir[] = "/tmp/hx_parset_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *in = tu_fmt("%s/in.txt", dir), *out = tu_fmt("%s/out.conllu", dir);
    const char *text = "Quería dárselo al director del museo.\nLlegó ayer.\n";
    assert_int_equal(tu_write_file(in, text, strlen(text)), 0);
    char *cmd = tu_fmt("HECHOS_MODELS='%s' '%s' parse '%s' >'%s'", models(), tu_bin(), in, out);
    assert_int_equal(system(cmd), 0);
    size_t n = 0;
    char *res = tu_read_file(out, &n);
    assert_non_null(res);
    assert_non_null(strstr(res, "# text = Quería dárselo al director del museo.\n"));
    assert_non_null(strstr(res, "\n2-4\tdárselo\t_\t"));
    assert_non_null(strstr(res, "\n2\tdar\tdar\tVERB\t") ? res : NULL);
    assert_non_null(strstr(res, "\n5-6\tal\t"));
    assert_non_null(strstr(res, "\n8-9\tdel\t"));
    hx__conllu c;
    hx_error err;
    assert_int_equal(hx__conllu_read(res, n, "out", 1, &c, &err), HX_OK);
    assert_int_equal(c.nsent, 2);
    assert_int_equal(c.sent[0].nw, 11);
    hx__conllu_free(&c);
    remove(in);
    remove(out);
    rmdir(dir);
    free(res);
    free(cmd);
    free(in);
    free(out);
}

/* `extract --parse`: every token has head, dep, upos, lemma; one root per sentence,
 * heads inside the sentence.  Without --parse the members are absent. */
static void extract_parse_json(void **state)
{
    (void)state;
    hx_parser *p = load_parser();
    if (!p)
        skip();
    hx_parser_free(p);
    char dir[] = "/tmp/hx_parsej_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *out = tu_fmt("%s/out.json", dir);
    for (int parse = 0; parse < 2; parse++) {
        char *cmd = tu_fmt("HECHOS_MODELS='%s' '%s' extract %s examples/articulo.txt >'%s'",
                           models(), tu_bin(), parse ? "--parse" : "", out);
        assert_int_equal(system(cmd), 0);
        free(cmd);
        json_error_t je;
        json_t *doc = json_load_file(out, 0, &je);
        assert_non_null(doc);
        json_t *toks = json_object_get(doc, "tokens"), *sents = json_object_get(doc, "sentences");
        assert_true(json_array_size(toks) > 100);
        size_t si;
        json_t *se;
        json_array_foreach(sents, si, se) {
            json_t *r = json_object_get(se, "tokens");
            json_int_t a = json_integer_value(json_array_get(r, 0)),
                       b = json_integer_value(json_array_get(r, 1));
            int roots = 0;
            for (json_int_t t = a; t < b; t++) {
                json_t *tok = json_array_get(toks, (size_t)t), *h = json_object_get(tok, "head");
                if (!parse) {
                    assert_null(h);
                    continue;
                }
                assert_true(json_is_integer(h));
                json_int_t hv = json_integer_value(h);
                roots += hv == -1;
                assert_true(hv == -1 || (hv >= a && hv < b && hv != t));
                assert_true(json_is_string(json_object_get(tok, "dep")));
                assert_true(hx__upos_id(json_string_value(json_object_get(tok, "upos"))) > 0);
                assert_true(json_string_length(json_object_get(tok, "lemma")) > 0);
                assert_true(json_is_null(json_object_get(tok, "feats")));
            }
            if (parse)
                assert_int_equal(roots, 1);
        }
        json_decref(doc);
    }
    remove(out);
    rmdir(dir);
    free(out);
}

/* LAS and UAS on the validation part of the hash split (never trained or tuned on). */
static void accuracy_floor(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    hx_parser *p = load_parser();
    if (!p)
        skip();
    static const char *const files[] = {
        "data/ud-es/es_ancora-ud-dev.r2021-10-29.conllu",
        "data/ud-es/es_ancora-ud-test.r2021-10-29.conllu", "data/ud-es/es_gsd-ud-dev.conllu",
        "data/ud-es/es_coser-ud-test.conllu"};
    hx__uds *u = calloc(1, sizeof *u);
    assert_non_null(u);
    for (size_t f = 0; f < 4; f++) {
        char *path = tu_shared_path(files[f]);
        TU_REQUIRE_FILE(path);
        size_t len;
        char *text = tu_read_file(path, &len), *out = NULL;
        hx_error err;
        hx__conllu g, sy;
        assert_int_equal(hx_parse_conllu(p, text, len, path, HX_SPLIT_VALIDATION, &out, &len,
                                         &err), HX_OK);
        assert_int_equal(hx__conllu_read(out, len, "out", 1, &sy, &err), HX_OK);
        assert_int_equal(hx__conllu_read(text, strlen(text), path, 1, &g, &err), HX_OK);
        size_t k = 0;
        for (size_t s = 0; s < g.nsent; s++) {
            if (hx__cu_fold(&g, s) != 0)
                continue;
            const hx__cu_sent *a = &g.sent[s], *b = &sy.sent[k++];
            assert_int_equal(a->nw, b->nw);
            for (size_t i = 0; i < a->nw; i++)
                hx__uds_add(u, hx__cu_field(&g, a->w0 + i, 3), hx__cu_field(&sy, b->w0 + i, 3),
                            g.head[a->w0 + i], sy.head[b->w0 + i],
                            hx__cu_field(&g, a->w0 + i, 7), hx__cu_field(&sy, b->w0 + i, 7));
        }
        assert_int_equal(k, sy.nsent);
        hx__conllu_free(&g);
        hx__conllu_free(&sy);
        free(text);
        hx_free(out);
        free(path);
    }
    double las = hx__uds_las(u), uas = 100.0 * (double)u->uas_ok / (double)u->words;
    print_message("validation: %zu words, UPOS %.2f, UAS %.2f, LAS %.2f\n", u->words,
                  100.0 * (double)u->upos_ok / (double)u->words, uas, las);
    assert_true(u->words > 15000);
    assert_true(las >= HX__TEST_LAS_FLOOR);
    assert_true(uas >= HX__TEST_UAS_FLOOR);
    free(u);
    hx_parser_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_accepts_valid),
        cmocka_unit_test(reader_rejects_malformed),
        cmocka_unit_test(multiword_tokens),
        cmocka_unit_test(oracle_rebuilds_projective_trees),
        cmocka_unit_test(conllu_round_trip),
        cmocka_unit_test(cli_malformed_exit_65),
        cmocka_unit_test(cli_parse_text),
        cmocka_unit_test(extract_parse_json),
        cmocka_unit_test(accuracy_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
