/*
 * timex_res.h -- resolution of time expressions against a reference date, shared by
 * the two renderers (timex.c for TIMEX3, datetime_rt.c for Recognizers-Text).
 */
#ifndef HX_TIMEX_RES_H
#define HX_TIMEX_RES_H

#include "timex/timex.h"

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

#endif /* HX_TIMEX_RES_H */
