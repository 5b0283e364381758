/*
 * pgutil.h -- helpers for tests that run against the throw-away PostgreSQL cluster of
 * tests/pg.sh: the connection string it exports (HECHOS_PG), a fresh database per test,
 * and raw SQL through libpq.  Without HECHOS_PG the tests that need a server skip.
 */
#ifndef HX_TESTS_PGUTIL_H
#define HX_TESTS_PGUTIL_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* HECHOS_PG, or NULL when the tests do not run under tests/pg.sh. */
static inline const char *tu_pg(void)
{
    const char *p = getenv("HECHOS_PG");
    return p && *p ? p : NULL;
}

static inline void tu_pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Runs sql on conninfo; returns the first value of the first row as a number (0 when
 * there is none), or -1 on failure (printed). */
static inline long long tu_pg_int(const char *conninfo, const char *sql)
{
    PGconn *c = PQconnectdb(conninfo);
    long long v = -1;
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "pgutil: %s", PQerrorMessage(c));
    } else {
        PQsetNoticeProcessor(c, tu_pg_quiet, NULL);
        PGresult *r = PQexec(c, sql);
        ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_TUPLES_OK) v = PQntuples(r) && !PQgetisnull(r, 0, 0) ? atoll(PQgetvalue(r, 0, 0)) : 0;
        else if (s == PGRES_COMMAND_OK) v = 0;
        else fprintf(stderr, "pgutil: %s: %s", sql, PQresultErrorMessage(r));
        PQclear(r);
    }
    PQfinish(c);
    return v;
}

/* Creates a fresh, empty store place on the cluster -- a schema named
 * "hx_<tag>_<pid>_<n>" (into name), which connections reach through their search_path
 * (a schema is made in milliseconds, a database in a second) -- and writes the
 * connection string into conninfo; 0 or -1. */
static inline int tu_pg_create(const char *tag, char *name, size_t nn, char *conninfo, size_t cn)
{
    static int n;
    char sql[128];
    snprintf(name, nn, "hx_%s_%d_%d", tag, (int)getpid(), n++);
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", name);
    snprintf(conninfo, cn, "%s options='-c search_path=%s'", tu_pg(), name);
    return tu_pg_int(tu_pg(), sql) < 0 ? -1 : 0;
}

static inline void tu_pg_drop(const char *name)
{
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", name);
    tu_pg_int(tu_pg(), sql);
}

#endif /* HX_TESTS_PGUTIL_H */
