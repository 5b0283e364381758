/*
 * charset.c -- a web page's bytes into UTF-8: the character set comes from the HTTP
 * Content-Type header, else a byte order mark, else <meta charset> / http-equiv in the
 * first 4 KB, else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what
 * browsers assume for Spanish pages).  Latin-1 labels mean Windows-1252 (WHATWG).
 *
 * Invariant: the output is valid UTF-8 without NUL bytes, NUL-terminated; every byte
 * that cannot be decoded (and every NUL) becomes U+FFFD, so a page is never rejected
 * for its encoding.
 */
#include "input/input.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>

/* The value of "charset=" in s[0..n) copied into cs[64]; 0 when absent. */
static int find_charset(const char *s, size_t n, char cs[64])
{
    for (size_t i = 0; i + 8 <= n; i++) {
        if ((s[i] | 0x20) != 'c' || strncasecmp(s + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
        if (j >= n || s[j] != '=') continue;
        j++;
        while (j < n && (s[j] == ' ' || s[j] == '"' || s[j] == '\'')) j++;
        size_t k = 0;
        while (j < n && k < 63 && (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_' || s[j] == ':' || s[j] == '.'))
            cs[k++] = s[j++];
        cs[k] = '\0';
        if (k) return 1;
    }
    return 0;
}

/* Canonical iconv name of a label: "UTF-8", "WINDOWS-1252" or the label itself. */
static const char *canon(const char *cs)
{
    static const char *const latin[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii",
                                        "ascii", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1", "cp819"};
    if (strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 || strcasecmp(cs, "unicode-1-1-utf-8") == 0)
        return "UTF-8";
    for (size_t i = 0; i < sizeof latin / sizeof *latin; i++)
        if (strcasecmp(cs, latin[i]) == 0) return "WINDOWS-1252";
    return cs;
}

static void put_fffd(hx__buf *b) { hx__buf_put(b, "\xef\xbf\xbd", 3); }

/* Copies valid UTF-8, replacing invalid bytes and NULs by U+FFFD. */
static void clean_utf8(hx__buf *b, const unsigned char *s, size_t n)
{
    size_t i = 0, run = 0;
    while (i < n) {
        if (s[i] >= 0x01 && s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t l = s[i] ? hx__utf8_decode(s + i, n - i, &cp) : 0;
        if (l) {
            i += l;
            continue;
        }
        hx__buf_put(b, s + run, i - run);
        put_fffd(b);
        run = ++i;
    }
    hx__buf_put(b, s + run, n - run);
}

/* Valid UTF-8 apart from NULs (replaced later: they say nothing about the charset). */
static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t l = hx__utf8_decode(s + i, n - i, &cp);
        if (!l) return 0;
        i += l;
    }
    return 1;
}

/* Converts with iconv; an undecodable byte becomes U+FFFD.  -1 when the set is unknown. */
static int convert(hx__buf *b, const char *from, const char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return -1;
    char out[4096];
    char *in = (char *)s;
    size_t left = n;
    while (left > 0 && !b->oom) {
        char *o = out;
        size_t room = sizeof out;
        size_t r = iconv(cd, &in, &left, &o, &room);
        int e = r == (size_t)-1 ? errno : 0;
        for (char *p = out; p < o; p++) /* a NUL decoded from the input */
            if (*p == '\0') *p = ' ';
        hx__buf_put(b, out, (size_t)(o - out));
        if (e == EILSEQ || e == EINVAL) {
            put_fffd(b);
            in++, left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        } else if (e && e != E2BIG) {
            break;
        }
    }
    iconv_close(cd);
    return 0;
}

hx_status hx__in_to_utf8(const char *data, size_t len, const char *content_type, char **out,
                         size_t *outlen, char cs[64], hx_error *err)
{
    const unsigned char *u = (const unsigned char *)data;
    const char *set = NULL;
    size_t skip = 0;
    cs[0] = '\0';
    if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) set = "UTF-8", skip = 3;
    else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) set = "UTF-16LE", skip = 2;
    else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) set = "UTF-16BE", skip = 2;
    else if (content_type && find_charset(content_type, strlen(content_type), cs)) set = canon(cs);
    else if (find_charset(data, len < 4096 ? len : 4096, cs)) set = canon(cs);
    else set = valid_utf8(u, len) ? "UTF-8" : "WINDOWS-1252";
    hx__buf b = {0};
    hx__buf_reserve(&b, len + len / 8 + 16);
    if (strcmp(set, "UTF-8") == 0 || convert(&b, set, data + skip, len - skip) != 0) {
        if (strcmp(set, "UTF-8") != 0) set = "UTF-8"; /* unknown label: read as UTF-8 */
        b.n = 0;
        clean_utf8(&b, u + skip, len - skip);
    }
    if (set != cs) snprintf(cs, 64, "%s", set);
    else snprintf(cs, 64, "%s", canon(cs));
    if (b.oom || !b.p) {
        hx__buf_free(&b);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory converting %zu bytes", len);
    }
    *out = b.p;
    *outlen = b.n;
    return HX_OK;
}
