/*
 * store_db.c -- the store's database interface (store_db.h): picks the back end from
 * the target string and forwards every call to it (store_sqlite.c, store_pg.c).
 */
#include "store/store_db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hx__db_is_pg(const char *t)
{
    if (!t) return 0;
    if (strncmp(t, "postgresql://", 13) == 0 || strncmp(t, "postgres://", 11) == 0) return 1;
    /* A libpq connection string starts with "keyword=" (dbname=..., host=..., ...). */
    const char *p = t;
    while (*p == ' ') p++;
    const char *k = p;
    while (islower((unsigned char)*p) || *p == '_') p++;
    while (*p == ' ') p++;
    return p > k && *p == '=';
}

int hx__db_open(const char *target, int readonly, hx__db **out, char *msg, size_t cap)
{
    hx__db *db = calloc(1, sizeof *db);
    *out = NULL;
    if (!db) {
        snprintf(msg, cap, "out of memory");
        return -1;
    }
    db->kind = hx__db_is_pg(target) ? HX__DB_PG : HX__DB_SQLITE;
    db->ops = db->kind == HX__DB_PG ? &hx__pg_ops : &hx__sqlite_ops;
    db->readonly = readonly;
    if (db->ops->open(db, target, msg, cap)) {
        db->ops->close(db);
        free(db);
        return -1;
    }
    *out = db;
    return 0;
}

void hx__db_close(hx__db *db)
{
    if (!db) return;
    db->ops->close(db);
    free(db);
}

int hx__db_kind(const hx__db *db) { return db->kind; }
const char *hx__db_errmsg(const hx__db *db) { return db ? db->msg : "no database"; }
int hx__db_exec(hx__db *db, const char *sql) { return db->ops->exec(db, sql); }
int hx__db_begin(hx__db *db) { return db->ops->begin(db); }
int hx__db_version(hx__db *db) { return db->ops->version(db); }
int hx__db_set_version(hx__db *db, int v) { return db->ops->set_version(db, v); }

int hx__db_prepare(hx__db *db, const char *sql, int persistent, hx__stmt **out)
{
    *out = NULL;
    return db->ops->prepare(db, sql, persistent, out);
}

void hx__db_bind_int64(hx__stmt *s, int i, int64_t v) { s->db->ops->bind(s, i, HX__DB_INT, v, 0, NULL, 0); }
void hx__db_bind_double(hx__stmt *s, int i, double v) { s->db->ops->bind(s, i, HX__DB_FLOAT, 0, v, NULL, 0); }
void hx__db_bind_null(hx__stmt *s, int i) { s->db->ops->bind(s, i, HX__DB_NULL, 0, 0, NULL, 0); }

void hx__db_bind_text(hx__stmt *s, int i, const char *t, long n)
{
    if (!t) hx__db_bind_null(s, i);
    else s->db->ops->bind(s, i, HX__DB_TEXT, 0, 0, t, n < 0 ? strlen(t) : (size_t)n);
}

int hx__db_step(hx__stmt *s) { return s->db->ops->step(s); }
void hx__db_reset(hx__stmt *s) { if (s) s->db->ops->reset(s); }
void hx__db_finalize(hx__stmt *s) { if (s) s->db->ops->finalize(s); }
int hx__db_column_count(hx__stmt *s) { return s->db->ops->column_count(s); }
const char *hx__db_column_name(hx__stmt *s, int c) { return s->db->ops->column_name(s, c); }
int hx__db_column_type(hx__stmt *s, int c) { return s->db->ops->column_type(s, c); }
int64_t hx__db_column_int64(hx__stmt *s, int c) { return s->db->ops->column_int64(s, c); }
double hx__db_column_double(hx__stmt *s, int c) { return s->db->ops->column_double(s, c); }
const char *hx__db_column_text(hx__stmt *s, int c, size_t *n) { return s->db->ops->column_text(s, c, n); }
