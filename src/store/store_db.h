/*
 * store_db.h -- the corpus store's database back ends behind one small interface:
 * SQLite files (store_sqlite.c) and PostgreSQL servers through libpq (store_pg.c),
 * chosen by the target string (store_db.c).  The rest of the store writes its SQL once,
 * in SQLite's dialect with `?`/`?N` placeholders, and runs it through this interface;
 * the PostgreSQL side rewrites the few differences (placeholders, SQLite's JSON
 * functions, `IS` between values, date()) when it prepares a statement.
 *
 * Invariants:
 *   - Statements belong to one connection and are finalised before it is closed.
 *   - Binding copies the value (text included), so the caller's buffers may change
 *     after the bind.  hx__db_reset() also clears the bindings.
 *   - hx__db_step() returns HX__DB_ROW, HX__DB_DONE or HX__DB_ERROR; after an error
 *     hx__db_errmsg() holds the back end's message.
 *   - Column values read after a step stay valid until the next step/reset/finalize.
 */
#ifndef HX_STORE_DB_H
#define HX_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

typedef struct hx__db hx__db;
typedef struct hx__stmt hx__stmt;

enum { HX__DB_SQLITE, HX__DB_PG };                           /* back ends */
enum { HX__DB_ERROR = 1, HX__DB_ROW = 100, HX__DB_DONE = 101 }; /* step results */
enum { HX__DB_INT = 1, HX__DB_FLOAT, HX__DB_TEXT, HX__DB_NULL }; /* column types */

/* 1 when target names a PostgreSQL database (a postgresql:// or postgres:// URI, or a
 * libpq "key=value ..." connection string), 0 for a SQLite file path. */
int hx__db_is_pg(const char *target);

/* Opens target (created when missing for SQLite unless readonly).  Returns 0, or -1 with
 * a message in msg (also when out of memory); *out is NULL then. */
int hx__db_open(const char *target, int readonly, hx__db **out, char *msg, size_t cap);
void hx__db_close(hx__db *db);
int hx__db_kind(const hx__db *db);
const char *hx__db_errmsg(const hx__db *db);

/* Runs SQL without parameters (several statements separated by ';'); 0 or -1. */
int hx__db_exec(hx__db *db, const char *sql);
/* Opens the write transaction of a batch or a migration: SQLite BEGIN IMMEDIATE, on
 * PostgreSQL BEGIN plus the database's hechos advisory lock (docs/store.md). */
int hx__db_begin(hx__db *db);
/* The schema version (SQLite user_version, PostgreSQL table hechos_schema; 0 when the
 * database has no hechos schema), or -1 on error. */
int hx__db_version(hx__db *db);
int hx__db_set_version(hx__db *db, int v);

/* Prepares sql; persistent statements are kept and reused (prepared on the server for
 * PostgreSQL).  Returns 0 or -1. */
int hx__db_prepare(hx__db *db, const char *sql, int persistent, hx__stmt **out);
void hx__db_bind_int64(hx__stmt *s, int i, int64_t v);
void hx__db_bind_double(hx__stmt *s, int i, double v);
/* Text of n bytes (n < 0: up to NUL); NULL binds NULL. */
void hx__db_bind_text(hx__stmt *s, int i, const char *t, long n);
void hx__db_bind_null(hx__stmt *s, int i);
int hx__db_step(hx__stmt *s);
void hx__db_reset(hx__stmt *s);
void hx__db_finalize(hx__stmt *s);

int hx__db_column_count(hx__stmt *s);
const char *hx__db_column_name(hx__stmt *s, int c);
int hx__db_column_type(hx__stmt *s, int c);
int64_t hx__db_column_int64(hx__stmt *s, int c);
double hx__db_column_double(hx__stmt *s, int c);
/* Text of column c (NULL for NULL), its length in bytes in *n when n is not NULL. */
const char *hx__db_column_text(hx__stmt *s, int c, size_t *n);

/* ------------------------------------------------ the two implementations (internal) */
/* store_db.c dispatches every call above through db->ops. */
typedef struct hx__db_ops {
    int (*open)(hx__db *db, const char *target, char *msg, size_t cap);
    void (*close)(hx__db *db);
    int (*exec)(hx__db *db, const char *sql);
    int (*begin)(hx__db *db);
    int (*version)(hx__db *db);
    int (*set_version)(hx__db *db, int v);
    int (*prepare)(hx__db *db, const char *sql, int persistent, hx__stmt **out);
    /* type HX__DB_INT (iv), HX__DB_FLOAT (dv), HX__DB_TEXT (t, n bytes) or HX__DB_NULL */
    void (*bind)(hx__stmt *s, int i, int type, int64_t iv, double dv, const char *t, size_t n);
    int (*step)(hx__stmt *s);
    void (*reset)(hx__stmt *s);
    void (*finalize)(hx__stmt *s);
    int (*column_count)(hx__stmt *s);
    const char *(*column_name)(hx__stmt *s, int c);
    int (*column_type)(hx__stmt *s, int c);
    int64_t (*column_int64)(hx__stmt *s, int c);
    double (*column_double)(hx__stmt *s, int c);
    const char *(*column_text)(hx__stmt *s, int c, size_t *n);
} hx__db_ops;

extern const hx__db_ops hx__sqlite_ops; /* store_sqlite.c */
extern const hx__db_ops hx__pg_ops;     /* store_pg.c */

struct hx__db {
    const hx__db_ops *ops;
    int kind;       /* HX__DB_* */
    int readonly;
    void *conn;     /* sqlite3 * or PGconn * */
    char msg[512];  /* the last error */
    unsigned nstmt; /* PostgreSQL: statements prepared on the server so far (their names) */
};

/* The head of every statement; each back end extends it. */
struct hx__stmt {
    hx__db *db;
};

/* The PostgreSQL form of a statement in the store's SQLite dialect (malloc'd; NULL when
 * out of memory); *nparams gets the number of parameters (store_pg.c; for the tests). */
char *hx__pg_rewrite(const char *sql, int *nparams);

#endif /* HX_STORE_DB_H */
