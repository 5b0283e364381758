/*
 * bench_store.c -- throughput of storing and latency of querying the corpus store.
 *
 *   bench_store ingest DB CORPUS.jsonl [BATCH]
 *       stores document JSON lines (gen_store output) with hx_store_ingest_json and
 *       reports articles/s counting only the store call (JSON parsing included);
 *   bench_store pipeline DB CORPUS.jsonl [N]
 *       takes the "text", "date", "source" of the first N lines as raw articles and
 *       times extraction (hx_doc_new + hx_doc_analyze) and storing (hx_store_ingest,
 *       which serialises the document) separately;
 *   bench_store query DB [REPEAT]
 *       runs every query REPEAT times (default 5) with arguments taken from the
 *       database (its most frequent entities, claimants, counted things) and prints
 *       the median and worst time of each.
 * Times are wall-clock (CLOCK_MONOTONIC) on one thread.
 */
#include "hechos.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this process: the machine may be shared, and storing is one thread. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *next_line(FILE *f, char **buf, size_t *cap, size_t *len)
{
    ssize_t n = getline(buf, cap, f);
    if (n <= 0) return NULL;
    if ((*buf)[n - 1] == '\n') (*buf)[--n] = '\0';
    *len = (size_t)n;
    return *buf;
}

static int bench_ingest(const char *db, const char *path, size_t batch)
{
    FILE *f = fopen(path, "r");
    hx_store *st;
    hx_error err;
    char *buf = NULL, *line;
    size_t cap = 0, len, n = 0, bytes = 0, text_bytes = 0;
    double t_store = 0, c_store = 0;
    if (!f || hx_store_open(db, 0, &st, &err) != HX_OK) {
        fprintf(stderr, "bench_store: cannot open %s or %s\n", path, db);
        return 1;
    }
    if (batch) hx_store_set_batch(st, batch);
    double t0 = now();
    while ((line = next_line(f, &buf, &cap, &len))) {
        int added;
        double a = now(), ca = cpu();
        if (hx_store_ingest_json(st, line, len, &added, &err) != HX_OK) {
            fprintf(stderr, "bench_store: line %zu: %s\n", n + 1, err.msg);
            return 1;
        }
        t_store += now() - a;
        c_store += cpu() - ca;
        if (n % 10000 == 9999) {
            fprintf(stderr, "  %zu: %.0f articles/s wall, %.0f per CPU second\n", n + 1, (n + 1) / t_store,
                    (n + 1) / c_store);
        }
        n++;
        bytes += len;
        const char *t = strstr(line, ",\"text\":\"");
        if (t) text_bytes += len - (size_t)(t - line);
    }
    double a = now(), ca = cpu();
    hx_store_close(st);
    t_store += now() - a;
    c_store += cpu() - ca;
    double total = now() - t0;
    printf("ingest: %zu articles (%.1f MB of document JSON, ~%.0f bytes of text each): store calls took "
           "%.2f s wall (%.0f articles/s), %.2f s CPU (%.0f articles per CPU second); %.2f s in all\n",
           n, bytes / 1e6, n ? (double)text_bytes / (double)n : 0, t_store, n / t_store, c_store,
           n / c_store, total);
    free(buf);
    fclose(f);
    return 0;
}

static int bench_pipeline(const char *db, const char *path, size_t limit)
{
    FILE *f = fopen(path, "r");
    hx_store *st;
    hx_ctx *ctx;
    hx_error err;
    char *buf = NULL, *line;
    size_t cap = 0, len, n = 0, bytes = 0;
    double t_ex = 0, t_st = 0, c_ex = 0, c_st = 0;
    if (!f || hx_store_open(db, 0, &st, &err) != HX_OK || hx_ctx_new(NULL, &ctx, &err) != HX_OK) {
        fprintf(stderr, "bench_store: cannot open %s, %s or the models\n", path, db);
        return 1;
    }
    while ((!limit || n < limit) && (line = next_line(f, &buf, &cap, &len))) {
        json_t *r = json_loadb(line, len, 0, NULL);
        const char *text = json_string_value(json_object_get(r, "text"));
        hx_docinfo info = {json_string_value(json_object_get(r, "id")), json_string_value(json_object_get(r, "title")),
                           json_string_value(json_object_get(r, "date")),
                           json_string_value(json_object_get(r, "source")), NULL, NULL, 0};
        hx_doc *doc;
        int added;
        double a = now(), ca = cpu();
        if (!text || hx_doc_new(ctx, text, strlen(text), &info, &doc, &err) != HX_OK ||
            hx_doc_analyze(doc, &err) != HX_OK) {
            fprintf(stderr, "bench_store: line %zu: %s\n", n + 1, err.msg);
            return 1;
        }
        double b = now(), cb = cpu();
        if (hx_store_ingest(st, doc, &added, &err) != HX_OK) {
            fprintf(stderr, "bench_store: line %zu: %s\n", n + 1, err.msg);
            return 1;
        }
        t_ex += b - a;
        t_st += now() - b;
        c_ex += cb - ca;
        c_st += cpu() - cb;
        bytes += strlen(text);
        n++;
        hx_doc_free(doc);
        json_decref(r);
    }
    double a = now(), ca = cpu();
    hx_store_close(st);
    t_st += now() - a;
    c_st += cpu() - ca;
    printf("pipeline: %zu articles, %.1f MB of text: extraction %.2f s wall, %.2f s CPU (%.0f articles per "
           "CPU second); storing %.2f s wall, %.2f s CPU (%.0f articles per CPU second)\n",
           n, bytes / 1e6, t_ex, c_ex, n / c_ex, t_st, c_st, n / c_st);
    hx_ctx_free(ctx);
    free(buf);
    fclose(f);
    return 0;
}

/* The first string member `member` of the first element of array `arr` in a query. */
static char *first_of(hx_store *st, hx_query q, const char *arr, const char *member)
{
    char *out, *res = NULL;
    if (hx_store_query(st, &q, &out, NULL, NULL) != HX_OK) return NULL;
    json_t *r = json_loads(out, 0, NULL);
    const char *s = json_string_value(json_object_get(json_array_get(json_object_get(r, arr), 0), member));
    if (s) res = strdup(s);
    json_decref(r);
    hx_free(out);
    return res;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void time_query(hx_store *st, const char *label, hx_query q, int repeat)
{
    double t[64], c[64];
    size_t len = 0;
    if (repeat > 64) repeat = 64;
    for (int i = 0; i < repeat; i++) {
        char *out;
        hx_error err;
        double a = now(), ca = cpu();
        if (hx_store_query(st, &q, &out, &len, &err) != HX_OK) {
            printf("%-34s failed: %s\n", label, err.msg);
            return;
        }
        t[i] = (now() - a) * 1000;
        c[i] = (cpu() - ca) * 1000;
        hx_free(out);
    }
    qsort(t, (size_t)repeat, sizeof *t, cmp_double);
    qsort(c, (size_t)repeat, sizeof *c, cmp_double);
    printf("%-34s wall median %7.2f ms, worst %7.2f ms; CPU median %7.2f ms, worst %7.2f ms (%zu bytes)\n",
           label, t[repeat / 2], t[repeat - 1], c[repeat / 2], c[repeat - 1], len);
}

static int bench_query(const char *db, int repeat)
{
    hx_store *st;
    hx_error err;
    if (hx_store_open(db, HX_STORE_READONLY, &st, &err) != HX_OK) {
        fprintf(stderr, "bench_store: %s\n", err.msg);
        return 1;
    }
    hx_query q = {HX_QUERY_STATS, NULL, NULL, NULL, NULL, NULL, 0, -1};
    char *out;
    hx_store_query(st, &q, &out, NULL, NULL);
    printf("store: %s\n", out);
    hx_free(out);
    q.kind = HX_QUERY_ENTITIES;
    char *top = first_of(st, q, "entities", "name");
    q.type = "PER";
    char *per = first_of(st, q, "entities", "name");
    q.type = NULL;
    q.kind = HX_QUERY_CLAIMS;
    char *claimant = first_of(st, q, "claims", "source");
    if (!top || !per) {
        fprintf(stderr, "bench_store: the store has no entities\n");
        return 1;
    }
    printf("arguments: most frequent entity \"%s\", person \"%s\", a claimant \"%s\"\n", top, per,
           claimant ? claimant : "-");
    hx_query qs[] = {
        {HX_QUERY_ENTITIES, NULL, NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_ENTITIES, NULL, "ORG", NULL, NULL, NULL, 20, -1},
        {HX_QUERY_ENTITY, top, NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_ENTITY, per, NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_TIMELINE, top, NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_CLAIMS, NULL, NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_CLAIMS, NULL, NULL, claimant, NULL, NULL, 0, -1},
        {HX_QUERY_CLAIMS, NULL, NULL, NULL, top, NULL, 0, -1},
        {HX_QUERY_FIGURES, "personas", NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_FIGURES, "millones de pesetas", NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_CONFLICTS, NULL, NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_CONFLICTS, NULL, NULL, NULL, NULL, NULL, 0, 30},
        {HX_QUERY_GRAPH, NULL, NULL, NULL, NULL, "json", 0, -1},
        {HX_QUERY_GRAPH, NULL, NULL, NULL, NULL, "graphml", 500, -1},
        {HX_QUERY_SEARCH, "gobierno", NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_SEARCH, "presidente del gobierno", NULL, NULL, NULL, NULL, 0, -1},
        {HX_QUERY_SEARCH, "Extremadura agricultores", NULL, NULL, NULL, NULL, 0, -1},
    };
    static const char *const labels[] = {
        "entities", "entities --type ORG --top 20", "entity <most frequent>", "entity <top person>",
        "timeline <most frequent>", "claims", "claims --source <claimant>", "claims --about <most frequent>",
        "figures personas", "figures millones de pesetas", "conflicts", "conflicts --window 30",
        "graph --format json", "graph --format graphml --top 500", "search gobierno",
        "search presidente del gobierno", "search Extremadura agricultores",
    };
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) time_query(st, labels[i], qs[i], repeat);
    free(top);
    free(per);
    free(claimant);
    hx_store_close(st);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "ingest") == 0)
        return bench_ingest(argv[2], argv[3], argc > 4 ? (size_t)atol(argv[4]) : 0);
    if (argc >= 4 && strcmp(argv[1], "pipeline") == 0)
        return bench_pipeline(argv[2], argv[3], argc > 4 ? (size_t)atol(argv[4]) : 0);
    if (argc >= 3 && strcmp(argv[1], "query") == 0) return bench_query(argv[2], argc > 3 ? atoi(argv[3]) : 5);
    fputs("usage: bench_store ingest DB CORPUS.jsonl [BATCH] | pipeline DB CORPUS.jsonl [N] | query DB [REPEAT]\n",
          stderr);
    return 64;
}
