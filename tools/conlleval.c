/*
 * conlleval.c -- scores tagger output the way CoNLL's conlleval.pl does.
 *
 *   conlleval [--ner G,P] [--pos G,P] [FILE]
 *
 * Reads whitespace-separated columns (a blank line ends a sentence; "-DOCSTART-"
 * lines are boundaries too).  NER: phrase-level precision, recall and F1 overall and
 * per entity type, from gold column G and predicted column P (1-based; default: the
 * last two columns).  --pos G,P also reports token accuracy between two columns.
 *
 * Chunks are read by the library's scorer (hx__chunks, hx__chunks_match in
 * src/tagger/tagger_data.c: IOB1, IOB2 and the E-/S- variants; an I- after O or after
 * another type starts a chunk), so `hechos train`'s dev F1 and this tool agree by
 * construction; tests/test_tagger.c checks those chunk rules against hand-made cases.
 *
 * Invariants: a sentence's labels live in `sent` (strings owned by it) until it is
 * scored at its boundary; per-type counts are kept for at most MAXTYPES types.
 */
#include "tagger/tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXCOLS 64
#define MAXTYPES 64

typedef struct counts {
    char name[32];
    long gold, guessed, correct;
} counts;

typedef struct sentence { /* the labels of the sentence being read */
    char **gold, **pred;
    size_t n, cap;
} sentence;

typedef struct state {
    counts types[MAXTYPES];
    int ntypes;
    long tokens, tok_correct, pos_tokens, pos_correct;
    long gold, guessed, correct;
    sentence sent;
} state;

static counts *type_of(state *s, const char *t)
{
    for (int i = 0; i < s->ntypes; i++)
        if (strcmp(s->types[i].name, t) == 0)
            return &s->types[i];
    if (s->ntypes == MAXTYPES)
        return NULL;
    counts *c = &s->types[s->ntypes++];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", t);
    return c;
}

static int add_token(sentence *t, const char *gl, const char *pl)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        char **g = realloc(t->gold, cap * sizeof *g);
        if (!g)
            return -1;
        t->gold = g;
        char **p = realloc(t->pred, cap * sizeof *p);
        if (!p)
            return -1;
        t->pred = p;
        t->cap = cap;
    }
    t->gold[t->n] = strdup(gl);
    t->pred[t->n] = strdup(pl);
    if (!t->gold[t->n] || !t->pred[t->n]) {
        free(t->gold[t->n]);
        free(t->pred[t->n]);
        return -1;
    }
    t->n++;
    return 0;
}

/* Scores the sentence read so far with the library's chunker and empties it. */
static int end_sentence(state *s)
{
    sentence *t = &s->sent;
    size_t n = t->n;
    hx__chunk *cg = calloc(n + 1, sizeof *cg), *cp = calloc(n + 1, sizeof *cp);
    unsigned char *hit = calloc(n + 1, 1);
    int rc = -1;
    if (!cg || !cp || !hit)
        goto done;
    size_t ng = hx__chunks((const char *const *)t->gold, n, cg);
    size_t np = hx__chunks((const char *const *)t->pred, n, cp);
    s->correct += (long)hx__chunks_match(cg, ng, cp, np, hit);
    s->gold += (long)ng;
    s->guessed += (long)np;
    for (size_t i = 0; i < ng; i++) {
        counts *c = type_of(s, cg[i].type);
        if (c)
            c->gold++, c->correct += hit[i];
    }
    for (size_t i = 0; i < np; i++) {
        counts *c = type_of(s, cp[i].type);
        if (c)
            c->guessed++;
    }
    for (size_t i = 0; i < n; i++) {
        s->tokens++;
        s->tok_correct += strcmp(t->gold[i], t->pred[i]) == 0;
        free(t->gold[i]);
        free(t->pred[i]);
    }
    t->n = 0;
    rc = 0;
done:
    free(cg);
    free(cp);
    free(hit);
    return rc;
}

static void prf(long correct, long guessed, long gold, double *p, double *r, double *f)
{
    *p = guessed ? 100.0 * (double)correct / (double)guessed : 0;
    *r = gold ? 100.0 * (double)correct / (double)gold : 0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const counts *)a)->name, ((const counts *)b)->name);
}

static int parse_pair(const char *arg, int *a, int *b)
{
    char *end;
    long x = strtol(arg, &end, 10);
    if (*end != ',' || x < 1 || x > MAXCOLS)
        return -1;
    long y = strtol(end + 1, &end, 10);
    if (*end || y < 1 || y > MAXCOLS)
        return -1;
    *a = (int)x;
    *b = (int)y;
    return 0;
}

int main(int argc, char **argv)
{
    int ng = 0, np = 0, pg = 0, pp = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--ner") == 0 && i + 1 < argc) {
            if (parse_pair(argv[++i], &ng, &np))
                goto usage;
        } else if (strcmp(argv[i], "--pos") == 0 && i + 1 < argc) {
            if (parse_pair(argv[++i], &pg, &pp))
                goto usage;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            goto usage;
        } else {
            path = argv[i];
        }
    }
    FILE *f = path && strcmp(path, "-") != 0 ? fopen(path, "r") : stdin;
    if (!f) {
        perror(path);
        return 66;
    }
    static state s;
    char line[65536];
    unsigned long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *cols[MAXCOLS];
        int n = 0;
        for (char *tok = strtok(line, " \t\r\n"); tok && n < MAXCOLS; tok = strtok(NULL, " \t\r\n"))
            cols[n++] = tok;
        if (n == 0 || strcmp(cols[0], "-DOCSTART-") == 0) {
            if (end_sentence(&s))
                goto nomem;
            continue;
        }
        int g = ng ? ng : n - 1, p = np ? np : n;
        if (g < 1 || g > n || p < 1 || p > n) {
            fprintf(stderr, "conlleval: line %lu has %d columns\n", lineno, n);
            return 65;
        }
        if (add_token(&s.sent, cols[g - 1], cols[p - 1]))
            goto nomem;
        if (pg && pg <= n && pp <= n) {
            s.pos_tokens++;
            s.pos_correct += strcmp(cols[pg - 1], cols[pp - 1]) == 0;
        }
    }
    if (end_sentence(&s))
        goto nomem;
    free(s.sent.gold);
    free(s.sent.pred);
    if (f != stdin)
        fclose(f);
    double P, R, F;
    prf(s.correct, s.guessed, s.gold, &P, &R, &F);
    printf("processed %ld tokens with %ld phrases; found: %ld phrases; correct: %ld.\n",
           s.tokens, s.gold, s.guessed, s.correct);
    printf("accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
           s.tokens ? 100.0 * (double)s.tok_correct / (double)s.tokens : 0, P, R, F);
    qsort(s.types, (size_t)s.ntypes, sizeof *s.types, by_name);
    for (int i = 0; i < s.ntypes; i++) {
        counts *c = &s.types[i];
        prf(c->correct, c->guessed, c->gold, &P, &R, &F);
        printf("%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %ld\n", c->name, P, R,
               F, c->guessed);
    }
    if (pg)
        printf("POS accuracy: %.2f%% (%ld of %ld tokens)\n",
               s.pos_tokens ? 100.0 * (double)s.pos_correct / (double)s.pos_tokens : 0,
               s.pos_correct, s.pos_tokens);
    return 0;
nomem:
    fprintf(stderr, "conlleval: out of memory\n");
    return 70;
usage:
    fprintf(stderr, "usage: conlleval [--ner GOLD,PRED] [--pos GOLD,PRED] [FILE]\n");
    return 64;
}
