/*
 * tagger.h -- the sequence tagger's internal pieces, shared by tagger.c (decoding and
 * hx__tag_doc), tagger_feat.c (features), tagger_model.c (model files) and
 * tagger_train.c (the averaged perceptron).  Nothing here leaves the library.
 *
 * The model is a first-order linear chain: score(y | x) = sum_t [ emit(t, y_t) +
 * trans(y_{t-1}, y_t) ] + start(y_0) + stop(y_{n-1}).  Emission scores come from
 * hashed features: every feature is a 32-bit hash whose top `bits` bits select a row
 * of the weight table; a row holds a short sparse list of (label, weight) entries.
 *
 * Invariants:
 *   - A loaded hx__tagger is read-only; decoding uses only per-call scratch
 *     (hx__tagger_scan), so one model serves any number of threads.
 *   - Label ids inside the tagger are 0-based; the document layer stores id + 1.
 *   - Features are a pure function of the sentence's words (and, for NER, of the POS
 *     tag names) and of the model's lexicon, so training and tagging agree exactly.
 */
#ifndef HX_TAGGER_H
#define HX_TAGGER_H

#include "core/core.h"

#include <stdint.h>

enum { HX__TASK_POS = 0, HX__TASK_NER = 1, HX__TASK_PARSE = 2 }; /* PARSE: src/parse */

#define HX__MAXF 64          /* at most this many features per token */
#define HX__MAXLABELS 255    /* label ids fit in a uint8 */
#define HX__MODEL_VERSION 1u /* bump when the file layout changes */
#define HX__FEAT_VERSION 2u  /* POS and parser: bump when feature extraction changes */
#define HX__FEAT_VERSION_NER 3u /* NER (3: word clusters, lexicon entries carry clu) */

/* The feature version a model of the task is written with and must have to load. */
static inline uint32_t hx__feat_version(uint32_t task)
{
    return task == HX__TASK_NER ? HX__FEAT_VERSION_NER : HX__FEAT_VERSION;
}
/* Feature versions a model file may have: the current one, and 2 for NER (its
 * features are still computed, hx__feat_task). */
static inline int hx__feat_version_ok(uint32_t task, uint32_t fver)
{
    return fver == hx__feat_version(task) || (task == HX__TASK_NER && fver == 2);
}

/* Lexicon info bits (hx__lexent.info), computed at training time from the training
 * text and the gazetteers in data/ner. */
enum {
    HX__LX_CAPMASK = 7u,        /* bits 0-2: how the word is written mid-sentence: */
    HX__LX_FREQSHIFT = 3,       /* bits 3-5: log2 frequency bucket */
    HX__LX_FREQMASK = 7u << 3,
    HX__LX_GAZ_LOC = 1u << 8,   /* a word of a place name */
    HX__LX_GAZ_PER = 1u << 9,   /* a first name */
    HX__LX_GAZ_ORG = 1u << 10,  /* a word of an organisation name */
    HX__LX_GAZ_MISC = 1u << 11, /* a word of another name (events, works, ...) */
    HX__LX_DICT = 1u << 12,     /* a known lower-case word of the word list */
    HX__LX_DEMONYM = 1u << 13,  /* a demonym (data/ner/demonym.txt) */
    HX__LX_PHRSTART = 1u << 14, /* the first word of some phrase of the lexicon */
    HX__LX_SPORT = 1u << 15,    /* a word of sports news (data/ner/sport.txt) */
    HX__LX_TYPESHIFT = 16,      /* bits 16-18 (NER): 1 + the entity type (O PER LOC
                                   ORG MISC) the word had most often in training */
    HX__LX_PURSHIFT = 19        /* bits 19-20: how often it had it (>= 95%, 70%, less) */
};
/* The capitalisation classes of bits 0-2. */
/* The gazetteer bits, dropped at random on training tokens (tagger_train.c). */
#define HX__LX_GAZ (HX__LX_GAZ_LOC | HX__LX_GAZ_PER | HX__LX_GAZ_ORG | HX__LX_GAZ_MISC | \
                    HX__LX_DEMONYM)
enum { HX__CAP_UNSEEN, HX__CAP_LOWER, HX__CAP_MOSTLOW, HX__CAP_MIXED, HX__CAP_MOSTUP,
       HX__CAP_UPPER };

/* One lexicon entry: the hash of a lower-cased word, its info bits, (POS) the set
 * of labels seen with it in training (bit l = label l; 0 = no restriction) and (NER)
 * its word clusters (models/clusters.hxc, tools/clusters.c): bits 0-15 the class + 1,
 * bits 16-23 the coarse group + 1, 0 = none. */
typedef struct hx__lexent {
    uint64_t key;
    uint64_t mask;
    uint32_t info;
    uint32_t clu;
} hx__lexent;

/* The weight table's 2^bits rows are mostly empty (a tenth are used), so they are
 * stored as a rank index: a block of 64 rows has a bitmap of its non-empty rows and
 * the rank of its first one; the k-th non-empty row is described by wrow[k].  The
 * index is a tenth of the size of a plain offset per row, so it stays in the caches
 * and finding a row costs no branch.  A row with many entries is stored dense, an
 * int16 weight for each of Lpad labels (L rounded up to 8), and added to the scores
 * with vector instructions; a row with few is a list of entries label << 16 |
 * (uint16) quantised weight in ent. */
typedef struct hx__wblk {
    uint64_t bits;  /* bit i: row 64 * block + i is non-empty */
    uint32_t rank;  /* non-empty rows before the block */
    uint32_t pad;
} hx__wblk;

#define HX__WDENSE (1u << 31)             /* wrow: the row is dense */
#define HX__WLEN(w) ((w) >> 23 & 0xffu)   /* wrow: entries of a sparse row */
#define HX__WOFF(w) ((w) & 0x7fffffu)     /* wrow: offset in ent, or dense row number */

/* A model, loaded or being trained (weights in sparse form). */
typedef struct hx__tagger {
    uint32_t task;        /* HX__TASK_* */
    uint32_t nlabels;     /* L */
    uint32_t bits;        /* the weight table has 2^bits rows */
    uint32_t fver;        /* feature version (hx__feat_version; NER 2 still loads) */
    float scale;          /* an entry's weight is (int16) entry * scale */
    char **labels;        /* [L] NUL-terminated names */
    float *trans;         /* [(L + 2) x L]: row p < L = from label p, row L = start,
                             row L + 1 = to stop (column = label) */
    hx__wblk *wblk;       /* [2^bits / 64 (at least 1)] the rank index of the rows */
    uint32_t *wrow;       /* [non-empty rows] HX__WDENSE | len << 23 | offset */
    uint32_t *ent;        /* the entries of the sparse rows, row after row */
    int16_t *dense;       /* [dense rows x Lpad] the weights of the dense rows */
    uint32_t lpad;        /* Lpad */
    uint32_t nent;        /* entries in all rows (as in the file) */
    uint64_t open_mask;   /* labels allowed for words not in the lexicon (0 = all) */
    hx__lexent *lex;      /* open-addressing table of 2^lexbits slots; key 0 = empty */
    uint32_t lexbits;
    uint32_t nlex;
} hx__tagger;

/* A word of a sentence (not NUL-terminated). */
typedef struct hx__word {
    const char *s;
    uint32_t n;
} hx__word;

/* What features need to know of one token, computed once per sentence. */
typedef struct hx__atoms {
    uint64_t w, lw, shape, sshape; /* hashes: word, lower-cased (digits as 0), shapes */
    uint64_t pre[4], suf[4];       /* hashes of the first / last 1..4 code points */
    uint64_t pos;                  /* hash of the predicted POS tag name, or 0 */
    uint64_t mask;                 /* allowed labels from the lexicon (0 = all) */
    uint32_t info;                 /* lexicon info bits, 0 when unknown */
    uint32_t clu;                  /* word clusters (hx__lexent.clu), 0 when none */
    uint32_t cls;                  /* HX__C_* character class bits */
    uint32_t ctx;                  /* sentence context: HX__X_* bits */
    uint32_t phr;                  /* info of the lexicon phrase (2..HX__MAXPHRASE words)
                                      covering the token, | HX__PHR_FIRST on its first
                                      word; 0 when none */
} hx__atoms;

/* Sentence context bits (hx__atoms.ctx). */
enum {
    HX__X_QUOTE = 1u << 0,  /* inside quotation marks */
    HX__X_RUNLEN = 3u << 1, /* length of its run of capitalised words - 1, capped at 3 */
    HX__X_RUNPOS = 3u << 3, /* 0 not in a run, 1 first, 2 inside, 3 last */
    HX__X_SCORE = 1u << 5,  /* the sentence has a score or result ("2-1") */
    HX__X_CAPS = 1u << 6,   /* most words of the sentence are capitalised (tables) */
    HX__X_SPORT = 1u << 7,  /* the sentence has a word of sports news */
    HX__X_LOWER = 1u << 8,  /* the sentence has no capital letter (3+ words) */
    HX__X_UPPER = 1u << 9   /* most of its words are in capitals (3+ words): a headline */
};

#define HX__MAXPHRASE 6
#define HX__PHR_FIRST (1u << 31)

enum {
    HX__C_INITCAP = 1u << 0, HX__C_ALLCAP = 1u << 1, HX__C_HASDIGIT = 1u << 2,
    HX__C_ALLDIGIT = 1u << 3, HX__C_HYPHEN = 1u << 4, HX__C_PERIOD = 1u << 5,
    HX__C_PUNCT = 1u << 6, HX__C_MIXCAP = 1u << 7, HX__C_LONG = 1u << 8,
    HX__C_SHORT = 1u << 9
};

/* Per-call scratch, grown as needed and reused across sentences. */
typedef struct hx__tagger_scan {
    size_t cap;         /* tokens of room */
    uint32_t L;         /* labels of room per token */
    hx__atoms *atoms;   /* [cap] */
    uint32_t *feats;    /* [cap x HX__MAXF] feature hashes */
    uint8_t *nfeats;    /* [cap] */
    float *emit;        /* [cap x L] */
    float *delta;       /* [cap x L] Viterbi scores */
    uint8_t *back;      /* [cap x L] back pointers */
    uint8_t *cand;      /* [cap x L] candidate labels of each token */
    uint8_t *ncand;     /* [cap] */
    uint8_t *out;       /* [cap] best labels */
    uint8_t *pos;       /* [cap] POS labels for NER features */
    hx__word *words;    /* [cap] */
    int words_done;     /* set by the caller: atoms hold the words' part of the words
                           of this call (hx__atoms_fill); cleared when atoms move */
} hx__tagger_scan;

/* tagger_feat.c */
uint64_t hx__hash_bytes(const void *p, size_t n, uint64_t seed);
/* Lower-cases w (digits as '0') into the hash the lexicon is keyed by. */
uint64_t hx__word_key(const char *s, size_t n);
/* The lexicon key of a phrase of n >= 2 words, from their word keys. */
uint64_t hx__phrase_key(const uint64_t *keys, size_t n);
/* Fills atoms[0..n) from the words (pos_names may be NULL) and the model's lexicon.
 * words_done: atoms already hold what the words alone give (hashes, shapes, classes)
 * from an earlier call on the same words; only the model's part is redone. */
void hx__atoms_fill(const hx__tagger *m, const hx__word *w, const char *const *pos_names,
                    size_t n, hx__atoms *atoms, int words_done);
/* Writes the feature hashes of token i into f[HX__MAXF]; returns how many.  task may
 * carry HX__FEAT_LEGACY: the NER features of feature version 2 (hx__feat_task). */
#define HX__FEAT_LEGACY 0x100u
static inline uint32_t hx__feat_task(const hx__tagger *m)
{
    return m->task == HX__TASK_NER && m->fver < 3 ? m->task | HX__FEAT_LEGACY : m->task;
}
unsigned hx__features(uint32_t task, const hx__atoms *a, size_t n, size_t i, uint32_t *f);

/* tagger_model.c */
hx__tagger *hx__tagger_alloc(uint32_t task, uint32_t bits, uint32_t nlabels);
const hx__lexent *hx__lex_find(const hx__tagger *m, uint64_t key);
/* The slot where the search for key starts (for prefetching). */
static inline size_t hx__lex_slot(const hx__tagger *m, uint64_t key)
{
    return (size_t)(key * 0x9E3779B97F4A7C15ull >> 20) & (((size_t)1 << m->lexbits) - 1);
}
/* The weights of a row from its descriptor w: Lpad int16 for a dense one (w has
 * HX__WDENSE), else HX__WLEN(w) entries. */
static inline const int16_t *hx__wdense(const hx__tagger *m, uint32_t w)
{
    return m->dense + (size_t)HX__WOFF(w) * m->lpad;
}
static inline const uint32_t *hx__wsparse(const hx__tagger *m, uint32_t w)
{
    return m->ent + HX__WOFF(w);
}
/* The rank of weight row r among the non-empty rows; *used is 1 when r is one. */
static inline uint32_t hx__wrank(const hx__tagger *m, uint32_t r, uint32_t *used)
{
    const hx__wblk *b = &m->wblk[r >> 6];
    uint64_t x = b->bits & ((2ull << (r & 63)) - 1); /* rows <= r in the block */
    *used = (uint32_t)(b->bits >> (r & 63) & 1);
    /* popcount without the library call a target lacking the instruction gets */
    x -= x >> 1 & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + (x >> 2 & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return b->rank + (uint32_t)(x * 0x0101010101010101ull >> 56) - *used;
}
/* Sets the weights from the sparse rows: row r (of the 2^bits) has cnt[r] entries
 * (at most L, each label at most once), and the rows' entries follow each other in
 * ent.  A row whose labels ascend and weights are non-zero may be stored dense; every
 * row reads back (hx__weights_row) exactly as it was given.
 * Returns 0, -1 when out of memory, or -2 when the rows are malformed. */
int hx__weights_set(hx__tagger *m, const uint8_t *cnt, const uint32_t *ent);
/* Copies weight row r's entries to out (room for L); returns how many. */
unsigned hx__weights_row(const hx__tagger *m, uint32_t r, uint32_t *out);
/* Builds the open-addressing lexicon table from n entries (keys unique, non-zero). */
int hx__lex_build(hx__tagger *m, const hx__lexent *e, size_t n);
hx_status hx__tagger_save(const hx__tagger *m, const char *path, hx_error *err);
hx_status hx__tagger_parse(const unsigned char *p, size_t n, hx__tagger **out,
                           hx_error *err);

/* tagger_clusters.c: a word clusters file (tools/clusters.c) as lexicon keys and
 * hx__lexent.clu values, sorted by key, keys unique (accent-less spellings included). */
typedef struct hx__cluword {
    uint64_t key;
    uint32_t clu;
} hx__cluword;
hx_status hx__clusters_load(const char *path, hx__cluword **out, size_t *n, hx_error *err);

/* tagger.c */
int hx__scratch_grow(hx__tagger_scan *s, size_t n, uint32_t L);
void hx__scratch_free(hx__tagger_scan *s);
/* Tags n words (pos_names: the POS tag names for NER features, or NULL); writes
 * 0-based labels to out[n].  Returns 0, or -1 when out of memory. */
int hx__tag_words(const hx__tagger *m, const hx__word *w, const char *const *pos_names,
                  size_t n, hx__tagger_scan *s, uint8_t *out);
/* Viterbi over emit[n x L] restricted to candidates (cand/ncand), with trans laid out
 * as in hx__tagger; writes the best path to out.  Exposed for tests. */
void hx__viterbi(const float *emit, const float *trans, uint32_t L, size_t n,
                 const uint8_t *cand, const uint8_t *ncand, float *delta, uint8_t *back,
                 uint8_t *out);

/* tagger_doc.c: document-level consistency of the NER tags of a tagged document
 * (tok->ner); returns 0, or -1 when out of memory (tags then unchanged). */
int hx__ner_consistency(hx_doc *doc, const hx__tagger *m);

/* tagger_data.c: CoNLL files and their scoring (for the trainer). */

/* A CoNLL file read into memory: words and columns point into buf. */
typedef struct hx__corpus {
    char *buf;
    hx__word *words;      /* [ntok] */
    const char **col[2];  /* [ntok] column 2 (POS) and 3 (NER), or "" when missing */
    size_t ntok;
    size_t *sent;         /* [nsent + 1]: sentence s is tokens [sent[s], sent[s+1]) */
    size_t nsent;
} hx__corpus;

/* A chunk: tokens [b, e) of one entity type. */
typedef struct hx__chunk {
    size_t b, e;
    const char *type;
} hx__chunk;

/* Counts for token accuracy and phrase-level precision / recall. */
typedef struct hx__score {
    size_t tokens, correct_tokens;
    size_t gold, guessed, correct; /* chunks */
} hx__score;

hx_status hx__corpus_read(const char *path, hx__corpus *c, hx_error *err);
/* The same from the bytes of b, which it takes over (b is left empty, freed with c or
 * on error); name is for messages. */
hx_status hx__corpus_parse(hx__buf *b, const char *name, hx__corpus *c, hx_error *err);
void hx__corpus_free(hx__corpus *c);
/* The chunks of BIO labels[0..n) into out (room for n); returns how many. */
size_t hx__chunks(const char *const *labels, size_t n, hx__chunk *out);
/* How many of gold chunks cg[0..ng) a predicted chunk of cp[0..np) matches exactly
 * (same tokens, same type; both lists in token order); hit, when not NULL, gets 1 for
 * each matched gold chunk and 0 for the others.  tools/conlleval.c scores with this too. */
size_t hx__chunks_match(const hx__chunk *cg, size_t ng, const hx__chunk *cp, size_t np,
                        unsigned char *hit);
/* Adds one sentence to s; cg and cp are room for n chunks each. */
void hx__score_sentence(const char *const *gold, const char *const *pred, size_t n,
                        hx__chunk *cg, hx__chunk *cp, hx__score *s);
double hx__score_f1(const hx__score *s);

/* tagger_augment.c: c with a recased copy (capitals, lower case, lower case without
 * accents) of each of its sentences, right after its original; pos (may be NULL) extended
 * likewise into *opos; (*nolex)[s] = 1 for the copies.  Free with hx__corpus_free,
 * free(*opos), free(*nolex). */
hx_status hx__corpus_recase(const hx__corpus *c, const char *const *pos, hx__corpus *out,
                            const char ***opos, uint8_t **nolex, hx_error *err);

/* ---------------------------------------------------------------- the stage, for the pipeline */

/* tagger.c: tags doc->toks with POS and NER, fills doc->mentions. */
hx_status hx__tag_doc(hx_doc *doc, hx_error *err);
/* tagger_model.c: a loaded model (read-only, shareable between threads). */
hx_status hx__tagger_load(const char *path, struct hx__tagger **out, hx_error *err);
void hx__tagger_free(struct hx__tagger *t);
/* Do both models (either may be NULL: then no) have the same labels in the same order? */
int hx__tagger_same_labels(const struct hx__tagger *a, const struct hx__tagger *b);
/* The name of label id (1-based; 0 gives NULL). */
const char *hx__tagger_label(const struct hx__tagger *t, unsigned id);
/* tagger_out.c: append `,"tokens":[...]` (with the tags) and `,"mentions":[...]`. */
/* Members a stage above adds to each token's JSON (the parser's head, dep, ...):
 * room(doc, i) bytes at most, written at p by put, which returns the new end. */
typedef struct hx__tok_json_ext {
    size_t (*room)(const hx_doc *doc, size_t i);
    char *(*put)(char *p, const hx_doc *doc, size_t i);
} hx__tok_json_ext;
void hx__json_tokens(hx__buf *b, const hx_doc *doc, const hx__tok_json_ext *ext);

/* The trainers' random numbers (xorshift64*, seeded by the caller; never 0). */
static inline uint64_t hx__rnd(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1Dull;
}

/* tagger_data.c: the bytes of a file appended to b (HX_NOTFOUND / HX_IO / HX_NOMEM
 * with the path in the message). */
hx_status hx__read_path(const char *path, hx__buf *b, hx_error *err);

/* tagger_train.c: the POS trainer on corpora in memory (the parser's UD tagger,
 * src/parse): the sentences of tr with use[s] set (NULL: all), early stopping on dv
 * (may be NULL), no word lists. */
hx_status hx__train_pos(const hx__corpus *tr, const uint8_t *use, const hx__corpus *dv,
                        unsigned seed, int max_epochs, const hx_train_opts *o,
                        hx__tagger **out, hx_error *err);
void hx__json_mentions(hx__buf *b, const hx_doc *doc);

#endif
