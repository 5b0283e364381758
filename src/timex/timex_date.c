/*
 * timex_date.c -- the date rules of the time grammar: numeric dates (12/07/2025,
 * 2020/sep/23), day and month in words, months and years, relative days (hoy, ayer),
 * weekdays (el próximo lunes), relative periods (la semana pasada, este verano),
 * ordinal periods (el primer trimestre), decades and centuries.
 *
 * Same conventions as timex_parse.c: a rule returns the index past its match or 0,
 * and describes what was said without resolving it.
 */
#include "timex/timex.h"

#include <string.h>

/* ---------------------------------------------------------------- dates */

/* A day of the month 1..31 at i: "12", "doce", "primero", "1.º", "1ro", "9º", "21ro". */
static size_t day_number(const hx__timex_scan *p, size_t i, int *d)
{
    double v;
    size_t e;
    if (hx__tx_c(p, i, L_ORDW) && hx__tx_v(p, i) == 1) {
        *d = 1;
        return i + 1;
    }
    if (hx__tx_num(p, i)) {
        if (p->t[i].ndig > 2)
            return 0;
        if (i > 0 && hx__tx_adj(p, i) && (hx__tx_pc(p, i - 1, '.') || hx__tx_pc(p, i - 1, ',')))
            return 0;
        /* 7,49 in a price table is no day */
        if ((hx__tx_pc(p, i + 1, ',') || hx__tx_pc(p, i + 1, '.')) && hx__tx_adj(p, i + 1) &&
            hx__tx_num(p, i + 2) && hx__tx_adj(p, i + 2))
            return 0;
        v = p->t[i].num;
        e = i + 1;
        /* ordinal marks: 1.º  1º  1ro  1er  21ro */
        if (hx__tx_pc(p, e, '.') && hx__tx_adj(p, e) && hx__tx_pc(p, e + 1, 'o') &&
            hx__tx_adj(p, e + 1))
            e += 2;
        else if (hx__tx_pc(p, e, 'o') && hx__tx_adj(p, e))
            e++;
        else if (e < p->n && p->t[e].kind == TX_TW && hx__tx_adj(p, e) &&
                 p->t[e].b1 - p->t[e].b0 <= 2) {
            const char *w = p->text + p->t[e].b0;
            if (p->t[e].b1 - p->t[e].b0 == 2 &&
                ((w[0] == 'r' && w[1] == 'o') || (w[0] == 'e' && w[1] == 'r')))
                e++;
            else
                return 0;
        }
    } else if (!(e = hx__tx_number(p, i, &v)))
        return 0;
    if (v < 1 || v > 31)
        return 0;
    *d = (int)v;
    return e;
}

/* A month name at i (abbreviations need a period or a neighbouring number, which the
 * caller vouches for with `near_num`).  Consumes a period after an abbreviation. */
static size_t month_name(const hx__timex_scan *p, size_t i, int near_num, int *m)
{
    if (hx__tx_c(p, i, L_MONTH)) {
        *m = hx__tx_v(p, i);
        return i + 1;
    }
    if (hx__tx_c(p, i, L_MONABBR)) {
        int per = hx__tx_pc(p, i + 1, '.') && hx__tx_adj(p, i + 1);
        if (!per && !near_num)
            return 0;
        *m = hx__tx_v(p, i);
        if (per && near_num && i + 2 >= p->n)
            per = 0; /* "la noche de 4 Mar." ends the text */
        return i + 1 + per;
    }
    return 0;
}

/* A modifier before a unit or weekday: este 0, próximo +1, pasado/último -1. */
static size_t rel_pre(const hx__timex_scan *p, size_t i, int *off)
{
    if (hx__tx_f(p, i, F_ESTE) || hx__tx_f(p, i, F_MISMO))
        *off = 0;
    else if (hx__tx_f(p, i, F_PROX) || hx__tx_f(p, i, F_SIGUIENTE))
        *off = 1;
    else if (hx__tx_f(p, i, F_PASADO) || hx__tx_f(p, i, F_ANTERIOR) ||
             (hx__tx_c(p, i, L_ORDW) && hx__tx_v(p, i) == 99))
        *off = -1;
    else
        return 0;
    return i + 1;
}

static int word_is(const hx__timex_scan *p, size_t i, const char *w, size_t n);

/* A modifier after: pasado, anterior, próximo, siguiente, que viene, entrante, en curso. */
static size_t rel_post(const hx__timex_scan *p, size_t i, int *off)
{
    if (hx__tx_f(p, i, F_PASADO) || hx__tx_f(p, i, F_ANTERIOR))
        *off = -1;
    else if (hx__tx_f(p, i, F_PROX) || hx__tx_f(p, i, F_SIGUIENTE))
        *off = 1;
    else if (hx__tx_f(p, i, F_QUE) && hx__tx_f(p, i + 1, F_VIENE)) {
        *off = 1;
        return i + 2;
    } else if (hx__tx_f(p, i, F_EN) && word_is(p, i + 1, "curso", 5)) {
        *off = 0; /* el año en curso */
        return i + 2;
    } else
        return 0;
    return i + 1;
}

static int is_article(const hx__timex_scan *p, size_t i)
{
    return hx__tx_f(p, i, F_EL) || hx__tx_f(p, i, F_LA) || hx__tx_f(p, i, F_LOS) ||
           hx__tx_f(p, i, F_LAS);
}

/* The fields of a numeric date with its month in a word ("12-ene-2020", "ene/2020"):
 * k parts of values val, digit counts nd (0 for the word), separator sep.  Sets *y, *m,
 * *d; returns 0 when the parts do not make a date. */
static int word_month_fields(int k, const int *val, const int *isword, const int *nd, char sep,
                             int *y, int *m, int *d)
{
    int used[3] = {0, 0, 0};
    for (int q = 0; q < k; q++)
        if (isword[q]) {
            *m = val[q];
            used[q] = 1;
        }
    for (int q = 0; q < k; q++)
        if (!used[q] && nd[q] == 4) {
            *y = val[q];
            used[q] = 1;
        }
    for (int q = 0; q < k; q++)
        if (!used[q] && nd[q] <= 2 && *d < 0) {
            *d = val[q];
            used[q] = 1;
        }
    for (int q = 0; q < k; q++)
        if (!used[q] && nd[q] == 2 && *y < 0) {
            *y = val[q] + (val[q] < 50 ? 2000 : 1900);
            used[q] = 1;
        }
    for (int q = 0; q < k; q++)
        if (!used[q])
            return 0;
    if (k == 2 && *d >= 0 && *y < 0 && sep == '.')
        return 0;
    return 1;
}

/* Numeric dates: 12/07/2025, 12-07-2025, 23.04.2022, 2025-07-12, 2020/sep/23,
 * sep-23-2020, 22-ene-2016, 29/2, 12-5, 12-2015, 12/05.  Components share one
 * separator and touch it. */
static size_t numeric_date(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    int val[3], isword[3], nd[3], k = 0;
    char sep = 0;
    size_t j = i;
    while (k < 3) {
        if (hx__tx_num(p, j)) {
            if (p->t[j].ndig > 4 || p->t[j].num < 0)
                return 0;
            val[k] = p->t[j].num;
            nd[k] = p->t[j].ndig;
            isword[k] = 0;
        } else if (hx__tx_c(p, j, L_MONTH) || hx__tx_c(p, j, L_MONABBR)) {
            val[k] = hx__tx_v(p, j);
            nd[k] = 0;
            isword[k] = 1;
        } else
            break;
        k++;
        j++;
        if (k == 3)
            break;
        char c = j < p->n && p->t[j].kind == TX_TP ? p->t[j].c : 0;
        if (!(c == '/' || c == '-' || c == '.') || !hx__tx_adj(p, j) || !hx__tx_adj(p, j + 1))
            break;
        if (sep && c != sep)
            break;
        sep = c;
        j++;
    }
    if (k < 2 || !sep)
        return 0;
    /* the loop may have consumed a separator that leads nowhere */
    if (p->t[j - 1].kind == TX_TP)
        j--;
    /* a glued further number ("2010-2015-86", "1.2.3.4") is not a date */
    if (j < p->n && (hx__tx_pc(p, j, sep) || hx__tx_pc(p, j, '/') || hx__tx_pc(p, j, ':')) &&
        hx__tx_adj(p, j) && hx__tx_num(p, j + 1) && hx__tx_adj(p, j + 1))
        return 0;
    if (i > 0 && hx__tx_adj(p, i) && p->t[i - 1].kind == TX_TN)
        return 0;
    if (i > 1 && hx__tx_adj(p, i) && (hx__tx_pc(p, i - 1, '/') || hx__tx_pc(p, i - 1, '.') ||
                                       hx__tx_pc(p, i - 1, ',')) &&
        hx__tx_num(p, i - 2))
        return 0;
    int y = -1, m = -1, d = -1, words = 0;
    for (int q = 0; q < k; q++)
        words += isword[q];
    if (words > 1)
        return 0;
    if (words == 1) {
        if (!word_month_fields(k, val, isword, nd, sep, &y, &m, &d))
            return 0;
    } else if (k == 3) {
        if (nd[0] == 4) {
            y = val[0];
            m = val[1];
            d = val[2];
        } else {
            d = val[0];
            m = val[1];
            y = val[2];
            if (nd[2] == 2)
                y += y < 50 ? 2000 : 1900;
            else if (nd[2] != 4)
                return 0;
        }
        if (nd[1] > 2)
            return 0;
    } else {
        if (sep == '.')
            return 0;
        if (nd[0] <= 2 && nd[1] == 4) {
            m = val[0]; /* 12-2015 */
            y = val[1];
        } else if (nd[0] <= 2 && nd[1] <= 2) {
            d = val[0];
            m = val[1];
            /* 1-3 is a score; a day-month with a dash writes the day with two digits */
            if (sep == '-' && nd[0] < 2)
                return 0;
            /* 5-6 p.m., 3-8 de la mañana: hours, not a date */
            int pm;
            if (sep == '-' && (hx__tx_ampm(p, j, &pm) || hx__tx_f(p, j, F_DE) || d > 31))
                return 0;
        } else
            return 0;
    }
    if (m < 1 || m > 12 || (d >= 0 && (d < 1 || d > 31)) || (y >= 0 && (y < 1000 || y > 2999)))
        return 0;
    if (d > 0 && d > hx__tx_mdays(y < 0 ? 2000 : y, m) && !(m == 2 && d == 29))
        return 0;
    hx__tx_pt_init(pt);
    pt->gran = d < 0 ? G_MONTH : G_DAY;
    pt->y = y;
    pt->m = m;
    pt->d = d;
    return j;
}

/* A day said as an ordinal word before "de MONTH": "el segundo de agosto", "tercero de
 * mayo", "el quinto de marzo" ("primero" is a day_number). */
static size_t ordinal_day(const hx__timex_scan *p, size_t i, int *d)
{
    int v, m;
    if (hx__tx_c(p, i, L_ORDW) && hx__tx_v(p, i) >= 2 && hx__tx_v(p, i) <= 31)
        v = hx__tx_v(p, i);
    else if (hx__tx_c(p, i, L_UNIT) && hx__tx_v(p, i) == U_SEC && p->t[i].b1 - p->t[i].b0 == 7)
        v = 2; /* segundo */
    else
        return 0;
    if (!(hx__tx_f(p, i + 1, F_DE) || hx__tx_f(p, i + 1, F_DEL)) || !month_name(p, i + 2, 0, &m))
        return 0;
    *d = v;
    return i + 1;
}

/* A word that names a kind of year after "año": calendario, fiscal, natural, lectivo,
 * escolar, contable, presupuestario ("el año fiscal de 2016", "este año lectivo").
 * The end after it, or i. */
static size_t year_kind(const hx__timex_scan *p, size_t i)
{
    static const char *const kinds[] = {"calendario", "fiscal",  "natural",
                                        "lectivo",    "escolar", "contable",
                                        "presupuestario"};
    if (i >= p->n || p->t[i].kind != TX_TW || p->t[i].lex)
        return i;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (word_is(p, i, kinds[k], strlen(kinds[k])))
            return i + 1;
    return i;
}

/* An optional year after a month: "de 2025", "del 2019", ", 2020", "2017". */
static size_t year_after(const hx__timex_scan *p, size_t i, int *y)
{
    size_t e;
    if ((hx__tx_f(p, i, F_DE) || hx__tx_f(p, i, F_DEL) || hx__tx_pc(p, i, ',') ||
         hx__tx_pc(p, i, '/') || hx__tx_pc(p, i, '-')) &&
        (e = hx__tx_year(p, i + 1, y)))
        return e;
    if (hx__tx_f(p, i, F_DEL) && hx__tx_c(p, i + 1, L_UNIT) && hx__tx_v(p, i + 1) == U_YEAR &&
        (e = hx__tx_year(p, i + 2, y)))
        return e;
    if ((e = hx__tx_year(p, i, y)))
        return e;
    return 0;
}

/* [weekday [,]] [el] [día] D [de|del] MONTH [year] ; MONTH D [, year] ; the day alone
 * after "el día". */
static size_t day_month(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t j = i, e;
    int wd = 0, d, m, y = -1;
    if (hx__tx_c(p, j, L_WDAY)) {
        wd = hx__tx_v(p, j);
        j++;
        if (hx__tx_pc(p, j, ','))
            j++;
    }
    if (wd && (e = numeric_date(p, j, pt)) && pt->gran == G_DAY &&
        (pt->y >= 0 || hx__tx_pc(p, j + 1, '/')))
        return e;
    int dia = 0;
    if (hx__tx_f(p, j, F_EL) && (wd || hx__tx_f(p, j + 1, F_DIA) ||
                                 (hx__tx_c(p, j + 1, L_UNIT) && hx__tx_v(p, j + 1) == U_DAY)))
        j++;
    if (hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_DAY && p->text[p->t[j].b1 - 1] != 's') {
        dia = 1;
        j++;
    }
    if ((e = day_number(p, j, &d)) || (e = ordinal_day(p, j, &d))) {
        size_t k = e;
        if (hx__tx_f(p, k, F_DE) || hx__tx_f(p, k, F_DEL))
            k++;
        size_t f = month_name(p, k, 1, &m);
        if (!f && (hx__tx_f(p, e, F_DEL) || hx__tx_f(p, e, F_DE)) && hx__tx_num(p, e + 1) &&
            p->t[e + 1].ndig <= 2 && p->t[e + 1].num >= 1 && p->t[e + 1].num <= 12 &&
            !hx__tx_c(p, e + 2, L_UNIT)) {
            m = p->t[e + 1].num; /* el 21 del 3 */
            f = e + 2;
        }
        if (f) {
            size_t g = year_after(p, f, &y);
            /* 1.º de julio, 17 */
            if (!g && hx__tx_pc(p, f, ',') && hx__tx_num(p, f + 1) && p->t[f + 1].ndig == 2 &&
                !(f + 2 < p->n && p->t[f + 2].kind == TX_TW) && !hx__tx_pc(p, f + 2, 'o') &&
                !(hx__tx_pc(p, f + 2, '.') && hx__tx_pc(p, f + 3, 'o'))) {
                y = 2000 + p->t[f + 1].num;
                g = f + 2;
            }
            hx__tx_pt_init(pt);
            pt->gran = G_DAY;
            pt->y = y;
            pt->m = m;
            pt->d = d;
            return g ? g : f;
        }
        int pmx;
        int glued = (hx__tx_pc(p, e, '-') || hx__tx_pc(p, e, '.') || hx__tx_pc(p, e, ':')) &&
                    hx__tx_adj(p, e) && hx__tx_num(p, e + 1) && hx__tx_adj(p, e + 1);
        if ((wd || dia) && !hx__tx_c(p, e, L_UNIT) && !hx__tx_ampm(p, e, &pmx) && !glued &&
            !hx__tx_f(p, e, F_H) && !(wd && hx__tx_pc(p, i + 1, ','))) {
            hx__tx_pt_init(pt);
            pt->gran = G_DAY;
            pt->d = d;
            pt->wd = (int8_t)wd;
            /* "el lunes el veintisiete": the one that comes */
            if (wd && hx__tx_f(p, i + 1, F_EL))
                pt->fut = 1;
            return e;
        }
        return 0;
    }
    if (wd || dia)
        return 0;
    /* noviembre 19 [, 2020]: the day in digits ("en marzo un aumento" is no date) */
    if ((e = month_name(p, i, 1, &m)) && hx__tx_num(p, e) && (j = day_number(p, e, &d)) &&
        !hx__tx_c(p, j, L_UNIT) && !hx__tx_pc(p, j, ':')) {
        size_t g = year_after(p, j, &y);
        hx__tx_pt_init(pt);
        pt->gran = G_DAY;
        pt->y = y;
        pt->m = m;
        pt->d = d;
        return g ? g : j;
    }
    return 0;
}

/* MONTH [de YEAR] ; [el] [año] [calendario] YEAR. */
static size_t month_year(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    int m, y = -1;
    size_t e, f;
    if ((e = month_name(p, i, 0, &m)) || (e = month_name(p, i, hx__tx_num(p, i + 1), &m))) {
        if (hx__tx_c(p, i, L_MONABBR) && hx__tx_v(p, i) == 3 && !hx__tx_pc(p, i + 1, '.') &&
            !hx__tx_num(p, i + 1))
            return 0;
        f = year_after(p, e, &y);
        if (!f && e == i + 1 && hx__tx_c(p, i, L_MONABBR))
            return 0;
        hx__tx_pt_init(pt);
        pt->gran = G_MONTH;
        pt->m = m;
        pt->y = y;
        int off;
        size_t g;
        if (!f && (g = rel_post(p, e, &off))) {
            pt->fut = (int8_t)off; /* junio próximo, marzo pasado */
            return g;
        }
        return f ? f : e;
    }
    size_t j = i;
    if (hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_YEAR && p->t[j].b1 - p->t[j].b0 <= 4) {
        j = year_kind(p, j + 1);
        if (hx__tx_f(p, j, F_DE) || hx__tx_f(p, j, F_DEL))
            j++; /* el año fiscal de 2016 */
    }
    if ((e = hx__tx_year(p, j, &y))) {
        /* a bare number in words is no year ("dos mil personas") */
        if (j == i && !hx__tx_num(p, i))
            return 0;
        hx__tx_pt_init(pt);
        pt->gran = G_YEAR;
        pt->y = y;
        return e;
    }
    return 0;
}

/* hoy, ayer, anteayer, mañana, pasado mañana, ahora, anoche. */
static size_t rel_day(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    /* [el] día de hoy, la jornada de ayer: the day itself */
    size_t k = i + (hx__tx_f(p, i, F_EL) || hx__tx_f(p, i, F_LA));
    if (k > i && hx__tx_c(p, k, L_UNIT) && hx__tx_v(p, k) == U_DAY &&
        p->text[p->t[k].b1 - 1] != 's' && hx__tx_f(p, k + 1, F_DE) &&
        (hx__tx_c(p, k + 2, L_RELDAY) || hx__tx_f(p, k + 2, F_MANANA))) {
        hx__tx_pt_init(pt);
        pt->gran = G_DAY;
        pt->rel = R_DAY;
        pt->off = hx__tx_c(p, k + 2, L_RELDAY) ? (int8_t)hx__tx_v(p, k + 2) : 1;
        return k + 3;
    }
    hx__tx_pt_init(pt);
    pt->gran = G_DAY;
    pt->rel = R_DAY;
    if (hx__tx_c(p, i, L_RELDAY)) {
        pt->off = (int8_t)hx__tx_v(p, i);
        return i + 1;
    }
    if (hx__tx_f(p, i, F_PASADO) && hx__tx_f(p, i + 1, F_MANANA)) {
        pt->off = 2;
        return i + 2;
    }
    /* antes de ayer: anteayer */
    if (hx__tx_f(p, i, F_ANTES) && hx__tx_f(p, i + 1, F_DE) && hx__tx_c(p, i + 2, L_RELDAY) &&
        hx__tx_v(p, i + 2) == 255) {
        pt->off = -2;
        return i + 3;
    }
    if (hx__tx_f(p, i, F_MANANA)) {
        /* "de la mañana", "por la mañana", "esta mañana": a part of the day */
        if (i > 0 && (hx__tx_f(p, i - 1, F_LA) || hx__tx_f(p, i - 1, F_ESTE)))
            return 0;
        pt->off = 1;
        return i + 1;
    }
    if (hx__tx_f(p, i, F_ANOCHE)) {
        pt->off = -1;
        pt->pod = 'N';
        return i + 1;
    }
    if (hx__tx_f(p, i, F_AHORA)) {
        pt->rel = R_NOW;
        pt->gran = G_NONE;
        size_t e = i + 1;
        if (hx__tx_f(p, e, F_MISMO))
            e++;
        return e;
    }
    return 0;
}

/* [el] [próximo|pasado|este] WEEKDAY [pasado|que viene|siguiente|anterior]. */
static size_t rel_wday(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t j = i, e;
    int off = 2, o;
    if ((e = rel_pre(p, j, &o))) {
        off = o;
        j = e;
    }
    if (!hx__tx_c(p, j, L_WDAY))
        return 0;
    hx__tx_pt_init(pt);
    pt->gran = G_DAY;
    pt->rel = R_WDAY;
    pt->wd = (int8_t)hx__tx_v(p, j);
    j++;
    if (off == 2 && (e = rel_post(p, j, &o))) {
        off = o;
        j = e;
    }
    pt->off = off;
    /* "el miércoles de la próxima semana", "la próxima semana el martes" are in scan */
    return j;
}

/* Which unit a word names for relative periods. */
static int period_unit(const hx__timex_scan *p, size_t i)
{
    if (!hx__tx_c(p, i, L_UNIT))
        return U_NONE;
    int u = hx__tx_v(p, i);
    size_t len = p->t[i].b1 - p->t[i].b0;
    /* only singular forms name a period: "semana", not "semanas" */
    const char *w = p->text + p->t[i].b1 - 1;
    if (u == U_MONTH ? len > 3 : (*w == 's' && u != U_WEEKEND))
        return U_NONE;
    return u;
}

static int unit_gran(int u)
{
    switch (u) {
    case U_CENT: return G_CENT;
    case U_DEC: return G_DEC;
    case U_YEAR: return G_YEAR;
    case U_HALF: return G_HALF;
    case U_QUARTER: return G_QUARTER;
    case U_MONTH: return G_MONTH;
    case U_WEEK: return G_WEEK;
    case U_WEEKEND: return G_WEEKEND;
    case U_DAY: return G_DAY;
    default: return G_NONE;
    }
}

/* "fin de semana" as one unit: returns the end after "semana". */
static size_t weekend(const hx__timex_scan *p, size_t i)
{
    if (hx__tx_f(p, i, F_FIN) && hx__tx_f(p, i + 1, F_DE) && period_unit(p, i + 2) == U_WEEK)
        return i + 3;
    return 0;
}

static size_t decade(const hx__timex_scan *p, size_t i, tx_point *pt);

/* [el|la] [este|próximo|pasado|último] UNIT [pasado|que viene|...] ; also seasons:
 * "este verano", "el verano pasado", "el verano de 2024", "verano". */
static size_t rel_unit(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t j = i, e;
    int off = 9, o;
    if (is_article(p, j))
        j++;
    if ((e = rel_pre(p, j, &o))) {
        off = o;
        j = e;
        if (hx__tx_f(p, j, F_MISMO) && hx__tx_f(p, e - 1, F_ESTE))
            j++; /* este mismo año */
    }
    int u = period_unit(p, j), season = 0;
    if ((e = weekend(p, j)))
        u = U_WEEKEND;
    else if (hx__tx_c(p, j, L_SEASON)) {
        season = hx__tx_v(p, j);
        e = j + 1;
    } else if (u != U_NONE && u != U_DAY && u < U_HOUR)
        e = j + 1;
    else
        return 0;
    /* "este calendario año", "año calendario" */
    if (u == U_YEAR)
        e = year_kind(p, e);
    if (off == 9 && (j = rel_post(p, e, &o))) {
        off = o;
        e = j;
    }
    hx__tx_pt_init(pt);
    if (season) {
        pt->gran = G_SEASON;
        pt->n = season;
        int y;
        if (off == 9 && (j = year_after(p, e, &y))) {
            pt->y = y;
            return j;
        }
        if (off != 9) {
            pt->rel = R_UNIT;
            pt->off = off;
        }
        return e;
    }
    if (off == 9)
        return 0;
    pt->gran = (int8_t)unit_gran(u);
    int y;
    if (u == U_YEAR && hx__tx_num(p, e) && p->t[e].ndig == 4 && (j = hx__tx_year(p, e, &y))) {
        pt->y = y; /* este mismo año 2000: the year said */
        return j;
    }
    tx_point cent;
    if (u == U_CENT && off == 0 && (j = decade(p, e - 1, &cent)) && cent.gran == G_CENT) {
        *pt = cent; /* este siglo XX: the century said */
        return j;
    }
    pt->rel = R_UNIT;
    pt->off = off;
    return e;
}

/* ORD (trimestre|semestre|semana) [de|del] (YEAR | este año | año pasado | MONTH...):
 * "el primer trimestre", "segundo semestre de 2019", "la primera semana de 2015",
 * "la última semana de 2016", "la 3ª semana de 2018", "semana 27 del año pasado". */
static size_t ordinal_period(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t j = i, e;
    int nth = 0, yq;
    /* 2017-T1 */
    if ((e = hx__tx_year(p, i, &yq)) && hx__tx_pc(p, e, '-') && hx__tx_adj(p, e) &&
        e + 2 < p->n + 1 && p->t[e + 1].kind == TX_TW && p->t[e + 1].b1 - p->t[e + 1].b0 == 1 &&
        (p->text[p->t[e + 1].b0] | 0x20) == 't' && hx__tx_num(p, e + 2) && hx__tx_adj(p, e + 2) &&
        p->t[e + 2].num >= 1 && p->t[e + 2].num <= 4) {
        hx__tx_pt_init(pt);
        pt->gran = G_QUARTER;
        pt->y = yq;
        pt->nth = (int8_t)p->t[e + 2].num;
        pt->n = pt->nth;
        return e + 3;
    }
    if (is_article(p, j))
        j++;
    if (hx__tx_c(p, j, L_ORDW)) {
        nth = hx__tx_v(p, j);
        j++;
    } else if (hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_SEC &&
               p->t[j].b1 - p->t[j].b0 == 7) {
        nth = 2; /* segundo */
        j++;
    } else if (hx__tx_num(p, j) && p->t[j].num >= 1 && p->t[j].num <= 53 &&
               hx__tx_pc(p, j + 1, 'o') && hx__tx_adj(p, j + 1)) {
        nth = p->t[j].num;
        j += 2;
    } else if (j > i)
        return 0;
    int u = period_unit(p, j);
    if (!(u == U_QUARTER || u == U_HALF || u == U_WEEK || u == U_MONTH))
        return 0;
    j++;
    if (!nth) {
        /* semana 27 */
        if (u != U_WEEK || !hx__tx_num(p, j) || p->t[j].num < 1 || p->t[j].num > 53)
            return 0;
        nth = p->t[j].num;
        j++;
    }
    if ((u == U_QUARTER && nth > 4 && nth != 99) || (u == U_HALF && nth > 2 && nth != 99) ||
        (u == U_MONTH && nth != 99 && nth != 1))
        return 0;
    tx_point in;
    hx__tx_pt_init(&in);
    int y;
    if ((u == U_QUARTER || u == U_HALF) &&
        (((hx__tx_pc(p, j, '-') || hx__tx_pc(p, j, ',')) && (e = hx__tx_year(p, j + 1, &y))) ||
         (e = hx__tx_year(p, j, &y)))) {
        in.gran = G_YEAR;
        in.y = y;
    } else if ((hx__tx_f(p, j, F_DE) || hx__tx_f(p, j, F_DEL)) && (e = hx__tx_year(p, j + 1, &y))) {
        in.gran = G_YEAR;
        in.y = y;
    } else if ((hx__tx_f(p, j, F_DE) || hx__tx_f(p, j, F_DEL)) &&
               ((e = rel_unit(p, j + 1, &in)) || (e = month_year(p, j + 1, &in))) &&
               (in.gran == G_YEAR || in.gran == G_MONTH)) {
        ;
    } else if (hx__tx_f(p, j, F_DEL) && period_unit(p, j + 1) == U_YEAR) {
        in.gran = G_YEAR;
        in.rel = R_UNIT;
        in.off = 0;
        e = j + 2;
        if (rel_post(p, e, &in.off))
            e = rel_post(p, e, &in.off);
    } else {
        if (u == U_WEEK && nth <= 5 && j == i + 1)
            return 0;
        if (u == U_WEEK || u == U_MONTH)
            return 0;
        in.gran = G_YEAR;
        in.rel = R_UNIT;
        in.off = 0;
        e = j;
    }
    if (u == U_MONTH && in.gran != G_YEAR)
        return 0;
    if (u == U_WEEK && in.gran == G_MONTH && nth == 99)
        nth = 5;
    *pt = in;
    pt->nth = (int8_t)nth;
    pt->gran = (int8_t)(u == U_QUARTER ? G_QUARTER : u == U_HALF ? G_HALF
                        : u == U_MONTH ? G_MONTH : G_WEEK);
    pt->n = nth;
    if (in.gran == G_MONTH)
        pt->n = -2; /* week inside a month: nth says which */
    return e;
}

/* Roman numerals for centuries (I..XXI). */
static int roman(const char *s, size_t n)
{
    int v = 0, prev = 0;
    for (size_t k = n; k-- > 0;) {
        int c;
        switch (s[k]) {
        case 'I': c = 1; break;
        case 'V': c = 5; break;
        case 'X': c = 10; break;
        default: return 0;
        }
        v += c < prev ? -c : c;
        if (c > prev)
            prev = c;
    }
    return v;
}

/* siglo XV / siglo 21 ; los años noventa / los años 90 / la década de 1990 /
 * los noventa ; el último decenio (relative: R_UNIT). */
static size_t decade(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t j = i;
    double v;
    size_t e;
    if (is_article(p, j))
        j++;
    if (hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_CENT && p->t[j].b1 - p->t[j].b0 == 5) {
        int c = 0;
        if (j + 1 < p->n && p->t[j + 1].kind == TX_TW)
            c = roman(p->text + p->t[j + 1].b0, p->t[j + 1].b1 - p->t[j + 1].b0);
        else if (hx__tx_num(p, j + 1))
            c = p->t[j + 1].num;
        if (c < 1 || c > 30)
            return 0;
        hx__tx_pt_init(pt);
        pt->gran = G_CENT;
        pt->n = c;
        return j + 2;
    }
    /* los años noventa / 90 */
    j = i;
    if (hx__tx_f(p, j, F_LOS) && hx__tx_c(p, j + 1, L_UNIT) && hx__tx_v(p, j + 1) == U_YEAR &&
        p->text[p->t[j + 1].b1 - 1] == 's' && (e = hx__tx_number(p, j + 2, &v)) &&
        ((v >= 10 && v <= 90) || (v >= 1000 && v <= 2990)) && (int)v % 10 == 0) {
        if (hx__tx_num(p, j + 2) && v < 100 && p->t[j + 2].ndig != 2)
            return 0;
        hx__tx_pt_init(pt);
        pt->gran = G_DEC;
        pt->n = (int)v;
        return e;
    }
    /* los 80 / los noventa / los 1990: the decade itself, not a count ("los 80
     * diputados", "los 90 minutos", "los noventa por ciento") */
    if (hx__tx_f(p, j, F_LOS) && (e = hx__tx_number(p, j + 1, &v)) && e == j + 2 &&
        (int)v % 10 == 0 && ((v >= 20 && v <= 90) || (v >= 1000 && v <= 2990)) &&
        (!hx__tx_num(p, j + 1) || p->t[j + 1].ndig == 2 || p->t[j + 1].ndig == 4) &&
        !(e < p->n && p->t[e].kind == TX_TW && (!p->t[e].lex || hx__tx_c(p, e, L_UNIT) ||
                                                 hx__tx_f(p, e, F_POR) ||
                                                 hx__tx_c(p, e, L_NUMW))) &&
        !hx__tx_pc(p, e, '%') && !hx__tx_num(p, e) &&
        !(hx__tx_pc(p, e, '.') && e + 1 < p->n && !p->t[e + 1].space)) {
        hx__tx_pt_init(pt);
        pt->gran = G_DEC;
        pt->n = (int)v;
        return e;
    }
    /* la década de 1990 / la década de los 90 */
    if (is_article(p, j))
        j++;
    if (hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_DEC && hx__tx_f(p, j + 1, F_DE)) {
        size_t k = j + 2;
        if (hx__tx_f(p, k, F_LOS))
            k++;
        if ((e = hx__tx_number(p, k, &v)) && (int)v % 10 == 0 &&
            ((v >= 10 && v <= 90) || (v >= 1000 && v <= 2990))) {
            hx__tx_pt_init(pt);
            pt->gran = G_DEC;
            pt->n = (int)v;
            return e;
        }
    }
    return 0;
}

/* A week relative to ref ("la próxima semana", "semana pasada"): its offset. */
size_t hx__tx_rel_week(const hx__timex_scan *p, size_t i, int *off)
{
    tx_point w;
    size_t e = rel_unit(p, i, &w);
    if (!e || w.gran != G_WEEK || w.rel != R_UNIT)
        return 0;
    *off = w.off;
    return e;
}

/* A weekday of a relative week: "miércoles de la próxima semana", "martes de semana
 * pasada", "la próxima semana el martes", "la semana anterior - lunes". */
static size_t wday_week(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t e, j = i;
    int off, wd;
    if (hx__tx_c(p, i, L_WDAY)) {
        wd = hx__tx_v(p, i);
        j = i + 1;
        if (hx__tx_f(p, j, F_DE))
            j++;
        if (!(e = hx__tx_rel_week(p, j, &off)))
            return 0;
    } else {
        if (!(j = hx__tx_rel_week(p, i, &off)))
            return 0;
        if (hx__tx_f(p, j, F_EL) || hx__tx_pc(p, j, '-') || hx__tx_pc(p, j, ','))
            j++;
        if (hx__tx_c(p, j, L_WDAY) || hx__tx_c(p, j, L_WDABBR))
            wd = hx__tx_v(p, j);
        else
            return 0;
        e = j + 1;
    }
    hx__tx_pt_init(pt);
    pt->gran = G_DAY;
    pt->rel = R_WWEEK;
    pt->wd = (int8_t)wd;
    pt->off = off;
    return e;
}

/* "el próximo 6 de abril", "el próximo 12/05": the coming one; "el día anterior". */
static size_t prox_date(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t e;
    if ((hx__tx_f(p, i, F_PROX) || hx__tx_f(p, i, F_SIGUIENTE)) &&
        ((e = day_month(p, i + 1, pt)) || (e = numeric_date(p, i + 1, pt))) &&
        pt->gran == G_DAY && pt->y < 0 && (pt->m > 0 || !pt->wd)) {
        pt->fut = 1;
        return e;
    }
    size_t j = i;
    if (hx__tx_f(p, j, F_EL))
        j++;
    if (j > i && hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_DAY &&
        p->text[p->t[j].b1 - 1] != 's' &&
        (hx__tx_f(p, j + 1, F_ANTERIOR) || hx__tx_f(p, j + 1, F_SIGUIENTE))) {
        hx__tx_pt_init(pt);
        pt->gran = G_DAY;
        pt->rel = R_DAY;
        pt->off = hx__tx_f(p, j + 1, F_ANTERIOR) ? -1 : 1;
        return j + 2;
    }
    return 0;
}

/* Whether token i is the folded word w[0..n) (lower case, no accents, ñ -> n). */
static int word_is(const hx__timex_scan *p, size_t i, const char *w, size_t n)
{
    if (i >= p->n || p->t[i].kind != TX_TW)
        return 0;
    const unsigned char *s = (const unsigned char *)p->text + p->t[i].b0;
    const unsigned char *end = (const unsigned char *)p->text + p->t[i].b1;
    size_t k = 0;
    while (s < end) {
        char c;
        if (*s < 0x80) {
            c = (char)(*s | 0x20);
            s++;
        } else if (*s == 0xc3 && s + 1 < end) {
            switch (s[1] | 0x20) {
            case 0xa1: c = 'a'; break;
            case 0xa9: c = 'e'; break;
            case 0xad: c = 'i'; break;
            case 0xb3: c = 'o'; break;
            case 0xba: case 0xbc: c = 'u'; break;
            case 0xb1: c = 'n'; break;
            default: return 0;
            }
            s += 2;
        } else
            return 0;
        if (k >= n || w[k++] != c)
            return 0;
    }
    return k == n;
}

/* The words of phrase (folded, separated by single spaces) at token i: the end or 0. */
static size_t phrase_at(const hx__timex_scan *p, size_t i, const char *phrase)
{
    while (*phrase) {
        const char *sp = strchr(phrase, ' ');
        size_t n = sp ? (size_t)(sp - phrase) : strlen(phrase);
        if (!word_is(p, i, phrase, n))
            return 0;
        i++;
        phrase += n + (sp != NULL);
    }
    return i;
}

/* [la] semana (del|de) DAY: the week that holds the day ("la semana del 10 de abril",
 * "semana del 3 de mayo de 2015", "la semana del lunes 4"); n -3 marks it. */
static size_t week_of_day(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t j = i + (hx__tx_f(p, i, F_LA) != 0), e;
    if (period_unit(p, j) != U_WEEK || !(hx__tx_f(p, j + 1, F_DEL) || hx__tx_f(p, j + 1, F_DE)))
        return 0;
    if (!(e = day_month(p, j + 2, pt)) || pt->gran != G_DAY || pt->rel != R_ABS)
        return 0;
    pt->gran = G_WEEK;
    pt->n = -3;
    return e;
}

/* A month with a determiner or a shifter, with or without "mes de":
 *   [el] este [mes de] MONTH                    the month of the reference's year
 *   (ese|aquel) [mes de] MONTH                  as a month alone (past or future)
 *   [el] (pasado|próximo|último) [mes de] MONTH  the last / next one (fut -1 / +1)
 *   [el] mes de MONTH [pasado|próximo]           as said, or the last / next one
 * A year after it fixes the year: "el pasado mes de mayo de 2015".  A plain month is
 * month_year's. */
static size_t month_ref(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t j = i, e;
    int off = 9, m, y = -1;
    if (hx__tx_f(p, j, F_EL))
        j++;
    int dem = hx__tx_f(p, j, F_ESE); /* ese/aquel mes: as a month alone, the tense decides */
    if (dem)
        j++;
    else if ((e = rel_pre(p, j, &off)))
        j = e; /* este is off 0 */
    int mes = hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_MONTH &&
              p->t[j].b1 - p->t[j].b0 == 3 && hx__tx_f(p, j + 1, F_DE);
    if (mes)
        j += 2;
    if ((off == 9 && !mes && !dem) || !(e = month_name(p, j, 0, &m)))
        return 0;
    size_t f = year_after(p, e, &y);
    if (!f && off == 9 && (f = rel_post(p, e, &off)) == 0)
        off = 9;
    hx__tx_pt_init(pt);
    pt->gran = G_MONTH;
    pt->m = m;
    pt->y = y;
    if (y < 0 && off != 9)
        pt->fut = (int8_t)(off == 0 ? 2 : off);
    return f ? f : e;
}

/* Holidays on fixed dates: "Navidad", "el día de la Hispanidad", "Nochevieja de 2024",
 * "el Día Internacional de los Trabajadores".  Movable feasts (Semana Santa) are left
 * out.  dia: the phrase only counts after "día" ("día de Reyes", not "los Reyes"). */
static size_t holiday(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    static const struct { const char *words; int8_t m, d, dia; } days[] = {
        {"navidad", 12, 25, 0}, {"navidades", 12, 25, 0}, {"nochebuena", 12, 24, 0},
        {"nochevieja", 12, 31, 0}, {"halloween", 10, 31, 0}, {"san valentin", 2, 14, 0},
        {"san patricio", 3, 17, 0}, {"ano nuevo", 1, 1, 1}, {"reyes", 1, 6, 1},
        {"la hispanidad", 10, 12, 1}, {"la constitucion", 12, 6, 1},
        {"todos los santos", 11, 1, 1}, {"muertos", 11, 2, 1}, {"los muertos", 11, 2, 1},
        {"trabajo", 5, 1, 1}, {"trabajador", 5, 1, 1}, {"los trabajadores", 5, 1, 1},
        {"la mujer", 3, 8, 1}, {"los enamorados", 2, 14, 1}, {"los inocentes", 12, 28, 1}};
    size_t j = i, e = 0;
    int dia = 0;
    if (!hx__tx_f(p, i, F_HOLI) && !(hx__tx_c(p, i, L_UNIT) && hx__tx_v(p, i) == U_DAY))
        return 0; /* the common case: cheap */
    if (hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_DAY && p->text[p->t[j].b1 - 1] != 's') {
        dia = 1;
        j++;
        if (word_is(p, j, "internacional", 13) || word_is(p, j, "mundial", 7))
            j++;
        if (hx__tx_f(p, j, F_DEL)) {
            j++;
        } else if (hx__tx_f(p, j, F_DE)) {
            j++;
        } else
            return 0;
    }
    size_t k;
    int m = 0, d = 0;
    for (k = 0; k < sizeof days / sizeof days[0]; k++)
        if ((dia || !days[k].dia) && (e = phrase_at(p, j, days[k].words))) {
            m = days[k].m;
            d = days[k].d;
            break;
        }
    if (!e)
        return 0;
    hx__tx_pt_init(pt);
    pt->gran = G_DAY;
    pt->m = m;
    pt->d = d;
    int y;
    size_t f = year_after(p, e, &y);
    if (f) {
        pt->y = y;
        e = f;
    }
    return e;
}

/* "este viernes 12/05", "el próximo domingo 20 de mayo": the date decides. */
static size_t rel_wday_date(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    int off;
    size_t j = rel_pre(p, i, &off), e;
    if (!j || off < 0 || !hx__tx_c(p, j, L_WDAY) || !(e = day_month(p, j, pt)) ||
        pt->m <= 0 || pt->gran != G_DAY)
        return 0;
    if (off > 0 && pt->y < 0)
        pt->fut = 1;
    return e;
}

/* The function words a date may start with (the rules above test no others at i). */
static int date_func(int f)
{
    switch (f) {
    case F_EL: case F_LA: case F_LOS: case F_LAS: case F_ESTE: case F_ESE: case F_MISMO:
    case F_PROX: case F_SIGUIENTE: case F_PASADO: case F_ANTERIOR: case F_MANANA:
    case F_ANOCHE: case F_AHORA: case F_FIN: case F_HOLI: case F_ANTES:
        return 1;
    default:
        return 0;
    }
}

size_t hx__tx_date(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    /* the scan's memo may answer: the result depends on the tokens and i only */
    int hit;
    tx_memo *m = hx__tx_memo_slot(p->memo ? p->memo->date : NULL, i, &hit);
    if (hit) {
        if (m->end)
            *pt = m->pt;
        return m->end;
    }
    /* every rule starts on digits or a word of the lexicon, and few function words
     * start one */
    if (i >= p->n || p->t[i].kind == TX_TP || (p->t[i].kind == TX_TW && !p->t[i].lex) ||
        (p->t[i].cls == L_FUNC && !date_func(p->t[i].val)))
        return hx__tx_memo_put(m, i, 0, pt);
    size_t best = 0, e;
    tx_point tmp;
#define TRY(rule)                                                                      \
    if ((e = rule(p, i, &tmp)) > best) {                                               \
        best = e;                                                                      \
        *pt = tmp;                                                                     \
    }
    TRY(numeric_date)
    TRY(day_month)
    TRY(month_year)
    TRY(rel_day)
    TRY(rel_wday)
    TRY(rel_unit)
    TRY(ordinal_period)
    TRY(decade)
    TRY(wday_week)
    TRY(prox_date)
    TRY(holiday)
    TRY(rel_wday_date)
    TRY(month_ref)
    TRY(week_of_day)
#undef TRY
    return hx__tx_memo_put(m, i, best, pt);
}
