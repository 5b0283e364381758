/*
 * sentences.c -- groups tokens into sentences and paragraphs.
 *
 * A sentence ends after '.', '?', '!', an ellipsis or a dotted abbreviation that can
 * close a sentence (etc., EE.UU.), together with the closing quotes and brackets
 * right after it, when the next token does not continue the sentence: it starts a new
 * one if it begins with an upper-case letter, a digit, an opening mark (¿ ¡ « “ " ( -)
 * or sits on a new line.  '?' and '!' followed by a lower-case word do not end the
 * sentence (Spanish "¿Vendrá?, preguntó").  Titles (Sr., Dra.) never end one; initials
 * (J.) only before a word that is never part of a name ("el grupo B. El sorteo").  A blank line always ends a paragraph; a single line break does too unless
 * the text simply wraps (the line ends without final punctuation and the next line
 * starts in lower case).
 * Invariants: sentences cover all tokens in order, none is empty; tok->sent is set.
 */
#include "core/core.h"

#include <string.h>

static int tok_is(const hx_doc *doc, const hx__tok *t, const char *s)
{
    size_t n = strlen(s);
    return t->b1 - t->b0 == n && memcmp(doc->text + t->b0, s, n) == 0;
}

static int is_final(const hx_doc *doc, const hx__tok *t)
{
    return tok_is(doc, t, ".") || tok_is(doc, t, "?") || tok_is(doc, t, "!")
        || tok_is(doc, t, "…") || (t->b1 - t->b0 >= 3 && doc->text[t->b0] == '.'
                                   && doc->text[t->b0 + 1] == '.');
}

static int is_closer(const hx_doc *doc, const hx__tok *t)
{
    return tok_is(doc, t, ")") || tok_is(doc, t, "]") || tok_is(doc, t, "»")
        || tok_is(doc, t, "”") || tok_is(doc, t, "’") || tok_is(doc, t, "\"")
        || tok_is(doc, t, "'");
}

static int is_opener(const hx_doc *doc, const hx__tok *t)
{
    return tok_is(doc, t, "¿") || tok_is(doc, t, "¡") || tok_is(doc, t, "«")
        || tok_is(doc, t, "“") || tok_is(doc, t, "\"") || tok_is(doc, t, "(")
        || tok_is(doc, t, "-") || tok_is(doc, t, "—") || tok_is(doc, t, "–")
        || tok_is(doc, t, "‘") || tok_is(doc, t, "[") || tok_is(doc, t, "'");
}

/* Capitalised words that begin sentences but are never part of a name, so that an
 * initial before them is a letter ending a sentence ("el grupo B. El sorteo"). */
static int is_function_word(const hx_doc *doc, const hx__tok *t)
{
    static const char *const words[] = {
        "El", "La", "Los", "Las", "Un", "Una", "Unos", "Unas", "En", "Pero", "Por", "Para",
        "Según", "Sin", "Con", "Además", "Este", "Esta", "Estos", "Estas", "Ese", "Esa",
        "Aquí", "Allí", "Hoy", "Ayer", "No", "Se", "Lo", "Le", "Les", "Ya", "Tras", "Durante",
        "Cuando", "Aunque", "Si", "Así", "También", "Ahora", "Mientras", "Entonces", "Su",
        "Sus", "Al", "Es", "Fue", "Hay", "Eso", "Esto", "Otro", "Otra", "Ni", "Desde",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (tok_is(doc, t, words[i])) return 1;
    return 0;
}

/* Abbreviations that may end a sentence when a capital follows: not titles, not
 * initials (J.), which a name always follows -- unless next is a function word. */
static int abbr_can_end(const hx_doc *doc, const hx__tok *t, const hx__tok *next)
{
    static const char *const titles[] = {
        "Sr.", "Sra.", "Sres.", "Srta.", "Dr.", "Dra.", "D.", "Dña.", "Prof.", "Profa.", "Gral.",
        "Lic.", "Ing.", "Mons.", "Excmo.", "Excma.", "Ilmo.", "Ilma.", "Sto.", "Sta.", "St.",
        "Av.", "Avda.", "Tte.", "Cnel.", "Sgto.", "Cap.", "Mr.", "Mrs.", "Ud.", "Uds.",
        "Vd.", "Vds.", "núm.", "Núm.", "pág.", "Pág.", "art.", "Art.", "tel.", "Tel.",
    };
    size_t n = t->b1 - t->b0;
    const unsigned char *s = (const unsigned char *)doc->text + t->b0;
    if ((n == 2 && s[0] >= 'A' && s[0] <= 'Z') || (n == 3 && s[0] == 0xc3)) /* J. Á. */
        return next && is_function_word(doc, next);
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        if (tok_is(doc, t, titles[i])) return 0;
    return 1;
}

/* Does the token begin a sentence if one could end before it? */
static int starts_sentence(const hx_doc *doc, const hx__tok *t)
{
    unsigned char c = (unsigned char)doc->text[t->b0];
    if (t->flags & HX__T_UPPER) return 1;
    if (c >= '0' && c <= '9') return 1;
    if (t->flags & HX__T_NEWLINE) return 1;
    return is_opener(doc, t);
}

/* Does the line break before token i wrap a sentence rather than end a paragraph? */
static int is_wrap(const hx_doc *doc, const hx__tok *prev, const hx__tok *t)
{
    if (t->flags & HX__T_PARA) return 0;
    if (is_final(doc, prev) || is_closer(doc, prev) || tok_is(doc, prev, ":")) return 0;
    unsigned char c = (unsigned char)doc->text[t->b0];
    return (t->flags & HX__T_WORD) && !(t->flags & HX__T_UPPER) && c != '@' && c != '#';
}

hx_status hx__split_sentences(hx_doc *doc)
{
    hx__tok *t = doc->toks.p;
    size_t n = doc->toks.n, first = 0;
    uint32_t para = 0;

    for (size_t i = 0; i < n; i++) {
        int end = i + 1 == n;
        int new_para = 0;
        if (!end && (t[i + 1].flags & HX__T_NEWLINE) && !is_wrap(doc, &t[i], &t[i + 1])) {
            end = 1;
            new_para = 1;
        }
        if (!end && (t[i].flags & (HX__T_PUNCT | HX__T_ABBR)) && (is_final(doc, &t[i]) || ((t[i].flags & HX__T_ABBR) && abbr_can_end(doc, &t[i], i + 1 < n ? &t[i + 1] : NULL)))) {
            /* take the closing marks that follow with this sentence */
            size_t j = i + 1;
            while (j < n && is_closer(doc, &t[j]) && !(t[j].flags & HX__T_NEWLINE)) {
                /* A straight quote after a space opens the next quotation. */
                if ((tok_is(doc, &t[j], "\"") || tok_is(doc, &t[j], "'")) && (t[j].flags & HX__T_SPACE)
                    && j + 1 < n && !(t[j + 1].flags & HX__T_SPACE))
                    break;
                j++;
            }
            int ellipsis = !tok_is(doc, &t[i], ".") && !tok_is(doc, &t[i], "?") && !tok_is(doc, &t[i], "!");
            int qe = tok_is(doc, &t[i], "?") || tok_is(doc, &t[i], "!");
            if (j == n) {
                i = j - 1;
                end = 1;
            } else if (starts_sentence(doc, &t[j])
                       && !(ellipsis && !(t[j].flags & HX__T_UPPER) && !(t[j].flags & HX__T_NEWLINE)
                            && !is_opener(doc, &t[j]))
                       && !((t[i].flags & HX__T_ABBR) && !(t[j].flags & (HX__T_UPPER | HX__T_NEWLINE)))
                       && !(qe && tok_is(doc, &t[j], ","))) {
                i = j - 1;
                end = 1;
                if (t[j].flags & HX__T_NEWLINE) new_para = (t[j].flags & HX__T_NEWLINE) != 0;
            }
        }
        if (!end) continue;
        hx__sent *s = hx__vec_push(&doc->sents, sizeof *s);
        if (!s) return HX_NOMEM;
        s->first = (uint32_t)first;
        s->last = (uint32_t)(i + 1);
        s->para = para;
        for (size_t k = first; k <= i; k++) t[k].sent = (uint32_t)(doc->sents.n - 1);
        first = i + 1;
        if (new_para || (i + 1 < n && (t[i + 1].flags & HX__T_PARA))) para++;
    }
    return HX_OK;
}
