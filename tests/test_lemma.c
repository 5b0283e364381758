/*
 * test_lemma.c -- the verb lemmatiser (src/claims/lemma.c): hand-picked forms of every rule,
 * the order of the generated tables, and accuracy on CoNLL-2002 esp.testa.
 *
 * Accuracy: tests/fixtures/lemma_gold.tsv gives the gold lemma of the 300 most frequent
 * verb forms of esp.testa (POS tag starting with V), written by hand.  Every testa token
 * tagged V whose lower-cased form is in that list (and not marked "_") is lemmatised and
 * compared; the floor below fails on a regression.  Tokens whose gold lemma is not in
 * the known-verb list (data/verbs.txt) are also scored apart, to show how the pure
 * rules do on verbs the lexicon does not list.
 */
#include "testutil.h"

#include "claims/claims.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define ACCURACY_FLOOR 0.99
#define RULES_FLOOR 0.80 /* set after measuring; see docs/claims.md */
#define FILTER_PASS_CEILING 0.10 /* measured: 0.046 */

static const char *lemma_of(const char *form, char *out)
{
    char low[HX__LEMMA_MAX];
    size_t n = hx__lower(form, strlen(form), low, sizeof low);
    if (!n || !hx__lemma_verb(low, n, out, HX__LEMMA_MAX, NULL)) strcpy(out, "");
    return out;
}

#define LEMMA(form, lemma)                                                      \
    do {                                                                        \
        char b_[HX__LEMMA_MAX];                                                 \
        assert_string_equal(lemma_of(form, b_), lemma);                         \
    } while (0)

static void regular_endings_of_the_three_classes(void **state)
{
    (void)state;
    LEMMA("informó", "informar");
    LEMMA("informaron", "informar");
    LEMMA("explicaba", "explicar");
    LEMMA("anunciará", "anunciar");
    LEMMA("temen", "temer");
    LEMMA("añadió", "añadir");
    LEMMA("decidieron", "decidir");
    LEMMA("insistiría", "insistir");
    LEMMA("afirmando", "afirmar");
    LEMMA("recibido", "recibir");
    LEMMA("Aseguró", "asegurar");
}

static void stem_changes_are_undone(void **state)
{
    (void)state;
    LEMMA("pidió", "pedir");
    LEMMA("cuenta", "contar");
    LEMMA("advierte", "advertir");
    LEMMA("niega", "negar");
    LEMMA("conozco", "conocer");
    LEMMA("construyó", "construir");
    LEMMA("indiqué", "indicar");
    LEMMA("sigue", "seguir");
    LEMMA("murieron", "morir");
    LEMMA("envía", "enviar");
    LEMMA("reúne", "reunir");
}

static void irregular_stems_and_forms(void **state)
{
    (void)state;
    LEMMA("dijo", "decir");
    LEMMA("dijeron", "decir");
    LEMMA("sostuvo", "sostener");
    LEMMA("propuso", "proponer");
    LEMMA("produjo", "producir");
    LEMMA("tendrá", "tener");
    LEMMA("dirían", "decir");
    LEMMA("habría", "haber");
    LEMMA("fue", "ser");
    LEMMA("van", "ir");
    LEMMA("dio", "dar");
    LEMMA("previsto", "prever");
    LEMMA("impuesta", "imponer");
    LEMMA("escrito", "escribir");
    LEMMA("descubierto", "descubrir");
}

static void enclitic_pronouns_are_stripped(void **state)
{
    (void)state;
    LEMMA("asegurándose", "asegurar");
    LEMMA("decirle", "decir");
    LEMMA("celebrarse", "celebrar");
    LEMMA("explicándoles", "explicar");
}

static void unknown_verbs_get_a_rule_based_guess(void **state)
{
    (void)state;
    int known = 1;
    char out[HX__LEMMA_MAX];
    assert_true(hx__lemma_verb("tuiteó", strlen("tuiteó"), out, sizeof out, &known) > 0);
    assert_string_equal(out, "tuitear");
    assert_int_equal(known, 0);
    LEMMA("googleando", "googlear");
    /* no verb ending at all */
    assert_int_equal(hx__lemma_verb("km", 2, out, sizeof out, NULL), 0);
}

static void tables_are_sorted(void **state)
{
    (void)state;
    for (size_t i = 1; i < hx__nverbs; i++) assert_true(strcmp(hx__verbs[i - 1], hx__verbs[i]) < 0);
    for (size_t i = 1; i < hx__nirregulars; i++)
        assert_true(strcmp(hx__irregulars[i - 1].form, hx__irregulars[i].form) < 0);
    assert_true(hx__lemma_selfcheck());
    assert_true(hx__verb_known("decir", 5));
    assert_false(hx__verb_known("decirr", 6));
}

/* ---------------------------------------------------------------- accuracy on testa */

typedef struct gold {
    char form[HX__LEMMA_MAX], lemma[HX__LEMMA_MAX];
} gold;

/* hx__lower_fnv lower-cases exactly like hx__lower and hashes what it wrote. */
static void lower_fnv_agrees_with_lower(void **state)
{
    (void)state;
    static const char *const words[] = {"Dijo", "ÁFRICA", "Ñandú", "EE.UU.", "a", "ÉL",
                                        "×Á", "abc\xC3", "MÜLLER", "Ĳ"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        char a[HX__LEMMA_MAX], b[HX__LEMMA_MAX];
        uint32_t h = 0, f = 2166136261u;
        size_t n = strlen(words[i]);
        size_t na = hx__lower(words[i], n, a, sizeof a);
        size_t nb = hx__lower_fnv(words[i], n, b, sizeof b, &h);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na + 1);
        for (size_t k = 0; k < nb; k++) f = (f ^ (unsigned char)b[k]) * 16777619u;
        assert_int_equal(h, f);
    }
    char small[4];
    uint32_t h;
    assert_int_equal(hx__lower_fnv("abcd", 4, small, sizeof small, &h), 0);
}

static void accuracy_on_the_300_most_frequent_verb_forms_of_testa(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    static gold g[400];
    size_t ng = 0;
    char line[512];
    FILE *f = fopen("tests/fixtures/lemma_gold.tsv", "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f) && ng < 400) {
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        tab[strcspn(tab + 1, "\r\n") + 1] = '\0';
        if (strlen(line) >= sizeof g[ng].form || strlen(tab + 1) >= sizeof g[ng].lemma) continue;
        memcpy(g[ng].form, line, strlen(line) + 1);
        memcpy(g[ng].lemma, tab + 1, strlen(tab + 1) + 1);
        ng++;
    }
    fclose(f);
    assert_int_equal(ng, 300);

    char *path = tu_shared_path("data/conll2002/esp.testa");
    f = fopen(path, "r");
    free(path);
    assert_non_null(f);
    size_t total = 0, ok = 0, utotal = 0, uok = 0, rok = 0;
    while (fgets(line, sizeof line, f)) {
        char word[256], pos[64], low[HX__LEMMA_MAX], out[HX__LEMMA_MAX];
        if (sscanf(line, "%255s %63s", word, pos) != 2 || pos[0] != 'V') continue;
        size_t n = hx__lower(word, strlen(word), low, sizeof low);
        if (!n) continue;
        for (size_t i = 0; i < ng; i++) {
            if (strcmp(g[i].form, low) || !strcmp(g[i].lemma, "_")) continue;
            size_t k = hx__lemma_verb(low, n, out, sizeof out, NULL);
            int good = k && !strcmp(out, g[i].lemma);
            int listed = hx__verb_known(g[i].lemma, strlen(g[i].lemma));
            k = hx__lemma_rules(low, n, out, sizeof out, NULL, 0);
            rok += k && !strcmp(out, g[i].lemma);
            k = hx__lemma_verb(low, n, out, sizeof out, NULL);
            total++;
            ok += good;
            if (!listed) {
                utotal++;
                uok += good;
            }
            if (!good) printf("# miss: %s -> %s (gold %s)\n", low, k ? out : "-", g[i].lemma);
            break;
        }
    }
    fclose(f);
    double acc = total ? (double)ok / (double)total : 0;
    printf("# lemma accuracy on testa: %zu/%zu tokens = %.4f; gold lemma not in verbs.txt: %zu/%zu;"
           " rules without the verb list: %zu/%zu = %.4f\n",
           ok, total, acc, uok, utotal, rok, total, total ? (double)rok / (double)total : 0);
    assert_true(total > 2000);
    assert_true(acc >= ACCURACY_FLOOR);
    assert_true((double)rok / (double)total >= RULES_FLOOR);
}

/* ---------------------------------------------------------------- the cue filter */

/* A filter of the cue heads (as the claims stage builds it) and what it is tested on. */
typedef struct fcheck {
    hx__lemma_filter f;
    size_t words, heads, passed, passed_other;
} fcheck;

static void fcheck_init(fcheck *c)
{
    memset(c, 0, sizeof *c);
    hx__lemma_filter_init(&c->f);
    for (size_t i = 0; i < hx__ncues; i++)
        hx__lemma_filter_add(&c->f, hx__cues[i].head, strlen(hx__cues[i].head));
}

/* The filter must let through every word whose lemma heads a cue. */
static void fcheck_word(fcheck *c, const char *w, size_t n)
{
    char lem[HX__LEMMA_MAX];
    size_t cnt = 0, ln = hx__lemma_verb(w, n, lem, sizeof lem, NULL);
    if (ln) hx__cue_find(lem, ln, &cnt);
    int may = hx__lemma_filter_may(&c->f, w, n);
    if (cnt && !may) fail_msg("the filter rules out \"%.*s\" (lemma %s)", (int)n, w, lem);
    c->words++;
    c->heads += cnt > 0;
    c->passed += may;
    c->passed_other += may && !cnt;
}

static void fcheck_cat(fcheck *c, const char *a, size_t an, const char *b)
{
    char w[2 * HX__LEMMA_MAX];
    size_t bn = strlen(b);
    if (an + bn >= sizeof w) return;
    memcpy(w, a, an);
    memcpy(w + an, b, bn);
    fcheck_word(c, w, an + bn);
}

/* Verb endings, written here apart from lemma.c's tables: the regular ones of the three
 * classes, those of strong preterites and irregular futures, imperatives, and a few
 * bare ones; "" stands for the stem alone. */
static const char *const gen_endings[] = {
    "", "ar", "er", "ir", "ír", "ando", "iendo", "yendo", "ado", "ada", "ados", "adas",
    "ido", "ida", "idos", "idas", "ído", "ída", "ídos", "ídas", "o", "os", "as", "a", "amos",
    "áis", "an", "es", "e", "emos", "éis", "en", "imos", "ís", "is", "é", "aste", "ó",
    "asteis", "aron", "í", "iste", "ió", "isteis", "ieron", "eron", "yó", "yeron", "aba",
    "abas", "ábamos", "abais", "aban", "ía", "ías", "íamos", "íais", "ían", "ara", "aras",
    "áramos", "arais", "aran", "ase", "ases", "ásemos", "asen", "iera", "ieras", "iéramos",
    "ierais", "ieran", "iese", "ieses", "iésemos", "iesen", "era", "eras", "éramos", "eran",
    "ese", "esen", "yera", "yeras", "yeran", "yese", "yesen", "ad", "ed", "id", "ás", "á",
    "án", "aré", "arás", "ará", "aremos", "aréis", "arán", "aría", "arías", "aríamos",
    "aríais", "arían", "eré", "erás", "erá", "eremos", "eréis", "erán", "ería", "erías",
    "eríamos", "eríais", "erían", "iré", "irás", "irá", "iremos", "iréis", "irán", "iría",
    "irías", "iríamos", "iríais", "irían", "ue", "uen", "ues", "s", "n", "mos",
};

/* Stems a verb's forms are built on: the infinitive's stem, with one vowel changed
 * anywhere (e/ie, o/ue, e/i, o/u, i/í, u/ú, u/ü), then perhaps its last consonant
 * (both changes together only when all is set: for the verbs that head cues). */
static void gen_stems(fcheck *c, const char *stem, size_t sl, int all)
{
    static const char *const vow[][2] = {{"e", "ie"}, {"o", "ue"}, {"e", "i"}, {"o", "u"},
                                         {"i", "í"}, {"u", "ú"}, {"u", "ü"}, {"e", "í"}};
    static const char *const cons[][2] = {{"c", "zc"}, {"c", "qu"}, {"g", "gu"}, {"g", "j"},
                                          {"z", "c"}, {"gu", "g"}, {"gu", "gü"}, {"", "g"},
                                          {"", "ig"}, {"", "y"}, {"c", "z"}, {"qu", "c"},
                                          {"", "zc"}, {"", "j"}};
    char v[2 * HX__LEMMA_MAX], s[3 * HX__LEMMA_MAX];
    for (size_t vi = 0; vi <= NELEM(vow); vi++) {
        for (size_t q = 0; q <= sl; q++) {
            size_t vl;
            if (vi == NELEM(vow)) {
                if (q) break;
                memcpy(v, stem, sl);
                vl = sl;
            } else {
                size_t fl = strlen(vow[vi][0]), tl = strlen(vow[vi][1]);
                if (q + fl > sl || memcmp(stem + q, vow[vi][0], fl)) continue;
                memcpy(v, stem, q);
                memcpy(v + q, vow[vi][1], tl);
                memcpy(v + q + tl, stem + q + fl, sl - q - fl);
                vl = sl - fl + tl;
            }
            for (size_t ci = all || vi == NELEM(vow) ? 0 : NELEM(cons); ci <= NELEM(cons); ci++) {
                size_t cl = vl;
                memcpy(s, v, vl);
                if (ci < NELEM(cons)) {
                    size_t fl = strlen(cons[ci][0]), tl = strlen(cons[ci][1]);
                    if (vl < fl || memcmp(v + vl - fl, cons[ci][0], fl)) continue;
                    memcpy(s + vl - fl, cons[ci][1], tl);
                    cl = vl - fl + tl;
                }
                for (size_t e = 0; e < NELEM(gen_endings); e++) fcheck_cat(c, s, cl, gen_endings[e]);
            }
        }
    }
}

/* Every known verb in every form gen_stems and gen_endings make, the stems of strong
 * preterites, irregular futures and participles put in place of the verb's end, the
 * whole irregular forms, and infinitives and gerunds with enclitics. */
static void filter_never_rules_out_a_form_of_a_cue_verb(void **state)
{
    (void)state;
    static fcheck c;
    fcheck_init(&c);
    static const char *const keys[] = {
        "dij", "traj", "duj", "hic", "hiz", "estuv", "anduv", "tuv", "pud", "pus", "vin",
        "sup", "quis", "hub", "cup", "tendr", "pondr", "vendr", "saldr", "valdr", "podr",
        "sabr", "habr", "cabr", "querr", "har", "dir", "puest", "dich", "hech", "fech",
        "vist", "vuelt", "suelt", "muert", "scrit", "biert", "impres", "rot", "quep", "hag",
        "dig", "teng", "veng", "pong", "salg", "traig", "oig", "caig", "val", "cab"};
    static const char *const bases[] = {"ar", "er", "ir", "ír", "ando", "iendo", "yendo",
                                        "ándo", "iéndo", "yéndo", "ár", "ér"};
    static const char *const cl1[] = {"se", "lo", "la", "le", "los", "las", "les", "nos",
                                      "me", "te", "os"};
    static const char *const cl2[] = {"", "lo", "la", "le", "se", "los", "las", "nos"};
    for (size_t i = 0; i < hx__nverbs; i++) {
        const char *v = hx__verbs[i];
        size_t n = strlen(v), sl = n >= 3 && !strcmp(v + n - 3, "ír") ? n - 3 : n - 2;
        size_t cnt = 0;
        hx__cue_find(v, n, &cnt);
        gen_stems(&c, v, sl, cnt > 0);
        for (size_t x = 2; x <= n && x <= 8; x++) {
            for (size_t k = 0; k < NELEM(keys); k++) {
                if (keys[k][0] != v[n - x]) continue;
                char s[2 * HX__LEMMA_MAX];
                size_t kl = strlen(keys[k]);
                memcpy(s, v, n - x);
                memcpy(s + n - x, keys[k], kl);
                for (size_t e = 0; e < NELEM(gen_endings); e++) fcheck_cat(&c, s, n - x + kl, gen_endings[e]);
            }
        }
        for (size_t b = 0; b < NELEM(bases); b++) {
            char s[2 * HX__LEMMA_MAX];
            size_t bl = strlen(bases[b]);
            memcpy(s, v, sl);
            memcpy(s + sl, bases[b], bl);
            for (size_t p = 0; p < NELEM(cl1); p++) {
                for (size_t q = 0; q < NELEM(cl2); q++) {
                    char t[16];
                    snprintf(t, sizeof t, "%s%s", cl1[p], cl2[q]);
                    fcheck_cat(&c, s, sl + bl, t);
                }
            }
        }
    }
    for (size_t i = 0; i < hx__nirregulars; i++) {
        const char *w = hx__irregulars[i].form;
        for (size_t p = 0; p < NELEM(cl1); p++) fcheck_cat(&c, w, strlen(w), cl1[p]);
        fcheck_cat(&c, w, strlen(w), "");
    }
    printf("# cue filter on %zu generated forms: %zu lemmatise to a cue head; it lets %zu"
           " others through\n",
           c.words, c.heads, c.passed_other);
    assert_true(c.words > 1000000);
    assert_true(c.heads > 50000);
}

/* The same on every word of CoNLL-2002 esp.train and esp.testa; the filter must also
 * rule out most of the words whose lemma heads no cue (that is what it is for). */
static void filter_agrees_with_the_lemmatiser_on_corpus_words(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    static fcheck c;
    fcheck_init(&c);
    static const char *const files[] = {"data/conll2002/esp.train", "data/conll2002/esp.testa"};
    for (size_t i = 0; i < NELEM(files); i++) {
        char *path = tu_shared_path(files[i]);
        FILE *f = fopen(path, "r");
        free(path);
        assert_non_null(f);
        char line[512];
        while (fgets(line, sizeof line, f)) {
            char word[256], low[HX__LEMMA_MAX];
            if (sscanf(line, "%255s", word) != 1) continue;
            size_t n = hx__lower(word, strlen(word), low, sizeof low);
            if (n) fcheck_word(&c, low, n);
        }
        fclose(f);
    }
    size_t other = c.words - c.heads;
    double rate = other ? (double)c.passed_other / (double)other : 1;
    printf("# cue filter on %zu corpus tokens: %zu lemmatise to a cue head; of the others it"
           " lets %zu through (%.3f)\n",
           c.words, c.heads, c.passed_other, rate);
    assert_true(c.words > 300000);
    assert_true(c.heads > 1000);
    assert_true(rate < FILTER_PASS_CEILING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(regular_endings_of_the_three_classes),
        cmocka_unit_test(stem_changes_are_undone),
        cmocka_unit_test(irregular_stems_and_forms),
        cmocka_unit_test(enclitic_pronouns_are_stripped),
        cmocka_unit_test(unknown_verbs_get_a_rule_based_guess),
        cmocka_unit_test(tables_are_sorted),
        cmocka_unit_test(lower_fnv_agrees_with_lower),
        cmocka_unit_test(accuracy_on_the_300_most_frequent_verb_forms_of_testa),
        cmocka_unit_test(filter_never_rules_out_a_form_of_a_cue_verb),
        cmocka_unit_test(filter_agrees_with_the_lemmatiser_on_corpus_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
