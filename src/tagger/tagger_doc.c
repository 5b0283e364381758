/*
 * tagger_doc.c -- document-level consistency of the NER tags, and documents of
 * several pre-tokenised sentences (for tagging CoNLL files article by article).
 *
 * The tagger labels one sentence at a time; within one article the same name is
 * usually the same entity.  hx__ner_consistency runs after every sentence of a
 * document is tagged and changes labels by two rules (measured on esp.testa, see
 * docs/models.md):
 *   1. majority: a chunk (a maximal B-X I-X... run, read as conlleval reads it) whose
 *      exact word string is tagged with another type more often elsewhere in the
 *      document takes that type;
 *   2. parts of people's names: a chunk of another type whose words are a proper
 *      contiguous part of a multi-word PER chunk of the document ("García" after
 *      "Juan García"), first and last words capitalised, becomes PER;
 *   3. parts of organisations' names: likewise, a PER chunk that is a proper part of
 *      a multi-word ORG chunk becomes ORG ("Bancomer" after "Grupo Bancomer").
 * Chunk boundaries never change, only types.  Strings are compared by a 64-bit hash of
 * their words; the work is O(C log C) for C chunks and allocates per call only.
 *
 * Invariants: the function only reads the model (label names) and writes tok->ner of
 * the document it is given; a failed allocation leaves the tags as they were.
 */
#include "tagger/tagger.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct chunk {
    uint32_t first, last; /* tokens [first, last) of the document */
    uint32_t type;        /* index in types[] */
    uint64_t key;         /* hash of the words */
} chunk;

typedef struct keytype {
    uint64_t key;
    uint32_t type;
} keytype;

enum { T_PER, T_LOC, T_ORG, T_MISC, NTYPES, MAXPART = 8 };
static const char *const types[NTYPES] = {"PER", "LOC", "ORG", "MISC"};

static uint64_t span_hash(const hx_doc *doc, const hx__tok *tok, uint32_t a, uint32_t b)
{
    uint64_t h = 1469598103934665603ull;
    for (uint32_t i = a; i < b; i++) {
        const unsigned char *p = (const unsigned char *)doc->text + tok[i].b0;
        for (uint32_t k = 0; k < tok[i].b1 - tok[i].b0; k++) {
            h ^= p[k];
            h *= 1099511628211ull;
        }
        h ^= 0xffu; /* word separator: never a byte of UTF-8 text */
        h *= 1099511628211ull;
    }
    return h ? h : 1;
}

static int capitalised(const hx_doc *doc, const hx__tok *t)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)doc->text + t->b0,
                                          (utf8proc_ssize_t)(t->b1 - t->b0), &c);
    return k > 0 && utf8proc_isupper(c);
}

static int cmp_kt(const void *a, const void *b)
{
    const keytype *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->type > y->type) - (x->type < y->type);
}

/* Label id (0-based) of "B-type"/"I-type" in the model, or -1. */
static int label_of(const hx__tagger *m, char bio, const char *type)
{
    for (uint32_t l = 0; l < m->nlabels; l++) {
        const char *s = m->labels[l];
        if (s[0] == bio && s[1] == '-' && strcmp(s + 2, type) == 0)
            return (int)l;
    }
    return -1;
}

static void retype(const hx__tagger *m, hx__tok *tok, const chunk *c, uint32_t type)
{
    int b = label_of(m, 'B', types[type]), in = label_of(m, 'I', types[type]);
    if (b < 0 || in < 0)
        return;
    for (uint32_t i = c->first; i < c->last; i++)
        tok[i].ner = (uint8_t)((i == c->first ? b : in) + 1);
}

/* The chunks of the document's current tags. */
static size_t find_chunks(const hx_doc *doc, const hx__tagger *m, chunk *out)
{
    const hx__tok *tok = doc->toks.p;
    size_t k = 0;
    for (size_t si = 0; si < doc->sents.n; si++) {
        const hx__sent *se = HX__VEC_AT(doc->sents, hx__sent, si);
        int open = -1;
        for (uint32_t i = se->first; i < se->last; i++) {
            const char *lab = tok[i].ner ? m->labels[tok[i].ner - 1] : "O";
            int ty = -1;
            if ((lab[0] == 'B' || lab[0] == 'I') && lab[1] == '-')
                for (int t = 0; t < NTYPES; t++)
                    if (strcmp(lab + 2, types[t]) == 0)
                        ty = t;
            if (open >= 0 && (ty != open || lab[0] == 'B')) {
                out[k - 1].last = i;
                open = -1;
            }
            if (ty >= 0 && open < 0) {
                out[k].first = i;
                out[k].type = (uint32_t)ty;
                k++;
                open = ty;
            }
        }
        if (open >= 0)
            out[k - 1].last = se->last;
    }
    for (size_t i = 0; i < k; i++)
        out[i].key = span_hash(doc, tok, out[i].first, out[i].last);
    return k;
}

/* Chunks of type `from` (any type but `whole` when from == NTYPES) whose words,
 * first and last capitalised, are a proper contiguous part of a multi-word chunk of
 * type `whole` become type `whole`.  Returns 0, or -1 when out of memory. */
static int parts_rule(const hx_doc *doc, const hx__tagger *m, chunk *ch, size_t nc,
                      uint32_t whole, uint32_t from, uint32_t to)
{
    hx__tok *tok = doc->toks.p;
    size_t np = 0, cap = 0;
    for (size_t i = 0; i < nc; i++) {
        uint32_t len = ch[i].last - ch[i].first;
        if (ch[i].type == whole && len > 1 && len <= MAXPART)
            cap += (size_t)len * (len + 1) / 2;
    }
    if (!cap)
        return 0;
    keytype *parts = malloc(cap * sizeof *parts);
    if (!parts)
        return -1;
    for (size_t i = 0; i < nc; i++) {
        uint32_t a0 = ch[i].first, b0 = ch[i].last;
        if (ch[i].type != whole || b0 - a0 < 2 || b0 - a0 > MAXPART)
            continue;
        for (uint32_t a = a0; a < b0; a++)
            for (uint32_t b = a + 1; b <= b0; b++)
                if (!(a == a0 && b == b0))
                    parts[np++] = (keytype){span_hash(doc, tok, a, b), 0};
    }
    qsort(parts, np, sizeof *parts, cmp_kt);
    for (size_t i = 0; i < nc; i++) {
        if (ch[i].type == to || (from < NTYPES && ch[i].type != from) ||
            !capitalised(doc, &tok[ch[i].first]) || !capitalised(doc, &tok[ch[i].last - 1]))
            continue;
        keytype k = {ch[i].key, 0};
        if (bsearch(&k, parts, np, sizeof *parts, cmp_kt)) {
            retype(m, tok, &ch[i], to);
            ch[i].type = to;
        }
    }
    free(parts);
    return 0;
}

int hx__ner_consistency(hx_doc *doc, const hx__tagger *m)
{
    size_t ntok = doc->toks.n;
    if (!m || ntok == 0 || doc->sents.n < 2)
        return 0;
    hx__tok *tok = doc->toks.p;
    chunk *ch = malloc(ntok * sizeof *ch);
    keytype *kt = malloc(ntok * sizeof *kt);
    int rc = -1;
    if (!ch || !kt)
        goto done;
    size_t nc = find_chunks(doc, m, ch);

    /* Rule 1: majority type of the same string. */
    for (size_t i = 0; i < nc; i++)
        kt[i] = (keytype){ch[i].key, ch[i].type};
    qsort(kt, nc, sizeof *kt, cmp_kt);
    for (size_t i = 0; i < nc; i++) {
        size_t lo = 0, hi = nc;
        while (lo < hi) { /* first entry with this key */
            size_t mid = lo + (hi - lo) / 2;
            if (kt[mid].key < ch[i].key) lo = mid + 1;
            else hi = mid;
        }
        unsigned count[NTYPES] = {0};
        for (size_t j = lo; j < nc && kt[j].key == ch[i].key; j++)
            count[kt[j].type]++;
        uint32_t best = ch[i].type;
        for (uint32_t t = 0; t < NTYPES; t++)
            if (count[t] > count[best])
                best = t;
        if (best != ch[i].type) {
            retype(m, tok, &ch[i], best);
            ch[i].type = best;
        }
    }

    /* Rule 2: proper parts of multi-word PER chunks become PER; rule 3: parts of
     * multi-word ORG chunks that were tagged PER become ORG ("Bancomer" after
     * "Grupo Financiero Bancomer"). */
    if (parts_rule(doc, m, ch, nc, T_PER, NTYPES, T_PER) ||
        parts_rule(doc, m, ch, nc, T_ORG, T_PER, T_ORG))
        goto done;
    rc = 0;
done:
    free(ch);
    free(kt);
    return rc;
}

hx_status hx_doc_from_sentences(const hx_ctx *ctx, const char *const *words,
                                const size_t *sent_len, size_t nsent, hx_doc **out,
                                hx_error *err)
{
    size_t n = 0;
    *out = NULL;
    for (size_t i = 0; i < nsent; i++) {
        if (sent_len[i] == 0)
            return hx__err(err, HX_INVAL, SIZE_MAX, "sentence %zu is empty", i);
        n += sent_len[i];
    }
    if (n > UINT32_MAX)
        return hx__err(err, HX_TOOBIG, SIZE_MAX, "too many tokens");
    hx_status st = hx_doc_from_tokens(ctx, words, n, out, err);
    if (st != HX_OK || nsent < 2)
        return st;
    hx_doc *doc = *out;
    doc->sents.n = 0;
    uint32_t at = 0;
    for (size_t i = 0; i < nsent; i++) {
        hx__sent *s = hx__vec_push(&doc->sents, sizeof *s);
        if (!s) {
            hx_doc_free(doc);
            *out = NULL;
            return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
        }
        s->first = at;
        s->last = at + (uint32_t)sent_len[i];
        s->para = 0;
        at = s->last;
    }
    return HX_OK;
}

int hx_conll_is_dateline(const char *const *words, size_t n)
{
    if (n > 12)
        n = 12;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(words[i], "(EFE)") == 0 || strcmp(words[i], "(EFECOM)") == 0)
            return 1;
        if (i + 2 < n && strcmp(words[i], "(") == 0 && strcmp(words[i + 2], ")") == 0 &&
            (strcmp(words[i + 1], "EFE") == 0 || strcmp(words[i + 1], "EFECOM") == 0))
            return 1;
    }
    return 0;
}
