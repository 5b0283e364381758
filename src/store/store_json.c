/*
 * store_json.c -- the store's view of a document JSON: jansson parses the text (the
 * library's one JSON reader), and this file lays the tree out as one flat array of
 * values, each knowing where its subtree ends, so the ingestion (store_ingest.c) walks
 * members and elements by index and never allocates per lookup.
 *
 * Invariants:
 *   - v[0] is the root.  A container at index i holds its elements (objects: key,
 *     value, key, value...) at i+1 .. v[i].next - 1, each element's subtree ending at
 *     its own .next, so siblings are reached without scanning their contents.
 *   - Every string (keys included) points into the jansson tree j->root, which lives
 *     until hx__json_free; strings are valid UTF-8 and never hold NUL (jansson rejects
 *     "\u0000" without JSON_ALLOW_NUL).
 *   - Nesting deeper than JSON_PARSER_MAX_DEPTH is a parse error (jansson's), so the
 *     recursive lay-out below is bounded by it.
 *   - A member name given twice anywhere is a parse error (JSON_REJECT_DUPLICATES).
 */
#include "store/store.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int push(hx__json *j, int type, const json_t *node)
{
    if (j->n == j->cap) {
        size_t cap = j->cap ? j->cap * 2 : 256;
        hx__jv *nv = realloc(j->v, cap * sizeof *nv);
        if (!nv) return -1;
        j->v = nv;
        j->cap = cap;
    }
    memset(&j->v[j->n], 0, sizeof *j->v);
    j->v[j->n].type = (unsigned char)type;
    j->v[j->n].node = node;
    j->n++;
    return 0;
}

static int type_of(const json_t *x)
{
    switch (json_typeof(x)) {
    case JSON_OBJECT: return HX__J_OBJ;
    case JSON_ARRAY: return HX__J_ARR;
    case JSON_STRING: return HX__J_STR;
    case JSON_TRUE: return HX__J_TRUE;
    case JSON_FALSE: return HX__J_FALSE;
    case JSON_NULL: return HX__J_NULL;
    default: return HX__J_NUM;
    }
}

/* Appends x and its subtree at j->v[j->n ..]. */
static int lay_out(hx__json *j, const json_t *x, int depth)
{
    assert(depth <= JSON_PARSER_MAX_DEPTH + 1);
    size_t at = j->n;
    int type = type_of(x);
    if (push(j, type, x)) return -1;
    if (type == HX__J_OBJ) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)x, k, v) {
            if (push(j, HX__J_STR, NULL)) return -1;
            j->v[j->n - 1].s = k;
            j->v[j->n - 1].len = strlen(k);
            j->v[j->n - 1].next = j->n;
            if (lay_out(j, v, depth + 1)) return -1;
        }
        j->v[at].len = json_object_size(x);
    } else if (type == HX__J_ARR) {
        size_t i;
        json_t *v;
        json_array_foreach(x, i, v) if (lay_out(j, v, depth + 1)) return -1;
        j->v[at].len = json_array_size(x);
    } else if (type == HX__J_STR) {
        j->v[at].s = json_string_value(x);
        j->v[at].len = json_string_length(x);
    } else if (type == HX__J_NUM) {
        j->v[at].num = json_number_value(x);
    }
    j->v[at].next = j->n;
    return 0;
}

int hx__json_parse(hx__json *j, const char *src, size_t len)
{
    json_error_t je;
    memset(j, 0, sizeof *j);
    /* Numbers as doubles: no "too big integer" for ids, one number type for the store. */
    json_t *root = json_loadb(src, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &je);
    if (!root) {
        /* jansson quotes the input near the error: keep the message one printable line. */
        hx__printable(j->msg, sizeof j->msg, je.text, 80);
        j->err = j->msg;
        j->err_at = je.position < 0 ? 0 : (size_t)je.position;
        return -1;
    }
    j->root = root;
    if (lay_out(j, root, 0)) {
        j->err = "out of memory";
        return -1;
    }
    return 0;
}

void hx__json_free(hx__json *j)
{
    free(j->v);
    json_decref(j->root);
    j->v = NULL;
    j->root = NULL;
}

char *hx__json_dump(const hx__json *j, long x)
{
    if (x < 0 || (size_t)x >= j->n || !j->v[x].node) return NULL;
    return json_dumps(j->v[x].node, JSON_COMPACT | JSON_ENCODE_ANY);
}

long hx__jget(const hx__json *j, long obj, const char *key)
{
    if (obj < 0 || j->v[obj].type != HX__J_OBJ) return -1;
    for (long k = obj + 1; k < (long)j->v[obj].next; k = (long)j->v[k + 1].next)
        if (strcmp(j->v[k].s, key) == 0) return k + 1;
    return -1;
}
