/*
 * test_sentences.c -- sentence-boundary precision, recall and F1 of the splitter on the
 * hand-written cases in tests/fixtures/sentences.txt, with a floor of F1 >= 0.98, plus
 * a few structural checks (sentences cover all tokens in order, paragraphs count up).
 *
 * Fixture format (see its header): one case per line; " <S> " marks a boundary and
 * stands for one space, "<S>" right before a written "\n" marks a boundary at a line
 * break; "\n" is a line break.  A boundary is the byte offset where a sentence ends
 * (after trailing spaces are dropped); the end of the text is not counted, so a case
 * of one sentence can only add false positives.
 */
#include "hechos.h"
#include "testutil.h"

#define FIXTURE "tests/fixtures/sentences.txt"
#define MAXB 64

typedef struct tcase {
    char text[2048];
    size_t len;
    size_t gold[MAXB]; /* byte offsets of sentence ends, ascending */
    size_t ngold;
} tcase;

/* Parses one fixture line into c; returns 0 or -1 when the line is malformed. */
static int parse_case(const char *line, size_t n, tcase *c)
{
    c->len = c->ngold = 0;
    for (size_t i = 0; i < n;) {
        if (c->len + 2 >= sizeof c->text || c->ngold >= MAXB) return -1;
        if (n - i >= 5 && memcmp(line + i, " <S> ", 5) == 0) {
            c->gold[c->ngold++] = c->len;
            c->text[c->len++] = ' ';
            i += 5;
        } else if (n - i >= 3 && memcmp(line + i, "<S>", 3) == 0) {
            size_t end = c->len;
            while (end > 0 && c->text[end - 1] == ' ') end--;
            c->gold[c->ngold++] = end;
            i += 3;
        } else if (n - i >= 2 && line[i] == '\\' && line[i + 1] == 'n') {
            c->text[c->len++] = '\n';
            i += 2;
        } else {
            c->text[c->len++] = line[i++];
        }
    }
    c->text[c->len] = '\0';
    return 0;
}

static void splitter_f1_on_fixture_is_at_least_0_98(void **state)
{
    (void)state;
    size_t flen = 0;
    char *data = tu_read_file(FIXTURE, &flen);
    if (!data) fail_msg("cannot read %s (tests run from the repository root)", FIXTURE);
    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_ctx *ctx = NULL;
    hx_error err;
    assert_int_equal(hx_ctx_new(&opt, &ctx, &err), HX_OK);

    size_t ncases = 0, tp = 0, npred = 0, ngold = 0, nbad = 0;
    unsigned lineno = 0;
    static tcase c;
    for (char *p = data; p < data + flen;) {
        char *nl = memchr(p, '\n', (size_t)(data + flen - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(data + flen - p);
        char *line = p;
        p += n + 1;
        lineno++;
        if (n == 0 || line[0] == '#') continue;
        if (parse_case(line, n, &c)) fail_msg("%s:%u: malformed case", FIXTURE, lineno);
        ncases++;

        hx_doc *doc = NULL;
        assert_int_equal(hx_doc_new(ctx, c.text, c.len, NULL, &doc, &err), HX_OK);
        assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
        size_t ns = hx_doc_nsentences(doc), pred[MAXB], np = 0, next = 0;
        for (size_t s = 0; s < ns; s++) {
            hx_sentence sent;
            assert_int_equal(hx_doc_sentence(doc, s, &sent), HX_OK);
            /* structure: contiguous, non-empty, paragraphs never go down */
            assert_int_equal(sent.first, next);
            assert_true(sent.last > sent.first);
            next = sent.last;
            if (s + 1 < ns && np < MAXB) pred[np++] = sent.span.bend;
        }
        assert_int_equal(next, hx_doc_ntokens(doc));

        size_t hit = 0;
        for (size_t a = 0; a < np; a++)
            for (size_t b = 0; b < c.ngold; b++) hit += pred[a] == c.gold[b];
        tp += hit;
        npred += np;
        ngold += c.ngold;
        if (hit != np || hit != c.ngold) {
            nbad++;
            print_message("%s:%u: %zu gold, %zu predicted, %zu right\n  got:", FIXTURE, lineno,
                          c.ngold, np, hit);
            for (size_t s = 0; s < ns; s++) {
                hx_sentence sent;
                hx_doc_sentence(doc, s, &sent);
                print_message(" [%.*s]", (int)(sent.span.bend - sent.span.bstart), c.text + sent.span.bstart);
            }
            print_message("\n");
        }
        hx_doc_free(doc);
    }
    hx_ctx_free(ctx);
    free(data);

    double prec = npred ? (double)tp / (double)npred : 1.0;
    double rec = ngold ? (double)tp / (double)ngold : 1.0;
    double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0.0;
    print_message("sentence boundaries: %zu cases, gold %zu, predicted %zu, correct %zu: "
                  "P %.4f R %.4f F1 %.4f (%zu cases wrong)\n",
                  ncases, ngold, npred, tp, prec, rec, f1, nbad);
    assert_true(ncases >= 60);
    assert_true(f1 >= 0.98);
}

static void paragraphs_and_spans(void **state)
{
    (void)state;
    const char in[] = "Titular sin punto\nPrimera frase. Segunda frase.\n\nTercera frase.";
    hx_options opt = {NULL, HX_STAGE_TOKENS, 0};
    hx_ctx *ctx = NULL;
    hx_doc *doc = NULL;
    hx_error err;
    assert_int_equal(hx_ctx_new(&opt, &ctx, &err), HX_OK);
    assert_int_equal(hx_doc_new(ctx, in, sizeof in - 1, NULL, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    assert_int_equal(hx_doc_nsentences(doc), 4);
    static const size_t want_para[4] = {0, 1, 1, 2};
    static const char *const want_text[4] = {"Titular sin punto", "Primera frase.", "Segunda frase.",
                                             "Tercera frase."};
    for (size_t s = 0; s < 4; s++) {
        hx_sentence sent;
        assert_int_equal(hx_doc_sentence(doc, s, &sent), HX_OK);
        assert_int_equal(sent.paragraph, want_para[s]);
        assert_int_equal(sent.span.bend - sent.span.bstart, strlen(want_text[s]));
        assert_memory_equal(in + sent.span.bstart, want_text[s], strlen(want_text[s]));
        for (size_t i = sent.first; i < sent.last; i++) {
            hx_token t;
            assert_int_equal(hx_doc_token(doc, i, &t), HX_OK);
            assert_int_equal(t.sentence, s);
        }
    }
    hx_sentence sent;
    assert_int_equal(hx_doc_sentence(doc, 4, &sent), HX_INVAL);
    hx_doc_free(doc);
    hx_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(splitter_f1_on_fixture_is_at_least_0_98),
        cmocka_unit_test(paragraphs_and_spans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
