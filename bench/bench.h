/*
 * bench.h -- what the stage benchmarks share (header only): a CPU clock and the
 * detokenised text of a CoNLL file.  Benchmarks report MB/s per CPU second of the
 * measuring thread, so that numbers stay per core on a machine others are using.
 */
#ifndef HX_BENCH_H
#define HX_BENCH_H

#include "core/core.h"
#include "numbers/numbers.h"
#include "timex/timex.h"
#include "entities/entities.h"
#include "claims/claims.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* CPU seconds of the calling thread. */
static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The words of a CoNLL file (first column) joined by spaces, a line per sentence;
 * malloc'd (free it), or NULL when the file cannot be read. */
static inline char *bench_detokenise(const char *path, size_t *len)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    hx__buf b = {0};
    char line[4096];
    int fresh = 1;
    while (fgets(line, sizeof line, f)) {
        char *sp = strchr(line, ' ');
        if (line[0] == '\n' || !sp) {
            if (!fresh) hx__buf_putc(&b, '\n');
            fresh = 1;
            continue;
        }
        if (!fresh) hx__buf_putc(&b, ' ');
        hx__buf_put(&b, line, (size_t)(sp - line));
        fresh = 0;
    }
    fclose(f);
    *len = b.n;
    return b.p;
}

/* Runs stage over doc `runs` times, emptying its layer before each run, and returns
 * the best CPU seconds; *found gets the layer's size.  -1 when the stage fails. */
static inline double bench_stage(hx_doc *doc, hx__vec *layer, hx_status (*stage)(hx_doc *, hx_error *),
                                 int runs, size_t *found, hx_error *err)
{
    double best = 1e9;
    for (int r = 0; r < runs; r++) {
        layer->n = 0;
        double t0 = bench_now();
        if (stage(doc, err) != HX_OK) return -1;
        double t = bench_now() - t0;
        if (t < best) best = t;
        *found = layer->n;
    }
    return best;
}

/* Feeds text to hx_recognize(kind) in 64 KiB pieces cut at code point boundaries and
 * returns the CPU seconds, or -1 when a call fails. */
static inline double bench_recognize(const hx_ctx *ctx, const char *kind, const char *ref,
                                     const char *text, size_t len, hx_error *err)
{
    double t0 = bench_now();
    for (size_t at = 0; at < len;) {
        size_t end = at + 65536 < len ? at + 65536 : len;
        while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80) end++;
        char *out = NULL;
        if (hx_recognize(ctx, kind, text + at, end - at, ref, &out, err) != HX_OK) return -1;
        hx_free(out);
        at = end;
    }
    return bench_now() - t0;
}

#endif
