/*
 * timex_lex.c -- cuts text into the tokens the time-expression grammar reads, and
 * the read-only lexicon of the words it knows.
 *
 * A token is a run of letters (ASCII or Latin-1 accented), a run of ASCII digits, or
 * one other character.  Words are looked up folded (lower case, accents removed,
 * ñ -> n) in a read-only hash table generated from data/timex_lexicon.tsv.
 * Invariants: tokens are contiguous runs in text order, never empty, never crossing a
 * code point; the lexicon is sorted by strcmp (the generator and the unit test check
 * it) and never changes.
 */
#include "timex/timex.h"

#include <stdlib.h>
#include <string.h>

/* The lexicon (sorted by strcmp) and its hash slots: build/gen/timex_lex.inc, compiled
 * by make from data/timex_lexicon.tsv with tools/gen/gen_lexicon.c. */
#include "timex_lex.inc"

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

/* The entry of w[0..n) (letters, so no NUL inside) given its FNV-1a hash h. */
static const tx_lexent *lookup_hashed(const char *w, size_t n, uint32_t h)
{
    for (size_t k = h & 1023;; k = (k + 1) & 1023) {
        unsigned e = slots[k];
        if (!e)
            return NULL;
        const char *x = lexicon[e - 1].w;
        size_t j = 0;
        while (j < n && x[j] == w[j]) /* stops at the end of a shorter x: w has no NUL */
            j++;
        if (j == n && x[n] == 0)
            return &lexicon[e - 1];
    }
}

const tx_lexent *hx__tx_lookup(const char *w, size_t n)
{
    uint32_t h = FNV_BASIS;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)w[k]) * FNV_PRIME;
    if (memchr(w, '\0', n))
        return NULL; /* no word holds a NUL */
    return lookup_hashed(w, n, h);
}

/* The folded ASCII letter of the Latin-1 letter U+00C0 + (b - 0x80), or '?'. */
static char fold_latin1(unsigned char b)
{
    static const char map[64] = "aaaaaaaceeeeiiiidnooooo?ouuuuyts"
                                "aaaaaaaceeeeiiiidnooooo?ouuuuyty";
    return map[b & 0x3f];
}

/* Bytes of the letter at s (1 or 2), or 0 when s does not start with a letter. */
static size_t letter_len(const unsigned char *s, const unsigned char *end)
{
    unsigned char c = s[0];
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
        return 1;
    if (c == 0xc3 && s + 1 < end && s[1] >= 0x80 && s[1] <= 0xbf && s[1] != 0x97 &&
        s[1] != 0xb7)
        return 2;
    if (c >= 0xc4 && c <= 0xc9 && s + 1 < end && (s[1] & 0xc0) == 0x80)
        return 2;
    return 0;
}

/* Classes of ASCII bytes for the lexer: 1 white space, 2 digit, 3 letter, 0 other. */
static const unsigned char ascii_class[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0};

/* Whether lexicon entry e may start a TimeBank reference phrase by itself (art: it is
 * an article, which needs the next word to go on one). */
static int starter_entry(const tx_lexent *e, int *art)
{
    *art = 0;
    if (e->cls == L_REF)
        return e->val == 0;
    if (e->cls == L_RELDAY)
        return e->val == 0; /* hoy */
    if (e->cls != L_FUNC)
        return 0;
    switch (e->val) {
    case F_AL: case F_DEL: case F_EL: case F_LA: case F_LAS: case F_LOS:
        *art = 1;
        return 1;
    case F_ESTE: case F_ESE: case F_PROX:
        return 1;
    default:
        return 0;
    }
}

size_t hx__tx_lex(const char *text, size_t len, tx_tok **toks, size_t *cap)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + len, *p = s;
    size_t n = 0;
    int space = 1;
    while (p < end) {
        unsigned char c = *p;
        unsigned cls = c < 0x80 ? ascii_class[c] : 0;
        if (cls == 1) {
            space = 1;
            p++;
            continue;
        }
        if (c == 0xc2 && p + 1 < end && p[1] == 0xa0) { /* no-break space */
            space = 1;
            p += 2;
            continue;
        }
        if (n == *cap) {
            size_t nc = *cap ? *cap * 2 : 256;
            tx_tok *t = realloc(*toks, nc * sizeof *t);
            if (!t)
                return (size_t)-1;
            *toks = t;
            *cap = nc;
        }
        tx_tok *t = &(*toks)[n++];
        memset(t, 0, sizeof *t);
        t->b0 = (uint32_t)(p - s);
        t->space = (uint8_t)space;
        space = 0;
        size_t l;
        if (cls == 2) {
            int64_t v = 0;
            const unsigned char *q = p;
            while (q < end && *q >= '0' && *q <= '9') {
                if (v < 1000000000)
                    v = v * 10 + (*q - '0');
                q++;
            }
            t->kind = TX_TN;
            t->ndig = (uint8_t)(q - p > 255 ? 255 : q - p);
            t->num = q - p > 9 ? -1 : (int32_t)v;
            p = q;
        } else if (cls == 3 || (l = letter_len(p, end)) != 0) {
            /* folded and hashed in one pass; ASCII letters without the call */
            char w[24];
            size_t wn = 0;
            int fits = 1;
            uint32_t h = FNV_BASIS;
            while (p < end) {
                char f;
                if (*p < 0x80) {
                    if (ascii_class[*p] != 3)
                        break;
                    f = (char)(*p | 0x20);
                    l = 1;
                } else if ((l = letter_len(p, end)) != 0) {
                    f = p[0] == 0xc3 ? fold_latin1(p[1]) : '?';
                } else {
                    break;
                }
                if (wn < sizeof w) {
                    w[wn++] = f;
                    h = (h ^ (unsigned char)f) * FNV_PRIME;
                } else {
                    fits = 0;
                }
                p += l;
            }
            t->kind = TX_TW;
            if (fits && wn <= 14) {
                const tx_lexent *e = lookup_hashed(w, wn, h);
                if (e) {
                    /* an L_REF word is no word of the grammar: no entry, only the class */
                    t->lex = e->cls == L_REF ? 0 : (uint16_t)(e - lexicon + 1);
                    t->cls = e->cls;
                    t->val = e->val;
                    t->ent = (uint16_t)(e - lexicon + 1);
                    int art;
                    if (e->cls >= L_RELDAY && starter_entry(e, &art))
                        t->mark = (uint8_t)(art ? 2 : 1);
                }
            }
        } else {
            t->kind = TX_TP;
            if (c < 0x80) {
                t->c = (char)c;
                p++;
            } else {
                if (c == 0xc2 && p + 1 < end && (p[1] == 0xba || p[1] == 0xaa || p[1] == 0xb0))
                    t->c = 'o'; /* º ª ° after an ordinal number */
                p++;
                while (p < end && (*p & 0xc0) == 0x80)
                    p++;
            }
        }
        t->b1 = (uint32_t)(p - s);
    }
    return n;
}

/* The lexicon entry of a token (NULL when none). */
const tx_lexent *hx__tx_entry(const tx_tok *t)
{
    return t->lex ? &lexicon[t->lex - 1] : NULL;
}

/* For the unit test: 1 when the lexicon is sorted, without duplicates, and every word
 * is found through the hash slots. */
int hx__tx_lexicon_sorted(void)
{
    for (size_t i = 0; i < sizeof lexicon / sizeof lexicon[0]; i++) {
        if (i && strcmp(lexicon[i - 1].w, lexicon[i].w) >= 0)
            return 0;
        if (hx__tx_lookup(lexicon[i].w, strlen(lexicon[i].w)) != &lexicon[i])
            return 0;
    }
    return 1;
}

/* Whether folded word w goes on a reference phrase after an article (timex_tb.c). */
static int after_article(const char *w)
{
    static const char *const nexts[] = {"mismo",   "misma",    "dia",     "mes",     "ano",
                                        "momento", "ultimos",  "ultimas", "proximos",
                                        "proximas", "pasados", "pasadas", "pasado",  "futuro",
                                        "actualidad"};
    for (size_t k = 0; k < sizeof nexts / sizeof *nexts; k++)
        if (!strcmp(w, nexts[k]))
            return 1;
    return 0;
}

int hx__tx_mark(const char *text, size_t len, const tx_tok *t, size_t n, tx_marks *marks)
{
    for (size_t i = 0; i < n; i++) {
        if (!t[i].mark)
            continue;
        /* an article: one space, then a word of the list (whose classes are these) */
        uint8_t c2 = i + 1 < n ? t[i + 1].cls : L_NONE;
        if (t[i].mark == 2 && !((c2 == L_FUNC || c2 == L_REF || c2 == L_UNIT || c2 == L_ORDW) &&
                     t[i + 1].ent &&
                     t[i + 1].b0 == t[i].b1 + 1 && text[t[i].b1] == ' ' &&
                     after_article(lexicon[t[i + 1].ent - 1].w)))
            continue;
        if (2 * marks->n + 2 > marks->cap) {
            size_t nc = marks->cap ? marks->cap * 2 : 256;
            uint32_t *b = realloc(marks->b, nc * sizeof *b);
            if (!b)
                return 0;
            marks->b = b;
            marks->cap = nc;
        }
        marks->b[2 * marks->n] = t[i].b0;
        marks->b[2 * marks->n + 1] = t[i].b1;
        marks->n++;
    }
    (void)len;
    return 1;
}
