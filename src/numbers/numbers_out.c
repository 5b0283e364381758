/*
 * numbers_out.c -- the quantities layer (doc->quants, filled by quantities.c) leaves the
 * library: its JSON (docs/schema.md, called by src/pipeline.c) and the accessors of
 * hechos.h.
 */
#include "numbers/numbers.h"

static const char *bound_name(hx_bound b)
{
    switch (b) {
    case HX_BOUND_MIN: return "min";
    case HX_BOUND_MAX: return "max";
    case HX_BOUND_APPROX: return "approx";
    case HX_BOUND_RANGE: return "range";
    default: return "exact";
    }
}

void hx__json_quantities(hx__buf *b, const hx_doc *doc)
{
    hx__json_key(b, "quantities");
    hx__buf_putc(b, '[');
    for (size_t i = 0; i < doc->quants.n; i++) {
        const hx__quant *q = HX__VEC_AT(doc->quants, hx__quant, i);
        hx__buf_puts(b, i ? ",{" : "{");
        hx__json_text_span(b, doc, q->b0, q->b1);
        hx__json_opt_str(b, "kind", q->kind);
        hx__buf_puts(b, ",\"value\":");
        hx__buf_json_num(b, q->value);
        hx__json_opt_str(b, "bound", bound_name(q->bound));
        if (q->bound == HX_BOUND_RANGE) {
            hx__buf_puts(b, ",\"max\":");
            hx__buf_json_num(b, q->max);
        }
        hx__buf_printf(b, ",\"vague\":%s", q->vague ? "true" : "false");
        hx__json_opt_str(b, "unit", q->unit);
        hx__json_key(b, "of");
        if (q->of1 > q->of0) {
            hx__buf_putc(b, '{');
            hx__json_text_span(b, doc, q->of0, q->of1);
            hx__buf_putc(b, '}');
        } else {
            hx__buf_puts(b, "null");
        }
        hx__buf_putc(b, '}');
    }
    hx__buf_putc(b, ']');
}

/* ---------------------------------------------------------------- accessors of hechos.h */

size_t hx_doc_nquantities(const hx_doc *doc) { return doc ? doc->quants.n : 0; }

hx_status hx_doc_quantity(const hx_doc *doc, size_t i, hx_quantity *out)
{
    if (!doc || i >= doc->quants.n) return HX_INVAL;
    const hx__quant *q = HX__VEC_AT(doc->quants, hx__quant, i);
    out->span = hx__doc_span(doc, q->b0, q->b1);
    out->kind = q->kind;
    out->value = q->value;
    out->max = q->max;
    out->bound = q->bound;
    out->vague = q->vague;
    out->unit = q->unit;
    out->of = hx__doc_span(doc, q->of0, q->of1);
    return HX_OK;
}
