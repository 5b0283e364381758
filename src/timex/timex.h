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
    uint16_t ent;     /* the same, for L_REF words too */
    uint8_t cls, val; /* its class and value (L_NONE, 0 when none) */
    uint8_t kind;     /* TX_T* */
    uint8_t space;    /* whitespace precedes the token */
    uint8_t ndig;     /* digits of a number token */
    char c;           /* the character of a one-byte punctuation token, else 0 */
    uint8_t mark;     /* 1 a starter of a TimeBank reference phrase, 2 an article (a
                         starter when the next word goes on a phrase), else 0 */
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
    L_FUNC,    /* val: F_* function word */
    L_REF      /* a word only timex_tb.c needs: val 0 may start a reference phrase
                  ("actualmente", "entonces", "semanal"), 1 goes on one after an article
                  ("momento", "actualidad"); its token has cls L_REF but no lex */
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
    F_TEMPRANO, F_VA, F_HOLI, /* a word that may name a holiday */
    F_PAR,     /* "un par de": two */
    F_ESE,     /* ese, esa, aquel, aquella: a demonstrative that is not "este" */
    F_CUANTOS  /* "unos cuantos días": cuantos, cuantas */
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

/* The words of a text that may start a TimeBank reference phrase or anaphor (timex_tb.c
 * "starters": demonstratives, "hoy", "próximo", L_REF words, and an article before a
 * word that goes on such a phrase: "el mismo", "los últimos", "la actualidad"), as
 * byte spans b[2k], b[2k+1] in text order; n spans, room for cap / 2. */
typedef struct tx_marks {
    uint32_t *b;
    size_t n, cap;
} tx_marks;

/* Appends the tokens of text[0..len) to *toks (grown with realloc; *cap its room).
 * Returns the number of tokens, or (size_t)-1 when out of memory. */
size_t hx__tx_lex(const char *text, size_t len, tx_tok **toks, size_t *cap);
/* Appends to marks the starters among tokens t[0..n) of text (see tx_marks): 0 when
 * out of memory. */
int hx__tx_mark(const char *text, size_t len, const tx_tok *t, size_t n, tx_marks *marks);

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
    int8_t fut;       /* unknown year: 1 only the future one, -1 only the past one, 2 the
                         reference's year ("este septiembre") */
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
    char tz;          /* time zone said after the clock: 'Z' GMT/UTC, 'L' another one
                         ("hora local", "hora peninsular", "CET"), 0 none */
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
 * in text order without overlaps, and the lexer's starters to *marks (may be NULL).  Returns the count or (size_t)-1 when out of memory. */
size_t hx__tx_find(const char *text, size_t len, tx_expr **out, size_t *cap, tx_marks *marks);

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
/* timex_tb.c: TimeBank extent conventions, reference words and the temporal focus
 * applied to doc->times (dct: the publication date or NULL). */
hx_status hx__tx_timebank(hx_doc *doc, const char *dct, const tx_marks *marks, hx_error *err);
/* timex_out.c: appends `,"times":[...]`. */
void hx__json_times(hx__buf *b, const hx_doc *doc);

/* ---------------------------------------------------------------- the grammar
 * What the grammar files (timex_parse.c, timex_scan.c, timex_date.c, timex_point.c)
 * share: the token cursor and the small token tests.  Rules return the index past their match,
 * 0 when they do not match.
 */
/* A result of hx__tx_point or hx__tx_date kept for the scan: the rules of one start
 * token and of the next ask for the point or date at the same tokens again and again.
 * Both depend on the tokens and the index only, and store *pt only when they match. */
#define TX_MEMO 4 /* slots, by token index modulo TX_MEMO */
typedef struct tx_memo {
    size_t i;    /* token index, SIZE_MAX for an empty slot */
    size_t end;  /* what the rule returned */
    tx_point pt; /* what it stored (when end > 0) */
} tx_memo;

/* hx__tx_number of a number in words: end, and the value when it was stored. */
typedef struct tx_nmemo {
    size_t i;    /* token index, SIZE_MAX for an empty slot */
    size_t end;
    double v;
    int wrote;   /* the value was stored (the words parsed) */
} tx_nmemo;

typedef struct tx_memos {
    tx_memo point[TX_MEMO], date[TX_MEMO];
    tx_nmemo num[TX_MEMO];
} tx_memos;

/* The per-call state of the grammar over one text (docs/architecture.md: hx__<folder>_scan). */
typedef struct hx__timex_scan {
    const char *text; /* the whole text */
    size_t len;
    const tx_tok *t;  /* its tokens */
    size_t n;
    tx_memos *memo;   /* per-scan cache (written through a const hx__timex_scan), or NULL */
} hx__timex_scan;

/* The memo slot of token i in m (NULL when there is no memo); *hit when it holds i. */
static inline tx_memo *hx__tx_memo_slot(tx_memo *m, size_t i, int *hit)
{
    if (!m) {
        *hit = 0;
        return NULL;
    }
    m += i % TX_MEMO;
    *hit = m->i == i;
    return m;
}

/* Keeps end and *pt (when end > 0) in slot m (may be NULL); returns end. */
static inline size_t hx__tx_memo_put(tx_memo *m, size_t i, size_t end, const tx_point *pt)
{
    if (m) {
        m->i = i;
        m->end = end;
        if (end)
            m->pt = *pt;
    }
    return end;
}

const tx_lexent *hx__tx_e(const hx__timex_scan *p, size_t i);

/* token i is function word f */
static inline int hx__tx_f(const hx__timex_scan *p, size_t i, int f)
{
    return i < p->n && p->t[i].cls == L_FUNC && p->t[i].val == f;
}
/* token i is of lexicon class cls */
static inline int hx__tx_c(const hx__timex_scan *p, size_t i, int cls)
{
    return i < p->n && p->t[i].lex && p->t[i].cls == cls;
}
/* lexicon value of token i, -1 when none */
static inline int hx__tx_v(const hx__timex_scan *p, size_t i)
{
    return i < p->n && p->t[i].lex ? p->t[i].val : -1;
}
/* token i is punctuation c */
static inline int hx__tx_pc(const hx__timex_scan *p, size_t i, char c)
{
    return i < p->n && p->t[i].kind == TX_TP && p->t[i].c == c;
}
/* token i is digits */
static inline int hx__tx_num(const hx__timex_scan *p, size_t i)
{
    return i < p->n && p->t[i].kind == TX_TN;
}
/* no space before token i */
static inline int hx__tx_adj(const hx__timex_scan *p, size_t i)
{
    return i < p->n && !p->t[i].space;
}
void hx__tx_pt_init(tx_point *pt);

/* am / pm / a.m. / p.m.: the end, *pm 0 or 1. */
size_t hx__tx_ampm(const hx__timex_scan *p, size_t i, int *pm);
/* "de la tarde", "del mediodía" after a clock: the end, *pod 'M','A','E','N','m','D'. */
size_t hx__tx_pod_suffix(const hx__timex_scan *p, size_t i, char *pod);
/* Moves a 12-hour-dial hour into the part of day. */
void hx__tx_apply_pod(tx_point *pt, char pod);
size_t hx__tx_number_words(const hx__timex_scan *p, size_t i, double *v);
/* A cardinal at token i: digits (one token) or words ("veinte mil").  The end or 0. */
static inline size_t hx__tx_number(const hx__timex_scan *p, size_t i, double *v)
{
    if (i >= p->n)
        return 0;
    const tx_tok *t = &p->t[i];
    if (t->kind == TX_TN) {
        if (t->num < 0)
            return 0;
        *v = t->num;
        return i + 1;
    }
    if (!((t->lex && t->cls == L_NUMW) || (t->cls == L_FUNC && t->val == F_UN)))
        return 0;
    return hx__tx_number_words(p, i, v);
}
size_t hx__tx_year(const hx__timex_scan *p, size_t i, int *y);
size_t hx__tx_clock(const hx__timex_scan *p, size_t i, int strict, tx_point *pt);
/* A week relative to the reference ("la semana que viene"): the end, its offset. */
size_t hx__tx_rel_week(const hx__timex_scan *p, size_t i, int *off);
/* A date or period (no clock time). */
size_t hx__tx_date(const hx__timex_scan *p, size_t i, tx_point *pt);
/* A time of day: clock after "a las", part of day ("por la tarde"). */
size_t hx__tx_time(const hx__timex_scan *p, size_t i, tx_point *pt);
/* A point: date, time or both. */
size_t hx__tx_point(const hx__timex_scan *p, size_t i, tx_point *pt);

/* timex_point.c */
/* Puts the time-of-day fields of t into d (a part of day fixes a 12-hour dial). */
void hx__tx_merge_time(tx_point *d, const tx_point *t);
/* Where the core of a time starts: after "a", "las", "la". */
size_t hx__tx_time_core(const hx__timex_scan *p, size_t i, size_t e);
/* The unit (U_*) a word names in a duration, U_NONE if none. */
int hx__tx_dur_unit(const hx__timex_scan *p, size_t i);
/* The token after a unit word ("fin de semana" is three). */
size_t hx__tx_unit_end(const hx__timex_scan *p, size_t i);
void hx__tx_clear_amt(tx_expr *e);
/* "tres días", "una hora y media"; bare_ok lets "años" alone count. Fills e->amt. */
size_t hx__tx_duration(const hx__timex_scan *p, size_t i, tx_expr *e, int bare_ok);
/* The one unit of a duration with a single unit (its amount in *v), or U_NONE. */
int hx__tx_single_unit(const tx_expr *e, double *v);
/* hace N U, dentro de N U, en N U, los últimos N U, N U después de hoy. */
size_t hx__tx_shift(const hx__timex_scan *p, size_t i, tx_expr *e);

/* ---------------------------------------------------------------- resolution
 * Resolution of time expressions against a reference date (timex_resolve.c), shared by
 * the two renderers (timex.c for TIMEX3, datetime_rt.c for Recognizers-Text).
 */
/* A concrete period: days [d0, d1) at granularity gran (G_*), and a clock time when
 * h >= 0 (clock: it came from a shift in hours/minutes, seconds are significant). */
typedef struct tx_cand {
    int64_t d0, d1;
    int gran;
    int n;     /* season number for G_SEASON */
    int h, mi, s;
    int clock;
    int yunk;  /* the year was not said (season without year) */
} tx_cand;

/* Resolves pt: returns the number of candidates (0..2, past first).  news: weekdays
 * with "pasado"/"próximo" are the nearest ones (1) or those of the previous/next
 * week as Recognizers-Text does (0). */
int hx__tx_resolve(const tx_point *pt, const tx_ref *r, int news, tx_cand c[2]);

/* Writes what snprintf(out, cap, "%04d-%02d-%02d", y, m, d) writes, without printf
 * when the fields fit their widths. */
void hx__tx_fmt_ymd(char *out, size_t cap, int y, int m, int d);
/* Writes what snprintf(out, cap, "T%02d:%02d", h, mi) writes, with ":%02d" of s too
 * when secs is set (the same shortcut). */
void hx__tx_fmt_hms(char *out, size_t cap, int h, int mi, int s, int secs);
void hx__tx_fmt_day(char *out, size_t cap, int64_t d);
void hx__tx_fmt_cand(char *out, size_t cap, const tx_cand *c);
void hx__tx_fmt_said(char *out, size_t cap, const tx_point *pt);
void hx__tx_fmt_unanchored(char *out, size_t cap, const tx_point *pt);

/* Writes the ISO 8601 duration of amt[U_*] (an amount per unit; below zero: unknown)
 * in one of two styles that differ in how they say it:
 *   TX_DUR_TIMEX3  TIMEX3 as TimeBank does (timex.c): halves, quarters and fortnights
 *                  as PxH, PxQ, PxF; any negative amount is unknown (PXD); a
 *                  fractional century or decade in years (P350Y), 1.5 hours as PT1H30M;
 *   TX_DUR_RT      Recognizers-Text datetimeV2 (datetime_rt.c): halves and quarters
 *                  in months (P6M, P3M), fortnights in days (P15D); only -1 is unknown,
 *                  other negatives are written as their magnitude.
 * The string is NUL-terminated and never longer than cap. */
enum { TX_DUR_TIMEX3, TX_DUR_RT };
void hx__tx_fmt_dur(char *out, size_t cap, const double *amt, int style);

#endif /* HX_TIMEX_H */
