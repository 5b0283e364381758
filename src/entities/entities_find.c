/*
 * entities_find.c -- hx__find_entities: the entity stage's steps in order over one
 * per-call scratch (hx__entities_scan, entities.h): candidates (steps 1-3, entities.c), then
 * clustering and the layer (steps 4-5, entities_cluster.c), then the scratch is freed.
 * The stage's files depend one way: entities_find.c -> entities_cluster.c -> entities.c.
 */
#include "entities/entities.h"

#include <assert.h>
#include <string.h>

hx_status hx__find_entities(hx_doc *doc, hx_error *err)
{
    hx__entities_scan s;
    memset(&s, 0, sizeof s);
    s.doc = doc;
    s.t = doc->toks.p;
    s.nt = doc->toks.n;
    hx_status st = HX_NOMEM;
    if (doc->layer_data[0] || doc->entities.n) return HX_OK; /* ran already */
    if ((st = hx__ent_candidates(&s)) != HX_OK) goto out;
    assert(s.nt == doc->toks.n);
    if ((st = hx__ent_cluster_names(&s)) != HX_OK) goto out;
    if ((st = hx__ent_cluster_roles(&s)) != HX_OK) goto out;
    st = hx__ent_build_layer(&s);
out:
    free(s.block);
    free(s.itab);
    free(s.ntab);
    hx__vec_free(&s.nodes);
    hx__vec_free(&s.cands);
    hx__vec_free(&s.ents);
    hx__vec_free(&s.ments);
    hx__vec_free(&s.binds);
    if (st != HX_OK) return hx__err(err, st, SIZE_MAX, "entities: %s", hx_strerror(st));
    return HX_OK;
}
