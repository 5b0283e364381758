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
#include <string.h>

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

/* ================================================================ per-call state */
/*
 * The per-call state of the claims stage and its helpers (used by claims.c and
 * claims_words.c; every other includer sees them too, hence the hx__ prefixes).
 *
 * A hx__claims_scan is the per-call state of hx__find_claims: the document, a class per token,
 * a cache of finite-verb tests, the token -> entity map, the table of the document's
 * distinct words (hx__cl_memo) with each word token's entry, and the lexicon's
 * prepositional cues.  Everything in it is freed before the stage
 * returns; nothing here is global.
 */

/* The class of a token: function words the constructions depend on, punctuation. */
enum {
    HX__WC_OTHER, HX__WC_DET, HX__WC_PREP, HX__WC_CONJ, HX__WC_Y, HX__WC_QUE, HX__WC_NO, HX__WC_CLITIC, HX__WC_AUX, HX__WC_ADV,
    HX__WC_SE, HX__WC_ASI, HX__WC_COMMA, HX__WC_COLON, HX__WC_SEMI, HX__WC_END, HX__WC_QOPEN, HX__WC_QCLOSE, HX__WC_QAMB,
    HX__WC_PAREN, HX__WC_DASH, HX__WC_PUNCT, HX__WC_HEDGE, HX__WC_CITED
};

#define HX__NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Per-call table of the distinct lower-case words of the document: news text repeats
 * its words, so each one is classified, looked up in the lexicon and (when needed)
 * lemmatised once per call.  Entries sit in one array in order of first sight (an
 * entry's index never changes; its address does when the array grows), found through
 * an open-addressing index (linear probing, at most half full); keys live in one
 * growing buffer.  Every word token of up to HX__LEMMA_MAX - 1 bytes gets its entry
 * when the stage starts (hx__claims_scan.went), so later look-ups by token need no hashing; no
 * entry is added after that pass, so entry and key addresses stay valid for the whole
 * call.  A word without an entry is answered through the spare entry, uncached. */
typedef struct hx__cl_memo_ent {
    uint32_t off;   /* key offset in keys */
    uint16_t len;   /* key length */
    uint16_t state; /* M_* bits */
    uint32_t first; /* lexicon entries of its infinitive (when HX__M_LEMMA): the first, */
    uint16_t cnt;   /* their number (a head has a handful) */
    uint8_t wc;     /* function-word class (HX__WC_OTHER for content words) */
} hx__cl_memo_ent;

/* lemmatised; gave an infinitive; a known one; HX__M_INF and HX__M_PART filled; ends like an
 * infinitive (maybe with a pronoun: "declararse"); ends like a participle; HX__M_PHEAD
 * filled; the head of some prepositional cue; its lemma heads no cue (the context's
 * hx__lemma_filter says so, without lemmatising) */
enum {
    HX__M_DONE = 1, HX__M_LEMMA = 2, HX__M_KNOWN = 4, HX__M_FORM = 8, HX__M_INF = 16, HX__M_PART = 32, HX__M_PCHK = 64,
    HX__M_PHEAD = 128, HX__M_NOCUE = 256
};

typedef struct hx__cl_memo_slot {
    uint32_t hash, idx; /* idx: entry index + 1; 0 marks an empty slot */
} hx__cl_memo_slot;

typedef struct hx__cl_memo {
    hx__cl_memo_ent *e;      /* [n] entries, room for ecap */
    size_t n, ecap;
    hx__cl_memo_slot *slot;  /* [cap] the index; cap is a power of two, or 0 */
    size_t cap;
    hx__buf keys;
    hx__cl_memo_ent spare; /* answers when memory runs out (then nothing is cached) */
    uint8_t fw_lo[256], fw_hi[256]; /* the function words starting with byte b are
                                       [fw_lo[b], fw_hi[b]) of their sorted table */
    uint64_t fw_sig[256];           /* bit fw_bit(w): one of them, w, has that length
                                       and last byte (they all have < 16 bytes) */
    uint32_t cue_lo[256], cue_hi[256]; /* the same for the heads of hx__cues */
} hx__cl_memo;

typedef struct hx__claims_scan {
    hx_doc *doc;
    const hx__tok *t;
    unsigned char *wc; /* [ntoks]: class of each token */
    unsigned char *fin; /* [ntoks]: 0 not yet known, 1 a finite verb, 2 not (has_clause) */
    uint32_t *went;    /* [ntoks]: memo entry index + 1 of a word token, 0 for none */
    int32_t *ent;      /* [ntoks]: entity of the entity mention covering it, or -1; NULL
                          when the entity stage did not run */
    hx__cl_memo *memo;       /* lemmatiser results of this call */
    uint16_t prep[32]; /* hx__cues indices of the prepositional cues, in table order */
    size_t nprep;      /* their number; SIZE_MAX when they do not fit in prep */
    uint64_t prep_bits; /* bit hx__cl_prep_bit(head) set for each of their heads */
    uint32_t s0, s1;   /* the sentence being read: tokens [s0, s1) */
    uint32_t send;     /* s1 without trailing sentence punctuation */
} hx__claims_scan;

/* A cue found in the current sentence, before resolution. */
typedef struct hx__cl_cand {
    uint32_t c0, c1; /* tokens of the cue words */
    const hx__cue *cue;
    uint32_t skip1;  /* prepositional cues: tokens up to here are their source */
} hx__cl_cand;

/* ---------------------------------------------------------------- small helpers */

/* a[0..an) against the NUL-terminated b, bytewise like memcmp (an unsigned byte order,
 * a prefix first).  A byte loop: the words are short and the libc calls (strlen, then
 * memcmp) cost more than the comparison itself on this path. */
static inline int hx__cl_cmp_n(const char *a, size_t an, const char *b)
{
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (!y) return 1; /* b is a proper prefix of a */
        if (x != y) return x < y ? -1 : 1;
    }
    return b[an] ? -1 : 0;
}


/* The memo entry of token i (a word token), or NULL. */
static inline hx__cl_memo_ent *hx__cl_tok_ent(const hx__claims_scan *s, uint32_t i)
{
    uint32_t x = s->went[i];
    return x ? &s->memo->e[x - 1] : NULL;
}

/* The lower-case bytes of an entry (not NUL-terminated). */
static inline const char *hx__cl_ent_key(const hx__claims_scan *s, const hx__cl_memo_ent *e)
{
    return s->memo->keys.p + e->off;
}

static inline size_t hx__cl_tok_lower(const hx__claims_scan *s, uint32_t i, char *out)
{
    const hx__cl_memo_ent *e = hx__cl_tok_ent(s, i);
    if (e) {
        memcpy(out, hx__cl_ent_key(s, e), e->len);
        out[e->len] = '\0';
        return e->len;
    }
    const hx__tok *t = &s->t[i];
    return hx__lower(s->doc->text + t->b0, t->b1 - t->b0, out, HX__LEMMA_MAX);
}


static inline int hx__cl_tok_is(const hx__claims_scan *s, uint32_t i, const char *w)
{
    const hx__cl_memo_ent *e = hx__cl_tok_ent(s, i);
    if (e) return hx__cl_cmp_n(hx__cl_ent_key(s, e), e->len, w) == 0;
    char b[HX__LEMMA_MAX];
    size_t n = hx__cl_tok_lower(s, i, b);
    return n && hx__cl_cmp_n(b, n, w) == 0;
}


static inline int hx__cl_is_upper(const hx__claims_scan *s, uint32_t i) { return (s->t[i].flags & HX__T_UPPER) != 0; }



/* Does w[0..n) end with suf[0..sn)?  (Suffixes are a few bytes long.) */
static inline int hx__cl_ends_with_n(const char *w, size_t n, const char *suf, size_t sn)
{
    if (n < sn) return 0;
    for (size_t k = sn; k-- > 0;)
        if (w[n - sn + k] != suf[k]) return 0;
    return 1;
}

/* The same for a NUL-terminated suf: for literals, whose length the compiler knows; a
 * table of suffixes keeps their lengths (hx__cl_sfx), so that no strlen runs per test. */
static inline int hx__cl_ends_with(const char *w, size_t n, const char *suf)
{
    return hx__cl_ends_with_n(w, n, suf, strlen(suf));
}

typedef struct hx__cl_sfx {
    const char *s;
    size_t n;
} hx__cl_sfx;

#define HX__SFX(lit) {lit, sizeof(lit) - 1}

static inline int hx__cl_ends_sfx(const char *w, size_t n, hx__cl_sfx x) { return hx__cl_ends_with_n(w, n, x.s, x.n); }



/* The bit of hx__claims_scan.prep_bits for the word w[0..n) (n > 0): a word whose bit is clear
 * heads no prepositional cue. */
static inline unsigned hx__cl_prep_bit(const char *w, size_t n)
{
    return ((unsigned char)w[0] * 31u + (unsigned)n) & 63;
}

/* ---------------------------------------------------------------- claims_words.c */

/* Empties the word table m and indexes the function words and the lexicon heads by
 * their first byte. */
void hx__cl_memo_init(hx__cl_memo *m);
/* hx__cue_find through m's first-byte index (the same answer). */
size_t hx__cl_cue_find(const hx__cl_memo *m, const char *s, size_t n, size_t *count);
/* The class of a punctuation token s[0..n). */
unsigned char hx__cl_punct_class(const char *s, size_t n);
/* The index + 1 of the table entry of the lower-case word w[0..n), created on first
 * sight (class filled); 0 when memory runs out.  Only while the stage starts. */
uint32_t hx__cl_word_index(const hx__claims_scan *s, const char *w, size_t n);
/* The same with h = the FNV-1a hash of w[0..n) (hx__lower_fnv gives both). */
uint32_t hx__cl_word_index_h(const hx__claims_scan *s, const char *w, size_t n, uint32_t h);
/* The table entry of w[0..n), or the spare one (class filled, nothing cached) when the
 * word has none. */
hx__cl_memo_ent *hx__cl_word_entry(const hx__claims_scan *s, const char *w, size_t n);
/* Lemmatises the word of entry e unless already done. */
void hx__cl_lemma_fill(const hx__cl_memo *m, hx__cl_memo_ent *e, const char *w, size_t n);
/* The entry of w[0..n), lemmatised. */
const hx__cl_memo_ent *hx__cl_lemma_lookup(const hx__claims_scan *s, const char *w, size_t n);
/* The entry of word token i, lemmatised; NULL when the token has no lower-case form. */
const hx__cl_memo_ent *hx__cl_tok_lemma(const hx__claims_scan *s, uint32_t i);
/* 1 when token i lies inside a time expression. */
int hx__cl_in_time(const hx__claims_scan *s, uint32_t i);
/* Do the words of rest follow token i?  Returns the token after them, or 0. */
uint32_t hx__cl_match_rest(const hx__claims_scan *s, uint32_t i, const char *rest);
/* The cue starting at token i of the current sentence, if any (fills *out); only for
 * tokens that pass hx__cl_cue_maybe. */
int hx__cl_find_cue(const hx__claims_scan *s, uint32_t i, hx__cl_cand *out);

#endif /* HX_CLAIMS_H */
