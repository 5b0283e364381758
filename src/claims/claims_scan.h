/*
 * claims_scan.h -- what the two files of the claims stage share (private to
 * claims.c and claims_words.c; nothing else includes it).
 *
 * A scan is the per-call state of hx__find_claims: the document, a class per token,
 * a cache of finite-verb tests, the token -> entity map, the table of the document's
 * distinct words (lmemo) with each word token's entry, and the lexicon's
 * prepositional cues.  Everything in it is freed before the stage
 * returns; nothing here is global.
 */
#ifndef HX_CLAIMS_SCAN_H
#define HX_CLAIMS_SCAN_H

#include "claims/claims.h"

#include <string.h>

/* The class of a token: function words the constructions depend on, punctuation. */
enum {
    WC_OTHER, WC_DET, WC_PREP, WC_CONJ, WC_Y, WC_QUE, WC_NO, WC_CLITIC, WC_AUX, WC_ADV,
    WC_SE, WC_ASI, WC_COMMA, WC_COLON, WC_SEMI, WC_END, WC_QOPEN, WC_QCLOSE, WC_QAMB,
    WC_PAREN, WC_DASH, WC_PUNCT, WC_HEDGE, WC_CITED
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Per-call table of the distinct lower-case words of the document: news text repeats
 * its words, so each one is classified, looked up in the lexicon and (when needed)
 * lemmatised once per call.  Entries sit in one array in order of first sight (an
 * entry's index never changes; its address does when the array grows), found through
 * an open-addressing index (linear probing, at most half full); keys live in one
 * growing buffer.  Every word token of up to HX__LEMMA_MAX - 1 bytes gets its entry
 * when the stage starts (scan.went), so later look-ups by token need no hashing; no
 * entry is added after that pass, so entry and key addresses stay valid for the whole
 * call.  A word without an entry is answered through the spare entry, uncached. */
typedef struct lmemo_ent {
    uint32_t off;   /* key offset in keys */
    uint16_t len;   /* key length */
    uint16_t state; /* M_* bits */
    uint32_t first; /* lexicon entries of its infinitive (when M_LEMMA): the first, */
    uint16_t cnt;   /* their number (a head has a handful) */
    uint8_t wc;     /* function-word class (WC_OTHER for content words) */
} lmemo_ent;

/* lemmatised; gave an infinitive; a known one; M_INF and M_PART filled; ends like an
 * infinitive (maybe with a pronoun: "declararse"); ends like a participle; M_PHEAD
 * filled; the head of some prepositional cue; its lemma heads no cue (the context's
 * hx__lemma_filter says so, without lemmatising) */
enum {
    M_DONE = 1, M_LEMMA = 2, M_KNOWN = 4, M_FORM = 8, M_INF = 16, M_PART = 32, M_PCHK = 64,
    M_PHEAD = 128, M_NOCUE = 256
};

typedef struct lmemo_slot {
    uint32_t hash, idx; /* idx: entry index + 1; 0 marks an empty slot */
} lmemo_slot;

typedef struct lmemo {
    lmemo_ent *e;      /* [n] entries, room for ecap */
    size_t n, ecap;
    lmemo_slot *slot;  /* [cap] the index; cap is a power of two, or 0 */
    size_t cap;
    hx__buf keys;
    lmemo_ent spare; /* answers when memory runs out (then nothing is cached) */
    uint8_t fw_lo[256], fw_hi[256]; /* the function words starting with byte b are
                                       [fw_lo[b], fw_hi[b]) of their sorted table */
    uint64_t fw_sig[256];           /* bit fw_bit(w): one of them, w, has that length
                                       and last byte (they all have < 16 bytes) */
    uint32_t cue_lo[256], cue_hi[256]; /* the same for the heads of hx__cues */
} lmemo;

typedef struct scan {
    hx_doc *doc;
    const hx__tok *t;
    unsigned char *wc; /* [ntoks]: class of each token */
    unsigned char *fin; /* [ntoks]: 0 not yet known, 1 a finite verb, 2 not (has_clause) */
    uint32_t *went;    /* [ntoks]: memo entry index + 1 of a word token, 0 for none */
    int32_t *ent;      /* [ntoks]: entity of the entity mention covering it, or -1; NULL
                          when the entity stage did not run */
    lmemo *memo;       /* lemmatiser results of this call */
    uint16_t prep[32]; /* hx__cues indices of the prepositional cues, in table order */
    size_t nprep;      /* their number; SIZE_MAX when they do not fit in prep */
    uint64_t prep_bits; /* bit prep_bit(head) set for each of their heads */
    uint32_t s0, s1;   /* the sentence being read: tokens [s0, s1) */
    uint32_t send;     /* s1 without trailing sentence punctuation */
} scan;

/* A cue found in the current sentence, before resolution. */
typedef struct cand {
    uint32_t c0, c1; /* tokens of the cue words */
    const hx__cue *cue;
    uint32_t skip1;  /* prepositional cues: tokens up to here are their source */
} cand;

/* ---------------------------------------------------------------- small helpers */

/* a[0..an) against the NUL-terminated b, bytewise like memcmp (an unsigned byte order,
 * a prefix first).  A byte loop: the words are short and the libc calls (strlen, then
 * memcmp) cost more than the comparison itself on this path. */
static inline int cmp_n(const char *a, size_t an, const char *b)
{
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (!y) return 1; /* b is a proper prefix of a */
        if (x != y) return x < y ? -1 : 1;
    }
    return b[an] ? -1 : 0;
}


/* The memo entry of token i (a word token), or NULL. */
static inline lmemo_ent *tok_ent(const scan *sc, uint32_t i)
{
    uint32_t x = sc->went[i];
    return x ? &sc->memo->e[x - 1] : NULL;
}

/* The lower-case bytes of an entry (not NUL-terminated). */
static inline const char *ent_key(const scan *sc, const lmemo_ent *e)
{
    return sc->memo->keys.p + e->off;
}

static inline size_t tok_lower(const scan *sc, uint32_t i, char *out)
{
    const lmemo_ent *e = tok_ent(sc, i);
    if (e) {
        memcpy(out, ent_key(sc, e), e->len);
        out[e->len] = '\0';
        return e->len;
    }
    const hx__tok *t = &sc->t[i];
    return hx__lower(sc->doc->text + t->b0, t->b1 - t->b0, out, HX__LEMMA_MAX);
}


static inline int tok_is(const scan *sc, uint32_t i, const char *w)
{
    const lmemo_ent *e = tok_ent(sc, i);
    if (e) return cmp_n(ent_key(sc, e), e->len, w) == 0;
    char b[HX__LEMMA_MAX];
    size_t n = tok_lower(sc, i, b);
    return n && cmp_n(b, n, w) == 0;
}


static inline int is_upper(const scan *sc, uint32_t i) { return (sc->t[i].flags & HX__T_UPPER) != 0; }

static inline int is_word(const scan *sc, uint32_t i)
{
    return (sc->t[i].flags & (HX__T_WORD | HX__T_NUM)) != 0;
}


/* Does w[0..n) end with suf[0..sn)?  (Suffixes are a few bytes long.) */
static inline int ends_with_n(const char *w, size_t n, const char *suf, size_t sn)
{
    if (n < sn) return 0;
    for (size_t k = sn; k-- > 0;)
        if (w[n - sn + k] != suf[k]) return 0;
    return 1;
}

/* The same for a NUL-terminated suf: for literals, whose length the compiler knows; a
 * table of suffixes keeps their lengths (sfx), so that no strlen runs per test. */
static inline int ends_with(const char *w, size_t n, const char *suf)
{
    return ends_with_n(w, n, suf, strlen(suf));
}

typedef struct sfx {
    const char *s;
    size_t n;
} sfx;

#define SFX(lit) {lit, sizeof(lit) - 1}

static inline int ends_sfx(const char *w, size_t n, sfx x) { return ends_with_n(w, n, x.s, x.n); }


/* Can token i start a cue at all?  A word whose first two bytes, lower-cased the way
 * hx__lower does, no cue form starts with (hx__cue_prefix) cannot. */
static inline int cue_maybe(const scan *sc, uint32_t i)
{
    if (!(sc->t[i].flags & HX__T_WORD)) return 0;
    const unsigned char *r = (const unsigned char *)sc->doc->text + sc->t[i].b0;
    size_t rn = sc->t[i].b1 - sc->t[i].b0;
    unsigned b0 = r[0], b1 = rn > 1 ? r[1] : 0;
    if (b0 >= 'A' && b0 <= 'Z') b0 += 32;
    else if (b0 == 0xC3 && b1 >= 0x80 && b1 <= 0x9E && b1 != 0x97) b1 += 0x20;
    if (b1 >= 'A' && b1 <= 'Z') b1 += 32;
    unsigned key = b0 * 256u + b1;
    return (hx__cue_prefix[key >> 3] & (1u << (key & 7))) != 0;
}

/* The bit of scan.prep_bits for the word w[0..n) (n > 0): a word whose bit is clear
 * heads no prepositional cue. */
static inline unsigned prep_bit(const char *w, size_t n)
{
    return ((unsigned char)w[0] * 31u + (unsigned)n) & 63;
}

/* ---------------------------------------------------------------- claims_words.c */

/* Empties the word table m and indexes the function words and the lexicon heads by
 * their first byte. */
void hx__cl_memo_init(lmemo *m);
/* hx__cue_find through m's first-byte index (the same answer). */
size_t hx__cl_cue_find(const lmemo *m, const char *s, size_t n, size_t *count);
/* The class of a punctuation token s[0..n). */
unsigned char hx__cl_punct_class(const char *s, size_t n);
/* The index + 1 of the table entry of the lower-case word w[0..n), created on first
 * sight (class filled); 0 when memory runs out.  Only while the stage starts. */
uint32_t hx__cl_word_index(const scan *sc, const char *w, size_t n);
/* The same with h = the FNV-1a hash of w[0..n) (hx__lower_fnv gives both). */
uint32_t hx__cl_word_index_h(const scan *sc, const char *w, size_t n, uint32_t h);
/* The table entry of w[0..n), or the spare one (class filled, nothing cached) when the
 * word has none. */
lmemo_ent *hx__cl_word_entry(const scan *sc, const char *w, size_t n);
/* Lemmatises the word of entry e unless already done. */
void hx__cl_lemma_fill(const lmemo *m, lmemo_ent *e, const char *w, size_t n);
/* The entry of w[0..n), lemmatised. */
const lmemo_ent *hx__cl_lemma_lookup(const scan *sc, const char *w, size_t n);
/* The entry of word token i, lemmatised; NULL when the token has no lower-case form. */
const lmemo_ent *hx__cl_tok_lemma(const scan *sc, uint32_t i);
/* 1 when token i lies inside a time expression. */
int hx__cl_in_time(const scan *sc, uint32_t i);
/* Do the words of rest follow token i?  Returns the token after them, or 0. */
uint32_t hx__cl_match_rest(const scan *sc, uint32_t i, const char *rest);
/* The cue starting at token i of the current sentence, if any (fills *out); only for
 * tokens that pass cue_maybe. */
int hx__cl_find_cue(const scan *sc, uint32_t i, cand *out);

#endif /* HX_CLAIMS_SCAN_H */
