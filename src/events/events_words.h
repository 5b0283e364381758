/*
 * events_words.h -- the function words the events stage tests token by token: word
 * classes (determiners, prepositions, clause bounds...) and single words ("de", ",").
 *
 * tools/gen_events.py reads this file and merges every word listed here into the
 * generated form table (build/gen/events_data.c), so that one hash lookup per token gives
 * its trigger entries, its class bits (HX__EVC_*), its word id (HX__W_*) and its
 * actor-lexicon range.  events.c copies them into the per-token scratch once per
 * document; the rules then test bits instead of comparing strings.
 *
 * Invariants: the class lists below are the only definition of their classes (the C
 * code keeps NULL-terminated string arrays of them for words that are not tokens,
 * e.g. lemmas); each HX__EV_CLS_* list has a HX__EVC_* bit of the same name; each
 * X(NAME, "word") of HX__EV_WORDS has the id HX__W_NAME, 0 (HX__W_NONE) meaning none.
 * After editing, run `python3 tools/gen_events.py`.
 */
#ifndef HX_EVENTS_WORDS_H
#define HX_EVENTS_WORDS_H

/* Word classes: one bit each. */
enum {
    HX__EVC_DETS = 1u << 0, HX__EVC_PREPS = 1u << 1, HX__EVC_BOUNDS = 1u << 2,
    HX__EVC_NEG = 1u << 3, HX__EVC_CLITIC_AUX = 1u << 4, HX__EVC_MODALS = 1u << 5,
    HX__EVC_ADJS = 1u << 6, HX__EVC_STARTERS = 1u << 7, HX__EVC_SER_AUX = 1u << 8,
    HX__EVC_HABER = 1u << 9,
    /* argument classes for word senses: their words are in data/events_sense.tsv, not here */
    HX__EVC_HUM = 1u << 10, HX__EVC_ARMED = 1u << 11, HX__EVC_SITE = 1u << 12,
    HX__EVC_DOM = 1u << 13, HX__EVC_WEAPON = 1u << 14
};

#define HX__EV_CLS_DETS \
    "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "su", "sus", "este", "esta", \
    "estos", "estas", "ese", "esa", "esos", "esas", "aquel", "aquella", "aquellos", \
    "aquellas", "dicho", "dicha", "dichos", "dichas", "ambos", "ambas", "varios", "varias", \
    "algunos", "algunas", "otros", "otras", "otro", "otra", "todos", "todas", "cada", \
    "sendos", "sendas", "más", "menos", "nuevo", "nueva", "nuevos", "nuevas", "posible", \
    "posibles", "presunto", "presunta", "presuntos", "presuntas", "supuesto", "supuesta", \
    "numerosos", "numerosas", "miles", "cientos", "decenas", "centenares", "millones"
#define HX__EV_CLS_PREPS \
    "a", "al", "ante", "bajo", "con", "contra", "de", "del", "desde", "durante", "en", \
    "entre", "hacia", "hasta", "mediante", "para", "por", "según", "sin", "sobre", "tras", \
    "junto", "frente", "cerca", "como", "incluso", "incluyendo"
#define HX__EV_CLS_BOUNDS \
    ";", ":", "que", "quien", "quienes", "cuando", "mientras", "aunque", "porque", "pero", \
    "donde", "cuyo", "cuya", "cuyos", "cuyas", "sino", "(", ")", "«", "»", "\"", "“", "”", \
    "si", "tras", "después"
#define HX__EV_CLS_NEG "no", "nunca", "jamás", "ni", "tampoco"
/* words that may stand between a negation or a modal and the trigger */
#define HX__EV_CLS_CLITIC_AUX \
    "se", "lo", "la", "los", "las", "le", "les", "me", "nos", "ha", "han", "había", \
    "habían", "haber", "habrá", "habrán", "hubo", "ya", "sido", "fue", "fueron", "será", \
    "serán", "es", "son", "está", "están", "estaba", "estaban", "volvió", "volvieron", \
    "a", "de", "con", "que"
#define HX__EV_CLS_MODALS \
    "podría", "podrían", "habría", "habrían", "puede", "pueden", "pudo", "pudieron", \
    "debería", "deberían", "estaría", "estarían", "sería", "serían", "quiere", "quieren", \
    "intenta", "intentan", "intentó", "intentaron", "planea", "planean", "pretende", \
    "pretenden", "busca", "buscan", "prevé", "prevén", "baraja", "barajan", "estudia", \
    "estudian", "considera", "consideran", "descarta", "descartan", "descartó", \
    "descartaron", "amenaza", "amenazó", "posible", "posibles", "eventual", "eventuales", \
    "presunto", "presunta", "presuntos", "presuntas", "supuesto", "supuesta", \
    "supuestos", "supuestas", "presuntamente", "supuestamente", "aparentemente", \
    "posiblemente", "probablemente", "parece", "parecen", "parecía", "teme", "temen", \
    "temía", "sospecha", "sospechan", "podrá", "podrán", "para", "ir", "va", "van", \
    "iba", "iban", "dispuesto", "dispuesta", "dispuestos", "dispuestas", "lista", "listo", \
    "listos", "listas"
#define HX__EV_CLS_ADJS \
    "armadas", "armada", "militar", "militares", "estatal", "estatales", "regular", \
    "regulares", "especiales", "especial", "federal", "federales", "nacional", \
    "nacionales", "local", "locales", "extranjero", "extranjeros", "extranjera", \
    "extranjeras", "oficial", "oficiales", "aliado", "aliados", "aliadas", "enemigo", \
    "enemigos", "enemigas", "rebelde", "rebeldes", "leales", "paramilitares", \
    "antidisturbios", "fronteriza", "fronterizos", "desarmados", "inocentes", \
    "palestinos", "kurdos", "armados", "armado", "electo", "electa", "electos", "saliente", \
    "interino", "interina", "actual", "adjunto", "adjunta", "principal", "general", \
    "generales", "mercante", "mercantes"
/* capitalised words that start sentences without being names */
#define HX__EV_CLS_STARTERS \
    "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "en", "de", "del", "a", \
    "al", "con", "por", "para", "según", "tras", "durante", "desde", "hasta", "sin", \
    "sobre", "entre", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas", \
    "aquel", "así", "allí", "aquí", "ahí", "también", "además", "no", "ni", "y", "o", \
    "pero", "aunque", "cuando", "mientras", "donde", "como", "que", "si", "hoy", "ayer", \
    "mañana", "ya", "luego", "entonces", "incluso", "solo", "sólo", "su", "sus", \
    "nuestro", "otros", "otras", "otro", "otra", "cada", "todo", "todos", "todas", \
    "varios", "algunos", "algunas", "ello", "ella", "él", "ellos", "ellas", "esto", \
    "eso", "se", "le", "les", "nos", "hay", "fue", "era", "es", "son", "está", "están", \
    "ha", "han", "había", "antes", "después", "finalmente", "mientras", "ante", "desde", \
    "unos", "cerca", "más", "menos", "poco", "muchos", "miles", "cientos", "decenas"
#define HX__EV_CLS_SER_AUX \
    "fue", "fueron", "sido", "es", "son", "será", "serán", "era", "eran", "sea", "sean", \
    "fuera", "fueran", "siendo", "resultó", "resultaron", "resultado", "quedó", "quedaron", \
    "serían", "sería", "ser"
#define HX__EV_CLS_HABER \
    "ha", "han", "había", "habían", "he", "hemos", "haber", "habría", "habrían", "hubiera", \
    "hubieran", "habrá", "habrán", "hayan", "haya", "habiendo"

/* Single words the rules test: X(NAME, "word") gives HX__W_NAME. */
#define HX__EV_WORDS(X) \
    X(COMMA, ",") X(DE, "de") X(DEL, "del") X(Y, "y") X(E, "e") X(O, "o") X(NI, "ni") \
    X(LA, "la") X(LAS, "las") X(LOS, "los") X(EL, "el") X(LO, "lo") X(UN, "un") \
    X(UNA, "una") X(YA, "ya") X(SE, "se") X(QUE, "que") X(QUIEN, "quien") \
    X(QUIENES, "quienes") X(NO, "no") X(NUNCA, "nunca") X(TAMBIEN, "también") \
    X(EN, "en") X(POR, "por") X(PARA, "para") X(SIN, "sin") X(SEGUN, "según") \
    X(SI, "si") X(TRAS, "tras") X(DURANTE, "durante") X(ANTE, "ante") X(A, "a") \
    X(AL, "al") X(CON, "con") X(CONTRA, "contra") X(SOBRE, "sobre") X(ENTRE, "entre") \
    X(HACIA, "hacia") X(FRENTE, "frente") X(JUNTO, "junto") X(CERCA, "cerca") \
    X(COMO, "como") X(PARTE, "parte") X(PARECER, "parecer") X(EMBARGO, "embargo") \
    X(ACUERDO, "acuerdo") X(PRESUNTAMENTE, "presuntamente") \
    X(SUPUESTAMENTE, "supuestamente") X(APARENTEMENTE, "aparentemente") \
    X(MILES, "miles") X(CIENTOS, "cientos") X(DECENAS, "decenas") \
    X(CENTENARES, "centenares") X(MILLONES, "millones") X(DOCENAS, "docenas") \
    X(LQUOTE, "«") X(QUOTE, "\"") X(LDQUOTE, "“") X(DASH, "—")

#define HX__EV_WORD_ENUM(name, w) HX__W_##name,
enum { HX__W_NONE, HX__EV_WORDS(HX__EV_WORD_ENUM) HX__W_COUNT };
#undef HX__EV_WORD_ENUM

#endif /* HX_EVENTS_WORDS_H */
