/*
 * testutil.h -- small helpers shared by the cmocka test programs (header only).
 *
 * Tests run from the repository root (make test).  Paths they need come from the
 * environment, with defaults that work from the root:
 *   HECHOS_SHARED  the shared data directory (default "../shared"); tests that need it
 *                  call TU_REQUIRE_SHARED(), which skips the test when it is absent;
 *   HECHOS_BIN     the CLI binary (default "bin/hechos");
 *   HECHOS_MODELS  the models directory (passed through to the CLI as is).
 * Every helper returns malloc'd memory that the caller frees, or NULL on failure;
 * nothing here keeps state between calls.
 */
#ifndef HX_TESTUTIL_H
#define HX_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "hechos.h"

/* The value of environment variable name, or def when unset or empty. */
static inline const char *tu_env(const char *name, const char *def)
{
    const char *v = getenv(name);
    return v && *v ? v : def;
}

static inline const char *tu_shared_dir(void) { return tu_env("HECHOS_SHARED", "../shared"); }
static inline const char *tu_bin(void) { return tu_env("HECHOS_BIN", "bin/hechos"); }

/* "dir/rel" in a malloc'd string. */
static inline char *tu_join(const char *dir, const char *rel)
{
    size_t a = strlen(dir), b = strlen(rel);
    char *p = malloc(a + b + 2);
    if (!p) return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, rel, b + 1);
    return p;
}

/* Path of rel inside the shared directory (malloc'd). */
static inline char *tu_shared_path(const char *rel) { return tu_join(tu_shared_dir(), rel); }

static inline int tu_exists(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0;
}

/* Skips the current test when the shared directory is missing. */
#define TU_REQUIRE_SHARED()                                                        \
    do {                                                                           \
        if (!tu_exists(tu_shared_dir())) {                                         \
            print_message("shared data not found at %s (set HECHOS_SHARED)\n",     \
                          tu_shared_dir());                                        \
            skip();                                                                \
        }                                                                          \
    } while (0)

/* Skips the current test when path does not exist. */
#define TU_REQUIRE_FILE(path)                                                      \
    do {                                                                           \
        if (!tu_exists(path)) {                                                    \
            print_message("%s not found, skipping\n", (path));                     \
            skip();                                                                \
        }                                                                          \
    } while (0)

/* Reads a whole file; *len (may be NULL) gets its size.  The buffer has an extra NUL. */
static inline char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f) return NULL;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            size_t nc = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap = nc;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) break;
    }
    fclose(f);
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

/* Writes n bytes to path; returns 0 on success. */
static inline int tu_write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t k = fwrite(data, 1, n, f);
    int bad = fclose(f) != 0 || k != n;
    return bad ? -1 : 0;
}

/* A printf into a malloc'd string. */
static inline char *tu_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline char *tu_fmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = malloc((size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* ---------------------------------------------------------------- contexts and documents */

/* A context running the given stages (0: all), with the models of HECHOS_MODELS (default
 * "models"); fails the test when it cannot be made.  The caller frees it (hx_ctx_free). */
static inline hx_ctx *tu_ctx(unsigned stages)
{
    hx_options opt = {0};
    hx_ctx *ctx = NULL;
    hx_error err;
    opt.stages = stages;
    opt.models_dir = tu_env("HECHOS_MODELS", "models");
    if (hx_ctx_new(&opt, &ctx, &err) != HX_OK) fail_msg("hx_ctx_new: %s", err.msg);
    return ctx;
}

/* cmocka group setup and teardown: *state is a context running every stage (tu_ctx(0)). */
static inline int tu_setup_ctx(void **state)
{
    *state = tu_ctx(0);
    return 0;
}

static inline int tu_teardown_ctx(void **state)
{
    hx_ctx_free(*state);
    return 0;
}

/* The analysed document of text[0..len), dated date (NULL: none), with the hx_docinfo
 * flags given; fails the test otherwise.  The caller frees it (hx_doc_free). */
static inline hx_doc *tu_doc(const hx_ctx *ctx, const char *text, size_t len, const char *date,
                             unsigned flags)
{
    hx_docinfo info = {0};
    hx_doc *doc = NULL;
    hx_error err;
    info.date = date;
    info.flags = flags;
    if (hx_doc_new(ctx, text, len, &info, &doc, &err) != HX_OK) fail_msg("hx_doc_new: %s", err.msg);
    if (hx_doc_analyze(doc, &err) != HX_OK) fail_msg("hx_doc_analyze: %s", err.msg);
    return doc;
}

/* The analysed document of the NUL-terminated text, undated. */
static inline hx_doc *tu_analyse(const hx_ctx *ctx, const char *text)
{
    return tu_doc(ctx, text, strlen(text), NULL, 0);
}

#endif /* HX_TESTUTIL_H */
