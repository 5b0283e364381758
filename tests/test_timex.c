/*
 * test_timex.c -- unit tests of the time-expression layer: calendar arithmetic, the
 * lexicon, and TIMEX3 values of every construction the grammar knows, with and
 * without a publication date (DCT), across month and year boundaries and leap years.
 * Documents are built and analysed through the public API (tokens + times stages).
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

/* Analyses text with publication date dct (may be NULL) and checks that one time
 * expression covers exactly `span` with the given type, value and mod (NULL: any). */
static void expect_mod(const char *text, const char *dct, const char *span, const char *type,
                       const char *value, const char *mod)
{
    hx_docinfo info = {0};
    info.date = dct;
    hx_doc *doc = NULL;
    assert_int_equal(hx_doc_new(ctx, text, strlen(text), &info, &doc, NULL), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, NULL), HX_OK);
    size_t n = hx_doc_ntimes(doc);
    int found = 0;
    for (size_t i = 0; i < n && !found; i++) {
        hx_time t;
        assert_int_equal(hx_doc_time(doc, i, &t), HX_OK);
        size_t len = t.span.bend - t.span.bstart;
        if (len != strlen(span) || memcmp(text + t.span.bstart, span, len))
            continue;
        found = 1;
        const hx__time *raw = HX__VEC_AT(doc->times, hx__time, i);
        if (strcmp(t.type, type) || strcmp(t.value, value) ||
            (mod && (!raw->mod || strcmp(raw->mod, mod)))) {
            print_error("%s | dct %s: \"%s\" gave %s %s mod %s, want %s %s mod %s\n", text,
                        dct ? dct : "-", span, t.type, t.value, raw->mod ? raw->mod : "-",
                        type, value, mod ? mod : "-");
            fail();
        }
        /* relative values name their anchor, absolute ones none */
        if (t.anchor && dct)
            assert_memory_equal(t.anchor, dct, 10);
    }
    if (!found) {
        print_error("%s | dct %s: no time expression \"%s\"; found:\n", text, dct ? dct : "-",
                    span);
        for (size_t i = 0; i < n; i++) {
            hx_time t;
            hx_doc_time(doc, i, &t);
            print_error("  [%.*s] %s %s\n", (int)(t.span.bend - t.span.bstart),
                        text + t.span.bstart, t.type, t.value);
        }
        fail();
    }
    hx_doc_free(doc);
}

static void expect(const char *text, const char *dct, const char *span, const char *type,
                   const char *value)
{
    expect_mod(text, dct, span, type, value, NULL);
}

/* Checks that text yields no time expression at all. */
static void expect_none(const char *text)
{
    hx_doc *doc = NULL;
    hx_docinfo info = {0};
    info.date = "2025-07-14";
    assert_int_equal(hx_doc_new(ctx, text, strlen(text), &info, &doc, NULL), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, NULL), HX_OK);
    if (hx_doc_ntimes(doc)) {
        hx_time t;
        hx_doc_time(doc, 0, &t);
        print_error("%s: unexpected [%.*s] %s\n", text, (int)(t.span.bend - t.span.bstart),
                    text + t.span.bstart, t.value);
        fail();
    }
    hx_doc_free(doc);
}

/* ---------------------------------------------------------------- calendar */

static void calendar_days_round_trip(void **state)
{
    (void)state;
    assert_int_equal(hx__tx_days(1970, 1, 1), 0);
    assert_int_equal(hx__tx_days(2000, 3, 1) - hx__tx_days(2000, 2, 28), 2); /* leap */
    assert_int_equal(hx__tx_days(1900, 3, 1) - hx__tx_days(1900, 2, 28), 1); /* not leap */
    for (int64_t d = -800000; d < 800000; d += 997) {
        int y, m, dd;
        hx__tx_civil(d, &y, &m, &dd);
        assert_int_equal(hx__tx_days(y, m, dd), d);
    }
    assert_int_equal(hx__tx_wday(hx__tx_days(2025, 7, 14)), 1); /* a Monday */
    assert_int_equal(hx__tx_mdays(2024, 2), 29);
    assert_int_equal(hx__tx_mdays(2100, 2), 28);
}

static void calendar_iso_weeks_at_year_ends(void **state)
{
    (void)state;
    int wy;
    assert_int_equal(hx__tx_isoweek(hx__tx_days(2014, 12, 29), &wy), 1);
    assert_int_equal(wy, 2015);
    assert_int_equal(hx__tx_isoweek(hx__tx_days(2021, 1, 3), &wy), 53);
    assert_int_equal(wy, 2020);
    assert_int_equal(hx__tx_isoweek(hx__tx_days(2025, 7, 14), &wy), 29);
    assert_int_equal(hx__tx_isoweek_monday(2015, 1), hx__tx_days(2014, 12, 29));
    int y = 2024, m = 1, d = 31;
    hx__tx_add_months(&y, &m, &d, 1);
    assert_true(y == 2024 && m == 2 && d == 29);
    y = 2025, m = 3, d = 31;
    hx__tx_add_months(&y, &m, &d, -13);
    assert_true(y == 2024 && m == 2 && d == 29);
}

static void lexicon_is_sorted(void **state)
{
    (void)state;
    assert_true(hx__tx_lexicon_sorted());
    assert_non_null(hx__tx_lookup("miercoles", 9));
    assert_null(hx__tx_lookup("miercole", 8));
}

static void reference_dates_parse(void **state)
{
    (void)state;
    tx_ref r = hx__tx_parse_ref("2018-09-28T01:02:03");
    assert_true(r.ok && r.y == 2018 && r.m == 9 && r.d == 28 && r.h == 1 && r.mi == 2 && r.s == 3);
    assert_false(hx__tx_parse_ref("2018-02-30").ok);
    assert_false(hx__tx_parse_ref("ayer").ok);
    assert_false(hx__tx_parse_ref(NULL).ok);
}

/* ---------------------------------------------------------------- absolute dates */

static void absolute_dates_are_exact(void **state)
{
    (void)state;
    expect("Ocurrió el 12 de julio de 2025 en Madrid.", "2025-07-14", "12 de julio de 2025",
           "DATE", "2025-07-12");
    expect("Ocurrió el 12/07/2025.", NULL, "12/07/2025", "DATE", "2025-07-12");
    /* a month before "un"/"una" is the month, not its first day */
    expect("Detectaron en marzo un aumento.", "2025-07-12", "marzo", "DATE", "2025-03");
    expect("Ocurrió el 3-1-2024.", NULL, "3-1-2024", "DATE", "2024-01-03");
    expect("La ley de julio de 2025 cambió todo.", NULL, "julio de 2025", "DATE", "2025-07");
    expect("Se aprobó en 2025 tras meses de debate.", NULL, "2025", "DATE", "2025");
    expect("En el año 2024 no llovió.", NULL, "año 2024", "DATE", "2024");
    expect_mod("Desde el año 2024 no llueve.", NULL, "Desde el año 2024", "DATE", "2024",
               "ON_OR_AFTER");
    expect("Fue el 1.º de enero de 2000.", NULL, "1.º de enero de 2000", "DATE", "2000-01-01");
    expect("Nació el primero de mayo de 1990.", NULL, "primero de mayo de 1990", "DATE",
           "1990-05-01");
    expect("El 2 de octubre de dos mil veinte hubo huelga.", NULL,
           "2 de octubre de dos mil veinte", "DATE", "2020-10-02");
    expect("Ocurrió en el siglo XV.", NULL, "siglo XV", "DATE", "14");
    expect("Creció en la década de 1990.", NULL, "década de 1990", "DATE", "199");
}

static void holidays_on_fixed_dates(void **state)
{
    (void)state;
    expect("Cerrará en Navidad.", "2025-07-14", "Navidad", "DATE", "2025-12-25");
    expect("Se vio en Nochevieja.", "2025-07-14", "Nochevieja", "DATE", "2024-12-31");
    expect("Desfiló el Día de la Hispanidad de 2024.", NULL, "Día de la Hispanidad de 2024",
           "DATE", "2024-10-12");
    expect("Marcharon el Día Internacional de los Trabajadores.", NULL,
           "Día Internacional de los Trabajadores", "DATE", "XXXX-05-01");
    expect_none("Visitó a los Reyes en San Juan.");
}

static void day_and_month_take_the_year_from_the_dct(void **state)
{
    (void)state;
    /* past by default, future with a verb in the future tense */
    expect("El 2 de octubre hubo huelga.", "2016-11-07", "2 de octubre", "DATE", "2016-10-02");
    expect("El 2 de diciembre hubo huelga.", "2016-11-07", "2 de diciembre", "DATE",
           "2015-12-02");
    expect("El 2 de diciembre habrá huelga.", "2016-11-07", "2 de diciembre", "DATE",
           "2016-12-02");
    expect("En abril hubo elecciones.", "2025-07-14", "abril", "DATE", "2025-04");
    expect("En abril habrá elecciones.", "2025-07-14", "abril", "DATE", "2026-04");
    expect("En diciembre hubo fiestas.", "2025-01-10", "diciembre", "DATE", "2024-12");
    /* leap day: the last 29 February on or before the DCT */
    expect("El 29 de febrero nevó.", "2019-03-22", "29 de febrero", "DATE", "2016-02-29");
    expect("El 29 de febrero nevará.", "2021-01-01", "29 de febrero", "DATE", "2024-02-29");
}

static void without_dct_values_stay_underspecified(void **state)
{
    (void)state;
    expect("En abril hubo elecciones.", NULL, "abril", "DATE", "XXXX-04");
    expect("El 2 de octubre hubo huelga.", NULL, "2 de octubre", "DATE", "XXXX-10-02");
    expect("Ayer hubo huelga.", NULL, "Ayer", "DATE", "XXXX-XX-XX");
    expect("El martes hubo huelga.", NULL, "martes", "DATE", "XXXX-WXX-2");
    expect("La semana pasada llovió.", NULL, "La semana pasada", "DATE", "XXXX-WXX");
    expect("Este año llovió.", NULL, "Este año", "DATE", "XXXX");
    expect("Llegó a las 15.30 al puerto.", NULL, "15.30", "TIME", "XXXX-XX-XXT15:30");
}

/* ---------------------------------------------------------------- relative dates */

static void relative_days_cross_month_and_year_ends(void **state)
{
    (void)state;
    expect("Hoy llueve.", "2025-07-14", "Hoy", "DATE", "2025-07-14");
    expect("Ayer llovió.", "2025-03-01", "Ayer", "DATE", "2025-02-28");
    expect("Ayer llovió.", "2024-03-01", "Ayer", "DATE", "2024-02-29");
    expect("Anteayer llovió.", "2025-01-01", "Anteayer", "DATE", "2024-12-30");
    expect("Mañana lloverá.", "2024-12-31", "Mañana", "DATE", "2025-01-01");
    expect("Pasado mañana lloverá.", "2024-02-28", "Pasado mañana", "DATE", "2024-03-01");
    expect("Hace tres días llovió.", "2025-01-02", "Hace tres días", "DATE", "2024-12-30");
    expect("Hace dos meses llovió.", "2025-01-15", "Hace dos meses", "DATE", "2024-11");
    expect("Dentro de dos meses habrá elecciones.", "2025-11-20", "Dentro de dos meses",
           "DATE", "2026-01");
    expect("En 2 semanas habrá elecciones.", "2018-03-23", "En 2 semanas", "DATE", "2018-W14");
}

static void relative_weekdays_are_the_nearest_ones(void **state)
{
    (void)state;
    /* 2025-07-14 is a Monday */
    expect("El pasado martes hubo huelga.", "2025-07-14", "pasado martes", "DATE",
           "2025-07-08");
    expect("El próximo domingo habrá huelga.", "2025-07-14", "próximo domingo", "DATE",
           "2025-07-20");
    expect("El lunes pasado hubo huelga.", "2025-07-14", "lunes pasado", "DATE", "2025-07-07");
    expect("El martes hubo huelga.", "2025-07-14", "martes", "DATE", "2025-07-08");
    expect("El martes habrá huelga.", "2025-07-14", "martes", "DATE", "2025-07-15");
    expect("El próximo viernes cerrará.", "2024-12-30", "próximo viernes", "DATE",
           "2025-01-03");
    expect_mod("Seguirá hasta el domingo.", "2025-07-14", "hasta el domingo", "DATE",
               "2025-07-20", "BEFORE");
}

static void relative_periods_name_their_period(void **state)
{
    (void)state;
    expect("La semana pasada llovió.", "2025-07-14", "La semana pasada", "DATE", "2025-W28");
    expect("La semana pasada llovió.", "2021-01-06", "La semana pasada", "DATE", "2020-W53");
    expect("El mes pasado llovió.", "2025-01-10", "El mes pasado", "DATE", "2024-12");
    expect("El próximo año habrá elecciones.", "2025-07-14", "El próximo año", "DATE", "2026");
    expect("Este verano hizo calor.", "2025-07-14", "Este verano", "DATE", "2025-SU");
    expect("El primer trimestre fue malo.", "2025-07-14", "primer trimestre", "DATE",
           "2025-Q1");
    expect("El segundo semestre de 2019 fue malo.", NULL, "segundo semestre de 2019", "DATE",
           "2019-H2");
    expect("Este fin de semana llovió.", "2025-07-14", "Este fin de semana", "DATE",
           "2025-W29-WE");
    expect("En lo que va de año han muerto 30 personas.", "2025-07-14", "lo que va de año",
           "DATE", "2025");
    expect_mod("Lo haremos más tarde este mes.", "2025-07-14", "más tarde este mes", "DATE",
               "2025-07", "END");
    expect("Reservado las primeras 2 semanas de 2021.", NULL, "las primeras 2 semanas de 2021",
           "DURATION", "P2W");
}

static void parts_of_periods_carry_a_mod(void **state)
{
    (void)state;
    expect_mod("A finales de junio subió.", "2025-07-14", "finales de junio", "DATE",
               "2025-06", "END");
    expect_mod("A principios de 2024 bajó.", NULL, "principios de 2024", "DATE", "2024",
               "START");
    expect_mod("A mediados de mayo bajó.", "2025-07-14", "mediados de mayo", "DATE", "2025-05",
               "MID");
    expect_mod("Después de 2016 cambió.", NULL, "Después de 2016", "DATE", "2016", "AFTER");
    expect_mod("Antes de 2018 cambió.", NULL, "Antes de 2018", "DATE", "2018", "BEFORE");
}

/* ---------------------------------------------------------------- times */

static void clock_times_take_the_dct_day(void **state)
{
    (void)state;
    expect("Empezó a las 15.30 en punto.", "2025-07-13", "15.30 en punto", "TIME",
           "2025-07-13T15:30");
    expect("Empezó a las 15:30.", "2025-07-13", "15:30", "TIME", "2025-07-13T15:30");
    expect("Llegó a mediodía.", "2025-07-13", "mediodía", "TIME", "2025-07-13T12:00");
    expect("Llegó a las siete de la tarde.", "2025-07-13", "siete de la tarde", "TIME",
           "2025-07-13T19:00");
    expect("Llegó a las ocho y media de la mañana.", "2025-07-13", "ocho y media de la mañana",
           "TIME", "2025-07-13T08:30");
    expect("Llegó por la noche.", "2025-07-13", "la noche", "TIME", "2025-07-13TNI");
    expect("Ayer por la noche llovió.", "2025-07-13", "Ayer por la noche", "TIME",
           "2025-07-12TNI");
    expect("El 12 de julio de 2025 a las 15:30 llovió.", NULL, "12 de julio de 2025 a las 15:30",
           "TIME", "2025-07-12T15:30");
    expect("Anoche a las 11 de la noche llovió.", "2025-01-01",
           "Anoche a las 11 de la noche", "TIME", "2024-12-31T23:00");
}

/* ---------------------------------------------------------------- durations, sets */

static void durations_are_iso_periods(void **state)
{
    (void)state;
    expect("La huelga duró tres días.", NULL, "tres días", "DURATION", "P3D");
    expect("La reunión duró 30 minutos.", NULL, "30 minutos", "DURATION", "PT30M");
    expect("Duró una hora y media.", NULL, "una hora y media", "DURATION", "PT1H30M");
    expect("Duró 2 semanas y 3 días.", NULL, "2 semanas y 3 días", "DURATION", "P2W3D");
    expect("Lo hicieron por décadas.", NULL, "décadas", "DURATION", "PXDE");
    expect("Viven allí desde hace años.", NULL, "años", "DURATION", "PXY");
    expect("Se quedó unos días.", NULL, "unos días", "DURATION", "PXD");
    expect_mod("Duró más de 4 días.", NULL, "más de 4 días", "DURATION", "P4D", "MORE_THAN");
    expect("El curso dura tres fines de semana.", NULL, "tres fines de semana", "DURATION",
           "P3WE");
}

static void sets_repeat(void **state)
{
    (void)state;
    expect("Abre cada lunes.", NULL, "cada lunes", "SET", "XXXX-WXX-1");
    expect("Se paga anualmente.", NULL, "anualmente", "SET", "P1Y");
    expect("Abre cada día.", NULL, "cada día", "SET", "P1D");
    expect("Abre cada lunes a las 4 p.m.", NULL, "cada lunes a las 4 p.m.", "SET",
           "XXXX-WXX-1T16:00");
    expect("Abre todos los martes.", NULL, "todos los martes", "SET", "XXXX-WXX-2");
    expect("Abre cada dos fines de semana.", NULL, "cada dos fines de semana", "SET", "P2WE");
}

/* ---------------------------------------------------------------- ranges */

static void ranges_give_start_and_end(void **state)
{
    (void)state;
    expect_mod("Abrirá del 1 al 5 de mayo.", "2025-04-10", "del 1", "DATE", "2025-05-01",
               "START");
    expect_mod("Abrirá del 1 al 5 de mayo.", "2025-04-10", "5 de mayo", "DATE", "2025-05-05",
               "END");
    expect_mod("Creció entre 2022 y 2024.", NULL, "entre 2022", "DATE", "2022", "START");
    expect_mod("Creció entre 2022 y 2024.", NULL, "2024", "DATE", "2024", "END");
    expect_mod("Cerró de enero a abril de 2015.", NULL, "de enero", "DATE", "2015-01", "START");
    expect_mod("Cerró de noviembre a febrero de 2017.", NULL, "de noviembre", "DATE", "2016-11",
               "START");
    /* 2025-07-16 is a Wednesday: the week that ended */
    expect_mod("Abrió de lunes a viernes.", "2025-07-16", "viernes", "DATE", "2025-07-18",
               "END");
    expect_mod("Abrió de lunes a viernes.", "2025-07-16", "de lunes", "DATE", "2025-07-14",
               "START");
    expect_mod("Estará fuera noviembre 19-20.", "2016-11-07", "20", "DATE", "2016-11-20",
               "END");
}

static void ordinary_numbers_are_not_times(void **state)
{
    (void)state;
    expect_none("Había 50.000 personas y 2.500 coches.");
    expect_none("Llame al +86 2010-2015-86.");
    expect_none("Ganó por 3 a 1 en el segundo tiempo.");
    expect_none("El presidente dijo que la economía crece.");
    expect_none("");
    expect_none("Negociarán las acciones de las cuatro empresas.");
    expect_none("Salió con las dos orejas.");
}

static void news_readings(void **state)
{
    (void)state;
    /* 2000-05-23 is a Tuesday: "hoy, martes" is that day */
    expect("El crudo bajó hoy, martes, en Londres.", "2000-05-23", "martes", "DATE",
           "2000-05-23");
    expect("La compra será en junio próximo.", "2000-05-23", "junio próximo", "DATE", "2000-06");
    expect_mod("Seguirá hasta el próximo día 28.", "2000-05-23", "hasta el próximo día 28",
               "DATE", "2000-05-28", "BEFORE");
    expect("Llegarán a las cuatro.", "2000-05-23", "cuatro", "TIME", "2000-05-23T04:00");
    expect("Abre a las 10:30 h en Mérida.", "2000-05-23", "10:30 h", "TIME", "2000-05-23T10:30");
    /* no tense: the reading nearer the DCT; a past verb: the past one */
    expect("Final de la Copa: 31 de mayo.", "2000-05-23", "31 de mayo", "DATE", "2000-05-31");
    expect("El Nasdaq cerró el 14 de abril en mínimos.", "2000-05-23", "14 de abril", "DATE",
           "2000-04-14");
    expect("Las obras empezaron el 30 de mayo.", "2000-05-23", "30 de mayo", "DATE",
           "1999-05-30");
    expect("Marcó dos goles en tres minutos.", "2000-05-23", "en tres minutos", "DURATION",
           "PT3M");
    /* a two-byte letter cut by the end of the tense window (looped forever once) */
    char cut[200];
    memset(cut, 0, sizeof cut);
    memcpy(cut, "Ayer ", 5);
    memset(cut + 5, 'x', 118);
    memcpy(cut + 123, "\xc3\xa9 fin", 6);
    expect(cut, "2000-05-23", "Ayer", "DATE", "2000-05-22");
    expect_none("Empataron 1-1 y luego 2-1.");
    expect_none("Café: oct 7,49 7,28 7,45.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calendar_days_round_trip),
        cmocka_unit_test(calendar_iso_weeks_at_year_ends),
        cmocka_unit_test(lexicon_is_sorted),
        cmocka_unit_test(reference_dates_parse),
        cmocka_unit_test(absolute_dates_are_exact),
        cmocka_unit_test(holidays_on_fixed_dates),
        cmocka_unit_test(day_and_month_take_the_year_from_the_dct),
        cmocka_unit_test(without_dct_values_stay_underspecified),
        cmocka_unit_test(relative_days_cross_month_and_year_ends),
        cmocka_unit_test(relative_weekdays_are_the_nearest_ones),
        cmocka_unit_test(relative_periods_name_their_period),
        cmocka_unit_test(parts_of_periods_carry_a_mod),
        cmocka_unit_test(clock_times_take_the_dct_day),
        cmocka_unit_test(durations_are_iso_periods),
        cmocka_unit_test(sets_repeat),
        cmocka_unit_test(ranges_give_start_and_end),
        cmocka_unit_test(ordinary_numbers_are_not_times),
        cmocka_unit_test(news_readings),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
