/*
 * store_pg.c -- the PostgreSQL back end of the store's database interface
 * (store_db.h), through libpq.  Statements arrive in the store's SQLite dialect and are
 * rewritten once, when prepared (hx__pg_rewrite): `?N`/`?` placeholders become `$N`,
 * `a IS b` between values becomes IS NOT DISTINCT FROM, SQLite's json_group_array,
 * json_object and date(x,'unixepoch') become json_agg, json_build_object and the
 * schema's hx_date function.  Values travel as text; results are read as text and
 * typed by their column type.
 *
 * Invariants:
 *   - Persistent statements are prepared on the server once per connection (named
 *     "hx<N>", types inferred by the server from their context); others are sent with
 *     their parameters each time (PQexecParams, types from the bindings).
 *   - Writers take one transaction-scoped advisory lock per database (hx__pg_begin), so
 *     batches of several processes are serialised as SQLite's BEGIN IMMEDIATE does
 *     (docs/store.md says why).
 *   - Notices (e.g. "text-search query contains only stop words") are never printed.
 *   - Sessions run without JIT compilation: the store's queries are short, and JIT
 *     (triggered by cost estimates) cost up to 70 ms a query (conflicts, 1,000 articles).
 */
#include "store/store_db.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The advisory lock key of hechos writers ("hechos" in ASCII, 0x686563686f73). */
#define HX_PG_LOCK "114784668774259"

enum { MAXP = 64 }; /* parameters per statement */

typedef struct pg_stmt {
    hx__stmt base;
    char *sql;             /* rewritten */
    char name[24];         /* server-side name when persistent, else "" */
    int nparams;
    char *val[MAXP];       /* bound values as text (NULL: SQL NULL) */
    Oid type[MAXP];        /* for non-persistent statements: 20 int8, 701 float8, 0 unknown */
    PGresult *res;         /* the executed statement's result, NULL before the first step */
    int row, nrows;
} pg_stmt;

#define CONN(db) ((PGconn *)(db)->conn)
#define PS(x) ((pg_stmt *)(x))

/* ---------------------------------------------------------------- dialect */

static int word_is(const char *w, size_t n, const char *k)
{
    return strlen(k) == n && strncasecmp(w, k, n) == 0;
}

static size_t word_len(const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_') n++;
    return n;
}

static const char *skip_space(const char *p)
{
    while (isspace((unsigned char)*p)) p++;
    return p;
}

/* Appends to o (hx__pg_rewrite sizes its buffer for the longest expansion). */
static char *put(char *o, const char *s, size_t n)
{
    memcpy(o, s, n);
    return o + n;
}

/* `IS x` / `IS NOT x` with x a value (not NULL, TRUE, FALSE): SQLite's null-safe
 * comparison, IS [NOT] DISTINCT FROM in PostgreSQL.  Returns the input position after
 * what was consumed and writes the replacement. */
static const char *rewrite_is(const char *p, char **o)
{
    static const char *const kw[] = {"null", "true", "false", "distinct", "unknown", NULL};
    const char *q = skip_space(p + 2);
    size_t n = word_len(q);
    int neg = word_is(q, n, "not");
    if (neg) {
        q = skip_space(q + n);
        n = word_len(q);
    }
    for (int i = 0; kw[i]; i++)
        if (word_is(q, n, kw[i])) {
            *o = put(*o, p, 2);
            return p + 2;
        }
    const char *r = neg ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM ";
    *o = put(*o, r, strlen(r));
    return q;
}

char *hx__pg_rewrite(const char *sql, int *nparams)
{
    static const char *const fn[][2] = {{"json_group_array", "json_agg"},
                                        {"json_object", "json_build_object"},
                                        {"date", "hx_date"}};
    /* at most 11 bytes out per byte in: "IS?" (3) becomes "IS NOT DISTINCT FROM $1" (23) */
    char *out = malloc(11 * strlen(sql) + 64), *o = out;
    int max = 0;
    if (!out) return NULL;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') { /* literals and quoted names as they are */
            const char *e = p + 1;
            while (*e && !(*e == *p && e[1] != *p)) e += *e == *p ? 2 : 1;
            if (*e) e++;
            o = put(o, p, (size_t)(e - p));
            p = e;
        } else if (*p == '?') {
            int k = 0;
            p++;
            if (isdigit((unsigned char)*p)) k = (int)strtol(p, (char **)&p, 10);
            else k = max + 1;
            if (k > max) max = k;
            o += sprintf(o, "$%d", k);
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            size_t n = word_len(p);
            int after_dot = p > sql && p[-1] == '.', call = *skip_space(p + n) == '(';
            const char *rep = NULL;
            for (size_t i = 0; call && !after_dot && i < sizeof fn / sizeof *fn; i++)
                if (word_is(p, n, fn[i][0])) rep = fn[i][1];
            if (!after_dot && word_is(p, n, "is")) {
                p = rewrite_is(p, &o);
                continue;
            }
            o = rep ? put(o, rep, strlen(rep)) : put(o, p, n);
            p += n;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    if (nparams) *nparams = max;
    return out;
}

/* ---------------------------------------------------------------- connection */

static void keep_error(hx__db *db, const PGresult *r)
{
    const char *m = r ? PQresultErrorMessage(r) : "";
    if (!m || !*m) m = PQerrorMessage(CONN(db));
    if (!m || !*m) m = "unknown PostgreSQL error";
    snprintf(db->msg, sizeof db->msg, "%s", m);
    /* one line: libpq ends messages with a newline and may hold several lines */
    char *w = db->msg;
    for (const char *c = db->msg; *c; c++) {
        char ch = *c == '\n' || *c == '\r' || *c == '\t' ? ' ' : *c;
        if (ch != ' ' || (w > db->msg && w[-1] != ' ')) *w++ = ch;
    }
    *w = '\0';
    size_t n = strlen(db->msg);
    while (n && db->msg[n - 1] == ' ') db->msg[--n] = '\0';
    if (r && PQstatus(CONN(db)) == CONNECTION_BAD && !strstr(db->msg, "connection"))
        snprintf(db->msg + n, sizeof db->msg - n, " (connection to the server lost)");
}

static void no_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int g_exec(hx__db *db, const char *sql)
{
    PGresult *r = PQexec(CONN(db), sql);
    ExecStatusType s = PQresultStatus(r);
    int ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    if (!ok) keep_error(db, r);
    PQclear(r);
    return ok ? 0 : -1;
}

static int g_open(hx__db *db, const char *target, char *msg, size_t cap)
{
    PGconn *c = PQconnectdb(target);
    db->conn = c;
    if (!c || PQstatus(c) != CONNECTION_OK) {
        keep_error(db, NULL);
        snprintf(msg, cap, "cannot connect to PostgreSQL: %s", c ? db->msg : "out of memory");
        return -1;
    }
    PQsetNoticeProcessor(c, no_notice, NULL);
    if (PQsetClientEncoding(c, "UTF8") != 0 ||
        g_exec(db, db->readonly ? "SET default_transaction_read_only=on; SET jit=off"
                               : "SET TIME ZONE 'UTC'; SET jit=off")) {
        snprintf(msg, cap, "PostgreSQL session: %s", db->msg);
        return -1;
    }
    return 0;
}

static void g_close(hx__db *db)
{
    PQfinish(CONN(db));
    db->conn = NULL;
}

static int g_begin(hx__db *db)
{
    return g_exec(db, "BEGIN; SELECT pg_advisory_xact_lock(" HX_PG_LOCK ")");
}

/* The single value of a one-row query, or NULL (malloc'd). */
static char *g_value(hx__db *db, const char *sql)
{
    PGresult *r = PQexec(CONN(db), sql);
    char *v = NULL;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) keep_error(db, r);
    else if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0)) v = strdup(PQgetvalue(r, 0, 0));
    else v = strdup("");
    PQclear(r);
    return v;
}

static int g_version(hx__db *db)
{
    char *has = g_value(db, "SELECT to_regclass('hechos_schema') IS NOT NULL");
    int v = -1;
    if (has && strcmp(has, "f") == 0) v = 0;
    else if (has) {
        char *x = g_value(db, "SELECT max(version) FROM hechos_schema");
        if (x) v = *x ? atoi(x) : 0;
        free(x);
    }
    free(has);
    return v;
}

static int g_set_version(hx__db *db, int v)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS hechos_schema(version integer NOT NULL);"
             "DELETE FROM hechos_schema; INSERT INTO hechos_schema VALUES(%d)", v);
    return g_exec(db, sql);
}

/* ---------------------------------------------------------------- statements */

static int g_prepare(hx__db *db, const char *sql, int persistent, hx__stmt **out)
{
    pg_stmt *x = calloc(1, sizeof *x);
    if (!x || !(x->sql = hx__pg_rewrite(sql, &x->nparams))) {
        free(x);
        snprintf(db->msg, sizeof db->msg, "out of memory");
        return -1;
    }
    x->base.db = db;
    if (x->nparams > MAXP) {
        snprintf(db->msg, sizeof db->msg, "statement has %d parameters (at most %d)", x->nparams, MAXP);
        free(x->sql);
        free(x);
        return -1;
    }
    if (persistent) {
        snprintf(x->name, sizeof x->name, "hx%u", db->nstmt++);
        PGresult *r = PQprepare(CONN(db), x->name, x->sql, x->nparams, NULL);
        int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok) keep_error(db, r);
        PQclear(r);
        if (!ok) {
            free(x->sql);
            free(x);
            return -1;
        }
    }
    *out = &x->base;
    return 0;
}

static void g_bind(hx__stmt *s, int i, int type, int64_t iv, double dv, const char *t, size_t n)
{
    pg_stmt *x = PS(s);
    char tmp[40];
    if (i < 1 || i > x->nparams) return;
    free(x->val[i - 1]);
    x->val[i - 1] = NULL;
    x->type[i - 1] = 0;
    switch (type) {
    case HX__DB_INT:
        snprintf(tmp, sizeof tmp, "%lld", (long long)iv);
        x->type[i - 1] = 20;
        x->val[i - 1] = strdup(tmp);
        break;
    case HX__DB_FLOAT:
        if (isnan(dv)) snprintf(tmp, sizeof tmp, "NaN");
        else if (isinf(dv)) snprintf(tmp, sizeof tmp, dv > 0 ? "Infinity" : "-Infinity");
        else snprintf(tmp, sizeof tmp, "%.17g", dv);
        x->type[i - 1] = 701;
        x->val[i - 1] = strdup(tmp);
        break;
    case HX__DB_TEXT:
        if ((x->val[i - 1] = malloc(n + 1))) {
            memcpy(x->val[i - 1], t, n);
            x->val[i - 1][n] = '\0';
        }
        break;
    default: break;
    }
}

static int g_step(hx__stmt *s)
{
    pg_stmt *x = PS(s);
    if (!x->res) {
        const char *const *v = (const char *const *)x->val;
        x->res = x->name[0] ? PQexecPrepared(CONN(s->db), x->name, x->nparams, v, NULL, NULL, 0)
                            : PQexecParams(CONN(s->db), x->sql, x->nparams, x->type, v, NULL, NULL, 0);
        ExecStatusType st = PQresultStatus(x->res);
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
            keep_error(s->db, x->res);
            PQclear(x->res);
            x->res = NULL;
            return HX__DB_ERROR;
        }
        x->nrows = st == PGRES_TUPLES_OK ? PQntuples(x->res) : 0;
        x->row = -1;
    }
    if (x->row < x->nrows) x->row++;
    return x->row < x->nrows ? HX__DB_ROW : HX__DB_DONE;
}

static void g_reset(hx__stmt *s)
{
    pg_stmt *x = PS(s);
    PQclear(x->res);
    x->res = NULL;
    for (int i = 0; i < x->nparams; i++) {
        free(x->val[i]);
        x->val[i] = NULL;
        x->type[i] = 0;
    }
}

static void g_finalize(hx__stmt *s)
{
    pg_stmt *x = PS(s);
    g_reset(s);
    if (x->name[0] && s->db->conn && PQstatus(CONN(s->db)) == CONNECTION_OK) {
        char sql[48];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", x->name);
        PQclear(PQexec(CONN(s->db), sql));
    }
    free(x->sql);
    free(x);
}

static int g_column_count(hx__stmt *s) { return PS(s)->res ? PQnfields(PS(s)->res) : 0; }
static const char *g_column_name(hx__stmt *s, int c) { return PQfname(PS(s)->res, c); }

static int g_column_type(hx__stmt *s, int c)
{
    pg_stmt *x = PS(s);
    if (PQgetisnull(x->res, x->row, c)) return HX__DB_NULL;
    switch (PQftype(x->res, c)) {
    case 20: case 21: case 23: case 26: return HX__DB_INT; /* int8 int2 int4 oid */
    case 700: case 701: case 1700: return HX__DB_FLOAT;   /* float4 float8 numeric */
    default: return HX__DB_TEXT;
    }
}

static const char *g_column_text(hx__stmt *s, int c, size_t *n)
{
    pg_stmt *x = PS(s);
    if (PQgetisnull(x->res, x->row, c)) {
        if (n) *n = 0;
        return NULL;
    }
    if (n) *n = (size_t)PQgetlength(x->res, x->row, c);
    return PQgetvalue(x->res, x->row, c);
}

static int64_t g_column_int64(hx__stmt *s, int c)
{
    const char *t = g_column_text(s, c, NULL);
    if (!t) return 0;
    if (*t == 't' || *t == 'f') return *t == 't'; /* booleans */
    return strtoll(t, NULL, 10);
}

static double g_column_double(hx__stmt *s, int c)
{
    const char *t = g_column_text(s, c, NULL);
    return t ? strtod(t, NULL) : 0.0;
}

const hx__db_ops hx__pg_ops = {
    g_open, g_close, g_exec, g_begin, g_version, g_set_version, g_prepare, g_bind, g_step,
    g_reset, g_finalize, g_column_count, g_column_name, g_column_type, g_column_int64,
    g_column_double, g_column_text,
};
