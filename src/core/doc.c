/*
 * doc.c -- documents: input validation, normalisation, offsets, accessors.  (The context
 * and hx_doc_analyze, which run the stages, are in src/pipeline.c.)
 *
 * The original input is kept byte for byte.  doc->text is derived from it by dropping
 * a BOM, replacing invalid bytes (lenient mode only) and normalising to NFC.  Where
 * that changed bytes, an anchor records the two ranges, so that any byte offset of
 * doc->text maps back to the original (hx__doc_span); elsewhere both move in step.
 * Code point offsets of the original are found from checkpoints taken every 64 bytes,
 * so no conversion ever walks more than a few dozen bytes.
 */
#include "core/core.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#define HX__MAX_INPUT ((size_t)1 << 30) /* 1 GiB: offsets stay well inside uint32 */

/* ---------------------------------------------------------------- normalisation */

static int add_anchor(hx_doc *doc, size_t norm, size_t norm_end, size_t orig, size_t orig_end)
{
    hx__anchor *a = hx__vec_push(&doc->anchors, sizeof *a);
    if (!a) return -1;
    a->norm = (uint32_t)norm, a->norm_end = (uint32_t)norm_end;
    a->orig = (uint32_t)orig, a->orig_end = (uint32_t)orig_end;
    return 0;
}

/* Normalises s[0..n) (valid UTF-8, original bytes [o0, o0+n)) to NFC into out. */
static int nfc_chunk(hx_doc *doc, hx__buf *out, const char *s, size_t n, size_t o0)
{
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (k < 0) return -1;
    if ((size_t)k == n && memcmp(dst, s, n) == 0) {
        hx__buf_put(out, s, n);
    } else {
        size_t at = out->n;
        hx__buf_put(out, dst, (size_t)k);
        if (add_anchor(doc, at, out->n, o0, o0 + n)) k = -1;
    }
    free(dst);
    return k < 0 ? -1 : 0;
}

/* A starter that never composes with the code point before it: not a mark, not a
 * Hangul jamo (L+V and LV+T compose). */
static int free_starter(int32_t cp, const utf8proc_property_t *prop)
{
    if (prop->combining_class || (cp >= 0x1100 && cp <= 0x11ff)) return 0;
    return prop->category != UTF8PROC_CATEGORY_MN && prop->category != UTF8PROC_CATEGORY_MC
        && prop->category != UTF8PROC_CATEGORY_ME;
}

/*
 * Copies the original input to doc->text.  Runs of code points below U+0300 are
 * already NFC and copied as they are; a run holding anything from U+0300 up, together
 * with the code point before it (a base letter a combining mark may attach to), goes
 * through utf8proc.  Also takes the code point checkpoints of the original.
 */
static hx_status normalise(hx_doc *doc, hx_error *err)
{
    const unsigned char *u = (const unsigned char *)doc->orig;
    size_t n = doc->orig_len, i = 0, cps = 0;
    size_t copied = 0; /* bytes of the previous code point if it was copied as it was */
    size_t slow = SIZE_MAX; /* start of a pending run that needs utf8proc */
    size_t nonstarters = 0; /* combining marks in a row just before i */
    hx__buf out = {0};
    int lenient = (doc->flags & HX_LENIENT) != 0;

    doc->cp_ckpt = malloc((n / 64 + 1) * sizeof *doc->cp_ckpt * 2);
    if (!doc->cp_ckpt || hx__buf_reserve(&out, n + 16)) goto nomem;
    for (size_t blk = 0; blk <= n / 64; blk++) doc->cp_ckpt[2 * blk] = UINT32_MAX;
    doc->cp_ckpt[0] = doc->cp_ckpt[1] = 0;
    if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
        if (add_anchor(doc, 0, 0, 0, 3)) goto nomem;
        i = 3;
        cps = 1;
    }
    while (i < n) {
        int32_t cp;
        size_t k;
        if (doc->cp_ckpt[2 * (i / 64)] == UINT32_MAX) {
            doc->cp_ckpt[2 * (i / 64)] = (uint32_t)i;
            doc->cp_ckpt[2 * (i / 64) + 1] = (uint32_t)cps;
        }
        if (u[i] < 0x80 && u[i] != 0) {
            /* An ASCII run is copied whole, unless a combining mark follows it. */
            size_t j = i + 1;
            while (j < n && u[j] < 0x80 && u[j] != 0 && (j & 63) != 0) j++;
            if (slow != SIZE_MAX) {
                if (nfc_chunk(doc, &out, doc->orig + slow, i - slow, slow)) goto nomem;
                slow = SIZE_MAX;
            }
            hx__buf_put(&out, doc->orig + i, j - i);
            cps += j - i;
            copied = 1; /* the last ASCII character may take a combining mark */
            nonstarters = 0;
            i = j;
            continue;
        } else if ((k = u[i] ? hx__utf8_decode(u + i, n - i, &cp) : 0) == 0) {
            if (!lenient) {
                hx_status code = u[i] ? HX_UTF8 : HX_NUL;
                hx__buf_free(&out);
                return hx__err(err, code, i, "%s at byte %zu",
                               code == HX_NUL ? "NUL byte" : "invalid UTF-8", i);
            }
            if (slow != SIZE_MAX) {
                if (nfc_chunk(doc, &out, doc->orig + slow, i - slow, slow)) goto nomem;
                slow = SIZE_MAX;
            }
            if (add_anchor(doc, out.n, out.n + 3, i, i + 1)) goto nomem;
            hx__buf_put(&out, "\xef\xbf\xbd", 3);
            i++, cps++;
            copied = 0;
            nonstarters = 0;
            continue;
        }
        const utf8proc_property_t *prop = utf8proc_get_property(cp);
        nonstarters = prop->combining_class ? nonstarters + 1 : 0;
        if (slow != SIZE_MAX && (nonstarters > 30 || free_starter(cp, prop))) {
            /* Close the pending run before a starter that cannot compose with what
             * precedes it, so that a changed run (one anchor) never spans two tokens.
             * utf8proc orders combining marks by a quadratic sort, so runs of more than
             * 30 of them (the limit of UAX #15's stream-safe format) are cut too. */
            if (nfc_chunk(doc, &out, doc->orig + slow, i - slow, slow)) goto nomem;
            slow = nonstarters > 30 ? i : SIZE_MAX;
            if (nonstarters > 30) nonstarters = 1;
            copied = 0;
        }
        if (cp >= 0x300) {
            if (slow == SIZE_MAX) {
                /* Take back the code point before, if it was copied as it was. */
                slow = i - copied;
                out.n -= copied;
            }
        } else if (slow != SIZE_MAX && cp < 0x80) {
            if (nfc_chunk(doc, &out, doc->orig + slow, i - slow, slow)) goto nomem;
            slow = SIZE_MAX;
        }
        copied = 0;
        if (slow == SIZE_MAX) {
            hx__buf_put(&out, doc->orig + i, k);
            copied = k;
        }
        i += k, cps++;
    }
    if (slow != SIZE_MAX && nfc_chunk(doc, &out, doc->orig + slow, n - slow, slow)) goto nomem;
    if (out.oom) goto nomem;
    if (out.n >= UINT32_MAX) {
        hx__buf_free(&out);
        return hx__err(err, HX_TOOBIG, SIZE_MAX, "text too large");
    }
    if (!out.p) hx__buf_put(&out, "", 0);
    doc->text = out.p;
    doc->len = out.n;
    /* Text that normalisation left as it was (most of it) is not kept twice. */
    if (!out.oom && doc->anchors.n == 0 && out.n == doc->orig_len && memcmp(out.p, doc->orig, out.n) == 0) {
        hx__buf_free(&out);
        doc->text = doc->orig;
    }
    return out.oom ? hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory") : HX_OK;
nomem:
    hx__buf_free(&out);
    return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
}

/* Original byte offset of normalised offset b: the start of a changed run when
 * round_up is 0, its end otherwise. */
static size_t orig_byte(const hx_doc *doc, size_t b, int round_up)
{
    const hx__anchor *a = doc->anchors.p;
    size_t lo = 0, hi = doc->anchors.n;
    while (lo < hi) { /* first anchor with norm > b */
        size_t mid = (lo + hi) / 2;
        if (a[mid].norm <= b) lo = mid + 1;
        else hi = mid;
    }
    /* Runs are empty only at a BOM (norm 0); prefer the last run starting at b. */
    if (lo == 0) return b;
    const hx__anchor *k = &a[lo - 1];
    if (b >= k->norm_end) return k->orig_end + (b - k->norm_end);
    if (b == k->norm || !round_up) return k->orig;
    return k->orig_end;
}

static size_t orig_cp(const hx_doc *doc, size_t ob)
{
    const unsigned char *u = (const unsigned char *)doc->orig;
    size_t blk = ob / 64;
    while (blk > 0 && (doc->cp_ckpt[2 * blk] == UINT32_MAX || doc->cp_ckpt[2 * blk] > ob)) blk--;
    size_t i = doc->cp_ckpt[2 * blk], cps = doc->cp_ckpt[2 * blk + 1];
    if (i == UINT32_MAX) i = 0, cps = 0;
    if (!(doc->flags & HX_LENIENT)) {
        /* The input was checked to be valid UTF-8: count the bytes that start a code
         * point (this loop is most of the cost of writing spans). */
        return cps + hx__utf8_count(doc->orig + i, ob - i);
    }
    while (i < ob) {
        int32_t cp;
        size_t k = hx__utf8_decode(u + i, doc->orig_len - i, &cp);
        i += k ? k : 1;
        cps++;
    }
    return cps;
}

hx_span hx__doc_span(const hx_doc *doc, size_t b0, size_t b1)
{
    hx_span s;
    assert(b0 <= doc->len && b1 <= doc->len); /* offsets of doc->text */
    s.bstart = orig_byte(doc, b0, 0);
    s.bend = orig_byte(doc, b1, 1);
    if (s.bend < s.bstart) s.bend = s.bstart;
    s.start = orig_cp(doc, s.bstart);
    s.end = s.start + (orig_cp(doc, s.bend) - s.start);
    return s;
}

/* ---------------------------------------------------------------- documents */

/* Accepts YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by 'T' or ' ' and a time. */
int hx__valid_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    size_t i = 0;
    for (; s[i] && shape[i]; i++) {
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-') return 0;
    }
    if (i != 4 && i != 7 && i != 10) return 0;
    if (s[i] && !(i == 10 && (s[i] == 'T' || s[i] == ' '))) return 0;
    if (i >= 7) {
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12) return 0;
    }
    if (i == 10) {
        int d = (s[8] - '0') * 10 + (s[9] - '0');
        if (d < 1 || d > 31) return 0;
    }
    return 1;
}

const char *hx_doc_date(const hx_doc *doc) { return doc ? doc->date : NULL; }

/* HX_FIELD for a date that is not ISO 8601, quoting it on one line. */
static hx_status bad_date(hx_error *err, const char *date)
{
    char shown[200];
    return hx__err(err, HX_FIELD, SIZE_MAX, "not an ISO 8601 date: \"%s\"",
                   hx__printable(shown, sizeof shown, date, 40));
}

hx_status hx_doc_set_date(hx_doc *doc, const char *date, hx_error *err)
{
    if (!doc || doc->analyzed) return hx__err(err, HX_INVAL, SIZE_MAX, "the date is set before analysis");
    if (date && !hx__valid_date(date))
        return bad_date(err, date);
    char *copy = date ? strdup(date) : NULL;
    if (date && !copy) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    free(doc->date);
    doc->date = copy;
    return HX_OK;
}

static char *dup_or_null(const char *s, int *oom)
{
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) *oom = 1;
    return d;
}

static hx_status doc_alloc(const hx_ctx *ctx, const char *text, size_t len,
                           const hx_docinfo *info, hx_doc **out, hx_error *err)
{
    int oom = 0;
    hx_doc *doc;

    *out = NULL;
    if (!text && len) return hx__err(err, HX_INVAL, SIZE_MAX, "text is NULL");
    if (len > HX__MAX_INPUT)
        return hx__err(err, HX_TOOBIG, SIZE_MAX, "text of %zu bytes exceeds the limit of %zu",
                       len, HX__MAX_INPUT);
    if (!(doc = calloc(1, sizeof *doc))) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    doc->ctx = ctx;
    doc->orig_len = len;
    if ((doc->orig = malloc(len + 1))) {
        if (len) memcpy(doc->orig, text, len);
        doc->orig[len] = '\0';
    } else {
        oom = 1;
    }
    if (info && info->date && !hx__valid_date(info->date)) {
        free(doc->orig);
        free(doc);
        return bad_date(err, info->date);
    }
    if (info) {
        doc->id = dup_or_null(info->id, &oom);
        doc->title = dup_or_null(info->title, &oom);
        doc->date = dup_or_null(info->date, &oom);
        doc->source = dup_or_null(info->source, &oom);
        doc->url = dup_or_null(info->url, &oom);
        doc->meta_json = dup_or_null(info->meta_json, &oom);
        doc->flags = info->flags;
    }
    if (oom) {
        hx_doc_free(doc);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    *out = doc;
    return HX_OK;
}

hx_status hx_doc_new(const hx_ctx *ctx, const char *text, size_t len, const hx_docinfo *info,
                     hx_doc **out, hx_error *err)
{
    hx_status st = doc_alloc(ctx, text, len, info, out, err);
    if (st != HX_OK) return st;
    if ((st = normalise(*out, err)) != HX_OK) {
        hx_doc_free(*out);
        *out = NULL;
    }
    return st;
}

hx_status hx_doc_from_tokens(const hx_ctx *ctx, const char *const *words, size_t n,
                             hx_doc **out, hx_error *err)
{
    hx__buf b = {0};
    hx_status st;

    *out = NULL;
    for (size_t i = 0; i < n; i++) {
        /* Words are found again by the spaces between them: none may be empty or
         * hold a space itself. */
        if (!words[i] || !words[i][0] || strchr(words[i], ' ')) {
            hx__buf_free(&b);
            return hx__err(err, HX_INVAL, SIZE_MAX, "word %zu is %s", i,
                           !words[i] || !words[i][0] ? "empty" : "not one token (it holds a space)");
        }
        if (i) hx__buf_putc(&b, ' ');
        hx__buf_puts(&b, words[i]);
    }
    if (b.oom) return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    st = hx_doc_new(ctx, b.p ? b.p : "", b.n, NULL, out, err);
    hx__buf_free(&b);
    if (st != HX_OK) return st;
    hx_doc *doc = *out;
    /* The text is the words joined by spaces, normalised; find the words again by
     * their separating spaces, never re-tokenising them. */
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t wl = strlen(words[i]);
        hx__tok *t = hx__vec_push(&doc->toks, sizeof *t);
        if (!t) goto nomem;
        size_t end = at;
        if (wl) { /* normalisation may change a word's length: scan to the next space */
            while (end < doc->len && doc->text[end] != ' ') end++;
        }
        t->b0 = (uint32_t)at;
        t->b1 = (uint32_t)end;
        t->flags = i ? HX__T_SPACE : 0;
        unsigned char c = (unsigned char)doc->text[at];
        if (end > at) {
            if (c >= '0' && c <= '9') t->flags |= HX__T_NUM;
            else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80) t->flags |= HX__T_WORD;
            else t->flags |= HX__T_PUNCT;
            if (c >= 'A' && c <= 'Z') t->flags |= HX__T_UPPER;
        }
        at = end + 1;
    }
    if (n > 0) { /* sentences are never empty */
        hx__sent *s = hx__vec_push(&doc->sents, sizeof *s);
        if (!s) goto nomem;
        s->first = 0;
        s->last = (uint32_t)n;
    }
    doc->pretokenized = 1;
    return HX_OK;
nomem:
    hx_doc_free(doc);
    *out = NULL;
    return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
}

void hx_doc_free(hx_doc *doc)
{
    if (!doc) return;
    if (doc->text != doc->orig) free(doc->text); /* shared when normalisation changed nothing */
    free(doc->orig);
    free(doc->cp_ckpt);
    free(doc->id);
    free(doc->title);
    free(doc->date);
    free(doc->source);
    free(doc->url);
    free(doc->meta_json);
    hx__vec_free(&doc->anchors);
    hx__vec_free(&doc->toks);
    hx__vec_free(&doc->sents);
    hx__vec_free(&doc->mentions);
    hx__vec_free(&doc->quants);
    hx__vec_free(&doc->times);
    hx__vec_free(&doc->entities);
    hx__vec_free(&doc->claims);
    hx__vec_free(&doc->events);
    for (size_t i = 0; i < sizeof doc->layer_data / sizeof *doc->layer_data; i++) free(doc->layer_data[i]);
    free(doc);
}

/* ---------------------------------------------------------------- accessors */

size_t hx_doc_ntokens(const hx_doc *doc) { return doc ? doc->toks.n : 0; }
size_t hx_doc_nsentences(const hx_doc *doc) { return doc ? doc->sents.n : 0; }

hx_status hx_doc_sentence(const hx_doc *doc, size_t i, hx_sentence *out)
{
    if (!doc || i >= doc->sents.n) return HX_INVAL;
    const hx__sent *s = HX__VEC_AT(doc->sents, hx__sent, i);
    const hx__tok *t = doc->toks.p;
    out->first = s->first;
    out->last = s->last;
    out->paragraph = s->para;
    out->span = s->last > s->first ? hx__doc_span(doc, t[s->first].b0, t[s->last - 1].b1)
                                   : hx__doc_span(doc, 0, 0);
    return HX_OK;
}
