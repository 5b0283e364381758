/*
 * lemma.c -- rule-based lemmatiser for Spanish verb forms (see claims.h).
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
 * no step allocates, and forms longer than HX__LEMMA_MAX are rejected.  The regular
 * endings are sorted by last byte and distinct (hx__lemma_selfcheck).  The filter at
 * the end of the file inverts these steps for a set of lemmas (hx__lemma_filter).
 */
#include "claims/claims.h"

#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

size_t hx__lower_fnv(const char *s, size_t n, char *out, size_t cap, uint32_t *hash)
{
    /* Latin-1 capitals U+00C0..U+00DE (except U+00D7) are C3 80..C3 9E; each output
     * byte is hashed (FNV-1a 32) as it is written. */
    uint32_t h = 2166136261u;
    if (n + 1 > cap) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            d = (unsigned char)((d >= 0x80 && d <= 0x9E && d != 0x97) ? d + 0x20 : d);
            out[i] = (char)c;
            out[i + 1] = (char)d;
            h = (h ^ c) * 16777619u;
            h = (h ^ d) * 16777619u;
            i++;
            continue;
        }
        out[i] = (char)c;
        h = (h ^ c) * 16777619u;
    }
    out[n] = '\0';
    *hash = h;
    return n;
}

size_t hx__lower(const char *s, size_t n, char *out, size_t cap)
{
    uint32_t h;
    return hx__lower_fnv(s, n, out, cap, &h);
}

/* a[0..an) against the NUL-terminated b, bytewise (unsigned), a prefix first.  Byte
 * loops here and below: the strings are a few bytes long, shorter than a libc call. */
static int cmp_str(const char *a, size_t an, const char *b)
{
    for (size_t i = 0; i < an; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (!y) return 1;
        if (x != y) return x < y ? -1 : 1;
    }
    return b[an] ? -1 : 0;
}

/* A string of the rule tables with its length (strlen would be a libc call per use). */
typedef struct str {
    const char *s;
    size_t n;
} str;

#define S(lit) {lit, sizeof(lit) - 1}

/* An ending (never empty) with its last byte, compared first. */
typedef struct sfx {
    const char *s;
    size_t n;
    unsigned char last;
} sfx;

#define X(lit) {lit, sizeof(lit) - 1, (unsigned char)(lit)[sizeof(lit) - 2]}

/* When 0, hx__lemma_rules() runs without the known-verb list (for measuring). */
static int known_in(const char *s, size_t n, int lex);

#define FNV_INIT 2166136261u

static uint32_t fnv_more(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* hx__verb_known with h = the FNV-1a hash of s[0..n). */
static int verb_known_h(const char *s, size_t n, uint32_t h)
{
    size_t mask = hx__verb_hash_size - 1;
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        unsigned k = hx__verb_hash[j];
        if (!k) return 0;
        const char *v = hx__verbs[k - 1];
        if (!cmp_str(s, n, v)) return 1;
    }
}

int hx__verb_known(const char *s, size_t n)
{
    return verb_known_h(s, n, fnv_more(FNV_INIT, s, n));
}

/* Without the list, only what the rules themselves fix counts as known: the
 * infinitives of the irregular table. */
static int known_in(const char *s, size_t n, int lex)
{
    if (lex) return verb_known_h(s, n, fnv_more(FNV_INIT, s, n));
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
    if (n < sn) return 0;
    for (size_t i = sn; i-- > 0;)
        if (w[n - sn + i] != suf[i]) return 0;
    return 1;
}

/* out = a[0..an) + b[0..bn), NUL-terminated; returns the length or 0 when it does not fit. */
static size_t cat2(char *out, const char *a, size_t an, const char *b, size_t bn)
{
    if (an + bn + 1 > HX__LEMMA_MAX) return 0;
    memmove(out, a, an);
    memcpy(out + an, b, bn);
    out[an + bn] = '\0';
    return an + bn;
}

/* ---------------------------------------------------------------- endings */

/* A regular ending and the classes it may belong to, most likely first: 'a' for -ar,
 * 'e' for -er, 'i' for -ir.  weak: also the end of many nouns and adjectives, so it
 * is not used for guesses about unknown verbs when a longer ending fits. */
typedef struct ending {
    const char *s;
    size_t len; /* strlen(s) */
    const char *cls;
    int weak;
    /* s[len - 1] and s[len - 2] (s[0] again for one byte): most endings are ruled
     * out by these two compares */
    unsigned char last, last2;
} ending;

#define E(s, cls, weak)                                                                   \
    {s, sizeof(s) - 1, cls, weak, (unsigned char)(s)[sizeof(s) - 2],                     \
     (unsigned char)(s)[sizeof(s) > 2 ? sizeof(s) - 3 : 0]}

static const ending endings[] = {
    /* Sorted by last byte (hx__lemma_selfcheck), so that the endings of a word are a
     * range found by binary search; within a byte, in the order infinitive, gerund,
     * participle, present, preterite, imperfect, imperfect subjunctive, future and
     * conditional.  No two are equal, so at most one of each length fits a word. */
    /* -a */
    E("ada", "a", 0), E("ida", "ei", 0), E("ída", "ei", 0), E("a", "aei", 1),
    E("aba", "a", 0), E("ía", "ei", 0), E("ara", "a", 1), E("iera", "ei", 0),
    E("yera", "ei", 0), E("aría", "a", 0), E("ería", "e", 0), E("iría", "i", 0),
    /* -e */
    E("e", "eia", 1), E("aste", "a", 0), E("iste", "ei", 0), E("ase", "a", 1),
    E("iese", "ei", 0), E("yese", "ei", 0),
    /* -n */
    E("an", "aei", 1), E("en", "eia", 1), E("aron", "a", 0), E("ieron", "ei", 0),
    E("yeron", "ei", 0), E("aban", "a", 0), E("ían", "ei", 0), E("aran", "a", 1),
    E("asen", "a", 1), E("ieran", "ei", 0), E("iesen", "ei", 0), E("yeran", "ei", 0),
    E("yesen", "ei", 0), E("arán", "a", 0), E("arían", "a", 0), E("erán", "e", 0),
    E("erían", "e", 0), E("irán", "i", 0), E("irían", "i", 0),
    /* -o */
    E("ando", "a", 0), E("iendo", "ei", 0), E("yendo", "ei", 0), E("ado", "a", 0),
    E("ido", "ei", 0), E("ído", "ei", 0), E("o", "aei", 1),
    /* -r */
    E("ar", "a", 0), E("er", "e", 0), E("ir", "i", 0),
    /* -s */
    E("ados", "a", 0), E("adas", "a", 0), E("idos", "ei", 0), E("idas", "ei", 0),
    E("ídos", "ei", 0), E("ídas", "ei", 0), E("as", "aei", 1), E("amos", "aei", 0),
    E("áis", "aei", 0), E("es", "eia", 1), E("emos", "ea", 0), E("éis", "ea", 0),
    E("imos", "ie", 0), E("ís", "i", 0), E("asteis", "a", 0), E("isteis", "ei", 0),
    E("abas", "a", 0), E("ábamos", "a", 0), E("abais", "a", 0), E("ías", "ei", 0),
    E("íamos", "ei", 0), E("íais", "ei", 0), E("aras", "a", 1), E("áramos", "a", 0),
    E("arais", "a", 0), E("ases", "a", 1), E("ásemos", "a", 0), E("ieras", "ei", 0),
    E("iéramos", "ei", 0), E("ierais", "ei", 0), E("ieses", "ei", 0), E("iésemos", "ei", 0),
    E("arás", "a", 0), E("aremos", "a", 0), E("aréis", "a", 0), E("arías", "a", 0),
    E("aríamos", "a", 0), E("aríais", "a", 0), E("erás", "e", 0), E("eremos", "e", 0),
    E("eréis", "e", 0), E("erías", "e", 0), E("eríamos", "e", 0), E("eríais", "e", 0),
    E("irás", "i", 0), E("iremos", "i", 0), E("iréis", "i", 0), E("irías", "i", 0),
    E("iríamos", "i", 0), E("iríais", "i", 0),
    /* -á */
    E("ará", "a", 0), E("erá", "e", 0), E("irá", "i", 0),
    /* -é */
    E("é", "a", 0), E("aré", "a", 0), E("eré", "e", 0), E("iré", "i", 0),
    /* -í */
    E("í", "ei", 0),
    /* -ó */
    E("ó", "a", 0), E("ió", "ei", 0), E("yó", "ei", 0),
};
#define NENDINGS (sizeof endings / sizeof endings[0])

/* The infinitive ending of a class (two bytes). */
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
    size_t klen, ilen; /* strlen(key), strlen(inf) */
} stem_rule;

#define R(key, inf, future) {key, inf, future, sizeof(key) - 1, sizeof(inf) - 1}

static const stem_rule stem_rules[] = {
    R("dij", "decir", 0), R("traj", "traer", 0), R("duj", "ducir", 0), R("hic", "hacer", 0),
    R("hiz", "hacer", 0), R("estuv", "estar", 0), R("anduv", "andar", 0), R("tuv", "tener", 0),
    R("pud", "poder", 0), R("pus", "poner", 0), R("vin", "venir", 0), R("sup", "saber", 0),
    R("quis", "querer", 0), R("hub", "haber", 0), R("cup", "caber", 0),
    R("tendr", "tener", 1), R("pondr", "poner", 1), R("vendr", "venir", 1),
    R("saldr", "salir", 1), R("valdr", "valer", 1), R("podr", "poder", 1),
    R("sabr", "saber", 1), R("habr", "haber", 1), R("cabr", "caber", 1),
    R("querr", "querer", 1), R("har", "hacer", 1), R("dir", "decir", 1),
};

static const sfx strong_endings[] = {
    X("e"), X("iste"), X("o"), X("imos"), X("isteis"), X("ieron"), X("eron"), X("iera"),
    X("ieras"), X("iéramos"), X("ierais"), X("ieran"), X("iese"), X("ieses"), X("iesen"),
    X("era"), X("eras"), X("eran"), X("ese"), X("esen"),
};
static const sfx future_endings[] = {
    X("é"), X("ás"), X("á"), X("emos"), X("éis"), X("án"), X("ía"), X("ías"), X("íamos"),
    X("íais"), X("ían"),
};

/* Irregular participles, inflected with -o/-a/-os/-as: stem ending -> infinitive ending. */
static const stem_rule participles[] = {
    R("puest", "poner", 0), R("dich", "decir", 0), R("hech", "hacer", 0), R("fech", "facer", 0),
    R("vist", "ver", 0), R("vuelt", "volver", 0), R("suelt", "solver", 0),
    R("muert", "morir", 0), R("scrit", "scribir", 0), R("biert", "brir", 0),
    R("impres", "imprimir", 0), R("rot", "romper", 0),
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- candidates */

/* Tries stem[0..sl) + the infinitive ending of each class in cls; returns the length
 * of the first known infinitive written to out, or 0. */
static size_t try_classes(const char *stem, size_t sl, const char *cls, char *out, int lex)
{
    /* the stem is written (and hashed) once; only the two-byte ending changes */
    if (sl + 3 > HX__LEMMA_MAX) return 0;
    memmove(out, stem, sl);
    out[sl + 2] = '\0';
    uint32_t h = lex ? fnv_more(FNV_INIT, out, sl) : 0;
    for (; *cls; cls++) {
        memcpy(out + sl, class_end(*cls), 2);
        if (lex ? verb_known_h(out, sl + 2, fnv_more(h, out + sl, 2)) : known_in(out, sl + 2, lex))
            return sl + 2;
    }
    return 0;
}

/* Replaces the LAST occurrence of from in s[0..n) by to, into out; returns the new
 * length or 0 when from does not occur (or the result would not fit). */
static size_t replace_last(const char *s, size_t n, str fr, str t, char *out)
{
    const char *from = fr.s, *to = t.s;
    size_t fl = fr.n, tl = t.n;
    if (n < fl || n - fl + tl + 1 > HX__LEMMA_MAX) return 0;
    for (size_t i = n - fl + 1; i-- > 0;) {
        size_t k = 0;
        while (k < fl && s[i + k] == from[k]) k++;
        if (k == fl) {
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
static const str cons_from[] = {S("zc"), S("ig"), S("g"), S("j"), S("qu"),
                                S("gu"), S("c"), S("g"), S("y")};
static const str cons_to[] = {S("c"), S(""), S(""), S("g"), S("c"), S("g"), S("z"), S("gu"), S("")};
static const str vow_from[] = {S("ie"), S("ue"), S("i"), S("u"), S("í"), S("ú")};
static const str vow_to[] = {S("e"), S("o"), S("e"), S("o"), S("i"), S("u")};

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
            size_t fl = cons_from[ci].n;
            if (!ends_with(stem, sl, cons_from[ci].s, fl)) continue;
            cl = cat2(c, stem, sl - fl, cons_to[ci].s, cons_to[ci].n);
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
    static const str acc[][2] = {{S("ándo"), S("ando")}, {S("iéndo"), S("iendo")},
                                 {S("yéndo"), S("yendo")}, {S("ár"), S("ar")},
                                 {S("ér"), S("er")}};
    for (size_t i = 0; i < NELEM(acc); i++) {
        size_t al = acc[i][0].n;
        if (ends_with(s, *n, acc[i][0].s, al)) {
            *n = cat2(s, s, *n - al, acc[i][1].s, acc[i][1].n);
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
    static const sfx clitics[] = {X("los"), X("las"), X("les"), X("nos"), X("se"), X("lo"),
                                  X("la"), X("le"), X("me"), X("te"), X("os")};
    size_t m = n;
    for (int round = 0; round < 2; round++) {
        size_t before = m;
        for (size_t i = 0; i < NELEM(clitics); i++) {
            size_t cl = clitics[i].n;
            if (clitics[i].last == (unsigned char)w[m - 1] && m > cl + 3
                && ends_with(w, m, clitics[i].s, cl)) {
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

int hx__lemma_selfcheck(void)
{
    for (size_t i = 0; i < NENDINGS; i++) {
        if (i && endings[i - 1].last > endings[i].last) return 0;
        for (size_t j = 0; j < i; j++)
            if (!strcmp(endings[i].s, endings[j].s)) return 0;
    }
    return 1;
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
        return cat2(out, "", 0, lem, strlen(lem));
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
    /* 3. irregular participles: the inflection (-o, -a, -os, -as) is one at most */
    size_t il = n >= 2 && (ends_with(w, n, "os", 2) || ends_with(w, n, "as", 2)) ? 2
                : ends_with(w, n, "o", 1) || ends_with(w, n, "a", 1)          ? 1
                                                                               : 0;
    for (size_t i = 0; il && i < NELEM(participles); i++) {
        size_t pl = participles[i].klen;
        if (!ends_with(w, n - il, participles[i].key, pl)) continue;
        k = cat2(out, w, n - il - pl, participles[i].inf, participles[i].ilen);
        if (k && known_in(out, k, lex)) {
            if (known) *known = 1;
            return k;
        }
    }

    /* The regular endings that fit, longest first. */
    const ending *fit[16];
    size_t nfit = 0;
    unsigned char wl = (unsigned char)w[n - 1], wl2 = n > 1 ? (unsigned char)w[n - 2] : 0;
    size_t lo = 0, hi = NENDINGS; /* the first ending with w's last byte */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (endings[mid].last < wl) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < NENDINGS && endings[i].last == wl && nfit < NELEM(fit); i++) {
        size_t el = endings[i].len;
        if ((el < 2 || endings[i].last2 == wl2) && n > el && ends_with(w, n, endings[i].s, el)) {
            size_t j = nfit++;
            while (j > 0 && fit[j - 1]->len < el) {
                fit[j] = fit[j - 1];
                j--;
            }
            fit[j] = &endings[i];
        }
    }

    /* 4. regular endings, stem unchanged */
    for (size_t i = 0; i < nfit; i++) {
        if ((k = try_classes(w, n - fit[i]->len, fit[i]->cls, out, lex))) goto found;
    }
    /* 5. strong preterites and irregular futures: first the endings that fit (their
     * lengths), then the stems before them */
    size_t fitlen[2][NELEM(strong_endings)], nlen[2] = {0, 0};
    for (int g = 0; g < 2; g++) {
        const sfx *ends = g ? future_endings : strong_endings;
        size_t ne = g ? NELEM(future_endings) : NELEM(strong_endings);
        for (size_t e = 0; e < ne; e++) {
            size_t el = ends[e].n;
            if (ends[e].last == wl && n > el && ends_with(w, n, ends[e].s, el))
                fitlen[g][nlen[g]++] = el;
        }
    }
    for (size_t i = 0; i < NELEM(stem_rules) && nlen[0] + nlen[1]; i++) {
        const stem_rule *r = &stem_rules[i];
        size_t kl = r->klen;
        for (size_t e = 0; e < nlen[r->future]; e++) {
            size_t el = fitlen[r->future][e];
            if (n < el + kl || !ends_with(w, n - el, r->key, kl)) continue;
            k = cat2(out, w, n - el - kl, r->inf, r->ilen);
            if (k && known_in(out, k, lex)) goto found;
        }
    }
    /* 6. regular endings, stem changes undone */
    for (size_t i = 0; i < nfit; i++) {
        if ((k = try_variants(w, n - fit[i]->len, fit[i]->cls, out, lex))) goto found;
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
        size_t sl = n - best->len;
        if (sl < 2) return 0;
        return cat2(out, w, sl, class_end(best->cls[0]), 2);
    }

found:
    if (known) *known = 1;
    return k;
}

/* ---------------------------------------------------------------- the filter */

/* Which rules lead where (see hx__lemma_rules): a lemma L comes
 *   1. from the table of irregular forms: the whole form is the stem, the ending empty;
 *   2. from the word left when enclitics are stripped: hx__lemma_filter_may() strips
 *      them the same way and tests what is left;
 *   3. participles and 5. strong/future stems: L = prefix + inf, the word is prefix +
 *      key + an inflection or a strong/future ending;
 *   4. and the guess: L = stem + ar/er/ir, the word is stem + a regular ending;
 *   6. L = v + ar/er/ir, where v is the stem with a consonant change at its end undone
 *      (c = c' + to for stem = c' + from) and then one vowel changed (the last
 *      occurrence of from, in c, replaced by to): every occurrence of to in v is
 *      undone here, which lets through a superset.
 * So the stems are those of 1, 3, 4, 5, 6 for each lemma added, and the endings those
 * of all the rules' tables. */

static size_t lf_bit(uint32_t h, unsigned bits)
{
    return (size_t)((h ^ (h >> 16)) & ((1u << bits) - 1));
}

static void lf_set_stem(hx__lemma_filter *f, const char *s, size_t n)
{
    size_t b = lf_bit(fnv_more(FNV_INIT, s, n), HX__LF_STEM_BITS);
    f->stem[b >> 6] |= (uint64_t)1 << (b & 63);
}

/* The ending s[0..n), its bytes hashed from the last one backwards. */
static void lf_set_end(hx__lemma_filter *f, const char *s, size_t n)
{
    uint32_t h = FNV_INIT;
    for (size_t i = n; i-- > 0;) h = (h ^ (unsigned char)s[i]) * 16777619u;
    size_t b = lf_bit(h, HX__LF_END_BITS);
    f->end[b >> 6] |= (uint64_t)1 << (b & 63);
    if (n > f->maxend) f->maxend = n;
}

void hx__lemma_filter_init(hx__lemma_filter *f)
{
    memset(f, 0, sizeof *f);
    lf_set_end(f, "", 0); /* whole irregular forms */
    for (size_t i = 0; i < NENDINGS; i++) lf_set_end(f, endings[i].s, endings[i].len);
    for (size_t i = 0; i < NELEM(strong_endings); i++)
        lf_set_end(f, strong_endings[i].s, strong_endings[i].n);
    for (size_t i = 0; i < NELEM(future_endings); i++)
        lf_set_end(f, future_endings[i].s, future_endings[i].n);
    static const str infl[] = {S("o"), S("a"), S("os"), S("as")}; /* participles */
    for (size_t i = 0; i < NELEM(infl); i++) lf_set_end(f, infl[i].s, infl[i].n);
}

/* c itself, and c with each consonant change of step 6 undone at its end. */
static void lf_add_cons(hx__lemma_filter *f, const char *c, size_t cl)
{
    char s[2 * HX__LEMMA_MAX];
    lf_set_stem(f, c, cl);
    for (size_t j = 0; j < NELEM(cons_from); j++) {
        size_t tl = cons_to[j].n, fl = cons_from[j].n;
        if (!ends_with(c, cl, cons_to[j].s, tl)) continue;
        memcpy(s, c, cl - tl);
        memcpy(s + cl - tl, cons_from[j].s, fl);
        lf_set_stem(f, s, cl - tl + fl);
    }
}

void hx__lemma_filter_add(hx__lemma_filter *f, const char *lemma, size_t n)
{
    char s[2 * HX__LEMMA_MAX];
    /* the lemmatiser writes nothing longer (cat2) */
    if (n == 0 || n + 1 > HX__LEMMA_MAX) return;
    /* 1. whole irregular forms */
    for (size_t i = 0; i < hx__nirregulars; i++)
        if (!cmp_str(lemma, n, hx__irregulars[i].lemma))
            lf_set_stem(f, hx__irregulars[i].form, strlen(hx__irregulars[i].form));
    /* 3. participles, 5. strong preterites and irregular futures */
    for (int g = 0; g < 2; g++) {
        const stem_rule *rules = g ? stem_rules : participles;
        size_t nr = g ? NELEM(stem_rules) : NELEM(participles);
        for (size_t i = 0; i < nr; i++) {
            const stem_rule *r = &rules[i];
            if (!ends_with(lemma, n, r->inf, r->ilen)) continue;
            memcpy(s, lemma, n - r->ilen);
            memcpy(s + n - r->ilen, r->key, r->klen);
            lf_set_stem(f, s, n - r->ilen + r->klen);
        }
    }
    /* 4, the guess and 6: an infinitive ending */
    if (!(ends_with(lemma, n, "ar", 2) || ends_with(lemma, n, "er", 2)
          || ends_with(lemma, n, "ir", 2)))
        return;
    size_t vl = n - 2;
    lf_add_cons(f, lemma, vl);
    for (size_t i = 0; i < NELEM(vow_from); i++) {
        size_t tl = vow_to[i].n, fl = vow_from[i].n;
        for (size_t q = 0; q + tl <= vl; q++) {
            if (memcmp(lemma + q, vow_to[i].s, tl)) continue;
            memcpy(s, lemma, q);
            memcpy(s + q, vow_from[i].s, fl);
            memcpy(s + q + fl, lemma + q + tl, vl - q - tl);
            lf_add_cons(f, s, vl - tl + fl);
        }
    }
}

int hx__lemma_filter_may(const hx__lemma_filter *f, const char *w, size_t n)
{
    /* the same bounds as hx__lemma_rules, which gives no lemma outside them */
    if (n == 0 || n + 8 > HX__LEMMA_MAX) return 0;
    /* ph[k]: the hash of the stem w[0..k) */
    uint32_t ph[HX__LEMMA_MAX], h = FNV_INIT;
    ph[0] = h;
    for (size_t k = 0; k < n; k++) ph[k + 1] = h = (h ^ (unsigned char)w[k]) * 16777619u;
    uint32_t r = FNV_INIT; /* the ending w[n - l..n), hashed backwards */
    for (size_t l = 0; l <= n && l <= f->maxend; l++) {
        if (l) r = (r ^ (unsigned char)w[n - l]) * 16777619u;
        size_t be = lf_bit(r, HX__LF_END_BITS), bs = lf_bit(ph[n - l], HX__LF_STEM_BITS);
        if ((f->end[be >> 6] >> (be & 63) & 1) && (f->stem[bs >> 6] >> (bs & 63) & 1)) return 1;
    }
    /* 2. what is left without the enclitics */
    char buf[HX__LEMMA_MAX];
    size_t k = strip_clitics(w, n, buf);
    return k && k < n && hx__lemma_filter_may(f, buf, k);
}
