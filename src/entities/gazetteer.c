/*
 * gazetteer.c -- folding and lookups over the generated gazetteer tables.
 *
 * Folding maps text to the form the keys were stored in: ASCII lower case, Latin
 * letters with diacritics to their base letters (Wŏnsan = Wonsan, Kíiv = Kiiv), the
 * typographic apostrophe to ', and whitespace runs to one space.  Other characters are
 * copied unchanged.  Lookups are binary searches over the sorted keys; nothing here
 * allocates or keeps state.
 */
#include "entities/entities.h"
#include "core/core.h"

#include <string.h>

size_t hx__gaz_fold(const char *s, size_t n, char *out, size_t len, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    int space = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            i++;
            continue;
        }
        if (space && len > 0) {
            if (len + 1 >= cap) return cap;
            out[len++] = ' ';
        }
        space = 0;
        if (c < 0x80) {
            /* a run of ASCII without whitespace, copied lower-cased in one go */
            size_t e = i + 1;
            while (e < n && u[e] < 0x80 && u[e] != ' ' && u[e] != '\t' && u[e] != '\n' && u[e] != '\r')
                e++;
            if (len + (e - i) >= cap) return cap;
            for (; i < e; i++) {
                c = u[i];
                out[len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            continue;
        }
        int32_t cp;
        size_t k = hx__utf8_decode(u + i, n - i, &cp);
        if (k == 0) k = 1, cp = -1;
        const char *rep = NULL;
        if (cp >= 0xC0 && cp < 0x250 && hx__gaz_foldtab[cp - 0xC0][0]) rep = hx__gaz_foldtab[cp - 0xC0];
        else if (cp == 0x2019 || cp == 0x2018 || cp == 0xB4) rep = "'";
        size_t rn = rep ? strlen(rep) : k;
        if (len + rn >= cap) return cap;
        memcpy(out + len, rep ? rep : s + i, rn);
        len += rn;
        i += k;
    }
    if (len < cap) out[len] = '\0';
    return len;
}

/* First index whose key is >= key[0..n) (as bytes, the shorter string first on ties). */
static size_t lower_bound(const char *key, size_t n)
{
    size_t lo = 0, hi = hx__gaz_nkeys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *k = hx__gaz_keys[mid].key;
        int c = strncmp(k, key, n);
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

size_t hx__gaz_find(const char *key, size_t n, size_t *lo)
{
    /* Keys equal to key sort before the longer keys that start with it. */
    size_t first = lower_bound(key, n), count = 0;
    while (first + count < hx__gaz_nkeys && strncmp(hx__gaz_keys[first + count].key, key, n) == 0
           && hx__gaz_keys[first + count].key[n] == '\0')
        count++;
    *lo = first;
    return count;
}

int hx__gaz_has_prefix(const char *key, size_t n)
{
    size_t i = lower_bound(key, n);
    for (; i < hx__gaz_nkeys && strncmp(hx__gaz_keys[i].key, key, n) == 0; i++)
        if (hx__gaz_keys[i].key[n] != '\0') return 1;
    return 0;
}

size_t hx__gaz_find_more(const char *key, size_t n, size_t *lo, int *more)
{
    size_t count = hx__gaz_find(key, n, lo), next = *lo + count;
    /* The keys equal to key sort first among those it starts, so a longer one, if
     * any, comes right after them. */
    *more = next < hx__gaz_nkeys && strncmp(hx__gaz_keys[next].key, key, n) == 0;
    return count;
}

int hx__gaz_first_h(const char *w, size_t n, uint32_t h)
{
    for (size_t k = h & (hx__gaz_nfirsts - 1); hx__gaz_firsts[k].word; k = (k + 1) & (hx__gaz_nfirsts - 1)) {
        const char *x = hx__gaz_firsts[k].word;
        size_t j = 0;
        while (j < n && x[j] == w[j] && x[j]) j++;
        if (j == n && x[n] == '\0') return hx__gaz_firsts[k].flags;
    }
    return -1;
}

int hx__gaz_first(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return hx__gaz_first_h(w, n, h);
}

/* The GeoNames table, when `make geodata` generated it (a quoted include is looked
 * for beside this file first, hence the relative path). */
#if defined(__has_include)
#if __has_include("../../data/gazetteer/geonames.inc")
#include "../../data/gazetteer/geonames.inc"
#endif
#endif
#ifndef HX__GEO_N
#define HX__GEO_N 0
static const hx__city hx__geo_cities[1] = {{"", "", "", 0, 0.0f, 0.0f, 0}};
#endif

static const size_t geo_n = HX__GEO_N; /* a variable: no "always false" when 0 */

size_t hx__geo_count(void) { return geo_n; }

const hx__city *hx__geo_city(size_t i) { return i < geo_n ? &hx__geo_cities[i] : NULL; }

size_t hx__geo_find(const char *key, size_t n, size_t *lo)
{
    size_t a = 0, b = geo_n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (strncmp(hx__geo_cities[mid].key, key, n) < 0) a = mid + 1;
        else b = mid;
    }
    size_t count = 0;
    while (a + count < geo_n && strncmp(hx__geo_cities[a + count].key, key, n) == 0
           && hx__geo_cities[a + count].key[n] == '\0')
        count++;
    *lo = a;
    return count;
}

int hx__gaz_place_by_id(const char *id)
{
    for (size_t i = 0; i < hx__gaz_nplaces; i++)
        if (strcmp(hx__gaz_places[i].id, id) == 0) return (int)i;
    return -1;
}
