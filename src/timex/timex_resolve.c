/*
 * timex_resolve.c -- turns a tx_point (what was said) into concrete periods of the
 * calendar given a reference date, and writes TIMEX3 value strings.
 *
 * A point resolves to 0 candidates (no reference, or nothing to anchor), 1, or 2 (an
 * unknown year or week: the past one first, then the future one).  A candidate is a
 * half-open range of days [d0, d1) plus, for clock times, the time of day.
 * Invariants: d0 < d1 for every candidate; strings written are NUL-terminated and
 * never longer than their buffer.
 */
#include "timex/timex.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int64_t ref_day(const tx_ref *r)
{
    return hx__tx_days(r->y, r->m, r->d);
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void cand_days(tx_cand *c, int gran, int64_t d0, int64_t d1)
{
    memset(c, 0, sizeof *c);
    c->gran = gran;
    c->d0 = d0;
    c->d1 = d1;
    c->h = -1;
}

/* The period of granularity gran holding day d (a year, month, quarter...). */
static void period_of(int gran, int64_t d, int n, tx_cand *c)
{
    int y, m, dd;
    hx__tx_civil(d, &y, &m, &dd);
    switch (gran) {
    case G_YEAR:
        cand_days(c, gran, hx__tx_days(y, 1, 1), hx__tx_days(y + 1, 1, 1));
        break;
    case G_HALF: {
        int m0 = m <= 6 ? 1 : 7;
        int y1 = y, m1 = m0 + 6;
        if (m1 > 12) {
            m1 -= 12;
            y1++;
        }
        cand_days(c, gran, hx__tx_days(y, m0, 1), hx__tx_days(y1, m1, 1));
        break;
    }
    case G_QUARTER: {
        int m0 = (m - 1) / 3 * 3 + 1, y1 = y, m1 = m0 + 3;
        if (m1 > 12) {
            m1 -= 12;
            y1++;
        }
        cand_days(c, gran, hx__tx_days(y, m0, 1), hx__tx_days(y1, m1, 1));
        break;
    }
    case G_MONTH: {
        int y1 = y, m1 = m + 1;
        if (m1 > 12) {
            m1 = 1;
            y1++;
        }
        cand_days(c, gran, hx__tx_days(y, m, 1), hx__tx_days(y1, m1, 1));
        break;
    }
    case G_WEEK: {
        int64_t mon = d - (hx__tx_wday(d) - 1);
        cand_days(c, gran, mon, mon + 7);
        break;
    }
    case G_WEEKEND: {
        int64_t sat = d - (hx__tx_wday(d) - 1) + 5;
        cand_days(c, gran, sat, sat + 2);
        break;
    }
    case G_DEC: {
        int y0 = y - ((y % 10) + 10) % 10;
        cand_days(c, gran, hx__tx_days(y0, 1, 1), hx__tx_days(y0 + 10, 1, 1));
        break;
    }
    case G_CENT: {
        int y0 = y - ((y % 100) + 100) % 100;
        cand_days(c, gran, hx__tx_days(y0, 1, 1), hx__tx_days(y0 + 100, 1, 1));
        break;
    }
    case G_SEASON: {
        /* northern seasons by months: spring Mar-May, summer Jun-Aug, autumn Sep-Nov,
         * winter Dec-Feb (counted in the year of its December) */
        int s = n > 0 ? n : 1;
        int m0 = s == 1 ? 3 : s == 2 ? 6 : s == 3 ? 9 : 12;
        int y1 = y, m1 = m0 + 3;
        if (m1 > 12) {
            m1 -= 12;
            y1++;
        }
        cand_days(c, gran, hx__tx_days(y, m0, 1), hx__tx_days(y1, m1, 1));
        c->n = s;
        break;
    }
    default:
        cand_days(c, G_DAY, d, d + 1);
        break;
    }
}

/* Moves day d by off periods of gran. */
static int64_t move(int gran, int64_t d, int off)
{
    int y, m, dd;
    hx__tx_civil(d, &y, &m, &dd);
    switch (gran) {
    case G_CENT: return hx__tx_days(y + 100 * off, m, m == 2 && dd == 29 ? 28 : dd);
    case G_DEC: return hx__tx_days(y + 10 * off, m, m == 2 && dd == 29 ? 28 : dd);
    case G_YEAR:
    case G_SEASON: return hx__tx_days(y + off, m, m == 2 && dd == 29 ? 28 : dd);
    case G_HALF: hx__tx_add_months(&y, &m, &dd, 6 * off); return hx__tx_days(y, m, dd);
    case G_QUARTER: hx__tx_add_months(&y, &m, &dd, 3 * off); return hx__tx_days(y, m, dd);
    case G_MONTH: hx__tx_add_months(&y, &m, &dd, off); return hx__tx_days(y, m, dd);
    case G_WEEK:
    case G_WEEKEND: return d + 7 * off;
    default: return d + off;
    }
}

/* Past and future years for month m day d seen from the reference: the last one on
 * or before it and the first one on or after it (29 February jumps to leap years). */
static void md_years(const tx_ref *r, int m, int d, int *past, int *fut)
{
    int before = m < r->m || (m == r->m && d <= r->d);
    int after = m > r->m || (m == r->m && d > r->d);
    *past = before ? r->y : r->y - 1;
    *fut = after ? r->y : r->y + 1;
    if (m == 2 && d == 29) {
        while (!leap(*past))
            (*past)--;
        while (!leap(*fut))
            (*fut)++;
    }
}

/* Resolves the year-in-context of an ordinal period ("el primer trimestre de X"). */
static int container_year(const tx_point *pt, const tx_ref *r, int *y)
{
    if (pt->y >= 0 && pt->rel == R_ABS) {
        *y = pt->y;
        return 1;
    }
    if (!r->ok)
        return 0;
    *y = r->y + (pt->rel == R_UNIT ? pt->off : 0);
    return 1;
}

/* A weekday near the reference (R_WDAY). */
static int resolve_weekday(const tx_point *pt, int64_t rd, int news, tx_cand c[2])
{
    int rw = hx__tx_wday(rd);
    /* the past one is strictly before the reference (news: on or before), the
     * future one on or after */
    int back = (rw - pt->wd + 7) % 7;
    int64_t past = rd - (back ? back : news ? 0 : 7), fut = rd + ((pt->wd - rw + 7) % 7);
    int64_t mon = rd - (rw - 1), d;
    if (pt->off == 2) {
        cand_days(&c[0], G_DAY, past, past + 1);
        cand_days(&c[1], G_DAY, fut, fut + 1);
        return 2;
    }
    if (pt->off == 0)
        d = mon + pt->wd - 1;
    else if (news) /* the last one before / the next one after the reference */
        d = pt->off < 0 ? rd - (back ? back : 7) : (fut == rd ? rd + 7 : fut);
    else /* Recognizers-Text: that weekday of the previous / next week */
        d = mon + 7 * pt->off + pt->wd - 1;
    cand_days(&c[0], G_DAY, d, d + 1);
    return 1;
}

/* The reference moved by a number of units (R_SHIFT). */
static int resolve_shift(const tx_point *pt, const tx_ref *r, int64_t rd, tx_cand c[2])
{
    int64_t d = rd + pt->n;
    int yy, mm, dd;
    hx__tx_civil(d, &yy, &mm, &dd);
    switch (pt->unit) {
    case U_YEAR: hx__tx_add_months(&yy, &mm, &dd, 12 * pt->off); break;
    case U_DEC: hx__tx_add_months(&yy, &mm, &dd, 120 * pt->off); break;
    case U_CENT: hx__tx_add_months(&yy, &mm, &dd, 1200 * pt->off); break;
    case U_HALF: hx__tx_add_months(&yy, &mm, &dd, 6 * pt->off); break;
    case U_QUARTER: hx__tx_add_months(&yy, &mm, &dd, 3 * pt->off); break;
    case U_MONTH: hx__tx_add_months(&yy, &mm, &dd, pt->off); break;
    case U_FORTNIGHT: hx__tx_civil(d + 15 * pt->off, &yy, &mm, &dd); break;
    case U_WEEK: hx__tx_civil(d + 7 * pt->off, &yy, &mm, &dd); break;
    case U_DAY: hx__tx_civil(d + pt->off, &yy, &mm, &dd); break;
    default: {
        int64_t secs = (int64_t)r->h * 3600 + r->mi * 60 + r->s;
        secs += (int64_t)pt->off * (pt->unit == U_HOUR ? 3600 : pt->unit == U_MIN ? 60 : 1);
        int64_t dd2 = d + (secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400));
        secs -= (dd2 - d) * 86400;
        cand_days(&c[0], G_DAY, dd2, dd2 + 1);
        c[0].h = (int)(secs / 3600);
        c[0].mi = (int)(secs / 60 % 60);
        c[0].s = (int)(secs % 60);
        c[0].clock = 1;
        return 1;
    }
    }
    int64_t x = hx__tx_days(yy, mm, dd);
    cand_days(&c[0], G_DAY, x, x + 1);
    return 1;
}

/* A day: with its year, or the past and future readings of a day and month, or of a day
 * of the month alone. */
static int resolve_day(const tx_point *pt, const tx_ref *r, int64_t rd, tx_cand c[2])
{
    int py, fy;
    if (pt->m < 0) {
        if (pt->d < 0 || !r->ok)
            return 0;
        /* the day alone: this month's or the nearest months with that day (and
         * weekday, when one was said) */
        int64_t got[2];
        for (int dir = 0; dir < 2; dir++) {
            int yy = r->y, mm = r->m, dd = 1;
            got[dir] = 0;
            for (int k = 0; k < 48; k++) {
                if (pt->d <= hx__tx_mdays(yy, mm)) {
                    int64_t x = hx__tx_days(yy, mm, pt->d);
                    if ((dir == 0 ? x <= rd : x >= rd) &&
                        (!pt->wd || hx__tx_wday(x) == pt->wd)) {
                        got[dir] = x;
                        break;
                    }
                }
                hx__tx_add_months(&yy, &mm, &dd, dir == 0 ? -1 : 1);
            }
        }
        if (pt->fut > 0 && got[1]) {
            cand_days(&c[0], G_DAY, got[1], got[1] + 1);
            return 1;
        }
        cand_days(&c[0], G_DAY, got[0], got[0] + 1);
        cand_days(&c[1], G_DAY, got[1], got[1] + 1);
        return 2;
    }
    if (pt->y >= 0) {
        if (pt->d > hx__tx_mdays(pt->y, pt->m))
            return 0;
        int64_t x = hx__tx_days(pt->y, pt->m, pt->d);
        cand_days(&c[0], G_DAY, x, x + 1);
        return 1;
    }
    if (!r->ok || pt->d > hx__tx_mdays(2000, pt->m))
        return 0;
    md_years(r, pt->m, pt->d, &py, &fy);
    cand_days(&c[0], G_DAY, hx__tx_days(py, pt->m, pt->d), hx__tx_days(py, pt->m, pt->d) + 1);
    cand_days(&c[1], G_DAY, hx__tx_days(fy, pt->m, pt->d), hx__tx_days(fy, pt->m, pt->d) + 1);
    if (pt->fut) {
        if (pt->fut > 0)
            c[0] = c[1];
        return 1;
    }
    return 2;
}

/* A month: with its year, the first or last of a year, or the past and future readings. */
static int resolve_month(const tx_point *pt, const tx_ref *r, tx_cand c[2])
{
    int y, py, fy;
    if (pt->nth && pt->m < 0) {
        if (!container_year(pt, r, &y))
            return 0;
        period_of(G_MONTH, hx__tx_days(y, pt->nth == 99 ? 12 : 1, 1), 0, &c[0]);
        return 1;
    }
    if (pt->y >= 0) {
        period_of(G_MONTH, hx__tx_days(pt->y, pt->m, 1), 0, &c[0]);
        return 1;
    }
    if (!r->ok)
        return 0;
    if (pt->fut == 2) { /* este septiembre: the reference's year */
        period_of(G_MONTH, hx__tx_days(r->y, pt->m, 1), 0, &c[0]);
        return 1;
    }
    py = pt->m <= r->m ? r->y : r->y - 1;
    fy = pt->m >= r->m ? r->y : r->y + 1;
    if (pt->fut > 0 && pt->m == r->m)
        fy = r->y + 1; /* "junio próximo" said in June */
    if (pt->fut < 0 && pt->m == r->m)
        py = r->y - 1;
    period_of(G_MONTH, hx__tx_days(py, pt->m, 1), 0, &c[0]);
    period_of(G_MONTH, hx__tx_days(fy, pt->m, 1), 0, &c[1]);
    if (pt->fut) {
        if (pt->fut > 0)
            c[0] = c[1];
        return 1;
    }
    return 2;
}

/* The Monday of week nth (99: the last) of month m of year y, as Recognizers-Text
 * counts them: the first week starts on the first Monday of the month; a fifth week
 * that leaves the month is the fourth. */
static int64_t month_week(int y, int m, int nth)
{
    int64_t first = hx__tx_days(y, m, 1);
    int64_t mon = first + (8 - hx__tx_wday(first)) % 7;
    int k = nth == 99 ? 5 : nth;
    int64_t d = mon + 7 * (k - 1);
    int yy, mm, dd;
    hx__tx_civil(d, &yy, &mm, &dd);
    if (mm != m && k == 5)
        d -= 7;
    return d;
}

/* Week nth of a month ("la primera semana de julio", "la última semana del mes que
 * viene"): the month's readings (past and future when the year is open), each turned
 * into the week. */
static int resolve_month_week(const tx_point *pt, const tx_ref *r, tx_cand c[2])
{
    tx_point mp = *pt;
    mp.gran = G_MONTH;
    mp.nth = 0;
    mp.n = 0;
    int n;
    if (pt->rel == R_UNIT) {
        if (!r->ok)
            return 0;
        period_of(G_MONTH, move(G_MONTH, ref_day(r), pt->off), 0, &c[0]);
        n = 1;
    } else if ((n = resolve_month(&mp, r, c)) == 0)
        return 0;
    if (pt->nth < 1 || (pt->nth > 5 && pt->nth != 99))
        return 0;
    for (int k = 0; k < n; k++) {
        int y, m, d;
        hx__tx_civil(c[k].d0, &y, &m, &d);
        int64_t mon = month_week(y, m, pt->nth);
        cand_days(&c[k], G_WEEK, mon, mon + 7);
    }
    return n;
}

/* Years, quarters, halves, ISO weeks, seasons, decades and centuries. */
static int resolve_period(const tx_point *pt, const tx_ref *r, tx_cand c[2])
{
    int y;
    switch (pt->gran) {
    case G_YEAR:
        if (pt->y < 0)
            return 0;
        period_of(G_YEAR, hx__tx_days(pt->y, 1, 1), 0, &c[0]);
        return 1;
    case G_QUARTER:
    case G_HALF: {
        if (!container_year(pt, r, &y))
            return 0;
        int per = pt->gran == G_QUARTER ? 3 : 6, cnt = 12 / per;
        int k = pt->nth == 99 ? cnt : pt->nth;
        if (k < 1 || k > cnt)
            return 0;
        period_of(pt->gran, hx__tx_days(y, (k - 1) * per + 1, 1), 0, &c[0]);
        return 1;
    }
    case G_WEEK: {
        if (pt->n == -2)
            return resolve_month_week(pt, r, c);
        if (pt->n == -3) { /* the week holding a day */
            tx_point dp = *pt;
            dp.gran = G_DAY;
            dp.n = 0;
            int n = hx__tx_resolve(&dp, r, 1, c);
            for (int k = 0; k < n; k++) {
                int64_t mon = c[k].d0 - (hx__tx_wday(c[k].d0) - 1);
                cand_days(&c[k], G_WEEK, mon, mon + 7);
            }
            return n;
        }
        if (!container_year(pt, r, &y))
            return 0;
        int w = pt->nth;
        if (w == 99) {
            int wy;
            w = hx__tx_isoweek(hx__tx_days(y, 12, 28), &wy);
        }
        int64_t mon = hx__tx_isoweek_monday(y, w);
        cand_days(&c[0], G_WEEK, mon, mon + 7);
        return 1;
    }
    case G_SEASON:
        if (pt->y < 0) {
            if (!r->ok)
                return 0;
            /* the season of this year: RT leaves it unresolved anyway */
            period_of(G_SEASON, hx__tx_days(r->y, 1, 1), pt->n, &c[0]);
            c[0].yunk = 1;
            return 1;
        }
        period_of(G_SEASON, hx__tx_days(pt->y, 1, 1), pt->n, &c[0]);
        return 1;
    case G_DEC:
        if (pt->n >= 1000) {
            period_of(G_DEC, hx__tx_days(pt->n, 1, 1), 0, &c[0]);
            return 1;
        }
        period_of(G_DEC, hx__tx_days(1900 + pt->n, 1, 1), 0, &c[0]);
        period_of(G_DEC, hx__tx_days(2000 + pt->n, 1, 1), 0, &c[1]);
        return 2;
    case G_CENT:
        period_of(G_CENT, hx__tx_days((pt->n - 1) * 100, 1, 1), 0, &c[0]);
        return 1;
    default:
        return 0;
    }
}

/* The year of a season said with a shifter: "este verano" the reference's year, "el
 * verano pasado" / "el último verano" the last one over before the reference (in
 * December, this year's summer), "el próximo verano" the next one to begin after it.
 * Seasons by months: spring from March, summer June, autumn September, winter
 * December (into the next year). */
static int season_year(const tx_point *pt, const tx_ref *r)
{
    static const int start[5] = {6, 3, 6, 9, 12};
    int s = start[pt->n >= 1 && pt->n <= 4 ? pt->n : 0];
    int ref = r->y * 12 + (r->m - 1); /* months since year 0 */
    if (pt->off < 0) {
        int y = r->y;
        while (y * 12 + (s - 1) + 3 > ref) /* its end is after the reference */
            y--;
        return y + (pt->off + 1);
    }
    if (pt->off > 0) {
        int y = r->y;
        while (y * 12 + (s - 1) <= ref) /* it began already */
            y++;
        return y + (pt->off - 1);
    }
    return r->y;
}

int hx__tx_resolve(const tx_point *pt, const tx_ref *r, int news, tx_cand c[2])
{
    int64_t rd = r->ok ? ref_day(r) : 0;
    switch (pt->rel) {
    case R_NOW:
        if (!r->ok)
            return 0;
        cand_days(&c[0], G_DAY, rd, rd + 1);
        c[0].h = r->h;
        c[0].mi = r->mi;
        c[0].s = r->s;
        return 1;
    case R_DAY:
        if (!r->ok)
            return 0;
        cand_days(&c[0], G_DAY, rd + pt->off, rd + pt->off + 1);
        return 1;
    case R_UNIT:
        if (!r->ok)
            return 0;
        if (pt->nth && (pt->gran == G_QUARTER || pt->gran == G_HALF || pt->gran == G_WEEK))
            break; /* an ordinal inside a relative year: below */
        if (pt->gran == G_SEASON) {
            period_of(G_SEASON, hx__tx_days(season_year(pt, r), 1, 1), pt->n, &c[0]);
            return 1;
        }
        period_of(pt->gran, move(pt->gran, rd, pt->off), pt->n, &c[0]);
        return 1;
    case R_WDAY:
        return r->ok ? resolve_weekday(pt, rd, news, c) : 0;
    case R_WWEEK: {
        if (!r->ok)
            return 0;
        int64_t d = rd - (hx__tx_wday(rd) - 1) + 7 * pt->off + pt->wd - 1;
        cand_days(&c[0], G_DAY, d, d + 1);
        return 1;
    }
    case R_SHIFT:
        return r->ok ? resolve_shift(pt, r, rd, c) : 0;
    default:
        break;
    }
    /* absolute, or an ordinal period inside a (maybe relative) year */
    if (pt->gran == G_DAY)
        return resolve_day(pt, r, rd, c);
    if (pt->gran == G_MONTH)
        return resolve_month(pt, r, c);
    return resolve_period(pt, r, c);
}

/* ---------------------------------------------------------------- strings */

/* v (0 <= v < 10^width) in exactly width digits at p; returns the end. */
static char *digits(char *p, int v, int width)
{
    for (int k = width - 1; k >= 0; k--, v /= 10)
        p[k] = (char)('0' + v % 10);
    return p + width;
}

void hx__tx_fmt_ymd(char *out, size_t cap, int y, int m, int d)
{
    if (cap < 11 || y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) {
        snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
        return;
    }
    char *p = digits(out, y, 4);
    *p++ = '-';
    p = digits(p, m, 2);
    *p++ = '-';
    p = digits(p, d, 2);
    *p = '\0';
}

void hx__tx_fmt_hms(char *out, size_t cap, int h, int mi, int s, int secs)
{
    if (cap < 10 || h < 0 || h > 99 || mi < 0 || mi > 99 || (secs && (s < 0 || s > 99))) {
        if (secs)
            snprintf(out, cap, "T%02d:%02d:%02d", h, mi, s);
        else
            snprintf(out, cap, "T%02d:%02d", h, mi);
        return;
    }
    char *p = out;
    *p++ = 'T';
    p = digits(p, h, 2);
    *p++ = ':';
    p = digits(p, mi, 2);
    if (secs) {
        *p++ = ':';
        p = digits(p, s, 2);
    }
    *p = '\0';
}

void hx__tx_fmt_day(char *out, size_t cap, int64_t d)
{
    int y, m, dd;
    hx__tx_civil(d, &y, &m, &dd);
    hx__tx_fmt_ymd(out, cap, y, m, dd);
}

/* The TIMEX3 value of a concrete candidate at its granularity. */
void hx__tx_fmt_cand(char *out, size_t cap, const tx_cand *c)
{
    int y, m, d, wy;
    hx__tx_civil(c->d0, &y, &m, &d);
    static const char *const seasons[5] = {"", "SP", "SU", "FA", "WI"};
    switch (c->gran) {
    case G_CENT: snprintf(out, cap, "%02d", y / 100); break;
    case G_DEC: snprintf(out, cap, "%03d", y / 10); break;
    case G_YEAR:
        if (cap >= 5 && y >= 0 && y <= 9999)
            *digits(out, y, 4) = '\0'; /* what "%04d" writes */
        else
            snprintf(out, cap, "%04d", y);
        break;
    case G_HALF: snprintf(out, cap, "%04d-H%d", y, m <= 6 ? 1 : 2); break;
    case G_QUARTER: snprintf(out, cap, "%04d-Q%d", y, (m - 1) / 3 + 1); break;
    case G_SEASON: snprintf(out, cap, "%04d-%s", y, seasons[c->n >= 1 && c->n <= 4 ? c->n : 2]);
        break;
    case G_MONTH:
        if (cap >= 8 && y >= 0 && y <= 9999) {
            char *p = digits(out, y, 4); /* what "%04d-%02d" writes */
            *p++ = '-';
            *digits(p, m, 2) = '\0';
        } else
            snprintf(out, cap, "%04d-%02d", y, m);
        break;
    case G_WEEK: {
        int w = hx__tx_isoweek(c->d0, &wy);
        snprintf(out, cap, "%04d-W%02d", wy, w);
        break;
    }
    case G_WEEKEND: {
        int w = hx__tx_isoweek(c->d0, &wy);
        snprintf(out, cap, "%04d-W%02d-WE", wy, w);
        break;
    }
    default: hx__tx_fmt_ymd(out, cap, y, m, d); break;
    }
}

/* The value as said, with X for what the text left open ("XXXX-10-02", "XXXX-WXX-5",
 * "XXXX-XX-21", "XXXX-04", "XX90"); "" when the point is fully concrete (then the
 * candidate gives the value) or relative without a reference. */
void hx__tx_fmt_said(char *out, size_t cap, const tx_point *pt)
{
    static const char *const seasons[5] = {"", "SP", "SU", "FA", "WI"};
    out[0] = 0;
    if (pt->rel == R_WDAY && pt->off == 2) {
        snprintf(out, cap, "XXXX-WXX-%d", pt->wd);
        return;
    }
    if (pt->gran == G_WEEK && pt->n == -2 && pt->m > 0) {
        int nth = pt->nth == 99 ? 5 : pt->nth; /* la primera semana de julio */
        if (pt->y >= 0)
            snprintf(out, cap, "%04d-%02d-W%02d", pt->y, pt->m, nth);
        else
            snprintf(out, cap, "XXXX-%02d-W%02d", pt->m, nth);
        return;
    }
    if (pt->rel != R_ABS)
        return;
    switch (pt->gran) {
    case G_DAY:
        if (pt->m < 0 && pt->fut)
            break;
        if (pt->m < 0 && pt->wd)
            snprintf(out, cap, "XXXX-WXX-%d", pt->wd);
        else if (pt->m < 0 && pt->d > 0)
            snprintf(out, cap, "XXXX-XX-%02d", pt->d);
        else if (pt->y < 0 && pt->m > 0)
            snprintf(out, cap, "XXXX-%02d-%02d", pt->m, pt->d);
        else if (pt->y >= 0 && pt->d > hx__tx_mdays(pt->y, pt->m))
            snprintf(out, cap, "%04d-%02d-%02d", pt->y, pt->m, pt->d); /* 29/2/2019 */
        break;
    case G_MONTH:
        if (pt->y < 0 && pt->m > 0 && pt->fut != 2)
            snprintf(out, cap, "XXXX-%02d", pt->m);
        break;
    case G_SEASON:
        if (pt->y < 0)
            snprintf(out, cap, "%s", seasons[pt->n >= 1 && pt->n <= 4 ? pt->n : 2]);
        break;
    case G_DEC:
        if (pt->n < 100)
            snprintf(out, cap, "XX%d", pt->n / 10);
        break;
    default:
        break;
    }
}

/* Underspecified value for a relative point without a reference. */
void hx__tx_fmt_unanchored(char *out, size_t cap, const tx_point *pt)
{
    switch (pt->gran) {
    case G_YEAR: snprintf(out, cap, "XXXX"); break;
    case G_MONTH: snprintf(out, cap, "XXXX-XX"); break;
    case G_WEEK: snprintf(out, cap, "XXXX-WXX"); break;
    case G_WEEKEND: snprintf(out, cap, "XXXX-WXX-WE"); break;
    case G_QUARTER: snprintf(out, cap, "XXXX-QX"); break;
    case G_HALF: snprintf(out, cap, "XXXX-HX"); break;
    case G_DEC: snprintf(out, cap, "XXX"); break;
    case G_CENT: snprintf(out, cap, "XX"); break;
    case G_SEASON: {
        static const char *const seasons[5] = {"SU", "SP", "SU", "FA", "WI"};
        snprintf(out, cap, "XXXX-%s", seasons[pt->n >= 1 && pt->n <= 4 ? pt->n : 0]);
        break;
    }
    default:
        if (pt->rel == R_WDAY || pt->rel == R_WWEEK)
            snprintf(out, cap, "XXXX-WXX-%d", pt->wd);
        else if (pt->rel == R_NOW)
            snprintf(out, cap, "PRESENT_REF");
        else
            snprintf(out, cap, "XXXX-XX-XX");
        break;
    }
}

/* The one writer of ISO 8601 durations (see timex.h).  Units in the order they are
 * written: the date part, then "T" and the time part. */
void hx__tx_fmt_dur(char *out, size_t cap, const double *amt, int style)
{
    static const struct { int u; const char *sym; int time; double rt_mul; const char *rt_sym; }
        order[] = {{U_CENT, "CE", 0, 1, "CE"},   {U_DEC, "DE", 0, 1, "DE"},
                   {U_YEAR, "Y", 0, 1, "Y"},     {U_HALF, "H", 0, 6, "M"},
                   {U_QUARTER, "Q", 0, 3, "M"},  {U_MONTH, "M", 0, 1, "M"},
                   {U_FORTNIGHT, "F", 0, 15, "D"}, {U_WEEK, "W", 0, 1, "W"},
                   {U_WEEKEND, "WE", 0, 1, "WE"}, {U_DAY, "D", 0, 1, "D"},
                   {U_NIGHT, "D", 0, 1, "D"},    {U_HOUR, "H", 1, 1, "H"},
                   {U_MIN, "M", 1, 1, "M"},      {U_SEC, "S", 1, 1, "S"}};
    assert(cap > 0 && (style == TX_DUR_TIMEX3 || style == TX_DUR_RT));
    int rt = style == TX_DUR_RT;
    size_t room = rt ? 0 : 12; /* TIMEX3 stops while 12 bytes are left for one more unit */
    size_t n = (size_t)snprintf(out, cap, "P");
    int t = 0;
    double yr[2] = {0, 0}; /* TIMEX3: a fractional century or decade is said in years (P350Y) */
    if (!rt && amt[U_CENT] > 0 && amt[U_CENT] != floor(amt[U_CENT]))
        yr[0] = amt[U_CENT] * 100;
    if (!rt && amt[U_DEC] > 0 && amt[U_DEC] != floor(amt[U_DEC]))
        yr[1] = amt[U_DEC] * 10;
    for (size_t k = 0; k < sizeof order / sizeof order[0] && n + room < cap; k++) {
        int u = order[k].u;
        double a = amt[u];
        if ((u == U_CENT && yr[0]) || (u == U_DEC && yr[1]))
            continue;
        if (u == U_YEAR && (yr[0] || yr[1]))
            a = (a > 0 ? a : 0) + yr[0] + yr[1];
        if (a == 0)
            continue;
        if (order[k].time && !t) {
            n += (size_t)snprintf(out + n, cap - n, "T");
            t = 1;
        }
        if (n >= cap)
            break;
        if (rt ? a == -1 : a < 0) /* an unknown amount ("unos días"); RT marks only -1 */
            n += (size_t)snprintf(out + n, cap - n, "X%s", order[k].sym);
        else if (rt)
            n += (size_t)snprintf(out + n, cap - n, "%g%s", fabs(a) * order[k].rt_mul,
                                  order[k].rt_sym);
        else if (u == U_HOUR && a != floor(a)) { /* TIMEX3: 1.5 hours is PT1H30M */
            n += (size_t)snprintf(out + n, cap - n, "%gH", floor(a));
            if (amt[U_MIN] == 0 && n < cap)
                n += (size_t)snprintf(out + n, cap - n, "%gM", (a - floor(a)) * 60);
        } else
            n += (size_t)snprintf(out + n, cap - n, "%g%s", a, order[k].sym);
    }
}
