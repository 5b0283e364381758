/*
 * html.c -- the main text and metadata of a news page, read with libxml2's HTML
 * parser in SAX mode (docs/input.md says why libxml2 and not gumbo).
 *
 * The page is never built as a tree.  While parsing, the text is cut into blocks at
 * every block-level element; each block records its words, how much of it is link
 * text, the flags of the element it started in (inside boilerplate: nav, footer,
 * aside, forms, comment threads, cookie banners, ads, related links, by class or id;
 * metadata: bylines, dates, captions) and its innermost content container (<article>,
 * <main>, an element whose class or itemprop names an article body).  Afterwards the
 * container holding most of the page's good text is chosen and its good blocks kept,
 * with the headline and standfirst that precede it.
 *
 * Invariants: the stack mirrors libxml2's balanced start/end events (elements deeper
 * than HX__IN_DEPTH are counted, not stored); block i's text is text[t0, t1) with
 * collapsed whitespace; container 0 is the whole page and every other container's
 * parent index is smaller than its own.
 *
 * The public entry points hx_html_sniff and hx_html_extract (charset, parse, URL date,
 * finish) are at the end, so that article.c never calls into this file.
 */
#define _GNU_SOURCE /* memmem */
#include "input/input.h"

#include <assert.h>
#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define HX__IN_DEPTH 512

enum { /* element flags, inherited by descendants */
    F_SKIP = 1u << 0,   /* no text: script, style, head... */
    F_BOILER = 1u << 1, /* navigation, comments, ads, related links... */
    F_LINK = 1u << 2,
    F_META = 1u << 3,   /* byline, date, caption: metadata, not text */
    F_TITLE = 1u << 4,  /* <title> */
    F_LDJSON = 1u << 5, /* <script type="application/ld+json"> */
    F_TIME = 1u << 6,   /* <time>: its text when it has no datetime */
    F_H1 = 1u << 7,
    F_HEADING = 1u << 8,
    F_ARTICLE = 1u << 9, /* inside an <article> or a body container */
    F_INTIME = 1u << 10  /* inside a <time> element */
};

enum { C_PAGE, C_MAIN, C_ARTICLE, C_BODY }; /* container kinds, weakest first */

typedef struct elem {
    unsigned flags;
    unsigned tag; /* T_* */
    uint32_t cont;
} elem;

typedef struct cont {
    uint32_t parent;
    int kind;
    size_t words;
} cont;

typedef struct blk {
    size_t t0, t1;
    size_t words, link, time; /* words; bytes of link text and of <time> text */
    unsigned flags;
    uint32_t cont;
} blk;

typedef struct sax {
    hx_article *a;
    elem st[HX__IN_DEPTH];
    int depth, extra;
    hx__buf text, cap;   /* block texts; captured <title>/JSON-LD/<time> text */
    hx__vec blks, conts;
    size_t cur0, cur_link, cur_time; /* the open block starts at text[cur0] */
    unsigned cur_flags;
    uint32_t cur_cont;
    int sp, oom;
    char *title[4];      /* og:title, JSON-LD headline, <h1>, <title> */
    char date[3][11];    /* article:published_time, JSON-LD, <time> */
} sax;

/* ---------------------------------------------------------------- element classes */

enum { /* what an element's name says about it */
    T_INLINE = 1u << 0, T_SKIP = 1u << 1, T_BOILER = 1u << 2, T_HEADER = 1u << 3, T_META = 1u << 4,
    T_A = 1u << 5, T_ARTICLE = 1u << 6, T_MAIN = 1u << 7, T_TITLE = 1u << 8, T_SCRIPT = 1u << 9,
    T_TIME = 1u << 10, T_ATTRS = 1u << 11 /* html, link, meta: metadata in attributes */
};

typedef struct tagdef {
    const char *name;
    unsigned bits;
} tagdef;

/* Sorted by name (bsearch); elements not listed are blocks with no special meaning. */
static const tagdef tagdefs[] = {
    {"a", T_INLINE | T_A}, {"abbr", T_INLINE}, {"address", T_META}, {"article", T_ARTICLE}, {"aside", T_BOILER},
    {"audio", T_SKIP}, {"b", T_INLINE}, {"bdi", T_INLINE}, {"bdo", T_INLINE}, {"button", T_SKIP}, {"canvas", T_SKIP},
    {"cite", T_INLINE}, {"code", T_INLINE}, {"data", T_INLINE}, {"del", T_INLINE}, {"dfn", T_INLINE},
    {"dialog", T_BOILER}, {"em", T_INLINE}, {"figcaption", T_META}, {"font", T_INLINE}, {"footer", T_BOILER},
    {"form", T_BOILER}, {"head", T_SKIP}, {"header", T_HEADER}, {"html", T_ATTRS}, {"i", T_INLINE},
    {"iframe", T_SKIP}, {"img", T_INLINE}, {"ins", T_INLINE}, {"kbd", T_INLINE}, {"label", T_INLINE},
    {"link", T_ATTRS}, {"main", T_MAIN}, {"mark", T_INLINE}, {"math", T_SKIP}, {"menu", T_BOILER},
    {"meta", T_ATTRS}, {"nav", T_BOILER}, {"noscript", T_SKIP}, {"object", T_SKIP}, {"picture", T_INLINE},
    {"q", T_INLINE}, {"s", T_INLINE}, {"script", T_SKIP | T_SCRIPT}, {"select", T_SKIP}, {"small", T_INLINE},
    {"source", T_INLINE}, {"span", T_INLINE}, {"strong", T_INLINE}, {"style", T_SKIP}, {"sub", T_INLINE},
    {"sup", T_INLINE}, {"svg", T_SKIP}, {"template", T_SKIP}, {"textarea", T_SKIP}, {"time", T_INLINE | T_TIME},
    {"title", T_TITLE}, {"u", T_INLINE}, {"var", T_INLINE}, {"video", T_SKIP}, {"wbr", T_INLINE},
};

static int tagcmp(const void *k, const void *e) { return strcmp(k, ((const tagdef *)e)->name); }

static unsigned tag_bits(const char *n)
{
    const tagdef *d = bsearch(n, tagdefs, sizeof tagdefs / sizeof *tagdefs, sizeof *tagdefs, tagcmp);
    return d ? d->bits : 0;
}

/* Lower-cased word-set match of a class or id against word lists: BOILER or META
 * flags, or a container kind in *kind. */
static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strlen(*list) == n && strncmp(*list, w, n) == 0) return 1;
    return 0;
}

static unsigned class_flags(const char *v, int *kind)
{
    static const char *const boiler[] = {
        "nav", "navbar", "navigation", "menu", "submenu", "footer", "sidebar", "aside", "comment", "comments",
        "comentario", "comentarios", "cookie", "cookies", "consent", "gdpr", "cmp", "related", "relacionadas",
        "relacionados", "relacionada", "share", "sharing", "social", "compartir", "rrss", "ad", "ads", "advert",
        "advertisement", "adv", "publicidad", "anuncio", "banner", "newsletter", "subscribe", "suscripcion",
        "suscribete", "subscription", "paywall", "promo", "breadcrumb", "breadcrumbs", "tags", "etiquetas",
        "popup", "modal", "outbrain", "taboola", "recommended", "recomendados", "trending", "masleidas",
        "mostread", "sponsor", "patrocinado", "toolbar", "widget", "lomas", "teasers", "teaser", "more", NULL};
    static const char *const meta[] = {"byline", "author", "autor", "autores", "firma", "date", "fecha", "time",
                                       "timestamp", "published", "caption", "pie", "credit", "credito",
                                       "kicker", "antetitulo", "category", "categoria", "seccion", "dateline", NULL};
    static const char *const body[] = {"articlebody", "articlecontent", "articletext", "storybody",
                                       "storycontent", "entrycontent", "postcontent", "postbody", "newsbody",
                                       "contentbody", "cuerponoticia", "bodytext", "articlebodytext",
                                       "cuerpo", "texto", "noticiatexto", "articulocuerpo", "cuerpoarticulo", NULL};
    unsigned f = 0;
    char w[64], whole[64];
    size_t wn = 0, hn = 0;
    int last_meta = 0; /* the class's last word so far names metadata */
    for (const char *p = v;; p++) {
        unsigned char c = (unsigned char)*p;
        int alnum = isalnum(c);
        if (alnum && wn < sizeof w) w[wn++] = (char)tolower(c);
        if (alnum && hn < sizeof whole) whole[hn++] = (char)tolower(c);
        if (!alnum && wn) { /* end of a word: "comments" in "post-comments" */
            if (word_in(w, wn, boiler)) f |= F_BOILER;
            last_meta = word_in(w, wn, meta);
            wn = 0;
        }
        if ((c == ' ' || c == '\0') && hn) { /* end of a class: "article-body" */
            if (word_in(whole, hn, body)) *kind = C_BODY;
            /* "entry-date" is a date, "date-outer" (a wrapper) is not */
            if (last_meta) f |= F_META;
            hn = 0, last_meta = 0;
        }
        if (!c) break;
    }
    return f;
}

/* ---------------------------------------------------------------- text and blocks */

static void flush(sax *s)
{
    if (s->text.n > s->cur0) {
        blk *b = hx__vec_push(&s->blks, sizeof *b);
        if (!b) {
            s->oom = 1;
            return;
        }
        b->t0 = s->cur0, b->t1 = s->text.n, b->link = s->cur_link, b->time = s->cur_time;
        b->flags = s->cur_flags, b->cont = s->cur_cont;
        b->words = 1;
        for (size_t i = b->t0; i < b->t1; i++) b->words += s->text.p[i] == ' ';
        hx__buf_putc(&s->text, '\n');
    }
    s->cur0 = s->text.n;
    s->cur_link = s->cur_time = 0;
    s->sp = 0;
}

/* Appends text with whitespace (NBSP included) collapsed to single spaces. */
static void put_text(sax *s, const unsigned char *t, int n, unsigned flags)
{
    size_t before = s->text.n;
    int i = 0;
    while (i < n) {
        int j = i;
        while (j < n && t[j] > ' ' && !(t[j] == 0xc2 && j + 1 < n && t[j + 1] == 0xa0)) j++;
        if (j > i) {
            if (s->text.n == s->cur0) s->cur_flags = flags, s->cur_cont = s->depth ? s->st[s->depth - 1].cont : 0;
            else if (s->sp) hx__buf_putc(&s->text, ' ');
            hx__buf_put(&s->text, t + i, (size_t)(j - i));
            s->sp = 0;
        }
        if (j < n) s->sp = 1, j += t[j] == 0xc2 ? 2 : 1;
        i = j;
    }
    if (flags & F_LINK) s->cur_link += s->text.n - before;
    if (flags & F_INTIME) s->cur_time += s->text.n - before;
}

static void on_chars(void *ud, const xmlChar *t, int n)
{
    sax *s = ud;
    unsigned f = s->depth ? s->st[s->depth - 1].flags : 0;
    if (f & (F_TITLE | F_LDJSON | F_TIME)) hx__buf_put(&s->cap, t, (size_t)n);
    if (f & F_SKIP) return;
    put_text(s, t, n, f);
}

static const char *attr(const xmlChar **at, const char *name)
{
    for (int i = 0; at && at[i]; i += 2)
        if (strcasecmp((const char *)at[i], name) == 0) return at[i + 1] ? (const char *)at[i + 1] : "";
    return NULL;
}

static char *dup_text(const char *s, size_t n)
{
    hx_article tmp = {0};
    if (hx__in_set_meta(&tmp, HX_META_TITLE, s, n, 1) != 0) return NULL;
    return tmp.meta[HX_META_TITLE];
}

/* The longest part of a <title> cut at " | ", " - ", " – ", " — ", " :: " or " · "
 * ("Diario - Titular" gives "Titular"). */
static char *title_part(const char *t, size_t n)
{
    static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xb7 "};
    size_t best0 = 0, best1 = n, i0 = 0;
    int cut = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t l = 0;
        for (size_t k = 0; i < n && !l && k < sizeof seps / sizeof *seps; k++)
            if (strlen(seps[k]) <= n - i && memcmp(t + i, seps[k], strlen(seps[k])) == 0) l = strlen(seps[k]);
        if (!l && i < n) continue;
        if (!cut || i - i0 > best1 - best0) best0 = i0, best1 = i;
        cut = 1;
        i0 = i + l;
        if (l) i += l - 1;
    }
    return dup_text(t + best0, best1 - best0);
}

/* <meta>, <link>, <html>: metadata from attributes. */
static void head_attrs(sax *s, const char *n, const xmlChar **at)
{
    hx_article *a = s->a;
    int r = 0;
    if (n[0] == 'h' && attr(at, "lang")) {
        r = hx__in_set_meta(a, HX_META_LANG, attr(at, "lang"), strlen(attr(at, "lang")), 1);
    } else if (n[0] == 'l') {
        const char *rel = attr(at, "rel"), *href = attr(at, "href");
        if (rel && href && strcasecmp(rel, "canonical") == 0)
            r = hx__in_set_meta(a, HX_META_URL, href, strlen(href), 1);
    } else {
        const char *k = attr(at, "property");
        const char *v = attr(at, "content");
        if (!k) k = attr(at, "name");
        if (!k) k = attr(at, "itemprop");
        if (!k || !v) return;
        size_t vn = strlen(v);
        if (strcasecmp(k, "og:title") == 0 && !s->title[0]) s->title[0] = dup_text(v, vn);
        else if (strcasecmp(k, "og:site_name") == 0) r = hx__in_set_meta(a, HX_META_SITE, v, vn, 1);
        else if (strcasecmp(k, "og:url") == 0) r = hx__in_set_meta(a, HX_META_URL, v, vn, 0);
        else if (strcasecmp(k, "og:locale") == 0 || strcasecmp(k, "language") == 0)
            r = hx__in_set_meta(a, HX_META_LANG, v, vn, 0);
        else if ((strcasecmp(k, "author") == 0 || strcasecmp(k, "article:author") == 0) && strncmp(v, "http", 4) != 0)
            r = hx__in_set_meta(a, HX_META_AUTHOR, v, vn, 0);
        else if (strcasecmp(k, "article:published_time") == 0 || strcasecmp(k, "datePublished") == 0
                 || strcasecmp(k, "date") == 0 || strcasecmp(k, "dc.date") == 0 || strcasecmp(k, "pubdate") == 0)
            if (!s->date[0][0]) hx__in_date(v, s->date[0]);
    }
    if (r) s->oom = 1;
}

static void on_start(void *ud, const xmlChar *name, const xmlChar **at)
{
    sax *s = ud;
    const char *n = (const char *)name;
    if (s->depth == HX__IN_DEPTH) {
        s->extra++;
        return;
    }
    elem e = s->depth ? s->st[s->depth - 1] : (elem){0, 0, 0};
    e.flags &= ~(unsigned)(F_TITLE | F_LDJSON | F_TIME);
    e.tag = tag_bits(n);
    if (!(e.tag & T_INLINE)) flush(s);
    if (e.tag & T_ATTRS) head_attrs(s, n, at);
    int kind = C_PAGE;
    for (int i = 0; at && at[i]; i += 2) { /* libxml2 gives attribute names in lower case */
        const char *k = (const char *)at[i], *v = at[i + 1] ? (const char *)at[i + 1] : "";
        if (strcmp(k, "class") == 0 || strcmp(k, "id") == 0) e.flags |= class_flags(v, &kind);
        else if (strcmp(k, "hidden") == 0 || (strcmp(k, "aria-hidden") == 0 && strcmp(v, "true") == 0)) e.flags |= F_SKIP;
        else if (strcmp(k, "itemprop") == 0 && strcasecmp(v, "articleBody") == 0) kind = C_BODY;
    }
    if ((e.tag & T_ARTICLE) && kind < C_ARTICLE) kind = C_ARTICLE;
    if ((e.tag & T_MAIN) && kind < C_MAIN) kind = C_MAIN;
    if (kind >= C_ARTICLE) e.flags |= F_ARTICLE;
    if (e.tag & T_SKIP) e.flags |= F_SKIP;
    if (e.tag & T_BOILER) e.flags |= F_BOILER;
    if ((e.tag & T_HEADER) && !(e.flags & F_ARTICLE)) e.flags |= F_BOILER; /* the site's header */
    if (e.tag & T_META) e.flags |= F_META;
    if (e.tag & T_A) e.flags |= F_LINK;
    if (n[0] == 'h' && n[1] >= '1' && n[1] <= '6' && !n[2]) e.flags |= F_HEADING | (n[1] == '1' ? F_H1 : 0);
    if ((e.tag & T_TITLE) && !s->title[3]) e.flags |= F_TITLE, s->cap.n = 0;
    if ((e.tag & T_SCRIPT) && attr(at, "type") && strcasecmp(attr(at, "type"), "application/ld+json") == 0)
        e.flags |= F_LDJSON, s->cap.n = 0;
    if (e.tag & T_TIME) e.flags |= F_INTIME;
    if ((e.tag & T_TIME) && !s->date[2][0] && !(e.flags & F_BOILER)) {
        const char *dt = attr(at, "datetime");
        if (dt) hx__in_date(dt, s->date[2]);
        else e.flags |= F_TIME, s->cap.n = 0;
    }
    if (kind != C_PAGE) {
        cont *c = hx__vec_push(&s->conts, sizeof *c);
        if (!c) s->oom = 1;
        else c->parent = e.cont, c->kind = kind, e.cont = (uint32_t)(s->conts.n - 1);
    }
    s->st[s->depth++] = e;
}

static void on_end(void *ud, const xmlChar *name)
{
    sax *s = ud;
    (void)name; /* libxml2's events are balanced: the element is the stack's top */
    if (s->extra) {
        s->extra--;
        return;
    }
    if (!s->depth) return;
    unsigned f = s->st[s->depth - 1].flags, tag = s->st[s->depth - 1].tag;
    if ((f & F_H1) && !(f & F_BOILER) && !s->title[2] && s->text.n > s->cur0)
        s->title[2] = dup_text(s->text.p + s->cur0, s->text.n - s->cur0);
    if (!(tag & T_INLINE)) flush(s);
    if ((f & F_TITLE) && !s->title[3] && !(s->depth > 1 && (s->st[s->depth - 2].flags & F_TITLE)))
        s->title[3] = title_part(s->cap.p ? s->cap.p : "", s->cap.n);
    if ((f & F_TIME) && !(s->depth > 1 && (s->st[s->depth - 2].flags & F_TIME)) && s->cap.p)
        hx__in_date(s->cap.p, s->date[2]);
    if ((f & F_LDJSON) && !(s->depth > 1 && (s->st[s->depth - 2].flags & F_LDJSON)) && s->cap.n) {
        if (hx__in_ldjson(s->cap.p, s->cap.n, s->a, &s->title[1], s->date[1])) s->oom = 1;
    }
    s->depth--;
}

/* ---------------------------------------------------------------- choosing the text */

static int good(const sax *s, const blk *b)
{
    if (b->flags & (F_SKIP | F_BOILER | F_META)) return 0;
    size_t bytes = b->t1 - b->t0;
    if (b->link * 2 > bytes) return 0;
    if (b->time && b->words <= 12) return 0; /* a dateline: "Madrid - 5 jun 2025 07:40" */
    if (b->words < 4 && !(b->flags & F_HEADING)) { /* "Publicidad", "Seguir leyendo" */
        char last = s->text.p[b->t1 - 1];
        if (!strchr(".!?:\"»)…", last) && !((unsigned char)last >= 0x80)) return 0;
    }
    return 1;
}

static int inside(const sax *s, uint32_t c, uint32_t anc)
{
    const cont *cs = s->conts.p;
    while (c != anc && c != 0) {
        assert(cs[c].parent < c);
        c = cs[c].parent;
    }
    return c == anc;
}

/* The container with most of the page's good words: the deepest one holding 60% of
 * them (35% for an element named as the article body). */
static uint32_t choose(sax *s, char *keep)
{
    blk *b = s->blks.p;
    cont *c = s->conts.p;
    for (size_t i = 0; i < s->blks.n; i++) {
        keep[i] = (char)good(s, &b[i]);
        if (!keep[i]) continue;
        for (uint32_t k = b[i].cont;; k = c[k].parent) {
            c[k].words += b[i].words;
            if (k == 0) break;
        }
    }
    uint32_t best = 0;
    int best_depth = 0;
    for (uint32_t k = 1; k < s->conts.n; k++) {
        double need = c[k].kind == C_BODY ? 0.35 : 0.6;
        if (c[k].words == 0 || (double)c[k].words < need * (double)c[0].words) continue;
        int d = 0;
        for (uint32_t p = k; p; p = c[p].parent) d++;
        d += c[k].kind == C_BODY ? 1000 : 0;
        if (d > best_depth) best = k, best_depth = d;
    }
    return best;
}

/* Keeps only the run of kept blocks with most words: runs are separated by
 * boilerplate or link lists of 15 words or more (a related-news list, a comment
 * thread), not by captions or short filtered lines.  Returns the run's first block. */
static size_t best_run(const sax *s, char *keep)
{
    const blk *b = s->blks.p;
    size_t nb = s->blks.n, r0 = nb, rw = 0, gap = 0, gapn = 0, b0 = nb, b1 = nb, bw = 0, last = nb;
    for (size_t i = 0; i <= nb; i++) {
        int brk = i == nb;
        if (i < nb && keep[i]) {
            if (r0 == nb) r0 = i, rw = 0;
            rw += b[i].words, last = i, gap = gapn = 0;
        } else if (i < nb && ((b[i].flags & F_BOILER) || b[i].link * 2 > b[i].t1 - b[i].t0)) {
            gap += b[i].words, gapn++;
            brk = gap >= 15 && gapn >= 2; /* one "Lee también" link inside the text does not cut it */
        }
        if (brk && r0 != nb) {
            if (rw > bw) b0 = r0, b1 = last, bw = rw;
            r0 = nb;
        }
    }
    for (size_t i = 0; i < nb; i++)
        if (i < b0 || i > b1) keep[i] = 0;
    return b0;
}

/* Is block b a heading whose text is one of the page's title candidates? */
static int is_title(const sax *s, const blk *b)
{
    if (!(b->flags & F_HEADING)) return 0;
    for (int i = 0; i < 4; i++)
        if (s->title[i] && strlen(s->title[i]) == b->t1 - b->t0 && memcmp(s->title[i], s->text.p + b->t0, b->t1 - b->t0) == 0)
            return 1;
    return 0;
}

static void build_text(sax *s, hx__buf *out)
{
    size_t nb = s->blks.n;
    blk *b = s->blks.p;
    char *keep = calloc(nb + 1, 1);
    if (!keep) {
        s->oom = 1;
        return;
    }
    uint32_t c = choose(s, keep);
    size_t h1 = nb;
    for (size_t i = 0; i < nb; i++)
        if (!inside(s, b[i].cont, c)) keep[i] = 0;
    size_t first = best_run(s, keep);
    for (size_t i = 0; i < first; i++) /* the last headline before the body */
        if (((b[i].flags & F_H1) || is_title(s, &b[i])) && good(s, &b[i])) h1 = i;
    for (size_t i = h1; i < first; i++) keep[i] = (char)good(s, &b[i]);
    for (size_t i = nb; i-- > 0;) /* a heading must head some text */
        if (keep[i] && (b[i].flags & F_HEADING) && !(b[i].flags & F_H1)) {
            size_t j = i + 1;
            while (j < nb && !keep[j]) j++;
            if (j == nb || (b[j].flags & F_HEADING)) keep[i] = 0;
        }
    for (size_t i = 0; i < nb; i++) {
        if (!keep[i]) continue;
        if (out->n) hx__buf_put(out, "\n\n", 2);
        hx__buf_put(out, s->text.p + b[i].t0, b[i].t1 - b[i].t0);
    }
    free(keep);
}

static void fragment_text(sax *s, hx__buf *out)
{
    blk *b = s->blks.p;
    for (size_t i = 0; i < s->blks.n; i++) {
        if (b[i].flags & F_SKIP) continue;
        if (out->n) hx__buf_put(out, "\n\n", 2);
        hx__buf_put(out, s->text.p + b[i].t0, b[i].t1 - b[i].t0);
    }
}

/* Title and date by priority; the text. */
static void finish_meta(sax *s)
{
    hx_article *a = s->a;
    for (int i = 0; i < 4; i++)
        if (s->title[i] && !a->meta[HX_META_TITLE]) {
            a->meta[HX_META_TITLE] = s->title[i];
            s->title[i] = NULL;
        }
    static const char *const from[] = {"article:published_time", "json-ld", "time"};
    for (int i = 0; i < 3 && !a->meta[HX_META_DATE]; i++)
        if (s->date[i][0]) {
            if (hx__in_set_meta(a, HX_META_DATE, s->date[i], 10, 1)
                || hx__in_set_meta(a, HX_META_DATE_SOURCE, from[i], strlen(from[i]), 1))
                s->oom = 1;
        }
}

hx_status hx__in_html(const char *utf8, size_t len, int fragment, hx_article *a, hx_error *err)
{
    if (len > INT_MAX) return hx__err(err, HX_TOOBIG, SIZE_MAX, "HTML page of %zu bytes is too large", len);
    sax *s = calloc(1, sizeof *s);
    if (!s) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    s->a = a;
    hx__buf_reserve(&s->text, len / 2 + 64);
    if (!hx__vec_push(&s->conts, sizeof(cont))) s->oom = 1; /* container 0: the page */
    htmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startElement = on_start;
    h.endElement = on_end;
    h.characters = on_chars;
    h.cdataBlock = on_chars;
    htmlParserCtxtPtr p = htmlCreateMemoryParserCtxt(len ? utf8 : " ", len ? (int)len : 1);
    if (!p) {
        free(s);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    if (p->sax) memcpy(p->sax, &h, sizeof h);
    p->userData = s;
    htmlCtxtUseOptions(p, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER
                              | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED);
    xmlSwitchEncoding(p, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(p);
    htmlFreeParserCtxt(p);
    flush(s);
    hx__buf out = {0};
    if (fragment) fragment_text(s, &out);
    else build_text(s, &out);
    finish_meta(s);
    int oom = s->oom || s->text.oom || out.oom || s->cap.oom;
    for (int i = 0; i < 4; i++) free(s->title[i]);
    hx__buf_free(&s->text);
    hx__buf_free(&s->cap);
    hx__vec_free(&s->blks);
    hx__vec_free(&s->conts);
    free(s);
    if (oom) {
        hx__buf_free(&out);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    free(a->text);
    a->text = out.p ? out.p : calloc(1, 1);
    a->len = out.n;
    if (!a->text) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    return HX_OK;
}

/* ---------------------------------------------------------------- HTML pages */

int hx_html_sniff(const char *data, size_t len)
{
    size_t i = 0, n = len < 4096 ? len : 4096;
    if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) i = 3;
    for (;;) {
        while (i < n && isspace((unsigned char)data[i])) i++;
        if (i + 4 <= n && memcmp(data + i, "<!--", 4) == 0) {
            const char *e = memmem(data + i, n - i, "-->", 3);
            if (!e) return 0;
            i = (size_t)(e - data) + 3;
            continue;
        }
        if (i + 5 <= n && memcmp(data + i, "<?xml", 5) == 0) {
            const char *e = memchr(data + i, '>', n - i);
            if (!e) return 0;
            i = (size_t)(e - data) + 1;
            continue;
        }
        break;
    }
    static const char *const starts[] = {"<!doctype html", "<html", "<head", "<body", "<meta", "<title"};
    for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
        size_t l = strlen(starts[k]);
        if (i + l <= n && strncasecmp(data + i, starts[k], l) == 0) return 1;
    }
    return 0;
}

hx_status hx_html_extract(const char *html, size_t len, const char *content_type, const char *url,
                          hx_article **out, hx_error *err)
{
    *out = NULL;
    if (!html && len) return hx__err(err, HX_INVAL, SIZE_MAX, "no HTML given");
    hx_article *a = calloc(1, sizeof *a);
    char *u8 = NULL, cs[64];
    size_t n = 0;
    hx_status st = a ? HX_OK : hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    if (st == HX_OK) st = hx__in_to_utf8(html ? html : "", len, content_type, &u8, &n, cs, err);
    if (st == HX_OK) st = hx__in_html(u8, n, 0, a, err);
    free(u8);
    if (st == HX_OK && url && hx__in_set_meta(a, HX_META_URL, url, strlen(url), 0))
        st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    char d[11];
    if (st == HX_OK && !a->meta[HX_META_DATE] && (hx__in_url_date(a->meta[HX_META_URL], d) || hx__in_url_date(url, d))
        && (hx__in_set_meta(a, HX_META_DATE, d, 10, 1) || hx__in_set_meta(a, HX_META_DATE_SOURCE, "url", 3, 1)))
        st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    if (st == HX_OK && hx__in_set_meta(a, HX_META_CHARSET, cs, strlen(cs), 1))
        st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    if (st == HX_OK) st = hx__in_finish(a, err);
    if (st != HX_OK) {
        hx_article_free(a);
        return st;
    }
    *out = a;
    return HX_OK;
}
