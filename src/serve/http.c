/*
 * http.c -- `hechos serve`: the command line, libmicrohttpd (a pool of worker threads
 * sharing one read-only analysis context), request bodies with a size limit, the
 * bearer token, security headers, the embedded browser views and a clean shutdown on
 * SIGINT/SIGTERM (in-flight requests finish, then exit 0).
 *
 * Invariants: URLs reach the router still percent-encoded (the unescape callback is
 * the identity) and are decoded and validated by req.c only; every response carries
 * the same security headers (CSP, nosniff, no framing, no referrer); files are never
 * read from disk at run time (assets are compiled in), so no path can traverse; the
 * in-flight counter counts requests between their first and completed callbacks.
 */
#include "serve.h"
#include "cli.h"

#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char usage_serve[] =
    "Usage: hechos serve [--db FILE.db] [--listen HOST:PORT] [-j N] [--token T]\n"
    "                    [--allow-ingest] [--max-body BYTES] [--timeout SECONDS] [--models DIR]\n"
    "\n"
    "Serves the JSON API under /v1/ (docs/api.md, docs/openapi.yaml) and the browser views\n"
    "(/, /analyze, /doc/ID, /entity/NAME, /figures, /graph) over HTTP.\n"
    "\n"
    "  --db FILE.db      corpus database for queries (read-only unless --allow-ingest);\n"
    "                    PostgreSQL as postgresql://... or a libpq connection string\n"
    "  --listen H:P      address (default 127.0.0.1:8080; port 0 picks a free one);\n"
    "                    an address other than loopback requires --token\n"
    "  -j N              worker threads (default: the number of processors)\n"
    "  --token T         require 'Authorization: Bearer T' on /v1/ (not /v1/health);\n"
    "                    also read from $HECHOS_TOKEN\n"
    "  --allow-ingest    enable POST /v1/ingest (opens --db for writing, creating it)\n"
    "  --max-body BYTES  largest request body (default 10485760; K and M suffixes)\n"
    "  --timeout S       close a connection idle for S seconds (default 30)\n"
    "\n"
    "The first line on standard output is 'hechos serve: listening on http://H:P/'.\n"
    "SIGINT or SIGTERM: stop accepting, finish the requests in flight, exit 0.\n";

static const char csp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
    " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

typedef struct server {
    serve_state st;
    const char *token;
    atomic_long inflight;
    atomic_int stopping;
} server;

typedef struct conn {
    serve_buf body;
    int too_big, answered;
} conn;

/* ---------------------------------------------------------------- responses */

static enum MHD_Result send_reply(server *sv, struct MHD_Connection *c, serve_reply *r, int api)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        r->len, r->body, r->body_static ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        if (!r->body_static) free(r->body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", r->type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", api ? "no-store" : "no-cache");
    if (r->allow) MHD_add_response_header(resp, "Allow", r->allow);
    if (r->status == 401) MHD_add_response_header(resp, "WWW-Authenticate", "Bearer");
    if (atomic_load(&sv->stopping)) MHD_add_response_header(resp, "Connection", "close");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result send_error(server *sv, struct MHD_Connection *c, int status, const char *code,
                                  const char *msg, const char *allow)
{
    serve_reply r = {0};
    serve_error(&r, status, code, "%s", msg);
    r.allow = allow;
    return send_reply(sv, c, &r, 1);
}

/* ---------------------------------------------------------------- views */

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

static const serve_asset *asset(const char *name)
{
    for (size_t i = 0; i < serve_nassets; i++)
        if (strcmp(serve_assets[i].name, name) == 0) return &serve_assets[i];
    return NULL;
}

/* Is path a page of the browser app (all served by app.html)? */
static int is_page(const char *path)
{
    static const char *const exact[] = {"/", "/analyze", "/figures", "/graph", "/search", NULL};
    for (int i = 0; exact[i]; i++)
        if (strcmp(path, exact[i]) == 0) return 1;
    return (strncmp(path, "/doc/", 5) == 0 && path[5]) || (strncmp(path, "/entity/", 8) == 0 && path[8]);
}

static enum MHD_Result serve_view(server *sv, struct MHD_Connection *c, const char *path, int get)
{
    const serve_asset *a = NULL;
    if (is_page(path)) a = asset("app.html");
    else if (strncmp(path, "/assets/", 8) == 0) a = asset(path + 8);
    else if (strcmp(path, "/favicon.ico") == 0) a = asset("favicon.svg");
    if (!a) return send_error(sv, c, 404, "not_found", "no such page", NULL);
    if (!get) return send_error(sv, c, 405, "method_not_allowed", "pages are read with GET", "GET, HEAD");
    serve_reply r = {200, mime_of(a->name), (char *)a->data, a->len, 1, NULL};
    return send_reply(sv, c, &r, 0);
}

/* ---------------------------------------------------------------- the API */

typedef struct params {
    char *keys[32], *vals[32];
    size_t n;
    const char *why;
    int bad;
} params;

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    params *p = cls;
    if (p->n == 32) {
        p->bad = 1;
        p->why = "too many parameters";
        return MHD_NO;
    }
    const char *v = value ? value : "";
    char *k = malloc(strlen(key) + 1), *d = malloc(strlen(v) + 1);
    if (!k || !d || serve_pct_decode(key, strlen(key), 1, k, &p->why) < 0 ||
        serve_pct_decode(v, strlen(v), 1, d, &p->why) < 0) {
        if (!k || !d) p->why = "out of memory";
        free(k);
        free(d);
        p->bad = 1;
        return MHD_NO;
    }
    p->keys[p->n] = k;
    p->vals[p->n++] = d;
    return MHD_YES;
}

/* Constant-time comparison of the Authorization header with "Bearer TOKEN". */
static int authorised(server *sv, struct MHD_Connection *c)
{
    if (!sv->token) return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0) return 0;
    h += 7;
    size_t n = strlen(h), m = strlen(sv->token);
    unsigned char diff = n != m;
    for (size_t i = 0; i < m; i++) diff |= (unsigned char)(sv->token[i] ^ (i < n ? h[i] : 0));
    return diff == 0;
}

static enum MHD_Result serve_v1(server *sv, struct MHD_Connection *c, const char *path, const char *method,
                                conn *cn)
{
    char *arg = NULL;
    const char *why;
    const serve_route *rt = serve_route_find(path, &arg, &why);
    if (!rt) {
        if (why) return send_error(sv, c, 400, "bad_path", why, NULL);
        return send_error(sv, c, 404, "no_route", "no such route (GET /v1 lists them)", NULL);
    }
    int head = strcmp(method, "HEAD") == 0;
    if (strcmp(method, rt->method) != 0 && !(head && strcmp(rt->method, "GET") == 0)) {
        free(arg);
        return send_error(sv, c, 405, "method_not_allowed", "method not allowed on this route",
                          strcmp(rt->method, "GET") == 0 ? "GET, HEAD" : rt->method);
    }
    if (rt->id != R_HEALTH && !authorised(sv, c)) {
        free(arg);
        return send_error(sv, c, 401, "unauthorized", "a bearer token is required", NULL);
    }
    params p = {0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, &p);
    enum MHD_Result rc;
    if (p.bad) {
        char msg[128];
        snprintf(msg, sizeof msg, "query string: %s", p.why);
        rc = send_error(sv, c, 400, "bad_parameter", msg, NULL);
    } else {
        serve_request rq = {rt, arg, (const char *const *)p.keys, (const char *const *)p.vals, p.n,
                            MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"),
                            cn->body.p ? cn->body.p : "", cn->body.n};
        serve_reply r;
        serve_api(&sv->st, &rq, &r);
        rc = send_reply(sv, c, &r, 1);
    }
    for (size_t i = 0; i < p.n; i++) {
        free(p.keys[i]);
        free(p.vals[i]);
    }
    free(arg);
    return rc;
}

/* Appends upload data to the request body; 0, or -1 when the limit is passed. */
static int take_body(server *sv, conn *cn, const char *data, size_t n)
{
    if (cn->too_big || n > sv->st.max_body - cn->body.n || serve_buf_add(&cn->body, data, n)) {
        cn->too_big = 1;
        return -1;
    }
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    server *sv = cls;
    conn *cn = *con_cls;
    if (!cn) { /* headers are in: count the request, refuse a body announced too large */
        if (!(cn = calloc(1, sizeof *cn))) return MHD_NO;
        *con_cls = cn;
        atomic_fetch_add(&sv->inflight, 1);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        long n;
        if (cl && (serve_parse_long(cl, 0, 999999999999L, &n) || (size_t)n > sv->st.max_body)) {
            cn->answered = 1;
            return send_error(sv, c, 413, "too_large", "request body larger than --max-body", NULL);
        }
        return MHD_YES;
    }
    if (*upload_size) {
        if (!cn->answered && take_body(sv, cn, upload, *upload_size) < 0) {
            cn->answered = 1;
            *upload_size = 0;
            return send_error(sv, c, 413, "too_large", "request body larger than --max-body", NULL);
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (cn->answered) return MHD_YES;
    cn->answered = 1;
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (!get && strcmp(method, "POST") != 0)
        return send_error(sv, c, 405, "method_not_allowed", "only GET, HEAD and POST", "GET, HEAD, POST");
    if (strcmp(url, "/v1") == 0 || strncmp(url, "/v1/", 4) == 0) return serve_v1(sv, c, url, method, cn);
    return serve_view(sv, c, url, get);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    server *sv = cls;
    conn *cn = *con_cls;
    if (!cn) return;
    free(cn->body.p);
    free(cn);
    *con_cls = NULL;
    atomic_fetch_sub(&sv->inflight, 1);
}

/* Leaves URLs and query strings encoded: req.c decodes and validates them. */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
    return strlen(s);
}

/* ---------------------------------------------------------------- command line */

typedef struct opts {
    const char *db, *listen, *token, *models;
    long jobs, timeout;
    size_t max_body;
    int allow_ingest;
} opts;

static int parse_size(const char *s, size_t *out)
{
    char buf[32];
    size_t n = strlen(s), mul = 1;
    if (n == 0 || n >= sizeof buf) return -1;
    memcpy(buf, s, n + 1);
    if (buf[n - 1] == 'K' || buf[n - 1] == 'k') mul = 1024;
    if (buf[n - 1] == 'M' || buf[n - 1] == 'm') mul = 1024 * 1024;
    if (mul > 1) buf[n - 1] = '\0';
    long v;
    if (serve_parse_long(buf, 1, 1L << 40, &v)) return -1;
    *out = (size_t)v * mul;
    return *out > ((size_t)1 << 32) ? -1 : 0;
}

static int parse_opts(int argc, char **argv, opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--allow-ingest") == 0) {
            o->allow_ingest = 1;
            continue;
        }
        static const char *const valued[] = {"--db", "--listen", "-j", "--token", "--max-body",
                                             "--timeout", "--models", NULL};
        int k = 0;
        while (valued[k] && strcmp(valued[k], a) != 0) k++;
        if (!valued[k]) return cli_usage_error("serve", "unknown option or argument '%s'", a);
        if (i + 1 >= argc) return cli_usage_error("serve", "%s needs a value", a);
        const char *v = argv[++i];
        switch (k) {
        case 0: o->db = v; break;
        case 1: o->listen = v; break;
        case 2: if (serve_parse_long(v, 1, 256, &o->jobs)) return cli_usage_error("serve", "-j needs 1..256"); break;
        case 3: o->token = v; break;
        case 4: if (parse_size(v, &o->max_body)) return cli_usage_error("serve", "--max-body needs a size (1..4G)"); break;
        case 5: if (serve_parse_long(v, 1, 3600, &o->timeout)) return cli_usage_error("serve", "--timeout needs 1..3600 seconds"); break;
        case 6: o->models = v; break;
        }
    }
    if (o->token && !*o->token) return cli_usage_error("serve", "--token must not be empty");
    if (o->allow_ingest && !o->db) return cli_usage_error("serve", "--allow-ingest needs --db");
    return 0;
}

/* Parses HOST:PORT ("[::1]:8080" for IPv6, "localhost" is 127.0.0.1) into addr. */
static int parse_listen(const char *s, struct sockaddr_storage *addr, int *v6, int *loopback)
{
    char host[256];
    const char *colon = strrchr(s, ':');
    long port;
    if (!colon || (size_t)(colon - s) >= sizeof host || serve_parse_long(colon + 1, 0, 65535, &port)) return -1;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    memset(addr, 0, sizeof *addr);
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
        host[strlen(host) - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1) return -1;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        *loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
        return 0;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
    if (strcmp(host, "localhost") == 0) strcpy(host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &a4->sin_addr) != 1) return -1;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    *v6 = 0;
    *loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
    return 0;
}

static void close_stores(serve_state *s)
{
    for (size_t i = 0; i < s->npool; i++) hx_store_close(s->pool[i]);
    hx_store_close(s->writer);
    free(s->pool);
    free(s->free_list);
}

/* Opens the writable store (ingest) and the read-only pool; 0 or an exit code. */
static int open_stores(serve_state *s, size_t n)
{
    hx_error err;
    if (s->allow_ingest && hx_store_open(s->db_path, 0, &s->writer, &err) != HX_OK) {
        cli_error(s->db_path, "%s", err.msg);
        return cli_exit_for(err.code);
    }
    s->pool = calloc(n, sizeof *s->pool);
    s->free_list = calloc(n, sizeof *s->free_list);
    if (!s->pool || !s->free_list) return EXIT_OSERR;
    for (; s->npool < n; s->npool++) {
        if (hx_store_open(s->db_path, HX_STORE_READONLY, &s->pool[s->npool], &err) != HX_OK) {
            cli_error(s->db_path, "%s", err.msg);
            return err.code == HX_NOTFOUND ? EXIT_NOINPUT : cli_exit_for(err.code);
        }
        s->free_list[s->nfree++] = s->pool[s->npool];
    }
    return 0;
}

/* Waits for SIGINT or SIGTERM (blocked in every thread), then stops accepting and lets
 * the requests in flight finish (at most 60 s) before stopping the daemon. */
static void run_until_signal(server *sv, struct MHD_Daemon *d, const sigset_t *set)
{
    int sig;
    while (sigwait(set, &sig) != 0 || (sig != SIGINT && sig != SIGTERM)) {
    }
    atomic_store(&sv->stopping, 1);
    MHD_socket lfd = MHD_quiesce_daemon(d);
    if (lfd != MHD_INVALID_SOCKET) close(lfd);
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (int i = 0; i < 6000 && atomic_load(&sv->inflight) > 0; i++) nanosleep(&tick, NULL);
    MHD_stop_daemon(d);
}

int cmd_serve(int argc, char **argv)
{
    opts o = {0};
    o.listen = "127.0.0.1:8080";
    o.max_body = 10u * 1024 * 1024;
    o.timeout = 30;
    o.jobs = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 2;
    int rc = parse_opts(argc, argv, &o);
    if (rc) return rc;
    if (!o.token && getenv("HECHOS_TOKEN") && *getenv("HECHOS_TOKEN")) o.token = getenv("HECHOS_TOKEN");
    struct sockaddr_storage addr;
    int v6, loopback;
    if (parse_listen(o.listen, &addr, &v6, &loopback))
        return cli_usage_error("serve", "--listen needs HOST:PORT (an IP address, [IPv6] or localhost)");
    if (!loopback && !o.token)
        return cli_usage_error("serve", "listening on %s (not loopback) requires --token", o.listen);

    server sv;
    memset(&sv, 0, sizeof sv);
    atomic_init(&sv.inflight, 0);
    atomic_init(&sv.stopping, 0);
    sv.token = o.token;
    serve_state *s = &sv.st;
    s->db_path = o.db;
    s->allow_ingest = o.allow_ingest;
    s->max_body = o.max_body;
    pthread_mutex_init(&s->pool_mu, NULL);
    pthread_cond_init(&s->pool_cv, NULL);
    pthread_mutex_init(&s->write_mu, NULL);
    hx_ctx *ctx = cli_open_ctx(o.models, 0);
    if (!ctx) return EXIT_CONFIG;
    s->ctx = ctx;
    if (o.db && (rc = open_stores(s, (size_t)o.jobs + 1)) != 0) goto done;

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* the daemon's threads inherit the mask */
    sigdelset(&set, SIGPIPE);
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | (v6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o.jobs, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o.timeout,
        MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &sv,
        MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_END);
    if (!d) {
        cli_error(o.listen, "cannot listen: %s", strerror(errno ? errno : EADDRINUSE));
        rc = EXIT_OSERR;
        goto done;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[64], safe[1025];
    if (v6) inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, host, sizeof host);
    else inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, host, sizeof host);
    printf("hechos serve: listening on http://%s%s%s:%u/ (%ld threads, %s%s)\n", v6 ? "[" : "", host,
           v6 ? "]" : "", info ? (unsigned)info->port : 0u, o.jobs,
           o.db ? cli_redact(o.db, safe, sizeof safe) : "no database",
           o.db ? (o.allow_ingest ? ", ingest enabled" : ", read-only") : "");
    fflush(stdout);
    run_until_signal(&sv, d, &set);
done:
    close_stores(s);
    hx_ctx_free(ctx);
    pthread_mutex_destroy(&s->pool_mu);
    pthread_cond_destroy(&s->pool_cv);
    pthread_mutex_destroy(&s->write_mu);
    return rc;
}
