/*
 * timex.c -- the document's time layer: hx__find_times fills doc->times with the
 * time expressions of doc->text normalised to TIMEX3 (conventions in docs/timex.md).
 *
 * Relative expressions are resolved against the publication date (doc->date, the
 * DCT); the anchor field then holds the DCT's day ("YYYY-MM-DD").  When a reading
 * is ambiguous (a month or a weekday without year or week), the tense of the nearest
 * verb decides between the past and the future one, else the past one unless the
 * future one is much nearer the DCT.
 * A shift in hours or minutes ("en tres minutos", "nueve minutos después") is a
 * DURATION here: in news it measures a lapse far more often than it names a time.
 * Without a DCT the values stay underspecified ("XXXX-04", "XXXX-WXX-2").
 *
 * Invariants: entries are in text order, spans never overlap and lie inside the
 * text; value and anchor are NUL-terminated and fit their buffers; a range gives two
 * entries, its start and its end.
 */
#include "core/core.h"
#include "timex/timex.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* TIMEX3 mods, indexed by M_*. */
static const char *const mod_timex[] = {NULL, "START", "MID", "END", "BEFORE", "AFTER",
                                        "ON_OR_AFTER", "ON_OR_BEFORE", "APPROX",
                                        "LESS_THAN", "MORE_THAN", "END", "START", NULL};

/* The tense of the verb nearest to bytes [b0, b1) within its sentence (120 bytes
 * either side): +1 future ("será", "celebrarán", "iremos"), -1 past ("anunció",
 * "cerraron", "hubo", "ha dicho"), 0 when no verb shows its tense. */
static int tense_near(const char *t, size_t len, size_t b0, size_t b1)
{
    static const char *const past_words[] = {"hubo", "fue", "fueron", "era", "eran",
                                             "estuvo", "dijo", "hizo", "tuvo", "pudo",
                                             "puso", "vino", "dio", "vio", "había",
                                             "habían"};
    size_t lo = b0 > 120 ? b0 - 120 : 0, hi = b1 + 120 < len ? b1 + 120 : len;
    for (size_t k = b0; k > lo; k--)
        if (t[k - 1] == '.' || t[k - 1] == '\n') {
            lo = k;
            break;
        }
    for (size_t k = b1; k < hi; k++)
        if (t[k] == '.' || t[k] == '\n') {
            hi = k;
            break;
        }
    int best = 0;
    size_t bestd = SIZE_MAX;
    size_t prev0 = 0, prevn = 0; /* the word before (for "ha dicho") */
    for (size_t k = lo; k < hi;) {
        unsigned char c = (unsigned char)t[k];
        int letter = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == 0xc3;
        if (!letter) {
            k++;
            continue;
        }
        size_t w0 = k;
        while (k < hi && ((((unsigned char)t[k] | 0x20) >= 'a' && ((unsigned char)t[k] | 0x20) <= 'z') ||
                          ((unsigned char)t[k] == 0xc3 && k + 1 < hi)))
            k += (unsigned char)t[k] == 0xc3 ? 2 : 1;
        if (k == w0) { /* a lead byte cut off by the window: skip it */
            k++;
            continue;
        }
        size_t n = k - w0;
        const char *w = t + w0;
        int tense = 0;
        if (w0 >= b0 && k <= b1) {
            ; /* the expression's own words */
        } else if (n >= 4 && (unsigned char)w[n - 2] == 0xc3 && w[n - 3] == 'r' &&
                   ((unsigned char)w[n - 1] == 0xa1 || (unsigned char)w[n - 1] == 0xa9)) {
            tense = 1; /* será, iré */
        } else if (n >= 5 && w[n - 1] == 'n' && (unsigned char)w[n - 3] == 0xc3 &&
                   (unsigned char)w[n - 2] == 0xa1 && w[n - 4] == 'r') {
            tense = 1; /* serán */
        } else if (n >= 6 && !memcmp(w + n - 5, "remos", 5)) {
            tense = 1;
        } else if (n >= 4 && (unsigned char)w[n - 2] == 0xc3 && (unsigned char)w[n - 1] == 0xb3) {
            tense = -1; /* anunció */
        } else if ((n >= 5 && !memcmp(w + n - 4, "aron", 4)) ||
                   (n >= 6 && !memcmp(w + n - 5, "ieron", 5))) {
            tense = -1;
        } else if (prevn >= 2 && prevn <= 3 && (t[prev0] == 'h' || t[prev0] == 'H') &&
                   (t[prev0 + 1] == 'a' || t[prev0 + 1] == 'e') && n >= 4 &&
                   (!memcmp(w + n - 3, "ado", 3) || !memcmp(w + n - 3, "ido", 3) ||
                    !memcmp(w + n - 3, "cho", 3))) {
            tense = -1; /* ha anunciado, han dicho */
        } else if (n <= 7) {
            for (size_t q = 0; q < sizeof past_words / sizeof past_words[0]; q++)
                if (past_words[q][0] == w[0] && strlen(past_words[q]) == n &&
                    !memcmp(past_words[q], w, n))
                    tense = -1;
        }
        if (tense) {
            size_t d = w0 >= b1 ? w0 - b1 : b0 - (k < b0 ? k : b0);
            if (d < bestd) {
                bestd = d;
                best = tense;
            }
        }
        prev0 = w0;
        prevn = n;
    }
    return best;
}

/* Which of two readings (past, future) to take: the one the tense says; else the
 * past one (news mostly report what happened) unless the future one is much nearer
 * to the reference day ("Final: 31 de mayo" a week before it). */
static int pick(const tx_cand c[2], const tx_ref *r, int tense)
{
    if (tense)
        return tense > 0;
    int64_t rd = hx__tx_days(r->y, r->m, r->d);
    int64_t back = rd - (c[0].d1 - 1), ahead = c[1].d0 - rd;
    return ahead * 4 < back;
}

/* Copies s into a 32-byte field, cut at 31 bytes (values never get that long). */
static void copy32(char *dst, const char *s)
{
    size_t n = strlen(s);
    if (n > 31)
        n = 31;
    memcpy(dst, s, n);
    dst[n] = 0;
}

/* Appends one entry. */
static hx__time *push(hx_doc *doc, uint32_t b0, uint32_t b1, const char *type)
{
    hx__time *t = hx__vec_push(&doc->times, sizeof *t);
    if (!t)
        return NULL;
    t->b0 = b0;
    t->b1 = b1;
    t->type = type;
    return t;
}

static int gran_of_unit(int u)
{
    switch (u) {
    case U_YEAR: return G_YEAR;
    case U_DEC: return G_DEC;
    case U_CENT: return G_CENT;
    case U_MONTH: case U_QUARTER: case U_HALF: return G_MONTH;
    case U_WEEK: return G_WEEK;
    default: return G_DAY;
    }
}

/* What snprintf(out, cap, "%s%s", a, b) writes. */
static void cat2(char *out, size_t cap, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na + nb >= cap) {
        snprintf(out, cap, "%s%s", a, b);
        return;
    }
    memcpy(out, a, na);
    memcpy(out + na, b, nb + 1);
}

/* The TIMEX3 value and type of one point; fut is the tense around it (+1, -1, 0).
 * *anch: it used the DCT. */
static const char *point_value(const tx_point *pt, const tx_ref *r, int fut, char *out,
                               size_t cap, int *anch)
{
    tx_cand c[2];
    char day[40], ts[24] = "";
    static const char *const pods[] = {"MO", "AF", "EV", "NI"};
    *anch = 0;
    if (pt->h >= 0) {
        hx__tx_fmt_hms(ts, sizeof ts, pt->h % 24, pt->mi, pt->s, pt->tprec >= 3);
        if (pt->tz == 'Z') /* 13.00 GMT */
            strcat(ts, "Z");
    } else if (pt->pod) {
        const char *pc = pt->pod == 'A' ? pods[1] : pt->pod == 'E' ? pods[2]
                       : pt->pod == 'N' ? pods[3] : pods[0];
        snprintf(ts, sizeof ts, "T%s", pc);
    }
    if (pt->rel == R_NOW) {
        snprintf(out, cap, "PRESENT_REF");
        *anch = r->ok;
        return "DATE";
    }
    if (pt->gran == G_NONE && pt->rel != R_SHIFT) {
        /* a time of day: on the DCT's day when there is one */
        if (r->ok) {
            hx__tx_fmt_day(day, sizeof day, hx__tx_days(r->y, r->m, r->d));
            *anch = 1;
        } else
            snprintf(day, sizeof day, "XXXX-XX-XX");
        cat2(out, cap, day, ts);
        return "TIME";
    }
    int n = hx__tx_resolve(pt, r, 1, c);
    if (n) {
        tx_cand *x = &c[n == 2 ? pick(c, r, fut) : 0];
        if (pt->rel == R_SHIFT && x->clock) {
            hx__tx_fmt_day(day, sizeof day, x->d0);
            snprintf(out, cap, "%sT%02d:%02d", day, x->h, x->mi);
            *anch = 1;
            return "TIME";
        }
        if (pt->rel == R_SHIFT)
            x->gran = gran_of_unit(pt->unit);
        hx__tx_fmt_cand(day, sizeof day, x);
        *anch = pt->rel != R_ABS || n == 2 || (pt->gran == G_DAY && pt->m < 0) ||
                (pt->y < 0 && pt->gran != G_DEC && pt->gran != G_CENT);
    } else {
        hx__tx_fmt_said(day, sizeof day, pt);
        if (!day[0])
            hx__tx_fmt_unanchored(day, sizeof day, pt);
    }
    cat2(out, cap, day, ts);
    return ts[0] ? "TIME" : "DATE";
}

/* Adds the entries of one expression. */
static hx_status add_expr(hx_doc *doc, const tx_expr *e, const tx_ref *r, hx_error *err)
{
    char v[64];
    /* the tense matters only for readings that may be past or future */
    int open_a = (e->a.rel == R_ABS && e->a.y < 0 && (e->a.m > 0 || e->a.d > 0)) ||
                 (e->a.rel == R_WDAY && e->a.off == 2);
    int open_b = e->kind == K_RANGE && ((e->b.rel == R_ABS && e->b.y < 0 && e->b.m > 0) ||
                                        (e->b.rel == R_WDAY && e->b.off == 2));
    int anch = 0, fut = r->ok && (open_a || open_b) ? tense_near(doc->text, doc->len, e->b0, e->b1)
                                                    : 0;
    hx__time *t;
    const char *type;
    /* "en dos años", "un día después": TimeBank reads a lapse, not the date it ends
     * at; "hace dos años" and "dentro de dos años" stay dates */
    const char *s0 = doc->text + e->b0;
    size_t sn = e->b1 - e->b0;
    int en = e->kind == K_POINT && e->a.rel == R_SHIFT &&
             !(sn > 5 && (s0[0] | 0x20) == 'h' && !memcmp(s0 + 1, "ace ", 4)) &&
             !(sn > 7 && (s0[0] | 0x20) == 'd' && !memcmp(s0 + 1, "entro ", 6));
    double amt_sum = 0;
    for (int u = 0; en && u <= U_BDAY; u++)
        amt_sum += e->amt[u] > 0 ? e->amt[u] : 0;
    if (e->kind == K_DURATION || (e->kind == K_RANGE && (e->last || e->within)) ||
        (e->kind == K_POINT && e->a.rel == R_SHIFT && e->a.unit >= U_HOUR && !e->mod) ||
        (en && amt_sum > 0 && !e->mod)) {
        hx__tx_fmt_dur(v, sizeof v, e->amt, TX_DUR_TIMEX3);
        if (!(t = push(doc, e->b0, e->b1, "DURATION")))
            goto oom;
        copy32(t->value, v);
        t->mod = mod_timex[e->mod];
        if (e->kind == K_RANGE && r->ok)
            hx__tx_fmt_ymd(t->anchor, sizeof t->anchor, r->y, r->m, r->d);
        return HX_OK;
    }
    if (e->kind == K_SET) {
        char ts[16] = "";
        if (e->a.h >= 0)
            snprintf(ts, sizeof ts, "T%02d:%02d", e->a.h % 24, e->a.mi);
        if (e->set_wd)
            snprintf(v, sizeof v, "XXXX-WXX-%d%s", e->set_wd, ts);
        else if (ts[0] && e->amt[U_DAY] == 1)
            snprintf(v, sizeof v, "XXXX-XX-XX%s", ts);
        else
            hx__tx_fmt_dur(v, sizeof v, e->amt, TX_DUR_TIMEX3);
        if (!(t = push(doc, e->b0, e->b1, "SET")))
            goto oom;
        copy32(t->value, v);
        return HX_OK;
    }
    if (e->kind == K_RANGE) {
        /* two entries: the start and the end */
        uint32_t ma = e->ma ? e->ma : e->b1, mb = e->mb ? e->mb : e->b0;
        tx_point b = e->b;
        tx_cand c[2];
        int n;
        if (b.rel == R_WDAY && b.off == 2 && e->a.gran == G_DAY &&
            (n = hx__tx_resolve(&e->a, r, 1, c)) > 0) {
            /* "de lunes a viernes": the Friday on or after that Monday */
            tx_cand *x = &c[n == 2 ? pick(c, r, fut) : 0];
            int64_t d = x->d0 + (b.wd - hx__tx_wday(x->d0) + 7) % 7;
            int y, m, dd;
            hx__tx_civil(d, &y, &m, &dd);
            b.rel = R_ABS;
            b.y = y;
            b.m = m;
            b.d = dd;
            b.wd = 0;
        }
        const tx_point *ends[2] = {&e->a, &b};
        uint32_t spans[2][2] = {{e->b0, ma}, {mb, e->b1}};
        for (int k = 0; k < 2; k++) {
            type = point_value(ends[k], r, fut, v, sizeof v, &anch);
            if (!(t = push(doc, spans[k][0], spans[k][1], type)))
                goto oom;
            copy32(t->value, v);
            t->mod = k == 0 ? "START" : "END";
            if (anch && r->ok)
                hx__tx_fmt_ymd(t->anchor, sizeof t->anchor, r->y, r->m, r->d);
        }
        return HX_OK;
    }
    type = point_value(&e->a, r, e->a.fut > 0 ? 1 : fut, v, sizeof v, &anch);
    if (!(t = push(doc, e->b0, e->b1, type)))
        goto oom;
    copy32(t->value, v);
    t->mod = mod_timex[e->mod];
    if (anch && r->ok)
        hx__tx_fmt_ymd(t->anchor, sizeof t->anchor, r->y, r->m, r->d);
    return HX_OK;
oom:
    return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory storing time expressions");
}

hx_status hx__find_times(hx_doc *doc, hx_error *err)
{
    tx_expr *ex = NULL;
    size_t cap = 0;
    doc->times.n = 0;
    tx_marks marks = {0};
    size_t n = hx__tx_find(doc->text, doc->len, &ex, &cap, &marks);
    if (n == (size_t)-1) {
        free(ex);
        free(marks.b);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory finding time expressions");
    }
    tx_ref r = hx__tx_parse_ref(doc->date);
    hx_status st = HX_OK;
    for (size_t k = 0; k < n && st == HX_OK; k++)
        st = add_expr(doc, &ex[k], &r, err);
    free(ex);
    if (st == HX_OK)
        st = hx__tx_timebank(doc, doc->date, &marks, err);
    free(marks.b);
    return st;
}
