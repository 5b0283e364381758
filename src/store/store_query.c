/*
 * store_query.c -- the analyst's questions to the corpus store, answered as JSON (and
 * the graph also as DOT or GraphML).  Result shapes are documented in docs/store.md.
 *
 * Invariants:
 *   - Every query is one or a few indexed SQL statements with a LIMIT, so answers stay
 *     fast on large stores (docs/store.md lists the measured times).
 *   - Names given by the user are resolved to one entity through the folded keys of
 *     entities, then of aliases; an unknown name gives an empty answer, not an error.
 *   - Result columns become JSON members by name; a column whose name ends in '$'
 *     holds JSON text made by SQLite and is copied as is (without the '$').
 */
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- rows as JSON */

typedef struct param {
    int kind; /* 't' text, 'i' integer */
    const char *t;
    long long i;
} param;

#define P_T(x) ((param){'t', (x), 0})
#define P_I(x) ((param){'i', NULL, (long long)(x)})

static int prepare(hx__db *db, const char *sql, const param *p, int np, hx__stmt **out)
{
    if (hx__db_prepare(db, sql, 0, out)) return -1;
    for (int k = 0; k < np; k++) {
        if (p[k].kind == 'i') hx__db_bind_int64(*out, k + 1, p[k].i);
        else if (p[k].t) hx__db_bind_text(*out, k + 1, p[k].t, -1);
    }
    return 0;
}

/* Writes the jansson value x in one canonical form (compact, members in their order,
 * numbers as the other columns print them), so that JSON made by either database
 * (SQLite's json_object, PostgreSQL's json_build_object) reads the same. */
static void put_json(hx__buf *b, json_t *x)
{
    size_t i;
    const char *k;
    json_t *v;
    switch (json_typeof(x)) {
    case JSON_OBJECT:
        hx__buf_putc(b, '{');
        i = 0;
        json_object_foreach(x, k, v) {
            if (i++) hx__buf_putc(b, ',');
            hx__buf_json_str(b, k, strlen(k));
            hx__buf_putc(b, ':');
            put_json(b, v);
        }
        hx__buf_putc(b, '}');
        break;
    case JSON_ARRAY:
        hx__buf_putc(b, '[');
        json_array_foreach(x, i, v) {
            if (i) hx__buf_putc(b, ',');
            put_json(b, v);
        }
        hx__buf_putc(b, ']');
        break;
    case JSON_STRING: hx__buf_json_str(b, json_string_value(x), json_string_length(x)); break;
    case JSON_INTEGER: hx__buf_printf(b, "%lld", (long long)json_integer_value(x)); break;
    case JSON_REAL: hx__buf_json_num(b, json_real_value(x)); break;
    case JSON_TRUE: hx__buf_puts(b, "true"); break;
    case JSON_FALSE: hx__buf_puts(b, "false"); break;
    default: hx__buf_puts(b, "null");
    }
}

static void put_value(hx__buf *b, hx__stmt *s, int c)
{
    const char *name = hx__db_column_name(s, c);
    size_t nl = strlen(name);
    int raw = nl && name[nl - 1] == '$';
    hx__buf_json_str(b, name, nl - (size_t)raw);
    hx__buf_putc(b, ':');
    switch (hx__db_column_type(s, c)) {
    case HX__DB_INT: hx__buf_printf(b, "%lld", (long long)hx__db_column_int64(s, c)); break;
    case HX__DB_FLOAT: hx__buf_json_num(b, hx__db_column_double(s, c)); break;
    case HX__DB_NULL: hx__buf_puts(b, raw ? "[]" : "null"); break;
    default: {
        size_t n;
        const char *t = hx__db_column_text(s, c, &n);
        json_t *j = raw ? json_loadb(t, n, JSON_DECODE_ANY, NULL) : NULL;
        if (j) put_json(b, j);
        else if (raw) hx__buf_put(b, t, n);
        else hx__buf_json_str(b, t, n);
        json_decref(j);
    }
    }
}

/* Appends `"key":[{...},...]` (key NULL: just the array) with one object per row. */
static int rows(hx__buf *b, hx__db *db, const char *key, const char *sql, const param *p, int np)
{
    hx__stmt *s;
    int r, n = 0;
    if (prepare(db, sql, p, np, &s)) return -1;
    if (key) {
        hx__buf_json_str(b, key, strlen(key));
        hx__buf_putc(b, ':');
    }
    hx__buf_putc(b, '[');
    while ((r = hx__db_step(s)) == HX__DB_ROW) {
        hx__buf_puts(b, n++ ? ",{" : "{");
        for (int c = 0; c < hx__db_column_count(s); c++) {
            if (c) hx__buf_putc(b, ',');
            put_value(b, s, c);
        }
        hx__buf_putc(b, '}');
    }
    hx__buf_putc(b, ']');
    hx__db_finalize(s);
    return r == HX__DB_DONE ? 0 : -1;
}

/* The first column of the first row as an integer (0 when there is none). */
static long long scalar(hx__db *db, const char *sql, const param *p, int np)
{
    hx__stmt *s;
    long long v = 0;
    if (prepare(db, sql, p, np, &s)) return -1;
    int r = hx__db_step(s);
    if (r == HX__DB_ROW) v = hx__db_column_int64(s, 0);
    hx__db_finalize(s);
    return r == HX__DB_ERROR ? -1 : v;
}

/* The entity a user's name means: canonical name first (most documents), then the
 * most used alias.  0 when unknown. */
static long long resolve(hx__db *db, const char *name, hx__buf *key)
{
    key->n = 0;
    if (!name || hx__store_fold(key, name, strlen(name)) < 0 || key->n == 0) return 0;
    param p = P_T(key->p);
    long long id = scalar(db, "SELECT id FROM entities WHERE key=? ORDER BY n_docs DESC, id LIMIT 1", &p, 1);
    if (id <= 0)
        id = scalar(db, "SELECT a.entity_id FROM aliases a JOIN entities e ON e.id=a.entity_id"
                        " WHERE a.key=? ORDER BY a.n DESC, e.n_docs DESC, e.id LIMIT 1", &p, 1);
    if (id <= 0) { /* "el Kremlin", "la OTAN": try again without the article */
        static const char *const arts[] = {"el ", "la ", "los ", "las ", NULL};
        for (int i = 0; arts[i]; i++) {
            size_t l = strlen(arts[i]);
            if (key->n > l && strncmp(key->p, arts[i], l) == 0) {
                hx__buf rest = {0};
                hx__buf_put(&rest, key->p + l, key->n - l);
                id = rest.oom ? 0 : resolve(db, rest.p, key);
                hx__buf_free(&rest);
                break;
            }
        }
    }
    return id > 0 ? id : 0;
}

/* Appends the full-text query for the words of text, every word required, each a
 * prefix when prefix is set: FTS5's `"w1"* "w2"*`, or PostgreSQL's `w1:* & w2:*`.
 * Folding leaves only letters, digits and spaces, so no word can break the syntax. */
static int fts_query(hx__buf *out, const char *text, int prefix, int pg)
{
    hx__buf f = {0};
    if (!text || hx__store_fold(&f, text, strlen(text)) < 0) return -1;
    for (size_t i = 0; i < f.n;) {
        size_t j = i;
        while (j < f.n && f.p[j] != ' ') j++;
        if (out->n) hx__buf_puts(out, pg ? " & " : " ");
        if (!pg) hx__buf_putc(out, '"');
        hx__buf_put(out, f.p + i, j - i);
        if (pg) hx__buf_puts(out, prefix ? ":*" : "");
        else hx__buf_puts(out, prefix ? "\"*" : "\"");
        i = j + 1;
    }
    hx__buf_free(&f);
    if (!out->p) hx__buf_reserve(out, 1);
    return out->oom ? -1 : 0;
}

/* ---------------------------------------------------------------- the queries */

static const char entity_cols[] =
    "e.id, e.name, e.type, nullif(e.country,'') AS country, e.kind, e.lat, e.lon,"
    " e.n_docs AS documents, e.n_mentions AS mentions";

static int q_stats(hx__buf *b, hx__db *db)
{
    static const char *const tables[] = {"documents", "entities", "aliases", "mentions", "times",
                                         "quantities", "claims", "events", "edges"};
    hx__buf_printf(b, "{\"schema\":%d", HX__STORE_VERSION);
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
        long long n = scalar(db, sql, NULL, 0);
        if (n < 0) return -1;
        hx__buf_printf(b, ",\"%s\":%lld", tables[i], n);
    }
    hx__buf_putc(b, '}');
    return 0;
}

static int q_entities(hx__buf *b, hx__db *db, const hx_query *q, long long top)
{
    hx__buf sql = {0};
    param p[2];
    int np = 0, rc;
    hx__buf_printf(&sql, "SELECT %s FROM entities e", entity_cols);
    if (q->type && *q->type) {
        hx__buf_puts(&sql, " WHERE e.type=?");
        p[np++] = P_T(q->type);
    }
    hx__buf_puts(&sql, " ORDER BY e.n_docs DESC, e.n_mentions DESC, e.id LIMIT ?");
    p[np++] = P_I(top);
    hx__buf_putc(b, '{');
    rc = sql.oom ? -1 : rows(b, db, "entities", sql.p, p, np);
    hx__buf_putc(b, '}');
    hx__buf_free(&sql);
    return rc;
}

static int q_entity(hx__buf *b, hx__db *db, const hx_query *q, long long top, hx__buf *key)
{
    long long id = resolve(db, q->arg, key);
    param p[2] = {P_I(id), P_I(top)};
    char sql[256];
    hx__buf_puts(b, "{\"query\":");
    hx__buf_json_str(b, q->arg ? q->arg : "", q->arg ? strlen(q->arg) : 0);
    hx__buf_puts(b, ",\"entity\":");
    if (!id) {
        hx__buf_puts(b, "null,\"aliases\":[],\"cooccurring\":[],\"same_as\":[]}");
        return 0;
    }
    snprintf(sql, sizeof sql, "SELECT %s FROM entities e WHERE e.id=?", entity_cols);
    size_t at = b->n;
    if (rows(b, db, NULL, sql, p, 1)) return -1;
    /* The one row without its array brackets. */
    memmove(b->p + at, b->p + at + 1, b->n - at - 2);
    b->n -= 2;
    b->p[b->n] = '\0';
    hx__buf_putc(b, ',');
    if (rows(b, db, "aliases",
             "SELECT alias, kind, n AS mentions FROM aliases WHERE entity_id=?"
             " ORDER BY n DESC, alias LIMIT ?", p, 2))
        return -1;
    hx__buf_putc(b, ',');
    /* Co-occurrence over the entity's 1,000 most recently stored documents, so that
     * the answer stays fast (< 30 ms) for the most frequent entities of a large corpus. */
    if (rows(b, db, "cooccurring",
             "SELECT e.id, e.name, e.type, count(*) AS documents"
             " FROM (SELECT doc_id FROM doc_entities WHERE entity_id=?1"
             "       ORDER BY doc_id DESC LIMIT 1000) a"
             " JOIN doc_entities d ON d.doc_id=a.doc_id AND d.entity_id<>?1"
             " JOIN entities e ON e.id=d.entity_id"
             " GROUP BY d.entity_id, e.id ORDER BY documents DESC, e.n_docs DESC, e.id LIMIT ?2", p, 2))
        return -1;
    hx__buf_putc(b, ',');
    /* The other rows of the same real thing (store_link.c) and why they are one. */
    if (rows(b, db, "same_as",
             "SELECT x.id, x.name, x.type, x.country, x.n_docs AS documents,"
             " COALESCE(lx.reason, lme.reason) AS why"
             " FROM entities me JOIN entities x ON x.canon=me.canon AND x.id<>me.id"
             " LEFT JOIN entity_links lx ON lx.entity_id=x.id AND lx.undone=0"
             " LEFT JOIN entity_links lme ON lme.entity_id=me.id AND lme.undone=0"
             " WHERE me.id=?1 ORDER BY x.n_docs DESC, x.id LIMIT ?2", p, 2))
        return -1;
    hx__buf_putc(b, '}');
    return 0;
}

static int q_timeline(hx__buf *b, hx__db *db, const hx_query *q, long long top, hx__buf *key)
{
    long long id = resolve(db, q->arg, key);
    param p[2] = {P_I(id), P_I(top)};
    int rc;
    hx__buf_puts(b, "{\"query\":");
    hx__buf_json_str(b, q->arg ? q->arg : "", q->arg ? strlen(q->arg) : 0);
    hx__buf_printf(b, ",\"entity\":%lld,", id);
    rc = rows(b, db, "events",
              "SELECT date(ev.day*86400,'unixepoch') AS date, ev.time_value AS time, ev.type,"
              " ev.trigger, ev.text, ev.id,"
              " (SELECT json_group_array(json_object('id',o.id,'name',o.name,'role',o.role))"
              "  FROM (SELECT x.id, x.name, nullif(a.role,'') AS role FROM event_actors a"
              "   JOIN entities x ON x.id=a.entity_id WHERE a.event_id=ev.id ORDER BY a.entity_id) o)"
              " AS \"actors$\","
              " d.id AS doc, d.title, d.source,"
              /* the event across articles (store_link.c): GDELT's NumArticles and
               * NumSources, and the earliest report (xevent NULL: the event alone) */
              " COALESCE(ev.xevent, ev.id) AS xevent,"
              " CASE WHEN ev.xevent IS NULL THEN json_object('articles',1,'sources',1,'first_reported',d.date)"
              " ELSE (SELECT json_object('articles',count(DISTINCT v2.doc_id),'sources',count(DISTINCT d2.source),"
              "   'first_reported',min(d2.date)) FROM events v2 JOIN documents d2 ON d2.id=v2.doc_id"
              "  WHERE v2.xevent=ev.xevent) END AS \"reports$\""
              " FROM event_actors ea JOIN events ev ON ev.id=ea.event_id JOIN documents d ON d.id=ev.doc_id"
              " WHERE ea.entity_id=?1 ORDER BY ea.day, ea.event_id LIMIT ?2", p, 2);
    hx__buf_putc(b, '}');
    return rc;
}

static int q_claims(hx__buf *b, hx__db *db, const hx_query *q, long long top, hx__buf *key)
{
    hx__buf sql = {0}, skey = {0};
    param p[4];
    int np = 0, rc = -1;
    long long src = 0, about = 0;
    hx__buf_puts(&sql,
                 "SELECT d.date, coalesce(se.name, c.source_text) AS source, c.source_text,"
                 " c.cue, c.cue_lemma, c.stance, c.content, c.quote, c.hedged, c.negated,"
                 " (SELECT json_group_array(o.name) FROM (SELECT x.name FROM claim_entities ce"
                 "  JOIN entities x ON x.id=ce.entity_id WHERE ce.claim_id=c.id ORDER BY ce.entity_id) o)"
                 " AS \"about$\","
                 " c.id, d.id AS doc, d.title, d.source AS outlet"
                 " FROM claims c JOIN documents d ON d.id=c.doc_id"
                 " LEFT JOIN entities se ON se.id=c.source_entity WHERE 1=1");
    if (q->source && *q->source) {
        src = resolve(db, q->source, key);
        if (hx__store_fold(&skey, q->source, strlen(q->source)) < 0) goto done;
        hx__buf_puts(&sql, " AND c.id IN (SELECT id FROM claims WHERE source_entity=?"
                           " UNION SELECT id FROM claims WHERE source_key=?)");
        p[np++] = P_I(src);
        p[np++] = P_T(skey.p);
    }
    if (q->about && *q->about) {
        about = resolve(db, q->about, key);
        hx__buf_puts(&sql, " AND c.id IN (SELECT claim_id FROM claim_entities WHERE entity_id=?)");
        p[np++] = P_I(about);
    }
    /* Unfiltered: newest first straight from the claims_day index.  Filtered: the
     * filter's index gives few rows, sorted afterwards (the unary + keeps SQLite from
     * walking claims_day instead). */
    hx__buf_puts(&sql, np ? " ORDER BY +c.day DESC NULLS LAST, c.id LIMIT ?"
                          : " ORDER BY c.day DESC NULLS LAST, c.id LIMIT ?");
    p[np++] = P_I(top);
    if (sql.oom) goto done;
    hx__buf_putc(b, '{');
    rc = rows(b, db, "claims", sql.p, p, np);
    hx__buf_putc(b, '}');
done:
    hx__buf_free(&sql);
    hx__buf_free(&skey);
    return rc;
}

static const char figure_cols[] =
    "date(q.day0*86400,'unixepoch') AS \"from\", date(q.day1*86400,'unixepoch') AS \"to\","
    " q.source, q.value, q.max, q.bound, q.vague, q.unit, q.kind, q.text, q.of_text AS of,"
    " q.thing, q.claim_id AS claim, q.doc_id AS doc, d.date AS published, d.title,"
    " d.source AS outlet";

static int q_figures(hx__buf *b, hx__db *db, const hx_query *q, long long top)
{
    hx__buf fq = {0}, sql = {0};
    int rc = -1;
    int pg = hx__db_kind(db) == HX__DB_PG;
    if (fts_query(&fq, q->arg, 1, pg)) goto done;
    hx__buf_puts(b, "{\"query\":");
    hx__buf_json_str(b, q->arg ? q->arg : "", q->arg ? strlen(q->arg) : 0);
    hx__buf_putc(b, ',');
    if (fq.n == 0) {
        hx__buf_puts(b, "\"figures\":[]}");
        rc = 0;
        goto done;
    }
    hx__buf_printf(&sql, "SELECT %s FROM quantities q JOIN documents d ON d.id=q.doc_id"
                         " WHERE q.id IN (%s)"
                         " ORDER BY q.thing NULLS FIRST, q.day0 IS NULL, q.day0, q.source_key NULLS FIRST,"
                         " q.id LIMIT ?",
                   figure_cols,
                   pg ? "SELECT id FROM quantities_fts WHERE fts @@ to_tsquery('simple', ?::text)"
                      : "SELECT rowid FROM quantities_fts WHERE quantities_fts MATCH ?");
    param p[2] = {P_T(fq.p), P_I(top)};
    if (sql.oom) goto done;
    rc = rows(b, db, "figures", sql.p, p, 2);
    hx__buf_putc(b, '}');
done:
    hx__buf_free(&fq);
    hx__buf_free(&sql);
    return rc;
}

static int q_conflicts(hx__buf *b, hx__db *db, const hx_query *q, long long top)
{
    /* The rule and the explanation are store_conflicts.c's. */
    long long w = q->window_days >= 0 ? q->window_days : 7;
    param p[2] = {P_I(w), P_I(top)};
    hx__buf_putc(b, '{');
    hx__buf_printf(b, "\"window_days\":%lld,", w);
    int rc = rows(b, db, "conflicts", hx__store_conflicts_sql, p, 2);
    hx__buf_putc(b, '}');
    return rc;
}

/* PostgreSQL's search: the Spanish stems of the words (docs_fts holds the folded
 * text's), ranked by ts_rank_cd among the 5,000 most recently stored matches, the
 * snippet by ts_headline over the article as written. */
static const char pg_search[] =
    "WITH hits AS (SELECT id, fts FROM docs_fts WHERE fts @@ to_tsquery('spanish', ?1::text)"
    "  ORDER BY id DESC LIMIT 5000),"
    " best AS (SELECT id, ts_rank_cd(fts, to_tsquery('spanish', ?1::text)) AS rank FROM hits"
    "  ORDER BY rank DESC, id DESC LIMIT ?2)"
    " SELECT d.id AS doc, d.ext_id AS id, d.date, d.source, d.title,"
    " ts_headline('spanish', d.text, to_tsquery('spanish', ?1::text),"
    "  'StartSel=[, StopSel=], MaxWords=12, MinWords=6, ShortWord=2, MaxFragments=1,"
    " FragmentDelimiter=...') AS snippet"
    " FROM best JOIN documents d ON d.id=best.id ORDER BY best.rank DESC, d.id DESC";

static int q_search(hx__buf *b, hx__db *db, const hx_query *q, long long top)
{
    hx__buf fq = {0};
    int rc = -1;
    int pg = hx__db_kind(db) == HX__DB_PG;
    if (fts_query(&fq, q->arg, 0, pg)) goto done;
    hx__buf_puts(b, "{\"query\":");
    hx__buf_json_str(b, q->arg ? q->arg : "", q->arg ? strlen(q->arg) : 0);
    hx__buf_putc(b, ',');
    if (fq.n == 0) {
        hx__buf_puts(b, "\"documents\":[]}");
        rc = 0;
        goto done;
    }
    param p[2] = {P_T(fq.p), P_I(top)};
    /* BM25 over the 5,000 most recently stored matches: ranking every match of a
     * common word would cost time in proportion to the corpus. */
    rc = rows(b, db, "documents", pg ? pg_search :
              "WITH hits AS (SELECT rowid AS id, rank FROM docs_fts WHERE docs_fts MATCH ?1"
              "  ORDER BY rowid DESC LIMIT 5000),"
              " best AS (SELECT id, rank FROM hits ORDER BY rank LIMIT ?2)"
              " SELECT d.id AS doc, d.ext_id AS id, d.date, d.source, d.title,"
              " (SELECT snippet(docs_fts, 1, '[', ']', '...', 12) FROM docs_fts"
              "  WHERE docs_fts MATCH ?1 AND rowid=best.id) AS snippet"
              " FROM best JOIN documents d ON d.id=best.id ORDER BY best.rank", p, 2);
    hx__buf_putc(b, '}');
done:
    hx__buf_free(&fq);
    return rc;
}

/* One stored document by its store id (arg, decimal): the record with its text, or
 * "document":null when there is none or arg is not a number. */
static int q_document(hx__buf *b, hx__db *db, const hx_query *q)
{
    long long id = 0;
    const char *a = q->arg ? q->arg : "";
    for (; *a >= '0' && *a <= '9' && id < 100000000000000LL; a++) id = id * 10 + (*a - '0');
    if (*a || !q->arg || !*q->arg) id = 0;
    param p = P_I(id);
    size_t at = b->n;
    hx__buf_puts(b, "{\"document\":");
    size_t rows_at = b->n;
    if (rows(b, db, NULL,
             "SELECT id, ext_id, title, date, source, url, chars, coalesce(meta,'{}') AS \"meta$\", ingested, text"
             " FROM documents WHERE id=?", &p, 1))
        return -1;
    if (b->n - rows_at == 2) { /* "[]": no such document */
        b->n = at;
        hx__buf_puts(b, "{\"document\":null}");
        return 0;
    }
    /* The one row without its array brackets. */
    memmove(b->p + rows_at, b->p + rows_at + 1, b->n - rows_at - 2);
    b->n -= 2;
    b->p[b->n] = '\0';
    hx__buf_putc(b, '}');
    return 0;
}

/* ---------------------------------------------------------------- graph */

static void xml_str(hx__buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': hx__buf_puts(b, "&lt;"); break;
        case '>': hx__buf_puts(b, "&gt;"); break;
        case '&': hx__buf_puts(b, "&amp;"); break;
        case '"': hx__buf_puts(b, "&quot;"); break;
        default: hx__buf_putc(b, *s);
        }
    }
}

static void dot_str(hx__buf *b, const char *s)
{
    hx__buf_putc(b, '"');
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\') hx__buf_putc(b, '\\');
        if (*s == '\n') hx__buf_puts(b, "\\n");
        else hx__buf_putc(b, *s);
    }
    hx__buf_putc(b, '"');
}

static int q_graph(hx__buf *b, hx__db *db, const hx_query *q, long long top)
{
    const char *fmt = q->format && *q->format ? q->format : "json";
    int json = strcmp(fmt, "json") == 0, dot = strcmp(fmt, "dot") == 0;
    /* The heaviest edges, then the actors they join. */
    static const char nodes_sql[] =
        "WITH top AS (SELECT a, b, weight FROM edges ORDER BY weight DESC, a, b LIMIT ?1)"
        " SELECT e.id, e.name, e.type, nullif(e.country,'') AS country, e.n_docs AS documents"
        " FROM entities e WHERE e.id IN (SELECT a FROM top UNION SELECT b FROM top) ORDER BY e.id";
    static const char edges_sql[] =
        "SELECT a AS source, b AS target, weight FROM edges ORDER BY weight DESC, a, b LIMIT ?1";
    param p = P_I(top);
    hx__stmt *s;
    if (json) {
        hx__buf_putc(b, '{');
        if (rows(b, db, "nodes", nodes_sql, &p, 1)) return -1;
        hx__buf_putc(b, ',');
        if (rows(b, db, "edges", edges_sql, &p, 1)) return -1;
        hx__buf_putc(b, '}');
        return 0;
    }
    if (!dot && strcmp(fmt, "graphml") != 0) return 1;
    if (dot) hx__buf_puts(b, "graph hechos {\n  node [shape=box];\n");
    else
        hx__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                        "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
                        "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
                        "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
                        "  <graph id=\"hechos\" edgedefault=\"undirected\">\n");
    if (prepare(db, nodes_sql, &p, 1, &s)) return -1;
    while (hx__db_step(s) == HX__DB_ROW) {
        long long id = hx__db_column_int64(s, 0);
        const char *name = hx__db_column_text(s, 1, NULL);
        const char *type = hx__db_column_text(s, 2, NULL);
        if (dot) {
            hx__buf_printf(b, "  e%lld [label=", id);
            dot_str(b, name);
            hx__buf_puts(b, ", type=");
            dot_str(b, type);
            hx__buf_puts(b, "];\n");
        } else {
            hx__buf_printf(b, "    <node id=\"e%lld\"><data key=\"name\">", id);
            xml_str(b, name);
            hx__buf_puts(b, "</data><data key=\"type\">");
            xml_str(b, type);
            hx__buf_puts(b, "</data></node>\n");
        }
    }
    hx__db_finalize(s);
    if (prepare(db, edges_sql, &p, 1, &s)) return -1;
    while (hx__db_step(s) == HX__DB_ROW) {
        long long a = hx__db_column_int64(s, 0), c = hx__db_column_int64(s, 1);
        long long w = hx__db_column_int64(s, 2);
        if (dot) hx__buf_printf(b, "  e%lld -- e%lld [weight=%lld, label=\"%lld\"];\n", a, c, w, w);
        else
            hx__buf_printf(b, "    <edge source=\"e%lld\" target=\"e%lld\"><data key=\"weight\">%lld"
                              "</data></edge>\n", a, c, w);
    }
    hx__db_finalize(s);
    hx__buf_puts(b, dot ? "}\n" : "  </graph>\n</graphml>\n");
    return 0;
}

/* ---------------------------------------------------------------- entry point */

hx_status hx_store_query(hx_store *st, const hx_query *q, char **out, size_t *len,
                         hx_error *err)
{
    hx__buf b = {0}, key = {0};
    int r = -1;
    if (out) *out = NULL;
    if (!st || !q || !out) return hx__err(err, HX_INVAL, SIZE_MAX, "no store, query or output");
    /* Counters of an open batch are written first, so answers count every row. */
    if (st->in_tx && st->deltas.v.n && hx__delta_flush(st, err) != HX_OK) return HX_IO;
    long long top = q->top ? (long long)q->top : q->kind == HX_QUERY_ENTITIES ? 50 : 100;
    if (top > 1000000) top = 1000000;
    switch (q->kind) {
    case HX_QUERY_STATS: r = q_stats(&b, st->db); break;
    case HX_QUERY_ENTITIES: r = q_entities(&b, st->db, q, top); break;
    case HX_QUERY_ENTITY: r = q_entity(&b, st->db, q, q->top ? top : 20, &key); break;
    case HX_QUERY_TIMELINE: r = q_timeline(&b, st->db, q, top, &key); break;
    case HX_QUERY_CLAIMS: r = q_claims(&b, st->db, q, top, &key); break;
    case HX_QUERY_FIGURES: r = q_figures(&b, st->db, q, top); break;
    case HX_QUERY_CONFLICTS: r = q_conflicts(&b, st->db, q, top); break;
    case HX_QUERY_GRAPH: r = q_graph(&b, st->db, q, top); break;
    case HX_QUERY_SEARCH: r = q_search(&b, st->db, q, q->top ? top : 20); break;
    case HX_QUERY_DOCUMENT: r = q_document(&b, st->db, q); break;
    default: r = 1;
    }
    int key_oom = key.oom;
    hx__buf_free(&key);
    if (r == 1) {
        hx__buf_free(&b);
        return hx__err(err, HX_INVAL, SIZE_MAX, "unknown query or format");
    }
    if (r < 0 || b.oom) {
        hx_status rc = b.oom || key_oom ? hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory")
                                        : hx__store_dberr(st->db, err, "query");
        hx__buf_free(&b);
        return rc;
    }
    *out = b.p;
    if (len) *len = b.n;
    return HX_OK;
}
