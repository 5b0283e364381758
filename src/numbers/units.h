/*
 * units.h -- the lexicons of units that follow numbers: currencies (data/currencies.tsv,
 * compiled into $(BUILD)/gen/currency_table.c by tools/gen_currencies.py), dimensions,
 * temperatures and ages (data/units.tsv -> $(BUILD)/gen/units_data.c by
 * tools/gen_units.py), and their matchers (units.c).  Every table is constant; forms
 * are folded (lower case, no accents).
 */
#ifndef HX_UNITS_H
#define HX_UNITS_H

#include <stddef.h>

typedef struct hx__currency {
    const char *form;  /* folded surface form: "dolares australianos", "us$", "eur" */
    const char *code;  /* ISO 4217, or "" when the form does not say */
    const char *name;  /* Recognizers-Text unit name: "Dólar australiano" */
    const char *flags; /* c: an ISO code written out, y: a symbol, s: a word */
} hx__currency;

extern const hx__currency hx__currencies[]; /* sorted by form, bytewise */
extern const size_t hx__ncurrencies;

/* Kinds of unit in hx__unit.kind. */
enum { HX__U_DIM = 1, HX__U_TEMP, HX__U_AGE };

typedef struct hx__unit {
    const char *form;    /* folded surface form: "km", "kilometros", "grados celsius" */
    unsigned char kind;  /* HX__U_* */
    unsigned char sym;   /* 1: a symbol ("km"): only right after a number */
    const char *name;    /* Recognizers-Text unit name: "Kilómetro" */
    const char *subtype; /* "Length", "Weight", ... (dimensions) or NULL */
    const char *si;      /* the symbol for the quantities layer: "km", "t", "°C" */
} hx__unit;

extern const hx__unit hx__units[]; /* grouped by the first byte of form, in byte order */
extern const size_t hx__nunits;

/* The next words of a text folded for matching: f[0..len) lower case without accents,
 * runs of spaces as one space; from[k] is the source offset just after f[k]. */
typedef struct hx__folded {
    char f[40];
    size_t from[40];
    size_t len;
} hx__folded;

void hx__fold_ahead(const char *s, size_t n, hx__folded *fa);
size_t hx__currency_match_f(const hx__folded *fa, const hx__currency **out);
size_t hx__unit_match_f(const hx__folded *fa, unsigned mask, int syms, const hx__unit **out);

/* The longest currency form that starts s[0..n) and ends at a word boundary;
 * returns its length in bytes (0 when none) and sets *out. */
size_t hx__currency_match(const char *s, size_t n, const hx__currency **out);

/* The longest unit form of one of the kinds in mask (1 << HX__U_*) that starts s[0..n)
 * and ends at a word boundary; syms: whether symbols may match. */
size_t hx__unit_match(const char *s, size_t n, unsigned mask, int syms, const hx__unit **out);

#endif /* HX_UNITS_H */
