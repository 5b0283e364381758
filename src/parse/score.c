/*
 * score.c -- attachment scores of a parse against gold CoNLL-U: UPOS accuracy, UAS,
 * LAS (full relation, subtype included), CLAS-free "universal" LAS (relation up to
 * the colon, as the CoNLL 2018 evaluation compares them), and precision / recall /
 * F1 per relation (an arc counts for its relation when head and relation are right).
 * Every word counts, punctuation included (as in the CoNLL 2018 shared task).
 *
 * Invariants: counts only; hx__uds never allocates (at most HX__UDS_MAXREL relation
 * names are tracked separately, the rest are counted in the totals only).
 */
#include "parse/parse.h"

#include <stdio.h>
#include <string.h>

static hx__relcount *rel(hx__uds *u, const char *name)
{
    for (size_t i = 0; i < u->nrel; i++)
        if (strcmp(u->rel[i].name, name) == 0)
            return &u->rel[i];
    if (u->nrel >= HX__UDS_MAXREL || strlen(name) >= sizeof u->rel[0].name)
        return NULL;
    hx__relcount *r = &u->rel[u->nrel++];
    memset(r, 0, sizeof *r);
    strcpy(r->name, name);
    return r;
}

/* Whether two relations agree up to their subtypes ("obl:agent" ~ "obl"). */
static int same_universal(const char *a, const char *b)
{
    size_t na = strcspn(a, ":"), nb = strcspn(b, ":");
    return na == nb && memcmp(a, b, na) == 0;
}

void hx__uds_add(hx__uds *u, const char *gupos, const char *supos, int32_t gh, int32_t sh,
                 const char *grel, const char *srel)
{
    u->words++;
    u->upos_ok += strcmp(gupos, supos) == 0;
    if (gh != sh)
        goto rels;
    u->uas_ok++;
    u->las_ok += strcmp(grel, srel) == 0;
    u->ulas_ok += same_universal(grel, srel);
rels:;
    hx__relcount *g = rel(u, grel), *s = rel(u, srel);
    if (g)
        g->gold++;
    if (s)
        s->sys++;
    if (g && gh == sh && strcmp(grel, srel) == 0)
        g->ok++;
}

double hx__uds_las(const hx__uds *u) { return u->words ? 100.0 * u->las_ok / u->words : 0; }

static double pct(size_t a, size_t b) { return b ? 100.0 * (double)a / (double)b : 0; }

void hx__uds_report(const hx__uds *u, hx__buf *b)
{
    hx__buf_printf(b, "words %zu\nUPOS %.2f\nUAS %.2f\nLAS %.2f\nLAS-universal %.2f\n",
                   u->words, pct(u->upos_ok, u->words), pct(u->uas_ok, u->words),
                   pct(u->las_ok, u->words), pct(u->ulas_ok, u->words));
    hx__buf_puts(b, "relation gold system correct P R F1\n");
    static const char *const key[] = {"nsubj", "obj", "obl", "obl:agent", "iobj",
                                      "ccomp", "conj", "appos"};
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < u->nrel; i++) {
            const hx__relcount *r = &u->rel[i];
            int is_key = 0;
            for (size_t k = 0; k < sizeof key / sizeof *key; k++)
                is_key |= strcmp(r->name, key[k]) == 0;
            if (is_key != (pass == 0) || (!r->gold && !r->sys))
                continue;
            double p = pct(r->ok, r->sys), rc = pct(r->ok, r->gold);
            hx__buf_printf(b, "%s%s %zu %zu %zu %.2f %.2f %.2f\n", pass ? "  " : "* ",
                           r->name, r->gold, r->sys, r->ok, p, rc,
                           p + rc > 0 ? 2 * p * rc / (p + rc) : 0);
        }
}
