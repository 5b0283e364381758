/*
 * web.c -- what `extract` and `ingest` share to read web input: HTML pages, RSS/Atom
 * feeds and WARC archives become articles handed one at a time to a callback, with
 * their metadata as an hx_docinfo (borrowed for the duration of the call).
 *
 * Bad input never stops the stream: a broken feed or page is reported on stderr with
 * its file name, a bad WARC record with its number and offset, and the rest goes on.
 * A WARC archive ends with one summary line of what was taken and skipped.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int exit_worse(int a, int b)
{
    if (a == EXIT_OK || a == EXIT_SKIPPED) return b == EXIT_OK ? a : b;
    return a;
}

int cli_web_kind(const char *path, const char *buf, size_t len)
{
    size_t n = strlen(path);
    if ((n > 5 && strcmp(path + n - 5, ".warc") == 0) || (n > 8 && strcmp(path + n - 8, ".warc.gz") == 0))
        return CLI_WARC;
    if (!buf) return CLI_TEXT;
    if (hx_html_sniff(buf, len)) return CLI_HTML;
    if (hx_feed_sniff(buf, len)) return CLI_FEED;
    if (len >= 5 && memcmp(buf, "WARC/", 5) == 0) return CLI_WARC;
    return CLI_TEXT;
}

static int give(const hx_article *a, const char *id, const char *where, cli_article_fn fn, void *ud)
{
    hx_docinfo info;
    size_t len;
    const char *text = hx_article_text(a, &len);
    hx_article_docinfo(a, &info);
    if (id) info.id = id;
    return fn(ud, text, len, &info, where);
}

int cli_web_html(const char *name, const char *buf, size_t len, cli_article_fn fn, void *ud)
{
    hx_article *a;
    hx_error err;
    if (hx_html_extract(buf, len, NULL, NULL, &a, &err) != HX_OK) {
        cli_error(name, "%s", err.msg);
        return cli_exit_for(err.code);
    }
    int rc = give(a, name, name, fn, ud);
    hx_article_free(a);
    return rc;
}

int cli_web_feed(const char *name, const char *buf, size_t len, cli_article_fn fn, void *ud)
{
    hx_feed *f;
    hx_error err;
    if (hx_feed_parse(buf, len, &f, &err) != HX_OK) {
        cli_error(name, "%s", err.msg);
        return err.code == HX_NOMEM ? EXIT_OSERR : EXIT_DATAERR;
    }
    int rc = EXIT_OK;
    char where[600];
    for (size_t i = 0; i < hx_feed_count(f) && rc != EXIT_IOERR && rc != EXIT_OSERR; i++) {
        snprintf(where, sizeof where, "%s: item %zu", name, i + 1);
        const hx_article *a = hx_feed_item(f, i);
        rc = exit_worse(rc, give(a, hx_article_meta(a, HX_META_URL) ? NULL : where, where, fn, ud));
    }
    hx_feed_free(f);
    return rc;
}

static long read_file(void *ud, void *buf, size_t n)
{
    FILE *f = ud;
    size_t k = fread(buf, 1, n, f);
    return k == 0 && ferror(f) ? -1 : (long)k;
}

int cli_web_warc(const char *path, size_t max_record, cli_article_fn fn, void *ud)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        int e = errno;
        cli_error(name, "%s", strerror(e));
        return cli_exit_for_errno(e);
    }
    hx_warc *w;
    hx_error err;
    if (hx_warc_open(read_file, f, max_record, &w, &err) != HX_OK) {
        cli_error(name, "%s", err.msg);
        if (f != stdin) fclose(f);
        return EXIT_OSERR;
    }
    int rc = EXIT_OK;
    hx_article *a;
    hx_status st;
    char where[600];
    while ((st = hx_warc_next(w, &a, &err)) != HX_NOTFOUND) {
        if (st != HX_OK) {
            cli_error(name, "%s (skipped)", err.msg);
            rc = exit_worse(rc, st == HX_IO ? EXIT_IOERR : st == HX_NOMEM ? EXIT_OSERR : EXIT_SKIPPED);
            if (st == HX_IO || st == HX_NOMEM) break;
            continue;
        }
        hx_warc_stats s;
        hx_warc_stats_get(w, &s);
        snprintf(where, sizeof where, "%s: record %lu", name, s.records);
        rc = exit_worse(rc, give(a, NULL, where, fn, ud));
        hx_article_free(a);
        if (rc == EXIT_IOERR || rc == EXIT_OSERR) break;
    }
    hx_warc_stats s;
    hx_warc_stats_get(w, &s);
    fprintf(stderr,
            "hechos: %s: %lu records, %lu articles; skipped %lu not responses, %lu not HTML, %lu redirects, "
            "%lu other statuses, %lu not Spanish, %lu too big, %lu bad\n",
            name, s.records, s.articles, s.not_response, s.not_html, s.redirects, s.not_ok, s.not_spanish,
            s.too_big, s.bad);
    hx_warc_free(w);
    if (f != stdin) fclose(f);
    return rc;
}
