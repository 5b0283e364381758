/*
 * input.h -- what the files of the input stage share (prefix hx__in_): web pages,
 * WARC archives and news feeds turned into articles (text + metadata).
 *
 * Invariants:
 *   - an hx_article owns every string it points to; text is valid UTF-8 without NUL
 *     bytes, NUL-terminated, paragraphs separated by one blank line;
 *   - meta[k] is NULL or a NUL-terminated UTF-8 string; meta_json is rebuilt from meta
 *     by hx__in_finish and is a JSON object;
 *   - nothing here keeps global state: libxml2 parser contexts are created per call.
 */
#ifndef HX_INPUT_H
#define HX_INPUT_H

#include "core/core.h"

struct hx_article {
    char *text;
    size_t len;
    char *meta[HX__NMETA];
    char *meta_json;
};

/* Converts len bytes in the character set named by content_type's charset=, else a
 * BOM, else <meta charset> in the first 4 KB, else UTF-8 when valid, else
 * Windows-1252, into UTF-8 (invalid sequences and NULs become U+FFFD).  *out is
 * malloc'd and NUL-terminated; *charset (static string or copy in cs[64]) names the set. */
hx_status hx__in_to_utf8(const char *data, size_t len, const char *content_type, char **out,
                         size_t *outlen, char cs[64], hx_error *err);

/* Sets meta[k] to a copy of s[0..n) with whitespace collapsed (replacing an old
 * value only when replace is set).  Returns -1 when out of memory. */
int hx__in_set_meta(hx_article *a, hx_meta_key k, const char *s, size_t n, int replace);

/* Frees what an article owns and zeroes it (the struct itself stays). */
void hx__in_article_clear(hx_article *a);

/* Builds meta_json; returns HX_NOMEM or HX_OK. */
hx_status hx__in_finish(hx_article *a, hx_error *err);

/* The YYYY-MM-DD date at the start of s (ISO 8601, RFC 822 "Tue, 10 Jun 2025 ..."
 * or a date in a URL path) written into out[11]; 0 when there is none. */
int hx__in_date(const char *s, char out[11]);
int hx__in_url_date(const char *url, char out[11]);

/* Main text and metadata of an HTML page already in UTF-8.  With fragment set (feed
 * content), every text block is kept and no boilerplate is removed. */
hx_status hx__in_html(const char *utf8, size_t len, int fragment, hx_article *a, hx_error *err);

/* Reads a JSON-LD block: the first headline (into *headline when NULL, malloc'd) and
 * datePublished (into date when empty) of an article object, its author and
 * publisher name (into the article's meta when unset).  Broken JSON is ignored.
 * Returns -1 when out of memory. */
int hx__in_ldjson(const char *js, size_t n, hx_article *a, char **headline, char date[11]);

/* 1 when the text reads as Spanish (function words), 0 otherwise. */
int hx__in_is_spanish(const char *text, size_t len);

#endif
