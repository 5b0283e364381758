/*
 * timex_lex.c -- cuts text into the tokens the time-expression grammar reads, and
 * the read-only lexicon of the words it knows.
 *
 * A token is a run of letters (ASCII or Latin-1 accented), a run of ASCII digits, or
 * one other character.  Words are looked up folded (lower case, accents removed,
 * ñ -> n) in a read-only hash table.  Invariants: tokens are contiguous
 * runs in text order, never empty, never crossing a code point; the lexicon below is
 * sorted by strcmp (the unit test checks it) and never changes.
 */
#include "timex/timex.h"

#include <stdlib.h>
#include <string.h>

/* Generated once from a word list by a small script (sorted, with the hash slots of
 * the words); keep both in step when adding words: the unit test checks it. */
static const tx_lexent lexicon[] = {
    {"a", L_FUNC, F_A}, {"abr", L_MONABBR, 4}, {"abril", L_MONTH, 4},
    {"ago", L_MONABBR, 8}, {"agosto", L_MONTH, 8}, {"ahora", L_FUNC, F_AHORA},
    {"al", L_FUNC, F_AL}, {"algunas", L_FUNC, F_VARIOS}, {"algunos", L_FUNC, F_VARIOS},
    {"alrededor", L_FUNC, F_ALREDEDOR}, {"am", L_FUNC, F_AM}, {"ano", L_UNIT, U_YEAR},
    {"anoche", L_FUNC, F_ANOCHE}, {"anos", L_UNIT, U_YEAR}, {"anteayer", L_RELDAY, 254},
    {"anterior", L_FUNC, F_ANTERIOR}, {"anteriores", L_FUNC, F_ANTERIOR},
    {"antes", L_FUNC, F_ANTES}, {"antier", L_RELDAY, 254},
    {"anualmente", L_SETADV, U_YEAR}, {"ayer", L_RELDAY, 255}, {"cada", L_FUNC, F_CADA},
    {"catorce", L_NUMW, 0}, {"cerca", L_FUNC, F_CERCA}, {"cero", L_NUMW, 0},
    {"cien", L_NUMW, 0}, {"ciento", L_NUMW, 0}, {"cinco", L_NUMW, 0},
    {"cincuenta", L_NUMW, 0}, {"comienzo", L_FUNC, F_PRINCIPIO},
    {"comienzos", L_FUNC, F_PRINCIPIO}, {"cotidianamente", L_SETADV, U_DAY},
    {"cuarenta", L_NUMW, 0}, {"cuarta", L_ORDW, 4}, {"cuarto", L_ORDW, 4},
    {"cuatro", L_NUMW, 0}, {"cuatrocientos", L_NUMW, 0}, {"de", L_FUNC, F_DE},
    {"decada", L_UNIT, U_DEC}, {"decadas", L_UNIT, U_DEC}, {"decenio", L_UNIT, U_DEC},
    {"decenios", L_UNIT, U_DEC}, {"del", L_FUNC, F_DEL}, {"dentro", L_FUNC, F_DENTRO},
    {"desde", L_FUNC, F_DESDE}, {"despues", L_FUNC, F_DESPUES}, {"dia", L_UNIT, U_DAY},
    {"diariamente", L_SETADV, U_DAY}, {"dias", L_UNIT, U_DAY}, {"dic", L_MONABBR, 12},
    {"diciembre", L_MONTH, 12}, {"diecinueve", L_NUMW, 0}, {"dieciocho", L_NUMW, 0},
    {"dieciseis", L_NUMW, 0}, {"diecisiete", L_NUMW, 0}, {"diez", L_NUMW, 0},
    {"doce", L_NUMW, 0}, {"dom", L_WDABBR, 7}, {"domingo", L_WDAY, 7}, {"dos", L_NUMW, 0},
    {"doscientos", L_NUMW, 0}, {"durante", L_FUNC, F_DURANTE}, {"el", L_FUNC, F_EL},
    {"en", L_FUNC, F_EN}, {"ene", L_MONABBR, 1}, {"enero", L_MONTH, 1},
    {"entera", L_FUNC, F_ENTERO}, {"entero", L_FUNC, F_ENTERO},
    {"entrante", L_FUNC, F_PROX}, {"entre", L_FUNC, F_ENTRE}, {"esta", L_FUNC, F_ESTE},
    {"estas", L_FUNC, F_ESTE}, {"este", L_FUNC, F_ESTE}, {"estos", L_FUNC, F_ESTE},
    {"feb", L_MONABBR, 2}, {"febrero", L_MONTH, 2}, {"fin", L_FUNC, F_FIN},
    {"final", L_FUNC, F_FINAL}, {"finales", L_FUNC, F_FINAL},
    {"finde", L_UNIT, U_WEEKEND}, {"findes", L_UNIT, U_WEEKEND},
    {"fines", L_FUNC, F_FINAL}, {"h", L_FUNC, F_H}, {"hace", L_FUNC, F_HACE},
    {"halloween", L_FUNC, F_HOLI}, {"hasta", L_FUNC, F_HASTA}, {"hora", L_UNIT, U_HOUR},
    {"horariamente", L_SETADV, U_HOUR}, {"horas", L_UNIT, U_HOUR}, {"hoy", L_RELDAY, 0},
    {"hra", L_UNIT, U_HOUR}, {"hras", L_UNIT, U_HOUR}, {"hrs", L_FUNC, F_H},
    {"hs", L_FUNC, F_H}, {"inicio", L_FUNC, F_PRINCIPIO},
    {"inicios", L_FUNC, F_PRINCIPIO}, {"invierno", L_SEASON, 4},
    {"jornada", L_UNIT, U_DAY}, {"jornadas", L_UNIT, U_DAY}, {"jue", L_WDABBR, 4},
    {"jueves", L_WDAY, 4}, {"jul", L_MONABBR, 7}, {"julio", L_MONTH, 7},
    {"jun", L_MONABBR, 6}, {"junio", L_MONTH, 6}, {"la", L_FUNC, F_LA},
    {"las", L_FUNC, F_LAS}, {"lo", L_FUNC, F_LO}, {"los", L_FUNC, F_LOS},
    {"lun", L_WDABBR, 1}, {"lunes", L_WDAY, 1}, {"madrugada", L_POD, 'M'},
    {"manana", L_FUNC, F_MANANA}, {"mar", L_MONABBR, 3}, {"martes", L_WDAY, 2},
    {"marzo", L_MONTH, 3}, {"mas", L_FUNC, F_MAS}, {"may", L_MONABBR, 5},
    {"mayo", L_MONTH, 5}, {"media", L_FUNC, F_MEDIA}, {"mediados", L_FUNC, F_MEDIADOS},
    {"medianoche", L_FUNC, F_MEDIANOCHE}, {"medio", L_FUNC, F_MEDIO},
    {"mediodia", L_FUNC, F_MEDIODIA}, {"menos", L_FUNC, F_MENOS},
    {"mensualmente", L_SETADV, U_MONTH}, {"mes", L_UNIT, U_MONTH},
    {"meses", L_UNIT, U_MONTH}, {"mie", L_WDABBR, 3}, {"miercoles", L_WDAY, 3},
    {"mil", L_NUMW, 0}, {"min", L_UNIT, U_MIN}, {"mins", L_UNIT, U_MIN},
    {"minuto", L_UNIT, U_MIN}, {"minutos", L_UNIT, U_MIN}, {"misma", L_FUNC, F_MISMO},
    {"mismo", L_FUNC, F_MISMO}, {"navidad", L_FUNC, F_HOLI},
    {"navidades", L_FUNC, F_HOLI}, {"noche", L_POD, 'N'}, {"nochebuena", L_FUNC, F_HOLI},
    {"noches", L_UNIT, U_NIGHT}, {"nochevieja", L_FUNC, F_HOLI}, {"nov", L_MONABBR, 11},
    {"novecientos", L_NUMW, 0}, {"noventa", L_NUMW, 0}, {"noviembre", L_MONTH, 11},
    {"nueve", L_NUMW, 0}, {"o", L_FUNC, F_O}, {"ochenta", L_NUMW, 0}, {"ocho", L_NUMW, 0},
    {"ochocientos", L_NUMW, 0}, {"oct", L_MONABBR, 10}, {"octubre", L_MONTH, 10},
    {"once", L_NUMW, 0}, {"otono", L_SEASON, 3}, {"otra", L_FUNC, F_OTRO},
    {"otro", L_FUNC, F_OTRO}, {"para", L_FUNC, F_PARA}, {"partir", L_FUNC, F_PARTIR},
    {"pasada", L_FUNC, F_PASADO}, {"pasadas", L_FUNC, F_PASADO},
    {"pasado", L_FUNC, F_PASADO}, {"pasados", L_FUNC, F_PASADO}, {"pm", L_FUNC, F_PM},
    {"por", L_FUNC, F_POR}, {"primavera", L_SEASON, 1}, {"primer", L_ORDW, 1},
    {"primera", L_ORDW, 1}, {"primeras", L_ORDW, 1}, {"primero", L_ORDW, 1},
    {"primeros", L_ORDW, 1}, {"principio", L_FUNC, F_PRINCIPIO},
    {"principios", L_FUNC, F_PRINCIPIO}, {"proxima", L_FUNC, F_PROX},
    {"proximas", L_FUNC, F_PROX}, {"proximo", L_FUNC, F_PROX},
    {"proximos", L_FUNC, F_PROX}, {"punto", L_FUNC, F_PUNTO}, {"que", L_FUNC, F_QUE},
    {"quince", L_NUMW, 0}, {"quincena", L_UNIT, U_FORTNIGHT},
    {"quincenas", L_UNIT, U_FORTNIGHT}, {"quinientos", L_NUMW, 0}, {"quinta", L_ORDW, 5},
    {"quinto", L_ORDW, 5}, {"reyes", L_FUNC, F_HOLI}, {"sab", L_WDABBR, 6},
    {"sabado", L_WDAY, 6}, {"san", L_FUNC, F_HOLI}, {"segunda", L_ORDW, 2},
    {"segundo", L_UNIT, U_SEC}, {"segundos", L_UNIT, U_SEC}, {"seis", L_NUMW, 0},
    {"seiscientos", L_NUMW, 0}, {"semana", L_UNIT, U_WEEK},
    {"semanalmente", L_SETADV, U_WEEK}, {"semanas", L_UNIT, U_WEEK},
    {"semestre", L_UNIT, U_HALF}, {"semestres", L_UNIT, U_HALF}, {"sep", L_MONABBR, 9},
    {"sept", L_MONABBR, 9}, {"septiembre", L_MONTH, 9}, {"sesenta", L_NUMW, 0},
    {"set", L_MONABBR, 9}, {"setecientos", L_NUMW, 0}, {"setenta", L_NUMW, 0},
    {"setiembre", L_MONTH, 9}, {"siete", L_NUMW, 0}, {"siglo", L_UNIT, U_CENT},
    {"siglos", L_UNIT, U_CENT}, {"siguiente", L_FUNC, F_SIGUIENTE},
    {"siguientes", L_FUNC, F_SIGUIENTE}, {"tarde", L_POD, 'E'}, {"tardes", L_POD, 'E'},
    {"temprano", L_FUNC, F_TEMPRANO}, {"tercer", L_ORDW, 3}, {"tercera", L_ORDW, 3},
    {"tercero", L_ORDW, 3}, {"toda", L_FUNC, F_TODO}, {"todas", L_FUNC, F_TODO},
    {"todo", L_FUNC, F_TODO}, {"todos", L_FUNC, F_TODO}, {"trece", L_NUMW, 0},
    {"treinta", L_NUMW, 0}, {"tres", L_NUMW, 0}, {"trescientos", L_NUMW, 0},
    {"trimestre", L_UNIT, U_QUARTER}, {"trimestres", L_UNIT, U_QUARTER},
    {"ultima", L_ORDW, 99}, {"ultimas", L_ORDW, 99}, {"ultimo", L_ORDW, 99},
    {"ultimos", L_ORDW, 99}, {"un", L_FUNC, F_UN}, {"una", L_FUNC, F_UN},
    {"unas", L_FUNC, F_UNOS}, {"uno", L_NUMW, 0}, {"unos", L_FUNC, F_UNOS},
    {"va", L_FUNC, F_VA}, {"varias", L_FUNC, F_VARIOS}, {"varios", L_FUNC, F_VARIOS},
    {"veinte", L_NUMW, 0}, {"veinticinco", L_NUMW, 0}, {"veinticuatro", L_NUMW, 0},
    {"veintidos", L_NUMW, 0}, {"veintinueve", L_NUMW, 0}, {"veintiocho", L_NUMW, 0},
    {"veintiseis", L_NUMW, 0}, {"veintisiete", L_NUMW, 0}, {"veintitres", L_NUMW, 0},
    {"veintiun", L_NUMW, 0}, {"veintiuna", L_NUMW, 0}, {"veintiuno", L_NUMW, 0},
    {"verano", L_SEASON, 2}, {"vie", L_WDABBR, 5}, {"viene", L_FUNC, F_VIENE},
    {"vienen", L_FUNC, F_VIENE}, {"viernes", L_WDAY, 5}, {"y", L_FUNC, F_Y},
};

/* lexicon index + 1 at slot FNV-1a(word) mod 1024, linear probing; 0 = empty */
static const uint16_t slots[1024] = {
    0, 0, 0, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 35,
    0, 0, 0, 0, 211, 0, 0, 0, 0, 0, 49, 159, 0, 0, 0, 13,
    55, 253, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 182, 148, 100, 0, 150, 153, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 212, 143, 0, 0, 0, 0, 0, 27, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 219, 0, 0, 0, 0, 108, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 200, 0, 135, 239, 138, 0, 0, 131, 0, 79,
    0, 0, 22, 0, 21, 0, 0, 0, 156, 152, 0, 114, 0, 0, 254, 0,
    57, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 93, 0, 0, 0, 2, 218, 180, 0, 0, 0, 0, 0,
    0, 158, 0, 0, 0, 0, 59, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 112, 155, 0, 0, 0, 167, 195, 0, 0, 0, 109, 0, 0,
    0, 0, 0, 72, 192, 0, 151, 0, 0, 0, 0, 51, 110, 30, 134, 0,
    0, 188, 0, 0, 0, 0, 0, 0, 0, 0, 89, 0, 0, 0, 0, 0,
    243, 0, 0, 207, 0, 0, 8, 0, 146, 0, 91, 0, 0, 0, 25, 0,
    0, 0, 183, 163, 67, 197, 0, 0, 0, 0, 88, 10, 0, 123, 0, 0,
    0, 0, 0, 0, 0, 0, 191, 0, 0, 0, 77, 0, 0, 47, 0, 20,
    0, 0, 0, 0, 0, 0, 5, 0, 173, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 189, 0, 0, 0, 0, 0, 0,
    0, 0, 104, 0, 0, 0, 68, 244, 0, 0, 48, 0, 0, 0, 0, 201,
    0, 0, 0, 11, 101, 39, 0, 132, 0, 0, 4, 0, 0, 126, 225, 0,
    0, 0, 0, 229, 144, 213, 73, 177, 0, 0, 0, 96, 0, 54, 0, 237,
    0, 0, 0, 220, 0, 203, 0, 0, 0, 0, 0, 0, 0, 0, 0, 251,
    248, 0, 0, 0, 0, 0, 118, 0, 0, 179, 64, 0, 0, 0, 0, 0,
    0, 34, 0, 0, 0, 0, 0, 0, 0, 246, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 165, 0, 0, 175, 0, 12, 94, 3, 0, 0,
    0, 0, 170, 0, 0, 0, 66, 0, 0, 0, 0, 0, 0, 0, 0, 210,
    45, 0, 0, 0, 0, 0, 0, 0, 0, 0, 130, 119, 0, 0, 0, 0,
    85, 0, 0, 36, 257, 0, 0, 0, 61, 0, 0, 171, 198, 87, 106, 0,
    0, 0, 33, 0, 62, 0, 0, 0, 41, 0, 31, 0, 0, 0, 53, 0,
    6, 0, 0, 0, 0, 194, 0, 50, 0, 0, 81, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 154,
    0, 0, 37, 0, 0, 142, 0, 0, 0, 0, 0, 0, 102, 0, 0, 0,
    0, 0, 0, 0, 0, 60, 0, 241, 0, 24, 0, 0, 0, 80, 176, 0,
    0, 0, 217, 226, 0, 0, 0, 0, 0, 216, 252, 0, 0, 0, 0, 0,
    0, 174, 0, 0, 0, 0, 0, 0, 0, 0, 43, 184, 0, 0, 52, 0,
    0, 0, 129, 0, 0, 0, 0, 214, 111, 247, 234, 0, 0, 0, 0, 185,
    255, 0, 0, 0, 63, 0, 0, 0, 0, 0, 0, 44, 0, 0, 0, 28,
    0, 0, 224, 0, 0, 0, 0, 113, 137, 0, 0, 58, 178, 0, 0, 99,
    208, 0, 228, 90, 245, 0, 0, 0, 0, 0, 0, 0, 0, 0, 231, 0,
    0, 0, 0, 0, 0, 190, 98, 0, 0, 0, 0, 187, 0, 0, 19, 149,
    0, 0, 38, 0, 0, 124, 0, 0, 0, 0, 0, 0, 215, 0, 0, 0,
    0, 0, 0, 0, 0, 169, 0, 78, 0, 0, 82, 0, 0, 0, 0, 97,
    103, 0, 0, 0, 140, 0, 0, 209, 249, 0, 0, 0, 0, 0, 18, 0,
    0, 0, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 233, 0, 0, 0,
    0, 235, 84, 0, 0, 16, 23, 193, 0, 0, 0, 0, 69, 206, 0, 160,
    0, 115, 0, 0, 259, 0, 166, 0, 117, 0, 0, 0, 0, 0, 0, 0,
    221, 42, 199, 120, 205, 0, 0, 0, 14, 0, 223, 0, 0, 161, 0, 0,
    0, 141, 0, 0, 238, 0, 0, 0, 0, 0, 139, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 125, 0, 0,
    0, 56, 74, 256, 0, 0, 0, 0, 128, 0, 0, 0, 0, 65, 0, 157,
    0, 0, 0, 0, 0, 0, 0, 232, 0, 29, 32, 0, 0, 0, 0, 0,
    164, 0, 136, 0, 0, 0, 0, 83, 107, 0, 162, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 121, 172, 0, 105, 122, 0, 222, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 230, 0, 0, 0, 0, 0,
    15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 204, 0, 147, 240, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 70, 242, 0, 0, 92, 133, 258, 0, 0,
    0, 0, 71, 0, 0, 0, 250, 0, 76, 0, 95, 0, 86, 127, 0, 0,
    7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    46, 186, 145, 0, 0, 0, 236, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 202, 75, 0, 116, 0, 0, 0, 0, 0, 196, 0, 181, 0, 0, 0,
    0, 0, 227, 0, 0, 0, 168, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

/* The entry of w[0..n) (letters, so no NUL inside) given its FNV-1a hash h. */
static const tx_lexent *lookup_hashed(const char *w, size_t n, uint32_t h)
{
    for (size_t k = h & 1023;; k = (k + 1) & 1023) {
        unsigned e = slots[k];
        if (!e)
            return NULL;
        const char *x = lexicon[e - 1].w;
        size_t j = 0;
        while (j < n && x[j] == w[j]) /* stops at the end of a shorter x: w has no NUL */
            j++;
        if (j == n && x[n] == 0)
            return &lexicon[e - 1];
    }
}

const tx_lexent *hx__tx_lookup(const char *w, size_t n)
{
    uint32_t h = FNV_BASIS;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)w[k]) * FNV_PRIME;
    if (memchr(w, '\0', n))
        return NULL; /* no word holds a NUL */
    return lookup_hashed(w, n, h);
}

/* The folded ASCII letter of the Latin-1 letter U+00C0 + (b - 0x80), or '?'. */
static char fold_latin1(unsigned char b)
{
    static const char map[64] = "aaaaaaaceeeeiiiidnooooo?ouuuuyts"
                                "aaaaaaaceeeeiiiidnooooo?ouuuuyty";
    return map[b & 0x3f];
}

/* Bytes of the letter at s (1 or 2), or 0 when s does not start with a letter. */
static size_t letter_len(const unsigned char *s, const unsigned char *end)
{
    unsigned char c = s[0];
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
        return 1;
    if (c == 0xc3 && s + 1 < end && s[1] >= 0x80 && s[1] <= 0xbf && s[1] != 0x97 &&
        s[1] != 0xb7)
        return 2;
    if (c >= 0xc4 && c <= 0xc9 && s + 1 < end && (s[1] & 0xc0) == 0x80)
        return 2;
    return 0;
}

/* Classes of ASCII bytes for the lexer: 1 white space, 2 digit, 3 letter, 0 other. */
static const unsigned char ascii_class[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0};

size_t hx__tx_lex(const char *text, size_t len, tx_tok **toks, size_t *cap)
{
    const unsigned char *s = (const unsigned char *)text, *end = s + len, *p = s;
    size_t n = 0;
    int space = 1;
    while (p < end) {
        unsigned char c = *p;
        unsigned cls = c < 0x80 ? ascii_class[c] : 0;
        if (cls == 1) {
            space = 1;
            p++;
            continue;
        }
        if (c == 0xc2 && p + 1 < end && p[1] == 0xa0) { /* no-break space */
            space = 1;
            p += 2;
            continue;
        }
        if (n == *cap) {
            size_t nc = *cap ? *cap * 2 : 256;
            tx_tok *t = realloc(*toks, nc * sizeof *t);
            if (!t)
                return (size_t)-1;
            *toks = t;
            *cap = nc;
        }
        tx_tok *t = &(*toks)[n++];
        memset(t, 0, sizeof *t);
        t->b0 = (uint32_t)(p - s);
        t->space = (uint8_t)space;
        space = 0;
        size_t l;
        if (cls == 2) {
            int64_t v = 0;
            const unsigned char *q = p;
            while (q < end && *q >= '0' && *q <= '9') {
                if (v < 1000000000)
                    v = v * 10 + (*q - '0');
                q++;
            }
            t->kind = TX_TN;
            t->ndig = (uint8_t)(q - p > 255 ? 255 : q - p);
            t->num = q - p > 9 ? -1 : (int32_t)v;
            p = q;
        } else if (cls == 3 || (l = letter_len(p, end)) != 0) {
            /* folded and hashed in one pass; ASCII letters without the call */
            char w[24];
            size_t wn = 0;
            int fits = 1;
            uint32_t h = FNV_BASIS;
            while (p < end) {
                char f;
                if (*p < 0x80) {
                    if (ascii_class[*p] != 3)
                        break;
                    f = (char)(*p | 0x20);
                    l = 1;
                } else if ((l = letter_len(p, end)) != 0) {
                    f = p[0] == 0xc3 ? fold_latin1(p[1]) : '?';
                } else {
                    break;
                }
                if (wn < sizeof w) {
                    w[wn++] = f;
                    h = (h ^ (unsigned char)f) * FNV_PRIME;
                } else {
                    fits = 0;
                }
                p += l;
            }
            t->kind = TX_TW;
            if (fits && wn <= 14) {
                const tx_lexent *e = lookup_hashed(w, wn, h);
                if (e) {
                    t->lex = (uint16_t)(e - lexicon + 1);
                    t->cls = e->cls;
                    t->val = e->val;
                }
            }
        } else {
            t->kind = TX_TP;
            if (c < 0x80) {
                t->c = (char)c;
                p++;
            } else {
                if (c == 0xc2 && p + 1 < end && (p[1] == 0xba || p[1] == 0xaa || p[1] == 0xb0))
                    t->c = 'o'; /* º ª ° after an ordinal number */
                p++;
                while (p < end && (*p & 0xc0) == 0x80)
                    p++;
            }
        }
        t->b1 = (uint32_t)(p - s);
    }
    return n;
}

/* The lexicon entry of a token (NULL when none). */
const tx_lexent *hx__tx_entry(const tx_tok *t)
{
    return t->lex ? &lexicon[t->lex - 1] : NULL;
}

/* For the unit test: 1 when the lexicon is sorted, without duplicates, and every word
 * is found through the hash slots. */
int hx__tx_lexicon_sorted(void)
{
    for (size_t i = 0; i < sizeof lexicon / sizeof lexicon[0]; i++) {
        if (i && strcmp(lexicon[i - 1].w, lexicon[i].w) >= 0)
            return 0;
        if (hx__tx_lookup(lexicon[i].w, strlen(lexicon[i].w)) != &lexicon[i])
            return 0;
    }
    return 1;
}
