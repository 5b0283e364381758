/*
 * timex_res.h -- resolution of time expressions against a reference date, shared by
 * the two renderers (timex.c for TIMEX3, datetime_rt.c for Recognizers-Text).
 */
#ifndef HX_TIMEX_RES_H
#define HX_TIMEX_RES_H

#include "timex.h"

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

void hx__tx_fmt_day(char *out, size_t cap, int64_t d);
void hx__tx_fmt_cand(char *out, size_t cap, const tx_cand *c);
void hx__tx_fmt_said(char *out, size_t cap, const tx_point *pt);
void hx__tx_fmt_unanchored(char *out, size_t cap, const tx_point *pt);

#endif /* HX_TIMEX_RES_H */
