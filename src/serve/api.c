/*
 * api.c -- the JSON API of `hechos serve` under /v1/: extract, ingest, documents and
 * the corpus queries of hx_store_query (docs/api.md).
 *
 * Invariants: every reply has a status and a body; errors are
 * {"error":{"status","code","message"}} with a 4xx/5xx status; a store handle comes
 * from the pool and goes back before the function returns; the writable store is used
 * under write_mu only; query answers of the library are passed through unchanged
 * except where a status must be read from them (unknown entity: 404).
 */
#include "serve.h"

#include <assert.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void serve_error(serve_reply *out, int status, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* a "%.200s" may have cut a character of a name in two: drop the broken tail */
    size_t n = strlen(msg);
    while (n > 0 && !serve_utf8_ok(msg, n)) msg[--n] = '\0';
    json_t *e = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", status, "code", code, "message", msg);
    out->status = status;
    out->type = "application/json";
    out->body = e ? json_dumps(e, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(e);
    if (!out->body) { /* no memory even for the message: a fixed answer */
        static const char oom[] = "{\"error\":{\"status\":503,\"code\":\"no_memory\",\"message\":\"out of memory\"}}";
        out->status = 503;
        out->body = (char *)oom;
        out->body_static = 1;
    }
    out->len = strlen(out->body);
}

static void reply_json(serve_reply *out, json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ESCAPE_SLASH) : NULL;
    json_decref(j);
    if (!s) {
        serve_error(out, 503, "no_memory", "out of memory");
        return;
    }
    out->status = 200;
    out->type = "application/json";
    out->body = s;
    out->len = strlen(s);
}

static const char *param(const serve_request *rq, const char *key)
{
    for (size_t i = 0; i < rq->nparams; i++)
        if (strcmp(rq->keys[i], key) == 0) return rq->vals[i];
    return NULL;
}

/* A library status as an HTTP status and error code. */
static int http_status_of(hx_status st, const char **code)
{
    switch (st) {
    case HX_UTF8: case HX_NUL: case HX_JSON: case HX_FIELD: case HX_INVAL:
        *code = "bad_input";
        return 400;
    case HX_TOOBIG: *code = "too_large"; return 413;
    case HX_NOMEM: *code = "no_memory"; return 503;
    case HX_NOTFOUND: *code = "not_found"; return 404;
    default: *code = "internal"; return 500;
    }
}

static void lib_error(serve_reply *out, const char *what, const hx_error *err)
{
    const char *code;
    int st = http_status_of(err->code, &code);
    if (err->offset != SIZE_MAX)
        serve_error(out, st, code, "%s: byte %zu: %s", what, err->offset, err->msg);
    else
        serve_error(out, st, code, "%s: %s", what, err->msg);
}

/* ---------------------------------------------------------------- store pool */

static hx_store *pool_get(serve_state *s)
{
    pthread_mutex_lock(&s->pool_mu);
    while (s->nfree == 0) pthread_cond_wait(&s->pool_cv, &s->pool_mu);
    hx_store *st = s->free_list[--s->nfree];
    pthread_mutex_unlock(&s->pool_mu);
    return st;
}

static void pool_put(serve_state *s, hx_store *st)
{
    pthread_mutex_lock(&s->pool_mu);
    assert(s->nfree < s->npool);
    s->free_list[s->nfree++] = st;
    pthread_cond_signal(&s->pool_cv);
    pthread_mutex_unlock(&s->pool_mu);
}

/* ---------------------------------------------------------------- extract, ingest */

typedef struct analysis {
    serve_state *s;
    const serve_request *rq;
    int ingest, tokens;
    unsigned flags;
    const char *date;
    json_t *skipped;  /* ingest: [{line, error}] */
    serve_buf out;    /* extract: the documents, one per line */
    int oom;
    long added, existing, docs;
} analysis;

/* Creates and analyses one document from text (kind BODY_TEXT) or a JSON article. */
static hx_status analyse(analysis *a, serve_body_kind kind, const char *p, size_t n, hx_doc **doc,
                         hx_error *err)
{
    hx_docinfo info = {0};
    info.flags = a->flags;
    hx_status st = kind == BODY_TEXT ? hx_doc_new(a->s->ctx, p, n, &info, doc, err)
                                     : hx_doc_from_json(a->s->ctx, p, n, a->flags, doc, err);
    if (st == HX_OK && a->date) st = hx_doc_set_date(*doc, a->date, err);
    if (st == HX_OK) st = hx_doc_analyze(*doc, err);
    if (st != HX_OK) {
        hx_doc_free(*doc);
        *doc = NULL;
    }
    return st;
}

static void append(analysis *a, const char *p, size_t n)
{
    if (!a->oom && (serve_buf_add(&a->out, p, n) || serve_buf_add(&a->out, "\n", 1))) a->oom = 1;
}

/* One record; lineno 0 for a single-document body.  Returns 0, or -1 when the error
 * must end the request (out of memory, store failure): err then says why. */
static int one_record(analysis *a, serve_body_kind kind, unsigned long lineno, const char *p,
                      size_t n, hx_error *err)
{
    hx_doc *doc = NULL;
    hx_status st = analyse(a, kind, p, n, &doc, err);
    if (st == HX_OK) {
        a->docs++;
        if (a->ingest) {
            int added = 0;
            pthread_mutex_lock(&a->s->write_mu);
            st = hx_store_ingest(a->s->writer, doc, &added, err);
            pthread_mutex_unlock(&a->s->write_mu);
            if (st == HX_OK) *(added ? &a->added : &a->existing) += 1;
            else if (st == HX_NOMEM || st == HX_IO) {
                hx_doc_free(doc);
                return -1;
            }
        } else {
            char *json;
            size_t len;
            st = hx_doc_json(doc, a->tokens ? 0 : HX_JSON_NO_TOKENS, &json, &len, err);
            if (st == HX_OK) {
                append(a, json, len);
                hx_free(json);
            }
        }
        hx_doc_free(doc);
    }
    if (st == HX_NOMEM) return -1;
    if (st != HX_OK) {
        if (lineno == 0) return -1;
        json_t *e = json_pack("{s:i,s:s}", "line", (int)lineno, "error", err->msg);
        if (e && err->offset != SIZE_MAX) json_object_set_new(e, "byte", json_integer((json_int_t)err->offset));
        if (a->ingest) json_array_append_new(a->skipped, e);
        else if (e) {
            json_t *w = json_pack("{s:o}", "error", e);
            char *t = w ? json_dumps(w, JSON_COMPACT) : NULL;
            if (t) append(a, t, strlen(t));
            else a->oom = 1;
            free(t);
            json_decref(w);
        }
    }
    return 0;
}

typedef struct line_ctx {
    analysis *a;
    hx_error err;
    int failed;
} line_ctx;

static int on_line(void *ud, unsigned long lineno, const char *line, size_t n)
{
    line_ctx *lc = ud;
    if (one_record(lc->a, BODY_JSON, lineno, line, n, &lc->err)) {
        lc->failed = 1;
        return 1;
    }
    return lc->a->oom;
}

static void do_analyse(serve_state *s, const serve_request *rq, serve_reply *out, int ingest)
{
    serve_body_kind kind = serve_body_kind_of(rq->content_type);
    const char *tokens = param(rq, "tokens"), *lenient = param(rq, "lenient");
    if (ingest && (!s->db_path || !s->allow_ingest)) {
        serve_error(out, 403, "ingest_disabled", "ingest is not enabled (start the server with --db FILE --allow-ingest)");
        return;
    }
    if (kind == BODY_UNSUPPORTED) {
        serve_error(out, 415, "unsupported_media_type",
                    "Content-Type must be text/plain, application/json or application/x-ndjson");
        return;
    }
    if ((tokens && strcmp(tokens, "0") && strcmp(tokens, "1")) || (lenient && strcmp(lenient, "0") && strcmp(lenient, "1"))) {
        serve_error(out, 400, "bad_parameter", "tokens and lenient take 0 or 1");
        return;
    }
    if (rq->body_len == 0) {
        serve_error(out, 400, "bad_input", "empty body");
        return;
    }
    analysis a = {s, rq, ingest, tokens && *tokens == '1', lenient && *lenient == '1' ? HX_LENIENT : 0,
                  param(rq, "date"), ingest ? json_array() : NULL, {NULL, 0, 0}, 0, 0, 0, 0};
    line_ctx lc = {&a, {0}, 0};
    if (kind == BODY_JSONL) serve_each_line(rq->body, rq->body_len, on_line, &lc);
    else lc.failed = one_record(&a, kind, 0, rq->body, rq->body_len, &lc.err) != 0;
    if (ingest && !lc.failed) {
        pthread_mutex_lock(&s->write_mu);
        if (hx_store_commit(s->writer, &lc.err) != HX_OK) lc.failed = 1;
        pthread_mutex_unlock(&s->write_mu);
    }
    if (a.oom) serve_error(out, 503, "no_memory", "out of memory");
    else if (lc.failed) lib_error(out, kind == BODY_JSON ? "body (JSON)" : "body", &lc.err);
    else if (ingest)
        reply_json(out, json_pack("{s:i,s:i,s:i,s:o}", "documents", (int)a.docs, "added", (int)a.added,
                                  "existing", (int)a.existing, "skipped", json_incref(a.skipped)));
    else {
        out->status = 200;
        out->type = kind == BODY_JSONL ? "application/x-ndjson" : "application/json";
        if (!a.out.p) serve_buf_add(&a.out, "", 0); /* JSON Lines of blank lines only */
        out->body = a.out.p;
        out->len = a.out.n;
        a.out.p = NULL;
        if (!out->body) serve_error(out, 503, "no_memory", "out of memory");
    }
    free(a.out.p);
    json_decref(a.skipped);
}

/* ---------------------------------------------------------------- queries */

/* Runs q on a pooled store; returns the answer or NULL with *out set to the error. */
static char *run_query(serve_state *s, const hx_query *q, size_t *len, serve_reply *out)
{
    char *res = NULL;
    hx_error err;
    hx_store *st = pool_get(s);
    hx_status rc = hx_store_query(st, q, &res, len, &err);
    pool_put(s, st);
    if (rc != HX_OK) {
        lib_error(out, "query", &err);
        return NULL;
    }
    return res;
}

static void pass_through(serve_reply *out, char *res, size_t len, const char *type)
{
    out->status = 200;
    out->type = type;
    out->body = res;
    out->len = len;
}

/* GET /v1/documents/{id}: the stored record and its analysis by this server. */
static void do_document(serve_state *s, const serve_request *rq, serve_reply *out)
{
    hx_query q = {HX_QUERY_DOCUMENT, rq->arg, NULL, NULL, NULL, NULL, 0, -1};
    const char *tokens = param(rq, "tokens");
    size_t len;
    long id;
    if (serve_parse_long(rq->arg, 1, 999999999999L, &id)) {
        serve_error(out, 400, "bad_parameter", "a document id is a positive number");
        return;
    }
    char *res = run_query(s, &q, &len, out);
    if (!res) return;
    json_t *j = json_loadb(res, len, 0, NULL), *d = json_object_get(j, "document");
    hx_free(res);
    if (!json_is_object(d)) {
        json_decref(j);
        if (d) serve_error(out, 404, "not_found", "no document %ld", id);
        else serve_error(out, 500, "internal", "bad answer from the store");
        return;
    }
    const char *text = json_string_value(json_object_get(d, "text"));
    const char *date = json_string_value(json_object_get(d, "date"));
    hx_docinfo info = {.date = date, .flags = HX_LENIENT};
    hx_doc *doc = NULL;
    hx_error err;
    char *aj = NULL;
    size_t an = 0;
    if (!text || hx_doc_new(s->ctx, text, strlen(text), &info, &doc, &err) != HX_OK ||
        hx_doc_analyze(doc, &err) != HX_OK ||
        hx_doc_json(doc, tokens && *tokens == '1' ? 0 : HX_JSON_NO_TOKENS, &aj, &an, &err) != HX_OK) {
        if (!text) serve_error(out, 500, "internal", "stored document has no text");
        else lib_error(out, "stored document", &err);
        hx_doc_free(doc);
        json_decref(j);
        return;
    }
    hx_doc_free(doc);
    json_object_set_new(j, "analysis", json_loadb(aj, an, 0, NULL));
    hx_free(aj);
    reply_json(out, j);
}

/* Query routes whose parameters map onto hx_query. */
static void do_query(serve_state *s, const serve_request *rq, serve_reply *out)
{
    static const hx_query_kind kinds[R_NROUTES] = {
        [R_ENTITIES] = HX_QUERY_ENTITIES, [R_ENTITY] = HX_QUERY_ENTITY, [R_TIMELINE] = HX_QUERY_TIMELINE,
        [R_CLAIMS] = HX_QUERY_CLAIMS, [R_FIGURES] = HX_QUERY_FIGURES, [R_CONFLICTS] = HX_QUERY_CONFLICTS,
        [R_GRAPH] = HX_QUERY_GRAPH, [R_SEARCH] = HX_QUERY_SEARCH};
    serve_route_id id = rq->route->id;
    hx_query q = {kinds[id], rq->arg, param(rq, "type"), param(rq, "source"), param(rq, "about"),
                  param(rq, "format"), 0, -1};
    const char *top = param(rq, "top"), *window = param(rq, "window");
    long v;
    if (top) {
        if (serve_parse_long(top, 1, 10000, &v)) { serve_error(out, 400, "bad_parameter", "top must be 1..10000"); return; }
        q.top = (size_t)v;
    }
    if (window) {
        if (serve_parse_long(window, 0, 36500, &v)) { serve_error(out, 400, "bad_parameter", "window must be 0..36500 days"); return; }
        q.window_days = (int)v;
    }
    if (q.type && !serve_word_in("PER ORG LOC MISC", q.type))
        { serve_error(out, 400, "bad_parameter", "type must be PER, ORG, LOC or MISC"); return; }
    if (q.format && !serve_word_in("json dot graphml", q.format))
        { serve_error(out, 400, "bad_parameter", "format must be json, dot or graphml"); return; }
    if (id == R_SEARCH && !(q.arg = param(rq, "q")))
        { serve_error(out, 400, "bad_parameter", "search needs q"); return; }
    size_t len;
    char *res = run_query(s, &q, &len, out);
    if (!res) return;
    if (id == R_ENTITY || id == R_TIMELINE) { /* an unknown name is 404 here */
        json_t *j = json_loadb(res, len, 0, NULL), *e = json_object_get(j, "entity");
        int unknown = !j || json_is_null(e) || (json_is_integer(e) && json_integer_value(e) == 0);
        json_decref(j);
        if (unknown) {
            hx_free(res);
            { serve_error(out, 404, "not_found", "no entity named \"%.200s\"", rq->arg); return; }
        }
    }
    const char *type = !q.format || !strcmp(q.format, "json") ? "application/json"
                       : !strcmp(q.format, "dot")             ? "text/vnd.graphviz"
                                                              : "application/graphml+xml";
    pass_through(out, res, len, type);
}

/* ---------------------------------------------------------------- index, health */

static void do_index(serve_reply *out)
{
    json_t *routes = json_array();
    for (size_t i = 0; i < R_NROUTES; i++) {
        json_t *ps = json_array();
        const char *p = serve_routes[i].params;
        while (*p) {
            const char *e = strchr(p, ' ');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            json_array_append_new(ps, json_stringn(p, l));
            p += l;
            while (*p == ' ') p++;
        }
        json_array_append_new(routes, json_pack("{s:s,s:s,s:o}", "method", serve_routes[i].method,
                                                "path", serve_routes[i].pattern, "params", ps));
    }
    reply_json(out, json_pack("{s:s,s:o}", "version", HX_VERSION, "routes", routes));
}

static void do_health(serve_state *s, serve_reply *out)
{
    json_t *h = json_pack("{s:s,s:s,s:i,s:b,s:b}", "status", "ok", "version", HX_VERSION, "schema",
                          HX_SCHEMA_VERSION, "database", s->db_path != NULL, "ingest", s->allow_ingest);
    if (s->db_path) {
        hx_query q = {HX_QUERY_STATS, NULL, NULL, NULL, NULL, NULL, 0, -1};
        size_t len;
        char *res = run_query(s, &q, &len, out);
        if (!res) {
            json_decref(h);
            return;
        }
        json_object_set_new(h, "store", json_loadb(res, len, 0, NULL));
        hx_free(res);
    }
    reply_json(out, h);
}

void serve_api(serve_state *s, const serve_request *rq, serve_reply *out)
{
    const serve_route *r = rq->route;
    assert(r);
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < rq->nparams; i++) {
        if (!serve_word_in(r->params, rq->keys[i]))
            { serve_error(out, 400, "bad_parameter", "unknown parameter \"%.100s\" for %s", rq->keys[i], r->pattern); return; }
        for (size_t k = 0; k < i; k++)
            if (strcmp(rq->keys[k], rq->keys[i]) == 0)
                { serve_error(out, 400, "bad_parameter", "parameter \"%.100s\" given twice", rq->keys[i]); return; }
    }
    switch (r->id) {
    case R_INDEX: { do_index(out); return; }
    case R_HEALTH: { do_health(s, out); return; }
    case R_EXTRACT: { do_analyse(s, rq, out, 0); return; }
    case R_INGEST: { do_analyse(s, rq, out, 1); return; }
    default: break;
    }
    if (!s->db_path) { serve_error(out, 503, "no_database", "no corpus database (start the server with --db FILE)"); return; }
    if (r->id == R_DOCUMENT) { do_document(s, rq, out); return; }
    do_query(s, rq, out);
}
