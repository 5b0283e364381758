/*
 * claims.h -- the claims layer: reported statements, who makes them, with which cue,
 * what they say and how firmly (src/claims/claims.c).
 *
 * A claim links a cue (a reporting verb, noun or "según"-like phrase from the lexicon
 * of data/cues.tsv) to its source (the noun phrase of who says it, or the source of an
 * earlier claim it repeats) and its content (the reported clause or quotation).  All
 * positions are token indices of doc->toks, except the content, which is also kept in
 * bytes so that it can exclude quotation marks.  Claims are stored in doc->claims in
 * text order of their cues and never point forwards: antecedent < own index.
 */
#ifndef HX_CLAIMS_H
#define HX_CLAIMS_H

#include "core/core.h"

#include <stdint.h>
#include <stddef.h>

typedef enum hx__cue_kind { HX__CUE_VERB, HX__CUE_NOUN, HX__CUE_PREP } hx__cue_kind;

typedef enum hx__stance {
    HX__ST_NEUTRAL,   /* dijo, informó, según */
    HX__ST_ASSERTIVE, /* afirmó, aseguró, confirmó */
    HX__ST_HEDGED,    /* cree, estima que, no descarta */
    HX__ST_DENIAL     /* negó, desmintió */
} hx__stance;

/* One entry of the lexicon (cues_data.c, generated from data/cues.tsv). */
typedef struct hx__cue {
    const char *head;  /* verbs and nouns: the lemma of the first word; 'p': the word */
    const char *rest;  /* the words that must follow, space-separated; "" for none */
    const char *lemma; /* the whole entry ("dar a conocer", "no descartar") */
    unsigned char kind;     /* hx__cue_kind */
    unsigned char stance;   /* hx__stance */
    unsigned char need_que; /* 1: only with a complement clause, a colon or a quotation */
    unsigned char neg;      /* 1: the entry starts with "no", required before the verb */
} hx__cue;

extern const hx__cue hx__cues[]; /* sorted by head, then rest, bytewise */
extern const size_t hx__ncues;
/* [8192]: bit (a * 256 + b) set when a form of some cue may start with the lower-case
 * bytes a, b (b = 0 for a one-byte word); other words are never lemmatised. */
extern const unsigned char hx__cue_prefix[];

typedef struct hx__claim {
    uint32_t cue0, cue1;   /* tokens of the cue, auxiliaries included ("ha dicho") */
    const hx__cue *cue;    /* its lexicon entry */
    uint32_t src0, src1;   /* tokens of the source; src0 == src1 when there is none */
    uint32_t via0, via1;   /* tokens of Y in "X, citado por Y"; equal when none */
    uint32_t con0, con1;   /* tokens of the content */
    uint32_t cb0, cb1;     /* bytes of the content in doc->text (inside quotation marks) */
    int32_t antecedent;    /* the claim whose source this one repeats, or -1 */
    int32_t mention;       /* doc->mentions index of the source's named entity, or -1 */
    int32_t entity;        /* doc->entities index of the source, or -1 */
    uint8_t inherited;     /* 1: the source is not written here, it is the antecedent's */
    uint8_t quote;         /* 1: the content is a direct quotation */
    uint8_t hedged;        /* conditional, "supuestamente", a hedging cue ... */
    uint8_t negated;       /* "negó que", "no confirmó que" */
    uint8_t impersonal;    /* "se informó", "se teme": no source by construction */
} hx__claim;

/* Finds the lexicon entries whose head is s[0..n): returns the index of the first
 * one and sets *count (0 when there is none). */
size_t hx__cue_find(const char *s, size_t n, size_t *count);

/* For tests: 1 when the function-word table of claims.c and hx__cues are sorted. */
int hx__claims_selfcheck(void);

/* ---------------------------------------------------------------- the stage, for the pipeline */

/* claims.c: fills doc->claims; runs after entities. */
hx_status hx__find_claims(hx_doc *doc, hx_error *err);
/* claims_words.c: the filter for ctx->cue_filter; free() frees it. */
struct hx__lemma_filter *hx__cl_filter_new(void);
/* claims_out.c: appends `,"claims":[...]`. */
void hx__json_claims(hx__buf *b, const hx_doc *doc);

/* ---------------------------------------------------------------- the lemmatiser (was lemma.h) */
/*
 * The lemmatiser: a rule-based lemmatiser for Spanish verb forms ("dijo" -> "decir",
 * "asegurándose" -> "asegurar", "habría" -> "haber"), used by the claims stage to
 * match reporting verbs whatever their tense.
 *
 * It knows the regular endings of -ar/-er/-ir verbs, stem changes (ie/e, ue/o, i/e,
 * zc/c, qu/c, gu/g, j/g, y), strong preterite and irregular future stems, irregular
 * participles, enclitic pronouns, and a table of whole irregular forms.  Among the
 * candidate infinitives a form can have, it prefers one in the list of known verbs
 * (data/verbs.txt, compiled into cues_data.c); for unknown verbs it guesses from the
 * longest reliable ending.  It keeps no state; every table is read-only.  A filter
 * (hx__lemma_filter, below) tells without lemmatising that a word's lemma cannot be one
 * of a given set of infinitives.
 */

#define HX__LEMMA_MAX 64 /* longest form or lemma handled, bytes with the NUL */

/* The tables of cues_data.c (generated by tools/gen_cues.py), sorted bytewise. */
extern const char *const hx__verbs[]; /* known infinitives */
extern const size_t hx__nverbs;
/* [hx__verb_hash_size] (a power of two): 1 + index into hx__verbs of the verb whose
 * FNV-1a hash probes (linearly) to that slot, 0 for an empty slot. */
extern const unsigned short hx__verb_hash[];
extern const size_t hx__verb_hash_size;
typedef struct hx__irregular {
    const char *form, *lemma;
} hx__irregular;
extern const hx__irregular hx__irregulars[]; /* sorted by form */
extern const size_t hx__nirregulars;

/* Lower-cases s[0..n) (ASCII and the Latin-1 capitals: Á É Í Ó Ú Ü Ñ ...) into out,
 * NUL-terminated; returns the length, or 0 when it does not fit in cap bytes. */
size_t hx__lower(const char *s, size_t n, char *out, size_t cap);
/* The same, also setting *hash to the FNV-1a (32-bit) hash of the lower-cased bytes. */
size_t hx__lower_fnv(const char *s, size_t n, char *out, size_t cap, uint32_t *hash);

/* 1 when the infinitive s[0..n) is a known verb. */
int hx__verb_known(const char *s, size_t n);

/* Lemmatises the lower-case form w[0..n) as a verb: writes the infinitive to out
 * (cap >= HX__LEMMA_MAX), NUL-terminated, and returns its length; returns 0 when no
 * verb ending fits.  *known (may be NULL) is set to 1 when the infinitive is a known
 * verb, 0 when it is a guess. */
size_t hx__lemma_verb(const char *w, size_t n, char *out, size_t cap, int *known);

/* The same with lex = 0: the rules and the irregular table only, without the list of
 * known verbs (to measure what the rules do for verbs the list lacks). */
size_t hx__lemma_rules(const char *w, size_t n, char *out, size_t cap, int *known, int lex);

/* For tests: 1 when the table of regular endings is sorted by last byte, without
 * duplicates (what the ending search of hx__lemma_rules relies on). */
int hx__lemma_selfcheck(void);

/* A filter that rules out, without lemmatising, most words whose lemma is none of a
 * given set of infinitives (the claims stage: the heads of the cue lexicon).  It is
 * exact in one direction: when hx__lemma_filter_may() returns 0, hx__lemma_verb()
 * gives no lemma or a lemma outside the set.  It holds, as bits keyed by FNV-1a
 * hashes (a collision only lets a word through), every stem a rule of this file
 * can turn into one of the set's infinitives (whole irregular forms counting as
 * stems with an empty ending) and every ending the rules read after a stem; a word
 * passes when it splits into such a stem and such an ending, or when the enclitic
 * pronouns the lemmatiser strips leave a word that passes.  It is read-only once
 * filled, so that one filter can be shared by threads. */
#define HX__LF_STEM_BITS 16 /* 2^16 bits for the stems */
#define HX__LF_END_BITS 12  /* 2^12 bits for the endings (their bytes hashed backwards) */
typedef struct hx__lemma_filter {
    uint64_t stem[(1u << HX__LF_STEM_BITS) / 64];
    uint64_t end[(1u << HX__LF_END_BITS) / 64];
    size_t maxend; /* the longest ending, bytes */
} hx__lemma_filter;

/* Empties f: only the endings are set (nothing passes until lemmas are added). */
void hx__lemma_filter_init(hx__lemma_filter *f);
/* Lets through the forms that may lemmatise to the infinitive lemma[0..n). */
void hx__lemma_filter_add(hx__lemma_filter *f, const char *lemma, size_t n);
/* 0 when hx__lemma_verb() on the lower-case form w[0..n) certainly gives none of the
 * lemmas added to f; 1 when it may. */
int hx__lemma_filter_may(const hx__lemma_filter *f, const char *w, size_t n);

#endif /* HX_CLAIMS_H */
