/*
 * lemma.c -- rule-based lemmatiser for Spanish verb forms (see lemma.h).
 *
 * A form is analysed in this order, the first step that yields a KNOWN infinitive
 * winning:
 *   1. the table of whole irregular forms (ser, ir, haber, dar, ver ...);
 *   2. enclitic pronouns are stripped when what remains is an infinitive or a
 *      gerund ("decirle", "asegurándose"), and the rest is analysed again;
 *   3. irregular participles by their endings ("-puesto" -> "-poner", "-scrito");
 *   4. regular endings, longest first, with the stem as it is ("informó");
 *   5. strong preterite and irregular future stems ("dijo", "sostuvo", "tendrá");
 *   6. regular endings with stem changes undone ("pidió", "cuenta", "conozco").
 * When nothing known is found, the guess is the stem of the longest reliable
 * ending plus its most likely class.  Everything works on lower-case UTF-8 bytes;
 * no step allocates, and forms longer than HX__LEMMA_MAX are rejected.
 */
#include "lemma.h"

#include <string.h>

/* ---------------------------------------------------------------- helpers */

size_t hx__lower(const char *s, size_t n, char *out, size_t cap)
{
    if (n + 1 > cap) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        /* Latin-1 capitals U+00C0..U+00DE (except U+00D7) are C3 80..C3 9E. */
        else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            out[i] = (char)c;
            out[i + 1] = (char)((d >= 0x80 && d <= 0x9E && d != 0x97) ? d + 0x20 : d);
            i++;
            continue;
        }
        out[i] = (char)c;
    }
    out[n] = '\0';
    return n;
}

static int cmp_str(const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c) return c;
    return an < bn ? -1 : an > bn;
}

/* When 0, hx__lemma_rules() runs without the known-verb list (for measuring). */
static int known_in(const char *s, size_t n, int lex);

int hx__verb_known(const char *s, size_t n)
{
    size_t lo = 0, hi = hx__nverbs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_str(s, n, hx__verbs[mid]);
        if (!c) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

/* Without the list, only what the rules themselves fix counts as known: the
 * infinitives of the irregular table. */
static int known_in(const char *s, size_t n, int lex)
{
    if (lex) return hx__verb_known(s, n);
    for (size_t i = 0; i < hx__nirregulars; i++)
        if (strlen(hx__irregulars[i].lemma) == n && !memcmp(hx__irregulars[i].lemma, s, n)) return 1;
    return 0;
}

static const char *irregular(const char *s, size_t n)
{
    size_t lo = 0, hi = hx__nirregulars;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_str(s, n, hx__irregulars[mid].form);
        if (!c) return hx__irregulars[mid].lemma;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

static int ends_with(const char *w, size_t n, const char *suf, size_t sn)
{
    return n >= sn && memcmp(w + n - sn, suf, sn) == 0;
}

/* out = a[0..an) + b, NUL-terminated; returns the length or 0 when it does not fit. */
static size_t cat2(char *out, const char *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an + bn + 1 > HX__LEMMA_MAX) return 0;
    memmove(out, a, an);
    memcpy(out + an, b, bn + 1);
    return an + bn;
}

/* ---------------------------------------------------------------- endings */

/* A regular ending and the classes it may belong to, most likely first: 'a' for -ar,
 * 'e' for -er, 'i' for -ir.  weak: also the end of many nouns and adjectives, so it
 * is not used for guesses about unknown verbs when a longer ending fits. */
typedef struct ending {
    const char *s;
    const char *cls;
    int weak;
} ending;

static const ending endings[] = {
    /* infinitive, gerund, participle */
    {"ar", "a", 0}, {"er", "e", 0}, {"ir", "i", 0},
    {"ando", "a", 0}, {"iendo", "ei", 0}, {"yendo", "ei", 0},
    {"ado", "a", 0}, {"ada", "a", 0}, {"ados", "a", 0}, {"adas", "a", 0},
    {"ido", "ei", 0}, {"ida", "ei", 0}, {"idos", "ei", 0}, {"idas", "ei", 0},
    {"ído", "ei", 0}, {"ída", "ei", 0}, {"ídos", "ei", 0}, {"ídas", "ei", 0},
    /* present indicative and subjunctive */
    {"o", "aei", 1}, {"as", "aei", 1}, {"a", "aei", 1}, {"amos", "aei", 0},
    {"áis", "aei", 0}, {"an", "aei", 1}, {"es", "eia", 1}, {"e", "eia", 1},
    {"emos", "ea", 0}, {"éis", "ea", 0}, {"en", "eia", 1}, {"imos", "ie", 0},
    {"ís", "i", 0},
    /* preterite */
    {"é", "a", 0}, {"aste", "a", 0}, {"ó", "a", 0}, {"asteis", "a", 0}, {"aron", "a", 0},
    {"í", "ei", 0}, {"iste", "ei", 0}, {"ió", "ei", 0}, {"isteis", "ei", 0},
    {"ieron", "ei", 0}, {"yó", "ei", 0}, {"yeron", "ei", 0},
    /* imperfect */
    {"aba", "a", 0}, {"abas", "a", 0}, {"ábamos", "a", 0}, {"abais", "a", 0},
    {"aban", "a", 0}, {"ía", "ei", 0}, {"ías", "ei", 0}, {"íamos", "ei", 0},
    {"íais", "ei", 0}, {"ían", "ei", 0},
    /* imperfect subjunctive */
    {"ara", "a", 1}, {"aras", "a", 1}, {"áramos", "a", 0}, {"arais", "a", 0},
    {"aran", "a", 1}, {"ase", "a", 1}, {"ases", "a", 1}, {"ásemos", "a", 0},
    {"asen", "a", 1}, {"iera", "ei", 0}, {"ieras", "ei", 0}, {"iéramos", "ei", 0},
    {"ierais", "ei", 0}, {"ieran", "ei", 0}, {"iese", "ei", 0}, {"ieses", "ei", 0},
    {"iésemos", "ei", 0}, {"iesen", "ei", 0}, {"yera", "ei", 0}, {"yeran", "ei", 0},
    {"yese", "ei", 0}, {"yesen", "ei", 0},
    /* future and conditional: the infinitive plus an ending */
    {"aré", "a", 0}, {"arás", "a", 0}, {"ará", "a", 0}, {"aremos", "a", 0},
    {"aréis", "a", 0}, {"arán", "a", 0}, {"aría", "a", 0}, {"arías", "a", 0},
    {"aríamos", "a", 0}, {"aríais", "a", 0}, {"arían", "a", 0},
    {"eré", "e", 0}, {"erás", "e", 0}, {"erá", "e", 0}, {"eremos", "e", 0},
    {"eréis", "e", 0}, {"erán", "e", 0}, {"ería", "e", 0}, {"erías", "e", 0},
    {"eríamos", "e", 0}, {"eríais", "e", 0}, {"erían", "e", 0},
    {"iré", "i", 0}, {"irás", "i", 0}, {"irá", "i", 0}, {"iremos", "i", 0},
    {"iréis", "i", 0}, {"irán", "i", 0}, {"iría", "i", 0}, {"irías", "i", 0},
    {"iríamos", "i", 0}, {"iríais", "i", 0}, {"irían", "i", 0},
};
#define NENDINGS (sizeof endings / sizeof endings[0])

static const char *class_end(char c)
{
    return c == 'a' ? "ar" : c == 'e' ? "er" : "ir";
}

/* Strong preterites ("dijo", "sostuvo") and irregular futures ("tendrá", "dirían"):
 * a stem ending in key, with one of the endings of its group, belongs to the verb
 * whose infinitive is the stem with key replaced by inf. */
typedef struct stem_rule {
    const char *key, *inf;
    int future; /* 0: strong preterite endings, 1: future/conditional endings */
} stem_rule;

static const stem_rule stem_rules[] = {
    {"dij", "decir", 0}, {"traj", "traer", 0}, {"duj", "ducir", 0}, {"hic", "hacer", 0},
    {"hiz", "hacer", 0}, {"estuv", "estar", 0}, {"anduv", "andar", 0}, {"tuv", "tener", 0},
    {"pud", "poder", 0}, {"pus", "poner", 0}, {"vin", "venir", 0}, {"sup", "saber", 0},
    {"quis", "querer", 0}, {"hub", "haber", 0}, {"cup", "caber", 0},
    {"tendr", "tener", 1}, {"pondr", "poner", 1}, {"vendr", "venir", 1},
    {"saldr", "salir", 1}, {"valdr", "valer", 1}, {"podr", "poder", 1},
    {"sabr", "saber", 1}, {"habr", "haber", 1}, {"cabr", "caber", 1},
    {"querr", "querer", 1}, {"har", "hacer", 1}, {"dir", "decir", 1},
};

static const char *const strong_endings[] = {
    "e", "iste", "o", "imos", "isteis", "ieron", "eron", "iera", "ieras", "iéramos",
    "ierais", "ieran", "iese", "ieses", "iesen", "era", "eras", "eran", "ese", "esen",
};
static const char *const future_endings[] = {
    "é", "ás", "á", "emos", "éis", "án", "ía", "ías", "íamos", "íais", "ían",
};

/* Irregular participles, inflected with -o/-a/-os/-as: stem ending -> infinitive ending. */
static const stem_rule participles[] = {
    {"puest", "poner", 0}, {"dich", "decir", 0}, {"hech", "hacer", 0}, {"fech", "facer", 0},
    {"vist", "ver", 0}, {"vuelt", "volver", 0}, {"suelt", "solver", 0},
    {"muert", "morir", 0}, {"scrit", "scribir", 0}, {"biert", "brir", 0},
    {"impres", "imprimir", 0}, {"rot", "romper", 0},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- candidates */

/* Tries stem[0..sl) + the infinitive ending of each class in cls; returns the length
 * of the first known infinitive written to out, or 0. */
static size_t try_classes(const char *stem, size_t sl, const char *cls, char *out, int lex)
{
    for (; *cls; cls++) {
        size_t k = cat2(out, stem, sl, class_end(*cls));
        if (k && known_in(out, k, lex)) return k;
    }
    return 0;
}

/* Replaces the LAST occurrence of from in s[0..n) by to, into out; returns the new
 * length or 0 when from does not occur (or the result would not fit). */
static size_t replace_last(const char *s, size_t n, const char *from, const char *to, char *out)
{
    size_t fl = strlen(from), tl = strlen(to);
    if (n < fl || n - fl + tl + 1 > HX__LEMMA_MAX) return 0;
    for (size_t i = n - fl + 1; i-- > 0;) {
        if (memcmp(s + i, from, fl) == 0) {
            memcpy(out, s, i);
            memcpy(out + i, to, tl);
            memcpy(out + i + tl, s + i + fl, n - i - fl);
            out[n - fl + tl] = '\0';
            return n - fl + tl;
        }
    }
    return 0;
}

/* Stem changes undone by step 6: consonant changes at the end of the stem, then the
 * vowel changes of the last syllable. */
static const char *const cons_from[] = {"zc", "ig", "g", "j", "qu", "gu", "c", "g", "y"};
static const char *const cons_to[] = {"c", "", "", "g", "c", "g", "z", "gu", ""};
static const char *const vow_from[] = {"ie", "ue", "i", "u", "í", "ú"};
static const char *const vow_to[] = {"e", "o", "e", "o", "i", "u"};

static size_t try_variants(const char *stem, size_t sl, const char *cls, char *out, int lex)
{
    char c[HX__LEMMA_MAX], v[HX__LEMMA_MAX];
    size_t k;
    for (size_t ci = 0; ci <= NELEM(cons_from); ci++) {
        size_t cl;
        if (ci == NELEM(cons_from)) {
            memcpy(c, stem, sl);
            cl = sl;
        } else {
            size_t fl = strlen(cons_from[ci]);
            if (!ends_with(stem, sl, cons_from[ci], fl)) continue;
            cl = cat2(c, stem, sl - fl, cons_to[ci]);
            if (!cl) continue;
            if (ci < NELEM(cons_from) && (k = try_classes(c, cl, cls, out, lex))) return k;
        }
        for (size_t vi = 0; vi < NELEM(vow_from); vi++) {
            size_t vl = replace_last(c, cl, vow_from[vi], vow_to[vi], v);
            /* "qu"/"gu" before e/i are spelling, not a vowel to change. */
            if (vl && (k = try_classes(v, vl, cls, out, lex))) return k;
        }
    }
    return 0;
}

/* 1 when s[0..n) ends like an infinitive or a gerund, after the written accent an
 * enclitic forces is removed in place ("asegurándo" -> "asegurando"); *n may shrink. */
static int verbal_base(char *s, size_t *n)
{
    static const char *const acc[][2] = {{"ándo", "ando"}, {"iéndo", "iendo"},
                                         {"yéndo", "yendo"}, {"ár", "ar"}, {"ér", "er"}};
    for (size_t i = 0; i < NELEM(acc); i++) {
        size_t al = strlen(acc[i][0]);
        if (ends_with(s, *n, acc[i][0], al)) {
            *n = cat2(s, s, *n - al, acc[i][1]);
            return *n > 0;
        }
    }
    return ends_with(s, *n, "ar", 2) || ends_with(s, *n, "er", 2) || ends_with(s, *n, "ir", 2)
           || ends_with(s, *n, "ír", 3) || ends_with(s, *n, "ando", 4)
           || ends_with(s, *n, "iendo", 5) || ends_with(s, *n, "yendo", 5);
}

/* Strips one or two enclitic pronouns when what remains is an infinitive or a gerund
 * ("decirle", "asegurándose", "dárselo").  Returns the length of the remainder written
 * to out (without the forced accent), or 0. */
static size_t strip_clitics(const char *w, size_t n, char *out)
{
    static const char *const clitics[] = {"los", "las", "les", "nos", "se", "lo", "la", "le",
                                          "me", "te", "os"};
    size_t m = n;
    for (int round = 0; round < 2; round++) {
        size_t before = m;
        for (size_t i = 0; i < NELEM(clitics); i++) {
            size_t cl = strlen(clitics[i]);
            if (m > cl + 3 && ends_with(w, m, clitics[i], cl)) {
                m -= cl;
                break;
            }
        }
        if (m == before) return 0;
        size_t r = m;
        memcpy(out, w, m);
        out[m] = '\0';
        if (verbal_base(out, &r)) return r;
    }
    return 0;
}

/* ---------------------------------------------------------------- the lemmatiser */

size_t hx__lemma_verb(const char *w, size_t n, char *out, size_t cap, int *known)
{
    return hx__lemma_rules(w, n, out, cap, known, 1);
}

size_t hx__lemma_rules(const char *w, size_t n, char *out, size_t cap, int *known, int lex)
{
    char buf[HX__LEMMA_MAX];
    size_t k;
    const char *lem;

    if (known) *known = 0;
    if (n == 0 || n + 8 > HX__LEMMA_MAX || cap < HX__LEMMA_MAX) return 0;

    /* 1. whole irregular forms */
    if ((lem = irregular(w, n))) {
        if (known) *known = 1;
        return cat2(out, "", 0, lem);
    }
    /* 2. enclitic pronouns */
    if ((k = strip_clitics(w, n, buf)) && k < n) {
        int kn = 0;
        size_t r = hx__lemma_rules(buf, k, out, cap, &kn, lex);
        if (r && kn) {
            if (known) *known = 1;
            return r;
        }
    }
    /* 3. irregular participles */
    for (size_t i = 0; i < NELEM(participles); i++) {
        static const char *const infl[] = {"o", "a", "os", "as"};
        for (size_t f = 0; f < NELEM(infl); f++) {
            size_t il = strlen(infl[f]), pl = strlen(participles[i].key);
            if (!ends_with(w, n, infl[f], il) || !ends_with(w, n - il, participles[i].key, pl))
                continue;
            k = cat2(out, w, n - il - pl, participles[i].inf);
            if (k && known_in(out, k, lex)) {
                if (known) *known = 1;
                return k;
            }
        }
    }

    /* The regular endings that fit, longest first. */
    const ending *fit[16];
    size_t nfit = 0;
    for (size_t i = 0; i < NENDINGS && nfit < NELEM(fit); i++) {
        size_t el = strlen(endings[i].s);
        if (n > el && ends_with(w, n, endings[i].s, el)) {
            size_t j = nfit++;
            while (j > 0 && strlen(fit[j - 1]->s) < el) {
                fit[j] = fit[j - 1];
                j--;
            }
            fit[j] = &endings[i];
        }
    }

    /* 4. regular endings, stem unchanged */
    for (size_t i = 0; i < nfit; i++) {
        if ((k = try_classes(w, n - strlen(fit[i]->s), fit[i]->cls, out, lex))) goto found;
    }
    /* 5. strong preterites and irregular futures */
    for (size_t i = 0; i < NELEM(stem_rules); i++) {
        const stem_rule *r = &stem_rules[i];
        const char *const *ends = r->future ? future_endings : strong_endings;
        size_t ne = r->future ? NELEM(future_endings) : NELEM(strong_endings);
        size_t kl = strlen(r->key);
        for (size_t e = 0; e < ne; e++) {
            size_t el = strlen(ends[e]);
            if (n < el + kl || !ends_with(w, n, ends[e], el) || !ends_with(w, n - el, r->key, kl))
                continue;
            k = cat2(out, w, n - el - kl, r->inf);
            if (k && known_in(out, k, lex)) goto found;
        }
    }
    /* 6. regular endings, stem changes undone */
    for (size_t i = 0; i < nfit; i++) {
        if ((k = try_variants(w, n - strlen(fit[i]->s), fit[i]->cls, out, lex))) goto found;
    }

    /* A guess: the longest ending that is not weak, else the longest one. */
    if (!nfit) return 0;
    {
        const ending *best = fit[0];
        for (size_t i = 0; i < nfit; i++) {
            if (!fit[i]->weak) {
                best = fit[i];
                break;
            }
        }
        size_t sl = n - strlen(best->s);
        if (sl < 2) return 0;
        return cat2(out, w, sl, class_end(best->cls[0]));
    }

found:
    if (known) *known = 1;
    return k;
}
