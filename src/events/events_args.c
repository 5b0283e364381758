/*
 * events_args.c -- the participants of an event: participant phrases ("chunks"), their
 * country and role, and the assignment of actor, target, place, time and quantity
 * from the clause around a trigger (see events.c for the overall reading).
 *
 * A chunk is one of
 *   - a run of capitalised words, joined by "de"/"del" ("Ministerio de Defensa de
 *     Ucrania", "Corea del Norte"), optionally after determiners and a number;
 *   - a role noun of data/events_actors.tsv ("soldados", "el canciller") with its
 *     adjectives ("norcoreanos", "armadas") and an optional "de" + name;
 *   - a determiner + demonym ("los norcoreanos");
 *   - a common noun + "de" + name ("la región de Kursk"), which stands for the name.
 * Its country comes from the shared gazetteer (names, demonyms, seats of power,
 * cities), its role from the role nouns; an entity of the entities layer that covers
 * it supplies what is still missing.  Nothing here allocates.
 */
#include "events/events.h"
#include "entities/entities.h"
#include "claims/claims.h"

#include <stdio.h>
#include <string.h>

typedef struct chunk {
    size_t s, h, e;   /* tokens: start (determiners included), head, end (exclusive) */
    int32_t quant;    /* a quantity among its determiners, or -1 */
    char country[16];
    char role[4];
    int32_t entity;
    int place;        /* names a place (country, region, city, LOC mention) */
    int name;         /* a capitalised name */
} chunk;

/* The adjectives that extend a role noun ("fuerzas armadas") and the capitalised words
 * that start sentences without being names are word classes of events_words.h
 * (HX__EVC_ADJS, HX__EVC_STARTERS). */

/* ---------------------------------------------------------------- lexicons */

/* The actor-lexicon entry at token i (longest words first), or NULL; *end: after it. */
static const hx__ev_actor *actor_at(const hx__events_scan *s, size_t i, size_t lim, size_t *end)
{
    const char *w = HX__EVW(s, i);
    const hx__ev_tinfo *ti = &s->tinfo[i];
    if (!ti->actor) return NULL;
    size_t lo = ti->actor - 1u, hi = lo + ti->nact;
    for (; lo < hi; lo++) {
        const hx__ev_actor *a = &hx__ev_actors[lo];
        if (a->kind == 'O' && !(s->t[i].flags & HX__T_UPPER) && a->form[0] >= 'a'
            && a->form[0] <= 'z' && w[0] != a->form[0])
            continue;
        size_t j = i + 1;
        const char *r = a->rest;
        int ok = 1;
        while (*r) {
            const char *sp = strchr(r, ' ');
            size_t n = sp ? (size_t)(sp - r) : strlen(r);
            if (j >= lim || HX__EVLEN(s, j) != n || memcmp(HX__EVW(s, j), r, n) != 0) {
                ok = 0;
                break;
            }
            j++;
            r += n + (sp ? 1 : 0);
        }
        if (!ok) continue;
        /* "Ministerio" with a capital is a role only capitalised; lower-case entries
         * match both */
        *end = j;
        return a;
    }
    return NULL;
}

/* Is token i entirely in capitals (acronyms)? */
static int all_caps(const hx__events_scan *s, size_t i)
{
    const hx__tok *t = &s->t[i];
    const char *p = s->doc->text + t->b0;
    for (size_t k = 0; k < (size_t)(t->b1 - t->b0); k++)
        if (p[k] >= 'a' && p[k] <= 'z') return 0;
    return 1;
}

/* The gazetteer place named at tokens [i, ...): longest match up to 5 words; returns
 * the number of tokens (0: none) and the place and how in *place, *how. */
static size_t gaz_search(const hx__events_scan *s, size_t i, size_t lim, int *place, int *how)
{
    char key[128];
    size_t len = 0, best = 0;
    for (size_t k = i; k < lim && k < i + 5; k++) {
        const hx__tok *t = &s->t[k];
        if (k > i && len + 1 < sizeof key) key[len++] = ' ';
        size_t n = hx__gaz_fold(s->doc->text + t->b0, t->b1 - t->b0, key, len, sizeof key);
        if (n >= sizeof key) break;
        len = n;
        size_t lo;
        int more;
        size_t cnt = hx__gaz_find_more(key, len, &lo, &more);
        for (size_t c = 0; c < cnt; c++) {
            const hx__gkey *g = &hx__gaz_keys[lo + c];
            if (g->how == HX__KEY_ACRONYM && !all_caps(s, i)) continue;
            if (g->how != HX__KEY_DEMONYM && !(s->t[i].flags & HX__T_UPPER)) continue;
            *place = g->place;
            *how = g->how;
            best = k - i + 1;
            break;
        }
        if (!more) break;
    }
    return best;
}

/* gaz_search with a per-token memo (in the per-call scratch).  The search from token i
 * with a limit lim runs a prefix of the iterations it runs with any larger limit, and
 * answers with the last match it met; so the answer for the largest limit (i + 5, the
 * longest key) holds for every lim past that match, and a word that starts no longer
 * key gives its one-word answer whatever lim.  A word that is no key's first word
 * (hx__gaz_first, one hash probe) matches nothing. */
static size_t gaz_at(const hx__events_scan *s, size_t i, size_t lim, int *place, int *how)
{
    if (i >= lim) return 0;
    hx__ev_tinfo *ti = &s->tinfo[i];
    if (!ti->gz) {
        const hx__tok *t = &s->t[i];
        char key[128];
        size_t n = hx__gaz_fold(s->doc->text + t->b0, t->b1 - t->b0, key, 0, sizeof key);
        int pl = -1, hw = 0;
        size_t m = 0;
        if (n > 0 && n < sizeof key && !memchr(key, ' ', n) && hx__gaz_first(key, n) < 0) {
            ti->gz = 1; /* none equals it or starts with it and a space */
        } else if (n < sizeof key && hx__gaz_has_prefix(key, n)) {
            ti->gz = 2;
            m = gaz_search(s, i, i + 5 < s->nt ? i + 5 : s->nt, &pl, &hw);
        } else {
            ti->gz = 1;
            m = gaz_search(s, i, i + 1, &pl, &hw);
        }
        ti->glen = (uint8_t)m;
        ti->gplace = m ? pl : -1;
        ti->ghow = (int8_t)hw;
    }
    if (ti->gz == 2 && lim - i < ti->glen) return gaz_search(s, i, lim, place, how);
    if (!ti->glen) return 0;
    *place = ti->gplace;
    *how = ti->ghow;
    return ti->glen;
}

static int is_demonym(const hx__events_scan *s, size_t i, size_t lim)
{
    int pl, how;
    return gaz_at(s, i, lim, &pl, &how) == 1 && how == HX__KEY_DEMONYM;
}

/* ---------------------------------------------------------------- chunks */

/* Is token i a surface form of some trigger entry? */
static int is_trigger_form(const hx__events_scan *s, size_t i)
{
    return s->tinfo[i].nent > 0;
}

static int starts_sentence(const hx__events_scan *s, size_t i)
{
    if (i == s->sfirst) return 1;
    unsigned p = s->tinfo[i - 1].wid;
    return (s->t[i - 1].flags & HX__T_PUNCT)
           && (p == HX__W_LQUOTE || p == HX__W_QUOTE || p == HX__W_LDQUOTE || p == HX__W_DASH);
}

static int name_tok(const hx__events_scan *s, size_t i)
{
    const hx__tok *t = &s->t[i];
    if (!(t->flags & HX__T_UPPER) || !(t->flags & (HX__T_WORD | HX__T_ABBR))) return 0;
    if (s->tinfo[i].flags & HX__EVT_TIME) return 0;
    /* a capitalised function word ("- La vicepresidenta", "«El") starts a name only
     * when a capitalised word follows ("La Habana", "El Cairo") */
    if (HX__EVC(s, i) & HX__EVC_STARTERS)
        return i + 1 < s->slast && (s->t[i + 1].flags & HX__T_UPPER) && (s->t[i + 1].flags & HX__T_WORD)
               && !(HX__EVC(s, i + 1) & HX__EVC_STARTERS) && !starts_sentence(s, i);
    if (!starts_sentence(s, i)) return 1;
    /* a capital at the start of a sentence: a name only if something says so */
    if (s->tinfo[i].flags & HX__EVT_MENTION) return 1;
    size_t end;
    int pl, how;
    if (gaz_at(s, i, s->slast, &pl, &how) || actor_at(s, i, s->slast, &end)) return 1;
    if (is_trigger_form(s, i)) return 0;
    if (i + 1 < s->slast && (s->t[i + 1].flags & HX__T_UPPER)) return 1;
    /* "Lavrov no descartó", "Lavrov agradeció": a subject right before a verb */
    if (i + 1 < s->slast) {
        unsigned nx = s->tinfo[i + 1].wid;
        if (nx == HX__W_NO || nx == HX__W_YA || nx == HX__W_TAMBIEN || nx == HX__W_NUNCA
            || is_trigger_form(s, i + 1))
            return 1;
    }
    const char *w = HX__EVW(s, i);
    size_t len = HX__EVLEN(s, i);
    if (len > 5 && strcmp(w + len - 5, "mente") == 0) return 0;
    return i + 1 < s->slast && HX__EVIS(s, i + 1, COMMA);
}

static size_t name_run(const hx__events_scan *s, size_t j, size_t lim)
{
    size_t e = j + 1;
    while (e < lim) {
        if (name_tok(s, e)) {
            e++;
            continue;
        }
        if ((HX__EVIS(s, e, DE) || HX__EVIS(s, e, DEL)) && e + 1 < lim && name_tok(s, e + 1)) {
            e += 2;
            continue;
        }
        if (HX__EVIS(s, e, DE) && e + 2 < lim && HX__EVIS(s, e + 1, LA) && name_tok(s, e + 2)) {
            e += 3;
            continue;
        }
        break;
    }
    return e;
}

static void attributes(const hx__events_scan *s, chunk *c)
{
    c->country[0] = c->role[0] = '\0';
    c->entity = -1;
    c->place = 0;
    for (size_t k = c->h; k < c->e; k++) {
        size_t end;
        const hx__ev_actor *a = actor_at(s, k, c->e, &end);
        if (a) {
            if (a->role[0] && !c->role[0]) snprintf(c->role, sizeof c->role, "%s", a->role);
            if (a->country[0] && !c->country[0]) snprintf(c->country, sizeof c->country, "%s", a->country);
        }
        if (!c->country[0]) {
            int pl, how;
            size_t m = gaz_at(s, k, c->e, &pl, &how);
            if (m) {
                const hx__place *p = &hx__gaz_places[pl];
                if (how == HX__KEY_SEAT && p->seat_of >= 0) {
                    p = &hx__gaz_places[p->seat_of];
                    if (!c->role[0] && k == c->h && m == c->e - c->h) snprintf(c->role, sizeof c->role, "GOV");
                }
                if (p->kind == HX__PL_ORG) {
                    const char *id = strchr(p->id, ':');
                    snprintf(c->country, sizeof c->country, "%s", id ? id + 1 : p->id);
                } else {
                    snprintf(c->country, sizeof c->country, "%s", p->cc);
                    if (how == HX__KEY_NAME && k == c->h && m == c->e - c->h) c->place = 1;
                }
                k += m - 1;
            }
        }
    }
    for (size_t k = c->h; k < c->e; k++) {
        if (s->tinfo[k].flags & HX__EVT_LOC) c->place = 1;
        if (c->entity < 0 && s->tinfo[k].entity >= 0) c->entity = s->tinfo[k].entity;
    }
    if (c->entity >= 0 && (size_t)c->entity < s->doc->entities.n && !c->country[0]) {
        const hx__entity *en = HX__VEC_AT(s->doc->entities, hx__entity, c->entity);
        int pl = en->place >= 0 ? en->place : en->anchor;
        if (pl >= 0 && (size_t)pl < hx__gaz_nplaces) {
            const hx__place *p = &hx__gaz_places[pl];
            const char *id = strchr(p->id, ':');
            snprintf(c->country, sizeof c->country, "%s", p->kind == HX__PL_ORG ? (id ? id + 1 : p->id) : p->cc);
        }
        if (en->place >= 0 && en->type && strcmp(en->type, "LOC") == 0) c->place = 1;
    }
}

/* Past the modifiers of a head noun: adjectives, demonyms, lexicon words ("hutíes"). */
static size_t extend_mods(const hx__events_scan *s, size_t e, size_t lim)
{
    size_t end;
    while (e < lim) {
        if ((HX__EVC(s, e) & HX__EVC_ADJS) || is_demonym(s, e, lim)) e++;
        else if (!(s->t[e].flags & HX__T_UPPER) && actor_at(s, e, lim, &end) && !(HX__EVC(s, e) & HX__EVC_DETS))
            e = end;
        else break;
    }
    return e;
}

/* Past "de (la) X" complements of a role noun: "el ministro de Exteriores de Rusia",
 * "el jefe de la diplomacia china", "el enviado especial de la ONU". */
static size_t extend_of(const hx__events_scan *s, size_t e, size_t lim)
{
    for (int depth = 0; depth < 3 && e < lim; depth++) {
        if (!HX__EVIS(s, e, DE) && !HX__EVIS(s, e, DEL)) break;
        size_t k = e + 1, end;
        if (k < lim && (HX__EVIS(s, k, LA) || HX__EVIS(s, k, LOS) || HX__EVIS(s, k, LAS) || HX__EVIS(s, k, EL)))
            k++;
        if (k < lim && name_tok(s, k)) e = extend_mods(s, name_run(s, k, lim), lim);
        else if (k < lim && actor_at(s, k, lim, &end)) e = extend_mods(s, end, lim);
        else break;
    }
    return e;
}

static int is_big_number_word(const hx__events_scan *s, size_t i)
{
    unsigned w = s->tinfo[i].wid;
    return w == HX__W_MILES || w == HX__W_CIENTOS || w == HX__W_DECENAS || w == HX__W_CENTENARES
           || w == HX__W_MILLONES || w == HX__W_DOCENAS;
}

/* A chunk starting at token i (before lim)? */
static int chunk_at(const hx__events_scan *s, size_t i, size_t lim, chunk *c)
{
    size_t j = i;
    c->quant = -1;
    while (j < lim && !(s->tinfo[j].flags & HX__EVT_TIME)
           && ((HX__EVC(s, j) & HX__EVC_DETS) || (s->tinfo[j].flags & HX__EVT_QUANT))) {
        if ((s->tinfo[j].flags & HX__EVT_QUANT) && c->quant < 0) c->quant = s->tinfo[j].quant;
        if (name_tok(s, j) && !(s->tinfo[j].flags & HX__EVT_QUANT)) break;
        /* "miles de personas", "14.000 de ellos" */
        if ((is_big_number_word(s, j) || (s->tinfo[j].flags & HX__EVT_QUANT)) && j + 1 < lim
            && HX__EVIS(s, j + 1, DE) && !(s->tinfo[j + 1].flags & HX__EVT_QUANT))
            j++;
        j++;
    }
    if (j >= lim || (s->tinfo[j].flags & HX__EVT_TIME) || (s->t[j].flags & HX__T_PUNCT)) return 0;
    c->s = i;
    c->h = j;
    c->name = 0;
    size_t end;
    const hx__ev_actor *a = actor_at(s, j, lim, &end);
    if (a) {
        c->e = extend_of(s, extend_mods(s, end, lim), lim);
    } else if (name_tok(s, j)) {
        c->e = name_run(s, j, lim);
        c->name = 1;
        while (c->e < lim && is_demonym(s, c->e, lim) && !(s->t[c->e].flags & HX__T_UPPER)) c->e++;
    } else if (j > i && is_demonym(s, j, lim)) {
        c->e = j + 1;
    } else if (j > i && (s->t[j].flags & HX__T_WORD) && !(s->t[j].flags & HX__T_UPPER) && j + 1 < lim
               && !(HX__EVC(s, j) & HX__EVC_PREPS) && is_demonym(s, j + 1, lim)) {
        c->e = extend_mods(s, j + 1, lim); /* "el petróleo venezolano", "tres rehenes israelíes" */
    } else if ((s->t[j].flags & HX__T_WORD) && !(HX__EVC(s, j) & HX__EVC_PREPS) && j + 2 < lim
               && (HX__EVIS(s, j + 1, DE) || HX__EVIS(s, j + 1, DEL))
               && name_tok(s, j + 2) && j > i) {
        c->h = j + 2;
        c->e = name_run(s, j + 2, lim);
        c->name = 1;
    } else {
        return 0;
    }
    attributes(s, c);
    return 1;
}

/* ---------------------------------------------------------------- assignment */

static int root_of(const hx__ev_entry *e, const char *root)
{
    return e->code[0] == root[0] && e->code[1] == root[1];
}

/* A place: known as one, or a name that is neither a role nor an organisation. */
static int is_place(const chunk *c)
{
    return c->place || (c->name && !c->role[0] && (!c->country[0] || strlen(c->country) == 2));
}

/* Verbs whose object noun names the event their subject does ("realizó maniobras",
 * "lanzó una ofensiva") or suffers ("sufrió un ataque"). */
static const char *const LIGHT[] = {
    "realizar", "llevar", "iniciar", "lanzar", "efectuar", "cometer", "perpetrar",
    "protagonizar", "convocar", "organizar", "emprender", "ejecutar", "aprobar", "adoptar",
    "mantener", "celebrar", "declarar", "decretar", "imponer", "desatar", "desencadenar",
    "intensificar", "reanudar", "continuar", "dirigir", "encabezar", "liderar", "comenzar",
    "empezar", "anunciar", "ordenar", "hacer", "dar", "firmar", "acordar", "pactar",
    "alcanzar", "emitir", "presentar", "formular", "expresar", NULL};
static const char *const SUFFER[] = {"sufrir", "padecer", "recibir", "soportar", NULL};

/* 1 when the trigger at t0 is the object of a light verb, 2 of a "suffer" verb. */
static int light_verb(const hx__events_scan *s, size_t cs, size_t t0)
{
    size_t k = t0;
    for (int steps = 0; k > cs && steps < 4; steps++) {
        if (!(HX__EVC(s, k - 1) & (HX__EVC_DETS | HX__EVC_ADJS)) && !(s->tinfo[k - 1].flags & HX__EVT_QUANT))
            break;
        k--;
    }
    if (k <= cs) return 0;
    const char *w = HX__EVW(s, k - 1);
    size_t n = strlen(w);
    char lem[HX__LEMMA_MAX];
    if (n < 2 || n + 8 > HX__LEMMA_MAX) return 0;
    size_t ln = hx__lemma_verb(w, n, lem, sizeof lem, NULL);
    if (!ln) return 0;
    if (hx__ev_in(lem, LIGHT)) return 1;
    if (hx__ev_in(lem, SUFFER)) return 2;
    return 0;
}

static void set_arg(hx__ev_arg *a, const chunk *c)
{
    a->first = (uint32_t)c->h;
    a->last = (uint32_t)c->e;
    memcpy(a->country, c->country, sizeof a->country);
    memcpy(a->role, c->role, sizeof a->role);
    a->entity = c->entity;
}

/* What introduces a chunk (prep_before): HX__W_NONE for nothing, the HX__W_* id of the
 * preposition, conjunction or comma, or PREP_OTHER for a preposition without an id. */
#define PREP_OTHER ((unsigned)HX__W_COUNT)

static unsigned prep_bit(unsigned p)
{
    switch (p) {
    case HX__W_A: return HX__EV_A;
    case HX__W_AL: return HX__EV_A | HX__EV_AL;
    case HX__W_CON: return HX__EV_CON;
    case HX__W_CONTRA: return HX__EV_CONTRA;
    case HX__W_DE: case HX__W_DEL: return HX__EV_DE;
    case HX__W_EN: return HX__EV_EN;
    case HX__W_SOBRE: return HX__EV_SOBRE;
    case HX__W_ENTRE: return HX__EV_ENTRE;
    case HX__W_ANTE: return HX__EV_ANTE;
    case HX__W_POR: return HX__EV_POR;
    case HX__W_HACIA: return HX__EV_HACIA;
    case HX__W_FRENTE: return HX__EV_FRENTE;
    case HX__W_COMO: return HX__EV_COMO;
    case HX__W_JUNTO: return HX__EV_JUNTO;
    case HX__W_CERCA: return HX__EV_CERCA;
    default: return 0;
    }
}

/* The preposition introducing chunk c (HX__W_NONE when none); "frente a", "junto a",
 * "cerca de" and "por parte de" count as their first word. */
static unsigned prep_before(const hx__events_scan *s, const chunk *c, size_t from)
{
    if (c->s <= from) return HX__W_NONE;
    size_t p = c->s - 1;
    unsigned w = s->tinfo[p].wid;
    if ((w == HX__W_A || w == HX__W_DE || w == HX__W_CON) && p > from) {
        unsigned w2 = s->tinfo[p - 1].wid;
        if (w2 == HX__W_FRENTE || w2 == HX__W_JUNTO || w2 == HX__W_CERCA) return w2;
        if (w2 == HX__W_PARTE) return HX__W_POR;
    }
    if (w == HX__W_Y || w == HX__W_O || w == HX__W_NI || w == HX__W_COMMA) return w;
    if (HX__EVC(s, p) & HX__EVC_PREPS) return w != HX__W_NONE ? w : PREP_OTHER;
    return HX__W_NONE;
}

static int is_participle(const char *w)
{
    size_t n = strlen(w);
    static const char *const ends[] = {"ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas",
                                       "to", "ta", "tos", "tas", "cho", "cha", NULL};
    for (size_t k = 0; ends[k]; k++) {
        size_t m = strlen(ends[k]);
        if (n > m + 2 && strcmp(w + n - m, ends[k]) == 0) return 1;
    }
    return 0;
}

/* The time of the event: the nearest time expression of its clause (-1: none, the
 * document date applies). */
static int32_t pick_time(const hx__events_scan *s, size_t t0, size_t cs, size_t ce)
{
    int32_t best = -1;
    size_t bestd = SIZE_MAX;
    {
        size_t a = cs, b = ce;
        for (size_t k = a; k < b; k++) {
            if (s->tinfo[k].time < 0) continue;
            const hx__time *tm = HX__VEC_AT(s->doc->times, hx__time, s->tinfo[k].time);
            if (tm->type && strcmp(tm->type, "DURATION") == 0) continue;
            size_t d = k > t0 ? k - t0 : t0 - k;
            if (d < bestd) {
                bestd = d;
                best = s->tinfo[k].time;
            }
        }
    }
    return best;
}

/* The subject of the clause [cs, trigger): its first chunk that no preposition
 * introduces, with what an apposition adds ("Kim Jong-un, líder de Corea del Norte,")
 * and, in *coord, a second conjunct ("Rusia y Ucrania canjearon").  A place after
 * "en" on the way is the event's place.  c is the caller's scratch chunk.  Returns
 * whether there is one. */
static int find_subject(const hx__events_scan *s, hx__event *ev, size_t cs, chunk *c, chunk *subj,
                        chunk *coord, int *have_coord)
{
    size_t t0 = ev->trig0;
    int pp_prev = 0, have_subj = 0;
    for (size_t i = cs; i < t0; i++) {
        if (!chunk_at(s, i, t0, c)) continue;
        unsigned p = prep_before(s, c, cs);
        int pp;
        if (p == HX__W_Y || p == HX__W_O || p == HX__W_NI) pp = pp_prev;
        else pp = p != HX__W_NONE && p != HX__W_COMMA;
        if (p == HX__W_EN && is_place(c) && ev->place1 == ev->place0) {
            ev->place0 = (uint32_t)c->h;
            ev->place1 = (uint32_t)c->e;
        }
        if (!pp && !have_subj) {
            *subj = *c;
            have_subj = 1;
            if (c->e + 1 < t0 && (HX__EVIS(s, c->e, Y) || HX__EVIS(s, c->e, E))
                && chunk_at(s, c->e + 1, t0, coord) && prep_before(s, coord, cs) != HX__W_NONE)
                *have_coord = 1;
            chunk ap;
            if (c->e + 1 < t0 && HX__EVIS(s, c->e, COMMA) && chunk_at(s, c->e + 1, t0, &ap)) {
                if (!subj->role[0]) memcpy(subj->role, ap.role, sizeof subj->role);
                if (!subj->country[0]) memcpy(subj->country, ap.country, sizeof subj->country);
                if (subj->entity < 0) subj->entity = ap.entity;
                i = ap.e - 1;
                pp_prev = pp;
                continue;
            }
        }
        pp_prev = pp;
        i = c->e - 1;
    }
    return have_subj;
}

/* The complements after the trigger ([trig1, ce)): up to the first comma after the
 * trigger's words (and not past an infinitive, "ayudaron a expulsar a las fuerzas")
 * the target, the actor of a passive or a noun ("por X", "de X"), "entre X y Y" and
 * the quantity; past the comma only a place.  c is the caller's scratch chunk. */
static void complements(const hx__events_scan *s, hx__event *ev, size_t after, size_t ce,
                        int passive, int nominal, chunk *c)
{
    const hx__ev_entry *e = ev->entry;
    size_t t1 = ev->trig1;
    /* complements, up to the first comma after the trigger's words */
    size_t ke = after;
    while (ke < ce && !HX__EVIS(s, ke, COMMA)) ke++;
    /* nor past an infinitive: "ayudaron a expulsar a las fuerzas" */
    for (size_t k = after; k < ke; k++) {
        const char *w = HX__EVW(s, k);
        size_t n = HX__EVLEN(s, k);
        if (k > after && n > 3 && w[n - 1] == 'r' && (w[n - 2] == 'a' || w[n - 2] == 'e' || w[n - 2] == 'i')
            && (HX__EVC(s, k - 1) & HX__EVC_PREPS) && !(s->t[k].flags & HX__T_UPPER)) {
            ke = k;
            break;
        }
    }
    unsigned prev_bit = 0;
    int entre = 0;
    for (size_t i = t1; i < ce; i++) {
        if (s->tinfo[i].flags & HX__EVT_QUANT && ev->quant < 0 && i < ke && !(s->tinfo[i].flags & HX__EVT_TIME))
            ev->quant = s->tinfo[i].quant;
        if (!chunk_at(s, i, ce, c)) continue;
        unsigned p = prep_before(s, c, t1);
        unsigned bit = prep_bit(p);
        if (p == HX__W_Y || p == HX__W_O || p == HX__W_COMMA) bit = prev_bit | 0x80000000u;
        else if (p == HX__W_NONE) bit = HX__EV_DOBJ;
        if (i >= ke && !(bit & HX__EV_EN)) { /* past the comma: places only */
            i = c->e - 1;
            prev_bit = bit;
            continue;
        }
        int is_coord = (bit & 0x80000000u) != 0;
        bit &= ~0x80000000u;
        if ((bit & HX__EV_EN) && is_place(c) && ev->place0 == ev->place1) {
            ev->place0 = (uint32_t)c->h;
            ev->place1 = (uint32_t)c->e;
            /* "la ofensiva en Donetsk": where it happens is also what it is aimed at */
            if ((e->tgt & HX__EV_EN) && ev->target.first == ev->target.last) set_arg(&ev->target, c);
        } else if ((bit & HX__EV_POR) && (passive || nominal) && ev->actor.first == ev->actor.last) {
            set_arg(&ev->actor, c);
        } else if ((bit & HX__EV_DE) && nominal && e->act_de && ev->actor.first == ev->actor.last && !is_coord) {
            set_arg(&ev->actor, c);
        } else if ((bit & HX__EV_ENTRE) && (e->tgt & HX__EV_ENTRE) && !is_coord) {
            if (ev->actor.first == ev->actor.last) {
                set_arg(&ev->actor, c);
                entre = 1;
            } else if (ev->target.first == ev->target.last) {
                set_arg(&ev->target, c);
            }
        } else if (is_coord && entre && ev->target.first == ev->target.last) {
            set_arg(&ev->target, c);
            entre = 0;
        } else if (!is_coord && (bit & e->tgt) && ev->target.first == ev->target.last
                   && !(bit == HX__EV_DOBJ && passive)) {
            set_arg(&ev->target, c);
            if (c->quant >= 0 && ev->quant < 0) ev->quant = c->quant;
            if (e->count && c->quant >= 0) {
                const hx__quant *q = HX__VEC_AT(s->doc->quants, hx__quant, c->quant);
                if (q->value >= 1 && (c->role[0] || c->h > c->s)) ev->counts[e->count] = q->value;
            }
        }
        prev_bit = bit;
        i = c->e - 1;
    }
}

/* ---------------------------------------------------------------- from the tree */

static int upos_is(const hx__tree *T, size_t i, const char *name)
{
    return strcmp(hx__upos_name(T->upos[i]), name) == 0;
}

static int verbal_tok(const hx__tree *T, size_t i)
{
    return upos_is(T, i, "VERB") || upos_is(T, i, "AUX");
}

/* A pronoun is not a participant (docs/annotation.md): relative or personal. */
static int pronoun_tok(const hx__events_scan *s, const hx__tree *T, size_t i)
{
    static const char *const rel[] = {"cual", "cuales", NULL};
    return upos_is(T, i, "PRON") || HX__EVIS(s, i, QUE) || HX__EVIS(s, i, QUIEN)
           || HX__EVIS(s, i, QUIENES) || hx__ev_in(HX__EVW(s, i), rel);
}

static int relative_tok(const hx__events_scan *s, size_t i)
{
    static const char *const rel[] = {"cual", "cuales", NULL};
    return HX__EVIS(s, i, QUE) || HX__EVIS(s, i, QUIEN) || HX__EVIS(s, i, QUIENES)
           || hx__ev_in(HX__EVW(s, i), rel);
}

/* Is token v an infinitive or a gerund (its subject is its governor's)? */
static int nonfinite(const hx__events_scan *s, size_t v)
{
    const char *w = HX__EVW(s, v);
    size_t n = HX__EVLEN(s, v);
    if (n < 4) return 0;
    if (w[n - 1] == 'r' && (w[n - 2] == 'a' || w[n - 2] == 'e' || w[n - 2] == 'i')) return 1;
    return n > 5 && (strcmp(w + n - 4, "ando") == 0 || strcmp(w + n - 4, "endo") == 0);
}

/* The subject of verb v from the tree: its nsubj (a relative pronoun stands for the
 * noun the relative clause hangs from; a personal pronoun is nobody); without one, the
 * subject of the verb it is coordinated with, of the verb an infinitive or gerund
 * complements ("decidió enviar"), of the main clause for an adverbial clause ("según
 * comunicó").  -1: none (pro-drop, impersonal); -2: the tree is wrong there. */
static long tree_subject(const hx__events_scan *s, const hx__tree *T, size_t v, int depth)
{
    if (depth > 5) return -1;
    long c = hx__ev_child(T, s->sfirst, s->slast, v, HX__DEP_NSUBJ);
    /* a subject with a preposition ("Según el Ministerio, ...") is a misparse */
    if (c >= 0 && hx__ev_case_of(s, T, (size_t)c) != HX__W_NONE) return -2;
    if (c >= 0) {
        if (relative_tok(s, (size_t)c))
            return T->kind[v] == HX__DEP_ACL_RELCL && T->head[v] >= 0 ? T->head[v] : -1;
        return pronoun_tok(s, T, (size_t)c) ? -1 : c;
    }
    if (hx__ev_child(T, s->sfirst, s->slast, v, HX__DEP_NSUBJ_PASS) >= 0
        || hx__ev_child(T, s->sfirst, s->slast, v, HX__DEP_CSUBJ) >= 0)
        return -1;
    int32_t h = T->head[v];
    /* "un hombre que atacó a dos vecinos": a relative clause with its object and
     * no subject has the relative pronoun as subject, read as its antecedent */
    if ((T->kind[v] == HX__DEP_ACL_RELCL || T->kind[v] == HX__DEP_ACL) && h >= 0 && v > s->sfirst
        && relative_tok(s, v - 1) && hx__ev_child(T, v + 1, s->slast, v, HX__DEP_OBJ) >= 0
        && !pronoun_tok(s, T, (size_t)h))
        return h;
    if (h < 0 || !verbal_tok(T, (size_t)h)) return -1;
    unsigned k = T->kind[v];
    if (k == HX__DEP_CONJ || k == HX__DEP_XCOMP || k == HX__DEP_ADVCL
        || ((k == HX__DEP_CCOMP || k == HX__DEP_OBJ) && nonfinite(s, v)))
        return tree_subject(s, T, (size_t)h, depth + 1);
    return -1;
}

/* The name an apposition gives to phrase head a ("el ministro de Defensa, Federico
 * Trillo,"): the appositive's head when its phrase holds a proper noun, else a. */
static size_t named(const hx__events_scan *s, const hx__tree *T, size_t a)
{
    if (upos_is(T, a, "PROPN")) return a;
    long p = hx__ev_child(T, a + 1, s->slast, a, HX__DEP_APPOS);
    if (p < 0) return a;
    size_t x, y;
    hx__ev_phrase(s, T, (size_t)p, &x, &y);
    for (size_t k = x; k < y && k < (size_t)p + 5; k++)
        if (upos_is(T, k, "PROPN")) return (size_t)p;
    return a;
}

/* The chunk of the phrase headed by h; 0 when it is empty or holds the trigger. */
static int tree_chunk(const hx__events_scan *s, const hx__tree *T, const hx__event *ev,
                      size_t h, chunk *c)
{
    size_t a, b;
    h = named(s, T, h);
    hx__ev_phrase(s, T, h, &a, &b);
    if (a >= b || (a < ev->trig1 && ev->trig0 < b)) return 0;
    c->s = c->h = a;
    c->e = b;
    c->quant = -1;
    for (size_t k = a; k < b && k <= h; k++)
        if (s->tinfo[k].quant >= 0 && !(s->tinfo[k].flags & HX__EVT_TIME)) {
            c->quant = s->tinfo[k].quant;
            break;
        }
    /* as the clause reading does, the span starts past a leading number ("dos
     * periodistas" -> "periodistas"; the number is the event's quantity) */
    while (c->h < h && ((s->tinfo[c->h].flags & HX__EVT_QUANT) || (HX__EVC(s, c->h) & HX__EVC_DETS)))
        c->h++;
    c->name = name_tok(s, h);
    attributes(s, c);
    return 1;
}

/* The trigger's head token in the tree: its first word whose head lies outside it. */
static size_t tree_trigger(const hx__tree *T, const hx__event *ev)
{
    for (size_t k = ev->trig0; k < ev->trig1; k++)
        if (T->head[k] < (int32_t)ev->trig0 || T->head[k] >= (int32_t)ev->trig1) return k;
    return ev->trig0;
}

/* The complement of v the entry's target bits allow (object, or a phrase with the
 * preposition the pattern asks for), first in the text; -1: none. */
static long tree_target(const hx__events_scan *s, const hx__tree *T, const hx__event *ev, size_t v)
{
    for (size_t i = s->sfirst; i < s->slast; i++) {
        if (T->head[i] != (int32_t)v) continue;
        unsigned k = T->kind[i];
        if (k != HX__DEP_OBJ && k != HX__DEP_IOBJ && k != HX__DEP_OBL && k != HX__DEP_OBL_ARG
            && k != HX__DEP_NMOD)
            continue;
        unsigned p = hx__ev_case_of(s, T, i);
        unsigned bit = p == HX__W_NONE ? HX__EV_DOBJ : prep_bit(p);
        if ((s->tinfo[i].flags & HX__EVT_TIME) || (s->tinfo[i].flags & HX__EVT_QUANT)) continue;
        if ((bit & ev->entry->tgt) && !pronoun_tok(s, T, i)) return (long)i;
    }
    return -1;
}

/* The agent of a passive: obl:agent, or a phrase with "por" ("por parte de"). */
static long tree_agent(const hx__events_scan *s, const hx__tree *T, size_t v)
{
    for (size_t i = v + 1; i < s->slast; i++) {
        if (T->head[i] != (int32_t)v) continue;
        unsigned k = T->kind[i];
        if (k == HX__DEP_OBL_AGENT
            || ((k == HX__DEP_OBL || k == HX__DEP_OBJ || k == HX__DEP_NMOD || k == HX__DEP_IOBJ
                 || k == HX__DEP_OBL_ARG)
                && hx__ev_case_of(s, T, i) == HX__W_POR))
            return pronoun_tok(s, T, i) ? -1 : (long)i;
    }
    return -1;
}

static int p_is_entre(const hx__events_scan *s, const hx__tree *T, size_t i)
{
    return hx__ev_case_of(s, T, i) == HX__W_ENTRE;
}

/* The participants of a noun trigger from its nmod complements ("el envío de tropas a
 * Rusia", "la reunión entre X e Y", "el ataque de los rebeldes contra la base"), and,
 * without an actor of its own, the subject of the light verb that takes it as object
 * ("lanzó una ofensiva"; "sufrió un ataque": the target). */
static void tree_noun(const hx__events_scan *s, const hx__tree *T, hx__event *ev, size_t v)
{
    const hx__ev_entry *e = ev->entry;
    long act = -1, tgt = -1;
    for (size_t i = v + 1; i < s->slast; i++) {
        if (T->head[i] != (int32_t)v || (T->kind[i] != HX__DEP_NMOD && T->kind[i] != HX__DEP_OBL))
            continue;
        unsigned p = hx__ev_case_of(s, T, i);
        if (act < 0 && (p == HX__W_POR || ((p == HX__W_DE || p == HX__W_DEL) && e->act_de))) {
            act = (long)i;
        } else if (act < 0 && p == HX__W_ENTRE && (e->tgt & HX__EV_ENTRE)) {
            act = (long)i;
            tgt = hx__ev_child(T, i + 1, s->slast, i, HX__DEP_CONJ);
        } else if (tgt < 0 && p != HX__W_DE && p != HX__W_DEL && (prep_bit(p) & e->tgt)) {
            tgt = (long)i;
        }
    }
    chunk c;
    if (act >= 0 && tgt > act && p_is_entre(s, T, (size_t)act)) {
        /* "entre Putin y Xi": the first party acts, the other is the target */
        if (tree_chunk(s, T, ev, (size_t)act, &c) && tree_chunk(s, T, ev, (size_t)tgt, &c)) {
            chunk a;
            tree_chunk(s, T, ev, (size_t)act, &a);
            size_t stop = c.s;
            while (stop > a.h + 1 && ((s->t[stop - 1].flags & HX__T_PUNCT) || HX__EVIS(s, stop - 1, Y)
                                      || HX__EVIS(s, stop - 1, E)))
                stop--;
            if (stop < a.e) a.e = stop;
            attributes(s, &a);
            set_arg(&ev->actor, &a);
            set_arg(&ev->target, &c);
            return;
        }
    }
    /* "de X" is the actor only when X can act: a name, a role, a country, an entity
     * ("las amenazas de muerte" have none) */
    if (act >= 0 && !pronoun_tok(s, T, (size_t)act) && tree_chunk(s, T, ev, (size_t)act, &c)
        && (c.name || c.role[0] || c.country[0] || c.entity >= 0))
        set_arg(&ev->actor, &c);
    else
        act = -1;
    /* "la visita que el ministro cursó": the subject of a relative clause whose object
     * is the noun */
    for (size_t i = v + 1; act < 0 && i < s->slast; i++) {
        if (T->head[i] != (int32_t)v || T->kind[i] != HX__DEP_ACL_RELCL) continue;
        long o = hx__ev_child(T, v + 1, i, i, HX__DEP_OBJ);
        long sj = o >= 0 && relative_tok(s, (size_t)o) ? tree_subject(s, T, i, 0) : -1;
        if (sj >= 0 && sj != (long)v && tree_chunk(s, T, ev, (size_t)sj, &c)) {
            set_arg(&ev->actor, &c);
            act = sj;
        }
    }
    if (tgt >= 0 && !pronoun_tok(s, T, (size_t)tgt) && tree_chunk(s, T, ev, (size_t)tgt, &c))
        set_arg(&ev->target, &c);
    int32_t h = T->head[v];
    if (act >= 0 || T->kind[v] != HX__DEP_OBJ || h < 0 || !verbal_tok(T, (size_t)h)) return;
    char lem[HX__LEMMA_MAX];
    const char *w = HX__EVW(s, (size_t)h);
    size_t n = strlen(w);
    if (n < 2 || n + 8 > HX__LEMMA_MAX || !hx__lemma_verb(w, n, lem, sizeof lem, NULL)) return;
    static const char *const more[] = {"concluir", "cursar", "terminar", "finalizar",
                                       "proseguir", "mantener", "protagonizar", NULL};
    int light = hx__ev_in(lem, LIGHT) || hx__ev_in(lem, more) ? 1 : hx__ev_in(lem, SUFFER) ? 2 : 0;
    long sj = light ? tree_subject(s, T, (size_t)h, 0) : -1;
    if (sj >= 0 && tree_chunk(s, T, ev, (size_t)sj, &c)) set_arg(light == 1 ? &ev->actor : &ev->target, &c);
}

/* Is verb v passive: "fue detenido" (aux:pass, or "ser" as its auxiliary before a
 * participle), "se firmó un convenio" (expl:pass), a participle modifying a noun ("las
 * instituciones puestas en marcha por la UNMIK")? */
static int tree_passive(const hx__events_scan *s, const hx__tree *T, size_t v)
{
    if (hx__ev_child(T, s->sfirst, s->slast, v, HX__DEP_AUX_PASS) >= 0
        || hx__ev_child(T, s->sfirst, s->slast, v, HX__DEP_EXPL_PASS) >= 0
        || hx__ev_child(T, s->sfirst, s->slast, v, HX__DEP_NSUBJ_PASS) >= 0)
        return 1;
    if (!is_participle(HX__EVW(s, v))) return 0;
    if (T->kind[v] == HX__DEP_ACL || T->kind[v] == HX__DEP_AMOD) return 1;
    for (size_t i = s->sfirst; i < v; i++)
        if (T->head[i] == (int32_t)v && T->kind[i] == HX__DEP_AUX && (HX__EVC(s, i) & HX__EVC_SER_AUX))
            return 1;
    return 0;
}

/* Does the path up from token k reach v without leaving v's clause? */
static int in_clause_of(const hx__events_scan *s, const hx__tree *T, size_t k, size_t v)
{
    size_t x = k;
    for (size_t steps = 0; steps <= s->slast - s->sfirst; steps++) {
        if (x == v) return 1;
        unsigned kd = T->kind[x];
        if (kd == HX__DEP_CCOMP || kd == HX__DEP_ADVCL || kd == HX__DEP_ACL || kd == HX__DEP_ACL_RELCL
            || kd == HX__DEP_PARATAXIS || kd == HX__DEP_CSUBJ || kd == HX__DEP_CONJ || kd == HX__DEP_XCOMP
            || T->head[x] < 0 || (size_t)T->head[x] < s->sfirst || (size_t)T->head[x] >= s->slast)
            return 0;
        x = (size_t)T->head[x];
    }
    return 0;
}

/* Time and place from the tree: the time expression (not a duration) attached to the
 * trigger's clause, nearest first; when the clause reading found no place, a phrase
 * with "en" under the trigger that names one.  Without them the clause reading stays. */
static void tree_time_place(const hx__events_scan *s, const hx__tree *T, hx__event *ev, size_t v)
{
    size_t bestd = SIZE_MAX;
    for (size_t k = s->sfirst; k < s->slast; k++) {
        int32_t tm = s->tinfo[k].time;
        if (tm < 0 || (k > s->sfirst && s->tinfo[k - 1].time == tm)) continue; /* first token only */
        const hx__time *x = HX__VEC_AT(s->doc->times, hx__time, tm);
        if (x->type && strcmp(x->type, "DURATION") == 0) continue;
        size_t r = k; /* the expression's token whose head lies outside it */
        for (size_t j = k; j < s->slast && s->tinfo[j].time == tm; j++)
            if (T->head[j] < 0 || s->tinfo[T->head[j]].time != tm) {
                r = j;
                break;
            }
        size_t d = k > v ? k - v : v - k;
        if (in_clause_of(s, T, r, v) && d < bestd) {
            bestd = d;
            ev->time = tm;
        }
    }
    for (size_t i = s->sfirst; i < s->slast && ev->place0 == ev->place1; i++) {
        if (T->head[i] != (int32_t)v || (T->kind[i] != HX__DEP_OBL && T->kind[i] != HX__DEP_NMOD)
            || hx__ev_case_of(s, T, i) != HX__W_EN || (s->tinfo[i].flags & HX__EVT_TIME))
            continue;
        chunk c;
        if (tree_chunk(s, T, ev, i, &c) && is_place(&c)) {
            ev->place0 = (uint32_t)c.h;
            ev->place1 = (uint32_t)c.e;
            break;
        }
    }
}

/* Actor and target of ev read from the tree of its sentence, over what the clause
 * heuristics found: the subject (the agent of a passive, whose subject is the target)
 * and the complement the pattern asks for; a noun trigger's nmod complements. */
static void tree_arguments(const hx__events_scan *s, const hx__tree *T, hx__event *ev,
                           int nominal)
{
    size_t v = tree_trigger(T, ev);
    chunk c;
    tree_time_place(s, T, ev, v);
    if (nominal || upos_is(T, v, "NOUN")) {
        if (nominal) tree_noun(s, T, ev, v);
        return;
    }
    int passive = tree_passive(s, T, v);
    long act, tgt;
    if (passive) {
        act = tree_agent(s, T, v);
        tgt = hx__ev_child(T, s->sfirst, s->slast, v, HX__DEP_NSUBJ_PASS);
        if (tgt < 0) tgt = hx__ev_child(T, s->sfirst, s->slast, v, HX__DEP_NSUBJ);
        if (tgt >= 0 && pronoun_tok(s, T, (size_t)tgt)) tgt = -1;
    } else {
        act = tree_subject(s, T, v, 0);
        tgt = tree_target(s, T, ev, v);
    }
    ev->passive = (unsigned char)passive;
    if (act == -2) return; /* a broken reading: the clause heuristics' stays */
    memset(&ev->actor, 0, sizeof ev->actor);
    ev->actor.entity = -1;
    if (act >= 0 && tree_chunk(s, T, ev, (size_t)act, &c)) set_arg(&ev->actor, &c);
    if (tgt >= 0 && tree_chunk(s, T, ev, (size_t)tgt, &c)
        && !(c.h < ev->actor.last && ev->actor.first < c.e))
        set_arg(&ev->target, &c);
}

void hx__ev_arguments(hx__events_scan *s, hx__event *ev, size_t cs, size_t after)
{
    const hx__ev_entry *e = ev->entry;
    size_t t0 = ev->trig0, t1 = ev->trig1;
    size_t ce = hx__ev_clause_end(s, s->slast, after > t1 ? after : t1);
    const char *tw = HX__EVW(s, t0);
    int verbal = e->cat == 'V' || e->cat == 'A';
    int nominal = !verbal;
    int passive = 0;
    chunk c, subj = {0}, coord = {0};
    int have_subj = 0, have_coord = 0, light = 0;

    if (e->cat == 'F' && t0 > cs) { /* a fixed phrase used as a verb ("abrieron fuego") */
        if (!(HX__EVC(s, t0 - 1) & (HX__EVC_DETS | HX__EVC_PREPS)) && !(s->tinfo[t0 - 1].flags & HX__EVT_QUANT)) {
            verbal = 1;
            nominal = 0;
        }
    }
    if (e->cat == 'A' || (e->cat == 'V' && is_participle(tw))) {
        size_t k = t0;
        while (k > cs && (HX__EVIS(s, k - 1, YA) || HX__EVIS(s, k - 1, NO))) k--;
        unsigned p = k > cs ? HX__EVC(s, k - 1) : 0u;
        if (p & HX__EVC_SER_AUX) passive = 1;
        else if (!(p & HX__EVC_HABER) && k > cs && !(s->t[k - 1].flags & HX__T_PUNCT)) passive = 1;
        else if (e->cat == 'A' && !(p & HX__EVC_HABER)) passive = 1;
    }
    ev->passive = (unsigned char)passive;

    have_subj = find_subject(s, ev, cs, &c, &subj, &coord, &have_coord);
    /* a gerund after a comma shares the subject of the sentence's first clause:
     * "El servicio de inteligencia estima que ..., atribuyendo las bajas a ..." */
    if (verbal && t0 > s->sfirst && HX__EVIS(s, t0 - 1, COMMA)) {
        size_t n = strlen(tw);
        if (n > 5 && (strcmp(tw + n - 4, "ando") == 0 || strcmp(tw + n - 4, "endo") == 0)) {
            size_t e0 = hx__ev_clause_end(s, t0, s->sfirst);
            for (size_t i = s->sfirst; i < e0; i++) {
                if (!chunk_at(s, i, e0, &c)) continue;
                if (prep_before(s, &c, s->sfirst) == HX__W_NONE) {
                    subj = c;
                    have_subj = 1;
                    have_coord = 0;
                    break;
                }
                i = c.e - 1;
            }
        }
    }
    /* a relative clause: "las fuerzas ucranianas que incursionaron" */
    if (!have_subj && cs > s->sfirst + 1
        && (HX__EVIS(s, cs - 1, QUE) || HX__EVIS(s, cs - 1, QUIENES) || HX__EVIS(s, cs - 1, QUIEN))) {
        size_t rs = hx__ev_clause_start(s, s->sfirst, cs - 1);
        for (size_t i = rs; i < cs - 1; i++) {
            if (!chunk_at(s, i, cs - 1, &c)) continue;
            /* right before "que" any phrase may be the antecedent ("a las fuerzas que
             * incursionaron"); after a comma only one no preposition introduces */
            unsigned p = prep_before(s, &c, rs);
            int pp = p != HX__W_NONE && p != HX__W_COMMA && p != HX__W_Y;
            if (c.e == cs - 1 || (!pp && c.e + 1 == cs - 1 && HX__EVIS(s, c.e, COMMA))) {
                subj = c;
                have_subj = 1;
            }
            i = c.e - 1;
        }
    }
    if (nominal && have_subj) light = light_verb(s, cs, t0);
    /* a casualty record: whoever died or was hurt is the target, nobody the actor */
    if (e->code[0] == '-' && have_subj && !passive) passive = 1;
    if ((verbal || light == 1) && have_subj) {
        if (passive) set_arg(&ev->target, &subj);
        else set_arg(&ev->actor, &subj);
    } else if (light == 2 && have_subj) {
        set_arg(&ev->target, &subj);
    }
    if (ev->quant < 0 && have_subj && passive) ev->quant = subj.quant;

    complements(s, ev, after, ce, passive, nominal, &c);
    if (have_coord && (verbal || light == 1) && !passive && ev->target.first == ev->target.last)
        set_arg(&ev->target, &coord);
    /* "la ofensiva rusa", "un ataque israelí": the adjective names the actor */
    if (nominal && ev->actor.first == ev->actor.last && t1 < s->slast && is_demonym(s, t1, s->slast)) {
        c.s = c.h = t1;
        c.e = t1 + 1;
        c.quant = -1;
        attributes(s, &c);
        set_arg(&ev->actor, &c);
    }
    if (passive && ev->counts[e->count < HX__NCNT ? e->count : 0] < 0 && e->count && have_subj && subj.quant >= 0) {
        const hx__quant *q = HX__VEC_AT(s->doc->quants, hx__quant, subj.quant);
        if (q->value >= 1) ev->counts[e->count] = q->value;
    }
    /* civilians, workers and protesters belong where they act ("miles de personas se
     * manifestaron en Madrid"), as GDELT codes them */
    if (ev->actor.first < ev->actor.last && !ev->actor.country[0] && ev->place0 < ev->place1
        && (root_of(e, "14") || strcmp(ev->actor.role, "CVL") == 0 || strcmp(ev->actor.role, "LAB") == 0
            || strcmp(ev->actor.role, "OPP") == 0)) {
        c.s = c.h = ev->place0;
        c.e = ev->place1;
        c.quant = -1;
        c.name = 1;
        attributes(s, &c);
        if (strlen(c.country) == 2) memcpy(ev->actor.country, c.country, sizeof c.country);
    }
    ev->time = pick_time(s, t0, cs, ce);
    /* the tree is parsed for events that need it: not for casualty records, nor for
     * plain statements (010), whose actor is the source of their claim */
    const hx__tree *T = e->code[0] != '-' && strcmp(e->code, "010") != 0 ? hx__ev_tree(s, ev->sent) : NULL;
    if (T) {
        /* the tree is read within 64 tokens of the trigger, so that a sentence without
         * punctuation (a list, a table) costs linear time, as the clauses do */
        size_t f = s->sfirst, l = s->slast;
        if (t0 > f + 64) s->sfirst = t0 - 64;
        if (l > t1 + 64) s->slast = t1 + 64;
        tree_arguments(s, T, ev, nominal);
        s->sfirst = f;
        s->slast = l;
    }
}

/* Do two participants disagree: different entities, or different countries? */
static int disagree(const hx__ev_arg *a, const hx__ev_arg *b)
{
    if (a->first == a->last || b->first == b->last) return 0;
    if (a->entity >= 0 && b->entity >= 0) return a->entity != b->entity;
    return a->country[0] && b->country[0] && strcmp(a->country, b->country) != 0;
}

long hx__ev_same_event(const hx__events_scan *s, const hx__event *ev)
{
    static const char *const dem[] = {"este", "esta", "estos", "estas", "ese", "esa", "esos",
                                      "esas", "dicho", "dicha", "dichos", "dichas", "aquel",
                                      "aquella", "citado", "citada", "mencionado", "mencionada", NULL};
    size_t t0 = ev->trig0;
    if (ev->entry->cat == 'V' || ev->entry->cat == 'A' || ev->entry->code[0] == '-' || t0 == 0) return -1;
    size_t k = t0 - 1;
    int definite = HX__EVIS(s, k, EL) || HX__EVIS(s, k, LA) || HX__EVIS(s, k, LOS)
                   || HX__EVIS(s, k, LAS) || HX__EVIS(s, k, DEL) || HX__EVIS(s, k, AL)
                   || hx__ev_in(HX__EVW(s, k), dem);
    if (!definite) return -1;
    const hx_doc *doc = s->doc;
    for (size_t i = doc->events.n; i-- > 0;) {
        const hx__event *e = HX__VEC_AT(doc->events, hx__event, i);
        if (e->sent + 2 < ev->sent) break;
        if (e->sent >= ev->sent || !e->entry || e->entry->code[0] == '-' || !root_of(e->entry, ev->entry->code))
            continue;
        if (disagree(&e->actor, &ev->actor) || disagree(&e->target, &ev->target)) continue;
        return e->same ? (long)e->same - 1 : (long)i;
    }
    return -1;
}

int hx__ev_casualty_number(const hx__events_scan *s, size_t i, size_t i1, double *v)
{
    size_t cs = hx__ev_clause_start(s, s->sfirst, i);
    size_t ce = hx__ev_clause_end(s, s->slast, i1);
    int32_t best = -1;
    size_t bestd = SIZE_MAX;
    for (size_t k = i; k > cs && i - k < 9;) {
        k--;
        if (HX__EVIS(s, k, COMMA) || HX__EVIS(s, k, Y)) {
            if (i - k > 2) break;
        }
        if (s->tinfo[k].quant >= 0 && !(s->tinfo[k].flags & HX__EVT_TIME)) {
            best = s->tinfo[k].quant;
            bestd = i - k;
            break;
        }
    }
    for (size_t k = i1; k < ce && k - i1 < 4; k++) {
        if (s->tinfo[k].quant >= 0 && !(s->tinfo[k].flags & HX__EVT_TIME)) {
            if (k - i1 + 1 < bestd && bestd > 2) best = s->tinfo[k].quant;
            break;
        }
    }
    if (best < 0) return 0;
    const hx__quant *q = HX__VEC_AT(s->doc->quants, hx__quant, best);
    if (q->value < 1 || (q->kind && strcmp(q->kind, "number") != 0)) return 0;
    *v = q->value;
    return 1;
}

void hx__ev_mark_entities(hx__events_scan *s)
{
    const hx__entlayer *L = s->doc->layer_data[0];
    if (!L || !s->doc->entities.n) return;
    for (size_t m = 0; m < L->n; m++) {
        const hx__emention *em = &L->m[m];
        for (size_t i = em->first; i < em->last && i < s->nt; i++)
            if (s->tinfo[i].entity < 0) s->tinfo[i].entity = (int32_t)em->entity;
    }
}

void hx__ev_link_claims(hx__events_scan *s)
{
    hx_doc *doc = s->doc;
    /* an event is the claim whose cue triggered it ("afirmó"), else the innermost claim
     * whose content holds its trigger; a hedged claim hedges what it reports */
    for (size_t k = 0; k < doc->events.n; k++) {
        hx__event *ev = HX__VEC_AT(doc->events, hx__event, k);
        int32_t cue = -1, in = -1;
        size_t inw = SIZE_MAX;
        /* claims are in text order of their cues; only those whose cue is near the
         * trigger can report it (a content spans at most a few sentences) */
        size_t lo = 0, hi = doc->claims.n, from = ev->trig0 > 256 ? ev->trig0 - 256 : 0;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (HX__VEC_AT(doc->claims, hx__claim, mid)->cue0 < from) lo = mid + 1;
            else hi = mid;
        }
        for (size_t c = lo; c < doc->claims.n; c++) {
            const hx__claim *cl = HX__VEC_AT(doc->claims, hx__claim, c);
            if (cl->cue0 > ev->trig1 + 256) break;
            if (ev->trig0 < cl->cue1 && cl->cue0 < ev->trig1) cue = (int32_t)c;
            else if (ev->trig0 >= cl->con0 && ev->trig1 <= cl->con1 && cl->con1 - cl->con0 < inw) {
                in = (int32_t)c;
                inw = cl->con1 - cl->con0;
            }
        }
        ev->claim = cue >= 0 ? cue : in;
        if (cue < 0 && in >= 0 && HX__VEC_AT(doc->claims, hx__claim, in)->hedged) ev->hedged = 1;
        /* "confirmaron a EFE fuentes diplomáticas": the claims stage reads inverted and
         * quoted sources, which the subject search does not */
        const hx__claim *cl = cue >= 0 ? HX__VEC_AT(doc->claims, hx__claim, cue) : NULL;
        /* only a short source (a clause is a misread), and over a subject of our own
         * only when it follows the verb */
        if (cl && root_of(ev->entry, "01") && cl->src0 < cl->src1 && cl->src1 - cl->src0 <= 8
            && (ev->actor.first == ev->actor.last || cl->src0 >= ev->trig1) && !cl->inherited && cl->src1 <= doc->toks.n
            && doc->toks.n == s->nt && HX__VEC_AT(doc->toks, hx__tok, cl->src0)->sent == ev->sent) {
            chunk c;
            c.s = c.h = cl->src0;
            while (c.h + 1 < cl->src1 && (HX__EVC(s, c.h) & HX__EVC_DETS)) c.h++;
            c.e = cl->src1;
            c.quant = -1;
            c.name = 0;
            s->sfirst = HX__VEC_AT(doc->sents, hx__sent, ev->sent)->first;
            s->slast = HX__VEC_AT(doc->sents, hx__sent, ev->sent)->last;
            attributes(s, &c);
            set_arg(&ev->actor, &c);
        }
    }
}
