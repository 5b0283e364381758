/*
 * conllu.c -- reading and checking CoNLL-U (universaldependencies.org/format.html).
 *
 * The whole text is copied into one buffer and split in place: word lines into their
 * ten tab-separated fields, other lines kept whole.  Multiword-token lines ("1-2")
 * and empty nodes ("8.1") are kept so they can be written back, but only words
 * (integer ids) are parsed.
 *
 * Invariants: a sentence is accepted only when its word ids run 1, 2, ... without a
 * gap, every multiword range covers words of the sentence, and (when heads are given)
 * every head is in 0..n, exactly one word has head 0 and the heads form a tree.
 * Anything else -- a NUL byte, invalid UTF-8, a line with another number of fields --
 * is HX_FIELD / HX_UTF8 / HX_NUL with "NAME:LINE: what", never a crash.
 */
#include "parse/parse.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

void hx__conllu_free(hx__conllu *c)
{
    free(c->buf);
    free(c->line);
    free(c->word);
    free(c->head);
    free(c->sent);
    memset(c, 0, sizeof *c);
}

/* A non-negative decimal integer s[0..n) (at most 9 digits); -1 otherwise. */
static long num(const char *s, size_t n)
{
    if (n == 0 || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

typedef struct rdr {
    hx__conllu *c;
    const char *name;
    int need_heads;
    hx_error *err;
    size_t mwt_end;   /* last word covered by a multiword token of the sentence */
    uint32_t mwt_line;
} rdr;

#define FAIL(r, ln, ...) fail_at(r, ln, __VA_ARGS__)

static hx_status fail_at(rdr *r, uint32_t ln, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static hx_status fail_at(rdr *r, uint32_t ln, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return hx__err(r->err, HX_FIELD, SIZE_MAX, "%s:%u: %s", r->name, ln, msg);
}

/* Checks the heads of the sentence just read (its words are [w0, w0 + nw)). */
static hx_status check_tree(rdr *r, hx__cu_sent *s)
{
    hx__conllu *c = r->c;
    int32_t *h = c->head + s->w0;
    size_t nw = s->nw, root = SIZE_MAX, given = 0;
    for (size_t i = 0; i < nw; i++) {
        const hx__cu_line *l = &c->line[c->word[s->w0 + i]];
        if (h[i] == -2) {
            if (r->need_heads)
                return FAIL(r, l->lineno, "word %zu has no HEAD", i + 1);
            continue;
        }
        given++;
        if (h[i] >= (int32_t)nw || h[i] == (int32_t)i)
            return FAIL(r, l->lineno, "HEAD %s of word %zu is out of range (1..%zu, 0 = root)",
                        l->f[6], i + 1, nw);
        if (h[i] == -1) {
            if (root != SIZE_MAX)
                return FAIL(r, l->lineno, "a second root (word %zu; word %zu is the first)",
                            i + 1, root + 1);
            root = i;
        }
    }
    if (given && given != nw)
        return FAIL(r, c->line[s->l0].lineno, "some words of the sentence lack a HEAD");
    if (!given)
        return HX_OK;
    if (root == SIZE_MAX)
        return FAIL(r, c->line[s->l1 - 1].lineno, "the sentence has no root (HEAD 0)");
    /* Every word must reach the root: walk up, stamping the words of this walk. */
    uint32_t *mark = calloc(nw, sizeof *mark);
    if (!mark)
        return hx__err(r->err, HX_NOMEM, SIZE_MAX, "out of memory reading %s", r->name);
    hx_status st = HX_OK;
    for (size_t i = 0; i < nw && st == HX_OK; i++) {
        size_t k = i;
        while (h[k] >= 0 && !mark[k]) {
            mark[k] = (uint32_t)i + 1;
            k = (size_t)h[k];
        }
        if (h[k] >= 0 && mark[k] == (uint32_t)i + 1)
            st = FAIL(r, c->line[c->word[s->w0 + k]].lineno,
                      "the heads form a cycle through word %zu", k + 1);
        for (k = i; h[k] >= 0 && mark[k] == (uint32_t)i + 1; k = (size_t)h[k])
            mark[k] = UINT32_MAX; /* known to reach the root */
    }
    free(mark);
    return st;
}

/* Splits a word line into its fields and records it. */
static hx_status word_line(rdr *r, hx__cu_line *l, char *p, hx__cu_sent *s)
{
    hx__conllu *c = r->c;
    int nf = 0;
    for (char *q = p;; q++) {
        if (nf < 10)
            l->f[nf] = q;
        nf++;
        q = strchr(q, '\t');
        if (!q)
            break;
        *q = '\0';
    }
    if (nf != 10)
        return FAIL(r, l->lineno, "%d tab-separated fields, CoNLL-U has 10", nf);
    for (int k = 0; k < 10; k++)
        if (!l->f[k][0])
            return FAIL(r, l->lineno, "field %d is empty", k + 1);
    const char *id = l->f[0];
    const char *dash = strchr(id, '-'), *dot = strchr(id, '.');
    if (dash || dot) {
        const char *sep = dash ? dash : dot;
        long a = num(id, (size_t)(sep - id)), b = num(sep + 1, strlen(sep + 1));
        if (a < 1 || b < 1 || (dash && b <= a))
            return FAIL(r, l->lineno, "bad ID '%.20s'", id);
        if (dash) {
            if ((size_t)a != s->nw + 1)
                return FAIL(r, l->lineno, "multiword token %ld-%ld does not start at word %zu",
                            a, b, s->nw + 1);
            l->kind = HX__CU_MWT;
            r->mwt_end = (size_t)b;
            r->mwt_line = l->lineno;
        } else {
            if ((size_t)a != s->nw)
                return FAIL(r, l->lineno, "empty node %.20s does not follow word %ld", id, a);
            l->kind = HX__CU_EMPTY;
        }
        return HX_OK;
    }
    long v = num(id, strlen(id));
    if (v < 1)
        return FAIL(r, l->lineno, "bad ID '%.20s'", id);
    if ((size_t)v != s->nw + 1)
        return FAIL(r, l->lineno, "word ID %ld where %zu was expected", v, s->nw + 1);
    if (s->nw >= HX__PARSE_MAXW)
        return FAIL(r, l->lineno, "sentence longer than %d words", HX__PARSE_MAXW);
    l->kind = HX__CU_WORD;
    size_t w = c->nword++;
    c->word[w] = (size_t)(l - c->line);
    const char *hd = l->f[6];
    long hv = strcmp(hd, "_") == 0 ? -1 : num(hd, strlen(hd));
    if (strcmp(hd, "_") != 0 && hv < 0)
        return FAIL(r, l->lineno, "bad HEAD '%.20s'", hd);
    if (hv >= 0 && strcmp(l->f[7], "_") == 0)
        return FAIL(r, l->lineno, "HEAD without DEPREL");
    c->head[w] = hv < 0 ? -2 : (int32_t)hv - 1;
    s->nw++;
    return HX_OK;
}

/* Closes the sentence of lines [s->l0, l1). */
static hx_status end_sentence(rdr *r, hx__cu_sent *s, size_t l1)
{
    hx__conllu *c = r->c;
    s->l1 = l1;
    if (s->nw == 0)
        return FAIL(r, c->line[l1 - 1].lineno, "a sentence without words");
    if (r->mwt_end > s->nw)
        return FAIL(r, r->mwt_line, "multiword token reaches past the last word (%zu)",
                    s->nw);
    hx_status st = check_tree(r, s);
    if (st != HX_OK)
        return st;
    c->sent[c->nsent++] = *s;
    return HX_OK;
}

/* Rejects NUL bytes and invalid UTF-8, naming the line. */
static hx_status check_bytes(rdr *r, const char *t, size_t len)
{
    uint32_t ln = 1;
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)t[i];
        if (ch == '\n')
            ln++;
        if (ch == 0)
            return hx__err(r->err, HX_NUL, i, "%s:%u: NUL byte", r->name, ln);
        if (ch < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = hx__utf8_decode((const unsigned char *)t + i, len - i, &cp);
        if (!k)
            return hx__err(r->err, HX_UTF8, i, "%s:%u: invalid UTF-8 at byte %zu", r->name,
                           ln, i);
        i += k;
    }
    return HX_OK;
}

hx_status hx__conllu_read(const char *text, size_t len, const char *name, int need_heads,
                          hx__conllu *c, hx_error *err)
{
    rdr r = {c, name ? name : "<conllu>", need_heads, err, 0, 0};
    memset(c, 0, sizeof *c);
    hx_status st = check_bytes(&r, text, len);
    if (st != HX_OK)
        return st;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    c->buf = malloc(len + 1);
    c->line = calloc(lines, sizeof *c->line);
    c->word = malloc(lines * sizeof *c->word);
    c->head = malloc(lines * sizeof *c->head);
    c->sent = malloc(lines * sizeof *c->sent);
    if (!c->buf || !c->line || !c->word || !c->head || !c->sent) {
        hx__conllu_free(c);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory reading %s", r.name);
    }
    memcpy(c->buf, text, len);
    c->buf[len] = '\0';
    hx__cu_sent s = {0};
    int open = 0;
    char *p = c->buf, *end = c->buf + len;
    uint32_t ln = 0;
    while (p < end && st == HX_OK) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        ln++;
        *e = '\0';
        if (e > p && e[-1] == '\r')
            *--e = '\0';
        if (p == e) { /* a blank line ends the sentence */
            if (open)
                st = end_sentence(&r, &s, c->nline);
            open = 0;
        } else {
            if (!open) {
                memset(&s, 0, sizeof s);
                s.l0 = c->nline;
                s.w0 = c->nword;
                r.mwt_end = 0;
                open = 1;
            }
            hx__cu_line *l = &c->line[c->nline++];
            l->lineno = ln;
            l->f[0] = p;
            if (p[0] == '#') {
                l->kind = HX__CU_COMMENT;
                if (strncmp(p, "# sent_id = ", 12) == 0)
                    s.id = p + 12;
            } else {
                st = word_line(&r, l, p, &s);
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (st == HX_OK && open)
        st = end_sentence(&r, &s, c->nline);
    if (st == HX_OK) {
        c->has_heads = 1;
        for (size_t w = 0; w < c->nword; w++)
            c->has_heads &= c->head[w] != -2;
        if (!c->nword)
            c->has_heads = 0;
    } else {
        hx__conllu_free(c);
    }
    return st;
}

unsigned hx__cu_fold(const hx__conllu *c, size_t s)
{
    char tmp[32];
    const char *id = c->sent[s].id;
    if (!id) {
        snprintf(tmp, sizeof tmp, "#%zu", s);
        id = tmp;
    }
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 0x100000001b3ull;
    return (unsigned)(h % 10);
}

hx_status hx__conllu_load(const char *path, int need_heads, hx__conllu *c, hx_error *err)
{
    memset(c, 0, sizeof *c);
    hx__buf b = {0};
    hx_status st = hx__read_path(path, &b, err);
    if (st == HX_OK)
        st = hx__conllu_read(b.p ? b.p : "", b.n, path, need_heads, c, err);
    hx__buf_free(&b);
    return st;
}
