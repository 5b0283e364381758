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

#endif /* HX_CLAIMS_H */
