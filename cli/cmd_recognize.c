/*
 * cmd_recognize.c -- `hechos recognize`: Recognizers-Text compatible entities of one
 * kind in a text, or in every case of a Recognizers-Text spec file, with an optional
 * score against the expected results.
 *
 * Scoring is strict: a case passes when we give the same number of results as
 * expected, in the same order, and each pair has the same Text (compared without
 * regard to case, since Recognizers-Text lower-cases it), TypeName, Start, End and
 * Resolution (the same members with equal JSON values).  Cases marked NotSupported
 * count like any other.  The command is generic over kinds: it only calls
 * hx_recognize.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char usage_recognize[] =
    "Usage: hechos recognize --kind KIND [--ref DATETIME] (TEXT | --spec FILE)\n"
    "                        [--score] [--failures]\n"
    "\n"
    "Prints, as a JSON array shaped like Microsoft Recognizers-Text results, the\n"
    "entities of one kind found in TEXT.  KIND is number, ordinal, percent,\n"
    "numberrange, currency, dimension, age, temperature or datetime.\n"
    "\n"
    "With --spec FILE (a Recognizers-Text spec: an array of {Input, Results,\n"
    "Context}) prints one {\"Input\", \"Results\"} per case, in file order, using each\n"
    "case's Context.ReferenceDateTime as the reference date-time when it has one.\n"
    "\n"
    "Options:\n"
    "  --kind KIND      what to recognise (required)\n"
    "  --ref DATETIME   reference date-time for relative dates (2018-09-28T01:00:00)\n"
    "  --spec FILE      run every case of a spec file\n"
    "  --score          with --spec: print \"passed/total\" on stderr; a case passes when\n"
    "                   its results equal the expected ones (Text without regard to\n"
    "                   case, TypeName, Start, End and Resolution)\n"
    "  --failures       with --score: also print each failing case on stderr\n";

/* Whether two result arrays are equal under the documented comparison. */
static int results_equal(json_t *got, json_t *want)
{
    if (!json_is_array(got) || !json_is_array(want) || json_array_size(got) != json_array_size(want))
        return 0;
    for (size_t i = 0; i < json_array_size(want); i++) {
        json_t *g = json_array_get(got, i), *w = json_array_get(want, i);
        const char *gt = json_string_value(json_object_get(g, "Text"));
        const char *wt = json_string_value(json_object_get(w, "Text"));
        if (!gt || !wt || strcasecmp(gt, wt) != 0)
            return 0;
        if (!json_equal(json_object_get(g, "TypeName"), json_object_get(w, "TypeName")) ||
            !json_equal(json_object_get(g, "Start"), json_object_get(w, "Start")) ||
            !json_equal(json_object_get(g, "End"), json_object_get(w, "End")))
            return 0;
        json_t *gr = json_object_get(g, "Resolution"), *wr = json_object_get(w, "Resolution");
        if (!(gr == NULL && wr == NULL) && !json_equal(gr, wr))
            return 0;
    }
    return 1;
}

static int run_spec(const hx_ctx *ctx, const char *kind, const char *path, const char *ref,
                    int score, int failures)
{
    json_error_t jerr;
    json_t *spec = json_load_file(path, 0, &jerr);
    if (!spec) {
        int missing = errno == ENOENT; /* before printing, which may change errno */
        cli_error(path, "%s (line %d)", jerr.text, jerr.line);
        return missing ? EXIT_NOINPUT : EXIT_DATAERR;
    }
    if (!json_is_array(spec)) {
        cli_error(path, "not a JSON array of cases");
        json_decref(spec);
        return EXIT_DATAERR;
    }
    json_t *outall = json_array();
    size_t pass = 0, total = 0;
    int rc = EXIT_OK;
    for (size_t i = 0; i < json_array_size(spec); i++) {
        json_t *c = json_array_get(spec, i);
        const char *input = json_string_value(json_object_get(c, "Input"));
        if (!input) {
            cli_error(path, "case %zu has no Input", i);
            rc = EXIT_DATAERR;
            break;
        }
        const char *cref = json_string_value(
            json_object_get(json_object_get(c, "Context"), "ReferenceDateTime"));
        char *res = NULL;
        hx_error err;
        hx_status st = hx_recognize(ctx, kind, input, strlen(input), cref ? cref : ref, &res, &err);
        if (st != HX_OK) {
            cli_error(path, "case %zu: %s", i, err.msg);
            rc = cli_exit_for(st);
            break;
        }
        json_t *got = json_loads(res, 0, &jerr);
        hx_free(res);
        if (!got) {
            cli_error(path, "case %zu: the library gave malformed JSON: %s", i, jerr.text);
            rc = EXIT_SOFTWARE;
            break;
        }
        total++;
        json_t *want = json_object_get(c, "Results");
        if (results_equal(got, want)) {
            pass++;
        } else if (failures) {
            char *g = json_dumps(got, JSON_COMPACT);
            char *w = json_dumps(want, JSON_COMPACT);
            fprintf(stderr, "FAIL %s\n  want %s\n  got  %s\n", input, w ? w : "?", g ? g : "?");
            free(g);
            free(w);
        }
        json_t *o = json_object();
        json_object_set_new(o, "Input", json_string(input));
        json_object_set_new(o, "Results", got);
        json_array_append_new(outall, o);
    }
    if (rc == EXIT_OK) {
        if (json_dumpf(outall, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER) != 0)
            rc = EXIT_IOERR;
        fputc('\n', stdout);
        if (score)
            fprintf(stderr, "%s %s: %zu/%zu passed (%.1f%%)\n", kind, path, pass, total,
                    total ? 100.0 * (double)pass / (double)total : 0.0);
    }
    json_decref(outall);
    json_decref(spec);
    return rc;
}

int cmd_recognize(int argc, char **argv)
{
    const char *kind = NULL, *ref = NULL, *spec = NULL, *text = NULL;
    int score = 0, failures = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc) kind = argv[++i];
        else if (strcmp(argv[i], "--ref") == 0 && i + 1 < argc) ref = argv[++i];
        else if (strcmp(argv[i], "--spec") == 0 && i + 1 < argc) spec = argv[++i];
        else if (strcmp(argv[i], "--score") == 0) score = 1;
        else if (strcmp(argv[i], "--failures") == 0) failures = 1;
        else if (argv[i][0] == '-' && argv[i][1] == '-') return cli_usage_error("recognize", "unknown option or missing value '%s'", argv[i]);
        else if (text) return cli_usage_error("recognize", "one text at a time");
        else text = argv[i];
    }
    if (!kind)
        return cli_usage_error("recognize", "--kind is required");
    if (!spec == !text)
        return cli_usage_error("recognize", "give either TEXT or --spec FILE");
    if (score && !spec)
        return cli_usage_error("recognize", "--score needs --spec");
    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_ctx *ctx = NULL;
    hx_error err;
    hx_status st = hx_ctx_new(&opt, &ctx, &err);
    if (st != HX_OK) {
        cli_error("recognize", "%s", err.msg);
        return cli_exit_for(st);
    }
    int rc;
    if (spec) {
        rc = run_spec(ctx, kind, spec, ref, score, failures);
    } else {
        char *res = NULL;
        st = hx_recognize(ctx, kind, text, strlen(text), ref, &res, &err);
        if (st != HX_OK) {
            cli_error("recognize", "%s", err.msg);
            rc = st == HX_UNSUPPORTED ? EXIT_USAGE : cli_exit_for(st);
        } else {
            puts(res);
            rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_IOERR;
        }
        hx_free(res);
    }
    hx_ctx_free(ctx);
    return rc;
}
