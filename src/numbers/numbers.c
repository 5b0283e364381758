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

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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
    if (l > 4 && w[l - 3] == 'a' && w[l - 2] == 'v' && (w[l - 1] == 'o' || w[l - 1] == 'a')) {
        /* "onceavos", "veintiunavos"; "treintavos", "cuarentavas" drop the cardinal's
         * final "a" */
        char stem[32];
        if (hx__numwords_concat(w, l - 3, &v) && v > 2)
            return v;
        if (l - 3 + 1 < sizeof stem && strncmp(w, "cent", 4)) {
            memcpy(stem, w, l - 3);
            stem[l - 3] = 'a';
            if (hx__numwords_concat(stem, l - 2, &v) && v >= 30)
                return v;
        }
    }
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
static const char *const w_docena[] = {"docena", "docenas", "dozs", "doc", "dz", NULL};
static const char *const w_mill[] = {"mill", "mll", NULL};

/* Collective nouns that multiply the number before them ("tres docenas", "un
 * centenar", "dos millares"): the words and the factor. */
static const struct {
    const char *const *w;
    double f;
} collectives[] = {
    {(const char *const[]){"docena", "docenas", "dozs", "doc", "dz", NULL}, 12},
    {(const char *const[]){"decena", "decenas", NULL}, 10},
    {(const char *const[]){"centenar", "centenares", "centena", "centenas", NULL}, 100},
    {(const char *const[]){"millar", "millares", NULL}, 1000},
};

/* A collective noun after e ("3 docenas", "un centenar"): multiplies *v, makes it the
 * multiplier of out (what is counted may follow with "de") and returns its end, or 0.
 * "un par" (2) is read only after the article. */
static size_t collective(const char *s, size_t n, size_t e, int article, double *v,
                         hx__num *out)
{
    static const char *const w_par[] = {"par", NULL};
    size_t k = hx__skip_sp(s, n, e), k2;
    if (k == e || k >= n)
        return 0;
    for (size_t c = 0; c < sizeof collectives / sizeof collectives[0]; c++)
        if (hx__word_is(s, n, k, collectives[c].w, &k2) && !hx__alnum_at(s, n, k2)) {
            *v *= collectives[c].f;
            out->mult = collectives[c].f;
            return k2;
        }
    if (article && *v == 1 && hx__word_is(s, n, k, w_par, &k2) && !hx__alnum_at(s, n, k2)) {
        *v = 2;
        out->mult = 2;
        return k2;
    }
    return 0;
}

/* A vulgar fraction character at i ("½", "⅙"): its value and *len its bytes, or 0. */
static double vulgar(const unsigned char *u, size_t n, size_t i, size_t *len)
{
    static const double latin1[] = {0.25, 0.5, 0.75};                  /* U+00BC..BE */
    static const double forms[] = {1.0 / 7, 1.0 / 9, 0.1, 1.0 / 3, 2.0 / 3, 0.2, 0.4,
                                   0.6,     0.8,     1.0 / 6, 5.0 / 6, 0.125, 0.375,
                                   0.625,   0.875};                    /* U+2150..215E */
    if (i + 1 < n && u[i] == 0xC2 && u[i + 1] >= 0xBC && u[i + 1] <= 0xBE) {
        *len = 2;
        return latin1[u[i + 1] - 0xBC];
    }
    if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x85 && u[i + 2] >= 0x90 && u[i + 2] <= 0x9E) {
        *len = 3;
        return forms[u[i + 2] - 0x90];
    }
    return 0;
}
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

/* What may follow the digits [.., d) of a number whose value is *v: a vulgar
 * fraction ("2½"), a collective noun ("3 docenas"), "mill." (millions), and for
 * Recognizers-Text the SI-like suffixes "10k", "10 K", "10M", "10G", "10T".  Returns
 * the new end (d when none). */
static size_t digits_suffix(const char *s, size_t n, size_t d, unsigned flags, hx__num *out,
                            double *v)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t vl, k2;
    double f = vulgar(u, n, d, &vl);
    if (f > 0 && out->plain && *v == floor(*v)) {
        *v += f;
        out->subtype = HX__NUM_FRAC;
        out->plain = 0;
        return d + vl;
    }
    if ((k2 = collective(s, n, d, 0, v, out)) != 0) {
        out->plain = 0;
        return k2;
    }
    size_t k = hx__skip_sp(s, n, d);
    if (k > d && hx__word_is(s, n, k, w_mill, &k2) && k2 < n && u[k2] == '.') {
        *v *= 1e6; /* "3,5 mill." */
        out->mult = 1e6;
        out->plain = 0;
        return k2 + 1;
    }
    if (!(flags & HX__NUMF_LOOSE))
        return d;
    k = d < n && u[d] == ' ' ? d + 1 : d;
    static const char sym[] = "kKMGT";
    static const double fac[] = {1e3, 1e3, 1e6, 1e9, 1e12};
    const char *p = k < n && u[k] ? strchr(sym, u[k]) : NULL;
    if (p && !hx__alnum_at(s, n, k + 1) && (k == d || *p == 'k' || *p == 'K')) {
        *v *= fac[p - sym];
        out->plain = 0;
        return k + 1;
    }
    return d;
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
    if (comma && memchr(comma + 1, ',', (size_t)(s + d - comma - 1)))
        comma = NULL; /* "1,234,567": commas that separate thousands */
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
        while (k < n && (u[k] == '-' || u[k] == '+')) {
            eneg ^= u[k] == '-';
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
    if (e == d)
        e = digits_suffix(s, n, d, flags, out, &v);
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

/* "- 5", "−5": a sign, unless it joins two numbers ("40 - 50", "1000-5000"). */
static size_t parse_signed(const char *s, size_t n, size_t i, unsigned flags, hx__num *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = i + (u[i] == '-' ? 1 : 3);
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

/* "N sobre M" after a number that ends at e: divides out and returns the new end, or
 * returns e. */
static size_t over(const char *s, size_t n, size_t e, unsigned flags, hx__num *out)
{
    size_t k = hx__skip_sp(s, n, e), k2;
    if (!(flags & HX__NUMF_FRAC) || out->subtype != HX__NUM_INT || k == e ||
        !hx__word_is(s, n, k, w_sobre, &k2))
        return e;
    hx__num y;
    size_t k3 = hx__skip_sp(s, n, k2);
    size_t e3 = k3 > k2 ? hx__num_parse(s, n, k3, 0, &y) : 0;
    if (!e3 || y.value == 0 || y.subtype != HX__NUM_INT || y.article)
        return e;
    out->value /= y.value;
    out->subtype = HX__NUM_FRAC;
    out->article = 0;
    out->b1 = e3;
    return e3;
}

/* ",08" (Recognizers-Text): a decimal without its zero. */
static size_t leading_comma(const char *s, size_t n, size_t i, hx__num *out)
{
    const unsigned char *u = (const unsigned char *)s;
    char buf[40] = "0.";
    size_t k = i + 1, b = 2;
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

/* What starts with a word that is no cardinal: "media docena", "medio millón", "la
 * mitad" (fractions only). */
static size_t words_special(const char *s, size_t n, size_t i, unsigned flags, hx__num *out)
{
    static const char *const w_media1[] = {"media", NULL};
    static const char *const w_docena1[] = {"docena", NULL};
    static const char *const w_medio1[] = {"medio", NULL};
    size_t k2, k3, k4;
    out->words = 1;
    out->b0 = i;
    if (hx__word_is(s, n, i, w_media1, &k2) && (k3 = hx__skip_sp(s, n, k2)) > k2 &&
        hx__word_is(s, n, k3, w_docena1, &k4)) {
        out->value = 6;
        return out->b1 = k4;
    }
    if (hx__word_is(s, n, i, w_medio1, &k2)) {
        k3 = hx__skip_sp(s, n, k2);
        char w[24];
        k4 = k3 > k2 ? hx__word_at(s, n, k3, w, sizeof w) : k3;
        double m = k4 > k3 ? hx__numword_mult(w, strlen(w)) : 0;
        if (m >= 1e6) {
            out->value = 0.5 * m;
            out->subtype = HX__NUM_FRAC;
            out->mult = m;
            return out->b1 = k4;
        }
    }
    if ((flags & HX__NUMF_FRAC) && hx__word_is(s, n, i, w_mitad, &k2)) {
        out->value = 0.5;
        out->subtype = HX__NUM_FRAC;
        return out->b1 = k2;
    }
    return 0;
}

/* "dos tercios", "un octavo", "cien millonésimas" after the cardinal ending at e. */
static size_t word_fraction(const char *s, size_t n, size_t e, unsigned flags, hx__num *out,
                            double *v)
{
    size_t k = hx__skip_sp(s, n, e);
    if (!(flags & HX__NUMF_FRAC) || k == e)
        return e;
    char w[32];
    size_t k2 = hx__word_at(s, n, k, w, sizeof w);
    int plural = 0;
    double den = k2 > k && w[0] ? hx__denominator(w, &plural) : 0;
    /* "una media de 180.000" is an average: halves in words only for Recognizers */
    if (den == 2 && !(flags & HX__NUMF_LOOSE))
        den = 0;
    /* "dos millones tercios" is no fraction, "cien mil billonésimas" is */
    if (out->mult > 0 && den <= out->mult)
        den = 0;
    if (den <= 0 || !(*v == 1 || plural))
        return e;
    *v /= den;
    out->subtype = HX__NUM_FRAC;
    out->article = 0;
    return k2;
}

/* "siete con cincuenta", "ciento tres con dos tercios" (Recognizers-Text). */
static size_t with_con(const char *s, size_t n, size_t k2, hx__num *out, double *v)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k3 = hx__skip_sp(s, n, k2);
    double f;
    size_t e3 = k3 > k2 ? frac_words(s, n, k3, &f) : 0;
    if (e3) {
        *v += f * (out->mult > 0 ? out->mult : 1);
        out->subtype = HX__NUM_FRAC;
        return e3;
    }
    if (out->mult != 0 || k3 == k2)
        return 0;
    double y;
    char dig[24], buf[64];
    size_t e4 = hx__numwords_parse(s + k3, n - k3, &y);
    if (!e4 || is_digit(u[k3]) || !int_digits(y, dig, sizeof dig) ||
        !int_digits(*v, buf, sizeof buf - 24))
        return 0;
    strcat(buf, ".");
    strcat(buf, dig);
    *v = strtod(buf, NULL);
    out->subtype = HX__NUM_DEC;
    return k3 + e4;
}

/* "doscientos coma cero tres": each number after "coma" gives its digits. */
static size_t with_coma(const char *s, size_t n, size_t k2, hx__num *out, double *v)
{
    const unsigned char *u = (const unsigned char *)s;
    char buf[64], dig[24];
    size_t end = 0, p = k2;
    if (!int_digits(*v, buf, 24))
        return 0;
    strcat(buf, ".");
    for (;;) {
        size_t q = hx__skip_sp(s, n, p);
        double y;
        size_t l = q > p && q < n && !is_digit(u[q]) ? hx__numwords_parse(s + q, n - q, &y) : 0;
        if (!l || !int_digits(y, dig, sizeof dig) || strlen(buf) + strlen(dig) >= sizeof buf)
            break;
        strcat(buf, dig);
        p = end = q + l;
    }
    if (!end)
        return 0;
    *v = strtod(buf, NULL);
    out->subtype = HX__NUM_DEC;
    return end;
}

/* A number that starts with a cardinal in words ("dos mil", "un tercio", "siete con
 * cincuenta"). */
static size_t parse_words(const char *s, size_t n, size_t i, unsigned flags, hx__num *out)
{
    double v;
    size_t e = hx__numwords_parse(s + i, n - i, &v);
    size_t k, k2;
    if (e == 0)
        return words_special(s, n, i, flags, out);
    e += i;
    out->words = 1;
    out->b0 = i;
    out->mult = last_mult(s, i, e);
    out->article = hx__word_is(s, n, i, w_articles, &k2) && k2 == e;
    /* Collectives: "una docena", "quince docenas", "un centenar", "un par"; and "dos mil
     * y cuatro docenas". */
    k = hx__skip_sp(s, n, e);
    if ((k2 = collective(s, n, e, out->article, &v, out)) != 0) {
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
    e = word_fraction(s, n, e, flags, out, &v);
    k = hx__skip_sp(s, n, e);
    size_t e2 = 0;
    if ((flags & HX__NUMF_LOOSE) && k > e && hx__word_is(s, n, k, w_con, &k2))
        e2 = with_con(s, n, k2, out, &v);
    else if (k > e && hx__word_is(s, n, k, w_coma, &k2) && out->subtype == HX__NUM_INT)
        e2 = with_coma(s, n, k2, out, &v);
    else if (out->subtype == HX__NUM_INT && (out->mult > 0 || (flags & HX__NUMF_LOOSE)) &&
             (e2 = y_medio(s, n, e, out->mult, &v)) != 0) {
        out->subtype = HX__NUM_FRAC;
        out->article = 0;
    }
    if (e2)
        e = e2;
    out->b1 = e;
    out->value = v;
    return over(s, n, e, flags, out);
}

size_t hx__num_parse(const char *s, size_t n, size_t i, unsigned flags, hx__num *out)
{
    const unsigned char *u = (const unsigned char *)s;
    memset(out, 0, sizeof *out);
    if (i >= n)
        return 0;
    if (u[i] == '-' || (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x88 && u[i + 2] == 0x92))
        return parse_signed(s, n, i, flags, out);
    size_t vl;
    double vf = vulgar(u, n, i, &vl);
    if (vf > 0) {
        out->value = vf;
        out->subtype = HX__NUM_FRAC;
        out->digits = 1;
        out->b0 = i;
        return out->b1 = i + vl;
    }
    if (is_digit(u[i])) {
        size_t e = parse_digits_part(s, n, i, i, 0, flags, out);
        assert(e > i && out->b1 == e);
        return over(s, n, e, flags, out); /* "1 sobre 3" */
    }
    if ((flags & HX__NUMF_LOOSE) && u[i] == ',' && i + 1 < n && is_digit(u[i + 1]))
        return leading_comma(s, n, i, out);
    return parse_words(s, n, i, flags, out);
}
