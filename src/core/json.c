/*
 * json.c -- the pieces of JSON every layer writer uses (keys, optional strings, spans,
 * "text" with its span), the core's own layer (sentences), and documents from JSON Lines
 * records (read with jansson).
 *
 * Output is written directly into an hx__buf with hx__buf_json_str doing all string
 * escaping, so every control character and replaced byte comes out escaped.  Each
 * stage writes its own layer with these helpers (STAGE/STAGE_out.c); src/pipeline.c
 * puts the layers together into the document JSON of docs/schema.md.
 */
#include "core/core.h"

#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

void hx__json_key(hx__buf *b, const char *k)
{
    hx__buf_putc(b, ',');
    hx__buf_json_str(b, k, strlen(k));
    hx__buf_putc(b, ':');
}

void hx__json_opt_str(hx__buf *b, const char *k, const char *v)
{
    hx__json_key(b, k);
    if (v) hx__buf_json_str(b, v, strlen(v));
    else hx__buf_puts(b, "null");
}

void hx__json_span(hx__buf *b, const hx_doc *doc, size_t b0, size_t b1)
{
    char out[160];
    hx__buf_put(b, out, (size_t)(hx__json_span_raw(out, hx__doc_span(doc, b0, b1)) - out));
}

void hx__json_text_span(hx__buf *b, const hx_doc *doc, size_t b0, size_t b1)
{
    hx__buf_puts(b, "\"text\":");
    hx__buf_json_str(b, doc->text + b0, b1 - b0);
    hx__buf_putc(b, ',');
    hx__json_span(b, doc, b0, b1);
}

void hx__json_sentences(hx__buf *b, const hx_doc *doc)
{
    const hx__tok *t = doc->toks.p;
    hx__json_key(b, "sentences");
    hx__buf_putc(b, '[');
    for (size_t i = 0; i < doc->sents.n; i++) {
        const hx__sent *s = HX__VEC_AT(doc->sents, hx__sent, i);
        assert(s->first < s->last && s->last <= doc->toks.n); /* sentences are never empty */
        hx__buf_puts(b, i ? ",{" : "{");
        hx__json_span(b, doc, t[s->first].b0, t[s->last - 1].b1);
        hx__buf_puts(b, ",\"tokens\":[");
        hx__buf_uint(b, s->first);
        hx__buf_putc(b, ',');
        hx__buf_uint(b, s->last);
        hx__buf_puts(b, "],\"paragraph\":");
        hx__buf_uint(b, s->para);
        hx__buf_putc(b, '}');
    }
    hx__buf_putc(b, ']');
}

/* ---------------------------------------------------------------- JSON Lines input */

hx_status hx_doc_from_json(const hx_ctx *ctx, const char *json, size_t len, unsigned flags,
                           hx_doc **out, hx_error *err)
{
    static const char *const known[] = {"id", "text", "title", "date", "source", "url"};
    json_error_t je;
    json_t *root, *meta = NULL;
    const char *fields[6] = {0};
    char numid[32];
    hx_status st = HX_OK;

    *out = NULL;
    hx__buf clean = {0};
    if (flags & HX_LENIENT) {
        /* Invalid bytes become U+FFFD before jansson, which would reject them. */
        const unsigned char *u = (const unsigned char *)json;
        for (size_t i = 0; i < len;) {
            int32_t cp;
            size_t k = u[i] ? hx__utf8_decode(u + i, len - i, &cp) : 0;
            if (k) hx__buf_put(&clean, json + i, k), i += k;
            else hx__buf_put(&clean, "\xef\xbf\xbd", 3), i++;
        }
        if (clean.oom) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
        json = clean.p ? clean.p : "";
        len = clean.n;
    }
    root = json_loadb(json, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    hx__buf_free(&clean);
    if (!root) {
        /* jansson quotes the input near the error: keep the message one printable line. */
        for (char *c = je.text; *c; c++)
            if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f) *c = '?';
        return hx__err(err, HX_JSON, (size_t)je.position, "%s at byte %d", je.text, je.position);
    }
    if (!json_is_object(root)) {
        st = hx__err(err, HX_JSON, 0, "record is not a JSON object");
        goto done;
    }
    for (size_t i = 0; i < 6; i++) {
        json_t *v = json_object_get(root, known[i]);
        if (!v || json_is_null(v)) continue;
        if (json_is_string(v)) {
            fields[i] = json_string_value(v);
            if (i != 1 && strlen(fields[i]) != json_string_length(v)) {
                st = hx__err(err, HX_FIELD, SIZE_MAX, "field \"%s\" contains a NUL character", known[i]);
                goto done;
            }
        } else if (i == 0 && json_is_integer(v)) {
            snprintf(numid, sizeof numid, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            fields[0] = numid;
        } else {
            st = hx__err(err, HX_FIELD, SIZE_MAX, "field \"%s\" must be a string", known[i]);
            goto done;
        }
    }
    if (!fields[1]) {
        st = hx__err(err, HX_FIELD, SIZE_MAX, "missing field \"text\"");
        goto done;
    }
    if (fields[3] && !hx__valid_date(fields[3])) {
        char shown[200];
        st = hx__err(err, HX_FIELD, SIZE_MAX, "field \"date\" is not an ISO 8601 date: \"%s\"",
                     hx__printable(shown, sizeof shown, fields[3], 40));
        goto done;
    }
    /* Every other member is echoed under "meta". */
    const char *k;
    json_t *v;
    json_object_foreach(root, k, v) {
        int is_known = 0;
        for (size_t i = 0; i < 6; i++) is_known |= strcmp(k, known[i]) == 0;
        if (is_known) continue;
        if (!meta && !(meta = json_object())) goto nomem;
        if (json_object_set(meta, k, v)) goto nomem;
    }
    char *meta_text = meta ? json_dumps(meta, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (meta && !meta_text) goto nomem;
    hx_docinfo info = {fields[0], fields[2], fields[3], fields[4], fields[5], meta_text, flags};
    json_t *text = json_object_get(root, "text");
    st = hx_doc_new(ctx, json_string_value(text), json_string_length(text), &info, out, err);
    if (st != HX_OK && err) {
        /* Say where in the text; the byte offset is one of the decoded "text". */
        static const char prefix[] = "field \"text\": ";
        size_t room = sizeof err->msg - sizeof prefix;
        memmove(err->msg + sizeof prefix - 1, err->msg, room);
        err->msg[sizeof err->msg - 1] = '\0';
        memcpy(err->msg, prefix, sizeof prefix - 1);
    }
    free(meta_text);
    goto done;
nomem:
    st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
done:
    json_decref(meta);
    json_decref(root);
    return st;
}
