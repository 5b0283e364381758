/*
 * numbers.h -- what the number files share: one number expression at a position of a
 * text (numbers.c), used by the quantities layer (quantities.c) and by the
 * Recognizers-Text output (numbers_rt.c).
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

#endif /* HX_NUMBERS_H */
