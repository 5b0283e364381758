/*
 * cmd_tag.c -- `hechos tag --conll FILE`: reads CoNLL columns (the first is the word,
 * the others are kept), tags each sentence with the context's POS and NER models and
 * prints every line with the predicted POS and NER appended as two more columns.
 * Sentences are separated by blank lines; "-DOCSTART-" lines are copied as they are.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char usage_tag[] =
    "Usage: hechos tag --conll FILE|- [--models DIR]\n"
    "\n"
    "Reads a CoNLL file (one token per line, first column the word, blank lines between\n"
    "sentences) and prints it back with two columns appended: the predicted part of\n"
    "speech and the predicted BIO entity tag (\"_\" when that model is missing).\n"
    "Score the output with tools/conlleval (make tools).\n"
    "\n"
    "Options:\n"
    "  --conll FILE   input, '-' for standard input\n"
    "  --models DIR   directory with pos.hxm and ner.hxm (default $HECHOS_MODELS)\n";

typedef struct sentence {
    char *text;       /* the sentence's lines, each NUL-terminated, back to back */
    size_t len, cap;
    size_t *line;     /* [n] offsets of each line in text */
    size_t *word_end; /* [n] offset of the end of each line's first column */
    size_t n, ncap;
    const char **words;
} sentence;

static int add_line(sentence *s, const char *p, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + n + 1) cap *= 2;
        char *t = realloc(s->text, cap);
        if (!t) return -1;
        s->text = t;
        s->cap = cap;
    }
    if (s->n == s->ncap) {
        size_t cap = s->ncap ? s->ncap * 2 : 64;
        size_t *a = realloc(s->line, cap * sizeof *a);
        if (!a) return -1;
        s->line = a;
        size_t *b = realloc(s->word_end, cap * sizeof *b);
        if (!b) return -1;
        s->word_end = b;
        const char **w = realloc(s->words, cap * sizeof *w);
        if (!w) return -1;
        s->words = w;
        s->ncap = cap;
    }
    size_t k = strcspn(p, " \t");
    s->line[s->n] = s->len;
    s->word_end[s->n] = s->len + k;
    memcpy(s->text + s->len, p, n);
    s->text[s->len + n] = '\0';
    s->len += n + 1;
    s->n++;
    return 0;
}

/* Tags and prints the buffered sentence; returns an exit code. */
static int flush(const hx_ctx *ctx, sentence *s, const char *name)
{
    if (!s->n) return EXIT_OK;
    /* The words are the first columns: cut each line there, restore after. */
    char *saved = malloc(s->n);
    if (!saved) return EXIT_OSERR;
    for (size_t i = 0; i < s->n; i++) {
        saved[i] = s->text[s->word_end[i]];
        s->text[s->word_end[i]] = '\0';
        s->words[i] = s->text + s->line[i];
    }
    hx_doc *doc = NULL;
    hx_error err;
    hx_status st = hx_doc_from_tokens(ctx, s->words, s->n, &doc, &err);
    if (st == HX_OK) st = hx_doc_analyze(doc, &err);
    for (size_t i = 0; i < s->n; i++) s->text[s->word_end[i]] = saved[i];
    free(saved);
    if (st != HX_OK) {
        cli_error(name, "%s", err.msg);
        hx_doc_free(doc);
        return cli_exit_for(st);
    }
    for (size_t i = 0; i < s->n; i++) {
        hx_token t;
        const char *pos = NULL, *ner = NULL;
        if (i < hx_doc_ntokens(doc) && hx_doc_token(doc, i, &t) == HX_OK) {
            pos = t.pos;
            ner = t.ner;
        }
        printf("%s %s %s\n", s->text + s->line[i], pos ? pos : "_", ner ? ner : "_");
    }
    hx_doc_free(doc);
    s->n = s->len = 0;
    return EXIT_OK;
}

int cmd_tag(int argc, char **argv)
{
    const char *path = NULL, *models = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conll") == 0 && i + 1 < argc) path = argv[++i];
        else if (strcmp(argv[i], "--models") == 0 && i + 1 < argc) models = argv[++i];
        else return cli_usage_error("tag", "unknown option or missing value '%s'", argv[i]);
    }
    if (!path) return cli_usage_error("tag", "--conll FILE is required");
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error(name, "cannot open");
        return EXIT_NOINPUT;
    }
    hx_ctx *ctx = cli_open_ctx(models, HX_STAGE_TOKENS | HX_STAGE_TAGGER);
    if (!ctx) {
        if (f != stdin) fclose(f);
        return EXIT_CONFIG;
    }
    cli_lines r = {f, NULL, 0, (size_t)1 << 20, 0};
    sentence s = {0};
    char *line;
    size_t len;
    int too_long, got, rc = EXIT_OK;
    while (rc == EXIT_OK && (got = cli_next_line(&r, &line, &len, &too_long)) > 0) {
        if (too_long) {
            cli_error(name, "line %lu is too long", r.lineno);
            rc = EXIT_DATAERR;
            break;
        }
        size_t k = strspn(line, " \t");
        if (line[k] == '\0' || strncmp(line + k, "-DOCSTART-", 10) == 0) {
            rc = flush(ctx, &s, name);
            printf("%s\n", line);
            continue;
        }
        if (add_line(&s, line + k, len - k)) rc = EXIT_OSERR;
    }
    if (got < 0) {
        cli_error(name, "read error");
        rc = EXIT_IOERR;
    }
    if (rc == EXIT_OK) rc = flush(ctx, &s, name);
    if (f != stdin) fclose(f);
    free(r.buf);
    free(s.text);
    free(s.line);
    free(s.word_end);
    free(s.words);
    hx_ctx_free(ctx);
    if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) rc = EXIT_IOERR;
    return rc;
}
