/*
 * claims_out.c -- the claims layer leaves the library: JSON (docs/claims.md) and the
 * public accessors hx_doc_nclaims / hx_doc_claim.
 *
 * Read-only over the document.  The quantities, times and mentions of a claim are
 * found again here by binary search over their sorted layers (those inside the
 * content), so claims store no index lists of their own.
 */
#include "claims/claims.h"

#include <string.h>

/* ---------------------------------------------------------------- output */

static const char *const stance_names[] = {"neutral", "assertive", "hedged", "denial"};
static const char *const kind_names[] = {"verb", "noun", "prep"};

/* Writes the decimal digits of v (what "%zu" writes, without a printf per number). */
static void put_u(hx__buf *b, size_t v)
{
    char d[24];
    size_t n = sizeof d;
    do {
        d[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    hx__buf_put(b, d + n, sizeof d - n);
}

static void put_bool(hx__buf *b, int v)
{
    if (v) hx__buf_put(b, "true", 4);
    else hx__buf_put(b, "false", 5);
}

static void json_text_span(hx__buf *b, const hx_doc *doc, size_t b0, size_t b1)
{
    hx__buf_puts(b, "{\"text\":");
    hx__buf_json_str(b, doc->text + b0, b1 - b0);
    hx__buf_putc(b, ',');
    hx__json_span(b, doc, b0, b1);
    hx__buf_putc(b, '}');
}

/* First index of a sorted layer whose start is >= b0; start_of gives it. */
#define LOWER_BOUND(vec, type, field, key, out)                                  \
    do {                                                                         \
        size_t lo_ = 0, hi_ = (vec).n;                                           \
        while (lo_ < hi_) {                                                      \
            size_t mid_ = lo_ + (hi_ - lo_) / 2;                                 \
            if (HX__VEC_AT(vec, type, mid_)->field < (key)) lo_ = mid_ + 1;      \
            else hi_ = mid_;                                                     \
        }                                                                        \
        (out) = lo_;                                                             \
    } while (0)

void hx__json_claims(hx__buf *b, const hx_doc *doc)
{
    const hx__tok *t = doc->toks.p;
    hx__buf_puts(b, ",\"claims\":[");
    for (size_t i = 0; i < doc->claims.n; i++) {
        const hx__claim *c = HX__VEC_AT(doc->claims, hx__claim, i);
        size_t k;
        hx__buf_puts(b, i ? ",{\"cue\":{" : "{\"cue\":{");
        hx__buf_puts(b, "\"text\":");
        hx__buf_json_str(b, doc->text + t[c->cue0].b0, t[c->cue1 - 1].b1 - t[c->cue0].b0);
        hx__buf_puts(b, ",\"lemma\":");
        hx__buf_json_str(b, c->cue->lemma, strlen(c->cue->lemma));
        hx__buf_puts(b, ",\"kind\":\"");
        hx__buf_puts(b, kind_names[c->cue->kind]);
        hx__buf_puts(b, "\",\"stance\":\"");
        hx__buf_puts(b, stance_names[c->cue->stance]);
        hx__buf_puts(b, "\",");
        hx__json_span(b, doc, t[c->cue0].b0, t[c->cue1 - 1].b1);
        if (c->entity >= 0) {
            hx__buf_puts(b, "},\"source\":\"E");
            put_u(b, (size_t)c->entity + 1);
            hx__buf_puts(b, "\",\"source_text\":");
        } else hx__buf_puts(b, "},\"source\":null,\"source_text\":");
        if (c->src1 > c->src0) {
            hx__buf_json_str(b, doc->text + t[c->src0].b0, t[c->src1 - 1].b1 - t[c->src0].b0);
            hx__buf_puts(b, ",\"source_span\":{");
            hx__json_span(b, doc, t[c->src0].b0, t[c->src1 - 1].b1);
            hx__buf_putc(b, '}');
        } else {
            hx__buf_puts(b, "null,\"source_span\":null");
        }
        hx__buf_puts(b, ",\"source_mention\":");
        if (c->mention >= 0) put_u(b, (size_t)c->mention);
        else hx__buf_puts(b, "null");
        hx__buf_puts(b, ",\"source_inherited\":");
        put_bool(b, c->inherited);
        hx__buf_puts(b, ",\"antecedent\":");
        if (c->antecedent >= 0) put_u(b, (size_t)c->antecedent);
        else hx__buf_puts(b, "null");
        hx__buf_puts(b, ",\"via\":");
        if (c->via1 > c->via0) json_text_span(b, doc, t[c->via0].b0, t[c->via1 - 1].b1);
        else hx__buf_puts(b, "null");
        hx__buf_puts(b, ",\"impersonal\":");
        put_bool(b, c->impersonal);
        hx__buf_puts(b, ",\"content\":");
        json_text_span(b, doc, c->cb0, c->cb1);
        hx__buf_puts(b, ",\"quote\":");
        put_bool(b, c->quote);
        hx__buf_puts(b, ",\"hedged\":");
        put_bool(b, c->hedged);
        hx__buf_puts(b, ",\"negated\":");
        put_bool(b, c->negated);
        /* what the content contains, so every figure can be traced to its claimant */
        uint32_t cb0 = t[c->con0].b0, cb1 = t[c->con1 - 1].b1;
        int first = 1;
        hx__buf_puts(b, ",\"quantities\":[");
        LOWER_BOUND(doc->quants, hx__quant, b0, cb0, k);
        for (; k < doc->quants.n && HX__VEC_AT(doc->quants, hx__quant, k)->b0 < cb1; k++) {
            if (HX__VEC_AT(doc->quants, hx__quant, k)->b1 > cb1) continue;
            if (!first) hx__buf_putc(b, ',');
            put_u(b, k);
            first = 0;
        }
        hx__buf_puts(b, "],\"times\":[");
        first = 1;
        LOWER_BOUND(doc->times, hx__time, b0, cb0, k);
        for (; k < doc->times.n && HX__VEC_AT(doc->times, hx__time, k)->b0 < cb1; k++) {
            if (HX__VEC_AT(doc->times, hx__time, k)->b1 > cb1) continue;
            if (!first) hx__buf_putc(b, ',');
            put_u(b, k);
            first = 0;
        }
        hx__buf_puts(b, "],\"mentions\":[");
        first = 1;
        LOWER_BOUND(doc->mentions, hx__mention, first, c->con0, k);
        for (; k < doc->mentions.n && HX__VEC_AT(doc->mentions, hx__mention, k)->first < c->con1; k++) {
            if (HX__VEC_AT(doc->mentions, hx__mention, k)->last > c->con1) continue;
            if (!first) hx__buf_putc(b, ',');
            put_u(b, k);
            first = 0;
        }
        hx__buf_puts(b, "]}");
    }
    hx__buf_putc(b, ']');
}

/* ---------------------------------------------------------------- public accessors */

size_t hx_doc_nclaims(const hx_doc *doc) { return doc ? doc->claims.n : 0; }

hx_status hx_doc_claim(const hx_doc *doc, size_t i, hx_claim *out)
{
    if (!doc || !out || i >= doc->claims.n) return HX_INVAL;
    const hx__claim *c = HX__VEC_AT(doc->claims, hx__claim, i);
    const hx__tok *t = doc->toks.p;
    memset(out, 0, sizeof *out);
    out->cue = hx__doc_span(doc, t[c->cue0].b0, t[c->cue1 - 1].b1);
    out->cue_lemma = c->cue->lemma;
    out->stance = stance_names[c->cue->stance];
    out->has_source = c->src1 > c->src0;
    if (out->has_source) out->source = hx__doc_span(doc, t[c->src0].b0, t[c->src1 - 1].b1);
    out->source_mention = c->mention;
    out->antecedent = c->antecedent;
    out->content = hx__doc_span(doc, c->cb0, c->cb1);
    out->quote = c->quote;
    out->hedged = c->hedged;
    out->negated = c->negated;
    out->impersonal = c->impersonal;
    return HX_OK;
}
