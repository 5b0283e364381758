/*
 * tempeval.c -- scores the time layer and the Recognizers-Text compatible recognisers
 * on the development sets, split into tuning and validation parts (tools/tempeval.h).
 *
 *   tempeval [--shared DIR] [--part tune|val|all]   the table of every measure
 *   tempeval --errors [--shared DIR] SET            the tuning part's misses of SET
 *                                                   (timebank or hourglass)
 *
 * The table gives, for TimeBank and HourGlass (DIR/data/timebank-es, hourglass-es), the
 * TempEval-3 strict and relaxed span F1, type accuracy, value accuracy and value F1, and
 * for each Recognizers-Text spec file (DIR/data/recognizers-es) the pass rate.  Without
 * --part it prints tuning and validation side by side.  --errors lists misses of the
 * tuning part only: validation failures are never shown one by one.
 */
#include "tempeval.h"

static const char *const part_name[] = {"all", "tune", "val"};

/* Prints one document's misses: gold timexes without an exact system match and system
 * timexes without an exact gold match, with the values. */
static void print_errors(void *ud, const char *id, json_t *gold, const te_sys *sys, size_t n,
                         const char *text)
{
    (void)ud;
    (void)text;
    for (size_t i = 0; i < json_array_size(gold); i++) {
        json_t *g = json_array_get(gold, i);
        size_t gs = (size_t)json_integer_value(json_object_get(g, "start"));
        size_t ge = (size_t)json_integer_value(json_object_get(g, "end"));
        const char *gv = json_string_value(json_object_get(g, "value"));
        const char *gt = json_string_value(json_object_get(g, "type"));
        size_t k = 0;
        while (k < n && !(sys[k].start == gs && sys[k].end == ge && gv && sys[k].value &&
                          !strcmp(gv, sys[k].value) && !strcmp(gt, sys[k].type)))
            k++;
        if (k == n)
            printf("%s\tgold\t%zu-%zu\t%s\t%s\t%s\n", id, gs, ge,
                   json_string_value(json_object_get(g, "text")), gt, gv);
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = 0;
        for (; i < json_array_size(gold); i++) {
            json_t *g = json_array_get(gold, i);
            if ((size_t)json_integer_value(json_object_get(g, "start")) == sys[k].start &&
                (size_t)json_integer_value(json_object_get(g, "end")) == sys[k].end)
                break;
        }
        if (i == json_array_size(gold))
            printf("%s\tsys\t%zu-%zu\t%s\t%s\n", id, sys[k].start, sys[k].end, sys[k].type,
                   sys[k].value);
    }
}

static int timeml_row(const hx_ctx *ctx, const char *shared, const char *set, const int *parts,
                      size_t nparts)
{
    char dir[4096], err[512];
    snprintf(dir, sizeof dir, "%s/data/%s", shared, set);
    te_scores s[3];
    for (size_t p = 0; p < nparts; p++) {
        te_counts c = {0};
        if (te_run_timeml(ctx, dir, parts[p], &c, NULL, NULL, err, sizeof err)) {
            fprintf(stderr, "tempeval: %s\n", err);
            return -1;
        }
        s[p] = te_score(&c);
        printf("%-12s %-5s docs %3ld gold %4ld sys %4ld\n", set, part_name[parts[p]], c.docs,
               c.gold, c.sys);
    }
    static const char *const names[] = {"strict F1", "relaxed F1", "type acc", "value acc",
                                        "value F1"};
    for (size_t m = 0; m < 5; m++) {
        printf("  %-12s", names[m]);
        for (size_t p = 0; p < nparts; p++) {
            double v[] = {s[p].strict_f, s[p].relaxed_f, s[p].type_acc, s[p].value_acc,
                          s[p].value_f};
            printf(" %6.1f", 100 * v[m]);
        }
        printf("\n");
    }
    return 0;
}

static int spec_rows(const hx_ctx *ctx, const char *shared, const int *parts, size_t nparts)
{
    char err[512];
    for (size_t i = 0; i < sizeof te_specs / sizeof te_specs[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/data/recognizers-es/%s", shared, te_specs[i].file);
        printf("%-12s", te_specs[i].kind);
        for (size_t p = 0; p < nparts; p++) {
            long pass = 0, total = 0;
            if (te_run_spec(ctx, te_specs[i].kind, path, parts[p], &pass, &total, err,
                            sizeof err)) {
                fprintf(stderr, "\ntempeval: %s\n", err);
                return -1;
            }
            printf("  %s %4ld/%-4ld %5.1f%%", part_name[parts[p]], pass, total,
                   total ? 100.0 * (double)pass / (double)total : 0.0);
        }
        printf("\n");
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *shared = "../shared", *errors = NULL;
    int parts[2] = {TE_TUNE, TE_VAL};
    size_t nparts = 2;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--shared") && i + 1 < argc) {
            shared = argv[++i];
        } else if (!strcmp(argv[i], "--part") && i + 1 < argc) {
            const char *p = argv[++i];
            nparts = 1;
            if (!strcmp(p, "tune")) parts[0] = TE_TUNE;
            else if (!strcmp(p, "val")) parts[0] = TE_VAL;
            else if (!strcmp(p, "all")) parts[0] = TE_ALL;
            else {
                fprintf(stderr, "tempeval: --part: unknown part '%s' (tune, val, all)\n", p);
                return 64;
            }
        } else if (!strcmp(argv[i], "--errors") && i + 1 < argc) {
            errors = argv[++i];
        } else {
            fprintf(stderr, "usage: tempeval [--shared DIR] [--part tune|val|all] "
                            "[--errors timebank-es|hourglass-es]\n");
            return 64;
        }
    }
    hx_options opt = {"/nonexistent", HX_STAGE_TOKENS | HX_STAGE_NUMBERS | HX_STAGE_TIMES, 0};
    hx_ctx *ctx = NULL;
    hx_error e;
    if (hx_ctx_new(&opt, &ctx, &e) != HX_OK) {
        fprintf(stderr, "tempeval: %s\n", e.msg);
        return 70;
    }
    int rc = 0;
    if (errors) {
        char dir[4096], err[512];
        te_counts c = {0};
        snprintf(dir, sizeof dir, "%s/data/%s", shared, errors);
        if (te_run_timeml(ctx, dir, TE_TUNE, &c, print_errors, NULL, err, sizeof err)) {
            fprintf(stderr, "tempeval: %s\n", err);
            rc = 65;
        }
    } else if (timeml_row(ctx, shared, "timebank-es", parts, nparts) ||
               timeml_row(ctx, shared, "hourglass-es", parts, nparts) ||
               spec_rows(ctx, shared, parts, nparts)) {
        rc = 65;
    }
    hx_ctx_free(ctx);
    return rc;
}
