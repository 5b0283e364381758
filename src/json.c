/*
 * json.c -- the document as JSON (docs/schema.md), and documents from JSON Lines records.
 *
 * Output is written directly into an hx__buf with hx__buf_json_str doing all string
 * escaping, so every control character and replaced byte comes out escaped.  The
 * pretty form is made from the compact one by re-indenting outside strings, so the
 * two can never disagree.  Parsing of input records uses jansson.
 */
#include "internal.h"

#include <jansson.h>
#include <string.h>

static void key(hx__buf *b, const char *k)
{
    hx__buf_putc(b, ',');
    hx__buf_json_str(b, k, strlen(k));
    hx__buf_putc(b, ':');
}

static void opt_str(hx__buf *b, const char *k, const char *v)
{
    key(b, k);
    if (v) hx__buf_json_str(b, v, strlen(v));
    else hx__buf_puts(b, "null");
}

/* Appends the decimal digits of v (printf is a tenth of the output time otherwise). */
static char *put_uint(char *p, size_t v)
{
    char tmp[24];
    int n = 0;
    do tmp[n++] = (char)('0' + v % 10); while ((v /= 10) != 0);
    while (n) *p++ = tmp[--n];
    return p;
}

/* Writes "start":S,"end":E,"bytes":[B0,B1] at p (room for 100 bytes); returns the end. */
static char *span_raw(char *p, hx_span s)
{
    memcpy(p, "\"start\":", 8), p += 8;
    p = put_uint(p, s.start);
    memcpy(p, ",\"end\":", 7), p += 7;
    p = put_uint(p, s.end);
    memcpy(p, ",\"bytes\":[", 10), p += 10;
    p = put_uint(p, s.bstart);
    *p++ = ',';
    p = put_uint(p, s.bend);
    *p++ = ']';
    return p;
}

static void put_span(hx__buf *b, hx_span s)
{
    char out[160];
    hx__buf_put(b, out, (size_t)(span_raw(out, s) - out));
}

void hx__json_span(hx__buf *b, const hx_doc *doc, size_t b0, size_t b1)
{
    put_span(b, hx__doc_span(doc, b0, b1));
}

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

static void text_of(hx__buf *b, const hx_doc *doc, size_t b0, size_t b1)
{
    hx__buf_puts(b, "\"text\":");
    hx__buf_json_str(b, doc->text + b0, b1 - b0);
    hx__buf_putc(b, ',');
}

/* "text":..., then the span: the members every annotation starts with. */
static void text_span(hx__buf *b, const hx_doc *doc, size_t b0, size_t b1)
{
    text_of(b, doc, b0, b1);
    hx__json_span(b, doc, b0, b1);
}

static void write_doc(hx__buf *b, const hx_doc *doc, unsigned flags)
{
    const hx__tok *t = doc->toks.p;

    hx__buf_printf(b, "{\"schema\":%d", HX_SCHEMA_VERSION);
    opt_str(b, "id", doc->id);
    if (doc->title) opt_str(b, "title", doc->title);
    opt_str(b, "date", doc->date);
    if (doc->source) opt_str(b, "source", doc->source);
    if (doc->url) opt_str(b, "url", doc->url);
    if (doc->meta_json) {
        key(b, "meta");
        hx__buf_puts(b, doc->meta_json);
    }
    hx_span all = hx__doc_span(doc, doc->len, doc->len);
    hx__buf_printf(b, ",\"length\":{\"chars\":%zu,\"bytes\":%zu}", all.end, doc->orig_len);

    key(b, "sentences");
    hx__buf_putc(b, '[');
    for (size_t i = 0; i < doc->sents.n; i++) {
        const hx__sent *s = HX__VEC_AT(doc->sents, hx__sent, i);
        hx__buf_puts(b, i ? ",{" : "{");
        hx__json_span(b, doc, t[s->first].b0, t[s->last - 1].b1);
        hx__buf_printf(b, ",\"tokens\":[%u,%u],\"paragraph\":%u}", s->first, s->last, s->para);
    }
    hx__buf_putc(b, ']');

    if (!(flags & HX_JSON_NO_TOKENS)) {
        key(b, "tokens");
        hx__buf_putc(b, '[');
        /* Tokens come in text order: when normalisation changed nothing, count their
         * code points in one sweep instead of converting each span on its own. */
        int sweep = doc->anchors.n == 0;
        size_t at = 0, cps = 0;
        for (size_t i = 0; i < doc->toks.n; i++) {
            const char *pos = doc->ctx && doc->ctx->pos ? hx__tagger_label(doc->ctx->pos, t[i].pos) : NULL;
            const char *ner = doc->ctx && doc->ctx->ner ? hx__tagger_label(doc->ctx->ner, t[i].ner) : NULL;
            size_t np = pos ? strlen(pos) : 0, nn = ner ? strlen(ner) : 0;
            hx_span sp;
            if (sweep) {
                for (; at < t[i].b0; at++) cps += ((unsigned char)doc->text[at] & 0xc0) != 0x80;
                sp.bstart = t[i].b0, sp.start = cps;
                for (; at < t[i].b1; at++) cps += ((unsigned char)doc->text[at] & 0xc0) != 0x80;
                sp.bend = t[i].b1, sp.end = cps;
            } else {
                sp = hx__doc_span(doc, t[i].b0, t[i].b1);
            }
            /* A token is a hundred bytes of output: written in one go into room made
             * for its longest form (every byte escaped, every number 20 digits). */
            size_t room = 6 * (t[i].b1 - t[i].b0 + np + nn) + 256 + hx__ud_room(doc, i);
            if (hx__buf_reserve(b, room)) return;
            char *p = b->p + b->n;
            if (i) *p++ = ',';
            memcpy(p, "{\"text\":", 8), p += 8;
            p = hx__json_str_raw(p, doc->text + t[i].b0, t[i].b1 - t[i].b0);
            *p++ = ',';
            p = span_raw(p, sp);
            memcpy(p, ",\"sentence\":", 12), p += 12;
            p = put_uint(p, t[i].sent);
            if (pos) {
                memcpy(p, ",\"pos\":", 7), p += 7;
                p = hx__json_str_raw(p, pos, np);
            }
            if (ner) {
                memcpy(p, ",\"ner\":", 7), p += 7;
                p = hx__json_str_raw(p, ner, nn);
            }
            p = hx__ud_json(p, doc, i);
            *p++ = '}';
            *p = '\0';
            b->n = (size_t)(p - b->p);
        }
        hx__buf_putc(b, ']');
    }

    key(b, "mentions");
    hx__buf_putc(b, '[');
    for (size_t i = 0; i < doc->mentions.n; i++) {
        const hx__mention *m = HX__VEC_AT(doc->mentions, hx__mention, i);
        hx__buf_puts(b, i ? ",{" : "{");
        hx__buf_puts(b, "\"type\":");
        hx__buf_json_str(b, m->type, strlen(m->type));
        hx__buf_putc(b, ',');
        text_span(b, doc, t[m->first].b0, t[m->last - 1].b1);
        hx__buf_printf(b, ",\"tokens\":[%u,%u]}", m->first, m->last);
    }
    hx__buf_putc(b, ']');

    key(b, "quantities");
    hx__buf_putc(b, '[');
    for (size_t i = 0; i < doc->quants.n; i++) {
        const hx__quant *q = HX__VEC_AT(doc->quants, hx__quant, i);
        hx__buf_puts(b, i ? ",{" : "{");
        text_span(b, doc, q->b0, q->b1);
        opt_str(b, "kind", q->kind);
        hx__buf_puts(b, ",\"value\":");
        hx__buf_json_num(b, q->value);
        opt_str(b, "bound", bound_name(q->bound));
        if (q->bound == HX_BOUND_RANGE) {
            hx__buf_puts(b, ",\"max\":");
            hx__buf_json_num(b, q->max);
        }
        hx__buf_printf(b, ",\"vague\":%s", q->vague ? "true" : "false");
        opt_str(b, "unit", q->unit);
        key(b, "of");
        if (q->of1 > q->of0) {
            hx__buf_putc(b, '{');
            text_span(b, doc, q->of0, q->of1);
            hx__buf_putc(b, '}');
        } else {
            hx__buf_puts(b, "null");
        }
        hx__buf_putc(b, '}');
    }
    hx__buf_putc(b, ']');

    key(b, "times");
    hx__buf_putc(b, '[');
    for (size_t i = 0; i < doc->times.n; i++) {
        const hx__time *tm = HX__VEC_AT(doc->times, hx__time, i);
        hx__buf_puts(b, i ? ",{" : "{");
        text_span(b, doc, tm->b0, tm->b1);
        opt_str(b, "type", tm->type);
        opt_str(b, "value", tm->value);
        opt_str(b, "anchor", tm->anchor[0] ? tm->anchor : NULL);
        if (tm->mod) opt_str(b, "mod", tm->mod);
        hx__buf_putc(b, '}');
    }
    hx__buf_putc(b, ']');
    hx__json_entities(b, doc);
    hx__json_claims(b, doc);
    hx__json_events(b, doc);
    hx__buf_putc(b, '}');
}

/* End (index after the closing bracket) of the compact value opening at s[i], if it
 * closes within max bytes; 0 otherwise. */
static size_t close_within(const char *s, size_t n, size_t i, size_t max)
{
    int depth = 0, in_str = 0;
    size_t lim = i + max < n ? i + max : n;
    for (size_t k = i; k < lim; k++) {
        char c = s[k];
        if (in_str) {
            if (c == '\\') k++;
            else if (c == '"') in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return k + 1;
        }
    }
    return 0;
}

/* Re-indents compact JSON: two spaces a level, one member per line, except that a
 * value whose compact form is short (a span, a sentence) stays on one line. */
static void prettify(hx__buf *out, const char *s, size_t n)
{
    int depth = 0, in_str = 0;
    size_t inline_end = 0; /* inside a short value written on one line until here */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            hx__buf_putc(out, c);
            if (c == '\\') hx__buf_putc(out, s[++i]);
            else if (c == '"') in_str = 0;
            continue;
        }
        if (i < inline_end) {
            if (c == '"') in_str = 1;
            hx__buf_putc(out, c);
            if (c == ',' || c == ':') hx__buf_putc(out, ' ');
            continue;
        }
        switch (c) {
        case '"': in_str = 1; hx__buf_putc(out, c); break;
        case '{': case '[':
            if ((inline_end = close_within(s, n, i, 96)) != 0) {
                hx__buf_putc(out, c);
                break;
            }
            depth++;
            hx__buf_putc(out, c);
            hx__buf_printf(out, "\n%*s", depth * 2, "");
            break;
        case '}': case ']':
            depth--;
            hx__buf_printf(out, "\n%*s", depth * 2, "");
            hx__buf_putc(out, c);
            break;
        case ',': hx__buf_printf(out, ",\n%*s", depth * 2, ""); break;
        case ':': hx__buf_puts(out, ": "); break;
        default: hx__buf_putc(out, c);
        }
    }
}

hx_status hx_doc_json(const hx_doc *doc, unsigned flags, char **out, size_t *len, hx_error *err)
{
    hx__buf b = {0};
    *out = NULL;
    if (!doc) return hx__err(err, HX_INVAL, SIZE_MAX, "document is NULL");
    hx__buf_reserve(&b, 64 + doc->toks.n * 80 + doc->len);
    write_doc(&b, doc, flags);
    if (flags & HX_JSON_PRETTY) {
        hx__buf p = {0};
        prettify(&p, b.p, b.n);
        hx__buf_free(&b);
        b = p;
    }
    if (b.oom) {
        hx__buf_free(&b);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    *out = b.p;
    if (len) *len = b.n;
    return HX_OK;
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
