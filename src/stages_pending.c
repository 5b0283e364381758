/*
 * stages_pending.c -- TEMPORARY weak definitions of the stages still being written,
 * so the core links while they are developed; each real definition overrides one.
 */
#include "internal.h"

__attribute__((weak)) hx_status hx__tag_doc(hx_doc *doc, hx_error *err) { (void)doc; (void)err; return HX_OK; }
__attribute__((weak)) hx_status hx__tagger_load(const char *path, struct hx__tagger **out, hx_error *err) { (void)path; *out = NULL; return hx__err(err, HX_UNSUPPORTED, SIZE_MAX, "no tagger"); }
__attribute__((weak)) void hx__tagger_free(struct hx__tagger *t) { (void)t; }
__attribute__((weak)) const char *hx__tagger_label(const struct hx__tagger *t, unsigned id) { (void)t; (void)id; return NULL; }
