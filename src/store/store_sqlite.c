/*
 * store_sqlite.c -- the SQLite back end of the store's database interface
 * (store_db.h): a file in WAL mode, statements as sqlite3_stmt.  The store's SQL is
 * written in SQLite's dialect, so statements are prepared as they are.
 */
#include "store/store_db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lite_stmt {
    hx__stmt base;
    sqlite3_stmt *s;
} lite_stmt;

#define CONN(db) ((sqlite3 *)(db)->conn)
#define LS(x) (((lite_stmt *)(x))->s)

static void keep_error(hx__db *db)
{
    snprintf(db->msg, sizeof db->msg, "%s", db->conn ? sqlite3_errmsg(CONN(db)) : "out of memory");
}

static int l_open(hx__db *db, const char *path, char *msg, size_t cap)
{
    sqlite3 *c = NULL;
    int of = db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &c, of | SQLITE_OPEN_NOMUTEX, NULL);
    db->conn = c;
    if (rc != SQLITE_OK) {
        snprintf(msg, cap, "cannot open %s: %s", path, c ? sqlite3_errmsg(c) : "out of memory");
        return -1;
    }
    sqlite3_busy_timeout(c, 10000);
    const char *pragmas = db->readonly
        ? "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=4294967296;"
        : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=16384;"
          "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";
    if (sqlite3_exec(c, pragmas, NULL, NULL, NULL) != SQLITE_OK && !db->readonly) {
        snprintf(msg, cap, "%s: %s", path, sqlite3_errmsg(c));
        return -1;
    }
    return 0;
}

static void l_close(hx__db *db)
{
    if (db->conn && !db->readonly) sqlite3_exec(CONN(db), "PRAGMA optimize", NULL, NULL, NULL);
    sqlite3_close(CONN(db));
    db->conn = NULL;
}

static int l_exec(hx__db *db, const char *sql)
{
    if (sqlite3_exec(CONN(db), sql, NULL, NULL, NULL) == SQLITE_OK) return 0;
    keep_error(db);
    return -1;
}

static int l_begin(hx__db *db)
{
    return l_exec(db, "BEGIN IMMEDIATE");
}

static int l_version(hx__db *db)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(CONN(db), "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK) {
        keep_error(db);
        return -1;
    }
    if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int(s, 0);
    else keep_error(db);
    sqlite3_finalize(s);
    return v;
}

static int l_set_version(hx__db *db, int v)
{
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v);
    return l_exec(db, pragma);
}

static int l_prepare(hx__db *db, const char *sql, int persistent, hx__stmt **out)
{
    lite_stmt *x = calloc(1, sizeof *x);
    if (!x) {
        snprintf(db->msg, sizeof db->msg, "out of memory");
        return -1;
    }
    x->base.db = db;
    if (sqlite3_prepare_v3(CONN(db), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &x->s,
                           NULL) != SQLITE_OK) {
        keep_error(db);
        sqlite3_finalize(x->s);
        free(x);
        return -1;
    }
    *out = &x->base;
    return 0;
}

static void l_bind(hx__stmt *s, int i, int type, int64_t iv, double dv, const char *t, size_t n)
{
    switch (type) {
    case HX__DB_INT: sqlite3_bind_int64(LS(s), i, iv); break;
    case HX__DB_FLOAT: sqlite3_bind_double(LS(s), i, dv); break;
    case HX__DB_TEXT: sqlite3_bind_text64(LS(s), i, t, n, SQLITE_TRANSIENT, SQLITE_UTF8); break;
    default: sqlite3_bind_null(LS(s), i);
    }
}

static int l_step(hx__stmt *s)
{
    int r = sqlite3_step(LS(s));
    if (r == SQLITE_ROW) return HX__DB_ROW;
    if (r == SQLITE_DONE) return HX__DB_DONE;
    keep_error(s->db);
    return HX__DB_ERROR;
}

static void l_reset(hx__stmt *s)
{
    sqlite3_reset(LS(s));
    sqlite3_clear_bindings(LS(s));
}

static void l_finalize(hx__stmt *s)
{
    sqlite3_finalize(LS(s));
    free(s);
}

static int l_column_count(hx__stmt *s) { return sqlite3_column_count(LS(s)); }
static const char *l_column_name(hx__stmt *s, int c) { return sqlite3_column_name(LS(s), c); }
static int64_t l_column_int64(hx__stmt *s, int c) { return sqlite3_column_int64(LS(s), c); }
static double l_column_double(hx__stmt *s, int c) { return sqlite3_column_double(LS(s), c); }

static int l_column_type(hx__stmt *s, int c)
{
    switch (sqlite3_column_type(LS(s), c)) {
    case SQLITE_INTEGER: return HX__DB_INT;
    case SQLITE_FLOAT: return HX__DB_FLOAT;
    case SQLITE_NULL: return HX__DB_NULL;
    default: return HX__DB_TEXT;
    }
}

static const char *l_column_text(hx__stmt *s, int c, size_t *n)
{
    const char *t = (const char *)sqlite3_column_text(LS(s), c);
    if (n) *n = (size_t)sqlite3_column_bytes(LS(s), c);
    return t;
}

const hx__db_ops hx__sqlite_ops = {
    l_open, l_close, l_exec, l_begin, l_version, l_set_version, l_prepare, l_bind, l_step,
    l_reset, l_finalize, l_column_count, l_column_name, l_column_type, l_column_int64,
    l_column_double, l_column_text,
};
