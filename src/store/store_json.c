/*
 * store_json.c -- a small JSON reader for the store: the whole text becomes one flat
 * array of values, each knowing where its subtree ends, with strings decoded into one
 * arena.  Storing spent half its time in a general-purpose parser building a hash
 * table per object; documents need only lookups of a few keys per object.
 *
 * Invariants:
 *   - v[0] is the root.  A container at index i holds its elements (objects: key,
 *     value, key, value...) at i+1 .. v[i].next - 1, each element's subtree ending at
 *     its own .next, so siblings are reached without scanning their contents.
 *   - Every string (keys included) is decoded, valid UTF-8 and NUL-terminated in the
 *     arena, which is as large as the input plus one byte: a decoded string is never
 *     longer than its quoted source.  "\u0000" is rejected, so strings never hold NUL.
 *   - Nesting deeper than HX__JSON_DEPTH is an error, never a stack overflow.
 */
#include "store/store.h"

#include <stdio.h>
#include <string.h>

#define HX__JSON_DEPTH 256

typedef struct parser {
    hx__json *j;
    const char *p, *end, *src;
    char *out; /* arena write position */
} parser;

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) ps->p++;
}

static int fail(parser *ps, const char *msg)
{
    if (!ps->j->err) {
        ps->j->err = msg;
        ps->j->err_at = (size_t)(ps->p - ps->src);
    }
    return -1;
}

static long push(parser *ps, int type)
{
    hx__json *j = ps->j;
    if (j->n == j->cap) {
        size_t cap = j->cap ? j->cap * 2 : 256;
        hx__jv *nv = realloc(j->v, cap * sizeof *nv);
        if (!nv) return fail(ps, "out of memory");
        j->v = nv;
        j->cap = cap;
    }
    memset(&j->v[j->n], 0, sizeof *j->v);
    j->v[j->n].type = (unsigned char)type;
    j->v[j->n].raw = ps->p;
    return (long)j->n++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static int parse_string(parser *ps, long at)
{
    char *o = ps->out;
    ps->p++; /* opening quote */
    for (;;) {
        if (ps->p >= ps->end) return fail(ps, "unterminated string");
        unsigned char c = (unsigned char)*ps->p;
        if (c == '"') break;
        if (c < 0x20) return fail(ps, "control character in string");
        if (c == '\\') {
            if (ps->end - ps->p < 2) return fail(ps, "unterminated string");
            char e = ps->p[1];
            ps->p += 2;
            switch (e) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '/': *o++ = '/'; break;
            case 'b': *o++ = '\b'; break;
            case 'f': *o++ = '\f'; break;
            case 'n': *o++ = '\n'; break;
            case 'r': *o++ = '\r'; break;
            case 't': *o++ = '\t'; break;
            case 'u': {
                unsigned u, lo;
                if (ps->end - ps->p < 4 || hex4(ps->p, &u)) return fail(ps, "bad \\u escape");
                ps->p += 4;
                if (u >= 0xd800 && u <= 0xdbff) {
                    if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' || hex4(ps->p + 2, &lo) ||
                        lo < 0xdc00 || lo > 0xdfff)
                        return fail(ps, "unpaired surrogate");
                    ps->p += 6;
                    u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                } else if (u >= 0xdc00 && u <= 0xdfff) {
                    return fail(ps, "unpaired surrogate");
                }
                if (u == 0) return fail(ps, "\\u0000 in string");
                o += hx__utf8_encode((int32_t)u, o);
                break;
            }
            default: return fail(ps, "bad escape");
            }
            continue;
        }
        if (c < 0x80) {
            *o++ = (char)c;
            ps->p++;
            continue;
        }
        int32_t cp;
        size_t k = hx__utf8_decode((const unsigned char *)ps->p, (size_t)(ps->end - ps->p), &cp);
        if (!k) return fail(ps, "invalid UTF-8 in string");
        memcpy(o, ps->p, k);
        o += k;
        ps->p += k;
    }
    ps->p++; /* closing quote */
    *o = '\0';
    ps->j->v[at].s = ps->out;
    ps->j->v[at].len = (size_t)(o - ps->out);
    ps->out = o + 1;
    return 0;
}

static int parse_value(parser *ps, int depth);

static int parse_number(parser *ps, long at)
{
    const char *s = ps->p;
    char buf[64];
    if (ps->p < ps->end && *ps->p == '-') ps->p++;
    if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return fail(ps, "bad number");
    if (*ps->p == '0') ps->p++;
    else while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
    if (ps->p < ps->end && *ps->p == '.') {
        ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return fail(ps, "bad number");
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return fail(ps, "bad number");
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
    }
    size_t n = (size_t)(ps->p - s);
    if (n >= sizeof buf) return fail(ps, "number too long");
    memcpy(buf, s, n);
    buf[n] = '\0';
    ps->j->v[at].num = strtod(buf, NULL);
    return 0;
}

static int literal(parser *ps, const char *word, size_t n)
{
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) return fail(ps, "unexpected character");
    ps->p += n;
    return 0;
}

static int parse_container(parser *ps, long at, int object, int depth)
{
    char close = object ? '}' : ']';
    size_t n = 0;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 0;
    }
    for (;;) {
        skip_ws(ps);
        if (object) {
            if (ps->p >= ps->end || *ps->p != '"') return fail(ps, "expected a member name");
            long k = push(ps, HX__J_STR);
            if (k < 0 || parse_string(ps, k)) return -1;
            ps->j->v[k].next = ps->j->n;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') return fail(ps, "expected ':'");
            ps->p++;
        }
        if (parse_value(ps, depth + 1)) return -1;
        n++;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            break;
        }
        return fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    ps->j->v[at].len = n;
    return 0;
}

static int parse_value(parser *ps, int depth)
{
    if (depth > HX__JSON_DEPTH) return fail(ps, "nesting too deep");
    skip_ws(ps);
    if (ps->p >= ps->end) return fail(ps, "unexpected end of input");
    char c = *ps->p;
    int type = c == '{' ? HX__J_OBJ : c == '[' ? HX__J_ARR : c == '"' ? HX__J_STR
             : c == 't' ? HX__J_TRUE : c == 'f' ? HX__J_FALSE : c == 'n' ? HX__J_NULL : HX__J_NUM;
    long at = push(ps, type);
    int rc;
    if (at < 0) return -1;
    switch (type) {
    case HX__J_OBJ: rc = parse_container(ps, at, 1, depth); break;
    case HX__J_ARR: rc = parse_container(ps, at, 0, depth); break;
    case HX__J_STR: rc = parse_string(ps, at); break;
    case HX__J_TRUE: rc = literal(ps, "true", 4); break;
    case HX__J_FALSE: rc = literal(ps, "false", 5); break;
    case HX__J_NULL: rc = literal(ps, "null", 4); break;
    default: rc = parse_number(ps, at);
    }
    if (rc) return -1;
    ps->j->v[at].next = ps->j->n;
    if (type == HX__J_OBJ || type == HX__J_ARR) ps->j->v[at].rawlen = (size_t)(ps->p - ps->j->v[at].raw);
    return 0;
}

int hx__json_parse(hx__json *j, const char *src, size_t len)
{
    parser ps = {j, src, src + len, src, NULL};
    memset(j, 0, sizeof *j);
    if (!(j->arena = malloc(len + 1))) {
        j->err = "out of memory";
        return -1;
    }
    ps.out = j->arena;
    if (parse_value(&ps, 0)) return -1;
    skip_ws(&ps);
    if (ps.p != ps.end) return fail(&ps, "text after the JSON value");
    return 0;
}

void hx__json_free(hx__json *j)
{
    free(j->v);
    free(j->arena);
    j->v = NULL;
    j->arena = NULL;
}

long hx__jget(const hx__json *j, long obj, const char *key)
{
    if (obj < 0 || j->v[obj].type != HX__J_OBJ) return -1;
    for (long k = obj + 1; k < (long)j->v[obj].next; k = (long)j->v[k + 1].next)
        if (strcmp(j->v[k].s, key) == 0) return k + 1;
    return -1;
}

int hx__json_dup_keys(const hx__json *j, long obj)
{
    if (obj < 0 || j->v[obj].type != HX__J_OBJ) return 0;
    for (long a = obj + 1; a < (long)j->v[obj].next; a = (long)j->v[a + 1].next)
        for (long b = (long)j->v[a + 1].next; b < (long)j->v[obj].next; b = (long)j->v[b + 1].next)
            if (strcmp(j->v[a].s, j->v[b].s) == 0) return 1;
    return 0;
}
