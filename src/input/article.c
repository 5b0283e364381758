/*
 * article.c -- the article object the input readers return (text + metadata), its
 * accessors and JSON metadata, dates found in metadata and URLs, and the language
 * check used to skip non-Spanish pages.
 *
 * Invariants: meta values are collapsed-whitespace UTF-8 strings; meta_json holds
 * exactly the non-NULL meta values under their schema names (docs/schema.md).
 */
#include "input/input.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>

static const char *const meta_names[HX__NMETA] = {"title", "date", "date_source", "author",
                                                  "site_name", "url", "lang", "charset"};

int hx__in_set_meta(hx_article *a, hx_meta_key k, const char *s, size_t n, int replace)
{
    if ((unsigned)k >= HX__NMETA || (a->meta[k] && !replace)) return 0;
    char *p = malloc(n + 1);
    if (!p) return -1;
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            sp = o > 0;
            continue;
        }
        if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0) { /* NBSP */
            sp = o > 0;
            i++;
            continue;
        }
        if (sp) p[o++] = ' ';
        sp = 0;
        p[o++] = c ? (char)c : ' ';
    }
    p[o] = '\0';
    if (o == 0) {
        free(p);
        return 0;
    }
    free(a->meta[k]);
    a->meta[k] = p;
    return 0;
}

hx_status hx__in_finish(hx_article *a, hx_error *err)
{
    json_t *o = json_object();
    int bad = !o;
    for (int k = 0; !bad && k < HX__NMETA; k++)
        if (a->meta[k]) bad = json_object_set_new(o, meta_names[k], json_string(a->meta[k])) != 0;
    free(a->meta_json);
    a->meta_json = bad ? NULL : json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!a->meta_json) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    if (!a->text && !(a->text = calloc(1, 1))) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    return HX_OK;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

static int put_date(int y, int m, int d, char out[11])
{
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in(y, m)) return 0;
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return 1;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int hx__in_date(const char *s, char out[11])
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    size_t n = strlen(s);
    if (n >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4])
        return put_date(num(s, 4), num(s + 5, 2), num(s + 8, 2), out);
    if (n >= 8 && num(s, 8) >= 0 && (n == 8 || !isdigit((unsigned char)s[8])))
        return put_date(num(s, 4), num(s + 4, 2), num(s + 6, 2), out);
    /* RFC 822: "Tue, 10 Jun 2025 08:00:00 GMT" (the weekday is optional) */
    const char *p = strchr(s, ',');
    p = p && p - s < 5 ? p + 1 : s;
    while (*p == ' ') p++;
    char *end;
    long d = strtol(p, &end, 10);
    if (end == p || *end != ' ') return 0;
    p = end + 1;
    if (strlen(p) < 8 || p[3] != ' ') return 0;
    char mon[4] = {(char)tolower((unsigned char)p[0]), (char)tolower((unsigned char)p[1]),
                   (char)tolower((unsigned char)p[2]), 0};
    const char *m = strstr(months, mon);
    if (!m || (m - months) % 3) return 0;
    return put_date(num(p + 4, 4), (int)(m - months) / 3 + 1, (int)d, out);
}

int hx__in_url_date(const char *url, char out[11])
{
    if (!url) return 0;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p++) {
        if (*p != '/' && *p != '-' && *p != '_') continue;
        const char *s = p + 1;
        size_t n = strnlen(s, 10); /* read no further than the end of the URL */
        int y = n >= 4 ? num(s, 4) : -1;
        if (y < 1990 || y > 2199) continue;
        char sep = s[4];
        if (n >= 10 && (sep == '/' || sep == '-') && s[7] == sep && put_date(y, num(s + 5, 2), num(s + 8, 2), out)
            && !isdigit((unsigned char)s[10]))
            return 1;
        if (n >= 8 && isdigit((unsigned char)sep) && !isdigit((unsigned char)s[8])
            && put_date(y, num(s + 4, 2), num(s + 6, 2), out))
            return 1;
    }
    return 0;
}

/* Spanish function words and frequent words of its neighbours; a text is Spanish when
 * the first are common and outnumber the second. */
int hx__in_is_spanish(const char *text, size_t len)
{
    static const char *const es[] = {"de", "la", "que", "el", "en", "los", "del", "se", "las", "por", "un",
                                     "para", "con", "una", "su", "al", "es", "lo", "como", "más", "pero",
                                     "sus", "le", "ha", "fue", "este", "esta", "también", "según", "y"};
    static const char *const other[] = {"the", "of", "and", "to", "is", "was", "with", "that", "for",
                                        "não", "uma", "com", "do", "da", "em", "et", "les", "des", "est",
                                        "dans", "une", "amb", "els", "per", "aquest", "und", "der", "die"};
    size_t words = 0, hit = 0, miss = 0;
    char w[16];
    for (size_t i = 0; i < len && words < 2000;) {
        while (i < len && !isalpha((unsigned char)text[i]) && (unsigned char)text[i] < 0x80) i++;
        size_t k = 0;
        while (i < len && (isalpha((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80)) {
            if (k < sizeof w - 1) w[k++] = (char)tolower((unsigned char)text[i]);
            i++;
        }
        if (!k) continue;
        w[k] = '\0';
        words++;
        for (size_t j = 0; j < sizeof es / sizeof *es; j++)
            if (strcmp(w, es[j]) == 0) hit++;
        for (size_t j = 0; j < sizeof other / sizeof *other; j++)
            if (strcmp(w, other[j]) == 0) miss++;
    }
    if (words < 8) return 0;
    return hit * 8 >= words && hit > 2 * miss;
}

/* ---------------------------------------------------------------- public accessors */

const char *hx_article_text(const hx_article *a, size_t *len)
{
    if (len) *len = a ? a->len : 0;
    return a && a->text ? a->text : "";
}

const char *hx_article_meta(const hx_article *a, hx_meta_key key)
{
    if (!a || (unsigned)key >= HX__NMETA) return NULL;
    return a->meta[key];
}

void hx_article_docinfo(const hx_article *a, hx_docinfo *info)
{
    memset(info, 0, sizeof *info);
    if (!a) return;
    info->id = a->meta[HX_META_URL];
    info->url = a->meta[HX_META_URL];
    info->title = a->meta[HX_META_TITLE];
    info->date = a->meta[HX_META_DATE];
    info->source = a->meta[HX_META_SITE];
    info->meta_json = a->meta_json;
}

void hx__in_article_clear(hx_article *a)
{
    free(a->text);
    for (int k = 0; k < HX__NMETA; k++) free(a->meta[k]);
    free(a->meta_json);
    memset(a, 0, sizeof *a);
}

void hx_article_free(hx_article *a)
{
    if (!a) return;
    hx__in_article_clear(a);
    free(a);
}

/* ---------------------------------------------------------------- JSON-LD */

/* The name of an author or publisher: a string, {"name": ...} or an array of them. */
static const char *ld_name(json_t *v)
{
    if (json_is_array(v)) v = json_array_get(v, 0);
    if (json_is_object(v)) v = json_object_get(v, "name");
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int ld_object(json_t *o, hx_article *a, char **headline, char date[11], int depth)
{
    if (depth > 8) return 0;
    if (json_is_array(o)) {
        size_t i;
        json_t *v;
        json_array_foreach(o, i, v) if (ld_object(v, a, headline, date, depth + 1)) return -1;
        return 0;
    }
    if (!json_is_object(o)) return 0;
    json_t *g = json_object_get(o, "@graph");
    if (g && ld_object(g, a, headline, date, depth + 1)) return -1;
    json_t *dp = json_object_get(o, "datePublished");
    if (!json_is_string(dp)) return 0; /* not an article (a site, a breadcrumb list...) */
    if (!date[0]) hx__in_date(json_string_value(dp), date);
    json_t *h = json_object_get(o, "headline");
    if (json_is_string(h) && !*headline) {
        hx_article tmp = {0};
        if (hx__in_set_meta(&tmp, HX_META_TITLE, json_string_value(h), strlen(json_string_value(h)), 1)) return -1;
        *headline = tmp.meta[HX_META_TITLE];
    }
    const char *au = ld_name(json_object_get(o, "author"));
    const char *pu = ld_name(json_object_get(o, "publisher"));
    if (au && hx__in_set_meta(a, HX_META_AUTHOR, au, strlen(au), 0)) return -1;
    if (pu && hx__in_set_meta(a, HX_META_SITE, pu, strlen(pu), 0)) return -1;
    return 0;
}

int hx__in_ldjson(const char *js, size_t n, hx_article *a, char **headline, char date[11])
{
    json_t *root = json_loadb(js, n, JSON_DECODE_ANY, NULL);
    if (!root) return 0;
    int r = ld_object(root, a, headline, date, 0);
    json_decref(root);
    return r;
}
