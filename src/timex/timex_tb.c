/*
 * timex_tb.c -- the document layer's TimeBank conventions, applied to the entries the
 * grammar found (hx__find_times) before they are stored:
 *
 *   extent    a leading preposition is not part of a timex ("en", "desde", "hasta",
 *             "entre", "a partir de", "antes de", "después de", "durante", "de", "a"),
 *             the article before it is ("el 25 de febrero", "del 2002", "al 5", "los
 *             últimos tres meses", "las 8.00"), and so is a head noun the article
 *             governs ("el mes de mayo"); a date said with a post-modifier "próximo",
 *             "pasado", "venidero" takes it in ("el 2 de julio próximo") with the year
 *             it asks for;
 *   apposition "hoy, jueves", "mañana domingo", "hoy, 20 de diciembre": one timex
 *             with the relative day's value;
 *   reference  words that point at the present, past or future without a date:
 *             "actualmente", "la actualidad", "entonces", "recién", "el futuro",
 *             "hoy por hoy" (PRESENT_REF / PAST_REF / FUTURE_REF), and "anual",
 *             "mensual", "semanal" (SET);
 *   focus     anaphoric days ("el mismo día", "ese día", "al día siguiente", "el día
 *             anterior") and periods ("ese mismo mes", "ese año") are resolved against
 *             the temporal focus: the last day (month, year) the text mentioned, else
 *             the publication date.
 *
 * The Recognizers-Text output (datetime_rt.c) never goes through here.
 * Invariants: entries stay in text order, never overlap and lie inside the text; a
 * span only grows over whole words next to it and only shrinks over whole words at its
 * start; values stay NUL-terminated inside their 32 bytes.
 */
#include "core/core.h"
#include "timex/timex.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- words */

enum { WMAX = 24 }; /* folded words longer than this never match a rule */

/* 1 when byte c may be part of a word (ASCII letter or digit, or UTF-8). */
static const unsigned char wtab[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline int wbyte(unsigned char c)
{
    return wtab[c];
}

/* Folds the word text[b0, b1) into out (lower case, no accents, ñ -> n); "" when it is
 * longer than WMAX - 1 bytes folded. */
static void fold(const char *t, size_t b0, size_t b1, char out[WMAX])
{
    size_t n = 0;
    for (size_t k = b0; k < b1 && n + 1 < WMAX; k++) {
        unsigned char c = (unsigned char)t[k];
        if (c == 0xc3 && k + 1 < b1) {
            static const char map[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyby"; /* 0x80..0x9f | 0x20 */
            unsigned char d = (unsigned char)t[++k];
            c = (unsigned char)map[(d | 0x20) - 0xa0 < 32 ? (d | 0x20) - 0xa0 : 0];
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c | 0x20);
        } else if (c >= 0x80) {
            out[0] = 0;
            return;
        }
        out[n++] = (char)c;
    }
    out[n] = 0;
    if (b1 - b0 >= 2 * WMAX)
        out[0] = 0;
}

/* The word ending at b (after spaces): *w0 its start; 0 when none (punctuation, the
 * start of the text, or more than one space). */
static int word_before(const char *t, size_t b, size_t *w0, size_t *w1, char out[WMAX])
{
    size_t e = b;
    if (e > 0 && t[e - 1] == ' ')
        e--;
    size_t s = e;
    while (s > 0 && wbyte((unsigned char)t[s - 1]))
        s--;
    if (s == e)
        return 0;
    fold(t, s, e, out);
    *w0 = s;
    *w1 = e;
    return out[0] != 0;
}

/* The word starting at b (after one space): *w1 its end; 0 when none. */
static int word_after(const char *t, size_t len, size_t b, size_t *w0, size_t *w1, char out[WMAX])
{
    size_t s = b;
    if (s < len && t[s] == ' ')
        s++;
    size_t e = s;
    while (e < len && wbyte((unsigned char)t[e]))
        e++;
    if (s == e)
        return 0;
    fold(t, s, e, out);
    *w0 = s;
    *w1 = e;
    return out[0] != 0;
}

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (w[0] == (*list)[0] && !strcmp(w, *list))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- extent */

static const char *const articles[] = {"el", "la", "los", "las", "del", "al", NULL};
/* Prepositions that open a timex the grammar read but TimeBank leaves out, as word
 * sequences ending in "" (longest first). */
static const char *const preps[][4] = {
    {"a", "partir", "de", ""}, {"antes", "de", "", ""}, {"despues", "de", "", ""},
    {"a", "partir", "", ""},   {"antes", "", "", ""},   {"despues", "", "", ""},
    {"en", "", "", ""},        {"desde", "", "", ""},   {"hasta", "", "", ""},
    {"entre", "", "", ""},     {"durante", "", "", ""}, {"de", "", "", ""},
    {"a", "", "", ""},         {"para", "", "", ""},
};

/* Moves *b0 past a leading preposition of text[*b0, b1). */
static void strip_prep(const char *t, size_t *b0, size_t b1)
{
    size_t f0, f1;
    char first[WMAX];
    if (!word_after(t, b1, *b0, &f0, &f1, first) || f0 != *b0)
        return;
    for (size_t k = 0; k < sizeof preps / sizeof preps[0]; k++) {
        if (first[0] != preps[k][0][0] || strcmp(first, preps[k][0]))
            continue;
        size_t p = *b0, w0, w1;
        char w[WMAX];
        size_t j = 0;
        while (preps[k][j][0] && word_after(t, b1, p, &w0, &w1, w) && w0 == p &&
               !strcmp(w, preps[k][j])) {
            p = w1 < b1 && t[w1] == ' ' ? w1 + 1 : w1;
            j++;
        }
        if (!preps[k][j][0] && j > 0 && p < b1 && wbyte((unsigned char)t[p])) {
            if (!strcmp(preps[k][0], "antes") && word_after(t, b1, p, &w0, &w1, w) &&
                !strcmp(w, "ayer"))
                return; /* "antes de ayer" is anteayer, one word */
            *b0 = p;
            return;
        }
    }
}

/* "todo el verano pasado", "toda la semana": the quantifier before the article. */
static const char *const todo_words[] = {"todo", "toda", "todos", "todas", NULL};

static void take_todo(const char *t, size_t lo, size_t *b0)
{
    size_t w0, w1;
    char w[WMAX];
    if (word_before(t, *b0, &w0, &w1, w) && w0 >= lo && in_list(w, todo_words))
        *b0 = w0;
}

/* Takes in the article (and "mes de", "año") before [*b0, ...), not before lo. */
static void take_article(const char *t, size_t lo, size_t *b0, size_t b1)
{
    size_t w0, w1;
    char w[WMAX];
    if (!word_before(t, *b0, &w0, &w1, w) || w0 < lo)
        return;
    if (!strcmp(w, "de")) { /* "el mes de mayo" */
        size_t v0, v1;
        char v[WMAX];
        if (!word_before(t, w0, &v0, &v1, v) || v0 < lo || strcmp(v, "mes"))
            return;
        size_t a0, a1;
        char a[WMAX];
        if (word_before(t, v0, &a0, &a1, a) && a0 >= lo && in_list(a, articles))
            *b0 = a0;
        return;
    }
    if (in_list(w, articles)) {
        *b0 = w0;
        take_todo(t, lo, b0);
        return;
    }
    if (in_list(w, todo_words)) { /* the article was in already */
        size_t a0, a1;
        char a[WMAX];
        if (word_after(t, b1, *b0, &a0, &a1, a) && a0 == *b0 && in_list(a, articles))
            *b0 = w0;
        return;
    }
    /* "el pasado 26 de mayo", "el próximo 2 de mayo": the shifter and its article */
    static const char *const shifters[] = {"pasado", "pasada", "proximo", "proxima", "pasados",
                                           "pasadas", "proximos", "proximas", "ultimos",
                                           "ultimas", NULL};
    size_t a0, a1;
    char a[WMAX];
    if (in_list(w, shifters) && word_before(t, w0, &a0, &a1, a) && a0 >= lo &&
        in_list(a, articles))
        *b0 = a0;
}

/* Moves the year of a "YYYY-MM[-DD]" value by dy. */
static void shift_year(char *v, int dy)
{
    if (strlen(v) < 7 || v[4] != '-' || v[0] < '0' || v[0] > '9')
        return;
    int y = atoi(v) + dy;
    if (y < 0 || y > 9999)
        return;
    char tail[32];
    memcpy(tail, v + 4, 28);
    tail[27] = 0;
    hx__tx_fmt_ymd(v, 32, y, 1, 1);
    memcpy(v + 4, tail, strlen(tail) + 1);
}

/* Makes the year of a month or day date agree with a shifter: dir > 0 the next such
 * date after the DCT, dir < 0 the last one before it. */
static void agree_year(hx__time *e, int dir, const tx_ref *r)
{
    if (!dir || !r->ok || strcmp(e->type, "DATE") || strlen(e->value) < 7 ||
        e->value[4] != '-' || !e->anchor[0])
        return;
    char dct[32];
    hx__tx_fmt_ymd(dct, sizeof dct, r->y, r->m, r->d);
    size_t n = strlen(e->value) < 10 ? 7 : 10;
    int cmp = strncmp(e->value, dct, n);
    if (dir > 0 && cmp <= 0)
        shift_year(e->value, 1);
    else if (dir < 0 && cmp >= 0)
        shift_year(e->value, -1);
}

static int shifter_dir(const char *w)
{
    static const char *const fut[] = {"proximo", "proxima", "proximos", "proximas",
                                      "venidero", "venidera", NULL};
    static const char *const past[] = {"pasado", "pasada", "pasados", "pasadas", NULL};
    return in_list(w, fut) ? 1 : in_list(w, past) ? -1 : 0;
}

/* Takes in "próximo", "pasado", "venidero" after a month or day date ("el 2 de julio
 * próximo") and makes the year agree with it, or with the same words said before it
 * ("el pasado 26 de mayo"). */
static void take_shifter(const char *t, size_t len, size_t hi, hx__time *e, const tx_ref *r)
{
    size_t w0, w1;
    char w[WMAX];
    int dir = 0;
    if (word_after(t, len, e->b0, &w0, &w1, w) && in_list(w, articles) &&
        word_after(t, len, w1, &w0, &w1, w))
        dir = shifter_dir(w);
    if (!dir && !strcmp(e->type, "DATE") && word_after(t, len, e->b1, &w0, &w1, w) &&
        w1 <= hi && w0 <= e->b1 + 1 && (dir = shifter_dir(w)) != 0 && strlen(e->value) >= 7 &&
        e->value[4] == '-' && e->anchor[0])
        e->b1 = (uint32_t)w1;
    agree_year(e, dir, r);
}

/* A duration takes in the words that place it after or before something ("un día
 * después", "dos meses más tarde", "tres años antes") and the quantifiers before it
 * ("casi dos días", "al menos dos meses", "apenas una hora"), not before lo. */
static void take_lapse(const char *t, size_t len, size_t lo, size_t hi, hx__time *e)
{
    static const char *const after[] = {"despues", "antes", "atras", NULL};
    static const char *const before[] = {"casi",  "apenas", "escasamente", "estos", "estas",
                                         "esos",  "esas",   "aquellos",    "aquellas", "unos",
                                         "unas",  "aproximadamente", NULL};
    size_t w0, w1, v0, v1;
    char w[WMAX], v[WMAX];
    if (strcmp(e->type, "DURATION"))
        return;
    if (word_after(t, len, e->b1, &w0, &w1, w) && w0 == e->b1 + 1 && w1 <= hi) {
        if (in_list(w, after))
            e->b1 = (uint32_t)w1;
        else if (!strcmp(w, "mas") && word_after(t, len, w1, &v0, &v1, v) && v0 == w1 + 1 &&
                 v1 <= hi && !strcmp(v, "tarde"))
            e->b1 = (uint32_t)v1;
        else if (!strcmp(w, "mas") && e->value[1] >= '0' && e->value[1] <= '9')
            e->b1 = (uint32_t)w1; /* "un año más", "una semana más" */
    }
    if (!word_before(t, e->b0, &w0, &w1, w) || w0 < lo)
        return;
    if (in_list(w, before))
        e->b0 = (uint32_t)w0;
    else if (!strcmp(w, "menos") && word_before(t, w0, &v0, &v1, v) && v0 >= lo &&
             !strcmp(v, "al"))
        e->b0 = (uint32_t)v0;
}

/* "tarde" is the afternoon in TIMEX3 (TAF); the grammar's part of day 'E' is shared
 * with Recognizers-Text, which reads it as the evening (TEV). */
static void afternoon(const char *t, hx__time *e)
{
    size_t n = strlen(e->value);
    if (n < 3 || strcmp(e->value + n - 3, "TEV"))
        return;
    for (size_t k = e->b0; k + 5 <= e->b1; k++)
        if (!memcmp(t + k, "tarde", 5) || !memcmp(t + k, "Tarde", 5)) {
            memcpy(e->value + n - 2, "AF", 3);
            return;
        }
}

/* A count of "jornadas" is a count of match days or sessions in news, not a lapse of
 * time: 1 when e is one (it is dropped). */
static int matchdays(const char *t, const hx__time *e)
{
    size_t w0, w1;
    char w[WMAX];
    return !strcmp(e->type, "DURATION") && word_before(t, e->b1, &w0, &w1, w) &&
           w1 == e->b1 && (!strcmp(w, "jornadas") || !strcmp(w, "jornada")) &&
           e->value[1] >= '0' && e->value[1] <= '9';
}

/* ---------------------------------------------------------------- apposition */

/* 1 when entry a ("hoy", "mañana", "ayer") and entry b ("jueves", "20 de diciembre")
 * name one day: only ", " or " " between them and b is a date or time. */
static int apposed(const char *t, const hx__time *a, const hx__time *b)
{
    static const char *const reldays[] = {"hoy", "manana", "ayer", NULL};
    char w[WMAX];
    if (!strcmp(b->type, "DURATION") || !strcmp(b->type, "SET") ||
        (strcmp(a->type, "DATE") && strcmp(a->type, "TIME")) ||
        (!strcmp(a->type, "TIME") && strcmp(b->type, "DATE")))
        return 0;
    /* "hoy, jueves", "la madrugada de hoy sábado": the entry ends in the relative day */
    size_t w0 = a->b1;
    while (w0 > a->b0 && wbyte((unsigned char)t[w0 - 1]))
        w0--;
    fold(t, w0, a->b1, w);
    if (!in_list(w, reldays))
        return 0;
    size_t g = b->b0 - a->b1;
    return (g == 1 && t[a->b1] == ' ') || (g == 2 && t[a->b1] == ',' && t[a->b1 + 1] == ' ');
}

/* ---------------------------------------------------------------- reference words */

typedef struct refw {
    const char *w[4]; /* folded words, "" ends */
    const char *type, *value;
    const char *const *after; /* only after one of these words ("desde entonces"), or NULL */
} refw;

/* The prepositions that make "entonces" a time ("desde entonces", "hasta entonces"). */
static const char *const temporal_preps[] = {"desde", "hasta", "de", "para", "por", NULL};
/* "hasta el momento": up to now. */
static const char *const until[] = {"hasta", NULL};

static const refw refws[] = {
    {{"hoy", "por", "hoy", ""}, "DATE", "PRESENT_REF", NULL},
    {{"hoy", "en", "dia", ""}, "DATE", "PRESENT_REF", NULL},
    {{"la", "actualidad", "", ""}, "DATE", "PRESENT_REF", NULL},
    {{"estos", "momentos", "", ""}, "DATE", "PRESENT_REF", NULL},
    {{"este", "momento", "", ""}, "DATE", "PRESENT_REF", NULL},
    {{"estos", "dias", "", ""}, "DATE", "PRESENT_REF", NULL},
    {{"actualmente", "", "", ""}, "DATE", "PRESENT_REF", NULL},
    {{"actual", "", "", ""}, "DATE", "PRESENT_REF", NULL},
    {{"actuales", "", "", ""}, "DATE", "PRESENT_REF", NULL},
    {{"ese", "momento", "", ""}, "DATE", "PAST_REF", NULL},
    {{"aquel", "momento", "", ""}, "DATE", "PAST_REF", NULL},
    {{"el", "pasado", "", ""}, "DATE", "PAST_REF", NULL},
    {{"del", "pasado", "", ""}, "DATE", "PAST_REF", NULL},
    {{"del", "futuro", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"entonces", "", "", ""}, "DATE", "PAST_REF", temporal_preps},
    {{"el", "momento", "", ""}, "DATE", "PRESENT_REF", until},
    {{"recien", "", "", ""}, "DATE", "PAST_REF", NULL},
    {{"recientemente", "", "", ""}, "DATE", "PAST_REF", NULL},
    {{"reciente", "", "", ""}, "DATE", "PAST_REF", NULL},
    {{"ultimamente", "", "", ""}, "DATE", "PAST_REF", NULL},
    {{"el", "futuro", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"futuro", "", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"futura", "", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"futuros", "", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"futuras", "", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"proximo", "", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"proxima", "", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"proximos", "", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"proximas", "", "", ""}, "DATE", "FUTURE_REF", NULL},
    {{"anual", "", "", ""}, "SET", "P1Y", NULL},
    {{"anuales", "", "", ""}, "SET", "P1Y", NULL},
    {{"mensual", "", "", ""}, "SET", "P1M", NULL},
    {{"mensuales", "", "", ""}, "SET", "P1M", NULL},
    {{"semanal", "", "", ""}, "SET", "P1W", NULL},
    {{"semanales", "", "", ""}, "SET", "P1W", NULL},
    {{"trimestral", "", "", ""}, "SET", "P3M", NULL},
    {{"trimestrales", "", "", ""}, "SET", "P3M", NULL},
    /* "dos veces al mes", "tres días a la semana" */
    {{"al", "mes", "", ""}, "SET", "P1M", NULL},
    {{"al", "ano", "", ""}, "SET", "P1Y", NULL},
    {{"al", "dia", "", ""}, "SET", "P1D", NULL},
    {{"a", "la", "semana", ""}, "SET", "P1W", NULL},
};

/* Words after "al mes", "al año" that make it no frequency ("al mes siguiente", "al
 * año de llegar"). */
static const char *const not_after_set[] = {"siguiente", "anterior", "de", "del", "que",
                                            "proximo", "pasado", "posterior", NULL};

/* "los últimos días", "los próximos meses", "las pasadas semanas": a vague duration
 * (PXD, PXM, PXW, PXY, PXDE) at w0 (the article); its end and value, or 0. */
static size_t vague_at(const char *t, size_t len, size_t w0, const char *first, char v[32])
{
    static const char *const arts[] = {"los", "las", "estos", "estas", NULL};
    static const char *const shift[] = {"ultimos", "ultimas", "proximos", "proximas",
                                        "pasados", "pasadas", NULL};
    static const char *const units[][2] = {{"dias", "D"}, {"semanas", "W"}, {"meses", "M"},
                                           {"anos", "Y"}, {"decadas", "DE"}, {"horas", "TH"}};
    size_t a, b, c, d;
    char w[WMAX], u[WMAX];
    if (!in_list(first, arts) || !word_after(t, len, w0, &a, &b, w) || a != w0 ||
        !word_after(t, len, b, &a, &b, w) || !in_list(w, shift) ||
        !word_after(t, len, b, &c, &d, u) || c != b + 1)
        return 0;
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (!strcmp(u, units[k][0])) {
            snprintf(v, 32, "P%sX%s", units[k][1][0] == 'T' ? "T" : "",
                     units[k][1][0] == 'T' ? "H" : units[k][1]);
            return d;
        }
    return 0;
}

/* The reference phrase starting at word [w0, w1) of the text: its end, or 0. */
static size_t ref_at(const char *t, size_t len, size_t w0, const char *first, const refw **out)
{
    for (size_t k = 0; k < sizeof refws / sizeof refws[0]; k++) {
        if (first[0] != refws[k].w[0][0] || strcmp(first, refws[k].w[0]))
            continue;
        size_t end = w0, a, b;
        char w[WMAX];
        size_t j = 0;
        while (refws[k].w[j][0] && word_after(t, len, end, &a, &b, w) &&
               (j == 0 ? a == w0 : a == end + 1) && !strcmp(w, refws[k].w[j])) {
            end = b;
            j++;
        }
        if (refws[k].w[j][0] || (end < len && wbyte((unsigned char)t[end])))
            continue;
        /* "próximo a Panticosa": near, not next */
        if (j == 1 && !strncmp(refws[k].w[0], "proxim", 6) &&
            word_after(t, len, end, &a, &b, w) && a == end + 1 &&
            (!strcmp(w, "a") || !strcmp(w, "al")))
            continue;
        size_t p0, p1;
        char pw[WMAX];
        if (refws[k].after && !(word_before(t, w0, &p0, &p1, pw) && in_list(pw, refws[k].after)))
            continue;
        if (!strcmp(refws[k].type, "SET") && refws[k].w[1][0] &&
            word_after(t, len, end, &p0, &p1, pw) && p0 == end + 1 && in_list(pw, not_after_set))
            continue;
        *out = &refws[k];
        return end;
    }
    return 0;
}

/* A reference phrase that starts where entry e does and covers it and the entries
 * after it ("hoy por hoy" read as two "hoy"): e becomes the phrase and *i moves past
 * the entries it covers.  0 when there is none. */
static int ref_over(const char *t, size_t len, hx__time *e, const hx__time *next, size_t nn,
                    size_t *i)
{
    size_t w0, w1, end;
    char w[WMAX];
    const refw *rw;
    unsigned char c0 = (unsigned char)t[e->b0];
    if (c0 >= '0' && c0 <= '9')
        return 0; /* no phrase of the table starts with a digit */
    if (!word_after(t, len, e->b0, &w0, &w1, w) || w0 != e->b0 ||
        !(end = ref_at(t, len, w0, w, &rw)) || end <= e->b1)
        return 0;
    size_t k = 0;
    while (k < nn && next[k].b0 < end) {
        if (next[k].b1 > end)
            return 0;
        k++;
    }
    *i += k;
    e->b1 = (uint32_t)end;
    e->type = rw->type;
    e->mod = NULL;
    e->anchor[0] = 0;
    memcpy(e->value, rw->value, strlen(rw->value) + 1);
    return 1;
}

/* ---------------------------------------------------------------- focus */

typedef struct focus {
    char day[32];   /* "YYYY-MM-DD" of the last day mentioned, or "" */
} focus;

/* The anaphoric phrase at w0 ("el mismo día", "ese día", "al día siguiente", "el día
 * anterior", "ese mismo mes", "ese año"): its end, the unit ('D','M','Y') and the
 * shift in days (days only); 0 when none. */
static size_t anaphor_at(const char *t, size_t len, size_t w0, const char *first, int *unit,
                         int *shift)
{
    static const char *const dets[] = {"el", "ese", "esa", "aquel", "aquella", "al", "del",
                                       "este", "esta", NULL};
    if (!in_list(first, dets))
        return 0;
    int demo = first[0] == 'e' && first[1] == 's'; /* ese/esa/este/esta */
    demo |= first[0] == 'a' && first[1] == 'q';
    size_t a, b, end;
    char w[WMAX];
    if (!word_after(t, len, w0, &a, &b, w) || a != w0)
        return 0;
    end = b;
    int mismo = 0;
    if (!word_after(t, len, end, &a, &b, w) || a != end + 1)
        return 0;
    if (!strcmp(w, "mismo") || !strcmp(w, "misma")) {
        mismo = 1;
        end = b;
        if (!word_after(t, len, end, &a, &b, w) || a != end + 1)
            return 0;
    }
    *unit = !strcmp(w, "dia") ? 'D' : !strcmp(w, "mes") ? 'M' : !strcmp(w, "ano") ? 'Y' : 0;
    if (!*unit)
        return 0;
    end = b;
    *shift = 0;
    if (*unit == 'D' && !mismo && word_after(t, len, end, &a, &b, w) && a == end + 1) {
        if (!strcmp(w, "siguiente") || !strcmp(w, "posterior"))
            *shift = 1;
        else if (!strcmp(w, "anterior") || !strcmp(w, "previo"))
            *shift = -1;
        if (*shift)
            return b;
    }
    /* "el día" / "este año" alone are not anaphoric; "este mismo año" is the DCT's */
    if (!mismo && !demo)
        return 0;
    if (first[0] == 'e' && first[1] == 's' && first[2] == 't')
        return 0;
    return end;
}

/* The value of an anaphor against the focus (else the DCT): into v. 0 when neither. */
static int anaphor_value(const focus *f, const tx_ref *r, int unit, int shift, char v[32])
{
    int y, m, d;
    if (f->day[0]) {
        y = atoi(f->day);
        m = atoi(f->day + 5);
        d = atoi(f->day + 8);
    } else if (r->ok) {
        y = r->y, m = r->m, d = r->d;
    } else
        return 0;
    int64_t days = hx__tx_days(y, m, d) + shift;
    if (unit == 'D')
        hx__tx_fmt_day(v, 32, days);
    else if (unit == 'M')
        snprintf(v, 32, "%04d-%02d", y, m);
    else
        snprintf(v, 32, "%04d", y);
    return 1;
}

/* An entry the grammar read from the DCT that is an anaphor ("ese mismo mes", "el día
 * anterior"): takes its determiner in and its value from the focus. */
static void refocus(const char *t, size_t len, size_t lo, hx__time *e, const focus *f,
                    const tx_ref *r)
{
    size_t w0 = e->b0, w1, end;
    char w[WMAX];
    int unit, shift;
    if (!word_after(t, len, e->b0, &w0, &w1, w) || w0 != e->b0 ||
        !(end = anaphor_at(t, len, w0, w, &unit, &shift))) {
        size_t p0, p1;
        if (!word_before(t, e->b0, &p0, &p1, w) || p0 < lo)
            return;
        w0 = p0;
        if (!(end = anaphor_at(t, len, w0, w, &unit, &shift)))
            return;
    }
    if (end != e->b1 || !f->day[0])
        return;
    char v[32];
    if (anaphor_value(f, r, unit, shift, v)) {
        e->b0 = (uint32_t)w0;
        memcpy(e->value, v, sizeof v);
    }
}

/* Keeps the focus: the day of a DATE/TIME entry with a full day value. */
static void note_focus(focus *f, const hx__time *e)
{
    const char *v = e->value;
    if (strcmp(e->type, "DURATION") && strcmp(e->type, "SET") && strlen(v) >= 10 &&
        v[0] >= '0' && v[0] <= '9' && v[4] == '-' && v[7] == '-' && v[8] >= '0' && v[8] <= '9') {
        memcpy(f->day, v, 10);
        f->day[10] = 0;
    }
}

/* ---------------------------------------------------------------- the pass */

/* Appends entry e to out, or fails. */
static int put(hx__vec *out, const hx__time *e)
{
    hx__time *s = hx__vec_push(out, sizeof *s);
    if (!s)
        return -1;
    *s = *e;
    return 0;
}

/* "tres veces al día": a frequency takes in the count of times before it (not before
 * lo); returns the new start. */
static size_t times_before(const char *t, size_t lo, size_t w0)
{
    size_t v0, v1, n0, n1;
    char v[WMAX], n[WMAX];
    if (!word_before(t, w0, &v0, &v1, v) || v0 < lo || (strcmp(v, "veces") && strcmp(v, "vez")) ||
        !word_before(t, v0, &n0, &n1, n) || n0 < lo)
        return w0;
    return n0;
}

/* "los jueves", "los domingos", "los fines de semana": a plural weekday with its article
 * is a weekly SET. */
static void weekly(const char *t, size_t len, hx__time *e)
{
    static const char *const days[] = {"lunes", "martes", "miercoles", "jueves", "viernes",
                                       "sabados", "domingos", NULL};
    size_t w0, w1, v0, v1;
    char w[WMAX], v[WMAX];
    if (strcmp(e->type, "DATE") || !word_after(t, len, e->b0, &w0, &w1, w) || w0 != e->b0 ||
        strcmp(w, "los") || !word_after(t, len, w1, &v0, &v1, v) || v0 != w1 + 1)
        return;
    for (int k = 0; days[k]; k++)
        if (!strcmp(v, days[k]) && v1 == e->b1) {
            e->type = "SET";
            snprintf(e->value, sizeof e->value, "XXXX-WXX-%d", k + 1);
            e->anchor[0] = 0;
            return;
        }
    if (!strcmp(v, "fines") && e->b1 > v1 && !strncmp(e->value + strlen(e->value) - 2, "WE", 2)) {
        e->type = "SET";
        snprintf(e->value, sizeof e->value, "XXXX-WXX-WE");
        e->anchor[0] = 0;
    }
}

/* "tres días cada dos meses", "una vez cada semana": an amount right before a SET that
 * opens with "cada" is part of it.  1 when e (the amount) took in s. */
static int amount_of_set(const char *t, size_t len, hx__time *e, const hx__time *s)
{
    size_t w0, w1;
    char w[WMAX];
    if (strcmp(s->type, "SET") || s->b0 != e->b1 + 1 || t[e->b1] != ' ' ||
        !word_after(t, len, s->b0, &w0, &w1, w) || strcmp(w, "cada") ||
        strcmp(e->type, "DURATION"))
        return 0;
    e->type = "SET";
    memcpy(e->value, s->value, sizeof e->value);
    e->anchor[0] = 0;
    e->mod = NULL;
    e->b1 = s->b1;
    return 1;
}

/* Whether folded word w may start an anaphor, a vague period or a reference phrase
 * (sorted for bsearch).  The lexer marks these words (hx__tx_mark, L_REF entries of
 * data/timex_lexicon.tsv); tests/test_timex_grammar.c checks it marks every one. */
static const char *const starters[] = {
    "actual",   "actuales",    "actualmente", "al",          "anual",     "anuales",
    "aquel",    "aquella",     "del",         "el",          "entonces",  "esa",
    "ese",      "esta",        "este",        "estos",       "futura",    "futuras",
    "futuro",   "futuros",     "hoy",         "la",          "las",       "los",
    "mensual",  "mensuales",   "proxima",     "proximas",    "proximo",   "proximos",
    "recien",   "reciente",    "recientemente", "semanal",   "semanales", "trimestral",
    "trimestrales", "ultimamente"};

static int cmp_str(const void *a, const void *b)
{
    return strcmp((const char *)a, *(const char *const *)b);
}

static int starter(const char *w)
{
    /* first letters of the starters: a d e f h l m p r s t u */
    static const uint32_t first = 1u << 0 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 7 | 1u << 11 |
                                  1u << 12 | 1u << 15 | 1u << 17 | 1u << 18 | 1u << 19 |
                                  1u << 20;
    if (w[0] < 'a' || w[0] > 'z' || !(first >> (w[0] - 'a') & 1))
        return 0;
    if (w[1] == 0 || w[2] == 0) /* "al", "el", "la" */
        return (w[0] == 'a' && w[1] == 'l') || (w[0] == 'e' && w[1] == 'l') ||
               (w[0] == 'l' && w[1] == 'a');
    return bsearch(w, starters, sizeof starters / sizeof starters[0], sizeof starters[0],
                           cmp_str) != NULL;
}

/* "el futuro campo", "el pasado Mundial": "pasado"/"futuro" after an article and before
 * a noun is an adjective, and the timex is the adjective alone ("futuro"); before
 * punctuation or a function word ("el futuro que...", "del pasado,") it is the noun
 * with its article.  Returns where the timex of the phrase [w0, end) starts. */
static size_t adjective_only(const char *t, size_t len, size_t w0, size_t end, const refw *rw)
{
    /* what follows a noun: function words, clitics, the commonest verbs */
    static const char *const func[] = {
        "a",      "al",    "como",   "con",  "de",    "del",    "depende", "e",    "el",
        "en",     "era",   "es",     "esta", "fue",   "ha",     "han",     "hay",  "la",
        "le",     "les",   "lo",     "los",  "mas",   "me",     "ni",      "no",   "nos",
        "o",      "os",    "para",   "parece", "pasa", "pero",  "por",     "que",  "se",
        "sera",   "si",    "sin",    "sobre", "son",  "su",     "sus",     "te",   "tiene",
        "u",      "un",    "una",    "y",     "ya",   NULL};
    size_t a, b;
    char w[WMAX];
    if (!rw->w[1][0] || rw->w[2][0] || !in_list(rw->w[0], articles) ||
        !(!strcmp(rw->w[1], "pasado") || !strcmp(rw->w[1], "futuro")) ||
        !word_after(t, len, end, &a, &b, w) || a != end + 1 || in_list(w, func))
        return w0;
    return end - strlen(rw->w[1]); /* the adjective: ASCII, as folded */
}

/* New entries (reference words, anaphors) in the gap text[lo, hi) between entries.
 * Only the words the lexer marked as starters are visited: marks->b[2 * *mi] on. */
static int gap_words(const char *t, size_t len, size_t lo, size_t hi, focus *f, const tx_ref *r,
                     const tx_marks *marks, size_t *mi, hx__vec *out)
{
    size_t k = lo;
    while (k > 0 && k < hi && wbyte((unsigned char)t[k - 1]) && wbyte((unsigned char)t[k]))
        k++; /* not inside a word cut by lo */
    while (*mi < marks->n) {
        size_t w0 = marks->b[2 * *mi];
        if (w0 >= hi)
            break;
        (*mi)++;
        if (w0 < k || (w0 > 0 && wbyte((unsigned char)t[w0 - 1])))
            continue; /* inside an entry, or not the start of a word */
        size_t w1 = w0;
        while (w1 < hi && wbyte((unsigned char)t[w1]))
            w1++;
        char w[WMAX];
        fold(t, w0, w1, w); /* an article in the marks has a next word that goes on */
        if (!starter(w)) {
            k = w1;
            continue;
        }
        const refw *rw = NULL;
        int unit = 0, shift = 0;
        size_t end;
        hx__time e;
        memset(&e, 0, sizeof e);
        if (w[0] && (end = anaphor_at(t, len, w0, w, &unit, &shift)) && end <= hi &&
            anaphor_value(f, r, unit, shift, e.value)) {
            e.type = "DATE";
            if (r->ok)
                hx__tx_fmt_ymd(e.anchor, sizeof e.anchor, r->y, r->m, r->d);
        } else if (w[0] && (end = vague_at(t, len, w0, w, e.value)) && end <= hi) {
            e.type = "DURATION";
        } else if (w[0] && (end = ref_at(t, len, w0, w, &rw)) && end <= hi &&
                   (hi == len || hi > end + 1)) { /* not a modifier of the next timex */
            e.type = rw->type;
            memcpy(e.value, rw->value, strlen(rw->value) + 1);
            if (!strcmp(rw->type, "SET") && rw->w[1][0])
                w0 = times_before(t, lo, w0);
            w0 = adjective_only(t, len, w0, end, rw);
        } else {
            k = w1;
            continue;
        }
        e.b0 = (uint32_t)w0;
        e.b1 = (uint32_t)end;
        if (put(out, &e))
            return -1;
        k = end;
    }
    (void)len;
    return 0;
}

hx_status hx__tx_timebank(hx_doc *doc, const char *dct, const tx_marks *marks, hx_error *err)
{
    size_t mi = 0; /* the next mark to visit */
    const char *t = doc->text;
    size_t len = doc->len, n = doc->times.n;
    hx__time *in = doc->times.p;
    tx_ref r = hx__tx_parse_ref(dct);
    hx__vec out = {0};
    focus f = {""};
    size_t lo = 0; /* end of the last entry written */
    for (size_t i = 0; i <= n; i++) {
        size_t hi = i < n ? in[i].b0 : len;
        size_t before = out.n;
        if (gap_words(t, len, lo, hi, &f, &r, marks, &mi, &out))
            goto oom;
        for (size_t k = before; k < out.n; k++)
            note_focus(&f, (hx__time *)out.p + k);
        if (i == n)
            break;
        hx__time e = in[i];
        size_t b0 = e.b0;
        if (ref_over(t, len, &e, in + i + 1, n - i - 1, &i)) {
            if (put(&out, &e))
                goto oom;
            lo = e.b1;
            continue;
        }
        refocus(t, len, lo, &e, &f, &r);
        b0 = e.b0;
        strip_prep(t, &b0, e.b1);
        take_article(t, out.n ? ((hx__time *)out.p)[out.n - 1].b1 : 0, &b0, e.b1);
        assert(b0 < e.b1);
        e.b0 = (uint32_t)b0;
        take_shifter(t, len, i + 1 < n ? in[i + 1].b0 : len, &e, &r);
        afternoon(t, &e);
        take_lapse(t, len, out.n ? ((hx__time *)out.p)[out.n - 1].b1 : 0,
                   i + 1 < n ? in[i + 1].b0 : len, &e);
        if (matchdays(t, &e))
            continue;
        weekly(t, len, &e);
        if (!strcmp(e.type, "SET"))
            e.b0 = (uint32_t)times_before(t, out.n ? ((hx__time *)out.p)[out.n - 1].b1 : 0, e.b0);
        if (i + 1 < n && amount_of_set(t, len, &e, &in[i + 1]))
            i++;
        if (i + 1 < n && apposed(t, &e, &in[i + 1])) {
            const hx__time *b = &in[i + 1];
            if (!strcmp(b->type, "TIME") && strlen(b->value) > 10 && strlen(e.value) == 10) {
                memcpy(e.value + 10, b->value + 10, 22 - 1);
                e.value[31] = 0;
                e.type = "TIME";
            }
            e.b1 = b->b1;
            i++;
        }
        if (put(&out, &e))
            goto oom;
        note_focus(&f, &e);
        lo = e.b1;
    }
    hx__vec_free(&doc->times);
    doc->times = out;
    return HX_OK;
oom:
    hx__vec_free(&out);
    return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory adjusting time expressions");
}
