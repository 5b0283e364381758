/*
 * timex_cal.c -- proleptic Gregorian calendar arithmetic for the time expressions:
 * day numbers, weekdays, ISO weeks, month arithmetic, and the reference date parser.
 *
 * Day numbers count days since 1970-01-01 (negative before); the conversions are
 * exact for every year the grammar produces (0..9999).  No state.
 */
#include "timex/timex.h"

#include <string.h>

int64_t hx__tx_days(int y, int m, int d)
{
    /* Howard Hinnant's days_from_civil. */
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void hx__tx_civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int hx__tx_wday(int64_t days)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = (days + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int hx__tx_mdays(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2)
        return 28 + ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    return m >= 1 && m <= 12 ? md[m - 1] : 30;
}

int64_t hx__tx_isoweek_monday(int wy, int w)
{
    /* Week 1 holds 4 January. */
    int64_t jan4 = hx__tx_days(wy, 1, 4);
    return jan4 - (hx__tx_wday(jan4) - 1) + (int64_t)(w - 1) * 7;
}

int hx__tx_isoweek(int64_t days, int *wy)
{
    int64_t thu = days - hx__tx_wday(days) + 4; /* the Thursday of its week */
    int y, m, d;
    hx__tx_civil(thu, &y, &m, &d);
    *wy = y;
    return (int)((thu - hx__tx_days(y, 1, 1)) / 7 + 1);
}

void hx__tx_add_months(int *y, int *m, int *d, int months)
{
    int t = *y * 12 + (*m - 1) + months;
    *y = t >= 0 ? t / 12 : (t - 11) / 12;
    *m = t - *y * 12 + 1;
    int md = hx__tx_mdays(*y, *m);
    if (*d > md)
        *d = md;
}

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

tx_ref hx__tx_parse_ref(const char *s)
{
    tx_ref r;
    memset(&r, 0, sizeof r);
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return r;
    if (!digits(s, 4, &r.y) || !digits(s + 5, 2, &r.m) || !digits(s + 8, 2, &r.d))
        return r;
    if (r.m < 1 || r.m > 12 || r.d < 1 || r.d > hx__tx_mdays(r.y, r.m))
        return r;
    r.ok = 1;
    if ((s[10] == 'T' || s[10] == ' ') && strlen(s) >= 16 && s[13] == ':') {
        int h, mi, sec = 0;
        if (digits(s + 11, 2, &h) && digits(s + 14, 2, &mi) && h < 24 && mi < 60) {
            if (s[16] == ':' && strlen(s) >= 19 && (!digits(s + 17, 2, &sec) || sec > 59))
                sec = 0;
            r.h = h;
            r.mi = mi;
            r.s = sec;
        }
    }
    return r;
}
