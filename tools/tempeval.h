/*
 * tempeval.h -- the time-expression scorer shared by tools/tempeval.c and the accuracy
 * floors in tests/test_tempeval.c (header only, static functions).
 *
 * Development sets are split once, before any tuning, by a hash of their id:
 * te_part(key) is TE_TUNE or TE_VAL from the FNV-1a 32-bit hash of the key (TimeBank and
 * HourGlass: the document id; Recognizers-Text: the case's Input string); odd hashes go
 * to validation.  The split is code, not copies of the data.
 *
 * TimeML scoring follows the TempEval-3 conventions: a system timex and a gold timex
 * match strictly when their extents are equal and relaxedly when they overlap; matching
 * is one-to-one (each gold timex takes the first unused system timex overlapping it).
 *   strict / relaxed P = matches / system timexes, R = matches / gold timexes, F1;
 *   type accuracy and value accuracy = same attribute / relaxed matches;
 *   value F1 = F1 of (relaxed matches with the same value) over system and gold counts.
 * Recognizers-Text cases pass as in `hechos recognize --score`: same number of
 * results, in order, each with the same Text (case ignored), TypeName, Start, End and
 * Resolution.
 *
 * Invariants: counters only grow; nothing here keeps state between calls; every
 * function reports unreadable input by returning -1 with a message in err.
 */
#ifndef HX_TEMPEVAL_H
#define HX_TEMPEVAL_H

#include "hechos.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { TE_ALL = 0, TE_TUNE = 1, TE_VAL = 2 };

/* The part (TE_TUNE or TE_VAL) of a record with this id or input. */
static inline int te_part(const char *key)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return (h & 1u) ? TE_VAL : TE_TUNE;
}

typedef struct te_counts {
    long gold, sys;                  /* timexes */
    long strict, relaxed;            /* one-to-one span matches */
    long type_ok, value_ok;          /* among relaxed matches */
    long docs;
} te_counts;

typedef struct te_scores {
    double strict_p, strict_r, strict_f, relaxed_p, relaxed_r, relaxed_f;
    double type_acc, value_acc, value_f;
} te_scores;

static inline double te_f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

static inline te_scores te_score(const te_counts *c)
{
    te_scores s;
    double g = c->gold ? (double)c->gold : 1, y = c->sys ? (double)c->sys : 1;
    s.strict_p = c->strict / y;
    s.strict_r = c->strict / g;
    s.strict_f = te_f1(s.strict_p, s.strict_r);
    s.relaxed_p = c->relaxed / y;
    s.relaxed_r = c->relaxed / g;
    s.relaxed_f = te_f1(s.relaxed_p, s.relaxed_r);
    s.type_acc = c->relaxed ? (double)c->type_ok / (double)c->relaxed : 0;
    s.value_acc = c->relaxed ? (double)c->value_ok / (double)c->relaxed : 0;
    s.value_f = te_f1(c->value_ok / y, c->value_ok / g);
    return s;
}

/* One system timex: code-point extent, type and value (borrowed from the document). */
typedef struct te_sys {
    size_t start, end;
    const char *type, *value;
    int used;
} te_sys;

/* Scores the gold timexes (a JSON array of {start,end,type,value}) of one document
 * against its system timexes. */
static void te_score_doc(json_t *gold, te_sys *sys, size_t nsys, te_counts *c)
{
    c->docs++;
    c->sys += (long)nsys;
    for (size_t i = 0; i < json_array_size(gold); i++) {
        json_t *g = json_array_get(gold, i);
        size_t gs = (size_t)json_integer_value(json_object_get(g, "start"));
        size_t ge = (size_t)json_integer_value(json_object_get(g, "end"));
        const char *gt = json_string_value(json_object_get(g, "type"));
        const char *gv = json_string_value(json_object_get(g, "value"));
        c->gold++;
        te_sys *best = NULL;
        for (size_t k = 0; k < nsys; k++) { /* an exact match first, else any overlap */
            if (sys[k].used || sys[k].end <= gs || sys[k].start >= ge)
                continue;
            if (sys[k].start == gs && sys[k].end == ge) {
                best = &sys[k];
                break;
            }
            if (!best)
                best = &sys[k];
        }
        if (!best)
            continue;
        best->used = 1;
        c->relaxed++;
        c->strict += best->start == gs && best->end == ge;
        c->type_ok += gt && best->type && strcmp(gt, best->type) == 0;
        c->value_ok += gv && best->value && strcmp(gv, best->value) == 0;
    }
}

/* Reads one JSON Lines file into an array (NULL and a message in err on failure). */
static json_t *te_read_jsonl(const char *path, char *err, size_t errn)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errn, "%.300s: cannot open", path);
        return NULL;
    }
    json_t *arr = json_array();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (n <= 1)
            continue;
        json_error_t je;
        json_t *o = json_loadb(line, (size_t)n, 0, &je);
        if (!json_is_object(o)) {
            snprintf(err, errn, "%.300s:%ld:%d: %.150s", path, lineno, je.column, je.text);
            json_decref(o);
            json_decref(arr);
            arr = NULL;
            break;
        }
        json_array_append_new(arr, o);
    }
    free(line);
    fclose(f);
    return arr;
}

/* Runs the time stage over docs.jsonl of dir and scores it against gold.jsonl, for the
 * records of part (TE_ALL, TE_TUNE, TE_VAL).  each(ud, id, gold, sys, nsys, text) is
 * called per document when not NULL (for error listings).  Returns 0, or -1 with err. */
static int te_run_timeml(const hx_ctx *ctx, const char *dir, int part, te_counts *c,
                         void (*each)(void *, const char *, json_t *, const te_sys *, size_t,
                                      const char *),
                         void *ud, char *err, size_t errn)
{
    char p1[4096], p2[4096];
    snprintf(p1, sizeof p1, "%s/docs.jsonl", dir);
    snprintf(p2, sizeof p2, "%s/gold.jsonl", dir);
    json_t *docs = te_read_jsonl(p1, err, errn);
    json_t *gold = docs ? te_read_jsonl(p2, err, errn) : NULL;
    int rc = docs && gold ? 0 : -1;
    if (!rc && json_array_size(docs) != json_array_size(gold)) {
        snprintf(err, errn, "%.200s: %zu records, %.200s: %zu", p1, json_array_size(docs), p2,
                 json_array_size(gold));
        rc = -1;
    }
    for (size_t i = 0; !rc && i < json_array_size(docs); i++) {
        json_t *d = json_array_get(docs, i), *g = json_array_get(gold, i);
        const char *id = json_string_value(json_object_get(d, "id"));
        const char *text = json_string_value(json_object_get(d, "text"));
        json_t *gt = json_object_get(g, "timex");
        if (!id || !text || !json_is_array(gt) ||
            !json_equal(json_object_get(d, "id"), json_object_get(g, "id"))) {
            snprintf(err, errn, "%.300s: record %zu: no id, text or timex, or ids differ", p2, i + 1);
            rc = -1;
            break;
        }
        if (part != TE_ALL && te_part(id) != part)
            continue;
        hx_docinfo info = {0};
        info.id = id;
        info.date = json_string_value(json_object_get(d, "date"));
        hx_doc *doc = NULL;
        hx_error e;
        if (hx_doc_new(ctx, text, strlen(text), &info, &doc, &e) != HX_OK ||
            hx_doc_analyze(doc, &e) != HX_OK) {
            snprintf(err, errn, "%.200s: %.100s: %.150s", p1, id, e.msg);
            hx_doc_free(doc);
            rc = -1;
            break;
        }
        size_t n = hx_doc_ntimes(doc);
        te_sys *sys = calloc(n ? n : 1, sizeof *sys);
        for (size_t k = 0; sys && k < n; k++) {
            hx_time t;
            hx_doc_time(doc, k, &t);
            sys[k] = (te_sys){t.span.start, t.span.end, t.type, t.value, 0};
        }
        if (sys) {
            te_score_doc(gt, sys, n, c);
            if (each)
                each(ud, id, gt, sys, n, text);
        }
        free(sys);
        hx_doc_free(doc);
        if (!sys) {
            snprintf(err, errn, "out of memory");
            rc = -1;
        }
    }
    json_decref(docs);
    json_decref(gold);
    return rc;
}

/* 1 when two Recognizers-Text result arrays are the same (see the header). */
static int te_rt_equal(json_t *got, json_t *want)
{
    if (!json_is_array(got) || !json_is_array(want) || json_array_size(got) != json_array_size(want))
        return 0;
    for (size_t i = 0; i < json_array_size(want); i++) {
        json_t *g = json_array_get(got, i), *w = json_array_get(want, i);
        const char *gt = json_string_value(json_object_get(g, "Text"));
        const char *wt = json_string_value(json_object_get(w, "Text"));
        if (!gt || !wt || strcasecmp(gt, wt) != 0)
            return 0;
        static const char *const keys[] = {"TypeName", "Start", "End", "Resolution"};
        for (size_t k = 0; k < 4; k++)
            if (!json_equal(json_object_get(g, keys[k]), json_object_get(w, keys[k])))
                return 0;
    }
    return 1;
}

/* Runs the cases of one Recognizers-Text spec file of part through kind; *pass and
 * *total count them.  Returns 0, or -1 with err. */
static int te_run_spec(const hx_ctx *ctx, const char *kind, const char *path, int part,
                       long *pass, long *total, char *err, size_t errn)
{
    json_error_t je;
    json_t *spec = json_load_file(path, 0, &je);
    if (!json_is_array(spec)) {
        snprintf(err, errn, "%.300s:%d: %.150s", path, je.line, spec ? "not an array" : je.text);
        json_decref(spec);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < json_array_size(spec); i++) {
        json_t *c = json_array_get(spec, i);
        const char *input = json_string_value(json_object_get(c, "Input"));
        const char *ref = json_string_value(
            json_object_get(json_object_get(c, "Context"), "ReferenceDateTime"));
        if (!input) {
            snprintf(err, errn, "%.300s: case %zu has no Input", path, i + 1);
            rc = -1;
            break;
        }
        if (part != TE_ALL && te_part(input) != part)
            continue;
        char *out = NULL;
        hx_error e;
        (*total)++;
        if (hx_recognize(ctx, kind, input, strlen(input), ref, &out, &e) != HX_OK)
            continue;
        json_t *got = json_loads(out, 0, &je);
        *pass += te_rt_equal(got, json_object_get(c, "Results"));
        json_decref(got);
        hx_free(out);
    }
    json_decref(spec);
    return rc;
}

/* The Recognizers-Text spec files and the kind each is run through. */
static const struct te_spec {
    const char *kind, *file;
} te_specs[] = {
    {"datetime", "DateTime-DateTimeModel.json"},
    {"number", "Number-NumberModel.json"},
    {"ordinal", "Number-OrdinalModel.json"},
    {"percent", "Number-PercentModel.json"},
    {"numberrange", "Number-NumberRangeModel.json"},
    {"currency", "NumberWithUnit-CurrencyModel.json"},
    {"dimension", "NumberWithUnit-DimensionModel.json"},
    {"age", "NumberWithUnit-AgeModel.json"},
    {"temperature", "NumberWithUnit-TemperatureModel.json"},
};

#endif
