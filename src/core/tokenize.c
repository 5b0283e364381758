/*
 * tokenize.c -- splits normalised text into tokens, following CoNLL-2002 conventions.
 *
 * Rules, in the order they are tried at each token start:
 *   1. URLs (http://, https://, www.) and e-mail addresses run to the next space,
 *      minus trailing punctuation; @handles and #hashtags are one token.
 *   2. A word is a run of letters and digits; a connector inside it stays when an
 *      alphanumeric follows: '-' always (KN-23, 1928-1958), ',' between digits (3,5),
 *      '.' between digits (1.500), before º/ª (1.º) or after a short letter group
 *      (EE.UU), '/' between digits (24/12/2024) or short letter groups (km/h),
 *      an apostrophe between letters (O'Donnell).  '%' after digits stays (30%).
 *      A final '.' stays on known abbreviations (Sr., etc.), on initials (J.) and on
 *      dotted acronyms (EE.UU., S.A.).
 *   3. "..." and repeated rule characters (=====) are one token; any other
 *      punctuation or symbol is a token of its own (¿ ¡ « » “ ” split off).
 * Invariants: tokens are non-empty, in text order, never overlap, never contain
 * whitespace; every non-space code point of the text belongs to exactly one token.
 */
#include "core/core.h"

#include <string.h>
#include <utf8proc.h>

/* Character classes of ASCII bytes (the SQLite aiClass idea). */
enum { C_SPACE = 1, C_NL, C_ALPHA, C_DIGIT, C_PUNCT, C_HIGH };

/* S space, N line break, A letter, D digit, P punctuation; rows of 16 from 0x00. */
#define S C_SPACE
#define N C_NL
#define A C_ALPHA
#define D C_DIGIT
#define P C_PUNCT
static const unsigned char ascii_class[128] = {
    S, S, S, S, S, S, S, S, S, S, N, S, S, S, S, S,
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
    P, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, P, P, P, P, P,
    P, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, P, P, P, P, S,
};
#undef S
#undef N
#undef A
#undef D
#undef P

typedef struct scan {
    const unsigned char *s;
    size_t n;
} scan;

/* Class of the code point at i; *len gets its length in bytes. */
static int cls_slow(const scan *sc, size_t i, size_t *len, int32_t *cpo);

static inline int cls_at(const scan *sc, size_t i, size_t *len, int32_t *cpo)
{
    unsigned c = sc->s[i];
    if (c < 0x80) {
        *len = 1;
        if (cpo) *cpo = (int32_t)c;
        return ascii_class[c];
    }
    return cls_slow(sc, i, len, cpo);
}

static int cls_slow(const scan *sc, size_t i, size_t *len, int32_t *cpo)
{
    int32_t cp = 0xfffd;
    size_t k = hx__utf8_decode(sc->s + i, sc->n - i, &cp);
    *len = k ? k : 1;
    if (cpo) *cpo = cp;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return C_ALPHA;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return C_NL;
    default:
        return C_PUNCT;
    }
}

static int is_alnum(int c) { return c == C_ALPHA || c == C_DIGIT; }

/* Abbreviations that keep their final period (lower case, without the period). */
static const char *const abbrevs[] = {
    "sr", "sra", "sres", "srta", "dr", "dra", "drs", "d", "dña", "ud", "uds", "vd", "vds",
    "etc", "pág", "págs", "núm", "nº", "art", "arts", "av", "avda", "gral", "lic", "ing",
    "prof", "profa", "tel", "tfno", "ej", "p.ej", "aprox", "vs", "cía", "cia", "admón",
    "dpto", "depto", "sto", "sta", "izq", "dcha", "máx", "mín", "min", "max", "pp",
    "jr", "mr", "mrs", "st", "co", "corp", "inc", "ltd", "mons", "excmo", "excma",
    "ilmo", "ilma", "fdo", "col", "cap", "tte", "cnel", "sgto", "op", "cit", "vol",
    "ed", "eds", "fig", "ca", "s", "ss", "a.c", "d.c", "a.m", "p.m", "ee.uu", "uu.ee",
    "s.a", "s.l", "ff.aa", "cc.oo", "jj.oo", "hnos", "pta", "ptas", "kms", "mill",
    "h", "hrs", "km", "kg", "cm", "mm", "ene", "feb", "mar", "abr", "jun", "jul", "ago", "sep", "sept", "oct", "nov", "dic",
};

static int is_abbrev(const unsigned char *s, size_t n)
{
    char low[16];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    low[n] = '\0';
    /* Upper-case non-ASCII letters (Á) are rare in abbreviations; ASCII folding suffices. */
    for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++)
        if (abbrevs[i][0] == low[0] && strcmp(low, abbrevs[i]) == 0) return 1;
    return 0;
}

/* Is s[i..] a top-level domain ending the word (MundoIT.com)? */
static int is_tld(const scan *sc, size_t i)
{
    static const char *const tlds[] = {"com", "es", "org", "net", "info", "edu", "gov", "int",
                                       "eu", "mx", "ar", "co", "cl", "pe", "ve", "uk", "fr",
                                       "de", "it", "pt", "ru", "cat", "gal", "tv", "io"};
    size_t n = 0;
    while (i + n < sc->n && sc->s[i + n] >= 'a' && sc->s[i + n] <= 'z') n++;
    if (n < 2 || n > 4 || (i + n < sc->n && (sc->s[i + n] >= 0x80 || ascii_class[sc->s[i + n]] == C_ALPHA)))
        return 0;
    for (size_t k = 0; k < sizeof tlds / sizeof *tlds; k++)
        if (strlen(tlds[k]) == n && memcmp(sc->s + i, tlds[k], n) == 0) return 1;
    return 0;
}

/* Length of the letter group ending just before i (letters only, ASCII count). */
static size_t group_len_before(const scan *sc, size_t start, size_t i)
{
    size_t k = i;
    while (k > start && ((sc->s[k - 1] | 32) >= 'a' && (sc->s[k - 1] | 32) <= 'z')) k--;
    return i - k;
}

static size_t group_len_after(const scan *sc, size_t i)
{
    size_t k = i;
    while (k < sc->n && ((sc->s[k] | 32) >= 'a' && (sc->s[k] | 32) <= 'z')) k++;
    return k - i;
}

static int is_trailing_punct(unsigned char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')'
        || c == '"' || c == '\'' || c == ']';
}

/* End of a run of non-space bytes starting at i, looking no further than max. */
static size_t run_end(const scan *sc, size_t i, size_t max)
{
    if (max > sc->n) max = sc->n;
    while (i < max) {
        size_t k;
        int c = cls_at(sc, i, &k, NULL);
        if (c == C_SPACE || c == C_NL) break;
        i += k;
    }
    return i;
}

/* URL or e-mail starting at i: returns its end, or 0. */
static size_t scan_url(const scan *sc, size_t i)
{
    const char *p = (const char *)sc->s + i;
    size_t rest = sc->n - i, e = i;
    int url = 0;
    if (*p == 'h' || *p == 'w' || *p == 'W')
        url = (rest > 7 && strncmp(p, "http://", 7) == 0) || (rest > 8 && strncmp(p, "https://", 8) == 0)
           || (rest > 4 && (strncmp(p, "www.", 4) == 0 || strncmp(p, "WWW.", 4) == 0));
    /* Cheap pre-check for e-mail: an '@' before the next ASCII space.  An address is
     * at most 64 + 1 + 255 bytes (RFC 5321); looking no further keeps a long run
     * without spaces from being rescanned at every token start. */
    size_t lim = rest > 65 ? i + 65 : sc->n;
    while (e < lim && sc->s[e] > ' ' && sc->s[e] != '@') e++;
    if (!url && (e == lim || sc->s[e] != '@')) return 0;
    e = run_end(sc, i, url ? sc->n : i + 321);
    if (!url) {
        if (e == i + 321) return 0;
        /* e-mail: alnum run, '@', alnum run containing a dot */
        const unsigned char *at = memchr(sc->s + i, '@', e - i);
        if (!at || at == sc->s + i) return 0;
        const unsigned char *dot = memchr(at, '.', (size_t)(sc->s + e - at));
        if (!dot || dot == at + 1 || ascii_class[at[1] & 0x7f] == C_PUNCT) return 0;
        for (const unsigned char *q = sc->s + i; q < at; q++)
            if (*q < 0x80 && ascii_class[*q] == C_PUNCT && *q != '.' && *q != '_' && *q != '-' && *q != '+')
                return 0;
    }
    /* Trailing punctuation belongs to the sentence; a ')' stays if the URL opened one. */
    int paren = memchr(sc->s + i, '(', e - i) != NULL;
    while (e > i && sc->s[e - 1] < 0x80 && is_trailing_punct(sc->s[e - 1])) {
        if (sc->s[e - 1] == ')' && paren) break;
        e--;
    }
    /* Closing quotes and guillemets (non-ASCII) at the end. */
    while (e > i + 2 && sc->s[e - 1] >= 0x80) {
        size_t k = e - 1;
        while (k > i && (sc->s[k] & 0xc0) == 0x80) k--;
        size_t l;
        if (cls_at(sc, k, &l, NULL) != C_PUNCT) break;
        e = k;
    }
    return e > i + 4 ? e : 0;
}

/* A word starting at i (whose first code point is alphanumeric): returns its end and
 * sets *abbr when a final period was kept. */
static size_t scan_word(const scan *sc, size_t i, int *abbr)
{
    size_t start = i, k;
    int prev = cls_at(sc, i, &k, NULL), dots = 0;
    i += k;
    *abbr = 0;
    while (i < sc->n) {
        int32_t cp;
        int c = cls_at(sc, i, &k, &cp);
        if (is_alnum(c)) {
            prev = c;
            i += k;
            continue;
        }
        unsigned char ch = sc->s[i];
        if (ch == '%' && prev == C_DIGIT) {
            i++;
            break;
        }
        if (c != C_PUNCT || i + k >= sc->n) break;
        size_t k2;
        int32_t ncp;
        int next = cls_at(sc, i + k, &k2, &ncp);
        if (!is_alnum(next)) break;
        int ok = 0;
        switch (ch) {
        case '-': ok = 1; break;
        case ',': ok = prev == C_DIGIT && next == C_DIGIT; break;
        case ':': ok = prev == C_DIGIT && next == C_DIGIT; break; /* 09:30 */
        case '.':
            ok = (prev == C_DIGIT && next == C_DIGIT) || ncp == 0xba || ncp == 0xaa
              || (prev == C_ALPHA && next == C_DIGIT && group_len_before(sc, start, i) <= 3) /* m.83 */
              || (prev == C_ALPHA && is_tld(sc, i + 1))
              || (prev == C_ALPHA && next == C_ALPHA && group_len_before(sc, start, i) <= 3
                  && group_len_after(sc, i + 1) <= 3)
              || (prev == C_ALPHA && next == C_ALPHA && ncp >= 'a' && ncp <= 'z'
                  && dots > 0);
            if (ok) dots++;
            break;
        case '/':
            ok = (prev == C_DIGIT && next == C_DIGIT)
              || (prev == C_ALPHA && next == C_ALPHA && group_len_before(sc, start, i) <= 3
                  && group_len_after(sc, i + 1) <= 2);
            break;
        case '\'': ok = prev == C_ALPHA && next == C_ALPHA; break;
        case '_': case '&': ok = 1; break;
        default:
            /* ’ (U+2019) between letters: O’Donnell */
            ok = cp == 0x2019 && prev == C_ALPHA && next == C_ALPHA;
        }
        if (!ok) break;
        prev = next;
        i += k + k2;
    }
    /* A final period stays on abbreviations, initials and dotted acronyms. */
    if (i < sc->n && sc->s[i] == '.' && !(i + 1 < sc->n && sc->s[i + 1] == '.')) {
        size_t len = i - start;
        int initial = len == 1 && sc->s[start] >= 'A' && sc->s[start] <= 'Z';
        int initial_u = 0;
        if (!initial && len == 2 && sc->s[start] >= 0xc3) initial_u = 1; /* Á. É. */
        /* A period followed by a space and a lower-case word does not end a sentence;
         * CoNLL-2002 keeps it on the word ("el pasado. de mayo"). */
        int lower_next = i + 2 < sc->n && sc->s[i + 1] == ' ' && sc->s[i + 2] >= 'a' && sc->s[i + 2] <= 'z';
        if (initial || initial_u || (dots > 0 && prev == C_ALPHA && group_len_before(sc, start, i) <= 3)
            || is_abbrev(sc->s + start, len) || lower_next) {
            i++;
            *abbr = 1;
        }
    }
    return i;
}

hx_status hx__tokenize(hx_doc *doc)
{
    scan sc = {(const unsigned char *)doc->text, doc->len};
    size_t i = 0;
    unsigned nl = 0, space = 0;

    /* A guess that avoids most regrowth: one token per 5.5 bytes of news text. */
    if (doc->toks.cap == 0 && doc->len > 64) {
        doc->toks.p = malloc((doc->len / 5 + 16) * sizeof(hx__tok));
        if (!doc->toks.p) return HX_NOMEM;
        doc->toks.cap = doc->len / 5 + 16;
        doc->toks.size = sizeof(hx__tok);
    }
    while (i < sc.n) {
        size_t k, end;
        int32_t cp;
        int c = cls_at(&sc, i, &k, &cp), abbr = 0;
        if (c == C_SPACE) {
            /* \r\n is one line break; a lone \r is one too */
            if (sc.s[i] == '\r' && !(i + 1 < sc.n && sc.s[i + 1] == '\n')) nl++;
            space = 1;
            i += k;
            continue;
        }
        if (c == C_NL) {
            nl++;
            space = 1;
            i += k;
            continue;
        }
        unsigned ch = sc.s[i];
        if ((ch == '+' || ch == '-') && (space || i == 0) && i + 1 < sc.n && sc.s[i + 1] >= '0'
            && sc.s[i + 1] <= '9') {
            /* a signed number: +0,5 -12 */
            end = scan_word(&sc, i + 1, &abbr);
            c = C_DIGIT;
        } else if (c == C_ALPHA || c == C_DIGIT) {
            end = scan_url(&sc, i);
            if (!end) end = scan_word(&sc, i, &abbr);
        } else if ((ch == '@' || ch == '#') && i + 1 < sc.n
                   && (ascii_class[sc.s[i + 1] & 0x7f] == C_ALPHA || ascii_class[sc.s[i + 1] & 0x7f] == C_DIGIT
                       || sc.s[i + 1] >= 0x80 || sc.s[i + 1] == '_')) {
            end = i + 1;
            while (end < sc.n) {
                size_t l;
                int cc = cls_at(&sc, end, &l, NULL);
                if (!is_alnum(cc) && sc.s[end] != '_') break;
                end += l;
            }
        } else if (ch == '.' && i + 2 < sc.n && sc.s[i + 1] == '.' && sc.s[i + 2] == '.') {
            end = i + 3;
            while (end < sc.n && sc.s[end] == '.') end++;
        } else if ((ch == '=' || ch == '*' || ch == '_' || ch == '~' || ch == '-') && i + 2 < sc.n
                   && sc.s[i + 1] == ch && sc.s[i + 2] == ch) {
            end = i + 3;
            while (end < sc.n && sc.s[end] == ch) end++;
        } else {
            end = i + k;
        }
        /* A token never ends before a combining mark: the mark belongs to the character
         * before it, and NFC may have reordered the two together into one changed run. */
        while (end < sc.n && sc.s[end] >= 0xcc && sc.s[end] < 0xf0) {
            size_t l;
            int32_t mc = 0;
            cls_at(&sc, end, &l, &mc);
            utf8proc_category_t cat = utf8proc_category(mc);
            if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC && cat != UTF8PROC_CATEGORY_ME)
                break;
            end += l;
        }
        hx__tok *t = hx__vec_push(&doc->toks, sizeof *t);
        if (!t) return HX_NOMEM;
        t->b0 = (uint32_t)i;
        t->b1 = (uint32_t)end;
        t->flags = (uint16_t)((space ? HX__T_SPACE : 0) | (nl ? HX__T_NEWLINE : 0)
                              | (nl >= 2 ? HX__T_PARA : 0) | (abbr ? HX__T_ABBR : 0));
        if (c == C_ALPHA) {
            t->flags |= HX__T_WORD;
            if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU) t->flags |= HX__T_UPPER;
        } else if (c == C_DIGIT) {
            t->flags |= HX__T_NUM;
        } else if (ch != '@' && ch != '#') {
            t->flags |= HX__T_PUNCT;
        } else {
            t->flags |= HX__T_WORD;
        }
        space = nl = 0;
        i = end;
    }
    return HX_OK;
}
