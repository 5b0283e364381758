/*
 * timex_gram.h -- what the grammar files (timex_parse.c, timex_scan.c) share: the
 * token cursor and the small token tests.  Rules return the index past their match,
 * 0 when they do not match.
 */
#ifndef HX_TIMEX_GRAM_H
#define HX_TIMEX_GRAM_H

#include "timex/timex.h"

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

typedef struct tx_p {
    const char *text; /* the whole text */
    size_t len;
    const tx_tok *t;  /* its tokens */
    size_t n;
    tx_memos *memo;   /* per-scan cache (written through a const tx_p), or NULL */
} tx_p;

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

const tx_lexent *hx__tx_e(const tx_p *p, size_t i);

/* token i is function word f */
static inline int hx__tx_f(const tx_p *p, size_t i, int f)
{
    return i < p->n && p->t[i].cls == L_FUNC && p->t[i].val == f;
}
/* token i is of lexicon class cls */
static inline int hx__tx_c(const tx_p *p, size_t i, int cls)
{
    return i < p->n && p->t[i].lex && p->t[i].cls == cls;
}
/* lexicon value of token i, -1 when none */
static inline int hx__tx_v(const tx_p *p, size_t i)
{
    return i < p->n && p->t[i].lex ? p->t[i].val : -1;
}
/* token i is punctuation c */
static inline int hx__tx_pc(const tx_p *p, size_t i, char c)
{
    return i < p->n && p->t[i].kind == TX_TP && p->t[i].c == c;
}
/* token i is digits */
static inline int hx__tx_num(const tx_p *p, size_t i)
{
    return i < p->n && p->t[i].kind == TX_TN;
}
/* no space before token i */
static inline int hx__tx_adj(const tx_p *p, size_t i)
{
    return i < p->n && !p->t[i].space;
}
void hx__tx_pt_init(tx_point *pt);

/* am / pm / a.m. / p.m.: the end, *pm 0 or 1. */
size_t hx__tx_ampm(const tx_p *p, size_t i, int *pm);
/* "de la tarde", "del mediodía" after a clock: the end, *pod 'M','A','E','N','m','D'. */
size_t hx__tx_pod_suffix(const tx_p *p, size_t i, char *pod);
/* Moves a 12-hour-dial hour into the part of day. */
void hx__tx_apply_pod(tx_point *pt, char pod);
size_t hx__tx_number(const tx_p *p, size_t i, double *v);
size_t hx__tx_year(const tx_p *p, size_t i, int *y);
size_t hx__tx_clock(const tx_p *p, size_t i, int strict, tx_point *pt);
/* A week relative to the reference ("la semana que viene"): the end, its offset. */
size_t hx__tx_rel_week(const tx_p *p, size_t i, int *off);
/* A date or period (no clock time). */
size_t hx__tx_date(const tx_p *p, size_t i, tx_point *pt);
/* A time of day: clock after "a las", part of day ("por la tarde"). */
size_t hx__tx_time(const tx_p *p, size_t i, tx_point *pt);
/* A point: date, time or both. */
size_t hx__tx_point(const tx_p *p, size_t i, tx_point *pt);

/* timex_point.c */
/* Puts the time-of-day fields of t into d (a part of day fixes a 12-hour dial). */
void hx__tx_merge_time(tx_point *d, const tx_point *t);
/* Where the core of a time starts: after "a", "las", "la". */
size_t hx__tx_time_core(const tx_p *p, size_t i, size_t e);
/* The unit (U_*) a word names in a duration, U_NONE if none. */
int hx__tx_dur_unit(const tx_p *p, size_t i);
/* The token after a unit word ("fin de semana" is three). */
size_t hx__tx_unit_end(const tx_p *p, size_t i);
void hx__tx_clear_amt(tx_expr *e);
/* "tres días", "una hora y media"; bare_ok lets "años" alone count. Fills e->amt. */
size_t hx__tx_duration(const tx_p *p, size_t i, tx_expr *e, int bare_ok);
/* The one unit of a duration with a single unit (its amount in *v), or U_NONE. */
int hx__tx_single_unit(const tx_expr *e, double *v);
/* hace N U, dentro de N U, en N U, los últimos N U, N U después de hoy. */
size_t hx__tx_shift(const tx_p *p, size_t i, tx_expr *e);

#endif /* HX_TIMEX_GRAM_H */
