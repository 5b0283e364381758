/*
 * store_delta.c -- counters of the store (entity document and mention counts, alias
 * counts, edge weights) accumulated in memory and written once per batch.
 *
 * Why: frequent entities appear in most documents of a batch; updating their rows
 * once per batch instead of once per document saves most of the random B-tree writes
 * of ingestion.
 *
 * Invariants:
 *   - A document's counters are staged apart (ingest.c keeps a per-document
 *     hx__deltas) and merged into st->deltas only after the document's savepoint was
 *     released, so a rolled-back document leaves no count behind.
 *   - st->deltas is flushed inside the batch transaction, before COMMIT
 *     (hx_store_commit) and before any query on the same handle, so counters on disk
 *     always match the committed rows; a failed flush rolls back the whole batch.
 *   - Every delta is identified by a string ("e<entity>", "a<entity>\t<key>",
 *     "g<a>,<b>") looked up in an hx__ecache mapping it to its index + 1 in v.
 */
#include "store/store.h"

#include <stdio.h>
#include <string.h>

/* The identity of x in buf (size cap); returns its length, >= cap when it did not fit. */
static size_t ident_of(const hx__delta *x, char *buf, size_t cap)
{
    int n;
    switch (x->kind) {
    case HX__D_ENTITY: n = snprintf(buf, cap, "e%lld", (long long)x->a); break;
    case HX__D_EDGE: n = snprintf(buf, cap, "g%lld,%lld", (long long)x->a, (long long)x->b); break;
    default: n = snprintf(buf, cap, "a%lld\t%s", (long long)x->a, x->key ? x->key : "");
    }
    return n < 0 ? cap : (size_t)n;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int hx__delta_add(hx__deltas *d, const hx__delta *x)
{
    char small[256], *id = small;
    int rc = -1;
    size_t n = ident_of(x, small, sizeof small);
    if (n >= sizeof small) { /* a long alias key */
        if (!(id = malloc(n + 1))) return -1;
        ident_of(x, id, n + 1);
    }
    int64_t at = hx__ecache_get(&d->index, id);
    if (at) {
        hx__delta *y = HX__VEC_AT(d->v, hx__delta, at - 1);
        y->n1 += x->n1;
        y->n2 += x->n2;
        rc = 0;
        goto done;
    }
    hx__delta *y = hx__vec_push(&d->v, sizeof *y);
    if (!y) goto done;
    *y = *x;
    y->key = dup_or_null(x->key);
    y->text = dup_or_null(x->text);
    y->akind = dup_or_null(x->akind);
    if ((x->key && !y->key) || (x->text && !y->text) || (x->akind && !y->akind) ||
        hx__ecache_put(&d->index, id, (int64_t)d->v.n)) {
        free(y->key);
        free(y->text);
        free(y->akind);
        d->v.n--;
        goto done;
    }
    rc = 0;
done:
    if (id != small) free(id);
    return rc;
}

int hx__delta_merge(hx__deltas *into, const hx__deltas *from)
{
    for (size_t i = 0; i < from->v.n; i++)
        if (hx__delta_add(into, HX__VEC_AT(from->v, hx__delta, i))) return -1;
    return 0;
}

void hx__delta_clear(hx__deltas *d)
{
    for (size_t i = 0; i < d->v.n; i++) {
        hx__delta *y = HX__VEC_AT(d->v, hx__delta, i);
        free(y->key);
        free(y->text);
        free(y->akind);
    }
    d->v.n = 0;
    hx__ecache_clear(&d->index);
}

void hx__delta_free(hx__deltas *d)
{
    hx__delta_clear(d);
    hx__vec_free(&d->v);
    free(d->index.ident);
    free(d->index.gid);
    d->index.ident = NULL;
    d->index.gid = NULL;
    d->index.cap = 0;
}

hx_status hx__delta_flush(hx_store *st, hx_error *err)
{
    hx__deltas *d = &st->deltas;
    for (size_t i = 0; i < d->v.n; i++) {
        const hx__delta *x = HX__VEC_AT(d->v, hx__delta, i);
        hx__stmt *s;
        switch (x->kind) {
        case HX__D_ENTITY:
            if (!(s = hx__store_stmt(st, HX__S_ENTITY_COUNT))) goto fail;
            hx__db_bind_int64(s, 1, x->n1);
            hx__db_bind_int64(s, 2, x->n2);
            hx__db_bind_int64(s, 3, x->a);
            break;
        case HX__D_EDGE:
            if (!(s = hx__store_stmt(st, HX__S_EDGE))) goto fail;
            hx__db_bind_int64(s, 1, x->a);
            hx__db_bind_int64(s, 2, x->b);
            hx__db_bind_int64(s, 3, x->n1);
            break;
        default:
            if (!(s = hx__store_stmt(st, HX__S_ALIAS))) goto fail;
            hx__db_bind_int64(s, 1, x->a);
            hx__db_bind_text(s, 2, x->key ? x->key : "", -1);
            hx__db_bind_text(s, 3, x->text ? x->text : "", -1);
            if (x->akind) hx__db_bind_text(s, 4, x->akind, -1);
            hx__db_bind_int64(s, 5, x->n1);
        }
        int r = hx__db_step(s);
        hx__db_reset(s);
        if (r != HX__DB_DONE) goto fail;
    }
    hx__delta_clear(d);
    return HX_OK;
fail:
    return hx__store_dberr(st->db, err, "update counters");
}
