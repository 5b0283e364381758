/*
 * units.c -- the units that may follow a number (dimensions, temperatures, ages) and
 * the matchers for them and for currencies (units.h).
 *
 * Matching folds the next few words of the text (lower case, no accents, runs of
 * spaces as one space) into a small stack buffer that remembers where each folded
 * byte came from, then compares the forms of the table that start with the same byte:
 * hx__units is grouped by the first byte of its forms (in byte order, each group in
 * the order ties are broken) and hx__currencies is sorted by form, so a binary search
 * finds the group.  Invariants: the tables are constant and so ordered (tests check
 * it); nothing reads past s + n.
 */
#include "numbers/units.h"

#include <string.h>

#include "numbers/numwords.h"

#define LEN "Length"
#define ARE "Area"
#define VOL "Volume"
#define WEI "Weight"
#define SPE "Speed"
#define ANG "Angle"
#define POW "Power"

const hx__unit hx__units[] = {
    /* a */
    {"acre", HX__U_DIM, 0, "Acre", ARE, "ac"},
    {"acres", HX__U_DIM, 0, "Acre", ARE, "ac"},
    {"ano luz", HX__U_DIM, 0, "Año luz", LEN, "ly"},
    {"anos luz", HX__U_DIM, 0, "Año luz", LEN, "ly"},
    {"año", HX__U_AGE, 1, "Año", NULL, "a"},
    {"años", HX__U_AGE, 1, "Año", NULL, "a"},
    {"ano", HX__U_AGE, 1, "Año", NULL, "a"},
    {"anos", HX__U_AGE, 1, "Año", NULL, "a"},
    /* b */
    {"barril", HX__U_DIM, 0, "Barril", VOL, "bbl"},
    {"barriles", HX__U_DIM, 0, "Barril", VOL, "bbl"},
    {"bit", HX__U_DIM, 0, "Bit", "Information", "bit"},
    {"bits", HX__U_DIM, 0, "Bit", "Information", "bit"},
    {"byte", HX__U_DIM, 0, "Byte", "Information", "B"},
    {"bytes", HX__U_DIM, 0, "Byte", "Information", "B"},
    /* c */
    {"cm", HX__U_DIM, 1, "Centímetro", LEN, "cm"},
    {"centimetro", HX__U_DIM, 0, "Centímetro", LEN, "cm"},
    {"centimetros", HX__U_DIM, 0, "Centímetro", LEN, "cm"},
    {"cc", HX__U_DIM, 1, "Centímetro cúbico", VOL, "cm3"},
    {"cm3", HX__U_DIM, 1, "Centímetro cúbico", VOL, "cm3"},
    {"centimetro cubico", HX__U_DIM, 0, "Centímetro cúbico", VOL, "cm3"},
    {"centimetros cubicos", HX__U_DIM, 0, "Centímetro cúbico", VOL, "cm3"},
    {"cm2", HX__U_DIM, 1, "Centímetro cuadrado", ARE, "cm2"},
    {"centimetro cuadrado", HX__U_DIM, 0, "Centímetro cuadrado", ARE, "cm2"},
    {"centimetros cuadrados", HX__U_DIM, 0, "Centímetro cuadrado", ARE, "cm2"},
    {"cl", HX__U_DIM, 1, "Centilitro", VOL, "cL"},
    {"centilitro", HX__U_DIM, 0, "Centilitro", VOL, "cL"},
    {"centilitros", HX__U_DIM, 0, "Centilitro", VOL, "cL"},
    {"celsius", HX__U_TEMP, 0, "Grado Celsius", NULL, "°C"},
    {"centigrados", HX__U_TEMP, 0, "Grado Celsius", NULL, "°C"},
    {"c", HX__U_TEMP, 1, "Grado Celsius", NULL, "°C"},
    /* d */
    {"dm", HX__U_DIM, 1, "Decímetro", LEN, "dm"},
    {"decimetro", HX__U_DIM, 0, "Decímetro", LEN, "dm"},
    {"decimetros", HX__U_DIM, 0, "Decímetro", LEN, "dm"},
    {"dl", HX__U_DIM, 1, "Decilitro", VOL, "dL"},
    {"decilitro", HX__U_DIM, 0, "Decilitro", VOL, "dL"},
    {"decilitros", HX__U_DIM, 0, "Decilitro", VOL, "dL"},
    {"dia", HX__U_AGE, 1, "Día", NULL, "d"},
    {"dias", HX__U_AGE, 1, "Día", NULL, "d"},
    /* f */
    {"fahrenheit", HX__U_TEMP, 0, "Grado Fahrenheit", NULL, "°F"},
    {"f", HX__U_TEMP, 1, "Grado Fahrenheit", NULL, "°F"},
    /* g */
    {"galon", HX__U_DIM, 0, "Galón", VOL, "gal"},
    {"galones", HX__U_DIM, 0, "Galón", VOL, "gal"},
    {"g", HX__U_DIM, 1, "Gramo", WEI, "g"},
    {"gramo", HX__U_DIM, 0, "Gramo", WEI, "g"},
    {"gramos", HX__U_DIM, 0, "Gramo", WEI, "g"},
    {"gigabit", HX__U_DIM, 0, "Gigabit", "Information", "Gbit"},
    {"gigabits", HX__U_DIM, 0, "Gigabit", "Information", "Gbit"},
    {"gb", HX__U_DIM, 1, "Gigabyte", "Information", "GB"},
    {"gigabyte", HX__U_DIM, 0, "Gigabyte", "Information", "GB"},
    {"gigabytes", HX__U_DIM, 0, "Gigabyte", "Information", "GB"},
    {"gw", HX__U_DIM, 1, "Gigavatio", POW, "GW"},
    {"gigavatio", HX__U_DIM, 0, "Gigavatio", POW, "GW"},
    {"gigavatios", HX__U_DIM, 0, "Gigavatio", POW, "GW"},
    {"grado", HX__U_DIM, 0, "Degree", ANG, "°"},
    {"grados", HX__U_DIM, 0, "Degree", ANG, "°"},
    {"grados celsius", HX__U_TEMP, 0, "Grado Celsius", NULL, "°C"},
    {"grado celsius", HX__U_TEMP, 0, "Grado Celsius", NULL, "°C"},
    {"grados centigrados", HX__U_TEMP, 0, "Grado Celsius", NULL, "°C"},
    {"grado centigrado", HX__U_TEMP, 0, "Grado Celsius", NULL, "°C"},
    {"grados c", HX__U_TEMP, 1, "Grado Celsius", NULL, "°C"},
    {"grados fahrenheit", HX__U_TEMP, 0, "Grado Fahrenheit", NULL, "°F"},
    {"grado fahrenheit", HX__U_TEMP, 0, "Grado Fahrenheit", NULL, "°F"},
    {"grados f", HX__U_TEMP, 1, "Grado Fahrenheit", NULL, "°F"},
    {"grados kelvin", HX__U_TEMP, 0, "Kelvin", NULL, "K"},
    {"grados", HX__U_TEMP, 1, "Grado", NULL, "°"},
    {"grado", HX__U_TEMP, 1, "Grado", NULL, "°"},
    /* h */
    {"hectarea", HX__U_DIM, 0, "Hectárea", ARE, "ha"},
    {"hectareas", HX__U_DIM, 0, "Hectárea", ARE, "ha"},
    {"ha", HX__U_DIM, 1, "Hectárea", ARE, "ha"},
    {"hectometro cubico", HX__U_DIM, 0, "Hectómetro cúbico", VOL, "hm3"},
    {"hectometros cubicos", HX__U_DIM, 0, "Hectómetro cúbico", VOL, "hm3"},
    {"hm3", HX__U_DIM, 1, "Hectómetro cúbico", VOL, "hm3"},
    {"hm³", HX__U_DIM, 1, "Hectómetro cúbico", VOL, "hm3"},
    {"hectolitro", HX__U_DIM, 0, "Hectolitro", VOL, "hL"},
    {"hectolitros", HX__U_DIM, 0, "Hectolitro", VOL, "hL"},
    /* k */
    {"km", HX__U_DIM, 1, "Kilómetro", LEN, "km"},
    {"kilometro", HX__U_DIM, 0, "Kilómetro", LEN, "km"},
    {"kilometros", HX__U_DIM, 0, "Kilómetro", LEN, "km"},
    {"km2", HX__U_DIM, 1, "Kilómetro cuadrado", ARE, "km2"},
    {"km²", HX__U_DIM, 1, "Kilómetro cuadrado", ARE, "km2"},
    {"kilometro cuadrado", HX__U_DIM, 0, "Kilómetro cuadrado", ARE, "km2"},
    {"kilometros cuadrados", HX__U_DIM, 0, "Kilómetro cuadrado", ARE, "km2"},
    {"kg", HX__U_DIM, 1, "Kilogramo", WEI, "kg"},
    {"kilo", HX__U_DIM, 0, "Kilogramo", WEI, "kg"},
    {"kilos", HX__U_DIM, 0, "Kilogramo", WEI, "kg"},
    {"kilogramo", HX__U_DIM, 0, "Kilogramo", WEI, "kg"},
    {"kilogramos", HX__U_DIM, 0, "Kilogramo", WEI, "kg"},
    {"km/h", HX__U_DIM, 1, "Kilómetro por hora", SPE, "km/h"},
    {"kilometros por hora", HX__U_DIM, 0, "Kilómetro por hora", SPE, "km/h"},
    {"kilometro por hora", HX__U_DIM, 0, "Kilómetro por hora", SPE, "km/h"},
    {"kilobit", HX__U_DIM, 0, "Kilobit", "Information", "kbit"},
    {"kilobits", HX__U_DIM, 0, "Kilobit", "Information", "kbit"},
    {"kb", HX__U_DIM, 1, "Kilobyte", "Information", "kB"},
    {"kilobyte", HX__U_DIM, 0, "Kilobyte", "Information", "kB"},
    {"kilobytes", HX__U_DIM, 0, "Kilobyte", "Information", "kB"},
    {"kw", HX__U_DIM, 1, "Kilovatio", POW, "kW"},
    {"kilovatio", HX__U_DIM, 0, "Kilovatio", POW, "kW"},
    {"kilovatios", HX__U_DIM, 0, "Kilovatio", POW, "kW"},
    {"kwh", HX__U_DIM, 1, "Kilovatio hora", "Energy", "kWh"},
    {"kelvin", HX__U_TEMP, 0, "Kelvin", NULL, "K"},
    {"k", HX__U_TEMP, 1, "Kelvin", NULL, "K"},
    /* l */
    {"l", HX__U_DIM, 1, "Litro", VOL, "L"},
    {"litro", HX__U_DIM, 0, "Litro", VOL, "L"},
    {"litros", HX__U_DIM, 0, "Litro", VOL, "L"},
    {"libra", HX__U_DIM, 0, "Libra", WEI, "lb"},
    {"libras", HX__U_DIM, 0, "Libra", WEI, "lb"},
    {"lb", HX__U_DIM, 1, "Libra", WEI, "lb"},
    {"lbs", HX__U_DIM, 1, "Libra", WEI, "lb"},
    /* m */
    {"m", HX__U_DIM, 1, "Metro", LEN, "m"},
    {"metro", HX__U_DIM, 0, "Metro", LEN, "m"},
    {"metros", HX__U_DIM, 0, "Metro", LEN, "m"},
    {"mm", HX__U_DIM, 1, "Milímetro", LEN, "mm"},
    {"milimetro", HX__U_DIM, 0, "Milímetro", LEN, "mm"},
    {"milimetros", HX__U_DIM, 0, "Milímetro", LEN, "mm"},
    {"milla", HX__U_DIM, 0, "Milla", LEN, "mi"},
    {"millas", HX__U_DIM, 0, "Milla", LEN, "mi"},
    {"milla nautica", HX__U_DIM, 0, "Milla náutica", LEN, "nmi"},
    {"millas nauticas", HX__U_DIM, 0, "Milla náutica", LEN, "nmi"},
    {"m2", HX__U_DIM, 1, "Metro cuadrado", ARE, "m2"},
    {"m²", HX__U_DIM, 1, "Metro cuadrado", ARE, "m2"},
    {"metro cuadrado", HX__U_DIM, 0, "Metro cuadrado", ARE, "m2"},
    {"metros cuadrados", HX__U_DIM, 0, "Metro cuadrado", ARE, "m2"},
    {"ml", HX__U_DIM, 1, "Mililitro", VOL, "mL"},
    {"mililitro", HX__U_DIM, 0, "Mililitro", VOL, "mL"},
    {"mililitros", HX__U_DIM, 0, "Mililitro", VOL, "mL"},
    {"m3", HX__U_DIM, 1, "Metro cúbico", VOL, "m3"},
    {"metro cubico", HX__U_DIM, 0, "Metro cúbico", VOL, "m3"},
    {"metros cubicos", HX__U_DIM, 0, "Metro cúbico", VOL, "m3"},
    {"m³", HX__U_DIM, 1, "Metro cúbico", VOL, "m3"},
    {"mg", HX__U_DIM, 1, "Miligramo", WEI, "mg"},
    {"miligramo", HX__U_DIM, 0, "Miligramo", WEI, "mg"},
    {"miligramos", HX__U_DIM, 0, "Miligramo", WEI, "mg"},
    {"mph", HX__U_DIM, 1, "Milla por hora", SPE, "mph"},
    {"millas por hora", HX__U_DIM, 0, "Milla por hora", SPE, "mph"},
    {"metros por segundo", HX__U_DIM, 0, "Metro por segundo", SPE, "m/s"},
    {"metro por segundo", HX__U_DIM, 0, "Metro por segundo", SPE, "m/s"},
    {"m/s", HX__U_DIM, 1, "Metro por segundo", SPE, "m/s"},
    {"micrometro", HX__U_DIM, 0, "Micrómetro", LEN, "um"},
    {"micrometros", HX__U_DIM, 0, "Micrómetro", LEN, "um"},
    {"milla cuadrada", HX__U_DIM, 0, "Milla cuadrada", ARE, "mi2"},
    {"millas cuadradas", HX__U_DIM, 0, "Milla cuadrada", ARE, "mi2"},
    {"microgramo", HX__U_DIM, 0, "Microgramo", WEI, "ug"},
    {"microgramos", HX__U_DIM, 0, "Microgramo", WEI, "ug"},
    {"megabit", HX__U_DIM, 0, "Megabit", "Information", "Mbit"},
    {"megabits", HX__U_DIM, 0, "Megabit", "Information", "Mbit"},
    {"mb", HX__U_DIM, 1, "Megabyte", "Information", "MB"},
    {"megabyte", HX__U_DIM, 0, "Megabyte", "Information", "MB"},
    {"megabytes", HX__U_DIM, 0, "Megabyte", "Information", "MB"},
    {"mw", HX__U_DIM, 1, "Megavatio", POW, "MW"},
    {"megavatio", HX__U_DIM, 0, "Megavatio", POW, "MW"},
    {"megavatios", HX__U_DIM, 0, "Megavatio", POW, "MW"},
    {"mes", HX__U_AGE, 1, "Mes", NULL, "mo"},
    {"meses", HX__U_AGE, 1, "Mes", NULL, "mo"},
    /* n */
    {"nudos", HX__U_DIM, 0, "Nudo", SPE, "kn"},
    {"nanometro", HX__U_DIM, 0, "Nanómetro", LEN, "nm"},
    {"nanometros", HX__U_DIM, 0, "Nanómetro", LEN, "nm"},
    /* o */
    {"onza", HX__U_DIM, 0, "Onza", WEI, "oz"},
    {"onzas", HX__U_DIM, 0, "Onza", WEI, "oz"},
    {"oz", HX__U_DIM, 1, "Onza", WEI, "oz"},
    {"onza liquida", HX__U_DIM, 0, "Onza líquida", VOL, "floz"},
    {"onzas liquidas", HX__U_DIM, 0, "Onza líquida", VOL, "floz"},
    /* p */
    {"pulgada", HX__U_DIM, 0, "Pulgada", LEN, "in"},
    {"pulgadas", HX__U_DIM, 0, "Pulgada", LEN, "in"},
    {"pie", HX__U_DIM, 0, "Pie", LEN, "ft"},
    {"pies", HX__U_DIM, 0, "Pie", LEN, "ft"},
    {"pie cubico", HX__U_DIM, 0, "Pie cúbico", VOL, "ft3"},
    {"pies cubicos", HX__U_DIM, 0, "Pie cúbico", VOL, "ft3"},
    {"pies por segundo", HX__U_DIM, 0, "Pie por segundo", SPE, "ft/s"},
    {"pie cuadrado", HX__U_DIM, 0, "Pie cuadrado", ARE, "ft2"},
    {"pies cuadrados", HX__U_DIM, 0, "Pie cuadrado", ARE, "ft2"},
    {"pulgada cuadrada", HX__U_DIM, 0, "Pulgada cuadrada", ARE, "in2"},
    {"pulgadas cuadradas", HX__U_DIM, 0, "Pulgada cuadrada", ARE, "in2"},
    {"pinta", HX__U_DIM, 0, "Pinta", VOL, "pt"},
    {"pintas", HX__U_DIM, 0, "Pinta", VOL, "pt"},
    {"petabyte", HX__U_DIM, 0, "Petabyte", "Information", "PB"},
    {"petabytes", HX__U_DIM, 0, "Petabyte", "Information", "PB"},
    /* q */
    {"quintal", HX__U_DIM, 0, "Quintal", WEI, "q"},
    {"quintales", HX__U_DIM, 0, "Quintal", WEI, "q"},
    /* s */
    {"semana", HX__U_AGE, 1, "Semana", NULL, "wk"},
    {"semanas", HX__U_AGE, 1, "Semana", NULL, "wk"},
    /* t */
    {"t", HX__U_DIM, 1, "Tonelada", WEI, "t"},
    {"tonelada", HX__U_DIM, 0, "Tonelada", WEI, "t"},
    {"toneladas", HX__U_DIM, 0, "Tonelada", WEI, "t"},
    {"tm", HX__U_DIM, 1, "Tonelada métrica", WEI, "t"},
    {"t.metrica", HX__U_DIM, 0, "Tonelada métrica", WEI, "t"},
    {"t.metricas", HX__U_DIM, 0, "Tonelada métrica", WEI, "t"},
    {"tonelada metrica", HX__U_DIM, 0, "Tonelada métrica", WEI, "t"},
    {"toneladas metricas", HX__U_DIM, 0, "Tonelada métrica", WEI, "t"},
    {"tb", HX__U_DIM, 1, "Terabyte", "Information", "TB"},
    {"terabyte", HX__U_DIM, 0, "Terabyte", "Information", "TB"},
    {"terabytes", HX__U_DIM, 0, "Terabyte", "Information", "TB"},
    /* v */
    {"vuelta", HX__U_DIM, 0, "Turn", ANG, "turn"},
    {"vueltas", HX__U_DIM, 0, "Turn", ANG, "turn"},
    /* y */
    {"yarda", HX__U_DIM, 0, "Yarda", LEN, "yd"},
    {"yardas", HX__U_DIM, 0, "Yarda", LEN, "yd"},
    /* 0xC2 (°, º) */
    {"°c", HX__U_TEMP, 1, "Grado Celsius", NULL, "°C"},
    {"ºc", HX__U_TEMP, 1, "Grado Celsius", NULL, "°C"},
    {"° c", HX__U_TEMP, 1, "Grado Celsius", NULL, "°C"},
    {"°f", HX__U_TEMP, 1, "Grado Fahrenheit", NULL, "°F"},
    {"ºf", HX__U_TEMP, 1, "Grado Fahrenheit", NULL, "°F"},
    {"° f", HX__U_TEMP, 1, "Grado Fahrenheit", NULL, "°F"},
    {"°", HX__U_TEMP, 1, "Grado", NULL, "°"},
};
const size_t hx__nunits = sizeof hx__units / sizeof hx__units[0];

/* Folds up to cap - 1 bytes of s[0..n) for matching; from[k] is the source offset
 * just after folded byte k.  Letters are folded, runs of spaces become one space,
 * other bytes are copied (ASCII lower-cased).  Stops at a line break. */
static size_t fold_ahead(const char *s, size_t n, char *out, size_t *from, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n && o + 1 < cap) {
        char w[2];
        size_t l;
        if (u[i] == ' ' || u[i] == '\t' || (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xA0)) {
            size_t j = i;
            while (j < n && (u[j] == ' ' || u[j] == '\t' ||
                             (u[j] == 0xC2 && j + 1 < n && u[j + 1] == 0xA0)))
                j += u[j] == 0xC2 ? 2 : 1;
            out[o] = ' ';
            from[o++] = j;
            i = j;
        } else if (u[i] == '\n' || u[i] == '\r') {
            break;
        } else if (u[i] < 0x80) {
            /* ASCII: letters lower-cased (as hx__fold_word would), the rest copied */
            out[o] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] | 0x20 : u[i]);
            from[o++] = i + 1;
            i++;
        } else if ((l = hx__fold_word(s + i, u[i] >= 0x80 ? (n - i < 2 ? n - i : 2) : 1, w, sizeof w)) > 0 &&
                   u[i] != 0xC2) {
            out[o] = w[0];
            from[o++] = i + l;
            i += l;
        } else {
            out[o] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] | 0x20 : u[i]);
            from[o++] = i + 1;
            i++;
        }
    }
    out[o] = '\0';
    return o;
}

/* Folded forms are ASCII except for symbols, so a boundary is needed only after an
 * ASCII letter or digit ("km" must not match "kms"; "€" may touch "20"). */
static int is_alnum_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Whether form matches f at its start, ending at a boundary of the folded text. */
static int form_matches(const char *form, const char *f, size_t fl, size_t *len)
{
    size_t l = strlen(form);
    if (l > fl || memcmp(form, f, l) != 0)
        return 0;
    if (is_alnum_byte((unsigned char)form[l - 1]) && l < fl && is_alnum_byte((unsigned char)f[l]))
        return 0;
    *len = l;
    return 1;
}

void hx__fold_ahead(const char *s, size_t n, hx__folded *fa)
{
    fa->len = fold_ahead(s, n, fa->f, fa->from, sizeof fa->f);
}

/* The first currency (unit) whose form starts with byte c or a later one: both tables
 * are ordered by the first byte of their forms. */
static size_t first_currency(unsigned char c)
{
    size_t lo = 0, hi = hx__ncurrencies;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((unsigned char)hx__currencies[mid].form[0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t first_unit(unsigned char c)
{
    size_t lo = 0, hi = hx__nunits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((unsigned char)hx__units[mid].form[0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t hx__currency_match_f(const hx__folded *fa, const hx__currency **out)
{
    size_t best = 0;
    if (fa->len == 0)
        return 0;
    unsigned char c = (unsigned char)fa->f[0];
    for (size_t i = first_currency(c);
         i < hx__ncurrencies && (unsigned char)hx__currencies[i].form[0] == c; i++) {
        size_t l;
        const char *form = hx__currencies[i].form;
        if (form[1] && form[1] != fa->f[1]) /* f is NUL-terminated */
            continue;
        if (form_matches(hx__currencies[i].form, fa->f, fa->len, &l) && l > best) {
            best = l;
            *out = &hx__currencies[i];
        }
    }
    return best ? fa->from[best - 1] : 0;
}

size_t hx__unit_match_f(const hx__folded *fa, unsigned mask, int syms, const hx__unit **out)
{
    size_t best = 0;
    if (fa->len == 0)
        return 0;
    unsigned char c = (unsigned char)fa->f[0];
    for (size_t i = first_unit(c);
         i < hx__nunits && (unsigned char)hx__units[i].form[0] == c; i++) {
        const hx__unit *u = &hx__units[i];
        size_t l;
        if (!(mask & (1u << u->kind)) || (u->sym && !syms))
            continue;
        if (u->form[1] && u->form[1] != fa->f[1]) /* f is NUL-terminated */
            continue;
        if (form_matches(u->form, fa->f, fa->len, &l) && l > best) {
            best = l;
            *out = u;
        }
    }
    return best ? fa->from[best - 1] : 0;
}

size_t hx__currency_match(const char *s, size_t n, const hx__currency **out)
{
    hx__folded fa;
    hx__fold_ahead(s, n, &fa);
    return hx__currency_match_f(&fa, out);
}

size_t hx__unit_match(const char *s, size_t n, unsigned mask, int syms, const hx__unit **out)
{
    hx__folded fa;
    hx__fold_ahead(s, n, &fa);
    return hx__unit_match_f(&fa, mask, syms, out);
}
