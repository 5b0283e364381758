/*
 * bench_html.c -- HTML to text throughput: hx_html_extract over the pages given on the
 * command line (the fixture pages by default), repeated until at least 50 MB of HTML
 * went through, best of 3 rounds; reports MB of HTML per CPU second of this thread
 * (per core, even on a shared machine).
 *
 *   bench_html [PAGE.html...]
 */
#include "bench.h"

#include <stdlib.h>

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    hx__buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) hx__buf_put(&b, tmp, k);
    fclose(f);
    *n = b.n;
    return b.p;
}

int main(int argc, char **argv)
{
    int np = argc - 1;
    if (np < 1) {
        fprintf(stderr, "usage: bench_html PAGE.html...\n");
        return 64;
    }
    char **page = calloc((size_t)np, sizeof *page);
    size_t *len = calloc((size_t)np, sizeof *len), total = 0, text = 0;
    for (int i = 0; i < np; i++) {
        if (!(page[i] = slurp(argv[i + 1], &len[i]))) {
            fprintf(stderr, "bench_html: cannot read %s\n", argv[i + 1]);
            return 66;
        }
        total += len[i];
    }
    int reps = (int)((50u << 20) / (total ? total : 1)) + 1;
    double best = 1e9;
    for (int round = 0; round < 3; round++) {
        double t0 = bench_now();
        text = 0;
        for (int r = 0; r < reps; r++)
            for (int i = 0; i < np; i++) {
                hx_article *a;
                hx_error err;
                if (hx_html_extract(page[i], len[i], NULL, NULL, &a, &err) != HX_OK) {
                    fprintf(stderr, "bench_html: %s: %s\n", argv[i + 1], err.msg);
                    return 65;
                }
                size_t n;
                hx_article_text(a, &n);
                text += n;
                hx_article_free(a);
            }
        double t = bench_now() - t0;
        if (t < best) best = t;
    }
    double mb = (double)total * reps / 1e6;
    printf("html: %d pages (%.1f KB on average), %.1f MB of HTML in %.3f CPU s: %.1f MB/s per core, "
           "%.0f pages/s; text is %.1f%% of the HTML\n",
           np, (double)total / np / 1e3, mb, best, mb / best, (double)np * reps / best, 100.0 * (double)text / ((double)total * reps));
    for (int i = 0; i < np; i++) free(page[i]);
    free(page);
    free(len);
    return 0;
}
