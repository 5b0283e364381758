/*
 * entities_impl.h -- what the files of the entity stage share (entities.c finds the
 * mentions, entities_cluster.c groups them, entities_find.c runs both); nothing outside
 * the stage includes it.
 *
 * The stage's per-call state is one ctx: token-indexed arrays of length nt (plus one),
 * the candidate list and the work entities; all of it is freed by hx__find_entities.
 * Invariants: cands are sorted by first token (longer first) before clustering;
 * own[i] is the live candidate owning token i (index into cands) or -1; wid[i] is the
 * smallest token index with the same folded text, so words compare as integers.
 */
#ifndef HX_ENTITIES_IMPL_H
#define HX_ENTITIES_IMPL_H

#include "entities/entities.h"

#include <string.h>

#define MAX_KEY_TOKENS 8
#define KEY_CAP 256

enum { SRC_GAZ, SRC_CAPS, SRC_ROLE };

typedef struct cand {
    uint32_t first, last; /* tokens */
    uint8_t src;          /* SRC_* */
    uint8_t how;          /* gazetteer: enum hx__key_how of the chosen key */
    uint8_t weak;         /* capitalised run that may be a sentence-initial word */
    uint8_t dead;
    const char *type;     /* names: "PER", "ORG", ... */
    uint32_t klo, kn;     /* gazetteer: matching key range */
    int place;            /* gazetteer: chosen place; role: anchor place */
    int role;             /* role: index into role_ids */
    float conf;
} cand;

typedef struct went {
    const char *type;
    int place, anchor;
    uint32_t bf, bl;      /* tokens of the best name so far */
    uint8_t acronym_only, role_only;
    float conf;
    uint32_t stamp;       /* last candidate that looked at it (find_by_name) */
    int role;             /* PER: id of its first role (roles[] in entities.c), or -1 */
    int32_t geo;          /* GeoNames city, or -1 */
} went;

/* A node of the per-word lists of entities (people by name word, organisations by the
 * word their initials spell). */
typedef struct wnode {
    int32_t entity, next;
} wnode;

/* Classes of a folded word, computed once per distinct word. */
enum { W_CONN = 1, W_STOP = 2, W_PART = 4, W_ORG = 8, W_PORT = 16, W_GOV = 32, W_ROLE = 64 };

/* A listed word (or the first word of a role phrase) and its W_* classes: the constant
 * table entities_words.c, generated from data/entities/words.tsv and roles.tsv. */
typedef struct hx__ent_word {
    const char *w;
    uint8_t n;
    uint8_t bits;
} hx__ent_word;

extern const hx__ent_word hx__ent_words[];
extern const size_t hx__ent_nwords;
extern const uint16_t hx__ent_word_slots[1024]; /* index + 1 at FNV-1a(word) & 1023 */

/* A role phrase (folded words separated by one space) and its role id; the genders of
 * one role share the id.  In the order of data/entities/roles.tsv. */
typedef struct hx__ent_role {
    const char *w;
    int id;
} hx__ent_role;
extern const hx__ent_role hx__ent_roles[];
extern const size_t hx__ent_nroles;

/* 32-bit FNV-1a of s[0..n): the hash of the word tables (this one, the gazetteer's
 * first words). */
static inline uint32_t hx__ent_fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The W_* classes of the folded word w[0..n) whose FNV-1a hash is h. */
static inline uint8_t hx__ent_word_classes(const char *w, size_t n, uint32_t h)
{
    for (uint32_t k = h & 1023;; k = (k + 1) & 1023) {
        unsigned e = hx__ent_word_slots[k];
        if (!e) return 0;
        const hx__ent_word *x = &hx__ent_words[e - 1];
        if (x->n == n && memcmp(x->w, w, n) == 0) return x->bits;
    }
}

typedef struct binding {
    int role, anchor;
    uint32_t entity;
} binding;

typedef struct ctx {
    void *block;     /* the one allocation holding the token- and place-indexed arrays */
    hx_doc *doc;
    const hx__tok *t;
    size_t nt;
    char *fold;      /* folded token texts, NUL-separated */
    uint32_t *foff;  /* [nt]: offset of token i's folded text in fold */
    uint32_t *flen;  /* [nt]: its length */
    int32_t *own;    /* [nt]: live candidate owning the token, or -1 */
    uint32_t *wid;   /* [nt]: word id: the first token with the same folded text */
    uint8_t *wcls;   /* [nt]: W_* classes of the token's word */
    uint8_t *wgaz;   /* [nt] by word id: 1 starts no gazetteer key, 2 one in any case,
                        3 one only when capitalised */
    uint32_t *itab;  /* [isz]: intern table, token index + 1 of a word's first token */
    size_t isz;
    uint64_t *ntab;  /* [nsz]: names seen: (hash << 24 | mention index + 1), 0 empty */
    size_t nsz;
    int32_t *per_head, *acr_head; /* [nt] by word id: lists in nodes, -1 ends */
    int32_t *acr_only;            /* [nt] by word id: entity known by that acronym, or -1 */
    int32_t *start_ent, *end_ent; /* [nt]: person whose name mention starts/ends here */
    int32_t *anchor_ent, *anchor_cnt; /* [hx__gaz_nplaces]: people tied to a place */
    const char **ner_type; /* [nt]: the tagger's type of the token, or NULL */
    hx__vec nodes;   /* wnode */
    uint32_t stamp;
    uint8_t cc_seen[26 * 26]; /* countries the document names unambiguously */
    hx__vec cands;   /* cand */
    hx__vec ents;    /* went */
    hx__vec ments;   /* hx__emention */
    hx__vec binds;   /* binding */
    int *by_place;   /* [hx__gaz_nplaces]: entity of a place, or -1 */
} ctx;

static inline const char *ftok(const ctx *c, size_t i) { return c->fold + c->foff[i]; }

static inline int is_one_of(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return 1;
    return 0;
}

/* entities.c */
/* 1 when every word of hx__ent_words is found by its hash with its classes, and the
 * first word of every role is a role word (tests). */
int hx__ent_words_selfcheck(void);
int hx__ent_same_person_roles(int held, int role);
int hx__ent_is_acronym(const ctx *c, size_t i);
int hx__ent_sentence_initial(const ctx *c, size_t i);
int hx__ent_cc_index(const char *cc);
int64_t hx__ent_word_find(const ctx *c, const char *s);
/* Steps 1-3: the candidates, sorted, with their owners. */
hx_status hx__ent_candidates(ctx *c);

/* entities_cluster.c: steps 4 and 5, and the layer the document keeps. */
hx_status hx__ent_cluster_names(ctx *c);
hx_status hx__ent_cluster_roles(ctx *c);
hx_status hx__ent_build_layer(ctx *c);

#endif /* HX_ENTITIES_IMPL_H */
