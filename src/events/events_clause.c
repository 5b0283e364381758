/*
 * events_clause.c -- the word-class tests and clause bounds that both halves of the
 * events stage use: events.c (triggers) and events_args.c (participants) call these,
 * and nothing here calls either of them, so the files of the stage depend one way
 * (events.c -> events_args.c -> events_clause.c).
 *
 * Invariants: reads only the scan (events.h); clauses never reach more than
 * HX__EV_REACH tokens from where the search starts.
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
