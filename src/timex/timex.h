/*
 * timex.h -- what the time-expression files share (timex_lex.c, timex_parse.c,
 * timex_date.c, timex_point.c, timex_scan.c, timex_cal.c, timex_resolve.c, timex.c,
 * datetime_rt.c) and nobody else sees.
 *
 * The pipeline: timex_lex.c cuts a text into tokens and looks each word up in a
 * read-only lexicon; timex_parse.c matches the grammar on the tokens and produces
 * tx_expr values, which describe WHAT was said ("the Tuesday before the reference",
 * "12 July, year unknown") without resolving it; timex_cal.c resolves them against a
 * reference date; timex.c renders TIMEX3 for the document layer and datetime_rt.c
 * renders Recognizers-Text datetimeV2 JSON.
 *
 * Invariants: tokens cover the text left to right without overlap; every tx_expr has
 * b0 < b1 inside the text; nothing here keeps state between calls.
 */
#ifndef HX_TIMEX_H
#define HX_TIMEX_H

#include "core/core.h"

#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- tokens */

enum { TX_TW = 1, TX_TN = 2, TX_TP = 3 }; /* word, digits, punctuation/symbol */

typedef struct tx_tok {
    uint32_t b0, b1;  /* bytes of the text */
    int32_t num;      /* value of a digit token (-1 when longer than 9 digits) */
    uint16_t lex;     /* lexicon entry + 1 of a word, 0 when none */
    uint8_t cls, val; /* its class and value (L_NONE, 0 when none) */
    uint8_t kind;     /* TX_T* */
    uint8_t space;    /* whitespace precedes the token */
    uint8_t ndig;     /* digits of a number token */
    char c;           /* the character of a one-byte punctuation token, else 0 */
} tx_tok;

/* Lexicon classes; an entry is (word, class, value). */
enum {
    L_NONE,
    L_MONTH,   /* val 1..12 */
    L_MONABBR, /* val 1..12, only next to numbers or with a period */
    L_WDAY,    /* val 1..7, Monday = 1 */
    L_WDABBR,  /* val 1..7 */
    L_UNIT,    /* val: U_* */
    L_RELDAY,  /* hoy 0, ayer -1, anteayer -2 (mañana has its own class) */
    L_POD,     /* val: 'M','A','E','N' (part of day) */
    L_SEASON,  /* val 1..4: primavera SP, verano SU, otoño FA, invierno WI */
    L_NUMW,    /* a cardinal word: the number parser gives the value */
    L_ORDW,    /* val: ordinal 1.. ("primer", "tercera"); 99 = último */
    L_SETADV,  /* val: U_* (anualmente, diariamente...) */
    L_FUNC     /* val: F_* function word */
};

/* Units, coarse to fine. */
enum { U_NONE, U_CENT, U_DEC, U_YEAR, U_HALF, U_QUARTER, U_MONTH, U_FORTNIGHT, U_WEEK,
       U_WEEKEND, U_DAY, U_NIGHT, U_HOUR, U_MIN, U_SEC, U_BDAY };

/* Function words. */
enum {
    F_NONE, F_DE, F_DEL, F_EL, F_LA, F_LOS, F_LAS, F_A, F_AL, F_EN, F_Y, F_DESDE, F_HASTA,
    F_ENTRE, F_HACE, F_DENTRO, F_DURANTE, F_POR, F_PARA, F_CADA, F_ESTE, F_PROX, F_PASADO,
    F_ANTERIOR, F_QUE, F_VIENE, F_FINAL, F_PRINCIPIO, F_MEDIADOS, F_ANTES, F_DESPUES,
    F_CERCA, F_ALREDEDOR, F_AM, F_PM, F_AHORA, F_ANOCHE, F_MEDIODIA, F_MEDIANOCHE,
    F_MEDIA, F_CUARTO, F_MENOS, F_PUNTO, F_TODO, F_UNOS, F_VARIOS, F_MAS, F_MANANA,
    F_PASADOMANANA_UNUSED, F_H, F_ENTERO, F_PARTIR, F_MISMO, F_SIGLO, F_ANO, F_DIA,
    F_O, F_LO, F_TARDE_ADV, F_OTRO, F_FIN, F_SIGUIENTE, F_HORAS, F_UN, F_MEDIO,
    F_TEMPRANO, F_VA, F_HOLI /* a word that may name a holiday */
};

typedef struct tx_lexent {
    const char *w; /* folded: lower case, no accents, ñ -> n */
    uint8_t cls, val;
} tx_lexent;

/* The lexicon entry of folded word w[0..n), or NULL. */
const tx_lexent *hx__tx_lookup(const char *w, size_t n);
/* The lexicon entry of a token, or NULL. */
const tx_lexent *hx__tx_entry(const tx_tok *t);
/* 1 when the lexicon is sorted without duplicates (for the tests). */
int hx__tx_lexicon_sorted(void);

/* Appends the tokens of text[0..len) to *toks (grown with realloc; *cap its room).
 * Returns the number of tokens, or (size_t)-1 when out of memory. */
size_t hx__tx_lex(const char *text, size_t len, tx_tok **toks, size_t *cap);

/* ---------------------------------------------------------------- meaning */

/* Granularity of a date. */
enum { G_NONE, G_CENT, G_DEC, G_YEAR, G_HALF, G_QUARTER, G_SEASON, G_MONTH, G_WEEK,
       G_WEEKEND, G_DAY };

/* How a point depends on the reference. */
enum {
    R_ABS,   /* absolute: the fields say it all (unknown year -> past/future choice) */
    R_DAY,   /* ref day + off days (hoy, ayer, mañana) */
    R_UNIT,  /* the gran-period containing ref, moved by off periods (este mes, el año pasado) */
    R_WDAY,  /* weekday wd: off -1 last one before ref, +1 next one after, 0 this week's,
                2 ambiguous (both) */
    R_SHIFT, /* ref moved by off units of `unit` (hace tres días, en dos semanas) */
    R_NOW,   /* ahora */
    R_WWEEK  /* weekday wd of the week of ref moved by off weeks (martes de la semana pasada) */
};

/* A point or period in time, as said. Unknown fields are -1. */
typedef struct tx_point {
    int8_t gran;      /* G_*; G_NONE for a time of day only */
    int8_t rel;       /* R_* */
    int8_t wd;        /* weekday 1..7 of "el martes", 0 when none */
    int8_t fut;       /* unknown year: 1 only the future one, -1 only the past one */
    int8_t unit;      /* R_SHIFT unit (U_*) */
    int8_t nth;       /* ordinal inside a larger period ("primera semana de"), 0 none */
    int32_t off;      /* R_DAY / R_UNIT / R_WDAY / R_SHIFT amount */
    int32_t y, m, d;  /* absolute fields */
    int32_t n;        /* quarter, half, season, ISO week, decade or century number */
    /* time of day */
    int8_t h, mi, s;  /* h -1: no clock time */
    int8_t tprec;     /* 1 hours, 2 minutes, 3 seconds written */
    int8_t amb;       /* the hour may also be h + 12 */
    int8_t cue;       /* the clock had minutes, am/pm, "h" or a part of the day */
    char pod;         /* part of day 'M','A','E','N' or 0 */
} tx_point;

enum { K_POINT, K_RANGE, K_DURATION, K_SET };

enum { M_NONE, M_START, M_MID, M_END, M_BEFORE, M_AFTER, M_SINCE, M_UNTIL, M_APPROX,
       M_LESS, M_MORE,
       M_LATER,    /* más tarde este mes: from the later of the middle and ref to the end */
       M_EARLIER,  /* más temprano este año: from the start to the earlier of middle and ref */
       M_TODATE }; /* en lo que va de año: from the start to ref */

/* A recognised expression. */
typedef struct tx_expr {
    uint32_t b0, b1;  /* bytes of the text */
    uint32_t ma, mb;  /* K_RANGE: the start's text ends at ma, the end's begins at mb
                         (0, 0 when the range has no such split) */
    int8_t kind;      /* K_* */
    int8_t mod;       /* M_* */
    int8_t within;    /* "dentro de N unidades": the span from ref, not the endpoint */
    int8_t last;      /* K_RANGE from "los últimos N": -1 back from ref, +1 ahead, 0 none */
    int8_t inside;    /* "las primeras/últimas N semanas de 2021": last counts from the
                         start (+1) or end (-1) of the period e->a instead of from ref */
    tx_point a, b;    /* the point; K_RANGE: from a to b (b.gran G_NONE: same as a) */
    /* K_DURATION / K_SET / last: amount per unit (U_*), -1 = unspecified ("años") */
    double amt[U_BDAY + 1];
    int8_t set_wd;    /* K_SET "cada lunes": weekday */
} tx_expr;

/* Finds the expressions in text[0..len); appends them to *out (realloc'd, *cap its room)
 * in text order without overlaps.  Returns the count or (size_t)-1 when out of memory. */
size_t hx__tx_find(const char *text, size_t len, tx_expr **out, size_t *cap);

/* ---------------------------------------------------------------- calendar */

typedef struct tx_ref {
    int ok;           /* 0: no reference date */
    int y, m, d, h, mi, s;
} tx_ref;

/* Parses "YYYY-MM-DD[Thh:mm[:ss]]" (or with a space); ok = 0 when it is not one. */
tx_ref hx__tx_parse_ref(const char *s);

int64_t hx__tx_days(int y, int m, int d);            /* days since 1970-01-01 */
void hx__tx_civil(int64_t days, int *y, int *m, int *d);
int hx__tx_wday(int64_t days);                       /* 1 Monday .. 7 Sunday */
int hx__tx_mdays(int y, int m);                      /* days in month */
/* ISO week of a day: sets *wy (ISO year) and returns the week number. */
int hx__tx_isoweek(int64_t days, int *wy);
/* Monday of ISO week w of ISO year wy. */
int64_t hx__tx_isoweek_monday(int wy, int w);
/* Adds months to y-m-d, clamping the day to the month's length. */
void hx__tx_add_months(int *y, int *m, int *d, int months);

/* ---------------------------------------------------------------- the stage, for the pipeline */

/* timex.c: fills doc->times (needs doc->date for relative expressions). */
hx_status hx__find_times(hx_doc *doc, hx_error *err);
/* timex_out.c: appends `,"times":[...]`. */
void hx__json_times(hx__buf *b, const hx_doc *doc);

#endif /* HX_TIMEX_H */
