/*
 * tagger_out.c -- the tagger's layers leave the library, as JSON (docs/schema.md) and
 * through the accessors of hechos.h: the tokens with their POS and NER tags, and the
 * mentions the NER tags make.
 *
 * Tags are written by name (hx__tagger_label of the context's models); a document
 * analysed without a model has tokens without "pos"/"ner".  Called by src/pipeline.c.
 */
#include "tagger/tagger.h"

#include <assert.h>
#include <string.h>

/* One token's JSON is written in one go into room made for its longest form. */
void hx__json_tokens(hx__buf *b, const hx_doc *doc, const hx__tok_json_ext *ext)
{
    const hx__tok *t = doc->toks.p;
    hx__json_key(b, "tokens");
    hx__buf_putc(b, '[');
    /* Tokens come in text order: when normalisation changed nothing, count their
     * code points in one sweep instead of converting each span on its own. */
    int sweep = doc->anchors.n == 0;
    size_t at = 0, cps = 0;
    for (size_t i = 0; i < doc->toks.n; i++) {
        const char *pos = doc->ctx && doc->ctx->pos ? hx__tagger_label(doc->ctx->pos, t[i].pos) : NULL;
        const char *ner = doc->ctx && doc->ctx->ner ? hx__tagger_label(doc->ctx->ner, t[i].ner) : NULL;
        size_t np = pos ? strlen(pos) : 0, nn = ner ? strlen(ner) : 0;
        assert(t[i].b0 < t[i].b1 && t[i].b1 <= doc->len && t[i].sent < doc->sents.n);
        hx_span sp;
        if (sweep) {
            if (at < t[i].b0) cps += hx__utf8_count(doc->text + at, t[i].b0 - at), at = t[i].b0;
            sp.bstart = t[i].b0, sp.start = cps;
            if (at < t[i].b1) cps += hx__utf8_count(doc->text + at, t[i].b1 - at), at = t[i].b1;
            sp.bend = t[i].b1, sp.end = cps;
        } else {
            sp = hx__doc_span(doc, t[i].b0, t[i].b1);
        }
        /* A token is a hundred bytes of output: written in one go into room made
         * for its longest form (every byte escaped, every number 20 digits). */
        size_t room = 6 * (t[i].b1 - t[i].b0 + np + nn) + 256 + (ext ? ext->room(doc, i) : 0);
        if (hx__buf_reserve(b, room)) return; /* b->oom is set: the caller reports it */
        char *p = b->p + b->n;
        if (i) *p++ = ',';
        memcpy(p, "{\"text\":", 8), p += 8;
        p = hx__json_str_raw(p, doc->text + t[i].b0, t[i].b1 - t[i].b0);
        *p++ = ',';
        p = hx__json_span_raw(p, sp);
        memcpy(p, ",\"sentence\":", 12), p += 12;
        p = hx__json_uint(p, t[i].sent);
        if (pos) {
            memcpy(p, ",\"pos\":", 7), p += 7;
            p = hx__json_str_raw(p, pos, np);
        }
        if (ner) {
            memcpy(p, ",\"ner\":", 7), p += 7;
            p = hx__json_str_raw(p, ner, nn);
        }
        if (ext)
            p = ext->put(p, doc, i);
        *p++ = '}';
        *p = '\0';
        b->n = (size_t)(p - b->p);
    }
    hx__buf_putc(b, ']');
}

void hx__json_mentions(hx__buf *b, const hx_doc *doc)
{
    const hx__tok *t = doc->toks.p;
    hx__json_key(b, "mentions");
    hx__buf_putc(b, '[');
    for (size_t i = 0; i < doc->mentions.n; i++) {
        const hx__mention *m = HX__VEC_AT(doc->mentions, hx__mention, i);
        hx__buf_puts(b, i ? ",{" : "{");
        hx__buf_puts(b, "\"type\":");
        hx__buf_json_str(b, m->type, strlen(m->type));
        hx__buf_putc(b, ',');
        hx__json_text_span(b, doc, t[m->first].b0, t[m->last - 1].b1);
        hx__buf_puts(b, ",\"tokens\":[");
        hx__buf_uint(b, m->first);
        hx__buf_putc(b, ',');
        hx__buf_uint(b, m->last);
        hx__buf_puts(b, "]}");
    }
    hx__buf_putc(b, ']');
}

/* ---------------------------------------------------------------- accessors of hechos.h */

size_t hx_doc_nmentions(const hx_doc *doc) { return doc ? doc->mentions.n : 0; }

hx_status hx_doc_token(const hx_doc *doc, size_t i, hx_token *out)
{
    if (!doc || i >= doc->toks.n) return HX_INVAL;
    const hx__tok *t = HX__VEC_AT(doc->toks, hx__tok, i);
    out->span = hx__doc_span(doc, t->b0, t->b1);
    out->text = doc->text + t->b0;
    out->len = t->b1 - t->b0;
    out->pos = doc->ctx && doc->ctx->pos ? hx__tagger_label(doc->ctx->pos, t->pos) : NULL;
    out->ner = doc->ctx && doc->ctx->ner ? hx__tagger_label(doc->ctx->ner, t->ner) : NULL;
    out->sentence = t->sent;
    return HX_OK;
}

hx_status hx_doc_mention(const hx_doc *doc, size_t i, hx_mention *out)
{
    if (!doc || i >= doc->mentions.n) return HX_INVAL;
    const hx__mention *m = HX__VEC_AT(doc->mentions, hx__mention, i);
    const hx__tok *t = doc->toks.p;
    out->span = hx__doc_span(doc, t[m->first].b0, t[m->last - 1].b1);
    out->type = m->type;
    out->first = m->first;
    out->last = m->last;
    return HX_OK;
}
