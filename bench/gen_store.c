/*
 * gen_store.c -- builds a synthetic corpus for the store benchmark: N articles made of
 * CoNLL-2002 sentences (esp.train), written as document JSON Lines (with "text") that
 * `hechos ingest --analyzed` or bench_store stores.
 *
 *   gen_store ESP_TRAIN N [SENTENCES_PER_ARTICLE] > corpus.jsonl
 *
 * Article k takes S consecutive sentences from a pseudo-random start (so articles
 * differ), gets a date spread over four years and one of twelve outlets.  Its layers:
 *   - tokens, sentences, quantities and times: hechos' own analysis (numbers and times
 *     stages; the tagger is not needed);
 *   - entities: the gold NER spans of the corpus, one entity per distinct text and
 *     type, so entity frequencies are those of real news;
 *   - claims and events: SYNTHETIC load for the query benchmark, not extraction
 *     results: a claim for each sentence with a reporting word (dijo, según...)
 *     attributed to its first PER or ORG, and an event for each sentence with two
 *     entities and a verb (gold POS), its actors the sentence's entities.
 * Invariants: output is deterministic for given arguments; offsets are code points of
 * the text (words joined by single spaces).
 */
#include "hechos.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tok {
    char *word, *pos, *ner;
} tok;

typedef struct sent {
    size_t first, n; /* tokens [first, first + n) */
} sent;

static tok *toks;
static size_t ntoks, captoks;
static sent *sents;
static size_t nsents, capsents;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return p;
    *cap = *cap ? *cap * 2 : 4096;
    if (*cap < need) *cap = need;
    p = realloc(p, *cap * size);
    if (!p) {
        fputs("gen_store: out of memory\n", stderr);
        exit(71);
    }
    return p;
}

static void load(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    size_t start = 0;
    if (!f) {
        perror(path);
        exit(66);
    }
    while (fgets(line, sizeof line, f)) {
        char *w = strtok(line, " \t\r\n"), *p = strtok(NULL, " \t\r\n"), *n = strtok(NULL, " \t\r\n");
        if (!w || !p || !n) {
            if (ntoks > start) {
                sents = grow(sents, &capsents, nsents + 1, sizeof *sents);
                sents[nsents++] = (sent){start, ntoks - start};
            }
            start = ntoks;
            continue;
        }
        toks = grow(toks, &captoks, ntoks + 1, sizeof *toks);
        toks[ntoks++] = (tok){strdup(w), strdup(p), strdup(n)};
    }
    if (ntoks > start) {
        sents = grow(sents, &capsents, nsents + 1, sizeof *sents);
        sents[nsents++] = (sent){start, ntoks - start};
    }
    fclose(f);
}

static size_t cps(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static const char *const cues[][2] = {
    {"dijo", "decir"},         {"afirmó", "afirmar"},   {"señaló", "señalar"},
    {"informó", "informar"},   {"según", "según"},      {"aseguró", "asegurar"},
    {"explicó", "explicar"},   {"indicó", "indicar"},   {"declaró", "declarar"},
    {"manifestó", "manifestar"}, {"añadió", "añadir"},  {"anunció", "anunciar"},
};

static const char *cue_lemma(const char *w)
{
    char low[64];
    size_t i;
    for (i = 0; w[i] && i + 1 < sizeof low; i++) low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    low[i] = '\0';
    for (size_t k = 0; k < sizeof cues / sizeof *cues; k++)
        if (strcmp(low, cues[k][0]) == 0) return cues[k][1];
    return NULL;
}

typedef struct ment {
    size_t tok0, tok1, start, end;
    char type[8];
    int ent; /* index into the document's entity list */
} ment;

static void civil(long z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (*m <= 2));
}

int main(int argc, char **argv)
{
    static const char *const outlets[] = {"EFE", "Europa Press", "El País", "El Mundo", "ABC",
                                          "La Vanguardia", "Reuters", "AFP", "Clarín", "La Nación",
                                          "El Tiempo", "RTVE"};
    if (argc < 3) {
        fputs("usage: gen_store ESP_TRAIN N [SENTENCES_PER_ARTICLE]\n", stderr);
        return 64;
    }
    load(argv[1]);
    long n = atol(argv[2]);
    size_t S = argc > 3 ? (size_t)atol(argv[3]) : 12;
    hx_options opt = {"/nonexistent", HX_STAGE_TOKENS | HX_STAGE_NUMBERS | HX_STAGE_TIMES, 0};
    hx_ctx *ctx;
    hx_error err;
    if (hx_ctx_new(&opt, &ctx, &err) != HX_OK) {
        fprintf(stderr, "gen_store: %s\n", err.msg);
        return 70;
    }
    char *text = NULL;
    size_t cap = 0;
    size_t *tstart = NULL, *tend = NULL, *tglob = NULL, tcap = 0; /* [article token] */
    ment *ms = NULL;
    size_t mcap = 0;
    unsigned long long seed = 0x9e3779b97f4a7c15ull;
    for (long k = 0; k < n; k++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t s0 = (size_t)(seed >> 33) % (nsents - S);
        /* The text and each token's code-point span. */
        size_t len = 0, cp = 0, nt = 0;
        for (size_t s = s0; s < s0 + S; s++) nt += sents[s].n;
        tstart = grow(tstart, &tcap, nt, sizeof *tstart);
        tend = realloc(tend, tcap * sizeof *tend);
        tglob = realloc(tglob, tcap * sizeof *tglob);
        if (!tend || !tglob) return 71;
        size_t ti = 0;
        for (size_t s = s0; s < s0 + S; s++)
            for (size_t t = sents[s].first; t < sents[s].first + sents[s].n; t++) {
                size_t wl = strlen(toks[t].word);
                text = grow(text, &cap, len + wl + 2, 1);
                if (len) text[len++] = ' ', cp++;
                memcpy(text + len, toks[t].word, wl);
                len += wl;
                tstart[ti] = cp;
                tglob[ti] = t;
                cp += cps(toks[t].word);
                tend[ti++] = cp;
            }
        text[len] = '\0';
        int y;
        unsigned mo, d;
        civil(18262 + (long)((k * 37) % 1461), &y, &mo, &d); /* 2020-01-01 + up to 4 years */
        char date[32], id[32], title[160];
        snprintf(date, sizeof date, "%04d-%02u-%02u", y, mo, d);
        snprintf(id, sizeof id, "g%ld", k);
        size_t tl = 0;
        title[0] = '\0';
        for (size_t t = sents[s0].first; t < sents[s0].first + sents[s0].n && t < sents[s0].first + 8; t++)
            tl += (size_t)snprintf(title + tl, sizeof title - tl, "%s%s", tl ? " " : "", toks[t].word);
        hx_docinfo info = {id, title, date, outlets[k % 12], NULL, NULL, 0};
        hx_doc *doc;
        char *json;
        if (hx_doc_new(ctx, text, len, &info, &doc, &err) != HX_OK || hx_doc_analyze(doc, &err) != HX_OK ||
            hx_doc_json(doc, HX_JSON_NO_TOKENS, &json, NULL, &err) != HX_OK) {
            fprintf(stderr, "gen_store: article %ld: %s\n", k, err.msg);
            return 70;
        }
        hx_doc_free(doc);
        json_t *root = json_loads(json, 0, NULL);
        hx_free(json);
        /* Gold mentions -> entities. */
        size_t nm = 0;
        ti = 0;
        for (size_t s = s0; s < s0 + S; s++)
            for (size_t t = sents[s].first; t < sents[s].first + sents[s].n; t++, ti++) {
                const char *ner = toks[t].ner;
                if (ner[0] == 'B' || (ner[0] == 'I' && (nm == 0 || ms[nm - 1].tok1 != ti))) {
                    ms = grow(ms, &mcap, nm + 1, sizeof *ms);
                    ms[nm] = (ment){ti, ti + 1, tstart[ti], tend[ti], "", -1};
                    snprintf(ms[nm].type, sizeof ms[nm].type, "%s", ner + 2);
                    nm++;
                } else if (ner[0] == 'I') {
                    ms[nm - 1].tok1 = ti + 1;
                    ms[nm - 1].end = tend[ti];
                }
            }
        json_t *ents = json_array();
        for (size_t i = 0; i < nm; i++) {
            char buf[512];
            size_t bl = 0;
            for (size_t t = ms[i].tok0; t < ms[i].tok1 && bl < sizeof buf - 1; t++)
                bl += (size_t)snprintf(buf + bl, sizeof buf - bl, "%s%s", bl ? " " : "", toks[tglob[t]].word);
            json_t *mt = json_pack("{s:s, s:I, s:I, s:s}", "text", buf, "start", (json_int_t)ms[i].start,
                                   "end", (json_int_t)ms[i].end, "kind", "name");
            size_t e;
            for (e = 0; e < json_array_size(ents); e++) {
                json_t *x = json_array_get(ents, e);
                if (strcmp(json_string_value(json_object_get(x, "name")), buf) == 0 &&
                    strcmp(json_string_value(json_object_get(x, "type")), ms[i].type) == 0)
                    break;
            }
            if (e == json_array_size(ents)) {
                char eid[16];
                snprintf(eid, sizeof eid, "E%zu", e + 1);
                json_array_append_new(ents, json_pack("{s:s, s:s, s:s, s:[]}", "id", eid, "type", ms[i].type,
                                                      "name", buf, "mentions"));
            }
            ms[i].ent = (int)e;
            json_array_append_new(json_object_get(json_array_get(ents, e), "mentions"), mt);
        }
        json_object_set_new(root, "entities", ents);
        /* Synthetic claims and events, sentence by sentence. */
        json_t *claims = json_array(), *events = json_array();
        ti = 0;
        size_t mi = 0;
        for (size_t s = s0; s < s0 + S; s++) {
            size_t a = ti, b = ti + sents[s].n;
            const char *lemma = NULL, *cue = NULL;
            size_t verb = SIZE_MAX;
            for (size_t t = 0; t < sents[s].n; t++) {
                const tok *tk = &toks[sents[s].first + t];
                const char *l = cue_lemma(tk->word);
                if (l && !lemma) lemma = l, cue = tk->word;
                if (tk->pos[0] == 'V' && verb == SIZE_MAX) verb = a + t;
            }
            size_t m0 = mi;
            while (mi < nm && ms[mi].tok0 < b) mi++;
            int src = -1, actors[4], na = 0;
            for (size_t i = m0; i < mi; i++) {
                if (src < 0 && (strcmp(ms[i].type, "PER") == 0 || strcmp(ms[i].type, "ORG") == 0)) src = (int)i;
                int dup = 0;
                for (int x = 0; x < na; x++) dup |= actors[x] == ms[i].ent;
                if (!dup && na < 4) actors[na++] = ms[i].ent;
            }
            if (lemma && src >= 0) {
                char eid[16];
                snprintf(eid, sizeof eid, "E%d", ms[src].ent + 1);
                json_array_append_new(
                    claims, json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:I, s:I}, s:b, s:b, s:b}", "source", eid,
                                      "source_text",
                                      json_string_value(json_object_get(json_array_get(ents, (size_t)ms[src].ent), "name")),
                                      "cue", "text", cue, "lemma", lemma, "content", "start", (json_int_t)tstart[a],
                                      "end", (json_int_t)tend[b - 1], "quote", 0, "hedged", 0, "negated", 0));
            }
            if (na >= 2 && verb != SIZE_MAX) {
                json_t *acts = json_array();
                for (int x = 0; x < na; x++) {
                    char eid[16];
                    snprintf(eid, sizeof eid, "E%d", actors[x] + 1);
                    json_array_append_new(acts, json_pack("{s:s, s:s}", "entity", eid, "role", x ? "target" : "actor"));
                }
                size_t vt = tglob[verb];
                json_array_append_new(events, json_pack("{s:s, s:{s:s, s:I, s:I}, s:o}", "type", "generic", "trigger",
                                                        "text", toks[vt].word, "start", (json_int_t)tstart[verb],
                                                        "end", (json_int_t)tend[verb], "actors", acts));
            }
            ti = b;
        }
        json_object_set_new(root, "claims", claims);
        json_object_set_new(root, "events", events);
        json_object_set_new(root, "text", json_stringn(text, len));
        char *out = json_dumps(root, JSON_COMPACT);
        puts(out);
        free(out);
        json_decref(root);
    }
    hx_ctx_free(ctx);
    return 0;
}
