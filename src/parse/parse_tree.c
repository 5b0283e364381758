/*
 * parse_tree.c -- reading the dependency tree of a sentence for the stages above
 * (claims): a head's children, the subject of a verb (through relative pronouns,
 * coordination, infinitive and adverbial clauses) and the span of a noun phrase.
 *
 * Invariants: works on a hx__tree of hx__doc_tree and the tokens of one sentence
 * [first, last); every walk up the tree is bounded by the sentence's length, so a
 * broken tree cannot loop.
 */
#include "parse/parse.h"

#include <string.h>

static int upos_is(const hx__tree *T, size_t i, const char *name)
{
    return strcmp(hx__upos_name(T->upos[i]), name) == 0;
}

long hx__tree_child(const hx__tree *T, size_t first, size_t last, size_t h, unsigned k)
{
    for (size_t i = first; i < last; i++)
        if (T->head[i] == (int32_t)h && T->kind[i] == k) return (long)i;
    return -1;
}

/* Token i's text, lower-cased ASCII letters only, compared with w. */
static int word_is(const hx_doc *doc, size_t i, const char *w)
{
    const hx__tok *t = HX__VEC_AT(doc->toks, hx__tok, i);
    size_t n = t->b1 - t->b0, m = strlen(w);
    if (n != m) return 0;
    for (size_t k = 0; k < n; k++) {
        char c = doc->text[t->b0 + k];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != w[k]) return 0;
    }
    return 1;
}

static int relative(const hx_doc *doc, size_t i)
{
    return word_is(doc, i, "que") || word_is(doc, i, "quien") || word_is(doc, i, "quienes")
           || word_is(doc, i, "cual") || word_is(doc, i, "cuales");
}

static int nonfinite(const hx_doc *doc, size_t v)
{
    const hx__tok *t = HX__VEC_AT(doc->toks, hx__tok, v);
    const char *w = doc->text + t->b0;
    size_t n = t->b1 - t->b0;
    if (n < 4) return 0;
    if (w[n - 1] == 'r' && (w[n - 2] == 'a' || w[n - 2] == 'e' || w[n - 2] == 'i')) return 1;
    return n > 5 && (memcmp(w + n - 4, "ando", 4) == 0 || memcmp(w + n - 4, "endo", 4) == 0);
}

long hx__tree_subject(const hx_doc *doc, const hx__tree *T, size_t first, size_t last, size_t v)
{
    for (int depth = 0; depth < 6; depth++) {
        long c = hx__tree_child(T, first, last, v, HX__DEP_NSUBJ);
        if (c >= 0) {
            if (relative(doc, (size_t)c))
                return T->kind[v] == HX__DEP_ACL_RELCL && T->head[v] >= 0 ? T->head[v] : -1;
            return upos_is(T, (size_t)c, "PRON") ? -1 : c;
        }
        if (hx__tree_child(T, first, last, v, HX__DEP_NSUBJ_PASS) >= 0
            || hx__tree_child(T, first, last, v, HX__DEP_CSUBJ) >= 0)
            return -1;
        int32_t h = T->head[v];
        if (h < 0 || !(upos_is(T, (size_t)h, "VERB") || upos_is(T, (size_t)h, "AUX"))) return -1;
        unsigned k = T->kind[v];
        if (!(k == HX__DEP_CONJ || k == HX__DEP_XCOMP || k == HX__DEP_ADVCL
              || ((k == HX__DEP_CCOMP || k == HX__DEP_OBJ) && nonfinite(doc, v))))
            return -1;
        v = (size_t)h;
    }
    return -1;
}

int hx__tree_in_phrase(const hx__tree *T, size_t k, size_t h, size_t n)
{
    size_t x = k;
    for (size_t steps = 0; steps <= n; steps++) {
        if (x == h) return 1;
        unsigned kd = T->kind[x];
        if (kd == HX__DEP_ACL_RELCL || kd == HX__DEP_ACL || kd == HX__DEP_APPOS
            || kd == HX__DEP_PARATAXIS || kd == HX__DEP_CCOMP || kd == HX__DEP_ADVCL
            || kd == HX__DEP_CSUBJ || kd == HX__DEP_ROOT || T->head[x] < 0)
            return 0;
        x = (size_t)T->head[x];
    }
    return 0;
}

static int is_punct(const hx_doc *doc, size_t i)
{
    return (HX__VEC_AT(doc->toks, hx__tok, i)->flags & HX__T_PUNCT) != 0;
}

static int verbal(const hx__tree *T, size_t k)
{
    return (upos_is(T, k, "VERB") || upos_is(T, k, "AUX")) && T->kind[k] != HX__DEP_AMOD;
}

/* The phrase's last token: cut before a verb, a "que" or a comma that does not
 * start a list ("Moscú, Kiev y Minsk"). */
static size_t phrase_end(const hx_doc *doc, const hx__tree *T, size_t h, size_t hi)
{
    for (size_t k = h + 1; k <= hi; k++) {
        int list = 0;
        if (word_is(doc, k, ","))
            for (size_t j = k + 1; j <= hi && !list; j++)
                list = (word_is(doc, j, "y") || word_is(doc, j, "e")) && T->kind[j] == HX__DEP_CC;
        if (verbal(T, k) || word_is(doc, k, "que") || (word_is(doc, k, ",") && !list)) return k - 1;
    }
    return hi;
}

/* A capitalised "determiner" in the middle of a sentence is part of a name ("con Xi
 * Jinping"); articles are lower-case there. */
static int name_det(const hx_doc *doc, size_t first, size_t i)
{
    const hx__tok *t = HX__VEC_AT(doc->toks, hx__tok, i);
    return (t->flags & HX__T_UPPER) && i > first && !is_punct(doc, i - 1);
}

void hx__tree_phrase(const hx_doc *doc, const hx__tree *T, size_t first, size_t last, size_t h,
                     size_t *a, size_t *b)
{
    size_t n = last - first, lo = h, hi = h;
    /* the name an apposition gives ("el ministro de Defensa, Federico Trillo,") */
    if (!upos_is(T, h, "PROPN")) {
        long p = hx__tree_child(T, h + 1, last, h, HX__DEP_APPOS);
        int name = 0;
        for (size_t k = p >= 0 ? (size_t)p : last; k < last && !name; k++)
            name = upos_is(T, k, "PROPN") && hx__tree_in_phrase(T, k, (size_t)p, n) && k < (size_t)p + 5;
        if (name)
            h = lo = hi = (size_t)p;
    }
    for (size_t k = first; k < last; k++) {
        if (k == h || !hx__tree_in_phrase(T, k, h, n)) continue;
        if (k < lo) lo = k;
        if (k > hi) hi = k;
    }
    hi = phrase_end(doc, T, h, hi);
    for (size_t k = h; k > lo; k--)
        if (verbal(T, k - 1) || word_is(doc, k - 1, "que")) {
            lo = k;
            break;
        }
    while (lo < h && ((T->kind[lo] == HX__DEP_DET && !name_det(doc, first, lo)) || T->kind[lo] == HX__DEP_CASE
                      || T->kind[lo] == HX__DEP_CC || T->kind[lo] == HX__DEP_MARK || is_punct(doc, lo)))
        lo++;
    while (hi > h && (is_punct(doc, hi) || T->kind[hi] == HX__DEP_CC || T->kind[hi] == HX__DEP_CASE
                      || T->kind[hi] == HX__DEP_DET))
        hi--;
    *a = lo;
    *b = hi + 1;
}
