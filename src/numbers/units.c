/*
 * units.c -- the matchers for the units that may follow a number (dimensions,
 * temperatures, ages: hx__units, compiled from data/units.tsv by tools/gen_units.py)
 * and for currencies (hx__currencies, from data/currencies.tsv by
 * tools/gen_currencies.py), see numbers.h.
 *
 * Matching folds the next few words of the text (lower case, no accents, runs of
 * spaces as one space) into a small stack buffer that remembers where each folded
 * byte came from, then compares the forms of the table that start with the same byte:
 * hx__units is grouped by the first byte of its forms (in byte order, each group in
 * the order ties are broken) and hx__currencies is sorted by form, so a binary search
 * finds the group.  Invariants: the tables are constant and so ordered (tests check
 * it); nothing reads past s + n.
 */
#include "numbers/numbers.h"

#include <string.h>


/* Folds up to cap - 1 bytes of s[0..n) for matching; from[k] is the source offset
 * just after folded byte k.  Letters are folded, runs of spaces become one space,
 * other bytes are copied (ASCII lower-cased).  Stops at a line break. */
static size_t fold_ahead(const char *s, size_t n, char *out, size_t *from, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n && o + 1 < cap) {
        char w[2];
        size_t l;
        if (u[i] == ' ' || u[i] == '\t' || (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xA0)) {
            size_t j = i;
            while (j < n && (u[j] == ' ' || u[j] == '\t' ||
                             (u[j] == 0xC2 && j + 1 < n && u[j + 1] == 0xA0)))
                j += u[j] == 0xC2 ? 2 : 1;
            out[o] = ' ';
            from[o++] = j;
            i = j;
        } else if (u[i] == '\n' || u[i] == '\r') {
            break;
        } else if (u[i] < 0x80) {
            /* ASCII: letters lower-cased (as hx__fold_word would), the rest copied */
            out[o] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] | 0x20 : u[i]);
            from[o++] = i + 1;
            i++;
        } else if ((l = hx__fold_word(s + i, u[i] >= 0x80 ? (n - i < 2 ? n - i : 2) : 1, w, sizeof w)) > 0 &&
                   u[i] != 0xC2) {
            out[o] = w[0];
            from[o++] = i + l;
            i += l;
        } else {
            out[o] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] | 0x20 : u[i]);
            from[o++] = i + 1;
            i++;
        }
    }
    out[o] = '\0';
    return o;
}

/* Folded forms are ASCII except for symbols, so a boundary is needed only after an
 * ASCII letter or digit ("km" must not match "kms"; "€" may touch "20"). */
static int is_alnum_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Whether form matches f at its start, ending at a boundary of the folded text. */
static int form_matches(const char *form, const char *f, size_t fl, size_t *len)
{
    size_t l = strlen(form);
    if (l > fl || memcmp(form, f, l) != 0)
        return 0;
    if (is_alnum_byte((unsigned char)form[l - 1]) && l < fl && is_alnum_byte((unsigned char)f[l]))
        return 0;
    *len = l;
    return 1;
}

void hx__fold_ahead(const char *s, size_t n, hx__folded *fa)
{
    fa->len = fold_ahead(s, n, fa->f, fa->from, sizeof fa->f);
}

/* The first currency (unit) whose form starts with byte c or a later one: both tables
 * are ordered by the first byte of their forms. */
static size_t first_currency(unsigned char c)
{
    size_t lo = 0, hi = hx__ncurrencies;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((unsigned char)hx__currencies[mid].form[0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t first_unit(unsigned char c)
{
    size_t lo = 0, hi = hx__nunits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((unsigned char)hx__units[mid].form[0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t hx__currency_match_f(const hx__folded *fa, const hx__currency **out)
{
    size_t best = 0;
    if (fa->len == 0)
        return 0;
    unsigned char c = (unsigned char)fa->f[0];
    for (size_t i = first_currency(c);
         i < hx__ncurrencies && (unsigned char)hx__currencies[i].form[0] == c; i++) {
        size_t l;
        const char *form = hx__currencies[i].form;
        if (form[1] && form[1] != fa->f[1]) /* f is NUL-terminated */
            continue;
        if (form_matches(hx__currencies[i].form, fa->f, fa->len, &l) && l > best) {
            best = l;
            *out = &hx__currencies[i];
        }
    }
    return best ? fa->from[best - 1] : 0;
}

size_t hx__unit_match_f(const hx__folded *fa, unsigned mask, int syms, const hx__unit **out)
{
    size_t best = 0;
    if (fa->len == 0)
        return 0;
    unsigned char c = (unsigned char)fa->f[0];
    for (size_t i = first_unit(c);
         i < hx__nunits && (unsigned char)hx__units[i].form[0] == c; i++) {
        const hx__unit *u = &hx__units[i];
        size_t l;
        if (!(mask & (1u << u->kind)) || (u->sym && !syms))
            continue;
        if (u->form[1] && u->form[1] != fa->f[1]) /* f is NUL-terminated */
            continue;
        if (form_matches(u->form, fa->f, fa->len, &l) && l > best) {
            best = l;
            *out = u;
        }
    }
    return best ? fa->from[best - 1] : 0;
}

size_t hx__currency_match(const char *s, size_t n, const hx__currency **out)
{
    hx__folded fa;
    hx__fold_ahead(s, n, &fa);
    return hx__currency_match_f(&fa, out);
}

size_t hx__unit_match(const char *s, size_t n, unsigned mask, int syms, const hx__unit **out)
{
    hx__folded fa;
    hx__fold_ahead(s, n, &fa);
    return hx__unit_match_f(&fa, mask, syms, out);
}
