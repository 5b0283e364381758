/*
 * compat.h -- what the Recognizers-Text compatible files share: hx_recognize
 * (recognize.c) dispatches one kind at a time to the recognisers, each of which appends
 * a JSON array in Microsoft Recognizers-Text's result shape to out (docs/quantities.md,
 * docs/timex.md).
 *
 * The number recogniser lives with the numbers stage (numbers/numbers_rt.c, declared in
 * numbers/numbers.h) because the quantities layer shares its percent and angle rules;
 * the date and time recogniser is here.  compat uses core, numbers and timex; no stage
 * uses compat.
 */
#ifndef HX_COMPAT_H
#define HX_COMPAT_H

#include "core/core.h"
#include "numbers/numbers.h"

/* datetime_rt.c: datetimeV2 results for text[0..len), resolved against ref (as read by
 * hx__tx_parse_ref). */
hx_status hx__recognize_datetime(const char *text, size_t len, const char *ref,
                                 hx__buf *out, hx_error *err);

#endif /* HX_COMPAT_H */
