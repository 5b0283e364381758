/*
 * claims_words.c -- the word level of the claims stage: the function-word table, the
 * per-call table of distinct words (class, ending tests and lemma on demand, with
 * first-byte indexes of the function words and lexicon heads), and cue detection
 * (which token starts a reporting verb, noun or "según"-like phrase).
 *
 * Invariants: the tables here are const and sorted (hx__claims_selfcheck); the word
 * table lives in the scan and is freed by hx__find_claims; entries are only added
 * while the tokens are entered, so their addresses hold for the rest of the call; a
 * word is lemmatised at most once per call, and not at all to look for a verb cue when
 * the context's filter (hx__cl_filter_new, built once per hx_ctx and read-only) proves
 * that its lemma heads no cue.
 */
#include "claims/claims_scan.h"

/* ---------------------------------------------------------------- word classes */


typedef struct fword {
    const char *w;
    unsigned char wc;
    unsigned char len; /* strlen(w) */
} fword;

#define F(w, wc) {w, wc, sizeof(w) - 1}

/* Function words, sorted bytewise (checked by tests/test_claims.c). */
static const fword fwords[] = {
    F("a", WC_PREP), F("además", WC_ADV), F("al", WC_PREP), F("anoche", WC_ADV),
    F("ante", WC_PREP), F("aparentemente", WC_HEDGE), F("aquel", WC_DET), F("aquella", WC_DET),
    F("asimismo", WC_ADV), F("así", WC_ASI), F("aunque", WC_CONJ), F("ayer", WC_ADV),
    F("bajo", WC_PREP), F("citada", WC_CITED), F("citadas", WC_CITED), F("citado", WC_CITED),
    F("citados", WC_CITED), F("con", WC_PREP), F("contra", WC_PREP), F("cuando", WC_CONJ),
    F("de", WC_PREP), F("del", WC_PREP), F("desde", WC_PREP), F("donde", WC_CONJ),
    F("durante", WC_PREP), F("e", WC_Y), F("el", WC_DET), F("en", WC_PREP),
    F("entonces", WC_ADV), F("entre", WC_PREP), F("esa", WC_DET), F("esas", WC_DET),
    F("ese", WC_DET), F("esos", WC_DET), F("esta", WC_DET), F("estas", WC_DET),
    F("este", WC_DET), F("estos", WC_DET), F("finalmente", WC_ADV), F("ha", WC_AUX),
    F("habrá", WC_AUX), F("habría", WC_AUX), F("habrían", WC_AUX), F("había", WC_AUX),
    F("habían", WC_AUX), F("hacia", WC_PREP), F("han", WC_AUX), F("hasta", WC_PREP),
    F("haya", WC_AUX), F("hayan", WC_AUX), F("he", WC_AUX), F("hemos", WC_AUX), F("hoy", WC_ADV),
    F("hubiera", WC_AUX), F("hubieran", WC_AUX), F("igualmente", WC_ADV), F("incluso", WC_ADV),
    F("jamás", WC_NO), F("la", WC_DET), F("las", WC_DET), F("le", WC_CLITIC),
    F("les", WC_CLITIC), F("lo", WC_CLITIC), F("los", WC_DET), F("luego", WC_ADV),
    F("me", WC_CLITIC), F("mediante", WC_PREP), F("mi", WC_DET), F("mientras", WC_CONJ),
    F("mis", WC_DET), F("ni", WC_Y), F("no", WC_NO), F("nos", WC_CLITIC), F("nuestra", WC_DET),
    F("nuestras", WC_DET), F("nuestro", WC_DET), F("nuestros", WC_DET), F("nuevamente", WC_ADV),
    F("nunca", WC_NO), F("o", WC_Y), F("para", WC_PREP), F("pero", WC_CONJ), F("por", WC_PREP),
    F("porque", WC_CONJ), F("posiblemente", WC_HEDGE), F("posteriormente", WC_ADV),
    F("presunta", WC_HEDGE), F("presuntamente", WC_HEDGE), F("presuntas", WC_HEDGE),
    F("presunto", WC_HEDGE), F("presuntos", WC_HEDGE), F("probablemente", WC_HEDGE),
    F("pues", WC_CONJ), F("que", WC_QUE), F("quizá", WC_HEDGE), F("quizás", WC_HEDGE),
    F("recientemente", WC_ADV), F("se", WC_SE), F("si", WC_CONJ), F("sin", WC_PREP),
    F("sino", WC_CONJ), F("sobre", WC_PREP), F("su", WC_DET), F("supuestamente", WC_HEDGE),
    F("sus", WC_DET), F("sólo", WC_ADV), F("también", WC_ADV), F("tampoco", WC_NO),
    F("te", WC_CLITIC), F("tras", WC_PREP), F("u", WC_Y), F("un", WC_DET), F("una", WC_DET),
    F("unas", WC_DET), F("unos", WC_DET), F("y", WC_Y), F("ya", WC_ADV),
};

_Static_assert(NELEM(fwords) < 256, "fwords is indexed with bytes");

/* The bit of lmemo.fw_sig[s[0]] for the word s[0..n) (n > 0): its length and last byte. */
static unsigned fw_bit(const char *s, size_t n)
{
    return ((unsigned)n * 11u + (unsigned char)s[n - 1]) & 63;
}

void hx__cl_memo_init(lmemo *m)
{
    memset(m, 0, sizeof *m);
    for (size_t i = NELEM(fwords); i-- > 0;) {
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
static unsigned char fword_class(const lmemo *m, const char *s, size_t n)
{
    if (n >= 16 || !((m->fw_sig[(unsigned char)s[0]] >> fw_bit(s, n)) & 1)) return WC_OTHER;
    size_t lo = m->fw_lo[(unsigned char)s[0]], hi = m->fw_hi[(unsigned char)s[0]];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_n(s, n, fwords[mid].w);
        if (!c) return fwords[mid].wc;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return WC_OTHER;
}

int hx__claims_selfcheck(void)
{
    for (size_t i = 1; i < NELEM(fwords); i++)
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
        if (cmp_n(s, n, hx__cues[mid].head) > 0) lo = mid + 1;
        else hi = mid;
    }
    size_t k = lo;
    while (k < end && cmp_n(s, n, hx__cues[k].head) == 0) k++;
    *count = k - lo;
    return lo;
}

size_t hx__cue_find(const char *s, size_t n, size_t *count)
{
    return cue_range(s, n, 0, hx__ncues, count);
}

/* hx__cue_find within the lexicon entries whose head starts with s[0] (m's index). */
size_t hx__cl_cue_find(const lmemo *m, const char *s, size_t n, size_t *count)
{
    if (!n) return hx__cue_find(s, n, count);
    return cue_range(s, n, m->cue_lo[(unsigned char)s[0]], m->cue_hi[(unsigned char)s[0]], count);
}

unsigned char hx__cl_punct_class(const char *s, size_t n)
{
    if (n == 1) {
        switch (s[0]) {
        case ',': return WC_COMMA;
        case ':': return WC_COLON;
        case ';': return WC_SEMI;
        case '.': case '!': case '?': return WC_END;
        case '"': return WC_QAMB;
        case '(': case ')': case '[': case ']': return WC_PAREN;
        case '-': return WC_DASH;
        default: return WC_PUNCT;
        }
    }
    if (n == 2 && (unsigned char)s[0] == 0xC2) {
        if ((unsigned char)s[1] == 0xAB) return WC_QOPEN;  /* « */
        if ((unsigned char)s[1] == 0xBB) return WC_QCLOSE; /* » */
    }
    if (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
        switch ((unsigned char)s[2]) {
        case 0x9C: return WC_QOPEN;  /* “ */
        case 0x9D: return WC_QCLOSE; /* ” */
        case 0x98: return WC_QOPEN;  /* ‘ */
        case 0x99: return WC_QCLOSE; /* ’ */
        case 0x93: case 0x94: return WC_DASH; /* – — */
        case 0xA6: return WC_END;    /* … */
        }
    }
    if (n >= 2 && (s[0] == '.' || s[0] == '!' || s[0] == '?')) return WC_END; /* "...", "?!" */
    return WC_PUNCT;
}








static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The index + 1 of the entry of the lower-case word w[0..n), created (classified) on
 * first sight; 0 when memory runs out. */
uint32_t hx__cl_word_index(const scan *sc, const char *w, size_t n)
{
    return hx__cl_word_index_h(sc, w, n, fnv1a(w, n));
}

/* Is the key of entry e the word w[0..n)?  (Short keys: a byte loop.) */
static int key_is(const lmemo *m, const lmemo_ent *e, const char *w, size_t n)
{
    if (e->len != n) return 0;
    const char *k = m->keys.p + e->off;
    for (size_t i = 0; i < n; i++)
        if (k[i] != w[i]) return 0;
    return 1;
}

uint32_t hx__cl_word_index_h(const scan *sc, const char *w, size_t n, uint32_t h)
{
    lmemo *m = sc->memo;
    if (m->cap) {
        for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
            const lmemo_slot *sl = &m->slot[i];
            if (!sl->idx) break;
            const lmemo_ent *e = &m->e[sl->idx - 1];
            if (sl->hash == h && key_is(m, e, w, n)) return sl->idx;
        }
    }
    if (n > UINT16_MAX || m->keys.n + n >= UINT32_MAX || m->n + 1 >= UINT32_MAX) return 0;
    /* grow first: the index when it would be more than half full, the entries when full */
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 1024;
        lmemo_slot *ns = calloc(cap, sizeof *ns);
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
        lmemo_ent *ne = realloc(m->e, ecap * sizeof *ne);
        if (!ne) return 0;
        m->e = ne;
        m->ecap = ecap;
    }
    size_t off = m->keys.n;
    hx__buf_put(&m->keys, w, n);
    if (m->keys.oom) return 0;
    lmemo_ent *e = &m->e[m->n];
    memset(e, 0, sizeof *e);
    e->wc = n < 16 ? fword_class(m, w, n) : WC_OTHER;
    e->off = (uint32_t)off;
    e->len = (uint16_t)n;
    size_t i = h & (m->cap - 1);
    while (m->slot[i].idx) i = (i + 1) & (m->cap - 1);
    m->slot[i].hash = h;
    m->slot[i].idx = (uint32_t)++m->n;
    return m->slot[i].idx;
}

/* The entry of the lower-case word w[0..n), or the spare one when it has none. */
lmemo_ent *hx__cl_word_entry(const scan *sc, const char *w, size_t n)
{
    lmemo *m = sc->memo;
    if (m->cap) {
        uint32_t h = fnv1a(w, n);
        for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
            const lmemo_slot *sl = &m->slot[i];
            if (!sl->idx) break;
            lmemo_ent *e = &m->e[sl->idx - 1];
            if (sl->hash == h && key_is(m, e, w, n)) return e;
        }
    }
    memset(&m->spare, 0, sizeof m->spare);
    m->spare.wc = n < 16 ? fword_class(m, w, n) : WC_OTHER;
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
void hx__cl_lemma_fill(const lmemo *m, lmemo_ent *e, const char *w, size_t n)
{
    char lem[HX__LEMMA_MAX];
    int known = 0;
    size_t cnt = 0, ln;
    if (e->state & M_DONE) return;
    e->state |= M_DONE;
    if ((ln = hx__lemma_verb(w, n, lem, sizeof lem, &known))) {
        e->state |= M_LEMMA | (known ? M_KNOWN : 0);
        e->first = (uint32_t)hx__cl_cue_find(m, lem, ln, &cnt);
        e->cnt = (uint16_t)(cnt > UINT16_MAX ? UINT16_MAX : cnt);
    }
}

/* The lemmatiser's answer for the lower-case word w[0..n), through the table. */
const lmemo_ent *hx__cl_lemma_lookup(const scan *sc, const char *w, size_t n)
{
    lmemo_ent *e = hx__cl_word_entry(sc, w, n);
    hx__cl_lemma_fill(sc->memo, e, w, n);
    return e;
}

/* The same for word token i, through its entry when it has one. */
const lmemo_ent *hx__cl_tok_lemma(const scan *sc, uint32_t i)
{
    lmemo_ent *e = tok_ent(sc, i);
    if (e) {
        hx__cl_lemma_fill(sc->memo, e, ent_key(sc, e), e->len);
        return e;
    }
    char w[HX__LEMMA_MAX];
    size_t n = tok_lower(sc, i, w);
    return n ? hx__cl_lemma_lookup(sc, w, n) : NULL;
}

/* 1 when token i lies inside a time expression (doc->times, sorted by position). */
int hx__cl_in_time(const scan *sc, uint32_t i)
{
    const hx__vec *v = &sc->doc->times;
    size_t lo = 0, hi = v->n;
    uint32_t b = sc->t[i].b0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (HX__VEC_AT(*v, hx__time, mid)->b1 <= b) lo = mid + 1;
        else hi = mid;
    }
    return lo < v->n && HX__VEC_AT(*v, hx__time, lo)->b0 <= b;
}

/* Words matching rest ("a conocer") follow token i?  Returns the token after them, or 0. */
uint32_t hx__cl_match_rest(const scan *sc, uint32_t i, const char *rest)
{
    while (*rest) {
        size_t wl = 0;
        while (rest[wl] && rest[wl] != ' ') wl++;
        const char *sp = rest[wl] ? rest + wl : NULL;
        char buf[HX__LEMMA_MAX];
        if (i >= sc->s1) return 0;
        /* the token's lower-case form, in place when it has a table entry */
        const lmemo_ent *te = tok_ent(sc, i);
        const char *b = te ? ent_key(sc, te) : buf;
        size_t n = te ? te->len : tok_lower(sc, i, buf);
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

/* M_INF when w[0..n) is an infinitive (also with an enclitic pronoun: "declararse",
 * "decirle"), M_PART when a participle; 0 otherwise. */
static unsigned verb_form(const char *w, size_t n)
{
    int inf = ends_with(w, n, "ar") || ends_with(w, n, "er") || ends_with(w, n, "ir");
    /* all the pronouns end in e, o, a or s, and so do the participle endings but e */
    static const sfx encl[] = {SFX("se"), SFX("le"), SFX("les"), SFX("lo"),
                               SFX("la"), SFX("los"), SFX("las"), SFX("nos")};
    unsigned char last = (unsigned char)w[n - 1];
    int tail = last == 'e' || last == 'o' || last == 'a' || last == 's';
    for (size_t k = 0; k < NELEM(encl) && !inf && tail; k++) {
        size_t el = encl[k].n;
        inf = n > el + 2 && ends_sfx(w, n, encl[k])
              && (ends_with(w, n - el, "ar") || ends_with(w, n - el, "er")
                  || ends_with(w, n - el, "ir"));
    }
    static const sfx parts[] = {
        SFX("ado"), SFX("ido"), SFX("ada"), SFX("ida"), SFX("ados"), SFX("idos"),
        SFX("adas"), SFX("idas"), SFX("dicho"), SFX("dicha"), SFX("dichos"),
        SFX("dichas"), SFX("hecho"), SFX("puesto"), SFX("visto"), SFX("scrito"),
        SFX("scrita")};
    int part = 0;
    for (size_t k = 0; k < NELEM(parts) && !part && !inf && tail && last != 'e'; k++)
        part = ends_sfx(w, n, parts[k]);
    return (inf ? M_INF : 0) | (part ? M_PART : 0);
}

/* A reporting noun at token i (folded w[0..n)) followed by "de que": right after the
 * noun, or after its possessor "de/del X" ("la advertencia de la OMS de que"); "los
 * rumores se dispararon después de que" is none.  The noun is singularised to find it. */
static int noun_cue(const scan *sc, uint32_t i, const char *w, size_t n, cand *out)
{
    char lem[HX__LEMMA_MAX];
    size_t first, cnt;
    uint32_t dq = 0;
    if (i + 2 < sc->s1 && sc->wc[i + 2] == WC_QUE && tok_is(sc, i + 1, "de")) dq = i + 1;
    if (!dq && i + 1 < sc->s1 && (tok_is(sc, i + 1, "de") || tok_is(sc, i + 1, "del"))) {
        for (uint32_t j = i + 2; j + 1 < sc->s1 && j < i + 8 && !dq; j++) {
            if (sc->wc[j] != WC_OTHER && sc->wc[j] != WC_DET && sc->wc[j] != WC_PREP) break;
            if (sc->wc[j + 1] == WC_QUE && tok_is(sc, j, "de")) dq = j;
        }
    }
    if (!dq) return 0;
    static const char *const sing[][2] = {{"iones", "ión"}, {"es", ""}, {"s", ""}, {"", ""}};
    for (size_t s = 0; s < NELEM(sing); s++) {
        size_t sl = strlen(sing[s][0]), al = strlen(sing[s][1]);
        if (!ends_with(w, n, sing[s][0]) || n - sl + al + 1 > sizeof lem) continue;
        memcpy(lem, w, n - sl);
        memcpy(lem + n - sl, sing[s][1], al + 1);
        first = hx__cl_cue_find(sc->memo, lem, n - sl + al, &cnt);
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
int hx__cl_find_cue(const scan *sc, uint32_t i, cand *out)
{
    char wb[HX__LEMMA_MAX];
    const char *w = wb;
    size_t n, first, cnt;
    unsigned char wc = sc->wc[i];
    lmemo_ent *we = tok_ent(sc, i);
    if (we) {
        w = ent_key(sc, we);
        n = we->len;
    } else {
        if (!(n = tok_lower(sc, i, wb))) return 0;
        we = hx__cl_word_entry(sc, w, n);
    }

    /* prepositional cues: the word itself is the head (sc->prep lists them, in table
     * order; when they did not fit there, the entries of the word as a head are read) */
    int listed = sc->nprep != SIZE_MAX;
    if (listed && !(we->state & M_PCHK)) {
        /* most words are ruled out by their first byte and length (prep_bits) */
        int head = 0, maybe = (sc->prep_bits >> prep_bit(w, n)) & 1;
        for (size_t x = 0; maybe && x < sc->nprep && !head; x++)
            head = !cmp_n(w, n, hx__cues[sc->prep[x]].head);
        we->state |= M_PCHK | (head ? M_PHEAD : 0);
    }
    first = listed ? 0 : hx__cl_cue_find(sc->memo, w, n, &cnt);
    if (listed) cnt = we->state & M_PHEAD ? sc->nprep : 0;
    for (size_t x = 0; x < cnt; x++) {
        const hx__cue *c = &hx__cues[listed ? sc->prep[x] : first + x];
        uint32_t e;
        if (c->kind != HX__CUE_PREP || cmp_n(w, n, c->head)) continue;
        if (!(e = hx__cl_match_rest(sc, i + 1, c->rest)) && *c->rest) continue;
        out->c0 = i;
        out->c1 = *c->rest ? e : i + 1;
        out->cue = c;
        return 1;
    }
    if (wc != WC_OTHER || n < 2) return 0;
    /* A capital inside the sentence is a name, not a verb. */
    if (is_upper(sc, i) && i > sc->s0 && sc->wc[i - 1] != WC_QOPEN && sc->wc[i - 1] != WC_COLON
        && sc->wc[i - 1] != WC_QAMB)
        return 0;
    int after_det = i > sc->s0 && sc->wc[i - 1] == WC_DET;

    /* verbs: the tests on the form itself come first, so that the words they rule out
     * (infinitives, participles without haber) are never lemmatised here */
    if (!after_det) {
        /* Infinitives have no subject of their own; participles only after haber. */
        if (!(we->state & M_FORM)) we->state |= M_FORM | verb_form(w, n);
        int inf = (we->state & M_INF) != 0, part = (we->state & M_PART) != 0;
        int ok = !inf && (!part || (i > sc->s0 && sc->wc[i - 1] == WC_AUX));
        /* most words are ruled out by the context's filter, without lemmatising (a
         * later test for a known verb lemmatises them then) */
        if (ok && !(we->state & (M_DONE | M_NOCUE))) {
            const hx__lemma_filter *lf = sc->doc->ctx ? sc->doc->ctx->cue_filter : NULL;
            if (lf && !hx__lemma_filter_may(lf, w, n)) we->state |= M_NOCUE;
            else hx__cl_lemma_fill(sc->memo, we, w, n);
        }
        /* only a lemma with entries in the lexicon can make a verb cue (read before
         * another look-up may move the entry) */
        first = we->first;
        cnt = ok && (we->state & M_LEMMA) ? we->cnt : 0;
        /* "prestar cuentas", "construyen diques": right after another verb, a word that
         * looks like a cue is its object */
        if (cnt && i > sc->s0 && sc->wc[i - 1] == WC_OTHER && (sc->t[i - 1].flags & HX__T_WORD)
            && !is_upper(sc, i - 1) && !(i - 1 > sc->s0 && sc->wc[i - 2] == WC_DET)) {
            const lmemo_ent *pe = hx__cl_tok_lemma(sc, i - 1);
            if (pe && (pe->state & M_KNOWN)) cnt = 0;
        }
        int has_no = 0;
        for (uint32_t j = i; cnt && j > sc->s0;) {
            unsigned char p = sc->wc[--j];
            if (p == WC_NO) {
                has_no = 1;
                break;
            }
            if (p != WC_CLITIC && p != WC_SE && p != WC_AUX && p != WC_DET) break;
        }
        const hx__cue *best = NULL;
        uint32_t best_end = 0;
        for (size_t k = first; k < first + cnt; k++) {
            const hx__cue *c = &hx__cues[k];
            uint32_t e = i + 1;
            if (c->kind != HX__CUE_VERB) continue;
            if (c->neg && !has_no) continue;
            if (*c->rest && !(e = hx__cl_match_rest(sc, i + 1, c->rest))) continue;
            /* Prefer the longest entry, and "no descartar" over "descartar". */
            if (!best || e > best_end || (e == best_end && c->neg)) {
                best = c;
                best_end = e;
            }
        }
        if (best) {
            /* "negarse a" is refusing, not denying. */
            if (best->stance == HX__ST_DENIAL && i > sc->s0 && sc->wc[i - 1] == WC_SE
                && i + 1 < sc->s1 && tok_is(sc, i + 1, "a"))
                return 0;
            out->c0 = i;
            out->c1 = best_end;
            out->cue = best;
            return 1;
        }
    }
    /* reporting nouns, only before "de que" ("la advertencia de X de que ...") */
    return noun_cue(sc, i, w, n, out);
}
