/*
 * test_entities.c -- the entity layer: gazetteer lookups (folding, demonym inflections,
 * capitals, sortedness), the public accessors and JSON, and a B-cubed cluster score over
 * the hand-written articles in tests/fixtures/entities (format in its README.md).
 *
 * The cluster score is measured without the tagger (stages without HX_STAGE_TAGGER) so
 * it does not move when a model is retrained; a second test measures it with the NER
 * model when models/ner.hxm exists, and is skipped otherwise.
 */
#include "testutil.h"

#include <dirent.h>

#include "hechos.h"
#include "entities/entities.h"

#define FIXTURES "tests/fixtures/entities"
/* Measured B-cubed F1 over the 36 articles: 0.987 without the tagger and 0.987 with the
 * shipped NER model (docs/entities.md); the floors are a
 * little lower so that only a real regression fails. */
#define FLOOR_F1 0.95
#define FLOOR_F1_TAGGER 0.95

/* ---------------------------------------------------------------- gazetteer */

static const char *fold(const char *s, char *out, size_t cap)
{
    size_t n = hx__gaz_fold(s, strlen(s), out, 0, cap);
    assert_true(n < cap);
    return out;
}

/* The places of a key of a given kind ("how"), or -1. */
static int place_of(const char *text, unsigned how)
{
    char key[128];
    size_t lo, n;
    fold(text, key, sizeof key);
    n = hx__gaz_find(key, strlen(key), &lo);
    for (size_t i = lo; i < lo + n; i++)
        if (hx__gaz_keys[i].how == how) return hx__gaz_keys[i].place;
    return -1;
}

static const char *cc_of(const char *text, unsigned how)
{
    int p = place_of(text, how);
    return p < 0 ? "" : hx__gaz_places[p].cc;
}

static void fold_strips_diacritics_and_case(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(fold("Wŏnsan", b, sizeof b), "wonsan");
    assert_string_equal(fold("KÍIV", b, sizeof b), "kiiv");
    assert_string_equal(fold("Costa d\u2019Ivoire", b, sizeof b), "costa d'ivoire");
    assert_string_equal(fold("  Corea \n del   Norte ", b, sizeof b), "corea del norte");
    assert_string_equal(fold("Ñandú", b, sizeof b), "nandu");
    /* Too small a buffer is reported, never overrun. */
    char tiny[4];
    assert_int_equal(hx__gaz_fold("Pyongyang", 9, tiny, 0, sizeof tiny), sizeof tiny);
}

static void countries_by_spanish_names_and_variants(void **state)
{
    (void)state;
    assert_string_equal(cc_of("Rusia", HX__KEY_NAME), "RU");
    assert_string_equal(cc_of("Federación Rusa", HX__KEY_NAME), "RU");
    assert_string_equal(cc_of("Corea del Norte", HX__KEY_NAME), "KP");
    assert_string_equal(cc_of("Países Bajos", HX__KEY_NAME), "NL");
    assert_string_equal(cc_of("Holanda", HX__KEY_NAME), "NL");
    assert_string_equal(cc_of("EE.UU.", HX__KEY_ACRONYM), "US");
    assert_string_equal(cc_of("Türkiye", HX__KEY_NAME), "TR");
    assert_string_equal(cc_of("Guinea-Bisáu", HX__KEY_NAME), "GW");
    /* From iso-codes only (a territory without hand-written facts). */
    assert_string_equal(cc_of("Islas Feroe", HX__KEY_NAME), "FO");
    int ru = place_of("Rusia", HX__KEY_NAME);
    assert_int_equal(hx__gaz_places[ru].kind, HX__PL_COUNTRY);
    assert_string_equal(hx__gaz_places[ru].id, "iso:RU");
    assert_true(hx__gaz_places[ru].lat > 40 && hx__gaz_places[ru].lat < 80);
    assert_int_equal(place_of("Narnia", HX__KEY_NAME), -1);
}

static void demonyms_in_every_gender_and_number(void **state)
{
    (void)state;
    static const char *const forms[][2] = {
        {"norcoreano", "KP"}, {"norcoreana", "KP"}, {"norcoreanos", "KP"}, {"norcoreanas", "KP"},
        {"ruso", "RU"}, {"rusas", "RU"}, {"ucraniano", "UA"}, {"ucranianas", "UA"},
        {"francés", "FR"}, {"francesa", "FR"}, {"franceses", "FR"}, {"francesas", "FR"},
        {"alemán", "DE"}, {"alemana", "DE"}, {"alemanes", "DE"}, {"israelí", "IL"},
        {"israelíes", "IL"}, {"israelís", "IL"}, {"belga", "BE"}, {"belgas", "BE"},
        {"estadounidense", "US"}, {"estadounidenses", "US"}, {"español", "ES"},
        {"españolas", "ES"}, {"marroquíes", "MA"}, {"kirguís", "KG"}, {"letona", "LV"},
        {"Norcoreanos", "KP"}, {"sudafricanas", "ZA"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        const char *cc = cc_of(forms[i][0], HX__KEY_DEMONYM);
        if (strcmp(cc, forms[i][1]) != 0) fail_msg("%s: got '%s', want %s", forms[i][0], cc, forms[i][1]);
    }
}

static void capitals_and_seats_stand_for_governments(void **state)
{
    (void)state;
    int moscow = place_of("Moscú", HX__KEY_NAME);
    assert_true(moscow >= 0);
    assert_int_equal(hx__gaz_places[moscow].kind, HX__PL_CITY);
    assert_int_equal(hx__gaz_places[moscow].seat_of, place_of("Rusia", HX__KEY_NAME));
    assert_int_equal(place_of("Kiev", HX__KEY_NAME), place_of("Kyiv", HX__KEY_NAME));
    assert_int_equal(place_of("Pekín", HX__KEY_NAME), place_of("Beijing", HX__KEY_NAME));
    int brussels = place_of("Bruselas", HX__KEY_NAME);
    assert_int_equal(hx__gaz_places[hx__gaz_places[brussels].seat_of].kind, HX__PL_ORG);
    assert_int_equal(place_of("Kremlin", HX__KEY_SEAT), place_of("Rusia", HX__KEY_NAME));
    assert_int_equal(place_of("Casa Blanca", HX__KEY_SEAT), place_of("Estados Unidos", HX__KEY_NAME));
    assert_int_equal(hx__gaz_place_by_id("org:NATO"), place_of("OTAN", HX__KEY_ACRONYM));
}

static void ambiguous_names_keep_every_place(void **state)
{
    (void)state;
    size_t lo, n = hx__gaz_find("cordoba", 7, &lo);
    int es = 0, ar = 0;
    for (size_t i = lo; i < lo + n; i++) {
        es |= strcmp(hx__gaz_places[hx__gaz_keys[i].place].cc, "ES") == 0;
        ar |= strcmp(hx__gaz_places[hx__gaz_keys[i].place].cc, "AR") == 0;
    }
    assert_true(es && ar);
    assert_true(hx__gaz_has_prefix("corea del", 9));
    assert_false(hx__gaz_has_prefix("corea del norte", 15));
}

/* entities.c: the generated word-class table agrees with the word lists. */
int hx__ent_words_selfcheck(void);

static void word_class_table_matches_the_lists(void **state)
{
    (void)state;
    assert_int_equal(hx__ent_words_selfcheck(), 1);
}

static void keys_are_sorted_and_point_at_places(void **state)
{
    (void)state;
    assert_true(hx__gaz_nkeys > 1000);
    for (size_t i = 0; i < hx__gaz_nkeys; i++) {
        assert_true(hx__gaz_keys[i].place < hx__gaz_nplaces);
        if (i) assert_true(strcmp(hx__gaz_keys[i - 1].key, hx__gaz_keys[i].key) <= 0);
        char b[256];
        /* Keys are stored folded: folding them again changes nothing. */
        assert_string_equal(fold(hx__gaz_keys[i].key, b, sizeof b), hx__gaz_keys[i].key);
    }
}

static void geonames_layer_when_built(void **state)
{
    (void)state;
    if (hx__geo_count() == 0) {
        print_message("built without `make geodata`, skipping\n");
        skip();
    }
    size_t lo, n = hx__geo_find("wonsan", 6, &lo); /* GeoNames writes Wŏnsan */
    assert_true(n >= 1);
    assert_string_equal(hx__geo_city(lo)->cc, "KP");
    n = hx__geo_find("donetsk", 7, &lo);
    assert_true(n >= 2);
    /* Largest first: the Ukrainian city before the Russian town. */
    assert_true(hx__geo_city(lo)->pop >= hx__geo_city(lo + 1)->pop);
    assert_null(hx__geo_city(hx__geo_count()));
}

/* ---------------------------------------------------------------- documents */

static hx_ctx *make_ctx(int tagger)
{
    return tu_ctx(tagger ? HX_STAGE_ALL : (HX_STAGE_ALL & ~(unsigned)HX_STAGE_TAGGER));
}

/* Index of the entity named name, or -1. */
static long entity_named(const hx_doc *doc, const char *name)
{
    hx_entity e;
    for (size_t i = 0; i < hx_doc_nentities(doc); i++)
        if (hx_doc_entity(doc, i, &e) == HX_OK && strcmp(e.name, name) == 0) return (long)i;
    return -1;
}

static void kim_and_north_korea_are_resolved(void **state)
{
    (void)state;
    static const char text[] =
        "Kim Jong-un recibió a una delegación rusa en Pyongyang. El líder de Corea del Norte "
        "prometió apoyo. Según Pyongyang, los soldados norcoreanos no están en Kursk. Kim "
        "pidió calma.";
    hx_ctx *ctx = make_ctx(0);
    hx_doc *doc = tu_analyse(ctx, text);
    long kim = entity_named(doc, "Kim Jong-un"), kp = entity_named(doc, "Corea del Norte");
    assert_true(kim >= 0 && kp >= 0);
    hx_entity e;
    hx_entity_mention m;
    assert_int_equal(hx_doc_entity(doc, (size_t)kim, &e), HX_OK);
    assert_string_equal(e.type, "PER");
    assert_string_equal(e.country, "KP");
    assert_int_equal(e.nmentions, 3); /* Kim Jong-un, líder de Corea del Norte, Kim */
    assert_int_equal(hx_doc_entity_mention(doc, (size_t)kim, 1, &m), HX_OK);
    assert_string_equal(m.kind, "role");
    assert_int_equal(hx_doc_entity(doc, (size_t)kp, &e), HX_OK);
    assert_string_equal(e.type, "LOC");
    assert_string_equal(e.kind, "country");
    assert_true(e.has_geo);
    assert_string_equal(e.geo_id, "iso:KP");
    /* Corea del Norte, Pyongyang (as actor, after "Según"), norcoreanos; the first
     * Pyongyang ("en Pyongyang") is the city. */
    int metonym = 0, demonym = 0;
    for (size_t j = 0; j < e.nmentions; j++) {
        assert_int_equal(hx_doc_entity_mention(doc, (size_t)kp, j, &m), HX_OK);
        metonym += strcmp(m.kind, "metonym") == 0;
        demonym += strcmp(m.kind, "demonym") == 0;
    }
    assert_int_equal(metonym, 1);
    assert_int_equal(demonym, 1);
    assert_true(entity_named(doc, "Pyongyang") >= 0);
    long kursk = entity_named(doc, "Kursk");
    assert_true(kursk >= 0);
    assert_int_equal(hx_doc_entity(doc, (size_t)kursk, &e), HX_OK);
    assert_string_equal(e.country, "RU");
    assert_int_equal(hx_doc_entity(doc, hx_doc_nentities(doc), &e), HX_INVAL);
    assert_int_equal(hx_doc_entity_mention(doc, (size_t)kim, 99, &m), HX_INVAL);

    char *json = NULL;
    assert_int_equal(hx_doc_json(doc, HX_JSON_NO_TOKENS, &json, NULL, NULL), HX_OK);
    assert_non_null(strstr(json, "\"entities\":[{\"id\":\"E1\",\"type\":\"PER\",\"name\":\"Kim Jong-un\""));
    assert_non_null(strstr(json, "\"kind\":\"role\""));
    assert_non_null(strstr(json, "\"id\":\"iso:KP\""));
    hx_free(json);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void a_minister_is_not_the_president(void **state)
{
    (void)state;
    hx_ctx *ctx = make_ctx(0);
    hx_doc *doc = tu_analyse(ctx, "El presidente ucraniano, Volodímir Zelenski, pidió ayuda. El ministro de "
                               "Defensa ucraniano viajó a Berlín. El líder ucraniano insistió.");
    long z = entity_named(doc, "Volodímir Zelenski"), m = entity_named(doc, "ministro de Defensa ucraniano");
    hx_entity e;
    assert_true(z >= 0 && m >= 0 && z != m);
    assert_int_equal(hx_doc_entity(doc, (size_t)z, &e), HX_OK);
    assert_int_equal(e.nmentions, 3); /* presidente ucraniano, Volodímir Zelenski, líder ucraniano */
    assert_int_equal(hx_doc_entity(doc, (size_t)m, &e), HX_OK);
    assert_string_equal(e.country, "UA");
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void cordoba_follows_the_country_of_the_article(void **state)
{
    (void)state;
    hx_ctx *ctx = make_ctx(0);
    hx_entity e;
    hx_doc *doc = tu_analyse(ctx, "Hubo protestas en Córdoba. El Gobierno de España pidió calma.");
    assert_int_equal(hx_doc_entity(doc, (size_t)entity_named(doc, "Córdoba"), &e), HX_OK);
    assert_string_equal(e.country, "ES");
    hx_doc_free(doc);
    doc = tu_analyse(ctx, "Hubo protestas en Córdoba. Los sindicatos argentinos pidieron calma.");
    assert_int_equal(hx_doc_entity(doc, (size_t)entity_named(doc, "Córdoba"), &e), HX_OK);
    assert_string_equal(e.country, "AR");
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void acronym_after_its_expansion_joins_it(void **state)
{
    (void)state;
    hx_ctx *ctx = make_ctx(0);
    hx_doc *doc = tu_analyse(ctx, "La Agencia Tributaria Nacional (ATN) investiga el caso. Fuentes de la ATN lo confirmaron.");
    long atn = entity_named(doc, "Agencia Tributaria Nacional");
    hx_entity e;
    assert_true(atn >= 0);
    assert_int_equal(hx_doc_entity(doc, (size_t)atn, &e), HX_OK);
    assert_string_equal(e.type, "ORG");
    assert_int_equal(e.nmentions, 3);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void geonames_cities_in_place_context(void **state)
{
    (void)state;
    if (hx__geo_count() == 0) {
        print_message("built without `make geodata`, skipping\n");
        skip();
    }
    hx_ctx *ctx = make_ctx(0);
    hx_doc *doc = tu_analyse(ctx, "Hubo disturbios en Getafe. Marco Rubio habló con la prensa.");
    hx_entity e;
    assert_int_equal(hx_doc_entity(doc, (size_t)entity_named(doc, "Getafe"), &e), HX_OK);
    assert_string_equal(e.type, "LOC");
    assert_string_equal(e.country, "ES");
    assert_true(e.has_geo && strncmp(e.geo_id, "geonames:", 9) == 0);
    /* A surname that is also a town elsewhere stays a person outside place context. */
    assert_int_equal(hx_doc_entity(doc, (size_t)entity_named(doc, "Marco Rubio"), &e), HX_OK);
    assert_string_equal(e.type, "PER");
    assert_false(e.has_geo);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void odd_inputs_give_no_entities_and_no_crash(void **state)
{
    (void)state;
    hx_ctx *ctx = make_ctx(0);
    static const char *const texts[] = {"", ".", "el la de del", "(((", "A", "ONU ONU ONU",
                                        "presidente de", "el presidente ruso"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        hx_doc *doc = tu_analyse(ctx, texts[i]);
        char *json = NULL;
        assert_int_equal(hx_doc_json(doc, 0, &json, NULL, NULL), HX_OK);
        hx_free(json);
        hx_doc_free(doc);
    }
    /* A long run of capitalised words and place names. */
    size_t n = 200000;
    char *big = malloc(n + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++) big[i] = "Corea del Norte Kim Moscú OTAN (UE) "[i % 37];
    big[n] = '\0';
    hx_doc *doc = tu_analyse(ctx, big);
    assert_true(hx_doc_nentities(doc) > 0);
    hx_doc_free(doc);
    free(big);
    assert_int_equal(hx_doc_nentities(NULL), 0);
    hx_ctx_free(ctx);
}

/* ---------------------------------------------------------------- cluster score */

typedef struct kmention {
    size_t b0, b1;
    int cluster;
    int upper; /* the item starts with a capital */
    size_t len;
} kmention;

static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

static int starts_upper(const char *s)
{
    unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];
    return (a >= 'A' && a <= 'Z') || (a == 0xC3 && b >= 0x80 && b <= 0x9E);
}

/* Reads the expected clusters of one article into ks (returns the count). */
static size_t read_key(const char *text, char *ent, kmention *ks, size_t cap)
{
    size_t n = 0;
    int cluster = 0;
    for (char *line = strtok(ent, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[0] == '\0') continue;
        cluster++;
        /* "Label: items": the label only names the entity for the reader. */
        char *colon = strstr(line, ": ");
        char *item = colon ? colon + 2 : line;
        while (item) {
            char *sep = strstr(item, " | ");
            if (sep) *sep = '\0';
            char *at = strrchr(item, '@');
            int only = 0;
            if (at && at[1] >= '1' && at[1] <= '9') only = atoi(at + 1), *at = '\0';
            size_t len = strlen(item);
            int k = 0;
            for (const char *p = strstr(text, item); p && len; p = strstr(p + 1, item)) {
                size_t b0 = (size_t)(p - text);
                if ((b0 > 0 && word_byte((unsigned char)text[b0 - 1]))
                    || word_byte((unsigned char)text[b0 + len]))
                    continue;
                k++;
                if (only && k != only) continue;
                assert_true(n < cap);
                ks[n].b0 = b0;
                ks[n].b1 = b0 + len;
                ks[n].cluster = cluster;
                ks[n].upper = starts_upper(item);
                ks[n].len = len;
                n++;
            }
            if (k == 0) fail_msg("item '%s' not found in its article", item);
            item = sep ? sep + 3 : NULL;
        }
    }
    /* Drop occurrences inside a longer item, except names inside roles. */
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        int inside = 0;
        for (size_t j = 0; j < n && !inside; j++)
            if (j != i && ks[j].b0 <= ks[i].b0 && ks[j].b1 >= ks[i].b1 && ks[j].len > ks[i].len
                && !(ks[i].upper && !ks[j].upper))
                inside = 1;
        if (!inside) ks[w++] = ks[i];
    }
    for (size_t i = 0; i < w; i++)
        for (size_t j = i + 1; j < w; j++)
            if (ks[i].b0 == ks[j].b0 && ks[i].b1 == ks[j].b1)
                fail_msg("the same mention is listed twice (bytes %zu-%zu)", ks[i].b0, ks[i].b1);
    return w;
}

typedef struct score {
    double p, r; /* sums of per-mention precision and recall */
    size_t np, nr;
} score;

/* B-cubed of one article: adds its per-mention precision and recall to sc. */
static void score_article(const hx_doc *doc, const kmention *ks, size_t nk, score *sc)
{
    size_t ns = 0;
    hx_entity e;
    hx_entity_mention m;
    for (size_t i = 0; i < hx_doc_nentities(doc); i++) {
        assert_int_equal(hx_doc_entity(doc, i, &e), HX_OK);
        ns += e.nmentions;
    }
    size_t *sb0 = calloc(ns + 1, sizeof *sb0), *sb1 = calloc(ns + 1, sizeof *sb1);
    int *sent = calloc(ns + 1, sizeof *sent), *twin = calloc(ns + 1, sizeof *twin);
    int *ktwin = calloc(nk + 1, sizeof *ktwin);
    assert_true(sb0 && sb1 && sent && twin && ktwin);
    size_t k = 0;
    for (size_t i = 0; i < hx_doc_nentities(doc); i++) {
        assert_int_equal(hx_doc_entity(doc, i, &e), HX_OK);
        for (size_t j = 0; j < e.nmentions; j++, k++) {
            assert_int_equal(hx_doc_entity_mention(doc, i, j, &m), HX_OK);
            sb0[k] = m.span.bstart, sb1[k] = m.span.bend, sent[k] = (int)i;
        }
    }
    for (size_t s = 0; s < ns; s++) {
        twin[s] = -1;
        for (size_t q = 0; q < nk; q++)
            if (ks[q].b0 == sb0[s] && ks[q].b1 == sb1[s]) twin[s] = (int)q;
    }
    for (size_t q = 0; q < nk; q++) {
        ktwin[q] = -1;
        for (size_t s = 0; s < ns; s++)
            if (twin[s] == (int)q) ktwin[q] = (int)s;
    }
    for (size_t q = 0; q < nk; q++) {
        size_t size = 0, both = 0;
        for (size_t o = 0; o < nk; o++) {
            if (ks[o].cluster != ks[q].cluster) continue;
            size++;
            if (ktwin[q] >= 0 && ktwin[o] >= 0 && sent[ktwin[o]] == sent[ktwin[q]]) both++;
        }
        sc->r += (double)both / (double)size;
        sc->nr++;
    }
    for (size_t s = 0; s < ns; s++) {
        size_t size = 0, both = 0;
        for (size_t o = 0; o < ns; o++) {
            if (sent[o] != sent[s]) continue;
            size++;
            if (twin[s] >= 0 && twin[o] >= 0 && ks[twin[o]].cluster == ks[twin[s]].cluster) both++;
        }
        sc->p += (double)both / (double)size;
        sc->np++;
    }
    free(sb0), free(sb1), free(sent), free(twin), free(ktwin);
}

static int has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static double cluster_f1(int tagger)
{
    /* HECHOS_ENT_FIXTURES scores another directory of articles (same format). */
    const char *fixtures = tu_env("HECHOS_ENT_FIXTURES", FIXTURES);
    DIR *dir = opendir(fixtures);
    struct dirent *de;
    score sc = {0};
    size_t articles = 0;
    hx_ctx *ctx = make_ctx(tagger);
    assert_non_null(dir);
    while ((de = readdir(dir)) != NULL) {
        if (!has_suffix(de->d_name, ".txt")) continue;
        char *tpath = tu_fmt("%s/%s", fixtures, de->d_name);
        char *epath = tu_fmt("%s/%.*s.ent", fixtures, (int)(strlen(de->d_name) - 4), de->d_name);
        char *text = tu_read_file(tpath, NULL), *ent = tu_read_file(epath, NULL);
        if (!text || !ent) fail_msg("cannot read %s or its .ent file", tpath);
        kmention ks[256];
        if (getenv("HECHOS_VERBOSE")) print_message("%s", de->d_name);
        size_t nk = read_key(text, ent, ks, 256);
        hx_doc *doc = tu_analyse(ctx, text);
        score one = {0};
        score_article(doc, ks, nk, &one);
        if (getenv("HECHOS_VERBOSE"))
            print_message("  P %.3f R %.3f\n", one.p / (double)(one.np ? one.np : 1),
                          one.r / (double)(one.nr ? one.nr : 1));
        sc.p += one.p, sc.np += one.np, sc.r += one.r, sc.nr += one.nr;
        articles++;
        hx_doc_free(doc);
        free(tpath), free(epath), free(text), free(ent);
    }
    closedir(dir);
    hx_ctx_free(ctx);
    assert_true(articles >= (strcmp(fixtures, FIXTURES) == 0 ? 20u : 1u));
    double p = sc.p / (double)sc.np, r = sc.r / (double)sc.nr, f = 2 * p * r / (p + r);
    print_message("entities B-cubed over %zu articles (%s tagger): P %.3f R %.3f F1 %.3f\n", articles,
                  tagger ? "with" : "without", p, r, f);
    return f;
}

static void clusters_of_the_fixture_articles(void **state)
{
    (void)state;
    assert_true(cluster_f1(0) >= FLOOR_F1);
}

static void clusters_with_the_ner_model(void **state)
{
    (void)state;
    char *model = tu_join(tu_env("HECHOS_MODELS", "models"), "ner.hxm");
    int have = tu_exists(model);
    free(model);
    if (!have) {
        print_message("no NER model, skipping\n");
        skip();
    }
    /* The model must also load (a library built without the tagger cannot). */
    hx_options opt = {0};
    hx_ctx *ctx = NULL;
    opt.models_dir = tu_env("HECHOS_MODELS", "models");
    opt.require_models = 1;
    if (hx_ctx_new(&opt, &ctx, NULL) != HX_OK) {
        print_message("the NER model does not load, skipping\n");
        skip();
    }
    hx_ctx_free(ctx);
    assert_true(cluster_f1(1) >= FLOOR_F1_TAGGER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_strips_diacritics_and_case),
        cmocka_unit_test(countries_by_spanish_names_and_variants),
        cmocka_unit_test(demonyms_in_every_gender_and_number),
        cmocka_unit_test(capitals_and_seats_stand_for_governments),
        cmocka_unit_test(ambiguous_names_keep_every_place),
        cmocka_unit_test(keys_are_sorted_and_point_at_places),
        cmocka_unit_test(word_class_table_matches_the_lists),
        cmocka_unit_test(geonames_layer_when_built),
        cmocka_unit_test(kim_and_north_korea_are_resolved),
        cmocka_unit_test(a_minister_is_not_the_president),
        cmocka_unit_test(cordoba_follows_the_country_of_the_article),
        cmocka_unit_test(acronym_after_its_expansion_joins_it),
        cmocka_unit_test(geonames_cities_in_place_context),
        cmocka_unit_test(odd_inputs_give_no_entities_and_no_crash),
        cmocka_unit_test(clusters_of_the_fixture_articles),
        cmocka_unit_test(clusters_with_the_ner_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
