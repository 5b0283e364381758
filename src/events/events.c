/*
 * events.c -- the events stage: finds event triggers in each sentence with the
 * dictionary of data/events.tsv and fills in who did it (actor), to whom (target),
 * where, when, how many, and whether it is negated or hedged.
 *
 * How a sentence is read:
 *   1. every word is looked up, lower-cased, in the generated form table; a miss that
 *      looks like a verb is lemmatised (claims/claims.h) and its infinitive looked up again;
 *      of the entries a form may trigger, the first whose fixed words ("alto el
 *      fuego") and object words (obj=) follow wins;
 *   2. the clause around the trigger is cut at ";", ":" and subordinators ("que",
 *      "cuando", "aunque"...); the actor is the first participant phrase of the clause
 *      before a verb trigger that no preposition introduces (the subject), or, for the
 *      passive and for participles, the "por X" after it; the target is the first
 *      participant after the trigger introduced by a complement the entry allows
 *      (a bare object, "a X", "contra X", ...); nouns take "de X", "entre X y Y",
 *      "por X" and a demonym adjective ("la ofensiva rusa");
 *   3. casualty words ("20 muertos", "murieron 20 personas") add counts to the event
 *      of their sentence, or make a record of their own when there is none.
 * Participant phrases, their country and role (events_args.c) come from capitalised
 * runs, role nouns (data/events_actors.tsv), the shared gazetteer and, when those
 * stages ran, the tagger's mentions and the entities layer.
 *
 * Invariants: events are appended in the order of their triggers; all token ranges of
 * an event lie in its sentence; per-document scratch (lower-cased words, token flags)
 * is allocated once per call and freed before returning.
 */
#include "events/events.h"
#include "claims/claims.h"

#include <string.h>

/* ---------------------------------------------------------------- lookup */

/* Worth asking the lemmatiser about: a form whose ending is a tense that changes
 * irregular stems (preterite, gerund, enclitics), which the generated table may lack.
 * Most words (nouns, adjectives, regular forms) skip the lemmatiser this way. */
static int verb_like(const char *w, size_t n)
{
    /* the endings "ó", "ieron", "eron", "aron", "ndo", "ndose", "rse", "rlo", "rla",
     * "rlos", "rlas", "rle", "rles", each with two more bytes before it, by last byte */
#define ENDS(str, m) (n > (m) + 2 && memcmp(w + n - (m), str, m) == 0)
    switch ((unsigned char)w[n - 1]) {
    case 0xB3: return ENDS("ó", 2);
    case 'n': return ENDS("ieron", 5) || ENDS("eron", 4) || ENDS("aron", 4);
    case 'o': return ENDS("ndo", 3) || ENDS("rlo", 3);
    case 'e': return ENDS("ndose", 5) || ENDS("rse", 3) || ENDS("rle", 3);
    case 'a': return ENDS("rla", 3);
    case 's': return ENDS("rlos", 4) || ENDS("rlas", 4) || ENDS("rles", 4);
    default: return 0;
    }
#undef ENDS
}

/* The hash of the form table (FNV-1a, as tools/gen_events.py computes it). */
static uint32_t form_hash(const char *form, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < len; k++) h = (h ^ (unsigned char)form[k]) * 16777619u;
    return h;
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* The form index of form[0..len), whose hash is h, or -1. */
static long form_probe(uint32_t h, const char *form, size_t len)
{
    size_t mask = hx__ev_hash_size - 1;
    uint32_t tag = h >> 16;
    for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
        uint32_t v = hx__ev_hash[slot];
        if (!v) return -1;
        if ((v >> 16) != tag) continue; /* another word: no need to read its form */
        size_t idx = (v & 0xFFFFu) - 1;
        const hx__ev_form *f = &hx__ev_forms[idx];
        if (f->len == len && memcmp(f->form, form, len) == 0) return (long)idx;
    }
}

long hx__ev_form_find(const char *form, size_t len)
{
    return form_probe(form_hash(form, len), form, len);
}

/* The entries token i may trigger, or NULL; *n: how many. */
static const uint16_t *tok_entries(const hx__events_scan *s, size_t i, size_t *n)
{
    *n = s->tinfo[i].nent;
    return *n ? &hx__ev_list[s->tinfo[i].first] : NULL;
}

/* The entries of form index fi (-1: none), or NULL; *n: how many. */
static const uint16_t *form_entries(long fi, size_t *n)
{
    if (fi < 0 || !hx__ev_forms[fi].n) {
        *n = 0;
        return NULL;
    }
    *n = hx__ev_forms[fi].n;
    return &hx__ev_list[hx__ev_forms[fi].first];
}

const uint16_t *hx__ev_lookup(const char *form, size_t len, size_t *n)
{
    return form_entries(hx__ev_form_find(form, len), n);
}

/* ---------------------------------------------------------------- scratch */

static void scan_free(hx__events_scan *s)
{
    free(s->lw);
    free(s->lo);
    free(s->tinfo);
}

/* Token index of byte b (the token containing or following it). */
static size_t tok_at(const hx__events_scan *s, size_t b)
{
    size_t lo = 0, hi = s->nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->t[mid].b1 <= b) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static hx_status scan_init(hx__events_scan *s, hx_doc *doc)
{
    memset(s, 0, sizeof *s);
    s->tree_sent = SIZE_MAX;
    s->doc = doc;
    s->t = doc->toks.p;
    s->nt = doc->toks.n;
    if (!s->nt) return HX_OK;
    size_t cap = 2 * doc->len + s->nt + 16;
    s->lw = malloc(cap);
    s->lo = malloc(s->nt * sizeof *s->lo);
    s->tinfo = calloc(s->nt, sizeof *s->tinfo);
    uint32_t *hs = malloc(s->nt * sizeof *hs);
    if (!s->lw || !s->lo || !s->tinfo || !hs) {
        free(hs);
        return HX_NOMEM;
    }
    /* two passes: hash every word and prefetch its slot, then probe (the slots of a
     * document's words are then fetched in parallel, not one miss after another) */
    size_t at = 0;
    for (size_t i = 0; i < s->nt; i++) {
        const hx__tok *t = &s->t[i];
        size_t n = t->b1 - t->b0;
        s->lo[i] = (uint32_t)at;
        size_t w = hx__lower(doc->text + t->b0, n, s->lw + at, cap - at);
        if (!w && n) { /* cannot happen: cap holds twice the text */
            s->lw[at] = '\0';
        }
        hx__ev_tinfo *ti = &s->tinfo[i];
        ti->len = (uint32_t)strlen(s->lw + at);
        hs[i] = form_hash(s->lw + at, ti->len);
        PREFETCH(&hx__ev_hash[hs[i] & (hx__ev_hash_size - 1)]);
        at += w + 1;
        s->tinfo[i].quant = -1;
        s->tinfo[i].time = -1;
        s->tinfo[i].entity = -1;
    }
    for (size_t i = 0; i < s->nt; i++) {
        hx__ev_tinfo *ti = &s->tinfo[i];
        long fi = form_probe(hs[i], HX__EVW(s, i), ti->len);
        ti->form = (int32_t)fi;
        if (fi >= 0) {
            const hx__ev_form *f = &hx__ev_forms[fi];
            ti->cls = f->cls;
            ti->wid = f->wid;
            ti->first = f->first;
            ti->nent = f->n;
            ti->actor = f->actor;
            ti->nact = f->nact;
            if (f->n) PREFETCH(&hx__ev_list[f->first]); /* match_at reads it soon */
        }
    }
    free(hs);
    for (size_t q = 0; q < doc->quants.n; q++) {
        const hx__quant *qu = HX__VEC_AT(doc->quants, hx__quant, q);
        for (size_t i = tok_at(s, qu->b0); i < s->nt && s->t[i].b0 < qu->b1; i++) {
            s->tinfo[i].flags |= HX__EVT_QUANT;
            if (s->tinfo[i].quant < 0) s->tinfo[i].quant = (int32_t)q;
        }
    }
    for (size_t q = 0; q < doc->times.n; q++) {
        const hx__time *tm = HX__VEC_AT(doc->times, hx__time, q);
        for (size_t i = tok_at(s, tm->b0); i < s->nt && s->t[i].b0 < tm->b1; i++) {
            s->tinfo[i].flags |= HX__EVT_TIME;
            if (s->tinfo[i].time < 0) s->tinfo[i].time = (int32_t)q;
        }
    }
    for (size_t m = 0; m < doc->mentions.n; m++) {
        const hx__mention *me = HX__VEC_AT(doc->mentions, hx__mention, m);
        for (size_t i = me->first; i < me->last && i < s->nt; i++) {
            s->tinfo[i].flags |= HX__EVT_MENTION;
            if (me->type && strcmp(me->type, "LOC") == 0) s->tinfo[i].flags |= HX__EVT_LOC;
        }
    }
    hx__ev_mark_entities(s);
    return HX_OK;
}

/* ---------------------------------------------------------------- clauses */

static int is_infinitive(const char *w)
{
    size_t n = strlen(w);
    return n > 3 && w[n - 1] == 'r' && (w[n - 2] == 'a' || w[n - 2] == 'e' || w[n - 2] == 'i');
}

/* ---------------------------------------------------------------- matching */

/* Do the words of seq (space-separated) follow from token i?  Returns the token after
 * them, or 0 when not. */
static size_t match_words(const hx__events_scan *s, size_t i, size_t lim, const char *seq, size_t n)
{
    size_t k = 0;
    while (k < n) {
        size_t e = k;
        while (e < n && seq[e] != ' ') e++;
        if (i >= lim) return 0;
        const char *w = HX__EVW(s, i);
        if (HX__EVLEN(s, i) != e - k || memcmp(w, seq + k, e - k) != 0) return 0;
        i++;
        k = e < n ? e + 1 : e;
    }
    return i;
}

/* Is one of the "|"-separated alternatives of obj within the window after i?  Sets
 * *o0, *o1 to the matched tokens. */
static int match_obj(const hx__events_scan *s, size_t i, size_t lim, const char *obj, size_t *o0,
                     size_t *o1)
{
    size_t end = i + 7 < lim ? i + 7 : lim;
    if (i >= end) return 0;
    /* split the alternatives once, not once per token of the window */
    const char *ap[32];
    size_t an[32], na = 0;
    const char *rest = obj;
    while (*rest && na < 32) {
        const char *bar = strchr(rest, '|');
        an[na] = bar ? (size_t)(bar - rest) : strlen(rest);
        ap[na] = rest;
        rest += an[na++] + (bar ? 1 : 0);
    }
    if (!*rest) {
        for (size_t j = i; j < end; j++) {
            const char *w = HX__EVW(s, j);
            for (size_t k = 0; k < na; k++) {
                if (ap[k][0] != w[0]) continue;
                size_t e = match_words(s, j, lim, ap[k], an[k]);
                if (e) {
                    *o0 = j;
                    *o1 = e;
                    return 1;
                }
            }
        }
        return 0;
    }
    for (size_t j = i; j < end; j++) { /* more than 32 alternatives */
        const char *w = HX__EVW(s, j);
        for (const char *a = obj; *a;) {
            const char *bar = strchr(a, '|');
            size_t n = bar ? (size_t)(bar - a) : strlen(a);
            if (a[0] == w[0]) {
                size_t e = match_words(s, j, lim, a, n);
                if (e) {
                    *o0 = j;
                    *o1 = e;
                    return 1;
                }
            }
            a += n + (bar ? 1 : 0);
        }
    }
    return 0;
}

/* The entry token i triggers, if any: fills *trig1 (end of the trigger) and the object
 * range it consumed. */
static const hx__ev_entry *match_at(const hx__events_scan *s, size_t i, size_t last,
                                    size_t *trig1, size_t *o0, size_t *o1)
{
    const char *w = HX__EVW(s, i);
    size_t len = HX__EVLEN(s, i), n = 0;
    const hx__tok *t = &s->t[i];
    if (!(t->flags & HX__T_WORD) || len < 2 || len >= HX__LEMMA_MAX - 8) return NULL;
    int via_lemma = 0;
    const uint16_t *list = tok_entries(s, i, &n);
    if (!list && len >= 5 && !(t->flags & HX__T_UPPER) && verb_like(w, len)) {
        char lem[HX__LEMMA_MAX];
        int known = 0;
        size_t ln = hx__lemma_verb(w, len, lem, sizeof lem, &known);
        if (ln && known) {
            list = hx__ev_lookup(lem, ln, &n);
            via_lemma = 1;
        }
    }
    if (!list) return NULL;
    /* the previous word's classes and id (none at the start of the sentence) */
    int has_prev = i > s->sfirst;
    unsigned pcls = has_prev ? HX__EVC(s, i - 1) : 0u;
    unsigned pwid = has_prev ? s->tinfo[i - 1].wid : (unsigned)HX__W_NONE;
    /* fixed expressions that only look like triggers */
    if ((HX__EVIS(s, i, EMBARGO) && pwid == HX__W_SIN)
        || (HX__EVIS(s, i, ACUERDO) && (pwid == HX__W_DE || pwid == HX__W_SEGUN)))
        return NULL;
    /* a capital inside a sentence starts a name or a title ("Ministerio de Defensa", the
     * publisher "Crítica"), not a trigger; after an opening mark it may start a quote */
    if ((t->flags & HX__T_UPPER) && i > s->sfirst && !s->caps && !(s->t[i - 1].flags & HX__T_PUNCT)) return NULL;
    if ((t->flags & HX__T_UPPER) && i > s->sfirst && !s->caps && (s->tinfo[i].flags & HX__EVT_MENTION)) return NULL;
    size_t cend = SIZE_MAX; /* the end of the clause, computed when object words need it */
    for (size_t k = 0; k < n; k++) {
        /* what the entry is, without reading it (hx__ev_kind) */
        unsigned kd = hx__ev_kind[list[k]];
        int verb = (kd & HX__EVK_VERB) != 0;
        if (via_lemma && !verb) continue;
        size_t end = i + 1;
        if (kd & HX__EVK_REST) {
            const hx__ev_entry *e = &hx__ev_entries[list[k]];
            end = match_words(s, i + 1, last, e->rest, e->nrest);
            if (!end) continue;
        }
        /* a verb form right after a determiner is a noun ("el informe", "la firma") */
        if (verb && (pcls & HX__EVC_DETS) && pwid != HX__W_LO && pwid != HX__W_LA
            && pwid != HX__W_LAS && pwid != HX__W_LOS)
            continue;
        if (verb && (pwid == HX__W_EL || pwid == HX__W_UN || pwid == HX__W_UNA))
            continue;
        /* "la toma de control", "las ventas del grupo": an article, not a clitic */
        if (verb && (pwid == HX__W_LA || pwid == HX__W_LAS || pwid == HX__W_LOS) && i + 1 < last
            && (HX__EVIS(s, i + 1, DE) || HX__EVIS(s, i + 1, DEL)))
            continue;
        /* a finite verb does not follow a preposition: "de tortura" is a noun */
        if (verb && (pcls & HX__EVC_PREPS) && !is_infinitive(w)) continue;
        /* "en la lucha", "de las marchas": after a preposition, la/las/los is an article;
         * and a form reached through the lemmatiser is a noun after any article */
        if (verb && (pcls & HX__EVC_DETS)
            && (via_lemma || (i > s->sfirst + 1 && (HX__EVC(s, i - 2) & HX__EVC_PREPS))))
            continue;
        /* "se reunieron", "se han manifestado": pronominal verbs need their "se" */
        if ((kd & HX__EVK_PRON) && pwid != HX__W_SE && !(i > s->sfirst + 1 && HX__EVIS(s, i - 2, SE)))
            continue;
        const hx__ev_entry *e = &hx__ev_entries[list[k]];
        *o0 = *o1 = end;
        if (kd & HX__EVK_OBJ) {
            if (cend == SIZE_MAX) cend = hx__ev_clause_end(s, last, i + 1);
            if (!match_obj(s, end, cend, e->obj, o0, o1)) continue;
        }
        /* a word with a violent and another sense: its arguments decide (events_sense.c) */
        if (e->sense && !hx__ev_sense_ok(s, e, i, end, *o1, last)) continue;
        *trig1 = end;
        return e;
    }
    return NULL;
}

/* ---------------------------------------------------------------- modality */


static int is_conditional(const char *w)
{
    size_t n = strlen(w);
    return (n > 5 && strcmp(w + n - 4, "rían") == 0) || (n > 4 && strcmp(w + n - 3, "ría") == 0);
}

static void modality(const hx__events_scan *s, hx__event *ev, size_t cs)
{
    const char *tw = HX__EVW(s, ev->trig0);
    if (is_conditional(tw)) ev->hedged = 1;
    size_t steps = 0;
    for (size_t j = ev->trig0; j > cs && steps < 6; steps++) {
        unsigned c = HX__EVC(s, --j);
        if (c & HX__EVC_NEG) {
            ev->negated = 1;
            continue;
        }
        if (c & HX__EVC_MODALS) {
            ev->hedged = 1;
            continue;
        }
        if (!(c & (HX__EVC_CLITIC_AUX | HX__EVC_DETS))) break;
    }
    /* "si Occidente envía tropas": a condition; "para negociar": a purpose */
    if (cs > s->sfirst && HX__EVIS(s, cs - 1, SI)) ev->hedged = 1;
    if (ev->trig0 > s->sfirst && is_infinitive(tw) && HX__EVIS(s, ev->trig0 - 1, PARA))
        ev->hedged = 1;
    /* "no descartó que ... envíe", "teme que ... ataque": the clause is a possibility */
    if (cs > s->sfirst && HX__EVIS(s, cs - 1, QUE) && cs >= s->sfirst + 2) {
        if (HX__EVC(s, cs - 2) & HX__EVC_MODALS) ev->hedged = 1;
    }
    for (size_t j = cs; j < ev->trig0; j++) {
        if (HX__EVIS(s, j, PRESUNTAMENTE) || HX__EVIS(s, j, SUPUESTAMENTE)
            || HX__EVIS(s, j, APARENTEMENTE)
            || (HX__EVIS(s, j, AL) && j + 1 < s->slast && HX__EVIS(s, j + 1, PARECER)))
            ev->hedged = 1;
    }
}

/* ---------------------------------------------------------------- the stage */

static void count_into(hx__event *ev, unsigned kind, double v)
{
    if (kind == HX__CNT_NONE || kind >= HX__NCNT) return;
    if (ev->counts[kind] < 0 || v > ev->counts[kind]) ev->counts[kind] = v;
}

static void init_event(hx__event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->actor.entity = ev->target.entity = -1;
    ev->time = ev->quant = ev->claim = -1;
    for (int k = 0; k < HX__NCNT; k++) ev->counts[k] = -1;
}

/* A casualty word waiting for its sentence's events. */
typedef struct pending {
    size_t tok;
    unsigned kind;
    double value;
} pending;

static int is_nominal(const hx__events_scan *s, const hx__event *ev)
{
    char c = ev->entry->cat;
    if (c == 'N') return 1;
    if (c != 'F') return 0;
    return ev->trig0 > s->sfirst && (HX__EVC(s, ev->trig0 - 1) & (HX__EVC_DETS | HX__EVC_PREPS));
}

static int root_is(const hx__ev_entry *e, const char *root)
{
    return e->code[0] == root[0] && e->code[1] == root[1];
}

/* The event that governs a later trigger of its clause, if it does: the trigger is
 * then the content of that event, not an event of its own. */
typedef struct governor {
    int set;
    size_t idx;          /* in doc->events */
    size_t cs, t0, end;  /* clause start, trigger start, end of trigger and object words */
} governor;

static int governed(const hx__events_scan *s, const governor *g, const hx__event *gev,
                    const hx__event *ev, size_t cs)
{
    if (!g->set || g->cs != cs || ev->trig0 < g->t0) return 0;
    size_t gap = ev->trig0 > g->end ? ev->trig0 - g->end : 0;
    /* (a) appeals, intentions, demands, rejections, threats, accusations */
    if (gev->entry->embed && gap < 10) return 1;
    /* (b) "el acuerdo de cooperación", "las denuncias de tortura": a noun's modifier */
    if (ev->entry->cat == 'N' && gap < 8 && ev->trig0 >= s->sfirst + 2) {
        size_t k = ev->trig0 - 1;
        if ((HX__EVC(s, k) & HX__EVC_DETS) && k > s->sfirst + 1) k--;
        if (HX__EVIS(s, k, DE) && (s->t[k - 1].flags & HX__T_WORD)
            && !(s->t[k - 1].flags & HX__T_UPPER))
            return 1;
    }
    /* (c) the object of a verb: "investigará las denuncias", "agradeció la contribución";
     * statements and disapproval keep theirs ("condenó el ataque") */
    if (is_nominal(s, ev) && gev->entry->cat == 'V' && gap <= 3 && !root_is(gev->entry, "01")
        && !root_is(gev->entry, "11")) {
        for (size_t k = g->end; k < ev->trig0; k++)
            if (!(HX__EVC(s, k) & HX__EVC_DETS) && !(s->tinfo[k].flags & HX__EVT_QUANT)) return 0;
        return 1;
    }
    return 0;
}

/* Is every word of tokens [first, last) written in capitals, with at least three words
 * ("INDIGENAS RADICALIZAN PARALIZACION")?  A lower-case letter is an ASCII one or a
 * Latin-1 one (U+00E0-U+00FF, bytes C3 A0-BF). */
static int all_caps(const hx__events_scan *s, size_t first, size_t last)
{
    size_t words = 0;
    for (size_t i = first; i < last; i++) {
        const hx__tok *t = &s->t[i];
        if (!(t->flags & HX__T_WORD)) continue;
        const unsigned char *p = (const unsigned char *)s->doc->text + t->b0;
        for (size_t k = 0; k < t->b1 - t->b0; k++)
            if ((p[k] >= 'a' && p[k] <= 'z') || (p[k] == 0xC3 && k + 1 < t->b1 - t->b0 && p[k + 1] >= 0xA0))
                return 0;
        words++;
    }
    return words >= 3;
}

/* The event of the sentence (events n0 ..) that caused the casualty word at token ct:
 * the nearest before it, or one right after it introduced by "en", "por", "tras",
 * "durante" or "ante" ("20 muertos en un ataque"); NULL when none. */
static hx__event *casualty_cause(hx__events_scan *s, size_t n0, size_t ct)
{
    hx_doc *doc = s->doc;
    hx__event *best = NULL;
    size_t bestd = SIZE_MAX;
    for (size_t k = n0; k < doc->events.n; k++) {
        hx__event *ev = HX__VEC_AT(doc->events, hx__event, k);
        if (ev->entry->code[0] == '-') continue;
        size_t d;
        if (ev->trig0 <= ct) {
            d = ct - ev->trig0;
        } else {
            /* after the casualty word: only as its cause, within a few words */
            int cause = 0;
            for (size_t j = ct + 1; j < ev->trig0 && j < ct + 5; j++) {
                unsigned wid = s->tinfo[j].wid;
                if (wid == HX__W_EN || wid == HX__W_POR || wid == HX__W_TRAS
                    || wid == HX__W_DURANTE || wid == HX__W_ANTE)
                    cause = 1;
            }
            if (!cause || ev->trig0 > ct + 5) continue;
            d = ev->trig0 - ct;
        }
        if (d < bestd) {
            bestd = d;
            best = ev;
        }
    }
    return best;
}

/* The casualty record of the sentence (events n0 ..) that counts without a cause: the
 * first one there, or a new one at pend's token.  NULL when out of memory. */
static hx__event *casualty_record(hx__events_scan *s, const pending *pd, size_t n0, size_t first,
                                  uint32_t si)
{
    hx_doc *doc = s->doc;
    for (size_t k = n0; k < doc->events.n; k++) {
        hx__event *ev = HX__VEC_AT(doc->events, hx__event, k);
        if (ev->entry->code[0] == '-') return ev;
    }
    hx__event *best = hx__vec_push(&doc->events, sizeof *best);
    if (!best) return NULL;
    init_event(best);
    size_t n = 0;
    const uint16_t *l = tok_entries(s, pd->tok, &n);
    const hx__ev_entry *ce = NULL;
    for (size_t j = 0; l && j < n; j++)
        if (hx__ev_entries[l[j]].code[0] == '-') ce = &hx__ev_entries[l[j]];
    if (!ce) { /* reached through the lemmatiser: any casualty entry */
        for (size_t j = 0; j < hx__ev_nentries; j++)
            if (hx__ev_entries[j].code[0] == '-' && hx__ev_entries[j].count == pd->kind) {
                ce = &hx__ev_entries[j];
                break;
            }
    }
    if (!ce) ce = &hx__ev_entries[hx__ev_nentries - 1];
    best->entry = ce;
    best->trig0 = (uint32_t)pd->tok;
    best->trig1 = (uint32_t)pd->tok + 1;
    best->sent = si;
    size_t cs = hx__ev_clause_start(s, first, pd->tok);
    hx__ev_arguments(s, best, cs, pd->tok + 1);
    modality(s, best, cs);
    return best;
}

static hx_status do_sentence(hx__events_scan *s, const hx__sent *se, uint32_t si)
{
    hx_doc *doc = s->doc;
    size_t first = se->first, last = se->last;
    size_t n0 = doc->events.n;
    pending pend[16];
    size_t npend = 0;
    governor g = {0};

    s->sfirst = first;
    s->slast = last;
    s->caps = all_caps(s, first, last);
    for (size_t i = first; i < last; i++) {
        if (s->tinfo[i].flags & HX__EVT_USED) continue;
        size_t trig1, o0, o1;
        const hx__ev_entry *e = match_at(s, i, last, &trig1, &o0, &o1);
        if (!e) continue;
        /* the object words and what stands between them and the trigger are taken */
        for (size_t k = trig1; k < o1; k++) s->tinfo[k].flags |= HX__EVT_USED;
        if (e->code[0] == '-') {
            double v;
            if (npend < sizeof pend / sizeof pend[0] && hx__ev_casualty_number(s, i, trig1, &v)) {
                pend[npend].tok = i;
                pend[npend].kind = e->count;
                pend[npend++].value = v;
            }
            i = trig1 - 1;
            continue;
        }
        hx__event ev;
        init_event(&ev);
        ev.trig0 = (uint32_t)i;
        /* a light verb's trigger reaches to its noun: "realizarán una marcha" */
        ev.trig1 = (uint32_t)((e->sense & HX__EVS_LIGHT) && o1 > trig1 ? o1 : trig1);
        ev.sent = si;
        ev.entry = e;
        size_t cs = hx__ev_clause_start(s, first, i);
        hx__ev_arguments(s, &ev, cs, o1);
        modality(s, &ev, cs);
        hx__event *gev = g.set ? HX__VEC_AT(doc->events, hx__event, g.idx) : NULL;
        if (gev && governed(s, &g, gev, &ev, cs)) {
            /* "descartó cualquier negociación con Kiev": its target is the governor's */
            if (gev->target.first == gev->target.last && ev.target.first < ev.target.last
                && ev.target.first >= g.end)
                gev->target = ev.target;
            if (g.end < o1) g.end = o1 > trig1 ? o1 : trig1;
            i = trig1 - 1;
            continue;
        }
        /* "se reunió con ... La reunión ...": one event, mentioned again */
        long same = hx__ev_same_event(s, &ev);
        if (same >= 0) ev.same = (uint32_t)same + 1;
        /* a bare noun of talk or cooperation with nobody and nowhere is background
         * ("las conversaciones continuarán"), not an event */
        if (same < 0 && is_nominal(s, &ev) && e->code[0] == '0' && ev.actor.first == ev.actor.last
            && ev.target.first == ev.target.last && ev.place0 == ev.place1) {
            i = trig1 - 1;
            continue;
        }
        /* an infinitive right after another event's trigger is only intended */
        if (gev && is_infinitive(HX__EVW(s, i)) && i <= g.end + 3) ev.hedged = 1;
        hx__event *slot = hx__vec_push(&doc->events, sizeof *slot);
        if (!slot) return HX_NOMEM;
        *slot = ev;
        g.set = 1;
        g.idx = doc->events.n - 1;
        g.cs = cs;
        g.t0 = i;
        g.end = o1 > trig1 ? o1 : trig1;
        i = trig1 - 1;
    }
    /* casualty words: to the nearest event of the sentence that caused them ("el ataque
     * dejó 20 muertos", "20 muertos en un ataque"), else a record of their own */
    for (size_t p = 0; p < npend; p++) {
        hx__event *best = casualty_cause(s, n0, pend[p].tok);
        if (!best && !(best = casualty_record(s, &pend[p], n0, first, si))) return HX_NOMEM;
        count_into(best, pend[p].kind, pend[p].value);
    }
    return HX_OK;
}

hx_status hx__find_events(hx_doc *doc, hx_error *err)
{
    hx__events_scan s;
    hx_status st = scan_init(&s, doc);
    if (st != HX_OK) goto done;
    for (size_t i = 0; i < doc->sents.n; i++) {
        const hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, i);
        if ((st = do_sentence(&s, se, (uint32_t)i)) != HX_OK) goto done;
    }
    hx__ev_link_claims(&s);
done:
    scan_free(&s);
    if (st != HX_OK) return hx__err(err, st, SIZE_MAX, "events: %s", hx_strerror(st));
    return HX_OK;
}
