/*
 * entities_find.c -- hx__find_entities: the entity stage's steps in order over one
 * per-call scratch (ctx, entities_impl.h): candidates (steps 1-3, entities.c), then
 * clustering and the layer (steps 4-5, entities_cluster.c), then the scratch is freed.
 * The stage's files depend one way: entities_find.c -> entities_cluster.c -> entities.c.
 */
#include "entities/entities_impl.h"

#include <assert.h>
#include <string.h>

hx_status hx__find_entities(hx_doc *doc, hx_error *err)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.t = doc->toks.p;
    c.nt = doc->toks.n;
    hx_status st = HX_NOMEM;
    if (doc->layer_data[0] || doc->entities.n) return HX_OK; /* ran already */
    if ((st = hx__ent_candidates(&c)) != HX_OK) goto out;
    assert(c.nt == doc->toks.n);
    if ((st = hx__ent_cluster_names(&c)) != HX_OK) goto out;
    if ((st = hx__ent_cluster_roles(&c)) != HX_OK) goto out;
    st = hx__ent_build_layer(&c);
out:
    free(c.block);
    free(c.ntab);
    hx__vec_free(&c.nodes);
    hx__vec_free(&c.cands);
    hx__vec_free(&c.ents);
    hx__vec_free(&c.ments);
    hx__vec_free(&c.binds);
    if (st != HX_OK) return hx__err(err, st, SIZE_MAX, "entities: %s", hx_strerror(st));
    return HX_OK;
}
