/*
 * events.h -- the events layer: CAMEO-coded "who did what to whom, where, when and how
 * many" records found in sentences by a Spanish trigger dictionary (data/events.tsv,
 * compiled into build/gen/events_data.c by tools/gen_events.py) and clause heuristics.
 *
 * Invariants:
 *   - doc->events holds hx__event records in text order of their triggers; every token
 *     index in them refers to doc->toks and lies inside the event's sentence;
 *   - actor/target/place are token ranges [first, last) or first == last when unknown;
 *   - the generated tables are read-only and sorted by the bytes of their keys.
 */
#ifndef HX_EVENTS_H
#define HX_EVENTS_H

#include "core/core.h"
#include "events/events_words.h" /* the function words, read by tools/gen_events.py too */
#include "parse/parse.h"         /* the dependency tree, parsed on demand */

/* Complements that may hold an event's target (hx__ev_entry.tgt bits). */
enum {
    HX__EV_DOBJ = 1u << 0, HX__EV_A = 1u << 1, HX__EV_CON = 1u << 2, HX__EV_CONTRA = 1u << 3,
    HX__EV_DE = 1u << 4, HX__EV_EN = 1u << 5, HX__EV_SOBRE = 1u << 6, HX__EV_ENTRE = 1u << 7,
    HX__EV_ANTE = 1u << 8, HX__EV_POR = 1u << 9, HX__EV_HACIA = 1u << 10,
    HX__EV_FRENTE = 1u << 11, HX__EV_COMO = 1u << 12, HX__EV_JUNTO = 1u << 13,
    HX__EV_AL = 1u << 14, HX__EV_CERCA = 1u << 15
};

/* Casualty kinds, as GDELT's knowledge graph counts them. */
typedef enum hx__cnt {
    HX__CNT_NONE, HX__CNT_KILLED, HX__CNT_WOUNDED, HX__CNT_CAPTURED, HX__CNT_ARRESTED,
    HX__CNT_DISPLACED, HX__NCNT
} hx__cnt;

/* One line of data/events.tsv. */
typedef struct hx__ev_entry {
    const char *code;   /* CAMEO code, or "-" for a casualty count only */
    const char *label;  /* readable type ("fight") */
    const char *lemma;  /* as written in the data */
    const char *rest;   /* words that must follow the trigger ("el fuego"), or "" */
    const char *obj;    /* "|"-separated word sequences, one must follow; "" = none */
    unsigned tgt;       /* HX__EV_* bits */
    char cat;           /* 'V', 'N', 'F', 'A' */
    unsigned char act_de;  /* nouns: "de X" is the actor */
    unsigned char count;   /* hx__cnt */
    unsigned char embed;   /* embeds another action: do not code an event right after */
    unsigned char pron;    /* pronominal verb: needs "se" before it ("se reunieron") */
    unsigned char nrest;   /* strlen(rest) */
    unsigned char sense;   /* HX__EVS_* bits (the sense= key): the arguments that license it */
} hx__ev_entry;

/* hx__ev_entry.sense: a trigger word with a violent and a non-violent sense is coded only
 * when an argument of the licensed kinds stands in its clause (events_sense.c). */
enum {
    HX__EVS_HUM = 1u << 0,   /* a person as its object ("ejecutaron a dos campesinos") */
    HX__EVS_ARMED = 1u << 1, /* an armed actor or a weapon as subject or complement */
    HX__EVS_SITE = 1u << 2,  /* a place or a physical target ("tomaron la ciudad") */
    HX__EVS_NOSE = 1u << 3,  /* never after "se" ("los precios se disparan") */
    HX__EVS_DOM = 1u << 4,   /* only the domain veto ("ataque de pánico") */
    HX__EVS_BYARMED = 1u << 5, /* by=armed: only with an armed actor ("paramilitares ejecutaron") */
    HX__EVS_LIGHT = 1u << 6    /* light=1: a light verb, the trigger reaches to its object words */
};

/* hx__ev_kind[i] sums up hx__ev_entries[i] in one byte, so that trigger candidates are
 * weighed without reading the entry (one cache miss each): */
enum {
    HX__EVK_VERB = 1u << 0, /* cat == 'V' */
    HX__EVK_REST = 1u << 1, /* rest[0] != '\0' */
    HX__EVK_PRON = 1u << 2, /* pron */
    HX__EVK_OBJ = 1u << 3   /* obj[0] != '\0' */
};

/* A surface form and the entries it may trigger: hx__ev_list[first .. first + n) (n may
 * be 0: a function word or an actor word only), with what else the stage asks of it. */
#define HX__EV_FORM_MAX 20 /* the longest form, in bytes (the generator checks) */
typedef struct hx__ev_form { /* 32 bytes, the table aligned to 32: one cache line each */
    char form[HX__EV_FORM_MAX + 1]; /* NUL-terminated, stored inline */
    uint8_t len;    /* strlen(form) */
    uint8_t nact;
    uint8_t wid;    /* HX__W_* word id, HX__W_NONE for the others */
    uint16_t first;
    uint16_t n;
    uint16_t cls;   /* HX__EVC_* word classes (events_words.h) */
    uint16_t actor; /* hx__ev_actors[actor - 1 .. actor - 1 + nact) have this form; 0: none */
} hx__ev_form;

/* A word of the actor lexicon (data/events_actors.tsv). */
typedef struct hx__ev_actor {
    const char *form;    /* lower-cased first word */
    const char *rest;    /* lower-cased following words, or "" */
    const char *country; /* ISO 3166 alpha-2 or CAMEO group ("IGO"), or "" */
    const char *role;    /* CAMEO role code ("MIL") or "" */
    char kind;           /* 'R' role noun, 'O' organisation or seat of power */
} hx__ev_actor;

extern const hx__ev_entry hx__ev_entries[];
extern const size_t hx__ev_nentries;
extern const uint8_t hx__ev_kind[]; /* [hx__ev_nentries]: HX__EVK_* bits */
extern const hx__ev_form hx__ev_forms[];
extern const size_t hx__ev_nforms;
extern const uint16_t hx__ev_list[];
/* [hx__ev_hash_size]: (FNV-1a hash >> 16) << 16 | (form index + 1), 0 = empty */
extern const uint32_t hx__ev_hash[];
extern const size_t hx__ev_hash_size; /* a power of two; FNV-1a, linear probing */
extern const hx__ev_actor hx__ev_actors[];
extern const size_t hx__ev_nactors;
extern const char hx__ev_a3[][2][4]; /* [i] = {alpha-2, alpha-3}, sorted by alpha-2 */
extern const size_t hx__ev_na3;

/* A participant: tokens [first, last) (first == last: none), what it is. */
typedef struct hx__ev_arg {
    uint32_t first, last;
    char country[16]; /* "" when unknown */
    char role[4];     /* CAMEO role code, "" when unknown */
    int32_t entity;   /* index in doc->entities, or -1 */
} hx__ev_arg;

typedef struct hx__event {
    uint32_t trig0, trig1;     /* trigger tokens [trig0, trig1) */
    uint32_t sent;             /* sentence index */
    const hx__ev_entry *entry; /* what matched */
    hx__ev_arg actor, target;
    uint32_t place0, place1;   /* place tokens, place0 == place1 when none */
    int32_t time;              /* index in doc->times, or -1 (then the DCT applies) */
    int32_t quant;             /* index in doc->quants of the number involved, or -1 */
    double counts[HX__NCNT];   /* casualties by kind; < 0 when not reported */
    int32_t claim;             /* index in doc->claims, or -1 */
    uint32_t same;             /* 1 + index in doc->events of the first mention of the
                                  event this one mentions again ("La reunión ..."), 0 none */
    unsigned char hedged, negated, passive;
} hx__event;

/* events.c: fills doc->events from tokens, mentions, quantities and times. */
hx_status hx__find_events(hx_doc *doc, hx_error *err);
/* Writes more members into event i's object (`,"plover":...`); a stage above events
 * provides it (src/pipeline.c passes the PLOVER writer). */
typedef void (*hx__ev_json_extra)(hx__buf *b, const hx_doc *doc, size_t i);
/* events_out.c: appends `,"events":[...]` for src/pipeline.c; extra (may be NULL) adds
 * members at the end of every event. */
void hx__json_events(hx__buf *b, const hx_doc *doc, hx__ev_json_extra extra);
/* events_out.c: the ISO alpha-3 code of an alpha-2 one, "IGO" for an organisation id
 * (UN, EU, NATO), NULL when unknown or cc is empty. */
const char *hx__ev_alpha3(const char *cc);

/* Entries for a lower-cased form, or NULL; *n receives how many (in hx__ev_list). */
const uint16_t *hx__ev_lookup(const char *form, size_t len, size_t *n);
/* The hx__ev_forms index of a lower-cased form (trigger, function or actor word), or -1. */
long hx__ev_form_find(const char *form, size_t len);

/* ---------------------------------------------------------------- the scan (was events_scan.h) */
/*
 * The scan: what the files of the events stage share while reading one document
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

enum {
    HX__EVT_QUANT = 1u << 0,   /* inside a quantity */
    HX__EVT_TIME = 1u << 1,    /* inside a time expression */
    HX__EVT_MENTION = 1u << 2, /* inside a tagger mention */
    HX__EVT_LOC = 1u << 3,     /* inside a LOC mention */
    HX__EVT_USED = 1u << 4     /* consumed by an earlier trigger's object words */
};

typedef struct hx__ev_tinfo { /* members by size: 40 bytes, no padding (one per token) */
    int32_t form;   /* its hx__ev_forms index, or -1 */
    uint32_t first; /* first, nent, actor, nact: copies of hx__ev_forms[form].first, n,
                       actor and nact (0 when form is -1), read while the probe had the
                       form in cache */
    uint32_t len;   /* its length in bytes (strlen of the lower-cased copy) */
    int32_t quant;  /* first doc->quants index covering the token, or -1 */
    int32_t time;   /* first doc->times index covering it, or -1 */
    int32_t entity; /* doc->entities index of an entity mention covering it, or -1 */
    int32_t gplace; /* the gazetteer's place from this token (see gz below) */
    uint16_t cls;   /* its HX__EVC_* word classes */
    uint16_t nent;
    uint16_t actor;
    uint8_t nact;
    uint8_t flags;
    uint8_t wid;    /* HX__W_* id of the lower-cased word (events_words.h) */
    /* the gazetteer from this token, filled on first use (events_args.c): gz 0 unknown,
     * 1 no longer key starts here, 2 a longer key may; glen tokens match (0: none) as
     * place gplace, how ghow, with the longest limit gaz_at allows */
    uint8_t gz;
    uint8_t glen;
    int8_t ghow;
} hx__ev_tinfo;

typedef struct hx__events_scan {
    hx_doc *doc;
    const hx__tok *t;
    size_t nt;
    char *lw;             /* lower-cased token texts */
    uint32_t *lo;         /* [nt] offsets into lw */
    hx__ev_tinfo *tinfo;  /* [nt] */
    size_t sfirst, slast; /* the sentence being read: tokens [sfirst, slast) */
    int caps;             /* it is written in capitals (a headline): capitals say nothing */
    /* the dependency tree of the sentence being read, asked for when a trigger is
     * found there (events_clause.c, hx__ev_tree): tree_sent the sentence it was asked
     * for (SIZE_MAX: none yet), has_tree whether there is one */
    size_t tree_sent;
    int has_tree;
    hx__tree tree;
} hx__events_scan;

#define HX__EVW(s, i) ((s)->lw + (s)->lo[i])
/* Word classes, word id test and length of token i (filled once by scan_init). */
#define HX__EVC(s, i) ((s)->tinfo[i].cls)
#define HX__EVIS(s, i, name) ((s)->tinfo[i].wid == HX__W_##name)
#define HX__EVLEN(s, i) ((s)->tinfo[i].len)

/* events_clause.c */

/* Is w one of the NULL-terminated list?  (For words that are not tokens, e.g. lemmas.) */
int hx__ev_in(const char *w, const char *const *list);
/* The first token of the clause holding token i / the token that ends it. */
size_t hx__ev_clause_start(const hx__events_scan *s, size_t first, size_t i);
size_t hx__ev_clause_end(const hx__events_scan *s, size_t last, size_t i);

/* events_sense.c: may the entry e, matched at tokens [i, trig1) (its object words ending
 * at o1) of the sentence ending at token last, be coded?  1 unless its sense= or by= key
 * asks for an argument its clause lacks. */
int hx__ev_sense_ok(const hx__events_scan *s, const hx__ev_entry *e, size_t i, size_t trig1,
                    size_t o1, size_t last);

/* The tree of sentence si (parsed now when not yet), or NULL (no parser, or the tree
 * is unusable: no verb or noun at its root). */
const hx__tree *hx__ev_tree(hx__events_scan *s, size_t si);
/* Tree kinds: the HX__DEP_* of token i, its head (-1 root), its UPOS name's id. */
#define HX__EVT_KIND(T, i) ((T)->kind[i])
/* The first child of token h (in [first, last)) whose kind is k, or -1. */
long hx__ev_child(const hx__tree *T, size_t first, size_t last, size_t h, unsigned k);
/* The lower-cased word of the case (or mark) child of h: its HX__W_* id, HX__W_NONE if
 * none; a two-word "por parte de", "frente a", "junto a" counts as its first word. */
unsigned hx__ev_case_of(const hx__events_scan *s, const hx__tree *T, size_t h);
/* The span of the phrase headed by token h: its subtree without relative clauses,
 * appositions, parentheticals and clauses, from its first word that is not an article,
 * preposition or punctuation to its last that is not punctuation, into [*a, *b). */
void hx__ev_phrase(const hx__events_scan *s, const hx__tree *T, size_t h, size_t *a, size_t *b);

/* events_args.c */
void hx__ev_mark_entities(hx__events_scan *s);
/* Fills actor, target, place, time and quantity of ev, whose clause starts at token cs;
 * its complements start at token `after` (past any object words). */
void hx__ev_arguments(hx__events_scan *s, hx__event *ev, size_t cs, size_t after);
/* The number of a casualty word at tokens [i, i1), if one is near: 1 and *v. */
int hx__ev_casualty_number(const hx__events_scan *s, size_t i, size_t i1, double *v);
/* The earlier event (index in doc->events) that ev mentions again, or -1: ev is a noun
 * after a definite article or a demonstrative ("La reunión", "este ataque"), not a
 * statement (01), and an event of the same three-digit CAMEO code is in one of the two
 * sentences before it, whose actor and target do not disagree with ev's (entity,
 * country, last word). */
long hx__ev_same_event(const hx__events_scan *s, const hx__event *ev);
/* Links events to the claims that report them (claims.h), when that stage ran; a
 * statement whose trigger is a claim's cue takes the claim's source as its actor. */
void hx__ev_link_claims(hx__events_scan *s);

#endif /* HX_EVENTS_H */
