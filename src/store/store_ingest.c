/*
 * store_ingest.c -- one document JSON (docs/schema.md) into the store's tables.
 *
 * Why JSON and not the accessors: the document JSON is the one contract every layer
 * (mentions, quantities, times, and the entities, claims and events written in
 * parallel) already honours, so a new layer needs only a mapping here, and files
 * produced by `hechos extract` elsewhere can be stored as they are.  The mapping is
 * tolerant: unknown members are ignored, missing layers store nothing, and the few
 * members whose shape may vary (a cue as a string or {text, lemma}; an actor as an
 * entity id or {entity, role}) are read in every documented form.  The JSON is read
 * with jansson and walked through store_json.c's flat view (values are indices into
 * one array, -1 when absent).
 *
 * Invariants:
 *   - A document is written between SAVEPOINT doc and RELEASE doc inside the batch
 *     transaction; any failure rolls back to the savepoint, so the tables never hold
 *     part of a document.
 *   - Entities are resolved across documents by (key, type, country); n_docs counts
 *     each document once even when it has two local entities with the same key.
 *   - Spans stored are the document's code-point offsets (start, end exclusive).
 */
#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- JSON helpers */

/* Values are indices into j->v (store_json.c); -1 is "absent". */
static int jis(const hx__json *j, long x, int type)
{
    return x >= 0 && j->v[x].type == type;
}

/* A number that a long long holds (converting any other is undefined behaviour: fuzz_store
 * found 9.19e+38 as an offset). */
static int jfits(const hx__json *j, long x)
{
    return jis(j, x, HX__J_NUM) && j->v[x].num >= -9223372036854775808.0 && j->v[x].num < 9223372036854775808.0;
}

static int jisint(const hx__json *j, long x)
{
    return jfits(j, x) && j->v[x].num == (double)(long long)j->v[x].num;
}

static size_t jsize(const hx__json *j, long x)
{
    return jis(j, x, HX__J_ARR) ? j->v[x].len : 0;
}

/* Elements of array arr: for (long x = jfirst(j, arr); x < jend(j, arr); x = j->v[x].next) */
static long jfirst(const hx__json *j, long arr)
{
    return jis(j, arr, HX__J_ARR) ? arr + 1 : 0;
}

static long jend(const hx__json *j, long arr)
{
    return jis(j, arr, HX__J_ARR) ? (long)j->v[arr].next : 0;
}

#define JFOR(j, arr, i, x) \
    for (long x = jfirst(j, arr), x##_end = jend(j, arr), i = 0; x < x##_end; x = (long)(j)->v[x].next, i++)

static long jat(const hx__json *j, long arr, size_t i)
{
    JFOR(j, arr, k, x) if ((size_t)k == i) return x;
    return -1;
}

static const char *jstr(const hx__json *j, long o, const char *k)
{
    long v = hx__jget(j, o, k);
    return jis(j, v, HX__J_STR) ? j->v[v].s : NULL;
}

static long long jint(const hx__json *j, long o, const char *k, long long def)
{
    long v = hx__jget(j, o, k);
    return jfits(j, v) ? (long long)j->v[v].num : def;
}

/* The text of member k whether it is a string or an object with "text". */
static const char *jtext(const hx__json *j, long o, const char *k)
{
    long v = hx__jget(j, o, k);
    if (jis(j, v, HX__J_STR)) return j->v[v].s;
    return jis(j, v, HX__J_OBJ) ? jstr(j, v, "text") : NULL;
}

static int jbool(const hx__json *j, long o, const char *k)
{
    long v = hx__jget(j, o, k);
    return jis(j, v, HX__J_TRUE) || (jis(j, v, HX__J_NUM) && j->v[v].num != 0);
}

#define stmt hx__store_stmt

static void bind_str(hx__stmt *s, int i, const char *v)
{
    if (v) hx__db_bind_text(s, i, v, -1);
    else hx__db_bind_null(s, i);
}

static void bind_day(hx__stmt *s, int i, int ok, long d)
{
    if (ok) hx__db_bind_int64(s, i, d);
    else hx__db_bind_null(s, i);
}

/* Steps an INSERT; returns 0 on success.  With RETURNING id (both back ends), *id gets
 * the new row's id, or 0 when the statement inserted nothing (ON CONFLICT DO NOTHING). */
static int run_id(hx__stmt *s, int64_t *id)
{
    int r = hx__db_step(s);
    if (id) *id = 0;
    if (r == HX__DB_ROW) {
        if (id) *id = hx__db_column_int64(s, 0);
        r = hx__db_step(s) == HX__DB_DONE ? HX__DB_DONE : HX__DB_ERROR;
    }
    hx__db_reset(s);
    return r == HX__DB_DONE ? 0 : -1;
}

static int run(hx__stmt *s)
{
    return run_id(s, NULL);
}

/* The text the full-text index is fed: SQLite's FTS5 folds itself; PostgreSQL gets the
 * store's fold (no diacritics, as FTS5's remove_diacritics), kept in *buf. */
static const char *fts_text(hx_store *st, hx__buf *buf, const char *t, size_t n)
{
    if (!t || hx__db_kind(st->db) != HX__DB_PG) return t;
    buf->n = 0;
    if (hx__store_fold(buf, t, n) < 0) return NULL;
    buf->p[buf->n] = '\0'; /* an empty fold leaves the buffer's old bytes */
    return buf->p;
}

/* ---------------------------------------------------------------- per-document state */

typedef struct lent { /* one entity of the document */
    const char *local;  /* its "id" in the JSON, or NULL */
    const char *name;
    int64_t gid;  /* row of entities */
} lent;

typedef struct lspan { /* an entity mention, or a time, or a claim */
    long long start, end;
    int64_t id;   /* entity row / claim row */
    int has_period;
    long d0, d1;
    const char *name;   /* claims: who said it */
} lspan;

/* One entity of the document as read: from its "entities" layer, or gathered from
 * NER mentions (one per distinct text and type) when it has none. */
typedef struct ein {
    long obj;           /* the entity object, or -1 when gathered from mentions */
    const char *name, *type;
    long *ments;        /* [nm]: mention objects */
    size_t nm;
} ein;

typedef struct hx__store_scan {
    hx_store *st;
    int64_t doc;
    const hx__json *j;   /* the document */
    const char *source;  /* the document's source */
    int has_day;
    long day;
    lent *ents;
    size_t nents;
    lspan *ments, *times, *claims;
    size_t nments, ntimes, nclaims;
    ein *in;             /* [nin]: the entities as read */
    size_t nin;
    long *inm;           /* mention objects of every ein */
    hx__deltas deltas;   /* this document's counters, merged after its savepoint */
    hx__buf key;         /* scratch for folded keys */
} hx__store_scan;

static int64_t entity_of(const hx__store_scan *g, long ref)
{
    const char *id = jis(g->j, ref, HX__J_STR) ? g->j->v[ref].s : NULL;
    if (jis(g->j, ref, HX__J_OBJ)) {
        id = jstr(g->j, ref, "entity");
        if (!id) id = jstr(g->j, ref, "id");
        if (!id) id = jstr(g->j, ref, "ref");
    }
    if (jisint(g->j, ref) && (size_t)(long long)g->j->v[ref].num < g->nents)
        return g->ents[(long long)g->j->v[ref].num].gid;
    if (!id) return 0;
    for (size_t i = 0; i < g->nents; i++)
        if (g->ents[i].local && strcmp(g->ents[i].local, id) == 0) return g->ents[i].gid;
    return 0;
}

static const char *fold(hx__store_scan *g, const char *s)
{
    g->key.n = 0;
    if (hx__store_fold(&g->key, s, strlen(s)) < 0) return NULL;
    return g->key.p;
}

/* Fills g->in from the "entities" layer, or from the NER mentions (one entity per
 * distinct folded text and type) when the document has no entities layer. */
static int entity_list(hx__store_scan *g)
{
    const hx__json *j = g->j;
    long ents = hx__jget(j, 0, "entities"), ments = hx__jget(j, 0, "mentions");
    size_t total = 0, n = jis(j, ents, HX__J_ARR) ? jsize(j, ents) : jsize(j, ments);
    int rc = -1;
    if (jis(j, ents, HX__J_ARR)) {
        JFOR(j, ents, i, e) total += jsize(j, hx__jget(j, e, "mentions"));
    } else {
        total = jsize(j, ments);
    }
    g->in = calloc(n + 1, sizeof *g->in);
    g->inm = calloc(total + 1, sizeof *g->inm);
    if (!g->in || !g->inm) return -1;
    size_t used = 0;
    if (jis(j, ents, HX__J_ARR)) {
        JFOR(j, ents, i, e) {
            ein *x = &g->in[g->nin++];
            long ms = hx__jget(j, e, "mentions");
            x->obj = e;
            x->name = jstr(j, e, "name");
            x->type = jstr(j, e, "type");
            x->ments = g->inm + used;
            JFOR(j, ms, k, m) x->ments[x->nm++] = m;
            used += x->nm;
        }
        return 0;
    }
    /* Gathered from mentions: keys[k] is the folded text of g->in[k]. */
    char **keys = calloc(n + 1, sizeof *keys);
    hx__buf a = {0};
    if (!keys) return -1;
    JFOR(j, ments, i, m) {
        const char *text = jstr(j, m, "text"), *type = jstr(j, m, "type");
        size_t k;
        if (!text || !type) continue;
        a.n = 0;
        if (hx__store_fold(&a, text, strlen(text)) < 0) goto done;
        for (k = 0; k < g->nin; k++)
            if (strcmp(keys[k], a.p) == 0 && strcmp(g->in[k].type, type) == 0) break;
        if (k == g->nin) {
            if (!(keys[k] = strdup(a.p))) goto done;
            g->in[k] = (ein){-1, text, type, NULL, 0};
            g->nin++;
        }
        g->inm[used++] = m;
    }
    /* Lay each entity's mentions out contiguously in g->inm. */
    long *flat = calloc(used + 1, sizeof *flat);
    if (!flat) goto done;
    size_t at = 0;
    for (size_t k = 0; k < g->nin; k++) {
        g->in[k].ments = g->inm + at;
        for (size_t u = 0; u < used; u++) {
            long m = g->inm[u];
            a.n = 0;
            if (hx__store_fold(&a, jstr(j, m, "text"), strlen(jstr(j, m, "text"))) < 0) {
                free(flat);
                goto done;
            }
            if (strcmp(keys[k], a.p) == 0 && strcmp(g->in[k].type, jstr(j, m, "type")) == 0)
                flat[at++] = m, g->in[k].nm++;
        }
    }
    memcpy(g->inm, flat, used * sizeof *flat);
    free(flat);
    rc = 0;
done:
    for (size_t k = 0; k < g->nin; k++) free(keys[k]);
    free(keys);
    hx__buf_free(&a);
    return rc;
}

static int bind_geo(const hx__json *j, hx__stmt *s, long geo)
{
    long lat = hx__jget(j, geo, "lat"), lon = hx__jget(j, geo, "lon");
    long id = hx__jget(j, geo, "id");
    if (jis(j, lat, HX__J_NUM)) hx__db_bind_double(s, 6, j->v[lat].num);
    if (jis(j, lon, HX__J_NUM)) hx__db_bind_double(s, 7, j->v[lon].num);
    if (jis(j, id, HX__J_STR)) bind_str(s, 8, j->v[id].s);
    else if (jisint(j, id)) hx__db_bind_int64(s, 8, (long long)j->v[id].num);
    return 0;
}

/* Stores one alias (and, with a span, one mention) of entity gid. */
static int put_alias(hx__store_scan *g, int64_t gid, const char *type, long m,
                     const char *text)
{
    hx__stmt *s;
    if (!fold(g, text)) return -1;
    /* the canonical name alone counts no mention */
    hx__delta d = {HX__D_ALIAS, gid, 0, m >= 0, 0, g->key.p, (char *)text,
                   (char *)(m >= 0 ? jstr(g->j, m, "kind") : "name")};
    if (hx__delta_add(&g->deltas, &d)) return -1;
    if (m < 0) return 0;
    if (!(s = stmt(g->st, HX__S_MENTION))) return -1;
    hx__db_bind_int64(s, 1, g->doc);
    hx__db_bind_int64(s, 2, gid);
    hx__db_bind_text(s, 3, type, -1);
    bind_str(s, 4, jstr(g->j, m, "kind"));
    hx__db_bind_text(s, 5, text, -1);
    hx__db_bind_int64(s, 6, jint(g->j, m, "start", 0));
    hx__db_bind_int64(s, 7, jint(g->j, m, "end", 0));
    if (run(s)) return -1;
    lspan *ls = &g->ments[g->nments++];
    ls->start = jint(g->j, m, "start", 0);
    ls->end = jint(g->j, m, "end", 0);
    ls->id = gid;
    return 0;
}

static int put_entities(hx__store_scan *g)
{
    size_t total = 0, n;
    char **keys;
    int rc = -1;
    if (entity_list(g)) return -1;
    n = g->nin;
    for (size_t i = 0; i < n; i++) total += g->in[i].nm;
    g->ents = calloc(n + 1, sizeof *g->ents);
    g->ments = calloc(total + 1, sizeof *g->ments);
    keys = calloc(n + 1, sizeof *keys); /* [k]: "key\ttype\tcountry" of g->ents[k] */
    if (!g->ents || !g->ments || !keys) goto done;
    for (size_t i = 0; i < n; i++) {
        long e = g->in[i].obj;
        const char *name = g->in[i].name, *type = g->in[i].type, *country = jstr(g->j, e, "country");
        size_t nm = g->in[i].nm;
        hx__stmt *s;
        if (!name && nm) name = jstr(g->j, g->in[i].ments[0], "text");
        if (!name || !*name) continue;
        if (!type) type = "MISC";
        if (!country) country = "";
        if (!fold(g, name)) goto done;
        size_t kl = g->key.n + strlen(type) + strlen(country) + 3;
        char *ident = malloc(kl);
        if (!ident) goto done;
        snprintf(ident, kl, "%s\t%s\t%s", g->key.p, type, country);
        /* Another entity of this document with the same identity was counted already. */
        int seen = 0;
        for (size_t k = 0; k < g->nents; k++)
            if (strcmp(keys[k], ident) == 0) seen = 1;
        keys[g->nents] = ident;
        /* Known entity: count this document; new one: insert it. */
        int64_t gid = hx__ecache_get(&g->st->ecache, ident);
        if (!gid) {
            if (!(s = stmt(g->st, HX__S_ENTITY_FIND))) goto done;
            hx__db_bind_text(s, 1, g->key.p, (int)g->key.n);
            hx__db_bind_text(s, 2, type, -1);
            hx__db_bind_text(s, 3, country, -1);
            if (hx__db_step(s) == HX__DB_ROW) gid = hx__db_column_int64(s, 0);
            hx__db_reset(s);
        }
        if (!gid) { /* kind and place are taken from the entity's first document */
            if (!(s = stmt(g->st, HX__S_ENTITY))) goto done;
            hx__db_bind_text(s, 1, name, -1);
            hx__db_bind_text(s, 2, g->key.p, (int)g->key.n);
            hx__db_bind_text(s, 3, type, -1);
            hx__db_bind_text(s, 4, country, -1);
            bind_str(s, 5, jstr(g->j, e, "kind"));
            bind_geo(g->j, s, hx__jget(g->j, e, "geo"));
            hx__db_bind_int64(s, 9, 0);
            hx__db_bind_int64(s, 10, 0);
            if (run_id(s, &gid)) goto done;
        }
        if (!gid || hx__ecache_put(&g->st->ecache, ident, gid)) goto done;
        hx__delta cd = {HX__D_ENTITY, gid, 0, !seen, nm ? (long long)nm : 1, NULL, NULL, NULL};
        if (hx__delta_add(&g->deltas, &cd)) goto done;
        g->ents[g->nents].local = jstr(g->j, e, "id");
        g->ents[g->nents].name = name;
        g->ents[g->nents++].gid = gid;
        if (!(s = stmt(g->st, HX__S_DOC_ENTITY))) goto done;
        hx__db_bind_int64(s, 1, g->doc);
        hx__db_bind_int64(s, 2, gid);
        bind_str(s, 3, jstr(g->j, e, "id"));
        hx__db_bind_int64(s, 4, nm ? (int)nm : 1);
        if (run(s)) goto done;
        int named = 0;
        for (size_t k = 0; k < nm; k++) {
            long m = g->in[i].ments[k];
            const char *text = jstr(g->j, m, "text");
            if (text && put_alias(g, gid, type, m, text)) goto done;
            named |= text && strcmp(text, name) == 0;
        }
        /* An entity always answers to its canonical name. */
        if (!named && put_alias(g, gid, type, -1, name)) goto done;
    }
    rc = 0;
done:
    if (keys)
        for (size_t k = 0; k < n; k++) free(keys[k]);
    free(keys);
    return rc;
}

/* ---------------------------------------------------------------- times */

static int put_times(hx__store_scan *g)
{
    long ts = hx__jget(g->j, 0, "times");
    if (!(g->times = calloc(jsize(g->j, ts) + 1, sizeof *g->times))) return -1;
    JFOR(g->j, ts, i, t) {
        hx__stmt *s = stmt(g->st, HX__S_TIME);
        lspan *ls = &g->times[g->ntimes++];
        const char *value = jstr(g->j, t, "value"), *type = jstr(g->j, t, "type");
        if (!s) return -1;
        ls->start = jint(g->j, t, "start", 0);
        ls->end = jint(g->j, t, "end", 0);
        /* Only dates place a figure in time; durations and sets do not. */
        ls->has_period = (!type || strcmp(type, "DATE") == 0 || strcmp(type, "TIME") == 0) &&
                         hx__store_period(value, &ls->d0, &ls->d1) == 0;
        hx__db_bind_int64(s, 1, g->doc);
        bind_str(s, 2, type);
        bind_str(s, 3, value);
        bind_str(s, 4, jstr(g->j, t, "anchor"));
        bind_str(s, 5, jstr(g->j, t, "text"));
        hx__db_bind_int64(s, 6, ls->start);
        hx__db_bind_int64(s, 7, ls->end);
        bind_day(s, 8, ls->has_period, ls->d0);
        bind_day(s, 9, ls->has_period, ls->d1);
        if (run_id(s, &ls->id)) return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- claims */

/* The span of a claim's content: its "content" object, else the claim's own span. */
static void claim_span(const hx__json *j, long c, long long *a, long long *b)
{
    long ct = hx__jget(j, c, "content");
    long o = jis(j, ct, HX__J_OBJ) && hx__jget(j, ct, "start") >= 0 ? ct : c;
    *a = jint(j, o, "start", -1);
    *b = jint(j, o, "end", -1);
}

static int put_claims(hx__store_scan *g, long long *quant_claim, size_t nquant)
{
    long cs = hx__jget(g->j, 0, "claims");
    if (!(g->claims = calloc(jsize(g->j, cs) + 1, sizeof *g->claims))) return -1;
    JFOR(g->j, cs, i, c) {
        hx__stmt *s = stmt(g->st, HX__S_CLAIM);
        long src = hx__jget(g->j, c, "source"), cue = hx__jget(g->j, c, "cue");
        int64_t sgid = entity_of(g, src);
        long ss = hx__jget(g->j, c, "source_span");
        if (!sgid && jis(g->j, ss, HX__J_OBJ)) { /* an entity mentioned in the source */
            long long s0 = jint(g->j, ss, "start", -1), s1 = jint(g->j, ss, "end", -1);
            for (size_t k = 0; k < g->nments && !sgid; k++)
                if (g->ments[k].start >= s0 && g->ments[k].end <= s1) sgid = g->ments[k].id;
        }
        const char *stext = jstr(g->j, c, "source_text"), *sname = NULL;
        const char *lemma = jstr(g->j, c, "cue_lemma"), *stance = jstr(g->j, c, "stance");
        long long a, b;
        if (!s) return -1;
        if (!stext && jis(g->j, src, HX__J_OBJ)) stext = jstr(g->j, src, "text");
        for (size_t k = 0; k < g->nents; k++)
            if (sgid && g->ents[k].gid == sgid) sname = g->ents[k].name;
        if (!sname) sname = stext;
        if (jis(g->j, cue, HX__J_OBJ)) {
            if (!lemma) lemma = jstr(g->j, cue, "lemma");
            if (!stance) stance = jstr(g->j, cue, "stance");
        }
        if (!lemma) lemma = jstr(g->j, c, "lemma");
        claim_span(g->j, c, &a, &b);
        hx__db_bind_int64(s, 1, g->doc);
        if (sgid) hx__db_bind_int64(s, 2, sgid);
        bind_str(s, 3, stext);
        if (stext || sname) { /* the claimant as written, for matching what users type */
            if (!fold(g, stext ? stext : sname)) return -1;
            hx__db_bind_text(s, 4, g->key.p, (int)g->key.n);
        }
        bind_str(s, 5, jtext(g->j, c, "cue"));
        bind_str(s, 6, lemma);
        bind_str(s, 7, stance);
        bind_str(s, 8, jtext(g->j, c, "content"));
        hx__db_bind_int64(s, 9, jbool(g->j, c, "quote"));
        hx__db_bind_int64(s, 10, jbool(g->j, c, "hedged"));
        hx__db_bind_int64(s, 11, jbool(g->j, c, "negated"));
        if (a >= 0) hx__db_bind_int64(s, 12, a);
        if (b >= 0) hx__db_bind_int64(s, 13, b);
        bind_day(s, 14, g->has_day, g->day);
        lspan *ls = &g->claims[g->nclaims++];
        if (run_id(s, &ls->id)) return -1;
        ls->start = a;
        ls->end = b;
        ls->name = sname;
        /* What it is about: the entities it names (listed, or mentioned inside it). */
        JFOR(g->j, hx__jget(g->j, c, "entities"), j, x) {
            int64_t e = entity_of(g, x);
            if (!e || !(s = stmt(g->st, HX__S_CLAIM_ENTITY))) continue;
            hx__db_bind_int64(s, 1, ls->id);
            hx__db_bind_int64(s, 2, e);
            if (run(s)) return -1;
        }
        for (size_t k = 0; k < g->nments && a >= 0; k++) {
            if (g->ments[k].start < a || g->ments[k].end > b || g->ments[k].id == sgid) continue;
            if (!(s = stmt(g->st, HX__S_CLAIM_ENTITY))) return -1;
            hx__db_bind_int64(s, 1, ls->id);
            hx__db_bind_int64(s, 2, g->ments[k].id);
            if (run(s)) return -1;
        }
        /* The figures it carries and the time it refers to. */
        JFOR(g->j, hx__jget(g->j, c, "quantities"), j, x)
            if (jisint(g->j, x) && (size_t)(long long)g->j->v[x].num < nquant)
                quant_claim[(long long)g->j->v[x].num] = (long long)g->nclaims - 1;
        JFOR(g->j, hx__jget(g->j, c, "times"), j, x) {
            if (!jisint(g->j, x) || (size_t)(long long)g->j->v[x].num >= g->ntimes) continue;
            const lspan *t = &g->times[(long long)g->j->v[x].num];
            if (t->has_period && !ls->has_period) ls->has_period = 1, ls->d0 = t->d0, ls->d1 = t->d1;
        }
        for (size_t k = 0; k < g->ntimes && !ls->has_period && a >= 0; k++)
            if (g->times[k].has_period && g->times[k].start >= a && g->times[k].end <= b)
                ls->has_period = 1, ls->d0 = g->times[k].d0, ls->d1 = g->times[k].d1;
    }
    return 0;
}

/* ---------------------------------------------------------------- quantities */

/* The interval of values a figure admits, for comparing figures (docs/store.md):
 * exact [v, v]; min [v, +inf); max (-inf, v]; approx [0.9v, 1.1v]; range [v, max];
 * vague ("miles de") [v, 10v). */
static void bind_interval(const hx__json *j, hx__stmt *s, long q, const char *bound)
{
    long jv = hx__jget(j, q, "value"), jm = hx__jget(j, q, "max");
    if (!jis(j, jv, HX__J_NUM)) return;
    double v = j->v[jv].num, lo = v, hi = v;
    if (jbool(j, q, "vague")) hi = v * 10;
    else if (bound && strcmp(bound, "min") == 0) hi = HUGE_VAL;
    else if (bound && strcmp(bound, "max") == 0) lo = -HUGE_VAL;
    else if (bound && strcmp(bound, "approx") == 0) lo = v * 0.9, hi = v * 1.1;
    else if (bound && strcmp(bound, "range") == 0 && jis(j, jm, HX__J_NUM)) hi = j->v[jm].num;
    if (lo > hi) { double t = lo; lo = hi; hi = t; } /* negative values */
    hx__db_bind_double(s, 18, lo);
    hx__db_bind_double(s, 19, hi);
}

static int put_quantities(hx__store_scan *g)
{
    long qs = hx__jget(g->j, 0, "quantities");
    long sents = hx__jget(g->j, 0, "sentences");
    size_t nq = jsize(g->j, qs);
    long long *qc = malloc((nq + 1) * sizeof *qc); /* [i]: claim index of quantity i, or -1 */
    hx__buf thing = {0};
    int rc = -1;
    if (!qc) return -1;
    for (size_t i = 0; i < nq; i++) qc[i] = -1;
    if (put_claims(g, qc, nq)) goto done;
    JFOR(g->j, qs, i, q) {
        hx__stmt *s;
        long long a = jint(g->j, q, "start", 0), b = jint(g->j, q, "end", 0);
        const char *kind = jstr(g->j, q, "kind"), *of = jtext(g->j, q, "of"), *bound = jstr(g->j, q, "bound");
        const lspan *cl = NULL;
        int hp = 0;
        long d0 = 0, d1 = 0;
        if (qc[i] >= 0) cl = &g->claims[qc[i]];
        for (size_t k = 0; !cl && k < g->nclaims; k++)
            if (g->claims[k].start >= 0 && a >= g->claims[k].start && b <= g->claims[k].end) cl = &g->claims[k];
        /* When: the claim's time, else a date in the same sentence, else publication. */
        if (cl && cl->has_period) hp = 1, d0 = cl->d0, d1 = cl->d1;
        long long s0 = -1, s1 = -1; /* the sentence */
        JFOR(g->j, sents, si, sn) {
            if (jint(g->j, sn, "start", 0) <= a && a < jint(g->j, sn, "end", 0)) {
                s0 = jint(g->j, sn, "start", 0);
                s1 = jint(g->j, sn, "end", 0);
                break;
            }
        }
        if (!hp) {
            for (size_t k = 0; k < g->ntimes && !hp; k++)
                if (g->times[k].has_period && g->times[k].start >= s0 && g->times[k].end <= s1)
                    hp = 1, d0 = g->times[k].d0, d1 = g->times[k].d1;
        }
        if (!hp && g->has_day) hp = 1, d0 = d1 = g->day;
        /* Who says it: the claimant when it names someone, else the outlet. */
        const char *src = cl && hx__store_source_ok(cl->name) ? cl->name : g->source;
        if (!(s = stmt(g->st, HX__S_QUANT))) goto done;
        hx__db_bind_int64(s, 1, g->doc);
        if (cl) hx__db_bind_int64(s, 2, cl->id);
        bind_str(s, 3, kind);
        if (jis(g->j, hx__jget(g->j, q, "value"), HX__J_NUM))
            hx__db_bind_double(s, 4, g->j->v[hx__jget(g->j, q, "value")].num);
        if (jis(g->j, hx__jget(g->j, q, "max"), HX__J_NUM))
            hx__db_bind_double(s, 5, g->j->v[hx__jget(g->j, q, "max")].num);
        bind_str(s, 6, bound ? bound : "exact");
        hx__db_bind_int64(s, 7, jbool(g->j, q, "vague"));
        bind_str(s, 8, jstr(g->j, q, "unit"));
        bind_str(s, 9, jstr(g->j, q, "text"));
        bind_str(s, 10, of);
        thing.n = 0;
        if (of && (!kind || strcmp(kind, "ordinal") != 0)) {
            if (hx__store_thing(&thing, of, strlen(of)) < 0 || hx__store_thing_fix(&thing, 0) < 0) goto done;
            if (thing.n) hx__db_bind_text(s, 11, thing.p, (int)thing.n);
        }
        bind_str(s, 12, src);
        if (src) {
            if (!fold(g, src)) goto done;
            hx__db_bind_text(s, 13, g->key.p, (int)g->key.n);
        }
        bind_day(s, 14, hp, d0);
        bind_day(s, 15, hp, d1);
        hx__db_bind_int64(s, 16, a);
        hx__db_bind_int64(s, 17, b);
        bind_interval(g->j, s, q, bound);
        if (s0 >= 0) hx__db_bind_int64(s, 20, s0), hx__db_bind_int64(s, 21, s1);
        int64_t id;
        if (run_id(s, &id)) goto done;
        if (of) {
            if (!(s = stmt(g->st, HX__S_QUANT_FTS))) goto done;
            hx__db_bind_int64(s, 1, id);
            const char *ft = fts_text(g->st, &g->key, of, strlen(of));
            if (!ft) goto done;
            hx__db_bind_text(s, 2, ft, -1);
            if (run(s)) goto done;
        }
    }
    rc = 0;
done:
    hx__buf_free(&thing);
    free(qc);
    return rc;
}

/* ---------------------------------------------------------------- events */

static int put_events(hx__store_scan *g)
{
    long es = hx__jget(g->j, 0, "events");
    static const char *const role_keys[] = {"actor", "target", "place"};
    static const char *const actor_keys[] = {"actors", "participants", "arguments", "entities"};
    JFOR(g->j, es, i, e) {
        hx__stmt *s = stmt(g->st, HX__S_EVENT);
        long tm = hx__jget(g->j, e, "time"), trig = hx__jget(g->j, e, "trigger");
        const char *tv = NULL, *text = jstr(g->j, e, "text");
        long d0 = 0, d1 = 0;
        int hp = 0;
        if (!s) return -1;
        if (jisint(g->j, tm) && (size_t)(long long)g->j->v[tm].num < g->ntimes) {
            const lspan *t = &g->times[(long long)g->j->v[tm].num];
            tv = jstr(g->j, jat(g->j, hx__jget(g->j, 0, "times"), (size_t)(long long)g->j->v[tm].num), "value");
            hp = t->has_period, d0 = t->d0;
        } else if (jis(g->j, tm, HX__J_STR)) {
            tv = g->j->v[tm].s;
        } else if (jis(g->j, tm, HX__J_OBJ)) {
            tv = jstr(g->j, tm, "value");
        }
        if (!tv) tv = jstr(g->j, e, "date");
        if (!hp && tv) hp = hx__store_period(tv, &d0, &d1) == 0;
        if (!hp && g->has_day) hp = 1, d0 = g->day;
        if (!text) text = jtext(g->j, e, "trigger");
        long sp = hx__jget(g->j, e, "start") >= 0 ? e : trig;
        hx__db_bind_int64(s, 1, g->doc);
        bind_str(s, 2, jstr(g->j, e, "type"));
        bind_str(s, 3, jtext(g->j, e, "trigger"));
        bind_str(s, 4, text);
        bind_str(s, 5, tv);
        bind_day(s, 6, hp, d0);
        if (jis(g->j, sp, HX__J_OBJ) && hx__jget(g->j, sp, "start") >= 0) {
            hx__db_bind_int64(s, 7, jint(g->j, sp, "start", 0));
            hx__db_bind_int64(s, 8, jint(g->j, sp, "end", 0));
        }
        int64_t ev, actors[32];
        if (run_id(s, &ev)) return -1;
        size_t na = 0;
        /* Actors with a role ("actor": {"entity": "E2", ...}) first, then the lists;
         * an entity keeps the first role it gets in an event. */
        for (size_t k = 0; k < sizeof role_keys / sizeof *role_keys + sizeof actor_keys / sizeof *actor_keys; k++) {
            int single = k < sizeof role_keys / sizeof *role_keys;
            long list = single ? -1 : hx__jget(g->j, e, actor_keys[k - sizeof role_keys / sizeof *role_keys]);
            long one = single ? hx__jget(g->j, e, role_keys[k]) : -1;
            size_t cnt = single ? (jis(g->j, one, HX__J_OBJ) ? 1 : 0) : jsize(g->j, list);
            for (size_t u = 0; u < cnt; u++) {
                long a = single ? one : jat(g->j, list, u);
                int64_t gid = entity_of(g, a);
                const char *role = single ? role_keys[k] : jis(g->j, a, HX__J_OBJ) ? jstr(g->j, a, "role") : NULL;
                if (!gid || !(s = stmt(g->st, HX__S_EVENT_ACTOR))) continue;
                hx__db_bind_int64(s, 1, ev);
                hx__db_bind_int64(s, 2, gid);
                hx__db_bind_text(s, 3, role ? role : "", -1);
                /* the timeline's sort key: undated events after every dated one */
                hx__db_bind_int64(s, 4, hp ? d0 : 0x7fffffffL);
                if (run(s)) return -1;
                int dup = 0;
                for (size_t x = 0; x < na; x++) dup |= actors[x] == gid;
                if (!dup && na < sizeof actors / sizeof *actors) actors[na++] = gid;
            }
        }
        /* The graph's edges: every pair of distinct actors of the event, once. */
        for (size_t x = 0; x < na; x++)
            for (size_t y = x + 1; y < na; y++) {
                hx__delta ed = {HX__D_EDGE, actors[x] < actors[y] ? actors[x] : actors[y],
                                actors[x] < actors[y] ? actors[y] : actors[x], 1, 0, NULL, NULL, NULL};
                if (hx__delta_add(&g->deltas, &ed)) return -1;
            }
    }
    return 0;
}

/* ---------------------------------------------------------------- one document */

static int put_doc(hx__store_scan *g, const char *hash, const char *text, size_t tlen)
{
    hx__stmt *s = stmt(g->st, HX__S_DOC);
    long r = 0, len = hx__jget(g->j, r, "length"), meta = hx__jget(g->j, r, "meta");
    const char *date = jstr(g->j, r, "date"), *title = jstr(g->j, r, "title");
    long d1;
    if (!s) return -1;
    g->source = jstr(g->j, r, "source");
    g->has_day = hx__store_period(date, &g->day, &d1) == 0;
    hx__db_bind_text(s, 1, hash, 32);
    bind_str(s, 2, jstr(g->j, r, "id"));
    bind_str(s, 3, title);
    bind_str(s, 4, date);
    bind_day(s, 5, g->has_day, g->day);
    bind_str(s, 6, g->source);
    bind_str(s, 7, jstr(g->j, r, "url"));
    if (jis(g->j, len, HX__J_OBJ)) hx__db_bind_int64(s, 8, jint(g->j, len, "chars", 0));
    if (jis(g->j, meta, HX__J_OBJ)) { /* compact JSON, members in their order */
        char *mj = hx__json_dump(g->j, meta);
        if (!mj) return -1;
        hx__db_bind_text(s, 9, mj, -1);
        free(mj);
    }
    hx__db_bind_text(s, 10, text, (long)tlen);
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    hx__db_bind_text(s, 11, now, -1);
    if (run_id(s, &g->doc)) return -1;
    if (!g->doc) return 1; /* another writer stored it meanwhile (PostgreSQL) */
    if (!(s = stmt(g->st, HX__S_DOC_FTS))) return -1;
    hx__buf ft = {0};
    const char *ftitle = fts_text(g->st, &ft, title, title ? strlen(title) : 0);
    if (title && !ftitle) return -1;
    hx__db_bind_int64(s, 1, g->doc);
    bind_str(s, 2, ftitle);
    hx__buf_free(&ft);
    const char *ftext = fts_text(g->st, &ft, text, tlen);
    int rc = ftext ? (hx__db_bind_text(s, 3, ftext, ftext == text ? (long)tlen : -1), run(s)) : -1;
    hx__buf_free(&ft);
    return rc;
}

hx_status hx__store_put(hx_store *st, const char *json, size_t len, const char *text,
                        size_t text_len, int *added, hx_error *err)
{
    hx__json doc;
    hx__store_scan g;
    char hash[33];
    hx_status rc = HX_OK;
    int found;

    if (added) *added = 0;
    if (st->flags & HX_STORE_READONLY) return hx__err(err, HX_INVAL, SIZE_MAX, "store is read-only");
    memset(&g, 0, sizeof g);
    g.st = st;
    g.j = &doc;
    if (hx__json_parse(&doc, json, len)) {
        rc = hx__err(err, HX_JSON, doc.err_at, "%s at byte %zu", doc.err, doc.err_at);
        goto done;
    }
    if (!jis(&doc, 0, HX__J_OBJ)) {
        rc = hx__err(err, HX_JSON, 0, "document is not a JSON object");
        goto done;
    }
    if (!text) {
        long t = hx__jget(&doc, 0, "text");
        if (!jis(&doc, t, HX__J_STR)) {
            rc = hx__err(err, HX_FIELD, SIZE_MAX, "document has no \"text\" string");
            goto done;
        }
        text = doc.v[t].s;
        text_len = doc.v[t].len;
    }
    hx__store_hash(text, text_len, jstr(&doc, 0, "title"), jstr(&doc, 0, "date"),
                   jstr(&doc, 0, "source"), hash);
    hx__stmt *s = stmt(st, HX__S_HAS_HASH);
    if (!s) {
        rc = hx__store_dberr(st->db, err, "prepare");
        goto done;
    }
    hx__db_bind_text(s, 1, hash, 32);
    found = hx__db_step(s);
    hx__db_reset(s);
    if (found == HX__DB_ROW) goto done; /* stored already: nothing changes */
    if (found != HX__DB_DONE) {
        rc = hx__store_dberr(st->db, err, "lookup");
        goto done;
    }
    if (!st->in_tx) {
        if (hx__db_begin(st->db)) {
            rc = hx__store_dberr(st->db, err, "begin");
            goto done;
        }
        st->in_tx = 1;
    }
    if (!(s = stmt(st, HX__S_SAVEPOINT)) || run(s)) {
        rc = hx__store_dberr(st->db, err, "savepoint");
        goto done;
    }
    int pd = put_doc(&g, hash, text, text_len);
    if (pd == 1) { /* stored by another writer after the lookup: nothing changes */
        if ((s = stmt(st, HX__S_ROLLBACK_TO))) run(s);
        if ((s = stmt(st, HX__S_RELEASE))) run(s);
        goto done;
    }
    if (pd || put_entities(&g) || put_times(&g) || put_quantities(&g) || put_events(&g) ||
        hx__store_link(st, g.doc, &doc)) {
        rc = g.key.oom ? hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory")
                       : hx__store_dberr(st->db, err, "store document");
        if ((s = stmt(st, HX__S_ROLLBACK_TO))) run(s);
        if ((s = stmt(st, HX__S_RELEASE))) run(s);
        hx__ecache_clear(&st->ecache); /* rows it named may be gone */
        goto done;
    }
    if (!(s = stmt(st, HX__S_RELEASE)) || run(s)) {
        rc = hx__store_dberr(st->db, err, "release");
        goto done;
    }
    if (hx__delta_merge(&st->deltas, &g.deltas)) {
        /* The document is in the batch but its counts could not be kept: give up the
         * batch rather than commit wrong counters. */
        hx__db_exec(st->db, "ROLLBACK");
        st->in_tx = 0;
        st->pending = 0;
        hx__delta_clear(&st->deltas);
        hx__ecache_clear(&st->ecache);
        rc = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
        goto done;
    }
    if (added) *added = 1;
    if (++st->pending >= st->batch) rc = hx_store_commit(st, err);
done:
    free(g.ents);
    free(g.ments);
    free(g.times);
    free(g.claims);
    free(g.in);
    free(g.inm);
    hx__delta_free(&g.deltas);
    hx__buf_free(&g.key);
    hx__json_free(&doc);
    return rc;
}

/* ---------------------------------------------------------------- documents */

hx_status hx_store_ingest(hx_store *st, const hx_doc *doc, int *added, hx_error *err)
{
    char *json;
    size_t len;
    hx_status rc;
    if (added) *added = 0;
    if (!st || !doc) return hx__err(err, HX_INVAL, SIZE_MAX, "no store or document");
    if ((rc = hx_doc_json(doc, HX_JSON_NO_TOKENS, &json, &len, err)) != HX_OK) return rc;
    rc = hx__store_put(st, json, len, doc->orig ? doc->orig : "", doc->orig_len, added, err);
    hx_free(json);
    return rc;
}

hx_status hx_store_ingest_json(hx_store *st, const char *json, size_t len, int *added,
                               hx_error *err)
{
    if (added) *added = 0;
    if (!st || !json) return hx__err(err, HX_INVAL, SIZE_MAX, "no store or JSON");
    return hx__store_put(st, json, len, NULL, 0, added, err);
}

hx_status hx_store_contains(hx_store *st, const hx_doc *doc, int *found, hx_error *err)
{
    char hash[33];
    hx__stmt *s;
    if (found) *found = 0;
    if (!st || !doc || !found) return hx__err(err, HX_INVAL, SIZE_MAX, "no store or document");
    hx__store_hash(doc->orig ? doc->orig : "", doc->orig_len, doc->title, doc->date, doc->source, hash);
    if (!(s = stmt(st, HX__S_HAS_HASH))) return hx__store_dberr(st->db, err, "prepare");
    hx__db_bind_text(s, 1, hash, 32);
    int r = hx__db_step(s);
    hx__db_reset(s);
    if (r != HX__DB_ROW && r != HX__DB_DONE) return hx__store_dberr(st->db, err, "lookup");
    *found = r == HX__DB_ROW;
    return HX_OK;
}
