/*
 * bench.h -- what the stage benchmarks share (header only): a CPU clock and the
 * detokenised text of a CoNLL file.  Benchmarks report MB/s per CPU second of the
 * measuring thread, so that numbers stay per core on a machine others are using.
 */
#ifndef HX_BENCH_H
#define HX_BENCH_H

#include "internal.h"

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

#endif
