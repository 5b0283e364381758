/*
 * timex_scan.c -- the top of the time grammar: ranges ("entre 2022 y 2024", "del 1
 * al 5 de mayo"), modifiers ("a finales de", "antes de"), sets ("cada lunes"), and
 * the scan of a whole text (hx__tx_find), which takes the longest match at each
 * token and trims the leading words Recognizers-Text leaves out.
 *
 * Invariants: expressions come out in text order and never overlap; a rule that
 * fails leaves no trace.  Only tokens with a lexicon entry or digits can start an
 * expression, which keeps the scan fast on ordinary text.
 */
#include "timex/timex.h"

#include <stdlib.h>
#include <string.h>

#define F(i, w) hx__tx_f(p, (i), (w))
#define C(i, c) hx__tx_c(p, (i), (c))
#define V(i) hx__tx_v(p, (i))
#define T(i) ((i) < p->n ? p->t[i].kind : 0)

/* ---------------------------------------------------------------- ranges */

/* A bare day "1" or month "enero" that takes the rest from the range's end. */
static size_t bare_start(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    hx__tx_pt_init(pt);
    if (hx__tx_num(p, i) && p->t[i].ndig <= 2 && p->t[i].num >= 1 && p->t[i].num <= 31) {
        pt->gran = G_DAY;
        pt->d = p->t[i].num;
        pt->nth = 1; /* marks "incomplete" */
        return i + 1;
    }
    if (C(i, L_MONTH) || (C(i, L_MONABBR) && hx__tx_pc(p, i + 1, '.'))) {
        pt->gran = G_MONTH;
        pt->m = V(i);
        pt->nth = 1;
        return i + 1 + (C(i, L_MONABBR));
    }
    return 0;
}

/* A clock after "entre"/"de"/"a": bare hours are fine ("de 3 a 5"). */
static size_t range_clock(const hx__timex_scan *p, size_t i, tx_point *pt)
{
    size_t e;
    if ((e = hx__tx_time(p, i, pt)) && pt->h >= 0)
        return e;
    if ((e = hx__tx_clock(p, i, 0, pt)))
        return e;
    return 0;
}

/* Fills the start from the end where the start left fields out. */
static int complete_start(tx_point *a, const tx_point *b)
{
    if (a->nth == 1) {
        a->nth = 0;
        if (a->gran == G_DAY) {
            if (b->gran != G_DAY || b->m < 0 || b->d < a->d)
                return 0;
            a->m = b->m;
            a->y = b->y;
        } else if (a->gran == G_MONTH) {
            if (b->gran != G_MONTH || b->rel)
                return 0;
            a->y = b->y < 0 ? -1 : a->m > b->m ? b->y - 1 : b->y;
        }
    }
    return 1;
}

/* A time range with both ends clocks: the end's am/pm cue decides the start's too. */
static void fix_dials(tx_point *a, tx_point *b)
{
    if (a->amb && !b->amb && b->h >= 12 && a->h < 12 && a->h + 12 <= b->h) {
        a->h += 12;
        a->amb = 0;
    }
}

/* entre A y B / de A a B / desde A hasta B / del A al B / A - B / A a B (clocks). */
/* "de 1 a 7 de mayo": bare numbers before a day of a month are days.  Fills e and
 * returns the end, or 0. */
static size_t range_days_of_month(const hx__timex_scan *p, size_t j, int pre, const tx_point *a,
                                  tx_expr *e)
{
    tx_point da, db;
    size_t fda;
    if (!(a->tprec == 1 && !a->cue && hx__tx_num(p, j) && (fda = bare_start(p, j, &da)) &&
          (F(fda, F_A) || F(fda, F_AL) || F(fda, F_HASTA) || hx__tx_pc(p, fda, '-') ||
           (pre == 1 && F(fda, F_Y)))))
        return 0;
    size_t gg = fda + 1;
    if (F(gg, F_EL))
        gg++;
    size_t fdb = hx__tx_point(p, gg, &db);
    if (!(fdb && db.gran == G_DAY && db.m > 0 && db.h < 0 && complete_start(&da, &db)))
        return 0;
    e->kind = K_RANGE;
    e->a = da;
    e->b = db;
    e->ma = p->t[fda - 1].b1;
    e->mb = p->t[gg].b0;
    return fdb;
}

/* Whether token f joins the two ends of a range opened by pre (0 none, 1 "entre", 2
 * "de"/"desde"). */
static int range_connector(const hx__timex_scan *p, size_t f, int pre, int clocks,
                           const tx_point *a)
{
    if (pre == 1 && (F(f, F_Y) || F(f, F_A)))
        return 1;
    if (pre == 2 && (F(f, F_A) || F(f, F_AL) || F(f, F_HASTA)))
        return 1;
    if (hx__tx_pc(p, f, '-') || hx__tx_pc(p, f, '~'))
        return 1;
    if (!pre && F(f, F_A) && clocks)
        return 1;
    return !pre && F(f, F_HASTA) && (a->h >= 0 || a->gran == G_DAY);
}

/* The end of a range of clock times at g ("de 3 a 5 de la tarde"): fills *b, fixes
 * the dials of both ends; returns the end, or 0. */
static size_t range_end_clock(const hx__timex_scan *p, size_t g, int pre, int clocks, tx_point *a,
                              tx_point *b)
{
    size_t fb;
    if (!(fb = range_clock(p, g, b)) || b->gran != G_NONE) {
        tx_point bb;
        size_t fbb = hx__tx_point(p, g, &bb);
        if (!fbb || bb.h < 0 || bb.gran == G_NONE)
            return 0;
        fb = fbb;
        *b = bb;
    }
    if (!pre && !clocks)
        return 0;
    /* bare "3 a 5" without "de"/"entre" needs am/pm or minutes */
    if (!pre && a->tprec == 1 && b->tprec == 1 && (b->amb || !b->cue))
        return 0;
    fix_dials(a, b);
    if (a->amb && b->amb && a->h > b->h && b->h + 12 > a->h && a->h != 12) {
        b->h += 12; /* de 10 a 2 */
        b->amb = 0;
    }
    if (b->gran != G_NONE) {
        /* "de 3 a 8 p.m. ayer por la tarde": carry the date */
        tx_point t = *a;
        *a = *b;
        hx__tx_merge_time(a, &t);
    }
    return fb;
}

/* The end of a range of dates at g: fills *b and completes *a from it; the end or 0. */
static size_t range_end_date(const hx__timex_scan *p, size_t g, tx_point *a, tx_point *b)
{
    size_t fb;
    if (!(fb = hx__tx_point(p, g, b)))
        return 0;
    /* "del día 10 al 12 de julio": the start takes the month and year of the end */
    if (a->gran == G_DAY && a->m < 0 && a->d > 0 && !a->rel && !a->wd && a->nth != 1 &&
        b->gran == G_DAY && b->m > 0 && b->d >= a->d && !b->rel) {
        a->m = b->m;
        a->y = b->y;
    }
    if (!complete_start(a, b))
        return 0;
    if (a->gran == G_NONE || b->gran == G_NONE)
        return 0;
    /* "10/1-11/2/2017": the start takes the end's year */
    if (a->gran == G_DAY && b->gran == G_DAY && a->y < 0 && b->y >= 0 && !a->rel && !b->rel)
        a->y = b->y;
    if (a->gran == G_MONTH && b->gran == G_MONTH && a->y < 0 && b->y >= 0 && !a->rel)
        a->y = a->m > b->m ? b->y - 1 : b->y;
    return fb;
}

/* What may follow a range ending at fb: "de abril a junio en 2017", a date after a
 * range of clock times ("de 3:30 a 5:55 el 1/1/2015"); returns the new end. */
static size_t range_after(const hx__timex_scan *p, size_t fb, tx_point *a, tx_point *b)
{
    /* "de abril a junio en 2017" */
    int y;
    size_t h;
    if (a->gran == G_MONTH && b->gran == G_MONTH && a->y < 0 && b->y < 0 && F(fb, F_EN) &&
        (h = hx__tx_year(p, fb + 1, &y))) {
        a->y = a->m > b->m ? y - 1 : y;
        b->y = y;
        fb = h;
    }
    /* a date after a time range: "de 3:30 a 5:55 el 1/1/2015" */
    if (a->gran == G_NONE && b->gran == G_NONE) {
        size_t k = fb;
        if (F(k, F_EL) || F(k, F_DEL) || F(k, F_DE) || hx__tx_pc(p, k, ','))
            k++;
        tx_point d;
        if ((h = hx__tx_date(p, k, &d)) && d.gran == G_DAY) {
            tx_point ta = *a, tb = *b;
            *a = d;
            *b = d;
            hx__tx_merge_time(a, &ta);
            hx__tx_merge_time(b, &tb);
            /* "ayer por la tarde" after the range: its part of day fixes the dial */
            tx_point pod;
            size_t q;
            if ((q = hx__tx_time(p, h, &pod)) && pod.h < 0 && pod.pod) {
                if (a->amb && pod.pod != 'M' && a->h < 12) {
                    a->h += 12;
                    a->amb = 0;
                }
                if (b->amb && pod.pod != 'M' && b->h < 12) {
                    b->h += 12;
                    b->amb = 0;
                }
                h = q;
            }
            fb = h;
        }
    }
    return fb;
}

static size_t range(const hx__timex_scan *p, size_t i, tx_expr *e)
{
    size_t j = i, f, g;
    int pre = 0;
    if (F(j, F_ENTRE))
        pre = 1;
    else if (F(j, F_DE) || F(j, F_DEL) || F(j, F_DESDE))
        pre = 2;
    j += pre ? 1 : 0;
    if (pre && (F(j, F_EL) || F(j, F_LAS)) && !hx__tx_clock(p, j + 1, 1, &e->a) &&
        F(j, F_EL))
        j++;
    /* "entre los días 4 y 6 de marzo": the days are bare days */
    if (pre && F(j, F_LOS) && C(j + 1, L_UNIT) && V(j + 1) == U_DAY && hx__tx_num(p, j + 2))
        j += 2;
    tx_point a, b;
    int clocks = 0;
    f = 0;
    size_t fa = hx__tx_point(p, j, &a);
    if (pre == 1 && fa && a.gran == G_NONE && a.h >= 0) {
        tx_point a2;
        size_t f2 = hx__tx_clock(p, j + (F(j, F_LAS) || F(j, F_LA)), 2, &a2);
        if (f2 && F(f2, F_Y)) {
            a = a2;
            fa = f2;
        }
    }
    tx_point ac;
    size_t fc = pre ? range_clock(p, j, &ac) : hx__tx_clock(p, j, 0, &ac);
    if (pre == 1 && fc && !F(fc, F_Y) && !F(fc, F_A)) {
        size_t f2 = hx__tx_clock(p, j, 2, &ac);
        if (f2)
            fc = f2;
    }
    if (fc > fa || (fc == fa && fc && a.gran == G_NONE)) {
        a = ac;
        fa = fc;
        clocks = 1;
    }
    if (fa && a.gran == G_NONE && a.h >= 0)
        clocks = 1;
    size_t fdm;
    if (clocks && (fdm = range_days_of_month(p, j, pre, &a, e)) != 0)
        return fdm;
    if (!fa) {
        if (!(fa = bare_start(p, j, &a)))
            return 0;
    }
    if (F(j, F_AHORA) && pre == 1)
        a.gran = G_DAY, a.rel = R_DAY, a.off = 0;
    f = fa;
    if (!range_connector(p, f, pre, clocks, &a))
        return 0;
    g = f + 1;
    if (F(g, F_LAS) || F(g, F_LA) || F(g, F_EL))
        g++;
    size_t fb;
    if (a.rel == R_WDAY && a.off == 2 && a.h < 0 && !a.pod &&
        (C(g, L_WDAY) || C(g, L_WDABBR) || (C(g, L_MONABBR) && V(g) == 3))) {
        b = a; /* de lunes a viernes, de lunes a mar */
        b.wd = (int8_t)(C(g, L_MONABBR) ? 2 : V(g));
        e->kind = K_RANGE;
        e->a = a;
        e->b = b;
        e->ma = p->t[fa - 1].b1;
        e->mb = p->t[g].b0;
        return g + 1;
    }
    fb = clocks || a.gran == G_NONE ? range_end_clock(p, g, pre, clocks, &a, &b)
                                    : range_end_date(p, g, &a, &b);
    if (!fb)
        return 0;
    /* 2010-2015-86 is a phone number */
    if (hx__tx_pc(p, fb, '-') && hx__tx_adj(p, fb) && hx__tx_num(p, fb + 1))
        return 0;
    fb = range_after(p, fb, &a, &b);
    e->kind = K_RANGE;
    e->a = a;
    e->b = b;
    e->ma = p->t[fa - 1].b1;
    e->mb = p->t[g].b0;
    return fb;
}

/* noviembre 19-20 / 19-20 de noviembre: days of one month. */
static size_t month_days(const hx__timex_scan *p, size_t i, tx_expr *e)
{
    size_t j = i;
    int m = -1;
    if (C(j, L_MONTH)) {
        m = V(j);
        j++;
    }
    if (!(hx__tx_num(p, j) && hx__tx_pc(p, j + 1, '-') && hx__tx_num(p, j + 2) &&
          hx__tx_adj(p, j + 1) && hx__tx_adj(p, j + 2)))
        return 0;
    int d0 = p->t[j].num, d1 = p->t[j + 2].num;
    size_t f = j + 3;
    if (m < 0) {
        if (!(F(f, F_DE) && C(f + 1, L_MONTH)))
            return 0;
        m = V(f + 1);
        f += 2;
    }
    if (p->t[j].ndig > 2 || p->t[j + 2].ndig > 2 || d0 < 1 || d1 > 31 || d0 >= d1)
        return 0;
    hx__tx_pt_init(&e->a);
    e->a.gran = G_DAY;
    e->a.m = m;
    e->a.d = d0;
    e->b = e->a;
    e->b.d = d1;
    int y;
    size_t g;
    if ((F(f, F_DE) || F(f, F_DEL) || hx__tx_pc(p, f, ',')) && (g = hx__tx_year(p, f + 1, &y))) {
        e->a.y = e->b.y = y;
        f = g;
    }
    e->kind = K_RANGE;
    e->ma = p->t[j].b1;
    e->mb = p->t[j + 2].b0;
    return f;
}

/* A date, then a time range: "1/1/2015 entre las 10 y las 11:30", "lunes 3-8",
 * "próximo lunes 1-3 p.m.". */
static size_t date_range(const hx__timex_scan *p, size_t i, tx_expr *e)
{
    tx_point d;
    size_t f, g;
    if (!(f = hx__tx_date(p, i, &d)) || d.gran != G_DAY)
        return 0;
    size_t j = f;
    if (hx__tx_pc(p, j, ','))
        j++;
    tx_point pod;
    size_t q;
    if ((q = hx__tx_time(p, j, &pod)) && pod.h < 0 && pod.pod) {
        d.pod = pod.pod; /* lunes por la mañana de 10 a.m. a 12 p.m. */
        j = q;
    }
    /* lunes 3-8 */
    if (hx__tx_num(p, j) && hx__tx_pc(p, j + 1, '-') && hx__tx_num(p, j + 2) &&
        hx__tx_adj(p, j + 1) && hx__tx_adj(p, j + 2) && p->t[j].num <= 12 &&
        p->t[j + 2].num <= 12) {
        tx_point a, b;
        hx__tx_pt_init(&a);
        hx__tx_pt_init(&b);
        a.h = (int8_t)p->t[j].num;
        b.h = (int8_t)p->t[j + 2].num;
        a.tprec = b.tprec = 1;
        a.mi = a.s = b.mi = b.s = 0;
        a.amb = b.amb = 1;
        g = j + 3;
        int pm;
        size_t k;
        char pc;
        if ((k = hx__tx_ampm(p, g, &pm))) {
            if (pm) {
                a.h += 12;
                b.h += 12;
            }
            a.amb = b.amb = 0;
            g = k;
        } else if ((k = hx__tx_pod_suffix(p, g, &pc))) {
            hx__tx_apply_pod(&a, pc);
            hx__tx_apply_pod(&b, pc);
            g = k;
        }
        e->kind = K_RANGE;
        e->a = d;
        e->b = d;
        e->ma = p->t[j].b1;
        e->mb = p->t[j + 2].b0;
        e->a.pod = e->b.pod = 0;
        hx__tx_merge_time(&e->a, &a);
        hx__tx_merge_time(&e->b, &b);
        return g;
    }
    tx_expr r;
    memset(&r, 0, sizeof r);
    if (!(g = range(p, j, &r)) || r.a.gran != G_NONE || r.b.gran != G_NONE)
        return 0;
    if (d.pod) {
        if (r.a.amb && d.pod != 'M' && r.a.h < 12)
            r.a.h += 12;
        if (r.b.amb && d.pod != 'M' && r.b.h < 12)
            r.b.h += 12;
        r.a.amb = r.b.amb = 0;
        d.pod = 0;
    }
    e->kind = K_RANGE;
    e->a = d;
    e->b = d;
    e->ma = r.ma;
    e->mb = r.mb;
    hx__tx_merge_time(&e->a, &r.a);
    hx__tx_merge_time(&e->b, &r.b);
    return g;
}

/* ---------------------------------------------------------------- modifiers, sets */

/* a finales de / a principios de / a mediados de / al final de / fin de ...: the
 * end of the prefix and the mod, or 0. */
static size_t part_prefix(const hx__timex_scan *p, size_t i, int *mod)
{
    size_t j = i;
    if (F(j, F_A) || F(j, F_AL) || F(j, F_DESDE) || F(j, F_HASTA))
        j++;
    /* [la] primera / segunda / última quincena | mitad de: the first or second half */
    size_t k = j + (F(j, F_LA) != 0);
    if (C(k, L_ORDW) && (V(k) == 1 || V(k) == 2 || V(k) == 99) &&
        ((C(k + 1, L_UNIT) && V(k + 1) == U_FORTNIGHT &&
          p->text[p->t[k + 1].b1 - 1] == 'a') ||
         (F(k + 1, F_MEDIADOS) && p->text[p->t[k + 1].b0] == 'm' &&
          p->t[k + 1].b1 - p->t[k + 1].b0 == 5)) &&
        (F(k + 2, F_DE) || F(k + 2, F_DEL))) {
        *mod = V(k) == 1 ? M_START : M_END;
        return k + 3;
    }
    if (F(j, F_FINAL) || F(j, F_FIN) || (C(j, L_ORDW) && V(j) == 99))
        *mod = M_END;
    else if (F(j, F_PRINCIPIO) || (C(j, L_ORDW) && V(j) == 1 && p->text[p->t[j].b1 - 1] == 's'))
        *mod = M_START;
    else if (F(j, F_MEDIADOS))
        *mod = M_MID;
    else
        return 0;
    j++;
    if (!(F(j, F_DE) || F(j, F_DEL)))
        return 0;
    return j + 1;
}

/* a finales de junio / a principios de 2024 / fin de mes / al final del día. */
static size_t part_of(const hx__timex_scan *p, size_t i, tx_expr *e)
{
    int mod;
    size_t j = part_prefix(p, i, &mod), f;
    if (!j)
        return 0;
    tx_point pt;
    if ((f = hx__tx_point(p, j, &pt)) && pt.gran != G_NONE && pt.h < 0) {
        /* a part of a day said by name or date ("al final del domingo", "a finales del
         * 3 de mayo"); "a primeros de 7 de enero" is not one */
        if (pt.gran == G_DAY && pt.rel != R_DAY && C(j - 2, L_ORDW))
            return 0;
        /* "la mitad de 2000 personas" is a quantity: "mitad" + digits needs "del" or no
         * word after them */
        if (p->text[p->t[j - 2].b0] == 'm' && p->t[j - 2].b1 - p->t[j - 2].b0 == 5 &&
            pt.gran == G_YEAR && f == j + 1 && !F(j - 1, F_DEL) && f < p->n &&
            p->t[f].kind == TX_TW)
            return 0;
    } else {
        int u = C(j, L_UNIT) ? V(j) : U_NONE;
        if (!(u == U_MONTH || u == U_YEAR || u == U_WEEK || u == U_DAY || u == U_DEC ||
              u == U_CENT) ||
            (u == U_MONTH ? p->t[j].b1 - p->t[j].b0 > 3 : p->text[p->t[j].b1 - 1] == 's'))
            return 0;
        hx__tx_pt_init(&pt);
        pt.rel = u == U_DAY ? R_DAY : R_UNIT;
        pt.gran = (int8_t)(u == U_MONTH ? G_MONTH : u == U_YEAR ? G_YEAR : u == U_WEEK ? G_WEEK
                           : u == U_DEC ? G_DEC : u == U_CENT ? G_CENT : G_DAY);
        pt.off = 0;
        f = j + 1;
    }
    e->kind = K_POINT;
    e->a = pt;
    e->mod = (int8_t)mod;
    return f;
}

/* antes de X / después de X / desde X / hasta X / a partir de X / cerca de X /
 * alrededor de X / más de DUR / menos de DUR. */
/* "más tarde este mes", "más temprano de este año", "más tarde hoy", "en lo que va de
 * año": a part of a period measured from the reference.  Returns the end, or 0. */
static size_t later_or_to_date(const hx__timex_scan *p, size_t j, tx_expr *e)
{
    size_t f;
    /* más tarde este mes / más temprano de este año / más tarde hoy */
    int later = F(j, F_MAS) && C(j + 1, L_POD) && V(j + 1) == 'E' &&
                p->text[p->t[j + 1].b1 - 1] != 's';
    int earlier = (F(j, F_MAS) && F(j + 1, F_TEMPRANO)) || F(j, F_TEMPRANO);
    if (later || earlier) {
        size_t k = j + (F(j, F_TEMPRANO) ? 1 : 2);
        tx_point pt;
        if (F(k, F_DE) || F(k, F_EN))
            k++;
        if ((f = hx__tx_time(p, k, &pt)) && pt.h < 0 && pt.pod) {
            ; /* más tarde esta tarde, temprano por la mañana */
        } else if (!(f = hx__tx_date(p, k, &pt)) || pt.h >= 0 ||
                   !((pt.rel == R_UNIT && (pt.gran == G_WEEK || pt.gran == G_MONTH ||
                                          pt.gran == G_YEAR)) ||
                     (pt.rel == R_DAY && pt.gran == G_DAY)))
            return 0;
        e->kind = K_POINT;
        e->a = pt;
        e->mod = earlier ? M_EARLIER : M_LATER;
        return f;
    }
    /* en lo que va de año */
    if (F(j, F_LO) && F(j + 1, F_QUE) && F(j + 2, F_VA) && (F(j + 3, F_DE) || F(j + 3, F_DEL))) {
        size_t k = j + 4;
        tx_point pt;
        if (F(k, F_ESTE))
            k++;
        int u = C(k, L_UNIT) ? V(k) : U_NONE;
        if (!(u == U_YEAR || u == U_MONTH || u == U_WEEK || u == U_CENT || u == U_DEC))
            return 0;
        hx__tx_pt_init(&pt);
        pt.rel = R_UNIT;
        pt.off = 0;
        pt.gran = (int8_t)(u == U_YEAR ? G_YEAR : u == U_MONTH ? G_MONTH : u == U_WEEK ? G_WEEK
                           : u == U_CENT ? G_CENT : G_DEC);
        e->kind = K_POINT;
        e->a = pt;
        e->mod = M_TODATE;
        return k + 1;
    }
    return 0;
}

static size_t modified(const hx__timex_scan *p, size_t i, tx_expr *e)
{
    size_t j = i, f;
    int mod;
    if ((f = later_or_to_date(p, j, e)) != 0)
        return f;
    if ((hx__tx_pc(p, j, '>') || hx__tx_pc(p, j, '<')) && hx__tx_num(p, j + 1 + hx__tx_pc(p, j + 1, '='))) {
        int eq = hx__tx_pc(p, j + 1, '=');
        tx_point y;
        if (!(f = hx__tx_date(p, j + 1 + eq, &y)) || y.gran != G_YEAR)
            return 0;
        e->kind = K_POINT;
        e->a = y;
        e->mod = (int8_t)(hx__tx_pc(p, j, '>') ? (eq ? M_SINCE : M_AFTER) : (eq ? M_UNTIL : M_BEFORE));
        return f;
    }
    if (F(j, F_ANTES) && F(j + 1, F_DE) && C(j + 2, L_RELDAY) && V(j + 2) == 255)
        return 0; /* "antes de ayer" is anteayer (a date rule) */
    if ((F(j, F_ANTES) || F(j, F_ANTERIOR)) && (F(j + 1, F_DE) || F(j + 1, F_DEL)))
        mod = M_BEFORE;
    else if (F(j, F_DESPUES) && (F(j + 1, F_DE) || F(j + 1, F_DEL)))
        mod = M_AFTER;
    else if ((F(j, F_CERCA) || F(j, F_ALREDEDOR)) && (F(j + 1, F_DE) || F(j + 1, F_DEL)))
        mod = M_APPROX;
    else if (F(j, F_A) && F(j + 1, F_PARTIR) && (F(j + 2, F_DE) || F(j + 2, F_DEL))) {
        mod = M_SINCE;
        j++;
    } else if (F(j, F_DESDE)) {
        mod = M_SINCE;
        j--;
    } else if (F(j, F_HASTA)) {
        mod = M_BEFORE;
        j--;
    } else if ((F(j, F_MAS) || F(j, F_MENOS)) && F(j + 1, F_DE)) {
        if (!(f = hx__tx_duration(p, j + 2, e, 0)))
            return 0;
        /* "más de 2 semanas antes de hoy" */
        if (F(f, F_ANTES) || F(f, F_DESPUES)) {
            tx_expr s;
            size_t g;
            memset(&s, 0, sizeof s);
            if ((g = hx__tx_shift(p, j + 2, &s)) && s.kind == K_POINT) {
                *e = s;
                e->mod = F(f, F_ANTES) ? M_BEFORE : M_AFTER;
                return g;
            }
        }
        e->kind = K_DURATION;
        e->mod = F(j, F_MAS) ? M_MORE : M_LESS;
        return f;
    } else
        return 0;
    j += 2;
    size_t k = j;
    tx_point pt;
    if (mod == M_APPROX) {
        if (F(k, F_LAS) || F(k, F_LA)) {
            if (!(f = hx__tx_clock(p, k + 1, 0, &pt)))
                return 0;
            /* "cerca de las 5:30 p.m. del martes" */
            size_t g;
            tx_point d;
            if ((F(f, F_DEL) || F(f, F_EL)) && (g = hx__tx_date(p, f + 1, &d)) &&
                d.gran == G_DAY) {
                hx__tx_merge_time(&d, &pt);
                pt = d;
                f = g;
            }
        } else if (!(f = hx__tx_point(p, k, &pt)))
            return 0;
        e->kind = K_POINT;
        e->a = pt;
        e->mod = M_APPROX;
        return f;
    }
    if (F(k, F_LAS) || F(k, F_LA)) {
        if (!(f = hx__tx_clock(p, k + 1, 0, &pt)))
            return 0;
    } else {
        if (F(k, F_EL) && !F(k + 1, F_DIA))
            k++;
        if (!(f = hx__tx_point(p, k, &pt)))
            return 0;
        if (pt.rel == R_NOW)
            return 0;
    }
    e->kind = K_POINT;
    e->a = pt;
    e->mod = (int8_t)mod;
    return f;
}

/* cada lunes / cada día / cada dos semanas / todos los lunes / anualmente, plus a time:
 * "cada lunes a las 4 p.m."; also "a las tres de la tarde cada día". */
static size_t set_expr(const hx__timex_scan *p, size_t i, tx_expr *e)
{
    size_t j = i, f;
    tx_point t;
    int has_t = 0;
    hx__tx_clear_amt(e);
    e->set_wd = 0;
    if ((f = hx__tx_time(p, j, &t)) && t.h >= 0 && F(f, F_CADA)) {
        has_t = 1;
        j = f;
    }
    if (C(j, L_SETADV)) {
        e->amt[V(j)] = 1;
        f = j + 1;
    } else if (F(j, F_LOS) && C(j + 1, L_WDAY) && p->text[p->t[j + 1].b1 - 1] == 's') {
        e->set_wd = (int8_t)V(j + 1);
        f = j + 2;
    } else if (F(j, F_CADA) || (F(j, F_TODO) && (F(j + 1, F_LOS) || F(j + 1, F_LAS)))) {
        j += F(j, F_CADA) ? 1 : 2;
        double v = 1;
        size_t k;
        if ((k = hx__tx_number(p, j, &v)) && hx__tx_dur_unit(p, k) != U_NONE)
            j = k;
        if (C(j, L_WDAY)) {
            e->set_wd = (int8_t)V(j);
        } else {
            int u = hx__tx_dur_unit(p, j);
            if (u == U_NONE)
                return 0;
            e->amt[u] = v;
        }
        f = hx__tx_unit_end(p, j);
    } else
        return 0;
    tx_point t2;
    size_t g;
    if (!has_t && (g = hx__tx_time(p, f, &t2)) && t2.h >= 0) {
        t = t2;
        has_t = 1;
        f = g;
    }
    e->kind = K_SET;
    hx__tx_pt_init(&e->a);
    if (has_t)
        hx__tx_merge_time(&e->a, &t);
    return f;
}

/* ---------------------------------------------------------------- the scan */

/* The longest expression starting at token i; returns its end (0: none) and the
 * token where its text starts (after a leading "a las" of a lone time). */
static size_t top(const hx__timex_scan *p, size_t i, tx_expr *out, size_t *start)
{
    /* glibc's memset, called: gcc expands an inline memset or struct copy of this
     * size as `rep stos`/`rep movs`, which costs more than the call */
    static void *(*const volatile clear)(void *, int, size_t) = memset;
    tx_expr e;
    size_t best = 0, f;
    *start = i;
#define TRY(call)                                                                      \
    do {                                                                               \
        clear(&e, 0, sizeof e);                                                        \
        if ((f = (call)) > best) {                                                     \
            best = f;                                                                  \
            *out = e;                                                                  \
        }                                                                              \
    } while (0)
    TRY(set_expr(p, i, &e));
    TRY(range(p, i, &e));
    TRY(date_range(p, i, &e));
    TRY(month_days(p, i, &e));
    TRY(part_of(p, i, &e));
    TRY(modified(p, i, &e));
    TRY(hx__tx_shift(p, i, &e));
    f = hx__tx_duration(p, i, &e, F(i, F_POR) || F(i, F_DURANTE) || F(i, F_DESDE));
    if (f > best) {
        best = f;
        e.kind = K_DURATION;
        *out = e;
    }
    /* "Días después", "meses más tarde", "años antes": a vague lapse */
    if (C(i, L_UNIT) && (f = hx__tx_duration(p, i, &e, 1)) > best &&
        (F(f, F_DESPUES) || F(f, F_ANTES) || (F(f, F_MAS) && C(f + 1, L_POD) && V(f + 1) == 'E'))) {
        double v;
        if (hx__tx_single_unit(&e, &v) != U_NONE && v == -1 && !F(f + 1, F_DE) &&
            !F(f + 1, F_DEL)) {
            best = f;
            e.kind = K_DURATION;
            *out = e;
        }
    }
    /* por décadas / durante años / desde hace años */
    size_t k = i + 1;
    if ((F(i, F_POR) || F(i, F_DURANTE)) && (f = hx__tx_duration(p, k, &e, 1)) > best) {
        double v;
        if (hx__tx_single_unit(&e, &v) != U_NONE && v == -1) {
            best = f;
            e.kind = K_DURATION;
            *out = e;
            *start = k;
        }
    }
    /* desde hace años / tiempo: a duration; "desde hace dos años" is the point two
     * years back (TimeBank's "hace dos años", DATE), which modified() reads */
    double vv;
    if (F(i, F_DESDE) && F(i + 1, F_HACE) && (f = hx__tx_duration(p, i + 2, &e, 1)) > best &&
        hx__tx_single_unit(&e, &vv) != U_NONE && vv == -1) {
        best = f;
        e.kind = K_DURATION;
        *out = e;
        *start = i + 2;
    }
    tx_point pt;
    if ((f = hx__tx_point(p, i, &pt)) > best) {
        best = f;
        memset(out, 0, sizeof *out);
        out->kind = K_POINT;
        out->a = pt;
        if (pt.gran == G_NONE)
            *start = hx__tx_time_core(p, i, f);
        /* "2016 y más tarde", "1/1/2016 y después", "3 pm o más tarde" */
        if ((F(f, F_Y) || F(f, F_O)) && ((F(f + 1, F_MAS) && C(f + 2, L_POD)) ||
                                         (F(f + 1, F_DESPUES) && !F(f + 2, F_DE) &&
                                          !F(f + 2, F_DEL)))) {
            out->mod = M_SINCE;
            best = F(f + 1, F_DESPUES) ? f + 2 : f + 3;
        }
    }
#undef TRY
    /* 1/1/2015 después de las 2:00 */
    if (best && out->kind == K_POINT && out->mod == M_NONE && out->a.gran == G_DAY &&
        out->a.h < 0 && !out->a.pod) {
        tx_expr m;
        memset(&m, 0, sizeof m);
        if ((f = modified(p, best, &m)) && m.kind == K_POINT && m.a.gran == G_NONE &&
            m.a.h >= 0 && (m.mod == M_AFTER || m.mod == M_BEFORE || m.mod == M_SINCE)) {
            hx__tx_merge_time(&out->a, &m.a);
            out->mod = m.mod;
            best = f;
        }
    }
    return best;
}

/* Leading words Recognizers-Text leaves out of the text of an expression: "a"/"al"
 * before "finales de", "a las" before a clock, the article before "últimos N",
 * "trimestre", "siglo", "década", a part of the day.  Returns the first kept token. */
static size_t lead_skip(const hx__timex_scan *p, size_t i, size_t end, const tx_expr *e)
{
    size_t j = i;
    if (e->kind == K_SET && F(j, F_LOS) && C(j + 1, L_WDAY))
        return j + 1;
    if ((F(j, F_A) || F(j, F_AL)) && (F(j + 1, F_FINAL) || F(j + 1, F_FIN) ||
                                      F(j + 1, F_PRINCIPIO) || F(j + 1, F_MEDIADOS)))
        return j + 1;
    if (F(j, F_A) && (F(j + 1, F_LAS) || F(j + 1, F_LA)) && j + 2 < end)
        j++;
    int timed = (e->kind == K_POINT || e->kind == K_RANGE) ? e->a.h >= 0 : e->kind == K_SET;
    if ((F(j, F_LAS) || F(j, F_LA)) && j + 1 < end && timed) {
        tx_point t;
        if (hx__tx_clock(p, j + 1, 0, &t))
            return j + 1;
    }
    j = i;
    if (!(F(j, F_EL) || F(j, F_LA) || F(j, F_LOS) || F(j, F_LAS)) || j + 1 >= end)
        return i;
    if ((C(j + 1, L_ORDW) && V(j + 1) == 99) || F(j + 1, F_PROX) || F(j + 1, F_SIGUIENTE)) {
        /* los últimos 3 meses, el próximo trimestre; not "el mes pasado" */
        if (e->kind == K_RANGE && e->last && !e->inside)
            return j + 1;
    }
    if (e->kind == K_RANGE && e->last && !e->inside && (T(j + 1) == TX_TN || C(j + 1, L_NUMW)))
        return j + 1; /* las 10 semanas anteriores */
    if (C(j + 1, L_POD))
        return j + 1;
    if (e->kind == K_POINT && e->a.rel == R_WWEEK && (F(j + 1, F_PROX) || F(j + 1, F_PASADO)))
        return j + 1; /* la próxima semana el martes; not "la semana anterior - lunes" */
    if (e->kind == K_POINT && (e->a.gran == G_QUARTER || e->a.gran == G_HALF ||
                               e->a.gran == G_CENT ||
                               (e->a.gran == G_DEC && C(j + 1, L_UNIT) && V(j + 1) == U_DEC &&
                                !(C(j + 2, L_ORDW) && V(j + 2) == 99) && j + 2 < end &&
                                !F(j + 1, F_ESTE)) ||
                               (e->a.gran == G_DEC && C(j + 1, L_UNIT) && V(j + 1) == U_DEC &&
                                F(j + 2, F_DE))))
        return j + 1;
    return i;
}

/* Whether an expression is strong enough to report. */
static int plausible(const hx__timex_scan *p, size_t i, size_t end, const tx_expr *e)
{
    if (e->kind == K_DURATION) {
        /* "un día" alone is fine; "uno de los días" is not reached here */
        return 1;
    }
    if (e->kind == K_POINT && e->a.gran == G_YEAR && !e->a.rel && e->mod == M_NONE &&
        end == i + 1) {
        /* a bare 4-digit number: a year unless followed by a unit or noun-like number use */
        if (C(end, L_UNIT))
            return 0;
        if (hx__tx_pc(p, end, '%'))
            return 0;
    }
    return 1;
}

/* Function words that start an expression only when a known word follows. */
static int weak_start(int f)
{
    switch (f) {
    case F_DE: case F_DEL: case F_EL: case F_LA: case F_LOS: case F_LAS: case F_A: case F_AL:
    case F_EN: case F_Y: case F_O: case F_QUE: case F_LO: case F_UN: case F_POR: case F_PARA:
    case F_ESTE: case F_MAS: case F_MENOS: case F_TODO: case F_OTRO: case F_UNOS:
    case F_VARIOS: case F_MISMO: case F_ENTRE: case F_DESDE: case F_HASTA: case F_DURANTE:
    case F_ESE:
        return 1;
    default:
        return 0;
    }
}

/* A start that can only be a count: "por ciento", or a number in words or of up to
 * three digits right before ",", ")" or a full stop ("1,", "ciento.", "3)").  Returns
 * the tokens to skip, 0 when the start may be a time. */
static size_t bare_count(const hx__timex_scan *p, size_t i)
{
    const tx_tok *t = p->t;
    if (F(i, F_POR))
        return C(i + 1, L_NUMW) && t[i + 1].b1 - t[i + 1].b0 >= 4 &&
                       (!strncmp(p->text + t[i + 1].b0, "ciento", 6) ||
                        !strncmp(p->text + t[i + 1].b0, "cien", t[i + 1].b1 - t[i + 1].b0))
                   ? 2
                   : 0;
    if (!(t[i].kind == TX_TN ? t[i].ndig <= 3 : C(i, L_NUMW)) || i + 1 >= p->n)
        return 0;
    const tx_tok *x = &t[i + 1];
    if (x->kind != TX_TP || x->space)
        return 0;
    if (x->c == ',' || x->c == ')')
        return !(x->c == ',' && hx__tx_num(p, i + 2) && hx__tx_adj(p, i + 2)); /* 1,5 */
    /* a full stop ends a sentence: "15.30", "1.º" go on without a space */
    return x->c == '.' && !(i + 2 < p->n && !t[i + 2].space);
}

size_t hx__tx_find(const char *text, size_t len, tx_expr **out, size_t *cap, tx_marks *marks)
{
    tx_tok *toks = NULL;
    size_t tcap = 0, n = hx__tx_lex(text, len, &toks, &tcap), count = 0;
    if (n == (size_t)-1 || (marks && !hx__tx_mark(text, len, toks, n, marks))) {
        free(toks);
        return (size_t)-1;
    }
    tx_memos memo;
    for (size_t k = 0; k < TX_MEMO; k++)
        memo.point[k].i = memo.date[k].i = memo.num[k].i = SIZE_MAX;
    hx__timex_scan p = {text, len, toks, n, &memo};
    for (size_t i = 0; i < n;) {
        if ((toks[i].kind == TX_TP && toks[i].c != '>' && toks[i].c != '<') ||
            (toks[i].kind == TX_TW && !toks[i].lex)) {
            i++;
            continue;
        }
        /* a function word followed by an unknown word starts nothing */
        if (toks[i].lex && toks[i].cls == L_FUNC && weak_start(toks[i].val)) {
            /* "de la Casa": weak words, then an unknown word or punctuation */
            size_t k = i + 1;
            while (k < n && k < i + 3 && toks[k].cls == L_FUNC && weak_start(toks[k].val))
                k++;
            if (k >= n || (toks[k].kind == TX_TW && !toks[k].lex) ||
                (toks[k].kind == TX_TP && toks[k].c != '(' && toks[k].c != '>' &&
                 toks[k].c != '<')) {
                i++;
                continue;
            }
        }
        size_t skip = bare_count(&p, i);
        if (skip) {
            i += skip;
            continue;
        }
        tx_expr e;
        size_t start, end = top(&p, i, &e, &start);
        if (!end || !plausible(&p, i, end, &e)) {
            i++;
            continue;
        }
        if (start == i)
            start = lead_skip(&p, i, end, &e);
        if (count == *cap) {
            size_t nc = *cap ? *cap * 2 : 16;
            tx_expr *x = realloc(*out, nc * sizeof *x);
            if (!x) {
                free(toks);
                return (size_t)-1;
            }
            *out = x;
            *cap = nc;
        }
        e.b0 = toks[start].b0;
        e.b1 = toks[end - 1].b1;
        (*out)[count++] = e;
        i = end;
    }
    free(toks);
    return count;
}
