/*
 * numbers.c -- one number expression at a position of a text (numbers.h): digits,
 * words, both ("2,5 millones"), fractions ("dos tercios", "1 4/5", "uno sobre tres"),
 * decimals in words ("siete con cincuenta", "doscientos coma cero tres"), dozens,
 * "y medio", and the loose forms Recognizers-Text accepts ("1e10", "2^3", "10k").
 *
 * Cardinals themselves are read by numwords.c; this file adds what surrounds them.
 * Invariants: never reads past s + n; a returned expression starts at a word start
 * and ends after its last character (no trailing spaces); no state is kept.
 */
#include "numbers/numbers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numbers/numwords.h"

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

int hx__alnum_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i >= n)
        return 0;
    unsigned char c = u[i];
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
    if (c == 0xC3)
        return i + 1 < n && u[i + 1] != 0x97 && u[i + 1] != 0xB7;
    if (c == 0xC2 || c == 0xE2 || c >= 0xF0 || c < 0xC0)
        return 0;
    return 1; /* other letters of other scripts */
}

int hx__word_start(const char *s, size_t i)
{
    if (i == 0)
        return 1;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return !hx__alnum_at(s, i, j);
}

size_t hx__skip_sp(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    for (;;) {
        if (i < n && (u[i] == ' ' || u[i] == '\t'))
            i++;
        else if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xA0)
            i += 2;
        else
            return i;
    }
}

size_t hx__word_at(const char *s, size_t n, size_t i, char *w, size_t cap)
{
    if (i >= n) {
        w[0] = '\0';
        return i;
    }
    return i + hx__fold_word(s + i, n - i, w, cap);
}

int hx__word_is(const char *s, size_t n, size_t i, const char *const *list, size_t *end)
{
    size_t len;
    if (i >= n)
        return 0;
    for (; *list; list++)
        if (hx__word_eq(s + i, n - i, *list, &len)) {
            *end = i + len;
            return 1;
        }
    return 0;
}

double hx__denominator(const char *w, int *plural)
{
    size_t len = strlen(w);
    double v;
    if (len < 4)
        return 0;
    *plural = w[len - 1] == 's';
    size_t l = len - (size_t)*plural;
    if ((l == 5 && (memcmp(w, "medio", 5) == 0 || memcmp(w, "media", 5) == 0)))
        return 2;
    if (l == 6 && memcmp(w, "tercio", 6) == 0)
        return 3;
    if (l > 4 && w[l - 3] == 'a' && w[l - 2] == 'v' && (w[l - 1] == 'o' || w[l - 1] == 'a') &&
        hx__numwords_concat(w, l - 3, &v) && v > 2)
        return v;
    size_t k = hx__ordwords_parse(w, len, &v);
    if (k == len && v >= 4)
        return v;
    return 0;
}

/* The multiplier named by the last word of s[b0..b1), or 0. */
static double last_mult(const char *s, size_t b0, size_t b1)
{
    size_t j = b1;
    while (j > b0) {
        /* step back over one code point */
        size_t k = j - 1;
        while (k > b0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        if (!hx__alnum_at(s, b1, k))
            break;
        j = k;
    }
    char w[24];
    size_t e = hx__word_at(s, b1, j, w, sizeof w);
    return e > j ? hx__numword_mult(w, strlen(w)) : 0;
}

static const char *const w_y[] = {"y", NULL};
static const char *const w_medio[] = {"medio", "media", NULL};
static const char *const w_docena[] = {"docena", "docenas", "dozs", "doc", NULL};
static const char *const w_con[] = {"con", NULL};
static const char *const w_coma[] = {"coma", "punto", NULL};
static const char *const w_sobre[] = {"sobre", NULL};
static const char *const w_mitad[] = {"mitad", NULL};
static const char *const w_articles[] = {"un", "una", "uno", NULL};

/* "y medio" [multiplier] after a number that ends in multiplier mult (or none):
 * returns the end and adds to *v, or returns 0. */
static size_t y_medio(const char *s, size_t n, size_t e, double mult, double *v)
{
    size_t k = hx__skip_sp(s, n, e), k2, k3;
    if (k == e || !hx__word_is(s, n, k, w_y, &k2))
        return 0;
    k = hx__skip_sp(s, n, k2);
    if (k == k2 || !hx__word_is(s, n, k, w_medio, &k3))
        return 0;
    size_t end = k3;
    k = hx__skip_sp(s, n, k3);
    char w[24];
    size_t k4 = hx__word_at(s, n, k, w, sizeof w);
    double m = k > k3 && k4 > k ? hx__numword_mult(w, strlen(w)) : 0;
    if (m > 0) {
        *v += 0.5 * m;
        return k4;
    }
    *v += 0.5 * (mult > 0 ? mult : 1);
    return end;
}

/* The digits of an integer, for "con cincuenta" = ,50 and "coma cero tres". */
static int int_digits(double v, char *out, size_t cap)
{
    if (v < 0 || v >= 1e15 || v != floor(v))
        return 0;
    int k = snprintf(out, cap, "%.0f", v);
    return k > 0 && (size_t)k < cap;
}

/* A fraction in words at i: "dos tercios", "un medio", "uno y medio" (no "con"). */
static size_t frac_words(const char *s, size_t n, size_t i, double *v)
{
    hx__num x;
    size_t e = hx__num_parse(s, n, i, HX__NUMF_FRAC | HX__NUMF_LOOSE, &x);
    if (!e || x.digits)
        return 0;
    if (x.subtype == HX__NUM_FRAC) {
        *v = x.value;
        return e;
    }
    double vv = x.value;
    size_t e2 = y_medio(s, n, e, 0, &vv);
    if (e2) {
        *v = vv;
        return e2;
    }
    return 0;
}

static size_t parse_digits_part(const char *s, size_t n, size_t i, size_t j, int neg,
                                unsigned flags, hx__num *out)
{
    const unsigned char *u = (const unsigned char *)s;
    double v, dv;
    size_t e = j + hx__numwords_parse(s + j, n - j, &v);
    size_t d = j + hx__numdigits_parse(s + j, n - j, &dv);
    out->digits = 1;
    out->plain = 1;
    for (size_t k = j; k < d; k++)
        if (!is_digit(u[k]))
            out->plain = 0;
    /* decimal when there are decimals that are not all zeros ("1234,00" is whole) */
    const char *comma = memchr(s + j, ',', d - j);
    if (dv != floor(dv))
        out->subtype = HX__NUM_DEC;
    for (const char *p = comma ? comma + 1 : NULL; p && p < s + d; p++)
        if (*p != '0')
            out->subtype = HX__NUM_DEC;
    if (e > d) {
        out->mult = last_mult(s, d, e);
        out->plain = 0;
    } else if ((flags & HX__NUMF_LOOSE) && d < n && (u[d] == 'e' || u[d] == 'E')) {
        size_t k = d + 1;
        int eneg = 0;
        if (k < n && (u[k] == '+' || u[k] == '-'))
            eneg = u[k++] == '-';
        if (k < n && is_digit(u[k])) {
            double x = 0;
            while (k < n && is_digit(u[k]))
                x = x * 10 + (u[k++] - '0');
            if (!hx__alnum_at(s, n, k)) {
                v = dv * pow(10, eneg ? -x : x);
                out->subtype = HX__NUM_POW;
                e = k;
            }
        }
    } else if ((flags & HX__NUMF_LOOSE) && d < n && u[d] == '^') {
        size_t k = d + 1;
        int eneg = 0;
        while (k < n && u[k] == '-') {
            eneg = !eneg;
            k++;
        }
        if (k < n && is_digit(u[k])) {
            double x = 0;
            while (k < n && is_digit(u[k]))
                x = x * 10 + (u[k++] - '0');
            v = pow(dv, eneg ? -x : x);
            out->subtype = HX__NUM_POW;
            e = k;
        }
    } else if (d + 1 < n && u[d] == '/' && is_digit(u[d + 1]) && out->plain) {
        size_t k = d + 1;
        double den = 0;
        while (k < n && is_digit(u[k]))
            den = den * 10 + (u[k++] - '0');
        int date = k < n && (u[k] == '/' || u[k] == '-');
        if (!date && den > 0 && ((flags & HX__NUMF_LOOSE) || (den <= 10 && dv < den))) {
            v = dv / den;
            out->subtype = HX__NUM_FRAC;
            out->plain = 0;
            e = k;
        }
    } else if (out->plain && (flags & HX__NUMF_FRAC)) {
        /* "1 4/5": a whole number and a fraction. */
        size_t k = hx__skip_sp(s, n, d), k0 = k;
        double a = 0, b = 0;
        while (k < n && is_digit(u[k]))
            a = a * 10 + (u[k++] - '0');
        if (k > k0 && k0 > d && k + 1 < n && u[k] == '/' && is_digit(u[k + 1])) {
            k++;
            while (k < n && is_digit(u[k]))
                b = b * 10 + (u[k++] - '0');
            if (b > 0 && a < b && !hx__alnum_at(s, n, k) && !(k < n && u[k] == '/')) {
                v = dv + a / b;
                out->subtype = HX__NUM_FRAC;
                out->plain = 0;
                e = k;
            }
        }
    }
    if ((flags & HX__NUMF_LOOSE) && e == d) {
        size_t k = d < n && u[d] == ' ' ? d + 1 : d;
        if (k < n && (u[k] == 'k' || u[k] == 'K') && !hx__alnum_at(s, n, k + 1)) {
            v = dv * 1000;
            e = k + 1;
            out->plain = 0;
        }
    }
    if (neg)
        v = -v;
    if (out->mult > 0 || ((flags & HX__NUMF_LOOSE) && out->plain)) {
        size_t e2 = y_medio(s, n, e, out->mult, &v);
        if (e2) {
            e = e2;
            out->subtype = HX__NUM_FRAC;
        }
    }
    out->b0 = i;
    out->b1 = e;
    out->value = v;
    return e;
}

size_t hx__num_parse(const char *s, size_t n, size_t i, unsigned flags, hx__num *out)
{
    const unsigned char *u = (const unsigned char *)s;
    memset(out, 0, sizeof *out);
    if (i >= n)
        return 0;
    size_t j = i;
    /* A sign, unless it joins two numbers ("40 - 50", "1000-5000"). */
    if (u[j] == '-' || (j + 2 < n && u[j] == 0xE2 && u[j + 1] == 0x88 && u[j + 2] == 0x92)) {
        size_t k = j + (u[j] == '-' ? 1 : 3);
        size_t b = i;
        while (b > 0 && (u[b - 1] == ' ' || u[b - 1] == '\t'))
            b--;
        if (b > 0 && (is_digit(u[b - 1]) || (b == i && hx__alnum_at(s, n, b - 1))))
            return 0;
        if (k < n && is_digit(u[k]))
            return parse_digits_part(s, n, i, k, 1, flags, out);
        if ((flags & HX__NUMF_LOOSE) && k + 1 < n && u[k] == ' ' && is_digit(u[k + 1]))
            return parse_digits_part(s, n, i, k + 1, 1, flags, out);
        return 0;
    }
    if (is_digit(u[j])) {
        size_t e = parse_digits_part(s, n, i, j, 0, flags, out);
        /* "1 sobre 3", "1 sobre ciento veintiuno" */
        size_t k = hx__skip_sp(s, n, e), k2;
        if ((flags & HX__NUMF_FRAC) && out->subtype == HX__NUM_INT && k > e &&
            hx__word_is(s, n, k, w_sobre, &k2)) {
            hx__num y;
            size_t k3 = hx__skip_sp(s, n, k2);
            size_t e3 = k3 > k2 ? hx__num_parse(s, n, k3, 0, &y) : 0;
            if (e3 && y.value != 0 && y.subtype == HX__NUM_INT && !y.article) {
                out->value /= y.value;
                out->subtype = HX__NUM_FRAC;
                out->b1 = e3;
                return e3;
            }
        }
        return e;
    }
    if ((flags & HX__NUMF_LOOSE) && u[j] == ',' && j + 1 < n && is_digit(u[j + 1])) {
        char buf[40] = "0.";
        size_t k = j + 1, b = 2;
        while (k < n && is_digit(u[k])) {
            if (b < sizeof buf - 1)
                buf[b++] = (char)u[k];
            k++;
        }
        buf[b] = '\0';
        out->value = strtod(buf, NULL);
        out->subtype = HX__NUM_DEC;
        out->digits = 1;
        out->b0 = i;
        out->b1 = k;
        return k;
    }
    /* Words. */
    double v;
    size_t e = hx__numwords_parse(s + i, n - i, &v);
    size_t k, k2;
    if (e == 0) {
        /* "media docena" */
        static const char *const w_media1[] = {"media", NULL};
        static const char *const w_docena1[] = {"docena", NULL};
        if (hx__word_is(s, n, i, w_media1, &k2)) {
            size_t k3 = hx__skip_sp(s, n, k2), k4;
            if (k3 > k2 && hx__word_is(s, n, k3, w_docena1, &k4)) {
                out->value = 6;
                out->words = 1;
                out->b0 = i;
                out->b1 = k4;
                return k4;
            }
        }
        /* "medio millón" */
        static const char *const w_medio1[] = {"medio", NULL};
        if (hx__word_is(s, n, i, w_medio1, &k2)) {
            size_t k3 = hx__skip_sp(s, n, k2);
            char w[24];
            size_t k4 = k3 > k2 ? hx__word_at(s, n, k3, w, sizeof w) : k3;
            double m = k4 > k3 ? hx__numword_mult(w, strlen(w)) : 0;
            if (m >= 1e6) {
                out->value = 0.5 * m;
                out->subtype = HX__NUM_FRAC;
                out->words = 1;
                out->mult = m;
                out->b0 = i;
                out->b1 = k4;
                return k4;
            }
        }
        if ((flags & HX__NUMF_FRAC) && hx__word_is(s, n, i, w_mitad, &k2)) {
            out->value = 0.5;
            out->subtype = HX__NUM_FRAC;
            out->words = 1;
            out->b0 = i;
            out->b1 = k2;
            return k2;
        }
        return 0;
    }
    e += i;
    out->words = 1;
    out->b0 = i;
    out->mult = last_mult(s, i, e);
    out->article = hx__word_is(s, n, i, w_articles, &k2) && k2 == e;
    char w[32];
    /* Dozens: "una docena", "quince docenas", "dos mil y cuatro docenas". */
    k = hx__skip_sp(s, n, e);
    if (k > e && hx__word_is(s, n, k, w_docena, &k2)) {
        v *= 12;
        e = k2;
        out->article = 0;
    } else if (k > e && hx__word_is(s, n, k, w_y, &k2)) {
        size_t k3 = hx__skip_sp(s, n, k2);
        double y;
        size_t e3 = k3 > k2 ? hx__numwords_parse(s + k3, n - k3, &y) : 0;
        size_t k4 = hx__skip_sp(s, n, k3 + e3);
        size_t k5;
        if (e3 && k4 > k3 + e3 && hx__word_is(s, n, k4, w_docena, &k5)) {
            v += 12 * y;
            e = k5;
        }
    }
    /* A fraction: "dos tercios", "un octavo", "cien millonesimas". */
    k = hx__skip_sp(s, n, e);
    if ((flags & HX__NUMF_FRAC) && k > e && out->mult == 0) {
        k2 = hx__word_at(s, n, k, w, sizeof w);
        int plural = 0;
        double den = k2 > k && w[0] ? hx__denominator(w, &plural) : 0;
        /* "una media de 180.000" is an average: halves in words only for Recognizers */
        if (den == 2 && !(flags & HX__NUMF_LOOSE))
            den = 0;
        if (den > 0 && (v == 1 || plural)) {
            v /= den;
            e = k2;
            out->subtype = HX__NUM_FRAC;
            out->article = 0;
        }
    }
    k = hx__skip_sp(s, n, e);
    if ((flags & HX__NUMF_LOOSE) && k > e && hx__word_is(s, n, k, w_con, &k2)) {
        /* "ciento tres con dos tercios", "siete con cincuenta". */
        size_t k3 = hx__skip_sp(s, n, k2);
        double f;
        size_t e3 = k3 > k2 ? frac_words(s, n, k3, &f) : 0;
        if (e3) {
            v += f * (out->mult > 0 ? out->mult : 1);
            e = e3;
            out->subtype = HX__NUM_FRAC;
        } else if (out->mult == 0 && k3 > k2) {
            double y;
            char dig[24], buf[64];
            size_t e4 = hx__numwords_parse(s + k3, n - k3, &y);
            if (e4 && !is_digit(u[k3]) && int_digits(y, dig, sizeof dig) &&
                int_digits(v, buf, sizeof buf - 24)) {
                strcat(buf, ".");
                strcat(buf, dig);
                v = strtod(buf, NULL);
                e = k3 + e4;
                out->subtype = HX__NUM_DEC;
            }
        }
    } else if (k > e && hx__word_is(s, n, k, w_coma, &k2) && out->subtype == HX__NUM_INT) {
        /* "doscientos coma cero tres": each number after "coma" gives its digits. */
        char buf[64], dig[24];
        size_t end = e, p = k2;
        int any = 0;
        if (int_digits(v, buf, 24)) {
            strcat(buf, ".");
            for (;;) {
                size_t q = hx__skip_sp(s, n, p);
                double y;
                size_t l = q > p && q < n && !is_digit(u[q]) ? hx__numwords_parse(s + q, n - q, &y) : 0;
                if (!l || !int_digits(y, dig, sizeof dig) || strlen(buf) + strlen(dig) >= sizeof buf)
                    break;
                strcat(buf, dig);
                any = 1;
                p = end = q + l;
            }
            if (any) {
                v = strtod(buf, NULL);
                e = end;
                out->subtype = HX__NUM_DEC;
            }
        }
    } else if (out->subtype == HX__NUM_INT && (out->mult > 0 || (flags & HX__NUMF_LOOSE))) {
        size_t e2 = y_medio(s, n, e, out->mult, &v);
        if (e2) {
            e = e2;
            out->subtype = HX__NUM_FRAC;
            out->article = 0;
        }
    }
    k = hx__skip_sp(s, n, e);
    if ((flags & HX__NUMF_FRAC) && out->subtype == HX__NUM_INT && k > e &&
        hx__word_is(s, n, k, w_sobre, &k2)) {
        hx__num y;
        size_t k3 = hx__skip_sp(s, n, k2);
        size_t e3 = k3 > k2 ? hx__num_parse(s, n, k3, 0, &y) : 0;
        if (e3 && y.value != 0 && y.subtype == HX__NUM_INT && !y.article) {
            v /= y.value;
            e = e3;
            out->subtype = HX__NUM_FRAC;
            out->article = 0;
        }
    }
    out->b1 = e;
    out->value = v;
    return e;
}
