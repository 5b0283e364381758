/*
 * cmd_tokenize.c -- `hechos tokenize`: one token per line, a blank line between
 * sentences.  Default lines are "TOKEN<TAB>START<TAB>END" (code points of the input);
 * --conll prints the token alone, the first column of a CoNLL file.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char usage_tokenize[] =
    "Usage: hechos tokenize [--conll] [--lenient] [FILE|-]\n"
    "\n"
    "Prints one token per line and a blank line between sentences.  Each line is\n"
    "TOKEN, TAB, START, TAB, END (code point offsets into the input, end exclusive);\n"
    "with --conll only the token, as the first column of a CoNLL file.\n"
    "\n"
    "Options:\n"
    "  --conll     tokens only\n"
    "  --lenient   replace invalid UTF-8 and NUL bytes by U+FFFD instead of failing\n";

int cmd_tokenize(int argc, char **argv)
{
    int conll = 0, lenient = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conll") == 0) conll = 1;
        else if (strcmp(argv[i], "--lenient") == 0) lenient = 1;
        else if (argv[i][0] == '-' && argv[i][1] != '\0') return cli_usage_error("tokenize", "unknown option '%s'", argv[i]);
        else if (path) return cli_usage_error("tokenize", "one input at a time ('%s' and '%s')", path, argv[i]);
        else path = argv[i];
    }
    if (!path) path = "-";
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *buf;
    size_t len;
    int e = cli_read_file(path, &buf, &len);
    if (e) {
        cli_error(name, "%s", strerror(e));
        return cli_exit_for_errno(e);
    }
    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_ctx *ctx = NULL;
    hx_doc *doc = NULL;
    hx_error err;
    hx_docinfo info = {0};
    info.flags = lenient ? HX_LENIENT : 0;
    hx_status st = hx_ctx_new(&opt, &ctx, &err);
    if (st == HX_OK) st = hx_doc_new(ctx, buf, len, &info, &doc, &err);
    if (st == HX_OK) st = hx_doc_analyze(doc, &err);
    free(buf);
    if (st != HX_OK) {
        cli_error(name, "%s", err.msg);
        hx_doc_free(doc);
        hx_ctx_free(ctx);
        return cli_exit_for(st);
    }
    size_t nsent = hx_doc_nsentences(doc);
    for (size_t s = 0; s < nsent; s++) {
        hx_sentence sent;
        hx_doc_sentence(doc, s, &sent);
        if (s) fputc('\n', stdout);
        for (size_t i = sent.first; i < sent.last; i++) {
            hx_token t;
            hx_doc_token(doc, i, &t);
            fwrite(t.text, 1, t.len, stdout);
            if (!conll) fprintf(stdout, "\t%zu\t%zu", t.span.start, t.span.end);
            fputc('\n', stdout);
        }
    }
    hx_doc_free(doc);
    hx_ctx_free(ctx);
    return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_IOERR;
}
