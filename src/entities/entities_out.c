/*
 * entities_out.c -- the entity layer leaving the library: its JSON (docs/entities.md)
 * and the public accessors of hechos.h.  Reads only what entities.c stored in
 * doc->entities and doc->layer_data[0]; a document without the layer has no entities.
 */
#include "entities/entities.h"

#include <math.h>
#include <string.h>

/* ---------------------------------------------------------------- JSON and accessors */

static const char *const em_kind_names[] = {"name", "acronym", "demonym", "metonym", "role"};
static const char *const place_kind_names[] = {"country", "region", "city", "org"};

static const char *entity_country(const hx__entity *E)
{
    if (E->geo >= 0) return hx__geo_city((size_t)E->geo)->cc;
    int p = E->place >= 0 ? E->place : E->anchor;
    if (p < 0 || !hx__gaz_places[p].cc[0]) return NULL;
    return hx__gaz_places[p].cc;
}

static const char *entity_kind(const hx__entity *E)
{
    if (E->geo >= 0) return "city";
    return E->place >= 0 ? place_kind_names[hx__gaz_places[E->place].kind] : NULL;
}

/* Coordinates and gazetteer id of the entity; 0 when it has none. */
static int entity_geo(const hx__entlayer *L, const hx__entity *E, double *lat, double *lon,
                      const char **id)
{
    if (E->geo >= 0) {
        const hx__city *c = hx__geo_city((size_t)E->geo);
        *lat = c->lat, *lon = c->lon, *id = L->names + E->geoid;
        return 1;
    }
    if (E->place < 0 || hx__gaz_places[E->place].lat == HX__NOGEO) return 0;
    const hx__place *p = &hx__gaz_places[E->place];
    *lat = p->lat, *lon = p->lon, *id = p->id;
    return 1;
}

void hx__json_entities(hx__buf *b, const hx_doc *doc)
{
    const hx__entlayer *L = doc->layer_data[0];
    hx__buf_puts(b, ",\"entities\":[");
    for (size_t i = 0; L && i < doc->entities.n; i++) {
        const hx__entity *E = HX__VEC_AT(doc->entities, hx__entity, i);
        const char *cc = entity_country(E), *kind = entity_kind(E), *gid;
        double lat, lon;
        hx__buf_puts(b, i ? ",{\"id\":\"E" : "{\"id\":\"E");
        hx__buf_uint(b, i + 1);
        hx__buf_puts(b, "\",\"type\":");
        hx__buf_json_str(b, E->type, strlen(E->type));
        hx__buf_puts(b, ",\"name\":");
        hx__buf_json_str(b, L->names + E->name, strlen(L->names + E->name));
        hx__buf_puts(b, ",\"kind\":");
        if (kind) hx__buf_putc(b, '"'), hx__buf_puts(b, kind), hx__buf_putc(b, '"');
        else hx__buf_puts(b, "null");
        hx__buf_puts(b, ",\"country\":");
        if (cc) hx__buf_putc(b, '"'), hx__buf_puts(b, cc), hx__buf_putc(b, '"');
        else hx__buf_puts(b, "null");
        hx__buf_puts(b, ",\"geo\":");
        if (entity_geo(L, E, &lat, &lon, &gid)) {
            hx__buf_puts(b, "{\"lat\":");
            hx__buf_json_num(b, round(lat * 1e4) / 1e4); /* about 10 m: more is noise */
            hx__buf_puts(b, ",\"lon\":");
            hx__buf_json_num(b, round(lon * 1e4) / 1e4);
            hx__buf_puts(b, ",\"id\":");
            hx__buf_json_str(b, gid, strlen(gid));
            hx__buf_puts(b, ",\"confidence\":");
            hx__buf_json_num(b, (double)(int)(E->confidence * 100.0f + 0.5f) / 100.0);
            hx__buf_putc(b, '}');
        } else {
            hx__buf_puts(b, "null");
        }
        hx__buf_puts(b, ",\"mentions\":[");
        for (uint32_t k = 0; k < E->nm; k++) {
            const hx__emention *m = &L->m[E->m0 + k];
            hx__buf_puts(b, k ? ",{\"text\":" : "{\"text\":");
            hx__buf_json_str(b, doc->text + m->b0, m->b1 - m->b0);
            hx__buf_putc(b, ',');
            hx__json_span(b, doc, m->b0, m->b1);
            hx__buf_puts(b, ",\"kind\":\"");
            hx__buf_puts(b, em_kind_names[m->kind]);
            hx__buf_puts(b, "\"}");
        }
        hx__buf_puts(b, "]}");
    }
    hx__buf_putc(b, ']');
}

size_t hx_doc_nentities(const hx_doc *doc)
{
    return doc && doc->layer_data[0] ? doc->entities.n : 0;
}

hx_status hx_doc_entity(const hx_doc *doc, size_t i, hx_entity *out)
{
    if (!out || i >= hx_doc_nentities(doc)) return HX_INVAL;
    const hx__entlayer *L = doc->layer_data[0];
    const hx__entity *E = HX__VEC_AT(doc->entities, hx__entity, i);
    memset(out, 0, sizeof *out);
    out->type = E->type;
    out->kind = entity_kind(E);
    out->name = L->names + E->name;
    out->country = entity_country(E);
    if (entity_geo(L, E, &out->lat, &out->lon, &out->geo_id)) {
        out->has_geo = 1;
        out->confidence = E->confidence;
    }
    out->nmentions = E->nm;
    return HX_OK;
}

hx_status hx_doc_entity_mention(const hx_doc *doc, size_t i, size_t j, hx_entity_mention *out)
{
    if (!out || i >= hx_doc_nentities(doc)) return HX_INVAL;
    const hx__entlayer *L = doc->layer_data[0];
    const hx__entity *E = HX__VEC_AT(doc->entities, hx__entity, i);
    if (j >= E->nm) return HX_INVAL;
    const hx__emention *m = &L->m[E->m0 + j];
    out->span = hx__doc_span(doc, m->b0, m->b1);
    out->kind = em_kind_names[m->kind];
    return HX_OK;
}
