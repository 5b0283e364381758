/*
 * cmd_extract.c -- `hechos extract`: articles in (text files or JSON Lines), document
 * JSON out, one object per line (or indented with --pretty).
 *
 * Records flow through a ring of 16 N slots: the main thread reads records into free
 * slots and prints analysed ones in input order, while N worker threads (-j N,
 * sharing the read-only context) analyse them, so reading, analysing and printing
 * overlap and no thread waits for a whole batch.  With -j 1 the main thread analyses
 * each record itself.  Memory is bounded by the ring, whatever the length of the
 * stream; a record longer than --max-record is skipped without being buffered.  A
 * bad text file or a bad JSON Lines record is reported on stderr with its name (and
 * line) and skipped; the rest is still processed.
 */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

const char usage_extract[] =
    "Usage: hechos extract [OPTIONS] [FILE|-]...\n"
    "\n"
    "Analyses each article and prints its document JSON (docs/schema.md): tokens,\n"
    "sentences, entity mentions, quantities, time expressions.  Without FILE, reads\n"
    "standard input.  A text file is one article; with --jsonl each line is one article,\n"
    "an object with \"text\" and optional \"id\", \"title\", \"date\", \"source\", \"url\".\n"
    "\n"
    "Options:\n"
    "  --jsonl            input is JSON Lines\n"
    "  --html             input is an HTML page: its main text and metadata (also found by content)\n"
    "  --feed             input is an RSS 2.0 or Atom feed: one article per item (also by content)\n"
    "  --warc             input is a WARC archive, .warc or .warc.gz (also by the file name):\n"
    "                     HTML responses with status 200 in Spanish, one article each\n"
    "  --date YYYY-MM-DD  publication date (for records without \"date\" and for text)\n"
    "  --pretty           indent the JSON (one document per block instead of per line)\n"
    "  --no-tokens        leave the token list out of the output\n"
    "  --format F         json (the document JSON, default) or plover: PLOVER JSON Lines,\n"
    "                     one record per event PLOVER codes (docs/events.md)\n"
    "  --parse            Universal Dependencies on every token: head, dep, upos, lemma\n"
    "                     (models parse.hxm, ud-upos.hxm; docs/parser.md; ~2x slower)\n"
    "  --no-tree          claims and events without the dependency tree (their older\n"
    "                     heuristics; by default the sentences with a cue or trigger are parsed)\n"
    "  --lenient          replace invalid UTF-8 and NUL bytes by U+FFFD instead of failing\n"
    "  --models DIR       load models from DIR (default: $HECHOS_MODELS or the installed ones)\n"
    "  --max-record N     skip records longer than N bytes (default 268435456; 67108864 for WARC)\n"
    "  -j N, --jobs N     analyse with N threads (output order is kept; default 1)\n"
    "\n"
    "Exit status: 0 all processed; 1 some JSON Lines records skipped; 65 bad input data;\n"
    "66 file not found; 64 usage error.\n";

typedef struct opts {
    int jsonl, pretty, lenient, no_tokens, jobs;
    int kind; /* CLI_TEXT (or by content), CLI_HTML, CLI_FEED, CLI_WARC */
    int plover;        /* --format plover */
    const char *date, *models;
    size_t max_record;
    int max_set; /* --max-record given: WARC records use it too (else 64 MB) */
} opts;

/* One input record and, once analysed, its output or its error. */
typedef struct job {
    char *data;        /* the record (text or JSON), owned */
    size_t len;
    char name[512];    /* "file" or "file:line", for messages and text ids */
    int is_json;
    char *info[6];     /* web input: id, title, date, source, url, meta JSON (owned) */
    char *out;         /* JSON, owned (hx_free) */
    size_t outlen;
    char err[320];     /* message when rc != 0 */
    int rc;            /* exit code of this record */
    int done;          /* analysed (set under the ring's lock) */
} job;

/* The ring of records between the reader, the workers and the printer.  Sequence
 * numbers only grow: records [head, next) are being analysed or done, [next, tail)
 * wait for a worker, and record k lives in slot k % cap. */
typedef struct ring {
    job *slot;
    size_t cap;
    size_t head, next, tail;
    int quit;
    pthread_mutex_t lock;
    pthread_cond_t work;  /* a record waits for a worker, or quit */
    pthread_cond_t ready; /* a record was analysed */
    pthread_t th[64];
    int nth;
    const hx_ctx *ctx;
    const opts *o;
    unsigned long *skipped;
    int rc;               /* worst exit code of what was printed */
} ring;

static void run_job(const hx_ctx *ctx, const opts *o, job *j)
{
    hx_error err;
    hx_doc *doc = NULL;
    hx_status st;
    if (j->is_json) {
        st = hx_doc_from_json(ctx, j->data, j->len, o->lenient ? HX_LENIENT : 0, &doc, &err);
        /* --date is the publication date of records that have none */
        if (st == HX_OK && o->date && !hx_doc_date(doc)) st = hx_doc_set_date(doc, o->date, &err);
    } else {
        hx_docinfo info = {j->name, NULL, o->date, NULL, NULL, NULL, o->lenient ? HX_LENIENT : 0};
        if (j->info[0]) { /* an article from a web page */
            info = (hx_docinfo){j->info[0], j->info[1], j->info[2] ? j->info[2] : o->date, j->info[3], j->info[4],
                                j->info[5], info.flags};
        }
        st = hx_doc_new(ctx, j->data, j->len, &info, &doc, &err);
    }
    for (int k = 0; k < 6; k++) free(j->info[k]);
    if (st == HX_OK) st = hx_doc_analyze(doc, &err);
    if (st == HX_OK && o->plover) st = hx_doc_plover(doc, &j->out, &j->outlen, &err);
    else if (st == HX_OK)
        st = hx_doc_json(doc, (o->pretty ? HX_JSON_PRETTY : 0) | (o->no_tokens ? HX_JSON_NO_TOKENS : 0),
                         &j->out, &j->outlen, &err);
    if (st != HX_OK) {
        snprintf(j->err, sizeof j->err, "%s", err.msg);
        j->rc = cli_exit_for(st);
    }
    hx_doc_free(doc);
    free(j->data);
    j->data = NULL;
}

static void *worker(void *arg)
{
    ring *r = arg;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (r->next == r->tail && !r->quit) pthread_cond_wait(&r->work, &r->lock);
        if (r->next == r->tail) break; /* quit, and nothing left */
        job *j = &r->slot[r->next++ % r->cap];
        pthread_mutex_unlock(&r->lock);
        run_job(r->ctx, r->o, j);
        pthread_mutex_lock(&r->lock);
        j->done = 1;
        pthread_cond_signal(&r->ready);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

/* Prints an analysed record (or its error), frees it and empties its slot. */
static void print_job(ring *r, job *j)
{
    if (j->rc != EXIT_OK) {
        if (j->is_json) {
            fprintf(stderr, "hechos: %s: %s (skipped)\n", j->name, j->err);
            (*r->skipped)++;
            if (j->rc == EXIT_OSERR) r->rc = EXIT_OSERR;
        } else {
            fprintf(stderr, "hechos: %s: %s\n", j->name, j->err);
            if (r->rc == EXIT_OK) r->rc = j->rc;
        }
    } else {
        fwrite(j->out, 1, j->outlen, stdout);
        if (!r->o->plover) fputc('\n', stdout); /* PLOVER records end in their own */
    }
    hx_free(j->out);
    memset(j, 0, sizeof *j);
    if (ferror(stdout)) r->rc = EXIT_IOERR;
}

/* Prints the records at the head of the ring that are done; with wait, first waits
 * until the head record is done (there must be one).  Called with the lock held. */
static void print_ready(ring *r, int wait)
{
    while (r->head < r->tail) {
        job *j = &r->slot[r->head % r->cap];
        if (!j->done) {
            if (!wait) return;
            pthread_cond_wait(&r->ready, &r->lock);
            continue;
        }
        pthread_mutex_unlock(&r->lock); /* print without holding up the workers */
        print_job(r, j);
        pthread_mutex_lock(&r->lock);
        r->head++;
        wait = 0;
    }
}

/* A free slot for the next record: prints what is ready and, when the ring is full,
 * waits for its oldest record. */
static job *ring_slot(ring *r)
{
    if (!r->nth) return &r->slot[0];
    pthread_mutex_lock(&r->lock);
    print_ready(r, 0);
    while (r->tail - r->head == r->cap) print_ready(r, 1);
    pthread_mutex_unlock(&r->lock);
    return &r->slot[r->tail % r->cap];
}

/* Hands the record filled in ring_slot's slot to the workers (or, without workers,
 * analyses and prints it). */
static void ring_push(ring *r)
{
    if (!r->nth) {
        run_job(r->ctx, r->o, &r->slot[0]);
        print_job(r, &r->slot[0]);
        return;
    }
    pthread_mutex_lock(&r->lock);
    r->tail++;
    pthread_cond_signal(&r->work);
    pthread_mutex_unlock(&r->lock);
}

/* Prints every record still in the ring, then stops the workers. */
static void ring_drain(ring *r)
{
    if (!r->nth) return;
    pthread_mutex_lock(&r->lock);
    while (r->head < r->tail) print_ready(r, 1);
    r->quit = 1;
    pthread_cond_broadcast(&r->work);
    pthread_mutex_unlock(&r->lock);
    for (int t = 0; t < r->nth; t++) pthread_join(r->th[t], NULL);
    r->nth = 0;
}

static int worse(int a, int b)
{
    if (a == EXIT_OK || a == EXIT_SKIPPED) return b == EXIT_OK ? a : b;
    return a;
}

/* An article of a web page, feed or WARC archive into the ring (cli_article_fn). */
static int extract_article(void *ud, const char *text, size_t len, const hx_docinfo *info, const char *where)
{
    ring *b = ud;
    job *j = ring_slot(b);
    if (b->rc == EXIT_IOERR) return EXIT_IOERR;
    const char *from[6] = {info->id ? info->id : where, info->title, info->date, info->source, info->url,
                           info->meta_json};
    int oom = !(j->data = malloc(len + 1));
    for (int k = 0; k < 6 && !oom; k++) oom = from[k] && !(j->info[k] = strdup(from[k]));
    if (oom) {
        free(j->data);
        for (int k = 0; k < 6; k++) free(j->info[k]);
        memset(j, 0, sizeof *j);
        return EXIT_OSERR;
    }
    memcpy(j->data, text, len);
    j->data[len] = '\0';
    j->len = len, j->is_json = 0;
    snprintf(j->name, sizeof j->name, "%s", where);
    ring_push(b);
    return EXIT_OK;
}

static int extract_text(ring *b, const char *path)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *buf;
    size_t len;
    if (b->o->kind == CLI_WARC || (b->o->kind == CLI_TEXT && cli_web_kind(path, NULL, 0) == CLI_WARC))
        return cli_web_warc(path, b->o->max_set ? b->o->max_record : 0, extract_article, b);
    int e = cli_read_file(path, &buf, &len);
    if (e) {
        cli_error(name, "%s", strerror(e));
        return cli_exit_for_errno(e);
    }
    int kind = b->o->kind != CLI_TEXT ? b->o->kind : cli_web_kind(path, buf, len);
    if (kind == CLI_HTML || kind == CLI_FEED || kind == CLI_WARC) {
        int rc = kind == CLI_HTML   ? cli_web_html(name, buf, len, extract_article, b)
                 : kind == CLI_FEED ? cli_web_feed(name, buf, len, extract_article, b)
                                    : cli_web_warc(path, b->o->max_set ? b->o->max_record : 0, extract_article, b);
        free(buf);
        return rc;
    }
    job *j = ring_slot(b);
    j->data = buf, j->len = len, j->is_json = 0;
    snprintf(j->name, sizeof j->name, "%s", name);
    ring_push(b);
    return EXIT_OK;
}

static int extract_jsonl(ring *b, const char *path, unsigned long *total)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        int e = errno; /* before printing, which may change errno */
        cli_error(name, "%s", strerror(e));
        return cli_exit_for_errno(e);
    }
    cli_lines r = {f, NULL, 0, b->o->max_record, 0};
    char *line;
    size_t len;
    int too_long, got, rc = EXIT_OK;
    while ((got = cli_next_line(&r, &line, &len, &too_long)) == 1) {
        if (!too_long && strspn(line, " \t\r") == len) continue; /* blank line */
        (*total)++;
        if (too_long) {
            fprintf(stderr, "hechos: %s:%lu: record longer than %zu bytes (skipped)\n", name, r.lineno,
                    b->o->max_record);
            (*b->skipped)++;
            continue;
        }
        job *j = ring_slot(b);
        if (b->rc == EXIT_IOERR) break;
        if (!(j->data = malloc(len + 1))) {
            rc = EXIT_OSERR;
            break;
        }
        memcpy(j->data, line, len + 1);
        j->len = len, j->is_json = 1;
        snprintf(j->name, sizeof j->name, "%s:%lu", name, r.lineno);
        ring_push(b);
    }
    if (got < 0) {
        cli_error(name, "read error after line %lu", r.lineno);
        rc = EXIT_IOERR;
    }
    free(r.buf);
    if (f != stdin) fclose(f);
    return rc;
}

int cmd_extract(int argc, char **argv)
{
    opts o = {0, 0, 0, 0, 1, CLI_TEXT, 0, NULL, NULL, (size_t)256 << 20, 0};
    int nfiles = 0, rc = EXIT_OK;
    unsigned long skipped = 0, total = 0;
    unsigned stages = 0;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return EXIT_OSERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--jsonl") == 0) o.jsonl = 1;
        else if (strcmp(a, "--pretty") == 0) o.pretty = 1;
        else if (strcmp(a, "--html") == 0) o.kind = CLI_HTML;
        else if (strcmp(a, "--feed") == 0) o.kind = CLI_FEED;
        else if (strcmp(a, "--warc") == 0) o.kind = CLI_WARC;
        else if (strcmp(a, "--lenient") == 0) o.lenient = 1;
        else if (strcmp(a, "--no-tokens") == 0) o.no_tokens = 1;
        else if (strcmp(a, "--parse") == 0) stages = (stages ? stages : HX_STAGE_ALL) | HX_STAGE_PARSE;
        else if (strcmp(a, "--no-tree") == 0) stages = (stages ? stages : HX_STAGE_ALL) & ~(unsigned)HX_STAGE_TREE;
        else if (strcmp(a, "--date") == 0 || strcmp(a, "--models") == 0 || strcmp(a, "--max-record") == 0
                 || strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 || strcmp(a, "--format") == 0) {
            if (i + 1 >= argc) {
                free(files);
                return cli_usage_error("extract", "option %s needs a value", a);
            }
            const char *v = argv[++i];
            char *end;
            if (strcmp(a, "--date") == 0) {
                int ok = strlen(v) == 10 && v[4] == '-' && v[7] == '-';
                for (int k = 0; ok && k < 10; k++) ok = k == 4 || k == 7 || (v[k] >= '0' && v[k] <= '9');
                if (!ok) {
                    free(files);
                    return cli_usage_error("extract", "--date wants YYYY-MM-DD, not '%s'", v);
                }
                o.date = v;
            } else if (strcmp(a, "--models") == 0) {
                o.models = v;
            } else if (strcmp(a, "--format") == 0) {
                if (strcmp(v, "json") != 0 && strcmp(v, "plover") != 0) {
                    free(files);
                    return cli_usage_error("extract", "--format wants json or plover, not '%s'", v);
                }
                o.plover = strcmp(v, "plover") == 0;
            } else if (strcmp(a, "--max-record") == 0) {
                unsigned long long n = strtoull(v, &end, 10);
                if (*end || n == 0 || v[0] == '-') {
                    free(files);
                    return cli_usage_error("extract", "--max-record wants a positive number, not '%s'", v);
                }
                o.max_record = (size_t)n;
                o.max_set = 1;
            } else {
                long n = strtol(v, &end, 10);
                if (*end || n < 1 || n > 64) {
                    free(files);
                    return cli_usage_error("extract", "%s wants a number of threads from 1 to 64, not '%s'", a, v);
                }
                o.jobs = (int)n;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            free(files);
            return cli_usage_error("extract", "unknown option '%s'", a);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (nfiles == 0) files[nfiles++] = "-";
    hx_ctx *ctx = cli_open_ctx(o.models, stages);
    ring b = {0};
    b.cap = o.jobs > 1 ? (size_t)o.jobs * 16 : 1;
    b.slot = calloc(b.cap, sizeof(job));
    b.ctx = ctx, b.o = &o, b.skipped = &skipped;
    if (!ctx || !b.slot) {
        free(files);
        free(b.slot);
        hx_ctx_free(ctx);
        return ctx ? EXIT_OSERR : EXIT_CONFIG;
    }
    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.work, NULL);
    pthread_cond_init(&b.ready, NULL);
    for (int t = 0; o.jobs > 1 && t < o.jobs; t++)
        if (pthread_create(&b.th[b.nth], NULL, worker, &b) == 0) b.nth++;
    for (int i = 0; i < nfiles && rc != EXIT_IOERR && b.rc != EXIT_IOERR; i++)
        rc = worse(rc, o.jsonl ? extract_jsonl(&b, files[i], &total) : extract_text(&b, files[i]));
    ring_drain(&b);
    rc = worse(rc, b.rc);
    if (skipped) {
        fprintf(stderr, "hechos: %lu of %lu records skipped\n", skipped, total);
        rc = worse(rc, EXIT_SKIPPED);
    }
    if (fflush(stdout) != 0) rc = EXIT_IOERR;
    pthread_mutex_destroy(&b.lock);
    pthread_cond_destroy(&b.work);
    pthread_cond_destroy(&b.ready);
    hx_ctx_free(ctx);
    free(b.slot);
    free(files);
    return rc;
}
