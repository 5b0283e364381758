/*
 * events_scan.h -- what the files of the events stage share while reading one document
 * (events.c: triggers and modality; events_args.c: participants; events_clause.c: word
 * classes and clause bounds, used by both; events_out.c: output).
 *
 * The scratch is per call: lower-cased copies of every token (lw, NUL-separated, token
 * i at lw + lo[i]) and one hx__ev_tinfo per token saying what the word is (its form
 * table entry, word classes, word id and length, looked up once) and which quantity,
 * time expression, mention and entity covers it.  Rules test a token's word through
 * HX__EVC / HX__EVIS rather than comparing strings.  Nothing here outlives
 * hx__find_events.
 */
#ifndef HX_EVENTS_SCAN_H
#define HX_EVENTS_SCAN_H

#include "events/events.h"
#include "events/events_words.h"

enum {
    HX__EVT_QUANT = 1u << 0,   /* inside a quantity */
    HX__EVT_TIME = 1u << 1,    /* inside a time expression */
    HX__EVT_MENTION = 1u << 2, /* inside a tagger mention */
    HX__EVT_LOC = 1u << 3,     /* inside a LOC mention */
    HX__EVT_USED = 1u << 4     /* consumed by an earlier trigger's object words */
};

typedef struct hx__ev_tinfo {
    uint8_t flags;
    uint8_t wid;    /* HX__W_* id of the lower-cased word (events_words.h) */
    uint16_t cls;   /* its HX__EVC_* word classes */
    int32_t form;   /* its hx__ev_forms index, or -1 */
    uint32_t first; /* a copy of hx__ev_forms[form].first, n, actor and nact (0 when */
    uint16_t nent;  /* form is -1), read while the probe had the form in cache */
    uint16_t actor;
    uint8_t nact;
    uint32_t len;   /* its length in bytes (strlen of the lower-cased copy) */
    int32_t quant;  /* first doc->quants index covering the token, or -1 */
    int32_t time;   /* first doc->times index covering it, or -1 */
    int32_t entity; /* doc->entities index of an entity mention covering it, or -1 */
    /* the gazetteer from this token, filled on first use (events_args.c): gz 0 unknown,
     * 1 no longer key starts here, 2 a longer key may; glen tokens match (0: none) as
     * place gplace, how ghow, with the longest limit gaz_at allows */
    uint8_t gz;
    uint8_t glen;
    int8_t ghow;
    int32_t gplace;
} hx__ev_tinfo;

typedef struct hx__ev_scan {
    hx_doc *doc;
    const hx__tok *t;
    size_t nt;
    char *lw;             /* lower-cased token texts */
    uint32_t *lo;         /* [nt] offsets into lw */
    hx__ev_tinfo *tinfo;  /* [nt] */
    size_t sfirst, slast; /* the sentence being read: tokens [sfirst, slast) */
    int caps;             /* it is written in capitals (a headline): capitals say nothing */
} hx__ev_scan;

#define HX__EVW(s, i) ((s)->lw + (s)->lo[i])
/* Word classes, word id test and length of token i (filled once by scan_init). */
#define HX__EVC(s, i) ((s)->tinfo[i].cls)
#define HX__EVIS(s, i, name) ((s)->tinfo[i].wid == HX__W_##name)
#define HX__EVLEN(s, i) ((s)->tinfo[i].len)

/* events_clause.c */

/* Is w one of the NULL-terminated list?  (For words that are not tokens, e.g. lemmas.) */
int hx__ev_in(const char *w, const char *const *list);
/* The first token of the clause holding token i / the token that ends it. */
size_t hx__ev_clause_start(const hx__ev_scan *s, size_t first, size_t i);
size_t hx__ev_clause_end(const hx__ev_scan *s, size_t last, size_t i);

/* events_args.c */
void hx__ev_mark_entities(hx__ev_scan *s);
/* Fills actor, target, place, time and quantity of ev, whose clause starts at token cs;
 * its complements start at token `after` (past any object words). */
void hx__ev_arguments(const hx__ev_scan *s, hx__event *ev, size_t cs, size_t after);
/* The number of a casualty word at tokens [i, i1), if one is near: 1 and *v. */
int hx__ev_casualty_number(const hx__ev_scan *s, size_t i, size_t i1, double *v);
/* Links events to the claims that report them (claims.h), when that stage ran; a
 * statement whose trigger is a claim's cue takes the claim's source as its actor. */
void hx__ev_link_claims(hx__ev_scan *s);

#endif /* HX_EVENTS_SCAN_H */
