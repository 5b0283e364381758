/*
 * store_ingest.c -- one document JSON (docs/schema.md) into the store's tables.
 *
 * Why JSON and not the accessors: the document JSON is the one contract every layer
 * (mentions, quantities, times, and the entities, claims and events written in
 * parallel) already honours, so a new layer needs only a mapping here, and files
 * produced by `hechos extract` elsewhere can be stored as they are.  The mapping is
 * tolerant: unknown members are ignored, missing layers store nothing, and the few
 * members whose shape may vary (a cue as a string or {text, lemma}; an actor as an
 * entity id or {entity, role}) are read in every documented form.
 *
 * Invariants:
 *   - A document is written between SAVEPOINT doc and RELEASE doc inside the batch
 *     transaction; any failure rolls back to the savepoint, so the tables never hold
 *     part of a document.
 *   - Entities are resolved across documents by (key, type, country); n_docs counts
 *     each document once even when it has two local entities with the same key.
 *   - Spans stored are the document's code-point offsets (start, end exclusive).
 */
#include "store.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------- JSON helpers */

static const char *jstr(const json_t *o, const char *k)
{
    const json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static long long jint(const json_t *o, const char *k, long long def)
{
    const json_t *v = json_object_get(o, k);
    return json_is_integer(v) ? json_integer_value(v) : json_is_real(v) ? (long long)json_real_value(v) : def;
}

/* The text of member k whether it is a string or an object with "text". */
static const char *jtext(const json_t *o, const char *k)
{
    const json_t *v = json_object_get(o, k);
    if (json_is_string(v)) return json_string_value(v);
    return json_is_object(v) ? jstr(v, "text") : NULL;
}

static int jbool(const json_t *o, const char *k)
{
    const json_t *v = json_object_get(o, k);
    return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}

/* ---------------------------------------------------------------- statements */

static const char *const sql[HX__S_COUNT] = {
    [HX__S_HAS_HASH] = "SELECT 1 FROM documents WHERE hash=?",
    [HX__S_DOC] = "INSERT INTO documents(hash,ext_id,title,date,day,source,url,chars,meta,text,ingested)"
                  " VALUES(?,?,?,?,?,?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
    [HX__S_DOC_FTS] = "INSERT INTO docs_fts(rowid,title,text) VALUES(?,?,?)",
    [HX__S_ENTITY] = "INSERT INTO entities(name,key,type,country,kind,lat,lon,geo_id,n_docs,n_mentions)"
                     " VALUES(?,?,?,?,?,?,?,?,?,?)",
    [HX__S_ENTITY_FIND] = "SELECT id FROM entities WHERE key=? AND type=? AND country=?",
    [HX__S_ENTITY_COUNT] = "UPDATE entities SET n_docs=n_docs+?, n_mentions=n_mentions+? WHERE id=?",
    [HX__S_SAVEPOINT] = "SAVEPOINT doc",
    [HX__S_RELEASE] = "RELEASE doc",
    [HX__S_ROLLBACK_TO] = "ROLLBACK TO doc",
    [HX__S_ALIAS] = "INSERT INTO aliases(entity_id,key,alias,kind,n) VALUES(?,?,?,?,?)"
                    " ON CONFLICT DO UPDATE SET n=n+excluded.n",
    [HX__S_DOC_ENTITY] = "INSERT INTO doc_entities(doc_id,entity_id,local_id,n_mentions) VALUES(?,?,?,?)"
                         " ON CONFLICT DO UPDATE SET n_mentions=n_mentions+excluded.n_mentions",
    [HX__S_MENTION] = "INSERT INTO mentions(doc_id,entity_id,type,kind,text,start,end) VALUES(?,?,?,?,?,?,?)",
    [HX__S_TIME] = "INSERT INTO times(doc_id,type,value,anchor,text,start,end,day0,day1)"
                   " VALUES(?,?,?,?,?,?,?,?,?)",
    [HX__S_QUANT] = "INSERT INTO quantities(doc_id,claim_id,kind,value,max,bound,vague,unit,text,"
                    "of_text,thing,source,source_key,day0,day1,start,end,lo,hi)"
                    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [HX__S_QUANT_FTS] = "INSERT INTO quantities_fts(rowid,of_text) VALUES(?,?)",
    [HX__S_CLAIM] = "INSERT INTO claims(doc_id,source_entity,source_text,source_key,cue,cue_lemma,"
                    "stance,content,quote,hedged,negated,start,end,day) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [HX__S_CLAIM_ENTITY] = "INSERT OR IGNORE INTO claim_entities(claim_id,entity_id) VALUES(?,?)",
    [HX__S_EVENT] = "INSERT INTO events(doc_id,type,trigger,text,time_value,day,start,end)"
                    " VALUES(?,?,?,?,?,?,?,?)",
    [HX__S_EVENT_ACTOR] = "INSERT OR IGNORE INTO event_actors(event_id,entity_id,role,day) VALUES(?,?,?,?)",
    [HX__S_EDGE] = "INSERT INTO edges(a,b,weight) VALUES(?,?,?) ON CONFLICT DO UPDATE SET weight=weight+excluded.weight",
};

/* The prepared statement i, reset and unbound, or NULL on failure. */
sqlite3_stmt *hx__store_stmt(hx_store *st, int i)
{
    if (!st->stmt[i] &&
        sqlite3_prepare_v3(st->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->stmt[i], NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(st->stmt[i]);
    sqlite3_clear_bindings(st->stmt[i]);
    return st->stmt[i];
}

#define stmt hx__store_stmt

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    if (v) sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, i);
}

static void bind_day(sqlite3_stmt *s, int i, int ok, long d)
{
    if (ok) sqlite3_bind_int64(s, i, d);
    else sqlite3_bind_null(s, i);
}

/* Steps an INSERT; returns 0 on success. */
static int run(sqlite3_stmt *s)
{
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) r = sqlite3_step(s) == SQLITE_DONE ? SQLITE_DONE : SQLITE_ERROR;
    sqlite3_reset(s);
    return r == SQLITE_DONE ? 0 : -1;
}

/* ---------------------------------------------------------------- per-document state */

typedef struct lent { /* one entity of the document */
    const char *local;  /* its "id" in the JSON, or NULL */
    const char *name;
    sqlite3_int64 gid;  /* row of entities */
} lent;

typedef struct lspan { /* an entity mention, or a time, or a claim */
    long long start, end;
    sqlite3_int64 id;   /* entity row / claim row */
    int has_period;
    long d0, d1;
    const char *name;   /* claims: who said it */
} lspan;

typedef struct ingest {
    hx_store *st;
    sqlite3_int64 doc;
    json_t *root;
    const char *source;  /* the document's source */
    int has_day;
    long day;
    lent *ents;
    size_t nents;
    lspan *ments, *times, *claims;
    size_t nments, ntimes, nclaims;
    json_t *ents_json;   /* the entity list (names borrow from it) */
    hx__deltas deltas;   /* this document's counters, merged after its savepoint */
    hx__buf key;         /* scratch for folded keys */
} ingest;

static sqlite3_int64 entity_of(const ingest *g, const json_t *ref)
{
    const char *id = json_is_string(ref) ? json_string_value(ref) : NULL;
    if (json_is_object(ref)) {
        id = jstr(ref, "entity");
        if (!id) id = jstr(ref, "id");
        if (!id) id = jstr(ref, "ref");
    }
    if (json_is_integer(ref) && (size_t)json_integer_value(ref) < g->nents)
        return g->ents[json_integer_value(ref)].gid;
    if (!id) return 0;
    for (size_t i = 0; i < g->nents; i++)
        if (g->ents[i].local && strcmp(g->ents[i].local, id) == 0) return g->ents[i].gid;
    return 0;
}

static const char *fold(ingest *g, const char *s)
{
    g->key.n = 0;
    if (hx__store_fold(&g->key, s, strlen(s)) < 0) return NULL;
    return g->key.p;
}

/* Entities as the entities stage gives them, or made from the NER mentions (one per
 * distinct text and type) when the document has no entities layer. */
static json_t *entity_list(ingest *g)
{
    json_t *ents = json_object_get(g->root, "entities");
    if (json_is_array(ents)) return json_incref(ents);
    json_t *out = json_array(), *ments = json_object_get(g->root, "mentions");
    size_t i;
    json_t *m;
    hx__buf a = {0}, b = {0};
    if (!out) return NULL;
    json_array_foreach(ments, i, m) {
        const char *text = jstr(m, "text"), *type = jstr(m, "type");
        json_t *e = NULL, *x;
        size_t j;
        if (!text || !type) continue;
        a.n = 0;
        hx__store_fold(&a, text, strlen(text));
        json_array_foreach(out, j, x) {
            b.n = 0;
            hx__store_fold(&b, jstr(x, "name"), strlen(jstr(x, "name")));
            if (a.n == b.n && memcmp(a.p, b.p, a.n) == 0 && strcmp(jstr(x, "type"), type) == 0) {
                e = x;
                break;
            }
        }
        if (!e) {
            e = json_pack("{s:s, s:s, s:[]}", "name", text, "type", type, "mentions");
            if (!e || json_array_append_new(out, e) < 0) break;
        }
        json_array_append(json_object_get(e, "mentions"), m);
    }
    int oom = a.oom || b.oom;
    hx__buf_free(&a);
    hx__buf_free(&b);
    if (oom) json_decref(out), out = NULL;
    return out;
}

static int bind_geo(sqlite3_stmt *s, const json_t *geo)
{
    const json_t *lat = json_object_get(geo, "lat"), *lon = json_object_get(geo, "lon");
    const json_t *id = json_object_get(geo, "id");
    if (json_is_number(lat)) sqlite3_bind_double(s, 6, json_number_value(lat));
    if (json_is_number(lon)) sqlite3_bind_double(s, 7, json_number_value(lon));
    if (json_is_string(id)) bind_str(s, 8, json_string_value(id));
    else if (json_is_integer(id)) sqlite3_bind_int64(s, 8, json_integer_value(id));
    return 0;
}

/* Stores one alias (and, with a span, one mention) of entity gid. */
static int put_alias(ingest *g, sqlite3_int64 gid, const char *type, const json_t *m,
                     const char *text)
{
    sqlite3_stmt *s;
    if (!fold(g, text)) return -1;
    /* the canonical name alone counts no mention */
    hx__delta d = {HX__D_ALIAS, gid, 0, m != NULL, 0, g->key.p, (char *)text,
                   (char *)(m ? jstr(m, "kind") : "name")};
    if (hx__delta_add(&g->deltas, &d)) return -1;
    if (!m) return 0;
    if (!(s = stmt(g->st, HX__S_MENTION))) return -1;
    sqlite3_bind_int64(s, 1, g->doc);
    sqlite3_bind_int64(s, 2, gid);
    sqlite3_bind_text(s, 3, type, -1, SQLITE_TRANSIENT);
    bind_str(s, 4, jstr(m, "kind"));
    sqlite3_bind_text(s, 5, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 6, jint(m, "start", 0));
    sqlite3_bind_int64(s, 7, jint(m, "end", 0));
    if (run(s)) return -1;
    lspan *ls = &g->ments[g->nments++];
    ls->start = jint(m, "start", 0);
    ls->end = jint(m, "end", 0);
    ls->id = gid;
    return 0;
}

static int put_entities(ingest *g)
{
    json_t *ents = g->ents_json = entity_list(g), *e, *m;
    size_t i, j, total = 0, n;
    char **keys;
    int rc = -1;
    if (!ents) return -1;
    n = json_array_size(ents);
    json_array_foreach(ents, i, e) total += json_array_size(json_object_get(e, "mentions"));
    g->ents = calloc(n + 1, sizeof *g->ents);
    g->ments = calloc(total + 1, sizeof *g->ments);
    keys = calloc(n + 1, sizeof *keys); /* [k]: "key\ttype\tcountry" of g->ents[k] */
    if (!g->ents || !g->ments || !keys) goto done;
    json_array_foreach(ents, i, e) {
        json_t *ms = json_object_get(e, "mentions");
        const char *name = jstr(e, "name"), *type = jstr(e, "type"), *country = jstr(e, "country");
        size_t nm = json_array_size(ms);
        sqlite3_stmt *s;
        if (!name && nm) name = jstr(json_array_get(ms, 0), "text");
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
        sqlite3_int64 gid = hx__ecache_get(&g->st->ecache, ident);
        if (!gid) {
            if (!(s = stmt(g->st, HX__S_ENTITY_FIND))) goto done;
            sqlite3_bind_text(s, 1, g->key.p, (int)g->key.n, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 2, type, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 3, country, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(s) == SQLITE_ROW) gid = sqlite3_column_int64(s, 0);
            sqlite3_reset(s);
        }
        if (!gid) { /* kind and place are taken from the entity's first document */
            if (!(s = stmt(g->st, HX__S_ENTITY))) goto done;
            sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 2, g->key.p, (int)g->key.n, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 3, type, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 4, country, -1, SQLITE_TRANSIENT);
            bind_str(s, 5, jstr(e, "kind"));
            bind_geo(s, json_object_get(e, "geo"));
            sqlite3_bind_int(s, 9, 0);
            sqlite3_bind_int(s, 10, 0);
            if (run(s)) goto done;
            gid = sqlite3_last_insert_rowid(g->st->db);
        }
        if (!gid || hx__ecache_put(&g->st->ecache, ident, gid)) goto done;
        hx__delta cd = {HX__D_ENTITY, gid, 0, !seen, nm ? (long long)nm : 1, NULL, NULL, NULL};
        if (hx__delta_add(&g->deltas, &cd)) goto done;
        g->ents[g->nents].local = jstr(e, "id");
        g->ents[g->nents].name = name;
        g->ents[g->nents++].gid = gid;
        if (!(s = stmt(g->st, HX__S_DOC_ENTITY))) goto done;
        sqlite3_bind_int64(s, 1, g->doc);
        sqlite3_bind_int64(s, 2, gid);
        bind_str(s, 3, jstr(e, "id"));
        sqlite3_bind_int(s, 4, nm ? (int)nm : 1);
        if (run(s)) goto done;
        int named = 0;
        json_array_foreach(ms, j, m) {
            const char *text = jstr(m, "text");
            if (text && put_alias(g, gid, type, m, text)) goto done;
            named |= text && strcmp(text, name) == 0;
        }
        /* An entity always answers to its canonical name. */
        if (!named && put_alias(g, gid, type, NULL, name)) goto done;
    }
    rc = 0;
done:
    if (keys)
        for (size_t k = 0; k < n; k++) free(keys[k]);
    free(keys);
    return rc;
}

/* ---------------------------------------------------------------- times */

static int put_times(ingest *g)
{
    json_t *ts = json_object_get(g->root, "times"), *t;
    size_t i;
    if (!(g->times = calloc(json_array_size(ts) + 1, sizeof *g->times))) return -1;
    json_array_foreach(ts, i, t) {
        sqlite3_stmt *s = stmt(g->st, HX__S_TIME);
        lspan *ls = &g->times[g->ntimes++];
        const char *value = jstr(t, "value"), *type = jstr(t, "type");
        if (!s) return -1;
        ls->start = jint(t, "start", 0);
        ls->end = jint(t, "end", 0);
        /* Only dates place a figure in time; durations and sets do not. */
        ls->has_period = (!type || strcmp(type, "DATE") == 0 || strcmp(type, "TIME") == 0) &&
                         hx__store_period(value, &ls->d0, &ls->d1) == 0;
        sqlite3_bind_int64(s, 1, g->doc);
        bind_str(s, 2, type);
        bind_str(s, 3, value);
        bind_str(s, 4, jstr(t, "anchor"));
        bind_str(s, 5, jstr(t, "text"));
        sqlite3_bind_int64(s, 6, ls->start);
        sqlite3_bind_int64(s, 7, ls->end);
        bind_day(s, 8, ls->has_period, ls->d0);
        bind_day(s, 9, ls->has_period, ls->d1);
        if (run(s)) return -1;
        ls->id = sqlite3_last_insert_rowid(g->st->db);
    }
    return 0;
}

/* ---------------------------------------------------------------- claims */

/* The span of a claim's content: its "content" object, else the claim's own span. */
static void claim_span(const json_t *c, long long *a, long long *b)
{
    const json_t *ct = json_object_get(c, "content");
    const json_t *o = json_is_object(ct) && json_object_get(ct, "start") ? ct : c;
    *a = jint(o, "start", -1);
    *b = jint(o, "end", -1);
}

static int put_claims(ingest *g, long long *quant_claim, size_t nquant)
{
    json_t *cs = json_object_get(g->root, "claims"), *c, *x;
    size_t i, j;
    if (!(g->claims = calloc(json_array_size(cs) + 1, sizeof *g->claims))) return -1;
    json_array_foreach(cs, i, c) {
        sqlite3_stmt *s = stmt(g->st, HX__S_CLAIM);
        json_t *src = json_object_get(c, "source"), *cue = json_object_get(c, "cue");
        sqlite3_int64 sgid = src ? entity_of(g, src) : 0;
        const char *stext = jstr(c, "source_text"), *sname = NULL;
        const char *lemma = jstr(c, "cue_lemma"), *stance = jstr(c, "stance");
        long long a, b;
        if (!s) return -1;
        if (!stext && json_is_object(src)) stext = jstr(src, "text");
        for (size_t k = 0; k < g->nents; k++)
            if (sgid && g->ents[k].gid == sgid) sname = g->ents[k].name;
        if (!sname) sname = stext;
        if (json_is_object(cue)) {
            if (!lemma) lemma = jstr(cue, "lemma");
            if (!stance) stance = jstr(cue, "stance");
        }
        if (!lemma) lemma = jstr(c, "lemma");
        claim_span(c, &a, &b);
        sqlite3_bind_int64(s, 1, g->doc);
        if (sgid) sqlite3_bind_int64(s, 2, sgid);
        bind_str(s, 3, stext);
        if (stext || sname) { /* the claimant as written, for matching what users type */
            if (!fold(g, stext ? stext : sname)) return -1;
            sqlite3_bind_text(s, 4, g->key.p, (int)g->key.n, SQLITE_TRANSIENT);
        }
        bind_str(s, 5, jtext(c, "cue"));
        bind_str(s, 6, lemma);
        bind_str(s, 7, stance);
        bind_str(s, 8, jtext(c, "content"));
        sqlite3_bind_int(s, 9, jbool(c, "quote"));
        sqlite3_bind_int(s, 10, jbool(c, "hedged"));
        sqlite3_bind_int(s, 11, jbool(c, "negated"));
        if (a >= 0) sqlite3_bind_int64(s, 12, a);
        if (b >= 0) sqlite3_bind_int64(s, 13, b);
        bind_day(s, 14, g->has_day, g->day);
        if (run(s)) return -1;
        lspan *ls = &g->claims[g->nclaims++];
        ls->id = sqlite3_last_insert_rowid(g->st->db);
        ls->start = a;
        ls->end = b;
        ls->name = sname;
        /* What it is about: the entities it names (listed, or mentioned inside it). */
        json_array_foreach(json_object_get(c, "entities"), j, x) {
            sqlite3_int64 e = entity_of(g, x);
            if (!e || !(s = stmt(g->st, HX__S_CLAIM_ENTITY))) continue;
            sqlite3_bind_int64(s, 1, ls->id);
            sqlite3_bind_int64(s, 2, e);
            if (run(s)) return -1;
        }
        for (size_t k = 0; k < g->nments && a >= 0; k++) {
            if (g->ments[k].start < a || g->ments[k].end > b || g->ments[k].id == sgid) continue;
            if (!(s = stmt(g->st, HX__S_CLAIM_ENTITY))) return -1;
            sqlite3_bind_int64(s, 1, ls->id);
            sqlite3_bind_int64(s, 2, g->ments[k].id);
            if (run(s)) return -1;
        }
        /* The figures it carries and the time it refers to. */
        json_array_foreach(json_object_get(c, "quantities"), j, x)
            if (json_is_integer(x) && (size_t)json_integer_value(x) < nquant)
                quant_claim[json_integer_value(x)] = (long long)g->nclaims - 1;
        json_array_foreach(json_object_get(c, "times"), j, x) {
            if (!json_is_integer(x) || (size_t)json_integer_value(x) >= g->ntimes) continue;
            const lspan *t = &g->times[json_integer_value(x)];
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
static void bind_interval(sqlite3_stmt *s, const json_t *q, const char *bound)
{
    const json_t *jv = json_object_get(q, "value"), *jm = json_object_get(q, "max");
    if (!json_is_number(jv)) return;
    double v = json_number_value(jv), lo = v, hi = v;
    if (jbool(q, "vague")) hi = v * 10;
    else if (bound && strcmp(bound, "min") == 0) hi = HUGE_VAL;
    else if (bound && strcmp(bound, "max") == 0) lo = -HUGE_VAL;
    else if (bound && strcmp(bound, "approx") == 0) lo = v * 0.9, hi = v * 1.1;
    else if (bound && strcmp(bound, "range") == 0 && json_is_number(jm)) hi = json_number_value(jm);
    if (lo > hi) { double t = lo; lo = hi; hi = t; } /* negative values */
    sqlite3_bind_double(s, 18, lo);
    sqlite3_bind_double(s, 19, hi);
}

static int put_quantities(ingest *g)
{
    json_t *qs = json_object_get(g->root, "quantities"), *q;
    json_t *sents = json_object_get(g->root, "sentences");
    size_t nq = json_array_size(qs), i;
    long long *qc = malloc((nq + 1) * sizeof *qc); /* [i]: claim index of quantity i, or -1 */
    hx__buf thing = {0};
    int rc = -1;
    if (!qc) return -1;
    for (i = 0; i < nq; i++) qc[i] = -1;
    if (put_claims(g, qc, nq)) goto done;
    json_array_foreach(qs, i, q) {
        sqlite3_stmt *s;
        long long a = jint(q, "start", 0), b = jint(q, "end", 0);
        const char *kind = jstr(q, "kind"), *of = jtext(q, "of"), *bound = jstr(q, "bound");
        const lspan *cl = NULL;
        int hp = 0;
        long d0 = 0, d1 = 0;
        if (qc[i] >= 0) cl = &g->claims[qc[i]];
        for (size_t k = 0; !cl && k < g->nclaims; k++)
            if (g->claims[k].start >= 0 && a >= g->claims[k].start && b <= g->claims[k].end) cl = &g->claims[k];
        /* When: the claim's time, else a date in the same sentence, else publication. */
        if (cl && cl->has_period) hp = 1, d0 = cl->d0, d1 = cl->d1;
        if (!hp) {
            size_t si;
            json_t *sn;
            long long s0 = -1, s1 = -1;
            json_array_foreach(sents, si, sn) {
                if (jint(sn, "start", 0) <= a && a < jint(sn, "end", 0)) {
                    s0 = jint(sn, "start", 0);
                    s1 = jint(sn, "end", 0);
                    break;
                }
            }
            for (size_t k = 0; k < g->ntimes && !hp; k++)
                if (g->times[k].has_period && g->times[k].start >= s0 && g->times[k].end <= s1)
                    hp = 1, d0 = g->times[k].d0, d1 = g->times[k].d1;
        }
        if (!hp && g->has_day) hp = 1, d0 = d1 = g->day;
        const char *src = cl && cl->name ? cl->name : g->source;
        if (!(s = stmt(g->st, HX__S_QUANT))) goto done;
        sqlite3_bind_int64(s, 1, g->doc);
        if (cl) sqlite3_bind_int64(s, 2, cl->id);
        bind_str(s, 3, kind);
        if (json_is_number(json_object_get(q, "value")))
            sqlite3_bind_double(s, 4, json_number_value(json_object_get(q, "value")));
        if (json_is_number(json_object_get(q, "max")))
            sqlite3_bind_double(s, 5, json_number_value(json_object_get(q, "max")));
        bind_str(s, 6, bound ? bound : "exact");
        sqlite3_bind_int(s, 7, jbool(q, "vague"));
        bind_str(s, 8, jstr(q, "unit"));
        bind_str(s, 9, jstr(q, "text"));
        bind_str(s, 10, of);
        thing.n = 0;
        if (of && (!kind || strcmp(kind, "ordinal") != 0)) {
            if (hx__store_thing(&thing, of, strlen(of)) < 0) goto done;
            if (thing.n) sqlite3_bind_text(s, 11, thing.p, (int)thing.n, SQLITE_TRANSIENT);
        }
        bind_str(s, 12, src);
        if (src) {
            if (!fold(g, src)) goto done;
            sqlite3_bind_text(s, 13, g->key.p, (int)g->key.n, SQLITE_TRANSIENT);
        }
        bind_day(s, 14, hp, d0);
        bind_day(s, 15, hp, d1);
        sqlite3_bind_int64(s, 16, a);
        sqlite3_bind_int64(s, 17, b);
        bind_interval(s, q, bound);
        if (run(s)) goto done;
        if (of) {
            sqlite3_int64 id = sqlite3_last_insert_rowid(g->st->db);
            if (!(s = stmt(g->st, HX__S_QUANT_FTS))) goto done;
            sqlite3_bind_int64(s, 1, id);
            sqlite3_bind_text(s, 2, of, -1, SQLITE_TRANSIENT);
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

static int put_events(ingest *g)
{
    json_t *es = json_object_get(g->root, "events"), *e, *a;
    static const char *const actor_keys[] = {"actors", "participants", "arguments", "entities"};
    size_t i, j;
    json_array_foreach(es, i, e) {
        sqlite3_stmt *s = stmt(g->st, HX__S_EVENT);
        json_t *tm = json_object_get(e, "time"), *trig = json_object_get(e, "trigger");
        const char *tv = NULL, *text = jstr(e, "text");
        long d0 = 0, d1 = 0;
        int hp = 0;
        if (!s) return -1;
        if (json_is_integer(tm) && (size_t)json_integer_value(tm) < g->ntimes) {
            const lspan *t = &g->times[json_integer_value(tm)];
            tv = jstr(json_array_get(json_object_get(g->root, "times"), (size_t)json_integer_value(tm)), "value");
            hp = t->has_period, d0 = t->d0;
        } else if (json_is_string(tm)) {
            tv = json_string_value(tm);
        } else if (json_is_object(tm)) {
            tv = jstr(tm, "value");
        }
        if (!tv) tv = jstr(e, "date");
        if (!hp && tv) hp = hx__store_period(tv, &d0, &d1) == 0;
        if (!hp && g->has_day) hp = 1, d0 = g->day;
        if (!text) text = jtext(e, "trigger");
        const json_t *sp = json_object_get(e, "start") ? e : trig;
        sqlite3_bind_int64(s, 1, g->doc);
        bind_str(s, 2, jstr(e, "type"));
        bind_str(s, 3, jtext(e, "trigger"));
        bind_str(s, 4, text);
        bind_str(s, 5, tv);
        bind_day(s, 6, hp, d0);
        if (json_is_object(sp) && json_object_get(sp, "start")) {
            sqlite3_bind_int64(s, 7, jint(sp, "start", 0));
            sqlite3_bind_int64(s, 8, jint(sp, "end", 0));
        }
        if (run(s)) return -1;
        sqlite3_int64 ev = sqlite3_last_insert_rowid(g->st->db), actors[32];
        size_t na = 0;
        for (size_t k = 0; k < sizeof actor_keys / sizeof *actor_keys; k++) {
            json_array_foreach(json_object_get(e, actor_keys[k]), j, a) {
                sqlite3_int64 gid = entity_of(g, a);
                const char *role = json_is_object(a) ? jstr(a, "role") : NULL;
                if (!gid || !(s = stmt(g->st, HX__S_EVENT_ACTOR))) continue;
                sqlite3_bind_int64(s, 1, ev);
                sqlite3_bind_int64(s, 2, gid);
                sqlite3_bind_text(s, 3, role ? role : "", -1, SQLITE_TRANSIENT);
                /* the timeline's sort key: undated events after every dated one */
                sqlite3_bind_int64(s, 4, hp ? d0 : 0x7fffffffL);
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

static int put_doc(ingest *g, const char *hash, const char *text, size_t tlen)
{
    sqlite3_stmt *s = stmt(g->st, HX__S_DOC);
    json_t *r = g->root, *len = json_object_get(r, "length"), *meta = json_object_get(r, "meta");
    const char *date = jstr(r, "date"), *title = jstr(r, "title");
    long d1;
    if (!s) return -1;
    g->source = jstr(r, "source");
    g->has_day = hx__store_period(date, &g->day, &d1) == 0;
    sqlite3_bind_text(s, 1, hash, 32, SQLITE_TRANSIENT);
    bind_str(s, 2, jstr(r, "id"));
    bind_str(s, 3, title);
    bind_str(s, 4, date);
    bind_day(s, 5, g->has_day, g->day);
    bind_str(s, 6, g->source);
    bind_str(s, 7, jstr(r, "url"));
    if (json_is_object(len)) sqlite3_bind_int64(s, 8, jint(len, "chars", 0));
    if (json_is_object(meta)) {
        char *m = json_dumps(meta, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (m) sqlite3_bind_text(s, 9, m, -1, free);
    }
    sqlite3_bind_text(s, 10, text, (int)tlen, SQLITE_STATIC);
    if (run(s)) return -1;
    g->doc = sqlite3_last_insert_rowid(g->st->db);
    if (!(s = stmt(g->st, HX__S_DOC_FTS))) return -1;
    sqlite3_bind_int64(s, 1, g->doc);
    bind_str(s, 2, title);
    sqlite3_bind_text(s, 3, text, (int)tlen, SQLITE_STATIC);
    return run(s);
}

hx_status hx__store_put(hx_store *st, const char *json, size_t len, const char *text,
                        size_t text_len, int *added, hx_error *err)
{
    json_error_t je;
    ingest g;
    char hash[33];
    hx_status rc = HX_OK;
    int found;

    if (added) *added = 0;
    if (st->flags & HX_STORE_READONLY) return hx__err(err, HX_INVAL, SIZE_MAX, "store is read-only");
    memset(&g, 0, sizeof g);
    g.st = st;
    if (!(g.root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je)))
        return hx__err(err, HX_JSON, (size_t)je.position, "%s at byte %d", je.text, je.position);
    if (!json_is_object(g.root)) {
        rc = hx__err(err, HX_JSON, 0, "document is not a JSON object");
        goto done;
    }
    if (!text) {
        json_t *t = json_object_get(g.root, "text");
        if (!json_is_string(t)) {
            rc = hx__err(err, HX_FIELD, SIZE_MAX, "document has no \"text\" string");
            goto done;
        }
        text = json_string_value(t);
        text_len = json_string_length(t);
    }
    hx__store_hash(text, text_len, jstr(g.root, "title"), jstr(g.root, "date"),
                   jstr(g.root, "source"), hash);
    sqlite3_stmt *s = stmt(st, HX__S_HAS_HASH);
    if (!s) {
        rc = hx__store_dberr(st->db, err, "prepare");
        goto done;
    }
    sqlite3_bind_text(s, 1, hash, 32, SQLITE_STATIC);
    found = sqlite3_step(s);
    sqlite3_reset(s);
    if (found == SQLITE_ROW) goto done; /* stored already: nothing changes */
    if (found != SQLITE_DONE) {
        rc = hx__store_dberr(st->db, err, "lookup");
        goto done;
    }
    if (!st->in_tx) {
        if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
            rc = hx__store_dberr(st->db, err, "begin");
            goto done;
        }
        st->in_tx = 1;
    }
    if (!(s = stmt(st, HX__S_SAVEPOINT)) || run(s)) {
        rc = hx__store_dberr(st->db, err, "savepoint");
        goto done;
    }
    if (put_doc(&g, hash, text, text_len) || put_entities(&g) || put_times(&g) ||
        put_quantities(&g) || put_events(&g)) {
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
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
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
    json_decref(g.ents_json);
    hx__delta_free(&g.deltas);
    hx__buf_free(&g.key);
    json_decref(g.root);
    return rc;
}
