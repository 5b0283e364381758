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
#include "claims/claims.h"
#include "parse/parse.h"
#include "entities/entities.h"

#include <string.h>

/* ---------------------------------------------------------------- token tests */

static inline int is_word(const hx__claims_scan *s, uint32_t i)
{
    return (s->t[i].flags & (HX__T_WORD | HX__T_NUM)) != 0;
}

/* Can token i start a cue at all?  A word whose first two bytes, lower-cased the way
 * hx__lower does, no cue form starts with (hx__cue_prefix) cannot. */
static inline int cue_maybe(const hx__claims_scan *s, uint32_t i)
{
    if (!(s->t[i].flags & HX__T_WORD)) return 0;
    const unsigned char *r = (const unsigned char *)s->doc->text + s->t[i].b0;
    size_t rn = s->t[i].b1 - s->t[i].b0;
    unsigned b0 = r[0], b1 = rn > 1 ? r[1] : 0;
    if (b0 >= 'A' && b0 <= 'Z') b0 += 32;
    else if (b0 == 0xC3 && b1 >= 0x80 && b1 <= 0x9E && b1 != 0x97) b1 += 0x20;
    if (b1 >= 'A' && b1 <= 'Z') b1 += 32;
    unsigned key = b0 * 256u + b1;
    return (hx__cue_prefix[key >> 3] & (1u << (key & 7))) != 0;
}

/* ---------------------------------------------------------------- noun phrases */

static int is_boundary(unsigned char wc)
{
    return wc == HX__WC_SEMI || wc == HX__WC_COLON || wc == HX__WC_END || wc == HX__WC_CONJ || wc == HX__WC_QUE
           || wc == HX__WC_PAREN || wc == HX__WC_DASH || wc == HX__WC_QOPEN || wc == HX__WC_QCLOSE
           || wc == HX__WC_QAMB;
}

/* A comma-separated segment that cannot be a subject: "por su parte", "ayer", "en
 * un comunicado", a time expression, a relative clause. */
static int parenthetical(const hx__claims_scan *s, uint32_t a, uint32_t b)
{
    if (a >= b) return 1;
    unsigned char w = s->wc[a];
    if (w == HX__WC_PREP || w == HX__WC_ADV || w == HX__WC_QUE || w == HX__WC_CITED || w == HX__WC_HEDGE
        || w == HX__WC_CONJ || w == HX__WC_ASI || w == HX__WC_NO)
        return 1;
    if (hx__cl_in_time(s, a) && hx__cl_in_time(s, b - 1)) return 1;
    if (hx__cl_tok_is(s, a, "sin") || hx__cl_tok_is(s, a, "según") || hx__cl_tok_is(s, a, "quien")
        || hx__cl_tok_is(s, a, "quienes"))
        return 1;
    /* "elaborado por la Universidad": a participle opens an apposition of the subject */
    char w0[HX__LEMMA_MAX];
    size_t n = (s->t[a].flags & HX__T_WORD) && !hx__cl_is_upper(s, a) ? hx__cl_tok_lower(s, a, w0) : 0;
    static const hx__cl_sfx part[] = {HX__SFX("ado"), HX__SFX("ada"), HX__SFX("ados"), HX__SFX("adas"),
                               HX__SFX("ido"), HX__SFX("ida"), HX__SFX("idos"), HX__SFX("idas")};
    for (size_t i = 0; n > 4 && i < HX__NELEM(part); i++)
        if (hx__cl_ends_sfx(w0, n, part[i])) return 1;
    return 0;
}

/* 1 when the form w[0..n) is an infinitive, gerund or participle. */
static int nonfinite(const char *w, size_t n)
{
    static const hx__cl_sfx ends[] = {HX__SFX("ar"), HX__SFX("er"), HX__SFX("ir"), HX__SFX("ando"), HX__SFX("iendo"),
                               HX__SFX("yendo"), HX__SFX("ado"), HX__SFX("ido"), HX__SFX("ada"), HX__SFX("ida"),
                               HX__SFX("ados"), HX__SFX("idos"), HX__SFX("adas"), HX__SFX("idas")};
    for (size_t i = 0; i < HX__NELEM(ends); i++)
        if (hx__cl_ends_sfx(w, n, ends[i])) return 1;
    return 0;
}

/* 1 when tokens [a, b) hold a finite form of a known verb, i.e. a clause that can be
 * the content of "C, dijo X." rather than the subject of "X, líder de Y, dijo". */
static int has_clause(const hx__claims_scan *s, uint32_t a, uint32_t b)
{
    char w[HX__LEMMA_MAX];
    for (uint32_t k = a; k < b; k++) {
        int upper = hx__cl_is_upper(s, k);
        size_t n;
        if (s->wc[k] == HX__WC_AUX) return 1;
        if (s->wc[k] != HX__WC_OTHER || !(s->t[k].flags & HX__T_WORD)) continue;
        /* A capital is a name, except first in the range or after an opening quote. */
        if (upper && !(k == a || s->wc[k - 1] == HX__WC_QOPEN || s->wc[k - 1] == HX__WC_QAMB)) continue;
        if (k > s->s0 && s->wc[k - 1] == HX__WC_DET) continue;
        /* The answer for a lower-case word does not depend on the range: cache it. */
        if (!upper && s->fin[k]) {
            if (s->fin[k] == 1) return 1;
            continue;
        }
        /* (n = hx__cl_tok_lower(s, k, w)) && !nonfinite(w, n) && known lemma, through the
         * token's table entry */
        const hx__cl_memo_ent *e = hx__cl_tok_ent(s, k);
        int fin;
        if (e) fin = !nonfinite(hx__cl_ent_key(s, e), e->len)
                     && (hx__cl_tok_lemma(s, k)->state & HX__M_KNOWN);
        else fin = (n = hx__cl_tok_lower(s, k, w)) && !nonfinite(w, n)
                   && (hx__cl_lemma_lookup(s, w, n)->state & HX__M_KNOWN);
        if (!upper) s->fin[k] = fin ? 1 : 2;
        if (fin) return 1;
    }
    return 0;
}

/* has_clause over the comma-separated segments of [a, b) that are not relative
 * clauses or participial appositions ("González, que se reunió hoy con X, expresó"). */
static int main_clause(const hx__claims_scan *s, uint32_t a, uint32_t b)
{
    uint32_t k = a;
    while (k < b) {
        uint32_t e = k;
        while (e < b && s->wc[e] != HX__WC_COMMA) e++;
        int rel = k < e && (s->wc[k] == HX__WC_QUE || hx__cl_tok_is(s, k, "quien")
                            || hx__cl_tok_is(s, k, "quienes") || hx__cl_tok_is(s, k, "cuyo")
                            || hx__cl_tok_is(s, k, "cuya"));
        if (!rel && k < e && has_clause(s, k, e)) return 1;
        k = e + 1;
    }
    return 0;
}

/* Does token y join two names ("Europa y Asia") rather than two clauses? */
static int joins_names(const hx__claims_scan *s, uint32_t y)
{
    return y > s->s0 && y + 1 < s->s1 && hx__cl_is_upper(s, y - 1) && hx__cl_is_upper(s, y + 1);
}

/* The subject before token e (exclusive): a chain of at most three comma-separated
 * noun phrases ending at e ("Kim Jong-un, líder de Corea del Norte"), skipping
 * parentheticals ("X, por su parte, dijo").  Sets [*a, *b) (empty when none) and the
 * via range of "X, citado por Y". */
static void subject_before(const hx__claims_scan *s, uint32_t e, uint32_t *a, uint32_t *b,
                           uint32_t *via0, uint32_t *via1)
{
    uint32_t segs[8][2];
    int nseg = 0;
    uint32_t j = e, end = e;
    *a = *b = e;
    while (j > s->s0 && e - j < 40) {
        unsigned char w = s->wc[j - 1];
        if (w == HX__WC_COMMA) {
            if (nseg == 8) break;
            segs[nseg][0] = j;
            segs[nseg][1] = end;
            nseg++;
            end = j - 1;
            j--;
            continue;
        }
        /* ", que compareció ayer," / ", quien ...": a relative clause inside the subject */
        if ((w == HX__WC_QUE || hx__cl_tok_is(s, j - 1, "quien") || hx__cl_tok_is(s, j - 1, "quienes"))
            && j - 1 > s->s0 && s->wc[j - 2] == HX__WC_COMMA && end != e) {
            j--;
            continue;
        }
        /* "El Consejo Nacional Electoral ( CNE ) denunció": an acronym in brackets */
        if (w == HX__WC_PAREN && j - 1 > s->s0 && hx__cl_tok_is(s, j - 1, ")")) {
            uint32_t k = j - 1;
            while (k > s->s0 && j - k < 8 && !hx__cl_tok_is(s, k - 1, "(")) k--;
            if (k > s->s0 && hx__cl_tok_is(s, k - 1, "(") && k - 1 > s->s0) {
                j = k - 1;
                continue;
            }
        }
        if (is_boundary(w)) break;
        /* "El Gobierno y la guerrilla confirmaron": a "y" with no verb before it joins
         * two noun phrases; after a verb it starts a new clause. */
        if (w == HX__WC_Y && !joins_names(s, j - 1) && has_clause(s, s->s0, j - 1)) break;
        if (w == HX__WC_SE && j == e) break;
        j--;
    }
    if (nseg < 8) {
        segs[nseg][0] = j;
        segs[nseg][1] = end;
        nseg++;
    }
    /* segs[0] is the segment next to the verb; walk leftwards. */
    int k = 0, taken = 0;
    while (k < nseg && parenthetical(s, segs[k][0], segs[k][1])) {
        uint32_t a0 = segs[k][0];
        if (s->wc[a0] == HX__WC_CITED && a0 + 2 <= segs[k][1] && hx__cl_tok_is(s, a0 + 1, "por")) {
            *via0 = a0 + 2;
            *via1 = segs[k][1];
        }
        k++;
    }
    for (; k < nseg && taken < 3; k++) {
        if (parenthetical(s, segs[k][0], segs[k][1])) {
            /* "X, citado por Y, dijo": the citation sits inside the chain */
            uint32_t a0 = segs[k][0];
            if (s->wc[a0] == HX__WC_CITED && a0 + 2 <= segs[k][1] && hx__cl_tok_is(s, a0 + 1, "por")) {
                *via0 = a0 + 2;
                *via1 = segs[k][1];
                continue;
            }
            break;
        }
        if (!taken) *b = segs[k][1];
        *a = segs[k][0];
        taken++;
        /* A chain goes on only through appositions that start after a name. */
        if (k + 1 < nseg && !hx__cl_is_upper(s, segs[k + 1][0]) && s->wc[segs[k + 1][0]] != HX__WC_DET) break;
    }
    if (!taken) *a = *b = e;
    /* A subject starting the sentence with a capitalised function word keeps it
     * ("El Kremlin"); a leading conjunction never belongs ("Y el ministro"). */
    while (*a < *b && s->wc[*a] == HX__WC_Y) (*a)++;
}

/* Can token i open a subject placed after its verb ("dijo el portavoz", "dijo Ana",
 * "aseguran fuentes del ministerio")? */
static int opens_subject(const hx__claims_scan *s, uint32_t i)
{
    /* bare plurals that name people: "informaron fuentes policiales" */
    static const char *const bare[] = {"fuentes", "portavoces", "testigos", "expertos",
                                       "analistas", "responsables", "representantes",
                                       "voceros", "medios", "quien"};
    if (i >= s->send) return 0;
    if (s->wc[i] == HX__WC_DET || hx__cl_is_upper(s, i) || (s->t[i].flags & HX__T_NUM)) return 1;
    static const char *const nums[] = {"dos", "tres", "cuatro", "cinco", "seis", "varios",
                                       "varias", "algunos", "algunas", "muchos", "otros"};
    for (size_t k = 0; k < HX__NELEM(nums); k++)
        if (hx__cl_tok_is(s, i, nums[k])) return 1;
    for (size_t k = 0; k < HX__NELEM(bare); k++)
        if (hx__cl_tok_is(s, i, bare[k])) return 1;
    return 0;
}

/* The subject after a verb ending at token i: "..., dijo el portavoz del ministerio
 * a la prensa" -> "el portavoz del ministerio". */
static void subject_after(const hx__claims_scan *s, uint32_t i, uint32_t *a, uint32_t *b)
{
    while (i < s->send && (s->wc[i] == HX__WC_ADV || hx__cl_in_time(s, i)
                            || (s->wc[i] == HX__WC_DET && i + 1 < s->send && hx__cl_in_time(s, i + 1))))
        i += s->wc[i] == HX__WC_DET ? 2 : 1;
    /* "dijo a este diario la portavoz", "dijo a Efe el ministro": the addressee */
    if (i + 2 < s->send && hx__cl_tok_is(s, i, "a") && opens_subject(s, i + 1)) {
        uint32_t k = i + 2;
        while (k < s->send && k < i + 6 && s->wc[k] == HX__WC_OTHER && is_word(s, k)) k++;
        if (k < s->send && s->wc[k] == HX__WC_DET) i = k;
    }
    *a = *b = i;
    if (!opens_subject(s, i)) return;
    uint32_t j = i;
    while (j < s->send && j - i < 20) {
        unsigned char w = s->wc[j];
        if (w >= HX__WC_COMMA && w != HX__WC_DASH) break;
        if (w == HX__WC_DASH && !(s->t[j].flags & HX__T_SPACE)) { j++; continue; } /* Jong-un */
        if (w == HX__WC_QUE || w == HX__WC_CONJ || w == HX__WC_SE || w == HX__WC_NO || w == HX__WC_HEDGE) break;
        if (w == HX__WC_Y && !joins_names(s, j)) break;
        if (w == HX__WC_PREP && !hx__cl_tok_is(s, j, "de") && !hx__cl_tok_is(s, j, "del")) break;
        if (w == HX__WC_ADV && j > i) break;
        if (hx__cl_in_time(s, j) && j > i) break;
        j++;
    }
    /* an apposition closing the sentence: ", dijo el canciller, Serguéi Lavrov." */
    if (j + 1 < s->send && s->wc[j] == HX__WC_COMMA && hx__cl_is_upper(s, j + 1)) {
        uint32_t k = j + 1;
        while (k < s->send && (is_word(s, k) || s->wc[k] == HX__WC_DASH)) k++;
        if (k == s->send) j = k;
    }
    *b = j;
}

/* ---------------------------------------------------------------- resolution */

/* Sets the content of cl to tokens [a, b), trimming commas and dashes at the ends;
 * a content that is one quotation keeps only what is inside the marks. */
static int set_content_at(const hx__claims_scan *s, hx__claim *cl, uint32_t a, uint32_t b, int after);

static int set_content(const hx__claims_scan *s, hx__claim *cl, uint32_t a, uint32_t b)
{
    return set_content_at(s, cl, a, b, 1);
}

/* after: the content follows the cue; then a new clause joined by ", mientras",
 * ", aunque", ", pero" is not part of what was reported. */
static int set_content_at(const hx__claims_scan *s, hx__claim *cl, uint32_t a, uint32_t b, int after)
{
    for (uint32_t k = a + 1; after && k + 1 < b; k++) {
        if (s->wc[k] == HX__WC_COMMA && s->wc[k + 1] == HX__WC_CONJ && !hx__cl_tok_is(s, k + 1, "donde")
            && !hx__cl_tok_is(s, k + 1, "cuando") && !hx__cl_tok_is(s, k + 1, "si")) {
            b = k;
            break;
        }
    }
    while (a < b && (s->wc[a] == HX__WC_COMMA || s->wc[a] == HX__WC_DASH || s->wc[a] == HX__WC_COLON)) a++;
    while (b > a && (s->wc[b - 1] == HX__WC_COMMA || s->wc[b - 1] == HX__WC_DASH
                     || s->wc[b - 1] == HX__WC_SEMI || s->wc[b - 1] == HX__WC_COLON))
        b--;
    if (a >= b) return 0;
    cl->con0 = a;
    cl->con1 = b;
    cl->cb0 = s->t[a].b0;
    cl->cb1 = s->t[b - 1].b1;
    /* "... por mar." read as an abbreviation at the end of a sentence: its period
     * ends the sentence, not the content */
    if ((s->t[b - 1].flags & HX__T_ABBR) && b == s->s1 && cl->cb1 > cl->cb0 + 1
        && s->doc->text[cl->cb1 - 1] == '.')
        cl->cb1--;
    uint32_t last = b;
    while (last > a + 1 && (s->wc[last - 1] == HX__WC_END)) last--;
    unsigned char o = s->wc[a], c = s->wc[last - 1];
    if ((o == HX__WC_QOPEN || o == HX__WC_QAMB) && (c == HX__WC_QCLOSE || c == HX__WC_QAMB) && last - a > 2) {
        /* one quotation only: no closing mark before its end */
        int depth = 0, one = 1;
        for (uint32_t k = a + 1; k + 1 < last; k++) {
            if (s->wc[k] == HX__WC_QOPEN) depth++;
            else if (s->wc[k] == HX__WC_QCLOSE && depth-- == 0) one = 0;
            else if (s->wc[k] == HX__WC_QAMB && o == HX__WC_QAMB) one = 0;
        }
        if (one) {
            cl->quote = 1;
            cl->cb0 = s->t[a + 1].b0;
            cl->cb1 = s->t[last - 2].b1;
        }
    }
    return 1;
}

/* 1 when token i is a verb in the conditional ("habría", "podrían"). */
static int conditional(const hx__claims_scan *s, uint32_t i)
{
    char w[HX__LEMMA_MAX];
    size_t n = hx__cl_tok_lower(s, i, w);
    if (!n || !(hx__cl_ends_with(w, n, "ría") || hx__cl_ends_with(w, n, "rían"))) return 0;
    return (hx__cl_tok_lemma(s, i)->state & HX__M_KNOWN) != 0;
}

static void hedges(const hx__claims_scan *s, hx__claim *cl)
{
    for (uint32_t k = s->s0; k < s->send; k++) {
        unsigned char w = s->wc[k];
        if (w == HX__WC_HEDGE) goto hedged;
        if (w == HX__WC_PREP && k + 1 < s->send && hx__cl_tok_is(s, k, "al") && hx__cl_tok_is(s, k + 1, "parecer"))
            goto hedged;
        if (k + 1 < s->send && hx__cl_tok_is(s, k, "tal") && hx__cl_tok_is(s, k + 1, "vez")) goto hedged;
    }
    for (uint32_t k = cl->cue0; k < cl->cue1; k++)
        if (conditional(s, k)) goto hedged;
    for (uint32_t k = cl->con0; k < cl->con1; k++)
        if ((s->t[k].flags & HX__T_WORD) && conditional(s, k)) goto hedged;
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
static int same_source(const hx__claims_scan *s, uint32_t a, uint32_t b)
{
    int fuente = 0, ref = 0;
    for (uint32_t k = a; k < b; k++) {
        if (hx__cl_tok_is(s, k, "fuente") || hx__cl_tok_is(s, k, "fuentes")) fuente = 1;
        else if (hx__cl_tok_is(s, k, "misma") || hx__cl_tok_is(s, k, "mismas") || hx__cl_tok_is(s, k, "mismo")
                 || hx__cl_tok_is(s, k, "dicha") || hx__cl_tok_is(s, k, "dichas") || hx__cl_tok_is(s, k, "esta")
                 || hx__cl_tok_is(s, k, "estas") || hx__cl_tok_is(s, k, "citada") || hx__cl_tok_is(s, k, "citadas"))
            ref = 1;
    }
    return fuente && ref;
}

/* The last earlier claim with a source, not more than three sentences back. */
static int32_t antecedent_of(const hx__claims_scan *s)
{
    const hx__vec *v = &s->doc->claims;
    /* A headline (no closing punctuation) announces what follows: an earlier
     * claimant is no better a guess than none. */
    if (s->send == s->s1 && s->s1 - s->s0 <= 15 && s->wc[s->s1 - 1] != HX__WC_QCLOSE
        && s->wc[s->s1 - 1] != HX__WC_QAMB)
        return -1;
    for (size_t k = v->n; k-- > 0;) {
        const hx__claim *c = HX__VEC_AT(*v, hx__claim, k);
        if (s->t[c->cue0].sent + 3 < s->t[s->s0].sent) break;
        if (c->src1 > c->src0) return (int32_t)k;
    }
    return -1;
}

/* Fills the source fields of cl from tokens [a, b), or from an antecedent. */
static int32_t entity_in(const hx__claims_scan *s, uint32_t a, uint32_t b)
{
    if (!s->ent) return -1;
    for (uint32_t k = a; k < b; k++)
        if (s->ent[k] >= 0) return s->ent[k];
    return -1;
}

static void set_source(const hx__claims_scan *s, hx__claim *cl, uint32_t a, uint32_t b, int se)
{
    cl->antecedent = -1;
    cl->mention = -1;
    cl->entity = -1;
    if (a < b) {
        cl->src0 = a;
        cl->src1 = b;
        cl->mention = mention_in(s->doc, a, b);
        cl->entity = entity_in(s, a, b);
        if (same_source(s, a, b) && (cl->antecedent = antecedent_of(s)) >= 0) {
            const hx__claim *p = HX__VEC_AT(s->doc->claims, hx__claim, cl->antecedent);
            if (cl->mention < 0) cl->mention = p->mention;
            if (cl->entity < 0) cl->entity = p->entity;
        }
        return;
    }
    if (se) {
        cl->impersonal = 1;
        return;
    }
    if ((cl->antecedent = antecedent_of(s)) >= 0) {
        const hx__claim *p = HX__VEC_AT(s->doc->claims, hx__claim, cl->antecedent);
        cl->src0 = p->src0;
        cl->src1 = p->src1;
        cl->mention = p->mention;
        cl->entity = p->entity;
        cl->inherited = 1;
    }
}

/* An opening quotation mark before token a, in this sentence or up to six before,
 * when [a, b) holds a closing mark without its opening one; returns a otherwise. */
static uint32_t quote_start(const hx__claims_scan *s, uint32_t a, uint32_t b)
{
    int depth = 0;
    for (uint32_t k = a; k < b; k++) {
        if (s->wc[k] == HX__WC_QOPEN) depth++;
        else if (s->wc[k] == HX__WC_QCLOSE && --depth < 0) break;
    }
    if (depth >= 0) return a;
    uint32_t lim = s->t[a].sent >= 6 ? s->t[a].sent - 6 : 0;
    for (uint32_t k = a; k-- > 0 && s->t[k].sent >= lim;) {
        if (s->wc[k] == HX__WC_QOPEN) return k;
        if (s->wc[k] == HX__WC_QCLOSE) break;
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
static uint32_t verb_group(const hx__claims_scan *s, uint32_t v, hx__claim *cl, int *has_no, int *se)
{
    uint32_t j = v;
    cl->cue0 = v;
    while (j > s->s0) {
        unsigned char w = s->wc[j - 1];
        if (w == HX__WC_AUX) cl->cue0 = j - 1;
        else if (w == HX__WC_SE) *se = 1;
        else if (w == HX__WC_NO) *has_no = 1;
        else if (w != HX__WC_CLITIC && !(w == HX__WC_DET && j == v)) break;
        j--;
    }
    return j;
}

/* A noun cue ("la advertencia de X de que C"): the source is the "de" phrase between
 * the noun and "de que". */
static int resolve_noun(hx__claims_scan *s, const hx__cl_cand *cd, uint32_t limit, hx__claim *cl)
{
    uint32_t k = cd->c1;
    while (k + 1 < limit && !(hx__cl_tok_is(s, k, "de") && s->wc[k + 1] == HX__WC_QUE)) k++;
    if (k + 1 >= limit) return 0;
    uint32_t a = cd->c1, b = k;
    if (a < b && (hx__cl_tok_is(s, a, "de") || hx__cl_tok_is(s, a, "del"))) a++;
    else a = b;
    set_source(s, cl, a, b, 0);
    if (a == b) {
        cl->antecedent = cl->mention = cl->entity = -1;
        cl->src0 = cl->src1 = 0;
        cl->inherited = 0;
    }
    return set_content(s, cl, k + 2, limit);
}

/* Is token k an infinitive of a known verb ("haber", "destruir", "retirarse")? */
static int known_infinitive(const hx__claims_scan *s, uint32_t k)
{
    char iw[HX__LEMMA_MAX], inf[HX__LEMMA_MAX];
    int known = 0;
    size_t in = hx__cl_tok_lower(s, k, iw);
    return in > 3
           && (hx__cl_ends_with(iw, in, "ar") || hx__cl_ends_with(iw, in, "er") || hx__cl_ends_with(iw, in, "ir")
               || hx__cl_ends_with(iw, in, "arse") || hx__cl_ends_with(iw, in, "erse") || hx__cl_ends_with(iw, in, "irse"))
           && hx__lemma_verb(iw, in, inf, sizeof inf, &known) && known;
}

/* The complement clause within ten tokens after the cue: its kind, and in *q the first
 * token of its content. */
static comp_kind find_complement(const hx__claims_scan *s, const hx__cl_cand *cd, uint32_t limit, uint32_t *q)
{
    uint32_t k = cd->c1;
    for (int steps = 0; k < limit && steps < 10; k++, steps++) {
        unsigned char w = s->wc[k];
        if (w == HX__WC_QUE) return *q = k + 1, COMP_QUE;
        if (steps == 0 && k + 1 < limit && s->wc[k + 1] == HX__WC_QUE && hx__cl_tok_is(s, k, "de"))
            return *q = k + 2, COMP_QUE; /* "alertó de que" */
        if (w == HX__WC_COLON) return *q = k + 1, COMP_COLON;
        if (w == HX__WC_QOPEN || (w == HX__WC_QAMB && steps == 0)) return *q = k, COMP_QUOTE;
        if (w == HX__WC_END || w == HX__WC_SEMI || w == HX__WC_PAREN || w == HX__WC_QCLOSE || w == HX__WC_QAMB) break;
        if (steps == 0 && (w == HX__WC_DET || hx__cl_tok_is(s, k, "de") || hx__cl_tok_is(s, k, "del"))
            && !hx__cl_in_time(s, k) && !(k + 1 < limit && hx__cl_in_time(s, k + 1)))
            break;
        if (w == HX__WC_Y) break;
        if (steps == 0 && w == HX__WC_OTHER && (s->t[k].flags & HX__T_WORD) && !hx__cl_is_upper(s, k)
            && known_infinitive(s, k))
            return *q = k, COMP_INFINITIVE;
        /* ", sin embargo, que": a parenthetical may sit between the verb and "que";
         * any other comma ends the search ("acusó a X de Y, algo que ..."). */
        if (w == HX__WC_COMMA) {
            uint32_t m = k + 1;
            while (m < limit && m < k + 6 && s->wc[m] != HX__WC_COMMA) m++;
            if (m + 1 < limit && s->wc[m] == HX__WC_COMMA && s->wc[m + 1] == HX__WC_QUE
                && parenthetical(s, k + 1, m))
                return *q = m + 2, COMP_QUE;
            break;
        }
    }
    return COMP_NONE;
}

/* "Así lo informó X": only "así", adverbs, auxiliaries, "no" and the clitic "lo" before
 * the verb at v; the content is then the sentence before. */
static int so_said(const hx__claims_scan *s, uint32_t v)
{
    int lo = 0, only = 1;
    for (uint32_t m = s->s0; m < v; m++) {
        unsigned char w = s->wc[m];
        if (w == HX__WC_CLITIC && hx__cl_tok_is(s, m, "lo")) lo = 1;
        else if (w != HX__WC_ASI && w != HX__WC_ADV && w != HX__WC_AUX && w != HX__WC_NO) only = 0;
    }
    return lo && only;
}

static int resolve_so_said(hx__claims_scan *s, const hx__cl_cand *cd, hx__claim *cl, int se)
{
    uint32_t ps = s->t[s->s0].sent;
    if (!ps) return 0;
    const hx__sent *sen = HX__VEC_AT(s->doc->sents, hx__sent, ps - 1);
    uint32_t e = sen->last;
    while (e > sen->first && s->wc[e - 1] == HX__WC_END) e--;
    uint32_t a, b;
    subject_after(s, cd->c1, &a, &b);
    set_source(s, cl, a, b, se);
    return set_content(s, cl, sen->first, e);
}

/* A gerund ("..., señalando que C") reports for the subject of the claim before in its
 * sentence ("X negó ..., señalando que"); without a complement clause, or without such a
 * claim ("Baggio se ha tomado su revancha, demostrando que"), it is no report. */
static int resolve_gerund(hx__claims_scan *s, hx__claim *cl, uint32_t v, comp_kind found, uint32_t q,
                          uint32_t limit, int se)
{
    if (!found) return 0;
    set_source(s, cl, 0, 0, se);
    if (cl->antecedent < 0) return 0;
    const hx__claim *prev = HX__VEC_AT(s->doc->claims, hx__claim, cl->antecedent);
    if (s->t[prev->cue0].sent != s->t[v].sent) return 0;
    return set_content(s, cl, q, limit);
}

static int is_gerund(const hx__claims_scan *s, uint32_t v)
{
    char vw[HX__LEMMA_MAX];
    size_t vn = hx__cl_tok_lower(s, v, vw);
    return vn && (hx__cl_ends_with(vw, vn, "ando") || hx__cl_ends_with(vw, vn, "iendo") || hx__cl_ends_with(vw, vn, "yendo"));
}

/* "C, dijo X." / "«C», afirmó X.": the content before the verb group (which starts at
 * p == j), the source after it.  Returns -1 when the sentence is not of that shape and
 * the source is to be found before the verb. */
static int resolve_postposed(hx__claims_scan *s, const hx__cl_cand *cd, hx__claim *cl, uint32_t p, uint32_t j, int se)
{
    unsigned char before = p > s->s0 ? s->wc[p - 1] : HX__WC_OTHER;
    if (!(p > s->s0 && p == j
          && (before == HX__WC_QCLOSE || before == HX__WC_QAMB
              || ((before == HX__WC_COMMA || before == HX__WC_DASH)
                  && ((p - 1 > s->s0 && (s->wc[p - 2] == HX__WC_QCLOSE || s->wc[p - 2] == HX__WC_QAMB))
                      || main_clause(s, s->s0, p - 1))))))
        return -1;
    uint32_t a, b, c0 = s->s0, c1 = s->wc[p - 1] == HX__WC_COMMA ? p - 1 : p;
    /* a cue earlier in the sentence already owns its part */
    subject_after(s, cd->c1, &a, &b);
    /* "X, que ..., no descarta nada": the subject is before; but after a quotation
     * ("«C», afirmó durante ...") the source is the last one named. */
    int quoted = p - 1 > s->s0 && (s->wc[p - 2] == HX__WC_QCLOSE || s->wc[p - 2] == HX__WC_QAMB)
                 && before == HX__WC_COMMA;
    if (a == b && !quoted && cd->c1 < s->send && s->wc[cd->c1] != HX__WC_END
        && s->wc[cd->c1] != HX__WC_COMMA)
        return -1;
    c0 = quote_start(s, c0, c1);
    set_source(s, cl, a, b, se);
    return set_content_at(s, cl, c0, c1, 0);
}

/* The token after the quotation opening at q (nested quotations skipped), or limit. */
static uint32_t quote_end(const hx__claims_scan *s, uint32_t q, uint32_t limit)
{
    uint32_t e = q + 1, depth = 0;
    for (; e < limit; e++) {
        if (s->wc[e] == HX__WC_QOPEN) depth++;
        else if (s->wc[e] == HX__WC_QCLOSE || s->wc[e] == HX__WC_QAMB) {
            if (depth == 0) return e + 1;
            depth--;
        }
    }
    return e;
}

/* "..., advirtió la juez, quien añadió que": the relative (at p - 1, after a comma)
 * repeats the last source when that source ends at the comma -- then cl inherits it and
 * 1 is returned -- else the noun phrase before the comma is the source ([*a, *b)). */
static int relative_source(hx__claims_scan *s, hx__claim *cl, uint32_t p, uint32_t *a, uint32_t *b)
{
    const hx__vec *dv = &s->doc->claims;
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
    while (np > s->s0 && s->wc[np - 1] != HX__WC_COMMA && !is_boundary(s->wc[np - 1]) && p - np < 14)
        np--;
    if (np < p - 2 && (s->wc[np] == HX__WC_DET || hx__cl_is_upper(s, np))) *a = np, *b = p - 2;
    return 0;
}

/* "Rodríguez se mostró satisfecho, y recordó que": after "y", the subject of the
 * sentence, when the sentence starts with one followed by its verb. */
static void coordinated_subject(const hx__claims_scan *s, uint32_t p, uint32_t *a, uint32_t *b)
{
    uint32_t e = s->s0;
    while (e < p && (s->wc[e] == HX__WC_OTHER || s->wc[e] == HX__WC_DET || s->wc[e] == HX__WC_PREP)
           && !has_clause(s, e, e + 1))
        e++;
    if (e > s->s0 && e < p && (s->wc[e] == HX__WC_SE || s->wc[e] == HX__WC_AUX || s->wc[e] == HX__WC_NO
                                || s->wc[e] == HX__WC_CLITIC || has_clause(s, e, e + 1))
        && (s->wc[s->s0] == HX__WC_DET || hx__cl_is_upper(s, s->s0)))
        *a = s->s0, *b = e;
}

/* Resolves a verb (or noun) cue; limit: where its clause must end. */
static int resolve_verb(hx__claims_scan *s, const hx__cl_cand *cd, uint32_t limit, hx__claim *cl)
{
    uint32_t v = cd->c0, q = 0;
    int has_no = 0, se = 0;
    uint32_t j = verb_group(s, v, cl, &has_no, &se), p = j;
    while (p > s->s0 && (s->wc[p - 1] == HX__WC_ADV || s->wc[p - 1] == HX__WC_HEDGE || hx__cl_in_time(s, p - 1)))
        p--;
    if (cd->cue->kind == HX__CUE_NOUN) return resolve_noun(s, cd, limit, cl);

    comp_kind found = find_complement(s, cd, limit, &q);
    if (!found && so_said(s, v)) return resolve_so_said(s, cd, cl, se);
    if (is_gerund(s, v)) return resolve_gerund(s, cl, v, found, q, limit, se);
    if (!found) {
        int r = resolve_postposed(s, cd, cl, p, j, se);
        if (r >= 0) return r;
    }

    /* The source before the verb ("X dijo que C"). */
    if (!found && cd->cue->need_que) return 0;
    if (found == COMP_QUOTE) limit = quote_end(s, q, limit); /* the quotation ends the content */
    uint32_t a, b, va = 0, vb = 0;
    subject_before(s, p, &a, &b, &va, &vb);
    if (se && a < b && s->wc[cd->c0 - 1] == HX__WC_SE) return 0; /* "el fuego se declaró" */
    cl->via0 = va;
    cl->via1 = vb;
    int inherited = a == b && !se && p > s->s0 + 1 && s->wc[p - 2] == HX__WC_COMMA
                    && (hx__cl_tok_is(s, p - 1, "quien") || s->wc[p - 1] == HX__WC_QUE)
                    && relative_source(s, cl, p, &a, &b);
    if (!inherited) {
        const hx__vec *done = &s->doc->claims;
        int same = done->n && s->t[HX__VEC_AT(*done, hx__claim, done->n - 1)->cue0].sent
                                  == s->t[v].sent;
        if (a == b && !se && !same && p > s->s0 && s->wc[p - 1] == HX__WC_Y) coordinated_subject(s, p, &a, &b);
        set_source(s, cl, a, b, se);
    }
    if (has_no && cd->cue->stance != HX__ST_DENIAL && !cd->cue->neg) cl->negated = 1;
    if (!has_no && cd->cue->stance == HX__ST_DENIAL) cl->negated = 1;
    if (has_no && cd->cue->stance == HX__ST_DENIAL) cl->hedged = 1;
    /* "negó ayer cualquier implicación": adverbs and times before a noun phrase */
    uint32_t c0 = found ? q : cd->c1;
    while (!found && c0 + 1 < limit
           && (s->wc[c0] == HX__WC_ADV || hx__cl_in_time(s, c0)
               || (s->wc[c0] == HX__WC_DET && hx__cl_in_time(s, c0 + 1))))
        c0++;
    return set_content(s, cl, c0, limit);
}

/* Resolves a prepositional cue ("según X"). */
static int resolve_prep(hx__claims_scan *s, const hx__cl_cand *cd, hx__claim *cl)
{
    uint32_t a = cd->c1, b = cd->skip1;
    int se = 0;
    cl->cue0 = cd->c0;
    /* "según informó X", "según se supo", "según ha podido saber X" */
    while (a < b) {
        unsigned char w = s->wc[a];
        char lw[HX__LEMMA_MAX], lem[HX__LEMMA_MAX];
        size_t n, ln;
        size_t cnt = 0;
        if (w == HX__WC_SE) { se = 1; a++; continue; }
        if (w == HX__WC_AUX || w == HX__WC_CLITIC || w == HX__WC_ADV) { a++; continue; }
        if (w != HX__WC_OTHER || hx__cl_is_upper(s, a) || !(n = hx__cl_tok_lower(s, a, lw))) break;
        if (!(ln = hx__lemma_verb(lw, n, lem, sizeof lem, NULL))) break;
        hx__cue_find(lem, ln, &cnt);
        if (!cnt && hx__cl_cmp_n(lem, ln, "poder") && hx__cl_cmp_n(lem, ln, "saber") && hx__cl_cmp_n(lem, ln, "conocer")
            && hx__cl_cmp_n(lem, ln, "trascender"))
            break;
        if (cnt && hx__cl_ends_with(lw, n, "s")) break; /* "según informes de ...": a noun */
        a++;
        /* "según precisó a los periodistas el portavoz", "según resaltó en Cáceres
         * el ex secretario": an addressee or a place before the subject */
        if (a + 2 < b && (hx__cl_tok_is(s, a, "a") || hx__cl_tok_is(s, a, "en")) && opens_subject(s, a + 1)) {
            uint32_t k = a + 2;
            while (k < b && k < a + 6 && s->wc[k] == HX__WC_OTHER && is_word(s, k)) k++;
            if (k < b && s->wc[k] == HX__WC_DET) a = k;
        }
    }
    /* "según indicaron algunos testigos al teléfono de emergencias": the source is
     * the noun phrase, up to a preposition other than "de" */
    uint32_t sb = a + 1;
    while (sb < b && !(s->wc[sb] == HX__WC_PREP && !hx__cl_tok_is(s, sb, "de") && !hx__cl_tok_is(s, sb, "del")))
        sb++;
    set_source(s, cl, a, a < b ? sb : b, se);
    uint32_t s0 = s->s0;
    /* sentence-initial: "Según X, C." (a leading conjunction does not count) */
    int initial = 1;
    for (uint32_t m = s0; m < cd->c0; m++)
        if (s->wc[m] != HX__WC_Y && s->wc[m] != HX__WC_CONJ && s->wc[m] != HX__WC_COMMA) initial = 0;
    if (initial) {
        if (b >= s->send || s->wc[b] != HX__WC_COMMA) return 0;
        /* "Según el balance, publicado ayer, C": the apposition of the source */
        uint32_t m = b + 1;
        while (m < s->send && s->wc[m] != HX__WC_COMMA) m++;
        if (m + 1 < s->send && parenthetical(s, b + 1, m) && s->wc[b + 1] != HX__WC_PREP
            && s->wc[b + 1] != HX__WC_ADV)
            b = m;
        return set_content(s, cl, b + 1, s->send);
    }
    if (s->wc[cd->c0 - 1] == HX__WC_COMMA || s->wc[cd->c0 - 1] == HX__WC_DASH
        || s->wc[cd->c0 - 1] == HX__WC_PAREN) {
        /* "C, según X." or the parenthetical "A, según X, B." */
        if (b < s->send && s->wc[b] == HX__WC_COMMA && b + 1 < s->send) {
            /* "A cambio, según X, C": a connector before; "El acuerdo, según X, C":
             * the subject of the content before, which is then the whole sentence. */
            if (parenthetical(s, s0, cd->c0 - 1)) return set_content(s, cl, b + 1, s->send);
            return set_content(s, cl, s0, s->send);
        }
        return set_content(s, cl, quote_start(s, s0, cd->c0 - 1), cd->c0 - 1);
    }
    return set_content(s, cl, s0, cd->c0);
}

/* ---------------------------------------------------------------- the stage */

/* Where the source of a prepositional cue ends: the next comma or clause mark. */
static uint32_t prep_source_end(const hx__claims_scan *s, uint32_t i)
{
    for (; i < s->send; i++) {
        unsigned char w = s->wc[i];
        if (w == HX__WC_COMMA || w == HX__WC_END || w == HX__WC_COLON || w == HX__WC_SEMI || w == HX__WC_QOPEN
            || w == HX__WC_QCLOSE || w == HX__WC_PAREN || w == HX__WC_QAMB)
            break;
        if (w == HX__WC_DASH && (s->t[i].flags & HX__T_SPACE)) break;
    }
    return i;
}

#define MAX_CANDS 32

/* Is the source the clause reading found unlike a noun phrase: an adverb or a
 * hedge as its only word ("si bien estimó" -> "bien"), or a dash inside it ("Cela -
 * bien pudiera")? */
static int odd_source(const hx__claims_scan *s, const hx__claim *cl)
{
    if (cl->inherited) return 0;
    if (cl->src1 - cl->src0 == 1
        && (s->wc[cl->src0] == HX__WC_ADV || s->wc[cl->src0] == HX__WC_HEDGE || s->wc[cl->src0] == HX__WC_CONJ))
        return 1;
    for (uint32_t k = cl->src0; k < cl->src1; k++)
        if (s->wc[k] == HX__WC_DASH) return 1;
    return 0;
}

/* The source of a verb cue read from the dependency tree (parsed now, on demand): the
 * subject of the reporting verb, or of the verb it is coordinated with or hangs from
 * ("y añadió", "según comunicó"); the name of an apposition.  Read when the clause
 * heuristics found no source or an odd one; without a subject in the tree theirs stays. */
static void tree_source(hx__claims_scan *s, const hx__cl_cand *cd, hx__claim *cl)
{
    hx__tree T;
    if (cd->cue->kind == HX__CUE_PREP || cd->cue->kind == HX__CUE_NOUN || cl->impersonal
        || (cl->src0 < cl->src1 && !odd_source(s, cl))
        || !hx__doc_tree(s->doc, s->t[cd->c0].sent, &T))
        return;
    size_t v = cd->c0;
    for (size_t k = cd->c0; k < cd->c1; k++)
        if (T.head[k] < (int32_t)cd->c0 || T.head[k] >= (int32_t)cd->c1) {
            v = k;
            break;
        }
    /* read within 64 tokens of the cue: linear time on a sentence without punctuation */
    size_t f = v > s->s0 + 64 ? v - 64 : s->s0, l = s->s1 > v + 64 ? v + 64 : s->s1;
    long sj = hx__tree_subject(s->doc, &T, f, l, v);
    if (sj < 0) return;
    size_t a, b;
    hx__tree_phrase(s->doc, &T, f, l, (size_t)sj, &a, &b);
    if (a >= b || (a < cl->cue1 && cl->cue0 < b) || (a < cl->con1 && cl->con0 < b)) return;
    set_source(s, cl, (uint32_t)a, (uint32_t)b, 0);
    cl->inherited = 0;
}

static hx_status read_sentence(hx__claims_scan *s)
{
    hx__cl_cand cands[MAX_CANDS];
    int nc = 0;
    int inq = 0; /* inside a quotation: its words are the quoted speaker's, not reports */
    for (uint32_t i = s->s0; i < s->send && nc < MAX_CANDS;) {
        hx__cl_cand *cd = &cands[nc];
        unsigned char w = s->wc[i];
        if (w == HX__WC_QOPEN) inq++;
        else if (w == HX__WC_QCLOSE && inq > 0) inq--;
        else if (w == HX__WC_QAMB) inq = !inq;
        if (inq || !cue_maybe(s, i) || !hx__cl_find_cue(s, i, cd)) {
            i++;
            continue;
        }
        cd->skip1 = cd->c1;
        if (cd->cue->kind == HX__CUE_PREP) cd->skip1 = prep_source_end(s, cd->c1);
        if (cd->cue->kind != HX__CUE_PREP || cd->skip1 > cd->c1) nc++;
        i = cd->skip1 > i ? cd->skip1 : i + 1;
    }
    for (int k = 0; k < nc; k++) {
        hx__claim cl;
        memset(&cl, 0, sizeof cl);
        cl.cue = cands[k].cue;
        cl.cue1 = cands[k].c1;
        /* The clause of a cue ends where a later cue introduced by a comma starts. */
        uint32_t limit = s->send;
        for (int m = k + 1; m < nc; m++) {
            uint32_t c = cands[m].c0;
            while (c > cands[k].c1 && (s->wc[c - 1] == HX__WC_AUX || s->wc[c - 1] == HX__WC_CLITIC
                                       || s->wc[c - 1] == HX__WC_SE || s->wc[c - 1] == HX__WC_NO))
                c--;
            char lw[HX__LEMMA_MAX];
            size_t ln = hx__cl_tok_lower(s, cands[m].c0, lw);
            int gerund = ln && (hx__cl_ends_with(lw, ln, "ando") || hx__cl_ends_with(lw, ln, "iendo"));
            int own = cands[m].cue->kind == HX__CUE_PREP || gerund || s->wc[c - 1] == HX__WC_Y
                      || cands[m].c1 >= s->send || opens_subject(s, cands[m].c1)
                      || s->wc[cands[m].c1] == HX__WC_QUE;
            if (own && c > cands[k].c1 && (s->wc[c - 1] == HX__WC_COMMA || s->wc[c - 1] == HX__WC_DASH
                                           || s->wc[c - 1] == HX__WC_Y)) {
                limit = c - 1;
                break;
            }
        }
        int ok = cl.cue->kind == HX__CUE_PREP ? resolve_prep(s, &cands[k], &cl)
                                              : resolve_verb(s, &cands[k], limit, &cl);
        if (!ok) continue;
        if (s->doc->ctx && (s->doc->ctx->stages & HX_STAGE_TREE)) tree_source(s, &cands[k], &cl);
        if (cl.cue->stance == HX__ST_HEDGED) cl.hedged = 1;
        hedges(s, &cl);
        hx__claim *slot = hx__vec_push(&s->doc->claims, sizeof *slot);
        if (!slot) return HX_NOMEM;
        *slot = cl;
    }
    return HX_OK;
}

hx_status hx__find_claims(hx_doc *doc, hx_error *err)
{
    hx__claims_scan s;
    hx_status st = HX_OK;
    size_t n = doc->toks.n;

    doc->claims.n = 0;
    if (!n || !doc->sents.n) return HX_OK;
    hx__cl_memo memo;
    hx__cl_memo_init(&memo);
    memset(&s, 0, sizeof s);
    s.memo = &memo;
    s.doc = doc;
    s.t = doc->toks.p;
    if (!(s.wc = malloc(n)) || !(s.fin = calloc(n, 1))
        || !(s.went = calloc(n, sizeof *s.went))) {
        free(s.wc);
        free(s.fin);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    /* the prepositional cues, whose head is the word itself */
    for (size_t k = 0; k < hx__ncues && s.nprep != SIZE_MAX; k++) {
        if (hx__cues[k].kind != HX__CUE_PREP) continue;
        if (s.nprep == HX__NELEM(s.prep) || k > UINT16_MAX) s.nprep = SIZE_MAX;
        else s.prep[s.nprep++] = (uint16_t)k;
        s.prep_bits |= (uint64_t)1 << hx__cl_prep_bit(hx__cues[k].head, strlen(hx__cues[k].head));
    }
    for (size_t i = 0; i < n; i++) {
        const hx__tok *t = &s.t[i];
        const char *raw = doc->text + t->b0;
        size_t len = t->b1 - t->b0;
        if (t->flags & HX__T_WORD) {
            /* every word gets its table entry now (the class is only looked up for words
             * of fewer than 16 bytes); a word too long to lower-case has none */
            char b[HX__LEMMA_MAX];
            uint32_t h;
            size_t ln = hx__lower_fnv(raw, len, b, sizeof b, &h);
            uint32_t x = ln ? hx__cl_word_index_h(&s, b, ln, h) : 0;
            s.went[i] = x;
            s.wc[i] = x ? memo.e[x - 1].wc : ln ? hx__cl_word_entry(&s, b, ln)->wc : HX__WC_OTHER;
        } else if (t->flags & HX__T_NUM) {
            s.wc[i] = HX__WC_OTHER;
        } else {
            s.wc[i] = hx__cl_punct_class(raw, len);
        }
    }
    /* token -> entity, from the entity layer when it ran */
    const hx__entlayer *el = doc->layer_data[0];
    if (el && doc->entities.n) {
        if (!(s.ent = malloc(n * sizeof *s.ent))) {
            free(s.wc);
            free(s.fin);
            free(s.went);
            free(memo.e);
            free(memo.slot);
            hx__buf_free(&memo.keys);
            return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
        }
        for (size_t i = 0; i < n; i++) s.ent[i] = -1;
        for (size_t i = 0; i < el->n; i++) {
            const hx__emention *m = &el->m[i];
            for (uint32_t k = m->first; k < m->last && k < n; k++)
                if (s.ent[k] < 0) s.ent[k] = (int32_t)m->entity;
        }
    }
    for (size_t si = 0; si < doc->sents.n; si++) {
        const hx__sent *sen = HX__VEC_AT(doc->sents, hx__sent, si);
        if (sen->first >= sen->last) continue;
        s.s0 = sen->first;
        s.s1 = sen->last;
        s.send = sen->last;
        while (s.send > s.s0 && (s.wc[s.send - 1] == HX__WC_END)) s.send--;
        if ((st = read_sentence(&s)) != HX_OK) {
            st = hx__err(err, st, SIZE_MAX, "claims: %s", hx_strerror(st));
            break;
        }
    }
    free(s.wc);
    free(s.fin);
    free(s.ent);
    free(s.went);
    free(memo.e);
    free(memo.slot);
    hx__buf_free(&memo.keys);
    return st;
}
