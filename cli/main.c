/*
 * main.c -- the `hechos` command: dispatches to the subcommands in cmd_*.c, and holds
 * what they share (error printing, file and line reading, context creation).
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const cli_cmd cli_commands[] = {
    {"extract", cmd_extract, "analyse articles and print their facts as JSON", usage_extract},
    {"tokenize", cmd_tokenize, "print tokens and sentences", usage_tokenize},
    {"tag", cmd_tag, "add predicted POS and NER columns to a CoNLL file", usage_tag},
    {"parse", cmd_parse, "Universal Dependencies parse (CoNLL-U) of text or CoNLL-U", usage_parse},
    {"train", cmd_train, "train a POS or NER model from CoNLL files", usage_train},
    {"recognize", cmd_recognize, "Recognizers-Text compatible numbers, units and dates", usage_recognize},
    {"ingest", cmd_ingest, "analyse articles into a corpus database (SQLite)", usage_ingest},
    {"query", cmd_query, "ask a corpus database: entities, claims, figures, conflicts, graph", usage_query},
    {"serve", cmd_serve, "HTTP API and browser views of articles and a corpus", usage_serve},
    {NULL, NULL, NULL, NULL},
};

static const char exit_codes[] =
    "Exit codes: 0 success; 1 some input records were bad and skipped; 64 usage error;\n"
    "65 bad input data (invalid UTF-8, NUL byte, broken JSON); 66 input not found;\n"
    "70 internal error; 71 out of memory; 74 read/write error; 78 bad or missing model.\n";

static void general_help(FILE *f)
{
    fprintf(f, "hechos %s -- structured, sourced facts from Spanish news\n\n"
               "Usage: hechos COMMAND [OPTIONS] [ARGS]\n\nCommands:\n", HX_VERSION);
    for (const cli_cmd *c = cli_commands; c->name; c++) fprintf(f, "  %-10s %s\n", c->name, c->summary);
    fprintf(f, "  %-10s %s\n\nRun 'hechos help COMMAND' for the options of one command.\n%s",
            "help", "show help for a command", exit_codes);
}

static const cli_cmd *find_cmd(const char *name)
{
    for (const cli_cmd *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0) return c;
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        general_help(stderr);
        return EXIT_USAGE;
    }
    const char *a = argv[1];
    if (strcmp(a, "--version") == 0 || strcmp(a, "version") == 0) {
        printf("hechos %s (document schema %d)\n", HX_VERSION, HX_SCHEMA_VERSION);
        return EXIT_OK;
    }
    if (strcmp(a, "help") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
        if (argc > 2 && strcmp(a, "help") == 0) {
            const cli_cmd *c = find_cmd(argv[2]);
            if (!c) return cli_usage_error(NULL, "unknown command '%s'", argv[2]);
            fputs(c->usage, stdout);
            return EXIT_OK;
        }
        general_help(stdout);
        return EXIT_OK;
    }
    const cli_cmd *c = find_cmd(a);
    if (!c) return cli_usage_error(NULL, "unknown command '%s'", a);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(c->usage, stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--") == 0) break;
    }
    return c->run(argc - 1, argv + 1);
}

/* ---------------------------------------------------------------- shared helpers */

/* Writes prefix, the formatted message and suffix as one line: a control character
 * that came from the input (a file name, an option) is shown as '?'. */
static void put_line(const char *prefix, const char *suffix, const char *fmt, va_list ap)
{
    char msg[2048];
    size_t k = (size_t)snprintf(msg, sizeof msg, "%s", prefix);
    if (k < sizeof msg)
        vsnprintf(msg + k, sizeof msg - k, fmt, ap);
    for (char *c = msg; *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c == 0x7f) *c = '?';
    fprintf(stderr, "%s%s\n", msg, suffix);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    char prefix[256], suffix[256];
    snprintf(prefix, sizeof prefix, "hechos%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    snprintf(suffix, sizeof suffix, " (see 'hechos help%s%s')", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    put_line(prefix, suffix, fmt, ap);
    va_end(ap);
    return EXIT_USAGE;
}

const char *cli_redact(const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s", name ? name : "");
    char *uri = strstr(out, "://"), *at = uri ? strchr(uri + 3, '@') : NULL, *colon = NULL;
    for (char *c = uri ? uri + 3 : NULL; c && c < at; c++)
        if (*c == ':' && !colon) colon = c;
    if (colon && at - colon > 1 && strlen(out) + 4 < cap) { /* URI user:password@ */
        memmove(colon + 4, at, strlen(at) + 1);
        memcpy(colon + 1, "***", 3);
    }
    for (char *p = strstr(out, "password="); p; p = strstr(p + 1, "password=")) {
        char *v = p + 9, *e = v;
        while (*e && *e != ' ' && *e != '&') e++;
        if (e - v > 3) {
            memcpy(v, "***", 3);
            memmove(v + 3, e, strlen(e) + 1);
        }
    }
    return out;
}

void cli_error(const char *name, const char *fmt, ...)
{
    va_list ap;
    char prefix[1100], safe[1025];
    snprintf(prefix, sizeof prefix, "hechos: %.1024s: ", cli_redact(name, safe, sizeof safe));
    va_start(ap, fmt);
    put_line(prefix, "", fmt, ap);
    va_end(ap);
}

int cli_exit_for_errno(int e)
{
    return e == ENOENT ? EXIT_NOINPUT : e == ENOMEM ? EXIT_OSERR : EXIT_IOERR;
}

int cli_exit_for(hx_status st)
{
    switch (st) {
    case HX_OK: return EXIT_OK;
    case HX_NOMEM: return EXIT_OSERR;
    case HX_UTF8: case HX_NUL: case HX_JSON: case HX_FIELD: case HX_TOOBIG: return EXIT_DATAERR;
    case HX_IO: return EXIT_IOERR;
    case HX_NOTFOUND: return EXIT_NOINPUT;
    case HX_MODEL: return EXIT_CONFIG;
    case HX_INVAL: case HX_UNSUPPORTED: return EXIT_USAGE;
    default: return EXIT_SOFTWARE;
    }
}

int cli_parse_size(const char *v, size_t *out)
{
    char *end;
    if (!*v || *v < '0' || *v > '9') return -1;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    int shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20 : *end == 'G' || *end == 'g' ? 30 : 0;
    if (shift) end++;
    if (*end || errno || n > (1ull << 40)) return -1;
    *out = n == 0 ? SIZE_MAX : (size_t)(n << shift);
    return 0;
}

void cli_too_big(const char *name, size_t max, size_t at)
{
    cli_error(name, "document larger than --max-doc-bytes %zu: refused at byte %zu (raise the limit with "
              "--max-doc-bytes N, 0 for none)", max, at);
}

int cli_read_file(const char *path, char **out, size_t *len)
{
    return cli_read_file_max(path, SIZE_MAX, out, len);
}

int cli_read_more(FILE *f, size_t max, char **buf, size_t *len, size_t *cap)
{
    for (;;) {
        if (*len == *cap || !*buf) {
            size_t nc = *buf ? *cap * 2 : (size_t)1 << 16;
            /* no more than max + 1 bytes are ever needed */
            if (max < SIZE_MAX && nc > max + 1) nc = max + 1 > *len ? max + 1 : *len + 1;
            char *nb = nc < ((size_t)1 << 40) ? realloc(*buf, nc) : NULL;
            if (!nb) return ENOMEM;
            *buf = nb;
            *cap = nc;
        }
        size_t k = fread(*buf + *len, 1, *cap - *len, f);
        *len += k;
        if (*len > max) return EFBIG;
        if (k == 0) break;
    }
    return ferror(f) ? EIO : 0;
}

int cli_read_input(const char *path, int kind_opt, size_t max_doc, size_t max_web, char **out, size_t *len,
                   int *kind)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        int e = errno;
        cli_error(name, "%s", strerror(e));
        return cli_exit_for_errno(e);
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int e = cli_read_more(f, max_doc, &buf, &n, &cap);
    *kind = kind_opt != CLI_TEXT ? kind_opt : cli_web_kind(path, buf, n);
    int web = *kind == CLI_HTML || *kind == CLI_FEED;
    if (e == EFBIG && web) /* a page or feed is more than its text: read on */
        e = cli_read_more(f, max_web, &buf, &n, &cap);
    if (f != stdin) fclose(f);
    if (e == EFBIG && !web) cli_too_big(name, max_doc, max_doc);
    else if (e == EFBIG) cli_error(name, "larger than --max-record %zu bytes: refused at byte %zu", max_web, max_web);
    else if (e) cli_error(name, "%s", strerror(e));
    if (e) {
        free(buf);
        return e == EFBIG ? EXIT_DATAERR : cli_exit_for_errno(e);
    }
    *out = buf;
    *len = n;
    return EXIT_OK;
}

int cli_read_file_max(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f) return errno ? errno : ENOENT;
    int e = cli_read_more(f, max, &buf, &n, &cap);
    if (f != stdin) fclose(f);
    if (e) {
        free(buf);
        return e;
    }
    *out = buf;
    *len = n;
    return 0;
}

int cli_next_line(cli_lines *r, char **line, size_t *len, int *too_long)
{
    size_t n = 0;
    int c;
    *too_long = 0;
    for (;;) {
        c = getc_unlocked(r->f);
        if (c == EOF) break;
        if (c == '\n') break;
        if (n >= r->max) {
            *too_long = 1;
            continue; /* consume the rest of the line without keeping it */
        }
        if (n + 1 >= r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 4096;
            char *nb = realloc(r->buf, cap);
            if (!nb) {
                *too_long = 1; /* cannot hold it: report as too long, keep going */
                n = r->max;
                continue;
            }
            r->buf = nb;
            r->cap = cap;
        }
        r->buf[n++] = (char)c;
    }
    if (ferror(r->f)) return -1;
    if (c == EOF && n == 0 && !*too_long) return 0;
    r->lineno++;
    if (*too_long) n = 0;
    if (!r->buf) {
        r->buf = malloc(1);
        if (!r->buf) return -1;
        r->cap = 1;
    }
    if (n > 0 && r->buf[n - 1] == '\r') n--;
    r->buf[n] = '\0';
    *line = r->buf;
    *len = n;
    return 1;
}

/* The models shipped beside the binary in a source tree (bin/hechos -> models/), or
 * NULL.  Lets every command find them without installing; an installed binary uses
 * the library's default instead. */
static char *models_beside_binary(void)
{
    char exe[4096], path[4200];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = '\0';
    snprintf(path, sizeof path, "%s/../models/ner.hxm", exe);
    if (access(path, R_OK) != 0) return NULL;
    snprintf(path, sizeof path, "%s/../models", exe);
    return strdup(path);
}

hx_ctx *cli_open_ctx(const char *models_dir, unsigned stages)
{
    char *found = NULL;
    const char *env = getenv("HECHOS_MODELS");
    if (!models_dir && !(env && *env)) models_dir = found = models_beside_binary();
    /* a directory the user named must hold the models; the default may lack them */
    hx_options opt = {models_dir, stages, models_dir != NULL && !found};
    hx_error err;
    hx_ctx *ctx = NULL;
    if (hx_ctx_new(&opt, &ctx, &err) != HX_OK) {
        cli_error(models_dir ? models_dir : "models", "%s", err.msg);
        ctx = NULL;
    }
    free(found);
    return ctx;
}
