/*
 * numbers.h -- what the number files share, the one private header of src/numbers/: one
 * number expression at a position of a text (numbers.c), used by the quantities layer
 * (quantities.c) and by the Recognizers-Text output (numbers_rt.c); the number words
 * (numwords.c, also used by src/timex); the unit and currency lexicons and their
 * matchers (units.c).  Every table is constant; nothing here keeps state between calls.
 */
#ifndef HX_NUMBERS_H
#define HX_NUMBERS_H

#include "core/core.h"

#include <stddef.h>
#include <stdint.h>

enum { HX__NUM_INT = 0, HX__NUM_DEC, HX__NUM_FRAC, HX__NUM_POW };

/* Flags for hx__num_parse. */
enum {
    HX__NUMF_FRAC = 1u << 0,  /* fractions in words ("dos tercios", "uno sobre tres") */
    HX__NUMF_LOOSE = 1u << 1  /* Recognizers forms: "- 1", ",08", "1e10", "2^3", "10k" */
};

typedef struct hx__num {
    size_t b0, b1;    /* bytes of the text */
    double value;
    int subtype;      /* HX__NUM_* */
    int words;        /* written at least partly in words */
    int digits;       /* starts with digits */
    int article;      /* only "un"/"una"/"uno" */
    int plain;        /* digits only, no separators, no words ("2019") */
    double mult;      /* the last multiplier word ("millones": 1e6), or 0 */
} hx__num;

/* Reads the number expression starting at byte i of s[0..n) (i must start a word);
 * returns its end (> i) and fills *out, or returns 0. */
size_t hx__num_parse(const char *s, size_t n, size_t i, unsigned flags, hx__num *out);

/* Whether byte i of s starts a word: s[i] is not preceded by a letter or digit. */
int hx__word_start(const char *s, size_t i);

/* Whether the code point at s[i..n) is a letter or digit (any script). */
int hx__alnum_at(const char *s, size_t n, size_t i);

/* Skips spaces (not line breaks) from i; returns the new position. */
size_t hx__skip_sp(const char *s, size_t n, size_t i);

/* Folds the word at i into w (cap bytes); returns its end (i when no word). */
size_t hx__word_at(const char *s, size_t n, size_t i, char *w, size_t cap);

/* Whether the word at i is one of the NULL-terminated folded list; sets *end. */
int hx__word_is(const char *s, size_t n, size_t i, const char *const *list, size_t *end);

/* The value of a folded fraction denominator ("tercios" 3, "quintas" 5,
 * "veintiunavos" 21, "milesimos" 1000, "medio" 2) or 0; *plural says whether it is. */
double hx__denominator(const char *w, int *plural);

/* The end of a percent sign or "por ciento"/"por cien" after e, or 0 (numbers_rt.c). */
size_t hx__percent_suffix(const char *s, size_t n, size_t e);

/* Whether one of the three words before byte i speaks of turning ("girar 90°"), so
 * that bare degrees are an angle (numbers_rt.c). */
int hx__angle_context(const char *s, size_t i);

struct hx_doc;
/* What is counted after byte e of s[0..n) (the text of doc): fills the byte span
 * [*of0, *of1), empty when nothing is; de_ok lets "de" come first ("miles de
 * soldados").  Uses doc's part-of-speech tags when it has them (counted.c). */
void hx__counted(const struct hx_doc *doc, const char *s, size_t n, size_t e, int de_ok,
                 uint32_t *of0, uint32_t *of1);

/* The three-letter filter of hx__find_quantities built from the word tables: bit c
 * of out[a * 26 + b] is set when a word that may start a quantity begins with letters
 * 'a' + a, 'a' + b, 'a' + c.  hx__quantities_selfcheck() is 1 when the constant table
 * in quantities.c equals it (tests call it). */
void hx__quant_prefix3_build(uint32_t out[26 * 26]);
int hx__quantities_selfcheck(void);

/* ---------------------------------------------------------------- the stage, for the pipeline */

/* quantities.c: fills doc->quants. */
hx_status hx__find_quantities(hx_doc *doc, hx_error *err);
/* numbers_out.c: appends `,"quantities":[...]`. */
void hx__json_quantities(hx__buf *b, const hx_doc *doc);
/* numbers_rt.c: Recognizers-Text number JSON for hx_recognize (src/compat); appends a
 * JSON array to out. */
hx_status hx__recognize_numbers(const char *kind, const char *text, size_t len,
                                hx__buf *out, hx_error *err);

/* ---------------------------------------------------------------- number words (numwords.c)
 * Spanish cardinals and ordinals written in words, digits or both.
 *
 * Every parser reads the start of s[0..n) (UTF-8, not NUL-terminated), ignores case
 * and accents, never reads past s + n, and returns the number of bytes it consumed
 * (0 when nothing there is a number of its kind), setting *value.  Trailing spaces
 * are never consumed.  The functions keep no state: any thread may call them.
 */
/* A cardinal: "catorce mil", "dos mil millones", "veintiún", "doscientas", "1.000",
 * "1 000", "14.000,5", "3,5", "-12", "14 mil", "2,5 millones", "un billón" (10^12).
 * A lone article "un"/"una" parses as 1: callers decide whether it counts. */
size_t hx__numwords_parse(const char *s, size_t n, double *value);

/* An ordinal: "primero", "primer", "tercera", "vigésimo segundo", "decimotercero",
 * "1.º", "3.ª", "1er", "2da", "11vo", "dos milésimo", "tresmillonésimo". */
size_t hx__ordwords_parse(const char *s, size_t n, double *value);

/* Like hx__numwords_parse but only digits with separators ("1.234.567,5", "-3",
 * "1 000", "2,5"): no words, no multipliers. */
size_t hx__numdigits_parse(const char *s, size_t n, double *value);

/* Reads one word (letters, apostrophe-free) at s[0..n) and writes it lower-cased,
 * without accents, NUL-terminated, into out[0..cap).  Returns the bytes of the word
 * (0 when s does not start with a letter); out is "" when the word does not fit. */
size_t hx__fold_word(const char *s, size_t n, char *out, size_t cap);

/* Whether the word at s[0..n) folds (as hx__fold_word folds it) to exactly lit, a
 * non-empty folded word; *len gets the bytes of the word when it does.  Compares as
 * it reads, without folding the whole word first. */
int hx__word_eq(const char *s, size_t n, const char *lit, size_t *len);

/* The value of a folded word that is several cardinal words written together
 * ("veintidos", "doscientos", "cientocinco", "milcinco", "dos"): 1 and *value when the
 * whole of w[0..len) splits into a valid cardinal, else 0. */
int hx__numwords_concat(const char *w, size_t len, double *value);

/* The value of one folded ordinal word ("quinto", "quintas", "vigesimoquinto",
 * "tercer"), or 0 when it is not one. */
double hx__ordword_value(const char *w, size_t len);

/* The multiplier a folded word stands for ("mil" 1e3, "millones" 1e6, "millardo" 1e9,
 * "billon" 1e12), or 0. */
double hx__numword_mult(const char *w, size_t len);

/* Whether the folded word w[0..len) is a cardinal or ordinal word, alone or as the end
 * of an ordinal written together ("dosmilesimo"): a quick test before parsing. */
int hx__numword_any(const char *w, size_t len);

/* 1 when the internal quick filters agree with the word tables (for tests). */
int hx__numwords_selfcheck(void);

/* The k-th word of the cardinal table, then the k-th ordinal stem, NULL after the
 * last: every word hx__numword_any accepts starts like one of these or ends in an
 * ordinal stem of a big multiplier ("...milesimo").  For filters built from them. */
const char *hx__numword_stem(size_t k);

/* ---------------------------------------------------------------- units (units.c)
 * The lexicons of units that follow numbers: currencies (data/currencies.tsv,
 * compiled into $(BUILD)/gen/currency_table.c by tools/gen_currencies.py), dimensions,
 * temperatures and ages (data/units.tsv -> $(BUILD)/gen/units_data.c by
 * tools/gen_units.py), and their matchers (units.c).  Every table is constant; forms
 * are folded (lower case, no accents).
 */
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

#endif /* HX_NUMBERS_H */
