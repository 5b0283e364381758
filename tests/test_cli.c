/*
 * test_cli.c -- the `hechos` command end to end: golden outputs and every kind of bad
 * input, checked through exit codes, stdout and stderr.
 *
 * Golden tests: for each tests/golden/NAME.txt, the output of
 *     hechos extract --date 2025-07-12 tests/golden/NAME.txt
 * (with HECHOS_MODELS=models, as `make test` sets it) must equal tests/golden/NAME.json
 * byte for byte.  With HECHOS_UPDATE_GOLDEN=1 the .json files are rewritten instead
 * (then inspect them with git diff before committing).
 *
 * The binary is $HECHOS_BIN (default bin/hechos); tests run from the repository root.
 * Scratch files live in a fresh directory under $TMPDIR that is removed at the end.
 */
#include "hechos.h"
#include "testutil.h"

#include <dirent.h>
#include <jansson.h>
#include <sys/wait.h>
#include <unistd.h>

#define GOLDEN_DIR "tests/golden"
#define GOLDEN_DATE "2025-07-12"

/* What one run of the CLI left behind. */
typedef struct run {
    int status;      /* exit code, or -1 when it did not exit normally */
    char *out, *err; /* NUL-terminated */
    size_t out_len, err_len;
} run;

static char scratch[512];

static int setup(void **state)
{
    (void)state;
    const char *tmp = tu_env("TMPDIR", "/tmp");
    snprintf(scratch, sizeof scratch, "%s/hechos-cli-XXXXXX", tmp);
    return mkdtemp(scratch) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(scratch);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            char *p = tu_join(scratch, e->d_name);
            if (p) unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(scratch);
    return 0;
}

/* A path in the scratch directory (malloc'd). */
static char *tmp_path(const char *name) { return tu_join(scratch, name); }

/* Writes n bytes to a scratch file and returns its path (malloc'd). */
static char *tmp_file(const char *name, const void *data, size_t n)
{
    char *p = tmp_path(name);
    assert_non_null(p);
    assert_int_equal(tu_write_file(p, data, n), 0);
    return p;
}

/* Runs `$HECHOS_BIN args` (args already shell-quoted), stdin from in_path or
 * /dev/null, and collects exit status and output. */
static run run_cli(const char *args, const char *in_path)
{
    run r = {-1, NULL, NULL, 0, 0};
    char *out = tmp_path("stdout"), *err = tmp_path("stderr");
    char *cmd = tu_fmt("HECHOS_MODELS=\"${HECHOS_MODELS:-models}\" '%s' %s <'%s' >'%s' 2>'%s'", tu_bin(),
                       args, in_path ? in_path : "/dev/null", out, err);
    assert_non_null(cmd);
    int st = system(cmd);
    if (st != -1 && WIFEXITED(st)) r.status = WEXITSTATUS(st);
    r.out = tu_read_file(out, &r.out_len);
    r.err = tu_read_file(err, &r.err_len);
    if (!r.out || !r.err) fail_msg("could not run: %s", cmd);
    free(cmd);
    free(out);
    free(err);
    return r;
}

static void run_free(run *r)
{
    free(r->out);
    free(r->err);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

/* Fails unless the CLI binary exists (it is built by `make` before the tests). */
static void require_bin(void)
{
    if (access(tu_bin(), X_OK) != 0) fail_msg("%s not found or not executable (set HECHOS_BIN)", tu_bin());
}

/* ---------------------------------------------------------------- golden files */

/* Prints where two outputs first differ, with some context. */
static void diff_hint(const char *name, const char *got, size_t ng, const char *want, size_t nw)
{
    size_t i = 0;
    while (i < ng && i < nw && got[i] == want[i]) i++;
    size_t from = i > 80 ? i - 80 : 0;
    print_message("%s: output differs from the golden file at byte %zu (got %zu bytes, want %zu)\n"
                  "  got:  ...%.*s\n  want: ...%.*s\n"
                  "  (after checking the change, regenerate with HECHOS_UPDATE_GOLDEN=1 make test)\n",
                  name, i, ng, nw, (int)((ng - from) < 200 ? ng - from : 200), got + from,
                  (int)((nw - from) < 200 ? nw - from : 200), want + from);
}

static void golden_outputs_match(void **state)
{
    (void)state;
    require_bin();
    int update = strcmp(tu_env("HECHOS_UPDATE_GOLDEN", "0"), "1") == 0;
    DIR *d = opendir(GOLDEN_DIR);
    if (!d) fail_msg("cannot open %s", GOLDEN_DIR);
    struct dirent *e;
    int ngolden = 0, nbad = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0) continue;
        char *txt = tu_fmt("%s/%s", GOLDEN_DIR, e->d_name);
        char *json = tu_fmt("%s/%.*s.json", GOLDEN_DIR, (int)(n - 4), e->d_name);
        char *args = tu_fmt("extract --date %s '%s'", GOLDEN_DATE, txt);
        run r = run_cli(args, NULL);
        ngolden++;
        if (r.status != 0) {
            print_message("%s: exit %d: %s\n", txt, r.status, r.err);
            nbad++;
        } else if (update) {
            assert_int_equal(tu_write_file(json, r.out, r.out_len), 0);
            print_message("%s: rewritten\n", json);
        } else {
            size_t wn = 0;
            char *want = tu_read_file(json, &wn);
            if (!want) {
                print_message("%s: missing (create it with HECHOS_UPDATE_GOLDEN=1)\n", json);
                nbad++;
            } else if (wn != r.out_len || memcmp(want, r.out, wn) != 0) {
                diff_hint(txt, r.out, r.out_len, want, wn);
                nbad++;
            }
            free(want);
        }
        /* whatever the content, the output is one JSON document on one line */
        assert_int_equal(count_lines(r.out), 1);
        json_t *v = json_loads(r.out, 0, NULL);
        assert_non_null(v);
        assert_string_equal(json_string_value(json_object_get(v, "date")), GOLDEN_DATE);
        json_decref(v);
        run_free(&r);
        free(txt);
        free(json);
        free(args);
    }
    closedir(d);
    assert_true(ngolden >= 1);
    assert_int_equal(nbad, 0);
}

/* ---------------------------------------------------------------- text input errors */

static void invalid_utf8_file_exits_65_naming_file_and_byte(void **state)
{
    (void)state;
    require_bin();
    const char data[] = "Texto v\xc3\xa1lido y luego \xff basura.";
    char *p = tmp_file("bad.txt", data, sizeof data - 1);
    char *args = tu_fmt("extract '%s'", p);
    run r = run_cli(args, NULL);
    assert_int_equal(r.status, 65);
    assert_int_equal(r.out_len, 0);
    assert_int_equal(count_lines(r.err), 1); /* one line */
    assert_non_null(strstr(r.err, p));
    assert_non_null(strstr(r.err, "22")); /* the byte offset of \xff */
    assert_non_null(strstr(r.err, "UTF-8"));
    run_free(&r);
    free(args);

    /* --lenient: processed, the byte replaced */
    args = tu_fmt("extract --lenient '%s'", p);
    r = run_cli(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.err_len, 0);
    assert_non_null(strstr(r.out, "\xef\xbf\xbd"));
    run_free(&r);
    free(args);

    /* the same through stdin */
    r = run_cli("extract", p);
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, "<stdin>"));
    run_free(&r);
    free(p);
}

static void nul_byte_exits_65(void **state)
{
    (void)state;
    require_bin();
    const char data[] = "Hola\0mundo.";
    char *p = tmp_file("nul.txt", data, sizeof data - 1);
    char *args = tu_fmt("extract '%s'", p);
    run r = run_cli(args, NULL);
    assert_int_equal(r.status, 65);
    assert_int_equal(count_lines(r.err), 1);
    assert_non_null(strstr(r.err, p));
    assert_non_null(strstr(r.err, "NUL"));
    assert_non_null(strstr(r.err, "4"));
    run_free(&r);
    free(args);
    args = tu_fmt("extract --lenient '%s'", p);
    r = run_cli(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines(r.out), 1);
    run_free(&r);
    free(args);
    /* tokenize reports it the same way */
    args = tu_fmt("tokenize '%s'", p);
    r = run_cli(args, NULL);
    assert_int_equal(r.status, 65);
    run_free(&r);
    free(args);
    free(p);
}

static void bad_file_does_not_stop_the_next_one(void **state)
{
    (void)state;
    require_bin();
    char *bad = tmp_file("bad2.txt", "a\xc0z", 3);
    char *good = tmp_file("good.txt", "Bien.", 5);
    char *args = tu_fmt("extract '%s' '%s'", bad, good);
    run r = run_cli(args, NULL);
    assert_int_equal(r.status, 65);
    assert_int_equal(count_lines(r.out), 1); /* the good one is printed */
    assert_non_null(strstr(r.out, "Bien"));
    run_free(&r);
    free(args);
    free(bad);
    free(good);
}

static void missing_file_exits_66(void **state)
{
    (void)state;
    require_bin();
    char *p = tmp_path("no-such-file.txt");
    char *args = tu_fmt("extract '%s'", p);
    run r = run_cli(args, NULL);
    assert_int_equal(r.status, 66);
    assert_non_null(strstr(r.err, "no-such-file.txt"));
    run_free(&r);
    free(args);
    args = tu_fmt("extract --jsonl '%s'", p);
    r = run_cli(args, NULL);
    assert_int_equal(r.status, 66);
    run_free(&r);
    free(args);
    free(p);
}

static void empty_input_is_an_empty_document(void **state)
{
    (void)state;
    require_bin();
    char *p = tmp_file("empty.txt", "", 0);
    run r = run_cli("extract", p);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines(r.out), 1);
    json_t *v = json_loads(r.out, 0, NULL);
    assert_non_null(v);
    assert_int_equal(json_array_size(json_object_get(v, "tokens")), 0);
    assert_int_equal(json_array_size(json_object_get(v, "sentences")), 0);
    json_decref(v);
    run_free(&r);
    /* empty JSON Lines input: nothing to do, nothing printed */
    r = run_cli("extract --jsonl", p);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.out_len, 0);
    run_free(&r);
    /* blank lines only */
    char *blank = tmp_file("blank.jsonl", "\n  \n\r\n", 6);
    char *args = tu_fmt("extract --jsonl '%s'", blank);
    r = run_cli(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(r.out_len, 0);
    run_free(&r);
    free(args);
    free(blank);
    free(p);
}

/* ---------------------------------------------------------------- JSON Lines */

static void jsonl_bad_records_are_reported_and_skipped(void **state)
{
    (void)state;
    require_bin();
    const char data[] =
        "{\"id\":\"a\",\"text\":\"Primera noticia.\"}\n"  /* 1 good */
        "{\"id\":\"b\",\"text\":\"rota\"\n"              /* 2 broken JSON */
        "{\"id\":\"c\",\"title\":\"sin texto\"}\n"       /* 3 missing text */
        "[\"no\",\"es\",\"objeto\"]\n"                   /* 4 not an object */
        "\n"                                             /* 5 blank: ignored */
        "{\"id\":\"d\",\"text\":\"Caf\\u00e9.\",\"date\":\"2024-01-02\"}\r\n" /* 6 good, CRLF */
        "{\"id\":\"e\",\"text\":\"a\\u0000b\"}\n"          /* 7 NUL in text */
        "{\"id\":\"f\",\"text\":\"\xff\"}\n"               /* 8 invalid UTF-8 */
        "{\"id\":\"g\",\"text\":\"\xc3\xbaltima\"}";     /* 9 good, no final newline */
    char *p = tmp_file("mixed.jsonl", data, sizeof data - 1);
    char *args = tu_fmt("extract --jsonl --date 2025-07-12 '%s'", p);
    run r = run_cli(args, NULL);
    assert_int_equal(r.status, 1);
    assert_int_equal(count_lines(r.out), 3);
    static const char *const ids[3] = {"a", "d", "g"};
    static const char *const dates[3] = {"2025-07-12", "2024-01-02", "2025-07-12"};
    const char *line = r.out;
    for (int i = 0; i < 3; i++) {
        const char *nl = strchr(line, '\n');
        json_error_t je;
        json_t *v = json_loadb(line, (size_t)(nl - line), 0, &je);
        if (!v) fail_msg("line %d of output is not JSON: %s", i + 1, je.text);
        assert_string_equal(json_string_value(json_object_get(v, "id")), ids[i]);
        assert_string_equal(json_string_value(json_object_get(v, "date")), dates[i]);
        json_decref(v);
        line = nl + 1;
    }
    /* each bad record on its own line, with its line number, then a summary */
    static const char *const bad[] = {":2:", ":3:", ":4:", ":7:", ":8:"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *want = tu_fmt("%s%s", p, bad[i]);
        if (!strstr(r.err, want)) fail_msg("stderr does not report %s:\n%s", want, r.err);
        free(want);
    }
    assert_null(strstr(r.err, ":1:"));
    assert_null(strstr(r.err, ":5:"));
    assert_null(strstr(r.err, ":6:"));
    assert_null(strstr(r.err, ":9:"));
    assert_int_equal(count_lines(r.err), 6);
    assert_non_null(strstr(r.err, "5 of 8"));
    run_free(&r);
    free(args);

    /* --lenient rescues the records with bad bytes, not the broken ones */
    args = tu_fmt("extract --jsonl --lenient '%s'", p);
    r = run_cli(args, NULL);
    assert_int_equal(r.status, 1);
    assert_int_equal(count_lines(r.out), 5);
    run_free(&r);
    free(args);
    free(p);
}

/* -j N prints exactly what -j 1 prints, in the same order, bad records included, on
 * a stream long enough to wrap the ring of records several times. */
static void jobs_keep_order_and_errors(void **state)
{
    (void)state;
    require_bin();
    char *data = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&data, &n);
    assert_non_null(f);
    for (int i = 0; i < 300; i++) {
        if (i % 37 == 5)
            fprintf(f, "{\"id\":\"r%d\",\"text\":\"rota\"\n", i); /* broken */
        else if (i % 53 == 7)
            fprintf(f, "{\"id\":\"r%d\",\"text\":\"a\",\"date\":\"ayer\"}\n", i);
        else
            fprintf(f, "{\"id\":\"r%d\",\"text\":\"El %d de mayo llegaron %d soldados a Kiev, "
                       "según el ministerio.%s\"}\n", i, i % 28 + 1, i * 7,
                    i % 3 ? "" : " Otra frase más larga para que los trabajos no duren lo mismo.");
    }
    assert_int_equal(fclose(f), 0);
    char *p = tmp_file("many.jsonl", data, n);
    char *a1 = tu_fmt("extract --jsonl --no-tokens '%s'", p);
    run r1 = run_cli(a1, NULL);
    assert_int_equal(r1.status, 1);
    assert_int_equal(count_lines(r1.out), 300 - 8 - 6);
    static const int jobs[] = {2, 3, 8};
    for (size_t k = 0; k < sizeof jobs / sizeof *jobs; k++) {
        char *an = tu_fmt("extract --jsonl --no-tokens -j %d '%s'", jobs[k], p);
        run rn = run_cli(an, NULL);
        assert_int_equal(rn.status, r1.status);
        assert_string_equal(rn.out, r1.out);
        assert_string_equal(rn.err, r1.err);
        run_free(&rn);
        free(an);
    }
    run_free(&r1);
    free(a1);
    free(p);
    free(data);
}

static void jsonl_record_over_max_doc_bytes_is_skipped(void **state)
{
    (void)state;
    require_bin();
    size_t big = 300000;
    char *data = malloc(big + 200);
    assert_non_null(data);
    size_t n = (size_t)sprintf(data, "{\"id\":\"corto\",\"text\":\"Uno.\"}\n{\"id\":\"largo\",\"text\":\"");
    memset(data + n, 'x', big);
    n += big;
    n += (size_t)sprintf(data + n, "\"}\n{\"id\":\"otro\",\"text\":\"Dos.\"}\n");
    char *p = tmp_file("long.jsonl", data, n);
    free(data);
    /* the same limit written three ways */
    static const char *const limits[] = {"100000", "97K", "0.1M"};
    for (size_t k = 0; k < 2; k++) {
        char *args = tu_fmt("extract --jsonl --max-doc-bytes %s --no-tokens '%s'", limits[k], p);
        run r = run_cli(args, NULL);
        assert_int_equal(r.status, 1);
        assert_int_equal(count_lines(r.out), 2);
        assert_non_null(strstr(r.out, "\"corto\""));
        assert_non_null(strstr(r.out, "\"otro\""));
        assert_null(strstr(r.out, "\"largo\""));
        char *want = tu_fmt("%s:2: record longer than --max-doc-bytes %s", p, k ? "99328" : "100000");
        assert_non_null(strstr(r.err, want));
        assert_non_null(strstr(r.err, "1 of 3 records skipped"));
        free(want);
        run_free(&r);
        free(args);
    }
    run r = run_cli("extract --jsonl --max-doc-bytes 0.1M -", NULL);
    assert_int_equal(r.status, 64);
    run_free(&r);
    /* under the default limit (10 MB) and with none the same record goes through */
    static const char *const through[] = {"", "--max-doc-bytes 0", "--max-doc-bytes 1M"};
    for (size_t k = 0; k < 3; k++) {
        char *args = tu_fmt("extract --jsonl %s --no-tokens '%s'", through[k], p);
        r = run_cli(args, NULL);
        assert_int_equal(r.status, 0);
        assert_int_equal(count_lines(r.out), 3);
        run_free(&r);
        free(args);
    }
    free(p);
}

/* A text file over --max-doc-bytes is refused with one line naming it and the byte; the
 * other files are still analysed.  The same limit holds for tokenize and parse. */
static void text_over_max_doc_bytes_is_refused(void **state)
{
    (void)state;
    require_bin();
    size_t big = 5000;
    char *text = malloc(big + 1);
    assert_non_null(text);
    for (size_t i = 0; i < big; i++) text[i] = "Hoy llueve en Lima. "[i % 20];
    char *a = tmp_file("a.txt", "El lunes llegó Ana.", 19), *b = tmp_file("grande.txt", text, big),
         *c = tmp_file("c.txt", "Luis vive en Quito.", 19);
    free(text);
    char *args = tu_fmt("extract --max-doc-bytes 4K --no-tokens '%s' '%s' '%s'", a, b, c);
    run r = run_cli(args, NULL);
    assert_int_equal(r.status, 65);
    assert_int_equal(count_lines(r.out), 2);
    assert_non_null(strstr(r.out, "Ana"));
    assert_non_null(strstr(r.out, "Quito"));
    char *want = tu_fmt("hechos: %s: document larger than --max-doc-bytes 4096: refused at byte 4096", b);
    assert_non_null(strstr(r.err, want));
    assert_int_equal(count_lines(r.err), 1);
    free(want);
    run_free(&r);
    free(args);
    /* at the limit exactly it goes through */
    args = tu_fmt("extract --max-doc-bytes %zu --no-tokens '%s'", big, b);
    r = run_cli(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines(r.out), 1);
    run_free(&r);
    free(args);
    static const char *const cmds[] = {"tokenize --max-doc-bytes 4999", "parse --max-doc-bytes 2K"};
    for (size_t k = 0; k < 2; k++) {
        args = tu_fmt("%s '%s'", cmds[k], b);
        r = run_cli(args, NULL);
        assert_int_equal(r.status, 65);
        assert_int_equal(r.out_len, 0);
        assert_non_null(strstr(r.err, "larger than --max-doc-bytes"));
        assert_non_null(strstr(r.err, b));
        run_free(&r);
        free(args);
    }
    /* from standard input too */
    r = run_cli("tokenize --conll --max-doc-bytes 100 -", b);
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, "<stdin>: document larger than --max-doc-bytes 100: refused at byte 100"));
    run_free(&r);
    free(a);
    free(b);
    free(c);
}

/* tokenize reads long input in pieces cut at line breaks: the output must be the one of
 * the input as one document (--lenient reads it whole), with LF and CRLF, wrapped lines,
 * hyphens at line ends, lines opening with ¿ ¡, lower case, digits, and accents. */
static void tokenize_in_pieces_equals_whole(void **state)
{
    (void)state;
    require_bin();
    static const char *const line[] = {
        "El Gobierno anunció ayer 300 millones para Quito.", "¿Vendrá el ministro? Nadie lo sabe.",
        "la frase sigue aquí sin punto", "Ana Pérez llegó a las 10.30 h. a Lima", "con-",
        "tinúa tras el guion.", "¡Qué día! dijo Luis.", "2025 fue un año difícil, según la ONU.",
        "Árbol, Éxito y Ñandú empiezan con mayúscula.", "", "EE.UU.", "Sr.", "Díaz vive en Bogotá."};
    size_t nl = sizeof line / sizeof *line, cap = 400000, n = 0;
    for (int crlf = 0; crlf < 2; crlf++) {
        char *text = malloc(cap + 200);
        assert_non_null(text);
        n = 0;
        for (unsigned i = 0; n < cap; i++) {
            const char *l = line[(i * 7 + i / 13) % nl];
            n += (size_t)sprintf(text + n, "%s%s", l, crlf ? "\r\n" : "\n");
        }
        char *p = tmp_file(crlf ? "pieces-crlf.txt" : "pieces.txt", text, n);
        free(text);
        for (int conll = 0; conll < 2; conll++) {
            char *a1 = tu_fmt("tokenize %s '%s'", conll ? "--conll" : "", p);
            char *a2 = tu_fmt("tokenize --lenient --max-doc-bytes 0 %s '%s'", conll ? "--conll" : "", p);
            run r1 = run_cli(a1, NULL), r2 = run_cli(a2, NULL);
            assert_int_equal(r1.status, 0);
            assert_int_equal(r2.status, 0);
            assert_true(r1.out_len > n / 2);
            assert_int_equal(r1.out_len, r2.out_len);
            assert_memory_equal(r1.out, r2.out, r1.out_len);
            run_free(&r1);
            run_free(&r2);
            free(a1);
            free(a2);
        }
        free(p);
    }
}

/* ---------------------------------------------------------------- command line */

static void usage_errors_exit_64_with_a_hint(void **state)
{
    (void)state;
    require_bin();
    static const char *const bad[] = {
        "extract --no-such-option",
        "extract --date",
        "extract --date 12/07/2025",
        "extract --max-record 0",
        "extract --max-record diez",
        "extract --max-doc-bytes",
        "extract --max-doc-bytes -5",
        "extract --max-doc-bytes 10X",
        "tokenize --max-doc-bytes diez",
        "ingest --db x.db --max-doc-bytes 1.5M",
        "no-such-command",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        run r = run_cli(bad[i], NULL);
        if (r.status != 64) fail_msg("'hechos %s': exit %d, want 64", bad[i], r.status);
        assert_true(r.err_len > 0);
        assert_non_null(strstr(r.err, "help"));
        run_free(&r);
    }
    run r = run_cli("extract --no-such-option", NULL);
    assert_non_null(strstr(r.err, "--no-such-option"));
    assert_non_null(strstr(r.err, "hechos help extract"));
    assert_int_equal(count_lines(r.err), 1);
    run_free(&r);
}

static void version_and_help(void **state)
{
    (void)state;
    require_bin();
    run r = run_cli("--version", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "hechos " HX_VERSION));
    run_free(&r);
    r = run_cli("help extract", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Usage: hechos extract"));
    assert_non_null(strstr(r.out, "--jsonl"));
    assert_non_null(strstr(r.out, "--lenient"));
    run_free(&r);
    r = run_cli("extract --help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Usage: hechos extract"));
    run_free(&r);
    r = run_cli("help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "extract"));
    assert_non_null(strstr(r.out, "tokenize"));
    run_free(&r);
    r = run_cli("help no-such-command", NULL);
    assert_int_equal(r.status, 64);
    run_free(&r);
}

static void pretty_output_is_the_same_document(void **state)
{
    (void)state;
    require_bin();
    const char data[] = "El Sr. Pérez llegó a Madrid el lunes. «Todo bien», dijo.\n";
    char *p = tmp_file("pretty.txt", data, sizeof data - 1);
    char *a1 = tu_fmt("extract --date 2025-07-12 '%s'", p);
    char *a2 = tu_fmt("extract --date 2025-07-12 --pretty '%s'", p);
    run r1 = run_cli(a1, NULL), r2 = run_cli(a2, NULL);
    assert_int_equal(r1.status, 0);
    assert_int_equal(r2.status, 0);
    assert_true(count_lines(r2.out) > 10);
    json_t *v1 = json_loads(r1.out, 0, NULL), *v2 = json_loads(r2.out, 0, NULL);
    assert_non_null(v1);
    assert_non_null(v2);
    assert_true(json_equal(v1, v2));
    json_decref(v1);
    json_decref(v2);
    run_free(&r1);
    run_free(&r2);
    free(a1);
    free(a2);
    free(p);
}

static void tokenize_prints_tokens_and_offsets(void **state)
{
    (void)state;
    require_bin();
    const char data[] = "\xef\xbb\xbf" "Caf\xc3\xa9 y t\xc3\xa9. Fin.";
    char *p = tmp_file("tok.txt", data, sizeof data - 1);
    char *args = tu_fmt("tokenize '%s'", p);
    run r = run_cli(args, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "Caf\xc3\xa9\t1\t5\ny\t6\t7\nt\xc3\xa9\t8\t10\n.\t10\t11\n\nFin\t12\t15\n.\t15\t16\n");
    run_free(&r);
    free(args);
    args = tu_fmt("tokenize --conll '%s'", p);
    r = run_cli(args, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "Caf\xc3\xa9\ny\nt\xc3\xa9\n.\n\nFin\n.\n");
    run_free(&r);
    free(args);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_outputs_match),
        cmocka_unit_test(invalid_utf8_file_exits_65_naming_file_and_byte),
        cmocka_unit_test(nul_byte_exits_65),
        cmocka_unit_test(bad_file_does_not_stop_the_next_one),
        cmocka_unit_test(missing_file_exits_66),
        cmocka_unit_test(empty_input_is_an_empty_document),
        cmocka_unit_test(jsonl_bad_records_are_reported_and_skipped),
        cmocka_unit_test(jobs_keep_order_and_errors),
        cmocka_unit_test(jsonl_record_over_max_doc_bytes_is_skipped),
        cmocka_unit_test(text_over_max_doc_bytes_is_refused),
        cmocka_unit_test(usage_errors_exit_64_with_a_hint),
        cmocka_unit_test(version_and_help),
        cmocka_unit_test(pretty_output_is_the_same_document),
        cmocka_unit_test(tokenize_prints_tokens_and_offsets),
        cmocka_unit_test(tokenize_in_pieces_equals_whole),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
