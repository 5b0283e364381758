/*
 * pipeline.c -- the top of the library: the context (hx_ctx_new loads the tagger models
 * and the claims filter), hx_doc_analyze (runs the stages in order), and the document
 * JSON of docs/schema.md (hx_doc_json), put together from each stage's layer writer.
 *
 * Stage order is the order of the layers in struct hx_doc (core/core.h): tokens and
 * sentences (core), tags and mentions (tagger), quantities (numbers), times (timex),
 * entities, claims, events.  Each stage may read every layer before its own.  This file
 * is the only one that knows all the stages; none of them includes it (see
 * docs/architecture.md).
 *
 * The JSON is written directly into an hx__buf with hx__buf_json_str doing all string
 * escaping.  The pretty form is made from the compact one by re-indenting outside
 * strings, so the two can never disagree.
 */
#include "core/core.h"
#include "tagger/tagger.h"
#include "numbers/numbers.h"
#include "timex/timex.h"
#include "entities/entities.h"
#include "claims/claims.h"
#include "parse/parse.h"
#include "events/events.h"
#include "plover/plover.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- context */

/* What the parser borrows from the claims stage's lemmatiser (it ranks below claims,
 * so it gets the functions from here instead of calling them). */
static const hx__udlex lexfns = {hx__lower, hx__lemma_verb, hx__verb_known};

hx_status hx_ctx_new(const hx_options *opt, hx_ctx **out, hx_error *err)
{
    hx_status st = HX_OK;
    hx_ctx *ctx;
    const char *dir;
    char path[4096];

    *out = NULL;
    if (!(ctx = calloc(1, sizeof *ctx))) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    pthread_mutex_init(&ctx->parse_mu, NULL);
    ctx->parse_lex = &lexfns;
    ctx->stages = (opt && opt->stages) ? opt->stages : HX_STAGE_ALL;
    dir = opt && opt->models_dir ? opt->models_dir : getenv("HECHOS_MODELS");
#ifdef HX_MODELS_DEFAULT
    if (!dir || !*dir) dir = HX_MODELS_DEFAULT;
#endif
    if (dir && !(ctx->models_dir = strdup(dir))) {
        st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
        goto fail;
    }
    if (ctx->models_dir && (ctx->stages & HX_STAGE_TAGGER)) {
        /* ner-caps.hxm (issue 17) is optional: NER for sentences in capitals or in
         * lower case, with the labels of ner.hxm. */
        static const char *const names[3] = {"pos.hxm", "ner.hxm", "ner-caps.hxm"};
        struct hx__tagger **slots[3] = {&ctx->pos, &ctx->ner, &ctx->ner_caps};
        for (int i = 0; i < 3; i++) {
            snprintf(path, sizeof path, "%s/%s", ctx->models_dir, names[i]);
            FILE *f = fopen(path, "rb");
            if (!f) {
                if (opt && opt->require_models && i < 2) {
                    st = hx__err(err, HX_NOTFOUND, SIZE_MAX, "%s: model not found", path);
                    goto fail;
                }
                continue;
            }
            fclose(f);
            if ((st = hx__tagger_load(path, slots[i], err)) != HX_OK) goto fail;
        }
        if (ctx->ner_caps && !hx__tagger_same_labels(ctx->ner, ctx->ner_caps)) {
            st = hx__err(err, HX_MODEL, SIZE_MAX, "%s/ner-caps.hxm: not the labels of "
                         "ner.hxm", ctx->models_dir);
            goto fail;
        }
    }
    if (ctx->stages & HX_STAGE_CLAIMS) ctx->cue_filter = hx__cl_filter_new();
    if ((ctx->stages & HX_STAGE_PARSE) &&
        (st = hx__parser_load_lex(ctx->models_dir, &lexfns, &ctx->parser, err)) != HX_OK)
        goto fail;
    *out = ctx;
    return HX_OK;
fail:
    hx_ctx_free(ctx);
    return st;
}

void hx_ctx_free(hx_ctx *ctx)
{
    if (!ctx) return;
    hx__tagger_free(ctx->pos);
    hx__tagger_free(ctx->ner);
    hx__tagger_free(ctx->ner_caps);
    hx_parser_free(ctx->parser);
    pthread_mutex_destroy(&ctx->parse_mu);
    free(ctx->models_dir);
    free(ctx->cue_filter);
    free(ctx);
}

/* ---------------------------------------------------------------- analysis */

hx_status hx_doc_analyze(hx_doc *doc, hx_error *err)
{
    hx_status st;
    if (!doc) return hx__err(err, HX_INVAL, SIZE_MAX, "document is NULL");
    if (doc->analyzed) return HX_OK;
    unsigned stages = doc->ctx ? doc->ctx->stages : HX_STAGE_ALL;
    if (!doc->pretokenized) {
        if ((st = hx__tokenize(doc)) != HX_OK) return hx__err(err, st, SIZE_MAX, "tokenizer: %s", hx_strerror(st));
        if ((st = hx__split_sentences(doc)) != HX_OK) return hx__err(err, st, SIZE_MAX, "sentences: %s", hx_strerror(st));
    }
    if ((stages & HX_STAGE_TAGGER) && doc->ctx && (doc->ctx->pos || doc->ctx->ner)
        && (st = hx__tag_doc(doc, err)) != HX_OK)
        return st;
    /* every sentence with HX_STAGE_PARSE; else claims and events parse on demand */
    if (doc->ctx && (doc->ctx->stages & HX_STAGE_PARSE) && doc->ctx->parser
        && (st = hx__parse_doc(doc, err)) != HX_OK)
        return st;
    if (!doc->pretokenized) {
        if ((stages & HX_STAGE_NUMBERS) && (st = hx__find_quantities(doc, err)) != HX_OK) return st;
        if ((stages & HX_STAGE_TIMES) && (st = hx__find_times(doc, err)) != HX_OK) return st;
        if ((stages & HX_STAGE_ENTITIES) && (st = hx__find_entities(doc, err)) != HX_OK) return st;
        if ((stages & HX_STAGE_CLAIMS) && (st = hx__find_claims(doc, err)) != HX_OK) return st;
        if ((stages & HX_STAGE_EVENTS) && (st = hx__find_events(doc, err)) != HX_OK) return st;
    }
    /* Every token lies in a sentence, and sentences cover the tokens in order. */
    assert(doc->toks.n == 0 || (doc->sents.n > 0
                                && HX__VEC_AT(doc->sents, hx__sent, doc->sents.n - 1)->last == doc->toks.n));
    doc->analyzed = 1;
    return HX_OK;
}

/* ---------------------------------------------------------------- document JSON */

static void write_doc(hx__buf *b, const hx_doc *doc, unsigned flags)
{
    hx__buf_printf(b, "{\"schema\":%d", HX_SCHEMA_VERSION);
    hx__json_opt_str(b, "id", doc->id);
    if (doc->title) hx__json_opt_str(b, "title", doc->title);
    hx__json_opt_str(b, "date", doc->date);
    if (doc->source) hx__json_opt_str(b, "source", doc->source);
    if (doc->url) hx__json_opt_str(b, "url", doc->url);
    if (doc->meta_json) {
        hx__json_key(b, "meta");
        hx__buf_puts(b, doc->meta_json);
    }
    hx_span all = hx__doc_span(doc, doc->len, doc->len);
    hx__buf_printf(b, ",\"length\":{\"chars\":%zu,\"bytes\":%zu}", all.end, doc->orig_len);
    hx__json_sentences(b, doc);
    static const hx__tok_json_ext ud = {hx__ud_room, hx__ud_json};
    if (!(flags & HX_JSON_NO_TOKENS)) hx__json_tokens(b, doc, doc->layer_data[1] ? &ud : NULL);
    hx__json_mentions(b, doc);
    hx__json_quantities(b, doc);
    hx__json_times(b, doc);
    hx__json_entities(b, doc);
    hx__json_claims(b, doc);
    hx__json_events(b, doc, hx__json_plover_member);
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

hx_status hx_doc_json_write(const hx_doc *doc, unsigned flags, hx_write_fn write, void *ud,
                            hx_error *err)
{
    if (!doc || !write) return hx__err(err, HX_INVAL, SIZE_MAX, "document or writer is NULL");
    if (flags & HX_JSON_PRETTY) {
        char *out;
        size_t len;
        hx_status st = hx_doc_json(doc, flags, &out, &len, err);
        if (st != HX_OK) return st;
        int bad = write(ud, out, len);
        free(out);
        return bad ? hx__err(err, HX_IO, SIZE_MAX, "write error") : HX_OK;
    }
    hx__sink sink = {write, ud, 0};
    hx__buf b = {0};
    hx__buf_reserve(&b, (size_t)1 << 16);
    b.sink = &sink;
    write_doc(&b, doc, flags);
    hx__buf_drain(&b);
    hx__buf_free(&b);
    if (sink.failed) return hx__err(err, HX_IO, SIZE_MAX, "write error");
    if (b.oom) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    return HX_OK;
}

