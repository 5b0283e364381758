/*
 * numwords.c -- Spanish cardinals and ordinals in words, digits or both (numbers.h).
 *
 * Words are folded (lower case, no accents) into a small stack buffer and looked up in
 * constant tables; a cardinal is read by a little state machine over word classes
 * (unit, teen, ten, hundred, "mil", big multiplier) that only accepts the orders
 * Spanish allows ("ciento treinta y dos", not "dos tres").  The value is kept in three
 * parts: total (whole millions and up), thou (the thousands below a million) and grp
 * (the group below a thousand), so "dos mil millones" multiplies thou + grp.
 *
 * Invariants: no global mutable state; nothing reads past s + n; trailing spaces are
 * never part of what is consumed.
 */
#include "numbers/numbers.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- folding */

/* The ASCII letter a Latin-1 letter U+00C0..U+00FF folds to (index cp - 0xC0), or 0
 * for the two signs in that block (multiplication, division). */
static const char latin1_fold[64] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
                                    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";

size_t hx__fold_word(const char *s, size_t n, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    int fits = 1;
    while (i < n) {
        char c;
        size_t len;
        if ((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z')) {
            c = (char)(u[i] | 0x20);
            len = 1;
        } else if (u[i] == 0xC3 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0xBF &&
                   latin1_fold[u[i + 1] - 0x80]) {
            c = latin1_fold[u[i + 1] - 0x80];
            len = 2;
        } else {
            break;
        }
        if (o + 1 < cap)
            out[o++] = c;
        else
            fits = 0;
        i += len;
    }
    if (cap > 0)
        out[fits ? o : 0] = '\0';
    return i;
}

int hx__word_eq(const char *s, size_t n, const char *lit, size_t *len)
{
    /* hx__fold_word's letters, compared as they are read: most words differ at once */
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;; lit++) {
        char c = 0;
        size_t l = 0;
        if (i < n && ((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z'))) {
            c = (char)(u[i] | 0x20);
            l = 1;
        } else if (i + 1 < n && u[i] == 0xC3 && u[i + 1] >= 0x80 && u[i + 1] <= 0xBF &&
                   latin1_fold[u[i + 1] - 0x80]) {
            c = latin1_fold[u[i + 1] - 0x80];
            l = 2;
        }
        if (!*lit) {
            *len = i;
            return l == 0 && i > 0; /* the word ends with lit */
        }
        if (c != *lit)
            return 0;
        i += l;
    }
}

/* ---------------------------------------------------------------- cardinal words */

enum { C_UNIT = 1, C_TEEN, C_TEN, C_HUND, C_CIEN, C_MIL, C_BIG, C_ZERO };

typedef struct word {
    const char *w;
    unsigned char len; /* strlen(w) */
    unsigned char cls;
    double v;
} word;
#define W(s, c, v) {s, sizeof(s) - 1, c, v}

/* The tables, compiled from data/numwords.tsv by tools/gen_numwords.py:
 *   cardinals[] (NCARD)  folded cardinal words; C_TEEN covers every one-word number 10..29;
 *   ordstems[] (NORD)    stems of ordinal words; a word is stem + o/a/os/as ("quint"+"as");
 *   card2, ord2          quick filters: bit j of card2[i] (ord2[i]) is set when a word of
 *                        cardinals[] (a stem of ordstems[]) starts with 'a' + i, 'a' + j;
 *   card_first, card_order  cardinals[] by first letter: the indices of the words
 *                        starting with 'a' + k are card_order[card_first[k] ..
 *                        card_first[k + 1]), in table order.
 * hx__numwords_selfcheck() verifies that the filters follow the tables (tests call it). */
typedef struct ordstem {
    const char *stem;
    double v;
} ordstem;

#include "numwords_tables.inc"

static int in_map(const uint32_t *map, const char *w)
{
    unsigned a = (unsigned char)w[0] - 'a', b = (unsigned char)w[1] - 'a';
    return a < 26 && b < 26 && (map[a] >> b & 1u);
}

static const word *card_lookup(const char *w, size_t len)
{
    if (len < 2 || len > 13 || !in_map(card2, w))
        return NULL;
    unsigned a = (unsigned char)w[0] - 'a';
    for (unsigned k = card_first[a]; k < card_first[a + 1]; k++) {
        const word *cw = &cardinals[card_order[k]];
        if (cw->len == len && memcmp(cw->w, w, len) == 0)
            return cw;
    }
    return NULL;
}

double hx__numword_mult(const char *w, size_t len)
{
    const word *cw = card_lookup(w, len);
    return cw && (cw->cls == C_MIL || cw->cls == C_BIG) ? cw->v : 0;
}

/* Where a cardinal in words stands.  slot says what the group below a thousand
 * may still take: 0 empty, 4 after an open hundred ("ciento"), 3 after a ten
 * ("treinta": only "y" + unit), 2 complete, 5 after "cien" (complete too). */
typedef struct card {
    double total, thou, grp;
    double last_big; /* the last big multiplier used; later ones must be smaller */
    int slot, words, has_mil, zero;
} card;

static void card_init(card *c)
{
    memset(c, 0, sizeof *c);
    c->last_big = INFINITY;
}

static double card_value(const card *c) { return c->total + c->thou + c->grp; }

/* Feeds one word; returns 1 when the number takes it, 0 when it ends before it. */
static int card_step(card *c, const word *w)
{
    if (c->zero)
        return 0;
    switch (w->cls) {
    case C_ZERO:
        if (c->words)
            return 0;
        c->zero = 1;
        break;
    case C_UNIT:
    case C_TEEN:
    case C_TEN:
        if (c->slot != 0 && c->slot != 4)
            return 0;
        c->grp += w->v;
        c->slot = w->cls == C_TEN ? 3 : 2;
        break;
    case C_HUND:
    case C_CIEN:
        if (c->slot != 0)
            return 0;
        c->grp += w->v;
        c->slot = w->cls == C_CIEN ? 5 : 4;
        break;
    case C_MIL:
        if (c->has_mil)
            return 0;
        c->thou = (c->slot ? c->grp : 1) * 1e3;
        c->grp = 0;
        c->slot = 0;
        c->has_mil = 1;
        break;
    case C_BIG: {
        if (w->v >= c->last_big)
            return 0;
        double k = c->thou + c->grp;
        if (k == 0 && c->slot == 0 && !c->has_mil)
            k = 1;
        c->total += k * w->v;
        c->thou = c->grp = 0;
        c->slot = 0;
        c->has_mil = 0;
        c->last_big = w->v;
        break;
    }
    default:
        return 0;
    }
    c->words++;
    return 1;
}

/* Feeds "y" + unit after a ten (the caller has checked the "y"). */
static int card_y_unit(card *c, const word *w)
{
    if (c->slot != 3 || w->cls != C_UNIT)
        return 0;
    c->grp += w->v;
    c->slot = 2;
    c->words += 2;
    return 1;
}

static int is_space_at(const unsigned char *u, size_t i, size_t n, size_t *len)
{
    if (i < n && (u[i] == ' ' || u[i] == '\t' || u[i] == '\n')) {
        *len = 1;
        return 1;
    }
    if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xA0) {
        *len = 2;
        return 1;
    }
    return 0;
}

/* Skips the spaces at s[i..n) (at most one line break); returns the new index. */
static size_t skip_spaces(const char *s, size_t i, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len;
    int nl = 0;
    while (is_space_at(u, i, n, &len)) {
        if (u[i] == '\n' && nl++)
            break;
        i += len;
    }
    return i;
}

static int is_letter_at(const char *s, size_t i, size_t n)
{
    char tmp[4];
    return i < n && hx__fold_word(s + i, n - i, tmp, sizeof tmp) > 0;
}

/* Reads cardinal words from s[i..n) into c; returns the end of the last word taken
 * (i when none). */
static size_t card_words(const char *s, size_t i, size_t n, card *c)
{
    size_t end = i;
    char w[24];
    for (;;) {
        size_t p = c->words ? skip_spaces(s, end, n) : end;
        if (c->words && p == end)
            break;
        size_t len = hx__fold_word(s + p, n - p, w, sizeof w);
        if (len == 0)
            break;
        if (strcmp(w, "y") == 0) {
            size_t q = skip_spaces(s, p + len, n);
            char w2[24];
            size_t len2 = q > p + len ? hx__fold_word(s + q, n - q, w2, sizeof w2) : 0;
            const word *u = len2 ? card_lookup(w2, strlen(w2)) : NULL;
            if (u && card_y_unit(c, u)) {
                end = q + len2;
                continue;
            }
            break;
        }
        const word *cw = card_lookup(w, strlen(w));
        if (!cw || !card_step(c, cw))
            break;
        end = p + len;
    }
    return end;
}

int hx__numwords_concat(const char *w, size_t len, double *value)
{
    /* Depth-first over the ways to cut w into table words; the first cut that
     * the state machine accepts wins.  Words are short, so this stays cheap. */
    struct {
        card c;
        size_t at;
        size_t next; /* next table index to try here */
    } stack[8];
    int top = 0;
    card_init(&stack[0].c);
    stack[0].at = 0;
    stack[0].next = 0;
    while (top >= 0) {
        if (stack[top].at == len && stack[top].c.words > 0) {
            *value = card_value(&stack[top].c);
            return 1;
        }
        int pushed = 0;
        while (stack[top].next < NCARD) {
            const word *cw = &cardinals[stack[top].next++];
            size_t wl = strlen(cw->w);
            if (stack[top].at + wl > len || memcmp(w + stack[top].at, cw->w, wl) != 0)
                continue;
            card c = stack[top].c;
            if (!card_step(&c, cw) || top + 1 >= 8)
                continue;
            stack[top + 1].c = c;
            stack[top + 1].at = stack[top].at + wl;
            stack[top + 1].next = 0;
            top++;
            pushed = 1;
            break;
        }
        if (!pushed)
            top--;
    }
    return 0;
}

/* ---------------------------------------------------------------- digits */

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* The length of a thousands separator at s[i] ("." or a space of some kind), or 0. */
static size_t sep_len(const unsigned char *u, size_t i, size_t n)
{
    if (i >= n)
        return 0;
    if (u[i] == '.' || u[i] == ' ')
        return 1;
    if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xA0)
        return 2;
    if (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xAF || u[i + 2] == 0x89))
        return 3;
    return 0;
}

/* Whether the comma at u[i] separates thousands (the English convention): groups of
 * exactly three digits after commas, and either two groups or more ("1,234,567") or a
 * period and decimals after them ("1,111.11"). */
static int comma_thousands(const unsigned char *u, size_t i, size_t n)
{
    int groups = 0;
    while (i + 3 < n && u[i] == ',' && is_digit(u[i + 1]) && is_digit(u[i + 2]) &&
           is_digit(u[i + 3]) && !(i + 4 < n && is_digit(u[i + 4]))) {
        groups++;
        i += 4;
    }
    if (i == n && groups >= 2)
        return 1;
    if (groups >= 2 && !(i < n && (u[i] == ',' || is_digit(u[i]))))
        return 1;
    return groups >= 1 && i + 1 < n && u[i] == '.' && is_digit(u[i + 1]);
}

size_t hx__numdigits_parse(const char *s, size_t n, double *value)
{
    const unsigned char *u = (const unsigned char *)s;
    char buf[64];
    size_t b = 0, i = 0;
    if (i < n && u[i] == '-') {
        i = 1;
    } else if (n >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) {
        i = 3;
    }
    if (i >= n || !is_digit(u[i]))
        return 0;
    if (i > 0)
        buf[b++] = '-';
    size_t d0 = i;
    while (i < n && is_digit(u[i])) {
        if (b < 40)
            buf[b++] = (char)u[i];
        i++;
    }
    /* Thousands groups: 1 to 3 digits, then groups of exactly 3 after one kind of
     * separator ("1.234.567", "1 000", "1 234 567"). */
    unsigned char sep = 0;
    if (i - d0 <= 3 && comma_thousands(u, i, n))
        sep = ',';
    if (i - d0 <= 3) {
        for (;;) {
            size_t sl = u[i] == ',' && sep == ',' ? 1 : sep_len(u, i, n);
            if (!sl || (sep && u[i] != sep))
                break;
            size_t g = i + sl;
            if (g + 3 > n || !is_digit(u[g]) || !is_digit(u[g + 1]) || !is_digit(u[g + 2]) ||
                (g + 3 < n && is_digit(u[g + 3])))
                break;
            /* "1.234.5" is not a number with thousands; neither is a date "1.234.56". */
            sep = u[i];
            if (b < 40) {
                memcpy(buf + b, s + g, 3);
                b += 3;
            }
            i = g + 3;
        }
    }
    /* Decimals: a comma, or a period when periods were not thousands and what
     * follows is not another ".digits" (a date like 12.03.2020). */
    if (i + 1 < n && is_digit(u[i + 1]) &&
        (u[i] == ',' || (u[i] == '.' && sep != '.'))) {
        size_t j = i + 1;
        while (j < n && is_digit(u[j]))
            j++;
        int ok = 1;
        if (u[i] == '.' && j + 1 < n && u[j] == '.' && is_digit(u[j + 1]))
            ok = 0;
        if (u[i] == ',' && j + 1 < n && u[j] == ',' && is_digit(u[j + 1]))
            ok = 0; /* "1,2,3": a list */
        if (ok) {
            if (b < 60)
                buf[b++] = '.';
            for (size_t k = i + 1; k < j && b < 62; k++)
                buf[b++] = (char)u[k];
            i = j;
        }
    }
    buf[b] = '\0';
    *value = strtod(buf, NULL);
    return i;
}

/* ---------------------------------------------------------------- cardinals */

size_t hx__numwords_parse(const char *s, size_t n, double *value)
{
    double v;
    size_t end = hx__numdigits_parse(s, n, &v);
    if (end > 0) {
        /* "14 mil", "2,5 millones", "3 mil millones". */
        char w[24];
        int had_mil = 0;
        double last_big = INFINITY;
        for (;;) {
            size_t p = skip_spaces(s, end, n);
            if (p == end)
                break;
            size_t len = hx__fold_word(s + p, n - p, w, sizeof w);
            const word *cw = len ? card_lookup(w, strlen(w)) : NULL;
            if (!cw)
                break;
            if (cw->cls == C_MIL && !had_mil && last_big == INFINITY) {
                had_mil = 1;
            } else if (cw->cls == C_BIG && cw->v < last_big) {
                last_big = cw->v;
            } else {
                break;
            }
            v *= cw->v;
            end = p + len;
        }
        /* "1 millón 200 mil", "3 millones 500 mil": a smaller group in digits after a
         * big multiplier, itself with a multiplier */
        while (last_big < INFINITY) {
            size_t p = skip_spaces(s, end, n);
            double d;
            size_t dl = p > end && p < n && s[p] != '-' ? hx__numdigits_parse(s + p, n - p, &d) : 0;
            if (!dl)
                break;
            size_t q = skip_spaces(s, p + dl, n);
            size_t len = q > p + dl ? hx__fold_word(s + q, n - q, w, sizeof w) : 0;
            const word *cw = len ? card_lookup(w, strlen(w)) : NULL;
            if (!cw || (cw->cls != C_MIL && cw->cls != C_BIG) || cw->v >= last_big ||
                d * cw->v >= last_big)
                break;
            v += d * cw->v;
            end = q + len;
            last_big = cw->v;
        }
        *value = v;
        return end;
    }
    card c;
    card_init(&c);
    end = card_words(s, 0, n, &c);
    if (end == 0)
        return 0;
    *value = card_value(&c);
    return end;
}

/* ---------------------------------------------------------------- ordinals */

static double ordstem_value(const char *w, size_t len)
{
    for (size_t i = 0; i < NORD; i++)
        if (ordstems[i].stem[0] == w[0] && strlen(ordstems[i].stem) == len &&
            memcmp(ordstems[i].stem, w, len) == 0)
            return ordstems[i].v;
    return 0;
}

double hx__ordword_value(const char *w, size_t len)
{
    if (len < 3 || !in_map(ord2, w))
        return 0;
    if ((len == 6 && memcmp(w, "primer", 6) == 0) || (len == 6 && memcmp(w, "tercer", 6) == 0))
        return w[0] == 'p' ? 1 : 3;
    size_t l = len;
    if (w[l - 1] == 's')
        l--;
    if (l >= 3 && (w[l - 1] == 'o' || w[l - 1] == 'a')) {
        double v = ordstem_value(w, l - 1);
        if (v)
            return v;
    }
    /* Written together: "decimotercero", "vigesimoquinto", "decimoctavo".  The
     * shortest stem that takes another ("decim") needs at least three more letters. */
    if (len < 8)
        return 0;
    for (size_t i = 0; i < NORD; i++) {
        double sv = ordstems[i].v;
        if (sv < 10 || sv >= 1000 || (sv >= 13 && sv < 20))
            continue;
        if (ordstems[i].stem[0] != w[0])
            continue;
        size_t sl = strlen(ordstems[i].stem);
        if (sl + 3 > len || memcmp(w, ordstems[i].stem, sl) != 0)
            continue;
        size_t r = sl;
        double rest = 0;
        if (w[r] == 'o' || w[r] == 'a')
            rest = hx__ordword_value(w + r + 1, len - r - 1);
        if (!rest)
            rest = hx__ordword_value(w + r, len - r);
        if (rest && rest < sv && (sv >= 100 || rest < 10))
            return sv + rest;
    }
    return 0;
}

/* The value of a big-multiplier ordinal ending w ("milesimo", "dosmilesimas") and the
 * length of what precedes it in *pre; 0 when w does not end in one. */
static double ord_mult_suffix(const char *w, size_t len, size_t *pre)
{
    static const char *const stems[] = {"billonesim", "millonesim", "milesim"};
    static const double vals[] = {1e12, 1e6, 1e3};
    size_t l = len;
    if (l && w[l - 1] == 's')
        l--;
    if (l == 0 || (w[l - 1] != 'o' && w[l - 1] != 'a'))
        return 0;
    l--;
    if (l < 7 || memcmp(w + l - 4, "esim", 4) != 0)
        return 0; /* every stem ends in "esim", the shortest has 7 letters */
    for (int k = 0; k < 3; k++) {
        size_t sl = strlen(stems[k]);
        if (l >= sl && memcmp(w + l - sl, stems[k], sl) == 0) {
            *pre = l - sl;
            return vals[k];
        }
    }
    return 0;
}

static int ord_suffix_ok(const char *w)
{
    static const char *const suf[] = {"er", "era", "ero", "ra", "ro", "do", "da", "to", "ta",
                                      "mo", "ma", "vo", "va", "no", "na", "o", "a"};
    size_t l = strlen(w);
    if (l > 1 && w[l - 1] == 's' && l != 2)
        l--;
    for (size_t i = 0; i < sizeof suf / sizeof suf[0]; i++)
        if (strlen(suf[i]) == l && memcmp(suf[i], w, l) == 0)
            return 1;
    return 0;
}

int hx__numwords_selfcheck(void)
{
    for (size_t i = 0; i < NCARD; i++)
        if (!in_map(card2, cardinals[i].w) || cardinals[i].len != strlen(cardinals[i].w))
            return 0;
    /* card_order lists every word once, under its first letter, in table order */
    if (card_first[0] != 0 || card_first[26] != NCARD)
        return 0;
    for (unsigned a = 0; a < 26; a++) {
        if (card_first[a] > card_first[a + 1])
            return 0;
        for (unsigned k = card_first[a]; k < card_first[a + 1]; k++)
            if (cardinals[card_order[k]].w[0] != (char)('a' + a) ||
                (k > card_first[a] && card_order[k] <= card_order[k - 1]))
                return 0;
    }
    for (size_t i = 0; i < NORD; i++)
        if (!in_map(ord2, ordstems[i].stem))
            return 0;
    return 1;
}

const char *hx__numword_stem(size_t k)
{
    if (k < NCARD)
        return cardinals[k].w;
    return k - NCARD < NORD ? ordstems[k - NCARD].stem : NULL;
}

int hx__numword_any(const char *w, size_t len)
{
    size_t pre;
    if (card_lookup(w, len) != NULL)
        return 1;
    return len >= 4 && (hx__ordword_value(w, len) > 0 || ord_mult_suffix(w, len, &pre) > 0);
}

size_t hx__ordwords_parse(const char *s, size_t n, double *value)
{
    const unsigned char *u = (const unsigned char *)s;
    char w[32];
    /* Digits: "1.º", "3.ª", "1º", "1er", "2da", "11vo". */
    if (n > 0 && is_digit(u[0])) {
        size_t i = 0;
        double v = 0;
        while (i < n && is_digit(u[i]) && i < 15)
            v = v * 10 + (u[i++] - '0');
        if (i < n && is_digit(u[i]))
            return 0;
        size_t j = i;
        if (j < n && u[j] == '.')
            j++;
        if (j + 1 < n && u[j] == 0xC2 && (u[j + 1] == 0xBA || u[j + 1] == 0xAA)) {
            j += 2;
            if (j < n && (u[j] == 's' || u[j] == 'S') && !is_letter_at(s, j + 1, n))
                j++;
            *value = v;
            return j;
        }
        /* "1er", "2da", "11vo", and with a period "1.er", "3.ra" */
        size_t at = j > i && u[i] == '.' ? j : i;
        size_t len = hx__fold_word(s + at, n - at, w, sizeof w);
        if (len && w[0] && ord_suffix_ok(w) && strlen(w) >= 2) {
            *value = v;
            return at + len;
        }
        return 0;
    }
    /* Words: [cardinal] [big-multiplier ordinal] {ordinal words, each smaller}. */
    card c;
    card_init(&c);
    size_t end = card_words(s, 0, n, &c);
    double total = 0, last = INFINITY;
    size_t p = end ? skip_spaces(s, end, n) : 0;
    if (end && p == end)
        return 0;
    size_t len = hx__fold_word(s + p, n - p, w, sizeof w);
    size_t pre = 0;
    double mult = len && w[0] ? ord_mult_suffix(w, strlen(w), &pre) : 0;
    if (mult) {
        double k = 0;
        if (pre > 0) {
            if (c.words || !hx__numwords_concat(w, pre, &k))
                mult = 0;
        } else if (c.words) {
            if (mult == 1e3) {
                k = c.grp ? c.grp : 1;
                total = c.total + c.thou;
            } else {
                k = c.thou + c.grp;
                total = c.total;
            }
            if (mult >= c.last_big || (mult == 1e3 && c.has_mil))
                mult = 0;
        } else {
            k = 1;
        }
        if (mult) {
            total += k * mult;
            last = mult;
            end = p + len;
        }
    }
    if (!mult) {
        if (c.words)
            return 0; /* a cardinal, not an ordinal */
        end = 0;
    }
    for (;;) {
        p = end ? skip_spaces(s, end, n) : 0;
        if (end && p == end)
            break;
        len = hx__fold_word(s + p, n - p, w, sizeof w);
        if (!len || !w[0])
            break;
        double v = hx__ordword_value(w, strlen(w));
        /* Each word must fit below the previous one: a hundred takes a ten or a
         * unit, a ten takes a unit, a unit nothing. */
        if (!v || v >= last || (last < 1000 && last >= 100 && v >= 100) ||
            (last < 100 && (last < 10 || v >= 10)))
            break;
        total += v;
        last = v;
        end = p + len;
    }
    if (!end)
        return 0;
    *value = total;
    return end;
}
