/*
 * parse.h -- the dependency-parsing stage's private pieces (src/parse/): CoNLL-U
 * files (conllu.c), the transition-based parser (parser.c), its trainer
 * (parse_train.c) and the entry points of hechos.h (parse_api.c).
 *
 * The parser is arc-hybrid (Kuhlmann et al. 2011) with the root at the end of the
 * buffer, greedy, with an averaged perceptron trained with a dynamic oracle
 * (Goldberg & Nivre 2013).  The unlabelled transition (SHIFT, LEFT, RIGHT) is chosen
 * first; the relation of a new arc is then chosen by a second linear classifier over
 * arc features.  Both live in one hashed weight table of the tagger's machinery
 * (hx__tagger, task HX__TASK_PARSE): labels 0-2 are the transitions, labels 3.. the
 * relations, so a row shared by a transition and a relation feature never mixes them.
 * Non-projective training trees are projectivised by lifting (the parser's output
 * is projective).
 *
 * Invariants:
 *   - A loaded hx__parser is read-only; parsing uses only hx__parse_scan, so one model
 *     serves any number of threads.
 *   - Word indices are 0-based inside the parser; head -1 is the root.  CoNLL-U ids
 *     (1-based, 0 = root) appear only in conllu.c.
 *   - Features are a pure function of the words' keys, the UPOS ids and the state, so
 *     training and parsing agree exactly.
 */
#ifndef HX_PARSE_H
#define HX_PARSE_H

#include "core/core.h"
#include "tagger/tagger.h"

#include <stdint.h>

#define HX__PARSE_BITS 21        /* rows of the weight table (transitions) */
#define HX__PARSE_LBITS 18       /* relation features use rows [0, 2^LBITS) only */
#define HX__PARSE_NTRANS 3       /* SHIFT, LEFT, RIGHT: labels 0-2 of the model */
#define HX__PARSE_MAXF 56        /* at most this many features per state */
#define HX__PARSE_MAXW 4096      /* longest sentence parsed, in words (longer: chunks) */
#define HX__PARSE_FEATS 3u       /* feature version, kept in the model's open_mask:
                                    bump when hx__pfeats / hx__plabfeats change */
#define HX__UPOS_ROOT 30         /* the UPOS id given to the root (not a real tag) */

enum { HX__T_SHIFT = 0, HX__T_LEFT = 1, HX__T_RIGHT = 2 };

/* ---------------------------------------------------------------- CoNLL-U (conllu.c) */

/* A line of a CoNLL-U file.  Word lines have their 10 fields split (f[0..9]); other
 * lines keep their text in f[0]. */
enum { HX__CU_COMMENT, HX__CU_WORD, HX__CU_MWT, HX__CU_EMPTY };
typedef struct hx__cu_line {
    uint8_t kind;
    uint32_t lineno;   /* 1-based line number in the file */
    char *f[10];
} hx__cu_line;

typedef struct hx__cu_sent {
    size_t l0, l1;     /* lines [l0, l1) */
    size_t w0, nw;     /* words [w0, w0 + nw) of hx__conllu.word */
    const char *id;    /* the value of "# sent_id = ...", or NULL */
} hx__cu_sent;

typedef struct hx__conllu {
    char *buf;
    hx__cu_line *line;
    size_t nline;
    size_t *word;      /* [nword] line index of each word, sentence after sentence */
    int32_t *head;     /* [nword] gold head (0-based in the sentence, -1 root) or -2 */
    size_t nword;
    hx__cu_sent *sent;
    size_t nsent;
    int has_heads;     /* every word has a head */
} hx__conllu;

/* Reads CoNLL-U text (copied).  name is used in messages ("FILE:LINE: ...").
 * need_heads: every word must have a HEAD and DEPREL.  Any malformed line, a head
 * out of range, a cycle, no root or two roots gives HX_FIELD naming the line. */
hx_status hx__conllu_read(const char *text, size_t len, const char *name, int need_heads,
                          hx__conllu *c, hx_error *err);
void hx__conllu_free(hx__conllu *c);
/* The same from a file. */
hx_status hx__conllu_load(const char *path, int need_heads, hx__conllu *c, hx_error *err);
/* A word's field k (0..9) by word index. */
static inline char *hx__cu_field(const hx__conllu *c, size_t w, int k)
{
    return c->line[c->word[w]].f[k];
}

/* ---------------------------------------------------------------- the parser */

/* The lemmatiser's functions the parser uses for lemmas and for splitting verbs with
 * clitics.  They live in the claims stage, which ranks above this one, so the
 * pipeline hands them over (hx__parser_load_lex); all NULL: lemmas are the forms as
 * written and only contractions are split. */
typedef struct hx__udlex {
    size_t (*lower)(const char *s, size_t n, char *out, size_t cap);
    size_t (*lemma_verb)(const char *w, size_t n, char *out, size_t cap, int *known);
    int (*verb_known)(const char *s, size_t n);
} hx__udlex;
#define HX__UD_WORDMAX 64 /* longest word lower-cased or lemmatised, bytes with the NUL */

/* The relations the claims and events stages read, by kind (hx__parser.depk). */
enum {
    HX__DEP_OTHER, HX__DEP_ROOT, HX__DEP_NSUBJ, HX__DEP_NSUBJ_PASS, HX__DEP_OBJ, HX__DEP_IOBJ,
    HX__DEP_OBL, HX__DEP_OBL_AGENT, HX__DEP_OBL_ARG, HX__DEP_NMOD, HX__DEP_APPOS,
    HX__DEP_CONJ, HX__DEP_CC, HX__DEP_XCOMP, HX__DEP_CCOMP, HX__DEP_PARATAXIS,
    HX__DEP_ADVCL, HX__DEP_ACL, HX__DEP_ACL_RELCL, HX__DEP_CASE, HX__DEP_DET,
    HX__DEP_PUNCT, HX__DEP_MARK, HX__DEP_AUX, HX__DEP_AUX_PASS, HX__DEP_COP, HX__DEP_AMOD,
    HX__DEP_FLAT, HX__DEP_NUMMOD, HX__DEP_ADVMOD, HX__DEP_EXPL, HX__DEP_CSUBJ,
    HX__DEP_FIXED, HX__DEP_COMPOUND, HX__DEP_EXPL_PASS, HX__NDEP
};
/* The HX__DEP_* kind of a UD relation name (HX__DEP_OTHER when not one above). */
unsigned hx__dep_kind(const char *name);

typedef struct hx__parser {
    hx__udlex lex;
    uint8_t depk[HX__MAXLABELS]; /* HX__DEP_* of relation id r (label 3 + r) */
    hx__tagger *m;      /* the weights; labels 3.. are the relations */
    hx__tagger *upos;   /* the UD tagger (task POS), labels = UPOS names */
    uint8_t upos_id[HX__MAXLABELS]; /* the tagger's label l is UPOS id upos_id[l] */
    /* The weights of m laid out for speed (hx__parser_prepare): a feature costs one
     * cache miss instead of the three of the rank index.  tw: 4 int16 per row of
     * the 2^BITS (SHIFT, LEFT, RIGHT, 0); lw: rpad int16 per row of the 2^LBITS
     * (the relations, R rounded up to 8). */
    int16_t *tw, *lw;
    uint32_t rpad;
} hx__parser;

/* Builds p->tw and p->lw from p->m; 0, or -1 when out of memory. */
int hx__parser_prepare(hx__parser *p);
void hx__parser_release(hx__parser *p);
/* Checks that p->m is a parser model and p->upos a UD tagger model fit for this
 * parser (HX_MODEL otherwise), then prepares p (parse_api.c; hx__parser_release
 * undoes it). */
hx_status hx__parser_init(hx__parser *p, hx_error *err);

/* The UPOS id (1..17) of a tag name, 0 when it is not one. */
unsigned hx__upos_id(const char *name);
const char *hx__upos_name(unsigned id);

/* One parser state and its scratch, grown as needed. */
typedef struct hx__parse_scan {
    size_t cap;
    int32_t *stack, *lch, *rch, *lch2, *rch2; /* leftmost / rightmost children */
    uint8_t *nl, *nr;                          /* children on each side */
    int32_t *head;
    uint8_t *rel;
    uint64_t *wk;        /* word keys, [n + 1] with the root's */
    uint32_t *sf;        /* hashes of the words' last 3 bytes, lower-cased ASCII */
    uint8_t *up;         /* UPOS ids, [n + 1] */
    uint8_t *lab;        /* relation (0-based) of each attached word */
    hx__tagger_scan tag; /* for the UD tagger */
    uint8_t *tagout;
    hx__word *words;
} hx__parse_scan;

typedef struct hx__pstate {
    size_t n;        /* words; the root is word n, at the end of the buffer */
    size_t sp;       /* stack depth */
    size_t b;        /* buffer front */
} hx__pstate;

int hx__pscratch_grow(hx__parse_scan *s, size_t n);
void hx__pscratch_free(hx__parse_scan *s);
void hx__pstate_init(hx__pstate *st, hx__parse_scan *s, size_t n);
/* Whether transition t is allowed in the state (one root: LEFT onto the root only
 * from a stack of one word, RIGHT never makes a second root). */
int hx__pvalid(const hx__pstate *st, int t);
/* Applies t, attaching with relation rel (0-based) for LEFT / RIGHT. */
void hx__papply(hx__pstate *st, hx__parse_scan *s, int t, unsigned rel);
/* The transition features of the state into f (room for HX__PARSE_MAXF). */
unsigned hx__pfeats(const hx__pstate *st, const hx__parse_scan *s, uint32_t *f);
/* The relation features of an arc head -> dep (dep's subtree complete). */
unsigned hx__plabfeats(const hx__parse_scan *s, size_t n, int32_t head, int32_t dep, uint32_t *f);
/* The scores of the three transitions / of the R relations for features f[0..nf). */
void hx__ptrans_scores(const hx__parser *p, const uint32_t *f, unsigned nf, float *out);
void hx__prel_scores(const hx__parser *p, const uint32_t *f, unsigned nf, float *out);
/* Parses n words whose keys and UPOS ids are in s->wk / s->up: writes s->head
 * (-1 root) and s->rel (relation ids 0-based).  Returns 0, or -1 when out of memory. */
int hx__parse_words(const hx__parser *p, hx__parse_scan *s, size_t n);
/* Fills s->wk[i] and s->sf[i] from word w. */
void hx__pword(hx__parse_scan *s, size_t i, const hx__word *w);
/* Tags words[0..n) with the UD tagger into s->up (and s->wk, s->sf). */
int hx__ud_tag(const hx__parser *p, hx__parse_scan *s, const hx__word *w, size_t n);

/* parse_api.c: the parser inside a public handle; tags and parses w[0..n) into s. */
const hx__parser *hx__parser_of(const hx_parser *p);
/* hx_parser_load with the lemmatiser's functions. */
hx_status hx__parser_load_lex(const char *models_dir, const hx__udlex *lex, hx_parser **out,
                              hx_error *err);
int hx__parse_sentence(const hx__parser *p, hx__parse_scan *s, const hx__word *w, size_t n);

/* parse_doc.c: the UD words of token s[0..n) into out (room for HX__UD_MAXSPLIT);
 * new forms (the infinitive of "dárselo", the "el" of "del") are written to
 * arena + *used (room for HX__UD_WORDMAX bytes per token), *used advanced. */
#define HX__UD_MAXSPLIT 3
size_t hx__ud_words(const hx__udlex *lx, const char *s, size_t n, hx__word *out, char *arena,
                    size_t *used);
/* The dependency tree of a sentence, on the document's tokens (a contraction or a verb
 * with clitics takes the syntax of its first word whose head lies outside it). */
typedef struct hx__tree {
    const hx__parser *p;
    const int32_t *head; /* [token] token index of the head (in doc->toks), -1 the root */
    const uint8_t *rel;  /* [token] relation id (name: p->m->labels[HX__PARSE_NTRANS + rel]) */
    const uint8_t *kind; /* [token] HX__DEP_* */
    const uint8_t *upos; /* [token] UPOS id (hx__upos_name) */
} hx__tree;
/* Parse on demand: the tree of sentence k, parsed now unless it was before (with
 * HX_STAGE_TREE; the context's parser is loaded on first use when its models exist).
 * 1 and *t filled (valid for the tokens of sentence k until the document is freed),
 * or 0 when there is no tree: no parser, tokens given by the caller, out of memory. */
int hx__doc_tree(hx_doc *doc, size_t k, hx__tree *t);

/* parse_tree.c: reading a tree over sentence tokens [first, last).  The first child of
 * h whose kind is k, or -1. */
long hx__tree_child(const hx__tree *T, size_t first, size_t last, size_t h, unsigned k);
/* Does word k of a sentence of n words belong to the phrase of h: its subtree, not
 * through a clause, a relative clause, an apposition or a parenthetical? */
int hx__tree_in_phrase(const hx__tree *T, size_t k, size_t h, size_t n);
/* The subject of verb v: its nsubj (a relative pronoun stands for the noun its clause
 * hangs from, a personal pronoun for nobody); without one, that of the verb v is
 * coordinated with, or complements as an infinitive, gerund or adverbial clause
 * ("decidió enviar", "según comunicó").  -1: none (pro-drop, impersonal, passive). */
long hx__tree_subject(const hx_doc *doc, const hx__tree *T, size_t first, size_t last, size_t v);
/* The span [*a, *b) of the noun phrase headed by h: the name of an apposition when
 * it gives one, without relative clauses, clauses, leading articles, prepositions and
 * punctuation (docs/annotation.md). */
void hx__tree_phrase(const hx_doc *doc, const hx__tree *T, size_t first, size_t last, size_t h,
                     size_t *a, size_t *b);

/* The token layer (doc->layer_data[1]) and its JSON members (hx__tok_json_ext). */
hx_status hx__parse_doc(hx_doc *doc, hx_error *err);
size_t hx__ud_room(const hx_doc *doc, size_t i);
char *hx__ud_json(char *p, const hx_doc *doc, size_t i);


/* parse_train.c: hx_train_parser (train_path: CoNLL-U files separated by commas; the
 * out path names the parser model, the UD tagger goes next to it as ud-upos.hxm). */
hx_status hx__parse_train(const hx_train_opts *o, hx_error *err);
/* parse_train.c: the dynamic oracle's cost of transition t: the gold arcs (heads g,
 * 0-based, the root n; a projective tree) that t makes unreachable. */
int hx__poracle_cost(const hx__pstate *st, const hx__parse_scan *s, const int32_t *g, int t);

/* ---------------------------------------------------------------- scoring (score.c) */

#define HX__UDS_MAXREL 96
typedef struct hx__relcount {
    char name[32];
    size_t gold, sys, ok;
} hx__relcount;
typedef struct hx__uds {
    size_t words, upos_ok, uas_ok, las_ok, ulas_ok;
    size_t nrel;
    hx__relcount rel[HX__UDS_MAXREL];
} hx__uds;
/* Adds one word: gold and system UPOS, heads (any consistent numbering), relations. */
void hx__uds_add(hx__uds *u, const char *gupos, const char *supos, int32_t gh, int32_t sh,
                 const char *grel, const char *srel);
double hx__uds_las(const hx__uds *u);
/* The scores as text: totals, then one line per relation (the eight of the issue
 * first, marked "*"). */
void hx__uds_report(const hx__uds *u, hx__buf *b);

/* The development split of a sentence: the FNV-1a hash of its sent_id (or, without
 * one, of its index in the file) mod 10 -- 0 validation, 1 tuning, else training. */
unsigned hx__cu_fold(const hx__conllu *c, size_t s);

#endif
