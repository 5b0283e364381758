/*
 * store.c -- the corpus store's connection: opening, schema migrations, batches and
 * their commit (which flushes the staged counters of store_delta.c).  Storing a
 * document is store_ingest.c; what every file of the store shares is store_base.c.
 *
 * Invariants:
 *   - The schema is built by the ordered steps of `migrations`; PRAGMA user_version is
 *     the number of steps applied, and each step runs in its own transaction together
 *     with the user_version update, so a crash leaves the database at a step boundary.
 *   - Writes happen in batch transactions of st->batch documents (BEGIN IMMEDIATE ..
 *     COMMIT); with WAL and synchronous=NORMAL a killed process loses only the open
 *     batch and the file stays consistent.
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
static const char *const migrations[HX__STORE_VERSION] = {
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

    "CREATE VIRTUAL TABLE docs_fts USING fts5(title, text, content='documents',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO docs_fts(docs_fts) VALUES('rebuild');"
    "CREATE VIRTUAL TABLE quantities_fts USING fts5(of_text, content='quantities',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO quantities_fts(rowid, of_text)"
    " SELECT id, of_text FROM quantities WHERE of_text IS NOT NULL;",

    /* Step 3: across articles (store_link.c, issue 23).  entities.canon is the real
     * thing an entity row names (its own id unless linked); entity_links keeps why a row
     * was linked, so that a link can be shown and undone; entity_variants indexes the
     * name variants linking looks up.  events.root/xevent: the CAMEO root and the
     * cross-document event.  quantities.s0/s1: the figure's sentence; quantity_entities:
     * the entities named in it (not its source). */
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
};

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

hx_status hx__store_migrate(sqlite3 *db, int target, hx_error *err)
{
    int v;
    if (target > HX__STORE_VERSION) target = HX__STORE_VERSION;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return hx__store_dberr(db, err, "begin migration");
    v = user_version(db);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (v < 0) return hx__store_dberr(db, err, "read schema version");
    if (v > HX__STORE_VERSION)
        return hx__err(err, HX_UNSUPPORTED, SIZE_MAX,
                       "database schema version %d is newer than this hechos (%d)", v,
                       HX__STORE_VERSION);
    while (v < target) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return hx__store_dberr(db, err, "begin migration");
        /* Another process may have migrated meanwhile: re-read under the lock. */
        int now = user_version(db);
        if (now != v) {
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
            v = now;
            continue;
        }
        if (sqlite3_exec(db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            hx_status st = hx__store_dberr(db, err, "schema migration");
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return st;
        }
        if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            return hx__store_dberr(db, err, "commit migration");
        v++;
    }
    return HX_OK;
}

/* ---------------------------------------------------------------- open / close */

hx_status hx_store_open(const char *path, unsigned flags, hx_store **out, hx_error *err)
{
    hx_store *st;
    hx_status rc;
    if (!out) return hx__err(err, HX_INVAL, SIZE_MAX, "no output handle");
    *out = NULL;
    if (!path || !*path) return hx__err(err, HX_INVAL, SIZE_MAX, "no database path");
    if (!(st = calloc(1, sizeof *st))) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    st->flags = flags;
    st->batch = 256;
    int of = (flags & HX_STORE_READONLY) ? SQLITE_OPEN_READONLY
                                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &st->db, of | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        rc = hx__err(err, (flags & HX_STORE_READONLY) ? HX_NOTFOUND : HX_IO, SIZE_MAX,
                     "cannot open %s: %s", path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(st->db, 10000);
    if (!(flags & HX_STORE_READONLY)) {
        if (sqlite3_exec(st->db,
                         "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                         "PRAGMA wal_autocheckpoint=16384;"
                         "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;",
                         NULL, NULL, NULL) != SQLITE_OK) {
            rc = hx__err(err, HX_IO, SIZE_MAX, "%s: %s", path, sqlite3_errmsg(st->db));
            goto fail;
        }
        if ((rc = hx__store_migrate(st->db, HX__STORE_VERSION, err)) != HX_OK) goto fail;
    } else {
        int v = user_version(st->db);
        if (v != HX__STORE_VERSION) {
            rc = hx__err(err, v > HX__STORE_VERSION ? HX_UNSUPPORTED : HX_FIELD, SIZE_MAX,
                         v < 0 ? "%s is not a hechos database" :
                         "%s has schema version %d, this hechos reads %d (open it for writing to migrate)",
                         path, v, HX__STORE_VERSION);
            goto fail;
        }
        sqlite3_exec(st->db, "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=4294967296;", NULL, NULL, NULL);
    }
    *out = st;
    return HX_OK;
fail:
    sqlite3_close(st->db);
    free(st);
    return rc;
}

void hx_store_close(hx_store *st)
{
    if (!st) return;
    hx_store_commit(st, NULL);
    for (int i = 0; i < HX__S_COUNT; i++) sqlite3_finalize(st->stmt[i]);
    for (int i = 0; i < HX__L_COUNT; i++) sqlite3_finalize(st->lstmt[i]);
    hx__ecache_clear(&st->ecache);
    free(st->ecache.ident);
    free(st->ecache.gid);
    hx__delta_free(&st->deltas);
    if (!(st->flags & HX_STORE_READONLY)) sqlite3_exec(st->db, "PRAGMA optimize", NULL, NULL, NULL);
    sqlite3_close(st->db);
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
    if (fl != HX_OK || sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        hx_status rc = fl != HX_OK ? fl : hx__store_dberr(st->db, err, "commit");
        hx__delta_clear(&st->deltas);
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        hx__ecache_clear(&st->ecache);
        st->in_tx = 0;
        st->pending = 0;
        return rc;
    }
    st->in_tx = 0;
    st->pending = 0;
    return HX_OK;
}
