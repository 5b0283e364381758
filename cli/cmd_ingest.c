/*
 * cmd_ingest.c -- `hechos ingest`: analyse articles and store them in a corpus
 * database (docs/store.md).
 *
 * Each record is turned into a document first; when its content hash is stored
 * already it is counted and not analysed again, so re-running an interrupted ingest
 * only does the missing work.  A bad record is reported with its line number and
 * skipped; the others are stored.  Progress goes to standard error once a second on a
 * terminal (every ten seconds otherwise), with an ETA when the input size is known.
 *
 * Faults: SIGINT or SIGTERM stops the ingest between two articles; what was stored is
 * committed, a message says so and the exit status is 130 or 143, so the same command
 * run again finishes the work.  A database that cannot be written (disk full, a file
 * size limit: SIGXFSZ is ignored so the write fails instead of killing the process)
 * stops the ingest with one clear line and status 74; SQLite rolls the failed
 * transaction back, so the store is left as of the last commit.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char usage_ingest[] =
    "Usage: hechos ingest --db FILE.db [OPTIONS] (FILE... | -)\n"
    "\n"
    "Analyses each article and stores its document, entities (resolved across documents\n"
    "by name, type and country), mentions, quantities, times, claims and events in the\n"
    "SQLite database FILE.db (created when missing; schema in docs/store.md) or in a\n"
    "PostgreSQL database (--db postgresql://... or a libpq connection string).  Storing\n"
    "is idempotent: an article whose text, title, date and source are stored already is\n"
    "skipped, so re-running an interrupted ingest completes it.\n"
    "\n"
    "Options:\n"
    "  --db FILE|URI      the database: a SQLite file or PostgreSQL (required)\n"
    "  --jsonl            input is JSON Lines: {\"text\", \"id\", \"title\", \"date\", \"source\", \"url\"}\n"
    "  --html             input is an HTML page: its main text and metadata (also found by content)\n"
    "  --feed             input is an RSS 2.0 or Atom feed: one article per item (also by content)\n"
    "  --warc             input is a WARC archive, .warc or .warc.gz (also by the file name)\n"
    "  --analyzed         input is document JSON Lines (hechos extract output) with \"text\"\n"
    "  --date YYYY-MM-DD  publication date for text files and records without one\n"
    "  --lenient          replace invalid UTF-8 and NUL bytes instead of rejecting the record\n"
    "  --models DIR       load models from DIR\n"
    "  --batch N          articles per transaction (default 256)\n"
    "  --quiet            no progress lines\n"
    "  --max-doc-bytes N  skip a document of more than N bytes (a text file, a JSON Lines\n"
    "                     record, an article of a page, feed or archive; K, M, G suffixes,\n"
    "                     0 for no limit; default 10M)\n"
    "\n"
    "SIGINT (Ctrl-C) or SIGTERM stops between two articles and commits what was stored.\n"
    "\n"
    "Exit status: 0 all stored; 1 some records were bad and skipped; 64 usage error;\n"
    "66 input or database not found; 74 database error (a full disk included);\n"
    "130 or 143 interrupted by SIGINT or SIGTERM (run the same command again to finish).\n";

typedef struct opts {
    const char *db, *date, *models;
    int jsonl, analyzed, lenient, quiet;
    int kind; /* CLI_TEXT (or by content), CLI_HTML, CLI_FEED, CLI_WARC */
    size_t batch;
    size_t max_doc; /* --max-doc-bytes */
} opts;

/* The signal that asked the ingest to stop, or 0 (set by on_signal, read between
 * articles). */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig) { stop_signal = sig; }

/* The database could not be written (the ingest stopped). */
static int db_failed;

/* SIGINT and SIGTERM set stop_signal (no SA_RESTART: a blocked read returns); a write
 * over RLIMIT_FSIZE fails with EFBIG instead of killing the process. */
static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGXFSZ, SIG_IGN);
}

typedef struct tally {
    unsigned long read, added, present, skipped;
    unsigned long long bytes, total_bytes; /* consumed, and known input size (0: unknown) */
    double start, last;
    int tty;
} tally;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(tally *t, const opts *o, int final)
{
    double n = now(), el = n - t->start;
    if (o->quiet && !final) return;
    if (!final && n - t->last < (t->tty ? 1.0 : 10.0)) return;
    t->last = n;
    double rate = el > 0 ? t->read / el : 0;
    fprintf(stderr, "%shechos ingest: %lu articles (%lu new, %lu stored already, %lu skipped), %.0f/s",
            t->tty ? "\r" : "", t->read, t->added, t->present, t->skipped, rate);
    if (!final && t->total_bytes && t->bytes > 0 && t->bytes <= t->total_bytes) {
        double left = el * (double)(t->total_bytes - t->bytes) / (double)t->bytes;
        fprintf(stderr, ", %.0f%%, ETA %dm%02ds", 100.0 * t->bytes / t->total_bytes, (int)left / 60,
                (int)left % 60);
    }
    if (final) fprintf(stderr, " in %.1f s\n", el);
    else fputs(t->tty ? "   " : "\n", stderr);
}

/* Stores one document (analysing it unless stored already); returns an exit code. */
static int store_doc(hx_store *st, hx_doc *doc, tally *t, const char *name)
{
    hx_error err;
    int found = 0, added = 0;
    if (hx_store_contains(st, doc, &found, &err) != HX_OK) {
        cli_error(name, "%s", err.msg);
        return cli_exit_for(err.code);
    }
    if (found) {
        t->present++;
        return EXIT_OK;
    }
    if (hx_doc_analyze(doc, &err) != HX_OK || hx_store_ingest(st, doc, &added, &err) != HX_OK) {
        if (err.code == HX_IO) { /* the database, not the article: stop */
            cli_error(name, "not stored: %s", err.msg);
            db_failed = 1;
            return EXIT_IOERR;
        }
        cli_error(name, "%s (skipped)", err.msg);
        t->skipped++;
        return EXIT_OK;
    }
    if (added) t->added++;
    else t->present++;
    return EXIT_OK;
}

typedef struct web_sink {
    hx_ctx *ctx;
    hx_store *st;
    const opts *o;
    tally *t;
} web_sink;

/* One article of a web page, feed or WARC archive into the store (cli_article_fn). */
static int ingest_article(void *ud, const char *text, size_t len, const hx_docinfo *info, const char *where)
{
    web_sink *k = ud;
    hx_docinfo di = *info;
    hx_doc *doc;
    hx_error err;
    if (stop_signal) return EXIT_IOERR; /* stops the page, feed or archive; reported as the signal */
    if (!di.date) di.date = k->o->date;
    di.flags = k->o->lenient ? HX_LENIENT : 0;
    k->t->read++;
    k->t->bytes += len;
    if (len > k->o->max_doc) {
        cli_error(where, "article of %zu bytes, larger than --max-doc-bytes %zu (skipped)", len, k->o->max_doc);
        k->t->skipped++;
        return EXIT_OK;
    }
    if (hx_doc_new(k->ctx, text, len, &di, &doc, &err) != HX_OK) {
        cli_error(where, "%s (skipped)", err.msg);
        k->t->skipped++;
        return EXIT_OK;
    }
    int rc = store_doc(k->st, doc, k->t, where);
    hx_doc_free(doc);
    progress(k->t, k->o, 0);
    return rc;
}

static int ingest_text(hx_ctx *ctx, hx_store *st, const char *path, const opts *o, tally *t)
{
    char *buf;
    size_t len;
    hx_error err;
    hx_doc *doc;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    web_sink sink = {ctx, st, o, t};
    if (o->kind == CLI_WARC || (o->kind == CLI_TEXT && cli_web_kind(path, NULL, 0) == CLI_WARC))
        return cli_web_warc(path, 0, ingest_article, &sink); /* 1 when records were skipped */
    int kind, e = cli_read_input(path, o->kind, o->max_doc, (size_t)256 << 20, &buf, &len, &kind);
    if (e) {
        t->skipped++;
        return e == EXIT_DATAERR ? EXIT_OK : e; /* over the limit: skipped like a bad record */
    }
    if (kind != CLI_TEXT) {
        int rc = kind == CLI_HTML   ? cli_web_html(name, buf, len, ingest_article, &sink)
                 : kind == CLI_FEED ? cli_web_feed(name, buf, len, ingest_article, &sink)
                                    : cli_web_warc(path, 0, ingest_article, &sink);
        free(buf);
        if (rc == EXIT_DATAERR) t->skipped++, rc = EXIT_OK; /* a broken page or feed */
        return rc;
    }
    t->read++;
    t->bytes += len;
    hx_docinfo info = {name, NULL, o->date, NULL, NULL, NULL, o->lenient ? HX_LENIENT : 0};
    hx_status s = hx_doc_new(ctx, buf, len, &info, &doc, &err);
    free(buf);
    if (s != HX_OK) {
        cli_error(name, "%s (skipped)", err.msg);
        t->skipped++;
        return EXIT_OK;
    }
    int rc = store_doc(st, doc, t, name);
    hx_doc_free(doc);
    return rc;
}

static int ingest_jsonl(hx_ctx *ctx, hx_store *st, const char *path, const opts *o, tally *t)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        int e = errno; /* before printing, which may change errno */
        cli_error(name, "%s", strerror(e));
        return cli_exit_for_errno(e);
    }
    /* document JSON (--analyzed) is not analysed again: only its own reader's limit */
    cli_lines r = {f, NULL, 0, o->analyzed ? (size_t)256 << 20 : o->max_doc, 0};
    char *line, where[512];
    size_t len;
    int too_long, got = 0, rc = EXIT_OK;
    while (!stop_signal && (got = cli_next_line(&r, &line, &len, &too_long)) == 1) {
        t->bytes += len + 1;
        if (!too_long && strspn(line, " \t\r") == len) continue;
        t->read++;
        snprintf(where, sizeof where, "%s:%lu", name, r.lineno);
        hx_error err;
        if (too_long) {
            if (o->analyzed)
                cli_error(where, "record longer than %zu bytes: refused at byte %zu of the line (skipped)", r.max, r.max);
            else
                cli_error(where, "record longer than --max-doc-bytes %zu: refused at byte %zu of the line (skipped)",
                          r.max, r.max);
            t->skipped++;
        } else if (o->analyzed) {
            int added = 0;
            if (hx_store_ingest_json(st, line, len, &added, &err) != HX_OK) {
                cli_error(where, "%s (skipped)", err.msg);
                t->skipped++;
                if (err.code == HX_IO) rc = EXIT_IOERR;
            } else if (added) {
                t->added++;
            } else {
                t->present++;
            }
        } else {
            hx_doc *doc = NULL;
            hx_status s = hx_doc_from_json(ctx, line, len, o->lenient ? HX_LENIENT : 0, &doc, &err);
            /* --date is the publication date of records that have none */
            if (s == HX_OK && o->date && !hx_doc_date(doc)) s = hx_doc_set_date(doc, o->date, &err);
            if (s != HX_OK) {
                if (doc) hx_doc_free(doc);
                cli_error(where, "%s (skipped)", err.msg);
                t->skipped++;
            } else {
                rc = store_doc(st, doc, t, where);
                hx_doc_free(doc);
            }
        }
        if (rc == EXIT_IOERR) break;
        progress(t, o, 0);
    }
    if (got < 0 && !stop_signal) { /* a signal interrupts a blocked read */
        cli_error(name, "read error after line %lu", r.lineno);
        rc = EXIT_IOERR;
    }
    free(r.buf);
    if (f != stdin) fclose(f);
    return rc;
}

/* The closing message of an interrupted or failed ingest, and the exit status. */
static int finish(const opts *o, int rc, const tally *t)
{
    if (stop_signal) {
        fprintf(stderr, "hechos ingest: interrupted by %s: the %lu new articles stored before are committed; "
                "run the same command again to finish\n", stop_signal == SIGINT ? "SIGINT" : "SIGTERM", t->added);
        return 128 + stop_signal;
    }
    if (db_failed)
        fprintf(stderr, "hechos ingest: stopped: %s could not be written (disk full or file size limit?); what was "
                "committed before is intact, run the same command again when there is room\n", o->db);
    if (rc == EXIT_OK && t->skipped) rc = EXIT_SKIPPED;
    return rc;
}

int cmd_ingest(int argc, char **argv)
{
    opts o = {NULL, NULL, NULL, 0, 0, 0, 0, CLI_TEXT, 0, CLI_MAX_DOC_DEFAULT};
    tally t = {0};
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, rc = EXIT_OK, only_files = 0;
    if (!files) return EXIT_OSERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) files[nfiles++] = argv[i];
        else if (strcmp(a, "--") == 0) only_files = 1;
        else if (strcmp(a, "--jsonl") == 0) o.jsonl = 1;
        else if (strcmp(a, "--analyzed") == 0) o.jsonl = o.analyzed = 1;
        else if (strcmp(a, "--lenient") == 0) o.lenient = 1;
        else if (strcmp(a, "--quiet") == 0) o.quiet = 1;
        else if (strcmp(a, "--html") == 0) o.kind = CLI_HTML;
        else if (strcmp(a, "--feed") == 0) o.kind = CLI_FEED;
        else if (strcmp(a, "--warc") == 0) o.kind = CLI_WARC;
        else if (strcmp(a, "--max-doc-bytes") == 0) {
            if (i + 1 >= argc || cli_parse_size(argv[++i], &o.max_doc)) {
                free(files);
                return cli_usage_error("ingest", "--max-doc-bytes wants a size (N, NK, NM, NG; 0 for none)");
            }
        } else if (strcmp(a, "--db") == 0 || strcmp(a, "--date") == 0 || strcmp(a, "--models") == 0 ||
                 strcmp(a, "--batch") == 0) {
            if (i + 1 >= argc) {
                free(files);
                return cli_usage_error("ingest", "%s needs a value", a);
            }
            const char *v = argv[++i];
            if (strcmp(a, "--db") == 0) o.db = v;
            else if (strcmp(a, "--date") == 0) o.date = v;
            else if (strcmp(a, "--models") == 0) o.models = v;
            else {
                char *end;
                long long n = strtoll(v, &end, 10);
                if (*end || n < 1) {
                    free(files);
                    return cli_usage_error("ingest", "--batch needs a positive number");
                }
                o.batch = (size_t)n;
            }
        } else {
            free(files);
            return cli_usage_error("ingest", "unknown option '%s'", a);
        }
    }
    if (!o.db) {
        free(files);
        return cli_usage_error("ingest", "--db FILE is required");
    }
    if (nfiles == 0) files[nfiles++] = "-";
    for (int i = 0; i < nfiles; i++) {
        struct stat sb;
        if (strcmp(files[i], "-") != 0 && stat(files[i], &sb) == 0 && S_ISREG(sb.st_mode))
            t.total_bytes += (unsigned long long)sb.st_size;
        else if (strcmp(files[i], "-") == 0 && fstat(0, &sb) == 0 && S_ISREG(sb.st_mode))
            t.total_bytes += (unsigned long long)sb.st_size;
    }
    hx_ctx *ctx = o.analyzed ? NULL : cli_open_ctx(o.models, 0);
    hx_store *st = NULL;
    hx_error err;
    if (!o.analyzed && !ctx) {
        free(files);
        return EXIT_CONFIG;
    }
    if (hx_store_open(o.db, 0, &st, &err) != HX_OK) {
        cli_error(o.db, "%s", err.msg);
        hx_ctx_free(ctx);
        free(files);
        return err.code == HX_UNSUPPORTED ? EXIT_DATAERR : EXIT_IOERR;
    }
    if (o.batch) hx_store_set_batch(st, o.batch);
    t.tty = isatty(2);
    t.start = t.last = now();
    catch_signals();
    for (int i = 0; i < nfiles && rc != EXIT_IOERR && !stop_signal; i++) {
        int r = o.jsonl ? ingest_jsonl(ctx, st, files[i], &o, &t) : ingest_text(ctx, st, files[i], &o, &t);
        if (!o.jsonl) progress(&t, &o, 0);
        if (r != EXIT_OK && rc == EXIT_OK) rc = r;
        if (r == EXIT_IOERR) rc = r;
    }
    if (hx_store_commit(st, &err) != HX_OK) {
        cli_error(o.db, "%s", err.msg);
        rc = EXIT_IOERR;
        db_failed = 1;
    }
    hx_store_close(st);
    hx_ctx_free(ctx);
    free(files);
    if (!o.quiet || t.skipped || stop_signal) progress(&t, &o, 1);
    return finish(&o, rc, &t);
}
