/*
 * numwords.h -- Spanish cardinals and ordinals written in words, digits or both.
 *
 * Every parser reads the start of s[0..n) (UTF-8, not NUL-terminated), ignores case
 * and accents, never reads past s + n, and returns the number of bytes it consumed
 * (0 when nothing there is a number of its kind), setting *value.  Trailing spaces
 * are never consumed.  The functions keep no state: any thread may call them.
 */
#ifndef HX_NUMWORDS_H
#define HX_NUMWORDS_H

#include <stddef.h>

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

#endif /* HX_NUMWORDS_H */
