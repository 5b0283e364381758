/*
 * cmd_extract.c -- `hechos extract`: articles in (text files or JSON Lines), document
 * JSON out, one object per line (or indented with --pretty).
 *
 * A bad text file is reported and the next file is processed; a bad JSON Lines record
 * is reported with its line number and skipped.  Memory does not grow with the stream:
 * one record is held at a time, and a record longer than --max-record is skipped
 * without being buffered.
 */
#include "cli.h"

#include <errno.h>
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
    "  --date YYYY-MM-DD  publication date (for records without \"date\" and for text)\n"
    "  --pretty           indent the JSON (one document per block instead of per line)\n"
    "  --no-tokens        leave the token list out of the output\n"
    "  --lenient          replace invalid UTF-8 and NUL bytes by U+FFFD instead of failing\n"
    "  --models DIR       load models from DIR (default: $HECHOS_MODELS or the installed ones)\n"
    "  --max-record N     skip records longer than N bytes (default 268435456)\n"
    "\n"
    "Exit status: 0 all processed; 1 some JSON Lines records skipped; 65 bad input data;\n"
    "66 file not found; 64 usage error.\n";

typedef struct opts {
    int jsonl, pretty, lenient, no_tokens;
    const char *date, *models;
    size_t max_record;
} opts;

static int emit(hx_doc *doc, const opts *o, const char *name)
{
    hx_error err;
    char *json;
    size_t len;
    if (hx_doc_analyze(doc, &err) != HX_OK || hx_doc_json(doc, (o->pretty ? HX_JSON_PRETTY : 0)
                                                                 | (o->no_tokens ? HX_JSON_NO_TOKENS : 0),
                                                          &json, &len, &err) != HX_OK) {
        cli_error(name, "%s", err.msg);
        return cli_exit_for(err.code);
    }
    fwrite(json, 1, len, stdout);
    fputc('\n', stdout);
    hx_free(json);
    return ferror(stdout) ? EXIT_IOERR : EXIT_OK;
}

static int extract_text(hx_ctx *ctx, const char *path, const opts *o)
{
    char *buf;
    size_t len;
    hx_error err;
    hx_doc *doc;
    int e = cli_read_file(path, &buf, &len);
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (e) {
        cli_error(name, "%s", strerror(e));
        return e == ENOENT ? EXIT_NOINPUT : e == ENOMEM ? EXIT_OSERR : EXIT_IOERR;
    }
    hx_docinfo info = {name, NULL, o->date, NULL, NULL, NULL, o->lenient ? HX_LENIENT : 0};
    hx_status st = hx_doc_new(ctx, buf, len, &info, &doc, &err);
    free(buf);
    if (st != HX_OK) {
        cli_error(name, "%s", err.msg);
        return cli_exit_for(st);
    }
    int rc = emit(doc, o, name);
    hx_doc_free(doc);
    return rc;
}

static int extract_jsonl(hx_ctx *ctx, const char *path, const opts *o)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error(name, "%s", strerror(errno));
        return errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR;
    }
    cli_lines r = {f, NULL, 0, o->max_record, 0};
    char *line;
    size_t len;
    int too_long, got, rc = EXIT_OK;
    unsigned long skipped = 0, total = 0;
    while ((got = cli_next_line(&r, &line, &len, &too_long)) == 1) {
        if (!too_long && strspn(line, " \t\r") == len) continue; /* blank line */
        total++;
        if (too_long) {
            fprintf(stderr, "hechos: %s:%lu: record longer than %zu bytes (skipped)\n", name, r.lineno,
                    o->max_record);
            skipped++;
            continue;
        }
        hx_doc *doc;
        hx_error err;
        hx_status st = hx_doc_from_json(ctx, line, len, o->lenient ? HX_LENIENT : 0, &doc, &err);
        if (st != HX_OK) {
            fprintf(stderr, "hechos: %s:%lu: %s (skipped)\n", name, r.lineno, err.msg);
            skipped++;
            if (st == HX_NOMEM) rc = EXIT_OSERR;
            continue;
        }
        char lineno[64];
        snprintf(lineno, sizeof lineno, "%s:%lu", name, r.lineno);
        int erc = emit(doc, o, lineno);
        hx_doc_free(doc);
        if (erc == EXIT_IOERR) {
            rc = erc;
            break;
        }
        if (erc != EXIT_OK) skipped++;
    }
    if (got < 0) {
        cli_error(name, "read error after line %lu", r.lineno);
        rc = EXIT_IOERR;
    }
    free(r.buf);
    if (f != stdin) fclose(f);
    if (skipped) {
        fprintf(stderr, "hechos: %s: %lu of %lu records skipped\n", name, skipped, total);
        if (rc == EXIT_OK) rc = EXIT_SKIPPED;
    }
    return rc;
}

int cmd_extract(int argc, char **argv)
{
    opts o = {0, 0, 0, 0, NULL, NULL, (size_t)256 << 20};
    int nfiles = 0, rc = EXIT_OK;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) return EXIT_OSERR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--jsonl") == 0) o.jsonl = 1;
        else if (strcmp(a, "--pretty") == 0) o.pretty = 1;
        else if (strcmp(a, "--lenient") == 0) o.lenient = 1;
        else if (strcmp(a, "--no-tokens") == 0) o.no_tokens = 1;
        else if ((strcmp(a, "--date") == 0 || strcmp(a, "--models") == 0 || strcmp(a, "--max-record") == 0)) {
            if (i + 1 >= argc) {
                free(files);
                return cli_usage_error("extract", "option %s needs a value", a);
            }
            const char *v = argv[++i];
            if (a[2] == 'd') {
                if (strlen(v) != 10 || v[4] != '-' || v[7] != '-') {
                    free(files);
                    return cli_usage_error("extract", "--date wants YYYY-MM-DD, not '%s'", v);
                }
                o.date = v;
            } else if (a[2] == 'm' && a[3] == 'o') {
                o.models = v;
            } else {
                char *end;
                unsigned long long n = strtoull(v, &end, 10);
                if (*end || n == 0) {
                    free(files);
                    return cli_usage_error("extract", "--max-record wants a positive number, not '%s'", v);
                }
                o.max_record = (size_t)n;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            free(files);
            return cli_usage_error("extract", "unknown option '%s'", a);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (nfiles == 0) files[nfiles++] = "-";
    hx_ctx *ctx = cli_open_ctx(o.models, 0);
    if (!ctx) {
        free(files);
        return EXIT_CONFIG;
    }
    for (int i = 0; i < nfiles; i++) {
        int r = o.jsonl ? extract_jsonl(ctx, files[i], &o) : extract_text(ctx, files[i], &o);
        if (r == EXIT_IOERR && ferror(stdout)) {
            rc = r;
            break;
        }
        if (r != EXIT_OK && (rc == EXIT_OK || rc == EXIT_SKIPPED)) rc = r;
    }
    if (fflush(stdout) != 0) rc = EXIT_IOERR;
    hx_ctx_free(ctx);
    free(files);
    return rc;
}
