/*
 * test_claims.c -- the claims stage (src/claims/claims.c): the lexicon tables, the JSON layer,
 * and precision/recall on the hand-written fixture tests/fixtures/claims.tsv (format
 * at the top of that file).
 *
 * Scoring: a predicted claim matches an expected one of the same case when the cue
 * lemma and the content text are equal (strict).  Precision = matches / predicted,
 * recall = matches / expected.  Among matches, the source (as written, "-" for none,
 * "=X" for a repeated source) and the four flags are scored too.  The floors below
 * were set just under the measured values, so a regression fails.
 */
#include "testutil.h"

#include "claims/claims.h"

#define PRECISION_FLOOR 0.97
#define RECALL_FLOOR 0.97
#define SOURCE_FLOOR 0.97
#define FLAGS_FLOOR 0.97
/* claims_heldout.tsv and claims_hard.tsv were written after tuning on claims.tsv and
 * first scored P/R 1.00/1.00 and 0.64/0.64; the code was then improved on the hard set.
 * claims_fresh.tsv came last and first scored P 0.926 R 0.893 (source and flags of the
 * matches 1.00) -- the estimate docs/claims.md gives.  Floors sit under the values now. */
#define HELDOUT_P_FLOOR 0.95
#define HELDOUT_R_FLOOR 0.95
#define HELDOUT_S_FLOOR 0.95
#define HELDOUT_F_FLOOR 0.95
#define HARD_P_FLOOR 0.85
#define HARD_R_FLOOR 0.90
#define HARD_S_FLOOR 0.95
#define HARD_F_FLOOR 0.95
#define FRESH_P_FLOOR 0.90
#define FRESH_R_FLOOR 0.85
#define FRESH_S_FLOOR 0.95
#define FRESH_F_FLOOR 0.95

static void lexicon_tables_are_sorted_and_large_enough(void **state)
{
    (void)state;
    assert_true(hx__claims_selfcheck());
    size_t lemmas = 0, cnt;
    for (size_t i = 0; i < hx__ncues; i++) lemmas += hx__cues[i].kind != HX__CUE_PREP;
    assert_true(lemmas >= 150);
    size_t k = hx__cue_find("decir", 5, &cnt);
    assert_int_equal(cnt, 1);
    assert_string_equal(hx__cues[k].lemma, "decir");
    hx__cue_find("zzz", 3, &cnt);
    assert_int_equal(cnt, 0);
}

static void json_links_the_figures_of_a_claim_to_its_source(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_ALL);
    hx_doc *doc = tu_analyse(ctx, "Según el Ministerio de Defensa, el ataque dejó 12 muertos el lunes.");
    char *js = NULL;
    assert_int_equal(hx_doc_json(doc, 0, &js, NULL, NULL), HX_OK);
    assert_non_null(strstr(js, "\"claims\":[{\"cue\":{\"text\":\"Según\",\"lemma\":\"según\""));
    assert_non_null(strstr(js, "\"source_text\":\"el Ministerio de Defensa\""));
    assert_non_null(strstr(js, "\"quantities\":[0]"));
    assert_int_equal(hx_doc_nclaims(doc), 1);
    hx_claim c;
    assert_int_equal(hx_doc_claim(doc, 0, &c), HX_OK);
    assert_true(c.has_source);
    assert_int_equal(c.source.start, 6);
    assert_int_equal(c.source.end, 30);
    assert_int_equal(hx_doc_claim(doc, 1, &c), HX_INVAL);
    hx_free(js);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void empty_and_claimless_documents_have_no_claims(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_ALL);
    hx_doc *doc = tu_analyse(ctx, "");
    assert_int_equal(hx_doc_nclaims(doc), 0);
    hx_doc_free(doc);
    doc = tu_analyse(ctx, "según , dijo que « » .");
    (void)hx_doc_nclaims(doc); /* odd input: only must not crash */
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void via_repeated_sources_and_entities_are_linked(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_ALL);
    const char *text = "El diputado, citado por la agencia Efe, afirmó que el pacto está roto. "
                       "Añadió que no habrá elecciones. Según Rusia, la tregua se mantiene.";
    hx_doc *doc = tu_analyse(ctx, text);
    char *js = NULL;
    assert_int_equal(hx_doc_nclaims(doc), 3);
    assert_int_equal(hx_doc_json(doc, 0, &js, NULL, NULL), HX_OK);
    assert_non_null(strstr(js, "\"via\":{\"text\":\"la agencia Efe\""));
    assert_non_null(strstr(js, "\"source_inherited\":true,\"antecedent\":0"));
    hx_claim c;
    assert_int_equal(hx_doc_claim(doc, 1, &c), HX_OK);
    assert_int_equal(c.antecedent, 0);
    assert_true(c.has_source);
    assert_memory_equal(text + c.source.bstart, "El diputado", 11);
    /* "Rusia" is a gazetteer entity: the third claim's source is an entity id */
    const char *third = strstr(js, "\"lemma\":\"según\"");
    assert_non_null(third);
    assert_non_null(strstr(third, "\"source\":\"E"));
    hx_free(js);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

/* Token soup made of the words the constructions depend on: the stage must keep its
 * invariants (spans inside the text, antecedents before their claims) on anything. */
static void invariants_hold_on_token_soup(void **state)
{
    (void)state;
    static const char *const words[] = {
        "según", "dijo", "que", "«", "»", "“", "”", "\"", ",", ".", "Así", "lo", "se", "no",
        "negó", "Ana", "el", "ministro", "de", "acuerdo", "con", "y", ":", "—", "(", ")",
        "habría", "añadió", "la", "misma", "fuente", "citado", "por", "en", "palabras",
        "fuentes", "señalando", "informó", "no", "descartó", "\n", "12", "%", "ayer"};
    /* Without the time stage: this test is about claims, and the soup is no text. */
    hx_ctx *ctx = NULL;
    hx_options opt = {0};
    opt.stages = HX_STAGE_TOKENS | HX_STAGE_NUMBERS | HX_STAGE_ENTITIES | HX_STAGE_CLAIMS;
    assert_int_equal(hx_ctx_new(&opt, &ctx, NULL), HX_OK);
    unsigned seed = 12345;
    for (int round = 0; round < 40; round++) {
        char text[8192];
        size_t n = 0;
        for (int k = 0; k < 300; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *w = words[(seed >> 16) % (sizeof words / sizeof words[0])];
            size_t wl = strlen(w);
            if (n + wl + 2 >= sizeof text) break;
            memcpy(text + n, w, wl);
            n += wl;
            text[n++] = ' ';
        }
        text[n] = '\0';
        hx_doc *doc = tu_analyse(ctx, text);
        size_t nc = hx_doc_nclaims(doc);
        for (size_t i = 0; i < nc; i++) {
            hx_claim c;
            assert_int_equal(hx_doc_claim(doc, i, &c), HX_OK);
            assert_true(c.cue.bstart < c.cue.bend && c.cue.bend <= n);
            assert_true(c.content.bstart < c.content.bend && c.content.bend <= n);
            if (c.has_source) assert_true(c.source.bstart < c.source.bend && c.source.bend <= n);
            assert_true(c.antecedent < (int)i);
        }
        char *js = NULL;
        assert_int_equal(hx_doc_json(doc, 0, &js, NULL, NULL), HX_OK);
        hx_free(js);
        hx_doc_free(doc);
    }
    hx_ctx_free(ctx);
}

/* The context's cue filter (ctx->cue_filter) only saves work: without it, the stage
 * finds the same claims on every case of the fixtures. */
static void the_cue_filter_changes_no_claim(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/fixtures/claims.tsv", "tests/fixtures/claims_heldout.tsv",
                                        "tests/fixtures/claims_hard.tsv",
                                        "tests/fixtures/claims_fresh.tsv"};
    hx_ctx *ctx = tu_ctx(HX_STAGE_ALL);
    assert_non_null(ctx->cue_filter);
    size_t cases = 0, claims = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        FILE *f = fopen(files[i], "r");
        assert_non_null(f);
        static char line[2048];
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "T\t", 2)) continue;
            line[strcspn(line, "\r\n")] = '\0';
            char *js[2];
            for (int k = 0; k < 2; k++) {
                struct hx__lemma_filter *lf = ctx->cue_filter;
                if (k) ctx->cue_filter = NULL;
                hx_doc *doc = tu_analyse(ctx, line + 2);
                ctx->cue_filter = lf;
                if (!k) claims += hx_doc_nclaims(doc);
                assert_int_equal(hx_doc_json(doc, 0, &js[k], NULL, NULL), HX_OK);
                hx_doc_free(doc);
            }
            assert_string_equal(js[0], js[1]);
            hx_free(js[0]);
            hx_free(js[1]);
            cases++;
        }
        fclose(f);
    }
    assert_true(cases >= 200);
    assert_true(claims >= 150);
    hx_ctx_free(ctx);
}

/* ---------------------------------------------------------------- the fixture */

typedef struct exp_claim {
    char lemma[64], source[256], content[512], flags[64];
    int matched;
} exp_claim;

static char *field(char **p)
{
    char *s = *p, *tab = strchr(s, '\t');
    if (tab) {
        *tab = '\0';
        *p = tab + 1;
    } else {
        *p = s + strlen(s);
    }
    return s;
}

static int has_flag(const char *flags, const char *f)
{
    const char *p = strstr(flags, f);
    return p != NULL;
}

typedef struct score {
    size_t expected, predicted, matched, source_ok, flags_ok;
} score;

static void score_case(hx_ctx *ctx, const char *text, exp_claim *ex, size_t nex, score *sc)
{
    hx_doc *doc = tu_analyse(ctx, text);
    size_t n = hx_doc_nclaims(doc);
    sc->expected += nex;
    sc->predicted += n;
    for (size_t i = 0; i < n; i++) {
        hx_claim c;
        assert_int_equal(hx_doc_claim(doc, i, &c), HX_OK);
        const char *content = text + c.content.bstart;
        size_t clen = c.content.bend - c.content.bstart;
        int hit = 0;
        for (size_t k = 0; k < nex && !hit; k++) {
            if (ex[k].matched || strcmp(ex[k].lemma, c.cue_lemma) || strlen(ex[k].content) != clen
                || memcmp(ex[k].content, content, clen))
                continue;
            hit = 1;
            ex[k].matched = 1;
            sc->matched++;
            /* source */
            const char *want = ex[k].source;
            int ok;
            if (!strcmp(want, "-")) {
                ok = !c.has_source;
            } else {
                int repeated = want[0] == '=';
                if (repeated) want++;
                ok = c.has_source && c.source.bend - c.source.bstart == strlen(want)
                     && !memcmp(text + c.source.bstart, want, strlen(want))
                     && (!repeated || c.antecedent >= 0);
            }
            sc->source_ok += ok;
            if (!ok)
                printf("# source: %s | got %.*s\n", text, c.has_source ? (int)(c.source.bend - c.source.bstart) : 1,
                       c.has_source ? text + c.source.bstart : "-");
            int fok = c.quote == has_flag(ex[k].flags, "quote")
                      && c.hedged == has_flag(ex[k].flags, "hedged")
                      && c.negated == has_flag(ex[k].flags, "negated")
                      && c.impersonal == has_flag(ex[k].flags, "impersonal");
            sc->flags_ok += fok;
            if (!fok)
                printf("# flags: %s | got q%d h%d n%d i%d want %s\n", text, c.quote, c.hedged, c.negated,
                       c.impersonal, ex[k].flags);
        }
        if (!hit) printf("# extra: %s | %s: %.*s\n", text, c.cue_lemma, (int)clen, content);
    }
    for (size_t k = 0; k < nex; k++)
        if (!ex[k].matched) printf("# missed: %s | %s: %s\n", text, ex[k].lemma, ex[k].content);
    hx_doc_free(doc);
}

/* Scores every case of a fixture file; returns the number of cases. */
static size_t run_fixture(const char *path, score *out)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    hx_ctx *ctx = tu_ctx(HX_STAGE_ALL);
    static char line[2048], text[2048];
    static exp_claim ex[16];
    size_t nex = 0, ncases = 0;
    score sc = {0};
    text[0] = '\0';
    for (;;) {
        char *got = fgets(line, sizeof line, f);
        if (got) line[strcspn(line, "\r\n")] = '\0';
        if (!got || !strncmp(line, "T\t", 2)) {
            if (text[0]) {
                score_case(ctx, text, ex, nex, &sc);
                ncases++;
            }
            if (!got) break;
            memcpy(text, line + 2, strlen(line + 2) + 1);
            nex = 0;
        } else if (!strncmp(line, "C\t", 2) && nex < 16) {
            char *p = line + 2;
            exp_claim *e = &ex[nex++];
            memset(e, 0, sizeof *e);
            snprintf(e->lemma, sizeof e->lemma, "%s", field(&p));
            snprintf(e->source, sizeof e->source, "%s", field(&p));
            snprintf(e->content, sizeof e->content, "%s", field(&p));
            snprintf(e->flags, sizeof e->flags, "%s", field(&p));
        }
    }
    fclose(f);
    hx_ctx_free(ctx);
    *out = sc;
    return ncases;
}

static void report(const char *name, size_t ncases, const score *sc, double floor_p, double floor_r,
                   double floor_s, double floor_f)
{
    double p = sc->predicted ? (double)sc->matched / (double)sc->predicted : 0;
    double r = sc->expected ? (double)sc->matched / (double)sc->expected : 0;
    double s = sc->matched ? (double)sc->source_ok / (double)sc->matched : 0;
    double fl = sc->matched ? (double)sc->flags_ok / (double)sc->matched : 0;
    printf("# %s: %zu cases, %zu expected, %zu predicted, %zu matched: "
           "P %.3f R %.3f; source %.3f, flags %.3f\n",
           name, ncases, sc->expected, sc->predicted, sc->matched, p, r, s, fl);
    assert_true(p >= floor_p);
    assert_true(r >= floor_r);
    assert_true(s >= floor_s);
    assert_true(fl >= floor_f);
}

static void precision_and_recall_on_the_fixture(void **state)
{
    (void)state;
    score sc;
    size_t n = run_fixture("tests/fixtures/claims.tsv", &sc);
    assert_true(n >= 100);
    report("claims.tsv", n, &sc, PRECISION_FLOOR, RECALL_FLOOR, SOURCE_FLOOR, FLAGS_FLOOR);
}

static void precision_and_recall_on_the_held_out_fixture(void **state)
{
    (void)state;
    score sc;
    size_t n = run_fixture("tests/fixtures/claims_heldout.tsv", &sc);
    assert_true(n >= 40);
    report("claims_heldout.tsv", n, &sc, HELDOUT_P_FLOOR, HELDOUT_R_FLOOR, HELDOUT_S_FLOOR,
           HELDOUT_F_FLOOR);
}

static void precision_and_recall_on_the_hard_fixture(void **state)
{
    (void)state;
    score sc;
    size_t n = run_fixture("tests/fixtures/claims_hard.tsv", &sc);
    assert_true(n >= 20);
    report("claims_hard.tsv", n, &sc, HARD_P_FLOOR, HARD_R_FLOOR, HARD_S_FLOOR, HARD_F_FLOOR);
}

static void precision_and_recall_on_the_fresh_fixture(void **state)
{
    (void)state;
    score sc;
    size_t n = run_fixture("tests/fixtures/claims_fresh.tsv", &sc);
    assert_true(n >= 25);
    report("claims_fresh.tsv", n, &sc, FRESH_P_FLOOR, FRESH_R_FLOOR, FRESH_S_FLOOR, FRESH_F_FLOOR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lexicon_tables_are_sorted_and_large_enough),
        cmocka_unit_test(json_links_the_figures_of_a_claim_to_its_source),
        cmocka_unit_test(empty_and_claimless_documents_have_no_claims),
        cmocka_unit_test(via_repeated_sources_and_entities_are_linked),
        cmocka_unit_test(invariants_hold_on_token_soup),
        cmocka_unit_test(the_cue_filter_changes_no_claim),
        cmocka_unit_test(precision_and_recall_on_the_fixture),
        cmocka_unit_test(precision_and_recall_on_the_held_out_fixture),
        cmocka_unit_test(precision_and_recall_on_the_hard_fixture),
        cmocka_unit_test(precision_and_recall_on_the_fresh_fixture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
