/*
 * feed.c -- RSS 2.0 (and RSS 1.0) and Atom feeds into articles, with libxml2's XML
 * parser: title, link, date, and the text of the full content (content:encoded,
 * Atom <content>) or else the summary (<description>, Atom <summary>), whose HTML is
 * reduced to text paragraphs.  The channel's title is each item's site name.
 *
 * The parser never loads external entities or DTDs (no XML_PARSE_NOENT/DTDLOAD, and
 * XML_PARSE_NONET), so a feed cannot make the library read files or the network.
 * Invariant: items[0..n) are finished articles (meta_json built).
 */
#include "input/input.h"

#include <assert.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <strings.h>

struct hx_feed {
    hx_article *items;
    size_t n;
};

static int named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int ns_is(const xmlNode *n, const char *frag)
{
    return n->ns && n->ns->href && strstr((const char *)n->ns->href, frag);
}

/* The text of a child element's content into meta k (plain text, collapsed). */
static int set_from(hx_article *a, hx_meta_key k, xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t) return 0;
    int r = hx__in_set_meta(a, k, (const char *)t, strlen((const char *)t), 0);
    xmlFree(t);
    return r;
}

/* One item or entry into an article; -1 when out of memory. */
static int item(xmlNode *it, const char *site, hx_article *a, hx_error *err)
{
    xmlNode *body = NULL, *summary = NULL;
    int r = 0;
    for (xmlNode *c = it->children; c && !r; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *n = (const char *)c->name;
        if (strcmp(n, "title") == 0) r = set_from(a, HX_META_TITLE, c);
        else if (strcmp(n, "link") == 0) {
            xmlChar *href = xmlGetProp(c, (const xmlChar *)"href"), *rel = xmlGetProp(c, (const xmlChar *)"rel");
            if (href && (!rel || strcmp((const char *)rel, "alternate") == 0))
                r = hx__in_set_meta(a, HX_META_URL, (const char *)href, strlen((const char *)href), 0);
            else if (!href) r = set_from(a, HX_META_URL, c);
            xmlFree(href);
            xmlFree(rel);
        } else if (strcmp(n, "pubDate") == 0 || strcmp(n, "published") == 0 || strcmp(n, "updated") == 0
                   || (strcmp(n, "date") == 0 && ns_is(c, "purl.org/dc"))) {
            xmlChar *t = xmlNodeGetContent(c);
            char d[11];
            if (t && hx__in_date((const char *)t, d) && (!a->meta[HX_META_DATE] || strcmp(n, "updated") != 0))
                r = hx__in_set_meta(a, HX_META_DATE, d, 10, 1) || hx__in_set_meta(a, HX_META_DATE_SOURCE, "feed", 4, 1);
            xmlFree(t);
        } else if (strcmp(n, "creator") == 0 || strcmp(n, "author") == 0) {
            xmlNode *nm = c->children;
            while (nm && !named(nm, "name")) nm = nm->next;
            r = set_from(a, HX_META_AUTHOR, nm ? nm : c);
        } else if ((strcmp(n, "encoded") == 0 && ns_is(c, "content")) || strcmp(n, "content") == 0) {
            body = c;
        } else if (strcmp(n, "description") == 0 || strcmp(n, "summary") == 0) {
            summary = c;
        }
    }
    if (!r && site) r = hx__in_set_meta(a, HX_META_SITE, site, strlen(site), 0);
    if (r) return -1;
    xmlNode *src = body ? body : summary;
    xmlChar *t = src ? xmlNodeGetContent(src) : NULL;
    xmlChar *type = src ? xmlGetProp(src, (const xmlChar *)"type") : NULL;
    hx_status st = HX_OK;
    if (t && type && strcmp((const char *)type, "text") == 0) {
        a->text = strdup((const char *)t);
        if (!a->text) r = -1;
        else a->len = strlen(a->text);
    } else if (t) {
        st = hx__in_html((const char *)t, strlen((const char *)t), 1, a, err);
    }
    xmlFree(t);
    xmlFree(type);
    if (r || st != HX_OK || hx__in_finish(a, err) != HX_OK) return -1;
    return 0;
}

static hx_status collect(xmlNode *root, hx_feed *f, hx_error *err)
{
    int atom = named(root, "feed");
    xmlNode *chan = root;
    if (named(root, "rss"))
        for (chan = root->children; chan && !named(chan, "channel"); chan = chan->next) continue;
    if (!chan || (!atom && !named(root, "rss") && !named(root, "RDF")))
        return hx__err(err, HX_UNSUPPORTED, SIZE_MAX, "XML document with root <%s> is neither RSS nor Atom",
                       root ? (const char *)root->name : "?");
    xmlChar *site = NULL;
    size_t cap = 0;
    const char *what = atom ? "entry" : "item";
    for (xmlNode *c = chan->children; c; c = c->next) { /* the channel title and the items */
        if (named(c, "title") && !site) site = xmlNodeGetContent(c);
        cap += named(c, what);
    }
    f->items = calloc(cap ? cap : 1, sizeof *f->items);
    hx_status st = f->items ? HX_OK : hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    for (xmlNode *c = chan->children; c && st == HX_OK; c = c->next) {
        if (!named(c, what)) continue;
        assert(f->n < cap);
        if (item(c, (const char *)site, &f->items[f->n], err) != 0) {
            hx__in_article_clear(&f->items[f->n]);
            st = err && err->code != HX_OK ? err->code : HX_NOMEM;
        } else {
            f->n++;
        }
    }
    xmlFree(site);
    return st;
}

hx_status hx_feed_parse(const char *xml, size_t len, hx_feed **out, hx_error *err)
{
    *out = NULL;
    if (len > INT_MAX) return hx__err(err, HX_TOOBIG, SIZE_MAX, "feed of %zu bytes is too large", len);
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    hx_feed *f = calloc(1, sizeof *f);
    if (!ctx || !f) {
        xmlFreeParserCtxt(ctx);
        free(f);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    xmlDocPtr doc = xmlCtxtReadMemory(ctx, xml ? xml : "", (int)len, NULL, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    hx_status st = HX_OK;
    if (!doc || !ctx->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctx);
        char msg[160] = "not well-formed";
        if (e && e->message) {
            snprintf(msg, sizeof msg, "%s", e->message);
            msg[strcspn(msg, "\r\n")] = '\0';
        }
        st = hx__err(err, HX_JSON, SIZE_MAX, "not a feed: XML error at line %d, column %d: %s", e ? e->line : 0,
                     e ? e->int2 : 0, msg);
    } else {
        st = collect(xmlDocGetRootElement(doc), f, err);
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctx);
    if (st != HX_OK) {
        hx_feed_free(f);
        return st;
    }
    *out = f;
    return HX_OK;
}

int hx_feed_sniff(const char *data, size_t len)
{
    size_t n = len < 2048 ? len : 2048;
    char head[2049];
    memcpy(head, data, n);
    head[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!head[i]) head[i] = ' ';
    const char *p = head;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || (unsigned char)*p == 0xef
           || (unsigned char)*p == 0xbb || (unsigned char)*p == 0xbf)
        p++;
    if (*p != '<') return 0;
    return strstr(p, "<rss") || strstr(p, "<feed") || strstr(p, "<rdf:RDF");
}

size_t hx_feed_count(const hx_feed *f) { return f ? f->n : 0; }

const hx_article *hx_feed_item(const hx_feed *f, size_t i) { return f && i < f->n ? &f->items[i] : NULL; }

void hx_feed_free(hx_feed *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->n; i++) hx__in_article_clear(&f->items[i]);
    free(f->items);
    free(f);
}
