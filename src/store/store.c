/*
 * store.c -- the corpus store's connection: opening, schema migrations, batches,
 * content hashes, and the text helpers (folding, counted-thing keys, periods).
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
};

hx_status hx__store_dberr(sqlite3 *db, hx_error *err, const char *what)
{
    return hx__err(err, HX_IO, SIZE_MAX, "%s: %s", what, db ? sqlite3_errmsg(db) : "no database");
}

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
    sqlite3_stmt *s;
    if (found) *found = 0;
    if (!st || !doc || !found) return hx__err(err, HX_INVAL, SIZE_MAX, "no store or document");
    hx__store_hash(doc->orig ? doc->orig : "", doc->orig_len, doc->title, doc->date, doc->source, hash);
    if (!st->stmt[HX__S_HAS_HASH] &&
        sqlite3_prepare_v3(st->db, "SELECT 1 FROM documents WHERE hash=?", -1,
                           SQLITE_PREPARE_PERSISTENT, &st->stmt[HX__S_HAS_HASH], NULL) != SQLITE_OK)
        return hx__store_dberr(st->db, err, "prepare");
    s = st->stmt[HX__S_HAS_HASH];
    sqlite3_bind_text(s, 1, hash, 32, SQLITE_STATIC);
    int r = sqlite3_step(s);
    sqlite3_reset(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE) return hx__store_dberr(st->db, err, "lookup");
    *found = r == SQLITE_ROW;
    return HX_OK;
}

/* ---------------------------------------------------------------- entity cache */

static size_t str_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return (size_t)(h ^ (h >> 29));
}

sqlite3_int64 hx__ecache_get(const hx__ecache *c, const char *ident)
{
    if (!c->cap) return 0;
    for (size_t i = str_hash(ident) & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        if (!c->ident[i]) return 0;
        if (strcmp(c->ident[i], ident) == 0) return c->gid[i];
    }
}

int hx__ecache_put(hx__ecache *c, const char *ident, sqlite3_int64 gid)
{
    if (2 * (c->n + 1) > c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 1024;
        char **ni = calloc(cap, sizeof *ni);
        sqlite3_int64 *ng = calloc(cap, sizeof *ng);
        if (!ni || !ng) {
            free(ni);
            free(ng);
            return -1;
        }
        for (size_t k = 0; k < c->cap; k++) {
            if (!c->ident[k]) continue;
            size_t i = str_hash(c->ident[k]) & (cap - 1);
            while (ni[i]) i = (i + 1) & (cap - 1);
            ni[i] = c->ident[k];
            ng[i] = c->gid[k];
        }
        free(c->ident);
        free(c->gid);
        c->ident = ni;
        c->gid = ng;
        c->cap = cap;
    }
    size_t i = str_hash(ident) & (c->cap - 1);
    while (c->ident[i]) {
        if (strcmp(c->ident[i], ident) == 0) {
            c->gid[i] = gid;
            return 0;
        }
        i = (i + 1) & (c->cap - 1);
    }
    if (!(c->ident[i] = strdup(ident))) return -1;
    c->gid[i] = gid;
    c->n++;
    return 0;
}

void hx__ecache_clear(hx__ecache *c)
{
    for (size_t k = 0; k < c->cap; k++) {
        free(c->ident[k]);
        c->ident[k] = NULL;
    }
    c->n = 0;
}

/* ---------------------------------------------------------------- hashing */

/* Two independent 64-bit lanes (FNV-1a, and a multiply-rotate lane), each finished with
 * the splitmix64 mixer; fields are separated by a byte that cannot occur in UTF-8
 * (0xff), so ("ab","c") and ("a","bc") differ. */
typedef struct hash2 {
    uint64_t a, b;
} hash2;

static void hash_bytes(hash2 *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t a = h->a, b = h->b;
    for (size_t i = 0; i < n; i++) {
        a = (a ^ s[i]) * 0x100000001b3ull;
        b = (b + s[i] + 1) * 0x9e3779b97f4a7c15ull;
        b = (b << 31) | (b >> 33);
    }
    h->a = a;
    h->b = b;
}

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void hx__store_hash(const char *text, size_t n, const char *title, const char *date,
                    const char *source, char out[33])
{
    static const unsigned char sep = 0xff, none = 0xfe;
    hash2 h = {0xcbf29ce484222325ull, 0x243f6a8885a308d3ull};
    const char *f[3] = {title, date, source};
    hash_bytes(&h, text, n);
    for (int i = 0; i < 3; i++) {
        hash_bytes(&h, &sep, 1);
        if (f[i]) hash_bytes(&h, f[i], strlen(f[i]));
        else hash_bytes(&h, &none, 1);
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)mix64(h.a ^ n),
             (unsigned long long)mix64(h.b + n));
}

/* ---------------------------------------------------------------- text keys */

int hx__store_fold(hx__buf *out, const char *s, size_t n)
{
    utf8proc_uint8_t *m = NULL;
    size_t start = out->n;
    int space = 1; /* drop leading separators */
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (k < 0) {
        /* Invalid UTF-8 cannot come out of a document; fold bytes as ASCII anyway. */
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            int al = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
            if (al) hx__buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c)), space = 0;
            else if (!space) hx__buf_putc(out, ' '), space = 1;
        }
    } else {
        for (utf8proc_ssize_t i = 0; i < k;) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t l = utf8proc_iterate(m + i, k - i, &cp);
            if (l <= 0) break;
            utf8proc_category_t c = utf8proc_category(cp);
            int al = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                     (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
            if (al) hx__buf_put(out, m + i, (size_t)l), space = 0;
            else if (!space) hx__buf_putc(out, ' '), space = 1;
            i += l;
        }
        free(m);
    }
    if (out->n > start && out->p[out->n - 1] == ' ') out->p[--out->n] = '\0';
    if (!out->p) hx__buf_reserve(out, 1);
    return out->oom ? -1 : 0;
}

static int is_determiner(const char *w, size_t n)
{
    static const char *const dets[] = {"el", "la", "los", "las", "un", "una", "unos", "unas",
                                       "lo", "su", "sus", "este", "esta", "estos", "estas",
                                       "ese", "esa", "esos", "esas", "aquellos", "aquellas",
                                       "de", "del", "al", NULL};
    for (int i = 0; dets[i]; i++)
        if (strlen(dets[i]) == n && memcmp(dets[i], w, n) == 0) return 1;
    return 0;
}

int hx__store_thing(hx__buf *out, const char *s, size_t n)
{
    hx__buf f = {0};
    size_t start = out->n;
    int lead = 1;
    if (hx__store_fold(&f, s, n) < 0) {
        hx__buf_free(&f);
        return -1;
    }
    for (size_t i = 0; i < f.n;) {
        size_t j = i;
        while (j < f.n && f.p[j] != ' ') j++;
        const char *w = f.p + i;
        size_t wl = j - i;
        if (!(lead && is_determiner(w, wl))) {
            lead = 0;
            /* Plural to singular, cheaply: -es after l, r, n, d, z, j; else -s. */
            if (wl > 4 && w[wl - 1] == 's' && w[wl - 2] == 'e' && strchr("lrndzj", w[wl - 3])) wl -= 2;
            else if (wl > 3 && w[wl - 1] == 's') wl--;
            if (out->n > start) hx__buf_putc(out, ' ');
            hx__buf_put(out, w, wl);
        }
        i = j + 1;
    }
    hx__buf_free(&f);
    if (!out->p) hx__buf_reserve(out, 1);
    return out->oom ? -1 : 0;
}

/* ---------------------------------------------------------------- periods */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int hx__store_period(const char *v, long *d0, long *d1)
{
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    if (!v || (y = digits(v, 4)) < 0) return -1;
    if (v[4] == '\0') {
        *d0 = days_from_civil(y, 1, 1);
        *d1 = days_from_civil(y, 12, 31);
        return 0;
    }
    if (v[4] != '-') return -1;
    if (v[5] == 'W' && (d = digits(v + 6, 2)) >= 1 && d <= 53) {
        /* ISO week: week 1 holds January 4th; weeks start on Monday. */
        long jan4 = days_from_civil(y, 1, 4);
        long wd = ((jan4 + 3) % 7 + 7) % 7; /* 0 = Monday (1970-01-01 was a Thursday) */
        *d0 = jan4 - wd + 7L * (d - 1);
        *d1 = *d0 + 6;
        return 0;
    }
    if (v[5] == 'Q' && v[6] >= '1' && v[6] <= '4') {
        int q = v[6] - '1';
        *d0 = days_from_civil(y, (unsigned)(3 * q + 1), 1);
        *d1 = (q == 3 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, (unsigned)(3 * q + 4), 1)) - 1;
        return 0;
    }
    if ((m = digits(v + 5, 2)) < 1 || m > 12) return -1;
    if (v[7] == '\0') {
        unsigned last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
        *d0 = days_from_civil(y, (unsigned)m, 1);
        *d1 = days_from_civil(y, (unsigned)m, last);
        return 0;
    }
    if (v[7] != '-' || (d = digits(v + 8, 2)) < 1 || d > 31) return -1;
    if (v[10] != '\0' && v[10] != 'T' && v[10] != ' ') return -1;
    *d0 = *d1 = days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}
