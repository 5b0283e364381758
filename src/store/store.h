/*
 * store.h -- what the corpus store's files share: the handle (store.c: connection,
 * migrations, batches), ingestion (store_ingest.c, reading documents with the JSON
 * view of store_json.c), counters staged per batch (store_delta.c), the queries
 * (store_query.c), and below them all store_base.c (statements, entity cache, hashes,
 * text keys).
 *
 * Invariants:
 *   - st->db is a SQLite file in WAL mode or a PostgreSQL connection (store_db.h); st->in_tx
 *     says whether a batch transaction is open.
 *     Every document is written inside a SAVEPOINT nested in the batch, so a bad
 *     document is rolled back alone and a killed process loses at most the open batch,
 *     never leaves half a document behind.
 *   - Prepared statements in st->stmt are created lazily and finalised by
 *     hx_store_close; they never outlive the connection.
 *   - Entity keys (hx__store_fold) are the lookup form of names: case and diacritics
 *     folded, every run of non-alphanumerics one space, trimmed.
 */
#ifndef HX_STORE_H
#define HX_STORE_H

#include "core/core.h"

#include "store/store_db.h"

#include <stdint.h>

struct hx__json;

/* The schema version this library writes (SQLite PRAGMA user_version, PostgreSQL table
 * hechos_schema). */
#define HX__STORE_VERSION 3

/* Indices of the cached prepared statements of ingestion. */
enum {
    HX__S_HAS_HASH,
    HX__S_DOC,
    HX__S_DOC_FTS,
    HX__S_ENTITY,
    HX__S_ENTITY_FIND,
    HX__S_ENTITY_COUNT,
    HX__S_SAVEPOINT,
    HX__S_RELEASE,
    HX__S_ROLLBACK_TO,
    HX__S_ALIAS,
    HX__S_DOC_ENTITY,
    HX__S_MENTION,
    HX__S_TIME,
    HX__S_QUANT,
    HX__S_QUANT_FTS,
    HX__S_CLAIM,
    HX__S_CLAIM_ENTITY,
    HX__S_EVENT,
    HX__S_EVENT_ACTOR,
    HX__S_EDGE,
    HX__S_COUNT
};

/* Number of cached prepared statements of store_link.c. */
#define HX__L_COUNT 16

/* Entity rows by identity ("key\ttype\tcountry"), so that a known entity costs no
 * index lookup: open addressing, linear probing, cap a power of two, at most half
 * full.  Cleared whenever a write is rolled back, since its rows may be gone. */
typedef struct hx__ecache {
    char **ident;         /* [cap]: malloc'd identity or NULL */
    int64_t *gid;   /* [cap]: its row in entities */
    size_t cap, n;
} hx__ecache;

/* A pending counter update (store_delta.c). */
enum { HX__D_ENTITY, HX__D_ALIAS, HX__D_EDGE };
typedef struct hx__delta {
    int kind;                 /* HX__D_* */
    int64_t a, b;       /* entity row (ENTITY, ALIAS); edge ends a < b (EDGE) */
    long long n1, n2;         /* ENTITY: documents, mentions; ALIAS: mentions; EDGE: weight */
    char *key, *text, *akind; /* ALIAS: folded key, the form as written, its kind */
} hx__delta;

typedef struct hx__deltas {
    hx__vec v;                /* hx__delta */
    hx__ecache index;         /* identity -> index in v + 1 */
} hx__deltas;

struct hx_store {
    hx__db *db;            /* SQLite file or PostgreSQL server (store_db.h) */
    unsigned flags;        /* HX_STORE_* */
    int in_tx;             /* a batch transaction is open */
    size_t batch, pending; /* documents per transaction; documents in the open one */
    hx__stmt *stmt[HX__S_COUNT];
    hx__stmt *lstmt[HX__L_COUNT]; /* store_link.c's statements, created lazily */
    hx__ecache ecache;
    hx__deltas deltas;     /* counters of the open batch, not yet written */
};

/* Adds x (strings copied) to d, summing with an update of the same counter. */
int hx__delta_add(hx__deltas *d, const hx__delta *x);
int hx__delta_merge(hx__deltas *into, const hx__deltas *from);
void hx__delta_clear(hx__deltas *d);
void hx__delta_free(hx__deltas *d);
/* Writes st->deltas inside the open transaction and empties it. */
hx_status hx__delta_flush(hx_store *st, hx_error *err);
/* The cached prepared statement HX__S_*, reset and unbound (store_base.c). */
hx__stmt *hx__store_stmt(hx_store *st, int i);

/* The cached row of an entity identity, or 0. */
int64_t hx__ecache_get(const hx__ecache *c, const char *ident);
/* Remembers ident -> gid; returns -1 when out of memory (the cache stays valid). */
int hx__ecache_put(hx__ecache *c, const char *ident, int64_t gid);
void hx__ecache_clear(hx__ecache *c);

/* Brings db from its schema version up to target (<= HX__STORE_VERSION), one
 * transaction per step.  Exposed for the migration tests. */
hx_status hx__store_migrate(hx__db *db, int target, hx_error *err);

/* Appends the fold (key form) of s[0..n) to out; returns 0 or -1 when out of memory. */
int hx__store_fold(hx__buf *out, const char *s, size_t n);

/* The "thing" key of what a quantity counts ("los soldados norcoreanos" ->
 * "soldado norcoreano"): folded, leading determiners dropped, plurals cut. */
int hx__store_thing(hx__buf *out, const char *s, size_t n);

/* Rewrites the thing out->p[start..] made by hx__store_thing (store_things.c): a head noun that counts the
 * same as another becomes it ("prisionero palestino" -> "preso palestino"), and a
 * generic noun alone ("empresa", "punto") becomes the empty thing.  0, or -1 when out
 * of memory. */
int hx__store_thing_fix(hx__buf *out, size_t start);

/* May text (a claimant as written) stand as the source of a figure?  Yes when it names
 * someone (a capitalised name) or a group or role noun heads it ("los organizadores",
 * "fuentes hospitalarias"); no for a verb ("consta"), a clause ("un acuerdo que han
 * firmado") or anything longer than 8 words. */
int hx__store_source_ok(const char *text);

/* Cross-document linking of the document just stored (store_link.c), inside its
 * savepoint: its new entities joined to the real thing they name (entities.canon, with
 * the reason in entity_links), its events to the event other articles reported
 * (events.xevent), its figures placed in their sentence with the entities named there
 * (quantity_entities).  Only indexed lookups: the corpus is never re-read.  0 or -1. */
int hx__store_link(hx_store *st, int64_t doc, const struct hx__json *j);

/* The SQL of the conflicts query (store_conflicts.c): ?1 the window in days, ?2 the
 * limit; one row per conflict with the JSON columns a$, b$ and the reason why$. */
extern const char hx__store_conflicts_sql[];

/* Day number (days since 1970-01-01) of the period a TIMEX3 value or ISO date covers:
 * "2025" a year, "2025-04" a month, "2025-W28" a week, "2025-Q2" a quarter,
 * "2025-04-12[T..]" a day.  Returns 0 and fills [*d0, *d1], or -1 when not a
 * resolved date. */
int hx__store_period(const char *v, long *d0, long *d1);

/* 128-bit content hash of an article as 32 hex digits + NUL (store_base.c). */
void hx__store_hash(const char *text, size_t n, const char *title, const char *date,
                    const char *source, char out[33]);

/* Ingestion of one document JSON (store_ingest.c); text may be NULL. */
hx_status hx__store_put(hx_store *st, const char *json, size_t len, const char *text,
                        size_t text_len, int *added, hx_error *err);

/* ---------------------------------------------------------------- JSON (store_json.c) */

enum { HX__J_NULL, HX__J_FALSE, HX__J_TRUE, HX__J_NUM, HX__J_STR, HX__J_ARR, HX__J_OBJ };

/* One JSON value of a document read by jansson; its subtree is v[i+1 .. next). */
typedef struct hx__jv {
    unsigned char type;  /* HX__J_* */
    size_t next;         /* index after this value's subtree */
    size_t len;          /* STR: bytes of s; ARR: elements; OBJ: members */
    const char *s;       /* STR (and member names): UTF-8, NUL-terminated, no NUL inside */
    double num;          /* NUM */
    const void *node;    /* the jansson value (json_t), NULL for member names */
} hx__jv;

typedef struct hx__json {
    hx__jv *v;           /* [n]: v[0] is the root */
    size_t n, cap;
    void *root;          /* the jansson tree (json_t) the strings point into */
    const char *err;     /* the parse error, or NULL */
    size_t err_at;       /* its byte offset */
    char msg[256];       /* jansson's message, made printable */
} hx__json;

/* Parses src[0..len) with jansson (a member name given twice is an error); returns 0,
 * or -1 with j->err set.  Free with hx__json_free either way. */
int hx__json_parse(hx__json *j, const char *src, size_t len);
void hx__json_free(hx__json *j);
/* The value of member key of object obj, or -1 (also when obj is not an object). */
long hx__jget(const hx__json *j, long obj, const char *key);
/* Value x written back as compact JSON (malloc'd; NULL when out of memory). */
char *hx__json_dump(const hx__json *j, long x);

/* Reports a database failure as HX_IO with its message. */
hx_status hx__store_dberr(hx__db *db, hx_error *err, const char *what);

#endif /* HX_STORE_H */
