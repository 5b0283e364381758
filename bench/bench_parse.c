/*
 * bench_parse.c -- speed of the UD tagger + dependency parser (src/parse) on the
 * words of CoNLL-U files (gold segmentation): tokens per CPU second of one core,
 * tagging and parsing separately and together, repeated for at least 2 s, and the
 * load time of the models.
 *   bench_parse MODELS_DIR FILE.conllu...
 */
#include "parse/parse.h"
#include "bench.h"

static double load_models(const char *dir, hx_parser **p)
{
    hx_error err;
    double t0 = bench_now();
    if (hx_parser_load(dir, p, &err) != HX_OK) {
        fprintf(stderr, "bench_parse: %s\n", err.msg);
        return -1;
    }
    return bench_now() - t0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_parse MODELS_DIR FILE.conllu...\n");
        return 64;
    }
    hx_parser *ps = NULL;
    double load = load_models(argv[1], &ps);
    if (load < 0)
        return 78;
    const hx__parser *p = hx__parser_of(ps);
    hx__parse_scan s = {0};
    size_t ntok = 0, nsent = 0;
    double tag = 0, parse = 0;
    int reps = 0;
    while (tag + parse < 2.0 || reps == 0) {
        for (int a = 2; a < argc; a++) {
            hx__conllu c;
            hx_error err;
            if (hx__conllu_load(argv[a], 0, &c, &err) != HX_OK) {
                fprintf(stderr, "bench_parse: %s\n", err.msg);
                return 65;
            }
            hx__word *w = malloc((c.nword + 1) * sizeof *w);
            for (size_t k = 0; w && k < c.nsent; k++) {
                const hx__cu_sent *cs = &c.sent[k];
                for (size_t i = 0; i < cs->nw; i++) {
                    w[i].s = hx__cu_field(&c, cs->w0 + i, 1);
                    w[i].n = (uint32_t)strlen(w[i].s);
                }
                double t0 = bench_now();
                if (hx__ud_tag(p, &s, w, cs->nw))
                    return 71;
                double t1 = bench_now();
                if (hx__parse_words(p, &s, cs->nw))
                    return 71;
                parse += bench_now() - t1;
                tag += t1 - t0;
                ntok += cs->nw;
                nsent++;
            }
            free(w);
            hx__conllu_free(&c);
        }
        reps++;
    }
    printf("words %zu (%d passes over %zu sentences)\n", ntok, reps, nsent / (size_t)reps);
    printf("UD tagger        %10.0f words/s of CPU\n", (double)ntok / tag);
    printf("parser           %10.0f words/s of CPU\n", (double)ntok / parse);
    printf("tagger + parser  %10.0f words/s of CPU\n", (double)ntok / (tag + parse));
    printf("model load       %10.1f ms of CPU (parse.hxm + ud-upos.hxm, tables built)\n",
           load * 1000);
    hx__pscratch_free(&s);
    hx_parser_free(ps);
    return 0;
}
