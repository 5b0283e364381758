/*
 * plover_out.c -- the PLOVER view leaves the library: the "plover" member of every event
 * in the document JSON (hx__json_plover_member, called by the events writer) and the
 * PLOVER JSON Lines records of hx_doc_plover, one per coded event, with the article's
 * id, url, date, language and the codebook version (docs/events.md, docs/schema.md).
 *
 * Both write the same members through write_body, so the two outputs cannot drift
 * apart.  Strings borrow from the document and the static tables.
 */
#include "plover/plover.h"

#include "entities/entities.h"

#include <stdint.h>
#include <string.h>

static void json_str_or_null(hx__buf *b, const char *s)
{
    if (s && s[0]) hx__buf_json_str(b, s, strlen(s));
    else hx__buf_puts(b, "null");
}

/* The gazetteer place of an entity, or NULL. */
static const hx__place *entity_place(const hx_doc *doc, int32_t e)
{
    if (e < 0 || (size_t)e >= doc->entities.n) return NULL;
    const hx__entity *E = HX__VEC_AT(doc->entities, hx__entity, e);
    return E->place >= 0 ? &hx__gaz_places[E->place] : NULL;
}

/* An actor list of the participants a[0..n) that are present: each
 * {text, start, end, bytes, entity, id, code, country, sector}. */
static void write_actors(hx__buf *b, const hx_doc *doc, const hx__ev_arg *const *a, size_t n)
{
    const hx__tok *t = doc->toks.p;
    int any = 0;
    hx__buf_putc(b, '[');
    for (size_t k = 0; k < n; k++) {
        if (a[k]->first >= a[k]->last) continue;
        const hx__place *p = entity_place(doc, a[k]->entity);
        hx__buf_puts(b, any++ ? ",{" : "{");
        hx__json_text_span(b, doc, t[a[k]->first].b0, t[a[k]->last - 1].b1);
        if (a[k]->entity >= 0) {
            hx__buf_puts(b, ",\"entity\":\"E");
            hx__buf_uint(b, (size_t)a[k]->entity + 1);
            hx__buf_putc(b, '"');
        }
        else hx__buf_puts(b, ",\"entity\":null");
        hx__buf_puts(b, ",\"id\":");
        json_str_or_null(b, p ? p->id : NULL);
        hx__buf_puts(b, ",\"code\":");
        json_str_or_null(b, hx__ev_alpha3(a[k]->country));
        hx__buf_puts(b, ",\"country\":");
        json_str_or_null(b, a[k]->country);
        hx__buf_puts(b, ",\"sector\":");
        json_str_or_null(b, hx__pl_sector_of(a[k]->role));
        hx__buf_putc(b, '}');
    }
    hx__buf_putc(b, ']');
}

/* Source and recipient lists, as the PLOVER manual puts participants: a visitor is the
 * source and the host the recipient (CAMEO 043 "host a visit" names the host first, so it
 * swaps); in other consultations, where nobody hosts, every participant is a source. */
static void write_participants(hx__buf *b, const hx_doc *doc, const hx__event *ev, const hx__plover *pl)
{
    const hx__ev_arg *src[2] = {&ev->actor, &ev->target}, *rcp[1] = {&ev->target};
    size_t nsrc = 1, nrcp = 1;
    if (strcmp(pl->type, "CONSULT") == 0 && strncmp(ev->entry->code, "043", 3) == 0) {
        src[0] = &ev->target;
        rcp[0] = &ev->actor;
    } else if (strcmp(pl->type, "CONSULT") == 0 && strncmp(ev->entry->code, "042", 3) != 0) {
        nsrc = 2;
        nrcp = 0;
    }
    hx__buf_puts(b, ",\"actors\":");
    write_actors(b, doc, src, nsrc);
    hx__buf_puts(b, ",\"recipients\":");
    write_actors(b, doc, rcp, nrcp);
}

static void write_location(hx__buf *b, const hx_doc *doc, const hx__plover *pl)
{
    const hx__event *ev = HX__VEC_AT(doc->events, hx__event, pl->place);
    int32_t e = pl->place_entity;
    static const char *const RES[] = {"country", "region", "city", NULL};
    if (ev->place0 >= ev->place1) {
        hx__buf_puts(b, "null");
        return;
    }
    const hx__tok *t = doc->toks.p;
    const hx__place *p = entity_place(doc, e);
    hx__buf_putc(b, '{');
    hx__json_text_span(b, doc, t[ev->place0].b0, t[ev->place1 - 1].b1);
    hx__buf_puts(b, ",\"name\":");
    json_str_or_null(b, p ? p->name : NULL);
    hx__buf_puts(b, ",\"id\":");
    json_str_or_null(b, p ? p->id : NULL);
    hx__buf_puts(b, ",\"country\":");
    json_str_or_null(b, p ? p->cc : NULL);
    if (p && p->lat != HX__NOGEO) {
        hx__buf_puts(b, ",\"lat\":");
        hx__buf_json_num(b, p->lat);
        hx__buf_puts(b, ",\"lon\":");
        hx__buf_json_num(b, p->lon);
    } else {
        hx__buf_puts(b, ",\"lat\":null,\"lon\":null");
    }
    hx__buf_puts(b, ",\"resolution\":");
    json_str_or_null(b, p && p->kind <= HX__PL_CITY ? RES[p->kind] : NULL);
    hx__buf_putc(b, '}');
}

/* The members shared by the "plover" object and the JSON Lines record, from "type" on. */
static void write_body(hx__buf *b, const hx_doc *doc, const hx__event *ev, const hx__plover *pl)
{
    static const char *const COUNT[] = {"dead", "injured", "arrested"};
    const double counts[] = {pl->dead, pl->injured, pl->arrested};
    hx__buf_puts(b, "\"type\":");
    json_str_or_null(b, pl->type);
    hx__buf_puts(b, ",\"mode\":");
    json_str_or_null(b, pl->mode);
    hx__buf_puts(b, ",\"contexts\":[");
    int any = 0;
    for (size_t c = 0; c < hx__pl_ncontexts; c++)
        if (pl->contexts >> c & 1) {
            hx__buf_puts(b, any++ ? "," : "");
            json_str_or_null(b, hx__pl_context_names[c]);
        }
    hx__buf_putc(b, ']');
    write_participants(b, doc, ev, pl);
    for (int k = 0; k < 3; k++) {
        hx__buf_printf(b, ",\"%s\":", COUNT[k]);
        if (counts[k] >= 0) hx__buf_json_num(b, counts[k]);
        else hx__buf_puts(b, "null");
    }
    hx__buf_puts(b, ",\"aux\":[");
    const char *aux[4] = {pl->historical ? "historical" : NULL, pl->future ? "future" : NULL,
                          pl->hypothetical ? "hypothetical" : NULL, pl->negation ? "negation" : NULL};
    any = 0;
    for (int k = 0; k < 4; k++)
        if (aux[k]) hx__buf_printf(b, "%s\"%s\"", any++ ? "," : "", aux[k]);
    hx__buf_puts(b, "],\"location\":");
    write_location(b, doc, pl);
    const hx__tok *t = doc->toks.p;
    hx__buf_puts(b, ",\"trigger\":{");
    hx__json_text_span(b, doc, t[ev->trig0].b0, t[ev->trig1 - 1].b1);
    hx__buf_putc(b, '}');
}

void hx__json_plover_member(hx__buf *b, const hx_doc *doc, size_t i)
{
    hx__plover pl;
    hx__plover_of(doc, i, &pl);
    if (!pl.type) {
        hx__buf_puts(b, ",\"plover\":null");
        return;
    }
    if (pl.same_as >= 0) {
        hx__buf_printf(b, ",\"plover\":{\"version\":\"" HX__PL_VERSION "\",\"same_as\":%ld}", pl.same_as);
        return;
    }
    hx__buf_puts(b, ",\"plover\":{\"version\":\"" HX__PL_VERSION "\",");
    write_body(b, doc, HX__VEC_AT(doc->events, hx__event, i), &pl);
    hx__buf_putc(b, '}');
}

/* One JSON Lines record: the article's metadata, then the shared members. */
static void write_record(hx__buf *b, const hx_doc *doc, size_t i, const hx__plover *pl)
{
    const hx__event *ev = HX__VEC_AT(doc->events, hx__event, i);
    hx__buf id = {0};
    hx__buf_printf(&id, "%s-%zu", doc->id ? doc->id : "", i + 1);
    hx__buf_puts(b, "{\"id\":");
    if (id.oom) b->oom = 1;
    else hx__buf_json_str(b, id.p, id.n);
    hx__buf_free(&id);
    hx__buf_puts(b, ",\"story_id\":");
    json_str_or_null(b, doc->id);
    hx__buf_puts(b, ",\"url\":");
    json_str_or_null(b, doc->url);
    hx__buf_puts(b, ",\"story_date\":");
    json_str_or_null(b, doc->date);
    hx__buf_puts(b, ",\"event_date\":");
    json_str_or_null(b, ev->time >= 0 ? HX__VEC_AT(doc->times, hx__time, ev->time)->value : doc->date);
    hx__buf_puts(b, ",\"language\":\"es\",\"version\":\"" HX__PL_VERSION "\",");
    hx__buf_printf(b, "\"event\":%zu,\"sentence\":%u,\"cameo\":\"%s\",", i, ev->sent, ev->entry->code);
    write_body(b, doc, ev, pl);
    hx__buf_puts(b, "}\n");
}

hx_status hx_doc_plover(const hx_doc *doc, char **out, size_t *len, hx_error *err)
{
    hx__buf b = {0};
    if (!out) return hx__err(err, HX_INVAL, SIZE_MAX, "output pointer is NULL");
    *out = NULL;
    if (len) *len = 0;
    if (!doc) return hx__err(err, HX_INVAL, SIZE_MAX, "document is NULL");
    hx__buf_reserve(&b, 64 + doc->events.n * 512);
    hx__buf_puts(&b, ""); /* an article with no PLOVER event gives "" */
    for (size_t i = 0; i < doc->events.n; i++) {
        hx__plover pl;
        hx__plover_of(doc, i, &pl);
        if (pl.type && pl.same_as < 0) write_record(&b, doc, i, &pl);
    }
    if (b.oom || !b.p) {
        hx__buf_free(&b);
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    }
    *out = b.p;
    if (len) *len = b.n;
    return HX_OK;
}
