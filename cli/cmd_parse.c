/*
 * cmd_parse.c -- `hechos parse`: Universal Dependencies parsing to CoNLL-U, of raw
 * text (tokenised, sentence-split, contractions split into UD words) or of the words
 * of a CoNLL-U file (--input conllu, gold segmentation, columns 4-8 rewritten), and
 * `--score GOLD SYSTEM`, the attachment scores of a parse.
 */
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char usage_parse[] =
    "Usage: hechos parse [--models DIR] [--input text|conllu] [--split S] [--max-doc-bytes N] FILE|-\n"
    "       hechos parse --score GOLD SYSTEM [--split S]\n"
    "\n"
    "Parses Spanish into Universal Dependencies and prints CoNLL-U (docs/parser.md).\n"
    "Text input is tokenised and split into sentences; contractions (del, al) and\n"
    "verbs with clitics (darle) become multiword tokens.  With --input conllu the\n"
    "words of the file are parsed as given and columns 4-8 (UPOS, XPOS, FEATS, HEAD,\n"
    "DEPREL) are replaced, so the CoNLL 2018 evaluation script can score it.\n"
    "\n"
    "Options:\n"
    "  --models DIR    directory with parse.hxm and ud-upos.hxm (default $HECHOS_MODELS)\n"
    "  --input FORMAT  text (default) or conllu\n"
    "  --split S       all (default), val, tune or train: only the sentences of that\n"
    "                  part of the development split (a hash of each sent_id)\n"
    "  --score G S     print UPOS, UAS, LAS and per-relation scores of S against G\n"
    "  --max-doc-bytes N  refuse text input of more than N bytes (exit status 65; K, M, G\n"
    "                  suffixes, 0 for no limit; default 10M).  CoNLL-U input has no limit\n"
    "\n"
    "Malformed CoNLL-U (a wrong number of columns, a head out of range, a cycle, no\n"
    "root) gives one line naming the line and exit status 65.\n";

static int read_or_fail(const char *path, size_t max, char **buf, size_t *len)
{
    int e = cli_read_file_max(path, max, buf, len);
    if (e == EFBIG) {
        cli_too_big(strcmp(path, "-") == 0 ? "<stdin>" : path, max, max);
        return EXIT_DATAERR;
    }
    if (e) {
        cli_error(path, "%s", strerror(e));
        return cli_exit_for_errno(e);
    }
    return 0;
}

static int score(const char *gold, const char *sys, int split)
{
    char *g = NULL, *s = NULL, *out = NULL;
    size_t gl, sl;
    int rc = read_or_fail(gold, SIZE_MAX, &g, &gl);
    if (!rc && !(rc = read_or_fail(sys, SIZE_MAX, &s, &sl))) {
        hx_error err;
        hx_status st = hx_conllu_score(g, gl, gold, s, sl, sys, split, &out, &err);
        if (st != HX_OK) {
            cli_error("parse", "%s", err.msg);
            rc = cli_exit_for(st);
        } else {
            fputs(out, stdout);
        }
    }
    hx_free(out);
    free(g);
    free(s);
    return rc;
}

static int parse_file(const char *models, const char *path, int conllu, int split, size_t max)
{
    hx_ctx *ctx = cli_open_ctx(models, HX_STAGE_TOKENS | HX_STAGE_PARSE);
    if (!ctx)
        return EXIT_CONFIG;
    const hx_parser *p = hx_ctx_parser(ctx);
    hx_error err;
    hx_status st = HX_OK;
    char *buf = NULL, *out = NULL;
    size_t len, olen = 0;
    int rc = read_or_fail(path, conllu ? SIZE_MAX : max, &buf, &len);
    if (!rc) {
        if (conllu) {
            const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
            st = hx_parse_conllu(p, buf, len, name, split, &out, &olen, &err);
        } else {
            hx_doc *doc = NULL;
            hx_docinfo info = {0};
            info.id = path;
            /* tokens and sentences only (a context without models): the CoNLL-U
             * parses the words itself, the token layer would be parsed twice */
            hx_options topt = {0};
            topt.models_dir = "/nonexistent";
            topt.stages = HX_STAGE_TOKENS;
            hx_ctx *tctx = NULL;
            if ((st = hx_ctx_new(&topt, &tctx, &err)) == HX_OK &&
                (st = hx_doc_new(tctx, buf, len, &info, &doc, &err)) == HX_OK &&
                (st = hx_doc_analyze(doc, &err)) == HX_OK)
                st = hx_doc_conllu(doc, p, &out, &olen, &err);
            hx_doc_free(doc);
            hx_ctx_free(tctx);
        }
        if (st != HX_OK) {
            cli_error(conllu ? "parse" : path, "%s", err.msg); /* CoNLL-U errors name the file */
            rc = cli_exit_for(st);
        } else if (fwrite(out, 1, olen, stdout) != olen) {
            rc = EXIT_IOERR;
        }
    }
    hx_free(out);
    free(buf);
    hx_ctx_free(ctx);
    return rc;
}

int cmd_parse(int argc, char **argv)
{
    const char *models = NULL, *file = NULL, *gold = NULL, *sys = NULL;
    int conllu = 0, split = HX_SPLIT_ALL;
    size_t max = CLI_MAX_DOC_DEFAULT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (file)
                return cli_usage_error("parse", "one input file only ('%s')", a);
            file = a;
            continue;
        }
        if (i + 1 >= argc)
            return cli_usage_error("parse", "'%s' needs a value or is unknown", a);
        const char *v = argv[++i];
        if (strcmp(a, "--models") == 0) {
            models = v;
        } else if (strcmp(a, "--input") == 0) {
            if (strcmp(v, "conllu") != 0 && strcmp(v, "text") != 0)
                return cli_usage_error("parse", "--input text or conllu, not '%s'", v);
            conllu = strcmp(v, "conllu") == 0;
        } else if (strcmp(a, "--split") == 0) {
            if (strcmp(v, "all") == 0) split = HX_SPLIT_ALL;
            else if (strcmp(v, "val") == 0) split = HX_SPLIT_VALIDATION;
            else if (strcmp(v, "tune") == 0) split = HX_SPLIT_TUNING;
            else if (strcmp(v, "train") == 0) split = HX_SPLIT_TRAINING;
            else return cli_usage_error("parse", "--split all, val, tune or train, not '%s'", v);
        } else if (strcmp(a, "--max-doc-bytes") == 0) {
            if (cli_parse_size(v, &max))
                return cli_usage_error("parse", "--max-doc-bytes wants a size (N, NK, NM, NG; 0 for none)");
        } else if (strcmp(a, "--score") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("parse", "--score needs GOLD and SYSTEM");
            gold = v;
            sys = argv[++i];
        } else {
            return cli_usage_error("parse", "unknown option '%s'", a);
        }
    }
    if (gold)
        return file ? cli_usage_error("parse", "--score takes no other file") : score(gold, sys, split);
    if (!file)
        return cli_usage_error("parse", "an input file is required ('-' for standard input)");
    return parse_file(models, file, conllu, split, max);
}
