/*
 * numbers_rt.c -- hx__recognize_numbers: numbers, ordinals, percentages, number
 * ranges, currencies, dimensions, ages and temperatures found in a text, as a JSON
 * array shaped like Microsoft Recognizers-Text results:
 *   {"Text":..., "TypeName":..., "Resolution":{...}, "Start":s, "End":e}
 * with Start/End in code points and End inclusive.
 *
 * Values are formatted like Recognizers-Text's .NET output: 15 significant digits, a
 * decimal comma, "E+15"/"E-05" exponents (number ranges use a decimal point).
 * Results never overlap: the text is scanned left to right and each match resumes
 * the scan after its end.  Invariants: no state outside the call; never reads past
 * text + len.
 */
#include "core/core.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numbers/numbers.h"

/* One result before serialisation.  res holds the members of "Resolution" as JSON
 * text without braces. */
typedef struct rt_res {
    size_t b0, b1;
    size_t c0, c1; /* code points, filled before output */
    const char *type;
    char res[200];
} rt_res;

typedef struct hx__numbers_rt_scan {
    const char *s;
    size_t n;
    hx__vec res; /* rt_res */
} hx__numbers_rt_scan;

/* .NET-like "G15" with a decimal comma (comma != 0) or point. */
static void fmt_num(double v, int comma, char *out, size_t cap)
{
    if (v == 0)
        v = 0; /* no "-0" */
    snprintf(out, cap, "%.15g", v);
    for (char *p = out; *p; p++) {
        if (*p == '.' && comma)
            *p = ',';
        else if (*p == 'e')
            *p = 'E';
    }
}

static rt_res *add(hx__numbers_rt_scan *c, size_t b0, size_t b1, const char *type)
{
    rt_res *r = hx__vec_push(&c->res, sizeof(rt_res));
    if (r) {
        r->b0 = b0;
        r->b1 = b1;
        r->type = type;
        r->res[0] = '\0';
    }
    return r;
}

/* Appends `"key":"value"` (value a plain string without quotes or backslashes) or
 * `"key":null` when value is NULL. */
static void res_kv(rt_res *r, const char *key, const char *value)
{
    size_t l = strlen(r->res);
    snprintf(r->res + l, sizeof r->res - l, value ? "%s\"%s\":\"%s\"" : "%s\"%s\":null",
             l ? "," : "", key, value ? value : "");
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* The length of the UTF-8 character at s[i]. */
static size_t char_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return i + l > n ? n - i : l;
}

/* Where the scan goes on after failing at i: past the whole word when i starts one
 * (so no match starts inside a word), else past one character. */
static size_t next_pos(const char *s, size_t n, size_t i)
{
    if (!hx__alnum_at(s, n, i))
        return i + char_len(s, n, i);
    while (i < n && hx__alnum_at(s, n, i))
        i += char_len(s, n, i);
    return i;
}

/* Whether a number ending at e stands alone: no letter, digit or ordinal/degree
 * sign follows. */
static int num_end_ok(const char *s, size_t n, size_t e)
{
    const unsigned char *u = (const unsigned char *)s;
    if (hx__alnum_at(s, n, e))
        return 0;
    if (e + 1 < n && u[e] == 0xC2 && (u[e + 1] == 0xBA || u[e + 1] == 0xAA || u[e + 1] == 0xB0))
        return 0;
    return 1;
}

static const char *subtype_name(int st)
{
    static const char *const names[] = {"integer", "decimal", "fraction", "power"};
    return names[st];
}

/* Whether a number may start at i: a word start, and a digit, sign, comma or letter. */
static int num_start(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!hx__word_start(s, i))
        return 0;
    return is_digit(u[i]) || u[i] == '-' || u[i] == ',' || u[i] == 0xE2 || u[i] == 0xC2 ||
           hx__alnum_at(s, n, i);
}

/* ---------------------------------------------------------------- number */

static void rt_number(hx__numbers_rt_scan *c)
{
    for (size_t i = 0; i < c->n;) {
        hx__num x;
        size_t e = num_start(c->s, c->n, i)
                       ? hx__num_parse(c->s, c->n, i, HX__NUMF_FRAC | HX__NUMF_LOOSE, &x)
                       : 0;
        if (e && num_end_ok(c->s, c->n, e)) {
            rt_res *r = add(c, i, e, "number");
            if (r) {
                char v[40];
                fmt_num(x.value, 1, v, sizeof v);
                res_kv(r, "subtype", subtype_name(x.subtype));
                res_kv(r, "value", v);
            }
            i = e;
            continue;
        }
        /* skip the rest of this word */
        i = next_pos(c->s, c->n, i);
    }
}

/* ---------------------------------------------------------------- ordinal */

typedef struct relord {
    const char *phrase; /* folded words */
    const char *rel;
    int offset;
} relord;

static const relord relords[] = {
    {"antes del ultimo", "end", -1},  {"antes de la ultima", "end", -1},
    {"anterior al ultimo", "end", -1}, {"anterior a la ultima", "end", -1},
    {"antepenultimo", "end", -2},     {"antepenultima", "end", -2},
    {"penultimo", "end", -1},         {"penultima", "end", -1},
    {"ultimo", "end", 0},             {"ultima", "end", 0},
    {"siguiente", "current", 1},      {"proximo", "current", 1},
    {"proxima", "current", 1},        {"anterior", "current", -1},
};

/* Matches a phrase of folded words separated by single spaces at i; returns its end
 * or 0. */
static size_t match_phrase(const char *s, size_t n, size_t i, const char *phrase)
{
    size_t p = i;
    const char *ph = phrase;
    for (;;) {
        const char *sp = strchr(ph, ' ');
        size_t wl = sp ? (size_t)(sp - ph) : strlen(ph);
        char w[32];
        size_t e = hx__word_at(s, n, p, w, sizeof w);
        if (e == p || strlen(w) != wl || memcmp(w, ph, wl) != 0)
            return 0;
        if (!sp)
            return e;
        ph = sp + 1;
        p = hx__skip_sp(s, n, e);
        if (p == e)
            return 0;
    }
}

static void rt_ordinal(hx__numbers_rt_scan *c)
{
    for (size_t i = 0; i < c->n;) {
        double v;
        size_t e = hx__word_start(c->s, i) ? hx__ordwords_parse(c->s + i, c->n - i, &v) : 0;
        if (e && !hx__alnum_at(c->s, c->n, i + e)) {
            rt_res *r = add(c, i, i + e, "ordinal");
            if (r) {
                char b[40];
                fmt_num(v, 1, b, sizeof b);
                res_kv(r, "offset", b);
                res_kv(r, "relativeTo", "start");
                res_kv(r, "value", b);
            }
            i += e;
            continue;
        }
        if (hx__word_start(c->s, i) && hx__alnum_at(c->s, c->n, i)) {
            size_t k = 0, best = 0;
            for (size_t j = 0; j < sizeof relords / sizeof relords[0]; j++) {
                size_t m = match_phrase(c->s, c->n, i, relords[j].phrase);
                if (m > best) {
                    best = m;
                    k = j;
                }
            }
            if (best) {
                rt_res *r = add(c, i, best, "ordinal.relative");
                if (r) {
                    char off[16], val[32];
                    snprintf(off, sizeof off, "%d", relords[k].offset);
                    snprintf(val, sizeof val, "%s%s%d", relords[k].rel,
                             relords[k].offset >= 0 ? "+" : "", relords[k].offset);
                    res_kv(r, "offset", off);
                    res_kv(r, "relativeTo", relords[k].rel);
                    res_kv(r, "value", val);
                }
                i = best;
                continue;
            }
        }
        i = next_pos(c->s, c->n, i);
    }
}

/* ---------------------------------------------------------------- percent */

size_t hx__percent_suffix(const char *s, size_t n, size_t e)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = hx__skip_sp(s, n, e);
    if (k < n && u[k] == '%')
        return k + 1;
    if (k + 2 < n && u[k] == 0xEF && u[k + 1] == 0xBC && u[k + 2] == 0x85) /* full-width % */
        return k + 3;
    if (k == e)
        return 0;
    static const char *const phrases[] = {"por ciento", "por cien", "porciento", NULL};
    for (const char *const *p = phrases; *p; p++) {
        size_t m = match_phrase(s, n, k, *p);
        if (m)
            return m;
    }
    size_t m = match_phrase(s, n, k, "por"); /* "100 por 100" */
    size_t d = m ? hx__skip_sp(s, n, m) : 0;
    if (m && d > m && d + 3 <= n && memcmp(s + d, "100", 3) == 0 && !hx__alnum_at(s, n, d + 3))
        return d + 3;
    return 0;
}

static void rt_percent(hx__numbers_rt_scan *c)
{
    for (size_t i = 0; i < c->n;) {
        hx__num x;
        size_t e = num_start(c->s, c->n, i)
                       ? hx__num_parse(c->s, c->n, i, HX__NUMF_FRAC | HX__NUMF_LOOSE, &x)
                       : 0;
        size_t p = e ? hx__percent_suffix(c->s, c->n, e) : 0;
        if (p && !hx__alnum_at(c->s, c->n, p)) {
            rt_res *r = add(c, i, p, "percentage");
            if (r) {
                char v[40];
                fmt_num(x.value, 1, v, sizeof v);
                strcat(v, "%");
                res_kv(r, "value", v);
            }
            i = p;
            continue;
        }
        i = next_pos(c->s, c->n, i);
    }
}

/* ---------------------------------------------------------------- units */

/* Currency names that also mean something else stand alone only with a number. */
static int currency_alone_ok(const hx__currency *cu)
{
    static const char *const stems[] = {"dolar", "euro", "yen", "yuan", "rublo", "centavo",
                                        "penique", "peseta", "centimo", NULL};
    if (!strchr(cu->flags, 's'))
        return 0;
    for (const char *const *p = stems; *p; p++)
        if (strncmp(cu->form, *p, strlen(*p)) == 0)
            return 1;
    return 0;
}

/* Unit names that also mean something else stand alone only with a number. */
static int unit_alone_ok(const hx__unit *un)
{
    static const char *const amb[] = {"pie",     "pies",  "grado",  "grados", "vuelta", "vueltas",
                                      "metro",   "metros", "libra", "libras", "kilo",   "kilos",
                                      "milla",   "nudos", "acre",   NULL};
    if (un->sym)
        return 0;
    for (const char *const *p = amb; *p; p++)
        if (strcmp(un->form, *p) == 0)
            return 0;
    return 1;
}

static const char *const w_de[] = {"de", NULL};
static const char *const w_y[] = {"y", NULL};
static const char *const w_minor[] = {"centavo", "centavos", "centimo", "centimos", NULL};
static const char *const w_media[] = {"medio", "media", NULL};

/* After a currency matched at [k, ce): cents ("y 15 centavos", "50") and a trailing
 * multiplier ("125 USD millones").  Updates *v and returns the new end. */
static size_t currency_tail(const char *s, size_t n, size_t ce, double *v)
{
    size_t k = hx__skip_sp(s, n, ce), k2;
    if (k == ce)
        return ce;
    char w[24];
    size_t we = hx__word_at(s, n, k, w, sizeof w);
    double m = we > k ? hx__numword_mult(w, strlen(w)) : 0;
    if (m >= 1e6) {
        *v *= m;
        return we;
    }
    size_t p = k;
    int y = 0;
    if (hx__word_is(s, n, k, w_y, &k2)) {
        p = hx__skip_sp(s, n, k2);
        y = 1;
    }
    hx__num x;
    size_t e = p < n ? hx__num_parse(s, n, p, 0, &x) : 0;
    if (!e || x.subtype != HX__NUM_INT || x.value >= 100 || x.value < 0)
        return ce;
    size_t q = hx__skip_sp(s, n, e), q2;
    if (q > e && hx__word_is(s, n, q, w_minor, &q2)) {
        *v += x.value / 100;
        return q2;
    }
    if (!y && x.digits && num_end_ok(s, n, e)) {
        *v += x.value / 100;
        return e;
    }
    return ce;
}

enum { K_CUR = 1, K_DIM, K_TEMP, K_AGE };

static void res_unit(rt_res *r, int kind, const char *unit, const char *subtype, double v,
                     int has_v, const char *iso)
{
    char b[40];
    if (has_v)
        fmt_num(v, 1, b, sizeof b);
    if (kind == K_DIM)
        res_kv(r, "subtype", subtype);
    if (iso)
        res_kv(r, "isoCurrency", iso);
    res_kv(r, "unit", unit);
    res_kv(r, "value", has_v ? b : NULL);
}

static const char *kind_type(int kind)
{
    return kind == K_CUR ? "currency" : kind == K_DIM ? "dimension" : kind == K_TEMP ? "temperature"
                                                                                      : "age";
}

/* A unit of the kind after a number ending at e: returns the end and fills the
 * unit's names, or 0. */
static size_t unit_after(const char *s, size_t n, size_t e, int kind, const hx__num *x,
                         double *v, const char **unit, const char **sub, const char **iso)
{
    size_t k = hx__skip_sp(s, n, e), k2;
    int adjacent = 1;
    if (x->mult > 0 && k > e && hx__word_is(s, n, k, w_de, &k2)) {
        size_t k3 = hx__skip_sp(s, n, k2);
        if (k3 > k2) {
            k = k3;
            adjacent = 0;
        }
    }
    if (k >= n)
        return 0;
    if (kind == K_CUR) {
        const hx__currency *cu;
        size_t l = hx__currency_match(s + k, n - k, &cu);
        if (!l)
            return 0;
        *unit = cu->name;
        *iso = strchr(cu->flags, 'c') ? cu->code : NULL;
        return currency_tail(s, n, k + l, v);
    }
    unsigned mask = kind == K_DIM ? 1u << HX__U_DIM : kind == K_TEMP ? 1u << HX__U_TEMP
                                                                      : 1u << HX__U_AGE;
    const hx__unit *un;
    size_t l = hx__unit_match(s + k, n - k, mask, adjacent, &un);
    if (!l)
        return 0;
    *unit = un->name;
    *sub = un->subtype;
    return k + l;
}

/* Whether one of the three words before i speaks of turning, so that a bare degree
 * sign or "grados" is an angle, not a temperature. */
int hx__angle_context(const char *s, size_t i)
{
    static const char *const turn[] = {"girar", "gira", "gire", "giro", "giran", "rotar",
                                       "rota", "rote", "rotacion", "angulo", "inclinacion",
                                       "vuelta", "torcer", "orientar", NULL};
    size_t j = i;
    for (int k = 0; k < 3; k++) {
        while (j > 0 && !hx__alnum_at(s, i, j - 1))
            j--;
        size_t e = j;
        while (j > 0) {
            size_t b = j - 1;
            while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
                b--;
            if (!hx__alnum_at(s, e, b))
                break;
            j = b;
        }
        if (j == e)
            return 0;
        size_t dummy;
        if (hx__word_is(s, e, j, turn, &dummy))
            return 1;
    }
    return 0;
}

static void rt_units(hx__numbers_rt_scan *c, int kind)
{
    const char *s = c->s;
    size_t n = c->n;
    for (size_t i = 0; i < n;) {
        const char *unit = NULL, *sub = NULL, *iso = NULL;
        hx__num x;
        double v;
        size_t e, end = 0;
        /* a currency before its number: "$ 12", "US$ 5", "dólar 22500000" */
        if (kind == K_CUR) {
            const hx__currency *cu;
            size_t l = hx__currency_match(s + i, n - i, &cu);
            if (l && (hx__word_start(s, i) || !hx__alnum_at(s, n, i))) {
                size_t k = hx__skip_sp(s, n, i + l);
                e = k < n && (k > i + l || !strchr(cu->flags, 's')) &&
                            (is_digit((unsigned char)s[k]) || hx__alnum_at(s, n, k))
                        ? hx__num_parse(s, n, k, 0, &x)
                        : 0;
                if (e && (x.digits || !strchr(cu->flags, 's')) && num_end_ok(s, n, e)) {
                    v = x.value;
                    rt_res *r = add(c, i, e, "currency");
                    if (r)
                        res_unit(r, kind, cu->name, NULL, v, 1,
                                 strchr(cu->flags, 'c') ? cu->code : NULL);
                    i = e;
                    continue;
                }
                if (hx__word_start(s, i) && currency_alone_ok(cu)) {
                    rt_res *r = add(c, i, i + l, "currency");
                    if (r)
                        res_unit(r, kind, cu->name, NULL, 0, 0, NULL);
                    i += l;
                    continue;
                }
            }
        }
        if (!num_start(s, n, i)) {
            i += char_len(s, n, i);
            continue;
        }
        e = hx__num_parse(s, n, i, HX__NUMF_FRAC, &x);
        v = x.value;
        if (e)
            end = unit_after(s, n, e, kind, &x, &v, &unit, &sub, &iso);
        if (!e && kind == K_DIM && hx__word_is(s, n, i, w_media, &e)) {
            /* "media vuelta" */
            x.value = v = 0.5;
            end = unit_after(s, n, e, kind, &x, &v, &unit, &sub, &iso);
        }
        if (end && kind == K_AGE) {
            /* "dos años y medio" */
            size_t k = hx__skip_sp(s, n, end), k2, k3;
            if (k > end && hx__word_is(s, n, k, w_y, &k2) &&
                hx__word_is(s, n, hx__skip_sp(s, n, k2), w_media, &k3) && hx__skip_sp(s, n, k2) > k2) {
                v += 0.5;
                end = k3;
            }
        }
        if (end && kind == K_TEMP && strcmp(unit, "Grado") == 0 && hx__angle_context(s, i))
            end = 0; /* "girar 90°" is an angle */
        if (end && (!hx__alnum_at(s, n, end) || !hx__alnum_at(s, n, end - 1))) {
            rt_res *r = add(c, i, end, kind_type(kind));
            if (r)
                res_unit(r, kind, unit, sub, v, 1, iso);
            i = end;
            continue;
        }
        /* a unit on its own */
        if (kind == K_DIM || kind == K_TEMP) {
            const hx__unit *un;
            unsigned mask = kind == K_DIM ? 1u << HX__U_DIM : 1u << HX__U_TEMP;
            size_t l = hx__word_start(s, i) ? hx__unit_match(s + i, n - i, mask, 0, &un) : 0;
            if (l && unit_alone_ok(un)) {
                rt_res *r = add(c, i, i + l, kind_type(kind));
                if (r)
                    res_unit(r, kind, un->name, un->subtype, 0, 0, NULL);
                i += l;
                continue;
            }
        }
        if (e && x.digits) {
            i = e;
            continue;
        }
        i = next_pos(s, n, i);
    }
}

/* ---------------------------------------------------------------- number ranges */

/* What a bound phrase says about the number after it (or before it, for postfix). */
enum { B_GT = 1, B_GE, B_LT, B_LE, B_EQ };

typedef struct bphrase {
    const char *p;
    int op;
} bphrase;

/* Prefix phrases, longest first where one is a prefix of another. */
static const bphrase prefixes[] = {
    {"mayor o igual que", B_GE},   {"mayor o igual a", B_GE},    {"igual o mayor que", B_GE},
    {"igual o mayor a", B_GE},     {"igual a o mayor que", B_GE}, {"igual o superior a", B_GE},
    {"menor o igual que", B_LE},   {"menor o igual a", B_LE},    {"igual o menor que", B_LE},
    {"igual o menor a", B_LE},     {"igual a o menor que", B_LE}, {"igual o inferior a", B_LE},
    {"superior o igual a", B_GE},  {"inferior o igual a", B_LE},  {"mayores o iguales a", B_GE},
    {"mayores o iguales que", B_GE}, {"menores o iguales a", B_LE}, {"menores o iguales que", B_LE},
    {"no menos de", B_GE},         {"no menos que", B_GE},       {"no menor que", B_GE},
    {"no menor a", B_GE},          {"no inferior a", B_GE},      {"por lo menos", B_GE},
    {"al menos", B_GE},            {"como minimo", B_GE},        {"como mucho", B_LE},
    {"a lo sumo", B_LE},           {"como poco", B_GE},          {"un minimo de", B_GE},
    {"un maximo de", B_LE},
    {"no mas de", B_LE},           {"no mas que", B_LE},         {"no mayor que", B_LE},
    {"no mayor a", B_LE},          {"no superior a", B_LE},      {"como maximo", B_LE},
    {"mas alto que", B_GT},        {"mas alta que", B_GT},       {"mas altos que", B_GT},
    {"mas altas que", B_GT},       {"mas grande que", B_GT},     {"mas bajo que", B_LT},
    {"mas baja que", B_LT},        {"mas bajos que", B_LT},      {"mas bajas que", B_LT},
    {"mas pequeno que", B_LT},     {"mayor que", B_GT},          {"mayores que", B_GT},
    {"mayor a", B_GT},             {"mayores a", B_GT},          {"superior a", B_GT},
    {"superiores a", B_GT},        {"por encima de", B_GT},      {"mas de", B_GT},
    {"mas que", B_GT},             {"menor que", B_LT},          {"menores que", B_LT},
    {"menor a", B_LT},             {"menores a", B_LT},          {"inferior a", B_LT},
    {"inferiores a", B_LT},        {"por debajo de", B_LT},      {"menos de", B_LT},
    {"menos que", B_LT},           {"mayor de", B_GT},           {"mayores de", B_GT},
    {"menor de", B_LT},            {"menores de", B_LT},         {"igual a", B_EQ},            {"equivale a", B_EQ},
    {"equivalente a", B_EQ},       {"igual que", B_EQ},
};

static const char *const w_art[] = {"el", "la", "los", "las", NULL};

typedef struct atom {
    size_t b0, b1;
    double lo, hi; /* NAN when open */
    int lo_in, hi_in;
} atom;

/* A number (cardinal, fraction or ordinal) at i, after an optional article. */
static size_t range_num(const char *s, size_t n, size_t i, double *v)
{
    size_t k2;
    if (hx__word_is(s, n, i, w_art, &k2)) {
        size_t k3 = hx__skip_sp(s, n, k2);
        if (k3 > k2)
            i = k3;
    }
    if (i >= n)
        return 0;
    hx__num x;
    size_t e = num_start(s, n, i) ? hx__num_parse(s, n, i, HX__NUMF_FRAC, &x) : 0;
    if (e && num_end_ok(s, n, e)) {
        *v = x.value;
        return e;
    }
    e = hx__word_start(s, i) ? hx__ordwords_parse(s + i, n - i, v) : 0;
    if (e && !hx__alnum_at(s, n, i + e))
        return i + e;
    return 0;
}

static void set_op(atom *a, int op, double v)
{
    a->lo = a->hi = NAN;
    a->lo_in = a->hi_in = 0;
    switch (op) {
    case B_GT: a->lo = v; break;
    case B_GE: a->lo = v; a->lo_in = 1; break;
    case B_LT: a->hi = v; break;
    case B_LE: a->hi = v; a->hi_in = 1; break;
    default: a->lo = a->hi = v; a->lo_in = a->hi_in = 1; break;
    }
}

/* "o más", "o igual", ... after a bound: widens op; returns the new end or 0. */
static size_t postfix(const char *s, size_t n, size_t e, int *op)
{
    static const struct { const char *p; int from, to; } post[] = {
        {"o igual a", B_GT, B_GE}, {"o igual", B_GT, B_GE}, {"o igual a", B_LT, B_LE},
        {"o igual", B_LT, B_LE},   {"o mayor", B_EQ, B_GE}, {"o menor", B_EQ, B_LE},
        {"o mas", B_EQ, B_GE},     {"o menos", B_EQ, B_LE}, {"o superior", B_EQ, B_GE},
        {"o inferior", B_EQ, B_LE},
    };
    size_t k = hx__skip_sp(s, n, e);
    if (k == e)
        return 0;
    for (size_t i = 0; i < sizeof post / sizeof post[0]; i++) {
        if (post[i].from != *op)
            continue;
        size_t m = match_phrase(s, n, k, post[i].p);
        if (!m)
            continue;
        /* "mayor que 5000 o igual a 6000": two bounds, not one */
        double dummy;
        size_t q = hx__skip_sp(s, n, m), q2;
        static const char *const link[] = {"a", "de", "que", NULL};
        if (q > m && hx__word_is(s, n, q, link, &q2))
            q = hx__skip_sp(s, n, q2);
        if (q > m && range_num(s, n, q, &dummy))
            continue;
        if (post[i].from == B_EQ && strcmp(post[i].p, "o mayor") == 0) {
            size_t m2 = match_phrase(s, n, k, "o mayor que");
            if (m2 && range_num(s, n, hx__skip_sp(s, n, m2), &dummy))
                continue;
        }
        *op = post[i].to;
        return m;
    }
    return 0;
}

/* One bound or range at i, or 0. */
static size_t range_atom(const char *s, size_t n, size_t i, atom *a)
{
    const unsigned char *u = (const unsigned char *)s;
    double v, w;
    size_t e;
    if (i >= n) /* "... y " at the end of the text */
        return 0;
    /* symbols: ">10", "<=-30" */
    if ((u[i] == '>' || u[i] == '<') && !(i > 0 && u[i - 1] == '=')) {
        int op = u[i] == '>' ? B_GT : B_LT;
        size_t k = i + 1;
        if (k < n && u[k] == '=') {
            op = op == B_GT ? B_GE : B_LE;
            k++;
        }
        k = hx__skip_sp(s, n, k);
        hx__num x;
        e = k < n && (is_digit(u[k]) || u[k] == '-') ? hx__num_parse(s, n, k, HX__NUMF_FRAC, &x) : 0;
        if (e && num_end_ok(s, n, e)) {
            set_op(a, op, x.value);
            a->b0 = i;
            a->b1 = e;
            return e;
        }
        return 0;
    }
    if (!hx__word_start(s, i))
        return 0;
    /* between: "entre X y Y", "desde X hasta Y", "de X a Y" */
    static const char *const between[][2] = {
        {"entre", "y"}, {"desde", "hasta"}, {"desde", "a"}, {"desde", "al"}, {"de", "a"},
        {"de", "al"},   {"de", "hasta"},    {"entre", "a"}};
    for (size_t b = 0; b < sizeof between / sizeof between[0]; b++) {
        size_t m = match_phrase(s, n, i, between[b][0]);
        size_t k = m ? hx__skip_sp(s, n, m) : 0;
        if (!m || k == m || !(e = range_num(s, n, k, &v)))
            continue;
        size_t q = hx__skip_sp(s, n, e);
        size_t m2 = q > e ? match_phrase(s, n, q, between[b][1]) : 0;
        size_t q2 = m2 ? hx__skip_sp(s, n, m2) : 0;
        size_t e2 = m2 && q2 > m2 ? range_num(s, n, q2, &w) : 0;
        if (!e2)
            continue;
        a->lo = v;
        a->hi = w;
        a->lo_in = 1;
        a->hi_in = 0;
        a->b0 = i;
        a->b1 = e2;
        return e2;
    }
    /* prefix phrases */
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
        size_t m = match_phrase(s, n, i, prefixes[p].p);
        size_t k = m ? hx__skip_sp(s, n, m) : 0;
        if (!m || k == m || !(e = range_num(s, n, k, &v)))
            continue;
        int op = prefixes[p].op;
        size_t pe = postfix(s, n, e, &op);
        set_op(a, op, v);
        a->b0 = i;
        a->b1 = pe ? pe : e;
        return a->b1;
    }
    /* a number with a postfix: "200 o mayor", "X-Y" */
    hx__num x;
    e = num_start(s, n, i) ? hx__num_parse(s, n, i, HX__NUMF_FRAC, &x) : 0;
    if (!e)
        return 0;
    if (x.digits && e + 1 < n && u[e] == '-' && is_digit(u[e + 1])) {
        size_t k = e + 1;
        double hv = 0;
        while (k < n && is_digit(u[k]))
            hv = hv * 10 + (u[k++] - '0');
        if (!hx__alnum_at(s, n, k) && !(k < n && u[k] == '-') && hv > x.value) {
            a->lo = x.value;
            a->hi = hv;
            a->lo_in = 1;
            a->hi_in = 0;
            a->b0 = i;
            a->b1 = k;
            return k;
        }
        return 0;
    }
    if (!num_end_ok(s, n, e))
        return 0;
    int op = B_EQ;
    size_t pe = postfix(s, n, e, &op);
    if (!pe)
        return 0;
    set_op(a, op, x.value);
    a->b0 = i;
    a->b1 = pe;
    return pe;
}

static void fmt_range(const atom *a, char *out, size_t cap)
{
    char lo[40] = "", hi[40] = "";
    if (!isnan(a->lo))
        fmt_num(a->lo, 0, lo, sizeof lo);
    if (!isnan(a->hi))
        fmt_num(a->hi, 0, hi, sizeof hi);
    snprintf(out, cap, "%c%s,%s%c", a->lo_in ? '[' : '(', lo, hi, a->hi_in ? ']' : ')');
}

static void rt_range(hx__numbers_rt_scan *c)
{
    const char *s = c->s;
    size_t n = c->n;
    static const char *const joins[] = {"y", "pero", NULL};
    for (size_t i = 0; i < n;) {
        atom a;
        size_t e = range_atom(s, n, i, &a);
        if (!e) {
            i += char_len(s, n, i);
            continue;
        }
        /* a lower and an upper bound joined: "mayor que 20 y menor que 35" */
        size_t k = hx__skip_sp(s, n, e), k2;
        if (k > e && hx__word_is(s, n, k, joins, &k2)) {
            size_t k3 = hx__skip_sp(s, n, k2);
            atom b;
            size_t e2 = k3 > k2 ? range_atom(s, n, k3, &b) : 0;
            int a_lo = isnan(a.hi) && !isnan(a.lo), a_hi = isnan(a.lo) && !isnan(a.hi);
            int b_lo = isnan(b.hi) && !isnan(b.lo), b_hi = isnan(b.lo) && !isnan(b.hi);
            double lo = a_lo ? a.lo : b.lo, hi = a_hi ? a.hi : b.hi;
            if (e2 && ((a_lo && b_hi) || (a_hi && b_lo)) && lo < hi) {
                atom m;
                m.lo = a_lo ? a.lo : b.lo;
                m.lo_in = a_lo ? a.lo_in : b.lo_in;
                m.hi = a_hi ? a.hi : b.hi;
                m.hi_in = a_hi ? a.hi_in : b.hi_in;
                a = m;
                a.b0 = i;
                e = e2;
            }
        }
        rt_res *r = add(c, i, e, "numberrange");
        if (r) {
            char v[100];
            fmt_range(&a, v, sizeof v);
            res_kv(r, "value", v);
        }
        i = e;
    }
}

/* ---------------------------------------------------------------- output */

static size_t cp_count(const char *s, size_t b0, size_t b1)
{
    size_t k = 0;
    for (size_t i = b0; i < b1; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

hx_status hx__recognize_numbers(const char *kind, const char *text, size_t len, hx__buf *out,
                                hx_error *err)
{
    hx__numbers_rt_scan c = {text, len, {0}};
    if (strcmp(kind, "number") == 0)
        rt_number(&c);
    else if (strcmp(kind, "ordinal") == 0)
        rt_ordinal(&c);
    else if (strcmp(kind, "percent") == 0)
        rt_percent(&c);
    else if (strcmp(kind, "numberrange") == 0)
        rt_range(&c);
    else if (strcmp(kind, "currency") == 0)
        rt_units(&c, K_CUR);
    else if (strcmp(kind, "dimension") == 0)
        rt_units(&c, K_DIM);
    else if (strcmp(kind, "age") == 0)
        rt_units(&c, K_AGE);
    else if (strcmp(kind, "temperature") == 0)
        rt_units(&c, K_TEMP);
    else {
        char shown[200];
        return hx__err(err, HX_UNSUPPORTED, SIZE_MAX, "unknown kind \"%s\"",
                       hx__printable(shown, sizeof shown, kind, 40));
    }
    /* Code point offsets, while the results are in text order. */
    size_t cp = 0, at = 0;
    for (size_t i = 0; i < c.res.n; i++) {
        rt_res *r = HX__VEC_AT(c.res, rt_res, i);
        cp += cp_count(text, at, r->b0);
        r->c0 = cp;
        cp += cp_count(text, r->b0, r->b1);
        r->c1 = cp;
        at = r->b1;
    }
    /* Recognizers-Text lists units with a number before units named alone. */
    hx__buf_putc(out, '[');
    int first = 1;
    for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < c.res.n; i++) {
        const rt_res *r = HX__VEC_AT(c.res, rt_res, i);
        int alone = strstr(r->res, "\"value\":null") != NULL;
        if (alone != pass)
            continue;
        size_t start = r->c0, end = r->c1;
        if (!first)
            hx__buf_putc(out, ',');
        first = 0;
        hx__buf_puts(out, "{\"Text\":");
        hx__buf_json_str(out, text + r->b0, r->b1 - r->b0);
        hx__buf_printf(out, ",\"TypeName\":\"%s\",\"Resolution\":{%s},\"Start\":%zu,\"End\":%zu}",
                       r->type, r->res, start, end - 1);
    }
    }
    hx__buf_putc(out, ']');
    hx__vec_free(&c.res);
    if (out->oom)
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    return HX_OK;
}
