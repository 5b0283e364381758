/*
 * test_serve_req.c -- unit tests of the request parsing of `hechos serve`
 * (src/serve/req.c, included because it is linked into bin/hechos, not the library):
 * percent-decoding and what it refuses, the router and its table, parameter lists,
 * Content-Types, numbers and the JSON Lines splitter.  The server itself is tested
 * end to end by tests/serve/ (pytest).
 */
#include "testutil.h"

#include "serve/req.c"

static long dec(const char *in, int plus, char *out, const char **why)
{
    *why = NULL;
    return serve_pct_decode(in, strlen(in), plus, out, why);
}

static void percent_decoding(void **state)
{
    char out[64];
    const char *why;
    assert_int_equal(dec("caf%C3%A9+con%20leche", 1, out, &why), 15);
    assert_string_equal(out, "café con leche");
    assert_int_equal(dec("a+b", 0, out, &why), 3);
    assert_string_equal(out, "a+b");
    assert_int_equal(dec("%2fetc%2Fpasswd", 0, out, &why), 11);
    assert_string_equal(out, "/etc/passwd"); /* decoded, but only ever a name, never a path */
    assert_int_equal(dec("", 0, out, &why), 0);
    /* refused, each with a reason */
    static const char *const bad[] = {"%", "%4", "%G0", "a%00b", "%01", "%7F", "%0A", "%C3%28", "%E2%80",
                                      "%ED%A0%80", "%F5%80%80%80", "%C0%AF", "\x01"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(dec(bad[i], 1, out, &why), -1);
        assert_non_null(why);
    }
    assert_int_equal(dec("tab%09ok", 0, out, &why), 6);
}

static void routes(void **state)
{
    char *arg;
    const char *why;
    const serve_route *r = serve_route_find("/v1/entities/Kim%20Jong-un", &arg, &why);
    assert_non_null(r);
    assert_int_equal(r->id, R_ENTITY);
    assert_string_equal(arg, "Kim Jong-un");
    free(arg);
    r = serve_route_find("/v1/entities/", &arg, &why);
    assert_true(r && r->id == R_ENTITIES && !arg);
    r = serve_route_find("/v1/figures/a%2Fb", &arg, &why);
    assert_true(r && r->id == R_FIGURES);
    assert_string_equal(arg, "a/b");
    free(arg);
    assert_null(serve_route_find("/v1/figures/a/b", &arg, &why));
    assert_null(why);
    assert_null(serve_route_find("/v1/entities/%00", &arg, &why));
    assert_non_null(why);
    assert_null(serve_route_find("/v1/nothing", &arg, &why));
    assert_null(serve_route_find("/v10", &arg, &why));
    assert_null(serve_route_find("", &arg, &why));
    /* every pattern is found by itself and the table is indexed by id */
    for (size_t i = 0; i < R_NROUTES; i++) {
        assert_int_equal(serve_routes[i].id, (serve_route_id)i);
        if (!strchr(serve_routes[i].pattern, '{'))
            assert_ptr_equal(serve_route_find(serve_routes[i].pattern, &arg, &why), &serve_routes[i]);
    }
}

static void words_types_numbers(void **state)
{
    assert_true(serve_word_in("q top", "top"));
    assert_false(serve_word_in("q top", "to"));
    assert_false(serve_word_in("q top", ""));
    assert_false(serve_word_in("", "q"));
    assert_int_equal(serve_body_kind_of(NULL), BODY_TEXT);
    assert_int_equal(serve_body_kind_of("Text/Plain; charset=utf-8"), BODY_TEXT);
    assert_int_equal(serve_body_kind_of("application/json"), BODY_JSON);
    assert_int_equal(serve_body_kind_of("application/jsonx"), BODY_UNSUPPORTED);
    assert_int_equal(serve_body_kind_of("application/x-ndjson"), BODY_JSONL);
    assert_int_equal(serve_body_kind_of("application/x-www-form-urlencoded"), BODY_UNSUPPORTED);
    long v;
    assert_int_equal(serve_parse_long("42", 1, 100, &v), 0);
    assert_int_equal(v, 42);
    static const char *const bad[] = {"", "0", "101", "-1", "+1", "1e2", " 1", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_int_equal(serve_parse_long(bad[i], 1, 100, &v), -1);
}

typedef struct seen {
    unsigned long lines[8];
    size_t lens[8], n;
} seen;

static int on_line(void *ud, unsigned long lineno, const char *line, size_t n)
{
    seen *s = ud;
    if (s->n < 8) {
        s->lines[s->n] = lineno;
        s->lens[s->n++] = n;
    }
    return 0;
}

static void json_lines(void **state)
{
    static const char body[] = "{\"a\":1}\r\n\n   \n{\"b\":22}\n{\"c\"";
    seen s = {{0}, {0}, 0};
    assert_int_equal(serve_each_line(body, sizeof body - 1, on_line, &s), 0);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.lines[0], 1);
    assert_int_equal(s.lens[0], 7); /* without the CR */
    assert_int_equal(s.lines[1], 4);
    assert_int_equal(s.lines[2], 5);
    assert_int_equal(s.lens[2], 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(percent_decoding),
        cmocka_unit_test(routes),
        cmocka_unit_test(words_types_numbers),
        cmocka_unit_test(json_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
