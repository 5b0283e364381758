/*
 * store.c -- the corpus store's connection: opening, schema migrations, batches and
 * their commit (which flushes the staged counters of store_delta.c).  Storing a
 * document is store_ingest.c; what every file of the store shares is store_base.c.
 *
 * The database is a SQLite file or a PostgreSQL server (store_db.h); both get the same
 * migration steps and batches.
 *
 * Invariants:
 *   - The schema is built by the ordered steps of `migrations`; the schema version
 *     (SQLite PRAGMA user_version, PostgreSQL table hechos_schema) is the number of
 *     steps applied, and each step runs in its own transaction together with the
 *     version update, so a crash leaves the database at a step boundary.
 *   - Writes happen in batch transactions of st->batch documents (hx__db_begin: BEGIN
 *     IMMEDIATE, or BEGIN + the writers' advisory lock .. COMMIT); a killed process
 *     loses only the open batch and the database stays consistent.
 */
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- schema */

/* Step 1: the relational tables.  Counters (entities.n_docs, edges.weight) have no
 * index on purpose: every stored document updates them, and an index would have to be
 * rewritten each time; the top-N queries scan these small tables instead.  Step 2: full-text indexes (added as a migration so
 * the path from a version-1 file is exercised by the tests). */
/* A step: SQL for both back ends (in SQLite's dialect; pg_ddl() translates the types),
 * then what only SQLite or only PostgreSQL runs. */
typedef struct step {
    const char *both, *sqlite, *pg;
} step;

/* PostgreSQL's side of step 3: the two SQLite functions the conflicts query uses
 * (store_conflicts.c) that PostgreSQL lacks -- json_set(object, '$.key', text) adding
 * one key at the end of an object, and printf('%.6g', x) for a figure's bounds. */
#define PG_STEP3                                                                             \
    "CREATE OR REPLACE FUNCTION json_set(j json, path text, v text) RETURNS json"             \
    " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$SELECT (left(j::text, -1)"                    \
    " || ',' || to_json(substr(path, 3))::text || ':' || coalesce(to_json(v)::text, 'null')"  \
    " || '}')::json$$;"                                                                       \
    "CREATE OR REPLACE FUNCTION printf(fmt text, x double precision) RETURNS text"            \
    " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$SELECT CASE WHEN x IS NULL OR x = 0 THEN '0'" \
    " WHEN e < -4 OR e >= 6 THEN regexp_replace(btrim(to_char(x, '9.99999EEEE')), '\\.?0+e', 'e')" \
    " ELSE rtrim(to_char(x, 'FM999999990' || CASE WHEN e < 5 THEN '.' || repeat('9', 5 - e)"  \
    " ELSE '' END), '.') END"                                                                 \
    " FROM (SELECT floor(log(greatest(abs(x), 1e-300)::numeric))::int AS e) s0$$;"

static const step migrations[HX__STORE_VERSION] = {
    {
    "CREATE TABLE documents("
        " id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, ext_id TEXT, title TEXT,"
        " date TEXT, day INTEGER, source TEXT, url TEXT, chars INTEGER, meta TEXT,"
        " text TEXT NOT NULL, ingested TEXT NOT NULL);"
        "CREATE INDEX documents_day ON documents(day);"
        "CREATE TABLE entities("
        " id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL,"
        " country TEXT NOT NULL DEFAULT '', kind TEXT, lat REAL, lon REAL, geo_id TEXT,"
        " n_docs INTEGER NOT NULL DEFAULT 0, n_mentions INTEGER NOT NULL DEFAULT 0,"
        " UNIQUE(key, type, country));"
        "CREATE TABLE aliases("
        " entity_id INTEGER NOT NULL, key TEXT NOT NULL, alias TEXT NOT NULL, kind TEXT,"
        " n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(entity_id, key)) WITHOUT ROWID;"
        "CREATE INDEX aliases_key ON aliases(key);"
        "CREATE TABLE doc_entities("
        " doc_id INTEGER NOT NULL, entity_id INTEGER NOT NULL, local_id TEXT,"
        " n_mentions INTEGER NOT NULL, PRIMARY KEY(doc_id, entity_id)) WITHOUT ROWID;"
        "CREATE INDEX doc_entities_entity ON doc_entities(entity_id, doc_id);"
        "CREATE TABLE mentions("
        " id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, entity_id INTEGER, type TEXT,"
        " kind TEXT, text TEXT NOT NULL, start INTEGER, end INTEGER);"
        "CREATE INDEX mentions_doc ON mentions(doc_id);"
        "CREATE TABLE times("
        " id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, type TEXT, value TEXT, anchor TEXT,"
        " text TEXT, start INTEGER, end INTEGER, day0 INTEGER, day1 INTEGER);"
        "CREATE INDEX times_doc ON times(doc_id);"
        "CREATE TABLE claims("
        " id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, source_entity INTEGER,"
        " source_text TEXT, source_key TEXT, cue TEXT, cue_lemma TEXT, stance TEXT,"
        " content TEXT, quote INTEGER, hedged INTEGER, negated INTEGER, start INTEGER,"
        " end INTEGER, day INTEGER);"
        "CREATE INDEX claims_doc ON claims(doc_id);"
        "CREATE INDEX claims_day ON claims(day);"
        "CREATE INDEX claims_source_entity ON claims(source_entity);"
        "CREATE INDEX claims_source_key ON claims(source_key);"
        "CREATE TABLE claim_entities("
        " claim_id INTEGER NOT NULL, entity_id INTEGER NOT NULL,"
        " PRIMARY KEY(claim_id, entity_id)) WITHOUT ROWID;"
        "CREATE INDEX claim_entities_entity ON claim_entities(entity_id, claim_id);"
        "CREATE TABLE quantities("
        " id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, claim_id INTEGER, kind TEXT,"
        " value REAL, max REAL, bound TEXT, vague INTEGER, unit TEXT, text TEXT, of_text TEXT,"
        " thing TEXT, source TEXT, source_key TEXT, day0 INTEGER, day1 INTEGER,"
        " lo REAL, hi REAL, start INTEGER, end INTEGER);"
        "CREATE INDEX quantities_doc ON quantities(doc_id);"
        "CREATE INDEX quantities_thing ON quantities(thing, day0) WHERE thing IS NOT NULL;"
        "CREATE TABLE events("
        " id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, type TEXT, trigger TEXT, text TEXT,"
        " time_value TEXT, day INTEGER, start INTEGER, end INTEGER);"
        "CREATE INDEX events_doc ON events(doc_id);"
        "CREATE TABLE event_actors("
        " event_id INTEGER NOT NULL, entity_id INTEGER NOT NULL, role TEXT NOT NULL DEFAULT '',"
        " day INTEGER NOT NULL, PRIMARY KEY(event_id, entity_id)) WITHOUT ROWID;"
        "CREATE INDEX event_actors_entity ON event_actors(entity_id, day, event_id);"
        "CREATE TABLE edges("
        " a INTEGER NOT NULL, b INTEGER NOT NULL, weight INTEGER NOT NULL,"
        " PRIMARY KEY(a, b)) WITHOUT ROWID;",
     NULL,
     /* SQLite's date(x, 'unixepoch') for the queries (store_pg.c renames the calls) */
     "CREATE OR REPLACE FUNCTION hx_date(secs bigint, modifier text) RETURNS text"
     " LANGUAGE sql IMMUTABLE PARALLEL SAFE"
     " AS $$SELECT to_char(DATE '1970-01-01' + (secs / 86400)::integer, 'YYYY-MM-DD')$$;"},
    {NULL,
    "CREATE VIRTUAL TABLE docs_fts USING fts5(title, text, content='documents',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
        "INSERT INTO docs_fts(docs_fts) VALUES('rebuild');"
        "CREATE VIRTUAL TABLE quantities_fts USING fts5(of_text, content='quantities',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
        "INSERT INTO quantities_fts(rowid, of_text)"
        " SELECT id, of_text FROM quantities WHERE of_text IS NOT NULL;",
     /* Spanish stems of the documents (title weighted A), plain words of what figures
      * count; both fed with folded text (no diacritics), as SQLite's FTS5 folds. */
     "CREATE TABLE docs_fts(id BIGINT PRIMARY KEY, fts tsvector NOT NULL);"
     "CREATE INDEX docs_fts_gin ON docs_fts USING gin(fts);"
     "INSERT INTO docs_fts SELECT id, setweight(to_tsvector('spanish', coalesce(title, '')), 'A')"
     " || to_tsvector('spanish', text) FROM documents;"
     "CREATE TABLE quantities_fts(id BIGINT PRIMARY KEY, fts tsvector NOT NULL);"
     "CREATE INDEX quantities_fts_gin ON quantities_fts USING gin(fts);"
     "INSERT INTO quantities_fts SELECT id, to_tsvector('simple', of_text) FROM quantities"
     " WHERE of_text IS NOT NULL;"},

    /* Step 3: across articles (store_link.c, issue 23).  entities.canon is the real
     * thing an entity row names (its own id unless linked); entity_links keeps why a row
     * was linked, so that a link can be shown and undone; entity_variants indexes the
     * name variants linking looks up.  events.root/xevent: the CAMEO root and the
     * cross-document event.  quantities.s0/s1: the figure's sentence; quantity_entities:
     * the entities named in it (not its source). */
    {
        "ALTER TABLE entities ADD COLUMN canon INTEGER;"
        "UPDATE entities SET canon=id;"
        "CREATE INDEX entities_canon ON entities(canon);"
        "CREATE TABLE entity_links("
        " entity_id INTEGER PRIMARY KEY, canon INTEGER NOT NULL, reason TEXT NOT NULL,"
        " via INTEGER, undone INTEGER NOT NULL DEFAULT 0);"
        "CREATE TABLE entity_variants("
        " vkey TEXT NOT NULL, type TEXT NOT NULL, entity_id INTEGER NOT NULL,"
        " PRIMARY KEY(vkey, type, entity_id)) WITHOUT ROWID;"
        "ALTER TABLE events ADD COLUMN root TEXT;"
        "ALTER TABLE events ADD COLUMN xevent INTEGER;"
        "CREATE INDEX events_xevent ON events(xevent);"
        "ALTER TABLE quantities ADD COLUMN s0 INTEGER;"
        "ALTER TABLE quantities ADD COLUMN s1 INTEGER;"
        "CREATE TABLE quantity_entities("
        " quantity_id INTEGER NOT NULL, entity_id INTEGER NOT NULL,"
        " PRIMARY KEY(quantity_id, entity_id)) WITHOUT ROWID;",
     NULL,
     PG_STEP3},
};

/* The PostgreSQL form of the shared DDL: SQLite's type names (upper case in the
 * schema, column names are lower case) become PostgreSQL's -- 64-bit integers, identity
 * keys, doubles, byte-order ("C") collation so that text sorts as in SQLite -- and the
 * reserved word `end` is quoted.  NULL when out of memory. */
static char *pg_ddl(const char *s)
{
    static const char *const rep[][2] = {
        {"INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {"INTEGER", "BIGINT"}, {"REAL", "DOUBLE PRECISION"}, {"TEXT", "TEXT COLLATE \"C\""},
        {" WITHOUT ROWID", ""}, {"end", "\"end\""}};
    hx__buf b = {0};
    const char *s0 = s;
    while (*s) {
        size_t i, n = 0;
        int word_start = s == s0 || (!(s[-1] >= 'a' && s[-1] <= 'z') && s[-1] != '_' && s[-1] != '"');
        for (i = 0; word_start && i < sizeof rep / sizeof *rep; i++) {
            n = strlen(rep[i][0]);
            if (strncmp(s, rep[i][0], n) != 0) continue;
            char next = s[n]; /* within the string: s[0..n) matched */
            if (!(next >= 'a' && next <= 'z') && next != '_' && !(next >= 'A' && next <= 'Z') && next != '"')
                break;
        }
        if (word_start && i < sizeof rep / sizeof *rep) {
            hx__buf_puts(&b, rep[i][1]);
            s += n;
        } else {
            hx__buf_putc(&b, *s++);
        }
    }
    if (!b.p) hx__buf_reserve(&b, 1);
    if (b.oom) hx__buf_free(&b);
    return b.p;
}

/* Runs migration step i on db (inside the caller's transaction). */
static int run_step(hx__db *db, int i)
{
    const step *m = &migrations[i];
    int pg = hx__db_kind(db) == HX__DB_PG;
    if (m->both) {
        char *ddl = pg ? pg_ddl(m->both) : NULL;
        int rc = pg && !ddl ? -1 : hx__db_exec(db, pg ? ddl : m->both);
        free(ddl);
        if (rc) return -1;
    }
    const char *own = pg ? m->pg : m->sqlite;
    return own ? hx__db_exec(db, own) : 0;
}

hx_status hx__store_migrate(hx__db *db, int target, hx_error *err)
{
    int v;
    if (target > HX__STORE_VERSION) target = HX__STORE_VERSION;
    if (hx__db_begin(db)) return hx__store_dberr(db, err, "begin migration");
    v = hx__db_version(db);
    hx__db_exec(db, "COMMIT");
    if (v < 0) return hx__store_dberr(db, err, "read schema version");
    if (v > HX__STORE_VERSION)
        return hx__err(err, HX_UNSUPPORTED, SIZE_MAX,
                       "database schema version %d is newer than this hechos (%d)", v,
                       HX__STORE_VERSION);
    while (v < target) {
        if (hx__db_begin(db)) return hx__store_dberr(db, err, "begin migration");
        /* Another process may have migrated meanwhile: re-read under the lock. */
        int now = hx__db_version(db);
        if (now != v) {
            hx__db_exec(db, "COMMIT");
            if (now < 0) return hx__store_dberr(db, err, "read schema version");
            v = now;
            continue;
        }
        if (run_step(db, v) || hx__db_set_version(db, v + 1)) {
            hx_status st = hx__store_dberr(db, err, "schema migration");
            hx__db_exec(db, "ROLLBACK");
            return st;
        }
        if (hx__db_exec(db, "COMMIT")) return hx__store_dberr(db, err, "commit migration");
        v++;
    }
    return HX_OK;
}

/* ---------------------------------------------------------------- open / close */

hx_status hx_store_open(const char *path, unsigned flags, hx_store **out, hx_error *err)
{
    hx_store *st;
    hx_status rc;
    char msg[600];
    if (!out) return hx__err(err, HX_INVAL, SIZE_MAX, "no output handle");
    *out = NULL;
    if (!path || !*path) return hx__err(err, HX_INVAL, SIZE_MAX, "no database path");
    if (!(st = calloc(1, sizeof *st))) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    st->flags = flags;
    st->batch = 256;
    if (hx__db_open(path, (flags & HX_STORE_READONLY) != 0, &st->db, msg, sizeof msg)) {
        rc = hx__err(err, (flags & HX_STORE_READONLY) && !hx__db_is_pg(path) ? HX_NOTFOUND : HX_IO,
                     SIZE_MAX, "%s", msg);
        goto fail;
    }
    if (!(flags & HX_STORE_READONLY)) {
        if ((rc = hx__store_migrate(st->db, HX__STORE_VERSION, err)) != HX_OK) goto fail;
    } else {
        int v = hx__db_version(st->db);
        if (v != HX__STORE_VERSION) {
            /* a PostgreSQL URI may hold a password: name the database by its kind only */
            const char *name = hx__db_is_pg(path) ? "the PostgreSQL database" : path;
            rc = hx__err(err, v > HX__STORE_VERSION ? HX_UNSUPPORTED : HX_FIELD, SIZE_MAX,
                         v < 0 ? "%s is not a hechos database" :
                         "%s has schema version %d, this hechos reads %d (open it for writing to migrate)",
                         name, v, HX__STORE_VERSION);
            goto fail;
        }
    }
    *out = st;
    return HX_OK;
fail:
    hx__db_close(st->db);
    free(st);
    return rc;
}

void hx_store_close(hx_store *st)
{
    if (!st) return;
    hx_store_commit(st, NULL);
    for (int i = 0; i < HX__S_COUNT; i++) hx__db_finalize(st->stmt[i]);
    for (int i = 0; i < HX__L_COUNT; i++) hx__db_finalize(st->lstmt[i]);
    hx__ecache_clear(&st->ecache);
    free(st->ecache.ident);
    free(st->ecache.gid);
    hx__delta_free(&st->deltas);
    hx__db_close(st->db);
    free(st);
}

void hx_store_set_batch(hx_store *st, size_t docs)
{
    if (st) st->batch = docs ? docs : 1;
}

hx_status hx_store_commit(hx_store *st, hx_error *err)
{
    if (!st) return hx__err(err, HX_INVAL, SIZE_MAX, "no store");
    if (!st->in_tx) return HX_OK;
    hx_status fl = hx__delta_flush(st, err);
    if (fl != HX_OK || hx__db_exec(st->db, "COMMIT")) {
        hx_status rc = fl != HX_OK ? fl : hx__store_dberr(st->db, err, "commit");
        hx__delta_clear(&st->deltas);
        hx__db_exec(st->db, "ROLLBACK");
        hx__ecache_clear(&st->ecache);
        st->in_tx = 0;
        st->pending = 0;
        return rc;
    }
    st->in_tx = 0;
    st->pending = 0;
    return HX_OK;
}
