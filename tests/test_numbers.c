/*
 * test_numbers.c -- unit tests of numbers and quantities: cardinals and ordinals in
 * words and digits (numwords.c), number expressions (numbers.c), the quantities layer
 * of a document (quantities.c: bounds, ranges, vague amounts, units, what is counted)
 * and the traps that must NOT give quantities (years, dates, times, phones, codes).
 *
 * Each table row is one sentence-like case; a failing row names its input.
 */
#include "hechos.h"
#include "testutil.h"

#include <math.h>

#include "numbers/numbers.h"

/* ---------------------------------------------------------------- numwords */

typedef struct nw_case {
    const char *in;
    const char *taken; /* the prefix that must be consumed ("" = nothing) */
    double value;
} nw_case;

static void check_nw(const nw_case *c, size_t (*fn)(const char *, size_t, double *))
{
    double v = -12345;
    size_t k = fn(c->in, strlen(c->in), &v);
    if (k != strlen(c->taken) || memcmp(c->in, c->taken, k) != 0)
        fail_msg("'%s': consumed %zu bytes, want '%s'", c->in, k, c->taken);
    if (k && fabs(v - c->value) > 1e-9 * fmax(1, fabs(c->value)))
        fail_msg("'%s': value %.17g, want %.17g", c->in, v, c->value);
}

static void cardinals_in_words_digits_and_both(void **state)
{
    (void)state;
    static const nw_case cases[] = {
        {"catorce mil soldados", "catorce mil", 14000},
        {"dos mil millones", "dos mil millones", 2e9},
        {"veintiún días", "veintiún", 21},
        {"doscientas vacas", "doscientas", 200},
        {"Quinientos trece millones cuatrocientos mil", "Quinientos trece millones cuatrocientos mil", 513400000},
        {"un billón", "un billón", 1e12},
        {"ciento treinta y dos", "ciento treinta y dos", 132},
        {"cincuenta   y   dos", "cincuenta   y   dos", 52},
        {"treinta y ", "treinta", 30},
        {"dos tres", "dos", 2},
        {"cien mil", "cien mil", 100000},
        {"mil cien pesos", "mil cien", 1100},
        {"1.000 personas", "1.000", 1000},
        {"1 000 personas", "1 000", 1000},
        {"14.000,5", "14.000,5", 14000.5},
        {"3,5 puntos", "3,5", 3.5},
        {"-12 grados", "-12", -12},
        {"14 mil", "14 mil", 14000},
        {"2,5 millones", "2,5 millones", 2.5e6},
        {"3 mil millones", "3 mil millones", 3e9},
        {"423 0000", "423", 423},
        {"192.", "192", 192},
        {"12.03.2020", "12", 12},
        {"unos", "", 0},
        {"KN-23", "", 0},
        {"millonario", "", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_nw(&cases[i], hx__numwords_parse);
}

static void word_tables_agree_with_their_filters(void **state)
{
    (void)state;
    assert_int_equal(hx__numwords_selfcheck(), 1);
    /* the three-letter filter of the quantity scan lets every listed word through */
    assert_int_equal(hx__quantities_selfcheck(), 1);
}

/* hx__word_eq folds as it compares: same answers as folding the word first. */
static void word_eq_matches_whole_folded_words(void **state)
{
    (void)state;
    size_t len = 0;
    assert_true(hx__word_eq("Más de", 6, "mas", &len));
    assert_int_equal(len, 4); /* "Más" is four bytes */
    assert_true(hx__word_eq("DOCENAS", 7, "docenas", &len));
    assert_int_equal(len, 7);
    assert_false(hx__word_eq("docenas", 7, "docena", &len)); /* a longer word */
    assert_false(hx__word_eq("doc", 3, "docena", &len));     /* a shorter one */
    assert_false(hx__word_eq("y", 1, "", &len));
    assert_true(hx__word_eq("y-", 2, "y", &len));
    assert_int_equal(len, 1);
    size_t end = 0;
    static const char *const list[] = {"medio", "media", NULL};
    assert_true(hx__word_is("y media hora", 12, 2, list, &end));
    assert_int_equal(end, 7);
    assert_false(hx__word_is("y mediana", 9, 2, list, &end));
    assert_false(hx__word_is("y media", 7, 7, list, &end));
}

/* The unit matchers binary-search the group of forms with the text's first byte. */
static void unit_tables_are_ordered_by_first_byte(void **state)
{
    (void)state;
    for (size_t i = 1; i < hx__nunits; i++)
        if ((unsigned char)hx__units[i - 1].form[0] > (unsigned char)hx__units[i].form[0])
            fail_msg("units: '%s' comes before '%s'", hx__units[i - 1].form, hx__units[i].form);
    for (size_t i = 1; i < hx__ncurrencies; i++)
        if (strcmp(hx__currencies[i - 1].form, hx__currencies[i].form) > 0)
            fail_msg("currencies: '%s' comes before '%s'", hx__currencies[i - 1].form,
                     hx__currencies[i].form);
    const hx__unit *u = NULL;
    const hx__currency *c = NULL;
    assert_int_equal(hx__unit_match("km al norte", 11, 1u << HX__U_DIM, 1, &u), 2);
    assert_string_equal(u->si, "km");
    assert_int_equal(hx__unit_match("°C", 3, 1u << HX__U_TEMP, 1, &u), 3);
    assert_int_equal(hx__unit_match("yardas", 6, 1u << HX__U_DIM, 0, &u), 6);
    assert_int_equal(hx__unit_match("zetas", 5, 1u << HX__U_DIM, 1, &u), 0);
    assert_int_equal(hx__currency_match("$", 1, &c), 1);
    assert_int_equal(hx__currency_match("yenes", 5, &c), 5);
    assert_string_equal(c->code, "JPY");
}

static void ordinals_in_words_and_digits(void **state)
{
    (void)state;
    static const nw_case cases[] = {
        {"primero", "primero", 1},
        {"primer lugar", "primer", 1},
        {"tercera vez", "tercera", 3},
        {"vigésimo segundo", "vigésimo segundo", 22},
        {"vigesimoquinto", "vigesimoquinto", 25},
        {"decimotercero", "decimotercero", 13},
        {"centésimo vigésimo quinto", "centésimo vigésimo quinto", 125},
        {"1.º puesto", "1.º", 1},
        {"3.ª edición", "3.ª", 3},
        {"1er", "1er", 1},
        {"2da", "2da", 2},
        {"11vo", "11vo", 11},
        {"dos milésimo", "dos milésimo", 2000},
        {"tresmillonésimo", "tresmillonésimo", 3e6},
        {"quinto tercero", "quinto", 5},
        {"30° C", "", 0},
        {"tres", "", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_nw(&cases[i], hx__ordwords_parse);
}

/* ---------------------------------------------------------------- expressions */

static void number_expressions_with_fractions_and_decimals(void **state)
{
    (void)state;
    static const struct {
        const char *in, *taken;
        double value;
        int subtype;
    } cases[] = {
        {"un tercio", "un tercio", 1.0 / 3, HX__NUM_FRAC},
        {"la mitad", "", 0, 0},
        {"tres cuartos de hora", "tres cuartos", 0.75, HX__NUM_FRAC},
        {"dos millonésimas", "dos millonésimas", 2e-6, HX__NUM_FRAC},
        {"dos millonésimo", "dos", 2, HX__NUM_INT},
        {"1 4/5", "1 4/5", 1.8, HX__NUM_FRAC},
        {"uno sobre veinte", "uno sobre veinte", 0.05, HX__NUM_FRAC},
        {"2 millones y medio", "2 millones y medio", 2.5e6, HX__NUM_FRAC},
        {"un millón y medio de euros", "un millón y medio", 1.5e6, HX__NUM_FRAC},
        {"quince docenas", "quince docenas", 180, HX__NUM_INT},
        {"doscientos coma cero tres", "doscientos coma cero tres", 200.03, HX__NUM_DEC},
        {"1234,00", "1234,00", 1234, HX__NUM_INT},
        {"medio millón de personas", "medio millón", 5e5, HX__NUM_FRAC},
        /* denominators in -avo, with the cardinal's final "a" dropped or kept */
        {"veintidós treintavos", "veintidós treintavos", 22.0 / 30, HX__NUM_FRAC},
        {"tres cuarentavos", "tres cuarentavos", 3.0 / 40, HX__NUM_FRAC},
        {"un onceavo", "un onceavo", 1.0 / 11, HX__NUM_FRAC},
        {"cinco dieciseisavos", "cinco dieciseisavos", 5.0 / 16, HX__NUM_FRAC},
        {"tres centavos", "tres", 3, HX__NUM_INT},
        /* a denominator larger than the multiplier before it */
        {"cien mil billonésimas", "cien mil billonésimas", 1e-7, HX__NUM_FRAC},
        {"dos mil millonésimas", "dos mil millonésimas", 2e-3, HX__NUM_FRAC},
        {"dos millones tercios", "dos millones", 2e6, HX__NUM_INT},
        /* collectives after words or digits */
        {"3 docenas de huevos", "3 docenas", 36, HX__NUM_INT},
        {"3 dz", "3 dz", 36, HX__NUM_INT},
        {"un centenar de casas", "un centenar", 100, HX__NUM_INT},
        {"dos millares", "dos millares", 2000, HX__NUM_INT},
        {"una decena de heridos", "una decena", 10, HX__NUM_INT},
        {"4 decenas", "4 decenas", 40, HX__NUM_INT},
        {"un par de goles", "un par", 2, HX__NUM_INT},
        {"dos par", "dos", 2, HX__NUM_INT},
        /* Unicode fractions, alone or after an integer */
        {"½ kilo", "½", 0.5, HX__NUM_FRAC},
        {"⅙", "⅙", 1.0 / 6, HX__NUM_FRAC},
        {"2½", "2½", 2.5, HX__NUM_FRAC},
        {"3¾ litros", "3¾", 3.75, HX__NUM_FRAC},
        /* both decimal conventions: commas separate thousands when groups of three and
         * a period follow, or when there are several groups */
        {"1,111.11", "1,111.11", 1111.11, HX__NUM_DEC},
        {"12,345.5 euros", "12,345.5", 12345.5, HX__NUM_DEC},
        {"1,234,567", "1,234,567", 1234567, HX__NUM_INT},
        {"1.111,11", "1.111,11", 1111.11, HX__NUM_DEC},
        {"1,111", "1,111", 1.111, HX__NUM_DEC},
        /* "mill." for millions */
        {"3,5 mill. de euros", "3,5 mill.", 3.5e6, HX__NUM_DEC},
        {"12 mill. de votos", "12 mill.", 12e6, HX__NUM_INT},
        {"2 mll. de votos", "2 mll.", 2e6, HX__NUM_INT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hx__num x;
        size_t n = strlen(cases[i].in);
        size_t e = hx__num_parse(cases[i].in, n, 0, HX__NUMF_FRAC, &x);
        if (e != strlen(cases[i].taken))
            fail_msg("'%s': consumed %zu bytes, want '%s'", cases[i].in, e, cases[i].taken);
        if (e && (fabs(x.value - cases[i].value) > 1e-9 * fmax(1, fabs(cases[i].value)) ||
                  x.subtype != cases[i].subtype))
            fail_msg("'%s': %.17g subtype %d, want %.17g subtype %d", cases[i].in, x.value,
                     x.subtype, cases[i].value, cases[i].subtype);
    }
}

static void loose_number_forms(void **state)
{
    (void)state;
    static const struct {
        const char *in, *taken;
        double value;
        int subtype;
    } cases[] = {
        {"10G", "10G", 1e10, HX__NUM_INT},   {"5M", "5M", 5e6, HX__NUM_INT},
        {"2T", "2T", 2e12, HX__NUM_INT},     {"- 10 k", "- 10 k", -1e4, HX__NUM_INT},
        {"7K", "7K", 7e3, HX__NUM_INT},      {"10 M", "10", 10, HX__NUM_INT},
        {"1,1^+23", "1,1^+23", 8.9543024325523888, HX__NUM_POW},
        {"2^-1", "2^-1", 0.5, HX__NUM_POW},  {"3^+2", "3^+2", 9, HX__NUM_POW},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hx__num x;
        size_t e = hx__num_parse(cases[i].in, strlen(cases[i].in), 0,
                                 HX__NUMF_FRAC | HX__NUMF_LOOSE, &x);
        if (e != strlen(cases[i].taken))
            fail_msg("'%s': consumed %zu bytes, want '%s'", cases[i].in, e, cases[i].taken);
        if (fabs(x.value - cases[i].value) > 1e-9 * fmax(1, fabs(cases[i].value)) ||
            x.subtype != cases[i].subtype)
            fail_msg("'%s': %.17g subtype %d, want %.17g subtype %d", cases[i].in, x.value,
                     x.subtype, cases[i].value, cases[i].subtype);
    }
}

/* ---------------------------------------------------------------- quantities */

typedef struct q_case {
    const char *text;
    const char *span; /* the quantity's text (the first quantity found) */
    const char *kind;
    double value, max;
    hx_bound bound;
    int vague;
    const char *unit; /* NULL: none */
    const char *of;   /* "" when nothing is counted */
} q_case;

/* text[span.bstart..bend) of the original input (all ASCII-safe byte offsets). */
static int span_is(const char *text, hx_span sp, const char *want)
{
    return sp.bend - sp.bstart == strlen(want) && memcmp(text + sp.bstart, want, strlen(want)) == 0;
}

static void check_quantity(const hx_ctx *ctx, const q_case *c)
{
    hx_doc *doc = tu_analyse(ctx, c->text);
    if (hx_doc_nquantities(doc) == 0)
        fail_msg("'%s': no quantity", c->text);
    hx_quantity q;
    assert_int_equal(hx_doc_quantity(doc, 0, &q), HX_OK);
    if (!span_is(c->text, q.span, c->span))
        fail_msg("'%s': span '%.*s', want '%s'", c->text, (int)(q.span.bend - q.span.bstart),
                 c->text + q.span.bstart, c->span);
    if (strcmp(q.kind, c->kind) != 0)
        fail_msg("'%s': kind %s, want %s", c->text, q.kind, c->kind);
    if (fabs(q.value - c->value) > 1e-9 * fmax(1, fabs(c->value)))
        fail_msg("'%s': value %.17g, want %.17g", c->text, q.value, c->value);
    if (q.bound != c->bound)
        fail_msg("'%s': bound %d, want %d", c->text, (int)q.bound, (int)c->bound);
    if (c->bound == HX_BOUND_RANGE && fabs(q.max - c->max) > 1e-9 * fmax(1, c->max))
        fail_msg("'%s': max %.17g, want %.17g", c->text, q.max, c->max);
    if (q.vague != c->vague)
        fail_msg("'%s': vague %d, want %d", c->text, q.vague, c->vague);
    if ((q.unit == NULL) != (c->unit == NULL) || (q.unit && strcmp(q.unit, c->unit) != 0))
        fail_msg("'%s': unit %s, want %s", c->text, q.unit ? q.unit : "NULL",
                 c->unit ? c->unit : "NULL");
    if (!span_is(c->text, q.of, c->of))
        fail_msg("'%s': of '%.*s', want '%s'", c->text, (int)(q.of.bend - q.of.bstart),
                 c->text + q.of.bstart, c->of);
    hx_doc_free(doc);
}

static void quantities_with_bounds_units_and_what_they_count(void **state)
{
    (void)state;
    static const q_case cases[] = {
        {"Envió al menos 14 mil soldados a Rusia.", "al menos 14 mil", "number", 14000, 0,
         HX_BOUND_MIN, 0, NULL, "soldados"},
        {"Llegaron más de 300 soldados.", "más de 300", "number", 300, 0, HX_BOUND_MIN, 0, NULL,
         "soldados"},
        {"Dispararon unos 1.500 proyectiles de artillería ayer.", "unos 1.500", "number", 1500, 0,
         HX_BOUND_APPROX, 0, NULL, "proyectiles de artillería"},
        {"Hay cerca de 40 heridos.", "cerca de 40", "number", 40, 0, HX_BOUND_APPROX, 0, NULL,
         "heridos"},
        {"Serán hasta 20 barcos.", "hasta 20", "number", 20, 0, HX_BOUND_MAX, 0, NULL, "barcos"},
        {"Murieron menos de cien personas.", "menos de cien", "number", 100, 0, HX_BOUND_MAX, 0,
         NULL, "personas"},
        {"Llegaron entre 10 y 20 refuerzos.", "entre 10 y 20", "number", 10, 20, HX_BOUND_RANGE,
         0, NULL, "refuerzos"},
        {"Se esperan de 3 a 5 mil visitantes.", "de 3 a 5 mil", "number", 3000, 5000,
         HX_BOUND_RANGE, 0, NULL, "visitantes"},
        {"Enviaron millones de proyectiles de artillería.", "millones", "number", 1e6, 0,
         HX_BOUND_EXACT, 1, NULL, "proyectiles de artillería"},
        {"Decenas de miles de personas salieron.", "Decenas de miles", "number", 1e4, 0,
         HX_BOUND_EXACT, 1, NULL, "personas"},
        {"Costó 2,5 millones de euros.", "2,5 millones de euros", "currency", 2.5e6, 0,
         HX_BOUND_EXACT, 0, "EUR", ""},
        {"Pagó US$ 300 por ello.", "US$ 300", "currency", 300, 0, HX_BOUND_EXACT, 0, "USD", ""},
        {"Un rescate de 40 millones de rublos.", "40 millones de rublos", "currency", 4e7, 0,
         HX_BOUND_EXACT, 0, "RUB", ""},
        {"Vale 20 € la entrada.", "20 €", "currency", 20, 0, HX_BOUND_EXACT, 0, "EUR", ""},
        {"El paro subió al 5 % en marzo.", "5 %", "percent", 5, 0, HX_BOUND_EXACT, 0, "%", ""},
        {"Un cinco por ciento menos.", "cinco por ciento", "percent", 5, 0, HX_BOUND_EXACT, 0, "%",
         ""},
        {"El misil voló 600 kilómetros.", "600 kilómetros", "dimension", 600, 0, HX_BOUND_EXACT, 0,
         "km", ""},
        {"Cargaron 3 toneladas de trigo.", "3 toneladas", "dimension", 3, 0, HX_BOUND_EXACT, 0,
         "t", ""},
        {"Una mujer de 45 años murió.", "45 años", "age", 45, 0, HX_BOUND_EXACT, 0, "a", ""},
        {"Hizo 40 grados en Sevilla.", "40 grados", "temperature", 40, 0, HX_BOUND_EXACT, 0, "°",
         ""},
        {"Estaban a -5 °C de noche.", "-5 °C", "temperature", -5, 0, HX_BOUND_EXACT, 0, "°C", ""},
        {"Es la tercera vez que ocurre.", "tercera", "ordinal", 3, 0, HX_BOUND_EXACT, 0, NULL,
         "vez"},
        {"Quedó en el 1.º puesto.", "1.º", "ordinal", 1, 0, HX_BOUND_EXACT, 0, NULL, "puesto"},
        {"Cumplió su vigésimo segundo año.", "vigésimo segundo", "ordinal", 22, 0,
         HX_BOUND_EXACT, 0, NULL, "año"},
        {"Un tercio de los votos.", "Un tercio", "number", 1.0 / 3, 0, HX_BOUND_EXACT, 0, NULL,
         ""},
        {"El paro subió hasta el 5 % en marzo.", "hasta el 5 %", "percent", 5, 0, HX_BOUND_MAX,
         0, "%", ""},
        {"Bajó entre el 10 y el 20 % ayer.", "entre el 10 y el 20 %", "percent", 10, 20,
         HX_BOUND_RANGE, 0, "%", ""},
        {"Detuvieron a jóvenes de entre 19 y 23 años ayer.", "entre 19 y 23 años", "age", 19, 23,
         HX_BOUND_RANGE, 0, "a", ""},
        {"Hay 1.234.567 personas censadas.", "1.234.567", "number", 1234567, 0, HX_BOUND_EXACT,
         0, NULL, "personas censadas"},
        {"Llegaron unos 20 000 soldados.", "unos 20 000", "number", 20000, 0, HX_BOUND_APPROX, 0,
         NULL, "soldados"},
        {"Compró medio kilo de queso.", "medio kilo", "dimension", 0.5, 0, HX_BOUND_EXACT, 0,
         "kg", ""},
        {"Compraron doscientas vacas.", "doscientas", "number", 200, 0, HX_BOUND_EXACT, 0, NULL,
         "vacas"},
        {"Llegaron un centenar de soldados.", "un centenar", "number", 100, 0, HX_BOUND_EXACT,
         0, NULL, "soldados"},
        {"Compró 3 docenas de huevos.", "3 docenas", "number", 36, 0, HX_BOUND_EXACT, 0, NULL,
         "huevos"},
        {"Costó 3,5 mill. de euros.", "3,5 mill. de euros", "currency", 3.5e6, 0,
         HX_BOUND_EXACT, 0, "EUR", ""},
        {"Pagó 1,250.50 dólares.", "1,250.50 dólares", "currency", 1250.5, 0, HX_BOUND_EXACT, 0,
         "USD", ""},
    };
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS | HX_STAGE_NUMBERS);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_quantity(ctx, &cases[i]);
    hx_ctx_free(ctx);
}

static void years_dates_times_phones_and_codes_are_not_quantities(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Ocurrió en 2019 en Madrid.",
        "Desde 1998 vive allí.",
        "El 5 de mayo llegó.",
        "Nació el 12/03/1990.",
        "Firmado el 2020-03-12 en Kiev.",
        "A las 10:30 empezó.",
        "Llame al +34 91 123 45 67.",
        "Su teléfono es 912 345 678.",
        "Lanzó un misil KN-23 al mar.",
        "El caza F-16 despegó.",
        "La cumbre del G20 terminó.",
        "Según el artículo 5 del tratado.",
        "Un hombre llegó a casa.",
        "Durante tres años vivió allí.",
        "La reunión duró 10 horas.",
        "El COVID-19 volvió.",
        "Llegó a las ocho de la tarde.",
        "Madrid, 23 may (EFE).",
        "Goles: 0-1, m.63: Elber.",
        "Llamaron al 061 enseguida.",
        "Ganó la temporada 1998-99 con ellos.",
        "Abre a partir de las 9.00 cada día.",
        "Empezó a las 3.15 de la madrugada.",
        "Llovió los días 28 y 29 de octubre.",
        "Viajaba en un Boeing 737 de la compañía.",
        "El 5G llegará pronto y el 4K también.",
        "Le impusieron una pena de 20 años de prisión.",
        "Vive frente a las Tres Mil Viviendas.",
    };
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS | HX_STAGE_NUMBERS);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        hx_doc *doc = tu_analyse(ctx, texts[i]);
        if (hx_doc_nquantities(doc) != 0) {
            hx_quantity q;
            hx_doc_quantity(doc, 0, &q);
            fail_msg("'%s': unexpected quantity '%.*s'", texts[i],
                     (int)(q.span.bend - q.span.bstart), texts[i] + q.span.bstart);
        }
        hx_doc_free(doc);
    }
    hx_ctx_free(ctx);
}

static void quantities_keep_text_order_and_do_not_overlap(void **state)
{
    (void)state;
    const char *text = "Hubo 3 heridos, 14 mil desplazados y 2,5 millones de euros en daños; "
                       "el 40 % de las casas y unos 600 km de vías.";
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS | HX_STAGE_NUMBERS);
    hx_doc *doc = tu_analyse(ctx, text);
    assert_int_equal(hx_doc_nquantities(doc), 5);
    size_t prev = 0;
    for (size_t i = 0; i < hx_doc_nquantities(doc); i++) {
        hx_quantity q;
        assert_int_equal(hx_doc_quantity(doc, i, &q), HX_OK);
        assert_true(q.span.bstart >= prev);
        assert_true(q.span.bend > q.span.bstart);
        prev = q.span.bend;
    }
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

/* ---------------------------------------------------------------- recognizers */

static void recognize_gives_recognizers_text_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *kind, *text, *want;
    } cases[] = {
        {"number", "tengo mil cien pesos",
         "[{\"Text\":\"mil cien\",\"TypeName\":\"number\",\"Resolution\":{\"subtype\":\"integer\","
         "\"value\":\"1100\"},\"Start\":6,\"End\":13}]"},
        {"number", "dos tercios", "\"value\":\"0,666666666666667\""},
        {"number", "12,32e+14", "\"value\":\"1,232E+15\""},
        {"ordinal", "el vigésimo quinto", "\"value\":\"25\""},
        {"percent", "un 15 por ciento", "\"value\":\"15%\""},
        {"numberrange", "más de 30 y menos de 40", "\"value\":\"(30,40)\""},
        {"numberrange", "al menos mil dos y ", "\"value\":\"[1002,)\""}, /* join at the end */
        {"currency", "costó 300 millones de dólares", "\"unit\":\"Dólar\",\"value\":\"300000000\""},
        {"dimension", "a 17 km de aquí", "\"subtype\":\"Length\",\"unit\":\"Kilómetro\""},
        {"age", "con ñandú de 3 años", "\"Start\":13,\"End\":18"},
        {"temperature", "a 37ºC", "\"unit\":\"Grado Celsius\",\"value\":\"37\""},
        {"currency", "por €20", "\"unit\":\"Euro\",\"value\":\"20\""},
        {"currency", "USD 500", "\"isoCurrency\":\"USD\""},
        {"age", "de dos años y medio", "\"value\":\"2,5\""},
        {"dimension", "un disco de 2 terabytes", "\"subtype\":\"Information\""},
        {"percent", "cincuenta porciento", "\"value\":\"50%\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        hx_error err;
        assert_int_equal(hx_recognize(NULL, cases[i].kind, cases[i].text, strlen(cases[i].text),
                                      NULL, &out, &err),
                         HX_OK);
        if (!strstr(out, cases[i].want))
            fail_msg("%s '%s': got %s, want %s", cases[i].kind, cases[i].text, out, cases[i].want);
        hx_free(out);
    }
    char *out = (char *)1;
    hx_error err;
    assert_int_equal(hx_recognize(NULL, "colors", "rojo", 4, NULL, &out, &err), HX_UNSUPPORTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cardinals_in_words_digits_and_both),
        cmocka_unit_test(word_tables_agree_with_their_filters),
        cmocka_unit_test(unit_tables_are_ordered_by_first_byte),
        cmocka_unit_test(word_eq_matches_whole_folded_words),
        cmocka_unit_test(ordinals_in_words_and_digits),
        cmocka_unit_test(number_expressions_with_fractions_and_decimals),
        cmocka_unit_test(loose_number_forms),
        cmocka_unit_test(quantities_with_bounds_units_and_what_they_count),
        cmocka_unit_test(years_dates_times_phones_and_codes_are_not_quantities),
        cmocka_unit_test(quantities_keep_text_order_and_do_not_overlap),
        cmocka_unit_test(recognize_gives_recognizers_text_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
