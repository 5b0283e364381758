/*
 * events_clause.c -- the word-class tests and clause bounds that both halves of the
 * events stage use: events.c (triggers) and events_args.c (participants) call these,
 * and nothing here calls either of them, so the files of the stage depend one way
 * (events.c -> events_args.c -> events_clause.c).
 *
 * It also holds the access to the dependency tree (parsed on demand by src/parse when
 * a trigger is found in a sentence) and the phrase spans read from it.
 *
 * Invariants: reads only the scan (events.h) and the tree; clauses never reach more
 * than HX__EV_REACH tokens from where the search starts; tree walks are bounded by the
 * sentence's length (a broken tree cannot loop).
 */
#include "events/events.h"

#include <string.h>

/* ---------------------------------------------------------------- word classes */

/* The word classes (determiners, prepositions, clause bounds, negations, modals...)
 * are listed in events_words.h and reach every token as HX__EVC_* bits. */

int hx__ev_in(const char *w, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strcmp(w, *list) == 0) return 1;
    return 0;
}

/* ---------------------------------------------------------------- clauses */

/* Does token i cut clauses?  Besides punctuation and subordinators, "tras" and
 * "después" do: what follows them ("tras la firma de un tratado") is an adjunct with its
 * own nominal event, neither the subject nor a complement of the verb before. */
static int is_bound(const hx__events_scan *s, size_t i)
{
    return (HX__EVC(s, i) & HX__EVC_BOUNDS) != 0;
}

/* Clauses are also cut HX__EV_REACH tokens away from where the search starts, so that
 * a sentence without punctuation (a list, a table) costs linear time, not quadratic. */
#define HX__EV_REACH 48

size_t hx__ev_clause_start(const hx__events_scan *s, size_t first, size_t i)
{
    size_t stop = i > first + HX__EV_REACH ? i - HX__EV_REACH : first;
    while (i > stop && !is_bound(s, i - 1)) i--;
    return i;
}

size_t hx__ev_clause_end(const hx__events_scan *s, size_t last, size_t i)
{
    if (last > i + HX__EV_REACH) last = i + HX__EV_REACH;
    while (i < last && !is_bound(s, i)) i++;
    return i;
}

/* ---------------------------------------------------------------- the tree */

const hx__tree *hx__ev_tree(hx__events_scan *s, size_t si)
{
    if (s->tree_sent != si) {
        s->tree_sent = si;
        s->has_tree = hx__doc_tree(s->doc, si, &s->tree);
        if (s->has_tree) {
            /* a tree whose root is punctuation or a function word is broken: use none */
            const hx__sent *se = HX__VEC_AT(s->doc->sents, hx__sent, si);
            for (size_t i = se->first; i < se->last; i++) {
                if (s->tree.head[i] >= 0) continue;
                const char *u = hx__upos_name(s->tree.upos[i]);
                if (strcmp(u, "PUNCT") == 0 || strcmp(u, "ADP") == 0 || strcmp(u, "DET") == 0
                    || strcmp(u, "CCONJ") == 0 || strcmp(u, "SCONJ") == 0)
                    s->has_tree = 0;
            }
        }
    }
    return s->has_tree ? &s->tree : NULL;
}

long hx__ev_child(const hx__tree *T, size_t first, size_t last, size_t h, unsigned k)
{
    for (size_t i = first; i < last; i++)
        if (T->head[i] == (int32_t)h && T->kind[i] == k) return (long)i;
    return -1;
}

unsigned hx__ev_case_of(const hx__events_scan *s, const hx__tree *T, size_t h)
{
    for (size_t i = s->sfirst; i < h; i++) {
        if (T->head[i] != (int32_t)h || (T->kind[i] != HX__DEP_CASE && T->kind[i] != HX__DEP_MARK))
            continue;
        unsigned w = s->tinfo[i].wid;
        if ((w == HX__W_A || w == HX__W_DE || w == HX__W_DEL || w == HX__W_CON) && i > s->sfirst) {
            unsigned w2 = s->tinfo[i - 1].wid;
            if (w2 == HX__W_FRENTE || w2 == HX__W_JUNTO || w2 == HX__W_CERCA) return w2;
            if (w2 == HX__W_PARTE) return HX__W_POR;
        }
        if (w == HX__W_PARTE) return HX__W_POR;
        return w;
    }
    return HX__W_NONE;
}

/* A capitalised word the tagger calls a determiner in the middle of a sentence is
 * part of a name ("con Xi Jinping"), not an article. */
static int name_det(const hx__events_scan *s, size_t i)
{
    return (s->t[i].flags & HX__T_UPPER) && !(HX__EVC(s, i) & HX__EVC_DETS) && i > s->sfirst
           && !(s->t[i - 1].flags & HX__T_PUNCT);
}

/* Does a "y"/"e" coordinating a conjunct of the phrase come after the comma at k (a
 * list "Moscú, Kiev y Minsk")? */
static int list_follows(const hx__events_scan *s, const hx__tree *T, size_t k, size_t hi)
{
    for (size_t j = k + 1; j <= hi; j++) {
        if (HX__EVIS(s, j, COMMA)) continue;
        if ((HX__EVIS(s, j, Y) || HX__EVIS(s, j, E)) && T->kind[j] == HX__DEP_CC) return 1;
    }
    return 0;
}

void hx__ev_phrase(const hx__events_scan *s, const hx__tree *T, size_t h, size_t *a, size_t *b)
{
    size_t n = s->slast - s->sfirst, lo = h, hi = h;
    for (size_t k = s->sfirst; k < s->slast; k++) {
        if (k == h || !hx__tree_in_phrase(T, k, h, n)) continue;
        if (k < lo) lo = k;
        if (k > hi) hi = k;
    }
    /* a verb (a misattached clause) or a comma that does not start a list ends the
     * phrase: "El secretario general de Agrucon, asociación que ..." */
    for (size_t k = h + 1; k <= hi; k++) {
        const char *u = hx__upos_name(T->upos[k]);
        int verb = (strcmp(u, "VERB") == 0 || strcmp(u, "AUX") == 0) && T->kind[k] != HX__DEP_AMOD;
        int comma = HX__EVIS(s, k, COMMA) && !list_follows(s, T, k, hi);
        if (verb || comma || HX__EVIS(s, k, QUE)) {
            hi = k - 1;
            break;
        }
    }
    /* "soldados a Rusia": a complement with a preposition other than "de" is the
     * verb's, misattached to the noun */
    for (size_t k = h + 1; k <= hi; k++) {
        if (T->head[k] != (int32_t)h || T->kind[k] != HX__DEP_NMOD) continue;
        unsigned p = hx__ev_case_of(s, T, k);
        int cased = p != HX__W_NONE;
        for (size_t j = h + 1; j < k && !cased; j++)
            cased = T->head[j] == (int32_t)k && T->kind[j] == HX__DEP_CASE;
        if ((cased && p != HX__W_DE && p != HX__W_DEL) || (s->tinfo[k].flags & HX__EVT_TIME)) {
            size_t c = k;
            while (c > h + 1 && T->head[c - 1] == (int32_t)k) c--;
            hi = c - 1;
            break;
        }
    }
    for (size_t k = h; k > lo; k--) {
        const char *u = hx__upos_name(T->upos[k - 1]);
        if (((strcmp(u, "VERB") == 0 || strcmp(u, "AUX") == 0) && T->kind[k - 1] != HX__DEP_AMOD)
            || HX__EVIS(s, k - 1, QUE)) {
            lo = k;
            break;
        }
    }
    while (lo < h && ((T->kind[lo] == HX__DEP_DET && !name_det(s, lo)) || T->kind[lo] == HX__DEP_CASE
                      || T->kind[lo] == HX__DEP_PUNCT || T->kind[lo] == HX__DEP_CC
                      || T->kind[lo] == HX__DEP_MARK || (s->t[lo].flags & HX__T_PUNCT)))
        lo++;
    while (hi > h && ((s->t[hi].flags & HX__T_PUNCT) || T->kind[hi] == HX__DEP_CC
                      || T->kind[hi] == HX__DEP_CASE || T->kind[hi] == HX__DEP_DET))
        hi--;
    *a = lo;
    *b = hi + 1;
}
