/*
 * cli.h -- what the files of the `hechos` command share.  The CLI uses only the public
 * header: everything it does, a library user can do too.
 *
 * Each subcommand lives in cli/cmd_NAME.c as `int cmd_NAME(int argc, char **argv)`,
 * where argv[0] is the subcommand name; it returns one of the exit codes below.
 */
#ifndef HX_CLI_H
#define HX_CLI_H

#include "hechos.h"

#include <stdio.h>

/* Exit codes, sysexits(3) style. */
enum hx_exit {
    EXIT_OK = 0,
    EXIT_SKIPPED = 1,   /* finished, but some records were bad and skipped */
    EXIT_USAGE = 64,    /* bad command line */
    EXIT_DATAERR = 65,  /* bad input data (invalid UTF-8, NUL, broken JSON) */
    EXIT_NOINPUT = 66,  /* an input file could not be opened */
    EXIT_SOFTWARE = 70, /* internal error */
    EXIT_OSERR = 71,    /* out of memory */
    EXIT_IOERR = 74,    /* read or write error */
    EXIT_CONFIG = 78    /* bad or missing model */
};

typedef struct cli_cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary; /* one line */
    const char *usage;   /* full help text */
} cli_cmd;

extern const cli_cmd cli_commands[];

int cmd_extract(int argc, char **argv);
int cmd_tokenize(int argc, char **argv);
int cmd_tag(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_recognize(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_serve(int argc, char **argv); /* src/serve/http.c */

extern const char usage_extract[], usage_tokenize[], usage_tag[], usage_train[],
    usage_recognize[];
extern const char usage_ingest[], usage_query[], usage_serve[];

extern const char usage_parse[];

/* Prints "hechos CMD: message" plus a hint to run `hechos help CMD`; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "hechos: NAME: message" on stderr. */
void cli_error(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* name with a database password masked ("postgresql://u:***@h/db", "password=***"), for
 * messages that name a --db; returns out. */
const char *cli_redact(const char *name, char *out, size_t cap);
/* Maps a library status to an exit code. */
int cli_exit_for(hx_status st);
/* Maps the errno of a failed open or read to an exit code: 66 for a missing file, 71
 * when out of memory, 74 otherwise. */
int cli_exit_for_errno(int e);

/* Reads a whole file ("-" is stdin) into a malloc'd buffer; returns 0 or an errno. */
int cli_read_file(const char *path, char **out, size_t *len);

/* The largest document a command reads (--max-doc-bytes): 10 MB by default, so memory
 * stays bounded (about 20 bytes per byte of text at most, docs/testing.md). */
#define CLI_MAX_DOC_DEFAULT ((size_t)10 << 20)
/* Parses a size for --max-doc-bytes: digits with an optional K, M or G suffix (powers
 * of 1024); 0 means no limit (SIZE_MAX).  Returns 0, or -1 when it is not one. */
int cli_parse_size(const char *v, size_t *out);
/* cli_read_file that stops at max bytes: returns EFBIG (nothing kept) when the file
 * holds more, the first max + 1 bytes read. */
int cli_read_file_max(const char *path, size_t max, char **out, size_t *len);
/* Reads on from f onto *buf (len bytes held, room for cap; NULL to start) until the end
 * of f: 0, or EFBIG as soon as more than max bytes are held (the buffer is kept, the
 * caller frees it), ENOMEM or EIO. */
int cli_read_more(FILE *f, size_t max, char **buf, size_t *len, size_t *cap);
/* Reads the file of a document for extract and ingest ("-" is stdin): text of at most
 * max_doc bytes, or an HTML page or feed (kind_opt, else by content) of at most max_web.
 * Returns EXIT_OK with the bytes (malloc'd) and the kind, or prints the error (a file
 * over its limit is refused: one line naming it and the byte) and returns an exit code. */
int cli_read_input(const char *path, int kind_opt, size_t max_doc, size_t max_web, char **out, size_t *len,
                   int *kind);
/* Prints the one-line refusal of a document over the limit max; at is the offset of the
 * first byte over it (counted from 0, as the library's error offsets are). */
void cli_too_big(const char *name, size_t max, size_t at);

/* Reads one line of at most max bytes.  Returns 1 with the line in *line (without its
 * newline), 0 at end of input, -1 on a read error; a longer line is consumed and
 * reported with *too_long = 1 and an empty line.  The buffer is reused. */
typedef struct cli_lines {
    FILE *f;
    char *buf;
    size_t cap;
    size_t max;
    unsigned long lineno;
} cli_lines;
int cli_next_line(cli_lines *r, char **line, size_t *len, int *too_long);

/* Web input (web.c).  An article with its metadata, handed to the command; where
 * names it in messages ("file: record 3").  Returns an exit code. */
typedef int (*cli_article_fn)(void *ud, const char *text, size_t len, const hx_docinfo *info,
                              const char *where);
enum { CLI_TEXT, CLI_HTML, CLI_FEED, CLI_WARC };
/* What a file holds, by its name (.warc, .warc.gz) and, when buf is not NULL, its first bytes. */
int cli_web_kind(const char *path, const char *buf, size_t len);
int cli_web_html(const char *name, const char *buf, size_t len, cli_article_fn fn, void *ud);
int cli_web_feed(const char *name, const char *buf, size_t len, cli_article_fn fn, void *ud);
/* Streams a WARC archive (path "-" is stdin); prints bad records and a summary line. */
int cli_web_warc(const char *path, size_t max_record, cli_article_fn fn, void *ud);

/* Creates the context with the --models directory (or NULL); prints the error. */
hx_ctx *cli_open_ctx(const char *models_dir, unsigned stages);

#endif
