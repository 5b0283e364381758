/*
 * test_plover.c -- PLOVER alongside CAMEO (src/plover/, docs/events.md "PLOVER"):
 *   - the CAMEO -> PLOVER table: the 08 split, the families PLOVER drops, the 2.0 names
 *     of earlier drafts' types, the longest-prefix rule, and that every CAMEO code of the
 *     event dictionary has a line;
 *   - modes, contexts, aux flags and location from sentences written for this test, each
 *     class with variants (firearms, explosives, aerial, drone, abduction; demonstration,
 *     hunger strike, general strike, blockade);
 *   - the "plover" member of the document JSON and the JSON Lines of hx_doc_plover;
 *   - accuracy floors on the AFP PLOVER gold (tools/plover_eval.py, both parts; skipped
 *     without ../shared).
 */
#include "testutil.h"

#include "hechos.h"
#include "plover/plover.h"

#include <jansson.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static hx_doc *analyse(hx_ctx *ctx, const char *text)
{
    hx_docinfo info = {0};
    info.id = "t1";
    info.date = "2025-07-12";
    info.url = "https://example.org/t1";
    hx_doc *doc = NULL;
    hx_error err;
    assert_int_equal(hx_doc_new(ctx, text, strlen(text), &info, &doc, &err), HX_OK);
    assert_int_equal(hx_doc_analyze(doc, &err), HX_OK);
    return doc;
}

/* The document JSON of text, parsed. */
static json_t *doc_json(hx_ctx *ctx, const char *text)
{
    hx_doc *doc = analyse(ctx, text);
    char *out = NULL;
    hx_error err;
    assert_int_equal(hx_doc_json(doc, HX_JSON_NO_TOKENS, &out, NULL, &err), HX_OK);
    json_t *j = json_loads(out, 0, NULL);
    assert_non_null(j);
    hx_free(out);
    hx_doc_free(doc);
    return j;
}

/* A copy of the plover member of the first event of text whose PLOVER type is type. */
static json_t *plover_of(hx_ctx *ctx, const char *text, const char *type)
{
    json_t *j = doc_json(ctx, text), *found = NULL;
    size_t i;
    json_t *ev;
    json_array_foreach(json_object_get(j, "events"), i, ev) {
        json_t *p = json_object_get(ev, "plover");
        assert_non_null(p); /* present on every event, null or an object */
        if (json_is_object(p) && strcmp(json_string_value(json_object_get(p, "type")), type) == 0) {
            found = json_deep_copy(p);
            break;
        }
    }
    json_decref(j);
    if (!found) print_message("no %s event in: %s\n", type, text);
    assert_non_null(found);
    return found;
}

static void expect_mode(hx_ctx *ctx, const char *text, const char *type, const char *mode)
{
    json_t *p = plover_of(ctx, text, type);
    json_t *m = json_object_get(p, "mode");
    if (!mode) {
        assert_true(json_is_null(m));
    } else {
        if (!json_is_string(m) || strcmp(json_string_value(m), mode) != 0)
            print_message("%s: want mode %s\n", text, mode);
        assert_true(json_is_string(m));
        assert_string_equal(json_string_value(m), mode);
    }
    json_decref(p);
}

static int has_string(json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) if (json_is_string(v) && strcmp(json_string_value(v), s) == 0) return 1;
    return 0;
}

/* ---------------------------------------------------------------- the mapping */

static void expect_map(const char *cameo, const char *type, const char *mode)
{
    const hx__pl_map *m = hx__pl_lookup(cameo);
    assert_non_null(m);
    if (!type) {
        assert_null(m->type);
        return;
    }
    assert_non_null(m->type);
    assert_string_equal(m->type, type);
    if (mode) assert_string_equal(m->mode, mode);
    else assert_null(m->mode);
}

static void cameo_08_splits_into_concede_and_retreat(void **state)
{
    (void)state;
    expect_map("080", "CONCEDE", NULL);
    expect_map("081", "CONCEDE", NULL);
    expect_map("083", "CONCEDE", NULL);
    expect_map("0871", "CONCEDE", NULL); /* declaring a ceasefire is a promise */
    expect_map("084", "RETREAT", "release");
    expect_map("0841", "RETREAT", "release");
    expect_map("085", "RETREAT", NULL);
    expect_map("087", "RETREAT", "disarm");
    expect_map("0874", "RETREAT", "withdraw");
}

static void dropped_families_and_renamed_types(void **state)
{
    (void)state;
    expect_map("010", NULL, NULL); /* public statements */
    expect_map("015", NULL, NULL);
    expect_map("020", NULL, NULL); /* appeals */
    expect_map("026", NULL, NULL);
    expect_map("100", "REQUEST", NULL);    /* DEMAND before 2.0 */
    expect_map("105", "REQUEST", "yield");
    expect_map("111", "ACCUSE", "disapprove"); /* DISAPPROVE before 2.0 */
    expect_map("090", "ACCUSE", "investigate"); /* INVESTIGATE before 2.0 */
    expect_map("116", "SANCTION", "convict");
    expect_map("163", "SANCTION", "sever");
    expect_map("1712", "ASSAULT", "destroy");
    expect_map("191", "COERCE", "restrict");
    expect_map("195", "ASSAULT", "aerial");
    expect_map("1952", "ASSAULT", "drone");
    expect_map("1823", "ASSAULT", NULL);
    expect_map("204", "ASSAULT", NULL);
    assert_null(hx__pl_lookup("-"));
    assert_null(hx__pl_lookup("9"));
    assert_null(hx__pl_lookup(NULL));
    assert_string_equal(hx__pl_sector_of("MED"), "JRN");
    assert_string_equal(hx__pl_sector_of("HLH"), "MED");
    assert_string_equal(hx__pl_sector_of("INS"), "REB");
    assert_null(hx__pl_sector_of(""));
    assert_null(hx__pl_sector_of("XYZ"));
}

/* Every CAMEO code of data/events.tsv falls under a line of data/plover.tsv; only
 * families 01 and 02 are not coded. */
static void every_dictionary_code_is_mapped(void **state)
{
    (void)state;
    size_t coded = 0;
    for (size_t i = 0; i < hx__ev_nentries; i++) {
        const char *code = hx__ev_entries[i].code;
        if (code[0] == '-') continue;
        const hx__pl_map *m = hx__pl_lookup(code);
        if (!m) print_message("CAMEO %s has no PLOVER line\n", code);
        assert_non_null(m);
        int dropped = strncmp(code, "01", 2) == 0 || strncmp(code, "02", 2) == 0;
        assert_int_equal(m->type == NULL, dropped);
        coded += !dropped;
    }
    assert_true(coded > 500);
    /* the table is sorted, as plover.h promises */
    for (size_t k = 1; k < hx__pl_nmaps; k++) assert_true(strcmp(hx__pl_maps[k - 1].cameo, hx__pl_maps[k].cameo) < 0);
}

/* ---------------------------------------------------------------- modes, contexts, aux */

static void assault_modes_come_from_the_means(void **state)
{
    hx_ctx *ctx = *state;
    expect_mode(ctx, "Un coche bomba mató a diez personas en Bagdad.", "ASSAULT", "explosives");
    expect_mode(ctx, "Una bomba estalló al paso de una patrulla y mató a tres soldados.", "ASSAULT", "explosives");
    expect_mode(ctx, "Hombres armados mataron a tiros a dos policías.", "ASSAULT", "firearms");
    expect_mode(ctx, "Los guerrilleros atacaron con fusiles el puesto militar.", "ASSAULT", "firearms");
    expect_mode(ctx, "Un dron atacó un convoy militar en Siria.", "ASSAULT", "drone");
    expect_mode(ctx, "La aviación rusa bombardeó la ciudad de Járkov.", "ASSAULT", "aerial");
    expect_mode(ctx, "Los rebeldes secuestraron a tres periodistas.", "ASSAULT", "abduct");
    expect_mode(ctx, "El ejército atacó la ciudad.", "ASSAULT", NULL);
}

static void protest_modes_come_from_the_action(void **state)
{
    hx_ctx *ctx = *state;
    expect_mode(ctx, "Miles de personas se manifestaron en Caracas contra el Gobierno.", "PROTEST", "demo");
    expect_mode(ctx, "Los trabajadores iniciaron una huelga de hambre en Lima.", "PROTEST", "strike-hun");
    expect_mode(ctx, "Los presos mantienen una huelga de hambre desde el lunes.", "PROTEST", "strike-hun");
    expect_mode(ctx, "Los sindicatos convocaron una huelga general en Bogotá.", "PROTEST", "strike-gen");
    expect_mode(ctx, "Los manifestantes bloquearon la carretera.", "PROTEST", "obstruct");
    expect_mode(ctx, "Los estudiantes protestaron frente al Congreso.", "PROTEST", NULL);
    /* who gathers decides: protesters who meet demonstrate; ministers consult */
    expect_mode(ctx, "Miles de manifestantes se reunieron frente al Congreso.", "PROTEST", "demo");
    expect_mode(ctx, "Decenas de manifestantes se reunieron ante la embajada de Francia.", "PROTEST", "demo");
    expect_mode(ctx, "Los ministros se reunieron en Lima.", "CONSULT", "third-party");
}

static void contexts_aux_and_location(void **state)
{
    hx_ctx *ctx = *state;
    json_t *p = plover_of(ctx, "Los sindicatos convocaron una huelga general en Bogotá contra la corrupción.", "PROTEST");
    assert_true(has_string(json_object_get(p, "contexts"), "corruption"));
    json_t *loc = json_object_get(p, "location");
    assert_string_equal(json_string_value(json_object_get(loc, "resolution")), "city");
    assert_string_equal(json_string_value(json_object_get(loc, "country")), "CO");
    assert_true(json_is_number(json_object_get(loc, "lat")));
    json_decref(p);

    p = plover_of(ctx, "La policía detuvo a 20 personas en Venezuela antes de las elecciones.", "COERCE");
    assert_true(has_string(json_object_get(p, "contexts"), "election"));
    assert_string_equal(json_string_value(json_object_get(p, "mode")), "arrest");
    assert_int_equal(json_integer_value(json_object_get(p, "arrested")), 20);
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "location"), "resolution")), "country");
    json_decref(p);

    p = plover_of(ctx, "Rusia no atacó Ucrania.", "ASSAULT");
    assert_true(has_string(json_object_get(p, "aux"), "negation"));
    json_t *a = json_array_get(json_object_get(p, "actors"), 0), *r = json_array_get(json_object_get(p, "recipients"), 0);
    assert_string_equal(json_string_value(json_object_get(a, "code")), "RUS");
    assert_string_equal(json_string_value(json_object_get(r, "code")), "UKR");
    json_decref(p);
    p = plover_of(ctx, "Rusia podría atacar Ucrania.", "ASSAULT");
    assert_true(has_string(json_object_get(p, "aux"), "hypothetical"));
    assert_false(has_string(json_object_get(p, "aux"), "negation"));
    json_decref(p);
    p = plover_of(ctx, "Los ministros de Francia y Alemania se reunirán en Madrid.", "CONSULT");
    assert_true(has_string(json_object_get(p, "aux"), "future"));
    json_decref(p);
    p = plover_of(ctx, "En 2010, el ejército atacó la ciudad.", "ASSAULT");
    assert_true(has_string(json_object_get(p, "aux"), "historical"));
    json_decref(p);
    p = plover_of(ctx, "Ayer el ejército atacó la ciudad.", "ASSAULT");
    assert_int_equal(json_array_size(json_object_get(p, "aux")), 0);
    json_decref(p);
    p = plover_of(ctx, "Los soldados de Israel detuvieron a dos periodistas.", "COERCE");
    a = json_array_get(json_object_get(p, "actors"), 0);
    r = json_array_get(json_object_get(p, "recipients"), 0);
    assert_string_equal(json_string_value(json_object_get(a, "sector")), "MIL");
    assert_string_equal(json_string_value(json_object_get(r, "sector")), "JRN");
    json_decref(p);
}

/* PLOVER makes one record of CAMEO events of one sentence with the same type and
 * compatible actors; the first takes the others' mode and casualties. */
static void one_record_per_type_and_actors(void **state)
{
    hx_ctx *ctx = *state;
    const char *merged[][3] = {
        {"Un coche bomba mató a diez personas en Bagdad.", "ASSAULT", "explosives"},
        {"Los mineros iniciaron una huelga para protestar contra el Gobierno.", "PROTEST", "strike-lim"},
        {"Los campesinos bloquearon la carretera en protesta por los precios.", "PROTEST", "obstruct"},
        {"Los estudiantes se manifestaron para protestar contra la reforma.", "PROTEST", "demo"},
    };
    for (size_t k = 0; k < sizeof merged / sizeof merged[0]; k++) {
        json_t *j = doc_json(ctx, merged[k][0]), *ev;
        size_t i, records = 0, repeats = 0;
        json_array_foreach(json_object_get(j, "events"), i, ev) {
            json_t *p = json_object_get(ev, "plover");
            if (json_object_get(p, "same_as")) {
                assert_true((size_t)json_integer_value(json_object_get(p, "same_as")) < i);
                repeats++;
            } else if (json_is_object(p) && strcmp(json_string_value(json_object_get(p, "type")), merged[k][1]) == 0) {
                records++;
                assert_string_equal(json_string_value(json_object_get(p, "mode")), merged[k][2]);
            }
        }
        if (records != 1 || repeats < 1) print_message("%s: %zu records, %zu repeats\n", merged[k][0], records, repeats);
        assert_int_equal(records, 1);
        assert_true(repeats >= 1);
        json_decref(j);
    }
    json_t *p = plover_of(ctx, "Un coche bomba mató a diez personas en Bagdad.", "ASSAULT");
    assert_int_equal(json_integer_value(json_object_get(p, "dead")), 10);
    json_decref(p);
    p = plover_of(ctx, "Los estudiantes se manifestaron para protestar contra la reforma.", "PROTEST");
    assert_int_equal(json_array_size(json_object_get(p, "aux")), 0); /* the purpose is not hedging */
    json_decref(p);
    /* different actors or polarity, or a hedged event before a factual one: separate */
    const char *apart[] = {"Rusia atacó Ucrania y Polonia atacó Bielorrusia.", "Rusia atacó Ucrania pero no atacó Polonia.",
                           "Para expulsar a los rebeldes, el ejército atacó la ciudad."};
    for (size_t k = 0; k < sizeof apart / sizeof apart[0]; k++) {
        json_t *j = doc_json(ctx, apart[k]), *ev;
        size_t i, records = 0;
        json_array_foreach(json_object_get(j, "events"), i, ev) records += json_object_get(json_object_get(ev, "plover"), "type") != NULL;
        if (records != 2) print_message("%s: %zu records\n", apart[k], records);
        assert_int_equal(records, 2);
        json_decref(j);
    }
}

/* A headline written in capitals carries no casing: its words are triggers like any
 * others (src/events/events.c, all_caps), as they are in lower case. */
static void headlines_in_capitals_are_read(void **state)
{
    hx_ctx *ctx = *state;
    expect_mode(ctx, "MILES DE ESTUDIANTES MARCHAN EN SANTIAGO CONTRA EL GOBIERNO", "PROTEST", "demo");
    expect_mode(ctx, "SINDICATOS CONVOCAN HUELGA GENERAL EN BOLIVIA", "PROTEST", "strike-gen");
    expect_mode(ctx, "ITALIA PROTESTA POR PRESUNTO MALTRATO A CIUDADANO ITALIANO", "PROTEST", NULL);
    expect_mode(ctx, "EL EJERCITO ATACA UNA ALDEA EN EL NORTE", "ASSAULT", NULL);
    /* in a mixed-case sentence a capital still starts a name, not a trigger */
    json_t *j = doc_json(ctx, "El diario Protesta publicó una entrevista.");
    size_t i;
    json_t *ev;
    json_array_foreach(json_object_get(j, "events"), i, ev) {
        json_t *p = json_object_get(ev, "plover");
        assert_false(json_is_object(p) && strcmp(json_string_value(json_object_get(p, "type")), "PROTEST") == 0);
    }
    json_decref(j);
}

/* Participants as the manual puts them: visitor source, host recipient; in a meeting
 * nobody hosts, every participant is a source. */
static void consult_participants(void **state)
{
    hx_ctx *ctx = *state;
    json_t *p = plover_of(ctx, "Lavrov visitó Pyongyang.", "CONSULT");
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(p, "actors"), 0), "text")), "Lavrov");
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(p, "recipients"), 0), "text")), "Pyongyang");
    json_decref(p);
    p = plover_of(ctx, "Rusia y China se reunieron en Pekín.", "CONSULT");
    assert_int_equal(json_array_size(json_object_get(p, "actors")), 2);
    assert_int_equal(json_array_size(json_object_get(p, "recipients")), 0);
    json_decref(p);
    p = plover_of(ctx, "El presidente de Francia recibió la visita del canciller ruso.", "CONSULT"); /* 043: host */
    json_t *r = json_array_get(json_object_get(p, "recipients"), 0);
    assert_non_null(r);
    assert_string_equal(json_string_value(json_object_get(r, "text")), "presidente de Francia");
    assert_string_equal(json_string_value(json_object_get(r, "code")), "FRA");
    json_decref(p);
}

/* A sentence of thousands of events of one type: the repeat search is bounded, so the
 * PLOVER output stays linear (it was quadratic before the bound: 28 s for 3,000 events). */
static void long_sentence_stays_linear(void **state)
{
    static const char unit[] = "Rusia atacó Ucrania y Polonia protestó y ";
    size_t n = 1500, len = strlen(unit);
    char *text = malloc(n * len + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) memcpy(text + i * len, unit, len);
    text[n * len] = '\0';
    hx_doc *doc = analyse(*state, text);
    clock_t t0 = clock();
    char *out = NULL;
    size_t olen = 0;
    hx_error err;
    assert_int_equal(hx_doc_plover(doc, &out, &olen, &err), HX_OK);
    hx_free(out);
    assert_int_equal(hx_doc_json(doc, HX_JSON_NO_TOKENS, &out, &olen, &err), HX_OK);
    hx_free(out);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    print_message("%zu events, PLOVER records and JSON in %.2f s of CPU\n", hx_doc_nevents(doc), secs);
    assert_true(hx_doc_nevents(doc) >= n);
    assert_true(secs < 5.0);
    hx_doc_free(doc);
    free(text);
}

/* ---------------------------------------------------------------- output */

static void uncoded_events_have_a_null_plover(void **state)
{
    json_t *j = doc_json(*state, "El ministro declaró que la situación es grave.");
    json_t *ev = json_array_get(json_object_get(j, "events"), 0);
    assert_non_null(ev);
    assert_string_equal(json_string_value(json_object_get(ev, "cameo")), "010");
    assert_true(json_is_null(json_object_get(ev, "plover")));
    json_decref(j);
    j = doc_json(*state, "Rusia atacó Ucrania.");
    json_t *p = json_object_get(json_array_get(json_object_get(j, "events"), 0), "plover");
    assert_string_equal(json_string_value(json_object_get(p, "version")), HX__PL_VERSION);
    json_decref(j);
}

static void json_lines_one_record_per_coded_event(void **state)
{
    const char *text = "El ministro declaró que la policía detuvo a tres hombres. "
                       "Miles de personas se manifestaron en Lima. Rusia atacó Ucrania.";
    hx_doc *doc = analyse(*state, text);
    char *out = NULL;
    size_t len = 0;
    hx_error err;
    assert_int_equal(hx_doc_plover(doc, &out, &len, &err), HX_OK);
    assert_int_equal(strlen(out), len);
    size_t coded = 0, lines = 0;
    /* one record per event whose plover member has a type (not null, not same_as) */
    json_t *j = doc_json(*state, text), *ev;
    size_t i;
    json_array_foreach(json_object_get(j, "events"), i, ev) coded += json_object_get(json_object_get(ev, "plover"), "type") != NULL;
    json_decref(j);
    for (char *line = out, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        assert_non_null(nl); /* every record ends in a newline */
        json_t *r = json_loadb(line, (size_t)(nl - line), 0, NULL);
        assert_non_null(r);
        assert_string_equal(json_string_value(json_object_get(r, "story_id")), "t1");
        assert_string_equal(json_string_value(json_object_get(r, "url")), "https://example.org/t1");
        assert_string_equal(json_string_value(json_object_get(r, "story_date")), "2025-07-12");
        assert_string_equal(json_string_value(json_object_get(r, "language")), "es");
        assert_string_equal(json_string_value(json_object_get(r, "version")), HX__PL_VERSION);
        assert_true(json_is_string(json_object_get(r, "type")));
        assert_true(json_is_array(json_object_get(r, "actors")));
        assert_true(json_is_object(json_object_get(r, "trigger")));
        lines++;
        json_decref(r);
    }
    assert_int_equal(lines, coded);
    assert_true(lines >= 3);
    hx_free(out);
    assert_int_equal(hx_doc_plover(NULL, &out, NULL, &err), HX_INVAL);
    hx_doc_free(doc);
    /* no event: an empty string */
    doc = analyse(*state, "Hace buen tiempo.");
    assert_int_equal(hx_doc_plover(doc, &out, &len, &err), HX_OK);
    assert_int_equal(len, 0);
    assert_string_equal(out, "");
    hx_free(out);
    hx_doc_free(doc);
}

/* The command line: `hechos extract --jsonl --format plover` keeps the article's fields,
 * prints nothing for an article without PLOVER events, and refuses an unknown format. */
static void cli_prints_plover_json_lines(void **state)
{
    (void)state;
    char in[] = "/tmp/hx_test_plover_XXXXXX";
    int fd = mkstemp(in);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("{\"id\":\"a1\",\"url\":\"https://example.org/a1\",\"date\":\"2024-03-01\","
          "\"text\":\"Miles de personas se manifestaron en Quito. Hace sol.\"}\n"
          "{\"id\":\"a2\",\"text\":\"Hace buen tiempo.\"}\n", f);
    fclose(f);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' extract --jsonl --format plover '%s'", tu_bin(), in);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[8192];
    size_t n = 0;
    while (fgets(line, sizeof line, p)) {
        json_t *r = json_loads(line, 0, NULL);
        assert_non_null(r);
        assert_string_equal(json_string_value(json_object_get(r, "story_id")), "a1");
        assert_string_equal(json_string_value(json_object_get(r, "id")), "a1-1");
        assert_string_equal(json_string_value(json_object_get(r, "url")), "https://example.org/a1");
        assert_string_equal(json_string_value(json_object_get(r, "story_date")), "2024-03-01");
        assert_string_equal(json_string_value(json_object_get(r, "type")), "PROTEST");
        json_decref(r);
        n++;
    }
    assert_int_equal(pclose(p), 0);
    assert_int_equal(n, 1);
    snprintf(cmd, sizeof cmd, "'%s' extract --format xml '%s' 2>&1", tu_bin(), in);
    p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(line, sizeof line, p));
    assert_non_null(strstr(line, "--format wants json or plover"));
    int rc = pclose(p);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 64);
    remove(in);
}

/* ---------------------------------------------------------------- accuracy on gold */

/* Floors for tools/plover_eval.py on the AFP PLOVER gold: micro type F1 per part.
 * Measured (docs/events.md): see there; the floors sit a little below. */
#define FLOOR_TUNING_F1 0.35
#define FLOOR_VALIDATION_F1 0.43
#define CEIL_UNCODED 0.18

static void afp_gold_keeps_its_floor(void **state)
{
    (void)state;
    TU_REQUIRE_SHARED();
    char *gold = tu_shared_path("data/petrarch-es/afp_protest_plover.dev.jsonl");
    TU_REQUIRE_FILE(gold);
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "python3 tools/plover_eval.py --bin '%s' --gold '%s' --json", tu_bin(), gold);
    free(gold);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    json_error_t jerr;
    json_t *j = json_loadf(f, 0, &jerr);
    int rc = pclose(f);
    assert_int_equal(rc, 0);
    assert_non_null(j);
    const char *parts[] = {"tuning", "validation"};
    const double floors[] = {FLOOR_TUNING_F1, FLOOR_VALIDATION_F1};
    for (int k = 0; k < 2; k++) {
        json_t *p = json_object_get(j, parts[k]);
        assert_non_null(p);
        double f1 = json_real_value(json_object_get(p, "f1"));
        double unc = json_real_value(json_object_get(p, "uncoded"));
        print_message("%s: %lld records, type F1 %.3f (P %.3f R %.3f), uncoded %.3f, extra %.3f\n", parts[k],
                      json_integer_value(json_object_get(p, "records")), f1,
                      json_real_value(json_object_get(p, "p")), json_real_value(json_object_get(p, "r")), unc,
                      json_real_value(json_object_get(p, "extra_per_record")));
        assert_true(f1 >= floors[k]);
        assert_true(unc <= CEIL_UNCODED);
    }
    /* the split is the one the figures were measured on */
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "tuning"), "records")), 172);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "validation"), "records")), 180);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cameo_08_splits_into_concede_and_retreat),
        cmocka_unit_test(dropped_families_and_renamed_types),
        cmocka_unit_test(every_dictionary_code_is_mapped),
        cmocka_unit_test(assault_modes_come_from_the_means),
        cmocka_unit_test(protest_modes_come_from_the_action),
        cmocka_unit_test(contexts_aux_and_location),
        cmocka_unit_test(consult_participants),
        cmocka_unit_test(long_sentence_stays_linear),
        cmocka_unit_test(one_record_per_type_and_actors),
        cmocka_unit_test(headlines_in_capitals_are_read),
        cmocka_unit_test(uncoded_events_have_a_null_plover),
        cmocka_unit_test(json_lines_one_record_per_coded_event),
        cmocka_unit_test(cli_prints_plover_json_lines),
        cmocka_unit_test(afp_gold_keeps_its_floor),
    };
    return cmocka_run_group_tests(tests, tu_setup_ctx, tu_teardown_ctx);
}
