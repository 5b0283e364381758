/*
 * entities_cluster.c -- steps 4 and 5 of the entity stage (see entities.c): mentions
 * grouped into entities in text order, roles resolved to people, and the layer the
 * document keeps (entities in order of first mention, their mentions in text order).
 *
 * Lookups go through per-call indexes so the work stays linear in the document:
 * ntab (every name form seen, by hash of its word ids), per_head (people by each word
 * of their names), acr_head (organisations by the word their initials spell),
 * start_ent/end_ent (people by the tokens their name mentions start and end at).
 */
#include "entities/entities.h"

#include <stdio.h>

static hx_status add_mention(hx__entities_scan *s, uint32_t e, size_t i, size_t j, unsigned kind)
{
    hx__emention *m = hx__vec_push(&s->ments, sizeof *m);
    if (!m) return HX_NOMEM;
    m->b0 = s->t[i].b0;
    m->b1 = s->t[j - 1].b1;
    m->first = (uint32_t)i;
    m->last = (uint32_t)j;
    m->entity = e;
    m->kind = (uint8_t)kind;
    return HX_OK;
}

static int new_entity(hx__entities_scan *s, const char *type, int place, size_t i, size_t j)
{
    hx__ent_went *w = hx__vec_push(&s->ents, sizeof *w);
    if (!w) return -1;
    w->type = type;
    w->place = place;
    w->anchor = -1;
    w->bf = (uint32_t)i;
    w->bl = (uint32_t)j;
    w->conf = 1.0f;
    w->geo = -1;
    w->role = -1;
    return (int)(s->ents.n - 1);
}

/* Word tokens of [i, j) as folded strings equal those of [k, l)? */
static int same_words(const hx__entities_scan *s, size_t i, size_t j, size_t k, size_t l)
{
    if (j - i != l - k) return 0;
    for (; i < j; i++, k++)
        if (s->wid[i] != s->wid[k]) return 0;
    return 1;
}

/* Every word of [i, j) is a word of [k, l)? */
static int words_within(const hx__entities_scan *s, size_t i, size_t j, size_t k, size_t l)
{
    int any = 0;
    for (size_t a = i; a < j; a++) {
        if (!(s->t[a].flags & HX__T_WORD) || (s->wcls[a] & HX__ENT_W_CONN)) continue;
        int found = 0;
        for (size_t b = k; b < l && !found; b++) found = s->wid[a] == s->wid[b];
        if (!found) return 0;
        any = 1;
    }
    return any;
}

/* The initials of the capitalised words of [i, j) ("OTAN"), folded, into out. */
static size_t initials(const hx__entities_scan *s, size_t i, size_t j, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t k = i; k < j && n + 1 < cap; k++)
        if ((s->t[k].flags & HX__T_WORD) && (s->t[k].flags & HX__T_UPPER)) out[n++] = hx__ent_ftok(s, k)[0];
    out[n] = '\0';
    return n;
}

static uint32_t hash_words(const hx__entities_scan *s, size_t i, size_t j)
{
    uint32_t h = 2166136261u;
    for (; i < j; i++) h = (h ^ s->wid[i]) * 16777619u;
    return h;
}

static int push_node(hx__entities_scan *s, int32_t *head, int e)
{
    hx__ent_wnode *q = hx__vec_push(&s->nodes, sizeof *q);
    if (!q) return -1;
    q->entity = e;
    q->next = *head;
    *head = (int32_t)(s->nodes.n - 1);
    return 0;
}

/* Records entity e's best name in the indexes find_by_name reads: the words of a
 * person's name, the word its initials spell, the acronym it is known by. */
static hx_status index_entity(hx__entities_scan *s, int e)
{
    const hx__ent_went *w = HX__VEC_AT(s->ents, hx__ent_went, e);
    if (w->role_only || w->place >= 0) return HX_OK;
    if (strcmp(w->type, "PER") == 0)
        for (size_t t = w->bf; t < w->bl; t++)
            if ((s->t[t].flags & HX__T_WORD) && !(s->wcls[t] & HX__ENT_W_CONN)
                && push_node(s, &s->per_head[s->wid[t]], e))
                return HX_NOMEM;
    char a[16];
    if (w->bl - w->bf >= 2 && initials(s, w->bf, w->bl, a, sizeof a) >= 2) {
        int64_t id = hx__ent_word_find(s, a);
        if (id >= 0 && push_node(s, &s->acr_head[id], e)) return HX_NOMEM;
    }
    if (w->acronym_only) s->acr_only[s->wid[w->bf]] = e;
    return HX_OK;
}

/* The entity a name candidate refers to, or -1 for a new one. */
static int find_by_name(hx__entities_scan *s, const hx__ent_cand *n)
{
    hx__ent_went *ws = s->ents.p;
    const hx__ent_wnode *nodes = s->nodes.p;
    size_t len = n->last - n->first;
    /* A short name in parentheses right after its expansion: "... Atlántico Norte (OTAN)". */
    if (len == 1 && (s->t[n->first].flags & HX__T_UPPER) && n->first >= 1 && n->last < s->nt
        && strcmp(hx__ent_ftok(s, n->first - 1), "(") == 0 && strcmp(hx__ent_ftok(s, n->last), ")") == 0
        && s->ments.n > 0) {
        const hx__emention *prev = HX__VEC_AT(s->ments, hx__emention, s->ments.n - 1);
        if (prev->last + 1 == n->first && prev->last - prev->first >= 2 && !ws[prev->entity].role_only
            && strcmp(ws[prev->entity].type, "PER") != 0)
            return (int)prev->entity;
    }
    /* A name seen before (any of an entity's names or acronyms): its latest use. */
    uint32_t h = hash_words(s, n->first, n->last);
    int best = -1;
    const hx__emention *ms = s->ments.p;
    for (size_t k = h & (s->nsz - 1); s->ntab[k]; k = (k + 1) & (s->nsz - 1)) {
        if ((uint32_t)(s->ntab[k] >> 24) != h) continue;
        int m = (int)(s->ntab[k] & 0xffffff) - 1;
        if (m > best && same_words(s, n->first, n->last, ms[m].first, ms[m].last)) best = m;
    }
    if (best >= 0) return (int)ms[best].entity;
    char a[16], b[16];
    if (len == 1 && hx__ent_is_acronym(s, n->first)) {
        /* An acronym: the one organisation whose initials spell it. */
        int hit = -1, count = 0;
        uint32_t st = ++s->stamp;
        for (int32_t q = s->acr_head[s->wid[n->first]]; q >= 0; q = nodes[q].next) {
            int e = nodes[q].entity;
            if (ws[e].stamp == st) continue;
            ws[e].stamp = st;
            if (ws[e].role_only || ws[e].place >= 0 || ws[e].bl - ws[e].bf < 2) continue;
            initials(s, ws[e].bf, ws[e].bl, a, sizeof a);
            if (strcmp(a, hx__ent_ftok(s, n->first)) == 0) hit = e, count++;
        }
        if (count == 1) return hit;
    } else if (len >= 2 && initials(s, n->first, n->last, b, sizeof b) >= 2) {
        /* The expansion of an acronym seen before. */
        int64_t id = hx__ent_word_find(s, b);
        if (id >= 0 && s->acr_only[id] >= 0 && ws[s->acr_only[id]].acronym_only) return s->acr_only[id];
    }
    if (strcmp(n->type, "PER") == 0) {
        /* A person by part of the name, or by more of it: when only one fits. */
        int hit = -1, count = 0;
        uint32_t st = ++s->stamp;
        for (size_t t = n->first; t < n->last; t++) {
            if (!(s->t[t].flags & HX__T_WORD) || (s->wcls[t] & HX__ENT_W_CONN)) continue;
            for (int32_t q = s->per_head[s->wid[t]]; q >= 0; q = nodes[q].next) {
                int e = nodes[q].entity;
                if (ws[e].stamp == st) continue;
                ws[e].stamp = st;
                if (ws[e].role_only || ws[e].place >= 0 || strcmp(ws[e].type, "PER") != 0) continue;
                if (words_within(s, n->first, n->last, ws[e].bf, ws[e].bl)
                    || words_within(s, ws[e].bf, ws[e].bl, n->first, n->last))
                    hit = e, count++;
            }
        }
        if (count == 1) return hit;
    }
    return -1;
}

/* Is a capital at token i used as an actor ("Moscú advirtió") rather than a place
 * ("en Moscú")? */
static int actor_context(const hx__entities_scan *s, size_t i)
{
    static const char *const place_preps[] = {"en", "desde", "hacia", "hasta", "al", "cerca",
                                              "sobre", "por", "para", NULL};
    /* Nouns after which "de Moscú" is the place, not the government. */
    static const char *const place_nouns[] = {
        "alcalde", "alcaldesa", "calles", "calle", "centro", "afueras", "ciudad", "capital",
        "aeropuerto", "puerto", "habitantes", "vecinos", "universidad", "region", "provincia",
        "norte", "sur", "este", "oeste", "barrio", "barrios", "cerca", "estacion", "museo",
        "hospital", "embajada", "periferia", "metro", "cielo", "plaza", "area", "zona", NULL};
    /* Verbs of motion: "viajó a Moscú" is a place, "pidió a Moscú" the government. */
    static const char *const motion[] = {"viaj", "lleg", "regres", "volv", "vuel", "fue", "iba",
                                         "ir", "trasl", "vol", "march", "envi", "mand", "huy",
                                         "dirig", "acud", "desplaz", "entr", "visit", NULL};
    static const char *const actor_before[] = {"segun", "que", ",", "(", "entre", "y", "e", "o",
                                               "ni", "pero", "mientras", "cuando", ":", "aunque",
                                               "porque", "pues", "si", "como", "donde",
                                               "tambien", "ya", "solo", "incluso", NULL};
    if (i == 0 || hx__ent_sentence_initial(s, i)) return 1;
    const char *prev = hx__ent_ftok(s, i - 1);
    /* "entre París y Londres": the second like the first. */
    if ((strcmp(prev, "y") == 0 || strcmp(prev, "e") == 0 || strcmp(prev, "o") == 0) && i >= 2
        && s->own[i - 2] >= 0) {
        const hx__ent_cand *g = HX__VEC_AT(s->cands, hx__ent_cand, s->own[i - 2]);
        if (g->src == HX__ENT_SRC_GAZ && hx__gaz_places[g->place].kind == HX__PL_CITY) return actor_context(s, g->first);
    }
    if (hx__ent_is_one_of(prev, place_preps)) return 0;
    if (strcmp(prev, "a") == 0 || strcmp(prev, "de") == 0 || strcmp(prev, "del") == 0) {
        if (i < 2) return 0;
        const char *w = hx__ent_ftok(s, i - 2);
        if (prev[0] != 'a') return !hx__ent_is_one_of(w, place_nouns) && (s->t[i - 2].flags & HX__T_WORD);
        /* A verb of motion up to four words back: "envió instructores a Bamako". */
        for (size_t k = i - 1; k-- > 0 && k + 5 >= i && s->t[k].sent == s->t[i].sent;)
            for (const char *const *m = motion; *m; m++)
                if (strncmp(hx__ent_ftok(s, k), *m, strlen(*m)) == 0) return 0;
        return 1;
    }
    /* After any other word ("visitar Santiago") it is the place; after "que", "según",
     * a comma or a conjunction it is the subject. */
    return hx__ent_is_one_of(prev, actor_before);
}

/* A name the built-in gazetteer does not know, used as a place ("en Pokrovsk", or
 * tagged LOC): the GeoNames city it names when `make geodata` built that layer, chosen
 * by the countries of the document, then by population; -1 when none. */
static int32_t geo_city_for(const hx__entities_scan *s, const hx__ent_cand *n, float *conf)
{
    static const char *const to_place[] = {"en", "desde", "hacia", NULL};
    static const char *const place_words[] = {"ciudad", "localidad", "municipio", "pueblo",
                                              "aldea", "villa", "cerca", "region", "provincia",
                                              "distrito", "alrededores", "afueras", NULL};
    if (!hx__geo_count() || n->last - n->first > 4) return -1;
    const char *tagged = hx__ent_ner_type(s, n->first);
    int place = tagged ? strcmp(tagged, "LOC") == 0 : strcmp(n->type, "ORG") != 0 && strcmp(n->type, "MISC") != 0;
    if (!place) return -1;
    if (!tagged) {
        if (n->first == 0) return -1;
        const char *prev = hx__ent_ftok(s, n->first - 1);
        place = hx__ent_is_one_of(prev, to_place)
                || ((strcmp(prev, "de") == 0 || strcmp(prev, "del") == 0) && n->first >= 2
                    && hx__ent_is_one_of(hx__ent_ftok(s, n->first - 2), place_words));
        if (!place) return -1;
    }
    char key[HX__ENT_KEY_CAP];
    size_t klen = 0, lo;
    for (size_t k = n->first; k < n->last; k++) {
        const char *f = hx__ent_ftok(s, k);
        size_t fl = strlen(f);
        if (klen + fl + 2 >= HX__ENT_KEY_CAP) return -1;
        if (k > n->first && s->t[k].b0 > s->t[k - 1].b1) key[klen++] = ' ';
        memcpy(key + klen, f, fl);
        klen += fl;
    }
    size_t count = hx__geo_find(key, klen, &lo);
    if (!count) return -1;
    /* Largest first within a key: the first one in a country of the document wins. */
    for (size_t k = lo; k < lo + count; k++) {
        int ci = hx__ent_cc_index(hx__geo_city(k)->cc);
        if (ci >= 0 && s->cc_seen[ci]) {
            *conf = count == 1 ? 0.9f : 0.7f;
            return (int32_t)k;
        }
    }
    *conf = count == 1 ? 0.9f : 0.5f;
    return (int32_t)lo;
}

hx_status hx__ent_cluster_names(hx__entities_scan *s)
{
    hx__ent_cand *cs = s->cands.p;
    /* Each candidate adds at most one name to the table: keep it at most half full. */
    s->nsz = 16;
    while (s->nsz < 4 * s->cands.n + 16) s->nsz *= 2;
    s->ntab = calloc(s->nsz, sizeof *s->ntab);
    if (!s->ntab) return HX_NOMEM;
    for (size_t k = 0; k < s->cands.n; k++) {
        hx__ent_cand *n = &cs[k];
        if (n->dead || n->src == HX__ENT_SRC_ROLE) continue;
        if (n->src == HX__ENT_SRC_GAZ && n->how == HX__KEY_NAME && n->last - n->first == 1) {
            /* "Montenegro" after "Luís Montenegro": the person, not the country. */
            int hit = -1, count = 0;
            hx__ent_went *ws = s->ents.p;
            const hx__ent_wnode *nodes = s->nodes.p;
            uint32_t st = ++s->stamp;
            for (int32_t q = s->per_head[s->wid[n->first]]; q >= 0; q = nodes[q].next) {
                int e = nodes[q].entity;
                if (ws[e].stamp == st) continue;
                ws[e].stamp = st;
                if (strcmp(ws[e].type, "PER") == 0 && !ws[e].role_only && ws[e].bl - ws[e].bf >= 2
                    && words_within(s, n->first, n->last, ws[e].bf, ws[e].bl))
                    hit = e, count++;
            }
            if (count == 1) {
                if (add_mention(s, (uint32_t)hit, n->first, n->last, HX__EM_NAME) != HX_OK) return HX_NOMEM;
                continue;
            }
        }
        if (n->src == HX__ENT_SRC_GAZ) {
            const hx__place *p = &hx__gaz_places[n->place];
            int place = n->place;
            unsigned kind = n->how == HX__KEY_ACRONYM ? HX__EM_ACRONYM : HX__EM_NAME;
            if (n->how == HX__KEY_DEMONYM) kind = HX__EM_DEMONYM;
            else if (n->how == HX__KEY_SEAT) kind = HX__EM_METONYM;
            else if (p->kind == HX__PL_CITY && p->seat_of >= 0 && actor_context(s, n->first))
                place = p->seat_of, kind = HX__EM_METONYM;
            int e = s->by_place[place];
            if (e < 0) {
                const hx__place *q = &hx__gaz_places[place];
                e = new_entity(s, q->kind == HX__PL_ORG ? "ORG" : "LOC", place, n->first, n->last);
                if (e < 0) return HX_NOMEM;
                s->by_place[place] = e;
                HX__VEC_AT(s->ents, hx__ent_went, e)->conf = place == n->place ? n->conf : 1.0f;
            }
            if (add_mention(s, (uint32_t)e, n->first, n->last, kind) != HX_OK) return HX_NOMEM;
            continue;
        }
        int e = find_by_name(s, n);
        int acr = n->last - n->first == 1
                  && (hx__ent_is_acronym(s, n->first)
                      || (n->first > 0 && n->last < s->nt && strcmp(hx__ent_ftok(s, n->first - 1), "(") == 0
                          && strcmp(hx__ent_ftok(s, n->last), ")") == 0));
        if (e < 0) {
            if (n->weak) continue;
            float conf = 0;
            int32_t geo = geo_city_for(s, n, &conf);
            e = new_entity(s, geo >= 0 ? "LOC" : n->type, -1, n->first, n->last);
            if (e < 0) return HX_NOMEM;
            if (geo >= 0) HX__VEC_AT(s->ents, hx__ent_went, e)->geo = geo, HX__VEC_AT(s->ents, hx__ent_went, e)->conf = conf;
            HX__VEC_AT(s->ents, hx__ent_went, e)->acronym_only = (uint8_t)acr;
            if (index_entity(s, e) != HX_OK) return HX_NOMEM;
        } else {
            hx__ent_went *w = HX__VEC_AT(s->ents, hx__ent_went, e);
            if (!acr && (w->acronym_only || n->last - n->first > w->bl - w->bf)) {
                w->bf = n->first, w->bl = n->last, w->acronym_only = 0;
                if (index_entity(s, e) != HX_OK) return HX_NOMEM;
            }
            /* A name with an acronym is an organisation, whatever capitals suggested. */
            if (acr != w->acronym_only && n->src == HX__ENT_SRC_CAPS && strcmp(w->type, "PER") == 0) w->type = "ORG";
        }
        if (add_mention(s, (uint32_t)e, n->first, n->last, acr ? HX__EM_ACRONYM : HX__EM_NAME) != HX_OK)
            return HX_NOMEM;
        /* Remember the name for find_by_name (mention indices fit in 24 bits). */
        if (s->ments.n < (1u << 24)) {
            uint64_t h = hash_words(s, n->first, n->last);
            size_t q = h & (s->nsz - 1);
            while (s->ntab[q]) q = (q + 1) & (s->nsz - 1);
            s->ntab[q] = h << 24 | (uint64_t)s->ments.n;
        }
    }
    return HX_OK;
}

/* ---------------------------------------------------------------- step 5: roles */

/* The person whose name mention starts (or, at_end, ends) at token i, or -1. */
static int person_at(const hx__entities_scan *s, size_t i, int at_end)
{
    if (i > s->nt) return -1;
    return at_end ? s->end_ent[i] : s->start_ent[i];
}

static int skippable(const hx__entities_scan *s, size_t i)
{
    static const char *const det[] = {",", "el", "la", "los", "las", NULL};
    return hx__ent_is_one_of(hx__ent_ftok(s, i), det);
}

static int resolve_role(hx__entities_scan *s, const hx__ent_cand *r)
{
    /* Apposition: "Kim Jong-un, el líder norcoreano" or "el presidente ruso, Vladímir Putin". */
    size_t i = r->first;
    while (i > 0 && skippable(s, i - 1) && s->t[i - 1].sent == s->t[r->first].sent) i--;
    int e = i < r->first ? person_at(s, i, 1) : -1;
    if (e < 0) {
        size_t j = r->last;
        if (j < s->nt && strcmp(hx__ent_ftok(s, j), ",") == 0) j++;
        e = person_at(s, j, 0);
    }
    if (e >= 0) return e;
    hx__ent_binding *bs = s->binds.p;
    for (size_t b = 0; b < s->binds.n; b++)
        if (bs[b].role == r->role && bs[b].anchor == r->place) return (int)bs[b].entity;
    /* The only person tied to that country already ("el dirigente luso"). */
    const hx__ent_went *ws0 = s->ents.p;
    if (s->anchor_cnt[r->place] == 1 && hx__ent_same_person_roles(ws0[s->anchor_ent[r->place]].role, r->role))
        return s->anchor_ent[r->place];
    /* The only person named in this or the previous sentence, if not tied elsewhere. */
    uint32_t sid = s->t[r->first].sent;
    const hx__sent *ss = s->doc->sents.p;
    size_t lo = ss[sid > 0 ? sid - 1 : sid].first;
    int only = -1;
    const hx__ent_went *ws = s->ents.p;
    for (size_t k = r->first; k-- > lo;) {
        int p = s->start_ent[k];
        if (p < 0) continue;
        if (only >= 0 && only != p) return -1;
        only = p;
    }
    if (only >= 0 && (ws[only].anchor < 0 || ws[only].anchor == r->place)
        && hx__ent_same_person_roles(ws[only].role, r->role))
        return only;
    return -1;
}

hx_status hx__ent_cluster_roles(hx__entities_scan *s)
{
    hx__ent_cand *cs = s->cands.p;
    const hx__ent_went *ws = s->ents.p;
    for (size_t m = 0; m < s->ments.n; m++) {
        const hx__emention *mm = HX__VEC_AT(s->ments, hx__emention, m);
        const hx__ent_went *w = &ws[mm->entity];
        if (mm->kind == HX__EM_ROLE || w->role_only || strcmp(w->type, "PER") != 0) continue;
        s->start_ent[mm->first] = (int32_t)mm->entity;
        s->end_ent[mm->last] = (int32_t)mm->entity;
    }
    for (size_t k = 0; k < s->cands.n; k++) {
        const hx__ent_cand *r = &cs[k];
        if (r->dead || r->src != HX__ENT_SRC_ROLE) continue;
        int e = resolve_role(s, r);
        if (e < 0) {
            e = new_entity(s, "PER", -1, r->first, r->last);
            if (e < 0) return HX_NOMEM;
            HX__VEC_AT(s->ents, hx__ent_went, e)->role_only = 1;
        }
        hx__ent_went *w = HX__VEC_AT(s->ents, hx__ent_went, e);
        if (w->anchor < 0) {
            w->anchor = r->place;
            w->role = r->role;
            if (!w->role_only) s->anchor_cnt[r->place]++, s->anchor_ent[r->place] = e;
        }
        hx__ent_binding *b = hx__vec_push(&s->binds, sizeof *b);
        if (!b || add_mention(s, (uint32_t)e, r->first, r->last, HX__EM_ROLE) != HX_OK) return HX_NOMEM;
        b->role = r->role;
        b->anchor = r->place;
        b->entity = (uint32_t)e;
    }
    return HX_OK;
}

/* ---------------------------------------------------------------- output layer */

static int cmp_mention(const void *a, const void *b)
{
    const hx__emention *x = a, *y = b;
    if (x->entity != y->entity) return x->entity < y->entity ? -1 : 1;
    if (x->b0 != y->b0) return x->b0 < y->b0 ? -1 : 1;
    return x->b1 < y->b1 ? -1 : x->b1 > y->b1;
}

/* Moves the work entities and mentions into the document, entities in order of first
 * mention, each entity's mentions in text order. */
hx_status hx__ent_build_layer(hx__entities_scan *s)
{
    size_t ne = s->ents.n, nm = s->ments.n;
    const hx__ent_went *ws = s->ents.p;
    hx__emention *ms = s->ments.p;
    uint32_t *firstb = malloc((ne + 1) * sizeof *firstb), *order = malloc((ne + 1) * sizeof *order);
    uint32_t *rank = malloc((ne + 1) * sizeof *rank);
    hx_status st = HX_NOMEM;
    if (!firstb || !order || !rank) goto out;
    for (size_t e = 0; e < ne; e++) firstb[e] = UINT32_MAX, order[e] = (uint32_t)e;
    for (size_t m = 0; m < nm; m++)
        if (ms[m].b0 < firstb[ms[m].entity]) firstb[ms[m].entity] = ms[m].b0;
    /* Insertion sort by first mention: entities are few per article. */
    for (size_t a = 1; a < ne; a++) {
        uint32_t v = order[a];
        size_t b = a;
        for (; b > 0 && firstb[order[b - 1]] > firstb[v]; b--) order[b] = order[b - 1];
        order[b] = v;
    }
    for (size_t e = 0; e < ne; e++) rank[order[e]] = (uint32_t)e;
    for (size_t m = 0; m < nm; m++) ms[m].entity = rank[ms[m].entity];
    if (nm) qsort(ms, nm, sizeof *ms, cmp_mention);

    size_t names = 0;
    for (size_t e = 0; e < ne; e++) {
        const hx__ent_went *w = &ws[e];
        names += (w->place >= 0 ? strlen(hx__gaz_places[w->place].name)
                                : s->t[w->bl - 1].b1 - s->t[w->bf].b0) + 1;
        if (w->geo >= 0) names += 24; /* "geonames:" and up to 11 digits */
    }
    size_t head = (sizeof(hx__entlayer) + 7) & ~(size_t)7;
    hx__entlayer *L = malloc(head + nm * sizeof *ms + names + 1);
    if (!L) goto out;
    L->n = nm;
    L->m = (hx__emention *)((char *)L + head);
    L->names = (char *)(L->m + nm);
    if (nm) memcpy(L->m, ms, nm * sizeof *ms);
    size_t pos = 0, m = 0;
    for (size_t r = 0; r < ne; r++) {
        const hx__ent_went *w = &ws[order[r]];
        hx__entity *E = hx__vec_push(&s->doc->entities, sizeof *E);
        if (!E) {
            free(L);
            goto out;
        }
        E->type = w->type;
        E->place = w->place;
        E->anchor = w->anchor;
        E->geo = w->geo;
        E->geoid = UINT32_MAX;
        E->confidence = w->conf;
        E->name = (uint32_t)pos;
        const char *src = w->place >= 0 ? hx__gaz_places[w->place].name : s->doc->text + s->t[w->bf].b0;
        size_t len = w->place >= 0 ? strlen(src) : s->t[w->bl - 1].b1 - s->t[w->bf].b0;
        memcpy(L->names + pos, src, len);
        L->names[pos + len] = '\0';
        pos += len + 1;
        if (w->geo >= 0) {
            E->geoid = (uint32_t)pos;
            pos += (size_t)snprintf(L->names + pos, 24, "geonames:%d", (int)hx__geo_city((size_t)w->geo)->id) + 1;
        }
        E->m0 = (uint32_t)m;
        while (m < nm && L->m[m].entity == r) m++;
        E->nm = (uint32_t)(m - E->m0);
    }
    s->doc->layer_data[0] = L;
    st = HX_OK;
out:
    free(firstb);
    free(order);
    free(rank);
    return st;
}
