/*
 * test_store_pg.c -- the store on PostgreSQL beside SQLite: the dialect rewriting of
 * store_pg.c (no server needed), and under tests/pg.sh (HECHOS_PG set; skipped
 * otherwise) the same answers from both back ends to every query, four concurrent
 * ingesters storing each article once with exact entity counts, and a server restarted
 * in the middle of an ingest (a clear error, whole batches only, a rerun completes).
 * The crash (SIGKILL) and migration tests of test_store.c run on PostgreSQL too.
 */
#include "pgutil.h"
#include "testutil.h"

#include "hechos.h"
#include "store/store.h"

#include <jansson.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define CORPUS "tests/fixtures/store/corpus.jsonl"

/* ---------------------------------------------------------------- the dialect */

static void check_rewrite(const char *in, const char *want, int want_params)
{
    int n = -1;
    char *out = hx__pg_rewrite(in, &n);
    assert_non_null(out);
    if (strcmp(out, want) != 0) fail_msg("rewrite(%s)\n  gave %s\n  want %s", in, out, want);
    assert_int_equal(n, want_params);
    free(out);
}

static void sqlite_dialect_is_rewritten_for_postgresql(void **state)
{
    (void)state;
    check_rewrite("SELECT a FROM t WHERE x=? AND y=?", "SELECT a FROM t WHERE x=$1 AND y=$2", 2);
    check_rewrite("SELECT ?2, ?1, ?", "SELECT $2, $1, $3", 3);
    check_rewrite("WHERE e.id=?1 LIMIT ?2", "WHERE e.id=$1 LIMIT $2", 2);
    /* literals and quoted names keep their question marks, quotes and case */
    check_rewrite("SELECT '?', 'it''s ?', \"a?$\" FROM t WHERE k=?", "SELECT '?', 'it''s ?', \"a?$\" FROM t WHERE k=$1", 1);
    /* IS between values is null-safe equality; IS NULL / IS NOT NULL stay */
    check_rewrite("a.unit IS b.unit AND c IS NOT d", "a.unit IS NOT DISTINCT FROM b.unit AND c IS DISTINCT FROM d", 0);
    check_rewrite("x IS NULL OR y is not null OR z IS TRUE", "x IS NULL OR y is not null OR z IS TRUE", 0);
    check_rewrite("this IS ?", "this IS NOT DISTINCT FROM $1", 1);
    check_rewrite("a IS?IS?", "a IS NOT DISTINCT FROM $1IS NOT DISTINCT FROM $2", 2);
    /* SQLite's JSON and date functions, as calls only (not columns, not qualified names) */
    check_rewrite("SELECT json_group_array(json_object('id',x.id)) FROM x",
                  "SELECT json_agg(json_build_object('id',x.id)) FROM x", 0);
    check_rewrite("SELECT date(d.day*86400,'unixepoch') AS date, d.date, s.date(1)",
                  "SELECT hx_date(d.day*86400,'unixepoch') AS date, d.date, s.date(1)", 0);
    check_rewrite("SELECT dates(1), updated (2), datestamp", "SELECT dates(1), updated (2), datestamp", 0);
}

static void postgresql_targets_are_told_from_files(void **state)
{
    (void)state;
    assert_true(hx__db_is_pg("postgresql:///hechos?host=/run/postgresql"));
    assert_true(hx__db_is_pg("postgres://u@h:5432/db"));
    assert_true(hx__db_is_pg("dbname=hechos host=/tmp"));
    assert_true(hx__db_is_pg("host = db.example user=x"));
    assert_false(hx__db_is_pg("corpus.db"));
    assert_false(hx__db_is_pg("/data/x=1/corpus.db"));
    assert_false(hx__db_is_pg("./dbname=x"));
    assert_false(hx__db_is_pg("postgresql.db"));
}

/* ---------------------------------------------------------------- helpers */

typedef struct place {
    char dir[64];
    char lite[128];  /* a SQLite file */
    char pg[512];    /* a fresh schema of the cluster */
    char name[64];
} place;

static void place_open(place *p)
{
    strcpy(p->dir, "/tmp/hx_storepg_XXXXXX");
    assert_non_null(mkdtemp(p->dir));
    snprintf(p->lite, sizeof p->lite, "%s/c.db", p->dir);
    assert_int_equal(tu_pg_create("pg", p->name, sizeof p->name, p->pg, sizeof p->pg), 0);
}

static void place_close(place *p)
{
    char *cmd = tu_fmt("rm -rf '%s'", p->dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    tu_pg_drop(p->name);
}

/* A synthetic analysed article: entities (with an entities layer, so that events name
 * them), a claim, a quantity and an event, drawn from small pools so that documents
 * share entities and actor pairs. */
static char *synthetic(int i)
{
    static const char *const names[][3] = {
        {"Kim Jong-un", "PER", "KP"}, {"Corea del Norte", "LOC", "KP"}, {"Rusia", "LOC", "RU"},
        {"Kursk", "LOC", "RU"}, {"Ucrania", "LOC", "UA"}, {"OTAN", "ORG", ""},
        {"Volodímir Zelenski", "PER", "UA"}, {"el Kremlin", "ORG", "RU"}, {"Seúl", "LOC", "KR"},
    };
    const int nn = (int)(sizeof names / sizeof *names);
    int a = i % nn, b = (i * 7 + 3) % nn, c = (i * 5 + 1) % nn;
    if (b == a) b = (b + 1) % nn;
    if (c == a || c == b) c = (a + b + 1) % nn == a ? (a + 2) % nn : (a + b + 1) % nn;
    if (c == a || c == b) c = -1;
    char *e3 = c < 0 ? tu_fmt("%s", "")
                     : tu_fmt(",{\"id\":\"E3\",\"name\":\"%s\",\"type\":\"%s\",\"country\":\"%s\","
                              "\"mentions\":[{\"text\":\"%s\",\"kind\":\"name\",\"start\":0,\"end\":3}]}",
                              names[c][0], names[c][1], names[c][2], names[c][0]);
    char *j = tu_fmt("{\"id\":\"a%d\",\"title\":\"Noticia %d\",\"date\":\"2025-%02d-%02d\",\"source\":\"Fuente %d\","
                  "\"text\":\"Artículo %d sobre %s y %s: unos %d soldados.\","
                  "\"entities\":[{\"id\":\"E1\",\"name\":\"%s\",\"type\":\"%s\",\"country\":\"%s\","
                  "\"mentions\":[{\"text\":\"%s\",\"kind\":\"name\",\"start\":12,\"end\":20}]},"
                  "{\"id\":\"E2\",\"name\":\"%s\",\"type\":\"%s\",\"country\":\"%s\","
                  "\"mentions\":[{\"text\":\"%s\",\"kind\":\"name\",\"start\":23,\"end\":30},"
                  "{\"text\":\"%s\",\"kind\":\"name\",\"start\":31,\"end\":33}]}%s],"
                  "\"claims\":[{\"source\":\"E1\",\"cue\":\"afirmó\",\"cue_lemma\":\"afirmar\","
                  "\"content\":{\"text\":\"unos %d soldados\",\"start\":34,\"end\":50},\"quantities\":[0]}],"
                  "\"quantities\":[{\"text\":\"unos %d\",\"kind\":\"number\",\"value\":%d,\"bound\":\"%s\","
                  "\"of\":{\"text\":\"soldados norcoreanos\"},\"start\":34,\"end\":41}],"
                  "\"events\":[{\"type\":\"%03d\",\"trigger\":\"reunió\",\"actors\":[{\"entity\":\"E1\",\"role\":\"actor\"},"
                  "{\"entity\":\"E2\",\"role\":\"target\"}%s]}]}",
                  i, i, 1 + i % 12, 1 + i % 28, i % 5, i, names[a][0], names[b][0], 100 * (1 + i % 9),
                  names[a][0], names[a][1], names[a][2], names[a][0], names[b][0], names[b][1], names[b][2],
                  names[b][0], names[b][0], e3,
                  100 * (1 + i % 9), 100 * (1 + i % 9), 100 * (1 + i % 9), i % 3 ? "approx" : "exact",
                  10 + i % 7, c >= 0 ? ",\"E3\"" : "");
    free(e3);
    return j;
}

static void put(hx_store *st, const char *json)
{
    hx_error err;
    if (hx_store_ingest_json(st, json, strlen(json), NULL, &err) != HX_OK) fail_msg("ingest: %s", err.msg);
}

static void fill(const char *target, int n)
{
    hx_store *st;
    hx_error err;
    size_t len;
    char *buf = tu_read_file(CORPUS, &len), *line = buf, *nl;
    if (hx_store_open(target, 0, &st, &err) != HX_OK) fail_msg("open: %s", err.msg);
    hx_store_set_batch(st, 16);
    assert_non_null(buf);
    for (; *line && (nl = strchr(line, '\n')); line = nl + 1) {
        *nl = '\0';
        put(st, line);
    }
    free(buf);
    for (int i = 0; i < n; i++) {
        char *j = synthetic(i);
        put(st, j);
        free(j);
    }
    assert_int_equal(hx_store_commit(st, &err), HX_OK);
    hx_store_close(st);
}

static char *answer(const char *target, hx_query q)
{
    hx_store *st;
    hx_error err;
    char *out;
    if (hx_store_open(target, HX_STORE_READONLY, &st, &err) != HX_OK) fail_msg("open: %s", err.msg);
    if (hx_store_query(st, &q, &out, NULL, &err) != HX_OK) fail_msg("query %d: %s", q.kind, err.msg);
    hx_store_close(st);
    return out;
}

/* Rows of sql on either back end, one line per row, columns separated by '|'. */
static char *table(const char *target, const char *sql)
{
    hx__db *db;
    hx__stmt *s;
    char msg[256];
    hx__buf b = {0};
    if (hx__db_open(target, 1, &db, msg, sizeof msg)) fail_msg("%s", msg);
    assert_int_equal(hx__db_prepare(db, sql, 0, &s), 0);
    while (hx__db_step(s) == HX__DB_ROW) {
        for (int c = 0; c < hx__db_column_count(s); c++) {
            const char *t = hx__db_column_text(s, c, NULL);
            hx__buf_printf(&b, "%s%s", c ? "|" : "", t ? t : "NULL");
        }
        hx__buf_putc(&b, '\n');
    }
    hx__db_finalize(s);
    hx__db_close(db);
    if (!b.p) hx__buf_reserve(&b, 1);
    return b.p;
}

/* ---------------------------------------------------------------- equivalence */

static void both_back_ends_answer_every_query_alike(void **state)
{
    (void)state;
    if (!tu_pg()) skip();
    place p;
    place_open(&p);
    fill(p.lite, 150);
    fill(p.pg, 150);
    static const struct {
        hx_query_kind kind;
        const char *arg, *source, *about, *type;
        long window;
    } qs[] = {
        {HX_QUERY_STATS, NULL, NULL, NULL, NULL, -1},
        {HX_QUERY_ENTITIES, NULL, NULL, NULL, NULL, -1},
        {HX_QUERY_ENTITIES, NULL, NULL, NULL, "PER", -1},
        {HX_QUERY_ENTITY, "Kursk", NULL, NULL, NULL, -1},
        {HX_QUERY_ENTITY, "Kremlin", NULL, NULL, NULL, -1},
        {HX_QUERY_ENTITY, "nadie", NULL, NULL, NULL, -1},
        {HX_QUERY_TIMELINE, "Corea del Norte", NULL, NULL, NULL, -1},
        {HX_QUERY_TIMELINE, "Seúl", NULL, NULL, NULL, -1},
        {HX_QUERY_CLAIMS, NULL, NULL, NULL, NULL, -1},
        {HX_QUERY_CLAIMS, NULL, "el Kremlin", NULL, NULL, -1},
        {HX_QUERY_CLAIMS, NULL, "Kim Jong-un", "Rusia", NULL, -1},
        {HX_QUERY_CLAIMS, NULL, NULL, "Kursk", NULL, -1},
        {HX_QUERY_FIGURES, "soldados", NULL, NULL, NULL, -1},
        {HX_QUERY_FIGURES, "sold norc", NULL, NULL, NULL, -1},
        {HX_QUERY_FIGURES, "drones", NULL, NULL, NULL, -1},
        {HX_QUERY_CONFLICTS, NULL, NULL, NULL, NULL, -1},
        {HX_QUERY_CONFLICTS, NULL, NULL, NULL, NULL, 0},
        {HX_QUERY_CONFLICTS, NULL, NULL, NULL, NULL, 40},
        {HX_QUERY_GRAPH, NULL, NULL, NULL, NULL, -1},
        {HX_QUERY_DOCUMENT, "7", NULL, NULL, NULL, -1},
    };
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
        hx_query q = {qs[i].kind, qs[i].arg, qs[i].source, qs[i].about, qs[i].type, NULL, 0, qs[i].window};
        char *a = answer(p.lite, q), *b = answer(p.pg, q);
        if (q.kind == HX_QUERY_DOCUMENT) { /* the time of storing differs */
            char *x = strstr(a, "\"ingested\":\""), *y = strstr(b, "\"ingested\":\"");
            assert_non_null(x);
            assert_non_null(y);
            memset(x + 12, '-', 20);
            memset(y + 12, '-', 20);
        }
        if (strcmp(a, b) != 0) fail_msg("query %zu differs:\nSQLite     %s\nPostgreSQL %s", i, a, b);
        assert_true(strlen(a) > 20);
        hx_free(a);
        hx_free(b);
    }
    /* DOT and GraphML too */
    hx_query g = {HX_QUERY_GRAPH, NULL, NULL, NULL, NULL, "graphml", 0, -1};
    char *a = answer(p.lite, g), *b = answer(p.pg, g);
    assert_string_equal(a, b);
    hx_free(a);
    hx_free(b);
    /* Search ranks differently (BM25 over words, ts_rank_cd over Spanish stems) and
     * PostgreSQL also matches other forms of a word, so it finds at least the
     * documents FTS5 finds. */
    hx_query s = {HX_QUERY_SEARCH, "soldados Kursk", NULL, NULL, NULL, NULL, 1000, -1};
    a = answer(p.lite, s);
    b = answer(p.pg, s);
    json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
    json_t *da = json_object_get(ja, "documents"), *db = json_object_get(jb, "documents");
    assert_true(json_array_size(da) > 10);
    for (size_t i = 0; i < json_array_size(da); i++) {
        json_int_t doc = json_integer_value(json_object_get(json_array_get(da, i), "doc"));
        int found = 0;
        for (size_t k = 0; k < json_array_size(db); k++)
            found |= json_integer_value(json_object_get(json_array_get(db, k), "doc")) == doc;
        if (!found) fail_msg("PostgreSQL's search misses document %lld", (long long)doc);
    }
    json_decref(ja);
    json_decref(jb);
    hx_free(a);
    hx_free(b);
    place_close(&p);
}

/* ---------------------------------------------------------------- many writers */

#define WRITERS 4
#define ARTICLES 120

static void concurrent_ingesters_store_each_article_once(void **state)
{
    (void)state;
    if (!tu_pg()) skip();
    place p;
    place_open(&p);
    hx_store *st;
    hx_error err;
    assert_int_equal(hx_store_open(p.pg, 0, &st, &err), HX_OK); /* the schema, once */
    hx_store_close(st);
    pid_t kids[WRITERS];
    for (int w = 0; w < WRITERS; w++) {
        assert_true((kids[w] = fork()) >= 0);
        if (kids[w] == 0) { /* each from another starting point, batches of 8 */
            if (hx_store_open(p.pg, 0, &st, &err) != HX_OK) _exit(2);
            hx_store_set_batch(st, 8);
            for (int k = 0; k < ARTICLES; k++) {
                char *j = synthetic((k + w * ARTICLES / WRITERS) % ARTICLES);
                if (hx_store_ingest_json(st, j, strlen(j), NULL, &err) != HX_OK) {
                    fprintf(stderr, "writer %d: %s\n", w, err.msg);
                    _exit(3);
                }
                free(j);
            }
            _exit(hx_store_commit(st, &err) == HX_OK ? 0 : 4);
        }
    }
    for (int w = 0; w < WRITERS; w++) {
        int status;
        assert_int_equal(waitpid(kids[w], &status, 0), kids[w]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    assert_int_equal(tu_pg_int(p.pg, "SELECT count(*) FROM documents"), ARTICLES);
    assert_int_equal(tu_pg_int(p.pg, "SELECT count(DISTINCT hash) FROM documents"), ARTICLES);
    /* The same entities, counts, aliases and edges as one writer storing them in order. */
    char *sqlite_one = p.lite;
    assert_int_equal(hx_store_open(sqlite_one, 0, &st, &err), HX_OK);
    for (int k = 0; k < ARTICLES; k++) {
        char *j = synthetic(k);
        put(st, j);
        free(j);
    }
    hx_store_close(st);
    static const char *const checks[] = {
        "SELECT name, type, country, n_docs, n_mentions FROM entities ORDER BY key, type, country",
        "SELECT e.name, a.alias, a.n FROM aliases a JOIN entities e ON e.id=a.entity_id ORDER BY e.key, e.type, a.key",
        /* edges are stored with a < b by id, and ids follow the order of storing: by names */
        ("SELECT min(x.name), max(x.name), g.weight FROM edges g JOIN entities x ON x.id IN (g.a, g.b)"
         " GROUP BY g.a, g.b, g.weight ORDER BY 1, 2"),
        "SELECT count(*), sum(n_mentions) FROM doc_entities",
        "SELECT d.ext_id, count(*) FROM documents d JOIN mentions m ON m.doc_id=d.id GROUP BY d.ext_id ORDER BY d.ext_id",
    };
    for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
        char *a = table(p.lite, checks[i]), *b = table(p.pg, checks[i]);
        assert_true(strlen(a) > 0);
        if (strcmp(a, b) != 0) fail_msg("%s\nSQLite:\n%s\nPostgreSQL:\n%s", checks[i], a, b);
        free(a);
        free(b);
    }
    place_close(&p);
}

/* ---------------------------------------------------------------- server restart */

#define RBATCH 8

static void server_restart_mid_ingest_is_reported_and_a_rerun_completes(void **state)
{
    (void)state;
    if (!tu_pg() || !getenv("HECHOS_PG_CTL")) skip();
    place p;
    place_open(&p);
    hx_store *st;
    hx_error err;
    assert_int_equal(hx_store_open(p.pg, 0, &st, &err), HX_OK);
    hx_store_close(st);
    char *errfile = tu_fmt("%s/err", p.dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (hx_store_open(p.pg, 0, &st, &err) != HX_OK) _exit(2);
        hx_store_set_batch(st, RBATCH);
        for (int i = 0;; i++) { /* until the server goes away */
            char *j = synthetic(i);
            if (hx_store_ingest_json(st, j, strlen(j), NULL, &err) != HX_OK) {
                FILE *f = fopen(errfile, "w");
                if (f) fprintf(f, "%s", err.msg), fclose(f);
                _exit(3);
            }
            free(j);
        }
    }
    for (int tries = 0; tries < 3000; tries++) {
        usleep(5000);
        if (tu_pg_int(p.pg, "SELECT count(*) FROM documents") >= 3 * RBATCH) break;
    }
    char *cmd = tu_fmt("%s restart -m fast >/dev/null", getenv("HECHOS_PG_CTL"));
    assert_int_equal(system(cmd), 0);
    free(cmd);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 3);
    char *msg = tu_read_file(errfile, NULL);
    assert_non_null(msg);
    print_message("the writer said: %s\n", msg ? msg : "");
    assert_non_null(strstr(msg, "connection"));
    free(msg);
    free(errfile);
    long long have = tu_pg_int(p.pg, "SELECT count(*) FROM documents");
    assert_true(have >= 3 * RBATCH);
    assert_int_equal(have % RBATCH, 0); /* whole batches only */
    assert_int_equal(tu_pg_int(p.pg, "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                                     " (SELECT 1 FROM quantities q WHERE q.doc_id=d.id)"), 0);
    /* The rerun stores what is missing, and only that. */
    long long target = have + 20;
    int added_total = 0;
    assert_int_equal(hx_store_open(p.pg, 0, &st, &err), HX_OK);
    for (int i = 0; i < target; i++) {
        char *j = synthetic(i);
        int added = 0;
        if (hx_store_ingest_json(st, j, strlen(j), &added, &err) != HX_OK) fail_msg("rerun: %s", err.msg);
        added_total += added;
        free(j);
    }
    hx_store_close(st);
    assert_int_equal(added_total, target - have);
    assert_int_equal(tu_pg_int(p.pg, "SELECT count(*) FROM documents"), target);
    place_close(&p);
}

/* The text of SQL (one value, parameter 1 bound to x) on store st. */
static char *one_text(hx_store *st, const char *sql, double x)
{
    hx__stmt *s;
    char *v = NULL;
    if (hx__db_prepare(st->db, sql, 0, &s)) fail_msg("%s: %s", sql, hx__db_errmsg(st->db));
    hx__db_bind_double(s, 1, x);
    if (hx__db_step(s) != HX__DB_ROW) fail_msg("%s: %s", sql, hx__db_errmsg(st->db));
    const char *t = hx__db_column_text(s, 0, NULL);
    v = strdup(t ? t : "(null)");
    hx__db_finalize(s);
    return v;
}

/* Schema step 3 gives PostgreSQL the two SQLite functions of the conflicts query:
 * printf('%.6g', x) must write a figure's bounds as SQLite does (rounding the binary
 * value, exponent form outside 1e-4..1e6), json_set must add a key at the end. */
static void step3_functions_write_as_sqlite_does(void **state)
{
    (void)state;
    if (!tu_pg()) skip();
    static const double xs[] = {1.5, 0.1, 123456.7, 1234567.5, 0.00012345, 1e-7, -2.25, 999999.4,
                                100.0 / 3, 1e20, -0.5, 2.5e-5, 12345.65, -1234567.5, 2.0000001,
                                7.25e-3, -4.4e-9, 0.0, 98765.4321, 3e5};
    place p;
    hx_store *lite, *pg;
    hx_error err;
    place_open(&p);
    assert_int_equal(hx_store_open(p.lite, 0, &lite, &err), HX_OK);
    assert_int_equal(hx_store_open(p.pg, 0, &pg, &err), HX_OK);
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
        char *a = one_text(lite, "SELECT printf('%.6g', ?1)", xs[i]);
        char *b = one_text(pg, "SELECT printf('%.6g', CAST(?1 AS DOUBLE PRECISION))", xs[i]);
        if (strcmp(a, b) != 0) fail_msg("printf('%%.6g', %.17g): SQLite %s, PostgreSQL %s", xs[i], a, b);
        free(a), free(b);
    }
    static const char js[] = "SELECT json_set(json_object('a', 1, 'b', 'x'), '$.s', 'dijo \"no\" '"
                             " || CAST(CAST(?1 AS BIGINT) AS TEXT))";
    char *a = one_text(lite, js, 2), *b = one_text(pg, js, 2);
    json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
    assert_non_null(ja);
    assert_non_null(jb);
    assert_true(json_equal(ja, jb));
    assert_string_equal(json_string_value(json_object_get(jb, "s")), json_string_value(json_object_get(ja, "s")));
    json_decref(ja), json_decref(jb), free(a), free(b);
    hx_store_close(lite);
    hx_store_close(pg);
    place_close(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sqlite_dialect_is_rewritten_for_postgresql),
        cmocka_unit_test(postgresql_targets_are_told_from_files),
        cmocka_unit_test(both_back_ends_answer_every_query_alike),
        cmocka_unit_test(concurrent_ingesters_store_each_article_once),
        cmocka_unit_test(server_restart_mid_ingest_is_reported_and_a_rerun_completes),
        cmocka_unit_test(step3_functions_write_as_sqlite_does),
    };
    if (!tu_pg()) printf("test_store_pg: HECHOS_PG not set (run under tests/pg.sh): server tests skipped\n");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
