/*
 * entities.c -- groups mentions into entities: in-document coreference, canonical names,
 * countries and coordinates (docs/entities.md).
 *
 * The stage runs in five steps over one document (1-3 here, 4-5 in entities_cluster.c):
 *   1. gazetteer scan: the longest key match at every token (countries, regions, cities,
 *      organisations, demonyms, seats of power), checked for case, then the place each
 *      ambiguous match means, chosen by the countries the document names unambiguously,
 *      then by kind and population;
 *   2. name candidates: runs of capitalised words (with "de", "del", "de la" and name
 *      particles inside), typed by the tagger's mentions when a model is loaded, else
 *      by their words; a longer name wins over the gazetteer matches inside it
 *      ("Banco de España", "Mauricio Macri");
 *   3. roles: "el canciller ruso", "el líder de Corea del Norte", "el jefe del Kremlin":
 *      a role word, optional "de Exteriores", then a demonym or "de" + country;
 *   4. clustering in text order: gazetteer matches by place (capitals used as actors go
 *      to their country as metonyms), names by exact match, acronym (parenthesised after
 *      its expansion, or its initials) and, for people, surname or given name when only
 *      one person fits;
 *   5. roles: to the person in apposition, to the person already holding that role, to
 *      the only person named in that or the previous sentence, else a role entity.
 * Invariants: every candidate is a token range inside one sentence; each token belongs
 * to at most one live name or gazetteer candidate (roles may contain "de" + country);
 * scratch memory is per call and freed on every path.
 */
#include "entities/entities_impl.h"

#include <string.h>

/* ---------------------------------------------------------------- small helpers */

/* The word lists (connectors, stop words, particles, organisation, portfolio and
 * government heads) and the role phrases are data: data/entities/words.tsv and
 * roles.tsv, compiled by tools/gen_entity_words.py into hx__ent_words (classes as W_*
 * bits, found by hash) and hx__ent_roles. */

static int has_lower_ascii(const hx_doc *doc, const hx__tok *t)
{
    for (uint32_t b = t->b0; b < t->b1; b++)
        if (doc->text[b] >= 'a' && doc->text[b] <= 'z') return 1;
    return 0;
}

static int has_digit(const hx_doc *doc, const hx__tok *t)
{
    for (uint32_t b = t->b0; b < t->b1; b++)
        if (doc->text[b] >= '0' && doc->text[b] <= '9') return 1;
    return 0;
}

/* "OTAN", "EE.UU.": capitals only, no digits ("KN-23" is a code). */
int hx__ent_is_acronym(const ctx *c, size_t i)
{
    const hx__tok *t = &c->t[i];
    size_t n = t->b1 - t->b0;
    return (t->flags & HX__T_WORD) && (t->flags & HX__T_UPPER) && n >= 2 && n <= 8
           && !has_lower_ascii(c->doc, t) && !has_digit(c->doc, t);
}

/* Does the text of tokens [i, j) fit a key of this kind? */
static int case_fits(const ctx *c, unsigned how, size_t i, size_t j)
{
    if (how == HX__KEY_DEMONYM) return 1;
    if (how == HX__KEY_ACRONYM) {
        for (size_t k = i; k < j; k++)
            if (has_lower_ascii(c->doc, &c->t[k])) return 0;
        return 1;
    }
    if (!(c->t[i].flags & HX__T_UPPER)) return 0;
    for (size_t k = i + 1; k < j; k++) {
        const hx__tok *t = &c->t[k];
        if (!(t->flags & HX__T_WORD) || (t->flags & HX__T_UPPER)) continue;
        if (!(c->wcls[k] & W_CONN)) return 0;
    }
    return 1;
}

int hx__ent_sentence_initial(const ctx *c, size_t i)
{
    const hx__sent *s = HX__VEC_AT(c->doc->sents, hx__sent, c->t[i].sent);
    for (size_t k = s->first; k < i; k++)
        if (!(c->t[k].flags & HX__T_PUNCT)) return 0;
    return 1;
}

static int kind_rank(unsigned kind)
{
    switch (kind) {
    case HX__PL_COUNTRY: return 3;
    case HX__PL_ORG: return 2;
    case HX__PL_REGION: return 1;
    default: return 0;
    }
}

int hx__ent_cc_index(const char *cc)
{
    if (!cc[0] || !cc[1] || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z') return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

/* Chooses the key (and so the place) a gazetteer candidate means; returns 0 when no key
 * fits the text's case.  first_pass: only records unambiguous countries. */
static int choose_place(ctx *c, cand *g, int first_pass)
{
    int best = -1, nplaces = 0, last_place = -1, ctx_hit = 0, best_ctx = 0, one_cc = 1;
    const char *cc0 = NULL;
    int upper = (c->t[g->first].flags & HX__T_UPPER) != 0;
    long best_score = -1;
    for (uint32_t k = g->klo; k < g->klo + g->kn; k++) {
        const hx__gkey *key = &hx__gaz_keys[k];
        if (!case_fits(c, key->how, g->first, g->last)) continue;
        const hx__place *p = &hx__gaz_places[key->place];
        if (key->place != last_place) nplaces++, last_place = key->place;
        if (!cc0) cc0 = p->cc;
        else if (strcmp(cc0, p->cc) != 0) one_cc = 0;
        int ci = hx__ent_cc_index(p->cc);
        long score = (long)kind_rank(p->kind) * 100000000L + (p->pop > 0 ? p->pop / 10 : 0);
        /* "China" the name, "china" the adjective. */
        if ((key->how == HX__KEY_DEMONYM) == !upper) score += 500000000L;
        if (!first_pass && ci >= 0 && c->cc_seen[ci]) score += 1000000000L, ctx_hit = 1;
        if (score > best_score) best_score = score, best = (int)k, best_ctx = ctx_hit;
        ctx_hit = 0;
    }
    if (best < 0) return 0;
    const hx__gkey *key = &hx__gaz_keys[best];
    g->place = key->place;
    g->how = key->how;
    if (nplaces == 1) g->conf = 1.0f;
    else g->conf = best_ctx ? 0.8f : 0.6f;
    /* One place, or several in one country (Járkov the city and the region). */
    if (first_pass && one_cc) {
        const hx__place *p = &hx__gaz_places[key->place];
        int ci = hx__ent_cc_index(p->cc);
        if (ci >= 0) c->cc_seen[ci] = 1;
    }
    return 1;
}

/* ---------------------------------------------------------------- step 1: gazetteer */

/* The hash of the per-call intern table, eight bytes at a time (cheaper than the
 * FNV-1a of the word tables, which is worked out only for each new word). */
static uint32_t intern_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) v |= (uint64_t)(unsigned char)s[i] << (8 * i);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
    return (uint32_t)(h ^ (h >> 29));
}

/* The word id of folded text s, or -1 when no token has it. */
int64_t hx__ent_word_find(const ctx *c, const char *s)
{
    size_t n = strlen(s);
    for (size_t k = intern_hash(s, n) & (c->isz - 1);; k = (k + 1) & (c->isz - 1)) {
        if (!c->itab[k]) return -1;
        uint32_t t = c->itab[k] - 1;
        if (c->flen[t] == n && memcmp(ftok(c, t), s, n) == 0) return t;
    }
}

int hx__ent_words_selfcheck(void)
{
    /* every table word is found by its hash, with its classes ... */
    for (size_t i = 0; i < hx__ent_nwords; i++) {
        const hx__ent_word *x = &hx__ent_words[i];
        if (strlen(x->w) != x->n || !x->bits
            || hx__ent_word_classes(x->w, x->n, hx__ent_fnv(x->w, x->n)) != x->bits)
            return 0;
    }
    /* ... and the first word of every role is a role word */
    for (size_t r = 0; r < hx__ent_nroles; r++) {
        size_t n = strcspn(hx__ent_roles[r].w, " ");
        if (!(hx__ent_word_classes(hx__ent_roles[r].w, n, hx__ent_fnv(hx__ent_roles[r].w, n)) & W_ROLE))
            return 0;
    }
    return 1;
}

/* Folds every token, gives each distinct word an id and its classes.  Every per-call
 * array of the stage lives in one block (c->block): the zeroed ones first, then those
 * that start at -1, then those filled as they are used. */
static hx_status fold_tokens(ctx *c)
{
    size_t cap = c->doc->len + c->nt + 1, len = 0, nt = c->nt, np = hx__gaz_nplaces;
    c->isz = 16;
    while (c->isz < 2 * nt + 2) c->isz *= 2;
    size_t zeros = (nt + 1) * sizeof *c->ner_type + c->isz * sizeof *c->itab + (np + 1) * sizeof *c->anchor_cnt;
    size_t minus = (6 * (nt + 1) + (np + 1) + np) * sizeof(int32_t);
    size_t rest = 3 * (nt + 1) * sizeof(uint32_t) + 2 * (nt + 1) + cap;
    char *b = malloc(zeros + minus + rest);
    if (!b) return HX_NOMEM;
    c->block = b;
    memset(b, 0, zeros);
    memset(b + zeros, 0xff, minus); /* every int32_t -1 */
    c->ner_type = (const char **)(void *)b;
    b += (nt + 1) * sizeof *c->ner_type;
    c->itab = (uint32_t *)(void *)b;
    b += c->isz * sizeof *c->itab;
    c->anchor_cnt = (int32_t *)(void *)b;
    b += (np + 1) * sizeof *c->anchor_cnt;
    int32_t *m = (int32_t *)(void *)b;
    c->own = m, m += nt + 1;
    c->per_head = m, m += nt + 1;
    c->acr_head = m, m += nt + 1;
    c->acr_only = m, m += nt + 1;
    c->start_ent = m, m += nt + 1;
    c->end_ent = m, m += nt + 1;
    c->anchor_ent = m, m += np + 1;
    c->by_place = m, m += np;
    uint32_t *u = (uint32_t *)(void *)m;
    c->foff = u, u += nt + 1;
    c->flen = u, u += nt + 1;
    c->wid = u, u += nt + 1;
    b = (char *)(void *)u;
    c->wcls = (uint8_t *)b, b += nt + 1;
    c->wgaz = (uint8_t *)b, b += nt + 1;
    c->fold = b;
    for (size_t i = 0; i < nt; i++) {
        c->foff[i] = (uint32_t)len;
        /* Folding never grows text: two-byte letters become at most two ASCII bytes. */
        len = hx__gaz_fold(c->doc->text + c->t[i].b0, c->t[i].b1 - c->t[i].b0, c->fold, len, cap);
        if (len >= cap) return HX_NOMEM;
        const char *w = ftok(c, i);
        size_t wn = len - c->foff[i];
        c->fold[len++] = '\0';
        c->flen[i] = (uint32_t)wn;
        size_t k = intern_hash(w, wn) & (c->isz - 1);
        for (; c->itab[k]; k = (k + 1) & (c->isz - 1)) {
            uint32_t t = c->itab[k] - 1;
            if (c->flen[t] == wn && memcmp(ftok(c, t), w, wn) == 0) break;
        }
        if (!c->itab[k]) {
            c->itab[k] = (uint32_t)i + 1;
            uint32_t h = hx__ent_fnv(w, wn);
            c->wcls[i] = hx__ent_word_classes(w, wn, h);
            int fl = hx__gaz_first_h(w, wn, h); /* the gazetteer hashes words alike */
            c->wgaz[i] = fl < 0 ? 1 : (fl & 1) ? 2 : 3;
        }
        c->wid[i] = c->itab[k] - 1;
        c->wcls[i] = c->wcls[c->wid[i]];
    }
    return HX_OK;
}

static cand *push_cand(ctx *c)
{
    return hx__vec_push(&c->cands, sizeof(cand));
}

static void own_range(ctx *c, size_t i, size_t j, int32_t who)
{
    for (size_t k = i; k < j; k++) c->own[k] = who;
}

/* Can a key start at token i?  Its word must start some key, and a lower-case word
 * only a demonym (wgaz, worked out once per distinct word by fold_tokens). */
static int may_start_key(const ctx *c, size_t i)
{
    uint8_t g = c->wgaz[c->wid[i]];
    return g == 2 || (g == 3 && (c->t[i].flags & HX__T_UPPER));
}

static hx_status scan_gazetteer(ctx *c)
{
    char key[KEY_CAP];
    for (size_t i = 0; i < c->nt; i++) {
        if (!(c->t[i].flags & HX__T_WORD) || !may_start_key(c, i)) continue;
        size_t klen = 0, best_j = 0, lo = 0, best_lo = 0, best_n = 0;
        for (size_t j = i; j < c->nt && j < i + MAX_KEY_TOKENS; j++) {
            if (c->t[j].sent != c->t[i].sent) break;
            const char *f = ftok(c, j);
            size_t fl = strlen(f);
            if (klen + fl + 2 >= KEY_CAP) break;
            if (j > i && c->t[j].b0 > c->t[j - 1].b1) key[klen++] = ' ';
            memcpy(key + klen, f, fl);
            klen += fl;
            int more;
            size_t n = hx__gaz_find_more(key, klen, &lo, &more);
            if (n) {
                int fits = 0;
                for (size_t k = lo; k < lo + n && !fits; k++)
                    fits = case_fits(c, hx__gaz_keys[k].how, i, j + 1);
                if (fits) best_j = j + 1, best_lo = lo, best_n = n;
            }
            if (!more) break;
        }
        if (!best_j) continue;
        cand *g = push_cand(c);
        if (!g) return HX_NOMEM;
        g->first = (uint32_t)i;
        g->last = (uint32_t)best_j;
        g->src = SRC_GAZ;
        g->klo = (uint32_t)best_lo;
        g->kn = (uint32_t)best_n;
        g->place = -1;
        own_range(c, i, best_j, (int32_t)(c->cands.n - 1));
        i = best_j - 1;
    }
    cand *cs = c->cands.p;
    for (size_t k = 0; k < c->cands.n; k++) choose_place(c, &cs[k], 1);
    for (size_t k = 0; k < c->cands.n; k++)
        if (!choose_place(c, &cs[k], 0)) cs[k].dead = 1, own_range(c, cs[k].first, cs[k].last, -1);
    return HX_OK;
}

/* ---------------------------------------------------------------- step 2: names */

/* Kills the live gazetteer candidates in [i, j); returns 0 when a non-gazetteer
 * candidate owns one of the tokens. */
static int clear_for_name(ctx *c, size_t i, size_t j, int check_only)
{
    cand *cs = c->cands.p;
    for (size_t k = i; k < j; k++)
        if (c->own[k] >= 0 && cs[c->own[k]].src != SRC_GAZ) return 0;
    if (check_only) return 1;
    for (size_t k = i; k < j; k++)
        if (c->own[k] >= 0) {
            cand *g = &cs[c->own[k]];
            g->dead = 1;
            own_range(c, g->first, g->last, -1);
        }
    return 1;
}

static hx_status add_name(ctx *c, size_t i, size_t j, uint8_t src, const char *type, int weak)
{
    cand *n = push_cand(c);
    if (!n) return HX_NOMEM;
    n->first = (uint32_t)i;
    n->last = (uint32_t)j;
    n->src = src;
    n->type = type;
    n->weak = (uint8_t)weak;
    n->place = -1;
    own_range(c, i, j, (int32_t)(c->cands.n - 1));
    return HX_OK;
}

/* The tagger's mentions give types, not spans: its spans disagree with ours at the
 * edges ("Pyongyang busca") often enough that the capitalised runs and the gazetteer
 * make better mentions.  Records each tagged token's type in ner_type. */
static void tagger_types(ctx *c)
{
    for (size_t m = 0; m < c->doc->mentions.n; m++) {
        const hx__mention *mm = HX__VEC_AT(c->doc->mentions, hx__mention, m);
        for (size_t k = mm->first; k < mm->last && k < c->nt; k++) c->ner_type[k] = mm->type;
    }
}

static int org_head(const ctx *c, size_t i) { return (c->wcls[i] & W_ORG) != 0; }

/* A run of capitalised words from i: returns its end (exclusive), or i when none. */
static size_t caps_run(const ctx *c, size_t i)
{
    size_t j = i;
    uint32_t s = c->t[i].sent;
    while (j < c->nt && c->t[j].sent == s) {
        const hx__tok *t = &c->t[j];
        if (c->own[j] >= 0 && HX__VEC_AT(c->cands, cand, c->own[j])->src == SRC_ROLE) break;
        if (j > i && (t->flags & HX__T_NEWLINE)) break; /* a headline or byline ends here */
        /* "dijo a EFE Viana Baptista": an acronym does not run into a name. */
        if (j > i && (t->flags & HX__T_UPPER) && hx__ent_is_acronym(c, j - 1) != hx__ent_is_acronym(c, j)
            && (c->t[j - 1].flags & HX__T_UPPER))
            break;
        if ((t->flags & HX__T_WORD) && (t->flags & HX__T_UPPER)) {
            j++;
            continue;
        }
        /* "de", "del", "de la", "de los", "de las" between capitalised words, and
         * the particles of personal names (von der Leyen, al Sisi, Lula da Silva). */
        const char *w = ftok(c, j);
        if (j > i && (c->wcls[j] & W_PART)) {
            size_t k = j + 1;
            if (k < c->nt && (c->wcls[k] & W_PART)) k++;
            if (k < c->nt && c->t[k].sent == s && (c->t[k].flags & HX__T_WORD)
                && (c->t[k].flags & HX__T_UPPER)) {
                j = k;
                continue;
            }
        }
        if (j > i && (strcmp(w, "de") == 0 || strcmp(w, "del") == 0)) {
            size_t k = j + 1;
            if (k < c->nt && strcmp(w, "de") == 0
                && (strcmp(ftok(c, k), "la") == 0 || strcmp(ftok(c, k), "los") == 0
                    || strcmp(ftok(c, k), "las") == 0) && !(c->t[k].flags & HX__T_UPPER))
                k++;
            if (k < c->nt && c->t[k].sent == s && (c->t[k].flags & HX__T_WORD)
                && (c->t[k].flags & HX__T_UPPER)) {
                j = k;
                continue;
            }
        }
        break;
    }
    return j;
}

/* The type of a capitalised run [a, b) the tagger did not see. */
static const char *guess_type(const ctx *c, size_t a, size_t b)
{
    /* The tagger's type when it saw a name here (the last word decides: "Banco" may be
     * tagged apart, the head of a person's name rarely is). */
    if (c->ner_type[b - 1]) return c->ner_type[b - 1];
    static const char *const to_place[] = {"en", "desde", "hacia", NULL};
    if (b - a == 1 && hx__ent_is_acronym(c, a)) return "ORG";
    /* "KN-23", "F-16": a model or a code. */
    if (b - a == 1 && has_digit(c->doc, &c->t[a]) && !has_lower_ascii(c->doc, &c->t[a])) return "MISC";
    if (org_head(c, a)) return "ORG";
    if (a > 0 && is_one_of(ftok(c, a - 1), to_place)) return "LOC";
    return "PER";
}

static hx_status capitalised_names(ctx *c)
{
    for (size_t i = 0; i < c->nt;) {
        const hx__tok *t = &c->t[i];
        if (!(t->flags & HX__T_WORD) || !(t->flags & HX__T_UPPER)) {
            i++;
            continue;
        }
        size_t a = i, b = caps_run(c, i);
        if (b == i) {
            i++;
            continue;
        }
        i = b;
        while (a < b && (c->wcls[a] & W_STOP)) a++;
        while (a < b && (c->wcls[a] & W_CONN)) a++;
        if (a >= b) continue;
        cand *cs = c->cands.p;
        /* Exactly one gazetteer match: it stays. */
        if (c->own[a] >= 0 && cs[c->own[a]].first == a && cs[c->own[a]].last == b) continue;
        int has_gaz = 0, glued = 0;
        for (size_t k = a; k < b; k++) {
            if (c->own[k] >= 0 && cs[c->own[k]].src != SRC_GAZ) goto next; /* the tagger's */
            if (c->own[k] >= 0) {
                has_gaz = 1;
                /* A place name glued to another capitalised word: Mauricio Macri. */
                const cand *g = &cs[c->own[k]];
                if ((g->first > a && c->own[g->first - 1] < 0 && !(c->wcls[g->first - 1] & W_CONN))
                    || (g->last < b && c->own[g->last] < 0 && !(c->wcls[g->last] & W_CONN)))
                    if (g->how != HX__KEY_ACRONYM) glued = 1;
            }
        }
        if (has_gaz && !org_head(c, a) && !glued) {
            /* Pieces between gazetteer matches are names of their own, with the
             * connectors inside them ("Defensoría del Pueblo" of "... de Colombia"). */
            for (size_t k = a; k < b;) {
                if (c->own[k] >= 0 || (c->wcls[k] & W_CONN)) {
                    k++;
                    continue;
                }
                size_t e = k;
                while (e < b && c->own[e] < 0) e++;
                while (e > k && (c->wcls[e - 1] & W_CONN)) e--;
                int weak = e - k == 1 && hx__ent_sentence_initial(c, k) && !c->ner_type[k];
                hx_status st = add_name(c, k, e, SRC_CAPS, guess_type(c, k, e), weak);
                if (st != HX_OK) return st;
                k = e;
            }
            continue;
        }
        if (b - a == 1 && org_head(c, a)) continue; /* "el Gobierno" alone is no name */
        /* "la ministra de Medio Ambiente": a portfolio, not a name. */
        if (a >= 2 && strcmp(ftok(c, a - 1), "de") == 0 && (c->wcls[a - 2] & W_PORT)) continue;
        /* "el Gobierno de Chile" is the country acting: its mention is enough. */
        if (b - a >= 3 && (c->wcls[a] & W_GOV) && c->own[b - 1] >= 0) {
            const cand *g = &cs[c->own[b - 1]];
            if (g->first == a + 2 && g->last == b && hx__gaz_places[g->place].kind == HX__PL_COUNTRY)
                continue;
        }
        clear_for_name(c, a, b, 0);
        hx_status st = add_name(c, a, b, SRC_CAPS, guess_type(c, a, b),
                                b - a == 1 && hx__ent_sentence_initial(c, a) && !c->ner_type[a]);
        if (st != HX_OK) return st;
    next:;
    }
    return HX_OK;
}

/* ---------------------------------------------------------------- step 3: roles */

/* Can a person who holds role id held also be called by role id role?  The same role,
 * or a generic word for a leader ("líder", "mandatario", "dirigente") and a head of
 * state or government; "el ministro de Defensa ucraniano" is not the Ukrainian
 * president. */
int hx__ent_same_person_roles(int held, int role)
{
    static const int generic[] = {2, 7, 8, 16, 17, -1}, head[] = {0, 1, 9, 10, 11, -1};
    int g_held = 0, g_role = 0, h_held = 0, h_role = 0;
    if (held < 0 || held == role) return 1;
    for (const int *p = generic; *p >= 0; p++) g_held |= *p == held, g_role |= *p == role;
    for (const int *p = head; *p >= 0; p++) h_held |= *p == held, h_role |= *p == role;
    return (g_role && (h_held || g_held)) || (g_held && h_role);
}

/* The longest role word at token i: sets *end, returns the role id or -1. */
static int match_role(const ctx *c, size_t i, size_t *end)
{
    int best = -1;
    size_t best_end = i;
    for (size_t r = 0; r < hx__ent_nroles; r++) {
        const char *w = hx__ent_roles[r].w;
        size_t k = i;
        while (k < c->nt) {
            const char *f = ftok(c, k);
            size_t fl = strlen(f);
            if (strncmp(w, f, fl) != 0 || (w[fl] != ' ' && w[fl] != '\0')) break;
            k++;
            if (w[fl] == '\0') {
                if (k > best_end) best_end = k, best = hx__ent_roles[r].id;
                break;
            }
            w += fl + 1;
        }
    }
    *end = best_end;
    return best;
}

/* The live gazetteer candidate starting at token i, or NULL. */
static cand *gaz_at(ctx *c, size_t i)
{
    if (i >= c->nt || c->own[i] < 0) return NULL;
    cand *g = HX__VEC_AT(c->cands, cand, c->own[i]);
    return g->src == SRC_GAZ && !g->dead && g->first == i ? g : NULL;
}

static int anchor_of(const cand *g)
{
    const hx__place *p = &hx__gaz_places[g->place];
    if (p->kind == HX__PL_COUNTRY || p->kind == HX__PL_ORG) return g->place;
    return p->seat_of;
}

static hx_status find_roles(ctx *c)
{
    for (size_t i = 0; i < c->nt; i++) {
        if (c->own[i] >= 0 || !(c->t[i].flags & HX__T_WORD)) continue;
        if (!(c->wcls[i] & W_ROLE) || ((c->t[i].flags & HX__T_UPPER) && !hx__ent_sentence_initial(c, i))) continue;
        size_t e;
        int id = match_role(c, i, &e);
        if (id < 0) continue;
        /* "de Exteriores", "de Asuntos Exteriores": capitalised words that are no place
         * (a name the tagger saw there is dropped when the role is complete). */
        size_t mod0 = e, mod1 = e;
        if (e + 1 < c->nt && strcmp(ftok(c, e), "de") == 0 && !gaz_at(c, e + 1)
            && (c->t[e + 1].flags & HX__T_UPPER) && c->t[e + 1].sent == c->t[i].sent) {
            size_t k = e + 1;
            while (k < c->nt && !gaz_at(c, k) && (c->t[k].flags & HX__T_UPPER)
                   && c->own[k] < 0)
                k++;
            mod0 = e;
            e = mod1 = k;
        }
        cand *g = gaz_at(c, e);
        int anchor = -1;
        size_t end = e;
        if (g && g->how == HX__KEY_DEMONYM) {
            anchor = g->place;
            end = g->last;
            g->dead = 1;
            own_range(c, g->first, g->last, -1);
        } else if (e + 1 < c->nt && (strcmp(ftok(c, e), "de") == 0 || strcmp(ftok(c, e), "del") == 0)) {
            size_t k = e + 1;
            if (strcmp(ftok(c, e), "de") == 0 && k < c->nt && strcmp(ftok(c, k), "la") == 0) k++;
            g = gaz_at(c, k);
            if (g && g->how != HX__KEY_DEMONYM && (anchor = anchor_of(g)) >= 0) end = g->last;
        }
        if (anchor < 0) continue;
        for (size_t k = mod0; k < mod1; k++)
            if (c->own[k] >= 0) {
                cand *n = HX__VEC_AT(c->cands, cand, c->own[k]);
                n->dead = 1;
                own_range(c, n->first, n->last, -1);
            }
        cand *r = push_cand(c);
        if (!r) return HX_NOMEM;
        r->first = (uint32_t)i;
        r->last = (uint32_t)end;
        r->src = SRC_ROLE;
        r->role = id;
        r->place = anchor;
        r->type = "PER";
        /* The role words are the role's; a country after "de" stays a mention too. */
        own_range(c, i, end > e && strcmp(ftok(c, e), "de") != 0 && strcmp(ftok(c, e), "del") != 0 ? end : e,
                  (int32_t)(c->cands.n - 1));
        i = end - 1;
    }
    return HX_OK;
}

/* ---------------------------------------------------------------- candidates in order */

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    if (x->last != y->last) return x->last > y->last ? -1 : 1;
    return 0;
}

/* Steps 1 to 3 on c (whose doc, t and nt are set): the candidates, sorted by position
 * (longest first), and each token's owner by sorted index for the clustering. */
hx_status hx__ent_candidates(ctx *c)
{
    hx_status st;
    if ((st = fold_tokens(c)) != HX_OK) return st;
    if ((st = scan_gazetteer(c)) != HX_OK) return st;
    tagger_types(c);
    if ((st = find_roles(c)) != HX_OK) return st;
    if ((st = capitalised_names(c)) != HX_OK) return st;
    if (c->cands.n) qsort(c->cands.p, c->cands.n, sizeof(cand), cmp_cand);
    /* Owners again, by sorted index, for the contexts clustering looks at. */
    for (size_t i = 0; i < c->nt; i++) c->own[i] = -1;
    for (size_t k = 0; k < c->cands.n; k++) {
        const cand *n = HX__VEC_AT(c->cands, cand, k);
        if (!n->dead && n->src != SRC_ROLE) own_range(c, n->first, n->last, (int32_t)k);
    }
    return HX_OK;
}
