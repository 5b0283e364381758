/*
 * tagger_data.c -- CoNLL files for the tagger's trainer and their scoring: reading
 * columns into memory, and phrase-level precision/recall/F1 with chunks read exactly
 * as CoNLL's conlleval.pl reads them (plus token accuracy).
 *
 * Invariants: a corpus owns one buffer that all its word and column pointers point
 * into; scoring keeps no state between sentences except the counts it is given.
 */
#include "tagger/tagger.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- CoNLL files */


void hx__corpus_free(hx__corpus *c)
{
    free(c->buf);
    free(c->words);
    free(c->col[0]);
    free(c->col[1]);
    free(c->sent);
    memset(c, 0, sizeof *c);
}

hx_status hx__read_path(const char *path, hx__buf *b, hx_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return hx__err(err, errno == ENOENT ? HX_NOTFOUND : HX_IO, SIZE_MAX,
                       "cannot open %s: %s", path, strerror(errno));
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        hx__buf_put(b, tmp, k);
    int rerr = ferror(f);
    fclose(f);
    if (rerr || b->oom)
        return hx__err(err, rerr ? HX_IO : HX_NOMEM, SIZE_MAX, "cannot read %s", path);
    return HX_OK;
}

hx_status hx__corpus_read(const char *path, hx__corpus *c, hx_error *err)
{
    memset(c, 0, sizeof *c);
    hx__buf b = {0};
    hx_status st = hx__read_path(path, &b, err);
    if (st != HX_OK) {
        hx__buf_free(&b);
        return st;
    }
    return hx__corpus_parse(&b, path, c, err);
}

hx_status hx__corpus_parse(hx__buf *in, const char *name, hx__corpus *c, hx_error *err)
{
    hx__buf b = *in;
    memset(c, 0, sizeof *c);
    memset(in, 0, sizeof *in);
    hx__buf_putc(&b, '\n');
    c->buf = b.p;
    size_t lines = 0;
    for (size_t i = 0; i < b.n; i++)
        lines += b.p[i] == '\n';
    c->words = malloc((lines + 1) * sizeof *c->words);
    c->col[0] = malloc((lines + 1) * sizeof *c->col[0]);
    c->col[1] = malloc((lines + 1) * sizeof *c->col[1]);
    c->sent = malloc((lines + 2) * sizeof *c->sent);
    if (!c->words || !c->col[0] || !c->col[1] || !c->sent || b.oom) {
        hx__corpus_free(c);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory reading %s", name);
    }
    c->sent[0] = 0;
    char *p = b.p, *end = b.p + b.n;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        *nl = '\0';
        if (nl > p && nl[-1] == '\r')
            nl[-1] = '\0';
        char *fields[3] = {NULL, NULL, NULL};
        int nf = 0;
        for (char *q = p; *q && nf < 3;) {
            while (*q == ' ' || *q == '\t')
                *q++ = '\0';
            if (!*q)
                break;
            fields[nf++] = q;
            while (*q && *q != ' ' && *q != '\t')
                q++;
        }
        for (char *q = p; q < nl; q++)
            if (*q == ' ' || *q == '\t')
                *q = '\0';
        if (nf == 0) {
            if (c->ntok > c->sent[c->nsent])
                c->sent[++c->nsent] = c->ntok;
        } else {
            c->words[c->ntok].s = fields[0];
            c->words[c->ntok].n = (uint32_t)strlen(fields[0]);
            c->col[0][c->ntok] = fields[1] ? fields[1] : "";
            c->col[1][c->ntok] = fields[2] ? fields[2] : "";
            c->ntok++;
        }
        p = nl + 1;
    }
    if (c->ntok > c->sent[c->nsent])
        c->sent[++c->nsent] = c->ntok;
    return HX_OK;
}

/* ---------------------------------------------------------------- scoring */

/* Splits a BIO label into its prefix letter and type, as conlleval does. */
static void split_label(const char *l, char *tag, const char **type)
{
    if (l[0] && l[1] == '-') {
        *tag = l[0];
        *type = l + 2;
    } else {
        *tag = strcmp(l, "O") == 0 ? 'O' : l[0] ? l[0] : 'O';
        *type = "";
    }
}

/* conlleval's chunk boundaries (IOB1/IOB2 and the E/S variants). */
static int chunk_end(char pt, char t, const char *ptype, const char *type)
{
    if ((pt == 'B' || pt == 'I') && (t == 'B' || t == 'O'))
        return 1;
    if (pt == 'E' || pt == 'S')
        return 1;
    if ((pt == 'B' || pt == 'I') && (t == 'S'))
        return 1;
    if (pt != 'O' && pt != '.' && strcmp(ptype, type) != 0)
        return 1;
    return 0;
}

static int chunk_start(char pt, char t, const char *ptype, const char *type)
{
    if (t == 'B' || t == 'S')
        return 1;
    if ((pt == 'E' || pt == 'S' || pt == 'O') && (t == 'I' || t == 'E'))
        return 1;
    if (t != 'O' && t != '.' && strcmp(ptype, type) != 0)
        return 1;
    return 0;
}


/* The chunks of labels[0..n) into out (room for n); returns how many. */
size_t hx__chunks(const char *const *labels, size_t n, hx__chunk *out)
{
    size_t k = 0;
    char pt = 'O';
    const char *ptype = "";
    int open = 0;
    for (size_t i = 0; i <= n; i++) {
        char t = 'O';
        const char *type = "";
        if (i < n)
            split_label(labels[i], &t, &type);
        if (open && chunk_end(pt, t, ptype, type)) {
            out[k - 1].e = i;
            open = 0;
        }
        if (i < n && chunk_start(pt, t, ptype, type)) {
            out[k].b = i;
            out[k].e = n;
            out[k].type = type;
            k++;
            open = 1;
        }
        pt = t;
        ptype = type;
    }
    return k;
}


size_t hx__chunks_match(const hx__chunk *cg, size_t ng, const hx__chunk *cp, size_t np,
                        unsigned char *hit)
{
    size_t correct = 0;
    if (hit)
        memset(hit, 0, ng);
    for (size_t i = 0, j = 0; i < ng && j < np;) {
        if (cg[i].b < cp[j].b)
            i++;
        else if (cp[j].b < cg[i].b)
            j++;
        else {
            int same = cg[i].e == cp[j].e && strcmp(cg[i].type, cp[j].type) == 0;
            correct += (size_t)same;
            if (hit)
                hit[i] = (unsigned char)same;
            i++;
            j++;
        }
    }
    return correct;
}

void hx__score_sentence(const char *const *gold, const char *const *pred, size_t n,
                           hx__chunk *cg, hx__chunk *cp, hx__score *s)
{
    for (size_t i = 0; i < n; i++)
        s->correct_tokens += strcmp(gold[i], pred[i]) == 0;
    s->tokens += n;
    size_t ng = hx__chunks(gold, n, cg), np = hx__chunks(pred, n, cp);
    s->gold += ng;
    s->guessed += np;
    s->correct += hx__chunks_match(cg, ng, cp, np, NULL);
}

double hx__score_f1(const hx__score *s)
{
    double p = s->guessed ? (double)s->correct / (double)s->guessed : 0;
    double r = s->gold ? (double)s->correct / (double)s->gold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

