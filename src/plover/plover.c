/*
 * plover.c -- the PLOVER view of a CAMEO event (plover.h): the type and default mode of
 * the longest CAMEO prefix in data/plover.tsv, the mode the trigger's words decide and
 * the contexts its sentence names (data/plover_words.tsv), the aux flags (historical,
 * future, hypothetical, negation) and the entity of its location.
 *
 * Invariants: reads the document only; every token index it forms lies inside the
 * event's sentence; the result depends on nothing but the document and the tables.
 */
#include "plover/plover.h"

#include "claims/claims.h"
#include "entities/entities.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define MODE_BEFORE 3 /* tokens before the trigger a mode word may stand */
#define MODE_AFTER 8  /* tokens after the trigger */
#define CONTEXT_SPAN 20 /* tokens either side of the trigger where context words count */
#define MERGE_WINDOW 6  /* earlier events of the sentence an event may repeat */
#define MERGE_CHAIN 8   /* repeats followed back to the record */

const hx__pl_map *hx__pl_lookup(const char *cameo)
{
    if (!cameo || cameo[0] == '-') return NULL;
    /* the longest prefix: the code itself, then shorter ones, each by binary search */
    char key[8];
    size_t n = strlen(cameo);
    if (n >= sizeof key) return NULL;
    memcpy(key, cameo, n + 1);
    for (; n >= 2; key[--n] = '\0') {
        size_t lo = 0, hi = hx__pl_nmaps;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = strcmp(hx__pl_maps[mid].cameo, key);
            if (c == 0) return &hx__pl_maps[mid];
            if (c < 0) lo = mid + 1;
            else hi = mid;
        }
    }
    return NULL;
}

const char *hx__pl_sector_of(const char *role)
{
    if (!role || !role[0]) return NULL;
    for (size_t k = 0; k < hx__pl_nsectors; k++)
        if (strcmp(hx__pl_sectors[k].role, role) == 0) return hx__pl_sectors[k].sector;
    return NULL;
}

/* Does the lower-cased word w (n bytes) match word k of pattern pw (a prefix, or the whole
 * word when its whole bit is set)? */
static int word_match(const char *w, size_t n, const hx__pl_word *pw, size_t k)
{
    size_t pn = pw->len[k];
    if (n < pn || w[0] != pw->w[k][0]) return 0;
    if ((pw->whole >> k & 1) && n != pn) return 0;
    return memcmp(w, pw->w[k], pn) == 0;
}

/* The lower-cased tokens of a sentence, for matching patterns. */
typedef struct hx__plover_scan {
    size_t first, n;                 /* tokens [first, first + n) */
    char (*w)[HX__LEMMA_MAX];        /* lower-cased, NUL-terminated; "" when too long */
    size_t *len;
} hx__plover_scan;

static int words_load(hx__plover_scan *s, const hx_doc *doc, size_t first, size_t last)
{
    s->first = first;
    s->n = last - first;
    s->w = malloc((s->n ? s->n : 1) * sizeof *s->w);
    s->len = malloc((s->n ? s->n : 1) * sizeof *s->len);
    if (!s->w || !s->len) {
        free(s->w);
        free(s->len);
        return 0;
    }
    const hx__tok *t = doc->toks.p;
    for (size_t i = 0; i < s->n; i++) {
        const hx__tok *k = &t[first + i];
        size_t n = k->b1 - k->b0;
        s->len[i] = n < HX__LEMMA_MAX ? hx__lower(doc->text + k->b0, n, s->w[i], HX__LEMMA_MAX) : 0;
        s->w[i][s->len[i]] = '\0';
    }
    return 1;
}

/* Does pattern pw occur starting at sentence word i? */
static int pattern_at(const hx__plover_scan *s, size_t i, const hx__pl_word *pw)
{
    if (i + pw->nw > s->n) return 0;
    for (size_t k = 0; k < pw->nw; k++)
        if (!word_match(s->w[i + k], s->len[i + k], pw, k)) return 0;
    return 1;
}

/* Does pattern pw start anywhere in words [a, b) (indices into s)? */
static int pattern_in(const hx__plover_scan *s, size_t a, size_t b, const hx__pl_word *pw)
{
    const char c = pw->w[0][0];
    for (size_t i = a; i < b; i++)
        if (s->w[i][0] == c && pattern_at(s, i, pw)) return 1; /* most words fail at once */
    return 0;
}

static long months_of(const char *v, int end)
{
    /* YYYY, YYYY-MM or YYYY-MM-DD...: months since year 0, at the start (end = 0) or
     * the end (end = 1) of the period; -1 when v is not such a date */
    for (int k = 0; k < 4; k++)
        if (v[k] < '0' || v[k] > '9') return -1;
    long y = strtol(v, NULL, 10), m = end ? 12 : 1;
    if (v[4] == '-' && v[5] >= '0' && v[5] <= '9' && v[6] >= '0' && v[6] <= '9')
        m = (v[5] - '0') * 10 + (v[6] - '0');
    return y * 12 + m;
}

/* future: a future verb form ("atacará", "se reunirán") or "va a" / "van a" before the
 * trigger, or a time expression after the publication date; historical: a time
 * expression ending more than twelve months before it. */
static void tense(const hx_doc *doc, const hx__event *ev, const hx__plover_scan *s, hx__plover *out)
{
    size_t i = ev->trig0 - s->first, n = s->len[i];
    const char *w = s->w[i];
    static const char *const fut[] = {"rá", "rán", "remos", "ré", "rás"};
    for (size_t k = 0; k < sizeof fut / sizeof fut[0]; k++) {
        size_t fn = strlen(fut[k]);
        if (n > fn + 2 && memcmp(w + n - fn, fut[k], fn) == 0) out->future = 1;
    }
    if (i >= 2 && strcmp(s->w[i - 1], "a") == 0
        && (strcmp(s->w[i - 2], "va") == 0 || strcmp(s->w[i - 2], "van") == 0))
        out->future = 1;
    if (ev->time < 0 || !doc->date) return;
    const hx__time *tm = HX__VEC_AT(doc->times, hx__time, ev->time);
    long dct = months_of(doc->date, 0), t0 = months_of(tm->value, 0), t1 = months_of(tm->value, 1);
    if (dct < 0 || t0 < 0) return;
    if (t0 > dct || (t0 == dct && strlen(tm->value) >= 10 && strncmp(tm->value, doc->date, 10) > 0))
        out->future = 1;
    else if (dct - t1 > 12) out->historical = 1;
}

/* The entity a place token range names, or -1. */
static int32_t place_entity(const hx_doc *doc, uint32_t p0, uint32_t p1)
{
    const hx__entlayer *L = doc->layer_data[0];
    if (!L || p0 >= p1) return -1;
    for (size_t m = 0; m < L->n; m++) {
        const hx__emention *em = &L->m[m];
        if (em->first < p1 && p0 < em->last) return (int32_t)em->entity;
    }
    return -1;
}

/* Who acts may change the type: protesters who gather demonstrate ("miles de manifestantes
 * se reunieron" is PROTEST, not CONSULT).  Returns the type (and sets *mode when it
 * changes) by the actor lines of data/plover_words.tsv. */
static const char *retyped(const hx_doc *doc, const hx__event *ev, const char *type, const char **mode)
{
    if (ev->actor.first >= ev->actor.last) return type;
    size_t k = 0;
    while (k < hx__pl_nwords && !(hx__pl_words[k].retype && strcmp(hx__pl_words[k].type, type) == 0)) k++;
    if (k == hx__pl_nwords) return type; /* no actor line for this type: nothing to read */
    hx__plover_scan s;
    if (!words_load(&s, doc, ev->actor.first, ev->actor.last)) return type;
    for (; k < hx__pl_nwords; k++) {
        const hx__pl_word *pw = &hx__pl_words[k];
        if (pw->retype && strcmp(pw->type, type) == 0 && pattern_in(&s, 0, s.n, pw)) {
            type = pw->retype;
            *mode = pw->mode;
            break;
        }
    }
    free(s.w);
    free(s.len);
    return type;
}

static void view_one(const hx_doc *doc, size_t i, hx__plover *out)
{
    assert(i < doc->events.n);
    const hx__event *ev = HX__VEC_AT(doc->events, hx__event, i);
    const hx__pl_map *m = hx__pl_lookup(ev->entry->code);
    memset(out, 0, sizeof *out);
    out->place_entity = -1;
    out->same_as = -1;
    out->place = (uint32_t)i;
    out->dead = ev->counts[HX__CNT_KILLED];
    out->injured = ev->counts[HX__CNT_WOUNDED];
    out->arrested = ev->counts[HX__CNT_ARRESTED];
    if (!m || !m->type) return;
    out->type = m->type;
    out->mode = m->mode;
    out->contexts = m->contexts;
    out->negation = ev->negated;
    out->hypothetical = ev->hedged;
    out->place_entity = place_entity(doc, ev->place0, ev->place1);
    const hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, ev->sent);
    assert(se->first <= ev->trig0 && ev->trig1 <= se->last);
    /* the words within CONTEXT_SPAN tokens of the trigger, inside its sentence */
    size_t w0 = ev->trig0 > se->first + CONTEXT_SPAN ? ev->trig0 - CONTEXT_SPAN : se->first;
    size_t w1 = ev->trig1 + CONTEXT_SPAN < se->last ? ev->trig1 + CONTEXT_SPAN : se->last;
    hx__plover_scan s;
    if (!words_load(&s, doc, w0, w1)) return; /* out of memory: type only */
    size_t t0 = ev->trig0 - w0, t1 = ev->trig1 - w0;
    size_t a = t0 > MODE_BEFORE ? t0 - MODE_BEFORE : 0;
    size_t b = t1 + MODE_AFTER < s.n ? t1 + MODE_AFTER : s.n;
    out->type = retyped(doc, ev, out->type, &out->mode);
    /* the trigger itself first ("huelga de hambre"), then its neighbourhood */
    int found = 0;
    for (int pass = 0; pass < 2 && !found; pass++) {
        for (size_t k = 0; k < hx__pl_nwords; k++) {
            const hx__pl_word *pw = &hx__pl_words[k];
            if (pw->context < 0 && !pw->retype && strcmp(pw->type, out->type) == 0
                && (pass ? pattern_in(&s, a, b, pw) : pattern_in(&s, t0, t1, pw))) {
                out->mode = pw->mode;
                found = 1;
                break;
            }
        }
    }
    for (size_t k = 0; k < hx__pl_nwords; k++) {
        const hx__pl_word *pw = &hx__pl_words[k];
        if (pw->context >= 0 && !(out->contexts >> pw->context & 1) && pattern_in(&s, 0, s.n, pw))
            out->contexts |= UINT64_C(1) << pw->context;
    }
    tense(doc, ev, &s, out);
    free(s.w);
    free(s.len);
}

/* The PLOVER type of event k (after its actor), or NULL. */
static const char *type_of(const hx_doc *doc, size_t k)
{
    const hx__event *ev = HX__VEC_AT(doc->events, hx__event, k);
    const hx__pl_map *m = hx__pl_lookup(ev->entry->code);
    const char *mode = NULL;
    return m && m->type ? retyped(doc, ev, m->type, &mode) : NULL;
}

/* Can two participants be the same actor: one unknown, one entity, or overlapping tokens? */
static int arg_compatible(const hx__ev_arg *a, const hx__ev_arg *b)
{
    if (a->first == a->last || b->first == b->last) return 1;
    if (a->entity >= 0 && a->entity == b->entity) return 1;
    return a->first < b->last && b->first < a->last;
}

/* The nearest earlier event of k's sentence, at most MERGE_WINDOW events back, that k
 * repeats in PLOVER (same type and polarity, compatible actors), or -1. */
static long repeats(const hx_doc *doc, size_t k, const char *type)
{
    const hx__event *ek = HX__VEC_AT(doc->events, hx__event, k);
    for (size_t d = 1; d <= MERGE_WINDOW && d <= k; d++) {
        const hx__event *ej = HX__VEC_AT(doc->events, hx__event, k - d);
        if (ej->sent != ek->sent) break;
        const char *tj = type_of(doc, k - d);
        /* a hedged event ("para expulsar") does not absorb a factual one ("incursionaron") */
        if (!tj || strcmp(tj, type) != 0 || ej->negated != ek->negated || ej->hedged > ek->hedged) continue;
        /* triggers at most two tokens apart name one action ("un coche bomba mató"),
         * whatever the argument finder made of each; otherwise the actors must agree */
        int near = ek->trig0 <= ej->trig1 + 2;
        if (near || (arg_compatible(&ej->actor, &ek->actor) && arg_compatible(&ej->target, &ek->target)))
            return (long)(k - d);
    }
    return -1;
}

/* The event whose PLOVER record k belongs to: repeats() followed back at most MERGE_CHAIN
 * steps to an event that repeats nothing; k itself when there is none that near (a longer
 * chain starts a record of its own).  Bounded, so a sentence of thousands of events stays
 * linear; every event it returns is a record, at most MERGE_WINDOW * MERGE_CHAIN events
 * before k. */
static size_t record_of(const hx_doc *doc, size_t k, const char *type)
{
    size_t r = k;
    for (int step = 0; step < MERGE_CHAIN; step++) {
        long j = repeats(doc, r, type);
        if (j < 0) return r;
        r = (size_t)j;
    }
    return repeats(doc, r, type) < 0 ? r : k;
}

static void take_max(double *into, double v)
{
    if (v > *into) *into = v;
}

void hx__plover_of(const hx_doc *doc, size_t i, hx__plover *out)
{
    view_one(doc, i, out);
    if (!out->type) return;
    size_t r = record_of(doc, i, out->type);
    if (r != i) {
        out->same_as = (long)r;
        return;
    }
    uint32_t sent = HX__VEC_AT(doc->events, hx__event, i)->sent;
    for (size_t k = i + 1; k < doc->events.n && k <= i + MERGE_WINDOW * MERGE_CHAIN
                           && HX__VEC_AT(doc->events, hx__event, k)->sent == sent; k++) {
        const char *tk = type_of(doc, k);
        if (!tk || strcmp(tk, out->type) != 0 || record_of(doc, k, tk) != i) continue;
        hx__plover o;
        view_one(doc, k, &o);
        if (!out->mode) out->mode = o.mode;
        out->contexts |= o.contexts;
        take_max(&out->dead, o.dead);
        take_max(&out->injured, o.injured);
        take_max(&out->arrested, o.arrested);
        /* aux stays the first event's: "se manifestaron para protestar" is not hypothetical */
        if (out->place_entity < 0 && o.place_entity >= 0) out->place_entity = o.place_entity, out->place = o.place;
    }
}
