/*
 * cmd_tokenize.c -- `hechos tokenize`: one token per line, a blank line between
 * sentences.  Default lines are "TOKEN<TAB>START<TAB>END" (code points of the input);
 * --conll prints the token alone, the first column of a CoNLL file.
 *
 * The input is read and analysed in pieces of about 64 KB that end where a sentence
 * surely ends (a line break before a line that starts with a capital letter, ¿ or ¡,
 * never after a hyphen: sentences.c always ends the sentence there), so memory stays
 * small and the tables stay in the cache whatever the length of the input, and the
 * output is the same as for the input analysed whole.  With --lenient the input is
 * one document (its offsets count replaced bytes, which only the library knows).
 * The lines are written by the library (hx_doc_tokens_write).
 */
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char usage_tokenize[] =
    "Usage: hechos tokenize [--conll] [--lenient] [--max-doc-bytes N] [FILE|-]\n"
    "\n"
    "Prints one token per line and a blank line between sentences.  Each line is\n"
    "TOKEN, TAB, START, TAB, END (code point offsets into the input, end exclusive);\n"
    "with --conll only the token, as the first column of a CoNLL file.\n"
    "\n"
    "Options:\n"
    "  --conll     tokens only\n"
    "  --lenient   replace invalid UTF-8 and NUL bytes by U+FFFD instead of failing\n"
    "  --max-doc-bytes N  refuse text of more than N bytes without a sentence break at a\n"
    "              line start (with --lenient: an input of more than N bytes); K, M, G\n"
    "              suffixes, 0 for no limit (default 10M)\n"
    "\n"
    "Exit status: 0 done; 65 bad input (invalid UTF-8, NUL, over --max-doc-bytes);\n"
    "66 file not found; 74 read or write error.\n";

/* One run of the command: the output and where the next piece starts. */
typedef struct tok_run {
    int conll, lenient, any;
    size_t base_cp, base_byte; /* code points and bytes of the input before the piece */
    const char *name;
    hx_ctx *ctx;
} tok_run;

static int put_stdout(void *ud, const char *data, size_t len)
{
    (void)ud;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

/* Code points of valid UTF-8: the bytes that are not continuation bytes (10xxxxxx),
 * eight at a time. */
static size_t count_cps(const char *s, size_t n)
{
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t c = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
        cont += (size_t)((c * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++) cont += ((unsigned char)s[i] & 0xc0) == 0x80;
    return n - cont;
}

/* Analyses and prints text[0..len), a piece of the input; returns an exit code. */
static int tokenize_piece(tok_run *r, const char *text, size_t len)
{
    hx_doc *doc = NULL;
    hx_error err;
    hx_docinfo info = {0};
    info.flags = r->lenient ? HX_LENIENT : 0;
    hx_status st = hx_doc_new(r->ctx, text, len, &info, &doc, &err);
    if (st == HX_OK) st = hx_doc_analyze(doc, &err);
    if (st != HX_OK) {
        if ((st == HX_UTF8 || st == HX_NUL) && err.offset != SIZE_MAX) /* offsets of the whole input */
            cli_error(r->name, "%s at byte %zu", st == HX_NUL ? "NUL byte" : "invalid UTF-8",
                      r->base_byte + err.offset);
        else
            cli_error(r->name, "%s", err.msg);
        hx_doc_free(doc);
        return cli_exit_for(st);
    }
    /* the empty line between sentences goes between pieces too */
    unsigned flags = (r->conll ? HX_TOKENS_CONLL : 0) | (r->any ? HX_TOKENS_BLANK_FIRST : 0);
    st = hx_doc_tokens_write(doc, flags, r->base_cp, put_stdout, NULL, &err);
    if (hx_doc_nsentences(doc)) r->any = 1;
    hx_doc_free(doc);
    if (st != HX_OK) {
        cli_error(r->name, "%s", err.msg);
        return cli_exit_for(st);
    }
    /* valid UTF-8 (the document was accepted): its code points are the bytes that do
     * not continue one */
    r->base_cp += count_cps(text, len);
    r->base_byte += len;
    return EXIT_OK;
}

/* Where a piece of buf[0..len) may end at or after from: just after a line break (LF or
 * CRLF) followed by A-Z, ¿ or ¡ and not preceded by a hyphen; 0 when there is none. */
static size_t piece_end(const char *buf, size_t len, size_t from)
{
    for (size_t i = from ? from : 1; i + 2 < len; i++) {
        const char *nl = memchr(buf + i, '\n', len - 2 - i);
        if (!nl) return 0;
        i = (size_t)(nl - buf);
        unsigned char c = (unsigned char)nl[1], d = (unsigned char)nl[2];
        char prev = nl[-1] == '\r' && i >= 2 ? nl[-2] : nl[-1]; /* CRLF is a line break too */
        if (prev != '-' && ((c >= 'A' && c <= 'Z') || (c == 0xc2 && (d == 0xbf || d == 0xa1))))
            return i + 1;
    }
    return 0;
}

#define PIECE ((size_t)1 << 16)

/* Reads f in pieces (piece_end) of at most max bytes each and tokenizes them. */
static int tokenize_stream(tok_run *r, FILE *f, size_t max)
{
    size_t cap = 4 * PIECE, len = 0, scanned = 0;
    char *buf = malloc(cap);
    int eof = 0, rc = EXIT_OK;
    if (!buf) return EXIT_OSERR;
    while (rc == EXIT_OK && (!eof || len)) {
        size_t cut = 0;
        while (!eof && len < 2 * PIECE) {
            size_t k = fread(buf + len, 1, cap - len, f);
            len += k;
            eof = k == 0;
        }
        if (len > PIECE) {
            cut = piece_end(buf, len, scanned > PIECE ? scanned : PIECE);
            scanned = len > 2 ? len - 2 : 0;
        }
        if (!cut && !eof) { /* no place to cut yet: read more */
            if (len > max) {
                cli_too_big(r->name, max, r->base_byte + max); /* no sentence break in max bytes */
                rc = EXIT_DATAERR;
                break;
            }
            char *nb = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                rc = EXIT_OSERR;
                break;
            }
            buf = nb, cap *= 2;
            size_t k = fread(buf + len, 1, cap - len, f);
            len += k;
            eof = k == 0;
            continue;
        }
        if (!cut) cut = len;
        if (cut > max) {
            cli_too_big(r->name, max, r->base_byte + max);
            rc = EXIT_DATAERR;
            break;
        }
        rc = tokenize_piece(r, buf, cut);
        memmove(buf, buf + cut, len - cut);
        len -= cut;
        scanned = 0;
    }
    free(buf);
    if (rc == EXIT_OK && ferror(f)) {
        cli_error(r->name, "read error");
        rc = EXIT_IOERR;
    }
    return rc;
}

int cmd_tokenize(int argc, char **argv)
{
    tok_run r = {0};
    size_t max = CLI_MAX_DOC_DEFAULT;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conll") == 0) r.conll = 1;
        else if (strcmp(argv[i], "--lenient") == 0) r.lenient = 1;
        else if (strcmp(argv[i], "--max-doc-bytes") == 0) {
            if (i + 1 >= argc || cli_parse_size(argv[i + 1], &max))
                return cli_usage_error("tokenize", "--max-doc-bytes wants a size (N, NK, NM, NG; 0 for none)");
            i++;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') return cli_usage_error("tokenize", "unknown option '%s'", argv[i]);
        else if (path) return cli_usage_error("tokenize", "one input at a time ('%s' and '%s')", path, argv[i]);
        else path = argv[i];
    }
    if (!path) path = "-";
    r.name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        int e = errno;
        cli_error(r.name, "%s", strerror(e));
        return cli_exit_for_errno(e);
    }
    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_error err;
    if (hx_ctx_new(&opt, &r.ctx, &err) != HX_OK) {
        cli_error(r.name, "%s", err.msg);
        if (f != stdin) fclose(f);
        return cli_exit_for(err.code);
    }
    int rc;
    if (r.lenient) { /* one document */
        char *buf;
        size_t len;
        if (f != stdin) fclose(f);
        int e = cli_read_file_max(path, max, &buf, &len);
        if (e == EFBIG) cli_too_big(r.name, max, max);
        else if (e) cli_error(r.name, "%s", strerror(e));
        rc = e == EFBIG ? EXIT_DATAERR : e ? cli_exit_for_errno(e) : tokenize_piece(&r, buf, len);
        if (!e) free(buf);
    } else {
        rc = tokenize_stream(&r, f, max);
        if (f != stdin) fclose(f);
    }
    hx_ctx_free(r.ctx);
    if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) rc = EXIT_IOERR;
    return rc;
}
