/*
 * cmd_tag.c -- `hechos tag --conll FILE`: reads CoNLL columns (the first is the word,
 * the others are kept), tags each sentence with the context's POS and NER models and
 * prints every line with the predicted POS and NER appended as two more columns.
 * Sentences are separated by blank lines; "-DOCSTART-" lines are copied as they are.
 * Sentences are tagged document by document (NER tags are made consistent within a
 * document): a "-DOCSTART-" line starts a document (before the first one, each
 * sentence is its own document), and with --efe-docs so does an EFE dateline.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char usage_tag[] =
    "Usage: hechos tag --conll FILE|- [--models DIR] [--efe-docs]\n"
    "\n"
    "Reads a CoNLL file (one token per line, first column the word, blank lines between\n"
    "sentences) and prints it back with two columns appended: the predicted part of\n"
    "speech and the predicted BIO entity tag (\"_\" when that model is missing).\n"
    "Score the output with tools/conlleval (make tools).\n"
    "\n"
    "Options:\n"
    "  --conll FILE   input, '-' for standard input\n"
    "  --models DIR   directory with pos.hxm and ner.hxm (default $HECHOS_MODELS);\n"
    "                 its ner-caps.hxm, when present, tags the sentences written in\n"
    "                 capitals or in lower case\n"
    "  --efe-docs     also start a document at each EFE dateline (a sentence with\n"
    "                 \"( EFE )\" in its first 12 words): CoNLL-2002 has no -DOCSTART-\n"
    "\n"
    "Names are made consistent within a document.  A -DOCSTART- line starts one;\n"
    "before the first, every sentence is a document of its own.\n";

typedef struct sentence {
    char *text;       /* the sentence's lines, each NUL-terminated, back to back */
    size_t len, cap;
    size_t *line;     /* [n] offsets of each line in text */
    size_t *word_end; /* [n] offset of the end of each line's first column */
    size_t n, ncap;
    const char **words;
    size_t *sent_len; /* [nsent] words of each sentence of the buffered document */
    size_t nsent, scap;
    size_t open;      /* words of the sentence being read */
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

/* Ends the sentence being read (if any); returns -1 when out of memory. */
static int end_sentence(sentence *s)
{
    if (!s->open) return 0;
    if (s->nsent == s->scap) {
        size_t cap = s->scap ? s->scap * 2 : 16;
        size_t *a = realloc(s->sent_len, cap * sizeof *a);
        if (!a) return -1;
        s->sent_len = a;
        s->scap = cap;
    }
    s->sent_len[s->nsent++] = s->open;
    s->open = 0;
    return 0;
}

/* Is the sentence that starts at word `first` of the buffer an EFE dateline? */
static int dateline(sentence *s, size_t first)
{
    const char *w[12];
    char buf[12][16];
    size_t n = s->n - first < 12 ? s->n - first : 12;
    for (size_t i = 0; i < n; i++) {
        size_t k = s->word_end[first + i] - s->line[first + i];
        if (k >= sizeof buf[i]) k = 0; /* long words are never part of "( EFE )" */
        memcpy(buf[i], s->text + s->line[first + i], k);
        buf[i][k] = '\0';
        w[i] = buf[i];
    }
    return hx_conll_is_dateline(w, n);
}

/* Tags and prints the first `ns` finished sentences of the buffer as one document,
 * each followed by a blank line, and keeps the rest; returns an exit code. */
static int flush_some(const hx_ctx *ctx, sentence *s, const char *name, size_t ns)
{
    size_t nw = 0;
    for (size_t i = 0; i < ns; i++) nw += s->sent_len[i];
    if (!nw) return EXIT_OK;
    /* The words are the first columns: cut each line there, restore after. */
    char *saved = malloc(nw);
    if (!saved) return EXIT_OSERR;
    for (size_t i = 0; i < nw; i++) {
        saved[i] = s->text[s->word_end[i]];
        s->text[s->word_end[i]] = '\0';
        s->words[i] = s->text + s->line[i];
    }
    hx_doc *doc = NULL;
    hx_error err;
    hx_status st = hx_doc_from_sentences(ctx, s->words, s->sent_len, ns, &doc, &err);
    if (st == HX_OK) st = hx_doc_analyze(doc, &err);
    for (size_t i = 0; i < nw; i++) s->text[s->word_end[i]] = saved[i];
    free(saved);
    if (st != HX_OK) {
        cli_error(name, "%s", err.msg);
        hx_doc_free(doc);
        return cli_exit_for(st);
    }
    for (size_t i = 0, si = 0, left = s->sent_len[0]; i < nw; i++) {
        hx_token t;
        const char *pos = NULL, *ner = NULL;
        if (i < hx_doc_ntokens(doc) && hx_doc_token(doc, i, &t) == HX_OK) {
            pos = t.pos;
            ner = t.ner;
        }
        printf("%s %s %s\n", s->text + s->line[i], pos ? pos : "_", ner ? ner : "_");
        if (--left == 0) {
            printf("\n");
            if (++si < ns) left = s->sent_len[si];
        }
    }
    hx_doc_free(doc);
    /* Keep the words after the document. */
    size_t off = nw < s->n ? s->line[nw] : s->len;
    memmove(s->text, s->text + off, s->len - off);
    s->len -= off;
    for (size_t i = nw; i < s->n; i++) {
        s->line[i - nw] = s->line[i] - off;
        s->word_end[i - nw] = s->word_end[i] - off;
    }
    s->n -= nw;
    memmove(s->sent_len, s->sent_len + ns, (s->nsent - ns) * sizeof *s->sent_len);
    s->nsent -= ns;
    return EXIT_OK;
}

/* Ends the open sentence and tags everything buffered. */
static int flush(const hx_ctx *ctx, sentence *s, const char *name)
{
    if (end_sentence(s)) return EXIT_OSERR;
    return flush_some(ctx, s, name, s->nsent);
}

int cmd_tag(int argc, char **argv)
{
    const char *path = NULL, *models = NULL;
    int efe = 0, docstart = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conll") == 0 && i + 1 < argc) path = argv[++i];
        else if (strcmp(argv[i], "--models") == 0 && i + 1 < argc) models = argv[++i];
        else if (strcmp(argv[i], "--efe-docs") == 0) efe = 1;
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
    if (ctx) {
        /* Tagging without models would print empty columns: say so instead. */
        const char *probe[1] = {"a"};
        hx_doc *d = NULL;
        hx_token t = {0};
        if (hx_doc_from_tokens(ctx, probe, 1, &d, NULL) == HX_OK && hx_doc_analyze(d, NULL) == HX_OK)
            hx_doc_token(d, 0, &t);
        hx_doc_free(d);
        if (!t.pos || !t.ner) {
            cli_error(models ? models : "models", "no POS and NER models found (use --models DIR or set HECHOS_MODELS)");
            hx_ctx_free(ctx);
            ctx = NULL;
        }
    }
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
        if (strncmp(line + k, "-DOCSTART-", 10) == 0) {
            rc = flush(ctx, &s, name);
            printf("%s\n", line);
            docstart = 1;
            continue;
        }
        if (line[k] == '\0') {
            if (!s.open) { /* a blank line that ends no sentence is kept */
                printf("%s\n", line);
                continue;
            }
            if (efe && s.nsent > 0 && dateline(&s, s.n - s.open)) /* a new article */
                rc = flush_some(ctx, &s, name, s.nsent);
            if (rc == EXIT_OK && end_sentence(&s)) rc = EXIT_OSERR;
            if (rc == EXIT_OK && !docstart && !efe) rc = flush(ctx, &s, name);
            continue;
        }
        if (add_line(&s, line + k, len - k)) rc = EXIT_OSERR;
        else s.open++;
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
    free(s.sent_len);
    hx_ctx_free(ctx);
    if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) rc = EXIT_IOERR;
    return rc;
}
