/*
 * quantities.c -- hx__find_quantities: the quantities of a document (doc->quants).
 *
 * The text is read word by word.  At each word a quantity may start with a bound
 * ("más de", "hasta", "unos", "entre X y Y", "de X a Y"), a vague amount ("miles
 * de"), a currency symbol ("$ 5", "US$ 3"), an ordinal or a number (numbers.c); after
 * the number come a unit (percent, currency, temperature, dimension, age) and what is
 * counted (`of`: "soldados", "proyectiles de artillería"; found by counted.c).
 *
 * What is NOT a quantity, checked before anything is added: years ("en 2019"), dates
 * ("12/03/2020", "5 de mayo"), times ("10:30", "10 horas"), durations ("tres años",
 * left to the time expressions), phone numbers and other digit groups ("+34 91 123 45
 * 67"), codes ("KN-23", "F-16", "G20"), reference numbers ("artículo 5"), and a lone
 * article ("un hombre").
 *
 * A quantity's span covers its bound words, number and unit; `of` is separate.
 * Invariants: quantities are appended in text order and never overlap; spans are byte
 * offsets of doc->text; no state outside the call.
 */
#include "core/core.h"

#include <math.h>
#include <string.h>

#include "numbers/numbers.h"

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static size_t char_len(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return i + l > n ? n - i : l;
}

static const char *const w_de[] = {"de", NULL};
static const char *const w_y[] = {"y", NULL};
static const char *const w_a[] = {"a", NULL};

static const char *const months[] = {"enero", "febrero", "marzo", "abril", "mayo", "junio",
                                     "julio", "agosto", "septiembre", "setiembre", "octubre",
                                     "noviembre", "diciembre", NULL};
static const char *const month_abbr[] = {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago",
                                         "sep", "sept", "set", "oct", "nov", "dic", NULL};
/* Time units: "tres años" is a duration, the time expressions' business. */
static const char *const time_units[] = {
    "ano", "anos", "mes", "meses", "semana", "semanas", "dia", "dias", "hora", "horas", "h",
    "hs", "hrs", "minuto", "minutos", "min", "segundo", "segundos", "siglo", "siglos",
    "decada", "decadas", "lustro", "lustros", "jornada", "jornadas", "noche", "noches", NULL};
/* Words after which a number names something instead of counting it. */
static const char *const ref_words[] = {
    "no", "n", "num", "numero", "articulo", "art", "capitulo", "pagina", "pag", "linea",
    "ley", "decreto", "ruta", "carretera", "autopista", "vuelo", "calle", "avenida", "puerta",
    "habitacion", "planta", "piso", "grupo", "fase", "apartado", "seccion", "version", "tomo",
    "volumen", "edicion", "anos", "decada", "siglo", "modelo", "codigo", "cp", "dorsal",
    "numeros", "puesto", "distrito", "sala", "canal", "kilometro", "km", "portal", "nro",
    "tel", "telefono", "fax", "expediente", "caso", "resolucion", "real", "orden", "ano",
    "temporada", "jornada", "copa", "liga", "mundial", "juegos", "olimpiadas", "euro", "m",
    "dia", "dias",
    "min", "minuto", NULL};
/* Verbs and phrases before "X años" that make it an age. */
static const char *const age_before[] = {"tiene", "tenia", "tenga", "cumplio", "cumple",
                                         "cumplira", "cumplir", "con", "tenian", "tienen",
                                         "edad", NULL};

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if ((*list)[0] == w[0] && strcmp(w, *list) == 0)
            return 1;
    return 0;
}

/* After a bound word, an article may come before the number ("hasta el 5 %", "entre
 * el 10 y el 20 %"): returns where the number starts, or i. */
static size_t skip_article(const char *s, size_t n, size_t i)
{
    static const char *const arts[] = {"el", "la", "los", "las", "un", "una", NULL};
    size_t e;
    if (hx__word_is(s, n, i, arts, &e)) {
        size_t k = hx__skip_sp(s, n, e);
        if (k > e && k < n && (is_digit((unsigned char)s[k]) || s[k] == '-'))
            return k;
    }
    return i;
}

/* The folded word that ends just before i (skipping spaces and one period), or "";
 * its start is stored in *at when at is not NULL. */
static void word_before_at(const char *s, size_t i, char *w, size_t cap, size_t *at);
static void word_before(const char *s, size_t i, char *w, size_t cap)
{
    word_before_at(s, i, w, cap, NULL);
}

static void word_before_at(const char *s, size_t i, char *w, size_t cap, size_t *at)
{
    size_t j = i;
    while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
        j--;
    if (j > 0 && (s[j - 1] == '.' || s[j - 1] == (char)0xBA || s[j - 1] == (char)0xAA))
        j -= s[j - 1] == '.' ? 1 : 2; /* "n.º", "nº", "art." */
    while (j > 0 && s[j - 1] == '.')
        j--;
    size_t e = j;
    while (j > 0) {
        size_t k = j - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        if (!hx__alnum_at(s, e, k))
            break;
        j = k;
    }
    w[0] = '\0';
    if (j < e)
        hx__fold_word(s + j, e - j, w, cap);
    if (at)
        *at = j;
}

/* Whether the digits at i belong to something that is not a quantity: a code, a
 * date, a time, a phone number.  *skip receives where the scan should resume. */
static int digits_not_quantity(const char *s, size_t n, size_t i, size_t *skip)
{
    const unsigned char *u = (const unsigned char *)s;
    /* codes and phones: "KN-23", "F-16", "+34", "#3" */
    if (i > 0 && (u[i - 1] == '-' || u[i - 1] == '/' || u[i - 1] == '+' || u[i - 1] == '#' ||
                  u[i - 1] == '_' || u[i - 1] == '@')) {
        if (u[i - 1] == '+' || (i > 1 && hx__alnum_at(s, n, i - 2)) || u[i - 1] == '#') {
            *skip = i;
            while (*skip < n && (hx__alnum_at(s, n, *skip) || u[*skip] == '-'))
                (*skip)++;
            return 1;
        }
    }
    /* "061", "007": codes and numbers that are names */
    if (u[i] == '0' && i + 1 < n && is_digit(u[i + 1])) {
        *skip = i;
        while (*skip < n && is_digit(u[*skip]))
            (*skip)++;
        if (!(*skip < n && u[*skip] == ',' && *skip + 1 < n && is_digit(u[*skip + 1])))
            return 1;
    }
    /* the run of digits and separators starting here */
    size_t j = i, groups = 1, digits = 0;
    int colon = 0, slash = 0, dash = 0, all_dot3 = 1, all_sp3 = 1;
    while (j < n && is_digit(u[j])) {
        digits++;
        j++;
    }
    size_t first = digits;
    for (;;) {
        size_t k = j;
        if (k < n && (u[k] == ':' || u[k] == '/' || u[k] == '-' || u[k] == ' ' || u[k] == '.'))
            k++;
        else
            break;
        if (k >= n || !is_digit(u[k]))
            break;
        unsigned char sep = u[j];
        size_t g = 0;
        while (k < n && is_digit(u[k])) {
            g++;
            k++;
        }
        if (sep == '.' && g != 3 && groups == 1 && !(k < n && u[k] == '.'))
            break; /* a decimal point: "3.5" */
        if (sep == ' ' && g != 3 && digits + g < 7)
            break; /* two numbers: "423 0000", "en 10 20" */
        colon |= sep == ':';
        slash |= sep == '/';
        dash |= sep == '-';
        all_dot3 &= sep == '.' && g == 3;
        all_sp3 &= sep == ' ' && g == 3;
        digits += g;
        groups++;
        j = k;
    }
    *skip = j;
    if (colon || slash)
        return 1; /* 10:30, 12/03/2020, 2/1 (digit fractions are not read in running text) */
    if (dash && groups >= 3)
        return 1; /* 2020-03-12, 91-123-45-67 */
    if (dash && groups == 2 && digits >= 7)
        return 1;
    if (groups > 1 && all_dot3 && first <= 3)
        ; /* 1.234.567: thousands */
    else if (groups > 1 && all_sp3 && first <= 3 && !(first == 3 && groups >= 3))
        ; /* 1 234 567: thousands; 912 345 678 is a phone */
    else if (groups >= 3 || (groups == 2 && digits >= 7 && !all_dot3))
        return 1; /* 91 123 45 67, 91.123.45.67 */
    /* a digit run glued to letters: "G20", "4x4", "3D" */
    if (hx__alnum_at(s, n, j) && !is_digit(u[j])) {
        char w[8];
        hx__fold_word(s + j, n - j, w, sizeof w);
        /* a lone letter glued to digits is a code ("3D", "5G", "4K"), except the unit
         * symbols m, g, l, t written in lower case ("5m", "20g") */
        if (strlen(w) == 1 && (!(u[j] == 'm' || u[j] == 'g' || u[j] == 'l' || u[j] == 't' ||
                                 u[j] == 'k'))) {
            *skip = j + 1;
            return 1;
        }
    }
    return 0;
}

/* A bound phrase at i: sets *bound and returns the end, or 0. */
static size_t bound_at(const char *s, size_t n, size_t i, hx_bound *bound)
{
    static const struct {
        const char *w[4];
        hx_bound b;
    } phrases[] = {
        {{"al", "menos"}, HX_BOUND_MIN},          {{"por", "lo", "menos"}, HX_BOUND_MIN},
        {{"como", "minimo"}, HX_BOUND_MIN},       {{"mas", "de"}, HX_BOUND_MIN},
        {{"no", "menos", "de"}, HX_BOUND_MIN},    {{"superior", "a"}, HX_BOUND_MIN},
        {{"superiores", "a"}, HX_BOUND_MIN},      {{"un", "minimo", "de"}, HX_BOUND_MIN},
        {{"algo", "mas", "de"}, HX_BOUND_MIN},    {{"poco", "mas", "de"}, HX_BOUND_MIN},
        {{"mas", "del"}, HX_BOUND_MIN},           {{"hasta"}, HX_BOUND_MAX},
        {{"menos", "de"}, HX_BOUND_MAX},          {{"menos", "del"}, HX_BOUND_MAX},
        {{"como", "maximo"}, HX_BOUND_MAX},       {{"no", "mas", "de"}, HX_BOUND_MAX},
        {{"inferior", "a"}, HX_BOUND_MAX},        {{"inferiores", "a"}, HX_BOUND_MAX},
        {{"un", "maximo", "de"}, HX_BOUND_MAX},   {{"apenas"}, HX_BOUND_MAX},
        {{"unos"}, HX_BOUND_APPROX},              {{"unas"}, HX_BOUND_APPROX},
        {{"cerca", "de"}, HX_BOUND_APPROX},       {{"cerca", "del"}, HX_BOUND_APPROX},
        {{"alrededor", "de"}, HX_BOUND_APPROX},   {{"alrededor", "del"}, HX_BOUND_APPROX},
        {{"aproximadamente"}, HX_BOUND_APPROX},   {{"aprox"}, HX_BOUND_APPROX},
        {{"en", "torno", "a"}, HX_BOUND_APPROX},  {{"en", "torno", "al"}, HX_BOUND_APPROX},
        {{"casi"}, HX_BOUND_APPROX},              {{"mas", "o", "menos"}, HX_BOUND_APPROX},
        {{"del", "orden", "de"}, HX_BOUND_APPROX}, {{"unos", "cuantos"}, HX_BOUND_APPROX},
    };
    /* The first word is folded once; only the phrases it starts read further. */
    char w0[32];
    size_t e0 = hx__word_at(s, n, i, w0, sizeof w0);
    if (e0 == i || !w0[0])
        return 0;
    size_t best = 0;
    for (size_t p = 0; p < sizeof phrases / sizeof phrases[0]; p++) {
        if (phrases[p].w[0][0] != w0[0] || strcmp(phrases[p].w[0], w0) != 0)
            continue;
        size_t k = i, e = e0;
        int ok = 1;
        if (e < n && s[e] == '.' && strcmp(w0, "aprox") == 0)
            e++;
        for (int w = 1; w < 4 && phrases[p].w[w]; w++) {
            const char *one[2] = {phrases[p].w[w], NULL};
            if ((k = hx__skip_sp(s, n, e)) == e) {
                ok = 0;
                break;
            }
            if (!hx__word_is(s, n, k, one, &e)) {
                ok = 0;
                break;
            }
        }
        if (ok && e > best) {
            best = e;
            *bound = phrases[p].b;
        }
    }
    return best;
}

/* Vague amounts: "miles de", "cientos de miles de", "decenas de". */
static size_t vague_at(const char *s, size_t n, size_t i, double *mag)
{
    static const struct {
        const char *w;
        double v;
    } vague[] = {{"decenas", 10},  {"centenares", 100}, {"cientos", 100},   {"millares", 1e3},
                 {"miles", 1e3},   {"millones", 1e6},   {"docenas", 12},    {"billones", 1e12},
                 {"cientos", 100}, {"miles", 1e3}};
    char w[24];
    size_t e = hx__word_at(s, n, i, w, sizeof w);
    if (e == i)
        return 0;
    double v = 0;
    for (size_t k = 0; k < sizeof vague / sizeof vague[0]; k++)
        if (strcmp(w, vague[k].w) == 0)
            v = vague[k].v;
    if (v == 0)
        return 0;
    size_t k = hx__skip_sp(s, n, e), k2;
    if (k == e || !hx__word_is(s, n, k, w_de, &k2))
        return 0;
    /* "cientos de miles de", "miles de millones de" */
    size_t k3 = hx__skip_sp(s, n, k2);
    double inner;
    size_t e2 = k3 > k2 ? vague_at(s, n, k3, &inner) : 0;
    if (e2 && inner >= 1e3) {
        *mag = v * inner;
        return e2;
    }
    *mag = v;
    return e; /* the "de" stays for `of` */
}

typedef struct hx__numbers_scan {
    hx_doc *doc;
    const char *s;
    size_t n;
    int oom; /* set when a quantity could not be stored */
} hx__numbers_scan;

/* A number at i with the checks against non-quantities; 0 when there is none. */
static size_t number_at(const hx__numbers_scan *q, size_t i, hx__num *x, size_t *skip)
{
    const char *s = q->s;
    size_t n = q->n;
    const unsigned char *u = (const unsigned char *)s;
    *skip = 0;
    if (is_digit(u[i]) && digits_not_quantity(s, n, i, skip))
        return 0;
    size_t e = hx__num_parse(s, n, i, HX__NUMF_FRAC, x);
    if (!e)
        return 0;
    if (x->digits && hx__alnum_at(s, n, e)) {
        /* glued to letters: only a unit may follow ("29km", "75ml", "10k") */
        const hx__unit *un;
        const hx__currency *cu;
        if (!hx__unit_match(s + e, n - e, 1u << HX__U_DIM | 1u << HX__U_TEMP, 1, &un) &&
            !hx__currency_match(s + e, n - e, &cu))
            return 0;
    }
    char w[24];
    word_before(s, i, w, sizeof w);
    if (x->digits && w[0] && in_list(w, ref_words))
        return 0;
    return e;
}

/* Whether the number x (ending at e) is a year, a day of a month or a duration,
 * given what follows. */
static int not_a_count(const hx__numbers_scan *q, const hx__num *x, size_t e)
{
    const char *s = q->s;
    size_t n = q->n;
    size_t k = hx__skip_sp(s, n, e), k2;
    char w[24];
    size_t we = k > e ? hx__word_at(s, n, k, w, sizeof w) : k;
    if (we == k)
        w[0] = '\0';
    if (x->plain && x->value >= 1000 && x->value <= 2100 && (x->b1 - x->b0) == 4) {
        /* a year, unless it plainly counts something: "1500 soldados" */
        static const char *const year_before[] = {
            "en", "de", "del", "desde", "hasta", "para", "ano", "el", "a", "al", "entre", "y",
            "o", "hacia", "antes", "despues", "durante", "principios", "finales", "mediados",
            "fines", "verano", "invierno", "primavera", "otono", "curso", "ejercicio",
            "temporada", "campana", "", NULL};
        char b[24];
        uint32_t o0, o1;
        word_before(s, x->b0, b, sizeof b);
        hx__counted(q->doc, s, n, e, 0, &o0, &o1);
        if (in_list(b, year_before) || in_list(b, months) || o0 == o1)
            return 1;
    }
    if (x->value >= 1 && x->value <= 31 && x->value == floor(x->value)) {
        size_t m = hx__skip_sp(s, n, we);
        if (strcmp(w, "de") == 0 && m > we && hx__word_is(s, n, m, months, &k2))
            return 1; /* "5 de mayo" */
        if (in_list(w, months) || in_list(w, month_abbr))
            return 1; /* "23 may", "5 mayo" */
        /* "los días 28 y 29 de octubre", "del 3 al 5 de mayo" */
        static const char *const joins[] = {"y", "o", "al", "a", NULL};
        size_t p = we;
        if (in_list(w, joins) || (k < n && s[k] == ',')) {
            size_t q2 = hx__skip_sp(s, n, in_list(w, joins) ? we : k + 1);
            double d;
            size_t de = q2 < n && is_digit((unsigned char)s[q2]) ? hx__numdigits_parse(s + q2, n - q2, &d) : 0;
            if (de && d >= 1 && d <= 31) {
                p = hx__skip_sp(s, n, q2 + de);
                size_t p2;
                if (hx__word_is(s, n, p, w_de, &p2) &&
                    hx__word_is(s, n, hx__skip_sp(s, n, p2), months, &p2))
                    return 1;
            }
        }
    }
    char b[24];
    word_before(s, x->b0, b, sizeof b);
    if (in_list(b, months) && x->value >= 1 && x->value <= 31)
        return 1; /* "mayo 5" */
    if (w[0] && in_list(w, time_units))
        return 1;
    if ((strcmp(b, "las") == 0 || strcmp(b, "la") == 0) && x->value < 25 && x->digits &&
        x->b1 - x->b0 >= 4 && strchr(".,:", s[x->b1 - 3]) && s[x->b1 - 3] != '\0') {
        return 1; /* "a las 9.00", "las 18,30": clock times */
    }
    if (strcmp(b, "las") == 0 || strcmp(b, "la") == 0) {
        /* "a las ocho de la tarde", "las tres y media": clock times */
        static const char *const parts[] = {"manana", "tarde", "noche", "madrugada", NULL};
        size_t m = hx__skip_sp(s, n, we), m2, m3;
        if (x->value <= 24 && strcmp(w, "de") == 0 && hx__word_is(s, n, m, (const char *const[]){"la", NULL}, &m2) &&
            hx__word_is(s, n, hx__skip_sp(s, n, m2), parts, &m3))
            return 1;
        if (x->value <= 24 && strcmp(w, "y") == 0 &&
            hx__word_is(s, n, m, (const char *const[]){"media", "cuarto", NULL}, &m2))
            return 1;
        if (x->value <= 24 && strcmp(w, "en") == 0 &&
            hx__word_is(s, n, m, (const char *const[]){"punto", NULL}, &m2))
            return 1;
    }
    return 0;
}

static hx__quant *push(hx__numbers_scan *q, size_t b0, size_t b1, const char *kind, double v)
{
    hx__quant *r = hx__vec_push(&q->doc->quants, sizeof(hx__quant));
    if (!r) {
        q->oom = 1;
        return NULL;
    }
    r->b0 = (uint32_t)b0;
    r->b1 = (uint32_t)b1;
    r->kind = kind;
    r->value = v;
    r->max = v;
    r->bound = HX_BOUND_EXACT;
    r->unit = NULL;
    return r;
}

/* Reads the unit after a number ending at e; fills kind/unit and returns the end of
 * the quantity (e when no unit).  b0 is where the quantity starts (its bound words
 * included): what precedes it tells an age ("una mujer de 45 años") from a duration. */
static size_t unit_of(const hx__numbers_scan *q, const hx__num *x, size_t b0, size_t e,
                      const char **kind, const char **unit)
{
    const char *s = q->s;
    size_t n = q->n;
    size_t p = hx__percent_suffix(s, n, e);
    *kind = "number";
    *unit = NULL;
    if (p) {
        *kind = "percent";
        *unit = "%";
        return p;
    }
    size_t k = hx__skip_sp(s, n, e), k2;
    int adjacent = 1;
    if ((x->mult > 0 || x->value >= 1e6) && k > e && hx__word_is(s, n, k, w_de, &k2)) {
        size_t k3 = hx__skip_sp(s, n, k2);
        if (k3 > k2) {
            k = k3;
            adjacent = 0;
        }
    }
    if (k >= n)
        return e;
    /* nothing but a letter or a sign can start a unit */
    unsigned char c = (unsigned char)s[k];
    if (c < 0x80 && c != '$' && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
        return e;
    hx__folded fa;
    hx__fold_ahead(s + k, n - k, &fa);
    const hx__currency *cu;
    size_t l = hx__currency_match_f(&fa, &cu);
    if (l && strchr(cu->flags, 'c') && !strchr(cu->flags, 'y')) {
        /* an ISO code must be written in capitals: "15 USD", not "all" */
        for (size_t j = k; j < k + l; j++)
            if (s[j] >= 'a' && s[j] <= 'z')
                l = 0;
    }
    if (l) {
        *kind = "currency";
        *unit = cu->code[0] ? cu->code : NULL;
        return k + l;
    }
    const hx__unit *un;
    l = hx__unit_match_f(&fa, 1u << HX__U_TEMP, adjacent, &un);
    if (l && strlen(un->form) == 1 && un->form[0] >= 'a' && un->form[0] <= 'z')
        l = 0; /* "1381 C.A.F.": a lone C, F or K is too often something else */
    if (l) {
        /* "giró 90 grados" is an angle */
        *kind = strcmp(un->name, "Grado") == 0 && hx__angle_context(s, b0) ? "dimension"
                                                                              : "temperature";
        *unit = un->si;
        return k + l;
    }
    l = hx__unit_match_f(&fa, 1u << HX__U_DIM, adjacent, &un);
    if (l && !(un->sym && strlen(un->form) == 1 && k > e && !x->digits)) {
        *kind = "dimension";
        *unit = un->si;
        return k + l;
    }
    l = hx__unit_match_f(&fa, 1u << HX__U_AGE, 1, &un);
    if (l && strcmp(un->name, "Año") == 0) {
        char b[24];
        word_before(s, b0, b, sizeof b);
        size_t m = hx__skip_sp(s, n, k + l), m2;
        int de_edad = m > k + l && hx__word_is(s, n, m, w_de, &m2) &&
                      hx__word_is(s, n, hx__skip_sp(s, n, m2), (const char *const[]){"edad", NULL}, &m2);
        int de_age = 0;
        if (strcmp(b, "de") == 0) {
            /* "una mujer de 45 años", not "cerca de 20 años" or "hace más de 3 años" */
            static const char *const not_age[] = {"cerca", "alrededor", "mas", "menos", "hace",
                                                  "despues", "antes", "orden", "lo", "minimo",
                                                  "maximo", "plazo", "periodo", "condena",
                                                  "pena", "prision", "carcel", "total", NULL};
            size_t at;
            char b2[24];
            word_before_at(s, b0, b, sizeof b, &at);
            word_before(s, at, b2, sizeof b2);
            de_age = !in_list(b2, not_age);
            /* "de 20 años de prisión", "de 30 años de antigüedad": not a person's age */
            size_t m3 = hx__skip_sp(s, n, m2);
            if (!de_edad && m > k + l && hx__word_is(s, n, m, w_de, &m2) &&
                (m3 = hx__skip_sp(s, n, m2)) > m2 && m3 < n && s[m3] >= 'a' && s[m3] <= 'z')
                de_age = 0;
        }
        if (de_edad || in_list(b, age_before) || de_age) {
            *kind = "age";
            *unit = "a";
            return de_edad ? m2 : k + l;
        }
    }
    return e;
}

/* Fills one quantity starting at i (after an optional bound that starts at b0). */
/* "miles de soldados": a vague amount of mag ending at ve.  Returns the end or 0. */
static size_t vague_quantity(hx__numbers_scan *q, size_t b0, size_t i, size_t ve, double mag,
                             hx_bound bound)
{
    const char *s = q->s;
    size_t n = q->n;
    hx__num vx;
    memset(&vx, 0, sizeof vx);
    vx.b0 = i;
    vx.b1 = ve;
    vx.value = mag;
    vx.mult = mag;
    const char *kind, *unit;
    size_t end = unit_of(q, &vx, b0, ve, &kind, &unit);
    hx__quant *r = push(q, b0, end, kind, mag);
    if (!r)
        return 0;
    r->vague = 1;
    r->bound = bound;
    r->unit = unit;
    if (end == ve)
        hx__counted(q->doc, s, n, ve, 1, &r->of0, &r->of1);
    return end;
}

/* After a currency symbol of cl bytes at i ("$ 5", "US$ 3 millones", "€20"): the
 * amount.  Returns the end or 0. */
static size_t currency_first(hx__numbers_scan *q, size_t b0, size_t i, size_t cl,
                             const hx__currency *cu, hx_bound bound)
{
    const char *s = q->s;
    size_t n = q->n;
    hx__num x;
    size_t k = hx__skip_sp(s, n, i + cl);
    size_t e = k < n ? hx__num_parse(s, n, k, 0, &x) : 0;
    if (e && !hx__alnum_at(s, n, e)) {
        hx__quant *r = push(q, b0, e, "currency", x.value);
        if (!r)
            return 0;
        r->unit = cu->code[0] ? cu->code : NULL;
        r->bound = bound;
        return e;
    }
    return 0;
}

/* "medio kilo", "media tonelada": half of a unit of measure.  Returns the end or 0. */
static size_t half_unit(hx__numbers_scan *q, size_t b0, size_t i, hx_bound bound)
{
    const char *s = q->s;
    size_t n = q->n;
    static const char *const w_half[] = {"medio", "media", NULL};
    size_t he;
    if (bound != HX_BOUND_RANGE && hx__word_is(s, n, i, w_half, &he)) {
        const hx__unit *un;
        size_t k = hx__skip_sp(s, n, he);
        size_t l = k > he ? hx__unit_match(s + k, n - k, 1u << HX__U_DIM, 0, &un) : 0;
        if (l && strcmp(un->subtype, "Angle") != 0) {
            hx__quant *r = push(q, b0, k + l, "dimension", 0.5);
            if (!r)
                return 0;
            r->bound = bound;
            r->unit = un->si;
            return k + l;
        }
    }
    return 0;
}

/* An ordinal of oe bytes at i with value ov ("tercera", "1.º").  Returns the end or 0. */
static size_t ordinal_quantity(hx__numbers_scan *q, size_t b0, size_t i, size_t oe, double ov)
{
    const char *s = q->s;
    size_t n = q->n;
/* ordinals; "segundo"/"cuarto" after a number or "un" are time and fractions */
char b[24], w[24];
word_before(s, i, b, sizeof b);
hx__word_at(s, n, i, w, sizeof w);
int amb = strncmp(w, "segund", 6) == 0 || strncmp(w, "cuart", 5) == 0;
size_t wl = strlen(w);
if (wl > 1 && w[wl - 1] == 's' && !is_digit((unsigned char)s[i]))
    return 0; /* "décimas de segundo", "octavos de final": fractions, rounds */
if (!(amb && (in_list(b, (const char *const[]){"un", "una", "y", "menos", "cada", "por",
                                                "medio", "tres", "dos", NULL}) ||
              is_digit((unsigned char)b[0])))) {
    hx__quant *r = push(q, b0, i + oe, "ordinal", ov);
    if (!r)
        return 0;
    hx__counted(q->doc, s, n, i + oe, 0, &r->of0, &r->of1);
    return i + oe;
}
return 0;
}

/* The second number of a range opened at b0 ("entre 10 y 20", "de 3 a 5 mil") after the
 * first, x, which ends at e: fills *y and returns its end, or 0. */
static size_t range_second(hx__numbers_scan *q, size_t b0, const hx__num *x, size_t e, hx__num *y)
{
    const char *s = q->s;
    size_t n = q->n;
    size_t ye = 0;
    size_t k = hx__skip_sp(s, n, e), k2;
    static const char *const w_hasta[] = {"hasta", NULL};
    char r0[8];
    hx__word_at(s, n, b0, r0, sizeof r0);
    const char *const *link = strcmp(r0, "entre") == 0   ? w_y
                              : strcmp(r0, "desde") == 0 ? w_hasta
                                                         : w_a;
    if (k > e && hx__word_is(s, n, k, link, &k2)) {
        size_t k3 = hx__skip_sp(s, n, k2);
        size_t sk;
        k3 = k3 > k2 ? skip_article(s, n, k3) : k3;
        ye = k3 > k2 ? number_at(q, k3, y, &sk) : 0;
    }
    if (!ye || y->article)
        return 0;
    if (x->plain && x->b1 - x->b0 == 4 && x->value >= 1000 && x->value <= 2100)
        return 0; /* "de 1998 a 2000", "entre 2019 y 2021": years */
    double lo = x->value, hi = y->value;
    if (y->mult > 0 && x->mult == 0 && lo < hi / y->mult)
        lo *= y->mult;
    if (link != w_y && lo >= hi)
        return 0; /* "de 130.000 a 30.000" is a change, not a range */
    return ye;
}

/* Digits that count nothing after a capitalised name ("un Boeing 737,", "Windows 10")
 * are part of the name: 1 when the digits at i are. */
static int name_digits(hx__numbers_scan *q, size_t i)
{
    const char *s = q->s;
    char b[24];
    size_t at;
    word_before_at(s, i, b, sizeof b, &at);
    if (!(b[0] && at < i && s[at] >= 'A' && s[at] <= 'Z' && at > 0 &&
          hx__alnum_at(s, q->n, at - 1) == 0 && s[at - 1] == ' '))
        return 0;
    size_t p = at - 1;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    return p > 0 && s[p - 1] != '.' && s[p - 1] != '\n';
}

static size_t quantity_at(hx__numbers_scan *q, size_t b0, size_t i, hx_bound bound, size_t *skip)
{
    const char *s = q->s;
    size_t n = q->n;
    hx__num x;
    *skip = 0;
    /* vague: "miles de soldados" */
    double mag;
    size_t ve = bound != HX_BOUND_RANGE ? vague_at(s, n, i, &mag) : 0;
    if (ve)
        return vague_quantity(q, b0, i, ve, mag, bound);
    const hx__currency *cu;
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c0 = u[i];
    int sym = c0 == '$' || (c0 == 0xE2 && i + 1 < n && u[i + 1] == 0x82) ||
              (c0 == 0xC2 && i + 1 < n && (u[i + 1] == 0xA3 || u[i + 1] == 0xA5)) ||
              (strchr("UCANHRM", c0) && memchr(s + i, '$', n - i < 5 ? n - i : 5));
    size_t cl = sym ? hx__currency_match(s + i, n - i, &cu) : 0;
    if (cl && strchr(cu->flags, 'y') && bound != HX_BOUND_RANGE)
        return currency_first(q, b0, i, cl, cu, bound);
    size_t he = bound != HX_BOUND_RANGE ? half_unit(q, b0, i, bound) : 0;
    if (he)
        return he;
    size_t e = number_at(q, i, &x, skip);
    double ov;
    size_t oe = hx__ordwords_parse(s + i, n - i, &ov);
    if (oe && !hx__alnum_at(s, n, i + oe) && (!e || i + oe > e) && bound == HX_BOUND_EXACT)
        return ordinal_quantity(q, b0, i, oe, ov);
    if (!e)
        return 0;
    if (x.article)
        return 0;
    if (x.words && s[i] >= 'A' && s[i] <= 'Z') {
        /* "las Tres Mil Viviendas": a capitalised number inside a sentence is a name */
        size_t j = i;
        while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
            j--;
        if (j > 0 && j < i && hx__alnum_at(s, n, j - 1) && !is_digit((unsigned char)s[j - 1]))
            return 0;
    }
    /* ranges: "entre 10 y 20", "de 3 a 5 mil", "10-20" */
    hx__num y;
    size_t ye = 0;
    if (bound == HX_BOUND_RANGE) {
        if (!(ye = range_second(q, b0, &x, e, &y)))
            return 0;
    } else if (x.digits && e + 1 < n && s[e] == '-' && is_digit((unsigned char)s[e + 1])) {
        ye = hx__num_parse(s, n, e + 1, 0, &y);
        if (!ye || hx__alnum_at(s, n, ye) || y.value <= x.value)
            return 0;
        bound = HX_BOUND_RANGE;
    }
    const hx__num *last = ye ? &y : &x;
    size_t le = ye ? ye : e;
    const char *kind, *unit;
    size_t end = unit_of(q, last, b0, le, &kind, &unit);
    if (strcmp(kind, "number") == 0 && (not_a_count(q, &x, e) || (ye && not_a_count(q, &y, ye)))) {
        *skip = le; /* "a las 3.15": go on after it, not inside it */
        return 0;
    }
    if (ye && s[e] == '-' && strcmp(kind, "number") == 0) {
        /* "10-20" counts something only with a noun: "90-91", "0-1" are seasons, scores */
        uint32_t o0, o1;
        hx__counted(q->doc, s, n, end, 0, &o0, &o1);
        if (o0 == o1) {
            *skip = ye;
            return 0;
        }
    }
    double lo = x.value, hi = ye ? y.value : x.value;
    if (ye && y.mult > 0 && x.mult == 0 && lo < hi / y.mult)
        lo *= y.mult; /* "de 3 a 5 mil" */
    hx__quant *r = push(q, b0, end, kind, lo);
    if (!r)
        return 0;
    r->bound = bound;
    r->max = hi;
    r->unit = unit;
    if (strcmp(kind, "number") == 0) {
        hx__counted(q->doc, s, n, end, x.mult > 0 || last->mult > 0, &r->of0, &r->of1);
        if (r->of0 == r->of1 && !ye && x.plain && bound == HX_BOUND_EXACT && i > 0 &&
            name_digits(q, i)) {
            q->doc->quants.n--;
            *skip = e;
            return 0;
        }
    }
    return end;
}

/* Which two-letter beginnings a word that may start a quantity has: bit j of
 * first2[i] is set when such a word starts with letters 'a' + i, 'a' + j (numbers,
 * ordinals, vague amounts, bound and range words).  A cheap filter before parsing. */
static const uint32_t first2[26] = {0x0008800, 0x0000100, 0x0104111, 0x0104110, 0x0002000,
                                    0x0000000, 0x0000000, 0x0000001, 0x0002000, 0x0000000,
                                    0x0000000, 0x0000000, 0x0000111, 0x0104000, 0x0002004,
                                    0x0024000, 0x0100000, 0x0000000, 0x0100110, 0x0020010,
                                    0x0002000, 0x0000110, 0x0000000, 0x0000000, 0x0000000,
                                    0x0000000};

static int may_start(const char *w)
{
    unsigned a = (unsigned char)w[0] - 'a', b = (unsigned char)w[1] - 'a';
    return a < 26 && b < 26 && (first2[a] >> b & 1u);
}

static const char *const bound_first[] = {
    "al", "por", "como", "mas", "no", "superior", "superiores", "un", "algo", "poco", "hasta",
    "menos", "inferior", "inferiores", "apenas", "unos", "unas", "cerca", "alrededor",
    "aproximadamente", "aprox", "en", "casi", "del", NULL};
static const char *const range_first[] = {"entre", "de", "desde", NULL};
/* Other words a quantity may start with: vague amounts and halves ("medio kilo"). */
static const char *const vague_words[] = {"decenas", "centenares", "cientos", "millares",
                                          "miles",   "millones",   "docenas", "billones",
                                          "medio",   "media",      NULL};

void hx__quant_prefix3_build(uint32_t out[26 * 26])
{
    const char *const *lists[] = {bound_first, range_first, vague_words};
    memset(out, 0, 26 * 26 * sizeof out[0]);
    for (size_t l = 0; l < 3; l++)
        for (const char *const *w = lists[l]; *w; w++)
            if (strlen(*w) >= 3)
                out[((*w)[0] - 'a') * 26 + ((*w)[1] - 'a')] |= 1u << ((*w)[2] - 'a');
    const char *w;
    for (size_t k = 0; (w = hx__numword_stem(k)) != NULL; k++)
        if (strlen(w) >= 3)
            out[(w[0] - 'a') * 26 + (w[1] - 'a')] |= 1u << (w[2] - 'a');
}

/* hx__quant_prefix3_build's table, written out (the tests check that they agree). */
static const uint32_t prefix3[26 * 26] = {
    /* a */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0020040, 0x0000000, 0x0000000,
    0x0000000, 0x0020010, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* b */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000800, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* c */
    0x00c0000, 0x0000000, 0x0000000, 0x0000000, 0x0022000, 0x0000000, 0x0000000,
    0x0000000, 0x0002010, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0001000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000001,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* d */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0040804, 0x0000000, 0x0000000,
    0x0000000, 0x0000010, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0040004, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0004004,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* e */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0080000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* f */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* g */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* h */
    0x0040000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* i */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000020,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* j */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* k */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* l */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* m */
    0x0040000, 0x0000000, 0x0000000, 0x0000000, 0x0002008, 0x0000000, 0x0000000,
    0x0000000, 0x0000800, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* n */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0202000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000010,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* o */
    0x0000000, 0x0000000, 0x0080080, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000004,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* p */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0020004, 0x0000000, 0x0000000, 0x0000100, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* q */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000100,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* r */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* s */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x08c8140, 0x0000000, 0x0000000,
    0x0000000, 0x0000010, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0008000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* t */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0020000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000110, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* u */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0004009,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* v */
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000100, 0x0000000, 0x0000000,
    0x0000000, 0x0000040, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    /* w */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* x */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* y */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    /* z */ 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
};

/* Whether the two-letter word a, b (folded) is a bound, range or vague word or a
 * number word: the only ones are these (hx__quantities_selfcheck tries every pair). */
static int two_letter_starts(unsigned a, unsigned b)
{
    unsigned ab = a << 8 | b;
    return ab == ('a' << 8 | 'l') || ab == ('n' << 8 | 'o') || ab == ('u' << 8 | 'n') ||
           ab == ('e' << 8 | 'n') || ab == ('d' << 8 | 'e');
}

int hx__quantities_selfcheck(void)
{
    uint32_t t[26 * 26];
    hx__quant_prefix3_build(t);
    if (memcmp(t, prefix3, sizeof t) != 0)
        return 0;
    const char *const *lists[] = {bound_first, range_first, vague_words};
    for (unsigned a = 'a'; a <= 'z'; a++)
        for (unsigned b = 'a'; b <= 'z'; b++) {
            char w[3] = {(char)a, (char)b, '\0'};
            int listed = hx__numword_any(w, 2);
            for (size_t l = 0; l < 3; l++)
                listed |= in_list(w, lists[l]);
            if (listed != two_letter_starts(a, b))
                return 0;
        }
    return 1;
}

/* The words that start a quantity by themselves (bound, range and vague words), in a
 * small hash table built once per call: the scan asks for every candidate word. */
enum { QW_BOUND = 1, QW_RANGE = 2, QW_VAGUE = 4 };
#define QW_SLOTS 128 /* a power of two, over twice the words of the three lists */

typedef struct qword {
    const char *w; /* NULL: free */
    size_t n;
    unsigned bits;
} qword;

static size_t qw_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h & (QW_SLOTS - 1);
}

static void qw_add(qword *tab, const char *const *list, unsigned bits)
{
    for (; *list; list++) {
        size_t n = strlen(*list), k = qw_hash(*list, n);
        while (tab[k].w && !(tab[k].n == n && memcmp(tab[k].w, *list, n) == 0))
            k = (k + 1) & (QW_SLOTS - 1);
        tab[k].w = *list;
        tab[k].n = n;
        tab[k].bits |= bits;
    }
}

/* The QW_* classes of the folded word w[0..n). */
static unsigned qw_classes(const qword *tab, const char *w, size_t n)
{
    for (size_t k = qw_hash(w, n); tab[k].w; k = (k + 1) & (QW_SLOTS - 1))
        if (tab[k].n == n && memcmp(tab[k].w, w, n) == 0)
            return tab[k].bits;
    return 0;
}

/* Whether the word at i could begin a number: a digit or a number word. */
static int number_follows(const char *s, size_t n, size_t i)
{
    char w[24];
    const unsigned char *u = (const unsigned char *)s;
    if (i >= n)
        return 0;
    if (is_digit(u[i]))
        return 1;
    /* two ASCII bytes that fold to letters no number starts with: no need to fold
     * the whole word (may_start reads its first two letters) */
    if (i + 1 < n && u[i] < 0x80 && u[i + 1] < 0x80) {
        unsigned a = (u[i] | 0x20u) - 'a', b = (u[i + 1] | 0x20u) - 'a';
        if (!(a < 26 && b < 26 && (first2[a] >> b & 1u)))
            return 0;
    }
    hx__word_at(s, n, i, w, sizeof w);
    return w[0] && may_start(w);
}

/* How many of the 8 bytes at u are ASCII letters or digits before the first that is
 * not (8 when all are): the bytes are compared eight at a time, one branch per word
 * instead of one per byte.  0 when the host is not little-endian (no fast path). */
static size_t ascii_alnum_run8(const unsigned char *u)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x;
    memcpy(&x, u, 8);
    uint64_t low7 = x & ~high, lc = (x | 0x20 * ones) & ~high;
    /* per byte, bit 7 set when the 7-bit value is >= the bound (no carries: <= 0xFF) */
    uint64_t letter = (lc + 0x1F * ones) & ~(lc + 0x05 * ones);     /* 'a'..'z' */
    uint64_t digit = (low7 + 0x50 * ones) & ~(low7 + 0x46 * ones);  /* '0'..'9' */
    uint64_t stop = ~((letter | digit) & ~x) & high; /* not alnum, or not ASCII */
    return stop ? (size_t)__builtin_ctzll(stop) / 8 : 8;
#else
    (void)u;
    return 0;
#endif
}

/* The end of the run of letters and digits at i. */
static size_t word_end(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    while (i < n) {
        if (i + 8 <= n) {
            size_t r = ascii_alnum_run8(u + i);
            i += r;
            if (r == 8)
                continue;
        }
        unsigned char c = u[i];
        if (c < 0x80) {
            if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !is_digit(c))
                break;
            i++;
        } else if (hx__alnum_at(s, n, i)) {
            i += char_len(s, n, i);
        } else {
            break;
        }
    }
    return i;
}

/* Whether the word [i, we) that starts with three ASCII letters may still start a
 * quantity although its first three letters start no listed word: only when it holds
 * a non-ASCII byte or its letters end like an ordinal of a big multiplier
 * ("dosmilesimo": "sim" + o/a + s?), the one kind of number word with any beginning. */
static int may_end_ordinal(const unsigned char *u, size_t i, size_t we)
{
    size_t e = i;
    while (e < we && !is_digit(u[e])) {
        if (u[e] >= 0x80)
            return 1;
        e++;
    }
    if (e > i && (u[e - 1] | 0x20) == 's')
        e--;
    if (e > i && ((u[e - 1] | 0x20) == 'o' || (u[e - 1] | 0x20) == 'a'))
        e--;
    else
        return 0;
    return e - i >= 3 && (u[e - 3] | 0x20) == 's' && (u[e - 2] | 0x20) == 'i' &&
           (u[e - 1] | 0x20) == 'm';
}

hx_status hx__find_quantities(hx_doc *doc, hx_error *err)
{
    hx__numbers_scan q = {doc, doc->text, doc->len, 0};
    const char *s = doc->text;
    const unsigned char *u = (const unsigned char *)s;
    doc->quants.n = 0; /* running the stage again gives the same layer */
    size_t n = doc->len;
    size_t i = 0;
    qword qw[QW_SLOTS];
    memset(qw, 0, sizeof qw);
    qw_add(qw, bound_first, QW_BOUND);
    qw_add(qw, range_first, QW_RANGE);
    qw_add(qw, vague_words, QW_VAGUE);
    while (i < n && !q.oom) {
        unsigned char c = u[i];
        int letter = c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : hx__alnum_at(s, n, i);
        if (c < 0x80 && !letter && !is_digit(c) && c != '$' && c != '-') {
            i++; /* spaces and punctuation */
            continue;
        }
        size_t end = 0, skip = 0;
        if (letter) {
            size_t we = word_end(s, n, i);
            unsigned char a = (unsigned char)(c | 0x20), b = i + 1 < n ? u[i + 1] | 0x20 : 0;
            int glued_dollar = we < n && u[we] == '$';
            if (!glued_dollar && c < 0x80 && i + 1 < n && u[i + 1] < 0x80 &&
                !(a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z' && (first2[a - 'a'] >> (b - 'a') & 1u))) {
                i = we; /* cannot start a quantity: skip the word without folding it */
                continue;
            }
            if (!glued_dollar && c < 0x80 && i + 2 < n && u[i + 1] < 0x80 &&
                ((u[i + 2] | 0x20) >= 'a' && (u[i + 2] | 0x20) <= 'z') &&
                !(prefix3[(a - 'a') * 26 + (b - 'a')] >> ((u[i + 2] | 0x20) - 'a') & 1u) &&
                !may_end_ordinal(u, i, we)) {
                i = we; /* nor with these three letters */
                continue;
            }
            char w[24];
            size_t wl;
            if (!glued_dollar && c < 0x80 && i + 2 < n && u[i + 1] < 0x80 && u[i + 2] < 0x80 &&
                !((u[i + 2] | 0x20) >= 'a' && (u[i + 2] | 0x20) <= 'z')) {
                /* two ASCII letters (checked above): the folded word is a, b.  Of such
                 * words only these are a bound, range word or number ("un") */
                if (!two_letter_starts(a, b)) {
                    i = we;
                    continue;
                }
                w[0] = (char)a;
                w[1] = (char)b;
                w[2] = '\0';
                wl = 2;
            } else {
                hx__word_at(s, n, i, w, sizeof w);
                if (!glued_dollar && (!w[0] || !may_start(w))) {
                    i = we > i ? we : i + char_len(s, n, i);
                    continue;
                }
                wl = strlen(w);
            }
            hx_bound bnd;
            unsigned cls = qw_classes(qw, w, wl);
            size_t k, be = (cls & QW_BOUND) ? bound_at(s, n, i, &bnd) : 0;
            if (be && (k = hx__skip_sp(s, n, be)) > be && (k = skip_article(s, n, k)) &&
                number_follows(s, n, k))
                end = quantity_at(&q, i, k, bnd, &skip);
            if (!end && (cls & QW_RANGE) && (k = hx__skip_sp(s, n, we)) > we &&
                (k = skip_article(s, n, k)) && number_follows(s, n, k))
                end = quantity_at(&q, i, k, HX_BOUND_RANGE, &skip);
            if (!end && !glued_dollar && !hx__numword_any(w, wl) && !(cls & QW_VAGUE)) {
                i = we > i ? we : i + char_len(s, n, i);
                continue;
            }
        } else if (!hx__word_start(s, i)) {
            i += char_len(s, n, i);
            continue;
        }
        if (!end && !q.oom)
            end = quantity_at(&q, i, i, HX_BOUND_EXACT, &skip);
        if (end)
            i = end;
        else if (skip > i)
            i = skip;
        else if (letter || is_digit(c))
            i = word_end(s, n, i);
        else
            i += char_len(s, n, i);
    }
    if (q.oom)
        return hx__err(err, HX_NOMEM, SIZE_MAX, "out of memory");
    return HX_OK;
}
