/*
 * timex_point.c -- the middle of the time grammar: times of day with their
 * introducers ("a las", "por la tarde", "esta noche"), points that join a date and a
 * time ("mañana a las 12", "a las siete del 15"), durations ("tres días", "una hora y
 * media", "por décadas") and shifts from the reference ("hace tres días", "dentro de
 * dos meses", "los últimos 3 meses", "2 días después de hoy").
 *
 * Same conventions as timex_parse.c: a rule returns the index past its match or 0.
 */
#include "timex/timex.h"

#include <assert.h>
#include <stdint.h>

#include <string.h>

#define F(i, w) hx__tx_f(p, (i), (w))
#define C(i, c) hx__tx_c(p, (i), (c))
#define V(i) hx__tx_v(p, (i))

/* Whether token i is the ASCII word w (any case). */
static int ascii_is(const hx__timex_scan *p, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i >= p->n || p->t[i].kind != TX_TW || p->t[i].b1 - p->t[i].b0 != n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((p->text[p->t[i].b0 + k] | 0x20) != w[k])
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- times of day */

static int is_unit(const hx__timex_scan *p, size_t i, int u)
{
    return C(i, L_UNIT) && V(i) == u;
}

/* por la tarde / la noche / esta mañana / en la madrugada: a part of the day. */
static size_t pod_phrase(const hx__timex_scan *p, size_t i, tx_point *pt, size_t *core)
{
    size_t j = i;
    int today = 0;
    if (F(j, F_POR) || F(j, F_EN) || F(j, F_A) || F(j, F_DURANTE))
        j++;
    *core = j;
    if (F(j, F_ESTE))
        today = 1;
    else if (!F(j, F_LA))
        return 0;
    j++;
    char pod;
    if (F(j, F_MANANA))
        pod = 'M';
    else if (C(j, L_POD))
        pod = (char)V(j) == 'M' ? 'M' : (char)V(j);
    else if (F(j, F_MEDIODIA) && today) {
        pod = 'A'; /* este pasado mediodía */
    } else if (F(j, F_PASADO) && F(j + 1, F_MEDIODIA) && today) {
        pod = 'A';
        j++;
    } else
        return 0;
    if (C(j, L_POD) && p->text[p->t[j].b1 - 1] == 's')
        return 0; /* "las tardes" */
    hx__tx_pt_init(pt);
    pt->pod = pod;
    if (today) {
        pt->gran = G_DAY;
        pt->rel = R_DAY;
        pt->off = 0;
    }
    return j + 1;
}

size_t hx__tx_time(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t e, core;
    if ((e = hx__tx_clock(p, i, 1, pt)))
        return e;
    size_t j = i;
    if (F(j, F_A))
        j++;
    if ((F(j, F_LAS) || F(j, F_LA)) && (e = hx__tx_clock(p, j + 1, 0, pt))) {
        if (F(j, F_LA) && pt->h != 1 && pt->h != 13)
            return 0;
        /* a bare hour needs a preposition before ("a las cuatro"), and a noun after it
         * makes it a count ("de las cuatro empresas", "con las dos orejas") */
        if (!pt->cue) {
            int prep = j > i || (j > 0 && (F(j - 1, F_A) || F(j - 1, F_HASTA) ||
                                           F(j - 1, F_DESDE) || F(j - 1, F_PARA) ||
                                           F(j - 1, F_ENTRE) || F(j - 1, F_Y) ||
                                           F(j - 1, F_DE) || F(j - 1, F_DEL) ||
                                           C(j - 1, L_RELDAY) || F(j - 1, F_MANANA) ||
                                           C(j - 1, L_WDAY)));
            if (!prep || (e < p->n && p->t[e].kind == TX_TW && !p->t[e].lex) ||
                F(e, F_QUE)) /* "de las dieciocho que conforman": a count */
                return 0;
        }
        return e;
    }
    if ((e = pod_phrase(p, i, pt, &core))) {
        /* "por la mañana a las 7", "esta noche, a las 9": the part of the day sets the
         * dial of the clock after it */
        tx_point t;
        size_t f = e + hx__tx_pc(p, e, ','), g;
        if ((F(f, F_A) || F(f, F_LAS)) && (g = hx__tx_time(p, f, &t)) && t.h >= 0 && !t.pod &&
            t.gran == G_NONE) {
            hx__tx_merge_time(pt, &t);
            return g;
        }
        return e;
    }
    return 0;
}

/* Where the core of a time starts: after "a", "las", "la" (RT leaves them out). */
size_t hx__tx_time_core(const hx__timex_scan *p, size_t i, size_t e)
{
    size_t j = i;
    if (F(j, F_A) && j + 1 < e)
        j++;
    if ((F(j, F_LAS) || F(j, F_LA)) && j + 1 < e)
        j++;
    if ((F(i, F_POR) || F(i, F_EN)) && F(i + 1, F_LA))
        j = i + 1;
    return j;
}

/* Puts time-of-day fields of t into d. */
void hx__tx_merge_time(tx_point *d, const tx_point *t)
{
    d->h = t->h;
    d->mi = t->mi;
    d->s = t->s;
    d->tprec = t->tprec;
    d->amb = t->amb;
    d->tz = t->tz;
    if (t->pod && !d->pod)
        d->pod = t->pod;
    else if (t->pod && t->h < 0)
        d->pod = t->pod;
    /* a pod given with the date (esta noche, anoche) fixes the dial of the time */
    if (d->pod && d->h >= 0 && d->amb) {
        if ((d->pod == 'E' || d->pod == 'A' || d->pod == 'N') && d->h < 12)
            d->h += 12;
        d->amb = 0;
    }
    if (d->h >= 0)
        d->pod = t->pod && t->h < 0 ? t->pod : 0;
}

/* A date followed by a time, a time followed by a date, or either alone. */
static size_t point_at(const hx__timex_scan *p, size_t i, tx_point *pt);

/* hx__tx_point depends on the tokens and i only, so the scan's memo may answer it. */
size_t hx__tx_point(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    int hit;
    tx_memo *m = hx__tx_memo_slot(p->memo ? p->memo->point : NULL, i, &hit);
    if (hit) {
        if (m->end)
            *pt = m->pt;
        return m->end;
    }
    return hx__tx_memo_put(m, i, point_at(p, i, pt), pt);
}

static size_t point_at(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    tx_point d, t, d2;
    size_t best = 0, e, f, g;
    /* dates and times start on digits or a word of the lexicon */
    if (i >= p->n || p->t[i].kind == TX_TP || (p->t[i].kind == TX_TW && !p->t[i].lex))
        return 0;
    if ((e = hx__tx_date(p, i, &d))) {
        best = e;
        *pt = d;
        size_t j = e;
        if (hx__tx_pc(p, j, ','))
            j++;
        if (hx__tx_pc(p, j, '(') && C(j + 1, L_WDAY) && hx__tx_pc(p, j + 2, ')'))
            j += 3; /* 22 de mayo (martes) */
        if (hx__tx_pc(p, j, '-'))
            j++;
        if ((F(j, F_ALREDEDOR) || F(j, F_CERCA)) && F(j + 1, F_DE))
            j += 2;
        if (d.gran != G_DAY)
            ;
        else if ((f = hx__tx_time(p, j, &t)) && !(d.pod && t.h < 0)) {
            hx__tx_merge_time(&d, &t);
            /* "mañana por la noche", "ayer por la tarde" + clock: keep going */
            if (t.h < 0 && (g = hx__tx_time(p, f, &t)) && t.h >= 0) {
                char pod = d.pod;
                hx__tx_merge_time(&d, &t);
                if (d.amb && pod) {
                    d.pod = pod;
                    hx__tx_merge_time(&d, &t);
                }
                f = g;
            }
            *pt = d;
            best = f;
            /* "el miércoles por la tarde de la semana que viene" */
            int off;
            size_t w = best + (F(best, F_DE) != 0);
            if (d.rel == R_WDAY && d.off == 2 && (g = hx__tx_rel_week(p, w, &off))) {
                pt->rel = R_WWEEK;
                pt->off = off;
                best = g;
            }
        } else if (d.pod == 'N' && d.rel == R_DAY && (f = hx__tx_time(p, j, &t)) && t.h >= 0) {
            hx__tx_merge_time(&d, &t);
            *pt = d;
            best = f;
        }
    }
    if ((e = hx__tx_time(p, i, &t)) && e > best) {
        best = e;
        *pt = t;
        size_t j = e;
        if (hx__tx_pc(p, j, ','))
            j++;
        int con = F(j, F_DEL) || F(j, F_DE) || F(j, F_EL);
        if (con)
            j++;
        if ((f = hx__tx_date(p, j, &d2)) && d2.gran == G_DAY && (d2.rel || d2.d > 0)) {
            hx__tx_merge_time(&d2, &t);
            /* "7 del próximo domingo a la tarde" */
            tx_point t2;
            if ((g = hx__tx_time(p, f, &t2)) && t2.h < 0 && t2.pod) {
                d2.pod = t2.pod;
                if (d2.amb) {
                    if (t2.pod != 'M' && d2.h < 12)
                        d2.h += 12;
                    d2.amb = 0;
                }
                d2.pod = 0;
                f = g;
            }
            *pt = d2;
            best = f;
        } else if (con && hx__tx_num(p, j) && p->t[j].num >= 1 && p->t[j].num <= 31 &&
                   p->t[j].ndig <= 2 && !C(j + 1, L_UNIT) && t.h >= 0) {
            hx__tx_pt_init(&d2); /* a las siete del 15 */
            d2.gran = G_DAY;
            d2.d = p->t[j].num;
            hx__tx_merge_time(&d2, &t);
            *pt = d2;
            best = j + 1;
        } else if (t.h >= 0 && (f = hx__tx_time(p, e, &d2)) && d2.gran == G_DAY && d2.pod &&
                   d2.h < 0) {
            char pod = d2.pod; /* diez esta noche */
            d2.pod = 0;
            hx__tx_merge_time(&d2, &t);
            if (d2.amb && pod != 'M' && d2.h < 12)
                d2.h += 12;
            d2.amb = 0;
            *pt = d2;
            best = f;
        } else if (t.h < 0 && t.pod && (F(e, F_DEL) || F(e, F_DE)) &&
                   (f = hx__tx_date(p, e + 1, &d2)) && d2.gran == G_DAY) {
            d2.pod = t.pod; /* la noche del 21 de septiembre */
            *pt = d2;
            best = f;
        }
    }
    return best;
}

/* ---------------------------------------------------------------- durations */

/* The unit a word names in a duration ("días", "hora", "noches"), U_NONE if none. */
int hx__tx_dur_unit(const hx__timex_scan *p, size_t i)
{
    if ((F(i, F_FIN) || F(i, F_FINAL)) && F(i + 1, F_DE) && C(i + 2, L_UNIT) &&
        V(i + 2) == U_WEEK)
        return U_WEEKEND; /* fin(es) de semana */
    if (C(i, L_POD) && V(i) == 'N')
        return U_DAY; /* una noche */
    if (!C(i, L_UNIT))
        return U_NONE;
    int u = V(i);
    if (u == U_NIGHT)
        return U_DAY;
    return u;
}

size_t hx__tx_unit_end(const hx__timex_scan *p, size_t i)
{
    return (F(i, F_FIN) || F(i, F_FINAL)) && F(i + 1, F_DE) ? i + 3 : i + 1;
}

void hx__tx_clear_amt(tx_expr *e)
{
    /* written out: gcc turns the loop into a memset and that into `rep stos`, slow to
     * start for 128 bytes (this runs several times per token the scan tries) */
    _Static_assert(U_BDAY == 15, "one store per unit below");
    double *a = e->amt;
    a[0] = a[1] = a[2] = a[3] = a[4] = a[5] = a[6] = a[7] = 0;
    a[8] = a[9] = a[10] = a[11] = a[12] = a[13] = a[14] = a[15] = 0;
}

/* N unit [y N unit]... / N unit y media / media hora / unos días / todo el día /
 * un mes entero.  Fills e->amt; *vague_ok lets "años" alone count (after "por",
 * "durante", "desde hace"). */
/* A fraction said after a unit: "y medio", "y media" (+0.5), "y cuarto" (+0.25), "y
 * tres cuartos" (+0.75).  Adds it to *amt and returns the index past it (j if none). */
static size_t fraction_after(const hx__timex_scan *p, size_t j, double *amt)
{
    if (!F(j, F_Y))
        return j;
    if (F(j + 1, F_MEDIA) || F(j + 1, F_MEDIO)) {
        *amt += 0.5;
        return j + 2;
    }
    if (C(j + 1, L_ORDW) && V(j + 1) == 4 && p->text[p->t[j + 1].b1 - 1] == 'o') {
        *amt += 0.25; /* y cuarto */
        return j + 2;
    }
    double v;
    size_t f = hx__tx_number(p, j + 1, &v);
    if (f && v >= 1 && v <= 3 && F(f, F_CUARTO)) {
        *amt += v / 4; /* y tres cuartos */
        return f + 1;
    }
    return j;
}

/* A fraction or a pair said before a unit: "un cuarto de hora", "tres cuartos de
 * hora", "un par de días".  Fills e->amt and returns the index past the unit, or 0. */
static size_t fraction_before(const hx__timex_scan *p, size_t i, tx_expr *e)
{
    size_t j = i;
    double v = 1;
    int u;
    if (F(j, F_UN))
        j++;
    else if (!(j = hx__tx_number(p, i, &v)) || v < 1 || v > 3)
        return 0;
    if (F(j, F_PAR) && F(j + 1, F_DE) && j == i + 1 && F(i, F_UN) &&
        (u = hx__tx_dur_unit(p, j + 2)) != U_NONE) {
        e->amt[u] = 2; /* un par de días */
        return hx__tx_unit_end(p, j + 2);
    }
    int quarter = (C(j, L_ORDW) && V(j) == 4 && v == 1 && F(i, F_UN)) ||
                  (F(j, F_CUARTO) && v > 1);
    if (!quarter || !F(j + 1, F_DE) || (u = hx__tx_dur_unit(p, j + 2)) == U_NONE)
        return 0;
    if (u == U_HOUR)
        e->amt[U_MIN] = 15 * v;
    else
        e->amt[u] = v / 4;
    return hx__tx_unit_end(p, j + 2);
}

size_t hx__tx_duration(const hx__timex_scan *p, size_t i, tx_expr *e, int bare_ok)
{
    double v;
    size_t j = i, f;
    int u, any = 0;
    hx__tx_clear_amt(e);
    /* toda la semana (not "toda la semana pasada": that names a week) */
    if (F(j, F_TODO) && (F(j + 1, F_EL) || F(j + 1, F_LA)) &&
        (u = hx__tx_dur_unit(p, j + 2)) != U_NONE && p->text[p->t[j + 2].b1 - 1] != 's' &&
        !(F(j + 3, F_PASADO) || F(j + 3, F_PROX) || F(j + 3, F_ANTERIOR) ||
          F(j + 3, F_SIGUIENTE) || (F(j + 3, F_QUE) && F(j + 4, F_VIENE)))) {
        e->amt[u] = 1;
        return j + 3;
    }
    if (F(j, F_MEDIA) && is_unit(p, j + 1, U_HOUR)) {
        e->amt[U_MIN] = 30;
        return j + 2;
    }
    if (F(j, F_OTRO) && (u = hx__tx_dur_unit(p, j + 1)) != U_NONE && p->text[p->t[j + 1].b1 - 1] != 's') {
        e->amt[u] = 1; /* otro día */
        return j + 2;
    }
    if ((f = fraction_before(p, j, e)) != 0)
        return f;
    /* unos días, unos cuantos días, varias semanas: a few, vague */
    size_t q = j + 1 + (F(j, F_UNOS) && F(j + 1, F_CUANTOS));
    if ((F(j, F_UNOS) || F(j, F_VARIOS)) && (u = hx__tx_dur_unit(p, q)) != U_NONE) {
        e->amt[u] = -3;
        return q + 1;
    }
    for (;;) {
        size_t k = j;
        if (any) {
            if (!F(k, F_Y) && !hx__tx_pc(p, k, ','))
                break;
            k++;
        }
        if (!(f = hx__tx_number(p, k, &v)) || v < 0 || (u = hx__tx_dur_unit(p, f)) == U_NONE) {
            break;
        }
        /* "un segundo debate", "un segundo año": the ordinal before a noun */
        if (u == U_SEC && v == 1 && p->t[f].b1 - p->t[f].b0 == 7 && f + 1 < p->n &&
            p->t[f + 1].kind == TX_TW && (!p->t[f + 1].lex || C(f + 1, L_UNIT)))
            break;
        if (hx__tx_num(p, k) && (hx__tx_pc(p, f - 1, '.') || (k > 0 && hx__tx_adj(p, k) &&
                                                           hx__tx_pc(p, k - 1, ':'))))
            break;
        /* decimals written with a point or comma: 123.45 segundos */
        if (hx__tx_num(p, k) && f == k + 1 && u != U_NONE) {
            ;
        }
        e->amt[u] += v;
        j = hx__tx_unit_end(p, f);
        any = 1;
        j = fraction_after(p, j, &e->amt[u]);
        if (F(j, F_ENTERO))
            j++;
    }
    /* 123.45 segundos */
    if (!any && hx__tx_num(p, i) && (hx__tx_pc(p, i + 1, '.') || hx__tx_pc(p, i + 1, ',')) &&
        hx__tx_adj(p, i + 1) && hx__tx_num(p, i + 2) && hx__tx_adj(p, i + 2) &&
        (u = hx__tx_dur_unit(p, i + 3)) != U_NONE) {
        double frac = p->t[i + 2].num;
        for (int k = 0; k < p->t[i + 2].ndig; k++)
            frac /= 10;
        e->amt[u] = p->t[i].num + frac;
        return i + 4;
    }
    if (!any && bare_ok && (u = hx__tx_dur_unit(p, i)) != U_NONE &&
        p->text[p->t[i].b1 - 1] == 's') {
        e->amt[u] = -1; /* "por décadas": unspecified amount */
        return i + 1;
    }
    return any ? j : 0;
}

/* The one unit of a duration with a single unit, or U_NONE. */
int hx__tx_single_unit(const tx_expr *e, double *v)
{
    int u = U_NONE;
    *v = 0;
    for (int k = 0; k <= U_BDAY; k++)
        if (e->amt[k] != 0) {
            if (u != U_NONE)
                return U_NONE;
            u = k;
            *v = e->amt[k];
        }
    return u;
}

/* ---------------------------------------------------------------- shifts */

/* hace N U / dentro de N U / en N U / N U después de hoy / N U a partir de mañana /
 * los últimos N U / los próximos N U / N U anteriores / N U después. */
/* How a shift opens: the states of hx__tx_shift. */
enum {
    SH_BARE,   /* "tres días después de hoy", "las 10 semanas anteriores" */
    SH_HACE,   /* "hace tres días" */
    SH_DENTRO, /* "dentro de tres días" */
    SH_EN,     /* "en tres días" */
    SH_SPAN    /* "los últimos tres días", "los próximos dos meses" */
};

/* A quantifier between "hace" and its amount ("hace más de 100 años", "hace unos cuatro
 * meses", "hace casi dos años", "hace escasamente un mes"): where the amount starts. */
static size_t hace_quantifier(const hx__timex_scan *p, size_t j)
{
    double v;
    if ((F(j, F_MAS) || F(j, F_MENOS) || F(j, F_ALREDEDOR) || F(j, F_CERCA)) &&
        F(j + 1, F_DE))
        return j + 2;
    if (F(j, F_UNOS) && hx__tx_number(p, j + 1, &v))
        return j + 1;
    if (ascii_is(p, j, "casi") || ascii_is(p, j, "apenas") || ascii_is(p, j, "escasamente") ||
        ascii_is(p, j, "aproximadamente") || ascii_is(p, j, "exactamente"))
        return j + 1;
    return j;
}

/* Reads how a shift opens at j: sets *kind (SH_*), *dir (+1, -1) and e->within /
 * e->inside, and returns where the duration starts. */
static size_t shift_opening(const hx__timex_scan *p, size_t j, tx_expr *e, int *kind, int *dir)
{
    *kind = SH_BARE;
    *dir = 1;
    if (F(j, F_HACE)) {
        *kind = SH_HACE;
        *dir = -1;
        j = hace_quantifier(p, j + 1);
    } else if (F(j, F_DENTRO) && F(j + 1, F_DE)) {
        *kind = SH_DENTRO;
        j += 2;
        if (F(j, F_LOS) || F(j, F_LAS))
            j++;
        if (F(j, F_PROX) || F(j, F_SIGUIENTE)) {
            *kind = SH_SPAN;
            e->within = 1;
            j++;
        }
    } else if (F(j, F_EN)) {
        *kind = SH_EN;
        j++;
    } else {
        size_t k = j;
        if (F(k, F_LOS) || F(k, F_LAS))
            k++;
        if (C(k, L_ORDW) && V(k) == 1 && p->text[p->t[k].b1 - 1] == 's') {
            *kind = SH_SPAN; /* las primeras 2 semanas de 2021 */
            e->inside = 1;
            j = k + 1;
        }
        double tmpv;
        size_t kk;
        if (k > j && (kk = hx__tx_number(p, k, &tmpv)) && hx__tx_dur_unit(p, kk) != U_NONE)
            j = k; /* las 10 semanas anteriores */
        if (C(k, L_ORDW) && V(k) == 99) {
            *kind = SH_SPAN;
            *dir = -1;
            j = k + 1;
        } else if (F(k, F_PROX) || F(k, F_SIGUIENTE)) {
            *kind = SH_SPAN;
            j = k + 1;
        }
    }
    return j;
}

/* A shift with a base after it ("tres días después de hoy", "en 3 minutos a partir de
 * ahora") or a span named by "anteriores"/"siguientes".  Returns the end, 0 when it
 * does not parse, or SIZE_MAX when the shift goes on without a base. */
static size_t shift_based(const hx__timex_scan *p, size_t f, tx_expr *e, int kind, int u, double v)
{
    /* N U después de hoy / a partir de ahora / anteriores / siguientes */
    size_t g = f;
    int d2 = 0;
    if (F(g, F_DESPUES) || F(g, F_ANTES)) {
        d2 = F(g, F_DESPUES) ? 1 : -1;
        g++;
        if (F(g, F_DE)) {
            tx_point base;
            size_t h;
            if ((h = hx__tx_date(p, g + 1, &base)) && base.rel == R_DAY && !base.pod &&
                u != U_NONE && v > 0) {
                hx__tx_pt_init(&e->a);
                e->a = base;
                e->a.off = 0;
                e->kind = K_POINT;
                /* shift from the base day: fold into R_SHIFT from ref + base */
                e->a.rel = R_SHIFT;
                e->a.unit = (int8_t)u;
                e->a.off = (int32_t)(d2 * v);
                e->a.gran = G_DAY;
                e->a.n = base.off; /* base day offset */
                return h;
            }
            return 0;
        }
        if (kind == SH_EN || u == U_NONE || v <= 0)
            return 0;
        hx__tx_pt_init(&e->a);
        e->kind = K_POINT;
        e->a.rel = R_SHIFT;
        e->a.unit = (int8_t)u;
        e->a.off = (int32_t)(d2 * v);
        e->a.n = 0;
        e->a.gran = u >= U_HOUR ? G_NONE : G_DAY;
        return g;
    }
    if (F(g, F_A) && F(g + 1, F_PARTIR) && F(g + 2, F_DE)) {
        tx_point base;
        size_t h;
        if ((h = hx__tx_date(p, g + 3, &base)) && (base.rel == R_DAY || base.rel == R_NOW) &&
            u != U_NONE && v > 0) {
            hx__tx_pt_init(&e->a);
            e->kind = K_POINT;
            e->a.rel = R_SHIFT;
            e->a.unit = (int8_t)u;
            e->a.off = (int32_t)v;
            e->a.n = base.rel == R_DAY ? base.off : 0;
            e->a.gran = u >= U_HOUR || base.rel == R_NOW ? (u >= U_HOUR ? G_NONE : G_DAY)
                                                         : G_DAY;
            return h;
        }
    }
    if (kind == SH_BARE && (F(g, F_ANTERIOR) || F(g, F_SIGUIENTE) || F(g, F_PROX))) {
        e->kind = K_RANGE;
        e->last = F(g, F_ANTERIOR) ? -1 : 1;
        return g + 1;
    }
    if (kind == SH_BARE)
        return 0;
    return SIZE_MAX;
}

/* "los últimos tres días (de 2021)": a span back or ahead from the reference, or counted
 * inside a year or month. */
static size_t shift_span(const hx__timex_scan *p, size_t f, tx_expr *e, int dir)
{
    e->kind = K_RANGE;
    e->last = (int8_t)dir;
    /* ... de 2021 / de este año: counted inside that period */
    tx_point cont;
    size_t g;
    if ((F(f, F_DE) || F(f, F_DEL)) && (g = hx__tx_date(p, f + 1, &cont)) &&
        (cont.gran == G_YEAR || cont.gran == G_MONTH) && !e->within) {
        e->inside = (int8_t)(e->inside ? 1 : -1);
        e->a = cont;
        return g;
    }
    if (e->inside)
        return 0;
    return f;
}

size_t hx__tx_shift(const hx__timex_scan *p, size_t i, tx_expr *e)
{
    size_t j, f;
    double v;
    int u, kind, dir;
    j = shift_opening(p, i, e, &kind, &dir);
    assert(kind >= SH_BARE && kind <= SH_SPAN);
    if (!(f = hx__tx_duration(p, j, e, kind == SH_HACE))) {
        hx__tx_clear_amt(e);
        if (kind == SH_SPAN && (u = hx__tx_dur_unit(p, j)) >= U_HOUR &&
            p->text[p->t[j].b1 - 1] != 's') {
            e->amt[u] = 1; /* el último minuto */
            f = j + 1;
        } else if (kind == SH_EN && hx__tx_num(p, j) && F(j + 1, F_H) && !hx__tx_adj(p, j + 1)) {
            e->amt[U_HOUR] = p->t[j].num; /* en 5 h */
            f = j + 2;
        } else
            return 0;
    }
    u = hx__tx_single_unit(e, &v);
    /* dentro de 3 minutos a partir de ahora: the shift from the base */
    if (kind == SH_DENTRO && F(f, F_A) && F(f + 1, F_PARTIR))
        kind = SH_BARE;
    if (kind == SH_BARE || kind == SH_EN) {
        size_t r = shift_based(p, f, e, kind, u, v);
        if (r != SIZE_MAX)
            return r;
    }
    if (kind == SH_SPAN)
        return shift_span(p, f, e, dir);
    if (u == U_NONE || v == 0)
        return 0;
    if (v < 0 && kind != SH_HACE)
        return 0;
    hx__tx_pt_init(&e->a);
    e->kind = K_POINT;
    e->a.rel = R_SHIFT;
    e->a.unit = (int8_t)u;
    e->a.off = v < 0 ? 0 : (int32_t)(dir * v);
    e->a.n = 0;
    e->a.gran = u >= U_HOUR ? G_NONE : G_DAY;
    if (v < 0) {
        /* hace años: the past, amount unknown -> a duration */
        e->kind = K_DURATION;
        e->mod = M_NONE;
    }
    e->within = kind == SH_DENTRO;
    /* "en dos años desde 2011" */
    int y;
    size_t h;
    if (kind == SH_EN && F(f, F_DESDE) && (h = hx__tx_year(p, f + 1, &y))) {
        e->a.rel = R_ABS;
        e->a.gran = G_DAY;
        e->a.y = y + (u == U_YEAR ? (int)v : 0);
        e->a.m = 1;
        e->a.d = 1;
        return h;
    }
    return f;
}
