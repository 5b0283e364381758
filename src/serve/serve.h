/*
 * serve.h -- what the files of `hechos serve` share (src/serve/, linked into bin/hechos
 * only, so that libhechos does not depend on libmicrohttpd).  Uses only the public
 * header of the library.
 *
 *   req.c    request parsing without I/O: percent-decoding, query parameters, routes,
 *            body formats (the fuzz target tests/fuzz/fuzz_serve_req.c reads these)
 *   api.c    the JSON API under /v1/: one function per route, answers as serve_reply
 *   http.c   libmicrohttpd glue: options, bodies, bearer token, headers, assets,
 *            signals; cmd_serve()
 *   assets/  the browser views (HTML, CSS, JS), embedded at build time by embed.sh
 *
 * Invariants: every string handed to a route is valid UTF-8 without NUL bytes or
 * control characters other than tab/newline (req.c rejects the rest with 400); the
 * analysis context is shared read-only by every thread; a store handle is used by one
 * thread at a time (a pool); the library never prints, the server prints only its
 * start line and fatal errors.
 */
#ifndef HX_SERVE_H
#define HX_SERVE_H

#include "hechos.h"

#include <pthread.h>
#include <stddef.h>

/* ---------------------------------------------------------------- req.c */

/* Decodes a percent-encoded URL component of n bytes ('+' is a space when plus is set)
 * into out (at least n + 1 bytes), NUL-terminated.  Returns the decoded length, or -1
 * for a bad escape, a NUL byte, a control character (other than tab) or invalid UTF-8;
 * *why then names the problem. */
long serve_pct_decode(const char *in, size_t n, int plus, char *out, const char **why);

/* Is s (len bytes) valid UTF-8 without NUL bytes? */
int serve_utf8_ok(const char *s, size_t len);

/* The routes of the API, one table that the router, the index (GET /v1) and the test
 * against docs/openapi.yaml all read. */
typedef enum serve_route_id {
    R_INDEX, R_HEALTH, R_EXTRACT, R_INGEST, R_DOCUMENT, R_ENTITIES, R_ENTITY, R_TIMELINE,
    R_CLAIMS, R_FIGURES, R_CONFLICTS, R_GRAPH, R_SEARCH, R_NROUTES
} serve_route_id;

typedef struct serve_route {
    serve_route_id id;
    const char *method;  /* "GET" or "POST" */
    const char *pattern; /* "/v1/entities/{name}": at most one {param}, the last segment */
    const char *params;  /* accepted query parameters, space-separated */
} serve_route;

extern const serve_route serve_routes[R_NROUTES];

/* Finds the route of a raw (still percent-encoded) path.  Returns the route, or NULL
 * when no pattern matches; *arg receives the decoded {param} (malloc'd, caller frees)
 * or NULL.  A bad escape in the parameter gives NULL with *why set. */
const serve_route *serve_route_find(const char *path, char **arg, const char **why);

/* Is name one of the space-separated words of list? */
int serve_word_in(const char *list, const char *name);

/* Body formats of POST /v1/extract and /v1/ingest, from the Content-Type. */
typedef enum serve_body_kind { BODY_TEXT, BODY_JSON, BODY_JSONL, BODY_UNSUPPORTED } serve_body_kind;
serve_body_kind serve_body_kind_of(const char *content_type);

/* Parses a decimal in [lo, hi]; returns 0 and *out, or -1. */
int serve_parse_long(const char *s, long lo, long hi, long *out);

/* Calls fn for each line of a JSON Lines body (CRLF accepted, blank lines skipped);
 * lineno counts from 1.  Stops early when fn returns non-zero and returns that. */
int serve_each_line(const char *body, size_t len,
                    int (*fn)(void *ud, unsigned long lineno, const char *line, size_t n), void *ud);

/* A growing byte buffer, always NUL-terminated after its n bytes once non-empty. */
typedef struct serve_buf {
    char *p;
    size_t n, cap;
} serve_buf;

/* Appends n bytes; 0, or -1 when out of memory (the buffer is then unchanged). */
int serve_buf_add(serve_buf *b, const char *p, size_t n);

/* ---------------------------------------------------------------- api.c */

/* What a route answers: status, content type, body (malloc'd, or static when
 * body_static is set) and optional extra header. */
typedef struct serve_reply {
    int status;
    const char *type;
    char *body;
    size_t len;
    int body_static;
    const char *allow; /* for 405 */
} serve_reply;

/* The server's shared state.  Read-only after start, except what the mutexes guard. */
typedef struct serve_state {
    const hx_ctx *ctx;
    const char *db_path;  /* NULL: no corpus, query routes answer 503 */
    int allow_ingest;
    size_t max_body;
    /* read-only store handles, one per worker at most */
    pthread_mutex_t pool_mu;
    pthread_cond_t pool_cv;
    hx_store **pool;
    size_t npool, nfree;
    hx_store **free_list;
    /* the writable store (ingest only) */
    pthread_mutex_t write_mu;
    hx_store *writer;
} serve_state;

/* A parsed request, as api.c sees it. */
typedef struct serve_request {
    const serve_route *route;
    const char *arg;          /* decoded {param} or NULL */
    const char *const *keys;  /* decoded query parameters */
    const char *const *vals;
    size_t nparams;
    const char *content_type; /* may be NULL */
    const char *body;
    size_t body_len;
} serve_request;

/* Handles one API request.  Never fails: errors become JSON error replies. */
void serve_api(serve_state *s, const serve_request *rq, serve_reply *out);

/* A JSON error reply {"error":{"status","code","message"}}. */
void serve_error(serve_reply *out, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* ---------------------------------------------------------------- assets */

typedef struct serve_asset {
    const char *name; /* file name under src/serve/assets/ */
    const unsigned char *data;
    size_t len;
} serve_asset;

extern const serve_asset serve_assets[];
extern const size_t serve_nassets;

int cmd_serve(int argc, char **argv);
extern const char usage_serve[];

#endif
