/*
 * detok.h -- turns the sentences of a CoNLL file back into plain text, with the
 * spacing rule documented in docs/tokenizer.md, and remembers where each token went.
 * Used by tools/tokeval.c and tests/test_tokenize.c (header-only, static functions).
 *
 * Spacing rule: tokens are joined by one space, except that no space goes before
 * , . ; : ? ! ) ] } % » ” ’ and "...", and none after ( [ { ¿ ¡ « “ ‘; a straight
 * quote (" or ') opens when it is the 1st, 3rd... in its sentence (space before, none
 * after) and closes otherwise (none before).  Sentences are separated by a newline.
 * Gold offsets are code points of the produced text.
 */
#ifndef HX_DETOK_H
#define HX_DETOK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct detok {
    char *text;      /* the plain text, NUL-terminated */
    size_t len, cap;
    size_t *spans;   /* [ntok][2]: code point start and end of each gold token */
    size_t ntok, spcap;
    size_t cps;      /* code points written so far */
} detok;

static size_t detok_cps(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

static int detok_put(detok *d, const char *s, size_t n)
{
    if (d->len + n + 1 > d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 1 << 16;
        while (cap < d->len + n + 1) cap *= 2;
        char *p = realloc(d->text, cap);
        if (!p) return -1;
        d->text = p, d->cap = cap;
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
    d->cps += detok_cps(s, n);
    return 0;
}

static int detok_in(const char *w, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(w, *set) == 0) return 1;
    return 0;
}

/* Reads CoNLL from f (first column) and fills d; returns 0 or -1. */
static int detok_read(detok *d, FILE *f)
{
    static const char *const no_before[] = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%",
                                            "»", "”", "’", "...", NULL};
    static const char *const no_after[] = {"(", "[", "{", "¿", "¡", "«", "“", "‘", NULL};
    char line[4096];
    int first = 1, glue = 0, quotes = 0;
    memset(d, 0, sizeof *d);
    while (fgets(line, sizeof line, f)) {
        char *w = strtok(line, " \t\r\n");
        if (!w) { /* sentence break */
            if (!first && detok_put(d, "\n", 1)) return -1;
            first = 1, glue = 0, quotes = 0;
            continue;
        }
        int straight = strcmp(w, "\"") == 0 || strcmp(w, "'") == 0;
        int opening = straight && (quotes++ % 2 == 0);
        int closing = straight && !opening;
        if (!first && !glue && !detok_in(w, no_before) && !closing && detok_put(d, " ", 1)) return -1;
        if (d->ntok == d->spcap) {
            d->spcap = d->spcap ? d->spcap * 2 : 4096;
            size_t *p = realloc(d->spans, d->spcap * 2 * sizeof *p);
            if (!p) return -1;
            d->spans = p;
        }
        d->spans[2 * d->ntok] = d->cps;
        if (detok_put(d, w, strlen(w))) return -1;
        d->spans[2 * d->ntok + 1] = d->cps;
        d->ntok++;
        glue = detok_in(w, no_after) || opening;
        first = 0;
    }
    if (!first && detok_put(d, "\n", 1)) return -1;
    return 0;
}

static void detok_free(detok *d)
{
    free(d->text);
    free(d->spans);
}

#endif
