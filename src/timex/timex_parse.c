/*
 * timex_parse.c -- the bottom of the grammar of Spanish time expressions: token
 * tests, cardinals and years, and clock times ("15:30", "las siete y media de la
 * tarde", "4 p.m.").  Dates are in timex_date.c, combinations in timex_point.c,
 * ranges, modifiers, sets and the scan in timex_scan.c.
 *
 * Every rule has the shape `size_t rule(const hx__timex_scan *p, size_t i, ... out)`: it reads
 * tokens from index i and returns the index just past what it matched, or 0 when it
 * did not match (a match always consumes at least one token, so 0 is never a valid
 * end).  Rules never write into their output unless they match... except for scratch
 * values the caller re-initialises.  Nothing here resolves against a reference date:
 * that is timex_cal.c's job.
 */
#include "timex/timex.h"

#include "numbers/numbers.h"

#include <string.h>

/* ---------------------------------------------------------------- token tests */

const tx_lexent *hx__tx_e(const hx__timex_scan *p, size_t i)
{
    return i < p->n ? hx__tx_entry(&p->t[i]) : NULL;
}

void hx__tx_pt_init(tx_point *pt)
{
    memset(pt, 0, sizeof *pt);
    pt->y = pt->m = pt->d = pt->n = -1;
    pt->h = pt->mi = pt->s = -1;
}

/* The token index at byte b or after it. */
static size_t tok_at(const hx__timex_scan *p, size_t i, size_t b)
{
    while (i < p->n && p->t[i].b0 < b)
        i++;
    return i;
}

/* A cardinal in words at token i (hx__tx_number checked the first word). */
size_t hx__tx_number_words(const hx__timex_scan *p, size_t i, double *v)
{
    const tx_tok *t = &p->t[i];
    /* the words are parsed once per token: the scan's memo keeps what came out */
    tx_nmemo *m = p->memo ? &p->memo->num[i % TX_MEMO] : NULL;
    if (m && m->i == i) {
        if (m->wrote)
            *v = m->v;
        return m->end;
    }
    double x = 0;
    size_t used = hx__numwords_parse(p->text + t->b0, p->len - t->b0, &x), end = 0;
    if (used) {
        *v = x;
        size_t e = tok_at(p, i, t->b0 + used);
        end = e > i ? e : 0;
    }
    if (m) {
        m->i = i;
        m->end = end;
        m->v = x;
        m->wrote = used != 0;
    }
    return end;
}


/* A year at i: 4 digits 1000..2999 not glued to more digits, or a cardinal in words
 * 1000..2999 ("dos mil veinte").  Returns the end or 0. */
size_t hx__tx_year(const hx__timex_scan *p, size_t i, int *y)
{
    if (hx__tx_num(p, i)) {
        const tx_tok *t = &p->t[i];
        if (t->ndig != 4 || t->num < 1000 || t->num > 2999)
            return 0;
        /* +86 2010-2015-86: more than two glued numbers are no years */
        {
            int nums = 1;
            for (size_t k = i; k >= 2 && hx__tx_adj(p, k) && p->t[k - 1].kind == TX_TP &&
                               hx__tx_adj(p, k - 1) && hx__tx_num(p, k - 2);
                 k -= 2)
                nums++;
            for (size_t k = i; k + 2 < p->n && hx__tx_adj(p, k + 1) &&
                               p->t[k + 1].kind == TX_TP && p->t[k + 1].c != ',' &&
                               hx__tx_adj(p, k + 2) && hx__tx_num(p, k + 2);
                 k += 2)
                nums++;
            if (nums > 2)
                return 0;
        }
        /* 32-2015 / 82-2100: glued to a short number, not a year */
        if (i >= 2 && hx__tx_adj(p, i) && (hx__tx_pc(p, i - 1, '-') || hx__tx_pc(p, i - 1, '/')) &&
            hx__tx_num(p, i - 2) && hx__tx_adj(p, i - 1) && p->t[i - 2].ndig != 4)
            return 0;
        /* 50.000 / 2010-2015-86: a number with separators is not a year */
        if (i > 0 && hx__tx_adj(p, i) && (hx__tx_pc(p, i - 1, '.') || hx__tx_pc(p, i - 1, ',')) &&
            i >= 2 && hx__tx_num(p, i - 2) && hx__tx_adj(p, i - 1))
            return 0;
        if ((hx__tx_pc(p, i + 1, '.') || hx__tx_pc(p, i + 1, ',')) && hx__tx_adj(p, i + 1) &&
            hx__tx_num(p, i + 2) && hx__tx_adj(p, i + 2))
            return 0;
        *y = t->num;
        return i + 1;
    }
    double v;
    size_t e;
    if (hx__tx_c(p, i, L_NUMW) && (e = hx__tx_number(p, i, &v)) && v >= 1000 && v <= 2999 &&
        v == (int)v) {
        *y = (int)v;
        return e;
    }
    return 0;
}


/* ---------------------------------------------------------------- clock times */

/* am / pm / a.m. / p.m. at i: returns end and sets *pm (0 am, 1 pm). */
size_t hx__tx_ampm(const hx__timex_scan *p, size_t i, int *pm)
{
    if (hx__tx_f(p, i, F_AM) || hx__tx_f(p, i, F_PM)) {
        *pm = hx__tx_f(p, i, F_PM);
        return i + 1;
    }
    if (i + 2 < p->n && p->t[i].kind == TX_TW && p->t[i].b1 - p->t[i].b0 == 1 &&
        hx__tx_pc(p, i + 1, '.') && hx__tx_adj(p, i + 1) && hx__tx_adj(p, i + 2) &&
        p->t[i + 2].kind == TX_TW && p->t[i + 2].b1 - p->t[i + 2].b0 == 1 &&
        (p->text[p->t[i + 2].b0] | 0x20) == 'm') {
        char c = (char)(p->text[p->t[i].b0] | 0x20);
        if (c != 'a' && c != 'p')
            return 0;
        *pm = c == 'p';
        size_t e = i + 3;
        if (hx__tx_pc(p, e, '.') && hx__tx_adj(p, e))
            e++;
        return e;
    }
    return 0;
}

/* "de la mañana/tarde/noche/madrugada", "del mediodía", "por la tarde" after a clock
 * time: returns the end and the part of day. */
size_t hx__tx_pod_suffix(const hx__timex_scan *p, size_t i, char *pod)
{
    size_t j = i;
    if (hx__tx_f(p, j, F_DEL) && hx__tx_f(p, j + 1, F_MEDIODIA)) {
        *pod = 'D';
        return j + 2;
    }
    if (!(hx__tx_f(p, j, F_DE) || hx__tx_f(p, j, F_POR) || hx__tx_f(p, j, F_EN) ||
          hx__tx_f(p, j, F_A)))
        return 0;
    if (!hx__tx_f(p, j + 1, F_LA))
        return 0;
    j += 2;
    if (hx__tx_f(p, j, F_MANANA))
        *pod = 'M';
    else if (hx__tx_c(p, j, L_POD) && hx__tx_v(p, j) != 'M')
        *pod = (char)hx__tx_v(p, j);
    else if (hx__tx_c(p, j, L_POD))
        *pod = 'm'; /* madrugada: small hours */
    else
        return 0;
    return j + 1;
}

/* Applies a part of day to an hour given on a 12-hour dial. */
void hx__tx_apply_pod(tx_point *pt, char pod)
{
    if (pt->h < 0)
        return;
    if (pod == 'E' || pod == 'A') {
        if (pt->h >= 1 && pt->h < 12)
            pt->h += 12;
    } else if (pod == 'N') {
        if (pt->h >= 5 && pt->h < 12)
            pt->h += 12;
        else if (pt->h == 12)
            pt->h = 0;
    } else if (pod == 'D') {
        if (pt->h < 12 && pt->h >= 1 && pt->h <= 6)
            pt->h += 12;
    }
    pt->amb = 0;
}

/* A clock time at i: "15:30", "8:00:31", "15.30" (when `strict` is 0: after "las"),
 * "siete", "ocho y veinte", "tres y media", "siete menos cuarto", "14h", "4 p.m.",
 * "8pm menos cuarto", "doce del mediodía", "cinco de la tarde", "4 en punto".
 * strict bit 1: the time is not introduced by "las"/"la", so a bare hour is refused;
 * bit 2: no "y N" minutes (inside "entre 3 y 5"). */
/* Whether token i is the ASCII word w, in any case. */
static int ascii_word(const hx__timex_scan *p, size_t i, const char *w)
{
    if (i >= p->n || p->t[i].kind != TX_TW || (p->text[p->t[i].b0] | 0x20) != w[0])
        return 0;
    size_t n = strlen(w);
    if (p->t[i].b1 - p->t[i].b0 != n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((p->text[p->t[i].b0 + k] | 0x20) != w[k])
            return 0;
    return 1;
}

/* A time zone after a clock ending at e: "GMT", "UTC", "CET", "(GMT)", "hora local",
 * "horas peninsular", "(hora de Madrid)", "hora canaria"; "hora" may be the clock's
 * own ("a las 15 horas local").  The end and *tz ('Z' for GMT/UTC, else 'L'), or 0. */
static size_t clock_zone(const hx__timex_scan *p, size_t e, char *tz)
{
    static const char *const named[] = {"local", "peninsular", "canaria", "insular",
                                        "oficial", "continental"};
    size_t j = e;
    /* most clocks end the expression: nothing but a word or "(" may follow a zone's */
    if (j >= p->n || p->t[j].kind == TX_TN || (p->t[j].kind == TX_TP && p->t[j].c != '('))
        return 0;
    int par = hx__tx_pc(p, j, '(');
    j += (size_t)par;
    int hora = hx__tx_c(p, j, L_UNIT) && hx__tx_v(p, j) == U_HOUR;
    int after_hora = !hora && !par && j > 0 && hx__tx_c(p, j - 1, L_UNIT) &&
                     hx__tx_v(p, j - 1) == U_HOUR;
    j += (size_t)hora;
    if (ascii_word(p, j, "gmt") || ascii_word(p, j, "utc")) {
        *tz = 'Z';
        j++;
    } else if (ascii_word(p, j, "cet") || ascii_word(p, j, "cest")) {
        *tz = 'L';
        j++;
    } else if (hora || after_hora) {
        size_t k = 0;
        while (k < sizeof named / sizeof *named && !ascii_word(p, j, named[k]))
            k++;
        if (k < sizeof named / sizeof *named)
            j++;
        else if (hx__tx_f(p, j, F_DE) && j + 1 < p->n && p->t[j + 1].kind == TX_TW &&
                 !p->t[j + 1].lex && p->text[p->t[j + 1].b0] >= 'A' &&
                 p->text[p->t[j + 1].b0] <= 'Z')
            j += 2; /* hora de Madrid */
        else
            return 0;
        *tz = 'L';
    } else
        return 0;
    if (par) {
        if (!hx__tx_pc(p, j, ')'))
            return 0;
        j++;
    }
    return j;
}

/* Digits of a clock at i ("15", "15:30", "15.30", "15:30:05", "0930"): sets *h, *mi
 * and *s (-1 when not said) and *cue (a colon); returns the end, or 0. */
static size_t clock_digits(const hx__timex_scan *p, size_t i, int strict, int *h, int *mi, int *s,
                           int *cue)
{
    size_t e;
    const tx_tok *t = &p->t[i];
    if (t->ndig == 4 && !(strict & 1) && t->num % 100 < 60 && t->num / 100 <= 24) {
        *h = t->num / 100; /* 0930 */
        *mi = t->num % 100;
        e = i + 1;
    } else {
        if (t->ndig > 2 || t->num > 24)
            return 0;
        *h = t->num;
        e = i + 1;
        if ((hx__tx_pc(p, e, ':') || hx__tx_pc(p, e, '.')) && hx__tx_adj(p, e) &&
            hx__tx_num(p, e + 1) && hx__tx_adj(p, e + 1) && p->t[e + 1].ndig == 2 &&
            p->t[e + 1].num < 60) {
            int colon = hx__tx_pc(p, e, ':');
            /* 15.30 only after "las" or before am/pm; 23.04.2022 is a date */
            int pmx;
            if (!colon && hx__tx_pc(p, e + 2, '.') && hx__tx_adj(p, e + 2) &&
                hx__tx_num(p, e + 3))
                return 0;
            char tz;
            /* a listing: "(21.30, TV-3)", "(Canal +, 20.00)" */
            int listed = i > 0 && (hx__tx_pc(p, i - 1, '(') || hx__tx_pc(p, i - 1, ',')) &&
                         (hx__tx_pc(p, e + 2, ')') || hx__tx_pc(p, e + 2, ','));

            if (colon || !(strict & 1) || hx__tx_ampm(p, e + 2, &pmx) ||
                clock_zone(p, e + 2, &tz) || listed) {
                *mi = p->t[e + 1].num;
                e += 2;
                *cue = colon || listed;
                if (hx__tx_pc(p, e, ':') && hx__tx_adj(p, e) && hx__tx_num(p, e + 1) &&
                    hx__tx_adj(p, e + 1) && p->t[e + 1].ndig == 2 && p->t[e + 1].num < 60) {
                    *s = p->t[e + 1].num;
                    e += 2;
                }
            }
        }
    }
    return e;
}

/* Minutes in words after the hour ending at e: "y media", "y cuarto", "y veinte",
 * "menos cuarto", "menos diez".  Updates *h, *mi, *cue; returns the new end. */
static size_t clock_minutes(const hx__timex_scan *p, size_t i, size_t e, int *h, int *mi, int *cue)
{
    double v;
    size_t f = e;
    int digits_h = hx__tx_num(p, i);
    int minus = hx__tx_f(p, e, F_MENOS);
    int add = -1;
    if (hx__tx_f(p, e + 1, F_MEDIA)) {
        add = 30;
        f = e + 2;
    } else if (hx__tx_c(p, e + 1, L_ORDW) && hx__tx_v(p, e + 1) == 4) {
        add = 15;
        f = e + 2;
    } else if ((f = hx__tx_number(p, e + 1, &v)) && v >= 1 && v < 60 && v == (int)v &&
               !hx__tx_c(p, f, L_UNIT) && !hx__tx_c(p, f, L_MONTH)) {
        add = (int)v;
        if (hx__tx_c(p, f, L_UNIT) && hx__tx_v(p, f) == U_MIN)
            f++;
    }
    if (add >= 0 && !(minus && add == 30)) {
        *mi = minus ? 60 - add : add;
        if (minus)
            *h = *h == 0 ? 23 : *h - 1;
        e = f;
        *cue = !digits_h || add == 30 || add == 15 || minus; /* "las 2 menos 5" */
    }
    return e;
}

/* What may follow a clock ending at e: am/pm ("8pm menos cuarto"), "h", "horas", a part
 * of the day ("de la tarde"), "en punto".  Updates pt and *cue; returns the new end,
 * or 0 when the clock is no clock ("15 pm", "9 del mediodía"). */
static size_t clock_suffix(const hx__timex_scan *p, size_t e, int strict, int h, int mi,
                           tx_point *pt, int *cue)
{
    size_t f;
    int pm;
    if ((f = hx__tx_ampm(p, e, &pm))) {
        if (h > 12)
            return 0;
        if (pm && h < 12)
            pt->h = (int8_t)(h + 12);
        if (!pm && h == 12)
            pt->h = 0;
        pt->amb = 0;
        e = f;
        *cue = 1;
        /* 8pm menos cuarto */
        if (mi < 0 && hx__tx_f(p, e, F_MENOS) && hx__tx_c(p, e + 1, L_ORDW) &&
            hx__tx_v(p, e + 1) == 4) {
            pt->h = (int8_t)(pt->h == 0 ? 23 : pt->h - 1);
            pt->mi = 45;
            pt->tprec = 2;
            e += 2;
        }
    } else if (hx__tx_f(p, e, F_H)) {
        e++;
        *cue = 1;
        /* 12h50: the minutes glued to the "h" */
        if (mi < 0 && hx__tx_num(p, e) && hx__tx_adj(p, e) && p->t[e].ndig == 2 &&
            p->t[e].num < 60) {
            pt->mi = (int8_t)p->t[e].num;
            pt->tprec = 2;
            e++;
        }
    } else if (!(strict & 1) && hx__tx_c(p, e, L_UNIT) && hx__tx_v(p, e) == U_HOUR) {
        e++; /* a las 15 horas, a las 18.45 horas */
        *cue = 1;
    }
    char pod;
    if ((f = hx__tx_pod_suffix(p, e, &pod))) {
        hx__tx_apply_pod(pt, pod);
        if (pod == 'D' && h != 12 && h > 6)
            return 0;
        e = f;
        *cue = 1;
    }
    if (hx__tx_f(p, e, F_EN) && hx__tx_f(p, e + 1, F_PUNTO)) {
        e += 2;
        *cue = 1;
    }
    if ((f = clock_zone(p, e, &pt->tz))) {
        e = f;
        *cue = 1;
    }
    return e;
}

size_t hx__tx_clock(const hx__timex_scan *p, size_t i, int strict, tx_point *pt)
{
    double v;
    size_t e;
    int h, mi = -1, s = -1, cue = 0;
    if (hx__tx_num(p, i)) {
        if (!(e = clock_digits(p, i, strict, &h, &mi, &s, &cue)))
            return 0;
    } else if (hx__tx_f(p, i, F_MEDIODIA) || hx__tx_f(p, i, F_MEDIANOCHE)) {
        hx__tx_pt_init(pt);
        pt->h = hx__tx_f(p, i, F_MEDIODIA) ? 12 : 0;
        pt->mi = pt->s = 0;
        pt->tprec = 1;
        return i + 1;
    } else {
        if (!(e = hx__tx_number(p, i, &v)) || v < 1 || v > 24 || v != (int)v)
            return 0;
        h = (int)v;
    }
    if (hx__tx_c(p, e, L_UNIT) && hx__tx_v(p, e) != U_HOUR)
        return 0;
    if (mi < 0 && !(strict & 2) && (hx__tx_f(p, e, F_Y) || hx__tx_f(p, e, F_MENOS)))
        e = clock_minutes(p, i, e, &h, &mi, &cue);
    hx__tx_pt_init(pt);
    pt->h = (int8_t)h;
    pt->mi = (int8_t)(mi < 0 ? 0 : mi);
    pt->s = (int8_t)(s < 0 ? 0 : s);
    pt->tprec = (int8_t)(s >= 0 ? 3 : mi >= 0 ? 2 : 1);
    pt->amb = h >= 1 && h <= 12;
    if (!(e = clock_suffix(p, e, strict, h, mi, pt, &cue)))
        return 0;
    if (h > 12)
        pt->amb = 0;
    if ((strict & 1) && !cue)
        return 0;
    pt->cue = (int8_t)(cue || mi >= 0);
    return e;
}
