/*
 * claims.c -- the claims stage: who says what, with which cue, how firmly.
 *
 * For each sentence it finds the cues of the reporting lexicon (cues_data.c): verbs
 * through the lemmatiser (lemma.c), reporting nouns before "de que", and the
 * prepositional cues ("según", "de acuerdo con" ...).  Each cue is then resolved by
 * the construction it appears in:
 *   - "Según X, C." / "C, según X." / "según la misma fuente" (antecedent);
 *   - "X dijo/afirmó que C", "X dijo: «C»", with parentheticals skipped
 *     ("X, por su parte, dijo", "X, citado por Y, dijo" -> via Y);
 *   - "C, dijo X." and "«C», afirmó X." (postposed source; multi-sentence quotes);
 *   - "Así lo informó X" (the content is the previous sentence);
 *   - "se informó que C" (impersonal) and a missing subject ("Añadió que C"),
 *     which repeats the source of the last claim (antecedent).
 * Heuristics work on tokens and a small table of Spanish function words, so the stage
 * runs without the tagger; named-entity mentions, when present, give the source's
 * mention.  Word classes, the word table and cue detection are in claims_words.c.
 * Invariants: claims are appended in order of their cues; every token range lies
 * inside the document; a claim's antecedent precedes it.  The scratch of a call (a
 * class, a finite-verb mark and a word-table entry per token, the token -> entity
 * map, the word table) is freed before the stage returns.
 */
#include "claims/claims_scan.h"
#include "entities/entities.h"

#include <string.h>

/* ---------------------------------------------------------------- noun phrases */

static int is_boundary(unsigned char wc)
{
    return wc == WC_SEMI || wc == WC_COLON || wc == WC_END || wc == WC_CONJ || wc == WC_QUE
           || wc == WC_PAREN || wc == WC_DASH || wc == WC_QOPEN || wc == WC_QCLOSE
           || wc == WC_QAMB;
}

/* A comma-separated segment that cannot be a subject: "por su parte", "ayer", "en
 * un comunicado", a time expression, a relative clause. */
static int parenthetical(const scan *sc, uint32_t a, uint32_t b)
{
    if (a >= b) return 1;
    unsigned char w = sc->wc[a];
    if (w == WC_PREP || w == WC_ADV || w == WC_QUE || w == WC_CITED || w == WC_HEDGE
        || w == WC_CONJ || w == WC_ASI || w == WC_NO)
        return 1;
    if (hx__cl_in_time(sc, a) && hx__cl_in_time(sc, b - 1)) return 1;
    if (tok_is(sc, a, "sin") || tok_is(sc, a, "según") || tok_is(sc, a, "quien")
        || tok_is(sc, a, "quienes"))
        return 1;
    /* "elaborado por la Universidad": a participle opens an apposition of the subject */
    char w0[HX__LEMMA_MAX];
    size_t n = (sc->t[a].flags & HX__T_WORD) && !is_upper(sc, a) ? tok_lower(sc, a, w0) : 0;
    static const sfx part[] = {SFX("ado"), SFX("ada"), SFX("ados"), SFX("adas"),
                               SFX("ido"), SFX("ida"), SFX("idos"), SFX("idas")};
    for (size_t i = 0; n > 4 && i < NELEM(part); i++)
        if (ends_sfx(w0, n, part[i])) return 1;
    return 0;
}

/* 1 when the form w[0..n) is an infinitive, gerund or participle. */
static int nonfinite(const char *w, size_t n)
{
    static const sfx ends[] = {SFX("ar"), SFX("er"), SFX("ir"), SFX("ando"), SFX("iendo"),
                               SFX("yendo"), SFX("ado"), SFX("ido"), SFX("ada"), SFX("ida"),
                               SFX("ados"), SFX("idos"), SFX("adas"), SFX("idas")};
    for (size_t i = 0; i < NELEM(ends); i++)
        if (ends_sfx(w, n, ends[i])) return 1;
    return 0;
}

/* 1 when tokens [a, b) hold a finite form of a known verb, i.e. a clause that can be
 * the content of "C, dijo X." rather than the subject of "X, líder de Y, dijo". */
static int has_clause(const scan *sc, uint32_t a, uint32_t b)
{
    char w[HX__LEMMA_MAX];
    for (uint32_t k = a; k < b; k++) {
        int upper = is_upper(sc, k);
        size_t n;
        if (sc->wc[k] == WC_AUX) return 1;
        if (sc->wc[k] != WC_OTHER || !(sc->t[k].flags & HX__T_WORD)) continue;
        /* A capital is a name, except first in the range or after an opening quote. */
        if (upper && !(k == a || sc->wc[k - 1] == WC_QOPEN || sc->wc[k - 1] == WC_QAMB)) continue;
        if (k > sc->s0 && sc->wc[k - 1] == WC_DET) continue;
        /* The answer for a lower-case word does not depend on the range: cache it. */
        if (!upper && sc->fin[k]) {
            if (sc->fin[k] == 1) return 1;
            continue;
        }
        /* (n = tok_lower(sc, k, w)) && !nonfinite(w, n) && known lemma, through the
         * token's table entry */
        const lmemo_ent *e = tok_ent(sc, k);
        int fin;
        if (e) fin = !nonfinite(ent_key(sc, e), e->len)
                     && (hx__cl_tok_lemma(sc, k)->state & M_KNOWN);
        else fin = (n = tok_lower(sc, k, w)) && !nonfinite(w, n)
                   && (hx__cl_lemma_lookup(sc, w, n)->state & M_KNOWN);
        if (!upper) sc->fin[k] = fin ? 1 : 2;
        if (fin) return 1;
    }
    return 0;
}

/* has_clause over the comma-separated segments of [a, b) that are not relative
 * clauses or participial appositions ("González, que se reunió hoy con X, expresó"). */
static int main_clause(const scan *sc, uint32_t a, uint32_t b)
{
    uint32_t k = a;
    while (k < b) {
        uint32_t e = k;
        while (e < b && sc->wc[e] != WC_COMMA) e++;
        int rel = k < e && (sc->wc[k] == WC_QUE || tok_is(sc, k, "quien")
                            || tok_is(sc, k, "quienes") || tok_is(sc, k, "cuyo")
                            || tok_is(sc, k, "cuya"));
        if (!rel && k < e && has_clause(sc, k, e)) return 1;
        k = e + 1;
    }
    return 0;
}

/* Does token y join two names ("Europa y Asia") rather than two clauses? */
static int joins_names(const scan *sc, uint32_t y)
{
    return y > sc->s0 && y + 1 < sc->s1 && is_upper(sc, y - 1) && is_upper(sc, y + 1);
}

/* The subject before token e (exclusive): a chain of at most three comma-separated
 * noun phrases ending at e ("Kim Jong-un, líder de Corea del Norte"), skipping
 * parentheticals ("X, por su parte, dijo").  Sets [*a, *b) (empty when none) and the
 * via range of "X, citado por Y". */
static void subject_before(const scan *sc, uint32_t e, uint32_t *a, uint32_t *b,
                           uint32_t *via0, uint32_t *via1)
{
    uint32_t segs[8][2];
    int nseg = 0;
    uint32_t j = e, end = e;
    *a = *b = e;
    while (j > sc->s0 && e - j < 40) {
        unsigned char w = sc->wc[j - 1];
        if (w == WC_COMMA) {
            if (nseg == 8) break;
            segs[nseg][0] = j;
            segs[nseg][1] = end;
            nseg++;
            end = j - 1;
            j--;
            continue;
        }
        /* ", que compareció ayer," / ", quien ...": a relative clause inside the subject */
        if ((w == WC_QUE || tok_is(sc, j - 1, "quien") || tok_is(sc, j - 1, "quienes"))
            && j - 1 > sc->s0 && sc->wc[j - 2] == WC_COMMA && end != e) {
            j--;
            continue;
        }
        /* "El Consejo Nacional Electoral ( CNE ) denunció": an acronym in brackets */
        if (w == WC_PAREN && j - 1 > sc->s0 && tok_is(sc, j - 1, ")")) {
            uint32_t k = j - 1;
            while (k > sc->s0 && j - k < 8 && !tok_is(sc, k - 1, "(")) k--;
            if (k > sc->s0 && tok_is(sc, k - 1, "(") && k - 1 > sc->s0) {
                j = k - 1;
                continue;
            }
        }
        if (is_boundary(w)) break;
        /* "El Gobierno y la guerrilla confirmaron": a "y" with no verb before it joins
         * two noun phrases; after a verb it starts a new clause. */
        if (w == WC_Y && !joins_names(sc, j - 1) && has_clause(sc, sc->s0, j - 1)) break;
        if (w == WC_SE && j == e) break;
        j--;
    }
    if (nseg < 8) {
        segs[nseg][0] = j;
        segs[nseg][1] = end;
        nseg++;
    }
    /* segs[0] is the segment next to the verb; walk leftwards. */
    int k = 0, taken = 0;
    while (k < nseg && parenthetical(sc, segs[k][0], segs[k][1])) {
        uint32_t s = segs[k][0];
        if (sc->wc[s] == WC_CITED && s + 2 <= segs[k][1] && tok_is(sc, s + 1, "por")) {
            *via0 = s + 2;
            *via1 = segs[k][1];
        }
        k++;
    }
    for (; k < nseg && taken < 3; k++) {
        if (parenthetical(sc, segs[k][0], segs[k][1])) {
            /* "X, citado por Y, dijo": the citation sits inside the chain */
            uint32_t s = segs[k][0];
            if (sc->wc[s] == WC_CITED && s + 2 <= segs[k][1] && tok_is(sc, s + 1, "por")) {
                *via0 = s + 2;
                *via1 = segs[k][1];
                continue;
            }
            break;
        }
        if (!taken) *b = segs[k][1];
        *a = segs[k][0];
        taken++;
        /* A chain goes on only through appositions that start after a name. */
        if (k + 1 < nseg && !is_upper(sc, segs[k + 1][0]) && sc->wc[segs[k + 1][0]] != WC_DET) break;
    }
    if (!taken) *a = *b = e;
    /* A subject starting the sentence with a capitalised function word keeps it
     * ("El Kremlin"); a leading conjunction never belongs ("Y el ministro"). */
    while (*a < *b && sc->wc[*a] == WC_Y) (*a)++;
}

/* Can token i open a subject placed after its verb ("dijo el portavoz", "dijo Ana",
 * "aseguran fuentes del ministerio")? */
static int opens_subject(const scan *sc, uint32_t i)
{
    /* bare plurals that name people: "informaron fuentes policiales" */
    static const char *const bare[] = {"fuentes", "portavoces", "testigos", "expertos",
                                       "analistas", "responsables", "representantes",
                                       "voceros", "medios", "quien"};
    if (i >= sc->send) return 0;
    if (sc->wc[i] == WC_DET || is_upper(sc, i) || (sc->t[i].flags & HX__T_NUM)) return 1;
    static const char *const nums[] = {"dos", "tres", "cuatro", "cinco", "seis", "varios",
                                       "varias", "algunos", "algunas", "muchos", "otros"};
    for (size_t k = 0; k < NELEM(nums); k++)
        if (tok_is(sc, i, nums[k])) return 1;
    for (size_t k = 0; k < NELEM(bare); k++)
        if (tok_is(sc, i, bare[k])) return 1;
    return 0;
}

/* The subject after a verb ending at token i: "..., dijo el portavoz del ministerio
 * a la prensa" -> "el portavoz del ministerio". */
static void subject_after(const scan *sc, uint32_t i, uint32_t *a, uint32_t *b)
{
    while (i < sc->send && (sc->wc[i] == WC_ADV || hx__cl_in_time(sc, i)
                            || (sc->wc[i] == WC_DET && i + 1 < sc->send && hx__cl_in_time(sc, i + 1))))
        i += sc->wc[i] == WC_DET ? 2 : 1;
    /* "dijo a este diario la portavoz", "dijo a Efe el ministro": the addressee */
    if (i + 2 < sc->send && tok_is(sc, i, "a") && opens_subject(sc, i + 1)) {
        uint32_t k = i + 2;
        while (k < sc->send && k < i + 6 && sc->wc[k] == WC_OTHER && is_word(sc, k)) k++;
        if (k < sc->send && sc->wc[k] == WC_DET) i = k;
    }
    *a = *b = i;
    if (!opens_subject(sc, i)) return;
    uint32_t j = i;
    while (j < sc->send && j - i < 20) {
        unsigned char w = sc->wc[j];
        if (w >= WC_COMMA && w != WC_DASH) break;
        if (w == WC_DASH && !(sc->t[j].flags & HX__T_SPACE)) { j++; continue; } /* Jong-un */
        if (w == WC_QUE || w == WC_CONJ || w == WC_SE || w == WC_NO || w == WC_HEDGE) break;
        if (w == WC_Y && !joins_names(sc, j)) break;
        if (w == WC_PREP && !tok_is(sc, j, "de") && !tok_is(sc, j, "del")) break;
        if (w == WC_ADV && j > i) break;
        if (hx__cl_in_time(sc, j) && j > i) break;
        j++;
    }
    /* an apposition closing the sentence: ", dijo el canciller, Serguéi Lavrov." */
    if (j + 1 < sc->send && sc->wc[j] == WC_COMMA && is_upper(sc, j + 1)) {
        uint32_t k = j + 1;
        while (k < sc->send && (is_word(sc, k) || sc->wc[k] == WC_DASH)) k++;
        if (k == sc->send) j = k;
    }
    *b = j;
}

/* ---------------------------------------------------------------- resolution */

/* Sets the content of cl to tokens [a, b), trimming commas and dashes at the ends;
 * a content that is one quotation keeps only what is inside the marks. */
static int set_content_at(const scan *sc, hx__claim *cl, uint32_t a, uint32_t b, int after);

static int set_content(const scan *sc, hx__claim *cl, uint32_t a, uint32_t b)
{
    return set_content_at(sc, cl, a, b, 1);
}

/* after: the content follows the cue; then a new clause joined by ", mientras",
 * ", aunque", ", pero" is not part of what was reported. */
static int set_content_at(const scan *sc, hx__claim *cl, uint32_t a, uint32_t b, int after)
{
    for (uint32_t k = a + 1; after && k + 1 < b; k++) {
        if (sc->wc[k] == WC_COMMA && sc->wc[k + 1] == WC_CONJ && !tok_is(sc, k + 1, "donde")
            && !tok_is(sc, k + 1, "cuando") && !tok_is(sc, k + 1, "si")) {
            b = k;
            break;
        }
    }
    while (a < b && (sc->wc[a] == WC_COMMA || sc->wc[a] == WC_DASH || sc->wc[a] == WC_COLON)) a++;
    while (b > a && (sc->wc[b - 1] == WC_COMMA || sc->wc[b - 1] == WC_DASH
                     || sc->wc[b - 1] == WC_SEMI || sc->wc[b - 1] == WC_COLON))
        b--;
    if (a >= b) return 0;
    cl->con0 = a;
    cl->con1 = b;
    cl->cb0 = sc->t[a].b0;
    cl->cb1 = sc->t[b - 1].b1;
    /* "... por mar." read as an abbreviation at the end of a sentence: its period
     * ends the sentence, not the content */
    if ((sc->t[b - 1].flags & HX__T_ABBR) && b == sc->s1 && cl->cb1 > cl->cb0 + 1
        && sc->doc->text[cl->cb1 - 1] == '.')
        cl->cb1--;
    uint32_t last = b;
    while (last > a + 1 && (sc->wc[last - 1] == WC_END)) last--;
    unsigned char o = sc->wc[a], c = sc->wc[last - 1];
    if ((o == WC_QOPEN || o == WC_QAMB) && (c == WC_QCLOSE || c == WC_QAMB) && last - a > 2) {
        /* one quotation only: no closing mark before its end */
        int depth = 0, one = 1;
        for (uint32_t k = a + 1; k + 1 < last; k++) {
            if (sc->wc[k] == WC_QOPEN) depth++;
            else if (sc->wc[k] == WC_QCLOSE && depth-- == 0) one = 0;
            else if (sc->wc[k] == WC_QAMB && o == WC_QAMB) one = 0;
        }
        if (one) {
            cl->quote = 1;
            cl->cb0 = sc->t[a + 1].b0;
            cl->cb1 = sc->t[last - 2].b1;
        }
    }
    return 1;
}

/* 1 when token i is a verb in the conditional ("habría", "podrían"). */
static int conditional(const scan *sc, uint32_t i)
{
    char w[HX__LEMMA_MAX];
    size_t n = tok_lower(sc, i, w);
    if (!n || !(ends_with(w, n, "ría") || ends_with(w, n, "rían"))) return 0;
    return (hx__cl_tok_lemma(sc, i)->state & M_KNOWN) != 0;
}

static void hedges(const scan *sc, hx__claim *cl)
{
    for (uint32_t k = sc->s0; k < sc->send; k++) {
        unsigned char w = sc->wc[k];
        if (w == WC_HEDGE) goto hedged;
        if (w == WC_PREP && k + 1 < sc->send && tok_is(sc, k, "al") && tok_is(sc, k + 1, "parecer"))
            goto hedged;
        if (k + 1 < sc->send && tok_is(sc, k, "tal") && tok_is(sc, k + 1, "vez")) goto hedged;
    }
    for (uint32_t k = cl->cue0; k < cl->cue1; k++)
        if (conditional(sc, k)) goto hedged;
    for (uint32_t k = cl->con0; k < cl->con1; k++)
        if ((sc->t[k].flags & HX__T_WORD) && conditional(sc, k)) goto hedged;
    return;
hedged:
    cl->hedged = 1;
}

/* The first named-entity mention inside tokens [a, b), or -1 (mentions are sorted). */
static int32_t mention_in(const hx_doc *doc, uint32_t a, uint32_t b)
{
    const hx__vec *v = &doc->mentions;
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (HX__VEC_AT(*v, hx__mention, mid)->first < a) lo = mid + 1;
        else hi = mid;
    }
    if (lo < v->n && HX__VEC_AT(*v, hx__mention, lo)->last <= b) return (int32_t)lo;
    return -1;
}

/* "la misma fuente", "dichas fuentes": a source that refers back. */
static int same_source(const scan *sc, uint32_t a, uint32_t b)
{
    int fuente = 0, ref = 0;
    for (uint32_t k = a; k < b; k++) {
        if (tok_is(sc, k, "fuente") || tok_is(sc, k, "fuentes")) fuente = 1;
        else if (tok_is(sc, k, "misma") || tok_is(sc, k, "mismas") || tok_is(sc, k, "mismo")
                 || tok_is(sc, k, "dicha") || tok_is(sc, k, "dichas") || tok_is(sc, k, "esta")
                 || tok_is(sc, k, "estas") || tok_is(sc, k, "citada") || tok_is(sc, k, "citadas"))
            ref = 1;
    }
    return fuente && ref;
}

/* The last earlier claim with a source, not more than three sentences back. */
static int32_t antecedent_of(const scan *sc)
{
    const hx__vec *v = &sc->doc->claims;
    /* A headline (no closing punctuation) announces what follows: an earlier
     * claimant is no better a guess than none. */
    if (sc->send == sc->s1 && sc->s1 - sc->s0 <= 15 && sc->wc[sc->s1 - 1] != WC_QCLOSE
        && sc->wc[sc->s1 - 1] != WC_QAMB)
        return -1;
    for (size_t k = v->n; k-- > 0;) {
        const hx__claim *c = HX__VEC_AT(*v, hx__claim, k);
        if (sc->t[c->cue0].sent + 3 < sc->t[sc->s0].sent) break;
        if (c->src1 > c->src0) return (int32_t)k;
    }
    return -1;
}

/* Fills the source fields of cl from tokens [a, b), or from an antecedent. */
static int32_t entity_in(const scan *sc, uint32_t a, uint32_t b)
{
    if (!sc->ent) return -1;
    for (uint32_t k = a; k < b; k++)
        if (sc->ent[k] >= 0) return sc->ent[k];
    return -1;
}

static void set_source(const scan *sc, hx__claim *cl, uint32_t a, uint32_t b, int se)
{
    cl->antecedent = -1;
    cl->mention = -1;
    cl->entity = -1;
    if (a < b) {
        cl->src0 = a;
        cl->src1 = b;
        cl->mention = mention_in(sc->doc, a, b);
        cl->entity = entity_in(sc, a, b);
        if (same_source(sc, a, b) && (cl->antecedent = antecedent_of(sc)) >= 0) {
            const hx__claim *p = HX__VEC_AT(sc->doc->claims, hx__claim, cl->antecedent);
            if (cl->mention < 0) cl->mention = p->mention;
            if (cl->entity < 0) cl->entity = p->entity;
        }
        return;
    }
    if (se) {
        cl->impersonal = 1;
        return;
    }
    if ((cl->antecedent = antecedent_of(sc)) >= 0) {
        const hx__claim *p = HX__VEC_AT(sc->doc->claims, hx__claim, cl->antecedent);
        cl->src0 = p->src0;
        cl->src1 = p->src1;
        cl->mention = p->mention;
        cl->entity = p->entity;
        cl->inherited = 1;
    }
}

/* An opening quotation mark before token a, in this sentence or up to six before,
 * when [a, b) holds a closing mark without its opening one; returns a otherwise. */
static uint32_t quote_start(const scan *sc, uint32_t a, uint32_t b)
{
    int depth = 0;
    for (uint32_t k = a; k < b; k++) {
        if (sc->wc[k] == WC_QOPEN) depth++;
        else if (sc->wc[k] == WC_QCLOSE && --depth < 0) break;
    }
    if (depth >= 0) return a;
    uint32_t lim = sc->t[a].sent >= 6 ? sc->t[a].sent - 6 : 0;
    for (uint32_t k = a; k-- > 0 && sc->t[k].sent >= lim;) {
        if (sc->wc[k] == WC_QOPEN) return k;
        if (sc->wc[k] == WC_QCLOSE) break;
    }
    return a;
}

/* What follows a reporting verb: the kind of its complement clause (find_complement). */
typedef enum comp_kind {
    COMP_NONE = 0,  /* none: a noun phrase follows, or the content is elsewhere */
    COMP_QUE,       /* "que ..." ("de que", ", sin embargo, que") */
    COMP_COLON,     /* ": ..." */
    COMP_QUOTE,     /* a quotation opens right there */
    COMP_INFINITIVE /* "aseguró haber destruido 30 túneles" */
} comp_kind;

/* Walks back over the auxiliaries, clitics, "se" and "no" before the verb at v: sets
 * cl->cue0 to the first auxiliary, *has_no and *se; returns the first token of the
 * verb group. */
static uint32_t verb_group(const scan *sc, uint32_t v, hx__claim *cl, int *has_no, int *se)
{
    uint32_t j = v;
    cl->cue0 = v;
    while (j > sc->s0) {
        unsigned char w = sc->wc[j - 1];
        if (w == WC_AUX) cl->cue0 = j - 1;
        else if (w == WC_SE) *se = 1;
        else if (w == WC_NO) *has_no = 1;
        else if (w != WC_CLITIC && !(w == WC_DET && j == v)) break;
        j--;
    }
    return j;
}

/* A noun cue ("la advertencia de X de que C"): the source is the "de" phrase between
 * the noun and "de que". */
static int resolve_noun(scan *sc, const cand *cd, uint32_t limit, hx__claim *cl)
{
    uint32_t k = cd->c1;
    while (k + 1 < limit && !(tok_is(sc, k, "de") && sc->wc[k + 1] == WC_QUE)) k++;
    if (k + 1 >= limit) return 0;
    uint32_t a = cd->c1, b = k;
    if (a < b && (tok_is(sc, a, "de") || tok_is(sc, a, "del"))) a++;
    else a = b;
    set_source(sc, cl, a, b, 0);
    if (a == b) {
        cl->antecedent = cl->mention = cl->entity = -1;
        cl->src0 = cl->src1 = 0;
        cl->inherited = 0;
    }
    return set_content(sc, cl, k + 2, limit);
}

/* Is token k an infinitive of a known verb ("haber", "destruir", "retirarse")? */
static int known_infinitive(const scan *sc, uint32_t k)
{
    char iw[HX__LEMMA_MAX], inf[HX__LEMMA_MAX];
    int known = 0;
    size_t in = tok_lower(sc, k, iw);
    return in > 3
           && (ends_with(iw, in, "ar") || ends_with(iw, in, "er") || ends_with(iw, in, "ir")
               || ends_with(iw, in, "arse") || ends_with(iw, in, "erse") || ends_with(iw, in, "irse"))
           && hx__lemma_verb(iw, in, inf, sizeof inf, &known) && known;
}

/* The complement clause within ten tokens after the cue: its kind, and in *q the first
 * token of its content. */
static comp_kind find_complement(const scan *sc, const cand *cd, uint32_t limit, uint32_t *q)
{
    uint32_t k = cd->c1;
    for (int steps = 0; k < limit && steps < 10; k++, steps++) {
        unsigned char w = sc->wc[k];
        if (w == WC_QUE) return *q = k + 1, COMP_QUE;
        if (steps == 0 && k + 1 < limit && sc->wc[k + 1] == WC_QUE && tok_is(sc, k, "de"))
            return *q = k + 2, COMP_QUE; /* "alertó de que" */
        if (w == WC_COLON) return *q = k + 1, COMP_COLON;
        if (w == WC_QOPEN || (w == WC_QAMB && steps == 0)) return *q = k, COMP_QUOTE;
        if (w == WC_END || w == WC_SEMI || w == WC_PAREN || w == WC_QCLOSE || w == WC_QAMB) break;
        if (steps == 0 && (w == WC_DET || tok_is(sc, k, "de") || tok_is(sc, k, "del"))
            && !hx__cl_in_time(sc, k) && !(k + 1 < limit && hx__cl_in_time(sc, k + 1)))
            break;
        if (w == WC_Y) break;
        if (steps == 0 && w == WC_OTHER && (sc->t[k].flags & HX__T_WORD) && !is_upper(sc, k)
            && known_infinitive(sc, k))
            return *q = k, COMP_INFINITIVE;
        /* ", sin embargo, que": a parenthetical may sit between the verb and "que";
         * any other comma ends the search ("acusó a X de Y, algo que ..."). */
        if (w == WC_COMMA) {
            uint32_t m = k + 1;
            while (m < limit && m < k + 6 && sc->wc[m] != WC_COMMA) m++;
            if (m + 1 < limit && sc->wc[m] == WC_COMMA && sc->wc[m + 1] == WC_QUE
                && parenthetical(sc, k + 1, m))
                return *q = m + 2, COMP_QUE;
            break;
        }
    }
    return COMP_NONE;
}

/* "Así lo informó X": only "así", adverbs, auxiliaries, "no" and the clitic "lo" before
 * the verb at v; the content is then the sentence before. */
static int so_said(const scan *sc, uint32_t v)
{
    int lo = 0, only = 1;
    for (uint32_t m = sc->s0; m < v; m++) {
        unsigned char w = sc->wc[m];
        if (w == WC_CLITIC && tok_is(sc, m, "lo")) lo = 1;
        else if (w != WC_ASI && w != WC_ADV && w != WC_AUX && w != WC_NO) only = 0;
    }
    return lo && only;
}

static int resolve_so_said(scan *sc, const cand *cd, hx__claim *cl, int se)
{
    uint32_t ps = sc->t[sc->s0].sent;
    if (!ps) return 0;
    const hx__sent *s = HX__VEC_AT(sc->doc->sents, hx__sent, ps - 1);
    uint32_t e = s->last;
    while (e > s->first && sc->wc[e - 1] == WC_END) e--;
    uint32_t a, b;
    subject_after(sc, cd->c1, &a, &b);
    set_source(sc, cl, a, b, se);
    return set_content(sc, cl, s->first, e);
}

/* A gerund ("..., señalando que C") reports for the subject of the claim before in its
 * sentence ("X negó ..., señalando que"); without a complement clause, or without such a
 * claim ("Baggio se ha tomado su revancha, demostrando que"), it is no report. */
static int resolve_gerund(scan *sc, hx__claim *cl, uint32_t v, comp_kind found, uint32_t q,
                          uint32_t limit, int se)
{
    if (!found) return 0;
    set_source(sc, cl, 0, 0, se);
    if (cl->antecedent < 0) return 0;
    const hx__claim *prev = HX__VEC_AT(sc->doc->claims, hx__claim, cl->antecedent);
    if (sc->t[prev->cue0].sent != sc->t[v].sent) return 0;
    return set_content(sc, cl, q, limit);
}

static int is_gerund(const scan *sc, uint32_t v)
{
    char vw[HX__LEMMA_MAX];
    size_t vn = tok_lower(sc, v, vw);
    return vn && (ends_with(vw, vn, "ando") || ends_with(vw, vn, "iendo") || ends_with(vw, vn, "yendo"));
}

/* "C, dijo X." / "«C», afirmó X.": the content before the verb group (which starts at
 * p == j), the source after it.  Returns -1 when the sentence is not of that shape and
 * the source is to be found before the verb. */
static int resolve_postposed(scan *sc, const cand *cd, hx__claim *cl, uint32_t p, uint32_t j, int se)
{
    unsigned char before = p > sc->s0 ? sc->wc[p - 1] : WC_OTHER;
    if (!(p > sc->s0 && p == j
          && (before == WC_QCLOSE || before == WC_QAMB
              || ((before == WC_COMMA || before == WC_DASH)
                  && ((p - 1 > sc->s0 && (sc->wc[p - 2] == WC_QCLOSE || sc->wc[p - 2] == WC_QAMB))
                      || main_clause(sc, sc->s0, p - 1))))))
        return -1;
    uint32_t a, b, c0 = sc->s0, c1 = sc->wc[p - 1] == WC_COMMA ? p - 1 : p;
    /* a cue earlier in the sentence already owns its part */
    subject_after(sc, cd->c1, &a, &b);
    /* "X, que ..., no descarta nada": the subject is before; but after a quotation
     * ("«C», afirmó durante ...") the source is the last one named. */
    int quoted = p - 1 > sc->s0 && (sc->wc[p - 2] == WC_QCLOSE || sc->wc[p - 2] == WC_QAMB)
                 && before == WC_COMMA;
    if (a == b && !quoted && cd->c1 < sc->send && sc->wc[cd->c1] != WC_END
        && sc->wc[cd->c1] != WC_COMMA)
        return -1;
    c0 = quote_start(sc, c0, c1);
    set_source(sc, cl, a, b, se);
    return set_content_at(sc, cl, c0, c1, 0);
}

/* The token after the quotation opening at q (nested quotations skipped), or limit. */
static uint32_t quote_end(const scan *sc, uint32_t q, uint32_t limit)
{
    uint32_t e = q + 1, depth = 0;
    for (; e < limit; e++) {
        if (sc->wc[e] == WC_QOPEN) depth++;
        else if (sc->wc[e] == WC_QCLOSE || sc->wc[e] == WC_QAMB) {
            if (depth == 0) return e + 1;
            depth--;
        }
    }
    return e;
}

/* "..., advirtió la juez, quien añadió que": the relative (at p - 1, after a comma)
 * repeats the last source when that source ends at the comma -- then cl inherits it and
 * 1 is returned -- else the noun phrase before the comma is the source ([*a, *b)). */
static int relative_source(scan *sc, hx__claim *cl, uint32_t p, uint32_t *a, uint32_t *b)
{
    const hx__vec *dv = &sc->doc->claims;
    const hx__claim *last = dv->n ? HX__VEC_AT(*dv, hx__claim, dv->n - 1) : NULL;
    if (last && last->src1 == p - 2 && !last->inherited) {
        cl->antecedent = (int32_t)(dv->n - 1);
        cl->src0 = last->src0;
        cl->src1 = last->src1;
        cl->mention = last->mention;
        cl->entity = last->entity;
        cl->inherited = 1;
        return 1;
    }
    uint32_t np = p - 2;
    while (np > sc->s0 && sc->wc[np - 1] != WC_COMMA && !is_boundary(sc->wc[np - 1]) && p - np < 14)
        np--;
    if (np < p - 2 && (sc->wc[np] == WC_DET || is_upper(sc, np))) *a = np, *b = p - 2;
    return 0;
}

/* "Rodríguez se mostró satisfecho, y recordó que": after "y", the subject of the
 * sentence, when the sentence starts with one followed by its verb. */
static void coordinated_subject(const scan *sc, uint32_t p, uint32_t *a, uint32_t *b)
{
    uint32_t e = sc->s0;
    while (e < p && (sc->wc[e] == WC_OTHER || sc->wc[e] == WC_DET || sc->wc[e] == WC_PREP)
           && !has_clause(sc, e, e + 1))
        e++;
    if (e > sc->s0 && e < p && (sc->wc[e] == WC_SE || sc->wc[e] == WC_AUX || sc->wc[e] == WC_NO
                                || sc->wc[e] == WC_CLITIC || has_clause(sc, e, e + 1))
        && (sc->wc[sc->s0] == WC_DET || is_upper(sc, sc->s0)))
        *a = sc->s0, *b = e;
}

/* Resolves a verb (or noun) cue; limit: where its clause must end. */
static int resolve_verb(scan *sc, const cand *cd, uint32_t limit, hx__claim *cl)
{
    uint32_t v = cd->c0, q = 0;
    int has_no = 0, se = 0;
    uint32_t j = verb_group(sc, v, cl, &has_no, &se), p = j;
    while (p > sc->s0 && (sc->wc[p - 1] == WC_ADV || sc->wc[p - 1] == WC_HEDGE || hx__cl_in_time(sc, p - 1)))
        p--;
    if (cd->cue->kind == HX__CUE_NOUN) return resolve_noun(sc, cd, limit, cl);

    comp_kind found = find_complement(sc, cd, limit, &q);
    if (!found && so_said(sc, v)) return resolve_so_said(sc, cd, cl, se);
    if (is_gerund(sc, v)) return resolve_gerund(sc, cl, v, found, q, limit, se);
    if (!found) {
        int r = resolve_postposed(sc, cd, cl, p, j, se);
        if (r >= 0) return r;
    }

    /* The source before the verb ("X dijo que C"). */
    if (!found && cd->cue->need_que) return 0;
    if (found == COMP_QUOTE) limit = quote_end(sc, q, limit); /* the quotation ends the content */
    uint32_t a, b, va = 0, vb = 0;
    subject_before(sc, p, &a, &b, &va, &vb);
    if (se && a < b && sc->wc[cd->c0 - 1] == WC_SE) return 0; /* "el fuego se declaró" */
    cl->via0 = va;
    cl->via1 = vb;
    int inherited = a == b && !se && p > sc->s0 + 1 && sc->wc[p - 2] == WC_COMMA
                    && (tok_is(sc, p - 1, "quien") || sc->wc[p - 1] == WC_QUE)
                    && relative_source(sc, cl, p, &a, &b);
    if (!inherited) {
        const hx__vec *done = &sc->doc->claims;
        int same = done->n && sc->t[HX__VEC_AT(*done, hx__claim, done->n - 1)->cue0].sent
                                  == sc->t[v].sent;
        if (a == b && !se && !same && p > sc->s0 && sc->wc[p - 1] == WC_Y) coordinated_subject(sc, p, &a, &b);
        set_source(sc, cl, a, b, se);
    }
    if (has_no && cd->cue->stance != HX__ST_DENIAL && !cd->cue->neg) cl->negated = 1;
    if (!has_no && cd->cue->stance == HX__ST_DENIAL) cl->negated = 1;
    if (has_no && cd->cue->stance == HX__ST_DENIAL) cl->hedged = 1;
    /* "negó ayer cualquier implicación": adverbs and times before a noun phrase */
    uint32_t c0 = found ? q : cd->c1;
    while (!found && c0 + 1 < limit
           && (sc->wc[c0] == WC_ADV || hx__cl_in_time(sc, c0)
               || (sc->wc[c0] == WC_DET && hx__cl_in_time(sc, c0 + 1))))
        c0++;
    return set_content(sc, cl, c0, limit);
}

/* Resolves a prepositional cue ("según X"). */
static int resolve_prep(scan *sc, const cand *cd, hx__claim *cl)
{
    uint32_t a = cd->c1, b = cd->skip1;
    int se = 0;
    cl->cue0 = cd->c0;
    /* "según informó X", "según se supo", "según ha podido saber X" */
    while (a < b) {
        unsigned char w = sc->wc[a];
        char lw[HX__LEMMA_MAX], lem[HX__LEMMA_MAX];
        size_t n, ln;
        size_t cnt = 0;
        if (w == WC_SE) { se = 1; a++; continue; }
        if (w == WC_AUX || w == WC_CLITIC || w == WC_ADV) { a++; continue; }
        if (w != WC_OTHER || is_upper(sc, a) || !(n = tok_lower(sc, a, lw))) break;
        if (!(ln = hx__lemma_verb(lw, n, lem, sizeof lem, NULL))) break;
        hx__cue_find(lem, ln, &cnt);
        if (!cnt && cmp_n(lem, ln, "poder") && cmp_n(lem, ln, "saber") && cmp_n(lem, ln, "conocer")
            && cmp_n(lem, ln, "trascender"))
            break;
        if (cnt && ends_with(lw, n, "s")) break; /* "según informes de ...": a noun */
        a++;
        /* "según precisó a los periodistas el portavoz", "según resaltó en Cáceres
         * el ex secretario": an addressee or a place before the subject */
        if (a + 2 < b && (tok_is(sc, a, "a") || tok_is(sc, a, "en")) && opens_subject(sc, a + 1)) {
            uint32_t k = a + 2;
            while (k < b && k < a + 6 && sc->wc[k] == WC_OTHER && is_word(sc, k)) k++;
            if (k < b && sc->wc[k] == WC_DET) a = k;
        }
    }
    /* "según indicaron algunos testigos al teléfono de emergencias": the source is
     * the noun phrase, up to a preposition other than "de" */
    uint32_t sb = a + 1;
    while (sb < b && !(sc->wc[sb] == WC_PREP && !tok_is(sc, sb, "de") && !tok_is(sc, sb, "del")))
        sb++;
    set_source(sc, cl, a, a < b ? sb : b, se);
    uint32_t s0 = sc->s0;
    /* sentence-initial: "Según X, C." (a leading conjunction does not count) */
    int initial = 1;
    for (uint32_t m = s0; m < cd->c0; m++)
        if (sc->wc[m] != WC_Y && sc->wc[m] != WC_CONJ && sc->wc[m] != WC_COMMA) initial = 0;
    if (initial) {
        if (b >= sc->send || sc->wc[b] != WC_COMMA) return 0;
        /* "Según el balance, publicado ayer, C": the apposition of the source */
        uint32_t m = b + 1;
        while (m < sc->send && sc->wc[m] != WC_COMMA) m++;
        if (m + 1 < sc->send && parenthetical(sc, b + 1, m) && sc->wc[b + 1] != WC_PREP
            && sc->wc[b + 1] != WC_ADV)
            b = m;
        return set_content(sc, cl, b + 1, sc->send);
    }
    if (sc->wc[cd->c0 - 1] == WC_COMMA || sc->wc[cd->c0 - 1] == WC_DASH
        || sc->wc[cd->c0 - 1] == WC_PAREN) {
        /* "C, según X." or the parenthetical "A, según X, B." */
        if (b < sc->send && sc->wc[b] == WC_COMMA && b + 1 < sc->send) {
            /* "A cambio, según X, C": a connector before; "El acuerdo, según X, C":
             * the subject of the content before, which is then the whole sentence. */
            if (parenthetical(sc, s0, cd->c0 - 1)) return set_content(sc, cl, b + 1, sc->send);
            return set_content(sc, cl, s0, sc->send);
        }
        return set_content(sc, cl, quote_start(sc, s0, cd->c0 - 1), cd->c0 - 1);
    }
    return set_content(sc, cl, s0, cd->c0);
}

/* ---------------------------------------------------------------- the stage */

/* Where the source of a prepositional cue ends: the next comma or clause mark. */
static uint32_t prep_source_end(const scan *sc, uint32_t i)
{
    for (; i < sc->send; i++) {
        unsigned char w = sc->wc[i];
        if (w == WC_COMMA || w == WC_END || w == WC_COLON || w == WC_SEMI || w == WC_QOPEN
            || w == WC_QCLOSE || w == WC_PAREN || w == WC_QAMB)
            break;
        if (w == WC_DASH && (sc->t[i].flags & HX__T_SPACE)) break;
    }
    return i;
}

#define MAX_CANDS 32

static hx_status read_sentence(scan *sc)
{
    cand cands[MAX_CANDS];
    int nc = 0;
    int inq = 0; /* inside a quotation: its words are the quoted speaker's, not reports */
    for (uint32_t i = sc->s0; i < sc->send && nc < MAX_CANDS;) {
        cand *cd = &cands[nc];
        unsigned char w = sc->wc[i];
        if (w == WC_QOPEN) inq++;
        else if (w == WC_QCLOSE && inq > 0) inq--;
        else if (w == WC_QAMB) inq = !inq;
        if (inq || !cue_maybe(sc, i) || !hx__cl_find_cue(sc, i, cd)) {
            i++;
            continue;
        }
        cd->skip1 = cd->c1;
        if (cd->cue->kind == HX__CUE_PREP) cd->skip1 = prep_source_end(sc, cd->c1);
        if (cd->cue->kind != HX__CUE_PREP || cd->skip1 > cd->c1) nc++;
        i = cd->skip1 > i ? cd->skip1 : i + 1;
    }
    for (int k = 0; k < nc; k++) {
        hx__claim cl;
        memset(&cl, 0, sizeof cl);
        cl.cue = cands[k].cue;
        cl.cue1 = cands[k].c1;
        /* The clause of a cue ends where a later cue introduced by a comma starts. */
        uint32_t limit = sc->send;
        for (int m = k + 1; m < nc; m++) {
            uint32_t c = cands[m].c0;
            while (c > cands[k].c1 && (sc->wc[c - 1] == WC_AUX || sc->wc[c - 1] == WC_CLITIC
                                       || sc->wc[c - 1] == WC_SE || sc->wc[c - 1] == WC_NO))
                c--;
            char lw[HX__LEMMA_MAX];
            size_t ln = tok_lower(sc, cands[m].c0, lw);
            int gerund = ln && (ends_with(lw, ln, "ando") || ends_with(lw, ln, "iendo"));
            int own = cands[m].cue->kind == HX__CUE_PREP || gerund || sc->wc[c - 1] == WC_Y
                      || cands[m].c1 >= sc->send || opens_subject(sc, cands[m].c1)
                      || sc->wc[cands[m].c1] == WC_QUE;
            if (own && c > cands[k].c1 && (sc->wc[c - 1] == WC_COMMA || sc->wc[c - 1] == WC_DASH
                                           || sc->wc[c - 1] == WC_Y)) {
                limit = c - 1;
                break;
            }
        }
        int ok = cl.cue->kind == HX__CUE_PREP ? resolve_prep(sc, &cands[k], &cl)
                                              : resolve_verb(sc, &cands[k], limit, &cl);
        if (!ok) continue;
        if (cl.cue->stance == HX__ST_HEDGED) cl.hedged = 1;
        hedges(sc, &cl);
        hx__claim *slot = hx__vec_push(&sc->doc->claims, sizeof *slot);
        if (!slot) return HX_NOMEM;
        *slot = cl;
    }
    return HX_OK;
}

hx_status hx__find_claims(hx_doc *doc, hx_error *err)
{
    scan sc;
    hx_status st = HX_OK;
    size_t n = doc->toks.n;

    doc->claims.n = 0;
    if (!n || !doc->sents.n) return HX_OK;
    lmemo memo;
    hx__cl_memo_init(&memo);
    memset(&sc, 0, sizeof sc);
    sc.memo = &memo;
    sc.doc = doc;
    sc.t = doc->toks.p;
    if (!(sc.wc = malloc(n)) || !(sc.fin = calloc(n, 1))
        || !(sc.went = calloc(n, sizeof *sc.went))) {
        free(sc.wc);
        free(sc.fin);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    /* the prepositional cues, whose head is the word itself */
    for (size_t k = 0; k < hx__ncues && sc.nprep != SIZE_MAX; k++) {
        if (hx__cues[k].kind != HX__CUE_PREP) continue;
        if (sc.nprep == NELEM(sc.prep) || k > UINT16_MAX) sc.nprep = SIZE_MAX;
        else sc.prep[sc.nprep++] = (uint16_t)k;
        sc.prep_bits |= (uint64_t)1 << prep_bit(hx__cues[k].head, strlen(hx__cues[k].head));
    }
    for (size_t i = 0; i < n; i++) {
        const hx__tok *t = &sc.t[i];
        const char *s = doc->text + t->b0;
        size_t len = t->b1 - t->b0;
        if (t->flags & HX__T_WORD) {
            /* every word gets its table entry now (the class is only looked up for words
             * of fewer than 16 bytes); a word too long to lower-case has none */
            char b[HX__LEMMA_MAX];
            uint32_t h;
            size_t ln = hx__lower_fnv(s, len, b, sizeof b, &h);
            uint32_t x = ln ? hx__cl_word_index_h(&sc, b, ln, h) : 0;
            sc.went[i] = x;
            sc.wc[i] = x ? memo.e[x - 1].wc : ln ? hx__cl_word_entry(&sc, b, ln)->wc : WC_OTHER;
        } else if (t->flags & HX__T_NUM) {
            sc.wc[i] = WC_OTHER;
        } else {
            sc.wc[i] = hx__cl_punct_class(s, len);
        }
    }
    /* token -> entity, from the entity layer when it ran */
    const hx__entlayer *el = doc->layer_data[0];
    if (el && doc->entities.n) {
        if (!(sc.ent = malloc(n * sizeof *sc.ent))) {
            free(sc.wc);
            free(sc.fin);
            free(sc.went);
            free(memo.e);
            free(memo.slot);
            hx__buf_free(&memo.keys);
            return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
        }
        for (size_t i = 0; i < n; i++) sc.ent[i] = -1;
        for (size_t i = 0; i < el->n; i++) {
            const hx__emention *m = &el->m[i];
            for (uint32_t k = m->first; k < m->last && k < n; k++)
                if (sc.ent[k] < 0) sc.ent[k] = (int32_t)m->entity;
        }
    }
    for (size_t si = 0; si < doc->sents.n; si++) {
        const hx__sent *s = HX__VEC_AT(doc->sents, hx__sent, si);
        if (s->first >= s->last) continue;
        sc.s0 = s->first;
        sc.s1 = s->last;
        sc.send = s->last;
        while (sc.send > sc.s0 && (sc.wc[sc.send - 1] == WC_END)) sc.send--;
        if ((st = read_sentence(&sc)) != HX_OK) {
            st = hx__err(err, st, SIZE_MAX, "claims: %s", hx_strerror(st));
            break;
        }
    }
    free(sc.wc);
    free(sc.fin);
    free(sc.ent);
    free(sc.went);
    free(memo.e);
    free(memo.slot);
    hx__buf_free(&memo.keys);
    return st;
}
