/*
 * datetime_rt.c -- hx__recognize_datetime: the time expressions of a text as a JSON
 * array shaped like Microsoft Recognizers-Text datetimeV2 results:
 *   {"Text","Start","End","TypeName":"datetimeV2.date",
 *    "Resolution":{"values":[{"timex","type","value" | "start"/"end", "Mod"...}]}}
 * Text is the matched text lower-cased; Start/End count code points, End inclusive.
 *
 * Invariants: the output is always one well-formed JSON array (possibly empty);
 * values are listed past before future and, for an hour that may be a.m. or p.m., the
 * hour as written before the other one, as Recognizers-Text does.
 */
#include "compat/compat.h"
#include "timex/timex.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- small writers */

typedef struct rt_obj {
    hx__buf *b;
    int n; /* members written */
} rt_obj;

static void obj_open(rt_obj *o, hx__buf *b)
{
    o->b = b;
    o->n = 0;
    hx__buf_putc(b, '{');
}

static void kv(rt_obj *o, const char *k, const char *v)
{
    if (o->n++)
        hx__buf_putc(o->b, ',');
    hx__buf_json_str(o->b, k, strlen(k));
    hx__buf_putc(o->b, ':');
    hx__buf_json_str(o->b, v, strlen(v));
}

static void obj_close(rt_obj *o)
{
    hx__buf_putc(o->b, '}');
}

/* The values array being written. */
typedef struct rt_vals {
    hx__buf *b;
    int n;
} rt_vals;

static void val_begin(rt_vals *v, rt_obj *o)
{
    if (v->n++)
        hx__buf_putc(v->b, ',');
    obj_open(o, v->b);
}

/* Recognizers-Text "Mod" names, indexed by M_* (NULL: not written). */
static const char *const mod_names[] = {NULL, "start", "mid", "end", "before", "after",
                                        "since", "until", "approx", "less", "more",
                                        NULL, NULL, NULL};

static const char *pod_code(char pod)
{
    switch (pod) {
    case 'M': case 'm': return "MO";
    case 'A': return "AF";
    case 'E': return "EV";
    default: return "NI";
    }
}

static void pod_hours(char pod, const char **s, const char **e)
{
    switch (pod) {
    case 'M': case 'm': *s = "08:00:00"; *e = "12:00:00"; break;
    case 'A': *s = "12:00:00"; *e = "16:00:00"; break;
    case 'E': *s = "16:00:00"; *e = "20:00:00"; break;
    default: *s = "20:00:00"; *e = "23:59:59"; break;
    }
}

/* The first or second half of a part of the day (más tarde esta tarde: 18-20). */
static void pod_half(char pod, int late, const char **s, const char **e)
{
    static const char *const h[4][3] = {{"08:00:00", "10:00:00", "12:00:00"},
                                        {"12:00:00", "14:00:00", "16:00:00"},
                                        {"16:00:00", "18:00:00", "20:00:00"},
                                        {"20:00:00", "22:00:00", "23:59:59"}};
    int k = pod == 'A' ? 1 : pod == 'E' ? 2 : pod == 'N' ? 3 : 0;
    *s = h[k][late ? 1 : 0];
    *e = h[k][late ? 2 : 1];
}

/* "T15", "T15:30", "T15:30:10" for hour h of a point. */
static void fmt_tsuffix(char *out, size_t cap, const tx_point *pt, int h)
{
    if (pt->tprec >= 3)
        snprintf(out, cap, "T%02d:%02d:%02d", h, pt->mi, pt->s);
    else if (pt->tprec == 2)
        snprintf(out, cap, "T%02d:%02d", h, pt->mi);
    else
        snprintf(out, cap, "T%02d", h);
}

/* The hours a point may mean: the written one, then the other half of the day. */
static int hour_alts(const tx_point *pt, int hs[2])
{
    hs[0] = pt->h == 24 ? 0 : pt->h;
    if (!pt->amb)
        return 1;
    hs[1] = pt->h == 12 ? 0 : pt->h + 12;
    return 2;
}

static void fmt_dt(char *out, size_t cap, int64_t d, int h, int mi, int s)
{
    char day[16];
    hx__tx_fmt_day(day, sizeof day, d);
    snprintf(out, cap, "%s %02d:%02d:%02d", day, h, mi, s);
}

/* A duration's ISO form from amounts per unit ("P3M2W2D", "PT1H30M", "PT1.5H"). */
static double dur_secs(const double *amt)
{
    static const double secs[U_BDAY + 1] = {
        [U_CENT] = 3153600000.0, [U_DEC] = 315360000.0, [U_YEAR] = 31536000.0,
        [U_HALF] = 15552000.0, [U_QUARTER] = 7776000.0, [U_MONTH] = 2592000.0,
        [U_FORTNIGHT] = 1296000.0, [U_WEEK] = 604800.0, [U_WEEKEND] = 172800.0,
        [U_DAY] = 86400.0, [U_NIGHT] = 86400.0, [U_HOUR] = 3600.0, [U_MIN] = 60.0,
        [U_SEC] = 1.0, [U_BDAY] = 86400.0};
    double t = 0;
    for (int k = 0; k <= U_BDAY; k++)
        t += fabs(amt[k]) * secs[k];
    return t;
}

static void fmt_num(char *out, size_t cap, double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        snprintf(out, cap, "%lld", (long long)v);
    else
        snprintf(out, cap, "%g", v);
}

/* ---------------------------------------------------------------- points */

static void rt_last(hx__buf *b, const tx_expr *e, const tx_ref *r, const char **tn);

/* The day part of a timex for candidate c: the said form when the text left fields
 * open, else the concrete day. */
static void day_timex(char *out, size_t cap, const tx_point *pt, const tx_cand *c)
{
    char said[40];
    hx__tx_fmt_said(said, sizeof said, pt);
    if (said[0])
        snprintf(out, cap, "%s", said);
    else
        hx__tx_fmt_day(out, cap, c->d0);
}

/* A range-shaped timex for periods Recognizers-Text writes as ranges. */
static int period_range_timex(char *out, size_t cap, const tx_point *pt, const tx_cand *c)
{
    char a[16], b[16];
    const char *dur;
    switch (c->gran) {
    case G_QUARTER: dur = "P3M"; break;
    case G_HALF: dur = "P6M"; break;
    case G_DEC: dur = "P10Y"; break;
    case G_CENT: dur = "P100Y"; break;
    default: return 0;
    }
    if (c->gran == G_DEC && pt->rel == R_ABS && pt->n < 100) {
        snprintf(out, cap, "(XX%02d-01-01,XX%02d-01-01,P10Y)", pt->n, (pt->n + 10) % 100);
        return 1;
    }
    hx__tx_fmt_day(a, sizeof a, c->d0);
    hx__tx_fmt_day(b, sizeof b, c->d1);
    snprintf(out, cap, "(%s,%s,%s)", a, b, dur);
    return 1;
}

/* Start and end days of a period narrowed by start/mid/end. */
static void narrow(const tx_cand *c, int mod, int64_t *d0, int64_t *d1)
{
    *d0 = c->d0;
    *d1 = c->d1;
    int y, m, d;
    hx__tx_civil(c->d0, &y, &m, &d);
    if (c->gran == G_MONTH) {
        if (mod == M_START)
            *d1 = hx__tx_days(y, m, 16);
        else if (mod == M_END)
            *d0 = hx__tx_days(y, m, 16);
        else {
            *d0 = hx__tx_days(y, m, 10);
            *d1 = hx__tx_days(y, m, 21);
        }
    } else if (c->gran == G_YEAR) {
        if (mod == M_START)
            *d1 = hx__tx_days(y, 7, 1);
        else if (mod == M_END)
            *d0 = hx__tx_days(y, 7, 1);
        else {
            *d0 = hx__tx_days(y, 4, 1);
            *d1 = hx__tx_days(y, 10, 1);
        }
    } else if (c->gran == G_WEEK) {
        if (mod == M_START)
            *d1 = c->d0 + 3;
        else if (mod == M_END)
            *d0 = c->d0 + 4;
        else {
            *d0 = c->d0 + 2;
            *d1 = c->d0 + 5;
        }
    }
}

/* Writes the result of a point; returns the TypeName suffix in *tn. */
/* What the steps of rt_point share: the expression, its resolved candidates and what
 * was said; each step returns 1 when it wrote the values. */
typedef struct rt_pt {
    hx__buf *b;
    const tx_expr *e;
    const tx_ref *r;
    const char **tn;
    const char *mod;
    int bound;     /* before, after, since or until */
    tx_cand c[2];  /* the readings (resolved by rt_point) */
    int n;
    char said[40]; /* the timex as said ("XXXX-05-02"), or "" */
} rt_pt;

/* The locals every step uses, taken from x. */
#define RT_PT_LOCALS(x)                                                                 \
    const tx_expr *e = (x)->e;                                                          \
    const tx_point *pt = &e->a;                                                         \
    const tx_ref *r = (x)->r;                                                           \
    const char **tn = (x)->tn;                                                          \
    const char *mod = (x)->mod;                                                         \
    int bound = (x)->bound;                                                             \
    tx_cand *c = (x)->c;                                                                \
    int n = (x)->n;                                                                     \
    const char *said = (x)->said;                                                       \
    rt_vals vs = {(x)->b, 0};                                                           \
    rt_obj o;                                                                           \
    char tx[192], v1[40], v2[40], ts[16];                                               \
    int hs[2], nh;                                                                      \
    (void)pt, (void)r, (void)tn, (void)mod, (void)bound, (void)c, (void)n, (void)said,  \
        (void)&vs, (void)&o, (void)tx, (void)v1, (void)v2, (void)ts, (void)hs, (void)&nh

/* A part of the day on each of the nc resolved days: one datetimerange from "day from" to
 * "day to" per reading, with Mod podmod when it is not NULL.  Returns 1. */
static int rt_pod_days(rt_pt *x, int nc, const char *podmod, const char *from, const char *to)
{
    RT_PT_LOCALS(x);
    for (int q = 0; q < nc; q++) {
        char dt[40], dd[16];
        day_timex(dt, sizeof dt, pt, &c[q]);
        snprintf(tx, sizeof tx, "%sT%s", dt, pod_code(pt->pod));
        hx__tx_fmt_day(dd, sizeof dd, c[q].d0);
        val_begin(&vs, &o);
        kv(&o, "timex", tx);
        if (podmod)
            kv(&o, "Mod", podmod);
        kv(&o, "type", "datetimerange");
        snprintf(v1, sizeof v1, "%s %s", dd, from);
        snprintf(v2, sizeof v2, "%s %s", dd, to);
        kv(&o, "start", v1);
        kv(&o, "end", v2);
        obj_close(&o);
    }
    return 1;
}

/* A part of the day narrowed: "más tarde esta tarde", "fin de esta mañana". */
static int rt_pod_narrowed(rt_pt *x)
{
    RT_PT_LOCALS(x);
    if (!(pt->pod && pt->h < 0 && (pt->gran == G_NONE || pt->gran == G_DAY) && (e->mod == M_LATER || e->mod == M_EARLIER || e->mod == M_END || e->mod == M_START)))
        return 0;
    const char *s, *en;
    int late = e->mod == M_LATER || e->mod == M_END;
    pod_half(pt->pod, late, &s, &en);
    if (pt->gran == G_NONE) {
        *tn = "timerange";
        snprintf(tx, sizeof tx, "T%s", pod_code(pt->pod));
        val_begin(&vs, &o);
        kv(&o, "timex", tx);
        kv(&o, "Mod", late ? "end" : "start");
        kv(&o, "type", "timerange");
        kv(&o, "start", s);
        kv(&o, "end", en);
        obj_close(&o);
        return 1;
    }
    n = hx__tx_resolve(pt, r, 0, c);
    *tn = "datetimerange";
    return rt_pod_days(x, n, late ? "end" : "start", s, en);
}

/* A time of day only: a clock time or a part of the day. */
static int rt_time_of_day(rt_pt *x)
{
    RT_PT_LOCALS(x);
    if (!(pt->gran == G_NONE && pt->rel != R_NOW && pt->rel != R_SHIFT))
        return 0;
    if (pt->h >= 0) {
        *tn = bound || e->mod == M_APPROX ? (bound ? "timerange" : "time") : "time";
        nh = hour_alts(pt, hs);
        for (int k = 0; k < nh; k++) {
            fmt_tsuffix(tx, sizeof tx, pt, hs[k]);
            snprintf(v1, sizeof v1, "%02d:%02d:%02d", hs[k], pt->mi, pt->s);
            val_begin(&vs, &o);
            kv(&o, "timex", tx);
            if (mod)
                kv(&o, "Mod", mod);
            kv(&o, "type", mod ? "timerange" : "time");
            if (e->mod == M_AFTER || e->mod == M_SINCE) {
                kv(&o, "start", v1);
                kv(&o, "sourceEntity", "datetimepoint");
            } else if (e->mod == M_BEFORE || e->mod == M_UNTIL) {
                kv(&o, "end", v1);
                kv(&o, "sourceEntity", "datetimepoint");
            } else
                kv(&o, "value", v1);
            obj_close(&o);
        }
    } else if (pt->pod) {
        const char *s, *en;
        *tn = "timerange";
        pod_hours(pt->pod, &s, &en);
        snprintf(tx, sizeof tx, "T%s", pod_code(pt->pod));
        val_begin(&vs, &o);
        kv(&o, "timex", tx);
        kv(&o, "type", "timerange");
        kv(&o, "start", s);
        kv(&o, "end", en);
        obj_close(&o);
    }
    return 1;
}

/* "ahora": PRESENT_REF at the reference time. */
static int rt_now(rt_pt *x)
{
    RT_PT_LOCALS(x);
    if (!(pt->rel == R_NOW))
        return 0;
    *tn = "datetime";
    if (!r->ok)
        return 1;
    val_begin(&vs, &o);
    kv(&o, "timex", "PRESENT_REF");
    kv(&o, "type", "datetime");
    fmt_dt(v1, sizeof v1, hx__tx_days(r->y, r->m, r->d), r->h, r->mi, r->s);
    kv(&o, "value", v1);
    obj_close(&o);
    return 1;
}

/* "en 5 minutos": a shift in hours or minutes is a date-time. */
static int rt_shift_clock(rt_pt *x)
{
    RT_PT_LOCALS(x);
    if (!(pt->rel == R_SHIFT && n && c[0].clock))
        return 0;
    /* en 5 minutos: a date-time */
    char day[16];
    hx__tx_fmt_day(day, sizeof day, c[0].d0);
    snprintf(tx, sizeof tx, "%sT%02d:%02d:%02d", day, c[0].h, c[0].mi, c[0].s);
    *tn = "datetime";
    val_begin(&vs, &o);
    kv(&o, "timex", tx);
    kv(&o, "type", "datetime");
    fmt_dt(v1, sizeof v1, c[0].d0, c[0].h, c[0].mi, c[0].s);
    kv(&o, "value", v1);
    obj_close(&o);
    return 1;
}

/* A day with a clock time or a part of the day. */
static int rt_day_time(rt_pt *x)
{
    RT_PT_LOCALS(x);
    if (!(pt->gran == G_DAY && (pt->h >= 0 || pt->pod) && (!bound || pt->h >= 0) && e->mod != M_START && e->mod != M_MID && e->mod != M_END))
        return 0;
    if (pt->h >= 0) {
        *tn = bound ? "datetimerange" : "datetime";
        nh = hour_alts(pt, hs);
        for (int k = 0; k < nh; k++)
            for (int q = 0; q < (n ? n : 1); q++) {
                char dt[40];
                if (n)
                    day_timex(dt, sizeof dt, pt, &c[q]);
                else
                    hx__tx_fmt_said(dt, sizeof dt, pt);
                fmt_tsuffix(ts, sizeof ts, pt, hs[k]);
                snprintf(tx, sizeof tx, "%s%s", dt, ts);
                val_begin(&vs, &o);
                kv(&o, "timex", tx);
                if (mod)
                    kv(&o, "Mod", mod);
                kv(&o, "type", mod ? "datetimerange" : "datetime");
                if (n) {
                    fmt_dt(v1, sizeof v1, c[q].d0, hs[k], pt->mi, pt->s);
                    kv(&o, bound ? (e->mod == M_BEFORE ? "end" : "start") : "value", v1);
                } else
                    kv(&o, "value", "not resolved");
                obj_close(&o);
            }
        return 1;
    }
    const char *s, *en;
    *tn = "datetimerange";
    pod_hours(pt->pod, &s, &en);
    return rt_pod_days(x, n, NULL, s, en);
}

/* A season: its timex, not resolved. */
static int rt_season(rt_pt *x)
{
    RT_PT_LOCALS(x);
    if (!(pt->gran == G_SEASON))
        return 0;
    *tn = "daterange";
    for (int q = 0; q < n; q++) {
        char cs[32];
        hx__tx_fmt_cand(cs, sizeof cs, &c[q]);
        val_begin(&vs, &o);
        kv(&o, "timex", said[0] ? said : cs);
        kv(&o, "type", "daterange");
        kv(&o, "value", "not resolved");
        obj_close(&o);
    }
    return 1;
}

/* "más tarde este mes", "a principios de esta semana hasta hoy": the part of a period before or after the reference. */
static int rt_later_earlier(rt_pt *x)
{
    RT_PT_LOCALS(x);
    int day = pt->gran == G_DAY;
    if (!(e->mod == M_LATER || e->mod == M_EARLIER || e->mod == M_TODATE))
        return 0;
    int64_t rd = hx__tx_days(r->y, r->m, r->d);
    for (int q = 0; q < n; q++) {
        char cs[40];
        hx__tx_fmt_cand(cs, sizeof cs, &c[q]);
        val_begin(&vs, &o);
        if (day) {
            /* más tarde hoy: the afternoon and evening */
            *tn = "datetimerange";
            kv(&o, "timex", cs);
            kv(&o, "Mod", e->mod == M_EARLIER ? "start" : "end");
            kv(&o, "type", "datetimerange");
            fmt_dt(v1, sizeof v1, c[q].d0, e->mod == M_EARLIER ? 0 : 12, 0, 0);
            fmt_dt(v2, sizeof v2, c[q].d0 + (e->mod != M_EARLIER), e->mod == M_EARLIER ? 12 : 0,
                   0, 0);
        } else {
            int64_t d0, d1, m0, m1;
            *tn = "daterange";
            narrow(&c[q], e->mod == M_LATER ? M_END : M_START, &m0, &m1);
            if (c[q].gran == G_WEEK)
                m0 = c[q].d0 + 3, m1 = c[q].d0 + 3;
            if (e->mod == M_LATER) {
                d0 = m0 > rd ? m0 : rd;
                d1 = c[q].d1;
            } else if (e->mod == M_EARLIER) {
                d0 = c[q].d0;
                d1 = m1 < rd ? m1 : rd;
            } else {
                d0 = c[q].d0;
                d1 = rd;
            }
            kv(&o, "timex", cs);
            kv(&o, "type", "daterange");
            hx__tx_fmt_day(v1, sizeof v1, d0);
            hx__tx_fmt_day(v2, sizeof v2, d1);
        }
        kv(&o, "start", v1);
        kv(&o, "end", v2);
        obj_close(&o);
    }
    return 1;
}

/* "a finales de mayo", "al final del día": the start, middle or end of a period. */
static int rt_part_of_period(rt_pt *x)
{
    RT_PT_LOCALS(x);
    int day = pt->gran == G_DAY;
    if (!(e->mod == M_START || e->mod == M_MID || e->mod == M_END))
        return 0;
    for (int q = 0; q < n; q++) {
        char cs[40];
        if (said[0])
            snprintf(cs, sizeof cs, "%s", said);
        else
            hx__tx_fmt_cand(cs, sizeof cs, &c[q]);
        val_begin(&vs, &o);
        if (day) {
            /* the end of a day: its last second */
            *tn = e->mod == M_END ? "datetime" : "datetimerange";
            if (e->mod == M_END) {
                snprintf(tx, sizeof tx, "%sT23:59:59", cs);
                kv(&o, "timex", tx);
                kv(&o, "type", "datetime");
                fmt_dt(v1, sizeof v1, c[q].d0, 23, 59, 59);
                kv(&o, "value", v1);
            } else {
                kv(&o, "timex", cs);
                kv(&o, "Mod", mod);
                kv(&o, "type", "datetimerange");
                fmt_dt(v1, sizeof v1, c[q].d0, e->mod == M_START ? 0 : 10, 0, 0);
                fmt_dt(v2, sizeof v2, c[q].d0, e->mod == M_START ? 12 : 14, 0, 0);
                kv(&o, "start", v1);
                kv(&o, "end", v2);
            }
        } else {
            int64_t d0, d1;
            *tn = "daterange";
            narrow(&c[q], e->mod, &d0, &d1);
            kv(&o, "timex", cs);
            kv(&o, "Mod", mod);
            kv(&o, "type", "daterange");
            hx__tx_fmt_day(v1, sizeof v1, d0);
            hx__tx_fmt_day(v2, sizeof v2, d1);
            kv(&o, "start", v1);
            kv(&o, "end", v2);
        }
        obj_close(&o);
    }
    return 1;
}

/* A date or a period, with its bound ("antes de", "desde") when it has one. */
static void rt_plain(rt_pt *x, int day)
{
    RT_PT_LOCALS(x);
    *tn = bound ? "daterange" : day ? "date" : "daterange";
    for (int q = 0; q < n; q++) {
        if (period_range_timex(tx, sizeof tx, pt, &c[q]))
            ;
        else if (said[0])
            snprintf(tx, sizeof tx, "%s", said);
        else if (day)
            day_timex(tx, sizeof tx, pt, &c[q]);
        else
            hx__tx_fmt_cand(tx, sizeof tx, &c[q]);
        val_begin(&vs, &o);
        kv(&o, "timex", tx);
        if (mod)
            kv(&o, "Mod", mod);
        kv(&o, "type", bound || e->mod == M_APPROX ? "daterange" : day ? "date" : "daterange");
        hx__tx_fmt_day(v1, sizeof v1, c[q].d0);
        hx__tx_fmt_day(v2, sizeof v2, c[q].d1);
        if (bound) {
            if (pt->rel != R_SHIFT)
                kv(&o, "sourceEntity", day ? "datetimepoint" : "datetimerange");
            if (e->mod == M_AFTER)
                kv(&o, "start", day ? v1 : v2);
            else if (e->mod == M_SINCE)
                kv(&o, "start", v1);
            else if (e->mod == M_BEFORE)
                kv(&o, "end", v1);
            else
                kv(&o, "end", v2);
        } else if (day) {
            kv(&o, "value", v1);
        } else {
            kv(&o, "start", v1);
            kv(&o, "end", v2);
        }
        obj_close(&o);
    }
}

#undef RT_PT_LOCALS

static void rt_point(hx__buf *b, const tx_expr *e, const tx_ref *r, const char **tn)
{
    rt_pt x = {b, e, r, tn, e->mod ? mod_names[e->mod] : NULL, 0, {{0}}, 0, ""};
    const tx_point *pt = &e->a;
    rt_vals vs = {b, 0};
    rt_obj o;
    x.bound = e->mod == M_BEFORE || e->mod == M_AFTER || e->mod == M_SINCE || e->mod == M_UNTIL;
    if (rt_pod_narrowed(&x) || rt_time_of_day(&x) || rt_now(&x))
        return;
    if (e->within && pt->rel == R_SHIFT) {
        rt_last(b, e, r, tn);
        return;
    }
    x.n = hx__tx_resolve(pt, r, 0, x.c);
    int n = x.n;
    if (rt_shift_clock(&x) || rt_day_time(&x))
        return;
    /* a date or a period */
    char *said = x.said;
    hx__tx_fmt_said(said, sizeof x.said, pt);
    if (n == 0) {
        if (!said[0])
            return;
        *tn = pt->gran == G_DAY ? "date" : "daterange";
        val_begin(&vs, &o);
        kv(&o, "timex", said);
        kv(&o, "type", *tn);
        kv(&o, "value", "not resolved");
        obj_close(&o);
        return;
    }
    int day = pt->gran == G_DAY;
    if (rt_season(&x) || rt_later_earlier(&x) || rt_part_of_period(&x))
        return;
    rt_plain(&x, day);
}

/* ---------------------------------------------------------------- ranges */

/* Days between two days as "P32D", months "P2M" or years "P4Y" as the ends allow. */
static void fmt_span(char *out, size_t cap, const tx_point *a, const tx_point *b, int64_t d0,
                     int64_t d1)
{
    int y0, m0, dd0, y1, m1, dd1;
    hx__tx_civil(d0, &y0, &m0, &dd0);
    hx__tx_civil(d1, &y1, &m1, &dd1);
    if (a->gran == G_YEAR && b->gran == G_YEAR)
        snprintf(out, cap, "P%dY", y1 - y0);
    else if (a->gran == G_MONTH && b->gran == G_MONTH)
        snprintf(out, cap, "P%dM", (y1 - y0) * 12 + m1 - m0);
    else
        snprintf(out, cap, "P%lldD", (long long)(d1 - d0));
}

/* The timex of one end of a date range ("XXXX-07-30", "2017-01-10", "XXXX-WXX-1"). */
static void end_timex(char *out, size_t cap, const tx_point *pt, const tx_cand *c)
{
    char said[40];
    hx__tx_fmt_said(said, sizeof said, pt);
    if (pt->gran == G_DAY) {
        day_timex(out, cap, pt, c);
        return;
    }
    if (pt->gran == G_MONTH && pt->y < 0 && pt->rel == R_ABS) {
        snprintf(out, cap, "XXXX-%02d-01", pt->m);
        return;
    }
    hx__tx_fmt_day(out, cap, c->d0);
}

static void fmt_hms_dur(char *out, size_t cap, int secs)
{
    int h = secs / 3600, m = secs / 60 % 60;
    if (m && h)
        snprintf(out, cap, "PT%dH%dM", h, m);
    else if (m)
        snprintf(out, cap, "PT%dM", m);
    else
        snprintf(out, cap, "PT%dH", h);
}

/* Both ends with clock times (maybe on days): timerange or datetimerange. */
static void rt_time_range(hx__buf *b, const tx_expr *e, const tx_ref *r, const char **tn)
{
    const tx_point *a = &e->a, *z = &e->b;
    rt_vals vs = {b, 0};
    rt_obj o;
    tx_cand ca[2], cz[2];
    int na = 1, nz = 1;
    int dated = a->gran == G_DAY;
    if (dated) {
        na = hx__tx_resolve(a, r, 0, ca);
        nz = hx__tx_resolve(z, r, 0, cz);
        if (!na || na != nz)
            return;
    }
    *tn = dated ? "datetimerange" : "timerange";
    int alts = a->amb && (z->amb || z->h > 12) ? 2 : 1;
    if (a->amb && z->amb == 0 && z->h >= 12)
        alts = 1;
    for (int k = 0; k < alts; k++) {
        int ha = a->h == 24 ? 0 : a->h, hz = z->h == 24 ? 0 : z->h;
        int noon = a->amb && ha == 12 && z->amb && hz < 12; /* de doce a una */
        if (noon && !k)
            hz += 12;
        if (k) {
            ha = ha == 12 ? 0 : ha + 12;
            if (z->amb && !noon)
                hz = hz == 12 ? 0 : hz + 12;
        }
        int secs = (hz * 3600 + z->mi * 60 + z->s) - (ha * 3600 + a->mi * 60 + a->s);
        if (secs < 0)
            secs += 86400;
        char dur[24], ta[16], tz[16];
        fmt_hms_dur(dur, sizeof dur, secs);
        fmt_tsuffix(ta, sizeof ta, a, ha);
        fmt_tsuffix(tz, sizeof tz, z, hz);
        for (int q = 0; q < na; q++) {
            char tx[192], v1[40], v2[40];
            if (dated) {
                char da[40], dz[40];
                day_timex(da, sizeof da, a, &ca[q]);
                day_timex(dz, sizeof dz, z, &cz[q]);
                snprintf(tx, sizeof tx, "(%s%s,%s%s,%s)", da, ta, dz, tz, dur);
                fmt_dt(v1, sizeof v1, ca[q].d0, ha, a->mi, a->s);
                fmt_dt(v2, sizeof v2, cz[q].d0, hz, z->mi, z->s);
            } else {
                snprintf(tx, sizeof tx, "(%s,%s,%s)", ta, tz, dur);
                snprintf(v1, sizeof v1, "%02d:%02d:%02d", ha, a->mi, a->s);
                snprintf(v2, sizeof v2, "%02d:%02d:%02d", hz, z->mi, z->s);
            }
            val_begin(&vs, &o);
            kv(&o, "timex", tx);
            kv(&o, "type", *tn);
            kv(&o, "start", v1);
            kv(&o, "end", v2);
            obj_close(&o);
        }
    }
}

/* Adds amounts to day d, backwards when sign < 0 (years and months first). */
static int64_t add_amt(int64_t d, const double *amt, int sign)
{
    int y, m, dd;
    hx__tx_civil(d, &y, &m, &dd);
    int months = (int)(amt[U_YEAR] * 12 + amt[U_DEC] * 120 + amt[U_CENT] * 1200 +
                       amt[U_HALF] * 6 + amt[U_QUARTER] * 3 + amt[U_MONTH]);
    hx__tx_add_months(&y, &m, &dd, sign * months);
    int64_t x = hx__tx_days(y, m, dd);
    x += sign * (int64_t)(amt[U_WEEK] * 7 + amt[U_DAY] + amt[U_NIGHT] + amt[U_FORTNIGHT] * 15);
    return x;
}

/* los últimos 3 meses / los próximos cinco días / dentro de 9 meses. */
static void rt_last(hx__buf *b, const tx_expr *e, const tx_ref *r, const char **tn)
{
    rt_vals vs = {b, 0};
    rt_obj o;
    char tx[192], v1[40], v2[40], dur[40];
    if (!r->ok)
        return;
    for (int k = 0; k <= U_BDAY; k++)
        if (e->amt[k] < 0)
            return;
    hx__tx_fmt_dur(dur, sizeof dur, e->amt, TX_DUR_RT);
    int64_t rd = hx__tx_days(r->y, r->m, r->d);
    if (e->inside) {
        /* las primeras 2 semanas de 2021 / los últimos cuatro meses de 2021 */
        tx_cand c[2];
        if (hx__tx_resolve(&e->a, r, 0, c) != 1)
            return;
        int64_t d0, d1;
        int weeks = e->amt[U_WEEK] > 0;
        if (e->inside > 0) {
            int y, m, d;
            hx__tx_civil(c[0].d0, &y, &m, &d);
            d0 = weeks && c[0].gran == G_YEAR ? hx__tx_isoweek_monday(y, 1) : c[0].d0;
            d1 = add_amt(d0, e->amt, 1);
        } else {
            d1 = c[0].d1;
            if (weeks)
                d1 = (d1 - 1) - (hx__tx_wday(d1 - 1) - 1);
            d0 = add_amt(d1, e->amt, -1);
        }
        hx__tx_fmt_day(v1, sizeof v1, d0);
        hx__tx_fmt_day(v2, sizeof v2, d1);
        snprintf(tx, sizeof tx, "(%s,%s,%s)", v1, v2, dur);
        *tn = "daterange";
        val_begin(&vs, &o);
        kv(&o, "timex", tx);
        kv(&o, "type", *tn);
        kv(&o, "start", v1);
        kv(&o, "end", v2);
        obj_close(&o);
        return;
    }
    double secs = e->amt[U_HOUR] * 3600 + e->amt[U_MIN] * 60 + e->amt[U_SEC];
    if (secs > 0) {
        int64_t t0 = rd * 86400 + r->h * 3600 + r->mi * 60 + r->s;
        int64_t t1 = t0 + (e->last < 0 ? -1 : 1) * (int64_t)secs;
        int64_t lo = t0 < t1 ? t0 : t1, hi = t0 < t1 ? t1 : t0;
        char a[40], z[40];
        int64_t dl = lo / 86400, dh = hi / 86400;
        hx__tx_fmt_day(a, sizeof a, dl);
        hx__tx_fmt_day(z, sizeof z, dh);
        int sl = (int)(lo % 86400), sh = (int)(hi % 86400);
        snprintf(tx, sizeof tx, "(%sT%02d:%02d:%02d,%sT%02d:%02d:%02d,%s)", a, sl / 3600,
                 sl / 60 % 60, sl % 60, z, sh / 3600, sh / 60 % 60, sh % 60, dur);
        fmt_dt(v1, sizeof v1, dl, sl / 3600, sl / 60 % 60, sl % 60);
        fmt_dt(v2, sizeof v2, dh, sh / 3600, sh / 60 % 60, sh % 60);
        *tn = "datetimerange";
    } else {
        int64_t d0, d1;
        if (e->last < 0) {
            d1 = rd;
            d0 = add_amt(rd, e->amt, -1);
        } else if (e->within) {
            d0 = rd;
            d1 = add_amt(rd, e->amt, 1);
        } else {
            d0 = rd + 1;
            d1 = add_amt(rd + 1, e->amt, 1);
        }
        hx__tx_fmt_day(v1, sizeof v1, d0);
        hx__tx_fmt_day(v2, sizeof v2, d1);
        snprintf(tx, sizeof tx, "(%s,%s,%s)", v1, v2, dur);
        *tn = "daterange";
    }
    val_begin(&vs, &o);
    kv(&o, "timex", tx);
    kv(&o, "type", *tn);
    kv(&o, "start", v1);
    kv(&o, "end", v2);
    obj_close(&o);
}

/* Resolves both ends of a date range with one year choice.  Returns the number of
 * values (0..2) in a0/z0 (past first). */
static int range_cands(const tx_point *a, const tx_point *z, const tx_ref *r, tx_cand ca[2],
                       tx_cand cz[2])
{
    int na = hx__tx_resolve(a, r, 0, ca), nz = hx__tx_resolve(z, r, 0, cz);
    if (!na || !nz)
        return 0;
    if (z->rel == R_WDAY && z->off == 2 && a->gran == G_DAY) {
        /* "de lunes a viernes", "desde el próximo lunes hasta el viernes": the end is
         * that weekday on or after each start */
        for (int q = 0; q < na; q++) {
            int64_t d = ca[q].d0 + (z->wd - hx__tx_wday(ca[q].d0) + 7) % 7;
            cz[q] = ca[q];
            cz[q].d0 = d;
            cz[q].d1 = d + 1;
        }
        return na;
    }
    if (na == 1 && nz == 1)
        return 1;
    int open = (a->rel == R_ABS && a->y < 0 && a->m > 0) + (z->rel == R_ABS && z->y < 0 && z->m > 0);
    if (!open || !r->ok) {
        if (na == 2 && nz == 2)
            return 2;
        if (nz == 2) {
            cz[0] = cz[1].d0 >= ca[0].d0 ? cz[1] : cz[0];
            return 1;
        }
        ca[1] = ca[0];
        cz[1] = cz[0];
        return na == 1 ? 1 : 2;
    }
    /* unknown years: try the reference's year for the start, the end after it */
    int64_t rd = hx__tx_days(r->y, r->m, r->d);
    tx_point pa = *a, pz = *z;
    int ys[3] = {r->y - 1, r->y, r->y + 1};
    tx_cand xa[3], xz[3];
    for (int k = 0; k < 3; k++) {
        if (a->y < 0 && a->rel == R_ABS)
            pa.y = ys[k];
        if (z->y < 0 && z->rel == R_ABS)
            pz.y = ys[k];
        if (hx__tx_resolve(&pa, r, 0, &xa[k]) != 1)
            return 0;
        if (hx__tx_resolve(&pz, r, 0, &xz[k]) != 1)
            return 0;
        if (xz[k].d0 < xa[k].d0 && z->y < 0 && z->rel == R_ABS) {
            pz.y = ys[k] + 1;
            hx__tx_resolve(&pz, r, 0, &xz[k]);
        }
        if (xa[k].d0 <= rd && rd <= xz[k].d0 && a->rel == R_ABS && z->rel == R_ABS) {
            ca[0] = xa[k];
            cz[0] = xz[k];
            return 1;
        }
    }
    if (a->rel != R_ABS) {
        /* "entre ahora y 15 de noviembre": the end after the start */
        for (int k = 0; k < 3; k++)
            if (xz[k].d0 >= xa[k].d0) {
                ca[0] = xa[k];
                cz[0] = xz[k];
                return 1;
            }
        return 0;
    }
    int p = -1, f = -1;
    for (int k = 0; k < 3; k++) {
        if (xz[k].d0 <= rd)
            p = k;
        if (f < 0 && xa[k].d0 >= rd)
            f = k;
    }
    if (p < 0 || f < 0)
        return 0;
    ca[0] = xa[p];
    cz[0] = xz[p];
    ca[1] = xa[f];
    cz[1] = xz[f];
    return 2;
}

static void rt_range(hx__buf *b, const tx_expr *e, const tx_ref *r, const char **tn)
{
    if (e->last || e->within) {
        rt_last(b, e, r, tn);
        return;
    }
    const tx_point *a = &e->a, *z = &e->b;
    if (a->h >= 0 && z->h >= 0) {
        rt_time_range(b, e, r, tn);
        return;
    }
    rt_vals vs = {b, 0};
    rt_obj o;
    tx_cand ca[2], cz[2];
    int n = range_cands(a, z, r, ca, cz);
    *tn = "daterange";
    for (int q = 0; q < n; q++) {
        char ta[40], tz[40], dur[24], tx[128], v1[16], v2[16];
        end_timex(ta, sizeof ta, a, &ca[q]);
        end_timex(tz, sizeof tz, z, &cz[q]);
        fmt_span(dur, sizeof dur, a, z, ca[q].d0, cz[q].d0);
        snprintf(tx, sizeof tx, "(%s,%s,%s)", ta, tz, dur);
        hx__tx_fmt_day(v1, sizeof v1, ca[q].d0);
        hx__tx_fmt_day(v2, sizeof v2, cz[q].d0);
        val_begin(&vs, &o);
        kv(&o, "timex", tx);
        kv(&o, "type", "daterange");
        kv(&o, "start", v1);
        kv(&o, "end", v2);
        obj_close(&o);
    }
}

/* ---------------------------------------------------------------- durations, sets */

static void rt_duration(hx__buf *b, const tx_expr *e, const char **tn)
{
    rt_vals vs = {b, 0};
    rt_obj o;
    double amt[U_BDAY + 1];
    char tx[192], v[32];
    int vague = 0;
    for (int k = 0; k <= U_BDAY; k++) {
        amt[k] = e->amt[k] == -3 ? 3 : e->amt[k];
        vague |= amt[k] == -1;
    }
    /* "una hora y media" is PT1.5H, but minutes written apart stay minutes */
    hx__tx_fmt_dur(tx, sizeof tx, amt, TX_DUR_RT);
    if (e->mod == M_MORE || e->mod == M_LESS) {
        if (amt[U_HOUR] != floor(amt[U_HOUR])) {
            double h = floor(amt[U_HOUR]);
            amt[U_MIN] += (amt[U_HOUR] - h) * 60;
            amt[U_HOUR] = h;
            hx__tx_fmt_dur(tx, sizeof tx, amt, TX_DUR_RT);
        }
    }
    *tn = "duration";
    if (vague)
        snprintf(v, sizeof v, "not resolved");
    else
        fmt_num(v, sizeof v, dur_secs(amt));
    val_begin(&vs, &o);
    kv(&o, "timex", tx);
    if (e->mod && mod_names[e->mod])
        kv(&o, "Mod", mod_names[e->mod]);
    kv(&o, "type", "duration");
    kv(&o, "value", v);
    obj_close(&o);
}

static void rt_set(hx__buf *b, const tx_expr *e, const char **tn)
{
    rt_vals vs = {b, 0};
    rt_obj o;
    char tx[192], ts[16] = "";
    if (e->a.h >= 0)
        fmt_tsuffix(ts, sizeof ts, &e->a, e->a.h);
    if (e->set_wd)
        snprintf(tx, sizeof tx, "XXXX-WXX-%d%s", e->set_wd, ts);
    else if (ts[0] && e->amt[U_DAY] == 1)
        snprintf(tx, sizeof tx, "%s", ts);
    else
        hx__tx_fmt_dur(tx, sizeof tx, e->amt, TX_DUR_RT);
    *tn = "set";
    val_begin(&vs, &o);
    kv(&o, "timex", tx);
    kv(&o, "type", "set");
    kv(&o, "value", "not resolved");
    obj_close(&o);
}

/* ---------------------------------------------------------------- entry point */

/* Code points in s[0..n). */
static size_t cps(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t k = 0; k < n; k++)
        c += ((unsigned char)s[k] & 0xc0) != 0x80;
    return c;
}

/* Appends s[0..n) lower-cased (ASCII and Latin-1 capitals). */
static void put_lower(hx__buf *b, const char *s, size_t n)
{
    char tmp[256];
    char *t = n < sizeof tmp ? tmp : malloc(n + 1);
    if (!t) {
        b->oom = 1;
        return;
    }
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 'A' && c <= 'Z')
            c |= 0x20;
        else if (k > 0 && (unsigned char)s[k - 1] == 0xc3 && c >= 0x80 && c <= 0x9e && c != 0x97)
            c |= 0x20;
        t[k] = (char)c;
    }
    hx__buf_json_str(b, t, n);
    if (t != tmp)
        free(t);
}

hx_status hx__recognize_datetime(const char *text, size_t len, const char *ref, hx__buf *out,
                                 hx_error *err)
{
    tx_expr *ex = NULL;
    size_t cap = 0, n = hx__tx_find(text, len, &ex, &cap, NULL);
    if (n == (size_t)-1) {
        free(ex);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory finding time expressions");
    }
    tx_ref r = hx__tx_parse_ref(ref);
    hx__buf_putc(out, '[');
    size_t cp = 0, at = 0;
    int written = 0;
    hx__buf item = {0};
    for (size_t k = 0; k < n; k++) {
        const tx_expr *e = &ex[k];
        const char *tn = NULL;
        item.n = 0;
        if (item.p)
            item.p[0] = 0;
        switch (e->kind) {
        case K_POINT: rt_point(&item, e, &r, &tn); break;
        case K_RANGE: rt_range(&item, e, &r, &tn); break;
        case K_DURATION: rt_duration(&item, e, &tn); break;
        default: rt_set(&item, e, &tn); break;
        }
        if (!tn || item.n == 0)
            continue;
        cp += cps(text + at, e->b0 - at);
        size_t start = cp;
        cp += cps(text + e->b0, e->b1 - e->b0);
        at = e->b1;
        if (written++)
            hx__buf_putc(out, ',');
        hx__buf_puts(out, "{\"Text\":");
        put_lower(out, text + e->b0, e->b1 - e->b0);
        hx__buf_printf(out, ",\"Start\":%zu,\"End\":%zu,\"TypeName\":\"datetimeV2.%s\","
                            "\"Resolution\":{\"values\":[",
                       start, cp - 1, tn);
        hx__buf_put(out, item.p, item.n);
        hx__buf_puts(out, "]}}");
    }
    hx__buf_putc(out, ']');
    int oom = item.oom || out->oom;
    hx__buf_free(&item);
    free(ex);
    if (oom)
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory writing time expressions");
    return HX_OK;
}
