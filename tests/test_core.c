/*
 * test_core.c -- unit tests of the core API: status codes, document creation from text,
 * JSON records and token lists, input validation (UTF-8, NUL, lenient mode), offsets
 * into the original input, JSON output, and the tokenizer on a table of cases.
 *
 * Invariants checked throughout: every token's span points at its own text in the
 * ORIGINAL input (code points and bytes), and every JSON output parses with jansson.
 */
#include "hechos.h"
#include "testutil.h"

#include <jansson.h>

/* ---------------------------------------------------------------- helpers */

/* Code points in s[0..n) of valid UTF-8. */
static size_t cps_of(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

/* The tokens of doc joined by '|', into buf. */
static void join_tokens(const hx_doc *doc, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < hx_doc_ntokens(doc); i++) {
        hx_token t;
        assert_int_equal(hx_doc_token(doc, i, &t), HX_OK);
        int k = snprintf(buf + n, cap - n, "%s%.*s", i ? "|" : "", (int)t.len, t.text);
        assert_true(k > 0 && (size_t)k < cap - n);
        n += (size_t)k;
    }
}

/* Each token's byte span covers its text in the original input (valid UTF-8 without
 * changes by normalisation), and the code point span agrees with the bytes. */
static void check_spans_plain(const hx_doc *doc, const char *orig)
{
    for (size_t i = 0; i < hx_doc_ntokens(doc); i++) {
        hx_token t;
        assert_int_equal(hx_doc_token(doc, i, &t), HX_OK);
        assert_int_equal(t.span.bend - t.span.bstart, t.len);
        assert_memory_equal(orig + t.span.bstart, t.text, t.len);
        assert_int_equal(t.span.start, cps_of(orig, t.span.bstart));
        assert_int_equal(t.span.end, cps_of(orig, t.span.bend));
    }
}

/* The document JSON, parsed; the string is checked to be one line. */
static json_t *doc_json(const hx_doc *doc, unsigned flags)
{
    char *s = NULL;
    size_t len = 0;
    hx_error err;
    json_error_t je;
    assert_int_equal(hx_doc_json(doc, flags, &s, &len, &err), HX_OK);
    assert_non_null(s);
    assert_int_equal(strlen(s), len);
    if (!(flags & HX_JSON_PRETTY)) assert_null(strchr(s, '\n'));
    json_t *v = json_loadb(s, len, 0, &je);
    if (!v) fail_msg("output is not JSON: %s at %d: %.200s", je.text, je.position, s);
    hx_free(s);
    return v;
}

static hx_status from_json(const hx_ctx *ctx, const char *rec, unsigned flags, hx_doc **doc,
                           hx_error *err)
{
    return hx_doc_from_json(ctx, rec, strlen(rec), flags, doc, err);
}

/* ---------------------------------------------------------------- status codes */

static void strerror_names_every_code(void **state)
{
    (void)state;
    for (int c = 0; c < HX__NSTATUS; c++) {
        const char *m = hx_strerror((hx_status)c);
        assert_non_null(m);
        assert_true(strlen(m) > 1);
        for (int d = 0; d < c; d++) assert_string_not_equal(m, hx_strerror((hx_status)d));
    }
    assert_string_equal(hx_strerror(HX_OK), "ok");
    assert_string_equal(hx_strerror(HX_UTF8), "invalid UTF-8");
    assert_non_null(hx_strerror(HX__NSTATUS));
    assert_non_null(hx_strerror((hx_status)-1));
    hx_free(NULL);
    hx_doc_free(NULL);
    hx_ctx_free(NULL);
}

/* ---------------------------------------------------------------- hx_doc_new */

static void bom_is_dropped_but_counted_in_offsets(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    const char in[] = "\xef\xbb\xbfHola mundo.";
    hx_doc *doc = tu_doc(ctx, in, sizeof in - 1, NULL, 0);
    char buf[256];
    join_tokens(doc, buf, sizeof buf);
    assert_string_equal(buf, "Hola|mundo|.");
    hx_token t;
    hx_doc_token(doc, 0, &t);
    assert_int_equal(t.span.start, 1); /* the BOM is one code point of the input */
    assert_int_equal(t.span.end, 5);
    assert_int_equal(t.span.bstart, 3);
    assert_int_equal(t.span.bend, 7);
    check_spans_plain(doc, in);
    json_t *j = doc_json(doc, 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "length"), "chars")), 12);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "length"), "bytes")), 14);
    json_decref(j);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void crlf_is_a_line_break(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    /* one CRLF where the text wraps: same sentence; two: a paragraph break */
    const char in[] = "Primera frase que\r\nsigue aqu\xc3\xad.\r\n\r\nOtro p\xc3\xa1rrafo\r\n\r\ny otro m\xc3\xa1s.\r\n";
    hx_doc *doc = tu_doc(ctx, in, sizeof in - 1, NULL, 0);
    char buf[256];
    join_tokens(doc, buf, sizeof buf);
    assert_string_equal(buf, "Primera|frase|que|sigue|aqu\xc3\xad|.|Otro|p\xc3\xa1rrafo|y|otro|m\xc3\xa1s|.");
    assert_int_equal(hx_doc_nsentences(doc), 3);
    hx_sentence s;
    hx_doc_sentence(doc, 0, &s);
    assert_int_equal(s.last, 6);
    assert_int_equal(s.paragraph, 0);
    hx_doc_sentence(doc, 1, &s);
    assert_int_equal(s.paragraph, 1);
    hx_doc_sentence(doc, 2, &s);
    assert_int_equal(s.paragraph, 2);
    check_spans_plain(doc, in);
    hx_doc_free(doc);
    /* a lone CR is a line break too */
    doc = tu_doc(ctx, "Uno\rDos", 7, NULL, 0);
    assert_int_equal(hx_doc_nsentences(doc), 2);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void decomposed_input_gives_nfc_tokens_with_original_offsets(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    /* "café con leche y pin\u0303a" with decomposed é and ñ */
    const char in[] = "cafe\xcc\x81 con leche y pin\xcc\x83" "a.";
    hx_doc *doc = tu_doc(ctx, in, sizeof in - 1, NULL, 0);
    char buf[256];
    join_tokens(doc, buf, sizeof buf);
    assert_string_equal(buf, "caf\xc3\xa9|con|leche|y|pi\xc3\xb1" "a|.");
    hx_token t;
    hx_doc_token(doc, 0, &t);
    assert_int_equal(t.len, 5); /* NFC: c a f é */
    assert_int_equal(t.span.start, 0);
    assert_int_equal(t.span.end, 5); /* five code points in the input */
    assert_int_equal(t.span.bstart, 0);
    assert_int_equal(t.span.bend, 6);
    hx_doc_token(doc, 1, &t); /* "con" */
    assert_int_equal(t.span.start, 6);
    assert_int_equal(t.span.end, 9);
    assert_int_equal(t.span.bstart, 7);
    assert_int_equal(t.span.bend, 10);
    hx_doc_token(doc, 4, &t); /* "piña" */
    assert_int_equal(t.span.bstart, 19);
    assert_int_equal(t.span.bend, 25);
    assert_memory_equal(in + t.span.bstart, "pin\xcc\x83" "a", 6);
    assert_int_equal(t.span.start, 18);
    assert_int_equal(t.span.end, 23);
    hx_doc_token(doc, 5, &t); /* "." */
    assert_int_equal(t.span.start, 23);
    assert_int_equal(t.span.bstart, 25);
    /* the JSON gives the same offsets */
    json_t *j = doc_json(doc, 0);
    json_t *tok = json_array_get(json_object_get(j, "tokens"), 0);
    assert_string_equal(json_string_value(json_object_get(tok, "text")), "caf\xc3\xa9");
    assert_int_equal(json_integer_value(json_object_get(tok, "end")), 5);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(tok, "bytes"), 1)), 6);
    json_decref(j);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

/* Found by fuzzing: a run changed by NFC must not give two tokens the same span. */
static void tokens_never_overlap_after_normalisation(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "a\xcc\x81\xe2\x80\x9c" "cita\xe2\x80\x9d",  /* á“cita” decomposed */
        "(\xcc\x81\xcc\xa3" "1)",                         /* marks reordered after '(' */
        "e\xcc\x81\xc2\xab" "x\xc2\xbb.",               /* é«x». */
        "\xcc\x81\xcc\xa3\xcc\x81 a",                    /* marks with no base */
        "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8 y",     /* Hangul jamo compose */
    };
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        size_t len = strlen(inputs[i]);
        hx_doc *doc = tu_doc(ctx, inputs[i], len, NULL, 0);
        size_t prev_b = 0, prev_c = 0;
        assert_true(hx_doc_ntokens(doc) >= 2);
        for (size_t k = 0; k < hx_doc_ntokens(doc); k++) {
            hx_token t;
            hx_doc_token(doc, k, &t);
            if (t.span.bstart < prev_b || t.span.start < prev_c || t.span.bend <= t.span.bstart
                || t.span.bend > len)
                fail_msg("input %zu, token %zu [%.*s]: bytes %zu-%zu after %zu", i, k, (int)t.len,
                         t.text, t.span.bstart, t.span.bend, prev_b);
            prev_b = t.span.bend;
            prev_c = t.span.end;
        }
        hx_doc_free(doc);
    }
    hx_ctx_free(ctx);
}

static void invalid_utf8_is_reported_at_the_first_bad_byte(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len, offset;
        hx_status code;
    } cases[] = {
        {"abc\xff" "def", 7, 3, HX_UTF8},           /* byte that never occurs */
        {"ab\xc3", 3, 2, HX_UTF8},                  /* truncated at the end */
        {"ab\xc3(d", 5, 2, HX_UTF8},                /* missing continuation */
        {"x\x80y", 3, 1, HX_UTF8},                  /* lone continuation */
        {"ok \xc0\xaf", 5, 3, HX_UTF8},             /* overlong '/' (2 bytes) */
        {"ok \xe0\x80\xaf", 6, 3, HX_UTF8},         /* overlong '/' (3 bytes) */
        {"ok \xf0\x80\x80\xaf", 7, 3, HX_UTF8},     /* overlong '/' (4 bytes) */
        {"\xed\xa0\x80 sur", 7, 0, HX_UTF8},        /* surrogate U+D800 */
        {"a \xed\xbf\xbf", 5, 2, HX_UTF8},          /* surrogate U+DFFF */
        {"\xc3\xa1\xf4\x90\x80\x80", 6, 2, HX_UTF8}, /* above U+10FFFF */
        {"\xc3\xa1\xf5\x80\x80\x80", 6, 2, HX_UTF8}, /* F5 lead byte */
        {"ab\0cd", 5, 2, HX_NUL},
        {"\0", 1, 0, HX_NUL},
        {"caf\xc3\xa9\xff\0", 7, 5, HX_UTF8},       /* the first problem wins */
    };
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        hx_doc *doc = (hx_doc *)1;
        hx_error err = {HX_OK, 0, ""};
        hx_status st = hx_doc_new(ctx, cases[i].in, cases[i].len, NULL, &doc, &err);
        if (st != cases[i].code || err.offset != cases[i].offset)
            fail_msg("case %zu: status %d offset %zu (%s), want %d at %zu", i, st, err.offset,
                     err.msg, cases[i].code, cases[i].offset);
        assert_int_equal(err.code, st);
        assert_null(doc);
        assert_true(strlen(err.msg) > 0);
        assert_null(strchr(err.msg, '\n'));
        /* without an error struct, the status alone */
        assert_int_equal(hx_doc_new(ctx, cases[i].in, cases[i].len, NULL, &doc, NULL), cases[i].code);
        /* lenient: always a document, offsets still into the original */
        hx_doc *ldoc = tu_doc(ctx, cases[i].in, cases[i].len, NULL, HX_LENIENT);
        for (size_t k = 0; k < hx_doc_ntokens(ldoc); k++) {
            hx_token t;
            hx_doc_token(ldoc, k, &t);
            assert_true(t.span.bend <= cases[i].len);
            assert_true(t.span.start <= t.span.end && t.span.end <= cases[i].len);
        }
        json_t *j = doc_json(ldoc, 0);
        json_decref(j);
        hx_doc_free(ldoc);
    }
    hx_ctx_free(ctx);
}

static void lenient_mode_replaces_bad_bytes_and_keeps_offsets(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    const char in[] = "ab\xff" "cd y\0z ma\xc3\xb1" "ana";
    size_t len = sizeof in - 1;
    hx_doc *doc = tu_doc(ctx, in, len, NULL, HX_LENIENT);
    char buf[256];
    join_tokens(doc, buf, sizeof buf);
    /* U+FFFD is a symbol, so it stands as a token of its own */
    assert_string_equal(buf, "ab|\xef\xbf\xbd|cd|y|\xef\xbf\xbd|z|ma\xc3\xb1" "ana");
    hx_token t;
    hx_doc_token(doc, 1, &t); /* the replaced byte */
    assert_int_equal(t.span.start, 2);
    assert_int_equal(t.span.end, 3);
    assert_int_equal(t.span.bstart, 2);
    assert_int_equal(t.span.bend, 3);
    hx_doc_token(doc, 2, &t); /* "cd": each invalid byte counts as one code point */
    assert_int_equal(t.span.start, 3);
    assert_int_equal(t.span.bstart, 3);
    hx_doc_token(doc, 4, &t); /* the NUL */
    assert_int_equal(t.span.bstart, 7);
    assert_int_equal(t.span.bend, 8);
    hx_doc_token(doc, 6, &t); /* "mañana" */
    assert_int_equal(t.span.start, 10);
    assert_int_equal(t.span.end, 16);
    assert_int_equal(t.span.bstart, 10);
    assert_int_equal(t.span.bend, 17);
    json_t *j = doc_json(doc, 0);
    json_t *tok = json_array_get(json_object_get(j, "tokens"), 1);
    assert_string_equal(json_string_value(json_object_get(tok, "text")), "\xef\xbf\xbd");
    json_decref(j);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void empty_and_blank_texts_have_no_tokens(void **state)
{
    (void)state;
    static const char *const blanks[] = {"", " ", "\n\n\n", " \t\r\n \r\n\t ", "\xef\xbb\xbf",
                                         "\xc2\xa0\xe2\x80\x83\n"};
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    for (size_t i = 0; i < sizeof blanks / sizeof *blanks; i++) {
        hx_doc *doc = tu_doc(ctx, blanks[i], strlen(blanks[i]), NULL, 0);
        assert_int_equal(hx_doc_ntokens(doc), 0);
        assert_int_equal(hx_doc_nsentences(doc), 0);
        hx_token t;
        hx_sentence s;
        assert_int_equal(hx_doc_token(doc, 0, &t), HX_INVAL);
        assert_int_equal(hx_doc_sentence(doc, 0, &s), HX_INVAL);
        json_t *j = doc_json(doc, 0);
        assert_int_equal(json_array_size(json_object_get(j, "tokens")), 0);
        assert_int_equal(json_array_size(json_object_get(j, "sentences")), 0);
        assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "length"), "bytes")),
                         strlen(blanks[i]));
        json_decref(j);
        hx_doc_free(doc);
    }
    /* NULL text of length 0 is an empty document; NULL with a length is an error */
    hx_doc *doc = NULL;
    hx_error err;
    assert_int_equal(hx_doc_new(ctx, NULL, 0, NULL, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    assert_int_equal(hx_doc_ntokens(doc), 0);
    hx_doc_free(doc);
    assert_int_equal(hx_doc_new(ctx, NULL, 3, NULL, &doc, &err), HX_INVAL);
    assert_null(doc);
    assert_int_equal(hx_doc_analyze(NULL, &err), HX_INVAL);
    hx_ctx_free(ctx);
}

static void analyze_twice_is_harmless(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    const char in[] = "Uno. Dos.";
    hx_doc *doc = tu_doc(ctx, in, sizeof in - 1, NULL, 0);
    hx_error err;
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    assert_int_equal(hx_doc_ntokens(doc), 4);
    assert_int_equal(hx_doc_nsentences(doc), 2);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void document_without_context_uses_default_stages(void **state)
{
    (void)state;
    hx_doc *doc = tu_doc(NULL, "Hola.", 5, NULL, 0);
    assert_int_equal(hx_doc_ntokens(doc), 2);
    hx_token t;
    hx_doc_token(doc, 0, &t);
    assert_null(t.pos);
    hx_doc_free(doc);
}

/* ---------------------------------------------------------------- JSON Lines records */

static void json_record_with_every_field(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    hx_doc *doc = NULL;
    hx_error err;
    const char *rec = "{\"id\":\"a-1\",\"title\":\"Titular\",\"date\":\"2025-07-12\","
                      "\"source\":\"Diario\",\"url\":\"https://ej.es/1\",\"text\":\"Hola, Ana.\","
                      "\"seccion\":\"mundo\",\"etiquetas\":[\"x\",2],\"n\":{\"a\":null}}";
    assert_int_equal(from_json(ctx, rec, 0, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    assert_int_equal(hx_doc_ntokens(doc), 4);
    json_t *j = doc_json(doc, 0);
    assert_int_equal(json_integer_value(json_object_get(j, "schema")), HX_SCHEMA_VERSION);
    assert_string_equal(json_string_value(json_object_get(j, "id")), "a-1");
    assert_string_equal(json_string_value(json_object_get(j, "title")), "Titular");
    assert_string_equal(json_string_value(json_object_get(j, "date")), "2025-07-12");
    assert_string_equal(json_string_value(json_object_get(j, "source")), "Diario");
    assert_string_equal(json_string_value(json_object_get(j, "url")), "https://ej.es/1");
    json_t *meta = json_object_get(j, "meta");
    assert_true(json_is_object(meta));
    assert_int_equal(json_object_size(meta), 3);
    assert_string_equal(json_string_value(json_object_get(meta, "seccion")), "mundo");
    json_t *want = json_loads("[\"x\",2]", 0, NULL);
    assert_true(json_equal(json_object_get(meta, "etiquetas"), want));
    json_decref(want);
    assert_true(json_is_null(json_object_get(json_object_get(meta, "n"), "a")));
    /* the known fields do not leak into meta */
    assert_null(json_object_get(meta, "text"));
    assert_null(json_object_get(meta, "id"));
    /* offsets are code points of the decoded "text" */
    json_t *tok = json_array_get(json_object_get(j, "tokens"), 2);
    assert_string_equal(json_string_value(json_object_get(tok, "text")), "Ana");
    assert_int_equal(json_integer_value(json_object_get(tok, "start")), 6);
    json_decref(j);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void json_record_minimal_and_numeric_id(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    hx_doc *doc = NULL;
    hx_error err;
    assert_int_equal(from_json(ctx, "{\"id\":42,\"text\":\"Sí.\",\"date\":null}", 0, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    json_t *j = doc_json(doc, 0);
    assert_string_equal(json_string_value(json_object_get(j, "id")), "42");
    assert_true(json_is_null(json_object_get(j, "date")));
    assert_null(json_object_get(j, "meta"));
    json_decref(j);
    hx_doc_free(doc);
    /* surrounding whitespace is fine; a text with escapes is decoded */
    assert_int_equal(from_json(ctx, "  {\"text\":\"l\\u00ednea\\nnueva\"}  ", 0, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    char buf[128];
    join_tokens(doc, buf, sizeof buf);
    assert_string_equal(buf, "l\xc3\xadnea|nueva");
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void json_record_errors(void **state)
{
    (void)state;
    static const struct {
        const char *rec;
        hx_status code;
    } cases[] = {
        {"{\"id\":\"x\"}", HX_FIELD},                           /* no text */
        {"{\"text\":null}", HX_FIELD},                          /* text null */
        {"{\"text\":12}", HX_FIELD},                            /* text not a string */
        {"{\"text\":[\"a\"]}", HX_FIELD},
        {"{\"text\":\"a\",\"title\":5}", HX_FIELD},             /* title not a string */
        {"{\"text\":\"a\",\"id\":1.5}", HX_FIELD},              /* id neither string nor integer */
        {"{\"text\":\"a\",\"date\":\"12/07/2025\"}", HX_FIELD},  /* bad dates */
        {"{\"text\":\"a\",\"date\":\"2025-13-01\"}", HX_FIELD},
        {"{\"text\":\"a\",\"date\":\"2025-07-32\"}", HX_FIELD},
        {"{\"text\":\"a\",\"date\":\"ayer\"}", HX_FIELD},
        {"{\"text\":\"a\",\"date\":\"\"}", HX_FIELD},
        {"{\"text\":\"a\",\"date\":\"2\\n1\\t\"}", HX_FIELD},    /* control characters in the echo */
        {"{\"text\":\"a\",\"id\":\"a\\u0000b\"}", HX_FIELD},    /* NUL in a metadata field */
        {"{\"text\":\"a\\u0000b\"}", HX_NUL},                    /* NUL in the text */
        {"[\"text\"]", HX_JSON},                                /* not an object */
        {"\"text\"", HX_JSON},
        {"42", HX_JSON},
        {"", HX_JSON},
        {"{\"text\":\"a\",\"text\":\"b\"}", HX_JSON},           /* duplicate key */
        {"{\"text\":\"a\"} {}", HX_JSON},                       /* two values */
        {"{\"text\":\"\xff\"}", HX_JSON},                       /* invalid UTF-8 (strict) */
    };
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        hx_doc *doc = (hx_doc *)1;
        hx_error err = {HX_OK, 0, ""};
        hx_status st = from_json(ctx, cases[i].rec, 0, &doc, &err);
        if (st != cases[i].code) fail_msg("case %zu (%s): got %d (%s)", i, cases[i].rec, st, err.msg);
        assert_null(doc);
        assert_int_equal(err.code, st);
        assert_true(strlen(err.msg) > 0);
        for (const char *c = err.msg; *c; c++) /* one printable line */
            assert_true((unsigned char)*c >= 0x20);
    }
    /* the NUL in the text is found at its byte offset in the decoded text */
    hx_doc *doc = NULL;
    hx_error err;
    assert_int_equal(from_json(ctx, "{\"text\":\"abc\\u0000\"}", 0, &doc, &err), HX_NUL);
    assert_int_equal(err.offset, 3);
    assert_non_null(strstr(err.msg, "text"));
    /* ... and lenient mode replaces it */
    assert_int_equal(from_json(ctx, "{\"text\":\"abc\\u0000d\"}", HX_LENIENT, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    char buf[64];
    join_tokens(doc, buf, sizeof buf);
    assert_string_equal(buf, "abc|\xef\xbf\xbd|d");
    hx_doc_free(doc);
    /* lenient mode also accepts invalid UTF-8 in the record */
    assert_int_equal(from_json(ctx, "{\"text\":\"a\xff" "b\"}", HX_LENIENT, &doc, &err), HX_OK);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void broken_json_gives_its_position(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    hx_doc *doc = NULL;
    hx_error err;
    const char *rec = "{\"text\": \"abc\", \"id\": }";
    assert_int_equal(from_json(ctx, rec, 0, &doc, &err), HX_JSON);
    assert_null(doc);
    /* jansson reports the position where it stopped: the '}' or just after it */
    assert_true(err.offset >= 22 && err.offset <= strlen(rec));
    const char *trunc = "{\"text\": \"abc";
    assert_int_equal(from_json(ctx, trunc, 0, &doc, &err), HX_JSON);
    assert_true(err.offset > 0 && err.offset <= strlen(trunc));
    hx_ctx_free(ctx);
}

/* ---------------------------------------------------------------- hx_doc_from_tokens */

static void from_tokens_keeps_the_given_tokens(void **state)
{
    (void)state;
    static const char *const words[] = {"El", "Sr.", "García", "llegó", "a", "EE.UU.", "el",
                                        "1.º", "de", "mayo", "cafe\xcc\x81", "."};
    const size_t n = sizeof words / sizeof *words;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    hx_doc *doc = NULL;
    hx_error err;
    assert_int_equal(hx_doc_from_tokens(ctx, words, n, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    assert_int_equal(hx_doc_ntokens(doc), n);
    assert_int_equal(hx_doc_nsentences(doc), 1);
    size_t cp = 0;
    for (size_t i = 0; i < n; i++) {
        hx_token t;
        assert_int_equal(hx_doc_token(doc, i, &t), HX_OK);
        if (i + 2 == n) {
            assert_int_equal(t.len, 5); /* normalised to NFC */
            assert_memory_equal(t.text, "caf\xc3\xa9", 5);
        } else {
            assert_int_equal(t.len, strlen(words[i]));
            assert_memory_equal(t.text, words[i], t.len);
        }
        assert_int_equal(t.span.start, cp); /* words joined by single spaces */
        cp += cps_of(words[i], strlen(words[i])) + 1;
        assert_int_equal(t.sentence, 0);
    }
    hx_doc_free(doc);
    /* no words: an empty document */
    assert_int_equal(hx_doc_from_tokens(ctx, words, 0, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    json_t *j = doc_json(doc, 0);
    json_decref(j);
    hx_doc_free(doc);
    /* a word that is empty or holds a space cannot be found again: refused */
    static const char *const spaced[] = {"Nueva York", "es"};
    assert_int_equal(hx_doc_from_tokens(ctx, spaced, 2, &doc, &err), HX_INVAL);
    assert_null(doc);
    static const char *const empty[] = {"a", ""};
    assert_int_equal(hx_doc_from_tokens(ctx, empty, 2, &doc, &err), HX_INVAL);
    assert_null(doc);
    /* invalid UTF-8 in a word is an error */
    static const char *const bad[] = {"bien", "m\xe1l"};
    assert_int_equal(hx_doc_from_tokens(ctx, bad, 2, &doc, &err), HX_UTF8);
    assert_int_equal(err.offset, 6);
    assert_null(doc);
    hx_ctx_free(ctx);
}

/* ---------------------------------------------------------------- JSON output */

static void json_output_escapes_everything(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    hx_docinfo info = {0};
    const char *id = "id \"con\" comillas\\barra\x01\x1f\ttab\nlinea\x7f";
    info.id = id;
    info.title = "T\xc3\xadtulo \xe2\x80\xa8 separador";
    info.date = "2025-07-12";
    info.meta_json = "{\"k\":\"v\\n\"}";
    const char in[] = "Dijo \"hola\" y C:\\ruta\\ok.\tFin.";
    hx_doc *doc = NULL;
    hx_error err;
    assert_int_equal(hx_doc_new(ctx, in, sizeof in - 1, &info, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    char *s = NULL;
    size_t len;
    assert_int_equal(hx_doc_json(doc, 0, &s, &len, &err), HX_OK);
    for (size_t i = 0; i < len; i++) assert_true((unsigned char)s[i] >= 0x20); /* all escaped */
    hx_free(s);
    json_t *j = doc_json(doc, 0);
    assert_string_equal(json_string_value(json_object_get(j, "id")), id);
    assert_string_equal(json_string_value(json_object_get(j, "title")), info.title);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "meta"), "k")), "v\n");
    /* every token's text is the input at its bytes */
    json_t *toks = json_object_get(j, "tokens");
    assert_int_equal(json_array_size(toks), hx_doc_ntokens(doc));
    size_t i;
    json_t *tok;
    int saw_quote = 0, saw_backslash = 0;
    json_array_foreach(toks, i, tok) {
        const char *text = json_string_value(json_object_get(tok, "text"));
        json_t *b = json_object_get(tok, "bytes");
        size_t b0 = (size_t)json_integer_value(json_array_get(b, 0));
        size_t b1 = (size_t)json_integer_value(json_array_get(b, 1));
        assert_int_equal(strlen(text), b1 - b0);
        assert_memory_equal(in + b0, text, b1 - b0);
        saw_quote |= strchr(text, '"') != NULL;
        saw_backslash |= strchr(text, '\\') != NULL;
        assert_int_equal(json_integer_value(json_object_get(tok, "start")), b0); /* ASCII */
    }
    assert_true(saw_quote && saw_backslash);
    json_decref(j);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

static void pretty_json_is_the_same_value(void **state)
{
    (void)state;
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    hx_docinfo info = {0};
    info.id = "a{b}[c],d:\"e\"";
    info.meta_json = "{\"x\":[],\"y\":{},\"z\":[1,{\"w\":\"}\"}]}";
    const char in[] = "«¿Qué?», dijo. [Sí: {no}].\n\nFin, \"ya\".";
    hx_doc *doc = NULL;
    hx_error err;
    assert_int_equal(hx_doc_new(ctx, in, sizeof in - 1, &info, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    json_t *a = doc_json(doc, 0);
    json_t *b = doc_json(doc, HX_JSON_PRETTY);
    assert_true(json_equal(a, b));
    json_t *c = doc_json(doc, HX_JSON_NO_TOKENS);
    assert_null(json_object_get(c, "tokens"));
    assert_true(json_equal(json_object_get(a, "sentences"), json_object_get(c, "sentences")));
    json_decref(a);
    json_decref(b);
    json_decref(c);
    char *s;
    size_t len;
    assert_int_equal(hx_doc_json(doc, HX_JSON_PRETTY, &s, &len, &err), HX_OK);
    assert_non_null(strchr(s, '\n')); /* indented for people */
    hx_free(s);
    assert_int_equal(hx_doc_json(doc, HX_JSON_PRETTY, &s, NULL, &err), HX_OK); /* len may be NULL */
    hx_free(s);
    assert_int_equal(hx_doc_json(NULL, 0, &s, NULL, &err), HX_INVAL);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

/* ---------------------------------------------------------------- large input */

static void twenty_megabytes_are_handled(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "El Sr. García dijo que EE.UU. enviará 3.000 soldados el 24/12/2024. ",
        "«¿Vendrá?», preguntó la ministra\xcc\x81 en https://ej.es/a (ayer)... ",
        "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,",
        "\n\n",
    };
    const size_t total = (size_t)20 << 20;
    char *text = malloc(total);
    assert_non_null(text);
    size_t n = 0, k = 0;
    while (n < total) {
        const char *p = pieces[k++ % 4];
        size_t l = strlen(p);
        if (n + l > total) break;
        memcpy(text + n, p, l);
        n += l;
    }
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    hx_doc *doc = tu_doc(ctx, text, n, NULL, 0);
    assert_true(hx_doc_ntokens(doc) > n / 8);
    assert_true(hx_doc_nsentences(doc) > n / 200);
    hx_token t;
    assert_int_equal(hx_doc_token(doc, hx_doc_ntokens(doc) - 1, &t), HX_OK);
    assert_true(t.span.bend <= n);
    char *s;
    size_t len;
    hx_error err;
    assert_int_equal(hx_doc_json(doc, HX_JSON_NO_TOKENS, &s, &len, &err), HX_OK);
    assert_true(len > 0);
    hx_free(s);
    hx_doc_free(doc);
    /* a single 20 MB "word" without spaces */
    for (size_t i = 0; i < n; i++) text[i] = "a,@.b-1"[i % 7];
    doc = tu_doc(ctx, text, n, NULL, 0);
    assert_true(hx_doc_ntokens(doc) > 0);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
    free(text);
}

/* ---------------------------------------------------------------- tokenizer table */

static void tokenizer_cases(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        /* punctuation */
        {"Hola, mundo.", "Hola|,|mundo|."},
        {"uno;dos:tres", "uno|;|dos|:|tres"},
        {"¿Qué pasa?", "¿|Qué|pasa|?"},
        {"¡Basta ya!", "¡|Basta|ya|!"},
        {"«Sí», dijo.", "«|Sí|»|,|dijo|."},
        {"“No” (dijo)", "“|No|”|(|dijo|)"},
        {"\"Así\" fue", "\"|Así|\"|fue"},
        {"el [sic] texto", "el|[|sic|]|texto"},
        /* abbreviations */
        {"El Sr. Pérez y la Dra. Ruiz", "El|Sr.|Pérez|y|la|Dra.|Ruiz"},
        {"la Sra. Gómez", "la|Sra.|Gómez"},
        {"EE.UU. y Rusia", "EE.UU.|y|Rusia"},
        {"libros, discos, etc. Luego", "libros|,|discos|,|etc.|Luego"},
        {"J. R. R. Tolkien", "J.|R.|R.|Tolkien"},
        {"Fin. Otra", "Fin|.|Otra"},
        /* numbers */
        {"1.000 personas", "1.000|personas"},
        {"14.000,5 euros", "14.000,5|euros"},
        {"3,5 millones", "3,5|millones"},
        {"un 30% más", "un|30%|más"},
        {"el 1.º de mayo y la 3.ª fila", "el|1.º|de|mayo|y|la|3.ª|fila"},
        {"tiene 12 años.", "tiene|12|años|."},
        {"a 1, 2 y 3.", "a|1|,|2|y|3|."},
        /* dates and codes */
        {"el 24/12/2024 a", "el|24/12/2024|a"},
        {"misil KN-23 lanzado", "misil|KN-23|lanzado"},
        {"la dictadura (1928-1958) fue", "la|dictadura|(|1928-1958|)|fue"},
        {"O'Donnell llegó", "O'Donnell|llegó"},
        /* the web */
        {"visite https://www.ejemplo.es/a?b=1.", "visite|https://www.ejemplo.es/a?b=1|."},
        {"en www.ejemplo.com, dijo", "en|www.ejemplo.com|,|dijo"},
        {"(http://ej.es/x)", "(|http://ej.es/x|)"},
        {"escriba a prensa@ministerio.gob.es.", "escriba|a|prensa@ministerio.gob.es|."},
        {"según @elpais_es y #Elecciones2024", "según|@elpais_es|y|#Elecciones2024"},
        /* ellipsis */
        {"Pues... no sé", "Pues|...|no|sé"},
        {"Y entonces…", "Y|entonces|…"},
        {"(...)", "(|...|)"},
        /* dashes */
        {"—Vete —dijo.", "—|Vete|—|dijo|."},
        {"norte-sur", "norte-sur"},
    };
    hx_ctx *ctx = tu_ctx(HX_STAGE_TOKENS);
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        hx_doc *doc = tu_doc(ctx, cases[i].in, strlen(cases[i].in), NULL, 0);
        char buf[512];
        join_tokens(doc, buf, sizeof buf);
        if (strcmp(buf, cases[i].want) != 0) {
            print_message("tokenizer: \"%s\"\n   got  %s\n   want %s\n", cases[i].in, buf, cases[i].want);
            bad++;
        }
        check_spans_plain(doc, cases[i].in);
        hx_doc_free(doc);
    }
    hx_ctx_free(ctx);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strerror_names_every_code),
        cmocka_unit_test(bom_is_dropped_but_counted_in_offsets),
        cmocka_unit_test(crlf_is_a_line_break),
        cmocka_unit_test(decomposed_input_gives_nfc_tokens_with_original_offsets),
        cmocka_unit_test(tokens_never_overlap_after_normalisation),
        cmocka_unit_test(invalid_utf8_is_reported_at_the_first_bad_byte),
        cmocka_unit_test(lenient_mode_replaces_bad_bytes_and_keeps_offsets),
        cmocka_unit_test(empty_and_blank_texts_have_no_tokens),
        cmocka_unit_test(analyze_twice_is_harmless),
        cmocka_unit_test(document_without_context_uses_default_stages),
        cmocka_unit_test(json_record_with_every_field),
        cmocka_unit_test(json_record_minimal_and_numeric_id),
        cmocka_unit_test(json_record_errors),
        cmocka_unit_test(broken_json_gives_its_position),
        cmocka_unit_test(from_tokens_keeps_the_given_tokens),
        cmocka_unit_test(json_output_escapes_everything),
        cmocka_unit_test(pretty_json_is_the_same_value),
        cmocka_unit_test(twenty_megabytes_are_handled),
        cmocka_unit_test(tokenizer_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
