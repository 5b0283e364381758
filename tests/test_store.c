/*
 * test_store.c -- the corpus store: keys and periods, idempotent ingestion, crash
 * safety (a child is SIGKILLed mid-ingest), schema migrations, bad records, every
 * query against the fixture corpus tests/fixtures/store/corpus.jsonl (analysed
 * documents written for these tests, with the answers worked out by hand), and the
 * `hechos ingest` command on raw articles with broken records.
 *
 * Each test works in its own temporary directory, removed at the end.  Under tests/pg.sh
 * (HECHOS_PG set) the tests that do not read SQLite files directly run again, each
 * against a fresh PostgreSQL database of the throw-away cluster.
 */
#include "pgutil.h"
#include "testutil.h"

#include "hechos.h"
#include "store/store.h"

#include <jansson.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#define CORPUS "tests/fixtures/store/corpus.jsonl"
#define ARTICLES "tests/fixtures/store/articles.jsonl"

/* ---------------------------------------------------------------- helpers */

/* The PostgreSQL cluster of tests/pg.sh when the tests run against it, else NULL. */
static const char *pg;

typedef struct tmpdb {
    char dir[64];
    char path[512]; /* a SQLite file, or a PostgreSQL connection string */
    char name[64];  /* PostgreSQL: the database */
} tmpdb;

static void tmp_open(tmpdb *t)
{
    strcpy(t->dir, "/tmp/hx_store_XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/c.db", t->dir);
    if (pg) assert_int_equal(tu_pg_create("store", t->name, sizeof t->name, t->path, sizeof t->path), 0);
}

static void tmp_close(tmpdb *t)
{
    char *cmd = tu_fmt("rm -rf '%s'", t->dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    if (pg) tu_pg_drop(t->name);
}

/* Ingests every line of the fixture corpus; returns how many were added. */
static int ingest_corpus(hx_store *st)
{
    size_t len;
    char *buf = tu_read_file(CORPUS, &len), *line = buf, *nl;
    int n = 0;
    assert_non_null(buf);
    for (; *line; line = nl + 1) {
        int added = -1;
        hx_error err;
        nl = strchr(line, '\n');
        if (!nl) nl = line + strlen(line) - 1;
        hx_status s = hx_store_ingest_json(st, line, (size_t)(nl - line) + 1, &added, &err);
        if (s != HX_OK) fail_msg("ingest: %s", err.msg);
        n += added;
        if (!nl[1]) break;
    }
    free(buf);
    return n;
}

/* Runs a query and parses its JSON answer. */
static json_t *query(hx_store *st, hx_query q)
{
    char *out;
    size_t len;
    hx_error err;
    json_error_t je;
    if (hx_store_query(st, &q, &out, &len, &err) != HX_OK) fail_msg("query %d: %s", q.kind, err.msg);
    assert_int_equal(strlen(out), len);
    json_t *r = json_loads(out, 0, &je);
    if (!r) fail_msg("query %d gave bad JSON (%s): %s", q.kind, je.text, out);
    hx_free(out);
    return r;
}

static hx_query Q(hx_query_kind kind, const char *arg)
{
    hx_query q = {kind, arg, NULL, NULL, NULL, NULL, 0, -1};
    return q;
}

static long long stat_of(hx_store *st, const char *table)
{
    json_t *r = query(st, Q(HX_QUERY_STATS, NULL));
    long long n = json_integer_value(json_object_get(r, table));
    json_decref(r);
    return n;
}

static const char *str_at(const json_t *arr, size_t i, const char *key)
{
    return json_string_value(json_object_get(json_array_get(arr, i), key));
}

static long long int_at(const json_t *arr, size_t i, const char *key)
{
    return json_integer_value(json_object_get(json_array_get(arr, i), key));
}

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    return db;
}

static long long raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    long long v = -1;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The first value of sql on either back end. */
static long long count(const tmpdb *t, const char *sql)
{
    if (pg) return tu_pg_int(t->path, sql);
    sqlite3 *db = raw_open(t->path);
    sqlite3_busy_timeout(db, 5000);
    long long v = raw_int(db, sql);
    sqlite3_close(db);
    return v;
}

/* SQLite's own check of the file (PostgreSQL keeps its pages itself: nothing to check). */
static void sqlite_integrity_ok(const tmpdb *t)
{
    if (pg) return;
    sqlite3 *db = raw_open(t->path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check='ok'"), 1);
    sqlite3_close(db);
}

static void check_integrity(const tmpdb *t)
{
    /* No document lost its layers: each synthetic one has exactly one quantity. */
    assert_int_equal(count(t, "SELECT count(*) FROM documents d WHERE"
                              " NOT EXISTS (SELECT 1 FROM quantities q WHERE q.doc_id=d.id)"),
                     0);
    if (pg) return;
    sqlite3 *db = raw_open(t->path);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "ok");
    sqlite3_finalize(s);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO docs_fts(docs_fts) VALUES('integrity-check')", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

/* ---------------------------------------------------------------- keys */

static void folding_drops_case_accents_and_punctuation(void **state)
{
    (void)state;
    hx__buf b = {0};
    assert_int_equal(hx__store_fold(&b, "  Kim Jong-un, ", 15), 0);
    assert_string_equal(b.p, "kim jong un");
    b.n = 0;
    assert_int_equal(hx__store_fold(&b, "MOSCÚ", strlen("MOSCÚ")), 0);
    assert_string_equal(b.p, "moscu");
    b.n = 0;
    assert_int_equal(hx__store_thing(&b, "los soldados norcoreanos", 24), 0);
    assert_string_equal(b.p, "soldado norcoreano");
    b.n = 0;
    assert_int_equal(hx__store_thing(&b, "misiles de crucero", 18), 0);
    assert_string_equal(b.p, "misil de crucero");
    hx__buf_free(&b);
}

static void periods_cover_days_months_weeks_quarters_years(void **state)
{
    (void)state;
    long a, b;
    assert_int_equal(hx__store_period("1970-01-02", &a, &b), 0);
    assert_int_equal(a, 1);
    assert_int_equal(b, 1);
    assert_int_equal(hx__store_period("2024-02", &a, &b), 0);
    assert_int_equal(b - a, 28); /* leap year */
    assert_int_equal(hx__store_period("2025-W01", &a, &b), 0);
    long d0, d1;
    hx__store_period("2024-12-30", &d0, &d1); /* ISO week 1 of 2025 starts on Monday 30 Dec */
    assert_int_equal(a, d0);
    assert_int_equal(b - a, 6);
    assert_int_equal(hx__store_period("2025-Q4", &a, &b), 0);
    hx__store_period("2025-12-31", &d0, &d1);
    assert_int_equal(b, d1);
    assert_int_equal(hx__store_period("2025", &a, &b), 0);
    assert_int_equal(b - a, 364);
    assert_int_equal(hx__store_period("2025-07-13T15:30", &a, &b), 0);
    assert_int_equal(hx__store_period("XXXX-04", &a, &b), -1);
    assert_int_equal(hx__store_period("P3D", &a, &b), -1);
    assert_int_equal(hx__store_period("2025-13", &a, &b), -1);
    assert_int_equal(hx__store_period(NULL, &a, &b), -1);
}

static void json_reader_walks_values_and_rejects_malformed_text(void **state)
{
    (void)state;
    static const char ok[] = " {\"a\":[1, -2.5e1, {\"b\":null}], \"s\":\"\\u00e9\\ud83d\\ude00\\n\","
                             " \"t\":true, \"o\":{}} ";
    hx__json j;
    assert_int_equal(hx__json_parse(&j, ok, strlen(ok)), 0);
    long a = hx__jget(&j, 0, "a"), s = hx__jget(&j, 0, "s"), o = hx__jget(&j, 0, "o");
    assert_int_equal(j.v[a].type, HX__J_ARR);
    assert_int_equal(j.v[a].len, 3);
    assert_true(j.v[a + 2].num == -25.0);
    assert_int_equal(hx__jget(&j, a + 3, "b"), a + 5); /* key at a+4, value after it */
    assert_int_equal(j.v[hx__jget(&j, a + 3, "b")].type, HX__J_NULL);
    assert_string_equal(j.v[s].s, "\xc3\xa9\xf0\x9f\x98\x80\n");
    assert_int_equal(j.v[hx__jget(&j, 0, "t")].type, HX__J_TRUE);
    char *oj = hx__json_dump(&j, o);
    assert_string_equal(oj, "{}");
    free(oj);
    assert_int_equal(hx__jget(&j, 0, "missing"), -1);
    assert_int_equal(hx__jget(&j, a, "a"), -1); /* not an object */
    hx__json_free(&j);
    static const char *const bad[] = {
        "", "{", "{\"a\"}", "{\"a\":}", "[1,]", "[01]", "[1.]", "[-]", "\"abc", "\"\\x\"",
        "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\u0000\"", "\"\x01\"", "\"\xff\"",
        "\"\xc0\xaf\"", "tru", "nul", "{} x", "{\"a\":1 \"b\":2}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(hx__json_parse(&j, bad[i], strlen(bad[i])), -1);
        assert_non_null(j.err);
        hx__json_free(&j);
    }
    /* Deep nesting is an error, not a stack overflow. */
    char deep[20001];
    memset(deep, '[', 10000);
    memset(deep + 10000, ']', 10000);
    deep[20000] = '\0';
    assert_int_equal(hx__json_parse(&j, deep, 20000), -1);
    hx__json_free(&j);
    /* A member given twice is an error naming its position, at any depth. */
    assert_int_equal(hx__json_parse(&j, "{\"a\":1,\"b\":2,\"a\":3}", 19), -1);
    assert_non_null(strstr(j.err, "duplicate"));
    assert_true(j.err_at > 0);
    hx__json_free(&j);
    assert_int_equal(hx__json_parse(&j, "{\"x\":{\"a\":1,\"a\":2}}", 19), -1);
    hx__json_free(&j);
}

/* ---------------------------------------------------------------- ingestion */

static void ingesting_twice_changes_nothing(void **state)
{
    (void)state;
    tmpdb t;
    hx_store *st;
    hx_error err;
    tmp_open(&t);
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    assert_int_equal(ingest_corpus(st), 6);
    assert_int_equal(hx_store_commit(st, &err), HX_OK);
    char *before, *after;
    hx_query qs = Q(HX_QUERY_STATS, NULL), qe = Q(HX_QUERY_ENTITIES, NULL);
    assert_int_equal(hx_store_query(st, &qs, &before, NULL, &err), HX_OK);
    char *ents_before, *ents_after;
    assert_int_equal(hx_store_query(st, &qe, &ents_before, NULL, &err), HX_OK);
    assert_int_equal(ingest_corpus(st), 0);
    hx_store_close(st);
    /* Reopened, the same again: content hashes persist. */
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    assert_int_equal(ingest_corpus(st), 0);
    assert_int_equal(hx_store_query(st, &qs, &after, NULL, &err), HX_OK);
    assert_int_equal(hx_store_query(st, &qe, &ents_after, NULL, &err), HX_OK);
    assert_string_equal(before, after);
    assert_string_equal(ents_before, ents_after);
    assert_non_null(strstr(after, "\"documents\":6"));
    hx_free(before);
    hx_free(after);
    hx_free(ents_before);
    hx_free(ents_after);
    hx_store_close(st);
    tmp_close(&t);
}

static void analysed_documents_are_stored_and_recognised(void **state)
{
    (void)state;
    tmpdb t;
    hx_store *st;
    hx_ctx *ctx;
    hx_doc *doc;
    hx_error err;
    int found = -1, added = -1;
    const char *text = "El Gobierno aprobó ayudas de 50 millones de euros el 3 de marzo de 2025.";
    hx_docinfo info = {"x1", "Ayudas", "2025-03-04", "Diario Sur", NULL, NULL, 0};
    tmp_open(&t);
    hx_options opt = {"/nonexistent", HX_STAGE_TOKENS | HX_STAGE_NUMBERS | HX_STAGE_TIMES, 0};
    assert_int_equal(hx_ctx_new(&opt, &ctx, &err), HX_OK);
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    assert_int_equal(hx_doc_new(ctx, text, strlen(text), &info, &doc, &err), HX_OK);
    assert_int_equal(hx_store_contains(st, doc, &found, &err), HX_OK);
    assert_int_equal(found, 0);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    assert_int_equal(hx_store_ingest(st, doc, &added, &err), HX_OK);
    assert_int_equal(added, 1);
    assert_int_equal(hx_store_contains(st, doc, &found, &err), HX_OK);
    assert_int_equal(found, 1);
    assert_int_equal(hx_store_ingest(st, doc, &added, &err), HX_OK);
    assert_int_equal(added, 0);
    assert_int_equal(stat_of(st, "documents"), 1);
    assert_int_equal(stat_of(st, "quantities"), (long long)hx_doc_nquantities(doc));
    assert_int_equal(stat_of(st, "times"), (long long)hx_doc_ntimes(doc));
    json_t *r = query(st, Q(HX_QUERY_SEARCH, "millones"));
    assert_int_equal(json_array_size(json_object_get(r, "documents")), 1);
    assert_string_equal(str_at(json_object_get(r, "documents"), 0, "id"), "x1");
    json_decref(r);
    hx_doc_free(doc);
    hx_store_close(st);
    hx_ctx_free(ctx);
    tmp_close(&t);
}

static void bad_records_are_reported_and_the_rest_kept(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "{\"id\":\"x\",\"text\":\"roto", "[1,2]", "{\"id\":\"sin texto\"}", "{\"text\":7}",
        "{\"text\":\"a\",\"text\":\"b\"}",
    };
    static const hx_status want[] = {HX_JSON, HX_JSON, HX_FIELD, HX_FIELD, HX_JSON};
    tmpdb t;
    hx_store *st;
    hx_error err;
    tmp_open(&t);
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int added = -1;
        assert_int_equal(hx_store_ingest_json(st, bad[i], strlen(bad[i]), &added, &err), want[i]);
        assert_int_equal(added, 0);
        assert_true(strlen(err.msg) > 0);
        /* A good record after a bad one is stored. */
        char *good = tu_fmt("{\"text\":\"Noticia número %zu.\",\"quantities\":[{\"text\":\"%zu\","
                            "\"kind\":\"number\",\"value\":%zu,\"start\":15,\"end\":16}]}", i, i, i);
        assert_int_equal(hx_store_ingest_json(st, good, strlen(good), &added, &err), HX_OK);
        assert_int_equal(added, 1);
        free(good);
    }
    hx_store_close(st);
    assert_int_equal(hx_store_open(t.path, HX_STORE_READONLY, &st, &err), HX_OK);
    assert_int_equal(stat_of(st, "documents"), 5);
    /* Read-only stores refuse writes. */
    assert_int_equal(hx_store_ingest_json(st, "{\"text\":\"x\"}", 12, NULL, &err), HX_INVAL);
    hx_store_close(st);
    check_integrity(&t);
    tmp_close(&t);
}

/* Entity names with no letter or digit fold to an empty key; the first fold of a
 * document used to leave the key buffer unterminated (found by fuzz_store). */
static void entity_names_without_letters_are_stored(void **state)
{
    (void)state;
    static const char *const names[] = {",", "¡¿", " - ", "«»", "..."};
    tmpdb t;
    hx_store *st;
    hx_error err;
    tmp_open(&t);
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        /* first alone, then after a name with letters, then before one */
        char *json = tu_fmt("{\"id\":\"n%zu\",\"text\":\"Texto %zu.\",\"entities\":[{\"name\":\"%s\","
                            "\"mentions\":[{\"text\":\"T\",\"start\":0,\"end\":1}]}]}", i, i, names[i]);
        char *two = tu_fmt("{\"id\":\"m%zu\",\"text\":\"Otro %zu.\",\"entities\":[{\"name\":\"Ana Pérez\","
                           "\"type\":\"PER\"},{\"name\":\"%s\",\"type\":\"ORG\"},{\"name\":\"Lima\"}]}",
                           i, i, names[i]);
        int added = 0;
        assert_int_equal(hx_store_ingest_json(st, json, strlen(json), &added, &err), HX_OK);
        assert_int_equal(added, 1);
        assert_int_equal(hx_store_ingest_json(st, two, strlen(two), &added, &err), HX_OK);
        assert_int_equal(added, 1);
        free(json);
        free(two);
    }
    assert_int_equal(stat_of(st, "documents"), 10);
    hx_store_close(st);
    sqlite_integrity_ok(&t);
    tmp_close(&t);
}

/* Numbers no long long holds, as offsets and indices, are treated as absent (converting
 * them was undefined behaviour, found by fuzz_store; the ASan/UBSan pass traps on it). */
static void huge_numbers_are_not_offsets(void **state)
{
    (void)state;
    static const char *const nums[] = {"9.19e38", "-1e300", "9223372036854775808", "1e19", "-9.3e18"};
    tmpdb t;
    hx_store *st;
    hx_error err;
    tmp_open(&t);
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
        const char *v = nums[i];
        char *json = tu_fmt("{\"id\":\"h%zu\",\"text\":\"Ana vio 3 casas el lunes %zu.\","
                            "\"mentions\":[{\"type\":\"PER\",\"text\":\"Ana\",\"start\":%s,\"end\":%s}],"
                            "\"quantities\":[{\"text\":\"3\",\"kind\":\"number\",\"value\":3,\"start\":%s,\"end\":8}],"
                            "\"times\":[{\"text\":\"el lunes\",\"type\":\"DATE\",\"value\":\"2025-01-06\",\"start\":%s,"
                            "\"end\":%s}],\"claims\":[{\"quantities\":[%s],\"times\":[%s]}],"
                            "\"entities\":[{\"name\":\"Ana\",\"mentions\":[{\"text\":\"Ana\",\"start\":%s,\"end\":3}]}],"
                            "\"events\":[{\"time\":{\"index\":%s}}]}",
                            i, i, v, v, v, v, v, v, v, v, v);
        int added = -1;
        hx_status rc = hx_store_ingest_json(st, json, strlen(json), &added, &err);
        if (rc != HX_OK) assert_true(strlen(err.msg) > 0 && !added);
        free(json);
    }
    hx_store_close(st);
    sqlite_integrity_ok(&t);
    tmp_close(&t);
}

/* ---------------------------------------------------------------- crash safety */

#define CRASH_DOCS 3000
#define CRASH_BATCH 16

static void put_synthetic(hx_store *st, int i, int *added)
{
    char json[512];
    hx_error err;
    snprintf(json, sizeof json,
             "{\"id\":\"d%d\",\"date\":\"2025-01-%02d\",\"source\":\"S%d\",\"text\":\"Artículo %d: "
             "unos %d soldados en Kursk.\",\"quantities\":[{\"text\":\"unos %d\",\"kind\":\"number\","
             "\"value\":%d,\"bound\":\"approx\",\"of\":{\"text\":\"soldados\"},\"start\":0,\"end\":4}],"
             "\"mentions\":[{\"type\":\"LOC\",\"text\":\"Kursk\",\"start\":5,\"end\":10}]}",
             i, 1 + i % 28, i % 7, i, i, i, i);
    if (hx_store_ingest_json(st, json, strlen(json), added, &err) != HX_OK) {
        fprintf(stderr, "ingest %d: %s\n", i, err.msg);
        _exit(3);
    }
}

static void killed_ingest_leaves_a_consistent_store_and_a_rerun_completes_it(void **state)
{
    (void)state;
    tmpdb t;
    hx_store *st;
    hx_error err;
    tmp_open(&t);
    /* Create the schema first so the child only writes documents. */
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    hx_store_close(st);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (hx_store_open(t.path, 0, &st, NULL) != HX_OK) _exit(2);
        hx_store_set_batch(st, CRASH_BATCH);
        for (int round = 0;; round++) /* never finishes: the parent kills it */
            for (int i = 0; i < CRASH_DOCS; i++) put_synthetic(st, i + round * CRASH_DOCS, NULL);
    }
    /* Let it write a few batches, then kill it in the middle of one. */
    for (int tries = 0; tries < 2000; tries++) {
        usleep(2000);
        if (count(&t, "SELECT count(*) FROM documents") >= 5 * CRASH_BATCH) break;
    }
    usleep(3000);
    kill(pid, SIGKILL);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    long long have = count(&t, "SELECT count(*) FROM documents");
    print_message("killed after %lld documents\n", have);
    assert_true(have >= 5 * CRASH_BATCH);
    assert_int_equal(have % CRASH_BATCH, 0); /* only whole batches were committed */
    check_integrity(&t);
    /* The rerun adds exactly what is missing. */
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    int added_total = 0;
    long long target = have > CRASH_DOCS ? have : CRASH_DOCS;
    for (int i = 0; i < target; i++) {
        int added = 0;
        put_synthetic(st, i, &added);
        added_total += added;
    }
    hx_store_close(st);
    assert_int_equal(added_total, target - have);
    assert_int_equal(count(&t, "SELECT count(*) FROM documents"), target);
    assert_int_equal(count(&t, "SELECT count(*) FROM quantities"), target);
    check_integrity(&t);
    tmp_close(&t);
}

/* ---------------------------------------------------------------- migrations */

static void version_1_stores_are_migrated_and_newer_ones_refused(void **state)
{
    (void)state;
    tmpdb t;
    hx_store *st;
    hx_error err;
    tmp_open(&t);
    hx__db *hdb;
    char msg[256];
    assert_int_equal(hx__db_open(t.path, 0, &hdb, msg, sizeof msg), 0);
    assert_int_equal(hx__store_migrate(hdb, 1, &err), HX_OK);
    assert_int_equal(hx__db_version(hdb), 1);
    assert_int_equal(count(&t, pg ? "SELECT count(*) FROM pg_class WHERE relname='docs_fts'"
                                  : "SELECT count(*) FROM sqlite_master WHERE name='docs_fts'"), 0);
    assert_int_equal(hx__db_exec(hdb,
                                 "INSERT INTO documents(id,hash,title,date,text,ingested) VALUES"
                                 " (1,'h1','Antes','2025-01-01','Texto guardado con el esquema uno','x');"
                                 "INSERT INTO quantities(doc_id,kind,value,of_text,thing) VALUES"
                                 " (1,'number',5,'tanques destruidos','tanque destruido');"),
                     0);
    hx__db_close(hdb);
    /* Read-only opening does not migrate: it says so. */
    assert_int_equal(hx_store_open(t.path, HX_STORE_READONLY, &st, &err), HX_FIELD);
    assert_null(st);
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    json_t *r = query(st, Q(HX_QUERY_SEARCH, "esquema"));
    assert_int_equal(json_array_size(json_object_get(r, "documents")), 1);
    json_decref(r);
    r = query(st, Q(HX_QUERY_FIGURES, "tanques"));
    assert_int_equal(json_array_size(json_object_get(r, "figures")), 1);
    json_decref(r);
    hx_store_close(st);
    assert_int_equal(hx__db_open(t.path, 0, &hdb, msg, sizeof msg), 0);
    assert_int_equal(hx__db_version(hdb), HX__STORE_VERSION);
    assert_int_equal(hx__db_set_version(hdb, 99), 0);
    hx__db_close(hdb);
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "newer"));
    tmp_close(&t);
    assert_int_equal(hx_store_open("/nonexistent/dir/x.db", HX_STORE_READONLY, &st, &err), HX_NOTFOUND);
}

/* ---------------------------------------------------------------- queries */

static void queries_on_an_empty_store_give_empty_answers(void **state)
{
    (void)state;
    tmpdb t;
    hx_store *st;
    hx_error err;
    static const struct {
        hx_query_kind kind;
        const char *arg, *member;
    } qs[] = {
        {HX_QUERY_ENTITIES, NULL, "entities"}, {HX_QUERY_ENTITY, "Rusia", "aliases"},
        {HX_QUERY_TIMELINE, "Rusia", "events"}, {HX_QUERY_CLAIMS, NULL, "claims"},
        {HX_QUERY_FIGURES, "soldados", "figures"}, {HX_QUERY_CONFLICTS, NULL, "conflicts"},
        {HX_QUERY_GRAPH, NULL, "edges"}, {HX_QUERY_SEARCH, "Kursk", "documents"},
        {HX_QUERY_SEARCH, "\"*(:", "documents"}, {HX_QUERY_FIGURES, "--", "figures"},
    };
    tmp_open(&t);
    assert_int_equal(hx_store_open(t.path, 0, &st, &err), HX_OK);
    for (size_t i = 0; i < sizeof qs / sizeof *qs; i++) {
        json_t *r = query(st, Q(qs[i].kind, qs[i].arg));
        assert_true(json_is_array(json_object_get(r, qs[i].member)));
        assert_int_equal(json_array_size(json_object_get(r, qs[i].member)), 0);
        json_decref(r);
    }
    hx_query g = Q(HX_QUERY_GRAPH, NULL);
    char *out;
    g.format = "dot";
    assert_int_equal(hx_store_query(st, &g, &out, NULL, &err), HX_OK);
    assert_non_null(strstr(out, "graph hechos {"));
    hx_free(out);
    g.format = "png";
    assert_int_equal(hx_store_query(st, &g, &out, NULL, &err), HX_INVAL);
    hx_store_close(st);
    tmp_close(&t);
}

static int setup_corpus(void **state)
{
    tmpdb *t = malloc(sizeof *t);
    hx_store *st;
    hx_error err;
    tmp_open(t);
    if (hx_store_open(t->path, 0, &st, &err) != HX_OK) return -1;
    ingest_corpus(st);
    hx_store_close(st);
    *state = t;
    return 0;
}

static int teardown_corpus(void **state)
{
    tmp_close(*state);
    free(*state);
    return 0;
}

static hx_store *corpus(void **state)
{
    hx_store *st;
    hx_error err;
    assert_int_equal(hx_store_open(((tmpdb *)*state)->path, HX_STORE_READONLY, &st, &err), HX_OK);
    return st;
}

static void entities_are_resolved_across_documents(void **state)
{
    hx_store *st = corpus(state);
    json_t *r = query(st, Q(HX_QUERY_ENTITIES, NULL)), *e = json_object_get(r, "entities");
    /* Corea del Norte: named, demonym or Pyongyang in 4 articles; Rusia via Kremlin,
     * Moscú or by name in 4; Kursk (RU) in 3.  Ties are broken by mentions. */
    assert_int_equal(json_array_size(e), 12);
    assert_string_equal(str_at(e, 0, "name"), "Corea del Norte");
    assert_int_equal(int_at(e, 0, "documents"), 4);
    assert_int_equal(int_at(e, 0, "mentions"), 7);
    assert_string_equal(str_at(e, 1, "name"), "Rusia");
    assert_int_equal(int_at(e, 1, "documents"), 4);
    assert_string_equal(str_at(e, 2, "name"), "Kursk");
    assert_string_equal(str_at(e, 2, "country"), "RU");
    assert_int_equal(int_at(e, 2, "documents"), 3);
    json_decref(r);
    hx_query q = Q(HX_QUERY_ENTITIES, NULL);
    q.type = "PER";
    q.top = 1;
    r = query(st, q);
    e = json_object_get(r, "entities");
    assert_int_equal(json_array_size(e), 1);
    assert_string_equal(str_at(e, 0, "type"), "PER");
    json_decref(r);
    hx_store_close(st);
}

static void entity_by_alias_gives_aliases_and_cooccurrence(void **state)
{
    hx_store *st = corpus(state);
    json_t *r = query(st, Q(HX_QUERY_ENTITY, "pyongyang"));
    json_t *e = json_object_get(r, "entity"), *al = json_object_get(r, "aliases");
    json_t *co = json_object_get(r, "cooccurring");
    assert_string_equal(json_string_value(json_object_get(e, "name")), "Corea del Norte");
    assert_int_equal(json_array_size(al), 3);
    assert_string_equal(str_at(al, 0, "alias"), "Corea del Norte");
    assert_int_equal(int_at(al, 0, "mentions"), 3);
    assert_string_equal(str_at(al, 1, "alias"), "norcoreanos");
    assert_string_equal(str_at(al, 1, "kind"), "demonym");
    assert_string_equal(str_at(co, 0, "name"), "Rusia");
    assert_int_equal(int_at(co, 0, "documents"), 3);
    assert_string_equal(str_at(co, 1, "name"), "Kursk");
    assert_int_equal(int_at(co, 1, "documents"), 3);
    json_decref(r);
    r = query(st, Q(HX_QUERY_ENTITY, "Atlántida"));
    assert_true(json_is_null(json_object_get(r, "entity")));
    json_decref(r);
    hx_store_close(st);
}

static void timeline_orders_an_actors_events_by_date(void **state)
{
    static const char *const dates[] = {"2024-06-01", "2025-01-01", "2025-03-01",
                                        "2025-03-10", "2025-03-12", "2025-03-20"};
    static const char *const types[] = {"agreement", "deployment", "transfer",
                                        "deployment", "deployment", "agreement"};
    hx_store *st = corpus(state);
    json_t *r = query(st, Q(HX_QUERY_TIMELINE, "Corea del Norte")), *ev = json_object_get(r, "events");
    assert_int_equal(json_array_size(ev), 6);
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(str_at(ev, i, "date"), dates[i]);
        assert_string_equal(str_at(ev, i, "type"), types[i]);
    }
    assert_int_equal(json_array_size(json_object_get(json_array_get(ev, 0), "actors")), 2);
    json_decref(r);
    r = query(st, Q(HX_QUERY_TIMELINE, "Kim Jong-un"));
    assert_int_equal(json_array_size(json_object_get(r, "events")), 0);
    json_decref(r);
    hx_store_close(st);
}

static void claims_filter_by_source_and_subject(void **state)
{
    hx_store *st = corpus(state);
    hx_query q = Q(HX_QUERY_CLAIMS, NULL);
    json_t *r = query(st, q), *c;
    assert_int_equal(json_array_size(json_object_get(r, "claims")), 8);
    json_decref(r);
    q.source = "el Kremlin"; /* an alias of Rusia: the claims by Rusia, however named */
    r = query(st, q);
    c = json_object_get(r, "claims");
    assert_int_equal(json_array_size(c), 2);
    assert_string_equal(str_at(c, 0, "source"), "Rusia");
    assert_string_equal(str_at(c, 0, "cue"), "negó");
    assert_int_equal(int_at(c, 0, "negated"), 1);
    assert_string_equal(str_at(c, 1, "content"), "fueron 300 drones derribados");
    json_decref(r);
    q.source = NULL;
    q.about = "Kursk";
    r = query(st, q);
    c = json_object_get(r, "claims");
    assert_int_equal(json_array_size(c), 3);
    assert_string_equal(str_at(c, 0, "date"), "2025-03-12"); /* newest first */
    assert_int_equal(int_at(c, 0, "hedged"), 1);
    assert_string_equal(str_at(c, 2, "source"), "Estados Unidos");
    json_decref(r);
    q.source = "Yonhap";
    r = query(st, q); /* Yonhap's claim does not mention Kursk */
    assert_int_equal(json_array_size(json_object_get(r, "claims")), 0);
    json_decref(r);
    q.about = NULL;
    q.source = "la agencia surcoreana Yonhap"; /* the source text works too */
    r = query(st, q);
    assert_int_equal(json_array_size(json_object_get(r, "claims")), 1);
    json_decref(r);
    hx_store_close(st);
}

static void figures_list_every_count_of_a_thing_with_source_and_time(void **state)
{
    hx_store *st = corpus(state);
    json_t *r = query(st, Q(HX_QUERY_FIGURES, "soldados")), *f = json_object_get(r, "figures");
    assert_int_equal(json_array_size(f), 5);
    /* "soldados adicionales" first (its thing sorts first), dated by its claim's "en enero". */
    assert_string_equal(str_at(f, 0, "source"), "Yonhap");
    assert_string_equal(str_at(f, 0, "from"), "2025-01-01");
    assert_string_equal(str_at(f, 0, "to"), "2025-01-31");
    assert_string_equal(str_at(f, 1, "from"), "2024-11-05");
    assert_string_equal(str_at(f, 2, "source"), "Ministerio de Defensa de Ucrania");
    assert_string_equal(str_at(f, 2, "bound"), "approx");
    /* A figure outside every claim is the outlet's. */
    int outlet = 0;
    for (size_t i = 0; i < 5; i++) outlet += str_at(f, i, "source") && strcmp(str_at(f, i, "source"), "Diario Sur") == 0;
    assert_int_equal(outlet, 1);
    json_decref(r);
    r = query(st, Q(HX_QUERY_FIGURES, "misil"));
    f = json_object_get(r, "figures");
    assert_int_equal(json_array_size(f), 1);
    assert_string_equal(str_at(f, 0, "source"), "Ucrania"); /* "Según Kiev" */
    assert_string_equal(str_at(f, 0, "from"), "2025-03-01");
    json_decref(r);
    hx_store_close(st);
}

static void conflicts_need_same_thing_overlapping_time_other_source_other_figure(void **state)
{
    hx_store *st = corpus(state);
    json_t *r = query(st, Q(HX_QUERY_CONFLICTS, NULL)), *c = json_object_get(r, "conflicts");
    /* drones: Ukraine 500 vs Russia 300 the same day; troops: the ministry's "unos
     * 10.000" (9,000-11,000) vs Seoul's 12.000 two days later.  Not conflicts: the
     * November 2024 figure (other time), "unos 12.000" (overlaps both). */
    assert_int_equal(json_array_size(c), 2);
    assert_string_equal(str_at(c, 0, "thing"), "dron derribado");
    assert_string_equal(str_at(c, 1, "thing"), "soldado norcoreano");
    json_t *a = json_object_get(json_array_get(c, 1), "a"), *b = json_object_get(json_array_get(c, 1), "b");
    assert_string_equal(json_string_value(json_object_get(a, "source")), "Ministerio de Defensa de Ucrania");
    assert_string_equal(json_string_value(json_object_get(b, "source")), "Corea del Sur");
    json_decref(r);
    hx_query q = Q(HX_QUERY_CONFLICTS, NULL);
    q.window_days = 0; /* 10 and 12 March no longer overlap */
    r = query(st, q);
    assert_int_equal(json_array_size(json_object_get(r, "conflicts")), 1);
    json_decref(r);
    /* Now November 2024 overlaps March 2025: 8.000 conflicts with 10.000, 12.000 and
     * the "unos 12.000" of the article whose Kursk has no country: the store links it
     * to the Kursk of Russia (same name and type, country unknown on one side), so
     * both sentences are about the same place (issue 23). */
    q.window_days = 200;
    r = query(st, q);
    assert_int_equal(json_array_size(json_object_get(r, "conflicts")), 5);
    json_decref(r);
    hx_store_close(st);
}

static void graph_joins_actors_of_shared_events(void **state)
{
    hx_store *st = corpus(state);
    hx_query q = Q(HX_QUERY_GRAPH, NULL);
    json_t *r = query(st, q), *n = json_object_get(r, "nodes"), *e = json_object_get(r, "edges");
    assert_int_equal(json_array_size(n), 4);
    assert_int_equal(json_array_size(e), 3);
    assert_int_equal(int_at(e, 0, "weight"), 2);
    assert_int_equal(int_at(e, 1, "weight"), 2);
    assert_int_equal(int_at(e, 2, "weight"), 1);
    json_decref(r);
    char *out;
    hx_error err;
    q.format = "graphml";
    assert_int_equal(hx_store_query(st, &q, &out, NULL, &err), HX_OK);
    assert_non_null(strstr(out, "<graphml"));
    assert_non_null(strstr(out, "<data key=\"name\">Corea del Norte</data>"));
    assert_non_null(strstr(out, "<data key=\"weight\">2</data>"));
    hx_free(out);
    q.format = "dot";
    assert_int_equal(hx_store_query(st, &q, &out, NULL, &err), HX_OK);
    assert_non_null(strstr(out, "[label=\"Rusia\""));
    assert_non_null(strstr(out, " -- "));
    hx_free(out);
    hx_store_close(st);
}

static void search_finds_documents_by_words_ignoring_accents(void **state)
{
    hx_store *st = corpus(state);
    json_t *r = query(st, Q(HX_QUERY_SEARCH, "drones derribados")), *d = json_object_get(r, "documents");
    assert_int_equal(json_array_size(d), 1);
    assert_string_equal(str_at(d, 0, "id"), "n3");
    assert_non_null(strstr(str_at(d, 0, "snippet"), "[drones]"));
    json_decref(r);
    r = query(st, Q(HX_QUERY_SEARCH, "MOSCU"));
    assert_int_equal(json_array_size(json_object_get(r, "documents")), 2);
    json_decref(r);
    r = query(st, Q(HX_QUERY_SEARCH, "Kursk Kremlin"));
    assert_int_equal(json_array_size(json_object_get(r, "documents")), 1);
    json_decref(r);
    hx_store_close(st);
}

/* ---------------------------------------------------------------- the commands */

static void ingest_command_skips_bad_records_and_is_idempotent(void **state)
{
    (void)state;
    TU_REQUIRE_FILE(tu_bin());
    tmpdb t;
    tmp_open(&t);
    for (int round = 0; round < 2; round++) {
        /* Without models (an empty directory): this tests storing, not the tagger. */
        char *cmd = tu_fmt("HECHOS_MODELS=%s %s ingest --quiet --db \"%s\" --jsonl %s 2>%s/err", t.dir, tu_bin(),
                           t.path, ARTICLES, t.dir);
        int rc = system(cmd);
        free(cmd);
        assert_true(WIFEXITED(rc));
        char *errp = tu_fmt("%s/err", t.dir), *msg = tu_read_file(errp, NULL);
        assert_non_null(msg);
        if (WEXITSTATUS(rc) != 1) /* 1: finished, some records skipped */
            fail_msg("ingest exited with %d: %s", WEXITSTATUS(rc), msg ? msg : "");
        assert_non_null(strstr(msg, "articles.jsonl:3:"));
        assert_non_null(strstr(msg, "articles.jsonl:5:"));
        free(msg);
        free(errp);
        assert_int_equal(count(&t, "SELECT count(*) FROM documents"), 5);
    }
    char *cmd = tu_fmt("%s query --db \"%s\" search Valencia >%s/out", tu_bin(), t.path, t.dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    char *outp = tu_fmt("%s/out", t.dir), *out = tu_read_file(outp, NULL);
    assert_non_null(strstr(out, "Evacuados en Valencia"));
    free(out);
    free(outp);
    cmd = tu_fmt(pg ? "%s query --db 'host=%s/none dbname=none' stats 2>/dev/null"
                    : "%s query --db %s/missing.db stats 2>/dev/null", tu_bin(), t.dir);
    int rc = system(cmd);
    free(cmd);
    assert_int_equal(WEXITSTATUS(rc), pg ? 74 : 66);
    tmp_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folding_drops_case_accents_and_punctuation),
        cmocka_unit_test(periods_cover_days_months_weeks_quarters_years),
        cmocka_unit_test(json_reader_walks_values_and_rejects_malformed_text),
        cmocka_unit_test(ingesting_twice_changes_nothing),
        cmocka_unit_test(analysed_documents_are_stored_and_recognised),
        cmocka_unit_test(bad_records_are_reported_and_the_rest_kept),
        cmocka_unit_test(killed_ingest_leaves_a_consistent_store_and_a_rerun_completes_it),
        cmocka_unit_test(version_1_stores_are_migrated_and_newer_ones_refused),
        cmocka_unit_test(queries_on_an_empty_store_give_empty_answers),
        cmocka_unit_test_setup_teardown(entities_are_resolved_across_documents, setup_corpus, teardown_corpus),
        cmocka_unit_test_setup_teardown(entity_by_alias_gives_aliases_and_cooccurrence, setup_corpus, teardown_corpus),
        cmocka_unit_test_setup_teardown(timeline_orders_an_actors_events_by_date, setup_corpus, teardown_corpus),
        cmocka_unit_test_setup_teardown(claims_filter_by_source_and_subject, setup_corpus, teardown_corpus),
        cmocka_unit_test_setup_teardown(figures_list_every_count_of_a_thing_with_source_and_time, setup_corpus,
                                        teardown_corpus),
        cmocka_unit_test_setup_teardown(conflicts_need_same_thing_overlapping_time_other_source_other_figure,
                                        setup_corpus, teardown_corpus),
        cmocka_unit_test_setup_teardown(graph_joins_actors_of_shared_events, setup_corpus, teardown_corpus),
        cmocka_unit_test_setup_teardown(search_finds_documents_by_words_ignoring_accents, setup_corpus,
                                        teardown_corpus),
        cmocka_unit_test(ingest_command_skips_bad_records_and_is_idempotent),
        cmocka_unit_test(entity_names_without_letters_are_stored),
        cmocka_unit_test(huge_numbers_are_not_offsets),
    };
    /* Under tests/pg.sh: the same tests on PostgreSQL (those on keys, periods and the
     * JSON reader touch no database and ran with SQLite already). */
    if ((pg = tu_pg()))
        return _cmocka_run_group_tests("store on PostgreSQL", tests + 3, sizeof tests / sizeof *tests - 3, NULL, NULL);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
