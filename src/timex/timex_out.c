/*
 * timex_out.c -- the times layer (doc->times, filled by timex.c) leaves the library: its
 * JSON (docs/schema.md, called by src/pipeline.c) and the accessors of hechos.h, with
 * TIMEX3 type, value, anchor and mod.
 */
#include "timex/timex.h"

void hx__json_times(hx__buf *b, const hx_doc *doc)
{
    hx__json_key(b, "times");
    hx__buf_putc(b, '[');
    for (size_t i = 0; i < doc->times.n; i++) {
        const hx__time *tm = HX__VEC_AT(doc->times, hx__time, i);
        hx__buf_puts(b, i ? ",{" : "{");
        hx__json_text_span(b, doc, tm->b0, tm->b1);
        hx__json_opt_str(b, "type", tm->type);
        hx__json_opt_str(b, "value", tm->value);
        hx__json_opt_str(b, "anchor", tm->anchor[0] ? tm->anchor : NULL);
        if (tm->mod) hx__json_opt_str(b, "mod", tm->mod);
        hx__buf_putc(b, '}');
    }
    hx__buf_putc(b, ']');
}

/* ---------------------------------------------------------------- accessors of hechos.h */

size_t hx_doc_ntimes(const hx_doc *doc) { return doc ? doc->times.n : 0; }

hx_status hx_doc_time(const hx_doc *doc, size_t i, hx_time *out)
{
    if (!doc || i >= doc->times.n) return HX_INVAL;
    const hx__time *t = HX__VEC_AT(doc->times, hx__time, i);
    out->span = hx__doc_span(doc, t->b0, t->b1);
    out->type = t->type;
    out->value = t->value;
    out->anchor = t->anchor[0] ? t->anchor : NULL;
    out->mod = t->mod;
    return HX_OK;
}
