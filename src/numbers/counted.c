/*
 * counted.c -- what a quantity counts (hx__counted): the noun after a number with its
 * modifiers ("soldados", "proyectiles de artillería", "soldados norcoreanos").
 *
 * With part-of-speech tags (the tagger ran before the numbers stage) the noun must be
 * tagged NC and its modifiers AQ, or "de" + NC once; without tags, word shapes decide:
 * a lower-case word that is not a function word or a verb form, then adjectives that
 * agree with it in number, and at most one "de" phrase.  At most four words.
 * Invariants: reads only doc (never changes it) and s[0..n); no state is kept.
 */
#include "core/core.h"

#include <string.h>

#include "numbers/numbers.h"
#include "tagger/tagger.h"

static const char *const w_de[] = {"de", NULL};
static const char *const months[] = {"enero", "febrero", "marzo", "abril", "mayo", "junio",
                                     "julio", "agosto", "septiembre", "setiembre", "octubre",
                                     "noviembre", "diciembre", NULL};

/* Words that end what is counted (and never start it). */
static const char *const stop_words[] = {
    "de", "del", "a", "al", "en", "y", "e", "o", "u", "ni", "que", "por", "para", "con", "sin",
    "sobre", "entre", "hasta", "desde", "hacia", "tras", "contra", "segun", "durante",
    "mediante", "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "uno", "su", "sus",
    "se", "es", "son", "fue", "fueron", "era", "eran", "ha", "han", "habia", "habian", "sera",
    "seran", "esta", "estan", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas",
    "mas", "menos", "muy", "ya", "no", "si", "como", "cuando", "donde", "pero", "mientras",
    "aunque", "porque", "cada", "todo", "todos", "toda", "todas", "otro", "otros", "otra",
    "otras", "mil", "millones", "millon", "tambien", "solo", "entonces",
    "ahora", "hoy", "ayer", "aqui", "alli", "asi", "tan", "tanto", "mismo", "misma", "mismos",
    "mismas", "cual", "cuales", "quien", "quienes", "sino", "pues", "le", "les", "me", "te",
    "nos", "os", "mi", "mis", "tu", "tus", "nuestro", "nuestra", "nuestros", "nuestras",
    "hay", "habra", "han", "puede", "pueden", "segun", NULL};

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strcmp(w, *list) == 0)
            return 1;
    return 0;
}

/* Whether the folded word w (raw text ending at s[end - 1]) looks like a verb form
 * ("murieron", "llegó", "estaban") rather than a noun or adjective. */
static int verb_like(const char *w, const char *s, size_t end)
{
    size_t wl = strlen(w);
    unsigned char last = (unsigned char)s[end - 1];
    if (end >= 2 && (unsigned char)s[end - 2] == 0xC3 && (last == 0xB3 || last == 0xA1))
        return 1; /* -ó, -á */
    static const char *const ends[] = {"aron", "eron", "ieron", "aban", "ian", "aba", NULL};
    for (const char *const *e = ends; *e; e++) {
        size_t el = strlen(*e);
        if (wl > el + 1 && strcmp(w + wl - el, *e) == 0)
            return 1;
    }
    return 0;
}

/* The part-of-speech tag of the token starting at byte b of the document ("NC",
 * "AQ"), or NULL when the tagger did not run or no token starts there. */
static const char *pos_at(const hx_doc *doc, size_t b)
{
    if (!doc || !doc->ctx || !doc->ctx->pos || doc->toks.n == 0)
        return NULL;
    size_t lo = 0, hi = doc->toks.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (HX__VEC_AT(doc->toks, hx__tok, mid)->b0 < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    const hx__tok *t = lo < doc->toks.n ? HX__VEC_AT(doc->toks, hx__tok, lo) : NULL;
    if (!t || t->b0 != b || !t->pos)
        return NULL;
    return hx__tagger_label(doc->ctx->pos, t->pos);
}

/* What is counted, after e: [de] noun {adjective | de noun}; of0 == of1 when none.
 * With part-of-speech tags the noun must be tagged NC and modifiers AQ (or "de" + NC);
 * without them, word shapes decide (lower case, not a function word, not a verb,
 * adjectives agreeing in number). */
void hx__counted(const hx_doc *doc, const char *s, size_t n, size_t e, int de_ok,
                 uint32_t *of0, uint32_t *of1)
{
    char w[32];
    size_t k = hx__skip_sp(s, n, e), k2;
    *of0 = *of1 = 0;
    if (k == e)
        return;
    if (de_ok && hx__word_is(s, n, k, w_de, &k2)) {
        k = hx__skip_sp(s, n, k2);
        if (k == k2)
            return;
    }
    size_t we = hx__word_at(s, n, k, w, sizeof w);
    if (we == k || !w[0] || in_list(w, stop_words) ||
        !((s[k] >= 'a' && s[k] <= 'z') || (unsigned char)s[k] == 0xC3) ||
        hx__alnum_at(s, n, we) || strlen(w) < 2 || verb_like(w, s, we))
        return;
    int plural = w[strlen(w) - 1] == 's';
    size_t start = k, end = we;
    int words = 1;
    const char *tag = pos_at(doc, k);
    if (tag) {
        if (strcmp(tag, "NC") != 0)
            return;
        for (;;) {
            size_t p = hx__skip_sp(s, n, end);
            const char *pt = p > end ? pos_at(doc, p) : NULL;
            if (!pt || words >= 4)
                break;
            size_t pe = hx__word_at(s, n, p, w, sizeof w);
            if (pt[0] == 'A') {
                end = pe;
                words++;
                continue;
            }
            if (strcmp(w, "de") == 0 && words < 3) {
                size_t q = hx__skip_sp(s, n, pe);
                const char *qt = q > pe ? pos_at(doc, q) : NULL;
                if (qt && strcmp(qt, "NC") == 0) {
                    end = hx__word_at(s, n, q, w, sizeof w);
                    words += 2;
                    continue;
                }
            }
            break;
        }
        *of0 = (uint32_t)start;
        *of1 = (uint32_t)end;
        return;
    }
    for (;;) {
        size_t p = hx__skip_sp(s, n, end);
        if (p == end || words >= 4)
            break;
        size_t pe = hx__word_at(s, n, p, w, sizeof w);
        if (pe == p || !w[0] || hx__alnum_at(s, n, pe))
            break;
        if (strcmp(w, "de") == 0) {
            size_t q = hx__skip_sp(s, n, pe);
            size_t qe = q > pe ? hx__word_at(s, n, q, w, sizeof w) : q;
            if (qe == q || !w[0] || in_list(w, stop_words) || in_list(w, months) ||
                !(s[q] >= 'a' && s[q] <= 'z') || hx__alnum_at(s, n, qe))
                break;
            end = qe;
            words += 2;
            if (words >= 3)
                break; /* one "de" phrase: "proyectiles de artillería" */
            continue;
        }
        /* an adjective agrees in number; verbs ("murieron", "llegó") do not fit */
        size_t wl = strlen(w);
        unsigned char last = (unsigned char)s[pe - 1];
        if (in_list(w, stop_words) || !(s[p] >= 'a' && s[p] <= 'z') || (w[wl - 1] == 's') != plural ||
            last == 0xB3 || last == 0xA1 || (wl > 4 && strcmp(w + wl - 4, "aron") == 0) ||
            (wl > 4 && strcmp(w + wl - 4, "eron") == 0) || (wl > 3 && strcmp(w + wl - 3, "ban") == 0) ||
            (!plural && wl > 2 && (strcmp(w + wl - 2, "an") == 0 || strcmp(w + wl - 2, "en") == 0)))
            break;
        end = pe;
        words++;
    }
    *of0 = (uint32_t)start;
    *of1 = (uint32_t)end;
}

