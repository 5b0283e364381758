/*
 * hechos.h -- the public interface of libhechos: Spanish news in, sourced facts out.
 *
 * A program creates one context (hx_ctx: models, lexicons, options), then for each
 * article creates a document (hx_doc), analyses it, reads its annotation layers through
 * the accessors below or as JSON, and frees it.
 *
 * OWNERSHIP, stated once for the whole library:
 *   - hx_ctx_new() creates a context; hx_ctx_free() frees it.  After creation a context
 *     is never modified, so any number of threads may analyse documents with one
 *     context at the same time.
 *   - hx_doc_new() and friends copy their input; hx_doc_free() frees the document and
 *     everything it owns.  A document must not be used by two threads at once.
 *   - Every pointer an accessor hands out (token text, tag names, values) borrows from
 *     the document or the context and stays valid until that object is freed.
 *   - A string returned through a `char **out` parameter belongs to the caller, who
 *     frees it with hx_free().
 *   - Every free function accepts NULL.
 *
 * ERRORS: every fallible function returns an hx_status.  When the caller passes an
 * hx_error, it is filled with the code, the byte offset in the input where the problem
 * was found (when there is one) and a one-line message.  The library never prints and
 * never exits.
 *
 * OFFSETS: spans count Unicode code points of the ORIGINAL input (before BOM removal,
 * NFC normalisation or replacement of invalid bytes), end exclusive, so that
 * text[start:end] in Python gives the covered text; byte offsets into the same input are
 * given too.  In lenient mode each invalid byte counts as one code point.
 */
#ifndef HECHOS_H
#define HECHOS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HX_VERSION "0.1.0"
#define HX_SCHEMA_VERSION 1 /* the "schema" field of every document JSON */

/* Status codes and their messages, generated from one table. */
#define HX_STATUS_MAP(X)                                      \
    X(OK, "ok")                                               \
    X(NOMEM, "out of memory")                                 \
    X(INVAL, "invalid argument")                              \
    X(UTF8, "invalid UTF-8")                                  \
    X(NUL, "NUL byte in text")                                \
    X(IO, "input/output error")                               \
    X(JSON, "malformed JSON")                                 \
    X(FIELD, "missing or invalid field")                      \
    X(TOOBIG, "input too large")                              \
    X(MODEL, "bad model file")                                \
    X(NOTFOUND, "not found")                                  \
    X(UNSUPPORTED, "not supported")

typedef enum hx_status {
#define HX__ENUM(name, msg) HX_##name,
    HX_STATUS_MAP(HX__ENUM)
#undef HX__ENUM
    HX__NSTATUS
} hx_status;

/* The fixed message of a status code ("invalid UTF-8"). Never NULL. */
const char *hx_strerror(hx_status code);

typedef struct hx_error {
    hx_status code;
    size_t offset;  /* byte offset in the input the error refers to, or SIZE_MAX */
    char msg[256];  /* one line, no trailing newline */
} hx_error;

/* Frees memory the library handed to the caller (JSON strings). */
void hx_free(void *p);

/* ---------------------------------------------------------------- context */

typedef struct hx_ctx hx_ctx;

/* Stages, for hx_options.stages.  Stages whose inputs are missing are skipped. */
enum {
    HX_STAGE_TOKENS = 1u << 0,   /* tokens and sentences: always run */
    HX_STAGE_TAGGER = 1u << 1,   /* part of speech and named-entity mentions */
    HX_STAGE_NUMBERS = 1u << 2,  /* numbers and quantities */
    HX_STAGE_TIMES = 1u << 3,    /* time expressions */
    HX_STAGE_ENTITIES = 1u << 4, /* entities: coreference, countries, places */
    HX_STAGE_CLAIMS = 1u << 5,   /* claims: who says what (needs tokens; uses the rest) */
    HX_STAGE_EVENTS = 1u << 6,   /* CAMEO-coded events (uses every layer before it) */
    HX_STAGE_TREE = 1u << 7,     /* claims and events read the dependency tree of the
                                    sentences where they find a cue or trigger, when the
                                    parser's models exist (loaded on first use) */
    HX_STAGE_ALL = 0xffffu,
    /* Not in HX_STAGE_ALL, asked for by itself: load the UD parser (parse.hxm,
     * ud-upos.hxm) and give every token head, dep, upos, lemma (docs/parser.md). */
    HX_STAGE_PARSE = 1u << 16
};

typedef struct hx_options {
    const char *models_dir; /* NULL: $HECHOS_MODELS, else the installed default */
    unsigned stages;        /* HX_STAGE_* bits; 0 means HX_STAGE_ALL */
    int require_models;     /* non-zero: fail when a model file is missing */
} hx_options;

/* Creates a context.  opt may be NULL for defaults.  On failure *out is NULL. */
hx_status hx_ctx_new(const hx_options *opt, hx_ctx **out, hx_error *err);
void hx_ctx_free(hx_ctx *ctx);

/* ---------------------------------------------------------------- document */

typedef struct hx_doc hx_doc;

enum {
    HX_LENIENT = 1u << 0 /* replace invalid bytes and NULs by U+FFFD instead of failing */
};

/* Metadata of an article.  Every field is optional (NULL) and copied. */
typedef struct hx_docinfo {
    const char *id;
    const char *title;
    const char *date;      /* publication date, ISO 8601 (YYYY-MM-DD[Thh:mm[:ss]]) */
    const char *source;
    const char *url;
    const char *meta_json; /* a JSON object (text) echoed under "meta" */
    unsigned flags;        /* HX_LENIENT */
} hx_docinfo;

/* Creates a document from UTF-8 text of len bytes (a leading BOM is dropped, CRLF is
 * read as a line break, the text is normalised to NFC).  Invalid UTF-8 gives HX_UTF8
 * and a NUL byte HX_NUL, with err->offset at the first bad byte, unless HX_LENIENT. */
hx_status hx_doc_new(const hx_ctx *ctx, const char *text, size_t len,
                     const hx_docinfo *info, hx_doc **out, hx_error *err);

/* Creates a document from one JSON Lines record: an object with a string "text" and
 * optional "id", "title", "date", "source", "url"; other members go to "meta".
 * flags: HX_LENIENT.  err->offset is a byte offset in the record. */
hx_status hx_doc_from_json(const hx_ctx *ctx, const char *json, size_t len,
                           unsigned flags, hx_doc **out, hx_error *err);

/* Creates a one-sentence document whose tokens are given (for tagging CoNLL files):
 * the text is the words joined by single spaces and is not re-tokenised.  A word that
 * is empty or holds a space gives HX_INVAL. */
hx_status hx_doc_from_tokens(const hx_ctx *ctx, const char *const *words, size_t n,
                             hx_doc **out, hx_error *err);

/* Like hx_doc_from_tokens for a document of nsent sentences: sentence i has the next
 * sent_len[i] (> 0) words.  Tagging then sees the whole document: the NER tags of one
 * sentence are made consistent with the others (docs/models.md).  HX_INVAL for an
 * empty sentence. */
hx_status hx_doc_from_sentences(const hx_ctx *ctx, const char *const *words,
                                const size_t *sent_len, size_t nsent, hx_doc **out,
                                hx_error *err);

/* Is this CoNLL sentence an EFE news dateline ("( EFE )" or "(EFE)", also EFECOM, in
 * its first 12 words)?  CoNLL-2002 has no document marks; an article starts there. */
int hx_conll_is_dateline(const char *const *words, size_t n);

/* The publication date (ISO 8601) or NULL; setting it is allowed before analysis only
 * (HX_INVAL after), and a malformed date gives HX_FIELD. */
const char *hx_doc_date(const hx_doc *doc);
hx_status hx_doc_set_date(hx_doc *doc, const char *date, hx_error *err);

/* Runs every enabled stage.  Calling it twice is harmless. */
hx_status hx_doc_analyze(hx_doc *doc, hx_error *err);

void hx_doc_free(hx_doc *doc);

/* A span of the original input: code points [start, end) and bytes [bstart, bend). */
typedef struct hx_span {
    size_t start, end;
    size_t bstart, bend;
} hx_span;

typedef struct hx_token {
    hx_span span;
    const char *text; /* the token as normalised (NFC), not NUL-terminated */
    size_t len;       /* bytes in text */
    const char *pos;  /* part-of-speech tag, or NULL when not tagged */
    const char *ner;  /* BIO entity tag ("B-PER", "O"), or NULL when not tagged */
    size_t sentence;  /* index of its sentence */
} hx_token;

typedef struct hx_sentence {
    hx_span span;
    size_t first, last; /* token indices [first, last) */
    size_t paragraph;   /* index of its paragraph, counted from 0 */
} hx_sentence;

typedef struct hx_mention {
    hx_span span;
    const char *type;   /* "PER", "ORG", "LOC", "MISC" */
    size_t first, last; /* token indices [first, last) */
} hx_mention;

typedef enum hx_bound {
    HX_BOUND_EXACT,
    HX_BOUND_MIN,    /* al menos, más de */
    HX_BOUND_MAX,    /* hasta, menos de */
    HX_BOUND_APPROX, /* unos, cerca de */
    HX_BOUND_RANGE   /* entre 10 y 20: value .. max */
} hx_bound;

typedef struct hx_quantity {
    hx_span span;
    const char *kind; /* "number", "ordinal", "percent", "currency", "dimension",
                         "age", "temperature" */
    double value;
    double max;       /* upper end when bound is HX_BOUND_RANGE */
    hx_bound bound;
    int vague;        /* "miles de": value is the order of magnitude */
    const char *unit; /* ISO 4217 code, "%", SI symbol, or NULL */
    hx_span of;       /* what is counted; start == end when unknown */
} hx_quantity;

typedef struct hx_time {
    hx_span span;
    const char *type;   /* "DATE", "TIME", "DURATION", "SET" */
    const char *value;  /* TIMEX3 value ("2025-04", "P3D", "XXXX-WXX-1") */
    const char *anchor; /* the date it was resolved against, or NULL */
    const char *mod;    /* TIMEX3 mod ("START", "END", "APPROX"...), or NULL */
} hx_time;

size_t hx_doc_ntokens(const hx_doc *doc);
size_t hx_doc_nsentences(const hx_doc *doc);
size_t hx_doc_nmentions(const hx_doc *doc);
size_t hx_doc_nquantities(const hx_doc *doc);
size_t hx_doc_ntimes(const hx_doc *doc);
/* Each getter fills *out and returns HX_OK, or HX_INVAL when i is out of range. */
hx_status hx_doc_token(const hx_doc *doc, size_t i, hx_token *out);
/* Receives output in pieces: returns 0, or non-zero to stop (the call that was writing
 * then fails with HX_IO). */
typedef int (*hx_write_fn)(void *ud, const char *data, size_t len);
/* Flags of hx_doc_tokens_write. */
enum {
    HX_TOKENS_CONLL = 1u << 0,      /* the token alone on its line, no offsets */
    HX_TOKENS_BLANK_FIRST = 1u << 1 /* an empty line before the first sentence too */
};
/* Writes the tokens as `hechos tokenize` prints them: one per line, "TOKEN<TAB>START<TAB>END"
 * with START and END code point offsets into the input plus base (end exclusive), an
 * empty line between sentences; handed to write in pieces of about 64 KB.  A text read
 * in pieces is written with base the code points before each piece. */
hx_status hx_doc_tokens_write(const hx_doc *doc, unsigned flags, size_t base, hx_write_fn write, void *ud,
                              hx_error *err);
hx_status hx_doc_sentence(const hx_doc *doc, size_t i, hx_sentence *out);
hx_status hx_doc_mention(const hx_doc *doc, size_t i, hx_mention *out);
hx_status hx_doc_quantity(const hx_doc *doc, size_t i, hx_quantity *out);
hx_status hx_doc_time(const hx_doc *doc, size_t i, hx_time *out);

/* ---------------------------------------------------------------- entities */

/* One entity of the document: every mention of one person, organisation or place
 * (names, acronyms, demonyms, metonyms such as "el Kremlin", roles such as "el canciller
 * ruso"), see docs/entities.md. */
typedef struct hx_entity {
    const char *type;    /* "PER", "ORG", "LOC", "MISC" */
    const char *kind;    /* "country", "region", "city", "org", or NULL */
    const char *name;    /* canonical name (the most complete form), NUL-terminated */
    const char *country; /* ISO 3166-1 alpha-2, or NULL */
    int has_geo;         /* non-zero when lat/lon/geo_id are set */
    double lat, lon;
    const char *geo_id;  /* gazetteer id ("iso:KP", "city:ES:cordoba") or NULL */
    double confidence;   /* of the gazetteer match, 0..1 */
    size_t nmentions;
} hx_entity;

typedef struct hx_entity_mention {
    hx_span span;
    const char *kind; /* "name", "acronym", "demonym", "metonym", "role" */
} hx_entity_mention;

size_t hx_doc_nentities(const hx_doc *doc);
hx_status hx_doc_entity(const hx_doc *doc, size_t i, hx_entity *out);
/* Mention j (0 <= j < nmentions, in text order) of entity i. */
hx_status hx_doc_entity_mention(const hx_doc *doc, size_t i, size_t j, hx_entity_mention *out);

/* ---------------------------------------------------------------- claims */

/* A reported statement: its cue ("afirmó", "según"), its source and its content
 * (docs/claims.md).  Strings borrow from the context's lexicon. */
typedef struct hx_claim {
    hx_span cue;
    const char *cue_lemma; /* the lexicon entry: "decir", "según", "no descartar" */
    const char *stance;    /* "neutral", "assertive", "hedged", "denial" */
    int has_source;        /* 0: impersonal or unknown; source is then zero */
    hx_span source;        /* as written, or the antecedent's when not written */
    int source_mention;    /* mention index of the source's named entity, or -1 */
    int antecedent;        /* claim whose source this one repeats, or -1 */
    hx_span content;       /* inside the quotation marks when quote is set */
    int quote, hedged, negated, impersonal;
} hx_claim;

size_t hx_doc_nclaims(const hx_doc *doc);
hx_status hx_doc_claim(const hx_doc *doc, size_t i, hx_claim *out);

/* ---------------------------------------------------------------- events */

/* A participant of an event (docs/events.md).  present == 0: not found. */
typedef struct hx_event_arg {
    int present;
    hx_span span;
    long entity;         /* index of the entity (hx_doc_entity), or -1 */
    const char *country; /* ISO 3166-1 alpha-2 (or organisation id, "NATO"), or NULL */
    const char *role;    /* "government", "military", "police", "civilian", ... or NULL */
} hx_event_arg;

/* One event: who did what to whom, where, when and how many, CAMEO-coded.  Strings
 * borrow from the document or the library's tables. */
typedef struct hx_event {
    const char *type;     /* readable label ("fight", "make a visit", "casualties") */
    const char *cameo;    /* CAMEO code ("190", "0871"); NULL for a casualty count alone */
    hx_span trigger;
    size_t sentence;
    hx_event_arg actor, target;
    int has_place;
    hx_span place;
    const char *time;     /* TIMEX3 value of its time expression, else the DCT, or NULL */
    long time_index;      /* hx_doc_time index, or -1 when the time is the DCT */
    long quantity_index;  /* hx_doc_quantity index of the number involved, or -1 */
    double killed, wounded, captured, arrested, displaced; /* -1 when not reported */
    long claim;           /* hx_doc_claim index of the claim reporting it, or -1 */
    int hedged, negated;
    long same_event;      /* index of the event's first mention when this one mentions
                             it again ("se reunió ... La reunión ..."), or -1 */
} hx_event;

size_t hx_doc_nevents(const hx_doc *doc);
hx_status hx_doc_event(const hx_doc *doc, size_t i, hx_event *out);

/* ---------------------------------------------------------------- output */

enum {
    HX_JSON_PRETTY = 1u << 0, /* indented, for people */
    HX_JSON_NO_TOKENS = 1u << 1
};

/* Serialises the document (schema in docs/schema.md).  *out is NUL-terminated and owned
 * by the caller (hx_free); *len (may be NULL) receives its length. */
hx_status hx_doc_json(const hx_doc *doc, unsigned flags, char **out, size_t *len,
                      hx_error *err);
/* hx_doc_json handed to write in pieces of about 64 KB as it is made, so the whole
 * JSON (about 25 bytes per byte of text) is never in memory at once.  The pieces
 * joined are the bytes hx_doc_json gives, without a newline at the end.  With
 * HX_JSON_PRETTY the JSON is made whole first and then written. */
hx_status hx_doc_json_write(const hx_doc *doc, unsigned flags, hx_write_fn write, void *ud,
                            hx_error *err);

/* The document's events in PLOVER (docs/events.md): JSON Lines, one record per event that
 * PLOVER codes, each ending in a newline, with the article's id, url and date, the
 * language and the codebook version; "" when there is none.  *out is owned by the caller
 * (hx_free); *len (may be NULL) receives its length. */
hx_status hx_doc_plover(const hx_doc *doc, char **out, size_t *len, hx_error *err);

/* ---------------------------------------------------------------- tools */

/* Recognizers-Text compatibility: the entities of one kind ("number", "ordinal",
 * "percent", "numberrange", "currency", "dimension", "age", "temperature",
 * "datetime") found in text, as a JSON array shaped like Microsoft Recognizers-Text
 * results (Text, TypeName, Resolution, Start, End with End inclusive, in characters).
 * ref is the reference date-time ("2018-09-28T01:00:00") or NULL. */
hx_status hx_recognize(const hx_ctx *ctx, const char *kind, const char *text,
                       size_t len, const char *ref, char **out, hx_error *err);

/* Training a tagger model from CoNLL files (column 1 word, 2 POS, 3 NER). */
typedef struct hx_train_opts {
    const char *task;       /* "ner" or "pos" */
    const char *train_path;
    const char *dev_path;   /* for early stopping; may be NULL */
    const char *out_path;
    const char *models_dir; /* where the POS model used by NER features lives */
    unsigned seed;
    int max_epochs;         /* 0: default */
    int patience;           /* epochs without dev improvement before stopping; 0: default */
    void (*progress)(void *ud, const char *line); /* one line per epoch; may be NULL */
    void *ud;
    const char *gazetteer_dir; /* word lists (loc.txt, per.txt, ...); NULL: "data/ner" */
    const char *clusters_path; /* NER word clusters (tools/clusters.c); NULL:
                                  <models_dir>/clusters.hxc when present; "": none */
    unsigned ablate;           /* HX_TRAIN_NO_* bits: feature groups switched off (for
                                  measuring what each brings; 0 = all on) */
    int recase;                /* NER: also train on a recased copy of every sentence
                                  (capitals, lower case): the model for such text,
                                  models/ner-caps.hxm (docs/models.md) */
    const char *pos_cache;     /* NER: file keeping the jackknifed POS of the training
                                  words between runs (NULL: none) */
} hx_train_opts;
enum { HX_TRAIN_NO_GAZDROP = 1u << 0 };

hx_status hx_train(const hx_train_opts *opt, hx_error *err);
/* Trains the UD tagger and dependency parser from CoNLL-U files (opt->task ignored;
 * train_path may list several files separated by commas): docs/parser.md. */
hx_status hx_train_parser(const hx_train_opts *opt, hx_error *err);

/* ---------------------------------------------------------------- dependency parsing */

/* The Universal Dependencies parser (docs/parser.md): a UD tagger (UPOS) and a
 * transition-based dependency parser, loaded from DIR/ud-upos.hxm and DIR/parse.hxm.
 * Read-only once loaded; one parser serves any number of threads. */
typedef struct hx_parser hx_parser;

/* dir NULL: $HECHOS_MODELS, else the installed default. */
hx_status hx_parser_load(const char *models_dir, hx_parser **out, hx_error *err);
void hx_parser_free(hx_parser *p);
/* The parser a context loaded (HX_STAGE_PARSE), or NULL. */
const hx_parser *hx_ctx_parser(const hx_ctx *ctx);

/* Sentence selection by the development split (a hash of each sent_id, docs/parser.md). */
enum { HX_SPLIT_ALL = 0, HX_SPLIT_VALIDATION = 1, HX_SPLIT_TUNING = 2, HX_SPLIT_TRAINING = 3 };

/* Parses the words of CoNLL-U text (its segmentation is kept) and returns the same
 * text with columns 4-8 (UPOS, XPOS, FEATS, HEAD, DEPREL) replaced by the parse;
 * comments, multiword-token lines and the other columns are kept.  Malformed input
 * gives HX_FIELD (or HX_UTF8 / HX_NUL) with "NAME:LINE: what" in err.  *out is
 * NUL-terminated, freed with hx_free. */
hx_status hx_parse_conllu(const hx_parser *p, const char *text, size_t len, const char *name,
                          int split, char **out, size_t *outlen, hx_error *err);

/* The CoNLL-U of an analysed document: its sentences, tokens split into UD words
 * (contractions and infinitives with clitics become multiword tokens), tagged and
 * parsed (p NULL: the parser of the document's context).  *out is NUL-terminated,
 * freed with hx_free. */
hx_status hx_doc_conllu(const hx_doc *doc, const hx_parser *p, char **out, size_t *len,
                        hx_error *err);

/* Scores a system CoNLL-U file against a gold one with the same words: UPOS accuracy,
 * UAS, LAS, LAS on universal relations, and P/R/F1 per relation, as lines of text. */
hx_status hx_conllu_score(const char *gold, size_t glen, const char *gname, const char *sys,
                          size_t slen, const char *sname, int split, char **out,
                          hx_error *err);

/* ---------------------------------------------------------------- corpus store */

/* A corpus knowledge base in one SQLite file (schema in docs/store.md): documents,
 * entities resolved across documents, mentions, quantities, times, claims and events.
 * OWNERSHIP: hx_store_open() creates the handle, hx_store_close() commits the open
 * batch and frees it (NULL is fine).  A store must not be used by two threads at once;
 * several processes may read while one writes (WAL).  Query results are strings owned
 * by the caller (hx_free). */
typedef struct hx_store hx_store;

enum {
    HX_STORE_READONLY = 1u << 0 /* open an existing database for queries only */
};

/* Opens (creating and migrating to the current schema when needed) the database at
 * path.  A database written by a newer hechos gives HX_UNSUPPORTED. */
hx_status hx_store_open(const char *path, unsigned flags, hx_store **out, hx_error *err);
void hx_store_close(hx_store *st);

/* Documents per transaction (default 256; 1 commits every document). */
void hx_store_set_batch(hx_store *st, size_t docs);

/* Stores an analysed document with every layer it has.  Idempotent: a document whose
 * content hash (text, title, date, source) is stored already changes nothing and
 * gives *added = 0 (added may be NULL).  A failing document is rolled back alone. */
hx_status hx_store_ingest(hx_store *st, const hx_doc *doc, int *added, hx_error *err);

/* The same from a document JSON (docs/schema.md) carrying the article in a "text"
 * member, e.g. `hechos extract` output with "text" added. */
hx_status hx_store_ingest_json(hx_store *st, const char *json, size_t len, int *added,
                               hx_error *err);

/* *found = 1 when the document (before or after analysis) is stored already. */
hx_status hx_store_contains(hx_store *st, const hx_doc *doc, int *found, hx_error *err);

/* Commits the open batch (hx_store_close does it too). */
hx_status hx_store_commit(hx_store *st, hx_error *err);

typedef enum hx_query_kind {
    HX_QUERY_STATS,     /* counts of every table */
    HX_QUERY_ENTITIES,  /* entities by documents: type, top */
    HX_QUERY_ENTITY,    /* arg: name or alias -> aliases, counts, co-occurring entities */
    HX_QUERY_TIMELINE,  /* arg: entity -> its events by date */
    HX_QUERY_CLAIMS,    /* source and/or about: entity names (either may be NULL) */
    HX_QUERY_FIGURES,   /* arg: what is counted -> quantities by source and date */
    HX_QUERY_CONFLICTS, /* same thing, overlapping time, other source, other figure */
    HX_QUERY_GRAPH,     /* format: "json" (default), "dot" or "graphml" */
    HX_QUERY_SEARCH,    /* arg: words -> documents by full-text rank */
    HX_QUERY_DOCUMENT   /* arg: store id (decimal) -> the stored record with its text */
} hx_query_kind;

typedef struct hx_query {
    hx_query_kind kind;
    const char *arg;    /* the NAME / ABOUT / TEXT argument */
    const char *type;   /* entity type filter (ENTITIES) */
    const char *source; /* claimant (CLAIMS) */
    const char *about;  /* entity the claim mentions (CLAIMS) */
    const char *format; /* GRAPH output format */
    size_t top;         /* result limit; 0: the default of the query */
    int window_days;    /* CONFLICTS: days of slack around each period; <0: default 7 */
} hx_query;

/* Runs a query; *out (NUL-terminated, caller frees with hx_free) is JSON (an object,
 * shapes in docs/store.md) except for GRAPH in dot or graphml.  An unknown NAME gives
 * an empty result, not an error. */
hx_status hx_store_query(hx_store *st, const hx_query *q, char **out, size_t *len,
                         hx_error *err);

/* ---------------------------------------------------------------- web input */

/* An article taken out of a web page, a feed item or a WARC record: its main text
 * (boilerplate removed; paragraphs and headings as paragraphs separated by a blank
 * line; valid UTF-8 without NULs) and its metadata (docs/input.md).
 * OWNERSHIP: hx_html_extract() and hx_warc_next() create an article, hx_article_free()
 * frees it; every string an accessor returns borrows from it.  Feed items belong to
 * their feed (hx_feed_free). */
typedef struct hx_article hx_article;

typedef enum hx_meta_key {
    HX_META_TITLE,       /* headline (og:title, JSON-LD headline, <title>, <h1>) */
    HX_META_DATE,        /* publication date YYYY-MM-DD */
    HX_META_DATE_SOURCE, /* where it came from: "article:published_time", "json-ld",
                            "time", "url", "warc-date", "feed" */
    HX_META_AUTHOR,
    HX_META_SITE,        /* site name (og:site_name, JSON-LD publisher) */
    HX_META_URL,         /* canonical URL, else the URL the page was fetched from */
    HX_META_LANG,        /* <html lang> or og:locale, as written */
    HX_META_CHARSET,     /* the character set the page was decoded from */
    HX__NMETA
} hx_meta_key;

/* Extracts the article of an HTML page of len bytes in any character set: content_type
 * is the HTTP Content-Type header (its charset wins) or NULL, url the address it was
 * fetched from or NULL (used for the date in the URL).  Malformed HTML is repaired,
 * never an error; a page with no text gives an article with empty text. */
hx_status hx_html_extract(const char *html, size_t len, const char *content_type,
                          const char *url, hx_article **out, hx_error *err);

/* Non-zero when the first bytes look like HTML (a doctype, <html>, <head> or <body>
 * after optional BOM, whitespace and comments). */
int hx_html_sniff(const char *data, size_t len);

const char *hx_article_text(const hx_article *a, size_t *len);
const char *hx_article_meta(const hx_article *a, hx_meta_key key); /* NULL when unknown */
/* Fills info for hx_doc_new: id and url (the URL), title, date, source (the site
 * name) and meta_json (every metadata field as a JSON object), all borrowed. */
void hx_article_docinfo(const hx_article *a, hx_docinfo *info);
void hx_article_free(hx_article *a);

/* A news feed (RSS 2.0 or Atom) read into articles: title, link, date and the text of
 * content (content:encoded, Atom content) or else the summary/description. */
typedef struct hx_feed hx_feed;
/* HX_JSON with the line and column when the file is not well-formed XML,
 * HX_UNSUPPORTED when it is XML but neither RSS nor Atom. */
hx_status hx_feed_parse(const char *xml, size_t len, hx_feed **out, hx_error *err);
/* Non-zero when the first bytes look like an RSS or Atom feed. */
int hx_feed_sniff(const char *data, size_t len);
size_t hx_feed_count(const hx_feed *f);
const hx_article *hx_feed_item(const hx_feed *f, size_t i); /* NULL when out of range */
void hx_feed_free(hx_feed *f);

/* A WARC archive (.warc, or .warc.gz of one or many gzip members) read as a stream:
 * memory is bounded by max_record whatever the size of the archive.  read fills buf
 * with up to n bytes and returns how many (0 at the end, -1 on a read error). */
typedef struct hx_warc hx_warc;
typedef long (*hx_read_fn)(void *ud, void *buf, size_t n);

typedef struct hx_warc_stats {
    unsigned long records;     /* WARC records read */
    unsigned long articles;    /* HTML responses with status 200, in Spanish, returned */
    unsigned long not_response; /* warcinfo, request, metadata... records */
    unsigned long not_html;    /* responses of another content type */
    unsigned long redirects;   /* status 3xx */
    unsigned long not_ok;      /* other statuses */
    unsigned long not_spanish; /* failed the language check */
    unsigned long too_big;     /* longer than max_record (skipped without buffering) */
    unsigned long bad;         /* malformed: lying length, broken headers, bad gzip */
} hx_warc_stats;

/* max_record 0 means 64 MB. */
hx_status hx_warc_open(hx_read_fn read, void *ud, size_t max_record, hx_warc **out,
                       hx_error *err);
/* The next article: HX_OK with *out (caller frees with hx_article_free); HX_NOTFOUND
 * at the end of the archive; any other status reports one bad record in err (its
 * message names the record number and byte offset), which is skipped: call again to
 * go on.  HX_IO (the read function failed) ends the stream. */
hx_status hx_warc_next(hx_warc *w, hx_article **out, hx_error *err);
void hx_warc_stats_get(const hx_warc *w, hx_warc_stats *out);
void hx_warc_free(hx_warc *w);

#ifdef __cplusplus
}
#endif
#endif /* HECHOS_H */
