/*
 * events_sense.c -- word senses decided by the arguments: whether a trigger word that has
 * a violent and a non-violent sense ("ejecutar", "disparar", "explotar", "tomar", "batalla",
 * "ofensiva", "enfrentarse") is used in its violent sense in this clause.
 *
 * An entry of data/events.tsv with a sense= key names the kinds of argument that license it
 * (HX__EVS_* in events.h): a person as its object (hum), an armed actor or a weapon (armed),
 * a place or a physical target (site).  The argument words are word classes of the form
 * table (data/events_sense.tsv), the named groups of data/events_actors.tsv (MIL, COP, REB,
 * INS count as armed; role nouns with role CVL as a person), the tagger's LOC mentions and the entities layer
 * (LOC: a site; PER after the personal "a", or after "de" for a noun: a person).
 *
 * How a clause is read (hx__ev_sense_ok):
 *   - nose: the entry is never coded after "se" ("los precios se disparan");
 *   - the domain veto: the first content word after the trigger (and after its object words),
 *     past prepositions and articles, is of class dom ("batalla comercial", "ataque de pánico");
 *   - by=armed (HX__EVS_BYARMED) asks for an armed actor on the subject side, or after "por"
 *     when the trigger is a participle ("fue asesinado por paramilitares");
 *   - an organisation (an ORG entity) that is no armed group as the subject of a verb (a
 *     company: "Telefónica conquistó Brasil") takes no site;
 *   - the subject side (the clause before the trigger) licenses with an armed actor (a state,
 *     a place not after a preposition, counts as one for a verb that may take a site: "Rusia
 *     atacó la central"), and with a person or a site too when the trigger is a participle
 *     after "ser" ("fue ejecutada");
 *   - the complements (up to the end of the clause, 10 tokens at most) license with an armed
 *     actor after any preposition, with a site as a verb's object (bare, or after "a", "al",
 *     "contra", "sobre", "hacia": not "atacó en el último puerto") or after a noun (not after
 *     "entre", "por" or "con": "batalla comercial entre China y EE UU"), and with a person as the bare object or after
 *     "a", "al", "contra", "sobre"; a verb whose bare object is some other word is not licensed
 *     ("ejecutó la opción de compra", "explota un yacimiento").
 *
 * Invariants: reads the scan only; no allocation.
 */
#include "events/events.h"
#include "entities/entities.h"

#include <string.h>

enum {
    ARG_WEAPON = 1u << 5, /* a weapon: licenses as an armed actor, but is not one for by=armed */
    ARG_PER = 1u << 6,    /* a PER entity or a capitalised name: a person after "a" */
    ARG_DEMONYM = 1u << 7, /* a LOC entity written in lower case ("alemana"): a site for a noun */
    ARG_ORG = 1u << 8      /* an ORG entity that is no armed group: a company, a team */
};

/* Do the words of rest (space-separated) follow token j? */
static int rest_follows(const hx__events_scan *s, size_t j, const char *rest)
{
    size_t k = j + 1;
    while (*rest) {
        const char *sp = strchr(rest, ' ');
        size_t n = sp ? (size_t)(sp - rest) : strlen(rest);
        if (k >= s->slast || HX__EVLEN(s, k) != n || memcmp(HX__EVW(s, k), rest, n) != 0) return 0;
        rest += n + (sp ? 1 : 0);
        k++;
    }
    return 1;
}

/* The argument kinds (HX__EVS_HUM, _ARMED, _SITE, ARG_PER) token j may stand for. */
static unsigned arg_class(const hx__events_scan *s, size_t j)
{
    const hx__ev_tinfo *ti = &s->tinfo[j];
    unsigned c = 0, cls = ti->cls;
    if (cls & HX__EVC_HUM) c |= HX__EVS_HUM;
    if (cls & HX__EVC_ARMED) c |= HX__EVS_ARMED;
    if (cls & HX__EVC_WEAPON) c |= ARG_WEAPON | HX__EVS_ARMED;
    if (cls & HX__EVC_SITE) c |= HX__EVS_SITE;
    for (size_t k = 0; ti->actor && k < ti->nact; k++) {
        const hx__ev_actor *a = &hx__ev_actors[ti->actor - 1 + k];
        /* named groups only ("FARC", "Hamás"): role nouns such as "general", "fuerza",
         * "efectivo" have other senses; the armed ones are in data/events_sense.tsv */
        if (a->kind != 'O' && strcmp(a->role, "CVL") != 0) continue;
        if (a->rest[0] && !rest_follows(s, j, a->rest)) continue;
        if (strcmp(a->role, "MIL") == 0 || strcmp(a->role, "COP") == 0 || strcmp(a->role, "REB") == 0
            || strcmp(a->role, "INS") == 0)
            c |= HX__EVS_ARMED;
        else if (strcmp(a->role, "CVL") == 0)
            c |= HX__EVS_HUM;
    }
    if (ti->flags & HX__EVT_LOC) c |= HX__EVS_SITE;
    if (ti->entity >= 0 && (size_t)ti->entity < s->doc->entities.n) {
        const hx__entity *en = HX__VEC_AT(s->doc->entities, hx__entity, (size_t)ti->entity);
        if (en->type && strcmp(en->type, "LOC") == 0) {
            if (!(s->t[j].flags & HX__T_UPPER) && !(c & HX__EVS_SITE)) c |= ARG_DEMONYM;
            c |= HX__EVS_SITE;
        }
        if (en->type && strcmp(en->type, "PER") == 0) c |= ARG_PER;
        if (en->type && strcmp(en->type, "ORG") == 0 && !(c & HX__EVS_ARMED)) c |= ARG_ORG;
    }
    if ((s->t[j].flags & HX__T_UPPER) && j > s->sfirst && !s->caps) c |= ARG_PER;
    return c;
}

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m + 2 && memcmp(w + n - m, suf, m) == 0;
}

static int is_participle(const hx__events_scan *s, size_t i)
{
    const char *w = HX__EVW(s, i);
    size_t n = HX__EVLEN(s, i);
    static const char *const suf[] = {"ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas",
                                      "to", "ta", "tos", "tas", NULL};
    for (size_t k = 0; suf[k]; k++)
        if (ends_with(w, n, suf[k])) return 1;
    return 0;
}

/* An adverb in -mente ("duramente"): not an object. */
static int is_adverb(const hx__events_scan *s, size_t j)
{
    return ends_with(HX__EVW(s, j), HX__EVLEN(s, j), "mente");
}

/* Is token j something a complement scan steps over: an article, punctuation, an adverb,
 * a word of a quantity that is no argument word ("dos vecinos" is read at "vecinos")? */
static int skippable(const hx__events_scan *s, size_t j)
{
    if ((s->tinfo[j].flags & HX__EVT_QUANT) && !(s->tinfo[j].cls & (HX__EVC_HUM | HX__EVC_ARMED | HX__EVC_SITE | HX__EVC_WEAPON)))
        return 1;
    return (HX__EVC(s, j) & HX__EVC_DETS) || !(s->t[j].flags & HX__T_WORD) || is_adverb(s, j);
}

/* The domain veto: is the first content word from token j on (past prepositions, articles
 * and adverbs, 4 tokens at most) of class dom?  ("se manifestó visiblemente molesto") */
static int domain_veto(const hx__events_scan *s, size_t j, size_t end)
{
    for (size_t k = j; k < end && k < j + 4; k++) {
        unsigned cls = HX__EVC(s, k);
        if (cls & HX__EVC_DOM) return 1;
        if (!(cls & (HX__EVC_PREPS | HX__EVC_DETS)) && !is_adverb(s, k)) return 0;
    }
    return 0;
}

/* Is there an armed actor after "por" in tokens [from, end)? ("fue asesinado por ...") */
static int armed_agent(const hx__events_scan *s, size_t from, size_t end)
{
    for (size_t j = from; j + 1 < end; j++) {
        if (!HX__EVIS(s, j, POR)) continue;
        for (size_t k = j + 1; k < end && k < j + 7; k++)
            if ((arg_class(s, k) & (HX__EVS_ARMED | ARG_WEAPON)) == HX__EVS_ARMED) return 1;
        return 0;
    }
    return 0;
}

/* The complements after the trigger: does one license the sense? 1 yes, 0 no. */
static int complements_license(const hx__events_scan *s, int nominal, size_t from, size_t end,
                               unsigned want)
{
    int first = 1;
    unsigned prep = HX__W_NONE;
    int have_prep = 0;
    for (size_t j = from; j < end; j++) {
        unsigned cls = HX__EVC(s, j);
        if (cls & HX__EVC_PREPS) {
            unsigned w = s->tinfo[j].wid;
            /* "la batalla por el control de Prisa": the "de" phrase belongs to the "por"
             * phrase, and keeps its reading */
            int nested = nominal && (w == HX__W_DE || w == HX__W_DEL)
                         && (prep == HX__W_ENTRE || prep == HX__W_POR || prep == HX__W_CON);
            if (!nested) prep = w;
            have_prep = 1;
            continue;
        }
        if (skippable(s, j)) continue;
        unsigned c = arg_class(s, j);
        int personal = !have_prep || prep == HX__W_A || prep == HX__W_AL || prep == HX__W_CONTRA
                       || prep == HX__W_SOBRE || (nominal && (prep == HX__W_DE || prep == HX__W_DEL));
        if ((c & ARG_PER) && personal && have_prep) c |= HX__EVS_HUM;
        if (!personal) c &= ~(unsigned)HX__EVS_HUM;
        if ((nominal && (prep == HX__W_ENTRE || prep == HX__W_POR || prep == HX__W_CON))
            || (!nominal && (c & ARG_DEMONYM))
            || (!nominal && have_prep && prep != HX__W_A && prep != HX__W_AL && prep != HX__W_CONTRA
                && prep != HX__W_SOBRE && prep != HX__W_HACIA))
            c &= ~(unsigned)HX__EVS_SITE;
        if (c & want) return 1;
        /* a verb's object that is none of them, bare or with the personal "a" ("ejecutó la
         * opción", "conquistan a los inversores"), nor is the word after it ("atacaron
         * posiciones rebeldes"): another sense */
        if (first && !nominal && (!have_prep || prep == HX__W_A || prep == HX__W_AL)
            && !(s->t[j].flags & HX__T_UPPER)) {
            size_t k = j + 1;
            if (k >= end || (HX__EVC(s, k) & (HX__EVC_PREPS | HX__EVC_DETS)) || !(s->t[k].flags & HX__T_WORD))
                return 0;
            unsigned ck = arg_class(s, k); /* a demonym is no site here ("el mercado japonés") */
            if (ck & ARG_DEMONYM) ck &= ~(unsigned)HX__EVS_SITE;
            return (ck & want & ~(unsigned)HX__EVS_HUM) != 0;
        }
        first = 0;
    }
    return 0;
}

int hx__ev_sense_ok(const hx__events_scan *s, const hx__ev_entry *e, size_t i, size_t trig1,
                    size_t o1, size_t last)
{
    unsigned want = e->sense & ~(unsigned)HX__EVS_LIGHT;
    if (!want) return 1;
    if ((want & HX__EVS_NOSE) && i > s->sfirst
        && (HX__EVIS(s, i - 1, SE) || (i > s->sfirst + 1 && HX__EVIS(s, i - 2, SE))))
        return 0;
    size_t end = hx__ev_clause_end(s, last, trig1);
    if (end > trig1 + 10) end = trig1 + 10;
    if (domain_veto(s, trig1, end)) return 0;
    /* past the object words of an obj= entry too ("lanzó una ofensiva comercial") */
    if (o1 > trig1 && o1 < end && domain_veto(s, o1, end)) return 0;
    size_t cs = hx__ev_clause_start(s, s->sfirst, i);
    int passive = e->cat != 'N' && is_participle(s, i) && i > cs && (HX__EVC(s, i - 1) & HX__EVC_SER_AUX);
    int armed_subj = 0, other_subj = 0, actor_armed = 0; /* a weapon or an actor / an actor */
    int org_subj = 0; /* an organisation that is no armed group: "Telefónica conquistó Brasil" */
    for (size_t j = cs; j < i; j++) {
        unsigned c = arg_class(s, j);
        if (c & HX__EVS_ARMED) armed_subj = 1;
        if ((c & HX__EVS_ARMED) && !(c & ARG_WEAPON)) actor_armed = 1;
        if (c & ARG_ORG) org_subj = 1;
        if (c & HX__EVS_HUM) other_subj = 1;
        if ((c & HX__EVS_SITE) && (want & HX__EVS_SITE)) {
            other_subj = 1;
            /* a state as the subject of a verb that may take a site ("Rusia atacó la
             * central"): an armed actor; not a place after a preposition ("en Madrid") */
            if (!(c & ARG_DEMONYM) && e->cat == 'V' && (j == cs || !(HX__EVC(s, j - 1) & HX__EVC_PREPS)))
                armed_subj = 1;
        }
    }
    /* the participle may end a fixed phrase ("fue muerto por ...") */
    size_t aend = hx__ev_clause_end(s, last, trig1); /* the agent may come late */
    if ((is_participle(s, i) || is_participle(s, trig1 - 1)) && armed_agent(s, trig1, aend > trig1 + 20 ? trig1 + 20 : aend))
        armed_subj = actor_armed = 1;
    if (want & HX__EVS_BYARMED) {
        if (!actor_armed) return 0;
        want &= ~(unsigned)HX__EVS_BYARMED;
    }
    want &= HX__EVS_HUM | HX__EVS_ARMED | HX__EVS_SITE;
    if (!want) return 1;
    if ((want & HX__EVS_ARMED) && armed_subj) return 1;
    if (org_subj && e->cat == 'V') want &= ~(unsigned)HX__EVS_SITE;
    if (!want) return 0;
    if (passive && other_subj) return 1;
    /* a fixed phrase is a noun after an article or a preposition ("el alto el fuego") */
    int nominal = e->cat == 'N' || e->cat == 'A'
                  || (e->cat == 'F' && i > s->sfirst
                      && (HX__EVC(s, i - 1) & (HX__EVC_DETS | HX__EVC_PREPS)));
    return complements_license(s, nominal, trig1, end, want);
}
