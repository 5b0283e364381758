/*
 * claims_words.c -- the word level of the claims stage: the function-word table, the
 * per-call table of distinct words (class, ending tests and lemma on demand, with
 * first-byte indexes of the function words and lexicon heads), and cue detection
 * (which token starts a reporting verb, noun or "según"-like phrase).
 *
 * Invariants: the tables here are const and sorted (hx__claims_selfcheck); the word
 * table lives in the hx__claims_scan and is freed by hx__find_claims; entries are only added
 * while the tokens are entered, so their addresses hold for the rest of the call; a
 * word is lemmatised at most once per call, and not at all to look for a verb cue when
 * the context's filter (hx__cl_filter_new, built once per hx_ctx and read-only) proves
 * that its lemma heads no cue.
 */
#include "claims/claims.h"

/* ---------------------------------------------------------------- word classes */


typedef struct fword {
    const char *w;
    unsigned char wc;
    unsigned char len; /* strlen(w) */
} fword;

#define F(w, wc) {w, wc, sizeof(w) - 1}

/* Function words, sorted bytewise (checked by tests/test_claims.c). */
static const fword fwords[] = {
    F("a", HX__WC_PREP), F("además", HX__WC_ADV), F("al", HX__WC_PREP), F("anoche", HX__WC_ADV),
    F("ante", HX__WC_PREP), F("aparentemente", HX__WC_HEDGE), F("aquel", HX__WC_DET), F("aquella", HX__WC_DET),
    F("asimismo", HX__WC_ADV), F("así", HX__WC_ASI), F("aunque", HX__WC_CONJ), F("ayer", HX__WC_ADV),
    F("bajo", HX__WC_PREP), F("citada", HX__WC_CITED), F("citadas", HX__WC_CITED), F("citado", HX__WC_CITED),
    F("citados", HX__WC_CITED), F("con", HX__WC_PREP), F("contra", HX__WC_PREP), F("cuando", HX__WC_CONJ),
    F("de", HX__WC_PREP), F("del", HX__WC_PREP), F("desde", HX__WC_PREP), F("donde", HX__WC_CONJ),
    F("durante", HX__WC_PREP), F("e", HX__WC_Y), F("el", HX__WC_DET), F("en", HX__WC_PREP),
    F("entonces", HX__WC_ADV), F("entre", HX__WC_PREP), F("esa", HX__WC_DET), F("esas", HX__WC_DET),
    F("ese", HX__WC_DET), F("esos", HX__WC_DET), F("esta", HX__WC_DET), F("estas", HX__WC_DET),
    F("este", HX__WC_DET), F("estos", HX__WC_DET), F("finalmente", HX__WC_ADV), F("ha", HX__WC_AUX),
    F("habrá", HX__WC_AUX), F("habría", HX__WC_AUX), F("habrían", HX__WC_AUX), F("había", HX__WC_AUX),
    F("habían", HX__WC_AUX), F("hacia", HX__WC_PREP), F("han", HX__WC_AUX), F("hasta", HX__WC_PREP),
    F("haya", HX__WC_AUX), F("hayan", HX__WC_AUX), F("he", HX__WC_AUX), F("hemos", HX__WC_AUX), F("hoy", HX__WC_ADV),
    F("hubiera", HX__WC_AUX), F("hubieran", HX__WC_AUX), F("igualmente", HX__WC_ADV), F("incluso", HX__WC_ADV),
    F("jamás", HX__WC_NO), F("la", HX__WC_DET), F("las", HX__WC_DET), F("le", HX__WC_CLITIC),
    F("les", HX__WC_CLITIC), F("lo", HX__WC_CLITIC), F("los", HX__WC_DET), F("luego", HX__WC_ADV),
    F("me", HX__WC_CLITIC), F("mediante", HX__WC_PREP), F("mi", HX__WC_DET), F("mientras", HX__WC_CONJ),
    F("mis", HX__WC_DET), F("ni", HX__WC_Y), F("no", HX__WC_NO), F("nos", HX__WC_CLITIC), F("nuestra", HX__WC_DET),
    F("nuestras", HX__WC_DET), F("nuestro", HX__WC_DET), F("nuestros", HX__WC_DET), F("nuevamente", HX__WC_ADV),
    F("nunca", HX__WC_NO), F("o", HX__WC_Y), F("para", HX__WC_PREP), F("pero", HX__WC_CONJ), F("por", HX__WC_PREP),
    F("porque", HX__WC_CONJ), F("posiblemente", HX__WC_HEDGE), F("posteriormente", HX__WC_ADV),
    F("presunta", HX__WC_HEDGE), F("presuntamente", HX__WC_HEDGE), F("presuntas", HX__WC_HEDGE),
    F("presunto", HX__WC_HEDGE), F("presuntos", HX__WC_HEDGE), F("probablemente", HX__WC_HEDGE),
    F("pues", HX__WC_CONJ), F("que", HX__WC_QUE), F("quizá", HX__WC_HEDGE), F("quizás", HX__WC_HEDGE),
    F("recientemente", HX__WC_ADV), F("se", HX__WC_SE), F("si", HX__WC_CONJ), F("sin", HX__WC_PREP),
    F("sino", HX__WC_CONJ), F("sobre", HX__WC_PREP), F("su", HX__WC_DET), F("supuestamente", HX__WC_HEDGE),
    F("sus", HX__WC_DET), F("sólo", HX__WC_ADV), F("también", HX__WC_ADV), F("tampoco", HX__WC_NO),
    F("te", HX__WC_CLITIC), F("tras", HX__WC_PREP), F("u", HX__WC_Y), F("un", HX__WC_DET), F("una", HX__WC_DET),
    F("unas", HX__WC_DET), F("unos", HX__WC_DET), F("y", HX__WC_Y), F("ya", HX__WC_ADV),
};

_Static_assert(HX__NELEM(fwords) < 256, "fwords is indexed with bytes");

/* The bit of hx__cl_memo.fw_sig[s[0]] for the word s[0..n) (n > 0): its length and last byte. */
static unsigned fw_bit(const char *s, size_t n)
{
    return ((unsigned)n * 11u + (unsigned char)s[n - 1]) & 63;
}

void hx__cl_memo_init(hx__cl_memo *m)
{
    memset(m, 0, sizeof *m);
    for (size_t i = HX__NELEM(fwords); i-- > 0;) {
        unsigned char b = (unsigned char)fwords[i].w[0];
        if (m->fw_hi[b] == 0) m->fw_hi[b] = (uint8_t)(i + 1);
        m->fw_lo[b] = (uint8_t)i;
        if (fwords[i].len < 16) m->fw_sig[b] |= (uint64_t)1 << fw_bit(fwords[i].w, fwords[i].len);
    }
    for (size_t i = hx__ncues; i-- > 0;) {
        unsigned char b = (unsigned char)hx__cues[i].head[0];
        if (m->cue_hi[b] == 0) m->cue_hi[b] = (uint32_t)(i + 1);
        m->cue_lo[b] = (uint32_t)i;
    }
}

/* Binary search of the function words that start like s (the table is sorted). */
static unsigned char fword_class(const hx__cl_memo *m, const char *s, size_t n)
{
    if (n >= 16 || !((m->fw_sig[(unsigned char)s[0]] >> fw_bit(s, n)) & 1)) return HX__WC_OTHER;
    size_t lo = m->fw_lo[(unsigned char)s[0]], hi = m->fw_hi[(unsigned char)s[0]];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = hx__cl_cmp_n(s, n, fwords[mid].w);
        if (!c) return fwords[mid].wc;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return HX__WC_OTHER;
}

int hx__claims_selfcheck(void)
{
    for (size_t i = 1; i < HX__NELEM(fwords); i++)
        if (strcmp(fwords[i - 1].w, fwords[i].w) >= 0) return 0;
    for (size_t i = 1; i < hx__ncues; i++) {
        int c = strcmp(hx__cues[i - 1].head, hx__cues[i].head);
        if (c > 0 || (c == 0 && strcmp(hx__cues[i - 1].rest, hx__cues[i].rest) > 0)) return 0;
    }
    return 1;
}

/* The entries of hx__cues[lo..hi) whose head is s[0..n): the first one, *count of them. */
static size_t cue_range(const char *s, size_t n, size_t lo, size_t hi, size_t *count)
{
    size_t end = hi;
    while (lo < hi) { /* lower bound */
        size_t mid = lo + (hi - lo) / 2;
        if (hx__cl_cmp_n(s, n, hx__cues[mid].head) > 0) lo = mid + 1;
        else hi = mid;
    }
    size_t k = lo;
    while (k < end && hx__cl_cmp_n(s, n, hx__cues[k].head) == 0) k++;
    *count = k - lo;
    return lo;
}

size_t hx__cue_find(const char *s, size_t n, size_t *count)
{
    return cue_range(s, n, 0, hx__ncues, count);
}

/* hx__cue_find within the lexicon entries whose head starts with s[0] (m's index). */
size_t hx__cl_cue_find(const hx__cl_memo *m, const char *s, size_t n, size_t *count)
{
    if (!n) return hx__cue_find(s, n, count);
    return cue_range(s, n, m->cue_lo[(unsigned char)s[0]], m->cue_hi[(unsigned char)s[0]], count);
}

unsigned char hx__cl_punct_class(const char *s, size_t n)
{
    if (n == 1) {
        switch (s[0]) {
        case ',': return HX__WC_COMMA;
        case ':': return HX__WC_COLON;
        case ';': return HX__WC_SEMI;
        case '.': case '!': case '?': return HX__WC_END;
        case '"': return HX__WC_QAMB;
        case '(': case ')': case '[': case ']': return HX__WC_PAREN;
        case '-': return HX__WC_DASH;
        default: return HX__WC_PUNCT;
        }
    }
    if (n == 2 && (unsigned char)s[0] == 0xC2) {
        if ((unsigned char)s[1] == 0xAB) return HX__WC_QOPEN;  /* « */
        if ((unsigned char)s[1] == 0xBB) return HX__WC_QCLOSE; /* » */
    }
    if (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
        switch ((unsigned char)s[2]) {
        case 0x9C: return HX__WC_QOPEN;  /* “ */
        case 0x9D: return HX__WC_QCLOSE; /* ” */
        case 0x98: return HX__WC_QOPEN;  /* ‘ */
        case 0x99: return HX__WC_QCLOSE; /* ’ */
        case 0x93: case 0x94: return HX__WC_DASH; /* – — */
        case 0xA6: return HX__WC_END;    /* … */
        }
    }
    if (n >= 2 && (s[0] == '.' || s[0] == '!' || s[0] == '?')) return HX__WC_END; /* "...", "?!" */
    return HX__WC_PUNCT;
}








static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The index + 1 of the entry of the lower-case word w[0..n), created (classified) on
 * first sight; 0 when memory runs out. */
uint32_t hx__cl_word_index(const hx__claims_scan *s, const char *w, size_t n)
{
    return hx__cl_word_index_h(s, w, n, fnv1a(w, n));
}

/* Is the key of entry e the word w[0..n)?  (Short keys: a byte loop.) */
static int key_is(const hx__cl_memo *m, const hx__cl_memo_ent *e, const char *w, size_t n)
{
    if (e->len != n) return 0;
    const char *k = m->keys.p + e->off;
    for (size_t i = 0; i < n; i++)
        if (k[i] != w[i]) return 0;
    return 1;
}

uint32_t hx__cl_word_index_h(const hx__claims_scan *s, const char *w, size_t n, uint32_t h)
{
    hx__cl_memo *m = s->memo;
    if (m->cap) {
        for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
            const hx__cl_memo_slot *sl = &m->slot[i];
            if (!sl->idx) break;
            const hx__cl_memo_ent *e = &m->e[sl->idx - 1];
            if (sl->hash == h && key_is(m, e, w, n)) return sl->idx;
        }
    }
    if (n > UINT16_MAX || m->keys.n + n >= UINT32_MAX || m->n + 1 >= UINT32_MAX) return 0;
    /* grow first: the index when it would be more than half full, the entries when full */
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 1024;
        hx__cl_memo_slot *ns = calloc(cap, sizeof *ns);
        if (!ns) return 0;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slot[i].idx) continue;
            size_t j = m->slot[i].hash & (cap - 1);
            while (ns[j].idx) j = (j + 1) & (cap - 1);
            ns[j] = m->slot[i];
        }
        free(m->slot);
        m->slot = ns;
        m->cap = cap;
    }
    if (m->n == m->ecap) {
        size_t ecap = m->ecap ? 2 * m->ecap : 512;
        hx__cl_memo_ent *ne = realloc(m->e, ecap * sizeof *ne);
        if (!ne) return 0;
        m->e = ne;
        m->ecap = ecap;
    }
    size_t off = m->keys.n;
    hx__buf_put(&m->keys, w, n);
    if (m->keys.oom) return 0;
    hx__cl_memo_ent *e = &m->e[m->n];
    memset(e, 0, sizeof *e);
    e->wc = n < 16 ? fword_class(m, w, n) : HX__WC_OTHER;
    e->off = (uint32_t)off;
    e->len = (uint16_t)n;
    size_t i = h & (m->cap - 1);
    while (m->slot[i].idx) i = (i + 1) & (m->cap - 1);
    m->slot[i].hash = h;
    m->slot[i].idx = (uint32_t)++m->n;
    return m->slot[i].idx;
}

/* The entry of the lower-case word w[0..n), or the spare one when it has none. */
hx__cl_memo_ent *hx__cl_word_entry(const hx__claims_scan *s, const char *w, size_t n)
{
    hx__cl_memo *m = s->memo;
    if (m->cap) {
        uint32_t h = fnv1a(w, n);
        for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
            const hx__cl_memo_slot *sl = &m->slot[i];
            if (!sl->idx) break;
            hx__cl_memo_ent *e = &m->e[sl->idx - 1];
            if (sl->hash == h && key_is(m, e, w, n)) return e;
        }
    }
    memset(&m->spare, 0, sizeof m->spare);
    m->spare.wc = n < 16 ? fword_class(m, w, n) : HX__WC_OTHER;
    return &m->spare;
}

struct hx__lemma_filter *hx__cl_filter_new(void)
{
    hx__lemma_filter *f = malloc(sizeof *f);
    if (!f) return NULL;
    hx__lemma_filter_init(f);
    for (size_t i = 0; i < hx__ncues; i++) hx__lemma_filter_add(f, hx__cues[i].head, strlen(hx__cues[i].head));
    return f;
}

/* Lemmatises the word of entry e (w[0..n)) unless already done. */
void hx__cl_lemma_fill(const hx__cl_memo *m, hx__cl_memo_ent *e, const char *w, size_t n)
{
    char lem[HX__LEMMA_MAX];
    int known = 0;
    size_t cnt = 0, ln;
    if (e->state & HX__M_DONE) return;
    e->state |= HX__M_DONE;
    if ((ln = hx__lemma_verb(w, n, lem, sizeof lem, &known))) {
        e->state |= HX__M_LEMMA | (known ? HX__M_KNOWN : 0);
        e->first = (uint32_t)hx__cl_cue_find(m, lem, ln, &cnt);
        e->cnt = (uint16_t)(cnt > UINT16_MAX ? UINT16_MAX : cnt);
    }
}

/* The lemmatiser's answer for the lower-case word w[0..n), through the table. */
const hx__cl_memo_ent *hx__cl_lemma_lookup(const hx__claims_scan *s, const char *w, size_t n)
{
    hx__cl_memo_ent *e = hx__cl_word_entry(s, w, n);
    hx__cl_lemma_fill(s->memo, e, w, n);
    return e;
}

/* The same for word token i, through its entry when it has one. */
const hx__cl_memo_ent *hx__cl_tok_lemma(const hx__claims_scan *s, uint32_t i)
{
    hx__cl_memo_ent *e = hx__cl_tok_ent(s, i);
    if (e) {
        hx__cl_lemma_fill(s->memo, e, hx__cl_ent_key(s, e), e->len);
        return e;
    }
    char w[HX__LEMMA_MAX];
    size_t n = hx__cl_tok_lower(s, i, w);
    return n ? hx__cl_lemma_lookup(s, w, n) : NULL;
}

/* 1 when token i lies inside a time expression (doc->times, sorted by position). */
int hx__cl_in_time(const hx__claims_scan *s, uint32_t i)
{
    const hx__vec *v = &s->doc->times;
    size_t lo = 0, hi = v->n;
    uint32_t b = s->t[i].b0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (HX__VEC_AT(*v, hx__time, mid)->b1 <= b) lo = mid + 1;
        else hi = mid;
    }
    return lo < v->n && HX__VEC_AT(*v, hx__time, lo)->b0 <= b;
}

/* Words matching rest ("a conocer") follow token i?  Returns the token after them, or 0. */
uint32_t hx__cl_match_rest(const hx__claims_scan *s, uint32_t i, const char *rest)
{
    while (*rest) {
        size_t wl = 0;
        while (rest[wl] && rest[wl] != ' ') wl++;
        const char *sp = rest[wl] ? rest + wl : NULL;
        char buf[HX__LEMMA_MAX];
        if (i >= s->s1) return 0;
        /* the token's lower-case form, in place when it has a table entry */
        const hx__cl_memo_ent *te = hx__cl_tok_ent(s, i);
        const char *b = te ? hx__cl_ent_key(s, te) : buf;
        size_t n = te ? te->len : hx__cl_tok_lower(s, i, buf);
        /* "en palabras del ministro", "conforme al plan": a contraction ends the cue */
        int contracted = rest[wl] == '\0' && ((wl == 2 && !memcmp(rest, "de", 2) && n == 3
                                                && !memcmp(b, "del", 3))
                                               || (wl == 1 && rest[0] == 'a' && n == 2
                                                   && !memcmp(b, "al", 2)));
        if (!contracted && (n != wl || memcmp(b, rest, wl) != 0)) return 0;
        i++;
        rest += wl + (sp ? 1 : 0);
    }
    return i;
}

/* ---------------------------------------------------------------- cue detection */

/* HX__M_INF when w[0..n) is an infinitive (also with an enclitic pronoun: "declararse",
 * "decirle"), HX__M_PART when a participle; 0 otherwise. */
static unsigned verb_form(const char *w, size_t n)
{
    int inf = hx__cl_ends_with(w, n, "ar") || hx__cl_ends_with(w, n, "er") || hx__cl_ends_with(w, n, "ir");
    /* all the pronouns end in e, o, a or s, and so do the participle endings but e */
    static const hx__cl_sfx encl[] = {HX__SFX("se"), HX__SFX("le"), HX__SFX("les"), HX__SFX("lo"),
                               HX__SFX("la"), HX__SFX("los"), HX__SFX("las"), HX__SFX("nos")};
    unsigned char last = (unsigned char)w[n - 1];
    int tail = last == 'e' || last == 'o' || last == 'a' || last == 's';
    for (size_t k = 0; k < HX__NELEM(encl) && !inf && tail; k++) {
        size_t el = encl[k].n;
        inf = n > el + 2 && hx__cl_ends_sfx(w, n, encl[k])
              && (hx__cl_ends_with(w, n - el, "ar") || hx__cl_ends_with(w, n - el, "er")
                  || hx__cl_ends_with(w, n - el, "ir"));
    }
    static const hx__cl_sfx parts[] = {
        HX__SFX("ado"), HX__SFX("ido"), HX__SFX("ada"), HX__SFX("ida"), HX__SFX("ados"), HX__SFX("idos"),
        HX__SFX("adas"), HX__SFX("idas"), HX__SFX("dicho"), HX__SFX("dicha"), HX__SFX("dichos"),
        HX__SFX("dichas"), HX__SFX("hecho"), HX__SFX("puesto"), HX__SFX("visto"), HX__SFX("scrito"),
        HX__SFX("scrita")};
    int part = 0;
    for (size_t k = 0; k < HX__NELEM(parts) && !part && !inf && tail && last != 'e'; k++)
        part = hx__cl_ends_sfx(w, n, parts[k]);
    return (inf ? HX__M_INF : 0) | (part ? HX__M_PART : 0);
}

/* A reporting noun at token i (folded w[0..n)) followed by "de que": right after the
 * noun, or after its possessor "de/del X" ("la advertencia de la OMS de que"); "los
 * rumores se dispararon después de que" is none.  The noun is singularised to find it. */
static int noun_cue(const hx__claims_scan *s, uint32_t i, const char *w, size_t n, hx__cl_cand *out)
{
    char lem[HX__LEMMA_MAX];
    size_t first, cnt;
    uint32_t dq = 0;
    if (i + 2 < s->s1 && s->wc[i + 2] == HX__WC_QUE && hx__cl_tok_is(s, i + 1, "de")) dq = i + 1;
    if (!dq && i + 1 < s->s1 && (hx__cl_tok_is(s, i + 1, "de") || hx__cl_tok_is(s, i + 1, "del"))) {
        for (uint32_t j = i + 2; j + 1 < s->s1 && j < i + 8 && !dq; j++) {
            if (s->wc[j] != HX__WC_OTHER && s->wc[j] != HX__WC_DET && s->wc[j] != HX__WC_PREP) break;
            if (s->wc[j + 1] == HX__WC_QUE && hx__cl_tok_is(s, j, "de")) dq = j;
        }
    }
    if (!dq) return 0;
    static const char *const sing[][2] = {{"iones", "ión"}, {"es", ""}, {"s", ""}, {"", ""}};
    for (size_t si = 0; si < HX__NELEM(sing); si++) {
        size_t sl = strlen(sing[si][0]), al = strlen(sing[si][1]);
        if (!hx__cl_ends_with(w, n, sing[si][0]) || n - sl + al + 1 > sizeof lem) continue;
        memcpy(lem, w, n - sl);
        memcpy(lem + n - sl, sing[si][1], al + 1);
        first = hx__cl_cue_find(s->memo, lem, n - sl + al, &cnt);
        for (size_t k = first; k < first + cnt; k++) {
            if (hx__cues[k].kind != HX__CUE_NOUN) continue;
            out->c0 = i;
            out->c1 = i + 1;
            out->cue = &hx__cues[k];
            return 1;
        }
    }
    return 0;
}

/* The cue starting at token i of the sentence, if any. */
int hx__cl_find_cue(const hx__claims_scan *s, uint32_t i, hx__cl_cand *out)
{
    char wb[HX__LEMMA_MAX];
    const char *w = wb;
    size_t n, first, cnt;
    unsigned char wc = s->wc[i];
    hx__cl_memo_ent *we = hx__cl_tok_ent(s, i);
    if (we) {
        w = hx__cl_ent_key(s, we);
        n = we->len;
    } else {
        if (!(n = hx__cl_tok_lower(s, i, wb))) return 0;
        we = hx__cl_word_entry(s, w, n);
    }

    /* prepositional cues: the word itself is the head (s->prep lists them, in table
     * order; when they did not fit there, the entries of the word as a head are read) */
    int listed = s->nprep != SIZE_MAX;
    if (listed && !(we->state & HX__M_PCHK)) {
        /* most words are ruled out by their first byte and length (prep_bits) */
        int head = 0, maybe = (s->prep_bits >> hx__cl_prep_bit(w, n)) & 1;
        for (size_t x = 0; maybe && x < s->nprep && !head; x++)
            head = !hx__cl_cmp_n(w, n, hx__cues[s->prep[x]].head);
        we->state |= HX__M_PCHK | (head ? HX__M_PHEAD : 0);
    }
    first = listed ? 0 : hx__cl_cue_find(s->memo, w, n, &cnt);
    if (listed) cnt = we->state & HX__M_PHEAD ? s->nprep : 0;
    for (size_t x = 0; x < cnt; x++) {
        const hx__cue *c = &hx__cues[listed ? s->prep[x] : first + x];
        uint32_t e;
        if (c->kind != HX__CUE_PREP || hx__cl_cmp_n(w, n, c->head)) continue;
        if (!(e = hx__cl_match_rest(s, i + 1, c->rest)) && *c->rest) continue;
        out->c0 = i;
        out->c1 = *c->rest ? e : i + 1;
        out->cue = c;
        return 1;
    }
    if (wc != HX__WC_OTHER || n < 2) return 0;
    /* A capital inside the sentence is a name, not a verb. */
    if (hx__cl_is_upper(s, i) && i > s->s0 && s->wc[i - 1] != HX__WC_QOPEN && s->wc[i - 1] != HX__WC_COLON
        && s->wc[i - 1] != HX__WC_QAMB)
        return 0;
    int after_det = i > s->s0 && s->wc[i - 1] == HX__WC_DET;

    /* verbs: the tests on the form itself come first, so that the words they rule out
     * (infinitives, participles without haber) are never lemmatised here */
    if (!after_det) {
        /* Infinitives have no subject of their own; participles only after haber. */
        if (!(we->state & HX__M_FORM)) we->state |= HX__M_FORM | verb_form(w, n);
        int inf = (we->state & HX__M_INF) != 0, part = (we->state & HX__M_PART) != 0;
        int ok = !inf && (!part || (i > s->s0 && s->wc[i - 1] == HX__WC_AUX));
        /* most words are ruled out by the context's filter, without lemmatising (a
         * later test for a known verb lemmatises them then) */
        if (ok && !(we->state & (HX__M_DONE | HX__M_NOCUE))) {
            const hx__lemma_filter *lf = s->doc->ctx ? s->doc->ctx->cue_filter : NULL;
            if (lf && !hx__lemma_filter_may(lf, w, n)) we->state |= HX__M_NOCUE;
            else hx__cl_lemma_fill(s->memo, we, w, n);
        }
        /* only a lemma with entries in the lexicon can make a verb cue (read before
         * another look-up may move the entry) */
        first = we->first;
        cnt = ok && (we->state & HX__M_LEMMA) ? we->cnt : 0;
        /* "prestar cuentas", "construyen diques": right after another verb, a word that
         * looks like a cue is its object */
        if (cnt && i > s->s0 && s->wc[i - 1] == HX__WC_OTHER && (s->t[i - 1].flags & HX__T_WORD)
            && !hx__cl_is_upper(s, i - 1) && !(i - 1 > s->s0 && s->wc[i - 2] == HX__WC_DET)) {
            const hx__cl_memo_ent *pe = hx__cl_tok_lemma(s, i - 1);
            if (pe && (pe->state & HX__M_KNOWN)) cnt = 0;
        }
        int has_no = 0;
        for (uint32_t j = i; cnt && j > s->s0;) {
            unsigned char p = s->wc[--j];
            if (p == HX__WC_NO) {
                has_no = 1;
                break;
            }
            if (p != HX__WC_CLITIC && p != HX__WC_SE && p != HX__WC_AUX && p != HX__WC_DET) break;
        }
        const hx__cue *best = NULL;
        uint32_t best_end = 0;
        for (size_t k = first; k < first + cnt; k++) {
            const hx__cue *c = &hx__cues[k];
            uint32_t e = i + 1;
            if (c->kind != HX__CUE_VERB) continue;
            if (c->neg && !has_no) continue;
            if (*c->rest && !(e = hx__cl_match_rest(s, i + 1, c->rest))) continue;
            /* Prefer the longest entry, and "no descartar" over "descartar". */
            if (!best || e > best_end || (e == best_end && c->neg)) {
                best = c;
                best_end = e;
            }
        }
        if (best) {
            /* "negarse a" is refusing, not denying. */
            if (best->stance == HX__ST_DENIAL && i > s->s0 && s->wc[i - 1] == HX__WC_SE
                && i + 1 < s->s1 && hx__cl_tok_is(s, i + 1, "a"))
                return 0;
            out->c0 = i;
            out->c1 = best_end;
            out->cue = best;
            return 1;
        }
    }
    /* reporting nouns, only before "de que" ("la advertencia de X de que ...") */
    return noun_cue(s, i, w, n, out);
}
