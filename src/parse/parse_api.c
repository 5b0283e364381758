/*
 * parse_api.c -- the parser's entry points of hechos.h: loading the models, parsing
 * the words of CoNLL-U text (gold segmentation), scoring a parse against gold.
 *
 * Invariants: a hx_parser is read-only once loaded (each call has its own scratch);
 * the output keeps every line of the input that is not a word line byte for byte, and
 * of a word line rewrites only columns 4-8 (UPOS, XPOS, FEATS, HEAD, DEPREL; XPOS and
 * FEATS become "_", the parser predicts neither).
 */
#include "parse/parse.h"

#include <stdio.h>
#include <string.h>

struct hx_parser {
    hx__parser p;
};

static hx_status check_models(const hx__parser *p, hx_error *err)
{
    static const char *const tn[] = {"SHIFT", "LEFT", "RIGHT"};
    if (p->m->task != HX__TASK_PARSE || p->m->nlabels <= HX__PARSE_NTRANS ||
        p->m->bits != HX__PARSE_BITS)
        return hx__err(err, HX_MODEL, SIZE_MAX, "parse.hxm is not a parser model");
    if (p->m->open_mask != HX__PARSE_FEATS)
        return hx__err(err, HX_MODEL, SIZE_MAX, "parse.hxm has features v%llu, this parser "
                       "v%u: retrain it (docs/parser.md)", (unsigned long long)p->m->open_mask,
                       HX__PARSE_FEATS);
    for (int t = 0; t < HX__PARSE_NTRANS; t++)
        if (strcmp(p->m->labels[t], tn[t]) != 0)
            return hx__err(err, HX_MODEL, SIZE_MAX, "parse.hxm: bad transition names");
    if (p->upos->task != HX__TASK_POS)
        return hx__err(err, HX_MODEL, SIZE_MAX, "ud-upos.hxm is not a tagger model");
    for (uint32_t l = 0; l < p->upos->nlabels; l++)
        if (!hx__upos_id(p->upos->labels[l]))
            return hx__err(err, HX_MODEL, SIZE_MAX, "ud-upos.hxm: '%s' is not a UPOS tag",
                           p->upos->labels[l]);
    return HX_OK;
}

hx_status hx_parser_load(const char *models_dir, hx_parser **out, hx_error *err)
{
    return hx__parser_load_lex(models_dir, NULL, out, err);
}

hx_status hx__parser_load_lex(const char *models_dir, const hx__udlex *lex, hx_parser **out,
                              hx_error *err)
{
    char path[4096];
    const char *dir = models_dir ? models_dir : getenv("HECHOS_MODELS");
#ifdef HX_MODELS_DEFAULT
    if (!dir || !*dir)
        dir = HX_MODELS_DEFAULT;
#endif
    *out = NULL;
    if (!dir)
        return hx__err(err, HX_INVAL, SIZE_MAX, "no models directory");
    hx_parser *ps = calloc(1, sizeof *ps);
    if (!ps)
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    snprintf(path, sizeof path, "%s/parse.hxm", dir);
    hx_status st = hx__tagger_load(path, &ps->p.m, err);
    if (st == HX_OK) {
        snprintf(path, sizeof path, "%s/ud-upos.hxm", dir);
        st = hx__tagger_load(path, &ps->p.upos, err);
    }
    if (st == HX_OK)
        st = check_models(&ps->p, err);
    if (st == HX_OK && hx__parser_prepare(&ps->p))
        st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory loading the parser");
    if (st != HX_OK) {
        hx_parser_free(ps);
        return st;
    }
    for (uint32_t l = 0; l < ps->p.upos->nlabels; l++)
        ps->p.upos_id[l] = (uint8_t)hx__upos_id(ps->p.upos->labels[l]);
    for (uint32_t l = HX__PARSE_NTRANS; l < ps->p.m->nlabels; l++)
        ps->p.depk[l - HX__PARSE_NTRANS] = (uint8_t)hx__dep_kind(ps->p.m->labels[l]);
    if (lex)
        ps->p.lex = *lex;
    *out = ps;
    return HX_OK;
}

void hx_parser_free(hx_parser *p)
{
    if (!p)
        return;
    hx__parser_release(&p->p);
    hx__tagger_free(p->p.m);
    hx__tagger_free(p->p.upos);
    free(p);
}

unsigned hx__dep_kind(const char *name)
{
    static const char *const names[HX__NDEP] = {
        "", "root", "nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "obl:arg",
        "nmod", "appos", "conj", "cc", "xcomp", "ccomp", "parataxis", "advcl", "acl",
        "acl:relcl", "case", "det", "punct", "mark", "aux", "aux:pass", "cop", "amod", "flat",
        "nummod", "advmod", "expl", "csubj", "fixed", "compound", "expl:pass"};
    for (unsigned k = 1; k < HX__NDEP; k++)
        if (strcmp(name, names[k]) == 0)
            return k;
    if (strncmp(name, "expl:", 5) == 0)
        return HX__DEP_EXPL;
    if (strncmp(name, "flat:", 5) == 0)
        return HX__DEP_FLAT;
    return HX__DEP_OTHER;
}

const hx__parser *hx__parser_of(const hx_parser *p) { return &p->p; }

const hx_parser *hx_ctx_parser(const hx_ctx *ctx) { return ctx ? ctx->parser : NULL; }

hx_status hx_train_parser(const hx_train_opts *o, hx_error *err)
{
    if (!o || !o->train_path || !o->out_path)
        return hx__err(err, HX_INVAL, SIZE_MAX, "train: train and out are required");
    return hx__parse_train(o, err);
}

/* Tags and parses words w[0..n) into s (s->up, s->head, s->rel). */
int hx__parse_sentence(const hx__parser *p, hx__parse_scan *s, const hx__word *w, size_t n)
{
    return hx__ud_tag(p, s, w, n) || hx__parse_words(p, s, n) ? -1 : 0;
}

static int selected(const hx__conllu *c, size_t s, int split)
{
    if (split == HX_SPLIT_ALL)
        return 1;
    unsigned f = hx__cu_fold(c, s);
    return split == HX_SPLIT_VALIDATION ? f == 0 : split == HX_SPLIT_TUNING ? f == 1 : f >= 2;
}

static void put_fields(hx__buf *b, char *const *f)
{
    for (int k = 0; k < 10; k++) {
        if (k)
            hx__buf_putc(b, '\t');
        hx__buf_puts(b, f[k]);
    }
    hx__buf_putc(b, '\n');
}

/* Writes sentence k of c with the parse in s. */
static void put_sentence(hx__buf *b, const hx__conllu *c, size_t k, const hx__parser *p,
                         const hx__parse_scan *s)
{
    const hx__cu_sent *cs = &c->sent[k];
    size_t w = 0;
    for (size_t l = cs->l0; l < cs->l1; l++) {
        const hx__cu_line *ln = &c->line[l];
        if (ln->kind == HX__CU_COMMENT) {
            hx__buf_puts(b, ln->f[0]);
            hx__buf_putc(b, '\n');
        } else if (ln->kind != HX__CU_WORD) {
            put_fields(b, ln->f);
        } else {
            char head[16];
            snprintf(head, sizeof head, "%d", s->head[w] + 1);
            const char *f[10] = {ln->f[0], ln->f[1], ln->f[2], hx__upos_name(s->up[w]), "_",
                                 "_", head,
                                 p->m->labels[HX__PARSE_NTRANS + s->rel[w]], ln->f[8], ln->f[9]};
            put_fields(b, (char *const *)f);
            w++;
        }
    }
    hx__buf_putc(b, '\n');
}

hx_status hx_parse_conllu(const hx_parser *ps, const char *text, size_t len, const char *name,
                          int split, char **out, size_t *outlen, hx_error *err)
{
    hx__conllu c;
    hx__parse_scan s = {0};
    hx__buf b = {0};
    hx__word *w = NULL;
    *out = NULL;
    hx_status st = hx__conllu_read(text, len, name, 0, &c, err);
    if (st != HX_OK)
        return st;
    if (!(w = malloc((c.nword + 1) * sizeof *w)))
        goto nomem;
    for (size_t k = 0; k < c.nsent; k++) {
        if (!selected(&c, k, split))
            continue;
        const hx__cu_sent *cs = &c.sent[k];
        for (size_t i = 0; i < cs->nw; i++) {
            w[i].s = hx__cu_field(&c, cs->w0 + i, 1);
            w[i].n = (uint32_t)strlen(w[i].s);
        }
        if (hx__parse_sentence(&ps->p, &s, w, cs->nw))
            goto nomem;
        put_sentence(&b, &c, k, &ps->p, &s);
    }
    if (b.oom)
        goto nomem;
    if (!b.p)
        hx__buf_puts(&b, "");
    *out = b.p;
    if (outlen)
        *outlen = b.n;
    b.p = NULL;
    goto done;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory parsing %s", name ? name : "CoNLL-U");
done:
    hx__buf_free(&b);
    hx__pscratch_free(&s);
    hx__conllu_free(&c);
    free(w);
    return st;
}

/* Scores sentence gk of g against sentence sk of sy (same words). */
static hx_status score_sentence(const hx__conllu *g, size_t gk, const hx__conllu *sy,
                                size_t sk, const char *sname, hx__uds *u, hx_error *err)
{
    const hx__cu_sent *a = &g->sent[gk], *b = &sy->sent[sk];
    if (a->nw != b->nw)
        return hx__err(err, HX_FIELD, SIZE_MAX, "%s:%u: sentence has %zu words, the gold one %zu",
                       sname, sy->line[b->l0].lineno, b->nw, a->nw);
    for (size_t i = 0; i < a->nw; i++)
        hx__uds_add(u, hx__cu_field(g, a->w0 + i, 3), hx__cu_field(sy, b->w0 + i, 3),
                    g->head[a->w0 + i], sy->head[b->w0 + i], hx__cu_field(g, a->w0 + i, 7),
                    hx__cu_field(sy, b->w0 + i, 7));
    return HX_OK;
}

hx_status hx_conllu_score(const char *gold, size_t glen, const char *gname, const char *sys,
                          size_t slen, const char *sname, int split, char **out,
                          hx_error *err)
{
    hx__conllu g, sy;
    hx__uds *u = calloc(1, sizeof *u);
    *out = NULL;
    if (!u)
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    hx_status st = hx__conllu_read(gold, glen, gname, 1, &g, err);
    if (st != HX_OK) {
        free(u);
        return st;
    }
    if ((st = hx__conllu_read(sys, slen, sname, 1, &sy, err)) != HX_OK) {
        hx__conllu_free(&g);
        free(u);
        return st;
    }
    /* The system file holds either every sentence of the gold one or the split's. */
    int all = sy.nsent == g.nsent;
    size_t sk = 0;
    for (size_t gk = 0; gk < g.nsent && st == HX_OK; gk++) {
        if (!selected(&g, gk, split))
            continue;
        while (all && sk < sy.nsent && !selected(&sy, sk, split))
            sk++;
        if (sk >= sy.nsent)
            st = hx__err(err, HX_FIELD, SIZE_MAX, "%s: fewer sentences than %s", sname, gname);
        else
            st = score_sentence(&g, gk, &sy, sk++, sname, u, err);
    }
    if (st == HX_OK) {
        hx__buf b = {0};
        hx__uds_report(u, &b);
        if (b.oom) {
            hx__buf_free(&b);
            st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
        } else {
            *out = b.p;
        }
    }
    hx__conllu_free(&g);
    hx__conllu_free(&sy);
    free(u);
    return st;
}
