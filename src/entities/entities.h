/*
 * entities.h -- the entity layer: mentions of one person, organisation or place grouped
 * into entities (in-document coreference), with canonical names, countries and
 * coordinates from the built-in gazetteer (gazetteer.h).
 *
 * Storage, owned by the document:
 *   doc->entities       hx__entity, in order of first mention;
 *   doc->layer_data[0]  one hx__entlayer block: the mentions of every entity, grouped
 *                       by entity (entity e owns m[e.m0 .. e.m0 + e.nm), in text order),
 *                       followed by the NUL-terminated canonical names (names) and,
 *                       for GeoNames cities, their ids ("geonames:1871859").
 * Every byte offset is into doc->text; spans leave the library through hx__doc_span.
 */
#ifndef HX_ENTITIES_H
#define HX_ENTITIES_H

#include "core/core.h"

enum hx__emkind { HX__EM_NAME, HX__EM_ACRONYM, HX__EM_DEMONYM, HX__EM_METONYM, HX__EM_ROLE };

typedef struct hx__emention {
    uint32_t b0, b1;      /* bytes of doc->text */
    uint32_t first, last; /* tokens [first, last) */
    uint32_t entity;      /* index into doc->entities */
    uint8_t kind;         /* enum hx__emkind */
} hx__emention;

typedef struct hx__entity {
    const char *type;  /* static: "PER", "ORG", "LOC", "MISC" */
    int place;         /* gazetteer place index, or -1 */
    int anchor;        /* PER: the country or organisation of its role, or -1 */
    int32_t geo;       /* GeoNames city (hx__geo_city), or -1 */
    uint32_t geoid;    /* offset of "geonames:ID" in the layer's names when geo >= 0 */
    uint32_t name;     /* offset of the canonical name in the layer's names */
    float confidence;  /* of the gazetteer choice */
    uint32_t m0, nm;   /* its mentions in the layer block */
} hx__entity;

typedef struct hx__entlayer {
    size_t n;          /* mentions */
    hx__emention *m;   /* points into this block */
    char *names;       /* points into this block */
} hx__entlayer;

/* ---------------------------------------------------------------- the stage, for the pipeline */

/* entities.c: fills doc->entities and doc->layer_data[0]. */
hx_status hx__find_entities(hx_doc *doc, hx_error *err);
/* entities_out.c: appends `,"entities":[...]`. */
void hx__json_entities(hx__buf *b, const hx_doc *doc);

#endif /* HX_ENTITIES_H */
