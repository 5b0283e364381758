/*
 * parse_doc.c -- UD words under the tokens of an analysed document, and its CoNLL-U.
 *
 * A token is one UD word, except (as in the UD Spanish treebanks):
 *   - the contractions "del" (de + el) and "al" (a + el);
 *   - an infinitive with one or two enclitic pronouns ("celebrarlos", "dárselo"):
 *     the infinitive (written without the accent the clitics gave it) and each
 *     pronoun.  The infinitive must be a known verb (data/verbs.txt, through the
 *     lemmatiser's functions the pipeline hands over: hx__udlex), so "Marla" or
 *     "solares" are never split.
 * Tokens, offsets and the text are unchanged; a split token is a multiword token.
 *
 * Invariants: hx__ud_words writes at most HX__UD_MAXSPLIT words per token, and their
 * forms (in the caller's arena) are the pieces of the token, lower-cased only when
 * the pieces are; each word records the token it belongs to.
 */
#include "parse/parse.h"


#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const clitics[] = {"los", "las", "les", "nos", "me", "te", "se",
                                      "lo", "la", "le", "os"};

/* The length of the enclitic pronoun ending lw[0..n), 0 when none. */
static size_t clitic_end(const char *lw, size_t n)
{
    for (size_t k = 0; k < sizeof clitics / sizeof *clitics; k++) {
        size_t m = strlen(clitics[k]);
        if (n > m && memcmp(lw + n - m, clitics[k], m) == 0)
            return m;
    }
    return 0;
}

/* Whether lw[0..n) is an infinitive ending in ar/er/ir, accented (ár, ér, ír) or
 * not; writes it without the accent to out and returns its length, else 0. */
static size_t infinitive(const hx__udlex *lx, const char *lw, size_t n, char *out)
{
    if (n < 3 || lw[n - 1] != 'r')
        return 0;
    size_t k = n - 1; /* the vowel before the r */
    char v = 0;
    if (lw[k - 1] == 'a' || lw[k - 1] == 'e' || lw[k - 1] == 'i') {
        v = lw[k - 1];
        k--;
    } else if (n >= 4 && (unsigned char)lw[k - 2] == 0xc3) {
        unsigned char c = (unsigned char)lw[k - 1];
        v = c == 0xa1 ? 'a' : c == 0xa9 ? 'e' : c == 0xad ? 'i' : 0;
        k -= 2;
    }
    if (!v || k < 1)
        return 0;
    memcpy(out, lw, k);
    out[k] = v;
    out[k + 1] = 'r';
    out[k + 2] = '\0';
    return lx->verb_known(out, k + 2) ? k + 2 : 0;
}

size_t hx__ud_words(const hx__udlex *lx, const char *s, size_t n, hx__word *out, char *arena,
                    size_t *used)
{
    char lw[HX__UD_WORDMAX], inf[HX__UD_WORDMAX];
    size_t ln = n < HX__UD_WORDMAX - 1 && lx->lower ? lx->lower(s, n, lw, sizeof lw) : 0;
    out[0].s = s;
    out[0].n = (uint32_t)n;
    if (!ln)
        return 1;
    if ((ln == 3 && memcmp(lw, "del", 3) == 0) || (ln == 2 && memcmp(lw, "al", 2) == 0)) {
        out[0].n = (uint32_t)(ln - 1);             /* "de" / "a", as written */
        char *e = arena + *used;
        int up = s[ln - 1] >= 'A' && s[ln - 1] <= 'Z';
        memcpy(e, up ? "EL" : "el", 2);
        *used += 2;
        out[1].s = e;
        out[1].n = 2;
        return 2;
    }
    /* host + one or two clitics */
    size_t c2 = clitic_end(lw, ln), c1 = c2 ? clitic_end(lw, ln - c2) : 0, hl, il;
    if (!c2 || !lx->verb_known)
        return 1;
    size_t nc = 0, cl[2];
    if (c1 && (il = infinitive(lx, lw, ln - c2 - c1, inf)) != 0) {
        hl = ln - c2 - c1;
        cl[nc++] = c1;
        cl[nc++] = c2;
    } else if ((il = infinitive(lx, lw, ln - c2, inf)) != 0) {
        hl = ln - c2;
        cl[nc++] = c2;
    } else {
        return 1;
    }
    /* the host without its accent, with the token's first letter as written */
    char *e = arena + *used;
    memcpy(e, inf, il);
    if (s[0] >= 'A' && s[0] <= 'Z')
        e[0] = s[0];
    *used += il;
    out[0].s = e;
    out[0].n = (uint32_t)il;
    size_t off = hl;
    for (size_t k = 0; k < nc; k++) {
        out[k + 1].s = s + off;
        out[k + 1].n = (uint32_t)cl[k];
        off += cl[k];
    }
    return nc + 1;
}

/* The lemma of a word: the infinitive for verbs the lemmatiser knows, else the
 * lower-cased form. */
static void put_lemma(const hx__udlex *lx, hx__buf *b, const hx__word *w, unsigned upos)
{
    char lw[HX__UD_WORDMAX], lem[HX__UD_WORDMAX];
    size_t ln = w->n < HX__UD_WORDMAX - 1 && lx->lower ? lx->lower(w->s, w->n, lw, sizeof lw) : 0;
    if (!ln) {
        hx__buf_put(b, w->s, w->n);
        return;
    }
    int known = 0;
    size_t k = (upos == 16 || upos == 4) && lx->lemma_verb
                   ? lx->lemma_verb(lw, ln, lem, sizeof lem, &known) : 0;
    hx__buf_put(b, k ? lem : lw, k ? k : ln);
}

/* The words of sentence se (tokens [first, last)) into s->words, (*wtok)[i] the token
 * of word i, new forms in *arena (both grown as needed, *cap words of room); returns
 * the number of words, or SIZE_MAX when out of memory. */
static size_t sentence_words(const hx__udlex *lx, const hx_doc *doc, const hx__sent *se,
                             hx__parse_scan *s, uint32_t **wtokp, char **arenap, size_t *cap)
{
    size_t nw = 0, used = 0, nt = se->last - se->first;
    if (nt * HX__UD_MAXSPLIT > *cap) {
        void *a = realloc(*wtokp, nt * HX__UD_MAXSPLIT * sizeof **wtokp);
        if (a)
            *wtokp = a;
        void *c = a ? realloc(*arenap, nt * HX__UD_WORDMAX) : NULL;
        if (!c)
            return SIZE_MAX;
        *arenap = c;
        *cap = nt * HX__UD_MAXSPLIT;
    }
    uint32_t *wtok = *wtokp;
    char *arena = *arenap;
    for (uint32_t t = se->first; t < se->last; t++) {
        const hx__tok *tk = HX__VEC_AT(doc->toks, hx__tok, t);
        if (hx__pscratch_grow(s, nw + HX__UD_MAXSPLIT))
            return SIZE_MAX;
        size_t k = hx__ud_words(lx, doc->text + tk->b0, tk->b1 - tk->b0, s->words + nw, arena,
                                &used);
        for (size_t i = 0; i < k; i++)
            wtok[nw + i] = t;
        nw += k;
    }
    return nw;
}

static void put_text_comment(hx__buf *b, const hx_doc *doc, uint32_t b0, uint32_t b1)
{
    hx__buf_puts(b, "# text = ");
    for (uint32_t i = b0; i < b1; i++)
        hx__buf_putc(b, doc->text[i] == '\n' || doc->text[i] == '\r' || doc->text[i] == '\t'
                            ? ' ' : doc->text[i]);
    hx__buf_putc(b, '\n');
}

/* Writes the parsed sentence (words in s, token of each in wtok). */
static void put_sentence(hx__buf *b, const hx_doc *doc, const hx__parser *p, size_t k,
                         const hx__sent *se, const hx__parse_scan *s, const uint32_t *wtok,
                         size_t nw)
{
    const hx__tok *tk0 = HX__VEC_AT(doc->toks, hx__tok, se->first);
    const hx__tok *tkn = HX__VEC_AT(doc->toks, hx__tok, se->last - 1);
    hx__buf_printf(b, "# sent_id = %zu\n", k + 1);
    put_text_comment(b, doc, tk0->b0, tkn->b1);
    for (size_t i = 0; i < nw; i++) {
        uint32_t t = wtok[i];
        const hx__tok *tk = HX__VEC_AT(doc->toks, hx__tok, t);
        int no_space = t + 1 < se->last &&
                       !(HX__VEC_AT(doc->toks, hx__tok, t + 1)->flags &
                         (HX__T_SPACE | HX__T_NEWLINE));
        size_t j = i;
        while (j + 1 < nw && wtok[j + 1] == t)
            j++;
        int first = i == 0 || wtok[i - 1] != t;
        if (first && j > i) {
            hx__buf_printf(b, "%zu-%zu\t", i + 1, j + 1);
            hx__buf_put(b, doc->text + tk->b0, tk->b1 - tk->b0);
            hx__buf_printf(b, "\t_\t_\t_\t_\t_\t_\t_\t%s\n", no_space ? "SpaceAfter=No" : "_");
        }
        hx__buf_printf(b, "%zu\t", i + 1);
        hx__buf_put(b, s->words[i].s, s->words[i].n);
        hx__buf_putc(b, '\t');
        put_lemma(&p->lex, b, &s->words[i], s->up[i]);
        hx__buf_printf(b, "\t%s\t_\t_\t%d\t%s\t_\t%s\n", hx__upos_name(s->up[i]),
                       s->head[i] + 1, p->m->labels[HX__PARSE_NTRANS + s->rel[i]],
                       first && j == i && no_space ? "SpaceAfter=No" : "_");
    }
    hx__buf_putc(b, '\n');
}

hx_status hx_doc_conllu(const hx_doc *doc, const hx_parser *ps, char **out, size_t *len,
                        hx_error *err)
{
    if (!ps && !(ps = doc->ctx ? doc->ctx->parser : NULL))
        return hx__err(err, HX_INVAL, SIZE_MAX, "no parser loaded");
    const hx__parser *p = hx__parser_of(ps);
    hx__parse_scan s = {0};
    hx__buf b = {0};
    uint32_t *wtok = NULL;
    char *arena = NULL;
    size_t cap = 0;
    hx_status st = HX_OK;
    *out = NULL;
    for (size_t k = 0; k < doc->sents.n; k++) {
        const hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, k);
        size_t nw = sentence_words(&p->lex, doc, se, &s, &wtok, &arena, &cap);
        if (nw == SIZE_MAX || hx__parse_sentence(p, &s, s.words, nw))
            goto nomem;
        put_sentence(&b, doc, p, k, se, &s, wtok, nw);
    }
    if (b.oom)
        goto nomem;
    if (!b.p)
        hx__buf_puts(&b, "");
    *out = b.p;
    if (len)
        *len = b.n;
    b.p = NULL;
    goto done;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory parsing");
done:
    hx__buf_free(&b);
    hx__pscratch_free(&s);
    free(wtok);
    free(arena);
    return st;
}

/* ---------------------------------------------------------------- the token layer */

/* What hx__parse_doc (every sentence, with lemmas) or hx__doc_tree (sentence by
 * sentence, on demand, without lemmas) leaves in doc->layer_data[1]: one block (freed
 * with free()).  A sentence's tokens hold its tree once done[sentence] is set. */
typedef struct udlayer {
    const hx__parser *p;
    size_t n;        /* tokens */
    size_t nsent;
    int32_t *head;   /* [n] token index of the head, -1 for the root */
    uint8_t *rel;    /* [n] relation id */
    uint8_t *upos;   /* [n] UPOS id */
    uint8_t *kind;   /* [n] HX__DEP_* of rel */
    uint8_t *done;   /* [nsent] the sentence is parsed */
    uint32_t *loff;  /* [n + 1] lemma of token i: lem[loff[i], loff[i + 1]); NULL on demand */
    char *lem;
} udlayer;

/* A token's syntax is that of its first word whose head lies outside the token (the
 * "de" of "del", the verb of "dárselo"). */
static size_t token_word(const hx__parse_scan *s, const uint32_t *wtok, size_t i, size_t j)
{
    for (size_t k = i; k <= j; k++)
        if (s->head[k] < 0 || wtok[s->head[k]] != wtok[i])
            return k;
    return i;
}

/* A layer block for n tokens and nsent sentences; lemmas (lemn bytes) when full. */
static udlayer *layer_new(const hx__parser *p, size_t n, size_t nsent, int full, size_t lemn)
{
    size_t sz = sizeof(udlayer) + n * sizeof(int32_t) + 3 * n + nsent +
                (full ? (n + 1) * sizeof(uint32_t) + lemn + 1 : 0) + 8;
    udlayer *L = calloc(1, sz);
    if (!L)
        return NULL;
    L->p = p;
    L->n = n;
    L->nsent = nsent;
    L->head = (int32_t *)(L + 1);
    L->loff = full ? (uint32_t *)(L->head + n) : NULL;
    L->rel = full ? (uint8_t *)(L->loff + n + 1) : (uint8_t *)(L->head + n);
    L->upos = L->rel + n;
    L->kind = L->upos + n;
    L->done = L->kind + n;
    L->lem = full ? (char *)(L->done + nsent) : NULL;
    return L;
}

/* Stores the parse of sentence k (words in s, token of each in wtok) into L; lemmas
 * into *lem when L keeps them. */
static void store_sentence(udlayer *L, size_t k, const hx__parse_scan *s, const uint32_t *wtok,
                           size_t nw, hx__buf *lem)
{
    const hx__parser *p = L->p;
    for (size_t i = 0, j; i < nw; i = j + 1) {
        uint32_t t = wtok[i];
        for (j = i; j + 1 < nw && wtok[j + 1] == t;)
            j++;
        size_t r = token_word(s, wtok, i, j);
        L->head[t] = s->head[r] < 0 ? -1 : (int32_t)wtok[s->head[r]];
        L->rel[t] = s->rel[r];
        L->upos[t] = s->up[r];
        L->kind[t] = p->depk[s->rel[r]];
        if (lem) {
            put_lemma(&p->lex, lem, &s->words[r], s->up[r]);
            L->loff[t + 1] = (uint32_t)lem->n;
        }
    }
    L->done[k] = 1;
}

hx_status hx__parse_doc(hx_doc *doc, hx_error *err)
{
    const hx__parser *p = hx__parser_of(doc->ctx->parser);
    size_t n = doc->toks.n, cap = 0;
    hx__parse_scan s = {0};
    hx__buf lem = {0};
    uint32_t *wtok = NULL;
    char *arena = NULL;
    hx_status st = HX_OK;
    udlayer *L = doc->layer_data[1];
    if (L && L->loff)
        return HX_OK;
    /* lemmas are at most HX__UD_WORDMAX bytes a token */
    if (!(L = layer_new(p, n, doc->sents.n, 1, n * HX__UD_WORDMAX)))
        goto nomem;
    L->loff[0] = 0;
    for (size_t k = 0; k < doc->sents.n; k++) {
        const hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, k);
        size_t nw = sentence_words(&p->lex, doc, se, &s, &wtok, &arena, &cap);
        if (nw == SIZE_MAX || hx__parse_sentence(p, &s, s.words, nw))
            goto nomem;
        store_sentence(L, k, &s, wtok, nw, &lem);
    }
    if (lem.oom)
        goto nomem;
    if (lem.n)
        memcpy(L->lem, lem.p, lem.n);
    L->lem[lem.n] = '\0';
    free(doc->layer_data[1]);
    doc->layer_data[1] = L;
    L = NULL;
    goto done;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory parsing");
done:
    free(L);
    hx__pscratch_free(&s);
    hx__buf_free(&lem);
    free(wtok);
    free(arena);
    return st;
}

/* ---------------------------------------------------------------- on demand */

/* The context's parser, loaded on first use when its model files exist (the claims
 * and events stages ask for it; NULL without models, and for good after a failed
 * load: then those stages read the sentence without a tree). */
static const hx__parser *doc_parser(const hx_doc *doc)
{
    hx_ctx *ctx = (hx_ctx *)doc->ctx; /* made non-const by hx_ctx_new; guarded below */
    if (!ctx)
        return NULL;
    pthread_mutex_lock(&ctx->parse_mu);
    if (!ctx->parser && !ctx->parse_tried && ctx->models_dir) {
        char path[4096];
        ctx->parse_tried = 1;
        snprintf(path, sizeof path, "%s/parse.hxm", ctx->models_dir);
        FILE *f = fopen(path, "rb");
        if (f) {
            hx_error e;
            fclose(f);
            if (hx__parser_load_lex(ctx->models_dir, ctx->parse_lex, &ctx->parser, &e) != HX_OK)
                ctx->parser = NULL;
        }
    }
    const hx__parser *p = ctx->parser ? hx__parser_of(ctx->parser) : NULL;
    pthread_mutex_unlock(&ctx->parse_mu);
    return p;
}

/* Parses sentence k into L; 0, or -1 when out of memory. */
static int parse_one(const hx_doc *doc, udlayer *L, size_t k)
{
    const hx__parser *p = L->p;
    const hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, k);
    hx__parse_scan s = {0};
    uint32_t *wtok = NULL;
    char *arena = NULL;
    size_t cap = 0;
    size_t nw = sentence_words(&p->lex, doc, se, &s, &wtok, &arena, &cap);
    int r = nw == SIZE_MAX || hx__parse_sentence(p, &s, s.words, nw) ? -1 : 0;
    if (!r)
        store_sentence(L, k, &s, wtok, nw, NULL);
    hx__pscratch_free(&s);
    free(wtok);
    free(arena);
    return r;
}

int hx__doc_tree(hx_doc *doc, size_t k, hx__tree *t)
{
    udlayer *L = doc->layer_data[1];
    if (k >= doc->sents.n)
        return 0;
    if (!L) {
        if (doc->pretokenized)
            return 0;
        if ((doc->ctx && !(doc->ctx->stages & HX_STAGE_TREE)) || doc->tree_off)
            return 0;
        const hx__parser *p = doc_parser(doc);
        if (!p || !(L = layer_new(p, doc->toks.n, doc->sents.n, 0, 0))) {
            doc->tree_off = 1;
            return 0;
        }
        doc->layer_data[1] = L;
    }
    if (!L->done[k] && parse_one(doc, L, k))
        return 0;
    t->head = L->head;
    t->rel = L->rel;
    t->kind = L->kind;
    t->upos = L->upos;
    t->p = L->p;
    return 1;
}

size_t hx__ud_room(const hx_doc *doc, size_t i)
{
    const udlayer *L = doc->layer_data[1];
    return L && L->loff && i < L->n ? 6 * (L->loff[i + 1] - L->loff[i]) + 128 : 0;
}

char *hx__ud_json(char *p, const hx_doc *doc, size_t i)
{
    const udlayer *L = doc->layer_data[1];
    if (!L || !L->loff || i >= L->n)
        return p;
    const char *dep = L->p->m->labels[HX__PARSE_NTRANS + L->rel[i]], *up = hx__upos_name(L->upos[i]);
    p += sprintf(p, ",\"head\":%d,\"dep\":", L->head[i]);
    p = hx__json_str_raw(p, dep, strlen(dep));
    memcpy(p, ",\"upos\":", 8), p += 8;
    p = hx__json_str_raw(p, up, strlen(up));
    memcpy(p, ",\"lemma\":", 9), p += 9;
    p = hx__json_str_raw(p, L->lem + L->loff[i], L->loff[i + 1] - L->loff[i]);
    memcpy(p, ",\"feats\":null", 13), p += 13;
    return p;
}
