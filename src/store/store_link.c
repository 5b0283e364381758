/*
 * store_link.c -- across articles (issue 23): after a document is stored, inside its
 * savepoint, joins what it names to what the corpus already holds.
 *
 *   - Entities: a new entity row (a new name, type and country) is linked to the real
 *     thing an earlier row names when one of its names is a variant of that row's names
 *     (same letters once case, accents, hyphens, spaces, initials and the usual
 *     transliteration pairs y/i, w/v and doubled letters are set aside: "Kim Jong Un" ~
 *     "Kim Jong-un", "Volodymyr Zelensky" ~ "Volodímir Zelenski", "Donald J. Trump" ~
 *     "Donald Trump"; an acronym the article gives: "UME" ~ "Unidad Militar de
 *     Emergencias"), or when it is a person's surname alone and exactly one person of
 *     the corpus bears it ("Boluarte" ~ "Dina Boluarte"; "Pérez" stays apart when two
 *     Pérez are known).  Types must be equal and countries equal or one unknown.
 *     entities.canon holds the real thing (the first row's id), entity_links the reason,
 *     so a link is shown by `query entity` and undone by resetting canon.
 *   - Events: an event with participants or a place joins an event of another article
 *     with the same CAMEO root (18-20 one family), a participant or place in common (two
 *     when both have two), within 3 days.
 *   - Figures: each figure that counts a thing gets the entities named in its sentence
 *     (quantities.s0/s1, stored by store_ingest.c) other than its source: what the
 *     figure is about, for conflicts.
 *
 * Invariants: only indexed lookups (entity_variants by key, entities by canon,
 * event_actors by entity and day), so linking never re-reads the corpus; a row's
 * canon is always a row whose canon is itself.
 */
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum {
    L_NEW_ENTITIES, L_ALIASES, L_VARIANT_FIND, L_VARIANT_PUT, L_SET_CANON, L_LINK_PUT,
    L_EVENTS, L_EVENT_PARTS, L_EVENT_CAND, L_EVENT_SET,
    L_QUANT_ENTS, L_MENTION_AT, L_PLACE_PUT, L_N
};

_Static_assert(L_N <= HX__L_COUNT, "store.h: HX__L_COUNT too small");

static const char *const lsql[L_N] = {
    [L_NEW_ENTITIES] = "SELECT e.id, e.name, e.type, e.country FROM doc_entities de"
                       " JOIN entities e ON e.id=de.entity_id WHERE de.doc_id=? AND e.canon IS NULL ORDER BY e.id",
    [L_ALIASES] = "SELECT DISTINCT text FROM mentions WHERE doc_id=? AND entity_id=?"
                  " AND (kind IS NULL OR kind IN ('name','acronym')) ORDER BY text",
    [L_VARIANT_FIND] = "SELECT e.canon, e.country, c.name, c.n_docs, e.id, c.country FROM entity_variants v"
                       " JOIN entities e ON e.id=v.entity_id JOIN entities c ON c.id=e.canon"
                       " WHERE v.vkey=? AND v.type=? AND e.id<>? ORDER BY e.id",
    [L_VARIANT_PUT] = "INSERT INTO entity_variants(vkey,type,entity_id) VALUES(?,?,?)"
                     " ON CONFLICT DO NOTHING",
    [L_SET_CANON] = "UPDATE entities SET canon=? WHERE id=?",
    [L_LINK_PUT] = "INSERT INTO entity_links(entity_id,canon,reason,via) VALUES(?,?,?,?)"
                   " ON CONFLICT(entity_id) DO UPDATE SET canon=excluded.canon,"
                   " reason=excluded.reason, via=excluded.via, undone=0",
    [L_EVENTS] = "SELECT id, day FROM events WHERE doc_id=? ORDER BY id",
    /* the rarest first: the candidates are looked up through the first */
    [L_EVENT_PARTS] = "SELECT e.canon, min(c.n_docs) FROM event_actors ea JOIN entities e ON e.id=ea.entity_id"
                      " JOIN entities c ON c.id=e.canon"
                      " WHERE ea.event_id=? AND ea.role IN ('actor','target','','place')"
                      " GROUP BY e.canon ORDER BY 2, 1",
    [L_EVENT_CAND] = "SELECT v.id, COALESCE(v.xevent, v.id) FROM entities e"
                     " JOIN event_actors ea ON ea.entity_id=e.id AND ea.day BETWEEN ?2-3 AND ?2+3"
                     " JOIN events v ON v.id=ea.event_id"
                     " WHERE e.canon=?1 AND v.doc_id<>?4 AND (v.root=?3 OR"
                     "  (?3 IN ('18','19','20') AND v.root IN ('18','19','20')))"
                     " ORDER BY e.id, ea.day, v.id LIMIT 64",
    [L_EVENT_SET] = "UPDATE events SET root=?, xevent=? WHERE id=?",
    [L_MENTION_AT] = "SELECT entity_id FROM mentions WHERE doc_id=? AND start=? AND entity_id IS NOT NULL"
                    " ORDER BY id LIMIT 1",
    [L_PLACE_PUT] = "INSERT INTO event_actors(event_id,entity_id,role,day) VALUES(?,?,'place',?)"
                     " ON CONFLICT DO NOTHING",
    /* What a figure is about: the entities named in its claim's content (which leaves
     * out "según la agencia Yonhap") within its sentence, or in its sentence, except
     * its source, the claimants of the article (who speak, not what is counted) and
     * demonyms (in "23 cubanos" Cuba is what the thing says already, not a subject two
     * figures share). */
    [L_QUANT_ENTS] = "INSERT INTO quantity_entities(quantity_id, entity_id)"
                     " SELECT q.id, m.entity_id FROM quantities q LEFT JOIN claims c ON c.id=q.claim_id"
                     " JOIN mentions m ON m.doc_id=q.doc_id"
                     "  AND m.start>=CASE WHEN c.start>q.s0 THEN c.start ELSE q.s0 END"
                     "  AND m.\"end\"<=CASE WHEN c.\"end\"<q.s1 THEN c.\"end\" ELSE q.s1 END"
                     " JOIN entities e ON e.id=m.entity_id"
                     " WHERE q.doc_id=? AND q.s0 IS NOT NULL AND q.thing IS NOT NULL AND q.thing<>''"
                     "  AND e.key<>COALESCE(q.source_key,'')"
                     "  AND COALESCE(m.kind,'')<>'demonym'"
                     "  AND m.entity_id NOT IN (SELECT source_entity FROM claims"
                     "   WHERE doc_id=q.doc_id AND source_entity IS NOT NULL)"
                     " ON CONFLICT DO NOTHING",
};

static hx__stmt *lstmt(hx_store *st, int i)
{
    if (!st->lstmt[i] && hx__db_prepare(st->db, lsql[i], 1, &st->lstmt[i])) return NULL;
    hx__db_reset(st->lstmt[i]);
    return st->lstmt[i];
}

static int done(hx__stmt *s)
{
    int r = hx__db_step(s);
    hx__db_reset(s);
    return r == HX__DB_DONE ? 0 : -1;
}

/* ---------------------------------------------------------------- name variants */

/* Appends prefix and the variant key of name[0..n): folded, initials dropped (when
 * other words remain), y as i, w as v, doubled letters once, no spaces.  last: only
 * the last word.  Returns 0, or -1 when out of memory. */
static int variant(hx__buf *out, const char *prefix, const char *name, int last)
{
    hx__buf f = {0};
    out->n = 0;
    hx__buf_puts(out, prefix);
    if (hx__store_fold(&f, name, strlen(name)) < 0) goto fail;
    size_t words = 0, from = 0;
    for (size_t i = 0; i < f.n; i++)
        if (f.p[i] == ' ') words++, from = i + 1;
    words++;
    if (!last) from = 0;
    char prev = 0;
    for (size_t i = from; i < f.n;) {
        size_t j = i;
        while (j < f.n && f.p[j] != ' ') j++;
        if (!(j - i == 1 && words > 1 && !last)) { /* "J." in "Donald J. Trump" */
            for (size_t k = i; k < j; k++) {
                char c = f.p[k] == 'y' ? 'i' : f.p[k] == 'w' ? 'v' : f.p[k];
                if (c != prev) hx__buf_putc(out, c);
                prev = c;
            }
        }
        i = j + 1;
    }
    hx__buf_free(&f);
    return out->oom ? -1 : 0;
fail:
    hx__buf_free(&f);
    return -1;
}

static int one_word(const char *name)
{
    for (const char *p = name; *p; p++)
        if (*p == ' ' || *p == '-') return 0;
    return 1;
}

/* A candidate real thing for a new entity. */
typedef struct cand {
    int64_t canon, via;
    long long docs;
    char name[128];
    int distinct; /* number of distinct canons seen (surname lookups) */
} cand;

/* Looks key up among type's variants; keeps in *c the compatible real thing with most
 * documents and counts the distinct ones. */
static int lookup(hx_store *st, const char *key, const char *type, const char *country,
                  int64_t self, cand *c)
{
    hx__stmt *s = lstmt(st, L_VARIANT_FIND);
    int r;
    if (!s) return -1;
    hx__db_bind_text(s, 1, key, -1);
    hx__db_bind_text(s, 2, type, -1);
    hx__db_bind_int64(s, 3, self);
    while ((r = hx__db_step(s)) == HX__DB_ROW) {
        int64_t canon = hx__db_column_int64(s, 0);
        const char *ct = hx__db_column_text(s, 1, NULL);
        const char *cc = hx__db_column_text(s, 5, NULL); /* the real thing's */
        long long docs = hx__db_column_int64(s, 3);
        if (canon == self) continue;
        if (ct && *ct && *country && strcmp(ct, country) != 0) continue;
        if (cc && *cc && *country && strcmp(cc, country) != 0) continue;
        if (c->canon != canon) c->distinct++;
        if (!c->canon || docs > c->docs) {
            const char *nm = hx__db_column_text(s, 2, NULL);
            c->canon = canon;
            c->docs = docs;
            c->via = hx__db_column_int64(s, 4);
            snprintf(c->name, sizeof c->name, "%s", nm ? nm : "");
        }
    }
    hx__db_reset(s);
    return r == HX__DB_DONE ? 0 : -1;
}

static int put_variant(hx_store *st, const char *key, const char *type, int64_t id)
{
    hx__stmt *s = lstmt(st, L_VARIANT_PUT);
    if (!s) return -1;
    hx__db_bind_text(s, 1, key, -1);
    hx__db_bind_text(s, 2, type, -1);
    hx__db_bind_int64(s, 3, id);
    return done(s);
}

/* The names of entity id in this document, its canonical name first, then the other
 * forms the article gives it (names and acronyms); at most max, each malloc'd. */
static size_t names_of(hx_store *st, int64_t doc, int64_t id, const char *name,
                       char **out, size_t max)
{
    size_t n = 0;
    hx__stmt *s = lstmt(st, L_ALIASES);
    if (!(out[n] = strdup(name))) return 0;
    n++;
    if (!s) return n;
    hx__db_bind_int64(s, 1, doc);
    hx__db_bind_int64(s, 2, id);
    while (n < max && hx__db_step(s) == HX__DB_ROW) {
        const char *t = hx__db_column_text(s, 0, NULL);
        if (t && strcmp(t, name) != 0 && (out[n] = strdup(t))) n++;
    }
    hx__db_reset(s);
    return n;
}

/* The key of form: "n:" and its variant for a name of several words (or the entity's
 * canonical name, or an acronym: one word in capitals); "s:" and its variant for a
 * short form of one word the article uses for a longer name ("Pérez", "Kim"), which
 * links only when a single real thing bears it. */
static int form_key(hx__buf *key, const char *form, int canonical)
{
    int caps = 1;
    for (const char *p = form; *p; p++) caps &= !(*p >= 'a' && *p <= 'z');
    if (canonical || !one_word(form) || caps) return variant(key, "n:", form, 0);
    return variant(key, "s:", form, 1);
}

static void why(char *out, size_t size, int surname, const char *form, const char *name,
                const char *other)
{
    if (surname)
        snprintf(out, size, "\"%s\" alone is the short name of \"%s\", the only one of the"
                 " corpus who bears it", form, other);
    else if (strcmp(form, other) == 0)
        snprintf(out, size, "\"%s\" is the same name as \"%s\" (type equal, the country known"
                 " on one side only)", form, other);
    else if (strcmp(form, name) != 0)
        snprintf(out, size, "\"%s\", which this article gives as \"%s\", is \"%s\" written"
                 " another way (case, accents, hyphens, initials or transliteration)", form, name, other);
    else
        snprintf(out, size, "\"%s\" is \"%s\" written another way (case, accents, hyphens,"
                 " initials or transliteration)", form, other);
}

/* Links one new entity row and registers its variants. */
static int link_entity(hx_store *st, int64_t doc, int64_t id, const char *name,
                       const char *type, const char *country)
{
    char *names[8];
    size_t nn = names_of(st, doc, id, name, names, 8);
    hx__buf key = {0};
    cand c = {0};
    char reason[512];
    int rc = -1;
    reason[0] = '\0';
    for (size_t i = 0; i < nn && !c.canon; i++) {
        if (form_key(&key, names[i], i == 0)) goto out;
        if (key.p[0] == 's') continue; /* short forms of this row: registered below */
        if (lookup(st, key.p, type, country, id, &c)) goto out;
        if (c.canon) why(reason, sizeof reason, 0, names[i], name, c.name);
    }
    if (!c.canon && strcmp(type, "PER") == 0 && one_word(name)) {
        cand sur = {0};
        if (variant(&key, "s:", name, 1) || lookup(st, key.p, type, country, id, &sur)) goto out;
        if (sur.canon && sur.distinct == 1) {
            c = sur;
            why(reason, sizeof reason, 1, name, name, c.name);
        }
    }
    hx__stmt *s = lstmt(st, L_SET_CANON);
    if (!s) goto out;
    hx__db_bind_int64(s, 1, c.canon ? c.canon : id);
    hx__db_bind_int64(s, 2, id);
    if (done(s)) goto out;
    if (c.canon) {
        if (!(s = lstmt(st, L_LINK_PUT))) goto out;
        hx__db_bind_int64(s, 1, id);
        hx__db_bind_int64(s, 2, c.canon);
        hx__db_bind_text(s, 3, reason, -1);
        hx__db_bind_int64(s, 4, c.via);
        if (done(s)) goto out;
    }
    for (size_t i = 0; i < nn; i++)
        if (form_key(&key, names[i], i == 0) || put_variant(st, key.p, type, id)) goto out;
    if (strcmp(type, "PER") == 0 && !one_word(name))
        if (variant(&key, "s:", name, 1) || put_variant(st, key.p, type, id)) goto out;
    rc = 0;
out:
    for (size_t i = 0; i < nn; i++) free(names[i]);
    hx__buf_free(&key);
    return rc;
}

static int link_entities(hx_store *st, int64_t doc)
{
    /* Read the new rows first: linking writes to the tables the query reads. */
    typedef struct row { int64_t id; char *name, *type, *country; } row;
    hx__vec v = {0};
    hx__stmt *s = lstmt(st, L_NEW_ENTITIES);
    int rc = -1, r;
    if (!s) return -1;
    hx__db_bind_int64(s, 1, doc);
    while ((r = hx__db_step(s)) == HX__DB_ROW) {
        row x = {hx__db_column_int64(s, 0), strdup(hx__db_column_text(s, 1, NULL)),
                 strdup(hx__db_column_text(s, 2, NULL)),
                 strdup(hx__db_column_text(s, 3, NULL))};
        row *slot = x.name && x.type && x.country ? hx__vec_push(&v, sizeof x) : NULL;
        if (!slot) {
            free(x.name), free(x.type), free(x.country);
            r = HX__DB_ERROR;
            break;
        }
        *slot = x;
    }
    hx__db_reset(s);
    row *rs = v.p;
    if (r == HX__DB_DONE) {
        rc = 0;
        for (size_t i = 0; i < v.n && rc == 0; i++)
            rc = link_entity(st, doc, rs[i].id, rs[i].name, rs[i].type, rs[i].country);
    }
    for (size_t i = 0; i < v.n; i++) free(rs[i].name), free(rs[i].type), free(rs[i].country);
    hx__vec_free(&v);
    return rc;
}

/* ---------------------------------------------------------------- events */

/* The distinct real things taking part in event ev (at most max). */
static size_t parts_of(hx_store *st, int64_t ev, int64_t *out, size_t max)
{
    hx__stmt *s = lstmt(st, L_EVENT_PARTS);
    size_t n = 0;
    if (!s) return 0;
    hx__db_bind_int64(s, 1, ev);
    while (n < max && hx__db_step(s) == HX__DB_ROW)
        if (hx__db_column_type(s, 0) != HX__DB_NULL) out[n++] = hx__db_column_int64(s, 0);
    hx__db_reset(s);
    return n;
}

static size_t shared(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
    size_t k = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) k += a[i] == b[j];
    return k;
}

/* The entity of the mention the event's place starts at, stored as its place when the
 * document gave the place without an entity. */
static int put_place(hx_store *st, int64_t doc, int64_t ev, long long day,
                     const hx__json *j, long e)
{
    long pl = hx__jget(j, e, "place"), st0 = hx__jget(j, pl, "start");
    if (pl < 0 || st0 < 0 || j->v[st0].type != HX__J_NUM || hx__jget(j, pl, "entity") >= 0) return 0;
    hx__stmt *s = lstmt(st, L_MENTION_AT);
    int64_t ent = 0;
    if (!s) return -1;
    hx__db_bind_int64(s, 1, doc);
    hx__db_bind_int64(s, 2, (long long)j->v[st0].num);
    if (hx__db_step(s) == HX__DB_ROW) ent = hx__db_column_int64(s, 0);
    hx__db_reset(s);
    if (!ent) return 0;
    if (!(s = lstmt(st, L_PLACE_PUT))) return -1;
    hx__db_bind_int64(s, 1, ev);
    hx__db_bind_int64(s, 2, ent);
    hx__db_bind_int64(s, 3, day >= 0 ? day : 0x7fffffffL);
    return done(s);
}

/* The cross-document event of event ev (root, day, participants and place), or ev
 * itself.  Roots 18, 19 and 20 (assault, fight, mass violence) are one family: the
 * same attack is an "atentado" for one outlet and an "ataque" for another. */
static int64_t find_xevent(hx_store *st, int64_t doc, int64_t ev,
                                 const char *root, long long day)
{
    int64_t mine[8], theirs[8], best = 0;
    size_t nm = parts_of(st, ev, mine, 8);
    for (size_t i = 0; i < nm && i < 2 && !best; i++) { /* through the two rarest */
        hx__stmt *s = lstmt(st, L_EVENT_CAND);
        int64_t cands[64][2];
        size_t nc = 0;
        if (!s) return ev;
        hx__db_bind_int64(s, 1, mine[i]);
        hx__db_bind_int64(s, 2, day);
        hx__db_bind_text(s, 3, root, -1);
        hx__db_bind_int64(s, 4, doc);
        while (nc < 64 && hx__db_step(s) == HX__DB_ROW) {
            cands[nc][0] = hx__db_column_int64(s, 0);
            cands[nc++][1] = hx__db_column_int64(s, 1);
        }
        hx__db_reset(s);
        for (size_t c = 0; c < nc && !best; c++) {
            size_t nt = parts_of(st, cands[c][0], theirs, 8);
            size_t need = nm >= 2 && nt >= 2 ? 2 : 1;
            if (shared(mine, nm, theirs, nt) >= need) best = cands[c][1];
        }
    }
    return best ? best : ev;
}

static int link_events(hx_store *st, int64_t doc, const hx__json *j)
{
    long es = hx__jget(j, 0, "events");
    int64_t ids[512];
    long long days[512];
    size_t n = 0;
    hx__stmt *s = lstmt(st, L_EVENTS);
    if (!s || es < 0 || j->v[es].type != HX__J_ARR) return s ? 0 : -1;
    hx__db_bind_int64(s, 1, doc);
    while (n < 512 && hx__db_step(s) == HX__DB_ROW) {
        ids[n] = hx__db_column_int64(s, 0);
        days[n++] = hx__db_column_type(s, 1) == HX__DB_NULL ? -1 : hx__db_column_int64(s, 1);
    }
    hx__db_reset(s);
    /* put_events stores one row per element of "events", in order. */
    size_t k = 0;
    for (size_t i = (size_t)es + 1; i < j->v[es].next && k < n; i = j->v[i].next, k++) {
        long r = hx__jget(j, (long)i, "root"), c = hx__jget(j, (long)i, "cameo");
        char root[3] = "";
        if (r >= 0 && j->v[r].type == HX__J_STR) snprintf(root, sizeof root, "%s", j->v[r].s);
        else if (c >= 0 && j->v[c].type == HX__J_STR) snprintf(root, sizeof root, "%.2s", j->v[c].s);
        if (put_place(st, doc, ids[k], days[k], j, (long)i)) return -1;
        if (!root[0]) continue; /* no root: never joined, xevent NULL is itself */
        int64_t x = days[k] >= 0 ? find_xevent(st, doc, ids[k], root, days[k]) : ids[k];
        if (!(s = lstmt(st, L_EVENT_SET))) return -1;
        hx__db_bind_text(s, 1, root, -1);
        hx__db_bind_int64(s, 2, x);
        hx__db_bind_int64(s, 3, ids[k]);
        if (done(s)) return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- figures */

static int link_quantities(hx_store *st, int64_t doc)
{
    hx__stmt *s = lstmt(st, L_QUANT_ENTS);
    if (!s) return -1;
    hx__db_bind_int64(s, 1, doc);
    return done(s);
}

int hx__store_link(hx_store *st, int64_t doc, const hx__json *j)
{
    if (link_entities(st, doc) || link_events(st, doc, j) || link_quantities(st, doc)) return -1;
    return 0;
}
