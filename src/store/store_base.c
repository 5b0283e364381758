/*
 * store_base.c -- what every file of the corpus store shares, below the connection:
 * database error messages, the prepared statements of the writers, the cache of entity
 * rows, content hashes and the text keys (folds, counted things, periods).  Nothing
 * here calls another file of the store, so the store's files depend one way:
 * store_query.c, store_ingest.c -> store.c -> store_delta.c -> store_base.c.
 */
#include "store/store.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

hx_status hx__store_dberr(hx__db *db, hx_error *err, const char *what)
{
    return hx__err(err, HX_IO, SIZE_MAX, "%s: %s", what, hx__db_errmsg(db));
}

/* ---------------------------------------------------------------- statements */

/* One SQL text for both back ends (store_pg.c rewrites placeholders and the like);
 * pg_sql holds the few statements PostgreSQL needs written otherwise: its full-text
 * indexes are tables of tsvectors (Spanish stems for documents, plain words for what
 * figures count) fed with the folded text, where SQLite has FTS5 tables. */
static const char *const sql[HX__S_COUNT] = {
    [HX__S_HAS_HASH] = "SELECT 1 FROM documents WHERE hash=?",
    [HX__S_DOC] = "INSERT INTO documents(hash,ext_id,title,date,day,source,url,chars,meta,text,ingested)"
                  " VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(hash) DO NOTHING RETURNING id",
    [HX__S_DOC_FTS] = "INSERT INTO docs_fts(rowid,title,text) VALUES(?,?,?)",
    [HX__S_ENTITY] = "INSERT INTO entities(name,key,type,country,kind,lat,lon,geo_id,n_docs,n_mentions)"
                     " VALUES(?,?,?,?,?,?,?,?,?,?) RETURNING id",
    [HX__S_ENTITY_FIND] = "SELECT id FROM entities WHERE key=? AND type=? AND country=?",
    [HX__S_ENTITY_COUNT] = "UPDATE entities SET n_docs=n_docs+?, n_mentions=n_mentions+? WHERE id=?",
    [HX__S_SAVEPOINT] = "SAVEPOINT doc",
    [HX__S_RELEASE] = "RELEASE doc",
    [HX__S_ROLLBACK_TO] = "ROLLBACK TO doc",
    [HX__S_ALIAS] = "INSERT INTO aliases(entity_id,key,alias,kind,n) VALUES(?,?,?,?,?)"
                    " ON CONFLICT(entity_id,key) DO UPDATE SET n=aliases.n+excluded.n",
    [HX__S_DOC_ENTITY] = "INSERT INTO doc_entities(doc_id,entity_id,local_id,n_mentions) VALUES(?,?,?,?)"
                         " ON CONFLICT(doc_id,entity_id) DO UPDATE"
                         " SET n_mentions=doc_entities.n_mentions+excluded.n_mentions",
    [HX__S_MENTION] = "INSERT INTO mentions(doc_id,entity_id,type,kind,text,start,\"end\") VALUES(?,?,?,?,?,?,?)",
    [HX__S_TIME] = "INSERT INTO times(doc_id,type,value,anchor,text,start,\"end\",day0,day1)"
                   " VALUES(?,?,?,?,?,?,?,?,?) RETURNING id",
    [HX__S_QUANT] = "INSERT INTO quantities(doc_id,claim_id,kind,value,max,bound,vague,unit,text,"
                    "of_text,thing,source,source_key,day0,day1,start,\"end\",lo,hi,s0,s1)"
                    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
    [HX__S_QUANT_FTS] = "INSERT INTO quantities_fts(rowid,of_text) VALUES(?,?)",
    [HX__S_CLAIM] = "INSERT INTO claims(doc_id,source_entity,source_text,source_key,cue,cue_lemma,"
                    "stance,content,quote,hedged,negated,start,\"end\",day) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    " RETURNING id",
    [HX__S_CLAIM_ENTITY] = "INSERT INTO claim_entities(claim_id,entity_id) VALUES(?,?) ON CONFLICT DO NOTHING",
    [HX__S_EVENT] = "INSERT INTO events(doc_id,type,trigger,text,time_value,day,start,\"end\")"
                    " VALUES(?,?,?,?,?,?,?,?) RETURNING id",
    [HX__S_EVENT_ACTOR] = "INSERT INTO event_actors(event_id,entity_id,role,day) VALUES(?,?,?,?)"
                          " ON CONFLICT DO NOTHING",
    [HX__S_EDGE] = "INSERT INTO edges(a,b,weight) VALUES(?,?,?)"
                   " ON CONFLICT(a,b) DO UPDATE SET weight=edges.weight+excluded.weight",
};

static const char *const pg_sql[HX__S_COUNT] = {
    [HX__S_DOC_FTS] = "INSERT INTO docs_fts(id,fts) VALUES(?1,"
                      " setweight(to_tsvector('spanish',coalesce(?2::text,'')),'A')"
                      " || to_tsvector('spanish',?3::text))",
    [HX__S_QUANT_FTS] = "INSERT INTO quantities_fts(id,fts) VALUES(?1,to_tsvector('simple',?2::text))",
};

/* The prepared statement i, reset and unbound, or NULL on failure. */
hx__stmt *hx__store_stmt(hx_store *st, int i)
{
    assert(i >= 0 && i < HX__S_COUNT && sql[i]);
    const char *q = hx__db_kind(st->db) == HX__DB_PG && pg_sql[i] ? pg_sql[i] : sql[i];
    if (!st->stmt[i] && hx__db_prepare(st->db, q, 1, &st->stmt[i])) return NULL;
    hx__db_reset(st->stmt[i]);
    return st->stmt[i];
}

/* ---------------------------------------------------------------- entity cache */

static size_t str_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return (size_t)(h ^ (h >> 29));
}

int64_t hx__ecache_get(const hx__ecache *c, const char *ident)
{
    if (!c->cap) return 0;
    for (size_t i = str_hash(ident) & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        if (!c->ident[i]) return 0;
        if (strcmp(c->ident[i], ident) == 0) return c->gid[i];
    }
}

int hx__ecache_put(hx__ecache *c, const char *ident, int64_t gid)
{
    if (2 * (c->n + 1) > c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 1024;
        char **ni = calloc(cap, sizeof *ni);
        int64_t *ng = calloc(cap, sizeof *ng);
        if (!ni || !ng) {
            free(ni);
            free(ng);
            return -1;
        }
        for (size_t k = 0; k < c->cap; k++) {
            if (!c->ident[k]) continue;
            size_t i = str_hash(c->ident[k]) & (cap - 1);
            while (ni[i]) i = (i + 1) & (cap - 1);
            ni[i] = c->ident[k];
            ng[i] = c->gid[k];
        }
        free(c->ident);
        free(c->gid);
        c->ident = ni;
        c->gid = ng;
        c->cap = cap;
    }
    size_t i = str_hash(ident) & (c->cap - 1);
    while (c->ident[i]) {
        if (strcmp(c->ident[i], ident) == 0) {
            c->gid[i] = gid;
            return 0;
        }
        i = (i + 1) & (c->cap - 1);
    }
    if (!(c->ident[i] = strdup(ident))) return -1;
    c->gid[i] = gid;
    c->n++;
    return 0;
}

void hx__ecache_clear(hx__ecache *c)
{
    for (size_t k = 0; k < c->cap; k++) {
        free(c->ident[k]);
        c->ident[k] = NULL;
    }
    c->n = 0;
}

/* ---------------------------------------------------------------- hashing */

/* Two independent 64-bit lanes (FNV-1a, and a multiply-rotate lane), each finished with
 * the splitmix64 mixer; fields are separated by a byte that cannot occur in UTF-8
 * (0xff), so ("ab","c") and ("a","bc") differ. */
typedef struct hash2 {
    uint64_t a, b;
} hash2;

static void hash_bytes(hash2 *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t a = h->a, b = h->b;
    for (size_t i = 0; i < n; i++) {
        a = (a ^ s[i]) * 0x100000001b3ull;
        b = (b + s[i] + 1) * 0x9e3779b97f4a7c15ull;
        b = (b << 31) | (b >> 33);
    }
    h->a = a;
    h->b = b;
}

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void hx__store_hash(const char *text, size_t n, const char *title, const char *date,
                    const char *source, char out[33])
{
    static const unsigned char sep = 0xff, none = 0xfe;
    hash2 h = {0xcbf29ce484222325ull, 0x243f6a8885a308d3ull};
    const char *f[3] = {title, date, source};
    hash_bytes(&h, text, n);
    for (int i = 0; i < 3; i++) {
        hash_bytes(&h, &sep, 1);
        if (f[i]) hash_bytes(&h, f[i], strlen(f[i]));
        else hash_bytes(&h, &none, 1);
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)mix64(h.a ^ n),
             (unsigned long long)mix64(h.b + n));
}

/* ---------------------------------------------------------------- text keys */

int hx__store_fold(hx__buf *out, const char *s, size_t n)
{
    utf8proc_uint8_t *m = NULL;
    size_t start = out->n;
    int space = 1; /* drop leading separators */
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (k < 0) {
        /* Invalid UTF-8 cannot come out of a document; fold bytes as ASCII anyway. */
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            int al = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
            if (al) hx__buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c)), space = 0;
            else if (!space) hx__buf_putc(out, ' '), space = 1;
        }
    } else {
        for (utf8proc_ssize_t i = 0; i < k;) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t l = utf8proc_iterate(m + i, k - i, &cp);
            if (l <= 0) break;
            utf8proc_category_t c = utf8proc_category(cp);
            int al = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                     (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
            if (al) hx__buf_put(out, m + i, (size_t)l), space = 0;
            else if (!space) hx__buf_putc(out, ' '), space = 1;
            i += l;
        }
        free(m);
    }
    if (out->n > start && out->p[out->n - 1] == ' ') out->p[--out->n] = '\0';
    if (!out->p) hx__buf_reserve(out, 1);
    return out->oom ? -1 : 0;
}

static int is_determiner(const char *w, size_t n)
{
    static const char *const dets[] = {"el", "la", "los", "las", "un", "una", "unos", "unas",
                                       "lo", "su", "sus", "este", "esta", "estos", "estas",
                                       "ese", "esa", "esos", "esas", "aquellos", "aquellas",
                                       "de", "del", "al", NULL};
    for (int i = 0; dets[i]; i++)
        if (strlen(dets[i]) == n && memcmp(dets[i], w, n) == 0) return 1;
    return 0;
}

int hx__store_thing(hx__buf *out, const char *s, size_t n)
{
    hx__buf f = {0};
    size_t start = out->n;
    int lead = 1;
    if (hx__store_fold(&f, s, n) < 0) {
        hx__buf_free(&f);
        return -1;
    }
    for (size_t i = 0; i < f.n;) {
        size_t j = i;
        while (j < f.n && f.p[j] != ' ') j++;
        const char *w = f.p + i;
        size_t wl = j - i;
        if (!(lead && is_determiner(w, wl))) {
            lead = 0;
            /* Plural to singular, cheaply: -ces to -z ("veces"), -es after a vowel and
             * l, r, n, d, z, j ("mujeres", "ciudades"), -eses and -ises ("meses",
             * "paises"); else -s ("hombres"). */
            int z = wl > 4 && memcmp(w + wl - 3, "ces", 3) == 0;
            if (z) wl -= 3;
            else if (wl > 4 && w[wl - 1] == 's' && w[wl - 2] == 'e' &&
                     ((strchr("lrndzj", w[wl - 3]) && strchr("aeiou", w[wl - 4])) || /* mujeres, not hombres */
                      (w[wl - 3] == 's' && strchr("ei", w[wl - 4])))) /* meses, paises */
                wl -= 2;
            else if (wl > 3 && w[wl - 1] == 's') wl--;
            if (out->n > start) hx__buf_putc(out, ' ');
            hx__buf_put(out, w, wl);
            if (z) hx__buf_putc(out, 'z');
        }
        i = j + 1;
    }
    hx__buf_free(&f);
    if (!out->p) hx__buf_reserve(out, 1);
    return out->oom ? -1 : 0;
}

/* ---------------------------------------------------------------- periods */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int hx__store_period(const char *v, long *d0, long *d1)
{
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    if (!v || (y = digits(v, 4)) < 0) return -1;
    if (v[4] == '\0') {
        *d0 = days_from_civil(y, 1, 1);
        *d1 = days_from_civil(y, 12, 31);
        return 0;
    }
    if (v[4] != '-') return -1;
    if (v[5] == 'W' && (d = digits(v + 6, 2)) >= 1 && d <= 53) {
        /* ISO week: week 1 holds January 4th; weeks start on Monday. */
        long jan4 = days_from_civil(y, 1, 4);
        long wd = ((jan4 + 3) % 7 + 7) % 7; /* 0 = Monday (1970-01-01 was a Thursday) */
        *d0 = jan4 - wd + 7L * (d - 1);
        *d1 = *d0 + 6;
        return 0;
    }
    if (v[5] == 'Q' && v[6] >= '1' && v[6] <= '4') {
        int q = v[6] - '1';
        *d0 = days_from_civil(y, (unsigned)(3 * q + 1), 1);
        *d1 = (q == 3 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, (unsigned)(3 * q + 4), 1)) - 1;
        return 0;
    }
    if ((m = digits(v + 5, 2)) < 1 || m > 12) return -1;
    if (v[7] == '\0') {
        unsigned last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
        *d0 = days_from_civil(y, (unsigned)m, 1);
        *d1 = days_from_civil(y, (unsigned)m, last);
        return 0;
    }
    if (v[7] != '-' || (d = digits(v + 8, 2)) < 1 || d > 31) return -1;
    if (v[10] != '\0' && v[10] != 'T' && v[10] != ' ') return -1;
    *d0 = *d1 = days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}
