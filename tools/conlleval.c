/*
 * conlleval.c -- scores tagger output the way CoNLL's conlleval.pl does.
 *
 *   conlleval [--ner G,P] [--pos G,P] [FILE]
 *
 * Reads whitespace-separated columns (a blank line ends a sentence; "-DOCSTART-"
 * lines are boundaries too).  NER: phrase-level precision, recall and F1 overall and
 * per entity type, with chunks read exactly as conlleval.pl reads them (IOB1, IOB2,
 * and the E-/S- variants; an I- after O or after another type starts a chunk), from
 * gold column G and predicted column P (1-based; default: the last two columns).
 * --pos G,P also reports token accuracy between two columns.
 *
 * Standalone on purpose: it shares no code with the library it judges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXCOLS 64
#define MAXTYPES 64

typedef struct counts {
    char name[32];
    long gold, guessed, correct;
} counts;

typedef struct state {
    counts types[MAXTYPES];
    int ntypes;
    long tokens, tok_correct, pos_tokens, pos_correct;
    long gold, guessed, correct;
    /* chunk state, as in conlleval.pl */
    char pg, pp;              /* previous gold / guessed tag letter */
    char pgt[32], ppt[32];    /* previous types */
    int in_correct;
    char last_correct_type[32];
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

static void split(const char *label, char *tag, char *type)
{
    if (label[0] && label[1] == '-') {
        *tag = label[0];
        snprintf(type, 32, "%s", label + 2);
    } else {
        *tag = label[0] ? label[0] : 'O';
        if (strcmp(label, "O") != 0 && label[0] != '.' && label[0])
            *tag = label[0]; /* a bare type letter, as conlleval allows */
        type[0] = '\0';
    }
}

static int end_of_chunk(char p, char t, const char *pt, const char *tt)
{
    if (p == 'B' && t == 'B') return 1;
    if (p == 'B' && t == 'O') return 1;
    if (p == 'I' && t == 'B') return 1;
    if (p == 'I' && t == 'O') return 1;
    if (p == 'E' && (t == 'E' || t == 'I' || t == 'O')) return 1;
    if (p == 'B' && t == 'S') return 1;
    if (p == 'I' && t == 'S') return 1;
    if (p == 'S') return 1;
    if (p == 'E' && t == 'B') return 1;
    if (p != 'O' && p != '.' && strcmp(pt, tt) != 0) return 1;
    return 0;
}

static int start_of_chunk(char p, char t, const char *pt, const char *tt)
{
    if (t == 'B' || t == 'S') return 1;
    if ((p == 'E' || p == 'S' || p == 'O') && (t == 'E' || t == 'I')) return 1;
    if (t != 'O' && t != '.' && strcmp(pt, tt) != 0) return 1;
    return 0;
}

/* One token (or a boundary when gl == NULL), following conlleval.pl's main loop. */
static void step(state *s, const char *gl, const char *pl)
{
    char g = 'O', p = 'O', gt[32] = "", ptp[32] = "";
    if (gl) {
        split(gl, &g, gt);
        split(pl, &p, ptp);
    }
    int ge = end_of_chunk(s->pg, g, s->pgt, gt), pe = end_of_chunk(s->pp, p, s->ppt, ptp);
    int gs = start_of_chunk(s->pg, g, s->pgt, gt), ps = start_of_chunk(s->pp, p, s->ppt, ptp);
    if (s->in_correct) {
        if (ge && pe && strcmp(s->pgt, s->ppt) == 0) {
            s->in_correct = 0;
            s->correct++;
            counts *c = type_of(s, s->last_correct_type);
            if (c)
                c->correct++;
        } else if (ge != pe || strcmp(gt, ptp) != 0) {
            s->in_correct = 0;
        }
    }
    if (gl) {
        if (gs && ps && strcmp(gt, ptp) == 0) {
            s->in_correct = 1;
            snprintf(s->last_correct_type, sizeof s->last_correct_type, "%s", gt);
        }
        if (gs) {
            s->gold++;
            counts *c = type_of(s, gt);
            if (c)
                c->gold++;
        }
        if (ps) {
            s->guessed++;
            counts *c = type_of(s, ptp);
            if (c)
                c->guessed++;
        }
        s->tokens++;
        s->tok_correct += strcmp(gl, pl) == 0;
    }
    s->pg = g;
    s->pp = p;
    snprintf(s->pgt, sizeof s->pgt, "%s", gt);
    snprintf(s->ppt, sizeof s->ppt, "%s", ptp);
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
    s.pg = s.pp = 'O';
    char line[65536];
    unsigned long lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *cols[MAXCOLS];
        int n = 0;
        for (char *tok = strtok(line, " \t\r\n"); tok && n < MAXCOLS; tok = strtok(NULL, " \t\r\n"))
            cols[n++] = tok;
        if (n == 0 || strcmp(cols[0], "-DOCSTART-") == 0) {
            step(&s, NULL, NULL);
            continue;
        }
        int g = ng ? ng : n - 1, p = np ? np : n;
        if (g < 1 || g > n || p < 1 || p > n) {
            fprintf(stderr, "conlleval: line %lu has %d columns\n", lineno, n);
            return 65;
        }
        step(&s, cols[g - 1], cols[p - 1]);
        if (pg && pg <= n && pp <= n) {
            s.pos_tokens++;
            s.pos_correct += strcmp(cols[pg - 1], cols[pp - 1]) == 0;
        }
    }
    step(&s, NULL, NULL);
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
usage:
    fprintf(stderr, "usage: conlleval [--ner GOLD,PRED] [--pos GOLD,PRED] [FILE]\n");
    return 64;
}
