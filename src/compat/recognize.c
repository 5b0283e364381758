/*
 * recognize.c -- hx_recognize: Recognizers-Text compatible output, one kind at a time.
 *
 * Dispatches to the number recognisers (numbers.c) and the date-time recogniser
 * (timex.c); each appends one JSON array.  Only validates arguments here.
 */
#include "compat/compat.h"

#include <string.h>

hx_status hx_recognize(const hx_ctx *ctx, const char *kind, const char *text, size_t len,
                       const char *ref, char **out, hx_error *err)
{
    static const char *const number_kinds[] = {"number", "ordinal", "percent", "numberrange",
                                               "currency", "dimension", "age", "temperature"};
    hx__buf b = {0};
    hx_status st = HX_UNSUPPORTED;

    (void)ctx;
    *out = NULL;
    if (!kind || (!text && len)) return hx__err(err, HX_INVAL, SIZE_MAX, "kind or text is NULL");
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\0') return hx__err(err, HX_NUL, i, "NUL byte at byte %zu", i);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t k = hx__utf8_decode((const unsigned char *)text + i, len - i, &cp);
        if (!k) return hx__err(err, HX_UTF8, i, "invalid UTF-8 at byte %zu", i);
        i += k;
    }
    if (strcmp(kind, "datetime") == 0) {
        st = hx__recognize_datetime(text ? text : "", len, ref, &b, err);
    } else {
        for (size_t i = 0; i < sizeof number_kinds / sizeof *number_kinds; i++)
            if (strcmp(kind, number_kinds[i]) == 0)
                st = hx__recognize_numbers(kind, text ? text : "", len, &b, err);
        if (st == HX_UNSUPPORTED) {
            char shown[200];
            return hx__err(err, HX_UNSUPPORTED, SIZE_MAX, "unknown kind \"%s\"",
                           hx__printable(shown, sizeof shown, kind, 40));
        }
    }
    if (st == HX_OK && b.oom) st = hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    if (st != HX_OK) {
        hx__buf_free(&b);
        return st;
    }
    *out = b.p;
    return HX_OK;
}
