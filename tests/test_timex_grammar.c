/*
 * test_timex_grammar.c -- the compositional parts of the time grammar (docs/timex.md,
 * "The grammar"), each exercised with variants of its own rather than the cases that
 * motivated it: determiners and shifters on months, ordinals on weeks and halves of a
 * month, the week that holds a day, days said as ordinal words, a part of the day with
 * a clock, a part of a period applied to a day, kinds of year, time zones after a
 * clock, "desde hace" and "mitad de".  Values are checked in the document layer
 * (TIMEX3, TimeBank extent) and, where the shape differs, in the Recognizers-Text
 * output of hx_recognize.
 */
#include "testutil.h"

#include "hechos.h"
#include "core/core.h"
#include "timex/timex.h"

static hx_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    hx_options o = {0};
    o.stages = HX_STAGE_TOKENS | HX_STAGE_TIMES;
    o.models_dir = "/nonexistent";
    return hx_ctx_new(&o, &ctx, NULL) == HX_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hx_ctx_free(ctx);
    return 0;
}

/* Analyses text with publication date dct and returns the document (caller frees). */
static hx_doc *analyse(const char *text, const char *dct)
{
    hx_docinfo info = {0};
    info.date = dct;
    hx_doc *doc = NULL;
    assert_int_equal(hx_doc_new(ctx, text, strlen(text), &info, &doc, NULL), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, NULL), HX_OK);
    return doc;
}

/* One time expression of text covers exactly span, with type, value and mod (NULL:
 * any; "" : none). */
static void expect_mod(const char *text, const char *dct, const char *span, const char *type,
                       const char *value, const char *mod)
{
    hx_doc *doc = analyse(text, dct);
    size_t n = hx_doc_ntimes(doc);
    for (size_t i = 0; i < n; i++) {
        hx_time t;
        assert_int_equal(hx_doc_time(doc, i, &t), HX_OK);
        size_t len = t.span.bend - t.span.bstart;
        if (len != strlen(span) || memcmp(text + t.span.bstart, span, len))
            continue;
        const hx__time *raw = HX__VEC_AT(doc->times, hx__time, i);
        const char *got_mod = raw->mod ? raw->mod : "";
        if (strcmp(t.type, type) || strcmp(t.value, value) || (mod && strcmp(got_mod, mod)))
            fail_msg("%s | dct %s: \"%s\" gave %s %s mod %s, want %s %s mod %s", text, dct,
                     span, t.type, t.value, got_mod, type, value, mod ? mod : "any");
        hx_doc_free(doc);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        hx_time t;
        hx_doc_time(doc, i, &t);
        print_error("  found [%.*s] %s %s\n", (int)(t.span.bend - t.span.bstart),
                    text + t.span.bstart, t.type, t.value);
    }
    hx_doc_free(doc);
    fail_msg("%s | dct %s: no time expression \"%s\"", text, dct, span);
}

static void expect(const char *text, const char *dct, const char *span, const char *type,
                   const char *value)
{
    expect_mod(text, dct, span, type, value, NULL);
}

/* No time expression of text covers exactly span. */
static void expect_none(const char *text, const char *dct, const char *span)
{
    hx_doc *doc = analyse(text, dct);
    for (size_t i = 0; i < hx_doc_ntimes(doc); i++) {
        hx_time t;
        assert_int_equal(hx_doc_time(doc, i, &t), HX_OK);
        size_t len = t.span.bend - t.span.bstart;
        if (len == strlen(span) && !memcmp(text + t.span.bstart, span, len))
            fail_msg("%s: \"%s\" is no time expression (gave %s %s)", text, span, t.type,
                     t.value);
    }
    hx_doc_free(doc);
}

/* The Recognizers-Text output of text at reference ref contains each of the strings
 * in want (NULL-terminated). */
static void expect_rt(const char *text, const char *ref, const char *const *want)
{
    char *out = NULL;
    hx_error err;
    assert_int_equal(hx_recognize(ctx, "datetime", text, strlen(text), ref, &out, &err), HX_OK);
    for (const char *const *w = want; *w; w++)
        if (!strstr(out, *w))
            fail_msg("'%s' at %s: got %s, want %s in it", text, ref, out, *w);
    hx_free(out);
}

#define DCT "2019-06-10" /* a Monday */

static void months_take_determiners_and_shifters(void **state)
{
    (void)state;
    /* este + month: the reference's year, past or future */
    expect("Lo firmaron este febrero.", DCT, "este febrero", "DATE", "2019-02");
    expect("Se celebrará este octubre en Lima.", DCT, "este octubre", "DATE", "2019-10");
    expect("Desde este abril no llueve.", DCT, "este abril", "DATE", "2019-04");
    /* a shifter before "mes de": the last / next one */
    expect("Dimitió el pasado mes de noviembre.", DCT, "el pasado mes de noviembre", "DATE",
           "2018-11");
    expect("Abrirá el próximo mes de enero.", DCT, "el próximo mes de enero", "DATE", "2020-01");
    expect("Llegó el mes de abril pasado.", DCT, "el mes de abril pasado", "DATE", "2019-04");
    expect("Cerró el pasado mes de marzo de 2016.", DCT, "el pasado mes de marzo de 2016",
           "DATE", "2016-03");
    /* and inside a part of a period */
    expect_mod("Ocurrió a finales del pasado mes de marzo.", DCT,
               "finales del pasado mes de marzo", "DATE", "2019-03", "END");
    expect_mod("Volverá a principios del próximo mes de septiembre.", DCT,
               "principios del próximo mes de septiembre", "DATE", "2019-09", "START");
    /* RT: "este" resolves the year in the timex */
    expect_rt("nos vemos este noviembre", "2016-03-01T00:00:00",
              (const char *[]){"\"timex\":\"2016-11\"", "\"start\":\"2016-11-01\"", NULL});
}

static void ordinals_pick_weeks_and_halves_of_a_month(void **state)
{
    (void)state;
    /* the first week starts on the month's first Monday; a fifth week leaving the
     * month is the fourth */
    expect("Llegó la segunda semana de agosto de 2018.", DCT,
           "la segunda semana de agosto de 2018", "DATE", "2018-W33");
    expect("Cerró la última semana de febrero de 2019.", DCT,
           "la última semana de febrero de 2019", "DATE", "2019-W09");
    expect("Vendrá la primera semana del mes que viene.", DCT,
           "la primera semana del mes que viene", "DATE", "2019-W27");
    expect_rt("la tercera semana de octubre", "2019-11-07T00:00:00",
              (const char *[]){"\"timex\":\"XXXX-10-W03\"", "\"start\":\"2019-10-21\"",
                               "\"start\":\"2020-10-19\"", NULL});
    /* halves: quincena and mitad */
    expect_mod("Será en la primera quincena de enero de 2020.", DCT,
               "la primera quincena de enero de 2020", "DATE", "2020-01", "START");
    expect_mod("Ocurrió la segunda quincena de septiembre de 2017.", DCT,
               "la segunda quincena de septiembre de 2017", "DATE", "2017-09", "END");
    expect_mod("Se pagará la primera quincena del mes que viene.", DCT,
               "la primera quincena del mes que viene", "DATE", "2019-07", "START");
    expect_mod("Creció en la segunda mitad de 2014.", DCT, "la segunda mitad de 2014", "DATE",
               "2014", "END");
    expect_rt("la segunda quincena de julio de 2015", "2016-03-01T00:00:00",
              (const char *[]){"\"Mod\":\"end\"", "\"start\":\"2015-07-16\"",
                               "\"end\":\"2015-08-01\"", NULL});
}

static void the_week_that_holds_a_day(void **state)
{
    (void)state;
    expect("Votarán la semana del 4 de marzo de 2019.", DCT, "la semana del 4 de marzo de 2019",
           "DATE", "2019-W10");
    expect("Fue la semana del 15 de septiembre de 2021.", DCT,
           "la semana del 15 de septiembre de 2021", "DATE", "2021-W37");
    /* across the year's end: ISO week 53 of 2020 */
    expect("Cerró la semana del 1 de enero de 2021.", DCT, "la semana del 1 de enero de 2021",
           "DATE", "2020-W53");
}

static void days_said_as_ordinal_words(void **state)
{
    (void)state;
    expect("Nació el tercero de mayo de 2017.", DCT, "el tercero de mayo de 2017", "DATE",
           "2017-05-03");
    expect("Firmó el segundo de febrero de 2020.", DCT, "el segundo de febrero de 2020", "DATE",
           "2020-02-02");
    expect("Llegó el quinto de octubre de 2018.", DCT, "el quinto de octubre de 2018", "DATE",
           "2018-10-05");
    expect_none("Habló el segundo de los hijos.", DCT, "el segundo de los hijos");
    expect("Esperó un cuarto de hora.", DCT, "un cuarto de hora", "DURATION", "PT15M");
}

static void a_part_of_the_day_sets_the_clock(void **state)
{
    (void)state;
    expect("Llegó por la tarde a las 4.", DCT, "la tarde a las 4", "TIME", "2019-06-10T16:00");
    expect("Salió por la noche, a las 11.", DCT, "la noche, a las 11", "TIME",
           "2019-06-10T23:00");
    expect("Abrió por la mañana a las 9 y media.", DCT, "la mañana a las 9 y media", "TIME",
           "2019-06-10T09:30");
    expect("Jugarán mañana por la tarde a las 6.", DCT, "mañana por la tarde a las 6", "TIME",
           "2019-06-11T18:00");
    expect_rt("por la noche a las 8", "2016-03-01T00:00:00",
              (const char *[]){"\"timex\":\"T20\"", NULL});
}

static void a_part_of_a_period_applies_to_a_day(void **state)
{
    (void)state;
    expect_mod("Lo entregó al final del sábado.", DCT, "al final del sábado", "DATE",
               "2019-06-08", "END");
    expect_mod("Pasó a principios del 4 de julio de 2018.", DCT, "principios del 4 de julio de 2018",
               "DATE", "2018-07-04", "START");
    expect_mod("Llegará a finales del próximo viernes.", DCT, "finales del próximo viernes",
               "DATE", "2019-06-14", "END");
    expect_rt("al final del jueves", "2016-03-01T00:00:00",
              (const char *[]){"\"timex\":\"XXXX-WXX-4T23:59:59\"", NULL});
}

static void kinds_of_year(void **state)
{
    (void)state;
    expect("Cerró el año fiscal de 2018 con pérdidas.", DCT, "el año fiscal de 2018", "DATE",
           "2018");
    expect("Lo hará el próximo año fiscal.", DCT, "el próximo año fiscal", "DATE", "2020");
    expect("Empezó este año lectivo.", DCT, "este año lectivo", "DATE", "2019");
    expect("Suspendió el año escolar 2017.", DCT, "el año escolar 2017", "DATE", "2017");
    expect_none("Fue el año de la crisis.", DCT, "el año de la crisis");
}

static void time_zones_after_a_clock(void **state)
{
    (void)state;
    expect("Aterrizó a las 14.30 GMT.", DCT, "las 14.30 GMT", "TIME", "2019-06-10T14:30Z");
    expect("Abrirán a las 10 hora peninsular.", DCT, "las 10 hora peninsular", "TIME",
           "2019-06-10T10:00");
    expect("Llegó a las 9.15 (hora local), 7.15 GMT.", DCT, "las 9.15 (hora local)", "TIME",
           "2019-06-10T09:15");
    expect("Llegó a las 9.15 (hora local), 7.15 GMT.", DCT, "7.15 GMT", "TIME",
           "2019-06-10T07:15Z");
    expect("Empieza a las 20 horas UTC.", DCT, "las 20 horas UTC", "TIME", "2019-06-10T20:00Z");
    expect("Sale a las 7 hora de Canarias.", DCT, "las 7 hora de Canarias", "TIME",
           "2019-06-10T07:00");
}

static void desde_hace_and_mitad(void **state)
{
    (void)state;
    /* an amount: the point that far back; no amount: a duration */
    expect("Gobierna desde hace tres años.", DCT, "hace tres años", "DATE", "2016");
    expect("Vive aquí desde hace 18 meses.", DCT, "hace 18 meses", "DATE", "2017-12");
    expect("No llueve desde hace cinco semanas.", DCT, "hace cinco semanas", "DATE", "2019-W19");
    expect("Lo espera desde hace años.", DCT, "años", "DURATION", "PXY");
    /* a quantifier between "hace" and the amount stays inside the point */
    expect("Cerró hace más de 30 años.", DCT, "hace más de 30 años", "DATE", "1989");
    expect("Llegó hace casi tres meses.", DCT, "hace casi tres meses", "DATE", "2019-03");
    expect("Hace apenas una semana lo dijo.", DCT, "Hace apenas una semana", "DATE",
           "2019-W23");
    expect("Lo vio hace unos seis días.", DCT, "hace unos seis días", "DATE", "2019-06-04");
    /* "todo el" / "toda la" before a period is part of it */
    expect("Llovió todo el invierno pasado.", DCT, "todo el invierno pasado", "DATE",
           "2018-WI");
    expect("Cerró todo el mes de marzo.", DCT, "todo el mes de marzo", "DATE", "2019-03");
    expect("Trabajó toda la semana pasada.", DCT, "toda la semana pasada", "DATE", "2019-W23");
    expect_mod("Quebró a mitad del 2003.", DCT, "mitad del 2003", "DATE", "2003", "MID");
    expect_mod("Se fue a mitad de mes.", DCT, "mitad de mes", "DATE", "2019-06", "MID");
    expect_none("Despidió a la mitad de 1500 empleados.", DCT, "la mitad de 1500");
}

/* "pasado"/"futuro" with an article: a noun ("el futuro", "del pasado") or, before a
 * noun, an adjective that is the timex alone. */
static void past_and_future_as_noun_or_adjective(void **state)
{
    (void)state;
    expect("Ganó el pasado Campeonato de Europa.", DCT, "pasado", "DATE", "PAST_REF");
    expect("Construirán el futuro estadio en Getafe.", DCT, "futuro", "DATE", "FUTURE_REF");
    expect("Vive junto al futuro hospital.", DCT, "futuro", "DATE", "FUTURE_REF");
    expect("Son errores del pasado, dijo.", DCT, "del pasado", "DATE", "PAST_REF");
    expect("Habló del futuro de la empresa.", DCT, "del futuro", "DATE", "FUTURE_REF");
    expect("El futuro nos dirá si acertó.", DCT, "El futuro", "DATE", "FUTURE_REF");
    expect("Lo veremos en el futuro.", DCT, "el futuro", "DATE", "FUTURE_REF");
}

/* A bare plural unit placed by después / antes / más tarde is a vague lapse; "unos
 * cuantos" is a few. */
static void vague_lapses(void **state)
{
    (void)state;
    expect("Semanas después, firmó.", DCT, "Semanas después", "DURATION", "PXW");
    expect("Años antes lo había dicho.", DCT, "Años antes", "DURATION", "PXY");
    expect("Volvió meses más tarde.", DCT, "meses más tarde", "DURATION", "PXM");
    expect("Llegó unos cuantos días después.", DCT, "unos cuantos días después", "DURATION",
           "PXD");
    expect("Tardó unas cuantas horas.", DCT, "unas cuantas horas", "DURATION", "PTXH");
    expect_none("Lleva años luchando.", DCT, "años luchando");
}

/* Decades said by their number after "los", "en curso" as "este", parts of the
 * century, clocks with minutes and "horas", "estos últimos días". */
static void decades_centuries_and_current_periods(void **state)
{
    (void)state;
    expect("En los 70, su voz cambió.", DCT, "los 70", "DATE", "197");
    expect("Creció en los sesenta.", DCT, "los sesenta", "DATE", "196");
    expect_none("Recorrió los 60 kilómetros.", DCT, "los 60");
    expect_none("Votaron los 80 diputados.", DCT, "los 80");
    expect("Cerró el trimestre en curso.", DCT, "el trimestre en curso", "DATE", "2019-Q2");
    expect("Lo hará el mes en curso.", DCT, "el mes en curso", "DATE", "2019-06");
    expect("Pasará la semana en curso.", DCT, "la semana en curso", "DATE", "2019-W24");
    expect_mod("Nació a finales de siglo.", DCT, "finales de siglo", "DATE", "20", "END");
    expect("Llegó a las 20.15 horas.", DCT, "las 20.15 horas", "TIME", "2019-06-10T20:15");
    /* a clock in a listing: "(22.15, La 2)" */
    expect("Final de Copa (22.15, La 2).", DCT, "22.15", "TIME", "2019-06-10T22:15");
    expect("Documental (Canal 33, 18.45).", DCT, "18.45", "TIME", "2019-06-10T18:45");
    expect_none("Costó 12.50 euros.", DCT, "12.50");
    expect("Llueve estos últimos meses.", DCT, "estos últimos meses", "DURATION", "PXM");
}

/* "el día de ayer", a weekday in apposition after a part of a named day, a demonstrative
 * on a duration, a year said after "este año", "muchos"/"pocos" + unit. */
static void days_named_twice_and_quantified_periods(void **state)
{
    (void)state;
    expect("Lo dijo el día de ayer.", DCT, "el día de ayer", "DATE", "2019-06-09");
    expect("Juegan la jornada de mañana.", DCT, "la jornada de mañana", "DATE", "2019-06-11");
    expect("Llegó la noche de ayer, domingo.", DCT, "la noche de ayer, domingo", "TIME",
           "2019-06-09TNI");
    expect("Fue la tarde de hoy lunes.", DCT, "la tarde de hoy lunes", "TIME", "2019-06-10TAF");
    expect("Gobernó estos seis años.", DCT, "estos seis años", "DURATION", "P6Y");
    expect("Cerró este mismo año 2018.", DCT, "este mismo año 2018", "DATE", "2018");
    expect("Esperó muchos años.", DCT, "muchos años", "DURATION", "PXY");
    expect("Volvió pocas semanas después.", DCT, "pocas semanas después", "DURATION", "PXW");
}

/* A shifted season is the last (next) one over (begun) before (after) the DCT;
 * "antes de ayer" is anteayer; "12h50"; "este siglo XX" the century said. */
static void seasons_and_small_words(void **state)
{
    (void)state;
    /* DCT in June: last winter is 2018's (Dec 2018 - Feb 2019), last autumn 2018's */
    expect("Nevó el invierno pasado.", DCT, "el invierno pasado", "DATE", "2018-WI");
    expect("Llovió el último otoño.", DCT, "el último otoño", "DATE", "2018-FA");
    expect("Volverá el próximo verano.", DCT, "el próximo verano", "DATE", "2020-SU");
    expect("Florecerá la próxima primavera.", DCT, "la próxima primavera", "DATE", "2020-SP");
    expect("Llegó antes de ayer.", DCT, "antes de ayer", "DATE", "2019-06-08");
    expect("Abre a las 9h30.", DCT, "las 9h30", "TIME", "2019-06-10T09:30");
    expect("Las 4 menos 10.", DCT, "Las 4 menos 10", "TIME", "2019-06-10T03:50");
    expect("Fue este siglo XIX.", DCT, "este siglo XIX", "DATE", "18");
}

/* Words that look like times and are not: an ordinal "segundo" before a noun, a count
 * of hours before "que", "próximo a" (near). */
static void ordinals_counts_and_nearness(void **state)
{
    (void)state;
    expect_none("Un segundo debate se celebró.", DCT, "Un segundo");
    expect_none("Firmó un segundo contrato.", DCT, "un segundo");
    expect_none("Tiene opción a un segundo año.", DCT, "un segundo");
    expect("Dudó un segundo y salió.", DCT, "un segundo", "DURATION", "PT1S");
    expect_none("Es uno de las veinte que juegan.", DCT, "las veinte");
    expect_none("Vive en una casa próxima a Jaca.", DCT, "próxima");
    expect("Lo verá el próximo.", DCT, "próximo", "DATE", "FUTURE_REF");
    expect("Vendrá en unos tres meses.", DCT, "unos tres meses", "DURATION", "P3M");
}

static void ranges_of_days_of_a_month(void **state)
{
    (void)state;
    /* a first day past 12 is no clock ("entre el 16 y el 25": not 16:00) */
    expect_mod("Votarán entre el 14 y el 20 de enero de 2017.", DCT, "el 14", "DATE",
               "2017-01-14", "START");
    expect_mod("Abre del 18 al 23 de octubre de 2018.", DCT, "del 18", "DATE", "2018-10-18",
               "START");
    expect_mod("Abre del 18 al 23 de octubre de 2018.", DCT, "al 23 de octubre de 2018", "DATE",
               "2018-10-23", "END");
    /* "del día N" takes the end's month */
    expect_mod("Será del día 10 al 12 de julio de 2016.", DCT, "del día 10", "DATE",
               "2016-07-10", "START");
    expect_mod("Fue entre los días 4 y 6 de marzo de 2015.", DCT, "los días 4", "DATE",
               "2015-03-04", "START");
    /* clocks stay clocks */
    expect_mod("Abre de 16 a 20 horas.", DCT, "20 horas", "TIME", "2019-06-10T20:00", "END");
}

/* The marks of text (hx__tx_lex + hx__tx_mark): their count. */
static size_t marks_of(const char *text)
{
    tx_tok *toks = NULL;
    size_t cap = 0, n = hx__tx_lex(text, strlen(text), &toks, &cap);
    tx_marks m = {0};
    assert_true(n != (size_t)-1);
    assert_true(hx__tx_mark(text, strlen(text), toks, n, &m));
    free(toks);
    free(m.b);
    return m.n;
}

/* The TimeBank pass visits only the words the lexer marks: every starter of
 * timex_tb.c is one, an article only before a word that goes on a phrase. */
static void the_lexer_marks_the_reference_starters(void **state)
{
    (void)state;
    const char *starters = "actual actuales actualmente anual anuales aquel aquella entonces "
                           "esa ese esta este estos futura futuras futuro futuros hoy mensual "
                           "mensuales próxima próximas próximo próximos recién reciente "
                           "recientemente semanal semanales trimestral trimestrales "
                           "últimamente";
    size_t words = 1;
    for (const char *c = starters; *c; c++)
        words += *c == ' ';
    assert_int_equal(marks_of(starters), words);
    assert_int_equal(marks_of("el mismo día"), 1);
    assert_int_equal(marks_of("la actualidad"), 1);
    assert_int_equal(marks_of("los últimos meses"), 1);
    assert_int_equal(marks_of("del pasado"), 1);
    assert_int_equal(marks_of("al año siguiente"), 1);
    assert_int_equal(marks_of("el coche de la casa"), 0);
    assert_int_equal(marks_of("el  mismo"), 0); /* two spaces: no phrase of the tables */
    /* and the reference words are still found through them */
    expect("Actualmente trabaja en Lima.", DCT, "Actualmente", "DATE", "PRESENT_REF");
    expect("Vive allí desde entonces.", DCT, "entonces", "DATE", "PAST_REF");
    expect("Publica un informe semanal.", DCT, "semanal", "SET", "P1W");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(months_take_determiners_and_shifters),
        cmocka_unit_test(ordinals_pick_weeks_and_halves_of_a_month),
        cmocka_unit_test(the_week_that_holds_a_day),
        cmocka_unit_test(days_said_as_ordinal_words),
        cmocka_unit_test(a_part_of_the_day_sets_the_clock),
        cmocka_unit_test(a_part_of_a_period_applies_to_a_day),
        cmocka_unit_test(kinds_of_year),
        cmocka_unit_test(time_zones_after_a_clock),
        cmocka_unit_test(desde_hace_and_mitad),
        cmocka_unit_test(the_lexer_marks_the_reference_starters),
        cmocka_unit_test(ranges_of_days_of_a_month),
        cmocka_unit_test(vague_lapses),
        cmocka_unit_test(ordinals_counts_and_nearness),
        cmocka_unit_test(seasons_and_small_words),
        cmocka_unit_test(days_named_twice_and_quantified_periods),
        cmocka_unit_test(decades_centuries_and_current_periods),
        cmocka_unit_test(past_and_future_as_noun_or_adjective),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
