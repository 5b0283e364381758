/*
 * core.h -- the core of the library (src/core/): what every stage shares and nobody
 * outside the library sees (prefix hx__): buffers and arrays, UTF-8, errors, the context
 * and document structs with their layers, offsets, the tokenizer and sentence splitter,
 * and the JSON writing helpers every layer writer uses.  It declares nothing of a stage
 * above core: each stage's own header (src/STAGE/STAGE.h) declares what that stage
 * offers, and src/pipeline.c, which runs them, includes them all (docs/architecture.md).
 *
 * Invariants kept by everything here:
 *   - doc->text is the NFC-normalised, valid UTF-8 text, NUL-terminated, without BOM;
 *     every stage works on byte offsets into it.  Conversion to offsets of the
 *     original input happens only when spans leave the library (hx__doc_span).
 *   - Layers are plain arrays owned by the document; they are filled in stage order
 *     (tokens, sentences, tags, mentions, quantities, times) and never reallocated by
 *     a later stage, so earlier layers may be indexed freely.
 *   - The context is read-only after hx_ctx_new.
 */
#ifndef HX_CORE_H
#define HX_CORE_H

#include "hechos.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HX__NOSPAN SIZE_MAX

/* 64-bit FNV-1a of p[0..n): the checksum of model files. */
static inline uint64_t hx__fnv64(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

/* ---------------------------------------------------------------- buffers (core/util.c) */

/* Where a streamed buffer goes (hx_doc_json_write): when the buffer is full its bytes
 * are handed to fn and it starts over, instead of growing. */
typedef struct hx__sink {
    hx_write_fn fn;
    void *ud;
    int failed; /* fn returned non-zero (the buffer's oom is set too) */
} hx__sink;

/* A growable byte buffer; p is NUL-terminated whenever n > 0 or cap > 0. */
typedef struct hx__buf {
    char *p;
    size_t n, cap;
    int oom; /* sticky: set once an allocation failed, later appends do nothing */
    hx__sink *sink; /* NULL: the buffer holds everything appended */
} hx__buf;

void hx__buf_free(hx__buf *b);
/* Makes room for extra more bytes; a buffer with a sink first hands what it holds to
 * the sink when that avoids growing (so no writer may keep offsets into b->p across
 * appends).  0, or -1 with b->oom set. */
int hx__buf_reserve(hx__buf *b, size_t extra);
/* Hands what a buffer with a sink holds to the sink; 0, or -1 with b->oom set. */
int hx__buf_drain(hx__buf *b);
/* hx__buf_put when the buffer must grow (or has failed). */
void hx__buf_put_slow(hx__buf *b, const void *s, size_t n);
/* Appends s[0..n).  Serialisers append millions of short pieces, so the common
 * case -- room left, no failure -- is inline. */
static inline void hx__buf_put(hx__buf *b, const void *s, size_t n)
{
    if (b->cap - b->n > n && !b->oom) {
        memcpy(b->p + b->n, s, n);
        b->n += n;
        b->p[b->n] = '\0';
    } else {
        hx__buf_put_slow(b, s, n);
    }
}
static inline void hx__buf_putc(hx__buf *b, char c) { hx__buf_put(b, &c, 1); }
static inline void hx__buf_puts(hx__buf *b, const char *s) { hx__buf_put(b, s, strlen(s)); }
void hx__buf_printf(hx__buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends s[0..n) as a JSON string literal with quotes; control characters, quotes,
 * backslashes and invalid UTF-8 (as \ufffd) are escaped. */
void hx__buf_json_str(hx__buf *b, const char *s, size_t n);
/* The same written at p, which has room for 6 n + 2 bytes; returns the end. */
char *hx__json_str_raw(char *p, const char *s, size_t n);
/* Appends a number the way JSON wants it (integers without ".0", no NaN). */
void hx__buf_json_num(hx__buf *b, double v);

/* The first max bytes of s for an error message: control characters as \xNN, so a
 * message stays on one line.  Writes into out[size] (size > 5) and returns it. */
const char *hx__printable(char *out, size_t size, const char *s, size_t max);

/* Memory for a table of megabytes (a model's weights or lexicon): aligned to 64
 * bytes, or to 2 MB and advised onto huge pages when it is that large; zeroed when
 * zero is set.  Freed with free().  NULL when out of memory. */
void *hx__alloc_big(size_t n, int zero);

/* Fills err (when not NULL) and returns code. */
hx_status hx__err(hx_error *err, hx_status code, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A growable array of fixed-size elements; hx__vec_push returns the new slot
 * (zeroed) or NULL when out of memory. */
typedef struct hx__vec {
    void *p;
    size_t n, cap, size;
} hx__vec;
void *hx__vec_push(hx__vec *v, size_t size);
void hx__vec_free(hx__vec *v);

/* ---------------------------------------------------------------- UTF-8 (core/util.c) */

/* Decodes one code point at s[0..n); returns its length in bytes (1..4) and sets *cp,
 * or returns 0 when the bytes are not valid UTF-8 (overlongs, surrogates included). */
size_t hx__utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Code points in s[0..n) of valid UTF-8: the bytes that are not continuation bytes,
 * counted eight at a time (hx__utf8_count_long) unless the text is short (a token). */
size_t hx__utf8_count_long(const char *s, size_t n);
static inline size_t hx__utf8_count(const char *s, size_t n)
{
    if (n >= 16) return hx__utf8_count_long(s, n);
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}
/* Encodes cp into out (4 bytes room); returns the length. */
size_t hx__utf8_encode(int32_t cp, char *out);

/* ---------------------------------------------------------------- context */

/* Made and freed by src/pipeline.c (hx_ctx_new, hx_ctx_free); the stages only read it. */
struct hx__tagger; /* a loaded model: tagger/tagger.h */

struct hx_ctx {
    unsigned stages;
    char *models_dir;
    struct hx__tagger *pos; /* NULL when no model is loaded */
    struct hx__tagger *ner;
    struct hx__tagger *ner_caps; /* NER for sentences in capitals or lower case
                                    (models/ner-caps.hxm, optional), or NULL */
    /* claims: the words that may lemmatise to a cue head (claims/claims_words.c); NULL
     * when the stage is off or memory ran out (then every word is lemmatised) */
    struct hx__lemma_filter *cue_filter;
    /* src/parse: loaded by hx_ctx_new with HX_STAGE_PARSE; else, with HX_STAGE_TREE, on
     * first use by hx__doc_tree (under parse_mu, tried once); NULL without models */
    struct hx_parser *parser;
    const void *parse_lex;    /* the hx__udlex the pipeline hands the parser */
    pthread_mutex_t parse_mu;
    int parse_tried;
};

/* ---------------------------------------------------------------- document */

/* Token flags. */
enum {
    HX__T_SPACE = 1u << 0,   /* whitespace precedes the token */
    HX__T_NEWLINE = 1u << 1, /* a line break precedes it */
    HX__T_PARA = 1u << 2,    /* a blank line (paragraph break) precedes it */
    HX__T_WORD = 1u << 3,    /* starts with a letter */
    HX__T_NUM = 1u << 4,     /* starts with a digit */
    HX__T_PUNCT = 1u << 5,   /* punctuation or symbol only */
    HX__T_UPPER = 1u << 6,   /* first letter upper case */
    HX__T_ABBR = 1u << 7     /* ends with a period that belongs to it (Sr., EE.UU.) */
};

typedef struct hx__tok {
    uint32_t b0, b1;  /* bytes [b0, b1) of doc->text */
    uint32_t sent;    /* sentence index */
    uint16_t flags;   /* HX__T_* */
    uint8_t pos, ner; /* tag ids of the context's models; 0 = not tagged */
} hx__tok;

typedef struct hx__sent {
    uint32_t first, last; /* tokens [first, last) */
    uint32_t para;
} hx__sent;

typedef struct hx__mention {
    uint32_t first, last; /* tokens [first, last) */
    const char *type;     /* static string */
} hx__mention;

typedef struct hx__quant {
    uint32_t b0, b1;      /* bytes of doc->text */
    const char *kind;     /* static string */
    double value, max;
    hx_bound bound;
    int vague;
    const char *unit;     /* static string or NULL */
    uint32_t of0, of1;    /* bytes of what is counted; of0 == of1 when unknown */
} hx__quant;

typedef struct hx__time {
    uint32_t b0, b1;
    const char *type;     /* static string */
    char value[32];       /* TIMEX3 value */
    char anchor[32];      /* "" when not relative */
    const char *mod;      /* TIMEX3 mod ("START", "MID", "END", "BEFORE", "AFTER",
                             "ON_OR_AFTER", "APPROX", "LESS_THAN", "MORE_THAN") or NULL */
} hx__time;

/* One place where normalised text and original input stop moving in step: from
 * norm onwards, normalised byte norm + k is original byte orig + k, except inside
 * a changed run [norm, norm_end), whose bytes all map to orig. */
typedef struct hx__anchor {
    uint32_t norm, orig;
    uint32_t norm_end, orig_end; /* end of the changed run (== norm when unchanged) */
} hx__anchor;

struct hx_doc {
    const hx_ctx *ctx;
    /* input */
    char *orig;            /* copy of the original input */
    size_t orig_len;
    char *text;            /* normalised text, NUL-terminated */
    size_t len;
    hx__vec anchors;       /* hx__anchor, sorted by norm; empty when text == orig */
    uint32_t *cp_ckpt;     /* [orig_len/64 + 1]: code points before byte 64*i of orig */
    /* metadata (NUL-terminated copies or NULL) */
    char *id, *title, *date, *source, *url, *meta_json;
    unsigned flags;
    int analyzed;
    int tree_off;          /* hx__doc_tree found no parser: do not ask again */
    int pretokenized;      /* hx_doc_from_tokens: tokens given, do not re-tokenise */
    /* layers */
    hx__vec toks;          /* hx__tok */
    hx__vec sents;         /* hx__sent */
    hx__vec mentions;      /* hx__mention */
    hx__vec quants;        /* hx__quant */
    hx__vec times;         /* hx__time */
    hx__vec entities;      /* hx__entity (entities/entities.h) */
    hx__vec claims;        /* hx__claim (claims/claims.h) */
    hx__vec events;        /* hx__event (events/events.h) */
    void *layer_data[4];   /* extra storage a stage owns (freed by hx_doc_free) */
};

#define HX__VEC_AT(v, type, i) (&((type *)(v).p)[i])

/* Is s an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time)? (core/doc.c) */
int hx__valid_date(const char *s);

/* Offsets of the original input for bytes [b0, b1) of doc->text (core/doc.c). */
hx_span hx__doc_span(const hx_doc *doc, size_t b0, size_t b1);

/* ---------------------------------------------------------------- core stages */

/* core/tokenize.c: appends the tokens of doc->text to doc->toks. */
hx_status hx__tokenize(hx_doc *doc);
/* core/sentences.c: fills doc->sents and tok->sent from the tokens. */
hx_status hx__split_sentences(hx_doc *doc);

/* ---------------------------------------------------------------- JSON writing (core/json.c) */

/* Every stage writes its own layer (STAGE/STAGE_out.c, a function hx__json_LAYER that
 * appends `,"layer":[...]`); src/pipeline.c calls them in schema order.  These are the
 * pieces they share. */

/* Appends `,"k":`. */
void hx__json_key(hx__buf *b, const char *k);
/* Appends `,"k":"v"`, or `,"k":null` when v is NULL. */
void hx__json_opt_str(hx__buf *b, const char *k, const char *v);
/* Appends `"start":S,"end":E,"bytes":[B0,B1]` for bytes [b0, b1) of doc->text. */
void hx__json_span(hx__buf *b, const hx_doc *doc, size_t b0, size_t b1);
/* Appends `"text":"...",` then the span: the members every annotation starts with. */
void hx__json_text_span(hx__buf *b, const hx_doc *doc, size_t b0, size_t b1);
/* Appends `,"sentences":[...]`. */
void hx__json_sentences(hx__buf *b, const hx_doc *doc);

/* Writes the decimal digits of v at p; returns the end.  (printf would be a tenth of
 * the output time: the token writer calls this millions of times.) */
static inline char *hx__json_uint(char *p, size_t v)
{
    char tmp[24];
    int n = 0;
    do tmp[n++] = (char)('0' + v % 10); while ((v /= 10) != 0);
    while (n) *p++ = tmp[--n];
    return p;
}
/* Appends the decimal digits of v (no printf: the writers call it for every id and
 * index they write). */
static inline void hx__buf_uint(hx__buf *b, size_t v)
{
    if ((b->cap - b->n <= 24 || b->oom) && hx__buf_reserve(b, 24)) return;
    char *p = hx__json_uint(b->p + b->n, v);
    *p = '\0';
    b->n = (size_t)(p - b->p);
}

/* Writes "start":S,"end":E,"bytes":[B0,B1] at p (room for 100 bytes); returns the end. */
static inline char *hx__json_span_raw(char *p, hx_span s)
{
    memcpy(p, "\"start\":", 8), p += 8;
    p = hx__json_uint(p, s.start);
    memcpy(p, ",\"end\":", 7), p += 7;
    p = hx__json_uint(p, s.end);
    memcpy(p, ",\"bytes\":[", 10), p += 10;
    p = hx__json_uint(p, s.bstart);
    *p++ = ',';
    p = hx__json_uint(p, s.bend);
    *p++ = ']';
    return p;
}

#endif /* HX_CORE_H */
