/*
 * store_things.c -- what makes two figures comparable across articles (issue 23): the
 * counted noun a figure's thing may not be on its own (generic nouns: "empresa",
 * "punto", "vez"), head nouns that count the same ("prisionero" = "preso"), and whether
 * a claimant may stand as the source of a figure (an entity or a named group, never a
 * verb or a clause).  The word lists are data/store/things.tsv, compiled by
 * tools/gen_store_things.py into build/gen/store_things_data.c.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

extern const char *const hx__store_generic[];
extern const size_t hx__store_ngeneric;
extern const char *const hx__store_groups[];
extern const size_t hx__store_ngroups;
extern const char *const hx__store_same[][2];
extern const size_t hx__store_nsame;

/* Is w[0..n) one of the sorted words of table? */
static int in_table(const char *const *table, size_t count, const char *w, size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(table[mid], w, n);
        if (c == 0) c = table[mid][n] ? 1 : 0;
        if (c == 0) return 1;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

/* The head the phrase w[0..n) counts the same as, or NULL. */
static const char *same_as(const char *w, size_t n)
{
    size_t lo = 0, hi = hx__store_nsame;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(hx__store_same[mid][0], w, n);
        if (c == 0) c = hx__store_same[mid][0][n] ? 1 : 0;
        if (c == 0) return hx__store_same[mid][1];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

int hx__store_thing_fix(hx__buf *out, size_t start)
{
    char *t = out->p + start;
    size_t n = out->n - start;
    if (n == 0) return 0;
    char *sp1 = memchr(t, ' ', n);
    size_t w1 = sp1 ? (size_t)(sp1 - t) : n;
    /* The head: its first two words ("victima mortal") or its first word. */
    size_t w2 = w1;
    if (sp1) {
        char *sp2 = memchr(sp1 + 1, ' ', n - w1 - 1);
        w2 = sp2 ? (size_t)(sp2 - t) : n;
    }
    const char *head = NULL;
    size_t hl = 0;
    if (sp1 && (head = same_as(t, w2))) hl = w2;
    else if ((head = same_as(t, w1))) hl = w1;
    if (head) {
        hx__buf b = {0};
        hx__buf_puts(&b, head);
        hx__buf_put(&b, t + hl, n - hl);
        if (b.oom) {
            hx__buf_free(&b);
            return -1;
        }
        out->n = start;
        hx__buf_put(out, b.p, b.n);
        hx__buf_free(&b);
        if (out->oom) return -1;
        t = out->p + start;
        n = out->n - start;
    }
    /* A generic noun alone is no thing. */
    if (!memchr(t, ' ', n) && in_table(hx__store_generic, hx__store_ngeneric, t, n)) {
        out->n = start;
        out->p[start] = '\0';
    }
    return 0;
}

int hx__store_source_ok(const char *text)
{
    static const char *const dets[] = {"el", "la", "los", "las", "un", "una", "unos", "unas",
                                       "su", "sus", "este", "esta", "estos", "estas", "otro",
                                       "otra", "otros", "otras", "varios", "varias", "algunos",
                                       "algunas", "dos", "tres", "diversas", "diversos", NULL};
    hx__buf f = {0};
    int ok = 0, words = 0, lead = 1;
    if (!text || !*text) return 0;
    if (hx__store_fold(&f, text, strlen(text)) < 0) goto done;
    const char *p = text;
    while (*p == ' ' || *p == '"' || *p == '\'' || *p == '(') p++;
    for (size_t i = 0; i < f.n;) {
        size_t j = i;
        while (j < f.n && f.p[j] != ' ') j++;
        const char *w = f.p + i;
        size_t wl = j - i;
        words++;
        if (wl == 3 && memcmp(w, "que", 3) == 0) { ok = 0; goto done; } /* a clause */
        int det = 0;
        for (int k = 0; lead && dets[k]; k++)
            det |= strlen(dets[k]) == wl && memcmp(dets[k], w, wl) == 0;
        if (lead && !det) {
            lead = 0;
            /* Where this word starts in the original text: a capital names someone. */
            for (int skip = words - 1; skip > 0 && *p; skip--) {
                while (*p && *p != ' ') p++;
                while (*p == ' ') p++;
            }
            if ((*p >= 'A' && *p <= 'Z') ||
                ((unsigned char)p[0] == 0xC3 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9E))
                ok = 1;
            /* Otherwise a group or role noun (singular or plural) must head it. */
            if (!ok && in_table(hx__store_groups, hx__store_ngroups, w, wl)) ok = 1;
            if (!ok && wl > 3 && w[wl - 1] == 's') {
                size_t cut = w[wl - 2] == 'e' && wl > 4 && strchr("lrndzj", w[wl - 3]) ? 2 : 1;
                ok = in_table(hx__store_groups, hx__store_ngroups, w, wl - cut);
            }
        }
        i = j + 1;
    }
    if (words > 8) ok = 0;
done:
    hx__buf_free(&f);
    return ok;
}
