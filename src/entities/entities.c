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
#include "entities/entities.h"

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
int hx__ent_is_acronym(const hx__entities_scan *s, size_t i)
{
    const hx__tok *t = &s->t[i];
    size_t n = t->b1 - t->b0;
    return (t->flags & HX__T_WORD) && (t->flags & HX__T_UPPER) && n >= 2 && n <= 8
           && !has_lower_ascii(s->doc, t) && !has_digit(s->doc, t);
}

/* Does the text of tokens [i, j) fit a key of this kind? */
static int case_fits(const hx__entities_scan *s, unsigned how, size_t i, size_t j)
{
    if (how == HX__KEY_DEMONYM) return 1;
    if (how == HX__KEY_ACRONYM) {
        for (size_t k = i; k < j; k++)
            if (has_lower_ascii(s->doc, &s->t[k])) return 0;
        return 1;
    }
    if (!(s->t[i].flags & HX__T_UPPER)) return 0;
    for (size_t k = i + 1; k < j; k++) {
        const hx__tok *t = &s->t[k];
        if (!(t->flags & HX__T_WORD) || (t->flags & HX__T_UPPER)) continue;
        if (!(s->wcls[k] & HX__ENT_W_CONN)) return 0;
    }
    return 1;
}

int hx__ent_sentence_initial(const hx__entities_scan *s, size_t i)
{
    const hx__sent *sen = HX__VEC_AT(s->doc->sents, hx__sent, s->t[i].sent);
    for (size_t k = sen->first; k < i; k++)
        if (!(s->t[k].flags & HX__T_PUNCT)) return 0;
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
static int choose_place(hx__entities_scan *s, hx__ent_cand *g, int first_pass)
{
    int best = -1, nplaces = 0, last_place = -1, ctx_hit = 0, best_ctx = 0, one_cc = 1;
    const char *cc0 = NULL;
    int upper = (s->t[g->first].flags & HX__T_UPPER) != 0;
    long best_score = -1;
    for (uint32_t k = g->klo; k < g->klo + g->kn; k++) {
        const hx__gkey *key = &hx__gaz_keys[k];
        if (!case_fits(s, key->how, g->first, g->last)) continue;
        const hx__place *p = &hx__gaz_places[key->place];
        if (key->place != last_place) nplaces++, last_place = key->place;
        if (!cc0) cc0 = p->cc;
        else if (strcmp(cc0, p->cc) != 0) one_cc = 0;
        int ci = hx__ent_cc_index(p->cc);
        long score = (long)kind_rank(p->kind) * 100000000L + (p->pop > 0 ? p->pop / 10 : 0);
        /* "China" the name, "china" the adjective. */
        if ((key->how == HX__KEY_DEMONYM) == !upper) score += 500000000L;
        if (!first_pass && ci >= 0 && s->cc_seen[ci]) score += 1000000000L, ctx_hit = 1;
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
        if (ci >= 0) s->cc_seen[ci] = 1;
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

/* The word id of folded text fw, or -1 when no token has it. */
int64_t hx__ent_word_find(const hx__entities_scan *s, const char *fw)
{
    size_t n = strlen(fw);
    for (size_t k = intern_hash(fw, n) & (s->isz - 1);; k = (k + 1) & (s->isz - 1)) {
        if (!s->itab[k]) return -1;
        uint32_t t = s->itab[k] - 1;
        if (s->flen[t] == n && memcmp(hx__ent_ftok(s, t), fw, n) == 0) return t;
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
        if (!(hx__ent_word_classes(hx__ent_roles[r].w, n, hx__ent_fnv(hx__ent_roles[r].w, n)) & HX__ENT_W_ROLE))
            return 0;
    }
    return 1;
}

/* Doubles the intern table (kept at most 3/4 full); 0, or -1 when out of memory. */
static int intern_grow(hx__entities_scan *s)
{
    size_t nsz = s->isz * 2;
    uint32_t *nt = calloc(nsz, sizeof *nt);
    if (!nt) return -1;
    for (size_t j = 0; j < s->isz; j++) {
        if (!s->itab[j]) continue;
        uint32_t t = s->itab[j] - 1;
        size_t k = intern_hash(hx__ent_ftok(s, t), s->flen[t]) & (nsz - 1);
        while (nt[k]) k = (k + 1) & (nsz - 1);
        nt[k] = s->itab[j];
    }
    free(s->itab);
    s->itab = nt;
    s->isz = nsz;
    return 0;
}

/* Folds every token, gives each distinct word an id and its classes.  Every per-call
 * array of the stage lives in one block (s->block): the zeroed ones first, then those
 * that start at -1, then those filled as they are used. */
static hx_status fold_tokens(hx__entities_scan *s)
{
    size_t cap = s->doc->len + s->nt + 1, len = 0, nt = s->nt, np = hx__gaz_nplaces, nwords = 0;
    /* The intern table grows with the distinct words (intern_grow), a few per cent of
     * the tokens of a long text, instead of being sized for every token. */
    s->isz = 1024;
    if (!(s->itab = calloc(s->isz, sizeof *s->itab))) return HX_NOMEM;
    size_t zeros = (nt + 1) * sizeof *s->ner_ment + (np + 1) * sizeof *s->anchor_cnt;
    size_t minus = (6 * (nt + 1) + (np + 1) + np) * sizeof(int32_t);
    size_t rest = 3 * (nt + 1) * sizeof(uint32_t) + 2 * (nt + 1) + cap;
    char *b = malloc(zeros + minus + rest);
    if (!b) return HX_NOMEM;
    s->block = b;
    memset(b, 0, zeros);
    memset(b + zeros, 0xff, minus); /* every int32_t -1 */
    s->ner_ment = (uint32_t *)(void *)b;
    b += (nt + 1) * sizeof *s->ner_ment;
    s->anchor_cnt = (int32_t *)(void *)b;
    b += (np + 1) * sizeof *s->anchor_cnt;
    int32_t *m = (int32_t *)(void *)b;
    s->own = m, m += nt + 1;
    s->per_head = m, m += nt + 1;
    s->acr_head = m, m += nt + 1;
    s->acr_only = m, m += nt + 1;
    s->start_ent = m, m += nt + 1;
    s->end_ent = m, m += nt + 1;
    s->anchor_ent = m, m += np + 1;
    s->by_place = m, m += np;
    uint32_t *u = (uint32_t *)(void *)m;
    s->foff = u, u += nt + 1;
    s->flen = u, u += nt + 1;
    s->wid = u, u += nt + 1;
    b = (char *)(void *)u;
    s->wcls = (uint8_t *)b, b += nt + 1;
    s->wgaz = (uint8_t *)b, b += nt + 1;
    s->fold = b;
    for (size_t i = 0; i < nt; i++) {
        s->foff[i] = (uint32_t)len;
        /* Folding never grows text: two-byte letters become at most two ASCII bytes. */
        len = hx__gaz_fold(s->doc->text + s->t[i].b0, s->t[i].b1 - s->t[i].b0, s->fold, len, cap);
        if (len >= cap) return HX_NOMEM;
        const char *w = hx__ent_ftok(s, i);
        size_t wn = len - s->foff[i];
        s->fold[len++] = '\0';
        s->flen[i] = (uint32_t)wn;
        size_t k = intern_hash(w, wn) & (s->isz - 1);
        for (; s->itab[k]; k = (k + 1) & (s->isz - 1)) {
            uint32_t t = s->itab[k] - 1;
            if (s->flen[t] == wn && memcmp(hx__ent_ftok(s, t), w, wn) == 0) break;
        }
        if (!s->itab[k]) {
            s->itab[k] = (uint32_t)i + 1;
            uint32_t h = hx__ent_fnv(w, wn);
            s->wcls[i] = hx__ent_word_classes(w, wn, h);
            int fl = hx__gaz_first_h(w, wn, h); /* the gazetteer hashes words alike */
            s->wgaz[i] = fl < 0 ? 1 : (fl & 1) ? 2 : 3;
            s->wid[i] = (uint32_t)i;
            if (++nwords * 4 > s->isz * 3 && intern_grow(s)) return HX_NOMEM; /* moves the entries */
        } else {
            s->wid[i] = s->itab[k] - 1;
        }
        s->wcls[i] = s->wcls[s->wid[i]];
    }
    return HX_OK;
}

static hx__ent_cand *push_cand(hx__entities_scan *s)
{
    return hx__vec_push(&s->cands, sizeof(hx__ent_cand));
}

static void own_range(hx__entities_scan *s, size_t i, size_t j, int32_t who)
{
    for (size_t k = i; k < j; k++) s->own[k] = who;
}

/* Can a key start at token i?  Its word must start some key, and a lower-case word
 * only a demonym (wgaz, worked out once per distinct word by fold_tokens). */
static int may_start_key(const hx__entities_scan *s, size_t i)
{
    uint8_t g = s->wgaz[s->wid[i]];
    return g == 2 || (g == 3 && (s->t[i].flags & HX__T_UPPER));
}

static hx_status scan_gazetteer(hx__entities_scan *s)
{
    char key[HX__ENT_KEY_CAP];
    for (size_t i = 0; i < s->nt; i++) {
        if (!(s->t[i].flags & HX__T_WORD) || !may_start_key(s, i)) continue;
        size_t klen = 0, best_j = 0, lo = 0, best_lo = 0, best_n = 0;
        for (size_t j = i; j < s->nt && j < i + HX__ENT_MAX_KEY_TOKENS; j++) {
            if (s->t[j].sent != s->t[i].sent) break;
            const char *f = hx__ent_ftok(s, j);
            size_t fl = strlen(f);
            if (klen + fl + 2 >= HX__ENT_KEY_CAP) break;
            if (j > i && s->t[j].b0 > s->t[j - 1].b1) key[klen++] = ' ';
            memcpy(key + klen, f, fl);
            klen += fl;
            int more;
            size_t n = hx__gaz_find_more(key, klen, &lo, &more);
            if (n) {
                int fits = 0;
                for (size_t k = lo; k < lo + n && !fits; k++)
                    fits = case_fits(s, hx__gaz_keys[k].how, i, j + 1);
                if (fits) best_j = j + 1, best_lo = lo, best_n = n;
            }
            if (!more) break;
        }
        if (!best_j) continue;
        hx__ent_cand *g = push_cand(s);
        if (!g) return HX_NOMEM;
        g->first = (uint32_t)i;
        g->last = (uint32_t)best_j;
        g->src = HX__ENT_SRC_GAZ;
        g->klo = (uint32_t)best_lo;
        g->kn = (uint32_t)best_n;
        g->place = -1;
        own_range(s, i, best_j, (int32_t)(s->cands.n - 1));
        i = best_j - 1;
    }
    hx__ent_cand *cs = s->cands.p;
    for (size_t k = 0; k < s->cands.n; k++) choose_place(s, &cs[k], 1);
    for (size_t k = 0; k < s->cands.n; k++)
        if (!choose_place(s, &cs[k], 0)) cs[k].dead = 1, own_range(s, cs[k].first, cs[k].last, -1);
    return HX_OK;
}

/* ---------------------------------------------------------------- step 2: names */

/* Kills the live gazetteer candidates in [i, j); returns 0 when a non-gazetteer
 * candidate owns one of the tokens. */
static int clear_for_name(hx__entities_scan *s, size_t i, size_t j, int check_only)
{
    hx__ent_cand *cs = s->cands.p;
    for (size_t k = i; k < j; k++)
        if (s->own[k] >= 0 && cs[s->own[k]].src != HX__ENT_SRC_GAZ) return 0;
    if (check_only) return 1;
    for (size_t k = i; k < j; k++)
        if (s->own[k] >= 0) {
            hx__ent_cand *g = &cs[s->own[k]];
            g->dead = 1;
            own_range(s, g->first, g->last, -1);
        }
    return 1;
}

static hx_status add_name(hx__entities_scan *s, size_t i, size_t j, uint8_t src, const char *type, int weak)
{
    hx__ent_cand *n = push_cand(s);
    if (!n) return HX_NOMEM;
    n->first = (uint32_t)i;
    n->last = (uint32_t)j;
    n->src = src;
    n->type = type;
    n->weak = (uint8_t)weak;
    n->place = -1;
    own_range(s, i, j, (int32_t)(s->cands.n - 1));
    return HX_OK;
}

/* The tagger's mentions give types, not spans: its spans disagree with ours at the
 * edges ("Pyongyang busca") often enough that the capitalised runs and the gazetteer
 * make better mentions.  Records each tagged token's mention in ner_ment. */
static void tagger_types(hx__entities_scan *s)
{
    for (size_t m = 0; m < s->doc->mentions.n; m++) {
        const hx__mention *mm = HX__VEC_AT(s->doc->mentions, hx__mention, m);
        for (size_t k = mm->first; k < mm->last && k < s->nt; k++) s->ner_ment[k] = (uint32_t)m + 1;
    }
}

static int org_head(const hx__entities_scan *s, size_t i) { return (s->wcls[i] & HX__ENT_W_ORG) != 0; }

/* A run of capitalised words from i: returns its end (exclusive), or i when none. */
static size_t caps_run(const hx__entities_scan *s, size_t i)
{
    size_t j = i;
    uint32_t sid = s->t[i].sent;
    while (j < s->nt && s->t[j].sent == sid) {
        const hx__tok *t = &s->t[j];
        if (s->own[j] >= 0 && HX__VEC_AT(s->cands, hx__ent_cand, s->own[j])->src == HX__ENT_SRC_ROLE) break;
        if (j > i && (t->flags & HX__T_NEWLINE)) break; /* a headline or byline ends here */
        /* "dijo a EFE Viana Baptista": an acronym does not run into a name. */
        if (j > i && (t->flags & HX__T_UPPER) && hx__ent_is_acronym(s, j - 1) != hx__ent_is_acronym(s, j)
            && (s->t[j - 1].flags & HX__T_UPPER))
            break;
        if ((t->flags & HX__T_WORD) && (t->flags & HX__T_UPPER)) {
            j++;
            continue;
        }
        /* "de", "del", "de la", "de los", "de las" between capitalised words, and
         * the particles of personal names (von der Leyen, al Sisi, Lula da Silva). */
        const char *w = hx__ent_ftok(s, j);
        if (j > i && (s->wcls[j] & HX__ENT_W_PART)) {
            size_t k = j + 1;
            if (k < s->nt && (s->wcls[k] & HX__ENT_W_PART)) k++;
            if (k < s->nt && s->t[k].sent == sid && (s->t[k].flags & HX__T_WORD)
                && (s->t[k].flags & HX__T_UPPER)) {
                j = k;
                continue;
            }
        }
        if (j > i && (strcmp(w, "de") == 0 || strcmp(w, "del") == 0)) {
            size_t k = j + 1;
            if (k < s->nt && strcmp(w, "de") == 0
                && (strcmp(hx__ent_ftok(s, k), "la") == 0 || strcmp(hx__ent_ftok(s, k), "los") == 0
                    || strcmp(hx__ent_ftok(s, k), "las") == 0) && !(s->t[k].flags & HX__T_UPPER))
                k++;
            if (k < s->nt && s->t[k].sent == sid && (s->t[k].flags & HX__T_WORD)
                && (s->t[k].flags & HX__T_UPPER)) {
                j = k;
                continue;
            }
        }
        break;
    }
    return j;
}

/* The type of a capitalised run [a, b) the tagger did not see. */
static const char *guess_type(const hx__entities_scan *s, size_t a, size_t b)
{
    /* The tagger's type when it saw a name here (the last word decides: "Banco" may be
     * tagged apart, the head of a person's name rarely is). */
    if (s->ner_ment[b - 1]) return hx__ent_ner_type(s, b - 1);
    static const char *const to_place[] = {"en", "desde", "hacia", NULL};
    if (b - a == 1 && hx__ent_is_acronym(s, a)) return "ORG";
    /* "KN-23", "F-16": a model or a code. */
    if (b - a == 1 && has_digit(s->doc, &s->t[a]) && !has_lower_ascii(s->doc, &s->t[a])) return "MISC";
    if (org_head(s, a)) return "ORG";
    if (a > 0 && hx__ent_is_one_of(hx__ent_ftok(s, a - 1), to_place)) return "LOC";
    return "PER";
}

static hx_status capitalised_names(hx__entities_scan *s)
{
    for (size_t i = 0; i < s->nt;) {
        const hx__tok *t = &s->t[i];
        if (!(t->flags & HX__T_WORD) || !(t->flags & HX__T_UPPER)) {
            i++;
            continue;
        }
        size_t a = i, b = caps_run(s, i);
        if (b == i) {
            i++;
            continue;
        }
        i = b;
        while (a < b && (s->wcls[a] & HX__ENT_W_STOP)) a++;
        while (a < b && (s->wcls[a] & HX__ENT_W_CONN)) a++;
        if (a >= b) continue;
        hx__ent_cand *cs = s->cands.p;
        /* Exactly one gazetteer match: it stays. */
        if (s->own[a] >= 0 && cs[s->own[a]].first == a && cs[s->own[a]].last == b) continue;
        int has_gaz = 0, glued = 0;
        for (size_t k = a; k < b; k++) {
            if (s->own[k] >= 0 && cs[s->own[k]].src != HX__ENT_SRC_GAZ) goto next; /* the tagger's */
            if (s->own[k] >= 0) {
                has_gaz = 1;
                /* A place name glued to another capitalised word: Mauricio Macri. */
                const hx__ent_cand *g = &cs[s->own[k]];
                if ((g->first > a && s->own[g->first - 1] < 0 && !(s->wcls[g->first - 1] & HX__ENT_W_CONN))
                    || (g->last < b && s->own[g->last] < 0 && !(s->wcls[g->last] & HX__ENT_W_CONN)))
                    if (g->how != HX__KEY_ACRONYM) glued = 1;
            }
        }
        if (has_gaz && !org_head(s, a) && !glued) {
            /* Pieces between gazetteer matches are names of their own, with the
             * connectors inside them ("Defensoría del Pueblo" of "... de Colombia"). */
            for (size_t k = a; k < b;) {
                if (s->own[k] >= 0 || (s->wcls[k] & HX__ENT_W_CONN)) {
                    k++;
                    continue;
                }
                size_t e = k;
                while (e < b && s->own[e] < 0) e++;
                while (e > k && (s->wcls[e - 1] & HX__ENT_W_CONN)) e--;
                int weak = e - k == 1 && hx__ent_sentence_initial(s, k) && !s->ner_ment[k];
                hx_status st = add_name(s, k, e, HX__ENT_SRC_CAPS, guess_type(s, k, e), weak);
                if (st != HX_OK) return st;
                k = e;
            }
            continue;
        }
        if (b - a == 1 && org_head(s, a)) continue; /* "el Gobierno" alone is no name */
        /* "la ministra de Medio Ambiente": a portfolio, not a name. */
        if (a >= 2 && strcmp(hx__ent_ftok(s, a - 1), "de") == 0 && (s->wcls[a - 2] & HX__ENT_W_PORT)) continue;
        /* "el Gobierno de Chile" is the country acting: its mention is enough. */
        if (b - a >= 3 && (s->wcls[a] & HX__ENT_W_GOV) && s->own[b - 1] >= 0) {
            const hx__ent_cand *g = &cs[s->own[b - 1]];
            if (g->first == a + 2 && g->last == b && hx__gaz_places[g->place].kind == HX__PL_COUNTRY)
                continue;
        }
        clear_for_name(s, a, b, 0);
        hx_status st = add_name(s, a, b, HX__ENT_SRC_CAPS, guess_type(s, a, b),
                                b - a == 1 && hx__ent_sentence_initial(s, a) && !s->ner_ment[a]);
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
static int match_role(const hx__entities_scan *s, size_t i, size_t *end)
{
    int best = -1;
    size_t best_end = i;
    for (size_t r = 0; r < hx__ent_nroles; r++) {
        const char *w = hx__ent_roles[r].w;
        size_t k = i;
        while (k < s->nt) {
            const char *f = hx__ent_ftok(s, k);
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
static hx__ent_cand *gaz_at(hx__entities_scan *s, size_t i)
{
    if (i >= s->nt || s->own[i] < 0) return NULL;
    hx__ent_cand *g = HX__VEC_AT(s->cands, hx__ent_cand, s->own[i]);
    return g->src == HX__ENT_SRC_GAZ && !g->dead && g->first == i ? g : NULL;
}

static int anchor_of(const hx__ent_cand *g)
{
    const hx__place *p = &hx__gaz_places[g->place];
    if (p->kind == HX__PL_COUNTRY || p->kind == HX__PL_ORG) return g->place;
    return p->seat_of;
}

static hx_status find_roles(hx__entities_scan *s)
{
    for (size_t i = 0; i < s->nt; i++) {
        if (s->own[i] >= 0 || !(s->t[i].flags & HX__T_WORD)) continue;
        if (!(s->wcls[i] & HX__ENT_W_ROLE) || ((s->t[i].flags & HX__T_UPPER) && !hx__ent_sentence_initial(s, i))) continue;
        size_t e;
        int id = match_role(s, i, &e);
        if (id < 0) continue;
        /* "de Exteriores", "de Asuntos Exteriores": capitalised words that are no place
         * (a name the tagger saw there is dropped when the role is complete). */
        size_t mod0 = e, mod1 = e;
        if (e + 1 < s->nt && strcmp(hx__ent_ftok(s, e), "de") == 0 && !gaz_at(s, e + 1)
            && (s->t[e + 1].flags & HX__T_UPPER) && s->t[e + 1].sent == s->t[i].sent) {
            size_t k = e + 1;
            while (k < s->nt && !gaz_at(s, k) && (s->t[k].flags & HX__T_UPPER)
                   && s->own[k] < 0)
                k++;
            mod0 = e;
            e = mod1 = k;
        }
        hx__ent_cand *g = gaz_at(s, e);
        int anchor = -1;
        size_t end = e;
        if (g && g->how == HX__KEY_DEMONYM) {
            anchor = g->place;
            end = g->last;
            g->dead = 1;
            own_range(s, g->first, g->last, -1);
        } else if (e + 1 < s->nt && (strcmp(hx__ent_ftok(s, e), "de") == 0 || strcmp(hx__ent_ftok(s, e), "del") == 0)) {
            size_t k = e + 1;
            if (strcmp(hx__ent_ftok(s, e), "de") == 0 && k < s->nt && strcmp(hx__ent_ftok(s, k), "la") == 0) k++;
            g = gaz_at(s, k);
            if (g && g->how != HX__KEY_DEMONYM && (anchor = anchor_of(g)) >= 0) end = g->last;
        }
        if (anchor < 0) continue;
        for (size_t k = mod0; k < mod1; k++)
            if (s->own[k] >= 0) {
                hx__ent_cand *n = HX__VEC_AT(s->cands, hx__ent_cand, s->own[k]);
                n->dead = 1;
                own_range(s, n->first, n->last, -1);
            }
        hx__ent_cand *r = push_cand(s);
        if (!r) return HX_NOMEM;
        r->first = (uint32_t)i;
        r->last = (uint32_t)end;
        r->src = HX__ENT_SRC_ROLE;
        r->role = id;
        r->place = anchor;
        r->type = "PER";
        /* The role words are the role's; a country after "de" stays a mention too. */
        own_range(s, i, end > e && strcmp(hx__ent_ftok(s, e), "de") != 0 && strcmp(hx__ent_ftok(s, e), "del") != 0 ? end : e,
                  (int32_t)(s->cands.n - 1));
        i = end - 1;
    }
    return HX_OK;
}

/* ---------------------------------------------------------------- candidates in order */

static int cmp_cand(const void *a, const void *b)
{
    const hx__ent_cand *x = a, *y = b;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    if (x->last != y->last) return x->last > y->last ? -1 : 1;
    return 0;
}

/* Steps 1 to 3 on s (whose doc, t and nt are set): the candidates, sorted by position
 * (longest first), and each token's owner by sorted index for the clustering. */
hx_status hx__ent_candidates(hx__entities_scan *s)
{
    hx_status st;
    if ((st = fold_tokens(s)) != HX_OK) return st;
    if ((st = scan_gazetteer(s)) != HX_OK) return st;
    tagger_types(s);
    if ((st = find_roles(s)) != HX_OK) return st;
    if ((st = capitalised_names(s)) != HX_OK) return st;
    if (s->cands.n) qsort(s->cands.p, s->cands.n, sizeof(hx__ent_cand), cmp_cand);
    /* Owners again, by sorted index, for the contexts clustering looks at. */
    for (size_t i = 0; i < s->nt; i++) s->own[i] = -1;
    for (size_t k = 0; k < s->cands.n; k++) {
        const hx__ent_cand *n = HX__VEC_AT(s->cands, hx__ent_cand, k);
        if (!n->dead && n->src != HX__ENT_SRC_ROLE) own_range(s, n->first, n->last, (int32_t)k);
    }
    return HX_OK;
}
